//! [F5] A generation job survives its process: the server is killed (SIGKILL) while the job
//! waits for the provider on its second story; a new server process takes the job up once the
//! lease expires, skips the story already written, finishes the job once, and no suggestion is
//! duplicated. Runs the real binary on the test's database (SQLite file or PostgreSQL).
use crate::{
    cli::{casebook, free_addr, http_get},
    support::{
        enc,
        provider::{cases, openai, Answer, MockProvider},
        TestApp,
    },
};
use app::users::model::Role;
use std::{
    process::{Child, Stdio},
    time::{Duration, Instant},
};

const SECRET: &str = "test-secret-test-secret-test-secret!";

fn start(app: &TestApp, data: &std::path::Path) -> Child {
    let addr = free_addr();
    let child = casebook()
        .env("DATABASE_URL", &app.db.url)
        .env("CASEBOOK_ADDR", &addr)
        .env("CASEBOOK_DATA_DIR", data)
        .env("CASEBOOK_SECRET", SECRET)
        .env("CASEBOOK_JOB_WORKERS", "1")
        .env("CASEBOOK_JOB_LEASE_SECS", "2")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let up = Instant::now();
    while http_get(&addr, "/healthz").is_none() {
        assert!(up.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

async fn wait_for(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_whose_server_was_killed_finishes_once_after_a_restart_without_duplicate_suggestions() {
    let app = TestApp::new().await;
    assert_eq!(app.state.config.secret, SECRET.as_bytes(), "the binary must seal and open keys with the test's secret");
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let project = app.project(org, "SHOP").await;
    let (_, c1) = app.story(org, project, "Vouchers", &["A voucher takes at most 50% off"]).await;
    let (_, c2) = app.story(org, project, "Gift cards", &["A gift card pays up to its balance"]).await;
    let mock = MockProvider::start().await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let settings =
        format!("input[kind]=openai&input[base_url]={}&input[model]=gpt-test", enc(&format!("{}/v1", mock.url)));
    assert_eq!(app.call_with(&mut admin, "/api/generation/save_settings", &settings).await.status, 200);
    let first = "Feature: Vouchers\n  Scenario: Half off\n    Given a cart of 100\n    When I redeem a 50% voucher\n    Then I pay 50\n";
    let second = "Feature: Gift cards\n  Scenario: Pays its balance\n    Given a gift card of 20\n    When I pay 30 with it\n    Then 10 remain to pay\n";
    mock.script([Answer::Json(200, openai(&cases(&[("Half off", "functional", &[c1], first)]), 10)), Answer::Hold]);
    mock.otherwise(Answer::Json(200, openai(&cases(&[("Pays its balance", "functional", &[c2], second)]), 10)));
    let mut qa = app.sign_in("qa@acme.test").await;
    let r = app
        .call_with(
            &mut qa,
            "/api/generation/request",
            "project=SHOP&input[stories][0]=1&input[stories][1]=2&input[cases]=1&input[scenarios]=1&input[language]=en",
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let job: i64 = r.body.parse().unwrap();

    let data = tempfile::tempdir().unwrap();
    let mut one = start(&app, data.path());
    wait_for("the second story's request", Duration::from_secs(30), async || mock.seen().len() >= 2).await;
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM suggestions WHERE job_id = {job}")).await,
        1,
        "story 1 was written"
    );
    one.kill().unwrap(); // SIGKILL: no shutdown, no chance to finish or release the job
    one.wait().unwrap();
    mock.release(); // the held request's connection is gone; the answer reaches nobody

    let mut two = start(&app, data.path());
    wait_for("the job to finish", Duration::from_secs(60), async || {
        app.scalar_text(&format!("SELECT status FROM jobs WHERE id = {job}")).await.as_deref() == Some("succeeded")
    })
    .await;
    two.kill().unwrap();
    two.wait().unwrap();

    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM suggestions WHERE job_id = {job}")).await, 2);
    assert_eq!(
        app.count(&format!("SELECT COUNT(DISTINCT title) FROM suggestions WHERE job_id = {job}")).await,
        2,
        "no suggestion twice"
    );
    assert_eq!(
        app.count(&format!("SELECT attempts FROM jobs WHERE id = {job}")).await,
        2,
        "taken up once after the kill"
    );
    let asked: Vec<String> =
        mock.seen().iter().map(|s| s.body["messages"][1]["content"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(
        asked.iter().filter(|p| p.contains("SHOP-US-1")).count(),
        1,
        "the story written before the kill is not asked again"
    );
    assert_eq!(asked.iter().filter(|p| p.contains("SHOP-US-2")).count(), 2, "the story cut short is asked again");
    let result = app.scalar_text(&format!("SELECT result FROM jobs WHERE id = {job}")).await.unwrap();
    assert!(result.contains("\"suggestions\":2"), "{result}");
}
