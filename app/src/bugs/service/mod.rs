//! Use cases of bugs: report (by hand, or from a failed step of a run, linked to its execution),
//! read, list, edit, and (in `moves`) assign, move through the lifecycle and re-test; comments
//! with mentions (`comments`); a bug pre-filled from a run's step (`prefill`). Each change is one
//! transaction with its audit event and a `bug` event on the live stream.
mod comments;
mod moves;
mod notices;
mod prefill;

pub use comments::comment;
pub use moves::{assign, retest, retest_result, transition};
pub use prefill::prefill;

use super::{
    model::{lifecycle, BugComment, BugDetail, BugFilter, BugInput, BugPage, BugStatus, BugSummary, ValidBug},
    repo::{self, Links},
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::{
        permissions::{allows, Permission},
        principal::CurrentUser,
    },
    db::{AsConn, Tx},
    error::{AppError, Entity, FieldErrors},
    events::hub::Hub,
    orgs::model::OrgId,
    projects::{counters, model::ProjectRef, service as projects},
    state::ServerCtx,
    users::model::UserId,
    wire::{human_key, Numbered},
};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Bug `number` of project `p` and who reported it, or 404.
async fn bug_of(
    c: &mut impl AsConn,
    org: OrgId,
    p: &ProjectRef,
    number: i64,
) -> Result<(BugSummary, Option<UserId>), AppError> {
    repo::get(c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Bug))
}

fn audit_event(ctx: &ServerCtx, action: AuditAction, bug: &str, detail: String) -> Result<AuditEvent, AppError> {
    let by = ctx.user()?;
    Ok(AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(bug.to_owned()).detail(detail))
}

/// Writes the `bug` event of a change in its transaction (call `announce` after the commit).
async fn publish(
    tx: &mut Tx,
    by: &CurrentUser,
    bug: &str,
    status: BugStatus,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let data = serde_json::json!({ "bug": bug, "status": status, "by": by.id.0 }).to_string();
    Ok(Hub::publish_in(tx, by.org, None, "bug", &data, now).await?)
}

/// Whether `by` may edit the text of a bug reported by `reporter`: QA and admins, or its reporter.
fn may_edit(by: &CurrentUser, reporter: Option<UserId>) -> bool {
    allows(by.role, Permission::EditTestArtifacts) || reporter == Some(by.id)
}

/// Everything bug `number`'s page shows, as `ctx`'s person may act on it.
async fn detail(c: &mut impl AsConn, ctx: &ServerCtx, p: &ProjectRef, number: i64) -> Result<BugDetail, AppError> {
    let by = ctx.user()?;
    let (summary, reporter_id) = bug_of(c, by.org, p, number).await?;
    let d = repo::detail(c, by.org, summary.id).await?.ok_or(AppError::NotFound(Entity::Bug))?;
    let [duplicate_of, case, story, run] = d.links(&p.key);
    let transitions = repo::transitions(c, summary.id).await?;
    let mut mentions: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (comment, name) in repo::mentions(c, summary.id).await? {
        mentions.entry(comment).or_default().push(name);
    }
    let comments = repo::comments(c, summary.id)
        .await?
        .into_iter()
        .map(|r| BugComment {
            id: r.id,
            author: r.author,
            html: crate::markdown::render(&r.body_md),
            body: r.body_md,
            mentions: mentions.remove(&r.id).unwrap_or_default(),
            created_at: r.created_at,
        })
        .collect();
    let is_assignee = summary.assignee_id == Some(by.id);
    Ok(BugDetail {
        next: lifecycle::next_for(by.role, is_assignee, summary.status),
        can_edit: may_edit(by, reporter_id),
        can_assign: allows(by.role, Permission::EditTestArtifacts),
        summary,
        description_html: crate::markdown::render(&d.description_md),
        description: d.description_md,
        environment: d.environment,
        steps_to_reproduce: d.steps_to_reproduce,
        expected: d.expected,
        actual: d.actual,
        reporter_id,
        duplicate_of,
        case,
        story,
        run,
        transitions,
        comments,
    })
}

/// The case, story, run and execution `v` names, each checked to be `p`'s (422 otherwise). A
/// run's case is its execution; the story, unless named, is the case's.
async fn links_of(c: &mut impl AsConn, org: OrgId, p: &ProjectRef, v: &ValidBug) -> Result<Links, AppError> {
    let mut e = FieldErrors::default();
    let mut links = Links::default();
    let case = match (v.run, v.case) {
        (Some(run), case) => match repo::run_id(c, org, p.id, run).await? {
            None => {
                e.add("run", "This project has no such run.");
                None
            }
            Some(run_id) => {
                links.run_id = Some(run_id);
                match case {
                    Some(n) => match repo::execution_link(c, org, run_id, n).await? {
                        None => {
                            e.add("case", "This case is not part of the run.");
                            None
                        }
                        Some(x) => {
                            links.run_case_id = Some(x.id);
                            Some(x)
                        }
                    },
                    None => None,
                }
            }
        },
        (None, Some(n)) => {
            let found = repo::case_link(c, org, p.id, n).await?;
            if found.is_none() {
                e.add("case", "This project has no such case.");
            }
            found
        }
        (None, None) => None,
    };
    if let Some(x) = case {
        links.case_id = x.case_id;
        links.story_id = x.story_id;
    }
    if let Some(n) = v.story {
        match repo::story_id(c, org, p.id, n).await? {
            None => e.add("story", "This project has no such story."),
            Some(id) => links.story_id = Some(id),
        }
    }
    e.into_result()?;
    Ok(links)
}

/// Reports a bug; returns its number.
pub async fn create(ctx: &ServerCtx, key: &str, input: &BugInput) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let valid = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let links = links_of(&mut tx, by.org, &p, &valid).await?;
    let number = counters::next(&mut tx, p.id, Numbered::Bug).await?;
    repo::insert(&mut tx, by.org, p.id, number, &valid, links, by.id, now).await?;
    let bug = human_key(&p.key, Numbered::Bug, number);
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::BugCreated, &bug, valid.title.clone())?, now).await?;
    let seq = publish(&mut tx, by, &bug, BugStatus::New, now).await?;
    tx.commit().await?;
    ctx.state.hub.announce(seq);
    Ok(number)
}

pub async fn get(ctx: &ServerCtx, key: &str, number: i64) -> Result<BugDetail, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    detail(&mut c, ctx, &p, number).await
}

/// A page of the project's bugs, newest first.
pub async fn list(ctx: &ServerCtx, key: &str, filter: &BugFilter) -> Result<BugPage, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, by.org, key).await?;
    Ok(repo::list(&mut c, by.org, p.id, filter, by.id).await?)
}

/// Edits a bug's text and classification: QA and admins, or its reporter.
pub async fn update(ctx: &ServerCtx, key: &str, number: i64, input: &BugInput) -> Result<BugDetail, AppError> {
    let by = ctx.user()?;
    let valid = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (bug, reporter) = bug_of(&mut tx, by.org, &p, number).await?;
    if !may_edit(by, reporter) {
        return Err(AppError::Forbidden);
    }
    repo::update(&mut tx, by.org, bug.id, &valid, now).await?;
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::BugUpdated, &bug.key, valid.title.clone())?, now)
        .await?;
    let seq = publish(&mut tx, by, &bug.key, bug.status, now).await?;
    let d = detail(&mut tx, ctx, &p, number).await?;
    tx.commit().await?;
    ctx.state.hub.announce(seq);
    Ok(d)
}
