//! Projects: the demo's "Hållbar framtid" read by its process leader, a participant, a
//! teacher outside it and another municipality's administrator; the public showcase,
//! which shows only what the process leader cleared and goes when switched off; field
//! errors and versions.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Call, TestApp, engines, ok, read_pdf, refused, refuses};

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

/// A small PNG as far as the content check reads it.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(2048, 0);
    bytes
}

#[tokio::test]
async fn a_log_entry_carries_photos_and_library_links_and_only_marked_photos_go_public() {
    for app in engines().await {
        let leader = app.login("forskare@demo.test").await;
        let page = demo_project(&app, &leader).await;
        let id = page["project"]["id"].as_i64().expect("id");
        let member = participant(&app, &leader, &page).await;
        let items = ok(&app, Call::get("/api/v1/library/items?q=").token(&member)).await;
        let item = items["items"][0]["id"].as_i64().expect("a published item");

        // A participant writes an entry linking a library item, and adds a photo.
        let entry = ok(
            &app,
            Call::post(&format!("/api/v1/projects/{id}/log"))
                .token(&member)
                .json(&json!({
                    "date": "2026-11-27",
                    "text": "Klass 8B byggde modeller av hamnens nya kaj.",
                    "items": [item],
                })),
        )
        .await;
        assert_eq!(entry["items"][0]["id"], item, "[{}] {entry}", app.engine);
        let entry_id = entry["id"].as_i64().expect("entry");
        let files = format!("/api/v1/projects/{id}/log/{entry_id}/files");
        let upload = |token: &str, name: &str, body: Vec<u8>| {
            Call::post(&format!("{files}?name={name}"))
                .token(token)
                .raw("application/octet-stream", body)
        };
        let photo = app.send(upload(&member, "kajen.png", png())).await;
        assert_eq!(
            photo.status,
            StatusCode::CREATED,
            "[{}] {}",
            app.engine,
            photo.body
        );
        assert_eq!(photo.body["file_type"], "png");
        assert_eq!(photo.body["cleared"], false);
        let file_id = photo.body["id"].as_i64().expect("file");
        let reader_url = photo.body["url"].as_str().expect("url").to_owned();
        let read = app.send(Call::get(&reader_url)).await;
        assert_eq!(read.status, StatusCode::OK, "[{}]", app.engine);
        assert_eq!(read.bytes, png());
        assert_eq!(read.headers["content-type"], "image/png");
        // Told by content; not another municipality's, not an outsider's to add to.
        refuses(
            &app,
            upload(&member, "kajen.png", b"<svg/>".to_vec()),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file",
        )
        .await;
        let other = app.login("admin@ovning.test").await;
        refuses(
            &app,
            upload(&other, "a.png", png()),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        let outsider = app.login("larare@demo.test").await;
        refuses(
            &app,
            upload(&outsider, "a.png", png()),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        // A reader's link to a log file opens no library file of the same id.
        let key = reader_url.split("key=").nth(1).expect("key");
        refuses(
            &app,
            Call::get(&format!("/api/v1/library/files/{file_id}?key={key}")),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        // An item that is not a published one of the municipality is refused by field.
        refuses(
            &app,
            Call::post(&format!("/api/v1/projects/{id}/log"))
                .token(&member)
                .json(&json!({
                    "text": "x", "items": [item + 100_000],
                })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "items",
        )
        .await;

        // The entry and its photo are read with the log, and found by the item's title.
        let log = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&leader),
        )
        .await;
        let read_entry = log["log"]
            .as_array()
            .expect("log")
            .iter()
            .find(|e| e["id"] == entry_id)
            .expect("the entry")
            .clone();
        assert_eq!(read_entry["files"][0]["name"], "kajen.png");
        let version = read_entry["version"].as_i64().expect("version");
        assert_eq!(version, 2, "the upload raised the entry's version");
        let title = read_entry["items"][0]["title"].as_str().expect("title");
        let word = title
            .split_whitespace()
            .max_by_key(|w| w.len())
            .expect("word");
        let found = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}/log?q={}", urlencode(word))).token(&leader),
        )
        .await;
        assert!(
            found
                .as_array()
                .expect("found")
                .iter()
                .any(|e| e["id"] == entry_id),
            "[{}] {word}",
            app.engine
        );

        // The participant cannot mark the photo; the process leader clears the entry,
        // and the photo is still not public until marked.
        let mark = format!("{files}/{file_id}/clearance");
        refuses(
            &app,
            Call::put(&mark)
                .token(&member)
                .json(&json!({"cleared": true, "version": version})),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let cleared = ok(
            &app,
            Call::put(&format!("/api/v1/projects/{id}/log/{entry_id}/clearance"))
                .token(&leader)
                .json(&json!({"cleared": true, "version": version})),
        )
        .await;
        let public = ok(&app, Call::get(SHOWCASE)).await;
        let shown = public["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["text"].as_str().is_some_and(|t| t.contains("kaj")))
            .expect("the cleared entry")
            .clone();
        assert_eq!(shown["files"], json!([]), "[{}] not marked yet", app.engine);
        assert!(!public.to_string().contains(&reader_url));
        // A stale mark is a conflict; a current one puts the photo on the page.
        refuses(
            &app,
            Call::put(&mark)
                .token(&leader)
                .json(&json!({"cleared": true, "version": version})),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        let marked = ok(
            &app,
            Call::put(&mark)
                .token(&leader)
                .json(&json!({"cleared": true, "version": cleared["version"]})),
        )
        .await;
        assert_eq!(marked["files"][0]["cleared"], true);
        let public = ok(&app, Call::get(SHOWCASE)).await;
        let public_url = public["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find_map(|e| e["files"][0]["url"].as_str())
            .expect("the marked photo")
            .to_owned();
        assert_ne!(public_url, reader_url);
        let read = app.send(Call::get(&public_url)).await;
        assert_eq!(read.status, StatusCode::OK, "[{}] signed out", app.engine);
        assert_eq!(read.bytes, png());

        // Taken back, the public link stops working at once; the reader's still works.
        ok(
            &app,
            Call::put(&mark)
                .token(&leader)
                .json(&json!({"cleared": false, "version": marked["version"]})),
        )
        .await;
        assert_eq!(
            app.send(Call::get(&public_url)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.send(Call::get(&reader_url)).await.status,
            StatusCode::OK
        );

        // Removed by its author, the file is gone.
        let remove = Call::new(axum::http::Method::DELETE, &format!("{files}/{file_id}"));
        refuses(&app, remove.token(&outsider), StatusCode::FORBIDDEN, "").await;
        let remove = Call::new(axum::http::Method::DELETE, &format!("{files}/{file_id}"));
        assert_eq!(
            app.send(remove.token(&member)).await.status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            app.send(Call::get(&reader_url)).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

/// `text` for a query string.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn milestones_stand_on_the_wheel_and_are_followed_up_with_reflections() {
    for app in engines().await {
        let leader = app.login("forskare@demo.test").await;
        let page = demo_project(&app, &leader).await;
        let id = page["project"]["id"].as_i64().expect("id");
        let e = app.engine;
        // The demo's two: the autumn's followed up with a reflection, the spring's ahead.
        let demo = page["milestones"].as_array().expect("milestones").clone();
        assert_eq!(demo.len(), 2, "[{e}] {demo:?}");
        assert_eq!(demo[0]["done"], true);
        assert!(
            demo[0]["outcome"]
                .as_str()
                .is_some_and(|o| o.contains("fyra skolor"))
        );
        assert_eq!(demo[0]["reflections"].as_array().map(Vec::len), Some(1));
        assert_eq!(demo[1]["done"], false);
        // On the wheel, on a ring of their own, for the project group.
        let wheel = ok(&app, Call::get("/api/v1/wheel").token(&leader)).await;
        let ring = wheel["rings"]
            .as_array()
            .expect("rings")
            .iter()
            .find(|r| r["kind"] == "projects")
            .expect("the project ring")["id"]
            .clone();
        let on_ring: Vec<&Value> = wheel["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .filter(|a| a["ring_id"] == ring)
            .collect();
        assert_eq!(on_ring.len(), 2, "[{e}]");
        assert_eq!(on_ring[0]["id"], demo[0]["activity"]);
        assert_eq!(on_ring[0]["starts_on"], demo[0]["due_on"]);
        assert_eq!(on_ring[0]["audience"]["kind"], "groups");

        // A teacher outside the project sees the milestones, not the reflections.
        let outsider = app.login("larare@demo.test").await;
        let theirs = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&outsider),
        )
        .await;
        assert_eq!(theirs["milestones"].as_array().map(Vec::len), Some(2));
        assert_eq!(theirs["milestones"][0]["reflections"], json!([]));

        // Adding one: fields checked, a day outside every school year named; a
        // participant may not, another municipality finds no project.
        let add = format!("/api/v1/projects/{id}/milestones");
        refuses(
            &app,
            Call::post(&add)
                .token(&leader)
                .json(&json!({"title": " ", "due_on": "2027-02-10"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "title",
        )
        .await;
        refuses(
            &app,
            Call::post(&add)
                .token(&leader)
                .json(&json!({"title": "Halvtid", "due_on": "2031-02-10"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "due_on",
        )
        .await;
        let member = participant(&app, &leader, &page).await;
        refuses(
            &app,
            Call::post(&add)
                .token(&member)
                .json(&json!({"title": "Halvtid", "due_on": "2027-02-10"})),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let other = app.login("admin@ovning.test").await;
        refuses(
            &app,
            Call::post(&add)
                .token(&other)
                .json(&json!({"title": "Halvtid", "due_on": "2027-02-10"})),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        let added = ok(
            &app,
            Call::post(&add)
                .token(&leader)
                .json(&json!({"title": "Halvtid i projektet", "due_on": "2027-02-10"})),
        )
        .await;
        let milestone = added["id"].as_i64().expect("id");
        let wheel = ok(&app, Call::get("/api/v1/wheel").token(&leader)).await;
        assert!(
            wheel["activities"]
                .as_array()
                .expect("activities")
                .iter()
                .any(|a| a["id"] == added["activity"] && a["title"] == "Halvtid i projektet"),
            "[{e}]"
        );

        // Followed up: done and what came of it; a stale version is a conflict, a day
        // in another school year is refused by field, the wheel follows a new title.
        let change = format!("{add}/{milestone}");
        let followed = ok(&app, Call::put(&change).token(&leader).json(&json!({
            "title": "Halvtid: vad har vi lärt oss?", "due_on": "2027-02-11", "done": true,
            "outcome": "Skolorna visade sina elevarbeten för varandra.", "version": added["version"],
        }))).await;
        assert_eq!(followed["done"], true, "[{e}] {followed}");
        assert_eq!(followed["due_on"], "2027-02-11");
        refuses(
            &app,
            Call::put(&change).token(&leader).json(&json!({
                "title": "Halvtid", "due_on": "2027-02-11", "version": added["version"],
            })),
            StatusCode::CONFLICT,
            "",
        )
        .await;
        refuses(
            &app,
            Call::put(&change).token(&leader).json(&json!({
                "title": "Halvtid", "due_on": "2027-09-01", "version": followed["version"],
            })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "due_on",
        )
        .await;
        refuses(
            &app,
            Call::put(&change).token(&member).json(&json!({
                "title": "Halvtid", "due_on": "2027-02-11", "version": followed["version"],
            })),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        let wheel = ok(&app, Call::get("/api/v1/wheel").token(&leader)).await;
        let activity = wheel["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["id"] == added["activity"])
            .expect("the activity")
            .clone();
        assert_eq!(activity["title"], "Halvtid: vad har vi lärt oss?");
        assert_eq!(activity["starts_on"], "2027-02-11");
        let steering = app.login("styrgrupp@demo.test").await;
        let history = ok(&app, Call::get("/api/v1/wheel/history").token(&steering)).await;
        assert!(
            history
                .to_string()
                .contains("Halvtid: vad har vi lärt oss?"),
            "[{e}] the wheel's history has it"
        );

        // Reflections: a participant writes one, an outsider may not, a blank is named.
        let reflect = format!("{change}/reflections");
        refuses(
            &app,
            Call::post(&reflect)
                .token(&member)
                .json(&json!({"text": "  "})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text",
        )
        .await;
        refuses(
            &app,
            Call::post(&reflect)
                .token(&outsider)
                .json(&json!({"text": "Bra"})),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        refuses(
            &app,
            Call::post(&format!("{add}/{}/reflections", milestone + 1000))
                .token(&member)
                .json(&json!({"text": "Bra"})),
            StatusCode::NOT_FOUND,
            "",
        )
        .await;
        let written = ok(
            &app,
            Call::post(&reflect)
                .token(&member)
                .json(&json!({"text": "Att se de andra skolornas arbeten gav nya idéer."})),
        )
        .await;
        assert_eq!(
            written["text"],
            "Att se de andra skolornas arbeten gav nya idéer."
        );
        let again = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&leader),
        )
        .await;
        let mine = again["milestones"]
            .as_array()
            .expect("milestones")
            .iter()
            .find(|m| m["id"] == milestone)
            .expect("the milestone")
            .clone();
        assert_eq!(
            mine["reflections"].as_array().map(Vec::len),
            Some(1),
            "[{e}]"
        );

        // Removed from the wheel by the steering group, the milestone goes with it.
        let remove = Call::new(
            axum::http::Method::DELETE,
            &format!(
                "/api/v1/wheel/activities/{}?version={}",
                activity["id"], activity["version"]
            ),
        );
        let reply = app.send(remove.token(&steering)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "[{e}] {}", reply.body);
        let after = ok(
            &app,
            Call::get(&format!("/api/v1/projects/{id}")).token(&leader),
        )
        .await;
        assert_eq!(
            after["milestones"].as_array().map(Vec::len),
            Some(2),
            "[{e}]"
        );
    }
}
