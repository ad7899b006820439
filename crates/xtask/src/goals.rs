//! `cargo xtask bench --goals`: `GET /api/v1/goals` (the page `/mal`) for the demo
//! municipality as it is, and again after 5,000 more teachers each have a goal of their
//! own (written by their school's principal, as in a målsamtal), side by side: the
//! steering group (the chain with counts), a principal (also their teachers' goals) and
//! a teacher. A release build on loopback; SQLite by default, PostgreSQL with
//! `KOLLEGIUM_BENCH_DATABASE_URL` (an empty database). The page's own download is in the
//! site's size report printed before it ("page goals").
//!
//! Options: `--teachers N` (5,000), `--samples N` (100).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::json;

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
    let steering = login(addr, "styrgrupp@demo.test", "kollegium")?;
    let principal = login(addr, "rektor@demo.test", "kollegium")?;
    let teacher = login(addr, "larare@demo.test", "kollegium")?;
    let callers = [
        ("steering group", &steering),
        ("principal (Tallåsskolan)", &principal),
        ("teacher", &teacher),
    ];
    let mut before = Vec::new();
    for (_, token) in callers {
        before.push(time_get(addr, "/api/v1/goals", token, samples)?);
    }

    let started = Instant::now();
    post(
        addr,
        "/api/v1/staff/import",
        &admin,
        "text/csv",
        staff_file(teachers).as_bytes(),
    )?;
    // Each school's principal, and the school's goals a teacher's goal can serve.
    let schools = call(addr, "GET", "/api/v1/schools", &admin, None)?;
    let rektors = call(
        addr,
        "GET",
        "/api/v1/staff?role=rektor&per_page=200",
        &admin,
        None,
    )?;
    let goals = call(addr, "GET", "/api/v1/goals", &steering, None)?;
    let mut by_school: HashMap<i64, (String, i64)> = HashMap::new();
    for s in schools.as_array().context("schools")? {
        let id = s["id"].as_i64().unwrap_or_default();
        let Some(principal) = s["principal"]["id"].as_i64() else {
            continue;
        };
        let email = rektors["items"]
            .as_array()
            .context("principals")?
            .iter()
            .find(|p| p["id"] == principal)
            .and_then(|p| p["email"].as_str())
            .context("the principal's e-mail")?;
        let goal = goals["schools"]
            .as_array()
            .context("school goals")?
            .iter()
            .find(|g| g["school"]["id"] == id)
            .and_then(|g| g["id"].as_i64())
            .context("a school goal")?;
        by_school.insert(id, (login(addr, email, "kollegium")?, goal));
    }
    // The imported teachers, page by page.
    let mut people: Vec<(i64, i64)> = Vec::new();
    for page in 1.. {
        let list = call(
            addr,
            "GET",
            &format!("/api/v1/staff?q=bench.test&per_page=200&page={page}"),
            &admin,
            None,
        )?;
        let items = list["items"].as_array().context("staff")?;
        if items.is_empty() {
            break;
        }
        for p in items {
            if let (Some(id), Some(school)) = (p["id"].as_i64(), p["schools"][0]["id"].as_i64()) {
                people.push((id, school));
            }
        }
    }
    let year = goals["year"].as_i64().context("the year")?;
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for part in people.chunks(people.len().div_ceil(4).max(1)) {
            let (errors, by_school) = (&errors, &by_school);
            scope.spawn(move || {
                for (n, (person, school)) in part.iter().enumerate() {
                    let Some((token, serves)) = by_school.get(school) else {
                        continue;
                    };
                    let body = json!({
                        "year": year, "level": "teacher", "owner": person,
                        "title": format!("Mitt mål nummer {n}: exit tickets varje lektion"),
                        "measure": {"kind": "evidence", "text": "Mina handlingsplaner och elevernas utvärderingar."},
                        "serves": [serves],
                    });
                    if let Err(e) = call(addr, "POST", "/api/v1/goals", token, Some(&body)) {
                        errors.lock().unwrap_or_else(|e| e.into_inner()).push(e.to_string());
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if let Some(first) = errors.first() {
        bail!("{} goals failed, the first: {first}", errors.len());
    }
    let after_goals = call(addr, "GET", "/api/v1/goals", &steering, None)?;
    let counted: u64 = after_goals["served_by"]
        .as_array()
        .context("counts")?
        .iter()
        .filter_map(|c| c["teacher_goals"].as_u64())
        .sum();
    eprintln!(
        "==> {} teachers imported, {counted} teacher goals in all, ready after {:.0} s",
        people.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "GET /api/v1/goals, {engine}, release build, {samples} samples each: the demo as it is, then with {counted} teacher goals"
    );
    println!("caller | before p50 / p99 / max ms | bytes | after p50 / p99 / max ms | bytes");
    for ((who, token), (b50, b99, bmax, bbytes)) in callers.into_iter().zip(before) {
        let (a50, a99, amax, abytes) = time_get(addr, "/api/v1/goals", token, samples)?;
        println!(
            "{who} | {b50:.1} / {b99:.1} / {bmax:.1} | {bbytes} | {a50:.1} / {a99:.1} / {amax:.1} | {abytes}"
        );
    }
    Ok(())
}
