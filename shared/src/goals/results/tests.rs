use super::*;

fn schools() -> Vec<(SchoolId, String)> {
    vec![
        (SchoolId(1), "Tallåsskolan".into()),
        (SchoolId(2), "Ekbackeskolan".into()),
    ]
}

fn subjects() -> Vec<(String, String)> {
    vec![
        ("matematik".into(), "Matematik".into()),
        ("svenska".into(), "Svenska".into()),
    ]
}

const HEADER: &str = "Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\n";

fn read_text(body: &str) -> ResultsFile {
    read(
        format!("{HEADER}{body}").as_bytes(),
        &schools(),
        &subjects(),
    )
}

fn problems(file: &ResultsFile) -> Vec<(usize, Option<&'static str>, String)> {
    file.issues
        .iter()
        .map(|i| {
            (
                i.line,
                i.column.map(Column::header),
                i.problem.text(Lang::Sv),
            )
        })
        .collect()
}

#[test]
fn a_file_of_aggregates_is_read_row_by_row() {
    let file = read_text(
        "Tallåsskolan;2025/26;9;Behörighet yrkesprogram;;Alla;87,5;64\n\
         Tallåsskolan;2025/26;9;Behörighet yrkesprogram;;Flickor;91;30\n\
         Tallåsskolan;2025-26;9;Meritvärde;;;231,4;64\n\
         Ekbackeskolan;2025/26;6;Betyg A;matematik;;12 %;8\n\
         Ekbackeskolan;2025/26;åk 3;Nationellt prov;Svenska;Pojkar;78;21\n",
    );
    assert_eq!(problems(&file), vec![]);
    assert_eq!(file.rows.len(), 5);
    let merit = &file.rows[2];
    assert_eq!(merit.key.figure, Figure::MeritAverage);
    assert_eq!(merit.key.year, "2025/26");
    assert_eq!(merit.key.sex, Sex::All);
    assert!((merit.value - 231.4).abs() < 1e-9);
    assert_eq!(file.rows[3].key.subject, "matematik");
    assert_eq!(file.rows[4].key.grade, 3);
    assert_eq!(file.rows[4].key.sex, Sex::Boys);
}

#[test]
fn unknown_names_are_named_with_the_closest_known() {
    let file = read_text(
        "Ekbackskolan;2025/26;9;Meritvärde;;;200;50\n\
         Tallåsskolan;2025/26;9;Behörighet yrkesprogramm;;;80;50\n\
         Tallåsskolan;2025/26;9;Betyg A;Matte;;10;50\n",
    );
    let p = problems(&file);
    assert_eq!(
        p[0],
        (
            2,
            Some("skola"),
            "Okänd skola \"Ekbackskolan\". Menade du \"Ekbackeskolan\"?".into()
        )
    );
    assert_eq!(
        p[1],
        (
            3,
            Some("nyckeltal"),
            "Okänt nyckeltal \"Behörighet yrkesprogramm\". Menade du \"Behörighet yrkesprogram\"?"
                .into()
        )
    );
    assert_eq!(
        p[2],
        (
            4,
            Some("ämne"),
            "Okänt ämne \"Matte\". Menade du \"Matematik\"?".into()
        )
    );
    assert!(file.rows.is_empty());
}

#[test]
fn a_file_that_could_identify_a_pupil_is_refused() {
    let named = read(
        "Skola;Läsår;Årskurs;Nyckeltal;Elevnamn;Värde;Antal elever\nTallåsskolan;2025/26;9;Meritvärde;Anna;200;1\n".as_bytes(),
        &schools(),
        &subjects(),
    );
    assert!(matches!(named.issues[0].problem, Problem::IdentifiesPupils(ref h) if h == "Elevnamn"));
    assert!(named.rows.is_empty());
    let numbered = read(
        "Personnummer;Skola;Läsår;Årskurs;Nyckeltal;Värde;Antal elever\n".as_bytes(),
        &schools(),
        &subjects(),
    );
    assert!(matches!(
        numbered.issues[0].problem,
        Problem::IdentifiesPupils(_)
    ));
    let hidden = read_text("Tallåsskolan;2025/26;9;Meritvärde;;;200;20120315-1234\n");
    assert_eq!(hidden.issues[0].problem, Problem::PersonalNumber);
    assert!(hidden.rows.is_empty());
}

#[test]
fn each_figure_keeps_its_year_groups_subjects_and_range() {
    let file = read_text(
        "Tallåsskolan;2025/26;6;Meritvärde;;;200;50\n\
         Tallåsskolan;2025/26;9;Betyg A;;;10;50\n\
         Tallåsskolan;2025/26;9;Trygghet;Matematik;;90;50\n\
         Tallåsskolan;2025/26;9;Behörighet yrkesprogram;;;101;50\n\
         Tallåsskolan;2025/26;9;Meritvärde;;;341;50\n\
         Tallåsskolan;2025/27;9;Trygghet;;;90;50\n\
         Tallåsskolan;2025/26;9;Trygghet;;Alla;90;femtio\n\
         Tallåsskolan;2025/26;9;Trygghet;;Vuxna;90;50\n",
    );
    let columns: Vec<_> = problems(&file)
        .into_iter()
        .map(|(l, c, _)| (l, c))
        .collect();
    assert_eq!(
        columns,
        vec![
            (2, Some("årskurs")),
            (3, Some("ämne")),
            (4, Some("ämne")),
            (5, Some("värde")),
            (6, Some("värde")),
            (7, Some("läsår")),
            (8, Some("antal elever")),
            (9, Some("kön")),
        ]
    );
}

