//! Planning meetings: agenda templates and the default, meetings a group adds itself
//! (and the leaders' and principals' meetings from the wheel), and preparation.

use crate::helpers::{Call, TestApp, engines};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

/// The demo teacher's token, the group's meetings not yet held, the roster, and the
/// tokens of the group's leader and of a member who is neither the leader nor the
/// demo teacher.
struct Group {
    teacher: String,
    meetings: Vec<Value>,
    roster: Value,
    leader: String,
    member: String,
}

async fn group(app: &TestApp) -> Group {
    let crate::helpers::TeachersGroup {
        teacher,
        meetings,
        roster,
    } = app.teachers_group().await;
    let email = |leader: bool| {
        roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .find(|m| m["leader"] == leader && (leader || m["email"] != "larare@demo.test"))
            .and_then(|m| m["email"].as_str())
            .expect("member")
            .to_owned()
    };
    let leader = app.login(&email(true)).await;
    let member = app.login(&email(false)).await;
    Group {
        teacher,
        meetings,
        roster,
        leader,
        member,
    }
}

/// The address of a teacher in another learning group than `g`'s, in no group of its.
async fn other_group_member(app: &TestApp, g: &Group) -> String {
    let steering = app.login("styrgrupp@demo.test").await;
    let groups = app
        .send(Call::get("/api/v1/groups").token(&steering))
        .await
        .body;
    let ours: Vec<&str> = g.roster["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["email"].as_str())
        .collect();
    for other in groups["groups"].as_array().expect("groups") {
        if other["kind"] != "largrupp" || other["id"] == g.roster["id"] {
            continue;
        }
        let roster = app
            .send(Call::get(&format!("/api/v1/groups/{}", other["id"])).token(&steering))
            .await
            .body;
        let found = roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .filter_map(|m| m["email"].as_str())
            .find(|e| !ours.contains(e));
        if let Some(email) = found {
            return email.to_owned();
        }
    }
    panic!("another learning group's member")
}

fn delete(path: &str) -> Call {
    Call::new(Method::DELETE, path)
}

#[tokio::test]
async fn the_steering_group_keeps_agenda_templates_and_chooses_the_default() {
    for app in engines().await {
        let teacher = app.login("larare@demo.test").await;
        let steering = app.login("styrgrupp@demo.test").await;
        let foreign = app.login("admin@ovning.test").await;

        // The first read stores the 90-minute model as the default.
        let list = app
            .send(Call::get("/api/v1/agenda-templates").token(&teacher))
            .await;
        assert_status!(app, list, StatusCode::OK);
        let templates = list.body.as_array().expect("templates").clone();
        assert_eq!(templates.len(), 1, "[{}] {templates:?}", app.engine);
        assert_eq!(templates[0]["is_default"], true);
        assert_eq!(templates[0]["steps"].as_array().map(Vec::len), Some(6));
        let standard = templates[0]["id"].as_i64().expect("id");

        let short = json!({"name": "Kort träff 60 minuter", "steps": [
            {"title": "Så här har jag gjort", "minutes": 20, "guidance": "Varvet runt."},
            {"title": "Ny forskning", "minutes": 30},
            {"title": "Handlingsplaner", "minutes": 10}
        ]});
        let reply = app
            .send(
                Call::post("/api/v1/agenda-templates")
                    .token(&teacher)
                    .json(&short),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let created = app
            .send(
                Call::post("/api/v1/agenda-templates")
                    .token(&steering)
                    .json(&short),
            )
            .await;
        assert_status!(app, created, StatusCode::CREATED);
        assert_eq!(created.body["is_default"], false);
        assert_eq!(created.body["steps"][0]["guidance"], "Varvet runt.");
        let id = created.body["id"].as_i64().expect("id");

        // Bad input names its field; a taken name is refused.
        let taken = app
            .send(
                Call::post("/api/v1/agenda-templates")
                    .token(&steering)
                    .json(&short),
            )
            .await;
        assert_status!(app, taken, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(taken.field(), Some("name"));
        assert!(
            taken.message().contains("finns redan"),
            "{}",
            taken.message()
        );
        let bad = app
            .send(
                Call::post("/api/v1/agenda-templates")
                    .token(&steering)
                    .json(&json!({"name": "Tom", "steps": [{"title": "X", "minutes": 0}]})),
            )
            .await;
        assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.field(), Some("steps"));

        // Changing it needs the current version.
        let path = format!("/api/v1/agenda-templates/{id}");
        let mut changed = short.clone();
        changed["name"] = json!("Kort träff");
        changed["version"] = json!(1);
        let reply = app
            .send(Call::put(&path).token(&steering).json(&changed))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["name"], "Kort träff");
        assert_eq!(reply.body["version"], 2);
        assert_status!(
            app,
            app.send(Call::put(&path).token(&steering).json(&changed))
                .await,
            StatusCode::CONFLICT
        );
        assert_status!(
            app,
            app.send(Call::put(&path).token(&foreign).json(&changed))
                .await,
            StatusCode::NOT_FOUND
        );

        // The new default goes first, and meetings added from now on take it.
        let chosen = app
            .send(
                Call::post(&format!("{path}/default"))
                    .token(&steering)
                    .json(&json!({"version": 2})),
            )
            .await;
        assert_status!(app, chosen, StatusCode::OK);
        assert_eq!(chosen.body[0]["id"], id);
        assert_eq!(chosen.body[0]["is_default"], true);
        assert_eq!(chosen.body[1]["is_default"], false);
        let g = group(&app).await;
        let added = app
            .send(
                Call::post("/api/v1/meetings")
                    .token(&g.leader)
                    .json(&json!({"group_id": g.roster["id"], "starts_on": "2027-05-20"})),
            )
            .await;
        assert_status!(app, added, StatusCode::CREATED);
        let minutes: u64 = added.body["agenda"]
            .as_array()
            .expect("agenda")
            .iter()
            .filter_map(|s| s["minutes"].as_u64())
            .sum();
        assert_eq!(minutes, 60, "[{}] the new default's agenda", app.engine);

        // The default stays; another template goes.
        let default_version = chosen.body[0]["version"].as_i64().expect("version");
        let reply = app
            .send(delete(&format!("{path}?version={default_version}")).token(&steering))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reply.message().contains("Standardmallen"));
        let standard_version = chosen.body[1]["version"].as_i64().expect("version");
        let standard_path = format!("/api/v1/agenda-templates/{standard}");
        assert_status!(
            app,
            app.send(
                delete(&format!("{standard_path}?version={standard_version}")).token(&teacher)
            )
            .await,
            StatusCode::FORBIDDEN
        );
        assert_status!(
            app,
            app.send(
                delete(&format!("{standard_path}?version={standard_version}")).token(&foreign)
            )
            .await,
            StatusCode::NOT_FOUND
        );
        assert_status!(
            app,
            app.send(
                delete(&format!("{standard_path}?version={standard_version}")).token(&steering)
            )
            .await,
            StatusCode::NO_CONTENT
        );
        let left = app
            .send(Call::get("/api/v1/agenda-templates").token(&steering))
            .await;
        assert_eq!(left.body.as_array().map(Vec::len), Some(1));
        // Another municipality has its own templates.
        let theirs = app
            .send(Call::get("/api/v1/agenda-templates").token(&foreign))
            .await;
        assert_eq!(theirs.body[0]["steps"].as_array().map(Vec::len), Some(6));
    }
}

