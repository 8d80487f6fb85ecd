//! Checks a logo or signature named in intyg.toml before any document is
//! laid out: that it is an SVG, PNG or JPEG file as its name says, that a
//! raster image decodes, and that it is small enough to decode at all. An
//! SVG's content (and any image it links) is checked by typst, which refuses
//! links outside the folder, when the first document is laid out.

use std::io::Cursor;
use std::path::Path;

use image::{ImageFormat, ImageReader};

use crate::problem::Hinted;

/// The largest image file: a print-quality logo is a few hundred kilobytes.
pub const MAX_BYTES: u64 = 20 << 20;
/// The most pixels on a side: 85 cm at 300 dpi.
pub const MAX_SIDE: u32 = 10_000;
/// The most pixels in all, about 120 MB once decoded.
pub const MAX_PIXELS: u64 = 30_000_000;

/// Checks the image file at `path`, shown to the user as `shown`.
pub fn check(path: &Path, shown: &str) -> Result<(), Hinted> {
    let bytes = read(path, shown, too_large_hint())?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let named = if ext == "svg" { "SVG" } else { raster_name(ImageFormat::from_extension(&ext)) };
    let format = match image::guess_format(&bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg)) => Some(f),
        Ok(other) if raster_name(Some(other)) != "other" => {
            let is = raster_name(Some(other));
            return Err(Hinted::new(
                tr!("image \"{shown}\" is a {is} image", "bilden \"{shown}\" är en {is}-bild"),
                tr!("save it as PNG or SVG from an image editor", "spara den som PNG eller SVG från ett bildprogram"),
            ));
        }
        Err(_) if looks_like_svg(&bytes) => None,
        _ => {
            return Err(Hinted::new(
                tr!(
                    "image \"{shown}\" is not an SVG, PNG or JPEG image",
                    "bilden \"{shown}\" är ingen SVG-, PNG- eller JPEG-bild"
                ),
                tr!(
                    "the file may be damaged or only partly copied: save it again from an image editor",
                    "filen kan vara skadad eller bara delvis kopierad: spara den igen från ett bildprogram"
                ),
            ));
        }
    };
    let is = format.map_or("SVG", |f| raster_name(Some(f)));
    if is != named {
        let proper = format.map_or("svg", |f| f.extensions_str()[0]);
        return Err(Hinted::new(
            tr!(
                "image \"{shown}\" is named as {named} but is a {is} image",
                "bilden \"{shown}\" heter {named} men är en {is}-bild"
            ),
            tr!("rename it to end with .{proper}", "byt namn på den så att den slutar på .{proper}"),
        ));
    }
    match format {
        Some(f) => decodes(&bytes, f, shown),
        None => Ok(()),
    }
}

/// Checks the background PDF at `path`, shown to the user as `shown`:
/// readable, not too large, with a first page that can be drawn as SVG.
pub fn check_page(path: &Path, shown: &str) -> Result<(), Hinted> {
    let too_large =
        tr!("export the one page again, with images for screen", "exportera den enda sidan igen, med bilder för skärm");
    let bytes = read(path, shown, too_large)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(Hinted::new(
            tr!("\"{shown}\" is not a PDF", "\"{shown}\" är ingen PDF"),
            tr!("export the background as PDF or SVG", "exportera bakgrunden som PDF eller SVG"),
        ));
    }
    super::look::pdf_page_as_svg(&bytes).map(drop).map_err(|e| {
        Hinted::new(
            tr!("the background \"{shown}\" cannot be drawn: {e}", "bakgrunden \"{shown}\" kan inte ritas: {e}"),
            tr!("export it again as PDF, or as SVG", "exportera den igen som PDF, eller som SVG"),
        )
    })
}

/// The file's bytes, unless it is larger than [`MAX_BYTES`] (then
/// `too_large` says what to do).
fn read(path: &Path, shown: &str, too_large: String) -> Result<Vec<u8>, Hinted> {
    let cannot = |e: std::io::Error| {
        Hinted::new(
            tr!("image \"{shown}\" cannot be read: {e}", "bilden \"{shown}\" kan inte läsas: {e}"),
            tr!("check the file's permissions", "kontrollera filens behörigheter"),
        )
    };
    crate::files::read_at_most(path, MAX_BYTES).map_err(cannot)?.ok_or_else(|| {
        let mb = MAX_BYTES >> 20;
        Hinted::new(
            tr!("image \"{shown}\" is larger than {mb} MB", "bilden \"{shown}\" är större än {mb} MB"),
            too_large,
        )
    })
}

/// Decodes a raster image within the limits, so typst never meets one it
/// cannot decode or that would take gigabytes.
fn decodes(bytes: &[u8], format: ImageFormat, shown: &str) -> Result<(), Hinted> {
    let damaged = |e: image::ImageError| {
        Hinted::new(
            tr!("image \"{shown}\" cannot be decoded: {e}", "bilden \"{shown}\" kan inte avkodas: {e}"),
            tr!(
                "the file may be damaged or only partly copied: save it again from an image editor",
                "filen kan vara skadad eller bara delvis kopierad: spara den igen från ett bildprogram"
            ),
        )
    };
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(damaged)?;
    if let Some(size) = too_many_pixels(w, h) {
        return Err(Hinted::new(tr!("image \"{shown}\" {size}", "bilden \"{shown}\" {size}"), too_large_hint()));
    }
    ImageReader::with_format(Cursor::new(bytes), format).decode().map(drop).map_err(damaged)
}

