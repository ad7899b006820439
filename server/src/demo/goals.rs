//! The demo's goals for 2026/27, as a municipality would have set them in the autumn:
//! three municipality goals, goals at every school set by its principal and serving
//! them, and the own goals of two teachers in three at each school, several already
//! followed up with a note.

use kollegium_shared::goals::{GoalInput, GoalLevel, GoalStatus, Measure};
use kollegium_shared::ids::{GoalId, MunicipalityId, PersonId, SchoolId, SchoolYearId};
use kollegium_shared::library::Area;
use kollegium_shared::org::{Role, Stage};

use crate::store::{NewGoal, Store};

fn key_figure(figure: &str, target: f64, unit: &str) -> Measure {
    Measure::KeyFigure {
        figure: figure.into(),
        target,
        unit: unit.into(),
    }
}

fn evidence(text: &str) -> Measure {
    Measure::Evidence { text: text.into() }
}

fn goal(title: &str, description: &str, measure: Measure) -> GoalInput {
    GoalInput {
        title: title.into(),
        description: description.into(),
        measure,
        ..GoalInput::default()
    }
}

/// The own goals teachers formulate, by the school goal they serve (0: results,
/// 1: trygghet).
const TEACHER_GOALS: [(&str, &str, usize); 8] = [
    (
        "Jag ska använda exit tickets för att följa elevernas förståelse",
        "Varje lektions sista minuter; jag sorterar svaren och börjar nästa lektion med det som var oklart.",
        0,
    ),
    (
        "Jag ska ge framåtsyftande återkoppling i varje arbetsområde",
        "Skriftlig återkoppling med ett nästa steg, som eleverna arbetar vidare med på lektionstid.",
        0,
    ),
    (
        "Jag ska arbeta med gemensam läsning av ämnestexter",
        "Modellera lässtrategier med ämnets egna texter minst en gång i veckan.",
        0,
    ),
    (
        "Jag ska göra lärandemålen synliga på varje lektion",
        "Målet på tavlan och i lärplattformen, och eleverna bedömer själva var de står.",
        0,
    ),
    (
        "Jag ska skapa studiero med tydliga lektionsstarter",
        "Samma struktur varje gång: hälsa i dörren, uppgift på bänken, genomgång av dagens mål.",
        1,
    ),
    (
        "Jag ska planera rasterna tillsammans med fritids",
        "Rastaktiviteter varje vecka och vuxna där eleverna säger att det känns otryggt.",
        1,
    ),
    (
        "Jag ska ha ett kort relationssamtal med varje elev under hösten",
        "Tio minuter per elev om hur skoldagen känns, uppföljt i januari.",
        1,
    ),
    (
        "Jag ska använda kooperativt lärande i minst två arbetsområden",
        "Strukturerade samarbeten där alla elever har en roll.",
        0,
    ),
];

/// Stores goals of one level, each with its school and owner, in one transaction.
async fn store_level(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
    level: GoalLevel,
    goals: &[(Option<SchoolId>, PersonId, GoalInput)],
) -> Result<Vec<GoalId>, sqlx::Error> {
    let news: Vec<NewGoal<'_>> = goals
        .iter()
        .map(|(school, owner, input)| NewGoal {
            level,
            school: *school,
            owner: *owner,
            input,
            carried_from: None,
        })
        .collect();
    store.create_goals(m, year, &news).await
}

