//! Goals of a school year at three levels: the municipality's, each school's (serving
//! one or more municipality goals) and each teacher's own (serving one school goal,
//! agreed in the målsamtal). How a goal will be known, its status and its dated
//! follow-up notes; the chain from the municipality's goals down to how many teachers'
//! goals serve each; and the rules a goal must keep before it is stored.

pub mod access;
pub mod chain;
pub mod dialogues;
pub mod results;
pub mod talks;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::i18n::{Lang, Msg};
use crate::ids::{GoalId, GoalNoteId, MeetingId, PersonId, SchoolId, SchoolYearId};
use crate::library::Area;
use crate::org::{PersonRef, SchoolRef};
use crate::validation::{FieldError, Validate, check_name};

pub use chain::{ChainLink, chain};

/// The longest description, evidence text or follow-up note accepted.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The most municipality goals one school goal may serve.
pub const MAX_SERVES: usize = 10;

/// Whose goal it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalLevel {
    /// Set by the steering group or an administrator for every school.
    Municipality,
    /// Set by a school's principal; serves one or more municipality goals.
    School,
    /// A teacher's own; serves one goal of their school.
    Teacher,
}

impl GoalLevel {
    pub const ALL: [GoalLevel; 3] = [
        GoalLevel::Municipality,
        GoalLevel::School,
        GoalLevel::Teacher,
    ];

    /// The stable code in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            GoalLevel::Municipality => "municipality",
            GoalLevel::School => "school",
            GoalLevel::Teacher => "teacher",
        }
    }

    pub fn from_code(code: &str) -> Option<GoalLevel> {
        GoalLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The level a goal of this level serves, if any.
    pub fn serves(self) -> Option<GoalLevel> {
        match self {
            GoalLevel::Municipality => None,
            GoalLevel::School => Some(GoalLevel::Municipality),
            GoalLevel::Teacher => Some(GoalLevel::School),
        }
    }
}

/// Where a goal stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    NotStarted,
    InProgress,
    Achieved,
    PartlyAchieved,
    NotAchieved,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::NotStarted,
        GoalStatus::InProgress,
        GoalStatus::Achieved,
        GoalStatus::PartlyAchieved,
        GoalStatus::NotAchieved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "not_started",
            GoalStatus::InProgress => "in_progress",
            GoalStatus::Achieved => "achieved",
            GoalStatus::PartlyAchieved => "partly_achieved",
            GoalStatus::NotAchieved => "not_achieved",
        }
    }

    pub fn from_code(code: &str) -> Option<GoalStatus> {
        GoalStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (GoalStatus::NotStarted, Lang::Sv) => "Ej påbörjat",
            (GoalStatus::NotStarted, Lang::En) => "Not started",
            (GoalStatus::InProgress, Lang::Sv) => "Pågår",
            (GoalStatus::InProgress, Lang::En) => "In progress",
            (GoalStatus::Achieved, Lang::Sv) => "Uppnått",
            (GoalStatus::Achieved, Lang::En) => "Achieved",
            (GoalStatus::PartlyAchieved, Lang::Sv) => "Delvis uppnått",
            (GoalStatus::PartlyAchieved, Lang::En) => "Partly achieved",
            (GoalStatus::NotAchieved, Lang::Sv) => "Ej uppnått",
            (GoalStatus::NotAchieved, Lang::En) => "Not achieved",
        }
    }

    /// Whether the year's work on the goal is over (it was reviewed).
    pub fn is_reviewed(self) -> bool {
        matches!(
            self,
            GoalStatus::Achieved | GoalStatus::PartlyAchieved | GoalStatus::NotAchieved
        )
    }
}

/// How we will know that a goal is reached: a key figure with a target value, or
/// evidence described in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Measure {
    /// "Andel behöriga till yrkesprogram", target 90, unit "%".
    KeyFigure {
        figure: String,
        target: f64,
        #[serde(default)]
        unit: String,
    },
    /// "Eleverna beskriver i enkäten att …".
    Evidence { text: String },
}

impl Default for Measure {
    fn default() -> Measure {
        Measure::Evidence {
            text: String::new(),
        }
    }
}

/// A dated follow-up note on a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalNote {
    pub id: GoalNoteId,
    /// `YYYY-MM-DD`.
    pub on: String,
    pub text: String,
    pub author: PersonRef,
}

