//! Wire types of user stories and their acceptance criteria.
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// How urgent a story (or a test case) is.
    pub enum Priority default Medium {
        Critical = "critical" / "Critical",
        High = "high" / "High",
        Medium = "medium" / "Medium",
        Low = "low" / "Low",
    }
}

crate::wire_enum! {
    /// Where a story is in its workflow.
    pub enum StoryStatus {
        Backlog = "backlog" / "Backlog",
        ToDo = "to_do" / "To do",
        InProgress = "in_progress" / "In progress",
        InReview = "in_review" / "In review",
        Testing = "testing" / "Testing",
        Done = "done" / "Done",
    }
}

fn key(s: &str) -> String {
    s.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Priority {
    /// English or Spanish names and common tracker synonyms; `None` if unrecognized.
    pub fn from_text(s: &str) -> Option<Self> {
        Some(match key(s).as_str() {
            "critical" | "critica" | "crítica" | "critico" | "crítico" | "urgent" | "urgente" | "blocker"
            | "highest" => Priority::Critical,
            "high" | "alta" | "alto" | "major" => Priority::High,
            "medium" | "media" | "medio" | "normal" | "" => Priority::Medium,
            "low" | "baja" | "bajo" | "minor" | "lowest" | "trivial" => Priority::Low,
            _ => return None,
        })
    }
}

impl StoryStatus {
    /// English or Spanish names and common tracker synonyms; `None` if unrecognized.
    pub fn from_text(s: &str) -> Option<Self> {
        Some(match key(s).as_str() {
            "backlog" | "pendiente" | "" => StoryStatus::Backlog,
            "todo"
            | "porhacer"
            | "open"
            | "abierto"
            | "abierta"
            | "new"
            | "nuevo"
            | "nueva"
            | "selectedfordevelopment" => StoryStatus::ToDo,
            "inprogress" | "enprogreso" | "encurso" | "doing" | "enproceso" => StoryStatus::InProgress,
            "inreview" | "review" | "enrevision" | "enrevisión" | "codereview" => StoryStatus::InReview,
            "testing" | "qa" | "test" | "pruebas" | "enpruebas" | "intesting" => StoryStatus::Testing,
            "done" | "hecho" | "terminado" | "terminada" | "closed" | "cerrado" | "cerrada" | "resolved"
            | "resuelto" | "completado" | "completada" => StoryStatus::Done,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde_and_round_trip() {
        for &p in Priority::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
            assert_eq!(Priority::from_name(p.as_str()), Some(p));
        }
        for &s in StoryStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(StoryStatus::from_name(s.as_str()), Some(s));
        }
        assert_eq!(Priority::from_name(""), None);
        for sort in [StorySort::Number, StorySort::NumberDesc, StorySort::Title] {
            let name = serde_json::to_value(sort).unwrap();
            assert_eq!(StorySort::from_name(name.as_str().unwrap()), sort);
        }
    }

    #[test]
    fn priorities_and_statuses_read_english_spanish_and_tracker_words() {
        assert_eq!(Priority::from_text("Alta"), Some(Priority::High));
        assert_eq!(Priority::from_text(" CRÍTICA "), Some(Priority::Critical));
        assert_eq!(Priority::from_text(""), Some(Priority::Medium));
        assert_eq!(Priority::from_text("soonish"), None);
        assert_eq!(StoryStatus::from_text("To Do"), Some(StoryStatus::ToDo));
        assert_eq!(StoryStatus::from_text("En revisión"), Some(StoryStatus::InReview));
        assert_eq!(StoryStatus::from_text("in-progress"), Some(StoryStatus::InProgress));
        assert_eq!(StoryStatus::from_text("Cerrado"), Some(StoryStatus::Done));
        assert_eq!(StoryStatus::from_text("limbo"), None);
    }
}

/// What a person types to create or edit a story. Criteria are one per line on create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryInput {
    pub title: String,
    pub description: String,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: String,
    pub sprint: String,
    /// Whole number 0–1000, or empty.
    pub story_points: String,
    /// A user id of the organization, or empty.
    pub assignee: String,
    pub external_id: String,
    /// New-line separated; used when creating.
    pub criteria: String,
}

/// A story input that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStory {
    pub title: String,
    pub description: String,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: Option<String>,
    pub sprint: Option<String>,
    pub story_points: Option<i32>,
    pub assignee: Option<i64>,
    pub external_id: Option<String>,
    pub criteria: Vec<String>,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl StoryInput {
    pub fn validate(&self) -> Result<ValidStory, crate::error::AppError> {
        let mut e = crate::error::FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            e.add("title", "Enter a title.");
        } else if title.chars().count() > 300 {
            e.add("title", "Use at most 300 characters.");
        }
        if self.description.chars().count() > 10_000 {
            e.add("description", "Use at most 10,000 characters.");
        }
        for (field, v) in [("epic", &self.epic), ("sprint", &self.sprint), ("external_id", &self.external_id)] {
            if v.trim().chars().count() > 100 {
                e.add(field, "Use at most 100 characters.");
            }
        }
        let story_points = match self.story_points.trim() {
            "" => None,
            v => match v.parse::<i32>() {
                Ok(n) if (0..=1000).contains(&n) => Some(n),
                _ => {
                    e.add("story_points", "Use a whole number from 0 to 1000.");
                    None
                }
            },
        };
        let assignee = match self.assignee.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    e.add("assignee", "Pick a member from the list.");
                    None
                }
            },
        };
        e.into_result()?;
        Ok(ValidStory {
            title: title.to_owned(),
            description: self.description.trim().to_owned(),
            priority: self.priority,
            status: self.status,
            epic: opt(&self.epic),
            sprint: opt(&self.sprint),
            story_points,
            assignee,
            external_id: opt(&self.external_id),
            criteria: self.criteria.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        })
    }
}

