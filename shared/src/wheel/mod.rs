//! The årshjul: a municipality's plan of the school year as rings of activities
//! (learning-group meetings, leader meetings, målsamtal, result dialogues, study days,
//! themes, holidays). Types, the rules an activity must keep, who an activity is for,
//! and the template a new year starts from. `geometry` places the year on a circle;
//! `ical` writes calendar feeds.

pub mod access;
pub mod copy;
pub mod geometry;
pub mod ical;

use serde::{Deserialize, Serialize};

use crate::date::{Date, parse_time};
use crate::groups::{GroupKind, SchoolYear};
use crate::i18n::{Lang, Msg};
use crate::ids::{ActivityId, GroupId, ItemId, RingId, SchoolYearId};
use crate::library::{ItemRef, check_linked_items};
use crate::org::Role;
use crate::validation::{FieldError, Validate, check_name, collect};

/// What a ring holds; the meetings ring drives the learning groups' meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RingKind {
    /// Lärgruppsträffar: a timed activity here is a slot every learning group meets in.
    Meetings,
    Leaders,
    Principals,
    GoalTalks,
    ResultDialogues,
    StudyDays,
    Themes,
    Holidays,
    /// The projects' milestones: laid out when a project first puts one on the year.
    Projects,
    /// A ring the steering group added.
    Other,
}

impl RingKind {
    /// The rings a new wheel starts with, in order.
    pub const TEMPLATE: [RingKind; 8] = [
        RingKind::Meetings,
        RingKind::Leaders,
        RingKind::Principals,
        RingKind::GoalTalks,
        RingKind::ResultDialogues,
        RingKind::StudyDays,
        RingKind::Themes,
        RingKind::Holidays,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            RingKind::Meetings => "meetings",
            RingKind::Leaders => "leaders",
            RingKind::Principals => "principals",
            RingKind::GoalTalks => "goal_talks",
            RingKind::ResultDialogues => "result_dialogues",
            RingKind::StudyDays => "study_days",
            RingKind::Themes => "themes",
            RingKind::Holidays => "holidays",
            RingKind::Projects => "projects",
            RingKind::Other => "other",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<RingKind> {
        RingKind::TEMPLATE
            .into_iter()
            .chain([RingKind::Projects, RingKind::Other])
            .find(|k| k.code() == code)
    }

    /// The ring's name in a new wheel.
    pub fn default_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RingKind::Meetings, Lang::Sv) => "Lärgruppsträffar",
            (RingKind::Meetings, Lang::En) => "Learning-group meetings",
            (RingKind::Leaders, Lang::Sv) => "Ledarträffar",
            (RingKind::Leaders, Lang::En) => "Leader meetings",
            (RingKind::Principals, Lang::Sv) => "Rektorsträffar",
            (RingKind::Principals, Lang::En) => "Principal meetings",
            (RingKind::GoalTalks, Lang::Sv) => "Målsamtal",
            (RingKind::GoalTalks, Lang::En) => "Goal talks",
            (RingKind::ResultDialogues, Lang::Sv) => "Resultatdialoger",
            (RingKind::ResultDialogues, Lang::En) => "Result dialogues",
            (RingKind::StudyDays, Lang::Sv) => "Studiedagar",
            (RingKind::StudyDays, Lang::En) => "Study days",
            (RingKind::Themes, Lang::Sv) => "Teman",
            (RingKind::Themes, Lang::En) => "Themes",
            (RingKind::Holidays, Lang::Sv) => "Lov",
            (RingKind::Holidays, Lang::En) => "Holidays",
            (RingKind::Projects, Lang::Sv) => "Projekt",
            (RingKind::Projects, Lang::En) => "Projects",
            (RingKind::Other, Lang::Sv) => "Övrigt",
            (RingKind::Other, Lang::En) => "Other",
        }
    }

    /// The ring's colour in a new wheel: distinct hues, each dark enough for white
    /// text (contrast at least 4.5:1).
    pub fn default_colour(self) -> &'static str {
        match self {
            RingKind::Meetings => "#1d4e5f",
            RingKind::Leaders => "#6a3d9a",
            RingKind::Principals => "#8c2d19",
            RingKind::GoalTalks => "#1f6b3a",
            RingKind::ResultDialogues => "#7a5200",
            RingKind::StudyDays => "#2f4b7c",
            RingKind::Themes => "#a0155f",
            RingKind::Holidays => "#55606b",
            RingKind::Projects => "#5c4a12",
            RingKind::Other => "#3d5a40",
        }
    }
}

