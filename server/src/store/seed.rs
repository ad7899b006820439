//! Statements that write whole municipalities at once: the demo's (`crate::demo`) and
//! the first administrator of a new municipality (`kollegium create-admin`), plus the
//! few lookups and quiet writes the demo needs to look lived in.

use chrono::Utc;
use kollegium_shared::ids::{CollectionId, GroupId, MeetingId, MunicipalityId, PersonId};
use kollegium_shared::org::{Role, Stage};

use super::{BeginWrite, Store, with_db};

/// A school to write.
#[derive(Debug, Clone)]
pub struct PlannedSchool {
    pub name: &'static str,
    pub stages: Vec<Stage>,
}

/// A person to write; `schools` index into the municipality's schools.
#[derive(Debug, Clone)]
pub struct PlannedPerson {
    pub email: String,
    pub name: String,
    pub title: &'static str,
    pub roles: Vec<Role>,
    pub subjects: Vec<&'static str>,
    pub stages: Vec<Stage>,
    pub schools: Vec<usize>,
    /// The schools that answer to them as head of operations.
    pub heads: Vec<usize>,
}

/// A municipality to write, with its schools and staff.
#[derive(Debug, Clone)]
pub struct PlannedMunicipality {
    pub slug: &'static str,
    pub name: &'static str,
    pub schools: Vec<PlannedSchool>,
    pub persons: Vec<PlannedPerson>,
}

