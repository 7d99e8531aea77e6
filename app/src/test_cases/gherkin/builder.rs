//! The AST builder: a stack of open grammar nodes, each turned into an [`ast`](super::ast) value when it ends.

// Mirrors Cucumber's `AstBuilder`. Unlike the reference it never assumes a part is present, so that closing
// the nodes of a broken document still yields whatever was complete.

use super::ast::{Background, Examples, Feature, FeatureChild, Rule, RuleChild, Scenario, Step, StepArgument, Tag};
use super::lexer::{Tok, Token};
use super::parser::RuleKind;
use super::{ErrorKind, GherkinError};

/// What a node holds: matched tokens, and the values of the nodes that ended inside it.
enum Value {
    Token(Token),
    Node(Node),
    Step(Step),
    /// A doc string or data table with the line it starts on (to order two arguments of one step).
    Argument(u32, StepArgument),
    Background(Background),
    Scenario(Scenario),
    Examples(Examples),
    Rows(Vec<Row>),
    Description(String),
    Feature(Feature),
    Rule(Rule),
}

struct Row {
    line: u32,
    column: u32,
    cells: Vec<String>,
}

struct Node {
    rule: RuleKind,
    children: Vec<Value>,
}

impl Node {
    fn is(value: &Value, rule: RuleKind) -> bool {
        match value {
            Value::Token(_) => false,
            Value::Node(node) => node.rule == rule,
            Value::Step(_) => rule == RuleKind::Step,
            Value::Argument(_, StepArgument::DocString { .. }) => rule == RuleKind::DocString,
            Value::Argument(_, StepArgument::DataTable { .. }) => rule == RuleKind::DataTable,
            Value::Background(_) => rule == RuleKind::Background,
            Value::Scenario(_) => rule == RuleKind::ScenarioDefinition,
            Value::Examples(_) => rule == RuleKind::ExamplesDefinition,
            Value::Rows(_) => rule == RuleKind::ExamplesTable,
            Value::Description(_) => rule == RuleKind::Description,
            Value::Feature(_) => rule == RuleKind::Feature,
            Value::Rule(_) => rule == RuleKind::Rule,
        }
    }

    /// Removes and returns the first value the rule produced.
    fn take(&mut self, rule: RuleKind) -> Option<Value> {
        let at = self.children.iter().position(|value| Self::is(value, rule))?;
        Some(self.children.remove(at))
    }

    /// Removes and returns every value the rule produced, in order.
    fn take_all(&mut self, rule: RuleKind) -> Vec<Value> {
        let (taken, kept) = std::mem::take(&mut self.children).into_iter().partition(|value| Self::is(value, rule));
        self.children = kept;
        taken
    }

    fn take_node(&mut self, rule: RuleKind) -> Option<Node> {
        match self.take(rule) {
            Some(Value::Node(node)) => Some(node),
            _ => None,
        }
    }

    fn tokens(&self, kind: Tok) -> impl Iterator<Item = &Token> {
        self.children.iter().filter_map(move |value| match value {
            Value::Token(token) if token.kind == kind => Some(token),
            _ => None,
        })
    }

    fn token(&self, kind: Tok) -> Option<&Token> {
        self.tokens(kind).next()
    }

    fn description(&mut self) -> String {
        match self.take(RuleKind::Description) {
            Some(Value::Description(text)) => text,
            _ => String::new(),
        }
    }

    fn tags(&mut self) -> Vec<Tag> {
        let Some(tags) = self.take_node(RuleKind::Tags) else {
            return Vec::new();
        };
        let lines = tags.tokens(Tok::TagLine);
        let items = lines.flat_map(|token| token.items.iter().map(move |item| (token.line, item)));
        items.map(|(line, item)| Tag { name: item.text.clone(), line, column: item.column }).collect()
    }

    fn steps(&mut self) -> Vec<Step> {
        let steps = self.take_all(RuleKind::Step).into_iter();
        steps.filter_map(|value| if let Value::Step(step) = value { Some(step) } else { None }).collect()
    }

