//! The lifecycle as the server enforces it: a developer's moves, fix notes, duplicates, re-tests.
use super::*;

#[tokio::test]
async fn a_developer_moves_only_their_own_bug_and_a_fix_needs_notes() {
    let mut s = setup().await;
    report(&mut s, "qa", "input[title]=Mine").await;
    report(&mut s, "qa", "input[title]=Theirs").await;
    let early = move_to(&mut s, "qa", 1, "assigned", "").await;
    assert_eq!(early.status, 422, "assigned needs an assignee: {}", early.body);
    let (dev, dev2) = (user_id(&s, "dev@acme.test").await, user_id(&s, "dev2@acme.test").await);
    let assigned = ok(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={dev}")).await;
    assert_eq!(assigned["summary"]["status"], "assigned");
    assert_eq!(assigned["summary"]["assignee"], "dev");
    ok(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number=2&assignee={dev2}")).await;
    let gone = user_id(&s, "gone@acme.test").await;
    assert_eq!(
        call(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number=2&assignee={gone}")).await.status,
        422
    );
    assert_eq!(
        call(&mut s, "dev", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={dev}")).await.status,
        403
    );

    assert_eq!(move_to(&mut s, "dev", 2, "in_progress", "").await.status, 403, "not their bug");
    assert_eq!(move_to(&mut s, "dev", 1, "fixed", "&note=done").await.status, 409, "no such move from assigned");
    assert_eq!(move_to(&mut s, "mgr", 1, "in_progress", "").await.status, 403, "managers make no moves");
    let started = move_to(&mut s, "dev", 1, "in_progress", "").await;
    assert_eq!(started.status, 200, "{}", started.body);
    assert_eq!(started.json()["next"], json!(["fixed"]), "what the developer may do next");
    let silent = move_to(&mut s, "dev", 1, "fixed", "&note=++").await;
    assert_eq!(silent.status, 422, "fix notes are required: {}", silent.body);
    assert!(silent.body.contains("\"note\""), "{}", silent.body);
    let fixed = move_to(&mut s, "dev", 1, "fixed", "&note=Rounded+the+total+once").await;
    assert_eq!(fixed.status, 200, "{}", fixed.body);
    assert_eq!(fixed.json()["next"], json!([]), "testing is QA's");
    assert_eq!(move_to(&mut s, "dev", 1, "testing", "").await.status, 403);
    assert_eq!(move_to(&mut s, "dev", 1, "wont_fix", "").await.status, 409);
    let b = get(&mut s, 1).await;
    assert_eq!(b["next"], json!(["testing", "reopened"]), "QA's moves from fixed");
    let moves: Vec<(String, String, String, String)> = b["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let text = |k: &str| t[k].as_str().unwrap_or_default().to_owned();
            (text("from"), text("to"), text("by"), text("note"))
        })
        .collect();
    let want = [
        ("new", "assigned", "qa", ""),
        ("assigned", "in_progress", "dev", ""),
        ("in_progress", "fixed", "dev", "Rounded the total once"),
    ];
    assert_eq!(moves, want.map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned())));
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'bug_transition'").await, 4);
    // QA walks it on to closed; a closed bug can be reopened and assigned again.
    for to in ["testing", "verified", "closed", "reopened"] {
        assert_eq!(move_to(&mut s, "qa", 1, to, "").await.status, 200, "{to}");
    }
    assert_eq!(move_to(&mut s, "dev", 1, "in_progress", "").await.status, 200, "reopened → in progress is theirs");
    assert_eq!(move_to(&mut s, "qa", 2, "wont_fix", "&note=By+design").await.status, 200);
    assert_eq!(move_to(&mut s, "qa", 2, "reopened", "").await.status, 409, "won't fix is final");
}

#[tokio::test]
async fn a_duplicate_names_another_bug_of_the_same_project() {
    let mut s = setup().await;
    report(&mut s, "qa", "input[title]=Original").await;
    report(&mut s, "qa", "input[title]=Again").await;
    for i in 1..=3 {
        ok(&mut s, "qa", "/api/bugs/create", &format!("project=WEB&input[title]=Web+{i}")).await;
    }
    for (duplicate_of, why) in [
        ("", "names none"),
        ("WEB-BUG-1", "another project's bug"),
        ("3", "no bug 3 in SHOP (WEB has one)"),
        ("SHOP-BUG-2", "itself"),
        ("SHOP-TC-1", "a case"),
    ] {
        let r = move_to(&mut s, "qa", 2, "duplicate", &format!("&duplicate_of={}", enc(duplicate_of))).await;
        assert_eq!(r.status, 422, "{why}: {}", r.body);
        assert!(r.body.contains("duplicate_of"), "{}", r.body);
    }
    let r = move_to(&mut s, "qa", 2, "duplicate", "&duplicate_of=shop-bug-1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    assert_eq!(
        (b["summary"]["status"].as_str(), b["duplicate_of"]["key"].as_str()),
        (Some("duplicate"), Some("SHOP-BUG-1"))
    );
    assert_eq!(b["duplicate_of"]["title"], "Original");
}

#[tokio::test]
async fn a_retest_verifies_a_fixed_bug_on_a_pass_and_reopens_it_on_a_failure() {
    let mut s = setup().await;
    let dev = user_id(&s, "dev@acme.test").await;
    for n in 1..=3 {
        report(&mut s, "qa", &format!("input[title]=Bug+{n}&input[run]=1&input[case]=1")).await;
        ok(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number={n}&assignee={dev}")).await;
        assert_eq!(move_to(&mut s, "dev", n, "in_progress", "").await.status, 200);
        assert_eq!(move_to(&mut s, "dev", n, "fixed", "&note=Fixed").await.status, 200);
    }
    assert_eq!(call(&mut s, "dev", "/api/bugs/retest", "project=SHOP&number=1&passed=true").await.status, 403);
    let passed = ok(&mut s, "qa", "/api/bugs/retest", "project=SHOP&number=1&passed=true").await;
    assert_eq!(passed["status"], "verified");
    let moves: Vec<String> = get(&mut s, 1).await["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{}→{}", t["from"].as_str().unwrap(), t["to"].as_str().unwrap()))
        .collect();
    assert_eq!(moves[3..], ["fixed→testing".to_owned(), "testing→verified".to_owned()]);
    let failed = ok(&mut s, "admin", "/api/bugs/retest", "project=SHOP&number=2&passed=false").await;
    assert_eq!(failed["status"], "reopened");
    assert_eq!(call(&mut s, "qa", "/api/bugs/retest", "project=SHOP&number=2&passed=true").await.status, 409);
    // A bug already in testing is re-tested as it is.
    assert_eq!(move_to(&mut s, "qa", 3, "testing", "").await.status, 200);
    assert_eq!(ok(&mut s, "qa", "/api/bugs/retest", "project=SHOP&number=3&passed=true").await["status"], "verified");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'bug_retested'").await, 3);
}
