//! Networks' good examples, the municipality's digital tools and the schools' ICT groups
//! with their notes. The networks themselves are groups (`GroupFilter::Networks`).

use chrono::Utc;
use kollegium_shared::ids::{
    ExampleId, GroupId, IctNoteId, ItemId, MunicipalityId, PersonId, SchoolId, SchoolYearId, ToolId,
};
use kollegium_shared::library::{ItemKind, ItemRef};
use kollegium_shared::networks::{
    DigitalTool, Example, ExampleStatus, IctMember, IctMemberInput, IctNote, IctPart, ToolInput,
};
use kollegium_shared::org::{PersonRef, SchoolRef, Stage};

use super::{BeginWrite, Store, Update, with_db};

/// A submitted example with its item's, author's, school's and submitter's names.
#[derive(sqlx::FromRow)]
struct ExampleRow {
    id: i64,
    item_id: i64,
    title: String,
    kind: String,
    author_id: i64,
    author_name: String,
    school_id: Option<i64>,
    school_name: Option<String>,
    submitted_by: i64,
    submitter_name: String,
    submitted_on: String,
    note: String,
    status: String,
    review_comment: String,
    version: i64,
}

const EXAMPLE_SQL: &str = "SELECT e.id, e.item_id, i.title, i.kind, i.author_id, a.name AS author_name, e.school_id, \
     s.name AS school_name, e.submitted_by, b.name AS submitter_name, e.submitted_on, e.note, e.status, \
     e.review_comment, e.version \
     FROM network_examples e JOIN library_items i ON i.id = e.item_id JOIN persons a ON a.id = i.author_id \
     JOIN persons b ON b.id = e.submitted_by LEFT JOIN schools s ON s.id = e.school_id";

fn person(id: i64, name: String) -> PersonRef {
    PersonRef {
        id: PersonId(id),
        name,
    }
}

fn example(r: ExampleRow) -> Example {
    Example {
        id: ExampleId(r.id),
        item: ItemRef {
            id: ItemId(r.item_id),
            title: r.title,
            kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Lank),
        },
        made_by: person(r.author_id, r.author_name),
        school: r.school_id.zip(r.school_name).map(|(id, name)| SchoolRef {
            id: SchoolId(id),
            name,
        }),
        submitted_by: person(r.submitted_by, r.submitter_name),
        submitted_on: r.submitted_on,
        note: r.note,
        status: ExampleStatus::from_code(&r.status).unwrap_or(ExampleStatus::Submitted),
        review_comment: r.review_comment,
        version: r.version,
    }
}

type ToolRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

const TOOL_SQL: &str = "SELECT t.id, t.name, t.purpose, t.stages, t.guide_item_id, i.title, i.kind, t.url, t.version \
     FROM digital_tools t LEFT JOIN library_items i ON i.id = t.guide_item_id";

fn tool((id, name, purpose, stages, guide, title, kind, url, version): ToolRow) -> DigitalTool {
    let mut stages: Vec<Stage> = serde_json::from_str(&stages).unwrap_or_default();
    stages.sort_unstable();
    DigitalTool {
        id: ToolId(id),
        name,
        purpose,
        stages,
        guide: guide.zip(title).map(|(id, title)| ItemRef {
            id: ItemId(id),
            title,
            kind: kind
                .as_deref()
                .and_then(ItemKind::parse)
                .unwrap_or(ItemKind::Lank),
        }),
        url,
        version,
    }
}

type NoteRow = (i64, i64, String, String, i64, String, i64);
/// A member of a school's ICT group: school, person, name, part.
type MemberRow = (i64, i64, String, String);

const NOTE_SQL: &str = "SELECT n.id, n.school_id, n.note_date, n.text, n.author_id, a.name, n.version \
     FROM ict_notes n JOIN persons a ON a.id = n.author_id";

/// A school's ICT group as stored: its version (0 when never named), members and notes.
#[derive(Debug, Clone, Default)]
pub struct StoredIctGroup {
    pub version: i64,
    pub members: Vec<IctMember>,
    pub notes: Vec<IctNote>,
}

fn note((id, _, date, text, author, name, version): NoteRow) -> IctNote {
    IctNote {
        id: IctNoteId(id),
        date,
        text,
        author: person(author, name),
        version,
    }
}

