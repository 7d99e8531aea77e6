//! One import row to a story draft and what is wrong with it. Only what makes a row unreadable
//! rejects it: no title (or one too long to be a title), an ID too long to be one. Any other
//! bad value is a warning and its field keeps its default; the story is still imported.
use super::{criteria, headers::Field};
use crate::{
    csv_cells::FORMULA_STARTS,
    stories::{
        import::model::{ProblemLevel, RowProblem, StoryDraft},
        model::{Priority, StoryStatus},
    },
};

/// The longest text a cell may hold.
pub const MAX_CELL_CHARS: usize = 10_000;
pub const MAX_TITLE_CHARS: usize = 300;
/// The longest ID, epic or sprint.
pub const MAX_NAME_CHARS: usize = 100;

const ERROR: ProblemLevel = ProblemLevel::Error;
const WARNING: ProblemLevel = ProblemLevel::Warning;

/// A row read: the draft if the row can be imported, and its problems (errors and warnings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRow {
    pub draft: Option<StoryDraft>,
    pub problems: Vec<RowProblem>,
}

/// A cell as written: a cell that a CSV export defused (`'=…`, see `csv_cells::defuse`)
/// comes back without the apostrophe, so a fixed rejects file imports what was typed.
fn undefuse(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

/// Reads `row` through `mapping` (one entry per column). `headers` name the columns in problems.
pub fn to_draft(line: usize, row: &[String], mapping: &[Option<Field>], headers: &[String]) -> ReadRow {
    let mut draft = StoryDraft::default();
    let mut problems = vec![];
    for (i, field) in mapping.iter().enumerate() {
        let (Some(field), Some(raw)) = (field, row.get(i)) else { continue };
        let value = undefuse(raw.trim()).trim();
        let column = headers.get(i).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| format!("column {}", i + 1));
        let mut report = |level: ProblemLevel, reason: String| {
            problems.push(RowProblem { line, column: column.clone(), reason, level })
        };
        let identity = matches!(field, Field::Title | Field::ExternalId);
        let chars = value.chars().count();
        if chars > MAX_CELL_CHARS && !identity {
            report(WARNING, format!("Too long: at most {MAX_CELL_CHARS} characters; left empty."));
            continue;
        }
        let optional = (!value.is_empty()).then(|| value.to_owned());
        match field {
            Field::ExternalId if chars > MAX_NAME_CHARS => {
                report(ERROR, format!("IDs can be at most {MAX_NAME_CHARS} characters."))
            }
            Field::ExternalId => draft.external_id = optional,
            Field::Title if value.is_empty() => report(ERROR, "A title is required.".into()),
            Field::Title if chars > MAX_TITLE_CHARS => {
                report(ERROR, format!("Titles can be at most {MAX_TITLE_CHARS} characters."))
            }
            Field::Title => draft.title = value.to_owned(),
            Field::Description => draft.description = value.to_owned(),
            Field::AcceptanceCriteria => draft.criteria = criteria::split(value),
            Field::Priority => match Priority::from_text(value) {
                Some(p) => draft.priority = p,
                None => report(WARNING, format!("Priority must be critical, high, medium or low (found “{value}”); set to medium.")),
            },
            Field::Status => match StoryStatus::from_text(value) {
                Some(s) => draft.status = s,
                None => report(WARNING, format!(
                    "Status must be backlog, to do, in progress, in review, testing or done (found “{value}”); set to backlog."
                )),
            },
            Field::Epic | Field::Sprint if chars > MAX_NAME_CHARS => {
                report(WARNING, format!("At most {MAX_NAME_CHARS} characters; left empty."))
            }
            Field::Epic => draft.epic = optional,
            Field::Sprint => draft.sprint = optional,
            Field::StoryPoints => match parse_points(value) {
                Ok(p) => draft.story_points = p,
                Err(()) => report(WARNING, format!(
                    "Story points must be a whole number from 0 to 1000 (found “{value}”); left empty."
                )),
            },
            Field::Assignee => draft.assignee = optional,
        }
    }
    let error =
        |reason: &str| RowProblem { line, column: "Title".into(), reason: reason.into(), level: ProblemLevel::Error };
    if !mapping.contains(&Some(Field::Title)) {
        problems.push(error("No column is mapped to Title."));
    } else if draft.title.is_empty() && !problems.iter().any(|p| p.level == ProblemLevel::Error) {
        problems.push(error("A title is required."));
    }
    let rejected = problems.iter().any(|p| p.level == ProblemLevel::Error);
    ReadRow { draft: (!rejected).then_some(draft), problems }
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

    fn read(headers: &[&str], row: &[&str]) -> ReadRow {
        let headers = s(headers);
        let mapping = super::super::headers::detect_mapping(&headers);
        to_draft(7, &s(row), &mapping, &headers)
    }

    fn columns(r: &ReadRow, level: ProblemLevel) -> Vec<&str> {
        r.problems.iter().filter(|p| p.level == level).map(|p| p.column.as_str()).collect()
    }

    #[test]
    fn a_good_row_becomes_a_draft() {
        let r = read(
            &["Key", "Summary", "Prioridad", "Story Points", "Criterios de aceptación", "Asignado a"],
            &["SHOP-1", "Checkout", "Alta", "5.0", "1. Pays\n2. Gets receipt", "ana@acme.test"],
        );
        let d = r.draft.unwrap();
        assert_eq!(d.external_id.as_deref(), Some("SHOP-1"));
        assert_eq!((d.title.as_str(), d.priority, d.story_points), ("Checkout", Priority::High, Some(5)));
        assert_eq!(d.criteria, ["Pays", "Gets receipt"]);
        assert_eq!(d.assignee.as_deref(), Some("ana@acme.test"));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_column() {
        let r = read(&["Title", "Priority", "Story Points", "Status"], &["", "soonish", "2.5", "limbo"]);
        assert_eq!(columns(&r, ProblemLevel::Error), ["Title"]);
        assert_eq!(columns(&r, ProblemLevel::Warning), ["Priority", "Story Points", "Status"]);
        assert!(r.problems.iter().all(|p| p.line == 7));
        assert_eq!(r.draft, None, "without a title the row is rejected");
    }

    #[test]
    fn a_bad_optional_value_is_a_warning_and_keeps_the_default() {
        let long = "e".repeat(MAX_NAME_CHARS + 1);
        let r =
            read(&["Title", "Priority", "Story Points", "Status", "Epic"], &["Pay", "soonish", "2.5", "limbo", &long]);
        assert_eq!(columns(&r, ProblemLevel::Warning), ["Priority", "Story Points", "Status", "Epic"]);
        let d = r.draft.unwrap();
        assert_eq!(
            (d.priority, d.status, d.story_points, d.epic),
            (Priority::Medium, StoryStatus::Backlog, None, None)
        );
        assert!(r.problems[0].reason.ends_with("set to medium."), "{:?}", r.problems);
    }

    #[test]
    fn an_id_or_title_that_cannot_be_one_rejects_the_row() {
        let long_id = "X".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(columns(&read(&["ID", "Title"], &[&long_id, "Pay"]), ProblemLevel::Error), ["ID"]);
        let long_title = "T".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(read(&["Title"], &[&long_title]).draft, None);
    }

    #[test]
    fn a_huge_cell_is_a_warning_not_a_crash() {
        let huge = "x".repeat(10 * 1024 * 1024);
        let r = read(&["Title", "Description"], &["T", &huge]);
        assert_eq!(columns(&r, ProblemLevel::Warning), ["Description"]);
        assert_eq!(r.draft.unwrap().description, "");
    }

    #[test]
    fn without_a_title_column_every_row_says_so() {
        let headers = s(&["Notes"]);
        let r = to_draft(2, &s(&["x"]), &[None], &headers);
        assert_eq!(r.problems[0].reason, "No column is mapped to Title.");
        assert_eq!(r.draft, None);
    }

    #[test]
    fn a_defused_cell_reads_as_it_was_written() {
        let d = read(&["Title", "Description", "Epic"], &["'=SUM(1)", "'plain", "'-note"]).draft.unwrap();
        assert_eq!((d.title.as_str(), d.description.as_str(), d.epic.as_deref()), ("=SUM(1)", "'plain", Some("-note")));
    }
}
