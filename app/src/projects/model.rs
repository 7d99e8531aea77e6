//! Wire types and validation of projects (the same checks run in the form and on the server).
use crate::error::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct ProjectId(pub i64);

crate::wire_enum! {
    /// Whether a project is being worked on.
    pub enum ProjectStatus {
        Active = "active" / "Active",
        Archived = "archived" / "Archived",
        Completed = "completed" / "Completed",
    }
}

/// What a person types to create or edit a project. Dates are `YYYY-MM-DD` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectInput {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub client: String,
    #[serde(default)]
    pub status: ProjectStatus,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub end_date: String,
}

fn date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, "Use a date like 2026-11-27.");
            None
        }
    }
}

/// A project input that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProject {
    pub key: String,
    pub name: String,
    pub description: String,
    pub client: Option<String>,
    pub status: ProjectStatus,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// A project key as typed (in an address or a form) in the form it is stored: trimmed, upper case.
pub fn normal_key(key: &str) -> String {
    key.trim().to_uppercase()
}

impl ProjectInput {
    /// Checks every field; the key is upper-cased.
    pub fn validate(&self) -> Result<ValidProject, crate::error::AppError> {
        let mut e = FieldErrors::default();
        let key = normal_key(&self.key);
        let key_ok = (2..=10).contains(&key.len())
            && key.starts_with(|c: char| c.is_ascii_uppercase())
            && key.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !key_ok {
            e.add("key", "Use 2 to 10 letters or digits, starting with a letter (e.g. SHOP).");
        }
        let name = self.name.trim();
        if name.is_empty() {
            e.add("name", "Enter a name.");
        } else if name.chars().count() > 200 {
            e.add("name", "Use at most 200 characters.");
        }
        if self.description.chars().count() > 10_000 {
            e.add("description", "Use at most 10,000 characters.");
        }
        if self.client.trim().chars().count() > 200 {
            e.add("client", "Use at most 200 characters.");
        }
        let start_date = date(&mut e, "start_date", &self.start_date);
        let end_date = date(&mut e, "end_date", &self.end_date);
        if let (Some(s), Some(end)) = (start_date, end_date) {
            if end < s {
                e.add("end_date", "The end date must not be before the start date.");
            }
        }
        e.into_result()?;
        Ok(ValidProject {
            key,
            name: name.to_owned(),
            description: self.description.trim().to_owned(),
            client: Some(self.client.trim().to_owned()).filter(|c| !c.is_empty()),
            status: self.status,
            start_date,
            end_date,
        })
    }
}

/// A project with its live counts, as the project list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub key: String,
    pub name: String,
    pub description: String,
    pub client: Option<String>,
    pub status: ProjectStatus,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub stories: i64,
    pub criteria: i64,
    /// Stories with at least one test case.
    pub stories_with_tests: i64,
    pub test_cases: i64,
    /// Percent of the latest results that passed; `None` before any run.
    pub pass_rate: Option<f64>,
    pub open_bugs: i64,
}

/// Just enough of a project to scope queries and name things after its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    pub id: ProjectId,
    pub key: String,
}

impl ProjectSummary {
    /// Percent of stories with at least one test case; `None` without stories.
    pub fn coverage(&self) -> Option<f64> {
        (self.stories > 0).then(|| self.stories_with_tests as f64 * 100.0 / self.stories as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(key: &str, start: &str, end: &str) -> ProjectInput {
        ProjectInput {
            key: key.into(),
            name: "Shop".into(),
            start_date: start.into(),
            end_date: end.into(),
            ..Default::default()
        }
    }

    #[test]
    fn status_names_match_serde() {
        for &st in ProjectStatus::ALL {
            assert_eq!(serde_json::to_value(st).unwrap(), st.as_str());
        }
    }

    #[test]
    fn keys_are_upper_cased_and_checked() {
        assert_eq!(input(" shop ", "", "").validate().unwrap().key, "SHOP");
        for bad in ["S", "1SHOP", "SHOP-1", "TOOLONGKEY1", ""] {
            assert!(input(bad, "", "").validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_must_parse_and_be_in_order() {
        assert!(input("SHOP", "2026-01-01", "2026-02-01").validate().is_ok());
        let e = input("SHOP", "2026-02-01", "2026-01-01").validate().unwrap_err();
        assert!(matches!(e, crate::error::AppError::Invalid(f) if f.get("end_date").is_some()));
        assert!(input("SHOP", "01/02/2026", "").validate().is_err());
    }
}
