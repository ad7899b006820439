//! The årshjul: the template a year starts from, who may change activities, versions,
//! the history, single-activity .ics files and the calendar feeds.

mod common;

use axum::http::{Method, StatusCode};
use common::{Call, TestApp, engines};
use serde_json::{Value, json};

async fn wheel(app: &TestApp, token: &str) -> Value {
    let reply = app.send(Call::get("/api/v1/wheel").token(token)).await;
    assert_status!(app, reply, StatusCode::OK);
    reply.body
}

fn ring<'a>(wheel: &'a Value, kind: &str) -> &'a Value {
    wheel["rings"]
        .as_array()
        .expect("rings")
        .iter()
        .find(|r| r["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} ring"))
}

fn slot(ring_id: &Value, title: &str) -> Value {
    json!({
        "ring_id": ring_id, "title": title, "description": "Frågeställning: hur ger vi återkoppling?",
        "starts_on": "2026-09-10", "ends_on": "2026-09-10", "start_time": "15:00", "end_time": "16:30",
        "audience": {"kind": "group_kind", "group_kind": "largrupp"}, "theme": "Bedömning för lärande"
    })
}

fn text(reply: &common::Reply) -> String {
    String::from_utf8(reply.bytes.clone()).expect("utf-8")
}

#[tokio::test]
async fn a_year_starts_from_the_template_once() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let first = wheel(&app, &token).await;
        let names: Vec<&str> = first["rings"]
            .as_array()
            .expect("rings")
            .iter()
            .map(|r| r["name"].as_str().expect("name"))
            .collect();
        assert_eq!(
            names,
            [
                "Lärgruppsträffar",
                "Ledarträffar",
                "Rektorsträffar",
                "Målsamtal",
                "Resultatdialoger",
                "Studiedagar",
                "Teman",
                "Lov"
            ],
            "[{}]",
            app.engine
        );
        let holidays: Vec<&str> = first["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .filter(|a| a["ring_id"] == ring(&first, "holidays")["id"])
            .map(|a| a["title"].as_str().expect("title"))
            .collect();
        assert_eq!(
            holidays,
            ["Höstlov", "Jullov", "Sportlov", "Påsklov"],
            "[{}]",
            app.engine
        );
        let again = wheel(&app, &token).await;
        assert_eq!(
            again, first,
            "[{}] the template is laid out once",
            app.engine
        );
    }
}

