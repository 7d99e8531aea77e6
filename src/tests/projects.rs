//! Projects through the real router: create, edit, archive, delete with confirmation, counts.
use crate::support::{Jar, TestApp};
use app::users::model::Role;

async fn qa(app: &TestApp) -> Jar {
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    app.sign_in("qa@acme.test").await
}

#[tokio::test]
async fn a_project_is_created_listed_and_keys_are_unique_per_organization() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    let form = "input[key]=shop&input[name]=Web+shop&input[client]=Acme&input[start_date]=2026-01-01&input[end_date]=2026-06-30";
    let r = app.call_with(&mut jar, "/api/projects/create", form).await;
    assert_eq!((r.status, r.json()), (200, serde_json::json!("SHOP")));
    let again = app.call_with(&mut jar, "/api/projects/create", "input[key]=SHOP&input[name]=Other").await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Another project already uses this key"), "{}", again.body);
    // Another organization may use the same key.
    let other = app.org("Other").await;
    app.user(other, Role::Qa, "qa@other.test").await;
    let mut o = app.sign_in("qa@other.test").await;
    assert_eq!(app.call_with(&mut o, "/api/projects/create", "input[key]=SHOP&input[name]=Theirs").await.status, 200);

    let list = app.call_with(&mut jar, "/api/projects/list", "").await.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0]["name"].as_str(), list[0]["client"].as_str(), list[0]["stories"].as_i64()),
        (Some("Web shop"), Some("Acme"), Some(0))
    );
    assert_eq!(list[0]["start_date"], "2026-01-01");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'project_created'").await, 2);
}

#[tokio::test]
async fn invalid_input_names_each_field() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    let r = app
        .call_with(
            &mut jar,
            "/api/projects/create",
            "input[key]=1&input[name]=&input[start_date]=2026-02-01&input[end_date]=2026-01-01",
        )
        .await;
    assert_eq!(r.status, 422);
    let fields: Vec<_> =
        r.json()["detail"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["key", "name", "end_date"]);
}

#[tokio::test]
async fn a_project_is_edited_archived_and_unarchived() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    app.call_with(&mut jar, "/api/projects/create", "input[key]=SHOP&input[name]=Shop").await;
    let r = app
        .call_with(
            &mut jar,
            "/api/projects/update",
            "key=SHOP&input[key]=STORE&input[name]=Store&input[description]=Online",
        )
        .await;
    assert_eq!((r.status, r.json()), (200, serde_json::json!("STORE")));
    assert_eq!(app.call_with(&mut jar, "/api/projects/get", "key=SHOP").await.status, 404);
    assert_eq!(app.call_with(&mut jar, "/api/projects/set_status", "key=STORE&status=archived").await.status, 200);
    let p = app.call_with(&mut jar, "/api/projects/get", "key=store").await.json();
    assert_eq!((p["status"].as_str(), p["description"].as_str()), (Some("archived"), Some("Online")));
    assert_eq!(app.call_with(&mut jar, "/api/projects/set_status", "key=STORE&status=active").await.status, 200);
    assert_eq!(app.call_with(&mut jar, "/api/projects/get", "key=STORE").await.json()["status"], "active");
}

#[tokio::test]
async fn deleting_needs_the_key_typed_out_and_takes_everything_with_it() {
    let app = TestApp::new().await;
    let mut jar = qa(&app).await;
    app.call_with(&mut jar, "/api/projects/create", "input[key]=SHOP&input[name]=Shop").await;
    let wrong = app.call_with(&mut jar, "/api/projects/delete", "key=SHOP&confirmation=shop+please").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("Type SHOP to confirm"), "{}", wrong.body);
    assert_eq!(app.call_with(&mut jar, "/api/projects/delete", "key=SHOP&confirmation=SHOP").await.status, 200);
    assert_eq!(app.call_with(&mut jar, "/api/projects/get", "key=SHOP").await.status, 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'project_deleted'").await, 1);
}

#[tokio::test]
async fn developers_and_managers_read_but_cannot_change_projects() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.project(org, "SHOP").await;
    for role in [Role::Dev, Role::Manager] {
        let email = format!("{}@acme.test", role.as_str());
        app.user(org, role, &email).await;
        let mut jar = app.sign_in(&email).await;
        assert_eq!(app.call_with(&mut jar, "/api/projects/get", "key=SHOP").await.status, 200);
        assert_eq!(app.call_with(&mut jar, "/api/projects/set_status", "key=SHOP&status=archived").await.status, 403);
    }
}
