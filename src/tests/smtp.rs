//! Invitation email through a real SMTP conversation with a small sink started in the test.
use crate::support::{token_of, TestApp};
use app::{mail::Mailer, users::model::Role};
use std::sync::{Arc, Mutex};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

/// What the sink received: envelope recipients and the raw message.
#[derive(Debug, Default, Clone)]
struct Received {
    rcpt: Vec<String>,
    data: String,
}

/// A minimal SMTP server: accepts every message and keeps it.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Arc::new(Mutex::new(vec![]));
    let store = inbox.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                let mut msg = Received::default();
                w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        msg.rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                        b"250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        w.write_all(b"354 go ahead\r\n").await.unwrap();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            msg.data.push_str(&l);
                            msg.data.push('\n');
                        }
                        store.lock().unwrap().push(std::mem::take(&mut msg));
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, inbox)
}

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
    let link = sent["link"].as_str().unwrap();
    // Quoted-printable may wrap long lines: compare with soft breaks removed.
    let body = got[0].data.replace("=\n", "").replace("=3D", "=");
    assert!(body.contains(&format!("token={}", token_of(link))), "{body}");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 1);
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
