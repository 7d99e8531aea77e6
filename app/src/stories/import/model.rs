//! Wire types of importing stories: a row's draft and problems, the preview with its column
//! mapping and unknown assignees, and the job's status.
use crate::stories::model::{Priority, StoryStatus};
use serde::{Deserialize, Serialize};

/// A story as read from one import row, before it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryDraft {
    pub external_id: Option<String>,
    pub title: String,
    pub description: String,
    pub criteria: Vec<String>,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: Option<String>,
    pub sprint: Option<String>,
    pub story_points: Option<i32>,
    /// As written in the file (an email or a name); matched to a member when saved.
    pub assignee: Option<String>,
}

/// Whether a problem stops its row (a missing title, an unreadable row) or only empties a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProblemLevel {
    #[default]
    Error,
    Warning,
}

/// What is wrong with one cell of one row: an error (the row is not imported) or a warning (the
/// row is imported with that field left at its default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row's line in the file (1-based, the header included).
    pub line: usize,
    pub column: String,
    pub reason: String,
    #[serde(default)]
    pub level: ProblemLevel,
}

/// A column of an uploaded file and the field it feeds (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub header: String,
    /// The field's snake_case name (`title`, `story_points`, …) or empty for "ignore".
    pub field: String,
}

/// One of the first rows of a preview: the story it will become, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub line: usize,
    pub draft: Option<StoryDraft>,
    pub problems: Vec<RowProblem>,
    /// The row's cells as in the file (each cut to 200 characters), so a row with problems can
    /// still be recognized.
    pub cells: Vec<String>,
}

/// An "Assigned to" name of the file that is no active member, and who it will be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownAssignee {
    /// As first written in the file.
    pub name: String,
    /// How many importable rows name it.
    pub rows: usize,
    /// The member the name is mapped to; `None`: unassigned.
    pub user_id: Option<i64>,
    /// Whether the mapping was chosen in an earlier import of the project.
    pub remembered: bool,
}

/// Who an unknown assignee name becomes, chosen on the preview and remembered for the project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssigneeChoice {
    pub name: String,
    /// A member of the organization; `None`: unassigned.
    #[serde(default)]
    pub user_id: Option<i64>,
}

/// What the person sees before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i64,
    pub file_name: String,
    pub columns: Vec<ImportColumn>,
    pub total_rows: usize,
    /// Rows that will be imported, those with warnings included.
    pub valid_rows: usize,
    /// Rows that will be imported with a field left at its default.
    #[serde(default)]
    pub warning_rows: usize,
    pub rows: Vec<PreviewRow>,
    /// Problems of every row: the first 200 errors, then the first 200 warnings.
    pub problems: Vec<RowProblem>,
    /// The assignee names that are no active member, with their mapping.
    #[serde(default)]
    pub assignees: Vec<UnknownAssignee>,
    /// The active members, to map those names to.
    #[serde(default)]
    pub members: Vec<crate::users::model::Member>,
}

/// Progress and outcome of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: i64,
    /// uploaded, queued, running, done or failed.
    pub status: String,
    pub total_rows: i64,
    pub processed_rows: i64,
    pub created: i64,
    pub updated: i64,
    pub rejected: i64,
    pub error: Option<String>,
}

impl ImportStatus {
    pub fn finished(&self) -> bool {
        matches!(self.status.as_str(), "done" | "failed")
    }

    /// Percent processed, 0–100.
    pub fn percent(&self) -> i64 {
        if self.total_rows == 0 {
            100
        } else {
            self.processed_rows * 100 / self.total_rows
        }
    }
}
