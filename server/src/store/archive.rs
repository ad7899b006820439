//! The archive of published protocols: their stems (the library's Swedish stemming,
//! so the same words find them on both engines), the search with its filters, and the
//! municipality's extra recipients of every protocol.

use std::collections::HashSet;

use kollegium_shared::ids::{GroupId, MeetingId, MunicipalityId};
use kollegium_shared::library::search;
use kollegium_shared::meetings::archive::{
    ArchiveHit, ArchivePage, ArchiveQuery, PER_PAGE, ProtocolSettings,
};
use kollegium_shared::meetings::records::{self, Fields, PROTOCOL_FIELDS};
use kollegium_shared::org::Stage;

use super::library::TermTable;
use super::{BeginWrite, Store, Update, with_db};

/// A published protocol's text as the archive shows and searches it: every field in
/// order, then the amendments.
pub fn archive_text(fields: &Fields, amendments: &[String]) -> String {
    let mut out = String::new();
    for (key, _, _) in PROTOCOL_FIELDS {
        let text = records::value(fields, key).trim();
        if !text.is_empty() {
            out.push_str(text);
            out.push('\n');
        }
    }
    for a in amendments {
        out.push_str(a.trim());
        out.push('\n');
    }
    out
}

#[derive(sqlx::FromRow)]
struct HitRow {
    meeting_id: i64,
    group_id: i64,
    group_name: String,
    subject: Option<String>,
    stages: String,
    starts_on: String,
    theme: Option<String>,
    question: String,
    fields: String,
}

/// The published protocols the filters let through (not the words).
fn archive_filter(query: &ArchiveQuery, binds: &mut Vec<String>) -> String {
    let mut sql = String::from("pr.municipality_id = $1 AND pr.published_at IS NOT NULL");
    let mut push = |cond: &str, value: String, binds: &mut Vec<String>| {
        binds.push(value);
        sql += &cond.replace('?', &format!("${}", binds.len() + 1));
    };
    if let Some(g) = query.group {
        push(" AND CAST(g.id AS TEXT) = ?", g.0.to_string(), binds);
    }
    if let Some(s) = query.subject.as_deref().filter(|s| !s.is_empty()) {
        push(" AND g.subject = ?", s.to_owned(), binds);
    }
    if let Some(stage) = query.stage {
        push(
            " AND (',' || g.stages || ',') LIKE ?",
            format!("%,{},%", stage.code()),
            binds,
        );
    }
    if let Some(t) = query.theme.as_deref().filter(|t| !t.is_empty()) {
        push(" AND mt.theme = ?", t.to_owned(), binds);
    }
    if let Some(d) = query.from.as_deref().filter(|d| !d.is_empty()) {
        push(" AND mt.starts_on >= ?", d.to_owned(), binds);
    }
    if let Some(d) = query.to.as_deref().filter(|d| !d.is_empty()) {
        push(" AND mt.starts_on <= ?", d.to_owned(), binds);
    }
    sql
}

const FROM: &str = "FROM protocols pr JOIN meetings mt ON mt.id = pr.meeting_id JOIN groups g ON g.id = mt.group_id";
const HIT_COLUMNS: &str = "pr.meeting_id, g.id AS group_id, g.name AS group_name, g.subject, g.stages, mt.starts_on, mt.theme, mt.question, pr.fields";

