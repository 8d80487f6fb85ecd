//! Pictures of laid-out pages (typst-render): one page as a PNG, and proof
//! sheets that show many documents as small pages side by side, so a whole
//! batch can be scanned for long names and overflow at a glance.

use tiny_skia as sk;
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_render::RenderOptions;

/// Points in an inch: typst measures pages in points.
const PT_PER_INCH: f64 = 72.0;

/// Small pages per row of a proof sheet.
pub const PROOF_COLUMNS: usize = 4;
/// Rows of small pages on a proof sheet.
pub const PROOF_ROWS: usize = 3;
/// Resolution of the small pages: A4 becomes 298 × 421 pixels, where a
/// name and a second page still show.
pub const PROOF_DPI: u32 = 36;

/// Space around and between small pages, in pixels.
const GAP: u32 = 24;
/// Width of the frame around a small page that needs a look.
const FLAG: u32 = 6;

/// Draws page `index` (from 0) of `document` at `dpi` dots per inch, or
/// `None` when the document has no such page.
pub fn page(document: &PagedDocument, index: usize, dpi: u32) -> Option<sk::Pixmap> {
    let page = document.pages().get(index)?;
    let options = RenderOptions { pixel_per_pt: Scalar::new(f64::from(dpi) / PT_PER_INCH), render_bleed: false };
    Some(typst_render::render(page, &options))
}

/// A picture as PNG bytes.
pub fn encode(picture: &sk::Pixmap) -> Result<Vec<u8>, String> {
    picture.encode_png().map_err(|e| format!("cannot encode the picture as PNG: {e}"))
}

/// One small page of a proof sheet.
pub struct Thumb {
    /// The page, or `None` for a document that could not be laid out.
    pub picture: Option<sk::Pixmap>,
    /// Whether it needs a look (more than one page, or an error): it gets a
    /// red frame.
    pub flagged: bool,
}

/// Lays small pages out in rows of [`PROOF_COLUMNS`] on a grey sheet, each
/// in a thin frame, red and thick for those flagged.
pub fn proof_sheet(thumbs: &[Thumb]) -> Result<sk::Pixmap, String> {
    let a4 =
        ((595.28 * f64::from(PROOF_DPI) / PT_PER_INCH) as u32, (841.89 * f64::from(PROOF_DPI) / PT_PER_INCH) as u32);
    let cell_w = thumbs.iter().filter_map(|t| t.picture.as_ref()).map(sk::Pixmap::width).max().unwrap_or(a4.0);
    let cell_h = thumbs.iter().filter_map(|t| t.picture.as_ref()).map(sk::Pixmap::height).max().unwrap_or(a4.1);
    let cols = thumbs.len().clamp(1, PROOF_COLUMNS) as u32;
    let rows = thumbs.len().div_ceil(PROOF_COLUMNS).max(1) as u32;
    let width = cols * (cell_w + GAP) + GAP;
    let height = rows * (cell_h + GAP) + GAP;
    let mut sheet =
        sk::Pixmap::new(width, height).ok_or_else(|| format!("a proof sheet of {width} × {height} px is too large"))?;
    sheet.fill(sk::Color::from_rgba8(226, 226, 226, 255));
    let rect = |sheet: &mut sk::Pixmap, x: u32, y: u32, w: u32, h: u32, rgb: [u8; 3]| {
        let mut paint = sk::Paint::default();
        paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
        if let Some(r) = sk::Rect::from_xywh(x as f32, y as f32, w as f32, h as f32) {
            sheet.fill_rect(r, &paint, sk::Transform::identity(), None);
        }
    };
    for (i, thumb) in thumbs.iter().enumerate() {
        let (col, row) = ((i % PROOF_COLUMNS) as u32, (i / PROOF_COLUMNS) as u32);
        let (w, h) = thumb.picture.as_ref().map_or((cell_w, cell_h), |p| (p.width(), p.height()));
        // Centred in its cell, for pages of another size.
        let x = GAP + col * (cell_w + GAP) + (cell_w - w) / 2;
        let y = GAP + row * (cell_h + GAP) + (cell_h - h) / 2;
        let (border, colour) = if thumb.flagged { (FLAG, [200, 30, 30]) } else { (1, [120, 120, 120]) };
        rect(&mut sheet, x - border, y - border, w + 2 * border, h + 2 * border, colour);
        match &thumb.picture {
            Some(p) => sheet.draw_pixmap(
                x as i32,
                y as i32,
                p.as_ref(),
                &sk::PixmapPaint::default(),
                sk::Transform::identity(),
                None,
            ),
            None => rect(&mut sheet, x, y, w, h, [250, 220, 220]),
        }
    }
    Ok(sheet)
}

/// Width and height of a PNG, read from its header.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&bytes[16..20]), be(&bytes[20..24])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thumb(w: u32, h: u32, flagged: bool) -> Thumb {
        let mut p = sk::Pixmap::new(w, h).unwrap();
        p.fill(sk::Color::WHITE);
        Thumb { picture: Some(p), flagged }
    }

    #[test]
    fn a_proof_sheet_has_four_columns_and_as_many_rows_as_needed() {
        let thumbs: Vec<Thumb> = (0..6).map(|i| thumb(100, 140, i == 5)).collect();
        let sheet = proof_sheet(&thumbs).unwrap();
        assert_eq!((sheet.width(), sheet.height()), (4 * 124 + 24, 2 * 164 + 24));
        // The sixth page (row 2, column 2) is framed in red.
        let red = sheet.pixel(24 + 124 - 3, 24 + 164 + 70).unwrap();
        assert_eq!((red.red(), red.green(), red.blue()), (200, 30, 30));
        // The first is not.
        let grey = sheet.pixel(24 - 3, 24 + 70).unwrap();
        assert_eq!(grey.red(), 226);
    }

    #[test]
    fn png_size_reads_the_header() {
        let bytes = encode(&thumb(7, 9, false).picture.unwrap()).unwrap();
        assert_eq!(png_size(&bytes), Some((7, 9)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
