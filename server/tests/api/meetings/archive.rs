//! The archive of published protocols (Swedish search and filters, for everyone in the
//! municipality), the extra recipients of every protocol, and participants taken from
//! the attendance.

use crate::helpers::{Call, engines, read_pdf};
use axum::http::StatusCode;
use serde_json::{Value, json};

/// The marked words of a hit's snippet.
fn marked(hit: &Value) -> Vec<String> {
    hit["snippet"]
        .as_array()
        .expect("snippet")
        .iter()
        .filter(|s| s["hit"] == true)
        .filter_map(|s| s["text"].as_str())
        .map(str::to_lowercase)
        .collect()
}

/// Guests named in a protocol, in letters beyond Western European Latin.
const GUESTS: &str = "Łukasz Wiśniewski, Ayşe Yılmaz, Nguyễn Thị Hà";

#[tokio::test]
async fn everyone_searches_the_published_protocols_in_swedish_with_filters() {
    for app in engines().await {
        // The ICT strategist is in no learning group and still reads every protocol.
        let reader = app.login("ikt@demo.test").await;
        let all = app
            .send(Call::get("/api/v1/protocols").token(&reader))
            .await;
        assert_status!(app, all, StatusCode::OK);
        let total = all.body["total"].as_u64().expect("total");
        // Two each of the 19 learning groups, and the November meeting in 12 of them.
        assert_eq!(total, 50, "[{}] the demo's published protocols", app.engine);
        assert_eq!(all.body["hits"].as_array().map(Vec::len), Some(20));
        let days: Vec<&str> = all.body["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["starts_on"].as_str())
            .collect();
        assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first");
        assert_eq!(all.body["themes"], json!(["Bedömning och betyg"]));

        // Word forms: "bedömningsstödet" finds "bedömningsstödet" and "bedömningsstöd",
        // marked in the text.
        let found = app
            .send(Call::get("/api/v1/protocols?q=bed%C3%B6mningsst%C3%B6d").token(&reader))
            .await;
        assert_status!(app, found, StatusCode::OK);
        let hits = found.body["hits"].as_array().expect("hits").clone();
        let n = found.body["total"].as_u64().expect("total");
        assert!(n > 0 && n < total, "[{}] {n} of {total}", app.engine);
        for hit in &hits {
            assert!(
                marked(hit).iter().any(|w| w.starts_with("bedömningsstöd")),
                "{hit}"
            );
        }
        // A typo is corrected.
        let typo = app
            .send(Call::get("/api/v1/protocols?q=elevexenpel").token(&reader))
            .await;
        assert!(
            typo.body["total"].as_u64().unwrap_or(0) > 0,
            "{}",
            typo.body
        );
        assert!(typo.body["corrected"].is_string(), "{}", typo.body);

        // Filters: group, dates, subject.
        let group = hits[0]["group_id"].as_i64().expect("group");
        let of_group = app
            .send(Call::get(&format!("/api/v1/protocols?group={group}")).token(&reader))
            .await;
        let of_group_hits = of_group.body["hits"].as_array().expect("hits");
        // The first two of every group, and the November meeting in two groups of three.
        assert!(
            (2..=3).contains(&of_group_hits.len()),
            "two or three held meetings per group: {}",
            of_group_hits.len()
        );
        assert!(of_group_hits.iter().all(|h| h["group_id"] == group));
        let autumn = app
            .send(Call::get("/api/v1/protocols?from=2026-10-01&to=2026-10-31").token(&reader))
            .await;
        assert_eq!(
            autumn.body["total"].as_u64(),
            Some(19),
            "the October meeting of each group"
        );
        let subject = hits[0]["subject"]
            .as_str()
            .expect("a learning group's subject");
        let by_subject = app
            .send(Call::get(&format!("/api/v1/protocols?subject={subject}")).token(&reader))
            .await;
        assert!(
            by_subject.body["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .all(|h| h["subject"] == subject)
        );
        let stage = app
            .send(Call::get("/api/v1/protocols?stage=ak7_9").token(&reader))
            .await;
        assert_status!(app, stage, StatusCode::OK);
        assert!(
            stage.body["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .all(|h| h["stages"]
                    .as_array()
                    .is_some_and(|s| s.contains(&json!("ak7_9")))),
            "{}",
            stage.body
        );

        // A bad date names the field; another municipality sees none of these.
        let bad = app
            .send(Call::get("/api/v1/protocols?from=1%20okt").token(&reader))
            .await;
        assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.field(), Some("from"));
        let foreign = app.login("admin@ovning.test").await;
        let theirs = app
            .send(Call::get("/api/v1/protocols").token(&foreign))
            .await;
        assert_eq!(theirs.body["total"], 0);
        assert_status!(
            app,
            app.send(Call::get("/api/v1/protocols")).await,
            StatusCode::UNAUTHORIZED
        );
        let id = hits[0]["meeting_id"].as_i64().expect("meeting");
        assert_status!(
            app,
            app.send(Call::get(&format!("/api/v1/meetings/{id}/protocol")).token(&foreign))
                .await,
            StatusCode::NOT_FOUND
        );
        let read = app
            .send(Call::get(&format!("/api/v1/meetings/{id}/protocol")).token(&reader))
            .await;
        assert_status!(app, read, StatusCode::OK);
        assert!(read.body["published_at"].is_string());
    }
}

#[tokio::test]
async fn a_published_protocol_goes_to_the_configured_recipients_and_into_the_archive() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let foreign = app.login("admin@ovning.test").await;

        // Administrators set the extra recipients.
        assert_status!(
            app,
            app.send(Call::get("/api/v1/meetings/settings").token(&teacher))
                .await,
            StatusCode::FORBIDDEN
        );
        let settings = app
            .send(Call::get("/api/v1/meetings/settings").token(&admin))
            .await;
        assert_status!(app, settings, StatusCode::OK);
        assert_eq!(settings.body["recipients"], json!([]));
        let version = settings.body["version"].as_i64().expect("version");
        let bad = app
            .send(
                Call::put("/api/v1/meetings/settings")
                    .token(&admin)
                    .json(&json!({"recipients": ["styrgrupp@demo.test", "inte en adress"], "version": version})),
            )
            .await;
        assert_status!(app, bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.field(), Some("recipients"));
        assert!(bad.message().contains("e-postadress"));
        let body = json!({"recipients": [" Forvaltning@Demo.test ", "arkiv@demo.test", "arkiv@demo.test"], "version": version});
        let saved = app
            .send(
                Call::put("/api/v1/meetings/settings")
                    .token(&admin)
                    .json(&body),
            )
            .await;
        assert_status!(app, saved, StatusCode::OK);
        assert_eq!(
            saved.body["recipients"],
            json!(["forvaltning@demo.test", "arkiv@demo.test"])
        );
        assert_status!(
            app,
            app.send(
                Call::put("/api/v1/meetings/settings")
                    .token(&admin)
                    .json(&body)
            )
            .await,
            StatusCode::CONFLICT
        );
        // Another municipality's administrator sets their own, not these.
        let theirs = app
            .send(Call::get("/api/v1/meetings/settings").token(&foreign))
            .await;
        assert_eq!(theirs.body["recipients"], json!([]));

        // The teacher leads their group: attendance fills in the participants.
        let all = app
            .send(Call::get("/api/v1/meetings").token(&teacher))
            .await
            .body;
        let meeting = all
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["start_time"] == "15:00")
            .nth(2)
            .expect("the third meeting")
            .clone();
        let id = meeting["id"].as_i64().expect("id");
        let roster = app
            .send(Call::get(&format!("/api/v1/groups/{}", meeting["group_id"])).token(&teacher))
            .await
            .body;
        let members = roster["members"].as_array().expect("members").clone();
        for (i, m) in members.iter().enumerate() {
            let reply = app
                .send(
                    Call::put(&format!("/api/v1/meetings/{id}/attendance"))
                        .token(&teacher)
                        .json(&json!({"person_id": m["id"], "present": i != 1})),
                )
                .await;
            assert_status!(app, reply, StatusCode::OK);
        }
        let path = format!("/api/v1/meetings/{id}/protocol");
        let draft = app.send(Call::get(&path).token(&teacher)).await;
        let participants = draft.body["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .find(|f| f["key"] == "participants")
            .and_then(|f| f["text"].as_str())
            .expect("participants")
            .to_owned();
        let absent = members[1]["name"].as_str().expect("name");
        assert!(participants.contains(members[0]["name"].as_str().expect("name")));
        assert!(!participants.contains(absent), "{participants}");

        let word = "Pusselbitsmetoden";
        let saved = app
            .send(Call::put(&path).token(&teacher).json(&json!({
                "fields": [{"key": "discussed", "text": format!("{word} i problemlösning.")},
                           {"key": "participants", "text": format!("{participants}\nGäster: {GUESTS}")}],
                "version": 0
            })))
            .await;
        assert_status!(app, saved, StatusCode::OK);
        let published = app
            .send(
                Call::post(&format!("{path}/publish"))
                    .token(&teacher)
                    .json(&json!({"version": saved.body["version"]})),
            )
            .await;
        assert_status!(app, published, StatusCode::OK);
        let outbox = app.send(Call::get("/api/v1/outbox").token(&admin)).await;
        let recipients = outbox.body["messages"][0]["recipients"]
            .as_array()
            .expect("recipients")
            .clone();
        assert!(recipients.contains(&json!("forvaltning@demo.test")));
        assert!(recipients.contains(&json!("arkiv@demo.test")));
        assert!(recipients.contains(&json!("larare@demo.test")));
        assert_eq!(
            recipients.len(),
            members.iter().filter(|m| m["active"] == true).count() + 2,
            "each address once"
        );

        // As a PDF, read back by an independent parser (pypdf).
        let pdf = app
            .send(Call::get(&format!("{path}.pdf")).token(&foreign))
            .await;
        assert_status!(app, pdf, StatusCode::NOT_FOUND);
        let pdf = app
            .send(Call::get(&format!("{path}.pdf")).token(&admin))
            .await;
        assert_status!(app, pdf, StatusCode::OK);
        assert_eq!(
            pdf.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/pdf")
        );
        let read = read_pdf(&pdf.bytes);
        let text = read["text"].as_str().expect("text").to_owned();
        // Every name keeps its letters, in a tagged PDF in Swedish.
        for guest in GUESTS.split(", ") {
            assert!(text.contains(guest), "[{}] {guest} in {text}", app.engine);
        }
        assert_eq!(read["lang"], "sv");
        assert_eq!(read["marked"], true);
        assert!(
            read["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Protokoll")),
            "{read}"
        );
        let structure: Vec<&str> = read["structure"]
            .as_array()
            .expect("structure")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            structure.iter().filter(|k| **k == "/H1").count(),
            1,
            "{structure:?}"
        );
        assert!(
            structure.iter().filter(|k| **k == "/H2").count() >= 2,
            "{structure:?}"
        );
        assert!(structure.contains(&"/P"), "{structure:?}");
        assert!(
            text.contains(&format!(
                "Protokoll: {}",
                roster["name"].as_str().expect("name")
            )),
            "{text}"
        );
        assert!(text.contains("Vi pratade om"), "{text}");
        assert!(
            text.contains("Pusselbitsmetoden i problemlösning."),
            "{text}"
        );
        assert!(
            text.contains(members[0]["name"].as_str().expect("name")),
            "{text}"
        );

        // The archive finds it at once, by a word form of its text.
        let found = app
            .send(Call::get("/api/v1/protocols?q=pusselbitsmetod").token(&admin))
            .await;
        assert_eq!(found.body["total"], 1, "[{}] {}", app.engine, found.body);
        assert_eq!(found.body["hits"][0]["meeting_id"], id);
        // An amendment is searchable too.
        app.send(
            Call::post(&format!("{path}/amendments"))
                .token(&teacher)
                .json(&json!({"field": "conclusions", "text": "Vi provar lärloggar nästa gång."})),
        )
        .await;
        let found = app
            .send(Call::get("/api/v1/protocols?q=l%C3%A4rlogg").token(&admin))
            .await;
        assert_eq!(found.body["total"], 1, "[{}] {}", app.engine, found.body);
    }
}
