//! What a meeting's record says happened, as people read it: still to come, going on,
//! held, not held, held with its protocol overdue, or done with the protocol out. The
//! stored status only moves when someone acts (starts, finishes, publishes); the state
//! also reads the calendar, so a day that passed with nothing done shows as such.

use serde::{Deserialize, Serialize};

use super::MeetingStatus;
use crate::date::Date;
use crate::i18n::Lang;

/// How many days after a held meeting its protocol counts as missing, unless the
/// municipality sets another number.
pub const DEFAULT_PROTOCOL_DUE_DAYS: i64 = 2;

/// The most days a municipality may allow before a protocol counts as missing.
pub const MAX_PROTOCOL_DUE_DAYS: i64 = 60;

/// Where a meeting stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingState {
    /// Still to come.
    Planned,
    /// Started and not yet finished, on its day.
    InProgress,
    /// Held: finished live, attendance taken or the protocol published; the protocol
    /// is not yet due.
    Held,
    /// Its day passed and nothing shows it was held ("Ej genomförd").
    NotHeld,
    /// Held, and the protocol is not published although it was due.
    ProtocolMissing,
    /// Held and its protocol published.
    ProtocolPublished,
}

impl MeetingState {
    pub const ALL: [MeetingState; 6] = [
        MeetingState::Planned,
        MeetingState::InProgress,
        MeetingState::Held,
        MeetingState::NotHeld,
        MeetingState::ProtocolMissing,
        MeetingState::ProtocolPublished,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingState::Planned => "planned",
            MeetingState::InProgress => "in_progress",
            MeetingState::Held => "held",
            MeetingState::NotHeld => "not_held",
            MeetingState::ProtocolMissing => "protocol_missing",
            MeetingState::ProtocolPublished => "protocol_published",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MeetingState::Planned, Lang::Sv) => "Planerad",
            (MeetingState::Planned, Lang::En) => "Planned",
            (MeetingState::InProgress, Lang::Sv) => "Pågår",
            (MeetingState::InProgress, Lang::En) => "In progress",
            (MeetingState::Held, Lang::Sv) => "Genomförd",
            (MeetingState::Held, Lang::En) => "Held",
            (MeetingState::NotHeld, Lang::Sv) => "Ej genomförd",
            (MeetingState::NotHeld, Lang::En) => "Not held",
            (MeetingState::ProtocolMissing, Lang::Sv) => "Protokoll saknas",
            (MeetingState::ProtocolMissing, Lang::En) => "Protocol missing",
            (MeetingState::ProtocolPublished, Lang::Sv) => "Protokoll publicerat",
            (MeetingState::ProtocolPublished, Lang::En) => "Protocol published",
        }
    }

    /// Whether the meeting took place (whatever became of its protocol).
    pub fn was_held(self) -> bool {
        matches!(
            self,
            MeetingState::Held | MeetingState::ProtocolMissing | MeetingState::ProtocolPublished
        )
    }

    /// Whether it is still to come or going on.
    pub fn is_ahead(self) -> bool {
        matches!(self, MeetingState::Planned | MeetingState::InProgress)
    }

    /// Whether the meeting still waits for its protocol (held, not yet published).
    pub fn awaits_protocol(self) -> bool {
        matches!(self, MeetingState::Held | MeetingState::ProtocolMissing)
    }
}

/// What the record of one meeting holds, for [`MeetingFacts::state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingFacts<'a> {
    pub status: MeetingStatus,
    /// `YYYY-MM-DD`.
    pub starts_on: &'a str,
    /// Whether anyone's attendance was marked.
    pub attendance_taken: bool,
}

impl MeetingFacts<'_> {
    /// The state on `today` (`YYYY-MM-DD`), a protocol being due `due_days` after the
    /// meeting's day. A meeting started and left running past its day counts as held:
    /// it took place, nobody pressed "Avsluta".
    pub fn state(&self, today: &str, due_days: i64) -> MeetingState {
        let past = self.starts_on < today;
        let held = match self.status {
            MeetingStatus::ProtokollPublicerat => return MeetingState::ProtocolPublished,
            MeetingStatus::Genomford => true,
            MeetingStatus::Pagar if !past => return MeetingState::InProgress,
            MeetingStatus::Pagar => true,
            MeetingStatus::Planerad => self.attendance_taken,
        };
        if held {
            if today > protocol_due_on(self.starts_on, due_days).as_str() {
                MeetingState::ProtocolMissing
            } else {
                MeetingState::Held
            }
        } else if past {
            MeetingState::NotHeld
        } else {
            MeetingState::Planned
        }
    }
}

