//! The demo's networks: the IKT-nätverk grundskolan (made with the groups) gets three
//! members' good examples, approved by the ICT strategist, and a meeting; the
//! municipality's digital tools with their guides in the library; and the ICT groups
//! of three schools with notes of what they brought to the work teams.

use kollegium_shared::ids::{MunicipalityId, SchoolYearId};
use kollegium_shared::library::{Area, ItemInput, ItemKind, ItemStatus, Tags};
use kollegium_shared::meetings::NewMeeting;
use kollegium_shared::networks::{ExampleStatus, IctMemberInput, IctPart, ToolInput};
use kollegium_shared::org::{Role, Stage};

use crate::store::{GroupFilter, Store};

/// The members' examples: (title, summary, the member's note).
const EXAMPLES: [(&str, &str, &str); 3] = [
    (
        "Skrivstöd med talsyntes i svenska åk 4",
        "Så fick alla elever i en fyra hjälp av talsyntes och rättstavning när de skrev berättelser: inställningar, en lektionsplanering och elevernas egna tips.",
        "Fungerade särskilt bra för elever med läs- och skrivsvårigheter, och fler elever använde stödet när alla hade det.",
    ),
    (
        "Exit tickets i Google Formulär",
        "Tre frågor i slutet av lektionen som eleverna svarar på i Google Formulär; läraren ser på en minut vad som behöver tas om nästa gång. Mall och exempel från matematik åk 7.",
        "Enkelt att komma igång med och sparar tid vid planeringen.",
    ),
    (
        "Lärlogg i Unikum för elevernas självbedömning",
        "Eleverna skriver en kort reflektion i lärloggen efter varje arbetsområde och läraren svarar med en framåtsyftande kommentar. Med exempel på frågor för åk 1–3.",
        "Vårdnadshavarna ser reflektionerna inför utvecklingssamtalet.",
    ),
];

/// The tools: (name, what it is for, stages, the library item that guides, address).
type ToolLine = (
    &'static str,
    &'static str,
    &'static [Stage],
    &'static str,
    &'static str,
);
const TOOLS: [ToolLine; 4] = [
    (
        "Skolon",
        "Kommunens portal där elever och lärare loggar in en gång och når alla digitala läromedel och verktyg.",
        &[
            Stage::Forskoleklass,
            Stage::Ak1_3,
            Stage::Ak4_6,
            Stage::Ak7_9,
        ],
        "Skolon – kommunens portal för digitala läromedel",
        "https://skolon.com",
    ),
    (
        "Unikum",
        "Planering, dokumentation och lärlogg; vårdnadshavare följer elevens lärande.",
        &[
            Stage::Forskola,
            Stage::Forskoleklass,
            Stage::Ak1_3,
            Stage::Ak4_6,
            Stage::Ak7_9,
        ],
        "Unikum – dokumentation och lärlogg",
        "https://www.unikum.net",
    ),
    (
        "Ugglo",
        "Digitala lärresurser i svenska och matematik för förskoleklass till åk 3.",
        &[Stage::Forskoleklass, Stage::Ak1_3],
        "Ugglo – digitala lärresurser för lågstadiet",
        "https://www.ugglo.se",
    ),
    (
        "Google Workspace for Education",
        "Classroom, Dokument och Formulär för elevernas arbeten, samarbete och återkoppling.",
        &[Stage::Ak4_6, Stage::Ak7_9],
        "",
        "https://edu.google.com",
    ),
];

/// Notes of two schools' ICT groups: (which school, date, text).
const NOTES: [(usize, &str, &str); 4] = [
    (
        0,
        "2026-09-14",
        "Visade arbetslagen hur Skolon samlar läromedlen; alla lärare har nu loggat in med sina klasser.",
    ),
    (
        0,
        "2026-10-19",
        "Gick igenom talsyntes och rättstavning med arbetslag 4–6. Två lärare testar i sina klasser till nästa träff.",
    ),
    (
        1,
        "2026-09-28",
        "Arbetslag 7–9 fick exit tickets i Google Formulär från IKT-nätverket och provar dem i matematik och NO.",
    ),
    (
        1,
        "2026-11-09",
        "Rektorn och IKT-pedagogen planerade en kompetensdag om källkritik och AI för hela skolan i januari.",
    ),
];

