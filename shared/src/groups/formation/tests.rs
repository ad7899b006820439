use super::*;

/// A small deterministic generator for generated staff.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SUBJECTS: [&str; 6] = [
    "matematik",
    "svenska",
    "engelska",
    "musik",
    "slojd",
    "idrott",
];
const STAGES: [Stage; 4] = [Stage::Ak1_3, Stage::Ak4_6, Stage::Ak7_9, Stage::Fritidshem];

fn teacher(id: i64, school: i64, subject: &str, stage: Stage) -> Candidate {
    Candidate {
        id: PersonId(id),
        school: Some(SchoolId(school)),
        subjects: vec![subject.to_owned()],
        stages: vec![stage],
        chosen_subject: None,
    }
}

/// `n` teachers over `schools` schools, subjects weighted towards the big ones.
fn staff(seed: u64, n: usize, schools: u64) -> Vec<Candidate> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    (0..n)
        .map(|i| {
            let subject = SUBJECTS[(rng.below(36) as f64).sqrt() as usize];
            let mut subjects = vec![subject.to_owned()];
            if rng.below(3) == 0 {
                subjects.push(SUBJECTS[rng.below(6) as usize].to_owned());
            }
            Candidate {
                id: PersonId(i as i64 + 1),
                school: Some(SchoolId(rng.below(schools) as i64 + 1)),
                subjects,
                stages: vec![STAGES[rng.below(4) as usize]],
                chosen_subject: None,
            }
        })
        .collect()
}

fn name(code: &str) -> String {
    match code {
        "matematik" => "Matematik".into(),
        "musik" => "Musik".into(),
        other => other.to_owned(),
    }
}

fn settings(min: u32, max: u32) -> Settings {
    Settings {
        bounds: Bounds { min, max },
        grouping: Grouping::SubjectStage,
    }
}

fn everyone_once(plan: &Plan, candidates: &[Candidate]) {
    let mut seen: Vec<PersonId> = plan
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(|m| m.person))
        .collect();
    seen.sort();
    let mut expected: Vec<PersonId> = candidates.iter().map(|c| c.id).collect();
    expected.sort();
    expected.dedup();
    assert_eq!(seen, expected, "every teacher in exactly one group");
}

#[test]
fn a_category_is_split_into_groups_within_the_bounds() {
    let thirty: Vec<Candidate> = (1..=30)
        .map(|i| teacher(i, i % 5, "matematik", Stage::Ak4_6))
        .collect();
    let plan = form(&thirty, &[], settings(10, 15));
    let sizes: Vec<usize> = plan.groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes, [15, 15]);
    assert_eq!(plan.flagged().count(), 0);
    assert_eq!(plan.groups[0].name(Lang::Sv, &name), "Matematik 4–6 A");
    assert_eq!(plan.groups[1].name(Lang::Sv, &name), "Matematik 4–6 B");

    let thirty_one: Vec<Candidate> = (1..=31)
        .map(|i| teacher(i, i % 5, "matematik", Stage::Ak4_6))
        .collect();
    let plan = form(&thirty_one, &[], settings(10, 15));
    let sizes: Vec<usize> = plan.groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes, [11, 10, 10], "two groups would be 16 and 15");
}

#[test]
fn when_no_split_fits_the_bounds_the_least_breach_is_chosen_and_flagged() {
    // 16 teachers with 10–15: one group of 16 breaks the bounds by one, two of 8 by four.
    let sixteen: Vec<Candidate> = (1..=16)
        .map(|i| teacher(i, i % 4, "svenska", Stage::Ak1_3))
        .collect();
    let plan = form(&sixteen, &[], settings(10, 15));
    assert_eq!(plan.groups.len(), 1);
    assert!(plan.groups[0].needs_decision);
}

#[test]
fn a_small_category_merges_with_the_nearest_stage_of_its_subject() {
    let mut staff: Vec<Candidate> = (1..=4)
        .map(|i| teacher(i, i, "musik", Stage::Ak4_6))
        .collect();
    staff.extend((5..=12).map(|i| teacher(i, i, "musik", Stage::Ak7_9)));
    staff.extend((13..=24).map(|i| teacher(i, i % 3, "matematik", Stage::Ak1_3)));
    let plan = form(&staff, &[], settings(10, 15));
    let music: Vec<&PlannedGroup> = plan
        .groups
        .iter()
        .filter(|g| g.category.subject.as_deref() == Some("musik"))
        .collect();
    assert_eq!(music.len(), 1);
    assert_eq!(music[0].members.len(), 12);
    assert_eq!(music[0].category.bands, [Band::Y46, Band::Y79]);
    assert_eq!(music[0].name(Lang::Sv, &name), "Musik 4–9");
    assert!(!music[0].needs_decision);
    let text = music[0].reason_text(&music[0].members[0], Lang::Sv, &name);
    assert_eq!(
        text,
        "Musik 4–9, stadier sammanslagna för att nå gruppstorleken, fler skolor i gruppen"
    );
}

