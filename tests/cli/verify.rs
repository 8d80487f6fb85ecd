//! Verifiable documents on the real binary: QR codes read back from the
//! rendered page, signed credentials inside the PDFs, every outcome of
//! `intyg verify`, and the published site.

use crate::common;

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{Fixture, read_pdf};
use ed25519_dalek::Verifier;
use ed25519_dalek::pkcs8::DecodePublicKey;
use serde_json::Value;

const ON: &str = "2026-11-23";
const COURSE_URL: &str = "https://intyg.rattighetsakademin.exempel.se/mrs19";

/// Makes a key pair in the fixture's temporary folder; returns the paths
/// of the secret and public keys.
fn keygen(f: &Fixture, name: &str) -> (PathBuf, PathBuf) {
    let base = f.tmp.path().join(name);
    f.run(&["keygen", "--out", &base.to_string_lossy()]).success();
    (base.with_extension("key"), base.with_extension("pub"))
}

/// The sample programme issued with a fresh key; returns the keys.
fn signed_course() -> (Fixture, PathBuf, PathBuf) {
    let f = Fixture::new("samples/mr-strateger-2019");
    let (key, public) = keygen(&f, "issuer");
    f.run(&["issue", "{dir}", "--key", &key.to_string_lossy(), "-q"]).success();
    (f, key, public)
}

/// The attached files of a PDF, read with lopdf (independently of intyg).
fn attachments(pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let mut out = Vec::new();
    for (_, object) in doc.objects.iter() {
        let Ok(spec) = object.as_dict() else { continue };
        if spec.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"Filespec".as_slice()) {
            continue;
        }
        let name = spec.get(b"F").and_then(|n| n.as_str()).map(|s| String::from_utf8_lossy(s).into_owned()).unwrap();
        let ef = spec.get(b"EF").and_then(|e| e.as_dict()).expect("/EF");
        let stream = doc.get_object(ef.get(b"F").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
        out.push((name, stream.decompressed_content().unwrap()));
    }
    out
}

/// The credential attached to a PDF.
pub fn credential_token(pdf: &Path) -> String {
    let files = attachments(&std::fs::read(pdf).unwrap());
    assert_eq!(files.len(), 1, "one attachment");
    assert_eq!(files[0].0, "credential.jwt");
    String::from_utf8(files[0].1.clone()).unwrap()
}

/// Replaces the attached credential of a PDF, keeping everything else.
pub fn with_token(pdf: &[u8], token: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let ids: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream().is_ok_and(|s| s.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"EmbeddedFile"))
        })
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        let stream = doc.get_object_mut(id).unwrap().as_stream_mut().unwrap();
        stream.dict.remove(b"Filter");
        stream.set_content(token.as_bytes().to_vec());
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Runs `intyg verify FILE ARGS --json` and returns its exit code and report.
fn verify(f: &Fixture, file: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["verify", file.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    if !args.contains(&"--on") {
        all.extend(["--on", ON]);
    }
    let run = f.run(&all);
    let code = run.code();
    (code, run.json()[0].clone())
}

fn outcome(f: &Fixture, file: &Path, args: &[&str]) -> String {
    let (code, report) = verify(f, file, args);
    let outcome = report["outcome"].as_str().unwrap().to_owned();
    assert_eq!(code == 0, outcome == "valid", "exit {code} for {outcome}: {report:#}");
    outcome
}

#[test]
fn the_qr_code_on_the_page_decodes_to_the_verification_link() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "-q"]).success();
    let pdf_path = f.out().join("MRS19-0001-anna-lindqvist.pdf");
    let text = read_pdf(&pdf_path).text;
    assert!(text.contains("intyg.rattighetsakademin.exempel.se/mrs19/MRS19-0001"), "{text}");

    // Rasterise the PDF page as a phone camera would see it, then scan it.
    let pdf = hayro::hayro_syntax::Pdf::new(std::fs::read(&pdf_path).unwrap()).expect("hayro reads the PDF");
    let page = &pdf.pages()[0];
    let settings = hayro::RenderSettings {
        x_scale: 3.0,
        y_scale: 3.0,
        bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        ..Default::default()
    };
    let pixmap = hayro::render(page, &hayro::RenderCache::new(), &Default::default(), &settings);
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let rgba = pixmap.data_as_u8_slice();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let i = (y * w + x) * 4;
        ((rgba[i] as u32 + rgba[i + 1] as u32 + rgba[i + 2] as u32) / 3) as u8
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    let (_, content) = grids[0].decode().expect("the QR code decodes");
    assert_eq!(content, format!("{COURSE_URL}/MRS19-0001"));
}

