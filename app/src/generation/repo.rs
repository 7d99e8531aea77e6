//! SQL of generation: settings, usage, generation jobs' records, suggestions and provenance.
//! Every query is scoped by organization.
use super::model::{Proposal, Provenance, ProviderKind, Suggestion, SuggestionId, SuggestionStatus};
use crate::{
    db::AsConn,
    db_run,
    jobs::model::JobId,
    orgs::model::OrgId,
    projects::model::ProjectId,
    stories::model::{CriterionId, StoryId},
    test_cases::model::{CaseId, CaseKind},
    users::model::UserId,
    wire::{human_key, Numbered},
};
use chrono::{DateTime, Utc};

/// The organization's settings row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingsRow {
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    pub api_key_sealed: Option<String>,
    pub key_hint: Option<String>,
    pub user_per_hour: i64,
    pub org_per_hour: i64,
    pub monthly_token_budget: Option<i64>,
}

const SETTINGS: &str =
    "kind, base_url, model, api_key_sealed, key_hint, user_per_hour, org_per_hour, monthly_token_budget";

/// The settings of `org`, written with the defaults if it had none, and locked until the
/// caller's transaction ends (requests of one organization are counted one after another).
pub async fn lock_settings(c: &mut impl AsConn, org: OrgId, now: DateTime<Utc>) -> Result<SettingsRow, sqlx::Error> {
    let sql = format!(
        "INSERT INTO generation_settings (organization_id, updated_at) VALUES ($1, $2) \
         ON CONFLICT (organization_id) DO UPDATE SET kind = generation_settings.kind RETURNING {SETTINGS}"
    );
    db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(now).fetch_one(conn).await)
}

/// The settings of `org`, if it has any.
pub async fn settings(c: &mut impl AsConn, org: OrgId) -> Result<Option<SettingsRow>, sqlx::Error> {
    let sql = format!("SELECT {SETTINGS} FROM generation_settings WHERE organization_id = $1");
    db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).fetch_optional(conn).await)
}

/// What a settings change writes; `key` None keeps the stored key, `Some(None)` removes it.
pub struct SettingsChange<'a> {
    pub kind: ProviderKind,
    pub base_url: &'a str,
    pub model: &'a str,
    pub key: Option<Option<(String, String)>>,
    pub user_per_hour: i64,
    pub org_per_hour: i64,
    pub monthly_token_budget: Option<i64>,
}

pub async fn save_settings(
    c: &mut impl AsConn,
    org: OrgId,
    s: &SettingsChange<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    lock_settings(c, org, now).await?;
    db_run!(c, conn => sqlx::query(
        "UPDATE generation_settings SET kind = $2, base_url = $3, model = $4, user_per_hour = $5, org_per_hour = $6, \
         monthly_token_budget = $7, updated_at = $8 WHERE organization_id = $1",
    ).bind(org.0).bind(s.kind).bind(s.base_url).bind(s.model).bind(s.user_per_hour).bind(s.org_per_hour)
    .bind(s.monthly_token_budget).bind(now).execute(conn).await.map(|_| ()))?;
    if let Some(key) = &s.key {
        let (sealed, hint) = match key {
            Some((sealed, hint)) => (Some(sealed.as_str()), Some(hint.as_str())),
            None => (None, None),
        };
        db_run!(c, conn => sqlx::query(
            "UPDATE generation_settings SET api_key_sealed = $2, key_hint = $3 WHERE organization_id = $1",
        ).bind(org.0).bind(sealed).bind(hint).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// `YYYY-MM` of `now`: the month usage is counted in.
pub fn month(now: DateTime<Utc>) -> String {
    now.format("%Y-%m").to_string()
}

pub async fn usage(c: &mut impl AsConn, org: OrgId, month: &str) -> Result<i64, sqlx::Error> {
    let n: Option<i64> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT tokens FROM generation_usage WHERE organization_id = $1 AND month = $2",
    ).bind(org.0).bind(month).fetch_optional(conn).await)?;
    Ok(n.unwrap_or(0))
}

pub async fn add_usage(c: &mut impl AsConn, org: OrgId, month: &str, tokens: i64) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO generation_usage (organization_id, month, tokens) VALUES ($1, $2, $3) \
         ON CONFLICT (organization_id, month) DO UPDATE SET tokens = generation_usage.tokens + excluded.tokens",
    ).bind(org.0).bind(month).bind(tokens).execute(conn).await.map(|_| ()))
}

