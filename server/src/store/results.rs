//! The schools' results: storing a whole results file in one transaction, and reading
//! one key figure for every school and year.

use std::collections::HashMap;

use chrono::Utc;
use kollegium_shared::goals::results::{Figure, FigureKey, ResultRow, Sex};
use kollegium_shared::ids::MunicipalityId;

use super::{BeginWrite, Store, with_db};

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
