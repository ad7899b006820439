//! Planning a staff import from CSV: which people the file creates, updates or leaves
//! unchanged, and every error with its line, column and a message in Swedish (or
//! English), with the closest known name suggested for unknown schools, subjects,
//! stages and roles.
//!
//! Rules: people are matched by e-mail (case-insensitive). A column missing from the
//! file leaves that field as it is for people who exist and empty for new people (new
//! people get the role lärare when there is no roles column). An import never
//! deactivates anyone and never changes whether a person is active.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::csv::{self, Encoding};
use super::{Role, SUBJECTS, Stage};
use crate::i18n::Lang;
use crate::ids::{PersonId, SchoolId};
use crate::text::{closest, fold};
use crate::validation::{check_email, check_name, normalize_email};

/// The columns of an import file, by their Swedish header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Email,
    School,
    Subjects,
    Stages,
    Roles,
    Title,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Email,
        Column::School,
        Column::Subjects,
        Column::Stages,
        Column::Roles,
        Column::Title,
    ];

    /// The header the column is documented under.
    pub fn header(self) -> &'static str {
        match self {
            Column::Name => "namn",
            Column::Email => "e-post",
            Column::School => "skola",
            Column::Subjects => "ämnen",
            Column::Stages => "stadier",
            Column::Roles => "roller",
            Column::Title => "titel",
        }
    }

    fn from_header(header: &str) -> Option<Column> {
        match fold(header).as_str() {
            "namn" | "name" | "för- och efternamn" => Some(Column::Name),
            "e-post" | "epost" | "e-postadress" | "email" | "e-mail" | "mejl" | "mail" => {
                Some(Column::Email)
            }
            "skola" | "skolor" | "school" | "enhet" => Some(Column::School),
            "ämnen" | "ämne" | "amnen" | "subjects" => Some(Column::Subjects),
            "stadier" | "stadium" | "stages" => Some(Column::Stages),
            "roller" | "roll" | "roles" => Some(Column::Roles),
            "titel" | "title" | "befattning" => Some(Column::Title),
            _ => None,
        }
    }
}

/// What is wrong with one cell, line or the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EmptyFile,
    MissingColumn(Column),
    /// The text breaks a rule of what a person may send; the message says which.
    Invalid(crate::i18n::Msg),
    MissingName,
    NameTooLong,
    MissingEmail,
    BadEmail(String),
    DuplicateEmail {
        first_line: usize,
    },
    UnknownSchool {
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
    UnknownRole {
        value: String,
        suggestion: Option<String>,
    },
}

/// " Menade du \"…\"?" after a message, when there is a suggestion.
pub(crate) fn did_you_mean(lang: Lang, suggestion: &Option<String>) -> String {
    match (suggestion, lang) {
        (Some(s), Lang::Sv) => format!(" Menade du \"{s}\"?"),
        (Some(s), Lang::En) => format!(" Did you mean \"{s}\"?"),
        (None, _) => String::new(),
    }
}

