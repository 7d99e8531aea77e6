//! Download handlers of the audit log: `GET /api/v1/audit.csv`, the filtered log as CSV, for admins.
use super::model::AuditFilter;
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    csv_cells::csv_field,
    error::AppError,
    rest::{download, require},
    state::AppState,
};
use axum::{
    extract::{Query, State},
    response::Response,
    Extension,
};

/// `GET /api/v1/audit.csv`.
pub async fn csv(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, AppError> {
    let user = require(auth, Permission::ViewAudit)?;
    let rows = super::service::export(&state.db, &user, &filter).await?;
    let mut out = String::from("time,action,actor,target,detail,ip,user_agent\n");
    for r in rows {
        let fields = [
            r.at.to_rfc3339(),
            r.action,
            r.actor.unwrap_or_default(),
            r.target.unwrap_or_default(),
            r.detail.unwrap_or_default(),
            r.ip.unwrap_or_default(),
            r.user_agent.unwrap_or_default(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    Ok(download("text/csv; charset=utf-8", "casebook-audit.csv", out.into_bytes()))
}
