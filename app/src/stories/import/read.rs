//! Reading an uploaded file into a table of text cells: CSV (comma, semicolon or tab; UTF-8 with
//! or without BOM, else Windows-1252) and spreadsheets (xlsx, xls, ods) through calamine.
use std::io::Cursor;

/// The largest file accepted, in bytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most data rows accepted.
pub const MAX_ROWS: usize = 50_000;

/// A file that cannot be read at all; nothing is imported from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is {0} MB; the limit is 20 MB. Split it into smaller files.")]
    TooLarge(usize),
    #[error("The file has {0} rows; the limit is 50,000. Split it into smaller files.")]
    TooManyRows(usize),
    #[error("The file is empty: it has no header row.")]
    Empty,
    #[error("This is not a spreadsheet or CSV file Casebook can read ({0}).")]
    Unreadable(String),
}

/// The cells of the first non-empty sheet: a header row and data rows (each as long as the
/// header), with the 1-based line of each data row in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Rows of cells, each with its 1-based line (CSV) or row number (sheet) in the file.
type Grid = Vec<(usize, Vec<String>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Csv,
    Spreadsheet,
}

fn kind(bytes: &[u8]) -> Kind {
    // Zip (xlsx, ods) and OLE2 (xls) containers have magic numbers; anything else is read as text.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Kind::Spreadsheet
    } else {
        Kind::Csv
    }
}

/// Reads `bytes` (the whole file).
pub fn read(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len().div_ceil(1024 * 1024)));
    }
    let grid = match kind(bytes) {
        Kind::Csv => read_csv(bytes)?,
        Kind::Spreadsheet => read_spreadsheet(bytes)?,
    };
    table(grid)
}

/// The first non-blank row is the header; fully blank rows are skipped; rows are padded or cut
/// to the header's width (extra cells are kept only if they have text: then the header grows).
fn table(grid: Grid) -> Result<Table, ReadError> {
    let mut lines = grid.into_iter().filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let (_, mut headers) = lines.next().ok_or(ReadError::Empty)?;
    let mut rows: Vec<(usize, Vec<String>)> = vec![];
    for (line, row) in lines {
        if rows.len() == MAX_ROWS {
            return Err(ReadError::TooManyRows(MAX_ROWS + 1));
        }
        rows.push((line, row));
    }
    let width = rows
        .iter()
        .map(|(_, r)| r.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |p| p + 1))
        .max()
        .unwrap_or(0)
        .max(headers.len());
    headers.resize(width, String::new());
    for (_, r) in &mut rows {
        r.resize(width, String::new());
    }
    Ok(Table { headers: headers.into_iter().map(|h| h.trim().to_owned()).collect(), rows })
}

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

