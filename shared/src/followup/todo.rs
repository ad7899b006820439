//! "Att göra": what needs a person now, first on their start page. Each item names the
//! place it leads to; it is gone once done.

use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, ItemId, MeetingId};
use crate::meetings::Meeting;

/// What an item asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TodoKind {
    /// The person documented a held meeting whose protocol is not published.
    ProtocolOwed,
    /// Their action plan for the latest held meeting is not written.
    PlanToWrite,
    /// Their next meeting has preparation they have not ticked.
    Prepare,
    /// A meeting they lead within the next seven days.
    LeadSoon,
    /// A held meeting of a group they lead still without a protocol.
    GroupProtocolMissing,
    /// A good example they submitted came back with a comment.
    ExampleReturned,
    /// Submissions waiting for review (the ICT strategist).
    ReviewQueue,
    /// Protocols missing in the schools or municipality they follow up.
    ProtocolsMissing,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TodoItem {
    pub kind: TodoKind,
    pub meeting_id: Option<MeetingId>,
    pub group_id: Option<GroupId>,
    pub item_id: Option<ItemId>,
    /// The group's name or the material's title.
    pub title: String,
    /// The meeting's day, `YYYY-MM-DD`.
    pub on: Option<String>,
    /// How many, for the items that count (review queue, missing protocols).
    pub count: Option<i64>,
}

/// `GET /api/v1/follow-up/todo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Todo {
    pub items: Vec<TodoItem>,
    /// The next meeting of the person's own learning group, else of any of their groups.
    pub next_meeting: Option<Meeting>,
}

/// The order items are shown in: what others wait for first (a protocol), then what
/// is the person's own, then what is coming; within a kind, the oldest first.
pub fn sort(items: &mut [TodoItem]) {
    items.sort_by(|a, b| (a.kind, &a.on, &a.title).cmp(&(b.kind, &b.on, &b.title)));
}

/// The next meeting of the person's learning group if it has one ahead, else the
/// earliest ahead of all their groups. `meetings` are in time order, each with whether
/// it is of a learning group.
pub fn next_meeting(meetings: &[(Meeting, bool)]) -> Option<Meeting> {
    let ahead = || meetings.iter().filter(|(m, _)| m.state.is_ahead());
    ahead()
        .find(|(_, learning)| *learning)
        .or_else(|| ahead().next())
        .map(|(m, _)| m.clone())
}
