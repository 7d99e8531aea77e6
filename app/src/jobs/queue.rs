//! The job runtime: kinds register a `Handler`; workers claim due jobs, keep their lease alive
//! with a heartbeat while the handler runs, and record how the run ended exactly once. A job
//! whose process died is claimed again when its lease expires and resumes from its checkpoint.
use super::{
    model::{JobId, JobStatus, Progress},
    repo::{self, Claimed},
};
use crate::{db::Db, events::hub::Hub, orgs::model::OrgId, users::model::UserId};
use chrono::Utc;
use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How a handler's run ended short of success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    /// Worth trying again later (a provider's 429 or 5xx, a timeout): retried with backoff
    /// until the job's attempts are used up.
    Retry(String),
    /// Like `Retry`, but not before this long (a provider's `Retry-After`).
    RetryAfter(String, Duration),
    /// Will not get better by retrying (bad input, a refused key): the job fails with this.
    Fail(String),
    /// The run was asked to stop (cancelled, or its lease was taken over): `Run::progress`
    /// returns it, the handler passes it on with `?`.
    Stopped,
}

/// A kind of job.
pub trait Handler: Send + Sync + 'static {
    /// The kind's name in the `jobs` table: a snake_case word.
    fn kind(&self) -> &'static str;
    /// Runs one attempt. Steps must be idempotent or resume from `run.checkpoint`, since an
    /// attempt can be cut short by a crash and run again. Returns the result (JSON).
    fn run<'a>(&'a self, run: &'a Run) -> BoxFuture<'a, Result<String, JobError>>;
}

/// One attempt of a job, as its handler sees it.
pub struct Run {
    pub id: JobId,
    pub org: OrgId,
    pub started_by: Option<UserId>,
    /// The JSON the job was started with.
    pub payload: String,
    /// What the last attempt recorded with `progress`, if any.
    pub checkpoint: Option<String>,
    /// 1 for the first attempt.
    pub attempt: i64,
    db: Db,
    hub: Hub,
    worker: Arc<str>,
    stop: Arc<StopFlags>,
}

#[derive(Default)]
struct StopFlags {
    cancelled: AtomicBool,
    lost: AtomicBool,
}

impl Run {
    /// The database the job lives in.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Whether the run should stop now (cancel asked, or the lease lost).
    pub fn should_stop(&self) -> bool {
        self.stop.cancelled.load(Ordering::Relaxed) || self.stop.lost.load(Ordering::Relaxed)
    }

    /// Records progress, and a checkpoint to resume from after a crash; `Err(Stopped)` when the
    /// run should stop.
    pub async fn progress(&self, p: &Progress, checkpoint: Option<&str>) -> Result<(), JobError> {
        // The progress and its event in one transaction: the stream never shows progress that
        // was not recorded.
        let answer = async {
            let mut tx = self.db.begin().await?;
            let cancel = repo::progress(&mut tx, self.id, &self.worker, p, checkpoint, Utc::now()).await?;
            let seq = match cancel {
                Some(_) => super::events::publish_in(&mut tx, self.id).await?,
                None => None,
            };
            tx.commit().await?;
            if let Some(seq) = seq {
                self.hub.announce(seq);
            }
            Ok::<_, sqlx::Error>(cancel)
        }
        .await;
        match answer {
            Ok(Some(cancel)) => self.stop.cancelled.fetch_or(cancel, Ordering::Relaxed),
            Ok(None) => self.stop.lost.fetch_or(true, Ordering::Relaxed),
            Err(e) => return Err(JobError::Retry(format!("could not record progress: {e}"))),
        };
        if self.should_stop() {
            Err(JobError::Stopped)
        } else {
            Ok(())
        }
    }
}

/// The wait before attempt `attempt + 1` after a transient failure of attempt `attempt`:
/// 10 s doubling, at most 10 minutes.
pub fn backoff(attempt: i64) -> Duration {
    let exp = attempt.clamp(1, 16) - 1;
    Duration::from_secs((10u64 << exp).min(600))
}

/// Settings of a queue.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a claim lasts without a heartbeat; a run renews it every third of this.
    pub lease: Duration,
    /// How often an idle worker looks for due jobs.
    pub poll: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { lease: Duration::from_secs(30), poll: Duration::from_secs(1) }
    }
}

/// The job kinds this process runs, and its workers' identity.
pub struct Queue {
    db: Db,
    hub: Hub,
    handlers: HashMap<&'static str, Arc<dyn Handler>>,
    worker: Arc<str>,
    settings: Settings,
}

impl Queue {
    /// A queue on `db` whose jobs' changes are announced through `hub`.
    pub fn new(db: Db, hub: Hub, settings: Settings) -> Self {
        let worker = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
        Queue { db, hub, handlers: HashMap::new(), worker: worker.into(), settings }
    }

    pub fn register(mut self, handler: impl Handler) -> Self {
        self.handlers.insert(handler.kind(), Arc::new(handler));
        self
    }

    /// This process's worker id (written on the jobs it holds).
    pub fn worker(&self) -> &str {
        &self.worker
    }

