//! Wire types of recent visits.
use crate::wire::Numbered;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Visits kept per person: older ones are forgotten.
pub const KEEP: i64 = 20;

/// One recently visited case or story, as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentItem {
    /// A case or a story.
    pub kind: Numbered,
    /// `SHOP-TC-12`.
    pub key: String,
    pub title: String,
    pub href: String,
    pub project: String,
    pub visited_at: DateTime<Utc>,
}
