//! The schools' results: aggregated key figures per school, school year, year group
//! and (where it applies) subject and sex, never a pupil's. Reading a results file
//! (documented Swedish headers, every error with its line and column, the closest known
//! school, subject or key figure suggested), refusing a file that could identify a
//! pupil, and hiding any figure based on fewer than ten pupils, as the national
//! statistics do.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::ids::SchoolId;
use crate::org::csv;
use crate::org::import::{ImportError, did_you_mean};
use crate::text::{closest, fold};
use crate::validation::FieldError;

/// Fewer pupils than this and a figure is shown as "–".
pub const MIN_PUPILS: u32 = 10;

/// A key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Andel behöriga till yrkesprogram (åk 9), %.
    EligibleVocational,
    /// Genomsnittligt meritvärde (åk 9), 0–340.
    MeritAverage,
    /// Andel som nått kravnivån i alla ämnen (åk 9), %.
    PassedAll,
    /// Andel med betyget A … F i ämnet (åk 6, 9), %.
    GradeA,
    GradeB,
    GradeC,
    GradeD,
    GradeE,
    GradeF,
    /// Andel som nått kravnivån på det nationella provet i ämnet (åk 3, 6, 9), %.
    NationalTest,
    /// Andel elever som känner sig trygga (elevenkäten), %.
    Safety,
    /// Andel elever som upplever studiero (elevenkäten), %.
    StudyCalm,
}

impl Figure {
    pub const ALL: [Figure; 12] = [
        Figure::EligibleVocational,
        Figure::MeritAverage,
        Figure::PassedAll,
        Figure::GradeA,
        Figure::GradeB,
        Figure::GradeC,
        Figure::GradeD,
        Figure::GradeE,
        Figure::GradeF,
        Figure::NationalTest,
        Figure::Safety,
        Figure::StudyCalm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Figure::EligibleVocational => "eligible_vocational",
            Figure::MeritAverage => "merit_average",
            Figure::PassedAll => "passed_all",
            Figure::GradeA => "grade_a",
            Figure::GradeB => "grade_b",
            Figure::GradeC => "grade_c",
            Figure::GradeD => "grade_d",
            Figure::GradeE => "grade_e",
            Figure::GradeF => "grade_f",
            Figure::NationalTest => "national_test",
            Figure::Safety => "safety",
            Figure::StudyCalm => "study_calm",
        }
    }

    pub fn from_code(code: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The name in a results file's "nyckeltal" column.
    pub fn file_name(self) -> &'static str {
        match self {
            Figure::EligibleVocational => "Behörighet yrkesprogram",
            Figure::MeritAverage => "Meritvärde",
            Figure::PassedAll => "Alla ämnen",
            Figure::GradeA => "Betyg A",
            Figure::GradeB => "Betyg B",
            Figure::GradeC => "Betyg C",
            Figure::GradeD => "Betyg D",
            Figure::GradeE => "Betyg E",
            Figure::GradeF => "Betyg F",
            Figure::NationalTest => "Nationellt prov",
            Figure::Safety => "Trygghet",
            Figure::StudyCalm => "Studiero",
        }
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Figure::EligibleVocational, Lang::Sv) => "Andel behöriga till yrkesprogram",
            (Figure::EligibleVocational, Lang::En) => "Share eligible for vocational programmes",
            (Figure::MeritAverage, Lang::Sv) => "Genomsnittligt meritvärde",
            (Figure::MeritAverage, Lang::En) => "Average merit value",
            (Figure::PassedAll, Lang::Sv) => "Andel som nått kravnivån i alla ämnen",
            (Figure::PassedAll, Lang::En) => "Share passing every subject",
            (Figure::NationalTest, Lang::Sv) => "Andel som nått kravnivån på nationella provet",
            (Figure::NationalTest, Lang::En) => "Share reaching the national test's requirement",
            (Figure::Safety, Lang::Sv) => "Andel elever som känner sig trygga",
            (Figure::Safety, Lang::En) => "Share of pupils who feel safe",
            (Figure::StudyCalm, Lang::Sv) => "Andel elever som upplever studiero",
            (Figure::StudyCalm, Lang::En) => "Share of pupils who find calm to study",
            (grade, Lang::Sv) => match grade.letter() {
                Some('A') => "Andel med betyget A",
                Some('B') => "Andel med betyget B",
                Some('C') => "Andel med betyget C",
                Some('D') => "Andel med betyget D",
                Some('E') => "Andel med betyget E",
                _ => "Andel med betyget F",
            },
            (grade, Lang::En) => match grade.letter() {
                Some('A') => "Share with grade A",
                Some('B') => "Share with grade B",
                Some('C') => "Share with grade C",
                Some('D') => "Share with grade D",
                Some('E') => "Share with grade E",
                _ => "Share with grade F",
            },
        }
    }

    /// The grade letter of a grade share.
    pub fn letter(self) -> Option<char> {
        match self {
            Figure::GradeA => Some('A'),
            Figure::GradeB => Some('B'),
            Figure::GradeC => Some('C'),
            Figure::GradeD => Some('D'),
            Figure::GradeE => Some('E'),
            Figure::GradeF => Some('F'),
            _ => None,
        }
    }

    /// Whether the figure is per subject.
    pub fn per_subject(self) -> bool {
        self.letter().is_some() || self == Figure::NationalTest
    }

    /// The year groups the figure is given for.
    pub fn grades(self) -> &'static [u8] {
        match self {
            Figure::EligibleVocational | Figure::MeritAverage | Figure::PassedAll => &[9],
            Figure::NationalTest => &[3, 6, 9],
            Figure::Safety | Figure::StudyCalm => &[1, 2, 3, 4, 5, 6, 7, 8, 9],
            _ => &[6, 9],
        }
    }

    /// The highest value it can take: 340 merit points, else 100 %.
    pub fn max(self) -> f64 {
        if self == Figure::MeritAverage {
            340.0
        } else {
            100.0
        }
    }

    /// The unit shown after a value.
    pub fn unit(self) -> &'static str {
        if self == Figure::MeritAverage {
            ""
        } else {
            "%"
        }
    }
}

