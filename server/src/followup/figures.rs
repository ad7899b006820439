//! The follow-up of a period and its CSV. The database counts each meeting's people;
//! `kollegium_shared::followup::summarise` turns the counts into the figures, so both
//! engines answer alike.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::followup::access::{scope, sees_groups};
use kollegium_shared::followup::{
    Figures, Filter, FollowUp, Input, SchoolGoals, Scope, percent, period, summarise,
};
use kollegium_shared::groups::{GroupKind, Term};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{GroupId, SchoolId, SchoolYearId};
use kollegium_shared::org::{Role, Stage};
use serde::Deserialize;

use crate::context::{today, year_or_current};
use crate::error::ApiError;
use crate::export::Csv;
use crate::extract::{ApiQuery, AuthUser};
use crate::state::AppState;

/// Which period, and what to narrow it to.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct FollowUpQuery {
    /// The school year's id; the current year when left out.
    pub year: Option<SchoolYearId>,
    /// One term of the year.
    pub term: Option<Term>,
    /// The first day, `YYYY-MM-DD` (the year's or term's first when left out).
    pub from: Option<String>,
    /// The last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Groups with members at this school, and this school's line only.
    pub school: Option<SchoolId>,
    /// Learning groups of this subject (its code).
    pub subject: Option<String>,
    pub stage: Option<Stage>,
    pub kind: Option<GroupKind>,
    /// One group, with a line per meeting.
    pub group: Option<GroupId>,
}

