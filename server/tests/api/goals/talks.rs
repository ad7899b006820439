//! Målsamtal: a principal offers times within the wheel's period, a teacher books one
//! and both find it in their calendar feed; the record and each party's preparation
//! are read by the two parties only (not the colleague, the other school's principal,
//! the head of operations, the steering group or an administrator), who see counts per
//! school instead; versions; both mark it held; the head of operations with principals.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{People, chain, people, refused, teacher_goal};
use crate::helpers::{Call, TestApp, engines, ok};

const DAY: &str = "2026-09-22";

fn offer(year: i64, on: &str, start: &str, end: &str, minutes: u32) -> Value {
    json!({"year": year, "on": on, "start": start, "end": end, "minutes": minutes, "place": "Rektors rum"})
}

async fn talks(app: &TestApp, token: &str, year: i64) -> Value {
    ok(
        app,
        Call::get(&format!("/api/v1/goal-conversations?year={year}")).token(token),
    )
    .await
}

/// The principal offers three times on `DAY` and the demo teacher books the first:
/// the ids of the times and of the conversation.
async fn booked(app: &TestApp, p: &People) -> (Vec<i64>, i64) {
    let reply = app
        .send(
            Call::post("/api/v1/goal-conversations/slots")
                .token(&p.principal)
                .json(&offer(p.year, DAY, "13:00", "14:30", 30)),
        )
        .await;
    assert_status!(app, reply, StatusCode::CREATED);
    let slots = free_on_day(&reply.body);
    assert_eq!(slots.len(), 3, "[{}] {}", app.engine, reply.body);
    let talk = ok(
        app,
        Call::post(&format!(
            "/api/v1/goal-conversations/slots/{}/booking",
            slots[0]
        ))
        .token(&p.teacher),
    )
    .await;
    (slots, talk["id"].as_i64().expect("talk"))
}

/// Tallåsskolan's counts (held, booked) as `token` sees them.
async fn talas_counts(app: &TestApp, p: &People, token: &str) -> (u64, u64, u64) {
    let view = talks(app, token, p.year).await;
    let c = view["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .find(|c| c["school"]["id"] == p.talas)
        .unwrap_or_else(|| panic!("[{}] counts {view}", app.engine))["progress"]
        .clone();
    let n = |k: &str| c[k].as_u64().expect("count");
    (n("held"), n("booked"), n("total"))
}

/// The ids of the free times of `DAY` in a list of times.
fn free_on_day(slots: &Value) -> Vec<i64> {
    slots
        .as_array()
        .expect("slots")
        .iter()
        .filter(|s| s["time"]["on"] == DAY && s["taken"] == false)
        .map(|s| s["id"].as_i64().expect("id"))
        .collect()
}

fn line_with<'a>(lines: &'a Value, name: &str) -> &'a Value {
    lines
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["with"]["name"] == name)
        .unwrap_or_else(|| panic!("no line with {name} in {lines}"))
}

