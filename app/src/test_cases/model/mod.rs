//! Wire types of test cases: fields, validation (the same code runs in the editor and on the
//! server), list filters and windows; revisions and diffs in `history.rs`, bulk edits and
//! imports in `bulk.rs`.
use super::gherkin;
use crate::{
    error::{AppError, FieldErrors},
    stories::model::{CriterionId, Priority},
    wire_enum,
};
use serde::{Deserialize, Serialize};

mod bulk;
mod history;
pub use bulk::{BulkOutcome, CaseBulkChange, FeatureImport};
pub use history::{DiffLine, FieldChange, LineChange, RevisionDiff, RevisionInfo};

wire_enum! {
    /// What a test case exercises.
    pub enum CaseKind {
        Functional = "functional" / "Functional",
        Integration = "integration" / "Integration",
        Ui = "ui" / "UI",
        Api = "api" / "API",
        Regression = "regression" / "Regression",
        Smoke = "smoke" / "Smoke",
        E2e = "e2e" / "End-to-end",
        Performance = "performance" / "Performance",
        Security = "security" / "Security",
        Accessibility = "accessibility" / "Accessibility",
    }
}

wire_enum! {
    /// Where a test case is in its life; separate from how its runs went.
    pub enum CaseStatus {
        Draft = "draft" / "Draft",
        Ready = "ready" / "Ready",
        Deprecated = "deprecated" / "Deprecated",
    }
}

wire_enum! {
    /// How the latest execution of a case ended.
    pub enum RunResult {
        Passed = "passed" / "Passed",
        Failed = "failed" / "Failed",
        Blocked = "blocked" / "Blocked",
        Skipped = "skipped" / "Skipped",
    }
}

/// Longest Gherkin text a case may hold.
pub const MAX_GHERKIN: usize = 100_000;

/// What a person types to create or edit a test case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseInput {
    pub title: String,
    pub description: String,
    pub preconditions: String,
    /// The linked story's number in the same project, or empty.
    pub story: String,
    /// Ids of the linked story's acceptance criteria this case covers.
    pub criteria: Vec<CriterionId>,
    pub kind: CaseKind,
    pub priority: Priority,
    pub status: CaseStatus,
    /// Separated by commas or spaces; a leading `@` is dropped.
    pub tags: String,
    /// Whole minutes, or empty.
    pub estimated_minutes: String,
    pub automated: bool,
    pub gherkin: String,
}

/// A case input that passed validation; also the snapshot kept in each revision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValidCase {
    pub title: String,
    pub description: String,
    pub preconditions: String,
    pub story: Option<i64>,
    pub criteria: Vec<CriterionId>,
    pub kind: CaseKind,
    pub priority: Priority,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    pub estimated_minutes: Option<i32>,
    pub automated: bool,
    pub gherkin: String,
    pub gherkin_valid: bool,
}