#[tokio::test]
async fn a_leader_adds_a_meeting_of_the_groups_own_moves_and_removes_it() {
    for app in engines().await {
        let g = group(&app).await;
        let group_id = g.roster["id"].clone();
        let new = json!({"group_id": group_id, "starts_on": "2027-03-03", "start_time": "15:00",
            "end_time": "16:00", "place": "Lärarrummet", "question": "Hur följer vi upp bedömningsstödet?"});
        assert_status!(
            app,
            app.send(Call::post("/api/v1/meetings").token(&g.member).json(&new))
                .await,
            StatusCode::FORBIDDEN
        );
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::post("/api/v1/meetings").token(&foreign).json(&new))
                .await,
            StatusCode::NOT_FOUND
        );
        let mut bad = new.clone();
        bad["end_time"] = json!("14:00");
        let reply = app
            .send(Call::post("/api/v1/meetings").token(&g.leader).json(&bad))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("end_time"));
        bad["starts_on"] = json!("3 mars");
        let reply = app
            .send(Call::post("/api/v1/meetings").token(&g.leader).json(&bad))
            .await;
        assert_eq!(reply.field(), Some("starts_on"));

        let added = app
            .send(Call::post("/api/v1/meetings").token(&g.leader).json(&new))
            .await;
        assert_status!(app, added, StatusCode::CREATED);
        assert!(added.body["activity_id"].is_null());
        assert_eq!(added.body["status"], "planerad");
        assert_eq!(
            added.body["question"],
            "Hur följer vi upp bedömningsstödet?"
        );
        let id = added.body["id"].as_i64().expect("id");
        // The members see it among their meetings.
        let mine = app
            .send(Call::get("/api/v1/meetings").token(&g.teacher))
            .await;
        assert!(
            mine.body
                .as_array()
                .expect("meetings")
                .iter()
                .any(|m| m["id"] == id)
        );

        // Its time is the group's to move; a wheel meeting's is not.
        let path = format!("/api/v1/meetings/{id}");
        let moved = app
            .send(
                Call::patch(&path)
                    .token(&g.leader)
                    .json(&json!({"starts_on": "2027-03-10", "start_time": "14:30", "version": 1})),
            )
            .await;
        assert_status!(app, moved, StatusCode::OK);
        assert_eq!(moved.body["starts_on"], "2027-03-10");
        assert_eq!(moved.body["start_time"], "14:30");
        assert_eq!(moved.body["end_time"], "16:00");
        let late = app
            .send(
                Call::patch(&path)
                    .token(&g.leader)
                    .json(&json!({"start_time": "17:00", "version": 2})),
            )
            .await;
        assert_status!(app, late, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(late.field(), Some("end_time"));
        let wheel = g.meetings[0]["id"].as_i64().expect("wheel meeting");
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/meetings/{wheel}"))
                    .token(&g.leader)
                    .json(&json!({"starts_on": "2027-03-10", "version": g.meetings[0]["version"]})),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("starts_on"));
        let reply = app
            .send(delete(&format!("/api/v1/meetings/{wheel}?version=1")).token(&g.leader))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);

        // Once someone has written a plan for it, it stays.
        let plan = app
            .send(
                Call::put(&format!("{path}/plan"))
                    .token(&g.member)
                    .json(&json!({"fields": [{"key": "focus", "text": "Exit tickets"}], "shared": false, "version": 0})),
            )
            .await;
        assert_status!(app, plan, StatusCode::OK);
        assert_status!(
            app,
            app.send(delete(&format!("{path}?version=2")).token(&g.member))
                .await,
            StatusCode::FORBIDDEN
        );
        assert_status!(
            app,
            app.send(delete(&format!("{path}?version=1")).token(&g.leader))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let empty = app
            .send(
                Call::post("/api/v1/meetings")
                    .token(&g.leader)
                    .json(&json!({"group_id": group_id, "starts_on": "2027-04-07"})),
            )
            .await;
        let empty_id = empty.body["id"].as_i64().expect("id");
        assert_status!(
            app,
            app.send(delete(&format!("/api/v1/meetings/{empty_id}?version=9")).token(&g.leader))
                .await,
            StatusCode::CONFLICT
        );
        assert_status!(
            app,
            app.send(delete(&format!("/api/v1/meetings/{empty_id}?version=1")).token(&g.leader))
                .await,
            StatusCode::NO_CONTENT
        );
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{empty_id}")).token(&g.leader))
                .await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_leaders_and_principals_groups_meet_in_their_wheel_slots() {
    for app in engines().await {
        let principal = app.login("rektor@demo.test").await;
        let meetings = app
            .send(Call::get("/api/v1/meetings").token(&principal))
            .await;
        assert_status!(app, meetings, StatusCode::OK);
        let theirs: Vec<&Value> = meetings
            .body
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["start_time"] == "08:30")
            .collect();
        assert_eq!(
            theirs.len(),
            2,
            "[{}] the principals' two meetings: {:?}",
            app.engine,
            meetings.body
        );
        assert!(theirs.iter().all(|m| m["activity_id"].is_i64()));
        let g = group(&app).await;
        let leads = app
            .send(Call::get("/api/v1/meetings").token(&g.leader))
            .await;
        let leader_meetings = leads
            .body
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["start_time"] == "13:00")
            .count();
        assert_eq!(leader_meetings, 4, "[{}] the leaders' meetings", app.engine);
    }
}

