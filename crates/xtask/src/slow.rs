//! `cargo xtask bench --slow-clients [--stalled N] [--before-ref REF]`: how the server
//! answers `/api/v1/health` while N connections (2,000 by default) sit stalled in the
//! middle of their headers, and how long such a connection lives; for the server as it
//! was before connection deadlines (built from REF, by default the parent of the commit
//! that added `server/src/serve.rs`) and as it is now, side by side. Loopback only,
//! bounded in count and time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::bench::{option, request};
use crate::e2e::start_server;
use crate::{build_server, status};

/// Health requests timed in each state.
const SAMPLES: usize = 200;
/// The longest a stalled connection is watched.
const WATCH: Duration = Duration::from_secs(60);

/// What one server did.
struct Figures {
    label: String,
    quiet: (f64, f64),
    stalled: (f64, f64),
    held: usize,
    /// The longest a stalled connection lived, from its opening to its closing by the
    /// server; none when some outlived the watch.
    lifetime: Option<Duration>,
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let stalled = option(args, "--stalled", 2000)? as usize;
    let before_ref = match args.iter().position(|a| a == "--before-ref") {
        Some(i) => args
            .get(i + 1)
            .cloned()
            .context("--before-ref takes a commit")?,
        None => format!("{}^", first_commit_with(root, "server/src/serve.rs")?),
    };
    let before = build_at(root, &before_ref)?;
    let before_ref = short(root, &before_ref);
    let after = build_server(true)?;
    let mut figures = Vec::new();
    for (label, binary) in [
        (format!("before ({before_ref})"), before),
        ("after".to_owned(), after),
    ] {
        figures.push(measure(root, &label, &binary, stalled)?);
    }
    eprintln!(
        "==> /api/v1/health with {stalled} connections stalled mid-headers (release builds, SQLite)"
    );
    eprintln!(
        "    {:<18} {:>18} {:>22} {:>16} {:>20}",
        "server", "quiet p50/p99 ms", "stalled p50/p99 ms", "open after 60 s", "longest one lived"
    );
    for f in &figures {
        let lifetime = f.lifetime.map_or_else(
            || format!("> {} s", WATCH.as_secs()),
            |d| format!("{:.1} s", d.as_secs_f64()),
        );
        eprintln!(
            "    {:<18} {:>8.2} / {:>7.2} {:>10.2} / {:>9.2} {:>16} {:>20}",
            f.label, f.quiet.0, f.quiet.1, f.stalled.0, f.stalled.1, f.held, lifetime
        );
    }
    Ok(())
}

/// The abbreviated hash of `reference`.
fn short(root: &Path, reference: &str) -> String {
    Command::new("git")
        .args(["rev-parse", "--short", reference])
        .current_dir(root)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| reference.to_owned())
}

/// The first commit that has `path`.
fn first_commit_with(root: &Path, path: &str) -> anyhow::Result<String> {
    let out = Command::new("git")
        .args(["log", "--diff-filter=A", "--format=%H", "--", path])
        .current_dir(root)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .last()
        .map(str::to_owned)
        .with_context(|| format!("no commit adds {path}: pass --before-ref"))
}

/// A release build of the server as it was at `reference`, in a worktree of its own.
fn build_at(root: &Path, reference: &str) -> anyhow::Result<PathBuf> {
    let tree = root.join("target").join("before-tree");
    let _ = Command::new("git")
        .args(["worktree", "remove", "--force"])
        .arg(&tree)
        .current_dir(root)
        .status();
    status(
        Command::new("git")
            .args(["worktree", "add", "--detach"])
            .arg(&tree)
            .arg(reference)
            .current_dir(root),
    )?;
    let target = root.join("target").join("before");
    status(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "build",
                "--release",
                "-p",
                "kollegium-server",
                "--bin",
                "kollegium",
            ])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&tree),
    )?;
    // The binary stays in its own target directory; the worktree is not needed.
    let _ = Command::new("git")
        .args(["worktree", "remove", "--force"])
        .arg(&tree)
        .current_dir(root)
        .status();
    Ok(target.join("release").join("kollegium"))
}

/// p50 and p99 of `SAMPLES` health requests, one at a time, in milliseconds.
fn health(addr: SocketAddr) -> anyhow::Result<(f64, f64)> {
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let (code, _, took) = request(addr, "GET", "/api/v1/health", "", None)?;
        anyhow::ensure!(code == 200, "health answered {code}");
        times.push(took.as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[SAMPLES / 2], times[SAMPLES * 99 / 100]))
}

fn measure(root: &Path, label: &str, binary: &Path, stalled: usize) -> anyhow::Result<Figures> {
    let server = start_server(
        binary,
        &root.join("target").join("site"),
        &[("RUST_LOG", "error")],
    )?;
    let addr = server.addr;
    let quiet = health(addr)?;
    let opened = Instant::now();
    let mut held = Vec::with_capacity(stalled);
    let mut born = Vec::with_capacity(stalled);
    for _ in 0..stalled {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
        stream.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: kollegium\r\nX-Stalled: ")?;
        held.push(stream);
        born.push(Instant::now());
    }
    let busy = health(addr)?;
    // How long they live: watch them all until closed, or for `WATCH`.
    for s in &held {
        s.set_nonblocking(true)?;
    }
    let mut open: Vec<bool> = vec![true; held.len()];
    let mut buf = [0u8; 512];
    let mut longest = Duration::ZERO;
    while opened.elapsed() < WATCH && open.iter().any(|o| *o) {
        for ((stream, alive), born) in held.iter_mut().zip(open.iter_mut()).zip(&born) {
            if !*alive {
                continue;
            }
            let closed = match stream.read(&mut buf) {
                Ok(0) => true,
                Ok(_) => false,
                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
            };
            if closed {
                *alive = false;
                longest = longest.max(born.elapsed());
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let still_open = open.iter().filter(|o| **o).count();
    Ok(Figures {
        label: label.to_owned(),
        quiet,
        stalled: busy,
        held: still_open,
        lifetime: (still_open == 0).then_some(longest),
    })
}
