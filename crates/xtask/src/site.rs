//! Builds the site: the browser app for wasm32 with the size-tuned profile, its
//! JavaScript glue through `wasm-bindgen-cli-support` (pinned to the app's exact
//! `wasm-bindgen` version), then `target/site/` with content-hashed file names and
//! gzip and brotli variants. Unchanged inputs rebuild nothing.
//!
//! Pages behind lazy routes (`#[lazy_route]`) are split out of the main module with
//! `wasm_split_cli_support` before wasm-bindgen runs, so the first download holds only
//! what the start page needs; the rest is fetched when a page is first opened.

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
    /// Parts of the app loaded only when a page needs them.
    pub lazy: Vec<(String, u64, u64, u64)>,
    /// Per lazily loaded page: its name and the gzip bytes of the parts it needs.
    pub pages: Vec<(String, u64)>,
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
        let (r, g, b) = self
            .lazy
            .iter()
            .fold((0, 0, 0), |(r, g, b), f| (r + f.1, g + f.2, b + f.3));
        eprintln!(
            "Loaded per page when needed: {} parts, {r} / {g} / {b} bytes in all",
            self.lazy.len()
        );
        for (page, gz) in &self.pages {
            eprintln!("  page {page:<36} {gz:>9} gzip");
        }
    }
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
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
    /// Adds a file and its compressed variants, compressed again only when the file's
    /// bytes changed.
    fn add(&mut self, name: &str, bytes: &[u8]) -> anyhow::Result<(u64, u64, u64)> {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let unchanged = fs::read(&path).is_ok_and(|old| old == bytes);
        if !unchanged {
            fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
        self.written.insert(name.to_owned());
        let mut sizes = (bytes.len() as u64, 0, 0);
        for (ext, compress) in [
            ("gz", gzip as fn(&[u8]) -> anyhow::Result<Vec<u8>>),
            ("br", brotli),
        ] {
            let variant = format!("{name}.{ext}");
            let vpath = self.dir.join(&variant);
            let size = match fs::metadata(&vpath) {
                Ok(m) if unchanged => m.len(),
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
    let input = fs::read(&wasm_in).with_context(|| format!("reading {}", wasm_in.display()))?;
    // One name for everything derived from this module: the split tool and wasm-bindgen
    // are deterministic, so the input's hash identifies the glue, the link module and
    // the lazily loaded parts. The parts live in their own directory so that their
    // relative URLs stay fixed.
    let id = short_hash(&input);
    let split_dir_name = format!("split-{id}");
    let js_name = format!("kollegium-app-{id}.js");
    let glue_dir = target.join("site-glue");
    let glue_js = glue_dir.join(format!("{APP}.js"));
    let glue_wasm = glue_dir.join(format!("{APP}_bg.wasm"));
    let stamp = glue_dir.join("input-hash");
    let parts_dir = target.join("site-split");

    if fs::read_to_string(&stamp).ok().as_deref() != Some(id.as_str()) {
        eprintln!("==> wasm-split and wasm-bindgen {}", wasm_in.display());
        for dir in [&glue_dir, &parts_dir] {
            if dir.exists() {
                fs::remove_dir_all(dir)?;
            }
        }
        fs::create_dir_all(parts_dir.join(&split_dir_name))?;
        let main_split = parts_dir.join("main.wasm");
        let link_name = format!("./{split_dir_name}/link.js");
        let main_module = format!("../{js_name}");
        let split = wasm_split_cli_support::transform({
            let mut opts = wasm_split_cli_support::Options::new(&input);
            opts.output_dir = &parts_dir;
            opts.main_out_path = &main_split;
            opts.link_name = &link_name;
            opts.main_module = &main_module;
            opts
        })
        .map_err(|e| anyhow::anyhow!("splitting the wasm module: {e:?}"))?;
        // Which parts each page needs, for the size report.
        let pages: std::collections::BTreeMap<String, Vec<String>> =
            split.prefetch_map.into_iter().collect();
        fs::write(
            parts_dir.join("pages.json"),
            serde_json::to_vec_pretty(&pages)?,
        )?;
        // The parts are fetched relative to the link module, in its directory.
        for entry in fs::read_dir(&parts_dir)? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_file() && name != "main.wasm" && name.ends_with(".wasm") {
                let stripped = strip_custom_sections(&fs::read(&path)?)
                    .with_context(|| format!("reading {}", path.display()))?;
                fs::write(parts_dir.join(&split_dir_name).join(&*name), stripped)?;
                fs::remove_file(&path)?;
            }
        }
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&main_split)
            .out_name(APP)
            .web(true)?
            .typescript(false)
            .omit_default_module_path(false)
            .keep_lld_exports(true)
            .remove_producers_section(true)
            .remove_name_section(true)
            .generate(&glue_dir)
            .context("running wasm-bindgen")?;
        fs::write(&stamp, &id)?;
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
        let (raw, gz, br) = assembly.add(name, bytes)?;
        report.files.push((name.clone(), raw, gz, br));
    }
    // The link module is imported by the glue at start; the parts only when a page needs one.
    let mut parts: Vec<PathBuf> = fs::read_dir(parts_dir.join(&split_dir_name))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    parts.sort();
    for path in parts {
        let name = format!(
            "{split_dir_name}/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let (raw, gz, br) = assembly.add(&name, &fs::read(&path)?)?;
        if name.ends_with(".js") {
            report.files.push((name, raw, gz, br));
        } else {
            report.lazy.push((name, raw, gz, br));
        }
    }
    let pages: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&fs::read(parts_dir.join("pages.json"))?)?;
    for (page, files) in pages {
        let gz = files
            .iter()
            .filter_map(|stem| {
                let name = format!("{split_dir_name}/{stem}.wasm");
                report.lazy.iter().find(|f| f.0 == name).map(|f| f.2)
            })
            .sum();
        // "__roster_view_118014984120557329" → "roster".
        let short = page
            .trim_start_matches('_')
            .split("_view")
            .next()
            .unwrap_or(&page)
            .to_owned();
        report.pages.push((short, gz));
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
                    let (raw, gz, br) = assembly.add(&rel, &fs::read(&path)?)?;
                    report.files.push((rel, raw, gz, br));
                }
            }
        }
    }
    assembly.add("icon.svg", &fs::read(root.join("style").join("icon.svg"))?)?;

    let template = fs::read_to_string(root.join("app").join("index.html"))
        .context("reading app/index.html")?;
    let index = template
        .replace("{{style}}", &format!("/{css_name}"))
        .replace("{{boot}}", &format!("/{boot_name}"))
        .replace("{{glue}}", &format!("/{js_name}"))
        .replace("{{wasm}}", &format!("/{wasm_name}"));
    assembly.add("index.html", index.as_bytes())?;
    assembly.prune()?;
    Ok(report)
}

/// Reads an unsigned LEB128 number at `*at`, moving past it.
fn read_leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

/// A wasm module without its custom sections (names, producers, target features): the
/// split parts keep them, and the browser needs none of them.
fn strip_custom_sections(module: &[u8]) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(module.starts_with(b"\0asm"), "not a wasm module");
    let mut out = module[..8].to_vec();
    let mut at = 8;
    while at < module.len() {
        let start = at;
        let id = module[at];
        at += 1;
        let size = read_leb(module, &mut at).context("bad section size")?;
        let end = at
            .checked_add(size)
            .filter(|e| *e <= module.len())
            .context("bad section")?;
        if id != 0 {
            out.extend_from_slice(&module[start..end]);
        }
        at = end;
    }
    Ok(out)
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
