//! Hostile files are refused fast and within bounded memory. Each is read in a child process
//! (this test binary again, running `inner`) whose address space `ulimit -v` caps at 1 GiB, so
//! an allocation the file provokes fails there, where it cannot hurt the machine or the other
//! tests. The child prints the time, its peak resident memory and the refusal.
use super::{bombs, office_bombs as office, read};
use std::time::{Duration, Instant};

const LIMIT_KIB: u64 = 1024 * 1024;
const FAST: Duration = Duration::from_secs(10);

fn bomb(name: &str) -> Vec<u8> {
    match name {
        "wide_csv" => bombs::wide_csv(),
        "xlsx_dimension" => bombs::xlsx_declaring("A1:XFD1048576"),
        "xlsx_far_cell" => bombs::xlsx_far_cell(),
        "xlsx_far_cell_undeclared" => bombs::xlsx_far_cell_undeclared(),
        "xlsx_200mb_string" => bombs::xlsx_zero_strings(200_000_000),
        "xlsx_4gb_string" => bombs::xlsx_zero_strings(4_000_000_000),
        "xlsx_packed_string" => bombs::xlsx_zero_strings(50_000_000),
        "xlsx_repeated_string" => bombs::xlsx_repeated_string(32_000, 100, 30),
        "xls_dimension" => office::ole(&office::workbook((0, 1_048_576, 0, 16_384), &[(0, 0, "Title")]), false),
        "xls_far_cell" => office::ole(&office::workbook((0, 1, 0, 1), &[(0, 0, "Title"), (65_535, 65_535, "x")]), false),
        "xls_dir_cycle" => office::ole(&office::workbook((0, 2, 0, 1), &[(0, 0, "Title")]), true),
        "ods_wide_rows" => office::ods(&office::ods_row(6_000, &[(16_384, "x")])),
        "ods_many_rows" => office::ods(&[office::ods_row(1, &[(1, "Title")]), office::ods_row(100_000, &[(200, "x")])].concat()),
        "ods_repeated_text" => {
            office::ods(&[office::ods_row(1, &[(1, "Title")]), office::ods_row(200, &[(200, &"z".repeat(1 << 20))])].concat())
        }
        "ods_spaces" => office::ods(&[
            office::ods_row(1, &[(1, "Title")]),
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>"#.to_owned(),
        ]
        .concat()),
        other => panic!("no bomb named {other}"),
    }
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Run by `refused` in a child process: reads the bomb named by `CASEBOOK_BOMB`.
#[test]
#[ignore = "run by the other tests of this module, in a child process under a memory limit"]
fn inner() {
    let Ok(name) = std::env::var("CASEBOOK_BOMB") else { return };
    let bytes = bomb(&name);
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let result = read(&bytes);
    let elapsed = started.elapsed();
    println!(
        "bomb={name} bytes={} ms={} rss_before_kib={before} peak_kib={}",
        bytes.len(),
        elapsed.as_millis(),
        status_kib("VmHWM:")
    );
    match result {
        Err(e) => println!("refused: {e}"),
        Ok(t) => panic!("{name} was read: {} columns, {} rows", t.headers.len(), t.rows.len()),
    }
}

/// Reads bomb `name` in a child process under the memory limit; it must be refused, fast,
/// with a message containing `reason`.
fn refused(name: &str, reason: &str) {
    let exe = std::env::current_exe().unwrap();
    let test = format!("{}::inner", module_path!().split_once("::").map_or("", |(_, rest)| rest));
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args(["--exact", &test, "--ignored", "--nocapture", "--test-threads=1"])
        .env("CASEBOOK_BOMB", name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}: the child failed ({}):\n{stdout}\n{stderr}", out.status);
    let report = stdout.lines().find_map(|l| l.find("bomb=").map(|at| &l[at..])).unwrap_or_default();
    eprintln!("{report}");
    let refusal = stdout.lines().find_map(|l| l.strip_prefix("refused: ")).unwrap_or_default();
    assert!(refusal.contains(reason), "{name}: refused with “{refusal}”, expected “{reason}”");
    let ms: u64 = report.split(" ms=").nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(Duration::from_millis(ms) < FAST, "{name}: took {ms} ms");
}

#[test]
fn a_csv_with_a_cell_in_column_1_000_000_is_refused() {
    refused("wide_csv", "The file has 1,000,000 columns; the limit is 200.");
}

#[test]
fn an_xlsx_declaring_a_whole_sheet_is_refused() {
    refused("xlsx_dimension", "The file has 16,384 columns; the limit is 200.");
}

#[test]
fn an_xlsx_with_a_cell_in_its_last_column_and_row_is_refused() {
    refused("xlsx_far_cell", "The file has 16,384 columns; the limit is 200.");
}

#[test]
fn an_xlsx_with_a_far_cell_its_dimension_hides_is_refused() {
    refused("xlsx_far_cell_undeclared", "The file has 16,384 columns; the limit is 200.");
}

#[test]
fn an_xlsx_whose_strings_unpack_to_200_mb_is_refused() {
    refused("xlsx_200mb_string", "the limit is 100 MB");
}

#[test]
fn an_xlsx_whose_strings_unpack_from_4_mb_to_4_gb_is_refused() {
    refused("xlsx_4gb_string", "unpacks to 3,815 MB; the limit is 100 MB");
}

#[test]
fn an_xlsx_packed_a_thousand_times_is_refused() {
    refused("xlsx_packed_string", "packed more than 100 times");
}

#[test]
fn an_xlsx_repeating_one_long_string_in_every_cell_is_refused() {
    refused("xlsx_repeated_string", "more than 64 MB of text");
}

#[test]
fn an_xls_declaring_a_whole_sheet_is_refused() {
    refused("xls_dimension", "The file has 16,384 columns; the limit is 200.");
}

#[test]
fn an_xls_with_a_cell_in_column_65_536_is_refused() {
    refused("xls_far_cell", "The file has 65,536 columns; the limit is 200.");
}

#[test]
fn an_xls_whose_directory_loops_is_refused() {
    refused("xls_dir_cycle", "damaged");
}

#[test]
fn an_ods_repeating_a_cell_across_every_column_is_refused() {
    refused("ods_wide_rows", "The file has 16,384 columns; the limit is 200.");
}

#[test]
fn an_ods_repeating_a_row_100_000_times_is_refused() {
    refused("ods_many_rows", "the limit is 50,000");
}

#[test]
fn an_ods_repeating_a_long_text_is_refused() {
    refused("ods_repeated_text", "more than 64 MB of text");
}

#[test]
fn an_ods_cell_of_two_billion_spaces_is_refused() {
    refused("ods_spaces", "more than 64 MB of text");
}
