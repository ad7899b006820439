//! "Mina grupper": the caller's groups of a year and the subject they would like to meet
//! colleagues in, and the groups of people in the colleague directory.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::{LearningSubject, MyGroups, PersonGroups};
use kollegium_shared::i18n::Msg;
use serde::Deserialize;

use super::id_list;
use crate::context::{YearQuery, today, year_or_current};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::GroupFilter;

/// The caller's groups of a year ("Mina grupper").
#[utoipa::path(get, path = "/groups/mine", tag = "groups", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's groups", body = MyGroups),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn my_groups(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<MyGroups>, ApiError> {
    let year = match q.year {
        Some(_) => Some(year_or_current(&state, &user, q.year).await?),
        None => {
            state
                .store
                .current_school_year(user.municipality, &today())
                .await?
        }
    };
    let groups = match &year {
        Some(y) => {
            state
                .store
                .groups(user.municipality, GroupFilter::OfPerson(y.id, user.person))
                .await?
        }
        None => Vec::new(),
    };
    let learning_subject = state
        .store
        .learning_subject(user.municipality, user.person)
        .await?;
    Ok(Json(MyGroups {
        school_year: year,
        groups,
        learning_subject,
    }))
}

/// Whose groups.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PeopleQuery {
    /// Person ids separated by commas, at most 200.
    people: Option<String>,
}

/// The most people one memberships call answers for (a page of the directory).
const MEMBERSHIPS_MAX: usize = 200;

/// The groups each of the given people is in this school year, for the colleague
/// directory's cards. People of other municipalities are in none.
#[utoipa::path(get, path = "/groups/memberships", tag = "groups", params(PeopleQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One entry per person asked for", body = [PersonGroups]),
        (status = 422, description = "The list is not a list of ids, or too long", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn memberships(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<PeopleQuery>,
) -> Result<Json<Vec<PersonGroups>>, ApiError> {
    let people = id_list(q.people.as_deref(), "people")?;
    if people.len() > MEMBERSHIPS_MAX {
        return Err(ApiError::field("people", Msg::IdListInvalid));
    }
    let Some(year) = state
        .store
        .current_school_year(user.municipality, &today())
        .await?
    else {
        return Ok(Json(Vec::new()));
    };
    let found = state
        .store
        .memberships(user.municipality, year.id, &people)
        .await?;
    Ok(Json(
        people
            .into_iter()
            .map(|person_id| PersonGroups {
                person_id,
                groups: found
                    .iter()
                    .filter(|(p, _)| *p == person_id)
                    .map(|(_, g)| g.clone())
                    .collect(),
            })
            .collect(),
    ))
}

/// Choose which of one's subjects to meet colleagues in when learning groups are formed.
#[utoipa::path(put, path = "/me/learning-subject", tag = "groups", request_body = LearningSubject,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = LearningSubject),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "Not one of the caller's subjects", body = ErrorBody),
    ))]
pub(super) async fn set_learning_subject(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(choice): ApiJson<LearningSubject>,
) -> Result<Json<LearningSubject>, ApiError> {
    let me = state
        .store
        .staff_member(user.municipality, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    let subject = choice.subject.filter(|s| !s.is_empty());
    if let Some(s) = &subject
        && !me.subjects.contains(s)
    {
        return Err(ApiError::field("subject", Msg::SubjectNotOwn));
    }
    state
        .store
        .set_learning_subject(user.municipality, user.person, subject.as_deref())
        .await?;
    Ok(Json(LearningSubject { subject }))
}