/// Generation requests of `org` since `since` (by `user` only, when given).
pub async fn requests_since(
    c: &mut impl AsConn,
    org: OrgId,
    user: Option<UserId>,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM generations WHERE organization_id = $1 AND created_at >= $2 AND ($3 OR created_by = $4)",
    ).bind(org.0).bind(since).bind(user.is_none()).bind(user.map_or(0, |u| u.0)).fetch_one(conn).await)
}

/// A generation job's record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Generation {
    pub job_id: JobId,
    pub project_id: ProjectId,
    pub provider: String,
    pub model: String,
    pub prompt_version: String,
    pub input: String,
    pub problems: String,
    pub created_by: Option<i64>,
}

/// What a new generation record holds.
pub struct NewGeneration<'a> {
    pub job: JobId,
    pub org: OrgId,
    pub project: ProjectId,
    pub provider: &'a str,
    pub model: &'a str,
    pub prompt_version: &'a str,
    pub input: &'a str,
    pub by: UserId,
}

pub async fn insert_generation(
    c: &mut impl AsConn,
    g: &NewGeneration<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO generations (job_id, organization_id, project_id, provider, model, prompt_version, input, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    ).bind(g.job).bind(g.org.0).bind(g.project).bind(g.provider).bind(g.model).bind(g.prompt_version).bind(g.input)
    .bind(g.by.0).bind(now).execute(conn).await.map(|_| ()))
}

pub async fn generation(c: &mut impl AsConn, org: OrgId, job: JobId) -> Result<Option<Generation>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT job_id, project_id, provider, model, prompt_version, input, problems, created_by FROM generations \
         WHERE organization_id = $1 AND job_id = $2",
    ).bind(org.0).bind(job).fetch_optional(conn).await)
}

/// Records which provider and model the job really used.
pub async fn set_provider(c: &mut impl AsConn, job: JobId, provider: &str, model: &str) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE generations SET provider = $2, model = $3 WHERE job_id = $1")
        .bind(job).bind(provider).bind(model).execute(conn).await.map(|_| ()))
}

/// Adds the prompts sent for one story and the problems found, in the story's transaction.
pub async fn record_story(c: &mut impl AsConn, job: JobId, prompts: &str, problems: &str) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE generations SET prompts = prompts || $2, problems = $3 WHERE job_id = $1",
    ).bind(job).bind(prompts).bind(problems).execute(conn).await.map(|_| ()))
}

/// Whether story `story`'s suggestions of `job` were already written (by an earlier attempt).
pub async fn story_done(c: &mut impl AsConn, job: JobId, story: StoryId) -> Result<bool, sqlx::Error> {
    let n: i64 = db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM suggestions WHERE job_id = $1 AND story_id = $2",
    ).bind(job).bind(story).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Writes a suggestion; a second write of the same (job, story, position) changes nothing.
pub async fn insert_suggestion(
    c: &mut impl AsConn,
    org: OrgId,
    job: JobId,
    story: StoryId,
    position: i64,
    p: &Proposal,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let criteria = serde_json::to_string(&p.criteria).unwrap_or_else(|_| "[]".to_owned());
    db_run!(c, conn => sqlx::query(
        "INSERT INTO suggestions (organization_id, job_id, story_id, position, title, kind, criteria, gherkin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (job_id, story_id, position) DO NOTHING",
    ).bind(org.0).bind(job).bind(story).bind(position).bind(&p.title).bind(p.kind).bind(criteria).bind(&p.gherkin)
    .bind(now).execute(conn).await.map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct SuggestionRow {
    id: SuggestionId,
    project_key: String,
    story_number: i64,
    story_title: String,
    title: String,
    kind: CaseKind,
    criteria: String,
    gherkin: String,
    status: SuggestionStatus,
    case_number: Option<i64>,
}

/// The suggestions of `job` in `org`, in story and position order.
pub async fn suggestions(c: &mut impl AsConn, org: OrgId, job: JobId) -> Result<Vec<Suggestion>, sqlx::Error> {
    let rows: Vec<SuggestionRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT g.id, p.key AS project_key, s.number AS story_number, s.title AS story_title, g.title, g.kind, g.criteria, \
         g.gherkin, g.status, t.number AS case_number \
         FROM suggestions g JOIN stories s ON s.id = g.story_id JOIN projects p ON p.id = s.project_id \
         LEFT JOIN test_cases t ON t.id = g.case_id \
         WHERE g.organization_id = $1 AND g.job_id = $2 ORDER BY s.number, g.position",
    ).bind(org.0).bind(job).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Suggestion {
            id: r.id,
            story_key: human_key(&r.project_key, Numbered::Story, r.story_number),
            story_title: r.story_title,
            title: r.title,
            kind: r.kind,
            criteria: serde_json::from_str::<Vec<CriterionId>>(&r.criteria).unwrap_or_default(),
            gherkin: r.gherkin,
            status: r.status,
            case_key: r.case_number.map(|n| human_key(&r.project_key, Numbered::Case, n)),
        })
        .collect())
}

