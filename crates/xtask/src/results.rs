//! `cargo xtask bench --results`: importing the results of 40 schools × 10 school years
//! × 20 subjects (each subject's grade distribution A–F and national test in year 9,
//! and each school's eligibility, merit value and share passing every subject): the
//! preview, the import, the same file again (nothing changes), and
//! `GET /api/v1/results` (the page `/resultat`) before and after, side by side. A
//! release build on loopback; SQLite by default, PostgreSQL with
//! `KOLLEGIUM_BENCH_DATABASE_URL` (an empty database).
//!
//! Options: `--schools N` (40), `--years N` (10), `--subjects N` (20), `--samples N` (50).

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde_json::json;

use crate::bench::{bench_server, login, option, post, time_get};
use crate::burst::call;

const SUBJECTS: [&str; 20] = [
    "Bild",
    "Biologi",
    "Engelska",
    "Fysik",
    "Geografi",
    "Hem- och konsumentkunskap",
    "Historia",
    "Idrott och hälsa",
    "Kemi",
    "Matematik",
    "Moderna språk",
    "Modersmål",
    "Musik",
    "Religionskunskap",
    "Samhällskunskap",
    "Slöjd",
    "Svenska",
    "Svenska som andraspråk",
    "Teknik",
    "Specialpedagogik",
];

/// The results file: a line per figure.
fn results_file(schools: &[String], years: usize, subjects: usize) -> (String, usize) {
    let mut file = String::from("Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\n");
    let mut lines = 0;
    for (s, school) in schools.iter().enumerate() {
        for y in 0..years {
            let year = format!("{}/{:02}", 2010 + y, (2011 + y) % 100);
            let pupils = 40 + (s * 7 + y * 3) % 50;
            let v = 80 + (s + y) % 15;
            for line in [
                format!("{school};{year};9;Behörighet yrkesprogram;;Alla;{v},5;{pupils}\n"),
                format!("{school};{year};9;Meritvärde;;Alla;2{v},1;{pupils}\n"),
                format!("{school};{year};9;Alla ämnen;;Alla;{},0;{pupils}\n", v - 8),
            ] {
                file.push_str(&line);
                lines += 1;
            }
            for subject in SUBJECTS.iter().take(subjects) {
                for (grade, share) in [
                    ("A", 12),
                    ("B", 18),
                    ("C", 27),
                    ("D", 20),
                    ("E", 15),
                    ("F", 8),
                ] {
                    file.push_str(&format!(
                        "{school};{year};9;Betyg {grade};{subject};Alla;{share};{pupils}\n"
                    ));
                    lines += 1;
                }
                file.push_str(&format!(
                    "{school};{year};9;Nationellt prov;{subject};Alla;{v};{pupils}\n"
                ));
                lines += 1;
            }
        }
    }
    (file, lines)
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let want_schools = usize::try_from(option(args, "--schools", 40)?)?;
    let years = usize::try_from(option(args, "--years", 10)?)?;
    let subjects = usize::try_from(option(args, "--subjects", 20)?)?.min(SUBJECTS.len());
    let samples = option(args, "--samples", 50)?;
    let (server, engine) = bench_server(root, &[("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "100000")])?;
    let addr = server.addr;
    let admin = login(addr, "admin@demo.test", "kollegium")?;
    let head = login(addr, "verksamhetschef@demo.test", "kollegium")?;
    let query = "/api/v1/results?figure=national_test&grade=9&subject=matematik&sex=all";
    let before = time_get(addr, query, &head, samples)?;

    // The demo's schools and more, up to the count asked for.
    let mut names: Vec<String> = call(addr, "GET", "/api/v1/schools", &admin, None)?
        .as_array()
        .context("schools")?
        .iter()
        .filter_map(|s| s["name"].as_str().map(str::to_owned))
        .collect();
    for n in names.len()..want_schools {
        let name = format!("Bänkskolan {n:02}");
        call(
            addr,
            "POST",
            "/api/v1/schools",
            &admin,
            Some(&json!({"name": name, "stages": ["ak7_9"]})),
        )?;
        names.push(name);
    }
    names.truncate(want_schools);
    let (file, lines) = results_file(&names, years, subjects);

    let timed = |path: &str| -> anyhow::Result<(f64, serde_json::Value)> {
        let at = Instant::now();
        let answer = post(addr, path, &head, "text/csv", file.as_bytes())?;
        let seconds = at.elapsed().as_secs_f64();
        let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let value = serde_json::from_str(body.trim()).unwrap_or_default();
        Ok((seconds, value))
    };
    let (preview_s, preview) = timed("/api/v1/results/import/preview")?;
    anyhow::ensure!(
        preview["errors"].as_array().is_some_and(Vec::is_empty),
        "the file has errors: {}",
        preview["errors"]
    );
    let (import_s, imported) = timed("/api/v1/results/import")?;
    let (again_s, again) = timed("/api/v1/results/import")?;
    let after = time_get(addr, query, &head, samples)?;

    println!(
        "Results import, {engine}, release build: {} schools × {years} school years × {subjects} subjects, {lines} figures, {:.1} MB",
        names.len(),
        file.len() as f64 / 1_000_000.0
    );
    println!("step | seconds | new / changed / unchanged");
    for (step, seconds, counts) in [
        ("preview", preview_s, &preview),
        ("import", import_s, &imported),
        ("the same file again", again_s, &again),
    ] {
        println!(
            "{step} | {seconds:.2} | {} / {} / {}",
            counts["created"], counts["updated"], counts["unchanged"]
        );
    }
    println!("GET {query}, {samples} samples: p50 / p99 / max ms, bytes");
    let (b50, b99, bmax, bbytes) = before;
    let (a50, a99, amax, abytes) = after;
    println!("before (the demo's 3 years) | {b50:.1} / {b99:.1} / {bmax:.1} | {bbytes}");
    println!("after | {a50:.1} / {a99:.1} / {amax:.1} | {abytes}");
    Ok(())
}
