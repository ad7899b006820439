//! `cargo xtask bench`: figures for the closing notes, not timed tests.
//!
//! - the size of the start page's first download (wasm + js + css), raw, gzip, brotli;
//! - `GET /api/v1/me` on SQLite at a fixed rate (default 1,000 requests per second for
//!   30 s) with `oha`, a load tool from crates.io (installed with `cargo install oha`
//!   when missing), against a release build on loopback.
//!
//! Options: `--rate N`, `--seconds N`, `--size-only`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::e2e::start_server;
use crate::{build_server, site, status};

fn option(args: &[String], name: &str, default: u64) -> anyhow::Result<u64> {
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
    let report = site::build(root)?;
    report.print();
    if args.iter().any(|a| a == "--size-only") {
        return Ok(());
    }
    let rate = option(args, "--rate", 1000)?;
    let seconds = option(args, "--seconds", 30)?;

    if Command::new("oha").arg("--version").output().is_err() {
        status(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["install", "oha", "--locked"]),
        )?;
    }
    let server_bin = build_server(true)?;
    let server = start_server(
        &server_bin,
        &root.join("target").join("site"),
        &[("RUST_LOG", "warn")],
    )?;
    let token = login(server.addr, "larare@demo.test", "kollegium")?;
    eprintln!("==> GET /api/v1/me at {rate} requests/s for {seconds} s (SQLite, release build)");
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
    Ok(())
}

/// Signs in over plain HTTP/1.1 and returns the token.
fn login(addr: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
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