/// For whom a figure is given.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    #[default]
    All,
    Girls,
    Boys,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::All, Sex::Girls, Sex::Boys];

    pub fn code(self) -> &'static str {
        match self {
            Sex::All => "all",
            Sex::Girls => "girls",
            Sex::Boys => "boys",
        }
    }

    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Sex::All, Lang::Sv) => "Alla",
            (Sex::All, Lang::En) => "All",
            (Sex::Girls, Lang::Sv) => "Flickor",
            (Sex::Girls, Lang::En) => "Girls",
            (Sex::Boys, Lang::Sv) => "Pojkar",
            (Sex::Boys, Lang::En) => "Boys",
        }
    }

    /// The other sex of a split by sex; none for all pupils.
    pub fn other(self) -> Option<Sex> {
        match self {
            Sex::All => None,
            Sex::Girls => Some(Sex::Boys),
            Sex::Boys => Some(Sex::Girls),
        }
    }

    fn parse(cell: &str) -> Option<Sex> {
        match fold(cell).as_str() {
            "" | "alla" | "totalt" | "samtliga" | "all" => Some(Sex::All),
            "flickor" | "flicka" | "f" | "girls" => Some(Sex::Girls),
            "pojkar" | "pojke" | "p" | "boys" => Some(Sex::Boys),
            _ => None,
        }
    }
}

/// Where a figure belongs: school, school year ("2025/26"), year group, key figure,
/// subject code ("" when not per subject) and sex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureKey {
    pub school: SchoolId,
    pub year: String,
    pub grade: u8,
    pub figure: Figure,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub sex: Sex,
}

/// One figure as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultRow {
    #[serde(flatten)]
    pub key: FigureKey,
    pub value: f64,
    pub pupils: u32,
}

/// A key figure to show: which one, for which year group, subject and sex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureChoice {
    pub figure: Figure,
    pub grade: u8,
    pub subject: String,
    pub sex: Sex,
}

