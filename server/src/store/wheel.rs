//! The årshjul's rings, activities, change history and calendar tokens.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kollegium_shared::groups::SchoolYear;
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{
    ActivityId, MilestoneId, MunicipalityId, PersonId, ProjectId, RingId, SchoolYearId,
};
use kollegium_shared::wheel::copy::WheelCopy;
use kollegium_shared::wheel::{
    Activity, ActivityInput, Audience, ChangeAction, Ring, RingInput, RingKind, WheelChange,
    holidays,
};

use super::preparation::{ItemRow, item_refs};
use super::{BeginWrite, Store, Update, with_db};

#[derive(sqlx::FromRow)]
struct RingRow {
    id: i64,
    kind: String,
    name: String,
    colour: String,
    position: i64,
    version: i64,
}

impl From<RingRow> for Ring {
    fn from(r: RingRow) -> Ring {
        Ring {
            id: RingId(r.id),
            kind: RingKind::from_code(&r.kind).unwrap_or(RingKind::Other),
            name: r.name,
            colour: r.colour,
            position: u32::try_from(r.position).unwrap_or(0),
            version: r.version,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    school_year_id: i64,
    ring_id: i64,
    title: String,
    description: String,
    starts_on: String,
    ends_on: String,
    start_time: Option<String>,
    end_time: Option<String>,
    audience: String,
    theme: Option<String>,
    version: i64,
}

impl ActivityRow {
    fn into_activity(self) -> (Activity, SchoolYearId) {
        (
            Activity {
                id: ActivityId(self.id),
                ring_id: RingId(self.ring_id),
                title: self.title,
                description: self.description,
                starts_on: self.starts_on,
                ends_on: self.ends_on,
                start_time: self.start_time,
                end_time: self.end_time,
                audience: serde_json::from_str(&self.audience).unwrap_or(Audience::Everyone),
                theme: self.theme,
                library: Vec::new(),
                version: self.version,
            },
            SchoolYearId(self.school_year_id),
        )
    }
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    activity_id: i64,
    action: String,
    before: Option<String>,
    after: Option<String>,
    at: DateTime<Utc>,
    who: String,
}

const ACTIVITY_COLUMNS: &str = "id, school_year_id, ring_id, title, description, starts_on, ends_on, \
     start_time, end_time, audience, theme, version";

/// The input's optional text, trimmed, with blanks as none.
fn blank_to_none(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn audience_json(audience: &Audience) -> String {
    serde_json::to_string(audience).unwrap_or_else(|_| "{\"kind\":\"everyone\"}".into())
}

fn action_code(action: ChangeAction) -> &'static str {
    match action {
        ChangeAction::Created => "created",
        ChangeAction::Changed => "changed",
        ChangeAction::Deleted => "deleted",
    }
}

/// A link of the year's wheel as read: the activity and the item's id, title and kind.
type LinkRow = (i64, i64, String, String);

/// The published items an activity links, in order.
const LINKED_ITEMS: &str = "SELECT i.id, i.title, i.kind FROM wheel_activity_items l \
     JOIN library_items i ON i.id = l.item_id WHERE l.activity_id = $1 AND i.status = 'published' \
     ORDER BY l.position";

/// The published items `$id` links, read inside the transaction `$tx`; evaluates to
/// a `Result`.
macro_rules! activity_library {
    ($tx:expr, $id:expr) => {
        sqlx::query_as::<_, ItemRow>(LINKED_ITEMS)
            .bind($id)
            .fetch_all(&mut *$tx)
            .await
            .map(item_refs)
    };
}

/// Replaces the items activity `$id` links inside the transaction `$tx`; evaluates to
/// a `Result`.
macro_rules! write_library {
    ($tx:expr, $id:expr, $items:expr) => {
        async {
            sqlx::query("DELETE FROM wheel_activity_items WHERE activity_id = $1")
                .bind($id)
                .execute(&mut *$tx)
                .await?;
            for (position, item) in $items.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO wheel_activity_items (activity_id, item_id, position) VALUES ($1, $2, $3)",
                )
                .bind($id)
                .bind(item.0)
                .bind(i64::try_from(position).unwrap_or(0))
                .execute(&mut *$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

/// Loads the activity `$id` inside the transaction `$tx` for a change; evaluates to a
/// `Result` with `None` when the municipality has no such activity.
macro_rules! activity_before_change {
    ($tx:expr, $m:expr, $id:expr) => {
        async {
            let select = format!(
                "SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE municipality_id = $1 AND id = $2"
            );
            let Some(row) = sqlx::query_as::<_, ActivityRow>(&select)
                .bind($m)
                .bind($id)
                .fetch_optional(&mut *$tx)
                .await?
            else {
                return Ok::<_, sqlx::Error>(None);
            };
            let (mut activity, year) = row.into_activity();
            activity.library = activity_library!($tx, $id)?;
            Ok(Some((activity, year)))
        }
        .await
    };
}

/// Writes one history entry inside the transaction `$tx`; evaluates to a `Result`.
macro_rules! record_change {
    ($tx:expr, $m:expr, $year:expr, $activity:expr, $person:expr, $action:expr, $before:expr, $after:expr) => {
        sqlx::query(
            "INSERT INTO wheel_changes (municipality_id, school_year_id, activity_id, person_id, action, before, after, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind($m)
        .bind($year)
        .bind($activity)
        .bind($person)
        .bind(action_code($action))
        .bind($before.map(|a: &Activity| serde_json::to_string(a).unwrap_or_default()))
        .bind($after.map(|a: &Activity| serde_json::to_string(a).unwrap_or_default()))
        .bind(Utc::now())
        .execute(&mut *$tx)
        .await
        .map(|_| ())
    };
}

impl Store {
    /// The wheel's rings, from the outside in. A year's first visit lays out the
    /// template: the rings and the school holidays (once, however many come at once).
    pub async fn wheel_rings(
        &self,
        m: MunicipalityId,
        year: &SchoolYear,
    ) -> Result<Vec<Ring>, sqlx::Error> {
        const SQL: &str = "SELECT id, kind, name, colour, position, version FROM wheel_rings \
                           WHERE municipality_id = $1 AND school_year_id = $2 ORDER BY position";
        let rows: Vec<RingRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(year.id.0).fetch_all(pool).await)?;
        if !rows.is_empty() {
            return Ok(rows.into_iter().map(Ring::from).collect());
        }
        self.lay_out_template(m, year).await?;
        let rows: Vec<RingRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(year.id.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(Ring::from).collect())
    }

    async fn lay_out_template(
        &self,
        m: MunicipalityId,
        year: &SchoolYear,
    ) -> Result<(), sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut holiday_ring = None;
            for (position, kind) in RingKind::TEMPLATE.into_iter().enumerate() {
                let inserted: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO wheel_rings (municipality_id, school_year_id, kind, name, colour, position, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (school_year_id, position) DO NOTHING RETURNING id",
                )
                .bind(m.0).bind(year.id.0).bind(kind.code()).bind(kind.default_name(Lang::Sv))
                .bind(kind.default_colour()).bind(position as i64).bind(now)
                .fetch_optional(&mut *tx).await?;
                let Some((id,)) = inserted else {
                    // Someone else laid it out in the meantime.
                    return Ok(());
                };
                if kind == RingKind::Holidays {
                    holiday_ring = Some(id);
                }
            }
            if let Some(ring) = holiday_ring {
                let everyone = audience_json(&Audience::Everyone);
                for (title, first, last) in holidays(year, Lang::Sv) {
                    sqlx::query(
                        "INSERT INTO wheel_activities (municipality_id, school_year_id, ring_id, title, starts_on, ends_on, audience, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                    )
                    .bind(m.0).bind(year.id.0).bind(ring).bind(title).bind(first.to_string()).bind(last.to_string())
                    .bind(&everyone).bind(now)
                    .execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok::<(), sqlx::Error>(())
        })
    }

    /// The school year a ring of the municipality belongs to.
    pub async fn ring_year(
        &self,
        m: MunicipalityId,
        ring: RingId,
    ) -> Result<Option<SchoolYearId>, sqlx::Error> {
        const SQL: &str =
            "SELECT school_year_id FROM wheel_rings WHERE municipality_id = $1 AND id = $2";
        let found: Option<i64> = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(ring.0).fetch_optional(pool).await)?;
        Ok(found.map(SchoolYearId))
    }

    /// The wheel's activities, by start.
    pub async fn wheel_activities(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<Activity>, sqlx::Error> {
        let sql = format!(
            "SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE municipality_id = $1 AND school_year_id = $2 \
             ORDER BY starts_on, start_time, id"
        );
        const LINKS: &str = "SELECT l.activity_id, i.id, i.title, i.kind FROM wheel_activity_items l \
             JOIN wheel_activities a ON a.id = l.activity_id JOIN library_items i ON i.id = l.item_id \
             WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND i.status = 'published' \
             ORDER BY l.activity_id, l.position";
        let (rows, links): (Vec<ActivityRow>, Vec<LinkRow>) = with_db!(self, pool => {
            let rows = sqlx::query_as(&sql).bind(m.0).bind(year.0).fetch_all(pool).await?;
            let links = sqlx::query_as(LINKS).bind(m.0).bind(year.0).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((rows, links))
        })?;
        let mut by_activity: HashMap<i64, Vec<ItemRow>> = HashMap::new();
        for (activity, id, title, kind) in links {
            by_activity
                .entry(activity)
                .or_default()
                .push((id, title, kind));
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let (mut activity, _) = r.into_activity();
                activity.library =
                    item_refs(by_activity.remove(&activity.id.0).unwrap_or_default());
                activity
            })
            .collect())
    }

    /// One activity and the school year it belongs to.
    pub async fn wheel_activity(
        &self,
        m: MunicipalityId,
        id: ActivityId,
    ) -> Result<Option<(Activity, SchoolYearId)>, sqlx::Error> {
        let sql = format!(
            "SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE municipality_id = $1 AND id = $2"
        );
        let found: Option<(ActivityRow, Vec<ItemRow>)> = with_db!(self, pool => {
            match sqlx::query_as::<_, ActivityRow>(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await? {
                None => Ok::<_, sqlx::Error>(None),
                Some(row) => {
                    let links = sqlx::query_as(LINKED_ITEMS).bind(id.0).fetch_all(pool).await?;
                    Ok(Some((row, links)))
                }
            }
        })?;
        Ok(found.map(|(row, links)| {
            let (mut activity, year) = row.into_activity();
            activity.library = item_refs(links);
            (activity, year)
        }))
    }

    /// Adds an activity and records who did.
    pub async fn create_activity(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        person: PersonId,
        input: &ActivityInput,
    ) -> Result<ActivityId, sqlx::Error> {
        let now = Utc::now();
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO wheel_activities (municipality_id, school_year_id, ring_id, title, description, starts_on, ends_on, \
                 start_time, end_time, audience, theme, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
            )
            .bind(m.0).bind(year.0).bind(input.ring_id.0).bind(input.title.trim()).bind(input.description.trim())
            .bind(&input.starts_on).bind(&input.ends_on)
            .bind(blank_to_none(input.start_time.as_ref())).bind(blank_to_none(input.end_time.as_ref()))
            .bind(audience_json(&input.audience)).bind(blank_to_none(input.theme.as_ref())).bind(now)
            .fetch_one(&mut *tx).await?;
            write_library!(tx, id, input.library_items)?;
            let sql = format!("SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE id = $1");
            let row: ActivityRow = sqlx::query_as(&sql).bind(id).fetch_one(&mut *tx).await?;
            let (mut after, _) = row.into_activity();
            after.library = activity_library!(tx, id)?;
            record_change!(tx, m.0, year.0, id, person.0, ChangeAction::Created, None::<&Activity>, Some(&after))?;
            tx.commit().await?;
            id
        });
        Ok(ActivityId(id))
    }

    /// Replaces an activity's fields when `version` is current, and records the change.
    pub async fn update_activity(
        &self,
        m: MunicipalityId,
        id: ActivityId,
        person: PersonId,
        input: &ActivityInput,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let select = format!(
            "SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE municipality_id = $1 AND id = $2"
        );
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let Some((before, year)) = activity_before_change!(tx, m.0, id.0)? else {
                return Ok(Update::NotFound);
            };
            let done = sqlx::query(
                "UPDATE wheel_activities SET ring_id = $1, title = $2, description = $3, starts_on = $4, ends_on = $5, \
                 start_time = $6, end_time = $7, audience = $8, theme = $9, version = version + 1, updated_at = $10 \
                 WHERE id = $11 AND municipality_id = $12 AND version = $13",
            )
            .bind(input.ring_id.0).bind(input.title.trim()).bind(input.description.trim())
            .bind(&input.starts_on).bind(&input.ends_on)
            .bind(blank_to_none(input.start_time.as_ref())).bind(blank_to_none(input.end_time.as_ref()))
            .bind(audience_json(&input.audience)).bind(blank_to_none(input.theme.as_ref())).bind(now)
            .bind(id.0).bind(m.0).bind(version)
            .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            write_library!(tx, id.0, input.library_items)?;
            let row: ActivityRow = sqlx::query_as(&select).bind(m.0).bind(id.0).fetch_one(&mut *tx).await?;
            let (mut after, _) = row.into_activity();
            after.library = activity_library!(tx, id.0)?;
            record_change!(tx, m.0, year.0, id.0, person.0, ChangeAction::Changed, Some(&before), Some(&after))?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Removes an activity when `version` is current, and records it.
    pub async fn delete_activity(
        &self,
        m: MunicipalityId,
        id: ActivityId,
        person: PersonId,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let Some((before, year)) = activity_before_change!(tx, m.0, id.0)? else {
                return Ok(Update::NotFound);
            };
            // A removed meeting slot takes its groups' meetings with it, unless something
            // was written for them: those stay, as meetings of the group's own.
            sqlx::query(
                "DELETE FROM meetings WHERE activity_id = $1 AND municipality_id = $2 \
                 AND NOT EXISTS (SELECT 1 FROM protocols p WHERE p.meeting_id = meetings.id) \
                 AND NOT EXISTS (SELECT 1 FROM action_plans a WHERE a.meeting_id = meetings.id) \
                 AND EXISTS (SELECT 1 FROM wheel_activities w WHERE w.id = $1 AND w.version = $3)",
            )
            .bind(id.0).bind(m.0).bind(version).execute(&mut *tx).await?;
            let done = sqlx::query("DELETE FROM wheel_activities WHERE id = $1 AND municipality_id = $2 AND version = $3")
                .bind(id.0).bind(m.0).bind(version).execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            record_change!(tx, m.0, year.0, id.0, person.0, ChangeAction::Deleted, Some(&before), None::<&Activity>)?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Adds a ring (kind "other") inside the lanes, as the innermost.
    pub async fn create_ring(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        input: &RingInput,
    ) -> Result<RingId, sqlx::Error> {
        let now = Utc::now();
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM wheel_rings WHERE municipality_id = $1 AND school_year_id = $2",
            )
            .bind(m.0).bind(year.0).fetch_one(&mut *tx).await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO wheel_rings (municipality_id, school_year_id, kind, name, colour, position, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(m.0).bind(year.0).bind(RingKind::Other.code()).bind(input.name.trim())
            .bind(input.colour.trim().to_ascii_lowercase()).bind(next).bind(now)
            .fetch_one(&mut *tx).await?;
            tx.commit().await?;
            id
        });
        Ok(RingId(id))
    }

    /// One ring of the municipality.
    pub async fn ring(&self, m: MunicipalityId, id: RingId) -> Result<Option<Ring>, sqlx::Error> {
        const SQL: &str = "SELECT id, kind, name, colour, position, version FROM wheel_rings \
                           WHERE municipality_id = $1 AND id = $2";
        let row: Option<RingRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(Ring::from))
    }

    /// Renames and recolours a ring when `version` is current.
    pub async fn update_ring(
        &self,
        m: MunicipalityId,
        id: RingId,
        input: &RingInput,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE wheel_rings SET name = $1, colour = $2, version = version + 1, updated_at = $3 \
                           WHERE municipality_id = $4 AND id = $5 AND version = $6";
        let done = with_db!(self, pool => sqlx::query(SQL)
            .bind(input.name.trim()).bind(input.colour.trim().to_ascii_lowercase()).bind(Utc::now())
            .bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|d| d.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Swaps a ring with its neighbour towards the edge (`outward`) or the centre, when
    /// `version` is current; a ring already outermost or innermost stays.
    pub async fn move_ring(
        &self,
        m: MunicipalityId,
        id: RingId,
        outward: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let neighbour_sql = if outward {
            "SELECT id, position FROM wheel_rings WHERE school_year_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1"
        } else {
            "SELECT id, position FROM wheel_rings WHERE school_year_id = $1 AND position > $2 ORDER BY position LIMIT 1"
        };
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let Some((year, position, current)): Option<(i64, i64, i64)> = sqlx::query_as(
                "SELECT school_year_id, position, version FROM wheel_rings WHERE municipality_id = $1 AND id = $2",
            )
            .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await? else {
                return Ok(Update::NotFound);
            };
            if current != version {
                return Ok(Update::Stale);
            }
            let neighbour: Option<(i64, i64)> = sqlx::query_as(neighbour_sql)
                .bind(year).bind(position).fetch_optional(&mut *tx).await?;
            if let Some((other, other_position)) = neighbour {
                // Through a free position, as (year, position) is unique.
                let park = sqlx::query("UPDATE wheel_rings SET position = $1 WHERE id = $2");
                park.bind(-1 - id.0).bind(id.0).execute(&mut *tx).await?;
                sqlx::query("UPDATE wheel_rings SET position = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                    .bind(position).bind(now).bind(other).execute(&mut *tx).await?;
                sqlx::query("UPDATE wheel_rings SET position = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                    .bind(other_position).bind(now).bind(id.0).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Removes a ring when `version` is current and it holds no activities (`false`
    /// when it does).
    pub async fn delete_ring(
        &self,
        m: MunicipalityId,
        id: RingId,
        version: i64,
    ) -> Result<Update<bool>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (used,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM wheel_activities WHERE ring_id = $1")
                .bind(id.0).fetch_one(&mut *tx).await?;
            if used > 0 {
                return Ok(Update::Done(false));
            }
            let done = sqlx::query("DELETE FROM wheel_rings WHERE municipality_id = $1 AND id = $2 AND version = $3")
                .bind(m.0).bind(id.0).bind(version).execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            tx.commit().await?;
            Ok::<Update<bool>, sqlx::Error>(Update::Done(true))
        })
    }

    /// How many activities a year's wheel has besides its holidays.
    pub async fn own_wheel_activities(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<i64, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
                           WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND r.kind <> $3";
        with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(year.0).bind(RingKind::Holidays.code()).fetch_one(pool).await)
    }

    /// Saves a reviewed copy of a wheel into the year `to`, replacing its template
    /// (rings and holidays) and recording every activity as created by `person`;
    /// `false`, with nothing changed, when that year's wheel has activities of its own.
    pub async fn copy_wheel(
        &self,
        m: MunicipalityId,
        to: SchoolYearId,
        person: PersonId,
        copy: &WheelCopy,
    ) -> Result<bool, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // The template's holidays are replaced; the projects' milestones stay
            // (they are their projects'), and do not make the year one of its own.
            let (own,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM wheel_activities a JOIN wheel_rings r ON r.id = a.ring_id \
                 WHERE a.municipality_id = $1 AND a.school_year_id = $2 AND r.kind <> $3 AND r.kind <> $4",
            )
            .bind(m.0).bind(to.0).bind(RingKind::Holidays.code()).bind(RingKind::Projects.code())
            .fetch_one(&mut *tx).await?;
            if own > 0 {
                return Ok(false);
            }
            sqlx::query(
                "DELETE FROM wheel_activities WHERE municipality_id = $1 AND school_year_id = $2 \
                 AND ring_id NOT IN (SELECT id FROM wheel_rings WHERE school_year_id = $2 AND kind = $3)",
            )
            .bind(m.0).bind(to.0).bind(RingKind::Projects.code()).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM wheel_rings WHERE municipality_id = $1 AND school_year_id = $2 AND kind <> $3")
                .bind(m.0).bind(to.0).bind(RingKind::Projects.code()).execute(&mut *tx).await?;
            // Out of the copied rings' way, then inside them.
            sqlx::query("UPDATE wheel_rings SET position = -1 - position WHERE municipality_id = $1 AND school_year_id = $2")
                .bind(m.0).bind(to.0).execute(&mut *tx).await?;
            let mut rings = Vec::new();
            for ring in &copy.rings {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO wheel_rings (municipality_id, school_year_id, kind, name, colour, position, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(m.0).bind(to.0).bind(ring.kind.code()).bind(&ring.name).bind(&ring.colour)
                .bind(i64::from(ring.position)).bind(now)
                .fetch_one(&mut *tx).await?;
                rings.push((ring.id, id));
            }
            let inside = copy.rings.iter().map(|r| i64::from(r.position) + 1).max().unwrap_or(0);
            sqlx::query("UPDATE wheel_rings SET position = $3 WHERE municipality_id = $1 AND school_year_id = $2 AND position < 0")
                .bind(m.0).bind(to.0).bind(inside).execute(&mut *tx).await?;
            let select = format!("SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE id = $1");
            for input in copy.activities.iter().filter_map(|c| c.copy.as_ref()) {
                let Some((_, ring)) = rings.iter().find(|(old, _)| *old == input.ring_id) else {
                    continue;
                };
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO wheel_activities (municipality_id, school_year_id, ring_id, title, description, starts_on, ends_on, \
                     start_time, end_time, audience, theme, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                )
                .bind(m.0).bind(to.0).bind(*ring).bind(&input.title).bind(&input.description)
                .bind(&input.starts_on).bind(&input.ends_on)
                .bind(blank_to_none(input.start_time.as_ref())).bind(blank_to_none(input.end_time.as_ref()))
                .bind(audience_json(&input.audience)).bind(blank_to_none(input.theme.as_ref())).bind(now)
                .fetch_one(&mut *tx).await?;
                write_library!(tx, id, input.library_items)?;
                let row: ActivityRow = sqlx::query_as(&select).bind(id).fetch_one(&mut *tx).await?;
                let (mut after, _) = row.into_activity();
                after.library = activity_library!(tx, id)?;
                record_change!(tx, m.0, to.0, id, person.0, ChangeAction::Created, None::<&Activity>, Some(&after))?;
            }
            tx.commit().await?;
            Ok::<bool, sqlx::Error>(true)
        })
    }

    /// The year's changes, newest first.
    pub async fn wheel_changes(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        limit: i64,
    ) -> Result<Vec<WheelChange>, sqlx::Error> {
        const SQL: &str = "SELECT c.activity_id, c.action, c.before, c.after, c.at, p.name AS who \
                           FROM wheel_changes c JOIN persons p ON p.id = c.person_id \
                           WHERE c.municipality_id = $1 AND c.school_year_id = $2 ORDER BY c.id DESC LIMIT $3";
        let rows: Vec<ChangeRow> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(year.0).bind(limit).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let before: Option<Activity> = r.before.and_then(|j| serde_json::from_str(&j).ok());
                let after: Option<Activity> = r.after.and_then(|j| serde_json::from_str(&j).ok());
                let title = after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|a| a.title.clone())
                    .unwrap_or_default();
                WheelChange {
                    at: r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    who: r.who,
                    action: match r.action.as_str() {
                        "created" => ChangeAction::Created,
                        "deleted" => ChangeAction::Deleted,
                        _ => ChangeAction::Changed,
                    },
                    activity_id: ActivityId(r.activity_id),
                    title,
                    before,
                    after,
                }
            })
            .collect())
    }

    /// Whether the person has a private feed.
    pub async fn has_calendar_token(&self, person: PersonId) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM calendar_tokens WHERE person_id = $1";
        let n: i64 =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(person.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// Stores the hash of a person's new feed token, replacing any earlier one.
    pub async fn set_calendar_token(
        &self,
        m: MunicipalityId,
        person: PersonId,
        hash: &str,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "INSERT INTO calendar_tokens (person_id, municipality_id, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                           ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at";
        with_db!(self, pool => sqlx::query(SQL).bind(person.0).bind(m.0).bind(hash).bind(Utc::now()).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Revokes a person's feed.
    pub async fn revoke_calendar_token(&self, person: PersonId) -> Result<(), sqlx::Error> {
        const SQL: &str = "DELETE FROM calendar_tokens WHERE person_id = $1";
        with_db!(self, pool => sqlx::query(SQL).bind(person.0).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Whose feed a token hash opens.
    pub async fn calendar_token_owner(
        &self,
        hash: &str,
    ) -> Result<Option<(MunicipalityId, PersonId)>, sqlx::Error> {
        const SQL: &str =
            "SELECT municipality_id, person_id FROM calendar_tokens WHERE token_hash = $1";
        let row: Option<(i64, i64)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(hash).fetch_optional(pool).await)?;
        Ok(row.map(|(m, p)| (MunicipalityId(m), PersonId(p))))
    }

    /// Switches the public wheel feed on (with the token's hash) or off.
    pub async fn set_public_wheel_token(
        &self,
        m: MunicipalityId,
        hash: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "UPDATE municipalities SET public_wheel_token = $1 WHERE id = $2";
        with_db!(self, pool => sqlx::query(SQL).bind(hash).bind(m.0).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Whether the municipality's public wheel feed is on.
    pub async fn has_public_wheel(&self, m: MunicipalityId) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT public_wheel_token FROM municipalities WHERE id = $1";
        let token: Option<Option<String>> =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).fetch_optional(pool).await)?;
        Ok(token.flatten().is_some())
    }

    /// Whose public wheel feed a token hash opens.
    pub async fn public_wheel_owner(
        &self,
        hash: &str,
    ) -> Result<Option<MunicipalityId>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM municipalities WHERE public_wheel_token = $1";
        let id: Option<i64> =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(hash).fetch_optional(pool).await)?;
        Ok(id.map(MunicipalityId))
    }
}