#[test]
fn the_qr_code_decodes_from_a_150_dpi_rendering_and_the_link_is_clickable() {
    // As a scanner or a phone sees a printed page: poppler at 150 dpi, then
    // zbar. The QR code used to be an image of one pixel a module that
    // poppler rendered too soft to read below 250 dpi.
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "-q"]).success();
    let pdf = f.out().join("MRS19-0001-anna-lindqvist.pdf");
    let page = f.tmp.path().join("page");
    let tool = |name: &str, args: &[&std::ffi::OsStr]| {
        std::process::Command::new(name)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{name} is needed for this test (apt install poppler-utils zbar-tools): {e}"))
    };
    let rendered = tool(
        "pdftoppm",
        &["-r".as_ref(), "150".as_ref(), "-png".as_ref(), "-singlefile".as_ref(), pdf.as_os_str(), page.as_os_str()],
    );
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    let scanned = tool("zbarimg", &["--quiet".as_ref(), "--raw".as_ref(), page.with_extension("png").as_os_str()]);
    assert!(scanned.status.success(), "zbarimg found no code: {}", String::from_utf8_lossy(&scanned.stderr));
    assert_eq!(String::from_utf8_lossy(&scanned.stdout).trim(), format!("{COURSE_URL}/MRS19-0001"));

    // The link beside it is a link annotation to the same address.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let uris: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Link"))
        .filter_map(|d| {
            d.get(b"A")
                .ok()?
                .as_dict()
                .ok()?
                .get(b"URI")
                .ok()?
                .as_str()
                .ok()
                .map(|u| String::from_utf8_lossy(u).into_owned())
        })
        .collect();
    assert_eq!(uris, [format!("{COURSE_URL}/MRS19-0001")]);
}

#[test]
fn signed_pdfs_carry_an_open_badges_credential_as_pdf_a_3() {
    let (f, _, public) = signed_course();
    let pdf = f.out().join("MRS19-0001-anna-lindqvist.pdf");
    let xmp = read_pdf(&pdf).xmp;
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>") && xmp.contains("<pdfaid:conformance>A"), "{xmp}");
    assert!(xmp.contains("pdfuaid:part>1<"), "{xmp}");

    // Check the JWS with nothing from intyg: base64url, JSON, Ed25519.
    let token = credential_token(&pdf);
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "EdDSA");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let key = ed25519_dalek::VerifyingKey::from_public_key_pem(&std::fs::read_to_string(&public).unwrap()).unwrap();
    let signature = ed25519_dalek::Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
    key.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature).expect("the signature checks");

    // The shape of an Open Badges 3.0 OpenBadgeCredential.
    assert_eq!(claims["@context"][0], "https://www.w3.org/ns/credentials/v2");
    assert!(claims["@context"][1].as_str().unwrap().starts_with("https://purl.imsglobal.org/spec/ob/v3p0/context"));
    assert_eq!(claims["type"], serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"]));
    assert_eq!(claims["id"], format!("{COURSE_URL}/MRS19-0001"));
    assert_eq!(claims["jti"], claims["id"]);
    assert_eq!(claims["issuer"]["type"][0], "Profile");
    assert_eq!(claims["issuer"]["name"], "Rättighetsakademin för kommuner och regioner");
    assert_eq!(claims["iss"], claims["issuer"]["id"]);
    assert_eq!(claims["validFrom"], "2019-12-12T00:00:00+01:00");
    assert_eq!(claims["nbf"], 1_576_105_200);
    assert!(claims.get("validUntil").is_none(), "course certificates do not expire");
    let subject = &claims["credentialSubject"];
    assert_eq!(subject["type"][0], "AchievementSubject");
    assert_eq!(subject["identifier"][0]["identityType"], "name");
    assert_eq!(subject["identifier"][0]["identityHash"], "Anna Lindqvist");
    // The holder, as OB 3.0 requires (`sub`), by an id that reveals
    // nothing, and by her e-mail address hashed with the credential's salt.
    assert!(claims["sub"].as_str().unwrap().starts_with("urn:uuid:"), "{claims}");
    assert_eq!(claims["sub"], subject["id"]);
    let email = &subject["identifier"][1];
    assert_eq!((email["identityType"].as_str(), email["hashed"].as_bool()), (Some("emailAddress"), Some(true)));
    let salted = format!("anna.lindqvist@umea.exempel.se{}", email["salt"].as_str().unwrap());
    assert_eq!(email["identityHash"], format!("sha256${}", intyg::register::sha256_hex(salted.as_bytes())));
    assert!(!claims.to_string().contains("anna.lindqvist@"), "the address itself is not published");
    // The achievement is a page under the issuer's site, not a private URN.
    assert_eq!(subject["achievement"]["id"], format!("{COURSE_URL}/achievements/mrs19/kursintyg"));
    let achievement = &subject["achievement"];
    assert_eq!(achievement["type"][0], "Achievement");
    assert_eq!(achievement["name"], "Kursintyg – Utbildning för MR-strateger 2019");
    assert!(achievement["description"].as_str().unwrap().starts_with("En nationell utbildning"));
    assert_eq!(achievement["criteria"]["narrative"], "Deltagit i samtliga fyra utbildningstillfällen.");

    // Ed25519 signatures are deterministic: a rerun gives the same bytes.
    f.run(&[
        "issue",
        "{dir}",
        "--key",
        &f.tmp.path().join("issuer.key").to_string_lossy(),
        "--out",
        "{tmp}/again",
        "-q",
    ])
    .success();
    let again = f.tmp.path().join("again/MRS19-0001-anna-lindqvist.pdf");
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(again).unwrap());

    // Unsigned documents stay PDF/A-2 and carry nothing.
    let g = Fixture::new("samples/mr-strateger-2019");
    g.run(&["issue", "{dir}", "-q"]).success();
    let plain = g.out().join("MRS19-0001-anna-lindqvist.pdf");
    assert!(read_pdf(&plain).xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(attachments(&std::fs::read(&plain).unwrap()).is_empty());
}