/// A goal: `GET /api/v1/goals/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    pub id: GoalId,
    pub year: SchoolYearId,
    pub level: GoalLevel,
    /// The school of a school or teacher goal.
    pub school: Option<SchoolRef>,
    /// Who answers for it: the setter of a municipality goal, the principal of a school
    /// goal, the teacher of a teacher goal.
    pub owner: PersonRef,
    pub title: String,
    pub description: String,
    pub measure: Measure,
    pub area: Option<Area>,
    /// Agenda 2030 goals, 1–17.
    pub agenda2030: Vec<u8>,
    pub status: GoalStatus,
    /// The goals of the level above that this one serves.
    pub serves: Vec<GoalId>,
    /// Oldest first.
    pub notes: Vec<GoalNote>,
    /// The goal of an earlier year this one was carried from.
    pub carried_from: Option<GoalId>,
    /// A teacher goal's action plans naming it, as evidence (on one goal's own page).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    pub version: i64,
}

/// An action plan naming a teacher goal: its meeting, and its focus for the teacher
/// alone (a plan's text reaches only its author and whom they shared it with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub meeting: MeetingId,
    /// `YYYY-MM-DD`.
    pub on: String,
    pub group: String,
    /// "Ange en insats som du ska fokusera på": the teacher's only.
    pub focus: Option<String>,
}

/// A new goal (`POST /api/v1/goals`) or a change to one (`PUT /api/v1/goals/{id}`,
/// where `level`, `school` and `owner` stay as they were and `version` is required).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalInput {
    /// The school year; a new goal only.
    #[serde(default)]
    pub year: Option<SchoolYearId>,
    #[serde(default)]
    pub level: Option<GoalLevel>,
    /// A school goal's school (a teacher goal takes its school goal's).
    #[serde(default)]
    pub school: Option<SchoolId>,
    /// A teacher goal's teacher, when their principal writes it; the caller otherwise.
    #[serde(default)]
    pub owner: Option<PersonId>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub measure: Measure,
    #[serde(default)]
    pub area: Option<Area>,
    #[serde(default)]
    pub agenda2030: Vec<u8>,
    #[serde(default)]
    pub status: GoalStatus,
    #[serde(default)]
    pub serves: Vec<GoalId>,
    #[serde(default)]
    pub version: Option<i64>,
}

fn check_long_text(value: &str) -> Result<(), Msg> {
    crate::text::check_text(value, true)?;
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Msg::GoalTextTooLong);
    }
    Ok(())
}

impl GoalInput {
    /// The rules that need no database, given the level the goal has (a new goal's
    /// `level`, a stored goal's own).
    pub fn check(&self, level: GoalLevel) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = check_name(&self.title) {
            out.push(FieldError::new("title", m));
        }
        if let Err(m) = check_long_text(&self.description) {
            out.push(FieldError::new("description", m));
        }
        match &self.measure {
            Measure::KeyFigure {
                figure,
                target,
                unit,
            } => {
                if let Err(m) = check_name(figure) {
                    out.push(FieldError::new("measure.figure", m));
                }
                if !target.is_finite() || target.abs() > 1e9 {
                    out.push(FieldError::new("measure.target", Msg::GoalTargetInvalid));
                }
                let unit_ok =
                    unit.chars().count() <= 20 && crate::text::check_text(unit, false).is_ok();
                if !unit_ok {
                    out.push(FieldError::new("measure.unit", Msg::GoalUnitInvalid));
                }
            }
            Measure::Evidence { text } => {
                if let Err(m) = crate::validation::check_required(text).and(check_long_text(text)) {
                    out.push(FieldError::new("measure.text", m));
                }
            }
        }
        let mut seen = [false; 18];
        let agenda_ok = self.agenda2030.iter().all(|&g| {
            let fresh = (1..=17).contains(&g) && !seen[usize::from(g)];
            if fresh {
                seen[usize::from(g)] = true;
            }
            fresh
        });
        if !agenda_ok {
            out.push(FieldError::new("agenda2030", Msg::GoalInvalid));
        }
        let serves_ok = match level {
            GoalLevel::Municipality => self.serves.is_empty(),
            GoalLevel::School => {
                let mut s = self.serves.clone();
                s.sort_unstable();
                s.dedup();
                !s.is_empty() && s.len() == self.serves.len() && s.len() <= MAX_SERVES
            }
            GoalLevel::Teacher => self.serves.len() == 1,
        };
        if !serves_ok {
            out.push(FieldError::new("serves", Msg::GoalServesInvalid));
        }
        if level == GoalLevel::School && self.school.is_none() && self.version.is_none() {
            out.push(FieldError::new("school", Msg::FieldRequired));
        }
        out
    }
}