impl Store {
    /// The id of the municipality with `slug`.
    pub async fn municipality_id_by_slug(&self, slug: &str) -> Result<Option<i64>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM municipalities WHERE slug = $1";
        let row: Option<(i64,)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(slug).fetch_optional(pool).await)?;
        Ok(row.map(|(id,)| id))
    }

    /// The id of the person with `email` in the municipality.
    pub async fn person_id_by_email(
        &self,
        m: MunicipalityId,
        email: &str,
    ) -> Result<Option<PersonId>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM persons WHERE municipality_id = $1 AND email = $2";
        let id: Option<i64> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(email).fetch_optional(pool).await)?;
        Ok(id.map(PersonId))
    }

    /// Writes a whole municipality with its schools and staff in one transaction; every
    /// person gets the password whose hash is `password_hash`.
    pub async fn write_municipality(
        &self,
        plan: &PlannedMunicipality,
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (mid,): (i64,) = sqlx::query_as("INSERT INTO municipalities (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(plan.slug).bind(plan.name).bind(now).fetch_one(&mut *tx).await?;
            let mut school_ids = Vec::with_capacity(plan.schools.len());
            for school in &plan.schools {
                let (sid,): (i64,) = sqlx::query_as(
                    "INSERT INTO schools (municipality_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id")
                    .bind(mid).bind(school.name).bind(now).fetch_one(&mut *tx).await?;
                for stage in &school.stages {
                    sqlx::query("INSERT INTO school_stages (municipality_id, school_id, stage) VALUES ($1, $2, $3)")
                        .bind(mid).bind(sid).bind(stage.code()).execute(&mut *tx).await?;
                }
                school_ids.push(sid);
            }
            for p in &plan.persons {
                let (pid,): (i64,) = sqlx::query_as(
                    "INSERT INTO persons (municipality_id, email, name, title, password_hash, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
                    .bind(mid).bind(&p.email).bind(&p.name).bind(p.title).bind(password_hash).bind(now)
                    .fetch_one(&mut *tx).await?;
                for role in &p.roles {
                    sqlx::query("INSERT INTO person_roles (municipality_id, person_id, role) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(role.code()).execute(&mut *tx).await?;
                }
                for (position, subject) in p.subjects.iter().enumerate() {
                    sqlx::query("INSERT INTO person_subjects (municipality_id, person_id, subject, position) VALUES ($1, $2, $3, $4)")
                        .bind(mid).bind(pid).bind(*subject).bind(position as i64).execute(&mut *tx).await?;
                }
                for stage in &p.stages {
                    sqlx::query("INSERT INTO person_stages (municipality_id, person_id, stage) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(stage.code()).execute(&mut *tx).await?;
                }
                for &school in &p.schools {
                    sqlx::query("INSERT INTO person_schools (municipality_id, person_id, school_id) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(school_ids[school]).execute(&mut *tx).await?;
                }
                if p.roles.contains(&Role::Rektor) && let Some(&school) = p.schools.first() {
                    sqlx::query("UPDATE schools SET principal_id = $1 WHERE id = $2")
                        .bind(pid).bind(school_ids[school]).execute(&mut *tx).await?;
                }
                for &school in &p.heads {
                    sqlx::query("UPDATE schools SET head_id = $1 WHERE id = $2")
                        .bind(pid).bind(school_ids[school]).execute(&mut *tx).await?;
                }
            }
            tx.commit().await
        })
    }

    /// Creates an administrator in the municipality `slug`, creating the municipality
    /// (named `municipality_name`, or the slug) when it does not exist. Fails with a
    /// unique violation when the e-mail is taken there.
    pub async fn create_admin(
        &self,
        slug: &str,
        municipality_name: Option<&str>,
        email: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<i64, sqlx::Error> {
        let now = Utc::now();
        let pid = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM municipalities WHERE slug = $1")
                .bind(slug).fetch_optional(&mut *tx).await?;
            let mid = match existing {
                Some((id,)) => id,
                None => sqlx::query_as::<_, (i64,)>("INSERT INTO municipalities (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                    .bind(slug).bind(municipality_name.unwrap_or(slug)).bind(now).fetch_one(&mut *tx).await?.0,
            };
            let (pid,): (i64,) = sqlx::query_as(
                "INSERT INTO persons (municipality_id, email, name, password_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                .bind(mid).bind(email).bind(name).bind(password_hash).bind(now).fetch_one(&mut *tx).await?;
            sqlx::query("INSERT INTO person_roles (municipality_id, person_id, role) VALUES ($1, $2, $3)")
                .bind(mid).bind(pid).bind(Role::Admin.code()).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<i64, sqlx::Error>(pid)
        })?;
        self.backfill_search_keys().await?;
        Ok(pid)
    }

    /// Marks the municipality's waiting mail as sent (the demo's meetings were held
    /// before it existed, so configuring SMTP must not send their protocols).
    pub async fn mark_outbox_sent(&self, m: MunicipalityId) -> Result<(), sqlx::Error> {
        const SQL: &str =
            "UPDATE outbox SET sent_at = $1 WHERE municipality_id = $2 AND sent_at IS NULL";
        let now = Utc::now();
        with_db!(self, pool => sqlx::query(SQL).bind(now).bind(m.0).execute(pool).await.map(|_| ()))
    }

    /// The learning groups' meetings, by group and day.
    pub async fn learning_group_meetings(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<(MeetingId, GroupId)>, sqlx::Error> {
        const SQL: &str = "SELECT mt.id, mt.group_id FROM meetings mt JOIN groups g ON g.id = mt.group_id \
             WHERE mt.municipality_id = $1 AND g.kind = 'largrupp' ORDER BY mt.group_id, mt.starts_on";
        let rows: Vec<(i64, i64)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, g)| (MeetingId(id), GroupId(g)))
            .collect())
    }

    /// Sets a meeting's preparation as it was made with the meeting, without a new
    /// version.
    pub async fn set_preparation_as_made(
        &self,
        meeting: MeetingId,
        collection: CollectionId,
        task: &str,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str =
            "UPDATE meetings SET collection_id = $1, preparation_task = $2 WHERE id = $3";
        with_db!(self, pool => sqlx::query(SQL).bind(collection.0).bind(task).bind(meeting.0).execute(pool).await.map(|_| ()))
    }
}