#[test]
fn diploma_credentials_expire_with_the_diploma_and_go_beside_the_pdfs() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let (key, _) = keygen(&f, "issuer");
    f.run(&["issue", "{dir}", "--on", ON, "--key", &key.to_string_lossy(), "--credentials", "{tmp}/wallet", "-q"])
        .success();
    let stem = "MDP-2025-005-idrottsforeningen-norrstjarnan";
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(f.tmp.path().join(format!("wallet/{stem}.claims.json"))).unwrap(),
    )
    .unwrap();
    // No bare NAME.json that looks like a credential but carries no signature.
    assert!(!f.tmp.path().join(format!("wallet/{stem}.json")).exists());
    // The end of the last valid day in Swedish time (winter: UTC+1).
    assert_eq!(json["validUntil"], "2028-02-03T23:59:59+01:00");
    assert_eq!(json["credentialSubject"]["identifier"][0]["identityHash"], "Idrottsföreningen Norrstjärnan");
    assert!(
        json["credentialSubject"]["achievement"]["criteria"]["narrative"].as_str().unwrap().contains("minst 3 av 5")
    );
    let jwt = std::fs::read_to_string(f.tmp.path().join(format!("wallet/{stem}.jwt"))).unwrap();
    assert_eq!(jwt.trim(), credential_token(&f.out().join(format!("{stem}.pdf"))));
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert_eq!(payload["credentialSubject"], json["credentialSubject"]);
    assert!(payload["exp"].as_i64().unwrap() > payload["nbf"].as_i64().unwrap());
}

