use super::*;
use crate::ids::PersonId;

fn entry(id: i64, date: &str, text: &str, cleared: bool) -> LogEntry {
    LogEntry {
        id: LogEntryId(id),
        date: date.to_owned(),
        author: PersonRef {
            id: PersonId(1),
            name: "Karin Holm".to_owned(),
        },
        text: text.to_owned(),
        focus_areas: vec!["Digital kompetens".to_owned()],
        global_goals: vec![4],
        cleared,
        version: 1,
    }
}

fn project() -> Project {
    Project {
        id: ProjectId(1),
        name: "Hållbar framtid".to_owned(),
        aim: "Skola och arbetsliv".to_owned(),
        vision: String::new(),
        focus_areas: vec!["Digital kompetens".to_owned()],
        global_goals: vec![4, 13],
        stages: vec![Stage::Ak7_9],
        schools: vec![SchoolRef {
            id: SchoolId(2),
            name: "Ekbackeskolan".to_owned(),
        }],
        leader: PersonRef {
            id: PersonId(1),
            name: "Karin Holm".to_owned(),
        },
        group: None,
        partners: vec![Partner {
            name: "Hamnen AB".to_owned(),
            contact: "Per Ek, 0410-123 45".to_owned(),
            contributes: "Studiebesök".to_owned(),
        }],
        showcase: Showcase {
            enabled: true,
            summary: "Vad vi gör".to_owned(),
            key: "hallbar-framtid-1".to_owned(),
        },
        version: 1,
        may_edit: true,
        may_write_log: true,
    }
}

#[test]
fn the_showcase_holds_only_cleared_entries_and_no_contacts() {
    let log = [
        entry(1, "2026-09-10", "Vi besökte hamnen", true),
        entry(2, "2026-10-01", "Elev Anna Berg berättade", false),
        entry(3, "2026-11-05", "Utställning i biblioteket", true),
    ];
    let public = public_project(&project(), "Demo kommun", &log);
    let texts: Vec<&str> = public.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Utställning i biblioteket", "Vi besökte hamnen"]);
    let json = serde_json::to_string(&public).expect("serialises");
    assert!(!json.contains("Anna Berg"));
    assert!(!json.contains("Per Ek"));
    assert!(!json.contains("Karin Holm"), "no authors' names");
    assert_eq!(public.partners[0].contributes, "Studiebesök");
}

#[test]
fn the_log_is_searched_by_stems_and_prefixes() {
    let e = entry(
        1,
        "2026-09-10",
        "Eleverna intervjuade företagare i hamnen",
        false,
    );
    assert!(entry_matches(&e, ""));
    assert!(entry_matches(&e, "företagaren"));
    assert!(entry_matches(&e, "intervju hamn"));
    assert!(entry_matches(&e, "digital"), "its focus areas count");
    assert!(entry_matches(&e, "karin"), "and its author");
    assert!(!entry_matches(&e, "hamnen skogen "));
}

#[test]
fn a_changed_text_must_be_cleared_again() {
    let e = entry(1, "2026-09-10", "Vi besökte hamnen", true);
    assert!(stays_cleared(&e, "Vi besökte hamnen", "2026-09-10"));
    assert!(!stays_cleared(
        &e,
        "Vi besökte hamnen med Anna",
        "2026-09-10"
    ));
    assert!(!stays_cleared(&e, "Vi besökte hamnen", "2026-09-11"));
    let uncleared = entry(2, "2026-09-10", "x", false);
    assert!(!stays_cleared(&uncleared, "x", "2026-09-10"));
}

