//! Meetings of the groups. A learning group's meetings follow the wheel's meeting slots
//! (activities on the Lärgruppsträffar ring with a time): every learning group of the
//! year gets one meeting per slot, and when a slot moves its meetings move with it,
//! keeping their id and so their protocol and plans.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kollegium_shared::ids::{
    ActivityId, GoalId, GroupId, MeetingId, MunicipalityId, PersonId, SchoolYearId,
};
use kollegium_shared::meetings::agenda::{AgendaStep, default_steps};
use kollegium_shared::meetings::records::Fields;
use kollegium_shared::meetings::{
    ActionPlan, ActionPlanInput, Meeting, MeetingFacts, MeetingPatch, MeetingStatus, NewMeeting,
};

use super::{BeginWrite, Store, Update, with_db};

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    group_id: i64,
    group_name: String,
    activity_id: Option<i64>,
    starts_on: String,
    start_time: Option<String>,
    end_time: Option<String>,
    place: String,
    video_link: Option<String>,
    status: String,
    agenda: String,
    question: String,
    theme: Option<String>,
    preparation_task: String,
    documenter_id: Option<i64>,
    version: i64,
    /// Attendance marks of any kind.
    marked: i64,
    protocol_due_days: i64,
}

impl MeetingRow {
    /// The meeting as it stands on `today`.
    fn into_meeting(self, today: &str) -> Meeting {
        let r = self;
        let status = MeetingStatus::from_code(&r.status).unwrap_or(MeetingStatus::Planerad);
        let state = MeetingFacts {
            status,
            starts_on: &r.starts_on,
            attendance_taken: r.marked > 0,
        }
        .state(today, r.protocol_due_days);
        Meeting {
            id: MeetingId(r.id),
            group_id: GroupId(r.group_id),
            group_name: r.group_name,
            activity_id: r.activity_id.map(ActivityId),
            starts_on: r.starts_on,
            start_time: r.start_time,
            end_time: r.end_time,
            place: r.place,
            video_link: r.video_link,
            status,
            state,
            agenda: serde_json::from_str(&r.agenda).unwrap_or_else(|_| default_steps()),
            question: r.question,
            theme: r.theme,
            preparation_task: r.preparation_task,
            documenter_id: r.documenter_id.map(PersonId),
            version: r.version,
        }
    }
}

const MEETING_COLUMNS: &str = "mt.id, mt.group_id, g.name AS group_name, mt.activity_id, mt.starts_on, mt.start_time, \
     mt.end_time, mt.place, mt.video_link, mt.status, mt.agenda, mt.question, mt.theme, mt.preparation_task, \
     mt.documenter_id, mt.version, \
     (SELECT COUNT(*) FROM meeting_attendance ma WHERE ma.meeting_id = mt.id) AS marked, mu.protocol_due_days";

/// The tables [`MEETING_COLUMNS`] reads.
const MEETING_TABLES: &str = "meetings mt JOIN groups g ON g.id = mt.group_id \
     JOIN municipalities mu ON mu.id = mt.municipality_id";

/// A slot of the wheel, as its meetings need it.
#[derive(sqlx::FromRow)]
struct SlotRow {
    id: i64,
    starts_on: String,
    start_time: Option<String>,
    end_time: Option<String>,
    description: String,
    theme: Option<String>,
    group_kind: String,
}

