//! Invitations: register once, expire, revoke, resend, and conflicts within the organization.
use crate::support::{enc, token_of, Jar, TestApp, ORIGIN, PASSWORD};
use app::users::model::Role;

async fn invite(app: &TestApp, admin: &mut Jar, email: &str) -> serde_json::Value {
    let r =
        app.call_with(admin, "/api/invitations/create", &format!("email={}&name=Newcomer&role=dev", enc(email))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn an_invitation_registers_once_and_signs_in() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let sent = invite(&app, &mut admin, "new@acme.test").await;
    assert_eq!(sent["emailed"], false);
    let token = token_of(sent["link"].as_str().unwrap());
    assert!(sent["link"].as_str().unwrap().starts_with(&format!("{ORIGIN}/invite?token=")));
    // Only the hash is stored, and the outbox keeps a record of the message without its token:
    // without SMTP nothing will send it, so a working link never rests in the database.
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM invitations WHERE token_hash = '{token}'")).await, 0);
    let body = app.scalar_text("SELECT body FROM outbox WHERE to_email = 'new@acme.test'").await.unwrap();
    assert!(!body.contains(&token), "{body}");
    assert!(body.contains(&format!("{ORIGIN}/invite?token=[withheld]")), "{body}");

    let preview = app.call("/api/invitations/preview", &format!("token={token}")).await.json();
    assert_eq!((preview["email"].as_str(), preview["role"].as_str()), (Some("new@acme.test"), Some("dev")));
    let mut newcomer = Jar::default();
    let r = app
        .call_with(&mut newcomer, "/api/invitations/accept", &format!("token={token}&name=Nia&password={PASSWORD}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let me = app.call_with(&mut newcomer, "/api/auth/me", "").await.json();
    assert_eq!((me["name"].as_str(), me["role"].as_str()), (Some("Nia"), Some("dev")));

    let reused = app.call("/api/invitations/accept", &format!("token={token}&name=Eve&password={PASSWORD}")).await;
    assert_eq!(reused.status, 409);
    assert!(reused.body.contains("already been used"));
    assert_eq!(
        app.call("/api/invitations/accept", &format!("token=made-up&name=Eve&password={PASSWORD}")).await.status,
        404
    );
}

#[tokio::test]
async fn expired_and_revoked_invitations_are_refused_with_their_reason() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let old = invite(&app, &mut admin, "old@acme.test").await;
    let gone = invite(&app, &mut admin, "gone@acme.test").await;
    let past = if app.db.backend() == app::db::Backend::Postgres {
        "TIMESTAMPTZ '2000-01-01 00:00:00+00'"
    } else {
        "'2000-01-01T00:00:00Z'"
    };
    app.sql(&format!("UPDATE invitations SET expires_at = {past} WHERE email = 'old@acme.test'")).await;
    let r = app.call("/api/invitations/preview", &format!("token={}", token_of(old["link"].as_str().unwrap()))).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("expired"), "{}", r.body);
    assert_eq!(app.call_with(&mut admin, "/api/invitations/revoke", &format!("id={}", gone["id"])).await.status, 200);
    let r = app
        .call(
            "/api/invitations/accept",
            &format!("token={}&name=G&password={PASSWORD}", token_of(gone["link"].as_str().unwrap())),
        )
        .await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("withdrawn"), "{}", r.body);
    // Resending gives a new link and kills the old one.
    let fresh = invite(&app, &mut admin, "fresh@acme.test").await;
    let again = app.call_with(&mut admin, "/api/invitations/resend", &format!("id={}", fresh["id"])).await.json();
    assert_ne!(fresh["link"], again["link"]);
    assert_eq!(
        app.call("/api/invitations/preview", &format!("token={}", token_of(fresh["link"].as_str().unwrap())))
            .await
            .status,
        404
    );
    assert_eq!(
        app.call("/api/invitations/preview", &format!("token={}", token_of(again["link"].as_str().unwrap())))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn inviting_a_member_or_an_already_invited_email_is_a_conflict() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let r = app.call_with(&mut admin, "/api/invitations/create", "email=ADMIN%40acme.test&name=Me&role=qa").await;
    assert_eq!(r.status, 409);
    invite(&app, &mut admin, "x@acme.test").await;
    let r = app.call_with(&mut admin, "/api/invitations/create", "email=x%40acme.test&name=X&role=qa").await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("pending invitation"));
}
