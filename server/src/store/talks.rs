//! Målsamtal: who holds them with whom, the times offered and booked, the records and
//! each party's preparation.
//!
//! Who talks with whom follows the organisation: a principal (rektor of a school, or
//! working at it with the role) with each active teacher working at their schools; a
//! head of operations with the principals of the schools that answer to them. Counts
//! per school are grouped in the database, never read row by row.

use std::collections::HashMap;

use chrono::Utc;
use kollegium_shared::collate::swedish_cmp;
use kollegium_shared::goals::talks::{
    TalkGoal, TalkKind, TalkPeriod, TalkPlan, TalkPreparation, TalkRecord, TalkTime,
};
use kollegium_shared::goals::{GoalLevel, GoalStatus};
use kollegium_shared::ids::{
    GoalId, MeetingId, MunicipalityId, PersonId, SchoolId, SchoolYearId, TalkId, TalkSlotId,
};
use kollegium_shared::org::{PersonRef, SchoolRef};

use super::{BeginWrite, Store, Update, is_unique_violation, with_db};

/// A conversation as stored, without what is read around it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredTalk {
    pub id: i64,
    pub school_year_id: i64,
    pub kind: String,
    pub leader_id: i64,
    pub leader_name: String,
    pub member_id: i64,
    pub member_name: String,
    pub school_id: i64,
    pub school_name: String,
    pub competence: String,
    pub assignment: String,
    pub health: String,
    pub collaboration: String,
    pub agreements: String,
    pub follow_up_on: Option<String>,
    pub follow_up: String,
    pub leader_held_on: Option<String>,
    pub member_held_on: Option<String>,
    pub version: i64,
    pub slot_on: Option<String>,
    pub slot_start: Option<String>,
    pub slot_end: Option<String>,
    pub slot_place: Option<String>,
}

impl StoredTalk {
    pub fn kind(&self) -> TalkKind {
        TalkKind::from_code(&self.kind).unwrap_or(TalkKind::Teacher)
    }

    pub fn leader(&self) -> PersonRef {
        PersonRef {
            id: PersonId(self.leader_id),
            name: self.leader_name.clone(),
        }
    }

    pub fn member(&self) -> PersonRef {
        PersonRef {
            id: PersonId(self.member_id),
            name: self.member_name.clone(),
        }
    }

    pub fn school(&self) -> SchoolRef {
        SchoolRef {
            id: SchoolId(self.school_id),
            name: self.school_name.clone(),
        }
    }

    pub fn time(&self) -> Option<TalkTime> {
        Some(TalkTime {
            on: self.slot_on.clone()?,
            start: self.slot_start.clone()?,
            end: self.slot_end.clone()?,
            place: self.slot_place.clone().unwrap_or_default(),
        })
    }

    pub fn record(&self) -> TalkRecord {
        TalkRecord {
            competence: self.competence.clone(),
            assignment: self.assignment.clone(),
            health: self.health.clone(),
            collaboration: self.collaboration.clone(),
            agreements: self.agreements.clone(),
            follow_up_on: self.follow_up_on.clone(),
            follow_up: self.follow_up.clone(),
        }
    }
}

const TALK_COLUMNS: &str = "t.id, t.school_year_id, t.kind, t.leader_id, l.name AS leader_name, t.member_id, \
     mb.name AS member_name, t.school_id, s.name AS school_name, t.competence, t.assignment, t.health, \
     t.collaboration, t.agreements, t.follow_up_on, t.follow_up, t.leader_held_on, t.member_held_on, t.version, \
     sl.held_on AS slot_on, sl.start_time AS slot_start, sl.end_time AS slot_end, sl.place AS slot_place";
const TALK_FROM: &str = "FROM goal_talks t JOIN persons l ON l.id = t.leader_id JOIN persons mb ON mb.id = t.member_id \
     JOIN schools s ON s.id = t.school_id LEFT JOIN goal_talk_slots sl ON sl.talk_id = t.id";

