//! `casebook`: one binary that serves the app on SQLite or PostgreSQL.
use casebook::config::{AdminCommand, Cli, Command, DemoCommand, OrgCommand};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&anyhow::Error::new(e).context("cannot start the async runtime")),
    };
    let result = runtime.block_on(async move {
        let config = cli.config.resolve()?;
        casebook::telemetry::init(&config.log, config.log_format)?;
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => casebook::serve::run(config).await,
            Command::Migrate => casebook::serve::migrate_only(&config).await,
            Command::Org(OrgCommand::Create { name }) => {
                let db = casebook::serve::open_db(&config).await?;
                casebook::cli::create_org(&db, &name).await
            }
            Command::Demo(DemoCommand::Seed { org, project, cases, stories, seed }) => {
                let db = casebook::serve::open_db(&config).await?;
                casebook::demo::seed(&db, &casebook::demo::SeedOptions { org, project, cases, stories, seed }).await
            }
            Command::Admin(AdminCommand::Create { org, email, name }) => {
                let db = casebook::serve::open_db(&config).await?;
                casebook::cli::create_admin(&db, &org, &email, name.as_deref()).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// Bad configuration ends the process with one readable line, never a backtrace.
fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("casebook: {e:#}");
    ExitCode::FAILURE
}
