//! The schools' results: storing a whole results file in one transaction, and reading
//! one key figure for every school and year.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kollegium_shared::goals::results::{
    Figure, FigureInput, FigureKey, ResultRow, Sex, StoredFigure,
};
use kollegium_shared::ids::MunicipalityId;

use super::{BeginWrite, Store, Update, with_db};

/// What storing a file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResultCounts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// One school's figure of a year: school, its name, the year, the value, its pupils.
pub type FigureRow = (i64, String, String, f64, i64);

/// Rows per INSERT statement (eight values each, within SQLite's and PostgreSQL's
/// limits on bound values).
const BATCH: usize = 400;

type Stored = HashMap<(i64, String, i64, String, String, String), (f64, i64)>;

impl Store {
    /// The municipality's stored figures, by their key.
    async fn stored_results(&self, m: MunicipalityId) -> Result<Stored, sqlx::Error> {
        const SQL: &str = "SELECT school_id, school_year, grade, figure, subject, sex, value, pupils \
             FROM school_results WHERE municipality_id = $1";
        type Row = (i64, String, i64, String, String, String, f64, i64);
        let rows: Vec<Row> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(s, y, g, f, sub, sex, v, p)| ((s, y, g, f, sub, sex), (v, p)))
            .collect())
    }

    /// Which of `rows` would be new, changed or the same as stored.
    pub async fn result_counts(
        &self,
        m: MunicipalityId,
        rows: &[ResultRow],
    ) -> Result<ResultCounts, sqlx::Error> {
        let stored = self.stored_results(m).await?;
        Ok(count(&stored, rows).0)
    }

    /// Stores `rows` (new figures added, changed ones replaced), all in one
    /// transaction.
    pub async fn import_results(
        &self,
        m: MunicipalityId,
        rows: &[ResultRow],
    ) -> Result<ResultCounts, sqlx::Error> {
        let stored = self.stored_results(m).await?;
        let (counts, changed) = count(&stored, rows);
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for chunk in changed.chunks(BATCH) {
                let mut sql = String::from("INSERT INTO school_results (municipality_id, school_id, school_year, grade, figure, \
                     subject, sex, value, pupils, updated_at) VALUES ");
                // $1 the municipality, $2 the time; then eight values per row.
                for i in 0..chunk.len() {
                    if i > 0 {
                        sql.push_str(", ");
                    }
                    let b = 3 + i * 8;
                    let values: Vec<String> = (b..b + 8).map(|n| format!("${n}")).collect();
                    sql.push_str(&format!("($1, {}, $2)", values.join(", ")));
                }
                sql.push_str(" ON CONFLICT (school_id, school_year, grade, figure, subject, sex) DO UPDATE SET \
                     value = excluded.value, pupils = excluded.pupils, version = school_results.version + 1, \
                     updated_at = excluded.updated_at");
                let mut q = sqlx::query(&sql).bind(m.0).bind(now);
                for r in chunk {
                    let k = &r.key;
                    q = q.bind(k.school.0).bind(k.year.as_str()).bind(i64::from(k.grade)).bind(k.figure.code())
                        .bind(k.subject.as_str()).bind(k.sex.code()).bind(r.value).bind(i64::from(r.pupils));
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<(), sqlx::Error>(())
        })?;
        Ok(counts)
    }

    /// One key figure of every school of the municipality, every year stored, oldest
    /// first, by school name.
    pub async fn figure_results(
        &self,
        m: MunicipalityId,
        figure: Figure,
        grade: u8,
        subject: &str,
        sex: Sex,
    ) -> Result<Vec<FigureRow>, sqlx::Error> {
        const SQL: &str = "SELECT r.school_id, s.name, r.school_year, r.value, r.pupils FROM school_results r \
             JOIN schools s ON s.id = r.school_id \
             WHERE r.municipality_id = $1 AND r.figure = $2 AND r.grade = $3 AND r.subject = $4 AND r.sex = $5 \
             ORDER BY r.school_year, s.name";
        with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(figure.code()).bind(i64::from(grade)).bind(subject).bind(sex.code())
            .fetch_all(pool).await)
    }

    /// The combinations of key figure, year group, subject and sex stored for the
    /// municipality, in order.
    pub async fn result_choices(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<(String, i64, String, String)>, sqlx::Error> {
        const SQL: &str = "SELECT DISTINCT figure, grade, subject, sex FROM school_results WHERE municipality_id = $1 \
             ORDER BY figure, grade, subject, sex";
        with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)
    }
}

/// The key's columns, `$2` to `$7` (the municipality `$1`).
const KEY: &str = "municipality_id = $1 AND school_id = $2 AND school_year = $3 AND grade = $4 \
     AND figure = $5 AND subject = $6 AND sex = $7";

