//! Wire types of AI test-case generation: the request a person makes, the proposals a provider
//! returns, the suggestions waiting for review, and the organization's provider settings.
use crate::{
    error::{AppError, FieldErrors},
    stories::model::CriterionId,
    test_cases::model::CaseKind,
    wire_enum,
};
use serde::{Deserialize, Serialize};

wire_enum! {
    /// The language a generated case is written in; its Gherkin uses the matching dialect.
    pub enum Lang {
        En = "en" / "English",
        Es = "es" / "Spanish",
    }
}

impl Lang {
    /// The Gherkin dialect (`# language:` value).
    pub fn dialect(self) -> &'static str {
        self.as_str()
    }
}

/// The built-in generator's name, as people read it and provenance records it.
pub const OFFLINE_NAME: &str = "Built-in rules (offline)";
/// The built-in generator's "model": its rules' version.
pub const OFFLINE_MODEL: &str = "rules-v1";

/// Most stories in one generation request.
pub const MAX_STORIES: usize = 20;
/// Longest extra instructions.
pub const MAX_INSTRUCTIONS: usize = 2_000;

/// What a person asks for on a story (or a selection of stories).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GenerateInput {
    /// Story numbers in the project.
    pub stories: Vec<i64>,
    /// Test cases per story, 1–10.
    pub cases: u8,
    /// Scenarios per case, 1–10.
    pub scenarios: u8,
    /// Test types the cases should exercise (sent to the model); empty means functional.
    pub kinds: Vec<CaseKind>,
    pub language: Lang,
    /// Only these criteria (e.g. the uncovered ones); empty means all of the story's.
    pub only_criteria: Vec<CriterionId>,
    pub instructions: String,
}

impl Default for GenerateInput {
    fn default() -> Self {
        GenerateInput {
            stories: vec![],
            cases: 3,
            scenarios: 3,
            kinds: vec![CaseKind::Functional],
            language: Lang::En,
            only_criteria: vec![],
            instructions: String::new(),
        }
    }
}

impl GenerateInput {
    pub fn validate(&self) -> Result<(), AppError> {
        let mut e = FieldErrors::default();
        if self.stories.is_empty() {
            e.add("stories", "Pick at least one story.");
        } else if self.stories.len() > MAX_STORIES {
            e.add("stories", format!("Pick at most {MAX_STORIES} stories at once."));
        }
        if !(1..=10).contains(&self.cases) {
            e.add("cases", "Ask for 1 to 10 test cases.");
        }
        if !(1..=10).contains(&self.scenarios) {
            e.add("scenarios", "Ask for 1 to 10 scenarios per case.");
        }
        if self.kinds.len() > CaseKind::ALL.len() {
            e.add("kinds", "Pick each test type once.");
        }
        if self.instructions.chars().count() > MAX_INSTRUCTIONS {
            e.add("instructions", format!("Use at most {MAX_INSTRUCTIONS} characters."));
        }
        e.into_result()
    }

    /// The types to ask for: those chosen, or functional.
    pub fn kinds_or_default(&self) -> Vec<CaseKind> {
        if self.kinds.is_empty() {
            vec![CaseKind::Functional]
        } else {
            let mut k = self.kinds.clone();
            k.dedup();
            k
        }
    }
}

/// A story as a generator reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryBrief {
    /// `SHOP-US-12`.
    pub key: String,
    pub title: String,
    pub description: String,
    /// The criteria to cover, with their ids.
    pub criteria: Vec<(CriterionId, String)>,
    /// Titles of the project's cases already linked to the story (not to be duplicated).
    pub existing: Vec<String>,
}

/// One test case as a generator proposes it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub title: String,
    pub kind: CaseKind,
    /// The criteria its scenarios cover.
    pub criteria: Vec<CriterionId>,
    /// A whole feature document in the request's dialect.
    pub gherkin: String,
}

crate::id_newtype!(
    /// A suggestion's id.
    SuggestionId
);

wire_enum! {
    /// Where a suggested case is in its review.
    pub enum SuggestionStatus {
        Pending = "pending" / "Waiting for review",
        Accepted = "accepted" / "Accepted",
        Rejected = "rejected" / "Rejected",
    }
}

/// A generated case waiting for (or past) review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: SuggestionId,
    /// `SHOP-US-12`.
    pub story_key: String,
    pub story_title: String,
    pub title: String,
    pub kind: CaseKind,
    pub criteria: Vec<CriterionId>,
    pub gherkin: String,
    pub status: SuggestionStatus,
    /// The case it became, once accepted: `SHOP-TC-40`.
    pub case_key: Option<String>,
}

/// Where generated cases came from: shown on the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub provider: String,
    pub model: String,
    pub prompt_version: String,
    pub job: i64,
    /// Who accepted the suggestion (name).
    pub accepted_by: Option<String>,
    pub accepted_at: chrono::DateTime<chrono::Utc>,
}

/// One generation job's suggestions, as the review page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub job: crate::jobs::model::JobInfo,
    pub project_key: String,
    pub provider: String,
    pub model: String,
    pub prompt_version: String,
    pub suggestions: Vec<Suggestion>,
    /// The criteria of the stories involved (id → text), to show what each suggestion covers.
    pub criteria: Vec<(CriterionId, String)>,
    /// What the provider proposed that could not be used, in plain words (never dropped silently).
    pub problems: Vec<String>,
}

