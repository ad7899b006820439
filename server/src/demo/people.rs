//! The demo's people and schools: "Demo kommun" with eight schools and about 150 staff
//! with invented names, and the small "Övningskommun" beside it.

use kollegium_shared::org::{Role, Stage};

use crate::store::seed::{PlannedMunicipality, PlannedPerson, PlannedSchool};

const FIRST_NAMES: &[&str] = &[
    "Alva",
    "Bertil",
    "Cecilia",
    "David",
    "Ebba",
    "Fredrik",
    "Greta",
    "Hugo",
    "Ida",
    "Jonas",
    "Klara",
    "Leo",
    "Märta",
    "Nils",
    "Olivia",
    "Per",
    "Ronja",
    "Sixten",
    "Tove",
    "Ulf",
    "Vera",
    "Wilhelm",
    "Ylva",
    "Åsa",
    "Ängla",
    "Örjan",
    "Agnes",
    "Björn",
    "Dagny",
    "Erik",
    "Frida",
    "Gustav",
    "Hanna",
    "Isak",
    "Johanna",
    "Kasper",
    "Linnea",
    "Magnus",
    "Nora",
    "Oskar",
    "Petra",
    "Rasmus",
    "Stina",
    "Torbjörn",
];
const LAST_NAMES: &[&str] = &[
    "Almgren",
    "Bergdahl",
    "Carlsund",
    "Dahlin",
    "Ekholm",
    "Falk",
    "Grahn",
    "Hedlund",
    "Isaksson",
    "Järvholm",
    "Kjellberg",
    "Lövgren",
    "Malmsten",
    "Norén",
    "Ohlsson",
    "Palmgren",
    "Rydén",
    "Sandström",
    "Thorén",
    "Uddén",
    "Vikström",
    "Wahlberg",
    "Åberg",
    "Öhman",
    "Backlund",
    "Dalén",
    "Engström",
    "Forsberg",
    "Hallin",
    "Lundell",
    "Mossberg",
    "Nordin",
    "Strand",
    "Tegnér",
    "Wennberg",
];

/// Subject combinations of the demo's teachers by stage band.
const F3_SUBJECTS: &[&[&str]] = &[
    &["svenska", "matematik"],
    &["matematik", "svenska"],
    &["svenska", "matematik", "engelska"],
    &["svenska", "svenska_som_andrasprak"],
    &["specialpedagogik"],
];
const AK46_SUBJECTS: &[&[&str]] = &[
    &["matematik", "biologi", "fysik"],
    &["svenska", "engelska", "historia"],
    &["matematik", "teknik"],
    &["svenska", "samhallskunskap", "geografi"],
    &["idrott_och_halsa"],
];
const AK79_SUBJECTS: &[&[&str]] = &[
    &["matematik", "fysik"],
    &["svenska", "engelska"],
    &["historia", "samhallskunskap"],
    &["biologi", "kemi"],
    &["matematik", "teknik"],
    &["engelska", "moderna_sprak"],
    &["geografi", "religionskunskap"],
    &["svenska", "svenska_som_andrasprak"],
    &["idrott_och_halsa"],
    &["bild"],
    &["musik"],
    &["slojd"],
    &["hem_och_konsumentkunskap"],
    &["specialpedagogik"],
    &["modersmal"],
    &["matematik", "kemi"],
    &["svenska", "historia"],
    &["engelska", "geografi"],
    &["biologi", "fysik"],
    &["teknik", "slojd"],
];

/// Folds a name into the ASCII local part of a demo e-mail address.
fn email_part(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c => c,
        })
        .collect()
}