#[tokio::test]
async fn members_prepare_with_library_material_and_the_leader_sees_how_many_have() {
    for app in engines().await {
        let g = group(&app).await;
        let id = g.meetings[0]["id"].as_i64().expect("meeting");
        let path = format!("/api/v1/meetings/{id}/preparation");

        // The demo's next meeting has the researcher's collection and its note as task.
        let mine = app.send(Call::get(&path).token(&g.member)).await;
        assert_status!(app, mine, StatusCode::OK);
        assert_eq!(
            mine.body["collection"]["title"],
            "Inför lärgruppsträff 3: Bedömning i matematik"
        );
        assert_eq!(
            mine.body["collection"]["items"].as_array().map(Vec::len),
            Some(4)
        );
        // Other groups prepare with material for their own subjects.
        let steering = app.login("styrgrupp@demo.test").await;
        let every = app
            .send(Call::get("/api/v1/meetings?all=true").token(&steering))
            .await;
        let mut titles = std::collections::BTreeSet::new();
        for m in every.body.as_array().expect("meetings") {
            let prep = app
                .send(
                    Call::get(&format!("/api/v1/meetings/{}/preparation", m["id"]))
                        .token(&steering),
                )
                .await;
            if let Some(t) = prep.body["collection"]["title"].as_str() {
                titles.insert(t.to_owned());
            }
        }
        assert!(titles.len() >= 3, "[{}] {titles:?}", app.engine);
        assert!(
            mine.body["task"]
                .as_str()
                .is_some_and(|t| t.contains("Se filmen"))
        );
        assert_eq!(mine.body["done"], false);
        assert!(
            mine.body["prepared"].is_null(),
            "a member does not see counts"
        );
        let before = app.send(Call::get(&path).token(&g.leader)).await;
        let counted = before.body["prepared"]
            .as_u64()
            .expect("leader sees a count");

        let ticked = app
            .send(
                Call::put(&format!("/api/v1/meetings/{id}/prepared"))
                    .token(&g.member)
                    .json(&json!({"done": true})),
            )
            .await;
        assert_status!(app, ticked, StatusCode::OK);
        assert_eq!(ticked.body["done"], true);
        // Ticking twice counts once.
        app.send(
            Call::put(&format!("/api/v1/meetings/{id}/prepared"))
                .token(&g.member)
                .json(&json!({"done": true})),
        )
        .await;
        let after = app.send(Call::get(&path).token(&g.leader)).await;
        assert_eq!(after.body["prepared"].as_u64(), Some(counted + 1));
        // The material's authors see where it was used and how many prepared.
        let day = g.meetings[0]["starts_on"].clone();
        let group_name = g.meetings[0]["group_name"].clone();
        let mut found = 0;
        // (The demo's collection holds the ICT strategist's and the researcher's material
        // and a teacher's good example.)
        for author in ["ikt@demo.test", "forskare@demo.test", "larare@demo.test"] {
            let token = app.login(author).await;
            let front = app
                .send(Call::get("/api/v1/library/front").token(&token))
                .await;
            for used in front.body["my_material_use"].as_array().expect("uses") {
                for m in used["meetings"].as_array().expect("meetings") {
                    if m["starts_on"] == day && m["group_name"] == group_name {
                        assert_eq!(
                            m["prepared"].as_u64(),
                            Some(counted + 1),
                            "[{}]",
                            app.engine
                        );
                        assert!(m["members"].as_u64() >= m["prepared"].as_u64());
                        found += 1;
                    }
                }
            }
        }
        assert_eq!(
            found, 4,
            "[{}] each of the collection's four items",
            app.engine
        );
        let outsider = app.login("rektor@demo.test").await;
        let none = app
            .send(Call::get("/api/v1/library/front").token(&outsider))
            .await;
        assert_eq!(
            none.body["my_material_use"],
            json!([]),
            "[{}] one who wrote none of it sees none of it",
            app.engine
        );
        let principal = app.login("rektor@demo.test").await;
        let seen = app.send(Call::get(&path).token(&principal)).await;
        assert_eq!(seen.body["prepared"].as_u64(), Some(counted + 1));
        assert_status!(
            app,
            app.send(
                Call::put(&format!("/api/v1/meetings/{id}/prepared"))
                    .token(&principal)
                    .json(&json!({"done": true}))
            )
            .await,
            StatusCode::FORBIDDEN
        );

        // The leader picks single items of the library besides the collection.
        let found = app
            .send(Call::get("/api/v1/library/items?q=exit%20tickets").token(&g.leader))
            .await;
        let item = found.body["items"][0]["id"].as_i64().expect("an item");
        let version = after.body["version"].as_i64().expect("version");
        let set = json!({"task": "Se filmen och ta med ett elevexempel.", "collection_id": null,
            "item_ids": [item], "version": version});
        assert_status!(
            app,
            app.send(Call::put(&path).token(&g.member).json(&set)).await,
            StatusCode::FORBIDDEN
        );
        let foreign = app.login("admin@ovning.test").await;
        assert_status!(
            app,
            app.send(Call::put(&path).token(&foreign).json(&set)).await,
            StatusCode::NOT_FOUND
        );
        let mut unknown = set.clone();
        unknown["item_ids"] = json!([item, 987_654]);
        let reply = app
            .send(Call::put(&path).token(&g.leader).json(&unknown))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("item_ids"));
        let reply = app.send(Call::put(&path).token(&g.leader).json(&set)).await;
        assert_status!(app, reply, StatusCode::OK);
        assert!(reply.body["collection"].is_null());
        assert_eq!(reply.body["items"][0]["id"], item);
        assert_eq!(reply.body["task"], "Se filmen och ta med ett elevexempel.");
        // The item tells which meetings use it, to those who may open them.
        let uses = |body: &Value| {
            body["used_in_meetings"]
                .as_array()
                .expect("used in meetings")
                .iter()
                .any(|m| m["id"] == id)
        };
        let item_path = format!("/api/v1/library/items/{item}");
        for (who, sees) in [(&g.member, true), (&principal, true)] {
            let read = app.send(Call::get(&item_path).token(who)).await;
            assert_status!(app, read, StatusCode::OK);
            assert_eq!(uses(&read.body), sees, "[{}] {}", app.engine, read.body);
        }
        let outsider = app.login(&other_group_member(&app, &g).await).await;
        let read = app.send(Call::get(&item_path).token(&outsider)).await;
        assert_status!(app, read, StatusCode::OK);
        assert!(
            !uses(&read.body),
            "[{}] another group's meeting",
            app.engine
        );
        // The same change again is stale: the meeting moved on.
        assert_status!(
            app,
            app.send(Call::put(&path).token(&g.leader).json(&set)).await,
            StatusCode::CONFLICT
        );
        // Unticking.
        let unticked = app
            .send(
                Call::put(&format!("/api/v1/meetings/{id}/prepared"))
                    .token(&g.member)
                    .json(&json!({"done": false})),
            )
            .await;
        assert_eq!(unticked.body["done"], false);
    }
}

