//! Follow-up: the database counts the people of each meeting of a period (members,
//! present, absent, plans written, preparation ticked), per meeting and per meeting and
//! school; the municipality's protocol deadline; the reminders' claims.

use kollegium_shared::followup::{GroupInfo, MeetingTally, OwnTally, People, SchoolTally};
use kollegium_shared::groups::GroupKind;
use kollegium_shared::ids::{
    ActivityId, GroupId, ItemId, MeetingId, MunicipalityId, PersonId, SchoolId, SchoolYearId,
};
use kollegium_shared::meetings::MeetingStatus;
use kollegium_shared::org::Stage;

use super::{BeginWrite, Store, Update, with_db};

/// The counts over a meeting's members. Plans count among those not marked absent,
/// whom they are expected of.
const PEOPLE: &str = "COUNT(gm.person_id) AS members, \
     COALESCE(SUM(CASE WHEN a.present THEN 1 ELSE 0 END), 0) AS present, \
     COALESCE(SUM(CASE WHEN a.person_id IS NOT NULL AND NOT a.present THEN 1 ELSE 0 END), 0) AS absent, \
     COALESCE(SUM(CASE WHEN ap.id IS NOT NULL AND (a.person_id IS NULL OR a.present) THEN 1 ELSE 0 END), 0) AS plans, \
     COALESCE(SUM(CASE WHEN pp.person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS prepared";

/// A period's meetings of the year's groups, each joined to its members' records.
const MEMBERS_OF_MEETINGS: &str = "meetings mt JOIN groups g ON g.id = mt.group_id \
     LEFT JOIN group_members gm ON gm.group_id = mt.group_id \
     LEFT JOIN meeting_attendance a ON a.meeting_id = mt.id AND a.person_id = gm.person_id \
     LEFT JOIN action_plans ap ON ap.meeting_id = mt.id AND ap.person_id = gm.person_id \
     LEFT JOIN meeting_preparations pp ON pp.meeting_id = mt.id AND pp.person_id = gm.person_id";

const PERIOD: &str = "mt.municipality_id = $1 AND g.school_year_id = $2 AND mt.starts_on >= $3 AND mt.starts_on <= $4";

/// The columns of [`PEOPLE`].
#[derive(sqlx::FromRow)]
struct PeopleRow {
    members: i64,
    present: i64,
    absent: i64,
    plans: i64,
    prepared: i64,
}

impl From<PeopleRow> for People {
    fn from(r: PeopleRow) -> People {
        People {
            members: r.members,
            present: r.present,
            absent: r.absent,
            plans: r.plans,
            prepared: r.prepared,
        }
    }
}

#[derive(sqlx::FromRow)]
struct TallyRow {
    id: i64,
    group_id: i64,
    activity_id: Option<i64>,
    title: Option<String>,
    starts_on: String,
    status: String,
    marked: i64,
    #[sqlx(flatten)]
    people: PeopleRow,
}

#[derive(sqlx::FromRow)]
struct SchoolTallyRow {
    id: i64,
    school_id: i64,
    #[sqlx(flatten)]
    people: PeopleRow,
}

#[derive(sqlx::FromRow)]
struct OwnRow {
    id: i64,
    starts_on: String,
    status: String,
    marked: i64,
    present: Option<bool>,
    plan: bool,
    prepared: bool,
}

fn status(code: &str) -> MeetingStatus {
    MeetingStatus::from_code(code).unwrap_or(MeetingStatus::Planerad)
}

/// One of the caller's groups of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub group: GroupId,
    pub kind: GroupKind,
    pub leader: bool,
}

