//! What a run executes, read from a case's snapshot: its scenarios as the runner walks them
//! (Background steps included, each Outline example a scenario of its own), through
//! `scenarios_to_run`. One place for the runner's page and for checking an operation's step.
use super::model::{RunScenario, RunStep};
use crate::test_cases::{
    gherkin::{self, ast::StepArgument},
    model::scenarios_to_run,
};

/// The scenarios of `snapshot`; empty when it does not parse (nothing can be marked then).
pub fn scenarios(snapshot: &str) -> Vec<RunScenario> {
    let parsed = gherkin::parse(snapshot);
    let Some(feature) = parsed.feature.as_ref().filter(|_| parsed.is_valid()) else { return Vec::new() };
    scenarios_to_run(feature, &parsed.language)
        .into_iter()
        .map(|p| RunScenario {
            name: p.name,
            steps: p
                .steps
                .into_iter()
                .map(|s| RunStep {
                    keyword: s.keyword,
                    text: s.text,
                    argument: s.argument.map(argument_text),
                    // Background steps keep their own lines, above the scenario's.
                    background: s.line < p.line,
                })
                .collect(),
        })
        .collect()
}

/// How many steps each scenario of `snapshot` has.
pub fn step_counts(snapshot: &str) -> Vec<usize> {
    scenarios(snapshot).iter().map(|s| s.steps.len()).collect()
}

fn argument_text(a: StepArgument) -> String {
    match a {
        StepArgument::DocString { content, .. } => content,
        StepArgument::DataTable { rows } => {
            rows.iter().map(|r| format!("| {} |", r.join(" | "))).collect::<Vec<_>>().join("\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_and_examples_become_steps_to_run() {
        let doc = "Feature: Login\n  Background:\n    Given the shop is open\n\n  Scenario Outline: sign in as <who>\n    When I sign in as \"<who>\"\n    Then I see:\n      | a | b |\n\n    Examples:\n      | who |\n      | ann |\n      | bob |\n";
        let s = scenarios(doc);
        assert_eq!(s.len(), 2, "one scenario per example");
        assert_eq!(s[1].name, "sign in as bob");
        assert_eq!(s[0].steps.len(), 3);
        assert!(s[0].steps[0].background && !s[0].steps[1].background);
        assert_eq!(s[1].steps[1].text, "I sign in as \"bob\"");
        assert_eq!(s[0].steps[2].argument.as_deref(), Some("| a | b |"));
        assert_eq!(step_counts(doc), vec![3, 3]);
        assert!(
            scenarios("Feature: x\n  Scenario: a\n    Given y\nFeature: a second one").is_empty(),
            "an invalid snapshot has nothing to mark"
        );
    }
}
