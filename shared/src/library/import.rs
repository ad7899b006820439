//! Importing a list of links from CSV (titel, länk, beskrivning, typ, ämnen, stadier,
//! taggar), previewed before it is committed, like the staff import. A row whose link
//! is already in the library is left alone (it is counted as unchanged), so the same
//! file can be imported twice without making doubles. Rows without a type become links.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{ItemInput, ItemKind, Tags};
use crate::i18n::Lang;
use crate::org::import::{ImportError, KnownSubject, did_you_mean, parse_stage};
use crate::org::{SUBJECTS, csv};
use crate::text::{closest, fold};
use crate::validation::Validate;

/// The columns of a library import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    Link,
    Description,
    Kind,
    Subjects,
    Stages,
    Tags,
}

impl Column {
    /// The header the column is documented under.
    pub fn header(self) -> &'static str {
        match self {
            Column::Title => "titel",
            Column::Link => "länk",
            Column::Description => "beskrivning",
            Column::Kind => "typ",
            Column::Subjects => "ämnen",
            Column::Stages => "stadier",
            Column::Tags => "taggar",
        }
    }

    fn from_header(header: &str) -> Option<Column> {
        match fold(header).as_str() {
            "titel" | "title" | "namn" | "rubrik" => Some(Column::Title),
            "länk" | "lank" | "url" | "link" | "adress" => Some(Column::Link),
            "beskrivning" | "description" | "sammanfattning" => Some(Column::Description),
            "typ" | "type" | "slag" => Some(Column::Kind),
            "ämnen" | "ämne" | "amnen" | "subjects" => Some(Column::Subjects),
            "stadier" | "stadium" | "stages" => Some(Column::Stages),
            "taggar" | "tagg" | "tags" | "nyckelord" => Some(Column::Tags),
            _ => None,
        }
    }
}

/// What is wrong with a cell, a line or the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EmptyFile,
    MissingColumn(Column),
    /// A field breaks a rule of items; the message says which.
    Invalid(crate::i18n::Msg),
    DuplicateLink {
        first_line: usize,
    },
    UnknownKind {
        value: String,
        suggestion: Option<String>,
    },
    UnknownSubject {
        value: String,
        suggestion: Option<String>,
    },
    UnknownStage {
        value: String,
        suggestion: Option<String>,
    },
}

impl Problem {
    /// The message shown to the ICT strategist.
    pub fn text(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            Problem::EmptyFile if sv => "Filen är tom.".into(),
            Problem::EmptyFile => "The file is empty.".into(),
            Problem::MissingColumn(c) if sv => {
                format!("Kolumnen \"{}\" saknas i rubrikraden.", c.header())
            }
            Problem::MissingColumn(c) => format!(
                "The column \"{}\" is missing from the header line.",
                c.header()
            ),
            Problem::Invalid(msg) => msg.text(lang).to_owned(),
            Problem::DuplicateLink { first_line } if sv => {
                format!("Länken finns redan på rad {first_line} i filen.")
            }
            Problem::DuplicateLink { first_line } => {
                format!("The link is already on line {first_line} of the file.")
            }
            Problem::UnknownKind { value, suggestion } => {
                let head = if sv {
                    format!("Okänd typ \"{value}\".")
                } else {
                    format!("Unknown type \"{value}\".")
                };
                head + &did_you_mean(lang, suggestion)
            }
            Problem::UnknownSubject { value, suggestion } => {
                let head = if sv {
                    format!("Okänt ämne \"{value}\".")
                } else {
                    format!("Unknown subject \"{value}\".")
                };
                head + &did_you_mean(lang, suggestion)
            }
            Problem::UnknownStage { value, suggestion } => {
                let head = if sv {
                    format!("Okänt stadium \"{value}\".")
                } else {
                    format!("Unknown stage \"{value}\".")
                };
                head + &did_you_mean(lang, suggestion)
            }
        }
    }
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The file's line (the header is line 1); 0 for the whole file.
    pub line: usize,
    pub column: Option<Column>,
    pub problem: Problem,
}

/// What reading a file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The items to create, with their lines.
    pub create: Vec<(usize, ItemInput)>,
    /// Lines whose link is already in the library.
    pub unchanged: Vec<usize>,
    pub issues: Vec<Issue>,
}

/// What an import would do: `POST /api/v1/library/import/preview`, and after commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryImportPreview {
    pub created: usize,
    pub unchanged: usize,
    /// The items the file would add, by title, in file order (for review).
    pub titles: Vec<String>,
    /// Every problem; a file with problems is not committed.
    pub errors: Vec<ImportError>,
}

