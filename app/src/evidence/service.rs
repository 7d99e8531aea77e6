//! Use cases of evidence: attach a file to a step or a whole execution of an in-progress run
//! (where it goes is checked before the body is read; its content before it is stored), list an
//! execution's files, download one, and delete one (its uploader while the run is in progress, or
//! an admin). Uploads and deletes are audited.
use super::{
    check,
    model::{display_name, EvidenceId, EvidenceItem, EvidenceList},
    purge,
    repo::{self, NewEvidence, Row},
    store::EvidenceStore,
    thumb,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::{
        permissions::{allows, Permission},
        principal::CurrentUser,
    },
    error::{AppError, Entity, FieldErrors},
    projects::{model::ProjectRef, service as projects},
    runs::{
        self,
        model::{RunStatus, RunSummary},
    },
    state::ServerCtx,
};
use axum::body::Bytes;

/// Most files one execution holds.
pub const MAX_PER_EXECUTION: i64 = 200;

/// Where an upload goes, found (and its run checked to be in progress) before its body is read.
pub struct Target {
    project: ProjectRef,
    run: RunSummary,
    case: i64,
    run_case: i64,
    /// Steps per scenario of the execution's snapshot.
    steps: Vec<usize>,
}

/// What an upload form carried.
#[derive(Debug, Default)]
pub struct Form {
    pub name: String,
    pub bytes: Vec<u8>,
    pub scenario: Option<i64>,
    pub step: Option<i64>,
}

/// An error shown next to the file input.
pub fn file_error(message: impl Into<String>) -> AppError {
    let mut f = FieldErrors::default();
    f.add("file", message);
    AppError::Invalid(f)
}

async fn execution(
    c: &mut impl crate::db::AsConn,
    org: crate::orgs::model::OrgId,
    key: &str,
    number: i64,
    case: i64,
) -> Result<(ProjectRef, RunSummary, i64, String), AppError> {
    let p = projects::by_key(c, org, key).await?;
    let run = runs::repo::get(c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Run))?;
    let (id, _, gherkin) = runs::repo::execution(c, run.id, case).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    Ok((p, run, id, gherkin))
}

/// Checks that the caller may attach to execution `case` of run `number` now.
pub async fn target(ctx: &ServerCtx, key: &str, number: i64, case: i64) -> Result<Target, AppError> {
    let by = ctx.require(Permission::EditTestArtifacts)?;
    let mut c = ctx.db().acquire().await?;
    let (project, run, run_case, gherkin) = execution(&mut c, by.org, key, number, case).await?;
    match run.status {
        RunStatus::InProgress => {}
        RunStatus::Planned => return Err(AppError::conflict("Start the run before attaching evidence.")),
        RunStatus::Completed => {
            return Err(AppError::conflict("This run is completed; an admin can reopen it to attach evidence."))
        }
    }
    if repo::count(&mut c, by.org, run_case).await? >= MAX_PER_EXECUTION {
        return Err(AppError::conflict(format!("This execution has {MAX_PER_EXECUTION} files, the most it can hold.")));
    }
    let steps = runs::snapshot::step_counts(&gherkin);
    Ok(Target { project, run, case, run_case, steps })
}

/// Checks the form and its file, stores it (with a thumbnail for an image) and records it.
pub async fn attach(ctx: &ServerCtx, t: &Target, form: Form) -> Result<EvidenceItem, AppError> {
    let by = ctx.user()?;
    match (form.scenario, form.step) {
        (None, None) => {}
        (Some(s), Some(st)) if s >= 0 && st >= 0 && t.steps.get(s as usize).is_some_and(|n| (st as usize) < *n) => {}
        _ => {
            let mut f = FieldErrors::default();
            f.add(
                "step",
                "This step is not part of the execution: give a scenario and a step of it (from 0), or neither.",
            );
            return Err(AppError::Invalid(f));
        }
    }
    let name = display_name(&form.name);
    let checked = check::check(&form.bytes, &name).map_err(file_error)?;
    let store = &ctx.state.config.evidence;
    let size = form.bytes.len() as i64;
    let bytes = Bytes::from(form.bytes);
    let key = EvidenceStore::new_key(by.org);
    store.put(&key, bytes.clone()).await.map_err(|e| crate::error::internal(&e))?;
    let thumb = if checked.is_image() { thumbnail(store, &key, bytes).await } else { None };
    let now = ctx.now();
    let recorded = async {
        let mut tx = ctx.db().begin().await?;
        let new = NewEvidence {
            org: by.org,
            project: t.project.id,
            run: t.run.id,
            run_case: t.run_case,
            scenario: form.scenario,
            step: form.step,
            name: &name,
            content_type: checked.content_type,
            size,
            key: &key,
            thumb: thumb.as_deref(),
            by: by.id,
        };
        let id = repo::insert(&mut tx, &new, now).await?;
        let place = match (form.scenario, form.step) {
            (Some(s), Some(st)) => format!("scenario {}, step {}", s + 1, st + 1),
            _ => "the execution".to_owned(),
        };
        let detail = format!("{name} ({}, {}) on case {}, {place}", checked.content_type, size, t.case);
        let event = audit_event(ctx, AuditAction::EvidenceAttached, &t.run.key, detail)?;
        audit::repo::record(&mut tx, &event, now).await?;
        let row = repo::get(&mut tx, by.org, id).await?.ok_or(AppError::NotFound(Entity::Evidence))?;
        tx.commit().await?;
        Ok::<_, AppError>(row)
    }
    .await;
    match recorded {
        Ok(row) => Ok(item(by, row)),
        Err(e) => {
            // Nothing points at the stored objects: remove them.
            for k in std::iter::once(key.clone()).chain(thumb) {
                let _ = store.delete(&k).await;
            }
            Err(e)
        }
    }
}

