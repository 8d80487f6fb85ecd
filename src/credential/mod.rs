//! What makes a document verifiable: its verification link and QR code, and
//! its claims as an Open Badges 3.0 credential, signed as a VC-JWT.

pub mod did;
pub mod keys;
pub mod status;

use chrono::NaiveDate;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde_json::{Value, json};

/// The name of the credential attached to a signed PDF.
pub const ATTACHMENT: &str = "credential.jwt";

/// Characters kept as they are in a link's last segment (RFC 3986
/// unreserved); everything else is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `id` as one segment of a link.
pub fn url_segment(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

/// Where a document can be checked: `{base}/{id}`.
pub fn verify_link(base: &str, id: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), url_segment(id))
}

/// The identifier of a document's credential: its verification link when
/// the issuer publishes pages, otherwise a URN naming the id.
pub fn credential_uri(base: Option<&str>, id: &str) -> String {
    match base {
        Some(base) => verify_link(base, id),
        None => format!("urn:intyg:{}", url_segment(id)),
    }
}

/// The document id inside a credential identifier made by [`credential_uri`].
pub fn document_id(uri: &str) -> Option<String> {
    let last = match uri.strip_prefix("urn:intyg:") {
        Some(rest) => rest,
        None => uri.rsplit('/').next()?,
    };
    percent_decode_str(last).decode_utf8().ok().map(|s| s.into_owned()).filter(|s| !s.is_empty())
}

/// The quiet zone around a QR code, in modules, that scanners need.
const QUIET: usize = 4;

/// The modules of a QR code for `text`: its side, and whether each module
/// (row by row) is dark. Error correction level M (15 %) survives a crease
/// or a stamp on a printed certificate.
fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), String> {
    // fast_qr picks its mask by the standard's penalty rules, as the qrcode
    // crate does, about eight times faster (0.08 ms against 0.6 ms a code):
    // a batch makes one code per document.
    let code = fast_qr::QRBuilder::new(text.as_bytes())
        .ecl(fast_qr::ECL::M)
        .build()
        .map_err(|e| format!("cannot make a QR code of \"{text}\": {e}"))?;
    Ok((code.size, code.data[..code.size * code.size].iter().map(|m| m.value()).collect()))
}

/// A QR code for `text` as vector shapes: an SVG of one unit a module, with
/// its quiet zone, each row's runs of dark modules one rectangle. Printed as
/// shapes, its edges stay sharp at any size and resolution: a scanner reads
/// it from a 150 dpi rendering, where a scaled image of one pixel a module
/// came out too soft below 250 dpi.
pub fn qr_svg(text: &str) -> Result<String, String> {
    use std::fmt::Write;
    let (n, dark) = qr_modules(text)?;
    let size = n + 2 * QUIET;
    let mut d = String::with_capacity(n * n);
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !dark[y * n + x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && dark[y * n + x] {
                x += 1;
            }
            let _ = write!(d, "M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start);
        }
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{d}" fill="#000"/></svg>"##
    ))
}

/// A QR code for `text` as a PNG image of one pixel a module, black and
/// white (one bit a pixel), with its quiet zone, for templates made before
/// [`qr_svg`] that scale it up with `scaling: "pixelated"`.
pub fn qr_png(text: &str) -> Result<Vec<u8>, String> {
    let (n, dark) = qr_modules(text)?;
    let size = n + 2 * QUIET;
    let stride = size.div_ceil(8);
    // One bit a pixel, 1 = white, rows padded to whole bytes.
    let mut pixels = vec![0xffu8; stride * size];
    for y in 0..n {
        for x in 0..n {
            if dark[y * n + x] {
                let (px, py) = (x + QUIET, y + QUIET);
                pixels[py * stride + px / 8] &= !(0x80 >> (px % 8));
            }
        }
    }
    let side = u32::try_from(size).map_err(|e| e.to_string())?;
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    // A few hundred bytes: the default compressor's set-up costs more than
    // it saves, and the PDF compresses the image again anyway.
    encoder.set_compression(png::Compression::Fastest);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png)
}

/// Whether a link is short enough for a QR code at level M (2 331 bytes in
/// the largest version), so a plan can refuse an overlong one before any
/// document is laid out.
pub fn qr_fits(text: &str) -> Result<(), String> {
    const MAX: usize = 2331;
    if text.len() > MAX {
        let len = text.len();
        return Err(tr!(
            "the verification link \"{text}\" is {len} bytes, more than a QR code holds ({MAX})",
            "verifieringslänken \"{text}\" är {len} byte, mer än en QR-kod rymmer ({MAX})"
        ));
    }
    Ok(())
}

