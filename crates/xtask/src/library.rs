//! `cargo xtask bench --library`: the library's search over 10,000 imported items
//! (five CSV files of 2,000, their 30-word summaries drawn from a few dozen school
//! words, so one word matches most of the library: a worst case), one request at a
//! time: p50 and p99 per query and over all, the search index's size, and the upload
//! of a 100 MB file with the server's memory meanwhile. On SQLite, and on PostgreSQL
//! too when `KOLLEGIUM_BENCH_DATABASE_URL` names an empty database; with `--baseline
//! REV` the server at commit REV is measured first, in the same run. Every run's
//! answers (totals, corrections and the first page's items) are compared: the engines,
//! and the servers, must find the same.
//!
//! Options: `--samples N` (60 per query), `--baseline REV`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::Value;

use crate::baseline::contenders;
use crate::bench::{login, option, post, request};
use crate::e2e::{ServerProcess, start_server};

/// The queries timed: words being typed, filters, a typo to correct, a filter alone.
const QUERIES: [&str; 9] = [
    "q=bed%C3%B6mning+",
    "q=bed%C3%B6mning&stage=ak1_3",
    "q=digital+kompetens+",
    "q=l%C3%A4sf%C3%B6rst%C3%A5else+",
    "q=matematik+probleml%C3%B6sning&kind=film",
    "q=bed%C3%B6",
    "q=bedomning+",
    "q=hallbar+utvekling+",
    "kind=artikel",
];

/// Words the generated library items are made of: Swedish school vocabulary in several
/// forms, so stems and compounds occur as they do in real summaries.
const LIBRARY_WORDS: &[&str] = &[
    "bedömning",
    "bedömningar",
    "bedömningsstöd",
    "formativ",
    "återkoppling",
    "lärande",
    "läsförståelse",
    "läsning",
    "skrivande",
    "matematik",
    "problemlösning",
    "taluppfattning",
    "digital",
    "kompetens",
    "digitala",
    "verktyg",
    "programmering",
    "källkritik",
    "språk",
    "språkutvecklande",
    "undervisning",
    "elever",
    "eleverna",
    "lärare",
    "lärgrupp",
    "kollegialt",
    "forskning",
    "film",
    "exempel",
    "klassrum",
    "betyg",
    "betygssättning",
    "likvärdighet",
    "inkludering",
    "lärmiljö",
    "anpassningar",
    "stöttning",
    "hållbar",
    "utveckling",
    "klimat",
    "demokrati",
    "värdegrund",
    "trygghet",
    "studiero",
    "samarbete",
    "engelska",
    "svenska",
    "historia",
    "geografi",
    "biologi",
    "fysik",
    "kemi",
    "teknik",
    "musik",
    "bild",
    "slöjd",
    "idrott",
    "hälsa",
    "högläsning",
    "ordförråd",
    "genrepedagogik",
];

/// What one query found and how long it took.
struct Query {
    total: u64,
    corrected: Option<String>,
    first_page: Vec<i64>,
    p50: f64,
    p99: f64,
}

/// One server on one engine.
struct Run {
    label: String,
    engine: &'static str,
    imported: f64,
    queries: Vec<Query>,
    p50: f64,
    p99: f64,
    index: String,
    upload: String,
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let samples = usize::try_from(option(args, "--samples", 60)?)?;
    let servers = contenders(root, args)?;
    let mut engines = vec![None];
    if let Ok(url) = std::env::var("KOLLEGIUM_BENCH_DATABASE_URL") {
        engines.push(Some(url));
    }
    let mut runs = Vec::new();
    for server in &servers {
        for database in &engines {
            let engine = if database.is_some() {
                "PostgreSQL"
            } else {
                "SQLite"
            };
            eprintln!("==> {} on {engine}", server.label);
            let run = measure(root, &server.binary, database.as_deref(), samples)?;
            runs.push(Run {
                label: server.label.clone(),
                engine,
                ..run
            });
        }
    }
    report(&runs, samples);
    Ok(())
}

