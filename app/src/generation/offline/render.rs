//! Writes scenarios out as one feature document in the request's dialect. Every text follows a
//! keyword or sits in a table cell (escaped), so no wording can start a line of its own.
use super::scenarios::{Examples, Keyword, Scenario};
use crate::generation::model::Lang;

/// The keywords of one dialect; step keywords end with their space.
struct Words {
    feature: &'static str,
    scenario: &'static str,
    outline: &'static str,
    examples: &'static str,
    given: &'static str,
    when: &'static str,
    then: &'static str,
    and: &'static str,
}

const EN: Words = Words {
    feature: "Feature",
    scenario: "Scenario",
    outline: "Scenario Outline",
    examples: "Examples",
    given: "Given ",
    when: "When ",
    then: "Then ",
    and: "And ",
};

const ES: Words = Words {
    feature: "Característica",
    scenario: "Escenario",
    outline: "Esquema del escenario",
    examples: "Ejemplos",
    given: "Dado ",
    when: "Cuando ",
    then: "Entonces ",
    and: "Y ",
};

impl Words {
    fn step(&self, keyword: Keyword) -> &'static str {
        match keyword {
            Keyword::Given => self.given,
            Keyword::When => self.when,
            Keyword::Then => self.then,
            Keyword::And => self.and,
        }
    }
}

/// The whole document: the `# language:` header (for other dialects than English), the
/// feature line, then each scenario after a blank line.
pub(super) fn document(lang: Lang, feature: &str, scenarios: &[Scenario]) -> String {
    let words = match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    };
    let mut out = String::new();
    if lang != Lang::En {
        out.push_str(&format!("# language: {}\n", lang.dialect()));
    }
    out.push_str(&format!("{}: {feature}\n", words.feature));
    for scenario in scenarios {
        let heading = if scenario.examples.is_some() { words.outline } else { words.scenario };
        out.push_str(&format!("\n  {heading}: {}\n", scenario.name));
        for (keyword, text) in &scenario.steps {
            out.push_str(&format!("    {}{text}\n", words.step(*keyword)));
        }
        if let Some(examples) = &scenario.examples {
            out.push_str(&format!("\n    {}:\n", words.examples));
            table(&mut out, examples);
        }
    }
    out
}

/// The examples table, columns padded to line up.
fn table(out: &mut String, examples: &Examples) {
    let rows: Vec<Vec<String>> = std::iter::once(&examples.header)
        .chain(&examples.rows)
        .map(|row| row.iter().map(|c| cell(c.as_str())).collect())
        .collect();
    let widths: Vec<usize> = (0..examples.header.len())
        .map(|i| rows.iter().map(|row| row.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0))
        .collect();
    for row in &rows {
        out.push_str("      |");
        for (i, c) in row.iter().enumerate() {
            let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(c.chars().count());
            out.push(' ');
            out.push_str(c);
            out.push_str(&" ".repeat(pad));
            out.push_str(" |");
        }
        out.push('\n');
    }
}

/// A table cell's text with `\` and `|` escaped.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}
