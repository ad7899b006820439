//! Who may do what with networks. Everyone in the municipality reads the networks, their
//! approved examples, the digital tools and the schools' ICT groups; the ICT strategist
//! leads them all (reviews examples, keeps the tools list, names any school's ICT
//! group); a school's principal names its own ICT group; the group's members write its
//! notes.

use crate::org::Role;

/// One who leads the networks: the ICT strategist (and an administrator standing in).
pub fn leads_networks(roles: &[Role]) -> bool {
    roles.contains(&Role::IktStrateg) || roles.contains(&Role::Admin)
}

/// Submitting good examples to a network: its members, and those who lead networks.
pub fn may_submit_example(roles: &[Role], member: bool) -> bool {
    member || leads_networks(roles)
}

/// Approving or declining a network's good examples.
pub fn may_review_examples(roles: &[Role]) -> bool {
    leads_networks(roles)
}

/// Adding, changing and removing the municipality's digital tools.
pub fn may_edit_tools(roles: &[Role]) -> bool {
    leads_networks(roles)
}

/// Naming a school's ICT group: the ICT strategist, or a principal of that school.
pub fn may_edit_ict_group(roles: &[Role], principal_here: bool) -> bool {
    leads_networks(roles) || (principal_here && roles.contains(&Role::Rektor))
}

/// Writing the ICT group's notes: its members, and those who name it.
pub fn may_write_ict_notes(roles: &[Role], in_group: bool, principal_here: bool) -> bool {
    in_group || may_edit_ict_group(roles, principal_here)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ict_strategist_leads_and_members_submit() {
        let teacher = [Role::Larare];
        assert!(!may_submit_example(&teacher, false));
        assert!(may_submit_example(&teacher, true));
        assert!(may_submit_example(&[Role::IktStrateg], false));
        assert!(!may_review_examples(&teacher));
        assert!(!may_review_examples(&[Role::Styrgrupp]));
        assert!(may_review_examples(&[Role::IktStrateg]));
        assert!(!may_edit_tools(&[Role::Rektor]));
        assert!(may_edit_tools(&[Role::Admin]));
    }

    #[test]
    fn a_principal_names_only_their_own_schools_ict_group() {
        assert!(may_edit_ict_group(&[Role::Rektor], true));
        assert!(!may_edit_ict_group(&[Role::Rektor], false));
        // Working at the school is not enough without the principal's role.
        assert!(!may_edit_ict_group(&[Role::Larare], true));
        assert!(may_edit_ict_group(&[Role::IktStrateg], false));
        // A member of the group writes its notes but does not name its members.
        assert!(may_write_ict_notes(&[Role::Larare], true, false));
        assert!(!may_write_ict_notes(&[Role::Larare], false, true));
    }
}
