//! Sorting names as a Swedish list does: A–Z, then Å, Ä, Ö (Æ with Ä, Ø
//! with Ö, Ü with Y), letters with other accents with their base letter
//! (É with E), case and punctuation aside.

/// The sort key of `text`: compare keys to sort texts in Swedish order.
pub fn key(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let k = match c {
            'å' => 27,
            'ä' | 'æ' => 28,
            'ö' | 'ø' => 29,
            'ü' => u32::from(b'y' - b'a' + 1),
            ' ' | '-' => 0,
            c if c.is_ascii_lowercase() => u32::from(c as u8 - b'a' + 1),
            c if c.is_ascii_digit() => 100 + u32::from(c as u8 - b'0'),
            c if c.is_alphabetic() => {
                // É → e, Ł → l: the base letter, for letters Swedish
                // does not sort on their own.
                match deunicode::deunicode_char(c).and_then(|s| s.chars().next()) {
                    Some(b) if b.is_ascii_alphabetic() => u32::from(b.to_ascii_lowercase() as u8 - b'a' + 1),
                    _ => 200 + c as u32,
                }
            }
            _ => continue,
        };
        out.push(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_come_after_z_and_accents_sort_with_their_letter() {
        let mut names = ["Öberg", "Åström", "Zetterlund", "Ahlberg", "Ängström", "Éclair", "Ek", "Eka", "al-Hassan"];
        names.sort_by_key(|n| key(n));
        assert_eq!(names, ["Ahlberg", "al-Hassan", "Éclair", "Ek", "Eka", "Zetterlund", "Åström", "Ängström", "Öberg"]);
    }
}
