//! [F6] Test runs: a run snapshots its cases' revisions when it starts (an edit mid-run changes
//! nothing the run executes); the runner's batches apply each operation once, replayed twice or
//! interleaved with another tester's batch, with the later mark of a step winning; execution
//! statuses follow their steps and the case's latest result follows its executions; a completed
//! run refuses results until an admin reopens it.
use crate::support::{enc, Jar, TestApp};
use app::users::model::Role;
use serde_json::{json, Value};

mod assignees;
mod concurrent;
mod lists;

const GHERKIN: &str = "Feature: Pay\n  Background:\n    Given a signed-in customer\n\n  Scenario Outline: by card\n    When they pay with <card>\n    Then it is charged once\n\n    Examples:\n      | card |\n      | visa |\n      | amex |\n";

struct Setup {
    app: TestApp,
    org: app::orgs::model::OrgId,
    project: app::projects::model::ProjectId,
    qa: Jar,
    qa2: Jar,
    admin: Jar,
    dev: Jar,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    for (role, email) in [
        (Role::Admin, "admin@acme.test"),
        (Role::Qa, "qa@acme.test"),
        (Role::Qa, "qa2@acme.test"),
        (Role::Dev, "dev@acme.test"),
    ] {
        app.user(org, role, email).await;
    }
    let project = app.project(org, "SHOP").await;
    app.case(org, project, "Pay by card", GHERKIN).await;
    app.case(org, project, "Refund", "Feature: Refund\n  Scenario: full\n    Given a paid order\n    When it is refunded\n    Then the money is back\n").await;
    Setup {
        org,
        project,
        qa: app.sign_in("qa@acme.test").await,
        qa2: app.sign_in("qa2@acme.test").await,
        admin: app.sign_in("admin@acme.test").await,
        dev: app.sign_in("dev@acme.test").await,
        app,
    }
}

async fn json_call(app: &TestApp, jar: &mut Jar, path: &str, body: &Value) -> crate::support::Reply {
    let req = axum::http::Request::post(path)
        .header("content-type", "application/json")
        .header("origin", crate::support::ORIGIN)
        .header("cookie", jar.header())
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    app.send(req).await
}

fn mark(id: &str, at: &str, case: i64, scenario: i64, step: i64, status: &str) -> Value {
    json!({ "id": id, "at": at, "case": case, "kind": "mark", "scenario": scenario, "step": step, "status": status })
}

async fn record(s: &mut Setup, who: &str, ops: Value) -> crate::support::Reply {
    let jar = match who {
        "qa" => &mut s.qa,
        "qa2" => &mut s.qa2,
        "dev" => &mut s.dev,
        _ => &mut s.admin,
    };
    json_call(&s.app, jar, "/api/runs/record", &json!({ "project": "SHOP", "number": 1, "ops": ops })).await
}