/// The image as the PDF takes it: a CMYK or YCCK JPEG (what print offices
/// supply) comes back as an sRGB JPEG, since PDF/A refuses CMYK without an
/// output profile; anything else comes back as it is.
pub fn for_pdf(bytes: Vec<u8>) -> Vec<u8> {
    if jpeg_components(&bytes) != Some(4) {
        return bytes;
    }
    // The decoder turns CMYK and YCCK into RGB.
    let Ok(image) = ImageReader::with_format(Cursor::new(&bytes), ImageFormat::Jpeg).decode() else { return bytes };
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95);
    match image.to_rgb8().write_with_encoder(encoder) {
        Ok(()) => out,
        Err(_) => bytes,
    }
}

/// The text an SVG draws as text (not as outlines), and the font families
/// it asks for, for the checks of glyphs and fonts.
pub fn svg_text(bytes: &[u8]) -> (String, Vec<String>) {
    let svg = String::from_utf8_lossy(bytes);
    let mut text = String::new();
    // Between <text …> and </text>, without the tags of <tspan>s inside.
    for part in svg.split("<text").skip(1) {
        let Some(open_end) = part.find('>') else { continue };
        let inner = &part[open_end + 1..part.find("</text>").unwrap_or(part.len())];
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.push(' ');
    }
    let mut families = Vec::new();
    for (i, _) in svg.match_indices("font-family") {
        let rest = svg[i + "font-family".len()..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(v) => {
                let v = v.trim_start();
                let quote = v.chars().next().unwrap_or('"');
                v[quote.len_utf8()..].split(quote).next().unwrap_or("")
            }
            None => rest.strip_prefix(':').map_or("", |v| v.split([';', '"', '\'']).next().unwrap_or("")),
        };
        for family in value.split(',') {
            let family = family.trim().trim_matches(['"', '\'']).trim().to_owned();
            if !family.is_empty() && !families.contains(&family) {
                families.push(family);
            }
        }
    }
    (text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"), families)
}

/// The number of colour components of a JPEG (1 grey, 3 colour, 4 CMYK or
/// YCCK), read from its frame header; `None` for anything else.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // Start of frame: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(at + 9).copied();
        }
        if marker == 0xDA {
            return None; // image data before any frame header
        }
        at += 2 + len;
    }
    None
}

/// What is too large about a raster image that a template reads itself,
/// as a sentence, when it is: a template's images are checked as typst
/// loads them, before it decodes them.
pub fn too_large(bytes: &[u8]) -> Option<String> {
    let (w, h) = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?.into_dimensions().ok()?;
    let size = too_many_pixels(w, h)?;
    let hint = too_large_hint();
    Some(tr!("the image {size}: {hint}", "bilden {size}: {hint}"))
}

/// "is W × H pixels; intyg takes at most …" when `w` × `h` is past the limits.
fn too_many_pixels(w: u32, h: u32) -> Option<String> {
    if w <= MAX_SIDE && h <= MAX_SIDE && u64::from(w) * u64::from(h) <= MAX_PIXELS {
        return None;
    }
    let lang = crate::locale::messages();
    let px = |n: u64| crate::locale::number(n as f64, 0, lang);
    let (w, h, side, mp) = (px(w.into()), px(h.into()), px(MAX_SIDE.into()), MAX_PIXELS / 1_000_000);
    Some(tr!(
        "is {w} × {h} pixels; intyg takes at most {side} on a side and {mp} million in all",
        "är {w} × {h} pixlar; intyg tar högst {side} på en sida och {mp} miljoner i allt"
    ))
}

fn too_large_hint() -> String {
    tr!(
        "scale the image down: 1,000 pixels across prints sharp at the size of a logo",
        "skala ner bilden: 1 000 pixlar på bredden blir skarpt i en logotyps storlek"
    )
}

/// Text that opens with an XML declaration, a comment or `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('<') && head.contains("<svg")
}

/// The name people know a format by.
fn raster_name(format: Option<ImageFormat>) -> &'static str {
    match format {
        Some(ImageFormat::Png) => "PNG",
        Some(ImageFormat::Jpeg) => "JPEG",
        Some(ImageFormat::Gif) => "GIF",
        Some(ImageFormat::WebP) => "WebP",
        Some(ImageFormat::Tiff) => "TIFF",
        Some(ImageFormat::Bmp) => "BMP",
        Some(ImageFormat::Ico) => "ICO",
        Some(ImageFormat::Avif) => "AVIF",
        Some(ImageFormat::Hdr | ImageFormat::OpenExr) => "HDR",
        Some(_) | None => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert!(looks_like_svg(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assert!(!looks_like_svg(b"GIF89a"));
        assert_eq!(raster_name(image::guess_format(b"\xff\xd8\xff\xe0").ok()), "JPEG");
    }

    #[test]
    fn the_text_and_fonts_of_an_svg() {
        let svg = r#"<svg><text x="1" font-family="Arial, 'Helvetica Neue', sans-serif">Ume&amp;å <tspan style="font-family: Gill Sans">kommun</tspan></text><path d="M0 0"/></svg>"#.as_bytes();
        let (text, families) = svg_text(svg);
        assert_eq!(text.trim(), "Ume&å kommun");
        assert_eq!(families, ["Arial", "Helvetica Neue", "sans-serif", "Gill Sans"]);
        assert_eq!(svg_text(b"<svg><path d=\"M0 0\"/></svg>").0, "");
    }
}
