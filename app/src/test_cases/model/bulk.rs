//! Wire types of changing many cases at once: a bulk edit and an import of `.feature` files.
use super::{parse_tags, CaseKind, CaseStatus, ValidCase};
use crate::stories::model::Priority;
use serde::{Deserialize, Serialize};

/// The same change for a selection of cases; empty fields leave a value as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseBulkChange {
    pub kind: Option<CaseKind>,
    pub priority: Option<Priority>,
    pub status: Option<CaseStatus>,
    /// Tags to add, as typed.
    pub add_tags: String,
    /// Tags to remove, as typed.
    pub remove_tags: String,
}

impl CaseBulkChange {
    /// Applies the change to `case`; `false` (and no change) when it would make invalid Gherkin ready.
    pub fn apply(&self, case: &mut ValidCase) -> bool {
        if self.status == Some(CaseStatus::Ready) && !case.gherkin_valid {
            return false;
        }
        case.kind = self.kind.unwrap_or(case.kind);
        case.priority = self.priority.unwrap_or(case.priority);
        case.status = self.status.unwrap_or(case.status);
        let remove = parse_tags(&self.remove_tags);
        case.tags.retain(|t| !remove.contains(t));
        for t in parse_tags(&self.add_tags) {
            if !case.tags.contains(&t) {
                case.tags.push(t);
            }
        }
        true
    }
}

/// What a bulk change did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub changed: u64,
    /// Keys of cases left alone because their Gherkin is invalid and they cannot be ready.
    pub skipped: Vec<String>,
}

/// Result of importing `.feature` files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureImport {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    /// File name and why it was refused.
    pub rejected: Vec<(String, String)>,
}
