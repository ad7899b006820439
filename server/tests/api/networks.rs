//! Networks: the demo's IKT-nätverk grundskolan, where a member submits a good example
//! and the ICT strategist reviews it; the digital tools list and the schools' ICT groups
//! with their notes; another municipality's administrator, who finds none of it; field
//! errors and versions.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Call, TestApp, engines, ok, refused, refuses};

/// The networks page as `token` reads it.
async fn front(app: &TestApp, token: &str) -> Value {
    ok(app, Call::get("/api/v1/networks").token(token)).await
}

/// The demo's ICT network's id.
fn ict_network(front: &Value) -> i64 {
    front["networks"]
        .as_array()
        .expect("networks")
        .iter()
        .find(|n| n["group"]["name"] == "IKT-nätverk grundskolan")
        .expect("the demo network")["group"]["id"]
        .as_i64()
        .expect("id")
}

/// A member of the network who is not the ICT strategist: (token, person id).
async fn member(app: &TestApp, ikt: &str, network: i64) -> (String, i64) {
    let group = ok(
        app,
        Call::get(&format!("/api/v1/groups/{network}")).token(ikt),
    )
    .await;
    let found = group["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| {
            m["email"] != "ikt@demo.test" && !m["schools"].as_array().expect("schools").is_empty()
        })
        .expect("a member");
    let token = app.login(found["email"].as_str().expect("email")).await;
    (token, found["id"].as_i64().expect("id"))
}

