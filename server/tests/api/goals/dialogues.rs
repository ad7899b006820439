//! Resultatdialoger: the head of operations and a school's principal hold one in a
//! period of the wheel; it keeps the figures as they stood; insatser with an owner, a
//! time and a goal; versions; the last dialogue's insatser to follow up; read by the two
//! parties and the steering group only.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{chain, people, refused};
use crate::helpers::{Call, TestApp, engines, ok};

async fn period(app: &TestApp, token: &str) -> i64 {
    let list = ok(app, Call::get("/api/v1/result-dialogues").token(token)).await;
    list["periods"][0]["id"]
        .as_i64()
        .expect("a Resultatdialoger period")
}

async fn school_goal(app: &TestApp, token: &str, school: i64) -> Value {
    let goals = ok(app, Call::get("/api/v1/goals").token(token)).await;
    goals["schools"]
        .as_array()
        .expect("school goals")
        .iter()
        .find(|g| g["school"]["id"] == school)
        .expect("a goal of the school")["id"]
        .clone()
}

#[tokio::test]
async fn a_dialogue_keeps_its_figures_and_is_read_by_its_parties_and_the_steering_group() {
    for app in engines().await {
        let p = people(&app).await;
        let period = period(&app, &p.head).await;
        let made = app
            .send(
                Call::post("/api/v1/result-dialogues")
                    .token(&p.head)
                    .json(&json!({
                        "school": p.talas, "held_on": "2027-01-14", "period": period,
                    })),
            )
            .await;
        assert_status!(app, made, StatusCode::CREATED);
        let id = made.body["id"].as_i64().expect("id");
        let eligible = made.body["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .find(|f| f["figure"] == "eligible_vocational")
            .cloned()
            .unwrap_or_else(|| panic!("[{}] {}", app.engine, made.body));
        assert_eq!(eligible["year"], "2025/26");
        let path = format!("/api/v1/result-dialogues/{id}");

        // The principal writes the analysis and an insats serving the school's goal.
        let goal = school_goal(&app, &p.principal, p.talas).await;
        let principal_id = made.body["principal"]["id"].clone();
        let input = json!({
            "analysis": "Pojkarnas behörighet sjunker i svenska.",
            "actions": [{"text": "Läsfixare i åk 7", "owner": principal_id, "due": "2027-05-31", "goal": goal}],
            "decisions": "Extra studiehandledning från vecka 5.",
            "next_on": "2027-05-20",
            "version": 1,
        });
        let saved = ok(&app, Call::put(&path).token(&p.principal).json(&input)).await;
        assert!(saved["actions"][0]["goal_title"].as_str().is_some());
        assert_eq!(saved["version"], 2);
        let stale = app.send(Call::put(&path).token(&p.head).json(&input)).await;
        refused(&app, &stale, StatusCode::CONFLICT, "");

        // The results are corrected later: the dialogue keeps what it saw.
        let corrected = "Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\nTallåsskolan;2025/26;9;Behörighet yrkesprogram;;Alla;12;70\n";
        ok(
            &app,
            Call::post("/api/v1/results/import")
                .token(&p.head)
                .raw("text/csv", corrected.as_bytes().to_vec()),
        )
        .await;
        let later = ok(&app, Call::get(&path).token(&p.steering)).await;
        let kept = later["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .find(|f| f["figure"] == "eligible_vocational")
            .cloned()
            .expect("kept");
        assert_eq!(kept["value"], eligible["value"], "[{}]", app.engine);
        assert_eq!(later["writable"], false, "the steering group reads");

        // Not read by anyone else; another municipality finds nothing.
        for (who, token) in [
            ("a teacher", &p.teacher),
            ("a colleague", &p.colleague),
            ("another school's principal", &p.other_principal),
            ("an administrator", &p.admin),
        ] {
            let reply = app.send(Call::get(&path).token(token)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "[{}] {who}",
                app.engine
            );
            let write = app.send(Call::put(&path).token(token).json(&input)).await;
            assert_eq!(
                write.status,
                StatusCode::FORBIDDEN,
                "[{}] {who}",
                app.engine
            );
        }
        let outside = app.send(Call::get(&path).token(&p.outsider)).await;
        refused(&app, &outside, StatusCode::NOT_FOUND, "");
        let theirs = app
            .send(
                Call::post("/api/v1/result-dialogues")
                    .token(&p.outsider)
                    .json(&json!({"school": p.talas, "held_on": "2027-01-14"})),
            )
            .await;
        refused(&app, &theirs, StatusCode::NOT_FOUND, "");
        let teacher_list = app
            .send(Call::get("/api/v1/result-dialogues").token(&p.teacher))
            .await;
        refused(&app, &teacher_list, StatusCode::FORBIDDEN, "");
        let other = ok(
            &app,
            Call::get("/api/v1/result-dialogues").token(&p.other_principal),
        )
        .await;
        assert!(
            other["dialogues"]
                .as_array()
                .expect("list")
                .iter()
                .all(|d| d["id"] != id),
            "[{}]",
            app.engine
        );

        // The next dialogue follows up this one's insatser.
        let next = ok(
            &app,
            Call::post("/api/v1/result-dialogues")
                .token(&p.principal)
                .json(&json!({"school": p.talas, "held_on": "2027-05-20"})),
        )
        .await;
        assert_eq!(next["previous"]["id"], id, "[{}] {next}", app.engine);
        assert_eq!(next["previous"]["actions"][0]["text"], "Läsfixare i åk 7");
    }
}

#[tokio::test]
async fn a_dialogue_refuses_what_does_not_belong_to_it() {
    for app in engines().await {
        let p = people(&app).await;
        let made = ok(
            &app,
            Call::post("/api/v1/result-dialogues")
                .token(&p.head)
                .json(&json!({"school": p.talas, "held_on": "2027-01-15"})),
        )
        .await;
        let path = format!("/api/v1/result-dialogues/{}", made["id"]);
        let bad_day = app
            .send(
                Call::post("/api/v1/result-dialogues")
                    .token(&p.head)
                    .json(&json!({"school": p.talas, "held_on": "15 jan"})),
            )
            .await;
        refused(&app, &bad_day, StatusCode::UNPROCESSABLE_ENTITY, "held_on");
        // A period that is not of the Resultatdialoger ring.
        let wheel = ok(&app, Call::get("/api/v1/wheel").token(&p.steering)).await;
        let other_activity = wheel["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["title"] == "Målsamtal")
            .expect("the Målsamtal activity")["id"]
            .clone();
        let wrong_period = app
            .send(Call::post("/api/v1/result-dialogues").token(&p.head).json(
                &json!({"school": p.talas, "held_on": "2027-01-15", "period": other_activity}),
            ))
            .await;
        refused(
            &app,
            &wrong_period,
            StatusCode::UNPROCESSABLE_ENTITY,
            "period",
        );
        // A principal of another school may not hold Tallåsskolan's.
        let elsewhere = app
            .send(
                Call::post("/api/v1/result-dialogues")
                    .token(&p.other_principal)
                    .json(&json!({"school": p.talas, "held_on": "2027-01-15"})),
            )
            .await;
        refused(&app, &elsewhere, StatusCode::FORBIDDEN, "");

        // An insats must serve the municipality's or this school's goal, not a teacher's
        // or another school's; nothing is written when one is wrong.
        let goals = ok(&app, Call::get("/api/v1/goals").token(&p.principal)).await;
        let elsewhere_goal = goals["schools"]
            .as_array()
            .expect("school goals")
            .iter()
            .find(|g| g["school"]["id"] == p.other_school)
            .expect("another school's goal")["id"]
            .clone();
        let body = |goal: Value| json!({"analysis": "x", "actions": [{"text": "En insats", "goal": goal}], "version": 1});
        let wrong = app
            .send(Call::put(&path).token(&p.head).json(&body(elsewhere_goal)))
            .await;
        refused(&app, &wrong, StatusCode::UNPROCESSABLE_ENTITY, "actions");
        let empty = app
            .send(
                Call::put(&path)
                    .token(&p.head)
                    .json(&json!({"actions": [{"text": " "}], "version": 1})),
            )
            .await;
        refused(&app, &empty, StatusCode::UNPROCESSABLE_ENTITY, "actions");
        let still = ok(&app, Call::get(&path).token(&p.head)).await;
        assert_eq!(
            (still["version"].as_i64(), still["analysis"].as_str()),
            (Some(1), Some("")),
            "[{}]",
            app.engine
        );
        let municipal = goals["municipality"][0]["id"].clone();
        let fine = ok(&app, Call::put(&path).token(&p.head).json(&body(municipal))).await;
        assert_eq!(fine["actions"].as_array().map(Vec::len), Some(1));
    }
}

/// `on` moved by `days`.
fn shifted(on: &str, days: i64) -> String {
    let d = chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("a date");
    (d + chrono::Duration::days(days)).to_string()
}

#[tokio::test]
async fn the_next_dialogue_shows_the_work_for_the_last_ones_goals_counts_only() {
    for app in engines().await {
        let p = people(&app).await;
        let (m, s, t) = chain(&app, &p).await;
        let group = app.teachers_group().await;
        let meeting = &group.meetings[0];
        let day = meeting["starts_on"].as_str().expect("day").to_owned();
        let mid = meeting["id"].as_i64().expect("meeting");
        ok(&app, Call::put(&format!("/api/v1/meetings/{mid}/plan")).token(&p.teacher).json(&json!({
            "fields": [{"key": "focus", "text": "Exit tickets i 8B."}], "shared": false, "version": 0,
        }))).await;
        ok(
            &app,
            Call::put(&format!("/api/v1/meetings/{mid}/plan/goal"))
                .token(&p.teacher)
                .json(&json!({ "goal": t })),
        )
        .await;
        let dialogue = |on: String| {
            Call::post("/api/v1/result-dialogues")
                .token(&p.head)
                .json(&json!({"school": p.talas, "held_on": on}))
        };
        let before = ok(&app, dialogue(shifted(&day, -2))).await;
        let path = format!("/api/v1/result-dialogues/{}", before["id"]);
        ok(
            &app,
            Call::put(&path).token(&p.head).json(&json!({
                "actions": [
                    {"text": "Exit tickets på alla lektioner", "goal": s},
                    {"text": "Behörigheten följs varje månad", "goal": m},
                    {"text": "Utan mål"},
                ],
                "version": before["version"],
            })),
        )
        .await;

        let after = ok(&app, dialogue(shifted(&day, 1))).await;
        assert_eq!(
            after["previous"]["id"], before["id"],
            "[{}] {after}",
            app.engine
        );
        let work = after["goal_work"].as_array().expect("goal work");
        let of = |goal: i64| {
            work.iter()
                .find(|w| w["goal"] == goal)
                .unwrap_or_else(|| panic!("[{}] goal {goal} in {after}", app.engine))
        };
        assert_eq!(work.len(), 2, "[{}] {after}", app.engine);
        // The school goal directly, the municipality goal through it: one teacher goal,
        // one plan, its group named; the plan's text is nowhere.
        for goal in [s, m] {
            let w = of(goal);
            assert_eq!(
                (
                    w["teacher_goals"].as_u64(),
                    w["teachers"].as_u64(),
                    w["plans"].as_u64()
                ),
                (Some(1), Some(1), Some(1)),
                "[{}] {w}",
                app.engine
            );
            assert_eq!(w["groups"][0], group.roster["name"], "[{}] {w}", app.engine);
            assert_eq!(w["statuses"][0]["status"], "not_started");
        }
        assert!(
            !after.to_string().contains("Exit tickets i 8B"),
            "a plan's text stays the teacher's"
        );

        // A dialogue before the meeting's day counts no plan of it.
        let between = ok(&app, dialogue(shifted(&day, -1))).await;
        assert_eq!(between["previous"]["id"], before["id"]);
        let w = between["goal_work"]
            .as_array()
            .expect("goal work")
            .iter()
            .find(|w| w["goal"] == s)
            .cloned()
            .expect("the school goal");
        assert_eq!(
            (w["teacher_goals"].as_u64(), w["plans"].as_u64()),
            (Some(1), Some(0)),
            "[{}] {w}",
            app.engine
        );
    }
}
