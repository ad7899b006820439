//! The follow-up API: what the meetings of a period came to, per school, group and
//! slot of the wheel, for whom the caller follows up (`kollegium_shared::followup::
//! access`); the same as CSV; the municipality's protocol deadline; and what needs the
//! caller now ("Att göra"). E-mail reminders about protocols run in `reminders`.
//!
//! One file per part: `figures` (the follow-up and its CSV), `todo`, `settings`,
//! `reminders`.

mod figures;
pub mod reminders;
mod settings;
mod todo;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// The routes under `/api/v1/follow-up`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(figures::follow_up))
        .routes(routes!(figures::follow_up_csv))
        .routes(routes!(todo::todo))
        .routes(routes!(
            settings::get_followup_settings,
            settings::put_followup_settings
        ))
        .routes(routes!(settings::get_reminders, settings::put_reminders))
}