    /// Table rows, checked to have as many cells as the first.
    fn rows(&self) -> Result<Vec<Row>, GherkinError> {
        let rows: Vec<Row> = self
            .tokens(Tok::TableRow)
            .map(|t| Row { line: t.line, column: t.column, cells: t.items.iter().map(|i| i.text.clone()).collect() })
            .collect();
        let width = rows.first().map(|row| row.cells.len());
        if let Some(row) = rows.iter().find(|row| Some(row.cells.len()) != width) {
            return Err(GherkinError { line: row.line, column: row.column, kind: ErrorKind::CellCount });
        }
        Ok(rows)
    }
}

/// Builds the tree from the parser's start/end/build actions.
pub(super) struct Builder {
    stack: Vec<Node>,
}

impl Builder {
    pub(super) fn new() -> Self {
        Builder { stack: vec![Node { rule: RuleKind::GherkinDocument, children: Vec::new() }] }
    }

    pub(super) fn start(&mut self, rule: RuleKind) {
        self.stack.push(Node { rule, children: Vec::new() });
    }

    /// Adds a matched token to the innermost node; comments are not kept in the tree.
    pub(super) fn build(&mut self, token: Option<Token>) {
        if let (Some(node), Some(token)) = (self.stack.last_mut(), token) {
            if token.kind != Tok::Comment {
                node.children.push(Value::Token(token));
            }
        }
    }

    /// Whether the innermost node is a doc string (its `#Other` lines are content, not description).
    pub(super) fn in_doc_string(&self) -> bool {
        self.stack.last().is_some_and(|node| node.rule == RuleKind::DocString)
    }

    /// Ends the innermost node. On an error (inconsistent table) the node is dropped, as in the reference.
    pub(super) fn end(&mut self) -> Result<(), GherkinError> {
        // The bottom node only collects the document; it is never ended by the grammar.
        if self.stack.len() < 2 {
            return Ok(());
        }
        let Some(node) = self.stack.pop() else { return Ok(()) };
        let value = transform(node)?;
        if let (Some(parent), Some(value)) = (self.stack.last_mut(), value) {
            parent.children.push(value);
        }
        Ok(())
    }

    /// Ends every open node and returns the feature, if there is one.
    pub(super) fn finish(&mut self, errors: &mut Vec<GherkinError>) -> Option<Feature> {
        while self.stack.len() > 1 {
            if let Err(error) = self.end() {
                errors.push(error);
            }
        }
        let mut root = self.stack.pop()?;
        match root.take(RuleKind::Feature) {
            Some(Value::Feature(feature)) => Some(feature),
            _ => None,
        }
    }
}

/// Turns an ended node into its AST value; `None` when a required part is missing (broken documents only).
fn transform(mut node: Node) -> Result<Option<Value>, GherkinError> {
    Ok(match node.rule {
        RuleKind::Step => node.token(Tok::StepLine).cloned().map(|line| {
            let mut arguments: Vec<(u32, StepArgument)> = [RuleKind::DataTable, RuleKind::DocString]
                .into_iter()
                .filter_map(|rule| match node.take(rule) {
                    Some(Value::Argument(line, argument)) => Some((line, argument)),
                    _ => None,
                })
                .collect();
            arguments.sort_by_key(|(line, _)| *line);
            let mut arguments = arguments.into_iter().map(|(_, argument)| argument);
            Value::Step(Step {
                keyword: line.keyword,
                keyword_type: line.keyword_type,
                text: line.text,
                argument: arguments.next(),
                second_argument: arguments.next(),
                line: line.line,
            })
        }),
        RuleKind::DocString => node.token(Tok::DocStringSeparator).map(|separator| {
            let content: Vec<&str> = node.tokens(Tok::Other).map(|t| t.text.as_str()).collect();
            let media_type = Some(separator.text.clone()).filter(|media| !media.is_empty());
            Value::Argument(separator.line, StepArgument::DocString { content: content.join("\n"), media_type })
        }),
        RuleKind::DataTable => {
            let rows = node.rows()?;
            let line = rows.first().map_or(0, |row| row.line);
            Some(Value::Argument(line, StepArgument::DataTable { rows: rows.into_iter().map(|r| r.cells).collect() }))
        }
        RuleKind::ExamplesTable => Some(Value::Rows(node.rows()?)),
        RuleKind::Description => {
            let mut lines: Vec<&Token> = node.tokens(Tok::Other).collect();
            while lines.last().is_some_and(|token| token.blank) {
                lines.pop();
            }
            let lines: Vec<&str> = lines.iter().map(|token| token.text.as_str()).collect();
            Some(Value::Description(lines.join("\n")))
        }
        RuleKind::Background => node.token(Tok::BackgroundLine).cloned().map(|line| {
            let (description, steps) = (node.description(), node.steps());
            Value::Background(Background {
                keyword: line.keyword,
                name: line.text,
                description,
                line: line.line,
                steps,
            })
        }),
        RuleKind::ScenarioDefinition => scenario(&mut node).map(Value::Scenario),
        RuleKind::ExamplesDefinition => examples(&mut node).map(Value::Examples),
        RuleKind::Feature => feature(&mut node).map(Value::Feature),
        RuleKind::Rule => rule(&mut node).map(Value::Rule),
        // The document's only content is its feature; hand it to the bottom node as is.
        RuleKind::GherkinDocument => node.take(RuleKind::Feature),
        RuleKind::FeatureHeader | RuleKind::RuleHeader | RuleKind::Scenario | RuleKind::Examples | RuleKind::Tags => {
            Some(Value::Node(node))
        }
    })
}