/// The last day a held meeting's protocol may still come without counting as missing:
/// `due_days` after the meeting's day (a day that does not read is its own due day).
pub fn protocol_due_on(starts_on: &str, due_days: i64) -> String {
    match Date::parse(starts_on) {
        Some(d) => d
            .add_days(due_days.clamp(0, MAX_PROTOCOL_DUE_DAYS))
            .to_string(),
        None => starts_on.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: MeetingStatus, on: &str, marked: bool, today: &str) -> MeetingState {
        MeetingFacts {
            status,
            starts_on: on,
            attendance_taken: marked,
        }
        .state(today, DEFAULT_PROTOCOL_DUE_DAYS)
    }

    #[test]
    fn a_day_that_passed_with_nothing_done_was_not_held() {
        use MeetingStatus::*;
        assert_eq!(
            state(Planerad, "2026-12-02", false, "2026-12-01"),
            MeetingState::Planned
        );
        assert_eq!(
            state(Planerad, "2026-12-01", false, "2026-12-01"),
            MeetingState::Planned
        );
        assert_eq!(
            state(Planerad, "2026-11-30", false, "2026-12-01"),
            MeetingState::NotHeld
        );
        // Attendance alone shows it was held.
        assert_eq!(
            state(Planerad, "2026-11-30", true, "2026-12-01"),
            MeetingState::Held
        );
    }

    #[test]
    fn a_held_meeting_owes_its_protocol_after_the_due_days() {
        use MeetingStatus::*;
        assert_eq!(
            state(Genomford, "2026-11-28", false, "2026-11-30"),
            MeetingState::Held
        );
        assert_eq!(
            state(Genomford, "2026-11-28", false, "2026-12-01"),
            MeetingState::ProtocolMissing
        );
        assert_eq!(
            state(ProtokollPublicerat, "2026-01-10", false, "2026-12-01"),
            MeetingState::ProtocolPublished
        );
        // Across a month's and a year's end.
        assert_eq!(protocol_due_on("2026-12-30", 2), "2027-01-01");
        assert_eq!(protocol_due_on("2027-02-27", 2), "2027-03-01");
        let facts = MeetingFacts {
            status: Genomford,
            starts_on: "2026-11-20",
            attendance_taken: true,
        };
        assert_eq!(facts.state("2026-11-30", 10), MeetingState::Held);
        assert_eq!(facts.state("2026-12-01", 10), MeetingState::ProtocolMissing);
        assert_eq!(facts.state("2026-11-21", 0), MeetingState::ProtocolMissing);
    }

    #[test]
    fn a_meeting_left_running_past_its_day_was_held() {
        use MeetingStatus::*;
        assert_eq!(
            state(Pagar, "2026-12-01", true, "2026-12-01"),
            MeetingState::InProgress
        );
        assert_eq!(
            state(Pagar, "2026-11-30", false, "2026-12-01"),
            MeetingState::Held
        );
    }

    #[test]
    fn states_have_stable_codes_and_group_as_people_read_them() {
        let held: Vec<_> = MeetingState::ALL
            .into_iter()
            .filter(|s| s.was_held())
            .collect();
        assert_eq!(
            held,
            [
                MeetingState::Held,
                MeetingState::ProtocolMissing,
                MeetingState::ProtocolPublished
            ]
        );
        assert!(MeetingState::NotHeld.label(Lang::Sv) == "Ej genomförd");
        assert!(MeetingState::ProtocolMissing.awaits_protocol());
        assert!(!MeetingState::ProtocolPublished.awaits_protocol());
        let codes: std::collections::HashSet<_> = MeetingState::ALL
            .into_iter()
            .map(MeetingState::code)
            .collect();
        assert_eq!(codes.len(), MeetingState::ALL.len());
    }
}
