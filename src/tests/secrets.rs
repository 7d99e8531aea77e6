//! Nothing secret reaches the logs: passwords, tokens, cookies and the signing secret, across a
//! whole journey logged at TRACE level.
use crate::support::{enc, Jar, TestApp, PASSWORD};
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn no_password_token_cookie_or_secret_is_logged() {
    let buffer = Buffer::default();
    let subscriber =
        tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(buffer.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (app, inbox) = TestApp::with_inbox().await;
    let mut admin = Jar::default();
    let setup = format!("org_name=Acme&name=Ada&email=ada%40acme.test&password={PASSWORD}");
    assert_eq!(app.call_with(&mut admin, "/api/auth/setup", &setup).await.status, 200);
    let sent =
        app.call_with(&mut admin, "/api/invitations/create", "email=new%40acme.test&name=N&role=qa").await.json();
    assert!(sent["link"].is_null(), "with SMTP the link only travels by mail: {sent}");
    let invite_token = inbox.lock().unwrap().last().unwrap().token();
    let mut newcomer = Jar::default();
    let accept = format!("token={invite_token}&name=Nia&password={}", enc("newcomer-secret-pass-1"));
    assert_eq!(app.call_with(&mut newcomer, "/api/invitations/accept", &accept).await.status, 200);
    app.call("/api/auth/login", "email=ada%40acme.test&password=a-wrong-password-here").await;
    app.call("/api/auth/request_reset", "email=ada%40acme.test").await;
    let reset_token = inbox.lock().unwrap().last().unwrap().token();
    app.call("/api/auth/reset_password", &format!("token={reset_token}&password=another-secret-pass-2")).await;
    admin.0.remove("cb_access");
    app.call_with(&mut admin, "/api/auth/me", "").await;
    app.db.db.close().await;
    app.call("/api/system/info", "").await;

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("internal error"), "the journey was logged (sanity check): {log}");
    let mut secrets = vec![
        PASSWORD.to_owned(),
        "newcomer-secret-pass-1".to_owned(),
        "a-wrong-password-here".to_owned(),
        "another-secret-pass-2".to_owned(),
        invite_token,
        reset_token,
        "test-secret-test-secret-test-secret!".to_owned(),
    ];
    secrets.extend(admin.0.values().cloned());
    secrets.extend(newcomer.0.values().cloned());
    for s in secrets {
        assert!(!log.contains(&s), "a secret was logged: {s}");
    }
}
