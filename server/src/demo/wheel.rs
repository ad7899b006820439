//! The demo's wheel of 2026/27, and the research behind each term's theme linked to it.

use kollegium_shared::groups::GroupKind;
use kollegium_shared::ids::{MunicipalityId, PersonId};
use kollegium_shared::org::Role;

use crate::store::Store;

/// A demo activity: ring, title, first and last day, start and end time, audience, theme.
type DemoActivity = (
    kollegium_shared::wheel::RingKind,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    kollegium_shared::wheel::Audience,
    Option<&'static str>,
);

/// The demo wheel of 2026/27: six learning-group meetings 15:00–16:30 (Mjölby's
/// rhythm), leader and principal meetings, målsamtal in the autumn, result dialogues,
/// study days and a theme per term, besides the holidays of the template.
pub(super) async fn seed(
    store: &Store,
    m: MunicipalityId,
    year: &kollegium_shared::groups::SchoolYear,
    editor: PersonId,
) -> Result<(), sqlx::Error> {
    use kollegium_shared::wheel::{ActivityInput, Audience, RingKind};
    let rings = store.wheel_rings(m, year).await?;
    let ring = |kind: RingKind| rings.iter().find(|r| r.kind == kind).map(|r| r.id);
    let everyone = Audience::Everyone;
    let learning = Audience::GroupKind {
        group_kind: GroupKind::Largrupp,
    };
    let leaders = Audience::GroupKind {
        group_kind: GroupKind::Ledargrupp,
    };
    let principals = Audience::Role { role: Role::Rektor };
    let teachers = Audience::Role { role: Role::Larare };
    let mut plan: Vec<DemoActivity> = Vec::new();
    for (i, day) in [
        "2026-09-10",
        "2026-10-15",
        "2026-11-26",
        "2027-02-04",
        "2027-03-18",
        "2027-05-06",
    ]
    .into_iter()
    .enumerate()
    {
        let title: &'static str = [
            "Lärgruppsträff 1",
            "Lärgruppsträff 2",
            "Lärgruppsträff 3",
            "Lärgruppsträff 4",
            "Lärgruppsträff 5",
            "Lärgruppsträff 6",
        ][i];
        let theme = if i < 3 {
            "Bedömning och betyg"
        } else {
            "Digital kompetens i Lgr22"
        };
        plan.push((
            RingKind::Meetings,
            title,
            day,
            day,
            Some(("15:00", "16:30")),
            learning.clone(),
            Some(theme),
        ));
    }
    for (title, day) in [
        ("Ledarträff HT", "2026-09-01"),
        ("Ledarträff HT 2", "2026-11-10"),
        ("Ledarträff VT", "2027-01-19"),
        ("Ledarträff VT 2", "2027-04-13"),
    ] {
        plan.push((
            RingKind::Leaders,
            title,
            day,
            day,
            Some(("13:00", "15:00")),
            leaders.clone(),
            None,
        ));
    }
    for (title, day) in [
        ("Rektorernas lärgrupp", "2026-09-24"),
        ("Rektorernas lärgrupp", "2027-02-25"),
    ] {
        plan.push((
            RingKind::Principals,
            title,
            day,
            day,
            Some(("08:30", "11:30")),
            principals.clone(),
            None,
        ));
    }
    plan.push((
        RingKind::GoalTalks,
        "Målsamtal",
        "2026-09-21",
        "2026-10-16",
        None,
        teachers.clone(),
        None,
    ));
    plan.push((
        RingKind::ResultDialogues,
        "Resultatdialog HT",
        "2027-01-11",
        "2027-01-22",
        None,
        principals.clone(),
        None,
    ));
    plan.push((
        RingKind::ResultDialogues,
        "Resultatdialog VT",
        "2027-06-07",
        "2027-06-11",
        None,
        principals,
        None,
    ));
    for day in ["2026-08-17", "2026-08-18", "2027-01-07", "2027-06-14"] {
        plan.push((
            RingKind::StudyDays,
            "Studiedag",
            day,
            day,
            None,
            everyone.clone(),
            None,
        ));
    }
    plan.push((
        RingKind::Themes,
        "Bedömning och betyg",
        "2026-08-17",
        "2026-12-21",
        None,
        everyone.clone(),
        Some("Bedömning och betyg"),
    ));
    plan.push((
        RingKind::Themes,
        "Digital kompetens i Lgr22",
        "2027-01-08",
        "2027-06-12",
        None,
        everyone,
        Some("Digital kompetens i Lgr22"),
    ));
    for (kind, title, first, last, time, audience, theme) in plan {
        let Some(ring_id) = ring(kind) else { continue };
        let input = ActivityInput {
            ring_id,
            title: title.to_owned(),
            description: String::new(),
            starts_on: first.to_owned(),
            ends_on: last.to_owned(),
            start_time: time.map(|(s, _)| s.to_owned()),
            end_time: time.map(|(_, e)| e.to_owned()),
            audience,
            theme: theme.map(str::to_owned),
            library_items: Vec::new(),
            version: None,
        };
        store.create_activity(m, year.id, editor, &input).await?;
    }
    Ok(())
}

/// Links library items to the demo wheel's theme activities of the given titles.
pub(super) async fn link_themes(
    store: &Store,
    m: MunicipalityId,
    editor: PersonId,
    themes: &[(&str, Vec<kollegium_shared::ids::ItemId>)],
) -> Result<(), sqlx::Error> {
    for year in store.school_years(m).await? {
        link_year_themes(store, m, &year, editor, themes).await?;
    }
    Ok(())
}

/// Links the items to the theme activities of one year's wheel.
async fn link_year_themes(
    store: &Store,
    m: MunicipalityId,
    year: &kollegium_shared::groups::SchoolYear,
    editor: PersonId,
    themes: &[(&str, Vec<kollegium_shared::ids::ItemId>)],
) -> Result<(), sqlx::Error> {
    use kollegium_shared::wheel::{ActivityInput, RingKind};
    // A year without a wheel yet is left for its first visit to lay out.
    let activities = store.wheel_activities(m, year.id).await?;
    if activities.is_empty() {
        return Ok(());
    }
    let rings = store.wheel_rings(m, year).await?;
    let Some(ring) = rings.iter().find(|r| r.kind == RingKind::Themes) else {
        return Ok(());
    };
    for a in activities {
        let Some((_, items)) = themes.iter().find(|(t, _)| *t == a.title) else {
            continue;
        };
        if a.ring_id != ring.id {
            continue;
        }
        let input = ActivityInput {
            ring_id: a.ring_id,
            title: a.title,
            description: a.description,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
            start_time: a.start_time,
            end_time: a.end_time,
            audience: a.audience,
            theme: a.theme,
            library_items: items.clone(),
            version: Some(a.version),
        };
        store
            .update_activity(m, a.id, editor, &input, a.version)
            .await?;
    }
    Ok(())
}
