//! Spreadsheets through calamine, the first sheet with data. xlsx and xlsb are read cell by
//! cell (calamine's `worksheet_range` would lay out the bounding box of the cells densely, so a
//! cell in A1 and one in XFD1048576 would ask for 549 GB), after their declared dimension is
//! checked. xls and ods are built whole when opened, so their containers are checked first
//! (`ole`, `ods`) and their ranges are bounded by then.
use super::{
    cells::{check_extent, text, Cells},
    ods, ole, zipped, Grid, ReadError, MAX_CELLS,
};
use calamine::{Data, DataRef, Reader};
use std::io::Cursor;

/// The most sheets looked at for data (each is parsed up to its data even when empty).
const MAX_SHEETS: usize = 20;
/// The most cell records read over all sheets, blank ones included.
const MAX_SCANNED: u64 = 10 * MAX_CELLS;

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(e.to_string())
}

pub(super) fn read(bytes: &[u8]) -> Result<Grid, ReadError> {
    if bytes.starts_with(&ole::MAGIC) {
        ole::check(bytes)?;
        let mut book = calamine::Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
        return from_ranges(&mut book);
    }
    match zipped::check(bytes)? {
        zipped::Format::Xlsx => {
            let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
            let mut scanned = 0;
            for name in book.sheet_names().into_iter().take(MAX_SHEETS) {
                let mut sheet = match book.worksheet_cells_reader(&name) {
                    Ok(sheet) => sheet,
                    Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
                    Err(e) => return Err(unreadable(e)),
                };
                check_dimension(sheet.dimensions())?;
                if let Some(grid) = collect(|| sheet.next_cell().map_err(unreadable), &mut scanned)? {
                    return Ok(grid);
                }
            }
            Err(ReadError::Empty)
        }
        zipped::Format::Xlsb => {
            let mut book = calamine::Xlsb::new(Cursor::new(bytes)).map_err(unreadable)?;
            let mut scanned = 0;
            for name in book.sheet_names().into_iter().take(MAX_SHEETS) {
                let mut sheet = book.worksheet_cells_reader(&name).map_err(unreadable)?;
                check_dimension(sheet.dimensions())?;
                if let Some(grid) = collect(|| sheet.next_cell().map_err(unreadable), &mut scanned)? {
                    return Ok(grid);
                }
            }
            Err(ReadError::Empty)
        }
        zipped::Format::Ods => {
            ods::check(bytes)?;
            let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(unreadable)?;
            from_ranges(&mut book)
        }
    }
}

/// Refuses a sheet whose declared dimension (`A1:XFD1048576`) is past the limits.
fn check_dimension(d: calamine::Dimensions) -> Result<(), ReadError> {
    let span = |a: u32, b: u32| u64::from(b.saturating_sub(a)) + 1;
    check_extent(span(d.start.0, d.end.0), span(d.start.1, d.end.1))
}

type Next<'a> = Result<Option<calamine::Cell<DataRef<'a>>>, ReadError>;

/// A sheet's cells as they stream out of its reader; `None` for a sheet without data.
fn collect<'a>(mut next: impl FnMut() -> Next<'a>, scanned: &mut u64) -> Result<Option<Grid>, ReadError> {
    let mut cells = Cells::default();
    while let Some(cell) = next()? {
        *scanned += 1;
        if *scanned > MAX_SCANNED {
            return Err(ReadError::TooManyCells(*scanned));
        }
        let (row, col) = cell.get_position();
        cells.push(row, col, text(&Data::from(cell.get_value().clone())))?;
    }
    cells.into_grid()
}

/// The first sheet with data of a workbook calamine has already read whole.
fn from_ranges<RS, R>(book: &mut R) -> Result<Grid, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells = Cells::default();
        for (row, col, value) in range.used_cells() {
            cells.push(top + row as u32, left + col as u32, text(value))?;
        }
        if let Some(grid) = cells.into_grid()? {
            return Ok(grid);
        }
    }
    Err(ReadError::Empty)
}
