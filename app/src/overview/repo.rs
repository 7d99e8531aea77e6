//! SQL of the overview: counts by the database, short lists by index, and the project's part of
//! the audit log.
use super::model::{Activity, Linked, ACTIVITY_LIMIT, LIST_LIMIT};
use crate::{
    audit::AuditAction,
    db::AsConn,
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    test_cases::model::CaseStatus,
    wire::{HumanKey, Numbered},
};
use chrono::{DateTime, Utc};

pub async fn criteria_covered(c: &mut impl AsConn, org: OrgId, p: ProjectId) -> Result<i64, sqlx::Error> {
    // By criterion (one index probe each), not by case: a project has far fewer criteria.
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM acceptance_criteria a JOIN stories s ON s.id = a.story_id \
         WHERE s.organization_id = $1 AND s.project_id = $2 \
         AND EXISTS (SELECT 1 FROM test_case_criteria x WHERE x.criterion_id = a.id)",
    ).bind(org.0).bind(p.0).fetch_one(conn).await)
}

/// Every status with its count, zeros included.
pub async fn cases_by_status(
    c: &mut impl AsConn,
    org: OrgId,
    p: ProjectId,
) -> Result<Vec<(CaseStatus, i64)>, sqlx::Error> {
    let rows: Vec<(CaseStatus, i64)> = db_run!(c, conn => sqlx::query_as(
        "SELECT status, COUNT(*) FROM test_cases WHERE organization_id = $1 AND project_id = $2 GROUP BY status",
    ).bind(org.0).bind(p.0).fetch_all(conn).await)?;
    Ok(CaseStatus::ALL.iter().map(|s| (*s, rows.iter().find(|(r, _)| r == s).map_or(0, |(_, n)| *n))).collect())
}

#[derive(sqlx::FromRow)]
struct NumberTitle {
    number: i64,
    title: String,
}

fn linked(rows: Vec<NumberTitle>, key: &str, kind: Numbered) -> Vec<Linked> {
    rows.into_iter()
        .map(|r| {
            let k = HumanKey::new(key, kind, r.number);
            Linked { key: k.to_string(), title: r.title, href: k.href() }
        })
        .collect()
}

/// Stories no case covers, oldest first.
pub async fn uncovered_stories(
    c: &mut impl AsConn,
    org: OrgId,
    p: ProjectId,
    key: &str,
) -> Result<Vec<Linked>, sqlx::Error> {
    let rows: Vec<NumberTitle> = db_run!(c, conn => sqlx::query_as(
        "SELECT s.number, s.title FROM stories s WHERE s.organization_id = $1 AND s.project_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM test_cases t WHERE t.story_id = s.id) ORDER BY s.number LIMIT $3",
    ).bind(org.0).bind(p.0).bind(LIST_LIMIT).fetch_all(conn).await)?;
    Ok(linked(rows, key, Numbered::Story))
}

/// Cases in draft, most recently changed first.
pub async fn drafts(c: &mut impl AsConn, org: OrgId, p: ProjectId, key: &str) -> Result<Vec<Linked>, sqlx::Error> {
    let rows: Vec<NumberTitle> = db_run!(c, conn => sqlx::query_as(
        "SELECT number, title FROM test_cases WHERE organization_id = $1 AND project_id = $2 AND status = 'draft' \
         ORDER BY updated_at DESC, id DESC LIMIT $3",
    ).bind(org.0).bind(p.0).bind(LIST_LIMIT).fetch_all(conn).await)?;
    Ok(linked(rows, key, Numbered::Case))
}

/// What the overview's activity lists: changes to the project and what it holds.
const PROJECT_ACTIONS: [AuditAction; 15] = [
    AuditAction::ProjectCreated,
    AuditAction::ProjectUpdated,
    AuditAction::StoryCreated,
    AuditAction::StoryUpdated,
    AuditAction::StoryDeleted,
    AuditAction::StoriesImported,
    AuditAction::CaseCreated,
    AuditAction::CaseUpdated,
    AuditAction::CaseCloned,
    AuditAction::CaseDeleted,
    AuditAction::CaseRestored,
    AuditAction::CasesBulkUpdated,
    AuditAction::CasesBulkDeleted,
    AuditAction::CasesImported,
    AuditAction::ProjectDeleted,
];

#[derive(sqlx::FromRow)]
struct Event {
    created_at: DateTime<Utc>,
    action: String,
    target: Option<String>,
    detail: Option<String>,
    who: Option<String>,
}

/// The latest changes to project `key` and what it holds (targets `KEY` and `KEY-…`; keys hold
/// only letters and digits, so the pattern matches no other project).
pub async fn activity(c: &mut impl AsConn, org: OrgId, key: &str) -> Result<Vec<Activity>, sqlx::Error> {
    let actions = PROJECT_ACTIONS.iter().map(|a| format!("'{}'", a.as_str())).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT e.created_at, e.action, e.target, e.detail, COALESCE(u.name, e.actor_email) AS who \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id \
         WHERE e.organization_id = $1 AND (e.target = $2 OR e.target LIKE $3) AND e.action IN ({actions}) \
         ORDER BY e.created_at DESC, e.id DESC LIMIT $4"
    );
    let rows: Vec<Event> = db_run!(c, conn => sqlx::query_as(&sql)
        .bind(org.0).bind(key).bind(format!("{key}-%")).bind(ACTIVITY_LIMIT).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(|e| activity_of(e, key)).collect())
}

fn activity_of(e: Event, key: &str) -> Activity {
    let action = AuditAction::from_name(&e.action);
    let gone =
        matches!(action, Some(AuditAction::CaseDeleted | AuditAction::StoryDeleted | AuditAction::ProjectDeleted));
    let href = match (&e.target, gone) {
        (Some(t), false) if t == key => Some(format!("/projects/{key}")),
        (Some(t), false) => HumanKey::parse(t).filter(|k| k.project == key).map(|k| k.href()),
        _ => None,
    };
    Activity {
        at: e.created_at,
        who: e.who.unwrap_or_else(|| "Someone".into()),
        what: action.map_or(e.action.clone(), |a| a.label().to_owned()),
        target: e.target,
        href,
        detail: e.detail,
    }
}
