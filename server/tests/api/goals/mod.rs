//! Goals: the chain from the municipality's goals through a school's to a teacher's;
//! who sets each level; who reads a teacher's goal (the teacher and the principal of
//! its school, nobody else), role by role; links to another school, year or
//! municipality refused; versions; notes; carrying a year's goals to the next; and the
//! head of operations a school answers to.

mod dialogues;
mod results;
mod talks;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Call, TestApp, engines, ok};

fn delete(path: &str) -> Call {
    Call::new(Method::DELETE, path)
}

/// Who is who in Demo kommun for these tests.
pub(crate) struct People {
    pub admin: String,
    pub steering: String,
    pub head: String,
    /// Rektor of Tallåsskolan, where the demo teacher works.
    pub principal: String,
    pub teacher: String,
    /// Another teacher of Tallåsskolan.
    pub colleague: String,
    /// The principal of another school.
    pub other_principal: String,
    /// An administrator of Övningskommun.
    pub outsider: String,
    pub talas: i64,
    pub other_school: i64,
    pub year: i64,
}

pub(crate) async fn people(app: &TestApp) -> People {
    let admin = app.login("admin@demo.test").await;
    let talas = app.school_id(&admin, "Tallåsskolan").await;
    let other_school = app.school_id(&admin, "Ekbackeskolan").await;
    let staff = ok(app, Call::get("/api/v1/staff?per_page=200").token(&admin)).await;
    let at = |school: i64, role: &str| {
        staff["items"]
            .as_array()
            .expect("staff")
            .iter()
            .find(|p| {
                p["roles"]
                    .as_array()
                    .is_some_and(|r| r.len() == 1 && r[0] == role)
                    && p["schools"]
                        .as_array()
                        .is_some_and(|s| s.iter().any(|s| s["id"] == school))
                    && p["email"] != "larare@demo.test"
                    && p["email"] != "rektor@demo.test"
            })
            .map(|p| p["email"].as_str().expect("email").to_owned())
            .expect("a person")
    };
    let colleague = app.login(&at(talas, "larare")).await;
    let other_principal = app.login(&at(other_school, "rektor")).await;
    let years = ok(app, Call::get("/api/v1/school-years").token(&admin)).await;
    let year = years[0]["id"].as_i64().expect("year");
    People {
        steering: app.login("styrgrupp@demo.test").await,
        head: app.login("verksamhetschef@demo.test").await,
        principal: app.login("rektor@demo.test").await,
        teacher: app.login("larare@demo.test").await,
        colleague,
        other_principal,
        outsider: app.login("admin@ovning.test").await,
        admin,
        talas,
        other_school,
        year,
    }
}

fn municipality_goal(year: i64) -> Value {
    json!({
        "year": year,
        "level": "municipality",
        "title": "Fler elever ska bli behöriga till gymnasiet",
        "description": "Andelen behöriga ska öka på alla skolor.",
        "measure": {"kind": "key_figure", "figure": "Andel behöriga till yrkesprogram", "target": 92, "unit": "%"},
        "area": "bedomning_och_betyg",
        "agenda2030": [4, 10],
    })
}

fn school_goal(year: i64, school: i64, serves: &[i64]) -> Value {
    json!({
        "year": year,
        "level": "school",
        "school": school,
        "title": "Alla elever i åk 9 ska nå minst E i matematik",
        "measure": {"kind": "evidence", "text": "Resultaten på de nationella proven och terminsbetygen."},
        "serves": serves,
    })
}

pub(crate) fn teacher_goal(year: i64, serves: i64) -> Value {
    json!({
        "year": year,
        "level": "teacher",
        "title": "Jag använder exit tickets varje lektion",
        "measure": {"kind": "evidence", "text": "Mina exit tickets och elevernas självskattning."},
        "serves": [serves],
    })
}

async fn id(app: &TestApp, call: Call) -> i64 {
    let reply = app.send(call).await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "[{}] {}",
        app.engine,
        reply.body
    );
    reply.body["id"].as_i64().expect("id")
}