#[tokio::test]
async fn the_steering_group_plans_the_year_and_every_change_is_recorded() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &token).await;
        let meetings = ring(&w, "meetings")["id"].clone();

        // Field errors, in Swedish, naming the field.
        let mut bad = slot(&meetings, "Lärgruppsträff 1");
        bad["end_time"] = json!("14:00");
        let reply = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&token)
                    .json(&bad),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("end_time"), "[{}]", app.engine);
        let mut outside = slot(&meetings, "Lärgruppsträff 1");
        outside["starts_on"] = json!("2027-08-20");
        outside["ends_on"] = json!("2027-08-20");
        let reply = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&token)
                    .json(&outside),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("starts_on"), "[{}]", app.engine);
        assert!(
            reply.message().contains("läsårets"),
            "[{}] {}",
            app.engine,
            reply.message()
        );

        let created = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&token)
                    .json(&slot(&meetings, "Lärgruppsträff 1")),
            )
            .await;
        assert_status!(app, created, StatusCode::CREATED);
        let id = created.body["id"].as_i64().expect("id");
        assert_eq!(created.body["version"], 1, "[{}]", app.engine);

        // Moved a week later, based on version 1.
        let mut moved = slot(&meetings, "Lärgruppsträff 1");
        moved["starts_on"] = json!("2026-09-17");
        moved["ends_on"] = json!("2026-09-17");
        moved["version"] = json!(1);
        let reply = app
            .send(
                Call::new(Method::PUT, &format!("/api/v1/wheel/activities/{id}"))
                    .token(&token)
                    .json(&moved),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["starts_on"], "2026-09-17", "[{}]", app.engine);
        assert_eq!(reply.body["version"], 2, "[{}]", app.engine);

        // A second editor still on version 1 is refused, and nothing changes.
        let admin = app.login("admin@demo.test").await;
        let mut stale = slot(&meetings, "Lärgruppsträff 1 (flyttad)");
        stale["version"] = json!(1);
        let reply = app
            .send(
                Call::new(Method::PUT, &format!("/api/v1/wheel/activities/{id}"))
                    .token(&admin)
                    .json(&stale),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/activities/{id}?version=1"),
                )
                .token(&admin),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        let now = wheel(&app, &token).await;
        let kept = now["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["id"] == id)
            .expect("kept");
        assert_eq!(kept["title"], "Lärgruppsträff 1", "[{}]", app.engine);
        assert_eq!(kept["starts_on"], "2026-09-17", "[{}]", app.engine);

        // The single activity as a file for a calendar.
        let ics = app
            .send(Call::get(&format!("/api/v1/wheel/activities/{id}/ics")).token(&token))
            .await;
        assert_status!(app, ics, StatusCode::OK);
        let body = text(&ics);
        assert!(
            body.contains("DTSTART;TZID=Europe/Stockholm:20260917T150000"),
            "[{}] {body}",
            app.engine
        );
        assert!(body.contains("SEQUENCE:1"), "[{}]", app.engine);

        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/activities/{id}?version=2"),
                )
                .token(&admin),
            )
            .await;
        assert_status!(app, reply, StatusCode::NO_CONTENT);

        let history = app
            .send(Call::get("/api/v1/wheel/history").token(&token))
            .await;
        assert_status!(app, history, StatusCode::OK);
        let entries: Vec<(String, String)> = history
            .body
            .as_array()
            .expect("history")
            .iter()
            .filter(|c| c["activity_id"] == id)
            .map(|c| {
                (
                    c["action"].as_str().expect("action").to_owned(),
                    c["who"].as_str().expect("who").to_owned(),
                )
            })
            .collect();
        assert_eq!(entries.len(), 3, "[{}] {entries:?}", app.engine);
        assert_eq!(entries[0].0, "deleted", "[{}]", app.engine);
        assert_eq!(entries[1].0, "changed", "[{}]", app.engine);
        assert_eq!(entries[2].0, "created", "[{}]", app.engine);
        assert_ne!(
            entries[0].1, entries[2].1,
            "[{}] two different people",
            app.engine
        );
        let changed = history
            .body
            .as_array()
            .expect("history")
            .iter()
            .find(|c| c["action"] == "changed")
            .expect("changed");
        assert_eq!(
            changed["before"]["starts_on"], "2026-09-10",
            "[{}]",
            app.engine
        );
        assert_eq!(
            changed["after"]["starts_on"], "2026-09-17",
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn teachers_read_the_wheel_and_other_municipalities_see_nothing() {
    for app in engines().await {
        let editor = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &editor).await;
        let meetings = ring(&w, "meetings")["id"].clone();
        let holiday = w["activities"][0].clone();
        let id = holiday["id"].as_i64().expect("id");
        let mut change = slot(&meetings, "X");
        change["version"] = holiday["version"].clone();

        let teacher = app.login("larare@demo.test").await;
        for call in [
            Call::post("/api/v1/wheel/activities").json(&slot(&meetings, "X")),
            Call::new(Method::PUT, &format!("/api/v1/wheel/activities/{id}")).json(&change),
            Call::new(
                Method::DELETE,
                &format!("/api/v1/wheel/activities/{id}?version=1"),
            ),
            Call::get("/api/v1/wheel/history"),
            Call::new(Method::PUT, "/api/v1/wheel/public-feed").json(&json!({"enabled": true})),
        ] {
            let reply = app.send(call.token(&teacher)).await;
            assert_status!(app, reply, StatusCode::FORBIDDEN);
        }

        let outsider = app.login("admin@ovning.test").await;
        for call in [
            Call::new(Method::PUT, &format!("/api/v1/wheel/activities/{id}")).json(&change),
            Call::new(
                Method::DELETE,
                &format!("/api/v1/wheel/activities/{id}?version=1"),
            ),
            Call::get(&format!("/api/v1/wheel/activities/{id}/ics")),
            Call::get(&format!("/api/v1/wheel?year={}", w["school_year"]["id"])),
            Call::get(&format!(
                "/api/v1/wheel/history?year={}",
                w["school_year"]["id"]
            )),
        ] {
            let reply = app.send(call.token(&outsider)).await;
            assert_status!(app, reply, StatusCode::NOT_FOUND);
        }
        // Another municipality's ring is not one the caller can plan on.
        let reply = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&outsider)
                    .json(&slot(&meetings, "X")),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("ring_id"), "[{}]", app.engine);
        let reply = app.send(Call::get("/api/v1/wheel")).await;
        assert_status!(app, reply, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn each_person_gets_a_private_revocable_feed_of_what_concerns_them() {
    for app in engines().await {
        let editor = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &editor).await;
        let principals = ring(&w, "principals")["id"].clone();
        let meetings = ring(&w, "meetings")["id"].clone();
        let for_principals = json!({
            "ring_id": principals, "title": "Rektorsträff", "starts_on": "2026-10-01", "ends_on": "2026-10-01",
            "audience": {"kind": "role", "role": "rektor"}});
        for body in [for_principals, slot(&meetings, "Extra lärgruppsträff")] {
            let reply = app
                .send(
                    Call::post("/api/v1/wheel/activities")
                        .token(&editor)
                        .json(&body),
                )
                .await;
            assert_status!(app, reply, StatusCode::CREATED);
        }

        let teacher = app.login("larare@demo.test").await;
        let none = app
            .send(Call::get("/api/v1/me/calendar-feed").token(&teacher))
            .await;
        assert_eq!(none.body["active"], false, "[{}]", app.engine);
        let made = app
            .send(Call::post("/api/v1/me/calendar-feed").token(&teacher))
            .await;
        assert_status!(app, made, StatusCode::OK);
        let url = made.body["url"].as_str().expect("url").to_owned();
        assert!(
            url.starts_with("/api/v1/calendar/") && url.ends_with(".ics"),
            "[{}] {url}",
            app.engine
        );

        // No sign-in needed: the token is the key.
        let feed = app.send(Call::get(&url)).await;
        assert_status!(app, feed, StatusCode::OK);
        assert!(
            feed.headers["content-type"]
                .to_str()
                .expect("type")
                .starts_with("text/calendar"),
            "[{}]",
            app.engine
        );
        let body = text(&feed);
        assert!(
            body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "[{}]",
            app.engine
        );
        assert!(body.contains("SUMMARY:Höstlov"), "[{}]", app.engine);
        assert!(
            body.contains("SUMMARY:Lärgruppsträff 1"),
            "[{}] the teacher's group meets",
            app.engine
        );
        assert!(
            !body.contains("Rektorsträff"),
            "[{}] not for teachers",
            app.engine
        );
        assert!(body.contains("BEGIN:VTIMEZONE"), "[{}]", app.engine);
        let principal = app.login("rektor@demo.test").await;
        let theirs = app
            .send(Call::post("/api/v1/me/calendar-feed").token(&principal))
            .await;
        let theirs = app
            .send(Call::get(theirs.body["url"].as_str().expect("url")))
            .await;
        assert!(
            text(&theirs).contains("SUMMARY:Rektorsträff"),
            "[{}]",
            app.engine
        );

        // A new URL revokes the old one; revoking ends both.
        let again = app
            .send(Call::post("/api/v1/me/calendar-feed").token(&teacher))
            .await;
        let new_url = again.body["url"].as_str().expect("url").to_owned();
        assert_ne!(new_url, url, "[{}]", app.engine);
        assert_status!(app, app.send(Call::get(&url)).await, StatusCode::NOT_FOUND);
        assert_status!(app, app.send(Call::get(&new_url)).await, StatusCode::OK);
        let revoked = app
            .send(Call::new(Method::DELETE, "/api/v1/me/calendar-feed").token(&teacher))
            .await;
        assert_status!(app, revoked, StatusCode::NO_CONTENT);
        assert_status!(
            app,
            app.send(Call::get(&new_url)).await,
            StatusCode::NOT_FOUND
        );
        for guess in [
            "/api/v1/calendar/abc.ics",
            "/api/v1/calendar/public/abc.ics",
        ] {
            assert_status!(app, app.send(Call::get(guess)).await, StatusCode::NOT_FOUND);
        }

        // The public feed of the whole wheel, when the steering group switches it on.
        let state = app
            .send(Call::get("/api/v1/wheel/public-feed").token(&editor))
            .await;
        assert_eq!(state.body["active"], false, "[{}]", app.engine);
        let reply = app
            .send(Call::get("/api/v1/wheel/public-feed").token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let on = app
            .send(
                Call::new(Method::PUT, "/api/v1/wheel/public-feed")
                    .token(&editor)
                    .json(&json!({"enabled": true})),
            )
            .await;
        assert_status!(app, on, StatusCode::OK);
        let public = on.body["url"].as_str().expect("url").to_owned();
        let state = app
            .send(Call::get("/api/v1/wheel/public-feed").token(&editor))
            .await;
        assert_eq!(state.body["active"], true, "[{}]", app.engine);
        let feed = app.send(Call::get(&public)).await;
        assert_status!(app, feed, StatusCode::OK);
        assert!(
            text(&feed).contains("SUMMARY:Rektorsträff"),
            "[{}]",
            app.engine
        );
        let off = app
            .send(
                Call::new(Method::PUT, "/api/v1/wheel/public-feed")
                    .token(&editor)
                    .json(&json!({"enabled": false})),
            )
            .await;
        assert_status!(app, off, StatusCode::OK);
        assert_status!(
            app,
            app.send(Call::get(&public)).await,
            StatusCode::NOT_FOUND
        );
    }
}
