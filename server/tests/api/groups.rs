//! Groups and rosters: what the demo municipality starts with, who may read and change
//! groups, moves and their conflicts, leaders and the leaders' group, the documenter
//! rotation, formation, the principal's roster and the CSV export.

use crate::helpers::{Call, TestApp, engines};
use axum::http::StatusCode;
use serde_json::{Value, json};

async fn roster(app: &TestApp, token: &str) -> Value {
    let reply = app.send(Call::get("/api/v1/groups").token(token)).await;
    assert_status!(app, reply, StatusCode::OK);
    reply.body
}

fn groups_of_kind<'a>(roster: &'a Value, kind: &str) -> Vec<&'a Value> {
    roster["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["kind"] == kind)
        .collect()
}

fn member_ids(group: &Value) -> Vec<i64> {
    group["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["id"].as_i64().expect("id"))
        .collect()
}

fn leader_ids(group: &Value) -> Vec<i64> {
    group["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter(|m| m["leader"] == true)
        .map(|m| m["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn the_demo_municipality_has_its_groups_for_the_year() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let roster = roster(&app, &token).await;
        assert_eq!(roster["school_year"]["name"], "2026/27", "[{}]", app.engine);
        let learning = groups_of_kind(&roster, "largrupp");
        assert!(
            learning.len() >= 6,
            "[{}] {} learning groups",
            app.engine,
            learning.len()
        );
        let ungrouped: Vec<&Value> = roster["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .filter(|w| w["kind"] == "ungrouped")
            .collect();
        assert!(
            ungrouped.is_empty(),
            "[{}] every teacher placed: {ungrouped:?}",
            app.engine
        );
        let mut placed: Vec<i64> = learning.iter().flat_map(|g| member_ids(g)).collect();
        let n = placed.len();
        placed.sort_unstable();
        placed.dedup();
        assert_eq!(
            placed.len(),
            n,
            "[{}] nobody in two learning groups",
            app.engine
        );
        for g in &learning {
            assert_eq!(
                leader_ids(g).len(),
                1,
                "[{}] one leader in {}",
                app.engine,
                g["name"]
            );
            let schools: std::collections::BTreeSet<String> = g["members"]
                .as_array()
                .expect("members")
                .iter()
                .filter_map(|m| m["schools"][0]["name"].as_str().map(str::to_owned))
                .collect();
            assert!(
                schools.len() > 1,
                "[{}] {} mixes schools",
                app.engine,
                g["name"]
            );
            assert!(
                g["members"][0]["reason"]
                    .as_str()
                    .is_some_and(|r| !r.is_empty()),
                "[{}] placements carry a reason",
                app.engine
            );
        }
        let mut leaders: Vec<i64> = learning.iter().flat_map(|g| leader_ids(g)).collect();
        leaders.sort_unstable();
        let leaders_group = groups_of_kind(&roster, "ledargrupp");
        assert_eq!(leaders_group.len(), 1, "[{}]", app.engine);
        let mut in_leaders_group = member_ids(leaders_group[0]);
        in_leaders_group.sort_unstable();
        assert_eq!(
            in_leaders_group, leaders,
            "[{}] the leaders' group is the leaders",
            app.engine
        );
        for kind in ["rektorsgrupp", "ikt_natverk", "styrgrupp"] {
            assert_eq!(
                groups_of_kind(&roster, kind).len(),
                1,
                "[{}] {kind}",
                app.engine
            );
        }
    }
}

#[tokio::test]
async fn a_teacher_sees_their_groups_and_may_not_change_them() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let mine = app
            .send(Call::get("/api/v1/groups/mine").token(&token))
            .await;
        assert_status!(app, mine, StatusCode::OK);
        let groups = mine.body["groups"].as_array().expect("groups");
        let learning = groups
            .iter()
            .find(|g| g["kind"] == "largrupp")
            .expect("a learning group");
        assert!(!leader_ids(learning).is_empty(), "[{}]", app.engine);
        assert!(learning["next_documenter"].is_i64(), "[{}]", app.engine);
        let id = learning["id"].as_i64().expect("id");

        let steering = app.login("styrgrupp@demo.test").await;
        let other = groups_of_kind(&roster(&app, &steering).await, "largrupp")
            .into_iter()
            .find(|g| g["id"] != id)
            .expect("another group")
            .clone();
        let person = member_ids(learning)[0];
        let forbidden = [
            Call::post("/api/v1/groups").json(&json!({"school_year_id": learning["school_year_id"], "kind": "projektgrupp", "name": "X"})),
            Call::post(&format!("/api/v1/groups/{id}/moves")).json(&json!({
                "person_id": person, "to_group_id": other["id"], "from_version": learning["version"], "to_version": other["version"]})),
            Call::post(&format!("/api/v1/groups/{id}/members")).json(&json!({"person_id": person, "version": 1})),
            Call::post("/api/v1/groups/formation/preview").json(&json!({"school_year_id": learning["school_year_id"], "settings": {"bounds": {"min": 10, "max": 15}}})),
            Call::post("/api/v1/school-years").json(&json!({"name": "2030/31", "starts_on": "2030-08-17", "spring_starts_on": "2031-01-08", "ends_on": "2031-06-12"})),
            Call::get("/api/v1/groups/roster.csv"),
            Call::get("/api/v1/groups"),
        ];
        for call in forbidden {
            let reply = app.send(call.token(&token)).await;
            assert_status!(app, reply, StatusCode::FORBIDDEN);
        }

        // Another municipality sees none of it.
        let outsider = app.login("admin@ovning.test").await;
        for call in [
            Call::get(&format!("/api/v1/groups/{id}")),
            Call::patch(&format!("/api/v1/groups/{id}"))
                .json(&json!({"name": "X", "version": learning["version"]})),
            Call::post(&format!("/api/v1/groups/{id}/members"))
                .json(&json!({"person_id": person, "version": learning["version"]})),
            Call::get(&format!("/api/v1/groups/{id}/next-documenter")),
            Call::post(&format!("/api/v1/groups/{id}/documenter"))
                .json(&json!({"person_id": person})),
            Call::post(&format!("/api/v1/groups/{id}/moves")).json(&json!({
                "person_id": person, "to_group_id": other["id"], "from_version": learning["version"], "to_version": other["version"]})),
            Call::new(
                axum::http::Method::DELETE,
                &format!("/api/v1/groups/{id}/members/{person}?version={}", learning["version"]),
            ),
            Call::get(&format!("/api/v1/groups?year={}", learning["school_year_id"])),
            Call::get(&format!("/api/v1/groups/formation/input?year={}", learning["school_year_id"])),
            Call::post("/api/v1/groups/formation/preview").json(&json!({
                "school_year_id": learning["school_year_id"], "settings": {"bounds": {"min": 10, "max": 15}}})),
            Call::post("/api/v1/groups/formation").json(&json!({
                "school_year_id": learning["school_year_id"], "settings": {"bounds": {"min": 10, "max": 15}}})),
        ] {
            let reply = app.send(call.token(&outsider)).await;
            assert_status!(app, reply, StatusCode::NOT_FOUND);
        }
        let theirs = app
            .send(Call::get("/api/v1/groups/mine").token(&outsider))
            .await;
        assert_eq!(theirs.body["groups"], json!([]), "[{}]", app.engine);
    }
}

#[tokio::test]
async fn the_roster_is_the_steering_groups_and_addresses_are_for_a_groups_own_members() {
    for app in engines().await {
        let steering = app.login("styrgrupp@demo.test").await;
        let learning = groups_of_kind(&roster(&app, &steering).await, "largrupp")
            .into_iter()
            .cloned()
            .collect::<Vec<_>>();
        let teacher = app.login("larare@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&teacher)).await.body["id"].clone();
        let (own, other): (Vec<&Value>, Vec<&Value>) = learning.iter().partition(|g| {
            g["members"]
                .as_array()
                .is_some_and(|m| m.iter().any(|m| m["id"] == me))
        });
        let (own, other) = (own[0]["id"].clone(), other[0]["id"].clone());
        let emails = |group: &Value| -> Vec<Value> {
            group["members"]
                .as_array()
                .expect("members")
                .iter()
                .map(|m| m["email"].clone())
                .collect()
        };
        for (who, whole_roster, sees_others_addresses) in [
            ("admin@demo.test", true, true),
            ("styrgrupp@demo.test", true, true),
            ("rektor@demo.test", false, false),
            ("ikt@demo.test", false, false),
            ("forskare@demo.test", false, false),
            ("larare@demo.test", false, false),
        ] {
            let token = app.login(who).await;
            for path in ["/api/v1/groups", "/api/v1/groups/roster.csv"] {
                let reply = app.send(Call::get(path).token(&token)).await;
                let expected = if whole_roster {
                    StatusCode::OK
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(reply.status, expected, "[{}] {who} {path}", app.engine);
            }
            // Everyone reads a group's names (published protocols name them anyway) …
            let group = app
                .send(Call::get(&format!("/api/v1/groups/{other}")).token(&token))
                .await;
            assert_status!(app, group, StatusCode::OK);
            assert!(group.body["members"][0]["name"].is_string());
            // … and how to reach its members only as one of them or as its planners.
            let addresses = emails(&group.body);
            if sees_others_addresses {
                assert!(
                    addresses.iter().all(Value::is_string),
                    "[{}] {who}",
                    app.engine
                );
            } else {
                assert!(
                    addresses.iter().all(Value::is_null),
                    "[{}] {who}: {addresses:?}",
                    app.engine
                );
            }
        }
        let mine = app
            .send(Call::get(&format!("/api/v1/groups/{own}")).token(&teacher))
            .await;
        assert!(
            emails(&mine.body).iter().all(Value::is_string),
            "a member reaches the group"
        );
    }
}

#[tokio::test]
async fn a_move_based_on_an_old_version_is_refused_and_changes_nothing() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let roster = roster(&app, &token).await;
        let learning = groups_of_kind(&roster, "largrupp");
        let (from, to) = (learning[0], learning[1]);
        let person = *member_ids(from).last().expect("a member");
        let from_id = from["id"].as_i64().expect("id");

        let moved = app
            .send(
                Call::post(&format!("/api/v1/groups/{from_id}/moves"))
                    .token(&token)
                    .json(&json!({"person_id": person, "to_group_id": to["id"], "from_version": from["version"], "to_version": to["version"]})),
            )
            .await;
        assert_status!(app, moved, StatusCode::OK);
        assert!(
            member_ids(&moved.body).contains(&person),
            "[{}]",
            app.engine
        );

        // A second steering-group member still looks at the old versions.
        let back = app
            .send(
                Call::post(&format!("/api/v1/groups/{}/moves", to["id"]))
                    .token(&token)
                    .json(&json!({"person_id": person, "to_group_id": from_id, "from_version": to["version"], "to_version": from["version"]})),
            )
            .await;
        assert_status!(app, back, StatusCode::CONFLICT);
        assert_eq!(
            back.message(),
            "Någon annan har ändrat detta under tiden. Ladda om och försök igen.",
            "[{}]",
            app.engine
        );
        let now = app
            .send(Call::get(&format!("/api/v1/groups/{}", to["id"])).token(&token))
            .await;
        assert!(
            member_ids(&now.body).contains(&person),
            "[{}] still where the first move put them",
            app.engine
        );

        // Moving someone who is not in the group, or into the leaders' group, is refused.
        let leaders_group = groups_of_kind(&roster, "ledargrupp")[0];
        let fresh_from = app
            .send(Call::get(&format!("/api/v1/groups/{from_id}")).token(&token))
            .await
            .body;
        for (body, field) in [
            (
                json!({"person_id": person, "to_group_id": to["id"], "from_version": fresh_from["version"], "to_version": now.body["version"]}),
                "person_id",
            ),
            (
                json!({"person_id": member_ids(&fresh_from)[0], "to_group_id": leaders_group["id"], "from_version": fresh_from["version"], "to_version": leaders_group["version"]}),
                "person_id",
            ),
        ] {
            let reply = app
                .send(
                    Call::post(&format!("/api/v1/groups/{from_id}/moves"))
                        .token(&token)
                        .json(&body),
                )
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some(field), "[{}]", app.engine);
        }
    }
}

#[tokio::test]
async fn changing_a_leader_keeps_the_leaders_group_in_step() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let roster = roster(&app, &token).await;
        let group = groups_of_kind(&roster, "largrupp")[2];
        let old = leader_ids(group)[0];
        let new = *member_ids(group)
            .iter()
            .find(|id| **id != old)
            .expect("another member");
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/groups/{}", group["id"]))
                    .token(&token)
                    .json(&json!({"leaders": [new], "version": group["version"]})),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(leader_ids(&reply.body), [new], "[{}]", app.engine);
        let after = self::roster(&app, &token).await;
        let leaders = member_ids(groups_of_kind(&after, "ledargrupp")[0]);
        assert!(
            leaders.contains(&new),
            "[{}] the new leader joined",
            app.engine
        );
        assert!(
            !leaders.contains(&old),
            "[{}] the old leader left",
            app.engine
        );

        // A leader must be a member.
        let outsider = member_ids(groups_of_kind(&after, "largrupp")[0])[0];
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/groups/{}", group["id"]))
                    .token(&token)
                    .json(&json!({"leaders": [outsider], "version": reply.body["version"]})),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(reply.field(), Some("leaders"), "[{}]", app.engine);
        assert_eq!(
            reply.message(),
            "En ledare måste vara medlem i gruppen.",
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn the_leader_reorders_the_rotation_and_absent_members_are_skipped() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let mine = app
            .send(Call::get("/api/v1/groups/mine").token(&token))
            .await
            .body;
        let group = mine["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["kind"] == "largrupp")
            .expect("learning group")
            .clone();
        let id = group["id"].as_i64().expect("id");
        let me = app.send(Call::get("/api/v1/me").token(&token)).await.body["id"]
            .as_i64()
            .expect("id");
        assert_eq!(
            leader_ids(&group),
            [me],
            "[{}] the förstelärare leads the group",
            app.engine
        );

        let before = member_ids(&group);
        let mut order = before.clone();
        order.reverse();
        // The rotation goes on after whoever documented last (the demo's groups have
        // held meetings): in the new order, from the one after them.
        let len = before.len();
        let next_before = before
            .iter()
            .position(|p| group["next_documenter"].as_i64() == Some(*p))
            .expect("a next documenter");
        let last = before[(next_before + len - 1) % len];
        let start = (order.iter().position(|p| *p == last).expect("in the group") + 1) % len;
        let at = |i: usize| order[(start + i) % len];
        let reply = app
            .send(
                Call::patch(&format!("/api/v1/groups/{id}"))
                    .token(&token)
                    .json(&json!({"rotation": order, "version": group["version"]})),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(member_ids(&reply.body), order, "[{}]", app.engine);
        assert_eq!(reply.body["next_documenter"], at(0), "[{}]", app.engine);

        let absent = format!("{},{}", at(0), at(1));
        let next = app
            .send(
                Call::get(&format!(
                    "/api/v1/groups/{id}/next-documenter?absent={absent}"
                ))
                .token(&token),
            )
            .await;
        assert_eq!(
            next.body["person_id"],
            at(2),
            "[{}] {:?}",
            app.engine,
            next.body
        );

        let recorded = app
            .send(
                Call::post(&format!("/api/v1/groups/{id}/documenter"))
                    .token(&token)
                    .json(&json!({"person_id": at(2)})),
            )
            .await;
        assert_status!(app, recorded, StatusCode::OK);
        assert_eq!(recorded.body["next_documenter"], at(3), "[{}]", app.engine);

        let wrong = app
            .send(
                Call::patch(&format!("/api/v1/groups/{id}"))
                    .token(&token)
                    .json(&json!({"rotation": &order[1..], "version": reply.body["version"]})),
            )
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(wrong.field(), Some("rotation"), "[{}]", app.engine);

        // The leader may not rename the group; a member who does not lead may not reorder.
        let rename = app
            .send(
                Call::patch(&format!("/api/v1/groups/{id}"))
                    .token(&token)
                    .json(&json!({"name": "Min grupp", "version": reply.body["version"]})),
            )
            .await;
        assert_eq!(rename.status, StatusCode::FORBIDDEN, "[{}]", app.engine);
    }
}

#[tokio::test]
async fn a_new_year_is_formed_from_a_preview_and_newcomers_join_without_reshuffling() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let this_year = roster(&app, &token).await;
        let bad = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2027/28", "starts_on": "2027-08-16", "spring_starts_on": "2027-06-01", "ends_on": "2028-06-11"})))
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(bad.field(), Some("spring_starts_on"), "[{}]", app.engine);
        // A school year is about a year long and shares no day with another.
        let century = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2027/2127", "starts_on": "2027-08-16", "spring_starts_on": "2028-01-10", "ends_on": "2127-06-11"})))
            .await;
        assert_status!(app, century, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(century.field(), Some("ends_on"));
        assert!(
            century.message().contains("högst ett år"),
            "{}",
            century.message()
        );
        let overlapping = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2027/28 tidig", "starts_on": "2027-06-01", "spring_starts_on": "2028-01-10", "ends_on": "2028-05-31"})))
            .await;
        assert_status!(app, overlapping, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(overlapping.field(), Some("starts_on"));
        assert!(
            overlapping.message().contains("överlappar"),
            "{}",
            overlapping.message()
        );
        let year = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2027/28", "starts_on": "2027-08-16", "spring_starts_on": "2028-01-10", "ends_on": "2028-06-11"})))
            .await;
        assert_status!(app, year, StatusCode::CREATED);
        let year_id = year.body["id"].as_i64().expect("id");

        let request = json!({"school_year_id": year_id, "settings": {"bounds": {"min": 7, "max": 10}, "grouping": "subject_stage"}});
        let invalid = app
            .send(Call::post("/api/v1/groups/formation/preview").token(&token).json(&json!({"school_year_id": year_id, "settings": {"bounds": {"min": 12, "max": 8}}})))
            .await;
        assert_eq!(
            invalid.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(invalid.field(), Some("settings.bounds"), "[{}]", app.engine);
        let preview = app
            .send(
                Call::post("/api/v1/groups/formation/preview")
                    .token(&token)
                    .json(&request),
            )
            .await;
        assert_status!(app, preview, StatusCode::OK);
        assert_eq!(preview.body["mix"]["rule_holds"], true, "[{}]", app.engine);
        let planned = preview.body["plan"]["groups"]
            .as_array()
            .expect("groups")
            .len();
        let fingerprint = preview.body["plan"]["fingerprint"].clone();

        let stale = app
            .send(Call::post("/api/v1/groups/formation").token(&token).json(&json!({"school_year_id": year_id, "settings": request["settings"], "fingerprint": "1"})))
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "[{}]", app.engine);
        assert!(
            stale.message().contains("Förhandsgranska igen"),
            "[{}]",
            app.engine
        );
        let empty = app
            .send(Call::get(&format!("/api/v1/groups?year={year_id}")).token(&token))
            .await;
        assert_eq!(
            empty.body["groups"],
            json!([]),
            "[{}] a refused save stores nothing",
            app.engine
        );

        let saved = app
            .send(Call::post("/api/v1/groups/formation").token(&token).json(&json!({"school_year_id": year_id, "settings": request["settings"], "fingerprint": fingerprint})))
            .await;
        assert_status!(app, saved, StatusCode::OK);
        let before = groups_of_kind(&saved.body, "largrupp")
            .iter()
            .map(|g| (g["id"].as_i64().expect("id"), member_ids(g)))
            .collect::<Vec<_>>();
        assert_eq!(before.len(), planned, "[{}]", app.engine);
        assert_eq!(
            saved.body["bounds"],
            json!({"min": 7, "max": 10}),
            "[{}] bounds kept",
            app.engine
        );
        // Forming next year leaves this year's bounds and warnings as they were.
        let this_year_after = roster(&app, &token).await;
        assert_ne!(
            this_year["bounds"],
            json!({"min": 7, "max": 10}),
            "[{}]",
            app.engine
        );
        assert_eq!(
            this_year_after["bounds"], this_year["bounds"],
            "[{}]",
            app.engine
        );
        assert_eq!(
            this_year_after["warnings"], this_year["warnings"],
            "[{}]",
            app.engine
        );
        // A year added later starts from the bounds used last.
        let later = app
            .send(Call::post("/api/v1/school-years").token(&token).json(&json!({
                "name": "2028/29", "starts_on": "2028-08-14", "spring_starts_on": "2029-01-08", "ends_on": "2029-06-12"})))
            .await;
        assert_status!(app, later, StatusCode::CREATED);
        let later_id = later.body["id"].as_i64().expect("id");
        let later_roster = app
            .send(Call::get(&format!("/api/v1/groups?year={later_id}")).token(&token))
            .await;
        assert_eq!(
            later_roster.body["bounds"],
            json!({"min": 7, "max": 10}),
            "[{}]",
            app.engine
        );

        // A new music teacher arrives.
        let admin = app.login("admin@demo.test").await;
        let school = app.school_id(&admin, "Tallåsskolan").await;
        let created = app
            .send(Call::post("/api/v1/staff").token(&admin).json(&json!({
                "name": "Nora Nyanställd", "email": "nora.ny@demo.test", "schools": [school],
                "subjects": ["musik"], "stages": ["ak7_9"], "roles": ["larare"]})))
            .await;
        assert_status!(app, created, StatusCode::CREATED);
        let nora = created.body["id"].as_i64().expect("id");
        let again = app
            .send(
                Call::post("/api/v1/groups/formation")
                    .token(&token)
                    .json(&request),
            )
            .await;
        assert_status!(app, again, StatusCode::OK);
        let after = groups_of_kind(&again.body, "largrupp");
        assert_eq!(
            after.len(),
            before.len(),
            "[{}] no new group for one teacher",
            app.engine
        );
        for (id, members) in &before {
            let now = after.iter().find(|g| g["id"] == *id).expect("kept");
            assert_eq!(
                &member_ids(now)[..members.len()],
                &members[..],
                "[{}] nobody moved",
                app.engine
            );
        }
        let joined = after
            .iter()
            .find(|g| member_ids(g).contains(&nora))
            .expect("placed");
        assert_eq!(joined["subject"], "musik", "[{}]", app.engine);
        let reason = joined["members"]
            .as_array()
            .expect("members")
            .iter()
            .find(|m| m["id"] == nora)
            .expect("nora")["reason"]
            .clone();
        assert!(
            reason
                .as_str()
                .is_some_and(|r| r.contains("tillagd i befintlig grupp")),
            "[{}] {reason}",
            app.engine
        );
    }
}

#[tokio::test]
async fn principals_see_their_school_and_the_steering_group_exports_the_roster() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let own = app.school_id(&admin, "Tallåsskolan").await;
        let other = app.school_id(&admin, "Ekbackeskolan").await;
        let principal = app.login("rektor@demo.test").await;
        let reply = app
            .send(
                Call::get(&format!("/api/v1/groups/school-roster?school={own}")).token(&principal),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let rows = reply.body.as_array().expect("rows");
        assert!(rows.len() > 5, "[{}]", app.engine);
        assert!(
            rows.iter()
                .filter(|r| r["groups"]
                    .as_array()
                    .is_some_and(|g| g.iter().any(|g| g["kind"] == "largrupp")))
                .count()
                > 5,
            "[{}] the school's teachers are in learning groups",
            app.engine
        );
        let elsewhere = app
            .send(
                Call::get(&format!("/api/v1/groups/school-roster?school={other}"))
                    .token(&principal),
            )
            .await;
        assert_eq!(elsewhere.status, StatusCode::FORBIDDEN, "[{}]", app.engine);
        let teacher = app.login("larare@demo.test").await;
        let denied = app
            .send(Call::get(&format!("/api/v1/groups/school-roster?school={own}")).token(&teacher))
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "[{}]", app.engine);

        let steering = app.login("styrgrupp@demo.test").await;
        let csv = app
            .send(Call::get("/api/v1/groups/roster.csv").token(&steering))
            .await;
        assert_eq!(csv.status, StatusCode::OK, "[{}]", app.engine);
        assert!(
            csv.headers["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/csv"))
        );
        let text = String::from_utf8(csv.bytes).expect("utf-8");
        assert!(
            text.starts_with("\u{feff}grupp;typ;namn;e-post;skola;ämnen;ledare\r\n"),
            "[{}]",
            app.engine
        );
        assert!(text.contains(";Lärgrupp;"), "[{}]", app.engine);
        assert!(text.contains(";Rektorsgrupp;"), "[{}]", app.engine);
    }
}

