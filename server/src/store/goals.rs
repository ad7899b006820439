//! Goals, their links up the chain and their follow-up notes.
//!
//! What a viewer may read is part of the statement: municipality and school goals for
//! everyone of the municipality, teacher goals only for their owner and (when the
//! viewer is a principal) for the schools the principal answers for. Counts of teacher
//! goals per school goal are grouped in the database, so a year with thousands of
//! teachers' goals is counted without being read.

use std::collections::HashMap;

use chrono::Utc;
use kollegium_shared::goals::{
    CarryLine, Evidence, Goal, GoalInput, GoalLevel, GoalNote, GoalStatus, Measure, ServedBy,
    ServedGoal,
};
use kollegium_shared::ids::{
    GoalId, GoalNoteId, MeetingId, MunicipalityId, PersonId, SchoolId, SchoolYearId,
};
use kollegium_shared::library::Area;
use kollegium_shared::org::{PersonRef, SchoolRef};

use super::{BeginWrite, Store, Update, with_db};

/// Who reads: the person, and whether they read as a principal of their schools.
#[derive(Debug, Clone, Copy)]
pub struct GoalViewer {
    pub person: PersonId,
    pub principal: bool,
}

/// Why a goal change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalRefusal {
    /// Other goals serve it.
    HasServants,
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: i64,
    school_year_id: i64,
    level: String,
    school_id: Option<i64>,
    school_name: Option<String>,
    owner_id: i64,
    owner_name: String,
    title: String,
    description: String,
    measure_kind: String,
    figure: String,
    target: Option<f64>,
    unit: String,
    evidence: String,
    area: Option<String>,
    agenda2030: String,
    status: String,
    carried_from: Option<i64>,
    version: i64,
}

impl GoalRow {
    fn into_goal(self) -> Goal {
        let measure = if self.measure_kind == "key_figure" {
            Measure::KeyFigure {
                figure: self.figure,
                target: self.target.unwrap_or_default(),
                unit: self.unit,
            }
        } else {
            Measure::Evidence {
                text: self.evidence,
            }
        };
        Goal {
            id: GoalId(self.id),
            year: SchoolYearId(self.school_year_id),
            level: GoalLevel::from_code(&self.level).unwrap_or(GoalLevel::Teacher),
            school: self
                .school_id
                .zip(self.school_name)
                .map(|(id, name)| SchoolRef {
                    id: SchoolId(id),
                    name,
                }),
            owner: PersonRef {
                id: PersonId(self.owner_id),
                name: self.owner_name,
            },
            title: self.title,
            description: self.description,
            measure,
            area: self.area.as_deref().and_then(Area::from_code),
            agenda2030: self
                .agenda2030
                .split(',')
                .filter_map(|n| n.parse().ok())
                .collect(),
            status: GoalStatus::from_code(&self.status).unwrap_or_default(),
            serves: Vec::new(),
            notes: Vec::new(),
            carried_from: self.carried_from.map(GoalId),
            evidence: Vec::new(),
            version: self.version,
        }
    }
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    goal_id: i64,
    noted_on: String,
    text: String,
    author_id: i64,
    author_name: String,
}

const COLUMNS: &str = "g.id, g.school_year_id, g.level, g.school_id, s.name AS school_name, \
     g.owner_id, p.name AS owner_name, g.title, g.description, g.measure_kind, g.figure, g.target, \
     g.unit, g.evidence, g.area, g.agenda2030, g.status, g.carried_from, g.version";
const FROM: &str =
    "FROM goals g JOIN persons p ON p.id = g.owner_id LEFT JOIN schools s ON s.id = g.school_id";
/// The goals of year `$2` that person `$3` may read (`$4`: as a principal).
const VISIBLE: &str = "g.municipality_id = $1 AND g.school_year_id = $2 AND (g.level <> 'teacher' OR g.owner_id = $3 \
     OR ($4 AND g.school_id IN (SELECT id FROM schools WHERE municipality_id = $1 AND principal_id = $3 \
     UNION SELECT school_id FROM person_schools WHERE municipality_id = $1 AND person_id = $3)))";

