//! Who may do what with meetings, protocols and plans. A person's standing in the
//! meeting's group (member, leader, documenter of the day) is found by the caller; the
//! rules here combine it with their roles.

use crate::org::Role;
use crate::org::access::{administers, oversees, steers};

/// Every group's meetings at once (`/meetings?all=true`).
pub fn may_list_every_meeting(roles: &[Role]) -> bool {
    steers(roles)
}

/// Opening any meeting of the municipality, not only one's own groups': those who follow
/// up, who see counts of plans and preparation, never the plans.
pub fn sees_every_meeting(roles: &[Role]) -> bool {
    oversees(roles)
}

/// Leading a meeting: its place, agenda, question, preparation, documenter, the live
/// meeting and attendance; adding and removing a group's own meetings.
pub fn may_lead(roles: &[Role], leads_group: bool) -> bool {
    leads_group || steers(roles)
}

/// Writing the protocol: a leader of the group or the documenter of the day.
pub fn writes_protocol(leads_group: bool, documents_today: bool) -> bool {
    leads_group || documents_today
}

/// How many have prepared: the group's leaders and those who follow up.
pub fn sees_preparation_count(roles: &[Role], leads_group: bool) -> bool {
    leads_group || oversees(roles)
}

/// Who was marked present or absent, by name: the group's leaders and those who follow
/// up (the steering group, administrators, principals); a member sees their own.
pub fn sees_named_attendance(roles: &[Role], leads_group: bool) -> bool {
    leads_group || oversees(roles)
}

/// Agenda templates and the default one.
pub fn may_edit_templates(roles: &[Role]) -> bool {
    steers(roles)
}

/// The protocols' extra recipients and the outbox of outgoing mail.
pub fn may_manage_mail(roles: &[Role]) -> bool {
    administers(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leader_leads_and_a_principal_follows_up() {
        assert!(may_lead(&[Role::Larare], true));
        assert!(!may_lead(&[Role::Larare, Role::Rektor], false));
        assert!(may_lead(&[Role::Styrgrupp], false));
        assert!(sees_every_meeting(&[Role::Rektor]));
        assert!(!may_list_every_meeting(&[Role::Rektor]));
        assert!(!sees_every_meeting(&[
            Role::Larare,
            Role::IktStrateg,
            Role::Forskare
        ]));
        assert!(writes_protocol(false, true) && writes_protocol(true, false));
        assert!(!writes_protocol(false, false));
        assert!(sees_preparation_count(&[Role::Larare], true));
        assert!(!sees_preparation_count(&[Role::Larare], false));
        assert!(may_manage_mail(&[Role::Admin]) && !may_manage_mail(&[Role::Styrgrupp]));
    }
}