#[tokio::test]
async fn a_teacher_chooses_which_subject_to_meet_colleagues_in() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&token)).await.body;
        let second = me["subjects"][1]
            .as_str()
            .expect("a second subject")
            .to_owned();
        let reply = app
            .send(
                Call::put("/api/v1/me/learning-subject")
                    .token(&token)
                    .json(&json!({"subject": second})),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let wrong = app
            .send(
                Call::put("/api/v1/me/learning-subject")
                    .token(&token)
                    .json(&json!({"subject": "hemkunskap"})),
            )
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(wrong.field(), Some("subject"), "[{}]", app.engine);
        // The refused choice left the earlier one in place, and "Mina grupper" shows it.
        let mine = app
            .send(Call::get("/api/v1/groups/mine").token(&token))
            .await;
        assert_eq!(
            mine.body["learning_subject"],
            json!(second),
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn the_directory_shows_each_colleagues_groups_and_nothing_across_municipalities() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let mine = app
            .send(Call::get("/api/v1/groups/mine").token(&token))
            .await
            .body;
        let me = app.send(Call::get("/api/v1/me").token(&token)).await.body;
        let my_id = me["id"].as_i64().expect("id");
        let learning = mine["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["kind"] == "largrupp")
            .expect("a learning group")
            .clone();
        let colleague = member_ids(&learning)
            .into_iter()
            .find(|p| *p != my_id)
            .expect("a colleague");
        let reply = app
            .send(
                Call::get(&format!(
                    "/api/v1/groups/memberships?people={my_id},{colleague}"
                ))
                .token(&token),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let rows = reply.body.as_array().expect("rows");
        assert_eq!(rows.len(), 2, "[{}]", app.engine);
        for row in rows {
            let names: Vec<&str> = row["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .map(|g| g["name"].as_str().expect("name"))
                .collect();
            assert_eq!(
                names[0], learning["name"],
                "[{}] learning group first",
                app.engine
            );
        }

        // Another municipality learns nothing about these people's groups.
        let outsider = app.login("admin@ovning.test").await;
        let theirs = app
            .send(
                Call::get(&format!(
                    "/api/v1/groups/memberships?people={my_id},{colleague}"
                ))
                .token(&outsider),
            )
            .await;
        assert_eq!(theirs.status, StatusCode::OK, "[{}]", app.engine);
        for row in theirs.body.as_array().expect("rows") {
            assert_eq!(row["groups"], json!([]), "[{}]", app.engine);
        }

        // Not a list of ids, or too many at once: 422 naming the parameter.
        let too_many = (1..=201)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        for query in ["people=1,x".to_owned(), format!("people={too_many}")] {
            let bad = app
                .send(Call::get(&format!("/api/v1/groups/memberships?{query}")).token(&token))
                .await;
            assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(bad.field(), Some("people"), "[{}]", app.engine);
        }
        let anonymous = app
            .send(Call::get("/api/v1/groups/memberships?people=1"))
            .await;
        assert_eq!(
            anonymous.status,
            StatusCode::UNAUTHORIZED,
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn the_steering_group_merges_two_small_groups_into_one() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let before = roster(&app, &token).await;
        let find = |name: &str| {
            before["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .find(|g| g["name"] == name)
                .unwrap_or_else(|| panic!("{name}"))
                .clone()
        };
        let (bild, musik, principals) = (
            find("Bild 7–9"),
            find("Musik 7–9"),
            find("Rektorsgrupp 2026/27"),
        );
        let merge = |from: &Value, into: &Value, version: &Value| {
            Call::post(&format!("/api/v1/groups/{}/merge", from["id"])).json(&json!({
                "into_group_id": into["id"], "version": version, "into_version": into["version"]}))
        };

        // Not the teacher's decision, and invisible to another municipality.
        let teacher = app.login("larare@demo.test").await;
        let reply = app
            .send(merge(&bild, &musik, &bild["version"]).token(&teacher))
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "[{}]", app.engine);
        let outsider = app.login("admin@ovning.test").await;
        let reply = app
            .send(merge(&bild, &musik, &bild["version"]).token(&outsider))
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "[{}]", app.engine);

        // Only with another group of the same kind.
        for into in [&principals, &bild] {
            let reply = app
                .send(merge(&bild, into, &bild["version"]).token(&token))
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some("into_group_id"), "[{}]", app.engine);
        }
        // A stale version is refused and changes nothing.
        let stale = json!(bild["version"].as_i64().expect("version") - 1);
        let reply = app.send(merge(&bild, &musik, &stale).token(&token)).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "[{}]", app.engine);
        assert_eq!(
            roster(&app, &token).await["groups"],
            before["groups"],
            "[{}]",
            app.engine
        );

        let reply = app
            .send(merge(&bild, &musik, &bild["version"]).token(&token))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let mut expected = member_ids(&musik);
        expected.extend(member_ids(&bild));
        assert_eq!(
            member_ids(&reply.body),
            expected,
            "[{}] Bild's members after Musik's",
            app.engine
        );
        let after = roster(&app, &token).await;
        assert!(
            !after["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .any(|g| g["id"] == bild["id"]),
            "[{}] Bild 7–9 is gone",
            app.engine
        );
        // Everyone is still in exactly one learning group, and the leaders' group follows.
        let leaders: Vec<i64> = groups_of_kind(&after, "largrupp")
            .iter()
            .flat_map(|g| leader_ids(g))
            .collect();
        let mut in_leaders_group = member_ids(groups_of_kind(&after, "ledargrupp")[0]);
        in_leaders_group.sort_unstable();
        let mut leaders = leaders;
        leaders.sort_unstable();
        leaders.dedup();
        assert_eq!(in_leaders_group, leaders, "[{}]", app.engine);
        let gone = app
            .send(Call::get(&format!("/api/v1/groups/{}", bild["id"])).token(&token))
            .await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND, "[{}]", app.engine);
    }
}
