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
        files: Vec::new(),
        items: Vec::new(),
        version: 1,
    }
}

fn file(id: i64, name: &str, file_type: FileType, cleared: bool) -> LogFile {
    LogFile {
        id: LogFileId(id),
        name: name.to_owned(),
        file_type,
        size: 1000,
        url: format!("/api/v1/projects/files/{id}?key=reader"),
        cleared,
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
    let mut log = log;
    log[0].files = vec![
        file(7, "hamnen.jpg", FileType::Jpeg, true),
        file(8, "klassen.jpg", FileType::Jpeg, false),
    ];
    log[1].files = vec![file(9, "anna.jpg", FileType::Jpeg, true)];
    let public = public_project(&project(), "Demo kommun", &log, |id| {
        format!("/public/{id}")
    });
    let texts: Vec<&str> = public.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Utställning i biblioteket", "Vi besökte hamnen"]);
    // Only the marked photo of a cleared entry, by its public link.
    assert!(public.entries[0].files.is_empty());
    assert_eq!(public.entries[1].files.len(), 1);
    assert_eq!(public.entries[1].files[0].name, "hamnen.jpg");
    assert_eq!(public.entries[1].files[0].url, "/public/7");
    assert!(public.entries[1].files[0].is_image());
    let json = serde_json::to_string(&public).expect("serialises");
    assert!(!json.contains("Anna Berg"));
    assert!(!json.contains("Per Ek"));
    assert!(!json.contains("Karin Holm"), "no authors' names");
    assert!(!json.contains("klassen.jpg") && !json.contains("anna.jpg"));
    assert!(!json.contains("key=reader"), "no reader's links");
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
    let mut e = e;
    e.files = vec![file(1, "studiebesöket.pdf", FileType::Pdf, false)];
    e.items = vec![crate::library::ItemRef {
        id: ItemId(3),
        title: "Lärande för hållbar utveckling".to_owned(),
        kind: crate::library::ItemKind::Artikel,
    }];
    assert!(entry_matches(&e, "studiebesök"), "its files' names count");
    assert!(
        entry_matches(&e, "hållbar utveckling"),
        "and its items' titles"
    );
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
    let twice = LogEntryInput {
        text: "Studiebesök".to_owned(),
        items: vec![ItemId(4), ItemId(4)],
        ..LogEntryInput::default()
    };
    let fields: Vec<&str> = twice.validate().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["items"]);
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
    let mut log = log;
    log[1].files = vec![file(1, "hamnen.jpg", FileType::Jpeg, false)];
    let milestones = [Milestone {
        id: MilestoneId(1),
        activity: ActivityId(2),
        title: "Utställning i hamnen".to_owned(),
        due_on: "2027-03-15".to_owned(),
        done: true,
        outcome: "Över 200 besökare.".to_owned(),
        reflections: vec![Reflection {
            id: ReflectionId(1),
            author: PersonRef {
                id: PersonId(5),
                name: "Omar Said".to_owned(),
            },
            text: "Eleverna förklarade själva.".to_owned(),
            written_on: "2027-03-16".to_owned(),
        }],
        version: 2,
    }];
    let md = report_markdown(&project(), &milestones, &log, Lang::Sv);
    assert!(md.contains("## Milstolpar\n\n### 2027-03-15 · Utställning i hamnen\n\n*Genomförd.*"));
    assert!(md.contains("Över 200 besökare."));
    assert!(md.contains("- Omar Said (2027-03-16): Eleverna förklarade själva."));
    assert!(md.contains("*Bilagor: hamnen.jpg*"));
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
    let en = report_markdown(&project(), &[], &[], Lang::En);
    assert!(en.contains("## Aim") && !en.contains("Process log"));
    // The PDF's parts are the same report, unescaped.
    let blocks = report_blocks(&project(), &[], &log, Lang::Sv);
    assert_eq!(blocks[0], ReportBlock::Title("Hållbar framtid".into()));
    let entries: Vec<&ReportBlock> = blocks
        .iter()
        .filter(|b| matches!(b, ReportBlock::Subheading(_)))
        .collect();
    assert_eq!(entries.len(), 2);
    assert!(blocks.contains(&ReportBlock::Text("Vi besökte *hamnen*".into())));
}

#[test]
fn a_milestone_is_checked_and_followed_up_once_its_day_has_come() {
    let input = MilestoneInput {
        title: " ".to_owned(),
        due_on: "2027-02-30".to_owned(),
        outcome: "x".repeat(MAX_TEXT_CHARS + 1),
        ..MilestoneInput::default()
    };
    let fields: Vec<&str> = input.validate().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["title", "due_on", "outcome"]);
    let mut m = Milestone {
        id: MilestoneId(1),
        activity: ActivityId(2),
        title: "Utställning".to_owned(),
        due_on: "2027-03-15".to_owned(),
        done: false,
        outcome: String::new(),
        reflections: Vec::new(),
        version: 3,
    };
    assert!(!awaits_follow_up(&m, "2027-03-14"));
    assert!(awaits_follow_up(&m, "2027-03-15"));
    m.done = true;
    assert!(!awaits_follow_up(&m, "2027-04-01"));
    let change = MilestoneInput::from(&m);
    assert_eq!(change.version, Some(3));
    assert!(change.done && change.validate().is_empty());
    assert_eq!(
        ReflectionInput {
            text: "  ".to_owned()
        }
        .validate()[0]
            .field,
        "text"
    );
}
