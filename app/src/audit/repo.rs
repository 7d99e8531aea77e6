//! SQL for the audit log: append and read, never change.
use super::{
    event::AuditEvent,
    model::{AuditAction, AuditEntry, AuditFilter},
};
use crate::{
    db::{backend_of, AsConn, Chain},
    db_run,
    error::AppError,
    orgs::model::OrgId,
};
use chrono::{DateTime, NaiveDate, Utc};

/// Adds the event's row to `chain`, to be written with the chain's other rows.
pub fn push(chain: &mut Chain, e: &AuditEvent, now: DateTime<Utc>) {
    chain.write(|q| {
        q.push(
            "INSERT INTO audit_events (organization_id, actor_user_id, actor_email, action, target, detail, ip, user_agent, \
             created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                e.org.map(|o| o.0).into(),
                e.actor_id.into(),
                e.actor_email.as_deref().into(),
                e.action.as_str().into(),
                e.target.as_deref().into(),
                e.detail.as_deref().into(),
                e.ip.as_deref().into(),
                e.user_agent.as_deref().into(),
                now.into(),
            ],
        );
    });
}

/// Writes the event's row.
pub async fn record(c: &mut impl AsConn, e: &AuditEvent, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut chain = Chain::new(backend_of(c));
    push(&mut chain, e, now);
    chain.run(c).await.map(drop)
}

fn day(s: &str, field: &str) -> Result<Option<NaiveDate>, AppError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map(Some).map_err(|_| {
        let mut f = crate::error::FieldErrors::default();
        f.add(field, "Use a date like 2026-11-27.");
        AppError::Invalid(f)
    })
}

/// The organization's events matching `filter`, newest first, at most `limit`, older than
/// `before` (an id) when given.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    let from = day(&filter.from, "from")?.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
    let to =
        day(&filter.to, "to")?.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
    let action = filter.action.trim();
    if !action.is_empty() && AuditAction::from_name(action).is_none() {
        let mut f = crate::error::FieldErrors::default();
        f.add("action", "Pick an action from the list.");
        return Err(AppError::Invalid(f));
    }
    let actor = format!("%{}%", filter.actor.trim().to_lowercase().replace('%', ""));
    type Row =
        (i64, DateTime<Utc>, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, created_at, action, actor_email, target, detail, ip, user_agent FROM audit_events \
         WHERE organization_id = $1 AND ($2 = '' OR action = $2) AND (LOWER(COALESCE(actor_email, '')) LIKE $3) \
         AND ($4 IS NULL OR created_at >= $4) AND ($5 IS NULL OR created_at < $5) AND ($6 IS NULL OR id < $6) \
         ORDER BY id DESC LIMIT $7",
    )
    .bind(org.0).bind(action).bind(&actor).bind(from).bind(to).bind(before).bind(limit)
    .fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, at, action, actor, target, detail, ip, user_agent)| AuditEntry {
            id,
            at,
            action,
            actor,
            target,
            detail,
            ip,
            user_agent,
        })
        .collect())
}
