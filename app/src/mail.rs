//! Outgoing email through an outbox: every message is first written to the `outbox` table in the
//! transaction that caused it, then sent by SMTP when one is configured. Without SMTP the message
//! waits in the outbox (and invitation links are shown to the admin), so nothing is lost.
use crate::{db::AsConn, db::Db, db_run, orgs::model::OrgId};
use chrono::{DateTime, Utc};
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::sync::Arc;

/// How mail leaves this server.
#[derive(Clone)]
pub enum Mailer {
    /// No SMTP relay: messages stay in the outbox.
    OutboxOnly,
    Smtp(Arc<Relay>),
}

/// An SMTP relay and the sender address.
pub struct Relay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::OutboxOnly => f.write_str("Mailer::OutboxOnly"),
            Mailer::Smtp(relay) => write!(f, "Mailer::Smtp(from {})", relay.from),
        }
    }
}

impl Mailer {
    /// From `CASEBOOK_SMTP_URL` (e.g. `smtp://user:pass@host:587?tls=required`) and the sender.
    pub fn from_config(smtp_url: Option<&str>, from: &str) -> Result<Self, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("CASEBOOK_MAIL_FROM {from:?} is not a mailbox: {e}"))?;
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            None => Ok(Mailer::OutboxOnly),
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Mailer::Smtp(Arc::new(Relay { transport: b.build(), from })))
                .map_err(|e| format!("CASEBOOK_SMTP_URL is not a valid SMTP URL: {e}")),
        }
    }
}

/// A message to send.
pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// A token in the body (an invitation or reset link's) that must not rest in the database.
    pub secret: Option<&'a str>,
}

/// What replaces a link's token in a stored message that will not be sent.
pub const WITHHELD: &str = "[withheld]";

/// Writes the message to the outbox in the caller's transaction; returns its id. Without SMTP
/// nothing will send it, so its secret is withheld from the stored body: the outbox keeps a
/// record (recipient, subject, time), never a working link.
pub async fn enqueue(
    c: &mut impl AsConn,
    mailer: &Mailer,
    org: Option<OrgId>,
    email: &Email<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let body = match (mailer, email.secret) {
        (Mailer::OutboxOnly, Some(secret)) if !secret.is_empty() => email.body.replace(secret, WITHHELD),
        _ => email.body.to_owned(),
    };
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO outbox (organization_id, to_email, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(org.map(|o| o.0)).bind(email.to).bind(email.subject).bind(&body).bind(now)
    .fetch_one(conn).await)
}

/// Sends outbox message `id` if SMTP is configured, recording success or the error. Called after
/// the transaction that enqueued it has committed; a failure leaves the message in the outbox.
pub async fn deliver(db: &Db, mailer: &Mailer, id: i64) -> Result<bool, sqlx::Error> {
    let Mailer::Smtp(relay) = mailer else {
        return Ok(false);
    };
    let Relay { transport, from } = relay.as_ref();
    let mut c = db.acquire().await?;
    let row: Option<(String, String, String)> = db_run!(&mut c, conn => sqlx::query_as(
        "SELECT to_email, subject, body FROM outbox WHERE id = $1 AND sent_at IS NULL",
    )
    .bind(id).fetch_optional(conn).await)?;
    let Some((to, subject, body)) = row else {
        return Ok(false);
    };
    let result = match to.parse::<Mailbox>() {
        Ok(to) => match Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
        {
            Ok(msg) => transport.send(msg).await.map(drop).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let now = Utc::now();
    match &result {
        Ok(()) => {
            // Sent: the body (which may hold a link) is cleared; recipient, subject and status stay.
            db_run!(&mut c, conn => sqlx::query("UPDATE outbox SET sent_at = $2, last_error = NULL, body = '' WHERE id = $1")
            .bind(id).bind(now).execute(conn).await.map(drop))?
        }
        Err(e) => {
            tracing::warn!(outbox_id = id, error = %e, "email not sent; it stays in the outbox");
            db_run!(&mut c, conn => sqlx::query("UPDATE outbox SET last_error = $2 WHERE id = $1")
                .bind(id).bind(e).execute(conn).await.map(drop))?
        }
    };
    Ok(result.is_ok())
}
