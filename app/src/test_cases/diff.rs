//! The difference between two revisions of a case: changed fields and a line diff of the Gherkin.
use super::model::{DiffLine, FieldChange, LineChange, RevisionDiff, ValidCase};

/// A field's value as the history shows it.
fn show(case: &ValidCase, field: &str) -> String {
    match field {
        "title" => case.title.clone(),
        "description" => case.description.clone(),
        "preconditions" => case.preconditions.clone(),
        "story" => match case.story {
            Some(n) if case.criteria.is_empty() => format!("story {n}"),
            Some(n) => format!("story {n}, {} criteria", case.criteria.len()),
            None => "none".to_owned(),
        },
        "type" => case.kind.label().to_owned(),
        "priority" => case.priority.label().to_owned(),
        "status" => case.status.label().to_owned(),
        "tags" => case.tags.join(", "),
        "estimate" => case.estimated_minutes.map(|m| format!("{m} min")).unwrap_or_default(),
        "automated" => if case.automated { "yes" } else { "no" }.to_owned(),
        _ => String::new(),
    }
}

/// What changed from revision `from` (fields `a`) to revision `to` (fields `b`).
pub fn diff(from: i64, a: &ValidCase, to: i64, b: &ValidCase) -> RevisionDiff {
    let fields = b
        .changed_fields(a)
        .into_iter()
        .filter(|f| *f != "gherkin")
        .map(|f| FieldChange { field: f.to_owned(), before: show(a, f), after: show(b, f) })
        .collect();
    let lines = similar::TextDiff::from_lines(&a.gherkin, &b.gherkin)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                similar::ChangeTag::Equal => LineChange::Same,
                similar::ChangeTag::Insert => LineChange::Added,
                similar::ChangeTag::Delete => LineChange::Removed,
            },
            text: c.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect();
    RevisionDiff { from, to, fields, gherkin: lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_step_shows_as_a_removed_and_an_added_line() {
        let a = ValidCase {
            title: "A".into(),
            gherkin: "Feature: f\n  Scenario: s\n    Given x\n".into(),
            ..Default::default()
        };
        let mut b = a.clone();
        b.gherkin = "Feature: f\n  Scenario: s\n    Given y\n".into();
        b.title = "B".into();
        let d = diff(1, &a, 2, &b);
        assert_eq!(d.fields, vec![FieldChange { field: "title".into(), before: "A".into(), after: "B".into() }]);
        let changes: Vec<(LineChange, &str)> = d.gherkin.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            changes,
            vec![
                (LineChange::Same, "Feature: f"),
                (LineChange::Same, "  Scenario: s"),
                (LineChange::Removed, "    Given x"),
                (LineChange::Added, "    Given y"),
            ]
        );
    }
}
