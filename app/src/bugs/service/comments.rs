//! Commenting on a bug. Mentions (`@` and a member's email, `model::mentions`) are resolved to
//! active members of the commenter's organization only, stored with the comment, and each told
//! (`notices::mentioned`); any other `@…` stays plain text.
use super::{audit_event, bug_of, notices, publish};
use crate::{
    audit::{self, AuditAction},
    bugs::{
        model::{check_comment, mentions, CommentOutcome},
        repo,
    },
    error::AppError,
    projects::service as projects,
    state::ServerCtx,
};

/// Adds a comment (Markdown) to bug `number`; returns it with the members it mentions.
pub async fn comment(ctx: &ServerCtx, key: &str, number: i64, body: &str) -> Result<CommentOutcome, AppError> {
    let by = ctx.user()?;
    let body = check_comment(body)?;
    let emails = mentions::emails(&body);
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (bug, _) = bug_of(&mut tx, by.org, &p, number).await?;
    let members = repo::active_members_by_email(&mut tx, by.org, &emails).await?;
    let id = repo::insert_comment(&mut tx, by.org, bug.id, by.id, &body, now).await?;
    let ids: Vec<_> = members.iter().map(|m| m.id).collect();
    repo::insert_mentions(&mut tx, by.org, id, &ids).await?;
    let detail = format!("comment {id}, {} mention(s)", members.len());
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::BugCommented, &bug.key, detail)?, now).await?;
    let seq = publish(&mut tx, by, &bug.key, bug.status, now).await?;
    let told = notices::mentioned(&mut tx, ctx, &bug, &ids, now).await?;
    tx.commit().await?;
    told.after_commit(ctx, seq).await;
    Ok(CommentOutcome { id, mentioned: members.into_iter().map(|m| m.name).collect() })
}
