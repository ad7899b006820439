//! The meetings API: a group's meetings follow the wheel's meeting slots (kept in step
//! whenever they are read), and are seen by the group's members, the steering group,
//! administrators and principals; once a protocol is published, by everyone.
//!
//! One file per part: [`access`] (the request's meeting and the caller's standing in
//! it, loaded once), `schedule` (the meetings themselves), `agendas` (templates),
//! `preparation`, `plans` (action plans and the röd tråd), `protocol`, `publishing`,
//! `live` (the live meeting and its event stream), `archive` (search) and `outbox`
//! (recipients and outgoing mail).

mod access;
mod agendas;
mod archive;
mod live;
mod outbox;
mod plans;
mod preparation;
mod protocol;
mod publishing;
mod schedule;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// The routes under `/api/v1/meetings`, `/api/v1/agenda-templates`,
/// `/api/v1/protocols`, `/api/v1/plans` and `/api/v1/outbox`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(schedule::list_meetings, schedule::create_meeting))
        .routes(routes!(
            schedule::get_meeting,
            schedule::patch_meeting,
            schedule::delete_meeting
        ))
        .routes(routes!(agendas::list_templates, agendas::create_template))
        .routes(routes!(agendas::update_template, agendas::delete_template))
        .routes(routes!(agendas::make_default))
        .routes(routes!(
            preparation::get_preparation,
            preparation::set_preparation
        ))
        .routes(routes!(preparation::set_prepared))
        .routes(routes!(archive::search_protocols))
        .routes(routes!(outbox::get_settings, outbox::put_settings))
        .routes(routes!(plans::my_plan, plans::save_plan))
        .routes(routes!(plans::plan_overview))
        .routes(routes!(plans::set_plan_goal))
        .routes(routes!(protocol::get_protocol, protocol::save_protocol))
        .routes(routes!(publishing::publish_protocol))
        .routes(routes!(protocol::protocol_pdf))
        .routes(routes!(protocol::amend_protocol))
        .routes(routes!(live::get_live, live::command_live))
        .routes(routes!(live::put_attendance))
        .routes(routes!(live::live_ticket))
        .routes(routes!(live::live_events))
        .routes(routes!(outbox::outbox))
        .routes(routes!(plans::my_thread))
}
