//! Staff and the colleague directory, and the CSV import: who may do what, what each
//! municipality sees, and that an import is all or nothing and idempotent.

use std::time::Instant;

use crate::helpers::{Call, TestApp, engines};
use axum::http::StatusCode;
use serde_json::Value;

fn items(reply: &Value) -> Vec<Value> {
    reply["items"].as_array().expect("items").clone()
}

fn names(reply: &Value) -> Vec<String> {
    items(reply)
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test]
async fn a_teacher_finds_colleagues_in_other_schools_by_subject_and_stage() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let reply = app
            .send(Call::get("/api/v1/staff?subject=matematik&stage=ak4_6").token(&token))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let found = items(&reply.body);
        assert!(found.len() >= 4, "[{}] {}", app.engine, found.len());
        assert_eq!(reply.body["total"].as_u64(), Some(found.len() as u64));
        for p in &found {
            assert!(
                p["subjects"]
                    .as_array()
                    .expect("subjects")
                    .iter()
                    .any(|s| s == "matematik")
            );
            assert!(
                p["stages"]
                    .as_array()
                    .expect("stages")
                    .iter()
                    .any(|s| s == "ak4_6")
            );
        }
        let schools: std::collections::BTreeSet<&str> = found
            .iter()
            .flat_map(|p| p["schools"].as_array().expect("schools"))
            .map(|s| s["name"].as_str().expect("name"))
            .collect();
        assert!(
            schools.len() >= 3,
            "colleagues from several schools: {schools:?}"
        );
    }
}

#[tokio::test]
async fn search_is_accent_and_case_insensitive_with_swedish_letters_kept() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let asa = app
            .send(Call::get("/api/v1/staff?q=%C3%85SA").token(&token))
            .await;
        let found = names(&asa.body);
        assert!(!found.is_empty(), "[{}] Åsa is found by ÅSA", app.engine);
        assert!(
            found.iter().all(|n| n.to_lowercase().contains("åsa")),
            "{found:?}"
        );

        let two_words = app
            .send(Call::get("/api/v1/staff?q=elin%20matem").token(&token))
            .await;
        assert_eq!(names(&two_words.body), ["Elin Sjöberg"], "[{}]", app.engine);

        let by_school = app
            .send(Call::get("/api/v1/staff?q=tall%C3%A5s&per_page=200").token(&token))
            .await;
        assert!(
            items(&by_school.body)
                .iter()
                .all(|p| p["schools"][0]["name"] == "Tallåsskolan")
        );

        let wildcard = app
            .send(Call::get("/api/v1/staff?q=%25").token(&token))
            .await;
        assert_eq!(
            wildcard.body["total"], 0,
            "% is a character, not a wildcard"
        );
    }
}

#[tokio::test]
async fn lists_are_paged_and_sorted_in_swedish_order() {
    for app in engines().await {
        let token = app.login("admin@demo.test").await;
        let first = app
            .send(Call::get("/api/v1/staff?per_page=40&page=1").token(&token))
            .await;
        let total = first.body["total"].as_u64().expect("total");
        assert!(total >= 150, "[{}] {total}", app.engine);
        let mut all = names(&first.body);
        let mut page = 2;
        while (all.len() as u64) < total {
            let next = app
                .send(Call::get(&format!("/api/v1/staff?per_page=40&page={page}")).token(&token))
                .await;
            let got = names(&next.body);
            assert!(!got.is_empty());
            all.extend(got);
            page += 1;
        }
        assert_eq!(all.len() as u64, total);
        let mut sorted = all.clone();
        sorted.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(a, b));
        assert_eq!(all, sorted, "[{}] Swedish order across pages", app.engine);
        assert!(
            all.last().expect("last").starts_with('Ö'),
            "Ö comes last: {:?}",
            all.last()
        );

        let desc = app
            .send(Call::get("/api/v1/staff?sort=name_desc&per_page=1").token(&token))
            .await;
        assert_eq!(names(&desc.body)[0], *all.last().expect("last"));
    }
}

