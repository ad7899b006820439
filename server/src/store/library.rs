//! The research-material library: items, their search stems, files and collections.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{
    ActivityId, CollectionId, FileId, ItemId, MeetingId, MunicipalityId, PersonId, SchoolYearId,
};
use kollegium_shared::library::search::{self, Posting, QueryWord};
use kollegium_shared::library::{
    ActivityUse, CollectionInput, CollectionRef, CollectionSummary, FileType, ItemFile, ItemInput,
    ItemKind, ItemQuery, ItemStatus, MeetingUse, ReviewDecision, Tags, UsedIn, goal_label,
    markdown,
};
use kollegium_shared::org::{Stage, Subject};

use super::{BeginWrite, Store, Update, with_db};

/// An item as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub source: String,
    pub year: Option<i64>,
    pub language: String,
    pub url: Option<String>,
    pub tags: String,
    pub status: String,
    pub review_comment: Option<String>,
    pub author_id: i64,
    pub author_name: String,
    pub featured: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub file_count: i64,
}

impl ItemRow {
    pub fn kind(&self) -> ItemKind {
        ItemKind::parse(&self.kind).unwrap_or(ItemKind::Lank)
    }

    pub fn status(&self) -> ItemStatus {
        ItemStatus::from_code(&self.status).unwrap_or(ItemStatus::Archived)
    }

    pub fn tags(&self) -> Tags {
        serde_json::from_str(&self.tags).unwrap_or_default()
    }

    pub fn year(&self) -> Option<i32> {
        self.year.and_then(|y| i32::try_from(y).ok())
    }
}

const ITEM_COLUMNS: &str = "i.id, i.kind, i.title, i.summary, i.source, i.year, i.language, i.url, i.tags, i.status, \
     i.review_comment, i.author_id, p.name AS author_name, i.featured, i.version, i.created_at, i.updated_at, \
     i.published_at, (SELECT COUNT(*) FROM library_files f WHERE f.item_id = i.id) AS file_count";

/// A stored file, with where it lies under the data directory.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub item: ItemId,
    pub file: ItemFile,
    pub storage_key: String,
}

/// A file type's code as stored (`kollegium_shared::library::FileType`'s name).
pub(super) fn type_code(file_type: FileType) -> String {
    serde_json::to_value(file_type)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An uploaded file to record.
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    /// The name shown and offered on download.
    pub name: &'a str,
    pub file_type: FileType,
    pub size: i64,
    /// Its random name under the municipality's directory.
    pub storage_key: &'a str,
}

/// Who is searching, for what they may see.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub person: PersonId,
    /// Curators see everything; others see what is published and their own.
    pub curator: bool,
}

/// A value bound to a statement built at run time.
#[derive(Debug, Clone)]
enum Bind {
    Int(i64),
    Text(String),
}

