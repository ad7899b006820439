//! Meetings follow the wheel's meeting slots: one per learning group and slot, moved
//! with the slot (same meeting), seen by the group and the steering group only.

use crate::helpers::{Call, LIMITS, engines};
use axum::http::StatusCode;
use serde_json::{Value, json};

/// The bodies of two reads by the same person.
async fn bodies(app: &crate::helpers::TestApp, token: &str, paths: [String; 2]) -> Vec<Value> {
    let mut out = Vec::new();
    for path in paths {
        out.push(app.send(Call::get(&path).token(token)).await.body);
    }
    out
}

async fn teachers_group(app: &crate::helpers::TestApp) -> (String, Vec<Value>, Value) {
    let g = app.teachers_group().await;
    (g.teacher, g.meetings, g.roster)
}

#[tokio::test]
async fn a_learning_groups_meetings_follow_the_wheels_slots() {
    for app in engines().await {
        let teacher = app.login("larare@demo.test").await;
        let steering = app.login("styrgrupp@demo.test").await;
        let reply = app
            .send(Call::get("/api/v1/meetings").token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        // The demo teacher also leads their group, so the leaders' group's meetings
        // (13:00) are theirs too.
        let (mine, leading): (Vec<Value>, Vec<Value>) = reply
            .body
            .as_array()
            .expect("meetings")
            .iter()
            .cloned()
            .partition(|m| m["start_time"] == "15:00");
        assert_eq!(leading.len(), 4, "[{}] the leaders' meetings", app.engine);
        assert_eq!(
            mine.len(),
            6,
            "[{}] six slots in the demo year: {mine:?}",
            app.engine
        );
        let group = mine[0]["group_id"].clone();
        for (i, m) in mine.iter().enumerate() {
            assert_eq!(m["group_id"], group, "one learning group a year");
            assert_eq!(m["start_time"], "15:00");
            assert_eq!(m["end_time"], "16:30");
            // The demo's groups have held the first two meetings.
            let status = if i < 2 {
                "protokoll_publicerat"
            } else {
                "planerad"
            };
            assert_eq!(m["status"], status, "[{}] meeting {i}", app.engine);
            let minutes: u64 = m["agenda"]
                .as_array()
                .expect("agenda")
                .iter()
                .map(|s| s["minutes"].as_u64().unwrap_or(0))
                .sum();
            assert_eq!(minutes, 90);
        }
        // Reading again makes nothing twice.
        let again = app
            .send(Call::get("/api/v1/meetings").token(&teacher))
            .await;
        assert_eq!(again.body.as_array().map(Vec::len), Some(10));

        // The demo's held meetings have published protocols and the teacher's plans, the
        // second starting from the first's focus.
        let held = |i: usize, what: &str| format!("/api/v1/meetings/{}/{what}", mine[i]["id"]);
        let protocol = app
            .send(Call::get(&held(0, "protocol")).token(&teacher))
            .await;
        assert_status!(app, protocol, StatusCode::OK);
        assert!(protocol.body["published_at"].is_string());
        assert!(
            protocol.body["fields"][3]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{}",
            protocol.body
        );
        let plans: Vec<Value> = bodies(&app, &teacher, [held(0, "plan"), held(1, "plan")]).await;
        assert!(plans[0]["version"].as_i64() >= Some(1));
        assert_eq!(plans[1]["fields"][0]["text"], plans[0]["fields"][2]["text"]);
        assert!(
            !plans[1]["fields"][0]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty()
        );

        // The steering group moves the first slot a week: the same meeting moves.
        let wheel = app
            .send(Call::get("/api/v1/wheel").token(&steering))
            .await
            .body;
        let slot_id = mine[0]["activity_id"].as_i64().expect("slot");
        let slot: Value = wheel["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["id"].as_i64() == Some(slot_id))
            .expect("the slot")
            .clone();
        let moved_day = {
            let d = slot["starts_on"].as_str().expect("day");
            let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")
                + chrono::Duration::days(7);
            date.format("%Y-%m-%d").to_string()
        };
        let mut change = slot.clone();
        change["starts_on"] = Value::from(moved_day.clone());
        change["ends_on"] = Value::from(moved_day.clone());
        let reply = app
            .send(
                Call::put(&format!("/api/v1/wheel/activities/{slot_id}"))
                    .token(&steering)
                    .json(&change),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let id = mine[0]["id"].as_i64().expect("id");
        let reply = app
            .send(Call::get(&format!("/api/v1/meetings/{id}")).token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        // A read of the list keeps them in step; then the meeting shows the new day.
        app.send(Call::get("/api/v1/meetings").token(&teacher))
            .await;
        let reply = app
            .send(Call::get(&format!("/api/v1/meetings/{id}")).token(&teacher))
            .await;
        assert_eq!(
            reply.body["starts_on"],
            Value::from(moved_day),
            "[{}]",
            app.engine
        );
        assert_eq!(reply.body["id"].as_i64(), Some(id));

        // Who sees what.
        let all = app
            .send(Call::get("/api/v1/meetings?all=true").token(&teacher))
            .await;
        assert_status!(app, all, StatusCode::FORBIDDEN);
        let all = app
            .send(Call::get("/api/v1/meetings?all=true").token(&steering))
            .await;
        assert_status!(app, all, StatusCode::OK);
        assert!(all.body.as_array().map_or(0, Vec::len) > 6);
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{id}")).token(&foreign))
                .await,
            StatusCode::NOT_FOUND
        );
        let outsider = app.login("ikt@demo.test").await;
        let own = app
            .send(Call::get("/api/v1/meetings").token(&outsider))
            .await
            .body;
        assert!(
            !own.as_array()
                .expect("list")
                .iter()
                .any(|m| m["id"].as_i64() == Some(id)),
            "the ICT strategist is in no learning group"
        );
        // A meeting whose protocol is published is everyone's to read; one still
        // planned is the group's.
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{id}")).token(&outsider))
                .await,
            StatusCode::OK
        );
        let planned = mine[3]["id"].as_i64().expect("a planned meeting");
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{planned}")).token(&outsider))
                .await,
            StatusCode::NOT_FOUND
        );
        assert_status!(
            app,
            app.send(Call::get("/api/v1/meetings")).await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn a_plan_is_private_autosaved_with_versions_and_carried_forward() {
    for app in engines().await {
        let (teacher, meetings, _) = teachers_group(&app).await;
        let first = meetings[0]["id"].as_i64().expect("first");
        let second = meetings[1]["id"].as_i64().expect("second");
        let group = meetings[0]["group_id"].as_i64().expect("group");
        let path = format!("/api/v1/meetings/{first}/plan");

        // A draft first: every question, empty, version 0.
        let draft = app.send(Call::get(&path).token(&teacher)).await;
        assert_status!(app, draft, StatusCode::OK);
        assert_eq!(draft.body["version"], 0);
        assert_eq!(draft.body["fields"].as_array().map(Vec::len), Some(8));
        let plan = |focus: &str, shared: bool, version: i64| {
            json!({
                "fields": [{"key": "tried", "text": "Läsloggar"}, {"key": "focus", "text": focus}],
                "shared": shared, "version": version
            })
        };
        let reply = app
            .send(Call::put(&path).token(&teacher).json(&plan(
                "Exit tickets varje fredag",
                false,
                0,
            )))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["version"], 1);
        // A second first save, or a save from an old version, is refused.
        let reply = app
            .send(
                Call::put(&path)
                    .token(&teacher)
                    .json(&plan("annat", false, 0)),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        let reply = app
            .send(Call::put(&path).token(&teacher).json(&plan(
                "Exit tickets varje fredag",
                false,
                1,
            )))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["version"], 2);
        let reply = app
            .send(
                Call::put(&path)
                    .token(&teacher)
                    .json(&plan("gammalt", false, 1)),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        let stored = app.send(Call::get(&path).token(&teacher)).await.body;
        assert_eq!(
            stored["fields"][1]["text"], "Exit tickets varje fredag",
            "nothing written over"
        );
        // Unknown questions are refused by field.
        let bad = json!({"fields": [{"key": "lösenord", "text": "x"}], "version": 2});
        let reply = app.send(Call::put(&path).token(&teacher).json(&bad)).await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("fields"));

        // The next meeting's plan starts from this one's focus.
        let next = app
            .send(Call::get(&format!("/api/v1/meetings/{second}/plan")).token(&teacher))
            .await
            .body;
        assert_eq!(next["fields"][0]["key"], "tried");
        assert_eq!(next["fields"][0]["text"], "Exit tickets varje fredag");

        // The red thread: the teacher's plans of the year in time order, with meetings.
        let thread = app
            .send(Call::get("/api/v1/plans/mine").token(&teacher))
            .await;
        assert_status!(app, thread, StatusCode::OK);
        let entries = thread.body.as_array().expect("entries").clone();
        assert_eq!(
            entries.len(),
            3,
            "[{}] two demo meetings and this one",
            app.engine
        );
        let days: Vec<&str> = entries
            .iter()
            .map(|e| e["meeting"]["starts_on"].as_str().unwrap_or(""))
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
        assert_eq!(entries[2]["meeting"]["id"].as_i64(), Some(first));
        assert_eq!(
            entries[2]["plan"]["fields"][1]["text"],
            "Exit tickets varje fredag"
        );

        // Another member sees that a plan is written, not its text, until it is shared.
        let roster = app
            .send(Call::get(&format!("/api/v1/groups/{group}")).token(&teacher))
            .await
            .body;
        let colleague = roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["email"].as_str().unwrap_or("").to_owned())
            .find(|e| e != "larare@demo.test")
            .expect("a colleague");
        let colleague = app.login(&colleague).await;
        let overview_path = format!("/api/v1/meetings/{first}/plans");
        let seen = app.send(Call::get(&overview_path).token(&colleague)).await;
        assert_status!(app, seen, StatusCode::OK);
        let mine = seen.body["people"]
            .as_array()
            .expect("people")
            .iter()
            .find(|p| p["written"] == true)
            .expect("the teacher's plan")
            .clone();
        assert!(mine["shared_fields"].is_null(), "private: {mine}");
        let theirs = app
            .send(Call::get("/api/v1/plans/mine").token(&colleague))
            .await
            .body;
        assert!(
            !theirs.to_string().contains("Exit tickets varje fredag"),
            "a colleague's red thread is their own: {theirs}"
        );
        let reply = app
            .send(Call::put(&path).token(&teacher).json(&plan(
                "Exit tickets varje fredag",
                true,
                2,
            )))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let seen = app
            .send(Call::get(&overview_path).token(&colleague))
            .await
            .body;
        let shared = seen["people"]
            .as_array()
            .expect("people")
            .iter()
            .find(|p| p["written"] == true)
            .expect("plan")
            .clone();
        assert_eq!(
            shared["shared_fields"][1]["text"],
            "Exit tickets varje fredag"
        );

        // The steering group sees counts only, and writes no plan in a group it is not in.
        let steering = app.login("styrgrupp@demo.test").await;
        let counts = app
            .send(Call::get(&overview_path).token(&steering))
            .await
            .body;
        assert_eq!(counts["written"], 1);
        assert_eq!(counts["people"], json!([]));
        let reply = app
            .send(Call::put(&path).token(&steering).json(&plan("x", false, 0)))
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::get(&path).token(&foreign)).await,
            StatusCode::NOT_FOUND
        );
        assert_status!(
            app,
            app.send(Call::get(&overview_path).token(&foreign)).await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_documenter_writes_the_protocol_publishes_it_and_corrections_are_amendments() {
    for app in engines().await {
        let (teacher, meetings, roster) = teachers_group(&app).await;
        let id = meetings[0]["id"].as_i64().expect("meeting");
        let other = meetings[1]["id"].as_i64().expect("another meeting");
        let members = roster["members"].as_array().expect("members").clone();
        let next = roster["next_documenter"].as_i64();
        let email_of = |m: &Value| m["email"].as_str().expect("email").to_owned();
        let writer = members
            .iter()
            .find(|m| m["leader"] == true)
            .map(email_of)
            .expect("a leader");
        let reader = members
            .iter()
            .find(|m| m["leader"] == false && m["id"].as_i64() != next)
            .map(email_of)
            .expect("a member who does not write");
        let writer = app.login(&writer).await;
        let reader = app.login(&reader).await;
        let path = format!("/api/v1/meetings/{id}/protocol");

        // Before the first save: the fields of the model, the question and date filled in.
        let draft = app.send(Call::get(&path).token(&reader)).await;
        assert_status!(app, draft, StatusCode::OK);
        assert_eq!(draft.body["version"], 0);
        assert_eq!(draft.body["writer"], false);
        assert_eq!(draft.body["fields"].as_array().map(Vec::len), Some(9));
        assert_eq!(draft.body["fields"][1]["text"], meetings[0]["starts_on"]);
        let body = |purpose: &str, version: i64| {
            json!({
                "fields": [{"key": "purpose", "text": purpose}, {"key": "participants", "text": "Alla utom en"}],
                "version": version
            })
        };
        assert_status!(
            app,
            app.send(Call::put(&path).token(&reader).json(&body("x", 0)))
                .await,
            StatusCode::FORBIDDEN
        );
        let saved = app
            .send(
                Call::put(&path)
                    .token(&writer)
                    .json(&body("Att dela erfarenheter", 0)),
            )
            .await;
        assert_status!(app, saved, StatusCode::OK);
        assert_eq!(saved.body["version"], 1);
        assert_eq!(saved.body["writer"], true);
        // Who saved last, so a writer told of a conflict knows with whom.
        assert!(draft.body["updated_by"].is_null(), "[{}]", app.engine);
        let me = app.send(Call::get("/api/v1/me").token(&writer)).await.body;
        assert_eq!(saved.body["updated_by"]["id"], me["id"], "[{}]", app.engine);
        assert_eq!(
            saved.body["updated_by"]["name"], me["name"],
            "[{}]",
            app.engine
        );
        assert_status!(
            app,
            app.send(Call::put(&path).token(&writer).json(&body("annat", 0)))
                .await,
            StatusCode::CONFLICT
        );
        assert_status!(
            app,
            app.send(
                Call::put(&path)
                    .token(&writer)
                    .json(&body("Att dela erfarenheter och lärdomar", 1))
            )
            .await,
            StatusCode::OK
        );

        // Not yet published: only the group and those who follow up read it.
        let outsider = app.login("ikt@demo.test").await;
        assert_status!(
            app,
            app.send(Call::get(&path).token(&outsider)).await,
            StatusCode::NOT_FOUND
        );
        let publish = format!("{path}/publish");
        assert_status!(
            app,
            app.send(
                Call::post(&publish)
                    .token(&reader)
                    .json(&json!({"version": 2}))
            )
            .await,
            StatusCode::FORBIDDEN
        );
        assert_status!(
            app,
            app.send(
                Call::post(&publish)
                    .token(&writer)
                    .json(&json!({"version": 1}))
            )
            .await,
            StatusCode::CONFLICT
        );
        let published = app
            .send(
                Call::post(&publish)
                    .token(&writer)
                    .json(&json!({"version": 2})),
            )
            .await;
        assert_status!(app, published, StatusCode::OK);
        assert!(published.body["published_at"].is_string());
        assert_eq!(published.body["writer"], false, "read-only once published");

        // Read-only, readable by everyone in the municipality, queued for the members.
        let reply = app
            .send(Call::put(&path).token(&writer).json(&body("ändrat", 3)))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            reply.message().contains("publicerat"),
            "{}",
            reply.message()
        );
        let read = app.send(Call::get(&path).token(&outsider)).await;
        assert_status!(app, read, StatusCode::OK);
        assert_eq!(
            read.body["fields"][0]["text"],
            "Att dela erfarenheter och lärdomar"
        );
        let meeting = app
            .send(Call::get(&format!("/api/v1/meetings/{id}")).token(&teacher))
            .await
            .body;
        assert_eq!(meeting["status"], "protokoll_publicerat");
        // The documenter stays with the meeting, and the rotation moves on past them.
        assert_eq!(meeting["documenter_id"].as_i64(), next);
        let group = meeting["group_id"].as_i64().expect("group");
        let after = app
            .send(Call::get(&format!("/api/v1/groups/{group}")).token(&teacher))
            .await
            .body;
        assert_ne!(
            after["next_documenter"].as_i64(),
            next,
            "[{}] rotation",
            app.engine
        );
        let demo = app
            .store
            .municipality_id_by_slug("demo")
            .await
            .expect("db")
            .expect("demo");
        let outbox = app
            .store
            .outbox(kollegium_shared::ids::MunicipalityId(demo))
            .await
            .expect("outbox");
        // The demo's own protocols were sent before; this one waits to be sent.
        let waiting: Vec<_> = outbox.iter().filter(|o| !o.3).collect();
        assert_eq!(waiting.len(), 1, "[{}] one message", app.engine);
        assert!(
            waiting[0].0.contains("larare@demo.test"),
            "{:?}",
            waiting[0]
        );
        assert_eq!(waiting[0].0.split(',').count(), members.len());

        // Corrections are amendments, with who and when; not before publishing.
        let amend = format!("{path}/amendments");
        let correction = json!({"field": "participants", "text": "Alla deltog."});
        assert_status!(
            app,
            app.send(Call::post(&amend).token(&reader).json(&correction))
                .await,
            StatusCode::FORBIDDEN
        );
        let amended = app
            .send(Call::post(&amend).token(&writer).json(&correction))
            .await;
        assert_status!(app, amended, StatusCode::OK);
        assert_eq!(amended.body["amendments"][0]["text"], "Alla deltog.");
        assert!(
            amended.body["amendments"][0]["by"]
                .as_str()
                .is_some_and(|n| !n.is_empty())
        );
        let early = app
            .send(
                Call::post(&format!("/api/v1/meetings/{other}/protocol/amendments"))
                    .token(&writer)
                    .json(&correction),
            )
            .await;
        assert_status!(app, early, StatusCode::UNPROCESSABLE_ENTITY);
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::get(&path).token(&foreign)).await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_leader_sets_the_place_the_agenda_and_the_documenter_of_a_meeting() {
    for app in engines().await {
        let (_, meetings, roster) = teachers_group(&app).await;
        let id = meetings[0]["id"].as_i64().expect("meeting");
        let members = roster["members"].as_array().expect("members").clone();
        let leader = members
            .iter()
            .find(|m| m["leader"] == true)
            .expect("leader");
        let other = members
            .iter()
            .find(|m| m["leader"] == false)
            .expect("member");
        let leader_token = app.login(leader["email"].as_str().expect("email")).await;
        let member_token = app.login(other["email"].as_str().expect("email")).await;
        let path = format!("/api/v1/meetings/{id}");
        let patch = json!({
            "place": "Biblioteket, Kyrkbacksskolan", "video_link": "https://meet.example/lärgrupp",
            "agenda": [{"title": "Introduktion", "minutes": 10}, {"title": "Ny forskning", "minutes": 50}],
            "documenter_id": other["id"], "version": 1
        });
        assert_status!(
            app,
            app.send(Call::patch(&path).token(&member_token).json(&patch))
                .await,
            StatusCode::FORBIDDEN
        );
        let changed = app
            .send(Call::patch(&path).token(&leader_token).json(&patch))
            .await;
        assert_status!(app, changed, StatusCode::OK);
        assert_eq!(changed.body["place"], "Biblioteket, Kyrkbacksskolan");
        assert_eq!(changed.body["agenda"].as_array().map(Vec::len), Some(2));
        assert_eq!(changed.body["documenter_id"], other["id"]);
        assert_eq!(changed.body["version"], 2);
        // A stale change is refused; bad fields are named; only members document.
        assert_status!(
            app,
            app.send(Call::patch(&path).token(&leader_token).json(&patch))
                .await,
            StatusCode::CONFLICT
        );
        let bad = app
            .send(
                Call::patch(&path)
                    .token(&leader_token)
                    .json(&json!({"agenda": [], "version": 2})),
            )
            .await;
        assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.field(), Some("agenda"));
        let outsider = app
            .send(
                Call::patch(&path)
                    .token(&leader_token)
                    .json(&json!({"documenter_id": 1, "version": 2})),
            )
            .await;
        assert_status!(app, outsider, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(outsider.field(), Some("documenter_id"));
        // The documenter of the day now writes the protocol.
        let protocol = app
            .send(Call::get(&format!("{path}/protocol")).token(&member_token))
            .await;
        assert_eq!(protocol.body["writer"], true);
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::patch(&path).token(&foreign).json(&patch))
                .await,
            StatusCode::NOT_FOUND
        );
    }
}

/// The next `live` event of a server-sent event stream, within five seconds.
async fn next_live_event(body: &mut axum::body::Body) -> Value {
    use http_body_util::BodyExt;
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .expect("an event within five seconds")
            .expect("the stream goes on")
            .expect("a frame");
        if let Some(data) = frame.data_ref() {
            text.push_str(&String::from_utf8_lossy(data));
        }
        while let Some(end) = text.find("\n\n") {
            let event: String = text.drain(..end + 2).collect();
            if event.lines().any(|l| l == "event: live") {
                let data: String = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect();
                return serde_json::from_str(&data).expect("the event's JSON");
            }
        }
    }
}

