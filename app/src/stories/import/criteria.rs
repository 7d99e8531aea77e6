//! Splitting one cell of acceptance criteria into separate criteria: numbered lines, bullets,
//! Given/When/Then blocks, or `;`-separated items.

const BULLETS: [char; 6] = ['-', '*', '•', '·', '–', '+'];

fn strip_marker(line: &str) -> (&str, bool) {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix(BULLETS) {
        return (rest.trim(), true);
    }
    // "1." "1)" "12 -" "AC1:" "AC-2." style numbering.
    let lower = t.to_ascii_lowercase();
    let skip = if lower.starts_with("ac") { 2 } else { 0 };
    let rest = &t[skip..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let after = rest[digits..].trim_start();
        if let Some(body) = after.strip_prefix(['.', ')', ':', '-']) {
            return (body.trim(), true);
        }
        if skip > 0 {
            return (after.trim(), true);
        }
    }
    (t, false)
}

fn gherkin_keyword(line: &str) -> Option<&'static str> {
    let first = line.split_whitespace().next()?.to_lowercase();
    let first = first.trim_end_matches(':');
    match first {
        "given" | "dado" | "dada" | "dados" | "dadas" => Some("given"),
        "when" | "cuando" => Some("when"),
        "then" | "entonces" => Some("then"),
        "and" | "but" | "y" | "pero" => Some("and"),
        _ => None,
    }
}

/// The criteria in `cell`, trimmed, without markers, empty ones dropped, in order.
pub fn split(cell: &str) -> Vec<String> {
    let lines: Vec<&str> = cell.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return vec![];
    }
    let gherkin = lines.iter().any(|l| gherkin_keyword(strip_marker(l).0) == Some("given"));
    if gherkin {
        // Each Given starts a criterion; When/Then/And lines belong to it.
        let mut out: Vec<String> = vec![];
        for line in &lines {
            let (text, _) = strip_marker(line);
            match (gherkin_keyword(text), out.last_mut()) {
                (Some("given"), _) | (_, None) => out.push(text.to_owned()),
                (_, Some(current)) => {
                    current.push('\n');
                    current.push_str(text);
                }
            }
        }
        return out;
    }
    if lines.len() == 1 {
        let (text, _) = strip_marker(lines[0]);
        return text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    }
    // Several lines: a line with a marker starts a criterion; an unmarked line continues the
    // previous one when the list uses markers, and is its own criterion otherwise.
    let marked = lines.iter().any(|l| strip_marker(l).1);
    let mut out: Vec<String> = vec![];
    for line in &lines {
        let (text, has_marker) = strip_marker(line);
        match out.last_mut() {
            Some(current) if marked && !has_marker => {
                current.push(' ');
                current.push_str(text);
            }
            _ => out.push(text.to_owned()),
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn numbered_lines_become_criteria() {
        assert_eq!(
            split("1. Shows the cart\n2) Totals include tax\n3 - Empty cart says so"),
            ["Shows the cart", "Totals include tax", "Empty cart says so"]
        );
    }

    #[test]
    fn bullets_become_criteria_and_wrapped_lines_stay_with_theirs() {
        assert_eq!(split("- First\n  continues here\n• Second\n* Third"), ["First continues here", "Second", "Third"]);
    }

    #[test]
    fn given_when_then_blocks_stay_together() {
        let cell = "Given a cart with 2 items\nWhen I remove one\nThen 1 item remains\nGiven an empty cart\nThen checkout is disabled";
        assert_eq!(
            split(cell),
            [
                "Given a cart with 2 items\nWhen I remove one\nThen 1 item remains",
                "Given an empty cart\nThen checkout is disabled"
            ]
        );
        assert_eq!(
            split("Dado un carrito\nCuando pago\nEntonces veo el recibo"),
            ["Dado un carrito\nCuando pago\nEntonces veo el recibo"]
        );
    }

    #[test]
    fn semicolons_split_a_single_line() {
        assert_eq!(split("Fast; accessible ;  ; secure"), ["Fast", "accessible", "secure"]);
    }

    #[test]
    fn ac_numbering_is_understood() {
        assert_eq!(split("AC1: Logs in\nAC-2. Logs out"), ["Logs in", "Logs out"]);
    }

    #[test]
    fn plain_lines_are_each_a_criterion_and_empty_cells_have_none() {
        assert_eq!(split("One\nTwo\n\nThree"), ["One", "Two", "Three"]);
        assert!(split("  \n ").is_empty());
    }
}
