//! Text helpers for Swedish: folding for search and matching, edit distance for
//! "did you mean" suggestions, and the rule for the characters a person may send.

use crate::i18n::Msg;

/// Whether `c` may stand in text a person sends (a name, a protocol, a search, a CSV
/// cell): no control characters, except a line break or a tab where `multiline`; no
/// bidirectional overrides, embeddings or isolates, which make text read differently
/// from how it is stored; no byte-order marks or noncharacters. Ordinary directional
/// marks (U+200E, U+200F) stay, as right-to-left names may need them.
pub fn allowed_char(c: char, multiline: bool) -> bool {
    match c {
        '\n' | '\t' | '\r' => multiline,
        c if c.is_control() => false,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => false,
        '\u{FDD0}'..='\u{FDEF}' => false,
        c => (u32::from(c) & 0xFFFE) != 0xFFFE,
    }
}

/// Checks text a person sends by [`allowed_char`].
pub fn check_text(value: &str, multiline: bool) -> Result<(), Msg> {
    match value.chars().find(|&c| !allowed_char(c, multiline)) {
        None => Ok(()),
        Some('\n' | '\r' | '\t') => Err(Msg::TextLineBreak),
        Some(_) => Err(Msg::TextControlChars),
    }
}

/// Whether text has something to see: a character that is neither white space nor an
/// invisible format character (zero-width spaces and joiners, soft hyphens, marks).
pub fn has_visible(value: &str) -> bool {
    value.chars().any(|c| {
        !c.is_whitespace()
            && !c.is_control()
            && !matches!(
                c,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{061C}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{17B4}'
                    | '\u{17B5}'
                    | '\u{180E}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{3164}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
                    | '\u{FFA0}'
            )
    })
}

/// Folds text for matching: lower case, whitespace collapsed, dashes unified, and
/// accents removed except on å, ä and ö, which are letters of their own in Swedish
/// ("Åsa" is found by "åsa", not by "asa"; "José" by "jose").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'û' => 'u',
            'ü' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            'æ' => 'ä',
            'ø' => 'ö',
            '–' | '—' | '‐' | '‑' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate most like `input`, when one is close enough to suggest: it starts
/// with the input, shares its first three letters ("Matte" → "Matematik"), or differs
/// by at most a third of the input's length.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let needle = fold(input);
    if needle.is_empty() {
        return None;
    }
    let limit = (needle.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let folded = fold(c);
            let prefix = needle.chars().count() >= 3 && folded.starts_with(&needle);
            let shared = needle
                .chars()
                .zip(folded.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let d = edit_distance(&needle, &folded);
            (prefix || shared >= 3 || d <= limit).then_some((if prefix { 0 } else { d }, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_swedish_letters_and_drops_other_accents() {
        assert_eq!(fold("  Åsa   ÖBERG "), "åsa öberg");
        assert_eq!(fold("José Müller"), "jose myller");
        assert_eq!(fold("F–3"), "f-3");
        assert_ne!(fold("Åsa"), fold("Asa"));
    }

    #[test]
    fn text_refuses_controls_and_reordering_and_names_need_something_visible() {
        assert_eq!(check_text("Åsa Öberg", false), Ok(()));
        assert_eq!(check_text("rad ett\nrad två\tmed tab", true), Ok(()));
        assert_eq!(
            check_text("rad ett\nrad två", false),
            Err(Msg::TextLineBreak)
        );
        for bad in [
            "a\u{0}b",
            "ring\u{7}",
            "esc\u{1b}[31m",
            "del\u{7f}",
            "c1\u{85}",
            "\u{202E}txt.exe",
            "iso\u{2067}late",
            "bom\u{FEFF}",
            "non\u{FFFF}char",
            "non\u{FDD0}",
        ] {
            assert_eq!(check_text(bad, true), Err(Msg::TextControlChars), "{bad:?}");
        }
        // A right-to-left name with its ordinary marks is fine.
        assert_eq!(check_text("\u{200F}שרה כהן", false), Ok(()));
        assert!(has_visible(" Åsa "));
        assert!(has_visible("Nguyễn Thị Hà"));
        assert!(!has_visible("\u{200B}\u{200D}\u{2060} \u{00AD}"));
        assert!(!has_visible("   "));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("matte", "matte"), 0);
        assert_eq!(edit_distance("kemi", "kem"), 1);
        assert_eq!(edit_distance("åsa", "asa"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_the_closest_name() {
        let subjects = ["Matematik", "Musik", "Engelska", "Biologi"];
        assert_eq!(closest("Matte", subjects), Some("Matematik"));
        assert_eq!(closest("Mate", subjects), Some("Matematik"));
        assert_eq!(closest("Engleska", subjects), Some("Engelska"));
        assert_eq!(closest("Biolgi", subjects), Some("Biologi"));
        assert_eq!(closest("Historia", subjects), None);
    }
}
