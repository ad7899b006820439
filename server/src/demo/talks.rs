//! The demo's autumn målsamtal of 2026/27: every principal offered afternoons within
//! the wheel's period; most of their teachers booked a time and the conversation is
//! held and written, some have booked but it is not yet marked held, a few have not
//! booked. The head of operations has held theirs with all principals but one. The
//! demo teacher (`larare@demo.test`) is left to book their own.

use kollegium_shared::goals::talks::{TalkKind, TalkRecord};
use kollegium_shared::ids::{MunicipalityId, PersonId, SchoolId, SchoolYearId, TalkSlotId};
use kollegium_shared::org::Role;

use crate::store::Store;

/// The afternoons principals offer, within the demo wheel's Målsamtal period.
const DAYS: [&str; 10] = [
    "2026-09-23",
    "2026-09-24",
    "2026-09-28",
    "2026-09-29",
    "2026-09-30",
    "2026-10-01",
    "2026-10-06",
    "2026-10-07",
    "2026-10-08",
    "2026-10-13",
];
/// 13:00–16:00 in talks of 45 minutes.
const TIMES: [(&str, &str); 4] = [
    ("13:00", "13:45"),
    ("13:45", "14:30"),
    ("14:30", "15:15"),
    ("15:15", "16:00"),
];

/// What a written record says, in turn.
const RECORDS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "Fortbildning i formativ bedömning; vill gärna auskultera hos en kollega i lärgruppen.",
        "Mentor för en klass och ämnesansvarig. Uppdraget känns tydligt.",
        "Mår bra. Högre tempo kring betygsättningen i december.",
        "Trivs i arbetslaget; vill ta större del i lärgruppens planering.",
        "Vi följer upp målen i mars. Rektorn ser till att tid för auskultation finns i schemat.",
    ),
    (
        "Språkutvecklande arbetssätt i alla ämnen, gärna Skolverkets modul.",
        "Undervisar i tre klasser; ansvar för elevhälsoärenden i en.",
        "Känner sig stressad av dokumentationen; vi ser över vad som kan tas bort.",
        "Bra samarbete med specialläraren.",
        "Dokumentationskraven gås igenom på nästa APT. Uppföljning i mars.",
    ),
    (
        "Digitala verktyg för återkoppling.",
        "Klassföreståndare; leder ämneslaget i matematik.",
        "Bra. Vill ha arbetsron kvar på eftermiddagarna.",
        "Tar gärna rollen som lärledare nästa läsår.",
        "Anmäls till lärledarutbildningen. Uppföljning i mars.",
    ),
    (
        "Kooperativt lärande, fördjupning.",
        "Undervisar i fritidshemmet och i åk 2.",
        "Mår bra.",
        "Vill ha mer samplanering med klasslärarna.",
        "Gemensam planeringstid med åk 2 varannan vecka. Uppföljning i mars.",
    ),
];

/// The preparation a teacher shared before the talk.
const PREPARATION: &str = "Jag vill prata om hur det gått med exit tickets och hur jag kan följa upp elevernas självskattning bättre.";

fn record(n: usize) -> TalkRecord {
    let (competence, assignment, health, collaboration, agreements) = RECORDS[n % RECORDS.len()];
    TalkRecord {
        competence: competence.into(),
        assignment: assignment.into(),
        health: health.into(),
        collaboration: collaboration.into(),
        agreements: agreements.into(),
        follow_up_on: Some("2027-03-10".into()),
        follow_up: String::new(),
    }
}

/// Offers `count` times of `leader`, afternoon by afternoon from `DAYS[first_day]`:
/// the ids and days, in order.
async fn offer(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
    leader: PersonId,
    count: usize,
    first_day: usize,
    place: &str,
) -> Result<Vec<(TalkSlotId, &'static str)>, sqlx::Error> {
    let mut out = Vec::new();
    for day in DAYS.iter().cycle().skip(first_day).take(DAYS.len()) {
        if out.len() >= count {
            break;
        }
        let times: Vec<(String, String)> = TIMES
            .iter()
            .map(|(s, e)| ((*s).to_owned(), (*e).to_owned()))
            .collect();
        if let Some(ids) = store
            .offer_talk_slots(m, year, leader, day, &times, place)
            .await?
        {
            out.extend(ids.into_iter().map(|id| (id, *day)));
        }
    }
    Ok(out)
}

/// Books `slot` for the conversation of `leader` with `member` and, when `held`, marks
/// it held by both on `day` with its record written.
#[allow(clippy::too_many_arguments)]
async fn hold(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
    kind: TalkKind,
    (leader, member, school): (PersonId, PersonId, SchoolId),
    slot: TalkSlotId,
    day: &str,
    held: Option<usize>,
) -> Result<(), sqlx::Error> {
    let talk = store
        .open_talk(m, year, kind, leader, member, school)
        .await?;
    let _ = store.book_talk_slot(m, slot, talk).await?;
    if let Some(n) = held {
        store
            .set_talk_preparation(talk, member, PREPARATION, true, 0)
            .await?;
        store.update_talk_record(m, talk, &record(n), 1).await?;
        store.set_talk_held(m, talk, true, Some(day)).await?;
        store.set_talk_held(m, talk, false, Some(day)).await?;
    }
    Ok(())
}

/// Writes the demo's målsamtal of `year`.
pub(super) async fn seed(
    store: &Store,
    m: MunicipalityId,
    year: SchoolYearId,
) -> Result<(), sqlx::Error> {
    if store.talk_periods(m, year).await?.is_empty() {
        return Ok(());
    }
    let demo_teacher = super::staff_with_role(store, m, Role::Larare)
        .await?
        .into_iter()
        .find(|p| p.email == "larare@demo.test")
        .map(|p| p.id);
    let mut principals: Vec<PersonId> = store
        .list_schools(m)
        .await?
        .into_iter()
        .filter_map(|s| s.principal.map(|p| p.id))
        .collect();
    principals.sort_unstable();
    principals.dedup();
    for (k, principal) in principals.iter().enumerate() {
        let teachers: Vec<_> = store
            .talk_teachers(m, *principal)
            .await?
            .into_iter()
            .filter(|(p, _)| Some(p.id) != demo_teacher)
            .collect();
        // One free time in four is left for those who have not booked.
        let slots = offer(
            store,
            m,
            year,
            *principal,
            teachers.len() + 4,
            k % DAYS.len(),
            "Rektors rum",
        )
        .await?;
        for (n, ((teacher, school), (slot, day))) in teachers.iter().zip(&slots).enumerate() {
            let held = match n % 6 {
                5 => continue,
                4 => None,
                _ => Some(n),
            };
            let pair = (*principal, teacher.id, school.id);
            hold(store, m, year, TalkKind::Teacher, pair, *slot, day, held).await?;
        }
    }

    // The head of operations with the principals: all held but the last, booked.
    let heads = super::staff_with_role(store, m, Role::Verksamhetschef).await?;
    for head in heads {
        let principals = store.talk_principals(m, head.id).await?;
        let slots = offer(
            store,
            m,
            year,
            head.id,
            principals.len(),
            2,
            "Verksamhetschefens rum",
        )
        .await?;
        let last = principals.len().saturating_sub(1);
        for (n, ((principal, school), (slot, day))) in principals.iter().zip(&slots).enumerate() {
            let held = (n != last).then_some(n);
            let pair = (head.id, principal.id, school.id);
            hold(store, m, year, TalkKind::Principal, pair, *slot, day, held).await?;
        }
    }
    Ok(())
}
