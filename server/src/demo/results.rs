//! Three years of the demo schools' results, 2023/24 to 2025/26, as a municipality
//! would import them from its school administration system: year 9's eligibility,
//! merit value, share passing every subject, grade distributions and national tests
//! where the school has years 7–9; the national tests of years 3 and 6; the pupil
//! survey's trygghet and studiero; girls and boys for the eligibility. The figures are
//! invented, moving a little from year to year; the boys of year 9 at the smallest
//! school are fewer than ten, so their figure shows as "–". And the autumn's
//! resultatdialog of Tallåsskolan, held.

use kollegium_shared::goals::dialogues::{ActionInput, DialogueInput, snapshot};
use kollegium_shared::goals::results::{Figure, FigureKey, ResultRow, Sex};
use kollegium_shared::ids::{MunicipalityId, SchoolId};
use kollegium_shared::org::Stage;

use crate::store::Store;

const YEARS: [&str; 3] = ["2023/24", "2024/25", "2025/26"];

/// A number in 0..1 from the figure's place, the same on every run.
fn wobble(seed: &[i64]) -> f64 {
    let mut h: u64 = 1469598103934665603;
    for s in seed {
        for b in s.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(1099511628211);
        }
    }
    (h % 1000) as f64 / 1000.0
}

struct Rows {
    rows: Vec<ResultRow>,
}

impl Rows {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        school: SchoolId,
        year: usize,
        grade: u8,
        figure: Figure,
        subject: &str,
        sex: Sex,
        value: f64,
        pupils: u32,
    ) {
        self.rows.push(ResultRow {
            key: FigureKey {
                school,
                year: YEARS[year].to_owned(),
                grade,
                figure,
                subject: subject.to_owned(),
                sex,
            },
            value: (value.clamp(0.0, figure.max()) * 10.0).round() / 10.0,
            pupils,
        });
    }
}

/// Writes the demo's results.
pub(super) async fn seed(store: &Store, m: MunicipalityId) -> Result<(), sqlx::Error> {
    let schools = store.list_schools(m).await?;
    let smallest = schools
        .iter()
        .filter(|s| s.stages.contains(&Stage::Ak7_9))
        .min_by_key(|s| s.name.len())
        .map(|s| s.id);
    let mut out = Rows { rows: Vec::new() };
    for s in &schools {
        let id = s.id;
        // Each school its own level, and a slow rise over the years.
        let level = wobble(&[id.0]) * 12.0 - 6.0;
        for year in 0..YEARS.len() {
            let rise = year as f64 * 1.5;
            let w = |k: i64| wobble(&[id.0, year as i64, k]) * 4.0 - 2.0;
            if s.stages.contains(&Stage::Ak7_9) {
                let pupils = 40 + (wobble(&[id.0, 9]) * 50.0) as u32;
                let eligible = 84.0 + level + rise + w(1);
                out.push(
                    id,
                    year,
                    9,
                    Figure::EligibleVocational,
                    "",
                    Sex::All,
                    eligible,
                    pupils,
                );
                let girls = pupils / 2 + 2;
                let boys = if Some(id) == smallest {
                    8
                } else {
                    pupils - girls
                };
                out.push(
                    id,
                    year,
                    9,
                    Figure::EligibleVocational,
                    "",
                    Sex::Girls,
                    eligible + 3.0 + w(2),
                    girls,
                );
                out.push(
                    id,
                    year,
                    9,
                    Figure::EligibleVocational,
                    "",
                    Sex::Boys,
                    eligible - 3.0 + w(3),
                    boys,
                );
                out.push(
                    id,
                    year,
                    9,
                    Figure::MeritAverage,
                    "",
                    Sex::All,
                    225.0 + level * 3.0 + rise * 2.0 + w(4) * 3.0,
                    pupils,
                );
                out.push(
                    id,
                    year,
                    9,
                    Figure::PassedAll,
                    "",
                    Sex::All,
                    eligible - 8.0 + w(5),
                    pupils,
                );
                for (k, subject) in ["matematik", "svenska", "engelska"].iter().enumerate() {
                    let k = k as i64 * 10;
                    // A–F shares that add up to 100.
                    let f = (9.0 - level / 2.0 - rise / 2.0 + w(k + 6)).max(1.0);
                    let shares = [
                        12.0 + w(k + 7),
                        18.0 + w(k + 8),
                        27.0 + w(k + 9),
                        20.0,
                        0.0,
                        f,
                    ];
                    let e = 100.0 - shares.iter().sum::<f64>();
                    let grades = [
                        Figure::GradeA,
                        Figure::GradeB,
                        Figure::GradeC,
                        Figure::GradeD,
                        Figure::GradeE,
                        Figure::GradeF,
                    ];
                    for (g, share) in grades.into_iter().zip(shares) {
                        let share = if g == Figure::GradeE { e } else { share };
                        out.push(id, year, 9, g, subject, Sex::All, share, pupils);
                    }
                    out.push(
                        id,
                        year,
                        9,
                        Figure::NationalTest,
                        subject,
                        Sex::All,
                        86.0 + level + rise + w(k + 9),
                        pupils,
                    );
                }
                out.push(
                    id,
                    year,
                    8,
                    Figure::Safety,
                    "",
                    Sex::All,
                    86.0 + level + rise + w(20),
                    pupils,
                );
                out.push(
                    id,
                    year,
                    8,
                    Figure::StudyCalm,
                    "",
                    Sex::All,
                    74.0 + level + rise + w(21),
                    pupils,
                );
            }
            if s.stages.contains(&Stage::Ak4_6) {
                let pupils = 35 + (wobble(&[id.0, 6]) * 40.0) as u32;
                for (k, subject) in ["matematik", "svenska", "engelska"].iter().enumerate() {
                    out.push(
                        id,
                        year,
                        6,
                        Figure::NationalTest,
                        subject,
                        Sex::All,
                        84.0 + level + rise + w(30 + k as i64),
                        pupils,
                    );
                }
                out.push(
                    id,
                    year,
                    5,
                    Figure::Safety,
                    "",
                    Sex::All,
                    90.0 + level / 2.0 + rise + w(34),
                    pupils,
                );
                out.push(
                    id,
                    year,
                    5,
                    Figure::StudyCalm,
                    "",
                    Sex::All,
                    80.0 + level + rise + w(35),
                    pupils,
                );
            }
            if s.stages.contains(&Stage::Ak1_3) {
                let pupils = 30 + (wobble(&[id.0, 3]) * 40.0) as u32;
                for (k, subject) in ["matematik", "svenska"].iter().enumerate() {
                    out.push(
                        id,
                        year,
                        3,
                        Figure::NationalTest,
                        subject,
                        Sex::All,
                        88.0 + level + rise + w(40 + k as i64),
                        pupils,
                    );
                }
            }
        }
    }
    store.import_results(m, &out.rows).await?;
    dialogue(store, m).await
}

