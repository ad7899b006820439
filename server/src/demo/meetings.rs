//! The demo's meetings: every learning group has held the first two meetings of the
//! year, each with a published protocol written by the documenter of the day and the
//! members' personal action plans, the second starting from the first's focus.

use kollegium_shared::groups::GroupKind;
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{CollectionId, MunicipalityId, SchoolYearId};
use kollegium_shared::meetings::records::{FieldText, Fields, PLAN_FIELDS, value};
use kollegium_shared::meetings::{ActionPlanInput, MeetingPatch, protocol_text};

use crate::store::{GroupFilter, OutgoingMail, Store, Update};

/// What the groups talked about at the first two meetings (theme: assessment).
const DISCUSSED: [[&str; 4]; 2] = [
    [
        "hur vi gör lärandemålen tydliga för eleverna i början av ett arbetsområde",
        "exit tickets som ett sätt att se vad eleverna har förstått",
        "skillnaden mellan återkoppling och bedömning",
        "hur kamratbedömning kan införas stegvis",
    ],
    [
        "vad som hände när vi provade exit tickets och tydliga mål",
        "elevexempel på återkoppling som förde lärandet framåt",
        "hur vi sambedömer elevtexter mot kunskapskraven",
        "hur bedömningsstödet i matematik kan användas under året",
    ],
];

/// The efforts teachers choose to focus on; the next plan starts from them.
const FOCUS: [&str; 8] = [
    "Skriva upp lektionens mål på tavlan och gå tillbaka till dem i slutet",
    "Exit tickets i slutet av varje mattelektion under tre veckor",
    "Ge skriftlig återkoppling med en sak som är bra och en sak att utveckla",
    "Låta eleverna bedöma en kamrats text med hjälp av en enkel checklista",
    "Använda mini-whiteboards för att se alla elevers svar samtidigt",
    "Låta eleverna formulera egna frågor inför ett nytt arbetsområde",
    "Samla elevexempel på bra svar och visa dem för klassen",
    "Planera in tid för eleverna att arbeta vidare med återkopplingen",
];

const LEARNED: [&str; 4] = [
    "eleverna blir tryggare när de vet vad som ska bedömas",
    "korta frågor i slutet av lektionen ger mig mer än ett prov efter fyra veckor",
    "återkopplingen måste följas av tid att använda den, annars händer inget",
    "de elever som sällan räcker upp handen har ofta förstått mer än jag trodde",
];

const STUDENTS: [&str; 3] = [
    "Hela klassen, men särskilt de fyra elever som ofta inte blir klara",
    "Gruppen i matematik som arbetar med bråk",
    "Två elever i 5B som behöver utmaningar",
];

fn plan_fields(seed: usize, tried: &str) -> Fields {
    PLAN_FIELDS
        .iter()
        .map(|(key, _, _)| {
            let text = match *key {
                "tried" => tried,
                "learned" => LEARNED[seed % LEARNED.len()],
                "focus" => FOCUS[seed % FOCUS.len()],
                "expected_change" => "Att fler elever kan säga vad de ska lära sig och hur de vet att de har lärt sig det",
                "students" => STUDENTS[seed % STUDENTS.len()],
                "problems" => "Det kan ta tid från genomgången; jag börjar med två lektioner i veckan",
                "helpers" => "Kollegorna i lärgruppen och förstelärarna på skolan",
                "do_less" => "Långa genomgångar i början av lektionen",
                _ => "",
            };
            FieldText::new(key, text)
        })
        .collect()
}