/// A milestone's fields that live on its wheel activity.
pub struct MilestoneOnWheel<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub due_on: &'a str,
    pub audience: &'a Audience,
}

impl Store {
    /// Puts a project's milestone on `year`'s wheel: an activity on the year's project
    /// ring (added as the innermost ring when the year has none), recorded in the
    /// wheel's history, and the milestone that follows it up, in one transaction.
    pub async fn create_milestone(
        &self,
        m: MunicipalityId,
        year: &SchoolYear,
        person: PersonId,
        project: ProjectId,
        on_wheel: &MilestoneOnWheel<'_>,
    ) -> Result<MilestoneId, sqlx::Error> {
        // The template first, so the project ring never stands in for it.
        self.wheel_rings(m, year).await?;
        let now = Utc::now();
        let kind = RingKind::Projects;
        let id = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let ring: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM wheel_rings WHERE municipality_id = $1 AND school_year_id = $2 AND kind = $3 ORDER BY position LIMIT 1",
            )
            .bind(m.0).bind(year.id.0).bind(kind.code()).fetch_optional(&mut *tx).await?;
            let ring = match ring {
                Some(r) => r,
                None => {
                    let (next,): (i64,) = sqlx::query_as(
                        "SELECT COALESCE(MAX(position) + 1, 0) FROM wheel_rings WHERE municipality_id = $1 AND school_year_id = $2",
                    )
                    .bind(m.0).bind(year.id.0).fetch_one(&mut *tx).await?;
                    sqlx::query_scalar(
                        "INSERT INTO wheel_rings (municipality_id, school_year_id, kind, name, colour, position, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                    )
                    .bind(m.0).bind(year.id.0).bind(kind.code()).bind(kind.default_name(Lang::Sv))
                    .bind(kind.default_colour()).bind(next).bind(now)
                    .fetch_one(&mut *tx).await?
                }
            };
            let activity: i64 = sqlx::query_scalar(
                "INSERT INTO wheel_activities (municipality_id, school_year_id, ring_id, title, description, starts_on, ends_on, \
                 audience, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $8) RETURNING id",
            )
            .bind(m.0).bind(year.id.0).bind(ring).bind(on_wheel.title.trim()).bind(on_wheel.description)
            .bind(on_wheel.due_on).bind(audience_json(on_wheel.audience)).bind(now)
            .fetch_one(&mut *tx).await?;
            let sql = format!("SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE id = $1");
            let row: ActivityRow = sqlx::query_as(&sql).bind(activity).fetch_one(&mut *tx).await?;
            let (after, _) = row.into_activity();
            record_change!(tx, m.0, year.id.0, activity, person.0, ChangeAction::Created, None::<&Activity>, Some(&after))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO project_milestones (project_id, activity_id, created_at) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(project.0).bind(activity).bind(now).fetch_one(&mut *tx).await?;
            tx.commit().await?;
            id
        });
        Ok(MilestoneId(id))
    }

    /// Changes a milestone's follow-up (`done`, `outcome`) and, when they differ, its
    /// title and date on the wheel (recorded in the wheel's history), if the milestone's
    /// `version` is current.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_milestone(
        &self,
        m: MunicipalityId,
        project: ProjectId,
        id: MilestoneId,
        person: PersonId,
        on_wheel: (&str, &str),
        done: bool,
        outcome: &str,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let (title, due_on) = on_wheel;
        let now = Utc::now();
        let select = format!(
            "SELECT {ACTIVITY_COLUMNS} FROM wheel_activities WHERE municipality_id = $1 AND id = $2"
        );
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let found: Option<(i64, i64)> = sqlx::query_as(
                "SELECT activity_id, version FROM project_milestones WHERE project_id = $1 AND id = $2",
            )
            .bind(project.0).bind(id.0).fetch_optional(&mut *tx).await?;
            let Some((activity, current)) = found else {
                return Ok(Update::NotFound);
            };
            let changed = sqlx::query("UPDATE project_milestones SET done = $1, outcome = $2, version = version + 1 WHERE id = $3 AND version = $4")
                .bind(done).bind(outcome.trim()).bind(id.0).bind(version).execute(&mut *tx).await?;
            // Checked by the write itself: two changes from one version never both land.
            if current != version || changed.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            let Some((before, year)) = activity_before_change!(tx, m.0, activity)? else {
                return Ok(Update::NotFound);
            };
            if before.title != title.trim() || before.starts_on != due_on {
                sqlx::query(
                    "UPDATE wheel_activities SET title = $1, starts_on = $2, ends_on = $2, version = version + 1, updated_at = $3 WHERE id = $4",
                )
                .bind(title.trim()).bind(due_on).bind(now).bind(activity).execute(&mut *tx).await?;
                let row: ActivityRow = sqlx::query_as(&select).bind(m.0).bind(activity).fetch_one(&mut *tx).await?;
                let (mut after, _) = row.into_activity();
                after.library = activity_library!(tx, activity)?;
                record_change!(tx, m.0, year.0, activity, person.0, ChangeAction::Changed, Some(&before), Some(&after))?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }
}
