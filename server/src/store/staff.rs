//! Statements about staff: the filtered, paged list behind the admin list and the
//! colleague directory, the search keys, and the all-or-nothing CSV import.

use std::collections::HashMap;

use chrono::Utc;
use kollegium_shared::collate::sort_key;
use kollegium_shared::ids::{MunicipalityId, PersonId, SchoolId};
use kollegium_shared::org::import::{Action, ExistingPerson, KnownSchool, KnownSubject, Plan};
use kollegium_shared::org::{
    NewStaffMember, Role, SUBJECTS, SchoolRef, StaffMember, StaffPage, StaffPatch, StaffQuery,
    StaffSort, Stage, search_text,
};

use kollegium_shared::validation::normalize_email;

use super::{BeginWrite, Store, Update, placeholders, with_db};

/// The most search words used; more are ignored.
const MAX_WORDS: usize = 4;

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    name: String,
    email: String,
    title: String,
    active: bool,
    version: i64,
}

/// Related rows of a set of people, by person.
#[derive(Default)]
struct Related {
    schools: HashMap<i64, Vec<SchoolRef>>,
    subjects: HashMap<i64, Vec<String>>,
    stages: HashMap<i64, Vec<Stage>>,
    roles: HashMap<i64, Vec<Role>>,
    expertise: HashMap<i64, Vec<String>>,
}

