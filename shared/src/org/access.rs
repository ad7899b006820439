//! Who may do what, from the roles a person holds: the base sets that every domain's
//! rules are built from, and the organisation's own. The server's handlers check these
//! and the app's menus and buttons ask the same functions, so the two cannot disagree.

use crate::org::Role;

fn holds(roles: &[Role], any_of: &[Role]) -> bool {
    roles.iter().any(|r| any_of.contains(r))
}

/// Administrators: schools, staff, subjects, the import, mail settings and the outbox.
pub fn administers(roles: &[Role]) -> bool {
    holds(roles, &[Role::Admin])
}

/// The steering group and administrators: they plan the year (wheel, groups, agenda
/// templates) for the whole municipality.
pub fn steers(roles: &[Role]) -> bool {
    holds(roles, &[Role::Admin, Role::Styrgrupp])
}

/// Those who follow the work up: the steering group, administrators and principals.
pub fn oversees(roles: &[Role]) -> bool {
    holds(roles, &[Role::Admin, Role::Styrgrupp, Role::Rektor])
}

/// Whether inactive staff are listed too (administrators, who may reactivate them).
pub fn sees_inactive_staff(roles: &[Role]) -> bool {
    administers(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_sets_nest() {
        for role in Role::ALL {
            let r = [role];
            if administers(&r) {
                assert!(steers(&r));
            }
            if steers(&r) {
                assert!(oversees(&r));
            }
        }
        assert!(steers(&[Role::Styrgrupp]) && !administers(&[Role::Styrgrupp]));
        assert!(oversees(&[Role::Rektor]) && !steers(&[Role::Rektor]));
        assert!(!oversees(&[Role::Larare, Role::Forskare, Role::IktStrateg]));
        assert!(!administers(&[]));
    }
}
