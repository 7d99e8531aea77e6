//! Test harness: a fresh database per test and the real router around it.
use app::{
    db::{self, Backend, Db},
    mail::Mailer,
    state::{AppState, ServerConfig},
};
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use std::{sync::Arc, time::Instant};

/// The public URL test servers pretend to have; browsers' `Origin` for same-origin calls.
pub const ORIGIN: &str = "http://127.0.0.1:3000";
use tower::ServiceExt;

/// A database that exists for one test: a SQLite file in a temp dir, or a PostgreSQL
/// database created on the `TEST_DATABASE_URL` server and dropped afterwards.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn new() -> Self {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => Self::postgres(admin_url).await,
            _ => Self::sqlite().await,
        }
    }

    async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/test.db", dir.path().display());
        let db = db::connect(&url, 8).await.unwrap();
        db.migrate().await.unwrap();
        TestDb {
            db,
            url,
            _dir: Some(dir),
            pg: None,
        }
    }

    async fn postgres(admin_url: String) -> Self {
        use sqlx::{Connection, Executor};
        let name = format!("casebook_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("TEST_DATABASE_URL is set but PostgreSQL is unreachable");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&name);
        let url = url.to_string();
        let db = db::connect(&url, 8).await.unwrap();
        db.migrate().await.unwrap();
        TestDb {
            db,
            url,
            _dir: None,
            pg: Some((admin_url, name)),
        }
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.pg.take() {
            // Drop runs outside async: a helper thread with its own runtime removes the database.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::{Connection, Executor};
                    if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = admin
                            .execute(
                                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                            )
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// The real router over a fresh database.
pub struct TestApp {
    pub router: Router,
    pub db: TestDb,
    pub site: tempfile::TempDir,
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_options(false, 1024 * 1024).await
    }

    pub async fn with_options(hash_files: bool, max_body_bytes: usize) -> Self {
        Self::build(hash_files, max_body_bytes, Mailer::OutboxOnly).await
    }

    pub async fn with_mailer(mailer: Mailer) -> Self {
        Self::build(false, 1024 * 1024, mailer).await
    }

    async fn build(hash_files: bool, max_body_bytes: usize, mailer: Mailer) -> Self {
        let db = TestDb::new().await;
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let leptos = LeptosOptions::builder()
            .output_name("casebook")
            .site_root(site.path().display().to_string())
            .site_pkg_dir("pkg")
            .hash_files(hash_files)
            .build();
        let config = ServerConfig::new(
            b"test-secret-test-secret-test-secret!",
            url::Url::parse(ORIGIN).unwrap(),
        );
        let state = AppState {
            leptos,
            db: db.db.clone(),
            started: Instant::now(),
            config: Arc::new(config),
            mailer,
        };
        let router = casebook::startup::router(state, max_body_bytes);
        TestApp { router, db, site }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Calls a server function the way the browser does (URL-encoded form, JSON answer).
    pub async fn call(&self, path: &str, form: &str) -> Reply {
        self.send(
            Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("origin", ORIGIN)
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}
