//! A real SMTP server for tests: it accepts every message and keeps it, so tests read links from
//! what was really sent.
use super::TestApp;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

/// The messages an SMTP sink received.
pub type Inbox = std::sync::Arc<std::sync::Mutex<Vec<Received>>>;

impl Received {
    /// The body with quoted-printable soft breaks and `=3D` undone.
    pub fn text(&self) -> String {
        self.data.replace("=\n", "").replace("=3D", "=")
    }

    /// The token of the link in the message.
    pub fn token(&self) -> String {
        let text = self.text();
        let start = text.find("token=").expect("a link with a token") + "token=".len();
        text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
    }
}

/// What the sink received: envelope recipients and the raw message.
#[derive(Debug, Default, Clone)]
pub struct Received {
    pub rcpt: Vec<String>,
    pub data: String,
}

/// A minimal SMTP server: accepts every message and keeps it.
pub async fn smtp_sink() -> (u16, Inbox) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let store = inbox.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = tokio::io::BufReader::new(r).lines();
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

impl TestApp {
    /// A test app whose mail goes through SMTP to a sink started for it.
    pub async fn with_inbox() -> (TestApp, Inbox) {
        let (port, inbox) = smtp_sink().await;
        let mailer =
            app::mail::Mailer::from_config(Some(&format!("smtp://127.0.0.1:{port}")), "Casebook <noreply@acme.test>")
                .unwrap();
        (TestApp::with_mailer(mailer).await, inbox)
    }
}
