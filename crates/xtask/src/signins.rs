//! `cargo xtask bench --signins`: a sign-in storm, the whole municipality at 8:00.
//! `--people N` (default 2,000) imported teachers sign in, `--at-once K` (default 16)
//! at a time, each with a real argon2id hash of the demo's parameters (the demo
//! teacher's, copied to them, so the set-up hashes nothing). Reports the sign-ins'
//! latency and rate, any error, and the server's resident memory: idle before, at its
//! highest during the storm (sampled every 100 ms, and the kernel's own peak), and ten
//! seconds after. With `--baseline REV` the server at commit REV is measured first, in
//! the same run, then the current one. SQLite by default, PostgreSQL with
//! `KOLLEGIUM_BENCH_DATABASE_URL` (an empty database, emptied again between servers).

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::baseline::{Contender, contenders};
use crate::bench::{login, option, start_bench_server};
use crate::burst::memory_mb;

/// The figures of one server through the storm.
struct Storm {
    label: String,
    idle_mb: u64,
    peak_sampled_mb: u64,
    peak_kernel_mb: u64,
    after_mb: u64,
    signed_in: usize,
    errors: Vec<String>,
    seconds: f64,
    p50: f64,
    p99: f64,
    max: f64,
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let people = option(args, "--people", 2000)? as usize;
    let at_once = option(args, "--at-once", 16)? as usize;
    let servers = contenders(root, args)?;
    let mut storms = Vec::new();
    for server in &servers {
        storms.push(storm(root, server, people, at_once)?);
    }
    let engine = if std::env::var_os("KOLLEGIUM_BENCH_DATABASE_URL").is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    eprintln!(
        "\n==> {people} sign-ins, {at_once} at a time ({engine}, release build, {} cores)",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    eprintln!(
        "| server | idle MB | highest during (sampled / kernel peak) MB | 10 s after MB | sign-ins | errors | per second | p50 ms | p99 ms | max ms |"
    );
    eprintln!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for s in &storms {
        eprintln!(
            "| {} | {} | {} / {} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {:.0} |",
            s.label,
            s.idle_mb,
            s.peak_sampled_mb,
            s.peak_kernel_mb,
            s.after_mb,
            s.signed_in,
            s.errors.len(),
            s.signed_in as f64 / s.seconds,
            s.p50,
            s.p99,
            s.max
        );
        if let Some(first) = s.errors.first() {
            eprintln!("    first error of {}: {first}", s.label);
        }
    }
    Ok(())
}

fn storm(
    root: &Path,
    contender: &Contender,
    people: usize,
    at_once: usize,
) -> anyhow::Result<Storm> {
    empty_bench_database()?;
    let (server, engine) = start_bench_server(
        root,
        &contender.binary,
        &[("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "1000000")],
    )?;
    let addr = server.addr;
    let pid = server.pid();
    let admin = login(addr, "admin@demo.test", "kollegium")?;
    crate::bench::post(
        addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        crate::bench::staff_file(people).as_bytes(),
    )?;
    give_the_demo_password(server.data_dir(), "@bench.test")?;
    // What the server holds when the set-up's requests are done and it is quiet.
    std::thread::sleep(Duration::from_secs(3));
    let idle_mb = memory_mb(pid, "VmRSS:");
    eprintln!(
        "==> {}: {people} teachers sign in, {at_once} at a time ({engine})",
        contender.label
    );
    let next = AtomicUsize::new(0);
    let highest = AtomicU64::new(idle_mb);
    let done = AtomicBool::new(false);
    let times = Mutex::new(Vec::with_capacity(people));
    let errors = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                highest.fetch_max(memory_mb(pid, "VmRSS:"), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let workers: Vec<_> = (0..at_once)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= people {
                            break;
                        }
                        let email = crate::bench::staff_email(i);
                        let began = Instant::now();
                        match login(addr, &email, "kollegium") {
                            Ok(_) => push(&times, began.elapsed()),
                            Err(e) => push(&errors, format!("{email}: {e:#}")),
                        }
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
        done.store(true, Ordering::Relaxed);
    });
    let seconds = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(10));
    let after_mb = memory_mb(pid, "VmRSS:");
    let mut times = times.into_inner().unwrap_or_default();
    times.sort_unstable();
    let ms = |p: f64| {
        let rank = ((p / 100.0) * times.len().saturating_sub(1) as f64).round() as usize;
        times.get(rank).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Storm {
        label: contender.label.clone(),
        idle_mb,
        peak_sampled_mb: highest.load(Ordering::Relaxed),
        peak_kernel_mb: memory_mb(pid, "VmHWM:"),
        after_mb,
        signed_in: times.len(),
        errors: errors.into_inner().unwrap_or_default(),
        seconds,
        p50: ms(50.0),
        p99: ms(99.0),
        max: ms(100.0),
    })
}

fn push<T>(into: &Mutex<Vec<T>>, value: T) {
    if let Ok(mut v) = into.lock() {
        v.push(value);
    }
}

/// Gives every account whose address ends in `domain` the demo teacher's password hash
/// (the demo password, at the parameters the server hashes with), straight in the
/// database: signing them in costs a real hash each, setting them up none.
pub(crate) fn give_the_demo_password(data_dir: &Path, domain: &str) -> anyhow::Result<()> {
    let sql = format!(
        "UPDATE persons SET password_hash = (SELECT password_hash FROM persons WHERE email = 'larare@demo.test'), must_change_password = FALSE WHERE email LIKE '%{domain}'"
    );
    set_in_database(data_dir, &sql)
}

/// Runs one statement on the bench's database: PostgreSQL through `psql`, SQLite
/// through Python's `sqlite3` module (the server keeps running; SQLite's lock waits).
pub(crate) fn set_in_database(data_dir: &Path, sql: &str) -> anyhow::Result<()> {
    let mut cmd = match std::env::var("KOLLEGIUM_BENCH_DATABASE_URL") {
        Ok(url) => {
            let mut c = Command::new("psql");
            c.args([url.as_str(), "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]);
            c
        }
        Err(_) => {
            let mut c = Command::new("python3");
            c.args([
                "-c",
                "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=30)\nc.execute(sys.argv[2])\nc.commit()",
            ])
            .arg(data_dir.join("kollegium.db"))
            .arg(sql);
            c
        }
    };
    let out = cmd.output().context("running the statement")?;
    if !out.status.success() {
        bail!("{sql}: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

/// Empties the PostgreSQL bench database (every table of the public schema), so each
/// server of a run starts from the demo alone; SQLite starts from a new file anyway.
pub(crate) fn empty_bench_database() -> anyhow::Result<()> {
    if std::env::var_os("KOLLEGIUM_BENCH_DATABASE_URL").is_none() {
        return Ok(());
    }
    set_in_database(
        Path::new("."),
        "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
    )
}