#[test]
fn input_is_checked_field_by_field() {
    let mut input = ProjectInput {
        name: "  ".to_owned(),
        global_goals: vec![4, 18],
        ..ProjectInput::default()
    };
    input.partners.push(Partner::default());
    let fields: Vec<&str> = input.validate().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["name", "global_goals", "partners"]);
    input.name = "Hållbar framtid".to_owned();
    input.global_goals = vec![4, 13];
    input.partners[0].name = "Hamnen AB".to_owned();
    assert!(input.validate().is_empty());
    assert_eq!(input.focus_areas_or_default().len(), 4);
    input.focus_areas = Some(vec![
        " Natur ".to_owned(),
        "Natur".to_owned(),
        String::new(),
    ]);
    assert_eq!(input.focus_areas_or_default(), ["Natur"]);
    // A blank area is refused rather than dropped unseen.
    assert_eq!(input.validate()[0].field, "focus_areas");
    input.focus_areas = Some(vec!["Natur".to_owned()]);
    input.schools = vec![SchoolId(1); MAX_LIST + 1];
    assert_eq!(input.validate()[0].field, "schools");

    let entry = LogEntryInput {
        date: Some("2026-02-30".to_owned()),
        text: String::new(),
        global_goals: vec![0],
        ..LogEntryInput::default()
    };
    let fields: Vec<&str> = entry.validate().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["date", "text", "global_goals"]);
}

#[test]
fn a_project_read_becomes_the_change_to_send() {
    let p = project();
    let input = ProjectInput::from(&p);
    assert_eq!(input.schools, [SchoolId(2)]);
    assert_eq!(input.version, Some(1));
    assert_eq!(input.partners, p.partners);
    assert!(input.showcase_enabled);
    assert!(input.validate().is_empty());
}

#[test]
fn tags_outside_the_project_are_found() {
    let project = ["Digital kompetens".to_owned()];
    let tags = ["Digital kompetens".to_owned(), "Rymden".to_owned()];
    assert_eq!(unknown_focus_areas(&tags, &project), ["Rymden"]);
}

#[test]
fn showcase_keys_are_readable_and_carry_the_suffix() {
    assert_eq!(
        showcase_key("Hållbar framtid!", "7f3a"),
        "hallbar-framtid-7f3a"
    );
    assert_eq!(showcase_key("   ", "7f3a"), "7f3a");
    assert_eq!(global_goal(13, Lang::Sv), "13 Bekämpa klimatförändringarna");
    assert_eq!(global_goal(0, Lang::Sv), "");
    assert_eq!(global_goal(18, Lang::En), "");
}

#[test]
fn the_report_holds_the_description_partners_and_the_log_oldest_first() {
    let log = [
        entry(2, "2026-11-05", "Utställning i biblioteket", false),
        entry(1, "2026-09-10", "Vi besökte *hamnen*", true),
    ];
    let md = report_markdown(&project(), &log, Lang::Sv);
    assert!(md.starts_with("# Hållbar framtid\n"));
    assert!(md.contains("## Syfte\n\nSkola och arbetsliv"));
    assert!(!md.contains("## Vision"), "an empty part is left out");
    assert!(md.contains("- 13 Bekämpa klimatförändringarna"));
    assert!(md.contains("- **Hamnen AB**: Studiebesök (Per Ek, 0410-123 45)"));
    let first = md.find("### 2026-09-10").expect("the first entry");
    let second = md.find("### 2026-11-05").expect("the second entry");
    assert!(first < second);
    assert!(md.contains("Godkänt för den publika sidan."));
    assert!(md.contains("*Digital kompetens · 4 God utbildning för alla*"));
    let en = report_markdown(&project(), &[], Lang::En);
    assert!(en.contains("## Aim") && !en.contains("Process log"));
    // The PDF's parts are the same report, unescaped.
    let blocks = report_blocks(&project(), &log, Lang::Sv);
    assert_eq!(blocks[0], ReportBlock::Title("Hållbar framtid".into()));
    let entries: Vec<&ReportBlock> = blocks
        .iter()
        .filter(|b| matches!(b, ReportBlock::Subheading(_)))
        .collect();
    assert_eq!(entries.len(), 2);
    assert!(blocks.contains(&ReportBlock::Text("Vi besökte *hamnen*".into())));
}