fn scenario(node: &mut Node) -> Option<Scenario> {
    let tags = node.tags();
    let mut inner = node.take_node(RuleKind::Scenario)?;
    let line = inner.token(Tok::ScenarioLine)?.clone();
    let (description, steps) = (inner.description(), inner.steps());
    let examples = inner.take_all(RuleKind::ExamplesDefinition).into_iter();
    let examples = examples.filter_map(|value| if let Value::Examples(e) = value { Some(e) } else { None }).collect();
    Some(Scenario { tags, keyword: line.keyword, name: line.text, description, line: line.line, steps, examples })
}

fn examples(node: &mut Node) -> Option<Examples> {
    let tags = node.tags();
    let mut inner = node.take_node(RuleKind::Examples)?;
    let line = inner.token(Tok::ExamplesLine)?.clone();
    let description = inner.description();
    let mut rows = match inner.take(RuleKind::ExamplesTable) {
        Some(Value::Rows(rows)) => rows.into_iter(),
        _ => Vec::new().into_iter(),
    };
    let header = rows.next();
    let (row_lines, rows): (Vec<u32>, Vec<Vec<String>>) = rows.map(|row| (row.line, row.cells)).unzip();
    Some(Examples {
        tags,
        keyword: line.keyword,
        name: line.text,
        description,
        line: line.line,
        header_line: header.as_ref().map(|row| row.line),
        header: header.map(|row| row.cells),
        rows,
        row_lines,
    })
}

fn feature(node: &mut Node) -> Option<Feature> {
    let mut header = node.take_node(RuleKind::FeatureHeader)?;
    let line = header.token(Tok::FeatureLine)?.clone();
    let (tags, description) = (header.tags(), header.description());
    let mut children = Vec::new();
    if let Some(Value::Background(background)) = node.take(RuleKind::Background) {
        children.push(FeatureChild::Background(background));
    }
    for value in node.take_all(RuleKind::ScenarioDefinition).into_iter().chain(node.take_all(RuleKind::Rule)) {
        match value {
            Value::Scenario(scenario) => children.push(FeatureChild::Scenario(scenario)),
            Value::Rule(rule) => children.push(FeatureChild::Rule(rule)),
            _ => {}
        }
    }
    let language = line.dialect.to_string();
    Some(Feature { tags, language, keyword: line.keyword, name: line.text, description, line: line.line, children })
}

fn rule(node: &mut Node) -> Option<Rule> {
    let mut header = node.take_node(RuleKind::RuleHeader)?;
    let line = header.token(Tok::RuleLine)?.clone();
    let (tags, description) = (header.tags(), header.description());
    let mut children = Vec::new();
    if let Some(Value::Background(background)) = node.take(RuleKind::Background) {
        children.push(RuleChild::Background(background));
    }
    for value in node.take_all(RuleKind::ScenarioDefinition) {
        if let Value::Scenario(scenario) = value {
            children.push(RuleChild::Scenario(scenario));
        }
    }
    Some(Rule { tags, keyword: line.keyword, name: line.text, description, line: line.line, children })
}
