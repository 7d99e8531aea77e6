//! The parser: runs the reference state machine over the lines, feeding the AST builder and collecting errors.

use super::ast::Feature;
use super::builder::Builder;
use super::lexer::{scan_lines, to_u32, Line, Tok};
use super::matcher::Matcher;
use super::states::STATES;
use super::{ErrorKind, GherkinError};

/// Grammar rules that become nodes of the tree being built (the `!` rules of Cucumber's `gherkin.berp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleKind {
    GherkinDocument,
    Feature,
    FeatureHeader,
    Rule,
    RuleHeader,
    Background,
    ScenarioDefinition,
    Scenario,
    ExamplesDefinition,
    Examples,
    ExamplesTable,
    Step,
    DataTable,
    DocString,
    Tags,
    Description,
}

/// What a transition does to the tree being built.
#[derive(Clone, Copy, Debug)]
pub(super) enum Act {
    /// Start a node for the rule.
    S(RuleKind),
    /// End the innermost node and hand it, transformed, to its parent.
    E,
    /// Add the matched token to the innermost node.
    B,
}

/// A tag line starts a scenario or an `Examples:` block only if one follows after tags, comments and blanks.
#[derive(Clone, Copy, Debug)]
pub(super) enum Lookahead {
    Scenario,
    Examples,
}

/// The reference gives up after this many errors (it stops when it has more than ten).
const ERROR_LIMIT: usize = 10;

/// How one line was read, for syntax highlighting.
#[derive(Clone, Copy, Debug)]
pub(super) struct Traced {
    pub(super) kind: Tok,
    pub(super) keyword_end: usize,
    pub(super) outline: bool,
    pub(super) in_doc_string: bool,
}

/// The result of one run of the parser.
pub(super) struct Run {
    pub(super) feature: Option<Feature>,
    /// The dialect in force at the end.
    pub(super) language: &'static str,
    pub(super) errors: Vec<GherkinError>,
    /// For each line the parser read, how it was read; `None` where the line was rejected.
    pub(super) trace: Vec<Option<Traced>>,
}

struct Parser {
    matcher: Matcher,
    builder: Builder,
    errors: Vec<GherkinError>,
    limit: Option<usize>,
    trace: Vec<Option<Traced>>,
}

/// Parses `source`. With `stop_early`, it stops after more than ten errors as the reference does; without,
/// it reads every line (the highlighter wants all of them).
pub(super) fn run(source: &str, stop_early: bool) -> Run {
    let lines: Vec<Line> =
        scan_lines(source).into_iter().enumerate().map(|(i, text)| Line::new(text, to_u32(i + 1))).collect();
    let mut parser = Parser {
        matcher: Matcher::new(),
        builder: Builder::new(),
        errors: Vec::new(),
        limit: stop_early.then_some(ERROR_LIMIT),
        trace: vec![None; lines.len()],
    };
    parser.builder.start(RuleKind::GherkinDocument);
    let mut state = 0;
    // One more round than there are lines: the last one reads the end of file.
    for at in 0..=lines.len() {
        let rest = lines.get(at + 1..).unwrap_or(&[]);
        let eof_line = to_u32(lines.len() + 1);
        state = parser.step(state, lines.get(at), rest, eof_line);
        if parser.limit.is_some_and(|limit| parser.errors.len() > limit) {
            break;
        }
    }
    // Closing every open node also salvages a partial tree from a broken document.
    let mut end_errors = Vec::new();
    let feature = parser.builder.finish(&mut end_errors);
    for error in end_errors {
        parser.add_error(error);
    }
    Run { feature, language: parser.matcher.dialect_name(), errors: parser.errors, trace: parser.trace }
}

impl Parser {
    /// Records an error unless the same one is already there, or the reference would have stopped by now.
    fn add_error(&mut self, error: GherkinError) {
        if self.limit.is_some_and(|limit| self.errors.len() > limit) || self.errors.contains(&error) {
            return;
        }
        self.errors.push(error);
    }

    /// Reads `line` (`None` for the end of file) in `state` and returns the next state.
    fn step(&mut self, state: usize, line: Option<&Line>, rest: &[Line], eof_line: u32) -> usize {
        let transitions = STATES.get(state).copied().unwrap_or(&[]);
        for &(kind, lookahead, acts, next) in transitions {
            let token = match self.matcher.try_match(kind, line) {
                Ok(Some(token)) => token,
                Ok(None) => continue,
                Err(error) => {
                    self.add_error(error);
                    continue;
                }
            };
            if lookahead.is_some_and(|wanted| !self.lookahead(wanted, rest)) {
                continue;
            }
            let traced = Traced { kind, keyword_end: token.keyword_end, outline: token.outline, in_doc_string: false };
            let mut token = Some(token);
            for act in acts {
                match act {
                    Act::S(rule) => self.builder.start(*rule),
                    Act::E => {
                        if let Err(error) = self.builder.end() {
                            self.add_error(error);
                        }
                    }
                    Act::B => self.builder.build(token.take()),
                }
            }
            if let Some(slot) = line.and_then(|line| self.trace.get_mut((line.number as usize).saturating_sub(1))) {
                *slot = Some(Traced { in_doc_string: self.builder.in_doc_string(), ..traced });
            }
            return next;
        }
        let mut expected: Vec<String> = Vec::new();
        for (kind, ..) in transitions {
            if !expected.iter().any(|name| name == kind.name()) {
                expected.push(kind.name().to_owned());
            }
        }
        let error = match line {
            None => GherkinError { line: eof_line, column: 0, kind: ErrorKind::EarlyEnd { expected } },
            Some(line) => GherkinError {
                line: line.number,
                column: line.column(),
                kind: ErrorKind::Unexpected { expected, got: line.shown().to_owned() },
            },
        };
        self.add_error(error);
        state
    }

    /// Whether a scenario (or examples) line follows, skipping blank, comment and tag lines.
    fn lookahead(&mut self, wanted: Lookahead, rest: &[Line]) -> bool {
        let target = match wanted {
            Lookahead::Scenario => Tok::ScenarioLine,
            Lookahead::Examples => Tok::ExamplesLine,
        };
        for line in rest {
            if self.probe(target, line) {
                return true;
            }
            if ![Tok::Empty, Tok::Comment, Tok::TagLine].into_iter().any(|kind| self.probe(kind, line)) {
                return false;
            }
        }
        false
    }

    /// Matches without consuming; none of the kinds probed changes the matcher's state.
    fn probe(&mut self, kind: Tok, line: &Line) -> bool {
        match self.matcher.try_match(kind, Some(line)) {
            Ok(found) => found.is_some(),
            Err(error) => {
                self.add_error(error);
                false
            }
        }
    }
}
