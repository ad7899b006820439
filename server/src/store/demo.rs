//! Demo data and first-administrator creation: whole municipalities written in one
//! transaction each.

use chrono::Utc;
use kollegium_shared::groups::formation::{self, Bounds, Settings};
use kollegium_shared::groups::{GroupKind, GroupPatch, NewGroup, NewSchoolYear};
use kollegium_shared::i18n::Lang;
use kollegium_shared::org::{MunicipalityId, PersonId, Role, SUBJECTS, StaffQuery, Stage};

use super::{BeginWrite, FormedGroup, GroupFilter, Store, with_db};

/// The password of every demo login.
pub const DEMO_PASSWORD: &str = "kollegium";

/// What seeding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    /// Municipalities created now (those that existed are left as they are).
    pub created: Vec<String>,
    pub schools: usize,
    pub persons: usize,
}

/// A school of the plan.
#[derive(Debug, Clone)]
struct PlannedSchool {
    name: &'static str,
    stages: Vec<Stage>,
}

/// A person of the plan; `schools` index into the plan's schools.
#[derive(Debug, Clone)]
struct PlannedPerson {
    email: String,
    name: String,
    title: &'static str,
    roles: Vec<Role>,
    subjects: Vec<&'static str>,
    stages: Vec<Stage>,
    schools: Vec<usize>,
}

