//! Wire types of test runs.
use crate::{
    error::{AppError, FieldErrors},
    users::model::UserId,
    wire_enum,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::id_newtype!(
    /// A run's row id.
    RunId
);

wire_enum! {
    /// Where a run is in its life.
    pub enum RunStatus {
        Planned = "planned" / "Planned",
        InProgress = "in_progress" / "In progress",
        Completed = "completed" / "Completed",
    }
}

wire_enum! {
    /// How one case of a run went, derived from its steps.
    pub enum ExecStatus {
        Untested = "untested" / "Not run",
        InProgress = "in_progress" / "In progress",
        Passed = "passed" / "Passed",
        Failed = "failed" / "Failed",
        Blocked = "blocked" / "Blocked",
        Skipped = "skipped" / "Skipped",
    }
}

impl ExecStatus {
    /// Whether the execution has its result (passed, failed, blocked or skipped).
    pub fn is_final(self) -> bool {
        matches!(self, ExecStatus::Passed | ExecStatus::Failed | ExecStatus::Blocked | ExecStatus::Skipped)
    }
}

wire_enum! {
    /// A step's mark.
    pub enum StepStatus {
        Passed = "passed" / "Passed",
        Failed = "failed" / "Failed",
        Blocked = "blocked" / "Blocked",
        Skipped = "skipped" / "Skipped",
    }
}

/// Most cases in one run.
pub const MAX_CASES: usize = 10_000;
/// Most operations in one batch.
pub const MAX_BATCH: usize = 500;
/// Longest actual result or comment of a step.
pub const MAX_NOTE: usize = 5_000;

/// What a person types to plan a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunInput {
    pub name: String,
    /// Environment or build under test ("staging, build 1.4.2").
    pub environment: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_date: String,
    /// The cases, by number in the project.
    pub cases: Vec<i64>,
    /// Or every case of these stories (numbers).
    pub stories: Vec<i64>,
    /// Or the failed and blocked cases of this run (number).
    pub rerun_of: Option<i64>,
    /// Or every case of the project (up to [`MAX_CASES`]).
    pub all: bool,
    /// Or the cases of this saved list (its id).
    pub list: Option<i64>,
}

/// A validated run plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRun {
    pub name: String,
    pub environment: String,
    pub due_date: Option<chrono::NaiveDate>,
}

impl RunInput {
    pub fn validate(&self) -> Result<ValidRun, AppError> {
        let mut e = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            e.add("name", "Name the run, e.g. “Sprint 14 regression”.");
        } else if name.chars().count() > 200 {
            e.add("name", "Use at most 200 characters.");
        }
        if self.environment.chars().count() > 200 {
            e.add("environment", "Use at most 200 characters.");
        }
        let due_date = match self.due_date.trim() {
            "" => None,
            d => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    e.add("due_date", "Use a date like 2026-12-31.");
                    None
                }
            },
        };
        if self.cases.is_empty()
            && self.stories.is_empty()
            && self.rerun_of.is_none()
            && !self.all
            && self.list.is_none()
        {
            e.add(
                "cases",
                "Pick the cases to run: by number, by story, from a saved list, or the failed and blocked of an earlier run.",
            );
        } else if self.cases.len() > MAX_CASES || self.stories.len() > 1_000 {
            e.add("cases", format!("A run holds at most {MAX_CASES} cases."));
        }
        e.into_result()?;
        Ok(ValidRun { name: name.to_owned(), environment: self.environment.trim().to_owned(), due_date })
    }
}

/// The numbers a person lists for a run's cases or stories: keys or numbers (`SHOP-TC-4`,
/// `TC-4`, `4`) and ranges of numbers (`7-12`), separated by commas, spaces or new lines.
/// The first piece that is neither, as an error in plain words.
pub fn parse_numbers(text: &str) -> Result<Vec<i64>, String> {
    let mut out = Vec::new();
    for piece in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|p| !p.is_empty()) {
        if let Some(n) = one_number(piece) {
            out.push(n);
            continue;
        }
        let range = piece.split_once('-').and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)));
        match range {
            Some((a, b)) if a > 0 && a <= b && b - a < MAX_CASES as i64 => out.extend(a..=b),
            Some(_) => return Err(format!("“{piece}” is not a range this form takes: write the smaller number first, at most {MAX_CASES} numbers.")),
            None => return Err(format!("“{piece}” is not a key or a number, e.g. TC-4, 7 or 7-12.")),
        }
        if out.len() > MAX_CASES {
            return Err(format!("A run holds at most {MAX_CASES} cases."));
        }
    }
    Ok(out)
}