/// A time offered, with the conversation that booked it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredSlot {
    pub id: i64,
    pub school_year_id: i64,
    pub leader_id: i64,
    pub leader_name: String,
    pub held_on: String,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    pub talk_id: Option<i64>,
    pub member_id: Option<i64>,
    pub member_name: Option<String>,
    pub version: i64,
}

impl StoredSlot {
    pub fn time(&self) -> TalkTime {
        TalkTime {
            on: self.held_on.clone(),
            start: self.start_time.clone(),
            end: self.end_time.clone(),
            place: self.place.clone(),
        }
    }
}

/// Why a booking was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookRefusal {
    /// Someone else has it.
    Taken,
}

type PeopleRows = Vec<(i64, String, i64, String)>;

fn people(rows: PeopleRows) -> Vec<(PersonRef, SchoolRef)> {
    // One line per person: the first of their schools by name.
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|(p, ..)| seen.insert(*p))
        .map(|(p, name, s, school)| {
            (
                PersonRef {
                    id: PersonId(p),
                    name,
                },
                SchoolRef {
                    id: SchoolId(s),
                    name: school,
                },
            )
        })
        .collect()
}

/// The schools person `$2` answers for as principal (given they hold the role).
const PRINCIPAL_OF: &str = "SELECT id FROM schools WHERE municipality_id = $1 AND principal_id = $2 \
     UNION SELECT ps.school_id FROM person_schools ps JOIN person_roles r ON r.person_id = ps.person_id AND r.role = 'rektor' \
     WHERE ps.municipality_id = $1 AND ps.person_id = $2";

