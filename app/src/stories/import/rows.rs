//! One import row to a story draft, or the reasons it cannot be imported.
use super::{criteria, headers::Field};
use crate::stories::model::{Priority, RowProblem, StoryDraft, StoryStatus};

/// The longest text a cell may hold.
pub const MAX_CELL_CHARS: usize = 10_000;
pub const MAX_TITLE_CHARS: usize = 300;

/// Reads `row` through `mapping` (one entry per column). `headers` name the columns in problems.
pub fn to_draft(
    line: usize,
    row: &[String],
    mapping: &[Option<Field>],
    headers: &[String],
) -> Result<StoryDraft, Vec<RowProblem>> {
    let mut draft = StoryDraft::default();
    let mut problems = vec![];
    for (i, field) in mapping.iter().enumerate() {
        let (Some(field), Some(raw)) = (field, row.get(i)) else { continue };
        let value = raw.trim();
        let column = headers.get(i).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| format!("column {}", i + 1));
        let mut problem = |reason: String| problems.push(RowProblem { line, column: column.clone(), reason });
        if value.chars().count() > MAX_CELL_CHARS {
            problem(format!("Too long: at most {MAX_CELL_CHARS} characters."));
            continue;
        }
        let optional = (!value.is_empty()).then(|| value.to_owned());
        match field {
            Field::ExternalId if value.chars().count() > 100 => problem("IDs can be at most 100 characters.".into()),
            Field::ExternalId => draft.external_id = optional,
            Field::Title if value.is_empty() => problem("A title is required.".into()),
            Field::Title if value.chars().count() > MAX_TITLE_CHARS => {
                problem(format!("Titles can be at most {MAX_TITLE_CHARS} characters."))
            }
            Field::Title => draft.title = value.to_owned(),
            Field::Description => draft.description = value.to_owned(),
            Field::AcceptanceCriteria => draft.criteria = criteria::split(value),
            Field::Priority => match Priority::from_text(value) {
                Some(p) => draft.priority = p,
                None => problem(format!("Priority must be critical, high, medium or low (found “{value}”).")),
            },
            Field::Status => match StoryStatus::from_text(value) {
                Some(s) => draft.status = s,
                None => problem(format!(
                    "Status must be backlog, to do, in progress, in review, testing or done (found “{value}”)."
                )),
            },
            Field::Epic => draft.epic = optional,
            Field::Sprint => draft.sprint = optional,
            Field::StoryPoints => match parse_points(value) {
                Ok(p) => draft.story_points = p,
                Err(()) => problem(format!("Story points must be a whole number from 0 to 1000 (found “{value}”).")),
            },
            Field::Assignee => draft.assignee = optional,
        }
    }
    if !mapping.contains(&Some(Field::Title)) {
        problems.push(RowProblem { line, column: "Title".into(), reason: "No column is mapped to Title.".into() });
    } else if draft.title.is_empty()
        && !problems.iter().any(|p| p.reason.contains("title") || p.reason.contains("Title"))
    {
        problems.push(RowProblem { line, column: "Title".into(), reason: "A title is required.".into() });
    }
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(problems)
    }
}

fn parse_points(value: &str) -> Result<Option<i32>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    let n: f64 = value.replace(',', ".").parse().map_err(|_| ())?;
    if n.fract() != 0.0 || !(0.0..=1000.0).contains(&n) {
        return Err(());
    }
    Ok(Some(n as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn a_good_row_becomes_a_draft() {
        let headers = s(&["Key", "Summary", "Prioridad", "Story Points", "Criterios de aceptación", "Asignado a"]);
        let mapping = super::super::headers::detect_mapping(&headers);
        let row = s(&["SHOP-1", "Checkout", "Alta", "5.0", "1. Pays\n2. Gets receipt", "ana@acme.test"]);
        let d = to_draft(2, &row, &mapping, &headers).unwrap();
        assert_eq!(d.external_id.as_deref(), Some("SHOP-1"));
        assert_eq!((d.title.as_str(), d.priority, d.story_points), ("Checkout", Priority::High, Some(5)));
        assert_eq!(d.criteria, ["Pays", "Gets receipt"]);
        assert_eq!(d.assignee.as_deref(), Some("ana@acme.test"));
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_column() {
        let headers = s(&["Title", "Priority", "Story Points", "Status"]);
        let mapping = super::super::headers::detect_mapping(&headers);
        let problems = to_draft(7, &s(&["", "soonish", "2.5", "limbo"]), &mapping, &headers).unwrap_err();
        let cols: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(cols, ["Title", "Priority", "Story Points", "Status"]);
        assert!(problems.iter().all(|p| p.line == 7));
    }

    #[test]
    fn a_huge_cell_is_a_problem_not_a_crash() {
        let headers = s(&["Title", "Description"]);
        let mapping = super::super::headers::detect_mapping(&headers);
        let huge = "x".repeat(10 * 1024 * 1024);
        let problems = to_draft(2, &[String::from("T"), huge], &mapping, &headers).unwrap_err();
        assert_eq!(problems[0].column, "Description");
    }

    #[test]
    fn without_a_title_column_every_row_says_so() {
        let headers = s(&["Notes"]);
        let problems = to_draft(2, &s(&["x"]), &[None], &headers).unwrap_err();
        assert_eq!(problems[0].reason, "No column is mapped to Title.");
    }
}
