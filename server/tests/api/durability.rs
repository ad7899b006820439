//! Nothing acknowledged is lost: the `kollegium` server is killed (SIGKILL) in the
//! middle of autosave traffic, started again on the same database, and every plan save
//! it had answered 200 to is still there.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::helpers::{TestApp, engines};
use serde_json::{Value, json};

const SECRET: &str = "durability-test-secret-0123456789-abcdef";

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(app: &TestApp, data: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let child = Command::new(env!("CARGO_BIN_EXE_kollegium"))
        .arg("serve")
        .env("KOLLEGIUM_DATABASE_URL", &app.url)
        .env("KOLLEGIUM_DATA_DIR", data)
        .env("KOLLEGIUM_SITE_DIR", data)
        .env("KOLLEGIUM_ADDR", addr.to_string())
        .env("KOLLEGIUM_JWT_SECRET", SECRET)
        .env("RUST_LOG", "error")
        .env_remove("KOLLEGIUM_SMTP_HOST")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kollegium");
    let server = Server { child, addr };
    let deadline = Instant::now() + Duration::from_secs(30);
    while http(addr, "GET", "/api/v1/health", "", None).map(|r| r.0) != Some(200) {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// One HTTP/1.1 exchange; `None` when the server does not answer.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let auth = if token.is_empty() {
        String::new()
    } else {
        format!("Authorization: Bearer {token}\r\n")
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.get(9..12)?.parse().ok()?;
    let (_, json) = response.split_once("\r\n\r\n")?;
    Some((status, serde_json::from_str(json).unwrap_or(Value::Null)))
}

fn login(addr: SocketAddr, email: &str) -> String {
    let (status, body) = http(
        addr,
        "POST",
        "/api/v1/auth/login",
        "",
        Some(&json!({"email": email, "password": kollegium_server::demo::DEMO_PASSWORD})),
    )
    .expect("an answer");
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().expect("token").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_keeps_every_save_it_acknowledged() {
    for app in engines().await {
        let data = tempfile::tempdir().expect("data dir");
        let server = start(&app, data.path());
        let token = login(server.addr, "larare@demo.test");
        let (_, meetings) =
            http(server.addr, "GET", "/api/v1/meetings", &token, None).expect("meetings");
        let ids: Vec<i64> = meetings
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["status"] == "planerad")
            .filter_map(|m| m["id"].as_i64())
            .collect();
        assert!(ids.len() >= 3, "{meetings}");

        // A writer per meeting saves as fast as it is answered, remembering the last save
        // the server acknowledged; the server is killed while they write.
        let stop = AtomicBool::new(false);
        let addr = server.addr;
        let acknowledged: Vec<(i64, i64, String)> = std::thread::scope(|scope| {
            let writers: Vec<_> = ids
                .iter()
                .map(|&id| {
                    let (token, stop) = (&token, &stop);
                    scope.spawn(move || {
                        let mut last = (id, 0_i64, String::new());
                        let mut n = 0;
                        while !stop.load(Ordering::Relaxed) {
                            n += 1;
                            let text = format!("Insats {n} för träff {id}");
                            let body = json!({"fields": [{"key": "focus", "text": text}], "shared": false, "version": last.1});
                            match http(addr, "PUT", &format!("/api/v1/meetings/{id}/plan"), token, Some(&body)) {
                                Some((200, answer)) => {
                                    last = (id, answer["version"].as_i64().expect("version"), text);
                                }
                                Some((status, answer)) => panic!("save answered {status}: {answer}"),
                                None => break,
                            }
                        }
                        last
                    })
                })
                .collect();
            std::thread::sleep(Duration::from_millis(1500));
            let mut server = server;
            let _ = server.child.kill();
            let _ = server.child.wait();
            stop.store(true, Ordering::Relaxed);
            writers
                .into_iter()
                .map(|w| w.join().expect("writer"))
                .collect()
        });
        assert!(
            acknowledged.iter().all(|(_, v, _)| *v >= 3),
            "[{}] the writers got going before the kill: {acknowledged:?}",
            app.engine
        );

        // Started again on the same database: every acknowledged save is there (a save
        // cut off before its answer may be there too, one version on).
        let server = start(&app, data.path());
        let token = login(server.addr, "larare@demo.test");
        for (id, version, text) in &acknowledged {
            let (status, plan) = http(
                server.addr,
                "GET",
                &format!("/api/v1/meetings/{id}/plan"),
                &token,
                None,
            )
            .expect("plan");
            assert_eq!(status, 200);
            let stored = plan["version"].as_i64().expect("version");
            assert!(
                stored == *version || stored == version + 1,
                "[{}] meeting {id}: acknowledged version {version}, stored {stored}",
                app.engine
            );
            if stored == *version {
                let focus = plan["fields"]
                    .as_array()
                    .and_then(|f| f.iter().find(|f| f["key"] == "focus"))
                    .map(|f| f["text"].clone());
                assert_eq!(
                    focus,
                    Some(Value::from(text.as_str())),
                    "[{}] {plan}",
                    app.engine
                );
            }
        }
    }
}
