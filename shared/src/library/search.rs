//! Search in Swedish, the same on every database engine: text is cut into words,
//! folded (lower case, foreign accents dropped, å ä ö kept as the letters they are) and
//! reduced to their stems with the Swedish Snowball stemmer, so "bedömningar" and
//! "bedömningen" are both stored as "bedömning". A query word matches a stored stem
//! exactly, or as its beginning when the word is long enough or still being typed, so
//! "bedömning" also finds the compound "bedömningsstöd". A word that matches nothing
//! is corrected to the closest stored stem when one is near enough ("bedomning").
//!
//! The server keeps the stems of every item in a table and asks the database only for
//! the stored stems in a range; scoring, correction and highlighting happen here, so
//! SQLite and PostgreSQL give the same results in the same order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::text::{edit_distance, fold};

/// Words too common to search by.
const STOP_WORDS: &[&str] = &[
    "alla", "att", "av", "de", "dem", "den", "denna", "det", "detta", "du", "där", "efter",
    "eller", "en", "ett", "för", "från", "har", "hur", "här", "i", "inte", "jag", "kan", "man",
    "med", "men", "mot", "na", "när", "och", "om", "på", "sig", "sin", "ska", "som", "så", "till",
    "under", "upp", "ut", "vad", "var", "vi", "vid", "är", "än", "the", "and", "of", "to", "in",
    "a", "an", "for", "on", "with",
];

/// A word of a text: where it is (byte offsets into the text) and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub word: String,
}

/// The words of `text`, in order: runs of letters and digits.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len()));
    }
    out
}

fn token(text: &str, start: usize, end: usize) -> Token {
    Token {
        start,
        end,
        word: fold(&text[start..end]),
    }
}

/// The stem a folded word is stored and searched under.
pub fn stem(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    Stemmer::create(Algorithm::Swedish).stem(word).into_owned()
}

/// Whether a folded word is worth indexing: not a stop word, and two characters or more
/// (digits count alone: "4" of "åk 4").
fn indexable(word: &str) -> bool {
    let short = word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit());
    !short && !STOP_WORDS.contains(&word)
}

/// The stems of an item and their weights, summed over its fields (each field with its
/// own weight: a word in the title counts more than one in the summary), sorted by stem.
pub fn index_terms(fields: &[(&str, u32)]) -> Vec<(String, u32)> {
    let mut terms: BTreeMap<String, u32> = BTreeMap::new();
    for (text, weight) in fields {
        for t in tokens(text) {
            if indexable(&t.word) {
                *terms.entry(stem(&t.word)).or_default() += weight;
            }
        }
    }
    terms.into_iter().collect()
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The word as typed, folded.
    pub word: String,
    pub stem: String,
    /// Whether stored stems that begin with this stem match too.
    pub prefix: bool,
}

/// Stems this short match only exactly, unless being typed: "lek" should not find
/// "lektion".
const PREFIX_FROM: usize = 5;

/// The words of a query. The last word also matches as a prefix while it is being typed
/// (no space after it yet), so results follow the keyboard.
pub fn parse_query(query: &str) -> Vec<QueryWord> {
    let typing = !query.ends_with(char::is_whitespace);
    let words: Vec<Token> = tokens(query);
    let mut out: Vec<QueryWord> = Vec::new();
    let last = words.len().saturating_sub(1);
    for (i, t) in words.into_iter().enumerate() {
        let being_typed = typing && i == last;
        if !indexable(&t.word) && !being_typed {
            continue;
        }
        let stem = stem(&t.word);
        let prefix = stem.chars().count() >= PREFIX_FROM || being_typed;
        if !out.iter().any(|w| w.stem == stem) {
            out.push(QueryWord {
                word: t.word,
                stem,
                prefix,
            });
        }
    }
    out
}

/// The range of stored stems a query word may match: `[low, high)` in code-point order
/// (byte order in UTF-8, which is how the term column compares on both engines).
pub fn stem_range(word: &QueryWord) -> (String, String) {
    if !word.prefix {
        // No stem holds a control character, and PostgreSQL text holds no NUL.
        let mut high = word.stem.clone();
        high.push('\u{1}');
        return (word.stem.clone(), high);
    }
    let mut high: Vec<char> = word.stem.chars().collect();
    if let Some(last) = high.pop() {
        high.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX));
    }
    (word.stem.clone(), high.into_iter().collect())
}

