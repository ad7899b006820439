//! The documenter rotation: in a learning group the task of writing the protocol goes
//! round all members in an order the leader sets. Whoever is passed over because they
//! are absent is owed a turn and comes first at the next meeting they attend; the
//! rotation itself goes on from where it was, so nobody takes two turns in a row for
//! someone else's absence.

use crate::ids::PersonId;

/// Where a group's rotation stands: the last to document in turn, and who is owed a
/// turn (passed over while absent), in the order they were passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    pub last: Option<PersonId>,
    pub owed: Vec<PersonId>,
}

impl Standing {
    /// The order in which members of `order` are asked to document: those owed a turn
    /// first, then the rotation from the one after `last` (from the start when `last`
    /// is none or no longer in the group). Each member once; former members are left out.
    pub fn queue(&self, order: &[PersonId]) -> Vec<PersonId> {
        let mut queue: Vec<PersonId> = Vec::with_capacity(order.len());
        for p in &self.owed {
            if order.contains(p) && !queue.contains(p) {
                queue.push(*p);
            }
        }
        let start = self
            .last
            .and_then(|l| order.iter().position(|p| *p == l))
            .map_or(0, |i| i + 1);
        for step in 0..order.len() {
            let p = order[(start + step) % order.len()];
            if !queue.contains(&p) {
                queue.push(p);
            }
        }
        queue
    }

    /// Who documents next: the first in the queue who is not `absent`. None when the
    /// group is empty or everyone is absent.
    pub fn next(&self, order: &[PersonId], absent: &[PersonId]) -> Option<PersonId> {
        self.queue(order).into_iter().find(|p| !absent.contains(p))
    }

    /// The standing after a meeting that `documenter` documented with `absent` away.
    /// Those asked before the rotation's pick and absent are owed a turn; the rotation
    /// moves past them, and past the pick when the pick documented. Someone documenting
    /// in place of a present pick does an extra turn: the pick stays next.
    pub fn after_meeting(
        &self,
        order: &[PersonId],
        documenter: PersonId,
        absent: &[PersonId],
    ) -> Standing {
        let queue = self.queue(order);
        let was_owed = |p: &PersonId| self.owed.contains(p) && order.contains(p);
        let pick = queue.iter().position(|p| !absent.contains(p));
        let passed = pick.unwrap_or(queue.len());
        let mut owed: Vec<PersonId> = queue.iter().copied().filter(|p| was_owed(p)).collect();
        let mut last = self.last;
        for p in &queue[..passed] {
            if !was_owed(p) {
                owed.push(*p);
                last = Some(*p);
            }
        }
        if let Some(i) = pick
            && queue[i] == documenter
            && !was_owed(&documenter)
        {
            last = Some(documenter);
        }
        owed.retain(|p| *p != documenter);
        Standing { last, owed }
    }

    /// The standing once `person` is recorded by hand as having documented: one owed
    /// a turn has had it (the rotation stays where it was); anyone else is the last in
    /// turn, so the rotation goes on after them.
    pub fn recorded(&self, person: PersonId) -> Standing {
        if self.owed.contains(&person) {
            Standing {
                last: self.last,
                owed: self.owed.iter().copied().filter(|p| *p != person).collect(),
            }
        } else {
            Standing {
                last: Some(person),
                owed: self.owed.clone(),
            }
        }
    }
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

    fn at(last: Option<i64>, owed: &[i64]) -> Standing {
        Standing {
            last: last.map(PersonId),
            owed: ids(owed),
        }
    }

    #[test]
    fn the_role_goes_round_and_wraps() {
        let order = ids(&[3, 1, 2]);
        assert_eq!(at(None, &[]).next(&order, &[]), Some(PersonId(3)));
        assert_eq!(at(Some(3), &[]).next(&order, &[]), Some(PersonId(1)));
        assert_eq!(at(Some(2), &[]).next(&order, &[]), Some(PersonId(3)));
        let after = at(Some(2), &[]).after_meeting(&order, PersonId(3), &[]);
        assert_eq!(after, at(Some(3), &[]));
    }

    #[test]
    fn someone_passed_over_while_absent_is_first_at_the_next_meeting() {
        let order = ids(&[1, 2, 3, 4]);
        let before = at(Some(1), &[]);
        // 2 is away: 3 documents, and 2 is owed a turn.
        assert_eq!(before.next(&order, &ids(&[2])), Some(PersonId(3)));
        let after = before.after_meeting(&order, PersonId(3), &ids(&[2]));
        assert_eq!(after, at(Some(3), &[2]));
        // Back again, 2 comes first; then the rotation goes on with 4, not 3 again.
        assert_eq!(after.next(&order, &[]), Some(PersonId(2)));
        let paid = after.after_meeting(&order, PersonId(2), &[]);
        assert_eq!(paid, at(Some(3), &[]));
        assert_eq!(paid.next(&order, &[]), Some(PersonId(4)));
    }

    #[test]
    fn whoever_is_owed_and_away_again_keeps_their_place_in_line() {
        let order = ids(&[1, 2, 3, 4, 5]);
        let owed = at(Some(3), &[2]);
        // 2 away again and 4 away too: 5 documents; 2 stays first, 4 after.
        assert_eq!(owed.next(&order, &ids(&[2, 4])), Some(PersonId(5)));
        let after = owed.after_meeting(&order, PersonId(5), &ids(&[2, 4]));
        assert_eq!(after, at(Some(5), &[2, 4]));
        assert_eq!(after.queue(&order), ids(&[2, 4, 1, 3, 5]));
    }

    #[test]
    fn documenting_for_a_present_pick_is_an_extra_turn() {
        let order = ids(&[1, 2, 3, 4]);
        // 2 is next and present, but 4 documents: 2 stays next.
        let after = at(Some(1), &[]).after_meeting(&order, PersonId(4), &[]);
        assert_eq!(after, at(Some(1), &[]));
        // 2 away and 4 documents instead of 3: 2 is owed, 3 stays next after that.
        let after = at(Some(1), &[]).after_meeting(&order, PersonId(4), &ids(&[2]));
        assert_eq!(after, at(Some(2), &[2]));
        assert_eq!(after.queue(&order), ids(&[2, 3, 4, 1]));
    }

    #[test]
    fn a_turn_recorded_by_hand_pays_what_is_owed_or_moves_the_rotation() {
        let order = ids(&[1, 2, 3, 4]);
        let owed = at(Some(3), &[2]);
        assert_eq!(owed.recorded(PersonId(2)), at(Some(3), &[]));
        assert_eq!(owed.recorded(PersonId(4)), at(Some(4), &[2]));
        assert_eq!(
            owed.recorded(PersonId(4)).next(&order, &[]),
            Some(PersonId(2))
        );
    }

    #[test]
    fn everyone_away_or_an_empty_group_has_no_documenter() {
        let order = ids(&[1, 2]);
        assert_eq!(at(None, &[]).next(&order, &order), None);
        assert_eq!(at(None, &[]).next(&[], &[]), None);
    }

    #[test]
    fn people_who_left_the_group_are_neither_asked_nor_owed() {
        let order = ids(&[5, 6]);
        assert_eq!(at(Some(99), &[]).next(&order, &[]), Some(PersonId(5)));
        let owed = at(Some(5), &[98, 6]);
        assert_eq!(owed.queue(&order), ids(&[6, 5]));
        assert_eq!(
            owed.after_meeting(&order, PersonId(6), &[]),
            at(Some(5), &[])
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
