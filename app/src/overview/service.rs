//! Use case of the overview: read it.
use super::{model::Overview, repo};
use crate::{error::AppError, projects::service as projects, state::ServerCtx};

pub async fn get(ctx: &ServerCtx, key: &str) -> Result<Overview, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let project = projects::summary_by_key(&mut c, org, key).await?;
    let p = project.id;
    let criteria_covered = repo::criteria_covered(&mut c, org, p).await?;
    let cases_by_status = repo::cases_by_status(&mut c, org, p).await?;
    let uncovered = repo::uncovered_stories(&mut c, org, p, &project.key).await?;
    let drafts = repo::drafts(&mut c, org, p, &project.key).await?;
    let activity = repo::activity(&mut c, org, &project.key).await?;
    Ok(Overview {
        uncovered_total: project.stories - project.stories_with_tests,
        project,
        criteria_covered,
        cases_by_status,
        uncovered,
        drafts,
        activity,
    })
}
