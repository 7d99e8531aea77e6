//! Use cases of coverage.
use super::{
    model::{Coverage, CriterionCoverage, StoryCoverage, MAX_ROWS},
    repo,
};
use crate::{
    error::AppError,
    projects::service as projects,
    state::ServerCtx,
    wire::{human_key, Numbered},
};

/// The coverage of project `key`.
pub async fn get(ctx: &ServerCtx, key: &str) -> Result<Coverage, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::summary_by_key(&mut c, org, key).await?;
    let covered = crate::overview::repo::criteria_covered(&mut c, org, p.id).await?;
    let mut rows = repo::rows(&mut c, org, p.id).await?;
    let truncated = rows.len() as i64 > MAX_ROWS;
    rows.truncate(MAX_ROWS as usize);
    let mut stories: Vec<StoryCoverage> = Vec::new();
    for r in rows {
        if stories.last().is_none_or(|s| s.number != r.story_number) {
            stories.push(StoryCoverage {
                key: human_key(&p.key, Numbered::Story, r.story_number),
                number: r.story_number,
                title: r.story_title.clone(),
                criteria: Vec::new(),
            });
        }
        let Some(story) = stories.last_mut() else { continue };
        if story.criteria.last().is_none_or(|c| c.id != r.criterion_id) {
            story.criteria.push(CriterionCoverage {
                id: r.criterion_id,
                text: r.criterion_text.clone(),
                cases: Vec::new(),
            });
        }
        if let (Some(n), Some(crit)) = (r.case_number, story.criteria.last_mut()) {
            crit.cases.push((human_key(&p.key, Numbered::Case, n), n));
        }
    }
    Ok(Coverage { stories, truncated, criteria: p.criteria, covered })
}
