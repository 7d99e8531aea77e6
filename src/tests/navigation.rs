//! [U1] What the project navigation stands on: the overview (counts, stories without cases,
//! drafts, the project's recent changes), a story's cases with the criteria each covers, and
//! each person's recently visited cases and stories.
use crate::support::{Jar, TestApp};
use app::users::model::Role;
use serde_json::{json, Value};

const GHERKIN: &str = "Feature%3A+Pay%0A++Scenario%3A+card%0A++++Given+a+card%0A";

async fn qa(app: &TestApp) -> Jar {
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    app.sign_in("qa@acme.test").await
}

async fn ok(app: &TestApp, jar: &mut Jar, path: &str, form: &str) -> Value {
    let r = app.call_with(jar, path, form).await;
    assert_eq!(r.status, 200, "{path} {form}: {}", r.body);
    r.json()
}

/// SHOP with story 1 (criteria "Pays once", "Emails a receipt"), story 2 (no cases), case 1 in
/// draft covering story 1's first criterion, case 2 ready on story 1 covering nothing. Returns
/// the first criterion's id.
async fn shop(app: &TestApp, jar: &mut Jar) -> i64 {
    ok(app, jar, "/api/projects/create", "input[key]=SHOP&input[name]=Shop").await;
    ok(
        app,
        jar,
        "/api/stories/create",
        "project=SHOP&input[title]=Checkout&input[criteria]=Pays+once%0AEmails+a+receipt",
    )
    .await;
    ok(app, jar, "/api/stories/create", "project=SHOP&input[title]=Lonely+story").await;
    let story = ok(app, jar, "/api/stories/get", "project=SHOP&number=1").await;
    let crit = story["criteria"][0]["id"].as_i64().unwrap();
    ok(
        app,
        jar,
        "/api/cases/create",
        &format!("project=SHOP&input[title]=Pay+once&input[story]=1&input[criteria][0]={crit}"),
    )
    .await;
    let ready = format!(
        "project=SHOP&input[title]=Pay+ready&input[story]=SHOP-US-1&input[status]=ready&input[gherkin]={GHERKIN}"
    );
    ok(app, jar, "/api/cases/create", &ready).await;
    crit
}

#[tokio::test]
async fn the_overview_counts_lists_what_needs_doing_and_the_projects_own_changes() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    shop(&app, &mut jar).await;
    // A project whose key starts like SHOP's: none of its changes belong to SHOP.
    ok(&app, &mut jar, "/api/projects/create", "input[key]=SHOP2&input[name]=Other").await;
    ok(&app, &mut jar, "/api/stories/create", "project=SHOP2&input[title]=Elsewhere").await;

    let o = ok(&app, &mut jar, "/api/projects/overview", "key=shop").await;
    assert_eq!(o["project"]["key"], "SHOP");
    assert_eq!(o["cases_by_status"], json!([["draft", 1], ["ready", 1], ["deprecated", 0]]));
    assert_eq!((o["project"]["criteria"].as_i64(), o["criteria_covered"].as_i64()), (Some(2), Some(1)));
    assert_eq!(o["uncovered_total"], 1);
    assert_eq!(
        o["uncovered"],
        json!([{"key": "SHOP-US-2", "title": "Lonely story", "href": "/projects/SHOP/stories/2"}])
    );
    assert_eq!(o["drafts"], json!([{"key": "SHOP-TC-1", "title": "Pay once", "href": "/projects/SHOP/cases/1"}]));
    let activity = o["activity"].as_array().unwrap();
    let targets: Vec<_> = activity.iter().map(|a| a["target"].as_str().unwrap()).collect();
    assert_eq!(targets, ["SHOP-TC-2", "SHOP-TC-1", "SHOP-US-2", "SHOP-US-1", "SHOP"], "latest first, SHOP2's left out");
    assert_eq!(activity[0]["what"], "Case created");
    assert_eq!(activity[0]["href"], "/projects/SHOP/cases/2");
    assert_eq!(activity[4]["href"], "/projects/SHOP");
    let who = app.scalar_text("SELECT name FROM users WHERE email = 'qa@acme.test'").await.unwrap();
    assert_eq!(activity[0]["who"], who.as_str());
    assert!(activity.iter().all(|a| a.get("ip").is_none()), "no addresses on the overview");

    // A deleted case is named but not linked.
    ok(&app, &mut jar, "/api/cases/delete", "project=SHOP&numbers[0]=2").await;
    let o = ok(&app, &mut jar, "/api/projects/overview", "key=SHOP").await;
    assert_eq!(
        (o["activity"][0]["what"].as_str(), o["activity"][0]["target"].as_str()),
        (Some("Case deleted"), Some("SHOP-TC-2"))
    );
    assert_eq!(o["activity"][0]["href"], Value::Null);
    assert_eq!(o["cases_by_status"][1], json!(["ready", 0]));

    assert_eq!(app.call_with(&mut jar, "/api/projects/overview", "key=NOPE").await.status, 404);
}