/// Whether `s` is a colour written `#rrggbb`.
pub fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A ring of the wheel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ring {
    pub id: RingId,
    pub kind: RingKind,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    /// Lanes from the outside in: 0 is the outermost.
    pub position: u32,
    pub version: i64,
}

/// Who an activity is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    /// Everyone holding the role.
    Role {
        role: Role,
    },
    /// Everyone in a group of the kind.
    GroupKind {
        group_kind: GroupKind,
    },
    /// The members of the named groups.
    Groups {
        groups: Vec<GroupId>,
    },
}

impl Audience {
    /// Whether a person with `roles`, in `groups` (id and kind), is in the audience.
    pub fn includes(&self, roles: &[Role], groups: &[(GroupId, GroupKind)]) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Role { role } => roles.contains(role),
            Audience::GroupKind { group_kind } => groups.iter().any(|(_, k)| k == group_kind),
            Audience::Groups { groups: named } => groups.iter().any(|(g, _)| named.contains(g)),
        }
    }
}

/// An activity on the wheel: one day or a span of days, all day or a slot of time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: ActivityId,
    pub ring_id: RingId,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`, the last day (inclusive); the same as `starts_on` for one day.
    pub ends_on: String,
    /// `HH:MM` in Swedish time; none for all day.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub audience: Audience,
    /// The theme of the activity, if any ("Bedömning för lärande").
    pub theme: Option<String>,
    /// Published library material for the activity, in order.
    #[serde(default)]
    pub library: Vec<ItemRef>,
    pub version: i64,
}

/// A new activity, or its whole new state: `POST /api/v1/wheel/activities`,
/// `PUT /api/v1/wheel/activities/{id}` (with the version it was based on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityInput {
    pub ring_id: RingId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub starts_on: String,
    pub ends_on: String,
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
    pub audience: Audience,
    #[serde(default)]
    pub theme: Option<String>,
    /// Published library items to link, in order.
    #[serde(default)]
    pub library_items: Vec<ItemId>,
    /// For a change: the version it was based on.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The longest description kept.
pub const DESCRIPTION_MAX_CHARS: usize = 4000;

impl Validate for ActivityInput {
    fn validate(&self) -> Vec<FieldError> {
        let date = |v: &str| match Date::parse(v) {
            _ if v.trim().is_empty() => Err(Msg::FieldRequired),
            Some(_) => Ok(()),
            None => Err(Msg::DateInvalid),
        };
        let time = |v: &Option<String>| match v.as_deref().map(str::trim) {
            None | Some("") => Ok(()),
            Some(t) if parse_time(t).is_some() => Ok(()),
            Some(_) => Err(Msg::TimeInvalid),
        };
        let mut errors = collect([
            ("title", check_name(&self.title)),
            ("starts_on", date(&self.starts_on)),
            ("ends_on", date(&self.ends_on)),
            ("start_time", time(&self.start_time)),
            ("end_time", time(&self.end_time)),
            (
                "description",
                if self.description.chars().count() > DESCRIPTION_MAX_CHARS {
                    Err(Msg::TextTooLong)
                } else {
                    Ok(())
                },
            ),
            (
                "audience",
                match &self.audience {
                    Audience::Groups { groups } if groups.is_empty() => Err(Msg::FieldRequired),
                    _ => Ok(()),
                },
            ),
            (
                "theme",
                self.theme
                    .as_deref()
                    .filter(|t| !t.trim().is_empty())
                    .map_or(Ok(()), check_name),
            ),
            ("library_items", check_linked_items(&self.library_items)),
        ]);
        if errors.is_empty() {
            if self.ends_on < self.starts_on {
                errors.push(FieldError::new("ends_on", Msg::EndBeforeStart));
            }
            let (start, end) = (self.start_minutes(), self.end_minutes());
            match (start, end) {
                (Some(_), None) => errors.push(FieldError::new("end_time", Msg::FieldRequired)),
                (None, Some(_)) => errors.push(FieldError::new("start_time", Msg::FieldRequired)),
                (Some(s), Some(e)) if e <= s && self.starts_on == self.ends_on => {
                    errors.push(FieldError::new("end_time", Msg::EndBeforeStart));
                }
                _ => {}
            }
            // Each time on its own day: the start on the first, the end on the last.
            for (field, day, time) in [
                ("start_time", &self.starts_on, start),
                ("end_time", &self.ends_on, end),
            ] {
                if let (Some(day), Some(time)) = (Date::parse(day), time)
                    && let Err(msg) = crate::date::check_local_time(day, time)
                {
                    errors.push(FieldError::new(field, msg));
                }
            }
        }
        errors
    }
}

impl ActivityInput {
    fn start_minutes(&self) -> Option<u32> {
        self.start_time
            .as_deref()
            .and_then(|t| parse_time(t.trim()))
    }

    fn end_minutes(&self) -> Option<u32> {
        self.end_time.as_deref().and_then(|t| parse_time(t.trim()))
    }

    /// Whether the activity lies within the wheel's year (August to July).
    pub fn within(&self, year: &SchoolYear) -> bool {
        let range = geometry::YearRange::of(year);
        match (Date::parse(&self.starts_on), Date::parse(&self.ends_on)) {
            (Some(s), Some(e)) => range.contains(s) && range.contains(e),
            _ => false,
        }
    }
}

/// A municipality's wheel for one school year: `GET /api/v1/wheel?year=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wheel {
    pub school_year: SchoolYear,
    pub rings: Vec<Ring>,
    pub activities: Vec<Activity>,
    /// The activities whose audience includes the caller ("Mitt årshjul").
    #[serde(default)]
    pub mine: Vec<ActivityId>,
}

