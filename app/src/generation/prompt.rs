//! The prompt sent to a model, and reading its answer back. Versioned: the version is stored
//! with every generation job and every accepted case, so a change of wording is traceable.
use super::model::{GenerateInput, Lang, Proposal, StoryBrief};
use crate::{stories::model::CriterionId, test_cases::model::CaseKind};
use serde::Deserialize;
use serde_json::{json, Value};

/// Bump when the wording or the schema changes.
pub const VERSION: &str = "casebook-gherkin-v1";

/// Most existing case titles sent to avoid duplicates.
const MAX_EXISTING: usize = 50;
/// Most characters of a story's description sent.
const MAX_DESCRIPTION: usize = 4_000;

/// What the model is told it is.
pub fn system(lang: Lang) -> String {
    let dialect = match lang {
        Lang::En => "English Gherkin keywords (Feature, Scenario, Given, When, Then, And, But)",
        Lang::Es => "Spanish Gherkin keywords (Característica, Escenario, Dado, Cuando, Entonces, Y, Pero) with the first line `# language: es`",
    };
    format!(
        "You are a senior QA engineer. You write test cases as Gherkin feature documents that a tester can \
         execute step by step. Write all text in {} and use {dialect}. Answer with JSON only, matching the \
         given schema.",
        lang.label()
    )
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The request for one story. `errors` are the problems of an earlier answer, given back once
/// so the model can correct them.
pub fn user(story: &StoryBrief, input: &GenerateInput, errors: &[String]) -> String {
    let kinds: Vec<&str> = input.kinds_or_default().iter().map(|k| k.as_str()).collect();
    let mut p = String::new();
    p.push_str(&format!("User story {}: {}\n", story.key, story.title));
    if !story.description.trim().is_empty() {
        p.push_str(&format!("Description:\n{}\n", clip(story.description.trim(), MAX_DESCRIPTION)));
    }
    if story.criteria.is_empty() {
        p.push_str(
            "The story has no acceptance criteria: derive the expected behaviour from its title and description.\n",
        );
    } else {
        p.push_str("Acceptance criteria (cover every one; name the ids each case covers):\n");
        for (id, text) in &story.criteria {
            p.push_str(&format!("- [{}] {}\n", id.0, text.trim()));
        }
    }
    if !story.existing.is_empty() {
        p.push_str("Existing test cases of this story (do not repeat them):\n");
        for t in story.existing.iter().take(MAX_EXISTING) {
            p.push_str(&format!("- {t}\n"));
        }
    }
    p.push_str(&format!(
        "Write {} test case(s), each with up to {} scenario(s), of these test types: {}. Include positive, negative \
         and boundary scenarios where the criteria allow. Each case's `gherkin` is a whole feature document; its \
         `criteria` lists the ids it covers; its `type` is one of the test types.\n",
        input.cases,
        input.scenarios,
        kinds.join(", ")
    ));
    if !input.instructions.trim().is_empty() {
        p.push_str(&format!("Extra instructions from the tester:\n{}\n", input.instructions.trim()));
    }
    if !errors.is_empty() {
        p.push_str("Your previous answer had these problems; correct them:\n");
        for e in errors {
            p.push_str(&format!("- {e}\n"));
        }
    }
    p
}

/// The JSON schema of an answer.
pub fn schema(input: &GenerateInput) -> Value {
    let kinds: Vec<&str> = input.kinds_or_default().iter().map(|k| k.as_str()).collect();
    json!({
        "type": "object",
        "properties": {
            "cases": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "title": { "type": "string" },
                        "type": { "type": "string", "enum": kinds },
                        "criteria": { "type": "array", "items": { "type": "integer" } },
                        "gherkin": { "type": "string" }
                    },
                    "required": ["title", "type", "criteria", "gherkin"],
                    "additionalProperties": false
                }
            }
        },
        "required": ["cases"],
        "additionalProperties": false
    })
}

#[derive(Deserialize)]
struct Answer {
    cases: Vec<RawCase>,
}

#[derive(Deserialize)]
struct RawCase {
    #[serde(default)]
    title: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    criteria: Vec<i64>,
    #[serde(default)]
    gherkin: String,
}

/// Most cases read from one answer (a model that ignores the count is cut short).
const MAX_CASES: usize = 20;

/// The proposals in a model's answer: JSON, possibly inside a ```json fence or after some
/// prose (servers without structured output). An answer that is not such JSON is an error in
/// plain words.
pub fn read(answer: &str) -> Result<Vec<Proposal>, String> {
    let text = answer.trim();
    let body = match (text.find('{'), text.rfind('}')) {
        (Some(start), Some(end)) if end > start => &text[start..=end],
        _ => return Err("The answer held no JSON object.".to_owned()),
    };
    let parsed: Answer =
        serde_json::from_str(body).map_err(|e| format!("The answer was not the JSON asked for ({e})."))?;
    Ok(parsed
        .cases
        .into_iter()
        .take(MAX_CASES)
        .map(|c| Proposal {
            title: c.title.trim().to_owned(),
            kind: CaseKind::from_name(c.kind.trim()).unwrap_or(CaseKind::Functional),
            criteria: c.criteria.into_iter().map(CriterionId).collect(),
            gherkin: c.gherkin.replace("\r\n", "\n"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> StoryBrief {
        StoryBrief {
            key: "SHOP-US-1".into(),
            title: "Checkout".into(),
            description: "As a buyer I want to pay".into(),
            criteria: vec![(CriterionId(7), "Cards are accepted".into())],
            existing: vec!["Pay by card".into()],
        }
    }

    #[test]
    fn the_prompt_carries_the_story_criteria_types_and_existing_cases() {
        let input = GenerateInput { kinds: vec![CaseKind::Security, CaseKind::Api], ..Default::default() };
        let p = user(&story(), &input, &["Line 2: bad".into()]);
        for needle in ["SHOP-US-1", "Checkout", "[7] Cards are accepted", "security, api", "Pay by card", "Line 2: bad"]
        {
            assert!(p.contains(needle), "{needle} missing from {p}");
        }
        assert_eq!(
            schema(&input)["properties"]["cases"]["items"]["properties"]["type"]["enum"],
            json!(["security", "api"])
        );
        assert!(system(Lang::Es).contains("# language: es"));
    }

    #[test]
    fn answers_are_read_from_fenced_or_plain_json_and_refused_otherwise() {
        let fenced = "Here you go:\n```json\n{\"cases\":[{\"title\":\"T\",\"type\":\"api\",\"criteria\":[7],\"gherkin\":\"Feature: F\"}]}\n```";
        let got = read(fenced).unwrap();
        assert_eq!(got[0].kind, CaseKind::Api);
        assert_eq!(got[0].criteria, [CriterionId(7)]);
        assert!(read("no json here").unwrap_err().contains("no JSON"));
        assert!(read("{\"cases\": 3}").unwrap_err().contains("not the JSON"));
    }
}