    /// Starts `n` workers that run due jobs until the process ends.
    pub fn start(self: Arc<Self>, n: usize) {
        for _ in 0..n {
            let queue = self.clone();
            tokio::spawn(async move {
                loop {
                    match queue.run_once().await {
                        Ok(true) => continue,
                        Ok(false) => {}
                        Err(e) => tracing::warn!(error = %e, "job queue"),
                    }
                    tokio::time::sleep(queue.settings.poll).await;
                }
            });
        }
    }

    /// Claims one due job and runs it to the end of this attempt; false when none was due.
    pub async fn run_once(&self) -> Result<bool, sqlx::Error> {
        let kinds: Vec<&str> = self.handlers.keys().copied().collect();
        let now = Utc::now();
        let lease_until = now + self.settings.lease;
        let claimed = repo::claim(&mut self.db.acquire().await?, &kinds, &self.worker, now, lease_until).await?;
        let Some(job) = claimed else { return Ok(false) };
        self.run_claimed(job).await?;
        Ok(true)
    }

    async fn run_claimed(&self, job: Claimed) -> Result<(), sqlx::Error> {
        let id = job.id;
        if job.attempts > job.max_attempts {
            let message = format!("The job stopped {} times before finishing; it was not run again.", job.attempts - 1);
            self.end(id, JobStatus::Failed, None, Some(&message)).await?;
            return Ok(());
        }
        let stop = Arc::new(StopFlags::default());
        let heartbeat = self.heartbeat(id, stop.clone());
        let handler = self.handlers[job.kind.as_str()].clone();
        let run = Run {
            id,
            org: OrgId(job.organization_id),
            started_by: job.created_by.map(UserId),
            payload: job.payload,
            checkpoint: job.checkpoint,
            attempt: job.attempts,
            db: self.db.clone(),
            hub: self.hub.clone(),
            worker: self.worker.clone(),
            stop: stop.clone(),
        };
        // On its own task, so a panic in a handler ends this attempt, not the worker.
        let outcome = tokio::spawn(async move { handler.run(&run).await }).await;
        heartbeat.abort();
        let outcome = outcome.unwrap_or_else(|e| {
            let reference = crate::error::internal(&e);
            Err(JobError::Fail(format!("The job stopped unexpectedly ({reference}).")))
        });
        if stop.lost.load(Ordering::Relaxed) {
            return Ok(()); // another worker holds it now
        }
        let outcome_wait = match &outcome {
            Err(JobError::RetryAfter(_, d)) => Some((*d).min(Duration::from_secs(3_600))),
            _ => None,
        };
        match outcome {
            Ok(result) => self.end(id, JobStatus::Succeeded, Some(&result), None).await,
            Err(JobError::Stopped) if stop.cancelled.load(Ordering::Relaxed) => {
                self.end(id, JobStatus::Cancelled, None, Some("Cancelled.")).await
            }
            Err(JobError::Stopped) => Ok(()),
            Err(JobError::Retry(message) | JobError::RetryAfter(message, _)) if job.attempts < job.max_attempts => {
                let wait = match &outcome_wait {
                    Some(asked) => backoff(job.attempts).max(*asked),
                    None => backoff(job.attempts),
                };
                let after = Utc::now() + wait;
                repo::retry_later(&mut self.db.acquire().await?, id, &self.worker, &message, after, Utc::now()).await?;
                super::events::publish(&self.db, &self.hub, id).await;
                Ok(())
            }
            Err(JobError::Retry(message) | JobError::RetryAfter(message, _) | JobError::Fail(message)) => {
                self.end(id, JobStatus::Failed, None, Some(&message)).await
            }
        }
    }

    async fn end(
        &self,
        id: JobId,
        status: JobStatus,
        result: Option<&str>,
        error: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.db.begin().await?;
        let seq = match repo::finish(&mut tx, id, &self.worker, status, result, error, Utc::now()).await? {
            true => super::events::publish_in(&mut tx, id).await?,
            false => None,
        };
        tx.commit().await?;
        if let Some(seq) = seq {
            self.hub.announce(seq);
        }
        Ok(())
    }

    /// Renews the lease every third of it while the run lasts; flags a cancel request or a lost
    /// lease for the run to see.
    fn heartbeat(&self, id: JobId, stop: Arc<StopFlags>) -> tokio::task::JoinHandle<()> {
        let (db, worker, lease) = (self.db.clone(), self.worker.clone(), self.settings.lease);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                let now = Utc::now();
                let answer = match db.acquire().await {
                    Ok(mut c) => repo::heartbeat(&mut c, id, &worker, now, now + lease).await,
                    Err(e) => Err(e),
                };
                match answer {
                    Ok(Some(cancel)) => {
                        stop.cancelled.fetch_or(cancel, Ordering::Relaxed);
                    }
                    Ok(None) => {
                        stop.lost.store(true, Ordering::Relaxed);
                        return;
                    }
                    Err(e) => tracing::warn!(job = id.0, error = %e, "job heartbeat"),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_from_ten_seconds_up_to_ten_minutes() {
        let secs: Vec<u64> = (1..=8).map(|a| backoff(a).as_secs()).collect();
        assert_eq!(secs, [10, 20, 40, 80, 160, 320, 600, 600]);
        assert_eq!(backoff(0), Duration::from_secs(10));
        assert_eq!(backoff(1_000), Duration::from_secs(600));
    }
}
