//! A pure-Rust Gherkin parser and pickle compiler that behaves like Cucumber's reference implementation.
//!
//! - [`parse`] reads a `.feature` source into an [`ast::Feature`], reporting errors with the same lines,
//!   columns and messages as Cucumber's parser (it never panics, whatever the input).
//! - [`pickles`] expands a feature into the concrete scenarios a runner executes: backgrounds prepended,
//!   outlines expanded once per examples row with `<placeholders>` substituted, tags inherited.
//! - [`classify`], [`keywords`] and [`completions`] serve the editor (highlighting and keyword completion).
//!
//! All Gherkin 6+ syntax is supported: every dialect via `# language:`, `Rule`, `Background`,
//! `Scenario Outline` with several tagged `Examples`, doc strings (`"""` and ```` ``` ````, media types,
//! escaped delimiters), data tables (escapes `\|`, `\\`, `\n`), a data table and doc string on one step,
//! tags, comments, CRLF line endings.
//!
//! Typical use: `let parsed = parse(source);` then, if `parsed.is_valid()`, run
//! `pickles(feature, &parsed.language)` on `parsed.feature`.

pub mod ast;
mod builder;
mod classify;
mod explain;
mod languages;
mod lexer;
mod matcher;
mod parser;
mod pickles;
mod states;

#[cfg(test)]
mod conformance_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod own_tests;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use ast::{KeywordType, StepArgument};
pub use classify::{classify, LineInfo, LineKind};
pub use explain::{explain, misspelt_heading};
pub use languages::{completions, keywords, languages, Keywords};
pub use pickles::{pickles, Pickle, PickleStep};

/// The result of [`parse`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    /// The dialect the document was read in (`en` unless a `# language:` header chose another).
    pub language: String,
    /// The feature; `None` for a document without one (empty, or only comments). When there are errors this
    /// holds whatever could be recovered, which may be incomplete: do not run it.
    pub feature: Option<ast::Feature>,
    /// Syntax errors in source order (at most eleven: like the reference, parsing stops after ten).
    pub errors: Vec<GherkinError>,
}

impl Parsed {
    /// Whether the document parsed without errors.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A syntax error. `Display` renders it exactly as Cucumber does: `(line:column): message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GherkinError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters; 0 for "unexpected end of file" (the reference gives no column there).
    pub column: u32,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// What a [`GherkinError`] is about. [`GherkinError::message`] words it as the reference does;
/// [`explain`] in plain language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorKind {
    /// A line (`got`, trimmed) that is none of the tokens the parser `expected` there, by their
    /// reference names (`#StepLine`, `#TableRow`, …).
    Unexpected { expected: Vec<String>, got: String },
    /// The end of the file, where one of the `expected` tokens was still needed.
    EarlyEnd { expected: Vec<String> },
    /// A table row with another number of cells than its table's first row.
    CellCount,
    /// A tag with whitespace in it.
    TagWhitespace,
    /// A `# language:` header naming no dialect.
    UnknownLanguage(String),
}

impl GherkinError {
    /// The reference's message, e.g. `expected: #EOF, #Language, #TagLine, #FeatureLine, #Comment, #Empty, got 'x'`.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::Unexpected { expected, got } => format!("expected: {}, got '{got}'", expected.join(", ")),
            ErrorKind::EarlyEnd { expected } => format!("unexpected end of file, expected: {}", expected.join(", ")),
            ErrorKind::CellCount => "inconsistent cell count within the table".to_owned(),
            ErrorKind::TagWhitespace => "A tag may not contain whitespace".to_owned(),
            ErrorKind::UnknownLanguage(code) => format!("Language not supported: {code}"),
        }
    }
}

impl fmt::Display for GherkinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}:{}): {}", self.line, self.column, self.message())
    }
}

impl std::error::Error for GherkinError {}

/// Parses a Gherkin document. Never panics; any input yields a [`Parsed`], with errors if it is not valid
/// Gherkin.
pub fn parse(source: &str) -> Parsed {
    let run = parser::run(source, true);
    let language = run.feature.as_ref().map_or_else(|| run.language.to_string(), |f| f.language.clone());
    Parsed { language, feature: run.feature, errors: run.errors }
}
