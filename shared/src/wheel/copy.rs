//! Copying a wheel to a later school year: the same rings, and each activity on the
//! same ISO week number and weekday (week 53 becomes week 52 in a year without one),
//! keeping its length in days. The holidays come from the new year's template instead
//! of being moved; named groups (which belong to a year) become their kind of group.
//! The projects' milestones stay with their projects: their ring is not copied.
//! The plan is shown for review and saved only as reviewed: its fingerprint changes
//! when the wheel copied from does.

use serde::{Deserialize, Serialize};

use super::geometry::YearRange;
use super::{Activity, ActivityInput, Audience, Ring, RingKind, Wheel, holidays};
use crate::date::Date;
use crate::groups::{GroupKind, SchoolYear};
use crate::i18n::Lang;
use crate::ids::{GroupId, SchoolYearId};

/// Why an activity's copy is not a plain move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CopyNote {
    /// A holiday: the new year's come from the template instead.
    Holiday,
    /// It would fall outside the new school year, so it is left out.
    OutsideYear,
    /// It was for named groups of the old year; the copy is for their kind of group
    /// (or everyone, when they were of different kinds).
    AudienceWidened,
    /// A project's milestone: the project puts its own on the new year.
    Milestone,
}

/// One line of the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CopiedActivity {
    /// The activity copied from; none for a holiday from the new year's template.
    pub source: Option<Activity>,
    /// What will be saved (its ring is the ring copied from); none when left out.
    pub copy: Option<ActivityInput>,
    pub note: Option<CopyNote>,
}

/// A wheel copied to a later year, for review: `GET /api/v1/wheel/copy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WheelCopy {
    pub from: SchoolYear,
    pub to: SchoolYear,
    /// The rings, copied as they are (but the projects' ring).
    pub rings: Vec<Ring>,
    pub activities: Vec<CopiedActivity>,
    /// Sent back with the save, which is refused (409) when the wheel copied from has
    /// changed since.
    pub fingerprint: String,
}

/// Saves a reviewed copy: `POST /api/v1/wheel/copy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CopyRequest {
    pub from_year: SchoolYearId,
    pub to_year: SchoolYearId,
    pub fingerprint: String,
}

/// The number of ISO weeks in `year` (52 or 53).
pub fn weeks_in(year: i32) -> u32 {
    Date {
        year,
        month: 12,
        day: 28,
    }
    .iso_week()
}

/// The day with the same ISO week number and weekday `years` ISO years later.
pub fn same_week_day(day: Date, years: i32) -> Date {
    let weekday = day.weekday();
    let iso_year = day.add_days(4 - i64::from(weekday)).year;
    let target = iso_year + years;
    let week = day.iso_week().min(weeks_in(target));
    Date::of_iso_week(target, week).add_days(i64::from(weekday) - 1)
}