/// Reads a year's meeting slots, its groups of the slots' kinds and their meetings on
/// `$conn` (a connection or a transaction); evaluates to the slots and the changes
/// [`sync_plan`] finds, in a `Result`.
macro_rules! read_sync_plan {
    ($conn:expr, $m:expr, $year:expr) => {
        async {
            // A timed activity on a meeting ring is a slot every group of the ring's
            // kind meets in: learning groups, the leaders' group, the principals' group.
            const SLOTS: &str = "SELECT a.id, a.starts_on, a.start_time, a.end_time, a.description, a.theme, \
                 CASE r.kind WHEN 'meetings' THEN 'largrupp' WHEN 'leaders' THEN 'ledargrupp' ELSE 'rektorsgrupp' END AS group_kind \
                 FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
                 WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND r.kind IN ('meetings', 'leaders', 'principals') \
                 AND a.start_time IS NOT NULL";
            const GROUPS: &str = "SELECT id, kind FROM groups WHERE municipality_id = $1 AND school_year_id = $2 \
                 AND kind IN ('largrupp', 'ledargrupp', 'rektorsgrupp')";
            const EXISTING: &str = "SELECT mt.group_id, mt.activity_id, mt.starts_on, mt.start_time, mt.end_time, mt.theme \
                 FROM meetings mt JOIN groups g ON g.id = mt.group_id \
                 WHERE mt.municipality_id = $1 AND g.school_year_id = $2 AND mt.activity_id IS NOT NULL";
            let slots: Vec<SlotRow> = sqlx::query_as(SLOTS).bind($m.0).bind($year.0).fetch_all(&mut *$conn).await?;
            if slots.is_empty() {
                return Ok::<_, sqlx::Error>((slots, Vec::new()));
            }
            let groups: Vec<(i64, String)> = sqlx::query_as(GROUPS).bind($m.0).bind($year.0).fetch_all(&mut *$conn).await?;
            let existing: Vec<SlotMeeting> = sqlx::query_as(EXISTING).bind($m.0).bind($year.0).fetch_all(&mut *$conn).await?;
            let changes = sync_plan(&slots, &groups, existing);
            Ok((slots, changes))
        }
        .await
    };
}