/// What a credential says, in the words of the document's language.
#[derive(Debug, Clone)]
pub struct Claims {
    /// The credential's identifier (see [`credential_uri`]).
    pub id: String,
    /// The credential's name, e.g. "Kursintyg – Åsa Berg".
    pub name: String,
    /// The issuer's identifier: the verification site, or a URN.
    pub issuer_id: String,
    /// The issuer's name.
    pub issuer_name: String,
    /// The achievement's identifier (the same for every holder).
    pub achievement_id: String,
    /// The achievement: programme or scheme, with the kind of document.
    pub achievement_name: String,
    /// A sentence about it.
    pub description: String,
    /// What a holder had to do.
    pub criteria: String,
    /// The holder's name (person or organisation).
    pub holder: String,
    /// Who the holder is without naming them, in signed credentials.
    pub subject: Option<Subject>,
    /// Awarded on.
    pub valid_from: NaiveDate,
    /// Expires after this day, if ever.
    pub valid_until: Option<NaiveDate>,
    /// Its `credentialStatus`: its bit in the issuer's published status
    /// list, for a document with a verification site.
    pub status: Option<Value>,
}

/// The holder of a signed credential, as Open Badges 3.0 ties a credential
/// to its holder (8.2.4.1 `sub`, 8.2.5.1): an id that is the same in every
/// credential of the holder and reveals nothing, and the holder's e-mail
/// address hashed with a salt of the credential's own, which the holder
/// can prove and nobody can read.
#[derive(Debug, Clone)]
pub struct Subject {
    /// `urn:uuid:…`, keyed by the issuer's secret key and the register's
    /// holder id.
    pub id: String,
    /// `sha256$…` of the e-mail address and the salt, and the salt; none
    /// for a holder without an e-mail address.
    pub email: Option<(String, String)>,
}

impl Subject {
    /// The subject of a credential `doc_id` for holder `holder_id` (with
    /// `email`, if any), keyed by the issuer's `secret` key: reruns give
    /// the same values; without the key nobody can make or guess them.
    pub fn new(secret: &[u8; 32], holder_id: &str, email: Option<&str>, doc_id: &str) -> Subject {
        use hmac::{Hmac, Mac};
        let mac = |label: &str, text: &str| -> [u8; 32] {
            let mut m = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes a key of any length");
            m.update(label.as_bytes());
            m.update(&[0]);
            m.update(text.as_bytes());
            m.finalize().into_bytes().into()
        };
        let mut u = mac("intyg holder v1", &holder_id.trim().to_lowercase());
        // A UUID of version 8 (RFC 9562: custom), RFC 4122 variant.
        u[6] = (u[6] & 0x0f) | 0x80;
        u[8] = (u[8] & 0x3f) | 0x80;
        let h = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        let id = format!("urn:uuid:{}-{}-{}-{}-{}", h(&u[0..4]), h(&u[4..6]), h(&u[6..8]), h(&u[8..10]), h(&u[10..16]));
        let email = email.map(str::trim).filter(|e| e.contains('@')).map(|e| {
            let salt = h(&mac("intyg salt v1", doc_id)[..16]);
            let hash = crate::register::sha256_hex(format!("{}{salt}", e.to_lowercase()).as_bytes());
            (format!("sha256${hash}"), salt)
        });
        Subject { id, email }
    }
}

/// The start (or, with `end`, the last second) of day `d` in Swedish
/// time: a document awarded in Sweden is valid from the start of its day
/// to the end of its last day there, summer time or not.
fn swedish(d: NaiveDate, end: bool) -> chrono::DateTime<chrono_tz::Tz> {
    use chrono::TimeZone;
    let time = if end { d.and_hms_opt(23, 59, 59) } else { d.and_hms_opt(0, 0, 0) };
    let local = time.unwrap_or_default();
    // Midnight and 23:59:59 exist on every Swedish day (clocks change at
    // 02:00 and 03:00), so `earliest` always finds the one instant.
    chrono_tz::Europe::Stockholm
        .from_local_datetime(&local)
        .earliest()
        .unwrap_or_else(|| chrono_tz::Europe::Stockholm.from_utc_datetime(&local))
}

/// The start of `d` in Swedish time, in seconds since 1970.
fn epoch(d: NaiveDate, end: bool) -> i64 {
    swedish(d, end).timestamp()
}

