//! Token matcher: reads one line as one token kind, tracking the dialect and any open doc string.

// Follows Cucumber's `GherkinClassicTokenMatcher`, quirks included (first-occurrence unescaping, tag
// columns), because the conformance data was produced by it.

use super::ast::KeywordType;
use super::languages::{self, Keywords};
use super::lexer::{is_cell_space, is_space, to_u32, trim, Item, Line, Tok, Token};
use super::{ErrorKind, GherkinError};

/// Used only if the embedded language list failed to load: no keyword matches, nothing panics.
static NO_KEYWORDS: Keywords = Keywords {
    name: String::new(),
    native: String::new(),
    feature: Vec::new(),
    background: Vec::new(),
    rule: Vec::new(),
    scenario: Vec::new(),
    scenario_outline: Vec::new(),
    examples: Vec::new(),
    given: Vec::new(),
    when: Vec::new(),
    then: Vec::new(),
    and: Vec::new(),
    but: Vec::new(),
};

/// Matches lines against token kinds; holds the state that spans lines (dialect, open doc string).
pub(super) struct Matcher {
    dialect_name: &'static str,
    dialect: &'static Keywords,
    /// Step keywords longest first, so `Sachant que ` wins over `Sachant `.
    step_keywords: Vec<(&'static str, KeywordType)>,
    doc_separator: Option<&'static str>,
    indent_to_remove: usize,
}

impl Matcher {
    /// A matcher for the default dialect, English.
    pub(super) fn new() -> Self {
        let mut matcher = Matcher {
            dialect_name: "en",
            dialect: &NO_KEYWORDS,
            step_keywords: Vec::new(),
            doc_separator: None,
            indent_to_remove: 0,
        };
        if let Some((name, keywords)) = languages::dialect("en") {
            matcher.set_dialect(name, keywords);
        }
        matcher
    }

    /// The dialect in force.
    pub(super) fn dialect_name(&self) -> &'static str {
        self.dialect_name
    }

