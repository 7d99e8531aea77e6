//! Test harness: a fresh database per test and the real router around it; uploads in
//! `upload.rs`, a real SMTP sink in `smtp.rs`.
pub mod provider;
mod smtp;
mod upload;
use app::{
    db::{self, Backend, Db},
    mail::Mailer,
    state::{AppState, ServerConfig},
};
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
pub use smtp::smtp_sink;
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
pub use upload::multipart;

/// The longest any one request may take in a test (the slowest, a 10,000-row import on a
/// loaded machine, takes a few seconds).
const ANSWER_LIMIT: Duration = Duration::from_secs(60);

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
        TestDb { db, url, _dir: Some(dir), pg: None }
    }

    async fn postgres(admin_url: String) -> Self {
        use sqlx::{Connection, Executor};
        let name = format!("casebook_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("TEST_DATABASE_URL is set but PostgreSQL is unreachable");
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&name);
        let url = url.to_string();
        let db = db::connect(&url, 8).await.unwrap();
        db.migrate().await.unwrap();
        TestDb { db, url, _dir: None, pg: Some((admin_url, name)) }
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
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    use sqlx::{Connection, Executor};
                    if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
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
    pub state: AppState,
    pub db: TestDb,
    pub site: tempfile::TempDir,
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
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

    /// A test app with settings changed by `edit` (proxies, hosts, setup token, public URL).
    pub async fn with_config(edit: impl FnOnce(&mut ServerConfig)) -> Self {
        let mut app = Self::build(false, 1024 * 1024, Mailer::OutboxOnly).await;
        let mut config = (*app.state.config).clone();
        edit(&mut config);
        app.state.config = Arc::new(config);
        app.router = casebook::startup::router(app.state.clone(), 1024 * 1024);
        app
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
        let config = ServerConfig::new(b"test-secret-test-secret-test-secret!", url::Url::parse(ORIGIN).unwrap());
        let state = AppState {
            leptos,
            db: db.db.clone(),
            started: Instant::now(),
            config: Arc::new(config),
            mailer,
            hub: app::events::hub::Hub::start(&db.db),
        };
        let router = casebook::startup::router(state.clone(), max_body_bytes);
        TestApp { router, state, db, site }
    }

    /// Sends one request. An answer that takes over a minute fails the test with the request
    /// named, rather than holding the whole run until CI's time limit.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let what = format!("{} {}", req.method(), req.uri().path());
        tokio::time::timeout(ANSWER_LIMIT, self.send_unbounded(req))
            .await
            .unwrap_or_else(|_| panic!("no complete answer to {what} within {ANSWER_LIMIT:?}"))
    }

    async fn send_unbounded(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    /// Calls a server function as a browser at TCP peer `peer` would, with extra headers.
    pub async fn call_from(&self, peer: &str, headers: &[(&str, &str)], path: &str, form: &str) -> Reply {
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", ORIGIN);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut req = req.body(Body::from(form.to_owned())).unwrap();
        let addr: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
        req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
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
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Cookies a browser would keep between calls.
#[derive(Debug, Default, Clone)]
pub struct Jar(pub std::collections::BTreeMap<String, String>);

impl Jar {
    pub fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// Applies a response's `Set-Cookie` headers (an empty value or Max-Age=0 removes).
    pub fn absorb(&mut self, headers: &axum::http::HeaderMap) {
        for v in headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()) {
            let pair = v.split(';').next().unwrap_or("");
            if let Some((k, val)) = pair.split_once('=') {
                if val.is_empty() || v.contains("Max-Age=0") {
                    self.0.remove(k);
                } else {
                    self.0.insert(k.to_owned(), val.to_owned());
                }
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

/// A password every test user has (long and uncommon enough for the rules).
pub const PASSWORD: &str = "correct-horse-battery-7";

impl TestApp {
    /// Calls a server function with `jar`'s cookies, keeping the cookies it sets.
    pub async fn call_with(&self, jar: &mut Jar, path: &str, form: &str) -> Reply {
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", ORIGIN);
        if !jar.0.is_empty() {
            req = req.header("cookie", jar.header());
        }
        let reply = self.send(req.body(Body::from(form.to_owned())).unwrap()).await;
        jar.absorb(&reply.headers);
        reply
    }

    pub async fn get_with(&self, jar: &mut Jar, path: &str) -> Reply {
        let mut req = Request::get(path);
        if !jar.0.is_empty() {
            req = req.header("cookie", jar.header());
        }
        let reply = self.send(req.body(Body::empty()).unwrap()).await;
        jar.absorb(&reply.headers);
        reply
    }

    /// Creates an organization.
    pub async fn org(&self, name: &str) -> app::orgs::model::OrgId {
        let mut tx = self.db.db.begin().await.unwrap();
        let id =
            app::orgs::repo::insert(&mut tx, name, &app::orgs::model::slugify(name), chrono::Utc::now()).await.unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Creates a project keyed `key`.
    pub async fn project(&self, org: app::orgs::model::OrgId, key: &str) -> app::projects::model::ProjectId {
        let input = app::projects::model::ProjectInput {
            key: key.into(),
            name: format!("Project {key}"),
            ..Default::default()
        };
        let mut tx = self.db.db.begin().await.unwrap();
        let id =
            app::projects::repo::insert(&mut tx, org, &input.validate().unwrap(), chrono::Utc::now()).await.unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Creates a story with criteria in `project`; returns its id and its first criterion's id.
    pub async fn story(
        &self,
        org: app::orgs::model::OrgId,
        project: app::projects::model::ProjectId,
        title: &str,
        criteria: &[&str],
    ) -> (i64, i64) {
        let input = app::stories::model::StoryInput {
            title: title.into(),
            criteria: criteria.join("\n"),
            ..Default::default()
        };
        let now = chrono::Utc::now();
        let mut tx = self.db.db.begin().await.unwrap();
        let number = app::projects::counters::next(&mut tx, project, app::wire::Numbered::Story).await.unwrap();
        let id =
            app::stories::repo::insert(&mut tx, org, project, number, &input.validate().unwrap(), now).await.unwrap();
        let items: Vec<(String, bool)> = criteria.iter().map(|c| ((*c).to_owned(), false)).collect();
        app::stories::repo::replace_criteria(&mut tx, id, &items, now).await.unwrap();
        tx.commit().await.unwrap();
        let first = app::stories::repo::criteria(&mut self.db.db.acquire().await.unwrap(), id).await.unwrap();
        (id.0, first.first().map(|c| c.id.0).unwrap_or_default())
    }

    /// Creates a test case (revision 1) in `project`; returns its number.
    pub async fn case(
        &self,
        org: app::orgs::model::OrgId,
        project: app::projects::model::ProjectId,
        title: &str,
        gherkin: &str,
    ) -> i64 {
        let input =
            app::test_cases::model::CaseInput { title: title.into(), gherkin: gherkin.into(), ..Default::default() };
        let case = input.validate().unwrap();
        let now = chrono::Utc::now();
        let mut tx = self.db.db.begin().await.unwrap();
        let number = app::projects::counters::next(&mut tx, project, app::wire::Numbered::Case).await.unwrap();
        let stored = app::test_cases::repo::Stored { case: &case, story_id: None };
        let id = app::test_cases::repo::insert(&mut tx, org, project, number, stored, now).await.unwrap();
        app::test_cases::repo::insert_revision(&mut tx, id, 1, None, "created", &case, now).await.unwrap();
        tx.commit().await.unwrap();
        number
    }

    /// Creates a user with `PASSWORD`.
    pub async fn user(
        &self,
        org: app::orgs::model::OrgId,
        role: app::users::model::Role,
        email: &str,
    ) -> app::users::model::UserId {
        static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
        let hash = HASH.get_or_init(|| async { app::auth::password::hash(PASSWORD.into()).await.unwrap() }).await;
        let mut tx = self.db.db.begin().await.unwrap();
        let new = app::users::model::NewUser {
            org,
            email,
            name: email.split('@').next().unwrap(),
            role,
            password_hash: Some(hash),
        };
        let id = app::users::repo::insert(&mut tx, &new, chrono::Utc::now()).await.unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Signs in through the real login endpoint and returns the browser's cookies.
    pub async fn sign_in(&self, email: &str) -> Jar {
        let mut jar = Jar::default();
        let r = self.call_with(&mut jar, "/api/auth/login", &format!("email={}&password={PASSWORD}", enc(email))).await;
        assert_eq!(r.status, 200, "sign-in of {email} failed: {}", r.body);
        assert!(jar.get("cb_access").is_some() && jar.get("cb_refresh").is_some());
        jar
    }

    /// Runs SQL directly (to age tokens, read outbox rows, …).
    pub async fn sql(&self, sql: &str) {
        let mut c = self.db.db.acquire().await.unwrap();
        app::db_run!(&mut c, conn => sqlx::query(sql).execute(conn).await.map(drop)).unwrap();
    }

    pub async fn scalar_text(&self, sql: &str) -> Option<String> {
        let mut c = self.db.db.acquire().await.unwrap();
        app::db_run!(&mut c, conn => sqlx::query_scalar::<_, String>(sql).fetch_optional(conn).await).unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let mut c = self.db.db.acquire().await.unwrap();
        app::db_run!(&mut c, conn => sqlx::query_scalar::<_, i64>(sql).fetch_one(conn).await).unwrap()
    }
}

/// URL-encodes a form value.
pub fn enc(v: &str) -> String {
    url::form_urlencoded::byte_serialize(v.as_bytes()).collect()
}

/// The token in a link like `http://…/invite?token=XYZ`.
pub fn token_of(link: &str) -> String {
    url::Url::parse(link).unwrap().query_pairs().find(|(k, _)| k == "token").unwrap().1.into_owned()
}