/// An RFC 3339 instant at the start (or, with `end`, the end) of `d` in
/// Swedish time, with its offset: `2027-05-01T23:59:59+02:00`.
fn instant(d: NaiveDate, end: bool) -> String {
    swedish(d, end).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

impl Claims {
    /// The Open Badges 3.0 `OpenBadgeCredential` (Verifiable Credentials
    /// 2.0 data model). People have no identifier of their own here, so
    /// the subject is named by an `IdentityObject` of type name.
    pub fn credential(&self) -> Value {
        let mut c = json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": self.id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": self.name,
            "issuer": { "id": self.issuer_id, "type": ["Profile"], "name": self.issuer_name },
            "validFrom": instant(self.valid_from, false),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [{
                    "type": "IdentityObject",
                    "identityHash": self.holder,
                    "identityType": "name",
                    "hashed": false,
                }],
                "achievement": {
                    "id": self.achievement_id,
                    "type": ["Achievement"],
                    "name": self.achievement_name,
                    "description": self.description,
                    "criteria": { "narrative": self.criteria },
                },
            },
        });
        if let Some(until) = self.valid_until {
            c["validUntil"] = json!(instant(until, true));
        }
        if let Some(status) = &self.status {
            c["credentialStatus"] = status.clone();
        }
        if let Some(s) = &self.subject {
            c["credentialSubject"]["id"] = json!(s.id);
            if let Some((hash, salt)) = &s.email
                && let Some(list) = c["credentialSubject"]["identifier"].as_array_mut()
            {
                list.push(json!({
                    "type": "IdentityObject",
                    "identityHash": hash,
                    "identityType": "emailAddress",
                    "hashed": true,
                    "salt": salt,
                }));
            }
        }
        c
    }

    /// The payload of the VC-JWT (Open Badges 3.0, 8.2): the credential
    /// with the registered claims JWT readers look for.
    pub fn jwt_payload(&self) -> Value {
        let mut p = self.credential();
        p["iss"] = json!(self.issuer_id);
        if let Some(s) = &self.subject {
            p["sub"] = json!(s.id);
        }
        p["jti"] = json!(self.id);
        p["nbf"] = json!(epoch(self.valid_from, false));
        if let Some(until) = self.valid_until {
            p["exp"] = json!(epoch(until, true));
        }
        p
    }
}

/// The day an RFC 3339 instant of a credential falls on.
pub fn day_of(instant: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(instant.get(..10)?, "%Y-%m-%d").ok()
}

