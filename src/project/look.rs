//! `[look]`: the organisation's own look on every document, without
//! writing typst: an accent colour, the logo's size, whether the issuer's
//! name is printed under the logo, the frame, and a full-page background
//! from the graphic profile.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Keys;
use crate::problem::{Problem, Problems};

/// The look as intyg.toml writes it; every key may be left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    /// The accent colour in hex (`#1f4e79`), for the title, frame and
    /// headings [default: each template's own].
    pub accent: Option<String>,
    /// The logo's height in millimetres [default: 20].
    pub logo_height_mm: Option<f64>,
    /// Whether the issuer's name is printed under the logo [default: yes];
    /// `false` for a logo that already holds the name.
    pub issuer_name: Option<bool>,
    /// The frame around the page [default: double].
    #[serde(default)]
    pub frame: Frame,
    /// A full-page background (SVG, PDF, PNG or JPEG), relative to the
    /// folder, drawn under the content.
    pub background: Option<PathBuf>,
}

/// The frame around a certificate or diploma.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frame {
    /// No frame (a background often brings its own).
    None,
    /// One thin line.
    Thin,
    /// A line and a thinner one inside it.
    #[default]
    Double,
}

/// The smallest and largest logo, in millimetres: smaller is unreadable,
/// larger leaves no room for the name.
pub const LOGO_MM: (f64, f64) = (8.0, 60.0);

impl Frame {
    /// As intyg.toml and the templates write it.
    pub fn name(self) -> &'static str {
        match self {
            Frame::None => "none",
            Frame::Thin => "thin",
            Frame::Double => "double",
        }
    }
}

impl Look {
    /// The accent as `#rrggbb`, from `#rgb` or `#rrggbb` in any case.
    pub fn accent_hex(&self) -> Option<String> {
        self.accent.as_deref().and_then(hex)
    }

    /// The background image's format as typst is told it: a PDF page is
    /// served as SVG (typst cannot embed a PDF in a PDF/A).
    pub fn background_format(&self) -> Option<&'static str> {
        let ext = self.background.as_ref()?.extension()?.to_str()?.to_lowercase();
        Some(match ext.as_str() {
            "png" => "png",
            "jpg" | "jpeg" => "jpg",
            _ => "svg",
        })
    }

    /// Checks the colour and the logo's size; the background is checked
    /// with the other images.
    pub(super) fn validate(&self, keys: &Keys, problems: &mut Problems) {
        if let Some(accent) = &self.accent
            && hex(accent).is_none()
        {
            problems.push(
                Problem::error(
                    keys.at("accent"),
                    tr!(
                        "the accent colour \"{accent}\" is not a colour in hex",
                        "accentfärgen \"{accent}\" är ingen färg i hex"
                    ),
                )
                .hint(tr!(
                    "write it as the graphic profile gives it in hex (for screens), e.g. #1f4e79; intyg app has a colour picker beside the field",
                    "skriv den som den grafiska profilen anger den i hex (för skärm), t.ex. #1f4e79; i intyg app finns en färgväljare bredvid fältet"
                )),
            );
        }
        if let Some(mm) = self.logo_height_mm
            && !(LOGO_MM.0..=LOGO_MM.1).contains(&mm)
        {
            let (min, max) = LOGO_MM;
            problems.push(
                Problem::error(
                    keys.at("logo_height_mm"),
                    tr!(
                        "a logo {mm} mm high does not fit the page",
                        "en logotyp som är {mm} mm hög får inte plats på sidan"
                    ),
                )
                .hint(tr!(
                    "give a height from {min} to {max} millimetres, e.g. logo_height_mm = 20",
                    "ange en höjd från {min} till {max} millimeter, t.ex. logo_height_mm = 20"
                )),
            );
        }
    }
}

/// `#rrggbb` from `#rgb` or `#rrggbb` (the `#` may be left out).
fn hex(s: &str) -> Option<String> {
    let digits = s.trim().trim_start_matches('#');
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(format!("#{}", digits.to_lowercase())),
        3 => Some(format!("#{}", digits.chars().flat_map(|c| [c, c]).collect::<String>().to_lowercase())),
        _ => None,
    }
}

/// The first page of the PDF at `path` as SVG, its text as outlines: what
/// typst draws for a PDF background.
pub fn pdf_page_as_svg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use hayro_svg::hayro_interpret::InterpreterSettings;
    use hayro_svg::hayro_syntax::Pdf;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| format!("{e:?}"))?;
    let page = pdf.pages().first().ok_or_else(|| tr!("it has no page", "den har ingen sida"))?;
    let cache = hayro_svg::RenderCache::new();
    let svg =
        hayro_svg::convert(page, &cache, &InterpreterSettings::default(), &hayro_svg::SvgRenderSettings::default());
    Ok(svg.into_bytes())
}

/// Where typst reads a background: a PDF's page is served as SVG at the
/// PDF's path with `.svg` added.
pub fn served_path(background: &Path) -> PathBuf {
    if is_pdf_name(background) {
        let mut name = background.as_os_str().to_owned();
        name.push(".svg");
        PathBuf::from(name)
    } else {
        background.to_path_buf()
    }
}

/// Whether a file is named as a PDF.
pub fn is_pdf_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_hex_as_graphic_profiles_write_them() {
        assert_eq!(hex("#1F4E79").as_deref(), Some("#1f4e79"));
        assert_eq!(hex("1f4e79").as_deref(), Some("#1f4e79"));
        assert_eq!(hex("#abc").as_deref(), Some("#aabbcc"));
        assert_eq!(hex("blå"), None);
        assert_eq!(hex("#12345"), None);
        assert_eq!(hex("rgb(1,2,3)"), None);
    }

    #[test]
    fn a_pdf_background_is_served_as_svg_beside_it() {
        assert_eq!(served_path(Path::new("profil/bakgrund.PDF")), Path::new("profil/bakgrund.PDF.svg"));
        assert_eq!(served_path(Path::new("bakgrund.svg")), Path::new("bakgrund.svg"));
    }
}
