//! Who may do what with groups and rosters.

use crate::org::Role;
use crate::org::access::{oversees, steers};

/// School years, groups, members, leaders, formation: the steering group and
/// administrators.
pub fn may_edit_groups(roles: &[Role]) -> bool {
    steers(roles)
}

/// The year's whole roster, with every member's e-mail address, and its export: the
/// steering group and administrators (the roster page is theirs).
pub fn may_read_roster(roles: &[Role]) -> bool {
    steers(roles)
}

/// A school's roster (names, subjects, groups; no e-mail addresses): those who follow
/// up (a principal only for their own school, see [`sees_every_school`]).
pub fn may_read_school_rosters(roles: &[Role]) -> bool {
    oversees(roles)
}

/// The e-mail addresses of a group's members: its own members, the steering group and
/// administrators. Everyone else in the municipality reads a group's name, leaders and
/// members' names (the directory tells which groups a colleague is in, and published
/// protocols name who took part), not how to reach them.
pub fn sees_member_emails(roles: &[Role], is_member: bool) -> bool {
    is_member || steers(roles)
}

/// Whether the roster of any school may be read, not only one's own.
pub fn sees_every_school(roles: &[Role]) -> bool {
    steers(roles)
}

/// Reordering a group's documenter rotation, and recording who documented: the group's
/// leaders, the steering group and administrators.
pub fn may_run_rotation(roles: &[Role], leads_group: bool) -> bool {
    leads_group || steers(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_run_their_rotation_and_editors_everything() {
        assert!(may_run_rotation(&[Role::Larare], true));
        assert!(!may_run_rotation(&[Role::Larare], false));
        assert!(may_run_rotation(&[Role::Styrgrupp], false));
        assert!(!may_edit_groups(&[Role::Rektor]));
        assert!(may_read_school_rosters(&[Role::Rektor]));
        assert!(!sees_every_school(&[Role::Rektor]));
        assert!(!may_read_school_rosters(&[Role::Larare, Role::IktStrateg]));
        assert!(may_read_roster(&[Role::Styrgrupp]));
        for role in [Role::Rektor, Role::Larare, Role::IktStrateg, Role::Forskare] {
            assert!(!may_read_roster(&[role]), "{role:?}");
            assert!(!sees_member_emails(&[role], false), "{role:?}");
            assert!(sees_member_emails(&[role], true), "{role:?}");
        }
        assert!(sees_member_emails(&[Role::Admin], false));
    }
}
