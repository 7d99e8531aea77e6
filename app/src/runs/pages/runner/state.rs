//! The runner's state in the browser: the marks as the tester sees them (their own at once,
//! others' as the stream reports them), the step in focus, the timer, and the queue of
//! operations not yet acknowledged — sent in batches, kept and sent again after a failure (the
//! server applies each id once, so sending twice is harmless).
use crate::{
    error::AppError,
    runs::{
        api::record_results,
        model::{derive_status, ExecStatus, Execution, Op, OpKind, StepMark, StepStatus},
    },
};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Operations sent in one batch.
const BATCH: usize = 100;
/// Wait before sending again after a failure.
const RETRY_MS: u64 = 3_000;

/// A step by scenario and step index (from 0).
pub type At = (usize, usize);

/// What is known of one step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mark {
    pub status: Option<StepStatus>,
    pub actual: String,
    pub comment: String,
    pub by: Option<String>,
}

/// Whether the queue has reached the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    /// Kept and sent again; the reason.
    Retrying(String),
    /// The server refused the batch (the run was completed, …): kept, not sent again.
    Refused(String),
}

#[derive(Clone, Copy)]
pub struct Runner {
    pub key: StoredValue<String>,
    pub run: i64,
    pub case: i64,
    /// Steps per scenario.
    pub shape: StoredValue<Vec<usize>>,
    pub marks: RwSignal<BTreeMap<At, Mark>>,
    pub current: RwSignal<At>,
    pub pending: RwSignal<Vec<Op>>,
    pub sending: RwSignal<bool>,
    pub save: RwSignal<SaveState>,
    /// Time recorded before the timer last started.
    pub elapsed: RwSignal<i64>,
    /// When the timer started (ms since the epoch), while it runs.
    pub since: RwSignal<Option<i64>>,
    /// Ticks every second while the timer runs, to redraw it.
    pub tick: RwSignal<u64>,
    /// Operations made here: a counter for their ids.
    pub made: StoredValue<u64>,
}

pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().timestamp_millis()
    }
}

fn random() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// The timer's reading: the time recorded, plus the time since it started when it runs.
fn reading(elapsed: i64, since: Option<i64>) -> i64 {
    elapsed + since.map(|s| (now_ms() - s).max(0)).unwrap_or(0)
}

fn marks_of(list: &[StepMark]) -> BTreeMap<At, Mark> {
    list.iter()
        .map(|m| {
            let at = (m.scenario as usize, m.step as usize);
            (
                at,
                Mark { status: Some(m.status), actual: m.actual.clone(), comment: m.comment.clone(), by: m.by.clone() },
            )
        })
        .collect()
}

impl Runner {
    pub fn new(key: String, exec: &Execution) -> Self {
        let shape: Vec<usize> = exec.scenarios.iter().map(|s| s.steps.len()).collect();
        let marks = marks_of(&exec.marks);
        let first_open = shape
            .iter()
            .enumerate()
            .flat_map(|(s, n)| (0..*n).map(move |t| (s, t)))
            .find(|at| marks.get(at).is_none_or(|m| m.status.is_none()))
            .unwrap_or((0, 0));
        Runner {
            key: StoredValue::new(key),
            run: exec.run.number,
            case: exec.case.number,
            shape: StoredValue::new(shape),
            marks: RwSignal::new(marks),
            current: RwSignal::new(first_open),
            pending: RwSignal::new(Vec::new()),
            sending: RwSignal::new(false),
            save: RwSignal::new(SaveState::Saved),
            elapsed: RwSignal::new(exec.case.elapsed_ms),
            since: RwSignal::new(None),
            tick: RwSignal::new(0),
            made: StoredValue::new(0),
        }
    }

    /// The execution's status from the marks on screen (the server derives the same).
    pub fn status(&self) -> ExecStatus {
        let steps: usize = self.shape.with_value(|s| s.iter().sum());
        self.marks.with(|m| {
            let marks: Vec<StepStatus> = m.values().filter_map(|x| x.status).collect();
            derive_status(steps, &marks)
        })
    }

    pub fn mark_of(&self, at: At) -> Mark {
        self.marks.with(|m| m.get(&at).cloned().unwrap_or_default())
    }

    /// The timer's reading now, in milliseconds.
    pub fn elapsed_now(&self) -> i64 {
        self.tick.track();
        reading(self.elapsed.get(), self.since.get())
    }

    pub fn running(&self) -> bool {
        self.since.get().is_some()
    }

    pub fn start_timer(&self) {
        if self.since.get_untracked().is_none() {
            self.since.set(Some(now_ms()));
        }
    }

    /// Pauses the timer and records the time spent.
    pub fn pause_timer(&self) {
        if let Some(s) = self.since.get_untracked() {
            self.elapsed.update(|e| *e += (now_ms() - s).max(0));
            self.since.set(None);
            let elapsed_ms = self.elapsed.get_untracked();
            self.push(vec![OpKind::Timer { elapsed_ms }]);
        }
    }

    fn op(&self, kind: OpKind) -> Op {
        let n = self.made.get_value() + 1;
        self.made.set_value(n);
        let at = chrono::DateTime::from_timestamp_millis(now_ms()).unwrap_or_default();
        Op { id: format!("{:x}-{:x}-{n}", now_ms(), random()), at, case: self.case, kind }
    }

    fn push(&self, kinds: Vec<OpKind>) {
        let ops: Vec<Op> = kinds.into_iter().map(|k| self.op(k)).collect();
        self.pending.update(|p| p.extend(ops));
        self.flush();
    }

