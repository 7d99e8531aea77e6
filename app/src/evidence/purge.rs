//! The `evidence_purge` job: removes from the store the objects of evidence whose rows are gone
//! (a deleted run or project, or a file whose own delete could not reach the store). Enqueued in
//! the transaction that deletes the rows, so the keys are never lost; each delete is idempotent
//! (an object already gone is fine) and the job resumes from its checkpoint after a crash.
use super::store::EvidenceStore;
use crate::{
    db::AsConn,
    jobs::{
        model::{JobId, Progress},
        queue::{BoxFuture, Handler, JobError, Run},
        repo::{self as jobs, NewJob},
    },
    orgs::model::OrgId,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The job kind.
pub const KIND: &str = "evidence_purge";
/// Attempts before the job gives up (a store down for hours).
const ATTEMPTS: i64 = 10;
/// Keys deleted between two checkpoints.
const BATCH: usize = 100;

/// What a purge job is started with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub keys: Vec<String>,
}

/// Enqueues the removal of `keys` (nothing when there are none) in the caller's transaction.
pub async fn enqueue(
    c: &mut impl AsConn,
    org: OrgId,
    keys: Vec<String>,
    now: DateTime<Utc>,
) -> Result<Option<JobId>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(None);
    }
    let payload = serde_json::to_string(&Payload { keys }).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let job = NewJob { org, kind: KIND, payload: &payload, created_by: None, max_attempts: ATTEMPTS };
    jobs::insert(c, &job, now).await.map(Some)
}

/// The handler; holds the store.
pub struct Purge {
    store: EvidenceStore,
}

impl Purge {
    pub fn new(store: EvidenceStore) -> Self {
        Purge { store }
    }

    async fn purge(&self, run: &Run) -> Result<String, JobError> {
        let payload: Payload =
            serde_json::from_str(&run.payload).map_err(|e| JobError::Fail(format!("Unreadable job ({e}).")))?;
        let mut done: usize = run.checkpoint.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0);
        let total = payload.keys.len();
        for chunk in payload.keys[done.min(total)..].chunks(BATCH) {
            for key in chunk {
                // Only keys this organization's evidence had: `<org>/…`.
                if !key.starts_with(&format!("{}/", run.org.0)) {
                    tracing::warn!(job = run.id.0, "evidence purge skipped a key of another organization");
                    continue;
                }
                self.store
                    .delete(key)
                    .await
                    .map_err(|e| JobError::Retry(format!("The evidence store could not be reached ({e}).")))?;
            }
            done += chunk.len();
            let progress = Progress {
                done: done as i64,
                total: total as i64,
                message: format!("{done} of {total} files removed"),
            };
            run.progress(&progress, Some(&done.to_string())).await?;
        }
        Ok(serde_json::json!({ "removed": total }).to_string())
    }
}

impl Handler for Purge {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, run: &'a Run) -> BoxFuture<'a, Result<String, JobError>> {
        Box::pin(self.purge(run))
    }
}