#[test]
fn verify_tells_valid_from_tampered_and_unconfirmed() {
    let (f, _, public) = signed_course();
    let key = public.to_string_lossy().into_owned();
    let reg = f.out().join("register.csv").to_string_lossy().into_owned();
    let anna = f.out().join("MRS19-0001-anna-lindqvist.pdf");
    let mohammed = f.out().join("MRS19-0002-mohammed-al-rashid.pdf");

    assert_eq!(outcome(&f, &anna, &["--key", &key]), "valid");
    assert_eq!(outcome(&f, &anna, &["--key", &key, "--register", &reg]), "valid");
    let (_, report) = verify(&f, &anna, &["--key", &key]);
    assert_eq!(report["id"], "MRS19-0001");
    assert_eq!(report["credential"]["credentialSubject"]["identifier"][0]["identityHash"], "Anna Lindqvist");
    // Intact, but nothing says the key inside is the issuer's, away from
    // the register beside it.
    let away = f.dir().parent().unwrap().join("anna.pdf");
    std::fs::copy(&anna, &away).unwrap();
    assert_eq!(outcome(&f, &away, &[]), "unconfirmed");
    assert_eq!(outcome(&f, &anna, &[]), "valid", "the register beside it confirms it");
    // The register's checksum confirms it as well as the key does.
    assert_eq!(outcome(&f, &anna, &["--register", &reg]), "valid");

    let bytes = std::fs::read(&anna).unwrap();
    let token = credential_token(&anna);
    let parts: Vec<&str> = token.split('.').collect();
    let write = |name: &str, pdf: Vec<u8>| {
        let p = f.tmp.path().join(name);
        std::fs::write(&p, pdf).unwrap();
        p
    };

    // One byte of the claims changed.
    let mut payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
    let at = String::from_utf8_lossy(&payload).find("Anna Lindqvist").unwrap();
    payload[at] = b'H';
    let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(&payload), parts[2]);
    let changed = write("changed.pdf", with_token(&bytes, &forged));
    assert_eq!(outcome(&f, &changed, &["--key", &key]), "tampered");
    assert_eq!(outcome(&f, &changed, &[]), "tampered", "the key inside does not match either");

    // Another document's credential swapped in.
    let swapped = write("swapped.pdf", with_token(&bytes, &credential_token(&mohammed)));
    let (_, report) = verify(&f, &swapped, &["--key", &key]);
    assert_eq!(report["outcome"], "tampered");
    assert!(report["reasons"][0].as_str().unwrap().contains("another document"), "{report:#}");

    // Re-signed with someone else's key.
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let other = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let resigned = write("resigned.pdf", with_token(&bytes, &intyg::credential::keys::sign(&other, &claims)));
    let (_, report) = verify(&f, &resigned, &["--key", &key]);
    assert_eq!(report["outcome"], "tampered");
    assert!(report["reasons"][0].as_str().unwrap().contains("another key"), "{report:#}");

    // Visible text edited after issue: the credential is intact, the file is not.
    let edited = write("edited.pdf", edit_page_text(&bytes));
    assert_eq!(outcome(&f, &edited, &["--key", &key]), "valid", "the signature covers the claims, not the page");
    assert_eq!(outcome(&f, &edited, &["--key", &key, "--register", &reg]), "tampered");
}

/// Changes one glyph in the page's content stream.
fn edit_page_text(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let mut content = doc.get_page_content(page).unwrap();
    // The last octal digit of the last glyph id before the first `)]TJ`.
    let at = content.windows(4).position(|w| w == b")]TJ").expect("a text string") - 1;
    assert!((b'0'..=b'7').contains(&content[at]), "{}", String::from_utf8_lossy(&content[at - 20..at + 4]));
    content[at] = if content[at] == b'1' { b'2' } else { b'1' };
    doc.change_page_content(page, content).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn verify_reads_status_from_the_register() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let (key, public) = keygen(&f, "issuer");
    let key = key.to_string_lossy().into_owned();
    let public = public.to_string_lossy().into_owned();
    let reg = f.dir().join("register.csv").to_string_lossy().into_owned();
    // First the association's diploma is in force, and its PDF is kept.
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    f.write("organisationer.csv", csv.replace("KS 2022/390;återkallad;2024-09-17", "KS 2022/390;;"));
    f.run(&["issue", "{dir}", "--on", "2024-01-01", "--key", &key, "-q"]).success();
    let kept = f.tmp.path().join("motesplats.pdf");
    std::fs::copy(f.out().join("MDP-2022-007-foreningen-motesplats-ojebyn.pdf"), &kept).unwrap();
    assert_eq!(outcome(&f, &kept, &["--key", &public, "--register", &reg, "--on", "2024-01-01"]), "valid");
    // Then the municipality revokes it.
    f.write("organisationer.csv", csv);
    f.run(&["issue", "{dir}", "--on", ON, "--key", &key, "-q"]).success();
    let args = ["--key", public.as_str(), "--register", reg.as_str()];
    assert_eq!(outcome(&f, &kept, &args), "revoked");

    let out = f.out();
    assert_eq!(outcome(&f, &out.join("MDP-2021-003-pitea-bygg-montage-ab.pdf"), &args), "superseded");
    let (_, report) = verify(&f, &out.join("MDP-2021-003-pitea-bygg-montage-ab.pdf"), &args);
    assert!(report["reasons"].to_string().contains("MDP-2024-004"), "{report:#}");
    let studieforbundet = out.join("MDP-2023-006-studieforbundet-norrsken-avdelning-pitea.pdf");
    assert_eq!(outcome(&f, &studieforbundet, &args), "expired");
    assert_eq!(outcome(&f, &studieforbundet, &["--key", &public]), "expired", "validUntil without a register");
    assert_eq!(outcome(&f, &out.join("MDP-2025-005-idrottsforeningen-norrstjarnan.pdf"), &args), "valid");

    // A register that has never heard of the document.
    let other = Fixture::new("samples/mr-strateger-2019");
    other.run(&["issue", "{dir}", "-q"]).success();
    let other_reg = other.out().join("register.csv").to_string_lossy().into_owned();
    let norrstjarnan = out.join("MDP-2025-005-idrottsforeningen-norrstjarnan.pdf");
    assert_eq!(outcome(&f, &norrstjarnan, &["--key", &public, "--register", &other_reg]), "unknown-id");
}