impl Store {
    /// The active teachers of the schools principal `leader` answers for, each with
    /// the first such school they work at, by name.
    pub async fn talk_teachers(
        &self,
        m: MunicipalityId,
        leader: PersonId,
    ) -> Result<Vec<(PersonRef, SchoolRef)>, sqlx::Error> {
        let sql = format!(
            "SELECT p.id, p.name, s.id, s.name FROM person_schools ps JOIN persons p ON p.id = ps.person_id \
             JOIN schools s ON s.id = ps.school_id \
             JOIN person_roles r ON r.person_id = p.id AND r.role = 'larare' \
             WHERE ps.municipality_id = $1 AND p.active AND s.active AND p.id <> $2 AND ps.school_id IN ({PRINCIPAL_OF}) \
             ORDER BY p.name, p.id, s.name"
        );
        let rows: PeopleRows = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(leader.0).fetch_all(pool).await)?;
        Ok(people(rows))
    }

    /// The active principals of the schools that answer to head of operations `head`.
    pub async fn talk_principals(
        &self,
        m: MunicipalityId,
        head: PersonId,
    ) -> Result<Vec<(PersonRef, SchoolRef)>, sqlx::Error> {
        const SQL: &str = "SELECT p.id, p.name, s.id, s.name FROM schools s \
             JOIN persons p ON p.id = s.principal_id OR p.id IN ( \
                SELECT ps.person_id FROM person_schools ps JOIN person_roles r ON r.person_id = ps.person_id AND r.role = 'rektor' \
                WHERE ps.school_id = s.id) \
             JOIN person_roles pr ON pr.person_id = p.id AND pr.role = 'rektor' \
             WHERE s.municipality_id = $1 AND s.head_id = $2 AND s.active AND p.active AND p.id <> $2 \
             ORDER BY p.name, p.id, s.name";
        let rows: PeopleRows = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(head.0).fetch_all(pool).await)?;
        Ok(people(rows))
    }

    /// Those who hold målsamtal with `member`: for a teacher, the active principals of
    /// the schools they work at; for a principal, the heads of operations of their
    /// schools. Each with the school and the kind of conversation.
    pub async fn talk_leaders(
        &self,
        m: MunicipalityId,
        member: PersonId,
    ) -> Result<Vec<(PersonRef, SchoolRef, TalkKind)>, sqlx::Error> {
        const TEACHER: &str = "SELECT l.id, l.name, s.id, s.name FROM person_schools ps \
             JOIN person_roles mr ON mr.person_id = ps.person_id AND mr.role = 'larare' \
             JOIN schools s ON s.id = ps.school_id \
             JOIN persons l ON l.id = s.principal_id OR l.id IN ( \
                SELECT o.person_id FROM person_schools o JOIN person_roles r ON r.person_id = o.person_id AND r.role = 'rektor' \
                WHERE o.school_id = s.id) \
             JOIN person_roles lr ON lr.person_id = l.id AND lr.role = 'rektor' \
             WHERE ps.municipality_id = $1 AND ps.person_id = $2 AND s.active AND l.active AND l.id <> $2 \
             ORDER BY l.name, l.id, s.name";
        let principal = format!(
            "SELECT h.id, h.name, s.id, s.name FROM schools s JOIN persons h ON h.id = s.head_id \
             JOIN person_roles hr ON hr.person_id = h.id AND hr.role = 'verksamhetschef' \
             WHERE s.municipality_id = $1 AND s.active AND h.active AND h.id <> $2 AND s.id IN ({PRINCIPAL_OF}) \
             ORDER BY h.name, h.id, s.name"
        );
        let (teacher, principal): (PeopleRows, PeopleRows) = with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            let t: PeopleRows = sqlx::query_as(TEACHER).bind(m.0).bind(member.0).fetch_all(&mut *c).await?;
            let p: PeopleRows = sqlx::query_as(&principal).bind(m.0).bind(member.0).fetch_all(&mut *c).await?;
            (t, p)
        });
        let mut out: Vec<_> = people(teacher)
            .into_iter()
            .map(|(p, s)| (p, s, TalkKind::Teacher))
            .collect();
        out.extend(
            people(principal)
                .into_iter()
                .map(|(p, s)| (p, s, TalkKind::Principal)),
        );
        Ok(out)
    }

    /// The conversations of `year` that `person` leads or is the member of.
    pub async fn year_talks(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        person: PersonId,
    ) -> Result<Vec<StoredTalk>, sqlx::Error> {
        let sql = format!(
            "SELECT {TALK_COLUMNS} {TALK_FROM} WHERE t.municipality_id = $1 AND t.school_year_id = $2 \
             AND (t.leader_id = $3 OR t.member_id = $3) ORDER BY t.id"
        );
        with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(year.0).bind(person.0).fetch_all(pool).await)
    }

    /// One conversation of the municipality (who may read it is the caller's to check).
    pub async fn talk(
        &self,
        m: MunicipalityId,
        id: TalkId,
    ) -> Result<Option<StoredTalk>, sqlx::Error> {
        let sql =
            format!("SELECT {TALK_COLUMNS} {TALK_FROM} WHERE t.municipality_id = $1 AND t.id = $2");
        with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(id.0).fetch_optional(pool).await)
    }

    /// The conversation of `year` between `leader` and `member`, made if there is none.
    pub async fn open_talk(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        kind: TalkKind,
        leader: PersonId,
        member: PersonId,
        school: SchoolId,
    ) -> Result<TalkId, sqlx::Error> {
        const FIND: &str = "SELECT id FROM goal_talks WHERE school_year_id = $1 AND leader_id = $2 AND member_id = $3";
        const INSERT: &str = "INSERT INTO goal_talks (municipality_id, school_year_id, kind, leader_id, member_id, school_id, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (school_year_id, leader_id, member_id) DO NOTHING";
        let now = Utc::now();
        with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            sqlx::query(INSERT).bind(m.0).bind(year.0).bind(kind.code()).bind(leader.0).bind(member.0)
                .bind(school.0).bind(now).execute(&mut *c).await?;
            let id: i64 = sqlx::query_scalar(FIND).bind(year.0).bind(leader.0).bind(member.0).fetch_one(&mut *c).await?;
            Ok(TalkId(id))
        })
    }

    /// The times `leaders` offer in `year`, in order, with who booked each.
    pub async fn talk_slots(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        leaders: &[PersonId],
    ) -> Result<Vec<StoredSlot>, sqlx::Error> {
        if leaders.is_empty() {
            return Ok(Vec::new());
        }
        let list = leaders
            .iter()
            .map(|p| p.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT sl.id, sl.school_year_id, sl.leader_id, l.name AS leader_name, sl.held_on, sl.start_time, sl.end_time, sl.place, \
             sl.talk_id, t.member_id, mb.name AS member_name, sl.version \
             FROM goal_talk_slots sl JOIN persons l ON l.id = sl.leader_id \
             LEFT JOIN goal_talks t ON t.id = sl.talk_id LEFT JOIN persons mb ON mb.id = t.member_id \
             WHERE sl.municipality_id = $1 AND sl.school_year_id = $2 AND sl.leader_id IN ({list}) \
             ORDER BY sl.held_on, sl.start_time, l.name, sl.id"
        );
        with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(year.0).fetch_all(pool).await)
    }

    /// One offered time of the municipality.
    pub async fn talk_slot(
        &self,
        m: MunicipalityId,
        id: TalkSlotId,
    ) -> Result<Option<StoredSlot>, sqlx::Error> {
        const SQL: &str = "SELECT sl.id, sl.school_year_id, sl.leader_id, l.name AS leader_name, sl.held_on, sl.start_time, \
             sl.end_time, sl.place, sl.talk_id, t.member_id, mb.name AS member_name, sl.version \
             FROM goal_talk_slots sl JOIN persons l ON l.id = sl.leader_id \
             LEFT JOIN goal_talks t ON t.id = sl.talk_id LEFT JOIN persons mb ON mb.id = t.member_id \
             WHERE sl.municipality_id = $1 AND sl.id = $2";
        with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await)
    }

    /// Offers times of `year` on `on`, all or none: `None` when one of them starts
    /// when the leader already offers one.
    pub async fn offer_talk_slots(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        leader: PersonId,
        on: &str,
        times: &[(String, String)],
        place: &str,
    ) -> Result<Option<Vec<TalkSlotId>>, sqlx::Error> {
        const INSERT: &str = "INSERT INTO goal_talk_slots (municipality_id, school_year_id, leader_id, held_on, start_time, end_time, place) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let result: Result<Vec<TalkSlotId>, sqlx::Error> = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(times.len());
            let mut failed = None;
            for (start, end) in times {
                match sqlx::query_scalar::<_, i64>(INSERT).bind(m.0).bind(year.0).bind(leader.0).bind(on)
                    .bind(start).bind(end).bind(place.trim()).fetch_one(&mut *tx).await {
                    Ok(id) => ids.push(TalkSlotId(id)),
                    Err(e) => { failed = Some(e); break; }
                }
            }
            match failed {
                Some(e) => Err(e),
                None => { tx.commit().await?; Ok(ids) }
            }
        });
        match result {
            Ok(ids) => Ok(Some(ids)),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Withdraws an offered time; a booking on it goes with it.
    pub async fn delete_talk_slot(
        &self,
        m: MunicipalityId,
        id: TalkSlotId,
    ) -> Result<bool, sqlx::Error> {
        let n = with_db!(self, pool => sqlx::query("DELETE FROM goal_talk_slots WHERE municipality_id = $1 AND id = $2")
            .bind(m.0).bind(id.0).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Books `slot` for `talk`, releasing any other time the talk held, in one
    /// transaction; refused when someone else took it first.
    pub async fn book_talk_slot(
        &self,
        m: MunicipalityId,
        slot: TalkSlotId,
        talk: TalkId,
    ) -> Result<Result<(), BookRefusal>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let holder: Option<Option<i64>> = sqlx::query_scalar("SELECT talk_id FROM goal_talk_slots WHERE municipality_id = $1 AND id = $2")
                .bind(m.0).bind(slot.0).fetch_optional(&mut *tx).await?;
            match holder {
                Some(Some(t)) if t == talk.0 => return Ok(Ok(())),
                Some(Some(_)) | None => return Ok(Err(BookRefusal::Taken)),
                Some(None) => {}
            }
            sqlx::query("UPDATE goal_talk_slots SET talk_id = NULL, version = version + 1 WHERE talk_id = $1")
                .bind(talk.0).execute(&mut *tx).await?;
            let n = sqlx::query("UPDATE goal_talk_slots SET talk_id = $1, version = version + 1 WHERE id = $2 AND talk_id IS NULL")
                .bind(talk.0).bind(slot.0).execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                return Ok(Err(BookRefusal::Taken));
            }
            tx.commit().await?;
            Ok::<Result<(), BookRefusal>, sqlx::Error>(Ok(()))
        })
    }

    /// Frees the time a conversation booked, if any.
    pub async fn unbook_talk(&self, m: MunicipalityId, talk: TalkId) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query("UPDATE goal_talk_slots SET talk_id = NULL, version = version + 1 \
             WHERE municipality_id = $1 AND talk_id = $2")
            .bind(m.0).bind(talk.0).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Writes the record at `version`.
    pub async fn update_talk_record(
        &self,
        m: MunicipalityId,
        id: TalkId,
        r: &TalkRecord,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE goal_talks SET competence = $1, assignment = $2, health = $3, collaboration = $4, \
             agreements = $5, follow_up_on = $6, follow_up = $7, version = version + 1, updated_at = $8 \
             WHERE municipality_id = $9 AND id = $10 AND version = $11";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(r.competence.trim()).bind(r.assignment.trim()).bind(r.health.trim()).bind(r.collaboration.trim())
            .bind(r.agreements.trim()).bind(r.follow_up_on.as_deref()).bind(r.follow_up.trim()).bind(Utc::now())
            .bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        if n == 1 {
            return Ok(Update::Done(()));
        }
        Ok(match self.talk(m, id).await? {
            Some(_) => Update::Stale,
            None => Update::NotFound,
        })
    }

    /// Sets or clears one party's mark that the conversation was held.
    pub async fn set_talk_held(
        &self,
        m: MunicipalityId,
        id: TalkId,
        leader: bool,
        on: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let sql = if leader {
            "UPDATE goal_talks SET leader_held_on = $1, version = version + 1, updated_at = $2 WHERE municipality_id = $3 AND id = $4"
        } else {
            "UPDATE goal_talks SET member_held_on = $1, version = version + 1, updated_at = $2 WHERE municipality_id = $3 AND id = $4"
        };
        with_db!(self, pool => sqlx::query(sql).bind(on).bind(Utc::now()).bind(m.0).bind(id.0).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The preparations of a conversation, by writer.
    pub async fn talk_preparations(
        &self,
        talk: TalkId,
    ) -> Result<HashMap<PersonId, TalkPreparation>, sqlx::Error> {
        const SQL: &str = "SELECT person_id, text, shared, version FROM goal_talk_preparations WHERE talk_id = $1";
        let rows: Vec<(i64, String, bool, i64)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(talk.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(p, text, shared, version)| {
                (
                    PersonId(p),
                    TalkPreparation {
                        text,
                        shared,
                        version,
                    },
                )
            })
            .collect())
    }

    /// Writes `person`'s preparation at `version` (0 for the first).
    pub async fn set_talk_preparation(
        &self,
        talk: TalkId,
        person: PersonId,
        text: &str,
        shared: bool,
        version: i64,
    ) -> Result<Update<TalkPreparation>, sqlx::Error> {
        const INSERT: &str = "INSERT INTO goal_talk_preparations (talk_id, person_id, text, shared, updated_at) \
             VALUES ($1, $2, $3, $4, $5)";
        const UPDATE: &str = "UPDATE goal_talk_preparations SET text = $1, shared = $2, version = version + 1, updated_at = $3 \
             WHERE talk_id = $4 AND person_id = $5 AND version = $6";
        let now = Utc::now();
        let done: Result<bool, sqlx::Error> = with_db!(self, pool => {
            if version == 0 {
                sqlx::query(INSERT).bind(talk.0).bind(person.0).bind(text).bind(shared).bind(now)
                    .execute(pool).await.map(|_| true)
            } else {
                sqlx::query(UPDATE).bind(text).bind(shared).bind(now).bind(talk.0).bind(person.0).bind(version)
                    .execute(pool).await.map(|r| r.rows_affected() == 1)
            }
        });
        match done {
            Ok(true) => {}
            Ok(false) => return Ok(Update::Stale),
            Err(e) if is_unique_violation(&e) => return Ok(Update::Stale),
            Err(e) => return Err(e),
        }
        Ok(self
            .talk_preparations(talk)
            .await?
            .remove(&person)
            .map_or(Update::Stale, Update::Done))
    }

    /// `member`'s goals of `year` at `level`, with the title of what each serves.
    pub async fn talk_goals(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        member: PersonId,
        level: GoalLevel,
    ) -> Result<Vec<(TalkGoal, Option<SchoolId>)>, sqlx::Error> {
        const SQL: &str = "SELECT g.id, g.title, g.status, (SELECT MIN(u.title) FROM goal_links l JOIN goals u ON u.id = l.serves_id \
             WHERE l.goal_id = g.id), g.version, g.school_id FROM goals g \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.owner_id = $3 AND g.level = $4 ORDER BY g.id";
        type Row = (i64, String, String, Option<String>, i64, Option<i64>);
        let rows: Vec<Row> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).bind(member.0).bind(level.code()).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, status, serves, version, school)| {
                (
                    TalkGoal {
                        id: GoalId(id),
                        title,
                        status: GoalStatus::from_code(&status).unwrap_or_default(),
                        serves,
                        version,
                        writable: false,
                    },
                    school.map(SchoolId),
                )
            })
            .collect())
    }

    /// `member`'s action plans of `year`'s meetings, in meeting order: meeting, day,
    /// group, the goal named, and the focus answer.
    pub async fn talk_plans(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        member: PersonId,
    ) -> Result<Vec<TalkPlan>, sqlx::Error> {
        const SQL: &str = "SELECT mt.id, mt.starts_on, gr.name, g.title, p.fields FROM action_plans p \
             JOIN meetings mt ON mt.id = p.meeting_id JOIN groups gr ON gr.id = mt.group_id \
             LEFT JOIN goals g ON g.id = p.goal_id \
             WHERE p.municipality_id = $1 AND gr.school_year_id = $2 AND p.person_id = $3 ORDER BY mt.starts_on, mt.id";
        let rows: Vec<(i64, String, String, Option<String>, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).bind(member.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(meeting, on, group, goal, fields)| {
                let fields: kollegium_shared::meetings::records::Fields =
                    serde_json::from_str(&fields).unwrap_or_default();
                TalkPlan {
                    meeting: MeetingId(meeting),
                    on,
                    group,
                    goal,
                    focus: fields
                        .into_iter()
                        .find(|f| f.key == "focus")
                        .map(|f| f.text)
                        .filter(|t| !t.trim().is_empty()),
                }
            })
            .collect())
    }

    /// Per active school of the municipality, its active teachers and how
    /// many of their conversations of `year` are booked (not yet held) and held.
    pub async fn talk_counts(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<(SchoolRef, u32, u32, u32)>, sqlx::Error> {
        const TEACHERS: &str = "SELECT s.id, s.name, COUNT(DISTINCT p.id) FROM schools s \
             LEFT JOIN person_schools ps ON ps.school_id = s.id \
             LEFT JOIN persons p ON p.id = ps.person_id AND p.active \
                AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'larare') \
             WHERE s.municipality_id = $1 AND s.active GROUP BY s.id, s.name";
        const TALKS: &str = "SELECT t.school_id, \
             COUNT(DISTINCT CASE WHEN t.leader_held_on IS NOT NULL AND t.member_held_on IS NOT NULL THEN t.member_id END), \
             COUNT(DISTINCT CASE WHEN (t.leader_held_on IS NULL OR t.member_held_on IS NULL) AND sl.id IS NOT NULL THEN t.member_id END) \
             FROM goal_talks t LEFT JOIN goal_talk_slots sl ON sl.talk_id = t.id \
             WHERE t.municipality_id = $1 AND t.school_year_id = $2 AND t.kind = 'teacher' GROUP BY t.school_id";
        type Teachers = Vec<(i64, String, i64)>;
        type Talks = Vec<(i64, i64, i64)>;
        let (teachers, talks): (Teachers, Talks) = with_db!(self, pool => {
            let mut c = pool.acquire().await?;
            let a: Vec<(i64, String, i64)> = sqlx::query_as(TEACHERS).bind(m.0).fetch_all(&mut *c).await?;
            let b: Vec<(i64, i64, i64)> = sqlx::query_as(TALKS).bind(m.0).bind(year.0).fetch_all(&mut *c).await?;
            (a, b)
        });
        let talks: HashMap<i64, (i64, i64)> =
            talks.into_iter().map(|(s, h, b)| (s, (h, b))).collect();
        let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        // In Swedish order here, not the database's: its collation is the server's.
        let mut teachers = teachers;
        teachers.sort_by(|a, b| swedish_cmp(&a.1, &b.1).then(a.0.cmp(&b.0)));
        Ok(teachers
            .into_iter()
            .map(|(id, name, count)| {
                let (held, booked) = talks.get(&id).copied().unwrap_or_default();
                (
                    SchoolRef {
                        id: SchoolId(id),
                        name,
                    },
                    n(count),
                    n(booked),
                    n(held),
                )
            })
            .collect())
    }

    /// The wheel's Målsamtal activities of `year`, in order.
    pub async fn talk_periods(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<TalkPeriod>, sqlx::Error> {
        const SQL: &str = "SELECT a.title, a.starts_on, a.ends_on FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
             WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND r.kind = 'goal_talks' ORDER BY a.starts_on, a.id";
        let rows: Vec<(String, String, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(title, starts_on, ends_on)| TalkPeriod {
                title,
                starts_on,
                ends_on,
            })
            .collect())
    }

    /// Every booked conversation of `person`, any year, for their calendar feed: the
    /// time's id and version, the time, and the other party's name.
    pub async fn talk_feed(
        &self,
        m: MunicipalityId,
        person: PersonId,
    ) -> Result<Vec<(TalkSlotId, i64, TalkTime, String)>, sqlx::Error> {
        const SQL: &str = "SELECT sl.id, sl.version, sl.held_on, sl.start_time, sl.end_time, sl.place, \
             CASE WHEN t.leader_id = $2 THEN mb.name ELSE l.name END \
             FROM goal_talk_slots sl JOIN goal_talks t ON t.id = sl.talk_id \
             JOIN persons l ON l.id = t.leader_id JOIN persons mb ON mb.id = t.member_id \
             WHERE sl.municipality_id = $1 AND (t.leader_id = $2 OR t.member_id = $2) ORDER BY sl.held_on, sl.start_time";
        type Row = (i64, i64, String, String, String, String, String);
        let rows: Vec<Row> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(person.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, version, on, start, end, place, other)| {
                (
                    TalkSlotId(id),
                    version,
                    TalkTime {
                        on,
                        start,
                        end,
                        place,
                    },
                    other,
                )
            })
            .collect())
    }
}