/// A municipality goal, a school goal of Tallåsskolan serving it, and the demo
/// teacher's goal serving that.
pub(crate) async fn chain(app: &TestApp, p: &People) -> (i64, i64, i64) {
    let m = id(
        app,
        Call::post("/api/v1/goals")
            .token(&p.steering)
            .json(&municipality_goal(p.year)),
    )
    .await;
    let s = id(
        app,
        Call::post("/api/v1/goals")
            .token(&p.principal)
            .json(&school_goal(p.year, p.talas, &[m])),
    )
    .await;
    let t = id(
        app,
        Call::post("/api/v1/goals")
            .token(&p.teacher)
            .json(&teacher_goal(p.year, s)),
    )
    .await;
    (m, s, t)
}

pub(crate) use crate::helpers::refused;

#[tokio::test]
async fn the_chain_runs_from_the_municipality_to_the_teacher_and_counts_without_naming() {
    for app in engines().await {
        let p = people(&app).await;
        let (m, s, t) = chain(&app, &p).await;

        let teacher_view = ok(
            &app,
            Call::get(&format!("/api/v1/goals?year={}", p.year)).token(&p.teacher),
        )
        .await;
        assert!(
            teacher_view["municipality"]
                .as_array()
                .expect("m")
                .iter()
                .any(|g| g["id"] == m)
        );
        let own: Vec<&Value> = teacher_view["teachers"]
            .as_array()
            .expect("t")
            .iter()
            .collect();
        assert!(
            own.iter()
                .any(|g| g["id"] == t && g["serves"] == json!([s])),
            "[{}] {teacher_view}",
            app.engine
        );
        assert!(
            own.iter().all(|g| g["owner"]["name"] == "Elin Sjöberg"),
            "only their own"
        );
        let the_school_goal = teacher_view["schools"]
            .as_array()
            .expect("s")
            .iter()
            .find(|g| g["id"] == s)
            .expect("school goal");
        assert_eq!(the_school_goal["serves"], json!([m]));
        assert_eq!(the_school_goal["school"]["name"], "Tallåsskolan");

        // The principal reads the goals of their school's teachers; others only count them.
        let principal_view = ok(&app, Call::get("/api/v1/goals").token(&p.principal)).await;
        assert!(
            principal_view["teachers"]
                .as_array()
                .expect("t")
                .iter()
                .any(|g| g["id"] == t)
        );
        assert!(
            principal_view["my_schools"]
                .as_array()
                .expect("mine")
                .iter()
                .any(|s| s["id"] == p.talas)
        );
        for (who, token) in [
            ("verksamhetschef", &p.head),
            ("styrgrupp", &p.steering),
            ("admin", &p.admin),
            ("another principal", &p.other_principal),
            ("a colleague", &p.colleague),
        ] {
            let view = ok(&app, Call::get("/api/v1/goals").token(token)).await;
            assert!(
                view["teachers"]
                    .as_array()
                    .expect("t")
                    .iter()
                    .all(|g| g["id"] != t),
                "[{}] {who} must not read the teacher's goal",
                app.engine
            );
            let count = view["served_by"]
                .as_array()
                .expect("counts")
                .iter()
                .find(|c| c["goal"] == s)
                .expect("count");
            assert_eq!(count["teacher_goals"], 1, "[{}] {who}", app.engine);
            assert_eq!(count["teachers"], 1);
        }
    }
}

