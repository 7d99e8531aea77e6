//! Per-project numbers (`KEY-US-12`, `KEY-TC-7`, `KEY-RUN-3`, `KEY-BUG-5`): one counter column per kind
//! on the project's row, advanced in the caller's transaction by an `UPDATE … RETURNING`, so two
//! writers never get the same number and a rolled-back insert gives its numbers back. Never
//! `count + 1`.
use super::model::ProjectId;
use crate::{db::AsConn, db_run, wire::Numbered};

/// The column holding the next number of `kind` (a fixed name, never from input).
fn column(kind: Numbered) -> &'static str {
    match kind {
        Numbered::Story => "next_story_number",
        Numbered::Case => "next_case_number",
        Numbered::Run => "next_run_number",
        Numbered::Bug => "next_bug_number",
    }
}

/// Takes `n` consecutive numbers of `kind` in `project`; returns the first.
pub async fn reserve(c: &mut impl AsConn, project: ProjectId, kind: Numbered, n: i64) -> Result<i64, sqlx::Error> {
    let col = column(kind);
    let sql = format!("UPDATE projects SET {col} = {col} + $2 WHERE id = $1 RETURNING {col} - $2");
    db_run!(c, conn => sqlx::query_scalar(&sql).bind(project.0).bind(n).fetch_one(conn).await)
}

/// Takes the next number of `kind` in `project`.
pub async fn next(c: &mut impl AsConn, project: ProjectId, kind: Numbered) -> Result<i64, sqlx::Error> {
    reserve(c, project, kind, 1).await
}
