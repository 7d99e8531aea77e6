//! Who hears about a bug's changes, and what they read: the new assignee ("assigned you"), each
//! member a comment mentions ("mentioned you"), and the reporter and assignee of a bug whose status
//! moved. Written in the change's transaction through `notifications::service::notify`, which
//! leaves out the person who made the change.
use crate::{
    bugs::{model::BugSummary, repo},
    db::Tx,
    error::AppError,
    notifications::{
        model::NoticeKind,
        service::{notify, Notice, Told},
    },
    state::ServerCtx,
    users::model::UserId,
    wire::HumanKey,
};
use chrono::{DateTime, Utc};

async fn tell(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &BugSummary,
    to: &[UserId],
    kind: NoticeKind,
    text: String,
    now: DateTime<Utc>,
) -> Result<Told, AppError> {
    let href = HumanKey::parse(&bug.key).map(|k| k.href()).unwrap_or_default();
    notify(tx, ctx, to, &Notice { kind, subject: &bug.key, text: &text, href: &href }, now).await
}

/// Tells `assignee` that `ctx`'s person assigned them `bug`.
pub(super) async fn assigned(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &BugSummary,
    assignee: UserId,
    now: DateTime<Utc>,
) -> Result<Told, AppError> {
    let text = format!("{} assigned you {} “{}”", ctx.user()?.name, bug.key, bug.title);
    tell(tx, ctx, bug, &[assignee], NoticeKind::Assigned, text, now).await
}

/// Tells the members a comment on `bug` mentions.
pub(super) async fn mentioned(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &BugSummary,
    members: &[UserId],
    now: DateTime<Utc>,
) -> Result<Told, AppError> {
    let text = format!("{} mentioned you on {} “{}”", ctx.user()?.name, bug.key, bug.title);
    tell(tx, ctx, bug, members, NoticeKind::Mentioned, text, now).await
}

/// Tells `bug`'s reporter and assignee (but not `except`, told otherwise) of its new status.
pub(super) async fn status_changed(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &BugSummary,
    except: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<Told, AppError> {
    let reporter = repo::reporter(tx, ctx.user()?.org, bug.id).await?;
    let to: Vec<UserId> = [reporter, bug.assignee_id].into_iter().flatten().filter(|u| Some(*u) != except).collect();
    let text = format!("{} moved {} “{}” to {}", ctx.user()?.name, bug.key, bug.title, bug.status.label());
    tell(tx, ctx, bug, &to, NoticeKind::StatusChanged, text, now).await
}