fn read_csv(bytes: &[u8]) -> Result<Grid, ReadError> {
    if bytes.iter().take(8192).filter(|b| **b == 0).count() > 0 {
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
    let (mut line, mut counted) = (1usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(format!("CSV error: {e}")))?;
        // The record's first line: its start offset, past any blank lines the reader skipped.
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        while matches!(raw.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += raw[counted..start.max(counted)].iter().filter(|b| **b == b'\n').count();
        counted = start.max(counted);
        grid.push((line, record.iter().map(str::to_owned).collect()));
        if grid.len() > MAX_ROWS + 1 {
            return Err(ReadError::TooManyRows(grid.len() - 1));
        }
    }
    Ok(grid)
}

fn cell_text(d: &calamine::Data) -> String {
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

fn read_spreadsheet(bytes: &[u8]) -> Result<Grid, ReadError> {
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let names = book.sheet_names().to_vec();
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| ReadError::Unreadable(e.to_string()))?;
        if range.rows().any(|r| r.iter().any(|c| !cell_text(c).trim().is_empty())) {
            if range.height() > MAX_ROWS + 1 {
                return Err(ReadError::TooManyRows(range.height() - 1));
            }
            let first = range.start().map_or(0, |(row, _)| row as usize);
            return Ok(range
                .rows()
                .enumerate()
                .map(|(i, r)| (first + i + 1, r.iter().map(cell_text).collect()))
                .collect());
        }
    }
    Err(ReadError::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<&str>> {
        t.rows.iter().map(|(_, r)| r.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn each_delimiter_is_detected() {
        for (sep, text) in
            [(',', "Title,Priority\nA,High\n"), (';', "Title;Priority\nA;High\n"), ('\t', "Title\tPriority\nA\tHigh\n")]
        {
            let t = read(text.as_bytes()).unwrap();
            assert_eq!(t.headers, ["Title", "Priority"], "{sep:?}");
            assert_eq!(cells(&t), [["A", "High"]]);
        }
    }

    #[test]
    fn quoted_cells_keep_delimiters_and_newlines() {
        let t = read(b"Title;Acceptance Criteria\n\"Pay; fast\";\"1. a\n2. b\"\n").unwrap();
        assert_eq!(cells(&t), [["Pay; fast", "1. a\n2. b"]]);
    }

    #[test]
    fn utf8_with_bom_and_windows_1252_are_decoded() {
        let t = read("\u{FEFF}Título\nAcción rápida\n".as_bytes()).unwrap();
        assert_eq!((t.headers[0].as_str(), cells(&t)[0][0]), ("Título", "Acción rápida"));
        let latin: &[u8] = b"T\xedtulo\nAcci\xf3n \x80\n";
        let t = read(latin).unwrap();
        assert_eq!((t.headers[0].as_str(), cells(&t)[0][0]), ("Título", "Acción €"));
    }

    #[test]
    fn blank_rows_are_skipped_and_line_numbers_kept() {
        let t = read(b"\nTitle\n\nA\n,\nB\n").unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, [4, 6]);
    }

    #[test]
    fn empty_and_binary_inputs_are_refused_clearly() {
        assert_eq!(read(b""), Err(ReadError::Empty));
        assert_eq!(read(b" \n ,, \n"), Err(ReadError::Empty));
        assert!(matches!(read(b"\x00\x01\x02garbage"), Err(ReadError::Unreadable(_))));
        assert!(matches!(read(b"PK\x03\x04truncated zip"), Err(ReadError::Unreadable(_))));
        assert!(matches!(read(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]), Err(ReadError::Unreadable(_))));
    }

    #[test]
    fn limits_are_enforced_with_a_clear_message() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(
            read(&big).unwrap_err().to_string(),
            "The file is 21 MB; the limit is 20 MB. Split it into smaller files."
        );
        let mut text = String::from("Title\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("S{i}\n"));
        }
        assert!(matches!(read(text.as_bytes()), Err(ReadError::TooManyRows(_))));
    }

    fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        build(&mut wb);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_sheet_reads_numbers_formulas_and_merged_cells() {
        use rust_xlsxwriter::{Format, Formula};
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            for (c, h) in ["Title", "Story Points", "Assigned To", "Epic"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "Checkout").unwrap();
            ws.write_number(1, 1, 5.0).unwrap();
            ws.write_string(1, 2, "ana@acme.test").unwrap();
            ws.merge_range(1, 3, 2, 3, "Payments", &Format::new()).unwrap();
            ws.write_string(2, 0, "Refunds").unwrap();
            ws.write_formula(2, 1, Formula::new("=1+2").set_result("3")).unwrap();
        });
        let t = read(&bytes).unwrap();
        assert_eq!(t.headers, ["Title", "Story Points", "Assigned To", "Epic"]);
        assert_eq!(cells(&t), [vec!["Checkout", "5", "ana@acme.test", "Payments"], vec!["Refunds", "3", "", ""]]);
        assert_eq!(t.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn the_first_sheet_with_data_is_read_and_an_empty_workbook_is_refused() {
        let bytes = xlsx(|wb| {
            wb.add_worksheet();
            let ws = wb.add_worksheet();
            ws.write_string(3, 1, "Title").unwrap();
            ws.write_string(4, 1, "Later sheet").unwrap();
        });
        let t = read(&bytes).unwrap();
        assert_eq!(t.headers, ["Title"]);
        assert_eq!(t.rows, [(5, vec!["Later sheet".to_owned()])]);
        let empty = xlsx(|wb| {
            wb.add_worksheet();
        });
        assert_eq!(read(&empty), Err(ReadError::Empty));
    }

    #[test]
    fn a_truncated_xlsx_is_refused_without_panicking() {
        let bytes = xlsx(|wb| {
            wb.add_worksheet().write_string(0, 0, "Title").unwrap();
        });
        for cut in [10, bytes.len() / 2, bytes.len() - 1] {
            assert!(matches!(read(&bytes[..cut]), Err(ReadError::Unreadable(_))), "cut at {cut}");
        }
    }
}
