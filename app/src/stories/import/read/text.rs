//! CSV: the encoding, the delimiter, and the rows, each measured before its cells are copied.
use super::{Grid, ReadError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The delimiter used most often outside quotes in the first line.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
                slot.1 += 1;
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// The rows of a CSV file. A row's width is where its last non-blank cell is, found on the
/// parser's record (which holds the row's text once) before any cell is copied: a row with a
/// cell in column 1,000,000 is refused there, and trailing empty cells are never copied.
pub(super) fn read(bytes: &[u8]) -> Result<Grid, ReadError> {
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(ReadError::Unreadable("it contains binary data".into()));
    }
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = vec![];
    let raw = text.as_bytes();
    let (mut line, mut counted, mut widest) = (1usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| ReadError::Unreadable(format!("CSV error: {e}")))? {
        let width =
            (0..record.len()).rev().find(|i| record.get(*i).is_some_and(|c| !c.trim().is_empty())).map_or(0, |i| i + 1);
        if width > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns(width as u64));
        }
        widest = widest.max(width);
        // The record's first line: its start offset, past any blank lines the reader skipped.
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        while matches!(raw.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += raw[counted..start.max(counted)].iter().filter(|b| **b == b'\n').count();
        counted = start.max(counted);
        if width > 0 {
            grid.push((line, record.iter().take(width).map(str::to_owned).collect()));
        }
        if grid.len() > MAX_ROWS + 1 {
            return Err(ReadError::TooManyRows(grid.len() as u64 - 1));
        }
        let cells = grid.len() as u64 * widest as u64;
        if cells > MAX_CELLS {
            return Err(ReadError::TooManyCells(cells));
        }
    }
    Ok(grid)
}
