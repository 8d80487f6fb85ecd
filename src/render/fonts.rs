//! The fonts intyg embeds, parsed once per process.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The font files in `fonts/`, embedded in the binary, by file name; the
/// licence last.
pub static FILES: &[(&str, &[u8])] = &[
    ("NotoSans-Regular.ttf", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold.ttf", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Italic.ttf", include_bytes!("../../fonts/NotoSans-Italic.ttf")),
    ("NotoSans-BoldItalic.ttf", include_bytes!("../../fonts/NotoSans-BoldItalic.ttf")),
    ("NotoSerif-Regular.ttf", include_bytes!("../../fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Bold.ttf", include_bytes!("../../fonts/NotoSerif-Bold.ttf")),
    ("NotoSerif-Italic.ttf", include_bytes!("../../fonts/NotoSerif-Italic.ttf")),
    ("NotoSerif-BoldItalic.ttf", include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf")),
];

/// The fonts' licence, copied wherever intyg writes the fonts.
pub static LICENCE: (&str, &[u8]) = ("OFL.txt", include_bytes!("../../fonts/OFL.txt"));

/// The parsed fonts and their book.
pub struct Fonts {
    /// Metadata typst selects fonts by.
    pub book: LazyHash<FontBook>,
    /// The fonts, indexed as in the book.
    pub fonts: Vec<Font>,
}

impl Fonts {
    /// The embedded fonts, parsed on first use.
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let fonts: Vec<Font> = FILES.iter().flat_map(|(_, data)| Font::iter(Bytes::new(*data))).collect();
            Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
        })
    }

    /// Whether some embedded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
    }

    /// The family names, for `intyg templates`.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_cover_european_latin_sami_and_vietnamese() {
        let f = Fonts::embedded();
        for c in "åäöÅÄÖ áčđŋšŧž ÁČĐŊŠŦŽ ếệữỳ ẞß łŁ ğĞ şŞ őű ąę ėį – ’ “”".chars().filter(|c| !c.is_whitespace())
        {
            assert!(f.covers(c), "no glyph for {c} (U+{:04X})", c as u32);
        }
        assert!(!f.covers('漢') && !f.covers('🎓'), "CJK and emoji are not in the bundled fonts");
    }
}
