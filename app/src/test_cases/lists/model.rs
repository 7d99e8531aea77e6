//! Wire types of saved case lists and the rules of a list's name and size.
use crate::error::{AppError, FieldErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Most cases one list holds (as many as a run).
pub const MAX_LIST_CASES: usize = crate::runs::model::MAX_CASES;
/// Most lists one project keeps.
pub const MAX_LISTS: i64 = 200;
/// Longest name, in characters.
pub const MAX_NAME: usize = 100;

/// A saved list as the run form and the case list show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub id: i64,
    pub name: String,
    /// How many of its cases still exist.
    pub cases: i64,
    pub updated_at: DateTime<Utc>,
    /// Who saved it last (None once they are gone).
    pub by: Option<String>,
}

/// What saving a list sends: its name, the case numbers in order, and whether a list of that
/// name is to be replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListInput {
    pub name: String,
    #[serde(default)]
    pub cases: Vec<i64>,
    #[serde(default)]
    pub replace: bool,
}

impl ListInput {
    /// The trimmed name, or the field errors of the name and the cases.
    pub fn validate(&self) -> Result<String, AppError> {
        let mut e = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            e.add("name", "Name the list, e.g. “Smoke”.");
        } else if name.chars().count() > MAX_NAME {
            e.add("name", format!("Use at most {MAX_NAME} characters."));
        }
        if self.cases.is_empty() {
            e.add("cases", "Select the cases to keep in the list.");
        } else if self.cases.len() > MAX_LIST_CASES {
            e.add("cases", format!("A list holds at most {MAX_LIST_CASES} cases."));
        }
        e.into_result()?;
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_needs_a_short_name_and_some_cases() {
        let ok = ListInput { name: "  Smoke ".into(), cases: vec![1, 2], replace: false };
        assert_eq!(ok.validate().unwrap(), "Smoke");
        let fields = |i: ListInput| match i.validate() {
            Err(AppError::Invalid(f)) => f.0.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(ListInput { name: " ".into(), ..ok.clone() }), ["name"]);
        assert_eq!(fields(ListInput { name: "x".repeat(MAX_NAME + 1), ..ok.clone() }), ["name"]);
        assert_eq!(fields(ListInput { cases: vec![], ..ok.clone() }), ["cases"]);
        assert_eq!(fields(ListInput { cases: vec![1; MAX_LIST_CASES + 1], ..ok }), ["cases"]);
    }
}
