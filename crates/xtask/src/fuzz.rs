//! The API as a fuzzer drives it (`cargo xtask fuzz`, and a step of `cargo xtask test`):
//! a real server with the demo data on each engine (SQLite; PostgreSQL when
//! `KOLLEGIUM_TEST_POSTGRES_URL` is set, on a throwaway database); its OpenAPI document
//! checked against the OpenAPI schema by `openapi-spec-validator`; then every operation
//! called with input generated from the document by Schemathesis, as a teacher and as
//! an administrator, each run bounded in time. Any 5xx, or any answer the document does
//! not describe (status, content type, body), fails the step. Both tools come from
//! PyPI; `.ci/run` installs them.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::bench::{login, option, request};
use crate::e2e::{ServerProcess, start_server};
use crate::{build_server, status};

/// The checks of every answer: no server error, and a status, content type and body
/// the document describes for the operation.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";

/// Operations left out: changing one's own password ends the session the rest of the
/// run signs with.
const EXCLUDED: &str = "^/api/v1/auth/password$";

/// The settings a fuzzed server runs with: sign-in limits out of the way (the fuzzer
/// signs in from one address thousands of times), quiet logs.
const SERVER_ENV: &[(&str, &str)] = &[
    ("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "1000000"),
    ("KOLLEGIUM_LOGIN_FAILURES_BEFORE_DELAY", "1000000"),
    ("KOLLEGIUM_LOGIN_ACCOUNT_CEILING", "1000000"),
    ("RUST_LOG", "error"),
];

/// What one run of the fuzzer did.
struct Outcome {
    engine: &'static str,
    who: &'static str,
    operations: usize,
    requests: usize,
    /// Distinct failures: an operation and a check that failed on it.
    failures: usize,
    /// Scenarios the fuzzer itself could not run.
    errors: usize,
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let seconds = option(args, "--seconds", 60)?;
    for tool in [["st", "--version"], ["openapi-spec-validator", "--version"]] {
        if Command::new(tool[0]).arg(tool[1]).output().is_err() {
            bail!(
                "{} is missing: python3 -m pip install 'schemathesis==4.32.5' 'openapi-spec-validator==0.9.0'",
                tool[0]
            );
        }
    }
    let server_bin = build_server(false)?;
    let site = root.join("target").join("site");
    let mut outcomes = Vec::new();

    let sqlite = start_server(&server_bin, &site, SERVER_ENV)?;
    outcomes.extend(fuzz_engine(&sqlite, "SQLite", seconds)?);
    drop(sqlite);

    match std::env::var("KOLLEGIUM_TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let database = ThrowawayDatabase::create(&admin_url)?;
            let mut env = SERVER_ENV.to_vec();
            env.push(("KOLLEGIUM_DATABASE_URL", &database.url));
            let pg = start_server(&server_bin, &site, &env)?;
            outcomes.extend(fuzz_engine(&pg, "PostgreSQL", seconds)?);
            drop(pg);
        }
        _ => eprintln!("KOLLEGIUM_TEST_POSTGRES_URL is not set: the fuzz test runs on SQLite only"),
    }

    eprintln!("==> fuzz test: engine, caller, operations, requests, failures, errors");
    for o in &outcomes {
        eprintln!(
            "    {:<10} {:<14} {:>4} {:>6} {:>3} {:>3}",
            o.engine, o.who, o.operations, o.requests, o.failures, o.errors
        );
    }
    let failed: usize = outcomes.iter().map(|o| o.failures + o.errors).sum();
    if failed > 0 {
        bail!("the fuzz test found {failed} failures or errors (see the reports above)");
    }
    Ok(())
}

