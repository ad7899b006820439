//! Projects: the demo's "Hållbar framtid" read by its process leader, a participant, a
//! teacher outside it and another municipality's administrator; the public showcase,
//! which shows only what the process leader cleared and goes when switched off; field
//! errors and versions.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Call, TestApp, engines, ok, read_pdf, refused};

const SHOWCASE: &str = "/api/v1/showcase/hallbar-framtid-demo";

/// The demo project's id, as its process leader reads it.
async fn demo_project(app: &TestApp, token: &str) -> Value {
    let list = ok(app, Call::get("/api/v1/projects").token(token)).await;
    let id = list
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| p["name"] == "Hållbar framtid")
        .expect("the demo project")["id"]
        .as_i64()
        .expect("id");
    ok(
        app,
        Call::get(&format!("/api/v1/projects/{id}")).token(token),
    )
    .await
}

/// A participant of the project who is not its process leader: their token.
async fn participant(app: &TestApp, leader: &str, page: &Value) -> String {
    let group = page["project"]["group"]["id"]
        .as_i64()
        .expect("project group");
    let group = ok(
        app,
        Call::get(&format!("/api/v1/groups/{group}")).token(leader),
    )
    .await;
    let leader_id = page["project"]["leader"]["id"].as_i64();
    let member = group["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["id"].as_i64() != leader_id)
        .expect("a participant");
    app.login(member["email"].as_str().expect("their address"))
        .await
}

/// A change of `project` as read, with the showcase on or off.
fn as_input(project: &Value, showcase: bool) -> Value {
    json!({
        "name": project["name"],
        "aim": project["aim"],
        "vision": project["vision"],
        "focus_areas": project["focus_areas"],
        "global_goals": project["global_goals"],
        "stages": project["stages"],
        "schools": project["schools"].as_array().expect("schools").iter().map(|s| s["id"].clone()).collect::<Vec<_>>(),
        "group": project["group"]["id"],
        "partners": project["partners"],
        "showcase_enabled": showcase,
        "showcase_summary": project["showcase"]["summary"],
        "version": project["version"],
    })
}

fn texts(showcase: &Value) -> Vec<String> {
    showcase["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["text"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn the_showcase_shows_only_what_the_process_leader_cleared() {
    for app in engines().await {
        let leader = app.login("forskare@demo.test").await;
        let page = demo_project(&app, &leader).await;
        let id = page["project"]["id"].as_i64().expect("id");
        assert_eq!(page["project"]["may_edit"], true, "[{}]", app.engine);
        assert_eq!(page["log"].as_array().map(Vec::len), Some(6));
        assert_eq!(
            page["project"]["partners"].as_array().map(Vec::len),
            Some(2)
        );
        assert_eq!(page["project"]["schools"].as_array().map(Vec::len), Some(4));
        // The project group meets through the meetings: its process leader adds one.
        assert_eq!(page["meetings"].as_array().map(Vec::len), Some(0));
        let group = page["project"]["group"]["id"].as_i64().expect("group");
        ok(
            &app,
            Call::post("/api/v1/meetings").token(&leader).json(&json!({
                "group_id": group, "starts_on": "2027-02-10", "start_time": "15:00", "end_time": "16:30",
                "place": "Hamnbolagets konferensrum", "template_id": null,
            })),
        )
        .await;
        let again = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&leader),
        )
        .await;
        assert_eq!(
            again["meetings"].as_array().map(Vec::len),
            Some(1),
            "[{}] {}",
            app.engine,
            again["meetings"]
        );
        assert_eq!(again["meetings"][0]["starts_on"], "2027-02-10");

        // Signed out: the summary and the four cleared entries, no contacts, no authors.
        let public = app.send(Call::get(SHOWCASE)).await;
        assert_eq!(
            public.status,
            StatusCode::OK,
            "[{}] {}",
            app.engine,
            public.body
        );
        assert_eq!(public.body["municipality"], "Demo kommun");
        let shown = texts(&public.body);
        assert_eq!(shown.len(), 4, "[{}] {shown:?}", app.engine);
        assert!(
            shown[0].starts_with("Fältdag vid kusten"),
            "newest first: {shown:?}"
        );
        let raw = public.body.to_string();
        assert!(
            !raw.contains("Reflektion i projektgruppen"),
            "an entry not cleared"
        );
        assert!(!raw.contains("Sara Lind"), "a partner's contact person");
        let leader_name = page["project"]["leader"]["name"].as_str().expect("name");
        assert!(!raw.contains(leader_name), "an author's name");
        assert_eq!(
            app.send(Call::get("/api/v1/showcase/hallbar-framtid"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Another municipality sees nothing of it.
        let other = app.login("admin@ovning.test").await;
        let theirs = ok(&app, Call::get("/api/v1/projects").token(&other)).await;
        assert!(!theirs.to_string().contains("Hållbar framtid"));
        for call in [
            Call::get(&format!("/api/v1/projects/{id}")),
            Call::get(&format!("/api/v1/projects/{id}/log")),
            Call::post(&format!("/api/v1/projects/{id}/log")).json(&json!({"text": "x"})),
        ] {
            assert_eq!(
                app.send(call.token(&other)).await.status,
                StatusCode::NOT_FOUND,
                "[{}]",
                app.engine
            );
        }

        // A participant writes but cannot clear, nor change the project.
        let member = participant(&app, &leader, &page).await;
        let as_member = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&member),
        )
        .await;
        assert_eq!(as_member["project"]["may_edit"], false);
        assert_eq!(as_member["project"]["may_write_log"], true);
        assert_eq!(as_member["log"].as_array().map(Vec::len), Some(6));
        let entry = ok(
            &app,
            Call::post(&format!("/api/v1/projects/{id}/log")).token(&member).json(&json!({
                "date": "2026-11-26",
                "text": "Eleverna i 5A ställde ut sina affischer om plast i havet på biblioteket.",
                "focus_areas": ["Samverkan med företag och organisationer"],
                "global_goals": [14],
            })),
        )
        .await;
        assert_eq!(entry["cleared"], false);
        let entry_id = entry["id"].as_i64().expect("entry");
        let clearance = format!("/api/v1/projects/{id}/log/{entry_id}/clearance");
        let refused = app
            .send(
                Call::put(&clearance)
                    .token(&member)
                    .json(&json!({"cleared": true, "version": 1})),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "[{}]", app.engine);
        let change = as_input(&page["project"], true);
        let refused = app
            .send(
                Call::put(&format!("/api/v1/projects/{id}"))
                    .token(&member)
                    .json(&change),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(texts(&ok(&app, Call::get(SHOWCASE)).await).len(), 4);

        // A teacher outside the project reads its description, not its log.
        let outsider = app.login("larare@demo.test").await;
        let as_outsider = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&outsider),
        )
        .await;
        assert_eq!(as_outsider["log"], json!([]));
        assert_eq!(as_outsider["project"]["may_write_log"], false);
        for call in [
            Call::get(&format!("/api/v1/projects/{id}/log")),
            Call::post(&format!("/api/v1/projects/{id}/log")).json(&json!({"text": "x"})),
            Call::post("/api/v1/projects").json(&json!({"name": "Mitt projekt"})),
        ] {
            assert_eq!(
                app.send(call.token(&outsider)).await.status,
                StatusCode::FORBIDDEN,
                "[{}]",
                app.engine
            );
        }

        // The process leader clears it: it is shown; a stale clearance is refused.
        let cleared = ok(
            &app,
            Call::put(&clearance)
                .token(&leader)
                .json(&json!({"cleared": true, "version": 1})),
        )
        .await;
        assert_eq!(cleared["cleared"], true);
        let stale = app
            .send(
                Call::put(&clearance)
                    .token(&leader)
                    .json(&json!({"cleared": false, "version": 1})),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(
            texts(&ok(&app, Call::get(SHOWCASE)).await)
                .iter()
                .any(|t| t.contains("affischer"))
        );

        // Its author changes the text: it must be cleared again before it is shown.
        let edited = ok(
            &app,
            Call::put(&format!("/api/v1/projects/{id}/log/{entry_id}"))
                .token(&member)
                .json(&json!({
                    "date": "2026-11-26",
                    "text": "Eleverna i 5A, bland andra Elsa och Omar, ställde ut sina affischer.",
                    "version": cleared["version"],
                })),
        )
        .await;
        assert_eq!(edited["cleared"], false, "[{}]", app.engine);
        assert!(
            !ok(&app, Call::get(SHOWCASE))
                .await
                .to_string()
                .contains("Omar")
        );

        // Switched off, the page is gone.
        let mut off = as_input(&page["project"], false);
        let changed = ok(
            &app,
            Call::put(&format!("/api/v1/projects/{id}"))
                .token(&leader)
                .json(&off),
        )
        .await;
        assert_eq!(changed["showcase"]["enabled"], false);
        assert_eq!(changed["schools"].as_array().map(Vec::len), Some(4));
        assert_eq!(
            app.send(Call::get(SHOWCASE)).await.status,
            StatusCode::NOT_FOUND
        );
        // The same version again is a conflict, and nothing changed.
        off["showcase_enabled"] = json!(true);
        let stale = app
            .send(
                Call::put(&format!("/api/v1/projects/{id}"))
                    .token(&leader)
                    .json(&off),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(
            app.send(Call::get(SHOWCASE)).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_project_is_started_with_its_partners_and_bad_input_names_the_field() {
    for app in engines().await {
        let leader = app.login("forskare@demo.test").await;
        let admin = app.login("admin@demo.test").await;
        let school = app.school_id(&admin, "Ekbackeskolan").await;
        let refusals = [
            (json!({"name": " "}), "name"),
            (
                json!({"name": "P", "global_goals": [4, 18]}),
                "global_goals",
            ),
            (
                json!({"name": "P", "schools": [school, 999_999]}),
                "schools",
            ),
            (json!({"name": "P", "partners": [{"name": ""}]}), "partners"),
        ];
        for (body, field) in refusals {
            let reply = app
                .send(Call::post("/api/v1/projects").token(&leader).json(&body))
                .await;
            refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, field);
        }
        // A group must be a project group.
        let groups = ok(&app, Call::get("/api/v1/groups").token(&admin)).await;
        let learning = groups["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["kind"] == "largrupp")
            .expect("a learning group")["id"]
            .clone();
        let reply = app
            .send(
                Call::post("/api/v1/projects")
                    .token(&leader)
                    .json(&json!({"name": "P", "group": learning})),
            )
            .await;
        assert_eq!(
            reply.field(),
            Some("group"),
            "[{}] {}",
            app.engine,
            reply.body
        );
        assert!(reply.message().contains("projektgrupp"));

        let created = app
            .send(Call::post("/api/v1/projects").token(&leader).json(&json!({
                "name": "Läsande stad",
                "aim": "Fler elever läser på fritiden.",
                "global_goals": [4],
                "stages": ["forskola", "ak1_3"],
                "schools": [school],
                "partners": [{"name": "Stadsbiblioteket", "contact": "Eva Ström", "contributes": "Författarbesök"}],
            })))
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "[{}] {}",
            app.engine,
            created.body
        );
        let project = &created.body["project"];
        assert_eq!(
            project["focus_areas"].as_array().map(Vec::len),
            Some(4),
            "the four usual ones"
        );
        assert_eq!(project["partners"][0]["contributes"], "Författarbesök");
        assert_eq!(project["showcase"]["enabled"], false);
        assert!(
            project["showcase"]["key"]
                .as_str()
                .expect("key")
                .starts_with("lasande-stad-")
        );
        let id = project["id"].as_i64().expect("id");
        // Not shown until switched on, even at its own address.
        let key = project["showcase"]["key"].as_str().expect("key");
        assert_eq!(
            app.send(Call::get(&format!("/api/v1/showcase/{key}")))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The log's field errors, and its search.
        let log = format!("/api/v1/projects/{id}/log");
        for (body, field) in [
            (
                json!({"text": "x", "focus_areas": ["Rymden"]}),
                "focus_areas",
            ),
            (json!({"text": "x", "date": "2026-02-30"}), "date"),
            (json!({"text": "  "}), "text"),
        ] {
            let reply = app.send(Call::post(&log).token(&leader).json(&body)).await;
            refused(&app, &reply, StatusCode::UNPROCESSABLE_ENTITY, field);
        }
        assert_eq!(
            ok(&app, Call::get(&log).token(&leader)).await,
            json!([]),
            "nothing half-written"
        );
        ok(
            &app,
            Call::post(&log)
                .token(&leader)
                .json(&json!({"text": "Författaren läste för åk 2.", "date": "2026-10-01"})),
        )
        .await;
        ok(
            &app,
            Call::post(&log)
                .token(&leader)
                .json(&json!({"text": "Bokcirkel med föräldrar.", "date": "2026-10-02"})),
        )
        .await;
        let found = ok(
            &app,
            Call::get(&format!("{log}?q=f%C3%B6rfattare")).token(&leader),
        )
        .await;
        assert_eq!(
            found.as_array().map(Vec::len),
            Some(1),
            "[{}] {found}",
            app.engine
        );
        let all = ok(&app, Call::get(&log).token(&leader)).await;
        assert_eq!(all[0]["date"], "2026-10-02", "newest first");

        // The demo project's log searched by a word's other form.
        let demo = demo_project(&app, &leader).await;
        let demo_id = demo["project"]["id"].as_i64().expect("id");
        let found = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{demo_id}/log?q=hamn")).token(&leader),
        )
        .await;
        let found = found.as_array().expect("entries");
        assert_eq!(found.len(), 2, "[{}] {found:?}", app.engine);
        assert!(
            found
                .iter()
                .all(|e| e["text"].as_str().unwrap_or("").contains("hamn"))
        );
    }
}

#[tokio::test]
async fn the_report_is_an_accessible_pdf_with_the_log_only_for_those_who_read_it() {
    for app in engines().await {
        let leader = app.login("forskare@demo.test").await;
        let page = demo_project(&app, &leader).await;
        let id = page["project"]["id"].as_i64().expect("id");
        let path = format!("/api/v1/projects/{id}/report.pdf");
        let reply = app.send(Call::get(&path).token(&leader)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "[{}] {}",
            app.engine,
            reply.body
        );
        assert_eq!(reply.headers["content-type"], "application/pdf");
        let read = read_pdf(&reply.bytes);
        let text = read["text"].as_str().expect("text");
        assert!(text.contains("Processlogg"), "[{}] {text}", app.engine);
        assert!(
            text.contains("Reflektion i projektgruppen"),
            "the whole log: {text}"
        );
        assert!(
            text.contains("Hamnbolaget i Demo AB"),
            "the partners: {text}"
        );
        assert_eq!(read["title"], "Hållbar framtid");
        assert_eq!(read["lang"], "sv");
        assert_eq!(read["marked"], true, "tagged for screen readers");

        // Someone outside the project reads the description, not the log.
        let teacher = app.login("larare@demo.test").await;
        let outside = app.send(Call::get(&path).token(&teacher)).await;
        assert_eq!(outside.status, StatusCode::OK);
        let text = read_pdf(&outside.bytes)["text"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        assert!(text.contains("Syfte"), "{text}");
        assert!(
            !text.contains("Processlogg") && !text.contains("Reflektion"),
            "{text}"
        );

        // In English when asked for; nothing for another municipality or without a token.
        let en = app
            .send(
                Call::get(&path)
                    .token(&leader)
                    .header("accept-language", "en"),
            )
            .await;
        assert!(
            read_pdf(&en.bytes)["text"]
                .as_str()
                .unwrap_or("")
                .contains("Process log")
        );
        let other = app.login("admin@ovning.test").await;
        refused(
            &app,
            &app.send(Call::get(&path).token(&other)).await,
            StatusCode::NOT_FOUND,
            "",
        );
        refused(
            &app,
            &app.send(Call::get(&path)).await,
            StatusCode::UNAUTHORIZED,
            "",
        );
    }
}
