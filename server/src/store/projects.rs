//! Projects, their schools, partners and process log, and the public showcase's lookup.

use chrono::Utc;
use kollegium_shared::groups::{GroupKind, GroupRef};
use kollegium_shared::ids::{GroupId, LogEntryId, MunicipalityId, PersonId, ProjectId, SchoolId};
use kollegium_shared::org::{PersonRef, SchoolRef, Stage};
use kollegium_shared::projects::{LogEntry, Partner, ProjectInput, Showcase};

use super::{BeginWrite, Store, Update, with_db};

/// A project as stored, with its leader's and group's names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredProject {
    pub id: i64,
    pub municipality_id: i64,
    pub name: String,
    pub aim: String,
    pub vision: String,
    pub focus_areas: String,
    pub global_goals: String,
    pub stages: String,
    pub partners: String,
    pub leader_id: i64,
    pub leader_name: String,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub showcase_enabled: bool,
    pub showcase_summary: String,
    pub showcase_key: String,
    pub version: i64,
    pub entries: i64,
}

fn json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

impl StoredProject {
    pub fn focus_areas(&self) -> Vec<String> {
        json(&self.focus_areas)
    }
    pub fn global_goals(&self) -> Vec<u8> {
        json(&self.global_goals)
    }
    pub fn stages(&self) -> Vec<Stage> {
        json(&self.stages)
    }
    pub fn partners(&self) -> Vec<Partner> {
        json(&self.partners)
    }
    pub fn leader(&self) -> PersonRef {
        PersonRef {
            id: PersonId(self.leader_id),
            name: self.leader_name.clone(),
        }
    }
    pub fn group(&self) -> Option<GroupRef> {
        Some(GroupRef {
            id: GroupId(self.group_id?),
            kind: GroupKind::Projektgrupp,
            name: self.group_name.clone()?,
        })
    }
    pub fn showcase(&self) -> Showcase {
        Showcase {
            enabled: self.showcase_enabled,
            summary: self.showcase_summary.clone(),
            key: self.showcase_key.clone(),
        }
    }
}

const COLUMNS: &str = "p.id, p.municipality_id, p.name, p.aim, p.vision, p.focus_areas, p.global_goals, p.stages, \
     p.partners, p.leader_id, l.name AS leader_name, p.group_id, g.name AS group_name, p.showcase_enabled, \
     p.showcase_summary, p.showcase_key, p.version, \
     (SELECT COUNT(*) FROM project_log e WHERE e.project_id = p.id) AS entries";
const FROM: &str =
    "FROM projects p JOIN persons l ON l.id = p.leader_id LEFT JOIN groups g ON g.id = p.group_id";

type LogRow = (i64, String, i64, String, String, String, String, bool, i64);

fn log_entry((id, date, author, name, text, areas, goals, cleared, version): LogRow) -> LogEntry {
    LogEntry {
        id: LogEntryId(id),
        date,
        author: PersonRef {
            id: PersonId(author),
            name,
        },
        text,
        focus_areas: json(&areas),
        global_goals: json(&goals),
        cleared,
        version,
    }
}

const LOG_COLUMNS: &str = "e.id, e.entry_date, e.author_id, a.name, e.text, e.focus_areas, e.global_goals, e.cleared, e.version \
     FROM project_log e JOIN persons a ON a.id = e.author_id";

