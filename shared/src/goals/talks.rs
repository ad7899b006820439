//! Målsamtal: each autumn a principal talks with each teacher of their schools, and a
//! head of operations with each of their principals. The leader offers times within
//! the wheel's Målsamtal ring, the other party books one, both prepare (privately until
//! they share), and the record keeps what was looked back on, the goals agreed, the
//! wishes for competence development, the work situation, the agreements and the spring
//! follow-up. Only the two parties read a record; the steering group and the head of
//! operations see counts per school.

use serde::{Deserialize, Serialize};

use crate::date::{Date, check_local_time, parse_time};
use crate::goals::{GoalLevel, GoalStatus, MAX_TEXT_CHARS};
use crate::i18n::{Lang, Msg};
use crate::ids::{GoalId, MeetingId, PersonId, SchoolYearId, TalkId, TalkSlotId};
use crate::org::{PersonRef, SchoolRef};
use crate::validation::{FieldError, Validate};
use crate::wheel::ical;

/// The most times one offer makes.
pub const MAX_SLOTS_PER_OFFER: usize = 24;
/// The shortest and longest conversation offered, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u32> = 10..=180;
/// The longest place ("Rektors rum").
pub const MAX_PLACE_CHARS: usize = 120;

/// Who talks with whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TalkKind {
    /// A principal with a teacher of their school.
    Teacher,
    /// A head of operations with a principal of a school they answer for.
    Principal,
}

impl TalkKind {
    pub fn code(self) -> &'static str {
        match self {
            TalkKind::Teacher => "teacher",
            TalkKind::Principal => "principal",
        }
    }

    pub fn from_code(code: &str) -> Option<TalkKind> {
        [TalkKind::Teacher, TalkKind::Principal]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The level of the goals the member agrees in the conversation: a teacher their
    /// own, a principal their school's.
    pub fn goal_level(self) -> GoalLevel {
        match self {
            TalkKind::Teacher => GoalLevel::Teacher,
            TalkKind::Principal => GoalLevel::School,
        }
    }
}

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TalkState {
    /// No time is booked and it is not held.
    NotBooked,
    /// A time is booked; not yet marked held by both.
    Booked,
    /// Both parties have marked it held.
    Held,
}

impl TalkState {
    /// From whether a time is booked and whether each party marked it held.
    pub fn of(booked: bool, leader_held: bool, member_held: bool) -> TalkState {
        if leader_held && member_held {
            TalkState::Held
        } else if booked {
            TalkState::Booked
        } else {
            TalkState::NotBooked
        }
    }
}

/// A time of a conversation: `YYYY-MM-DD`, `HH:MM`–`HH:MM` in Swedish time, a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkTime {
    pub on: String,
    pub start: String,
    pub end: String,
    pub place: String,
}

/// A time a leader offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkSlot {
    pub id: TalkSlotId,
    pub leader: PersonRef,
    pub time: TalkTime,
    /// Someone has booked it.
    pub taken: bool,
    /// Who booked it: shown to the leader and to the one who booked, no one else.
    pub booked_by: Option<PersonRef>,
}

/// A wheel activity of the Målsamtal ring: the period times are offered within.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkPeriod {
    pub title: String,
    /// `YYYY-MM-DD`, inclusive.
    pub starts_on: String,
    pub ends_on: String,
}

/// Whether `on` falls within one of the periods.
pub fn within_periods(on: Date, periods: &[TalkPeriod]) -> bool {
    periods.iter().any(
        |p| match (Date::parse(&p.starts_on), Date::parse(&p.ends_on)) {
            (Some(first), Some(last)) => first <= on && on <= last,
            _ => false,
        },
    )
}

/// One of the people a leader holds målsamtal with, and how far it has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkLine {
    pub kind: TalkKind,
    /// The other party: the teacher (or principal) when the caller leads, the principal
    /// (or head of operations) when the caller is the member.
    pub with: PersonRef,
    pub school: SchoolRef,
    /// The conversation, once it exists (booked, prepared or written).
    pub talk: Option<TalkId>,
    pub time: Option<TalkTime>,
    pub state: TalkState,
}

/// A leader's progress: "12 av 18 målsamtal genomförda".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkProgress {
    pub held: u32,
    pub booked: u32,
    pub total: u32,
}

impl TalkProgress {
    /// Counts the lines.
    pub fn of(lines: &[TalkLine]) -> TalkProgress {
        let mut p = TalkProgress::default();
        for l in lines {
            p.total += 1;
            match l.state {
                TalkState::Held => p.held += 1,
                TalkState::Booked => p.booked += 1,
                TalkState::NotBooked => {}
            }
        }
        p
    }

