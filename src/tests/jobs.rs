//! [F5] The durable job queue on both backends: runs with progress to one result; transient
//! failures retried with backoff, permanent ones failed; cancel of a queued and of a running job;
//! a job whose worker died taken up again after its lease and finished once, from its
//! checkpoint; two workers never run the same job; people see their own jobs, admins all of the
//! organization's, nobody another organization's.
use crate::support::TestApp;
use app::{
    jobs::{
        model::{JobId, JobStatus, Progress},
        queue::{BoxFuture, Handler, JobError, Queue, Run, Settings},
        repo::{self, NewJob},
    },
    orgs::model::OrgId,
    users::model::{Role, UserId},
};
use serde_json::Value;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

/// Counts to the payload's `steps`, recording each step as progress and checkpoint; what it
/// does per payload (`fail_first`, `fail`, `wait_ms`) lets the tests steer it.
#[derive(Clone, Default)]
struct Counter {
    /// (job, step) for every step executed, across attempts and workers.
    steps: Arc<Mutex<Vec<(i64, i64)>>>,
}

impl Handler for Counter {
    fn kind(&self) -> &'static str {
        "test_counter"
    }

    fn run<'a>(&'a self, run: &'a Run) -> BoxFuture<'a, Result<String, JobError>> {
        Box::pin(async move {
            let p: Value = serde_json::from_str(&run.payload).unwrap();
            let steps = p["steps"].as_i64().unwrap_or(3);
            if p["fail"].as_bool() == Some(true) {
                return Err(JobError::Fail("The input is not usable.".into()));
            }
            if p["fail_first"].as_bool() == Some(true) && run.attempt == 1 {
                return Err(JobError::Retry("The provider is busy (429).".into()));
            }
            let from = run.checkpoint.as_deref().map_or(0, |c| c.parse::<i64>().unwrap());
            for step in from + 1..=steps {
                if let Some(ms) = p["wait_ms"].as_u64() {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
                self.steps.lock().unwrap().push((run.id.0, step));
                let progress = Progress { done: step, total: steps, message: format!("step {step}") };
                run.progress(&progress, Some(&step.to_string())).await?;
            }
            Ok(format!("{{\"counted\":{steps}}}"))
        })
    }
}

fn settings() -> Settings {
    Settings { lease: Duration::from_millis(600), poll: Duration::from_millis(20) }
}

async fn enqueue(app: &TestApp, org: OrgId, by: Option<UserId>, payload: &str) -> JobId {
    let job = NewJob { org, kind: "test_counter", payload, created_by: by, max_attempts: 3 };
    repo::insert(&mut app.db.db.acquire().await.unwrap(), &job, chrono::Utc::now()).await.unwrap()
}

async fn status(app: &TestApp, id: JobId) -> (String, i64, Option<String>, Option<String>) {
    let row: (String, i64, Option<String>, Option<String>) = app::db_run!(&mut app.db.db.acquire().await.unwrap(), conn =>
        sqlx::query_as("SELECT status, attempts, result, error FROM jobs WHERE id = $1").bind(id.0).fetch_one(conn).await).unwrap();
    row
}

