//! Line tokenizer: splits the source into lines and defines the tokens a line can be read as.

// This follows Cucumber's `GherkinLine` closely, quirks included (which whitespace counts), because the
// conformance data was produced by it. Columns count characters (code points), as the reference does.

use super::ast::KeywordType;

/// The kinds of line the grammar knows (`#EOF`, `#StepLine`, ...), as named in error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Eof,
    Empty,
    Comment,
    TagLine,
    FeatureLine,
    RuleLine,
    BackgroundLine,
    ScenarioLine,
    ExamplesLine,
    StepLine,
    DocStringSeparator,
    TableRow,
    Language,
    Other,
}

impl Tok {
    /// The name used in "expected: ..." messages.
    pub(super) fn name(self) -> &'static str {
        match self {
            Tok::Eof => "#EOF",
            Tok::Empty => "#Empty",
            Tok::Comment => "#Comment",
            Tok::TagLine => "#TagLine",
            Tok::FeatureLine => "#FeatureLine",
            Tok::RuleLine => "#RuleLine",
            Tok::BackgroundLine => "#BackgroundLine",
            Tok::ScenarioLine => "#ScenarioLine",
            Tok::ExamplesLine => "#ExamplesLine",
            Tok::StepLine => "#StepLine",
            Tok::DocStringSeparator => "#DocStringSeparator",
            Tok::TableRow => "#TableRow",
            Tok::Language => "#Language",
            Tok::Other => "#Other",
        }
    }
}

/// JavaScript's `\s`, which the reference uses for trimming (it differs from `char::is_whitespace` on
/// U+0085 and U+FEFF).
pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// What the reference trims around table cells (notably not U+2028/U+3000, but U+0085).
pub(super) fn is_cell_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{a0}')
}

pub(super) fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Every line of the source, split at `\n` or `\r\n` (a lone `\r` is not a line break).
pub(super) fn raw_lines(source: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = source.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    for line in lines.iter_mut().take(last) {
        *line = line.strip_suffix('\r').unwrap_or(line);
    }
    lines
}

/// The lines the parser reads: like the reference scanner, a final whitespace-only line is dropped, so
/// the end of file sits right after the last line with content.
pub(super) fn scan_lines(source: &str) -> Vec<&str> {
    let mut lines = raw_lines(source);
    if lines.last().is_some_and(|line| trim(line).is_empty()) {
        lines.pop();
    }
    lines
}

/// One source line with its indentation measured.
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) trimmed: &'a str,
    /// Leading whitespace, in characters.
    pub(super) indent: usize,
    pub(super) number: u32,
}

impl<'a> Line<'a> {
    /// Wraps the 1-based line `number` with text `text`.
    pub(super) fn new(text: &'a str, number: u32) -> Self {
        let trimmed = text.trim_start_matches(is_space);
        let indent = text.chars().count() - trimmed.chars().count();
        Line { text, trimmed, indent, number }
    }

    /// The line as shown in "got '...'" messages.
    pub(super) fn shown(&self) -> &'a str {
        trim(self.trimmed)
    }

    /// 1-based column of the first non-blank character.
    pub(super) fn column(&self) -> u32 {
        to_u32(self.indent + 1)
    }

    /// The text with `remove` leading characters cut, or with all indentation cut if it has less than that.
    pub(super) fn text_without_indent(&self, remove: usize) -> &'a str {
        if remove > self.indent {
            return self.trimmed;
        }
        match self.text.char_indices().nth(remove) {
            Some((at, _)) => self.text.get(at..).unwrap_or(self.trimmed),
            None => "",
        }
    }

    /// Byte offset where the trimmed text starts.
    pub(super) fn offset(&self) -> usize {
        self.text.len() - self.trimmed.len()
    }
}

/// A cell or a tag with its 1-based column.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub(super) column: u32,
    pub(super) text: String,
}

/// A line matched as one token kind.
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) line: u32,
    pub(super) column: u32,
    /// Title, step text, doc string line, media type or language code, depending on the kind.
    pub(super) text: String,
    pub(super) keyword: String,
    pub(super) keyword_type: KeywordType,
    /// Byte offset within the line where the keyword (and its colon) ends; 0 if the kind has no keyword.
    pub(super) keyword_end: usize,
    /// A scenario line whose keyword is a `Scenario Outline` keyword.
    pub(super) outline: bool,
    /// Tags or table cells.
    pub(super) items: Vec<Item>,
    /// The dialect in force when the line was matched.
    pub(super) dialect: &'static str,
    /// The line is blank (descriptions drop trailing blank lines).
    pub(super) blank: bool,
}

/// Saturating conversion for line and column numbers (a source never has 4 billion lines in practice).
pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