    /// Several counts together (the whole municipality's of its schools').
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a TalkProgress>) -> TalkProgress {
        all.into_iter()
            .fold(TalkProgress::default(), |a, p| TalkProgress {
                held: a.held + p.held,
                booked: a.booked + p.booked,
                total: a.total + p.total,
            })
    }

    /// Those neither booked nor held.
    pub fn not_booked(self) -> u32 {
        self.total.saturating_sub(self.held + self.booked)
    }
}

/// A school's målsamtal with its teachers, as counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolTalkCounts {
    pub school: SchoolRef,
    pub progress: TalkProgress,
}

/// `GET /api/v1/goal-conversations?year=`: the caller's målsamtal of a school year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearTalks {
    pub year: SchoolYearId,
    /// The wheel's Målsamtal periods of the year.
    pub periods: Vec<TalkPeriod>,
    /// The conversations the caller holds (a principal's teachers, a head of
    /// operations' principals), by name.
    pub leading: Vec<TalkLine>,
    pub progress: TalkProgress,
    /// The times the caller offers, in order.
    pub offered: Vec<TalkSlot>,
    /// The caller's own conversations, one per principal (or head of operations).
    pub mine: Vec<TalkLine>,
    /// The free times the caller may book, of those they talk with.
    pub bookable: Vec<TalkSlot>,
    /// Per school, counts of the målsamtal with its teachers: the steering group's
    /// every school, a head of operations' the schools they answer for.
    pub counts: Vec<SchoolTalkCounts>,
}

/// One party's preparation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkPreparation {
    pub text: String,
    /// Shared with the other party.
    pub shared: bool,
    /// 0 before anything is written.
    pub version: i64,
}

/// What the record holds besides the goals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkRecord {
    /// Wishes for competence development.
    #[serde(default)]
    pub competence: String,
    /// The work situation: uppdrag, hälsa, medarbetarskap.
    #[serde(default)]
    pub assignment: String,
    #[serde(default)]
    pub health: String,
    #[serde(default)]
    pub collaboration: String,
    #[serde(default)]
    pub agreements: String,
    /// `YYYY-MM-DD` of the spring follow-up.
    #[serde(default)]
    pub follow_up_on: Option<String>,
    /// What the spring follow-up of the same goals came to.
    #[serde(default)]
    pub follow_up: String,
}

/// A goal as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkGoal {
    pub id: GoalId,
    pub title: String,
    pub status: GoalStatus,
    /// The title of the goal it serves, if any.
    pub serves: Option<String>,
    /// The goal's version, for a follow-up note written against it.
    #[serde(default)]
    pub version: i64,
    /// The caller may follow it up (a note and a new status): a teacher goal its teacher
    /// and their principal, a school goal its principal.
    #[serde(default)]
    pub writable: bool,
}

/// An action plan of the member's year, as evidence when looking back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkPlan {
    pub meeting: MeetingId,
    /// `YYYY-MM-DD`.
    pub on: String,
    pub group: String,
    /// The goal its focus serves, if named.
    pub goal: Option<String>,
    /// "Ange en insats som du ska fokusera på": the plan's author's only, or shared.
    pub focus: Option<String>,
}

/// `GET /api/v1/goal-conversations/{id}`: one conversation, for its two parties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Talk {
    pub id: TalkId,
    pub year: SchoolYearId,
    pub kind: TalkKind,
    pub leader: PersonRef,
    pub member: PersonRef,
    pub school: SchoolRef,
    /// The caller leads it (else they are the member).
    pub leading: bool,
    pub time: Option<TalkTime>,
    pub state: TalkState,
    /// `YYYY-MM-DD` each party marked it held.
    pub leader_held_on: Option<String>,
    pub member_held_on: Option<String>,
    /// The caller's own preparation.
    pub preparation: TalkPreparation,
    /// The other party's, once they share it.
    pub shared_by_other: Option<String>,
    /// Looking back: the member's goals of the year before, with their status.
    pub last_year: Vec<TalkGoal>,
    /// Looking back: the member's action plans of this year.
    pub plans: Vec<TalkPlan>,
    /// The member's goals of this year: those agreed.
    pub goals: Vec<TalkGoal>,
    pub record: TalkRecord,
    pub version: i64,
}

/// `POST /api/v1/goal-conversations`: opens the conversation of the year with `with`
/// (the caller leads it or is its member), or returns the one there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTalk {
    #[serde(default)]
    pub year: Option<SchoolYearId>,
    pub with: PersonId,
}

/// `PUT /api/v1/goal-conversations/{id}`: the record's new state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkRecordInput {
    #[serde(flatten)]
    pub record: TalkRecord,
    pub version: i64,
}

