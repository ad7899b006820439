use super::*;
use crate::ids::{GoalId, PersonId, SchoolId, SchoolYearId};
use crate::org::{PersonRef, SchoolRef};

fn input(level: GoalLevel) -> GoalInput {
    GoalInput {
        year: Some(SchoolYearId(1)),
        level: Some(level),
        school: (level == GoalLevel::School).then_some(SchoolId(3)),
        title: "Fler elever ska bli behöriga till gymnasiet".into(),
        measure: Measure::KeyFigure {
            figure: "Andel behöriga till yrkesprogram".into(),
            target: 90.0,
            unit: "%".into(),
        },
        serves: match level {
            GoalLevel::Municipality => vec![],
            GoalLevel::School => vec![GoalId(1), GoalId(2)],
            GoalLevel::Teacher => vec![GoalId(5)],
        },
        ..GoalInput::default()
    }
}

fn fields(errors: Vec<FieldError>) -> Vec<&'static str> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_well_formed_goal_of_each_level_passes() {
    for level in GoalLevel::ALL {
        assert_eq!(input(level).validate(), vec![], "{level:?}");
    }
}

#[test]
fn each_level_serves_the_level_above_in_its_own_number() {
    let mut m = input(GoalLevel::Municipality);
    m.serves = vec![GoalId(9)];
    assert_eq!(fields(m.validate()), ["serves"]);
    let mut s = input(GoalLevel::School);
    s.serves = vec![];
    assert_eq!(fields(s.validate()), ["serves"]);
    s.serves = vec![GoalId(1), GoalId(1)];
    assert_eq!(fields(s.validate()), ["serves"], "the same goal twice");
    s.serves = (1..=11).map(GoalId).collect();
    assert_eq!(fields(s.validate()), ["serves"], "more than ten");
    let mut t = input(GoalLevel::Teacher);
    t.serves = vec![GoalId(5), GoalId(6)];
    assert_eq!(fields(t.validate()), ["serves"]);
}

#[test]
fn every_broken_field_is_named() {
    let bad = GoalInput {
        level: Some(GoalLevel::School),
        title: " ".into(),
        description: "x".repeat(MAX_TEXT_CHARS + 1),
        measure: Measure::KeyFigure {
            figure: String::new(),
            target: f64::NAN,
            unit: "procent av alla elever i åk 9".into(),
        },
        agenda2030: vec![4, 18, 4],
        ..GoalInput::default()
    };
    assert_eq!(
        fields(bad.validate()),
        [
            "title",
            "description",
            "measure.figure",
            "measure.target",
            "measure.unit",
            "agenda2030",
            "serves",
            "school"
        ]
    );
    let mut evidence = input(GoalLevel::Teacher);
    evidence.measure = Measure::Evidence {
        text: "\u{202e}".into(),
    };
    assert_eq!(fields(evidence.validate()), ["measure.text"]);
    evidence.measure = Measure::Evidence { text: "  ".into() };
    assert_eq!(fields(evidence.validate()), ["measure.text"]);
    let none = GoalInput {
        title: "Mål".into(),
        ..GoalInput::default()
    };
    assert_eq!(fields(none.validate()), ["level"]);
}

#[test]
fn agenda_2030_goals_are_one_to_seventeen_each_once() {
    let mut g = input(GoalLevel::Municipality);
    g.agenda2030 = vec![4, 10, 16];
    assert!(g.validate().is_empty());
    for bad in [vec![0], vec![17, 17], vec![18]] {
        g.agenda2030 = bad.clone();
        assert_eq!(fields(g.validate()), ["agenda2030"], "{bad:?}");
    }
}

#[test]
fn a_note_has_text_and_a_real_date() {
    let ok = NoteInput {
        on: Some("2026-11-30".into()),
        text: "Halvvägs: 82 % i november.".into(),
        status: Some(GoalStatus::InProgress),
        version: 1,
    };
    assert!(ok.validate().is_empty());
    let bad = NoteInput {
        on: Some("2026-02-30".into()),
        text: "".into(),
        ..ok
    };
    assert_eq!(fields(bad.validate()), ["on", "text"]);
}

