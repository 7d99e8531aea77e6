//! The bug list: only the filters that are set become conditions (`db::Sql`), newest first, a
//! page at a time by keyset (`number < after`), never by offset.
use super::{SummaryRow, SUMMARY};
use crate::{
    bind_args,
    bugs::model::{lifecycle, BugFilter, BugPage, BugSummary},
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    users::model::UserId,
    wire::{HumanKey, Numbered},
};

/// The filter's assignee: a member, nobody, or any.
enum Assignee {
    Any,
    Nobody,
    Member(i64),
}

fn assignee(f: &BugFilter, me: UserId) -> Assignee {
    match f.assignee.trim() {
        "" => Assignee::Any,
        "me" => Assignee::Member(me.0),
        "none" => Assignee::Nobody,
        // Not a member's id: matches nobody's bugs rather than everyone's.
        v => Assignee::Member(v.parse().unwrap_or(0)),
    }
}

/// The number in a story, run or case filter (`HumanKey::number_as`); a value that is no number
/// of that kind matches nothing.
fn number(v: &str, kind: Numbered) -> Option<i64> {
    (!v.trim().is_empty()).then(|| HumanKey::number_as(v, kind).unwrap_or(0))
}

/// One page of `project`'s bugs matching `f`, as seen by `me` (for `assignee = me`).
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &BugFilter,
    me: UserId,
) -> Result<BugPage, sqlx::Error> {
    let mut q = Sql::new(SUMMARY);
    q.push(" WHERE b.organization_id = ? AND b.project_id = ?", [org.0.into(), project.0.into()]);
    if let Some(s) = f.status {
        q.and("b.status = ?", [s.as_str().into()]);
    }
    if let Some(s) = f.severity {
        q.and("b.severity = ?", [s.as_str().into()]);
    }
    if let Some(p) = f.priority {
        q.and("b.priority = ?", [p.as_str().into()]);
    }
    match assignee(f, me) {
        Assignee::Any => {}
        Assignee::Nobody => {
            q.and("b.assignee_id IS NULL", []);
        }
        Assignee::Member(id) => {
            q.and("b.assignee_id = ?", [id.into()]);
        }
    }
    if let Some(n) = number(&f.story, Numbered::Story) {
        q.and(
            "b.story_id = (SELECT id FROM stories WHERE organization_id = ? AND project_id = ? AND number = ?)",
            [org.0.into(), project.0.into(), n.into()],
        );
    }
    if let Some(n) = number(&f.run, Numbered::Run) {
        q.and(
            "b.run_id = (SELECT id FROM test_runs WHERE organization_id = ? AND project_id = ? AND number = ?)",
            [org.0.into(), project.0.into(), n.into()],
        );
    }
    if let Some(n) = number(&f.case, Numbered::Case) {
        q.and(
            "b.case_id = (SELECT id FROM test_cases WHERE organization_id = ? AND project_id = ? AND number = ?)",
            [org.0.into(), project.0.into(), n.into()],
        );
    }
    if f.open {
        q.and("b.status NOT IN (?, ?, ?, ?)", lifecycle::SETTLED.map(|s| s.as_str().into()));
    }
    let text = f.text.trim().to_lowercase().replace(['%', '_'], "");
    if !text.is_empty() {
        let like = format!("%{text}%");
        q.and("(LOWER(b.title) LIKE ? OR LOWER(b.description_md) LIKE ?)", [like.clone().into(), like.into()]);
    }
    if let Some(after) = f.after {
        q.and("b.number < ?", [after.into()]);
    }
    let limit = f.page_size();
    // One more than the page: whether there is a next page, without counting.
    q.push(" ORDER BY b.number DESC LIMIT ?", [(limit + 1).into()]);
    let rows: Vec<SummaryRow> = db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)?;
    let mut bugs: Vec<BugSummary> = rows.into_iter().map(BugSummary::from).collect();
    let next = if bugs.len() as i64 > limit {
        bugs.truncate(limit as usize);
        bugs.last().map(|b| b.number)
    } else {
        None
    };
    Ok(BugPage { bugs, next })
}