#[tokio::test]
async fn a_teachers_goal_is_read_and_written_by_the_teacher_and_their_principal_only() {
    for app in engines().await {
        let p = people(&app).await;
        let (_, _, t) = chain(&app, &p).await;
        let path = format!("/api/v1/goals/{t}");
        for token in [&p.teacher, &p.principal] {
            assert_eq!(
                app.send(Call::get(&path).token(token)).await.status,
                StatusCode::OK
            );
        }
        for (who, token) in [
            ("admin", &p.admin),
            ("verksamhetschef", &p.head),
            ("styrgrupp", &p.steering),
            ("another principal", &p.other_principal),
            ("a colleague", &p.colleague),
        ] {
            let reply = app.send(Call::get(&path).token(token)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "[{}] {who}",
                app.engine
            );
            let note = app
                .send(
                    Call::post(&format!("{path}/notes"))
                        .token(token)
                        .json(&json!({"text": "x", "version": 1})),
                )
                .await;
            assert_eq!(
                note.status,
                StatusCode::FORBIDDEN,
                "[{}] {who} notes",
                app.engine
            );
            let del = app
                .send(delete(&format!("{path}?version=1")).token(token))
                .await;
            assert_eq!(
                del.status,
                StatusCode::FORBIDDEN,
                "[{}] {who} removes",
                app.engine
            );
        }
        for call in [
            Call::get(&path),
            Call::put(&path).json(
                &json!({"title": "x", "measure": {"kind": "evidence", "text": "x"}, "version": 1}),
            ),
            Call::post(&format!("{path}/notes")).json(&json!({"text": "x", "version": 1})),
            delete(&format!("{path}?version=1")),
        ] {
            let reply = app.send(call.token(&p.outsider)).await;
            assert_eq!(
                reply.status,
                StatusCode::NOT_FOUND,
                "[{}] another municipality",
                app.engine
            );
        }
        assert_eq!(
            app.send(Call::get(&path)).await.status,
            StatusCode::UNAUTHORIZED
        );

        // The principal writes the follow-up with the teacher.
        let goal = ok(&app, Call::get(&path).token(&p.principal)).await;
        let noted = app.send(Call::post(&format!("{path}/notes")).token(&p.principal).json(&json!({
            "on": "2026-11-20", "text": "Exit tickets används i alla klasser.", "status": "in_progress", "version": goal["version"],
        }))).await;
        assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.body);
        assert_eq!(noted.body["status"], "in_progress");
        assert_eq!(noted.body["notes"][0]["on"], "2026-11-20");
        assert_eq!(noted.body["notes"][0]["author"]["name"], "Lars Sundqvist");
    }
}

#[tokio::test]
async fn each_level_is_set_by_its_own_people() {
    for app in engines().await {
        let p = people(&app).await;
        let goals = Call::post("/api/v1/goals");
        // (The demo's head of operations is in the steering group, so sets them too.)
        for token in [&p.teacher, &p.principal, &p.colleague] {
            let reply = app
                .send(
                    Call::post("/api/v1/goals")
                        .token(token)
                        .json(&municipality_goal(p.year)),
                )
                .await;
            refused(&app, &reply, StatusCode::FORBIDDEN, "");
        }
        let m = id(&app, goals.token(&p.admin).json(&municipality_goal(p.year))).await;
        // A school's goals are its principal's: not another school's principal, not the
        // steering group, an administrator or the head of operations.
        for token in [&p.other_principal, &p.admin, &p.head, &p.teacher] {
            let reply = app
                .send(Call::post("/api/v1/goals").token(token).json(&school_goal(
                    p.year,
                    p.talas,
                    &[m],
                )))
                .await;
            refused(&app, &reply, StatusCode::FORBIDDEN, "");
        }
        let s = id(
            &app,
            Call::post("/api/v1/goals")
                .token(&p.principal)
                .json(&school_goal(p.year, p.talas, &[m])),
        )
        .await;
        // The principal writes a goal for a teacher of their school, not for one elsewhere.
        let (teacher_id, _) = app.staff_row(&p.admin, "larare@demo.test").await;
        let mut for_teacher = teacher_goal(p.year, s);
        for_teacher["owner"] = json!(teacher_id);
        let t = ok(
            &app,
            Call::post("/api/v1/goals")
                .token(&p.principal)
                .json(&for_teacher),
        )
        .await;
        assert_eq!(t["owner"]["name"], "Elin Sjöberg");
        assert_eq!(t["school"]["id"], p.talas);
        let reply = app
            .send(
                Call::post("/api/v1/goals")
                    .token(&p.other_principal)
                    .json(&for_teacher),
            )
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "owner");
        let reply = app
            .send(
                Call::post("/api/v1/goals")
                    .token(&p.colleague)
                    .json(&for_teacher),
            )
            .await;
        refused(&app, &reply, StatusCode::FORBIDDEN, "");
    }
}