/// The demo municipality "Demo kommun": eight schools from förskoleklass to åk 9 with
/// fritids, about 150 staff, and the five named logins of the README.
pub(super) fn demo_plan() -> PlannedMunicipality {
    use Stage::*;
    let f3 = || vec![Forskoleklass, Ak1_3];
    let schools = vec![
        PlannedSchool {
            name: "Ekbackeskolan",
            stages: [f3(), vec![Fritidshem]].concat(),
        },
        PlannedSchool {
            name: "Solrosskolan",
            stages: [f3(), vec![Ak4_6, Fritidshem]].concat(),
        },
        PlannedSchool {
            name: "Tallåsskolan",
            stages: vec![Ak7_9],
        },
        PlannedSchool {
            name: "Björkhagaskolan",
            stages: vec![Ak4_6, Ak7_9],
        },
        PlannedSchool {
            name: "Lindvallskolan",
            stages: [f3(), vec![Ak4_6, Fritidshem]].concat(),
        },
        PlannedSchool {
            name: "Ängsskolan",
            stages: [f3(), vec![Fritidshem]].concat(),
        },
        PlannedSchool {
            name: "Kvarnbyskolan",
            stages: vec![Ak7_9],
        },
        PlannedSchool {
            name: "Norrgårdens skola",
            stages: [f3(), vec![Ak4_6, Ak7_9, Fritidshem]].concat(),
        },
    ];

    let person = |email: &str,
                  name: &str,
                  title: &'static str,
                  roles: Vec<Role>,
                  subjects: Vec<&'static str>,
                  stages: Vec<Stage>,
                  schools: Vec<usize>| PlannedPerson {
        email: email.to_owned(),
        name: name.to_owned(),
        title,
        roles,
        subjects,
        stages,
        schools,
        heads: vec![],
    };
    let mut persons = vec![
        person(
            "admin@demo.test",
            "Maja Holmqvist",
            "Systemförvaltare",
            vec![Role::Admin],
            vec![],
            vec![],
            vec![],
        ),
        person(
            "styrgrupp@demo.test",
            "Johan Ekdahl",
            "Rektor",
            vec![Role::Styrgrupp, Role::Rektor],
            vec![],
            vec![],
            vec![7],
        ),
        PlannedPerson {
            heads: (0..schools.len()).collect(),
            ..person(
                "verksamhetschef@demo.test",
                "Annika Forsberg",
                "Verksamhetschef grundskola",
                vec![Role::Verksamhetschef, Role::Styrgrupp],
                vec![],
                vec![],
                vec![],
            )
        },
        person(
            "ikt@demo.test",
            "Sara Nyström",
            "IKT-strateg",
            vec![Role::IktStrateg],
            vec![],
            vec![],
            vec![],
        ),
        person(
            "forskare@demo.test",
            "Karin Wahlberg",
            "Processledare, fil. dr",
            vec![Role::Forskare],
            vec![],
            vec![],
            vec![],
        ),
        person(
            "rektor@demo.test",
            "Lars Sundqvist",
            "Rektor",
            vec![Role::Rektor],
            vec![],
            vec![],
            vec![2],
        ),
        person(
            "larare@demo.test",
            "Elin Sjöberg",
            "Förstelärare",
            vec![Role::Larare],
            vec!["matematik", "fysik"],
            vec![Ak7_9],
            vec![2],
        ),
    ];

    let mut n = 0usize;
    let mut next_name = || {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n * 7 + n / FIRST_NAMES.len()) % LAST_NAMES.len()];
        n += 1;
        (
            format!("{first} {last}"),
            format!("{}.{}", email_part(first), email_part(last)),
        )
    };
    let mut taken: std::collections::BTreeSet<String> =
        persons.iter().map(|p| p.email.clone()).collect();
    let mut add = |persons: &mut Vec<PlannedPerson>,
                   title: &'static str,
                   roles: Vec<Role>,
                   subjects: &[&'static str],
                   stages: Vec<Stage>,
                   school: usize| {
        let (name, local) = next_name();
        let mut email = format!("{local}@demo.test");
        let mut k = 2;
        while !taken.insert(email.clone()) {
            email = format!("{local}{k}@demo.test");
            k += 1;
        }
        persons.push(PlannedPerson {
            email,
            name,
            title,
            roles,
            subjects: subjects.to_vec(),
            stages,
            schools: vec![school],
            heads: vec![],
        });
    };

    for (i, school) in schools.iter().enumerate() {
        if i != 2 && i != 7 {
            add(&mut persons, "Rektor", vec![Role::Rektor], &[], vec![], i);
        }
        for stage in &school.stages {
            match stage {
                Ak1_3 => {
                    for (k, subjects) in F3_SUBJECTS.iter().enumerate() {
                        let title = if k == 4 { "Speciallärare" } else { "" };
                        add(&mut persons, title, vec![Role::Larare], subjects, f3(), i);
                    }
                }
                Ak4_6 => {
                    for subjects in AK46_SUBJECTS {
                        add(
                            &mut persons,
                            "",
                            vec![Role::Larare],
                            subjects,
                            vec![Ak4_6],
                            i,
                        );
                    }
                }
                Ak7_9 => {
                    // The named teacher already covers mathematics and physics at Tallåsskolan.
                    let skip = usize::from(i == 2);
                    for (k, subjects) in AK79_SUBJECTS.iter().enumerate().skip(skip) {
                        let title = if k % 7 == 3 { "Förstelärare" } else { "" };
                        add(
                            &mut persons,
                            title,
                            vec![Role::Larare],
                            subjects,
                            vec![Ak7_9],
                            i,
                        );
                    }
                }
                Fritidshem => {
                    for _ in 0..3 {
                        add(
                            &mut persons,
                            "Lärare i fritidshem",
                            vec![Role::Larare],
                            &[],
                            vec![Fritidshem],
                            i,
                        );
                    }
                }
                _ => {}
            }
        }
    }
    PlannedMunicipality {
        slug: "demo",
        name: "Demo kommun",
        schools,
        persons,
    }
}

