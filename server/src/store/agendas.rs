//! Agenda templates of a municipality. Its first read stores the 90-minute model as the
//! default template, so the default is editable like any other.

use chrono::Utc;
use kollegium_shared::ids::{MunicipalityId, TemplateId};
use kollegium_shared::meetings::agenda::{
    AgendaInput, AgendaTemplate, DEFAULT_TEMPLATE_NAME, default_steps,
};

use super::{BeginWrite, Store, Update, is_unique_violation, with_db};

#[derive(sqlx::FromRow)]
struct TemplateRow {
    id: i64,
    name: String,
    steps: String,
    is_default: bool,
    version: i64,
}

impl From<TemplateRow> for AgendaTemplate {
    fn from(r: TemplateRow) -> AgendaTemplate {
        AgendaTemplate {
            id: TemplateId(r.id),
            name: r.name,
            steps: serde_json::from_str(&r.steps).unwrap_or_else(|_| default_steps()),
            is_default: r.is_default,
            version: r.version,
        }
    }
}

/// Why a template was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateRefusal {
    NameTaken,
    IsDefault,
}

const COLUMNS: &str = "id, name, steps, is_default, version";

impl Store {
    /// The municipality's templates, the default first, then by name.
    pub async fn agenda_templates(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<AgendaTemplate>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM agenda_templates WHERE municipality_id = $1 ORDER BY is_default DESC, name"
        );
        let rows: Vec<TemplateRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).fetch_all(pool).await)?;
        if !rows.is_empty() {
            return Ok(rows.into_iter().map(AgendaTemplate::from).collect());
        }
        // The first read: the built-in model becomes the default. Two first reads at
        // once store it once (the unique default index).
        let now = Utc::now();
        let steps = serde_json::to_string(&default_steps()).unwrap_or_else(|_| "[]".into());
        const INSERT: &str = "INSERT INTO agenda_templates (municipality_id, name, steps, is_default, created_at, updated_at) \
             VALUES ($1, $2, $3, TRUE, $4, $4) ON CONFLICT DO NOTHING";
        with_db!(self, pool => sqlx::query(INSERT).bind(m.0).bind(DEFAULT_TEMPLATE_NAME).bind(&steps).bind(now).execute(pool).await.map(|_| ()))?;
        let rows: Vec<TemplateRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(AgendaTemplate::from).collect())
    }

    /// One template of the municipality.
    pub async fn agenda_template(
        &self,
        m: MunicipalityId,
        id: TemplateId,
    ) -> Result<Option<AgendaTemplate>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM agenda_templates WHERE municipality_id = $1 AND id = $2"
        );
        let row: Option<TemplateRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(AgendaTemplate::from))
    }

    /// Stores a new template (not the default).
    pub async fn create_agenda_template(
        &self,
        m: MunicipalityId,
        input: &AgendaInput,
    ) -> Result<Result<TemplateId, TemplateRefusal>, sqlx::Error> {
        let now = Utc::now();
        let steps = serde_json::to_string(&input.steps).unwrap_or_else(|_| "[]".into());
        const SQL: &str = "INSERT INTO agenda_templates (municipality_id, name, steps, is_default, created_at, updated_at) \
             VALUES ($1, $2, $3, FALSE, $4, $4) RETURNING id";
        let r: Result<i64, sqlx::Error> = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(m.0).bind(input.name.trim()).bind(&steps).bind(now).fetch_one(pool).await);
        match r {
            Ok(id) => Ok(Ok(TemplateId(id))),
            Err(e) if is_unique_violation(&e) => Ok(Err(TemplateRefusal::NameTaken)),
            Err(e) => Err(e),
        }
    }

    /// Changes a template's name and steps at `version`.
    pub async fn update_agenda_template(
        &self,
        m: MunicipalityId,
        id: TemplateId,
        input: &AgendaInput,
        version: i64,
    ) -> Result<Update<Result<(), TemplateRefusal>>, sqlx::Error> {
        let steps = serde_json::to_string(&input.steps).unwrap_or_else(|_| "[]".into());
        const SQL: &str = "UPDATE agenda_templates SET name = $1, steps = $2, version = version + 1, updated_at = $3 \
             WHERE municipality_id = $4 AND id = $5 AND version = $6";
        let r = with_db!(self, pool => sqlx::query(SQL).bind(input.name.trim()).bind(&steps).bind(Utc::now())
            .bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()));
        match r {
            Ok(1) => Ok(Update::Done(Ok(()))),
            Ok(_) => Ok(self.missing_or_stale(m, id).await?),
            Err(e) if is_unique_violation(&e) => Ok(Update::Done(Err(TemplateRefusal::NameTaken))),
            Err(e) => Err(e),
        }
    }

    /// Removes a template at `version`; the default stays.
    pub async fn delete_agenda_template(
        &self,
        m: MunicipalityId,
        id: TemplateId,
        version: i64,
    ) -> Result<Update<Result<(), TemplateRefusal>>, sqlx::Error> {
        let Some(t) = self.agenda_template(m, id).await? else {
            return Ok(Update::NotFound);
        };
        if t.version != version {
            return Ok(Update::Stale);
        }
        if t.is_default {
            return Ok(Update::Done(Err(TemplateRefusal::IsDefault)));
        }
        const SQL: &str = "DELETE FROM agenda_templates WHERE municipality_id = $1 AND id = $2 AND version = $3 AND is_default = FALSE";
        let n = with_db!(self, pool => sqlx::query(SQL).bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if n == 1 {
            Update::Done(Ok(()))
        } else {
            Update::Stale
        })
    }

    /// Makes a template (at `version`) the municipality's default, in one transaction.
    pub async fn set_default_agenda_template(
        &self,
        m: MunicipalityId,
        id: TemplateId,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM agenda_templates WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some(v) if v != version => return Ok(Update::Stale),
                Some(_) => {}
            }
            sqlx::query("UPDATE agenda_templates SET is_default = FALSE, version = version + 1, updated_at = $1 \
                 WHERE municipality_id = $2 AND is_default = TRUE AND id <> $3")
                .bind(now).bind(m.0).bind(id.0).execute(&mut *tx).await?;
            sqlx::query("UPDATE agenda_templates SET is_default = TRUE, version = version + 1, updated_at = $1 \
                 WHERE municipality_id = $2 AND id = $3")
                .bind(now).bind(m.0).bind(id.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    async fn missing_or_stale<T>(
        &self,
        m: MunicipalityId,
        id: TemplateId,
    ) -> Result<Update<T>, sqlx::Error> {
        Ok(if self.agenda_template(m, id).await?.is_some() {
            Update::Stale
        } else {
            Update::NotFound
        })
    }
}
