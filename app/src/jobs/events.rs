//! A job's changes on the live stream: each progress, retry and ending writes a `job` event (the
//! job as `JobInfo`, JSON) for the person who started it, in the same transaction as the change.
use super::{model::JobId, repo};
use crate::{db::Db, events::hub::Hub, users::model::UserId};
use chrono::Utc;

/// The event kind of a job's change.
pub const KIND: &str = "job";

/// Publishes job `id`'s current state to its starter, inside `tx`; returns the event's `seq`
/// (for `Hub::announce` after commit), `None` for a job nobody started.
pub async fn publish_in(tx: &mut crate::db::Tx, id: JobId) -> Result<Option<i64>, sqlx::Error> {
    let Some((org, Some(by))) = repo::owner(tx, id).await? else { return Ok(None) };
    let Some(info) = repo::get(tx, org, id, UserId(0), true).await? else { return Ok(None) };
    let data = serde_json::to_string(&info).unwrap_or_default();
    Ok(Some(Hub::publish_in(tx, org, Some(by), KIND, &data, Utc::now()).await?))
}

/// Publishes job `id`'s state in a transaction of its own (after a change already committed).
pub async fn publish(db: &Db, hub: &Hub, id: JobId) {
    let attempt = async {
        let mut tx = db.begin().await?;
        let seq = publish_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(seq)
    };
    match attempt.await {
        Ok(Some(seq)) => hub.announce(seq),
        Ok(None) => {}
        Err(e) => tracing::warn!(job = id.0, error = %e, "could not publish the job's change"),
    }
}