fn check_long(field: &'static str, value: &str, out: &mut Vec<FieldError>) {
    if let Err(m) = crate::text::check_text(value, true) {
        out.push(FieldError::new(field, m));
    } else if value.chars().count() > MAX_TEXT_CHARS {
        out.push(FieldError::new(field, Msg::GoalTextTooLong));
    }
}

impl Validate for TalkRecordInput {
    fn validate(&self) -> Vec<FieldError> {
        let r = &self.record;
        let mut out = Vec::new();
        for (field, value) in [
            ("competence", &r.competence),
            ("assignment", &r.assignment),
            ("health", &r.health),
            ("collaboration", &r.collaboration),
            ("agreements", &r.agreements),
            ("follow_up", &r.follow_up),
        ] {
            check_long(field, value, &mut out);
        }
        if let Some(on) = &r.follow_up_on
            && Date::parse(on).is_none()
        {
            out.push(FieldError::new("follow_up_on", Msg::DateInvalid));
        }
        out
    }
}

/// `PUT /api/v1/goal-conversations/{id}/preparation`: the caller's preparation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkPreparationInput {
    pub text: String,
    #[serde(default)]
    pub shared: bool,
    /// The version it was written against; 0 for the first.
    pub version: i64,
}

impl Validate for TalkPreparationInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        check_long("text", &self.text, &mut out);
        out
    }
}

/// `PUT /api/v1/goal-conversations/{id}/held`: the caller's mark that it was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldInput {
    pub held: bool,
}

/// `POST /api/v1/goal-conversations/slots`: times from `start` to `end` on `on`, each
/// `minutes` long, back to back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotOffer {
    #[serde(default)]
    pub year: Option<SchoolYearId>,
    pub on: String,
    pub start: String,
    pub end: String,
    pub minutes: u32,
    #[serde(default)]
    pub place: String,
}

impl SlotOffer {
    /// The times the offer makes, as minutes after midnight (start, end); the field
    /// that is wrong otherwise.
    pub fn times(&self) -> Result<Vec<(u32, u32)>, Vec<FieldError>> {
        let mut out = Vec::new();
        let on = Date::parse(&self.on);
        if on.is_none() {
            out.push(FieldError::new("on", Msg::DateInvalid));
        }
        let start = parse_time(&self.start);
        let end = parse_time(&self.end);
        if start.is_none() {
            out.push(FieldError::new("start", Msg::TimeInvalid));
        }
        match (start, end) {
            (_, None) => out.push(FieldError::new("end", Msg::TimeInvalid)),
            (Some(s), Some(e)) if e <= s => {
                out.push(FieldError::new("end", Msg::MeetingEndBeforeStart))
            }
            _ => {}
        }
        if !SLOT_MINUTES.contains(&self.minutes) {
            out.push(FieldError::new("minutes", Msg::TalkMinutesInvalid));
        }
        let place_ok = self.place.chars().count() <= MAX_PLACE_CHARS
            && crate::text::check_text(&self.place, false).is_ok();
        if !place_ok {
            out.push(FieldError::new("place", Msg::TalkPlaceInvalid));
        }
        let (Some(on), Some(start), Some(end), true) = (on, start, end, out.is_empty()) else {
            return Err(out);
        };
        let mut times = Vec::new();
        let mut at = start;
        while at + self.minutes <= end {
            times.push((at, at + self.minutes));
            at += self.minutes;
        }
        if times.is_empty() {
            return Err(vec![FieldError::new("end", Msg::TalkMinutesInvalid)]);
        }
        if times.len() > MAX_SLOTS_PER_OFFER {
            return Err(vec![FieldError::new("end", Msg::TalkTooManySlots)]);
        }
        for &(s, _) in &times {
            if let Err(m) = check_local_time(on, s) {
                return Err(vec![FieldError::new("start", m)]);
            }
        }
        Ok(times)
    }
}

