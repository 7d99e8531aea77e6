//! Use cases of test cases: every save goes through `save`, which writes the case, its revision
//! and its audit event in one transaction.
use super::{
    model::{CaseDetail, CaseFilter, CaseId, CaseInput, CaseStatus, CaseWindow, RevisionInfo, StoryCases, ValidCase},
    repo::{self, Cursor, Start, Stored, TextPlan},
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::principal::CurrentUser,
    db::{AsConn, Tx},
    error::{AppError, Entity, FieldErrors},
    orgs::model::OrgId,
    projects::{
        model::{ProjectId, ProjectRef},
        service as projects,
    },
    state::ServerCtx,
    stories::{model::StoryId, repo as stories},
    wire::Numbered,
};

/// Rows per list window.
pub const WINDOW: i64 = 100;

/// The id of story `number` of `project`, or a field error on `story`.
async fn story_id(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: Option<i64>,
) -> Result<Option<StoryId>, AppError> {
    let Some(n) = number else { return Ok(None) };
    match stories::get(c, org, project, n).await? {
        Some((row, ..)) => Ok(Some(row.id)),
        None => {
            let mut f = FieldErrors::default();
            f.add("story", format!("This project has no story {n}."));
            Err(AppError::Invalid(f))
        }
    }
}

/// What a save records: the action and, for the revision, a summary of what changed.
pub struct SaveKind {
    pub action: AuditAction,
    pub summary: Option<String>,
}

/// Writes `case` as a new case (`existing` None) or over `existing` (id, number, fields), with a
/// revision and an audit event; returns (number, revision).
pub async fn save(
    ctx: &ServerCtx,
    tx: &mut Tx,
    p: &ProjectRef,
    existing: Option<(CaseId, i64, &ValidCase)>,
    case: &ValidCase,
    kind: SaveKind,
) -> Result<(i64, i64), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let story_id = story_id(tx, by.org, p.id, case.story).await?;
    let stored = Stored { case, story_id };
    let (id, number, revision, summary) = match existing {
        None => {
            let number = crate::projects::counters::next(tx, p.id, crate::wire::Numbered::Case).await?;
            let id = repo::insert(tx, by.org, p.id, number, stored, now).await?;
            (id, number, 1, kind.summary.unwrap_or_else(|| "created".to_owned()))
        }
        Some((id, number, before)) => {
            let changed = case.changed_fields(before);
            let revision = repo::update(tx, by.org, id, stored, now).await?;
            let summary = kind.summary.unwrap_or_else(|| {
                if changed.is_empty() {
                    "saved without changes".to_owned()
                } else {
                    changed.join(", ")
                }
            });
            (id, number, revision, summary)
        }
    };
    repo::insert_revision(tx, id, revision, Some(by.id.0), &summary, case, now).await?;
    let event = AuditEvent::new(kind.action, Some(by.org), &ctx.client)
        .actor(by)
        .target(crate::wire::human_key(&p.key, Numbered::Case, number))
        .detail(format!("revision {revision}: {summary}"));
    audit::repo::record(tx, &event, now).await?;
    Ok((number, revision))
}

/// The case `number` of `p`: (id, fields, revision).
async fn load(
    c: &mut impl AsConn,
    org: OrgId,
    p: &ProjectRef,
    number: i64,
) -> Result<(CaseId, ValidCase, i64), AppError> {
    let (row, case, _, revision, _) =
        repo::get(c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    Ok((row.id, case, revision))
}

/// Creates a case; returns its number.
pub async fn create(ctx: &ServerCtx, key: &str, input: &CaseInput) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let case = input.validate()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let kind = SaveKind { action: AuditAction::CaseCreated, summary: None };
    let (number, _) = save(ctx, &mut tx, &p, None, &case, kind).await?;
    tx.commit().await?;
    Ok(number)
}

pub async fn get(ctx: &ServerCtx, key: &str, number: i64) -> Result<CaseDetail, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let (row, case, story_title, revision, updated) =
        repo::get(&mut c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    let provenance = crate::generation::repo::provenance(&mut c, org, row.id).await?;
    Ok(CaseDetail { row, case, story_title, revision, updated_at: updated.to_rfc3339(), provenance })
}

fn stale() -> AppError {
    AppError::conflict(
        "Someone saved this case after you opened it. Reload to see their changes, then apply yours again.",
    )
}

/// Saves new fields over revision `expected` (refused if someone saved since); returns the new revision.
pub async fn update(
    ctx: &ServerCtx,
    key: &str,
    number: i64,
    input: &CaseInput,
    expected: i64,
) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let case = input.validate()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (id, before, revision) = load(&mut tx, by.org, &p, number).await?;
    if revision != expected {
        return Err(stale());
    }
    let kind = SaveKind { action: AuditAction::CaseUpdated, summary: None };
    let (_, revision) = save(ctx, &mut tx, &p, Some((id, number, &before)), &case, kind).await?;
    tx.commit().await?;
    Ok(revision)
}

