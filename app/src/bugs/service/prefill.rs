//! A bug report pre-filled from a step of a run: what the run executed (its snapshot, walked by
//! `scenarios_to_run` as the runner walks it), the mark's actual result and the run's
//! environment, linked to the run and the case. The person edits it before `create`.
use crate::{
    bugs::model::{BugInput, MAX_TITLE},
    error::{AppError, Entity},
    projects::service as projects,
    runs::repo as runs,
    state::ServerCtx,
    test_cases::{
        gherkin::{self, ast::StepArgument, PickleStep},
        model::scenarios_to_run,
    },
    wire::{human_key, Numbered},
};

/// A step as a line of the steps to reproduce, with its doc string or table indented below.
fn step_lines(n: usize, s: &PickleStep) -> String {
    let mut out = format!("{n}. {}{}", s.keyword, s.text);
    let argument = match &s.argument {
        Some(StepArgument::DocString { content, .. }) => content.lines().map(str::to_owned).collect(),
        Some(StepArgument::DataTable { rows }) => rows.iter().map(|r| format!("| {} |", r.join(" | "))).collect(),
        None => Vec::new(),
    };
    for line in argument {
        out.push_str("\n   ");
        out.push_str(&line);
    }
    out
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A bug for step `step` of scenario `scenario` (both from 0) of case `case` in run `run`.
pub async fn prefill(
    ctx: &ServerCtx,
    key: &str,
    run: i64,
    case: i64,
    scenario: i64,
    step: i64,
) -> Result<BugInput, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    let run = runs::get(&mut c, org, p.id, run).await?.ok_or(AppError::NotFound(Entity::Run))?;
    let (exec, executed, snapshot) =
        runs::execution(&mut c, run.id, case).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    let parsed = gherkin::parse(&snapshot);
    let scenarios = match parsed.feature.as_ref().filter(|_| parsed.is_valid()) {
        Some(feature) => scenarios_to_run(feature, &parsed.language),
        None => Vec::new(),
    };
    let found = usize::try_from(scenario)
        .ok()
        .and_then(|i| scenarios.get(i))
        .and_then(|sc| usize::try_from(step).ok().filter(|i| *i < sc.steps.len()).map(|i| (sc, i)));
    let Some((sc, at)) = found else {
        return Err(AppError::BadRequest(format!(
            "This run has no step {step} in scenario {scenario} of this case (has the run started?)."
        )));
    };
    let failing = &sc.steps[at];
    let mark = runs::marks(&mut c, exec).await?.into_iter().find(|m| m.scenario == scenario && m.step == step);
    let case_key = human_key(&p.key, Numbered::Case, case);
    let mut description =
        format!("Found in {} ({}), {case_key}, scenario “{}”, step {}.", run.key, run.name, sc.name, at + 1);
    if let Some(comment) = mark.as_ref().map(|m| m.comment.trim()).filter(|c| !c.is_empty()) {
        description.push_str("\n\n");
        description.push_str(comment);
    }
    Ok(BugInput {
        title: clip(&format!("{}: {} fails", executed.title, failing.text), MAX_TITLE),
        description,
        environment: run.environment.clone(),
        steps_to_reproduce: sc.steps[..=at]
            .iter()
            .enumerate()
            .map(|(i, s)| step_lines(i + 1, s))
            .collect::<Vec<_>>()
            .join("\n"),
        expected: format!("{}{}", failing.keyword, failing.text).trim().to_owned(),
        actual: mark.map(|m| m.actual).unwrap_or_default(),
        run: run.number.to_string(),
        case: case.to_string(),
        ..BugInput::default()
    })
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn long_titles_are_clipped_to_the_limit_with_an_ellipsis() {
        assert_eq!(clip("short", 200), "short");
        let long = "é".repeat(250);
        let clipped = clip(&long, 200);
        assert_eq!(clipped.chars().count(), 200);
        assert!(clipped.ends_with('…'));
    }
}
