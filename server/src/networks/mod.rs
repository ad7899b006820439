//! The networks API: the networks page (`/networks`: the current year's networks, the
//! digital tools, every school's ICT group), one network with its members, meetings and
//! good examples, submitting and reviewing examples, the tools list and the ICT groups
//! with their notes. Who may do what is `kollegium_shared::networks::access`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::{Group, GroupRef};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{ExampleId, GroupId, IctNoteId, ItemId, PersonId, SchoolId, ToolId};
use kollegium_shared::meetings::GroupMeeting;
use kollegium_shared::networks::access::{
    may_edit_ict_group, may_edit_tools, may_review_examples, may_submit_example,
    may_write_ict_notes,
};
use kollegium_shared::networks::{
    DigitalTool, Example, ExampleInput, ExampleReview, IctGroup, IctGroupInput, IctNote,
    IctNoteInput, NetworkMember, NetworkPage, NetworkSummary, NetworksFront, ToolInput,
    ordered_members, school_forms, visible_examples,
};
use kollegium_shared::org::{PersonRef, School, SchoolRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::{YearQuery, today, year_or_current};
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::{GroupFilter, StoredIctGroup, is_unique_violation};

/// The routes under `/api/v1/networks`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(networks_front))
        .routes(routes!(network))
        .routes(routes!(submit_examples))
        .routes(routes!(review_example))
        .routes(routes!(create_tool))
        .routes(routes!(update_tool, delete_tool))
        .routes(routes!(set_ict_group))
        .routes(routes!(add_ict_note))
        .routes(routes!(update_ict_note))
}

fn summary(group: &Group, next: Option<String>, examples: usize) -> NetworkSummary {
    NetworkSummary {
        group: GroupRef {
            id: group.id,
            kind: group.kind,
            name: group.name.clone(),
        },
        description: group.description.clone(),
        school_forms: school_forms(&group.stages),
        leaders: group
            .members
            .iter()
            .filter(|m| m.leader)
            .map(|m| PersonRef {
                id: m.id,
                name: m.name.clone(),
            })
            .collect(),
        members: group.members.iter().filter(|m| m.active).count(),
        examples,
        next_meeting: next,
    }
}

/// A network of the caller's municipality: a group of a network kind.
async fn network_group(state: &AppState, user: &AuthUser, id: GroupId) -> Result<Group, ApiError> {
    state
        .store
        .group(user.municipality, id)
        .await?
        .filter(|g| g.kind.is_network())
        .ok_or(ApiError::NotFound)
}

fn is_member(group: &Group, person: PersonId) -> bool {
    group.members.iter().any(|m| m.id == person && m.active)
}

/// A school's ICT group as the caller reads it.
fn ict_group(user: &AuthUser, school: &School, stored: StoredIctGroup) -> IctGroup {
    let principal_here = school
        .principal
        .as_ref()
        .is_some_and(|p| p.id == user.person);
    let in_group = stored.members.iter().any(|m| m.person.id == user.person);
    IctGroup {
        school: SchoolRef {
            id: school.id,
            name: school.name.clone(),
        },
        members: ordered_members(stored.members),
        notes: stored.notes,
        version: stored.version,
        may_edit: may_edit_ict_group(&user.roles, principal_here),
        may_write: may_write_ict_notes(&user.roles, in_group, principal_here),
    }
}

/// The schools' ICT groups, every active school's (and an inactive one's that has one).
async fn ict_groups(state: &AppState, user: &AuthUser) -> Result<Vec<IctGroup>, ApiError> {
    let schools = state.store.list_schools(user.municipality).await?;
    let mut stored = state.store.ict_groups(user.municipality).await?;
    Ok(schools
        .iter()
        .filter_map(|s| {
            let own = stored
                .iter()
                .position(|(id, _)| *id == s.id)
                .map(|i| stored.swap_remove(i).1);
            if !s.active && own.is_none() {
                return None;
            }
            Some(ict_group(user, s, own.unwrap_or_default()))
        })
        .collect())
}

/// The networks page: the year's networks, the digital tools and the ICT groups.
#[utoipa::path(get, path = "/networks", tag = "networks", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The networks of the school year (the current one when left out), the tools and every school's ICT group", body = NetworksFront),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year", body = ErrorBody),
    ))]
