//! The schools' results: a file is previewed, then stored all or nothing, and storing
//! it again changes nothing; a file that could identify a pupil is refused; a figure of
//! fewer than ten pupils is never given as a number; who imports; the same figures on
//! both engines.

use axum::http::StatusCode;
use serde_json::Value;

use super::{people, refused};
use crate::helpers::{Call, TestApp, engines, ok};

const FILE: &str = "Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\n\
Tallåsskolan;2010/11;9;Behörighet yrkesprogram;;Alla;80;50\n\
Tallåsskolan;2011/12;9;Behörighet yrkesprogram;;Alla;85,5;60\n\
Ekbackeskolan;2010/11;9;Behörighet yrkesprogram;;Alla;90;30\n\
Ekbackeskolan;2011/12;9;Behörighet yrkesprogram;;Alla;70;8\n\
Tallåsskolan;2011/12;9;Betyg A;Matematik;Flickor;12;28\n\
Tallåsskolan;2011/12;9;Betyg A;Matematik;Pojkar;10;7\n";

fn csv(path: &str, token: &str, body: &str) -> Call {
    Call::post(path)
        .token(token)
        .raw("text/csv", body.as_bytes().to_vec())
}

async fn series(app: &TestApp, token: &str, query: &str) -> Value {
    ok(
        app,
        Call::get(&format!("/api/v1/results?{query}")).token(token),
    )
    .await
}

fn school<'a>(s: &'a Value, name: &str) -> &'a Value {
    s["schools"]
        .as_array()
        .expect("schools")
        .iter()
        .find(|x| x["school"]["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {s}"))
}

#[tokio::test]
async fn a_results_file_is_previewed_then_stored_whole_and_hides_small_groups() {
    let mut seen: Vec<Value> = Vec::new();
    for app in engines().await {
        let p = people(&app).await;
        let preview = ok(&app, csv("/api/v1/results/import/preview", &p.head, FILE)).await;
        assert_eq!(
            preview["errors"],
            serde_json::json!([]),
            "[{}] {preview}",
            app.engine
        );
        assert_eq!(
            (preview["rows"].as_u64(), preview["created"].as_u64()),
            (Some(6), Some(6))
        );
        // A preview stores nothing.
        let none = series(&app, &p.teacher, "figure=eligible_vocational&grade=9").await;
        assert!(
            none["years"]
                .as_array()
                .expect("years")
                .iter()
                .all(|y| y != "2010/11")
        );

        let done = ok(&app, csv("/api/v1/results/import", &p.admin, FILE)).await;
        assert_eq!(done["created"], 6);
        let again = ok(&app, csv("/api/v1/results/import", &p.steering, FILE)).await;
        assert_eq!(
            (again["created"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(6))
        );
        let changed = FILE.replace("85,5;60", "86;60");
        let update = ok(
            &app,
            csv("/api/v1/results/import/preview", &p.head, &changed),
        )
        .await;
        assert_eq!(update["updated"], 1, "[{}]", app.engine);

        // Everyone of the municipality reads the aggregates.
        let s = series(
            &app,
            &p.teacher,
            "figure=eligible_vocational&grade=9&sex=all",
        )
        .await;
        let years: Vec<&str> = s["years"]
            .as_array()
            .expect("years")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            years.starts_with(&["2010/11", "2011/12"]),
            "[{}] {s}",
            app.engine
        );
        let talas = school(&s, "Tallåsskolan");
        assert_eq!(talas["points"][1]["value"], 85.5);
        let ekbacke = school(&s, "Ekbackeskolan");
        assert_eq!(ekbacke["points"][0]["value"], 90.0);
        // Eight pupils: never a number, only how many it would rest on.
        assert_eq!(
            ekbacke["points"][1]["value"],
            Value::Null,
            "[{}] {s}",
            app.engine
        );
        assert_eq!(ekbacke["points"][1]["pupils"], 8);
        // The municipality: weighted by pupils, (80·50 + 90·30) / 80 = 83.75.
        let first = &s["municipality"][0];
        assert_eq!(first["year"], "2010/11");
        let v = first["value"].as_f64().expect("value");
        assert!((v - 83.75).abs() < 1e-9, "[{}] {v}", app.engine);
        assert_eq!(first["pupils"], 80);
        // 2011/12: the municipality's figure would give away Ekbackeskolan's eight.
        assert_eq!(
            s["municipality"][1]["value"],
            Value::Null,
            "[{}]",
            app.engine
        );
        assert_eq!(s["municipality"][1]["pupils"], 68);
        let grades = series(
            &app,
            &p.principal,
            "figure=grade_a&grade=9&subject=matematik&sex=girls",
        )
        .await;
        // The girls' figure would give away the seven boys' together with all pupils'.
        let girls = &school(&grades, "Tallåsskolan")["points"][0];
        assert_eq!(girls["value"], Value::Null, "[{}] {grades}", app.engine);
        assert_eq!(girls["pupils"], 28);
        assert!(
            s["choices"]
                .as_array()
                .expect("choices")
                .iter()
                .any(|c| c["figure"] == "grade_a" && c["subject"] == "matematik"),
            "[{}]",
            app.engine
        );
        // Another municipality's reader finds none of it.
        let outside = series(&app, &p.outsider, "figure=eligible_vocational&grade=9").await;
        assert_eq!(
            outside["schools"],
            serde_json::json!([]),
            "[{}]",
            app.engine
        );
        seen.push(s);
    }
    // The same figures on both engines.
    if let [a, b] = &seen[..] {
        assert_eq!(a["municipality"], b["municipality"]);
        assert_eq!(
            school(a, "Tallåsskolan")["points"],
            school(b, "Tallåsskolan")["points"]
        );
    }
}

