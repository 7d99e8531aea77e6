//! Property tests: no input makes the parser, the error explanations, the pickle compiler or the
//! classifier panic.

use proptest::prelude::*;

use super::{classify, explain, parse, pickles};

/// Lines that look like Gherkin, so the fuzzer reaches deep parser states rather than only the first error.
fn gherkinish_line() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "Feature: f",
        "Rule: r",
        "Background:",
        "Scenario: s <x>",
        "Scenario Outline: o <x>",
        "Example: e",
        "Examples:",
        "Given a <x>",
        "When b",
        "Then c",
        "And d",
        "But e",
        "* star",
        "| x | y |",
        "| <x> | \\| |",
        "|",
        "| a \\",
        "\"\"\"",
        "\"\"\" json",
        "```",
        "\\\"\\\"\\\"",
        "@tag @other",
        "@a b",
        "@t #c",
        "# comment",
        "# language: fr",
        "# language: zh-CN",
        "# language: xx",
        "Fonctionnalité: f",
        "Scénario: s",
        "Soit a",
        "假如x",
        "功能: f",
        "场景: s",
        "Característica: c",
        "Escenario: e",
        "Dado a",
        "",
        "  ",
        "\t",
        "text",
        "<x>",
        "ünïcødé 😀",
        "\r",
    ]);
    (prop::sample::select(vec!["", "  ", "\t", "    "]), fragments, "[ a-z<>|@#\\\\\t]{0,6}")
        .prop_map(|(indent, fragment, tail)| format!("{indent}{fragment}{tail}"))
}

fn gherkinish_source() -> impl Strategy<Value = String> {
    (prop::collection::vec(gherkinish_line(), 0..40), prop::bool::ANY)
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

fn exercise(source: &str) {
    let parsed = parse(source);
    for error in &parsed.errors {
        assert!(!explain(error, &parsed.language).is_empty());
    }
    if let Some(feature) = &parsed.feature {
        let _ = pickles(feature, &parsed.language);
    }
    assert_eq!(classify(source).len(), source.split('\n').count());
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        exercise(&source);
    }

    #[test]
    fn gherkin_like_text_never_panics(source in gherkinish_source()) {
        exercise(&source);
    }

    #[test]
    fn a_parse_reports_at_most_eleven_errors_each_on_a_real_line(source in gherkinish_source()) {
        let parsed = parse(&source);
        prop_assert!(parsed.errors.len() <= 11);
        let lines = source.split('\n').count() as u32;
        for error in &parsed.errors {
            prop_assert!(error.line >= 1 && error.line <= lines + 1, "{error} outside 1..={}", lines + 1);
        }
    }
}
