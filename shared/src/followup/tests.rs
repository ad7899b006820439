use super::*;

fn group(id: i64, name: &str, schools: &[i64]) -> GroupInfo {
    GroupInfo {
        id: GroupId(id),
        name: name.into(),
        kind: GroupKind::Largrupp,
        subject: Some("MA".into()),
        stages: vec![Stage::Ak7_9],
        schools: schools.iter().copied().map(SchoolId).collect(),
    }
}

fn tally(id: i64, group: i64, on: &str, status: MeetingStatus, people: People) -> MeetingTally {
    MeetingTally {
        meeting_id: MeetingId(id),
        group_id: GroupId(group),
        activity_id: Some(ActivityId(100 + id % 2)),
        slot_title: Some(format!("Träff {}", id % 2)),
        starts_on: on.into(),
        status,
        marked: people.present + people.absent,
        people,
    }
}

fn people(members: i64, present: i64, absent: i64, plans: i64, prepared: i64) -> People {
    People {
        members,
        present,
        absent,
        plans,
        prepared,
    }
}

/// Three meetings of one group: two held (one with its protocol out, one without it
/// four days on), one to come.
fn input() -> Input {
    Input {
        from: "2026-08-17".into(),
        to: "2027-06-11".into(),
        today: "2026-12-01".into(),
        due_days: 2,
        scope: Some(Scope::Municipality),
        groups: vec![
            group(1, "Matematik 7–9 A", &[10, 11]),
            group(2, "Svenska F–3", &[11]),
        ],
        schools: vec![
            (SchoolId(10), "Öster".into()),
            (SchoolId(11), "Berga".into()),
        ],
        school: None,
        meetings: vec![
            tally(
                1,
                1,
                "2026-10-01",
                MeetingStatus::ProtokollPublicerat,
                people(5, 4, 1, 3, 5),
            ),
            tally(
                2,
                1,
                "2026-11-27",
                MeetingStatus::Genomford,
                people(5, 5, 0, 2, 1),
            ),
            tally(
                3,
                1,
                "2026-12-15",
                MeetingStatus::Planerad,
                people(5, 0, 0, 0, 2),
            ),
            // Another municipality's or another scope's: not in `groups`.
            tally(
                4,
                9,
                "2026-11-27",
                MeetingStatus::Genomford,
                people(9, 9, 0, 9, 9),
            ),
        ],
        school_tallies: vec![
            SchoolTally {
                meeting_id: MeetingId(1),
                school_id: SchoolId(10),
                people: people(2, 2, 0, 1, 2),
            },
            SchoolTally {
                meeting_id: MeetingId(1),
                school_id: SchoolId(11),
                people: people(3, 2, 1, 2, 3),
            },
            SchoolTally {
                meeting_id: MeetingId(2),
                school_id: SchoolId(11),
                people: people(3, 3, 0, 1, 1),
            },
        ],
        own: vec![],
        each_meeting: true,
    }
}

#[test]
fn two_held_one_published_says_one_of_two_protocols_missing() {
    let f = summarise(input());
    let t = f.total;
    assert_eq!((t.planned, t.held, t.not_held), (1, 2, 0));
    assert_eq!(
        (
            t.protocols_published,
            t.protocols_missing,
            t.protocols_pending
        ),
        (1, 1, 0)
    );
    assert_eq!((t.present, t.attendance_of), (9, 10));
    // Plans are expected of those not marked absent.
    assert_eq!((t.plans, t.plans_of), (5, 9));
    assert_eq!((t.prepared, t.prepared_of), (6, 10));
    assert_eq!(t.meetings(), 3);
    assert_eq!(f.missing.len(), 1);
    assert_eq!(f.missing[0].meeting_id, MeetingId(2));
    assert_eq!(f.missing[0].due_on, "2026-11-29");
    assert_eq!(f.meetings.len(), 3);
    assert_eq!(f.meetings[1].state, MeetingState::ProtocolMissing);
}

#[test]
fn schools_count_their_own_teachers_and_sort_in_swedish() {
    let f = summarise(input());
    let names: Vec<&str> = f.schools.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Berga", "Öster"]);
    let berga = f.schools[0].figures;
    assert_eq!((berga.held, berga.present, berga.attendance_of), (2, 5, 6));
    assert_eq!(berga.protocols_missing, 1);
    let oster = f.schools[1].figures;
    assert_eq!(
        (oster.held, oster.present, oster.protocols_missing),
        (1, 2, 0)
    );
    // A group without meetings is listed with nothing counted.
    assert_eq!(f.groups[1].name, "Svenska F–3");
    assert_eq!(f.groups[1].figures, Figures::default());
}