impl Store {
    /// The municipality's projects, by name.
    pub async fn projects(&self, m: MunicipalityId) -> Result<Vec<StoredProject>, sqlx::Error> {
        let sql =
            format!("SELECT {COLUMNS} {FROM} WHERE p.municipality_id = $1 ORDER BY p.name, p.id");
        with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).fetch_all(pool).await)
    }

    /// One project of the municipality.
    pub async fn project(
        &self,
        m: MunicipalityId,
        id: ProjectId,
    ) -> Result<Option<StoredProject>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE p.municipality_id = $1 AND p.id = $2");
        with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await)
    }

    /// The project whose showcase has address `key`, if the showcase is on, with its
    /// municipality's name.
    pub async fn showcased_project(
        &self,
        key: &str,
    ) -> Result<Option<(StoredProject, String)>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE p.showcase_key = $1 AND p.showcase_enabled = TRUE"
        );
        let row: Option<StoredProject> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(key).fetch_optional(pool).await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let name: String = with_db!(self, pool => sqlx::query_scalar("SELECT name FROM municipalities WHERE id = $1")
            .bind(row.municipality_id).fetch_one(pool).await)?;
        Ok(Some((row, name)))
    }

    /// The schools of the projects `ids`, by project.
    pub async fn project_schools(
        &self,
        ids: &[ProjectId],
    ) -> Result<Vec<(ProjectId, SchoolRef)>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::placeholders(1, ids.len());
        let sql = format!(
            "SELECT ps.project_id, s.id, s.name FROM project_schools ps JOIN schools s ON s.id = ps.school_id \
             WHERE ps.project_id IN ({list})"
        );
        let rows: Vec<(i64, i64, String)> = with_db!(self, pool => {
            let mut q = sqlx::query_as(&sql);
            for id in ids {
                q = q.bind(id.0);
            }
            q.fetch_all(pool).await
        })?;
        let mut out: Vec<(ProjectId, SchoolRef)> = rows
            .into_iter()
            .map(|(p, id, name)| {
                (
                    ProjectId(p),
                    SchoolRef {
                        id: SchoolId(id),
                        name,
                    },
                )
            })
            .collect();
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| kollegium_shared::collate::swedish_cmp(&a.1.name, &b.1.name))
        });
        Ok(out)
    }

    /// How many of `schools` are the municipality's.
    pub async fn known_schools(
        &self,
        m: MunicipalityId,
        schools: &[SchoolId],
    ) -> Result<usize, sqlx::Error> {
        if schools.is_empty() {
            return Ok(0);
        }
        let list = super::placeholders(2, schools.len());
        let sql =
            format!("SELECT COUNT(*) FROM schools WHERE municipality_id = $1 AND id IN ({list})");
        let n: i64 = with_db!(self, pool => {
            let mut q = sqlx::query_scalar(&sql).bind(m.0);
            for s in schools {
                q = q.bind(s.0);
            }
            q.fetch_one(pool).await
        })?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Whether `group` is a project group of the municipality.
    pub async fn is_project_group(
        &self,
        m: MunicipalityId,
        group: GroupId,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM groups WHERE municipality_id = $1 AND id = $2 AND kind = 'projektgrupp'";
        let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(group.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// Whether `person` is a member of `group`.
    pub async fn is_member_of(
        &self,
        group: GroupId,
        person: PersonId,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND person_id = $2";
        let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(group.0).bind(person.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// Adds a project led by `leader`; `focus_areas` as they are to be stored, `key` its
    /// showcase's address.
    pub async fn create_project(
        &self,
        m: MunicipalityId,
        leader: PersonId,
        input: &ProjectInput,
        focus_areas: &[String],
        key: &str,
    ) -> Result<ProjectId, sqlx::Error> {
        const SQL: &str = "INSERT INTO projects (municipality_id, name, aim, vision, focus_areas, global_goals, stages, \
             partners, leader_id, group_id, showcase_enabled, showcase_summary, showcase_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";
        let partners = trimmed_partners(&input.partners);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(SQL)
                .bind(m.0).bind(input.name.trim()).bind(input.aim.trim()).bind(input.vision.trim())
                .bind(to_json(&focus_areas)).bind(to_json(&distinct(&input.global_goals)))
                .bind(to_json(&distinct(&input.stages))).bind(to_json(&partners)).bind(leader.0)
                .bind(input.group.map(|g| g.0)).bind(input.showcase_enabled).bind(input.showcase_summary.trim())
                .bind(key).bind(Utc::now())
                .fetch_one(&mut *tx).await?;
            for s in distinct(&input.schools) {
                sqlx::query("INSERT INTO project_schools (project_id, school_id) VALUES ($1, $2)")
                    .bind(id).bind(s.0).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(ProjectId(id))
        })
    }

    /// Changes a project's description, schools, partners and showcase, if `version` is
    /// current.
    pub async fn update_project(
        &self,
        m: MunicipalityId,
        id: ProjectId,
        input: &ProjectInput,
        focus_areas: &[String],
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE projects SET name = $1, aim = $2, vision = $3, focus_areas = $4, global_goals = $5, \
             stages = $6, partners = $7, group_id = $8, showcase_enabled = $9, showcase_summary = $10, \
             version = version + 1 WHERE municipality_id = $11 AND id = $12 AND version = $13";
        let partners = trimmed_partners(&input.partners);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM projects WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some(v) if v != version => return Ok(Update::Stale),
                Some(_) => {}
            }
            sqlx::query(SQL)
                .bind(input.name.trim()).bind(input.aim.trim()).bind(input.vision.trim())
                .bind(to_json(&focus_areas)).bind(to_json(&distinct(&input.global_goals)))
                .bind(to_json(&distinct(&input.stages))).bind(to_json(&partners))
                .bind(input.group.map(|g| g.0)).bind(input.showcase_enabled).bind(input.showcase_summary.trim())
                .bind(m.0).bind(id.0).bind(version)
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM project_schools WHERE project_id = $1").bind(id.0).execute(&mut *tx).await?;
            for s in distinct(&input.schools) {
                sqlx::query("INSERT INTO project_schools (project_id, school_id) VALUES ($1, $2)")
                    .bind(id.0).bind(s.0).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(Update::Done(()))
        })
    }

    /// The project's process log, newest first.
    pub async fn project_log(&self, project: ProjectId) -> Result<Vec<LogEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT {LOG_COLUMNS} WHERE e.project_id = $1 ORDER BY e.entry_date DESC, e.id DESC"
        );
        let rows: Vec<LogRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(project.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(log_entry).collect())
    }

    /// One entry of the project's log.
    pub async fn log_entry(
        &self,
        project: ProjectId,
        id: LogEntryId,
    ) -> Result<Option<LogEntry>, sqlx::Error> {
        let sql = format!("SELECT {LOG_COLUMNS} WHERE e.project_id = $1 AND e.id = $2");
        let row: Option<LogRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(project.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(log_entry))
    }

    /// Writes a new entry in the project's log.
    pub async fn add_log_entry(
        &self,
        project: ProjectId,
        author: PersonId,
        date: &str,
        text: &str,
        focus_areas: &[String],
        global_goals: &[u8],
    ) -> Result<LogEntryId, sqlx::Error> {
        const SQL: &str = "INSERT INTO project_log (project_id, entry_date, author_id, text, focus_areas, global_goals, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let id: i64 = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(project.0).bind(date).bind(author.0).bind(text.trim()).bind(to_json(&distinct(focus_areas)))
            .bind(to_json(&distinct(global_goals))).bind(Utc::now()).fetch_one(pool).await)?;
        Ok(LogEntryId(id))
    }

    /// Changes an entry (and whether it stays cleared), if `version` is current.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_log_entry(
        &self,
        project: ProjectId,
        id: LogEntryId,
        date: &str,
        text: &str,
        focus_areas: &[String],
        global_goals: &[u8],
        cleared: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE project_log SET entry_date = $1, text = $2, focus_areas = $3, global_goals = $4, \
             cleared = $5, version = version + 1 WHERE project_id = $6 AND id = $7 AND version = $8";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(date).bind(text.trim()).bind(to_json(&distinct(focus_areas))).bind(to_json(&distinct(global_goals)))
            .bind(cleared).bind(project.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        self.settle_entry(project, id, n).await
    }

    /// Clears an entry for the showcase or takes the clearance back, if `version` is
    /// current.
    pub async fn set_entry_cleared(
        &self,
        project: ProjectId,
        id: LogEntryId,
        cleared: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE project_log SET cleared = $1, version = version + 1 \
             WHERE project_id = $2 AND id = $3 AND version = $4";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(cleared).bind(project.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        self.settle_entry(project, id, n).await
    }

    /// A conditional write's outcome: done, or why not.
    async fn settle_entry(
        &self,
        project: ProjectId,
        id: LogEntryId,
        changed: u64,
    ) -> Result<Update<()>, sqlx::Error> {
        if changed > 0 {
            return Ok(Update::Done(()));
        }
        Ok(match self.log_entry(project, id).await? {
            Some(_) => Update::Stale,
            None => Update::NotFound,
        })
    }
}

/// Partners as stored: names and texts trimmed.
fn trimmed_partners(partners: &[Partner]) -> Vec<Partner> {
    partners
        .iter()
        .map(|p| Partner {
            name: p.name.trim().to_owned(),
            contact: p.contact.trim().to_owned(),
            contributes: p.contributes.trim().to_owned(),
        })
        .collect()
}

/// Each value once, in first-seen order.
fn distinct<T: PartialEq + Clone>(values: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for v in values {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}
