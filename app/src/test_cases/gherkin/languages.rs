//! Keywords of every Gherkin dialect, from Cucumber's `gherkin-languages.json` (MIT, see LICENSE-gherkin-languages).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The keywords of one Gherkin dialect, as listed in `gherkin-languages.json`.
///
/// Step keywords keep their trailing space where the language has one (`"Given "`, `"Soit "`), and have none
/// where the language writes the text right after the keyword (`"假如"`); `"* "` is a step keyword everywhere.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Keywords {
    /// English name of the language.
    pub name: String,
    /// Name of the language in that language.
    pub native: String,
    /// `Feature` keywords.
    pub feature: Vec<String>,
    /// `Background` keywords.
    pub background: Vec<String>,
    /// `Rule` keywords.
    pub rule: Vec<String>,
    /// `Scenario` / `Example` keywords.
    pub scenario: Vec<String>,
    /// `Scenario Outline` / `Scenario Template` keywords.
    #[serde(rename = "scenarioOutline")]
    pub scenario_outline: Vec<String>,
    /// `Examples` keywords.
    pub examples: Vec<String>,
    /// `Given` keywords.
    pub given: Vec<String>,
    /// `When` keywords.
    pub when: Vec<String>,
    /// `Then` keywords.
    pub then: Vec<String>,
    /// `And` keywords.
    pub and: Vec<String>,
    /// `But` keywords.
    pub but: Vec<String>,
}

impl Keywords {
    /// The structural keywords, in the order completions offer them.
    pub(super) fn structural(&self) -> impl Iterator<Item = &String> {
        self.feature
            .iter()
            .chain(&self.rule)
            .chain(&self.background)
            .chain(&self.scenario)
            .chain(&self.scenario_outline)
            .chain(&self.examples)
    }

    /// Every step keyword, in dialect order (given, when, then, and, but); may repeat (`"* "`).
    pub(super) fn steps(&self) -> impl Iterator<Item = &String> {
        self.given.iter().chain(&self.when).chain(&self.then).chain(&self.and).chain(&self.but)
    }
}

/// All dialects by code (`en`, `fr`, `zh-CN`, ...), parsed once on first use.
fn dialects() -> &'static BTreeMap<String, Keywords> {
    static DIALECTS: OnceLock<BTreeMap<String, Keywords>> = OnceLock::new();
    // The JSON is embedded and checked by tests, so a parse failure cannot happen in practice; falling back
    // to no dialects keeps `parse` total (every file then fails on its first keyword) instead of panicking.
    DIALECTS.get_or_init(|| serde_json::from_str(include_str!("languages.json")).unwrap_or_default())
}

/// The keywords of a dialect by its code (as written after `# language:`), or `None` if Gherkin has no such
/// dialect.
pub fn keywords(language: &str) -> Option<&'static Keywords> {
    dialects().get(language)
}

/// The dialect code as a `'static` string together with its keywords.
pub(super) fn dialect(language: &str) -> Option<(&'static str, &'static Keywords)> {
    dialects().get_key_value(language).map(|(code, keywords)| (code.as_str(), keywords))
}

/// The codes of all known dialects, sorted.
pub fn languages() -> impl Iterator<Item = &'static str> {
    dialects().keys().map(String::as_str)
}

/// Keyword completions for what the user typed at the start of a line.
///
/// `line_prefix` is trimmed and matched case-insensitively against the start of each keyword. Structural
/// keywords come first, with `:` appended (`"Scenario:"`), then step keywords as written (`"Given "`);
/// duplicates are dropped. An empty prefix offers every keyword; an unknown language offers none.
pub fn completions(language: &str, line_prefix: &str) -> Vec<String> {
    let Some(keywords) = keywords(language) else {
        return Vec::new();
    };
    let typed = line_prefix.trim().to_lowercase();
    let structural = keywords.structural().map(|keyword| format!("{keyword}:"));
    let mut found: Vec<String> = Vec::new();
    for candidate in structural.chain(keywords.steps().cloned()) {
        if candidate.to_lowercase().starts_with(&typed) && !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    found
}