/// Copies a case into a new draft; returns the copy's number.
pub async fn clone_case(ctx: &ServerCtx, key: &str, number: i64) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (_, mut case, _) = load(&mut tx, by.org, &p, number).await?;
    case.title = format!("Copy of {}", case.title).chars().take(300).collect();
    case.status = CaseStatus::Draft;
    let kind = SaveKind {
        action: AuditAction::CaseCloned,
        summary: Some(format!("copied from {}", crate::wire::human_key(&p.key, Numbered::Case, number))),
    };
    let (copy, _) = save(ctx, &mut tx, &p, None, &case, kind).await?;
    tx.commit().await?;
    Ok(copy)
}

/// Deletes the cases `numbers` of a project; returns how many went.
pub async fn delete(ctx: &ServerCtx, key: &str, numbers: &[i64]) -> Result<u64, AppError> {
    let by = ctx.user()?;
    check_selection(numbers)?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let ids: Vec<CaseId> = repo::ids_of(&mut tx, by.org, p.id, numbers).await?.into_iter().map(|(id, _)| id).collect();
    if ids.is_empty() {
        return Err(AppError::NotFound(Entity::TestCase));
    }
    let n = repo::delete(&mut tx, by.org, p.id, &ids).await?;
    let (action, target) = match numbers {
        [one] => (AuditAction::CaseDeleted, crate::wire::human_key(&p.key, Numbered::Case, *one)),
        _ => (AuditAction::CasesBulkDeleted, p.key.clone()),
    };
    let event =
        AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(target).detail(format!("{n} deleted"));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(n)
}

pub fn check_selection(numbers: &[i64]) -> Result<(), AppError> {
    AppError::check_selection(numbers.len(), "test cases")
}

/// One window of the list: after `after` (a cursor from the previous window) or from `offset`.
pub async fn list(
    ctx: &ServerCtx,
    key: &str,
    filter: &CaseFilter,
    after: Option<&str>,
    offset: i64,
) -> Result<CaseWindow, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let start = match after.and_then(Cursor::decode) {
        Some(cursor) => Start::After(cursor),
        None => Start::Offset(offset.max(0)),
    };
    let rows = repo::list(&mut c, org, p.id, filter, &start, WINDOW, TextPlan::default()).await?;
    let next = match rows.last() {
        Some((row, updated)) if rows.len() as i64 == WINDOW => {
            Some(Cursor::of(row, filter.sort, Some(updated.as_str())).encode())
        }
        _ => None,
    };
    Ok(CaseWindow { offset, rows: rows.into_iter().map(|(r, _)| r).collect(), next })
}

/// How many cases match `filter`.
pub async fn count(ctx: &ServerCtx, key: &str, filter: &CaseFilter) -> Result<i64, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    Ok(repo::count(&mut c, org, p.id, filter, TextPlan::default()).await?)
}

/// The cases of story `number` of project `key`: the first window, the count, and which case
/// covers which criterion.
pub async fn of_story(ctx: &ServerCtx, key: &str, number: i64) -> Result<StoryCases, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let (story, ..) = stories::get(&mut c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    let filter = CaseFilter { story: Some(number), ..Default::default() };
    let rows = repo::list(&mut c, org, p.id, &filter, &Start::Offset(0), WINDOW, TextPlan::default()).await?;
    let total = repo::count(&mut c, org, p.id, &filter, TextPlan::default()).await?;
    let covers = repo::covers(&mut c, org, (p.id, &p.key), story.id).await?;
    Ok(StoryCases { cases: rows.into_iter().map(|(r, _)| r).collect(), total, covers })
}

/// A case's revisions, newest first.
pub async fn revisions(ctx: &ServerCtx, key: &str, number: i64) -> Result<Vec<RevisionInfo>, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let (id, ..) = load(&mut c, org, &p, number).await?;
    Ok(repo::revisions(&mut c, id).await?)
}

/// The line diff between two revisions of case `number` of project `key`.
pub async fn diff_revisions(
    ctx: &ServerCtx,
    key: &str,
    number: i64,
    from: i64,
    to: i64,
) -> Result<super::model::RevisionDiff, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let a = snapshot(&mut c, org, &p, number, from).await?;
    let b = snapshot(&mut c, org, &p, number, to).await?;
    Ok(super::diff::diff(from, &a, to, &b))
}

/// The fields of revision `revision` of a case.
pub async fn snapshot(
    c: &mut impl AsConn,
    org: OrgId,
    p: &ProjectRef,
    number: i64,
    revision: i64,
) -> Result<ValidCase, AppError> {
    let (id, ..) = load(c, org, p, number).await?;
    repo::snapshot(c, id, revision).await?.ok_or(AppError::NotFound(Entity::Revision))
}

/// Saves the fields of an old revision as a new revision.
pub async fn restore(ctx: &ServerCtx, key: &str, number: i64, revision: i64) -> Result<i64, AppError> {
    let by: &CurrentUser = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let (id, before, _) = load(&mut tx, by.org, &p, number).await?;
    let mut old = snapshot(&mut tx, by.org, &p, number, revision).await?;
    // The story may have gone since; restoring must not fail on it.
    if story_id(&mut tx, by.org, p.id, old.story).await.is_err() {
        old.story = None;
        old.criteria.clear();
    }
    let kind = SaveKind { action: AuditAction::CaseRestored, summary: Some(format!("restored revision {revision}")) };
    let (_, new_revision) = save(ctx, &mut tx, &p, Some((id, number, &before)), &old, kind).await?;
    tx.commit().await?;
    Ok(new_revision)
}
