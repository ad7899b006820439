//! `cargo xtask bench`: figures for the closing notes, not timed tests.
//!
//! - the size of the start page's first download (wasm + js + css), raw, gzip, brotli;
//! - `GET /api/v1/me` on SQLite at a fixed rate (default 1,000 requests per second for
//!   30 s) with `oha`, a load tool from crates.io (installed with `cargo install oha`
//!   when missing), against a release build on loopback.
//!
//! - the colleague directory's search over 5,000 imported people, at `--search-rate`
//!   (default 200) requests per second.
//!
//! - with `--formation` (alone): the formation preview in Chromium for the demo
//!   municipality with 5,000 more teachers, timed by the page itself.
//!
//! - with `--wheel` (alone): the demo municipality's wheel filled to 300 activities; the
//!   time to make a person's calendar feed (over HTTP, release build), and in Chromium at
//!   1024×768 with the CPU slowed 4×, the time to draw the wheel and the frames per
//!   second while an activity is dragged (`tests/e2e/bench/wheel.mjs`).
//!
//! - with `--showcase` (alone): a project's public page opened signed out with an empty
//!   cache: bytes over the network, requests, wasm parts and the time until it shows,
//!   as it is and with 4× CPU slowdown and a slow network (`tests/e2e/bench/showcase.mjs`).
//!
//! - with `--library` (alone, no site built): 10,000 library items imported; search
//!   latency (p50, p99) for Swedish queries with and without filters, the search
//!   index's size and a 100 MB upload, on SQLite and, with
//!   `KOLLEGIUM_BENCH_DATABASE_URL`, on PostgreSQL in the same run (see `library.rs`).
//!
//! - with `--burst` (alone): the end of a municipality-wide meeting slot, 400 teachers
//!   autosaving their plans every 5 s for 5 minutes while 30 protocols are published
//!   (see `burst.rs`; `--teachers`, `--minutes`, `--publishes`).
//!
//! - with `--followup` (alone): `GET /api/v1/follow-up` for 5,000 more teachers in
//!   their learning groups with six held meetings each (see `followup.rs`).
//!
//! - with `--goals` (alone): `GET /api/v1/goals` before and after 5,000 more teachers
//!   each have a goal of their own (see `goals.rs`).
//!
//! - with `--results` (alone): importing 40 schools × 10 school years × 20 subjects of
//!   results, and `GET /api/v1/results` before and after (see `results.rs`).
//!
//! - with `--signins` (alone, no site built): a sign-in storm, 2,000 teachers 16 at a
//!   time, and the server's memory through it (see `signins.rs`).
//!
//! - with `--reads` (alone): a teacher's reads and the site's files at 5,000 and
//!   10,000 requests per second (see `reads.rs`).
//!
//! `--signins`, `--reads` and `--library` take `--baseline REV`: the server at commit REV is built
//! beside the current one and measured first, in the same run (see `baseline.rs`).
//!
//! Options: `--rate N`, `--seconds N`, `--search-rate N`, `--size-only`, `--formation`,
//! `--wheel`, `--showcase`, `--library`, `--burst`. With
//! `KOLLEGIUM_BENCH_DATABASE_URL` (an empty PostgreSQL database) the server runs on it
//! instead of a fresh SQLite file.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::e2e::start_server;
use crate::{build_server, site, status};

/// The `p`th percentile of sorted durations, in milliseconds.
fn ms(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len().saturating_sub(1)) as f64).round() as usize;
    sorted.get(rank).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// `GET path` as `token`, `samples` times one at a time after five to warm up: p50,
/// p99 and max in ms, and the answer's size in bytes.
pub(crate) fn time_get(
    addr: SocketAddr,
    path: &str,
    token: &str,
    samples: u64,
) -> anyhow::Result<(f64, f64, f64, usize)> {
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 0..samples + 5 {
        let (status, body, took) = request(addr, "GET", path, token, None)?;
        if status != 200 {
            bail!("GET {path}: {status} {body}");
        }
        if i >= 5 {
            times.push(took);
        }
        bytes = body.len();
    }
    times.sort();
    Ok((ms(&times, 50.0), ms(&times, 99.0), ms(&times, 100.0), bytes))
}

