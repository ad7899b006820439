//! Statements about school years, groups and their members. Every membership change
//! bumps the group's version, so two members of the steering group editing the same
//! roster cannot overwrite each other; the leaders' group is brought in step with the
//! learning groups' leaders inside the same transaction as the change that moves them.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use kollegium_shared::collate::swedish_cmp;
use kollegium_shared::groups::formation::{Bounds, Candidate, ExistingGroup};
use kollegium_shared::groups::{
    Group, GroupKind, GroupMember, GroupPatch, GroupRef, NewGroup, NewSchoolYear, SchoolYear,
    rotation,
};
use kollegium_shared::ids::{GroupId, MunicipalityId, PersonId, SchoolId, SchoolYearId};
use kollegium_shared::org::{Role, SchoolRef, Stage};

use super::{BeginWrite, Store, Update, with_db};

/// Which groups to load.
#[derive(Debug, Clone, Copy)]
pub enum GroupFilter {
    /// Every group of a school year.
    Year(SchoolYearId),
    /// One group.
    One(GroupId),
    /// The groups of a year that a person is in.
    OfPerson(SchoolYearId, PersonId),
    /// The networks of a school year (kinds `ikt_natverk` and `natverk`).
    Networks(SchoolYearId),
}

impl GroupFilter {
    /// A condition on `groups g` and its parameters after `$1` (the municipality).
    fn condition(self) -> (&'static str, Vec<i64>) {
        match self {
            GroupFilter::Year(y) => (
                "g.municipality_id = $1 AND g.school_year_id = $2",
                vec![y.0],
            ),
            GroupFilter::One(id) => ("g.municipality_id = $1 AND g.id = $2", vec![id.0]),
            GroupFilter::Networks(y) => (
                "g.municipality_id = $1 AND g.school_year_id = $2 AND g.kind IN ('ikt_natverk', 'natverk')",
                vec![y.0],
            ),
            GroupFilter::OfPerson(y, p) => (
                "g.municipality_id = $1 AND g.school_year_id = $2 AND g.id IN \
                 (SELECT group_id FROM group_members WHERE person_id = $3)",
                vec![y.0, p.0],
            ),
        }
    }
}

/// A group the formation creates or adds to, with names and reasons already written.
#[derive(Debug, Clone)]
pub struct FormedGroup {
    pub existing: Option<GroupId>,
    pub name: String,
    pub subject: Option<String>,
    pub stages: Vec<Stage>,
    /// New members with the reason for each; kept members are not listed.
    pub added: Vec<(PersonId, String)>,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    school_year_id: i64,
    kind: String,
    name: String,
    subject: Option<String>,
    stages: String,
    target_size: Option<i64>,
    description: String,
    last_documenter_id: Option<i64>,
    documenter_owed: String,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    group_id: i64,
    id: i64,
    name: String,
    email: String,
    active: bool,
    leader: bool,
    reason: String,
}

/// Groups, members, members' (person, school id, school name) and (person, subject).
type GroupRows = (
    Vec<GroupRow>,
    Vec<MemberRow>,
    Vec<(i64, i64, String)>,
    Vec<(i64, String)>,
);

/// Teachers (id, chosen subject), their (person, school), (person, subject) and
/// (person, stage), learning groups (id, subject, stages) and (group, member).
type FormationRows = (
    Vec<(i64, Option<String>)>,
    Vec<(i64, i64)>,
    Vec<(i64, String)>,
    Vec<(i64, String)>,
    Vec<(i64, Option<String>, String)>,
    Vec<(i64, i64)>,
);

#[derive(sqlx::FromRow)]
struct YearRow {
    id: i64,
    name: String,
    starts_on: String,
    spring_starts_on: String,
    ends_on: String,
    version: i64,
}

impl From<YearRow> for SchoolYear {
    fn from(r: YearRow) -> SchoolYear {
        SchoolYear {
            id: SchoolYearId(r.id),
            name: r.name,
            starts_on: r.starts_on,
            spring_starts_on: r.spring_starts_on,
            ends_on: r.ends_on,
            version: r.version,
        }
    }
}

