//! Resultatdialoger: a school's principal and its head of operations go through the
//! school's results in a period of the wheel's Resultatdialoger ring. The dialogue
//! keeps the figures as they stood that day (a later correction of the results leaves
//! them be), the school's analysis of what explains them, the insatser decided (each
//! with an owner, a time and the goal it serves), the decisions, how the last
//! dialogue's insatser went, and the date of the next. Read by the two parties and the
//! steering group.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::collate::swedish_cmp;

use crate::date::Date;
use crate::goals::results::{Figure, FigureChoice, Sex, shown};
use crate::goals::{GoalStatus, MAX_TEXT_CHARS};
use crate::i18n::Msg;
use crate::ids::{ActivityId, GoalId, PersonId, ResultDialogueId, SchoolId};
use crate::org::{PersonRef, SchoolRef};
use crate::validation::{FieldError, Validate, check_name};

/// The most insatser one dialogue holds.
pub const MAX_ACTIONS: usize = 30;

/// A figure as it stood on the day of the dialogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotFigure {
    #[serde(flatten)]
    pub choice: FigureChoice,
    /// The school year it is of ("2025/26").
    pub year: String,
    /// None when it rests on fewer than ten pupils.
    pub value: Option<f64>,
    pub pupils: u32,
}

/// The figures a dialogue keeps from a school's results (choice, school year, value,
/// pupils): of each figure the latest year, for all pupils; the grade shares A–E left
/// out (F, the share not reaching a pass, is kept); a figure of fewer than ten pupils
/// kept as none. In the order of the figures.
pub fn snapshot(rows: &[(FigureChoice, String, f64, u32)]) -> Vec<SnapshotFigure> {
    let mut latest: std::collections::BTreeMap<FigureChoice, (&str, f64, u32)> =
        std::collections::BTreeMap::new();
    for (choice, year, value, pupils) in rows {
        let kept = choice.sex == Sex::All
            && (choice.figure.letter().is_none() || choice.figure == Figure::GradeF);
        if !kept {
            continue;
        }
        let entry = latest
            .entry(choice.clone())
            .or_insert((year, *value, *pupils));
        if year.as_str() > entry.0 {
            *entry = (year, *value, *pupils);
        }
    }
    latest
        .into_iter()
        .map(|(choice, (year, value, pupils))| SnapshotFigure {
            choice,
            year: year.to_owned(),
            value: shown(value, pupils),
            pupils,
        })
        .collect()
}

/// An insats decided in the dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Action {
    pub text: String,
    pub owner: Option<PersonRef>,
    /// `YYYY-MM-DD`: by when.
    pub due: Option<String>,
    /// The goal it serves, and its title.
    pub goal: Option<GoalId>,
    #[serde(default)]
    pub goal_title: Option<String>,
}

/// An insats as written: its owner and goal by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionInput {
    pub text: String,
    #[serde(default)]
    pub owner: Option<PersonId>,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub goal: Option<GoalId>,
}

/// The last dialogue of the same school, whose insatser this one follows up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviousDialogue {
    pub id: ResultDialogueId,
    pub held_on: String,
    pub actions: Vec<Action>,
}

/// `GET /api/v1/result-dialogues/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultDialogue {
    pub id: ResultDialogueId,
    pub school: SchoolRef,
    /// The wheel's activity (period) it belongs to, if any.
    pub period: Option<ActivityId>,
    pub period_title: Option<String>,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub principal: Option<PersonRef>,
    pub head: Option<PersonRef>,
    pub figures: Vec<SnapshotFigure>,
    pub analysis: String,
    pub actions: Vec<Action>,
    pub decisions: String,
    /// How the last dialogue's insatser went.
    pub follow_up: String,
    /// `YYYY-MM-DD` of the next dialogue.
    pub next_on: Option<String>,
    pub previous: Option<PreviousDialogue>,
    /// What the school's teachers did since the last dialogue for the goals its
    /// insatser served, counts only.
    #[serde(default)]
    pub goal_work: Vec<GoalWork>,
    /// The caller writes it (one of its two parties).
    pub writable: bool,
    pub version: i64,
}

