//! Plain HTTP endpoints of imports: the rejects of an import as CSV, and the templates.
use super::{headers::Field, service};
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    csv_cells::defuse,
    error::AppError,
    rest::{download, require},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    response::Response,
    Extension,
};

fn member(auth: Option<Extension<RequestAuth>>) -> Result<crate::auth::principal::CurrentUser, AppError> {
    require(auth, Permission::ViewProjects)
}

/// `GET /api/v1/imports/{id}/rejects.csv`: the rows that were not imported, with their problems
/// and original cells, ready to fix and import again.
pub async fn rejects(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let user = member(auth)?;
    let csv = service::rejects(&state.db, &user, id).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("casebook-import-{id}-rejects.csv"),
        defused(&csv.unwrap_or_default())?,
    ))
}

/// The stored rejects with every cell defused (`csv_cells::defuse`), so a spreadsheet
/// opening the file runs none of the cells the upload carried. Done when serving, so files kept
/// before this rule are served safe too; a cell already defused is left as it is. Rows keep
/// their own lengths (rows of a file can be shorter than its header).
fn defused(stored: &str) -> Result<Vec<u8>, AppError> {
    let internal = |e: csv::Error| crate::error::internal(&e);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(stored.as_bytes());
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    for record in reader.records() {
        out.write_record(record.map_err(internal)?.iter().map(|c| defuse(c).into_owned())).map_err(internal)?;
    }
    out.into_inner().map_err(|e| crate::error::internal(&e))
}

const EXAMPLE: [&str; 10] = [
    "SHOP-101",
    "As a shopper I can pay by card",
    "Card payments through the payment provider.",
    "1. A valid card is charged once\n2. A declined card shows the reason\n3. The receipt is emailed",
    "High",
    "To do",
    "Checkout",
    "Sprint 4",
    "5",
    "",
];

/// `GET /api/v1/import-template.csv`.
pub async fn template_csv(auth: Option<Extension<RequestAuth>>) -> Result<Response, AppError> {
    member(auth)?;
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(Field::ALL.map(Field::label)).map_err(|e| crate::error::internal(&e))?;
    w.write_record(EXAMPLE).map_err(|e| crate::error::internal(&e))?;
    let body = w.into_inner().map_err(|e| crate::error::internal(&e))?;
    Ok(download("text/csv; charset=utf-8", "casebook-stories-template.csv", body))
}

/// `GET /api/v1/import-template.xlsx`.
pub async fn template_xlsx(auth: Option<Extension<RequestAuth>>) -> Result<Response, AppError> {
    member(auth)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    for (col, field) in Field::ALL.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, field.label(), &bold).map_err(|e| crate::error::internal(&e))?;
        sheet.write_string_with_format(1, col, EXAMPLE[col as usize], &wrap).map_err(|e| crate::error::internal(&e))?;
        sheet
            .set_column_width(col, if *field == Field::AcceptanceCriteria { 50 } else { 18 })
            .map_err(|e| crate::error::internal(&e))?;
    }
    let body = book.save_to_buffer().map_err(|e| crate::error::internal(&e))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "casebook-stories-template.xlsx",
        body,
    ))
}
