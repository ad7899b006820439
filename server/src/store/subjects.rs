//! Statements about the subjects a municipality adds to the national list.

use chrono::Utc;
use kollegium_shared::ids::MunicipalityId;

use super::{Store, with_db};

impl Store {
    /// The municipality's own subjects as (code, name), by name.
    pub async fn custom_subjects(
        &self,
        municipality: MunicipalityId,
    ) -> Result<Vec<(String, String)>, sqlx::Error> {
        const SQL: &str =
            "SELECT code, name FROM subjects WHERE municipality_id = $1 ORDER BY name";
        with_db!(self, pool => sqlx::query_as(SQL).bind(municipality.0).fetch_all(pool).await)
    }

    /// Adds a subject; a unique violation when the code is taken.
    pub async fn create_subject(
        &self,
        municipality: MunicipalityId,
        code: &str,
        name: &str,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "INSERT INTO subjects (municipality_id, code, name, created_at) VALUES ($1, $2, $3, $4)";
        let now = Utc::now();
        with_db!(self, pool => sqlx::query(SQL).bind(municipality.0).bind(code).bind(name).bind(now).execute(pool).await.map(|_| ()))
    }

    /// The ids of the municipality's schools.
    pub async fn school_ids(&self, municipality: MunicipalityId) -> Result<Vec<i64>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM schools WHERE municipality_id = $1";
        let rows: Vec<(i64,)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(municipality.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
