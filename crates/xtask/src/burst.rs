//! `cargo xtask bench --burst`: the end of a municipality-wide meeting slot. Every
//! teacher (default 400) has their personal action plan open and the browser autosaves
//! it every 5 s for a while (default 5 minutes), while protocols (default 30) are
//! written and published. Reports the latency of the saves and of the publishes (p50,
//! p99, max), every error, and the server's peak memory. A release build on loopback;
//! SQLite by default, PostgreSQL with `KOLLEGIUM_BENCH_DATABASE_URL` (an empty
//! database).
//!
//! Options: `--teachers N`, `--minutes N`, `--publishes N`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::bench::{login, request};

/// A request that must succeed; its JSON answer.
pub(crate) fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> anyhow::Result<Value> {
    let text = body.map(Value::to_string);
    let (status, answer, _) = request(addr, method, path, token, text.as_deref())?;
    if !(200..300).contains(&status) {
        bail!("{method} {path} answered {status}: {answer}");
    }
    Ok(serde_json::from_str(&answer).unwrap_or(Value::Null))
}

/// The `p`th percentile of sorted `values`, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// A memory figure of the server from `/proc/{pid}/status` (`VmHWM:`, the peak
/// resident so far, or `VmRSS:`, resident now), in MB.
pub(crate) fn memory_mb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// A teacher taking part: their token, the meeting whose plan they write.
#[derive(Debug, Clone)]
struct Writer {
    token: String,
    meeting: i64,
    person: i64,
    /// The group's other meetings not yet held.
    later: Vec<i64>,
}

/// Imports `n` teachers, forms learning groups for everyone, and signs each new teacher
/// in with a password of their own.
fn set_up(addr: SocketAddr, n: usize) -> anyhow::Result<Vec<Writer>> {
    let admin = login(addr, "admin@demo.test", "kollegium")?;
    let steering = login(addr, "styrgrupp@demo.test", "kollegium")?;
    let file = crate::bench::staff_file(n);
    crate::bench::post(
        addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        file.as_bytes(),
    )?;
    let years = call(addr, "GET", "/api/v1/school-years", &steering, None)?;
    let year = years
        .as_array()
        .and_then(|y| y.iter().find(|y| y["current"] == true).or(y.first()))
        .context("a school year")?["id"]
        .clone();
    call(
        addr,
        "POST",
        "/api/v1/groups/formation",
        &steering,
        Some(&json!({"school_year_id": year, "settings": {"bounds": {"min": 10, "max": 15}}})),
    )?;
    // Everyone signs in: a one-time password from the administrator, then their own.
    let mut people: Vec<(i64, String)> = Vec::new();
    for page in 1.. {
        let staff = call(
            addr,
            "GET",
            &format!("/api/v1/staff?per_page=200&page={page}"),
            &admin,
            None,
        )?;
        let items = staff["items"].as_array().context("staff")?;
        people.extend(
            items
                .iter()
                .filter_map(|p| Some((p["id"].as_i64()?, p["email"].as_str()?.to_owned())))
                .filter(|(_, e)| e.ends_with("@bench.test")),
        );
        if items.len() < 200 {
            break;
        }
    }
    anyhow::ensure!(
        people.len() == n,
        "{} of {n} imported teachers found",
        people.len()
    );
    let writers = Arc::new(Mutex::new(Vec::new()));
    let chunks: Vec<Vec<(i64, String)>> = people
        .chunks(n.div_ceil(8).max(1))
        .map(<[_]>::to_vec)
        .collect();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (admin, writers) = (admin.clone(), writers.clone());
                scope.spawn(move || -> anyhow::Result<()> {
                    for (id, email) in chunk {
                        let reset = call(
                            addr,
                            "POST",
                            &format!("/api/v1/staff/{id}/password-reset"),
                            &admin,
                            Some(&json!({})),
                        )?;
                        let once = reset["one_time_password"]
                            .as_str()
                            .context("a one-time password")?
                            .to_owned();
                        let first = login(addr, &email, &once)?;
                        let own = "burst-password-0123";
                        call(
                            addr,
                            "POST",
                            "/api/v1/auth/password",
                            &first,
                            Some(&json!({"current_password": once, "new_password": own})),
                        )?;
                        let token = login(addr, &email, own)?;
                        let meetings = call(addr, "GET", "/api/v1/meetings", &token, None)?;
                        // The first meeting not yet held, and the later ones.
                        let planned: Vec<&Value> = meetings
                            .as_array()
                            .map(|m| m.iter().filter(|m| m["status"] == "planerad").collect())
                            .unwrap_or_default();
                        let Some(meeting) = planned.first() else {
                            continue;
                        };
                        let later = planned[1..]
                            .iter()
                            .filter_map(|m| m["id"].as_i64())
                            .collect();
                        writers
                            .lock()
                            .map_err(|_| anyhow::anyhow!("poisoned"))?
                            .push(Writer {
                                token,
                                meeting: meeting["id"].as_i64().context("id")?,
                                person: id,
                                later,
                            });
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a set-up thread panicked"))??;
        }
        Ok(())
    })?;
    let writers = Arc::try_unwrap(writers)
        .map_err(|_| anyhow::anyhow!("writers still shared"))?
        .into_inner()
        .map_err(|_| anyhow::anyhow!("poisoned"))?;
    Ok(writers)
}

