//! Wire types of bugs: their vocabularies, what people type (`BugInput`, checked by `validate`
//! in the form and on the server), and (in `wire`) what lists and pages read. The lifecycle is
//! one pure function in `lifecycle`; mentions are read from a comment by `mentions`.
pub mod lifecycle;
pub mod mentions;
mod wire;

pub use wire::*;

use crate::{
    error::{AppError, FieldErrors},
    wire::HumanKey,
    wire_enum,
};
use serde::{Deserialize, Serialize};

crate::id_newtype!(
    /// A bug's row id.
    BugId
);

wire_enum! {
    /// How much harm the bug does.
    pub enum Severity default Medium {
        Critical = "critical" / "Critical",
        High = "high" / "High",
        Medium = "medium" / "Medium",
        Low = "low" / "Low",
    }
}

wire_enum! {
    /// How soon it should be fixed. (Stories' `Priority` starts at "critical": a bug's scale
    /// starts at "urgent", so it has its own.)
    pub enum BugPriority default Medium {
        Urgent = "urgent" / "Urgent",
        High = "high" / "High",
        Medium = "medium" / "Medium",
        Low = "low" / "Low",
    }
}

wire_enum! {
    /// What kind of fault it is.
    pub enum BugType {
        Functional = "functional" / "Functional",
        UiUx = "ui_ux" / "UI/UX",
        Performance = "performance" / "Performance",
        Security = "security" / "Security",
        Compatibility = "compatibility" / "Compatibility",
        Data = "data" / "Data",
        Api = "api" / "API",
        Crash = "crash" / "Crash",
    }
}

wire_enum! {
    /// Where a bug is in its life (the moves between them: `lifecycle`).
    pub enum BugStatus {
        New = "new" / "New",
        Assigned = "assigned" / "Assigned",
        InProgress = "in_progress" / "In progress",
        Fixed = "fixed" / "Fixed",
        Testing = "testing" / "Testing",
        Verified = "verified" / "Verified",
        Closed = "closed" / "Closed",
        Reopened = "reopened" / "Reopened",
        WontFix = "wont_fix" / "Won't fix",
        Duplicate = "duplicate" / "Duplicate",
    }
}

/// Longest title.
pub const MAX_TITLE: usize = 200;
/// Longest description (Markdown).
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest environment.
pub const MAX_ENVIRONMENT: usize = 500;
/// Longest steps to reproduce, expected or actual result.
pub const MAX_TEXT: usize = 10_000;
/// Longest comment (Markdown) or transition note.
pub const MAX_COMMENT: usize = 10_000;

/// What a person types to report a bug (or to edit its text: the links are kept from its
/// creation, the assignee changes by `assign`, the status by a transition).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BugInput {
    pub title: String,
    /// Markdown.
    pub description: String,
    pub severity: Severity,
    pub priority: BugPriority,
    pub bug_type: BugType,
    /// Environment or build ("staging, Firefox 140").
    pub environment: String,
    pub steps_to_reproduce: String,
    pub expected: String,
    pub actual: String,
    /// The story it concerns: a number or key (`12`, `SHOP-US-12`), or empty (then the case's).
    pub story: String,
    /// The case it was found with: a number or key, or empty.
    pub case: String,
    /// The run it was found in (a number or key, or empty); with it, `case` names the run's
    /// execution of that case.
    pub run: String,
}

/// A bug input that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBug {
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub priority: BugPriority,
    pub bug_type: BugType,
    pub environment: String,
    pub steps_to_reproduce: String,
    pub expected: String,
    pub actual: String,
    pub story: Option<i64>,
    pub case: Option<i64>,
    pub run: Option<i64>,
}

/// The number in a link field (`12` or any human key), `None` when empty; an error otherwise.
fn link(e: &mut FieldErrors, field: &str, value: &str, example: &str) -> Option<i64> {
    match value.trim() {
        "" => None,
        v => HumanKey::number_of(v).or_else(|| {
            e.add(field, format!("Use a number or a key like {example}."));
            None
        }),
    }
}

