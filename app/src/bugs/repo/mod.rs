//! SQL of bugs. Every query is scoped by organization (and project where a number is looked up).
mod history;
mod list;

pub use history::*;
pub use list::list;

use super::model::{BugId, BugPriority, BugStatus, BugSummary, BugType, LinkRef, Severity, ValidBug};
use crate::{
    db::AsConn,
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    users::model::UserId,
    wire::{human_key, Numbered},
};
use chrono::{DateTime, Utc};

/// What a bug was found with: filled by the service from the numbers typed, checked to be the
/// project's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    pub case_id: Option<i64>,
    pub story_id: Option<i64>,
    pub run_id: Option<i64>,
    pub run_case_id: Option<i64>,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
    bug: &ValidBug,
    links: Links,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<BugId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO bugs (organization_id, project_id, number, title, description_md, severity, priority, bug_type, status, \
         reporter_id, environment, steps_to_reproduce, expected, actual, case_id, story_id, run_id, run_case_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'new', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
    ).bind(org.0).bind(project.0).bind(number).bind(&bug.title).bind(&bug.description).bind(bug.severity)
    .bind(bug.priority).bind(bug.bug_type).bind(by.0).bind(&bug.environment).bind(&bug.steps_to_reproduce)
    .bind(&bug.expected).bind(&bug.actual).bind(links.case_id).bind(links.story_id).bind(links.run_id)
    .bind(links.run_case_id).bind(now).fetch_one(conn).await.map(BugId))
}

/// A bug's row as the list reads it.
#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    project_key: String,
    number: i64,
    title: String,
    severity: Severity,
    priority: BugPriority,
    bug_type: BugType,
    status: BugStatus,
    assignee_id: Option<i64>,
    assignee: Option<String>,
    reporter_id: Option<i64>,
    reporter: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// The select of `SummaryRow`s (`b` is the bug).
pub(super) const SUMMARY: &str = "SELECT b.id, p.key AS project_key, b.number, b.title, b.severity, b.priority, \
     b.bug_type, b.status, b.assignee_id, a.name AS assignee, b.reporter_id, r.name AS reporter, b.created_at, b.updated_at \
     FROM bugs b JOIN projects p ON p.id = b.project_id LEFT JOIN users a ON a.id = b.assignee_id \
     LEFT JOIN users r ON r.id = b.reporter_id";

impl From<SummaryRow> for BugSummary {
    fn from(r: SummaryRow) -> Self {
        BugSummary {
            id: BugId(r.id),
            key: human_key(&r.project_key, Numbered::Bug, r.number),
            number: r.number,
            title: r.title,
            severity: r.severity,
            priority: r.priority,
            bug_type: r.bug_type,
            status: r.status,
            assignee_id: r.assignee_id.map(UserId),
            assignee: r.assignee,
            reporter: r.reporter,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Bug `number` of `project` in `org`, and who reported it.
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<(BugSummary, Option<UserId>)>, sqlx::Error> {
    let sql = format!("{SUMMARY} WHERE b.organization_id = $1 AND b.project_id = $2 AND b.number = $3");
    let row: Option<SummaryRow> =
        db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    Ok(row.map(|r| {
        let reporter = r.reporter_id.map(UserId);
        (r.into(), reporter)
    }))
}

/// A bug's texts and the titles of what it links to.
#[derive(sqlx::FromRow)]
pub struct DetailRow {
    pub description_md: String,
    pub environment: String,
    pub steps_to_reproduce: String,
    pub expected: String,
    pub actual: String,
    dup_number: Option<i64>,
    dup_title: Option<String>,
    case_number: Option<i64>,
    case_title: Option<String>,
    story_number: Option<i64>,
    story_title: Option<String>,
    run_number: Option<i64>,
    run_name: Option<String>,
}

impl DetailRow {
    fn link(key: &str, kind: Numbered, number: Option<i64>, title: &Option<String>) -> Option<LinkRef> {
        number.map(|n| LinkRef { key: human_key(key, kind, n), number: n, title: title.clone().unwrap_or_default() })
    }

    /// The duplicated bug, case, story and run, with the project key `key`.
    pub fn links(&self, key: &str) -> [Option<LinkRef>; 4] {
        [
            Self::link(key, Numbered::Bug, self.dup_number, &self.dup_title),
            Self::link(key, Numbered::Case, self.case_number, &self.case_title),
            Self::link(key, Numbered::Story, self.story_number, &self.story_title),
            Self::link(key, Numbered::Run, self.run_number, &self.run_name),
        ]
    }
}

/// The texts and links of bug `id` of `org`.
pub async fn detail(c: &mut impl AsConn, org: OrgId, id: BugId) -> Result<Option<DetailRow>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT b.description_md, b.environment, b.steps_to_reproduce, b.expected, b.actual, \
         d.number AS dup_number, d.title AS dup_title, COALESCE(t.number, x.case_number) AS case_number, \
         COALESCE(t.title, x.title) AS case_title, s.number AS story_number, s.title AS story_title, \
         r.number AS run_number, r.name AS run_name \
         FROM bugs b LEFT JOIN bugs d ON d.id = b.duplicate_of LEFT JOIN test_cases t ON t.id = b.case_id \
         LEFT JOIN run_cases x ON x.id = b.run_case_id LEFT JOIN stories s ON s.id = b.story_id \
         LEFT JOIN test_runs r ON r.id = b.run_id WHERE b.organization_id = $1 AND b.id = $2",
    ).bind(org.0).bind(id.0).fetch_optional(conn).await)
}

