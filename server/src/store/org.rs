//! Statements about the organisation: municipalities, schools and people.

use kollegium_shared::ids::{MunicipalityId, PersonId, SchoolId};
use kollegium_shared::org::{Me, MunicipalityRef, Role, SchoolRef, Stage};

use super::{Store, with_db};

#[derive(sqlx::FromRow)]
struct MeRow {
    id: i64,
    name: String,
    email: String,
    title: String,
    must_change_password: bool,
    municipality_id: i64,
    municipality_slug: String,
    municipality_name: String,
}

impl Store {
    /// Everything the start page shows about the signed-in person.
    pub async fn me(
        &self,
        municipality: MunicipalityId,
        person: PersonId,
    ) -> Result<Option<Me>, sqlx::Error> {
        const PERSON: &str = "SELECT p.id, p.name, p.email, p.title, p.must_change_password, \
             m.id AS municipality_id, m.slug AS municipality_slug, m.name AS municipality_name \
             FROM persons p JOIN municipalities m ON m.id = p.municipality_id \
             WHERE p.id = $1 AND p.municipality_id = $2 AND p.active = TRUE";
        const SCHOOLS: &str = "SELECT s.id, s.name FROM person_schools ps JOIN schools s ON s.id = ps.school_id \
             WHERE ps.person_id = $1 AND ps.municipality_id = $2 ORDER BY s.name";
        const ROLES: &str = "SELECT role FROM person_roles WHERE person_id = $1 AND municipality_id = $2 ORDER BY role";
        const SUBJECTS: &str = "SELECT subject FROM person_subjects WHERE person_id = $1 AND municipality_id = $2 ORDER BY position";
        const STAGES: &str = "SELECT stage FROM person_stages WHERE person_id = $1 AND municipality_id = $2 ORDER BY stage";

        let (p, m) = (person.0, municipality.0);
        // One read transaction, so the five parts agree; it takes no write lock (SQLite
        // reads a snapshot of the WAL), as every page load asks for it.
        let (row, schools, roles, subjects, stages) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let row: Option<MeRow> = sqlx::query_as(PERSON).bind(p).bind(m).fetch_optional(&mut *tx).await?;
            let schools: Vec<(i64, String)> = sqlx::query_as(SCHOOLS).bind(p).bind(m).fetch_all(&mut *tx).await?;
            let roles: Vec<(String,)> = sqlx::query_as(ROLES).bind(p).bind(m).fetch_all(&mut *tx).await?;
            let subjects: Vec<(String,)> = sqlx::query_as(SUBJECTS).bind(p).bind(m).fetch_all(&mut *tx).await?;
            let stages: Vec<(String,)> = sqlx::query_as(STAGES).bind(p).bind(m).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            (row, schools, roles, subjects, stages)
        });
        let Some(row) = row else { return Ok(None) };

        let mut roles: Vec<Role> = roles.iter().filter_map(|(r,)| Role::from_code(r)).collect();
        roles.sort_unstable();
        let mut stages: Vec<Stage> = stages
            .iter()
            .filter_map(|(s,)| Stage::from_code(s))
            .collect();
        stages.sort_unstable();
        Ok(Some(Me {
            id: PersonId(row.id),
            name: row.name,
            email: row.email,
            title: row.title,
            municipality: MunicipalityRef {
                id: MunicipalityId(row.municipality_id),
                slug: row.municipality_slug,
                name: row.municipality_name,
            },
            schools: schools
                .into_iter()
                .map(|(id, name)| SchoolRef {
                    id: SchoolId(id),
                    name,
                })
                .collect(),
            roles,
            subjects: subjects.into_iter().map(|(s,)| s).collect(),
            stages,
            must_change_password: row.must_change_password,
        }))
    }
}
