//! Moving a bug: assigning it, moving it through its lifecycle (decided by
//! `model::lifecycle::allowed`, nowhere else), and the runner's re-test of a fixed bug. Every move
//! is a `bug_transitions` row with who, when and the note, and an audit event.
use super::{audit_event, bug_of, detail, notices, publish};
use crate::{
    audit::{self, AuditAction},
    bugs::{
        model::{
            lifecycle::{self, Refusal},
            BugDetail, BugId, BugStatus, BugSummary, MAX_COMMENT,
        },
        repo::{self, NewTransition},
    },
    db::Tx,
    error::{AppError, FieldErrors},
    notifications::service::Told,
    projects::{model::ProjectRef, service as projects},
    state::ServerCtx,
    wire::{HumanKey, Numbered},
};
use chrono::{DateTime, Utc};

/// Whether `ctx`'s person may move `bug` to `to` now: 409 for a move the lifecycle does not
/// have, 403 for one that is not theirs to make.
fn check_move(ctx: &ServerCtx, bug: &BugSummary, to: BugStatus) -> Result<(), AppError> {
    let by = ctx.user()?;
    lifecycle::allowed(by.role, bug.assignee_id == Some(by.id), bug.status, to).map_err(|refusal| match refusal {
        Refusal::NotYours => AppError::Forbidden,
        Refusal::NotAMove => AppError::conflict(format!(
            "A bug that is {} cannot move to {}.",
            bug.status.label().to_lowercase(),
            to.label().to_lowercase()
        )),
    })
}

/// Moves `bug` to `to` for `ctx`'s person if the lifecycle lets them (409 for no such move, 403
/// for a move that is not theirs), recording the transition and its audit event; `bug.status`
/// follows.
async fn step(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &mut BugSummary,
    to: BugStatus,
    note: &str,
    duplicate_of: Option<BugId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let by = ctx.user()?;
    let from = bug.status;
    check_move(ctx, bug, to)?;
    if !repo::set_status(tx, by.org, bug.id, from, to, duplicate_of, now).await? {
        return Err(AppError::conflict("Someone changed this bug's status meanwhile: reload it."));
    }
    repo::insert_transition(tx, by.org, &NewTransition { bug: bug.id, from, to, by: by.id, note }, now).await?;
    let detail = format!("{} → {}", from.label(), to.label());
    audit::repo::record(tx, &audit_event(ctx, AuditAction::BugTransition, &bug.key, detail)?, now).await?;
    bug.status = to;
    Ok(())
}

/// Assigns bug `number` to `assignee` (a member's id): a new or reopened bug becomes assigned.
pub async fn assign(ctx: &ServerCtx, key: &str, number: i64, assignee: &str) -> Result<BugDetail, AppError> {
    let by = ctx.user()?;
    let id: i64 = assignee.trim().parse().map_err(|_| AppError::invalid("assignee", "Pick a member from the list."))?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (mut bug, _) = bug_of(&mut tx, by.org, &p, number).await?;
    crate::stories::service::check_assignee(&mut tx, by.org, Some(id)).await?;
    let member = crate::users::model::UserId(id);
    repo::set_assignee(&mut tx, by.org, bug.id, member, now).await?;
    let new_assignee = bug.assignee_id != Some(member);
    bug.assignee_id = Some(member);
    let moved = matches!(bug.status, BugStatus::New | BugStatus::Reopened);
    if moved {
        step(&mut tx, ctx, &mut bug, BugStatus::Assigned, "", None, now).await?;
    }
    let d = detail(&mut tx, ctx, &p, number).await?;
    let to = d.summary.assignee.clone().unwrap_or_default();
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::BugAssigned, &bug.key, to)?, now).await?;
    let seq = publish(&mut tx, by, &bug.key, bug.status, now).await?;
    let mut told = Told::default();
    if new_assignee {
        told = notices::assigned(&mut tx, ctx, &bug, member, now).await?;
    }
    if moved {
        // The new assignee reads "assigned you"; the status change is for the reporter.
        let except = new_assignee.then_some(member);
        told = told.and(notices::status_changed(&mut tx, ctx, &bug, except, now).await?);
    }
    tx.commit().await?;
    told.after_commit(ctx, seq).await;
    Ok(d)
}

