//! A test server per database engine: SQLite always, PostgreSQL when
//! `KOLLEGIUM_TEST_POSTGRES_URL` is set. Each gets a fresh database, seeded with the
//! demo municipalities, that is dropped afterwards. [`Call`] builds a request,
//! [`TestApp::send`] answers it, and the demo's people and groups are reached by the
//! helpers at the end.

#![allow(dead_code)]

/// Asserts a reply's status, naming the engine and showing the body when it differs.
macro_rules! assert_status {
    ($app:expr, $reply:expr, $status:expr) => {
        assert_eq!(
            $reply.status, $status,
            "[{}] {:?}",
            $app.engine, $reply.body
        )
    };
}

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use kollegium_server::demo::{self, DEMO_PASSWORD};
use kollegium_server::security::ratelimit::GuardSettings;
use kollegium_server::security::{AuthState, password};
use kollegium_server::state::FileSettings;
use kollegium_server::store::{Engine, Store};
use kollegium_server::{AppState, app};
use serde_json::Value;
use tower::ServiceExt;

pub const SECRET: &[u8] = b"test-secret-0123456789-0123456789-abcdef";

/// Limits high enough that ordinary tests never meet them.
pub const LIMITS: Limits = Limits {
    per_ip: 10_000,
    free_failures: 1_000,
    account_ceiling: 10_000,
};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_ip: u32,
    /// Failures of an account from one address before they are delayed.
    pub free_failures: u32,
    /// Failures of an account from all addresses before it is slowed.
    pub account_ceiling: u32,
}

/// One server on one engine with its own database.
pub struct TestApp {
    /// The engine's name, for assertion messages.
    pub engine: &'static str,
    /// The database's URL, for tests that run the `kollegium` binary against it.
    pub url: String,
    pub store: Store,
    pub router: Router,
    /// Where the library's files go.
    pub files: tempfile::TempDir,
    /// The database goes with the first server on it, not with a second one.
    _db: Option<DbGuard>,
}

/// The largest library file the test apps accept.
#[allow(dead_code)]
pub const UPLOAD_LIMIT: u64 = 256 * 1024;

/// Dropping this drops the test's database (or its SQLite directory).
enum DbGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Dropped from inside a runtime: do it on a thread with its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

fn demo_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(DEMO_PASSWORD).expect("hash"))
}

/// Every engine to test on.
pub async fn engines() -> Vec<TestApp> {
    engines_with(LIMITS).await
}

/// Every engine to test on, with the given sign-in limits.
pub async fn engines_with(limits: Limits) -> Vec<TestApp> {
    let mut apps = vec![sqlite(limits).await];
    if let Ok(url) = std::env::var("KOLLEGIUM_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        apps.push(postgres(&url, limits).await);
    }
    apps
}

fn site_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><title>Kollegium</title>",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("kollegium-app-0123456789abcdef.wasm"),
            b"\0asm\x01\0\0\0",
        )
        .expect("write");
        std::fs::write(dir.path().join("style-0123456789abcdef.css"), "body{}").expect("write");
        std::fs::write(
            dir.path().join("style-0123456789abcdef.css.gz"),
            gzip(b"body{}"),
        )
        .expect("write");
        dir
    })
    .path()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    // A stored (uncompressed) gzip member is enough to prove the precompressed file is served.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1);
    let len = data.len() as u16;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

async fn build(url: String, store: Store, guard: DbGuard, limits: Limits) -> TestApp {
    store.migrate().await.expect("migrate");
    demo::seed(&store, demo_hash()).await.expect("seed");
    let files = tempfile::tempdir().expect("tempdir for files");
    let router = server(&store, limits, local_files(files.path()));
    let engine = match store.engine() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    TestApp {
        engine,
        url,
        store,
        router,
        files,
        _db: Some(guard),
    }
}

/// A server on `store`: its own sign-in settings, live-meeting channel and memory, as
/// a process of its own would have.
fn server(store: &Store, limits: Limits, files: FileSettings) -> Router {
    let failures = GuardSettings {
        free_failures: limits.free_failures,
        account_ceiling: limits.account_ceiling,
    };
    let auth = AuthState::new(SECRET, 12, limits.per_ip, failures, false).expect("auth state");
    let state = AppState {
        store: store.clone(),
        auth: Arc::new(auth),
        files: Arc::new(files),
        live: tokio::sync::broadcast::channel(256).0,
        mail_configured: false,
    };
    kollegium_server::changes::spawn_relay(store.clone(), state.live.clone());
    app(state, site_dir(), 64 * 1024)
}

/// Files kept in the directory `dir`, as a server without an object store keeps them.
fn local_files(dir: &Path) -> FileSettings {
    kollegium_server::files::open(&dir.display().to_string(), [], UPLOAD_LIMIT)
        .expect("file directory")
}

