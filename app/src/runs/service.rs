//! Use cases of test runs: plan (from case numbers, stories, or the failed and blocked of an
//! earlier run), start (snapshotting each case's revision), record batches of the runner's
//! operations, complete, and reopen (admins, audited).
use super::{
    model::{BatchOutcome, Execution, Op, RunInput, RunStatus, RunSummary},
    ops, repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::permissions::{allows, Permission},
    db::Chain,
    error::{AppError, Entity},
    events::hub::Hub,
    notifications::{
        model::NoticeKind,
        service::{notify, Notice},
    },
    projects::{counters, model::ProjectRef, service as projects},
    state::ServerCtx,
    users::model::UserId,
    wire::Numbered,
};

/// Most runs listed.
pub const LIST_LIMIT: i64 = 100;
/// Most cases a run's page lists.
pub const CASES_LIMIT: i64 = 1_000;
/// Most earlier results a case's history shows.
pub const HISTORY_LIMIT: i64 = 50;

/// The latest results of case `number` in the project's runs (newest first): the case page's
/// "Latest results".
pub async fn case_history(ctx: &ServerCtx, key: &str, number: i64) -> Result<Vec<super::model::PastResult>, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    Ok(repo::history(&mut c, org, p.id, number, HISTORY_LIMIT).await?)
}

async fn run_of(
    c: &mut impl crate::db::AsConn,
    ctx: &ServerCtx,
    p: &ProjectRef,
    number: i64,
) -> Result<RunSummary, AppError> {
    repo::get(c, ctx.user()?.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Run))
}

fn audit_event(ctx: &ServerCtx, action: AuditAction, run: &str, detail: String) -> Result<AuditEvent, AppError> {
    let by = ctx.user()?;
    Ok(AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(run.to_owned()).detail(detail))
}

/// Plans a run; returns its number.
pub async fn create(ctx: &ServerCtx, key: &str, input: &RunInput) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let valid = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let mut numbers = input.cases.clone();
    numbers
        .extend(repo::cases_of_stories(&mut tx, by.org, p.id, &input.stories, super::model::MAX_CASES as i64).await?);
    if let Some(list) = input.list {
        numbers.extend(crate::test_cases::lists::service::numbers(&mut tx, by.org, &p, list).await?);
    }
    if input.all {
        numbers.extend(repo::all_cases(&mut tx, by.org, p.id, super::model::MAX_CASES as i64).await?);
    }
    if let Some(earlier) = input.rerun_of {
        let earlier = run_of(&mut tx, ctx, &p, earlier).await?;
        numbers.extend(repo::failed_and_blocked(&mut tx, by.org, earlier.id).await?);
    }
    let mut seen = std::collections::BTreeSet::new();
    numbers.retain(|n| seen.insert(*n));
    numbers.truncate(super::model::MAX_CASES);
    let number = counters::next(&mut tx, p.id, Numbered::Run).await?;
    let id = repo::insert(&mut tx, by.org, p.id, number, &valid, by.id, now).await?;
    let added = repo::add_cases(&mut tx, by.org, p.id, id, &numbers, now).await?;
    if added == 0 {
        let mut e = crate::error::FieldErrors::default();
        e.add("cases", "None of these cases is in this project (or the earlier run had no failed or blocked case).");
        return Err(AppError::Invalid(e));
    }
    let run_key = crate::wire::human_key(&p.key, Numbered::Run, number);
    audit::repo::record(
        &mut tx,
        &audit_event(ctx, AuditAction::RunCreated, &run_key, format!("{}: {added} cases", valid.name))?,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

pub async fn list(ctx: &ServerCtx, key: &str) -> Result<Vec<RunSummary>, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    Ok(repo::list(&mut c, org, p.id, LIST_LIMIT).await?)
}

/// A run with its cases (the first `CASES_LIMIT`).
pub async fn get(
    ctx: &ServerCtx,
    key: &str,
    number: i64,
) -> Result<(RunSummary, Vec<super::model::RunCase>), AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let run = run_of(&mut c, ctx, &p, number).await?;
    let cases = repo::cases(&mut c, run.id, CASES_LIMIT).await?;
    Ok((run, cases))
}

