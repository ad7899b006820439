//! Who may do what with groups and rosters.

use crate::org::Role;
use crate::org::access::{oversees, steers};

/// School years, groups, members, leaders, formation: the steering group and
/// administrators.
pub fn may_edit_groups(roles: &[Role]) -> bool {
    steers(roles)
}

/// A school's roster and the roster export: those who follow up (a principal only for
/// their own school, see [`sees_every_school`]).
pub fn may_read_school_rosters(roles: &[Role]) -> bool {
    oversees(roles)
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
    }
}
