//! Bytes of a text records file to text: which encoding a spreadsheet
//! program saved it in, decided from the content, and files that are not
//! text at all. Nothing here guesses where the content cannot tell: a file
//! whose bytes fit no single encoding is refused, with the lines that do not
//! fit.

use encoding_rs::{Encoding, MACINTOSH, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A text file decoded, with how its encoding was told.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding it was read as.
    pub encoding: &'static Encoding,
    /// Whether a byte order mark said so (rather than the content).
    pub bom: bool,
}

/// Why the bytes are not read as text.
#[derive(Debug, PartialEq)]
pub enum NotText {
    /// Valid UTF-8 on some lines and bytes of another encoding on others,
    /// e.g. rows pasted from a Windows-1252 file into a UTF-8 one: the line
    /// numbers (from 1) whose bytes are not UTF-8.
    Mixed(Vec<usize>),
    /// A legacy file whose bytes no candidate encoding reads as letters, or
    /// that reads as letters in another script too (that encoding's name):
    /// the line numbers where the bytes in doubt are.
    Undecidable(Vec<usize>, Option<&'static str>),
    /// Another kind of file, by its first bytes: what it is, in English and
    /// in Swedish.
    Binary(&'static str, &'static str),
}

/// The legacy encodings a spreadsheet program in Sweden saves CSV in:
/// Windows-1252 ("CSV (semikolonavgränsad)" on Windows) and MacRoman
/// (Excel for Mac's "CSV (Macintosh)").
const LEGACY: [&Encoding; 2] = [WINDOWS_1252, MACINTOSH];

/// Decodes a records file: a byte order mark decides; else UTF-16 by its
/// zero bytes, UTF-8 when every byte sequence is valid UTF-8, and otherwise
/// the legacy encoding whose reading of the file is letters, not symbols.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 && std::str::from_utf8(body).is_err() {
            return Err(NotText::Mixed(bad_utf8_lines(body)));
        }
        let (text, _) = encoding.decode_without_bom_handling(body);
        return Ok(Decoded { text: text.into_owned(), encoding, bom: true });
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded { text: text.into_owned(), encoding, bom: false });
    }
    if let Some((en, sv)) = binary(bytes) {
        return Err(NotText::Binary(en, sv));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), encoding: UTF_8, bom: false });
    }
    if has_utf8_letters(bytes) {
        return Err(NotText::Mixed(bad_utf8_lines(bytes)));
    }
    legacy(bytes)
}

/// The legacy encoding that reads `bytes` as the most plausible text:
/// Windows-1252 or MacRoman, on how many of the decoded non-ASCII
/// characters are letters of names rather than symbols and control codes
/// (chardetng does not weigh MacRoman). chardetng, made for telling legacy
/// encodings apart by encoding_rs's author, proposes its own; when that is
/// neither and reads the file as well, the file is refused, not guessed.
fn legacy(bytes: &[u8]) -> Result<Decoded, NotText> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    // No top-level domain: .se would tip it towards Windows-1252, and the
    // question is whether the file is in some other script.
    let proposed = detector.guess(None, false);
    let read = |e: &'static Encoding| {
        let (text, _) = e.decode_without_bom_handling(bytes);
        (plausibility(&text), e, text.into_owned())
    };
    // Of equals, Windows-1252.
    let [first, second] = LEGACY.map(read);
    let (score, encoding, text) = if second.0 > first.0 { second } else { first };
    let junk = |text: &str| -> Vec<usize> {
        text.split(['\n', '\r'])
            .enumerate()
            .filter(|(_, l)| l.chars().any(|c| char_score(c) < 0))
            .map(|(i, _)| i + 1)
            .collect()
    };
    // chardetng reads the file as another script (Cyrillic, Greek, Central
    // European, CJK …) at least as well: the bytes are letters either way,
    // and which letters cannot be told without guessing.
    // Unless every letter of the reading is one of Swedish and its
    // neighbours' names: a reading like that is no accident.
    let names_only = text.chars().filter(|c| !c.is_ascii()).all(|c| char_score(c) == 3 || char_score(c) == 0);
    if !LEGACY.contains(&proposed) && !names_only {
        let (other, _, other_text) = read(proposed);
        if other > 0 && junk(&other_text).is_empty() {
            let lines = text
                .split(['\n', '\r'])
                .zip(other_text.split(['\n', '\r']))
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(i, _)| i + 1)
                .collect();
            return Err(NotText::Undecidable(lines, Some(proposed.name())));
        }
    }
    // Negative: more symbols and control codes than letters. A few symbols
    // in an otherwise plain reading are real (°, §, €, –); control codes
    // never are.
    if score < 0 || text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return Err(NotText::Undecidable(junk(&text), None));
    }
    Ok(Decoded { text, encoding, bom: false })
}