/// Moves bug `number` to `to` with `note` (the fix notes when fixed); `duplicate_of` (a number
/// or key of this project) names the original of a duplicate.
pub async fn transition(
    ctx: &ServerCtx,
    key: &str,
    number: i64,
    to: BugStatus,
    note: &str,
    duplicate_of: &str,
) -> Result<BugDetail, AppError> {
    let by = ctx.user()?;
    let note = note.trim();
    if note.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid("note", "Use at most 10,000 characters."));
    }
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (mut bug, _) = bug_of(&mut tx, by.org, &p, number).await?;
    // Who may make the move before what it needs: a refused person learns nothing more.
    check_move(ctx, &bug, to)?;
    let needs = lifecycle::needs(to);
    let mut e = FieldErrors::default();
    if needs.note && note.is_empty() {
        e.add("note", "Write the fix notes: what was changed, and where to look.");
    }
    if needs.assignee && bug.assignee_id.is_none() {
        e.add("assignee", "Assign someone first.");
    }
    let mut original = None;
    if needs.duplicate_of {
        original = duplicate(&mut tx, ctx, &p, &bug, duplicate_of, &mut e).await?;
    }
    e.into_result()?;
    step(&mut tx, ctx, &mut bug, to, note, original, now).await?;
    let seq = publish(&mut tx, by, &bug.key, bug.status, now).await?;
    let told = notices::status_changed(&mut tx, ctx, &bug, None, now).await?;
    let d = detail(&mut tx, ctx, &p, number).await?;
    tx.commit().await?;
    told.after_commit(ctx, seq).await;
    Ok(d)
}

/// The bug of project `p` that `bug` duplicates, named by `text`; adds the problem to `e`.
async fn duplicate(
    tx: &mut Tx,
    ctx: &ServerCtx,
    p: &ProjectRef,
    bug: &BugSummary,
    text: &str,
    e: &mut FieldErrors,
) -> Result<Option<BugId>, AppError> {
    let org = ctx.user()?.org;
    let example = crate::wire::human_key(&p.key, Numbered::Bug, 1);
    let message = match text.trim() {
        "" => "Name the bug this one duplicates.".to_owned(),
        t => match HumanKey::number_in(t, &p.key, Numbered::Bug) {
            None => format!("Use the number or key of a bug of this project, like {example}."),
            Some(n) if n == bug.number => "A bug cannot duplicate itself.".to_owned(),
            Some(n) => match repo::bug_id(tx, org, p.id, n).await? {
                Some(id) => return Ok(Some(id)),
                None => "This project has no such bug.".to_owned(),
            },
        },
    };
    e.add("duplicate_of", message);
    Ok(None)
}

/// The runner's re-test of `bug` (fixed, or already in testing) in project `p`, in the caller's
/// transaction: a pass verifies it, a failure reopens it; a fixed bug moves to testing first.
/// Returns the new status, and the notifications of it to finish after the commit.
pub async fn retest_result(
    tx: &mut Tx,
    ctx: &ServerCtx,
    bug: &mut BugSummary,
    passed: bool,
    now: DateTime<Utc>,
) -> Result<(BugStatus, Told), AppError> {
    if !matches!(bug.status, BugStatus::Fixed | BugStatus::Testing) {
        return Err(AppError::conflict(format!(
            "Only a fixed bug is re-tested; this one is {}.",
            bug.status.label().to_lowercase()
        )));
    }
    let (to, note) =
        if passed { (BugStatus::Verified, "Re-tested: passed.") } else { (BugStatus::Reopened, "Re-tested: failed.") };
    if bug.status == BugStatus::Fixed {
        step(tx, ctx, bug, BugStatus::Testing, "Re-test started.", None, now).await?;
    }
    step(tx, ctx, bug, to, note, None, now).await?;
    let outcome = if passed { "passed" } else { "failed" }.to_owned();
    audit::repo::record(tx, &audit_event(ctx, AuditAction::BugRetested, &bug.key, outcome)?, now).await?;
    let told = notices::status_changed(tx, ctx, bug, None, now).await?;
    Ok((to, told))
}

/// Records a re-test of bug `number`'s case (QA and admins): verified on a pass, reopened on a
/// failure.
pub async fn retest(ctx: &ServerCtx, key: &str, number: i64, passed: bool) -> Result<BugSummary, AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (mut bug, _) = bug_of(&mut tx, by.org, &p, number).await?;
    let (_, told) = retest_result(&mut tx, ctx, &mut bug, passed, now).await?;
    let seq = publish(&mut tx, by, &bug.key, bug.status, now).await?;
    let (bug, _) = bug_of(&mut tx, by.org, &p, number).await?;
    tx.commit().await?;
    told.after_commit(ctx, seq).await;
    Ok(bug)
}