/// How well a stored stem matches a query word: 1 for the same stem, less for a longer
/// word that starts with it (a compound or a derived form), none otherwise.
pub fn match_quality(word: &QueryWord, term: &str) -> Option<f64> {
    if term == word.stem {
        Some(1.0)
    } else if word.prefix && term.starts_with(word.stem.as_str()) {
        Some(0.6)
    } else {
        None
    }
}

/// A stored stem of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub item: i64,
    pub term: String,
    pub weight: u32,
}

/// Ranks the items that match every word, best first: for each word the item's best
/// matching stem counts, by how well it matches, how rare it is in the library (items
/// among `total` that hold a stem it matches) and how much weight it carries in the item (saturating,
/// so repetition helps less and less). Ties go to the newer item (the higher id).
/// `postings[i]` holds the postings fetched for `words[i]`.
pub fn rank(words: &[QueryWord], postings: &[Vec<Posting>], total: usize) -> Vec<(i64, f64)> {
    let mut scores: HashMap<i64, (usize, f64)> = HashMap::new();
    for (word, found) in words.iter().zip(postings) {
        // The word's rarity is that of all the stems it matches together: a compound
        // found by prefix is the same idea, not a rarer one.
        let df = found.iter().map(|p| p.item).collect::<BTreeSet<_>>().len() as f64;
        let idf = (1.0 + (total as f64 - df + 0.5) / (df + 0.5)).ln();
        let mut best: BTreeMap<i64, f64> = BTreeMap::new();
        for p in found {
            let Some(quality) = match_quality(word, &p.term) else {
                continue;
            };
            let w = f64::from(p.weight);
            let s = quality * idf * (w * 2.2 / (w + 1.2));
            let e = best.entry(p.item).or_insert(0.0);
            if s > *e {
                *e = s;
            }
        }
        for (item, s) in best {
            let e = scores.entry(item).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += s;
        }
    }
    let mut ranked: Vec<(i64, f64)> = scores
        .into_iter()
        .filter(|(_, (n, _))| *n == words.len())
        .map(|(item, (_, s))| (item, s))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    ranked
}

/// The stored stem closest to a word that matched nothing, when one is near enough:
/// one letter off for words of four to seven letters, two from eight. Ties go to the
/// stem more items hold.
pub fn correct<'a>(word: &QueryWord, vocabulary: &'a [(String, i64)]) -> Option<&'a str> {
    let len = word.word.chars().count();
    let limit = match len {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    vocabulary
        .iter()
        .filter_map(|(term, df)| {
            let d = edit_distance(&word.stem, term).min(edit_distance(&word.word, term));
            (d <= limit).then_some((d, -df, term.as_str()))
        })
        .min()
        .map(|(_, _, t)| t)
}

/// A piece of text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segment {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hit: bool,
}

fn is_hit(words: &[QueryWord], token: &Token) -> bool {
    let s = stem(&token.word);
    words
        .iter()
        .any(|w| match_quality(w, &s).is_some() || (w.prefix && token.word.starts_with(&w.stem)))
}

/// `text` cut into segments, the words that match the query marked.
pub fn highlight(text: &str, words: &[QueryWord]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut at = 0;
    for t in tokens(text) {
        if !words.is_empty() && is_hit(words, &t) {
            push(&mut out, &text[at..t.start], false);
            push(&mut out, &text[t.start..t.end], true);
            at = t.end;
        }
    }
    push(&mut out, &text[at..], false);
    out
}

fn push(out: &mut Vec<Segment>, text: &str, hit: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.hit == hit && !hit => last.text.push_str(text),
        _ => out.push(Segment {
            text: text.to_owned(),
            hit,
        }),
    }
}