/// How much a decoding reads like names and words: each non-ASCII
/// character scores by [`char_score`].
fn plausibility(text: &str) -> i64 {
    text.chars().filter(|c| !c.is_ascii()).map(char_score).sum()
}

/// A non-ASCII character's weight as evidence of a right decoding: the
/// letters of Swedish and its neighbours' names most, other letters a
/// little, symbols and control codes against.
fn char_score(c: char) -> i64 {
    const NAME_LETTERS: &str = "åäöÅÄÖéÉüÜèÈáÁíÍóÓúÚñÑçÇøØæÆëËïÏîÎôÔâÂàÀêÊûÛßœ";
    if c.is_ascii() || matches!(c, '\u{a0}' | '–' | '—' | '’' | '‘' | '”' | '“' | '´' | '§' | '°' | '€' | '½' | '·')
    {
        0
    } else if NAME_LETTERS.contains(c) {
        3
    } else if ('\u{80}'..='\u{9f}').contains(&c) {
        -5
    } else if c.is_alphabetic() && !matches!(c, 'ˆ' | '˜' | 'ƒ' | 'ª' | 'º' | 'ˇ' | '˘' | '˙' | '˚' | '˛' | '˝')
    {
        1
    } else {
        -3
    }
}

/// Whether `bytes` hold at least one line that is valid UTF-8 with letters
/// beyond ASCII in it: UTF-8 text, whatever else is there.
fn has_utf8_letters(bytes: &[u8]) -> bool {
    lines(bytes).any(|(_, line)| {
        std::str::from_utf8(line).is_ok_and(|l| !l.is_ascii() && l.chars().all(|c| char_score(c) >= 0))
    })
}

/// The line numbers (from 1) whose bytes are not valid UTF-8.
fn bad_utf8_lines(bytes: &[u8]) -> Vec<usize> {
    lines(bytes).filter(|(_, l)| std::str::from_utf8(l).is_err()).map(|(i, _)| i).collect()
}

/// The lines of `bytes` with their numbers from 1, split at CR LF, LF or a
/// lone CR (Excel for Mac's "CSV (Macintosh)" ends lines with CR).
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut rest = bytes;
    let mut number = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number += 1;
        let end = rest.iter().position(|b| matches!(b, b'\n' | b'\r')).unwrap_or(rest.len());
        let line = &rest[..end];
        let skip = match rest.get(end..end + 2) {
            Some(b"\r\n") => 2,
            Some(_) => 1,
            None => rest.len() - end,
        };
        rest = &rest[end + skip..];
        Some((number, line))
    })
}