#[test]
fn verify_knows_unsigned_and_foreign_files() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "-q"]).success();
    let anna = f.out().join("MRS19-0001-anna-lindqvist.pdf");
    // The register beside it is found and vouches for it.
    assert_eq!(outcome(&f, &anna, &[]), "valid");
    let (_, report) = verify(&f, &anna, &[]);
    assert!(report["register"].as_str().unwrap().ends_with("register.csv"), "{report}");
    // Away from its folder, nothing vouches for it.
    let away = f.dir().parent().unwrap().join("anna.pdf");
    std::fs::copy(&anna, &away).unwrap();
    assert_eq!(outcome(&f, &away, &[]), "unsigned");
    let reg = f.out().join("register.csv").to_string_lossy().into_owned();
    assert_eq!(outcome(&f, &anna, &["--register", &reg]), "valid", "the register's checksum vouches for it");

    let text = f.tmp.path().join("notes.pdf");
    std::fs::write(&text, "Anteckningar, inte en PDF").unwrap();
    assert_eq!(outcome(&f, &text, &[]), "not-intyg");
    // A PDF from another program: the same page saved by lopdf, creator removed.
    let mut doc = lopdf::Document::load_mem(&std::fs::read(&anna).unwrap()).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_object_mut(info).unwrap().as_dict_mut().unwrap().set("Creator", lopdf::Object::string_literal("Word"));
    let foreign = f.tmp.path().join("foreign.pdf");
    doc.save(&foreign).unwrap();
    assert_eq!(outcome(&f, &foreign, &[]), "not-intyg");

    // Several files at once: exit 0 only if every one is valid.
    let run = f.run(&["verify", anna.to_str().unwrap(), "--register", &reg, text.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.code(), 1);
    assert!(run.stdout().contains("MRS19-0001-anna-lindqvist.pdf: valid"), "{}", run.stdout());
    assert!(run.stdout().contains("notes.pdf: not an intyg document"), "{}", run.stdout());
    // Beside a Swedish folder's register, in Swedish.
    let run = f.run(&["verify", anna.to_str().unwrap(), "--register", &reg, text.to_str().unwrap()]);
    assert!(run.stdout().contains("MRS19-0001-anna-lindqvist.pdf: giltigt"), "{}", run.stdout());
    assert!(run.stdout().contains("notes.pdf: inget dokument från intyg"), "{}", run.stdout());
    assert!(run.stdout().contains("inte en PDF-fil"), "{}", run.stdout());
}