impl Problem {
    /// The message shown to the administrator.
    pub fn text(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            Problem::EmptyFile => {
                if sv {
                    "Filen är tom.".into()
                } else {
                    "The file is empty.".into()
                }
            }
            Problem::MissingColumn(c) => {
                if sv {
                    format!("Kolumnen \"{}\" saknas i rubrikraden.", c.header())
                } else {
                    format!(
                        "The column \"{}\" is missing from the header line.",
                        c.header()
                    )
                }
            }
            Problem::Invalid(msg) => msg.text(lang).to_owned(),
            Problem::MissingName => {
                if sv {
                    "Namn saknas.".into()
                } else {
                    "The name is missing.".into()
                }
            }
            Problem::NameTooLong => {
                if sv {
                    "Namnet är längre än 200 tecken.".into()
                } else {
                    "The name is longer than 200 characters.".into()
                }
            }
            Problem::MissingEmail => {
                if sv {
                    "E-postadress saknas.".into()
                } else {
                    "The e-mail address is missing.".into()
                }
            }
            Problem::BadEmail(v) => {
                if sv {
                    format!("\"{v}\" är ingen giltig e-postadress.")
                } else {
                    format!("\"{v}\" is not a valid e-mail address.")
                }
            }
            Problem::DuplicateEmail { first_line } => {
                if sv {
                    format!("E-postadressen finns redan på rad {first_line} i filen.")
                } else {
                    format!("The e-mail address is already on line {first_line} of the file.")
                }
            }
            Problem::UnknownSchool { value, suggestion } => {
                let head = if sv {
                    format!("Okänd skola \"{value}\".")
                } else {
                    format!("Unknown school \"{value}\".")
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
            Problem::UnknownRole { value, suggestion } => {
                let head = if sv {
                    format!("Okänd roll \"{value}\".")
                } else {
                    format!("Unknown role \"{value}\".")
                };
                head + &did_you_mean(lang, suggestion)
            }
        }
    }
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The file's line (1-based; the header is line 1); 0 for the whole file.
    pub line: usize,
    pub column: Option<Column>,
    pub problem: Problem,
}

/// A school the file may name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSchool {
    pub id: SchoolId,
    pub name: String,
}

/// A subject the municipality added to the national list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSubject {
    pub code: String,
    pub name: String,
}

/// A person as stored, for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingPerson {
    pub id: PersonId,
    pub email: String,
    pub name: String,
    pub title: String,
    pub schools: Vec<SchoolId>,
    pub subjects: Vec<String>,
    pub stages: Vec<Stage>,
    pub roles: Vec<Role>,
}

/// One person as the file describes them, fields of absent columns left `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub line: usize,
    pub email: String,
    pub name: String,
    pub title: Option<String>,
    pub schools: Option<Vec<SchoolId>>,
    pub subjects: Option<Vec<String>>,
    pub stages: Option<Vec<Stage>>,
    pub roles: Option<Vec<Role>>,
}

/// What the import does with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update(PersonId),
    Unchanged(PersonId),
}

/// The result of reading and checking a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// How the file was read; none when it could not be.
    pub encoding: Option<Encoding>,
    pub separator: char,
    pub rows: Vec<(StaffRow, Action)>,
    pub issues: Vec<Issue>,
}