impl Validate for GoalInput {
    fn validate(&self) -> Vec<FieldError> {
        match self.level {
            Some(level) => self.check(level),
            None if self.version.is_none() => vec![FieldError::new("level", Msg::FieldRequired)],
            // A change: the stored goal's level is checked by the server.
            None => Vec::new(),
        }
    }
}

/// A follow-up note: `POST /api/v1/goals/{id}/notes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoteInput {
    /// `YYYY-MM-DD`; today when left out.
    #[serde(default)]
    pub on: Option<String>,
    pub text: String,
    /// A new status to set with the note, if any.
    #[serde(default)]
    pub status: Option<GoalStatus>,
    /// The goal's version the note is written against.
    pub version: i64,
}

impl Validate for NoteInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Some(on) = &self.on
            && Date::parse(on).is_none()
        {
            out.push(FieldError::new("on", Msg::DateInvalid));
        }
        if let Err(m) =
            crate::validation::check_required(&self.text).and(check_long_text(&self.text))
        {
            out.push(FieldError::new("text", m));
        }
        out
    }
}

/// A school goal's count of teacher goals serving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServedBy {
    pub goal: GoalId,
    /// How many teachers' goals serve it.
    pub teacher_goals: u32,
    /// How many teachers those goals belong to.
    pub teachers: u32,
}

/// The goals of a school year as the caller may see them: `GET /api/v1/goals?year=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearGoals {
    pub year: SchoolYearId,
    /// The municipality's goals, in the order they were set.
    pub municipality: Vec<Goal>,
    /// Every school's goals, by school.
    pub schools: Vec<Goal>,
    /// For each school goal, how many teachers' goals serve it (counts only: a
    /// teacher's goals are read by the teacher and their principal).
    pub served_by: Vec<ServedBy>,
    /// The teacher goals the caller may read: their own, and a principal's those of
    /// their schools' teachers.
    pub teachers: Vec<Goal>,
    /// The schools whose goals the caller sets.
    pub my_schools: Vec<SchoolRef>,
}

/// One goal of a year that can be carried to the next, with its status there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarryLine {
    pub goal: GoalId,
    pub level: GoalLevel,
    pub title: String,
    pub status: GoalStatus,
    /// Already carried to the later year.
    pub carried: bool,
    /// It cannot be carried yet: none of the goals it serves is carried.
    pub blocked: bool,
}

/// `GET /api/v1/goals/carry?from=&to=`: the caller's goals of `from` for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarryPreview {
    pub from: SchoolYearId,
    pub to: SchoolYearId,
    pub lines: Vec<CarryLine>,
}

/// `POST /api/v1/goals/carry`: carry the chosen goals of `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarryRequest {
    pub from: SchoolYearId,
    pub to: SchoolYearId,
    pub goals: Vec<GoalId>,
}

/// What a carry did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarryResult {
    /// The new goals, in the order asked for.
    pub created: Vec<GoalId>,
}

/// Where a goal's `serves` point, as the server finds them: each served goal's level,
/// year and school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServedGoal {
    pub level: GoalLevel,
    pub year: SchoolYearId,
    pub school: Option<SchoolId>,
}

/// Checks the goals a goal of `level` in `year` (at `school`) serves: every one found
/// in the municipality (`None` otherwise), of the level above, in the same year, and for
/// a teacher goal at a school the teacher works at (`teacher_schools`). Returns the
/// school a teacher goal takes from its school goal.
pub fn check_serves(
    level: GoalLevel,
    year: SchoolYearId,
    school: Option<SchoolId>,
    served: &[Option<ServedGoal>],
    teacher_schools: &[SchoolId],
) -> Result<Option<SchoolId>, FieldError> {
    let refuse = |m| Err(FieldError::new("serves", m));
    let Some(above) = level.serves() else {
        return Ok(school);
    };
    let mut taken = school;
    for s in served {
        let Some(s) = s else {
            return refuse(Msg::GoalServesUnknown);
        };
        if s.level != above {
            return refuse(Msg::GoalServesInvalid);
        }
        if s.year != year {
            return refuse(Msg::GoalServesOtherYear);
        }
        if level == GoalLevel::Teacher {
            match s.school {
                Some(sc) if teacher_schools.contains(&sc) => taken = Some(sc),
                _ => return refuse(Msg::GoalServesOtherSchool),
            }
        }
    }
    Ok(taken)
}
