//! Announcing new events to this process's subscribers, and on PostgreSQL to every process's.
use crate::db::Db;
use tokio::sync::broadcast;

/// The PostgreSQL channel events are announced on; the payload is the new `seq`.
pub const CHANNEL: &str = "casebook_events";

/// Wakes subscribers when events were written. Cloning shares it.
#[derive(Clone, Debug)]
pub struct Hub {
    wake: broadcast::Sender<i64>,
}

impl Hub {
    /// A hub for `db`; on PostgreSQL it also listens for other processes' announcements (a task
    /// that reconnects when the connection drops).
    pub fn start(db: &Db) -> Hub {
        // A wake-up is a number; a subscriber that falls behind skips to reading the table.
        let (wake, _) = broadcast::channel(64);
        let hub = Hub { wake };
        if let Db::Postgres(pool) = db {
            let (pool, hub) = (pool.clone(), hub.clone());
            tokio::spawn(async move {
                loop {
                    if let Err(e) = hub.listen(&pool).await {
                        tracing::warn!(error = %e, "event listener; reconnecting");
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            });
        }
        hub
    }

    async fn listen(&self, pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        // Whatever was written while not listening is read from the table by each subscriber.
        let _ = self.wake.send(0);
        loop {
            let n = listener.recv().await?;
            let _ = self.wake.send(n.payload().parse().unwrap_or(0));
        }
    }

    /// A receiver of wake-ups (the `seq` just written, 0 when unknown).
    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.wake.subscribe()
    }

    /// Wakes this process's subscribers after a commit (SQLite's only path; on PostgreSQL the
    /// listener does it too, so a subscriber may be woken twice and reads nothing the second time).
    pub fn announce(&self, seq: i64) {
        let _ = self.wake.send(seq);
    }

    /// Writes an event in the caller's transaction and announces it at commit on PostgreSQL (in
    /// the same statement); call `announce` with the returned `seq` after committing (SQLite's
    /// wake-up).
    pub async fn publish_in(
        tx: &mut crate::db::Tx,
        org: crate::orgs::model::OrgId,
        to: Option<crate::users::model::UserId>,
        kind: &str,
        data: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, sqlx::Error> {
        super::repo::insert(tx, org, to, kind, data, now).await
    }
}
