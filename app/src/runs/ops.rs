//! Applying a batch of runner operations in the caller's transaction: each operation is applied
//! once (its client-generated id is recorded; a replay is counted and skipped), a step's later
//! mark (by the tester's clock) wins over an earlier one whatever order they arrive in, so two
//! testers' interleaved batches and any replay end in the same state; every touched execution's
//! status is derived again from its steps.
use super::{
    model::{derive_status, BatchOutcome, Op, OpKind, MAX_BATCH, MAX_NOTE},
    repo::{self, record, record::Target},
};
use crate::{
    db::{Chain, Tx},
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

/// What the batch does to one execution beside its marks.
#[derive(Default)]
struct Touch {
    /// A new operation of the batch names it.
    fresh: bool,
    elapsed: Option<i64>,
    /// Its step counts, when this batch counted them from the snapshot.
    counted: Option<String>,
}

/// Applies `ops` (already `check`ed) to the run `target` holds (read by `repo::record::target`,
/// which on PostgreSQL also locked the executions) as `by`: the executions and step positions
/// are checked first (a batch naming a step that does not exist is refused whole), then every id
/// is claimed in one statement, and of the new operations each one later than its step's mark is
/// written, marks in one statement and clears in another. Each touched execution's status is
/// derived from its marks as they now stand, without reading them again. The writes are added to
/// `writes`, which the caller sends (with its own audit row and event) in one round trip.
pub async fn apply(
    tx: &mut Tx,
    org: OrgId,
    target: &mut Target,
    by: UserId,
    ops: &[Op],
    now: DateTime<Utc>,
    writes: &mut Chain,
) -> Result<BatchOutcome, AppError> {
    let mut touched: BTreeMap<i64, Touch> = BTreeMap::new();
    for op in ops {
        let Some(exec) = target.execs.get_mut(&op.case) else {
            return Err(invalid(op, format!("case {} is not part of this run", op.case)));
        };
        let touch = touched.entry(op.case).or_default();
        if exec.steps.is_none() {
            let counts = super::snapshot::step_counts(&record::snapshot(tx, exec.id).await?);
            touch.counted = Some(record::format_counts(&counts));
            exec.steps = Some(counts);
        }
        let steps = exec.steps.as_deref().unwrap_or_default();
        let in_range = |scenario: i64, step: i64| {
            usize::try_from(scenario)
                .ok()
                .and_then(|s| steps.get(s))
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
    let fresh: BTreeSet<String> = repo::claim_ops(tx, org, target.run, &ids, now).await?.into_iter().collect();
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
        let touch = touched.entry(op.case).or_default();
        touch.fresh = true;
        match &op.kind {
            OpKind::Mark { scenario, step, .. } | OpKind::Clear { scenario, step } => {
                let slot = latest.entry((op.case, *scenario, *step)).or_insert(op);
                if op.at >= slot.at {
                    *slot = op;
                }
            }
            OpKind::Timer { elapsed_ms } => touch.elapsed = Some(touch.elapsed.unwrap_or(0).max(*elapsed_ms)),
        }
    }
    // Each one against the step's mark: the later stays (the new one on a tie).
    let (mut marks, mut clears) = (Vec::new(), Vec::new());
    for ((case, scenario, step), op) in &latest {
        let Some(exec) = target.execs.get_mut(case) else { continue };
        let position = (*scenario, *step);
        if exec.marks.get(&position).is_some_and(|prior| prior.at > op.at) {
            continue;
        }
        match &op.kind {
            OpKind::Mark { status, actual, comment, .. } => {
                exec.marks.insert(position, record::Prior { status: *status, at: op.at });
                marks.push(record::NewMark {
                    exec: exec.id,
                    scenario: *scenario,
                    step: *step,
                    status: *status,
                    actual,
                    comment,
                    at: op.at,
                });
            }
            OpKind::Clear { .. } => {
                if exec.marks.remove(&position).is_some() {
                    clears.push((exec.id, *scenario, *step));
                }
            }
            OpKind::Timer { .. } => {}
        }
    }
    record::push_marks(writes, &marks, by);
    record::push_clears(writes, &clears);
    for (number, touch) in &touched {
        let exec = &target.execs[number];
        let statuses: Vec<_> = exec.marks.values().map(|m| m.status).collect();
        let status = derive_status(exec.steps.iter().flatten().sum(), &statuses);
        if touch.fresh || touch.counted.is_some() {
            let update = record::ExecUpdate {
                id: exec.id,
                status,
                elapsed_ms: touch.elapsed,
                step_counts: touch.counted.as_deref(),
            };
            record::push_exec(writes, &update, by, now);
        }
        outcome.statuses.push((*number, status));
    }
    Ok(outcome)
}