#[test]
fn a_small_category_without_a_neighbouring_stage_is_flagged() {
    let mut staff: Vec<Candidate> = (1..=3)
        .map(|i| teacher(i, i, "slojd", Stage::Fritidshem))
        .collect();
    // Music F–3 and 7–9 are two bands apart: not merged.
    staff.extend((4..=6).map(|i| teacher(i, i, "musik", Stage::Ak1_3)));
    staff.extend((7..=9).map(|i| teacher(i, i, "musik", Stage::Ak7_9)));
    let plan = form(&staff, &[], settings(10, 15));
    assert_eq!(plan.groups.len(), 3);
    assert_eq!(plan.flagged().count(), 3);
    everyone_once(&plan, &staff);
}

#[test]
fn the_reason_names_the_category_and_the_school_mix() {
    let staff: Vec<Candidate> = (1..=12)
        .map(|i| teacher(i, i % 3, "matematik", Stage::Ak4_6))
        .collect();
    let plan = form(&staff, &[], settings(10, 15));
    let g = &plan.groups[0];
    assert_eq!(
        g.reason_text(&g.members[0], Lang::Sv, &name),
        "Matematik 4–6, fler skolor i gruppen"
    );
    assert_eq!(
        g.reason_text(&g.members[0], Lang::En, &name),
        "Matematik 4–6, several schools in the group"
    );
}

#[test]
fn a_teacher_who_chose_a_subject_is_placed_by_it() {
    let mut staff: Vec<Candidate> = (1..=10)
        .map(|i| teacher(i, i, "musik", Stage::Ak7_9))
        .collect();
    staff.extend((11..=20).map(|i| teacher(i, i, "matematik", Stage::Ak7_9)));
    staff[12].subjects = vec!["matematik".into(), "musik".into()];
    staff[12].chosen_subject = Some("musik".into());
    let plan = form(&staff, &[], settings(10, 15));
    let group = plan
        .groups
        .iter()
        .find(|g| g.members.iter().any(|m| m.person == staff[12].id))
        .expect("placed");
    assert_eq!(group.category.subject.as_deref(), Some("musik"));
    let placement = group
        .members
        .iter()
        .find(|m| m.person == staff[12].id)
        .expect("placed");
    assert!(placement.reason.chosen_subject);
    assert!(
        group
            .reason_text(placement, Lang::Sv, &name)
            .contains("eget val av ämne")
    );
}

#[test]
fn other_groupings_group_across_subjects_or_stages() {
    let staff = staff(7, 200, 8);
    for grouping in [Grouping::Subject, Grouping::Stage, Grouping::Mixed] {
        let plan = form(
            &staff,
            &[],
            Settings {
                bounds: Bounds { min: 7, max: 10 },
                grouping,
            },
        );
        everyone_once(&plan, &staff);
        for g in &plan.groups {
            match grouping {
                Grouping::Subject => assert!(g.category.bands.is_empty()),
                Grouping::Stage => assert!(g.category.subject.is_none()),
                _ => assert_eq!(
                    g.category,
                    Category {
                        subject: None,
                        bands: vec![]
                    }
                ),
            }
        }
    }
}

#[test]
fn generated_staff_keep_every_rule() {
    for seed in 1..=150u64 {
        let n = 20 + (seed as usize * 37) % 600;
        let schools = 2 + seed % 12;
        let staff = staff(seed, n, schools);
        let (min, max) = if seed % 2 == 0 { (10, 15) } else { (7, 10) };
        let plan = form(&staff, &[], settings(min, max));
        everyone_once(&plan, &staff);
        let report = mix_report(&plan);
        assert!(report.rule_holds, "seed {seed}: school-mix rule");
        let mut by_category: BTreeMap<&Category, Vec<usize>> = BTreeMap::new();
        for g in &plan.groups {
            by_category
                .entry(&g.category)
                .or_default()
                .push(g.members.len());
            let size = g.members.len() as u32;
            assert_eq!(
                g.needs_decision,
                size < min || size > max,
                "seed {seed}: flagged exactly when outside the bounds"
            );
        }
        for sizes in by_category.values() {
            let (lo, hi) = (sizes.iter().min(), sizes.iter().max());
            assert!(
                hi.zip(lo).is_some_and(|(h, l)| h - l <= 1),
                "seed {seed}: sizes even"
            );
        }
        // A category that could fit the bounds does.
        for g in plan.groups.iter().filter(|g| g.needs_decision) {
            let total: usize = sizes_of(&plan, &g.category).iter().sum();
            let k = sizes_of(&plan, &g.category).len() as u32;
            let fits =
                (1..=total as u32).any(|k| k * min <= total as u32 && total as u32 <= k * max);
            assert!(
                !fits || (total as u32) < min,
                "seed {seed}: {total} teachers in {k} groups could have fitted"
            );
        }
    }
}

