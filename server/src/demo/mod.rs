//! The demo municipalities, written through the store as a municipality's people would
//! have made them: "Demo kommun" with its schools and staff ([`people`]), a school year
//! with its groups ([`groups`]), its wheel ([`wheel`]), library ([`library`]) and first
//! held meetings ([`meetings`]), its goals ([`goals`]), its project ([`projects`]); and "Övningskommun" beside it, to show separation.
//! Municipalities that exist already are left as they are.

mod goals;
mod groups;
mod library;
mod meetings;
mod networks;
mod people;
mod projects;
mod results;
mod talks;
mod wheel;

use kollegium_shared::ids::MunicipalityId;
use kollegium_shared::org::{Role, StaffMember, StaffQuery};

use crate::store::Store;

/// The active staff of the demo municipality holding `role` (the demo has fewer than
/// 200 of any).
async fn staff_with_role(
    store: &Store,
    m: MunicipalityId,
    role: Role,
) -> Result<Vec<StaffMember>, sqlx::Error> {
    let query = StaffQuery {
        role: Some(role),
        per_page: Some(200),
        ..Default::default()
    };
    Ok(store.list_staff(m, &query, false).await?.items)
}

/// The password of every demo login.
pub const DEMO_PASSWORD: &str = "kollegium";

/// What seeding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    /// Municipalities created now (those that existed are left as they are).
    pub created: Vec<String>,
    pub schools: usize,
    pub persons: usize,
}

/// Writes the demo municipalities that do not exist yet; every login gets the password
/// whose hash is `password_hash`.
pub async fn seed(store: &Store, password_hash: &str) -> Result<DemoSummary, sqlx::Error> {
    let mut summary = DemoSummary {
        created: vec![],
        schools: 0,
        persons: 0,
    };
    for plan in [people::demo_plan(), people::practice_plan()] {
        if store.municipality_id_by_slug(plan.slug).await?.is_some() {
            continue;
        }
        store.write_municipality(&plan, password_hash).await?;
        if plan.slug == "demo"
            && let Some(id) = store.municipality_id_by_slug(plan.slug).await?
        {
            store.backfill_search_keys().await?;
            groups::seed(store, MunicipalityId(id)).await?;
            library::seed(store, MunicipalityId(id)).await?;
            if let Some(year) = store.school_years(MunicipalityId(id)).await?.first() {
                goals::seed(store, MunicipalityId(id), year.id).await?;
                talks::seed(store, MunicipalityId(id), year.id).await?;
                projects::seed(store, MunicipalityId(id), year.id).await?;
                networks::seed(store, MunicipalityId(id), year.id).await?;
            }
            results::seed(store, MunicipalityId(id)).await?;
        }
        summary.created.push(plan.slug.to_owned());
        summary.schools += plan.schools.len();
        summary.persons += plan.persons.len();
    }
    store.backfill_search_keys().await?;
    Ok(summary)
}
