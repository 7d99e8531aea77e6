//! Cells that leave Casebook for a spreadsheet (the audit export, an import's rejects): formula
//! defusing and CSV quoting, written once.

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text: one that would start a formula gets a leading `'`.
/// Every CSV Casebook writes from what people typed passes its cells through this.
pub fn defuse(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// One CSV field: quoted when needed, and defused when a spreadsheet would run it as a formula.
pub fn csv_field(value: &str) -> String {
    let value = defuse(value);
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