fn stages_text(stages: &[Stage]) -> String {
    stages
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_stages(text: &str) -> Vec<Stage> {
    text.split(',').filter_map(Stage::from_code).collect()
}

/// A group's rotation as stored: the last documenter and the ids owed a turn.
pub(super) fn standing(last: Option<i64>, owed: &str) -> rotation::Standing {
    rotation::Standing {
        last: last.map(PersonId),
        owed: owed
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .map(PersonId)
            .collect(),
    }
}

/// The ids owed a turn, as stored.
pub(super) fn owed_text(standing: &rotation::Standing) -> String {
    standing
        .owed
        .iter()
        .map(|p| p.0.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Brings the year's leaders' group in step with the leaders of its learning groups,
/// creating it when the first leader is named; evaluates to a `Result<(), sqlx::Error>`.
macro_rules! sync_leaders_group {
    ($tx:expr, $m:expr, $year:expr, $now:expr) => {
        async {
            let leaders: Vec<(i64,)> = sqlx::query_as(
                "SELECT DISTINCT gm.person_id FROM group_members gm JOIN groups g ON g.id = gm.group_id \
                 WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.kind = 'largrupp' AND gm.leader = TRUE",
            )
            .bind($m)
            .bind($year)
            .fetch_all(&mut *$tx)
            .await?;
            let leaders: BTreeSet<i64> = leaders.into_iter().map(|(p,)| p).collect();
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM groups WHERE municipality_id = $1 AND school_year_id = $2 AND kind = 'ledargrupp' ORDER BY id LIMIT 1",
            )
            .bind($m)
            .bind($year)
            .fetch_optional(&mut *$tx)
            .await?;
            let group = match existing {
                Some((id,)) => Some(id),
                None if !leaders.is_empty() => {
                    let (year_name,): (String,) =
                        sqlx::query_as("SELECT name FROM school_years WHERE id = $1 AND municipality_id = $2")
                            .bind($year)
                            .bind($m)
                            .fetch_one(&mut *$tx)
                            .await?;
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO groups (municipality_id, school_year_id, kind, name, created_at, updated_at) \
                         VALUES ($1, $2, 'ledargrupp', $3, $4, $4) RETURNING id",
                    )
                    .bind($m)
                    .bind($year)
                    .bind(format!("Lärgruppsledare {year_name}"))
                    .bind($now)
                    .fetch_one(&mut *$tx)
                    .await?;
                    Some(id)
                }
                None => None,
            };
            if let Some(group) = group {
                let current: Vec<(i64, i64)> =
                    sqlx::query_as("SELECT person_id, position FROM group_members WHERE group_id = $1 ORDER BY position")
                        .bind(group)
                        .fetch_all(&mut *$tx)
                        .await?;
                let present: BTreeSet<i64> = current.iter().map(|(p, _)| *p).collect();
                let mut next = current.iter().map(|(_, pos)| pos + 1).max().unwrap_or(0);
                let mut changed = false;
                for (p, _) in current.iter().filter(|(p, _)| !leaders.contains(p)) {
                    sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2")
                        .bind(group)
                        .bind(*p)
                        .execute(&mut *$tx)
                        .await?;
                    changed = true;
                }
                for p in leaders.iter().filter(|p| !present.contains(p)) {
                    sqlx::query(
                        "INSERT INTO group_members (municipality_id, group_id, person_id, position) VALUES ($1, $2, $3, $4)",
                    )
                    .bind($m)
                    .bind(group)
                    .bind(*p)
                    .bind(next)
                    .execute(&mut *$tx)
                    .await?;
                    next += 1;
                    changed = true;
                }
                if changed {
                    sqlx::query("UPDATE groups SET version = version + 1, updated_at = $1 WHERE id = $2")
                        .bind($now)
                        .bind(group)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

/// A group's version as checked (and moved on) inside a transaction.
enum Locked {
    /// The version was current and is now the next: the group's school year and kind.
    Held(i64, GroupKind),
    /// No such group in the municipality.
    Gone,
    /// The group changed since the version the caller read.
    Stale,
}

impl Locked {
    /// What a change answers when the group could not be locked.
    fn refused<T>(&self) -> Update<T> {
        match self {
            Locked::Gone => Update::NotFound,
            _ => Update::Stale,
        }
    }
}

/// Checks a group's version inside the transaction `$tx` and moves it on; evaluates to
/// a `Result<Locked, sqlx::Error>` for the caller to act on.
macro_rules! lock_group {
    ($tx:expr, $m:expr, $id:expr, $version:expr) => {
        async {
            let row: Option<(i64, String, i64)> = sqlx::query_as(
                "SELECT school_year_id, kind, version FROM groups WHERE id = $1 AND municipality_id = $2",
            )
            .bind($id)
            .bind($m)
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((year, kind, current)) = row else {
                return Ok::<Locked, sqlx::Error>(Locked::Gone);
            };
            if current != $version {
                return Ok(Locked::Stale);
            }
            let bumped: Option<(i64,)> = sqlx::query_as(
                "UPDATE groups SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3 RETURNING id",
            )
            .bind(Utc::now())
            .bind($id)
            .bind($version)
            .fetch_optional(&mut *$tx)
            .await?;
            Ok(match bumped {
                Some(_) => Locked::Held(
                    year,
                    GroupKind::from_code(&kind).unwrap_or(GroupKind::Projektgrupp),
                ),
                None => Locked::Stale,
            })
        }
        .await
    };
}

impl Store {
    /// The municipality's school years, newest first.
    pub async fn school_years(&self, m: MunicipalityId) -> Result<Vec<SchoolYear>, sqlx::Error> {
        const SQL: &str = "SELECT id, name, starts_on, spring_starts_on, ends_on, version FROM school_years \
                           WHERE municipality_id = $1 ORDER BY starts_on DESC";
        let rows: Vec<YearRow> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(SchoolYear::from).collect())
    }

    /// One school year.
    pub async fn school_year(
        &self,
        m: MunicipalityId,
        id: SchoolYearId,
    ) -> Result<Option<SchoolYear>, sqlx::Error> {
        const SQL: &str = "SELECT id, name, starts_on, spring_starts_on, ends_on, version FROM school_years \
                           WHERE municipality_id = $1 AND id = $2";
        let row: Option<YearRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(SchoolYear::from))
    }

    /// The year `today` (YYYY-MM-DD) falls in; else the next to start; else the latest.
    pub async fn current_school_year(
        &self,
        m: MunicipalityId,
        today: &str,
    ) -> Result<Option<SchoolYear>, sqlx::Error> {
        let years = self.school_years(m).await?;
        let containing = years
            .iter()
            .find(|y| y.starts_on.as_str() <= today && today <= y.ends_on.as_str());
        let upcoming = years
            .iter()
            .filter(|y| y.starts_on.as_str() > today)
            .min_by(|a, b| a.starts_on.cmp(&b.starts_on));
        Ok(containing.or(upcoming).or(years.first()).cloned())
    }

    /// Adds a school year unless it shares a day with another of the municipality's
    /// (then none); a unique violation when the name is taken. Years are added one at a
    /// time per municipality, so two overlapping ones cannot both pass the check.
    pub async fn create_school_year(
        &self,
        m: MunicipalityId,
        new: &NewSchoolYear,
    ) -> Result<Option<SchoolYearId>, sqlx::Error> {
        // A write to the municipality's row holds others adding years until commit.
        const LOCK: &str = "UPDATE municipalities SET group_min = group_min WHERE id = $1";
        const OVERLAP: &str = "SELECT id FROM school_years WHERE municipality_id = $1 AND starts_on <= $3 AND $2 <= ends_on LIMIT 1";
        // A new year starts from the bounds the municipality's last formation used.
        const SQL: &str = "INSERT INTO school_years (municipality_id, name, starts_on, spring_starts_on, ends_on, created_at, updated_at, group_min, group_max) \
                           SELECT $1, $2, $3, $4, $5, $6, $6, group_min, group_max FROM municipalities WHERE id = $1 RETURNING id";
        let now = Utc::now();
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(LOCK).bind(m.0).execute(&mut *tx).await?;
            let overlapping: Option<(i64,)> = sqlx::query_as(OVERLAP)
                .bind(m.0).bind(&new.starts_on).bind(&new.ends_on)
                .fetch_optional(&mut *tx).await?;
            if overlapping.is_some() {
                return Ok(None);
            }
            let (id,): (i64,) = sqlx::query_as(SQL)
                .bind(m.0).bind(new.name.trim()).bind(&new.starts_on).bind(&new.spring_starts_on).bind(&new.ends_on).bind(now)
                .fetch_one(&mut *tx).await?;
            tx.commit().await?;
            id
        });
        Ok(Some(SchoolYearId(id)))
    }

    /// The bounds for the learning groups of one of the municipality's school years.
    pub async fn group_bounds(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Bounds, sqlx::Error> {
        const SQL: &str =
            "SELECT group_min, group_max FROM school_years WHERE id = $1 AND municipality_id = $2";
        let (min, max): (i64, i64) = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(year.0).bind(m.0).fetch_one(pool).await)?;
        Ok(Bounds {
            min: u32::try_from(min).unwrap_or(10),
            max: u32::try_from(max).unwrap_or(15),
        })
    }

    /// The groups of a year that each of `people` is in, learning groups first.
    pub async fn memberships(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, GroupRef)>, sqlx::Error> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (0..people.len())
            .map(|i| format!("${}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT gm.person_id, g.id, g.kind, g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND gm.person_id IN ({placeholders})"
        );
        let rows: Vec<(i64, i64, String, String)> = with_db!(self, pool => {
            let mut q = sqlx::query_as(&sql).bind(m.0).bind(year.0);
            for p in people {
                q = q.bind(p.0);
            }
            q.fetch_all(pool).await
        })?;
        let mut found: Vec<(PersonId, GroupRef)> = rows
            .into_iter()
            .map(|(p, id, kind, name)| {
                (
                    PersonId(p),
                    GroupRef {
                        id: GroupId(id),
                        kind: GroupKind::from_code(&kind).unwrap_or(GroupKind::Projektgrupp),
                        name,
                    },
                )
            })
            .collect();
        found.sort_by(|a, b| {
            a.1.kind
                .cmp(&b.1.kind)
                .then_with(|| swedish_cmp(&a.1.name, &b.1.name))
        });
        Ok(found)
    }

    /// Groups with their members in rotation order, learning groups first, then by name.
    pub async fn groups(
        &self,
        m: MunicipalityId,
        filter: GroupFilter,
    ) -> Result<Vec<Group>, sqlx::Error> {
        let (condition, params) = filter.condition();
        let groups_sql = format!(
            "SELECT g.id, g.school_year_id, g.kind, g.name, g.subject, g.stages, g.target_size, g.description, \
             g.last_documenter_id, g.documenter_owed, g.version FROM groups g WHERE {condition}"
        );
        let members_sql = format!(
            "SELECT gm.group_id, p.id, p.name, p.email, p.active, gm.leader, gm.reason \
             FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN persons p ON p.id = gm.person_id \
             WHERE {condition} ORDER BY gm.group_id, gm.position"
        );
        let people = format!(
            "SELECT gm.person_id FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE {condition}"
        );
        let schools_sql = format!(
            "SELECT ps.person_id, s.id, s.name FROM person_schools ps JOIN schools s ON s.id = ps.school_id \
             WHERE ps.person_id IN ({people}) ORDER BY s.name"
        );
        let subjects_sql = format!(
            "SELECT person_id, subject FROM person_subjects WHERE person_id IN ({people}) ORDER BY position"
        );
        let (rows, members, schools, subjects): GroupRows = with_db!(self, pool => {
            let mut q1 = sqlx::query_as(&groups_sql).bind(m.0);
            let mut q2 = sqlx::query_as(&members_sql).bind(m.0);
            let mut q3 = sqlx::query_as(&schools_sql).bind(m.0);
            let mut q4 = sqlx::query_as(&subjects_sql).bind(m.0);
            for p in &params {
                q1 = q1.bind(*p);
                q2 = q2.bind(*p);
                q3 = q3.bind(*p);
                q4 = q4.bind(*p);
            }
            (q1.fetch_all(pool).await?, q2.fetch_all(pool).await?, q3.fetch_all(pool).await?, q4.fetch_all(pool).await?)
        });
        let mut school_map: HashMap<i64, Vec<SchoolRef>> = HashMap::new();
        for (p, id, name) in schools {
            let list = school_map.entry(p).or_default();
            if !list.iter().any(|s| s.id.0 == id) {
                list.push(SchoolRef {
                    id: SchoolId(id),
                    name,
                });
            }
        }
        let mut subject_map: HashMap<i64, Vec<String>> = HashMap::new();
        for (p, s) in subjects {
            let list = subject_map.entry(p).or_default();
            if !list.contains(&s) {
                list.push(s);
            }
        }
        let mut member_map: HashMap<i64, Vec<GroupMember>> = HashMap::new();
        for r in members {
            member_map.entry(r.group_id).or_default().push(GroupMember {
                id: PersonId(r.id),
                schools: school_map.get(&r.id).cloned().unwrap_or_default(),
                subjects: subject_map.get(&r.id).cloned().unwrap_or_default(),
                name: r.name,
                email: Some(r.email),
                leader: r.leader,
                reason: r.reason,
                active: r.active,
            });
        }
        let mut groups: Vec<Group> = rows
            .into_iter()
            .map(|r| {
                let members = member_map.remove(&r.id).unwrap_or_default();
                let order: Vec<PersonId> =
                    members.iter().filter(|m| m.active).map(|m| m.id).collect();
                Group {
                    id: GroupId(r.id),
                    school_year_id: SchoolYearId(r.school_year_id),
                    kind: GroupKind::from_code(&r.kind).unwrap_or(GroupKind::Projektgrupp),
                    next_documenter: standing(r.last_documenter_id, &r.documenter_owed)
                        .next(&order, &[]),
                    name: r.name,
                    subject: r.subject,
                    stages: parse_stages(&r.stages),
                    target_size: r.target_size.and_then(|t| u32::try_from(t).ok()),
                    description: r.description,
                    members,
                    version: r.version,
                }
            })
            .collect();
        groups.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then_with(|| swedish_cmp(&a.name, &b.name))
        });
        Ok(groups)
    }

    /// One group.
    pub async fn group(
        &self,
        m: MunicipalityId,
        id: GroupId,
    ) -> Result<Option<Group>, sqlx::Error> {
        Ok(self.groups(m, GroupFilter::One(id)).await?.pop())
    }

    /// Active teachers (role lärare) of the municipality as (id, name), Swedish order.
    pub async fn teachers(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<(PersonId, String)>, sqlx::Error> {
        const SQL: &str = "SELECT p.id, p.name FROM persons p JOIN person_roles r ON r.person_id = p.id \
                           WHERE p.municipality_id = $1 AND p.active = TRUE AND r.role = $2 ORDER BY p.sort_key";
        let rows: Vec<(i64, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(Role::Larare.code()).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(id, n)| (PersonId(id), n)).collect())
    }

    /// What formation works from: the active teachers, and the year's learning groups
    /// with their members.
    pub async fn formation_input(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<(Vec<Candidate>, Vec<ExistingGroup>), sqlx::Error> {
        const PEOPLE: &str = "SELECT p.id, p.learning_subject FROM persons p JOIN person_roles r ON r.person_id = p.id \
                              WHERE p.municipality_id = $1 AND p.active = TRUE AND r.role = 'larare' ORDER BY p.id";
        const SCHOOLS: &str = "SELECT ps.person_id, ps.school_id FROM person_schools ps JOIN schools s ON s.id = ps.school_id \
                               WHERE ps.municipality_id = $1 AND s.active = TRUE ORDER BY ps.person_id, s.name, s.id";
        const SUBJECTS: &str = "SELECT person_id, subject FROM person_subjects WHERE municipality_id = $1 ORDER BY person_id, position";
        const STAGES: &str = "SELECT person_id, stage FROM person_stages WHERE municipality_id = $1 ORDER BY person_id, stage";
        const GROUPS: &str = "SELECT id, subject, stages FROM groups WHERE municipality_id = $1 AND school_year_id = $2 AND kind = 'largrupp' ORDER BY id";
        const MEMBERS: &str = "SELECT gm.group_id, gm.person_id FROM group_members gm JOIN groups g ON g.id = gm.group_id \
                               JOIN persons p ON p.id = gm.person_id \
                               WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.kind = 'largrupp' AND p.active = TRUE \
                               ORDER BY gm.group_id, gm.position";
        let (people, schools, subjects, stages, groups, members): FormationRows = with_db!(self, pool => (
            sqlx::query_as(PEOPLE).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(SCHOOLS).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(SUBJECTS).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(STAGES).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(GROUPS).bind(m.0).bind(year.0).fetch_all(pool).await?,
            sqlx::query_as(MEMBERS).bind(m.0).bind(year.0).fetch_all(pool).await?,
        ));
        let mut first_school: HashMap<i64, SchoolId> = HashMap::new();
        for (p, s) in schools {
            first_school.entry(p).or_insert(SchoolId(s));
        }
        let mut subject_map: HashMap<i64, Vec<String>> = HashMap::new();
        for (p, s) in subjects {
            subject_map.entry(p).or_default().push(s);
        }
        let mut stage_map: HashMap<i64, Vec<Stage>> = HashMap::new();
        for (p, s) in stages {
            if let Some(stage) = Stage::from_code(&s) {
                stage_map.entry(p).or_default().push(stage);
            }
        }
        let candidates = people
            .into_iter()
            .map(|(id, chosen)| {
                let mut stages = stage_map.remove(&id).unwrap_or_default();
                stages.sort_unstable();
                Candidate {
                    id: PersonId(id),
                    school: first_school.get(&id).copied(),
                    subjects: subject_map.remove(&id).unwrap_or_default(),
                    stages,
                    chosen_subject: chosen,
                }
            })
            .collect();
        let mut member_map: HashMap<i64, Vec<PersonId>> = HashMap::new();
        for (g, p) in members {
            member_map.entry(g).or_default().push(PersonId(p));
        }
        let existing = groups
            .into_iter()
            .map(|(id, subject, stages)| ExistingGroup {
                id: GroupId(id),
                subject,
                stages: parse_stages(&stages),
                members: member_map.remove(&id).unwrap_or_default(),
            })
            .collect();
        Ok((candidates, existing))
    }

    /// Saves a formation in one transaction: new groups with their members, new members
    /// of existing groups after those already there, and the bounds used: the year's
    /// own, and the municipality's as the starting point for a year added later.
    pub async fn save_formation(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        bounds: Bounds,
        formed: &[FormedGroup],
    ) -> Result<(), sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE school_years SET group_min = $1, group_max = $2 WHERE id = $3 AND municipality_id = $4")
                .bind(i64::from(bounds.min)).bind(i64::from(bounds.max)).bind(year.0).bind(m.0)
                .execute(&mut *tx).await?;
            sqlx::query("UPDATE municipalities SET group_min = $1, group_max = $2 WHERE id = $3")
                .bind(i64::from(bounds.min)).bind(i64::from(bounds.max)).bind(m.0)
                .execute(&mut *tx).await?;
            for g in formed {
                let (group, mut position) = match g.existing {
                    Some(id) => {
                        let (next,): (i64,) = sqlx::query_as(
                            "SELECT COALESCE(MAX(position) + 1, 0) FROM group_members WHERE group_id = $1")
                            .bind(id.0).fetch_one(&mut *tx).await?;
                        if !g.added.is_empty() {
                            sqlx::query("UPDATE groups SET version = version + 1, updated_at = $1 WHERE id = $2 AND municipality_id = $3")
                                .bind(now).bind(id.0).bind(m.0).execute(&mut *tx).await?;
                        }
                        (id.0, next)
                    }
                    None => {
                        let (id,): (i64,) = sqlx::query_as(
                            "INSERT INTO groups (municipality_id, school_year_id, kind, name, subject, stages, created_at, updated_at) \
                             VALUES ($1, $2, 'largrupp', $3, $4, $5, $6, $6) RETURNING id")
                            .bind(m.0).bind(year.0).bind(&g.name).bind(&g.subject).bind(stages_text(&g.stages)).bind(now)
                            .fetch_one(&mut *tx).await?;
                        (id, 0)
                    }
                };
                for (person, reason) in &g.added {
                    sqlx::query(
                        "INSERT INTO group_members (municipality_id, group_id, person_id, position, reason, learning_year_id) \
                         VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(m.0).bind(group).bind(person.0).bind(position).bind(reason).bind(year.0)
                        .execute(&mut *tx).await?;
                    position += 1;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Adds a group with its members; a unique violation when the name is taken in the
    /// year or a member is already in a learning group of the year.
    pub async fn create_group(
        &self,
        m: MunicipalityId,
        new: &NewGroup,
    ) -> Result<GroupId, sqlx::Error> {
        let now = Utc::now();
        let kind = new.kind.unwrap_or(GroupKind::Projektgrupp);
        let learning_year = (kind == GroupKind::Largrupp).then_some(new.school_year_id.0);
        let target = new.target_size.map(i64::from);
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO groups (municipality_id, school_year_id, kind, name, subject, stages, target_size, description, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
                .bind(m.0).bind(new.school_year_id.0).bind(kind.code()).bind(new.name.trim())
                .bind(&new.subject).bind(stages_text(&new.stages)).bind(target).bind(new.description.trim()).bind(now)
                .fetch_one(&mut *tx).await?;
            let mut seen = BTreeSet::new();
            for (position, person) in new.members.iter().filter(|p| seen.insert(**p)).enumerate() {
                sqlx::query(
                    "INSERT INTO group_members (municipality_id, group_id, person_id, position, leader, learning_year_id) \
                     VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(m.0).bind(id).bind(person.0).bind(position as i64).bind(new.leaders.contains(person)).bind(learning_year)
                    .execute(&mut *tx).await?;
            }
            if kind == GroupKind::Largrupp {
                sync_leaders_group!(tx, m.0, new.school_year_id.0, now)?;
            }
            tx.commit().await?;
            id
        });
        Ok(GroupId(id))
    }

    /// Changes a group's name, description, target size, leaders or rotation order.
    /// The caller has checked that leaders and the rotation are the group's members.
    pub async fn update_group(
        &self,
        m: MunicipalityId,
        id: GroupId,
        patch: &GroupPatch,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let target_given = patch.target_size.is_some();
        let target = patch.target_size.flatten().map(i64::from);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let lock = lock_group!(tx, m.0, id.0, patch.version)?;
            let Locked::Held(year, kind) = lock else {
                return Ok(lock.refused());
            };
            sqlx::query(
                "UPDATE groups SET name = COALESCE($1, name), description = COALESCE($2, description), \
                 target_size = CASE WHEN $3 THEN $4 ELSE target_size END WHERE id = $5")
                .bind(patch.name.as_deref().map(str::trim)).bind(patch.description.as_deref().map(str::trim))
                .bind(target_given).bind(target).bind(id.0)
                .execute(&mut *tx).await?;
            if let Some(leaders) = &patch.leaders {
                sqlx::query("UPDATE group_members SET leader = FALSE WHERE group_id = $1").bind(id.0).execute(&mut *tx).await?;
                for l in leaders {
                    sqlx::query("UPDATE group_members SET leader = TRUE WHERE group_id = $1 AND person_id = $2")
                        .bind(id.0).bind(l.0).execute(&mut *tx).await?;
                }
            }
            if let Some(order) = &patch.rotation {
                for (position, person) in order.iter().enumerate() {
                    sqlx::query("UPDATE group_members SET position = $1 WHERE group_id = $2 AND person_id = $3")
                        .bind(position as i64).bind(id.0).bind(person.0).execute(&mut *tx).await?;
                }
            }
            if kind == GroupKind::Largrupp && patch.leaders.is_some() {
                sync_leaders_group!(tx, m.0, year, now)?;
            }
            tx.commit().await?;
        });
        Ok(Update::Done(()))
    }

    /// Adds a person at the end of a group's rotation; a unique violation when they are
    /// a member already or (for a learning group) in another learning group of the year.
    pub async fn add_member(
        &self,
        m: MunicipalityId,
        id: GroupId,
        person: PersonId,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let lock = lock_group!(tx, m.0, id.0, version)?;
            let Locked::Held(year, kind) = lock else {
                return Ok(lock.refused());
            };
            let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position) + 1, 0) FROM group_members WHERE group_id = $1")
                .bind(id.0).fetch_one(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO group_members (municipality_id, group_id, person_id, position, learning_year_id) VALUES ($1, $2, $3, $4, $5)")
                .bind(m.0).bind(id.0).bind(person.0).bind(next)
                .bind((kind == GroupKind::Largrupp).then_some(year))
                .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(Update::Done(()))
    }

    /// Removes a person from a group; `Ok(false)` inside `Done` when they were not in it.
    pub async fn remove_member(
        &self,
        m: MunicipalityId,
        id: GroupId,
        person: PersonId,
        version: i64,
    ) -> Result<Update<bool>, sqlx::Error> {
        let now = Utc::now();
        let removed = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let lock = lock_group!(tx, m.0, id.0, version)?;
            let Locked::Held(year, kind) = lock else {
                return Ok(lock.refused());
            };
            let done = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2")
                .bind(id.0).bind(person.0).execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Ok(Update::Done(false));
            }
            if kind == GroupKind::Largrupp {
                sync_leaders_group!(tx, m.0, year, now)?;
            }
            tx.commit().await?;
            true
        });
        Ok(Update::Done(removed))
    }

    /// Moves a person from one group to another in one transaction, checking both
    /// groups' versions. `Done(false)` when the person is not in `from`.
    pub async fn move_member(
        &self,
        m: MunicipalityId,
        from: GroupId,
        to: GroupId,
        person: PersonId,
        from_version: i64,
        to_version: i64,
    ) -> Result<Update<bool>, sqlx::Error> {
        let now = Utc::now();
        let moved = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let lock = lock_group!(tx, m.0, from.0, from_version)?;
            let Locked::Held(from_year, from_kind) = lock else {
                return Ok(lock.refused());
            };
            let lock = lock_group!(tx, m.0, to.0, to_version)?;
            let Locked::Held(to_year, to_kind) = lock else {
                return Ok(lock.refused());
            };
            let done = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2")
                .bind(from.0).bind(person.0).execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Ok(Update::Done(false));
            }
            let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position) + 1, 0) FROM group_members WHERE group_id = $1")
                .bind(to.0).fetch_one(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO group_members (municipality_id, group_id, person_id, position, learning_year_id) VALUES ($1, $2, $3, $4, $5)")
                .bind(m.0).bind(to.0).bind(person.0).bind(next)
                .bind((to_kind == GroupKind::Largrupp).then_some(to_year))
                .execute(&mut *tx).await?;
            if from_kind == GroupKind::Largrupp {
                sync_leaders_group!(tx, m.0, from_year, now)?;
            }
            tx.commit().await?;
            true
        });
        Ok(Update::Done(moved))
    }

    /// Moves every member of `from` into `into` (after its own, leader marks kept) and
    /// removes `from`, in one transaction. `Done(false)` when the groups differ in kind
    /// or year.
    pub async fn merge_groups(
        &self,
        m: MunicipalityId,
        from: GroupId,
        into: GroupId,
        from_version: i64,
        into_version: i64,
    ) -> Result<Update<bool>, sqlx::Error> {
        let now = Utc::now();
        let merged = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let lock = lock_group!(tx, m.0, from.0, from_version)?;
            let Locked::Held(from_year, from_kind) = lock else {
                return Ok(lock.refused());
            };
            let lock = lock_group!(tx, m.0, into.0, into_version)?;
            let Locked::Held(into_year, into_kind) = lock else {
                return Ok(lock.refused());
            };
            if from_year != into_year || from_kind != into_kind {
                return Ok(Update::Done(false));
            }
            // Someone in both (possible outside learning groups) stays where they are.
            sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id IN (SELECT person_id FROM group_members WHERE group_id = $2)")
                .bind(from.0).bind(into.0).execute(&mut *tx).await?;
            let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position) + 1, 0) FROM group_members WHERE group_id = $1")
                .bind(into.0).fetch_one(&mut *tx).await?;
            sqlx::query("UPDATE group_members SET group_id = $1, position = position + $2 WHERE group_id = $3")
                .bind(into.0).bind(next).bind(from.0).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM groups WHERE id = $1 AND municipality_id = $2")
                .bind(from.0).bind(m.0).execute(&mut *tx).await?;
            if into_kind == GroupKind::Largrupp {
                sync_leaders_group!(tx, m.0, into_year, now)?;
            }
            tx.commit().await?;
            true
        });
        Ok(Update::Done(merged))
    }

    /// Where a group's documenter rotation stands.
    pub async fn rotation(
        &self,
        m: MunicipalityId,
        id: GroupId,
    ) -> Result<rotation::Standing, sqlx::Error> {
        const SQL: &str = "SELECT last_documenter_id, documenter_owed FROM groups WHERE id = $1 AND municipality_id = $2";
        let row: Option<(Option<i64>, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(id.0).bind(m.0).fetch_optional(pool).await)?;
        Ok(row.map_or_else(Default::default, |(last, owed)| standing(last, &owed)))
    }

    /// Records who documented a meeting by hand (`rotation::Standing::recorded`),
    /// read and written in one transaction under the group's row lock, so that two
    /// records at once do not lose one another's change.
    pub async fn set_last_documenter(
        &self,
        m: MunicipalityId,
        id: GroupId,
        person: PersonId,
    ) -> Result<bool, sqlx::Error> {
        const LOCK: &str = "UPDATE groups SET documenter_owed = documenter_owed WHERE id = $1 AND municipality_id = $2";
        const READ: &str = "SELECT last_documenter_id, documenter_owed FROM groups WHERE id = $1";
        const SQL: &str =
            "UPDATE groups SET last_documenter_id = $1, documenter_owed = $2 WHERE id = $3";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let found = sqlx::query(LOCK).bind(id.0).bind(m.0).execute(&mut *tx).await?.rows_affected();
            if found != 1 {
                return Ok(false);
            }
            let (last, owed): (Option<i64>, String) = sqlx::query_as(READ).bind(id.0).fetch_one(&mut *tx).await?;
            let after = standing(last, &owed).recorded(person);
            sqlx::query(SQL).bind(after.last.map(|p| p.0)).bind(owed_text(&after)).bind(id.0)
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The subject a person chose to meet colleagues in, if any.
    pub async fn learning_subject(
        &self,
        m: MunicipalityId,
        person: PersonId,
    ) -> Result<Option<String>, sqlx::Error> {
        const SQL: &str =
            "SELECT learning_subject FROM persons WHERE id = $1 AND municipality_id = $2";
        let found: Option<Option<String>> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(person.0).bind(m.0).fetch_optional(pool).await)?;
        Ok(found.flatten())
    }

    /// Sets the subject a person chose to meet colleagues in (None: their first).
    pub async fn set_learning_subject(
        &self,
        m: MunicipalityId,
        person: PersonId,
        subject: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str =
            "UPDATE persons SET learning_subject = $1 WHERE id = $2 AND municipality_id = $3";
        with_db!(self, pool => sqlx::query(SQL).bind(subject).bind(person.0).bind(m.0).execute(pool).await.map(|_| ()))?;
        Ok(())
    }
}
