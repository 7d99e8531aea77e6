//! SQL of coverage: one ordered read of stories × criteria × covering cases, bounded.
use super::model::MAX_ROWS;
use crate::{db::AsConn, db_run, orgs::model::OrgId, projects::model::ProjectId, stories::model::CriterionId};

#[derive(Debug, sqlx::FromRow)]
pub struct Row {
    pub story_number: i64,
    pub story_title: String,
    pub criterion_id: CriterionId,
    pub criterion_text: String,
    pub case_number: Option<i64>,
}

/// Every criterion of the project's stories with each case that covers it (a row without a
/// case for an uncovered one), in story, criterion and case order; at most `MAX_ROWS + 1`.
pub async fn rows(c: &mut impl AsConn, org: OrgId, project: ProjectId) -> Result<Vec<Row>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT s.number AS story_number, s.title AS story_title, a.id AS criterion_id, a.text AS criterion_text, \
         t.number AS case_number \
         FROM stories s JOIN acceptance_criteria a ON a.story_id = s.id \
         LEFT JOIN test_case_criteria x ON x.criterion_id = a.id \
         LEFT JOIN test_cases t ON t.id = x.test_case_id AND t.organization_id = s.organization_id AND t.project_id = s.project_id \
         WHERE s.organization_id = $1 AND s.project_id = $2 \
         ORDER BY s.number, a.position, a.id, t.number LIMIT $3",
    ).bind(org.0).bind(project.0).bind(MAX_ROWS + 1).fetch_all(conn).await)
}
