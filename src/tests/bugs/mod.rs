//! [F6] Bugs: reported by hand or from a failed step of a started run (pre-filled from its
//! snapshot and linked to the run's execution, the case and its story), listed with every filter
//! a page at a time; the lifecycle enforced on the server (a developer moves only their own bug,
//! fix notes required, a duplicate names a bug of the same project); re-tests verify or reopen;
//! comments' mentions name only active members of the commenter's organization.
use crate::support::{enc, Jar, Reply, TestApp};
use app::users::model::Role;
use serde_json::{json, Value};

mod moves;
mod reports;

const GHERKIN: &str = "Feature: Pay\n  Background:\n    Given a signed-in customer\n\n  Scenario Outline: by card\n    When they pay with <card>\n    Then it is charged once\n\n    Examples:\n      | card |\n      | visa |\n      | amex |\n";

struct Setup {
    app: TestApp,
    qa: Jar,
    admin: Jar,
    dev: Jar,
    dev2: Jar,
    mgr: Jar,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    for (role, email) in [
        (Role::Admin, "admin@acme.test"),
        (Role::Qa, "qa@acme.test"),
        (Role::Dev, "dev@acme.test"),
        (Role::Dev, "dev2@acme.test"),
        (Role::Manager, "mgr@acme.test"),
        (Role::Qa, "gone@acme.test"),
    ] {
        app.user(org, role, email).await;
    }
    app.sql("UPDATE users SET is_active = FALSE WHERE email = 'gone@acme.test'").await;
    let other = app.org("Other").await;
    app.user(other, Role::Qa, "other@other.test").await;
    let shop = app.project(org, "SHOP").await;
    app.project(org, "WEB").await;
    app.story(org, shop, "Checkout", &["pays once"]).await;
    let mut s = Setup {
        qa: app.sign_in("qa@acme.test").await,
        admin: app.sign_in("admin@acme.test").await,
        dev: app.sign_in("dev@acme.test").await,
        dev2: app.sign_in("dev2@acme.test").await,
        mgr: app.sign_in("mgr@acme.test").await,
        app,
    };
    // Case 1 of story 1; run 1 of it, started, in "staging".
    let form = format!("project=SHOP&input[title]=Pay+by+card&input[story]=1&input[gherkin]={}", enc(GHERKIN));
    ok(&mut s, "qa", "/api/cases/create", &form).await;
    ok(
        &mut s,
        "qa",
        "/api/runs/create",
        "project=SHOP&input[name]=Sprint&input[environment]=staging&input[cases][0]=1",
    )
    .await;
    ok(&mut s, "qa", "/api/runs/start", "project=SHOP&number=1").await;
    s
}

async fn call(s: &mut Setup, who: &str, path: &str, form: &str) -> Reply {
    let Setup { app, qa, admin, dev, dev2, mgr } = s;
    let jar = match who {
        "qa" => qa,
        "dev" => dev,
        "dev2" => dev2,
        "mgr" => mgr,
        _ => admin,
    };
    app.call_with(jar, path, form).await
}

async fn ok(s: &mut Setup, who: &str, path: &str, form: &str) -> Value {
    let r = call(s, who, path, form).await;
    assert_eq!(r.status, 200, "{path} {form} as {who}: {}", r.body);
    r.json()
}

async fn report(s: &mut Setup, who: &str, fields: &str) -> i64 {
    ok(s, who, "/api/bugs/create", &format!("project=SHOP&{fields}")).await.as_i64().unwrap()
}

async fn get(s: &mut Setup, number: i64) -> Value {
    ok(s, "qa", "/api/bugs/get", &format!("project=SHOP&number={number}")).await
}

async fn list(s: &mut Setup, who: &str, filter: &str) -> (Vec<i64>, Value) {
    let page = ok(s, who, "/api/bugs/list", &format!("project=SHOP&{filter}")).await;
    let numbers = page["bugs"].as_array().unwrap().iter().map(|b| b["number"].as_i64().unwrap()).collect();
    (numbers, page["next"].clone())
}

async fn move_to(s: &mut Setup, who: &str, number: i64, to: &str, extra: &str) -> Reply {
    call(s, who, "/api/bugs/transition", &format!("project=SHOP&number={number}&to={to}{extra}")).await
}

async fn user_id(s: &Setup, email: &str) -> i64 {
    s.app.count(&format!("SELECT id FROM users WHERE email = '{email}'")).await
}