/// Makes and stores the thumbnail of image `bytes` stored as `key`; `None` when that fails (the
/// upload stands without one).
async fn thumbnail(store: &EvidenceStore, key: &str, bytes: Bytes) -> Option<String> {
    let made = tokio::task::spawn_blocking(move || thumb::thumbnail(&bytes)).await;
    let jpeg = match made {
        Ok(Ok(jpeg)) => jpeg,
        Ok(Err(why)) => {
            tracing::info!(key, %why, "no thumbnail for this image");
            return None;
        }
        Err(e) => {
            tracing::warn!(key, error = %e, "the thumbnail task failed");
            return None;
        }
    };
    let thumb_key = EvidenceStore::thumb_key(key);
    match store.put(&thumb_key, Bytes::from(jpeg)).await {
        Ok(()) => Some(thumb_key),
        Err(e) => {
            tracing::warn!(key, error = %e, "the thumbnail could not be stored");
            None
        }
    }
}

fn audit_event(ctx: &ServerCtx, action: AuditAction, run: &str, detail: String) -> Result<AuditEvent, AppError> {
    let by = ctx.user()?;
    Ok(AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(run.to_owned()).detail(detail))
}

/// Whether `by` may delete file `row`: an admin always, its uploader while the run is in progress.
fn may_delete(by: &CurrentUser, row: &Row) -> bool {
    allows(by.role, Permission::ManageOrg)
        || (allows(by.role, Permission::EditTestArtifacts)
            && row.uploaded_by == Some(by.id.0)
            && row.run_status == RunStatus::InProgress.as_str())
}

fn item(by: &CurrentUser, row: Row) -> EvidenceItem {
    EvidenceItem {
        id: EvidenceId(row.id),
        can_delete: may_delete(by, &row),
        scenario: row.scenario,
        step: row.step,
        name: row.display_name,
        content_type: row.content_type,
        size_bytes: row.size_bytes,
        has_thumb: row.thumb_key.is_some(),
        uploaded_by: row.uploader,
        created_at: row.created_at,
    }
}

/// The files of execution `case` of run `number`.
pub async fn list(ctx: &ServerCtx, key: &str, number: i64, case: i64) -> Result<EvidenceList, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    let (_, _, run_case, _) = execution(&mut c, by.org, key, number, case).await?;
    let rows = repo::list(&mut c, by.org, run_case, MAX_PER_EXECUTION).await?;
    Ok(EvidenceList {
        items: rows.into_iter().map(|r| item(by, r)).collect(),
        max_bytes: ctx.state.config.evidence.max_bytes,
    })
}

/// File `id` of the caller's organization: its row, size and bytes (or its thumbnail's).
pub async fn open(
    ctx: &ServerCtx,
    id: EvidenceId,
    thumbnail: bool,
) -> Result<(Row, u64, futures_util::stream::BoxStream<'static, Result<Bytes, super::store::StoreError>>), AppError> {
    let by = ctx.user()?;
    let row =
        repo::get(&mut ctx.db().acquire().await?, by.org, id).await?.ok_or(AppError::NotFound(Entity::Evidence))?;
    let key = if thumbnail {
        row.thumb_key.clone().ok_or(AppError::NotFound(Entity::Evidence))?
    } else {
        row.store_key.clone()
    };
    match ctx.state.config.evidence.get(&key).await {
        Ok((size, stream)) => Ok((row, size, stream)),
        Err(object_store::Error::NotFound { .. }) => Err(AppError::NotFound(Entity::Evidence)),
        Err(e) => Err(crate::error::internal(&e)),
    }
}

/// Deletes file `id` of project `key`: the row (audited), then the objects; those the store
/// could not remove now are left to an `evidence_purge` job.
pub async fn delete(ctx: &ServerCtx, key: &str, id: EvidenceId) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let row = repo::get(&mut tx, by.org, id).await?.filter(|r| r.project_id == p.id.0);
    let row = row.ok_or(AppError::NotFound(Entity::Evidence))?;
    if !may_delete(by, &row) {
        return Err(if row.uploaded_by == Some(by.id.0) {
            AppError::conflict("This run is completed; an admin can remove its evidence.")
        } else {
            AppError::Forbidden
        });
    }
    repo::delete(&mut tx, by.org, id).await?;
    let run_key = crate::wire::human_key(&p.key, crate::wire::Numbered::Run, row.run_number);
    let detail = format!("{} ({}, {} bytes)", row.display_name, row.content_type, row.size_bytes);
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::EvidenceDeleted, &run_key, detail)?, now).await?;
    tx.commit().await?;
    let store = &ctx.state.config.evidence;
    let mut left = Vec::new();
    for k in std::iter::once(row.store_key).chain(row.thumb_key) {
        if let Err(e) = store.delete(&k).await {
            tracing::warn!(key = %k, error = %e, "evidence not removed from the store now; a job will retry");
            left.push(k);
        }
    }
    if !left.is_empty() {
        purge::enqueue(&mut ctx.db().acquire().await?, by.org, left, now).await?;
    }
    Ok(())
}