fn statuses(page: &Value) -> Vec<String> {
    page["examples"]
        .as_array()
        .expect("examples")
        .iter()
        .map(|e| e["status"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn a_member_submits_a_good_example_and_the_ict_strategist_approves_it() {
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    for app in engines().await {
        let ikt = app.login("ikt@demo.test").await;
        let listed = front(&app, &ikt).await;
        let id = ict_network(&listed);
        let summary = listed["networks"]
            .as_array()
            .expect("networks")
            .iter()
            .find(|n| n["group"]["id"] == id)
            .expect("summary")
            .clone();
        assert_eq!(summary["examples"], 3, "[{}] {summary}", app.engine);
        assert_eq!(summary["school_forms"], json!(["grundskola"]));
        let next = if today.as_str() <= "2027-01-20" {
            json!("2027-01-20")
        } else {
            Value::Null
        };
        assert_eq!(summary["next_meeting"], next);
        assert_eq!(listed["may_edit_tools"], true);
        let page = ok(
            &app,
            Call::get(&format!("/api/v1/networks/{id}")).token(&ikt),
        )
        .await;
        assert_eq!(statuses(&page), ["approved", "approved", "approved"]);
        assert_eq!(page["meetings"].as_array().map(Vec::len), Some(1));
        assert_eq!(page["may_review"], true);
        let first = &page["examples"][0];
        assert!(
            first["school"]["name"].is_string(),
            "made at a school: {first}"
        );
        assert_eq!(first["made_by"]["id"], first["submitted_by"]["id"]);

        // A member submits a published item of the library, at their own school.
        let (member_token, _) = member(&app, &ikt, id).await;
        let mine = ok(
            &app,
            Call::get(&format!("/api/v1/networks/{id}")).token(&member_token),
        )
        .await;
        assert_eq!(
            (mine["may_submit"].clone(), mine["may_review"].clone()),
            (json!(true), json!(false))
        );
        let me = ok(&app, Call::get("/api/v1/me").token(&member_token)).await;
        let school = me["schools"][0]["id"].as_i64().expect("a school");
        let items = ok(
            &app,
            Call::get("/api/v1/library/items?q=formativ&per_page=5").token(&member_token),
        )
        .await;
        let item = items["items"][0]["id"].as_i64().expect("a published item");
        let examples = format!("/api/v1/networks/{id}/examples");
        let submit_as = |token: &str, items: Value, school: Value| {
            Call::post(&examples)
                .token(token)
                .json(&json!({"items": items, "school": school, "note": "Bra stöd i planeringen."}))
        };
        let submit = |items: Value, school: Value| submit_as(&member_token, items, school);
        refuses(
            &app,
            submit(json!([]), json!(school)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "items",
        )
        .await;
        refuses(
            &app,
            submit(json!([999_999]), json!(school)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "items",
        )
        .await;
        let other_school = listed["schools"]
            .as_array()
            .expect("schools")
            .iter()
            .map(|s| s["school"]["id"].as_i64().expect("id"))
            .find(|s| {
                !me["schools"]
                    .as_array()
                    .expect("schools")
                    .iter()
                    .any(|m| m["id"] == *s)
            })
            .expect("a school not theirs");
        refuses(
            &app,
            submit(json!([item]), json!(other_school)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "school",
        )
        .await;
        let sent = app.send(submit(json!([item]), json!(school))).await;
        assert_eq!(
            sent.status,
            StatusCode::CREATED,
            "[{}] {}",
            app.engine,
            sent.body
        );
        let example = sent.body[0].clone();
        assert_eq!(example["status"], "submitted");
        assert_eq!(example["school"]["id"], school);
        let again = app.send(submit(json!([item]), json!(school))).await;
        refused(&app, &again, StatusCode::UNPROCESSABLE_ENTITY, "items");
        assert!(again.message().contains("redan"), "{}", again.body);

        // Others see only what is approved, and may neither submit nor review.
        let teacher = app.login("larare@demo.test").await;
        let outside = ok(
            &app,
            Call::get(&format!("/api/v1/networks/{id}")).token(&teacher),
        )
        .await;
        assert_eq!(
            statuses(&outside).len(),
            3,
            "[{}] waiting examples are not shown",
            app.engine
        );
        assert_eq!(outside["may_submit"], false);
        refuses(
            &app,
            submit_as(&teacher, json!([item]), json!(school)),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let example_id = example["id"].as_i64().expect("id");
        let review = format!("/api/v1/networks/{id}/examples/{example_id}/review");
        let approve = |version: i64| json!({"status": "approved", "version": version});
        refuses(
            &app,
            Call::put(&review).token(&member_token).json(&approve(1)),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;

        // Another municipality finds none of it.
        let other = app.login("admin@ovning.test").await;
        for call in [
            Call::get(&format!("/api/v1/networks/{id}")).token(&other),
            Call::post(&examples)
                .token(&other)
                .json(&json!({"items": [item]})),
            Call::put(&review).token(&other).json(&approve(1)),
        ] {
            refuses(&app, call, StatusCode::NOT_FOUND, "").await;
        }
        let theirs = front(&app, &other).await;
        assert!(
            theirs["networks"]
                .as_array()
                .expect("networks")
                .iter()
                .all(|n| n["group"]["id"] != id)
        );
        assert!(theirs["tools"].as_array().expect("tools").is_empty());

        // The ICT strategist: a decline needs a reason, a stale version is refused.
        let decline = json!({"status": "declined", "comment": " ", "version": 1});
        refuses(
            &app,
            Call::put(&review).token(&ikt).json(&decline),
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment",
        )
        .await;
        refuses(
            &app,
            Call::put(&review).token(&ikt).json(&approve(7)),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        let approved = ok(&app, Call::put(&review).token(&ikt).json(&approve(1))).await;
        assert_eq!(approved["status"], "approved");
        let outside = ok(
            &app,
            Call::get(&format!("/api/v1/networks/{id}")).token(&teacher),
        )
        .await;
        assert_eq!(statuses(&outside).len(), 4);
        assert_eq!(outside["network"]["examples"], 4);
    }
}

#[tokio::test]
async fn the_tools_list_and_the_schools_ict_groups_keep_their_rules() {
    for app in engines().await {
        let ikt = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let other = app.login("admin@ovning.test").await;
        let listed = front(&app, &ikt).await;
        let names: Vec<&str> = listed["tools"]
            .as_array()
            .expect("tools")
            .iter()
            .map(|t| t["name"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "Google Workspace for Education",
                "Skolon",
                "Ugglo",
                "Unikum"
            ],
            "[{}]",
            app.engine
        );
        assert!(
            listed["tools"][1]["guide"]["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Skolon"))
        );

        // The tools: the ICT strategist's to keep.
        let tool = json!({"name": "Polyglutt", "purpose": "Bilderböcker på många språk.", "stages": ["forskola"], "url": "https://polyglutt.se"});
        refuses(
            &app,
            Call::post("/api/v1/networks/tools")
                .token(&teacher)
                .json(&tool),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let bad = |field: &str, value: Value| {
            let mut t = tool.clone();
            t[field] = value;
            Call::post("/api/v1/networks/tools").token(&ikt).json(&t)
        };
        refuses(
            &app,
            bad("url", json!("javascript:alert(1)")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "url",
        )
        .await;
        refuses(
            &app,
            bad("name", json!(" skolon ")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "name",
        )
        .await;
        refuses(
            &app,
            bad("guide", json!(999_999)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "guide",
        )
        .await;
        let made = app
            .send(Call::post("/api/v1/networks/tools").token(&ikt).json(&tool))
            .await;
        assert_eq!(
            made.status,
            StatusCode::CREATED,
            "[{}] {}",
            app.engine,
            made.body
        );
        let tool_id = made.body["id"].as_i64().expect("id");
        let path = format!("/api/v1/networks/tools/{tool_id}");
        let mut change = tool.clone();
        change["purpose"] = json!("Digitala bilderböcker med inläsning på över 60 språk.");
        change["version"] = json!(5);
        refuses(
            &app,
            Call::put(&path).token(&ikt).json(&change),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        refuses(
            &app,
            Call::put(&path).token(&other).json(&change),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        change["version"] = json!(1);
        let changed = ok(&app, Call::put(&path).token(&ikt).json(&change)).await;
        assert_eq!(changed["version"], 2);
        let delete = |version: i64| {
            Call::new(Method::DELETE, &format!("{path}?version={version}")).token(&ikt)
        };
        refuses(&app, delete(1), StatusCode::CONFLICT, "").await;
        assert_eq!(app.send(delete(2)).await.status, StatusCode::NO_CONTENT);
        refuses(
            &app,
            Call::put(&path).token(&ikt).json(&change),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;

        // An ICT group: its principal names it, nobody else's principal does.
        let rektor = app.login("rektor@demo.test").await;
        let me = ok(&app, Call::get("/api/v1/me").token(&rektor)).await;
        let seen = front(&app, &rektor).await;
        let groups = seen["schools"].as_array().expect("schools");
        let own = groups
            .iter()
            .find(|g| g["may_edit"] == true)
            .expect("the principal's own school");
        let elsewhere = groups
            .iter()
            .find(|g| g["may_edit"] == false)
            .expect("another school");
        let school = own["school"]["id"].as_i64().expect("id");
        let staff = ok(
            &app,
            Call::get(&format!(
                "/api/v1/staff?school={school}&role=larare&per_page=5"
            ))
            .token(&rektor),
        )
        .await;
        let pedagogue = staff["items"]
            .as_array()
            .expect("staff")
            .iter()
            .find(|p| p["email"] != "larare@demo.test")
            .expect("a teacher of the school")
            .clone();
        let members = json!([
            {"person": me["id"], "part": "rektor"},
            {"person": pedagogue["id"], "part": "ikt_pedagog"},
        ]);
        let path = format!("/api/v1/networks/schools/{school}");
        let version = own["version"].as_i64().expect("version");
        let put = |token: &str, members: &Value, version: i64| {
            Call::put(&path)
                .token(token)
                .json(&json!({"members": members, "version": version}))
        };
        refuses(
            &app,
            put(&teacher, &members, version),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        refuses(
            &app,
            put(&other, &members, version),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        let twice = json!([{"person": me["id"], "part": "rektor"}, {"person": me["id"], "part": "ikt_pedagog"}]);
        refuses(
            &app,
            put(&rektor, &twice, version),
            StatusCode::UNPROCESSABLE_ENTITY,
            "members",
        )
        .await;
        let stranger = json!([{"person": 999_999, "part": "ikt_pedagog"}]);
        refuses(
            &app,
            put(&rektor, &stranger, version),
            StatusCode::UNPROCESSABLE_ENTITY,
            "members",
        )
        .await;
        let named = ok(&app, put(&rektor, &members, version)).await;
        assert_eq!(named["members"][0]["part"], "rektor");
        assert_eq!(named["members"].as_array().map(Vec::len), Some(2));
        // A stale version changes nothing.
        refuses(
            &app,
            put(&rektor, &json!([]), version),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        let after = front(&app, &rektor).await;
        let kept = after["schools"]
            .as_array()
            .expect("schools")
            .iter()
            .find(|g| g["school"]["id"] == school)
            .expect("the school")
            .clone();
        assert_eq!(
            kept["members"].as_array().map(Vec::len),
            Some(2),
            "[{}]",
            app.engine
        );
        let elsewhere_path = format!("/api/v1/networks/schools/{}", elsewhere["school"]["id"]);
        refuses(
            &app,
            Call::put(&elsewhere_path)
                .token(&rektor)
                .json(&json!({"members": [], "version": elsewhere["version"]})),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;

        // The group's ICT pedagogue writes its notes; a teacher outside it does not.
        let writer = app.login(pedagogue["email"].as_str().expect("email")).await;
        let notes = format!("{path}/notes");
        let note =
            json!({"date": "2026-11-30", "text": "Visade arbetslaget Skolons nya startsida."});
        refuses(
            &app,
            Call::post(&notes).token(&teacher).json(&note),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        refuses(
            &app,
            Call::post(&notes).token(&other).json(&note),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        refuses(
            &app,
            Call::post(&notes)
                .token(&writer)
                .json(&json!({"date": "2026-13-01", "text": "x"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "date",
        )
        .await;
        refuses(
            &app,
            Call::post(&notes)
                .token(&writer)
                .json(&json!({"text": "  "})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text",
        )
        .await;
        let written = app
            .send(Call::post(&notes).token(&writer).json(&note))
            .await;
        assert_eq!(
            written.status,
            StatusCode::CREATED,
            "[{}] {}",
            app.engine,
            written.body
        );
        let note_path = format!("{notes}/{}", written.body["id"]);
        let mut change = note.clone();
        change["text"] = json!("Visade arbetslaget Skolons nya startsida och apparna i den.");
        change["version"] = json!(3);
        refuses(
            &app,
            Call::put(&note_path).token(&writer).json(&change),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        change["version"] = json!(1);
        refuses(
            &app,
            Call::put(&note_path).token(&teacher).json(&change),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let changed = ok(&app, Call::put(&note_path).token(&writer).json(&change)).await;
        assert_eq!(changed["version"], 2);
        let shown = front(&app, &teacher).await;
        let group = shown["schools"]
            .as_array()
            .expect("schools")
            .iter()
            .find(|g| g["school"]["id"] == school)
            .expect("the school")
            .clone();
        assert_eq!(
            group["notes"][0]["text"], change["text"],
            "[{}] newest first",
            app.engine
        );
        assert_eq!(
            (group["may_edit"].clone(), group["may_write"].clone()),
            (json!(false), json!(false))
        );
    }
}