/// One year of a series: the value, none when it rests on fewer than ten pupils (or
/// there is none), and the pupils it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultPoint {
    pub year: String,
    pub value: Option<f64>,
    pub pupils: u32,
}

/// A school's figure over the years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolSeries {
    pub school: crate::org::SchoolRef,
    /// One per year of the series, oldest first.
    pub points: Vec<ResultPoint>,
}

/// `GET /api/v1/results`: one key figure of every school over the years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultSeries {
    pub chosen: FigureChoice,
    /// The school years with figures, oldest first.
    pub years: Vec<String>,
    /// By school name.
    pub schools: Vec<SchoolSeries>,
    /// The whole municipality: its schools' figures weighted by their pupils.
    pub municipality: Vec<ResultPoint>,
    /// Every figure the municipality has results for.
    pub choices: Vec<FigureChoice>,
    /// The caller may import results.
    pub may_import: bool,
}

/// What a results import would do, or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsPreview {
    pub encoding: String,
    pub separator: String,
    /// The figures the file holds.
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Every problem; a file with problems is not stored.
    pub errors: Vec<ImportError>,
}

/// The most pupils a figure entered by hand may rest on.
pub const MAX_PUPILS: u32 = 100_000;

/// `PUT /api/v1/results/figure`: one figure entered by hand. `version` is that of the
/// stored figure it changes, none for a figure not stored yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureInput {
    #[serde(flatten)]
    pub key: FigureKey,
    pub value: f64,
    pub pupils: u32,
    #[serde(default)]
    pub version: Option<i64>,
}

impl FigureInput {
    /// Every broken rule, field by field, against the municipality's subject codes.
    pub fn check(&self, subjects: &[&str]) -> Vec<FieldError> {
        let k = &self.key;
        let mut out = Vec::new();
        if !is_school_year(&k.year) {
            out.push(FieldError::new("year", Msg::ResultYearInvalid));
        }
        if !k.figure.grades().contains(&k.grade) {
            out.push(FieldError::new("grade", Msg::ResultGradeNotForFigure));
        }
        let subject = k.subject.trim();
        match (k.figure.per_subject(), subject.is_empty()) {
            (true, true) => out.push(FieldError::new("subject", Msg::ResultSubjectMissing)),
            (false, false) => out.push(FieldError::new("subject", Msg::ResultSubjectNotForFigure)),
            (true, false) if !subjects.contains(&subject) => {
                out.push(FieldError::new("subject", Msg::ResultSubjectUnknown));
            }
            _ => {}
        }
        if !(self.value.is_finite() && (0.0..=k.figure.max()).contains(&self.value)) {
            let msg = if k.figure == Figure::MeritAverage {
                Msg::ResultMeritInvalid
            } else {
                Msg::ResultShareInvalid
            };
            out.push(FieldError::new("value", msg));
        }
        if self.pupils > MAX_PUPILS {
            out.push(FieldError::new("pupils", Msg::ResultPupilsInvalid));
        }
        out
    }
}

/// A figure as stored, with its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredFigure {
    #[serde(flatten)]
    pub key: FigureKey,
    pub value: f64,
    pub pupils: u32,
    pub version: i64,
    /// RFC 3339.
    pub updated_at: String,
}

/// `GET /api/v1/results/figure`: the figure stored under a key, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureLookup {
    pub figure: Option<StoredFigure>,
}

/// A figure as shown: `None` when it rests on fewer than ten pupils.
pub fn shown(value: f64, pupils: u32) -> Option<f64> {
    (pupils >= MIN_PUPILS).then_some(value)
}

/// A girls' or boys' figure as shown beside the other sex's (`other_pupils`, when that
/// figure exists): hidden as well when the other group has fewer than ten pupils, since
/// the other's figure would follow from this one and all pupils' (complementary
/// suppression).
pub fn shown_beside(value: f64, pupils: u32, other_pupils: Option<u32>) -> Option<f64> {
    let other_hidden = other_pupils.is_some_and(|p| p > 0 && p < MIN_PUPILS);
    shown(value, pupils).filter(|_| !other_hidden)
}