async fn networks_front(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<YearQuery>, ApiError>,
) -> Result<Json<NetworksFront>, ApiError> {
    let ApiQuery(YearQuery { year }) = query?;
    // Without a current school year there are no networks, but the tools and the
    // schools' ICT groups are still there.
    let year = match year_or_current(&state, &user, year).await {
        Ok(y) => Some(y),
        Err(ApiError::NotFound) if year.is_none() => None,
        Err(e) => return Err(e),
    };
    let mut networks = Vec::new();
    if let Some(y) = year {
        let groups = state
            .store
            .groups(user.municipality, GroupFilter::Networks(y.id))
            .await?;
        let next = state
            .store
            .next_network_meetings(user.municipality, y.id, &today())
            .await?;
        let counts = state
            .store
            .approved_examples(user.municipality, y.id)
            .await?;
        for g in &groups {
            let day = next
                .iter()
                .find(|(id, _)| *id == g.id)
                .map(|(_, d)| d.clone());
            let n = counts
                .iter()
                .find(|(id, _)| *id == g.id)
                .map_or(0, |(_, n)| *n);
            networks.push(summary(g, day, usize::try_from(n).unwrap_or(0)));
        }
        networks.sort_by(|a, b| {
            a.school_forms
                .cmp(&b.school_forms)
                .then_with(|| kollegium_shared::collate::swedish_cmp(&a.group.name, &b.group.name))
        });
    }
    Ok(Json(NetworksFront {
        networks,
        tools: state.store.digital_tools(user.municipality).await?,
        schools: ict_groups(&state, &user).await?,
        may_edit_tools: user.may(may_edit_tools),
    }))
}

/// The network's page as the caller reads it.
async fn page_of(state: &AppState, user: &AuthUser, group: Group) -> Result<NetworkPage, ApiError> {
    let today = today();
    let reviews = user.may(may_review_examples);
    let meetings: Vec<GroupMeeting> = state
        .store
        .group_meetings(user.municipality, group.id)
        .await?
        .iter()
        .map(|m| GroupMeeting::of(m, &today))
        .collect();
    let all = state.store.network_examples(group.id).await?;
    let approved = all
        .iter()
        .filter(|e| e.status == kollegium_shared::networks::ExampleStatus::Approved)
        .count();
    let next = meetings
        .iter()
        .find(|m| m.ahead)
        .map(|m| m.starts_on.clone());
    let members = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| NetworkMember {
            person: PersonRef {
                id: m.id,
                name: m.name.clone(),
            },
            schools: m.schools.clone(),
            leader: m.leader,
        })
        .collect();
    Ok(NetworkPage {
        network: summary(&group, next, approved),
        members,
        meetings,
        examples: visible_examples(all, user.person, reviews),
        may_submit: may_submit_example(&user.roles, is_member(&group, user.person)),
        may_review: reviews,
    })
}

/// One network: its members, meetings and good examples.
#[utoipa::path(get, path = "/networks/{group}", tag = "networks",
    params(("group" = i64, Path, description = "The network's group id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The network; examples waiting or declined only for the ICT strategist and whoever submitted them", body = NetworkPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such network in the caller's municipality", body = ErrorBody),
    ))]
async fn network(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
) -> Result<Json<NetworkPage>, ApiError> {
    let group = network_group(&state, &user, id).await?;
    Ok(Json(page_of(&state, &user, group).await?))
}

/// Submit library items as good examples for the network; the ICT strategist reviews
/// them.
#[utoipa::path(post, path = "/networks/{group}/examples", tag = "networks", request_body = ExampleInput,
    params(("group" = i64, Path, description = "The network's group id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The examples as stored, waiting for review", body = Vec<Example>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a member of the network nor the ICT strategist", body = ErrorBody),
        (status = 404, description = "No such network in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (unpublished material, one already submitted, a school not the caller's)", body = ErrorBody),
    ))]
