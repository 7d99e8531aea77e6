//! Wire types of coverage.
use crate::stories::model::CriterionId;
use serde::{Deserialize, Serialize};

/// Most (criterion, case) rows read for one project's coverage.
pub const MAX_ROWS: i64 = 5_000;

/// One criterion and the cases that cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionCoverage {
    pub id: CriterionId,
    pub text: String,
    /// `(SHOP-TC-4, 4)` of each covering case.
    pub cases: Vec<(String, i64)>,
}

/// A story with its criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryCoverage {
    pub key: String,
    pub number: i64,
    pub title: String,
    pub criteria: Vec<CriterionCoverage>,
}

impl StoryCoverage {
    pub fn uncovered(&self) -> Vec<CriterionId> {
        self.criteria.iter().filter(|c| c.cases.is_empty()).map(|c| c.id).collect()
    }
}

/// The project's criteria × cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub stories: Vec<StoryCoverage>,
    /// Whether `MAX_ROWS` cut the list short (the counts below are still whole).
    pub truncated: bool,
    pub criteria: i64,
    pub covered: i64,
}

impl Coverage {
    /// Whole percent of criteria covered; `None` without criteria.
    pub fn percent(&self) -> Option<i64> {
        (self.criteria > 0).then(|| self.covered * 100 / self.criteria)
    }
}
