//! Writing import rows: new stories, or updates of stories with a known external id that keep the
//! done flags of criteria whose text did not change.
use crate::{
    db::Tx,
    error::AppError,
    orgs::model::OrgId,
    projects::model::ProjectId,
    stories::{
        model::{RowProblem, StoryDraft, ValidStory},
        repo,
    },
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Members by lower-cased email and name, to resolve the "Assigned To" column.
pub struct Members(HashMap<String, i64>);

impl Members {
    pub async fn load(tx: &mut Tx, org: OrgId) -> Result<Self, AppError> {
        let mut map = HashMap::new();
        for u in crate::users::repo::list(tx, org, "").await?.into_iter().filter(|u| u.is_active) {
            map.insert(u.email.to_lowercase(), u.id.0);
            map.entry(u.name.trim().to_lowercase()).or_insert(u.id.0);
        }
        Ok(Members(map))
    }

    fn find(&self, who: &str) -> Option<i64> {
        self.0.get(&who.trim().to_lowercase()).copied()
    }
}

/// What one row did.
pub enum Outcome {
    Created,
    Updated,
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// Saves one valid draft. An unknown assignee is a problem of the row (nothing is written).
pub async fn apply(
    tx: &mut Tx,
    org: OrgId,
    project: ProjectId,
    members: &Members,
    line: usize,
    draft: StoryDraft,
    now: DateTime<Utc>,
) -> Result<Result<Outcome, RowProblem>, AppError> {
    let assignee = match draft.assignee.as_deref() {
        None => None,
        Some(who) => match members.find(who) {
            Some(id) => Some(id),
            None => {
                return Ok(Err(RowProblem {
                    line,
                    column: "Assigned To".into(),
                    reason: format!("No active member of the organization is “{who}”."),
                }));
            }
        },
    };
    let story = ValidStory {
        title: draft.title,
        description: draft.description,
        priority: draft.priority,
        status: draft.status,
        epic: draft.epic,
        sprint: draft.sprint,
        story_points: draft.story_points,
        assignee,
        external_id: draft.external_id,
        criteria: draft.criteria,
    };
    let existing = match &story.external_id {
        Some(ext) => repo::find_by_external_id(tx, project, ext).await?,
        None => None,
    };
    match existing {
        Some(id) => {
            let old = repo::criteria(tx, id).await?;
            let items: Vec<(String, bool)> = story
                .criteria
                .iter()
                .map(|text| (text.clone(), old.iter().any(|c| c.done && same(&c.text, text))))
                .collect();
            repo::update(tx, org, id, &story, now).await?;
            repo::replace_criteria(tx, id, &items, now).await?;
            Ok(Ok(Outcome::Updated))
        }
        None => {
            let number = repo::next_number(tx, project).await?;
            let id = repo::insert(tx, org, project, number, &story, now).await?;
            let items: Vec<(String, bool)> = story.criteria.iter().map(|t| (t.clone(), false)).collect();
            repo::replace_criteria(tx, id, &items, now).await?;
            Ok(Ok(Outcome::Created))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn criteria_compare_ignoring_case_and_spacing() {
        assert!(super::same("Shows  the cart", "shows the cart "));
        assert!(!super::same("Shows the cart", "Shows the basket"));
    }
}
