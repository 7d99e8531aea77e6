//! Reporting bugs (by hand, and pre-filled from a run's failed step), listing them, commenting.
use super::*;

#[tokio::test]
async fn bugs_are_listed_newest_first_with_every_filter_and_keyset_pages() {
    let mut s = setup().await;
    let one = report(&mut s, "qa", "input[title]=Charged+twice&input[severity]=critical&input[priority]=urgent&input[run]=1&input[case]=1&input[description]=**bold**+%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(one, 1);
    report(&mut s, "dev", "input[title]=Button+misaligned&input[bug_type]=ui_ux&input[severity]=low").await;
    report(&mut s, "qa", "input[title]=Slow+search&input[story]=SHOP-US-1&input[priority]=high").await;
    for i in 4..=7 {
        report(&mut s, "qa", &format!("input[title]=Bug+{i}")).await;
    }
    let bad = call(&mut s, "qa", "/api/bugs/create", "project=SHOP&input[title]=X&input[case]=99&input[story]=7").await;
    assert_eq!(bad.status, 422, "a case and story of no such number: {}", bad.body);
    assert!(bad.body.contains("\"case\"") && bad.body.contains("\"story\""), "{}", bad.body);
    let no_case = call(&mut s, "qa", "/api/bugs/create", "project=SHOP&input[title]=X&input[run]=1").await;
    assert_eq!(no_case.status, 422, "a run's bug names the case: {}", no_case.body);
    assert_eq!(call(&mut s, "mgr", "/api/bugs/create", "project=SHOP&input[title]=X").await.status, 403);

    let b = get(&mut s, 1).await;
    assert_eq!(b["summary"]["key"], "SHOP-BUG-1");
    assert_eq!((b["case"]["key"].as_str(), b["story"]["key"].as_str()), (Some("SHOP-TC-1"), Some("SHOP-US-1")));
    assert_eq!((b["run"]["key"].as_str(), b["run"]["title"].as_str()), (Some("SHOP-RUN-1"), Some("Sprint")));
    let html = b["description_html"].as_str().unwrap();
    assert!(html.contains("<strong>bold</strong>") && !html.contains("<script"), "{html}");
    assert_eq!(b["summary"]["reporter"], "qa");
    assert_eq!(get(&mut s, 3).await["story"]["number"], 1);

    let dev = user_id(&s, "dev@acme.test").await;
    ok(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number=2&assignee={dev}")).await;
    let qa = user_id(&s, "qa@acme.test").await;
    ok(&mut s, "qa", "/api/bugs/assign", &format!("project=SHOP&number=4&assignee={qa}")).await;

    assert_eq!(list(&mut s, "qa", "filter[text]=").await.0, [7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(list(&mut s, "qa", "filter[status]=assigned").await.0, [4, 2]);
    assert_eq!(list(&mut s, "qa", "filter[severity]=critical").await.0, [1]);
    assert_eq!(list(&mut s, "qa", "filter[priority]=high").await.0, [3]);
    assert_eq!(list(&mut s, "dev", "filter[assignee]=me").await.0, [2]);
    assert_eq!(list(&mut s, "qa", &format!("filter[assignee]={dev}")).await.0, [2]);
    assert_eq!(list(&mut s, "qa", "filter[assignee]=none").await.0, [7, 6, 5, 3, 1]);
    assert_eq!(list(&mut s, "qa", "filter[story]=SHOP-US-1").await.0, [3, 1]);
    assert_eq!(list(&mut s, "qa", "filter[run]=1").await.0, [1]);
    assert_eq!(list(&mut s, "qa", "filter[text]=MISALIGNED").await.0, [2]);
    assert_eq!(list(&mut s, "qa", "filter[text]=bold").await.0, [1], "the description is searched too");
    assert_eq!(list(&mut s, "qa", "filter[status]=assigned&filter[assignee]=me").await.0, [4]);
    assert!(list(&mut s, "qa", "filter[story]=2").await.0.is_empty());
    // A case's and a story's open bugs (their pages' "Open bugs"); keys as people type them.
    assert_eq!(list(&mut s, "qa", "filter[case]=SHOP-TC-1").await.0, [1]);
    assert_eq!(list(&mut s, "qa", "filter[case]=TC-1&filter[open]=true").await.0, [1]);
    assert_eq!(list(&mut s, "qa", "filter[story]=US-1&filter[open]=true").await.0, [3, 1]);
    assert!(list(&mut s, "qa", "filter[case]=banana").await.0.is_empty(), "no number matches nothing");
    assert!(list(&mut s, "qa", "filter[story]=TC-1").await.0.is_empty(), "a case's key is no story");
    assert!(list(&mut s, "qa", "filter[case]=SHOP-RUN-1").await.0.is_empty(), "a run's key is no case");
    ok(&mut s, "qa", "/api/bugs/transition", "project=SHOP&number=3&to=wont_fix&note=As+designed").await;
    assert_eq!(list(&mut s, "qa", "filter[story]=US-1&filter[open]=true").await.0, [1], "won't fix is settled");
    assert_eq!(list(&mut s, "qa", "filter[story]=US-1").await.0, [3, 1]);
    assert_eq!(list(&mut s, "qa", "filter[open]=true").await.0, [7, 6, 5, 4, 2, 1]);

    // Keyset pages of 3: 7 6 5 | 4 3 2 | 1.
    let (first, next) = list(&mut s, "mgr", "filter[limit]=3").await;
    assert_eq!((first, next.clone()), (vec![7, 6, 5], json!(5)));
    let (second, next) = list(&mut s, "mgr", &format!("filter[limit]=3&filter[after]={next}")).await;
    assert_eq!((second, next.clone()), (vec![4, 3, 2], json!(2)));
    let (last, next) = list(&mut s, "mgr", &format!("filter[limit]=3&filter[after]={next}")).await;
    assert_eq!((last, next), (vec![1], Value::Null));
    let (capped, _) = list(&mut s, "qa", "filter[limit]=1000").await;
    assert_eq!(capped.len(), 7, "a limit above 100 is read as 100");

    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'bug_created'").await, 7);
    let stream = s.app.get_with(&mut s.admin, "/api/v1/events?after=0&drain=1").await.body;
    assert!(stream.contains("event: bug") && stream.contains("SHOP-BUG-7"), "{stream}");
    // The reporter edits their own bug's text; another developer may not.
    let edit = "project=SHOP&number=2&input[title]=Button+misaligned+on+phones&input[bug_type]=ui_ux";
    assert_eq!(call(&mut s, "dev2", "/api/bugs/update", edit).await.status, 403);
    let edited = ok(&mut s, "dev", "/api/bugs/update", edit).await;
    assert_eq!(edited["summary"]["title"], "Button misaligned on phones");
    assert_eq!(edited["summary"]["status"], "assigned", "an edit leaves the status");
    assert_eq!(ok(&mut s, "qa", "/api/bugs/update", edit).await["can_edit"], true);
}

#[tokio::test]
async fn mentions_name_only_active_members_of_the_commenters_organization() {
    let mut s = setup().await;
    report(&mut s, "qa", "input[title]=Talk+about+it").await;
    let body =
        "Please look @dev@acme.test, cc @other@other.test @gone@acme.test @nobody@acme.test [x](javascript:alert(1))";
    let r = ok(&mut s, "qa", "/api/bugs/comment", &format!("project=SHOP&number=1&body={}", enc(body))).await;
    assert_eq!(r["mentioned"], json!(["dev"]), "only the active member of Acme");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM bug_mentions").await, 1);
    let dev = user_id(&s, "dev@acme.test").await;
    assert_eq!(s.app.count("SELECT user_id FROM bug_mentions").await, dev);
    ok(&mut s, "dev", "/api/bugs/comment", "project=SHOP&number=1&body=On+it+%40QA%40acme.test").await;
    assert_eq!(call(&mut s, "mgr", "/api/bugs/comment", "project=SHOP&number=1&body=Hi").await.status, 403);
    assert_eq!(call(&mut s, "qa", "/api/bugs/comment", "project=SHOP&number=1&body=+++").await.status, 422);
    assert_eq!(call(&mut s, "qa", "/api/bugs/comment", "project=SHOP&number=9&body=Hi").await.status, 404);
    let b = get(&mut s, 1).await;
    let comments = b["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!((comments[0]["author"].as_str(), comments[0]["mentions"].clone()), (Some("qa"), json!(["dev"])));
    assert_eq!(comments[1]["mentions"], json!(["qa"]));
    let html = comments[0]["html"].as_str().unwrap();
    assert!(html.starts_with("<p>Please look") && !html.contains("javascript"), "{html}");
    assert_eq!(comments[0]["body"], body, "the Markdown is kept as written");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'bug_commented'").await, 2);
}

#[tokio::test]
async fn a_report_is_prefilled_from_a_failed_step_of_a_started_run_and_linked_to_it() {
    let mut s = setup().await;
    let ops = json!([{ "id": "f1", "at": "2026-12-01T10:00:00Z", "case": 1, "kind": "mark", "scenario": 1, "step": 2,
                       "status": "failed", "actual": "Charged twice", "comment": "Seen on the second try" }]);
    let body = json!({ "project": "SHOP", "number": 1, "ops": ops }).to_string();
    let req = axum::http::Request::post("/api/runs/record")
        .header("content-type", "application/json")
        .header("origin", crate::support::ORIGIN)
        .header("cookie", s.qa.header())
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(s.app.send(req).await.status, 200);

    let p = ok(&mut s, "dev", "/api/bugs/prefill", "project=SHOP&run=1&case=1&scenario=1&step=2").await;
    assert_eq!(p["title"], "Pay by card: it is charged once fails");
    assert_eq!(
        p["steps_to_reproduce"],
        "1. Given a signed-in customer\n2. When they pay with amex\n3. Then it is charged once"
    );
    assert_eq!(
        (p["expected"].as_str(), p["actual"].as_str()),
        (Some("Then it is charged once"), Some("Charged twice"))
    );
    assert_eq!(
        (p["environment"].as_str(), p["run"].as_str(), p["case"].as_str()),
        (Some("staging"), Some("1"), Some("1"))
    );
    assert!(
        p["description"].as_str().unwrap().contains("SHOP-RUN-1")
            && p["description"].as_str().unwrap().contains("second try")
    );
    assert_eq!(
        call(&mut s, "qa", "/api/bugs/prefill", "project=SHOP&run=1&case=1&scenario=1&step=3").await.status,
        400
    );
    assert_eq!(
        call(&mut s, "qa", "/api/bugs/prefill", "project=SHOP&run=1&case=9&scenario=0&step=0").await.status,
        404
    );
    assert_eq!(
        call(&mut s, "qa", "/api/bugs/prefill", "project=SHOP&run=5&case=1&scenario=0&step=0").await.status,
        404
    );
    ok(&mut s, "qa", "/api/runs/create", "project=SHOP&input[name]=Later&input[cases][0]=1").await;
    let planned = call(&mut s, "qa", "/api/bugs/prefill", "project=SHOP&run=2&case=1&scenario=0&step=0").await;
    assert_eq!(planned.status, 400, "a planned run has no snapshot yet: {}", planned.body);
    assert_eq!(
        call(&mut s, "mgr", "/api/bugs/prefill", "project=SHOP&run=1&case=1&scenario=1&step=2").await.status,
        403
    );

    // The report as the form sends it back.
    let form: String =
        p.as_object().unwrap().iter().map(|(k, v)| format!("&input[{k}]={}", enc(v.as_str().unwrap()))).collect();
    let number = report(&mut s, "dev", &form[1..]).await;
    let b = get(&mut s, number).await;
    assert_eq!(b["summary"]["title"], "Pay by card: it is charged once fails");
    assert_eq!((b["run"]["key"].as_str(), b["case"]["key"].as_str()), (Some("SHOP-RUN-1"), Some("SHOP-TC-1")));
    assert_eq!(b["story"]["key"], "SHOP-US-1", "the case's story");
    assert!(b["steps_to_reproduce"].as_str().unwrap().starts_with("1. Given"));
    assert_eq!(s.app.count("SELECT COUNT(*) FROM bugs WHERE run_case_id IS NOT NULL").await, 1);
    let outside =
        call(&mut s, "qa", "/api/bugs/create", "project=SHOP&input[title]=X&input[run]=1&input[case]=2").await;
    assert_eq!(outside.status, 422, "case 2 is not part of run 1: {}", outside.body);
}