impl Plan {
    /// How many people the import creates, updates and leaves unchanged.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.rows
            .iter()
            .fold((0, 0, 0), |(c, u, n), (_, a)| match a {
                Action::Create => (c + 1, u, n),
                Action::Update(_) => (c, u + 1, n),
                Action::Unchanged(_) => (c, u, n + 1),
            })
    }

    /// The preview sent to the browser, messages in `lang`.
    pub fn preview(&self, lang: Lang) -> ImportPreview {
        let (created, updated, unchanged) = self.counts();
        ImportPreview {
            encoding: self
                .encoding
                .map_or_else(String::new, |e| e.name().to_owned()),
            separator: self.separator.to_string(),
            created,
            updated,
            unchanged,
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

/// What an import would do: `POST /api/v1/staff/import/preview`, and after commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    /// How the file was read (`UTF-8`, `UTF-16LE`, `windows-1252`); empty when it
    /// could not be.
    pub encoding: String,
    pub separator: String,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Every problem; an import with problems is not committed.
    pub errors: Vec<ImportError>,
}

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportError {
    /// The line of the file (the header is line 1); 0 for the whole file.
    pub line: usize,
    /// The column's header, e.g. `ämnen`.
    pub column: Option<String>,
    pub message: String,
}

/// Parses a stage as people write it: codes, names, and bands ("F–3" is förskoleklass
/// and åk 1–3).
pub fn parse_stage(value: &str) -> Option<Vec<Stage>> {
    use Stage::*;
    let v = fold(value);
    let v = v
        .strip_prefix("åk ")
        .or_else(|| v.strip_prefix("åk"))
        .unwrap_or(&v)
        .trim();
    Some(match v {
        "förskola" | "forskola" => vec![Forskola],
        "förskoleklass" | "forskoleklass" | "fk" | "f" => vec![Forskoleklass],
        "f-3" | "f-3:an" => vec![Forskoleklass, Ak1_3],
        "1-3" | "ak1_3" | "lågstadiet" | "lågstadium" => vec![Ak1_3],
        "4-6" | "ak4_6" | "mellanstadiet" | "mellanstadium" => vec![Ak4_6],
        "7-9" | "ak7_9" | "högstadiet" | "högstadium" => vec![Ak7_9],
        "fritids" | "fritidshem" | "fritidshemmet" => vec![Fritidshem],
        "gymnasiet" | "gymnasieskola" | "gymnasium" | "gy" => vec![Gymnasieskola],
        "anpassad grundskola" | "anpassad_grundskola" | "grundsärskola" => {
            vec![AnpassadGrundskola]
        }
        _ => return None,
    })
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
    "anpassad grundskola",
];

/// Parses a role by its code or its Swedish or English name.
pub fn parse_role(value: &str) -> Option<Role> {
    let v = fold(value).replace(['-', ' '], "_");
    match v.as_str() {
        "administratör" | "administrator" | "admin" => Some(Role::Admin),
        "styrgrupp" | "styrgruppen" | "steering_group" => Some(Role::Styrgrupp),
        "ikt_strateg" | "ict_strategist" => Some(Role::IktStrateg),
        "rektor" | "principal" => Some(Role::Rektor),
        "verksamhetschef" | "head_of_operations" => Some(Role::Verksamhetschef),
        "forskare"
        | "processledare"
        | "forskare/processledare"
        | "researcher"
        | "process_leader" => Some(Role::Forskare),
        "lärare" | "larare" | "teacher" => Some(Role::Larare),
        _ => None,
    }
}

const ROLE_NAMES: &[&str] = &[
    "administratör",
    "styrgrupp",
    "IKT-strateg",
    "rektor",
    "forskare",
    "lärare",
];

/// Finds the subject code for a name or code, national or the municipality's own.
fn parse_subject(value: &str, custom: &[KnownSubject]) -> Option<String> {
    let v = fold(value);
    SUBJECTS
        .iter()
        .find(|s| fold(s.sv) == v || fold(s.en) == v || s.code == v)
        .map(|s| s.code.to_owned())
        .or_else(|| {
            custom
                .iter()
                .find(|s| fold(&s.name) == v || fold(&s.code) == v)
                .map(|s| s.code.clone())
        })
}

/// Reads and checks `bytes` against the municipality's schools, own subjects and staff.
pub fn plan(
    bytes: &[u8],
    schools: &[KnownSchool],
    custom_subjects: &[KnownSubject],
    existing: &[ExistingPerson],
) -> Plan {
    let issue = |line, column, problem| Issue {
        line,
        column,
        problem,
    };
    let (text, encoding) = match csv::decode(bytes) {
        Ok(decoded) => decoded,
        Err(unreadable) => {
            return Plan {
                encoding: None,
                separator: ';',
                rows: Vec::new(),
                issues: vec![issue(
                    unreadable.line,
                    None,
                    Problem::Invalid(unreadable.msg),
                )],
            };
        }
    };
    let separator = csv::detect_separator(&text);
    let mut records = csv::parse(&text, separator).into_iter();
    let mut plan = Plan {
        encoding: Some(encoding),
        separator,
        rows: Vec::new(),
        issues: Vec::new(),
    };

    let Some(header) = records.next() else {
        plan.issues.push(issue(0, None, Problem::EmptyFile));
        return plan;
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, cell) in header.cells.iter().enumerate() {
        if let Some(c) = Column::from_header(cell) {
            columns.entry(c).or_insert(i);
        }
    }
    for required in [Column::Name, Column::Email] {
        if !columns.contains_key(&required) {
            plan.issues.push(issue(
                header.line,
                Some(required),
                Problem::MissingColumn(required),
            ));
        }
    }
    if !plan.issues.is_empty() {
        return plan;
    }

    let school_names: Vec<&str> = schools.iter().map(|s| s.name.as_str()).collect();
    let subject_names: Vec<&str> = SUBJECTS
        .iter()
        .map(|s| s.sv)
        .chain(custom_subjects.iter().map(|s| s.name.as_str()))
        .collect();
    let by_email: HashMap<&str, &ExistingPerson> =
        existing.iter().map(|p| (p.email.as_str(), p)).collect();
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
        let has = |c: Column| columns.contains_key(&c);
        let before = plan.issues.len();

        let name = cell(Column::Name).to_owned();
        if let Err(m) = check_name(&name) {
            let problem = match m {
                crate::i18n::Msg::NameTooLong => Problem::NameTooLong,
                crate::i18n::Msg::FieldRequired => Problem::MissingName,
                other => Problem::Invalid(other),
            };
            plan.issues.push(issue(line, Some(Column::Name), problem));
        }
        let raw_email = cell(Column::Email);
        let email = normalize_email(raw_email);
        if raw_email.trim().is_empty() {
            plan.issues
                .push(issue(line, Some(Column::Email), Problem::MissingEmail));
        } else if check_email(raw_email).is_err() {
            plan.issues.push(issue(
                line,
                Some(Column::Email),
                Problem::BadEmail(raw_email.to_owned()),
            ));
        } else if let Some(&first_line) = seen.get(&email) {
            plan.issues.push(issue(
                line,
                Some(Column::Email),
                Problem::DuplicateEmail { first_line },
            ));
        } else {
            seen.insert(email.clone(), line);
        }

        let list = |column: Column| -> Option<Vec<String>> {
            has(column).then(|| csv::split_values(cell(column)))
        };
        let school_values = list(Column::School);
        let subject_values = list(Column::Subjects);
        let stage_values = list(Column::Stages);
        let role_values = list(Column::Roles);

        let schools_found = school_values.map(|values| {
            let mut ids = Vec::new();
            for v in values {
                match schools.iter().find(|s| fold(&s.name) == fold(&v)) {
                    Some(s) => ids.push(s.id),
                    None => {
                        let suggestion =
                            closest(&v, school_names.iter().copied()).map(str::to_owned);
                        plan.issues.push(issue(
                            line,
                            Some(Column::School),
                            Problem::UnknownSchool {
                                value: v,
                                suggestion,
                            },
                        ));
                    }
                }
            }
            ids.sort_unstable();
            ids.dedup();
            ids
        });
        let subjects_found = subject_values.map(|values| {
            let mut codes: Vec<String> = Vec::new();
            for v in values {
                match parse_subject(&v, custom_subjects) {
                    Some(code) if !codes.contains(&code) => codes.push(code),
                    Some(_) => {}
                    None => {
                        let suggestion =
                            closest(&v, subject_names.iter().copied()).map(str::to_owned);
                        plan.issues.push(issue(
                            line,
                            Some(Column::Subjects),
                            Problem::UnknownSubject {
                                value: v,
                                suggestion,
                            },
                        ));
                    }
                }
            }
            codes
        });
        let stages_found = stage_values.map(|values| {
            let mut stages = BTreeSet::new();
            for v in values {
                match parse_stage(&v) {
                    Some(s) => stages.extend(s),
                    None => {
                        let suggestion =
                            closest(&v, STAGE_NAMES.iter().copied()).map(str::to_owned);
                        plan.issues.push(issue(
                            line,
                            Some(Column::Stages),
                            Problem::UnknownStage {
                                value: v,
                                suggestion,
                            },
                        ));
                    }
                }
            }
            stages.into_iter().collect::<Vec<_>>()
        });
        let roles_found = role_values.map(|values| {
            let mut roles = BTreeSet::new();
            for v in values {
                match parse_role(&v) {
                    Some(r) => {
                        roles.insert(r);
                    }
                    None => {
                        let suggestion = closest(&v, ROLE_NAMES.iter().copied()).map(str::to_owned);
                        plan.issues.push(issue(
                            line,
                            Some(Column::Roles),
                            Problem::UnknownRole {
                                value: v,
                                suggestion,
                            },
                        ));
                    }
                }
            }
            roles.into_iter().collect::<Vec<_>>()
        });

        if plan.issues.len() > before {
            continue;
        }
        let row = StaffRow {
            line,
            email: email.clone(),
            name: name.trim().to_owned(),
            title: has(Column::Title).then(|| cell(Column::Title).to_owned()),
            schools: schools_found,
            subjects: subjects_found,
            stages: stages_found,
            roles: roles_found,
        };
        let action = match by_email.get(email.as_str()) {
            None => Action::Create,
            Some(p) if row_changes(&row, p) => Action::Update(p.id),
            Some(p) => Action::Unchanged(p.id),
        };
        plan.rows.push((row, action));
    }
    if plan.rows.is_empty() && plan.issues.is_empty() {
        plan.issues.push(issue(0, None, Problem::EmptyFile));
    }
    plan
}