/// `SHOP-TC-4`, `TC-4`, `us-4` or `4`.
fn one_number(piece: &str) -> Option<i64> {
    if let Some(n) = crate::wire::HumanKey::number_of(piece) {
        return Some(n);
    }
    let (kind, n) = piece.split_once('-')?;
    let kind_ok = kind.eq_ignore_ascii_case("TC") || kind.eq_ignore_ascii_case("US");
    n.parse::<i64>().ok().filter(|n| kind_ok && *n > 0)
}

/// How many cases of a run are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub untested: i64,
    pub in_progress: i64,
    pub passed: i64,
    pub failed: i64,
    pub blocked: i64,
    pub skipped: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.untested + self.in_progress + self.passed + self.failed + self.blocked + self.skipped
    }

    /// Cases with a final result.
    pub fn done(&self) -> i64 {
        self.passed + self.failed + self.blocked + self.skipped
    }

    /// Whole percent done; `None` for an empty run.
    pub fn percent(&self) -> Option<i64> {
        (self.total() > 0).then(|| self.done() * 100 / self.total())
    }

    pub fn add(&mut self, status: ExecStatus, n: i64) {
        match status {
            ExecStatus::Untested => self.untested += n,
            ExecStatus::InProgress => self.in_progress += n,
            ExecStatus::Passed => self.passed += n,
            ExecStatus::Failed => self.failed += n,
            ExecStatus::Blocked => self.blocked += n,
            ExecStatus::Skipped => self.skipped += n,
        }
    }
}

/// A run as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    pub id: RunId,
    /// `SHOP-RUN-3`.
    pub key: String,
    pub number: i64,
    pub name: String,
    pub environment: String,
    pub due_date: Option<String>,
    pub status: RunStatus,
    pub counts: Counts,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One case of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCase {
    /// The case's number in the project.
    pub number: i64,
    pub title: String,
    /// The revision executed (set when the run starts).
    pub revision: Option<i64>,
    pub status: ExecStatus,
    pub executed_by: Option<String>,
    pub elapsed_ms: i64,
    /// Who is to execute it (a member), if anyone.
    pub assignee_id: Option<UserId>,
    /// The assignee's name.
    pub assignee: Option<String>,
}

/// A run where someone has cases to execute: their "runs assigned to you".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedRun {
    /// `SHOP-RUN-3`.
    pub key: String,
    pub project: String,
    pub number: i64,
    pub name: String,
    pub status: RunStatus,
    pub due_date: Option<String>,
    /// Cases of the run assigned to them.
    pub assigned: i64,
    /// Of those, how many have no final result yet.
    pub open: i64,
}

/// A step's mark as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepMark {
    pub scenario: i64,
    pub step: i64,
    pub status: StepStatus,
    pub actual: String,
    pub comment: String,
    pub by: Option<String>,
}

/// One step to execute, as the snapshot says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStep {
    /// As written, e.g. `"Given "`.
    pub keyword: String,
    pub text: String,
    /// Its doc string or data table, as text.
    pub argument: Option<String>,
    /// Whether it comes from a Background.
    pub background: bool,
}

/// One scenario to execute: an outline's example is a scenario of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunScenario {
    pub name: String,
    pub steps: Vec<RunStep>,
}

/// One earlier (or this) execution of the same case, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastResult {
    /// `SHOP-RUN-3`.
    pub run_key: String,
    pub run_number: i64,
    pub run_name: String,
    pub status: ExecStatus,
    pub executed_by: Option<String>,
    pub at: DateTime<Utc>,
}

/// One execution with its snapshot and marks: what the runner shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Execution {
    pub run: RunSummary,
    pub case: RunCase,
    /// The Gherkin as it was when the run started.
    pub gherkin: String,
    /// The snapshot's scenarios as the runner walks them (Background steps included, outlines
    /// expanded); empty before the run starts or for a snapshot that does not parse.
    pub scenarios: Vec<RunScenario>,
    pub marks: Vec<StepMark>,
    /// The case's results in this project's runs, newest first.
    pub history: Vec<PastResult>,
    /// The case numbers of the run in order (the runner's "next case").
    pub order: Vec<i64>,
}