/// Writes the network's examples and meeting, the tools and the ICT groups.
pub async fn seed(store: &Store, m: MunicipalityId, year: SchoolYearId) -> Result<(), sqlx::Error> {
    let Some(network) = store
        .groups(m, GroupFilter::Networks(year))
        .await?
        .into_iter()
        .find(|g| g.kind == kollegium_shared::groups::GroupKind::IktNatverk)
    else {
        return Ok(());
    };
    let Some(strategist) = super::staff_with_role(store, m, Role::IktStrateg)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let library = store.library_export(m).await?;
    let item_id = |title: &str| library.iter().find(|i| i.title == title).map(|i| i.id);
    // Three members of the network, each from their own school, made an example.
    let pedagogues: Vec<_> = network
        .members
        .iter()
        .filter(|p| p.id != strategist.id && !p.schools.is_empty())
        .collect();
    let custom = store.custom_subject_names(m).await?;
    let days = ["2026-09-22", "2026-10-06", "2026-11-03"];
    for (((title, summary, note), member), day) in EXAMPLES.iter().zip(&pedagogues).zip(days) {
        let input = ItemInput {
            kind: ItemKind::GottExempel,
            title: (*title).to_owned(),
            summary: (*summary).to_owned(),
            source: format!("{}, {}", member.name, member.schools[0].name),
            year: Some(2026),
            language: None,
            url: None,
            tags: Tags {
                areas: vec![Area::DigitalKompetens],
                ..Tags::default()
            }
            .normalized(),
            version: None,
        };
        let item = store
            .insert_library_items(
                m,
                member.id,
                std::slice::from_ref(&input),
                ItemStatus::Published,
                &custom,
            )
            .await?[0];
        let ids = store
            .submit_examples(
                network.id,
                member.id,
                Some(member.schools[0].id),
                note,
                &[item],
                day,
            )
            .await?;
        for id in ids {
            store
                .review_example(
                    network.id,
                    id,
                    strategist.id,
                    ExampleStatus::Approved,
                    "",
                    1,
                )
                .await?;
        }
    }
    let agenda = store.default_agenda(m).await?;
    let meeting = NewMeeting {
        group_id: network.id,
        starts_on: "2027-01-20".to_owned(),
        start_time: Some("14:00".to_owned()),
        end_time: Some("16:00".to_owned()),
        place: "Stadshuset, sal Kullen".to_owned(),
        question:
            "Hur gör vi AI-verktygen till ett stöd för elevernas lärande, inte en genväg förbi det?"
                .to_owned(),
        template_id: None,
    };
    store.create_meeting(m, &meeting, &agenda).await?;
    for (name, purpose, stages, guide, url) in TOOLS {
        let input = ToolInput {
            name: name.to_owned(),
            purpose: purpose.to_owned(),
            stages: stages.to_vec(),
            guide: item_id(guide).map(kollegium_shared::ids::ItemId),
            url: Some(url.to_owned()),
            version: None,
        };
        store.create_tool(m, &input).await?;
    }
    // The ICT groups of the pedagogues' first three schools: the principal and the
    // school's ICT pedagogue.
    let schools = store.list_schools(m).await?;
    let mut named = Vec::new();
    for member in pedagogues.iter().take(3) {
        let Some(school) = schools.iter().find(|s| s.id == member.schools[0].id) else {
            continue;
        };
        if named.contains(&school.id) {
            continue;
        }
        let mut members = Vec::new();
        if let Some(p) = &school.principal {
            members.push(IctMemberInput {
                person: p.id,
                part: IctPart::Rektor,
            });
        }
        members.push(IctMemberInput {
            person: member.id,
            part: IctPart::IktPedagog,
        });
        store.set_ict_group(school.id, &members, 0).await?;
        named.push(school.id);
    }
    for (which, date, text) in NOTES {
        if let (Some(school), Some(member)) = (named.get(which), pedagogues.get(which)) {
            store.add_ict_note(*school, member.id, date, text).await?;
        }
    }
    Ok(())
}