    fn set_dialect(&mut self, name: &'static str, dialect: &'static Keywords) {
        self.dialect_name = name;
        self.dialect = dialect;
        let all: Vec<&'static str> = dialect.steps().map(String::as_str).collect();
        let kind_of = |keyword: &str| {
            // A keyword listed under several kinds (like `* `) has no single kind.
            let kinds = [
                (&dialect.given, KeywordType::Context),
                (&dialect.when, KeywordType::Action),
                (&dialect.then, KeywordType::Outcome),
                (&dialect.and, KeywordType::Conjunction),
                (&dialect.but, KeywordType::Conjunction),
            ];
            let mut found = kinds.iter().flat_map(|(list, kind)| list.iter().filter(|k| *k == keyword).map(|_| *kind));
            match (found.next(), found.next()) {
                (Some(kind), None) => kind,
                _ => KeywordType::Unknown,
            }
        };
        let mut keywords: Vec<(&'static str, KeywordType)> = all.iter().map(|k| (*k, kind_of(k))).collect();
        // Stable sort by UTF-16 length, as the reference's JavaScript `sort` does.
        keywords.sort_by_key(|(keyword, _)| std::cmp::Reverse(keyword.encode_utf16().count()));
        self.step_keywords = keywords;
    }

    /// Tries to read `line` (`None` at end of file) as `kind`. `Err` reports a line that has the kind's shape
    /// but is invalid (unknown language, tag with whitespace); the caller records it and treats it as no match.
    pub(super) fn try_match(&mut self, kind: Tok, line: Option<&Line>) -> Result<Option<Token>, GherkinError> {
        let Some(line) = line else {
            return Ok((kind == Tok::Eof).then(|| self.token(Tok::Eof, 0, 1)));
        };
        let trimmed = line.trimmed;
        let token = |this: &Self, kind: Tok| this.token(kind, line.number, line.column());
        Ok(match kind {
            Tok::Eof => None,
            Tok::Empty => trimmed.is_empty().then(|| Token { column: 1, blank: true, ..token(self, kind) }),
            Tok::Comment => {
                trimmed.starts_with('#').then(|| Token { column: 1, text: line.text.to_string(), ..token(self, kind) })
            }
            Tok::TagLine if trimmed.starts_with('@') => Some(Token { items: tags(line)?, ..token(self, kind) }),
            Tok::TagLine => None,
            Tok::TableRow if trimmed.starts_with('|') => Some(Token { items: cells(line), ..token(self, kind) }),
            Tok::TableRow => None,
            Tok::FeatureLine => self.title(line, kind, &self.dialect.feature),
            Tok::RuleLine => self.title(line, kind, &self.dialect.rule),
            Tok::BackgroundLine => self.title(line, kind, &self.dialect.background),
            Tok::ExamplesLine => self.title(line, kind, &self.dialect.examples),
            Tok::ScenarioLine => self.title(line, kind, &self.dialect.scenario).or_else(|| {
                self.title(line, kind, &self.dialect.scenario_outline).map(|t| Token { outline: true, ..t })
            }),
            Tok::StepLine => self.step_keywords.iter().find(|(k, _)| trimmed.starts_with(k)).map(|(keyword, kt)| {
                let text = trim(trimmed.get(keyword.len()..).unwrap_or("")).to_string();
                let keyword_end = line.offset() + keyword.len();
                Token { text, keyword: keyword.to_string(), keyword_type: *kt, keyword_end, ..token(self, kind) }
            }),
            Tok::DocStringSeparator => self.doc_string_separator(line),
            Tok::Language => match language_code(trimmed) {
                None => None,
                Some(code) => {
                    let Some((name, dialect)) = languages::dialect(code) else {
                        let kind = ErrorKind::UnknownLanguage(code.to_owned());
                        return Err(GherkinError { line: line.number, column: line.column(), kind });
                    };
                    self.set_dialect(name, dialect);
                    Some(Token { text: code.to_string(), ..token(self, kind) })
                }
            },
            Tok::Other => {
                let text = line.text_without_indent(self.indent_to_remove);
                // The reference unescapes only the first escaped delimiter on a line (JavaScript `replace`).
                let text = match self.doc_separator {
                    Some(r#"""""#) => text.replacen(r#"\"\"\""#, r#"""""#, 1),
                    Some("```") => text.replacen(r"\`\`\`", "```", 1),
                    _ => text.to_string(),
                };
                Some(Token { column: 1, text, blank: trimmed.is_empty(), ..token(self, kind) })
            }
        })
    }

    fn token(&self, kind: Tok, line: u32, column: u32) -> Token {
        Token {
            kind,
            line,
            column,
            text: String::new(),
            keyword: String::new(),
            keyword_type: KeywordType::Unknown,
            keyword_end: 0,
            outline: false,
            items: Vec::new(),
            dialect: self.dialect_name,
            blank: false,
        }
    }

    /// A `Keyword: title` line, trying the dialect's keywords in order.
    fn title(&self, line: &Line, kind: Tok, keywords: &[String]) -> Option<Token> {
        keywords.iter().find_map(|keyword| {
            let rest = line.trimmed.strip_prefix(keyword.as_str())?.strip_prefix(':')?;
            let keyword_end = line.offset() + keyword.len() + 1;
            let text = trim(rest).to_string();
            Some(Token { text, keyword: keyword.clone(), keyword_end, ..self.token(kind, line.number, line.column()) })
        })
    }

    /// Opens a doc string with `"""` or ```` ``` ````, or closes the open one with the same delimiter.
    fn doc_string_separator(&mut self, line: &Line) -> Option<Token> {
        let (separator, text) = match self.doc_separator {
            None => {
                let separator = [r#"""""#, "```"].into_iter().find(|s| line.trimmed.starts_with(s))?;
                self.doc_separator = Some(separator);
                // Content lines lose as much indentation as the opening delimiter has.
                self.indent_to_remove = line.indent;
                (separator, trim(line.trimmed.get(separator.len()..).unwrap_or("")).to_string())
            }
            Some(separator) => {
                if !line.trimmed.starts_with(separator) {
                    return None;
                }
                self.doc_separator = None;
                self.indent_to_remove = 0;
                (separator, String::new())
            }
        };
        let keyword_end = line.offset() + separator.len();
        let token = self.token(Tok::DocStringSeparator, line.number, line.column());
        Some(Token { text, keyword: separator.to_string(), keyword_end, ..token })
    }
}

/// The code of a `# language: xx` header (the reference's `^\s*#\s*language\s*:\s*([a-zA-Z\-_]+)\s*$`).
pub(super) fn language_code(trimmed: &str) -> Option<&str> {
    let rest = trimmed.strip_prefix('#')?.trim_start_matches(is_space).strip_prefix("language")?;
    let code = trim(rest.trim_start_matches(is_space).strip_prefix(':')?);
    let valid = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    valid.then_some(code)
}

/// Tags of a tag line; a `#` preceded by whitespace starts a comment.
fn tags(line: &Line) -> Result<Vec<Item>, GherkinError> {
    let text = line.trimmed;
    let comment = text.char_indices().zip(text.chars().skip(1)).find(|((_, c), next)| is_space(*c) && *next == '#');
    let uncommented = match comment {
        Some(((at, _), _)) => text.get(..at).unwrap_or(text),
        None => text,
    };
    let mut column = line.indent + 1;
    let mut found = Vec::new();
    for item in uncommented.split('@') {
        let name = item.trim_end_matches(is_space);
        if name.is_empty() {
            // Like the reference, empty pieces (`@@`, the text before the first `@`) do not move the column.
            continue;
        }
        if name.chars().any(is_space) {
            return Err(GherkinError { line: line.number, column: to_u32(column), kind: ErrorKind::TagWhitespace });
        }
        found.push(Item { column: to_u32(column), text: format!("@{name}") });
        column += item.chars().count() + 1;
    }
    Ok(found)
}

/// Cells of a table row: text before the first `|` and after the last is ignored; `\|`, `\\` and `\n` are
/// escapes, any other backslash is kept; cells are trimmed.
fn cells(line: &Line) -> Vec<Item> {
    let mut found = Vec::new();
    let (mut cell, mut first, mut col, mut start) = (String::new(), true, 0usize, 1usize);
    let mut chars = line.trimmed.chars();
    while let Some(c) = chars.next() {
        col += 1;
        match c {
            '|' => {
                if !first {
                    let left = cell.trim_start_matches(is_cell_space);
                    let skipped = cell.chars().count() - left.chars().count();
                    let text = left.trim_end_matches(is_cell_space).to_string();
                    found.push(Item { column: to_u32(line.indent + start + skipped), text });
                }
                first = false;
                cell.clear();
                start = col + 1;
            }
            '\\' => {
                col += 1;
                match chars.next() {
                    Some('n') => cell.push('\n'),
                    Some(escaped @ ('|' | '\\')) => cell.push(escaped),
                    Some(other) => {
                        cell.push('\\');
                        cell.push(other);
                    }
                    // A trailing backslash leaves the cell unclosed, so it is dropped anyway.
                    None => {}
                }
            }
            _ => cell.push(c),
        }
    }
    found
}