/// A goal the last dialogue's insatser served, and the work for it since: the goal's
/// status and latest note, the school's teacher goals serving it (directly, or through
/// one of the school's goals) with their statuses, and the action plans naming those
/// goals since that dialogue. Counts and group names only: a teacher's goals and plans
/// are read by the teacher and their principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalWork {
    pub goal: GoalId,
    pub title: String,
    pub status: GoalStatus,
    /// `YYYY-MM-DD` and text of the goal's latest follow-up note.
    pub note_on: Option<String>,
    pub note: Option<String>,
    pub teacher_goals: u32,
    pub teachers: u32,
    /// The teacher goals per status, in the order of the statuses; none left out
    /// that has any.
    pub statuses: Vec<StatusCount>,
    /// Action plans naming one of the teacher goals, at meetings after the last
    /// dialogue up to this one's day.
    pub plans: u32,
    /// The learning groups of those plans, by name.
    pub groups: Vec<String>,
}

/// How many goals have a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: GoalStatus,
    pub count: u32,
}

/// A goal an insats served: id, title, status, its latest note (day, text).
pub type ServedGoalRow = (GoalId, String, GoalStatus, Option<(String, String)>);

/// A teacher goal of the school: the goal it serves in the end (an insats's goal, or
/// the school goal in between), its id, owner and status.
pub type TeacherGoalRow = (GoalId, GoalId, PersonId, GoalStatus);

/// The goals of `actions` (each once, in their order) with the work for them, from
/// the teacher goals (`teacher_goals`: the goal served, directly or through a school
/// goal) and the plans naming a teacher goal (`plans`: teacher goal, group name).
pub fn goal_work(
    actions: &[Action],
    goals: &[ServedGoalRow],
    teacher_goals: &[TeacherGoalRow],
    plans: &[(GoalId, String)],
) -> Vec<GoalWork> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for id in actions.iter().filter_map(|a| a.goal) {
        if !seen.insert(id) {
            continue;
        }
        let Some((_, title, status, note)) = goals.iter().find(|g| g.0 == id) else {
            continue;
        };
        // Each teacher goal once: it may reach the goal through more than one school goal.
        let mine: BTreeMap<GoalId, (PersonId, GoalStatus)> = teacher_goals
            .iter()
            .filter(|t| t.0 == id)
            .map(|t| (t.1, (t.2, t.3)))
            .collect();
        let teachers: BTreeSet<PersonId> = mine.values().map(|v| v.0).collect();
        let statuses = GoalStatus::ALL
            .into_iter()
            .filter_map(|status| {
                let count = mine.values().filter(|v| v.1 == status).count();
                (count > 0).then_some(StatusCount {
                    status,
                    count: count as u32,
                })
            })
            .collect();
        let of_plans: Vec<&str> = plans
            .iter()
            .filter(|p| mine.contains_key(&p.0))
            .map(|p| p.1.as_str())
            .collect();
        let mut groups: Vec<String> = of_plans
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        groups.sort_by(|a, b| swedish_cmp(a, b));
        out.push(GoalWork {
            goal: id,
            title: title.clone(),
            status: *status,
            note_on: note.as_ref().map(|n| n.0.clone()),
            note: note.as_ref().map(|n| n.1.clone()),
            teacher_goals: mine.len() as u32,
            teachers: teachers.len() as u32,
            statuses,
            plans: of_plans.len() as u32,
            groups,
        });
    }
    out
}

/// A dialogue in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DialogueLine {
    pub id: ResultDialogueId,
    pub school: SchoolRef,
    pub held_on: String,
    pub period_title: Option<String>,
    pub actions: u32,
    pub next_on: Option<String>,
}

/// `GET /api/v1/result-dialogues`: the dialogues the caller reads, newest first, and
/// the schools they may hold one for, with the wheel's periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dialogues {
    pub dialogues: Vec<DialogueLine>,
    /// The schools the caller is a party for.
    pub schools: Vec<SchoolRef>,
    /// The Resultatdialoger activities of the current school year.
    pub periods: Vec<DialoguePeriod>,
}

