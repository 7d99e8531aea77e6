//! Plain-language explanations of parse errors, for people writing Gherkin.
//!
//! The parser words its errors as Cucumber's reference does (`expected: #EOF, #TableRow, …, got
//! 'Whne I pay'`), which the conformance tests rely on and tools can match; [`explain`] words the same
//! [`ErrorKind`] as a sentence that says what to write instead, with the nearest keyword when the line
//! is a typo of one.

use super::{languages::keywords, ErrorKind, GherkinError, Keywords};

/// A sentence that explains `error` in a document written in `language` (a dialect code).
pub fn explain(error: &GherkinError, language: &str) -> String {
    let dialect = keywords(language).or_else(|| keywords("en"));
    match &error.kind {
        ErrorKind::EarlyEnd { expected } => {
            format!("The file ends too early: {} should follow.", expected_phrase(expected, dialect))
        }
        ErrorKind::Unexpected { expected, got } => {
            if let Some(hint) = dialect.and_then(|d| keyword_hint(got, d)) {
                hint
            } else if expected.iter().any(|name| name == "#StepLine") {
                format!("“{}” is not a step: {}.", shorten(got), step_rule(dialect))
            } else {
                format!("Expected {} here, not “{}”.", expected_phrase(expected, dialect), shorten(got))
            }
        }
        ErrorKind::CellCount => "This row has a different number of cells than the first row of its table.".to_owned(),
        ErrorKind::TagWhitespace => {
            "A tag cannot contain spaces: start each tag with @, as in @smoke @sign-in.".to_owned()
        }
        ErrorKind::UnknownLanguage(code) => {
            format!("Gherkin has no language “{code}”. Use a code such as en, es, fr or de.")
        }
    }
}

/// The first line of `source` that starts like a misspelt keyword with its colon ("Scenaro: ok"),
/// with its number and advice. Such a line is no error: it reads as description, which is why a
/// document can be valid and still have nothing to run.
pub fn misspelt_heading(source: &str, language: &str) -> Option<(u32, String)> {
    let dialect = keywords(language).or_else(|| keywords("en"))?;
    let structural: Vec<&str> = dialect.structural().map(|k| k.trim()).collect();
    source.lines().zip(1u32..).find_map(|(line, number)| {
        let (head, _) = line.split_once(':')?;
        nearest(head.trim(), &structural, ":")?.map(|hint| (number, hint))
    })
}

/// The keyword a line starting with `got` was probably meant to start with, as advice; `None` when
/// the line starts with a real keyword (only not allowed where it is) or with nothing like one.
fn keyword_hint(got: &str, dialect: &Keywords) -> Option<String> {
    let structural: Vec<&str> = dialect.structural().map(|k| k.trim()).collect();
    let steps: Vec<&str> = dialect.steps().map(|k| k.trim()).filter(|k| *k != "*").collect();
    // "Scenaro: card": what comes before the colon, against the keywords that take one.
    if let Some((head, _)) = got.split_once(':') {
        if let Some(hint) = nearest(head.trim(), &structural, ":") {
            return hint;
        }
    }
    // "Whne I pay": the first word, against the step keywords.
    let first = got.split_whitespace().next().unwrap_or("");
    if let Some(hint) = nearest(first, &steps, "") {
        return hint;
    }
    // "Scenario card": a keyword that takes a colon, without it; the longest, so "Scenario Outline x"
    // is about "Scenario Outline".
    let colonless = structural
        .iter()
        .filter(|k| got.strip_prefix(**k).is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace)))
        .max_by_key(|k| k.len());
    colonless.map(|keyword| format!("Put a colon after “{keyword}”, as in “{keyword}: …”."))
}

