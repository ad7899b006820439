//! Published protocols reach the group by e-mail through a real SMTP server on
//! loopback (Python's aiosmtpd), also when that server was down at first.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::helpers::{Call, engines};
use axum::http::StatusCode;
use chrono::Utc;
use kollegium_server::mail::{MailSettings, Mailer, deliver_due};
use serde_json::{Value, json};

/// The SMTP server, stopped when dropped.
struct Sink(Child);

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_sink(port: u16, file: &std::path::Path) -> Sink {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(port.to_string())
        .arg(file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (the mail tests need python3 with aiosmtpd: pip install aiosmtpd)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the SMTP server starts");
    assert_eq!(
        line.trim(),
        "listening",
        "the SMTP server did not start (is aiosmtpd installed? pip install aiosmtpd)"
    );
    Sink(child)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("addr")
        .port()
}

#[tokio::test]
async fn a_published_protocol_is_mailed_to_the_group_even_after_an_smtp_outage() {
    for app in engines().await {
        let port = free_port();
        let mailer = Mailer::new(&MailSettings {
            host: "127.0.0.1".into(),
            port: Some(port),
            security: "none".into(),
            user: None,
            password: None,
            from: "Kollegium <kollegium@demo.test>".into(),
        })
        .expect("mailer");

        // The teacher leads their group; a meeting not yet held gets a protocol.
        let teacher = app.login("larare@demo.test").await;
        let meetings = app
            .send(Call::get("/api/v1/meetings").token(&teacher))
            .await
            .body;
        // The learning group's third meeting (15:00; the leaders' group meets at 13:00).
        let meeting = meetings
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["start_time"] == "15:00")
            .nth(2)
            .expect("a meeting not yet held");
        let roster = app
            .send(Call::get(&format!("/api/v1/groups/{}", meeting["group_id"])).token(&teacher))
            .await
            .body;
        let mut members: Vec<String> = roster["members"]
            .as_array()
            .expect("members")
            .iter()
            .filter(|m| m["active"] == true)
            .map(|m| m["email"].as_str().expect("email").to_owned())
            .collect();
        members.sort();
        let path = format!("/api/v1/meetings/{}/protocol", meeting["id"]);
        let fields = json!({"fields": [
            {"key": "purpose", "text": "att pröva exit tickets"},
            {"key": "conclusions", "text": "Korta frågor ger ärliga svar."}
        ], "version": 0});
        let saved = app
            .send(Call::put(&path).token(&teacher).json(&fields))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
        let published = app
            .send(
                Call::post(&format!("{path}/publish"))
                    .token(&teacher)
                    .json(&json!({"version": 1})),
            )
            .await;
        assert_eq!(published.status, StatusCode::OK, "{:?}", published.body);

        // The SMTP server is down: the message stays, with the error and a later try.
        let now = Utc::now();
        let round = deliver_due(&app.store, &mailer, now).await.expect("round");
        assert_eq!((round.sent, round.failed), (0, 1), "[{}]", app.engine);
        let admin = app.login("admin@demo.test").await;
        let outbox = app.send(Call::get("/api/v1/outbox").token(&admin)).await;
        assert_eq!(outbox.status, StatusCode::OK);
        let waiting = outbox.body["messages"][0].clone();
        assert_eq!(waiting["attempts"], 1);
        assert!(waiting["sent_at"].is_null());
        assert!(
            waiting["last_error"]
                .as_str()
                .is_some_and(|e| !e.is_empty()),
            "{waiting}"
        );
        // Not tried again before its time.
        let early = deliver_due(&app.store, &mailer, now).await.expect("round");
        assert_eq!((early.sent, early.failed), (0, 0));

        // The server is back: the message goes, once.
        let dir = tempfile::tempdir().expect("dir");
        let received = dir.path().join("received.jsonl");
        let _sink = start_sink(port, &received);
        let later = now + chrono::Duration::minutes(5);
        let round = deliver_due(&app.store, &mailer, later)
            .await
            .expect("round");
        assert_eq!((round.sent, round.failed), (1, 0), "[{}]", app.engine);
        let again = deliver_due(&app.store, &mailer, later + chrono::Duration::hours(2))
            .await
            .expect("round");
        assert_eq!((again.sent, again.failed), (0, 0), "nothing is sent twice");

        let text = std::fs::read_to_string(&received).expect("a message arrived");
        let messages: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(messages.len(), 1, "[{}] {text}", app.engine);
        let mut to: Vec<String> = messages[0]["to"]
            .as_array()
            .expect("to")
            .iter()
            .map(|a| a.as_str().unwrap_or("").to_owned())
            .filter(|a| a != "kollegium@demo.test")
            .collect();
        to.sort();
        assert_eq!(to, members, "every member of the group");
        let data = messages[0]["data"].as_str().expect("data");
        assert!(data.contains("Subject: Protokoll:"), "{data}");
        assert!(
            data.contains("att pr") && data.contains("exit tickets"),
            "{data}"
        );
        assert!(
            !data.contains("Bcc:"),
            "the members' addresses are not shown: {data}"
        );

        let outbox = app
            .send(Call::get("/api/v1/outbox").token(&admin))
            .await
            .body;
        assert!(outbox["messages"][0]["sent_at"].is_string());
        assert_eq!(outbox["messages"][0]["attempts"], 2);
        assert_eq!(outbox["configured"], false, "this test app sends by hand");
        // Only administrators, and only their municipality's mail.
        assert_eq!(
            app.send(Call::get("/api/v1/outbox").token(&teacher))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let foreign = app.login("admin@ovning.test").await;
        let theirs = app
            .send(Call::get("/api/v1/outbox").token(&foreign))
            .await
            .body;
        assert!(
            theirs["messages"]
                .as_array()
                .is_some_and(|m| !m.iter().any(|x| x["subject"] == waiting["subject"])),
            "{theirs}"
        );
    }
}