impl Store {
    /// The year's groups with the schools their members work at.
    pub async fn followup_groups(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<GroupInfo>, sqlx::Error> {
        const GROUPS: &str = "SELECT id, name, kind, subject, stages FROM groups \
             WHERE municipality_id = $1 AND school_year_id = $2";
        const SCHOOLS: &str = "SELECT DISTINCT gm.group_id, ps.school_id FROM group_members gm \
             JOIN groups g ON g.id = gm.group_id JOIN person_schools ps ON ps.person_id = gm.person_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2";
        type Row = (i64, String, String, Option<String>, String);
        let (groups, schools): (Vec<Row>, Vec<(i64, i64)>) = with_db!(self, pool => {
            let groups = sqlx::query_as(GROUPS).bind(m.0).bind(year.0).fetch_all(pool).await?;
            let schools = sqlx::query_as(SCHOOLS).bind(m.0).bind(year.0).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((groups, schools))
        })?;
        let mut by_group: std::collections::HashMap<i64, Vec<SchoolId>> =
            std::collections::HashMap::new();
        for (g, s) in schools {
            by_group.entry(g).or_default().push(SchoolId(s));
        }
        Ok(groups
            .into_iter()
            .filter_map(|(id, name, kind, subject, stages)| {
                Some(GroupInfo {
                    id: GroupId(id),
                    name,
                    kind: GroupKind::from_code(&kind)?,
                    subject,
                    stages: stages.split(',').filter_map(Stage::from_code).collect(),
                    schools: by_group.remove(&id).unwrap_or_default(),
                })
            })
            .collect())
    }

    /// Each meeting of the year's groups in `from..=to`, its people counted.
    pub async fn meeting_tallies(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        from: &str,
        to: &str,
    ) -> Result<Vec<MeetingTally>, sqlx::Error> {
        let sql = format!(
            "SELECT mt.id, mt.group_id, mt.activity_id, wa.title, mt.starts_on, mt.status, \
             (SELECT COUNT(*) FROM meeting_attendance x WHERE x.meeting_id = mt.id) AS marked, {PEOPLE} \
             FROM {MEMBERS_OF_MEETINGS} LEFT JOIN wheel_activities wa ON wa.id = mt.activity_id \
             WHERE {PERIOD} \
             GROUP BY mt.id, mt.group_id, mt.activity_id, wa.title, mt.starts_on, mt.status"
        );
        let rows: Vec<TallyRow> = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(year.0).bind(from).bind(to).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|r| MeetingTally {
                meeting_id: MeetingId(r.id),
                group_id: GroupId(r.group_id),
                activity_id: r.activity_id.map(ActivityId),
                slot_title: r.title,
                starts_on: r.starts_on,
                status: status(&r.status),
                marked: r.marked,
                people: r.people.into(),
            })
            .collect())
    }

    /// Each meeting's people of each school, as [`Store::meeting_tallies`].
    pub async fn school_tallies(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        from: &str,
        to: &str,
    ) -> Result<Vec<SchoolTally>, sqlx::Error> {
        let sql = format!(
            "SELECT mt.id, ps.school_id, {PEOPLE} \
             FROM {MEMBERS_OF_MEETINGS} JOIN person_schools ps ON ps.person_id = gm.person_id \
             WHERE {PERIOD} GROUP BY mt.id, ps.school_id"
        );
        let rows: Vec<SchoolTallyRow> = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(year.0).bind(from).bind(to).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|r| SchoolTally {
                meeting_id: MeetingId(r.id),
                school_id: SchoolId(r.school_id),
                people: r.people.into(),
            })
            .collect())
    }

    /// The person at each meeting of their groups of the year.
    pub async fn own_tallies(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        person: PersonId,
    ) -> Result<Vec<OwnTally>, sqlx::Error> {
        const SQL: &str = "SELECT mt.id, mt.starts_on, mt.status, \
             (SELECT COUNT(*) FROM meeting_attendance x WHERE x.meeting_id = mt.id) AS marked, \
             a.present, ap.id IS NOT NULL AS plan, pp.person_id IS NOT NULL AS prepared \
             FROM meetings mt JOIN groups g ON g.id = mt.group_id \
             JOIN group_members gm ON gm.group_id = mt.group_id AND gm.person_id = $3 \
             LEFT JOIN meeting_attendance a ON a.meeting_id = mt.id AND a.person_id = $3 \
             LEFT JOIN action_plans ap ON ap.meeting_id = mt.id AND ap.person_id = $3 \
             LEFT JOIN meeting_preparations pp ON pp.meeting_id = mt.id AND pp.person_id = $3 \
             WHERE mt.municipality_id = $1 AND g.school_year_id = $2 ORDER BY mt.starts_on";
        let rows: Vec<OwnRow> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).bind(person.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|r| OwnTally {
                meeting_id: MeetingId(r.id),
                status: status(&r.status),
                starts_on: r.starts_on,
                marked: r.marked,
                present: r.present,
                plan: r.plan,
                prepared: r.prepared,
            })
            .collect())
    }

    /// The person's groups of a year, and whether they lead each.
    pub async fn memberships_of(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        person: PersonId,
    ) -> Result<Vec<Membership>, sqlx::Error> {
        const SQL: &str = "SELECT g.id, g.kind, gm.leader FROM group_members gm JOIN groups g ON g.id = gm.group_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND gm.person_id = $3";
        let rows: Vec<(i64, String, bool)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).bind(person.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, kind, leader)| {
                Some(Membership {
                    group: GroupId(id),
                    kind: GroupKind::from_code(&kind)?,
                    leader,
                })
            })
            .collect())
    }

    /// The schools a principal answers for: those naming them principal and those they
    /// work at.
    pub async fn principal_schools(
        &self,
        m: MunicipalityId,
        person: PersonId,
    ) -> Result<Vec<SchoolId>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM schools WHERE municipality_id = $1 AND principal_id = $2 \
             UNION SELECT school_id FROM person_schools WHERE municipality_id = $1 AND person_id = $2";
        let rows: Vec<(i64,)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(person.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(id,)| SchoolId(id)).collect())
    }

    /// The municipality's protocol deadline in days, and the settings' version.
    pub async fn protocol_due_days(&self, m: MunicipalityId) -> Result<(i64, i64), sqlx::Error> {
        const SQL: &str =
            "SELECT protocol_due_days, followup_version FROM municipalities WHERE id = $1";
        with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_one(pool).await)
    }

    /// Sets the protocol deadline when `version` is current.
    pub async fn set_protocol_due_days(
        &self,
        m: MunicipalityId,
        days: i64,
        version: i64,
    ) -> Result<Update<(i64, i64)>, sqlx::Error> {
        const SQL: &str = "UPDATE municipalities SET protocol_due_days = $1, followup_version = followup_version + 1 \
             WHERE id = $2 AND followup_version = $3";
        let done = with_db!(self, pool => sqlx::query(SQL)
            .bind(days).bind(m.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Ok(Update::Stale);
        }
        Ok(Update::Done(self.protocol_due_days(m).await?))
    }

    /// The person's submitted examples that came back with a comment.
    pub async fn returned_items(
        &self,
        m: MunicipalityId,
        person: PersonId,
    ) -> Result<Vec<(ItemId, String)>, sqlx::Error> {
        const SQL: &str = "SELECT id, title FROM library_items \
             WHERE municipality_id = $1 AND author_id = $2 AND status = 'returned' ORDER BY updated_at";
        let rows: Vec<(i64, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(person.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(id, t)| (ItemId(id), t)).collect())
    }

    /// Whether the person gets reminders by e-mail.
    pub async fn reminders_on(
        &self,
        m: MunicipalityId,
        person: PersonId,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT reminders FROM persons WHERE municipality_id = $1 AND id = $2";
        let on: Option<bool> = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(m.0).bind(person.0).fetch_optional(pool).await)?;
        Ok(on.unwrap_or(false))
    }

    /// Turns the person's reminders on or off.
    pub async fn set_reminders(
        &self,
        m: MunicipalityId,
        person: PersonId,
        on: bool,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str =
            "UPDATE persons SET reminders = $1 WHERE municipality_id = $2 AND id = $3";
        with_db!(self, pool => sqlx::query(SQL).bind(on).bind(m.0).bind(person.0).execute(pool).await.map(|_| ()))?;
        Ok(())
    }
}

