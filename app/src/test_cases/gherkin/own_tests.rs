//! Unit tests for the parser, pickle compiler, classifier and completions.

use super::ast::{FeatureChild, RuleChild};
use super::*;

fn valid(source: &str) -> (Parsed, Vec<Pickle>) {
    let parsed = parse(source);
    assert!(parsed.is_valid(), "unexpected errors: {:?}", parsed.errors);
    let feature = parsed.feature.as_ref().expect("a feature");
    let pickles = pickles(feature, &parsed.language);
    (parsed, pickles)
}

fn table(rows: &[&[&str]]) -> Option<StepArgument> {
    Some(StepArgument::DataTable { rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect() })
}

#[test]
fn an_outline_with_two_tagged_examples_blocks_expands_into_concrete_pickles() {
    let source = "@shop
Feature: Cart
  @cart
  Scenario Outline: add <n> <item>
    Given an empty cart
    When I add <n> <item>
      | item   | count |
      | <item> | <n>   |
    Then the cart shows \"<n> x <item>\"

    @fast
    Examples: small
      | n | item  |
      | 1 | apple |
      | 2 | pear  |

    @slow @big
    Examples: large
      | item  | n  |
      | melon | 10 |
";
    let (_, pickles) = valid(source);
    let summary: Vec<(&str, Vec<&str>, u32, Option<u32>)> = pickles
        .iter()
        .map(|p| (p.name.as_str(), p.tags.iter().map(String::as_str).collect(), p.line, p.example_line))
        .collect();
    assert_eq!(
        summary,
        [
            ("add 1 apple", vec!["@shop", "@cart", "@fast"], 4, Some(14)),
            ("add 2 pear", vec!["@shop", "@cart", "@fast"], 4, Some(15)),
            ("add 10 melon", vec!["@shop", "@cart", "@slow", "@big"], 4, Some(20)),
        ]
    );
    let steps = &pickles[2].steps;
    assert_eq!(steps[1].text, "I add 10 melon");
    assert_eq!(steps[1].argument, table(&[&["item", "count"], &["melon", "10"]]));
    assert_eq!(steps[2].text, "the cart shows \"10 x melon\"");
    assert_eq!(steps[2].keyword, "Then ");
}

#[test]
fn a_data_table_resolves_escaped_pipes_backslashes_and_newlines() {
    let (_, pickles) = valid("Feature: f\n  Scenario: s\n    Given t\n      | a \\| b | c\\\\d | e\\nf | \\x |\n");
    assert_eq!(pickles[0].steps[0].argument, table(&[&["a | b", "c\\d", "e\nf", "\\x"]]));
}

#[test]
fn a_doc_string_keeps_its_media_type_and_loses_the_delimiter_indentation() {
    let source =
        "Feature: f\n  Scenario: s\n    Given json\n      ```json\n      {\n        \"a\": 1\n      }\n      ```\n";
    let (_, pickles) = valid(source);
    let expected = StepArgument::DocString { content: "{\n  \"a\": 1\n}".into(), media_type: Some("json".into()) };
    assert_eq!(pickles[0].steps[0].argument, Some(expected));
}

#[test]
fn an_escaped_delimiter_inside_a_doc_string_is_unescaped() {
    let (_, pickles) = valid("Feature: f\n Scenario: s\n  Given x\n   \"\"\"\n   a \\\"\\\"\\\" b\n   \"\"\"\n");
    let expected = StepArgument::DocString { content: "a \"\"\" b".into(), media_type: None };
    assert_eq!(pickles[0].steps[0].argument, Some(expected));
}

#[test]
fn a_spanish_feature_parses_with_its_own_keywords() {
    let source = "# language: es
Característica: Compras
  Escenario: pagar
    Dado un carrito
    Cuando pago
    Entonces recibo un recibo
    Y un correo
";
    let (parsed, pickles) = valid(source);
    assert_eq!(parsed.language, "es");
    let feature = parsed.feature.as_ref().expect("a feature");
    assert_eq!((feature.keyword.as_str(), feature.name.as_str()), ("Característica", "Compras"));
    let steps: Vec<(&str, &str, KeywordType)> =
        pickles[0].steps.iter().map(|s| (s.keyword.as_str(), s.text.as_str(), s.keyword_type)).collect();
    assert_eq!(
        steps,
        [
            ("Dado ", "un carrito", KeywordType::Context),
            ("Cuando ", "pago", KeywordType::Action),
            ("Entonces ", "recibo un recibo", KeywordType::Outcome),
            ("Y ", "un correo", KeywordType::Outcome),
        ]
    );
    assert_eq!(pickles[0].language, "es");
}

#[test]
fn chinese_step_keywords_need_no_space_after_them() {
    let (_, pickles) = valid("# language: zh-CN\n功能: 购物\n  场景: 付款\n    假如有一个购物车\n    那么成功\n");
    let texts: Vec<(&str, &str)> = pickles[0].steps.iter().map(|s| (s.keyword.as_str(), s.text.as_str())).collect();
    assert_eq!(texts, [("假如", "有一个购物车"), ("那么", "成功")]);
}

