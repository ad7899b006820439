//! Who may do what with projects. Everyone in the municipality reads the list and a
//! project's description; the process log is for those in the project and the steering
//! group; what is shown to the public is the process leader's (or the steering group's)
//! to clear.

use crate::org::Role;

/// One's place in a project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// The process leader, who created it.
    pub leader: bool,
    /// A member of its project group.
    pub member: bool,
}

fn steers(roles: &[Role]) -> bool {
    roles.contains(&Role::Styrgrupp) || roles.contains(&Role::Admin)
}

/// Starting a project: researchers and process leaders, the steering group,
/// administrators.
pub fn may_create_project(roles: &[Role]) -> bool {
    roles.contains(&Role::Forskare) || steers(roles)
}

/// Changing the project's description, partners and showcase, and clearing entries for
/// publishing.
pub fn may_edit_project(roles: &[Role], standing: Standing) -> bool {
    standing.leader || steers(roles)
}

/// Reading the process log (which may name pupils).
pub fn may_read_log(roles: &[Role], standing: Standing) -> bool {
    standing.leader || standing.member || steers(roles)
}

/// Writing in the process log: those who work in the project.
pub fn may_write_log(_roles: &[Role], standing: Standing) -> bool {
    standing.leader || standing.member
}

/// Changing an entry: its author, or whoever edits the project.
pub fn may_change_entry(roles: &[Role], standing: Standing, author: bool) -> bool {
    (author && may_write_log(roles, standing)) || may_edit_project(roles, standing)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Standing = Standing {
        leader: false,
        member: false,
    };
    const MEMBER: Standing = Standing {
        leader: false,
        member: true,
    };
    const LEADER: Standing = Standing {
        leader: true,
        member: false,
    };

    #[test]
    fn the_process_leader_clears_and_members_write() {
        let teacher = [Role::Larare];
        assert!(!may_create_project(&teacher));
        assert!(may_create_project(&[Role::Forskare]));
        assert!(may_create_project(&[Role::Styrgrupp]));
        // A participant writes but does not clear.
        assert!(may_write_log(&teacher, MEMBER));
        assert!(!may_edit_project(&teacher, MEMBER));
        assert!(may_edit_project(&[Role::Forskare], LEADER));
        // A researcher who does not lead this project reads neither its log nor edits.
        assert!(!may_read_log(&[Role::Forskare], NONE));
        assert!(!may_edit_project(&[Role::Forskare], NONE));
        // The steering group reads and clears, but writes only when in the project.
        assert!(may_read_log(&[Role::Styrgrupp], NONE));
        assert!(!may_write_log(&[Role::Styrgrupp], NONE));
        assert!(may_change_entry(&teacher, MEMBER, true));
        assert!(!may_change_entry(&teacher, MEMBER, false));
        assert!(!may_change_entry(&teacher, NONE, true));
    }
}
