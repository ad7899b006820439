//! Collections: ordered items with a note, built by the ICT strategist, researchers and
//! the steering group (e.g. "Inför lärgruppsträff 3: Bedömning i matematik"), read by
//! everyone, and what meetings attach as preparation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{CollectionId, PersonId};
use kollegium_shared::library::access::{collects, curates, may_change_collection};
use kollegium_shared::library::{
    Collection, CollectionInput, CollectionSummary, ItemStatus, PersonRef, markdown,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::hit;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::library::rfc3339;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_collections, create_collection))
        .routes(routes!(
            get_collection,
            update_collection,
            delete_collection
        ))
}

async fn load(state: &AppState, user: &AuthUser, id: CollectionId) -> Result<Collection, ApiError> {
    let (c, ids) = state
        .store
        .collection(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut rows = state
        .store
        .library_items_by_id(user.municipality, &ids)
        .await?;
    rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    let curator = user.may(curates);
    Ok(Collection {
        id: CollectionId(c.id),
        title: c.title,
        note_html: markdown::to_html(&c.note),
        note: c.note,
        // Archived items stay (marked); others' unpublished ones show to curators only.
        items: rows
            .iter()
            .filter(|r| {
                matches!(r.status(), ItemStatus::Published | ItemStatus::Archived)
                    || curator
                    || r.author_id == user.person.0
            })
            .map(|r| hit(r, &[]))
            .collect(),
        editable: may_change_collection(&user.roles, user.person, PersonId(c.owner_id)),
        owner: PersonRef {
            id: PersonId(c.owner_id),
            name: c.owner_name,
        },
        version: c.version,
        updated_at: rfc3339(c.updated_at),
    })
}

/// Every item must be a published item of the municipality.
async fn check_items(
    state: &AppState,
    user: &AuthUser,
    input: &CollectionInput,
) -> Result<(), ApiError> {
    let found = state
        .store
        .published_item_ids(user.municipality, &input.items)
        .await?;
    if found.len() == input.items.len() {
        Ok(())
    } else {
        Err(ApiError::field("items", Msg::CollectionItemsInvalid))
    }
}

/// The municipality's collections, the most recently changed first.
#[utoipa::path(get, path = "/library/collections", tag = "library", security(("bearer" = [])),
    responses(
        (status = 200, description = "The collections", body = Vec<CollectionSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn list_collections(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<CollectionSummary>>, ApiError> {
    Ok(Json(state.store.collections(user.municipality).await?))
}

/// Make a collection (ICT strategist, administrators, researchers, steering group).
#[utoipa::path(post, path = "/library/collections", tag = "library", request_body = CollectionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Made", body = Collection),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_collection(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<CollectionInput>,
) -> Result<(StatusCode, Json<Collection>), ApiError> {
    user.require(collects)?;
    validate(&input)?;
    check_items(&state, &user, &input).await?;
    let id = state
        .store
        .create_collection(user.municipality, user.person, &input)
        .await?;
    Ok((StatusCode::CREATED, Json(load(&state, &user, id).await?)))
}

/// One collection with its items in order.
#[utoipa::path(get, path = "/library/collections/{id}", tag = "library",
    params(("id" = i64, Path, description = "The collection's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The collection", body = Collection),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such collection in the caller's municipality", body = ErrorBody),
    ))]
async fn get_collection(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<CollectionId>,
) -> Result<Json<Collection>, ApiError> {
    Ok(Json(load(&state, &user, id).await?))
}

/// Change a collection's title, note and items (its owner or a curator); `version` must
/// be current.
#[utoipa::path(put, path = "/library/collections/{id}", tag = "library", request_body = CollectionInput,
    params(("id" = i64, Path, description = "The collection's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The collection as changed", body = Collection),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such collection in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_collection(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<CollectionId>,
    ApiJson(input): ApiJson<CollectionInput>,
) -> Result<Json<Collection>, ApiError> {
    let current = load(&state, &user, id).await?;
    if !may_change_collection(&user.roles, user.person, current.owner.id) {
        return Err(ApiError::Forbidden);
    }
    let version = input
        .version
        .ok_or_else(|| ApiError::field("version", Msg::FieldRequired))?;
    validate(&input)?;
    check_items(&state, &user, &input).await?;
    state
        .store
        .update_collection(user.municipality, id, &input, version)
        .await?
        .settled()?;
    Ok(Json(load(&state, &user, id).await?))
}

/// Remove a collection (its owner or a curator); `version` must be current.
#[utoipa::path(delete, path = "/library/collections/{id}", tag = "library",
    params(("id" = i64, Path, description = "The collection's id"), VersionQuery),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such collection in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
    ))]
async fn delete_collection(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<CollectionId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    let current = load(&state, &user, id).await?;
    if !may_change_collection(&user.roles, user.person, current.owner.id) {
        return Err(ApiError::Forbidden);
    }
    let ApiQuery(VersionQuery { version }) = query?;
    state
        .store
        .delete_collection(user.municipality, id, version)
        .await?
        .settled()?;
    Ok(StatusCode::NO_CONTENT)
}