/// A real S3-compatible server (s3s-fs, over a directory of its own) on a loopback
/// port with one bucket, for as long as this lives.
#[allow(dead_code)]
pub struct S3Server {
    /// The server's directory: the bucket is a folder in it, each object a file.
    pub root: tempfile::TempDir,
    endpoint: String,
    task: tokio::task::JoinHandle<()>,
}

#[allow(dead_code)]
impl S3Server {
    pub const BUCKET: &str = "kollegium";
    const ACCESS_KEY: &str = "kollegium-test";
    const SECRET_KEY: &str = "kollegium-test-secret";

    pub async fn start() -> S3Server {
        let root = tempfile::tempdir().expect("tempdir for s3");
        std::fs::create_dir(root.path().join(Self::BUCKET)).expect("bucket");
        let mut builder = s3s::service::S3ServiceBuilder::new(
            s3s_fs::FileSystem::new(root.path()).expect("s3s-fs"),
        );
        builder.set_auth(s3s::auth::SimpleAuth::from_single(
            Self::ACCESS_KEY,
            Self::SECRET_KEY,
        ));
        let service = builder.build();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("s3 port");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let service = service.clone();
                tokio::spawn(async move {
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(socket), service)
                        .await;
                });
            }
        });
        S3Server {
            root,
            endpoint,
            task,
        }
    }

    /// The store as a server configured with `KOLLEGIUM_FILE_STORE=s3://…` and the
    /// `AWS_*` variables reads it, its files under `prefix`.
    pub fn files(&self, prefix: &str) -> FileSettings {
        let options = [
            ("AWS_ENDPOINT", self.endpoint.as_str()),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_REGION", "eu-north-1"),
            ("AWS_ACCESS_KEY_ID", Self::ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", Self::SECRET_KEY),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        kollegium_server::files::open(
            &format!("s3://{}/{prefix}", Self::BUCKET),
            options,
            UPLOAD_LIMIT,
        )
        .expect("s3 store")
    }

    /// The objects in the bucket, by their paths in it.
    pub fn objects(&self) -> Vec<String> {
        fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, base, out);
                } else if let Ok(rel) = path.strip_prefix(base) {
                    out.push(rel.display().to_string());
                }
            }
        }
        let base = self.root.path().join(Self::BUCKET);
        let mut out = Vec::new();
        walk(&base, &base, &mut out);
        out.sort();
        out
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn sqlite(limits: Limits) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = Store::connect(&url).await.expect("sqlite");
    build(url, store, DbGuard::Sqlite(dir), limits).await
}

async fn postgres(admin_url: &str, limits: Limits) -> TestApp {
    use sqlx::Connection;
    let name = format!("kollegium_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("KOLLEGIUM_TEST_POSTGRES_URL must reach PostgreSQL");
    // A collation that is not byte order (as a municipality's server would have), so
    // that a list the database sorts by name cannot pass for one sorted alike on both
    // engines. ICU comes with PostgreSQL 15's packages; older servers take their default.
    let icu = format!(
        "CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
    );
    if sqlx::query(&icu).execute(&mut conn).await.is_err() {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create database");
    }
    conn.close().await.ok();
    let guard = DbGuard::Postgres {
        admin_url: admin_url.to_owned(),
        name: name.clone(),
    };
    let url = with_database(admin_url, &name);
    let store = Store::connect(&url).await.expect("postgres");
    build(url, store, guard, limits).await
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map(|i| scheme_end + i);
    let root = path_start.map_or(base, |i| &base[..i]);
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// Sends `call`, asserts it succeeded (naming the engine otherwise) and returns its body.
pub async fn ok(app: &TestApp, call: Call) -> Value {
    let reply = app.send(call).await;
    assert!(
        reply.status.is_success(),
        "[{}] {}: {}",
        app.engine,
        reply.status,
        reply.body
    );
    reply.body
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The error code of an error body.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
    /// The field of an error body.
    pub fn field(&self) -> Option<&str> {
        self.body["error"]["field"].as_str()
    }
    /// The message of an error body.
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }
}

/// A request under construction.
pub struct Call {
    request: Request<Body>,
}

impl Call {
    pub fn new(method: Method, path: &str) -> Call {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))));
        Call { request }
    }
    pub fn get(path: &str) -> Call {
        Call::new(Method::GET, path)
    }
    pub fn post(path: &str) -> Call {
        Call::new(Method::POST, path)
    }
    pub fn patch(path: &str) -> Call {
        Call::new(Method::PATCH, path)
    }
    pub fn put(path: &str) -> Call {
        Call::new(Method::PUT, path)
    }
    pub fn token(mut self, token: &str) -> Call {
        let value = format!("Bearer {token}").parse().expect("header");
        self.request
            .headers_mut()
            .insert(header::AUTHORIZATION, value);
        self
    }
    pub fn header(mut self, name: &'static str, value: &str) -> Call {
        self.request
            .headers_mut()
            .insert(name, value.parse().expect("header"));
        self
    }
    pub fn client_ip(mut self, ip: [u8; 4]) -> Call {
        self.request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
        self
    }
    pub fn json(self, body: &Value) -> Call {
        self.raw("application/json", body.to_string())
    }
    pub fn raw(mut self, content_type: &str, body: impl Into<Body>) -> Call {
        self.request
            .headers_mut()
            .insert(header::CONTENT_TYPE, content_type.parse().expect("header"));
        *self.request.body_mut() = body.into();
        self
    }
}

