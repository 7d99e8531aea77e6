//! Housekeeping on a schedule: forgotten rate-limit keys, old import files, live-stream events
//! older than `EVENTS_KEPT` and old notifications (`NOTICES_KEPT` after reading, `UNREAD_KEPT`
//! unread) are deleted, so rows cannot pile up. Safe on any number of app servers (each pass is a
//! few idempotent deletes).
use crate::{
    db::Db, events::repo as events, notifications::repo as notices, ratelimit, stories::import::repo as imports,
};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Time between two passes.
pub const EVERY: Duration = Duration::from_secs(600);

/// How long live-stream events are kept for clients to resume from.
pub const EVENTS_KEPT: chrono::Duration = chrono::Duration::hours(24);

/// How long a read notification is kept.
pub const NOTICES_KEPT: chrono::Duration = chrono::Duration::days(90);

/// How long an unread notification is kept.
pub const UNREAD_KEPT: chrono::Duration = chrono::Duration::days(365);

/// What one pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub rate_limits: u64,
    pub import_files: u64,
    pub events: u64,
    pub notifications: u64,
}

/// One pass at `now`.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<Purged, sqlx::Error> {
    let mut c = db.acquire().await?;
    Ok(Purged {
        rate_limits: ratelimit::purge(&mut c, now).await?,
        import_files: imports::purge_files(&mut c, now).await?,
        events: events::purge(&mut c, now - EVENTS_KEPT).await?,
        notifications: notices::purge(&mut c, now - NOTICES_KEPT, now - UNREAD_KEPT).await?,
    })
}

/// Runs a pass now and then every `EVERY`, for the life of the process.
pub async fn run(db: Db) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match purge(&db, Utc::now()).await {
            Ok(p) if p != Purged::default() => {
                tracing::info!(
                    rate_limits = p.rate_limits,
                    import_files = p.import_files,
                    events = p.events,
                    notifications = p.notifications,
                    "purged"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping pass failed; trying again later"),
        }
    }
}
