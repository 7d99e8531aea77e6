//! Login flood load script ([H1] A3): the real router on a loopback port, a flood of wrong
//! sign-ins, and `/healthz` sampled every 10 ms meanwhile. Run with `make bench-login`.
//! Target: `/healthz` p99 under 50 ms during a 300-request flood (before [H1]: 173 ms).
//!
//! Two floods: from one address (the throttle answers most of it), and from 300 addresses
//! behind a trusted proxy (every attempt reaches argon2, which runs on its bounded pool).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{auth::principal::Cidr, db, mail::Mailer, state::AppState};
use std::{
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const FLOOD: usize = 300;
const CONCURRENCY: usize = 50;

/// One HTTP/1.1 request on a fresh connection; the status code.
async fn request(addr: SocketAddr, head: &str, body: &str) -> u16 {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!("{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len());
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

async fn healthz(addr: SocketAddr) -> Duration {
    let t = Instant::now();
    assert_eq!(request(addr, "GET /healthz HTTP/1.1", "").await, 200);
    t.elapsed()
}

async fn login(addr: SocketAddr, i: usize, forwarded: bool) -> u16 {
    let xff =
        if forwarded { format!("\r\nX-Forwarded-For: 198.51.{}.{}", i / 250, i % 250 + 1) } else { String::new() };
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nOrigin: http://127.0.0.1{xff}"
    );
    request(addr, &head, &format!("email=user{i}%40acme.test&password=wrong-password-{i}")).await
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn flood(addr: SocketAddr, label: &str, forwarded: bool) {
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut samples = vec![];
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                samples.push(healthz(addr).await);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            samples
        })
    };
    let started = Instant::now();
    let permits = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let tasks: Vec<_> = (0..FLOOD)
        .map(|i| {
            let permits = permits.clone();
            tokio::spawn(async move {
                let _p = permits.acquire_owned().await.unwrap();
                login(addr, i, forwarded).await
            })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::new();
    for t in tasks {
        *statuses.entry(t.await.unwrap()).or_insert(0usize) += 1;
    }
    let took = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut samples = sampler.await.unwrap();
    samples.sort();
    println!(
        "{label}: {FLOOD} logins ({CONCURRENCY} at a time) in {:.2} s, statuses {statuses:?}; /healthz over {} samples: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        took.as_secs_f64(),
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        percentile(&samples, 1.0),
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = db::connect(&format!("sqlite://{}/bench.db", dir.path().display()), 16).await.unwrap();
    db.migrate().await.unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    let leptos = leptos::prelude::LeptosOptions::builder()
        .output_name("casebook")
        .site_root(site.path().display().to_string())
        .site_pkg_dir("pkg")
        .build();
    let mut config = app::state::ServerConfig::new(
        b"bench-secret-bench-secret-bench-secret",
        url::Url::parse("http://127.0.0.1").unwrap(),
    );
    config.trusted_proxies = Cidr::parse_list("127.0.0.1").unwrap();
    let hub = app::events::hub::Hub::start(&db);
    let state =
        AppState { leptos, db, started: Instant::now(), config: Arc::new(config), mailer: Mailer::OutboxOnly, hub };
    let router = casebook::startup::router(state, 1024 * 1024);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    println!("hashing threads: {}", app::auth::password::hashing_threads());
    let mut idle: Vec<Duration> = vec![];
    for _ in 0..100 {
        idle.push(healthz(addr).await);
    }
    idle.sort();
    println!("idle /healthz: p50 {:.1} ms, p99 {:.1} ms", percentile(&idle, 0.5), percentile(&idle, 0.99));
    flood(addr, "one address", false).await;
    flood(addr, "300 addresses behind a trusted proxy", true).await;
}
