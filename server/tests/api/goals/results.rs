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
