use super::*;
use crate::library::ItemKind;

fn example(id: i64, by: i64, on: &str, status: ExampleStatus) -> Example {
    Example {
        id: ExampleId(id),
        item: ItemRef {
            id: ItemId(id),
            title: format!("Exempel {id}"),
            kind: ItemKind::GottExempel,
        },
        made_by: PersonRef {
            id: PersonId(by),
            name: "A".into(),
        },
        school: None,
        submitted_by: PersonRef {
            id: PersonId(by),
            name: "A".into(),
        },
        submitted_on: on.into(),
        note: String::new(),
        status,
        review_comment: String::new(),
        version: 1,
    }
}

fn fields(errors: Vec<FieldError>) -> Vec<&'static str> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn school_forms_come_from_the_stages_youngest_first() {
    assert_eq!(
        school_forms(&[
            Stage::Gymnasieskola,
            Stage::Ak7_9,
            Stage::Ak1_3,
            Stage::Fritidshem
        ]),
        vec![SchoolForm::Grundskola, SchoolForm::Gymnasieskola]
    );
    assert_eq!(
        school_forms(&[Stage::Forskoleklass, Stage::Forskola]),
        vec![SchoolForm::Forskola, SchoolForm::Grundskola]
    );
    assert!(school_forms(&[]).is_empty());
}

#[test]
fn others_see_only_approved_examples_and_their_own() {
    let all = vec![
        example(1, 10, "2026-09-01", ExampleStatus::Approved),
        example(2, 11, "2026-10-01", ExampleStatus::Submitted),
        example(3, 10, "2026-10-02", ExampleStatus::Declined),
        example(4, 12, "2026-10-03", ExampleStatus::Approved),
    ];
    let ids = |list: Vec<Example>| list.into_iter().map(|e| e.id.0).collect::<Vec<_>>();
    // A member who submitted 1 and 3 sees the approved ones, newest first, then their own.
    assert_eq!(
        ids(visible_examples(all.clone(), PersonId(10), false)),
        [4, 1, 3]
    );
    // Someone else sees only what is approved.
    assert_eq!(
        ids(visible_examples(all.clone(), PersonId(99), false)),
        [4, 1]
    );
    // The ICT strategist sees everything, the approved first.
    assert_eq!(ids(visible_examples(all, PersonId(99), true)), [4, 1, 3, 2]);
}

#[test]
fn an_example_needs_items_and_a_decline_needs_a_reason() {
    assert_eq!(fields(ExampleInput::default().validate()), ["items"]);
    let twice = ExampleInput {
        items: vec![ItemId(1), ItemId(1)],
        note: "x".repeat(MAX_NOTE_CHARS + 1),
        ..ExampleInput::default()
    };
    assert_eq!(fields(twice.validate()), ["items", "note"]);
    let ok = ExampleInput {
        items: vec![ItemId(1), ItemId(2)],
        ..ExampleInput::default()
    };
    assert!(ok.validate().is_empty());
    let decline = |comment: &str| ExampleReview {
        status: ExampleStatus::Declined,
        comment: comment.into(),
        version: 1,
    };
    assert_eq!(fields(decline("  ").validate()), ["comment"]);
    assert!(decline("Finns redan i biblioteket").validate().is_empty());
    let approve = ExampleReview {
        status: ExampleStatus::Approved,
        comment: String::new(),
        version: 1,
    };
    assert!(approve.validate().is_empty());
}

#[test]
fn a_tool_links_only_to_the_web() {
    let tool = |url: &str| ToolInput {
        name: "Skolon".into(),
        url: Some(url.into()),
        ..ToolInput::default()
    };
    assert!(tool("https://skolon.com").validate().is_empty());
    assert!(tool("   ").validate().is_empty());
    assert_eq!(tool("   ").link(), None);
    assert_eq!(fields(tool("javascript:alert(1)").validate()), ["url"]);
    assert_eq!(fields(tool("mailto:a@b.se").validate()), ["url"]);
    let nameless = ToolInput::default();
    assert_eq!(fields(nameless.validate()), ["name"]);
}

#[test]
fn an_ict_group_names_each_person_once_principal_first() {
    let member = |p: i64, part| IctMemberInput {
        person: PersonId(p),
        part,
    };
    let twice = IctGroupInput {
        members: vec![member(1, IctPart::Rektor), member(1, IctPart::IktPedagog)],
        version: 0,
    };
    assert_eq!(fields(twice.validate()), ["members"]);
    let shown = ordered_members(vec![
        IctMember {
            person: PersonRef {
                id: PersonId(2),
                name: "B".into(),
            },
            part: IctPart::IktPedagog,
        },
        IctMember {
            person: PersonRef {
                id: PersonId(1),
                name: "A".into(),
            },
            part: IctPart::Rektor,
        },
    ]);
    assert_eq!(shown[0].part, IctPart::Rektor);
    for part in IctPart::ALL {
        assert_eq!(IctPart::from_code(part.code()), Some(part));
        assert_eq!(serde_json::to_value(part).expect("serialises"), part.code());
    }
    for status in ExampleStatus::ALL {
        assert_eq!(
            serde_json::to_value(status).expect("serialises"),
            status.code()
        );
    }
}

#[test]
fn a_note_needs_text_and_a_real_date() {
    let note = IctNoteInput {
        date: Some("2026-02-30".into()),
        text: " ".into(),
        version: None,
    };
    assert_eq!(fields(note.validate()), ["date", "text"]);
    let ok = IctNoteInput {
        date: Some("2026-10-12".into()),
        text: "Visade arbetslagen talsyntes i Skolon.".into(),
        version: None,
    };
    assert!(ok.validate().is_empty());
}