impl Store {
    /// The day of each network's next meeting from `today` on (planned or in progress).
    pub async fn next_network_meetings(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
        today: &str,
    ) -> Result<Vec<(GroupId, String)>, sqlx::Error> {
        const SQL: &str = "SELECT mt.group_id, MIN(mt.starts_on) FROM meetings mt JOIN groups g ON g.id = mt.group_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND g.kind IN ('ikt_natverk', 'natverk') \
             AND mt.starts_on >= $3 AND mt.status IN ('planerad', 'pagar') GROUP BY mt.group_id";
        let rows: Vec<(i64, String)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).bind(today).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(g, d)| (GroupId(g), d)).collect())
    }

    /// How many approved examples of still published material each network has.
    pub async fn approved_examples(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<Vec<(GroupId, i64)>, sqlx::Error> {
        const SQL: &str = "SELECT e.group_id, COUNT(*) FROM network_examples e JOIN groups g ON g.id = e.group_id \
             JOIN library_items i ON i.id = e.item_id \
             WHERE g.municipality_id = $1 AND g.school_year_id = $2 AND e.status = 'approved' \
             AND i.status = 'published' GROUP BY e.group_id";
        let rows: Vec<(i64, i64)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(m.0).bind(year.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(g, n)| (GroupId(g), n)).collect())
    }

    /// A network's examples whose material is still published in the library.
    pub async fn network_examples(&self, group: GroupId) -> Result<Vec<Example>, sqlx::Error> {
        let sql = format!("{EXAMPLE_SQL} WHERE e.group_id = $1 AND i.status = 'published'");
        let rows: Vec<ExampleRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(group.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(example).collect())
    }

    /// One example of a network.
    pub async fn network_example(
        &self,
        group: GroupId,
        id: ExampleId,
    ) -> Result<Option<Example>, sqlx::Error> {
        let sql = format!("{EXAMPLE_SQL} WHERE e.group_id = $1 AND e.id = $2");
        let row: Option<ExampleRow> = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(group.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(example))
    }

    /// Submits `items` as good examples for a network, all or none: a unique violation
    /// when one of them is already submitted.
    pub async fn submit_examples(
        &self,
        group: GroupId,
        by: PersonId,
        school: Option<SchoolId>,
        note: &str,
        items: &[ItemId],
        today: &str,
    ) -> Result<Vec<ExampleId>, sqlx::Error> {
        const SQL: &str = "INSERT INTO network_examples (group_id, item_id, submitted_by, school_id, note, status, submitted_on) \
             VALUES ($1, $2, $3, $4, $5, 'submitted', $6) RETURNING id";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                let id: i64 = sqlx::query_scalar(SQL)
                    .bind(group.0).bind(item.0).bind(by.0).bind(school.map(|s| s.0))
                    .bind(note.trim()).bind(today)
                    .fetch_one(&mut *tx).await?;
                ids.push(ExampleId(id));
            }
            tx.commit().await?;
            Ok(ids)
        })
    }

    /// Approves or declines an example (or puts it back to waiting), if `version` is
    /// current.
    pub async fn review_example(
        &self,
        group: GroupId,
        id: ExampleId,
        reviewer: PersonId,
        status: ExampleStatus,
        comment: &str,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE network_examples SET status = $1, review_comment = $2, reviewed_by = $3, \
             version = version + 1 WHERE group_id = $4 AND id = $5 AND version = $6";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(status.code()).bind(comment.trim()).bind(reviewer.0).bind(group.0).bind(id.0).bind(version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if n > 0 {
            return Ok(Update::Done(()));
        }
        Ok(match self.network_example(group, id).await? {
            Some(_) => Update::Stale,
            None => Update::NotFound,
        })
    }

    /// The municipality's digital tools, by name.
    pub async fn digital_tools(&self, m: MunicipalityId) -> Result<Vec<DigitalTool>, sqlx::Error> {
        let sql = format!("{TOOL_SQL} WHERE t.municipality_id = $1");
        let rows: Vec<ToolRow> =
            with_db!(self, pool => sqlx::query_as(&sql).bind(m.0).fetch_all(pool).await)?;
        let mut tools: Vec<DigitalTool> = rows.into_iter().map(tool).collect();
        tools.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.name, &b.name));
        Ok(tools)
    }

    /// One tool of the municipality.
    pub async fn digital_tool(
        &self,
        m: MunicipalityId,
        id: ToolId,
    ) -> Result<Option<DigitalTool>, sqlx::Error> {
        let sql = format!("{TOOL_SQL} WHERE t.municipality_id = $1 AND t.id = $2");
        let row: Option<ToolRow> = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(m.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(tool))
    }

    /// Adds a tool; a unique violation when its name is taken.
    pub async fn create_tool(
        &self,
        m: MunicipalityId,
        input: &ToolInput,
    ) -> Result<ToolId, sqlx::Error> {
        const SQL: &str = "INSERT INTO digital_tools (municipality_id, name, name_key, purpose, stages, guide_item_id, url) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let id: i64 = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(m.0).bind(input.name.trim()).bind(kollegium_shared::text::fold(&input.name))
            .bind(input.purpose.trim()).bind(stages_json(&input.stages)).bind(input.guide.map(|g| g.0))
            .bind(input.link()).fetch_one(pool).await)?;
        Ok(ToolId(id))
    }

    /// Changes a tool, if `version` is current; a unique violation when its new name is
    /// taken.
    pub async fn update_tool(
        &self,
        m: MunicipalityId,
        id: ToolId,
        input: &ToolInput,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE digital_tools SET name = $1, name_key = $2, purpose = $3, stages = $4, \
             guide_item_id = $5, url = $6, version = version + 1 \
             WHERE municipality_id = $7 AND id = $8 AND version = $9";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(input.name.trim()).bind(kollegium_shared::text::fold(&input.name))
            .bind(input.purpose.trim()).bind(stages_json(&input.stages)).bind(input.guide.map(|g| g.0))
            .bind(input.link()).bind(m.0).bind(id.0).bind(version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        self.settle_tool(m, id, n).await
    }

    /// Removes a tool, if `version` is current.
    pub async fn delete_tool(
        &self,
        m: MunicipalityId,
        id: ToolId,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str =
            "DELETE FROM digital_tools WHERE municipality_id = $1 AND id = $2 AND version = $3";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(m.0).bind(id.0).bind(version).execute(pool).await.map(|r| r.rows_affected()))?;
        self.settle_tool(m, id, n).await
    }

    async fn settle_tool(
        &self,
        m: MunicipalityId,
        id: ToolId,
        changed: u64,
    ) -> Result<Update<()>, sqlx::Error> {
        if changed > 0 {
            return Ok(Update::Done(()));
        }
        Ok(match self.digital_tool(m, id).await? {
            Some(_) => Update::Stale,
            None => Update::NotFound,
        })
    }

    /// The ICT groups of the municipality's schools, by school id: members in the order
    /// given and notes newest first.
    pub async fn ict_groups(
        &self,
        m: MunicipalityId,
    ) -> Result<Vec<(SchoolId, StoredIctGroup)>, sqlx::Error> {
        const GROUPS: &str = "SELECT c.school_id, c.version FROM ict_groups c JOIN schools s ON s.id = c.school_id \
             WHERE s.municipality_id = $1";
        const MEMBERS: &str = "SELECT c.school_id, p.id, p.name, c.part FROM ict_group_members c \
             JOIN schools s ON s.id = c.school_id JOIN persons p ON p.id = c.person_id \
             WHERE s.municipality_id = $1 ORDER BY p.sort_key";
        let notes_sql = format!(
            "{NOTE_SQL} JOIN schools s ON s.id = n.school_id WHERE s.municipality_id = $1 \
             ORDER BY n.note_date DESC, n.id DESC"
        );
        type Rows = (Vec<(i64, i64)>, Vec<MemberRow>, Vec<NoteRow>);
        let (groups, members, notes): Rows = with_db!(self, pool => (
            sqlx::query_as(GROUPS).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(MEMBERS).bind(m.0).fetch_all(pool).await?,
            sqlx::query_as(&notes_sql).bind(m.0).fetch_all(pool).await?,
        ));
        let mut out: Vec<(SchoolId, StoredIctGroup)> = groups
            .into_iter()
            .map(|(s, version)| {
                (
                    SchoolId(s),
                    StoredIctGroup {
                        version,
                        ..StoredIctGroup::default()
                    },
                )
            })
            .collect();
        let mut entry = |school: i64| -> usize {
            match out.iter().position(|(s, _)| s.0 == school) {
                Some(i) => i,
                None => {
                    out.push((SchoolId(school), StoredIctGroup::default()));
                    out.len() - 1
                }
            }
        };
        let mut placed: Vec<(usize, Option<IctMember>, Option<IctNote>)> = Vec::new();
        for (school, id, name, part) in members {
            let member = IctMember {
                person: person(id, name),
                part: IctPart::from_code(&part).unwrap_or(IctPart::IktPedagog),
            };
            placed.push((entry(school), Some(member), None));
        }
        for row in notes {
            placed.push((entry(row.1), None, Some(note(row))));
        }
        for (i, member, note) in placed {
            out[i].1.members.extend(member);
            out[i].1.notes.extend(note);
        }
        Ok(out)
    }

    /// Names a school's ICT group, if `version` is its current one (0 when never named).
    pub async fn set_ict_group(
        &self,
        school: SchoolId,
        members: &[IctMemberInput],
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM ict_groups WHERE school_id = $1")
                .bind(school.0).fetch_optional(&mut *tx).await?;
            if current.unwrap_or(0) != version {
                return Ok(Update::Stale);
            }
            let changed = if current.is_none() {
                sqlx::query("INSERT INTO ict_groups (school_id, version) VALUES ($1, 1) ON CONFLICT (school_id) DO NOTHING")
                    .bind(school.0).execute(&mut *tx).await?.rows_affected()
            } else {
                sqlx::query("UPDATE ict_groups SET version = version + 1 WHERE school_id = $1 AND version = $2")
                    .bind(school.0).bind(version).execute(&mut *tx).await?.rows_affected()
            };
            if changed == 0 {
                return Ok(Update::Stale);
            }
            sqlx::query("DELETE FROM ict_group_members WHERE school_id = $1").bind(school.0).execute(&mut *tx).await?;
            for m in members {
                sqlx::query("INSERT INTO ict_group_members (school_id, person_id, part) VALUES ($1, $2, $3)")
                    .bind(school.0).bind(m.person.0).bind(m.part.code()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(Update::Done(()))
        })
    }

    /// Whether `person` is in the ICT group of `school`.
    pub async fn in_ict_group(
        &self,
        school: SchoolId,
        person: PersonId,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "SELECT COUNT(*) FROM ict_group_members WHERE school_id = $1 AND person_id = $2";
        let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(school.0).bind(person.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// Whether `person` works at `school`.
    pub async fn works_at(&self, person: PersonId, school: SchoolId) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "SELECT COUNT(*) FROM person_schools WHERE person_id = $1 AND school_id = $2";
        let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(person.0).bind(school.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// How many of `people` are active people of the municipality.
    pub async fn known_people(
        &self,
        m: MunicipalityId,
        people: &[PersonId],
    ) -> Result<usize, sqlx::Error> {
        if people.is_empty() {
            return Ok(0);
        }
        let list = super::placeholders(2, people.len());
        let sql = format!(
            "SELECT COUNT(*) FROM persons WHERE municipality_id = $1 AND active = TRUE AND id IN ({list})"
        );
        let n: i64 = with_db!(self, pool => {
            let mut q = sqlx::query_scalar(&sql).bind(m.0);
            for p in people {
                q = q.bind(p.0);
            }
            q.fetch_one(pool).await
        })?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// One note of a school's ICT group.
    pub async fn ict_note(
        &self,
        school: SchoolId,
        id: IctNoteId,
    ) -> Result<Option<IctNote>, sqlx::Error> {
        let sql = format!("{NOTE_SQL} WHERE n.school_id = $1 AND n.id = $2");
        let row: Option<NoteRow> = with_db!(self, pool => sqlx::query_as(&sql)
            .bind(school.0).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(note))
    }

    /// Writes a note of what the ICT group brought to the work teams.
    pub async fn add_ict_note(
        &self,
        school: SchoolId,
        author: PersonId,
        date: &str,
        text: &str,
    ) -> Result<IctNoteId, sqlx::Error> {
        const SQL: &str = "INSERT INTO ict_notes (school_id, note_date, text, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let id: i64 = with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(school.0).bind(date).bind(text.trim()).bind(author.0).bind(Utc::now())
            .fetch_one(pool).await)?;
        Ok(IctNoteId(id))
    }

    /// Changes a note, if `version` is current.
    pub async fn update_ict_note(
        &self,
        school: SchoolId,
        id: IctNoteId,
        date: &str,
        text: &str,
        version: i64,
    ) -> Result<Update<()>, sqlx::Error> {
        const SQL: &str = "UPDATE ict_notes SET note_date = $1, text = $2, version = version + 1 \
             WHERE school_id = $3 AND id = $4 AND version = $5";
        let n = with_db!(self, pool => sqlx::query(SQL)
            .bind(date).bind(text.trim()).bind(school.0).bind(id.0).bind(version)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if n > 0 {
            return Ok(Update::Done(()));
        }
        Ok(match self.ict_note(school, id).await? {
            Some(_) => Update::Stale,
            None => Update::NotFound,
        })
    }
}

fn stages_json(stages: &[Stage]) -> String {
    let mut list = stages.to_vec();
    list.sort_unstable();
    list.dedup();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}