impl Store {
    /// Brings a year's learning-group meetings in step with the wheel's meeting slots:
    /// a meeting for every learning group and slot, moved when its slot moved. Read
    /// first without writing (every reader of the meetings comes through here, and
    /// nearly always nothing has changed); only changes take the write, in one
    /// transaction. Running it again changes nothing.
    pub async fn sync_meetings(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<(), sqlx::Error> {
        // Read first, outside any write: nearly always nothing has changed, and every
        // reader of "Träffar" and the start page comes through here.
        let nothing_to_do = with_db!(self, pool => {
            let mut conn = pool.acquire().await?;
            let (_, changes) = read_sync_plan!(conn, m, year)?;
            Ok::<bool, sqlx::Error>(changes.is_empty())
        })?;
        if nothing_to_do {
            return Ok(());
        }
        let now = Utc::now();
        let agenda =
            serde_json::to_string(&self.default_agenda(m).await?).unwrap_or_else(|_| "[]".into());
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Planned again inside the write: another request may have done it meanwhile.
            let (slots, changes) = read_sync_plan!(tx, m, year)?;
            for change in changes {
                match change {
                    // PostgreSQL does not serialise these transactions: of two requests
                    // making the same meeting at this moment, one wins.
                    SyncChange::Create { group, slot } => {
                        let slot = &slots[slot];
                        sqlx::query(
                            "INSERT INTO meetings (municipality_id, group_id, activity_id, starts_on, start_time, end_time, \
                             agenda, question, theme, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                             ON CONFLICT (group_id, activity_id) DO NOTHING",
                        )
                        .bind(m.0).bind(group).bind(slot.id).bind(&slot.starts_on).bind(&slot.start_time).bind(&slot.end_time)
                        .bind(&agenda).bind(slot.description.trim()).bind(&slot.theme).bind(now)
                        .execute(&mut *tx).await?;
                    }
                    SyncChange::Move { group, slot } => {
                        let slot = &slots[slot];
                        sqlx::query(
                            "UPDATE meetings SET starts_on = $1, start_time = $2, end_time = $3, theme = $4, \
                             version = version + 1, updated_at = $5 WHERE group_id = $6 AND activity_id = $7",
                        )
                        .bind(&slot.starts_on).bind(&slot.start_time).bind(&slot.end_time).bind(&slot.theme)
                        .bind(now).bind(group).bind(slot.id)
                        .execute(&mut *tx).await?;
                    }
                }
            }
            tx.commit().await?;
            Ok::<(), sqlx::Error>(())
        })
    }

    /// The municipality's default agenda: its chosen template, or the 90-minute model.
    pub async fn default_agenda(&self, m: MunicipalityId) -> Result<Vec<AgendaStep>, sqlx::Error> {
        const SQL: &str =
            "SELECT steps FROM agenda_templates WHERE municipality_id = $1 AND is_default = TRUE";
        let steps: Option<String> =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).fetch_optional(pool).await)?;
        Ok(steps
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_else(default_steps))
    }

    /// The meetings of a year of the groups a person is in (or of every group), in time order.
    pub async fn meetings(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        member: Option<PersonId>,
    ) -> Result<Vec<Meeting>, sqlx::Error> {
        let filter = if member.is_some() {
            " AND EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = mt.group_id AND gm.person_id = $3)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM {MEETING_TABLES} \
             WHERE mt.municipality_id = $1 AND g.school_year_id = $2{filter} \
             ORDER BY mt.starts_on, mt.start_time, g.name"
        );
        let rows: Vec<MeetingRow> = with_db!(self, pool => {
            let q = sqlx::query_as(&sql).bind(m.0).bind(year.0);
            let q = match member { Some(p) => q.bind(p.0), None => q };
            q.fetch_all(pool).await
        })?;
        let today = crate::context::today();
        Ok(rows.into_iter().map(|r| r.into_meeting(&today)).collect())
    }

    /// The meetings of one group, in time order.
    pub async fn group_meetings(
        &self,
        m: MunicipalityId,
        group: GroupId,
    ) -> Result<Vec<Meeting>, sqlx::Error> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM {MEETING_TABLES} \
             WHERE mt.municipality_id = $1 AND mt.group_id = $2 ORDER BY mt.starts_on, mt.start_time"
        );
        let rows: Vec<MeetingRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(group.0).fetch_all(pool).await)?;
        let today = crate::context::today();
        Ok(rows.into_iter().map(|r| r.into_meeting(&today)).collect())
    }

    /// One meeting of the municipality.
    pub async fn meeting(
        &self,
        m: MunicipalityId,
        id: MeetingId,
    ) -> Result<Option<Meeting>, sqlx::Error> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM {MEETING_TABLES} \
             WHERE mt.municipality_id = $1 AND mt.id = $2"
        );
        let row: Option<MeetingRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(|r| r.into_meeting(&crate::context::today())))
    }

    /// Changes a meeting as it stands after `patch`, when `version` is current.
    pub async fn update_meeting(
        &self,
        m: MunicipalityId,
        meeting: &Meeting,
        patch: &MeetingPatch,
    ) -> Result<Update<()>, sqlx::Error> {
        let place = patch
            .place
            .as_deref()
            .map_or(meeting.place.clone(), |p| p.trim().to_owned());
        let video_link = match patch.video_link.as_deref().map(str::trim) {
            Some("") => None,
            Some(link) => Some(link.to_owned()),
            None => meeting.video_link.clone(),
        };
        let agenda = serde_json::to_string(patch.agenda.as_ref().unwrap_or(&meeting.agenda))
            .unwrap_or_else(|_| "[]".into());
        let question = patch
            .question
            .as_deref()
            .map_or(meeting.question.clone(), |q| q.trim().to_owned());
        let task = patch
            .preparation_task
            .as_deref()
            .map_or(meeting.preparation_task.clone(), |t| t.trim().to_owned());
        let documenter = patch.documenter_id.or(meeting.documenter_id).map(|p| p.0);
        let (starts_on, start_time, end_time) = patched_time(meeting, patch);
        const SQL: &str = "UPDATE meetings SET place = $1, video_link = $2, agenda = $3, question = $4, preparation_task = $5, \
             documenter_id = $6, starts_on = $7, start_time = $8, end_time = $9, version = version + 1, updated_at = $10 \
             WHERE municipality_id = $11 AND id = $12 AND version = $13";
        let done = with_db!(self, pool => sqlx::query(SQL)
            .bind(&place).bind(&video_link).bind(&agenda).bind(&question).bind(&task).bind(documenter)
            .bind(&starts_on).bind(&start_time).bind(&end_time).bind(Utc::now())
            .bind(m.0).bind(meeting.id.0).bind(patch.version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// The documenter set for a meeting, if any.
    pub async fn meeting_documenter(
        &self,
        meeting: MeetingId,
    ) -> Result<Option<PersonId>, sqlx::Error> {
        const SQL: &str = "SELECT documenter_id FROM meetings WHERE id = $1";
        let id: Option<Option<i64>> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(meeting.0).fetch_optional(pool).await)?;
        Ok(id.flatten().map(PersonId))
    }

    /// A person's place in a group: `None` when not a member, else whether they lead it.
    pub async fn membership(
        &self,
        group: GroupId,
        person: PersonId,
    ) -> Result<Option<bool>, sqlx::Error> {
        const SQL: &str = "SELECT leader FROM group_members WHERE group_id = $1 AND person_id = $2";
        with_db!(self, pool => sqlx::query_scalar(SQL).bind(group.0).bind(person.0).fetch_optional(pool).await)
    }
}

/// A meeting's day and times after `patch`: an empty time is removed.
pub fn patched_time(
    meeting: &Meeting,
    patch: &MeetingPatch,
) -> (String, Option<String>, Option<String>) {
    let time = |new: &Option<String>, old: &Option<String>| match new.as_deref().map(str::trim) {
        None => old.clone(),
        Some("") => None,
        Some(t) => Some(t.to_owned()),
    };
    (
        patch
            .starts_on
            .as_deref()
            .map_or(meeting.starts_on.clone(), |d| d.trim().to_owned()),
        time(&patch.start_time, &meeting.start_time),
        time(&patch.end_time, &meeting.end_time),
    )
}

impl Store {
    /// Adds a meeting of a leader's own to a group, with `agenda`.
    pub async fn create_meeting(
        &self,
        m: MunicipalityId,
        input: &NewMeeting,
        agenda: &[AgendaStep],
    ) -> Result<MeetingId, sqlx::Error> {
        let now = Utc::now();
        let agenda = serde_json::to_string(agenda).unwrap_or_else(|_| "[]".into());
        let time = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        const SQL: &str = "INSERT INTO meetings (municipality_id, group_id, starts_on, start_time, end_time, place, agenda, question, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
        let id: i64 = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(m.0).bind(input.group_id.0).bind(input.starts_on.trim()).bind(time(&input.start_time)).bind(time(&input.end_time))
            .bind(input.place.trim()).bind(&agenda).bind(input.question.trim()).bind(now)
            .fetch_one(pool).await)?;
        Ok(MeetingId(id))
    }

    /// Removes a meeting a leader added, at `version`, when nothing was written for it
    /// (no protocol, no plan): `Ok(false)` when something was.
    pub async fn delete_meeting(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
        version: i64,
    ) -> Result<Update<bool>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let records: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM protocols WHERE meeting_id = $1) + (SELECT COUNT(*) FROM action_plans WHERE meeting_id = $1)",
            )
            .bind(meeting.0).fetch_one(&mut *tx).await?;
            if records > 0 {
                tx.rollback().await?;
                return Ok(Update::Done(false));
            }
            let n = sqlx::query("DELETE FROM meetings WHERE municipality_id = $1 AND id = $2 AND version = $3 AND activity_id IS NULL")
                .bind(m.0).bind(meeting.0).bind(version).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            Ok::<Update<bool>, sqlx::Error>(if n == 1 { Update::Done(true) } else { Update::Stale })
        })
    }
}