fn like_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Writes a person's search text and sort key from what is stored about them;
/// evaluates to a `Result`.
macro_rules! reindex_person {
    ($tx:expr, $m:expr, $p:expr) => {
        async {
            let (name, email, title): (String, String, String) =
                sqlx::query_as("SELECT name, email, title FROM persons WHERE id = $1 AND municipality_id = $2")
                    .bind($p)
                    .bind($m)
                    .fetch_one(&mut *$tx)
                    .await?;
            let schools: Vec<(String,)> = sqlx::query_as(
                "SELECT s.name FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = $1 AND ps.municipality_id = $2",
            )
            .bind($p)
            .bind($m)
            .fetch_all(&mut *$tx)
            .await?;
            let subjects: Vec<(String,)> =
                sqlx::query_as("SELECT subject FROM person_subjects WHERE person_id = $1 AND municipality_id = $2")
                    .bind($p)
                    .bind($m)
                    .fetch_all(&mut *$tx)
                    .await?;
            let custom: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM subjects WHERE municipality_id = $1")
                .bind($m)
                .fetch_all(&mut *$tx)
                .await?;
            let expertise: Vec<(String,)> =
                sqlx::query_as("SELECT tag FROM person_expertise WHERE person_id = $1 AND municipality_id = $2")
                    .bind($p)
                    .bind($m)
                    .fetch_all(&mut *$tx)
                    .await?;
            let subject_names: Vec<String> = subjects
                .iter()
                .map(|(code,)| {
                    SUBJECTS
                        .iter()
                        .find(|s| s.code == code)
                        .map(|s| s.sv.to_owned())
                        .or_else(|| custom.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()))
                        .unwrap_or_else(|| code.clone())
                })
                .collect();
            let text = search_text(
                [name.as_str(), email.as_str(), title.as_str()]
                    .into_iter()
                    .chain(schools.iter().map(|(s,)| s.as_str()))
                    .chain(subject_names.iter().map(String::as_str))
                    .chain(expertise.iter().map(|(t,)| t.as_str())),
            );
            sqlx::query("UPDATE persons SET search_text = $1, sort_key = $2 WHERE id = $3 AND municipality_id = $4")
                .bind(text)
                .bind(sort_key(&name))
                .bind($p)
                .bind($m)
                .execute(&mut *$tx)
                .await?;
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

/// Replaces the given relations of a person (`None` leaves one as it is); evaluates to
/// a `Result`.
macro_rules! replace_relations {
    ($tx:expr, $m:expr, $pid:expr, $schools:expr, $subjects:expr, $stages:expr, $roles:expr, $expertise:expr) => {
        async {
            let schools: Option<&[SchoolId]> = $schools;
            let subjects: Option<&[String]> = $subjects;
            let stages: Option<&[Stage]> = $stages;
            let roles: Option<&[Role]> = $roles;
            let expertise: Option<&[String]> = $expertise;
            if let Some(schools) = schools {
                sqlx::query("DELETE FROM person_schools WHERE person_id = $1 AND municipality_id = $2").bind($pid).bind($m).execute(&mut *$tx).await?;
                let mut seen = std::collections::BTreeSet::new();
                for s in schools.iter().filter(|s| seen.insert(s.0)) {
                    sqlx::query("INSERT INTO person_schools (municipality_id, person_id, school_id) VALUES ($1, $2, $3)")
                        .bind($m).bind($pid).bind(s.0).execute(&mut *$tx).await?;
                }
            }
            if let Some(subjects) = subjects {
                sqlx::query("DELETE FROM person_subjects WHERE person_id = $1 AND municipality_id = $2").bind($pid).bind($m).execute(&mut *$tx).await?;
                let mut seen = std::collections::BTreeSet::new();
                for (i, s) in subjects.iter().filter(|s| seen.insert(s.as_str())).enumerate() {
                    sqlx::query("INSERT INTO person_subjects (municipality_id, person_id, subject, position) VALUES ($1, $2, $3, $4)")
                        .bind($m).bind($pid).bind(s).bind(i as i64).execute(&mut *$tx).await?;
                }
            }
            if let Some(stages) = stages {
                sqlx::query("DELETE FROM person_stages WHERE person_id = $1 AND municipality_id = $2").bind($pid).bind($m).execute(&mut *$tx).await?;
                let set: std::collections::BTreeSet<Stage> = stages.iter().copied().collect();
                for s in set {
                    sqlx::query("INSERT INTO person_stages (municipality_id, person_id, stage) VALUES ($1, $2, $3)")
                        .bind($m).bind($pid).bind(s.code()).execute(&mut *$tx).await?;
                }
            }
            if let Some(roles) = roles {
                sqlx::query("DELETE FROM person_roles WHERE person_id = $1 AND municipality_id = $2").bind($pid).bind($m).execute(&mut *$tx).await?;
                let set: std::collections::BTreeSet<Role> = roles.iter().copied().collect();
                for r in set {
                    sqlx::query("INSERT INTO person_roles (municipality_id, person_id, role) VALUES ($1, $2, $3)")
                        .bind($m).bind($pid).bind(r.code()).execute(&mut *$tx).await?;
                }
            }
            if let Some(expertise) = expertise {
                sqlx::query("DELETE FROM person_expertise WHERE person_id = $1 AND municipality_id = $2").bind($pid).bind($m).execute(&mut *$tx).await?;
                let set: std::collections::BTreeSet<&str> = expertise.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
                for t in set {
                    sqlx::query("INSERT INTO person_expertise (municipality_id, person_id, tag) VALUES ($1, $2, $3)")
                        .bind($m).bind($pid).bind(t).execute(&mut *$tx).await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

impl Store {
    /// Creates a member of staff (no password yet: an administrator's reset gives one).
    /// Fails with a unique violation when the e-mail is taken in the municipality.
    pub async fn create_person(
        &self,
        municipality: MunicipalityId,
        new: &NewStaffMember,
    ) -> Result<PersonId, sqlx::Error> {
        let m = municipality.0;
        let now = Utc::now();
        let email = normalize_email(&new.email);
        let pid = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (pid,): (i64,) = sqlx::query_as(
                "INSERT INTO persons (municipality_id, email, name, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                .bind(m).bind(&email).bind(new.name.trim()).bind(new.title.trim()).bind(now).fetch_one(&mut *tx).await?;
            replace_relations!(tx, m, pid, Some(&new.school_ids[..]), Some(&new.subjects[..]), Some(&new.stages[..]), Some(&new.roles[..]), Some(&new.expertise[..]))?;
            reindex_person!(tx, m, pid)?;
            tx.commit().await?;
            pid
        });
        Ok(PersonId(pid))
    }

    /// Applies `patch` if the person is still at `patch.version`; all of it or nothing.
    pub async fn update_person(
        &self,
        municipality: MunicipalityId,
        id: PersonId,
        patch: &StaffPatch,
    ) -> Result<Update<()>, sqlx::Error> {
        let (m, p) = (municipality.0, id.0);
        let now = Utc::now();
        let email = patch.email.as_deref().map(normalize_email);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<(i64,)> = sqlx::query_as("SELECT version FROM persons WHERE id = $1 AND municipality_id = $2")
                .bind(p).bind(m).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some((v,)) if v != patch.version => return Ok(Update::Stale),
                Some(_) => {}
            }
            let done = sqlx::query(
                "UPDATE persons SET name = COALESCE($1, name), email = COALESCE($2, email), title = COALESCE($3, title), \
                 active = COALESCE($4, active), version = version + 1, updated_at = $5, \
                 session_generation = session_generation + CASE WHEN $4 = FALSE THEN 1 ELSE 0 END \
                 WHERE id = $6 AND municipality_id = $7 AND version = $8")
                .bind(patch.name.as_deref().map(str::trim)).bind(email.as_deref()).bind(patch.title.as_deref().map(str::trim))
                .bind(patch.active).bind(now).bind(p).bind(m).bind(patch.version)
                .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            replace_relations!(tx, m, p, patch.school_ids.as_deref(), patch.subjects.as_deref(), patch.stages.as_deref(), patch.roles.as_deref(), patch.expertise.as_deref())?;
            reindex_person!(tx, m, p)?;
            tx.commit().await?;
        });
        Ok(Update::Done(()))
    }

    /// Gives an active person a new password that must be changed at the next sign-in,
    /// ending the sessions signed in before. Returns whether the person was found.
    pub async fn reset_password(
        &self,
        municipality: MunicipalityId,
        id: PersonId,
        hash: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "UPDATE persons SET password_hash = $1, must_change_password = TRUE, session_generation = session_generation + 1, \
             version = version + 1, updated_at = $2 \
             WHERE id = $3 AND municipality_id = $4 AND active = TRUE";
        let now = Utc::now();
        let n = with_db!(self, pool => sqlx::query(SQL).bind(hash).bind(now).bind(id.0).bind(municipality.0)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// One page of the municipality's staff matching `query`.
    pub async fn list_staff(
        &self,
        municipality: MunicipalityId,
        query: &StaffQuery,
        include_inactive: bool,
    ) -> Result<StaffPage, sqlx::Error> {
        let words: Vec<String> = query
            .q
            .as_deref()
            .map(kollegium_shared::text::fold)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(MAX_WORDS)
            .map(like_pattern)
            .collect();
        let mut patterns = words;
        patterns.resize(MAX_WORDS, "%".to_owned());
        let filter = "FROM persons p WHERE p.municipality_id = $1 AND (p.active = TRUE OR $2 = TRUE) \
             AND p.search_text LIKE $3 ESCAPE '\\' AND p.search_text LIKE $4 ESCAPE '\\' \
             AND p.search_text LIKE $5 ESCAPE '\\' AND p.search_text LIKE $6 ESCAPE '\\' \
             AND (CAST($7 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM person_schools x WHERE x.person_id = p.id AND x.school_id = $7)) \
             AND (CAST($8 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_subjects x WHERE x.person_id = p.id AND x.subject = $8)) \
             AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_stages x WHERE x.person_id = p.id AND x.stage = $9)) \
             AND (CAST($10 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = $10))";
        let order = match query.sort.unwrap_or_default() {
            StaffSort::Name => "p.sort_key, p.id",
            StaffSort::NameDesc => "p.sort_key DESC, p.id DESC",
            StaffSort::Email => "p.email, p.id",
        };
        let (page, per_page) = (query.page(), query.per_page());
        let count_sql = format!("SELECT COUNT(*) {filter}");
        let page_sql = format!(
            "SELECT p.id, p.name, p.email, p.title, p.active, p.version {filter} ORDER BY {order} LIMIT $11 OFFSET $12"
        );
        let stage = query.stage.map(Stage::code);
        let role = query.role.map(Role::code);
        let offset = i64::from(page - 1) * i64::from(per_page);
        let m = municipality.0;

        let (total, rows) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            macro_rules! bind_filter {
                ($q:expr) => {
                    $q.bind(m).bind(include_inactive)
                        .bind(&patterns[0]).bind(&patterns[1]).bind(&patterns[2]).bind(&patterns[3])
                        .bind(query.school.map(|s| s.0)).bind(query.subject.as_deref()).bind(stage).bind(role)
                };
            }
            let (total,): (i64,) = bind_filter!(sqlx::query_as(&count_sql)).fetch_one(&mut *tx).await?;
            let rows: Vec<StaffRow> = bind_filter!(sqlx::query_as(&page_sql))
                .bind(i64::from(per_page)).bind(offset).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            (total, rows)
        });
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let related = self.related(municipality, &ids).await?;
        Ok(StaffPage {
            items: rows.into_iter().map(|r| assemble(r, &related)).collect(),
            total: u64::try_from(total).unwrap_or(0),
            page,
            per_page,
        })
    }

    /// One member of staff, active or not.
    pub async fn staff_member(
        &self,
        municipality: MunicipalityId,
        id: PersonId,
    ) -> Result<Option<StaffMember>, sqlx::Error> {
        const SQL: &str = "SELECT id, name, email, title, active, version FROM persons WHERE id = $1 AND municipality_id = $2";
        let row: Option<StaffRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(id.0).bind(municipality.0).fetch_optional(pool).await)?;
        let Some(row) = row else { return Ok(None) };
        let related = self.related(municipality, &[row.id]).await?;
        Ok(Some(assemble(row, &related)))
    }

    async fn related(
        &self,
        municipality: MunicipalityId,
        ids: &[i64],
    ) -> Result<Related, sqlx::Error> {
        let mut related = Related::default();
        if ids.is_empty() {
            return Ok(related);
        }
        let list = placeholders(2, ids.len());
        let schools_sql = format!(
            "SELECT ps.person_id, s.id, s.name FROM person_schools ps JOIN schools s ON s.id = ps.school_id \
             WHERE ps.municipality_id = $1 AND ps.person_id IN ({list})"
        );
        let subjects_sql = format!(
            "SELECT person_id, subject FROM person_subjects WHERE municipality_id = $1 AND person_id IN ({list}) ORDER BY person_id, position"
        );
        let stages_sql = format!(
            "SELECT person_id, stage FROM person_stages WHERE municipality_id = $1 AND person_id IN ({list}) ORDER BY person_id, stage"
        );
        let roles_sql = format!(
            "SELECT person_id, role FROM person_roles WHERE municipality_id = $1 AND person_id IN ({list}) ORDER BY person_id, role"
        );
        let expertise_sql = format!(
            "SELECT person_id, tag FROM person_expertise WHERE municipality_id = $1 AND person_id IN ({list}) ORDER BY tag"
        );
        let m = municipality.0;
        let (schools, subjects, stages, roles, expertise) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            macro_rules! fetch {
                ($sql:expr) => {{
                    let mut q = sqlx::query_as($sql).bind(m);
                    for id in ids {
                        q = q.bind(*id);
                    }
                    q.fetch_all(&mut *tx).await
                }};
            }
            let schools: Vec<(i64, i64, String)> = fetch!(&schools_sql)?;
            let subjects: Vec<(i64, String)> = fetch!(&subjects_sql)?;
            let stages: Vec<(i64, String)> = fetch!(&stages_sql)?;
            let roles: Vec<(i64, String)> = fetch!(&roles_sql)?;
            let expertise: Vec<(i64, String)> = fetch!(&expertise_sql)?;
            tx.commit().await?;
            (schools, subjects, stages, roles, expertise)
        });
        for (p, id, name) in schools {
            related.schools.entry(p).or_default().push(SchoolRef {
                id: SchoolId(id),
                name,
            });
        }
        for (p, s) in subjects {
            related.subjects.entry(p).or_default().push(s);
        }
        for (p, s) in stages {
            related
                .stages
                .entry(p)
                .or_default()
                .extend(Stage::from_code(&s));
        }
        for (p, r) in roles {
            related
                .roles
                .entry(p)
                .or_default()
                .extend(Role::from_code(&r));
        }
        for (p, t) in expertise {
            related.expertise.entry(p).or_default().push(t);
        }
        Ok(related)
    }

    /// Writes search keys for people who have none yet (rows from before the keys
    /// existed); cheap when there are none.
    pub async fn backfill_search_keys(&self) -> Result<usize, sqlx::Error> {
        let missing: Vec<(i64, i64)> = with_db!(self, pool => sqlx::query_as("SELECT municipality_id, id FROM persons WHERE sort_key = ''").fetch_all(pool).await)?;
        for chunk in missing.chunks(500) {
            with_db!(self, pool => {
                let mut tx = pool.begin_write().await?;
                for (m, p) in chunk {
                    reindex_person!(tx, *m, *p)?;
                }
                tx.commit().await?;
            });
        }
        Ok(missing.len())
    }

    /// What an import is checked against: active schools, own subjects, everyone stored.
    pub async fn import_context(
        &self,
        municipality: MunicipalityId,
    ) -> Result<(Vec<KnownSchool>, Vec<KnownSubject>, Vec<ExistingPerson>), sqlx::Error> {
        let m = municipality.0;
        let (schools, subjects, people) = with_db!(self, pool => {
            // Reads only: one consistent snapshot, no write lock.
            let mut tx = pool.begin().await?;
            let schools: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM schools WHERE municipality_id = $1 AND active = TRUE")
                .bind(m).fetch_all(&mut *tx).await?;
            let subjects: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM subjects WHERE municipality_id = $1")
                .bind(m).fetch_all(&mut *tx).await?;
            let people: Vec<(i64, String, String, String)> = sqlx::query_as("SELECT id, email, name, title FROM persons WHERE municipality_id = $1")
                .bind(m).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            (schools, subjects, people)
        });
        let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
        let mut related = Related::default();
        for chunk in ids.chunks(500) {
            let part = self.related(municipality, chunk).await?;
            related.schools.extend(part.schools);
            related.subjects.extend(part.subjects);
            related.stages.extend(part.stages);
            related.roles.extend(part.roles);
        }
        let existing = people
            .into_iter()
            .map(|(id, email, name, title)| ExistingPerson {
                id: PersonId(id),
                email,
                name,
                title,
                schools: related
                    .schools
                    .get(&id)
                    .map(|s| s.iter().map(|s| s.id).collect())
                    .unwrap_or_default(),
                subjects: related.subjects.remove(&id).unwrap_or_default(),
                stages: related.stages.remove(&id).unwrap_or_default(),
                roles: related.roles.remove(&id).unwrap_or_default(),
            })
            .collect();
        Ok((
            schools
                .into_iter()
                .map(|(id, name)| KnownSchool {
                    id: SchoolId(id),
                    name,
                })
                .collect(),
            subjects
                .into_iter()
                .map(|(code, name)| KnownSubject { code, name })
                .collect(),
            existing,
        ))
    }

    /// Applies a checked plan in one transaction: all of it or, on any failure, nothing.
    pub async fn apply_import(
        &self,
        municipality: MunicipalityId,
        plan: &Plan,
    ) -> Result<(), sqlx::Error> {
        let m = municipality.0;
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for (row, action) in &plan.rows {
                let pid = match action {
                    Action::Unchanged(_) => continue,
                    Action::Create => {
                        let (pid,): (i64,) = sqlx::query_as(
                            "INSERT INTO persons (municipality_id, email, name, title, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                            .bind(m).bind(&row.email).bind(&row.name).bind(row.title.as_deref().unwrap_or(""))
                            .bind(now).fetch_one(&mut *tx).await?;
                        pid
                    }
                    Action::Update(id) => {
                        sqlx::query(
                            "UPDATE persons SET name = $1, title = COALESCE($2, title), version = version + 1, updated_at = $3 \
                             WHERE id = $4 AND municipality_id = $5")
                            .bind(&row.name).bind(row.title.as_deref()).bind(now).bind(id.0).bind(m)
                            .execute(&mut *tx).await?;
                        id.0
                    }
                };
                let roles = match (&row.roles, action) {
                    (Some(r), _) => Some(r.clone()),
                    (None, Action::Create) => Some(vec![Role::Larare]),
                    (None, _) => None,
                };
                replace_relations!(tx, m, pid, row.schools.as_deref(), row.subjects.as_deref(), row.stages.as_deref(), roles.as_deref(), None)?;
                reindex_person!(tx, m, pid)?;
            }
            tx.commit().await
        })
    }
}

fn assemble(row: StaffRow, related: &Related) -> StaffMember {
    let mut stages = related.stages.get(&row.id).cloned().unwrap_or_default();
    stages.sort_unstable();
    let mut roles = related.roles.get(&row.id).cloned().unwrap_or_default();
    roles.sort_unstable();
    let mut schools = related.schools.get(&row.id).cloned().unwrap_or_default();
    schools.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.name, &b.name));
    StaffMember {
        id: PersonId(row.id),
        name: row.name,
        email: row.email,
        title: row.title,
        schools,
        subjects: related.subjects.get(&row.id).cloned().unwrap_or_default(),
        stages,
        roles,
        expertise: related.expertise.get(&row.id).cloned().unwrap_or_default(),
        active: row.active,
        version: row.version,
    }
}
