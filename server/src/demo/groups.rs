//! The demo's school year 2026/27: its learning groups formed by the formation rules
//! (a leader in each), the leaders' group that follows, a principals' group, an ICT
//! network and the steering group; then its wheel and its first held meetings.

use kollegium_shared::groups::formation::{self, Bounds, Settings};
use kollegium_shared::groups::{GroupKind, GroupPatch, NewGroup, NewSchoolYear};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{MunicipalityId, PersonId};
use kollegium_shared::org::{Role, SUBJECTS, StaffQuery, Stage};

use crate::store::{FormedGroup, GroupFilter, Store};

/// The demo municipality's school year 2026/27 with its learning groups formed (and a
/// leader in each, a förstelärare where the group has one), which also forms the
/// leaders' group, plus a principals' group, an ICT network and the steering group.
pub(super) async fn seed(store: &Store, m: MunicipalityId) -> Result<(), sqlx::Error> {
    let year_id = store
        .create_school_year(m, &NewSchoolYear::suggest(2026))
        .await?
        .ok_or_else(|| sqlx::Error::Protocol("the demo year overlaps another".into()))?;
    let (candidates, existing) = store.formation_input(m, year_id).await?;
    let plan = formation::form(&candidates, &existing, Settings::default());
    let name = |code: &str| {
        SUBJECTS
            .iter()
            .find(|s| s.code == code)
            .map_or_else(|| code.to_owned(), |s| s.sv.to_owned())
    };
    let formed: Vec<FormedGroup> = plan
        .groups
        .iter()
        .map(|g| FormedGroup {
            existing: None,
            name: g.name(Lang::Sv, &name),
            subject: g.category.subject.clone(),
            stages: g.category.stages(),
            added: g
                .members
                .iter()
                .map(|p| (p.person, g.reason_text(p, Lang::Sv, &name)))
                .collect(),
        })
        .collect();
    store
        .save_formation(m, year_id, Bounds::default(), &formed)
        .await?;

    let titles: std::collections::HashMap<PersonId, String> =
        super::staff_with_role(store, m, Role::Larare)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
    for g in store.groups(m, GroupFilter::Year(year_id)).await? {
        let leader = g
            .members
            .iter()
            .find(|p| titles.get(&p.id).is_some_and(|t| t == "Förstelärare"))
            .or(g.members.first());
        if let Some(leader) = leader {
            let patch = GroupPatch {
                leaders: Some(vec![leader.id]),
                version: g.version,
                ..Default::default()
            };
            store.update_group(m, g.id, &patch).await?;
        }
    }

    let principals = super::staff_with_role(store, m, Role::Rektor).await?;
    let steering = super::staff_with_role(store, m, Role::Styrgrupp).await?;
    let ict = super::staff_with_role(store, m, Role::IktStrateg).await?;
    // One ICT pedagogue per school: the first teacher of technology there.
    let mut ict_members: Vec<PersonId> = ict.iter().map(|p| p.id).collect();
    let technology = store
        .list_staff(
            m,
            &StaffQuery {
                subject: Some("teknik".into()),
                per_page: Some(200),
                ..Default::default()
            },
            false,
        )
        .await?
        .items;
    let mut schools_seen = std::collections::BTreeSet::new();
    for p in technology {
        if let Some(s) = p.schools.first()
            && schools_seen.insert(s.id)
            && !ict_members.contains(&p.id)
        {
            ict_members.push(p.id);
        }
    }
    let groups = [
        (
            GroupKind::Rektorsgrupp,
            "Rektorsgrupp 2026/27",
            principals.iter().map(|p| p.id).collect::<Vec<_>>(),
            principals.first().map(|p| p.id),
            "Rektorerna träffas för att följa upp det kollegiala lärandet på skolorna.",
        ),
        (
            GroupKind::IktNatverk,
            "IKT-nätverk grundskolan",
            ict_members,
            ict.first().map(|p| p.id),
            "En IKT-pedagog från varje skola och kommunens IKT-strateg.",
        ),
        (
            GroupKind::Styrgrupp,
            "Styrgrupp 2026/27",
            steering.iter().map(|p| p.id).collect(),
            steering.first().map(|p| p.id),
            "Planerar årshjulet, bildar lärgrupperna och följer upp målen.",
        ),
    ];
    for (kind, name, members, leader, description) in groups {
        let new = NewGroup {
            school_year_id: year_id,
            kind: Some(kind),
            name: name.to_owned(),
            stages: if kind == GroupKind::IktNatverk {
                vec![Stage::Ak1_3, Stage::Ak4_6, Stage::Ak7_9]
            } else {
                Vec::new()
            },
            description: description.to_owned(),
            leaders: leader.into_iter().collect(),
            members,
            ..Default::default()
        };
        store.create_group(m, &new).await?;
    }
    if let (Some(year), Some(editor)) = (store.school_year(m, year_id).await?, steering.first()) {
        super::wheel::seed(store, m, &year, editor.id).await?;
        super::meetings::seed(store, m, year.id).await?;
    }
    Ok(())
}
