//! Resultatdialoger: the dialogue with its figures as they stood, its insatser, and the
//! lists the steering group, heads of operations and principals read.

use chrono::Utc;
use kollegium_shared::goals::GoalStatus;
use kollegium_shared::goals::dialogues::{
    Action, ActionInput, DialogueInput, DialogueLine, DialoguePeriod, PreviousDialogue,
    ServedGoalRow, SnapshotFigure, TeacherGoalRow,
};
use kollegium_shared::goals::results::{Figure, FigureChoice, Sex};
use kollegium_shared::ids::{
    ActivityId, GoalId, MunicipalityId, PersonId, ResultDialogueId, SchoolId, SchoolYearId,
};
use kollegium_shared::org::{PersonRef, SchoolRef};

use super::{BeginWrite, Store, Update, placeholders, with_db};

/// A dialogue as stored, with its school, period and parties' names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredDialogue {
    pub id: i64,
    pub school_id: i64,
    pub school_name: String,
    pub activity_id: Option<i64>,
    pub period_title: Option<String>,
    pub held_on: String,
    pub principal_id: Option<i64>,
    pub principal_name: Option<String>,
    pub head_id: Option<i64>,
    pub head_name: Option<String>,
    pub figures: String,
    pub analysis: String,
    pub decisions: String,
    pub follow_up: String,
    pub next_on: Option<String>,
    pub version: i64,
}

impl StoredDialogue {
    pub fn school(&self) -> SchoolRef {
        SchoolRef {
            id: SchoolId(self.school_id),
            name: self.school_name.clone(),
        }
    }

    pub fn principal(&self) -> Option<PersonRef> {
        person(self.principal_id, self.principal_name.clone())
    }

    pub fn head(&self) -> Option<PersonRef> {
        person(self.head_id, self.head_name.clone())
    }

    pub fn figures(&self) -> Vec<SnapshotFigure> {
        serde_json::from_str(&self.figures).unwrap_or_default()
    }
}

fn person(id: Option<i64>, name: Option<String>) -> Option<PersonRef> {
    Some(PersonRef {
        id: PersonId(id?),
        name: name?,
    })
}

const COLUMNS: &str = "d.id, d.school_id, s.name AS school_name, d.activity_id, a.title AS period_title, d.held_on, \
     d.principal_id, p.name AS principal_name, d.head_id, h.name AS head_name, d.figures, d.analysis, d.decisions, \
     d.follow_up, d.next_on, d.version";
const FROM: &str = "FROM result_dialogues d JOIN schools s ON s.id = d.school_id \
     LEFT JOIN wheel_activities a ON a.id = d.activity_id LEFT JOIN persons p ON p.id = d.principal_id \
     LEFT JOIN persons h ON h.id = d.head_id";

type ActionRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

