//! Test-run results benchmark ([F6]): the real router on a local TCP port, signed in as a qa.
//! 1. 10,000 step results through `runs/record` in batches of 100 (results/s, p99 per batch);
//! 2. single execution updates (one operation per request) from 8 concurrent clients (updates/s,
//!    p99), each request on a new connection, then each client on one kept-alive connection; 3. the
//!    progress and counts of a run of 5,000 cases (`runs/get`'s counts query, p99). The clients run
//!    on a thread of their own (`from_clients`), not among the server's tasks.
//!
//! SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set. Run with `make bench-runs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{db, mail::Mailer, state::AppState, users::model::Role};
use std::{
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const PASSWORD: &str = "bench-password-violet-31";
const STEPS: usize = 100;
const CASES: usize = 100;
const BATCH: usize = 100;
const CLIENTS: usize = 8;
const SINGLES: usize = 2_400;
const BIG_RUN: usize = 5_000;

/// One HTTP/1.1 request on its own connection: (status, body, set-cookie lines).
async fn request(addr: SocketAddr, head: &str, cookie: &str, body: &str) -> (u16, String, Vec<String>) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "{head}\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\nAccept: application/json\r\nCookie: {cookie}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let cookies = text
        .lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .collect();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body, cookies)
}

/// A client on one kept-alive connection, as a browser's runner sends its batches.
struct KeptAlive {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl KeptAlive {
    async fn open(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        KeptAlive { stream, buf: Vec::new() }
    }

    /// POSTs a JSON body; returns how long the answer took (status 200 asserted).
    async fn json(&mut self, cookie: &str, path: &str, body: &str) -> Duration {
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\nAccept: application/json\r\nContent-Type: application/json\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let t = Instant::now();
        self.stream.write_all(req.as_bytes()).await.unwrap();
        // The head, then exactly Content-Length bytes of body.
        let head_end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await;
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).to_ascii_lowercase();
        let status: u16 = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("answers carry a Content-Length");
        while self.buf.len() < head_end + length {
            self.fill().await;
        }
        let took = t.elapsed();
        let answer: Vec<u8> = self.buf.drain(..head_end + length).collect();
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&answer));
        took
    }

    async fn fill(&mut self) {
        let mut chunk = [0u8; 8192];
        let n = self.stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the server closed a kept-alive connection");
        self.buf.extend_from_slice(&chunk[..n]);
    }
}

async fn form(addr: SocketAddr, cookie: &str, path: &str, body: &str) -> String {
    let head = format!("POST {path} HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded");
    let (status, body, _) = request(addr, &head, cookie, body).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn json(addr: SocketAddr, cookie: &str, path: &str, body: &str) -> Duration {
    let head = format!("POST {path} HTTP/1.1\r\nContent-Type: application/json");
    let t = Instant::now();
    let (status, out, _) = request(addr, &head, cookie, body).await;
    let took = t.elapsed();
    assert_eq!(status, 200, "{path}: {out}");
    took
}

/// Runs `load` on a thread and runtime of its own, as clients are other programs: the benchmark's
/// clients do not queue for the server's worker threads, nor the server's tasks behind them.
async fn from_clients<T: Send + 'static>(load: impl std::future::Future<Output = T> + Send + 'static) -> T {
    let (done, result) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let _ = done.send(rt.block_on(load));
    });
    result.await.unwrap()
}

fn stats(mut d: Vec<Duration>) -> String {
    d.sort();
    let ms = |x: Duration| x.as_secs_f64() * 1000.0;
    let at = |p: f64| ms(d[((d.len() as f64 - 1.0) * p).round() as usize]);
    format!("p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} samples)", at(0.5), at(0.99), at(1.0), d.len())
}

fn op(id: &str, case: usize, step: usize) -> String {
    format!(
        r#"{{"id":"{id}","at":"2026-12-01T10:00:00Z","case":{case},"kind":"mark","scenario":0,"step":{step},"status":"passed"}}"#
    )
}