pub(crate) fn option(args: &[String], name: &str, default: u64) -> anyhow::Result<u64> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .context("missing value")?
            .parse()
            .with_context(|| format!("{name} takes a number")),
        None => Ok(default),
    }
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    // The server's own figures need no site.
    if args.iter().any(|a| a == "--signins") {
        return crate::signins::run(root, args);
    }
    if args.iter().any(|a| a == "--library") {
        return crate::library::run(root, args);
    }
    if args.iter().any(|a| a == "--reads") {
        if !args.iter().any(|a| a == "--api-only") {
            site::build(root)?.print();
        }
        return crate::reads::run(root, args);
    }
    let report = site::build(root)?;
    report.print();
    if args.iter().any(|a| a == "--size-only") {
        return Ok(());
    }
    if args.iter().any(|a| a == "--formation") {
        return formation_in_browser(root);
    }
    if args.iter().any(|a| a == "--wheel") {
        return wheel(root);
    }
    if args.iter().any(|a| a == "--showcase") {
        return showcase(root);
    }
    if args.iter().any(|a| a == "--burst") {
        return crate::burst::run(root, args);
    }
    if args.iter().any(|a| a == "--followup") {
        return crate::followup::run(root, args);
    }
    if args.iter().any(|a| a == "--goals") {
        return crate::goals::run(root, args);
    }
    if args.iter().any(|a| a == "--results") {
        return crate::results::run(root, args);
    }
    if args.iter().any(|a| a == "--slow-clients") {
        return crate::slow::run(root, args);
    }
    let rate = option(args, "--rate", 1000)?;
    let seconds = option(args, "--seconds", 30)?;

    ensure_oha()?;
    let (server, engine) = bench_server(root, &[])?;
    let token = login(server.addr, "larare@demo.test", "kollegium")?;
    eprintln!("==> GET /api/v1/me at {rate} requests/s for {seconds} s ({engine}, release build)");
    status(
        Command::new("oha")
            .args([
                "--no-tui",
                "-z",
                &format!("{seconds}s"),
                "-q",
                &rate.to_string(),
                "-c",
                "50",
            ])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .arg(format!("http://{}/api/v1/me", server.addr)),
    )?;

    let search_rate = option(args, "--search-rate", 200)?;
    let admin = login(server.addr, "admin@demo.test", "kollegium")?;
    let file = staff_file(5000);
    let started = std::time::Instant::now();
    post(
        server.addr,
        "/api/v1/staff/import/preview",
        &admin,
        "text/csv",
        file.as_bytes(),
    )?;
    eprintln!(
        "==> previewed 5,000 people in {:.2} s ({engine})",
        started.elapsed().as_secs_f64()
    );
    let started = std::time::Instant::now();
    let answer = post(
        server.addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        file.as_bytes(),
    )?;
    let status_line = answer.lines().next().unwrap_or_default();
    eprintln!(
        "==> imported 5,000 people in {:.2} s ({engine}, {status_line})",
        started.elapsed().as_secs_f64()
    );
    for query in [
        "q=matematik&per_page=30",
        "q=person%2049&subject=matematik&stage=ak4_6&per_page=30",
    ] {
        eprintln!(
            "==> GET /api/v1/staff?{query} at {search_rate} requests/s for {seconds} s over 5,150 people"
        );
        status(
            Command::new("oha")
                .args([
                    "--no-tui",
                    "-z",
                    &format!("{seconds}s"),
                    "-q",
                    &search_rate.to_string(),
                    "-c",
                    "20",
                ])
                .args(["-H", &format!("Authorization: Bearer {token}")])
                .arg(format!("http://{}/api/v1/staff?{query}", server.addr)),
        )?;
    }
    Ok(())
}

/// Installs `oha`, the load tool, from crates.io when it is missing.
pub(crate) fn ensure_oha() -> anyhow::Result<()> {
    if Command::new("oha").arg("--version").output().is_err() {
        status(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["install", "oha", "--locked"]),
        )?;
    }
    Ok(())
}

