//! `GET /api/v1/audit.csv`: the filtered audit log as CSV, for admins.
use super::model::AuditFilter;
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    error::AppError,
    rest::{download, require},
    state::AppState,
};
use axum::{
    extract::{Query, State},
    response::Response,
    Extension,
};

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