impl TestApp {
    /// A second server on the same database, as when several share one PostgreSQL:
    /// nothing in memory is shared with this one.
    #[allow(dead_code)]
    pub fn second_server(&self, limits: Limits) -> TestApp {
        let files = tempfile::tempdir().expect("tempdir for files");
        let local = local_files(files.path());
        self.server_with(limits, files, local)
    }

    /// Another server on the same database that keeps its files in `store`.
    #[allow(dead_code)]
    pub fn server_with_files(&self, limits: Limits, store: FileSettings) -> TestApp {
        let unused = tempfile::tempdir().expect("tempdir");
        self.server_with(limits, unused, store)
    }

    fn server_with(&self, limits: Limits, dir: tempfile::TempDir, files: FileSettings) -> TestApp {
        TestApp {
            engine: self.engine,
            url: self.url.clone(),
            store: self.store.clone(),
            router: server(&self.store, limits, files),
            files: dir,
            _db: None,
        }
    }

    /// Sends `call` and hands back the response with its body unread, for streams.
    #[allow(dead_code)]
    pub async fn open(&self, call: Call) -> axum::response::Response {
        self.router
            .clone()
            .oneshot(call.request)
            .await
            .expect("infallible")
    }

    pub async fn send(&self, call: Call) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(call.request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            bytes,
        }
    }

    /// Signs in a demo login with the demo password and returns the token.
    pub async fn login(&self, email: &str) -> String {
        let reply = self
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&serde_json::json!({"email": email, "password": DEMO_PASSWORD})),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "[{}] login {email}: {:?}",
            self.engine,
            reply.body
        );
        reply.body["token"].as_str().expect("token").to_owned()
    }

    /// The id of a demo school by name, as `municipality`'s admin sees it.
    /// A person's id and version as the staff list has them (inactive people too).
    pub async fn staff_row(&self, admin_token: &str, email: &str) -> (i64, i64) {
        let found = self
            .send(
                Call::get(&format!("/api/v1/staff?q={email}&include_inactive=true"))
                    .token(admin_token),
            )
            .await;
        let p = &found.body["items"][0];
        (
            p["id"].as_i64().expect("id"),
            p["version"].as_i64().expect("version"),
        )
    }

    pub async fn school_id(&self, admin_token: &str, name: &str) -> i64 {
        let reply = self
            .send(Call::get("/api/v1/schools").token(admin_token))
            .await;
        reply
            .body
            .as_array()
            .expect("schools")
            .iter()
            .find(|s| s["name"] == name)
            .expect("school")["id"]
            .as_i64()
            .expect("id")
    }
}

/// The demo teacher's learning group as they see it.
pub struct TeachersGroup {
    /// The demo teacher's token.
    pub teacher: String,
    /// The group's meetings not yet held (the demo's groups have held the first two).
    pub meetings: Vec<Value>,
    /// The group, as `GET /groups/{id}` answers.
    pub roster: Value,
}

impl TestApp {
    /// The demo teacher's learning group: its meetings are at 15:00 as the wheel's
    /// slots (a leader also has the leaders' group's meetings, at 13:00).
    pub async fn teachers_group(&self) -> TeachersGroup {
        let teacher = self.login("larare@demo.test").await;
        let all = self
            .send(Call::get("/api/v1/meetings").token(&teacher))
            .await
            .body;
        let learning: Vec<Value> = all
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["start_time"] == "15:00")
            .cloned()
            .collect();
        let meetings = learning[2..].to_vec();
        let id = meetings[0]["group_id"].as_i64().expect("group");
        let roster = self
            .send(Call::get(&format!("/api/v1/groups/{id}")).token(&teacher))
            .await
            .body;
        TeachersGroup {
            teacher,
            meetings,
            roster,
        }
    }
}