/// A new ring (`POST /api/v1/wheel/rings`) or a ring's new name and colour
/// (`PUT /api/v1/wheel/rings/{id}`, with the version it was based on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RingInput {
    /// For a new ring: its school year; the current one when left out.
    #[serde(default)]
    pub year: Option<SchoolYearId>,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    #[serde(default)]
    pub version: Option<i64>,
}

impl Validate for RingInput {
    fn validate(&self) -> Vec<FieldError> {
        collect([
            ("name", check_name(&self.name)),
            (
                "colour",
                if is_colour(self.colour.trim()) {
                    Ok(())
                } else {
                    Err(Msg::ColourInvalid)
                },
            ),
        ])
    }
}

/// Moves a ring one lane out or in: `POST /api/v1/wheel/rings/{id}/move`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RingMove {
    /// Towards the outer edge (a lower position) or the centre.
    pub outward: bool,
    pub version: i64,
}

/// A person's private calendar feed: `GET/POST/DELETE /api/v1/me/calendar-feed`. The
/// URL is given only when the feed is made; afterwards only whether one exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub active: bool,
    /// The path of the feed (`/api/v1/calendar/<token>.ics`), only when just made.
    pub url: Option<String>,
}

/// Switches a municipality's public wheel feed: `PUT /api/v1/wheel/public-feed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFeed {
    pub enabled: bool,
}

/// One recorded change of a wheel: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WheelChange {
    /// RFC 3339.
    pub at: String,
    pub who: String,
    /// "skapade", "ändrade", "tog bort".
    pub action: ChangeAction,
    pub activity_id: ActivityId,
    pub title: String,
    /// The activity before the change, for an undo and for showing what changed.
    pub before: Option<Activity>,
    pub after: Option<Activity>,
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Created,
    Changed,
    Deleted,
}

/// The school holidays a new wheel marks (editable afterwards): höstlov in week 44,
/// jullov from 22 December to the day before the spring term, sportlov in week 9 (most
/// of Sweden has it in weeks 7–10) and påsklov the week after Easter Sunday.
pub fn holidays(year: &SchoolYear, lang: Lang) -> Vec<(String, Date, Date)> {
    let Some(start) = Date::parse(&year.starts_on) else {
        return Vec::new();
    };
    let spring = Date::parse(&year.spring_starts_on).unwrap_or(Date {
        year: start.year + 1,
        month: 1,
        day: 8,
    });
    let y = start.year;
    let week = |year: i32, week: u32| {
        let monday = Date::of_iso_week(year, week);
        (monday, monday.add_days(4))
    };
    let easter_monday = Date::easter(y + 1).add_days(1);
    let sv = lang == Lang::Sv;
    let names = if sv {
        ["Höstlov", "Jullov", "Sportlov", "Påsklov"]
    } else {
        [
            "Autumn break",
            "Christmas holidays",
            "Winter sports break",
            "Easter break",
        ]
    };
    let (autumn_start, autumn_end) = week(y, 44);
    let (sport_start, sport_end) = week(y + 1, 9);
    vec![
        (names[0].to_owned(), autumn_start, autumn_end),
        (
            names[1].to_owned(),
            Date {
                year: y,
                month: 12,
                day: 22,
            },
            spring.add_days(-1),
        ),
        (names[2].to_owned(), sport_start, sport_end),
        (
            names[3].to_owned(),
            easter_monday,
            easter_monday.add_days(4),
        ),
    ]
}

#[cfg(test)]
mod tests;
