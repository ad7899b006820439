//! The research-material library API: items with tags, files and a safely rendered
//! summary; Swedish search; teachers' good examples through the ICT strategist's
//! review; collections; the front page; CSV import and CSV/JSON export.
//!
//! Everyone in the municipality reads what is published. The ICT strategist and
//! administrators (curators) publish, edit, feature, archive and review; researchers and
//! process leaders publish their own material; every teacher may submit a good example,
//! which waits for review. Authors see their own submissions and their status.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{ItemId, PersonId};
use kollegium_shared::library::access::{curates, may_edit, may_see, sees_every_meeting_use};
use kollegium_shared::library::embed::embed_for;
use kollegium_shared::library::search::{self, QueryWord};
use kollegium_shared::library::{
    Item, ItemHit, ItemInput, ItemKind, ItemPage, ItemQuery, ItemState, ItemStatus, LibraryFront,
    PersonRef, Review, check_kind_for, initial_status, markdown, reviewable,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::library::{ItemRow, Viewer, rfc3339};

mod collections;
pub mod files;
mod transfer;

/// The routes under `/api/v1/library`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_items, create_item))
        .routes(routes!(get_item, update_item))
        .routes(routes!(review_item))
        .routes(routes!(set_item_state))
        .routes(routes!(front))
        .merge(files::router())
        .merge(collections::router())
        .merge(transfer::router())
}

fn viewer(user: &AuthUser) -> Viewer {
    Viewer {
        person: user.person,
        curator: user.may(curates),
    }
}

/// An item the caller may see, or 404 (also for another municipality's).
pub(crate) async fn visible_item(
    state: &AppState,
    user: &AuthUser,
    id: ItemId,
) -> Result<ItemRow, ApiError> {
    let row = state
        .store
        .library_item(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if may_see(
        &user.roles,
        user.person,
        PersonId(row.author_id),
        row.status(),
    ) {
        Ok(row)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The whole item as the caller reads it.
pub(crate) async fn full_item(
    state: &AppState,
    user: &AuthUser,
    row: ItemRow,
) -> Result<Item, ApiError> {
    let id = ItemId(row.id);
    let mut files = state.store.library_files(id).await?;
    let now = chrono::Utc::now().timestamp();
    for f in &mut files {
        f.url = files::signed_url(state, user.municipality, f.id, now)?;
    }
    let used_in = state.store.collections_with(id).await?;
    let used_in_wheel = state.store.activities_with(id).await?;
    // The meetings the caller may open: every one for those who oversee them.
    let overseer = user.may(sees_every_meeting_use);
    let used_in_meetings = state
        .store
        .meetings_with(id, (!overseer).then_some(user.person))
        .await?;
    let kind = row.kind();
    let status = row.status();
    let embed = match (kind, row.url.as_deref()) {
        (ItemKind::Film, Some(url)) => embed_for(url),
        _ => None,
    };
    Ok(Item {
        id,
        kind,
        summary_html: markdown::to_html(&row.summary),
        tags: row.tags(),
        year: row.year(),
        editable: may_edit(&user.roles, user.person, PersonId(row.author_id), status),
        status,
        author: PersonRef {
            id: PersonId(row.author_id),
            name: row.author_name,
        },
        title: row.title,
        summary: row.summary,
        source: row.source,
        language: row.language,
        url: row.url,
        embed,
        files,
        review_comment: row.review_comment,
        featured: row.featured,
        version: row.version,
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        published_at: row.published_at.map(rfc3339),
        used_in,
        used_in_wheel,
        used_in_meetings,
    })
}

/// An item for a list, the query's words marked in its title and snippet.
pub(crate) fn hit(row: &ItemRow, words: &[QueryWord]) -> ItemHit {
    let kind = row.kind();
    let plain = markdown::to_plain_text(&row.summary);
    ItemHit {
        id: ItemId(row.id),
        kind,
        title: search::highlight(&row.title, words),
        snippet: search::snippet(&plain, words, 220),
        source: row.source.clone(),
        year: row.year(),
        tags: row.tags(),
        status: row.status(),
        featured: row.featured,
        has_film: kind == ItemKind::Film && row.url.as_deref().and_then(embed_for).is_some(),
        files: usize::try_from(row.file_count).unwrap_or(0),
        url: row.url.clone(),
        published_at: row.published_at.map(rfc3339),
        updated_at: rfc3339(row.updated_at),
    }
}

/// Search the library, or list it newest first when there are no words. Filters narrow
/// it; `status=submitted` is the review queue (curators; others see their own);
/// `mine=true` lists the caller's own items in every status.
#[utoipa::path(get, path = "/library/items", tag = "library", params(ItemQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of results, best first", body = ItemPage),
        (status = 400, description = "Unreadable query", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn list_items(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<ItemQuery>,
) -> Result<Json<ItemPage>, ApiError> {
    if query.q.as_deref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::field("q", Msg::TextTooLong));
    }
    let found = state
        .store
        .search_library(user.municipality, viewer(&user), &query)
        .await?;
    Ok(Json(ItemPage {
        items: found.rows.iter().map(|r| hit(r, &found.words)).collect(),
        total: found.total,
        page: query.page(),
        per_page: query.per_page(),
        corrected: found.corrected,
    }))
}

/// Add an item. Curators, researchers and process leaders publish at once; anyone else
/// submits a good example for review.
#[utoipa::path(post, path = "/library/items", tag = "library", request_body = ItemInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "Added (published, or submitted for review)", body = Item),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_item(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<(StatusCode, Json<Item>), ApiError> {
    check_kind_for(&user.roles, input.kind).map_err(ApiError::Validation)?;
    validate(&input)?;
    check_subjects(&state, &user, &input).await?;
    let id = state
        .store
        .create_library_item(
            user.municipality,
            user.person,
            &input,
            initial_status(&user.roles),
        )
        .await?;
    tracing::info!(item = id.0, by = user.person.0, "library item added");
    let row = visible_item(&state, &user, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(full_item(&state, &user, row).await?),
    ))
}

