//! Invitation email through a real SMTP conversation with a small sink started in the test.
use crate::support::{smtp_sink, TestApp};
use app::{mail::Mailer, users::model::Role};

/// An app sending through SMTP on `port`, where an admin has just invited new@acme.test.
async fn invite_through(port: u16) -> (TestApp, serde_json::Value) {
    let mailer =
        Mailer::from_config(Some(&format!("smtp://127.0.0.1:{port}")), "Casebook <noreply@acme.test>").unwrap();
    let app = TestApp::with_mailer(mailer).await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let r = app.call_with(&mut admin, "/api/invitations/create", "email=new%40acme.test&name=Nia&role=qa").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let sent = r.json();
    (app, sent)
}

#[tokio::test]
async fn an_invitation_is_emailed_through_smtp_with_its_link() {
    let (port, inbox) = smtp_sink().await;
    let (app, sent) = invite_through(port).await;
    assert_eq!(sent["emailed"], true);

    let got = inbox.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt, ["new@acme.test"]);
    assert!(got[0].data.contains("Subject: You are invited to Acme on Casebook"), "{}", got[0].data);
    // With a relay the link travels only by mail: the admin does not get it back.
    assert!(sent["link"].is_null(), "{sent}");
    let token = got[0].token();
    assert!(got[0].text().contains(&format!("/invite?token={token}")), "{}", got[0].text());
    let r = app.call("/api/invitations/preview", &format!("token={token}")).await;
    assert_eq!(r.status, 200, "the mailed link works: {}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 1);
    // Sent: the stored body is cleared; recipient, subject and status stay.
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE body = '' AND to_email = 'new@acme.test'").await, 1);
}

#[tokio::test]
async fn an_unreachable_relay_keeps_the_message_in_the_outbox() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (app, sent) = invite_through(port).await;
    assert_eq!(sent["emailed"], false);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL").await, 1);
}

#[test]
fn a_malformed_smtp_url_is_a_clear_configuration_error() {
    let e = Mailer::from_config(Some("not a url"), "Casebook <a@b.test>").unwrap_err();
    assert!(e.starts_with("CASEBOOK_SMTP_URL is not a valid SMTP URL"), "{e}");
    let e = Mailer::from_config(None, "nobody").unwrap_err();
    assert!(e.starts_with("CASEBOOK_MAIL_FROM"), "{e}");
}