/// Tallåsskolan's resultatdialoger of the autumn, held and written: the one at the
/// start of the school year, and the one in November that follows up its insatser.
async fn dialogue(store: &Store, m: MunicipalityId) -> Result<(), sqlx::Error> {
    let schools = store.list_schools(m).await?;
    let Some(school) = schools.iter().find(|s| s.name == "Tallåsskolan") else {
        return Ok(());
    };
    let rows = store.school_figures(m, school.id).await?;
    let year = store.school_years(m).await?.first().map(|y| y.id);
    let goals = match year {
        Some(year) => store.goal_ids_of_school(m, year, school.id).await?,
        None => Vec::new(),
    };
    let owner = school.principal.as_ref().map(|p| p.id);
    let start = store
        .create_dialogue(
            m,
            school.id,
            None,
            "2026-08-24",
            owner,
            school.head.as_ref().map(|h| h.id),
            &snapshot(&rows),
        )
        .await?;
    let input = DialogueInput {
        analysis: "Vårens resultat: behörigheten ökade, men var femte elev i åk 9 når inte E i matematik, och eleverna i åk 4–6 upplever mindre studiero än förra året.".into(),
        actions: vec![
            ActionInput {
                text: "Varje lärare formulerar ett eget mål för hur undervisningen ska hjälpa fler elever att nå kunskapskraven, och följer det i lärgruppens handlingsplaner".into(),
                owner,
                due: Some("2026-11-20".into()),
                goal: goals.first().copied(),
            },
            ActionInput {
                text: "Gemensamma rutiner för lektionsstarter i åk 4–6".into(),
                owner,
                due: Some("2026-10-30".into()),
                goal: goals.get(1).copied(),
            },
        ],
        decisions: "Lärgrupperna får en halvtimme extra vid varje träff för handlingsplanerna under hösten.".into(),
        follow_up: "Vårens insats, gemensam bedömning i matematik, är genomförd; andelen F i matematik minskade.".into(),
        next_on: Some("2026-11-23".into()),
        version: 1,
    };
    store.update_dialogue(m, start, &input).await?;
    let id = store
        .create_dialogue(
            m,
            school.id,
            None,
            "2026-11-23",
            school.principal.as_ref().map(|p| p.id),
            school.head.as_ref().map(|h| h.id),
            &snapshot(&rows),
        )
        .await?;
    let goal = goals.first().copied();
    let input = DialogueInput {
        analysis: "Behörigheten har ökat tre år i rad, men pojkarna ligger fortfarande under flickorna, mest i svenska. Lärgrupperna i svenska och SO har arbetat med lässtrategier sedan i våras; de nationella proven i åk 9 visar att det ger resultat för dem som har fått det i alla ämnen.".into(),
        actions: vec![
            ActionInput {
                text: "Lässtrategier i alla ämnen i åk 7–9, med stöd av lärgruppen i svenska".into(),
                owner,
                due: Some("2027-05-31".into()),
                goal,
            },
            ActionInput {
                text: "Studiehandledning två eftermiddagar i veckan för elever som riskerar F".into(),
                owner,
                due: Some("2027-02-28".into()),
                goal,
            },
        ],
        decisions: "Skolan avsätter lärartid för studiehandledningen från vecka 2. Uppföljning på nästa resultatdialog.".into(),
        follow_up: "De flesta lärare har nu ett eget mål och har följt det i lärgruppernas handlingsplaner; lektionsstarterna i åk 4–6 är igång på alla klasser.".into(),
        next_on: Some("2027-01-14".into()),
        version: 1,
    };
    store.update_dialogue(m, id, &input).await?;
    Ok(())
}
