//! Projects, their schools, partners and process log, and the public showcase's lookup.

use chrono::Utc;
use kollegium_shared::groups::{GroupKind, GroupRef};
use kollegium_shared::ids::{
    ActivityId, GroupId, LogEntryId, LogFileId, MilestoneId, MunicipalityId, PersonId, ProjectId,
    ReflectionId, SchoolId, SchoolYearId,
};
use kollegium_shared::org::{PersonRef, SchoolRef, Stage};
use kollegium_shared::projects::{
    LogEntry, LogEntryInput, LogFile, Milestone, Partner, ProjectInput, Reflection, Showcase,
};

use super::library::{NewFile, type_code};
use super::preparation::{ItemRow, item_refs};
use super::{BeginWrite, Store, Update, with_db};

/// A photo or file of a log entry as stored, with what decides who may read it.
#[derive(Debug, Clone)]
pub struct StoredLogFile {
    pub project: ProjectId,
    pub entry: LogEntryId,
    pub file: LogFile,
    pub storage_key: String,
    /// Whether it may be on the public page now: it and its entry are cleared and the
    /// project's page is on.
    pub public: bool,
}

type FileRow = (i64, i64, String, String, i64, bool);

fn log_file((_, id, name, file_type, size, cleared): FileRow) -> Option<LogFile> {
    Some(LogFile {
        id: LogFileId(id),
        name,
        file_type: serde_json::from_value(serde_json::Value::String(file_type)).ok()?,
        size,
        url: String::new(),
        cleared,
    })
}

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
        files: Vec::new(),
        items: Vec::new(),
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

    /// The project's process log, newest first, with the entries' files and linked
    /// (published) library items.
    pub async fn project_log(&self, project: ProjectId) -> Result<Vec<LogEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT {LOG_COLUMNS} WHERE e.project_id = $1 ORDER BY e.entry_date DESC, e.id DESC"
        );
        let rows: Vec<LogRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(project.0).fetch_all(pool).await)?;
        let mut log: Vec<LogEntry> = rows.into_iter().map(log_entry).collect();
        self.attach(project, None, &mut log).await?;
        Ok(log)
    }

    /// One entry of the project's log, with its files and linked items.
    pub async fn log_entry(
        &self,
        project: ProjectId,
        id: LogEntryId,
    ) -> Result<Option<LogEntry>, sqlx::Error> {
        let sql = format!("SELECT {LOG_COLUMNS} WHERE e.project_id = $1 AND e.id = $2");
        let row: Option<LogRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(project.0).bind(id.0).fetch_optional(pool).await)?;
        let mut log: Vec<LogEntry> = row.map(log_entry).into_iter().collect();
        self.attach(project, Some(id), &mut log).await?;
        Ok(log.pop())
    }

    /// Fills in the files and linked items of `log`'s entries (of `project`, or only
    /// `entry`): two reads however long the log.
    async fn attach(
        &self,
        project: ProjectId,
        entry: Option<LogEntryId>,
        log: &mut [LogEntry],
    ) -> Result<(), sqlx::Error> {
        if log.is_empty() {
            return Ok(());
        }
        const FILES: &str = "SELECT f.entry_id, f.id, f.name, f.file_type, f.size, f.cleared FROM project_log_files f \
             JOIN project_log e ON e.id = f.entry_id WHERE e.project_id = $1 AND ($2 = 0 OR e.id = $2) ORDER BY f.id";
        const ITEMS: &str = "SELECT li.entry_id, i.id, i.title, i.kind FROM project_log_items li \
             JOIN project_log e ON e.id = li.entry_id JOIN library_items i ON i.id = li.item_id \
             WHERE e.project_id = $1 AND ($2 = 0 OR e.id = $2) AND i.status = 'published' ORDER BY li.position";
        let only = entry.map_or(0, |e| e.0);
        type LinkRow = (i64, i64, String, String);
        let (files, items): (Vec<FileRow>, Vec<LinkRow>) = with_db!(self, pool => {
            let f = sqlx::query_as(FILES).bind(project.0).bind(only).fetch_all(pool).await?;
            let i = sqlx::query_as(ITEMS).bind(project.0).bind(only).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((f, i))
        })?;
        for row in files {
            let entry = row.0;
            if let (Some(e), Some(f)) = (log.iter_mut().find(|e| e.id.0 == entry), log_file(row)) {
                e.files.push(f);
            }
        }
        for (entry, id, title, kind) in items {
            let row: ItemRow = (id, title, kind);
            if let Some(e) = log.iter_mut().find(|e| e.id.0 == entry) {
                e.items.extend(item_refs(vec![row]));
            }
        }
        Ok(())
    }

    /// Writes a new entry in the project's log, with its linked items.
    pub async fn add_log_entry(
        &self,
        project: ProjectId,
        author: PersonId,
        date: &str,
        input: &LogEntryInput,
    ) -> Result<LogEntryId, sqlx::Error> {
        const SQL: &str = "INSERT INTO project_log (project_id, entry_date, author_id, text, focus_areas, global_goals, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(SQL)
                .bind(project.0).bind(date).bind(author.0).bind(input.text.trim())
                .bind(to_json(&distinct(&input.focus_areas))).bind(to_json(&distinct(&input.global_goals)))
                .bind(Utc::now()).fetch_one(&mut *tx).await?;
            for (position, item) in distinct(&input.items).into_iter().enumerate() {
                sqlx::query("INSERT INTO project_log_items (entry_id, item_id, position) VALUES ($1, $2, $3)")
                    .bind(id).bind(item.0).bind(position as i64).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(LogEntryId(id))
        })
    }

    /// Changes an entry, its linked items and whether it stays cleared, if `version` is
    /// current.
    pub async fn update_log_entry(
        &self,
        project: ProjectId,
        id: LogEntryId,
        date: &str,
        input: &LogEntryInput,
        cleared: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE project_log SET entry_date = $1, text = $2, focus_areas = $3, global_goals = $4, \
             cleared = $5, version = version + 1 WHERE project_id = $6 AND id = $7 AND version = $8";
        let n = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(SQL)
                .bind(date).bind(input.text.trim()).bind(to_json(&distinct(&input.focus_areas)))
                .bind(to_json(&distinct(&input.global_goals))).bind(cleared).bind(project.0).bind(id.0).bind(version)
                .execute(&mut *tx).await?.rows_affected();
            if n > 0 {
                sqlx::query("DELETE FROM project_log_items WHERE entry_id = $1").bind(id.0).execute(&mut *tx).await?;
                for (position, item) in distinct(&input.items).into_iter().enumerate() {
                    sqlx::query("INSERT INTO project_log_items (entry_id, item_id, position) VALUES ($1, $2, $3)")
                        .bind(id.0).bind(item.0).bind(position as i64).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok::<u64, sqlx::Error>(n)
        })?;
        self.settle_entry(project, id, n).await
    }

    /// Records an uploaded file of an entry, raising the entry's version (so a stale
    /// editor sees it). Not marked for the public page.
    pub async fn add_log_file(
        &self,
        m: MunicipalityId,
        entry: LogEntryId,
        person: PersonId,
        file: &NewFile<'_>,
    ) -> Result<LogFileId, sqlx::Error> {
        let now = Utc::now();
        let code = type_code(file.file_type);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO project_log_files (municipality_id, entry_id, name, file_type, size, storage_key, uploaded_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(m.0).bind(entry.0).bind(file.name).bind(&code).bind(file.size).bind(file.storage_key).bind(person.0).bind(now)
            .fetch_one(&mut *tx).await?;
            sqlx::query("UPDATE project_log SET version = version + 1 WHERE id = $1")
                .bind(entry.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<LogFileId, sqlx::Error>(LogFileId(id))
        })
    }

    /// One log file of the municipality, with its project and whether it is public.
    pub async fn log_file(
        &self,
        m: MunicipalityId,
        id: LogFileId,
    ) -> Result<Option<StoredLogFile>, sqlx::Error> {
        const SQL: &str = "SELECT f.entry_id, f.id, f.name, f.file_type, f.size, f.cleared, e.project_id, f.storage_key, \
             (e.cleared AND p.showcase_enabled) FROM project_log_files f JOIN project_log e ON e.id = f.entry_id \
             JOIN projects p ON p.id = e.project_id WHERE f.municipality_id = $1 AND f.id = $2";
        type Row = (i64, i64, String, String, i64, bool, i64, String, bool);
        let row: Option<Row> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.and_then(
            |(entry, id, name, t, size, cleared, project, storage_key, shown)| {
                Some(StoredLogFile {
                    project: ProjectId(project),
                    entry: LogEntryId(entry),
                    file: log_file((entry, id, name, t, size, cleared))?,
                    storage_key,
                    public: cleared && shown,
                })
            },
        ))
    }

    /// Removes a file of an entry, raising the entry's version; returns where it lay, to
    /// delete it from disk.
    pub async fn delete_log_file(
        &self,
        entry: LogEntryId,
        id: LogFileId,
    ) -> Result<Option<String>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let key: Option<String> = sqlx::query_scalar(
                "DELETE FROM project_log_files WHERE entry_id = $1 AND id = $2 RETURNING storage_key",
            )
            .bind(entry.0).bind(id.0).fetch_optional(&mut *tx).await?;
            if key.is_some() {
                sqlx::query("UPDATE project_log SET version = version + 1 WHERE id = $1")
                    .bind(entry.0).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Option<String>, sqlx::Error>(key)
        })
    }

    /// Marks a file of an entry as fit for the public page, or takes the mark back, if
    /// the entry's `version` is current (raising it).
    pub async fn set_file_cleared(
        &self,
        project: ProjectId,
        entry: LogEntryId,
        id: LogFileId,
        cleared: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let outcome: Option<u64> = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let found = sqlx::query("UPDATE project_log_files SET cleared = $1 WHERE entry_id = $2 AND id = $3")
                .bind(cleared).bind(entry.0).bind(id.0).execute(&mut *tx).await?.rows_affected();
            let mut n = 0;
            if found > 0 {
                n = sqlx::query("UPDATE project_log SET version = version + 1 WHERE project_id = $1 AND id = $2 AND version = $3")
                    .bind(project.0).bind(entry.0).bind(version).execute(&mut *tx).await?.rows_affected();
                if n > 0 {
                    tx.commit().await?;
                }
            }
            Ok::<Option<u64>, sqlx::Error>((found > 0).then_some(n))
        })?;
        match outcome {
            None => Ok(Update::NotFound),
            Some(n) => self.settle_entry(project, entry, n).await,
        }
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

    /// The project's milestones by date, with the reflections when `reflections`.
    pub async fn milestones(
        &self,
        project: ProjectId,
        reflections: bool,
    ) -> Result<Vec<Milestone>, sqlx::Error> {
        const MILESTONES: &str = "SELECT ms.id, ms.activity_id, a.title, a.starts_on, ms.done, ms.outcome, ms.version \
             FROM project_milestones ms JOIN wheel_activities a ON a.id = ms.activity_id \
             WHERE ms.project_id = $1 ORDER BY a.starts_on, ms.id";
        const REFLECTIONS: &str = "SELECT r.milestone_id, r.id, r.author_id, p.name, r.text, r.written_on \
             FROM project_reflections r JOIN project_milestones ms ON ms.id = r.milestone_id \
             JOIN persons p ON p.id = r.author_id WHERE ms.project_id = $1 ORDER BY r.id";
        type Row = (i64, i64, String, String, bool, String, i64);
        type ReflectionRow = (i64, i64, i64, String, String, String);
        let (rows, notes): (Vec<Row>, Vec<ReflectionRow>) = with_db!(self, pool => {
            let rows = sqlx::query_as(MILESTONES).bind(project.0).fetch_all(pool).await?;
            let notes = if reflections {
                sqlx::query_as(REFLECTIONS).bind(project.0).fetch_all(pool).await?
            } else {
                Vec::new()
            };
            Ok::<_, sqlx::Error>((rows, notes))
        })?;
        let mut out: Vec<Milestone> = rows
            .into_iter()
            .map(
                |(id, activity, title, due_on, done, outcome, version)| Milestone {
                    id: MilestoneId(id),
                    activity: ActivityId(activity),
                    title,
                    due_on,
                    done,
                    outcome,
                    reflections: Vec::new(),
                    version,
                },
            )
            .collect();
        for (milestone, id, author, name, text, written_on) in notes {
            if let Some(m) = out.iter_mut().find(|m| m.id.0 == milestone) {
                m.reflections.push(Reflection {
                    id: ReflectionId(id),
                    author: PersonRef {
                        id: PersonId(author),
                        name,
                    },
                    text,
                    written_on,
                });
            }
        }
        Ok(out)
    }

    /// The school year of a project's milestone (its activity's).
    pub async fn milestone_year(
        &self,
        project: ProjectId,
        id: MilestoneId,
    ) -> Result<Option<SchoolYearId>, sqlx::Error> {
        const SQL: &str = "SELECT a.school_year_id FROM project_milestones ms \
             JOIN wheel_activities a ON a.id = ms.activity_id WHERE ms.project_id = $1 AND ms.id = $2";
        let found: Option<i64> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(project.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(found.map(SchoolYearId))
    }

    /// Adds a participant's reflection on a milestone of the project; `None` when the
    /// project has no such milestone.
    pub async fn add_reflection(
        &self,
        project: ProjectId,
        milestone: MilestoneId,
        author: PersonId,
        text: &str,
        today: &str,
    ) -> Result<Option<ReflectionId>, sqlx::Error> {
        const SQL: &str = "INSERT INTO project_reflections (milestone_id, author_id, text, written_on, created_at) \
             SELECT ms.id, $1, $2, $3, $4 FROM project_milestones ms WHERE ms.project_id = $5 AND ms.id = $6 RETURNING id";
        let id: Option<i64> = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(author.0).bind(text.trim()).bind(today).bind(Utc::now()).bind(project.0).bind(milestone.0)
            .fetch_optional(pool).await)?;
        Ok(id.map(ReflectionId))
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
