//! The pickle compiler: turns a feature into the concrete scenarios a runner executes, as Cucumber does.

use serde::{Deserialize, Serialize};

use super::ast::{Background, Feature, FeatureChild, KeywordType, RuleChild, Scenario, Step, StepArgument};

/// One concrete scenario: background steps first, outline placeholders filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pickle {
    /// The scenario name, placeholders substituted.
    pub name: String,
    /// The dialect of the feature.
    pub language: String,
    /// Tag names (with `@`), inherited in order: feature, rule, scenario, examples block.
    pub tags: Vec<String>,
    /// Background steps (feature's, then rule's) followed by the scenario's.
    pub steps: Vec<PickleStep>,
    /// 1-based line of the scenario (or outline).
    pub line: u32,
    /// For a pickle from an outline, the 1-based line of its examples row (Cucumber's pickle location).
    pub example_line: Option<u32>,
}

/// One step of a [`Pickle`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PickleStep {
    /// The keyword as written, e.g. `"Given "`.
    pub keyword: String,
    /// `Context`, `Action` or `Outcome`; a conjunction (`And`, `But`) takes the type of the step before it;
    /// `Unknown` for `*` or a conjunction with no step before it.
    pub keyword_type: KeywordType,
    /// The step text, placeholders substituted.
    pub text: String,
    /// The doc string or data table, placeholders substituted (the first one when a step has both).
    pub argument: Option<StepArgument>,
    /// The later argument of a step that has both a data table and a doc string.
    pub second_argument: Option<StepArgument>,
    /// 1-based line of the step in the source (background steps keep their own line).
    pub line: u32,
}

/// Compiles the pickles of `feature`, in document order, tagging them with `language`.
///
/// Plain scenarios yield one pickle each; an outline yields one per body row of each `Examples` block that
/// has a header (blocks without a table yield none). Background steps are prepended only to scenarios that
/// have steps of their own, as the reference does.
pub fn pickles(feature: &Feature, language: &str) -> Vec<Pickle> {
    let mut out = Vec::new();
    let feature_tags: Vec<String> = feature.tags.iter().map(|tag| tag.name.clone()).collect();
    let mut background: Vec<&Step> = Vec::new();
    for child in &feature.children {
        match child {
            FeatureChild::Background(Background { steps, .. }) => background = steps.iter().collect(),
            FeatureChild::Scenario(scenario) => {
                let context = Context { language, tags: feature_tags.clone(), background: background.clone() };
                compile(&context, scenario, &mut out);
            }
            FeatureChild::Rule(rule) => {
                let mut tags = feature_tags.clone();
                tags.extend(rule.tags.iter().map(|tag| tag.name.clone()));
                // A rule's background runs after the feature's, and only for the rule's own scenarios.
                let mut rule_context = Context { language, tags, background: background.clone() };
                for child in &rule.children {
                    match child {
                        RuleChild::Background(own) => rule_context.background.extend(own.steps.iter()),
                        RuleChild::Scenario(scenario) => compile(&rule_context, scenario, &mut out),
                    }
                }
            }
        }
    }
    out
}

/// What a scenario inherits from where it sits.
struct Context<'a> {
    language: &'a str,
    tags: Vec<String>,
    background: Vec<&'a Step>,
}

fn compile(context: &Context, scenario: &Scenario, out: &mut Vec<Pickle>) {
    let mut tags = context.tags.clone();
    tags.extend(scenario.tags.iter().map(|tag| tag.name.clone()));
    if scenario.examples.is_empty() {
        let steps = steps(context, scenario, &[], &[]);
        let name = scenario.name.clone();
        let language = context.language.to_string();
        out.push(Pickle { name, language, tags, steps, line: scenario.line, example_line: None });
        return;
    }
    for examples in &scenario.examples {
        let Some(header) = &examples.header else { continue };
        for (values, line) in examples.rows.iter().zip(&examples.row_lines) {
            let mut tags = tags.clone();
            tags.extend(examples.tags.iter().map(|tag| tag.name.clone()));
            out.push(Pickle {
                name: interpolate(&scenario.name, header, values),
                language: context.language.to_string(),
                tags,
                steps: steps(context, scenario, header, values),
                line: scenario.line,
                example_line: Some(*line),
            });
        }
    }
}

fn steps(context: &Context, scenario: &Scenario, header: &[String], values: &[String]) -> Vec<PickleStep> {
    let background = if scenario.steps.is_empty() { &[][..] } else { &context.background[..] };
    let mut last_type = KeywordType::Unknown;
    let mut out = Vec::new();
    // Background steps are not templates: no substitution in them.
    let all = background.iter().map(|step| (*step, false)).chain(scenario.steps.iter().map(|step| (step, true)));
    for (step, template) in all {
        if step.keyword_type != KeywordType::Conjunction {
            last_type = step.keyword_type;
        }
        let (header, values) = if template { (header, values) } else { (&[][..], &[][..]) };
        let argument = |argument: &Option<StepArgument>| argument.as_ref().map(|a| fill(a, header, values));
        out.push(PickleStep {
            keyword: step.keyword.clone(),
            keyword_type: last_type,
            text: interpolate(&step.text, header, values),
            argument: argument(&step.argument),
            second_argument: argument(&step.second_argument),
            line: step.line,
        });
    }
    out
}

fn fill(argument: &StepArgument, header: &[String], values: &[String]) -> StepArgument {
    match argument {
        StepArgument::DocString { content, media_type } => StepArgument::DocString {
            content: interpolate(content, header, values),
            media_type: media_type.as_ref().map(|media| interpolate(media, header, values)),
        },
        StepArgument::DataTable { rows } => StepArgument::DataTable {
            rows: rows.iter().map(|row| row.iter().map(|cell| interpolate(cell, header, values)).collect()).collect(),
        },
    }
}

/// Replaces every `<name>` with the value in the same column, one header cell after the other (so a value
/// containing another placeholder may be substituted again, as in the reference).
fn interpolate(text: &str, header: &[String], values: &[String]) -> String {
    let mut text = text.to_string();
    for (name, value) in header.iter().zip(values) {
        text = text.replace(&format!("<{name}>"), value);
    }
    text
}
