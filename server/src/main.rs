//! The `kollegium` binary: configuration → logging → the chosen command (`cli`).

use clap::Parser;
use kollegium_server::cli;
use kollegium_server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Cli::parse();
    init_tracing(&args.config.log_format);
    let config = args.config;
    match args.command.unwrap_or(Command::Serve) {
        Command::Serve => cli::serve(&config).await,
        Command::Migrate => {
            cli::open_store(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::SeedDemo => cli::seed_demo(&config).await,
        Command::ImportStaff { municipality, file } => {
            cli::import_staff(&config, &municipality, &file).await
        }
        Command::CreateAdmin {
            municipality,
            municipality_name,
            email,
            name,
        } => {
            cli::create_admin(
                &config,
                &municipality,
                municipality_name.as_deref(),
                &email,
                &name,
            )
            .await
        }
    }
}

fn init_tracing(format: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}
