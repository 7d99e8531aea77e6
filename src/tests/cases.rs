//! Test cases through the real router: fields, Gherkin validation, revisions with diff and
//! restore, the keyset-windowed list with filters and full-text search, bulk edits, `.feature`
//! export and import, and the search palette.
use crate::support::{enc, Jar, TestApp};
use app::users::model::Role;

const GOOD: &str = "Feature: Login\n  Scenario: ok\n    Given a user\n    Then they are in\n";

async fn setup() -> (TestApp, Jar) {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    app.project(org, "SHOP").await;
    let jar = app.sign_in("qa@acme.test").await;
    (app, jar)
}

async fn create(app: &TestApp, jar: &mut Jar, form: &str) -> i64 {
    let r = app.call_with(jar, "/api/cases/create", &format!("project=SHOP&{form}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json().as_i64().unwrap()
}

async fn get(app: &TestApp, jar: &mut Jar, number: i64) -> serde_json::Value {
    let r = app.call_with(jar, "/api/cases/get", &format!("project=SHOP&number={number}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn invalid_gherkin_is_kept_as_a_draft_but_never_ready() {
    let (app, mut jar) = setup().await;
    let bad = enc("Feature: x\n  Scenario: y\n    Given ok\n    Gvien a typo\n");
    let refused = app
        .call_with(
            &mut jar,
            "/api/cases/create",
            &format!("project=SHOP&input[title]=T&input[status]=ready&input[gherkin]={bad}"),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let detail = refused.json()["detail"].to_string();
    assert!(detail.contains("gherkin") && detail.contains("Line 4, column 5"), "{detail}");
    let n = create(&app, &mut jar, &format!("input[title]=T&input[status]=draft&input[gherkin]={bad}")).await;
    let c = get(&app, &mut jar, n).await;
    assert_eq!((c["row"]["key"].as_str(), c["case"]["gherkin_valid"].as_bool()), (Some("SHOP-TC-1"), Some(false)));
    assert_eq!(c["case"]["gherkin"], "Feature: x\n  Scenario: y\n    Given ok\n    Gvien a typo\n");
}

#[tokio::test]
async fn every_save_is_a_revision_with_a_diff_and_an_old_one_can_be_restored() {
    let (app, mut jar) = setup().await;
    let n =
        create(&app, &mut jar, &format!("input[title]=Login&input[status]=ready&input[gherkin]={}", enc(GOOD))).await;
    let edited = GOOD.replace("Given a user", "Given a locked user");
    let form = format!(
        "project=SHOP&number={n}&revision=1&input[title]=Login&input[status]=ready&input[tags]=smoke&input[gherkin]={}",
        enc(&edited)
    );
    let saved = app.call_with(&mut jar, "/api/cases/update", &form).await;
    assert_eq!((saved.status, saved.json()), (200, serde_json::json!(2)), "{}", saved.body);
    let stale = app.call_with(&mut jar, "/api/cases/update", &form).await;
    assert_eq!(stale.status, 409, "saving over a newer revision must be refused: {}", stale.body);

    let revs = app.call_with(&mut jar, "/api/cases/revisions", &format!("project=SHOP&number={n}")).await.json();
    let summaries: Vec<_> =
        revs.as_array().unwrap().iter().map(|r| r["summary"].as_str().unwrap().to_owned()).collect();
    assert_eq!(summaries, ["tags, gherkin", "created"]);
    assert_eq!(revs[0]["author"], "qa");

    let diff = app.call_with(&mut jar, "/api/cases/diff", &format!("project=SHOP&number={n}&from=1&to=2")).await.json();
    let changed: Vec<(String, String)> = diff["gherkin"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["change"] != "Same")
        .map(|l| (l["change"].as_str().unwrap().to_owned(), l["text"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        changed,
        [
            ("Removed".to_owned(), "    Given a user".to_owned()),
            ("Added".to_owned(), "    Given a locked user".to_owned())
        ]
    );
    assert_eq!(diff["fields"][0]["field"], "tags");

    let restored = app.call_with(&mut jar, "/api/cases/restore", &format!("project=SHOP&number={n}&revision=1")).await;
    assert_eq!((restored.status, restored.json()), (200, serde_json::json!(3)), "{}", restored.body);
    let c = get(&app, &mut jar, n).await;
    assert_eq!((c["case"]["gherkin"].as_str(), c["revision"].as_i64()), (Some(GOOD), Some(3)));
    assert_eq!(c["row"]["tags"], serde_json::json!([]));
    let missing = app.call_with(&mut jar, "/api/cases/diff", &format!("project=SHOP&number={n}&from=1&to=9")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_events WHERE action IN ('case_created', 'case_updated', 'case_restored')"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn a_case_links_a_story_and_only_that_storys_criteria() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let p = app.project(org, "SHOP").await;
    let (_, crit) = app.story(org, p, "Pay", &["Charged once"]).await;
    let (_, other) = app.story(org, p, "Ship", &["Label printed"]).await;
    let mut jar = app.sign_in("qa@acme.test").await;
    let n = create(
        &app,
        &mut jar,
        &format!("input[title]=Pays&input[story]=SHOP-US-1&input[criteria][0]={crit}&input[criteria][1]={other}"),
    )
    .await;
    let c = get(&app, &mut jar, n).await;
    assert_eq!((c["row"]["story"].as_str(), c["story_title"].as_str()), (Some("SHOP-US-1"), Some("Pay")));
    assert_eq!(c["case"]["criteria"], serde_json::json!([crit]));
    let r = app.call_with(&mut jar, "/api/cases/create", "project=SHOP&input[title]=X&input[story]=99").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("no story 99"), "{}", r.body);
    let copy = app.call_with(&mut jar, "/api/cases/clone", &format!("project=SHOP&number={n}")).await.json();
    let c = get(&app, &mut jar, copy.as_i64().unwrap()).await;
    assert_eq!((c["row"]["title"].as_str(), c["row"]["status"].as_str()), (Some("Copy of Pays"), Some("draft")));
}

async fn window(app: &TestApp, jar: &mut Jar, filter: &str, after: Option<&str>, offset: i64) -> serde_json::Value {
    let after = after.map(|a| format!("&after={}", enc(a))).unwrap_or_default();
    let r = app.call_with(jar, "/api/cases/list", &format!("project=SHOP&{filter}{after}&offset={offset}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn numbers(w: &serde_json::Value) -> Vec<i64> {
    w["rows"].as_array().unwrap().iter().map(|r| r["number"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_list_walks_keyset_windows_and_jumps_by_offset() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let p = app.project(org, "SHOP").await;
    let mut jar = app.sign_in("qa@acme.test").await;
    for i in 0..230 {
        app.case(org, p, &format!("Case {i:03}"), GOOD).await;
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let w = window(&app, &mut jar, "filter[text]=", after.as_deref(), 0).await;
        seen.extend(numbers(&w));
        match w["next"].as_str() {
            Some(n) => after = Some(n.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, (1..=230).collect::<Vec<_>>());
    let jump = window(&app, &mut jar, "filter[text]=", None, 200).await;
    assert_eq!(numbers(&jump), (201..=230).collect::<Vec<_>>());
    let by_title = window(&app, &mut jar, "filter[sort]=title", None, 0).await;
    let second = window(&app, &mut jar, "filter[sort]=title", by_title["next"].as_str(), 0).await;
    assert_eq!(second["rows"][0]["title"], "Case 100");
    let recent = window(&app, &mut jar, "filter[sort]=updated", None, 0).await;
    let next = window(&app, &mut jar, "filter[sort]=updated", recent["next"].as_str(), 0).await;
    let mut all: Vec<i64> = numbers(&recent).into_iter().chain(numbers(&next)).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 200, "the updated sort must not repeat or skip rows across windows");
}

#[tokio::test]
async fn filters_and_full_text_search_narrow_the_list_and_the_count() {
    let (app, mut jar) = setup().await;
    let g = |step: &str| enc(&format!("Feature: f\n  Scenario: s\n    Given {step}\n"));
    create(
        &app,
        &mut jar,
        &format!(
            "input[title]=Pay+by+card&input[kind]=api&input[tags]=smoke,checkout&input[gherkin]={}",
            g("a saved card")
        ),
    )
    .await;
    create(
        &app,
        &mut jar,
        &format!(
            "input[title]=Refund&input[kind]=ui&input[tags]=checkout&input[status]=ready&input[gherkin]={}",
            g("a paid órder")
        ),
    )
    .await;
    create(
        &app,
        &mut jar,
        &format!("input[title]=Login&input[kind]=ui&input[description]=Password+rules&input[gherkin]={}", g("a user")),
    )
    .await;
    let count = |f: &'static str| {
        let app = &app;
        async move {
            let mut jar = app.sign_in("qa@acme.test").await;
            app.call_with(&mut jar, "/api/cases/count", &format!("project=SHOP&{f}")).await.json().as_i64().unwrap()
        }
    };
    assert_eq!(count("filter[kind]=ui").await, 2);
    assert_eq!(count("filter[tag]=checkout").await, 2);
    assert_eq!(count("filter[tag]=Smoke").await, 1);
    assert_eq!(count("filter[status]=ready").await, 1);
    assert_eq!(count("filter[last_result]=not_run").await, 3);
    assert_eq!(count("filter[last_result]=passed").await, 0);
    assert_eq!(count("filter[text]=card").await, 1, "words in the Gherkin are found");
    assert_eq!(count("filter[text]=passw").await, 1, "words are matched as prefixes, in the description too");
    assert_eq!(count("filter[text]=%C3%B3rder").await, 1, "accented words are found");
    assert_eq!(count("filter[text]=\"OR+*+NEAR(").await, 0, "query syntax in the text is inert");
    let w = window(&app, &mut jar, "filter[kind]=ui&filter[text]=refund", None, 0).await;
    assert_eq!(numbers(&w), [2]);
}

#[tokio::test]
async fn bulk_edits_save_revisions_and_leave_invalid_gherkin_unready() {
    let (app, mut jar) = setup().await;
    create(&app, &mut jar, &format!("input[title]=A&input[tags]=old&input[gherkin]={}", enc(GOOD))).await;
    create(&app, &mut jar, "input[title]=B&input[gherkin]=nonsense").await;
    let r = app
        .call_with(&mut jar, "/api/cases/bulk_update", "project=SHOP&numbers[0]=1&numbers[1]=2&change[status]=ready&change[priority]=high&change[add_tags]=smoke&change[remove_tags]=old")
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), serde_json::json!({"changed": 1, "skipped": ["SHOP-TC-2"]}));
    let a = get(&app, &mut jar, 1).await;
    assert_eq!((a["row"]["status"].as_str(), a["row"]["priority"].as_str()), (Some("ready"), Some("high")));
    assert_eq!(a["row"]["tags"], serde_json::json!(["smoke"]));
    assert_eq!(a["revision"], 2);
    assert_eq!(get(&app, &mut jar, 2).await["row"]["status"], "draft");
    let none = app.call_with(&mut jar, "/api/cases/bulk_update", "project=SHOP&change[status]=ready").await;
    assert_eq!(none.status, 400, "{}", none.body);
    let del = app.call_with(&mut jar, "/api/cases/delete", "project=SHOP&numbers[0]=1&numbers[1]=2").await;
    assert_eq!((del.status, del.json()), (200, serde_json::json!(2)));
    assert_eq!(app.count("SELECT COUNT(*) FROM test_case_revisions").await, 0, "history goes with the case");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'cases_bulk_deleted'").await, 1);
}

#[tokio::test]
async fn a_feature_with_nothing_to_run_never_makes_a_case_ready() {
    let (app, mut jar) = setup().await;
    // A misspelt "Scenario:" turns the lines below it into the feature's description.
    let described = "Feature: Login\n  Scenaro: ok\n    Given a user\n";
    let refused = app
        .call_with(
            &mut jar,
            "/api/cases/create",
            &format!("project=SHOP&input[title]=L&input[status]=ready&input[gherkin]={}", enc(described)),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let hint = "Line 2: “Scenaro” is not a keyword. Did you mean “Scenario:”? Add a scenario with steps";
    assert!(refused.body.contains(hint), "{}", refused.body);
    create(&app, &mut jar, &format!("input[title]=Login&input[status]=ready&input[gherkin]={}", enc(GOOD))).await;
    // Imported over the ready case, the file is refused and the case keeps its scenario.
    let r = app.upload_to(&mut jar, "/api/cases/import", "SHOP", "SHOP-TC-1-login.feature", described.as_bytes()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let out = r.json();
    assert_eq!(out["updated"], serde_json::json!([]));
    let why = out["rejected"][0][1].as_str().unwrap_or_default();
    assert!(why.starts_with("SHOP-TC-1 is ready, so it needs a scenario to run."), "{out}");
    assert_eq!(get(&app, &mut jar, 1).await["case"]["gherkin"].as_str(), Some(GOOD));
    // As a new case it is a draft that cannot be made ready.
    let r = app.upload_to(&mut jar, "/api/cases/import", "SHOP", "login.feature", described.as_bytes()).await.json();
    assert_eq!(r["created"], serde_json::json!(["SHOP-TC-2"]));
    assert_eq!(get(&app, &mut jar, 2).await["case"]["gherkin_valid"].as_bool(), Some(false));
}

#[tokio::test]
async fn feature_files_export_and_import_back_without_duplicates() {
    let (app, mut jar) = setup().await;
    create(&app, &mut jar, &format!("input[title]=Login+works&input[gherkin]={}", enc(GOOD))).await;
    create(&app, &mut jar, "input[title]=Empty").await;
    let one = app.get_with(&mut jar, "/api/v1/projects/SHOP/cases/1.feature").await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body, GOOD);
    assert!(one.header("content-disposition").contains("SHOP-TC-1-login-works.feature"));
    let zip = app.get_with(&mut jar, "/api/v1/projects/SHOP/cases.zip?numbers=1,2").await;
    assert_eq!((zip.status, zip.header("content-type")), (200, "application/zip"));
    let zip = zip.bytes;
    // Import the export back: both cases are updated, none is created.
    let r = app.upload_to(&mut jar, "/api/cases/import", "SHOP", "SHOP-test-cases.zip", &zip).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let out = r.json();
    assert_eq!(out["updated"], serde_json::json!(["SHOP-TC-1", "SHOP-TC-2"]));
    assert_eq!(out["created"], serde_json::json!([]));
    let new = "@Smoke @cart\nFeature: Cart totals\n  Scenario: sum\n    Given two items\n";
    let r = app.upload_to(&mut jar, "/api/cases/import", "SHOP", "cart.feature", new.as_bytes()).await.json();
    assert_eq!(r["created"], serde_json::json!(["SHOP-TC-3"]));
    let c = get(&app, &mut jar, 3).await;
    assert_eq!((c["row"]["title"].as_str(), c["row"]["status"].as_str()), (Some("Cart totals"), Some("draft")));
    assert_eq!(c["row"]["tags"], serde_json::json!(["smoke", "cart"]));
    let bad = app
        .upload_to(
            &mut jar,
            "/api/cases/import",
            "SHOP",
            "bad.feature",
            b"Feature: x\n  Scenario: s\n    Given a\n    Gvien y\n",
        )
        .await
        .json();
    assert_eq!(bad["rejected"][0][0], "bad.feature");
    assert!(bad["rejected"][0][1].as_str().unwrap().starts_with("Line 4"), "{bad}");
    let garbage = app.upload_to(&mut jar, "/api/cases/import", "SHOP", "x.zip", b"not a zip").await.json();
    assert_eq!(garbage["rejected"][0][1], "This is not a readable zip file.");
    assert_eq!(app.count("SELECT COUNT(*) FROM test_cases").await, 3);
}

#[tokio::test]
async fn search_ranks_stories_and_cases_of_the_callers_organization_only() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let other = app.org("Other").await;
    app.user(org, Role::Dev, "dev@acme.test").await;
    let p = app.project(org, "SHOP").await;
    let q = app.project(other, "ELSE").await;
    app.story(org, p, "Pay with a voucher", &[]).await;
    app.case(org, p, "Voucher expired", "Feature: v\n  Scenario: s\n    Given an expired voucher\n").await;
    app.case(other, q, "Voucher elsewhere", "Feature: v\n").await;
    let mut jar = app.sign_in("dev@acme.test").await;
    let hits = app.call_with(&mut jar, "/api/search", "q=vouch").await.json();
    let keys: Vec<_> = hits.as_array().unwrap().iter().map(|h| h["key"].as_str().unwrap().to_owned()).collect();
    assert_eq!(keys.len(), 2, "{hits}");
    assert!(keys.contains(&"SHOP-US-1".to_owned()) && keys.contains(&"SHOP-TC-1".to_owned()), "{keys:?}");
    let marked: Vec<_> = hits[0]["snippet"].as_array().unwrap().iter().filter(|p| p[1] == true).collect();
    assert!(!marked.is_empty(), "the matched word is marked: {hits}");
    let by_key = app.call_with(&mut jar, "/api/search", "q=shop-tc-1").await.json();
    assert_eq!(
        (by_key[0]["key"].as_str(), by_key[0]["href"].as_str()),
        (Some("SHOP-TC-1"), Some("/projects/SHOP/cases/1"))
    );
}