/// About `max` characters of `text` around its first match (or its beginning), cut at
/// word boundaries with "…" where text was left out, the matches marked.
pub fn snippet(text: &str, words: &[QueryWord], max: usize) -> Vec<Segment> {
    let all = tokens(text);
    let first = all
        .iter()
        .position(|t| !words.is_empty() && is_hit(words, t));
    // Start a few words before the first match, so it is read in context.
    let start_token = first.map(|i| i.saturating_sub(6)).unwrap_or(0);
    let start = if start_token == 0 {
        0
    } else {
        all[start_token].start
    };
    let mut end = text.len();
    for t in &all[start_token..] {
        if text[start..t.end].chars().count() > max {
            end = t.start;
            break;
        }
    }
    let mut out = Vec::new();
    if start > 0 {
        push(&mut out, "…", false);
    }
    out.extend(highlight(text[start..end].trim_end(), words));
    if end < text.len() {
        let mut tail = Vec::new();
        push(&mut tail, "…", false);
        match out.last_mut() {
            Some(last) if !last.hit => last.text.push('…'),
            _ => out.extend(tail),
        }
    }
    out
}

/// The word of `text` as written whose stem is `stem`, to show a correction in the
/// reader's words rather than as a stem.
pub fn surface_form(text: &str, stem_wanted: &str) -> Option<String> {
    tokens(text)
        .into_iter()
        .find(|t| stem(&t.word) == stem_wanted)
        .map(|t| t.word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        index_terms(&[(text, 1)])
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    fn postings(items: &[(i64, &str)]) -> Vec<(i64, Vec<(String, u32)>)> {
        items
            .iter()
            .map(|(id, text)| (*id, index_terms(&[(text, 1)])))
            .collect()
    }

    /// Searches `items` as the server does: each word's postings are those stems in the
    /// word's range.
    fn search(items: &[(i64, &str)], query: &str) -> Vec<i64> {
        let index = postings(items);
        let words = parse_query(query);
        let found: Vec<Vec<Posting>> = words
            .iter()
            .map(|w| {
                let (low, high) = stem_range(w);
                index
                    .iter()
                    .flat_map(|(id, terms)| {
                        terms
                            .iter()
                            .filter(|(t, _)| *t >= low && *t < high)
                            .map(|(t, weight)| Posting {
                                item: *id,
                                term: t.clone(),
                                weight: *weight,
                            })
                    })
                    .collect()
            })
            .collect();
        rank(&words, &found, items.len())
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(stem("bedömningar"), "bedömning");
        assert_eq!(stem("bedömningen"), "bedömning");
        assert_eq!(stem("bedömning"), "bedömning");
        assert_eq!(terms("Bedömningar och BEDÖMNING"), vec!["bedömning"]);
    }

    #[test]
    fn stop_words_and_single_letters_are_not_indexed() {
        assert_eq!(
            terms("Det är en film om att läsa i åk 4"),
            vec!["4", "film", "läs", "åk"]
        );
    }

    #[test]
    fn a_word_finds_its_forms_and_compounds() {
        let items = [
            (1, "Bedömningar i matematik"),
            (2, "Bedömningsstöd för läsning"),
            (3, "Formativ bedömning i praktiken"),
            (4, "Digitala verktyg i klassrummet"),
        ];
        let found = search(&items, "bedömning ");
        assert_eq!(found.len(), 3);
        assert!(!found.contains(&4));
        // The compound matches less well than the word itself.
        assert_eq!(found.last(), Some(&2));
    }

    #[test]
    fn swedish_letters_are_letters_of_their_own() {
        let items = [(1, "Läsförståelse"), (2, "Lasforstaelse")];
        assert_eq!(search(&items, "läsförståelse "), vec![1]);
        assert_eq!(tokens("ÅÄÖ åäö")[0].word, "åäö");
    }

    #[test]
    fn every_word_must_match() {
        let items = [
            (1, "Bedömning i matematik"),
            (2, "Bedömning i svenska"),
            (3, "Matematik utomhus"),
        ];
        assert_eq!(search(&items, "bedömning matematik "), vec![1]);
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let items = [(1, "Bedömning i matematik"), (2, "Lek och lärande")];
        assert_eq!(search(&items, "bedö"), vec![1]);
        assert_eq!(search(&items, "mat"), vec![1]);
        // Short words that are finished match only exactly.
        assert_eq!(search(&items, "mat "), Vec::<i64>::new());
    }

    #[test]
    fn rarer_words_and_title_words_rank_higher() {
        let index = [
            (1, vec![("bedömning".to_owned(), 1)]),
            (2, vec![("bedömning".to_owned(), 3)]),
        ];
        let words = parse_query("bedömning ");
        let found = vec![
            index
                .iter()
                .flat_map(|(id, t)| {
                    t.iter().map(|(term, w)| Posting {
                        item: *id,
                        term: term.clone(),
                        weight: *w,
                    })
                })
                .collect(),
        ];
        let ranked = rank(&words, &found, 10);
        assert_eq!(ranked[0].0, 2);
        assert!(ranked[0].1 > ranked[1].1);
    }

    #[test]
    fn ties_go_to_the_newer_item() {
        let items = [(1, "Film om läsning"), (2, "Film om läsning")];
        assert_eq!(search(&items, "läsning "), vec![2, 1]);
    }

    #[test]
    fn typos_are_corrected_to_a_near_stem() {
        let vocabulary = vec![
            ("bedömning".to_owned(), 5),
            ("bedömningsstöd".to_owned(), 1),
            ("matematik".to_owned(), 9),
            ("film".to_owned(), 2),
        ];
        let word = |q: &str| parse_query(q).remove(0);
        assert_eq!(correct(&word("bedomning "), &vocabulary), Some("bedömning"));
        assert_eq!(correct(&word("bedömnig "), &vocabulary), Some("bedömning"));
        assert_eq!(correct(&word("matemtaik "), &vocabulary), Some("matematik"));
        assert_eq!(correct(&word("fim "), &vocabulary), None);
        assert_eq!(correct(&word("historia "), &vocabulary), None);
    }

    #[test]
    fn prefix_ranges_cover_exactly_the_words_that_begin_so() {
        let w = parse_query("bedömning");
        let (low, high) = stem_range(&w[0]);
        for inside in ["bedömning", "bedömningsstöd", "bedömningz"] {
            assert!(inside >= low.as_str() && inside < high.as_str(), "{inside}");
        }
        for outside in ["bedömnin", "bedömnioo", "bedöma"] {
            assert!(
                !(outside >= low.as_str() && outside < high.as_str()),
                "{outside}"
            );
        }
        let exact = parse_query("lek ");
        let (low, high) = stem_range(&exact[0]);
        assert!("lek" >= low.as_str() && "lek" < high.as_str());
        assert!("lektion" >= high.as_str());
    }

    #[test]
    fn matches_are_marked_in_the_text() {
        let words = parse_query("bedömning ");
        let segments = highlight("Om bedömningar och Bedömningsstöd.", &words);
        let marked: Vec<&str> = segments
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["bedömningar", "Bedömningsstöd"]);
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "Om bedömningar och Bedömningsstöd.");
        assert_eq!(
            highlight("Ingen träff", &words),
            vec![Segment {
                text: "Ingen träff".into(),
                hit: false
            }]
        );
    }

    #[test]
    fn snippets_show_the_first_match_in_context() {
        let text = "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton \
                    sexton sjutton arton nitton tjugo bedömning tjugoett tjugotvå tjugotre.";
        let words = parse_query("bedömning ");
        let s = snippet(text, &words, 60);
        let joined: String = s.iter().map(|s| s.text.as_str()).collect();
        assert!(joined.starts_with('…'), "{joined}");
        assert!(joined.ends_with('…'), "{joined}");
        assert!(joined.contains("bedömning"));
        assert!(joined.chars().count() <= 64, "{joined}");
        assert!(s.iter().any(|s| s.hit && s.text == "bedömning"));
        let short = snippet("Kort text.", &words, 60);
        assert_eq!(
            short,
            vec![Segment {
                text: "Kort text.".into(),
                hit: false
            }]
        );
    }

    #[test]
    fn a_correction_is_shown_as_written() {
        assert_eq!(
            surface_form("Om Bedömningar i skolan", "bedömning"),
            Some("bedömningar".into())
        );
        assert_eq!(surface_form("Om skolan", "bedömning"), None);
    }
}
