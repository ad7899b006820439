//! Statements about schools.

use chrono::Utc;
use kollegium_shared::ids::{MunicipalityId, PersonId, SchoolId};
use kollegium_shared::org::{NewSchool, PersonRef, School, SchoolPatch, Stage};

use super::{BeginWrite, Store, Update, with_db};

#[derive(sqlx::FromRow)]
struct SchoolRow {
    id: i64,
    name: String,
    active: bool,
    version: i64,
    principal_id: Option<i64>,
    principal_name: Option<String>,
    head_id: Option<i64>,
    head_name: Option<String>,
}

fn assemble(rows: Vec<SchoolRow>, stages: &[(i64, String)]) -> Vec<School> {
    rows.into_iter()
        .map(|r| {
            let mut s: Vec<Stage> = stages
                .iter()
                .filter(|(id, _)| *id == r.id)
                .filter_map(|(_, code)| Stage::from_code(code))
                .collect();
            s.sort_unstable();
            let principal = r
                .principal_id
                .zip(r.principal_name)
                .map(|(id, name)| PersonRef {
                    id: PersonId(id),
                    name,
                });
            let head = r.head_id.zip(r.head_name).map(|(id, name)| PersonRef {
                id: PersonId(id),
                name,
            });
            School {
                id: SchoolId(r.id),
                name: r.name,
                stages: s,
                active: r.active,
                principal,
                head,
                version: r.version,
            }
        })
        .collect()
}

impl Store {
    /// The municipality's schools by name, the deactivated ones included.
    pub async fn list_schools(
        &self,
        municipality: MunicipalityId,
    ) -> Result<Vec<School>, sqlx::Error> {
        const SCHOOLS: &str = "SELECT s.id, s.name, s.active, s.version, s.principal_id, p.name AS principal_name, \
             s.head_id, h.name AS head_name \
             FROM schools s LEFT JOIN persons p ON p.id = s.principal_id LEFT JOIN persons h ON h.id = s.head_id WHERE s.municipality_id = $1 ORDER BY s.name, s.id";
        const STAGES: &str =
            "SELECT school_id, stage FROM school_stages WHERE municipality_id = $1";
        let m = municipality.0;
        let (rows, stages) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let rows: Vec<SchoolRow> = sqlx::query_as(SCHOOLS).bind(m).fetch_all(&mut *tx).await?;
            let stages: Vec<(i64, String)> = sqlx::query_as(STAGES).bind(m).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            (rows, stages)
        });
        let mut schools = assemble(rows, &stages);
        schools.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.name, &b.name));
        Ok(schools)
    }

    /// One school of the municipality.
    pub async fn school(
        &self,
        municipality: MunicipalityId,
        id: SchoolId,
    ) -> Result<Option<School>, sqlx::Error> {
        const SCHOOL: &str = "SELECT s.id, s.name, s.active, s.version, s.principal_id, p.name AS principal_name, \
             s.head_id, h.name AS head_name \
             FROM schools s LEFT JOIN persons p ON p.id = s.principal_id LEFT JOIN persons h ON h.id = s.head_id WHERE s.id = $1 AND s.municipality_id = $2";
        const STAGES: &str = "SELECT school_id, stage FROM school_stages WHERE school_id = $1 AND municipality_id = $2";
        let (s, m) = (id.0, municipality.0);
        let (rows, stages) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let rows: Vec<SchoolRow> = sqlx::query_as(SCHOOL).bind(s).bind(m).fetch_all(&mut *tx).await?;
            let stages: Vec<(i64, String)> = sqlx::query_as(STAGES).bind(s).bind(m).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            (rows, stages)
        });
        Ok(assemble(rows, &stages).pop())
    }

    /// Creates a school; a unique violation when the name is taken.
    pub async fn create_school(
        &self,
        municipality: MunicipalityId,
        new: &NewSchool,
    ) -> Result<SchoolId, sqlx::Error> {
        let m = municipality.0;
        let now = Utc::now();
        let mut stages = new.stages.clone();
        stages.sort_unstable();
        stages.dedup();
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO schools (municipality_id, name, principal_id, head_id, created_at, updated_at) VALUES ($1, $2, $3, $5, $4, $4) RETURNING id")
                .bind(m).bind(new.name.trim()).bind(new.principal_id.map(|p| p.0)).bind(now).bind(new.head_id.map(|p| p.0)).fetch_one(&mut *tx).await?;
            for stage in &stages {
                sqlx::query("INSERT INTO school_stages (municipality_id, school_id, stage) VALUES ($1, $2, $3)")
                    .bind(m).bind(id).bind(stage.code()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            id
        });
        Ok(SchoolId(id))
    }

    /// Applies `patch` if the school is still at `patch.version`; all of it or nothing.
    pub async fn update_school(
        &self,
        municipality: MunicipalityId,
        id: SchoolId,
        patch: &SchoolPatch,
    ) -> Result<Update<()>, sqlx::Error> {
        let (s, m) = (id.0, municipality.0);
        let now = Utc::now();
        let name = patch.name.as_deref().map(str::trim);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<(i64,)> = sqlx::query_as("SELECT version FROM schools WHERE id = $1 AND municipality_id = $2")
                .bind(s).bind(m).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some((v,)) if v != patch.version => return Ok(Update::Stale),
                Some(_) => {}
            }
            let done = sqlx::query(
                "UPDATE schools SET name = COALESCE($1, name), active = COALESCE($2, active), \
                 principal_id = CASE WHEN $7 THEN $8 ELSE principal_id END, \
                 head_id = CASE WHEN $9 THEN $10 ELSE head_id END, \
                 version = version + 1, updated_at = $3 \
                 WHERE id = $4 AND municipality_id = $5 AND version = $6")
                .bind(name).bind(patch.active).bind(now).bind(s).bind(m).bind(patch.version)
                .bind(patch.principal_id.is_some()).bind(patch.principal_id.flatten().map(|p| p.0))
                .bind(patch.head_id.is_some()).bind(patch.head_id.flatten().map(|p| p.0))
                .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            if let Some(stages) = &patch.stages {
                sqlx::query("DELETE FROM school_stages WHERE school_id = $1 AND municipality_id = $2")
                    .bind(s).bind(m).execute(&mut *tx).await?;
                let mut stages = stages.clone();
                stages.sort_unstable();
                stages.dedup();
                for stage in stages {
                    sqlx::query("INSERT INTO school_stages (municipality_id, school_id, stage) VALUES ($1, $2, $3)")
                        .bind(m).bind(s).bind(stage.code()).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(Update::Done(()))
    }
}