/// Changes a bug's text and classification.
pub async fn update(
    c: &mut impl AsConn,
    org: OrgId,
    id: BugId,
    bug: &ValidBug,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE bugs SET title = $3, description_md = $4, severity = $5, priority = $6, bug_type = $7, environment = $8, \
         steps_to_reproduce = $9, expected = $10, actual = $11, updated_at = $12 WHERE organization_id = $1 AND id = $2",
    ).bind(org.0).bind(id.0).bind(&bug.title).bind(&bug.description).bind(bug.severity).bind(bug.priority)
    .bind(bug.bug_type).bind(&bug.environment).bind(&bug.steps_to_reproduce).bind(&bug.expected).bind(&bug.actual)
    .bind(now).execute(conn).await.map(|_| ()))
}

/// Moves a bug from `from` to `to` (and, moving to duplicate, records the original); false when
/// it was no longer in `from` (someone moved it meanwhile).
pub async fn set_status(
    c: &mut impl AsConn,
    org: OrgId,
    id: BugId,
    from: BugStatus,
    to: BugStatus,
    duplicate_of: Option<BugId>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE bugs SET status = $4, duplicate_of = COALESCE($5, duplicate_of), updated_at = $6 \
         WHERE organization_id = $1 AND id = $2 AND status = $3",
    ).bind(org.0).bind(id.0).bind(from).bind(to).bind(duplicate_of.map(|d| d.0)).bind(now)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn set_assignee(
    c: &mut impl AsConn,
    org: OrgId,
    id: BugId,
    assignee: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE bugs SET assignee_id = $3, updated_at = $4 WHERE organization_id = $1 AND id = $2")
        .bind(org.0).bind(id.0).bind(assignee.0).bind(now).execute(conn).await.map(|_| ()))
}

/// Who reported bug `id` (None when their account is gone).
pub async fn reporter(c: &mut impl AsConn, org: OrgId, id: BugId) -> Result<Option<UserId>, sqlx::Error> {
    let found: Option<Option<i64>> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT reporter_id FROM bugs WHERE organization_id = $1 AND id = $2",
    ).bind(org.0).bind(id.0).fetch_optional(conn).await)?;
    Ok(found.flatten().map(UserId))
}

/// The id of the row numbered `number` of `project` in `table` (a fixed name, never input).
async fn id_of(
    c: &mut impl AsConn,
    table: &'static str,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = format!("SELECT id FROM {table} WHERE organization_id = $1 AND project_id = $2 AND number = $3");
    db_run!(c, conn => sqlx::query_scalar(&sql).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)
}

pub async fn bug_id(c: &mut impl AsConn, org: OrgId, p: ProjectId, number: i64) -> Result<Option<BugId>, sqlx::Error> {
    Ok(id_of(c, "bugs", org, p, number).await?.map(BugId))
}

pub async fn story_id(c: &mut impl AsConn, org: OrgId, p: ProjectId, number: i64) -> Result<Option<i64>, sqlx::Error> {
    id_of(c, "stories", org, p, number).await
}

pub async fn run_id(c: &mut impl AsConn, org: OrgId, p: ProjectId, number: i64) -> Result<Option<i64>, sqlx::Error> {
    id_of(c, "test_runs", org, p, number).await
}

/// A case, or a run's execution of one, as a bug links it.
#[derive(Debug, sqlx::FromRow)]
pub struct CaseLink {
    /// The execution's row (for a run's case), else the case's.
    pub id: i64,
    pub case_id: Option<i64>,
    pub story_id: Option<i64>,
}

/// Case `number` of `project` and its story.
pub async fn case_link(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<CaseLink>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT id, id AS case_id, story_id FROM test_cases WHERE organization_id = $1 AND project_id = $2 AND number = $3",
    ).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)
}

/// Run `run`'s execution of case `number`, its case (if not deleted since) and the case's story.
pub async fn execution_link(
    c: &mut impl AsConn,
    org: OrgId,
    run: i64,
    number: i64,
) -> Result<Option<CaseLink>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT x.id, x.case_id, t.story_id FROM run_cases x LEFT JOIN test_cases t ON t.id = x.case_id \
         WHERE x.organization_id = $1 AND x.run_id = $2 AND x.case_number = $3",
    ).bind(org.0).bind(run).bind(number).fetch_optional(conn).await)
}
