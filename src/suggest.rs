//! "Did you mean …?": the nearest of some names to a misspelled one.

/// The candidate nearest to `wanted`, if one is near enough to be a typing
/// mistake. Case, spaces and punctuation do not count: `Epost` is near
/// `E-post`, `Emial` near `Email`.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = normalise(wanted);
    let limit = match w.chars().count() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&w, &normalise(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_far_ones_are_not() {
        assert_eq!(closest("Epost", ["Namn", "E-post"]), Some("E-post"));
        assert_eq!(closest("Emial", ["Email", "Name"]), Some("Email"));
        assert_eq!(closest("Efternman", ["Förnamn", "Efternamn"]), Some("Efternamn"));
        assert_eq!(closest("Blad 2", ["Blad1", "Deltagare"]), Some("Blad1"));
        assert_eq!(closest("Kommentar", ["Namn", "E-post"]), None);
    }
}
