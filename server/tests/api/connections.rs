//! Slow and stalled clients, over real connections on loopback: unfinished headers,
//! unfinished bodies, idle kept-alive connections and too many connections are each
//! ended by the server's deadlines and bounds instead of being held. The database plays
//! no part here, so these run on the first engine only.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use kollegium_server::serve::{ConnectionLimits, serve_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{TestApp, engines};

/// Limits short enough for a test to wait them out.
const LIMITS: ConnectionLimits = ConnectionLimits {
    header_timeout: Duration::from_millis(800),
    body_timeout: Duration::from_millis(800),
    max_connections: 40,
};

/// Serves `app` on a loopback port with `limits` until the returned sender is dropped.
async fn serve(
    app: &TestApp,
    limits: ConnectionLimits,
) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = app.router.clone();
    tokio::spawn(async move {
        let _ = serve_with(listener, router, limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    (addr, stop)
}

/// Reads until the server closes the connection (or `limit` passes): what it sent, and
/// how long it took to close.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((started + limit).into(), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => {
                return (
                    String::from_utf8_lossy(&seen).into_owned(),
                    Some(started.elapsed()),
                );
            }
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&seen).into_owned(), None),
        }
    }
}

async fn first_app() -> TestApp {
    engines().await.into_iter().next().expect("an engine")
}

#[tokio::test]
async fn unfinished_headers_and_silent_connections_are_closed_at_the_header_deadline() {
    let app = first_app().await;
    let (addr, _stop) = serve(&app, LIMITS).await;
    let started = Instant::now();
    let mut silent = TcpStream::connect(addr).await.expect("connect");
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\nX-Slow: ")
        .await
        .expect("write");
    for stream in [&mut silent, &mut slow] {
        let (_, closed) = until_closed(stream, Duration::from_secs(5)).await;
        assert!(closed.is_some(), "closed by the server");
        // Both were opened at the start.
        let closed = started.elapsed();
        assert!(
            closed >= Duration::from_millis(700),
            "not before the deadline: {closed:?}"
        );
        assert!(closed < Duration::from_secs(3), "soon after it: {closed:?}");
    }
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_closed_at_the_deadline_all_the_same() {
    let app = first_app().await;
    let (addr, _stop) = serve(&app, LIMITS).await;
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    // A byte every 100 ms keeps the connection busy but never finishes the headers.
    for byte in b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let closed = started.elapsed();
    let (_, end) = until_closed(&mut stream, Duration::from_secs(3)).await;
    assert!(end.is_some(), "closed by the server");
    assert!(
        closed < Duration::from_secs(3),
        "within the deadline, busy or not: {closed:?}"
    );
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_deadline() {
    let app = first_app().await;
    let (addr, _stop) = serve(&app, LIMITS).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\n\r\n")
        .await
        .expect("write");
    let (seen, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    assert!(
        closed.is_some_and(|c| c < Duration::from_secs(3)),
        "{closed:?}"
    );
}

#[tokio::test]
async fn an_unfinished_body_gets_408_and_a_body_declared_too_large_413_at_once() {
    let app = first_app().await;
    let (addr, _stop) = serve(&app, LIMITS).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: kollegium\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
        )
        .await
        .expect("write");
    let (seen, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(seen.starts_with("HTTP/1.1 408"), "{seen}");
    assert!(
        seen.contains("\"request_timeout\""),
        "in the error body: {seen}"
    );
    assert!(closed.is_some(), "and the connection ends");

    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let started = Instant::now();
    stream
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: kollegium\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n",
        )
        .await
        .expect("write");
    let mut buf = [0u8; 1024];
    let n = tokio::time::timeout(Duration::from_millis(500), stream.read(&mut buf))
        .await
        .expect("an answer without waiting for the body")
        .expect("read");
    let seen = String::from_utf8_lossy(&buf[..n]);
    assert!(seen.starts_with("HTTP/1.1 413"), "{seen}");
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn connections_over_the_bound_are_closed_at_once_and_the_rest_are_served() {
    let app = first_app().await;
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(30),
        ..LIMITS
    };
    let (addr, _stop) = serve(&app, limits).await;
    let mut held = Vec::new();
    for _ in 0..limits.max_connections {
        held.push(TcpStream::connect(addr).await.expect("connect"));
    }
    // Let the server take them all in.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = TcpStream::connect(addr)
        .await
        .expect("the listener still accepts");
    let (_, closed) = until_closed(&mut over, Duration::from_secs(2)).await;
    assert!(closed.is_some(), "one over the bound is closed at once");
    // A held connection is still served.
    let stream = &mut held[0];
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let (seen, _) = until_closed(stream, Duration::from_secs(5)).await;
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    // With the held ones gone, new connections are served again.
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fresh = TcpStream::connect(addr).await.expect("connect");
    fresh
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let (seen, _) = until_closed(&mut fresh, Duration::from_secs(5)).await;
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
}
