//! Administrators keep the staff and schools: create, change with versions, deactivate,
//! reset passwords, add the municipality's own subjects; nobody else may, and nobody
//! reaches another municipality's people.

use crate::helpers::{Call, TestApp, engines};
use axum::http::StatusCode;
use serde_json::{Value, json};

async fn person_id(app: &TestApp, token: &str, email: &str) -> (i64, i64) {
    app.staff_row(token, email).await
}

fn new_person(email: &str, school: i64) -> Value {
    json!({
        "name": "Greta Nyanställd", "email": email, "title": "Speciallärare",
        "school_ids": [school], "subjects": ["specialpedagogik", "svenska"], "stages": ["ak4_6"],
        "roles": ["larare"], "expertise": ["Schemaläggning", "Unikum"]
    })
}

#[tokio::test]
async fn an_administrator_adds_a_person_colleagues_then_find() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let school = app.school_id(&admin, "Solrosskolan").await;
        let created = app
            .send(
                Call::post("/api/v1/staff")
                    .token(&admin)
                    .json(&new_person("Greta@Demo.test", school)),
            )
            .await;
        assert_status!(app, created, StatusCode::CREATED);
        assert_eq!(created.body["email"], "greta@demo.test");
        assert_eq!(
            created.body["expertise"],
            json!(["Schemaläggning", "Unikum"])
        );

        let teacher = app.login("larare@demo.test").await;
        let found = app
            .send(Call::get("/api/v1/staff?q=schemal%C3%A4gg").token(&teacher))
            .await;
        assert_eq!(
            found.body["items"][0]["name"], "Greta Nyanställd",
            "[{}] found by expertise",
            app.engine
        );

        let again = app
            .send(
                Call::post("/api/v1/staff")
                    .token(&admin)
                    .json(&new_person("greta@demo.test", school)),
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(again.field(), Some("email"));
    }
}

#[tokio::test]
async fn bad_references_and_fields_are_named() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let theirs = app.login("admin@ovning.test").await;
        let foreign_school = app.school_id(&theirs, "Övningsskolan").await;
        let cases = [
            ("school_ids", new_person("a@demo.test", foreign_school)),
            ("subjects", {
                let mut p = new_person("b@demo.test", foreign_school);
                p["school_ids"] = json!([]);
                p["subjects"] = json!(["trolldom"]);
                p
            }),
            ("roles", {
                let mut p = new_person("c@demo.test", foreign_school);
                p["school_ids"] = json!([]);
                p["roles"] = json!([]);
                p
            }),
            (
                "email",
                json!({"name": "X", "email": "inte-en-adress", "roles": ["larare"]}),
            ),
        ];
        for (field, body) in cases {
            let reply = app
                .send(Call::post("/api/v1/staff").token(&admin).json(&body))
                .await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "[{}] {field}",
                app.engine
            );
            assert_eq!(reply.field(), Some(field));
            assert!(!reply.message().is_empty());
        }
        let none = app
            .send(Call::get("/api/v1/staff?q=nyanst%C3%A4lld").token(&admin))
            .await;
        assert_eq!(none.body["total"], 0, "nothing was stored");
    }
}

#[tokio::test]
async fn only_administrators_change_staff_and_schools() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let (id, version) = person_id(&app, &admin, "larare@demo.test").await;
        for login in [
            "styrgrupp@demo.test",
            "ikt@demo.test",
            "rektor@demo.test",
            "larare@demo.test",
        ] {
            let token = app.login(login).await;
            let calls = [
                Call::post("/api/v1/staff")
                    .token(&token)
                    .json(&new_person("x@demo.test", 1)),
                Call::patch(&format!("/api/v1/staff/{id}"))
                    .token(&token)
                    .json(&json!({"name": "Kapad", "version": version})),
                Call::post(&format!("/api/v1/staff/{id}/password-reset")).token(&token),
                Call::post("/api/v1/schools")
                    .token(&token)
                    .json(&json!({"name": "Ny skola"})),
                Call::post("/api/v1/subjects")
                    .token(&token)
                    .json(&json!({"name": "Elevhälsa"})),
            ];
            for call in calls {
                let reply = app.send(call).await;
                assert_eq!(
                    reply.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {login}",
                    app.engine
                );
            }
        }
        let me = app
            .send(Call::get(&format!("/api/v1/staff/{id}")).token(&admin))
            .await;
        assert_eq!(me.body["name"], "Elin Sjöberg");
    }
}

