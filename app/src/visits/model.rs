//! Wire types of recent visits.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What was visited.
    pub enum VisitKind {
        Case = "case" / "Test case",
        Story = "story" / "Story",
    }
}

/// Visits kept per person: older ones are forgotten.
pub const KEEP: i64 = 20;

/// One recently visited case or story, as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentItem {
    pub kind: VisitKind,
    /// `SHOP-TC-12`.
    pub key: String,
    pub title: String,
    pub href: String,
    pub project: String,
    pub visited_at: DateTime<Utc>,
}
