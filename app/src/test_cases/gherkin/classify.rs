//! Line classification for syntax highlighting, taken from how the parser actually read each line.

use serde::{Deserialize, Serialize};

use super::lexer::{raw_lines, Tok};
use super::parser::{run, Traced};

/// What a source line is, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// Blank (outside a doc string).
    Empty,
    /// `# ...` (outside a doc string).
    Comment,
    /// The `# language: xx` header.
    Language,
    /// A line of `@tags`.
    Tags,
    /// `Feature:` line.
    Feature,
    /// `Rule:` line.
    Rule,
    /// `Background:` line.
    Background,
    /// `Scenario:` / `Example:` line.
    Scenario,
    /// `Scenario Outline:` / `Scenario Template:` line.
    Outline,
    /// `Examples:` line.
    Examples,
    /// A step (`Given ...`).
    Step,
    /// A `| table | row |`.
    TableRow,
    /// An opening or closing `"""` / ```` ``` ````.
    DocStringDelimiter,
    /// A line inside a doc string.
    DocStringContent,
    /// Free text under a Feature, Rule, Background, Scenario or Examples line.
    Description,
    /// A line the grammar does not allow where it stands (the parser reports an error for it).
    Other,
}

/// How one source line reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInfo {
    /// The line's kind.
    pub kind: LineKind,
    /// Byte offset within the line where the keyword ends (after the `:` of a structural keyword, after
    /// the step keyword including its space, after a doc string delimiter); 0 if the line has no keyword.
    pub keyword_end: usize,
}

/// Classifies every line of `source`: one entry per line, lines split at `\n` (a `\r` before it is not
/// part of the line), so a source ending with a newline has a final empty line, as an editor shows it.
///
/// The parser is run without its ten-error limit, so lines after many errors are still classified.
pub fn classify(source: &str) -> Vec<LineInfo> {
    let trace = run(source, false).trace;
    let count = raw_lines(source).len();
    (0..count).map(|at| info(trace.get(at).copied(), trace.len() <= at)).collect()
}

/// `traced` is `Some(None)` for a line the parser rejected; `past_end` marks the trailing blank line that
/// the parser never reads.
fn info(traced: Option<Option<Traced>>, past_end: bool) -> LineInfo {
    let Some(Some(traced)) = traced else {
        let kind = if past_end { LineKind::Empty } else { LineKind::Other };
        return LineInfo { kind, keyword_end: 0 };
    };
    let kind = match traced.kind {
        Tok::Eof | Tok::Empty => LineKind::Empty,
        Tok::Comment => LineKind::Comment,
        Tok::Language => LineKind::Language,
        Tok::TagLine => LineKind::Tags,
        Tok::FeatureLine => LineKind::Feature,
        Tok::RuleLine => LineKind::Rule,
        Tok::BackgroundLine => LineKind::Background,
        Tok::ScenarioLine if traced.outline => LineKind::Outline,
        Tok::ScenarioLine => LineKind::Scenario,
        Tok::ExamplesLine => LineKind::Examples,
        Tok::StepLine => LineKind::Step,
        Tok::TableRow => LineKind::TableRow,
        Tok::DocStringSeparator => LineKind::DocStringDelimiter,
        Tok::Other if traced.in_doc_string => LineKind::DocStringContent,
        Tok::Other => LineKind::Description,
    };
    LineInfo { kind, keyword_end: traced.keyword_end }
}