#[tokio::test]
async fn another_municipalitys_person_cannot_be_reached() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let (id, version) = person_id(&app, &admin, "larare@demo.test").await;
        let theirs = app.login("admin@ovning.test").await;
        let patch = app
            .send(
                Call::patch(&format!("/api/v1/staff/{id}"))
                    .token(&theirs)
                    .json(&json!({"active": false, "version": version})),
            )
            .await;
        assert_eq!(patch.status, StatusCode::NOT_FOUND, "[{}]", app.engine);
        let reset = app
            .send(Call::post(&format!("/api/v1/staff/{id}/password-reset")).token(&theirs))
            .await;
        assert_eq!(reset.status, StatusCode::NOT_FOUND);
        app.login("larare@demo.test").await;
    }
}

#[tokio::test]
async fn a_stale_change_is_refused_and_a_deactivated_person_is_shut_out() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let (id, version) = person_id(&app, &admin, "larare@demo.test").await;
        let path = format!("/api/v1/staff/{id}");

        let renamed = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"title": "Lärare", "version": version})),
            )
            .await;
        assert_status!(app, renamed, StatusCode::OK);
        let stale = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"title": "Annat", "version": version})),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);

        let off = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"active": false, "version": version + 1})),
            )
            .await;
        assert_eq!(off.status, StatusCode::OK);
        assert_eq!(off.body["active"], false);
        assert_eq!(off.body["title"], "Lärare");

        assert_eq!(
            app.send(Call::get("/api/v1/me").token(&teacher))
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "the token stops working"
        );
        let login = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&json!({"email": "larare@demo.test", "password": "kollegium"})),
            )
            .await;
        assert_eq!(login.status, StatusCode::UNAUTHORIZED);

        let colleague = app.login("rektor@demo.test").await;
        let hidden = app
            .send(Call::get("/api/v1/staff?q=sj%C3%B6berg&include_inactive=true").token(&colleague))
            .await;
        assert_eq!(hidden.body["total"], 0, "gone from colleagues' search");
        assert_eq!(
            app.send(Call::get(&path).token(&colleague)).await.status,
            StatusCode::NOT_FOUND
        );
        let kept = app.send(Call::get(&path).token(&admin)).await;
        assert_eq!(kept.body["email"], "larare@demo.test", "the history stays");
    }
}

#[tokio::test]
async fn a_reset_password_works_once_and_must_be_changed() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let (id, _) = person_id(&app, &admin, "rektor@demo.test").await;
        // A session signed in before the reset (a lost iPad, say) ends with it.
        let before = app.login("rektor@demo.test").await;
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&before)).await,
            StatusCode::OK
        );
        let reset = app
            .send(Call::post(&format!("/api/v1/staff/{id}/password-reset")).token(&admin))
            .await;
        assert_eq!(reset.status, StatusCode::OK, "[{}]", app.engine);
        let one_time = reset.body["one_time_password"]
            .as_str()
            .expect("password")
            .to_owned();
        assert!(one_time.chars().count() >= 12);

        let old = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&json!({"email": "rektor@demo.test", "password": "kollegium"})),
            )
            .await;
        assert_eq!(old.status, StatusCode::UNAUTHORIZED);
        let signed = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&json!({"email": "rektor@demo.test", "password": one_time})),
            )
            .await;
        assert_eq!(signed.status, StatusCode::OK);
        assert_eq!(signed.body["me"]["must_change_password"], true);
        let token = signed.body["token"].as_str().expect("token").to_owned();
        let change =
            app.send(Call::post("/api/v1/auth/password").token(&token).json(
                &json!({"current_password": one_time, "new_password": "mitt-eget-losenord"}),
            ))
            .await;
        assert_eq!(change.status, StatusCode::OK, "[{}]", app.engine);
        assert_eq!(change.body["me"]["must_change_password"], false);
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&before)).await,
            StatusCode::UNAUTHORIZED
        );
        // The one-time password's session ends too; the change's new token goes on.
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&token)).await,
            StatusCode::UNAUTHORIZED
        );
        let token = change.body["token"].as_str().expect("token").to_owned();
        let me = app.send(Call::get("/api/v1/me").token(&token)).await;
        assert_eq!(me.body["must_change_password"], false);
        assert_eq!(
            app.send(Call::get("/api/v1/staff").token(&token))
                .await
                .status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn schools_and_own_subjects_are_added() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let school = app
            .send(
                Call::post("/api/v1/schools")
                    .token(&admin)
                    .json(&json!({"name": "Åkerbyskolan", "stages": ["ak4_6", "fritidshem"]})),
            )
            .await;
        assert_status!(app, school, StatusCode::CREATED);
        assert_eq!(school.body["stages"], json!(["ak4_6", "fritidshem"]));
        let dup = app
            .send(
                Call::post("/api/v1/schools")
                    .token(&admin)
                    .json(&json!({"name": "Åkerbyskolan"})),
            )
            .await;
        assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(dup.field(), Some("name"));

        let subject = app
            .send(
                Call::post("/api/v1/subjects")
                    .token(&admin)
                    .json(&json!({"name": "Elevhälsa"})),
            )
            .await;
        assert_eq!(subject.status, StatusCode::CREATED);
        assert_eq!(subject.body["code"], "elevhalsa");
        for clash in ["Elevhälsa", "Matematik"] {
            let r = app
                .send(
                    Call::post("/api/v1/subjects")
                        .token(&admin)
                        .json(&json!({"name": clash})),
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{clash}");
            assert_eq!(r.field(), Some("name"));
        }
        let list = app
            .send(Call::get("/api/v1/subjects").token(&app.login("larare@demo.test").await))
            .await;
        assert!(
            list.body
                .as_array()
                .expect("list")
                .iter()
                .any(|s| s["code"] == "elevhalsa" && s["custom"] == true)
        );
        let theirs = app
            .send(Call::get("/api/v1/subjects").token(&app.login("admin@ovning.test").await))
            .await;
        assert!(
            !theirs
                .body
                .as_array()
                .expect("list")
                .iter()
                .any(|s| s["code"] == "elevhalsa")
        );

        // The new school and subject can be used at once, in an import too.
        let file = "namn;e-post;skola;ämnen\nKurator Kim;kim@demo.test;Åkerbyskolan;Elevhälsa\n";
        let import = app
            .send(
                Call::post("/api/v1/staff/import")
                    .token(&admin)
                    .raw("text/csv", file),
            )
            .await;
        assert_eq!(import.status, StatusCode::OK, "{:?}", import.body);
        assert_eq!(import.body["created"], 1);
    }
}