/// The copy of `from` into the year `to`; `group_kinds` gives the kind of each group
/// an audience may name.
pub fn plan(from: &Wheel, to: &SchoolYear, group_kinds: &[(GroupId, GroupKind)]) -> WheelCopy {
    let first = |y: &SchoolYear| YearRange::of(y).start.year;
    let years = first(to) - first(&from.school_year);
    let range = YearRange::of(to);
    let holiday_ring = from.rings.iter().find(|r| r.kind == RingKind::Holidays);
    let milestone = |a: &Activity| {
        from.rings
            .iter()
            .any(|r| r.id == a.ring_id && r.kind == RingKind::Projects)
    };
    let mut activities: Vec<CopiedActivity> = Vec::new();
    for a in &from.activities {
        if milestone(a) {
            activities.push(CopiedActivity {
                source: Some(a.clone()),
                copy: None,
                note: Some(CopyNote::Milestone),
            });
            continue;
        }
        if holiday_ring.is_some_and(|r| r.id == a.ring_id) {
            activities.push(CopiedActivity {
                source: Some(a.clone()),
                copy: None,
                note: Some(CopyNote::Holiday),
            });
            continue;
        }
        let (Some(start), Some(end)) = (Date::parse(&a.starts_on), Date::parse(&a.ends_on)) else {
            continue;
        };
        let new_start = same_week_day(start, years);
        let new_end = new_start.add_days(start.days_until(end));
        if !range.contains(new_start) || !range.contains(new_end) {
            activities.push(CopiedActivity {
                source: Some(a.clone()),
                copy: None,
                note: Some(CopyNote::OutsideYear),
            });
            continue;
        }
        let (audience, note) = match &a.audience {
            Audience::Groups { groups } => {
                let kinds: Vec<Option<GroupKind>> = groups
                    .iter()
                    .map(|g| group_kinds.iter().find(|(id, _)| id == g).map(|(_, k)| *k))
                    .collect();
                let audience = match kinds.first() {
                    Some(Some(kind)) if kinds.iter().all(|k| *k == Some(*kind)) => {
                        Audience::GroupKind { group_kind: *kind }
                    }
                    _ => Audience::Everyone,
                };
                (audience, Some(CopyNote::AudienceWidened))
            }
            other => (other.clone(), None),
        };
        activities.push(CopiedActivity {
            source: Some(a.clone()),
            copy: Some(ActivityInput {
                ring_id: a.ring_id,
                title: a.title.clone(),
                description: a.description.clone(),
                starts_on: new_start.to_string(),
                ends_on: new_end.to_string(),
                start_time: a.start_time.clone(),
                end_time: a.end_time.clone(),
                audience,
                theme: a.theme.clone(),
                library_items: a.library.iter().map(|i| i.id).collect(),
                version: None,
            }),
            note,
        });
    }
    if let Some(ring) = holiday_ring {
        for (title, first_day, last_day) in holidays(to, Lang::Sv) {
            activities.push(CopiedActivity {
                source: None,
                copy: Some(ActivityInput {
                    ring_id: ring.id,
                    title,
                    description: String::new(),
                    starts_on: first_day.to_string(),
                    ends_on: last_day.to_string(),
                    start_time: None,
                    end_time: None,
                    audience: Audience::Everyone,
                    theme: None,
                    library_items: Vec::new(),
                    version: None,
                }),
                note: Some(CopyNote::Holiday),
            });
        }
    }
    // In the order of the new year, what is left out last.
    activities.sort_by(|a, b| {
        let key = |c: &CopiedActivity| {
            c.copy
                .as_ref()
                .map(|i| (0, i.starts_on.clone()))
                .unwrap_or_else(|| {
                    (
                        1,
                        c.source
                            .as_ref()
                            .map(|s| s.starts_on.clone())
                            .unwrap_or_default(),
                    )
                })
        };
        key(a).cmp(&key(b))
    });
    WheelCopy {
        from: from.school_year.clone(),
        to: to.clone(),
        rings: from
            .rings
            .iter()
            .filter(|r| r.kind != RingKind::Projects)
            .cloned()
            .collect(),
        activities,
        fingerprint: fingerprint(from, to).to_string(),
    }
}

/// A hash of what the copy is made from: the rings and activities with their versions,
/// and the year copied to.
fn fingerprint(from: &Wheel, to: &SchoolYear) -> u64 {
    let mut h = crate::hash::Fnv::new();
    h.int(from.school_year.id.0);
    h.int(to.id.0);
    h.bytes(to.starts_on.as_bytes());
    h.bytes(to.spring_starts_on.as_bytes());
    let mut rings: Vec<(i64, i64)> = from.rings.iter().map(|r| (r.id.0, r.version)).collect();
    rings.sort_unstable();
    let mut activities: Vec<(i64, i64)> = from
        .activities
        .iter()
        .map(|a| (a.id.0, a.version))
        .collect();
    activities.sort_unstable();
    for (id, version) in rings.into_iter().chain([(-1, -1)]).chain(activities) {
        h.int(id);
        h.int(version);
    }
    h.0
}