/// A held meeting of any municipality still without its protocol, for the reminders.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnpublishedMeeting {
    pub municipality_id: i64,
    pub id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub starts_on: String,
    pub status: String,
    pub marked: i64,
    pub documenter_id: Option<i64>,
    pub protocol_due_days: i64,
}

impl Store {
    /// Meetings of every municipality from `since` to `until` whose protocol is not
    /// published, with what tells whether they were held.
    pub async fn unpublished_meetings(
        &self,
        since: &str,
        until: &str,
    ) -> Result<Vec<UnpublishedMeeting>, sqlx::Error> {
        const SQL: &str = "SELECT mt.municipality_id, mt.id, mt.group_id, g.name AS group_name, mt.starts_on, mt.status, \
             (SELECT COUNT(*) FROM meeting_attendance x WHERE x.meeting_id = mt.id) AS marked, \
             mt.documenter_id, mu.protocol_due_days \
             FROM meetings mt JOIN groups g ON g.id = mt.group_id JOIN municipalities mu ON mu.id = mt.municipality_id \
             WHERE mt.starts_on >= $1 AND mt.starts_on < $2 AND mt.status <> 'protokoll_publicerat' \
             ORDER BY mt.starts_on, mt.id";
        with_db!(self, pool => sqlx::query_as(SQL).bind(since).bind(until).fetch_all(pool).await)
    }

    /// The leaders of a group who are active and want reminders: id, e-mail.
    pub async fn reminded_leaders(
        &self,
        group: GroupId,
    ) -> Result<Vec<(i64, String)>, sqlx::Error> {
        const SQL: &str = "SELECT p.id, p.email FROM group_members gm JOIN persons p ON p.id = gm.person_id \
             WHERE gm.group_id = $1 AND gm.leader AND p.active AND p.reminders";
        with_db!(self, pool => sqlx::query_as(SQL).bind(group.0).fetch_all(pool).await)
    }

    /// A person's e-mail, when active and wanting reminders.
    pub async fn reminded_person(&self, person: PersonId) -> Result<Option<String>, sqlx::Error> {
        const SQL: &str = "SELECT email FROM persons WHERE id = $1 AND active AND reminders";
        with_db!(self, pool => sqlx::query_scalar(SQL).bind(person.0).fetch_optional(pool).await)
    }

    /// Claims today's reminder for a person and queues its mail in one transaction:
    /// false (and nothing queued) when they already had one today, here or on
    /// another server.
    pub async fn queue_reminder(
        &self,
        m: MunicipalityId,
        person: PersonId,
        day: &str,
        email: &str,
        subject: &str,
        body: &str,
    ) -> Result<bool, sqlx::Error> {
        const CLAIM: &str = "INSERT INTO reminders_sent (municipality_id, person_id, day) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING";
        let now = chrono::Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let claimed = sqlx::query(CLAIM).bind(m.0).bind(person.0).bind(day)
                .execute(&mut *tx).await?.rows_affected() == 1;
            if claimed {
                sqlx::query(
                    "INSERT INTO outbox (municipality_id, recipients, subject, body, attempts, next_attempt_at, created_at) \
                     VALUES ($1, $2, $3, $4, 0, $5, $5)",
                )
                .bind(m.0).bind(email).bind(subject).bind(body).bind(now)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(claimed)
        })
    }
}