#[tokio::test]
async fn a_job_runs_once_to_its_result_with_progress_and_failures_are_retried_or_reported() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let counter = Counter::default();
    let queue = Queue::new(app.db.db.clone(), app.state.hub.clone(), settings()).register(counter.clone());

    let ok = enqueue(&app, org, None, r#"{"steps":3}"#).await;
    assert!(queue.run_once().await.unwrap());
    assert_eq!(status(&app, ok).await, ("succeeded".into(), 1, Some(r#"{"counted":3}"#.into()), None));
    assert_eq!(*counter.steps.lock().unwrap(), [(ok.0, 1), (ok.0, 2), (ok.0, 3)]);
    assert!(!queue.run_once().await.unwrap(), "nothing else is due");

    // A transient failure goes back to the queue with a backoff, then succeeds.
    let flaky = enqueue(&app, org, None, r#"{"steps":1,"fail_first":true}"#).await;
    assert!(queue.run_once().await.unwrap());
    let (s, attempts, _, error) = status(&app, flaky).await;
    assert_eq!((s.as_str(), attempts, error.as_deref()), ("queued", 1, Some("The provider is busy (429).")));
    assert!(!queue.run_once().await.unwrap(), "not due before its backoff");
    app.sql(&format!("UPDATE jobs SET run_after = created_at WHERE id = {}", flaky.0)).await;
    assert!(queue.run_once().await.unwrap());
    assert_eq!(status(&app, flaky).await.0, "succeeded");

    // A permanent failure is reported, not retried.
    let bad = enqueue(&app, org, None, r#"{"fail":true}"#).await;
    assert!(queue.run_once().await.unwrap());
    assert_eq!(status(&app, bad).await, ("failed".into(), 1, None, Some("The input is not usable.".into())));
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_up_after_its_lease_and_finishes_once_from_its_checkpoint() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let id = enqueue(&app, org, None, r#"{"steps":4}"#).await;
    // A worker claims it, records two steps, and dies (its lease runs out, nothing finishes it).
    let now = chrono::Utc::now();
    let mut c = app.db.db.acquire().await.unwrap();
    let dead = repo::claim(&mut c, &["test_counter"], "dead-worker", now, now + chrono::Duration::milliseconds(300))
        .await
        .unwrap();
    assert_eq!(dead.unwrap().id, id);
    let p = Progress { done: 2, total: 4, message: "step 2".into() };
    assert_eq!(repo::progress(&mut c, id, "dead-worker", &p, Some("2"), now).await.unwrap(), Some(false));
    drop(c);

    let counter = Counter::default();
    let queue = Queue::new(app.db.db.clone(), app.state.hub.clone(), settings()).register(counter.clone());
    assert!(!queue.run_once().await.unwrap(), "its lease has not expired yet");
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(queue.run_once().await.unwrap());
    assert_eq!(*counter.steps.lock().unwrap(), [(id.0, 3), (id.0, 4)], "resumed after the checkpoint");
    assert_eq!(status(&app, id).await.0, "succeeded");
    assert_eq!(status(&app, id).await.1, 2);
    // The dead worker, had it come back, can no longer touch it.
    let mut c = app.db.db.acquire().await.unwrap();
    let late = repo::finish(&mut c, id, "dead-worker", JobStatus::Failed, None, Some("late"), chrono::Utc::now())
        .await
        .unwrap();
    assert!(!late);
    assert_eq!(status(&app, id).await.0, "succeeded");
}

#[tokio::test]
async fn queued_jobs_cancel_at_once_and_running_ones_stop_at_their_next_step() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let qa = app.user(org, Role::Qa, "qa@acme.test").await;
    let mut jar = app.sign_in("qa@acme.test").await;

    let queued = enqueue(&app, org, Some(qa), r#"{"steps":2}"#).await;
    let r = app.call_with(&mut jar, "/api/jobs/cancel", &format!("id={}", queued.0)).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("cancelled")), "{}", r.body);
    let again = app.call_with(&mut jar, "/api/jobs/cancel", &format!("id={}", queued.0)).await;
    assert_eq!(again.status, 409, "{}", again.body);

    let slow = enqueue(&app, org, Some(qa), r#"{"steps":50,"wait_ms":40}"#).await;
    let counter = Counter::default();
    let queue = Arc::new(Queue::new(app.db.db.clone(), app.state.hub.clone(), settings()).register(counter.clone()));
    let running = tokio::spawn({
        let queue = queue.clone();
        async move { queue.run_once().await.unwrap() }
    });
    while counter.steps.lock().unwrap().len() < 2 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let r = app.call_with(&mut jar, "/api/jobs/cancel", &format!("id={}", slow.0)).await;
    assert_eq!((r.status, r.json()["cancel_requested"].as_bool()), (200, Some(true)), "{}", r.body);
    assert!(running.await.unwrap());
    assert_eq!(status(&app, slow).await.0, "cancelled");
    assert!(counter.steps.lock().unwrap().len() < 10, "it stopped soon after the request");
}

#[tokio::test]
async fn two_workers_never_run_the_same_job() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let mut ids = vec![];
    for _ in 0..20 {
        ids.push(enqueue(&app, org, None, r#"{"steps":2,"wait_ms":5}"#).await.0);
    }
    let counter = Counter::default();
    // Two queues, as two server processes would have, each with two workers.
    let queues: Vec<_> = (0..2)
        .map(|_| Arc::new(Queue::new(app.db.db.clone(), app.state.hub.clone(), settings()).register(counter.clone())))
        .collect();
    let mut tasks = vec![];
    for q in &queues {
        for _ in 0..2 {
            let q = q.clone();
            tasks.push(tokio::spawn(async move { while q.run_once().await.unwrap() {} }));
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut steps = counter.steps.lock().unwrap().clone();
    steps.sort();
    let expected: Vec<(i64, i64)> = ids.iter().flat_map(|id| [(*id, 1), (*id, 2)]).collect();
    assert_eq!(steps, expected, "every step of every job ran exactly once");
    assert_eq!(app.count("SELECT COUNT(*) FROM jobs WHERE status = 'succeeded' AND attempts = 1").await, 20);
}

#[tokio::test]
async fn people_see_their_own_jobs_admins_the_organizations_and_nobody_another_organizations() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let qa = app.user(org, Role::Qa, "qa@acme.test").await;
    let dev = app.user(org, Role::Dev, "dev@acme.test").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let other = app.org("Other").await;
    app.user(other, Role::Admin, "admin@other.test").await;
    let mine = enqueue(&app, org, Some(qa), r#"{"steps":1}"#).await;
    let theirs = enqueue(&app, org, Some(dev), r#"{"steps":1}"#).await;

    let ids = |v: Value| v.as_array().unwrap().iter().map(|j| j["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let mut qa_jar = app.sign_in("qa@acme.test").await;
    assert_eq!(ids(app.call_with(&mut qa_jar, "/api/jobs/list", "").await.json()), [mine.0]);
    let list = app.call_with(&mut qa_jar, "/api/jobs/list", "").await.json();
    assert!(list[0].get("payload").is_none(), "the payload stays on the server");
    assert_eq!(app.call_with(&mut qa_jar, "/api/jobs/get", &format!("id={}", theirs.0)).await.status, 404);
    assert_eq!(app.call_with(&mut qa_jar, "/api/jobs/cancel", &format!("id={}", theirs.0)).await.status, 404);
    let mut admin = app.sign_in("admin@acme.test").await;
    assert_eq!(ids(app.call_with(&mut admin, "/api/jobs/list", "").await.json()), [theirs.0, mine.0]);
    assert_eq!(app.call_with(&mut admin, "/api/jobs/cancel", &format!("id={}", theirs.0)).await.status, 200);
    let mut outsider = app.sign_in("admin@other.test").await;
    assert_eq!(ids(app.call_with(&mut outsider, "/api/jobs/list", "").await.json()), Vec::<i64>::new());
    assert_eq!(app.call_with(&mut outsider, "/api/jobs/get", &format!("id={}", mine.0)).await.status, 404);
    assert_eq!(app.call("/api/jobs/list", "").await.status, 401);
}