/// Whether `year` is a school year written "2025/26": the second year the next.
pub fn is_school_year(year: &str) -> bool {
    let Some((a, b)) = year.split_once('/') else {
        return false;
    };
    let (Ok(first), Ok(second)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    a.len() == 4 && b.len() == 2 && (1990..=2100).contains(&first) && (first + 1) % 100 == second
}

/// The columns of a results file, by their Swedish headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    School,
    Year,
    Grade,
    Figure,
    Subject,
    Sex,
    Value,
    Pupils,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::School,
        Column::Year,
        Column::Grade,
        Column::Figure,
        Column::Subject,
        Column::Sex,
        Column::Value,
        Column::Pupils,
    ];

    /// The documented header.
    pub fn header(self) -> &'static str {
        match self {
            Column::School => "skola",
            Column::Year => "läsår",
            Column::Grade => "årskurs",
            Column::Figure => "nyckeltal",
            Column::Subject => "ämne",
            Column::Sex => "kön",
            Column::Value => "värde",
            Column::Pupils => "antal elever",
        }
    }

    fn required(self) -> bool {
        !matches!(self, Column::Subject | Column::Sex)
    }

    fn from_header(header: &str) -> Option<Column> {
        match fold(header).as_str() {
            "skola" | "enhet" | "school" => Some(Column::School),
            "läsår" | "lasar" | "år" | "year" => Some(Column::Year),
            "årskurs" | "arskurs" | "åk" | "grade" => Some(Column::Grade),
            "nyckeltal" | "mått" | "figure" => Some(Column::Figure),
            "ämne" | "amne" | "subject" => Some(Column::Subject),
            "kön" | "kon" | "sex" => Some(Column::Sex),
            "värde" | "varde" | "andel" | "value" => Some(Column::Value),
            "antal elever" | "antal" | "elever" | "pupils" => Some(Column::Pupils),
            _ => None,
        }
    }
}

/// Whether a header names something about single pupils.
fn identifies_pupils(header: &str) -> bool {
    let h = fold(header);
    [
        "namn",
        "förnamn",
        "efternamn",
        "elev",
        "elevnamn",
        "personnummer",
        "personnr",
        "pnr",
        "födelsedatum",
        "födelsedag",
        "samordningsnummer",
        "e-post",
        "epost",
        "adress",
        "telefon",
        "klass",
        "elev-id",
        "elevid",
    ]
    .iter()
    .any(|w| h == *w || h.starts_with(&format!("{w} ")))
}

/// Whether a cell looks like a Swedish personal identity (or co-ordination) number.
fn looks_like_personal_number(cell: &str) -> bool {
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    let rest = cell
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '));
    rest && (digits.len() == 10 || digits.len() == 12) && cell.trim().len() >= 10
}