#[tokio::test]
async fn a_municipalitys_years_of_results_fit_in_one_file() {
    for app in engines().await {
        let p = people(&app).await;
        // Over 1 MB, the limit of a JSON body: sixty school years of three schools' grade
        // shares in eight subjects, for all pupils, girls and boys.
        let mut file = String::from("Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\n");
        let subjects = [
            "Matematik",
            "Svenska",
            "Engelska",
            "Biologi",
            "Fysik",
            "Kemi",
            "Historia",
            "Geografi",
        ];
        for year in 1990..2050 {
            for school in ["Tallåsskolan", "Ekbackeskolan", "Kvarnbyskolan"] {
                for subject in subjects {
                    for grade in ["A", "B", "C", "D", "E", "F"] {
                        for sex in ["Alla", "Flickor", "Pojkar"] {
                            file.push_str(&format!(
                                "{school};{year}/{:02};9;Betyg {grade};{subject};{sex};12,5;40\n",
                                (year + 1) % 100
                            ));
                        }
                    }
                }
            }
        }
        assert!(file.len() > 1024 * 1024, "{}", file.len());
        let preview = ok(&app, csv("/api/v1/results/import/preview", &p.head, &file)).await;
        assert_eq!(preview["errors"], serde_json::json!([]), "[{}]", app.engine);
        let done = ok(&app, csv("/api/v1/results/import", &p.head, &file)).await;
        // The demo's own year-9 grade shares of the last three years are among them.
        let stored = done["created"].as_u64().unwrap_or(0) + done["updated"].as_u64().unwrap_or(0);
        assert_eq!(stored, 60 * 3 * 8 * 6 * 3, "[{}] {done}", app.engine);
    }
}