#[tokio::test]
async fn another_municipalitys_staff_is_not_found() {
    for app in engines().await {
        let demo = app.login("larare@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&demo)).await;
        let id = me.body["id"].as_i64().expect("id");
        let ovning = app.login("admin@ovning.test").await;
        let reply = app
            .send(Call::get(&format!("/api/v1/staff/{id}")).token(&ovning))
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "[{}]", app.engine);
        let list = app
            .send(Call::get("/api/v1/staff?q=sj%C3%B6berg").token(&ovning))
            .await;
        assert_eq!(list.body["total"], 0);
        let theirs = app.send(Call::get("/api/v1/staff").token(&ovning)).await;
        assert_eq!(theirs.body["total"], 4);
        let own = app
            .send(Call::get(&format!("/api/v1/staff/{id}")).token(&demo))
            .await;
        assert_eq!(own.body["email"], "larare@demo.test");
    }
}

const HEADER: &str = "namn;e-post;skola;ämnen;stadier;roller;titel\n";

async fn import(
    app: &TestApp,
    token: &str,
    preview: bool,
    file: impl Into<axum::body::Body>,
) -> crate::helpers::Reply {
    let path = if preview {
        "/api/v1/staff/import/preview"
    } else {
        "/api/v1/staff/import"
    };
    app.send(Call::post(path).token(token).raw("text/csv", file))
        .await
}

#[tokio::test]
async fn only_an_administrator_imports() {
    for app in engines().await {
        let file = format!("{HEADER}Ny Person;ny@demo.test;Ekbackeskolan;svenska;F-3;lärare;\n");
        for login in [
            "styrgrupp@demo.test",
            "larare@demo.test",
            "rektor@demo.test",
        ] {
            let token = app.login(login).await;
            for preview in [true, false] {
                let reply = import(&app, &token, preview, file.clone()).await;
                assert_eq!(
                    reply.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {login}",
                    app.engine
                );
            }
        }
        let admin = app.login("admin@demo.test").await;
        let none = app
            .send(Call::get("/api/v1/staff?q=ny%20person").token(&admin))
            .await;
        assert_eq!(none.body["total"], 0);
    }
}

#[tokio::test]
async fn an_import_with_errors_lists_them_and_stores_nothing() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let file = format!(
            "{HEADER}Rätt Person;ratt@demo.test;Ekbackeskolan;svenska;F-3;lärare;\n\
             Fel Skola;fel@demo.test;Ekbackskolan;Matte;F-3;lärare;\n"
        );
        let preview = import(&app, &admin, true, file.clone()).await;
        assert_status!(app, preview, StatusCode::OK);
        let errors = preview.body["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0]["line"], 3);
        assert_eq!(errors[0]["column"], "skola");
        assert_eq!(
            errors[0]["message"],
            "Okänd skola \"Ekbackskolan\". Menade du \"Ekbackeskolan\"?"
        );
        assert_eq!(errors[1]["column"], "ämnen");
        assert_eq!(preview.body["created"], 1);

        let commit = import(&app, &admin, false, file).await;
        assert_eq!(commit.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(commit.field(), Some("file"));
        let none = app
            .send(Call::get("/api/v1/staff?q=ratt%40demo").token(&admin))
            .await;
        assert_eq!(
            none.body["total"], 0,
            "[{}] the good row was not stored either",
            app.engine
        );
    }
}