/// What an operation does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpKind {
    /// Marks step `step` of scenario `scenario` (both from 0, as `scenarios_to_run` lists them).
    Mark {
        scenario: i64,
        step: i64,
        status: StepStatus,
        #[serde(default)]
        actual: String,
        #[serde(default)]
        comment: String,
    },
    /// Removes a step's mark.
    Clear { scenario: i64, step: i64 },
    /// The execution's timer: the time spent so far.
    Timer { elapsed_ms: i64 },
}

/// One small, idempotent change to an execution, made by the runner (possibly offline) and sent
/// in a batch: applied once however often it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// Generated by the client (a UUID): the key that makes a replay harmless.
    pub id: String,
    /// When the tester made it (the client's clock): of two marks of one step, the later wins.
    pub at: DateTime<Utc>,
    /// The case's number in the project.
    pub case: i64,
    #[serde(flatten)]
    pub kind: OpKind,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// Operations applied now.
    pub applied: i64,
    /// Operations already applied before (a replay).
    pub duplicates: i64,
    /// The executions' statuses after the batch (case number, status).
    pub statuses: Vec<(i64, ExecStatus)>,
}

/// The status of an execution whose snapshot has `steps` steps, from its marks.
pub fn derive_status(steps: usize, marks: &[StepStatus]) -> ExecStatus {
    if marks.is_empty() {
        return ExecStatus::Untested;
    }
    if marks.contains(&StepStatus::Failed) {
        return ExecStatus::Failed;
    }
    if marks.contains(&StepStatus::Blocked) {
        return ExecStatus::Blocked;
    }
    if marks.len() < steps {
        return ExecStatus::InProgress;
    }
    if marks.iter().all(|m| *m == StepStatus::Skipped) {
        ExecStatus::Skipped
    } else {
        ExecStatus::Passed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepStatus::*;

    #[test]
    fn an_executions_status_follows_its_steps() {
        assert_eq!(derive_status(3, &[]), ExecStatus::Untested);
        assert_eq!(derive_status(3, &[Passed]), ExecStatus::InProgress);
        assert_eq!(derive_status(3, &[Passed, Passed, Passed]), ExecStatus::Passed);
        assert_eq!(derive_status(3, &[Passed, Skipped, Passed]), ExecStatus::Passed);
        assert_eq!(derive_status(2, &[Skipped, Skipped]), ExecStatus::Skipped);
        assert_eq!(derive_status(3, &[Passed, Failed]), ExecStatus::Failed, "a failure shows at once");
        assert_eq!(derive_status(3, &[Blocked, Passed]), ExecStatus::Blocked);
        assert_eq!(derive_status(3, &[Blocked, Failed]), ExecStatus::Failed, "failed outranks blocked");
    }

    #[test]
    fn listed_numbers_take_keys_numbers_and_ranges() {
        assert_eq!(parse_numbers("SHOP-TC-4, tc-5 6\n8-10"), Ok(vec![4, 5, 6, 8, 9, 10]));
        assert_eq!(parse_numbers("US-3; SHOP-US-7"), Ok(vec![3, 7]));
        assert_eq!(parse_numbers("  "), Ok(vec![]));
        assert!(parse_numbers("4, banana").unwrap_err().contains("“banana”"));
        assert!(parse_numbers("12-7").unwrap_err().contains("smaller number first"));
        assert!(parse_numbers("1-999999").is_err(), "a range is bounded before it is expanded");
        assert!(parse_numbers("0").is_err());
    }

    #[test]
    fn operations_read_as_the_runner_sends_them() {
        let op: Op = serde_json::from_str(
            r#"{"id":"7f1c","at":"2026-12-01T10:00:00Z","case":4,"kind":"mark","scenario":0,"step":2,"status":"failed","actual":"500"}"#,
        )
        .unwrap();
        assert_eq!(
            op.kind,
            OpKind::Mark { scenario: 0, step: 2, status: Failed, actual: "500".into(), comment: String::new() }
        );
        let timer: Op =
            serde_json::from_str(r#"{"id":"a","at":"2026-12-01T10:00:00Z","case":4,"kind":"timer","elapsed_ms":1500}"#)
                .unwrap();
        assert_eq!(timer.kind, OpKind::Timer { elapsed_ms: 1500 });
    }
}
