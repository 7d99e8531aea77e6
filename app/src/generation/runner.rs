//! The `generate` job: for each story of the request, build the prompt, ask the organization's
//! provider (or run the built-in rules), check the answer, ask once more about what failed with
//! the problems in the prompt, and write the suggestions. Each story's suggestions, its prompts,
//! problems and token usage are written in one transaction; a story already written (by an
//! attempt that died after its commit) is skipped, so a job taken up again after a crash never
//! writes a suggestion twice.
use super::{
    check::{check, uncovered},
    model::{GenerateInput, Outcome, Proposal, StoryBrief},
    offline, prompt,
    providers::{self, Ask, Provider, ProviderError},
    repo, settings,
};
use crate::{
    jobs::{
        model::Progress,
        queue::{BoxFuture, Handler, JobError, Run},
    },
    projects::model::ProjectId,
    stories::repo as stories,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use std::{sync::Arc, time::Duration};

/// The job kind.
pub const KIND: &str = "generate";
/// Most existing titles read per story.
const EXISTING: i64 = 50;

/// What a generation job is started with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub project: ProjectId,
    pub input: GenerateInput,
}

/// The handler; holds the instance secret to open the stored API key.
pub struct Generate {
    secret: Arc<Vec<u8>>,
    timeout: Duration,
}

impl Generate {
    pub fn new(secret: &[u8], timeout: Duration) -> Self {
        Generate { secret: Arc::new(secret.to_vec()), timeout }
    }
}

impl Handler for Generate {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, run: &'a Run) -> BoxFuture<'a, Result<String, JobError>> {
        Box::pin(self.generate(run))
    }
}

fn db_error(e: sqlx::Error) -> JobError {
    JobError::Retry(format!("The database could not be reached ({e})."))
}

fn provider_error(e: &ProviderError) -> JobError {
    match e.retry_after() {
        Some(wait) => JobError::RetryAfter(e.to_string(), wait),
        None if e.transient() => JobError::Retry(e.to_string()),
        None => JobError::Fail(e.to_string()),
    }
}

/// What came of one story.
struct StoryResult {
    kept: Vec<Proposal>,
    problems: Vec<String>,
    prompts: String,
    tokens: i64,
}