#[tokio::test]
async fn a_file_that_could_identify_a_pupil_or_has_errors_stores_nothing() {
    for app in engines().await {
        let p = people(&app).await;
        let named = "Skola;Läsår;Årskurs;Nyckeltal;Personnummer;Värde;Antal elever\n\
                     Tallåsskolan;2012/13;9;Meritvärde;20110101-1234;210;1\n";
        let preview = ok(&app, csv("/api/v1/results/import/preview", &p.head, named)).await;
        let message = preview["errors"][0]["message"].as_str().expect("message");
        assert!(
            message.contains("kan peka ut enskilda elever"),
            "[{}] {preview}",
            app.engine
        );
        let refused_import = app
            .send(csv("/api/v1/results/import", &p.head, named))
            .await;
        refused(
            &app,
            &refused_import,
            StatusCode::UNPROCESSABLE_ENTITY,
            "file",
        );

        // One bad line among good ones: nothing of the file is stored.
        let mixed = format!("{FILE}Ekbackskolan;2012/13;9;Meritvärde;;;210;40\n")
            .replace("2010/11", "2012/13")
            .replace("2011/12", "2013/14");
        let preview = ok(&app, csv("/api/v1/results/import/preview", &p.head, &mixed)).await;
        let error = &preview["errors"][0];
        assert_eq!(error["line"], 8);
        assert_eq!(error["column"], "skola");
        assert_eq!(
            error["message"],
            "Okänd skola \"Ekbackskolan\". Menade du \"Ekbackeskolan\"?"
        );
        let reply = app
            .send(csv("/api/v1/results/import", &p.head, &mixed))
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "file");
        let s = series(&app, &p.head, "figure=eligible_vocational&grade=9").await;
        assert!(
            s["years"]
                .as_array()
                .expect("years")
                .iter()
                .all(|y| y != "2012/13" && y != "2013/14"),
            "[{}] {s}",
            app.engine
        );
    }
}

#[tokio::test]
async fn results_are_imported_by_the_steering_group_administrators_and_heads_of_operations() {
    for app in engines().await {
        let p = people(&app).await;
        for (who, token) in [
            ("a teacher", &p.teacher),
            ("a principal", &p.principal),
            ("a colleague", &p.colleague),
        ] {
            for path in ["/api/v1/results/import/preview", "/api/v1/results/import"] {
                let reply = app.send(csv(path, token, FILE)).await;
                assert_eq!(
                    reply.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {who} {path}",
                    app.engine
                );
            }
        }
        // Another municipality's administrator imports into their own schools only:
        // Demo kommun's school names are unknown there.
        let outside = ok(
            &app,
            csv("/api/v1/results/import/preview", &p.outsider, FILE),
        )
        .await;
        assert_eq!(outside["created"], 0);
        assert!(
            outside["errors"][0]["message"]
                .as_str()
                .expect("message")
                .starts_with("Okänd skola"),
            "[{}] {outside}",
            app.engine
        );
        let anonymous = app.send(Call::get("/api/v1/results")).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        let bad = app
            .send(Call::get("/api/v1/results?figure=betyg").token(&p.teacher))
            .await;
        assert!(
            bad.status == StatusCode::UNPROCESSABLE_ENTITY || bad.status == StatusCode::BAD_REQUEST,
            "[{}] {}",
            app.engine,
            bad.status
        );
    }
}

fn entry(school: i64, value: f64, version: Option<i64>) -> Value {
    serde_json::json!({
        "school": school, "year": "2012/13", "grade": 9, "figure": "merit_average",
        "subject": "", "sex": "all", "value": value, "pupils": 48, "version": version,
    })
}

const KEY: &str = "year=2012%2F13&grade=9&figure=merit_average";