fn report(runs: &[Run], samples: usize) {
    eprintln!(
        "\n==> library search over 10,060 items, {samples} requests per query one at a time (release build, loopback)"
    );
    let heads: Vec<String> = runs
        .iter()
        .map(|r| format!("{} ({}): p50 / p99 ms", r.label, r.engine))
        .collect();
    eprintln!("| query | results | {} |", heads.join(" | "));
    eprintln!("| --- | --- |{}", " --- |".repeat(runs.len()));
    for (i, q) in QUERIES.iter().enumerate() {
        let cells: Vec<String> = runs
            .iter()
            .map(|r| format!("{:.1} / {:.1}", r.queries[i].p50, r.queries[i].p99))
            .collect();
        let first = &runs[0].queries[i];
        let found = match &first.corrected {
            Some(c) => format!("{} (as \"{c}\")", first.total),
            None => first.total.to_string(),
        };
        eprintln!("| `{q}` | {found} | {} |", cells.join(" | "));
    }
    let cells: Vec<String> = runs
        .iter()
        .map(|r| format!("**{:.1} / {:.1}**", r.p50, r.p99))
        .collect();
    eprintln!("| all queries | | {} |", cells.join(" | "));
    for r in runs {
        eprintln!(
            "    {} ({}): imported 10,000 items in {:.1} s; index {}; {}",
            r.label, r.engine, r.imported, r.index, r.upload
        );
    }
    // The same answers everywhere: totals, corrections and the first page in order.
    let mut differences = 0;
    for r in &runs[1..] {
        for (i, q) in QUERIES.iter().enumerate() {
            let (a, b) = (&runs[0].queries[i], &r.queries[i]);
            if a.total != b.total || a.corrected != b.corrected || a.first_page != b.first_page {
                differences += 1;
                eprintln!(
                    "    DIFFERENT: `{q}`: {} ({}) found {} {:?} {:?}, {} ({}) found {} {:?} {:?}",
                    runs[0].label,
                    runs[0].engine,
                    a.total,
                    a.corrected,
                    a.first_page,
                    r.label,
                    r.engine,
                    b.total,
                    b.corrected,
                    b.first_page
                );
            }
        }
    }
    if differences == 0 && runs.len() > 1 {
        eprintln!(
            "    every run found the same: the same totals, corrections and first pages in the same order"
        );
    }
}

