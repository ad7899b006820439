//! The årshjul: the template a year starts from, who may change activities, versions,
//! the history, single-activity .ics files and the calendar feeds.

use crate::helpers::{Call, TestApp, engines};
use axum::http::{Method, StatusCode};
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

fn text(reply: &crate::helpers::Reply) -> String {
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
                "Lov",
                // The demo project's milestones brought their ring.
                "Projekt"
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

        // 02:30 on 28 March 2027 does not exist in Sweden: the clocks go from 02:00 to
        // 03:00.
        let mut skipped = slot(&meetings, "Lärgruppsträff 1");
        skipped["starts_on"] = json!("2027-03-28");
        skipped["ends_on"] = json!("2027-03-28");
        skipped["start_time"] = json!("02:30");
        skipped["end_time"] = json!("04:00");
        let reply = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&token)
                    .json(&skipped),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("start_time"), "[{}]", app.engine);
        assert!(reply.message().contains("sommartid"), "{}", reply.message());

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

#[tokio::test]
async fn the_steering_group_adds_renames_reorders_and_removes_rings() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &token).await;
        let bad = app
            .send(
                Call::post("/api/v1/wheel/rings")
                    .token(&token)
                    .json(&json!({"name": "Skolutveckling", "colour": "grön"})),
            )
            .await;
        assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.field(), Some("colour"), "[{}]", app.engine);
        let added = app
            .send(
                Call::post("/api/v1/wheel/rings")
                    .token(&token)
                    .json(&json!({"name": "Skolutveckling", "colour": "#3D5A40"})),
            )
            .await;
        assert_status!(app, added, StatusCode::CREATED);
        let id = added.body["id"].as_i64().expect("id");
        // Inside the template's eight and the demo project's ring.
        assert_eq!(added.body["position"], 9, "[{}] innermost", app.engine);
        assert_eq!(added.body["colour"], "#3d5a40", "[{}]", app.engine);
        assert_eq!(added.body["kind"], "other", "[{}]", app.engine);

        // Renamed, then a change based on the old version is refused.
        let renamed = app
            .send(
                Call::put(&format!("/api/v1/wheel/rings/{id}"))
                    .token(&token)
                    .json(&json!({"name": "Skolutveckling HT", "colour": "#3d5a40", "version": 1})),
            )
            .await;
        assert_status!(app, renamed, StatusCode::OK);
        assert_eq!(
            renamed.body["name"], "Skolutveckling HT",
            "[{}]",
            app.engine
        );
        let stale = app
            .send(
                Call::put(&format!("/api/v1/wheel/rings/{id}"))
                    .token(&token)
                    .json(&json!({"name": "Annat", "colour": "#3d5a40", "version": 1})),
            )
            .await;
        assert_status!(app, stale, StatusCode::CONFLICT);

        // One lane out: it swaps places with the demo project's ring.
        let moved = app
            .send(
                Call::post(&format!("/api/v1/wheel/rings/{id}/move"))
                    .token(&token)
                    .json(&json!({"outward": true, "version": 2})),
            )
            .await;
        assert_status!(app, moved, StatusCode::OK);
        let after = wheel(&app, &token).await;
        let order: Vec<&str> = after["rings"]
            .as_array()
            .expect("rings")
            .iter()
            .map(|r| r["kind"].as_str().expect("kind"))
            .collect();
        assert_eq!(
            &order[6..],
            ["themes", "holidays", "other", "projects"],
            "[{}]",
            app.engine
        );

        // The template's rings stay; an added ring goes once it is empty.
        let holidays = ring(&w, "holidays");
        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/rings/{}?version={}", holidays["id"], 2),
                )
                .token(&token),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        let activity = app
            .send(Call::post("/api/v1/wheel/activities").token(&token).json(&json!({
                "ring_id": id, "title": "Skolbesök", "starts_on": "2026-10-05", "ends_on": "2026-10-05",
                "audience": {"kind": "everyone"}})))
            .await;
        assert_status!(app, activity, StatusCode::CREATED);
        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/rings/{id}?version=3"),
                )
                .token(&token),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            reply.message().contains("aktiviteter"),
            "[{}] {}",
            app.engine,
            reply.message()
        );
        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/activities/{}?version=1", activity.body["id"]),
                )
                .token(&token),
            )
            .await;
        assert_status!(app, reply, StatusCode::NO_CONTENT);

        // A teacher may not; another municipality does not see the ring.
        let teacher = app.login("larare@demo.test").await;
        let outsider = app.login("admin@ovning.test").await;
        let change = json!({"name": "X", "colour": "#000000", "version": 3});
        for (who, status) in [
            (&teacher, StatusCode::FORBIDDEN),
            (&outsider, StatusCode::NOT_FOUND),
        ] {
            for call in [
                Call::put(&format!("/api/v1/wheel/rings/{id}")).json(&change),
                Call::post(&format!("/api/v1/wheel/rings/{id}/move"))
                    .json(&json!({"outward": false, "version": 3})),
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/rings/{id}?version=3"),
                ),
            ] {
                let reply = app.send(call.token(who)).await;
                assert_status!(app, reply, status);
            }
        }
        let reply = app
            .send(
                Call::post("/api/v1/wheel/rings")
                    .token(&teacher)
                    .json(&change),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);

        let reply = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("/api/v1/wheel/rings/{id}?version=3"),
                )
                .token(&token),
            )
            .await;
        assert_status!(app, reply, StatusCode::NO_CONTENT);
        let last = wheel(&app, &token).await;
        // The template's eight and the demo project's ring.
        assert_eq!(
            last["rings"].as_array().expect("rings").len(),
            9,
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn a_wheel_is_copied_to_the_next_year_after_review() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &token).await;
        let from = w["school_year"]["id"].as_i64().expect("year");
        let meetings = ring(&w, "meetings")["id"].clone();
        let mut meeting = slot(&meetings, "Lärgruppsträff 3");
        meeting["starts_on"] = json!("2026-11-26");
        meeting["ends_on"] = json!("2026-11-26");
        let created = app
            .send(
                Call::post("/api/v1/wheel/activities")
                    .token(&token)
                    .json(&meeting),
            )
            .await;
        assert_status!(app, created, StatusCode::CREATED);
        let year = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2027/28", "starts_on": "2027-08-16", "spring_starts_on": "2028-01-10", "ends_on": "2028-06-11"})))
            .await;
        assert_status!(app, year, StatusCode::CREATED);
        let to = year.body["id"].as_i64().expect("id");

        // Copying backwards is refused, naming the field.
        let reply = app
            .send(Call::get(&format!("/api/v1/wheel/copy?from={to}&to={from}")).token(&token))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("to"), "[{}]", app.engine);

        let preview = app
            .send(Call::get(&format!("/api/v1/wheel/copy?from={from}&to={to}")).token(&token))
            .await;
        assert_status!(app, preview, StatusCode::OK);
        let lines = preview.body["activities"].as_array().expect("activities");
        let copied = lines
            .iter()
            .find(|l| l["source"]["title"] == "Lärgruppsträff 3")
            .expect("the meeting");
        assert_eq!(
            copied["copy"]["starts_on"], "2027-12-02",
            "[{}] Thursday of week 48",
            app.engine
        );
        assert_eq!(copied["copy"]["start_time"], "15:00", "[{}]", app.engine);
        let new_holidays: Vec<&str> = lines
            .iter()
            .filter(|l| l["source"].is_null())
            .map(|l| l["copy"]["starts_on"].as_str().expect("date"))
            .collect();
        assert_eq!(new_holidays.len(), 4, "[{}]", app.engine);
        assert!(
            new_holidays.contains(&"2027-11-01"),
            "[{}] höstlov week 44",
            app.engine
        );

        // Nothing is saved by the preview.
        let next = app
            .send(Call::get(&format!("/api/v1/wheel?year={to}")).token(&token))
            .await;
        assert_eq!(
            next.body["activities"].as_array().expect("a").len(),
            4,
            "[{}]",
            app.engine
        );

        // Someone changes the wheel after the preview: the save is refused.
        let mut change = meeting.clone();
        change["title"] = json!("Lärgruppsträff 3 (flyttad)");
        change["version"] = json!(1);
        let reply = app
            .send(
                Call::put(&format!("/api/v1/wheel/activities/{}", created.body["id"]))
                    .token(&token)
                    .json(&change),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let request =
            json!({"from_year": from, "to_year": to, "fingerprint": preview.body["fingerprint"]});
        let reply = app
            .send(
                Call::post("/api/v1/wheel/copy")
                    .token(&token)
                    .json(&request),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);

        // Reviewed again and saved: the rings, the meeting and the new holidays.
        let again = app
            .send(Call::get(&format!("/api/v1/wheel/copy?from={from}&to={to}")).token(&token))
            .await;
        let kept = again.body["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .filter(|l| !l["copy"].is_null())
            .count();
        let request =
            json!({"from_year": from, "to_year": to, "fingerprint": again.body["fingerprint"]});
        let saved = app
            .send(
                Call::post("/api/v1/wheel/copy")
                    .token(&token)
                    .json(&request),
            )
            .await;
        assert_status!(app, saved, StatusCode::CREATED);
        let titles: Vec<&str> = saved.body["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .map(|a| a["title"].as_str().expect("title"))
            .collect();
        assert_eq!(titles.len(), kept, "[{}] {titles:?}", app.engine);
        assert_eq!(
            titles.iter().filter(|t| **t == "Höstlov").count(),
            1,
            "[{}]",
            app.engine
        );
        assert!(
            titles.contains(&"Lärgruppsträff 3 (flyttad)"),
            "[{}]",
            app.engine
        );
        assert_eq!(
            saved.body["rings"].as_array().expect("rings").len(),
            8,
            "[{}]",
            app.engine
        );
        let history = app
            .send(Call::get(&format!("/api/v1/wheel/history?year={to}")).token(&token))
            .await;
        assert_eq!(
            history.body.as_array().expect("h").len(),
            kept,
            "[{}]",
            app.engine
        );

        // A second copy would overwrite the new year's own activities.
        let reply = app
            .send(
                Call::post("/api/v1/wheel/copy")
                    .token(&token)
                    .json(&request),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("to"), "[{}]", app.engine);

        let teacher = app.login("larare@demo.test").await;
        let outsider = app.login("admin@ovning.test").await;
        for (who, status) in [
            (&teacher, StatusCode::FORBIDDEN),
            (&outsider, StatusCode::NOT_FOUND),
        ] {
            let reply = app
                .send(Call::get(&format!("/api/v1/wheel/copy?from={from}&to={to}")).token(who))
                .await;
            assert_status!(app, reply, status);
            let reply = app
                .send(Call::post("/api/v1/wheel/copy").token(who).json(&request))
                .await;
            assert_status!(app, reply, status);
        }
    }
}

#[tokio::test]
async fn a_teacher_is_told_which_activities_concern_them() {
    for app in engines().await {
        let editor = app.login("styrgrupp@demo.test").await;
        let w = wheel(&app, &editor).await;
        let mut ids = Vec::new();
        for (ring_kind, title, audience) in [
            (
                "principals",
                "Rektorsträff",
                json!({"kind": "role", "role": "rektor"}),
            ),
            (
                "meetings",
                "Lärgruppsträff",
                json!({"kind": "group_kind", "group_kind": "largrupp"}),
            ),
        ] {
            let reply = app
                .send(
                    Call::post("/api/v1/wheel/activities")
                        .token(&editor)
                        .json(&json!({
                    "ring_id": ring(&w, ring_kind)["id"], "title": title, "starts_on": "2026-10-01",
                    "ends_on": "2026-10-01", "audience": audience})),
                )
                .await;
            assert_status!(app, reply, StatusCode::CREATED);
            ids.push(reply.body["id"].clone());
        }
        let teacher = app.login("larare@demo.test").await;
        let mine = wheel(&app, &teacher).await["mine"].clone();
        let mine = mine.as_array().expect("mine");
        assert!(
            !mine.contains(&ids[0]),
            "[{}] not the principals' meeting",
            app.engine
        );
        assert!(
            mine.contains(&ids[1]),
            "[{}] the learning group's",
            app.engine
        );
        let principal = app.login("rektor@demo.test").await;
        let theirs = wheel(&app, &principal).await["mine"].clone();
        assert!(
            theirs.as_array().expect("mine").contains(&ids[0]),
            "[{}]",
            app.engine
        );
    }
}

/// The ids of a wheel activity's linked material.
fn linked(activity: &Value) -> Vec<i64> {
    activity["library"]
        .as_array()
        .expect("library")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

/// The activity `id` of a wheel as read.
fn activity(wheel: &Value, id: i64) -> Value {
    wheel["activities"]
        .as_array()
        .expect("activities")
        .iter()
        .find(|a| a["id"] == id)
        .expect("the activity")
        .clone()
}

/// The id of the first published item a search finds.
async fn found_item(app: &TestApp, token: &str, q: &str) -> i64 {
    let reply = app
        .send(Call::get(&format!("/api/v1/library/items?q={q}")).token(token))
        .await;
    assert_status!(app, reply, StatusCode::OK);
    reply.body["items"][0]["id"].as_i64().expect("an item")
}

#[tokio::test]
async fn activities_link_published_library_material_and_items_tell_where_they_are_used() {
    for app in engines().await {
        let editor = app.login("styrgrupp@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let w = wheel(&app, &teacher).await;

        // The demo's autumn theme carries its research, in order.
        let themes = ring(&w, "themes")["id"].clone();
        let autumn = w["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["ring_id"] == themes && a["title"] == "Bedömning och betyg")
            .expect("the autumn theme")
            .clone();
        let titles: Vec<&str> = autumn["library"]
            .as_array()
            .expect("library")
            .iter()
            .map(|i| i["title"].as_str().expect("title"))
            .collect();
        assert_eq!(
            titles,
            [
                "Bedömning för lärande – fem nyckelstrategier",
                "Återkoppling som för lärandet framåt",
                "Likvärdig betygssättning i årskurs 6–9"
            ],
            "[{}]",
            app.engine
        );

        let film = found_item(&app, &teacher, "formativ%20bed%C3%B6mning%20klassrummet").await;
        let tool = found_item(&app, &teacher, "skolon").await;
        assert_ne!(film, tool);
        let meetings = ring(&w, "meetings")["id"].clone();
        let post = |body: &Value| {
            Call::post("/api/v1/wheel/activities")
                .token(&editor)
                .json(body)
        };

        // Twice the same item, an unknown one, a teacher's waiting good example, and
        // another municipality's item are each refused, naming the field.
        let waiting = app
            .send(
                Call::post("/api/v1/library/items")
                    .token(&teacher)
                    .json(&json!({"kind": "gott_exempel", "title": "Väntar på granskning"})),
            )
            .await;
        assert_status!(app, waiting, StatusCode::CREATED);
        assert_eq!(waiting.body["status"], "submitted");
        let foreign_admin = app.login("admin@ovning.test").await;
        let foreign = app
            .send(
                Call::post("/api/v1/library/items")
                    .token(&foreign_admin)
                    .json(&json!({"kind": "artikel", "title": "Övningskommunens artikel"})),
            )
            .await;
        assert_status!(app, foreign, StatusCode::CREATED);
        for items in [
            json!([film, film]),
            json!([film, 987_654]),
            json!([waiting.body["id"]]),
            json!([foreign.body["id"]]),
        ] {
            let mut body = slot(&meetings, "Träff med material");
            body["library_items"] = items.clone();
            let reply = app.send(post(&body)).await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(
                reply.field(),
                Some("library_items"),
                "[{}] {items}",
                app.engine
            );
            assert!(reply.message().contains("publicerat material"));
        }

        let mut body = slot(&meetings, "Träff med material");
        body["library_items"] = json!([tool, film]);
        let created = app.send(post(&body)).await;
        assert_status!(app, created, StatusCode::CREATED);
        assert_eq!(linked(&created.body), [tool, film], "[{}]", app.engine);
        let id = created.body["id"].as_i64().expect("id");

        // The history keeps the material with the activity.
        let history = app
            .send(Call::get("/api/v1/wheel/history").token(&editor))
            .await;
        assert_eq!(linked(&history.body[0]["after"]), [tool, film]);

        // The item's page tells where it is used; the other municipality sees no item.
        let item = app
            .send(Call::get(&format!("/api/v1/library/items/{film}")).token(&teacher))
            .await;
        assert_status!(app, item, StatusCode::OK);
        assert!(
            item.body["used_in_wheel"]
                .as_array()
                .expect("used in wheel")
                .iter()
                .any(|a| a["id"] == id && a["title"] == "Träff med material"),
            "[{}] {}",
            app.engine,
            item.body["used_in_wheel"]
        );
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{film}")).token(&foreign_admin))
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);

        // A change replaces the list; a stale one changes nothing.
        let mut change = body.clone();
        change["library_items"] = json!([film]);
        change["version"] = created.body["version"].clone();
        let path = format!("/api/v1/wheel/activities/{id}");
        let changed = app
            .send(Call::put(&path).token(&editor).json(&change))
            .await;
        assert_status!(app, changed, StatusCode::OK);
        assert_eq!(linked(&changed.body), [film]);
        change["library_items"] = json!([tool]);
        let stale = app
            .send(Call::put(&path).token(&editor).json(&change))
            .await;
        assert_status!(app, stale, StatusCode::CONFLICT);
        let now = activity(&wheel(&app, &teacher).await, id);
        assert_eq!(linked(&now), [film], "[{}]", app.engine);

        // Archived material drops out of the wheel; removing the activity unlinks it.
        let ict = app.login("ikt@demo.test").await;
        let state = app
            .send(Call::get(&format!("/api/v1/library/items/{film}")).token(&ict))
            .await;
        let archived = app
            .send(
                Call::post(&format!("/api/v1/library/items/{film}/state"))
                    .token(&ict)
                    .json(&json!({"archived": true, "version": state.body["version"]})),
            )
            .await;
        assert_status!(app, archived, StatusCode::OK);
        let now = activity(&wheel(&app, &teacher).await, id);
        assert!(linked(&now).is_empty(), "[{}]", app.engine);
        let removed = app
            .send(
                Call::new(
                    Method::DELETE,
                    &format!("{path}?version={}", now["version"]),
                )
                .token(&editor),
            )
            .await;
        assert_status!(app, removed, StatusCode::NO_CONTENT);
        let item = app
            .send(Call::get(&format!("/api/v1/library/items/{film}")).token(&ict))
            .await;
        assert!(
            !item.body["used_in_wheel"]
                .as_array()
                .expect("used in wheel")
                .iter()
                .any(|a| a["id"] == id),
            "[{}]",
            app.engine
        );
    }
}
