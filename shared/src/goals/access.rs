//! Who sets, reads and follows up which goals. Municipality and school goals are read
//! by everyone in the municipality; a teacher's goals by the teacher and the principal
//! of the goal's school (the two parties of the målsamtal), everyone else sees counts.

use crate::org::Role;
use crate::org::access::steers;

/// The municipality's goals: the steering group and administrators.
pub fn may_set_municipality_goals(roles: &[Role]) -> bool {
    steers(roles)
}

/// A school's goals: its principal (`is_principal`: the school is one the caller
/// answers for as rektor).
pub fn may_set_school_goals(roles: &[Role], is_principal: bool) -> bool {
    roles.contains(&Role::Rektor) && is_principal
}

/// A teacher goal: the teacher themselves (`is_owner`), or the principal of the goal's
/// school. Reading and writing it are the same people.
pub fn may_handle_teacher_goal(roles: &[Role], is_owner: bool, is_principal: bool) -> bool {
    is_owner || may_set_school_goals(roles, is_principal)
}

/// Holding målsamtal: a principal with their teachers, a head of operations with their
/// principals (who they are is the server's to find).
pub fn may_lead_talks(roles: &[Role]) -> bool {
    roles.contains(&Role::Rektor) || roles.contains(&Role::Verksamhetschef)
}

/// The counts of målsamtal per school, never their contents: the steering group (and
/// administrators) for every school, a head of operations for theirs.
pub fn may_count_talks(roles: &[Role]) -> bool {
    steers(roles) || roles.contains(&Role::Verksamhetschef)
}

/// Importing the schools' results: the steering group, administrators and heads of
/// operations. Everyone of the municipality reads them (aggregates only).
pub fn may_import_results(roles: &[Role]) -> bool {
    steers(roles) || roles.contains(&Role::Verksamhetschef)
}

/// Carrying a year's goals to the next: each carries what they set (the steering group
/// the municipality's, a principal their schools', everyone their own).
pub fn may_carry(roles: &[Role]) -> bool {
    !roles.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_has_its_setters() {
        assert!(may_set_municipality_goals(&[Role::Styrgrupp]));
        assert!(may_set_municipality_goals(&[Role::Admin]));
        assert!(!may_set_municipality_goals(&[Role::Rektor]));
        assert!(!may_set_municipality_goals(&[Role::Verksamhetschef]));
        assert!(may_set_school_goals(&[Role::Rektor], true));
        assert!(!may_set_school_goals(&[Role::Rektor], false));
        assert!(!may_set_school_goals(&[Role::Admin, Role::Styrgrupp], true));
        assert!(may_handle_teacher_goal(&[Role::Larare], true, false));
        assert!(!may_handle_teacher_goal(&[Role::Larare], false, true));
        assert!(may_handle_teacher_goal(&[Role::Rektor], false, true));
        assert!(!may_handle_teacher_goal(
            &[Role::Admin, Role::Verksamhetschef],
            false,
            false
        ));
    }

    #[test]
    fn talks_are_led_by_principals_and_heads_and_counted_by_those_above() {
        assert!(may_lead_talks(&[Role::Rektor]));
        assert!(may_lead_talks(&[Role::Verksamhetschef]));
        assert!(!may_lead_talks(&[
            Role::Larare,
            Role::Admin,
            Role::Styrgrupp
        ]));
        assert!(may_count_talks(&[Role::Styrgrupp]));
        assert!(may_count_talks(&[Role::Verksamhetschef]));
        assert!(!may_count_talks(&[Role::Rektor, Role::Larare]));
        assert!(may_import_results(&[Role::Verksamhetschef]));
        assert!(may_import_results(&[Role::Admin]));
        assert!(!may_import_results(&[
            Role::Rektor,
            Role::Larare,
            Role::IktStrateg
        ]));
    }
}