async fn execution(s: &mut Setup, case: i64) -> Value {
    let r = s.app.call_with(&mut s.qa, "/api/runs/execution", &format!("project=SHOP&number=1&case={case}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn a_started_run_keeps_the_revision_it_snapshotted_when_the_case_is_edited() {
    let mut s = setup().await;
    let r = s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Sprint+14+regression&input[environment]=staging&input[cases][0]=1&input[cases][1]=2&input[cases][2]=999").await;
    assert_eq!((r.status, r.body.as_str()), (200, "1"));
    let planned = s.app.call_with(&mut s.qa, "/api/runs/get", "project=SHOP&number=1").await.json();
    assert_eq!(planned[0]["key"], "SHOP-RUN-1");
    assert_eq!(planned[0]["status"], "planned");
    assert_eq!(planned[0]["counts"]["untested"], 2, "the unknown case 999 is left out");
    let early = record(&mut s, "qa", json!([mark("a1", "2026-12-01T10:00:00Z", 1, 0, 0, "passed")])).await;
    assert_eq!(early.status, 409, "results before the start are refused: {}", early.body);
    let started = s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await;
    assert_eq!(started.status, 200, "{}", started.body);
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await.status, 409);

    // The case is edited after the start: the run still executes revision 1.
    let edited = GHERKIN.replace("it is charged once", "it is charged twice");
    let u = s
        .app
        .call_with(
            &mut s.qa,
            "/api/cases/update",
            &format!("project=SHOP&number=1&revision=1&input[title]=Pay+by+card&input[gherkin]={}", enc(&edited)),
        )
        .await;
    assert_eq!(u.status, 200, "{}", u.body);
    let e = execution(&mut s, 1).await;
    assert_eq!(e["case"]["revision"], 1);
    assert!(e["gherkin"].as_str().unwrap().contains("charged once"), "the snapshot is kept");
    // Two examples × (Background + 2 steps): steps 0..3 in scenarios 0 and 1.
    let outside = record(&mut s, "qa", json!([mark("a2", "2026-12-01T10:00:00Z", 1, 2, 0, "passed")])).await;
    assert_eq!(outside.status, 422, "there is no third scenario: {}", outside.body);
    assert!(outside.body.contains("Operation a2"), "{}", outside.body);
}

#[tokio::test]
async fn batches_apply_each_operation_once_replayed_or_interleaved_and_statuses_follow_the_steps() {
    let mut s = setup().await;
    assert_eq!(
        s.app
            .call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=R&input[cases][0]=1&input[cases][1]=2")
            .await
            .status,
        200
    );
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await.status, 200);
    let mine = json!([
        mark("m1", "2026-12-01T10:00:01Z", 1, 0, 0, "passed"),
        mark("m2", "2026-12-01T10:00:02Z", 1, 0, 1, "passed"),
        mark("m3", "2026-12-01T10:00:03Z", 1, 0, 2, "passed"),
        mark("m4", "2026-12-01T10:00:04Z", 2, 0, 0, "passed"),
        mark("m5", "2026-12-01T10:00:04Z", 2, 0, 1, "passed"),
        mark("m6", "2026-12-01T10:00:04Z", 2, 0, 2, "passed"),
        { "id": "t1", "at": "2026-12-01T10:00:05Z", "case": 1, "kind": "timer", "elapsed_ms": 65000 },
    ]);
    let first = record(&mut s, "qa", mine.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!((first.json()["applied"].as_i64(), first.json()["duplicates"].as_i64()), (Some(7), Some(0)));
    // The same batch again (a runner that never saw the answer): nothing changes.
    let again = record(&mut s, "qa", mine.clone()).await.json();
    assert_eq!((again["applied"].as_i64(), again["duplicates"].as_i64()), (Some(0), Some(7)));
    // Another tester's batch, interleaved: an earlier mark of a step qa set later loses; a later
    // one of another step wins; their replay of qa's op ids is not applied twice.
    let theirs = json!([
        mark("o1", "2026-12-01T09:59:00Z", 1, 0, 0, "failed"),
        mark("o2", "2026-12-01T10:00:06Z", 1, 1, 0, "blocked"),
        mark("m4", "2026-12-01T10:00:04Z", 2, 0, 0, "passed"),
    ]);
    let t = record(&mut s, "qa2", theirs.clone()).await.json();
    assert_eq!((t["applied"].as_i64(), t["duplicates"].as_i64()), (Some(2), Some(1)));
    assert_eq!(record(&mut s, "qa", mine).await.json()["applied"], 0);
    assert_eq!(record(&mut s, "qa2", theirs).await.json()["applied"], 0);

    let e = execution(&mut s, 1).await;
    let marks = e["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 4);
    assert_eq!(marks[0]["status"], "passed", "qa's later mark of step 0 stands over the earlier failure");
    assert_eq!(marks[3]["status"], "blocked");
    assert_eq!(e["case"]["status"], "blocked", "a blocked step blocks the execution");
    assert_eq!(e["case"]["elapsed_ms"], 65000);
    assert_eq!(execution(&mut s, 2).await["case"]["status"], "passed", "all of case 2's steps passed");
    let run = s.app.call_with(&mut s.qa, "/api/runs/get", "project=SHOP&number=1").await.json();
    assert_eq!(
        run[0]["counts"],
        json!({ "untested": 0, "in_progress": 0, "passed": 1, "failed": 0, "blocked": 1, "skipped": 0 })
    );
    assert_eq!(
        s.app.scalar_text("SELECT last_result FROM test_cases WHERE number = 2").await.as_deref(),
        Some("passed")
    );
    // The live stream carries the marks to everyone of the organization.
    let stream = s.app.get_with(&mut s.admin, "/api/v1/events?after=0&drain=1").await.body;
    assert!(stream.contains("event: run") && stream.contains("SHOP-RUN-1"), "{stream}");

    // Devs read runs but do not execute them; a re-run takes the failed and blocked.
    assert_eq!(record(&mut s, "dev", json!([mark("d1", "2026-12-01T11:00:00Z", 1, 0, 0, "passed")])).await.status, 403);
    let rerun =
        s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Re-run&input[rerun_of]=1").await;
    assert_eq!(rerun.status, 200, "{}", rerun.body);
    let cases = s.app.call_with(&mut s.qa, "/api/runs/get", "project=SHOP&number=2").await.json();
    assert_eq!(cases[1].as_array().unwrap().iter().map(|c| c["number"].as_i64().unwrap()).collect::<Vec<_>>(), [1]);

    // Completing seals the run; only an admin reopens it.
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/complete", "project=SHOP&number=1").await.status, 200);
    let sealed = record(&mut s, "qa", json!([mark("c1", "2026-12-01T12:00:00Z", 2, 0, 1, "failed")])).await;
    assert_eq!(sealed.status, 409, "{}", sealed.body);
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/reopen", "project=SHOP&number=1").await.status, 403);
    assert_eq!(s.app.call_with(&mut s.admin, "/api/runs/reopen", "project=SHOP&number=1").await.status, 200);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'run_reopened'").await, 1);
    // One id twice in a batch counts once; of two new marks of a step the later stands; a later
    // clear removes a mark.
    let batch = json!([
        mark("x1", "2026-12-01T13:00:00Z", 2, 0, 1, "failed"),
        mark("x1", "2026-12-01T13:00:00Z", 2, 0, 1, "failed"),
        mark("x2", "2026-12-01T13:00:02Z", 2, 0, 2, "skipped"),
        mark("x3", "2026-12-01T13:00:01Z", 2, 0, 2, "blocked"),
        { "id": "x4", "at": "2026-12-01T13:00:03Z", "case": 2, "kind": "clear", "scenario": 0, "step": 0 },
    ]);
    let r = record(&mut s, "qa", batch).await.json();
    assert_eq!((r["applied"].as_i64(), r["duplicates"].as_i64()), (Some(4), Some(1)), "{r}");
    let e = execution(&mut s, 2).await;
    let marks: Vec<(i64, String)> = e["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["step"].as_i64().unwrap(), m["status"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(marks, [(1, "failed".to_owned()), (2, "skipped".to_owned())]);
    assert_eq!(e["case"]["status"], "failed");
    // Bad batches are refused whole, before any work.
    let bad = record(&mut s, "qa", json!([{ "id": "../../x", "at": "2026-12-01T12:00:00Z", "case": 1, "kind": "mark", "scenario": 0, "step": 0, "status": "passed" }])).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(record(&mut s, "qa", json!([])).await.status, 400);
}

#[tokio::test]
async fn the_runner_sees_the_snapshots_scenarios_the_runs_order_and_the_cases_history() {
    let mut s = setup().await;
    // Every case of the project, without naming them.
    let r = s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Everything&input[all]=true").await;
    assert_eq!((r.status, r.body.as_str()), (200, "1"));
    let planned = execution(&mut s, 1).await;
    assert_eq!(planned["scenarios"], json!([]), "nothing to execute before the run starts");
    assert_eq!(planned["order"], json!([1, 2]));
    assert_eq!(planned["history"], json!([]), "a planned run is not a result");
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await.status, 200);
    let e = execution(&mut s, 1).await;
    let scenarios = e["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2, "one scenario per example: {e}");
    assert_eq!(scenarios[1]["name"], "by card");
    let steps: Vec<(&str, bool)> = scenarios[1]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| (st["text"].as_str().unwrap(), st["background"].as_bool().unwrap()))
        .collect();
    assert_eq!(steps, [("a signed-in customer", true), ("they pay with amex", false), ("it is charged once", false)]);
    // Fail case 1 in run 1, pass it in a re-run: its history lists both, newest first.
    let ops = json!([mark("h1", "2026-12-01T10:00:00Z", 1, 0, 1, "failed")]);
    assert_eq!(record(&mut s, "qa", ops).await.status, 200);
    let r = s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Again&input[rerun_of]=1").await;
    assert_eq!((r.status, r.body.as_str()), (200, "2"));
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=2").await.status, 200);
    let again = s.app.call_with(&mut s.qa, "/api/runs/execution", "project=SHOP&number=2&case=1").await.json();
    assert_eq!(again["order"], json!([1]), "only the failed case is re-run");
    let history = s.app.call_with(&mut s.dev, "/api/runs/case_history", "project=SHOP&case=1").await;
    assert_eq!(history.status, 200, "everyone who reads the project reads results: {}", history.body);
    let h: Vec<(String, String)> = history
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["run_key"].as_str().unwrap().to_owned(), x["status"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(h, [("SHOP-RUN-2".to_owned(), "untested".to_owned()), ("SHOP-RUN-1".to_owned(), "failed".to_owned())]);
    assert_eq!(history.json()[1]["executed_by"], "qa", "{}", history.body);
}