#[tokio::test]
async fn a_teacher_books_an_offered_time_and_both_calendars_hold_it() {
    for app in engines().await {
        let p = people(&app).await;
        let before = talks(&app, &p.principal, p.year).await;
        assert!(
            before["periods"]
                .as_array()
                .expect("periods")
                .iter()
                .any(|d| d["starts_on"] == "2026-09-21"),
            "[{}] the wheel's Målsamtal period: {before}",
            app.engine
        );
        let total = before["progress"]["total"].as_u64().expect("total");
        let booked_before = before["progress"]["booked"].as_u64().expect("booked");
        assert!(total >= 2, "[{}] the principal's teachers", app.engine);

        let (slots, talk) = booked(&app, &p).await;

        let teacher_view = talks(&app, &p.teacher, p.year).await;
        let principal_name = teacher_view["mine"][0]["with"]["name"]
            .as_str()
            .expect("name")
            .to_owned();
        let mine = line_with(&teacher_view["mine"], &principal_name);
        assert_eq!(mine["state"], "booked", "[{}] {teacher_view}", app.engine);
        assert_eq!(mine["talk"], talk);
        assert_eq!(mine["time"]["start"], "13:00");

        // A colleague sees the two free times, not who took the first, and cannot take it.
        let colleague_view = talks(&app, &p.colleague, p.year).await;
        let free = free_on_day(&colleague_view["bookable"]);
        assert_eq!(free, slots[1..].to_vec(), "[{}]", app.engine);
        assert!(
            colleague_view["bookable"]
                .as_array()
                .expect("bookable")
                .iter()
                .all(|s| s["id"] != slots[0]),
            "[{}] the time taken is not shown",
            app.engine
        );
        let taken = app
            .send(
                Call::post(&format!(
                    "/api/v1/goal-conversations/slots/{}/booking",
                    slots[0]
                ))
                .token(&p.colleague),
            )
            .await;
        assert_status!(app, taken, StatusCode::CONFLICT);
        // Someone at another school has no målsamtal with this principal.
        let elsewhere = app
            .send(
                Call::post(&format!(
                    "/api/v1/goal-conversations/slots/{}/booking",
                    slots[1]
                ))
                .token(&p.other_principal),
            )
            .await;
        assert_status!(app, elsewhere, StatusCode::FORBIDDEN);
        let outsider = app
            .send(
                Call::post(&format!(
                    "/api/v1/goal-conversations/slots/{}/booking",
                    slots[1]
                ))
                .token(&p.outsider),
            )
            .await;
        assert_status!(app, outsider, StatusCode::NOT_FOUND);

        // Moving to another time frees the first.
        ok(
            &app,
            Call::post(&format!(
                "/api/v1/goal-conversations/slots/{}/booking",
                slots[1]
            ))
            .token(&p.teacher),
        )
        .await;
        let principal_view = talks(&app, &p.principal, p.year).await;
        let offered: Vec<&Value> = principal_view["offered"]
            .as_array()
            .expect("offered")
            .iter()
            .filter(|s| s["time"]["on"] == DAY)
            .collect();
        assert_eq!(offered.len(), 3);
        assert_eq!(offered[0]["taken"], false, "[{}]", app.engine);
        assert_eq!(offered[1]["booked_by"]["name"], "Elin Sjöberg");
        let line = line_with(&principal_view["leading"], "Elin Sjöberg");
        assert_eq!(line["state"], "booked");
        assert_eq!(line["time"]["start"], "13:30");
        assert_eq!(principal_view["progress"]["booked"], booked_before + 1);
        assert_eq!(principal_view["progress"]["total"], total);

        // Both calendar feeds hold the booked time.
        for (token, other) in [
            (&p.teacher, principal_name.as_str()),
            (&p.principal, "Elin Sjöberg"),
        ] {
            let made = ok(&app, Call::post("/api/v1/me/calendar-feed").token(token)).await;
            let feed = app
                .send(Call::get(made["url"].as_str().expect("url")))
                .await;
            assert_status!(app, feed, StatusCode::OK);
            let body = String::from_utf8(feed.bytes.clone()).expect("utf-8");
            assert!(
                body.contains(&format!("SUMMARY:Målsamtal med {other}")),
                "[{}] {body}",
                app.engine
            );
            assert!(
                body.contains("DTSTART;TZID=Europe/Stockholm:20260922T133000"),
                "[{}] {body}",
                app.engine
            );
        }
        // The colleague's feed does not.
        let made = ok(
            &app,
            Call::post("/api/v1/me/calendar-feed").token(&p.colleague),
        )
        .await;
        let feed = app
            .send(Call::get(made["url"].as_str().expect("url")))
            .await;
        let body = String::from_utf8(feed.bytes.clone()).expect("utf-8");
        assert!(
            !body.contains("DTSTART;TZID=Europe/Stockholm:20260922T133000"),
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn times_are_offered_within_the_wheels_period_by_those_who_lead_talks() {
    for app in engines().await {
        let p = people(&app).await;
        let post = |token: &str, body: Value| {
            Call::post("/api/v1/goal-conversations/slots")
                .token(token)
                .json(&body)
        };
        let outside = app
            .send(post(
                &p.principal,
                offer(p.year, "2026-11-02", "13:00", "14:00", 30),
            ))
            .await;
        refused(&app, &outside, StatusCode::UNPROCESSABLE_ENTITY, "on");
        assert!(outside.message().contains("period"), "{}", outside.body);
        let short = app
            .send(post(&p.principal, offer(p.year, DAY, "13:00", "14:00", 5)))
            .await;
        refused(&app, &short, StatusCode::UNPROCESSABLE_ENTITY, "minutes");
        let backwards = app
            .send(post(&p.principal, offer(p.year, DAY, "14:00", "13:00", 30)))
            .await;
        refused(&app, &backwards, StatusCode::UNPROCESSABLE_ENTITY, "end");
        for token in [&p.teacher, &p.admin, &p.colleague] {
            let reply = app
                .send(post(token, offer(p.year, DAY, "13:00", "14:00", 30)))
                .await;
            refused(&app, &reply, StatusCode::FORBIDDEN, "");
        }
        let first = app
            .send(post(&p.principal, offer(p.year, DAY, "13:00", "14:00", 30)))
            .await;
        assert_status!(app, first, StatusCode::CREATED);
        // Offering 13:30 again is refused whole: nothing of the second offer is stored.
        let again = app
            .send(post(
                &p.principal,
                offer(p.year, DAY, "14:00", "15:00", 30)
                    .as_object()
                    .map(|o| {
                        let mut o = o.clone();
                        o.insert("start".into(), json!("13:30"));
                        Value::Object(o)
                    })
                    .expect("offer"),
            ))
            .await;
        refused(&app, &again, StatusCode::UNPROCESSABLE_ENTITY, "start");
        let view = talks(&app, &p.principal, p.year).await;
        let on_day = free_on_day(&view["offered"]);
        assert_eq!(on_day.len(), 2, "[{}]", app.engine);

        // Withdrawing is the offerer's own; another municipality's user finds nothing.
        let slot = on_day[0];
        let path = format!("/api/v1/goal-conversations/slots/{slot}");
        let other = app
            .send(Call::new(Method::DELETE, &path).token(&p.other_principal))
            .await;
        refused(&app, &other, StatusCode::FORBIDDEN, "");
        let outsider = app
            .send(Call::new(Method::DELETE, &path).token(&p.outsider))
            .await;
        refused(&app, &outsider, StatusCode::NOT_FOUND, "");
        let gone = app
            .send(Call::new(Method::DELETE, &path).token(&p.principal))
            .await;
        assert_status!(app, gone, StatusCode::NO_CONTENT);
    }
}

#[tokio::test]
async fn the_record_and_preparations_are_read_by_the_two_parties_only() {
    for app in engines().await {
        let p = people(&app).await;
        let before = talas_counts(&app, &p, &p.head).await;
        let (_, talk) = booked(&app, &p).await;
        let path = format!("/api/v1/goal-conversations/{talk}");

        // Each prepares; the principal's stays private, the teacher's is shared.
        let prep = |token: &str, text: &str, shared: bool| {
            Call::put(&format!("{path}/preparation"))
                .token(token)
                .json(&json!({"text": text, "shared": shared, "version": 0}))
        };
        ok(&app, prep(&p.principal, "Fråga om mentorskapet", false)).await;
        let mine = ok(
            &app,
            prep(&p.teacher, "Jag vill prata om exit tickets", true),
        )
        .await;
        assert_eq!(mine["preparation"]["version"], 1);
        let stale = app.send(prep(&p.teacher, "Igen", true)).await;
        refused(&app, &stale, StatusCode::CONFLICT, "");

        let teacher_view = ok(&app, Call::get(&path).token(&p.teacher)).await;
        assert_eq!(teacher_view["leading"], false);
        assert_eq!(
            teacher_view["shared_by_other"],
            Value::Null,
            "[{}] not shared",
            app.engine
        );
        let principal_view = ok(&app, Call::get(&path).token(&p.principal)).await;
        assert_eq!(principal_view["leading"], true);
        assert_eq!(
            principal_view["preparation"]["text"],
            "Fråga om mentorskapet"
        );
        assert_eq!(
            principal_view["shared_by_other"],
            "Jag vill prata om exit tickets"
        );

        // Nobody else reads or writes it: not even an administrator.
        for (who, token) in [
            ("a colleague", &p.colleague),
            ("another school's principal", &p.other_principal),
            ("the head of operations", &p.head),
            ("the steering group", &p.steering),
            ("an administrator", &p.admin),
        ] {
            let read = app.send(Call::get(&path).token(token)).await;
            assert_eq!(read.status, StatusCode::FORBIDDEN, "[{}] {who}", app.engine);
            let write = app
                .send(
                    Call::put(&path)
                        .token(token)
                        .json(&json!({"agreements": "x", "version": 1})),
                )
                .await;
            assert_eq!(
                write.status,
                StatusCode::FORBIDDEN,
                "[{}] {who}",
                app.engine
            );
            let held = app
                .send(
                    Call::put(&format!("{path}/held"))
                        .token(token)
                        .json(&json!({"held": true})),
                )
                .await;
            assert_eq!(held.status, StatusCode::FORBIDDEN, "[{}] {who}", app.engine);
            let body = talks(&app, token, p.year).await.to_string();
            assert!(!body.contains("exit tickets"), "[{}] {who}", app.engine);
        }
        let outsider = app.send(Call::get(&path).token(&p.outsider)).await;
        refused(&app, &outsider, StatusCode::NOT_FOUND, "");

        // The head of operations and the steering group see counts; a teacher does not.
        for token in [&p.head, &p.steering, &p.admin] {
            let (held, booked, total) = talas_counts(&app, &p, token).await;
            assert_eq!((held, booked), (before.0, before.1 + 1), "[{}]", app.engine);
            assert_eq!(total, before.2);
        }
        for token in [&p.teacher, &p.principal] {
            let view = talks(&app, token, p.year).await;
            assert_eq!(view["counts"], json!([]), "[{}]", app.engine);
        }
    }
}

#[tokio::test]
async fn the_record_keeps_versions_agreed_goals_and_is_held_when_both_say_so() {
    for app in engines().await {
        let p = people(&app).await;
        let before = talas_counts(&app, &p, &p.head).await;
        let principal_before = talks(&app, &p.principal, p.year).await["progress"]["held"]
            .as_u64()
            .expect("held");
        let (_, talk) = booked(&app, &p).await;
        let path = format!("/api/v1/goal-conversations/{talk}");
        let record = json!({
            "competence": "Kurs i formativ bedömning",
            "assignment": "Mentor i 8B",
            "health": "Bra",
            "collaboration": "Trivs i ämneslaget",
            "agreements": "Vi följer upp i mars",
            "follow_up_on": "2027-03-15",
            "version": 1,
        });
        let saved = ok(&app, Call::put(&path).token(&p.principal).json(&record)).await;
        assert_eq!(saved["record"]["competence"], "Kurs i formativ bedömning");
        assert_eq!(saved["version"], 2);
        // The teacher read version 1 before the principal saved: refused, nothing lost.
        let stale = app
            .send(
                Call::put(&path)
                    .token(&p.teacher)
                    .json(&json!({"agreements": "Annat", "version": 1})),
            )
            .await;
        refused(&app, &stale, StatusCode::CONFLICT, "");
        let bad = app
            .send(
                Call::put(&path)
                    .token(&p.teacher)
                    .json(&json!({"follow_up_on": "i mars", "version": 2})),
            )
            .await;
        refused(&app, &bad, StatusCode::UNPROCESSABLE_ENTITY, "follow_up_on");
        assert!(bad.message().contains("ÅÅÅÅ-MM-DD"), "{}", bad.body);
        let kept = ok(&app, Call::get(&path).token(&p.teacher)).await;
        assert_eq!(kept["record"]["agreements"], "Vi följer upp i mars");

        // The goal agreed is saved as the teacher's own, serving a school goal.
        let goals = ok(
            &app,
            Call::get(&format!("/api/v1/goals?year={}", p.year)).token(&p.principal),
        )
        .await;
        let school_goal = goals["schools"]
            .as_array()
            .expect("school goals")
            .iter()
            .find(|g| g["school"]["id"] == p.talas)
            .expect("a demo school goal of Tallåsskolan")["id"]
            .clone();
        let teacher_id = kept["member"]["id"].clone();
        let goal = app
            .send(
                Call::post("/api/v1/goals")
                    .token(&p.principal)
                    .json(&json!({
                        "year": p.year,
                        "level": "teacher",
                        "owner": teacher_id,
                        "title": "Eleverna ska få återkoppling varje vecka",
                        "measure": {"kind": "evidence", "text": "Elevernas loggböcker."},
                        "serves": [school_goal],
                    })),
            )
            .await;
        assert_status!(app, goal, StatusCode::CREATED);
        let with_goal = ok(&app, Call::get(&path).token(&p.teacher)).await;
        assert!(
            with_goal["goals"]
                .as_array()
                .expect("goals")
                .iter()
                .any(|g| g["title"] == "Eleverna ska få återkoppling varje vecka"),
            "[{}] {with_goal}",
            app.engine
        );

        // Held when both have marked it.
        let one = ok(
            &app,
            Call::put(&format!("{path}/held"))
                .token(&p.principal)
                .json(&json!({"held": true})),
        )
        .await;
        assert_eq!(one["state"], "booked");
        let both = ok(
            &app,
            Call::put(&format!("{path}/held"))
                .token(&p.teacher)
                .json(&json!({"held": true})),
        )
        .await;
        assert_eq!(both["state"], "held", "[{}]", app.engine);
        let view = talks(&app, &p.principal, p.year).await;
        assert_eq!(view["progress"]["held"], principal_before + 1);
        let (held, booked, _) = talas_counts(&app, &p, &p.head).await;
        assert_eq!((held, booked), (before.0 + 1, before.1), "[{}]", app.engine);

        // The spring follow-up: both parties may follow up the goal agreed; a note with
        // a new status is written against the version the talk gave, once.
        let agreed = |v: &Value| {
            v["goals"]
                .as_array()
                .expect("goals")
                .iter()
                .find(|g| g["title"] == "Eleverna ska få återkoppling varje vecka")
                .cloned()
                .expect("the goal agreed")
        };
        let for_principal = agreed(&ok(&app, Call::get(&path).token(&p.principal)).await);
        let for_teacher = agreed(&ok(&app, Call::get(&path).token(&p.teacher)).await);
        assert_eq!(
            (&for_principal["writable"], &for_teacher["writable"]),
            (&json!(true), &json!(true)),
            "[{}]",
            app.engine
        );
        let note = |token: &str, version: &Value| {
            Call::post(&format!("/api/v1/goals/{}/notes", for_teacher["id"]))
                .token(token)
                .json(&json!({"text": "Varje fredag med exit tickets; fler når E.", "status": "achieved", "version": version}))
        };
        let written = app.send(note(&p.teacher, &for_teacher["version"])).await;
        assert_status!(app, written, StatusCode::CREATED);
        let after = agreed(&ok(&app, Call::get(&path).token(&p.principal)).await);
        assert_eq!(after["status"], "achieved", "[{}] {after}", app.engine);
        assert_ne!(after["version"], for_teacher["version"]);
        let stale = app
            .send(note(&p.principal, &for_principal["version"]))
            .await;
        refused(&app, &stale, StatusCode::CONFLICT, "");
        let colleague = app.send(note(&p.colleague, &after["version"])).await;
        refused(&app, &colleague, StatusCode::FORBIDDEN, "");
    }
}

#[tokio::test]
async fn the_head_of_operations_holds_talks_with_principals() {
    for app in engines().await {
        let p = people(&app).await;
        let view = talks(&app, &p.head, p.year).await;
        let leading = view["leading"].as_array().expect("leading");
        assert!(leading.len() >= 2, "[{}] {view}", app.engine);
        assert!(leading.iter().all(|l| l["kind"] == "principal"));
        let reply = app
            .send(
                Call::post("/api/v1/goal-conversations/slots")
                    .token(&p.head)
                    .json(&offer(p.year, "2026-10-05", "09:00", "10:00", 60)),
            )
            .await;
        assert_status!(app, reply, StatusCode::CREATED);
        let slot = reply
            .body
            .as_array()
            .expect("slots")
            .iter()
            .find(|s| s["time"]["on"] == "2026-10-05")
            .expect("the new time")["id"]
            .as_i64()
            .expect("slot");
        let principal_view = talks(&app, &p.principal, p.year).await;
        assert!(
            principal_view["bookable"]
                .as_array()
                .expect("bookable")
                .iter()
                .any(|s| s["id"] == slot),
            "[{}] {principal_view}",
            app.engine
        );
        let talk = ok(
            &app,
            Call::post(&format!("/api/v1/goal-conversations/slots/{slot}/booking"))
                .token(&p.principal),
        )
        .await;
        assert_eq!(talk["kind"], "principal");
        assert_eq!(talk["leading"], false);
        // The goals are the principal's school goals: theirs to follow up, not the head's.
        let goals = talk["goals"].as_array().expect("goals");
        assert!(!goals.is_empty(), "[{}] {talk}", app.engine);
        assert!(
            goals.iter().all(|g| g["writable"] == true),
            "[{}] {talk}",
            app.engine
        );
        let heads = ok(
            &app,
            Call::get(&format!("/api/v1/goal-conversations/{}", talk["id"])).token(&p.head),
        )
        .await;
        assert!(
            heads["goals"]
                .as_array()
                .expect("goals")
                .iter()
                .all(|g| g["writable"] == false),
            "[{}] {heads}",
            app.engine
        );
        // A teacher has no målsamtal with the head of operations.
        let teacher = app
            .send(
                Call::post(&format!("/api/v1/goal-conversations/slots/{slot}/booking"))
                    .token(&p.teacher),
            )
            .await;
        refused(&app, &teacher, StatusCode::FORBIDDEN, "");
        // Opening by person: the head with a principal; a teacher with someone not theirs.
        let with = leading[0]["with"]["id"].clone();
        let opened = ok(
            &app,
            Call::post("/api/v1/goal-conversations")
                .token(&p.head)
                .json(&json!({"year": p.year, "with": with})),
        )
        .await;
        assert_eq!(opened["leading"], true);
        let head_id = principal_view["mine"]
            .as_array()
            .expect("mine")
            .iter()
            .find(|l| l["kind"] == "principal")
            .expect("the principal's head of operations")["with"]["id"]
            .clone();
        let not_mine = app
            .send(
                Call::post("/api/v1/goal-conversations")
                    .token(&p.teacher)
                    .json(&json!({"year": p.year, "with": head_id})),
            )
            .await;
        refused(&app, &not_mine, StatusCode::UNPROCESSABLE_ENTITY, "with");
    }
}

/// Tallåsskolan's line of the follow-up's goals as `token` sees it, if there is one.
async fn followup_line(app: &TestApp, p: &People, token: &str) -> (Value, Option<Value>) {
    let f = ok(
        app,
        Call::get(&format!("/api/v1/follow-up?year={}", p.year)).token(token),
    )
    .await;
    let line = f["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .find(|l| l["school_id"] == p.talas)
        .cloned();
    (f, line)
}

/// Whether the teacher signed in with `token` has a goal of the year.
async fn has_goal(app: &TestApp, p: &People, token: &str) -> bool {
    let me = ok(app, Call::get("/api/v1/me").token(token)).await;
    let goals = ok(
        app,
        Call::get(&format!("/api/v1/goals?year={}", p.year)).token(token),
    )
    .await;
    goals["teachers"]
        .as_array()
        .expect("teacher goals")
        .iter()
        .any(|g| g["owner"]["id"] == me["id"])
}

#[tokio::test]
async fn the_follow_up_counts_teachers_with_goals_and_their_malsamtal_per_school() {
    for app in engines().await {
        let p = people(&app).await;
        let (_, Some(before)) = followup_line(&app, &p, &p.steering).await else {
            panic!(
                "[{}] Tallåsskolan in the steering group's follow-up",
                app.engine
            );
        };
        let (held, booked_now, total) = talas_counts(&app, &p, &p.head).await;
        let n = |v: &Value, k: &str| v[k].as_u64().expect(k);
        assert_eq!(
            (
                n(&before, "teachers"),
                n(&before, "talks_held"),
                n(&before, "talks_booked")
            ),
            (total, held, booked_now),
            "[{}] the same counts as the målsamtal's",
            app.engine
        );
        let new_owners = u64::from(!has_goal(&app, &p, &p.teacher).await)
            + u64::from(!has_goal(&app, &p, &p.colleague).await);
        let (_, s, _) = chain(&app, &p).await;
        ok(
            &app,
            Call::post("/api/v1/goals")
                .token(&p.colleague)
                .json(&teacher_goal(p.year, s)),
        )
        .await;
        booked(&app, &p).await;
        for token in [&p.steering, &p.admin, &p.principal, &p.head] {
            let (f, line) = followup_line(&app, &p, token).await;
            let line = line.unwrap_or_else(|| panic!("[{}] Tallåsskolan in {f}", app.engine));
            assert_eq!(
                (n(&line, "with_goals"), n(&line, "talks_booked")),
                (
                    n(&before, "with_goals") + new_owners,
                    n(&before, "talks_booked") + 1
                ),
                "[{}] {line}",
                app.engine
            );
            assert!(n(&line, "with_goals") <= n(&line, "teachers"));
        }
        // A head of operations outside the steering group follows up the schools that
        // answer to them, and those only.
        let (head_id, version) = app.staff_row(&p.admin, "verksamhetschef@demo.test").await;
        ok(
            &app,
            Call::patch(&format!("/api/v1/staff/{head_id}"))
                .token(&p.admin)
                .json(&json!({"roles": ["verksamhetschef"], "version": version})),
        )
        .await;
        let head = app.login("verksamhetschef@demo.test").await;
        let schools = ok(&app, Call::get("/api/v1/schools").token(&p.admin)).await;
        let mut answering: Vec<i64> = schools
            .as_array()
            .expect("schools")
            .iter()
            .filter(|s| s["head"]["id"] == head_id && s["active"] != false)
            .map(|s| s["id"].as_i64().expect("id"))
            .collect();
        let (f, _) = followup_line(&app, &p, &head).await;
        assert_eq!(f["scope"], "schools", "[{}]", app.engine);
        let mut lines: Vec<i64> = f["goals"]
            .as_array()
            .expect("goals")
            .iter()
            .map(|l| l["school_id"].as_i64().expect("id"))
            .collect();
        answering.sort_unstable();
        lines.sort_unstable();
        assert!(!lines.is_empty(), "[{}] {f}", app.engine);
        assert_eq!(lines, answering, "[{}]", app.engine);
        // Another school's principal has no line of Tallåsskolan; a teacher none at all.
        let (f, line) = followup_line(&app, &p, &p.other_principal).await;
        assert!(line.is_none(), "[{}] {f}", app.engine);
        assert!(!f["goals"].as_array().expect("goals").is_empty());
        let (f, _) = followup_line(&app, &p, &p.teacher).await;
        assert_eq!(f["goals"], json!([]), "[{}]", app.engine);
        let outside = app
            .send(Call::get(&format!("/api/v1/follow-up?year={}", p.year)).token(&p.outsider))
            .await;
        refused(&app, &outside, StatusCode::NOT_FOUND, "");
    }
}
