//! Meetings of the groups: their agendas (the 90-minute model by default), the live
//! meeting's clock, the protocol and the personal action plans.

pub mod agenda;
pub mod records;

use serde::{Deserialize, Serialize};

use crate::groups::GroupId;
use crate::i18n::Lang;
use crate::wheel::ActivityId;

pub use agenda::AgendaStep;

crate::id_type!(
    /// A meeting of a group.
    MeetingId
);

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planerad,
    Pagar,
    Genomford,
    ProtokollPublicerat,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Planerad,
        MeetingStatus::Pagar,
        MeetingStatus::Genomford,
        MeetingStatus::ProtokollPublicerat,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Planerad => "planerad",
            MeetingStatus::Pagar => "pagar",
            MeetingStatus::Genomford => "genomford",
            MeetingStatus::ProtokollPublicerat => "protokoll_publicerat",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingStatus> {
        MeetingStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MeetingStatus::Planerad, Lang::Sv) => "Planerad",
            (MeetingStatus::Planerad, Lang::En) => "Planned",
            (MeetingStatus::Pagar, Lang::Sv) => "Pågår",
            (MeetingStatus::Pagar, Lang::En) => "In progress",
            (MeetingStatus::Genomford, Lang::Sv) => "Genomförd",
            (MeetingStatus::Genomford, Lang::En) => "Held",
            (MeetingStatus::ProtokollPublicerat, Lang::Sv) => "Protokoll publicerat",
            (MeetingStatus::ProtokollPublicerat, Lang::En) => "Protocol published",
        }
    }
}

/// A meeting: `GET /api/v1/meetings/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    /// The wheel's slot the meeting follows, if any.
    pub activity_id: Option<ActivityId>,
    /// YYYY-MM-DD, and HH:MM Swedish time.
    pub starts_on: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub video_link: Option<String>,
    pub status: MeetingStatus,
    pub agenda: Vec<AgendaStep>,
    /// The question of the meeting (frågeställning), from the wheel.
    pub question: String,
    pub theme: Option<String>,
    pub version: i64,
}