/// One execution of a run: the snapshot it executes and its marks.
pub async fn execution(ctx: &ServerCtx, key: &str, number: i64, case: i64) -> Result<Execution, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let run = run_of(&mut c, ctx, &p, number).await?;
    let (id, case, gherkin) =
        repo::execution(&mut c, run.id, case).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    let marks = repo::marks(&mut c, id).await?;
    let history = repo::history(&mut c, org, p.id, case.number, HISTORY_LIMIT).await?;
    let order = repo::order(&mut c, run.id).await?;
    let scenarios = super::snapshot::scenarios(&gherkin);
    Ok(Execution { run, case, gherkin, scenarios, marks, history, order })
}

/// Starts a planned run: what each case says now is what the run executes.
pub async fn start(ctx: &ServerCtx, key: &str, number: i64) -> Result<RunSummary, AppError> {
    let by = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    if !repo::start(&mut tx, by.org, run.id, ctx.now()).await? {
        return Err(AppError::conflict("This run has already started."));
    }
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::RunStarted, &run.key, run.name.clone())?, ctx.now())
        .await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    tx.commit().await?;
    Ok(run)
}

/// Applies a batch of the runner's operations to run `number`, in one transaction.
pub async fn record(ctx: &ServerCtx, key: &str, number: i64, batch: &[Op]) -> Result<BatchOutcome, AppError> {
    let by = ctx.user()?;
    ops::check(batch)?;
    let now = ctx.now();
    let mut cases: Vec<i64> = batch.iter().map(|o| o.case).collect();
    cases.sort_unstable();
    cases.dedup();
    let mut tx = ctx.db().begin().await?;
    let mut target = match repo::record::target(&mut tx, by.org, key, number, &cases).await? {
        Some(t) => t,
        // Which is missing: the project, the run, or (below) the cases.
        None => {
            let p = projects::by_key(&mut tx, by.org, key).await?;
            let (run, status) =
                repo::status_of(&mut tx, by.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Run))?;
            repo::record::Target { project_key: p.key, run, status, execs: Default::default() }
        }
    };
    match target.status {
        RunStatus::InProgress => {}
        RunStatus::Planned => return Err(AppError::conflict("Start the run before recording results.")),
        RunStatus::Completed => return Err(AppError::conflict("This run is completed; an admin can reopen it.")),
    }
    let mut writes = Chain::new(ctx.db().backend());
    let outcome = ops::apply(&mut tx, by.org, &mut target, by.id, batch, now, &mut writes).await?;
    if outcome.applied > 0 {
        let run_key = crate::wire::human_key(&target.project_key, Numbered::Run, number);
        let detail = format!("{} result(s) recorded", outcome.applied);
        audit::repo::push(&mut writes, &audit_event(ctx, AuditAction::ResultsRecorded, &run_key, detail)?, now);
        // Everyone of the organization watching the run sees the marks (the runner of [F6]).
        let data = serde_json::json!({ "run": run_key, "statuses": outcome.statuses, "by": by.id.0 }).to_string();
        crate::events::repo::push(&mut writes, by.org, None, "run", &data, now);
    }
    // The marks, statuses, audit row and event in one round trip; the event's seq comes back.
    let seq = writes.run(&mut tx).await?;
    tx.commit().await?;
    if let Some(seq) = seq {
        ctx.state.hub.announce(seq);
    }
    Ok(outcome)
}

/// Most runs "runs assigned to you" lists.
pub const ASSIGNED_LIMIT: i64 = 20;