/// What is wrong with a results file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    EmptyFile,
    Unreadable(crate::i18n::Msg),
    MissingColumn(Column),
    UnknownColumn(String),
    IdentifiesPupils(String),
    PersonalNumber,
    UnknownSchool {
        value: String,
        suggestion: Option<String>,
    },
    BadYear(String),
    BadGrade(String),
    UnknownFigure {
        value: String,
        suggestion: Option<String>,
    },
    GradeNotForFigure {
        figure: Figure,
    },
    SubjectMissing,
    SubjectNotForFigure,
    UnknownSubject {
        value: String,
        suggestion: Option<String>,
    },
    UnknownSex(String),
    BadValue {
        max: f64,
    },
    BadPupils,
    Duplicate {
        first_line: usize,
    },
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let t = |s: &str, e: &str| if sv { s.to_owned() } else { e.to_owned() };
        match self {
            Problem::EmptyFile => t("Filen är tom.", "The file is empty."),
            Problem::Unreadable(m) => m.text(lang).to_owned(),
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
            Problem::UnknownColumn(h) => {
                if sv {
                    format!(
                        "Okänd kolumn \"{h}\". Kolumnerna är: skola, läsår, årskurs, nyckeltal, ämne, kön, värde, antal elever."
                    )
                } else {
                    format!(
                        "Unknown column \"{h}\". The columns are: skola, läsår, årskurs, nyckeltal, ämne, kön, värde, antal elever."
                    )
                }
            }
            Problem::IdentifiesPupils(h) => {
                if sv {
                    format!(
                        "Filen får bara innehålla sammanställda resultat: kolumnen \"{h}\" kan peka ut enskilda elever. Ingenting har sparats."
                    )
                } else {
                    format!(
                        "The file may hold aggregated results only: the column \"{h}\" can identify single pupils. Nothing was stored."
                    )
                }
            }
            Problem::PersonalNumber => t(
                "Cellen ser ut som ett personnummer. Filen får bara innehålla sammanställda resultat.",
                "The cell looks like a personal identity number. The file may hold aggregated results only.",
            ),
            Problem::UnknownSchool { value, suggestion } => {
                let base = if sv {
                    format!("Okänd skola \"{value}\".")
                } else {
                    format!("Unknown school \"{value}\".")
                };
                format!("{base}{}", did_you_mean(lang, suggestion))
            }
            Problem::BadYear(v) => {
                if sv {
                    format!("Läsåret \"{v}\" skrivs som 2025/26.")
                } else {
                    format!("Write the school year \"{v}\" as 2025/26.")
                }
            }
            Problem::BadGrade(v) => {
                if sv {
                    format!("Årskursen \"{v}\" ska vara ett tal 1–9.")
                } else {
                    format!("The year group \"{v}\" must be a number 1–9.")
                }
            }
            Problem::UnknownFigure { value, suggestion } => {
                let base = if sv {
                    format!("Okänt nyckeltal \"{value}\".")
                } else {
                    format!("Unknown key figure \"{value}\".")
                };
                format!("{base}{}", did_you_mean(lang, suggestion))
            }
            Problem::GradeNotForFigure { figure } => {
                let grades = figure
                    .grades()
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                if sv {
                    format!("{} ges för årskurs {grades}.", figure.file_name())
                } else {
                    format!("{} is given for year groups {grades}.", figure.file_name())
                }
            }
            Problem::SubjectMissing => t(
                "Ange ämnet: nyckeltalet gäller ett ämne.",
                "Give the subject: the key figure is per subject.",
            ),
            Problem::SubjectNotForFigure => t(
                "Nyckeltalet gäller inte ett ämne: lämna ämnet tomt.",
                "The key figure is not per subject: leave the subject empty.",
            ),
            Problem::UnknownSubject { value, suggestion } => {
                let base = if sv {
                    format!("Okänt ämne \"{value}\".")
                } else {
                    format!("Unknown subject \"{value}\".")
                };
                format!("{base}{}", did_you_mean(lang, suggestion))
            }
            Problem::UnknownSex(v) => {
                if sv {
                    format!("Okänt kön \"{v}\": skriv Alla, Flickor eller Pojkar.")
                } else {
                    format!("Unknown sex \"{v}\": write Alla, Flickor or Pojkar.")
                }
            }
            Problem::BadValue { max } => {
                if sv {
                    format!("Värdet ska vara ett tal 0–{max}, till exempel 87,5.")
                } else {
                    format!("The value must be a number 0–{max}, for example 87.5.")
                }
            }
            Problem::BadPupils => t(
                "Antal elever ska vara ett heltal, till exempel 54.",
                "The number of pupils must be a whole number, for example 54.",
            ),
            Problem::Duplicate { first_line } => {
                if sv {
                    format!(
                        "Samma skola, läsår, årskurs, nyckeltal, ämne och kön finns redan på rad {first_line}."
                    )
                } else {
                    format!(
                        "The same school, school year, year group, key figure, subject and sex is already on line {first_line}."
                    )
                }
            }
        }
    }
}

/// One problem and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub line: usize,
    pub column: Option<Column>,
    pub problem: Problem,
}

/// A results file read: its rows when it has no problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsFile {
    pub encoding: String,
    pub separator: char,
    pub rows: Vec<ResultRow>,
    pub issues: Vec<Issue>,
}

impl ResultsFile {
    /// The problems as the preview shows them.
    pub fn errors(&self, lang: Lang) -> Vec<ImportError> {
        self.issues
            .iter()
            .map(|i| ImportError {
                line: i.line,
                column: i.column.map(|c| c.header().to_owned()),
                message: i.problem.text(lang),
            })
            .collect()
    }
}

