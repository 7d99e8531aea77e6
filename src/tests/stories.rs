//! Stories and acceptance criteria through the real router.
use crate::support::{Jar, TestApp};
use app::users::model::Role;

async fn setup() -> (TestApp, Jar) {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    app.project(org, "SHOP").await;
    let jar = app.sign_in("qa@acme.test").await;
    (app, jar)
}

async fn create(app: &TestApp, jar: &mut Jar, form: &str) -> serde_json::Value {
    let r = app.call_with(jar, "/api/stories/create", &format!("project=SHOP&{form}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn stories_get_per_project_numbers_that_never_repeat() {
    let (app, mut jar) = setup().await;
    assert_eq!(create(&app, &mut jar, "input[title]=One&input[criteria]=Pays%0AGets+receipt").await, 1);
    assert_eq!(create(&app, &mut jar, "input[title]=Two").await, 2);
    assert_eq!(app.call_with(&mut jar, "/api/stories/delete", "project=SHOP&number=2").await.status, 200);
    assert_eq!(create(&app, &mut jar, "input[title]=Three").await, 3);
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!(s["row"]["key"], "SHOP-US-1");
    let texts: Vec<_> =
        s["criteria"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(texts, ["Pays", "Gets receipt"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_events WHERE action IN ('story_created', 'story_deleted')").await,
        4
    );
}

#[tokio::test]
async fn a_story_is_edited_and_its_fields_are_checked() {
    let (app, mut jar) = setup().await;
    create(&app, &mut jar, "input[title]=One&input[external_id]=EXT-1").await;
    create(&app, &mut jar, "input[title]=Two").await;
    let dup = app
        .call_with(&mut jar, "/api/stories/update", "project=SHOP&number=2&input[title]=Two&input[external_id]=EXT-1")
        .await;
    assert_eq!(dup.status, 422);
    assert!(dup.body.contains("external_id"), "{}", dup.body);
    let bad = app
        .call_with(&mut jar, "/api/stories/update", "project=SHOP&number=2&input[title]=&input[story_points]=2.5")
        .await;
    let fields: Vec<_> =
        bad.json()["detail"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["title", "story_points"]);
    let form = "project=SHOP&number=2&input[title]=Two+edited&input[priority]=high&input[status]=in_review&input[epic]=Checkout&input[story_points]=8";
    assert_eq!(app.call_with(&mut jar, "/api/stories/update", form).await.status, 200);
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=2").await.json();
    assert_eq!(
        (s["row"]["title"].as_str(), s["row"]["priority"].as_str(), s["row"]["status"].as_str()),
        (Some("Two edited"), Some("high"), Some("in_review"))
    );
    assert_eq!(s["row"]["story_points"], 8);
}

#[tokio::test]
async fn the_assignee_must_be_a_member_of_the_organization() {
    let (app, mut jar) = setup().await;
    let other = app.org("Other").await;
    let stranger = app.user(other, Role::Qa, "x@other.test").await;
    let r = app
        .call_with(
            &mut jar,
            "/api/stories/create",
            &format!("project=SHOP&input[title]=T&input[assignee]={}", stranger.0),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("assignee"));
}

#[tokio::test]
async fn the_list_filters_sorts_and_pages_by_keyset() {
    let (app, mut jar) = setup().await;
    for i in 1..=120 {
        let status = if i % 3 == 0 { "done" } else { "backlog" };
        create(&app, &mut jar, &format!("input[title]=Story+{i:03}&input[status]={status}")).await;
    }
    let page = app.call_with(&mut jar, "/api/stories/list", "project=SHOP&filter[text]=").await.json();
    assert_eq!((page["total"].as_i64(), page["rows"].as_array().unwrap().len()), (Some(120), 50));
    let mut seen = vec![];
    let mut after: Option<String> = None;
    loop {
        let form = match &after {
            Some(a) => format!("project=SHOP&filter[sort]=title&after={}", crate::support::enc(a)),
            None => "project=SHOP&filter[sort]=title".to_owned(),
        };
        let page = app.call_with(&mut jar, "/api/stories/list", &form).await.json();
        seen.extend(page["rows"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_owned()));
        match page["next"].as_str() {
            Some(n) => after = Some(n.to_owned()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!((seen.len(), seen == sorted), (120, true));
    let done = app
        .call_with(&mut jar, "/api/stories/list", "project=SHOP&filter[status]=done&filter[text]=story+01")
        .await
        .json();
    let titles: Vec<_> =
        done["rows"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(titles, ["Story 012", "Story 015", "Story 018"]);
}

#[tokio::test]
async fn bulk_changes_apply_to_the_selection_only() {
    let (app, mut jar) = setup().await;
    for t in ["A", "B", "C"] {
        create(&app, &mut jar, &format!("input[title]={t}")).await;
    }
    let page = app.call_with(&mut jar, "/api/stories/list", "project=SHOP&filter[text]=").await.json();
    let ids: Vec<i64> = page["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let r = app
        .call_with(
            &mut jar,
            "/api/stories/bulk_update",
            &format!("project=SHOP&ids[0]={}&ids[1]={}&priority=critical", ids[0], ids[2]),
        )
        .await;
    assert_eq!((r.status, r.json()), (200, serde_json::json!(2)));
    let page = app.call_with(&mut jar, "/api/stories/list", "project=SHOP&filter[priority]=critical").await.json();
    assert_eq!(page["total"], 2);
}

#[tokio::test]
async fn criteria_are_added_checked_edited_and_removed() {
    let (app, mut jar) = setup().await;
    create(&app, &mut jar, "input[title]=One").await;
    for t in ["First", "Second"] {
        assert_eq!(
            app.call_with(&mut jar, "/api/stories/add_criterion", &format!("project=SHOP&number=1&text={t}"))
                .await
                .status,
            200
        );
    }
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    let first = s["criteria"][0]["id"].as_i64().unwrap();
    let second = s["criteria"][1]["id"].as_i64().unwrap();
    assert_eq!(
        app.call_with(&mut jar, "/api/stories/edit_criterion", &format!("id={first}&done=true")).await.status,
        200
    );
    assert_eq!(
        app.call_with(&mut jar, "/api/stories/edit_criterion", &format!("id={second}&text=Second+edited")).await.status,
        200
    );
    assert_eq!(
        app.call_with(&mut jar, "/api/stories/edit_criterion", &format!("id={second}&text=+")).await.status,
        422
    );
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!(
        (s["criteria"][0]["done"].as_bool(), s["criteria"][1]["text"].as_str()),
        (Some(true), Some("Second edited"))
    );
    assert_eq!((s["row"]["criteria_done"].as_i64(), s["row"]["criteria_total"].as_i64()), (Some(1), Some(2)));
    assert_eq!(app.call_with(&mut jar, "/api/stories/delete_criterion", &format!("id={first}")).await.status, 200);
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!(s["criteria"].as_array().unwrap().len(), 1);
}
