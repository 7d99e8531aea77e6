//! Wire types of a case's history: its revisions and the diff between two of them.
use serde::{Deserialize, Serialize};

/// One saved revision of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub revision: i64,
    pub author: Option<String>,
    /// What changed, e.g. `gherkin, status`, or `created`.
    pub summary: String,
    pub created_at: String,
}

/// How a line fared between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineChange {
    Same,
    Added,
    Removed,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: LineChange,
    pub text: String,
}

/// A field whose value differs between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The difference between revision `from` and revision `to` of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub from: i64,
    pub to: i64,
    pub fields: Vec<FieldChange>,
    pub gherkin: Vec<DiffLine>,
}
