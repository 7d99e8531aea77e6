//! The Gherkin document tree produced by [`super::parse`], mirroring Cucumber's `GherkinDocument` messages.

use serde::{Deserialize, Serialize};

/// A `Feature:` and everything below it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// Tags written above the `Feature:` line.
    pub tags: Vec<Tag>,
    /// The dialect the feature was parsed with (`en` unless a `# language:` header said otherwise).
    pub language: String,
    /// The keyword as written, without the colon (e.g. `Feature`, `Fonctionnalité`).
    pub keyword: String,
    /// The text after the colon, trimmed.
    pub name: String,
    /// Free text lines after the header, joined with `\n`, trailing blank lines removed.
    pub description: String,
    /// 1-based line of the `Feature:` line.
    pub line: u32,
    /// Background first, then scenarios, then rules (the grammar allows no other order).
    pub children: Vec<FeatureChild>,
}

/// A direct child of a [`Feature`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FeatureChild {
    /// The feature-level `Background:`.
    Background(Background),
    /// A `Rule:` with its own children.
    Rule(Rule),
    /// A scenario or scenario outline.
    Scenario(Scenario),
}

/// A `Rule:` grouping scenarios, possibly with its own background.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Tags written above the `Rule:` line.
    pub tags: Vec<Tag>,
    /// The keyword as written, without the colon.
    pub keyword: String,
    /// The text after the colon, trimmed.
    pub name: String,
    /// Free text lines after the header.
    pub description: String,
    /// 1-based line of the `Rule:` line.
    pub line: u32,
    /// Background first, then scenarios.
    pub children: Vec<RuleChild>,
}

/// A direct child of a [`Rule`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RuleChild {
    /// The rule-level `Background:` (runs after the feature's background).
    Background(Background),
    /// A scenario or scenario outline.
    Scenario(Scenario),
}

/// Steps run before every scenario of the enclosing feature or rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Background {
    /// The keyword as written, without the colon.
    pub keyword: String,
    /// The text after the colon, trimmed (usually empty).
    pub name: String,
    /// Free text lines after the header.
    pub description: String,
    /// 1-based line of the `Background:` line.
    pub line: u32,
    /// The background's steps, in order.
    pub steps: Vec<Step>,
}

/// A scenario; it is an outline (template) when it has [`Examples`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Tags written above the scenario line.
    pub tags: Vec<Tag>,
    /// The keyword as written, without the colon (`Scenario`, `Scenario Outline`, `Example`, ...).
    pub keyword: String,
    /// The text after the colon, trimmed; may contain `<placeholders>` in an outline.
    pub name: String,
    /// Free text lines after the header.
    pub description: String,
    /// 1-based line of the scenario line.
    pub line: u32,
    /// The scenario's own steps (background steps are added only in pickles).
    pub steps: Vec<Step>,
    /// `Examples:` blocks; empty for a plain scenario.
    pub examples: Vec<Examples>,
}

/// An `Examples:` block of a scenario outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Examples {
    /// Tags written above the `Examples:` line; pickles of its rows inherit them.
    pub tags: Vec<Tag>,
    /// The keyword as written, without the colon.
    pub keyword: String,
    /// The text after the colon, trimmed.
    pub name: String,
    /// Free text lines after the header.
    pub description: String,
    /// 1-based line of the `Examples:` line.
    pub line: u32,
    /// Placeholder names (first table row); `None` when the block has no table, which yields no pickles.
    pub header: Option<Vec<String>>,
    /// 1-based line of the header row.
    pub header_line: Option<u32>,
    /// Value rows, each with as many cells as the header.
    pub rows: Vec<Vec<String>>,
    /// 1-based line of each value row (same length as `rows`).
    pub row_lines: Vec<u32>,
}

/// How a step keyword reads, as Cucumber classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeywordType {
    /// `Given` and its translations.
    Context,
    /// `When` and its translations.
    Action,
    /// `Then` and its translations.
    Outcome,
    /// `And` / `But`: takes the type of the step before it.
    Conjunction,
    /// `*`, or a keyword that belongs to several kinds in its language.
    Unknown,
}

/// One step line with its optional argument(s).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The keyword as written, including its trailing space if any (`Given `, `* `, `假如`).
    pub keyword: String,
    /// The kind of the keyword.
    pub keyword_type: KeywordType,
    /// The text after the keyword, trimmed.
    pub text: String,
    /// The doc string or data table below the step (the first one, when there are two).
    pub argument: Option<StepArgument>,
    /// Gherkin allows a data table and a doc string on the same step; the later of the two goes here.
    pub second_argument: Option<StepArgument>,
    /// 1-based line of the step.
    pub line: u32,
}

/// A step's argument.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepArgument {
    /// Text between `"""` or ```` ``` ```` delimiters, indentation relative to the opening delimiter removed.
    DocString {
        /// The lines joined with `\n`.
        content: String,
        /// What follows the opening delimiter (e.g. `json`), if anything.
        media_type: Option<String>,
    },
    /// `| a | b |` rows with cell escapes (`\|`, `\\`, `\n`) resolved and cells trimmed.
    DataTable {
        /// Cell values, row by row.
        rows: Vec<Vec<String>>,
    },
}

/// A tag such as `@smoke`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// The tag including its `@`.
    pub name: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters) of the `@`.
    pub column: u32,
}