/// `SINGLES` one-operation batches to run `run` from `CLIENTS` concurrent clients, each on a new
/// connection per request or on one kept-alive connection; every request's time.
async fn singles(addr: SocketAddr, cookie: &str, run: &str, kept_alive: bool) -> Vec<Duration> {
    let prefix = if kept_alive { "k" } else { "s" };
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (cookie, run) = (cookie.to_owned(), run.to_owned());
            tokio::spawn(async move {
                let mut client = if kept_alive { Some(KeptAlive::open(addr).await) } else { None };
                let mut times = Vec::new();
                for i in 0..SINGLES / CLIENTS {
                    let n = c * (SINGLES / CLIENTS) + i;
                    let body = format!(
                        r#"{{"project":"BENCH","number":{run},"ops":[{}]}}"#,
                        op(&format!("{prefix}{n}"), n % CASES + 1, n / CASES)
                    );
                    times.push(match client.as_mut() {
                        Some(kept) => kept.json(&cookie, "/api/runs/record", &body).await,
                        None => json(addr, &cookie, "/api/runs/record", &body).await,
                    });
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all
}

async fn bench(url: &str, label: &str) {
    let db = db::connect(url, 16).await.unwrap();
    db.migrate().await.unwrap();
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    let org = app::orgs::repo::insert(&mut tx, "Bench", "bench", now).await.unwrap();
    let hash = app::auth::password::hash(PASSWORD.into()).await.unwrap();
    let user = app::users::model::NewUser {
        org,
        email: "qa@bench.test",
        name: "QA",
        role: Role::Qa,
        password_hash: Some(&hash),
    };
    app::users::repo::insert(&mut tx, &user, now).await.unwrap();
    tx.commit().await.unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    let leptos = leptos::prelude::LeptosOptions::builder()
        .output_name("casebook")
        .site_root(site.path().display().to_string())
        .site_pkg_dir("pkg")
        .build();
    let config = app::state::ServerConfig::new(
        b"bench-secret-bench-secret-bench-secret",
        url::Url::parse("http://127.0.0.1").unwrap(),
    );
    let hub = app::events::hub::Hub::start(&db);
    let state = AppState {
        leptos,
        db: db.clone(),
        started: Instant::now(),
        config: Arc::new(config),
        mailer: Mailer::OutboxOnly,
        hub,
    };
    let router = casebook::startup::router(state, 4 * 1024 * 1024);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap()
    });

    let (status, body, cookies) = request(
        addr,
        "POST /api/auth/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
        "",
        &format!("email=qa%40bench.test&password={PASSWORD}"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let cookie = cookies.join("; ");
    form(addr, &cookie, "/api/projects/create", "input[key]=BENCH&input[name]=Bench").await;
    // Cases of one scenario with STEPS steps, written directly (the run's own paths are measured).
    let steps: String = (0..STEPS).map(|i| format!("    Given step {i}\n")).collect();
    let gherkin = format!("Feature: F\n  Scenario: S\n{steps}");
    let project = app::projects::repo::get_ref(&mut db.acquire().await.unwrap(), org, "BENCH").await.unwrap().unwrap();
    let input = app::test_cases::model::CaseInput { title: "Case".into(), gherkin, ..Default::default() };
    let valid = input.validate().unwrap();
    let mut tx = db.begin().await.unwrap();
    for _ in 0..BIG_RUN {
        let number = app::projects::counters::next(&mut tx, project.id, app::wire::Numbered::Case).await.unwrap();
        let stored = app::test_cases::repo::Stored { case: &valid, story_id: None };
        let id = app::test_cases::repo::insert(&mut tx, org, project.id, number, stored, now).await.unwrap();
        app::test_cases::repo::insert_revision(&mut tx, id, 1, None, "bench", &valid, now).await.unwrap();
    }
    tx.commit().await.unwrap();
    let plan = |name: &str, n: usize| {
        let cases: String = (1..=n).map(|i| format!("&input[cases][{}]={i}", i - 1)).collect();
        format!("project=BENCH&input[name]={name}{cases}")
    };
    let run = form(addr, &cookie, "/api/runs/create", &plan("Batches", CASES)).await;
    form(addr, &cookie, "/api/runs/start", &format!("project=BENCH&number={run}")).await;

    // 1. 10,000 results in batches of 100.
    let (batch_cookie, batch_run) = (cookie.clone(), run.clone());
    let started = Instant::now();
    let batches = from_clients(async move {
        let mut batches = Vec::new();
        for b in 0..CASES * STEPS / BATCH {
            let ops: Vec<String> = (0..BATCH)
                .map(|i| {
                    let n = b * BATCH + i;
                    op(&format!("b{n}"), n / STEPS + 1, n % STEPS)
                })
                .collect();
            let body = format!(r#"{{"project":"BENCH","number":{batch_run},"ops":[{}]}}"#, ops.join(","));
            batches.push(json(addr, &batch_cookie, "/api/runs/record", &body).await);
        }
        batches
    })
    .await;
    let took = started.elapsed();
    println!(
        "{label}: {} results in batches of {BATCH}: {:.0} results/s; per batch {}",
        CASES * STEPS,
        (CASES * STEPS) as f64 / took.as_secs_f64(),
        stats(batches)
    );

    // 2. Single updates from 8 concurrent clients: a new connection per request, then each client
    // on one kept-alive connection (as browsers keep theirs).
    for (kept_alive, name, clients) in [(false, "Singles", "clients"), (true, "Kept alive", "kept-alive clients")] {
        let run = form(addr, &cookie, "/api/runs/create", &plan(name, CASES)).await;
        form(addr, &cookie, "/api/runs/start", &format!("project=BENCH&number={run}")).await;
        let client_cookie = cookie.clone();
        let started = Instant::now();
        let singles = from_clients(async move { singles(addr, &client_cookie, &run, kept_alive).await }).await;
        let took = started.elapsed();
        println!(
            "{label}: {SINGLES} single updates from {CLIENTS} {clients}: {:.0} updates/s; {}",
            SINGLES as f64 / took.as_secs_f64(),
            stats(singles)
        );
    }

    // 3. Progress and counts of a run of 5,000 cases.
    let big = form(addr, &cookie, "/api/runs/create", &plan("Big", BIG_RUN)).await;
    let run_id = app::runs::repo::get(&mut db.acquire().await.unwrap(), org, project.id, big.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut c = db.acquire().await.unwrap();
    let mut counts = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let k = app::runs::repo::counts(&mut c, run_id).await.unwrap();
        counts.push(t.elapsed());
        assert_eq!(k.total(), BIG_RUN as i64);
    }
    println!("{label}: progress and counts of a run of {BIG_RUN} cases: {}", stats(counts));
    db.close().await;
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    bench(&format!("sqlite://{}/bench.db", dir.path().display()), "SQLite").await;
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        use sqlx::{Connection, Executor};
        let name = format!("casebook_bench_{}", std::process::id());
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        c.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        bench(url.as_str(), "PostgreSQL").await;
        c.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.unwrap();
    }
}