/// The follow-up as the caller may see it.
pub(super) async fn compute(
    state: &AppState,
    user: &AuthUser,
    q: FollowUpQuery,
) -> Result<(FollowUp, String), ApiError> {
    let m = user.municipality;
    let year = year_or_current(state, user, q.year).await?;
    let (from, to) =
        period(&year, q.term, q.from.as_deref(), q.to.as_deref()).map_err(ApiError::Validation)?;
    let (due_days, _) = state.store.protocol_due_days(m).await?;
    let memberships = state.store.memberships_of(m, year.id, user.person).await?;
    let led: HashSet<GroupId> = memberships
        .iter()
        .filter(|g| g.leader)
        .map(|g| g.group)
        .collect();
    let scope = scope(&user.roles, !led.is_empty());
    let all_groups = state.store.followup_groups(m, year.id).await?;
    let schools = state.store.list_schools(m).await?;
    if let Some(s) = q.school
        && !schools.iter().any(|x| x.id == s)
    {
        return Err(ApiError::NotFound);
    }
    if let Some(g) = q.group
        && !all_groups.iter().any(|x| x.id == g)
    {
        return Err(ApiError::NotFound);
    }
    // The schools whose lines the caller sees, and the groups they follow up.
    let mine: HashSet<SchoolId> = match scope {
        Scope::Municipality => schools.iter().map(|s| s.id).collect(),
        // A principal's schools, and the schools that answer to a head of operations.
        Scope::Schools => {
            let mut own: HashSet<SchoolId> = schools
                .iter()
                .filter(|s| s.head.as_ref().is_some_and(|h| h.id == user.person))
                .map(|s| s.id)
                .collect();
            if user.roles.contains(&Role::Rektor) {
                own.extend(state.store.principal_schools(m, user.person).await?);
            }
            own
        }
        Scope::Groups => all_groups
            .iter()
            .filter(|g| led.contains(&g.id))
            .flat_map(|g| g.schools.iter().copied())
            .collect(),
        Scope::Own => HashSet::new(),
    };
    let in_scope = |g: &kollegium_shared::followup::GroupInfo| match scope {
        Scope::Municipality => true,
        Scope::Schools => led.contains(&g.id) || g.schools.iter().any(|s| mine.contains(s)),
        Scope::Groups => led.contains(&g.id),
        Scope::Own => false,
    };
    if q.school.is_some_and(|s| !mine.contains(&s)) && scope != Scope::Municipality {
        return Err(ApiError::Forbidden);
    }
    if let Some(g) = q.group
        && !all_groups.iter().any(|x| x.id == g && in_scope(x))
    {
        return Err(ApiError::Forbidden);
    }
    let filter = Filter {
        school: q.school,
        subject: q.subject.filter(|s| !s.trim().is_empty()),
        stage: q.stage,
        kind: q.kind,
        group: q.group,
    };
    let groups: Vec<_> = all_groups
        .into_iter()
        .filter(|g| in_scope(g) && filter.admits(g))
        .collect();
    let (meetings, school_tallies) = if sees_groups(scope) {
        (
            state.store.meeting_tallies(m, year.id, &from, &to).await?,
            state.store.school_tallies(m, year.id, &from, &to).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let own = state.store.own_tallies(m, year.id, user.person).await?;
    let each_meeting = q.group.is_some() || groups.len() == 1;
    let goals = if matches!(scope, Scope::Municipality | Scope::Schools) {
        let with_goals = state.store.teachers_with_goals(m, year.id).await?;
        state
            .store
            .talk_counts(m, year.id)
            .await?
            .into_iter()
            .filter(|(s, ..)| mine.contains(&s.id) && q.school.is_none_or(|x| x == s.id))
            .map(|(s, teachers, booked, held)| SchoolGoals {
                school_id: s.id,
                with_goals: with_goals.get(&s.id).copied().unwrap_or(0),
                name: s.name,
                teachers: i64::from(teachers),
                talks_held: i64::from(held),
                talks_booked: i64::from(booked),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut figures = summarise(Input {
        from,
        to,
        today: today(),
        due_days,
        scope: Some(scope),
        groups,
        schools: schools
            .into_iter()
            .filter(|s| mine.contains(&s.id))
            .map(|s| (s.id, s.name))
            .collect(),
        school: q.school,
        meetings,
        school_tallies,
        own,
        each_meeting,
    });
    figures.goals = goals;
    Ok((figures, year.name))
}

/// What the meetings of a period came to: meetings planned, held and not held,
/// protocols published and missing (each missing one named), attendance, action plans
/// written and preparation ticked, per school, per group and per slot of the wheel.
/// The steering group and administrators see the whole municipality, a principal their
/// schools' teachers and the groups those are in, a group's leaders their groups, and
/// everyone their own figures. People are counted, never named.
#[utoipa::path(get, path = "/follow-up", tag = "follow-up", params(FollowUpQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The follow-up", body = FollowUp),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A school or group the caller does not follow up", body = ErrorBody),
        (status = 404, description = "No such year, school or group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A parameter does not read, or the period ends before it starts", body = ErrorBody),
    ))]
pub(super) async fn follow_up(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<FollowUpQuery>,
) -> Result<Json<FollowUp>, ApiError> {
    Ok(Json(compute(&state, &user, q).await?.0))
}

fn ratio(part: i64, of: i64) -> String {
    percent(part, of).map_or_else(String::new, |p| p.to_string())
}

/// One CSV row of figures after `lead` cells.
fn figure_cells(f: &Figures) -> Vec<String> {
    vec![
        f.meetings().to_string(),
        f.planned.to_string(),
        f.held.to_string(),
        f.not_held.to_string(),
        f.protocols_published.to_string(),
        f.protocols_missing.to_string(),
        f.present.to_string(),
        f.attendance_of.to_string(),
        ratio(f.present, f.attendance_of),
        f.plans.to_string(),
        f.plans_of.to_string(),
        f.prepared.to_string(),
        f.prepared_of.to_string(),
    ]
}

/// The follow-up as CSV for Excel (UTF-8 with BOM, semicolons): a row per school,
/// group and slot, then the missing protocols. For those who follow up groups.
#[utoipa::path(get, path = "/follow-up/export.csv", tag = "follow-up", params(FollowUpQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The follow-up as CSV", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only one's own figures to follow up", body = ErrorBody),
        (status = 404, description = "No such year, school or group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
pub(super) async fn follow_up_csv(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<FollowUpQuery>,
) -> Result<Response, ApiError> {
    let (f, year) = compute(&state, &user, q).await?;
    if !sees_groups(f.scope) {
        return Err(ApiError::Forbidden);
    }
    let mut csv = Csv::new(&[
        "nivå",
        "namn",
        "datum",
        "träffar",
        "planerade",
        "genomförda",
        "ej genomförda",
        "protokoll publicerade",
        "protokoll saknas",
        "närvarande",
        "av medlemmar",
        "närvaro %",
        "handlingsplaner",
        "av förväntade",
        "förberedda",
        "av medlemmar",
    ]);
    let mut row = |level: &str, name: &str, day: &str, f: &Figures| {
        let mut cells = vec![level.to_owned(), name.to_owned(), day.to_owned()];
        cells.extend(figure_cells(f));
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        csv.row(&cells);
    };
    row("totalt", "", "", &f.total);
    for s in &f.schools {
        row("skola", &s.name, "", &s.figures);
    }
    for g in &f.groups {
        row(g.kind.label(Lang::Sv), &g.name, "", &g.figures);
    }
    for s in &f.slots {
        let name = s.title.as_deref().unwrap_or("Gruppernas egna träffar");
        row("träff i årshjulet", name, &s.starts_on, &s.figures);
    }
    for missing in &f.missing {
        csv.row(&["protokoll saknas", &missing.group_name, &missing.starts_on]);
    }
    let file = format!(
        "uppfoljning-{}-{}-{}.csv",
        year.replace('/', "-"),
        f.from,
        f.to
    );
    Ok(csv.into_response(&file))
}