/// Gives the cases numbered `cases` of run `number` to the member `assignee` (a member's id;
/// empty for nobody), who is told; returns how many cases changed hands. A completed run is
/// sealed; the assignee must be an active member whose role executes runs.
pub async fn assign(ctx: &ServerCtx, key: &str, number: i64, cases: &[i64], assignee: &str) -> Result<u64, AppError> {
    let by = ctx.user()?;
    if cases.is_empty() {
        return Err(AppError::invalid("cases", "Select the cases to assign."));
    }
    if cases.len() > super::model::MAX_CASES {
        return Err(AppError::invalid("cases", format!("A run holds at most {} cases.", super::model::MAX_CASES)));
    }
    let assignee = match assignee.trim() {
        "" => None,
        v => Some(UserId(v.parse().map_err(|_| AppError::invalid("assignee", "Pick a member from the list."))?)),
    };
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    if run.status == RunStatus::Completed {
        return Err(AppError::conflict("This run is completed; an admin can reopen it."));
    }
    let member = match assignee {
        None => None,
        Some(id) => {
            let m = crate::stories::service::active_member(&mut tx, by.org, id).await?;
            if !allows(m.role, Permission::EditTestArtifacts) {
                return Err(AppError::invalid(
                    "assignee",
                    format!("{} cannot record results (role {}): pick QA or an admin.", m.name, m.role.label()),
                ));
            }
            Some(m)
        }
    };
    let changed = repo::assign::assign(&mut tx, by.org, run.id, cases, assignee).await?;
    let mut told = crate::notifications::service::Told::default();
    let mut seq = 0;
    if changed > 0 {
        // Open pages of the run show the new assignees.
        let data = serde_json::json!({ "run": run.key, "statuses": [], "by": by.id.0 }).to_string();
        seq = Hub::publish_in(&mut tx, by.org, None, "run", &data, now).await?;
        let to = member.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| "nobody".into());
        let detail = format!("{changed} case(s) to {to}");
        audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::RunCasesAssigned, &run.key, detail)?, now).await?;
        if let Some(m) = &member {
            let text = format!(
                "{} assigned you {} of {} “{}”",
                by.name,
                crate::ui::feedback::plural(changed as i64, "case", "cases"),
                run.key,
                run.name
            );
            let href = format!("/projects/{}/runs/{}?mine=1", p.key, run.number);
            let notice = Notice { kind: NoticeKind::Assigned, subject: &run.key, text: &text, href: &href };
            told = notify(&mut tx, ctx, &[m.id], &notice, now).await?;
        }
    }
    tx.commit().await?;
    told.after_commit(ctx, seq).await;
    Ok(changed)
}

/// The runs not yet completed where the caller has cases to execute.
pub async fn assigned_to_me(ctx: &ServerCtx) -> Result<Vec<super::model::AssignedRun>, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    Ok(repo::assign::assigned_to(&mut c, by.org, by.id, ASSIGNED_LIMIT).await?)
}

/// Completes an in-progress run (sealed: no more results).
pub async fn complete(ctx: &ServerCtx, key: &str, number: i64) -> Result<RunSummary, AppError> {
    transition(ctx, key, number, RunStatus::InProgress, RunStatus::Completed, AuditAction::RunCompleted).await
}

/// Reopens a completed run: admins only, audited.
pub async fn reopen(ctx: &ServerCtx, key: &str, number: i64) -> Result<RunSummary, AppError> {
    ctx.require(Permission::ManageOrg)?;
    transition(ctx, key, number, RunStatus::Completed, RunStatus::InProgress, AuditAction::RunReopened).await
}

async fn transition(
    ctx: &ServerCtx,
    key: &str,
    number: i64,
    from: RunStatus,
    to: RunStatus,
    action: AuditAction,
) -> Result<RunSummary, AppError> {
    let by = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    if !repo::set_status(&mut tx, by.org, run.id, from, to, ctx.now()).await? {
        return Err(AppError::conflict(format!(
            "This run is {}, not {}.",
            run.status.label().to_lowercase(),
            from.label().to_lowercase()
        )));
    }
    audit::repo::record(&mut tx, &audit_event(ctx, action, &run.key, run.name.clone())?, ctx.now()).await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    tx.commit().await?;
    Ok(run)
}

/// Deletes run `number` with its executions, results and evidence rows, in one transaction with
/// its audit event and the `evidence_purge` job that removes the evidence files from the store:
/// admins only.
pub async fn delete(ctx: &ServerCtx, key: &str, number: i64) -> Result<(), AppError> {
    let by = ctx.require(Permission::ManageOrg)?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let run = run_of(&mut tx, ctx, &p, number).await?;
    let files = crate::evidence::repo::keys_of_run(&mut tx, by.org, run.id).await?;
    let detail = format!("{}: {} cases, {} evidence objects", run.name, run.counts.total(), files.len());
    repo::delete(&mut tx, by.org, run.id).await?;
    crate::evidence::purge::enqueue(&mut tx, by.org, files, now).await?;
    audit::repo::record(&mut tx, &audit_event(ctx, AuditAction::RunDeleted, &run.key, detail)?, now).await?;
    tx.commit().await?;
    Ok(())
}