    /// Marks the steps `at` with `status` (and the notes typed for each), starting the timer.
    pub fn mark(&self, steps: &[At], status: StepStatus) {
        if steps.is_empty() {
            return;
        }
        self.start_timer();
        let mut kinds = Vec::new();
        self.marks.update(|m| {
            for at in steps {
                let mark = m.entry(*at).or_default();
                mark.status = Some(status);
                mark.by = None;
                kinds.push(OpKind::Mark {
                    scenario: at.0 as i64,
                    step: at.1 as i64,
                    status,
                    actual: mark.actual.clone(),
                    comment: mark.comment.clone(),
                });
            }
        });
        let elapsed_ms = self.elapsed_untracked();
        kinds.push(OpKind::Timer { elapsed_ms });
        self.push(kinds);
    }

    fn elapsed_untracked(&self) -> i64 {
        reading(self.elapsed.get_untracked(), self.since.get_untracked())
    }

    /// Removes a step's mark.
    pub fn clear(&self, at: At) {
        self.marks.update(|m| {
            if let Some(mark) = m.get_mut(&at) {
                mark.status = None;
            }
        });
        self.push(vec![OpKind::Clear { scenario: at.0 as i64, step: at.1 as i64 }]);
    }

    /// Keeps the notes typed for a step; sent with its mark (again, when it is marked already).
    pub fn note(&self, at: At, actual: Option<String>, comment: Option<String>) {
        let mut resend = None;
        self.marks.update(|m| {
            let mark = m.entry(at).or_default();
            if let Some(a) = actual {
                mark.actual = a;
            }
            if let Some(c) = comment {
                mark.comment = c;
            }
            resend = mark.status.map(|status| OpKind::Mark {
                scenario: at.0 as i64,
                step: at.1 as i64,
                status,
                actual: mark.actual.clone(),
                comment: mark.comment.clone(),
            });
        });
        if let Some(kind) = resend {
            self.push(vec![kind]);
        }
    }

    /// The steps of scenario `s` not marked yet.
    pub fn unmarked_of(&self, s: usize) -> Vec<At> {
        let n = self.shape.with_value(|sh| sh.get(s).copied().unwrap_or(0));
        self.marks.with_untracked(|m| {
            (0..n).map(|t| (s, t)).filter(|at| m.get(at).is_none_or(|x| x.status.is_none())).collect()
        })
    }

    /// Moves the focus `by` steps (across scenarios), staying inside the case.
    pub fn step_by(&self, by: i64) {
        let all: Vec<At> =
            self.shape.with_value(|sh| sh.iter().enumerate().flat_map(|(s, n)| (0..*n).map(move |t| (s, t))).collect());
        let here = all.iter().position(|a| *a == self.current.get_untracked()).unwrap_or(0) as i64;
        if let Some(at) = all.get((here + by).clamp(0, all.len() as i64 - 1) as usize) {
            self.current.set(*at);
        }
    }

    /// Sends what is queued, a batch at a time; keeps it after a failure.
    pub fn flush(&self) {
        if self.sending.get_untracked() || self.pending.with_untracked(Vec::is_empty) {
            return;
        }
        if matches!(self.save.get_untracked(), SaveState::Refused(_)) {
            return;
        }
        let batch: Vec<Op> = self.pending.with_untracked(|p| p.iter().take(BATCH).cloned().collect());
        self.sending.set(true);
        self.save.set(SaveState::Saving);
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = record_results(this.key.get_value(), this.run, batch.clone()).await;
            this.sending.set(false);
            match result {
                Ok(_) => {
                    let sent: Vec<&str> = batch.iter().map(|o| o.id.as_str()).collect();
                    this.pending.update(|p| p.retain(|o| !sent.contains(&o.id.as_str())));
                    if this.pending.with_untracked(Vec::is_empty) {
                        this.save.set(SaveState::Saved);
                    } else {
                        this.flush();
                    }
                }
                Err(
                    e @ (AppError::Conflict(_) | AppError::Invalid(_) | AppError::Forbidden | AppError::NotFound(_)),
                ) => {
                    this.save.set(SaveState::Refused(crate::ui::form::describe(&e)));
                }
                Err(e) => {
                    this.save.set(SaveState::Retrying(e.to_string()));
                    set_timeout(move || this.flush(), std::time::Duration::from_millis(RETRY_MS));
                }
            }
        });
    }

    /// Takes in what the server says now (someone else marked steps): every step without an
    /// operation of ours still waiting.
    pub fn merge(&self, exec: &Execution) {
        let waiting: Vec<At> = self.pending.with_untracked(|p| {
            p.iter()
                .filter_map(|o| match o.kind {
                    OpKind::Mark { scenario, step, .. } | OpKind::Clear { scenario, step } => {
                        Some((scenario as usize, step as usize))
                    }
                    OpKind::Timer { .. } => None,
                })
                .collect()
        });
        let server = marks_of(&exec.marks);
        self.marks.update(|m| {
            m.retain(|at, x| waiting.contains(at) || server.contains_key(at) || x.status.is_none());
            for (at, mark) in server {
                if !waiting.contains(&at) {
                    m.insert(at, mark);
                }
            }
        });
    }
}

/// `1:05:09` or `4:02`.
pub fn clock(ms: i64) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn the_timer_reads_as_a_clock() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65_400), "1:05");
        assert_eq!(clock(3_909_000), "1:05:09");
    }
}
