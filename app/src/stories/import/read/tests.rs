//! The reader on honest files: delimiters, encodings, sheets, and the limits' messages.
use super::*;

#[test]
fn an_ods_written_the_way_libreoffice_does_is_read() {
    let t = read(&office_bombs::ods_ok()).unwrap();
    assert_eq!(t.headers, ["Title", "Priority"]);
    assert_eq!(cells(&t), [vec!["Checkout", "High"], vec!["Refunds", ""]]);
    assert_eq!(t.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 5]);
}

#[test]
fn an_xls_is_read() {
    let t = read(&office_bombs::xls_ok()).unwrap();
    assert_eq!(t.headers, ["Title"]);
    assert_eq!(t.rows, [(2, vec!["Checkout".to_owned()])]);
}

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

#[test]
fn a_csv_row_is_as_wide_as_its_last_non_blank_cell() {
    let mut text = format!("Title,Priority{}\n", ",".repeat(500));
    text.push_str(&format!("Checkout,High{}\n", ", ".repeat(500)));
    let t = read(text.as_bytes()).unwrap();
    assert_eq!(t.headers, ["Title", "Priority"]);
    assert_eq!(cells(&t), [["Checkout", "High"]]);
    let wide = format!("Title{}x\nA\n", ",".repeat(MAX_COLUMNS));
    assert_eq!(
        read(wide.as_bytes()).unwrap_err().to_string(),
        "The file has 201 columns; the limit is 200. Delete the columns you do not import."
    );
}

#[test]
fn the_cells_of_a_file_are_limited_to_two_million() {
    let row = format!("{}\n", ["x"; MAX_COLUMNS].join(","));
    let text = row.repeat(10_001);
    assert_eq!(
        read(text.as_bytes()).unwrap_err().to_string(),
        "The file has 2,000,200 cells (rows × columns); the limit is 2,000,000. Split it into smaller files."
    );
}

#[test]
fn numbers_in_messages_have_thousands_separators() {
    assert_eq!([0, 999, 1000, 1_000_000, 16_384].map(thousands), ["0", "999", "1,000", "1,000,000", "16,384"]);
}

#[test]
fn an_xlsx_with_a_dimension_within_the_limits_is_read() {
    let t = read(&bombs::xlsx_declaring("A1:GR10000")).unwrap();
    assert_eq!((t.headers.as_slice(), cells(&t)), (&["Title".to_owned()][..], vec![vec!["Checkout"]]));
    assert!(matches!(read(&bombs::xlsx_declaring("A1:GS10000")), Err(ReadError::TooManyColumns(201))));
}