#[derive(Debug, Clone)]
struct PlannedMunicipality {
    slug: &'static str,
    name: &'static str,
    schools: Vec<PlannedSchool>,
    persons: Vec<PlannedPerson>,
}

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
fn demo_plan() -> PlannedMunicipality {
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
fn practice_plan() -> PlannedMunicipality {
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

/// A demo activity: ring, title, first and last day, start and end time, audience, theme.
type DemoActivity = (
    kollegium_shared::wheel::RingKind,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    kollegium_shared::wheel::Audience,
    Option<&'static str>,
);

impl Store {
    /// The id of the municipality with `slug`.
    pub async fn municipality_id_by_slug(&self, slug: &str) -> Result<Option<i64>, sqlx::Error> {
        const SQL: &str = "SELECT id FROM municipalities WHERE slug = $1";
        let row: Option<(i64,)> =
            with_db!(self, pool => sqlx::query_as(SQL).bind(slug).fetch_optional(pool).await)?;
        Ok(row.map(|(id,)| id))
    }

    /// Writes the demo municipalities that do not exist yet; every login gets the
    /// password whose hash is `password_hash`.
    pub async fn seed_demo(&self, password_hash: &str) -> Result<DemoSummary, sqlx::Error> {
        let mut summary = DemoSummary {
            created: vec![],
            schools: 0,
            persons: 0,
        };
        for plan in [demo_plan(), practice_plan()] {
            if self.municipality_id_by_slug(plan.slug).await?.is_some() {
                continue;
            }
            self.write_plan(&plan, password_hash).await?;
            if plan.slug == "demo"
                && let Some(id) = self.municipality_id_by_slug(plan.slug).await?
            {
                self.backfill_search_keys().await?;
                self.seed_demo_groups(MunicipalityId(id)).await?;
                self.seed_demo_library(MunicipalityId(id)).await?;
            }
            summary.created.push(plan.slug.to_owned());
            summary.schools += plan.schools.len();
            summary.persons += plan.persons.len();
        }
        self.backfill_search_keys().await?;
        Ok(summary)
    }

    /// The demo library: the ICT strategist's and the researcher's material, teachers'
    /// good examples (one still waiting for review), a few featured, and a collection
    /// for the third learning-group meeting.
    async fn seed_demo_library(&self, m: MunicipalityId) -> Result<(), sqlx::Error> {
        use kollegium_shared::library::{CollectionInput, ItemKind, ItemStatus};
        let first = |role: Role| StaffQuery {
            role: Some(role),
            per_page: Some(1),
            ..Default::default()
        };
        let ict = self
            .list_staff(m, &first(Role::IktStrateg), false)
            .await?
            .items;
        let researcher = self
            .list_staff(m, &first(Role::Forskare), false)
            .await?
            .items;
        const TEACHER: &str =
            "SELECT id FROM persons WHERE municipality_id = $1 AND email = 'larare@demo.test'";
        let teacher: Option<i64> = with_db!(self, pool => sqlx::query_scalar(TEACHER).bind(m.0).fetch_optional(pool).await)?;
        let (Some(ict), Some(researcher), Some(teacher)) =
            (ict.first(), researcher.first(), teacher.map(PersonId))
        else {
            return Ok(());
        };
        let custom = self.custom_subject_names(m).await?;
        let mut ids = Vec::new();
        for item in super::demo_library::items() {
            let waiting = super::demo_library::WAITING.contains(&item.title.as_str());
            let (author, status) = match item.kind {
                ItemKind::GottExempel if waiting => (teacher, ItemStatus::Submitted),
                ItemKind::GottExempel => (teacher, ItemStatus::Published),
                _ if item.source.contains("processledare") => {
                    (researcher.id, ItemStatus::Published)
                }
                _ => (ict.id, ItemStatus::Published),
            };
            let id = self
                .insert_library_items(m, author, std::slice::from_ref(&item), status, &custom)
                .await?[0];
            if super::demo_library::FEATURED.contains(&item.title.as_str()) {
                self.set_library_item_state(m, id, ItemStatus::Published, true, 1)
                    .await?;
            }
            ids.push((item.title, id));
        }
        let pick = |titles: &[&str]| {
            titles
                .iter()
                .filter_map(|t| ids.iter().find(|(title, _)| title == t).map(|(_, id)| *id))
                .collect::<Vec<_>>()
        };
        let collection = CollectionInput {
            title: "Inför lärgruppsträff 3: Bedömning i matematik".into(),
            note: "Se filmen och läs sammanfattningen före träffen. Ta med ett exempel på återkoppling du gett en elev.".into(),
            items: pick(&[
                "Formativ bedömning i klassrummet",
                "Återkoppling som för lärandet framåt",
                "Bedömningsstöd i matematik för årskurs 1–3",
                "Exit tickets i matematik på lågstadiet",
            ]),
            version: None,
        };
        let collection = self
            .create_collection(m, researcher.id, &collection)
            .await?;
        self.seed_demo_preparation(m, collection).await?;
        // The ICT strategist links the research behind each term's theme on the wheel.
        let themes = [
            (
                "Bedömning och betyg",
                pick(&[
                    "Bedömning för lärande – fem nyckelstrategier",
                    "Återkoppling som för lärandet framåt",
                    "Likvärdig betygssättning i årskurs 6–9",
                ]),
            ),
            (
                "Digital kompetens i Lgr22",
                pick(&[
                    "Digital kompetens i Lgr22 – vad innebär det?",
                    "Programmering i matematik och teknik",
                    "Skärmar och läsförståelse",
                ]),
            ),
        ];
        self.link_demo_themes(m, ict.id, &themes).await
    }

    /// Links library items to the demo wheel's theme activities of the given titles.
    async fn link_demo_themes(
        &self,
        m: MunicipalityId,
        editor: PersonId,
        themes: &[(&str, Vec<kollegium_shared::library::ItemId>)],
    ) -> Result<(), sqlx::Error> {
        for year in self.school_years(m).await? {
            self.link_year_themes(m, &year, editor, themes).await?;
        }
        Ok(())
    }

    /// Links the items to the theme activities of one year's wheel.
    async fn link_year_themes(
        &self,
        m: MunicipalityId,
        year: &kollegium_shared::groups::SchoolYear,
        editor: PersonId,
        themes: &[(&str, Vec<kollegium_shared::library::ItemId>)],
    ) -> Result<(), sqlx::Error> {
        use kollegium_shared::wheel::{ActivityInput, RingKind};
        // A year without a wheel yet is left for its first visit to lay out.
        let activities = self.wheel_activities(m, year.id).await?;
        if activities.is_empty() {
            return Ok(());
        }
        let rings = self.wheel_rings(m, year).await?;
        let Some(ring) = rings.iter().find(|r| r.kind == RingKind::Themes) else {
            return Ok(());
        };
        for a in activities {
            let Some((_, items)) = themes.iter().find(|(t, _)| *t == a.title) else {
                continue;
            };
            if a.ring_id != ring.id {
                continue;
            }
            let input = ActivityInput {
                ring_id: a.ring_id,
                title: a.title,
                description: a.description,
                starts_on: a.starts_on,
                ends_on: a.ends_on,
                start_time: a.start_time,
                end_time: a.end_time,
                audience: a.audience,
                theme: a.theme,
                library_items: items.clone(),
                version: Some(a.version),
            };
            self.update_activity(m, a.id, editor, &input, a.version)
                .await?;
        }
        Ok(())
    }

    /// The demo municipality's school year 2026/27 with its learning groups formed (and a
    /// leader in each, a förstelärare where the group has one), which also forms the
    /// leaders' group, plus a principals' group, an ICT network and the steering group.
    async fn seed_demo_groups(&self, m: MunicipalityId) -> Result<(), sqlx::Error> {
        let year_id = self
            .create_school_year(m, &NewSchoolYear::suggest(2026))
            .await?;
        let (candidates, existing) = self.formation_input(m, year_id).await?;
        let plan = formation::form(&candidates, &existing, Settings::default());
        let name = |code: &str| {
            SUBJECTS
                .iter()
                .find(|s| s.code == code)
                .map_or_else(|| code.to_owned(), |s| s.sv.to_owned())
        };
        let formed: Vec<FormedGroup> = plan
            .groups
            .iter()
            .map(|g| FormedGroup {
                existing: None,
                name: g.name(Lang::Sv, &name),
                subject: g.category.subject.clone(),
                stages: g.category.stages(),
                added: g
                    .members
                    .iter()
                    .map(|p| (p.person, g.reason_text(p, Lang::Sv, &name)))
                    .collect(),
            })
            .collect();
        self.save_formation(m, year_id, Bounds::default(), &formed)
            .await?;

        let titles: std::collections::HashMap<PersonId, String> = self
            .list_staff(
                m,
                &StaffQuery {
                    role: Some(Role::Larare),
                    per_page: Some(200),
                    ..Default::default()
                },
                false,
            )
            .await?
            .items
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        for g in self.groups(m, GroupFilter::Year(year_id)).await? {
            let leader = g
                .members
                .iter()
                .find(|p| titles.get(&p.id).is_some_and(|t| t == "Förstelärare"))
                .or(g.members.first());
            if let Some(leader) = leader {
                let patch = GroupPatch {
                    leaders: Some(vec![leader.id]),
                    version: g.version,
                    ..Default::default()
                };
                self.update_group(m, g.id, &patch).await?;
            }
        }

        let with_role = |role: Role| StaffQuery {
            role: Some(role),
            per_page: Some(200),
            ..Default::default()
        };
        let principals = self
            .list_staff(m, &with_role(Role::Rektor), false)
            .await?
            .items;
        let steering = self
            .list_staff(m, &with_role(Role::Styrgrupp), false)
            .await?
            .items;
        let ict = self
            .list_staff(m, &with_role(Role::IktStrateg), false)
            .await?
            .items;
        // One ICT pedagogue per school: the first teacher of technology there.
        let mut ict_members: Vec<PersonId> = ict.iter().map(|p| p.id).collect();
        let technology = self
            .list_staff(
                m,
                &StaffQuery {
                    subject: Some("teknik".into()),
                    per_page: Some(200),
                    ..Default::default()
                },
                false,
            )
            .await?
            .items;
        let mut schools_seen = std::collections::BTreeSet::new();
        for p in technology {
            if let Some(s) = p.schools.first()
                && schools_seen.insert(s.id)
                && !ict_members.contains(&p.id)
            {
                ict_members.push(p.id);
            }
        }
        let groups = [
            (
                GroupKind::Rektorsgrupp,
                "Rektorsgrupp 2026/27",
                principals.iter().map(|p| p.id).collect::<Vec<_>>(),
                principals.first().map(|p| p.id),
                "Rektorerna träffas för att följa upp det kollegiala lärandet på skolorna.",
            ),
            (
                GroupKind::IktNatverk,
                "IKT-nätverk grundskolan",
                ict_members,
                ict.first().map(|p| p.id),
                "En IKT-pedagog från varje skola och kommunens IKT-strateg.",
            ),
            (
                GroupKind::Styrgrupp,
                "Styrgrupp 2026/27",
                steering.iter().map(|p| p.id).collect(),
                steering.first().map(|p| p.id),
                "Planerar årshjulet, bildar lärgrupperna och följer upp målen.",
            ),
        ];
        for (kind, name, members, leader, description) in groups {
            let new = NewGroup {
                school_year_id: year_id,
                kind: Some(kind),
                name: name.to_owned(),
                stages: if kind == GroupKind::IktNatverk {
                    vec![Stage::Ak1_3, Stage::Ak4_6, Stage::Ak7_9]
                } else {
                    Vec::new()
                },
                description: description.to_owned(),
                leaders: leader.into_iter().collect(),
                members,
                ..Default::default()
            };
            self.create_group(m, &new).await?;
        }
        if let (Some(year), Some(editor)) = (self.school_year(m, year_id).await?, steering.first())
        {
            self.seed_demo_wheel(m, &year, editor.id).await?;
            self.seed_demo_meetings(m, year.id).await?;
        }
        Ok(())
    }

    /// The demo wheel of 2026/27: six learning-group meetings 15:00–16:30 (Mjölby's
    /// rhythm), leader and principal meetings, målsamtal in the autumn, result dialogues,
    /// study days and a theme per term, besides the holidays of the template.
    async fn seed_demo_wheel(
        &self,
        m: MunicipalityId,
        year: &kollegium_shared::groups::SchoolYear,
        editor: PersonId,
    ) -> Result<(), sqlx::Error> {
        use kollegium_shared::wheel::{ActivityInput, Audience, RingKind};
        let rings = self.wheel_rings(m, year).await?;
        let ring = |kind: RingKind| rings.iter().find(|r| r.kind == kind).map(|r| r.id);
        let everyone = Audience::Everyone;
        let learning = Audience::GroupKind {
            group_kind: GroupKind::Largrupp,
        };
        let leaders = Audience::GroupKind {
            group_kind: GroupKind::Ledargrupp,
        };
        let principals = Audience::Role { role: Role::Rektor };
        let teachers = Audience::Role { role: Role::Larare };
        let mut plan: Vec<DemoActivity> = Vec::new();
        for (i, day) in [
            "2026-09-10",
            "2026-10-15",
            "2026-11-26",
            "2027-02-04",
            "2027-03-18",
            "2027-05-06",
        ]
        .into_iter()
        .enumerate()
        {
            let title: &'static str = [
                "Lärgruppsträff 1",
                "Lärgruppsträff 2",
                "Lärgruppsträff 3",
                "Lärgruppsträff 4",
                "Lärgruppsträff 5",
                "Lärgruppsträff 6",
            ][i];
            let theme = if i < 3 {
                "Bedömning och betyg"
            } else {
                "Digital kompetens i Lgr22"
            };
            plan.push((
                RingKind::Meetings,
                title,
                day,
                day,
                Some(("15:00", "16:30")),
                learning.clone(),
                Some(theme),
            ));
        }
        for (title, day) in [
            ("Ledarträff HT", "2026-09-01"),
            ("Ledarträff HT 2", "2026-11-10"),
            ("Ledarträff VT", "2027-01-19"),
            ("Ledarträff VT 2", "2027-04-13"),
        ] {
            plan.push((
                RingKind::Leaders,
                title,
                day,
                day,
                Some(("13:00", "15:00")),
                leaders.clone(),
                None,
            ));
        }
        for (title, day) in [
            ("Rektorernas lärgrupp", "2026-09-24"),
            ("Rektorernas lärgrupp", "2027-02-25"),
        ] {
            plan.push((
                RingKind::Principals,
                title,
                day,
                day,
                Some(("08:30", "11:30")),
                principals.clone(),
                None,
            ));
        }
        plan.push((
            RingKind::GoalTalks,
            "Målsamtal",
            "2026-09-21",
            "2026-10-16",
            None,
            teachers.clone(),
            None,
        ));
        plan.push((
            RingKind::ResultDialogues,
            "Resultatdialog HT",
            "2027-01-11",
            "2027-01-22",
            None,
            principals.clone(),
            None,
        ));
        plan.push((
            RingKind::ResultDialogues,
            "Resultatdialog VT",
            "2027-06-07",
            "2027-06-11",
            None,
            principals,
            None,
        ));
        for day in ["2026-08-17", "2026-08-18", "2027-01-07", "2027-06-14"] {
            plan.push((
                RingKind::StudyDays,
                "Studiedag",
                day,
                day,
                None,
                everyone.clone(),
                None,
            ));
        }
        plan.push((
            RingKind::Themes,
            "Bedömning och betyg",
            "2026-08-17",
            "2026-12-21",
            None,
            everyone.clone(),
            Some("Bedömning och betyg"),
        ));
        plan.push((
            RingKind::Themes,
            "Digital kompetens i Lgr22",
            "2027-01-08",
            "2027-06-12",
            None,
            everyone,
            Some("Digital kompetens i Lgr22"),
        ));
        for (kind, title, first, last, time, audience, theme) in plan {
            let Some(ring_id) = ring(kind) else { continue };
            let input = ActivityInput {
                ring_id,
                title: title.to_owned(),
                description: String::new(),
                starts_on: first.to_owned(),
                ends_on: last.to_owned(),
                start_time: time.map(|(s, _)| s.to_owned()),
                end_time: time.map(|(_, e)| e.to_owned()),
                audience,
                theme: theme.map(str::to_owned),
                library_items: Vec::new(),
                version: None,
            };
            self.create_activity(m, year.id, editor, &input).await?;
        }
        Ok(())
    }

    async fn write_plan(
        &self,
        plan: &PlannedMunicipality,
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        let now = Utc::now();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (mid,): (i64,) = sqlx::query_as("INSERT INTO municipalities (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(plan.slug).bind(plan.name).bind(now).fetch_one(&mut *tx).await?;
            let mut school_ids = Vec::with_capacity(plan.schools.len());
            for school in &plan.schools {
                let (sid,): (i64,) = sqlx::query_as(
                    "INSERT INTO schools (municipality_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id")
                    .bind(mid).bind(school.name).bind(now).fetch_one(&mut *tx).await?;
                for stage in &school.stages {
                    sqlx::query("INSERT INTO school_stages (municipality_id, school_id, stage) VALUES ($1, $2, $3)")
                        .bind(mid).bind(sid).bind(stage.code()).execute(&mut *tx).await?;
                }
                school_ids.push(sid);
            }
            for p in &plan.persons {
                let (pid,): (i64,) = sqlx::query_as(
                    "INSERT INTO persons (municipality_id, email, name, title, password_hash, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
                    .bind(mid).bind(&p.email).bind(&p.name).bind(p.title).bind(password_hash).bind(now)
                    .fetch_one(&mut *tx).await?;
                for role in &p.roles {
                    sqlx::query("INSERT INTO person_roles (municipality_id, person_id, role) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(role.code()).execute(&mut *tx).await?;
                }
                for (position, subject) in p.subjects.iter().enumerate() {
                    sqlx::query("INSERT INTO person_subjects (municipality_id, person_id, subject, position) VALUES ($1, $2, $3, $4)")
                        .bind(mid).bind(pid).bind(*subject).bind(position as i64).execute(&mut *tx).await?;
                }
                for stage in &p.stages {
                    sqlx::query("INSERT INTO person_stages (municipality_id, person_id, stage) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(stage.code()).execute(&mut *tx).await?;
                }
                for &school in &p.schools {
                    sqlx::query("INSERT INTO person_schools (municipality_id, person_id, school_id) VALUES ($1, $2, $3)")
                        .bind(mid).bind(pid).bind(school_ids[school]).execute(&mut *tx).await?;
                }
                if p.roles.contains(&Role::Rektor) && let Some(&school) = p.schools.first() {
                    sqlx::query("UPDATE schools SET principal_id = $1 WHERE id = $2")
                        .bind(pid).bind(school_ids[school]).execute(&mut *tx).await?;
                }
            }
            tx.commit().await
        })
    }

    /// Creates an administrator in the municipality `slug`, creating the municipality
    /// (named `municipality_name`, or the slug) when it does not exist. Fails with a
    /// unique violation when the e-mail is taken there.
    pub async fn create_admin(
        &self,
        slug: &str,
        municipality_name: Option<&str>,
        email: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<i64, sqlx::Error> {
        let now = Utc::now();
        let pid = with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM municipalities WHERE slug = $1")
                .bind(slug).fetch_optional(&mut *tx).await?;
            let mid = match existing {
                Some((id,)) => id,
                None => sqlx::query_as::<_, (i64,)>("INSERT INTO municipalities (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                    .bind(slug).bind(municipality_name.unwrap_or(slug)).bind(now).fetch_one(&mut *tx).await?.0,
            };
            let (pid,): (i64,) = sqlx::query_as(
                "INSERT INTO persons (municipality_id, email, name, password_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                .bind(mid).bind(email).bind(name).bind(password_hash).bind(now).fetch_one(&mut *tx).await?;
            sqlx::query("INSERT INTO person_roles (municipality_id, person_id, role) VALUES ($1, $2, $3)")
                .bind(mid).bind(pid).bind(Role::Admin.code()).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<i64, sqlx::Error>(pid)
        })?;
        self.backfill_search_keys().await?;
        Ok(pid)
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