impl Store {
    /// Stores the stems of a published protocol (replacing any), in one transaction.
    pub async fn index_protocol(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
    ) -> Result<(), sqlx::Error> {
        let sql = format!(
            "SELECT {HIT_COLUMNS} {FROM} WHERE pr.meeting_id = $1 AND pr.published_at IS NOT NULL"
        );
        let row: Option<HitRow> = with_db!(self, pool => sqlx::query_as(&sql).bind(meeting.0).fetch_optional(pool).await)?;
        let Some(row) = row else { return Ok(()) };
        let amendments: Vec<String> = self
            .amendments(meeting)
            .await?
            .into_iter()
            .map(|a| a.1)
            .collect();
        let fields: Fields = serde_json::from_str(&row.fields).unwrap_or_default();
        let heading = format!(
            "{} {} {}",
            row.group_name,
            row.theme.as_deref().unwrap_or(""),
            row.question
        );
        let terms = search::index_terms(&[(&heading, 2), (&archive_text(&fields, &amendments), 1)]);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM protocol_terms WHERE meeting_id = $1").bind(meeting.0).execute(&mut *tx).await?;
            for chunk in terms.chunks(200) {
                let mut sql = String::from("INSERT INTO protocol_terms (municipality_id, term, meeting_id, weight) VALUES ");
                for i in 0..chunk.len() {
                    if i > 0 {
                        sql.push(',');
                    }
                    let b = i * 4;
                    sql += &format!("(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4);
                }
                let mut q = sqlx::query(&sql);
                for (term, weight) in chunk {
                    q = q.bind(m.0).bind(term.as_str()).bind(meeting.0).bind(i64::from(*weight));
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Indexes the published protocols that have no stems yet (protocols published
    /// before the archive existed, and the demo's).
    async fn index_missing_protocols(&self, m: MunicipalityId) -> Result<(), sqlx::Error> {
        const SQL: &str = "SELECT pr.meeting_id FROM protocols pr WHERE pr.municipality_id = $1 AND pr.published_at IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM protocol_terms t WHERE t.meeting_id = pr.meeting_id)";
        let missing: Vec<i64> =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).fetch_all(pool).await)?;
        for id in missing {
            self.index_protocol(m, MeetingId(id)).await?;
        }
        Ok(())
    }

    /// Searches the published protocols: by relevance when there are words, else the
    /// newest meetings first.
    pub async fn search_protocols(
        &self,
        m: MunicipalityId,
        query: &ArchiveQuery,
    ) -> Result<ArchivePage, sqlx::Error> {
        self.index_missing_protocols(m).await?;
        let per_page = PER_PAGE as usize;
        let offset = (query.page() as usize - 1) * per_page;
        let mut binds = Vec::new();
        let filter = archive_filter(query, &mut binds);
        let mut words = search::parse_query(query.q.as_deref().unwrap_or(""));
        let (page_ids, total, corrected) = if words.is_empty() {
            let sql = format!(
                "SELECT pr.meeting_id {FROM} WHERE {filter} ORDER BY mt.starts_on DESC, g.name"
            );
            let ids: Vec<i64> = with_db!(self, pool => {
                let mut q = sqlx::query_scalar(&sql).bind(m.0);
                for b in &binds { q = q.bind(b.clone()); }
                q.fetch_all(pool).await
            })?;
            let total = ids.len() as u64;
            (
                ids.into_iter()
                    .skip(offset)
                    .take(per_page)
                    .collect::<Vec<_>>(),
                total,
                None,
            )
        } else {
            let sql = format!("SELECT pr.meeting_id {FROM} WHERE {filter}");
            let visible: HashSet<i64> = with_db!(self, pool => {
                let mut q = sqlx::query_scalar(&sql).bind(m.0);
                for b in &binds { q = q.bind(b.clone()); }
                q.fetch_all(pool).await
            })?
            .into_iter()
            .collect();
            let (ranked, corrected) = self
                .rank_stems(TermTable::Protocols, m, &mut words, &visible)
                .await?;
            let total = ranked.len() as u64;
            let ids = ranked
                .into_iter()
                .skip(offset)
                .take(per_page)
                .map(|(id, _)| id)
                .collect();
            (
                ids,
                total,
                corrected.then(|| {
                    words
                        .iter()
                        .map(|w| w.word.clone())
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
            )
        };
        let mut hits = Vec::with_capacity(page_ids.len());
        for id in page_ids {
            let sql = format!("SELECT {HIT_COLUMNS} {FROM} WHERE pr.meeting_id = $1");
            let row: Option<HitRow> =
                with_db!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
            let Some(row) = row else { continue };
            let amendments: Vec<String> = self
                .amendments(MeetingId(id))
                .await?
                .into_iter()
                .map(|a| a.1)
                .collect();
            let fields: Fields = serde_json::from_str(&row.fields).unwrap_or_default();
            let text = archive_text(&fields, &amendments);
            hits.push(ArchiveHit {
                meeting_id: MeetingId(row.meeting_id),
                group_id: GroupId(row.group_id),
                group_name: row.group_name,
                subject: row.subject,
                stages: row.stages.split(',').filter_map(Stage::from_code).collect(),
                starts_on: row.starts_on,
                theme: row.theme,
                question: row.question,
                snippet: search::snippet(text.trim(), &words, 240),
            });
        }
        const THEMES: &str = "SELECT DISTINCT mt.theme FROM protocols pr JOIN meetings mt ON mt.id = pr.meeting_id \
             WHERE pr.municipality_id = $1 AND pr.published_at IS NOT NULL AND mt.theme IS NOT NULL ORDER BY mt.theme";
        let themes: Vec<String> =
            with_db!(self, pool => sqlx::query_scalar(THEMES).bind(m.0).fetch_all(pool).await)?;
        Ok(ArchivePage {
            hits,
            total,
            page: query.page(),
            per_page: PER_PAGE,
            corrected,
            themes,
        })
    }

    /// The addresses every published protocol also goes to.
    pub async fn protocol_settings(
        &self,
        m: MunicipalityId,
    ) -> Result<ProtocolSettings, sqlx::Error> {
        const SQL: &str =
            "SELECT protocol_recipients, settings_version FROM municipalities WHERE id = $1";
        let (recipients, version): (String, i64) =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_one(pool).await)?;
        Ok(ProtocolSettings {
            recipients: recipients
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
            version,
        })
    }

    /// Sets the extra recipients at `settings.version`.
    pub async fn set_protocol_settings(
        &self,
        m: MunicipalityId,
        settings: &ProtocolSettings,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE municipalities SET protocol_recipients = $1, settings_version = settings_version + 1 \
             WHERE id = $2 AND settings_version = $3";
        let n = with_db!(self, pool => sqlx::query(SQL).bind(settings.normalized().join(",")).bind(m.0).bind(settings.version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if n == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }
}