#[test]
fn keygen_keeps_the_secret_key_private_and_never_overwrites() {
    let f = Fixture::new("tiny");
    let (key, public) = keygen(&f, "nyckel");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(std::fs::read_to_string(&key).unwrap().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(std::fs::read_to_string(&public).unwrap().starts_with("-----BEGIN PUBLIC KEY-----"));
    let before = std::fs::read(&key).unwrap();
    let again = f.run(&["keygen", "--out", &f.tmp.path().join("nyckel").to_string_lossy()]);
    assert_eq!(again.code(), 2);
    assert!(again.stderr().contains("already exists"), "{}", again.stderr());
    assert_eq!(std::fs::read(&key).unwrap(), before);
    // A public key is not a signing key.
    let run = f.run(&["check", "{dir}", "--key", &public.to_string_lossy()]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("signeringsnyckeln kan inte användas"), "{}", run.stderr());
}

#[test]
fn the_published_site_is_plain_files_that_name_only_organisations() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let (key, public) = keygen(&f, "issuer");
    f.run(&["issue", "{dir}", "--on", ON, "--key", &key.to_string_lossy(), "-q"]).success();
    let site = f.tmp.path().join("site");
    let reg = f.dir().join("register.csv");
    f.run(&[
        "publish",
        reg.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--on",
        ON,
        "--key",
        public.to_str().unwrap(),
    ])
    .success();
    let index: Value = serde_json::from_str(&std::fs::read_to_string(site.join("index.json")).unwrap()).unwrap();
    let docs = index["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 12);
    assert_eq!(index["issuer"], "Piteå kommun");
    // The folder's language first, the other one a link away.
    let page = std::fs::read_to_string(site.join("MDP-2022-007/index.html")).unwrap();
    assert!(page.contains("är inte giltigt: utfärdaren har återkallat det."), "{page}");
    assert!(page.contains("<a href=\"en.html\" lang=\"en\" hreflang=\"en\">In English</a>"), "{page}");
    let english = std::fs::read_to_string(site.join("MDP-2022-007/en.html")).unwrap();
    assert!(english.contains("is not valid: the issuer has revoked it."), "{english}");
    assert!(page.contains("Föreningen Mötesplats Öjebyn"), "organisations are public");
    let page = std::fs::read_to_string(site.join("MDP-2024-001/index.html")).unwrap();
    assert!(page.contains("Giltigt") && page.contains("Norrbottens Rörservice AB"));
    // A plain sentence first; the signature is spoken of where there is one.
    assert!(page.contains("Mångfaldsdiplomet <span class=\"id\">MDP-2024-001</span> är giltigt."), "{page}");
    assert!(page.contains("Kontrollerat mot registret <span class=\"date\">23 november 2026</span>."), "{page}");
    assert!(page.contains("Dokumentet är signerat med utfärdarens nyckel."), "{page}");
    assert!(site.join("404.html").is_file() && site.join("logo.svg").is_file());
    let achievement = std::fs::read_to_string(site.join("achievements/mdp/mangfaldsdiplom/index.html")).unwrap();
    assert!(achievement.contains("Uppfyller minst 3 av 5 kriterier"), "{achievement}");
    let pdf = std::fs::read(f.out().join("MDP-2024-001-norrbottens-rorservice-ab.pdf")).unwrap();
    assert!(page.contains(&intyg::register::sha256_hex(&pdf)), "the checksum of the PDF as issued");
    assert!(!page.contains("eva.lundmark"), "no contact details");
    assert_site_is_self_contained(&site);
    assert_eq!(std::fs::read(site.join("issuer.pub")).unwrap(), std::fs::read(&public).unwrap());

    // Participants are not named unless the programme says so.
    let c = Fixture::new("samples/mr-strateger-2019");
    c.run(&["issue", "{dir}", "-q"]).success();
    let site = c.tmp.path().join("site");
    c.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON]).success();
    // No name, and no e-mail address (the style sheet's @media aside).
    let all = read_tree(&site).replace("@media", "");
    assert!(all.contains("MRS19-0001") && !all.contains("Anna Lindqvist") && !all.contains('@'), "names leaked");
    assert_site_is_self_contained(&site);
    // Unsigned documents: no word of a signature on any page (the PDF
    // check's script knows of them, but says nothing of them here).
    let pages = all.replace(include_str!("../../src/site/check.js"), "");
    assert!(!pages.contains("signat"), "a signature spoken of on an unsigned site");
    let toml = std::fs::read_to_string(c.dir().join("intyg.toml")).unwrap();
    c.write("intyg.toml", toml.replace("hours = 28\n", "hours = 28\npublish_names = true\n"));
    c.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON]).success();
    assert!(std::fs::read_to_string(site.join("MRS19-0001/index.html")).unwrap().contains("Anna Lindqvist"));
}

fn read_tree(dir: &Path) -> String {
    common::files_under(dir).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// Every page links only to files of the site: no server, no other host.
fn assert_site_is_self_contained(site: &Path) {
    let mut pages = vec![site.join("index.html"), site.join("en.html")];
    for entry in std::fs::read_dir(site).unwrap() {
        let path = entry.unwrap().path();
        // A document's folder; `.well-known` holds the key files, and
        // `achievements` a page for each kind of document.
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "achievements" {
            pages.extend(common::files_under(&path).into_iter().filter(|p| p.ends_with("index.html")));
        } else if path.is_dir() && !name.starts_with('.') {
            pages.push(path.join("index.html"));
            pages.push(path.join("en.html"));
        }
    }
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap();
        let lang = if page.ends_with("en.html") { "en" } else { "sv" };
        assert!(html.starts_with("<!doctype html>"), "{}", page.display());
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{}", page.display());
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "{}", page.display());
        for link in html.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
            // A web server decodes %XX before it looks for the file.
            let link = percent_encoding::percent_decode_str(link).decode_utf8().unwrap();
            let target = page.parent().unwrap().join(link.as_ref());
            let target = if link.ends_with('/') { target.join("index.html") } else { target };
            assert!(target.exists(), "{} links to missing {link}", page.display());
        }
    }
}

