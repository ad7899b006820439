//! The demo's project: "Hållbar framtid", a process leader's project across four schools
//! and two stages that ties school and working life to learning for sustainable
//! development, with two partners, its project group, six entries in the process log
//! (four cleared for the public showcase, which is on).

use kollegium_shared::groups::{GroupKind, NewGroup};
use kollegium_shared::ids::{MunicipalityId, PersonId, SchoolYearId};
use kollegium_shared::org::{Role, Stage};
use kollegium_shared::projects::{LogEntryInput, Partner, ProjectInput};
use kollegium_shared::wheel::Audience;

use crate::store::{MilestoneOnWheel, Store, Update};

/// The log: (date, writer: 0 the process leader, else the n:th participant, text,
/// focus areas by index into the defaults, Agenda 2030 goals, cleared).
type LogLine = (
    &'static str,
    usize,
    &'static str,
    &'static [usize],
    &'static [u8],
    bool,
);
const LOG: [LogLine; 6] = [
    (
        "2026-08-20",
        0,
        "Uppstart med projektgruppen: vi enades om att varje skola väljer ett eget hållbarhetsproblem i närområdet som eleverna ska arbeta med under året, tillsammans med en partner utanför skolan.",
        &[2],
        &[4, 17],
        true,
    ),
    (
        "2026-09-17",
        1,
        "Åk 8 besökte hamnen och intervjuade logistikchefen om hur godstransporterna kan bli fossilfria. Eleverna förberedde frågorna i svenska och räknade på utsläpp i matematik.",
        &[1, 2],
        &[9, 13],
        true,
    ),
    (
        "2026-10-08",
        2,
        "Vi provade begreppskartor med bildstöd inför arbetet om biologisk mångfald. Elever med svenska som andraspråk använde sina egna ord först och de svenska begreppen sedan; fler elever deltog i diskussionen.",
        &[0, 1],
        &[4, 15],
        true,
    ),
    (
        "2026-10-22",
        0,
        "Mötesplats för lärare från förskoleklass till åk 9: tre skolor visade hur de har låtit eleverna dokumentera med surfplattan. Nästa steg är en gemensam mall för elevernas digitala loggböcker.",
        &[3],
        &[4],
        false,
    ),
    (
        "2026-11-05",
        3,
        "Fältdag vid kusten med naturskyddsföreningen: eleverna inventerade strandens skräp och skrev rapporter. Två elever vill presentera resultaten för kommunens tekniska förvaltning.",
        &[2],
        &[12, 14],
        true,
    ),
    (
        "2026-11-19",
        1,
        "Reflektion i projektgruppen: samarbetet med hamnen fungerar, men tiden för planering med partnern räcker inte. Vi föreslår styrgruppen en gemensam planeringseftermiddag i januari.",
        &[2],
        &[17],
        false,
    ),
];

