//! Use cases of generation: asking for test cases (cheap checks first: permission, input, the
//! project and its stories, the per-person and per-organization hourly limits and the monthly
//! budget; then the job), reading a job's suggestions, and saving the accepted ones as cases
//! with their provenance in one transaction.
use super::{
    model::{GenerateInput, Review, Saved, SuggestionStatus, Verdict},
    offline, prompt, repo,
    runner::{Payload, KIND},
    settings,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    error::{AppError, Entity},
    jobs::{self, model::JobId, repo::NewJob},
    projects::service as projects,
    state::ServerCtx,
    stories::repo as stories,
    test_cases::{
        model::{CaseInput, CaseStatus},
        repo as cases,
        service::{save as save_case, SaveKind},
    },
};
use chrono::Duration;

/// Attempts a generation job gets (transient provider errors are retried with backoff).
const ATTEMPTS: i64 = 4;

/// Starts a generation job for stories of project `key`; returns the job.
pub async fn request(ctx: &ServerCtx, key: &str, input: &GenerateInput) -> Result<JobId, AppError> {
    let by = ctx.user()?;
    input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    for &number in &input.stories {
        stories::get(&mut tx, by.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    }
    // Locks the organization's settings row: concurrent requests are counted one at a time.
    let limits = repo::lock_settings(&mut tx, by.org, now).await?;
    let hour_ago = now - Duration::hours(1);
    let mine = repo::requests_since(&mut tx, by.org, Some(by.id), hour_ago).await?;
    if mine >= limits.user_per_hour {
        return Err(AppError::RateLimited { retry_after: 3_600 / limits.user_per_hour.max(1) as u64 });
    }
    let all = repo::requests_since(&mut tx, by.org, None, hour_ago).await?;
    if all >= limits.org_per_hour {
        return Err(AppError::RateLimited { retry_after: 3_600 / limits.org_per_hour.max(1) as u64 });
    }
    if let Some(why) = settings::budget_used_up(&mut tx, by.org, now).await? {
        return Err(AppError::conflict(why));
    }
    let payload = serde_json::to_string(&Payload { project: p.id, input: input.clone() })
        .map_err(|e| crate::error::internal(&e))?;
    let job = jobs::repo::insert(
        &mut tx,
        &NewJob { org: by.org, kind: KIND, payload: &payload, created_by: Some(by.id), max_attempts: ATTEMPTS },
        now,
    )
    .await?;
    jobs::repo::set_link(&mut tx, job, &format!("/projects/{}/generations/{}", p.key, job.0)).await?;
    let input_json = serde_json::to_string(input).map_err(|e| crate::error::internal(&e))?;
    let (provider, model) = match limits.kind {
        super::model::ProviderKind::Offline => (offline::NAME.to_owned(), offline::MODEL.to_owned()),
        kind => (kind.label().to_owned(), limits.model.clone()),
    };
    let record = repo::NewGeneration {
        job,
        org: by.org,
        project: p.id,
        provider: &provider,
        model: &model,
        prompt_version: prompt::VERSION,
        input: &input_json,
        by: by.id,
    };
    repo::insert_generation(&mut tx, &record, now).await?;
    let stories_named: Vec<String> =
        input.stories.iter().map(|n| crate::wire::human_key(&p.key, crate::wire::Numbered::Story, *n)).collect();
    let event = AuditEvent::new(AuditAction::GenerationRequested, Some(by.org), &ctx.client)
        .actor(by)
        .target(stories_named.join(", "))
        .detail(format!("job {}: {} case(s) per story by {provider}", job.0, input.cases));
    audit::repo::record(&mut tx, &event, now).await?;
    let seq = jobs::events::publish_in(&mut tx, job).await?;
    tx.commit().await?;
    if let Some(seq) = seq {
        ctx.state.hub.announce(seq);
    }
    Ok(job)
}

/// The generation record of `job`, if it is one of the caller's organization.
async fn generation(c: &mut impl crate::db::AsConn, ctx: &ServerCtx, job: JobId) -> Result<repo::Generation, AppError> {
    repo::generation(c, ctx.user()?.org, job).await?.ok_or(AppError::NotFound(Entity::Job))
}

/// A generation job with its suggestions, for review.
pub async fn review(ctx: &ServerCtx, job: JobId) -> Result<Review, AppError> {
    let by = ctx.user()?;
    let mut c = ctx.db().acquire().await?;
    let g = generation(&mut c, ctx, job).await?;
    let info = jobs::repo::get(&mut c, by.org, job, by.id, true).await?.ok_or(AppError::NotFound(Entity::Job))?;
    let project_key = crate::projects::repo::key_of(&mut c, by.org, g.project_id)
        .await?
        .ok_or(AppError::NotFound(Entity::Project))?;
    let suggestions = repo::suggestions(&mut c, by.org, job).await?;
    let input: GenerateInput = serde_json::from_str(&g.input).unwrap_or_default();
    let mut criteria = Vec::new();
    for &number in &input.stories {
        if let Some((story, ..)) = stories::get(&mut c, by.org, g.project_id, number).await? {
            criteria.extend(stories::criteria(&mut c, story.id).await?.into_iter().map(|k| (k.id, k.text)));
        }
    }
    Ok(Review {
        job: info,
        project_key,
        provider: g.provider,
        model: g.model,
        prompt_version: g.prompt_version,
        suggestions,
        criteria,
        problems: serde_json::from_str(&g.problems).unwrap_or_default(),
    })
}

/// Saves the accepted suggestions of `job` as draft cases (with the reviewer's edits) and marks
/// the rejected ones, all in one transaction: a suggestion someone else reviewed meanwhile
/// refuses the whole save (409), and an edit that does not validate names its suggestion.
pub async fn save(ctx: &ServerCtx, job: JobId, verdicts: &[Verdict]) -> Result<Saved, AppError> {
    let by = ctx.user()?;
    if verdicts.is_empty() || verdicts.len() > 200 {
        return Err(AppError::BadRequest("Review between 1 and 200 suggestions at once.".to_owned()));
    }
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let g = generation(&mut tx, ctx, job).await?;
    let key = crate::projects::repo::key_of(&mut tx, by.org, g.project_id)
        .await?
        .ok_or(AppError::NotFound(Entity::Project))?;
    let project = crate::projects::model::ProjectRef { id: g.project_id, key };
    let all = repo::suggestions(&mut tx, by.org, job).await?;
    let reviewed_meanwhile =
        || AppError::conflict("A suggestion was already reviewed (perhaps by someone else); reload to see it.");
    let mut saved = Saved { cases: vec![], rejected: 0 };
    for v in verdicts {
        let Some(s) = all.iter().find(|s| s.id == v.id) else { return Err(AppError::NotFound(Entity::Job)) };
        if s.status != SuggestionStatus::Pending {
            return Err(reviewed_meanwhile());
        }
        if !v.accept {
            // The update itself decides a race with another reviewer: only a pending row changes.
            if !repo::review(&mut tx, v.id, SuggestionStatus::Rejected, None, by.id, now).await? {
                return Err(reviewed_meanwhile());
            }
            saved.rejected += 1;
            continue;
        }
        let story_number = crate::wire::HumanKey::number_of(&s.story_key)
            .ok_or_else(|| crate::error::internal(&"a suggestion's story key"))?;
        let input = CaseInput {
            title: if v.title.trim().is_empty() { s.title.clone() } else { v.title.clone() },
            gherkin: if v.gherkin.trim().is_empty() { s.gherkin.clone() } else { v.gherkin.clone() },
            story: story_number.to_string(),
            criteria: s.criteria.clone(),
            kind: s.kind,
            status: CaseStatus::Draft,
            tags: "generated".to_owned(),
            ..Default::default()
        };
        let valid = input.validate().map_err(|e| match e {
            AppError::Invalid(fields) => {
                AppError::conflict(format!("“{}” cannot be saved: {}", s.title, fields.summary()))
            }
            other => other,
        })?;
        let kind = SaveKind {
            action: AuditAction::CaseCreated,
            summary: Some(format!("generated by {} ({}), job {}", g.provider, g.model, job.0)),
        };
        let (number, _) = save_case(ctx, &mut tx, &project, None, &valid, kind).await?;
        let (case_id, _) = cases::ids_of(&mut tx, by.org, project.id, &[number])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| crate::error::internal(&"a case just saved was not found"))?;
        if !repo::review(&mut tx, v.id, SuggestionStatus::Accepted, Some(case_id), by.id, now).await? {
            return Err(reviewed_meanwhile());
        }
        repo::insert_provenance(&mut tx, by.org, case_id, &g, by.id, now).await?;
        saved.cases.push(crate::wire::human_key(&project.key, crate::wire::Numbered::Case, number));
    }
    let event = AuditEvent::new(AuditAction::SuggestionsReviewed, Some(by.org), &ctx.client)
        .actor(by)
        .target(format!("job {}", job.0))
        .detail(format!("accepted {} ({}), rejected {}", saved.cases.len(), saved.cases.join(", "), saved.rejected));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(saved)
}

/// Rejects every suggestion of `job` still waiting for review.
pub async fn dismiss(ctx: &ServerCtx, job: JobId) -> Result<u64, AppError> {
    let by = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    generation(&mut tx, ctx, job).await?;
    let n = repo::dismiss(&mut tx, by.org, job, by.id, ctx.now()).await?;
    let event = AuditEvent::new(AuditAction::SuggestionsReviewed, Some(by.org), &ctx.client)
        .actor(by)
        .target(format!("job {}", job.0))
        .detail(format!("dismissed {n}"));
    audit::repo::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok(n)
}

/// The generation jobs of story `number` of project `key` with suggestions waiting for review.
pub async fn pending(ctx: &ServerCtx, key: &str, number: i64) -> Result<Vec<super::model::PendingReview>, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let (story, ..) = stories::get(&mut c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    Ok(repo::pending_of_story(&mut c, org, story.id)
        .await?
        .into_iter()
        .map(|(job, count)| super::model::PendingReview {
            job,
            count,
            href: format!("/projects/{}/generations/{}", p.key, job.0),
        })
        .collect())
}