/// Minutes after midnight as `HH:MM`.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A booked conversation as a calendar event for one of its parties, `other` being
/// the other party's name.
pub fn talk_event(
    slot: TalkSlotId,
    version: i64,
    time: &TalkTime,
    other: &str,
    lang: Lang,
) -> Option<ical::Event> {
    let day = Date::parse(&time.on)?;
    let summary = match lang {
        Lang::Sv => format!("Målsamtal med {other}"),
        Lang::En => format!("Goal conversation with {other}"),
    };
    Some(ical::Event {
        uid: format!("talk-slot-{}@kollegium", slot.0),
        sequence: version - 1,
        summary,
        description: time.place.clone(),
        first: day,
        last: day,
        start_minutes: parse_time(&time.start),
        end_minutes: parse_time(&time.end),
        url: Some("/malsamtal".to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(start: &str, end: &str, minutes: u32) -> SlotOffer {
        SlotOffer {
            year: None,
            on: "2026-09-15".into(),
            start: start.into(),
            end: end.into(),
            minutes,
            place: "Rektors rum".into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<&'static str> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn an_offer_makes_back_to_back_times_that_fit() {
        assert_eq!(
            offer("13:00", "14:40", 30).times().expect("times"),
            vec![(780, 810), (810, 840), (840, 870)]
        );
        assert_eq!(
            offer("08:00", "08:45", 45).times().expect("times"),
            vec![(480, 525)]
        );
    }

    #[test]
    fn an_offer_names_the_field_that_is_wrong() {
        assert_eq!(
            fields(offer("14:00", "13:00", 30).times().expect_err("refused")),
            ["end"]
        );
        assert_eq!(
            fields(offer("13:00", "13:20", 30).times().expect_err("refused")),
            ["end"]
        );
        assert_eq!(
            fields(offer("1300", "14:00", 30).times().expect_err("refused")),
            ["start"]
        );
        assert_eq!(
            fields(offer("08:00", "16:00", 5).times().expect_err("refused")),
            ["minutes"]
        );
        assert_eq!(
            fields(offer("08:00", "22:00", 10).times().expect_err("refused")),
            ["end"]
        );
        let mut bad = offer("08:00", "09:00", 30);
        bad.on = "2026-02-30".into();
        bad.place = "rum\n2".into();
        assert_eq!(fields(bad.times().expect_err("refused")), ["on", "place"]);
    }

    #[test]
    fn an_offer_in_the_hour_the_clocks_skip_is_refused() {
        let mut o = offer("02:00", "03:00", 30);
        o.on = "2027-03-28".into();
        assert_eq!(fields(o.times().expect_err("refused")), ["start"]);
    }

    #[test]
    fn a_day_is_within_a_period_inclusive() {
        let periods = [TalkPeriod {
            title: "Målsamtal".into(),
            starts_on: "2026-09-14".into(),
            ends_on: "2026-10-16".into(),
        }];
        let d = |s| Date::parse(s).expect("date");
        assert!(within_periods(d("2026-09-14"), &periods));
        assert!(within_periods(d("2026-10-16"), &periods));
        assert!(!within_periods(d("2026-10-17"), &periods));
        assert!(!within_periods(d("2026-09-13"), &[]));
    }

    #[test]
    fn held_needs_both_parties() {
        assert_eq!(TalkState::of(true, true, true), TalkState::Held);
        assert_eq!(TalkState::of(false, true, true), TalkState::Held);
        assert_eq!(TalkState::of(true, true, false), TalkState::Booked);
        assert_eq!(TalkState::of(false, false, true), TalkState::NotBooked);
    }

    #[test]
    fn progress_counts_each_state() {
        let line = |state| TalkLine {
            kind: TalkKind::Teacher,
            with: PersonRef {
                id: PersonId(1),
                name: "A".into(),
            },
            school: SchoolRef {
                id: crate::ids::SchoolId(1),
                name: "S".into(),
            },
            talk: None,
            time: None,
            state,
        };
        let p = TalkProgress::of(&[
            line(TalkState::Held),
            line(TalkState::Held),
            line(TalkState::Booked),
            line(TalkState::NotBooked),
        ]);
        assert_eq!((p.held, p.booked, p.total, p.not_booked()), (2, 1, 4, 1));
        let other = TalkProgress {
            held: 1,
            booked: 0,
            total: 3,
        };
        let all = TalkProgress::sum([&p, &other]);
        assert_eq!(
            (all.held, all.booked, all.total, all.not_booked()),
            (3, 1, 7, 3)
        );
    }

    #[test]
    fn the_record_names_each_bad_field() {
        let input = TalkRecordInput {
            record: TalkRecord {
                health: "x".repeat(MAX_TEXT_CHARS + 1),
                follow_up_on: Some("våren".into()),
                ..TalkRecord::default()
            },
            version: 1,
        };
        assert_eq!(fields(input.validate()), ["health", "follow_up_on"]);
        assert!(TalkRecordInput::default().validate().is_empty());
    }

    #[test]
    fn a_booked_talk_is_an_event_in_swedish_time() {
        let time = TalkTime {
            on: "2026-09-15".into(),
            start: "13:30".into(),
            end: "14:15".into(),
            place: "Rum 2".into(),
        };
        let e = talk_event(TalkSlotId(7), 3, &time, "Eva Lind", Lang::Sv).expect("event");
        assert_eq!(e.uid, "talk-slot-7@kollegium");
        assert_eq!(e.sequence, 2);
        assert_eq!(e.summary, "Målsamtal med Eva Lind");
        assert_eq!((e.start_minutes, e.end_minutes), (Some(810), Some(855)));
    }
}