/// Writes the demo's goals for `year`.
pub(super) async fn seed(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
) -> Result<(), sqlx::Error> {
    let Some(owner) = super::staff_with_role(store, m, Role::Styrgrupp)
        .await?
        .into_iter()
        .find(|p| p.roles.contains(&Role::Verksamhetschef))
        .map(|p| p.id)
    else {
        return Ok(());
    };

    let mut eligible = goal(
        "Fler elever ska bli behöriga till gymnasiet",
        "Andelen elever i åk 9 som är behöriga till ett yrkesprogram ska öka på alla skolor, för flickor och pojkar.",
        key_figure("Andel behöriga till yrkesprogram", 92.0, "%"),
    );
    eligible.area = Some(Area::BedomningOchBetyg);
    eligible.agenda2030 = vec![4, 10];
    eligible.status = GoalStatus::InProgress;
    let mut safe = goal(
        "Alla elever ska känna sig trygga i skolan",
        "En skola där alla kan och vill vara: trygghet och studiero är grunden för lärandet.",
        key_figure(
            "Andel elever som känner sig trygga (elevenkäten)",
            95.0,
            "%",
        ),
    );
    safe.area = Some(Area::Vardegrund);
    safe.agenda2030 = vec![3, 16];
    safe.status = GoalStatus::InProgress;
    let mut science = goal(
        "Undervisningen ska vila på vetenskaplig grund och beprövad erfarenhet",
        "Lärgrupperna prövar forskningens slutsatser i klassrummet och dokumenterar vad som hände.",
        evidence(
            "Handlingsplanerna och protokollen visar vad som prövats och med vilket resultat.",
        ),
    );
    science.area = Some(Area::InkluderandeLarmiljoer);
    let municipality = [eligible, safe, science].map(|g| (None, owner, g));
    let m_ids = store_level(store, m, year, GoalLevel::Municipality, &municipality).await?;

    // Each school's two goals, by its principal, serving the first two municipality
    // goals (and the third as well for the results goal).
    let schools = store.list_schools(m).await?;
    let mut school_goals: Vec<(Option<SchoolId>, PersonId, GoalInput)> = Vec::new();
    for s in &schools {
        let Some(principal) = s.principal.as_ref().map(|p| p.id) else {
            continue;
        };
        let results = if s.stages.contains(&Stage::Ak7_9) {
            goal(
                "Alla elever i åk 9 ska nå minst E i matematik och svenska",
                "Tidiga insatser från åk 7 för elever som riskerar att inte nå målen.",
                key_figure("Andel elever med minst E i matematik, åk 9", 90.0, "%"),
            )
        } else if s.stages.contains(&Stage::Ak4_6) {
            goal(
                "Fler elever ska nå kravnivån på de nationella proven i åk 6",
                "Gemensam planering av bedömning i lärgrupperna.",
                key_figure("Andel som når kravnivån i matematik, åk 6", 85.0, "%"),
            )
        } else {
            goal(
                "Alla elever ska kunna läsa med flyt i slutet av åk 1",
                "Systematisk läsundervisning och kartläggning tre gånger om året.",
                key_figure("Andel elever som läser med flyt, åk 1", 90.0, "%"),
            )
        };
        let mut results = results;
        results.serves = vec![m_ids[0], m_ids[2]];
        results.status = GoalStatus::InProgress;
        let mut calm = goal(
            "Tryggare raster och bättre studiero",
            "Rastvärdar där eleverna säger att det är otryggt, och samma lektionsstart i alla klasser.",
            key_figure(
                "Andel elever som upplever studiero (elevenkäten)",
                85.0,
                "%",
            ),
        );
        calm.serves = vec![m_ids[1]];
        calm.status = GoalStatus::InProgress;
        school_goals.push((Some(s.id), principal, results));
        school_goals.push((Some(s.id), principal, calm));
    }
    let s_ids = store_level(store, m, year, GoalLevel::School, &school_goals).await?;
    let goal_of = |school: SchoolId, which: usize| -> Option<GoalId> {
        school_goals
            .iter()
            .zip(&s_ids)
            .filter(|((s, _, _), _)| *s == Some(school))
            .nth(which)
            .map(|(_, id)| *id)
    };

    // Two teachers in three at each school have their own goal.
    let teachers = super::staff_with_role(store, m, Role::Larare).await?;
    let mut own: Vec<(Option<SchoolId>, PersonId, GoalInput)> = Vec::new();
    for (n, t) in teachers.iter().enumerate() {
        let Some(school) = t.schools.first().map(|s| s.id) else {
            continue;
        };
        if n % 3 == 2 && t.email != "larare@demo.test" {
            continue;
        }
        let (title, description, which) = TEACHER_GOALS[n % TEACHER_GOALS.len()];
        let Some(serves) = goal_of(school, which) else {
            continue;
        };
        let mut input = goal(
            title,
            description,
            evidence("Mina handlingsplaner från lärgruppen och elevernas egna utvärderingar."),
        );
        input.serves = vec![serves];
        input.status = if n % 4 == 0 {
            GoalStatus::NotStarted
        } else {
            GoalStatus::InProgress
        };
        own.push((Some(school), t.id, input));
    }
    let t_ids = store_level(store, m, year, GoalLevel::Teacher, &own).await?;

    // Most of those teachers have named their goal in some of the year's action plans.
    for (n, ((_, teacher, _), id)) in own.iter().zip(&t_ids).enumerate() {
        if n % 4 == 3 {
            continue;
        }
        let plans = store.talk_plans(m, year, *teacher).await?;
        for plan in plans.iter().step_by(2) {
            store
                .set_plan_goal(plan.meeting, *teacher, Some(*id))
                .await?;
        }
    }

    // The autumn's follow-up, as written at the half-term review.
    store
        .add_goal_note(
            m,
            m_ids[0],
            owner,
            "2026-11-16",
            "Halvtidsavstämning: sju av åtta skolor har satt egna mål som bidrar. Resultaten från vårterminen följs upp i resultatdialogerna.",
            None,
            1,
        )
        .await?;
    for ((_, teacher, _), id) in own.iter().zip(&t_ids).step_by(5) {
        store
            .add_goal_note(
                m,
                *id,
                *teacher,
                "2026-11-25",
                "Har prövat det i två arbetsområden. Eleverna frågar mer när de vet vad målet är.",
                Some(GoalStatus::InProgress),
                1,
            )
            .await?;
    }
    Ok(())
}
