//! Delivery by e-mail, the last stage: each document's message (subject
//! and body from minijinja templates over the document's data, the PDF
//! attached), the organisation's mail server it goes through ([`smtp`]),
//! and the log that lets a rerun send only what is not yet sent ([`log`]).

pub mod log;
pub mod password;
pub mod smtp;

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde_json::Value;

use crate::locale::Lang;
use crate::project::text::describe;
use crate::project::{EmailText, Kind};

/// The key of the subject in `[email]`, and its template's name.
pub const SUBJECT: &str = "subject";
/// The key of the plain-text body.
pub const BODY: &str = "body";
/// The key of the HTML body.
pub const HTML: &str = "html";

/// The compiled subject and bodies of a batch's messages.
pub struct Texts {
    env: Environment<'static>,
    html: bool,
}

/// A text of `[email]` that does not work: its key, and why.
#[derive(Debug)]
pub struct TextError {
    /// `subject`, `body` or `html`.
    pub key: &'static str,
    /// What minijinja said, with the line of the text.
    pub message: String,
}

/// One message's texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// One line.
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// HTML, when `[email] html` is set.
    pub html: Option<String>,
}

impl Texts {
    /// Compiles the texts of `[email]`, or the defaults of a `folder` of
    /// that kind in `lang`.
    pub fn new(email: &EmailText, folder: Kind, lang: Lang) -> Result<Texts, TextError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(true);
        // A name with < or & is text in the HTML body, never markup.
        env.set_auto_escape_callback(|name| if name == HTML { AutoEscape::Html } else { AutoEscape::None });
        let subject = email.subject.clone().unwrap_or_else(|| default_subject(folder, lang).to_owned());
        let body = email.body.clone().unwrap_or_else(|| default_body(folder, lang).to_owned());
        let mut sources = vec![(SUBJECT, subject), (BODY, body)];
        if let Some(html) = &email.html {
            sources.push((HTML, html.clone()));
        }
        for (key, source) in sources {
            env.add_template_owned(key, source).map_err(|e| TextError { key, message: describe(&e) })?;
        }
        Ok(Texts { env, html: email.html.is_some() })
    }

    /// The texts of the message carrying a document whose data is `ctx`
    /// (see [`context`]).
    pub fn render(&self, ctx: &Value) -> Result<Letter, TextError> {
        let ctx = minijinja::Value::from_serialize(ctx);
        let one = |key: &'static str| -> Result<String, TextError> {
            let t = self.env.get_template(key).map_err(|e| TextError { key, message: describe(&e) })?;
            t.render(&ctx).map_err(|e| TextError { key, message: describe(&e) })
        };
        // A header is one line: a line break in a name cannot start another header.
        let subject = one(SUBJECT)?.split_whitespace().collect::<Vec<_>>().join(" ");
        let body = tidy(&one(BODY)?);
        let html = if self.html { Some(one(HTML)?) } else { None };
        Ok(Letter { subject, body, html })
    }
}

/// Blank lines that `{% if %}` blocks leave behind, two or more in a row,
/// become one; the text ends with one line break.
fn tidy(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank = 0;
    for line in body.trim().lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// What the texts of a document's message see: the document's data as its
/// template gets it, without what only a page can use (the QR image, the
/// credential), and with `kind_title`, `file` and `recipient`.
pub fn context(mut data: Value, kind_title: &str, file: &str, recipient: &str) -> Value {
    if let Value::Object(map) = &mut data {
        map.remove("$dates");
        map.remove("$paths");
        map.remove("credential");
        map.insert("kind_title".into(), Value::from(kind_title));
        map.insert("file".into(), Value::from(file));
        map.insert("recipient".into(), Value::from(recipient));
        if let Some(Value::Object(verify)) = map.get_mut("verify") {
            verify.remove("qr");
            verify.remove("qr_svg");
        }
    }
    data
}

/// The words-table key of the default subject or body (`part`) of a
/// message about a document of `folder`: a diploma's is to an
/// organisation, every other to a person.
fn default_key(folder: Kind, part: &str) -> String {
    let to = if folder.for_people() { "people" } else { "organisations" };
    format!("mail_{part}_{to}")
}

fn default_subject(folder: Kind, lang: Lang) -> &'static str {
    crate::locale::words::word(lang, &default_key(folder, "subject"))
}