/// Advice when `typed` is a slip of one of `keywords` (written with `suffix`): `Some(None)` when it
/// is one of them exactly, `None` when it is near none.
fn nearest(typed: &str, keywords: &[&str], suffix: &str) -> Option<Option<String>> {
    if typed.is_empty() {
        return None;
    }
    if keywords.contains(&typed) {
        return Some(None);
    }
    let lower = typed.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for keyword in keywords {
        let distance = edit_distance(&lower, &keyword.to_lowercase());
        // Short keywords ("Y", "E") only for a difference of case; longer ones for one or two slips.
        let allowed = match keyword.chars().count() {
            0..=2 => 0,
            3..=5 => 1,
            _ => 2,
        };
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, keyword));
        }
    }
    let (distance, keyword) = best?;
    Some(Some(if distance == 0 {
        format!("Keywords are case-sensitive: write “{keyword}{suffix}”, not “{typed}{suffix}”.")
    } else {
        format!("“{typed}” is not a keyword. Did you mean “{keyword}{suffix}”?")
    }))
}

/// The first keyword of a list that is not `*`, trimmed.
fn first_keyword<'a>(list: Option<&'a Vec<String>>, fallback: &'a str) -> &'a str {
    list.and_then(|l| l.iter().map(|k| k.trim()).find(|k| *k != "*")).unwrap_or(fallback)
}

/// "steps start with Given, When, Then, And or But", in the document's language.
fn step_rule(dialect: Option<&Keywords>) -> String {
    let each = |pick: fn(&Keywords) -> &Vec<String>, fallback: &'static str| first_keyword(dialect.map(pick), fallback);
    format!(
        "steps start with {}, {}, {}, {} or {}",
        each(|d| &d.given, "Given"),
        each(|d| &d.when, "When"),
        each(|d| &d.then, "Then"),
        each(|d| &d.and, "And"),
        each(|d| &d.but, "But"),
    )
}

/// What the reference's token names (`#StepLine, #TableRow`) stand for, as a list in words.
fn expected_phrase(names: &[String], dialect: Option<&Keywords>) -> String {
    let keyword = |pick: fn(&Keywords) -> &Vec<String>, fallback: &'static str| {
        format!("“{}:”", first_keyword(dialect.map(pick), fallback))
    };
    let mut phrases: Vec<String> = Vec::new();
    for name in names {
        let phrase = match name.as_str() {
            "#EOF" => "the end of the file".to_owned(),
            "#Language" => "a “# language:” line".to_owned(),
            "#TagLine" => "tags (@…)".to_owned(),
            "#FeatureLine" => keyword(|d| &d.feature, "Feature"),
            "#RuleLine" => keyword(|d| &d.rule, "Rule"),
            "#BackgroundLine" => keyword(|d| &d.background, "Background"),
            // Dialects list "Example" before "Scenario"; the last is the familiar one.
            "#ScenarioLine" => {
                format!("“{}:”", dialect.and_then(|d| d.scenario.last()).map_or("Scenario", |k| k.trim()))
            }
            "#ExamplesLine" => keyword(|d| &d.examples, "Examples"),
            "#StepLine" => "a step".to_owned(),
            "#DocStringSeparator" => "a doc string (\"\"\")".to_owned(),
            "#TableRow" => "a table row (| … |)".to_owned(),
            _ => continue, // comments, blank lines and free text fit anywhere they are allowed
        };
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    match phrases.len() {
        0 => "something else".to_owned(),
        1 => phrases.remove(0),
        n => format!("{} or {}", phrases[..n - 1].join(", "), phrases[n - 1]),
    }
}