crate::id_newtype!(
    /// A story's row id (not its number in the project).
    StoryId
);
crate::id_newtype!(
    /// An acceptance criterion's row id.
    CriterionId
);

/// One acceptance criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub position: i32,
    pub text: String,
    pub done: bool,
}

/// A story as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRow {
    pub id: StoryId,
    /// `SHOP-US-12`.
    pub key: String,
    pub number: i64,
    pub external_id: Option<String>,
    pub title: String,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: Option<String>,
    pub sprint: Option<String>,
    pub story_points: Option<i32>,
    pub assignee: Option<String>,
    pub criteria_total: i64,
    pub criteria_done: i64,
}

/// A whole story with its criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryDetail {
    pub row: StoryRow,
    pub description: String,
    pub assignee_id: Option<i64>,
    pub criteria: Vec<Criterion>,
}

impl StoryRow {
    /// Percent of criteria done; `None` without criteria.
    pub fn completion(&self) -> Option<i64> {
        (self.criteria_total > 0).then(|| self.criteria_done * 100 / self.criteria_total)
    }
}

/// How the story list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StorySort {
    #[default]
    Number,
    NumberDesc,
    Title,
}

impl StorySort {
    /// The sort named `name` (`number`, `number_desc`, `title`); the default for anything else.
    pub fn from_name(name: &str) -> Self {
        match name {
            "number_desc" => StorySort::NumberDesc,
            "title" => StorySort::Title,
            _ => StorySort::Number,
        }
    }
}

/// Filters of the story list; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryFilter {
    pub status: Option<StoryStatus>,
    pub priority: Option<Priority>,
    pub epic: String,
    pub sprint: String,
    /// A user id, or empty.
    pub assignee: String,
    pub text: String,
    pub sort: StorySort,
}

impl StoryFilter {
    /// How many filters are set, besides the search text and the sort (the phone's "Filters (n)").
    pub fn active(&self) -> usize {
        [
            self.status.is_some(),
            self.priority.is_some(),
            !self.epic.trim().is_empty(),
            !self.sprint.trim().is_empty(),
            !self.assignee.is_empty(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }
}

/// A page of stories and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryPage {
    pub rows: Vec<StoryRow>,
    /// Pass back as `after` for the next page; `None` at the end.
    pub next: Option<String>,
    pub total: i64,
}