#[tokio::test]
async fn a_goal_serves_only_the_level_above_of_its_own_year_school_and_municipality() {
    for app in engines().await {
        let p = people(&app).await;
        let (m, s, _) = chain(&app, &p).await;
        let post =
            |token: &String, body: Value| Call::post("/api/v1/goals").token(token).json(&body);

        // Another school's goal, for a teacher of Tallåsskolan.
        let elsewhere = id(
            &app,
            post(
                &p.other_principal,
                school_goal(p.year, p.other_school, &[m]),
            ),
        )
        .await;
        let reply = app
            .send(post(&p.teacher, teacher_goal(p.year, elsewhere)))
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "serves");
        assert!(
            reply.message().contains("skola där läraren arbetar"),
            "{}",
            reply.message()
        );

        // The wrong level: a school goal serving a school goal, a teacher the municipality's.
        let reply = app
            .send(post(&p.principal, school_goal(p.year, p.talas, &[s])))
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "serves");
        let reply = app.send(post(&p.teacher, teacher_goal(p.year, m))).await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "serves");

        // A municipality goal of another year.
        let next = ok(&app, Call::post("/api/v1/school-years").token(&p.admin).json(&json!({
            "name": "2027/28", "starts_on": "2027-08-16", "spring_starts_on": "2028-01-10", "ends_on": "2028-06-09",
        }))).await;
        let later = id(
            &app,
            post(
                &p.steering,
                municipality_goal(next["id"].as_i64().expect("year")),
            ),
        )
        .await;
        let reply = app
            .send(post(&p.principal, school_goal(p.year, p.talas, &[later])))
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "serves");
        assert!(reply.message().contains("annat läsår"));

        // Another municipality's goal is not found here.
        let practice_year = ok(&app, Call::post("/api/v1/school-years").token(&p.outsider).json(&json!({
            "name": "2026/27", "starts_on": "2026-08-17", "spring_starts_on": "2027-01-11", "ends_on": "2027-06-11",
        }))).await;
        let theirs = id(
            &app,
            post(
                &p.outsider,
                municipality_goal(practice_year["id"].as_i64().expect("year")),
            ),
        )
        .await;
        let reply = app
            .send(post(&p.principal, school_goal(p.year, p.talas, &[theirs])))
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "serves");
        let reply = app
            .send(Call::get(&format!("/api/v1/goals/{theirs}")).token(&p.teacher))
            .await;
        refused(&app, &reply, StatusCode::NOT_FOUND, "");

        // Fields named, in Swedish; nothing stored.
        let before = ok(&app, Call::get("/api/v1/goals").token(&p.steering)).await["municipality"]
            .as_array()
            .expect("m")
            .len();
        let mut bad = municipality_goal(p.year);
        bad["title"] = json!("");
        let reply = app.send(post(&p.steering, bad)).await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "title");
        assert_eq!(reply.message(), "Fältet måste fyllas i.");
        let mut bad = municipality_goal(p.year);
        bad["measure"]["target"] = json!("många");
        let reply = app.send(post(&p.steering, bad)).await;
        assert!(reply.status.is_client_error(), "{}", reply.body);
        let mut bad = municipality_goal(p.year);
        bad["agenda2030"] = json!([18]);
        refused(
            &app,
            &app.send(post(&p.steering, bad)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "agenda2030",
        );
        let after = ok(&app, Call::get("/api/v1/goals").token(&p.steering)).await["municipality"]
            .as_array()
            .expect("m")
            .len();
        assert_eq!(before, after);
    }
}

