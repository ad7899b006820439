//! `cargo xtask bench --reads`: what every teacher's page load asks for, at a fixed
//! rate with `oha` (default 5,000 requests per second for 10 s each, 100 connections),
//! against a release build on loopback with the demo data: the server's own health
//! answer, the teacher's `/me`, `/groups/mine`, `/meetings`, one meeting, the start
//! page's other calls, and `index.html` and a hashed file at twice the rate. Reports
//! the rate reached, p50, p99 and the share of answers that were not 200. With
//! `--baseline REV` the server at commit REV is measured first in the same run, then
//! the current one. SQLite by default, PostgreSQL with `KOLLEGIUM_BENCH_DATABASE_URL`.
//!
//! Options: `--rate N`, `--seconds N`, `--connections N`, `--api-only` (the API's
//! paths alone, without building the site).

use std::path::Path;
use std::process::Command;

use anyhow::Context;
use serde_json::Value;

use crate::baseline::contenders;
use crate::bench::{get, login, option, start_bench_server};
use crate::signins::empty_bench_database;

/// One path's figures.
struct Figures {
    path: String,
    rate: u64,
    reached: f64,
    p50: f64,
    p99: f64,
    failed: f64,
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let rate = option(args, "--rate", 5000)?;
    let seconds = option(args, "--seconds", 10)?;
    let connections = option(args, "--connections", 100)?;
    let api_only = args.iter().any(|a| a == "--api-only");
    crate::bench::ensure_oha()?;
    let servers = contenders(root, args)?;
    let mut all = Vec::new();
    for server in &servers {
        empty_bench_database()?;
        let (process, engine) = start_bench_server(root, &server.binary, &[])?;
        let addr = process.addr;
        let teacher = login(addr, "larare@demo.test", "kollegium")?;
        let meetings: Value = serde_json::from_str(&get(addr, "/api/v1/meetings", &teacher)?)?;
        let meeting = meetings
            .as_array()
            .and_then(|m| m.first())
            .and_then(|m| m["id"].as_i64())
            .context("the demo teacher has a meeting")?;
        let site = if api_only {
            Vec::new()
        } else {
            let index = get(addr, "/index.html", "")?;
            let hashed = index
                .split(['"', '\''])
                .find(|s| {
                    s.starts_with('/')
                        && [".js", ".css", ".wasm"].iter().any(|end| s.ends_with(end))
                })
                .context("a hashed file named in index.html")?
                .to_owned();
            vec!["/index.html".to_owned(), hashed]
        };
        let api = [
            "/api/v1/health".to_owned(),
            "/api/v1/me".to_owned(),
            "/api/v1/groups/mine".to_owned(),
            "/api/v1/meetings".to_owned(),
            format!("/api/v1/meetings/{meeting}"),
            "/api/v1/follow-up/todo".to_owned(),
            "/api/v1/library/front".to_owned(),
        ];
        let mut figures = Vec::new();
        for path in &api {
            figures.push(load(addr, path, &teacher, rate, seconds, connections)?);
        }
        for path in &site {
            figures.push(load(addr, path, "", rate * 2, seconds, connections)?);
        }
        all.push((server.label.clone(), engine, figures));
    }
    eprintln!(
        "\n==> reads at a fixed rate, {seconds} s each, {connections} connections (release build, {} cores, oha on the same machine)",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    eprintln!(
        "| path | asked per s | {} |",
        all.iter()
            .map(|(l, e, _)| format!("{l} ({e}): reached per s, p50 / p99 ms, not 200"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    eprintln!("| --- | --- |{}", " --- |".repeat(all.len()));
    let rows = all.first().map_or(0, |(_, _, f)| f.len());
    for i in 0..rows {
        let first = &all[0].2[i];
        let cells: Vec<String> = all
            .iter()
            .map(|(_, _, f)| {
                let f = &f[i];
                format!(
                    "{:.0}, {:.1} / {:.1}, {:.1} %",
                    f.reached,
                    f.p50,
                    f.p99,
                    f.failed * 100.0
                )
            })
            .collect();
        eprintln!(
            "| {} | {} | {} |",
            first.path,
            first.rate,
            cells.join(" | ")
        );
    }
    Ok(())
}

/// `path` at `rate` per second for `seconds` with `oha`; its figures.
fn load(
    addr: std::net::SocketAddr,
    path: &str,
    token: &str,
    rate: u64,
    seconds: u64,
    connections: u64,
) -> anyhow::Result<Figures> {
    let mut cmd = Command::new("oha");
    cmd.args([
        "--no-tui",
        "--output-format",
        "json",
        "-z",
        &format!("{seconds}s"),
        "-q",
        &rate.to_string(),
        "-c",
        &connections.to_string(),
    ]);
    if !token.is_empty() {
        cmd.args(["-H", &format!("Authorization: Bearer {token}")]);
    }
    cmd.arg(format!("http://{addr}{path}"));
    eprintln!("==> {path} at {rate} per second for {seconds} s");
    let out = cmd.output().context("running oha")?;
    anyhow::ensure!(
        out.status.success(),
        "oha: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).context("oha's report")?;
    let codes = report["statusCodeDistribution"]
        .as_object()
        .context("status codes")?;
    let total: u64 = codes.values().filter_map(Value::as_u64).sum();
    let ok = codes.get("200").and_then(Value::as_u64).unwrap_or(0);
    let errors: u64 = report["errorDistribution"]
        .as_object()
        .map_or(0, |e| e.values().filter_map(Value::as_u64).sum());
    let answered = total + errors;
    let ms = |p: &str| report["latencyPercentiles"][p].as_f64().unwrap_or(0.0) * 1000.0;
    Ok(Figures {
        path: path.to_owned(),
        rate,
        reached: ok as f64 / seconds as f64,
        p50: ms("p50"),
        p99: ms("p99"),
        failed: if answered == 0 {
            1.0
        } else {
            (answered - ok) as f64 / answered as f64
        },
    })
}
