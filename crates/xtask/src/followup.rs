//! `cargo xtask bench --followup`: `GET /api/v1/follow-up` for a municipality of 5,000
//! more teachers in their learning groups (about 360 with the demo's), six held meetings
//! each with attendance marked for every member and the leader's action plan. Times the
//! whole municipality (the steering group), a principal's schools and a teacher's own
//! figures (p50, p99, max). A release build on loopback; SQLite by default, PostgreSQL
//! with `KOLLEGIUM_BENCH_DATABASE_URL` (an empty database).
//!
//! Options: `--teachers N` (5,000), `--samples N` (100).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::bench::{bench_server, login, option, post, staff_file, time_get};
use crate::burst::call;

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let teachers = usize::try_from(option(args, "--teachers", 5000)?)?;
    let samples = option(args, "--samples", 100)?;
    let (server, engine) = bench_server(
        root,
        &[
            ("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "100000"),
            ("KOLLEGIUM_LOGIN_ACCOUNT_CEILING", "100000"),
        ],
    )?;
    let addr = server.addr;
    let admin = login(addr, "admin@demo.test", "kollegium")?;
    let started = Instant::now();
    post(
        addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        staff_file(teachers).as_bytes(),
    )?;
    let steering = login(addr, "styrgrupp@demo.test", "kollegium")?;
    let years = call(addr, "GET", "/api/v1/school-years", &steering, None)?;
    let year = years[0]["id"].as_i64().context("a school year")?;
    call(
        addr,
        "POST",
        "/api/v1/groups/formation",
        &steering,
        Some(&json!({"school_year_id": year, "settings": {"bounds": {"min": 10, "max": 15}}})),
    )?;
    let roster = call(
        addr,
        "GET",
        &format!("/api/v1/groups?year={year}"),
        &steering,
        None,
    )?;
    let learning: HashMap<i64, Value> = roster["groups"]
        .as_array()
        .context("groups")?
        .iter()
        .filter(|g| g["kind"] == "largrupp")
        .map(|g| (g["id"].as_i64().unwrap_or_default(), g.clone()))
        .collect();
    let meetings = call(
        addr,
        "GET",
        &format!("/api/v1/meetings?all=true&year={year}"),
        &steering,
        None,
    )?;
    let mut per_group: HashMap<i64, Vec<i64>> = HashMap::new();
    for m in meetings.as_array().context("meetings")? {
        let group = m["group_id"].as_i64().unwrap_or_default();
        if learning.contains_key(&group) {
            per_group
                .entry(group)
                .or_default()
                .push(m["id"].as_i64().unwrap_or_default());
        }
    }
    let members: usize = learning
        .values()
        .map(|g| g["members"].as_array().map_or(0, Vec::len))
        .sum();
    eprintln!(
        "==> {} learning groups, {members} members, {} meetings ({:.0} s so far)",
        learning.len(),
        per_group.values().map(|v| v.len().min(6)).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    // Attendance for every member at six meetings a group, and each leader's plan; four
    // workers, a share of the groups each.
    let groups: Vec<(i64, Vec<i64>)> = per_group.into_iter().collect();
    let errors = Mutex::new(Vec::new());
    let marks = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for part in groups.chunks(groups.len().div_ceil(4).max(1)) {
            let (errors, marks, steering, learning) = (&errors, &marks, &steering, &learning);
            scope.spawn(move || {
                for (group, ids) in part {
                    let g = &learning[group];
                    let people: Vec<(i64, bool, String)> = g["members"]
                        .as_array()
                        .map(|m| {
                            m.iter()
                                .map(|p| {
                                    (
                                        p["id"].as_i64().unwrap_or_default(),
                                        p["leader"] == true,
                                        p["email"].as_str().unwrap_or_default().to_owned(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let leader = people
                        .iter()
                        .find(|p| p.1)
                        .and_then(|p| login(addr, &p.2, "kollegium").ok());
                    for id in ids.iter().take(6) {
                        for (person, _, _) in &people {
                            let body = json!({"person_id": person, "present": person % 7 != 0});
                            let path = format!("/api/v1/meetings/{id}/attendance");
                            match call(addr, "PUT", &path, steering, Some(&body)) {
                                Ok(_) => *marks.lock().unwrap_or_else(|e| e.into_inner()) += 1,
                                Err(e) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(e.to_string()),
                            }
                        }
                        if let Some(token) = &leader {
                            // The demo's first meetings have the leader's plan already.
                            let path = format!("/api/v1/meetings/{id}/plan");
                            let written = call(addr, "GET", &path, token, None)
                                .map(|p| p["version"].as_i64().unwrap_or_default())
                                .and_then(|version| {
                                    let plan = json!({"fields": [{"key": "focus", "text": "Exit tickets varje lektion"}], "shared": false, "version": version});
                                    call(addr, "PUT", &path, token, Some(&plan))
                                });
                            if let Err(e) = written {
                                errors.lock().unwrap_or_else(|e| e.into_inner()).push(e.to_string());
                            }
                        }
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if let Some(first) = errors.first() {
        bail!("{} writes failed, the first: {first}", errors.len());
    }
    eprintln!(
        "==> {} attendance marks written; data ready after {:.0} s",
        marks.into_inner().unwrap_or_default(),
        started.elapsed().as_secs_f64()
    );
    let principal = login(addr, "rektor@demo.test", "kollegium")?;
    let teacher = login(addr, "larare@demo.test", "kollegium")?;
    println!(
        "follow-up, {engine}, release build, {} learning groups, {members} members:",
        learning.len()
    );
    println!("caller | path | p50 ms | p99 ms | max ms | bytes");
    for (who, token, path) in [
        ("steering group", &steering, "/api/v1/follow-up".to_owned()),
        (
            "steering group, one school",
            &steering,
            "/api/v1/follow-up?school=1".to_owned(),
        ),
        ("principal", &principal, "/api/v1/follow-up".to_owned()),
        ("teacher", &teacher, "/api/v1/follow-up".to_owned()),
    ] {
        let (p50, p99, max, bytes) =
            time_get(addr, &path, token, samples).with_context(|| format!("as {who}"))?;
        println!("{who} | {path} | {p50:.1} | {p99:.1} | {max:.1} | {bytes}");
    }
    Ok(())
}
