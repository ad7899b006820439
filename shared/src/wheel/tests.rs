use super::*;
use crate::ids::{ActivityId, RingId, SchoolYearId};

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
        library_items: Vec::new(),
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
fn a_ring_needs_a_name_and_a_colour_written_as_hex() {
    let ring = |name: &str, colour: &str| RingInput {
        year: None,
        name: name.into(),
        colour: colour.into(),
        version: None,
    };
    assert!(ring("Skolutveckling", "#3d5a40").validate().is_empty());
    let errors: Vec<(&str, Msg)> = ring("", "red")
        .validate()
        .into_iter()
        .map(|e| (e.field, e.msg))
        .collect();
    assert_eq!(
        errors,
        vec![("name", Msg::FieldRequired), ("colour", Msg::ColourInvalid)]
    );
    assert!(!ring("X", "#12345g").validate().is_empty());
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
    a.audience = Audience::Groups { groups: Vec::new() };
    assert_eq!(fields(&a), vec![("audience", Msg::FieldRequired)]);
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
fn an_activity_at_an_hour_the_clocks_skip_or_repeat_is_refused() {
    let mut a = input();
    a.starts_on = "2027-03-28".into();
    a.ends_on = "2027-03-28".into();
    a.start_time = Some("02:30".into());
    a.end_time = Some("04:00".into());
    assert_eq!(fields(&a), vec![("start_time", Msg::LocalTimeSkipped)]);
    a.starts_on = "2027-03-27".into();
    a.start_time = Some("20:00".into());
    a.end_time = Some("02:15".into());
    assert_eq!(fields(&a), vec![("end_time", Msg::LocalTimeSkipped)]);
    a.starts_on = "2026-10-25".into();
    a.ends_on = "2026-10-25".into();
    a.start_time = Some("02:00".into());
    a.end_time = Some("05:00".into());
    assert_eq!(fields(&a), vec![("start_time", Msg::LocalTimeRepeated)]);
    a.start_time = Some("03:00".into());
    assert_eq!(fields(&a), vec![]);
}

#[test]
fn an_activity_links_library_items_once_each_and_at_most_twenty() {
    use crate::ids::ItemId;
    use crate::library::MAX_LINKED_ITEMS;
    let mut a = input();
    a.library_items = vec![ItemId(3), ItemId(1)];
    assert_eq!(fields(&a), vec![]);
    a.library_items.push(ItemId(3));
    assert_eq!(fields(&a), vec![("library_items", Msg::LinkedItemsInvalid)]);
    a.library_items = (1..=MAX_LINKED_ITEMS as i64).map(ItemId).collect();
    assert_eq!(fields(&a), vec![]);
    a.library_items.push(ItemId(99));
    assert_eq!(fields(&a), vec![("library_items", Msg::LinkedItemsInvalid)]);
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

mod copying {
    use super::super::copy::{CopyNote, plan, same_week_day, weeks_in};
    use super::*;
    use crate::date::Date;

    fn day(s: &str) -> Date {
        Date::parse(s).expect("a date")
    }

    fn next_year() -> SchoolYear {
        SchoolYear {
            id: SchoolYearId(2),
            name: "2027/28".into(),
            starts_on: "2027-08-16".into(),
            spring_starts_on: "2028-01-10".into(),
            ends_on: "2028-06-10".into(),
            version: 1,
        }
    }

    fn ring(id: i64, kind: RingKind) -> Ring {
        Ring {
            id: RingId(id),
            kind,
            name: kind.default_name(Lang::Sv).into(),
            colour: kind.default_colour().into(),
            position: id as u32,
            version: 1,
        }
    }

    fn activity(id: i64, ring: i64, first: &str, last: &str, audience: Audience) -> Activity {
        Activity {
            id: ActivityId(id),
            ring_id: RingId(ring),
            title: format!("Aktivitet {id}"),
            description: String::new(),
            starts_on: first.into(),
            ends_on: last.into(),
            start_time: None,
            end_time: None,
            audience,
            theme: None,
            library: Vec::new(),
            version: 1,
        }
    }

    #[test]
    fn a_day_keeps_its_week_number_and_weekday() {
        // Thursday of week 48.
        assert_eq!(same_week_day(day("2026-11-26"), 1), day("2027-12-02"));
        assert_eq!(day("2027-12-02").iso_week(), 48);
        // 2026 has 53 weeks, 2027 has 52: week 53 becomes week 52.
        assert_eq!((weeks_in(2026), weeks_in(2027)), (53, 52));
        assert_eq!(same_week_day(day("2026-12-31"), 1), day("2027-12-30"));
        // 1 January 2027 is in week 53 of 2026.
        assert_eq!(same_week_day(day("2027-01-01"), 1), day("2027-12-31"));
        // A Monday in week 1 stays one.
        assert_eq!(same_week_day(day("2027-01-04"), 1), day("2028-01-03"));
        assert_eq!(same_week_day(day("2027-08-16"), 0), day("2027-08-16"));
        for d in (0..800).map(|n| day("2026-01-01").add_days(n)) {
            let moved = same_week_day(d, 1);
            assert_eq!(moved.weekday(), d.weekday(), "{d}");
            assert_eq!(moved.iso_week(), d.iso_week().min(52), "{d}");
            assert!((357..=371).contains(&d.days_until(moved)), "{d} → {moved}");
        }
    }

    #[test]
    fn a_wheel_is_copied_with_the_new_years_holidays_for_review() {
        let wheel = Wheel {
            school_year: year(),
            rings: vec![
                ring(1, RingKind::Meetings),
                ring(2, RingKind::Themes),
                ring(3, RingKind::Holidays),
                ring(4, RingKind::Projects),
            ],
            activities: vec![
                // A project's milestone stays with its project.
                activity(16, 4, "2027-03-15", "2027-03-15", Audience::Everyone),
                Activity {
                    start_time: Some("15:00".into()),
                    end_time: Some("16:30".into()),
                    ..activity(10, 1, "2026-11-26", "2026-11-26", Audience::Everyone)
                },
                // A theme for the autumn term, 123 days long, with material.
                Activity {
                    library: vec![crate::library::ItemRef {
                        id: crate::ids::ItemId(40),
                        title: "Formativ bedömning".into(),
                        kind: crate::library::ItemKind::Film,
                    }],
                    ..activity(11, 2, "2026-08-17", "2026-12-18", Audience::Everyone)
                },
                activity(12, 3, "2026-10-26", "2026-10-30", Audience::Everyone),
                activity(
                    14,
                    1,
                    "2026-09-10",
                    "2026-09-10",
                    Audience::Groups {
                        groups: vec![GroupId(5), GroupId(6)],
                    },
                ),
                activity(
                    15,
                    1,
                    "2026-09-11",
                    "2026-09-11",
                    Audience::Groups {
                        groups: vec![GroupId(5), GroupId(7)],
                    },
                ),
            ],
            mine: Vec::new(),
        };
        let kinds = [
            (GroupId(5), GroupKind::Largrupp),
            (GroupId(6), GroupKind::Largrupp),
            (GroupId(7), GroupKind::Projektgrupp),
        ];
        let copy = plan(&wheel, &next_year(), &kinds);
        let of = |id: i64| {
            copy.activities
                .iter()
                .find(|c| c.source.as_ref().is_some_and(|s| s.id.0 == id))
                .expect("copied")
        };
        let meeting = of(10).copy.as_ref().expect("copied");
        assert_eq!(
            (meeting.starts_on.as_str(), meeting.ends_on.as_str()),
            ("2027-12-02", "2027-12-02")
        );
        assert_eq!(meeting.start_time.as_deref(), Some("15:00"));
        assert_eq!(meeting.ring_id, RingId(1));
        assert_eq!(of(10).note, None);
        let theme = of(11).copy.as_ref().expect("copied");
        assert_eq!(
            (theme.starts_on.as_str(), theme.ends_on.as_str()),
            ("2027-08-23", "2027-12-24")
        );
        assert_eq!(theme.library_items, vec![crate::ids::ItemId(40)]);
        assert!(meeting.library_items.is_empty());
        assert_eq!(
            (of(12).copy.clone(), of(12).note),
            (None, Some(CopyNote::Holiday))
        );
        assert_eq!(
            of(14).copy.as_ref().expect("copied").audience,
            Audience::GroupKind {
                group_kind: GroupKind::Largrupp
            }
        );
        assert_eq!(of(14).note, Some(CopyNote::AudienceWidened));
        assert_eq!(
            (of(16).copy.clone(), of(16).note),
            (None, Some(CopyNote::Milestone))
        );
        assert!(copy.rings.iter().all(|r| r.kind != RingKind::Projects));
        assert_eq!(
            of(15).copy.as_ref().expect("copied").audience,
            Audience::Everyone
        );
        // The new year's holidays, on the holidays ring: höstlov is week 44 of 2027.
        let new_holidays: Vec<&ActivityInput> = copy
            .activities
            .iter()
            .filter(|c| c.source.is_none())
            .filter_map(|c| c.copy.as_ref())
            .collect();
        assert_eq!(new_holidays.len(), 4);
        assert!(new_holidays.iter().all(|h| h.ring_id == RingId(3)));
        assert_eq!(new_holidays[0].starts_on, "2027-11-01");
        // What is saved comes in date order, what is left out last.
        let order: Vec<bool> = copy.activities.iter().map(|c| c.copy.is_some()).collect();
        assert_eq!(order.iter().filter(|k| **k).count(), 8);
        assert_eq!(order.len(), 10);
        assert!(order.windows(2).all(|w| w[0] >= w[1]));
        let starts: Vec<&str> = copy
            .activities
            .iter()
            .filter_map(|c| c.copy.as_ref().map(|i| i.starts_on.as_str()))
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        // The fingerprint follows the wheel copied from.
        let mut changed = wheel.clone();
        changed.activities[0].version = 2;
        assert_ne!(
            plan(&changed, &next_year(), &kinds).fingerprint,
            copy.fingerprint
        );
        assert_eq!(
            plan(&wheel, &next_year(), &kinds).fingerprint,
            copy.fingerprint
        );
    }

    #[test]
    fn what_would_fall_outside_the_new_year_is_left_out() {
        // 1 August 2027 is the Sunday of week 30; in 2028 that Sunday is 30 July, before
        // the school year 2028/29 begins.
        let wheel = Wheel {
            school_year: next_year(),
            rings: vec![ring(1, RingKind::StudyDays)],
            activities: vec![
                activity(1, 1, "2027-08-01", "2027-08-01", Audience::Everyone),
                activity(2, 1, "2027-08-09", "2027-08-09", Audience::Everyone),
            ],
            mine: Vec::new(),
        };
        let later = SchoolYear {
            id: SchoolYearId(3),
            name: "2028/29".into(),
            starts_on: "2028-08-21".into(),
            spring_starts_on: "2029-01-09".into(),
            ends_on: "2029-06-15".into(),
            version: 1,
        };
        let copy = plan(&wheel, &later, &[]);
        let notes: Vec<(Option<String>, Option<CopyNote>)> = copy
            .activities
            .iter()
            .map(|c| (c.copy.as_ref().map(|i| i.starts_on.clone()), c.note))
            .collect();
        assert_eq!(
            notes,
            vec![
                (Some("2028-08-07".into()), None),
                (None, Some(CopyNote::OutsideYear))
            ]
        );
    }
}