type FigureColumns = (f64, i64, i64, DateTime<Utc>);

fn stored(key: &FigureKey, (value, pupils, version, at): FigureColumns) -> StoredFigure {
    StoredFigure {
        key: key.clone(),
        value,
        pupils: u32::try_from(pupils).unwrap_or(0),
        version,
        updated_at: at.to_rfc3339(),
    }
}

/// Binds a key's six columns after the municipality.
macro_rules! bind_key {
    ($q:expr, $m:expr, $k:expr) => {
        $q.bind($m.0)
            .bind($k.school.0)
            .bind($k.year.as_str())
            .bind(i64::from($k.grade))
            .bind($k.figure.code())
            .bind($k.subject.as_str())
            .bind($k.sex.code())
    };
}

impl Store {
    /// The figure stored under `key`, if any.
    pub async fn stored_figure(
        &self,
        m: MunicipalityId,
        key: &FigureKey,
    ) -> Result<Option<StoredFigure>, sqlx::Error> {
        let sql =
            format!("SELECT value, pupils, version, updated_at FROM school_results WHERE {KEY}");
        let row: Option<FigureColumns> = with_db!(self, pool => bind_key!(sqlx::query_as(&sql), m, key).fetch_optional(pool).await)?;
        Ok(row.map(|r| stored(key, r)))
    }

    /// Stores one figure entered by hand: a new one when `version` is none (stale when
    /// one is stored meanwhile), else a change of the stored one at that version.
    pub async fn put_figure(
        &self,
        m: MunicipalityId,
        input: &FigureInput,
    ) -> Result<Update<StoredFigure>, sqlx::Error> {
        let k = &input.key;
        let now = Utc::now();
        let insert = "INSERT INTO school_results (municipality_id, school_id, school_year, grade, figure, subject, sex, \
             value, pupils, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (school_id, school_year, grade, figure, subject, sex) DO NOTHING";
        let update = format!(
            "UPDATE school_results SET value = $8, pupils = $9, updated_at = $10, version = version + 1 \
             WHERE {KEY} AND version = $11"
        );
        let select =
            format!("SELECT value, pupils, version, updated_at FROM school_results WHERE {KEY}");
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let written = match input.version {
                None => bind_key!(sqlx::query(insert), m, k)
                    .bind(input.value).bind(i64::from(input.pupils)).bind(now)
                    .execute(&mut *tx).await?,
                Some(v) => bind_key!(sqlx::query(&update), m, k)
                    .bind(input.value).bind(i64::from(input.pupils)).bind(now).bind(v)
                    .execute(&mut *tx).await?,
            };
            if written.rows_affected() == 0 {
                return Ok(Update::Stale);
            }
            let row: FigureColumns = bind_key!(sqlx::query_as(&select), m, k).fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(Update::Done(stored(k, row)))
        })
    }

    /// Removes the figure under `key` at `version`.
    pub async fn delete_figure(
        &self,
        m: MunicipalityId,
        key: &FigureKey,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let delete = format!("DELETE FROM school_results WHERE {KEY} AND version = $8");
        let exists = format!("SELECT COUNT(*) FROM school_results WHERE {KEY}");
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = bind_key!(sqlx::query(&delete), m, key).bind(version).execute(&mut *tx).await?;
            if done.rows_affected() == 1 {
                tx.commit().await?;
                return Ok(Update::Done(()));
            }
            let (n,): (i64,) = bind_key!(sqlx::query_as(&exists), m, key).fetch_one(&mut *tx).await?;
            Ok(if n > 0 { Update::Stale } else { Update::NotFound })
        })
    }
}

/// The counts of a file against what is stored, and the rows to write.
fn count<'a>(stored: &Stored, rows: &'a [ResultRow]) -> (ResultCounts, Vec<&'a ResultRow>) {
    let mut counts = ResultCounts::default();
    let mut changed = Vec::new();
    for r in rows {
        let k: &FigureKey = &r.key;
        let key = (
            k.school.0,
            k.year.clone(),
            i64::from(k.grade),
            k.figure.code().to_owned(),
            k.subject.clone(),
            k.sex.code().to_owned(),
        );
        match stored.get(&key) {
            None => {
                counts.created += 1;
                changed.push(r);
            }
            Some(&(v, p)) if (v - r.value).abs() < 1e-9 && p == i64::from(r.pupils) => {
                counts.unchanged += 1;
            }
            Some(_) => {
                counts.updated += 1;
                changed.push(r);
            }
        }
    }
    (counts, changed)
}