#[tokio::test]
async fn changes_carry_their_version_and_a_served_goal_stays_while_served() {
    for app in engines().await {
        let p = people(&app).await;
        let (m, s, t) = chain(&app, &p).await;
        let goal = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{m}")).token(&p.steering),
        )
        .await;
        let mut change = municipality_goal(p.year);
        change["title"] = json!("Fler elever ska bli behöriga till gymnasieskolan");
        change["status"] = json!("in_progress");
        change["version"] = goal["version"].clone();
        let changed = ok(
            &app,
            Call::put(&format!("/api/v1/goals/{m}"))
                .token(&p.steering)
                .json(&change),
        )
        .await;
        assert_eq!(changed["status"], "in_progress");
        assert_eq!(changed["version"], goal["version"].as_i64().expect("v") + 1);
        // The same version again is stale.
        let reply = app
            .send(
                Call::put(&format!("/api/v1/goals/{m}"))
                    .token(&p.steering)
                    .json(&change),
            )
            .await;
        refused(&app, &reply, StatusCode::CONFLICT, "");
        let reply = app
            .send(
                Call::post(&format!("/api/v1/goals/{m}/notes"))
                    .token(&p.steering)
                    .json(&json!({"text": "x", "version": goal["version"]})),
            )
            .await;
        refused(&app, &reply, StatusCode::CONFLICT, "");
        let unchanged = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{m}")).token(&p.steering),
        )
        .await;
        assert_eq!(
            unchanged["notes"],
            json!([]),
            "a refused note is not stored"
        );

        // A goal others serve stays; once they are gone, it goes.
        let reply = app
            .send(
                delete(&format!("/api/v1/goals/{m}?version={}", changed["version"]))
                    .token(&p.steering),
            )
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "id");
        let teacher_goal = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{t}")).token(&p.teacher),
        )
        .await;
        let reply = app
            .send(
                delete(&format!(
                    "/api/v1/goals/{t}?version={}",
                    teacher_goal["version"]
                ))
                .token(&p.teacher),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        let school_goal = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{s}")).token(&p.principal),
        )
        .await;
        let reply = app
            .send(
                delete(&format!(
                    "/api/v1/goals/{s}?version={}",
                    school_goal["version"]
                ))
                .token(&p.principal),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        let reply = app
            .send(
                delete(&format!("/api/v1/goals/{m}?version={}", changed["version"]))
                    .token(&p.steering),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        assert_eq!(
            app.send(Call::get(&format!("/api/v1/goals/{m}")).token(&p.steering))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_years_goals_are_carried_to_the_next_after_review_level_by_level() {
    for app in engines().await {
        let p = people(&app).await;
        let (m, s, t) = chain(&app, &p).await;
        let next = ok(&app, Call::post("/api/v1/school-years").token(&p.admin).json(&json!({
            "name": "2027/28", "starts_on": "2027-08-16", "spring_starts_on": "2028-01-10", "ends_on": "2028-06-09",
        }))).await["id"].as_i64().expect("year");
        let preview = |token: &String| {
            Call::get(&format!("/api/v1/goals/carry?from={}&to={next}", p.year)).token(token)
        };
        let carry = |token: &String, goals: Vec<i64>| {
            Call::post("/api/v1/goals/carry")
                .token(token)
                .json(&json!({"from": p.year, "to": next, "goals": goals}))
        };

        // The principal's school goal waits for the municipality goal it serves.
        let lines = ok(&app, preview(&p.principal)).await;
        let line = lines["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|l| l["goal"] == s)
            .expect("line")
            .clone();
        assert_eq!(line["blocked"], true);
        assert!(
            lines["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .all(|l| l["goal"] != m),
            "not the principal's to carry"
        );
        refused(
            &app,
            &app.send(carry(&p.principal, vec![s])).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goals",
        );
        refused(
            &app,
            &app.send(carry(&p.principal, vec![m])).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goals",
        );

        let done = ok(&app, carry(&p.steering, vec![m])).await;
        let m2 = done["created"][0].as_i64().expect("carried");
        refused(
            &app,
            &app.send(carry(&p.steering, vec![m])).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goals",
        );
        let done = ok(&app, carry(&p.principal, vec![s])).await;
        let s2 = done["created"][0].as_i64().expect("carried");
        let carried = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{s2}")).token(&p.principal),
        )
        .await;
        assert_eq!(carried["serves"], json!([m2]));
        assert_eq!(carried["status"], "not_started");
        assert_eq!(carried["carried_from"], s);
        assert_eq!(carried["year"], next);
        let done = ok(&app, carry(&p.teacher, vec![t])).await;
        let t2 = done["created"][0].as_i64().expect("carried");
        let theirs = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{t2}")).token(&p.teacher),
        )
        .await;
        assert_eq!(theirs["serves"], json!([s2]));
        assert_eq!(theirs["owner"]["name"], "Elin Sjöberg");
        // Another municipality's years are not found.
        let theirs = format!("/api/v1/goals/carry?from={}&to={next}", p.year);
        refused(
            &app,
            &app.send(Call::get(&theirs).token(&p.outsider)).await,
            StatusCode::NOT_FOUND,
            "",
        );
        let body = json!({"from": p.year, "to": next, "goals": [m]});
        refused(
            &app,
            &app.send(
                Call::post("/api/v1/goals/carry")
                    .token(&p.outsider)
                    .json(&body),
            )
            .await,
            StatusCode::NOT_FOUND,
            "",
        );
        // Backwards is refused.
        let reply = app
            .send(
                Call::get(&format!("/api/v1/goals/carry?from={next}&to={}", p.year))
                    .token(&p.steering),
            )
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "to");
    }
}

#[tokio::test]
async fn a_school_answers_to_a_head_of_operations() {
    for app in engines().await {
        let p = people(&app).await;
        let schools = ok(&app, Call::get("/api/v1/schools").token(&p.admin)).await;
        let talas = schools
            .as_array()
            .expect("schools")
            .iter()
            .find(|s| s["id"] == p.talas)
            .expect("school")
            .clone();
        assert_eq!(
            talas["head"]["name"], "Annika Forsberg",
            "the demo's head of operations"
        );
        let (teacher, _) = app.staff_row(&p.admin, "larare@demo.test").await;
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/schools/{}", p.talas))
                    .token(&p.admin)
                    .json(&json!({"head_id": teacher, "version": talas["version"]})),
            )
            .await;
        refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, "head_id");
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/schools/{}", p.talas))
                    .token(&p.admin)
                    .json(&json!({"head_id": null, "version": talas["version"]})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let me = ok(&app, Call::get("/api/v1/me").token(&p.head)).await;
        assert!(
            me["roles"]
                .as_array()
                .expect("roles")
                .iter()
                .any(|r| r == "verksamhetschef")
        );
    }
}

#[tokio::test]
async fn an_action_plan_names_the_teachers_own_goal_and_the_goal_lists_it_as_evidence() {
    for app in engines().await {
        let p = people(&app).await;
        let (_, s, t) = chain(&app, &p).await;
        let group = app.teachers_group().await;
        let meeting = group.meetings[0]["id"].as_i64().expect("meeting");
        let plan_goal = |goal: Value| {
            Call::put(&format!("/api/v1/meetings/{meeting}/plan/goal"))
                .token(&p.teacher)
                .json(&json!({ "goal": goal }))
        };
        // Nothing written yet: the link waits for the plan.
        refused(
            &app,
            &app.send(plan_goal(json!(t))).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goal",
        );
        ok(&app, Call::put(&format!("/api/v1/meetings/{meeting}/plan")).token(&p.teacher).json(&json!({
            "fields": [{"key": "focus", "text": "Exit tickets i 8B varje lektion."}], "shared": false, "version": 0,
        }))).await;
        // Only a goal of their own: not the school's, not a colleague's.
        refused(
            &app,
            &app.send(plan_goal(json!(s))).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goal",
        );
        let theirs = id(
            &app,
            Call::post("/api/v1/goals")
                .token(&p.colleague)
                .json(&teacher_goal(p.year, s)),
        )
        .await;
        refused(
            &app,
            &app.send(plan_goal(json!(theirs))).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "goal",
        );
        // Only the plan's author, in the meeting's municipality.
        let as_other = |token: &String| {
            Call::put(&format!("/api/v1/meetings/{meeting}/plan/goal"))
                .token(token)
                .json(&json!({ "goal": t }))
        };
        refused(
            &app,
            &app.send(as_other(&p.principal)).await,
            StatusCode::FORBIDDEN,
            "",
        );
        refused(
            &app,
            &app.send(as_other(&p.outsider)).await,
            StatusCode::NOT_FOUND,
            "",
        );
        let plan = ok(&app, plan_goal(json!(t))).await;
        assert_eq!(plan["goal"], t);
        assert_eq!(
            plan["version"], 1,
            "the link leaves the text's version as it was"
        );
        let again = ok(
            &app,
            Call::get(&format!("/api/v1/meetings/{meeting}/plan")).token(&p.teacher),
        )
        .await;
        assert_eq!(again["goal"], t);

        // The goal lists the plan: with its focus for the teacher, without for the principal.
        let own = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{t}")).token(&p.teacher),
        )
        .await;
        assert_eq!(own["evidence"][0]["meeting"], meeting);
        assert_eq!(
            own["evidence"][0]["focus"],
            "Exit tickets i 8B varje lektion."
        );
        let principal = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{t}")).token(&p.principal),
        )
        .await;
        assert_eq!(principal["evidence"][0]["meeting"], meeting);
        assert_eq!(
            principal["evidence"][0]["focus"],
            Value::Null,
            "a plan's text stays the teacher's"
        );
        // And lets go of it.
        let cleared = ok(&app, plan_goal(Value::Null)).await;
        assert_eq!(cleared["goal"], Value::Null);
        let own = ok(
            &app,
            Call::get(&format!("/api/v1/goals/{t}")).token(&p.teacher),
        )
        .await;
        assert_eq!(own["evidence"], json!([]));
    }
}