#[test]
fn a_rule_background_runs_after_the_feature_background_only_inside_its_rule() {
    let source = "Feature: f
  Background:
    Given feature setup
  @r
  Rule: r1
    Background:
      Given rule setup
    Scenario: inside
      Then it works
  Rule: r2
    Scenario: other
      Then plain
";
    let (parsed, pickles) = valid(source);
    let texts = |p: &Pickle| p.steps.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&pickles[0]), ["feature setup", "rule setup", "it works"]);
    assert_eq!(pickles[0].tags, ["@r"]);
    assert_eq!(texts(&pickles[1]), ["feature setup", "plain"]);
    let feature = parsed.feature.expect("a feature");
    let Some(FeatureChild::Rule(rule)) = feature.children.get(1) else { panic!("rule expected") };
    assert!(matches!(rule.children.first(), Some(RuleChild::Background(_))));
}

#[test]
fn a_misspelled_keyword_is_an_error_at_its_line_and_column() {
    let parsed = parse("Feature: f\n  Scenario: s\n    Given a\n    Thenn b\n");
    assert!(!parsed.is_valid());
    let error = &parsed.errors[0];
    assert_eq!((error.line, error.column), (4, 5));
    assert!(error.message().starts_with("expected: #EOF, #TableRow, #DocStringSeparator, #StepLine"), "{error}");
    assert!(error.message().ends_with("got 'Thenn b'"), "{error}");
    assert_eq!(error.to_string(), format!("(4:5): {}", error.message()));
}

#[test]
fn an_unknown_language_is_reported_and_the_header_read_as_a_comment() {
    let parsed = parse("# language: xx\nFeature: f\n");
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].to_string(), "(1:1): Language not supported: xx");
}

#[test]
fn an_outline_without_examples_rows_yields_no_pickles() {
    let (parsed, pickles) = valid("Feature: f\n  Scenario Outline: o <x>\n    Given <x>\n    Examples:\n");
    assert!(pickles.is_empty());
    let feature = parsed.feature.expect("a feature");
    let Some(FeatureChild::Scenario(outline)) = feature.children.first() else { panic!("scenario expected") };
    assert_eq!(outline.examples.len(), 1);
    assert_eq!(outline.examples[0].header, None);
}

#[test]
fn a_tag_at_the_end_of_file_is_an_unexpected_end_of_file() {
    let parsed = parse("Feature: f\n  Scenario: s\n\n  @orphan\n");
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    // A tag line there can only start a Rule once no scenario follows.
    assert_eq!(messages, ["(5:0): unexpected end of file, expected: #TagLine, #RuleLine, #Comment, #Empty"]);
}

#[test]
fn tags_with_a_trailing_comment_are_split_and_located() {
    let (parsed, _) = valid("  @a @b #not a tag\nFeature: f\n");
    let tags = parsed.feature.expect("a feature").tags;
    let found: Vec<(&str, u32, u32)> = tags.iter().map(|t| (t.name.as_str(), t.line, t.column)).collect();
    assert_eq!(found, [("@a", 1, 3), ("@b", 1, 6)]);
}

#[test]
fn crlf_line_endings_and_tabs_parse_like_plain_newlines() {
    let (_, pickles) = valid("Feature: f\r\n\tScenario: s\r\n\t\tGiven a\r\n\t\t| x |\r\n");
    assert_eq!(pickles[0].steps[0].text, "a");
    assert_eq!(pickles[0].steps[0].argument, table(&[&["x"]]));
}

#[test]
fn classify_marks_each_line_with_its_kind_and_keyword_end() {
    let source = r#"# language: en
@t
Feature: F
  some text
  Scenario Outline: o
    Given x
      """
      body
      """
    Examples:
      | a |

  oops
"#;
    let lines = classify(source);
    let kinds: Vec<(LineKind, usize)> = lines.iter().map(|l| (l.kind, l.keyword_end)).collect();
    assert_eq!(
        kinds,
        [
            (LineKind::Language, 0),
            (LineKind::Tags, 0),
            (LineKind::Feature, 8),
            (LineKind::Description, 0),
            (LineKind::Outline, 19),
            (LineKind::Step, 10),
            (LineKind::DocStringDelimiter, 9),
            (LineKind::DocStringContent, 0),
            (LineKind::DocStringDelimiter, 9),
            (LineKind::Examples, 13),
            (LineKind::TableRow, 0),
            (LineKind::Empty, 0),
            (LineKind::Other, 0),
            (LineKind::Empty, 0),
        ]
    );
}

#[test]
fn completions_offer_keywords_matching_the_typed_prefix() {
    assert!(completions("en", "Gi").contains(&"Given ".to_string()));
    assert!(completions("en", "  sce").contains(&"Scenario Outline:".to_string()));
    assert!(completions("es", "Esc").contains(&"Escenario:".to_string()));
    assert!(!completions("en", "Gi").contains(&"When ".to_string()));
    assert!(completions("xx", "").is_empty());
}

#[test]
fn every_dialect_is_loaded_from_the_embedded_list() {
    assert!(languages().count() >= 70);
    let french = keywords("fr").expect("French");
    assert!(french.given.contains(&"Soit ".to_string()));
    assert_eq!(keywords("en").map(|k| k.native.as_str()), Some("English"));
    assert!(keywords("klingon-ish").is_none());
}
