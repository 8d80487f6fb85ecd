//! The command-line help in Swedish. clap takes its help from the doc
//! comments in `cli.rs`, which are English; a Swedish user gets the same
//! command with every text swapped for its line in `help.sv.toml`, and
//! clap's own words (Usage, Options, Print help, default) in Swedish too.

use std::collections::HashMap;

use clap::Command;

/// The Swedish texts: command path → key → text.
type Table = HashMap<String, HashMap<String, String>>;

fn table() -> Table {
    // The file is part of the binary and a test reads it: it parses.
    toml::from_str(include_str!("help.sv.toml")).unwrap_or_default()
}

/// Swedish help for intyg's command.
pub fn help(command: Command) -> Command {
    let table = table();
    let mut command = command;
    command.build();
    translate(command, "intyg", &table)
}

/// A command-line error in Swedish, as error and hint lines (labelled in
/// the messages' language: the caller sets it to Swedish) and the usage; `None` for what is not an error (help, version) or a kind clap
/// words best in English.
pub fn error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    let text = |kind: C| -> String {
        match e.get(kind) {
            Some(V::String(s)) => s.clone(),
            Some(V::Strings(v)) => v.join(", "),
            Some(V::StyledStr(s)) => s.to_string(),
            Some(V::StyledStrs(v)) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            Some(V::Number(n)) => n.to_string(),
            Some(V::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let (arg, value) = (text(C::InvalidArg), text(C::InvalidValue));
    let message = match e.kind() {
        K::InvalidValue if value.is_empty() => format!("{arg} behöver ett värde"),
        K::InvalidValue => format!("\"{value}\" går inte att använda för {arg}"),
        K::ValueValidation => format!("\"{value}\" går inte att använda för {arg}"),
        K::UnknownArgument => format!("okänt argument \"{arg}\""),
        K::InvalidSubcommand => format!("okänt kommando \"{}\"", text(C::InvalidSubcommand)),
        K::MissingRequiredArgument => format!("det här behövs också: {arg}"),
        K::MissingSubcommand => "ange ett kommando".to_owned(),
        K::ArgumentConflict => format!("{arg} går inte att kombinera med {}", text(C::PriorArg)),
        K::TooManyValues | K::WrongNumberOfValues | K::TooFewValues => format!("fel antal värden för {arg}"),
        K::NoEquals => format!("skriv {arg}=VÄRDE"),
        _ => return None,
    };
    let valid = text(C::ValidValue);
    let suggestion =
        [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue].into_iter().map(text).find(|s| !s.is_empty());
    let hint = match (suggestion, valid.is_empty()) {
        (Some(s), _) => format!("menade du \"{s}\"?"),
        (None, false) => format!("möjliga värden: {valid}"),
        (None, true) => "se --help".to_owned(),
    };
    let usage = text(C::Usage).replace("Usage:", "Användning:");
    let error = crate::problem::Hinted::to_text(&message, &hint);
    Some(if usage.is_empty() { error } else { format!("{error}\n\n{usage}") })
}

/// A value's placeholder in Swedish: `<ÅÅÅÅ-MM-DD>`, `<FIL.pdf>`, `<MAPP>`.
fn swedish_value_name(name: &str) -> String {
    let whole = match name {
        "WITHIN" => "TID",
        "KIND" => "SLAG",
        "SHELL" => "SKAL",
        "YEAR" => "ÅR",
        "FILES" => "FILER",
        _ => name,
    };
    whole.replace("YYYY", "ÅÅÅÅ").replace("FILE", "FIL").replace("DIR", "MAPP").replace("NAME", "NAMN")
}

/// The table's name for a command: its path without `intyg`.
fn path_of(parent: &str, name: &str) -> String {
    if parent == "intyg" { name.to_owned() } else { format!("{parent} {name}") }
}

fn translate(mut command: Command, path: &str, table: &Table) -> Command {
    let empty = HashMap::new();
    let own = table.get(path).unwrap_or(&empty);
    let input = table.get("input").unwrap_or(&empty);
    let root = table.get("intyg").unwrap_or(&empty);
    if let Some(about) = own.get("about") {
        command = command.about(about.clone());
        let long = match own.get("long") {
            Some(long) => format!("{about}.\n\n{long}"),
            None => about.clone(),
        };
        command = command.long_about(long);
    }
    let ids: Vec<(String, bool)> =
        command.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
    for (id, positional) in ids {
        if id == "help" {
            command = command.mut_arg("help", |a| {
                a.help("Visa hjälpen").long_help("Visa hjälpen (en sammanfattning med -h)").help_heading("Alternativ")
            });
            continue;
        }
        let text = match id.as_str() {
            "version" => Some("Visa versionen".to_owned()),
            _ => own.get(&id).or_else(|| input.get(&id)).or_else(|| root.get(&id)).cloned(),
        };
        command = command.mut_arg(id.as_str(), |arg| {
            let mut extra = Vec::new();
            let defaults: Vec<String> =
                arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            let takes_values = arg.get_action().takes_values();
            let names: Vec<String> = match arg.get_value_names() {
                Some(names) => names.iter().map(|n| swedish_value_name(n)).collect(),
                None if takes_values => vec![swedish_value_name(&arg.get_id().as_str().to_uppercase())],
                None => Vec::new(),
            };
            let arg = if names.is_empty() { arg } else { arg.value_names(names) };
            if !defaults.is_empty() && !arg.is_hide_default_value_set() && takes_values {
                extra.push(format!("[standard: {}]", defaults.join(", ")));
            }
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() && !arg.is_hide_possible_values_set() && takes_values {
                extra.push(format!("[värden: {}]", values.join(", ")));
            }
            let mut arg = arg.hide_default_value(true).hide_possible_values(true).help_heading(if positional {
                "Argument"
            } else {
                "Alternativ"
            });
            if let Some(text) = &text {
                let text = if extra.is_empty() { text.clone() } else { format!("{text} {}", extra.join(" ")) };
                arg = arg.help(text.clone()).long_help(text);
            }
            arg
        });
    }
    let usage = command
        .render_usage()
        .to_string()
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[ALTERNATIV]")
        .replace("<COMMAND>", "<KOMMANDO>")
        .replace("[COMMAND]", "[KOMMANDO]");
    // After the arguments, whose placeholders the usage shows.
    command = command
        .override_usage(usage)
        .help_template("{before-help}{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Kommandon")
        .subcommand_value_name("KOMMANDO");
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        let sub = path_of(path, &name);
        command = command.mut_subcommand(name.as_str(), |c| {
            if name == "help" {
                return c
                    .about("Visa den här hjälpen eller hjälpen för ett kommando")
                    .help_template("{about-with-newline}\nAnvändning: {usage}\n\n{all-args}");
            }
            translate(c, &sub, table)
        });
    }
    command
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command and argument a user sees, with its table path.
    fn visible(command: &Command, path: &str, out: &mut Vec<(String, Option<String>)>) {
        out.push((path.to_owned(), None));
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if !arg.is_hide_set() && !["help", "version"].contains(&id) {
                out.push((path.to_owned(), Some(id.to_owned())));
            }
        }
        for sub in command.get_subcommands() {
            if !sub.is_hide_set() && sub.get_name() != "help" {
                visible(sub, &path_of(path, sub.get_name()), out);
            }
        }
    }

    #[test]
    fn every_command_and_argument_has_its_swedish_help_and_no_line_is_left_over() {
        let table = table();
        assert!(table.contains_key("intyg") && table.contains_key("input"), "help.sv.toml does not parse");
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut seen = Vec::new();
        visible(&command, "intyg", &mut seen);
        let mut used = std::collections::HashSet::new();
        for (path, arg) in &seen {
            let own = table.get(path);
            match arg {
                None => {
                    assert!(own.is_some_and(|t| t.contains_key("about")), "no Swedish about for `{path}`");
                    used.insert((path.clone(), "about".to_owned()));
                    used.insert((path.clone(), "long".to_owned()));
                }
                Some(id) => {
                    let at = [path.as_str(), "input", "intyg"]
                        .into_iter()
                        .find(|p| table.get(*p).is_some_and(|t| t.contains_key(id)));
                    let at = at.unwrap_or_else(|| panic!("no Swedish help for `{path}` --{id}"));
                    used.insert((at.to_owned(), id.clone()));
                }
            }
        }
        for (path, keys) in &table {
            for key in keys.keys() {
                assert!(used.contains(&(path.clone(), key.clone())), "[{path}] {key} is not an argument any more");
            }
        }
    }

    #[test]
    fn command_line_errors_are_in_swedish_with_a_suggestion() {
        let command = || help(crate::cli::Cli::command());
        let e = command().try_get_matches_from(["intyg", "issue", "x", "--jsonn"]).unwrap_err();
        let text = error(&e).unwrap();
        assert!(text.contains("okänt argument \"--jsonn\"") && text.contains("menade du \"--json\"?"), "{text}");
        assert!(text.contains("Användning: intyg issue [ALTERNATIV] <MAPP>"), "{text}");
        let e = command().try_get_matches_from(["intyg", "issue"]).unwrap_err();
        assert!(error(&e).unwrap().contains("det här behövs också: <MAPP>"), "{e}");
        let e = command().try_get_matches_from(["intyg", "init", "x", "--kind", "kurs"]).unwrap_err();
        let text = error(&e).unwrap();
        assert!(text.contains("\"kurs\" går inte att använda för --kind <SLAG>"), "{text}");
        let help = command().try_get_matches_from(["intyg", "--help"]).unwrap_err();
        assert!(error(&help).is_none());
    }

    #[test]
    fn swedish_help_has_swedish_headings_defaults_and_texts() {
        let mut command = help(crate::cli::Cli::command());
        let top = command.render_help().to_string();
        for want in ["Användning: intyg [ALTERNATIV] <KOMMANDO>", "Kommandon:", "Alternativ:", "Visa versionen"] {
            assert!(top.contains(want), "{want} not in\n{top}");
        }
        let expiring = command.find_subcommand_mut("expiring").unwrap().render_long_help().to_string();
        for want in ["Argument:", "<REGISTER>", "Registret som `intyg issue` skrev", "[standard: 90d]", "Exempel:"] {
            assert!(expiring.contains(want), "{want} not in\n{expiring}");
        }
        for english in ["Usage", "Options", "Print", "default", "Arguments", "Example"] {
            assert!(!top.contains(english) && !expiring.contains(english), "{english} in\n{top}\n{expiring}");
        }
    }
}
