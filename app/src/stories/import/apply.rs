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

/// Writes the rows of one import into one project. It knows the project's external ids up front
/// and takes story numbers in blocks, so a new row costs two statements (story, criteria).
pub struct Writer {
    org: OrgId,
    project: ProjectId,
    members: Members,
    existing: HashMap<String, i64>,
    next_number: i64,
    reserved: i64,
}

impl Writer {
    pub async fn new(tx: &mut Tx, org: OrgId, project: ProjectId) -> Result<Self, AppError> {
        Ok(Writer {
            org,
            project,
            members: Members::load(tx, org).await?,
            existing: repo::external_ids(tx, project).await?,
            next_number: 0,
            reserved: 0,
        })
    }

    /// How many of `drafts` would create a story (no external id, or one not seen yet).
    pub fn new_stories<'a>(&self, drafts: impl Iterator<Item = &'a StoryDraft>) -> i64 {
        let mut seen = std::collections::HashSet::new();
        drafts
            .filter(|d| match &d.external_id {
                None => true,
                Some(ext) => !self.existing.contains_key(ext) && seen.insert(ext.clone()),
            })
            .count() as i64
    }

    /// Takes `n` story numbers for the rows about to be written (unused ones leave a gap; numbers
    /// are never reused).
    pub async fn reserve(&mut self, tx: &mut Tx, n: i64) -> Result<(), AppError> {
        if n > 0 {
            self.next_number =
                crate::projects::counters::reserve(tx, self.project, crate::wire::Numbered::Story, n).await?;
            self.reserved = n;
        }
        Ok(())
    }

    async fn number(&mut self, tx: &mut Tx) -> Result<i64, AppError> {
        if self.reserved == 0 {
            self.reserve(tx, 1).await?;
        }
        self.reserved -= 1;
        self.next_number += 1;
        Ok(self.next_number - 1)
    }

    /// Saves one valid draft. An unknown assignee is a problem of the row (nothing is written).
    pub async fn apply(
        &mut self,
        tx: &mut Tx,
        line: usize,
        draft: StoryDraft,
        now: DateTime<Utc>,
    ) -> Result<Result<Outcome, RowProblem>, AppError> {
        let assignee = match draft.assignee.as_deref() {
            None => None,
            Some(who) => match self.members.find(who) {
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
        let existing = story.external_id.as_ref().and_then(|ext| self.existing.get(ext).copied());
        match existing {
            Some(id) => {
                let old = repo::criteria(tx, id).await?;
                let items: Vec<(String, bool)> = story
                    .criteria
                    .iter()
                    .map(|text| (text.clone(), old.iter().any(|c| c.done && same(&c.text, text))))
                    .collect();
                repo::update(tx, self.org, id, &story, now).await?;
                repo::replace_criteria(tx, id, &items, now).await?;
                Ok(Ok(Outcome::Updated))
            }
            None => {
                let number = self.number(tx).await?;
                let id = repo::insert(tx, self.org, self.project, number, &story, now).await?;
                let items: Vec<(String, bool)> = story.criteria.iter().map(|t| (t.clone(), false)).collect();
                repo::insert_criteria(tx, id, &items, now).await?;
                if let Some(ext) = story.external_id {
                    self.existing.insert(ext, id);
                }
                Ok(Ok(Outcome::Created))
            }
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
