//! What publishing a protocol costs: the request's meeting, the caller's standing and
//! the group are read once and handed down, not again by each step.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Call, engines, statements};

/// The statements that read a group's members (the heaviest part of reading a group).
fn member_reads(run: &[String]) -> usize {
    run.iter()
        .filter(|s| s.starts_with("SELECT gm.group_id, p.id,"))
        .count()
}

#[tokio::test]
async fn publishing_a_protocol_reads_the_group_once() {
    statements::start();
    for app in engines().await {
        let group = app.teachers_group().await;
        let id = group.meetings[0]["id"].as_i64().expect("meeting");
        let next = group.roster["next_documenter"].as_i64();
        // The documenter of the day who does not lead: the one path that needs the
        // group to know who may write.
        let documenter = group.roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .find(|m| m["id"].as_i64() == next && m["leader"] == false)
            .and_then(|m: &Value| m["email"].as_str())
            .expect("a documenter who is not the leader")
            .to_owned();
        let token = app.login(&documenter).await;
        let path = format!("/api/v1/meetings/{id}/protocol");
        let saved = app
            .send(Call::put(&path).token(&token).json(&json!({
                "fields": [{"key": "purpose", "text": "Att pröva exit tickets"}],
                "version": 0
            })))
            .await;
        assert_status!(app, saved, StatusCode::OK);
        let request = format!("publish-{}", app.engine);
        let published = app
            .send(
                Call::post(&format!("{path}/publish"))
                    .token(&token)
                    .header("x-request-id", &request)
                    .json(&json!({"version": 1})),
            )
            .await;
        assert_status!(app, published, StatusCode::OK);
        let run = statements::of(&request);
        println!(
            "[{}] publishing a protocol: {} statements: {run:?}",
            app.engine,
            run.len()
        );
        assert_eq!(member_reads(&run), 1, "[{}] {run:?}", app.engine);
        assert!(run.len() <= 30, "[{}] {} statements", app.engine, run.len());
    }
}