/// Every subject must be a national one or the municipality's own.
async fn check_subjects(
    state: &AppState,
    user: &AuthUser,
    input: &ItemInput,
) -> Result<(), ApiError> {
    if input.tags.subjects.is_empty() {
        return Ok(());
    }
    let custom = state.store.custom_subject_names(user.municipality).await?;
    let known =
        |s: &String| kollegium_shared::org::Subject::by_code(s).is_some() || custom.contains_key(s);
    if input.tags.subjects.iter().all(known) {
        Ok(())
    } else {
        Err(ApiError::field("subjects", Msg::UnknownSubject))
    }
}

/// One item: published, the caller's own, or any for curators.
#[utoipa::path(get, path = "/library/items/{id}", tag = "library",
    params(("id" = i64, Path, description = "The item's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The item", body = Item),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such item the caller may see", body = ErrorBody),
    ))]
async fn get_item(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ItemId>,
) -> Result<Json<Item>, ApiError> {
    let row = visible_item(&state, &user, id).await?;
    Ok(Json(full_item(&state, &user, row).await?))
}

/// Change an item; `version` must be the one the change was based on. An author's change
/// to a returned submission sends it back for review.
#[utoipa::path(put, path = "/library/items/{id}", tag = "library", request_body = ItemInput,
    params(("id" = i64, Path, description = "The item's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The item as changed", body = Item),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed to change it", body = ErrorBody),
        (status = 404, description = "No such item the caller may see", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_item(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ItemId>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Json<Item>, ApiError> {
    let row = visible_item(&state, &user, id).await?;
    let status = row.status();
    if !may_edit(&user.roles, user.person, PersonId(row.author_id), status) {
        return Err(ApiError::Forbidden);
    }
    let version = input
        .version
        .ok_or_else(|| ApiError::field("version", Msg::FieldRequired))?;
    if !user.may(curates) {
        check_kind_for(&user.roles, input.kind).map_err(ApiError::Validation)?;
    }
    validate(&input)?;
    check_subjects(&state, &user, &input).await?;
    let own = row.author_id == user.person.0;
    let next = if own && status == ItemStatus::Returned {
        ItemStatus::Submitted
    } else {
        status
    };
    state
        .store
        .update_library_item(user.municipality, id, &input, version, next)
        .await?
        .settled()?;
    let row = visible_item(&state, &user, id).await?;
    Ok(Json(full_item(&state, &user, row).await?))
}

/// Decide on a submission (curators): approve (published), return with a comment (the
/// author edits and resubmits) or reject with a comment.
#[utoipa::path(post, path = "/library/items/{id}/review", tag = "library", request_body = Review,
    params(("id" = i64, Path, description = "The item's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The item after the decision", body = Item),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
        (status = 404, description = "No such item in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "Not waiting for review, or the comment is missing", body = ErrorBody),
    ))]
async fn review_item(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ItemId>,
    ApiJson(review): ApiJson<Review>,
) -> Result<Json<Item>, ApiError> {
    user.require(curates)?;
    let row = visible_item(&state, &user, id).await?;
    validate(&review)?;
    if !reviewable(row.status()) {
        if row.version != review.version {
            return Err(ApiError::Conflict);
        }
        return Err(ApiError::field("decision", Msg::NotReviewable));
    }
    state
        .store
        .review_library_item(
            user.municipality,
            id,
            review.decision,
            &review.comment,
            review.version,
        )
        .await?
        .settled()?;
    tracing::info!(item = id.0, by = user.person.0, decision = ?review.decision, "library submission reviewed");
    let row = visible_item(&state, &user, id).await?;
    Ok(Json(full_item(&state, &user, row).await?))
}

/// Archive or restore an item, and feature it on the front page or not (curators).
#[utoipa::path(post, path = "/library/items/{id}/state", tag = "library", request_body = ItemState,
    params(("id" = i64, Path, description = "The item's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The item after the change", body = Item),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
        (status = 404, description = "No such item in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "Only published items are featured or archived", body = ErrorBody),
    ))]
async fn set_item_state(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ItemId>,
    ApiJson(change): ApiJson<ItemState>,
) -> Result<Json<Item>, ApiError> {
    user.require(curates)?;
    let row = visible_item(&state, &user, id).await?;
    let current = row.status();
    let status = match (change.archived, current) {
        (Some(true), ItemStatus::Published | ItemStatus::Archived) => ItemStatus::Archived,
        (Some(false), ItemStatus::Published | ItemStatus::Archived) => ItemStatus::Published,
        (None, s) => s,
        (Some(_), _) => return Err(ApiError::field("archived", Msg::NotPublished)),
    };
    let featured = change.featured.unwrap_or(row.featured) && status == ItemStatus::Published;
    if change.featured == Some(true) && status != ItemStatus::Published {
        return Err(ApiError::field("featured", Msg::NotPublished));
    }
    state
        .store
        .set_library_item_state(user.municipality, id, status, featured, change.version)
        .await?
        .settled()?;
    let row = visible_item(&state, &user, id).await?;
    Ok(Json(full_item(&state, &user, row).await?))
}

/// The library's front page: new, featured, for the caller's subjects and stages, the
/// caller's own submissions, the review queue's length (curators), the collections,
/// and the meetings that had the caller's own material as preparation.
#[utoipa::path(get, path = "/library/front", tag = "library", security(("bearer" = [])),
    responses(
        (status = 200, description = "The front page", body = LibraryFront),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn front(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<LibraryFront>, ApiError> {
    let m = user.municipality;
    let v = viewer(&user);
    let page = |q: ItemQuery| ItemQuery {
        per_page: Some(8),
        ..q
    };
    let latest = state
        .store
        .search_library(m, v, &page(ItemQuery::default()))
        .await?;
    let featured = state
        .store
        .search_library(
            m,
            v,
            &page(ItemQuery {
                featured: Some(true),
                ..ItemQuery::default()
            }),
        )
        .await?;
    let mine = state
        .store
        .search_library(
            m,
            v,
            &ItemQuery {
                mine: Some(true),
                per_page: Some(50),
                ..ItemQuery::default()
            },
        )
        .await?;
    let me = state.store.staff_member(m, user.person).await?;
    let for_me = match me {
        Some(p) => {
            state
                .store
                .library_for(m, &p.subjects, &p.stages, 8)
                .await?
        }
        None => Vec::new(),
    };
    let waiting = if user.may(curates) {
        Some(state.store.library_waiting(m).await?)
    } else {
        None
    };
    Ok(Json(LibraryFront {
        latest: latest.rows.iter().map(|r| hit(r, &[])).collect(),
        featured: featured.rows.iter().map(|r| hit(r, &[])).collect(),
        for_me: for_me.iter().map(|r| hit(r, &[])).collect(),
        my_submissions: mine
            .rows
            .iter()
            .filter(|r| r.status() != ItemStatus::Published)
            .map(|r| hit(r, &[]))
            .collect(),
        waiting_for_review: waiting,
        collections: state.store.collections(m).await?,
        my_material_use: kollegium_shared::library::material_use(
            state.store.material_use(m, user.person).await?,
        ),
    }))
}