impl Plan {
    pub fn preview(&self, lang: Lang) -> LibraryImportPreview {
        LibraryImportPreview {
            created: self.create.len(),
            unchanged: self.unchanged.len(),
            titles: self.create.iter().map(|(_, i)| i.title.clone()).collect(),
            errors: self
                .issues
                .iter()
                .map(|i| ImportError {
                    line: i.line,
                    column: i.column.map(|c| c.header().to_owned()),
                    message: i.problem.text(lang),
                })
                .collect(),
        }
    }
}

const STAGE_NAMES: &[&str] = &[
    "förskola",
    "förskoleklass",
    "F–3",
    "1–3",
    "4–6",
    "7–9",
    "fritidshem",
    "gymnasieskola",
];

/// Reads `bytes` against the municipality's own subjects and the links already in
/// the library (compared trimmed and case-insensitively).
pub fn plan(bytes: &[u8], custom_subjects: &[KnownSubject], existing_links: &[String]) -> Plan {
    let mut plan = Plan {
        create: Vec::new(),
        unchanged: Vec::new(),
        issues: Vec::new(),
    };
    let text = match csv::decode(bytes) {
        Ok((text, _)) => text,
        Err(unreadable) => {
            plan.issues.push(Issue {
                line: unreadable.line,
                column: None,
                problem: Problem::Invalid(unreadable.msg),
            });
            return plan;
        }
    };
    let separator = csv::detect_separator(&text);
    let mut records = csv::parse(&text, separator).into_iter();
    let Some(header) = records.next() else {
        plan.issues.push(Issue {
            line: 0,
            column: None,
            problem: Problem::EmptyFile,
        });
        return plan;
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, cell) in header.cells.iter().enumerate() {
        if let Some(c) = Column::from_header(cell) {
            columns.entry(c).or_insert(i);
        }
    }
    for required in [Column::Title, Column::Link] {
        if !columns.contains_key(&required) {
            plan.issues.push(Issue {
                line: header.line,
                column: Some(required),
                problem: Problem::MissingColumn(required),
            });
        }
    }
    if !plan.issues.is_empty() {
        return plan;
    }
    let known: std::collections::HashSet<String> = existing_links
        .iter()
        .map(|l| l.trim().to_lowercase())
        .collect();
    let kind_names: Vec<&str> = ItemKind::ALL.iter().map(|k| k.label(Lang::Sv)).collect();
    let subject_names: Vec<&str> = SUBJECTS
        .iter()
        .map(|s| s.sv)
        .chain(custom_subjects.iter().map(|s| s.name.as_str()))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();

    for record in records {
        let line = record.line;
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| record.cells.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        if record.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut push = |column: Column, problem: Problem| {
            plan.issues.push(Issue {
                line,
                column: Some(column),
                problem,
            });
        };
        let kind = match cell(Column::Kind) {
            "" => Some(ItemKind::Lank),
            v => {
                let k = ItemKind::parse(v);
                if k.is_none() {
                    let suggestion = closest(v, kind_names.iter().copied()).map(str::to_owned);
                    push(
                        Column::Kind,
                        Problem::UnknownKind {
                            value: v.to_owned(),
                            suggestion,
                        },
                    );
                }
                k
            }
        };
        let mut subjects = Vec::new();
        for v in csv::split_values(cell(Column::Subjects)) {
            let f = fold(&v);
            let found = SUBJECTS
                .iter()
                .find(|s| fold(s.sv) == f || fold(s.en) == f || s.code == f)
                .map(|s| s.code.to_owned())
                .or_else(|| {
                    custom_subjects
                        .iter()
                        .find(|s| fold(&s.name) == f || fold(&s.code) == f)
                        .map(|s| s.code.clone())
                });
            match found {
                Some(code) => subjects.push(code),
                None => {
                    let suggestion = closest(&v, subject_names.iter().copied()).map(str::to_owned);
                    push(
                        Column::Subjects,
                        Problem::UnknownSubject {
                            value: v,
                            suggestion,
                        },
                    );
                }
            }
        }
        let mut stages = Vec::new();
        for v in csv::split_values(cell(Column::Stages)) {
            match parse_stage(&v) {
                Some(s) => stages.extend(s),
                None => {
                    let suggestion = closest(&v, STAGE_NAMES.iter().copied()).map(str::to_owned);
                    push(
                        Column::Stages,
                        Problem::UnknownStage {
                            value: v,
                            suggestion,
                        },
                    );
                }
            }
        }
        let input = ItemInput {
            kind: kind.unwrap_or(ItemKind::Lank),
            title: cell(Column::Title).to_owned(),
            summary: cell(Column::Description).to_owned(),
            source: String::new(),
            year: None,
            language: None,
            url: Some(cell(Column::Link).to_owned()),
            tags: Tags {
                subjects,
                stages,
                keywords: csv::split_values(cell(Column::Tags)),
                ..Tags::default()
            }
            .normalized(),
            version: None,
        };
        for e in input.validate() {
            let column = match e.field {
                "title" => Column::Title,
                "url" => Column::Link,
                "summary" => Column::Description,
                _ => Column::Tags,
            };
            push(column, Problem::Invalid(e.msg));
        }
        let link = input.link().map(str::to_lowercase);
        match link {
            None => push(
                Column::Link,
                Problem::Invalid(crate::i18n::Msg::FieldRequired),
            ),
            Some(link) => {
                if let Some(&first_line) = seen.get(&link) {
                    push(Column::Link, Problem::DuplicateLink { first_line });
                } else {
                    seen.insert(link.clone(), line);
                    if known.contains(&link) {
                        plan.unchanged.push(line);
                        continue;
                    }
                }
            }
        }
        if !plan.issues.iter().any(|i| i.line == line) {
            plan.create.push((line, input));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Stage;

    #[test]
    fn a_list_of_links_becomes_items() {
        let file = "titel;länk;beskrivning;typ;ämnen;stadier;taggar\n\
                    Bedömningsstöd i matematik;https://www.skolverket.se/a;Stöd för **bedömning**;Länk;Matematik;F-3;bedömning, stöd\n\
                    Film om läsning;https://youtu.be/dQw4w9WgXcQ;;film;svenska;4–6;\n";
        let p = plan(file.as_bytes(), &[], &[]);
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        assert_eq!(p.create.len(), 2);
        let (line, first) = &p.create[0];
        assert_eq!(*line, 2);
        assert_eq!(first.kind, ItemKind::Lank);
        assert_eq!(first.tags.subjects, vec!["matematik"]);
        assert_eq!(first.tags.stages, vec![Stage::Forskoleklass, Stage::Ak1_3]);
        assert_eq!(first.tags.keywords, vec!["bedömning", "stöd"]);
        assert_eq!(p.create[1].1.kind, ItemKind::Film);
    }

    #[test]
    fn a_utf32_file_reads_and_a_mixed_one_is_refused_by_line() {
        let text = "titel;länk\nNguyễn Thị Hà om läsning;https://www.skolverket.se/b\n";
        let mut bytes = vec![0, 0, 0xFE, 0xFF];
        bytes.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
        let p = plan(&bytes, &[], &[]);
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        assert_eq!(p.create[0].1.title, "Nguyễn Thị Hà om läsning");

        let mut mixed = "titel;länk\nLäsning;https://x.se/a\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"Skrivf\xF6rm\xE5ga;https://x.se/b\n");
        let p = plan(&mixed, &[], &[]);
        assert!(p.create.is_empty());
        assert_eq!(
            p.issues,
            vec![Issue {
                line: 3,
                column: None,
                problem: Problem::Invalid(crate::i18n::Msg::FileMixedEncodings)
            }]
        );
    }

    #[test]
    fn links_already_there_are_left_alone() {
        let file = "titel,länk\nA,https://a.se/x\nB,https://b.se/y\n";
        let p = plan(file.as_bytes(), &[], &["HTTPS://A.SE/X ".into()]);
        assert_eq!(p.unchanged, vec![2]);
        assert_eq!(p.create.len(), 1);
        assert_eq!(p.preview(Lang::Sv).titles, vec!["B"]);
    }

    #[test]
    fn every_problem_is_named_with_its_line_and_column() {
        let file = "titel;länk;typ;ämnen;stadier\n\
                    ;https://a.se;film;;\n\
                    B;javascript:alert(1);;;\n\
                    C;https://c.se;podd;Matte;mellanstadiet\n\
                    D;https://c.se;;;7-9\n\
                    E;https://e.se;Artikl;;lågstadie\n";
        let p = plan(file.as_bytes(), &[], &[]);
        let preview = p.preview(Lang::Sv);
        let at: Vec<(usize, Option<&str>)> = preview
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_deref()))
            .collect();
        assert_eq!(
            at,
            vec![
                (2, Some("titel")),
                (3, Some("länk")),
                (4, Some("typ")),
                (4, Some("ämnen")),
                (5, Some("länk")),
                (6, Some("typ")),
                (6, Some("stadier")),
            ]
        );
        assert!(preview.errors[2].message.contains("\"podd\""));
        assert!(
            preview.errors[3]
                .message
                .contains("Menade du \"Matematik\"?"),
            "{}",
            preview.errors[3].message
        );
        assert!(preview.errors[4].message.contains("rad 4"));
        assert!(preview.errors[5].message.contains("Menade du \"Artikel\"?"));
        // A line with a problem is never imported.
        assert!(p.create.is_empty());
    }

    #[test]
    fn a_file_without_the_required_columns_is_refused() {
        let p = plan("x;y\nA;B\n".as_bytes(), &[], &[]);
        assert_eq!(p.issues.len(), 2);
        assert_eq!(p.issues[0].problem, Problem::MissingColumn(Column::Title));
        assert_eq!(plan(b"", &[], &[]).issues[0].problem, Problem::EmptyFile);
    }
}