/// At most 40 characters of a line, for quoting it back.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(39).collect::<String>())
    }
}

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn first_explained(source: &str) -> String {
        let parsed = parse(source);
        let error = parsed.errors.first().unwrap_or_else(|| panic!("no error in {source:?}"));
        explain(error, &parsed.language)
    }

    #[test]
    fn a_misspelt_step_keyword_gets_the_nearest_keyword() {
        let source = "Feature: Pay\n\n  Scenario: card\n    Given a cart\n    Whne I pay\n";
        assert_eq!(first_explained(source), "“Whne” is not a keyword. Did you mean “When”?");
        assert_eq!(first_explained(&source.replace("Whne", "Thn")), "“Thn” is not a keyword. Did you mean “Then”?");
    }

    #[test]
    fn a_keyword_in_the_wrong_case_or_without_its_colon_is_named() {
        let lower = "Feature: Pay\n\n  Scenario: card\n    Given a cart\n    and a coupon\n";
        assert_eq!(first_explained(lower), "Keywords are case-sensitive: write “And”, not “and”.");
        let colon = "Feature: Pay\n\n  Scenario: card\n    Given a cart\n\n  Scenario cash\n    Given a cart\n";
        assert_eq!(first_explained(colon), "Put a colon after “Scenario”, as in “Scenario: …”.");
        let outline = "Feature: Pay\n\n  Scenario: card\n    Given a cart\n\n  Scenario Outlin: cash\n";
        assert_eq!(first_explained(outline), "“Scenario Outlin” is not a keyword. Did you mean “Scenario Outline:”?");
    }

    #[test]
    fn spanish_documents_get_spanish_keywords() {
        let source =
            "# language: es\nCaracterística: Pago\n\n  Escenario: tarjeta\n    Dado un carrito\n    Cuadno pago\n";
        assert_eq!(first_explained(source), "“Cuadno” is not a keyword. Did you mean “Cuando”?");
        let prose = source.replace("Cuadno pago", "pago con tarjeta");
        assert_eq!(
            first_explained(&prose),
            "“pago con tarjeta” is not a step: steps start with Dado, Cuando, Entonces, Y or Pero."
        );
    }

    #[test]
    fn a_line_that_is_no_step_gets_the_step_keywords() {
        let prose = "Feature: Pay\n\n  Scenario: card\n    Given a cart\n    I pay with a card that has a very long description\n";
        assert_eq!(
            first_explained(prose),
            "“I pay with a card that has a very long …” is not a step: steps start with Given, When, Then, And or But."
        );
    }

    #[test]
    fn other_errors_say_what_may_come_next_in_words() {
        assert_eq!(
            first_explained("Hello\n"),
            "Expected the end of the file, a “# language:” line, tags (@…) or “Feature:” here, not “Hello”."
        );
        assert_eq!(first_explained("@wip\n"), "The file ends too early: tags (@…) or “Feature:” should follow.");
        // A real keyword in the wrong place is not taken for a slip of a neighbour ("When" / "Then").
        assert_eq!(first_explained("@wip\nWhen I pay\n"), "Expected tags (@…) or “Feature:” here, not “When I pay”.");
        assert_eq!(first_explained("Featur: Pay\n"), "“Featur” is not a keyword. Did you mean “Feature:”?");
    }

    #[test]
    fn table_tag_and_language_errors_are_reworded() {
        let table = "Feature: Pay\n\n  Scenario: card\n    Given these\n      | a | b |\n      | 1 |\n";
        assert_eq!(first_explained(table), "This row has a different number of cells than the first row of its table.");
        let tag = "@smoke test\nFeature: Pay\n";
        assert_eq!(first_explained(tag), "A tag cannot contain spaces: start each tag with @, as in @smoke @sign-in.");
        let language = "# language: xx\nFeature: Pay\n";
        assert_eq!(first_explained(language), "Gherkin has no language “xx”. Use a code such as en, es, fr or de.");
    }

    #[test]
    fn a_misspelt_heading_read_as_description_is_found() {
        let source = "Feature: Pay\n  Paying by card.\n  Scenaro: card\n    Given a cart\n";
        assert!(parse(source).is_valid());
        let found = misspelt_heading(source, "en");
        assert_eq!(found, Some((3, "“Scenaro” is not a keyword. Did you mean “Scenario:”?".to_owned())));
        assert_eq!(misspelt_heading("Feature: Pay\n  Note: cards only\n", "en"), None);
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance("whne", "when"), 1);
        assert_eq!(edit_distance("given", "given"), 0);
        assert_eq!(edit_distance("gvn", "given"), 2);
        assert_eq!(edit_distance("", "and"), 3);
    }
}
