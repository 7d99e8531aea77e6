//! Hostile (and honest) xls and ods files for the reader's tests, built byte by byte: an OLE2
//! container with a BIFF8 workbook, and an OpenDocument zip. Test code only.
use super::bombs::{raw_zip, Raw};

const END: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = vec![];
    for x in [0x0600u16, dt, 0x0DBB, 0x07CC] {
        d.extend(x.to_le_bytes());
    }
    d.extend(0u32.to_le_bytes());
    d.extend(6u32.to_le_bytes());
    rec(0x0809, &d)
}

/// A BIFF8 workbook stream with one sheet whose DIMENSIONS record says `dims` (first row, last
/// row + 1, first column, last column + 1) and whose text cells are `cells` (row, column, text).
pub fn workbook(dims: (u32, u32, u16, u16), cells: &[(u16, u16, &str)]) -> Vec<u8> {
    let name = b"Sheet1";
    let sheet_entry = |pos: u32| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0, name.len() as u8, 0]);
        d.extend(name);
        rec(0x0085, &d)
    };
    let globals = bof(5).len() + sheet_entry(0).len() + 4;
    let mut s = bof(5);
    s.extend(sheet_entry(globals as u32));
    s.extend(rec(0x000A, &[]));
    s.extend(bof(0x10));
    let mut d = dims.0.to_le_bytes().to_vec();
    d.extend(dims.1.to_le_bytes());
    for x in [dims.2, dims.3, 0] {
        d.extend(x.to_le_bytes());
    }
    s.extend(rec(0x0200, &d));
    for (row, col, text) in cells {
        let mut d = vec![];
        for x in [*row, *col, 0, text.len() as u16] {
            d.extend(x.to_le_bytes());
        }
        d.push(0);
        d.extend(text.as_bytes());
        s.extend(rec(0x0204, &d));
    }
    s.extend(rec(0x000A, &[]));
    // Streams under 4,096 bytes live in the mini stream; this one stays in regular sectors.
    s.resize(s.len().max(4096), 0);
    s
}

fn dir_entry(name: &str, typ: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut e = vec![0u8; 128];
    let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    e[..utf16.len()].copy_from_slice(&utf16);
    e[64..66].copy_from_slice(&((utf16.len() + 2) as u16).to_le_bytes());
    e[66] = typ;
    e[67] = 1;
    for (at, v) in [(68, FREE), (72, FREE), (76, child), (116, start), (120, size)] {
        e[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    e
}

/// An OLE2 compound file (512-byte sectors: FAT, directory, then the stream) holding `stream` as
/// "Workbook". With `dir_cycle` the directory's sector chain points back at itself.
pub fn ole(stream: &[u8], dir_cycle: bool) -> Vec<u8> {
    let sectors = stream.len().div_ceil(512);
    let mut fat = vec![0xFFFF_FFFD, if dir_cycle { 1 } else { END }];
    fat.extend((0..sectors).map(|i| if i + 1 == sectors { END } else { 3 + i as u32 }));
    assert!(fat.len() <= 128, "one FAT sector is enough for the test files");
    fat.resize(128, FREE);
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    for (at, v) in [(24, 0x003Eu16), (26, 3), (28, 0xFFFE), (30, 9), (32, 6)] {
        h[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    for (at, v) in [(44, 1u32), (48, 1), (56, 4096), (60, END), (64, 0), (68, END), (72, 0), (76, 0)] {
        h[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    h[80..].fill(0xFF);
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir_entry("Root Entry", 5, 1, END, 0));
    out.extend(dir_entry("Workbook", 2, FREE, 2, stream.len() as u32));
    out.extend(vec![0u8; 256]);
    out.extend(stream);
    out.resize(512 * (3 + sectors), 0);
    out
}

/// An honest xls: a Title header and one story.
pub fn xls_ok() -> Vec<u8> {
    ole(&workbook((0, 2, 0, 1), &[(0, 0, "Title"), (1, 0, "Checkout")]), false)
}

/// An OpenDocument spreadsheet whose one table holds `rows` (`table:table-row` elements).
pub fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    raw_zip(&[
        Raw::stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        Raw::stored("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
        Raw::stored("content.xml", content.into_bytes()),
    ])
}

/// One row, repeated `repeat` times, of cells (columns repeated, text; "" for an empty cell).
pub fn ods_row(repeat: u64, cells: &[(u64, &str)]) -> String {
    let mut row = format!(r#"<table:table-row table:number-rows-repeated="{repeat}">"#);
    for (cols, text) in cells {
        if text.is_empty() {
            row.push_str(&format!(r#"<table:table-cell table:number-columns-repeated="{cols}"/>"#));
        } else {
            row.push_str(&format!(
                r#"<table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
            ));
        }
    }
    row.push_str("</table:table-row>");
    row
}

/// An honest ods the way LibreOffice writes one: every row ends with a run of empty cells, and
/// the sheet with a million empty rows.
pub fn ods_ok() -> Vec<u8> {
    ods(&[
        ods_row(1, &[(1, "Title"), (1, "Priority"), (1022, "")]),
        ods_row(1, &[(1, "Checkout"), (1, "High"), (1022, "")]),
        ods_row(2, &[(1024, "")]),
        ods_row(1, &[(1, "Refunds"), (1023, "")]),
        ods_row(1_048_571, &[(1024, "")]),
    ]
    .concat())
}