/// A period of the wheel's Resultatdialoger ring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DialoguePeriod {
    pub id: ActivityId,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// `POST /api/v1/result-dialogues`: a dialogue of a school on a day, in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDialogue {
    pub school: SchoolId,
    pub held_on: String,
    #[serde(default)]
    pub period: Option<ActivityId>,
}

impl Validate for NewDialogue {
    fn validate(&self) -> Vec<FieldError> {
        match Date::parse(&self.held_on) {
            Some(_) => Vec::new(),
            None => vec![FieldError::new("held_on", Msg::DateInvalid)],
        }
    }
}

/// `PUT /api/v1/result-dialogues/{id}`: what was said and decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DialogueInput {
    #[serde(default)]
    pub analysis: String,
    #[serde(default)]
    pub actions: Vec<ActionInput>,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub follow_up: String,
    #[serde(default)]
    pub next_on: Option<String>,
    pub version: i64,
}

fn long(field: &'static str, value: &str, out: &mut Vec<FieldError>) {
    if let Err(m) = crate::text::check_text(value, true) {
        out.push(FieldError::new(field, m));
    } else if value.chars().count() > MAX_TEXT_CHARS {
        out.push(FieldError::new(field, Msg::GoalTextTooLong));
    }
}

impl Validate for DialogueInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        long("analysis", &self.analysis, &mut out);
        long("decisions", &self.decisions, &mut out);
        long("follow_up", &self.follow_up, &mut out);
        if let Some(on) = &self.next_on
            && Date::parse(on).is_none()
        {
            out.push(FieldError::new("next_on", Msg::DateInvalid));
        }
        if self.actions.len() > MAX_ACTIONS {
            out.push(FieldError::new("actions", Msg::DialogueTooManyActions));
        }
        // The first insats that breaks a rule, with a message saying which rule.
        let broken = self.actions.iter().find_map(|a| {
            if check_name(&a.text).is_err() {
                Some(Msg::DialogueActionText)
            } else if a.due.as_deref().is_some_and(|d| Date::parse(d).is_none()) {
                Some(Msg::DialogueActionDue)
            } else {
                None
            }
        });
        if let Some(m) = broken.filter(|_| out.iter().all(|e| e.field != "actions")) {
            out.push(FieldError::new("actions", m));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_keeps_each_figures_latest_year() {
        let c = |figure, subject: &str, sex| FigureChoice {
            figure,
            grade: 9,
            subject: subject.into(),
            sex,
        };
        let rows = vec![
            (
                c(Figure::EligibleVocational, "", Sex::All),
                "2024/25".to_owned(),
                80.0,
                50,
            ),
            (
                c(Figure::EligibleVocational, "", Sex::All),
                "2025/26".to_owned(),
                84.0,
                52,
            ),
            (
                c(Figure::EligibleVocational, "", Sex::Boys),
                "2025/26".to_owned(),
                70.0,
                8,
            ),
            (
                c(Figure::GradeA, "matematik", Sex::All),
                "2025/26".to_owned(),
                12.0,
                52,
            ),
            (
                c(Figure::GradeF, "matematik", Sex::All),
                "2025/26".to_owned(),
                6.0,
                52,
            ),
            (
                c(Figure::NationalTest, "svenska", Sex::All),
                "2025/26".to_owned(),
                90.0,
                9,
            ),
        ];
        let kept = snapshot(&rows);
        let seen: Vec<(Figure, &str, Option<f64>)> = kept
            .iter()
            .map(|f| (f.choice.figure, f.year.as_str(), f.value))
            .collect();
        assert_eq!(
            seen,
            [
                (Figure::EligibleVocational, "2025/26", Some(84.0)),
                (Figure::GradeF, "2025/26", Some(6.0)),
                (Figure::NationalTest, "2025/26", None),
            ]
        );
    }

    #[test]
    fn goal_work_counts_each_teacher_goal_once_and_only_its_plans() {
        let action = |goal: Option<i64>| Action {
            text: "Insats".into(),
            owner: None,
            due: None,
            goal: goal.map(GoalId),
            goal_title: None,
        };
        let actions = [
            action(Some(1)),
            action(None),
            action(Some(1)),
            action(Some(2)),
            action(Some(9)),
        ];
        let goals = vec![
            (
                GoalId(1),
                "Fler behöriga".to_owned(),
                GoalStatus::InProgress,
                Some(("2026-11-02".to_owned(), "Bättre".to_owned())),
            ),
            (
                GoalId(2),
                "Trygghet".to_owned(),
                GoalStatus::NotStarted,
                None,
            ),
        ];
        let p = PersonId;
        let teacher_goals = vec![
            // Teacher goal 10 reaches goal 1 through two school goals: counted once.
            (GoalId(1), GoalId(10), p(100), GoalStatus::Achieved),
            (GoalId(1), GoalId(10), p(100), GoalStatus::Achieved),
            (GoalId(1), GoalId(11), p(100), GoalStatus::InProgress),
            (GoalId(1), GoalId(12), p(101), GoalStatus::InProgress),
            (GoalId(2), GoalId(20), p(102), GoalStatus::NotStarted),
        ];
        let plans = vec![
            (GoalId(10), "Matematik 7–9".to_owned()),
            (GoalId(12), "Läslyftet".to_owned()),
            (GoalId(12), "Läslyftet".to_owned()),
            (GoalId(30), "Någon annans".to_owned()),
        ];
        let work = goal_work(&actions, &goals, &teacher_goals, &plans);
        assert_eq!(work.len(), 2, "goal 9 is not found and goal 1 comes once");
        let first = &work[0];
        assert_eq!(
            (first.goal, first.teacher_goals, first.teachers, first.plans),
            (GoalId(1), 3, 2, 3)
        );
        assert_eq!(first.groups, ["Läslyftet", "Matematik 7–9"]);
        assert_eq!(
            first.statuses,
            [
                StatusCount {
                    status: GoalStatus::InProgress,
                    count: 2
                },
                StatusCount {
                    status: GoalStatus::Achieved,
                    count: 1
                },
            ]
        );
        assert_eq!(first.note.as_deref(), Some("Bättre"));
        let second = &work[1];
        assert_eq!(
            (second.teacher_goals, second.teachers, second.plans),
            (1, 1, 0)
        );
        assert!(second.groups.is_empty());
    }

    #[test]
    fn a_dialogue_names_each_bad_field_and_insats() {
        let input = DialogueInput {
            analysis: "x".repeat(MAX_TEXT_CHARS + 1),
            actions: vec![
                ActionInput {
                    text: "Läsfixare i åk 7".into(),
                    due: Some("2027-03-01".into()),
                    ..ActionInput::default()
                },
                ActionInput {
                    text: " ".into(),
                    due: Some("mars".into()),
                    ..ActionInput::default()
                },
            ],
            next_on: Some("i vår".into()),
            ..DialogueInput::default()
        };
        let errors: Vec<(&str, Msg)> = input
            .validate()
            .into_iter()
            .map(|e| (e.field, e.msg))
            .collect();
        assert_eq!(
            errors,
            [
                ("analysis", Msg::GoalTextTooLong),
                ("next_on", Msg::DateInvalid),
                ("actions", Msg::DialogueActionText)
            ]
        );
        let many = DialogueInput {
            actions: vec![
                ActionInput {
                    text: "En insats".into(),
                    ..ActionInput::default()
                };
                MAX_ACTIONS + 1
            ],
            ..DialogueInput::default()
        };
        assert_eq!(many.validate()[0].field, "actions");
        assert!(
            NewDialogue {
                school: SchoolId(1),
                held_on: "2027-01-14".into(),
                period: None
            }
            .validate()
            .is_empty()
        );
    }
}
