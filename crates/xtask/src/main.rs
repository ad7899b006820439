//! `cargo xtask`: build the site, run the product with demo data, run every test.
//!
//! - `cargo xtask run`: build the browser app and the server, seed the demo data into
//!   an empty database, and serve on http://127.0.0.1:8080.
//! - `cargo xtask test`: formatting, lints, unit and API tests (SQLite, and PostgreSQL
//!   when `KOLLEGIUM_TEST_POSTGRES_URL` is set), browser tests in headless Chromium, then
//!   the fuzz test.
//! - `cargo xtask site`: build the site only. `cargo xtask e2e`: browser tests only.
//! - `cargo xtask fuzz [--seconds N]`: the OpenAPI document validated and every
//!   operation fuzzed (also part of `test`).
//! - `cargo xtask bench`: bundle size and `/api/v1/me` under load; `--slow-clients`
//!   for `/api/v1/health` beside stalled connections.

mod baseline;
mod bench;
mod burst;
mod e2e;
mod followup;
mod fuzz;
mod goals;
mod library;
mod reads;
mod results;
mod signins;
mod site;
mod slow;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("run") => run(&root, &args[1..]),
        Some("test") => test(&root),
        Some("site") => site::build(&root).map(|report| report.print()),
        Some("e2e") => {
            site::build(&root)?;
            e2e::run(&root, &args[1..])
        }
        Some("fuzz") => fuzz::run(&root, &args[1..]),
        Some("bench") => bench::run(&root, &args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <run|test|site|e2e|fuzz|bench>");
            bail!("unknown or missing command")
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels down")
        .to_path_buf()
}

/// The cargo that runs us.
fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs `cmd`, failing with its description when it fails.
fn status(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("==> {shown}");
    let status = cmd.status().with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Adds the wasm32 target when it is missing.
fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(out)
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == "wasm32-unknown-unknown") =>
        {
            Ok(())
        }
        Ok(_) => status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => {
            eprintln!("rustup not found; assuming the wasm32-unknown-unknown target is installed");
            Ok(())
        }
    }
}

/// Builds the server binary and returns its path.
fn build_server(release: bool) -> anyhow::Result<PathBuf> {
    let mut cmd = cargo();
    cmd.args(["build", "-p", "kollegium-server", "--bin", "kollegium"]);
    if release {
        cmd.arg("--release");
    }
    status(&mut cmd)?;
    let profile = if release { "release" } else { "debug" };
    Ok(target_dir()
        .join(profile)
        .join(format!("kollegium{}", std::env::consts::EXE_SUFFIX)))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
}

const LOGINS: &[(&str, &str)] = &[
    ("admin@demo.test", "administratör"),
    ("styrgrupp@demo.test", "styrgrupp + rektor"),
    ("ikt@demo.test", "IKT-strateg"),
    ("forskare@demo.test", "forskare/processledare"),
    ("rektor@demo.test", "rektor"),
    ("larare@demo.test", "lärare"),
    ("admin@ovning.test", "administratör i Övningskommun"),
];

fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let release = args.iter().any(|a| a == "--release");
    let report = site::build(root)?;
    report.print();
    let server = build_server(release)?;
    let site_dir = root.join("target").join("site");
    status(
        Command::new(&server)
            .arg("seed-demo")
            .env("KOLLEGIUM_SITE_DIR", &site_dir),
    )?;

    let addr = std::env::var("KOLLEGIUM_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    println!();
    println!("Kollegium: http://{addr}");
    println!("Demo logins (password: kollegium):");
    for (email, what) in LOGINS {
        println!("  {email:<22} {what}");
    }
    println!();
    let mut child = Command::new(&server)
        .arg("serve")
        .env("KOLLEGIUM_SITE_DIR", &site_dir)
        .spawn()
        .context("starting the server")?;
    let exit = child.wait()?;
    if !exit.success() {
        bail!("the server stopped with {exit}");
    }
    Ok(())
}

fn test(root: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut timed = |name: &'static str, step: &mut dyn FnMut() -> anyhow::Result<()>| {
        let at = std::time::Instant::now();
        let result = step();
        phases.push((name, at.elapsed().as_secs_f64()));
        result
    };
    ensure_wasm_target()?;
    timed("fmt", &mut || {
        status(cargo().args(["fmt", "--all", "--check"]))
    })?;
    timed("clippy", &mut || {
        status(cargo().args([
            "clippy",
            "--workspace",
            "--exclude",
            "kollegium-app",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    timed("clippy (wasm32)", &mut || {
        status(cargo().args([
            "clippy",
            "-p",
            "kollegium-app",
            "-p",
            "kollegium-shared",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    match std::env::var("KOLLEGIUM_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => eprintln!("API tests run on SQLite and on PostgreSQL"),
        _ => eprintln!("KOLLEGIUM_TEST_POSTGRES_URL is not set: API tests run on SQLite only"),
    }
    timed("test build", &mut || {
        status(cargo().args([
            "test",
            "--workspace",
            "--exclude",
            "kollegium-app",
            "--no-run",
        ]))
    })?;
    timed("unit and API tests", &mut || {
        status(cargo().args(["test", "--workspace", "--exclude", "kollegium-app"]))
    })?;
    timed("site", &mut || {
        site::build(root).map(|report| report.print())
    })?;
    timed("browser tests", &mut || e2e::run(root, &[]))?;
    timed("fuzz test", &mut || fuzz::run(root, &[]))?;
    eprintln!("==> where the time went");
    for (name, seconds) in &phases {
        eprintln!("    {name:<20} {seconds:>7.1} s");
    }
    eprintln!(
        "all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
