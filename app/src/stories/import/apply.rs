//! Writing import rows: who an assignee name is, new stories, and updates of stories with a
//! known external id that keep the done flags of criteria whose text did not change.
use super::repo::aliases;
use crate::{
    db::{AsConn, Tx},
    error::AppError,
    orgs::model::OrgId,
    projects::model::ProjectId,
    stories::{import::model::StoryDraft, model::ValidStory, repo},
    users::model::Member,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Who an "Assigned To" name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// An active member, by email or name.
    Member(i64),
    /// A name mapped in an earlier import of the project: a member, or nobody.
    Remembered(Option<i64>),
    /// Nobody known: the story is imported unassigned.
    Unknown,
}

/// The organization's active members (by lower-cased email and name) and the project's
/// remembered names, to resolve the "Assigned To" column.
pub struct Assignees {
    by_name: HashMap<String, i64>,
    aliases: HashMap<String, Option<i64>>,
    /// The active members, for the preview's choices.
    pub members: Vec<Member>,
}

impl Assignees {
    pub async fn load(c: &mut impl AsConn, org: OrgId, project: ProjectId) -> Result<Self, AppError> {
        let (mut by_name, mut members) = (HashMap::new(), vec![]);
        for u in crate::users::repo::list(c, org, "").await?.into_iter().filter(|u| u.is_active) {
            by_name.insert(u.email.to_lowercase(), u.id.0);
            by_name.entry(aliases::key(&u.name)).or_insert(u.id.0);
            members.push(Member { id: u.id, name: u.name, role: u.role });
        }
        Ok(Assignees { by_name, aliases: aliases::list(c, org, project).await?, members })
    }

    pub fn resolve(&self, who: &str) -> Who {
        let key = aliases::key(who);
        match (self.by_name.get(&key), self.aliases.get(&key)) {
            (Some(id), _) => Who::Member(*id),
            (None, Some(mapped)) => Who::Remembered(*mapped),
            (None, None) => Who::Unknown,
        }
    }

    /// Whether `id` is an active member of the organization.
    pub fn is_member(&self, id: i64) -> bool {
        self.members.iter().any(|m| m.id.0 == id)
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
pub struct Writer<'a> {
    org: OrgId,
    project: ProjectId,
    assignees: &'a Assignees,
    existing: HashMap<String, crate::stories::model::StoryId>,
    next_number: i64,
    reserved: i64,
}

impl<'a> Writer<'a> {
    pub async fn new(tx: &mut Tx, org: OrgId, project: ProjectId, assignees: &'a Assignees) -> Result<Self, AppError> {
        Ok(Writer {
            org,
            project,
            assignees,
            existing: repo::external_ids(tx, project).await?,
            next_number: 0,
            reserved: 0,
        })
    }

    /// How many of `drafts` would create a story (no external id, or one not seen yet).
    pub fn new_stories<'d>(&self, drafts: impl Iterator<Item = &'d StoryDraft>) -> i64 {
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

    /// Saves one valid draft; an assignee nobody knows leaves the story unassigned.
    pub async fn apply(&mut self, tx: &mut Tx, draft: StoryDraft, now: DateTime<Utc>) -> Result<Outcome, AppError> {
        let assignee = match draft.assignee.as_deref().map(|who| self.assignees.resolve(who)) {
            Some(Who::Member(id)) => Some(id),
            Some(Who::Remembered(id)) => id,
            Some(Who::Unknown) | None => None,
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
                Ok(Outcome::Updated)
            }
            None => {
                let number = self.number(tx).await?;
                let id = repo::insert(tx, self.org, self.project, number, &story, now).await?;
                let items: Vec<(String, bool)> = story.criteria.iter().map(|t| (t.clone(), false)).collect();
                repo::insert_criteria(tx, id, &items, now).await?;
                if let Some(ext) = story.external_id {
                    self.existing.insert(ext, id);
                }
                Ok(Outcome::Created)
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