/// Holds the first two learning-group meetings of the year in every learning group.
pub(super) async fn seed(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
) -> Result<(), sqlx::Error> {
    store.sync_meetings(m, year).await?;
    let meetings = store.meetings(m, year, None).await?;
    let learning: Vec<_> = store
        .groups(m, GroupFilter::Year(year))
        .await?
        .into_iter()
        .filter(|g| g.kind == GroupKind::Largrupp)
        .map(|g| g.id)
        .collect();
    let mut held: Vec<_> = meetings
        .iter()
        .filter(|mt| mt.starts_on.as_str() < "2026-10-31" && learning.contains(&mt.group_id))
        .collect();
    held.sort_by(|a, b| (a.group_id.0, &a.starts_on).cmp(&(b.group_id.0, &b.starts_on)));
    for (n, meeting) in held.into_iter().enumerate() {
        let Some(group) = store.group(m, meeting.group_id).await? else {
            continue;
        };
        let members: Vec<_> = group.members.iter().filter(|p| p.active).collect();
        let Some(documenter) = group.next_documenter.or(members.first().map(|p| p.id)) else {
            continue;
        };
        let round = usize::from(meeting.starts_on.as_str() >= "2026-10-01");
        // The plans first: the second meeting's start from the first's focus.
        for (i, person) in members.iter().enumerate() {
            let seed = person.id.0.unsigned_abs() as usize + round;
            let tried = match round {
                0 => String::new(),
                _ => store
                    .previous_plan(meeting.group_id, person.id, &meeting.starts_on)
                    .await?
                    .map(|f| value(&f, "focus").to_owned())
                    .unwrap_or_default(),
            };
            let input = ActionPlanInput {
                fields: plan_fields(seed, &tried),
                shared: i % 3 == 0,
                version: 0,
            };
            store
                .save_action_plan(m, meeting.id, person.id, &input)
                .await?;
        }
        let patch = MeetingPatch {
            place: Some(["Aulan, Ekbackeskolan", "Biblioteket, Tallåsskolan"][round].into()),
            documenter_id: Some(documenter),
            version: meeting.version,
            ..Default::default()
        };
        store.update_meeting(m, meeting, &patch).await?;
        let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
        let discussed = DISCUSSED[round][n % 4];
        let fields: Fields = vec![
            FieldText::new("question", &meeting.question),
            FieldText::new("date", &meeting.starts_on),
            FieldText::new(
                "purpose",
                [
                    "att komma igång med formativ bedömning i vår undervisning",
                    "att följa upp vad vi provat sedan förra träffen",
                ][round],
            ),
            FieldText::new("discussed", discussed),
            FieldText::new(
                "reflections",
                "Flera av oss har märkt att eleverna blir mer aktiva när målen är tydliga. Det är svårt att hinna med återkopplingen i stora klasser.",
            ),
            FieldText::new(
                "conclusions",
                "Små förändringar som görs varje lektion ger mer än stora projekt. Vi behöver dela exempel med varandra.",
            ),
            FieldText::new(
                "next_time",
                "Var och en tar med ett elevexempel och berättar vad som hände när vi provade vår insats.",
            ),
            FieldText::new(
                "difficulties",
                "Tiden räcker inte alltid till; några av oss hade svårt att komma igång innan lovet.",
            ),
            FieldText::new("participants", &names.join(", ")),
        ];
        publish(store, m, meeting, &group, documenter, &fields).await?;
    }
    hold_november(store, m, &meetings, &learning).await?;
    // The demo's meetings were held before it existed: their mail counts as sent.
    store.mark_outbox_sent(m).await
}

/// Writes the protocol as `writer` and publishes it to the group's active members.
async fn publish(
    store: &Store,
    m: MunicipalityId,
    meeting: &kollegium_shared::meetings::Meeting,
    group: &kollegium_shared::groups::Group,
    writer: kollegium_shared::ids::PersonId,
    fields: &Fields,
) -> Result<(), sqlx::Error> {
    if let Update::Done(()) = store
        .save_protocol(m, meeting.id, writer, fields, 0)
        .await?
    {
        let mail = OutgoingMail {
            recipients: group
                .members
                .iter()
                .filter(|p| p.active)
                .filter_map(|p| p.email.clone())
                .collect(),
            subject: format!("Protokoll: {} {}", group.name, meeting.starts_on),
            body: protocol_text(fields, Lang::Sv),
        };
        store
            .publish_protocol(m, meeting.id, writer, writer, 1, &mail)
            .await?;
    }
    Ok(())
}

/// The day of the slot the follow-up has most to show for.
const NOVEMBER: &str = "2026-11-26";