#[tokio::test]
async fn a_removed_slot_takes_its_meetings_along_except_those_with_records() {
    for app in engines().await {
        let g = group(&app).await;
        let steering = app.login("styrgrupp@demo.test").await;
        let last = g.meetings.last().expect("the year's last meeting").clone();
        let slot = last["activity_id"].as_i64().expect("a wheel meeting");
        let of_slot = |all: &Value| -> Vec<Value> {
            all.as_array()
                .expect("meetings")
                .iter()
                .filter(|m| m["activity_id"].as_i64() == Some(slot))
                .cloned()
                .collect()
        };
        let all = app
            .send(Call::get("/api/v1/meetings?all=true").token(&steering))
            .await
            .body;
        let before = of_slot(&all).len();
        assert!(
            before > 1,
            "[{}] every learning group meets in the slot",
            app.engine
        );
        // One member writes a plan for their group's meeting in the slot.
        let id = last["id"].as_i64().expect("id");
        let plan = app
            .send(
                Call::put(&format!("/api/v1/meetings/{id}/plan"))
                    .token(&g.member)
                    .json(&json!({"fields": [{"key": "focus", "text": "Exit tickets"}], "shared": false, "version": 0})),
            )
            .await;
        assert_status!(app, plan, StatusCode::OK);

        let wheel = app
            .send(Call::get("/api/v1/wheel").token(&steering))
            .await
            .body;
        let version = wheel["activities"]
            .as_array()
            .expect("activities")
            .iter()
            .find(|a| a["id"].as_i64() == Some(slot))
            .and_then(|a| a["version"].as_i64())
            .expect("the slot's version");
        let removed = app
            .send(
                delete(&format!(
                    "/api/v1/wheel/activities/{slot}?version={version}"
                ))
                .token(&steering),
            )
            .await;
        assert_status!(app, removed, StatusCode::NO_CONTENT);

        let after = app
            .send(Call::get("/api/v1/meetings?all=true").token(&steering))
            .await
            .body;
        assert!(of_slot(&after).is_empty());
        let kept: Vec<&Value> = after
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["starts_on"] == last["starts_on"] && m["start_time"] == "15:00")
            .collect();
        assert_eq!(
            kept.len(),
            1,
            "[{}] only the meeting with a plan stays",
            app.engine
        );
        assert_eq!(kept[0]["id"], id);
        assert!(kept[0]["activity_id"].is_null());
        let gone = all
            .as_array()
            .expect("meetings")
            .iter()
            .find(|m| m["activity_id"].as_i64() == Some(slot) && m["id"] != id)
            .and_then(|m| m["id"].as_i64())
            .expect("another group's meeting");
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{gone}")).token(&steering))
                .await,
            StatusCode::NOT_FOUND
        );
    }
}