fn sizes_of(plan: &Plan, category: &Category) -> Vec<usize> {
    plan.groups
        .iter()
        .filter(|g| &g.category == category)
        .map(|g| g.members.len())
        .collect()
}

#[test]
fn the_same_input_in_any_order_gives_the_same_plan() {
    let staff = staff(42, 400, 9);
    let plan = form(&staff, &[], settings(10, 15));
    let mut shuffled = staff.clone();
    let mut rng = Rng(99);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i as u64 + 1) as usize);
    }
    assert_eq!(form(&shuffled, &[], settings(10, 15)), plan);
    assert_ne!(
        form(&staff, &[], settings(7, 10)).fingerprint,
        plan.fingerprint,
        "other settings, other fingerprint"
    );
}

fn as_existing(plan: &Plan) -> Vec<ExistingGroup> {
    plan.groups
        .iter()
        .enumerate()
        .map(|(i, g)| ExistingGroup {
            id: GroupId(i as i64 + 100),
            subject: g.category.subject.clone(),
            stages: g.category.stages(),
            members: g.members.iter().map(|m| m.person).collect(),
        })
        .collect()
}

#[test]
fn new_teachers_join_without_moving_anyone() {
    for seed in 1..=40u64 {
        let mut staff = staff(seed, 300, 6);
        let first = form(&staff, &[], settings(10, 15));
        let existing = as_existing(&first);
        let newcomers: Vec<Candidate> = (0..5)
            .map(|i| {
                let mut t = staff[(seed as usize * 7 + i * 13) % staff.len()].clone();
                t.id = PersonId(10_000 + i as i64);
                t
            })
            .collect();
        staff.extend(newcomers.clone());
        let second = form(&staff, &existing, settings(10, 15));
        everyone_once(&second, &staff);
        for g in &existing {
            let now = second
                .groups
                .iter()
                .find(|p| p.existing == Some(g.id))
                .expect("the group is kept");
            let kept: Vec<PersonId> = now
                .members
                .iter()
                .filter(|m| m.reason.kept)
                .map(|m| m.person)
                .collect();
            assert_eq!(kept, g.members, "seed {seed}: nobody moved");
        }
        for n in &newcomers {
            let group = second
                .groups
                .iter()
                .find(|g| g.members.iter().any(|m| m.person == n.id))
                .expect("placed");
            assert_eq!(
                group.category.subject.as_ref(),
                n.subjects.first(),
                "seed {seed}: placed by subject"
            );
            assert!(
                group.existing.is_some(),
                "seed {seed}: joined an existing group"
            );
        }
    }
}

#[test]
fn enough_new_teachers_of_a_new_category_form_their_own_group() {
    let staff: Vec<Candidate> = (1..=12)
        .map(|i| teacher(i, i % 3, "matematik", Stage::Ak4_6))
        .collect();
    let existing = as_existing(&form(&staff, &[], settings(10, 15)));
    let mut more = staff.clone();
    more.extend((13..=24).map(|i| teacher(i, i % 3, "engelska", Stage::Ak7_9)));
    let plan = form(&more, &existing, settings(10, 15));
    assert_eq!(plan.groups.len(), 2);
    assert_eq!(plan.groups[1].existing, None);
    assert_eq!(plan.groups[1].members.len(), 12);
}

#[test]
fn bounds_are_checked() {
    assert!(Bounds { min: 10, max: 15 }.check().is_ok());
    assert!(Bounds { min: 7, max: 7 }.check().is_ok());
    assert!(Bounds { min: 1, max: 15 }.check().is_err());
    assert!(Bounds { min: 16, max: 15 }.check().is_err());
}

#[test]
fn band_ranges_read_as_schools_say_them() {
    assert_eq!(bands_label(&[Band::F3], Lang::Sv), "F–3");
    assert_eq!(
        bands_label(&[Band::F3, Band::Y46, Band::Y79], Lang::Sv),
        "F–9"
    );
    assert_eq!(bands_label(&[Band::Y46, Band::Y79], Lang::Sv), "4–9");
    assert_eq!(bands_label(&[Band::Fritids], Lang::Sv), "fritidshem");
}