/// Imports 5,000 teachers into the demo municipality and times the formation preview
/// in Chromium with `tests/e2e/bench/formation.mjs`.
fn formation_in_browser(root: &Path) -> anyhow::Result<()> {
    let server_bin = build_server(true)?;
    let server = start_server(
        &server_bin,
        &root.join("target").join("site"),
        &[("RUST_LOG", "warn")],
    )?;
    let admin = login(server.addr, "admin@demo.test", "kollegium")?;
    post(
        server.addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        staff_file(5000).as_bytes(),
    )?;
    let dir = root.join("tests").join("e2e");
    status(
        Command::new("node")
            .arg("bench/formation.mjs")
            .current_dir(&dir)
            .env("BASE_URL", format!("http://{}", server.addr)),
    )
}

/// Fills the demo wheel to 300 activities, times a person's calendar feed over HTTP and
/// the wheel's drawing and dragging in Chromium with `tests/e2e/bench/wheel.mjs`.
fn wheel(root: &Path) -> anyhow::Result<()> {
    let server_bin = build_server(true)?;
    let server = start_server(
        &server_bin,
        &root.join("target").join("site"),
        &[("RUST_LOG", "warn")],
    )?;
    let editor = login(server.addr, "styrgrupp@demo.test", "kollegium")?;
    let wheel = get(server.addr, "/api/v1/wheel", &editor)?;
    let wheel: serde_json::Value = serde_json::from_str(&wheel)?;
    let rings: Vec<i64> = wheel["rings"]
        .as_array()
        .context("rings")?
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    let have = wheel["activities"].as_array().map_or(0, Vec::len);
    let start = wheel["school_year"]["starts_on"]
        .as_str()
        .and_then(kollegium_shared::date::Date::parse)
        .context("the year's start")?;
    // Spread over the rings and the year: one to five days each, some with a time.
    for i in have..300 {
        let first = start.add_days((i as i64 * 37) % 300);
        let last = first.add_days((i as i64) % 5);
        let timed = i % 3 == 0;
        let body = serde_json::json!({
            "ring_id": rings[i % rings.len()], "title": format!("Aktivitet {i}"),
            "starts_on": first.to_string(), "ends_on": if timed { first.to_string() } else { last.to_string() },
            "start_time": timed.then_some("13:00"), "end_time": timed.then_some("15:00"),
            "audience": {"kind": "everyone"},
        });
        post(
            server.addr,
            "/api/v1/wheel/activities",
            &editor,
            "application/json",
            body.to_string().as_bytes(),
        )?;
    }
    eprintln!("==> the demo wheel holds 300 activities");
    let teacher = login(server.addr, "larare@demo.test", "kollegium")?;
    let made = post(
        server.addr,
        "/api/v1/me/calendar-feed",
        &teacher,
        "application/json",
        b"{}",
    )?;
    let (_, body) = made.split_once("\r\n\r\n").context("no body")?;
    let feed: serde_json::Value = serde_json::from_str(body.trim())?;
    let path = feed["url"].as_str().context("the feed's URL")?.to_owned();
    let mut samples = Vec::new();
    let mut events = 0;
    for _ in 0..101 {
        let started = std::time::Instant::now();
        let body = get(server.addr, &path, "")?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        events = body.matches("BEGIN:VEVENT").count();
    }
    samples.sort_by(f64::total_cmp);
    eprintln!(
        "==> a teacher's calendar feed ({events} events of 300 activities): median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} requests (release build, SQLite, loopback)",
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
        samples[samples.len() - 1],
        samples.len()
    );
    let dir = root.join("tests").join("e2e");
    status(
        Command::new("node")
            .arg("bench/wheel.mjs")
            .current_dir(&dir)
            .env("BASE_URL", format!("http://{}", server.addr)),
    )
}

/// A project's public page opened signed out in Chromium with an empty cache:
/// `tests/e2e/bench/showcase.mjs`.
fn showcase(root: &Path) -> anyhow::Result<()> {
    let server_bin = build_server(true)?;
    let server = start_server(
        &server_bin,
        &root.join("target").join("site"),
        &[("RUST_LOG", "warn")],
    )?;
    status(
        Command::new("node")
            .arg("bench/showcase.mjs")
            .current_dir(root.join("tests").join("e2e"))
            .env("BASE_URL", format!("http://{}", server.addr)),
    )
}