#[test]
fn a_template_made_before_the_svg_code_still_gets_its_png() {
    // verify.qr is made only when a template reads it; this one does.
    let f = Fixture::new("samples/mr-strateger-2019");
    f.write(
        "gammal.typ",
        "#let certificate(data) = image(bytes(data.verify.qr), format: \"png\", width: 2cm, alt: \"QR\")\n",
    );
    f.run(&["issue", "{dir}", "--template", "{dir}/gammal.typ", "-q"]).success();
    assert!(f.out().join("MRS19-0001-anna-lindqvist.pdf").is_file());
}

#[test]
fn a_participation_credential_names_the_sessions_attended() {
    // The credential said "the certificate lists which" and listed none.
    let f = Fixture::new("samples/mr-strateger-2019");
    let (key, _) = keygen(&f, "issuer");
    f.run(&["issue", "{dir}", "--key", &key.to_string_lossy(), "--credentials", "{tmp}/wallet", "-q"]).success();
    let read = |stem: &str| -> Value {
        let path = f.tmp.path().join(format!("wallet/{stem}.claims.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let narrative =
        |v: &Value| v["credentialSubject"]["achievement"]["criteria"]["narrative"].as_str().unwrap().to_owned();
    let leila = narrative(&read("MRS19-0005-leila-haddad"));
    assert!(leila.starts_with("Deltagit i tre av fyra utbildningstillfällen: 8 oktober 2019 (Dag 1:"), "{leila}");
    assert!(leila.contains("12 december 2019 (Dag 4:") && !leila.contains("11 december"), "{leila}");
    assert_eq!(narrative(&read("MRS19-0001-anna-lindqvist")), "Deltagit i samtliga fyra utbildningstillfällen.");
}

/// Runs the independent verifier (`tests/verifiers/did_jwt.py`, PyJWT) on
/// `files` with `site` served at the issuer's address: its lines and exit
/// code.
fn independent_verifier(site: &Path, files: &[&Path]) -> (String, Option<i32>) {
    let run = std::process::Command::new("python3")
        .arg(common::repo().join("tests/verifiers/did_jwt.py"))
        .arg(site)
        .args(files)
        .output()
        .expect("python3");
    let out = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    (out, run.status.code())
}

#[test]
fn an_independent_verifier_resolves_the_key_through_the_published_did_document() {
    // PyJWT, knowing nothing of intyg, finds the key by the credential's
    // `kid` in the did.json `publish` wrote, rejects a changed copy, and
    // sees a revoked diploma in the signed status list.
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let (key, public) = keygen(&f, "issuer");
    let key = key.to_string_lossy().into_owned();
    f.run(&["issue", "{dir}", "--on", ON, "--key", &key, "--credentials", "{tmp}/wallet", "-q"]).success();
    let site = f.tmp.path().join("site");
    // The secret key signs the status list; its public half is published.
    let published = f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON, "--key", &key]);
    let said = published.success().stderr();
    assert!(said.contains("Statuslista för plånböcker: status/revocation.jwt (2 dokument"), "{said}");
    assert_eq!(std::fs::read(site.join("issuer.pub")).unwrap(), std::fs::read(&public).unwrap());
    let did = "did:web:mangfaldsdiplom.pitea.exempel.se";
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join(".well-known/did.json")).unwrap()).unwrap();
    assert_eq!(document["id"], did);
    let jwks: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join(".well-known/jwks.json")).unwrap()).unwrap();
    assert_eq!(jwks["keys"][0]["kid"], format!("{did}#key-1"));
    assert_eq!(jwks["keys"][0]["x"], document["verificationMethod"][0]["publicKeyJwk"]["x"]);

    let wallet = f.tmp.path().join("wallet");
    let good = wallet.join("MDP-2024-001-norrbottens-rorservice-ab.jwt");
    let token = std::fs::read_to_string(&good).unwrap();
    // A changed byte in the claims: Norrbottens → Norrbottenz.
    let parts: Vec<&str> = token.trim().split('.').collect();
    let claims =
        String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap().replace("Norrbottens", "Norrbottenz");
    let changed = wallet.join("changed.jwt");
    std::fs::write(&changed, format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(claims), parts[2])).unwrap();
    // Replaced in 2024 by a renewal: its bit is set.
    let replaced = wallet.join("MDP-2021-003-pitea-bygg-montage-ab.jwt");
    let (out, code) = independent_verifier(&site, &[&good, &changed, &replaced]);
    let list = "https://mangfaldsdiplom.pitea.exempel.se/status/revocation.jwt";
    assert!(
        out.contains(&format!(
            "MDP-2024-001-norrbottens-rorservice-ab.jwt: valid (kid {did}#key-1, iss {did}, status bit 0: not set)"
        )),
        "{out}"
    );
    assert!(out.contains("changed.jwt: rejected: InvalidSignatureError"), "{out}");
    assert!(out.contains(&format!("MDP-2021-003-pitea-bygg-montage-ab.jwt: revoked (status list {list}, bit 2 set)")));
    assert_eq!(code, Some(2), "{out}");

    // The municipality revokes Norrbottens Rörservice's diploma; the
    // company still holds its PDF and credential.
    let held = f.tmp.path().join("held");
    std::fs::create_dir(&held).unwrap();
    let pdf = held.join("MDP-2024-001.pdf");
    std::fs::copy(f.dir().join("out/MDP-2024-001-norrbottens-rorservice-ab.pdf"), &pdf).unwrap();
    let credential = held.join("MDP-2024-001.jwt");
    std::fs::copy(&good, &credential).unwrap();
    let records = f.dir().join("organisationer.csv");
    let text = std::fs::read_to_string(&records).unwrap();
    assert!(text.contains("KS 2024/118;;\n") || text.contains("KS 2024/118;;\r\n"));
    std::fs::write(&records, text.replacen("KS 2024/118;;", "KS 2024/118;återkallad;", 1)).unwrap();
    f.run(&["issue", "{dir}", "--on", ON, "--key", &key, "-q"]).success();
    let said =
        f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON, "--key", &key]).success().stderr();
    assert!(said.contains("(3 dokument återkallade eller ersatta)"), "{said}");
    let (out, code) = independent_verifier(&site, &[&credential]);
    assert_eq!(out.trim(), format!("MDP-2024-001.jwt: revoked (status list {list}, bit 0 set)"));
    assert_eq!(code, Some(1));
    // intyg's own verify reads the same list, from the site alone.
    let site_arg = site.to_str().unwrap();
    assert_eq!(outcome(&f, &pdf, &["--key", public.to_str().unwrap(), "--site", site_arg]), "revoked");
    let (_, report) = verify(&f, &pdf, &["--site", &format!("{site_arg}/status/revocation.jwt"), "--lang", "en"]);
    let reasons = report["reasons"].to_string();
    assert!(reasons.contains("the issuer's status list marks it as revoked or replaced"), "{reasons}");
    // A list from someone else is refused, not believed.
    let (other, _) = keygen(&f, "other");
    let other = other.to_str().unwrap();
    let refused = f.run(&["verify", pdf.to_str().unwrap(), "--key", other, "--site", site_arg, "--lang", "sv"]);
    assert_eq!(refused.code(), 2);
    let said = refused.stderr();
    assert!(
        said.contains("är inte utfärdarens statuslista: dess signatur stämmer inte med utfärdarens nyckel"),
        "{said}"
    );
}

