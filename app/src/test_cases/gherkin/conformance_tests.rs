//! Conformance against Cucumber's Gherkin test data, kept beside the checkout in `shared/testdata/gherkin`.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{parse, pickles, KeywordType, Pickle, StepArgument};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata/gherkin");

/// The `.feature` files of one folder, sorted.
fn features(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|path| path.extension().is_some_and(|ext| ext == "feature"));
    found.sort();
    found
}

/// One JSON object per non-blank line.
fn ndjson(path: &Path) -> Result<Vec<Value>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).map_err(|e| e.to_string())).collect()
}

/// Our pickle in the reference's message shape, reduced to the fields the test data pins down.
fn as_reference(pickle: &Pickle) -> Value {
    let argument = |argument: &StepArgument| match argument {
        StepArgument::DocString { content, media_type } => {
            let mut doc = serde_json::json!({ "content": content });
            if let Some(media_type) = media_type {
                doc["mediaType"] = Value::from(media_type.as_str());
            }
            ("docString", doc)
        }
        StepArgument::DataTable { rows } => {
            let rows: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let cells: Vec<Value> = row.iter().map(|cell| serde_json::json!({ "value": cell })).collect();
                    serde_json::json!({ "cells": cells })
                })
                .collect();
            ("dataTable", serde_json::json!({ "rows": rows }))
        }
    };
    let steps: Vec<Value> = pickle
        .steps
        .iter()
        .map(|step| {
            let mut out = serde_json::json!({ "text": step.text, "type": format!("{:?}", step.keyword_type) });
            let arguments: Vec<_> = [&step.argument, &step.second_argument].into_iter().flatten().collect();
            if !arguments.is_empty() {
                let mut both = serde_json::Map::new();
                for (index, arg) in arguments.iter().enumerate() {
                    let (key, mut value) = argument(arg);
                    if arguments.len() == 2 {
                        value["argumentIndex"] = Value::from(index + 1);
                    }
                    both.insert(key.to_string(), value);
                }
                out["argument"] = Value::Object(both);
            }
            out
        })
        .collect();
    let tags: Vec<Value> = pickle.tags.iter().map(|t| Value::from(t.as_str())).collect();
    let line = pickle.example_line.unwrap_or(pickle.line);
    serde_json::json!({ "name": pickle.name, "language": pickle.language, "tags": tags, "steps": steps, "line": line })
}

/// The same fields picked out of a reference pickle.
fn reference(pickle: &Value) -> Value {
    let steps: Vec<Value> = pickle["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|step| {
                    let mut out = serde_json::json!({ "text": step["text"], "type": step["type"] });
                    if !step["argument"].is_null() {
                        out["argument"] = step["argument"].clone();
                    }
                    out
                })
                .collect()
        })
        .unwrap_or_default();
    let tags: Vec<Value> =
        pickle["tags"].as_array().map(|t| t.iter().map(|t| t["name"].clone()).collect()).unwrap_or_default();
    let (name, language, line) = (&pickle["name"], &pickle["language"], &pickle["location"]["line"]);
    serde_json::json!({ "name": name, "language": language, "tags": tags, "steps": steps, "line": line })
}

fn check_good(path: &Path) -> Result<(), String> {
    let source = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let parsed = parse(&source);
    if !parsed.is_valid() {
        let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
        return Err(format!("unexpected errors: {errors:?}"));
    }
    let expected: Vec<Value> =
        ndjson(&path.with_extension("feature.pickles.ndjson"))?.iter().map(|e| reference(&e["pickle"])).collect();
    let actual: Vec<Value> = match &parsed.feature {
        Some(feature) => pickles(feature, &parsed.language).iter().map(as_reference).collect(),
        None => Vec::new(),
    };
    if actual.len() != expected.len() {
        return Err(format!("{} pickles, expected {}", actual.len(), expected.len()));
    }
    match actual.iter().zip(&expected).find(|(a, e)| a != e) {
        Some((a, e)) => Err(format!("pickle differs:\n  got      {a}\n  expected {e}")),
        None => Ok(()),
    }
}

fn check_bad(path: &Path) -> Result<(), String> {
    let source = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let parsed = parse(&source);
    let expected: Vec<String> = ndjson(&path.with_extension("feature.errors.ndjson"))?
        .iter()
        .map(|e| e["parseError"]["message"].as_str().unwrap_or_default().to_string())
        .collect();
    let actual: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    if actual != expected {
        return Err(format!("errors differ:\n  got      {actual:?}\n  expected {expected:?}"));
    }
    Ok(())
}

#[test]
fn every_reference_file_parses_and_compiles_like_cucumber() {
    let root = Path::new(DATA);
    if !root.is_dir() {
        println!("skipped: {} not found (conformance data lives beside the checkout)", root.display());
        return;
    }
    let mut failures = Vec::new();
    let (good, bad) = (features(&root.join("good")), features(&root.join("bad")));
    for (files, check) in [(&good, check_good as fn(&Path) -> Result<(), String>), (&bad, check_bad)] {
        for path in files {
            if let Err(why) = check(path) {
                failures.push(format!("{}: {why}", path.display()));
            }
        }
    }
    println!("conformance: {} good and {} bad files, {} failing", good.len(), bad.len(), failures.len());
    assert!(!good.is_empty() && !bad.is_empty(), "no conformance files found under {DATA}");
    assert!(failures.is_empty(), "{} conformance failures:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn keyword_types_print_as_the_reference_names_them() {
    // `as_reference` relies on Debug names matching the reference's pickle step types.
    let names: Vec<String> = [KeywordType::Context, KeywordType::Action, KeywordType::Outcome, KeywordType::Unknown]
        .iter()
        .map(|k| format!("{k:?}"))
        .collect();
    assert_eq!(names, ["Context", "Action", "Outcome", "Unknown"]);
}
