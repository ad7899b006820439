//! Times the formation of learning groups for a generated municipality of 5,000
//! teachers over 40 schools (`cargo run --release -p kollegium-shared --example formation`),
//! and prints the school-mix figures of the result.

use std::time::Instant;

use kollegium_shared::groups::formation::{self, Candidate, Settings};
use kollegium_shared::ids::{PersonId, SchoolId};
use kollegium_shared::org::{SUBJECTS, Stage};

fn main() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let stages = [
        Stage::Forskoleklass,
        Stage::Ak1_3,
        Stage::Ak4_6,
        Stage::Ak7_9,
        Stage::Fritidshem,
    ];
    let teachers: Vec<Candidate> = (1..=5000)
        .map(|i| {
            // Squaring skews towards the first subjects, as real staff lists are.
            let pick = (next(100) * next(100)) as usize * SUBJECTS.len() / 10_000;
            Candidate {
                id: PersonId(i),
                school: Some(SchoolId(next(40) as i64 + 1)),
                subjects: vec![SUBJECTS[pick].code.to_owned()],
                stages: vec![stages[next(stages.len() as u64) as usize]],
                chosen_subject: None,
            }
        })
        .collect();
    let runs = 20;
    let started = Instant::now();
    let mut plan = None;
    for _ in 0..runs {
        plan = Some(formation::form(&teachers, &[], Settings::default()));
    }
    let each = started.elapsed() / runs;
    let plan = plan.expect("ran");
    let mix = formation::mix_report(&plan);
    println!(
        "5000 teachers → {} groups ({} flagged) in {:.2} ms each (mean of {runs})",
        plan.groups.len(),
        plan.flagged().count(),
        each.as_secs_f64() * 1000.0
    );
    println!(
        "school mix: rule holds {}, at most {} from one school ({} %), {:.1} schools per group",
        mix.rule_holds, mix.max_same_school, mix.max_share_percent, mix.mean_schools_per_group
    );
}
