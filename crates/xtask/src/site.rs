//! Builds the site: the browser app for wasm32 with the size-tuned profile, its
//! JavaScript glue through `wasm-bindgen-cli-support` (pinned to the app's exact
//! `wasm-bindgen` version), then `target/site/` with content-hashed file names and
//! gzip and brotli variants. Unchanged inputs rebuild nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

use crate::{cargo, ensure_wasm_target, status, target_dir};

const APP: &str = "kollegium_app";
const PROFILE: &str = "wasm-release";

/// Sizes of what the browser downloads first (index.html aside).
#[derive(Debug, Default)]
pub struct SizeReport {
    pub files: Vec<(String, u64, u64, u64)>,
}

impl SizeReport {
    /// (raw, gzip, brotli) bytes summed over the first download.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.files
            .iter()
            .fold((0, 0, 0), |(r, g, b), f| (r + f.1, g + f.2, b + f.3))
    }

    pub fn print(&self) {
        eprintln!("First download of the start page (bytes: raw / gzip / brotli):");
        for (name, raw, gz, br) in &self.files {
            eprintln!("  {name:<40} {raw:>9} {gz:>9} {br:>9}");
        }
        let (r, g, b) = self.totals();
        eprintln!("  {:<40} {r:>9} {g:>9} {b:>9}", "total");
    }
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Writes `bytes` to `path` unless it already holds exactly them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// The site being assembled: every file it holds, so stale ones can be removed.
struct Assembly {
    dir: PathBuf,
    written: BTreeSet<String>,
}

impl Assembly {
    /// Adds a file and its compressed variants. Hashed names never change content, so
    /// their variants are compressed only once.
    fn add(&mut self, name: &str, bytes: &[u8], hashed: bool) -> anyhow::Result<(u64, u64, u64)> {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_if_changed(&path, bytes)?;
        self.written.insert(name.to_owned());
        let mut sizes = (bytes.len() as u64, 0, 0);
        for (ext, compress) in [
            ("gz", gzip as fn(&[u8]) -> anyhow::Result<Vec<u8>>),
            ("br", brotli),
        ] {
            let variant = format!("{name}.{ext}");
            let vpath = self.dir.join(&variant);
            let size = match fs::metadata(&vpath) {
                Ok(m) if hashed => m.len(),
                _ => {
                    let compressed = compress(bytes)?;
                    write_if_changed(&vpath, &compressed)?;
                    compressed.len() as u64
                }
            };
            if ext == "gz" {
                sizes.1 = size;
            } else {
                sizes.2 = size;
            }
            self.written.insert(variant);
        }
        Ok(sizes)
    }

    /// Removes files of earlier builds that this build did not write.
    fn prune(&self) -> anyhow::Result<()> {
        let mut stack = vec![self.dir.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path
                    .strip_prefix(&self.dir)?
                    .to_string_lossy()
                    .replace('\\', "/");
                if !self.written.contains(&rel) {
                    fs::remove_file(&path)?;
                }
            }
        }
        Ok(())
    }
}

/// Builds `target/site/` and reports the size of the first download.
pub fn build(root: &Path) -> anyhow::Result<SizeReport> {
    ensure_wasm_target()?;
    status(cargo().args([
        "build",
        "-p",
        "kollegium-app",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        PROFILE,
    ]))?;
    let target = target_dir();
    let wasm_in = target
        .join("wasm32-unknown-unknown")
        .join(PROFILE)
        .join("kollegium-app.wasm");
    let glue_dir = target.join("site-glue");
    let glue_js = glue_dir.join(format!("{APP}.js"));
    let glue_wasm = glue_dir.join(format!("{APP}_bg.wasm"));

    let fresh = matches!((mtime(&wasm_in), mtime(&glue_js), mtime(&glue_wasm)), (Some(i), Some(j), Some(w)) if j >= i && w >= i);
    if !fresh {
        eprintln!("==> wasm-bindgen {}", wasm_in.display());
        if glue_dir.exists() {
            fs::remove_dir_all(&glue_dir)?;
        }
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm_in)
            .out_name(APP)
            .web(true)?
            .typescript(false)
            .omit_default_module_path(false)
            .remove_producers_section(true)
            .remove_name_section(true)
            .generate(&glue_dir)
            .context("running wasm-bindgen")?;
    }

    let site = root.join("target").join("site");
    fs::create_dir_all(&site)?;
    let mut assembly = Assembly {
        dir: site.clone(),
        written: BTreeSet::new(),
    };
    let mut report = SizeReport::default();

    let wasm = fs::read(&glue_wasm)?;
    let wasm_name = format!("kollegium-app-{}.wasm", short_hash(&wasm));
    let js = fs::read(&glue_js)?;
    let js_name = format!("kollegium-app-{}.js", short_hash(&js));
    let boot =
        format!("import init from './{js_name}';\ninit({{ module_or_path: '/{wasm_name}' }});\n");
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    let css = read_styles(&root.join("style"))?;
    let css_name = format!("style-{}.css", short_hash(css.as_bytes()));

    for (name, bytes) in [
        (&wasm_name, &wasm[..]),
        (&js_name, &js[..]),
        (&boot_name, boot.as_bytes()),
        (&css_name, css.as_bytes()),
    ] {
        let (raw, gz, br) = assembly.add(name, bytes, true)?;
        report.files.push((name.clone(), raw, gz, br));
    }
    // Inline JavaScript snippets of dependencies, imported by relative path from the glue.
    let snippets = glue_dir.join("snippets");
    if snippets.exists() {
        let mut stack = vec![snippets.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path
                        .strip_prefix(&glue_dir)?
                        .to_string_lossy()
                        .replace('\\', "/");
                    let (raw, gz, br) = assembly.add(&rel, &fs::read(&path)?, false)?;
                    report.files.push((rel, raw, gz, br));
                }
            }
        }
    }
    assembly.add(
        "icon.svg",
        &fs::read(root.join("style").join("icon.svg"))?,
        false,
    )?;

    let template = fs::read_to_string(root.join("app").join("index.html"))
        .context("reading app/index.html")?;
    let index = template
        .replace("{{style}}", &format!("/{css_name}"))
        .replace("{{boot}}", &format!("/{boot_name}"))
        .replace("{{glue}}", &format!("/{js_name}"))
        .replace("{{wasm}}", &format!("/{wasm_name}"));
    assembly.add("index.html", index.as_bytes(), false)?;
    assembly.prune()?;
    Ok(report)
}

/// The style sheets of `style/`, in name order, as one file.
fn read_styles(dir: &Path) -> anyhow::Result<String> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    names.sort();
    let mut css = String::new();
    for path in names {
        css.push_str(&fs::read_to_string(&path)?);
        css.push('\n');
    }
    Ok(css)
}
