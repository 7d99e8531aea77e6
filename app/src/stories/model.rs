//! Wire types of user stories and their acceptance criteria.
use serde::{Deserialize, Serialize};

/// How urgent a story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum Priority {
    Critical,
    High,
    #[default]
    Medium,
    Low,
}

/// Where a story is in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum StoryStatus {
    #[default]
    Backlog,
    ToDo,
    InProgress,
    InReview,
    Testing,
    Done,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::Critical, Priority::High, Priority::Medium, Priority::Low];

    pub fn label(self) -> &'static str {
        match self {
            Priority::Critical => "Critical",
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }

    /// English or Spanish names and common tracker synonyms; `None` if unrecognized.
    pub fn parse(s: &str) -> Option<Self> {
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
    pub const ALL: [StoryStatus; 6] = [
        StoryStatus::Backlog,
        StoryStatus::ToDo,
        StoryStatus::InProgress,
        StoryStatus::InReview,
        StoryStatus::Testing,
        StoryStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StoryStatus::Backlog => "Backlog",
            StoryStatus::ToDo => "To do",
            StoryStatus::InProgress => "In progress",
            StoryStatus::InReview => "In review",
            StoryStatus::Testing => "Testing",
            StoryStatus::Done => "Done",
        }
    }

    /// English or Spanish names and common tracker synonyms; `None` if unrecognized.
    pub fn parse(s: &str) -> Option<Self> {
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

/// A story as read from one import row, before it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryDraft {
    pub external_id: Option<String>,
    pub title: String,
    pub description: String,
    pub criteria: Vec<String>,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: Option<String>,
    pub sprint: Option<String>,
    pub story_points: Option<i32>,
    /// As written in the file (an email or a name); matched to a member when saved.
    pub assignee: Option<String>,
}

/// Why one cell of one row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row's line in the file (1-based, the header included).
    pub line: usize,
    pub column: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_and_statuses_read_english_spanish_and_tracker_words() {
        assert_eq!(Priority::parse("Alta"), Some(Priority::High));
        assert_eq!(Priority::parse(" CRÍTICA "), Some(Priority::Critical));
        assert_eq!(Priority::parse(""), Some(Priority::Medium));
        assert_eq!(Priority::parse("soonish"), None);
        assert_eq!(StoryStatus::parse("To Do"), Some(StoryStatus::ToDo));
        assert_eq!(StoryStatus::parse("En revisión"), Some(StoryStatus::InReview));
        assert_eq!(StoryStatus::parse("in-progress"), Some(StoryStatus::InProgress));
        assert_eq!(StoryStatus::parse("Cerrado"), Some(StoryStatus::Done));
        assert_eq!(StoryStatus::parse("limbo"), None);
    }
}
