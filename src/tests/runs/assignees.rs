//! A run's cases handed out to testers: only to active members of the organization whose role
//! records results; the assignee is told once (not again for cases already theirs), finds the
//! run under "runs assigned to you" with what is left to do, and a completed run is sealed.
use super::*;

async fn id_of(s: &Setup, email: &str) -> i64 {
    s.app.count(&format!("SELECT id FROM users WHERE email = '{email}'")).await
}

async fn assign(s: &mut Setup, cases: &[i64], assignee: &str) -> crate::support::Reply {
    let picked: Vec<String> = cases.iter().enumerate().map(|(i, n)| format!("&cases[{i}]={n}")).collect();
    let form = format!("project=SHOP&number=1{}&assignee={assignee}", picked.concat());
    s.app.call_with(&mut s.qa, "/api/runs/assign", &form).await
}

async fn mine(s: &mut Setup) -> Value {
    let r = s.app.call_with(&mut s.qa2, "/api/runs/assigned", "").await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn cases_go_to_testers_who_are_told_once_and_find_their_runs() {
    let mut s = setup().await;
    let r = s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Sprint+14&input[all]=true").await;
    assert_eq!((r.status, r.body.as_str()), (200, "1"));
    let qa2 = id_of(&s, "qa2@acme.test").await.to_string();
    assert_eq!(mine(&mut s).await, json!([]));

    let r = assign(&mut s, &[1, 2, 99], &qa2).await;
    assert_eq!((r.status, r.body.as_str()), (200, "2"), "an unknown case number is skipped: {}", r.body);
    let run = s.app.call_with(&mut s.dev, "/api/runs/get", "project=SHOP&number=1").await.json();
    let names: Vec<&str> = run[1].as_array().unwrap().iter().map(|c| c["assignee"].as_str().unwrap_or("-")).collect();
    assert_eq!(names, ["qa2", "qa2"], "everyone who reads the run sees who executes what");
    let listed = mine(&mut s).await;
    assert_eq!(listed[0]["key"], "SHOP-RUN-1");
    assert_eq!((listed[0]["assigned"].as_i64(), listed[0]["open"].as_i64()), (Some(2), Some(2)));

    // Told once, in the app and by email; assigning what is already theirs tells nothing.
    let told = s.app.call_with(&mut s.qa2, "/api/notifications/list", "").await.json();
    assert_eq!(told["unread"], 1, "{told}");
    let n = &told["items"][0];
    assert_eq!(n["kind"], "assigned");
    assert_eq!(n["text"], "qa assigned you 2 cases of SHOP-RUN-1 “Sprint 14”");
    assert_eq!(n["href"], "/projects/SHOP/runs/1?mine=1");
    assert_eq!(assign(&mut s, &[1, 2], &qa2).await.body, "0");
    assert_eq!(s.app.call_with(&mut s.qa2, "/api/notifications/unread", "").await.body, "1");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'run_cases_assigned'").await, 1);

    // Case 2 back to nobody; qa2 has one case left, and after executing it nothing to do.
    assert_eq!(assign(&mut s, &[2], "").await.body, "1");
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await.status, 200);
    let steps: Vec<Value> = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
        .iter()
        .map(|(sc, st)| mark(&format!("m{sc}{st}"), "2026-12-01T10:00:00Z", 1, *sc, *st, "passed"))
        .collect();
    assert_eq!(record(&mut s, "qa2", Value::Array(steps)).await.status, 200);
    let listed = mine(&mut s).await;
    assert_eq!((listed[0]["assigned"].as_i64(), listed[0]["open"].as_i64()), (Some(1), Some(0)), "{listed}");

    // Taking a case back leaves the time of its result.
    let at = |h: Value| h[0]["at"].clone();
    let before = at(s.app.call_with(&mut s.qa, "/api/runs/case_history", "project=SHOP&case=1").await.json());
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    assert_eq!(assign(&mut s, &[1], "").await.body, "1");
    let after = at(s.app.call_with(&mut s.qa, "/api/runs/case_history", "project=SHOP&case=1").await.json());
    assert_eq!(before, after);
    assert_eq!(mine(&mut s).await, json!([]), "nothing is assigned to qa2 any more");

    // A completed run is sealed, and leaves the list.
    assert_eq!(assign(&mut s, &[2], &qa2).await.body, "1");
    assert_eq!(mine(&mut s).await[0]["assigned"], 1);
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/complete", "project=SHOP&number=1").await.status, 200);
    assert_eq!(assign(&mut s, &[1], &qa2).await.status, 409);
    assert_eq!(mine(&mut s).await, json!([]));
}

#[tokio::test]
async fn only_active_members_who_record_results_take_cases() {
    let mut s = setup().await;
    let r = s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Sprint&input[cases][0]=1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let dev = id_of(&s, "dev@acme.test").await.to_string();
    let r = assign(&mut s, &[1], &dev).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("cannot record results"), "{}", r.body);
    let other = s.app.org("Other").await;
    let stranger = s.app.user(other, Role::Qa, "qa@other.test").await;
    let r = assign(&mut s, &[1], &stranger.0.to_string()).await;
    assert_eq!(r.status, 422, "another organization's member is nobody here: {}", r.body);
    assert!(r.body.contains("Pick a member"), "{}", r.body);
    assert_eq!(assign(&mut s, &[1], "banana").await.status, 422);
    assert_eq!(assign(&mut s, &[], "").await.status, 422, "nothing selected");
    let r = s.app.call_with(&mut s.dev, "/api/runs/assign", "project=SHOP&number=1&cases[0]=1&assignee=").await;
    assert_eq!(r.status, 403, "developers do not hand out runs");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM run_cases WHERE assignee_id IS NOT NULL").await, 0);
}