fn default_body(folder: Kind, lang: Lang) -> &'static str {
    crate::locale::words::word(lang, &default_key(folder, "body"))
}

/// Reads an address as a mailbox (`Name <address>` or an address), or
/// says why it is none.
pub fn mailbox(text: &str) -> Result<Mailbox, String> {
    let text = text.trim();
    // `Piteå kommun, Mångfald <a@b.se>` as people write it: the name need
    // not be quoted, whatever it holds; lettre quotes it when it is sent.
    if let Some((name, rest)) = text.rsplit_once('<')
        && let Some(address) = rest.strip_suffix('>')
    {
        let name = name.trim().trim_matches('"').trim();
        return recipient(name, address);
    }
    text.parse::<Mailbox>().map_err(|e| e.to_string())
}

/// The recipient `address` with the holder's `name` shown.
pub fn recipient(name: &str, address: &str) -> Result<Mailbox, String> {
    let address = address.trim().parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
    // A name is shown as given; lettre quotes and encodes it.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
}

/// Who a message is from and where replies go.
#[derive(Debug, Clone)]
pub struct Sender {
    /// The `From:` mailbox, also the envelope's sender.
    pub from: Mailbox,
    /// `Reply-To:`, if set.
    pub reply_to: Option<Mailbox>,
}