/// The WHERE clause (without the keyword) that limits items to what `viewer` may see
/// and the query's filters; its placeholders start after `first` bound values.
fn item_filter(
    m: MunicipalityId,
    viewer: Viewer,
    query: &ItemQuery,
    binds: &mut Vec<Bind>,
) -> String {
    let next = |b: Bind, binds: &mut Vec<Bind>| {
        binds.push(b);
        format!("${}", binds.len())
    };
    let mut sql = format!("i.municipality_id = {}", next(Bind::Int(m.0), binds));
    if query.mine == Some(true) {
        sql += &format!(
            " AND i.author_id = {}",
            next(Bind::Int(viewer.person.0), binds)
        );
    } else if !viewer.curator {
        sql += &format!(
            " AND (i.status = 'published' OR i.author_id = {})",
            next(Bind::Int(viewer.person.0), binds)
        );
    }
    match query.status {
        Some(status) => {
            sql += &format!(
                " AND i.status = {}",
                next(Bind::Text(status.code().into()), binds)
            )
        }
        // Without a status asked for, a search is of the library: published items.
        None if query.mine != Some(true) => sql += " AND i.status = 'published'",
        None => {}
    }
    if query.featured == Some(true) {
        sql += " AND i.featured = TRUE";
    }
    for facet in query.facet_filters() {
        let pattern = format!("%{}%", like_escape(&facet));
        sql += &format!(
            " AND i.facets LIKE {} ESCAPE '\\'",
            next(Bind::Text(pattern), binds)
        );
    }
    sql
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Binds `binds` to a statement, in order.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                Bind::Int(v) => q.bind(*v),
                Bind::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// The stems of an item with their weights: the title counts three times, tags twice,
/// the summary and source once.
pub fn item_terms(
    input: &ItemInput,
    custom_subjects: &HashMap<String, String>,
) -> Vec<(String, u32)> {
    let tags = &input.tags;
    let mut tag_text = String::new();
    for s in &tags.subjects {
        let name = Subject::by_code(s)
            .map(|s| s.sv.to_owned())
            .or_else(|| custom_subjects.get(s).cloned())
            .unwrap_or_else(|| s.clone());
        tag_text.push_str(&name);
        tag_text.push(' ');
    }
    for s in &tags.stages {
        tag_text.push_str(s.label(Lang::Sv));
        tag_text.push(' ');
    }
    for a in &tags.areas {
        tag_text.push_str(a.label(Lang::Sv));
        tag_text.push(' ');
    }
    for g in &tags.goals {
        tag_text.push_str(goal_label(*g, Lang::Sv));
        tag_text.push(' ');
    }
    for t in tags.themes.iter().chain(&tags.keywords) {
        tag_text.push_str(t);
        tag_text.push(' ');
    }
    tag_text.push_str(input.kind.label(Lang::Sv));
    let summary = markdown::to_plain_text(&input.summary);
    search::index_terms(&[
        (&input.title, 3),
        (&tag_text, 2),
        (&summary, 1),
        (&input.source, 1),
    ])
}

/// The fields an item's row stores, worked out once from the input.
struct ItemValues {
    title: String,
    summary: String,
    source: String,
    language: String,
    url: Option<String>,
    tags: String,
    facets: String,
    terms: Vec<(String, u32)>,
}

impl ItemValues {
    fn from(input: &ItemInput, custom_subjects: &HashMap<String, String>) -> ItemValues {
        let tags = input.tags.normalized();
        let tidy = ItemInput {
            tags: tags.clone(),
            ..input.clone()
        };
        ItemValues {
            title: input.title.trim().to_owned(),
            summary: input.summary.trim_end().to_owned(),
            source: input.source.trim().to_owned(),
            language: input.language_code(),
            url: input.link().map(str::to_owned),
            tags: serde_json::to_string(&tags).unwrap_or_else(|_| "{}".into()),
            facets: tags.facets(input.kind, input.year),
            terms: item_terms(&tidy, custom_subjects),
        }
    }
}

/// Replaces an item's stems inside the transaction `$tx`.
macro_rules! write_terms {
    ($tx:expr, $m:expr, $item:expr, $terms:expr) => {
        async {
            sqlx::query("DELETE FROM library_terms WHERE item_id = $1")
                .bind($item)
                .execute(&mut *$tx)
                .await?;
            // Many rows per statement: an item has tens to hundreds of stems.
            for chunk in $terms.chunks(200) {
                let mut sql = String::from(
                    "INSERT INTO library_terms (municipality_id, term, item_id, weight) VALUES ",
                );
                for i in 0..chunk.len() {
                    if i > 0 {
                        sql.push(',');
                    }
                    let b = i * 4;
                    sql += &format!("(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4);
                }
                let mut q = sqlx::query(&sql);
                for (term, weight) in chunk {
                    q = q
                        .bind($m)
                        .bind(term.as_str())
                        .bind($item)
                        .bind(i64::from(*weight));
                }
                q.execute(&mut *$tx).await?;
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

/// A table of stems searched the same way: the library's items, published protocols.
#[derive(Debug, Clone, Copy)]
pub(super) enum TermTable {
    Library,
    Protocols,
}

impl TermTable {
    /// Stems in a range: id, term, weight.
    fn postings_sql(self) -> &'static str {
        match self {
            TermTable::Library => {
                "SELECT item_id, term, weight FROM library_terms WHERE municipality_id = $1 AND term >= $2 AND term < $3"
            }
            TermTable::Protocols => {
                "SELECT meeting_id, term, weight FROM protocol_terms WHERE municipality_id = $1 AND term >= $2 AND term < $3"
            }
        }
    }

    /// Stems in a range: term, id.
    fn vocabulary_sql(self) -> &'static str {
        match self {
            TermTable::Library => {
                "SELECT term, item_id FROM library_terms WHERE municipality_id = $1 AND term >= $2 AND term < $3"
            }
            TermTable::Protocols => {
                "SELECT term, meeting_id FROM protocol_terms WHERE municipality_id = $1 AND term >= $2 AND term < $3"
            }
        }
    }
}

/// A found item and how well it matched.
#[derive(Debug, Clone)]
pub struct Found {
    pub rows: Vec<ItemRow>,
    pub total: u64,
    /// The query's words as searched (after any correction).
    pub words: Vec<QueryWord>,
    /// The corrected query, when a word was corrected.
    pub corrected: Option<String>,
}

impl Store {
    /// The municipality's own subjects, code → name (for search stems and import).
    pub async fn custom_subject_names(
        &self,
        m: MunicipalityId,
    ) -> Result<HashMap<String, String>, sqlx::Error> {
        const SQL: &str = "SELECT code, name FROM subjects WHERE municipality_id = $1";
        let rows: Vec<(String, String)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().collect())
    }

    /// One item, whatever its status.
    pub async fn library_item(
        &self,
        m: MunicipalityId,
        id: ItemId,
    ) -> Result<Option<ItemRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM library_items i JOIN persons p ON p.id = i.author_id \
             WHERE i.municipality_id = $1 AND i.id = $2"
        );
        with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).bind(id.0).fetch_optional(pool).await)
    }

    /// Items by id, in no particular order.
    pub async fn library_items_by_id(
        &self,
        m: MunicipalityId,
        ids: &[i64],
    ) -> Result<Vec<ItemRow>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM library_items i JOIN persons p ON p.id = i.author_id \
             WHERE i.municipality_id = $1 AND i.id IN ({})",
            marks.join(", ")
        );
        with_db!(self, pool => {
            let mut q = sqlx::query_as(&sql).bind(m.0);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(pool).await
        })
    }

    /// Adds an item with the given status, its stems with it.
    pub async fn create_library_item(
        &self,
        m: MunicipalityId,
        author: PersonId,
        input: &ItemInput,
        status: ItemStatus,
    ) -> Result<ItemId, sqlx::Error> {
        let custom = self.custom_subject_names(m).await?;
        let ids = self
            .insert_library_items(m, author, std::slice::from_ref(input), status, &custom)
            .await?;
        Ok(ids[0])
    }

    /// Adds items in one transaction: all or none.
    pub async fn insert_library_items(
        &self,
        m: MunicipalityId,
        author: PersonId,
        inputs: &[ItemInput],
        status: ItemStatus,
        custom: &HashMap<String, String>,
    ) -> Result<Vec<ItemId>, sqlx::Error> {
        let now = Utc::now();
        let published = (status == ItemStatus::Published).then_some(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(inputs.len());
            for input in inputs {
                let v = ItemValues::from(input, custom);
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO library_items (municipality_id, kind, title, summary, source, year, language, url, tags, facets, \
                     status, author_id, featured, version, created_at, updated_at, published_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, FALSE, 1, $13, $13, $14) RETURNING id",
                )
                .bind(m.0).bind(input.kind.code()).bind(&v.title).bind(&v.summary).bind(&v.source)
                .bind(input.year.map(i64::from)).bind(&v.language).bind(&v.url).bind(&v.tags).bind(&v.facets)
                .bind(status.code()).bind(author.0).bind(now).bind(published)
                .fetch_one(&mut *tx).await?;
                write_terms!(tx, m.0, id, v.terms)?;
                ids.push(ItemId(id));
            }
            tx.commit().await?;
            Ok::<Vec<ItemId>, sqlx::Error>(ids)
        })
    }

    /// Changes an item when `version` is current, moving it to `status` (an author's
    /// resubmission moves a returned item back to review).
    pub async fn update_library_item(
        &self,
        m: MunicipalityId,
        id: ItemId,
        input: &ItemInput,
        version: i64,
        status: ItemStatus,
    ) -> Result<Update<()>, sqlx::Error> {
        let custom = self.custom_subject_names(m).await?;
        let v = ItemValues::from(input, &custom);
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE library_items SET kind = $1, title = $2, summary = $3, source = $4, year = $5, language = $6, url = $7, \
                 tags = $8, facets = $9, status = $10, \
                 published_at = CASE WHEN $10 = 'published' THEN COALESCE(published_at, $11) ELSE published_at END, \
                 version = version + 1, updated_at = $11 \
                 WHERE municipality_id = $12 AND id = $13 AND version = $14",
            )
            .bind(input.kind.code()).bind(&v.title).bind(&v.summary).bind(&v.source).bind(input.year.map(i64::from))
            .bind(&v.language).bind(&v.url).bind(&v.tags).bind(&v.facets).bind(status.code()).bind(now)
            .bind(m.0).bind(id.0).bind(version)
            .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            write_terms!(tx, m.0, id.0, v.terms)?;
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Records a review decision on a submitted item when `version` is current.
    pub async fn review_library_item(
        &self,
        m: MunicipalityId,
        id: ItemId,
        decision: ReviewDecision,
        comment: &str,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        let status = decision.status();
        let comment = Some(comment.trim()).filter(|c| !c.is_empty());
        const SQL: &str = "UPDATE library_items SET status = $1, review_comment = $2, \
             published_at = CASE WHEN $1 = 'published' THEN $3 ELSE published_at END, \
             version = version + 1, updated_at = $3 \
             WHERE municipality_id = $4 AND id = $5 AND version = $6 AND status = 'submitted'";
        let done = with_db!(self, pool => sqlx::query(SQL)
            .bind(status.code()).bind(comment).bind(now).bind(m.0).bind(id.0).bind(version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Archives or restores an item, and features it or not, when `version` is current.
    pub async fn set_library_item_state(
        &self,
        m: MunicipalityId,
        id: ItemId,
        status: ItemStatus,
        featured: bool,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        const SQL: &str = "UPDATE library_items SET status = $1, featured = $2, \
             published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $3) ELSE published_at END, \
             version = version + 1, updated_at = $3 \
             WHERE municipality_id = $4 AND id = $5 AND version = $6";
        let done = with_db!(self, pool => sqlx::query(SQL)
            .bind(status.code()).bind(featured).bind(now).bind(m.0).bind(id.0).bind(version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Searches the library: the words of the query (corrected when one matches
    /// nothing), the filters, and what the viewer may see; best first, one page.
    pub async fn search_library(
        &self,
        m: MunicipalityId,
        viewer: Viewer,
        query: &ItemQuery,
    ) -> Result<Found, sqlx::Error> {
        let per_page = i64::from(query.per_page());
        let offset = (i64::from(query.page()) - 1) * per_page;
        let mut words = search::parse_query(query.q.as_deref().unwrap_or(""));
        if words.is_empty() {
            let mut binds = Vec::new();
            let filter = item_filter(m, viewer, query, &mut binds);
            let count_sql = format!("SELECT COUNT(*) FROM library_items i WHERE {filter}");
            let list_sql = format!(
                "SELECT {ITEM_COLUMNS} FROM library_items i JOIN persons p ON p.id = i.author_id WHERE {filter} \
                 ORDER BY COALESCE(i.published_at, i.updated_at) DESC, i.id DESC LIMIT {per_page} OFFSET {offset}"
            );
            let (total, rows): (i64, Vec<ItemRow>) = with_db!(self, pool => {
                let total = bind_all!(sqlx::query_scalar(&count_sql), &binds).fetch_one(pool).await?;
                let rows = bind_all!(sqlx::query_as(&list_sql), &binds).fetch_all(pool).await?;
                Ok::<_, sqlx::Error>((total, rows))
            })?;
            return Ok(Found {
                rows,
                total: u64::try_from(total).unwrap_or(0),
                words,
                corrected: None,
            });
        }

        // Which items the search may return, once; the stems are then looked up by range
        // alone and kept for those items. Two plain scans, no join whose plan depends
        // on an engine's statistics.
        let visible = {
            let mut binds = Vec::new();
            let filter = item_filter(m, viewer, query, &mut binds);
            let sql = format!("SELECT i.id FROM library_items i WHERE {filter}");
            let ids: Vec<i64> = with_db!(self, pool => bind_all!(sqlx::query_scalar(&sql), &binds).fetch_all(pool).await)?;
            ids.into_iter().collect::<HashSet<i64>>()
        };
        let (ranked, corrected) = self
            .rank_stems(TermTable::Library, m, &mut words, &visible)
            .await?;
        let total = ranked.len() as u64;
        let page: Vec<i64> = ranked
            .iter()
            .skip(usize::try_from(offset).unwrap_or(0))
            .take(usize::try_from(per_page).unwrap_or(20))
            .map(|(id, _)| *id)
            .collect();
        let mut rows = self.library_items_by_id(m, &page).await?;
        rows.sort_by_key(|r| page.iter().position(|id| *id == r.id));
        let corrected = corrected.then(|| {
            words
                .iter()
                .map(|w| {
                    rows.iter()
                        .find_map(|r| {
                            search::surface_form(&r.title, &w.stem).or_else(|| {
                                search::surface_form(&markdown::to_plain_text(&r.summary), &w.stem)
                            })
                        })
                        .unwrap_or_else(|| w.word.clone())
                })
                .collect::<Vec<_>>()
                .join(" ")
        });
        Ok(Found {
            rows,
            total,
            words,
            corrected,
        })
    }

    /// The ids of `visible` that hold every word, best first, by the stems of `table`.
    /// A word that matches nothing is replaced by the nearest stem, if one is near
    /// enough; the second value tells whether any was.
    pub(super) async fn rank_stems(
        &self,
        table: TermTable,
        m: MunicipalityId,
        words: &mut [QueryWord],
        visible: &HashSet<i64>,
    ) -> Result<(Vec<(i64, f64)>, bool), sqlx::Error> {
        let mut corrected = false;
        let mut postings: Vec<Vec<Posting>> = Vec::with_capacity(words.len());
        for word in words.iter_mut() {
            let mut found = self.stem_postings(table, m, word, visible).await?;
            if found.is_empty()
                && let Some(stem) = self.nearest_stem(table, m, word, visible).await?
            {
                *word = QueryWord {
                    word: stem.clone(),
                    stem,
                    prefix: word.prefix,
                };
                corrected = true;
                found = self.stem_postings(table, m, word, visible).await?;
            }
            postings.push(found);
        }
        Ok((search::rank(words, &postings, visible.len()), corrected))
    }

    /// The stored stems of `table` a query word matches, of the ids the search may
    /// return.
    async fn stem_postings(
        &self,
        table: TermTable,
        m: MunicipalityId,
        word: &QueryWord,
        visible: &HashSet<i64>,
    ) -> Result<Vec<Posting>, sqlx::Error> {
        let (low, high) = search::stem_range(word);
        let rows: Vec<(i64, String, i64)> = with_db!(self, pool => sqlx::query_as(table.postings_sql()).bind(m.0).bind(low).bind(high).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter(|(id, _, _)| visible.contains(id))
            .map(|(item, term, weight)| Posting {
                item,
                term,
                weight: u32::try_from(weight).unwrap_or(1),
            })
            .collect())
    }

    /// The stem nearest a word that matched nothing, among the stems of `table` of the
    /// ids the search may return that share its first letter (typos rarely hit the
    /// first letter, and it keeps the look-up small). Ties go to the stem more ids hold.
    async fn nearest_stem(
        &self,
        table: TermTable,
        m: MunicipalityId,
        word: &QueryWord,
        visible: &HashSet<i64>,
    ) -> Result<Option<String>, sqlx::Error> {
        let Some(first) = word.stem.chars().next() else {
            return Ok(None);
        };
        let low = first.to_string();
        let high = char::from_u32(first as u32 + 1)
            .unwrap_or(char::MAX)
            .to_string();
        let rows: Vec<(String, i64)> = with_db!(self, pool => sqlx::query_as(table.vocabulary_sql()).bind(m.0).bind(low).bind(high).fetch_all(pool).await)?;
        let mut counts: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
        for (term, id) in rows {
            if visible.contains(&id) {
                *counts.entry(term).or_default() += 1;
            }
        }
        let vocabulary: Vec<(String, i64)> = counts.into_iter().collect();
        Ok(search::correct(word, &vocabulary).map(str::to_owned))
    }

    /// The latest published items carrying any of the subjects or stages.
    pub async fn library_for(
        &self,
        m: MunicipalityId,
        subjects: &[String],
        stages: &[Stage],
        limit: i64,
    ) -> Result<Vec<ItemRow>, sqlx::Error> {
        let mut binds = vec![Bind::Int(m.0)];
        let mut any = Vec::new();
        let tokens = subjects
            .iter()
            .map(|s| format!(" subject:{} ", kollegium_shared::library::facet_value(s)))
            .chain(stages.iter().map(|s| format!(" stage:{} ", s.code())));
        for t in tokens {
            binds.push(Bind::Text(format!("%{}%", like_escape(&t))));
            any.push(format!("i.facets LIKE ${} ESCAPE '\\'", binds.len()));
        }
        if any.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM library_items i JOIN persons p ON p.id = i.author_id \
             WHERE i.municipality_id = $1 AND i.status = 'published' AND ({}) \
             ORDER BY i.published_at DESC, i.id DESC LIMIT {limit}",
            any.join(" OR ")
        );
        with_db!(self, pool => bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await)
    }

    /// How many submissions wait for review.
    pub async fn library_waiting(&self, m: MunicipalityId) -> Result<u64, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM library_items WHERE municipality_id = $1 AND status = 'submitted'";
        let n: i64 =
            with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).fetch_one(pool).await)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The meetings that had `author`'s items as preparation (on their own or in the
    /// meeting's collection), with how many of the group prepared: by item title, then
    /// by day.
    pub async fn material_use(
        &self,
        m: MunicipalityId,
        author: PersonId,
    ) -> Result<Vec<(ItemId, String, UsedIn)>, sqlx::Error> {
        const SQL: &str = "SELECT i.id, i.title, g.name, mt.starts_on, \
             (SELECT COUNT(*) FROM meeting_preparations p WHERE p.meeting_id = mt.id), \
             (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = mt.group_id) \
             FROM library_items i JOIN meetings mt ON mt.municipality_id = i.municipality_id \
             JOIN groups g ON g.id = mt.group_id \
             WHERE i.municipality_id = $1 AND i.author_id = $2 AND ( \
               EXISTS (SELECT 1 FROM meeting_items mi WHERE mi.meeting_id = mt.id AND mi.item_id = i.id) \
               OR EXISTS (SELECT 1 FROM library_collection_items ci WHERE ci.collection_id = mt.collection_id AND ci.item_id = i.id)) \
             ORDER BY i.title, i.id, mt.starts_on, g.name LIMIT 500";
        type Row = (i64, String, String, String, i64, i64);
        let rows: Vec<Row> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(author.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(item, title, group_name, starts_on, prepared, members)| {
                (
                    ItemId(item),
                    title,
                    UsedIn {
                        group_name,
                        starts_on,
                        prepared: u32::try_from(prepared).unwrap_or(0),
                        members: u32::try_from(members).unwrap_or(0),
                    },
                )
            })
            .collect())
    }

    /// Every link in the library, for the import's comparison.
    pub async fn library_links(&self, m: MunicipalityId) -> Result<Vec<String>, sqlx::Error> {
        const SQL: &str =
            "SELECT url FROM library_items WHERE municipality_id = $1 AND url IS NOT NULL";
        with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).fetch_all(pool).await)
    }

    /// Every published item, oldest first, for export.
    pub async fn library_export(&self, m: MunicipalityId) -> Result<Vec<ItemRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM library_items i JOIN persons p ON p.id = i.author_id \
             WHERE i.municipality_id = $1 AND i.status = 'published' ORDER BY i.id"
        );
        with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).fetch_all(pool).await)
    }

    /// The files of an item, in upload order.
    pub async fn library_files(&self, item: ItemId) -> Result<Vec<ItemFile>, sqlx::Error> {
        const SQL: &str =
            "SELECT id, name, file_type, size FROM library_files WHERE item_id = $1 ORDER BY id";
        let rows: Vec<(i64, String, String, i64)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(item.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, name, t, size)| {
                Some(ItemFile {
                    id: FileId(id),
                    name,
                    file_type: serde_json::from_value(serde_json::Value::String(t)).ok()?,
                    size,
                    url: String::new(),
                })
            })
            .collect())
    }

    /// One file of the municipality.
    pub async fn library_file(
        &self,
        m: MunicipalityId,
        id: FileId,
    ) -> Result<Option<StoredFile>, sqlx::Error> {
        const SQL: &str = "SELECT id, item_id, name, file_type, size, storage_key FROM library_files \
                           WHERE municipality_id = $1 AND id = $2";
        let row: Option<(i64, i64, String, String, i64, String)> = with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.and_then(|(id, item, name, t, size, storage_key)| {
            Some(StoredFile {
                item: ItemId(item),
                file: ItemFile {
                    id: FileId(id),
                    name,
                    file_type: serde_json::from_value(serde_json::Value::String(t)).ok()?,
                    size,
                    url: String::new(),
                },
                storage_key,
            })
        }))
    }

    /// Records an uploaded file, raising the item's version (so a stale editor sees it).
    pub async fn add_library_file(
        &self,
        m: MunicipalityId,
        item: ItemId,
        person: PersonId,
        file: &NewFile<'_>,
    ) -> Result<FileId, sqlx::Error> {
        let NewFile {
            name,
            file_type,
            size,
            storage_key,
        } = *file;
        let now = Utc::now();
        let code = type_code(file_type);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO library_files (municipality_id, item_id, name, file_type, size, storage_key, uploaded_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(m.0).bind(item.0).bind(name).bind(&code).bind(size).bind(storage_key).bind(person.0).bind(now)
            .fetch_one(&mut *tx).await?;
            sqlx::query("UPDATE library_items SET version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now).bind(item.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<FileId, sqlx::Error>(FileId(id))
        })
    }

    /// Removes a file's record; returns where it lay, to delete it from disk.
    pub async fn delete_library_file(
        &self,
        m: MunicipalityId,
        id: FileId,
    ) -> Result<Option<String>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, String)> = sqlx::query_as(
                "SELECT item_id, storage_key FROM library_files WHERE municipality_id = $1 AND id = $2",
            )
            .bind(m.0).bind(id.0).fetch_optional(&mut *tx).await?;
            let Some((item, key)) = row else {
                return Ok(None);
            };
            sqlx::query("DELETE FROM library_files WHERE id = $1").bind(id.0).execute(&mut *tx).await?;
            sqlx::query("UPDATE library_items SET version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now).bind(item).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<Option<String>, sqlx::Error>(Some(key))
        })
    }

    /// The collections that hold an item.
    pub async fn collections_with(&self, item: ItemId) -> Result<Vec<CollectionRef>, sqlx::Error> {
        const SQL: &str = "SELECT c.id, c.title FROM library_collection_items ci \
                           JOIN library_collections c ON c.id = ci.collection_id WHERE ci.item_id = $1 ORDER BY c.title";
        let rows: Vec<(i64, String)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(item.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title)| CollectionRef {
                id: CollectionId(id),
                title,
            })
            .collect())
    }

    /// The wheel activities that link an item, by date.
    pub async fn activities_with(&self, item: ItemId) -> Result<Vec<ActivityUse>, sqlx::Error> {
        const SQL: &str = "SELECT a.id, a.school_year_id, a.title, a.starts_on, a.ends_on FROM wheel_activity_items l \
                           JOIN wheel_activities a ON a.id = l.activity_id WHERE l.item_id = $1 \
                           ORDER BY a.starts_on, a.id";
        let rows: Vec<(i64, i64, String, String, String)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(item.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, year, title, starts_on, ends_on)| ActivityUse {
                id: ActivityId(id),
                school_year_id: SchoolYearId(year),
                title,
                starts_on,
                ends_on,
            })
            .collect())
    }

    /// The meetings whose preparation lists an item on its own, by date: every such
    /// meeting, or only those of the groups `member` is in.
    pub async fn meetings_with(
        &self,
        item: ItemId,
        member: Option<PersonId>,
    ) -> Result<Vec<MeetingUse>, sqlx::Error> {
        const SQL: &str = "SELECT mt.id, g.name, mt.starts_on FROM meeting_items mi \
                           JOIN meetings mt ON mt.id = mi.meeting_id JOIN groups g ON g.id = mt.group_id \
                           WHERE mi.item_id = $1 AND ($2 IS NULL OR EXISTS \
                           (SELECT 1 FROM group_members gm WHERE gm.group_id = mt.group_id AND gm.person_id = $2)) \
                           ORDER BY mt.starts_on, mt.id";
        let rows: Vec<(i64, String, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(item.0).bind(member.map(|p| p.0)).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, group, starts_on)| MeetingUse {
                id: MeetingId(id),
                group,
                starts_on,
            })
            .collect())
    }

    /// The municipality's collections, the most recently changed first.
    pub async fn collections(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<CollectionSummary>, sqlx::Error> {
        const SQL: &str = "SELECT c.id, c.title, p.name, c.updated_at, \
                           (SELECT COUNT(*) FROM library_collection_items ci WHERE ci.collection_id = c.id) \
                           FROM library_collections c JOIN persons p ON p.id = c.owner_id \
                           WHERE c.municipality_id = $1 ORDER BY c.updated_at DESC, c.id DESC";
        let rows: Vec<(i64, String, String, DateTime<Utc>, i64)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, owner, at, n)| CollectionSummary {
                id: CollectionId(id),
                title,
                items: u32::try_from(n).unwrap_or(0),
                owner,
                updated_at: rfc3339(at),
            })
            .collect())
    }

    /// One collection: its fields and its items' ids in order.
    pub async fn collection(
        &self,
        m: MunicipalityId,
        id: CollectionId,
    ) -> Result<Option<(StoredCollection, Vec<i64>)>, sqlx::Error> {
        const SQL: &str = "SELECT c.id, c.title, c.note, c.owner_id, p.name AS owner_name, c.version, c.updated_at \
                           FROM library_collections c JOIN persons p ON p.id = c.owner_id \
                           WHERE c.municipality_id = $1 AND c.id = $2";
        const ITEMS: &str = "SELECT item_id FROM library_collection_items WHERE collection_id = $1 ORDER BY position";
        with_db!(self, pool => {
            let Some(c): Option<StoredCollection> = sqlx::query_as(SQL).bind(m.0).bind(id.0).fetch_optional(pool).await? else {
                return Ok(None);
            };
            let items: Vec<i64> = sqlx::query_scalar(ITEMS).bind(id.0).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>(Some((c, items)))
        })
    }

    /// Makes a collection.
    pub async fn create_collection(
        &self,
        m: MunicipalityId,
        owner: PersonId,
        input: &CollectionInput,
    ) -> Result<CollectionId, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO library_collections (municipality_id, title, note, owner_id, version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
            )
            .bind(m.0).bind(input.title.trim()).bind(input.note.trim_end()).bind(owner.0).bind(now)
            .fetch_one(&mut *tx).await?;
            for (pos, item) in input.items.iter().enumerate() {
                sqlx::query("INSERT INTO library_collection_items (collection_id, item_id, position) VALUES ($1, $2, $3)")
                    .bind(id).bind(item.0).bind(pos as i64).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<CollectionId, sqlx::Error>(CollectionId(id))
        })
    }

    /// Replaces a collection's title, note and items when `version` is current.
    pub async fn update_collection(
        &self,
        m: MunicipalityId,
        id: CollectionId,
        input: &CollectionInput,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE library_collections SET title = $1, note = $2, version = version + 1, updated_at = $3 \
                 WHERE municipality_id = $4 AND id = $5 AND version = $6",
            )
            .bind(input.title.trim()).bind(input.note.trim_end()).bind(now).bind(m.0).bind(id.0).bind(version)
            .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Ok(Update::Stale);
            }
            sqlx::query("DELETE FROM library_collection_items WHERE collection_id = $1").bind(id.0).execute(&mut *tx).await?;
            for (pos, item) in input.items.iter().enumerate() {
                sqlx::query("INSERT INTO library_collection_items (collection_id, item_id, position) VALUES ($1, $2, $3)")
                    .bind(id.0).bind(item.0).bind(pos as i64).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Removes a collection when `version` is current.
    pub async fn delete_collection(
        &self,
        m: MunicipalityId,
        id: CollectionId,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "DELETE FROM library_collections WHERE municipality_id = $1 AND id = $2 AND version = $3";
        let done = with_db!(self, pool => sqlx::query(SQL).bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(if done == 1 {
            Update::Done(())
        } else {
            Update::Stale
        })
    }

    /// Which of `ids` are items of the municipality that may go into a collection
    /// (published ones).
    pub async fn published_item_ids(
        &self,
        m: MunicipalityId,
        ids: &[ItemId],
    ) -> Result<Vec<i64>, sqlx::Error> {
        let rows = self
            .library_items_by_id(m, &ids.iter().map(|i| i.0).collect::<Vec<_>>())
            .await?;
        Ok(rows
            .into_iter()
            .filter(|r| r.status() == ItemStatus::Published)
            .map(|r| r.id)
            .collect())
    }

    /// The size of the search stems, in rows and bytes on disk (tables and indexes).
    pub async fn library_index_size(&self) -> Result<(i64, Option<i64>), sqlx::Error> {
        let rows: i64 = with_db!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM library_terms").fetch_one(pool).await)?;
        let bytes = match &self.db {
            super::Db::Postgres(pool) => Some(
                sqlx::query_scalar::<_, i64>("SELECT pg_total_relation_size('library_terms')")
                    .fetch_one(pool)
                    .await?,
            ),
            super::Db::Sqlite(pool) => sqlx::query_scalar::<_, i64>(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = 'library_terms' OR name LIKE 'sqlite_autoindex_library_terms%' OR name = 'library_terms_item'",
            )
            .fetch_one(pool)
            .await
            .ok(),
        };
        Ok((rows, bytes))
    }
}

/// A collection as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCollection {
    pub id: i64,
    pub title: String,
    pub note: String,
    pub owner_id: i64,
    pub owner_name: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// A time as the API shows it.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