async fn submit_examples(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(input): ApiJson<ExampleInput>,
) -> Result<(StatusCode, Json<Vec<Example>>), ApiError> {
    let group = network_group(&state, &user, id).await?;
    if !may_submit_example(&user.roles, is_member(&group, user.person)) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let published = state
        .store
        .published_item_ids(user.municipality, &input.items)
        .await?;
    if published.len() != input.items.len() {
        return Err(ApiError::field("items", Msg::LinkedItemsInvalid));
    }
    if let Some(school) = input.school
        && !state.store.works_at(user.person, school).await?
    {
        return Err(ApiError::field("school", Msg::ExampleSchoolNotOwn));
    }
    let ids = match state
        .store
        .submit_examples(
            id,
            user.person,
            input.school,
            &input.note,
            &input.items,
            &today(),
        )
        .await
    {
        Ok(ids) => ids,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("items", Msg::ExampleTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::with_capacity(ids.len());
    for e in ids {
        out.extend(state.store.network_example(id, e).await?);
    }
    Ok((StatusCode::CREATED, Json(out)))
}

/// Approve or decline a good example (a declined one needs a comment); `version` must
/// be current.
#[utoipa::path(put, path = "/networks/{group}/examples/{example}/review", tag = "networks", request_body = ExampleReview,
    params(("group" = i64, Path, description = "The network's group id"), ("example" = i64, Path, description = "The example's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The example as reviewed", body = Example),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the ICT strategist", body = ErrorBody),
        (status = 404, description = "No such network or example", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn review_example(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, example)): ApiPath<(GroupId, ExampleId)>,
    ApiJson(input): ApiJson<ExampleReview>,
) -> Result<Json<Example>, ApiError> {
    network_group(&state, &user, id).await?;
    user.require(may_review_examples)?;
    validate(&input)?;
    state
        .store
        .review_example(
            id,
            example,
            user.person,
            input.status,
            &input.comment,
            input.version,
        )
        .await?
        .settled()?;
    state
        .store
        .network_example(id, example)
        .await?
        .ok_or(ApiError::NotFound)
        .map(Json)
}

/// The rules of a tool that need the database: its guide is published material.
async fn check_guide(
    state: &AppState,
    user: &AuthUser,
    guide: Option<ItemId>,
) -> Result<(), ApiError> {
    if let Some(g) = guide
        && state
            .store
            .published_item_ids(user.municipality, &[g])
            .await?
            .is_empty()
    {
        return Err(ApiError::field("guide", Msg::LinkedItemsInvalid));
    }
    Ok(())
}

async fn tool_of(state: &AppState, user: &AuthUser, id: ToolId) -> Result<DigitalTool, ApiError> {
    state
        .store
        .digital_tool(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

async fn note_of(state: &AppState, school: SchoolId, id: IctNoteId) -> Result<IctNote, ApiError> {
    state
        .store
        .ict_note(school, id)
        .await?
        .ok_or(ApiError::NotFound)
}

fn name_taken(e: sqlx::Error) -> ApiError {
    if is_unique_violation(&e) {
        ApiError::field("name", Msg::ToolNameTaken)
    } else {
        e.into()
    }
}

/// Add a digital tool to the municipality's list.
#[utoipa::path(post, path = "/networks/tools", tag = "networks", request_body = ToolInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "The tool as stored", body = DigitalTool),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the ICT strategist or an administrator", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (a name taken, a guide not published)", body = ErrorBody),
    ))]
async fn create_tool(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<ToolInput>,
) -> Result<(StatusCode, Json<DigitalTool>), ApiError> {
    user.require(may_edit_tools)?;
    validate(&input)?;
    check_guide(&state, &user, input.guide).await?;
    let id = state
        .store
        .create_tool(user.municipality, &input)
        .await
        .map_err(name_taken)?;
    let tool = tool_of(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(tool)))
}