/// Writes the project with its group and log.
pub async fn seed(store: &Store, m: MunicipalityId, year: SchoolYearId) -> Result<(), sqlx::Error> {
    let Some(leader) = super::staff_with_role(store, m, Role::Forskare)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let teachers = super::staff_with_role(store, m, Role::Larare).await?;
    let schools: Vec<_> = store
        .list_schools(m)
        .await?
        .into_iter()
        .filter(|s| s.active)
        .take(4)
        .collect();
    // A teacher of åk 4–9 from each of the schools takes part (not the demo teacher,
    // whose groups the other pages show).
    let mut members: Vec<PersonId> = vec![leader.id];
    for school in &schools {
        let found = teachers.iter().find(|t| {
            t.schools.first().is_some_and(|s| s.id == school.id)
                && t.email != "larare@demo.test"
                && !members.contains(&t.id)
                && t.stages
                    .iter()
                    .any(|s| matches!(s, Stage::Ak4_6 | Stage::Ak7_9))
        });
        if let Some(t) = found {
            members.push(t.id);
        }
    }
    let group = NewGroup {
        school_year_id: year,
        kind: Some(GroupKind::Projektgrupp),
        name: "Projektgrupp Hållbar framtid".to_owned(),
        stages: vec![Stage::Ak4_6, Stage::Ak7_9],
        description: "Lärare från fyra skolor som leder projektet Hållbar framtid på sin skola, med processledaren.".to_owned(),
        leaders: vec![leader.id],
        members: members.clone(),
        ..Default::default()
    };
    let group = store.create_group(m, &group).await?;
    let input = ProjectInput {
        name: "Hållbar framtid".to_owned(),
        aim: "Att knyta ihop skola, arbetsliv och omvärld med lärande för hållbar utveckling, så att eleverna ser hur det de lär sig används utanför skolan och kan påverka sin närmiljö.".to_owned(),
        vision: "Alla elever i Demo kommun lämnar grundskolan med kunskaper, framtidstro och erfarenhet av att ha bidragit till en hållbar utveckling i sin kommun.".to_owned(),
        focus_areas: None,
        global_goals: vec![4, 12, 13, 14, 17],
        stages: vec![Stage::Ak4_6, Stage::Ak7_9],
        schools: schools.iter().map(|s| s.id).collect(),
        group: Some(group),
        partners: vec![
            Partner {
                name: "Hamnbolaget i Demo AB".to_owned(),
                contact: "Sara Lind, hållbarhetschef, sara.lind@hamnbolaget.example".to_owned(),
                contributes: "Studiebesök, intervjuer med personalen och ett elevuppdrag om fossilfria transporter.".to_owned(),
            },
            Partner {
                name: "Naturskyddsföreningen Demo".to_owned(),
                contact: "Olof Berg, 0410-12 34 56".to_owned(),
                contributes: "Fältdagar vid kusten om biologisk mångfald och skräpinventering.".to_owned(),
            },
        ],
        showcase_enabled: true,
        showcase_summary: "Fyra skolor i Demo kommun arbetar under läsåret 2026/27 med verkliga hållbarhetsfrågor i närområdet tillsammans med företag och föreningar. Här visar vi delar av arbetet.".to_owned(),
        version: None,
    };
    let focus = input.focus_areas_or_default();
    let id = store
        .create_project(m, leader.id, &input, &focus, "hallbar-framtid-demo")
        .await?;
    for (date, writer, text, areas, goals, cleared) in LOG {
        let author = members.get(writer).copied().unwrap_or(leader.id);
        let areas: Vec<String> = areas
            .iter()
            .filter_map(|i| focus.get(*i).cloned())
            .collect();
        let input = LogEntryInput {
            text: (*text).to_owned(),
            focus_areas: areas,
            global_goals: goals.to_vec(),
            ..LogEntryInput::default()
        };
        let entry = store.add_log_entry(id, author, date, &input).await?;
        if cleared {
            let done = store.set_entry_cleared(id, entry, true, 1).await?;
            debug_assert!(matches!(done, Update::Done(())));
        }
    }
    // Two milestones on the wheel's project ring: the autumn's followed up, with a
    // participant's reflection; the spring's ahead.
    let Some(year) = store
        .school_years(m)
        .await?
        .into_iter()
        .find(|y| y.id == year)
    else {
        return Ok(());
    };
    let audience = Audience::Groups {
        groups: vec![group],
    };
    for (title, due_on, outcome) in MILESTONES {
        let milestone = store
            .create_milestone(
                m,
                &year,
                leader.id,
                id,
                &MilestoneOnWheel {
                    title,
                    description: "Hållbar framtid",
                    due_on,
                    audience: &audience,
                },
            )
            .await?;
        if !outcome.is_empty() {
            store
                .update_milestone(
                    m,
                    id,
                    milestone,
                    leader.id,
                    (title, due_on),
                    true,
                    outcome,
                    1,
                )
                .await?;
            if let Some(writer) = members.first() {
                store
                    .add_reflection(id, milestone, *writer, REFLECTION, "2026-10-23")
                    .await?;
            }
        }
    }
    Ok(())
}

/// The demo project's milestones: title, day and, once followed up, what came of it.
const MILESTONES: [(&str, &str, &str); 2] = [
    (
        "Varje skola har valt sitt hållbarhetsproblem och sin partner",
        "2026-10-22",
        "Alla fyra skolor har valt: plast i hamnbassängen, skolans matsvinn, kustens skräp och elevresor till skolan. Hamnbolaget och Naturskyddsföreningen är partner till två skolor var.",
    ),
    (
        "Utställning för vårdnadshavare, partner och politiker",
        "2027-04-22",
        "",
    ),
];

const REFLECTION: &str = "Det blev tydligt för eleverna att problemet är på riktigt när Hamnbolagets personal berättade vad de själva inte har lösningar på ännu.";
