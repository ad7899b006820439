//! Swedish alphabetical order: a–z, then å, ä, ö, case-insensitive. Databases collate
//! differently per engine and locale, so names are sorted here, the same on both.

use std::cmp::Ordering;

fn key(c: char) -> (u32, char) {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let rank = match lower {
        'å' => 'z' as u32 + 1,
        'ä' | 'æ' => 'z' as u32 + 2,
        'ö' | 'ø' => 'z' as u32 + 3,
        'é' | 'è' => 'e' as u32,
        'ü' => 'y' as u32,
        c => c as u32,
    };
    (rank, lower)
}

/// Compares two strings in Swedish alphabetical order.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    let primary = a.chars().map(|c| key(c).0).cmp(b.chars().map(|c| key(c).0));
    primary
        .then_with(|| a.chars().map(key).cmp(b.chars().map(key)))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_a_umlaut_o_umlaut_come_last() {
        let mut names = vec![
            "Ängsskolan",
            "Öjaskolan",
            "Åsskolan",
            "Björkhagaskolan",
            "zeta",
            "Alby",
        ];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            names,
            [
                "Alby",
                "Björkhagaskolan",
                "zeta",
                "Åsskolan",
                "Ängsskolan",
                "Öjaskolan"
            ]
        );
    }

    #[test]
    fn case_does_not_decide_order() {
        assert_eq!(
            swedish_cmp("åsa", "Åsa").then(Ordering::Equal),
            swedish_cmp("åsa", "Åsa")
        );
        assert_eq!(swedish_cmp("anna", "Bertil"), Ordering::Less);
    }
}

/// A key whose plain byte order is Swedish alphabetical order, for databases to sort
/// by without a Swedish collation: folded lower case with å, ä, ö moved after z.
pub fn sort_key(text: &str) -> String {
    crate::text::fold(text)
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' => '|',
            'ö' => '}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod sort_key_tests {
    use super::*;

    #[test]
    fn byte_order_of_keys_is_swedish_order() {
        let mut names = vec![
            "Örjan Ek",
            "Åsa Berg",
            "Ängla Dahl",
            "anna Berg",
            "Zara Ek",
            "Bo Ek",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "anna Berg",
                "Bo Ek",
                "Zara Ek",
                "Åsa Berg",
                "Ängla Dahl",
                "Örjan Ek"
            ]
        );
        let mut by_cmp = names.clone();
        by_cmp.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(names, by_cmp);
    }
}
