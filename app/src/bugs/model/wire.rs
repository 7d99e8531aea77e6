//! What the bug list, a bug's page and the list's filters read and send.
use super::{BugId, BugPriority, BugStatus, BugType, Severity};
use crate::users::model::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Bugs per page unless the filter says otherwise.
pub const PAGE: i64 = 50;
/// Most bugs per page.
pub const MAX_PAGE: i64 = 100;

/// A bug as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BugSummary {
    pub id: BugId,
    /// `SHOP-BUG-3`.
    pub key: String,
    pub number: i64,
    pub title: String,
    pub severity: Severity,
    pub priority: BugPriority,
    pub bug_type: BugType,
    pub status: BugStatus,
    pub assignee_id: Option<UserId>,
    /// The assignee's name.
    pub assignee: Option<String>,
    /// The reporter's name.
    pub reporter: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Something a bug links to: a case, story, run or the bug it duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    /// `SHOP-TC-7`, `SHOP-US-2`, `SHOP-RUN-3`, `SHOP-BUG-1`.
    pub key: String,
    pub number: i64,
    /// The case's, story's or bug's title; the run's name.
    pub title: String,
}

/// One status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: BugStatus,
    pub to: BugStatus,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BugComment {
    pub id: i64,
    pub author: Option<String>,
    /// Markdown, as written.
    pub body: String,
    /// Rendered and sanitized on the server.
    pub html: String,
    /// The names of the members it mentions.
    pub mentions: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// A bug with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BugDetail {
    pub summary: BugSummary,
    /// Markdown, as written (for the editor).
    pub description: String,
    /// Rendered and sanitized on the server.
    pub description_html: String,
    pub environment: String,
    pub steps_to_reproduce: String,
    pub expected: String,
    pub actual: String,
    pub reporter_id: Option<UserId>,
    pub duplicate_of: Option<LinkRef>,
    pub case: Option<LinkRef>,
    pub story: Option<LinkRef>,
    pub run: Option<LinkRef>,
    /// Oldest first.
    pub transitions: Vec<Transition>,
    /// Oldest first.
    pub comments: Vec<BugComment>,
    /// The statuses the caller may move it to now (`lifecycle::next_for`).
    pub next: Vec<BugStatus>,
    /// Whether the caller may edit its text (QA, admins, and its reporter).
    pub can_edit: bool,
    /// Whether the caller may assign it (QA, admins).
    pub can_assign: bool,
}

/// Filters of the bug list; empty means "any". Newest first, a page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BugFilter {
    pub status: Option<BugStatus>,
    pub severity: Option<Severity>,
    pub priority: Option<BugPriority>,
    /// A member's id, `me`, `none` (unassigned), or empty.
    pub assignee: String,
    /// A story's number or key, or empty.
    pub story: String,
    /// A run's number or key, or empty.
    pub run: String,
    /// A case's number or key, or empty.
    pub case: String,
    /// Only bugs still open (not verified, closed, won't fix or duplicate).
    pub open: bool,
    /// Words in the title or description.
    pub text: String,
    /// The `next` of the page before; `None` for the first page.
    pub after: Option<i64>,
    /// Bugs per page (1–100); 0 for the default 50.
    pub limit: i64,
}

impl BugFilter {
    /// How many filters are set, besides the search text (the phone's "Filters (n)").
    pub fn active(&self) -> usize {
        [
            self.status.is_some(),
            self.severity.is_some(),
            self.priority.is_some(),
            !self.assignee.trim().is_empty(),
            !self.story.trim().is_empty(),
            !self.run.trim().is_empty(),
            !self.case.trim().is_empty(),
            self.open,
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }

    /// The page size asked for, within 1–100.
    pub fn page_size(&self) -> i64 {
        if self.limit <= 0 {
            PAGE
        } else {
            self.limit.min(MAX_PAGE)
        }
    }
}

/// One page of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BugPage {
    pub bugs: Vec<BugSummary>,
    /// Pass back as `after` for the next page; `None` on the last.
    pub next: Option<i64>,
}

/// What a comment did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentOutcome {
    pub id: i64,
    /// The names of the members it mentions (the others were no active member: left as text).
    pub mentioned: Vec<String>,
}