impl Generate {
    async fn generate(&self, run: &Run) -> Result<String, JobError> {
        let payload: Payload = serde_json::from_str(&run.payload)
            .map_err(|e| JobError::Fail(format!("The request could not be read ({e}).")))?;
        let input = payload.input;
        let db = run.db();
        let mut c = db.acquire().await.map_err(db_error)?;
        let row = repo::settings(&mut c, run.org).await.map_err(db_error)?;
        let endpoint = settings::endpoint(&self.secret, run.org, row.as_ref(), self.timeout).map_err(JobError::Fail)?;
        let provider = providers::build(endpoint);
        let (name, model) = match &provider {
            Some(p) => (p.name(), p.model().to_owned()),
            None => (offline::NAME, offline::MODEL.to_owned()),
        };
        repo::set_provider(&mut c, run.id, name, &model).await.map_err(db_error)?;
        let generation = repo::generation(&mut c, run.org, run.id)
            .await
            .map_err(db_error)?
            .ok_or_else(|| JobError::Fail("The request's record is missing.".to_owned()))?;
        let mut problems: Vec<String> = serde_json::from_str(&generation.problems).unwrap_or_default();
        let key = crate::projects::repo::key_of(&mut c, run.org, payload.project)
            .await
            .map_err(db_error)?
            .ok_or_else(|| JobError::Fail("The project was deleted.".to_owned()))?;
        drop(c);
        let total = input.stories.len() as i64;
        let start: usize = run.checkpoint.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0);
        let mut outcome = Outcome::default();
        for (i, &number) in input.stories.iter().enumerate().skip(start) {
            let story_key = crate::wire::human_key(&key, crate::wire::Numbered::Story, number);
            let message = format!("Writing test cases for {story_key} ({} of {total})", i + 1);
            run.progress(&Progress { done: i as i64, total, message }, None).await?;
            let mut c = db.acquire().await.map_err(db_error)?;
            let Some((story, description, _)) =
                stories::get(&mut c, run.org, payload.project, number).await.map_err(db_error)?
            else {
                problems.push(format!("{story_key}: the story was deleted before its cases were written."));
                continue;
            };
            if repo::story_done(&mut c, run.id, story.id).await.map_err(db_error)? {
                continue;
            }
            let criteria = stories::criteria(&mut c, story.id).await.map_err(db_error)?;
            let brief = StoryBrief {
                key: story_key.clone(),
                title: story.title.clone(),
                description,
                criteria: criteria
                    .into_iter()
                    .filter(|k| input.only_criteria.is_empty() || input.only_criteria.contains(&k.id))
                    .map(|k| (k.id, k.text))
                    .collect(),
                existing: repo::existing_titles(&mut c, run.org, payload.project, story.id, EXISTING)
                    .await
                    .map_err(db_error)?,
            };
            if let Some(why) = settings::budget_used_up(&mut c, run.org, Utc::now()).await.map_err(db_error)? {
                return Err(JobError::Fail(why));
            }
            drop(c);
            let result = match &provider {
                None => offline_story(&brief, &input),
                Some(p) => ask_story(p.as_ref(), &brief, &input).await?,
            };
            for (id, text) in uncovered(&brief, &result.kept) {
                problems.push(format!("{story_key}: no suggestion covers criterion {id} “{text}”."));
            }
            problems.extend(result.problems.iter().map(|p| format!("{story_key}: {p}")));
            let mut tx = db.begin().await.map_err(db_error)?;
            for (position, p) in result.kept.iter().enumerate() {
                repo::insert_suggestion(&mut tx, run.org, run.id, story.id, position as i64, p, Utc::now())
                    .await
                    .map_err(db_error)?;
            }
            let problems_json = serde_json::to_string(&problems).unwrap_or_else(|_| "[]".to_owned());
            repo::record_story(&mut tx, run.id, &result.prompts, &problems_json).await.map_err(db_error)?;
            if result.tokens > 0 {
                repo::add_usage(&mut tx, run.org, &repo::month(Utc::now()), result.tokens).await.map_err(db_error)?;
            }
            tx.commit().await.map_err(db_error)?;
            outcome.tokens += result.tokens;
            let next = (i + 1).to_string();
            let message = format!("Wrote test cases for {story_key}");
            run.progress(&Progress { done: i as i64 + 1, total, message }, Some(&next)).await?;
        }
        let mut c = db.acquire().await.map_err(db_error)?;
        outcome.suggestions = repo::suggestions(&mut c, run.org, run.id).await.map_err(db_error)?.len() as i64;
        outcome.problems = problems;
        Ok(serde_json::to_string(&outcome).unwrap_or_default())
    }
}

fn offline_story(brief: &StoryBrief, input: &GenerateInput) -> StoryResult {
    let (kept, problems) = check(brief, input.language, offline::generate(brief, input), &[]);
    StoryResult { kept, problems, prompts: String::new(), tokens: 0 }
}

/// Asks `p` about one story, and once more about what failed.
async fn ask_story(p: &dyn Provider, brief: &StoryBrief, input: &GenerateInput) -> Result<StoryResult, JobError> {
    let ask = |errors: &[String]| Ask {
        system: prompt::system(input.language),
        user: prompt::user(brief, input, errors),
        schema: prompt::schema(input),
    };
    let first = ask(&[]);
    let reply = p.ask(&first).await.map_err(|e| provider_error(&e))?;
    let mut tokens = reply.tokens;
    let mut prompts = format!("### {}\n{}\n", brief.key, first.user);
    let (mut kept, problems) = match prompt::read(&reply.text) {
        Ok(proposals) => check(brief, input.language, proposals, &[]),
        Err(why) => (vec![], vec![why]),
    };
    if problems.is_empty() {
        return Ok(StoryResult { kept, problems, prompts, tokens });
    }
    let second = ask(&problems);
    prompts.push_str(&format!("### {} (again, with the problems)\n{}\n", brief.key, second.user));
    let reply = p.ask(&second).await.map_err(|e| provider_error(&e))?;
    tokens += reply.tokens;
    let (more, problems) = match prompt::read(&reply.text) {
        Ok(proposals) => check(brief, input.language, proposals, &kept),
        Err(why) => (vec![], vec![why]),
    };
    kept.extend(more);
    Ok(StoryResult { kept, problems, prompts, tokens })
}