fn number(cell: &str) -> Option<f64> {
    let cleaned: String = cell
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads a results file against the municipality's schools (id, name) and subjects
/// (code, name). Every problem is collected; a file with any is not to be stored.
pub fn read(
    bytes: &[u8],
    schools: &[(SchoolId, String)],
    subjects: &[(String, String)],
) -> ResultsFile {
    let mut out = ResultsFile {
        encoding: String::new(),
        separator: ';',
        rows: Vec::new(),
        issues: Vec::new(),
    };
    let file_issue = |problem| Issue {
        line: 0,
        column: None,
        problem,
    };
    let (text, encoding) = match csv::decode(bytes) {
        Ok(t) => t,
        Err(u) => {
            out.issues.push(Issue {
                line: u.line,
                column: None,
                problem: Problem::Unreadable(u.msg),
            });
            return out;
        }
    };
    out.encoding = encoding.name().to_owned();
    if let Some(u) = csv::first_unreadable_line(&text) {
        out.issues.push(Issue {
            line: u.line,
            column: None,
            problem: Problem::Unreadable(u.msg),
        });
        return out;
    }
    out.separator = csv::detect_separator(&text);
    let records = csv::parse(&text, out.separator);
    let Some((header, body)) = records.split_first() else {
        out.issues.push(file_issue(Problem::EmptyFile));
        return out;
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, h) in header.cells.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        if identifies_pupils(h) {
            out.issues.push(Issue {
                line: header.line,
                column: None,
                problem: Problem::IdentifiesPupils(h.trim().to_owned()),
            });
            continue;
        }
        match Column::from_header(h) {
            Some(c) => {
                columns.entry(c).or_insert(i);
            }
            None => out.issues.push(Issue {
                line: header.line,
                column: None,
                problem: Problem::UnknownColumn(h.trim().to_owned()),
            }),
        }
    }
    for c in Column::ALL {
        if c.required() && !columns.contains_key(&c) {
            out.issues.push(Issue {
                line: header.line,
                column: None,
                problem: Problem::MissingColumn(c),
            });
        }
    }
    if !out.issues.is_empty() {
        return out;
    }
    let school_names: Vec<&str> = schools.iter().map(|(_, n)| n.as_str()).collect();
    let figure_names: Vec<&str> = Figure::ALL.iter().map(|f| f.file_name()).collect();
    let subject_names: Vec<&str> = subjects.iter().map(|(_, n)| n.as_str()).collect();
    let mut seen: HashMap<FigureKey, usize> = HashMap::new();
    for record in body {
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| record.cells.get(i))
                .map_or("", |s| s.trim())
        };
        let mut issue = |column, problem| {
            out.issues.push(Issue {
                line: record.line,
                column: Some(column),
                problem,
            });
        };
        if record.cells.iter().any(|c| looks_like_personal_number(c)) {
            out.issues.push(Issue {
                line: record.line,
                column: None,
                problem: Problem::PersonalNumber,
            });
            continue;
        }
        let school = schools
            .iter()
            .find(|(_, n)| fold(n) == fold(cell(Column::School)));
        if school.is_none() {
            let value = cell(Column::School).to_owned();
            let suggestion = closest(&value, school_names.iter().copied()).map(str::to_owned);
            issue(Column::School, Problem::UnknownSchool { value, suggestion });
        }
        let year = cell(Column::Year).replace(['-', '–'], "/");
        if !is_school_year(&year) {
            issue(
                Column::Year,
                Problem::BadYear(cell(Column::Year).to_owned()),
            );
        }
        let grade_cell = cell(Column::Grade);
        let grade_text = grade_cell
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .trim();
        let grade = grade_text
            .parse::<u8>()
            .ok()
            .filter(|g| (1..=9).contains(g));
        if grade.is_none() {
            issue(Column::Grade, Problem::BadGrade(grade_cell.to_owned()));
        }
        let figure = Figure::ALL.into_iter().find(|f| {
            fold(f.file_name()) == fold(cell(Column::Figure)) || f.code() == cell(Column::Figure)
        });
        let Some(figure) = figure else {
            let value = cell(Column::Figure).to_owned();
            let suggestion = closest(&value, figure_names.iter().copied()).map(str::to_owned);
            issue(Column::Figure, Problem::UnknownFigure { value, suggestion });
            continue;
        };
        if let Some(g) = grade
            && !figure.grades().contains(&g)
        {
            issue(Column::Grade, Problem::GradeNotForFigure { figure });
        }
        let subject_cell = cell(Column::Subject);
        let subject = match (figure.per_subject(), subject_cell.is_empty()) {
            (true, true) => {
                issue(Column::Subject, Problem::SubjectMissing);
                None
            }
            (false, false) => {
                issue(Column::Subject, Problem::SubjectNotForFigure);
                None
            }
            (false, true) => Some(String::new()),
            (true, false) => {
                let found = subjects
                    .iter()
                    .find(|(code, name)| fold(name) == fold(subject_cell) || code == subject_cell);
                match found {
                    Some((code, _)) => Some(code.clone()),
                    None => {
                        let suggestion =
                            closest(subject_cell, subject_names.iter().copied()).map(str::to_owned);
                        issue(
                            Column::Subject,
                            Problem::UnknownSubject {
                                value: subject_cell.to_owned(),
                                suggestion,
                            },
                        );
                        None
                    }
                }
            }
        };
        let sex = Sex::parse(cell(Column::Sex));
        if sex.is_none() {
            issue(
                Column::Sex,
                Problem::UnknownSex(cell(Column::Sex).to_owned()),
            );
        }
        let value = number(cell(Column::Value)).filter(|v| (0.0..=figure.max()).contains(v));
        if value.is_none() {
            issue(Column::Value, Problem::BadValue { max: figure.max() });
        }
        let pupils = cell(Column::Pupils)
            .replace([' ', '\u{a0}'], "")
            .parse::<u32>()
            .ok();
        if pupils.is_none() {
            issue(Column::Pupils, Problem::BadPupils);
        }
        let (Some((school, _)), Some(grade), Some(subject), Some(sex), Some(value), Some(pupils)) =
            (school, grade, subject, sex, value, pupils)
        else {
            continue;
        };
        if !is_school_year(&year) || !figure.grades().contains(&grade) {
            continue;
        }
        let key = FigureKey {
            school: *school,
            year,
            grade,
            figure,
            subject,
            sex,
        };
        if let Some(&first_line) = seen.get(&key) {
            issue(Column::Figure, Problem::Duplicate { first_line });
            continue;
        }
        seen.insert(key.clone(), record.line);
        out.rows.push(ResultRow { key, value, pupils });
    }
    out
}