#[tokio::test]
async fn an_import_creates_updates_and_is_idempotent() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let file = format!(
            "{HEADER}Signe Ankarberg;Signe.Ankarberg@demo.test;Ekbackeskolan, Ängsskolan;svenska, matematik;F–3;lärare;Förstelärare\n\
             \"Lind, Tor\";tor.lind@demo.test;Tallåsskolan;fysik;7-9;;\n"
        );
        let first = import(&app, &admin, false, file.clone()).await;
        assert_status!(app, first, StatusCode::OK);
        assert_eq!(
            (
                first.body["created"].as_u64(),
                first.body["updated"].as_u64()
            ),
            (Some(2), Some(0))
        );

        let again = import(&app, &admin, true, file.clone()).await;
        assert_eq!(
            again.body["unchanged"], 2,
            "[{}] re-importing changes nothing",
            app.engine
        );
        assert_eq!(again.body["created"], 0);

        let signe = app
            .send(Call::get("/api/v1/staff?q=ankarberg").token(&admin))
            .await;
        let person = &items(&signe.body)[0];
        assert_eq!(person["email"], "signe.ankarberg@demo.test");
        assert_eq!(
            person["subjects"],
            serde_json::json!(["svenska", "matematik"])
        );
        assert_eq!(
            person["stages"],
            serde_json::json!(["forskoleklass", "ak1_3"])
        );
        assert_eq!(person["roles"], serde_json::json!(["larare"]));
        assert_eq!(person["schools"].as_array().expect("schools").len(), 2);

        // A teacher finds the new colleague by subject at once.
        let teacher = app.login("larare@demo.test").await;
        let found = app
            .send(Call::get("/api/v1/staff?q=signe&subject=matematik").token(&teacher))
            .await;
        assert_eq!(found.body["total"], 1);

        let moved = file.replace("Tallåsskolan;fysik", "Kvarnbyskolan;fysik, kemi");
        let update = import(&app, &admin, false, moved).await;
        assert_eq!(
            (
                update.body["updated"].as_u64(),
                update.body["unchanged"].as_u64()
            ),
            (Some(1), Some(1))
        );
        let tor = app
            .send(Call::get("/api/v1/staff?q=tor.lind").token(&admin))
            .await;
        assert_eq!(items(&tor.body)[0]["schools"][0]["name"], "Kvarnbyskolan");
        assert_eq!(
            items(&tor.body)[0]["subjects"],
            serde_json::json!(["fysik", "kemi"])
        );
    }
}

#[tokio::test]
async fn windows_1252_comma_separated_files_import() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let text = "namn,e-post,skola,ämnen\nÖrjan Åkesson,orjan.akesson@demo.test,Ängsskolan,\"slöjd, bild\"\n";
        let bytes: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
            .collect();
        let reply = import(&app, &admin, false, bytes).await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["encoding"], "windows-1252");
        assert_eq!(reply.body["separator"], ",");
        let found = app
            .send(Call::get("/api/v1/staff?q=%C3%B6rjan%20%C3%A5kesson").token(&admin))
            .await;
        assert_eq!(names(&found.body), ["Örjan Åkesson"]);
    }
}

#[tokio::test]
async fn five_thousand_rows_import_in_one_go() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let schools = [
            "Ekbackeskolan",
            "Solrosskolan",
            "Tallåsskolan",
            "Björkhagaskolan",
            "Lindvallskolan",
            "Ängsskolan",
        ];
        let subjects = [
            "svenska",
            "matematik",
            "engelska, tyska",
            "bild",
            "idrott och hälsa",
            "musik",
        ];
        let subjects = subjects.map(|s| s.replace(", tyska", ", moderna språk"));
        let stages = ["F-3", "4-6", "7-9", "fritids"];
        let mut file = String::from(HEADER);
        for i in 0..5000 {
            file.push_str(&format!(
                "Person {i};person{i}@import.test;{};\"{}\";{};lärare;\n",
                schools[i % schools.len()],
                subjects[i % subjects.len()],
                stages[i % stages.len()]
            ));
        }
        let t = Instant::now();
        let preview = import(&app, &admin, true, file.clone()).await;
        let preview_time = t.elapsed();
        assert_eq!(preview.status, StatusCode::OK);
        assert_eq!(
            preview.body["errors"],
            serde_json::json!([]),
            "[{}]",
            app.engine
        );
        assert_eq!(preview.body["created"], 5000);
        let t = Instant::now();
        let commit = import(&app, &admin, false, file.clone()).await;
        let commit_time = t.elapsed();
        assert_status!(app, commit, StatusCode::OK);
        let t = Instant::now();
        let again = import(&app, &admin, true, file).await;
        let repreview_time = t.elapsed();
        assert_eq!(again.body["unchanged"], 5000);
        let t = Instant::now();
        let search = app
            .send(Call::get("/api/v1/staff?q=person%204999").token(&admin))
            .await;
        let search_time = t.elapsed();
        assert_eq!(names(&search.body), ["Person 4999"]);
        eprintln!(
            "[{}] 5,000-row import: preview {preview_time:?}, commit {commit_time:?}, re-preview {repreview_time:?}; one search {search_time:?}",
            app.engine
        );
    }
}