impl Store {
    /// The school's latest figure of every kind it has, as the dialogue keeps them.
    pub async fn school_figures(
        &self,
        m: MunicipalityId,
        school: SchoolId,
    ) -> Result<Vec<(FigureChoice, String, f64, u32)>, sqlx::Error> {
        const SQL: &str = "SELECT figure, grade, subject, sex, school_year, value, pupils FROM school_results \
             WHERE municipality_id = $1 AND school_id = $2 ORDER BY figure, grade, subject, sex, school_year";
        type Row = (String, i64, String, String, String, f64, i64);
        let rows: Vec<Row> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(school.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(f, g, subject, sex, year, value, pupils)| {
                Some((
                    FigureChoice {
                        figure: Figure::from_code(&f)?,
                        grade: u8::try_from(g).ok()?,
                        subject,
                        sex: Sex::from_code(&sex)?,
                    },
                    year,
                    value,
                    u32::try_from(pupils).ok()?,
                ))
            })
            .collect())
    }

    /// The school's own goals of `year`, in the order they were set.
    pub async fn goal_ids_of_school(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        school: SchoolId,
    ) -> Result<Vec<GoalId>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM goals WHERE municipality_id = $1 AND school_year_id = $2 AND school_id = $3 \
             AND level = 'school' ORDER BY id";
        let ids: Vec<i64> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(year.0).bind(school.0).fetch_all(pool).await)?;
        Ok(ids.into_iter().map(GoalId).collect())
    }

    /// Stores a new dialogue with the figures as they stand.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_dialogue(
        &self,
        m: MunicipalityId,
        school: SchoolId,
        period: Option<ActivityId>,
        held_on: &str,
        principal: Option<PersonId>,
        head: Option<PersonId>,
        figures: &[SnapshotFigure],
    ) -> Result<ResultDialogueId, sqlx::Error> {
        const SQL: &str = "INSERT INTO result_dialogues (municipality_id, school_id, activity_id, held_on, principal_id, head_id, \
             figures, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id";
        let figures = serde_json::to_string(figures).unwrap_or_else(|_| "[]".into());
        let id: i64 = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(m.0).bind(school.0).bind(period.map(|p| p.0)).bind(held_on).bind(principal.map(|p| p.0))
            .bind(head.map(|h| h.0)).bind(&figures).bind(Utc::now()).fetch_one(pool).await)?;
        Ok(ResultDialogueId(id))
    }

    /// One dialogue of the municipality (who may read it is the caller's to check).
    pub async fn dialogue(
        &self,
        m: MunicipalityId,
        id: ResultDialogueId,
    ) -> Result<Option<(StoredDialogue, Vec<Action>)>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE d.municipality_id = $1 AND d.id = $2");
        let row: Option<StoredDialogue> = with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let actions = self.dialogue_actions(id).await?;
        Ok(Some((row, actions)))
    }

    async fn dialogue_actions(&self, id: ResultDialogueId) -> Result<Vec<Action>, sqlx::Error> {
        const SQL: &str = "SELECT x.text, x.owner_id, o.name, x.due, x.goal_id, g.title FROM result_dialogue_actions x \
             LEFT JOIN persons o ON o.id = x.owner_id LEFT JOIN goals g ON g.id = x.goal_id \
             WHERE x.dialogue_id = $1 ORDER BY x.position";
        let rows: Vec<ActionRow> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(id.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(text, owner, owner_name, due, goal, goal_title)| Action {
                text,
                owner: person(owner, owner_name),
                due,
                goal: goal.map(GoalId),
                goal_title,
            })
            .collect())
    }

    /// The school's dialogue held last before `held_on` (or on it, with a lower id).
    pub async fn previous_dialogue(
        &self,
        m: MunicipalityId,
        school: SchoolId,
        held_on: &str,
        id: ResultDialogueId,
    ) -> Result<Option<PreviousDialogue>, sqlx::Error> {
        const SQL: &str = "SELECT id, held_on FROM result_dialogues WHERE municipality_id = $1 AND school_id = $2 \
             AND (held_on < $3 OR (held_on = $3 AND id < $4)) ORDER BY held_on DESC, id DESC LIMIT 1";
        let row: Option<(i64, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(school.0).bind(held_on).bind(id.0).fetch_optional(pool).await)?;
        let Some((prev, on)) = row else {
            return Ok(None);
        };
        let actions = self.dialogue_actions(ResultDialogueId(prev)).await?;
        Ok(Some(PreviousDialogue {
            id: ResultDialogueId(prev),
            held_on: on,
            actions,
        }))
    }

    /// What `goal_work` needs for `goals` at `school`: each goal with its status and
    /// latest note; the school's teacher goals serving each (directly or through a
    /// school goal); and the plans naming those teacher goals at meetings from `from`
    /// up to before `until` (`YYYY-MM-DD`), with their groups' names.
    pub async fn goal_work_rows(
        &self,
        m: MunicipalityId,
        school: SchoolId,
        goals: &[GoalId],
        from: &str,
        until: &str,
    ) -> Result<
        (
            Vec<ServedGoalRow>,
            Vec<TeacherGoalRow>,
            Vec<(GoalId, String)>,
        ),
        sqlx::Error,
    > {
        if goals.is_empty() {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        let ids = placeholders(2, goals.len());
        let goal_sql = format!(
            "SELECT id, title, status FROM goals WHERE municipality_id = $1 AND id IN ({ids})"
        );
        let note_sql = format!(
            "SELECT n.goal_id, n.noted_on, n.text FROM goal_notes n JOIN goals g ON g.id = n.goal_id \
             WHERE g.municipality_id = $1 AND n.goal_id IN ({ids}) ORDER BY n.noted_on, n.id"
        );
        let at = goals.len() + 2;
        let teacher_sql = format!(
            "SELECT l.serves_id, t.id, t.owner_id, t.status FROM goals t JOIN goal_links l ON l.goal_id = t.id \
             WHERE t.municipality_id = $1 AND t.level = 'teacher' AND t.school_id = ${at} AND l.serves_id IN ({ids}) \
             UNION ALL SELECT u.serves_id, t.id, t.owner_id, t.status FROM goals t JOIN goal_links l ON l.goal_id = t.id \
             JOIN goal_links u ON u.goal_id = l.serves_id \
             WHERE t.municipality_id = $1 AND t.level = 'teacher' AND t.school_id = ${at} AND u.serves_id IN ({ids})"
        );
        type GoalRows = Vec<(i64, String, String)>;
        type TeacherRows = Vec<(i64, i64, i64, String)>;
        let (found, notes, teachers): (GoalRows, GoalRows, TeacherRows) = with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            let mut q = sqlx::query_as(&goal_sql).bind(m.0);
            for g in goals { q = q.bind(g.0); }
            let found: GoalRows = q.fetch_all(&mut *c).await?;
            let mut q = sqlx::query_as(&note_sql).bind(m.0);
            for g in goals { q = q.bind(g.0); }
            let notes: GoalRows = q.fetch_all(&mut *c).await?;
            let mut q = sqlx::query_as(&teacher_sql).bind(m.0);
            for g in goals { q = q.bind(g.0); }
            let teachers: TeacherRows = q.bind(school.0).fetch_all(&mut *c).await?;
            (found, notes, teachers)
        });
        let status = |code: &str| GoalStatus::from_code(code).unwrap_or_default();
        let served = found
            .into_iter()
            .map(|(id, title, code)| {
                // The notes come oldest first: the last one of the goal is its latest.
                let latest = notes
                    .iter()
                    .rev()
                    .find(|n| n.0 == id)
                    .map(|n| (n.1.clone(), n.2.clone()));
                (GoalId(id), title, status(&code), latest)
            })
            .collect();
        let teacher_goals: Vec<TeacherGoalRow> = teachers
            .into_iter()
            .map(|(serves, id, owner, code)| {
                (GoalId(serves), GoalId(id), PersonId(owner), status(&code))
            })
            .collect();
        let mut own: Vec<GoalId> = teacher_goals.iter().map(|t| t.1).collect();
        own.sort_unstable();
        own.dedup();
        let mut plans = Vec::new();
        // In chunks, within the engines' limits on bound values.
        for chunk in own.chunks(500) {
            let sql = format!(
                "SELECT p.goal_id, gr.name FROM action_plans p JOIN meetings mt ON mt.id = p.meeting_id \
                 JOIN groups gr ON gr.id = mt.group_id WHERE p.municipality_id = $1 AND mt.starts_on >= $2 \
                 AND mt.starts_on < $3 AND p.goal_id IN ({})",
                placeholders(4, chunk.len())
            );
            let rows: Vec<(i64, String)> = with_db!(self, pool => {
                let mut q = sqlx::query_as(&sql).bind(m.0).bind(from).bind(until);
                for g in chunk { q = q.bind(g.0); }
                q.fetch_all(pool).await
            })?;
            plans.extend(rows.into_iter().map(|(g, name)| (GoalId(g), name)));
        }
        Ok((served, teacher_goals, plans))
    }

    /// The dialogues of `schools` (every school when `None`), newest first.
    pub async fn dialogue_lines(
        &self,
        m: MunicipalityId,
        schools: Option<&[SchoolId]>,
    ) -> Result<Vec<DialogueLine>, sqlx::Error> {
        const SQL: &str = "SELECT d.id, d.school_id, s.name, d.held_on, a.title, \
             (SELECT COUNT(*) FROM result_dialogue_actions x WHERE x.dialogue_id = d.id), d.next_on \
             FROM result_dialogues d JOIN schools s ON s.id = d.school_id LEFT JOIN wheel_activities a ON a.id = d.activity_id \
             WHERE d.municipality_id = $1 ORDER BY d.held_on DESC, d.id DESC";
        type Row = (
            i64,
            i64,
            String,
            String,
            Option<String>,
            i64,
            Option<String>,
        );
        let rows: Vec<Row> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter(|r| schools.is_none_or(|s| s.contains(&SchoolId(r.1))))
            .map(
                |(id, school, name, held_on, period_title, actions, next_on)| DialogueLine {
                    id: ResultDialogueId(id),
                    school: SchoolRef {
                        id: SchoolId(school),
                        name,
                    },
                    held_on,
                    period_title,
                    actions: u32::try_from(actions).unwrap_or(0),
                    next_on,
                },
            )
            .collect())
    }

    /// The Resultatdialoger activities of `year`, in order.
    pub async fn dialogue_periods(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<DialoguePeriod>, sqlx::Error> {
        const SQL: &str = "SELECT a.id, a.title, a.starts_on, a.ends_on FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
             WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND r.kind = 'result_dialogues' ORDER BY a.starts_on, a.id";
        let rows: Vec<(i64, String, String, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, starts_on, ends_on)| DialoguePeriod {
                id: ActivityId(id),
                title,
                starts_on,
                ends_on,
            })
            .collect())
    }

    /// Whether `activity` is of the municipality's Resultatdialoger ring.
    pub async fn is_dialogue_period(
        &self,
        m: MunicipalityId,
        activity: ActivityId,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
             WHERE a.municipality_id = $1 AND a.id = $2 AND r.kind = 'result_dialogues'";
        let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(activity.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// Writes what was said and decided at `version`, the insatser replaced, in one
    /// transaction.
    pub async fn update_dialogue(
        &self,
        m: MunicipalityId,
        id: ResultDialogueId,
        input: &DialogueInput,
    ) -> Result<Update<()>, sqlx::Error> {
        const UPDATE: &str = "UPDATE result_dialogues SET analysis = $1, decisions = $2, follow_up = $3, next_on = $4, \
             version = version + 1, updated_at = $5 WHERE municipality_id = $6 AND id = $7 AND version = $8";
        const INSERT: &str = "INSERT INTO result_dialogue_actions (dialogue_id, position, text, owner_id, due, goal_id) \
             VALUES ($1, $2, $3, $4, $5, $6)";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM result_dialogues WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            match current {
                None => return Ok(Update::NotFound),
                Some(v) if v != input.version => return Ok(Update::Stale),
                Some(_) => {}
            }
            sqlx::query(UPDATE)
                .bind(input.analysis.trim()).bind(input.decisions.trim()).bind(input.follow_up.trim())
                .bind(input.next_on.as_deref()).bind(Utc::now()).bind(m.0).bind(id.0).bind(input.version)
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM result_dialogue_actions WHERE dialogue_id = $1").bind(id.0).execute(&mut *tx).await?;
            for (i, a) in input.actions.iter().enumerate() {
                let ActionInput { text, owner, due, goal } = a;
                sqlx::query(INSERT).bind(id.0).bind(i64::try_from(i).unwrap_or(0)).bind(text.trim())
                    .bind(owner.map(|o| o.0)).bind(due.as_deref()).bind(goal.map(|g| g.0))
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }
}