impl BugInput {
    pub fn validate(&self) -> Result<ValidBug, AppError> {
        let mut e = FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            e.add("title", "Say what goes wrong, e.g. “Checkout charges twice”.");
        } else if title.chars().count() > MAX_TITLE {
            e.add("title", format!("Use at most {MAX_TITLE} characters."));
        }
        if self.description.chars().count() > MAX_DESCRIPTION {
            e.add("description", "Use at most 20,000 characters.");
        }
        if self.environment.chars().count() > MAX_ENVIRONMENT {
            e.add("environment", format!("Use at most {MAX_ENVIRONMENT} characters."));
        }
        for (field, v) in
            [("steps_to_reproduce", &self.steps_to_reproduce), ("expected", &self.expected), ("actual", &self.actual)]
        {
            if v.chars().count() > MAX_TEXT {
                e.add(field, "Use at most 10,000 characters.");
            }
        }
        let story = link(&mut e, "story", &self.story, "SHOP-US-12");
        let case = link(&mut e, "case", &self.case, "SHOP-TC-7");
        let run = link(&mut e, "run", &self.run, "SHOP-RUN-3");
        if run.is_some() && case.is_none() && self.case.trim().is_empty() {
            e.add("case", "Name the case of the run the bug was found in.");
        }
        e.into_result()?;
        Ok(ValidBug {
            title: title.to_owned(),
            description: self.description.trim_end().to_owned(),
            severity: self.severity,
            priority: self.priority,
            bug_type: self.bug_type,
            environment: self.environment.trim().to_owned(),
            steps_to_reproduce: self.steps_to_reproduce.trim_end().to_owned(),
            expected: self.expected.trim_end().to_owned(),
            actual: self.actual.trim_end().to_owned(),
            story,
            case,
            run,
        })
    }
}

/// Checks a comment's text; returns it trimmed.
pub fn check_comment(body: &str) -> Result<String, AppError> {
    let mut e = FieldErrors::default();
    let body = body.trim();
    if body.is_empty() {
        e.add("body", "Write the comment first.");
    } else if body.chars().count() > MAX_COMMENT {
        e.add("body", "Use at most 10,000 characters.");
    }
    e.into_result()?;
    Ok(body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bug_needs_a_title_and_stays_within_its_limits() {
        let ok = BugInput {
            title: "  Checkout charges twice ".into(),
            run: "SHOP-RUN-3".into(),
            case: "7".into(),
            ..Default::default()
        };
        let v = ok.validate().unwrap();
        assert_eq!((v.title.as_str(), v.run, v.case, v.story), ("Checkout charges twice", Some(3), Some(7), None));
        let Err(AppError::Invalid(e)) = BugInput::default().validate() else { panic!("an empty title passed") };
        assert!(e.get("title").is_some());
        let long = BugInput {
            title: "x".repeat(201),
            description: "d".repeat(20_001),
            actual: "a".repeat(10_001),
            story: "story twelve".into(),
            run: "2".into(),
            ..Default::default()
        };
        let Err(AppError::Invalid(e)) = long.validate() else { panic!("too long passed") };
        for field in ["title", "description", "actual", "story", "case"] {
            assert!(e.get(field).is_some(), "{field}: {e:?}");
        }
        assert!(BugInput { title: "x".repeat(200), description: "d".repeat(20_000), ..Default::default() }
            .validate()
            .is_ok());
    }

    #[test]
    fn vocabularies_read_back_from_their_wire_names() {
        assert_eq!(BugType::from_name("ui_ux"), Some(BugType::UiUx));
        assert_eq!(BugStatus::from_name("wont_fix"), Some(BugStatus::WontFix));
        assert_eq!(serde_json::to_string(&BugStatus::InProgress).unwrap(), "\"in_progress\"");
        assert_eq!(BugPriority::default(), BugPriority::Medium);
        assert_eq!(Severity::default(), Severity::Medium);
        assert!(check_comment("  ").is_err() && check_comment(&"c".repeat(10_001)).is_err());
        assert_eq!(check_comment(" fine \n").unwrap(), "fine");
    }
}
