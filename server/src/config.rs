//! All configuration, read in one place: command-line flags with environment-variable
//! fallbacks. The README lists every variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The Kollegium server.
#[derive(Debug, Parser)]
#[command(
    name = "kollegium",
    version,
    about = "Kollegium: collegial learning for a municipality's teachers"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary does; `serve` when none is named.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the API and the site (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill an empty database with the demo municipalities and their logins.
    SeedDemo,
    /// Import staff from a CSV file (as `/admin/import` does): all rows or, when the
    /// file has any error, none; the errors are listed with line and column.
    ImportStaff {
        /// The municipality's slug.
        #[arg(long)]
        municipality: String,
        /// The CSV file.
        file: std::path::PathBuf,
    },
    /// Create an administrator (and the municipality, if new). The password is asked for
    /// on the terminal, or read from the first line of standard input.
    CreateAdmin {
        /// The municipality's slug, e.g. `mjolby`.
        #[arg(long)]
        municipality: String,
        /// The municipality's display name, used only when it is created now.
        #[arg(long)]
        municipality_name: Option<String>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

/// Settings shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "KOLLEGIUM_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: SocketAddr,

    /// Database: `sqlite://PATH` or `postgres://…`. Defaults to `DATA_DIR/kollegium.db`.
    #[arg(long, env = "KOLLEGIUM_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Directory for the SQLite database and the generated signing secret.
    #[arg(
        long,
        env = "KOLLEGIUM_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Secret that signs sign-in tokens (at least 32 bytes). When unset, one is generated
    /// once and kept in the data directory.
    #[arg(
        long,
        env = "KOLLEGIUM_JWT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub jwt_secret: Option<String>,

    /// Directory of the built site (index.html, .wasm, .js, CSS).
    #[arg(
        long,
        env = "KOLLEGIUM_SITE_DIR",
        default_value = "target/site",
        global = true
    )]
    pub site_dir: PathBuf,

    /// Lifetime of a sign-in token in hours (1–12).
    #[arg(long, env = "KOLLEGIUM_TOKEN_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=12), global = true)]
    pub token_hours: u32,

    /// Sign-in attempts allowed per client address per minute (a school shares one address).
    #[arg(
        long,
        env = "KOLLEGIUM_LOGIN_LIMIT_PER_IP",
        default_value_t = 120,
        global = true
    )]
    pub login_limit_per_ip: u32,

    /// Failed sign-ins of one account from one client address before each further one
    /// makes that pair wait (1 s, doubling up to 15 minutes); other addresses are not
    /// affected.
    #[arg(
        long,
        env = "KOLLEGIUM_LOGIN_FAILURES_BEFORE_DELAY",
        default_value_t = 5,
        global = true
    )]
    pub login_failures_before_delay: u32,

    /// Failed sign-ins of one account from all addresses within an hour past which the
    /// account is slowed (one attempt per 30 s) for addresses it has not signed in from.
    #[arg(
        long,
        env = "KOLLEGIUM_LOGIN_ACCOUNT_CEILING",
        default_value_t = 100,
        global = true
    )]
    pub login_account_ceiling: u32,

    /// Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy).
    #[arg(
        long,
        env = "KOLLEGIUM_TRUST_PROXY",
        default_value_t = false,
        global = true
    )]
    pub trust_proxy: bool,

    /// Largest accepted request body in bytes.
    #[arg(long, env = "KOLLEGIUM_MAX_BODY_BYTES", default_value_t = 1024 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// Seconds a client may take to send a request's headers; also how long a kept-alive
    /// connection may wait idle for its next request.
    #[arg(long, env = "KOLLEGIUM_HEADER_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600), global = true)]
    pub header_timeout_secs: u64,

    /// Seconds a request body may pause between two pieces before the request fails.
    #[arg(long, env = "KOLLEGIUM_BODY_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub body_timeout_secs: u64,

    /// Connections open at once; one over it is closed at once.
    #[arg(
        long,
        env = "KOLLEGIUM_MAX_CONNECTIONS",
        default_value_t = 4096,
        global = true
    )]
    pub max_connections: usize,

    /// Where library and log files are kept: a directory (default `DATA_DIR/library`),
    /// or an S3-compatible bucket, `s3://bucket/prefix`, for several servers sharing one
    /// database. The bucket's endpoint, region and keys come from the usual `AWS_*`
    /// variables (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, and `AWS_ALLOW_HTTP=true` for a store without TLS).
    #[arg(long, env = "KOLLEGIUM_FILE_STORE", global = true)]
    pub file_store: Option<String>,

    /// Largest library file accepted, in bytes (uploads stream to the store in parts, so
    /// this bounds storage, not memory).
    #[arg(long, env = "KOLLEGIUM_UPLOAD_MAX_BYTES", default_value_t = 100 * 1024 * 1024, global = true)]
    pub upload_max_bytes: u64,

    /// SMTP server for outgoing mail (published protocols). Without it, messages wait
    /// in the outbox until one is configured.
    #[arg(long, env = "KOLLEGIUM_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,

    /// SMTP port; 587 by default (465 with `tls`, 25 without encryption).
    #[arg(long, env = "KOLLEGIUM_SMTP_PORT", global = true)]
    pub smtp_port: Option<u16>,

    /// SMTP encryption: `starttls`, `tls` or `none` (only for a relay on this machine
    /// or a trusted network).
    #[arg(long, env = "KOLLEGIUM_SMTP_SECURITY", default_value = "starttls", value_parser = ["starttls", "tls", "none"], global = true)]
    pub smtp_security: String,

    /// SMTP user name, if the server asks for one.
    #[arg(long, env = "KOLLEGIUM_SMTP_USER", global = true)]
    pub smtp_user: Option<String>,

    /// SMTP password.
    #[arg(
        long,
        env = "KOLLEGIUM_SMTP_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub smtp_password: Option<String>,

    /// The sender of outgoing mail, e.g. `Kollegium <kollegium@kommun.se>`.
    #[arg(
        long,
        env = "KOLLEGIUM_MAIL_FROM",
        default_value = "Kollegium <kollegium@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "KOLLEGIUM_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"], global = true)]
    pub log_format: String,
}

impl Config {
    /// How failed sign-ins are treated.
    pub fn sign_in_failures(&self) -> crate::security::ratelimit::GuardSettings {
        crate::security::ratelimit::GuardSettings {
            free_failures: self.login_failures_before_delay,
            account_ceiling: self.login_account_ceiling.max(1),
        }
    }

    /// How connections are treated: their deadlines and how many may be open.
    pub fn connection_limits(&self) -> crate::serve::ConnectionLimits {
        crate::serve::ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(self.header_timeout_secs),
            body_timeout: std::time::Duration::from_secs(self.body_timeout_secs),
            max_connections: self.max_connections.max(1),
        }
    }

    /// The database URL, defaulting to a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("kollegium.db").display()),
        }
    }
}