#[test]
fn every_signed_credential_passes_1edtechs_open_badges_schema() {
    // Course certificates, participation certificates and diplomas, as
    // signed VC-JWTs and as readable copies, checked with PyPI's
    // jsonschema against the schema 1EdTech publishes (tests/fixtures/ob3).
    let f = Fixture::new("samples/mr-strateger-2019").with_sibling("mangfaldsdiplom-pitea");
    let (key, _) = keygen(&f, "issuer");
    let key = key.to_string_lossy().into_owned();
    let wallet = f.tmp.path().join("wallet");
    for dir in ["{dir}", "{tmp}/mangfaldsdiplom-pitea"] {
        f.run(&["issue", dir, "--on", ON, "--key", &key, "--credentials", "{tmp}/wallet", "-q"]).success();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&wallet).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let kinds = |ext: &str| files.iter().filter(|p| p.to_string_lossy().ends_with(ext)).count();
    assert!(kinds(".jwt") >= 30 && kinds(".jwt") == kinds(".claims.json"), "{files:?}");
    // One that must fail, so that the check is seen to check: no validFrom.
    let mut broken: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    broken.as_object_mut().unwrap().remove("validFrom");
    let broken_file = f.tmp.path().join("broken.claims.json");
    std::fs::write(&broken_file, broken.to_string()).unwrap();
    files.push(broken_file);
    let run = std::process::Command::new("python3")
        .arg(common::repo().join("tests/verifiers/ob3_schema.py"))
        .args(&files)
        .output()
        .expect("python3");
    let out = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert_eq!(out.lines().filter(|l| l.ends_with(": valid")).count(), files.len() - 1, "{out}");
    assert!(out.contains("broken.claims.json: invalid: (top): 'validFrom' is a required property"), "{out}");
    assert_eq!(run.status.code(), Some(1), "{out}");
}
