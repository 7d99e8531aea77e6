//! Collecting a sheet's cells one at a time within the limits, then laying them out as rows.
use super::{Grid, ReadError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES};
use std::collections::BTreeMap;

/// A cell's text as the importer reads it.
pub(super) fn text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            dt.as_datetime().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| dt.as_f64().to_string())
        }
    }
}

/// The non-blank cells of one sheet by row, refused as soon as they pass a limit: the columns
/// between the leftmost and rightmost cell, the rows, the cells and their text.
#[derive(Default)]
pub(super) struct Cells {
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    cols: Option<(u32, u32)>,
    count: u64,
    text: u64,
}

impl Cells {
    /// Adds the cell at 0-based (`row`, `col`).
    pub fn push(&mut self, row: u32, col: u32, text: String) -> Result<(), ReadError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        self.text += text.len() as u64;
        if self.text > MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText);
        }
        let (first, last) = self.cols.map_or((col, col), |(a, b)| (a.min(col), b.max(col)));
        let width = u64::from(last - first) + 1;
        if width > MAX_COLUMNS as u64 {
            return Err(ReadError::TooManyColumns(width));
        }
        self.cols = Some((first, last));
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(ReadError::TooManyCells(self.count));
        }
        self.rows.entry(row).or_default().push((col, text));
        if self.rows.len() > MAX_ROWS + 1 {
            return Err(ReadError::TooManyRows(self.rows.len() as u64 - 1));
        }
        Ok(())
    }

    /// The rows from the leftmost column, with their 1-based row numbers; `None` for a sheet
    /// without a non-blank cell.
    pub fn into_grid(self) -> Result<Option<Grid>, ReadError> {
        let Some((first, last)) = self.cols else { return Ok(None) };
        let cells = self.rows.len() as u64 * (u64::from(last - first) + 1);
        if cells > MAX_CELLS {
            return Err(ReadError::TooManyCells(cells));
        }
        let grid = self
            .rows
            .into_iter()
            .map(|(row, cells)| {
                let width = cells.iter().map(|(c, _)| c - first + 1).max().unwrap_or(0);
                let mut out = vec![String::new(); width as usize];
                for (c, text) in cells {
                    out[(c - first) as usize] = text;
                }
                (row as usize + 1, out)
            })
            .collect();
        Ok(Some(grid))
    }
}

/// Refuses a sheet whose declared extent (`rows` × `cols`) is past the limits.
pub(super) fn check_extent(rows: u64, cols: u64) -> Result<(), ReadError> {
    if cols > MAX_COLUMNS as u64 {
        return Err(ReadError::TooManyColumns(cols));
    }
    let cells = rows.saturating_mul(cols);
    if cells > MAX_CELLS {
        return Err(ReadError::TooManyCells(cells));
    }
    Ok(())
}
