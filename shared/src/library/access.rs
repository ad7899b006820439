//! Who may do what in the library: curators (the ICT strategist and administrators)
//! run it, publishers' own items need no review, collectors build collections.

use super::ItemStatus;
use crate::ids::PersonId;
use crate::org::Role;
use crate::org::access::oversees;

/// The roles that publish, edit, feature and archive any item and review submissions.
const CURATORS: &[Role] = &[Role::IktStrateg, Role::Admin];
/// The roles whose own items are published at once, without review.
const PUBLISHERS: &[Role] = &[Role::IktStrateg, Role::Admin, Role::Forskare];
/// The roles that build collections.
const COLLECTORS: &[Role] = &[
    Role::IktStrateg,
    Role::Admin,
    Role::Forskare,
    Role::Styrgrupp,
];

fn holds(roles: &[Role], any_of: &[Role]) -> bool {
    roles.iter().any(|r| any_of.contains(r))
}

/// Curators: review submissions, change any item, feature, archive, import and export.
pub fn curates(roles: &[Role]) -> bool {
    holds(roles, CURATORS)
}

/// Whether one's own items are published at once (and may be of any kind).
pub fn publishes(roles: &[Role]) -> bool {
    holds(roles, PUBLISHERS)
}

/// Whether one builds collections.
pub fn collects(roles: &[Role]) -> bool {
    holds(roles, COLLECTORS)
}

/// Who may change a collection: curators, and its owner while a collector.
pub fn may_change_collection(roles: &[Role], me: PersonId, owner: PersonId) -> bool {
    curates(roles) || (me == owner && collects(roles))
}

/// Whether an item's "used in meetings" lists every meeting, or only the caller's own
/// groups' (the same rule as opening a meeting).
pub fn sees_every_meeting_use(roles: &[Role]) -> bool {
    oversees(roles)
}

/// Who may change an item in its current state: curators always; the author while it
/// is theirs to work on (submitted, returned), or always when the author publishes.
pub fn may_edit(roles: &[Role], me: PersonId, author: PersonId, status: ItemStatus) -> bool {
    if curates(roles) {
        return true;
    }
    if me != author {
        return false;
    }
    match status {
        ItemStatus::Submitted | ItemStatus::Returned => true,
        ItemStatus::Published | ItemStatus::Archived => publishes(roles),
        ItemStatus::Rejected => false,
    }
}

/// Who may see an item: everyone when published; otherwise its author and curators.
pub fn may_see(roles: &[Role], me: PersonId, author: PersonId, status: ItemStatus) -> bool {
    status == ItemStatus::Published || me == author || curates(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_are_changed_by_their_collecting_owner_and_curators() {
        let (me, other) = (PersonId(1), PersonId(2));
        assert!(may_change_collection(&[Role::Styrgrupp], me, me));
        assert!(!may_change_collection(&[Role::Styrgrupp], me, other));
        assert!(!may_change_collection(&[Role::Larare], me, me));
        assert!(may_change_collection(&[Role::IktStrateg], me, other));
        assert!(sees_every_meeting_use(&[Role::Rektor]));
        assert!(!sees_every_meeting_use(&[Role::IktStrateg]));
    }
}