/// Starts `binary` with the demo on a fresh SQLite file or the emptied `database`,
/// imports the items and times the queries and an upload.
fn measure(
    root: &Path,
    binary: &Path,
    database: Option<&str>,
    samples: usize,
) -> anyhow::Result<Run> {
    let mut env = vec![("RUST_LOG", "warn")];
    if let Some(url) = database {
        psql(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;")?;
        env.push(("KOLLEGIUM_DATABASE_URL", url));
    }
    let server = start_server(binary, &root.join("target").join("site"), &env)?;
    let imported = import(&server)?;
    let teacher = login(server.addr, "larare@demo.test", "kollegium")?;
    let mut queries = Vec::new();
    let mut all = Vec::new();
    for q in QUERIES {
        let path = format!("/api/v1/library/items?{q}");
        let mut times = Vec::with_capacity(samples);
        let mut page = Value::Null;
        for _ in 0..samples {
            let (status, body, took) = request(server.addr, "GET", &path, &teacher, None)?;
            anyhow::ensure!(status == 200, "GET {path}: {status} {body}");
            times.push(took);
            page = serde_json::from_str(&body)?;
        }
        times.sort();
        all.extend_from_slice(&times);
        queries.push(Query {
            total: page["total"].as_u64().unwrap_or(0),
            corrected: page["corrected"].as_str().map(str::to_owned),
            first_page: page["items"]
                .as_array()
                .map(|items| items.iter().filter_map(|i| i["id"].as_i64()).collect())
                .unwrap_or_default(),
            p50: percentile(&times, 50),
            p99: percentile(&times, 99),
        });
    }
    all.sort();
    Ok(Run {
        label: String::new(),
        engine: "",
        imported,
        queries,
        p50: percentile(&all, 50),
        p99: percentile(&all, 99),
        index: index_size(&server, database),
        upload: upload(&server)?,
    })
}

/// The `p`th percentile of sorted times, in ms (the sample at that rank, rounded down).
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    sorted
        .get(sorted.len() * p / 100)
        .or(sorted.last())
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Imports 10,000 generated items as the ICT strategist; returns the seconds it took.
fn import(server: &ServerProcess) -> anyhow::Result<f64> {
    let ict = login(server.addr, "ikt@demo.test", "kollegium")?;
    let kinds = [
        "Film",
        "Artikel",
        "Forskningssammanfattning",
        "Gott exempel",
        "Länk",
    ];
    let subjects = ["matematik", "svenska", "engelska", "biologi", "teknik", ""];
    let stages = ["F-3", "4-6", "7-9", "4-6, 7-9", "gymnasiet"];
    let word = |n: usize| LIBRARY_WORDS[n % LIBRARY_WORDS.len()];
    let started = Instant::now();
    // Five files of 2,000 rows: each commits in one transaction.
    for part in 0..5 {
        let mut file = String::from("titel;länk;beskrivning;typ;ämnen;stadier;taggar\n");
        for j in 0..2000 {
            let i = part * 2000 + j;
            let title = format!(
                "{} {} och {} {i}",
                word(i * 7),
                word(i * 13 + 3),
                word(i * 3 + 11)
            );
            let summary: Vec<&str> = (0..30).map(|k| word(i * 31 + k * 17 + k * k)).collect();
            file.push_str(&format!(
                "{title};https://bench.example/{i};{};{};{};\"{}\";{}, {}\n",
                summary.join(" "),
                kinds[i % kinds.len()],
                subjects[i % subjects.len()],
                stages[i % stages.len()],
                word(i * 5),
                word(i * 11 + 1)
            ));
        }
        post(
            server.addr,
            "/api/v1/library/import",
            &ict,
            "text/csv",
            file.as_bytes(),
        )?;
    }
    Ok(started.elapsed().as_secs_f64())
}

/// Rows and bytes of the search index (`library_terms` with its indexes).
fn index_size(server: &ServerProcess, database: Option<&str>) -> String {
    match database {
        Some(url) => Command::new("psql")
            .args([url, "-tAc", "SELECT COUNT(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('library_terms')) FROM library_terms"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_else(|e| format!("psql failed: {e}")),
        None => {
            let db = server.data_dir().join("kollegium.db");
            let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n\
                          rows = c.execute('SELECT COUNT(*) FROM library_terms').fetchone()[0]\n\
                          size = c.execute(\"SELECT SUM(pgsize) FROM dbstat WHERE name IN ('library_terms', 'library_terms_item')\").fetchone()[0]\n\
                          print(f'{rows} rows, {size / 1048576:.1f} MB')";
            Command::new("python3")
                .args(["-c", script])
                .arg(&db)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_else(|e| format!("python3 failed: {e}"))
        }
    }
}

/// A 100 MB file streamed in 64 KiB writes, and the server's memory meanwhile.
fn upload(server: &ServerProcess) -> anyhow::Result<String> {
    let ict = login(server.addr, "ikt@demo.test", "kollegium")?;
    let item = post(
        server.addr,
        "/api/v1/library/items",
        &ict,
        "application/json",
        br#"{"kind":"film","title":"Stor film"}"#,
    )?;
    let (_, body) = item.split_once("\r\n\r\n").context("no body")?;
    let id = serde_json::from_str::<Value>(body.trim())?["id"]
        .as_i64()
        .context("the item's id")?;
    let memory = |field: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", server.pid()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with(field))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse().ok())
            })
            .unwrap_or(0)
    };
    let before_peak = memory("VmHWM:");
    let before = memory("VmRSS:");
    let size: usize = 100 * 1024 * 1024;
    let mut stream = TcpStream::connect(server.addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let started = Instant::now();
    write!(
        stream,
        "POST /api/v1/library/items/{id}/files?name=film.mp4 HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {ict}\r\nContent-Type: application/octet-stream\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n",
        server.addr
    )?;
    let mut chunk = vec![0u8; 64 * 1024];
    chunk[..12].copy_from_slice(b"\0\0\0\x20ftypisom");
    let mut sent = 0;
    let mut peak_during = 0;
    while sent < size {
        let n = chunk.len().min(size - sent);
        stream.write_all(&chunk[..n])?;
        if sent == 0 {
            chunk[..12].fill(0);
        }
        sent += n;
        if sent % (8 * 1024 * 1024) == 0 {
            peak_during = peak_during.max(memory("VmRSS:"));
        }
    }
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        response.starts_with("HTTP/1.1 201"),
        "the upload answered {}",
        response.lines().next().unwrap_or_default()
    );
    Ok(format!(
        "100 MB uploaded in {seconds:.2} s ({:.0} MB/s), resident memory {} MB before, at most {} MB sampled during, peak (VmHWM) {} → {} MB",
        100.0 / seconds,
        before / 1024,
        peak_during / 1024,
        before_peak / 1024,
        memory("VmHWM:") / 1024
    ))
}

/// Runs statements on the PostgreSQL bench database.
fn psql(url: &str, sql: &str) -> anyhow::Result<()> {
    let out = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        .output()
        .context("running psql")?;
    anyhow::ensure!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}
