//! Reading an uploaded file into a table of text cells: CSV (comma, semicolon or tab; UTF-8 with
//! or without BOM, else Windows-1252) and spreadsheets (xlsx, xlsb, xls, ods) through calamine.
//!
//! Every limit holds before memory is spent on it: a CSV row's width is measured before its
//! cells are copied, and a spreadsheet's container is checked (declared sizes, sector chains,
//! repeated rows and columns) before calamine unpacks it, since calamine builds each sheet as a
//! dense range and follows what the file declares.
mod cells;
mod ods;
mod ole;
mod sheet;
mod text;
mod zipped;

/// The largest file accepted, in bytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most data rows accepted.
pub const MAX_ROWS: usize = 50_000;
/// The most columns a row may use (up to its last non-blank cell).
pub const MAX_COLUMNS: usize = 200;
/// The most cells of the table, rows × columns (the rows are padded to the widest).
pub const MAX_CELLS: u64 = 2_000_000;
/// The most text all cells may hold together, in bytes.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes the parts of a zipped spreadsheet may declare, unpacked, together.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// The most a part over 1 MB may be compressed (its unpacked size over its packed size).
pub const MAX_PACKING: u64 = 100;

const MB: u64 = 1024 * 1024;

/// A file that cannot be read at all; nothing is imported from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is {0} MB; the limit is 20 MB. Split it into smaller files.")]
    TooLarge(usize),
    #[error("The file has {} rows; the limit is 50,000. Split it into smaller files.", thousands(*.0))]
    TooManyRows(u64),
    #[error("The file has {} columns; the limit is 200. Delete the columns you do not import.", thousands(*.0))]
    TooManyColumns(u64),
    #[error("The file has {} cells (rows × columns); the limit is 2,000,000. Split it into smaller files.", thousands(*.0))]
    TooManyCells(u64),
    #[error("The cells of the file hold more than 64 MB of text; the limit is 64 MB. Split it into smaller files.")]
    TooMuchText,
    #[error("The spreadsheet unpacks to {} MB; the limit is 100 MB. Save it as CSV or split it into smaller files.", thousands(*.0))]
    Unpacks(u64),
    #[error("Part “{part}” of the spreadsheet is packed more than 100 times ({} times); Casebook does not open such files. Save it as CSV.", thousands(*.times))]
    Packed { part: String, times: u64 },
    #[error("The file is empty: it has no header row.")]
    Empty,
    #[error("This is not a spreadsheet or CSV file Casebook can read ({0}).")]
    Unreadable(String),
}

/// `1234567` → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A container that is damaged in a way calamine would not survive.
fn damaged(what: &str) -> ReadError {
    ReadError::Unreadable(format!("the file is damaged: {what}"))
}

/// The cells of the first non-empty sheet: a header row and data rows (each as long as the
/// header), with the 1-based line of each data row in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Rows of cells, each with its 1-based line (CSV) or row number (sheet) in the file. A row
/// ends at its last non-blank cell, so no row is wider than `MAX_COLUMNS`.
type Grid = Vec<(usize, Vec<String>)>;

/// Reads `bytes` (the whole file).
pub fn read(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len().div_ceil(1024 * 1024)));
    }
    // Zip (xlsx, ods) and OLE2 (xls) containers have magic numbers; anything else is read as text.
    let grid = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&ole::MAGIC) {
        sheet::read(bytes)?
    } else {
        text::read(bytes)?
    };
    table(grid)
}

/// The first non-blank row is the header; fully blank rows are skipped; rows are padded to the
/// widest row (or the header, if wider).
fn table(grid: Grid) -> Result<Table, ReadError> {
    let mut lines = grid.into_iter().filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let (_, mut headers) = lines.next().ok_or(ReadError::Empty)?;
    let rows: Vec<(usize, Vec<String>)> = lines.collect();
    if rows.len() > MAX_ROWS {
        return Err(ReadError::TooManyRows(rows.len() as u64));
    }
    let width = rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0).max(headers.len());
    let cells = (rows.len() as u64 + 1) * width as u64;
    if cells > MAX_CELLS {
        return Err(ReadError::TooManyCells(cells));
    }
    headers.resize(width, String::new());
    let rows = rows
        .into_iter()
        .map(|(line, mut r)| {
            r.resize(width, String::new());
            (line, r)
        })
        .collect();
    Ok(Table { headers: headers.into_iter().map(|h| h.trim().to_owned()).collect(), rows })
}

#[cfg(test)]
pub(crate) mod bombs;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod office_bombs;
#[cfg(test)]
mod tests;