/// A reviewer's verdict on one suggestion, with their edits (empty: keep the suggestion's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub id: SuggestionId,
    #[serde(default)]
    pub accept: bool,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub gherkin: String,
}

/// What a job's result records (JSON in `jobs.result`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outcome {
    pub suggestions: i64,
    pub problems: Vec<String>,
    pub tokens: i64,
}

wire_enum! {
    /// Who writes the suggestions.
    pub enum ProviderKind {
        Offline = "offline" / "Built-in rules (offline)",
        Gemini = "gemini" / "Google Gemini",
        Openai = "openai" / "OpenAI-compatible",
    }
}

/// The organization's generation settings as admins read them (the key only as its last four).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSettings {
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    /// `…abcd`, or `None` without a key.
    pub key_hint: Option<String>,
    pub user_per_hour: i64,
    pub org_per_hour: i64,
    pub monthly_token_budget: Option<i64>,
    pub tokens_this_month: i64,
}

/// Requests per person per hour unless an admin says otherwise.
pub const DEFAULT_USER_PER_HOUR: i64 = 10;
/// Requests per organization per hour unless an admin says otherwise.
pub const DEFAULT_ORG_PER_HOUR: i64 = 100;

impl Default for ProviderSettings {
    fn default() -> Self {
        ProviderSettings {
            kind: ProviderKind::Offline,
            base_url: String::new(),
            model: String::new(),
            key_hint: None,
            user_per_hour: DEFAULT_USER_PER_HOUR,
            org_per_hour: DEFAULT_ORG_PER_HOUR,
            monthly_token_budget: None,
            tokens_this_month: 0,
        }
    }
}

/// What an admin types in the generation settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderInput {
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    /// A new key; empty keeps the stored one.
    pub api_key: String,
    pub clear_key: bool,
    pub user_per_hour: String,
    pub org_per_hour: String,
    /// Empty for no budget.
    pub monthly_token_budget: String,
}

/// Validated generation settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProvider {
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    pub user_per_hour: i64,
    pub org_per_hour: i64,
    pub monthly_token_budget: Option<i64>,
}

/// The Gemini API's address unless another is given (a proxy, or a test's server).
pub const GEMINI_URL: &str = "https://generativelanguage.googleapis.com";

impl ProviderInput {
    pub fn validate(&self) -> Result<ValidProvider, AppError> {
        let mut e = FieldErrors::default();
        let base_url = self.base_url.trim().trim_end_matches('/').to_owned();
        let model = self.model.trim().to_owned();
        match self.kind {
            ProviderKind::Offline => {}
            ProviderKind::Gemini | ProviderKind::Openai => {
                let needs_url = self.kind == ProviderKind::Openai;
                if base_url.is_empty() && needs_url {
                    e.add("base_url", "Enter the server's base URL, e.g. http://localhost:11434/v1.");
                } else if !(base_url.is_empty() || base_url.starts_with("http://") || base_url.starts_with("https://"))
                {
                    e.add("base_url", "Use an http:// or https:// address.");
                } else if base_url.len() > 500 {
                    e.add("base_url", "Use at most 500 characters.");
                }
                if model.is_empty() {
                    e.add("model", "Enter the model's name, e.g. gemini-2.5-flash or gpt-4o-mini.");
                } else if model.len() > 200 || model.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    e.add("model", "Use the model's name without spaces (at most 200 characters).");
                }
            }
        }
        if self.api_key.len() > 1_000 || self.api_key.chars().any(char::is_control) {
            e.add("api_key", "That does not look like an API key.");
        }
        let whole = |field: &'static str, v: &str, e: &mut FieldErrors, default: i64| -> i64 {
            match v.trim() {
                "" => default,
                v => match v.parse::<i64>() {
                    Ok(n) if (1..=10_000).contains(&n) => n,
                    _ => {
                        e.add(field, "Use a whole number from 1 to 10000.");
                        default
                    }
                },
            }
        };
        let user_per_hour = whole("user_per_hour", &self.user_per_hour, &mut e, DEFAULT_USER_PER_HOUR);
        let org_per_hour = whole("org_per_hour", &self.org_per_hour, &mut e, DEFAULT_ORG_PER_HOUR);
        let monthly_token_budget = match self.monthly_token_budget.trim().replace([',', '_'], "").as_str() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if (1_000..=1_000_000_000_000).contains(&n) => Some(n),
                _ => {
                    e.add("monthly_token_budget", "Use a whole number of tokens (at least 1000), or leave it empty.");
                    None
                }
            },
        };
        e.into_result()?;
        let base_url = if self.kind == ProviderKind::Offline { String::new() } else { base_url };
        let model = if self.kind == ProviderKind::Offline { String::new() } else { model };
        Ok(ValidProvider { kind: self.kind, base_url, model, user_per_hour, org_per_hour, monthly_token_budget })
    }
}

/// What a review saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// Keys of the new cases.
    pub cases: Vec<String>,
    pub rejected: i64,
}

/// A generation job of a story with suggestions still waiting for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingReview {
    pub job: crate::jobs::model::JobId,
    /// Suggestions of the story still waiting.
    pub count: i64,
    pub href: String,
}
