//! Whose figures a person follows up. The steering group and administrators see the
//! whole municipality; a principal (and a head of operations) their schools' teachers
//! and the groups those teachers are in; a group's leaders their groups; everyone their
//! own figures. Attendance is
//! only ever counted here, never named.

use super::Scope;
use crate::org::Role;
use crate::org::access::steers;

/// The scope of someone with `roles` who leads `leads_groups` groups.
pub fn scope(roles: &[Role], leads_groups: bool) -> Scope {
    if steers(roles) {
        Scope::Municipality
    } else if roles.contains(&Role::Rektor) || roles.contains(&Role::Verksamhetschef) {
        Scope::Schools
    } else if leads_groups {
        Scope::Groups
    } else {
        Scope::Own
    }
}

/// The figures of groups and schools, printable and as CSV: everyone but those who
/// see only their own.
pub fn sees_groups(scope: Scope) -> bool {
    scope != Scope::Own
}

/// How many days a held meeting's protocol may take before it counts as missing.
pub fn may_set_protocol_due_days(roles: &[Role]) -> bool {
    steers(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_follows_up_its_own_part() {
        assert_eq!(scope(&[Role::Styrgrupp], false), Scope::Municipality);
        assert_eq!(scope(&[Role::Admin], false), Scope::Municipality);
        assert_eq!(scope(&[Role::Rektor, Role::Larare], true), Scope::Schools);
        assert_eq!(scope(&[Role::Verksamhetschef], false), Scope::Schools);
        assert_eq!(scope(&[Role::Larare], true), Scope::Groups);
        assert_eq!(scope(&[Role::Larare, Role::IktStrateg], false), Scope::Own);
        assert!(!sees_groups(Scope::Own));
        assert!(sees_groups(Scope::Groups));
        assert!(!may_set_protocol_due_days(&[Role::Rektor]));
        assert!(may_set_protocol_due_days(&[Role::Styrgrupp]));
    }
}
