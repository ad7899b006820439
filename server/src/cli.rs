//! The `kollegium` binary's commands: `serve`, `migrate`, `seed-demo`, `import-staff`
//! and `create-admin`, each from the configuration.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::Context;
use kollegium_shared::i18n::Lang;
use kollegium_shared::validation::{check_email, check_name, check_new_password, normalize_email};

use crate::config::Config;
use crate::demo::{self, DEMO_PASSWORD};
use crate::secret;
use crate::security::{AuthState, password};
use crate::state::{AppState, FileSettings};
use crate::store::{Store, is_unique_violation};

/// Opens the configured database and applies pending migrations.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url()).await?;
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

/// Serves the API and the site until stopped, sending mail when SMTP is configured.
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let secret = secret::resolve(config.jwt_secret.as_deref(), &config.data_dir)?;
    let auth = AuthState::new(
        &secret,
        config.token_hours,
        config.login_limit_per_ip,
        config.sign_in_failures(),
        config.trust_proxy,
    )?;
    if !config.site_dir.join("index.html").exists() {
        tracing::warn!(site_dir = %config.site_dir.display(), "no built site here: run `cargo xtask run` to build it");
    }
    let state = AppState {
        store: store.clone(),
        auth: Arc::new(auth),
        files: Arc::new(open_files(config)?),
        live: tokio::sync::broadcast::channel(256).0,
        mail_configured: config.smtp_host.is_some(),
    };
    spawn_sign_in_sweeper(store.clone());
    crate::changes::spawn_relay(store.clone(), state.live.clone());
    if let Some(host) = &config.smtp_host {
        let settings = crate::mail::MailSettings {
            host: host.clone(),
            port: config.smtp_port,
            security: config.smtp_security.clone(),
            user: config.smtp_user.clone(),
            password: config.smtp_password.clone(),
            from: config.mail_from.clone(),
        };
        let mailer = crate::mail::Mailer::new(&settings)?;
        crate::mail::spawn_worker(store.clone(), mailer, std::time::Duration::from_secs(10));
        tracing::info!(host = %host, "sending mail from the outbox");
    } else {
        tracing::warn!("no SMTP server configured (KOLLEGIUM_SMTP_HOST): mail waits in the outbox");
    }
    // Reminders are queued whether or not mail is sent yet: the outbox keeps them.
    crate::followup::reminders::spawn(store.clone(), std::time::Duration::from_secs(3600));
    let router = crate::app(state, &config.site_dir, config.max_body_bytes);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("listening on {}", config.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, engine = ?store.engine(), "Kollegium listening on http://{addr}");
    crate::serve(listener, router, config.connection_limits()).await?;
    store.close().await;
    Ok(())
}

/// `seed-demo`: writes the demo municipalities that do not exist yet.
pub async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let hash = password::hash_blocking(DEMO_PASSWORD.to_owned()).await?;
    let summary = demo::seed(&store, &hash).await?;
    if summary.created.is_empty() {
        tracing::info!("the demo municipalities exist already; nothing changed");
    } else {
        tracing::info!(
            municipalities = ?summary.created,
            schools = summary.schools,
            persons = summary.persons,
            "demo data written"
        );
    }
    Ok(())
}

/// `import-staff`: imports a staff CSV file into a municipality, all or nothing.
pub async fn import_staff(
    config: &Config,
    municipality: &str,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let id = store
        .municipality_id_by_slug(municipality)
        .await?
        .with_context(|| format!("no municipality with the slug {municipality}"))?;
    let id = kollegium_shared::ids::MunicipalityId(id);
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let (schools, subjects, existing) = store.import_context(id).await?;
    let plan = kollegium_shared::org::import::plan(&bytes, &schools, &subjects, &existing);
    let preview = plan.preview(Lang::Sv);
    if !preview.errors.is_empty() {
        for e in &preview.errors {
            eprintln!(
                "rad {}{}: {}",
                e.line,
                e.column
                    .as_deref()
                    .map(|c| format!(", kolumn {c}"))
                    .unwrap_or_default(),
                e.message
            );
        }
        anyhow::bail!("{} fel i filen; inget importerades", preview.errors.len());
    }
    store.apply_import(id, &plan).await?;
    println!(
        "Skapade {}, uppdaterade {}, oförändrade {}.",
        preview.created, preview.updated, preview.unchanged
    );
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Lösenord: ")?;
        let again = rpassword::prompt_password("Lösenord igen: ")?;
        anyhow::ensure!(first == again, "the passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// `create-admin`: an administrator (and the municipality, if new).
pub async fn create_admin(
    config: &Config,
    municipality: &str,
    municipality_name: Option<&str>,
    email: &str,
    name: &str,
) -> anyhow::Result<()> {
    let describe = |msg: kollegium_shared::i18n::Msg| msg.text(Lang::Sv);
    check_email(email).map_err(|m| anyhow::anyhow!("--email: {}", describe(m)))?;
    check_name(name).map_err(|m| anyhow::anyhow!("--name: {}", describe(m)))?;
    anyhow::ensure!(
        !municipality.is_empty()
            && municipality
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "--municipality must be a slug of a–z, 0–9 and '-'"
    );
    let password = read_password()?;
    check_new_password(&password).map_err(|m| anyhow::anyhow!("password: {}", describe(m)))?;
    let store = open_store(config).await?;
    let hash = password::hash_blocking(password).await?;
    match store
        .create_admin(
            municipality,
            municipality_name,
            &normalize_email(email),
            name.trim(),
            &hash,
        )
        .await
    {
        Ok(id) => {
            tracing::info!(person = id, municipality, "administrator created");
            Ok(())
        }
        Err(e) if is_unique_violation(&e) => {
            anyhow::bail!("{email} already exists in {municipality}")
        }
        Err(e) => Err(e.into()),
    }
}

/// The file store the configuration names, the data directory's `library` when none.
fn open_files(config: &Config) -> anyhow::Result<FileSettings> {
    let spec = match &config.file_store {
        Some(spec) => spec.clone(),
        None => config.data_dir.join("library").display().to_string(),
    };
    let settings = crate::files::open(&spec, std::env::vars(), config.upload_max_bytes)?;
    tracing::info!(store = %settings.store, "files are kept here");
    Ok(settings)
}

/// Every ten minutes, removes the sign-in limits' rows that no longer matter (each
/// server of several does it; it is the same statement either way).
fn spawn_sign_in_sweeper(store: Store) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            match store.sweep_sign_in_state().await {
                Ok(0) => {}
                Ok(gone) => tracing::debug!(gone, "sign-in limits swept"),
                Err(e) => tracing::warn!(error = %e, "sweeping the sign-in limits"),
            }
        }
    });
}