/// The municipality's figure of a year as shown, from its schools' (value, pupils):
/// the mean weighted by pupils, none when the schools whose own figures are hidden
/// together have fewer than ten pupils, for their figure would follow from the
/// municipality's and the others' (secondary suppression, as the national statistics).
pub fn municipality_figure(rows: &[(f64, u32)]) -> (Option<f64>, u32) {
    let Some((value, pupils)) = weighted(rows) else {
        return (None, 0);
    };
    let hidden: u32 = rows
        .iter()
        .filter(|(_, p)| *p < MIN_PUPILS)
        .map(|(_, p)| *p)
        .sum();
    let recoverable = hidden > 0 && hidden < MIN_PUPILS;
    (shown(value, pupils).filter(|_| !recoverable), pupils)
}

/// The mean of values weighted by pupils, with the pupils it rests on.
pub fn weighted(rows: &[(f64, u32)]) -> Option<(f64, u32)> {
    let pupils: u64 = rows.iter().map(|(_, p)| u64::from(*p)).sum();
    if pupils == 0 {
        return None;
    }
    let sum: f64 = rows.iter().map(|(v, p)| v * f64::from(*p)).sum();
    Some((
        sum / pupils as f64,
        u32::try_from(pupils).unwrap_or(u32::MAX),
    ))
}

#[cfg(test)]
mod tests;