#[test]
fn one_school_asked_for_is_the_only_school_line() {
    let mut i = input();
    i.school = Some(SchoolId(10));
    let f = summarise(i);
    assert_eq!(f.schools.len(), 1);
    assert_eq!(f.schools[0].school_id, SchoolId(10));
}

#[test]
fn the_period_leaves_out_what_falls_outside_it() {
    let mut i = input();
    i.from = "2026-11-01".into();
    i.to = "2026-11-30".into();
    let f = summarise(i);
    assert_eq!(f.total.meetings(), 1);
    assert_eq!(f.slots.len(), 1);
    assert_eq!(f.slots[0].starts_on, "2026-11-27");
}

#[test]
fn slots_follow_the_year_and_own_meetings_come_last() {
    let mut i = input();
    i.meetings[0].activity_id = None;
    i.meetings[0].slot_title = None;
    let f = summarise(i);
    let order: Vec<Option<ActivityId>> = f.slots.iter().map(|s| s.activity_id).collect();
    assert_eq!(order, [Some(ActivityId(100)), Some(ActivityId(101)), None]);
    assert_eq!(f.slots[2].figures.protocols_published, 1);
}

#[test]
fn a_day_passed_without_anything_counts_as_not_held_and_no_one_is_counted() {
    let mut i = input();
    i.meetings[2].starts_on = "2026-11-30".into();
    let f = summarise(i);
    assert_eq!((f.total.not_held, f.total.planned), (1, 0));
    assert_eq!(f.total.prepared_of, 10);
}

#[test]
fn own_figures_count_plans_of_meetings_not_missed() {
    let mut i = input();
    let own = |id: i64, on: &str, status, present, plan| OwnTally {
        meeting_id: MeetingId(id),
        starts_on: String::from(on),
        status,
        marked: i64::from(status != MeetingStatus::Planerad),
        present,
        plan,
        prepared: plan,
    };
    i.own = vec![
        own(
            1,
            "2026-09-01",
            MeetingStatus::ProtokollPublicerat,
            Some(true),
            true,
        ),
        own(
            2,
            "2026-10-01",
            MeetingStatus::Genomford,
            Some(false),
            false,
        ),
        own(3, "2026-11-01", MeetingStatus::Genomford, None, false),
        own(4, "2026-12-24", MeetingStatus::Planerad, None, false),
    ];
    let f = summarise(i);
    assert_eq!(f.own.held, 3);
    assert_eq!(f.own.present, 1);
    assert_eq!((f.own.plans, f.own.plans_of), (1, 2));
}

#[test]
fn periods_are_terms_or_dates() {
    let year = SchoolYear {
        id: crate::ids::SchoolYearId(1),
        name: "2026/27".into(),
        starts_on: "2026-08-17".into(),
        spring_starts_on: "2027-01-11".into(),
        ends_on: "2027-06-11".into(),
        version: 1,
    };
    assert_eq!(
        period(&year, Some(Term::Autumn), None, None).ok(),
        Some(("2026-08-17".into(), "2027-01-10".into()))
    );
    assert_eq!(
        period(&year, Some(Term::Spring), Some("2027-02-01"), None).ok(),
        Some(("2027-02-01".into(), "2027-06-11".into()))
    );
    assert_eq!(
        period(&year, None, Some("2026-13-01"), None)
            .err()
            .map(|e| e.field),
        Some("from")
    );
    assert_eq!(
        period(&year, None, Some("2026-12-01"), Some("2026-11-01"))
            .err()
            .map(|e| e.field),
        Some("to")
    );
    assert_eq!(percent(2, 3), Some(67));
    assert_eq!(percent(0, 0), None);
}

#[test]
fn ties_are_ordered_by_id_whatever_order_the_rows_came_in() {
    // Two groups of one name, each with a meeting on the same day: held, no protocol.
    let mut a = input();
    a.groups.push(group(3, "Matematik 7–9 A", &[10]));
    a.meetings.push(tally(
        6,
        3,
        "2026-11-27",
        MeetingStatus::Genomford,
        people(4, 4, 0, 1, 1),
    ));
    a.schools.push((SchoolId(12), "Berga".into()));
    let mut b = a.clone();
    b.groups.reverse();
    b.meetings.reverse();
    b.schools.reverse();
    let (x, y) = (summarise(a), summarise(b));
    assert_eq!(x, y);
    let missing: Vec<i64> = x.missing.iter().map(|m| m.meeting_id.0).collect();
    assert_eq!(missing, [2, 6]);
    let groups: Vec<i64> = x.groups.iter().map(|g| g.group_id.0).collect();
    assert_eq!(groups, [1, 3, 2]);
    let schools: Vec<i64> = x.schools.iter().map(|s| s.school_id.0).collect();
    assert_eq!(schools, [11, 12, 10]);
}