/// UTF-16 saved without a byte order mark, told by the zero bytes of its
/// ASCII characters: every other byte zero, on one side only.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 2 >= pairs && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 2 >= pairs && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// What a file that is not text is, by its first bytes, or by the zero
/// bytes and control codes no text has.
fn binary(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const MAGIC: &[(&[u8], &str, &str)] = &[
        (b"%PDF", "a PDF document", "ett PDF-dokument"),
        (b"\x89PNG", "a PNG image", "en PNG-bild"),
        (b"\xff\xd8\xff", "a JPEG image", "en JPEG-bild"),
        (b"GIF8", "a GIF image", "en GIF-bild"),
        (b"II*\0", "a TIFF image", "en TIFF-bild"),
        (b"MM\0*", "a TIFF image", "en TIFF-bild"),
        (b"PK\x03\x04", "a zip archive", "ett zip-arkiv"),
        (b"\x1f\x8b", "a gzip archive", "ett gzip-arkiv"),
        (b"7z\xbc\xaf", "a 7-Zip archive", "ett 7-Zip-arkiv"),
        (b"Rar!", "a RAR archive", "ett RAR-arkiv"),
        (b"{\\rtf", "an RTF document (WordPad or Word)", "ett RTF-dokument (WordPad eller Word)"),
        (b"\xd0\xcf\x11\xe0", "an Office 97–2003 file", "en Office 97–2003-fil"),
        (b"bplist", "a property list", "en egenskapslista (plist)"),
    ];
    if let Some((_, en, sv)) = MAGIC.iter().find(|(magic, _, _)| bytes.starts_with(magic)) {
        return Some((en, sv));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    // A text file with a stray NUL or control code in one cell is text:
    // the cell is named when it is read (check::clean). Binary files are
    // full of them.
    (control * 100 > head.len()).then_some(("binary data, not text", "binära data, inte text"))
}

/// The name of an encoding as a person who saved the file knows it.
pub fn describe(encoding: &'static Encoding, bom: bool) -> String {
    match encoding.name() {
        "UTF-8" if bom => tr!("UTF-8 with BOM", "UTF-8 med BOM"),
        "UTF-8" => "UTF-8".to_owned(),
        "UTF-16LE" | "UTF-16BE" => "UTF-16".to_owned(),
        "windows-1252" => tr!("Windows-1252 (Excel's CSV on Windows)", "Windows-1252 (Excels CSV i Windows)"),
        "macintosh" => tr!("MacRoman (Excel for Mac's CSV (Macintosh))", "MacRoman (Excel för Macs CSV (Macintosh))"),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(bytes).unwrap_or_else(|e| panic!("{e:?}"));
        (d.text, d.encoding.name())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            text("Förnamn;Efternamn\nÅsa;Öberg\n".as_bytes()),
            ("Förnamn;Efternamn\nÅsa;Öberg\n".into(), "UTF-8")
        );
        let d = decode("\u{feff}Namn".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("Namn", true));
    }

    #[test]
    fn windows_1252_as_swedish_excel_saves_it() {
        let cp1252 = b"F\xf6rnamn;Efternamn\r\n\xc5sa;\xd6berg\r\nZo\xeb;Lindahl\r\n";
        assert_eq!(text(cp1252), ("Förnamn;Efternamn\r\nÅsa;Öberg\r\nZoë;Lindahl\r\n".into(), "windows-1252"));
    }

    #[test]
    fn macroman_as_excel_for_mac_saves_it() {
        let (bytes, _, _) = MACINTOSH.encode("Förnamn;Efternamn\rÅsa;Ängström\rPär;Öberg\rRené;Müller\r");
        assert_eq!(text(&bytes), ("Förnamn;Efternamn\rÅsa;Ängström\rPär;Öberg\rRené;Müller\r".into(), "macintosh"));
        // Lower case only, where Windows-1252 reads letters too (Œ, Š, š).
        let (bytes, _, _) = MACINTOSH.encode("namn\nåsa lindström\nkåre säll\n");
        assert_eq!(text(&bytes).1, "macintosh");
        // Where chardetng proposes Windows-1250 (lindstršm).
        let (bytes, _, _) = MACINTOSH.encode("namn\nlindström\n");
        assert_eq!(text(&bytes).1, "macintosh");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let body: Vec<u8> = "Namn\tE-post\r\nÅsa\ta@x.se\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(text(&body).1, "UTF-16LE");
        let bom: Vec<u8> = [0xff, 0xfe].into_iter().chain(body.iter().copied()).collect();
        assert_eq!(text(&bom).0, "Namn\tE-post\r\nÅsa\ta@x.se\r\n");
        let be: Vec<u8> = "Namn;Åsa".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&be), ("Namn;Åsa".into(), "UTF-16BE"));
    }

    #[test]
    fn a_utf8_file_with_a_windows_1252_row_is_refused_with_the_row() {
        let mixed = b"F\xc3\xb6rnamn;Efternamn\nZo\xeb;Lindahl\n\xc3\x85sa;Ek\nPer;\xd6berg\n";
        assert_eq!(decode(mixed).unwrap_err(), NotText::Mixed(vec![2, 4]));
        let with_bom = b"\xef\xbb\xbfNamn\nZo\xeb Lindahl\n";
        assert_eq!(decode(with_bom).unwrap_err(), NotText::Mixed(vec![2]));
    }

    #[test]
    fn bytes_that_read_as_no_text_are_refused() {
        // Symbols in every encoding: ¦©®¬ in Windows-1252, ¶©Æ¨ in MacRoman.
        let symbols = decode(b"Namn\n\xa6\xa9\xae\xac\xa6\xa9\n");
        assert!(matches!(symbols, Err(NotText::Undecidable(lines, _)) if lines == [2]));
        // Russian names as a Windows-1251 file holds them: Windows-1252 would
        // read them as accented letters (Àëåêñàíäð), but which cannot be told.
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Имя;Фамилия\nАлександр;Иванов\nНаталья;Смирнова\n");
        let r = decode(&cyrillic);
        assert!(matches!(r, Err(NotText::Undecidable(_, Some("windows-1251")))), "{r:?}");
    }

    #[test]
    fn files_that_are_not_text_say_what_they_are() {
        assert!(matches!(decode(b"%PDF-1.7\n%\xe2\xe3"), Err(NotText::Binary(w, _)) if w.contains("PDF")));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Err(NotText::Binary(w, _)) if w.contains("PNG")));
        assert!(matches!(decode(b"Namn\n\x00\x01\x02\x03garbage\x04\x05"), Err(NotText::Binary(..))));
    }

    #[test]
    fn lines_split_at_every_line_ending() {
        let v: Vec<(usize, &[u8])> = lines(b"a\r\nb\rc\nd").collect();
        assert_eq!(v, [(1, &b"a"[..]), (2, b"b"), (3, b"c"), (4, b"d")]);
    }
}