/// "Övningskommun": a small second municipality, so that separation can be seen.
pub(super) fn practice_plan() -> PlannedMunicipality {
    use Stage::*;
    let schools = vec![PlannedSchool {
        name: "Övningsskolan",
        stages: vec![Forskoleklass, Ak1_3, Ak4_6],
    }];
    let teacher =
        |email: &str, name: &str, subjects: Vec<&'static str>, stages: Vec<Stage>| PlannedPerson {
            email: email.to_owned(),
            name: name.to_owned(),
            title: "",
            roles: vec![Role::Larare],
            subjects,
            stages,
            schools: vec![0],
            heads: vec![],
        };
    let persons = vec![
        PlannedPerson {
            email: "admin@ovning.test".into(),
            name: "Vilgot Persson".into(),
            title: "Systemförvaltare",
            roles: vec![Role::Admin],
            subjects: vec![],
            stages: vec![],
            schools: vec![],
            heads: vec![],
        },
        teacher(
            "larare@ovning.test",
            "Tyra Lindahl",
            vec!["svenska", "matematik"],
            vec![Forskoleklass, Ak1_3],
        ),
        teacher(
            "moa.berglund@ovning.test",
            "Moa Berglund",
            vec!["matematik"],
            vec![Ak4_6],
        ),
        teacher(
            "arvid.hellstrom@ovning.test",
            "Arvid Hellström",
            vec!["engelska", "svenska"],
            vec![Ak4_6],
        ),
    ];
    PlannedMunicipality {
        slug: "ovning",
        name: "Övningskommun",
        schools,
        persons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_plan_has_the_promised_shape() {
        let plan = demo_plan();
        assert_eq!(plan.schools.len(), 8);
        assert!(
            (140..=170).contains(&plan.persons.len()),
            "{} persons",
            plan.persons.len()
        );
        let mut emails: Vec<_> = plan.persons.iter().map(|p| p.email.as_str()).collect();
        emails.sort_unstable();
        let n = emails.len();
        emails.dedup();
        assert_eq!(emails.len(), n, "e-mail addresses are unique");
        for login in [
            "admin@demo.test",
            "styrgrupp@demo.test",
            "verksamhetschef@demo.test",
            "ikt@demo.test",
            "forskare@demo.test",
            "rektor@demo.test",
            "larare@demo.test",
        ] {
            assert!(emails.contains(&login), "{login}");
        }
        for p in &plan.persons {
            assert!(p.email.is_ascii(), "{}", p.email);
            assert!(p.schools.iter().all(|&s| s < plan.schools.len()));
        }
        for stage in [
            Stage::Forskoleklass,
            Stage::Ak4_6,
            Stage::Ak7_9,
            Stage::Fritidshem,
        ] {
            assert!(
                plan.schools.iter().any(|s| s.stages.contains(&stage)),
                "{stage:?}"
            );
        }
    }
}