/// Change a tool; `version` must be current.
#[utoipa::path(put, path = "/networks/tools/{tool}", tag = "networks", request_body = ToolInput,
    params(("tool" = i64, Path, description = "The tool's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The tool as changed", body = DigitalTool),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the ICT strategist or an administrator", body = ErrorBody),
        (status = 404, description = "No such tool in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_tool(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ToolId>,
    ApiJson(input): ApiJson<ToolInput>,
) -> Result<Json<DigitalTool>, ApiError> {
    user.require(may_edit_tools)?;
    tool_of(&state, &user, id).await?;
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    check_guide(&state, &user, input.guide).await?;
    state
        .store
        .update_tool(user.municipality, id, &input, version)
        .await
        .map_err(name_taken)?
        .settled()?;
    tool_of(&state, &user, id).await.map(Json)
}

/// Remove a tool from the list; `?version=` must be current.
#[utoipa::path(delete, path = "/networks/tools/{tool}", tag = "networks",
    params(("tool" = i64, Path, description = "The tool's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the ICT strategist or an administrator", body = ErrorBody),
        (status = 404, description = "No such tool in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
async fn delete_tool(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ToolId>,
    version: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    user.require(may_edit_tools)?;
    let ApiQuery(v) = version?;
    state
        .store
        .delete_tool(user.municipality, id, v.version)
        .await?
        .settled()?;
    Ok(StatusCode::NO_CONTENT)
}

/// A school of the caller's municipality, and whether the caller is its principal.
async fn school_of(
    state: &AppState,
    user: &AuthUser,
    id: SchoolId,
) -> Result<(School, bool), ApiError> {
    let school = state
        .store
        .school(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let principal = school
        .principal
        .as_ref()
        .is_some_and(|p| p.id == user.person);
    Ok((school, principal))
}

/// The school's ICT group as it now stands, as the caller reads it.
async fn ict_group_now(
    state: &AppState,
    user: &AuthUser,
    school: &School,
) -> Result<IctGroup, ApiError> {
    let stored = state
        .store
        .ict_groups(user.municipality)
        .await?
        .into_iter()
        .find(|(id, _)| *id == school.id)
        .map(|(_, g)| g)
        .unwrap_or_default();
    Ok(ict_group(user, school, stored))
}

/// Name a school's ICT group (principal, administrator, ICT pedagogues); `version`
/// must be current (0 for one never named).
#[utoipa::path(put, path = "/networks/schools/{school}", tag = "networks", request_body = IctGroupInput,
    params(("school" = i64, Path, description = "The school's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The ICT group as named", body = IctGroup),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the ICT strategist nor the school's principal", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn set_ict_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<SchoolId>,
    ApiJson(input): ApiJson<IctGroupInput>,
) -> Result<Json<IctGroup>, ApiError> {
    let (school, principal) = school_of(&state, &user, id).await?;
    if !may_edit_ict_group(&user.roles, principal) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let people: Vec<PersonId> = input.members.iter().map(|m| m.person).collect();
    if state.store.known_people(user.municipality, &people).await? != people.len() {
        return Err(ApiError::field("members", Msg::UnknownPerson));
    }
    state
        .store
        .set_ict_group(id, &input.members, input.version)
        .await?
        .settled()?;
    Ok(Json(ict_group_now(&state, &user, &school).await?))
}

/// Whether the caller writes the school's ICT group's notes.
async fn may_write_here(state: &AppState, user: &AuthUser, id: SchoolId) -> Result<bool, ApiError> {
    let (_, principal) = school_of(state, user, id).await?;
    let in_group = state.store.in_ict_group(id, user.person).await?;
    Ok(may_write_ict_notes(&user.roles, in_group, principal))
}

/// Write what the ICT group brought to the work teams.
#[utoipa::path(post, path = "/networks/schools/{school}/notes", tag = "networks", request_body = IctNoteInput,
    params(("school" = i64, Path, description = "The school's id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The note as stored", body = IctNote),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither in the school's ICT group, its principal nor the ICT strategist", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn add_ict_note(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<SchoolId>,
    ApiJson(input): ApiJson<IctNoteInput>,
) -> Result<(StatusCode, Json<IctNote>), ApiError> {
    if !may_write_here(&state, &user, id).await? {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let date = input.date.clone().unwrap_or_else(today);
    let note = state
        .store
        .add_ict_note(id, user.person, &date, &input.text)
        .await?;
    let stored = note_of(&state, id, note).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// Change a note (its author, the school's principal or the ICT strategist); `version`
/// must be current.
#[utoipa::path(put, path = "/networks/schools/{school}/notes/{note}", tag = "networks", request_body = IctNoteInput,
    params(("school" = i64, Path, description = "The school's id"), ("note" = i64, Path, description = "The note's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The note as changed", body = IctNote),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither its author in the group, the school's principal nor the ICT strategist", body = ErrorBody),
        (status = 404, description = "No such school or note", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_ict_note(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, note)): ApiPath<(SchoolId, IctNoteId)>,
    ApiJson(input): ApiJson<IctNoteInput>,
) -> Result<Json<IctNote>, ApiError> {
    let (_, principal) = school_of(&state, &user, id).await?;
    let before = note_of(&state, id, note).await?;
    let in_group = state.store.in_ict_group(id, user.person).await?;
    let own = before.author.id == user.person && in_group;
    if !own && !may_edit_ict_group(&user.roles, principal) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    let date = input.date.clone().unwrap_or(before.date);
    state
        .store
        .update_ict_note(id, note, &date, &input.text, version)
        .await?
        .settled()?;
    note_of(&state, id, note).await.map(Json)
}
