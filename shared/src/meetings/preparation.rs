//! What members go through before a meeting: a collection from the library and single
//! items (the researcher's film, an article), and the preparation task. Each member
//! ticks it as done; the group's leaders see how many have.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::ids::{CollectionId, ItemId, MeetingId};
use crate::library::{ItemRef, check_linked_items};
use crate::validation::{FieldError, Validate};

/// A collection as a meeting's preparation lists it, with its items in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrepCollection {
    pub id: CollectionId,
    pub title: String,
    pub note: String,
    pub items: Vec<ItemRef>,
}

/// A meeting's preparation: `GET /api/v1/meetings/{id}/preparation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preparation {
    pub meeting_id: MeetingId,
    pub task: String,
    pub collection: Option<PrepCollection>,
    pub items: Vec<ItemRef>,
    /// Whether the caller has ticked it as done.
    pub done: bool,
    /// How many members have ticked it, for the group's leaders, the steering group,
    /// administrators and principals; `None` for others.
    pub prepared: Option<u32>,
    /// The group's active members.
    pub members: u32,
    /// The meeting's version (changing the preparation changes the meeting).
    pub version: i64,
}

impl Preparation {
    /// Whether there is anything to prepare.
    pub fn is_empty(&self) -> bool {
        self.task.trim().is_empty() && self.collection.is_none() && self.items.is_empty()
    }
}

/// A leader sets the preparation: `PUT /api/v1/meetings/{id}/preparation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreparationInput {
    pub task: String,
    pub collection_id: Option<CollectionId>,
    #[serde(default)]
    pub item_ids: Vec<ItemId>,
    /// The meeting's version the change was based on.
    pub version: i64,
}

impl Validate for PreparationInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.task.chars().count() > 2000 {
            out.push(FieldError::new("task", Msg::TextTooLong));
        }
        if let Err(msg) = check_linked_items(&self.item_ids) {
            out.push(FieldError::new("item_ids", msg));
        }
        out
    }
}

/// A member ticks the preparation: `PUT /api/v1/meetings/{id}/prepared`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreparedInput {
    pub done: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preparation_items_are_distinct_and_few() {
        let mut input = PreparationInput {
            task: "Se filmen.".into(),
            collection_id: None,
            item_ids: vec![ItemId(1), ItemId(2)],
            version: 1,
        };
        assert!(input.validate().is_empty());
        input.item_ids.push(ItemId(1));
        assert_eq!(input.validate()[0].field, "item_ids");
        input.item_ids = (1..=21).map(ItemId).collect();
        assert_eq!(input.validate()[0].field, "item_ids");
        input.item_ids.clear();
        input.task = "x".repeat(2001);
        assert_eq!(input.validate()[0].field, "task");
    }

    #[test]
    fn a_preparation_with_only_whitespace_is_empty() {
        let p = Preparation {
            meeting_id: MeetingId(1),
            task: "  ".into(),
            collection: None,
            items: Vec::new(),
            done: false,
            prepared: None,
            members: 5,
            version: 1,
        };
        assert!(p.is_empty());
    }
}
