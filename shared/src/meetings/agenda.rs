//! Agendas: the 90-minute Borås/Lilla Edet model as the default template, and the live
//! meeting's clock (which step is on, how long it has left, what comes next) worked out
//! from the steps and the time spent, so every screen shows the same.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::ids::TemplateId;
use crate::validation::{FieldError, Validate, check_name};

/// One step of an agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaStep {
    pub title: String,
    pub minutes: u32,
    /// What the leader says or does in the step.
    #[serde(default)]
    pub guidance: String,
}

/// The longest step and the most steps an agenda may have.
pub const MAX_STEP_MINUTES: u32 = 240;
pub const MAX_STEPS: usize = 20;

/// The default agenda (Lilla Edet / Borås model): six steps, 90 minutes.
pub fn default_steps() -> Vec<AgendaStep> {
    [
        (
            "Introduktion och mötesordning",
            5,
            "Syftet med träffen, dagens dokumentatör och tiderna.",
        ),
        (
            "Så här har jag gjort — så här går det",
            20,
            "Var och en berättar kort vad hen har provat sedan förra mötet.",
        ),
        (
            "Det här har jag lärt mig, slutsatser och lärdomar",
            15,
            "Vad lärde vi oss? Vad säger det om elevernas lärande?",
        ),
        (
            "Ny forskning och nya rön",
            35,
            "Filmen eller texten inför träffen, och samtal om den.",
        ),
        (
            "Upprättande av personliga handlingsplaner",
            10,
            "Var och en skriver sin handlingsplan till nästa möte.",
        ),
        (
            "Vad gav mötet? Gruppreflektion eller samtalsreflektör",
            5,
            "Kort reflektion över träffen.",
        ),
    ]
    .into_iter()
    .map(|(title, minutes, guidance)| AgendaStep {
        title: title.to_owned(),
        minutes,
        guidance: guidance.to_owned(),
    })
    .collect()
}

/// The total length of an agenda, in minutes.
pub fn total_minutes(steps: &[AgendaStep]) -> u32 {
    steps.iter().map(|s| s.minutes).sum()
}

/// An agenda as written: a template, or one meeting's adjusted agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaInput {
    pub name: String,
    pub steps: Vec<AgendaStep>,
    #[serde(default)]
    pub version: Option<i64>,
}

impl Validate for AgendaInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(msg) = check_name(&self.name) {
            out.push(FieldError::new("name", msg));
        }
        let bad_step = self.steps.iter().any(|s| {
            check_name(&s.title).is_err()
                || s.minutes == 0
                || s.minutes > MAX_STEP_MINUTES
                || s.guidance.chars().count() > 2000
        });
        if self.steps.is_empty() || self.steps.len() > MAX_STEPS || bad_step {
            out.push(FieldError::new("steps", Msg::AgendaInvalid));
        }
        out
    }
}

/// An agenda template: `GET /api/v1/agenda-templates`. New meetings take the
/// municipality's default template; a leader may start one meeting's agenda from any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaTemplate {
    pub id: TemplateId,
    pub name: String,
    pub steps: Vec<AgendaStep>,
    pub is_default: bool,
    pub version: i64,
}

/// Making a template the default: `POST /api/v1/agenda-templates/{id}/default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefaultRequest {
    /// The template's version the choice was based on.
    pub version: i64,
}

/// The name the built-in template is stored under.
pub const DEFAULT_TEMPLATE_NAME: &str = "Lärgruppsträff 90 minuter (Borås/Lilla Edet)";

/// Where a live meeting stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveClock {
    /// The step on now (0-based); `None` once the agenda is through.
    pub step: Option<usize>,
    /// Seconds left of the step now on (negative when it runs over).
    pub remaining: i64,
    /// The step after the one on now.
    pub next: Option<usize>,
}

/// The clock of a live meeting: the leader moved to `step` and has spent `elapsed`
/// seconds in it (pauses not counted). A step is never left by the clock alone: running
/// over shows as negative time until the leader moves on.
pub fn clock(steps: &[AgendaStep], step: usize, elapsed: i64) -> LiveClock {
    match steps.get(step) {
        None => LiveClock {
            step: None,
            remaining: 0,
            next: None,
        },
        Some(s) => LiveClock {
            step: Some(step),
            remaining: i64::from(s.minutes) * 60 - elapsed,
            next: (step + 1 < steps.len()).then_some(step + 1),
        },
    }
}

/// A countdown as the screen shows it: "4:05", or "−1:30" when over.
pub fn countdown_text(remaining: i64) -> String {
    let sign = if remaining < 0 { "−" } else { "" };
    let s = remaining.unsigned_abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_agenda_is_the_ninety_minute_model() {
        let steps = default_steps();
        assert_eq!(steps.len(), 6);
        assert_eq!(
            steps.iter().map(|s| s.minutes).collect::<Vec<_>>(),
            vec![5, 20, 15, 35, 10, 5]
        );
        assert_eq!(total_minutes(&steps), 90);
        assert_eq!(steps[3].title, "Ny forskning och nya rön");
    }

    #[test]
    fn the_clock_counts_down_the_step_and_runs_over_without_moving_on() {
        let steps = default_steps();
        assert_eq!(
            clock(&steps, 0, 0),
            LiveClock {
                step: Some(0),
                remaining: 300,
                next: Some(1)
            }
        );
        assert_eq!(clock(&steps, 1, 125).remaining, 20 * 60 - 125);
        let over = clock(&steps, 0, 390);
        assert_eq!(over.step, Some(0));
        assert_eq!(over.remaining, -90);
        assert_eq!(clock(&steps, 5, 0).next, None);
        assert_eq!(clock(&steps, 6, 0).step, None);
    }

    #[test]
    fn countdowns_read_as_minutes_and_seconds() {
        assert_eq!(countdown_text(245), "4:05");
        assert_eq!(countdown_text(0), "0:00");
        assert_eq!(countdown_text(-90), "−1:30");
    }

    #[test]
    fn an_agenda_needs_steps_with_titles_and_minutes() {
        let mut a = AgendaInput {
            name: "Lärgruppsträff".into(),
            steps: default_steps(),
            version: None,
        };
        assert!(a.validate().is_empty());
        a.steps[2].minutes = 0;
        assert_eq!(a.validate()[0].field, "steps");
        a.steps.clear();
        assert_eq!(a.validate()[0].field, "steps");
        a.name = " ".into();
        assert_eq!(a.validate()[0].field, "name");
    }
}