/// Splits what people type as tags into distinct, lower-cased tags without `@`.
pub fn parse_tags(s: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in s.split(|c: char| c == ',' || c.is_whitespace()) {
        let t = t.trim().trim_start_matches('@').to_lowercase();
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

/// A Gherkin error in plain words with its position, in a document written in `language`.
pub fn gherkin_message(e: &gherkin::GherkinError, language: &str) -> String {
    format!("Line {}, column {}: {}", e.line, e.column, gherkin::explain(e, language))
}

/// How the server refuses to save invalid Gherkin as ready; the editor recognises it.
pub const READY_NEEDS_VALID: &str = "Only valid Gherkin can be ready.";

/// What a document lacking scenarios is told (shown by the editor too).
pub const NO_SCENARIOS: &str =
    "Add a scenario with steps: lines under “Feature:” that start with no keyword are its description.";

/// Whether `source` (parsed as `parsed`) can be run, and so be ready: no errors, a Feature, and at
/// least one scenario with a step. Otherwise the reason, in plain words with its position.
pub fn runnable(source: &str, parsed: &gherkin::Parsed) -> Result<(), String> {
    if let Some(err) = parsed.errors.first() {
        return Err(gherkin_message(err, &parsed.language));
    }
    let Some(feature) = &parsed.feature else { return Err("Write a Feature with at least one scenario.".to_owned()) };
    if scenarios_to_run(feature, &parsed.language).is_empty() {
        return Err(nothing_to_run(source, &parsed.language));
    }
    Ok(())
}

/// The scenarios a run executes: outlines expanded, Background steps included, and those without
/// steps left out, since they have nothing to run.
pub fn scenarios_to_run(feature: &gherkin::ast::Feature, language: &str) -> Vec<gherkin::Pickle> {
    gherkin::pickles(feature, language).into_iter().filter(|p| !p.steps.is_empty()).collect()
}

/// Why a valid document has nothing to run, naming a misspelt heading when there is one.
pub fn nothing_to_run(source: &str, language: &str) -> String {
    match gherkin::misspelt_heading(source, language) {
        Some((line, hint)) => format!("Line {line}: {hint} {NO_SCENARIOS}"),
        None => NO_SCENARIOS.to_owned(),
    }
}

impl CaseInput {
    pub fn validate(&self) -> Result<ValidCase, AppError> {
        let mut e = FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            e.add("title", "Enter a title.");
        } else if title.chars().count() > 300 {
            e.add("title", "Use at most 300 characters.");
        }
        for (field, v) in [("description", &self.description), ("preconditions", &self.preconditions)] {
            if v.chars().count() > 10_000 {
                e.add(field, "Use at most 10,000 characters.");
            }
        }
        let story = match self.story.trim() {
            "" => None,
            v => match crate::wire::HumanKey::number_of(v) {
                Some(n) => Some(n),
                None => {
                    e.add("story", "Pick a story of this project.");
                    None
                }
            },
        };
        let tags = parse_tags(&self.tags);
        if tags.len() > 30 {
            e.add("tags", "Use at most 30 tags.");
        } else if tags.iter().any(|t| t.chars().count() > 50) {
            e.add("tags", "Keep each tag under 50 characters.");
        }
        let estimated_minutes = match self.estimated_minutes.trim() {
            "" => None,
            v => match v.parse::<i32>() {
                Ok(n) if (0..=100_000).contains(&n) => Some(n),
                _ => {
                    e.add("estimated_minutes", "Use a whole number of minutes from 0 to 100000.");
                    None
                }
            },
        };
        let gherkin_text = self.gherkin.replace("\r\n", "\n");
        let mut gherkin_valid = false;
        if gherkin_text.len() > MAX_GHERKIN {
            e.add("gherkin", "Keep the Gherkin under 100,000 characters.");
        } else {
            let verdict = runnable(&gherkin_text, &gherkin::parse(&gherkin_text));
            gherkin_valid = verdict.is_ok();
            if let (CaseStatus::Ready, Err(why)) = (self.status, verdict) {
                e.add("gherkin", format!("{READY_NEEDS_VALID} {why}"));
            }
        }
        e.into_result()?;
        Ok(ValidCase {
            title: title.to_owned(),
            description: self.description.trim().to_owned(),
            preconditions: self.preconditions.trim().to_owned(),
            story,
            criteria: if story.is_some() { self.criteria.clone() } else { Vec::new() },
            kind: self.kind,
            priority: self.priority,
            status: self.status,
            tags,
            estimated_minutes,
            automated: self.automated,
            gherkin: gherkin_text,
            gherkin_valid,
        })
    }
}

impl ValidCase {
    /// The form input that produces this case again (for editing and restoring).
    pub fn to_input(&self) -> CaseInput {
        CaseInput {
            title: self.title.clone(),
            description: self.description.clone(),
            preconditions: self.preconditions.clone(),
            story: self.story.map(|n| n.to_string()).unwrap_or_default(),
            criteria: self.criteria.clone(),
            kind: self.kind,
            priority: self.priority,
            status: self.status,
            tags: self.tags.join(", "),
            estimated_minutes: self.estimated_minutes.map(|n| n.to_string()).unwrap_or_default(),
            automated: self.automated,
            gherkin: self.gherkin.clone(),
        }
    }

    /// Names of the fields that differ from `before`, in form order.
    pub fn changed_fields(&self, before: &ValidCase) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut check = |name: &'static str, same: bool| {
            if !same {
                out.push(name);
            }
        };
        check("title", self.title == before.title);
        check("description", self.description == before.description);
        check("preconditions", self.preconditions == before.preconditions);
        check("story", self.story == before.story && self.criteria == before.criteria);
        check("type", self.kind == before.kind);
        check("priority", self.priority == before.priority);
        check("status", self.status == before.status);
        check("tags", self.tags == before.tags);
        check("estimate", self.estimated_minutes == before.estimated_minutes);
        check("automated", self.automated == before.automated);
        check("gherkin", self.gherkin == before.gherkin);
        out
    }
}

crate::id_newtype!(
    /// A test case's row id (not its number in the project).
    CaseId
);

/// A test case as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: CaseId,
    /// `SHOP-TC-12`.
    pub key: String,
    pub number: i64,
    pub title: String,
    pub kind: CaseKind,
    pub priority: Priority,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    /// `SHOP-US-3`.
    pub story: Option<String>,
    pub automated: bool,
    pub last_result: Option<RunResult>,
}

/// A whole test case, for its page and editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub row: CaseRow,
    pub case: ValidCase,
    pub story_title: Option<String>,
    pub revision: i64,
    pub updated_at: String,
    /// Where the case came from, when a generator wrote it.
    pub provenance: Option<crate::generation::model::Provenance>,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    #[default]
    Number,
    Title,
    Updated,
}

/// Filters of the test-case list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFilter {
    /// Story number.
    pub story: Option<i64>,
    pub kind: Option<CaseKind>,
    pub priority: Option<Priority>,
    pub status: Option<CaseStatus>,
    pub tag: String,
    /// A `RunResult` name, `not_run`, or empty.
    pub last_result: String,
    /// Full-text search over title, description and Gherkin.
    pub text: String,
    pub sort: CaseSort,
}

impl CaseFilter {
    /// How many filters are set, besides the search text and the sort (the phone's "Filters (n)").
    pub fn active(&self) -> usize {
        [
            self.story.is_some(),
            self.kind.is_some(),
            self.priority.is_some(),
            self.status.is_some(),
            !self.tag.is_empty(),
            !self.last_result.is_empty(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }
}

/// One window of the list: rows from `offset`, and the cursor of the window after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseWindow {
    pub offset: i64,
    pub rows: Vec<CaseRow>,
    pub next: Option<String>,
}

/// The cases of one story, for its page: the first window of them (by number), how many there
/// are, and which case covers which of its criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryCases {
    pub cases: Vec<CaseRow>,
    pub total: i64,
    /// (criterion, key and number of a case covering it), by case number.
    pub covers: Vec<(CriterionId, String, i64)>,
}

impl StoryCases {
    /// The cases covering `criterion`: (key, number).
    pub fn covering(&self, criterion: CriterionId) -> Vec<(String, i64)> {
        self.covers.iter().filter(|(c, ..)| *c == criterion).map(|(_, k, n)| (k.clone(), *n)).collect()
    }
}

#[cfg(test)]
mod tests;
