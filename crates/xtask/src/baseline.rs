//! Before and after in one run: `--baseline REV` builds the server as it was at commit
//! `REV` (a detached worktree under the target directory, built into the same target
//! directory so that the dependencies are compiled once) beside the current one, and a
//! bench then measures both on the same machine, one after the other.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{build_server, cargo, status, target_dir};

/// A server binary to measure and what to call it in the figures.
pub struct Contender {
    pub label: String,
    pub binary: PathBuf,
}

/// The servers `args` asks for: the commit after `--baseline` (when given) first, then
/// the current code. Each is copied aside once built: the two builds share the target
/// directory, where the last one built is the one at `target/release`.
pub fn contenders(root: &Path, args: &[String]) -> anyhow::Result<Vec<Contender>> {
    let built = build_server(true)?;
    let Some(i) = args.iter().position(|a| a == "--baseline") else {
        return Ok(vec![Contender {
            label: "now".into(),
            binary: built,
        }]);
    };
    let rev = args.get(i + 1).context("--baseline takes a commit")?;
    let current = target_dir().join("bench").join("kollegium-now");
    std::fs::create_dir_all(target_dir().join("bench"))?;
    std::fs::copy(&built, &current).context("keeping the current server")?;
    let (label, before) = build_at(root, rev)?;
    // What `target/release` held before the baseline's build, for whatever runs next.
    std::fs::copy(&current, &built).context("putting the current server back")?;
    if std::fs::read(&before)? == std::fs::read(&current)? {
        bail!("the baseline's server and the current one are the same binary");
    }
    Ok(vec![
        Contender {
            label,
            binary: before,
        },
        Contender {
            label: "now".into(),
            binary: current,
        },
    ])
}

/// Builds the server at `rev` and copies it aside; returns its label and path.
fn build_at(root: &Path, rev: &str) -> anyhow::Result<(String, PathBuf)> {
    let full = git(
        root,
        &["rev-parse", "--verify", &format!("{rev}^{{commit}}")],
    )?;
    let label = full[..10].to_owned();
    let kept = target_dir()
        .join("bench")
        .join(format!("kollegium-{label}"));
    if kept.exists() {
        return Ok((label, kept));
    }
    let tree = target_dir().join("baseline-src");
    if tree.join(".git").exists() {
        status(
            Command::new("git")
                .current_dir(&tree)
                .args(["checkout", "--quiet", "--detach", &full]),
        )?;
    } else {
        status(Command::new("git").current_dir(root).args([
            "worktree",
            "add",
            "--detach",
            &tree.display().to_string(),
            &full,
        ]))?;
    }
    status(
        cargo()
            .current_dir(&tree)
            .env("CARGO_TARGET_DIR", target_dir())
            .args([
                "build",
                "--release",
                "-p",
                "kollegium-server",
                "--bin",
                "kollegium",
            ])
            // Cargo names a workspace's own crates' artifacts without their path, so the
            // baseline's would overwrite the current ones: a setting that changes nothing
            // of the machine code gives them names of their own.
            .args(BASELINE_PROFILE.iter().flat_map(|c| ["--config", c])),
    )?;
    let built = target_dir()
        .join("release")
        .join(format!("kollegium{}", std::env::consts::EXE_SUFFIX));
    std::fs::create_dir_all(kept.parent().context("a parent")?)?;
    std::fs::copy(&built, &kept).context("keeping the baseline's server")?;
    Ok((label, kept))
}

/// Settings for the baseline's own crates (line tables only, where a release build has
/// no debug information), so that their artifacts are apart from the current ones.
const BASELINE_PROFILE: [&str; 2] = [
    "profile.release.package.kollegium-server.debug=\"line-tables-only\"",
    "profile.release.package.kollegium-shared.debug=\"line-tables-only\"",
];

fn git(root: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git").current_dir(root).args(args).output()?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}
