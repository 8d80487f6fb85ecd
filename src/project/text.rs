//! The texts users configure with minijinja placeholders: certificate text,
//! certificate ids and output file names.

use minijinja::{Environment, UndefinedBehavior, Value};

/// Compiled patterns of one batch.
pub struct Patterns {
    env: Environment<'static>,
}

/// The names patterns are registered under.
pub const TEXT: &str = "text";
/// Participation certificate text.
pub const PARTICIPATION_TEXT: &str = "participation_text";
/// Certificate id.
pub const ID: &str = "id";
/// Output file name.
pub const FILE_NAME: &str = "file_name";

/// Lower-case ASCII with hyphens: `Åsa Öberg-Ek` → `asa-oberg-ek`.
pub fn slug(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // Long enough to tell people apart, short enough for any file system.
    const MAX: usize = 60;
    if out.len() > MAX {
        let cut = out[..MAX].rfind('-').unwrap_or(MAX);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_owned()
}

fn pad(value: Value, width: Option<usize>) -> Result<String, minijinja::Error> {
    let width = width.unwrap_or(4);
    Ok(format!("{:0>width$}", value.to_string()))
}

/// A count in words up to twelve, in the document's language (`lang` in
/// the context): "tre av fyra", as running text writes it.
fn in_words(state: &minijinja::State, n: usize) -> String {
    let lang = state.lookup("lang").and_then(|l| l.as_str().and_then(crate::locale::Lang::parse));
    crate::locale::few(n, lang.unwrap_or(crate::locale::Lang::SV))
}

impl Patterns {
    /// Compiles the given `(name, source)` patterns; the error says which one
    /// is wrong and why.
    pub fn new(patterns: &[(&'static str, String)]) -> Result<Patterns, (&'static str, String)> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.add_filter("slug", |s: String| slug(&s));
        env.add_filter("pad", pad);
        env.add_filter("upper", |s: String| s.to_uppercase());
        env.add_filter("in_words", in_words);
        for (name, source) in patterns {
            env.add_template_owned(*name, source.clone()).map_err(|e| (*name, describe(&e)))?;
        }
        Ok(Patterns { env })
    }

    /// Renders one pattern with a context.
    pub fn render(&self, name: &'static str, ctx: &Value) -> Result<String, String> {
        let t = self.env.get_template(name).map_err(|e| describe(&e))?;
        t.render(ctx).map(|s| s.trim().to_owned()).map_err(|e| describe(&e))
    }
}

/// One line that says what is wrong in a pattern (or any text of
/// intyg.toml with placeholders), with the line it is on.
pub fn describe(e: &minijinja::Error) -> String {
    let mut msg = match e.detail() {
        Some(d) => format!("{}: {d}", e.kind()),
        None => e.kind().to_string(),
    };
    if let Some(line) = e.line() {
        msg.push_str(&tr!(" (line {line} of the pattern)", " (rad {line} i mönstret)"));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Åsa Öberg-Ek"), "asa-oberg-ek");
        assert_eq!(slug("  Čáslav Đoković "), "caslav-dokovic");
        assert_eq!(slug("../../etc"), "etc");
        let long = slug("Anna-Karin Maria Elisabeth Charlotta Gustafsdotter von Löwenhielm-Ångström af Wetterstedt");
        assert_eq!(long, "anna-karin-maria-elisabeth-charlotta-gustafsdotter-von");
    }

    #[test]
    fn patterns_render_and_typos_fail() {
        let p = Patterns::new(&[(ID, "{{ code }}-{{ serial | pad(4) }}".into())]).unwrap();
        let ctx = minijinja::context! { code => "MRS19", serial => 7 };
        assert_eq!(p.render(ID, &ctx).unwrap(), "MRS19-0007");
        let p = Patterns::new(&[(ID, "{{ cod }}".into())]).unwrap();
        let err = p.render(ID, &ctx).unwrap_err();
        assert!(err.contains("undefined"), "{err}");
        assert!(Patterns::new(&[(ID, "{{ x ".into())]).is_err());
    }
}