#[test]
fn the_measure_reads_as_a_tagged_object() {
    let m: Measure =
        serde_json::from_str(r#"{"kind":"key_figure","figure":"Meritvärde","target":230}"#)
            .expect("json");
    assert_eq!(
        m,
        Measure::KeyFigure {
            figure: "Meritvärde".into(),
            target: 230.0,
            unit: String::new()
        }
    );
    let e: Measure =
        serde_json::from_str(r#"{"kind":"evidence","text":"Eleverna säger att …"}"#).expect("json");
    assert!(matches!(e, Measure::Evidence { .. }));
    assert_eq!(
        GoalStatus::from_code("partly_achieved"),
        Some(GoalStatus::PartlyAchieved)
    );
    assert!(GoalStatus::NotAchieved.is_reviewed() && !GoalStatus::InProgress.is_reviewed());
}

const YEAR: SchoolYearId = SchoolYearId(1);

fn served(level: GoalLevel, year: SchoolYearId, school: Option<i64>) -> Option<ServedGoal> {
    Some(ServedGoal {
        level,
        year,
        school: school.map(SchoolId),
    })
}

#[test]
fn served_goals_must_be_of_the_level_above_the_same_year_and_for_a_teacher_their_school() {
    let m = served(GoalLevel::Municipality, YEAR, None);
    assert_eq!(
        check_serves(GoalLevel::School, YEAR, Some(SchoolId(3)), &[m, m], &[]),
        Ok(Some(SchoolId(3)))
    );
    let field = |r: Result<Option<SchoolId>, FieldError>| r.map_err(|e| (e.field, e.msg));
    assert_eq!(
        field(check_serves(
            GoalLevel::School,
            YEAR,
            Some(SchoolId(3)),
            &[None],
            &[]
        )),
        Err(("serves", Msg::GoalServesUnknown)),
        "another municipality's goal is not found"
    );
    assert_eq!(
        field(check_serves(
            GoalLevel::School,
            YEAR,
            Some(SchoolId(3)),
            &[served(GoalLevel::Municipality, SchoolYearId(2), None)],
            &[]
        )),
        Err(("serves", Msg::GoalServesOtherYear))
    );
    assert_eq!(
        field(check_serves(
            GoalLevel::School,
            YEAR,
            Some(SchoolId(3)),
            &[served(GoalLevel::School, YEAR, Some(3))],
            &[]
        )),
        Err(("serves", Msg::GoalServesInvalid))
    );
    let school_goal = served(GoalLevel::School, YEAR, Some(3));
    assert_eq!(
        check_serves(
            GoalLevel::Teacher,
            YEAR,
            None,
            &[school_goal],
            &[SchoolId(2), SchoolId(3)]
        ),
        Ok(Some(SchoolId(3))),
        "a teacher goal takes its school goal's school"
    );
    assert_eq!(
        field(check_serves(
            GoalLevel::Teacher,
            YEAR,
            None,
            &[school_goal],
            &[SchoolId(2)]
        )),
        Err(("serves", Msg::GoalServesOtherSchool))
    );
    assert_eq!(
        field(check_serves(
            GoalLevel::Teacher,
            YEAR,
            None,
            &[m],
            &[SchoolId(3)]
        )),
        Err(("serves", Msg::GoalServesInvalid)),
        "a teacher goal serves a school goal, not the municipality's directly"
    );
}

fn goal(id: i64, level: GoalLevel, serves: &[i64]) -> Goal {
    Goal {
        id: GoalId(id),
        year: YEAR,
        level,
        school: (level != GoalLevel::Municipality).then(|| SchoolRef {
            id: SchoolId(1),
            name: "Ekbackeskolan".into(),
        }),
        owner: PersonRef {
            id: PersonId(1),
            name: "Anna".into(),
        },
        title: format!("Mål {id}"),
        description: String::new(),
        measure: Measure::default(),
        area: None,
        agenda2030: vec![],
        status: GoalStatus::InProgress,
        serves: serves.iter().copied().map(GoalId).collect(),
        notes: vec![],
        carried_from: None,
        evidence: vec![],
        version: 1,
    }
}

#[test]
fn the_chain_hangs_school_goals_under_each_municipality_goal_they_serve_and_sums_teachers() {
    let year = YearGoals {
        year: YEAR,
        municipality: vec![
            goal(1, GoalLevel::Municipality, &[]),
            goal(2, GoalLevel::Municipality, &[]),
        ],
        schools: vec![
            goal(10, GoalLevel::School, &[1]),
            goal(11, GoalLevel::School, &[1, 2]),
            goal(12, GoalLevel::School, &[99]),
        ],
        served_by: vec![
            ServedBy {
                goal: GoalId(10),
                teacher_goals: 7,
                teachers: 6,
            },
            ServedBy {
                goal: GoalId(11),
                teacher_goals: 3,
                teachers: 3,
            },
        ],
        teachers: vec![],
        my_schools: vec![],
    };
    let (links, loose) = chain(&year);
    assert_eq!(links.len(), 2);
    let ids = |l: &ChainLink<'_>| l.schools.iter().map(|(g, _)| g.id.0).collect::<Vec<_>>();
    assert_eq!(ids(&links[0]), [10, 11]);
    assert_eq!(links[0].teacher_goals, 10);
    assert_eq!(ids(&links[1]), [11]);
    assert_eq!(links[1].teacher_goals, 3);
    assert_eq!(links[1].schools[0].1.teachers, 3);
    assert_eq!(
        loose.iter().map(|g| g.id.0).collect::<Vec<_>>(),
        [12],
        "serves none shown"
    );
}