/// Counts the SQL statements each request runs (transaction control left out), by the
/// request's `x-request-id`: sqlx reports every statement as a `sqlx::query` event
/// inside the span of the request that ran it (SQLite's worker thread too).
pub mod statements {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id};
    use tracing::{Event, Metadata, Subscriber};
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::{Context, SubscriberExt};
    use tracing_subscriber::registry::LookupSpan;

    static COUNTS: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();

    fn counts() -> &'static Mutex<HashMap<String, Vec<String>>> {
        COUNTS.get_or_init(Default::default)
    }

    /// The request id a `request` span was opened with.
    struct RequestId(String);

    #[derive(Default)]
    struct Fields {
        id: Option<String>,
        summary: Option<String>,
    }

    impl Visit for Fields {
        fn record_str(&mut self, field: &Field, value: &str) {
            match field.name() {
                "summary" => self.summary = Some(value.to_owned()),
                "id" => self.id = Some(value.to_owned()),
                _ => {}
            }
        }
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let text = format!("{value:?}");
            match field.name() {
                "summary" => self.summary = Some(text.trim_matches('"').to_owned()),
                "id" => self.id = Some(text.trim_matches('"').to_owned()),
                _ => {}
            }
        }
    }

    struct Counting;

    impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Counting {
        fn enabled(&self, meta: &Metadata<'_>, _: Context<'_, S>) -> bool {
            meta.is_span() || meta.target() == "sqlx::query"
        }

        fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
            if attrs.metadata().name() != "request" {
                return;
            }
            let mut fields = Fields::default();
            attrs.record(&mut fields);
            if let (Some(request), Some(span)) = (fields.id, ctx.span(id)) {
                span.extensions_mut().insert(RequestId(request));
            }
        }

        fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
            if event.metadata().target() != "sqlx::query" {
                return;
            }
            let Some(scope) = ctx.event_scope(event) else {
                return;
            };
            let Some(request) = scope
                .from_root()
                .find_map(|span| span.extensions().get::<RequestId>().map(|r| r.0.clone()))
            else {
                return;
            };
            let mut fields = Fields::default();
            event.record(&mut fields);
            let summary = fields.summary.unwrap_or_default();
            let first = summary
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if matches!(
                first.as_str(),
                "BEGIN" | "COMMIT" | "ROLLBACK" | "SAVEPOINT" | "RELEASE"
            ) {
                return;
            }
            counts()
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .entry(request)
                .or_default()
                .push(summary);
        }
    }

    /// Starts counting (once per test binary).
    pub fn start() {
        static STARTED: OnceLock<()> = OnceLock::new();
        STARTED.get_or_init(|| {
            let subscriber = tracing_subscriber::registry().with(Counting);
            tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        });
    }

    /// The statements the request with `id` ran, in order (their first words).
    pub fn of(id: &str) -> Vec<String> {
        counts()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
            .cloned()
            .unwrap_or_default()
    }
}

/// Sends `call` and asserts it was refused with `status`, naming `field` (when given).
pub async fn refuses(app: &TestApp, call: Call, status: StatusCode, field: &str) {
    let reply = app.send(call).await;
    refused(app, &reply, status, field);
}

/// Asserts `reply` was refused with `status`, naming `field` (when given) with a message.
pub fn refused(app: &TestApp, reply: &Reply, status: StatusCode, field: &str) {
    assert_eq!(reply.status, status, "[{}] {}", app.engine, reply.body);
    if !field.is_empty() {
        assert_eq!(
            reply.field(),
            Some(field),
            "[{}] {}",
            app.engine,
            reply.body
        );
        assert!(!reply.message().is_empty());
    }
}

/// A PDF as pypdf (an independent parser, from PyPI) reads it: its text, its document
/// language, whether it is marked as tagged, its title, and the structure types of its
/// tag tree in reading order.
pub fn read_pdf(bytes: &[u8]) -> Value {
    const SCRIPT: &str = r#"
import json, sys, pypdf
r = pypdf.PdfReader(sys.argv[1], strict=True)
root = r.trailer["/Root"]
kinds = []
def walk(node):
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for k in node: walk(k)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node: kinds.append(str(node["/S"]))
        if "/K" in node: walk(node["/K"])
tree = root.get("/StructTreeRoot")
if tree is not None: walk(tree)
print(json.dumps({
    "text": "\n".join(p.extract_text() for p in r.pages),
    "lang": str(root.get("/Lang", "")),
    "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
    "title": str((r.metadata or {}).get("/Title", "")),
    "structure": kinds,
}))
"#;
    let dir = std::env::temp_dir().join(format!("kollegium-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{}.pdf", bytes.len()));
    std::fs::write(&file, bytes).expect("write pdf");
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&file)
        .output()
        .expect("python3 runs (the PDF test needs pypdf: pip install pypdf)");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_dir(&dir);
    assert!(
        out.status.success(),
        "pypdf could not read the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script's JSON")
}