fn measure_columns(m: &Measure) -> (&'static str, &str, Option<f64>, &str, &str) {
    match m {
        Measure::KeyFigure {
            figure,
            target,
            unit,
        } => ("key_figure", figure.trim(), Some(*target), unit.trim(), ""),
        Measure::Evidence { text } => ("evidence", "", None, "", text.trim()),
    }
}

fn agenda_column(goals: &[u8]) -> String {
    let mut g = goals.to_vec();
    g.sort_unstable();
    g.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

fn dedup(ids: &[GoalId]) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.iter().map(|g| g.0).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Hangs links and notes on their goals.
fn attach(goals: &mut [Goal], links: Vec<(i64, i64)>, notes: Vec<NoteRow>) {
    let index: HashMap<i64, usize> = goals.iter().enumerate().map(|(i, g)| (g.id.0, i)).collect();
    for (goal, serves) in links {
        if let Some(&i) = index.get(&goal) {
            goals[i].serves.push(GoalId(serves));
        }
    }
    for n in notes {
        if let Some(&i) = index.get(&n.goal_id) {
            goals[i].notes.push(GoalNote {
                id: GoalNoteId(n.id),
                on: n.noted_on,
                text: n.text,
                author: PersonRef {
                    id: PersonId(n.author_id),
                    name: n.author_name,
                },
            });
        }
    }
}

/// A goal to store: its place in the chain, and its content.
pub struct NewGoal<'a> {
    pub level: GoalLevel,
    pub school: Option<SchoolId>,
    pub owner: PersonId,
    pub input: &'a GoalInput,
    pub carried_from: Option<GoalId>,
}

/// The goals of a year as read for a viewer: all they may see, with counts.
pub struct YearGoalRows {
    pub goals: Vec<Goal>,
    pub served_by: Vec<ServedBy>,
}