#[tokio::test]
async fn a_figure_entered_by_hand_is_checked_versioned_and_counted_like_an_imported_one() {
    let mut seen: Vec<Value> = Vec::new();
    for app in engines().await {
        let p = people(&app).await;
        let put =
            |token: &str, body: Value| Call::put("/api/v1/results/figure").token(token).json(&body);
        let lookup = |token: &str, school: i64| {
            Call::get(&format!("/api/v1/results/figure?school={school}&{KEY}")).token(token)
        };
        let none = ok(&app, lookup(&p.head, p.talas)).await;
        assert!(none["figure"].is_null(), "[{}] {none}", app.engine);

        let stored = ok(&app, put(&p.head, entry(p.talas, 231.5, None))).await;
        assert_eq!(
            (stored["value"].as_f64(), stored["version"].as_i64()),
            (Some(231.5), Some(1)),
            "[{}] {stored}",
            app.engine
        );
        // A second "new" figure under the same key is a conflict, not an overwrite.
        let twice = app
            .send(put(&p.steering, entry(p.talas, 100.0, None)))
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "[{}]", app.engine);
        assert!(
            twice.message().contains("redan ett värde"),
            "{}",
            twice.body
        );

        let changed = ok(&app, put(&p.admin, entry(p.talas, 233.0, Some(1)))).await;
        assert_eq!(changed["version"], 2);
        let stale = app.send(put(&p.head, entry(p.talas, 240.0, Some(1)))).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "[{}]", app.engine);
        let kept = ok(&app, lookup(&p.head, p.talas)).await;
        assert_eq!(
            kept["figure"]["value"], 233.0,
            "a stale write changes nothing"
        );

        // It shows in the series like any figure.
        let s = series(&app, &p.teacher, "figure=merit_average&grade=9").await;
        let t = school(&s, "Tallåsskolan");
        let years = s["years"].as_array().expect("years");
        let at = years.iter().position(|y| y == "2012/13").expect("the year");
        assert_eq!(t["points"][at]["value"], 233.0, "[{}] {s}", app.engine);

        // Each broken rule names its field, in Swedish.
        let mut bad = entry(p.talas, 341.0, None);
        refused(
            &app,
            &app.send(put(&p.head, bad.clone())).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "value",
        );
        bad["value"] = 200.0.into();
        bad["grade"] = 6.into();
        refused(
            &app,
            &app.send(put(&p.head, bad.clone())).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "grade",
        );
        bad["grade"] = 9.into();
        bad["figure"] = "grade_f".into();
        let missing = app.send(put(&p.head, bad.clone())).await;
        refused(&app, &missing, StatusCode::UNPROCESSABLE_ENTITY, "subject");
        assert!(
            missing.message().starts_with("Välj ämnet"),
            "{}",
            missing.body
        );
        bad["subject"] = "klingon".into();
        refused(
            &app,
            &app.send(put(&p.head, bad.clone())).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "subject",
        );
        let mut year = entry(p.talas, 200.0, None);
        year["year"] = "2012-13".into();
        refused(
            &app,
            &app.send(put(&p.head, year)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "year",
        );

        // Who: the importers only; another municipality's school is not there.
        for token in [&p.teacher, &p.principal] {
            let r = app.send(put(token, entry(p.talas, 200.0, None))).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}]", app.engine);
            assert_eq!(
                app.send(lookup(token, p.talas)).await.status,
                StatusCode::FORBIDDEN
            );
        }
        assert_eq!(
            app.send(lookup(&p.outsider, p.talas)).await.status,
            StatusCode::NOT_FOUND
        );
        let foreign = app
            .send(put(&p.outsider, entry(p.talas, 200.0, None)))
            .await;
        refused(&app, &foreign, StatusCode::UNPROCESSABLE_ENTITY, "school");
        let remove = |token: &str, version: i64| {
            Call::new(
                axum::http::Method::DELETE,
                &format!(
                    "/api/v1/results/figure?school={}&{KEY}&version={version}",
                    p.talas
                ),
            )
            .token(token)
        };
        assert_eq!(
            app.send(remove(&p.outsider, 2)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.send(remove(&p.principal, 2)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.send(remove(&p.head, 1)).await.status,
            StatusCode::CONFLICT
        );
        seen.push(ok(&app, lookup(&p.admin, p.talas)).await["figure"]["value"].clone());
        assert_eq!(
            app.send(remove(&p.head, 2)).await.status,
            StatusCode::NO_CONTENT
        );
        let gone = ok(&app, lookup(&p.head, p.talas)).await;
        assert!(gone["figure"].is_null(), "[{}] {gone}", app.engine);
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
}
