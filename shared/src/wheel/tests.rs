use super::*;
use crate::groups::SchoolYearId;

fn year() -> SchoolYear {
    SchoolYear {
        id: SchoolYearId(1),
        name: "2026/27".into(),
        starts_on: "2026-08-17".into(),
        spring_starts_on: "2027-01-08".into(),
        ends_on: "2027-06-12".into(),
        version: 1,
    }
}

fn input() -> ActivityInput {
    ActivityInput {
        ring_id: RingId(1),
        title: "Lärgruppsträff 1".into(),
        description: String::new(),
        starts_on: "2026-09-10".into(),
        ends_on: "2026-09-10".into(),
        start_time: Some("15:00".into()),
        end_time: Some("16:30".into()),
        audience: Audience::Everyone,
        theme: None,
        version: None,
    }
}

fn fields(input: &ActivityInput) -> Vec<(&'static str, Msg)> {
    input
        .validate()
        .into_iter()
        .map(|e| (e.field, e.msg))
        .collect()
}

#[test]
fn an_activity_needs_a_title_real_dates_in_order_and_both_times_or_none() {
    assert_eq!(fields(&input()), vec![]);
    let mut a = input();
    a.title = " ".into();
    a.starts_on = "2026-09-31".into();
    assert_eq!(
        fields(&a),
        vec![
            ("title", Msg::FieldRequired),
            ("starts_on", Msg::DateInvalid)
        ]
    );
    let mut a = input();
    a.ends_on = "2026-09-09".into();
    assert_eq!(fields(&a), vec![("ends_on", Msg::EndBeforeStart)]);
    let mut a = input();
    a.end_time = None;
    assert_eq!(fields(&a), vec![("end_time", Msg::FieldRequired)]);
    let mut a = input();
    a.end_time = Some("14:00".into());
    assert_eq!(fields(&a), vec![("end_time", Msg::EndBeforeStart)]);
    let mut a = input();
    a.start_time = Some("25:00".into());
    assert_eq!(fields(&a), vec![("start_time", Msg::TimeInvalid)]);
    // A theme for the whole autumn term, all day.
    let mut a = input();
    a.starts_on = "2026-08-17".into();
    a.ends_on = "2026-12-21".into();
    a.start_time = None;
    a.end_time = None;
    a.theme = Some("Bedömning för lärande".into());
    assert_eq!(fields(&a), vec![]);
    assert!(a.within(&year()));
    a.ends_on = "2027-08-01".into();
    assert!(!a.within(&year()), "beyond the wheel's July");
}

#[test]
fn audiences_name_everyone_a_role_a_kind_of_group_or_groups() {
    let roles = [Role::Larare];
    let groups = [
        (GroupId(4), GroupKind::Largrupp),
        (GroupId(9), GroupKind::Projektgrupp),
    ];
    assert!(Audience::Everyone.includes(&[], &[]));
    assert!(Audience::Role { role: Role::Larare }.includes(&roles, &groups));
    assert!(!Audience::Role { role: Role::Rektor }.includes(&roles, &groups));
    assert!(
        Audience::GroupKind {
            group_kind: GroupKind::Largrupp
        }
        .includes(&roles, &groups)
    );
    assert!(
        !Audience::GroupKind {
            group_kind: GroupKind::Rektorsgrupp
        }
        .includes(&roles, &groups)
    );
    assert!(
        Audience::Groups {
            groups: vec![GroupId(9)]
        }
        .includes(&roles, &groups)
    );
    assert!(
        !Audience::Groups {
            groups: vec![GroupId(5)]
        }
        .includes(&roles, &groups)
    );
    let json = serde_json::to_value(Audience::GroupKind {
        group_kind: GroupKind::Largrupp,
    })
    .expect("json");
    assert_eq!(
        json,
        serde_json::json!({"kind": "group_kind", "group_kind": "largrupp"})
    );
}

#[test]
fn a_new_year_marks_the_school_holidays() {
    let h = holidays(&year(), Lang::Sv);
    let by_name = |n: &str| {
        let (_, a, b) = h.iter().find(|(name, _, _)| name == n).expect(n);
        (a.to_string(), b.to_string())
    };
    assert_eq!(
        by_name("Höstlov"),
        ("2026-10-26".into(), "2026-10-30".into())
    );
    assert_eq!(
        by_name("Jullov"),
        ("2026-12-22".into(), "2027-01-07".into())
    );
    assert_eq!(
        by_name("Sportlov"),
        ("2027-03-01".into(), "2027-03-05".into())
    );
    // Easter Sunday 2027 is 28 March: påsklov from Easter Monday.
    assert_eq!(
        by_name("Påsklov"),
        ("2027-03-29".into(), "2027-04-02".into())
    );
    for (_, a, b) in &h {
        assert!(a <= b);
    }
}

#[test]
fn the_template_has_every_ring_once_with_a_valid_colour() {
    let codes: Vec<&str> = RingKind::TEMPLATE.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), 8);
    for k in RingKind::TEMPLATE.into_iter().chain([RingKind::Other]) {
        assert_eq!(RingKind::from_code(k.code()), Some(k));
        assert!(is_colour(k.default_colour()), "{}", k.code());
        assert!(!k.default_name(Lang::Sv).is_empty());
    }
    assert!(!is_colour("#12345g"));
    assert!(!is_colour("123456"));
}
