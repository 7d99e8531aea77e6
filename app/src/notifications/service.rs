//! Use cases of notifications: a person's list, unread count, marking read and settings; and
//! `notify`, which the slices that change things call in their own transaction.
use super::{
    model::{NoticeKind, NoticeSetting, Notification, NotificationPage, MAX_IDS, PAGE},
    repo::{self, NewNotification},
};
use crate::{
    db::Tx,
    error::AppError,
    events::hub::Hub,
    mail::{self, Email},
    state::ServerCtx,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// What a change tells people: its kind, the human key it is about, the sentence and the path.
pub struct Notice<'a> {
    pub kind: NoticeKind,
    pub subject: &'a str,
    pub text: &'a str,
    pub href: &'a str,
}

/// What `notify` wrote that needs doing after the commit: the live-stream event to announce and
/// the emails to send.
#[derive(Debug, Default)]
#[must_use = "call `after_commit` once the transaction has committed"]
pub struct Told {
    seq: Option<i64>,
    outbox: Vec<i64>,
}

impl Told {
    /// Adds what another `notify` call wrote.
    pub fn and(mut self, other: Told) -> Told {
        self.seq = self.seq.max(other.seq);
        self.outbox.extend(other.outbox);
        self
    }

    /// After the commit: announces the change's own event `seq` and the notifications' (the
    /// later one wakes subscribers for both), then sends the emails. A message that fails to send
    /// stays in the outbox with its error; the change is done either way.
    pub async fn after_commit(self, ctx: &ServerCtx, seq: i64) {
        ctx.state.hub.announce(self.seq.unwrap_or(0).max(seq));
        for id in self.outbox {
            if let Err(e) = mail::deliver(ctx.db(), &ctx.state.mailer, id).await {
                tracing::warn!(outbox_id = id, error = %e, "notification email not delivered; it stays in the outbox");
            }
        }
    }
}

fn email_subject(kind: NoticeKind, subject: &str) -> String {
    match kind {
        NoticeKind::Assigned => format!("[Casebook] {subject} assigned to you"),
        NoticeKind::Mentioned => format!("[Casebook] You were mentioned on {subject}"),
        NoticeKind::StatusChanged => format!("[Casebook] {subject} changed status"),
    }
}

/// Tells each of `to` (once each; never `ctx`'s own person, nor anyone who is not an active
/// member of their organization) about `notice`, in the change's transaction `tx`, as each one's
/// settings for its kind say: a row and a live-stream event for them alone, and/or an email
/// through the outbox. Call `Told::after_commit` after committing.
pub async fn notify(
    tx: &mut Tx,
    ctx: &ServerCtx,
    to: &[UserId],
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<Told, AppError> {
    let by = ctx.user()?;
    let mut told = Told::default();
    let mut seen: Vec<UserId> = Vec::with_capacity(to.len());
    for &user in to {
        if user == by.id || seen.contains(&user) {
            continue;
        }
        seen.push(user);
        let Some(member) = crate::users::repo::get(tx, by.org, user).await?.filter(|m| m.is_active) else {
            continue;
        };
        let setting = repo::setting(tx, by.org, user, notice.kind).await?.unwrap_or(notice.kind.default_setting());
        if setting.in_app {
            let new = NewNotification {
                user,
                kind: notice.kind,
                subject: notice.subject,
                text: notice.text,
                href: notice.href,
                actor: Some(by.id),
            };
            let id = repo::insert(tx, by.org, &new, now).await?;
            let wire = Notification {
                id,
                kind: notice.kind,
                subject: notice.subject.to_owned(),
                text: notice.text.to_owned(),
                href: notice.href.to_owned(),
                actor: Some(by.name.clone()),
                created_at: now,
                read: false,
            };
            let data = serde_json::to_string(&wire).map_err(|e| crate::error::internal(&e))?;
            let seq = Hub::publish_in(tx, by.org, Some(user), "notification", &data, now).await?;
            told.seq = told.seq.max(Some(seq));
        }
        if setting.email {
            let link = ctx.state.config.public_url.join(notice.href).map_err(|e| crate::error::internal(&e))?;
            let body = format!(
                "{}\n\nOpen it: {link}\n\nYou get this email because of your notification settings in Casebook.",
                notice.text
            );
            let subject = email_subject(notice.kind, notice.subject);
            let email = Email { to: &member.email, subject: &subject, body: &body, secret: None };
            told.outbox.push(mail::enqueue(tx, &ctx.state.mailer, Some(by.org), &email, now).await?);
        }
    }
    Ok(told)
}

/// A page of the caller's notifications, newest first, below id `before`.
pub async fn list(ctx: &ServerCtx, before: Option<i64>, unread_only: bool) -> Result<NotificationPage, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    let mut items = repo::list(&mut c, by.org, by.id, before, unread_only, PAGE + 1).await?;
    let next = if items.len() as i64 > PAGE {
        items.truncate(PAGE as usize);
        items.last().map(|n| n.id)
    } else {
        None
    };
    let unread = repo::unread(&mut c, by.org, by.id).await?;
    Ok(NotificationPage { items, next, unread })
}

/// The caller's unread count.
pub async fn unread(ctx: &ServerCtx) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    Ok(repo::unread(&mut c, by.org, by.id).await?)
}

/// Marks the caller's notifications `ids` (at most `MAX_IDS`), or all of theirs, as read;
/// returns their unread count after. Others' ids are passed over without a word.
pub async fn mark_read(ctx: &ServerCtx, ids: &[i64], all: bool) -> Result<i64, AppError> {
    let by = ctx.user()?;
    if ids.len() > MAX_IDS {
        return Err(AppError::invalid("ids", format!("Mark at most {MAX_IDS} notifications at once.")));
    }
    let mut tx = ctx.db().begin().await?;
    repo::mark_read(&mut tx, by.org, by.id, (!all).then_some(ids), ctx.now()).await?;
    let unread = repo::unread(&mut tx, by.org, by.id).await?;
    tx.commit().await?;
    Ok(unread)
}

/// `saved` over the defaults: one setting per kind, in `NoticeKind::ALL` order.
fn complete(saved: &[NoticeSetting]) -> Vec<NoticeSetting> {
    NoticeKind::ALL
        .iter()
        .map(|&k| saved.iter().rev().find(|s| s.kind == k).copied().unwrap_or(k.default_setting()))
        .collect()
}

/// The caller's settings, one per kind.
pub async fn settings(ctx: &ServerCtx) -> Result<Vec<NoticeSetting>, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    Ok(complete(&repo::settings(&mut c, by.org, by.id).await?))
}

/// Saves the caller's settings (at most one per kind); returns them all.
pub async fn save_settings(ctx: &ServerCtx, settings: &[NoticeSetting]) -> Result<Vec<NoticeSetting>, AppError> {
    let by = ctx.user()?;
    let twice = NoticeKind::ALL.iter().any(|&k| settings.iter().filter(|s| s.kind == k).count() > 1);
    if twice {
        return Err(AppError::invalid("settings", "Give each kind of notification one setting."));
    }
    let mut tx = ctx.db().begin().await?;
    for s in settings {
        repo::save_setting(&mut tx, by.org, by.id, s).await?;
    }
    let saved = complete(&repo::settings(&mut tx, by.org, by.id).await?);
    tx.commit().await?;
    Ok(saved)
}