/// Checks that `c` has the shape of an `OpenBadgeCredential` as intyg
/// writes it; the first thing missing is the error.
pub fn check_shape(c: &Value) -> Result<(), String> {
    let has_type = |v: &Value, t: &str| v["type"].as_array().is_some_and(|a| a.iter().any(|x| x == t));
    let text = |v: &Value, what: &str| -> Result<(), String> {
        match v.as_str() {
            Some(s) if !s.is_empty() => Ok(()),
            _ => Err(format!("the credential has no {what}")),
        }
    };
    if !has_type(c, "OpenBadgeCredential") || !has_type(c, "VerifiableCredential") {
        return Err("the credential is not an OpenBadgeCredential".into());
    }
    if c["@context"][0] != "https://www.w3.org/ns/credentials/v2" {
        return Err("the credential's @context is not Verifiable Credentials 2.0".into());
    }
    text(&c["id"], "id")?;
    text(&c["name"], "name")?;
    text(&c["issuer"]["id"], "issuer id")?;
    text(&c["issuer"]["name"], "issuer name")?;
    text(&c["validFrom"], "validFrom")?;
    day_of(c["validFrom"].as_str().unwrap_or("")).ok_or("validFrom is not a date")?;
    let subject = &c["credentialSubject"];
    if !has_type(subject, "AchievementSubject") {
        return Err("the credential subject is not an AchievementSubject".into());
    }
    text(&subject["identifier"][0]["identityHash"], "holder name")?;
    let achievement = &subject["achievement"];
    if !has_type(achievement, "Achievement") {
        return Err("the credential has no Achievement".into());
    }
    text(&achievement["name"], "achievement name")?;
    text(&achievement["criteria"]["narrative"], "achievement criteria")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            id: credential_uri(Some("https://example.se/intyg/"), "MDP-2024-001"),
            name: "Mångfaldsdiplom – Café Åkern".into(),
            issuer_id: "https://example.se/intyg".into(),
            issuer_name: "Piteå kommun".into(),
            achievement_id: "urn:intyg:achievement:MDP:mangfaldsdiplom".into(),
            achievement_name: "Mångfaldsdiplom – Ett Piteå för alla".into(),
            description: "Diplom för mångfald".into(),
            criteria: "Minst 3 av 5 kriterier".into(),
            holder: "Café Åkern".into(),
            subject: None,
            valid_from: NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
            valid_until: NaiveDate::from_ymd_opt(2027, 5, 1),
            status: Some(status::entry("https://example.se/intyg/", 7)),
        }
    }

    #[test]
    fn links_encode_ids_and_come_back() {
        assert_eq!(verify_link("https://x.se/intyg/", "MRS19-0001"), "https://x.se/intyg/MRS19-0001");
        let odd = credential_uri(Some("https://x.se"), "Å 1/2");
        assert_eq!(odd, "https://x.se/%C3%85%201%2F2");
        assert_eq!(document_id(&odd).as_deref(), Some("Å 1/2"));
        assert_eq!(document_id(&credential_uri(None, "MRS19-0001")).as_deref(), Some("MRS19-0001"));
    }

    #[test]
    fn a_holder_is_known_by_a_keyed_id_and_a_salted_email_hash() {
        let secret = [9; 32];
        let a = Subject::new(&secret, "Anna@Example.se ", Some("anna@example.se"), "X-1");
        let again = Subject::new(&secret, "anna@example.se", Some("anna@example.se"), "X-2");
        assert_eq!(a.id, again.id, "one id for the holder in every credential");
        assert_ne!(a.email.as_ref().unwrap().1, again.email.as_ref().unwrap().1, "a salt per credential");
        assert_ne!(a.id, Subject::new(&[8; 32], "anna@example.se", None, "X-1").id, "keyed by the issuer's key");
        assert_ne!(a.id, Subject::new(&secret, "per@example.se", None, "X-1").id);
        // urn:uuid: of version 8, RFC 4122 variant.
        let uuid = a.id.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
        let (hash, salt) = a.email.unwrap();
        assert_eq!(
            hash,
            format!("sha256${}", crate::register::sha256_hex(format!("anna@example.se{salt}").as_bytes()))
        );
        let mut c = claims();
        c.subject = Some(Subject::new(&secret, "anna@example.se", Some("anna@example.se"), "X-1"));
        let p = c.jwt_payload();
        assert_eq!(p["sub"], p["credentialSubject"]["id"]);
        assert_eq!(p["credentialSubject"]["identifier"][1]["identityType"], "emailAddress");
        assert_eq!(p["credentialSubject"]["identifier"][1]["hashed"], true);
        assert!(!p.to_string().contains("anna@example.se"), "the address is not in the credential");
    }

    #[test]
    fn credentials_have_the_open_badges_shape() {
        let c = claims().credential();
        check_shape(&c).unwrap();
        // Swedish time, with its offset: summer time in May.
        assert_eq!(c["validFrom"], "2024-05-02T00:00:00+02:00");
        assert_eq!(c["validUntil"], "2027-05-01T23:59:59+02:00");
        let p = claims().jwt_payload();
        assert_eq!(p["jti"], c["id"]);
        assert_eq!(p["nbf"], 1_714_600_800);
        assert_eq!(p["exp"], 1_809_208_799);
        // Winter time in February.
        assert_eq!(instant(NaiveDate::from_ymd_opt(2028, 2, 3).unwrap(), true), "2028-02-03T23:59:59+01:00");
        let mut broken = c.clone();
        broken["credentialSubject"]["achievement"]["criteria"] = json!({});
        assert!(check_shape(&broken).unwrap_err().contains("criteria"));
    }

    #[test]
    fn qr_codes_are_small_png_images_that_scan() {
        let link = "https://example.se/intyg/MRS19-0001";
        let png = qr_png(link).unwrap();
        assert!(png.len() < 400, "{} bytes", png.len());
        let mut decoder = png::Decoder::new(std::io::Cursor::new(&png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        let (w, h) = (info.width as usize, info.height as usize);
        // Scanners want room: scale up four times, as a printed code would be.
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(w * 4, h * 4, |x, y| pixels[(y / 4) * w + x / 4]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, link);
        assert!(qr_png(&"x".repeat(3000)).unwrap_err().contains("QR code"));
    }
}