/// A release build of the server with the demo data, on a fresh SQLite file or on the
/// PostgreSQL database in `KOLLEGIUM_BENCH_DATABASE_URL`; and the engine's name.
pub(crate) fn bench_server(
    root: &Path,
    extra: &[(&str, &str)],
) -> anyhow::Result<(crate::e2e::ServerProcess, &'static str)> {
    let server_bin = build_server(true)?;
    start_bench_server(root, &server_bin, extra)
}

/// Starts the release build `server_bin` with the demo data, on SQLite or on
/// `KOLLEGIUM_BENCH_DATABASE_URL`; returns it and the engine's name.
pub(crate) fn start_bench_server(
    root: &Path,
    server_bin: &Path,
    extra: &[(&str, &str)],
) -> anyhow::Result<(crate::e2e::ServerProcess, &'static str)> {
    let database = std::env::var("KOLLEGIUM_BENCH_DATABASE_URL").ok();
    let mut env = vec![("RUST_LOG", "warn")];
    env.extend_from_slice(extra);
    if let Some(url) = database.as_deref() {
        env.push(("KOLLEGIUM_DATABASE_URL", url));
    }
    let engine = if database.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let server = start_server(server_bin, &root.join("target").join("site"), &env)?;
    Ok((server, engine))
}

/// One HTTP/1.1 exchange: the status, the body and how long it took.
pub(crate) fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
) -> anyhow::Result<(u16, String, Duration)> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.unwrap_or("");
    let auth = if token.is_empty() {
        String::new()
    } else {
        format!("Authorization: Bearer {token}\r\n")
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let took = started.elapsed();
    let status: u16 = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .context("no status in the answer")?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body, took))
}

/// GETs `path` over plain HTTP/1.1 (with a token unless empty) and returns the body.
pub(crate) fn get(addr: SocketAddr, path: &str, token: &str) -> anyhow::Result<String> {
    let (status, body, _) = request(addr, "GET", path, token, None)?;
    anyhow::ensure!(status == 200, "GET {path}: {status}");
    Ok(body)
}

/// A staff file of `n` generated people spread over the demo schools.
pub(crate) fn staff_file(n: usize) -> String {
    let schools = [
        "Ekbackeskolan",
        "Solrosskolan",
        "Tallåsskolan",
        "Björkhagaskolan",
        "Lindvallskolan",
        "Ängsskolan",
    ];
    let subjects = [
        "svenska",
        "matematik",
        "engelska",
        "bild",
        "idrott och hälsa",
        "musik",
        "matematik, fysik",
    ];
    let stages = ["F-3", "4-6", "7-9", "fritids"];
    let mut file = String::from("namn;e-post;skola;ämnen;stadier;roller;titel\n");
    for i in 0..n {
        file.push_str(&format!(
            "Person {i};{};{};\"{}\";{};lärare;\n",
            staff_email(i),
            schools[i % schools.len()],
            subjects[i % subjects.len()],
            stages[i % stages.len()]
        ));
    }
    file
}

/// The address of the `i`th person of [`staff_file`].
pub(crate) fn staff_email(i: usize) -> String {
    format!("person{i}@bench.test")
}

/// Sends a POST over plain HTTP/1.1 and returns the answer (a 2xx, else an error).
pub(crate) fn post(
    addr: SocketAddr,
    path: &str,
    token: &str,
    content_type: &str,
    body: &[u8],
) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let line = response.lines().next().unwrap_or_default().to_owned();
    anyhow::ensure!(
        line.starts_with("HTTP/1.1 2"),
        "POST {path} answered {line}: {}",
        response.lines().last().unwrap_or_default()
    );
    Ok(response)
}

/// Signs in over plain HTTP/1.1 and returns the token.
pub(crate) fn login(addr: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({"email": email, "password": password}).to_string();
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let Some((_, json)) = response.split_once("\r\n\r\n") else {
        bail!("no body in the sign-in answer")
    };
    let value: serde_json::Value =
        serde_json::from_str(json.trim()).context("reading the sign-in answer")?;
    value["token"]
        .as_str()
        .map(str::to_owned)
        .context("no token in the sign-in answer")
}