/// A stored plan.
#[derive(sqlx::FromRow)]
struct PlanRow {
    fields: String,
    shared: bool,
    version: i64,
    updated_at: DateTime<Utc>,
    goal_id: Option<i64>,
}

impl Store {
    /// A person's plan for a meeting, if saved.
    pub async fn action_plan(
        &self,
        meeting: MeetingId,
        person: PersonId,
    ) -> Result<Option<ActionPlan>, sqlx::Error> {
        const SQL: &str = "SELECT fields, shared, version, updated_at, goal_id FROM action_plans WHERE meeting_id = $1 AND person_id = $2";
        let row: Option<PlanRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).bind(person.0).fetch_optional(pool).await)?;
        Ok(row.map(|r| ActionPlan {
            meeting_id: meeting,
            fields: serde_json::from_str(&r.fields).unwrap_or_default(),
            shared: r.shared,
            version: r.version,
            updated_at: Some(
                r.updated_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            goal: r.goal_id.map(GoalId),
        }))
    }

    /// Names the goal a person's saved plan serves (or none); `false` when they have
    /// no saved plan for the meeting. The plan's text and version stay as they are: the
    /// link is the author's alone, beside the text the autosave writes.
    pub async fn set_plan_goal(
        &self,
        meeting: MeetingId,
        person: PersonId,
        goal: Option<GoalId>,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "UPDATE action_plans SET goal_id = $1 WHERE meeting_id = $2 AND person_id = $3";
        let n = with_db!(self, pool => sqlx::query(SQL).bind(goal.map(|g| g.0)).bind(meeting.0).bind(person.0)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// The person's latest saved plan for a meeting of the group before `before` (the
    /// red thread's previous step).
    pub async fn previous_plan(
        &self,
        group: GroupId,
        person: PersonId,
        before: &str,
    ) -> Result<Option<Fields>, sqlx::Error> {
        const SQL: &str = "SELECT p.fields FROM action_plans p JOIN meetings mt ON mt.id = p.meeting_id \
             WHERE mt.group_id = $1 AND p.person_id = $2 AND mt.starts_on < $3 ORDER BY mt.starts_on DESC LIMIT 1";
        let row: Option<String> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(group.0).bind(person.0).bind(before).fetch_optional(pool).await)?;
        Ok(row.and_then(|f| serde_json::from_str(&f).ok()))
    }

    /// Saves a person's plan: the first save when `version` is 0, else only when it is
    /// the stored version (a stale save is refused, never written over).
    pub async fn save_action_plan(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
        person: PersonId,
        input: &ActionPlanInput,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let fields = serde_json::to_string(&input.fields).unwrap_or_else(|_| "[]".into());
        let done = if input.version == 0 {
            const SQL: &str = "INSERT INTO action_plans (municipality_id, meeting_id, person_id, fields, shared, version, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, 1, $6)";
            let r = with_db!(self, pool => sqlx::query(SQL).bind(m.0).bind(meeting.0).bind(person.0).bind(&fields).bind(input.shared).bind(now)
                .execute(pool).await.map(|r| r.rows_affected()));
            match r {
                Ok(n) => n,
                Err(e) if super::is_unique_violation(&e) => 0,
                Err(e) => return Err(e),
            }
        } else {
            const SQL: &str = "UPDATE action_plans SET fields = $1, shared = $2, version = version + 1, updated_at = $3 \
                 WHERE meeting_id = $4 AND person_id = $5 AND version = $6";
            with_db!(self, pool => sqlx::query(SQL).bind(&fields).bind(input.shared).bind(now).bind(meeting.0).bind(person.0).bind(input.version)
                .execute(pool).await.map(|r| r.rows_affected()))?
        };
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Every saved plan of a meeting: author, shared, fields.
    pub async fn meeting_plans(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<(PersonId, bool, Fields)>, sqlx::Error> {
        const SQL: &str =
            "SELECT person_id, shared, fields FROM action_plans WHERE meeting_id = $1";
        let rows: Vec<(i64, bool, String)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(p, shared, f)| {
                (
                    PersonId(p),
                    shared,
                    serde_json::from_str(&f).unwrap_or_default(),
                )
            })
            .collect())
    }
}