/// Validates the server's document, then fuzzes it as each caller.
fn fuzz_engine(
    server: &ServerProcess,
    engine: &'static str,
    seconds: u64,
) -> anyhow::Result<Vec<Outcome>> {
    let (code, document, _) = request(server.addr, "GET", "/api/v1/openapi.json", "", None)?;
    anyhow::ensure!(code == 200, "GET /api/v1/openapi.json: {code}");
    let spec = server.data_dir().join("openapi.json");
    std::fs::write(&spec, &document)?;
    status(Command::new("openapi-spec-validator").arg(&spec))?;

    let mut outcomes = Vec::new();
    // The teacher first: the administrator's run changes and removes the demo data.
    for (who, email) in [
        ("teacher", "larare@demo.test"),
        ("administrator", "admin@demo.test"),
    ] {
        let token = login(server.addr, email, "kollegium")?;
        let report = server.data_dir().join(format!("fuzz-{who}.ndjson"));
        eprintln!("==> Schemathesis on {engine} as the {who}, {seconds} s");
        let run = Command::new("st")
            .arg("run")
            .arg(&spec)
            .args(["--url", &format!("http://{}", server.addr)])
            .args(["--checks", CHECKS])
            .args(["--exclude-path-regex", EXCLUDED])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .args(["--max-time", &seconds.to_string()])
            .args(["--max-examples", "30"])
            .args(["--phases", "examples,coverage,fuzzing"])
            .args(["--seed", "20261201"])
            // One worker: Python's parser, which Hypothesis uses to describe its
            // strategies, is not safe to use from several threads at once.
            .args(["--workers", "1"])
            .args(["--request-timeout", "10"])
            .args(["--continue-on-failure", "--no-shrink"])
            .args(["--report", "ndjson", "--report-ndjson-path"])
            .arg(&report)
            // Its own files (a cache, reports) go to the server's data directory.
            .current_dir(server.data_dir())
            .status()
            .context("starting Schemathesis")?;
        let mut outcome = count(&report, engine, who)?;
        if !run.success() && outcome.failures == 0 {
            // Schemathesis failed in a way its report does not count (an error in a
            // test, an unreachable server): still a failure.
            outcome.failures = 1;
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Counts operations, requests and failures in a Schemathesis NDJSON report.
fn count(report: &Path, engine: &'static str, who: &'static str) -> anyhow::Result<Outcome> {
    let text =
        std::fs::read_to_string(report).with_context(|| format!("reading {}", report.display()))?;
    let mut operations = std::collections::BTreeSet::new();
    let mut failures = std::collections::BTreeSet::new();
    let (mut requests, mut errors) = (0, 0);
    for line in text.lines() {
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some((kind, body)) = event.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        if kind == "ScenarioFinished" {
            let recorder = &body["recorder"];
            let label = recorder["label"].as_str().unwrap_or("?").to_owned();
            if body["status"] == "error" {
                errors += 1;
            }
            if let Some(interactions) = recorder["interactions"].as_object() {
                requests += interactions.len();
                if !interactions.is_empty() {
                    operations.insert(label.clone());
                }
            }
            if let Some(checks) = recorder["checks"].as_object() {
                for check in checks.values().filter_map(|list| list.as_array()).flatten() {
                    if check["status"] == "failure" {
                        failures.insert((
                            label.clone(),
                            check["name"].as_str().unwrap_or("?").to_owned(),
                        ));
                    }
                }
            }
        }
    }
    Ok(Outcome {
        engine,
        who,
        operations: operations.len(),
        requests,
        failures: failures.len(),
        errors,
    })
}

/// A PostgreSQL database made for one run and dropped after it.
struct ThrowawayDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ThrowawayDatabase {
    fn create(admin_url: &str) -> anyhow::Result<ThrowawayDatabase> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos();
        let name = format!("kollegium_fuzz_{}_{nanos}", std::process::id());
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .context("KOLLEGIUM_TEST_POSTGRES_URL names no database")?;
        status(Command::new("psql").args([admin_url, "-qc", &format!("CREATE DATABASE {name}")]))?;
        Ok(ThrowawayDatabase {
            admin_url: admin_url.to_owned(),
            url: format!("{base}/{name}"),
            name,
        })
    }
}

impl Drop for ThrowawayDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                &self.admin_url,
                "-qc",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .status();
    }
}