/// Marks a pending suggestion reviewed; false when it was not pending (reviewed meanwhile).
pub async fn review(
    c: &mut impl AsConn,
    id: SuggestionId,
    status: SuggestionStatus,
    case: Option<CaseId>,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE suggestions SET status = $2, case_id = $3, reviewed_by = $4, reviewed_at = $5 WHERE id = $1 AND status = 'pending'",
    ).bind(id).bind(status).bind(case).bind(by.0).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Rejects every pending suggestion of `job`; returns how many.
pub async fn dismiss(
    c: &mut impl AsConn,
    org: OrgId,
    job: JobId,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE suggestions SET status = 'rejected', reviewed_by = $3, reviewed_at = $4 \
         WHERE organization_id = $1 AND job_id = $2 AND status = 'pending'",
    ).bind(org.0).bind(job).bind(by.0).bind(now).execute(conn).await.map(|r| r.rows_affected()))
}

/// Records where an accepted case came from.
pub async fn insert_provenance(
    c: &mut impl AsConn,
    org: OrgId,
    case: CaseId,
    g: &Generation,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO case_provenance (case_id, organization_id, provider, model, prompt_version, job_id, accepted_by, accepted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    ).bind(case).bind(org.0).bind(&g.provider).bind(&g.model).bind(&g.prompt_version).bind(g.job_id).bind(by.0).bind(now)
    .execute(conn).await.map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct ProvenanceRow {
    provider: String,
    model: String,
    prompt_version: String,
    job_id: i64,
    accepted_by: Option<String>,
    accepted_at: DateTime<Utc>,
}

/// Where case `case` of `org` came from, if it was generated.
pub async fn provenance(c: &mut impl AsConn, org: OrgId, case: CaseId) -> Result<Option<Provenance>, sqlx::Error> {
    let row: Option<ProvenanceRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT v.provider, v.model, v.prompt_version, v.job_id, u.name AS accepted_by, v.accepted_at \
         FROM case_provenance v LEFT JOIN users u ON u.id = v.accepted_by WHERE v.organization_id = $1 AND v.case_id = $2",
    ).bind(org.0).bind(case).fetch_optional(conn).await)?;
    Ok(row.map(|r| Provenance {
        provider: r.provider,
        model: r.model,
        prompt_version: r.prompt_version,
        job: r.job_id,
        accepted_by: r.accepted_by,
        accepted_at: r.accepted_at,
    }))
}

/// Titles of the cases of `project` linked to `story` (what a generator must not repeat).
pub async fn existing_titles(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    story: StoryId,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT title FROM test_cases WHERE organization_id = $1 AND project_id = $2 AND story_id = $3 ORDER BY number LIMIT $4",
    ).bind(org.0).bind(project).bind(story).bind(limit).fetch_all(conn).await)
}

/// Jobs with suggestions of `story` still waiting for review, newest first, and how many each.
pub async fn pending_of_story(
    c: &mut impl AsConn,
    org: OrgId,
    story: StoryId,
) -> Result<Vec<(JobId, i64)>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT job_id, COUNT(*) FROM suggestions WHERE organization_id = $1 AND story_id = $2 AND status = 'pending' \
         GROUP BY job_id ORDER BY job_id DESC LIMIT 20",
    ).bind(org.0).bind(story).fetch_all(conn).await)
}