fn sorted<T: Ord + Clone>(v: &[T]) -> Vec<T> {
    let mut v = v.to_vec();
    v.sort();
    v
}

/// Whether applying `row` would change `person`.
fn row_changes(row: &StaffRow, person: &ExistingPerson) -> bool {
    row.name != person.name
        || row.title.as_ref().is_some_and(|t| *t != person.title)
        || row
            .schools
            .as_ref()
            .is_some_and(|s| sorted(s) != sorted(&person.schools))
        || row.subjects.as_ref().is_some_and(|s| *s != person.subjects)
        || row
            .stages
            .as_ref()
            .is_some_and(|s| sorted(s) != sorted(&person.stages))
        || row
            .roles
            .as_ref()
            .is_some_and(|r| sorted(r) != sorted(&person.roles))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schools() -> Vec<KnownSchool> {
        vec![
            KnownSchool {
                id: SchoolId(1),
                name: "Ekbackeskolan".into(),
            },
            KnownSchool {
                id: SchoolId(2),
                name: "Tallåsskolan".into(),
            },
        ]
    }

    fn custom() -> Vec<KnownSubject> {
        vec![KnownSubject {
            code: "elevhalsa".into(),
            name: "Elevhälsa".into(),
        }]
    }

    const HEADER: &str = "namn;e-post;skola;ämnen;stadier;roller;titel\n";

    #[test]
    fn a_clean_semicolon_file_creates_everyone() {
        let file = format!(
            "{HEADER}Anna Berg;Anna.Berg@Skola.se;Ekbackeskolan;svenska, matematik;F–3;lärare;Förstelärare\n\
             Örjan Ek;orjan@skola.se;Tallåsskolan, Ekbackeskolan;Elevhälsa;7-9;rektor, lärare;\n"
        );
        let plan = plan(file.as_bytes(), &schools(), &custom(), &[]);
        assert_eq!(plan.issues, vec![]);
        assert_eq!(plan.counts(), (2, 0, 0));
        assert_eq!(plan.separator, ';');
        let (anna, _) = &plan.rows[0];
        assert_eq!(anna.email, "anna.berg@skola.se");
        assert_eq!(
            anna.subjects.as_deref(),
            Some(&["svenska".to_owned(), "matematik".to_owned()][..])
        );
        assert_eq!(
            anna.stages.as_deref(),
            Some(&[Stage::Forskoleklass, Stage::Ak1_3][..])
        );
        assert_eq!(anna.title.as_deref(), Some("Förstelärare"));
        let (orjan, _) = &plan.rows[1];
        assert_eq!(
            orjan.schools.as_deref(),
            Some(&[SchoolId(1), SchoolId(2)][..])
        );
        assert_eq!(
            orjan.subjects.as_deref(),
            Some(&["elevhalsa".to_owned()][..])
        );
        assert_eq!(
            orjan.roles.as_deref(),
            Some(&[Role::Rektor, Role::Larare][..])
        );
    }

    #[test]
    fn comma_separated_windows_1252_with_bom_less_header_reads_the_same() {
        let utf8 = "namn,e-post,ämnen\nÅsa Öberg,asa@skola.se,\"bild, slöjd\"\n";
        let cp1252: Vec<u8> = utf8
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
            .collect();
        let plan = plan(&cp1252, &schools(), &custom(), &[]);
        assert_eq!(
            plan.encoding,
            Some(Encoding::Legacy(encoding_rs::WINDOWS_1252))
        );
        assert_eq!(plan.separator, ',');
        assert_eq!(plan.issues, vec![]);
        assert_eq!(plan.rows[0].0.name, "Åsa Öberg");
        assert_eq!(
            plan.rows[0].0.subjects.as_deref(),
            Some(&["bild".to_owned(), "slojd".to_owned()][..])
        );
    }

    #[test]
    fn excel_unicode_text_reads_and_unreadable_files_are_refused_by_line() {
        // Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
        let text = "namn\te-post\nŁukasz Wiśniewski\tlukasz@skola.se\nAyşe Yılmaz\tayse@skola.se\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let read = plan(&bytes, &schools(), &custom(), &[]);
        assert_eq!(read.issues, vec![]);
        assert_eq!(read.encoding, Some(Encoding::Utf16Le));
        assert_eq!(read.separator, '\t');
        assert_eq!(read.rows[0].0.name, "Łukasz Wiśniewski");
        assert_eq!(read.rows[1].0.name, "Ayşe Yılmaz");
        assert_eq!(read.preview(Lang::Sv).encoding, "UTF-16LE");

        let refused = plan(
            "namn;e-post\nEva Ek;eva@skola.se\nBo\u{0};bo@skola.se\n".as_bytes(),
            &schools(),
            &custom(),
            &[],
        );
        assert_eq!(refused.rows, vec![]);
        assert_eq!(
            refused.preview(Lang::Sv).encoding,
            "",
            "not read as anything"
        );
        assert_eq!(
            refused.issues,
            vec![Issue {
                line: 3,
                column: None,
                problem: Problem::Invalid(crate::i18n::Msg::TextControlChars)
            }]
        );
        // A name of zero-width characters only is no name.
        let invisible = plan(
            "namn;e-post\n\u{200B}\u{200D};bo@skola.se\n".as_bytes(),
            &schools(),
            &custom(),
            &[],
        );
        assert_eq!(
            invisible.issues[0].problem,
            Problem::Invalid(crate::i18n::Msg::NameInvisible)
        );
    }

    #[test]
    fn every_error_kind_names_line_and_column() {
        let file = format!(
            "{HEADER};utan.namn@skola.se;;;;;\n\
             Bo Ek;bo.skola.se;;;;;\n\
             Cia Ek;cia@skola.se;Ekbackskolan;Matte;4–7;chef;\n\
             Dan Ek;CIA@skola.se;;;;;\n\
             Eva Ek; ;;;;;\n"
        );
        let plan = plan(file.as_bytes(), &schools(), &custom(), &[]);
        let found: Vec<(usize, Option<&str>, String)> = plan
            .issues
            .iter()
            .map(|i| {
                (
                    i.line,
                    i.column.map(Column::header),
                    i.problem.text(Lang::Sv),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (2, Some("namn"), "Namn saknas.".to_owned()),
                (
                    3,
                    Some("e-post"),
                    "\"bo.skola.se\" är ingen giltig e-postadress.".to_owned()
                ),
                (
                    4,
                    Some("skola"),
                    "Okänd skola \"Ekbackskolan\". Menade du \"Ekbackeskolan\"?".to_owned()
                ),
                (
                    4,
                    Some("ämnen"),
                    "Okänt ämne \"Matte\". Menade du \"Matematik\"?".to_owned()
                ),
                (
                    4,
                    Some("stadier"),
                    "Okänt stadium \"4–7\". Menade du \"4–6\"?".to_owned()
                ),
                (4, Some("roller"), "Okänd roll \"chef\".".to_owned()),
                (
                    5,
                    Some("e-post"),
                    "E-postadressen finns redan på rad 4 i filen.".to_owned()
                ),
                (6, Some("e-post"), "E-postadress saknas.".to_owned()),
            ]
        );
        assert!(plan.rows.is_empty(), "no line with an error is planned");
    }

    #[test]
    fn missing_required_columns_stop_the_plan() {
        let plan = plan(
            "namn;skola\nAnna;Ekbackeskolan\n".as_bytes(),
            &schools(),
            &custom(),
            &[],
        );
        assert_eq!(plan.issues.len(), 1);
        assert_eq!(
            plan.issues[0].problem,
            Problem::MissingColumn(Column::Email)
        );
        assert!(plan.rows.is_empty());
        let empty = super::plan(b"", &schools(), &custom(), &[]);
        assert_eq!(empty.issues[0].problem, Problem::EmptyFile);
    }

    #[test]
    fn reimporting_the_same_people_changes_nothing() {
        let existing = vec![ExistingPerson {
            id: PersonId(9),
            email: "anna.berg@skola.se".into(),
            name: "Anna Berg".into(),
            title: "Förstelärare".into(),
            schools: vec![SchoolId(1)],
            subjects: vec!["svenska".into(), "matematik".into()],
            stages: vec![Stage::Ak1_3, Stage::Forskoleklass],
            roles: vec![Role::Larare],
        }];
        let same = format!(
            "{HEADER}Anna Berg;anna.berg@skola.se;Ekbackeskolan;svenska, matematik;F–3;lärare;Förstelärare\n"
        );
        assert_eq!(
            plan(same.as_bytes(), &schools(), &custom(), &existing).counts(),
            (0, 0, 1)
        );
        let moved = format!(
            "{HEADER}Anna Berg;anna.berg@skola.se;Tallåsskolan;svenska, matematik;F–3;lärare;Förstelärare\n"
        );
        let p = plan(moved.as_bytes(), &schools(), &custom(), &existing);
        assert_eq!(p.rows[0].1, Action::Update(PersonId(9)));
        // A file without the roles column leaves roles alone.
        let fewer = "namn;e-post\nAnna Berg;anna.berg@skola.se\n";
        assert_eq!(
            plan(fewer.as_bytes(), &schools(), &custom(), &existing).counts(),
            (0, 0, 1)
        );
    }

    #[test]
    fn stages_and_roles_are_read_as_people_write_them() {
        assert_eq!(
            parse_stage("F-3"),
            Some(vec![Stage::Forskoleklass, Stage::Ak1_3])
        );
        assert_eq!(parse_stage("Åk 4–6"), Some(vec![Stage::Ak4_6]));
        assert_eq!(parse_stage("högstadiet"), Some(vec![Stage::Ak7_9]));
        assert_eq!(parse_stage("Fritids"), Some(vec![Stage::Fritidshem]));
        assert_eq!(parse_stage("universitet"), None);
        assert_eq!(parse_role("IKT-strateg"), Some(Role::IktStrateg));
        assert_eq!(parse_role("Lärare"), Some(Role::Larare));
        assert_eq!(parse_role("vaktmästare"), None);
    }
}