impl Store {
    /// Per school, how many of its active teachers have a goal of `year` at it.
    pub async fn teachers_with_goals(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<HashMap<SchoolId, i64>, sqlx::Error> {
        const SQL: &str = "SELECT g.school_id, COUNT(DISTINCT g.owner_id) FROM goals g \
             JOIN person_schools ps ON ps.person_id = g.owner_id AND ps.school_id = g.school_id \
             JOIN persons p ON p.id = g.owner_id AND p.active \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.level = 'teacher' \
             AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = g.owner_id AND r.role = 'larare') \
             GROUP BY g.school_id";
        let rows: Vec<(i64, i64)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(s, n)| (SchoolId(s), n)).collect())
    }

    /// Every goal of `year` that `viewer` may read, with links and notes, and the
    /// count of teacher goals serving each school goal.
    pub async fn year_goals(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        viewer: GoalViewer,
    ) -> Result<YearGoalRows, sqlx::Error> {
        let goals_sql =
            format!("SELECT {COLUMNS} {FROM} WHERE {VISIBLE} ORDER BY g.level, s.name, g.id");
        let links_sql = format!(
            "SELECT l.goal_id, l.serves_id FROM goal_links l JOIN goals g ON g.id = l.goal_id \
             WHERE {VISIBLE} ORDER BY l.goal_id, l.serves_id"
        );
        let notes_sql = format!(
            "SELECT n.id, n.goal_id, n.noted_on, n.text, n.author_id, a.name AS author_name \
             FROM goal_notes n JOIN goals g ON g.id = n.goal_id JOIN persons a ON a.id = n.author_id \
             WHERE {VISIBLE} ORDER BY n.noted_on, n.id"
        );
        const COUNTS: &str = "SELECT l.serves_id, COUNT(*), COUNT(DISTINCT g.owner_id) FROM goal_links l \
             JOIN goals g ON g.id = l.goal_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.level = 'teacher' \
             GROUP BY l.serves_id";
        let (rows, links, notes, counts) = with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            let rows: Vec<GoalRow> = sqlx::query_as(&goals_sql).bind(m.0).bind(year.0).bind(viewer.person.0).bind(viewer.principal).fetch_all(&mut *c).await?;
            let links: Vec<(i64, i64)> = sqlx::query_as(&links_sql).bind(m.0).bind(year.0).bind(viewer.person.0).bind(viewer.principal).fetch_all(&mut *c).await?;
            let notes: Vec<NoteRow> = sqlx::query_as(&notes_sql).bind(m.0).bind(year.0).bind(viewer.person.0).bind(viewer.principal).fetch_all(&mut *c).await?;
            let counts: Vec<(i64, i64, i64)> = sqlx::query_as(COUNTS).bind(m.0).bind(year.0).fetch_all(&mut *c).await?;
            (rows, links, notes, counts)
        });
        let mut goals: Vec<Goal> = rows.into_iter().map(GoalRow::into_goal).collect();
        attach(&mut goals, links, notes);
        let served_by = counts
            .into_iter()
            .map(|(goal, n, teachers)| ServedBy {
                goal: GoalId(goal),
                teacher_goals: u32::try_from(n).unwrap_or(u32::MAX),
                teachers: u32::try_from(teachers).unwrap_or(u32::MAX),
            })
            .collect();
        Ok(YearGoalRows { goals, served_by })
    }

    /// One goal of the municipality, with links and notes (who may read it is the
    /// caller's to check).
    pub async fn goal(&self, m: MunicipalityId, id: GoalId) -> Result<Option<Goal>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE g.municipality_id = $1 AND g.id = $2");
        const LINKS: &str =
            "SELECT goal_id, serves_id FROM goal_links WHERE goal_id = $1 ORDER BY serves_id";
        const NOTES: &str = "SELECT n.id, n.goal_id, n.noted_on, n.text, n.author_id, a.name AS author_name \
             FROM goal_notes n JOIN persons a ON a.id = n.author_id WHERE n.goal_id = $1 ORDER BY n.noted_on, n.id";
        let found = with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            let row: Option<GoalRow> = sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(&mut *c).await?;
            match row {
                None => None,
                Some(row) => {
                    let links: Vec<(i64, i64)> = sqlx::query_as(LINKS).bind(id.0).fetch_all(&mut *c).await?;
                    let notes: Vec<NoteRow> = sqlx::query_as(NOTES).bind(id.0).fetch_all(&mut *c).await?;
                    Some((row, links, notes))
                }
            }
        });
        Ok(found.map(|(row, links, notes)| {
            let mut goals = [row.into_goal()];
            attach(&mut goals, links, notes);
            let [goal] = goals;
            goal
        }))
    }

    /// The action plans naming `goal`, in meeting order: meeting, day, group, and the
    /// plan's focus answer.
    pub async fn goal_evidence(
        &self,
        m: MunicipalityId,
        goal: GoalId,
    ) -> Result<Vec<(Evidence, PersonId)>, sqlx::Error> {
        const SQL: &str = "SELECT mt.id, mt.starts_on, gr.name, p.fields, p.person_id FROM action_plans p \
             JOIN meetings mt ON mt.id = p.meeting_id JOIN groups gr ON gr.id = mt.group_id \
             WHERE p.municipality_id = $1 AND p.goal_id = $2 ORDER BY mt.starts_on, mt.id";
        let rows: Vec<(i64, String, String, String, i64)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(goal.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(meeting, on, group, fields, person)| {
                let fields: kollegium_shared::meetings::records::Fields =
                    serde_json::from_str(&fields).unwrap_or_default();
                let focus = fields
                    .into_iter()
                    .find(|f| f.key == "focus")
                    .map(|f| f.text);
                (
                    Evidence {
                        meeting: MeetingId(meeting),
                        on,
                        group,
                        focus,
                    },
                    PersonId(person),
                )
            })
            .collect())
    }

    /// The level, year and school of each goal in `ids` that is the municipality's, in
    /// the order asked (`None` for one not found).
    pub async fn served_goals(
        &self,
        m: MunicipalityId,
        ids: &[GoalId],
    ) -> Result<Vec<Option<ServedGoal>>, sqlx::Error> {
        const SQL: &str = "SELECT level, school_year_id, school_id FROM goals WHERE municipality_id = $1 AND id = $2";
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<(String, i64, Option<i64>)> = with_db!(self, pool => sqlx::query_as(SQL)
                .bind(m.0).bind(id.0).fetch_optional(pool).await)?;
            out.push(row.and_then(|(level, year, school)| {
                Some(ServedGoal {
                    level: GoalLevel::from_code(&level)?,
                    year: SchoolYearId(year),
                    school: school.map(SchoolId),
                })
            }));
        }
        Ok(out)
    }

    /// Stores new goals of `year` with their links, all in one transaction; their ids
    /// in the order given.
    pub async fn create_goals(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        goals: &[NewGoal<'_>],
    ) -> Result<Vec<GoalId>, sqlx::Error> {
        let now = Utc::now();
        const INSERT: &str = "INSERT INTO goals (municipality_id, school_year_id, level, school_id, owner_id, title, \
             description, measure_kind, figure, target, unit, evidence, area, agenda2030, status, carried_from, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) \
             RETURNING id";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(goals.len());
            for g in goals {
                let input = g.input;
                let (kind, figure, target, unit, evidence) = measure_columns(&input.measure);
                let id: i64 = sqlx::query_scalar(INSERT)
                    .bind(m.0).bind(year.0).bind(g.level.code()).bind(g.school.map(|s| s.0)).bind(g.owner.0)
                    .bind(input.title.trim()).bind(input.description.trim()).bind(kind).bind(figure).bind(target)
                    .bind(unit).bind(evidence).bind(input.area.map(Area::code)).bind(agenda_column(&input.agenda2030))
                    .bind(input.status.code()).bind(g.carried_from.map(|c| c.0)).bind(now)
                    .fetch_one(&mut *tx).await?;
                for s in dedup(&input.serves) {
                    sqlx::query("INSERT INTO goal_links (goal_id, serves_id) VALUES ($1, $2)")
                        .bind(id).bind(s).execute(&mut *tx).await?;
                }
                ids.push(GoalId(id));
            }
            tx.commit().await?;
            Ok(ids)
        })
    }

    /// Changes a goal's content, status and links at `version`, in one transaction.
    pub async fn update_goal(
        &self,
        m: MunicipalityId,
        id: GoalId,
        input: &GoalInput,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let (kind, figure, target, unit, evidence) = measure_columns(&input.measure);
        let agenda = agenda_column(&input.agenda2030);
        let serves = dedup(&input.serves);
        const UPDATE: &str = "UPDATE goals SET title = $1, description = $2, measure_kind = $3, figure = $4, \
             target = $5, unit = $6, evidence = $7, area = $8, agenda2030 = $9, status = $10, \
             version = version + 1, updated_at = $11 WHERE municipality_id = $12 AND id = $13 AND version = $14";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM goals WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some(v) if v != version => return Ok(Update::Stale),
                Some(_) => {}
            }
            let n = sqlx::query(UPDATE)
                .bind(input.title.trim()).bind(input.description.trim()).bind(kind).bind(figure).bind(target)
                .bind(unit).bind(evidence).bind(input.area.map(Area::code)).bind(&agenda).bind(input.status.code())
                .bind(Utc::now()).bind(m.0).bind(id.0).bind(version)
                .execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                return Ok(Update::Stale);
            }
            sqlx::query("DELETE FROM goal_links WHERE goal_id = $1").bind(id.0).execute(&mut *tx).await?;
            for s in &serves {
                sqlx::query("INSERT INTO goal_links (goal_id, serves_id) VALUES ($1, $2)")
                    .bind(id.0).bind(s).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Removes a goal at `version` that no other goal serves; its notes go with it.
    pub async fn delete_goal(
        &self,
        m: MunicipalityId,
        id: GoalId,
        version: i64,
    ) -> Result<Update<Result<(), GoalRefusal>>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM goals WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some(v) if v != version => return Ok(Update::Stale),
                Some(_) => {}
            }
            let servants: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM goal_links WHERE serves_id = $1")
                .bind(id.0).fetch_one(&mut *tx).await?;
            if servants > 0 {
                return Ok(Update::Done(Err(GoalRefusal::HasServants)));
            }
            sqlx::query("DELETE FROM goals WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<Update<Result<(), GoalRefusal>>, sqlx::Error>(Update::Done(Ok(())))
        })
    }

    /// Adds a dated note (and, if given, a new status) to a goal at `version`.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_goal_note(
        &self,
        m: MunicipalityId,
        id: GoalId,
        author: PersonId,
        on: &str,
        text: &str,
        status: Option<GoalStatus>,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("UPDATE goals SET status = COALESCE($1, status), version = version + 1, updated_at = $2 \
                 WHERE municipality_id = $3 AND id = $4 AND version = $5")
                .bind(status.map(GoalStatus::code)).bind(now).bind(m.0).bind(id.0).bind(version)
                .execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM goals WHERE municipality_id = $1 AND id = $2")
                    .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
                return Ok(if exists.is_some() { Update::Stale } else { Update::NotFound });
            }
            sqlx::query("INSERT INTO goal_notes (goal_id, author_id, noted_on, text, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id.0).bind(author.0).bind(on).bind(text.trim()).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// The goals of `from` that `viewer` set (the municipality's when
    /// `municipality_level`, their schools' as principal, their own), each with its
    /// line for review and the goals of `to` that its carried copy would serve.
    pub async fn carry_lines(
        &self,
        m: MunicipalityId,
        from: SchoolYearId,
        to: SchoolYearId,
        viewer: GoalViewer,
        municipality_level: bool,
    ) -> Result<Vec<(CarryLine, Goal, Vec<GoalId>)>, sqlx::Error> {
        let rows = self.year_goals(m, from, viewer).await?.goals;
        const CARRIED: &str = "SELECT carried_from, id FROM goals WHERE municipality_id = $1 AND school_year_id = $2 AND carried_from IS NOT NULL";
        let carried: Vec<(i64, i64)> = with_db!(self, pool => sqlx::query_as(CARRIED).bind(m.0).bind(to.0).fetch_all(pool).await)?;
        let carried: HashMap<i64, i64> = carried.into_iter().collect();
        let principal_schools: Vec<SchoolId> = if viewer.principal {
            self.principal_schools(m, viewer.person).await?
        } else {
            Vec::new()
        };
        Ok(rows
            .into_iter()
            .filter(|g| match g.level {
                GoalLevel::Municipality => municipality_level,
                GoalLevel::School => g
                    .school
                    .as_ref()
                    .is_some_and(|s| principal_schools.contains(&s.id)),
                GoalLevel::Teacher => g.owner.id == viewer.person,
            })
            .map(|g| {
                let targets: Vec<GoalId> = g
                    .serves
                    .iter()
                    .filter_map(|s| carried.get(&s.0).copied().map(GoalId))
                    .collect();
                let line = CarryLine {
                    goal: g.id,
                    level: g.level,
                    title: g.title.clone(),
                    status: g.status,
                    carried: carried.contains_key(&g.id.0),
                    blocked: !g.serves.is_empty() && targets.is_empty(),
                };
                (line, g, targets)
            })
            .collect())
    }
}
