//! The documenter rotation: in a learning group the task of writing the protocol goes
//! round all members in an order the leader sets, skipping whoever is absent.

use crate::ids::PersonId;

/// Who documents next: the first person after `last` in `order` (from the start when
/// `last` is none or no longer in the group) who is not `absent`. None when the group
/// is empty or everyone is absent.
pub fn next_documenter(
    order: &[PersonId],
    last: Option<PersonId>,
    absent: &[PersonId],
) -> Option<PersonId> {
    let start = last
        .and_then(|l| order.iter().position(|p| *p == l))
        .map_or(0, |i| i + 1);
    (0..order.len())
        .map(|step| order[(start + step) % order.len()])
        .find(|p| !absent.contains(p))
}

/// Whether `proposed` holds exactly the people of `members`, each once.
pub fn is_permutation(members: &[PersonId], proposed: &[PersonId]) -> bool {
    let mut a = members.to_vec();
    let mut b = proposed.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// `order` with the person at `index` moved one step earlier (`up`) or later.
pub fn shift(order: &[PersonId], index: usize, up: bool) -> Vec<PersonId> {
    let mut out = order.to_vec();
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|&i| i < out.len())
    };
    if let Some(other) = other
        && index < out.len()
    {
        out.swap(index, other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[i64]) -> Vec<PersonId> {
        v.iter().copied().map(PersonId).collect()
    }

    #[test]
    fn the_role_goes_round_and_wraps() {
        let order = ids(&[3, 1, 2]);
        assert_eq!(next_documenter(&order, None, &[]), Some(PersonId(3)));
        assert_eq!(
            next_documenter(&order, Some(PersonId(3)), &[]),
            Some(PersonId(1))
        );
        assert_eq!(
            next_documenter(&order, Some(PersonId(2)), &[]),
            Some(PersonId(3))
        );
    }

    #[test]
    fn absent_people_are_skipped_and_keep_their_turn_for_later() {
        let order = ids(&[1, 2, 3, 4]);
        assert_eq!(
            next_documenter(&order, Some(PersonId(1)), &ids(&[2, 3])),
            Some(PersonId(4))
        );
        // Once 4 has documented, 1 is next: 2 and 3 are not jumped to the front.
        assert_eq!(
            next_documenter(&order, Some(PersonId(4)), &[]),
            Some(PersonId(1))
        );
        assert_eq!(next_documenter(&order, None, &order), None);
        assert_eq!(next_documenter(&[], None, &[]), None);
    }

    #[test]
    fn someone_who_left_the_group_restarts_the_order() {
        let order = ids(&[5, 6]);
        assert_eq!(
            next_documenter(&order, Some(PersonId(99)), &[]),
            Some(PersonId(5))
        );
    }

    #[test]
    fn a_reordering_must_keep_every_member_once() {
        let members = ids(&[1, 2, 3]);
        assert!(is_permutation(&members, &ids(&[3, 1, 2])));
        assert!(!is_permutation(&members, &ids(&[3, 1])));
        assert!(!is_permutation(&members, &ids(&[3, 1, 1])));
        assert!(!is_permutation(&members, &ids(&[3, 1, 4])));
    }

    #[test]
    fn shifting_moves_one_step_and_stops_at_the_ends() {
        let order = ids(&[1, 2, 3]);
        assert_eq!(shift(&order, 1, true), ids(&[2, 1, 3]));
        assert_eq!(shift(&order, 1, false), ids(&[1, 3, 2]));
        assert_eq!(shift(&order, 0, true), order);
        assert_eq!(shift(&order, 2, false), order);
    }
}