#[tokio::test]
async fn a_story_lists_its_cases_and_which_criterion_each_covers() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    let crit = shop(&app, &mut jar).await;
    let s = ok(&app, &mut jar, "/api/cases/of_story", "project=SHOP&number=1").await;
    let titles: Vec<_> = s["cases"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Pay once", "Pay ready"]);
    assert_eq!(s["total"], 2);
    assert_eq!(s["covers"], json!([[crit, "SHOP-TC-1", 1]]));
    assert_eq!(s["cases"][1]["status"], "ready");
    let lonely = ok(&app, &mut jar, "/api/cases/of_story", "project=SHOP&number=2").await;
    assert_eq!((lonely["cases"].as_array().unwrap().len(), lonely["covers"].as_array().unwrap().len()), (0, 0));
    let missing = app.call_with(&mut jar, "/api/cases/of_story", "project=SHOP&number=99").await;
    assert_eq!(missing.status, 404, "{}", missing.body);
}

#[tokio::test]
async fn each_person_sees_their_own_recent_visits_latest_first_and_only_the_last_twenty() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    shop(&app, &mut jar).await;
    for (kind, n) in [("case", 1), ("story", 1), ("case", 1), ("case", 2)] {
        ok(&app, &mut jar, "/api/visits/record", &format!("kind={kind}&project=SHOP&number={n}")).await;
    }
    let recent = ok(&app, &mut jar, "/api/visits/recent", "").await;
    let keys: Vec<_> = recent.as_array().unwrap().iter().map(|v| v["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["SHOP-TC-2", "SHOP-TC-1", "SHOP-US-1"], "one entry per thing, latest visit first");
    assert_eq!(recent[2]["href"], "/projects/SHOP/stories/1");
    assert_eq!(recent[2]["title"], "Checkout");

    let missing = app.call_with(&mut jar, "/api/visits/record", "kind=case&project=SHOP&number=99").await;
    assert_eq!(missing.status, 404);

    // Someone else in the organization has their own list.
    let org = app.scalar_text("SELECT CAST(id AS TEXT) FROM organizations").await.unwrap().parse().unwrap();
    app.user(app::orgs::model::OrgId(org), Role::Dev, "dev@acme.test").await;
    let mut dev = app.sign_in("dev@acme.test").await;
    assert_eq!(ok(&app, &mut dev, "/api/visits/recent", "").await, json!([]));

    // A deleted case leaves the list; only the latest twenty visits are kept.
    ok(&app, &mut jar, "/api/cases/delete", "project=SHOP&numbers[0]=2").await;
    assert_eq!(ok(&app, &mut jar, "/api/visits/recent", "").await.as_array().unwrap().len(), 2);
    for i in 0..25 {
        let title = format!("project=SHOP&input[title]=Case+{i}");
        let n = ok(&app, &mut jar, "/api/cases/create", &title).await;
        ok(&app, &mut jar, "/api/visits/record", &format!("kind=case&project=SHOP&number={n}")).await;
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM recent_visits WHERE user_id = (SELECT id FROM users WHERE email = 'qa@acme.test')"
        )
        .await,
        20
    );
    let recent = ok(&app, &mut jar, "/api/visits/recent", "").await;
    assert_eq!(recent.as_array().unwrap().len(), 20);
    assert_eq!(recent[0]["title"], "Case 24");
}
