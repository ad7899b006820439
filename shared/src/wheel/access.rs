//! Who may do what with the årshjul: everyone in the municipality reads it; the
//! steering group and administrators change it.

use crate::org::Role;
use crate::org::access::steers;

/// Rings, activities, copying to a later year, the history and the public feed.
pub fn may_edit_wheel(roles: &[Role]) -> bool {
    steers(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_steering_group_and_administrators_edit() {
        assert!(may_edit_wheel(&[Role::Styrgrupp]));
        assert!(may_edit_wheel(&[Role::Admin]));
        assert!(!may_edit_wheel(&[
            Role::Rektor,
            Role::Larare,
            Role::IktStrateg,
            Role::Forskare
        ]));
    }
}