/// A protocol as stored.
#[derive(sqlx::FromRow)]
pub struct ProtocolRow {
    pub fields: String,
    pub version: i64,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<String>,
    pub updated_by: Option<i64>,
    pub updated_by_name: Option<String>,
}

/// A message to queue for sending.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
}

impl Store {
    /// A meeting's protocol, if saved.
    pub async fn protocol(&self, meeting: MeetingId) -> Result<Option<ProtocolRow>, sqlx::Error> {
        const SQL: &str = "SELECT pr.fields, pr.version, pr.published_at, p.name AS published_by, \
             pr.updated_by, u.name AS updated_by_name \
             FROM protocols pr LEFT JOIN persons p ON p.id = pr.published_by \
             LEFT JOIN persons u ON u.id = pr.updated_by WHERE pr.meeting_id = $1";
        with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).fetch_optional(pool).await)
    }

    /// A protocol's amendments, oldest first: field, text, who, when.
    pub async fn amendments(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<(String, String, String, DateTime<Utc>)>, sqlx::Error> {
        const SQL: &str = "SELECT a.field, a.text, p.name, a.at FROM protocol_amendments a JOIN persons p ON p.id = a.person_id \
             WHERE a.meeting_id = $1 ORDER BY a.id";
        with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).fetch_all(pool).await)
    }

    /// Saves a protocol that is not yet published: the first save when `version` is 0,
    /// else only when it is the stored version.
    pub async fn save_protocol(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
        person: PersonId,
        fields: &Fields,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let text = serde_json::to_string(fields).unwrap_or_else(|_| "[]".into());
        let done = if version == 0 {
            const SQL: &str = "INSERT INTO protocols (meeting_id, municipality_id, fields, version, updated_by, updated_at) \
                 VALUES ($1, $2, $3, 1, $4, $5)";
            let r = with_db!(self, pool => sqlx::query(SQL).bind(meeting.0).bind(m.0).bind(&text).bind(person.0).bind(now)
                .execute(pool).await.map(|r| r.rows_affected()));
            match r {
                Ok(n) => n,
                Err(e) if super::is_unique_violation(&e) => 0,
                Err(e) => return Err(e),
            }
        } else {
            const SQL: &str = "UPDATE protocols SET fields = $1, version = version + 1, updated_by = $2, updated_at = $3 \
                 WHERE meeting_id = $4 AND version = $5 AND published_at IS NULL";
            with_db!(self, pool => sqlx::query(SQL).bind(&text).bind(person.0).bind(now).bind(meeting.0).bind(version)
                .execute(pool).await.map(|r| r.rows_affected()))?
        };
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Publishes a protocol at `version`: read-only from now on, the meeting's status
    /// moves on, its documenter (`documenter` unless one was named for the day) is kept
    /// with it and the group's rotation continues after them, and the message to the
    /// recipients is queued — all in one transaction.
    pub async fn publish_protocol(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
        person: PersonId,
        documenter: PersonId,
        version: i64,
        mail: &OutgoingMail,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE protocols SET published_at = $1, published_by = $2, version = version + 1 \
                 WHERE meeting_id = $3 AND version = $4 AND published_at IS NULL",
            )
            .bind(now).bind(person.0).bind(meeting.0).bind(version)
            .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            sqlx::query("UPDATE meetings SET status = 'protokoll_publicerat', documenter_id = COALESCE(documenter_id, $1), version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(documenter.0).bind(now).bind(meeting.0).execute(&mut *tx).await?;
            // The rotation moves on: absentees passed over are owed a turn.
            let (group, documented): (i64, Option<i64>) =
                sqlx::query_as("SELECT group_id, documenter_id FROM meetings WHERE id = $1")
                    .bind(meeting.0).fetch_one(&mut *tx).await?;
            // The group's row lock first: two protocols of one group published at once
            // must not lose one another's turn.
            sqlx::query("UPDATE groups SET documenter_owed = documenter_owed WHERE id = $1")
                .bind(group).execute(&mut *tx).await?;
            let (last, owed): (Option<i64>, String) = sqlx::query_as(
                "SELECT last_documenter_id, documenter_owed FROM groups WHERE id = $1")
                .bind(group).fetch_one(&mut *tx).await?;
            let order: Vec<(i64,)> = sqlx::query_as(
                "SELECT gm.person_id FROM group_members gm JOIN persons p ON p.id = gm.person_id \
                 WHERE gm.group_id = $1 AND p.active ORDER BY gm.position")
                .bind(group).fetch_all(&mut *tx).await?;
            let attendance: Vec<(i64, bool)> = sqlx::query_as(
                "SELECT person_id, present FROM meeting_attendance WHERE meeting_id = $1")
                .bind(meeting.0).fetch_all(&mut *tx).await?;
            let order: Vec<PersonId> = order.into_iter().map(|(p,)| PersonId(p)).collect();
            let absent: Vec<PersonId> = attendance.into_iter()
                .filter(|(_, here)| !here).map(|(p, _)| PersonId(p)).collect();
            let documented = PersonId(documented.unwrap_or(documenter.0));
            let after = super::groups::standing(last, &owed).after_meeting(&order, documented, &absent);
            sqlx::query("UPDATE groups SET last_documenter_id = $1, documenter_owed = $2 WHERE id = $3")
                .bind(after.last.map(|p| p.0)).bind(super::groups::owed_text(&after)).bind(group)
                .execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO outbox (municipality_id, recipients, subject, body, attempts, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, 0, $5, $5)",
            )
            .bind(m.0).bind(mail.recipients.join(",")).bind(&mail.subject).bind(&mail.body).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Records a correction to a published protocol.
    pub async fn add_amendment(
        &self,
        meeting: MeetingId,
        person: PersonId,
        field: &str,
        text: &str,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "INSERT INTO protocol_amendments (meeting_id, person_id, field, text, at) VALUES ($1, $2, $3, $4, $5)";
        with_db!(self, pool => sqlx::query(SQL).bind(meeting.0).bind(person.0).bind(field).bind(text.trim()).bind(Utc::now()).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Queued messages, newest first: recipients, subject, attempts, sent or not.
    pub async fn outbox(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<(String, String, i64, bool)>, sqlx::Error> {
        const SQL: &str = "SELECT recipients, subject, attempts, sent_at IS NOT NULL FROM outbox WHERE municipality_id = $1 ORDER BY id DESC";
        with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)
    }
}

/// A live meeting's clock as stored: the step, when its clock last started (none while
/// paused) and the seconds spent in it before that.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveRow {
    pub status: String,
    pub live_step: Option<i64>,
    pub live_started_at: Option<DateTime<Utc>>,
    pub live_elapsed: i64,
    pub version: i64,
}

impl LiveRow {
    /// Seconds spent in the step up to `now`.
    pub fn elapsed_at(&self, now: DateTime<Utc>) -> i64 {
        self.live_elapsed
            + self
                .live_started_at
                .map_or(0, |t| (now - t).num_seconds().max(0))
    }
}

impl Store {
    /// A meeting's live clock.
    pub async fn live_row(&self, meeting: MeetingId) -> Result<Option<LiveRow>, sqlx::Error> {
        const SQL: &str = "SELECT status, live_step, live_started_at, live_elapsed, version FROM meetings WHERE id = $1";
        with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).fetch_optional(pool).await)
    }

    /// Who has been marked present or absent at a meeting.
    pub async fn attendance(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<(PersonId, bool)>, sqlx::Error> {
        const SQL: &str = "SELECT person_id, present FROM meeting_attendance WHERE meeting_id = $1";
        let rows: Vec<(i64, bool)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(meeting.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(p, present)| (PersonId(p), present))
            .collect())
    }

    /// Moves a live meeting's clock, at `version` (stale: nothing changes). `step`
    /// none ends the meeting: it is held (a published protocol's status stays).
    pub async fn set_live(
        &self,
        meeting: MeetingId,
        version: i64,
        step: Option<usize>,
        running: bool,
        elapsed: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let status = if step.is_some() { "pagar" } else { "genomford" };
        let step = step.and_then(|s| i64::try_from(s).ok());
        let started = running.then_some(now);
        const SQL: &str = "UPDATE meetings SET live_step = $1, live_started_at = $2, live_elapsed = $3, \
             status = CASE WHEN status = 'protokoll_publicerat' THEN status ELSE $4 END, \
             version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7";
        let done = with_db!(self, pool => sqlx::query(SQL).bind(step).bind(started).bind(elapsed).bind(status).bind(now).bind(meeting.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Marks a member present or absent and, in the same transaction, names the
    /// documenter of the day (`documenter`, worked out by the caller skipping
    /// absentees); the meeting's version moves so followers see the change.
    pub async fn set_attendance(
        &self,
        meeting: MeetingId,
        person: PersonId,
        present: bool,
        documenter: Option<PersonId>,
    ) -> Result<(), sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1 AND person_id = $2")
                .bind(meeting.0).bind(person.0).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO meeting_attendance (meeting_id, person_id, present) VALUES ($1, $2, $3)")
                .bind(meeting.0).bind(person.0).bind(present).execute(&mut *tx).await?;
            sqlx::query("UPDATE meetings SET documenter_id = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(documenter.map(|d| d.0)).bind(now).bind(meeting.0).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }
}

/// A meeting of a slot as it stands: group, slot, day, start, end, theme.
type SlotMeeting = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What bringing a year's meetings in step with the wheel takes, for a group and a
/// slot (an index into the slots read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SyncChange {
    /// A group of the slot's kind has no meeting in it yet.
    Create { group: i64, slot: usize },
    /// The slot moved, or its theme changed: its meeting follows.
    Move { group: i64, slot: usize },
}

/// The changes that bring `existing` meetings in step with `slots` for `groups` (id
/// and kind).
fn sync_plan(
    slots: &[SlotRow],
    groups: &[(i64, String)],
    existing: Vec<SlotMeeting>,
) -> Vec<SyncChange> {
    let existing: HashMap<(i64, i64), SlotMeeting> =
        existing.into_iter().map(|e| ((e.0, e.1), e)).collect();
    let mut changes = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        for (group, _) in groups.iter().filter(|(_, kind)| *kind == slot.group_kind) {
            match existing.get(&(*group, slot.id)) {
                None => changes.push(SyncChange::Create {
                    group: *group,
                    slot: i,
                }),
                // The question is the wheel's when the meeting is made; after that it is
                // the leader's to adjust, so only time and theme follow the slot.
                Some(e)
                    if e.2 != slot.starts_on
                        || e.3 != slot.start_time
                        || e.4 != slot.end_time
                        || e.5 != slot.theme =>
                {
                    changes.push(SyncChange::Move {
                        group: *group,
                        slot: i,
                    });
                }
                Some(_) => {}
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(id: i64, day: &str, kind: &str) -> SlotRow {
        SlotRow {
            id,
            starts_on: day.into(),
            start_time: Some("15:00".into()),
            end_time: Some("16:30".into()),
            description: "Frågan".into(),
            theme: None,
            group_kind: kind.into(),
        }
    }

    fn meeting(group: i64, slot: &SlotRow) -> SlotMeeting {
        (
            group,
            slot.id,
            slot.starts_on.clone(),
            slot.start_time.clone(),
            slot.end_time.clone(),
            slot.theme.clone(),
        )
    }

    #[test]
    fn only_missing_and_moved_meetings_are_changed() {
        let slots = [
            slot(1, "2026-09-10", "largrupp"),
            slot(2, "2026-10-08", "ledargrupp"),
        ];
        let groups = [
            (10, "largrupp".to_owned()),
            (11, "largrupp".to_owned()),
            (20, "ledargrupp".to_owned()),
        ];
        let all: Vec<SlotMeeting> = vec![
            meeting(10, &slots[0]),
            meeting(11, &slots[0]),
            meeting(20, &slots[1]),
        ];
        assert!(sync_plan(&slots, &groups, all.clone()).is_empty());

        // Group 11 has no meeting yet; group 20's slot has moved a day.
        let mut moved = meeting(20, &slots[1]);
        moved.2 = "2026-10-07".into();
        let changes = sync_plan(&slots, &groups, vec![all[0].clone(), moved]);
        assert_eq!(
            changes,
            [
                SyncChange::Create { group: 11, slot: 0 },
                SyncChange::Move { group: 20, slot: 1 }
            ]
        );

        // A changed theme moves it too; the question (the leader's by now) does not.
        let mut themed = all.clone();
        themed[0].5 = Some("Bedömning".into());
        assert_eq!(
            sync_plan(&slots, &groups, themed),
            [SyncChange::Move { group: 10, slot: 0 }]
        );
    }
}