#[test]
fn the_same_figure_twice_is_refused_and_missing_columns_named() {
    let twice = read_text(
        "Tallåsskolan;2025/26;9;Trygghet;;;90;50\nTallåsskolan;2025/26;9;trygghet;;alla;91;50\n",
    );
    assert_eq!(
        twice.issues[0].problem,
        Problem::Duplicate { first_line: 2 }
    );
    let short = read("Skola;Läsår;Värde\n".as_bytes(), &schools(), &subjects());
    let missing: Vec<_> = short
        .issues
        .iter()
        .map(|i| i.problem.text(Lang::Sv))
        .collect();
    assert!(missing.contains(&"Kolumnen \"årskurs\" saknas i rubrikraden.".to_owned()));
    assert!(missing.contains(&"Kolumnen \"antal elever\" saknas i rubrikraden.".to_owned()));
    assert_eq!(
        read(b"", &schools(), &subjects()).issues[0].problem,
        Problem::EmptyFile
    );
}

#[test]
fn a_figure_of_fewer_than_ten_pupils_is_not_shown() {
    assert_eq!(shown(87.5, 9), None);
    assert_eq!(shown(87.5, 10), Some(87.5));
    assert_eq!(shown(0.0, 0), None);
}

#[test]
fn the_girls_are_hidden_when_the_boys_would_follow_from_them() {
    assert_eq!(shown_beside(91.0, 30, Some(8)), None);
    assert_eq!(shown_beside(91.0, 30, Some(12)), Some(91.0));
    assert_eq!(shown_beside(91.0, 30, Some(0)), Some(91.0));
    assert_eq!(shown_beside(91.0, 30, None), Some(91.0));
    assert_eq!(shown_beside(91.0, 9, Some(30)), None);
    assert_eq!(Sex::Girls.other(), Some(Sex::Boys));
    assert_eq!(Sex::All.other(), None);
}

#[test]
fn the_municipality_is_the_mean_weighted_by_pupils() {
    let (v, n) = weighted(&[(80.0, 30), (90.0, 10)]).expect("weighted");
    assert!((v - 82.5).abs() < 1e-9);
    assert_eq!(n, 40);
    assert_eq!(weighted(&[]), None);
}

#[test]
fn the_municipality_is_hidden_when_it_would_give_away_a_small_school() {
    // 8 pupils hidden at one school: the municipality's figure would reveal theirs.
    assert_eq!(municipality_figure(&[(85.5, 60), (70.0, 8)]), (None, 68));
    // Two small schools, 12 pupils together: what follows rests on 12 pupils.
    let (v, n) = municipality_figure(&[(80.0, 60), (70.0, 6), (60.0, 6)]);
    assert_eq!(n, 72);
    assert!(v.is_some());
    assert_eq!(municipality_figure(&[(80.0, 5)]), (None, 5));
    assert_eq!(municipality_figure(&[]), (None, 0));
}

#[test]
fn school_years_are_written_as_2025_26() {
    assert!(is_school_year("2025/26"));
    assert!(is_school_year("1999/00"));
    assert!(!is_school_year("2025/27"));
    assert!(!is_school_year("25/26"));
    assert!(!is_school_year("2025"));
}

#[test]
fn a_figure_entered_by_hand_names_each_broken_rule() {
    let input = |figure, grade, subject: &str, value| FigureInput {
        key: FigureKey {
            school: SchoolId(1),
            year: "2025/26".into(),
            grade,
            figure,
            subject: subject.into(),
            sex: Sex::All,
        },
        value,
        pupils: 54,
        version: None,
    };
    let subjects = ["MA", "SV"];
    let fields = |i: FigureInput| -> Vec<(&'static str, Msg)> {
        i.check(&subjects)
            .into_iter()
            .map(|e| (e.field, e.msg))
            .collect()
    };
    assert!(fields(input(Figure::EligibleVocational, 9, "", 87.5)).is_empty());
    assert!(fields(input(Figure::NationalTest, 3, "MA", 0.0)).is_empty());
    assert!(fields(input(Figure::MeritAverage, 9, "", 340.0)).is_empty());
    assert_eq!(
        fields(input(Figure::MeritAverage, 9, "", 340.5)),
        [("value", Msg::ResultMeritInvalid)]
    );
    assert_eq!(
        fields(input(Figure::EligibleVocational, 6, "MA", 100.1)),
        [
            ("grade", Msg::ResultGradeNotForFigure),
            ("subject", Msg::ResultSubjectNotForFigure),
            ("value", Msg::ResultShareInvalid)
        ]
    );
    assert_eq!(
        fields(input(Figure::GradeF, 9, " ", 5.0)),
        [("subject", Msg::ResultSubjectMissing)]
    );
    assert_eq!(
        fields(input(Figure::GradeF, 9, "XX", f64::NAN)),
        [
            ("subject", Msg::ResultSubjectUnknown),
            ("value", Msg::ResultShareInvalid)
        ]
    );
    let mut odd = input(Figure::Safety, 5, "", 90.0);
    odd.key.year = "2025/27".into();
    odd.pupils = MAX_PUPILS + 1;
    assert_eq!(
        fields(odd),
        [
            ("year", Msg::ResultYearInvalid),
            ("pupils", Msg::ResultPupilsInvalid)
        ]
    );
}
