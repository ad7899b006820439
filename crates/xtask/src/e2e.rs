//! Browser tests: a real server on a free port with a throwaway SQLite database and the
//! demo data, driven by Playwright in Debian's headless Chromium.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::{build_server, status};

/// A server process that is stopped (SIGTERM, then kill) when dropped.
pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
    data: TempDir,
}

impl ServerProcess {
    /// The server's process id (for reading its memory use).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's data directory (its SQLite file and library files).
    pub fn data_dir(&self) -> &Path {
        &self.data.0
    }

    /// The last `lines` lines the server printed, and whether it is still running:
    /// what a failed run needs to tell a crash or a full disk from a broken test.
    pub fn report(&mut self, lines: usize) -> String {
        let log = std::fs::read_to_string(self.data.0.join(SERVER_LOG)).unwrap_or_default();
        let all: Vec<&str> = log.lines().collect();
        let tail = all[all.len().saturating_sub(lines)..].join("\n");
        let state = match self.child.try_wait() {
            Ok(Some(exit)) => format!("the server has stopped: {exit}"),
            Ok(None) => "the server is still running".to_owned(),
            Err(e) => format!("the server's state is unknown: {e}"),
        };
        let disk = Command::new("df")
            .arg("-h")
            .arg(&self.data.0)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        format!("{state}\n{disk}--- the server's last lines ---\n{tail}")
    }
}

/// Where in its data directory a test server's output goes.
const SERVER_LOG: &str = "server.log";

impl Drop for ServerProcess {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(self.child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A plain HTTP/1.1 GET; returns the status code.
pub fn http_get_status(addr: SocketAddr, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Starts `server` on a free port with a fresh database seeded with the demo data.
pub fn start_server(
    server: &Path,
    site_dir: &Path,
    extra_env: &[(&str, &str)],
) -> anyhow::Result<ServerProcess> {
    let data = TempDir::new("kollegium-e2e")?;
    let port = free_port()?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let configure = |cmd: &mut Command| {
        cmd.env("KOLLEGIUM_DATA_DIR", &data.0)
            .env("KOLLEGIUM_SITE_DIR", site_dir)
            .env("KOLLEGIUM_ADDR", addr.to_string())
            .env(
                "KOLLEGIUM_JWT_SECRET",
                "browser-test-secret-0123456789-abcdefghij",
            )
            .env_remove("KOLLEGIUM_DATABASE_URL");
        // Extra settings last, so they may name a database.
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
    };
    let mut seed = Command::new(server);
    seed.arg("seed-demo");
    configure(&mut seed);
    status(&mut seed)?;
    let mut serve = Command::new(server);
    serve.arg("serve");
    configure(&mut serve);
    let log =
        std::fs::File::create(data.0.join(SERVER_LOG)).context("creating the server's log")?;
    serve.stdout(log.try_clone()?).stderr(log);
    let child = serve.spawn().context("starting the server")?;
    let process = ServerProcess { child, addr, data };
    let deadline = Instant::now() + Duration::from_secs(30);
    while http_get_status(addr, "/api/v1/health") != Some(200) {
        if Instant::now() > deadline {
            bail!("the server did not answer on {addr} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(process)
}

/// Installs the test's npm packages from the lock file when they are missing or stale.
fn ensure_npm_packages(dir: &Path) -> anyhow::Result<()> {
    let installed = dir.join("node_modules").join(".package-lock.json");
    let lock = dir.join("package-lock.json");
    let stale = match (std::fs::metadata(&installed), std::fs::metadata(&lock)) {
        (Ok(i), Ok(l)) => i.modified()? < l.modified()?,
        _ => true,
    };
    if stale {
        status(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(dir),
        )?;
    }
    Ok(())
}

/// Runs the Playwright suite; `args` go to `playwright test` (e.g. a spec file).
pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let chromium =
        std::env::var("KOLLEGIUM_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        bail!(
            "no Chromium at {chromium}: install Debian's package (apt-get install -y chromium) or set KOLLEGIUM_CHROMIUM"
        );
    }
    let dir = root.join("tests").join("e2e");
    ensure_npm_packages(&dir)?;
    let server_bin = build_server(false)?;
    let mut server = start_server(
        &server_bin,
        &root.join("target").join("site"),
        &[
            ("KOLLEGIUM_LOGIN_LIMIT_PER_IP", "100000"),
            ("RUST_LOG", "warn"),
        ],
    )?;
    let base_url = format!("http://{}", server.addr);
    eprintln!("==> browser tests against {base_url}");
    let mut cmd = Command::new("npx");
    cmd.args(["playwright", "test"])
        .args(args)
        .current_dir(&dir)
        .env("BASE_URL", &base_url)
        .env("KOLLEGIUM_CHROMIUM", &chromium)
        .env("E2E_OUTPUT", root.join("target").join("e2e"));
    let result = status(&mut cmd);
    if result.is_err() {
        eprintln!("{}", server.report(80));
    }
    drop(server);
    result
}
