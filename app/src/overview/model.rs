//! Wire types of the overview.
use crate::{projects::model::ProjectSummary, test_cases::model::CaseStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Most items in each of the overview's lists of stories and cases.
pub const LIST_LIMIT: i64 = 8;
/// Most recent changes the overview shows.
pub const ACTIVITY_LIMIT: i64 = 10;

/// Something the overview links to: a story or a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    /// `SHOP-US-3`, `SHOP-TC-12`.
    pub key: String,
    pub title: String,
    pub href: String,
}

/// One change to the project, from the audit log (never its address or browser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub at: DateTime<Utc>,
    /// The person's name, or their email when the account is gone.
    pub who: String,
    /// What they did, as a label ("Case updated").
    pub what: String,
    /// What it was done to (`SHOP-TC-12`), linked while it exists.
    pub target: Option<String>,
    pub href: Option<String>,
    pub detail: Option<String>,
}

/// Everything the overview shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub project: ProjectSummary,
    /// Criteria covered by at least one case.
    pub criteria_covered: i64,
    /// Every case status with its count (zeros included), in `CaseStatus::ALL` order.
    pub cases_by_status: Vec<(CaseStatus, i64)>,
    /// Stories no case covers (the first `LIST_LIMIT`), and how many there are.
    pub uncovered: Vec<Linked>,
    pub uncovered_total: i64,
    /// Cases in draft, most recently changed first (the first `LIST_LIMIT`).
    pub drafts: Vec<Linked>,
    pub activity: Vec<Activity>,
}

impl Overview {
    /// Cases with `status`.
    pub fn cases(&self, status: CaseStatus) -> i64 {
        self.cases_by_status.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n)
    }

    /// Percent of criteria covered by a case; `None` without criteria.
    pub fn criteria_coverage(&self) -> Option<f64> {
        (self.project.criteria > 0).then(|| self.criteria_covered as f64 * 100.0 / self.project.criteria as f64)
    }
}