/// What one kind of request measured.
#[derive(Debug, Default)]
struct Tally {
    times: Vec<Duration>,
    errors: Vec<String>,
}

impl Tally {
    fn report(&mut self, what: &str) {
        self.times.sort_unstable();
        eprintln!(
            "==> {what}: {} answered, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} errors{}",
            self.times.len(),
            percentile(&self.times, 50.0),
            percentile(&self.times, 99.0),
            percentile(&self.times, 100.0),
            self.errors.len(),
            self.errors
                .first()
                .map(|e| format!(" (first: {e})"))
                .unwrap_or_default()
        );
    }
}

/// One teacher autosaving for `until`: a save every 5 s, the text growing a little each
/// time, each save based on the version the last one returned.
fn autosave(addr: SocketAddr, w: &Writer, offset: Duration, until: Instant, tally: &Mutex<Tally>) {
    std::thread::sleep(offset);
    let mut version = 0_i64;
    let mut text = String::from("Exit tickets");
    let mut round = 0;
    while Instant::now() < until {
        let started = Instant::now();
        round += 1;
        text.push_str(&format!(" och steg {round}"));
        let body = json!({
            "fields": [{"key": "focus", "text": text}, {"key": "helpers", "text": "Kollegorna"}],
            "shared": false, "version": version
        })
        .to_string();
        let path = format!("/api/v1/meetings/{}/plan", w.meeting);
        let outcome = request(addr, "PUT", &path, &w.token, Some(&body));
        if let Ok(mut t) = tally.lock() {
            match outcome {
                Ok((200, answer, took)) => {
                    t.times.push(took);
                    version = serde_json::from_str::<Value>(&answer)
                        .ok()
                        .and_then(|v| v["version"].as_i64())
                        .unwrap_or(version);
                }
                Ok((status, answer, took)) => {
                    t.times.push(took);
                    t.errors.push(format!("{status} {answer}"));
                }
                Err(e) => t.errors.push(format!("{e:#}")),
            }
        }
        let spent = started.elapsed();
        std::thread::sleep(Duration::from_secs(5).saturating_sub(spent));
    }
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let teachers = crate::bench::option(args, "--teachers", 400)? as usize;
    let minutes = crate::bench::option(args, "--minutes", 5)?;
    let publishes = crate::bench::option(args, "--publishes", 30)? as usize;
    let (server, engine) =
        crate::bench::bench_server(root, &[("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "1000000")])?;
    let addr = server.addr;
    let started = Instant::now();
    let writers = set_up(addr, teachers)?;
    eprintln!(
        "==> {} teachers signed in with a meeting to write for, in {:.0} s ({engine})",
        writers.len(),
        started.elapsed().as_secs_f64()
    );
    anyhow::ensure!(writers.len() == teachers, "every teacher has a meeting");
    let steering = login(addr, "styrgrupp@demo.test", "kollegium")?;
    // Writers publish protocols as documenters of the day: one per meeting, the
    // meetings being written for first, then the groups' later ones.
    let mut documenters: Vec<Writer> = Vec::new();
    for round in 0..4 {
        for w in &writers {
            let meeting = if round == 0 {
                Some(w.meeting)
            } else {
                w.later.get(round - 1).copied()
            };
            if let Some(meeting) = meeting
                && documenters.len() < publishes
                && !documenters.iter().any(|d| d.meeting == meeting)
            {
                documenters.push(Writer {
                    meeting,
                    ..w.clone()
                });
            }
        }
    }
    anyhow::ensure!(
        documenters.len() == publishes,
        "only {} meetings for {publishes} protocols",
        documenters.len()
    );
    for d in &documenters {
        let meeting = call(
            addr,
            "GET",
            &format!("/api/v1/meetings/{}", d.meeting),
            &steering,
            None,
        )?;
        call(
            addr,
            "PATCH",
            &format!("/api/v1/meetings/{}", d.meeting),
            &steering,
            Some(&json!({"documenter_id": d.person, "version": meeting["version"]})),
        )?;
    }

    let window = Duration::from_secs(minutes * 60);
    let until = Instant::now() + window;
    let pid = server.pid();
    let resident_before = memory_mb(pid, "VmRSS:");
    let peak_before = memory_mb(pid, "VmHWM:");
    let resident_peak = std::sync::atomic::AtomicU64::new(resident_before);
    let saves = Mutex::new(Tally::default());
    let published = Mutex::new(Tally::default());
    eprintln!(
        "==> {} teachers autosave a plan every 5 s for {minutes} min while {publishes} protocols are published ({engine}, release build)",
        writers.len()
    );
    std::thread::scope(|scope| {
        let resident_peak = &resident_peak;
        scope.spawn(move || {
            while Instant::now() < until {
                resident_peak.fetch_max(
                    memory_mb(pid, "VmRSS:"),
                    std::sync::atomic::Ordering::Relaxed,
                );
                std::thread::sleep(Duration::from_millis(250));
            }
        });
        for (i, w) in writers.iter().enumerate() {
            let offset = Duration::from_millis((i as u64 * 5000) / writers.len().max(1) as u64);
            let saves = &saves;
            scope.spawn(move || autosave(addr, w, offset, until, saves));
        }
        for (i, d) in documenters.iter().enumerate() {
            // Spread over the window's second half, as meetings end one after another.
            let at = window / 2
                + (window / 2) * u32::try_from(i).unwrap_or(0)
                    / u32::try_from(publishes.max(1)).unwrap_or(1);
            let published = &published;
            scope.spawn(move || {
                std::thread::sleep(at);
                let path = format!("/api/v1/meetings/{}/protocol", d.meeting);
                let body = json!({"fields": [
                    {"key": "discussed", "text": "Vi pratade om exit tickets och återkoppling."},
                    {"key": "conclusions", "text": "Korta frågor ger ärliga svar."}
                ], "version": 0})
                .to_string();
                let outcome = request(addr, "PUT", &path, &d.token, Some(&body)).and_then(
                    |(status, answer, took)| {
                        anyhow::ensure!(status == 200, "{status} {answer}");
                        let version = serde_json::from_str::<Value>(&answer)?["version"]
                            .as_i64()
                            .unwrap_or(1);
                        let publish = json!({"version": version}).to_string();
                        let (status, answer, took2) = request(
                            addr,
                            "POST",
                            &format!("{path}/publish"),
                            &d.token,
                            Some(&publish),
                        )?;
                        anyhow::ensure!(status == 200, "{status} {answer}");
                        Ok(took + took2)
                    },
                );
                if let Ok(mut t) = published.lock() {
                    match outcome {
                        Ok(took) => t.times.push(took),
                        Err(e) => t.errors.push(format!("{e:#}")),
                    }
                }
            });
        }
    });
    let mut saves = saves
        .into_inner()
        .map_err(|_| anyhow::anyhow!("poisoned"))?;
    let mut published = published
        .into_inner()
        .map_err(|_| anyhow::anyhow!("poisoned"))?;
    saves.report(&format!("autosaves ({engine})"));
    published.report(&format!("protocols saved and published ({engine})"));
    eprintln!(
        "==> the server's memory ({engine}): resident {resident_before} MB when the burst began, at most {} MB during it (sampled every 250 ms); peak (VmHWM) {peak_before} MB after the set-up (sign-ins, import, formation), {} MB at the end",
        resident_peak.load(std::sync::atomic::Ordering::Relaxed),
        memory_mb(pid, "VmHWM:")
    );
    Ok(())
}
