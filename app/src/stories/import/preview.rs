//! What an import will do, before it does it: each row read, the assignee names nobody knows
//! (with their mapping), the first rows and every problem.
use super::{
    apply::{Assignees, Who},
    headers::Field,
    read::Table,
    rows::{to_draft, ReadRow},
};
use crate::stories::import::model::{
    ImportColumn, ImportPreview, PreviewRow, ProblemLevel, RowProblem, StoryDraft, UnknownAssignee,
};

const SAMPLE_ROWS: usize = 20;
/// The most errors listed, and the most warnings.
const MAX_LISTED_PROBLEMS: usize = 200;

/// Every row of `table` read through `mapping`, with the warning of an assignee nobody knows.
pub fn rows(table: &Table, mapping: &[Option<Field>], assignees: &Assignees) -> Vec<(usize, ReadRow)> {
    let column = mapping.iter().position(|f| *f == Some(Field::Assignee));
    let header = column.and_then(|i| table.headers.get(i)).filter(|h| !h.is_empty()).cloned();
    let header = header.unwrap_or_else(|| Field::Assignee.label().to_owned());
    table
        .rows
        .iter()
        .map(|(line, row)| {
            let mut read = to_draft(*line, row, mapping, &table.headers);
            if let Some(who) = read.draft.as_ref().and_then(|d| d.assignee.as_deref()) {
                if assignees.resolve(who) == Who::Unknown {
                    read.problems.push(RowProblem {
                        line: *line,
                        column: header.clone(),
                        reason: format!(
                            "No active member of the organization is “{who}”: choose who it is under “People not in the organization”, or the story is imported unassigned."
                        ),
                        level: ProblemLevel::Warning,
                    });
                }
            }
            (*line, read)
        })
        .collect()
}

/// The assignee names of importable rows that are no member: unknown ones and remembered ones,
/// each once (as first written), with how many rows name it.
fn unknown_assignees<'a>(drafts: impl Iterator<Item = &'a StoryDraft>, assignees: &Assignees) -> Vec<UnknownAssignee> {
    let mut out: Vec<(String, UnknownAssignee)> = vec![];
    for who in drafts.filter_map(|d| d.assignee.as_deref()) {
        let (user_id, remembered) = match assignees.resolve(who) {
            Who::Member(_) => continue,
            Who::Remembered(id) => (id, true),
            Who::Unknown => (None, false),
        };
        let key = super::repo::aliases::key(who);
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, a)) => a.rows += 1,
            None => out.push((key, UnknownAssignee { name: who.trim().to_owned(), rows: 1, user_id, remembered })),
        }
    }
    out.into_iter().map(|(_, a)| a).collect()
}

/// The keys of the names `unknown_assignees` lists for `table`, the ones a choice may map.
pub fn mappable(rows: &[(usize, ReadRow)], assignees: &Assignees) -> Vec<String> {
    unknown_assignees(rows.iter().filter_map(|(_, r)| r.draft.as_ref()), assignees)
        .into_iter()
        .map(|a| super::repo::aliases::key(&a.name))
        .collect()
}

pub fn build(
    id: i64,
    file_name: String,
    table: &Table,
    mapping: &[Option<Field>],
    assignees: Assignees,
) -> ImportPreview {
    let all = rows(table, mapping, &assignees);
    let valid_rows = all.iter().filter(|(_, r)| r.draft.is_some()).count();
    let warning_rows = all.iter().filter(|(_, r)| r.draft.is_some() && !r.problems.is_empty()).count();
    let listed = |level: ProblemLevel| {
        all.iter().flat_map(|(_, r)| &r.problems).filter(move |p| p.level == level).take(MAX_LISTED_PROBLEMS).cloned()
    };
    let problems: Vec<RowProblem> = listed(ProblemLevel::Error).chain(listed(ProblemLevel::Warning)).collect();
    let unknown = unknown_assignees(all.iter().filter_map(|(_, r)| r.draft.as_ref()), &assignees);
    let rows = all
        .into_iter()
        .zip(&table.rows)
        .take(SAMPLE_ROWS)
        .map(|((line, r), (_, raw))| {
            let cells = raw.iter().map(|c| c.chars().take(200).collect()).collect();
            PreviewRow { line, draft: r.draft, problems: r.problems, cells }
        })
        .collect();
    let columns = table
        .headers
        .iter()
        .zip(mapping)
        .map(|(h, f)| ImportColumn { header: h.clone(), field: f.map(|f| f.name().to_owned()).unwrap_or_default() })
        .collect();
    ImportPreview {
        id,
        file_name,
        columns,
        total_rows: table.rows.len(),
        valid_rows,
        warning_rows,
        rows,
        problems,
        assignees: unknown,
        members: assignees.members,
    }
}