#[tokio::test]
async fn a_school_gets_a_principal_of_its_own_municipality_only() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let id = app.school_id(&admin, "Tallåsskolan").await;
        let path = format!("/api/v1/schools/{id}");
        let school = app.send(Call::get(&path).token(&admin)).await;
        assert_eq!(
            school.body["principal"]["name"], "Lars Sundqvist",
            "[{}] the demo names principals",
            app.engine
        );
        let version = school.body["version"].as_i64().expect("version");

        let theirs = app.login("admin@ovning.test").await;
        let (foreign, _) = person_id(&app, &theirs, "larare@ovning.test").await;
        let refused = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"principal_id": foreign, "version": version})),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.field(), Some("principal_id"));

        let (elin, _) = person_id(&app, &admin, "larare@demo.test").await;
        let set = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"principal_id": elin, "version": version})),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{:?}", set.body);
        assert_eq!(set.body["principal"]["name"], "Elin Sjöberg");
        let kept = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"name": "Tallåsskolan", "version": version + 1})),
            )
            .await;
        assert_eq!(
            kept.body["principal"]["name"], "Elin Sjöberg",
            "left out, unchanged"
        );
        let cleared = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"principal_id": null, "version": version + 2})),
            )
            .await;
        assert!(cleared.body["principal"].is_null());
    }
}

#[tokio::test]
async fn an_administrator_cannot_shut_themselves_out() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let (me, version) = person_id(&app, &admin, "admin@demo.test").await;
        let path = format!("/api/v1/staff/{me}");
        for (patch, field) in [
            (json!({"active": false, "version": version}), "active"),
            (json!({"roles": ["larare"], "version": version}), "roles"),
        ] {
            let reply = app
                .send(Call::patch(&path).token(&admin).json(&patch))
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some(field));
        }
        let reset = app
            .send(Call::post(&format!("{path}/password-reset")).token(&admin))
            .await;
        assert_status!(app, reset, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reset.message().contains("Profil"), "{}", reset.message());
        // Still signed in, still an administrator; another person is reset as before.
        let me_now = app.send(Call::get("/api/v1/me").token(&admin)).await;
        assert_status!(app, me_now, StatusCode::OK);
        let (teacher, _) = person_id(&app, &admin, "larare@demo.test").await;
        let reply = app
            .send(Call::post(&format!("/api/v1/staff/{teacher}/password-reset")).token(&admin))
            .await;
        assert_status!(app, reply, StatusCode::OK);
    }
}
