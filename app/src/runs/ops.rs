//! Applying a batch of runner operations in the caller's transaction: each operation is applied
//! once (its client-generated id is recorded; a replay is counted and skipped), a step's later
//! mark (by the tester's clock) wins over an earlier one whatever order they arrive in, so two
//! testers' interleaved batches and any replay end in the same state; every touched execution's
//! status is derived again from its steps.
use super::{
    model::{derive_status, BatchOutcome, Op, OpKind, RunId, MAX_BATCH, MAX_NOTE},
    repo,
};
use crate::{
    db::Tx,
    error::{AppError, FieldErrors},
    orgs::model::OrgId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// Longest time an execution's timer may record: a week.
const MAX_ELAPSED_MS: i64 = 7 * 24 * 3_600_000;

fn invalid(op: &Op, message: String) -> AppError {
    let mut e = FieldErrors::default();
    e.add("ops", format!("Operation {}: {message}", op.id));
    AppError::Invalid(e)
}

/// The cheap checks of a batch, before any database work.
pub fn check(ops: &[Op]) -> Result<(), AppError> {
    if ops.is_empty() || ops.len() > MAX_BATCH {
        return Err(AppError::BadRequest(format!("Send between 1 and {MAX_BATCH} operations at once.")));
    }
    for op in ops {
        if op.id.is_empty()
            || op.id.len() > 64
            || !op.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(invalid(op, "its id must be 1–64 letters, digits, - or _ (a UUID)".to_owned()));
        }
        match &op.kind {
            OpKind::Mark { scenario, step, actual, comment, .. } => {
                if *scenario < 0 || *step < 0 {
                    return Err(invalid(op, "scenario and step count from 0".to_owned()));
                }
                if actual.chars().count() > MAX_NOTE || comment.chars().count() > MAX_NOTE {
                    return Err(invalid(op, format!("keep the actual result and comment under {MAX_NOTE} characters")));
                }
            }
            OpKind::Clear { scenario, step } if *scenario < 0 || *step < 0 => {
                return Err(invalid(op, "scenario and step count from 0".to_owned()));
            }
            OpKind::Timer { elapsed_ms } if !(0..=MAX_ELAPSED_MS).contains(elapsed_ms) => {
                return Err(invalid(op, "the timer must be between 0 and a week".to_owned()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// One execution as a batch sees it: its row and the number of steps of each scenario.
struct Exec {
    id: i64,
    steps: Vec<usize>,
    elapsed: Option<i64>,
}

/// Applies `ops` (already `check`ed) to run `run` as `by`: the executions and step positions are
/// checked first (a batch naming a step that does not exist is refused whole), then every id is
/// claimed in one statement, the latest new operation of each step is written in one statement,
/// and each touched execution's status is derived again.
pub async fn apply(
    tx: &mut Tx,
    org: OrgId,
    run: RunId,
    by: UserId,
    ops: &[Op],
    now: DateTime<Utc>,
) -> Result<BatchOutcome, AppError> {
    let mut execs: BTreeMap<i64, Exec> = BTreeMap::new();
    for op in ops {
        if let std::collections::btree_map::Entry::Vacant(slot) = execs.entry(op.case) {
            let Some((id, _, snapshot)) = repo::execution(tx, run, op.case).await? else {
                return Err(invalid(op, format!("case {} is not part of this run", op.case)));
            };
            let steps = super::snapshot::step_counts(&snapshot);
            slot.insert(Exec { id, steps, elapsed: None });
        }
        let exec = &execs[&op.case];
        let in_range = |scenario: i64, step: i64| {
            usize::try_from(scenario)
                .ok()
                .and_then(|s| exec.steps.get(s))
                .is_some_and(|n| usize::try_from(step).is_ok_and(|st| st < *n))
        };
        if let OpKind::Mark { scenario, step, .. } | OpKind::Clear { scenario, step } = &op.kind {
            if !in_range(*scenario, *step) {
                return Err(invalid(op, format!("case {} has no step {step} in scenario {scenario}", op.case)));
            }
        }
    }
    // A batch may name an id twice: it counts once.
    let mut ids: Vec<&str> = ops.iter().map(|o| o.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let fresh: BTreeSet<String> = repo::claim_ops(tx, org, run, &ids, now).await?.into_iter().collect();
    let mut outcome = BatchOutcome {
        applied: fresh.len() as i64,
        duplicates: (ops.len() - fresh.len()) as i64,
        statuses: Vec::new(),
    };
    // Of the new operations on one step, the latest (by the tester's time; the later in the
    // batch on a tie) is the one that counts, as if they had come one by one.
    let mut latest: BTreeMap<(i64, i64, i64), &Op> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for op in ops.iter().filter(|o| fresh.contains(&o.id) && taken.insert(o.id.as_str())) {
        match &op.kind {
            OpKind::Mark { scenario, step, .. } | OpKind::Clear { scenario, step } => {
                let slot = latest.entry((op.case, *scenario, *step)).or_insert(op);
                if op.at >= slot.at {
                    *slot = op;
                }
            }
            OpKind::Timer { elapsed_ms } => {
                if let Some(exec) = execs.get_mut(&op.case) {
                    exec.elapsed = Some(exec.elapsed.unwrap_or(0).max(*elapsed_ms));
                }
            }
        }
    }
    let mut marks = Vec::new();
    for ((case, scenario, step), op) in &latest {
        let exec = execs[case].id;
        match &op.kind {
            OpKind::Mark { status, actual, comment, .. } => marks.push(repo::NewMark {
                exec,
                scenario: *scenario,
                step: *step,
                status: *status,
                actual,
                comment,
                at: op.at,
            }),
            OpKind::Clear { .. } => repo::clear(tx, exec, *scenario, *step, op.at).await?,
            OpKind::Timer { .. } => {}
        }
    }
    repo::mark_all(tx, &marks, by).await?;
    for (number, exec) in &execs {
        let marks = repo::mark_statuses(tx, exec.id).await?;
        let status = derive_status(exec.steps.iter().sum(), &marks);
        repo::set_exec(tx, exec.id, status, by, exec.elapsed, now).await?;
        outcome.statuses.push((*number, status));
    }
    Ok(outcome)
}