#[tokio::test]
async fn a_live_stream_closes_when_its_person_is_deactivated() {
    use http_body_util::BodyExt;
    for app in engines().await {
        let (_, meetings, roster) = teachers_group(&app).await;
        let id = meetings[0]["id"].as_i64().expect("meeting");
        let member = roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .find(|m| m["leader"] == false)
            .expect("member")
            .clone();
        let token = app.login(member["email"].as_str().expect("email")).await;
        let ticket = app
            .send(Call::post(&format!("/api/v1/meetings/{id}/live/ticket")).token(&token))
            .await;
        let ticket = ticket.body["ticket"].as_str().expect("ticket").to_owned();
        let stream = app
            .open(Call::get(&format!(
                "/api/v1/meetings/{id}/events?ticket={ticket}"
            )))
            .await;
        assert_eq!(stream.status(), StatusCode::OK);
        let mut events = stream.into_body();
        next_live_event(&mut events).await;

        let admin = app.login("admin@demo.test").await;
        let person = format!("/api/v1/staff/{}", member["id"]);
        let version = app.send(Call::get(&person).token(&admin)).await.body["version"].clone();
        let off = app
            .send(
                Call::patch(&person)
                    .token(&admin)
                    .json(&json!({"active": false, "version": version})),
            )
            .await;
        assert_status!(app, off, StatusCode::OK);
        // The stream ends at once on PostgreSQL (every server is told), on SQLite within
        // its next look (every three seconds), keep-alives aside.
        let ended = tokio::time::timeout(std::time::Duration::from_secs(8), async {
            loop {
                match events.frame().await {
                    None => return true,
                    Some(Ok(frame)) => {
                        let text = frame
                            .data_ref()
                            .map(|d| String::from_utf8_lossy(d).into_owned());
                        assert!(
                            !text.unwrap_or_default().contains("event: live"),
                            "[{}] no more events after deactivation",
                            app.engine
                        );
                    }
                    Some(Err(_)) => return true,
                }
            }
        })
        .await;
        assert_eq!(ended, Ok(true), "[{}] the stream closed", app.engine);
        // The ticket no longer opens one either.
        let again = app
            .send(Call::get(&format!(
                "/api/v1/meetings/{id}/events?ticket={ticket}"
            )))
            .await;
        assert_status!(app, again, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn a_meeting_run_through_one_server_is_followed_through_another_at_once() {
    for first in engines().await {
        if first.engine != "PostgreSQL" {
            // One SQLite database has one server.
            continue;
        }
        let second = first.second_server(LIMITS);
        let (_, meetings, roster) = teachers_group(&first).await;
        let id = meetings[0]["id"].as_i64().expect("meeting");
        let members = roster["members"].as_array().expect("members").clone();
        let email = |leader: bool| {
            members
                .iter()
                .find(|m| m["leader"] == leader)
                .and_then(|m| m["email"].as_str())
                .expect("a member")
                .to_owned()
        };
        let leader = first.login(&email(true)).await;
        let member = second.login(&email(false)).await;
        let live = format!("/api/v1/meetings/{id}/live");
        // The member follows through the second server.
        let ticket = second
            .send(Call::post(&format!("{live}/ticket")).token(&member))
            .await;
        let ticket = ticket.body["ticket"].as_str().expect("ticket").to_owned();
        let stream = second
            .open(Call::get(&format!(
                "/api/v1/meetings/{id}/events?ticket={ticket}"
            )))
            .await;
        assert_eq!(stream.status(), StatusCode::OK);
        let mut events = stream.into_body();
        let now = next_live_event(&mut events).await;
        // Let the relay's connection listen before the change is told.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let mut version = now["version"].clone();
        for (action, step) in [("start", 0), ("next", 1), ("next", 2)] {
            // The leader runs it through the first.
            let told = std::time::Instant::now();
            let moved = first
                .send(
                    Call::post(&live)
                        .token(&leader)
                        .json(&json!({"action": action, "version": version})),
                )
                .await;
            assert_status!(first, moved, StatusCode::OK);
            version = moved.body["version"].clone();
            // A follower's own look is thirty seconds away: only being told is this fast.
            let followed = loop {
                let event = next_live_event(&mut events).await;
                if event["version"] == version {
                    break event;
                }
            };
            let took = told.elapsed();
            assert_eq!(followed["step"], step, "[{}] {action}", first.engine);
            assert!(
                took < std::time::Duration::from_secs(1),
                "[{}] followed through the other server in {took:?}",
                first.engine
            );
        }
    }
}

#[tokio::test]
async fn the_leader_runs_the_meeting_live_and_members_follow_by_events() {
    for app in engines().await {
        let (_, meetings, roster) = teachers_group(&app).await;
        let id = meetings[0]["id"].as_i64().expect("meeting");
        let members = roster["members"].as_array().expect("members").clone();
        let email = |m: &Value| m["email"].as_str().expect("email").to_owned();
        let leader = app
            .login(&email(
                members
                    .iter()
                    .find(|m| m["leader"] == true)
                    .expect("leader"),
            ))
            .await;
        let member = app
            .login(&email(
                members
                    .iter()
                    .find(|m| m["leader"] == false)
                    .expect("member"),
            ))
            .await;
        let live = format!("/api/v1/meetings/{id}/live");

        let before = app.send(Call::get(&live).token(&member)).await;
        assert_status!(app, before, StatusCode::OK);
        assert_eq!(before.body["status"], "planerad");
        assert!(before.body["step"].is_null());
        assert_eq!(
            before.body["attendance"].as_array().map(Vec::len),
            Some(members.len())
        );
        let version = before.body["version"].as_i64().expect("version");

        // A member follows by events, with a ticket for this meeting only.
        let ticket = app
            .send(Call::post(&format!("{live}/ticket")).token(&member))
            .await;
        assert_status!(app, ticket, StatusCode::OK);
        let ticket = ticket.body["ticket"].as_str().expect("ticket").to_owned();
        let wrong = app
            .send(Call::get(&format!(
                "/api/v1/meetings/{}/events?ticket={ticket}",
                meetings[1]["id"]
            )))
            .await;
        assert_status!(app, wrong, StatusCode::UNAUTHORIZED);
        let stream = app
            .open(Call::get(&format!(
                "/api/v1/meetings/{id}/events?ticket={ticket}"
            )))
            .await;
        assert_eq!(stream.status(), StatusCode::OK);
        assert_eq!(
            stream.headers()["content-type"],
            "text/event-stream",
            "[{}]",
            app.engine
        );
        let mut events = stream.into_body();
        let first = next_live_event(&mut events).await;
        assert_eq!(first["version"].as_i64(), Some(version));

        // Only a leader runs it; a stale version moves nothing.
        let start = json!({"action": "start", "version": version});
        assert_status!(
            app,
            app.send(Call::post(&live).token(&member).json(&start))
                .await,
            StatusCode::FORBIDDEN
        );
        let started = app
            .send(Call::post(&live).token(&leader).json(&start))
            .await;
        assert_status!(app, started, StatusCode::OK);
        assert_eq!(started.body["status"], "pagar");
        assert_eq!(started.body["step"], 0);
        assert_eq!(started.body["running"], true);
        assert_status!(
            app,
            app.send(Call::post(&live).token(&leader).json(&start))
                .await,
            StatusCode::CONFLICT
        );
        let followed = next_live_event(&mut events).await;
        assert_eq!(
            followed["step"], 0,
            "[{}] the member sees the start",
            app.engine
        );

        let next = json!({"action": "next", "version": started.body["version"]});
        let moved = app.send(Call::post(&live).token(&leader).json(&next)).await;
        assert_status!(app, moved, StatusCode::OK);
        assert_eq!(moved.body["step"], 1);
        assert_eq!(next_live_event(&mut events).await["step"], 1);

        // The documenter of the day is absent: the next present member documents.
        let documenter = moved.body["documenter_id"].as_i64().expect("documenter");
        let attendance = format!("/api/v1/meetings/{id}/attendance");
        // Only leaders take attendance; another municipality finds no meeting.
        let mark = json!({"person_id": documenter, "present": false});
        assert_status!(
            app,
            app.send(Call::put(&attendance).token(&member).json(&mark))
                .await,
            StatusCode::FORBIDDEN
        );
        let outsider = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::put(&attendance).token(&outsider).json(&mark))
                .await,
            StatusCode::NOT_FOUND
        );
        let absent = app
            .send(
                Call::put(&attendance)
                    .token(&leader)
                    .json(&json!({"person_id": documenter, "present": false})),
            )
            .await;
        assert_status!(app, absent, StatusCode::OK);
        let now = absent.body["documenter_id"].as_i64();
        assert!(
            now.is_some() && now != Some(documenter),
            "[{}] {now:?}",
            app.engine
        );
        let marked = absent.body["attendance"]
            .as_array()
            .expect("attendance")
            .iter()
            .find(|a| a["person_id"].as_i64() == Some(documenter))
            .expect("the absent member")
            .clone();
        assert_eq!(marked["present"], false);
        assert_eq!(
            next_live_event(&mut events).await["documenter_id"].as_i64(),
            now
        );
        let stranger = app.login("rektor@demo.test").await;
        let me = app
            .send(Call::get("/api/v1/me").token(&stranger))
            .await
            .body;
        let reply = app
            .send(
                Call::put(&attendance)
                    .token(&leader)
                    .json(&json!({"person_id": me["id"], "present": true})),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("person_id"));

        // Finishing makes it held; another municipality finds nothing.
        let version = absent.body["version"].as_i64().expect("version");
        let done = app
            .send(
                Call::post(&live)
                    .token(&leader)
                    .json(&json!({"action": "finish", "version": version})),
            )
            .await;
        assert_status!(app, done, StatusCode::OK);
        assert_eq!(done.body["status"], "genomford");
        assert!(done.body["step"].is_null());

        // Once the protocol is published, the absent documenter is owed the turn: first
        // in line at the next meeting, and the rotation then goes on after who stood in.
        let protocol = format!("/api/v1/meetings/{id}/protocol");
        let fields = json!({"fields": [{"key": "purpose", "text": "Att pröva"}], "version": 0});
        assert_status!(
            app,
            app.send(Call::put(&protocol).token(&leader).json(&fields))
                .await,
            StatusCode::OK
        );
        assert_status!(
            app,
            app.send(
                Call::post(&format!("{protocol}/publish"))
                    .token(&leader)
                    .json(&json!({"version": 1}))
            )
            .await,
            StatusCode::OK
        );
        let group = format!("/api/v1/groups/{}", meetings[0]["group_id"]);
        let owed = app.send(Call::get(&group).token(&leader)).await;
        assert_eq!(
            owed.body["next_documenter"].as_i64(),
            Some(documenter),
            "[{}] the one passed over comes first",
            app.engine
        );
        let order: Vec<i64> = owed.body["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["id"].as_i64().expect("id"))
            .collect();
        let stood_in = now.expect("documenter");
        let after =
            order[(order.iter().position(|p| *p == stood_in).expect("member") + 1) % order.len()];
        let paid = app
            .send(
                Call::post(&format!("{group}/documenter"))
                    .token(&leader)
                    .json(&json!({"person_id": documenter})),
            )
            .await;
        assert_status!(app, paid, StatusCode::OK);
        assert_eq!(
            paid.body["next_documenter"].as_i64(),
            Some(after),
            "[{}] then the rotation goes on",
            app.engine
        );
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::get(&live).token(&foreign)).await,
            StatusCode::NOT_FOUND
        );
        assert_status!(
            app,
            app.send(Call::post(&format!("{live}/ticket")).token(&foreign))
                .await,
            StatusCode::NOT_FOUND
        );
    }
}