/// Attendance at the first two meetings, and the November slot held in every learning
/// group but the demo teacher's (not held, so that it shows): attendance, plans by most
/// of those present, the protocol published in two groups of three and missing in the
/// rest.
async fn hold_november(
    store: &Store,
    m: MunicipalityId,
    meetings: &[kollegium_shared::meetings::Meeting],
    learning: &[kollegium_shared::ids::GroupId],
) -> Result<(), sqlx::Error> {
    let teacher = store.person_id_by_email(m, "larare@demo.test").await?;
    let mut held_groups = 0usize;
    for meeting in meetings.iter().filter(|mt| learning.contains(&mt.group_id)) {
        let november = meeting.starts_on == NOVEMBER;
        if meeting.starts_on.as_str() >= "2026-10-31" && !november {
            continue;
        }
        let Some(group) = store.group(m, meeting.group_id).await? else {
            continue;
        };
        if november && teacher.is_some_and(|t| group.members.iter().any(|p| p.id == t)) {
            continue;
        }
        let members: Vec<_> = group.members.iter().filter(|p| p.active).collect();
        // Every seventh member away, turn by turn; an absent documenter passes it on.
        let offset = meeting.starts_on.len() + meeting.id.0.unsigned_abs() as usize;
        let order: Vec<_> = members.iter().map(|p| p.id).collect();
        let Some(current) = store.meeting(m, meeting.id).await? else {
            continue;
        };
        // Whoever wrote a published protocol was there.
        let wrote = current.documenter_id.filter(|_| !november);
        let absent: Vec<_> = order
            .iter()
            .enumerate()
            .filter(|(i, p)| (i + offset).is_multiple_of(7) && wrote != Some(**p))
            .map(|(_, p)| *p)
            .collect();
        let present: Vec<_> = order
            .iter()
            .copied()
            .filter(|p| !absent.contains(p))
            .collect();
        let documenter = match current.documenter_id.or(group.next_documenter) {
            Some(d) if absent.contains(&d) => {
                store.rotation(m, group.id).await?.next(&order, &absent)
            }
            other => other,
        };
        for person in &order {
            store
                .set_attendance(meeting.id, *person, !absent.contains(person), documenter)
                .await?;
        }
        if !november {
            continue;
        }
        held_groups += 1;
        // The attendance moved the version on.
        let Some(current) = store.meeting(m, meeting.id).await? else {
            continue;
        };
        store
            .set_live(meeting.id, current.version, None, false, 0)
            .await?;
        for (i, person) in present.iter().enumerate() {
            if i % 4 == 3 {
                continue;
            }
            let tried = store
                .previous_plan(meeting.group_id, *person, &meeting.starts_on)
                .await?
                .map(|f| value(&f, "focus").to_owned())
                .unwrap_or_default();
            let input = ActionPlanInput {
                fields: plan_fields(person.0.unsigned_abs() as usize + 2, &tried),
                shared: i % 3 == 0,
                version: 0,
            };
            store
                .save_action_plan(m, meeting.id, *person, &input)
                .await?;
        }
        let Some(writer) = documenter else {
            continue;
        };
        if held_groups.is_multiple_of(3) {
            continue;
        }
        let names: Vec<&str> = members
            .iter()
            .filter(|p| present.contains(&p.id))
            .map(|p| p.name.as_str())
            .collect();
        let fields: Fields = vec![
            FieldText::new("question", &meeting.question),
            FieldText::new("date", &meeting.starts_on),
            FieldText::new(
                "purpose",
                "att dela elevexempel och se vad våra insatser gav",
            ),
            FieldText::new("discussed", DISCUSSED[1][held_groups % 4]),
            FieldText::new(
                "conclusions",
                "Vi fortsätter med samma insats till nästa träff och tar med nya elevexempel.",
            ),
            FieldText::new("participants", &names.join(", ")),
        ];
        publish(store, m, meeting, &group, writer, &fields).await?;
    }
    Ok(())
}

/// One of the researcher's collections is the preparation of every learning group's
/// third meeting (the next one in the demo), with the collection's note as the task:
/// the first whose subjects hold the group's subject, else the one for no subject.
pub(super) async fn seed_preparation(
    store: &Store,
    m: MunicipalityId,
    by_subject: &[(&[&str], CollectionId)],
) -> Result<(), sqlx::Error> {
    let rows = store.learning_group_meetings(m).await?;
    let mut third = Vec::new();
    for (i, (id, group)) in rows.iter().enumerate() {
        if i >= 2 && rows[i - 2].1 == *group && (i < 3 || rows[i - 3].1 != *group) {
            third.push((*id, *group));
        }
    }
    // Written with the meetings as made, so their version stays the first.
    for (id, group) in third {
        let subject = store.group(m, group).await?.and_then(|g| g.subject);
        let chosen = by_subject
            .iter()
            .find(|(subjects, _)| subject.as_deref().is_some_and(|s| subjects.contains(&s)))
            .or_else(|| by_subject.iter().find(|(subjects, _)| subjects.is_empty()));
        let Some(&(_, collection)) = chosen else {
            continue;
        };
        let Some((found, _)) = store.collection(m, collection).await? else {
            continue;
        };
        store
            .set_preparation_as_made(id, collection, &found.note)
            .await?;
        // Most of those at a held November meeting had prepared.
        for (person, here) in store.attendance(id).await? {
            if here && person.0 % 3 != 0 {
                store.set_prepared(id, person, true).await?;
            }
        }
    }
    Ok(())
}
