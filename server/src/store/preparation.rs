//! A meeting's preparation: a library collection and single items members go through
//! before the meeting, the task, and who has ticked it as done.

use chrono::Utc;
use kollegium_shared::ids::{CollectionId, ItemId, MeetingId, MunicipalityId, PersonId};
use kollegium_shared::library::{ItemKind, ItemRef};
use kollegium_shared::meetings::preparation::{PrepCollection, PreparationInput};

use super::{BeginWrite, Store, Update, with_db};

/// A preparation as stored, before the caller's view of it is worked out.
pub struct StoredPreparation {
    pub collection: Option<PrepCollection>,
    pub items: Vec<ItemRef>,
    /// Who has ticked it as done.
    pub done_by: Vec<PersonId>,
}

/// An item's id, title and kind as read.
pub(super) type ItemRow = (i64, String, String);

/// Items as read (id, title, kind) as references; an unknown kind is skipped.
pub(super) fn item_refs(rows: Vec<ItemRow>) -> Vec<ItemRef> {
    rows.into_iter()
        .filter_map(|(id, title, kind)| {
            Some(ItemRef {
                id: ItemId(id),
                title,
                kind: ItemKind::parse(&kind)?,
            })
        })
        .collect()
}

impl Store {
    /// A meeting's preparation material (published items only) and ticks.
    pub async fn preparation(&self, meeting: MeetingId) -> Result<StoredPreparation, sqlx::Error> {
        const COLLECTION: &str = "SELECT c.id, c.title, c.note FROM meetings mt \
             JOIN library_collections c ON c.id = mt.collection_id WHERE mt.id = $1";
        const COLLECTION_ITEMS: &str = "SELECT i.id, i.title, i.kind FROM library_collection_items ci \
             JOIN library_items i ON i.id = ci.item_id WHERE ci.collection_id = $1 AND i.status = 'published' ORDER BY ci.position";
        const ITEMS: &str = "SELECT i.id, i.title, i.kind FROM meeting_items mi \
             JOIN library_items i ON i.id = mi.item_id WHERE mi.meeting_id = $1 AND i.status = 'published' ORDER BY mi.position";
        const DONE: &str = "SELECT person_id FROM meeting_preparations WHERE meeting_id = $1";
        let (collection, items, done): (Option<ItemRow>, Vec<ItemRow>, Vec<i64>) = with_db!(self, pool => {
            let c = sqlx::query_as(COLLECTION).bind(meeting.0).fetch_optional(pool).await?;
            let i = sqlx::query_as(ITEMS).bind(meeting.0).fetch_all(pool).await?;
            let d = sqlx::query_scalar(DONE).bind(meeting.0).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((c, i, d))
        })?;
        let collection = match collection {
            None => None,
            Some((id, title, note)) => {
                let rows: Vec<ItemRow> = with_db!(self, pool => sqlx::query_as(COLLECTION_ITEMS).bind(id).fetch_all(pool).await)?;
                Some(PrepCollection {
                    id: CollectionId(id),
                    title,
                    note,
                    items: item_refs(rows),
                })
            }
        };
        Ok(StoredPreparation {
            collection,
            items: item_refs(items),
            done_by: done.into_iter().map(PersonId).collect(),
        })
    }

    /// Whether every id is a published item (or collection) of the municipality.
    pub async fn preparation_refs_exist(
        &self,
        m: MunicipalityId,
        input: &PreparationInput,
    ) -> Result<(bool, bool), sqlx::Error> {
        let collection_ok = match input.collection_id {
            None => true,
            Some(c) => {
                const SQL: &str = "SELECT COUNT(*) FROM library_collections WHERE municipality_id = $1 AND id = $2";
                let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(c.0).fetch_one(pool).await)?;
                n == 1
            }
        };
        let items_ok = self.published_items_exist(m, &input.item_ids).await?;
        Ok((collection_ok, items_ok))
    }

    /// Whether every id is a published library item of the municipality.
    pub async fn published_items_exist(
        &self,
        m: MunicipalityId,
        ids: &[ItemId],
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM library_items WHERE municipality_id = $1 AND id = $2 AND status = 'published'";
        for item in ids {
            let n: i64 = with_db!(self, pool => sqlx::query_scalar(SQL).bind(m.0).bind(item.0).fetch_one(pool).await)?;
            if n != 1 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Sets a meeting's preparation at the meeting's `version`, in one transaction.
    pub async fn set_preparation(
        &self,
        m: MunicipalityId,
        meeting: MeetingId,
        input: &PreparationInput,
    ) -> Result<Update<()>, sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE meetings SET preparation_task = $1, collection_id = $2, version = version + 1, updated_at = $3 \
                 WHERE municipality_id = $4 AND id = $5 AND version = $6",
            )
            .bind(input.task.trim()).bind(input.collection_id.map(|c| c.0)).bind(now)
            .bind(m.0).bind(meeting.0).bind(input.version)
            .execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                tx.rollback().await?;
                return Ok(Update::Stale);
            }
            sqlx::query("DELETE FROM meeting_items WHERE meeting_id = $1").bind(meeting.0).execute(&mut *tx).await?;
            for (position, item) in input.item_ids.iter().enumerate() {
                sqlx::query("INSERT INTO meeting_items (meeting_id, item_id, position) VALUES ($1, $2, $3)")
                    .bind(meeting.0).bind(item.0).bind(i64::try_from(position).unwrap_or(0))
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<Update<()>, sqlx::Error>(Update::Done(()))
        })
    }

    /// Ticks (or unticks) a member's preparation. Ticking twice keeps the first time.
    pub async fn set_prepared(
        &self,
        meeting: MeetingId,
        person: PersonId,
        done: bool,
    ) -> Result<(), sqlx::Error> {
        if done {
            const SQL: &str = "INSERT INTO meeting_preparations (meeting_id, person_id, done_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
            with_db!(self, pool => sqlx::query(SQL).bind(meeting.0).bind(person.0).bind(Utc::now()).execute(pool).await.map(|_| ()))?;
        } else {
            const SQL: &str =
                "DELETE FROM meeting_preparations WHERE meeting_id = $1 AND person_id = $2";
            with_db!(self, pool => sqlx::query(SQL).bind(meeting.0).bind(person.0).execute(pool).await.map(|_| ()))?;
        }
        Ok(())
    }
}
