//! Two testers marking different steps of one execution at the same moment: both marks stand and
//! the execution's status is derived from both (on PostgreSQL the batch locks the executions it
//! touches; without it each transaction derived the status from its own mark alone and the last
//! to commit won). The step counts a first batch takes from the snapshot are kept for the next.
use super::{json_call, mark, setup};
use serde_json::json;

/// Executions raced over; each round is one chance for the lost update.
const ROUNDS: i64 = 12;

#[tokio::test]
async fn two_testers_marking_one_execution_at_once_both_count() {
    let mut s = setup().await;
    for i in 0..ROUNDS {
        s.app
            .case(s.org, s.project, &format!("Two steps {i}"), "Feature: T\n  Scenario: s\n    Given a\n    Then b\n")
            .await;
    }
    let create = format!(
        "project=SHOP&input[name]=Race{}",
        (0..ROUNDS).map(|i| format!("&input[cases][{i}]={}", i + 3)).collect::<String>()
    );
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/create", &create).await.status, 200);
    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/start", "project=SHOP&number=1").await.status, 200);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM run_cases WHERE step_counts IS NOT NULL").await, 0);

    let (app, qa, qa2) = (&s.app, &mut s.qa, &mut s.qa2);
    for i in 0..ROUNDS {
        let case = i + 3;
        let at = "2026-12-01T10:00:00Z";
        let one = json!({ "project": "SHOP", "number": 1, "ops": [mark(&format!("a{i}"), at, case, 0, 0, "passed")] });
        let two = json!({ "project": "SHOP", "number": 1, "ops": [mark(&format!("b{i}"), at, case, 0, 1, "passed")] });
        let (r1, r2) =
            tokio::join!(json_call(app, qa, "/api/runs/record", &one), json_call(app, qa2, "/api/runs/record", &two));
        assert_eq!((r1.status, r2.status), (200, 200), "{} / {}", r1.body, r2.body);
    }
    let passed = s.app.count("SELECT COUNT(*) FROM run_cases WHERE status = 'passed'").await;
    let marks = s.app.count("SELECT COUNT(*) FROM step_results").await;
    assert_eq!((marks, passed), (2 * ROUNDS, ROUNDS), "every execution has both marks and so has passed");
    assert_eq!(
        s.app.count("SELECT COUNT(*) FROM run_cases WHERE step_counts = '2'").await,
        ROUNDS,
        "the first batch of each execution kept its step counts"
    );
}