/// The whole message, ready to send or save as `.eml`: `texts`, the PDF
/// `pdf` attached as `file`, and a `Message-ID` made of the document's
/// `id` and `unique`, so that a resent message is a new one to every mail
/// program.
pub fn message(
    sender: &Sender,
    to: &Mailbox,
    texts: &Letter,
    file: &str,
    pdf: Vec<u8>,
    id: &str,
    unique: &str,
) -> Result<Message, String> {
    let domain = sender.from.email.domain();
    // Only what a Message-ID may hold unquoted.
    let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')).collect();
    let mut builder = Message::builder()
        .from(sender.from.clone())
        .to(to.clone())
        .subject(texts.subject.clone())
        .message_id(Some(format!("<{id}.{unique}@{domain}>")))
        .date_now();
    if let Some(r) = &sender.reply_to {
        builder = builder.reply_to(r.clone());
    }
    let text = SinglePart::plain(texts.body.clone());
    let body = match &texts.html {
        Some(html) => MultiPart::alternative().singlepart(text).singlepart(SinglePart::html(html.clone())),
        None => MultiPart::mixed().singlepart(text),
    };
    let pdf_type = ContentType::parse("application/pdf").map_err(|e| e.to_string())?;
    let attachment = Attachment::new(file.to_owned()).body(pdf, pdf_type);
    let all = if texts.html.is_some() {
        MultiPart::mixed().multipart(body).singlepart(attachment)
    } else {
        body.singlepart(attachment)
    };
    builder.multipart(all).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn course(lang: Lang) -> Value {
        context(
            json!({
                "participant": { "name": "Åsa Öberg", "first_name": "Åsa" },
                "programme": { "name": "Utbildning för MR-strateger 2019" },
                "issuer": { "name": "Rättighetsakademin" },
                "verify": { "url": "https://intyg.exempel.se/mrs19/MRS19-0001", "qr": [1, 2, 3] },
                "credential": "eyJ…",
                "$dates": [],
            }),
            crate::plan::DocKind::Kursintyg.title(lang),
            "MRS19-0001-asa-oberg.pdf",
            "asa@exempel.se",
        )
    }

    #[test]
    fn default_texts_speak_swedish_and_english() {
        let t = Texts::new(&EmailText::default(), Kind::Course, Lang::SV).unwrap();
        let r = t.render(&course(Lang::SV)).unwrap();
        assert_eq!(r.subject, "Kursintyg: Utbildning för MR-strateger 2019");
        assert!(r.body.starts_with("Hej Åsa!\n\nHär kommer ditt kursintyg från Utbildning"), "{}", r.body);
        assert!(r.body.contains("äkta på https://intyg.exempel.se/mrs19/MRS19-0001\n"), "{}", r.body);
        assert!(!r.body.contains("\n\n\n"), "{}", r.body);
        assert_eq!(r.html, None);
        let t = Texts::new(&EmailText::default(), Kind::Course, Lang::EN).unwrap();
        let r = t.render(&course(Lang::EN)).unwrap();
        assert_eq!(r.subject, "Course certificate: Utbildning för MR-strateger 2019");
        assert!(r.body.starts_with("Dear Åsa,\n\nHere is your course certificate"), "{}", r.body);
    }

    #[test]
    fn the_qr_code_and_credential_stay_out() {
        let c = course(Lang::SV);
        assert!(c["verify"].get("qr").is_none());
        assert!(c.get("credential").is_none() && c.get("$dates").is_none());
        assert_eq!(c["recipient"], "asa@exempel.se");
    }

    #[test]
    fn a_line_break_in_a_name_cannot_make_a_header() {
        let email = EmailText { subject: Some("Intyg för {{ participant.name }}".into()), ..EmailText::default() };
        let t = Texts::new(&email, Kind::Course, Lang::SV).unwrap();
        let mut c = course(Lang::SV);
        c["participant"]["name"] = json!("Åsa\r\nBcc: alla@exempel.se");
        assert_eq!(t.render(&c).unwrap().subject, "Intyg för Åsa Bcc: alla@exempel.se");
    }

    #[test]
    fn html_escapes_names_and_typos_are_caught() {
        let email = EmailText { html: Some("<p>Hej {{ participant.name }}</p>".into()), ..EmailText::default() };
        let t = Texts::new(&email, Kind::Course, Lang::SV).unwrap();
        let mut c = course(Lang::SV);
        c["participant"]["name"] = json!("<b>Åsa</b> & Co");
        assert_eq!(t.render(&c).unwrap().html.unwrap(), "<p>Hej &lt;b&gt;Åsa&lt;&#x2f;b&gt; &amp; Co</p>");
        let email = EmailText { body: Some("Hej {{ participant.nam }}".into()), ..EmailText::default() };
        let e = Texts::new(&email, Kind::Course, Lang::SV).unwrap().render(&c).unwrap_err();
        assert_eq!(e.key, BODY);
        assert!(e.message.contains("undefined"), "{}", e.message);
        let email = EmailText { subject: Some("{{ oops".into()), ..EmailText::default() };
        assert_eq!(Texts::new(&email, Kind::Course, Lang::SV).err().unwrap().key, SUBJECT);
    }

    #[test]
    fn messages_carry_the_pdf_and_a_swedish_subject() {
        let sender = Sender { from: mailbox("Rättighetsakademin <intyg@exempel.se>").unwrap(), reply_to: None };
        let to = recipient("Åsa Öberg", "asa@exempel.se").unwrap();
        let texts = Letter { subject: "Kursintyg: Ödmjukhet".into(), body: "Hej Åsa!\n".into(), html: None };
        let m = message(&sender, &to, &texts, "MRS19-0001.pdf", b"%PDF-1.7 test".to_vec(), "MRS19-0001", "x1").unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(raw.contains("Message-ID: <MRS19-0001.x1@exempel.se>"), "{raw}");
        assert!(raw.contains("Content-Type: application/pdf"), "{raw}");
        assert!(raw.contains("filename=\"MRS19-0001.pdf\""), "{raw}");
        assert!(raw.contains("Subject: Kursintyg: =?utf-8?b?w5ZkbWp1a2hldA==?="), "{raw}");
        assert!(recipient("Åsa", "inte en adress").is_err());
        let m = mailbox("Piteå kommun, Mångfaldsdiplomet <mangfald@pitea.exempel.se>").unwrap();
        assert_eq!(m.name.as_deref(), Some("Piteå kommun, Mångfaldsdiplomet"));
        assert_eq!(mailbox("\"Kurs, kansliet\" <k@exempel.se>").unwrap().name.as_deref(), Some("Kurs, kansliet"));
        assert!(mailbox("kurser@exempel.se").unwrap().name.is_none());
        assert!(mailbox("Kurser <inte-en-adress>").is_err());
    }
}
