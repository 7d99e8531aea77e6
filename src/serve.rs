//! Start-up in order — data dir, secret, database, migrations, listener — then serving until
//! SIGINT or SIGTERM, letting in-flight requests finish.
use crate::{config::Config, secret, site, startup};
use anyhow::Context;
use app::{
    db,
    mail::Mailer,
    state::{AppState, ServerConfig},
};
use leptos::prelude::LeptosOptions;
use std::{fs, net::SocketAddr, path::Path, sync::Arc, time::Instant};

const MAX_DB_CONNECTIONS: u32 = 16;

pub async fn run(config: Config) -> anyhow::Result<()> {
    let mailer = Mailer::from_config(config.smtp_url.as_deref(), &config.mail_from).map_err(anyhow::Error::msg)?;
    let db = open_db(&config).await?;
    let secret = secret::load_or_create(config.secret.as_deref(), &config.data_dir)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let site = site::open(&config.site_dir, app::BUILD_MARK)?;
    app::ui::shell::set_stylesheet(site.stylesheet());
    if site == site::Site::Missing {
        tracing::warn!(site_dir = %config.site_dir.display(), "no built site here: pages will not hydrate (build with `make run`)");
    }
    let mut server = ServerConfig::new(secret.expose().as_bytes(), config.public_url.clone());
    server.trusted_proxies = config.trusted_proxies.clone();
    server.allowed_hosts = config.allowed_hosts.clone();
    server.setup_token = setup_token(&config, &db).await?;
    server.evidence = app::evidence::store::EvidenceStore::open(
        config.evidence_url.as_deref(),
        &config.data_dir,
        config.evidence_max_bytes,
    )
    .map_err(anyhow::Error::msg)?;
    tracing::info!(store = %server.evidence.label, "evidence store");
    let state = AppState {
        leptos: leptos_options(&config, &site),
        db: db.clone(),
        started: Instant::now(),
        config: Arc::new(server),
        mailer,
        hub: app::events::hub::Hub::start(&db),
    };
    let generate = app::generation::runner::Generate::new(
        secret.expose().as_bytes(),
        std::time::Duration::from_secs(config.provider_timeout_secs),
    );
    let jobs = app::jobs::queue::Settings {
        lease: std::time::Duration::from_secs(config.job_lease_secs),
        ..Default::default()
    };
    let queue = app::jobs::queue::Queue::new(db.clone(), state.hub.clone(), jobs)
        .register(generate)
        .register(app::evidence::purge::Purge::new(state.config.evidence.clone()));
    Arc::new(queue).start(config.job_workers);
    tokio::spawn(app::stories::import::service::worker(db.clone()));
    tokio::spawn(app::maintenance::run(db.clone()));
    let app = startup::router(state, config.max_body_bytes);
    tracing::info!(backend = db.backend().label(), url = %config.public_url, "Casebook {} listening on http://{}", env!("CARGO_PKG_VERSION"), config.addr);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped unexpectedly")?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// A one-time setup token when setup is still to do and the server listens beyond loopback:
/// whoever reaches the address first must also read this log to become its admin.
async fn setup_token(config: &Config, db: &db::Db) -> anyhow::Result<Option<String>> {
    if config.addr.ip().is_loopback() || app::orgs::repo::count(&mut db.acquire().await?).await? > 0 {
        return Ok(None);
    }
    let token = app::auth::tokens::new_token();
    tracing::warn!(
        "first-run setup is open on a non-loopback address: open {}setup and enter this setup token: {token}",
        config.public_url
    );
    Ok(Some(token))
}

/// `casebook migrate`: bring the schema up to date and exit.
pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = open_db(config).await?;
    tracing::info!(schema = db.schema_version().await?, "migrations applied");
    db.close().await;
    Ok(())
}

/// Opens and migrates the configured database.
pub async fn open_db(config: &Config) -> anyhow::Result<db::Db> {
    ensure_writable(&config.data_dir)?;
    let db = db::connect(&config.database_url, MAX_DB_CONNECTIONS).await?;
    db.migrate().await.map_err(|e| db::DbError::Migrate(e.to_string()))?;
    db.optimize().await?;
    Ok(db)
}

/// Leptos settings built in: the binary needs no `LEPTOS_*` variables, and the hashed names of
/// the site's files come from the site found at start-up.
pub fn leptos_options(config: &Config, site: &site::Site) -> LeptosOptions {
    let options = LeptosOptions::builder()
        .output_name(site::OUTPUT_NAME)
        .site_root(config.site_dir.display().to_string())
        .site_pkg_dir(site::PKG_DIR)
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD);
    match site.hash_file() {
        Some(file) => options.hash_files(true).hash_file(file.display().to_string().into()).build(),
        None => options.hash_files(false).build(),
    }
}

/// The data directory exists (it is created if missing) and this process can write in it.
fn ensure_writable(dir: &Path) -> anyhow::Result<()> {
    let fail = |e: std::io::Error| anyhow::anyhow!("the data directory {} is not writable: {e}", dir.display());
    fs::create_dir_all(dir).map_err(fail)?;
    let probe = dir.join(".write-test");
    fs::write(&probe, b"ok").map_err(fail)?;
    fs::remove_file(&probe).map_err(fail)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down: finishing in-flight requests");
}
