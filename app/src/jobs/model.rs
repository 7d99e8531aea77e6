//! Wire types of jobs.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::id_newtype!(
    /// A job's id.
    JobId
);

crate::wire_enum! {
    /// Where a job is in its life.
    pub enum JobStatus {
        Queued = "queued" / "Queued",
        Running = "running" / "Running",
        Succeeded = "succeeded" / "Succeeded",
        Failed = "failed" / "Failed",
        Cancelled = "cancelled" / "Cancelled",
    }
}

impl JobStatus {
    /// Whether the job is over (it will not run again).
    pub fn is_final(self) -> bool {
        matches!(self, JobStatus::Succeeded | JobStatus::Failed | JobStatus::Cancelled)
    }
}

/// How far a job has come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: i64,
    pub total: i64,
    pub message: String,
}

impl Progress {
    /// Whole percent done, `None` while the total is unknown.
    pub fn percent(&self) -> Option<i64> {
        (self.total > 0).then(|| (self.done.clamp(0, self.total) * 100) / self.total)
    }
}

/// A job as the people who may see it read it (never its payload: it may hold what the starter
/// typed for a provider).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobInfo {
    pub id: JobId,
    pub kind: String,
    pub status: JobStatus,
    pub attempts: i64,
    pub progress: Progress,
    /// What the job produced, as its kind describes it (JSON), once succeeded.
    pub result: Option<String>,
    pub error: Option<String>,
    /// The page that shows the job's result, when its kind has one.
    pub link: Option<String>,
    /// Who started it (name), if known.
    pub started_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub cancel_requested: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_bounded_and_unknown_without_a_total() {
        let p = |done, total| Progress { done, total, message: String::new() };
        assert_eq!(p(0, 0).percent(), None);
        assert_eq!(p(1, 3).percent(), Some(33));
        assert_eq!(p(5, 3).percent(), Some(100));
        assert!(JobStatus::Cancelled.is_final() && !JobStatus::Running.is_final());
    }
}
