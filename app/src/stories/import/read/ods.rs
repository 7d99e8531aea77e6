//! Checks an OpenDocument spreadsheet's `content.xml` before calamine reads it. calamine reads
//! every table when it opens the file and expands `number-columns-repeated` (up to 16,384 per
//! row, cloning the cell's text each time), `number-rows-repeated` (up to 100 million cells)
//! and `<text:s text:c="…"/>` (that many spaces): a few hundred bytes can ask for gigabytes.
//! This scan follows the same elements, computes what calamine will hold, and refuses first.
//!
//! It reads the XML with a small lexer (tags, quotes, comments, CDATA, processing
//! instructions), streaming. calamine names elements by their literal `table:`/`text:` prefixes,
//! and so does the scan; a NUL byte (UTF-16) or a DOCTYPE is refused, so the lexer's view of the
//! bytes is calamine's.
use super::{damaged, zipped, ReadError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES};
use std::io::{BufRead, BufReader, Read};

/// calamine's cap on the cells of one row.
const ROW_CAP: u64 = 16_384;
/// What calamine keeps per cell besides its text: the value and the formula.
const CELL_BYTES: u64 = 56;
/// The longest tag kept for its attributes.
const MAX_TAG: usize = 1024 * 1024;

pub(super) fn check(bytes: &[u8]) -> Result<(), ReadError> {
    let mut zip = zipped::open(bytes)?;
    let entry = zip.by_name("content.xml").map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let mut reader = BufReader::with_capacity(64 * 1024, entry.take(MAX_UNPACKED_BYTES + 1));
    let mut scan = Scan::default();
    loop {
        let buf = reader.fill_buf().map_err(|e| ReadError::Unreadable(e.to_string()))?;
        if buf.is_empty() {
            break;
        }
        for b in buf {
            scan.byte(*b)?;
        }
        let n = buf.len();
        reader.consume(n);
    }
    scan.end_table()
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Lex {
    #[default]
    Text,
    Tag {
        quote: u8,
    },
    Comment(u8),
    Cdata(u8),
    Pi(bool),
}

#[derive(Default)]
struct Scan {
    lex: Lex,
    tag: Vec<u8>,
    tag_len: usize,
    // The current cell: its text bytes, whether calamine will find a value in it, its repeats.
    in_cell: Option<(u64, bool, u64)>,
    // The current row: its repeats, cells pushed, empty cells pending, width to its last value, text.
    in_row: Option<(u64, u64, u64, u64, u64)>,
    // The current table: rows so far, rows before the first and up to the last row with a
    // value, the widest row.
    rows: u64,
    first_used: Option<u64>,
    rows_used: u64,
    width: u64,
    // All tables: cells held per row element and expanded, text bytes.
    stored: u64,
    expanded: u64,
    text: u64,
}

/// The attributes of a start tag (its bytes after `<`), as (name, raw value), quotes respected.
fn attrs(tag: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let name_end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
    let mut rest = &tag[name_end..];
    std::iter::from_fn(move || {
        rest = rest.trim_ascii_start();
        let key_end = rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'=')?;
        let key = &rest[..key_end];
        let after = rest[key_end..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
        let quote = *after.first()?;
        let value_end = after[1..].iter().position(|b| *b == quote)?;
        rest = &after[value_end + 2..];
        Some((key, &after[1..value_end + 1]))
    })
}

/// The repeat count in attribute `name` (1 without it); anything but digits is refused.
fn number(tag: &[u8], name: &[u8]) -> Result<u64, ReadError> {
    match attrs(tag).find(|(k, _)| *k == name) {
        None => Ok(1),
        Some((_, v)) => std::str::from_utf8(v)
            .ok()
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| damaged("a repeat count is not a number")),
    }
}

impl Scan {
    fn byte(&mut self, b: u8) -> Result<(), ReadError> {
        if b == 0 {
            return Err(ReadError::Unreadable("its content is not UTF-8 XML".into()));
        }
        // Every byte inside a cell, markup included, bounds the text calamine makes of it.
        self.cell_text(1);
        self.lex = match self.lex {
            Lex::Text if b == b'<' => {
                self.tag.clear();
                self.tag_len = 0;
                Lex::Tag { quote: 0 }
            }
            Lex::Text => Lex::Text,
            Lex::Tag { quote: 0 } if self.tag_len == 0 && b == b'?' => Lex::Pi(false),
            Lex::Tag { quote: 0 } if self.tag == b"!-" && b == b'-' => Lex::Comment(0),
            Lex::Tag { quote: 0 } if self.tag == b"![CDATA" && b == b'[' => Lex::Cdata(0),
            Lex::Tag { quote: 0 } if b == b'>' => {
                self.end_tag()?;
                Lex::Text
            }
            Lex::Tag { quote } => {
                self.tag_byte(b)?;
                match quote {
                    0 if b == b'"' || b == b'\'' => Lex::Tag { quote: b },
                    q if q == b => Lex::Tag { quote: 0 },
                    q => Lex::Tag { quote: q },
                }
            }
            Lex::Comment(dashes) if b == b'>' && dashes >= 2 => Lex::Text,
            Lex::Comment(dashes) => Lex::Comment(if b == b'-' { (dashes + 1).min(2) } else { 0 }),
            Lex::Cdata(brackets) if b == b'>' && brackets >= 2 => Lex::Text,
            Lex::Cdata(brackets) => Lex::Cdata(if b == b']' { (brackets + 1).min(2) } else { 0 }),
            Lex::Pi(true) if b == b'>' => Lex::Text,
            Lex::Pi(_) => Lex::Pi(b == b'?'),
        };
        Ok(())
    }

    fn tag_byte(&mut self, b: u8) -> Result<(), ReadError> {
        self.tag_len += 1;
        // Tags of other elements are only walked through, not kept.
        let kept = self.tag.len() < 32 || self.tag.starts_with(b"table:") || self.tag.starts_with(b"/table:");
        let kept = kept || self.tag.starts_with(b"text:s") || self.tag.starts_with(b"!");
        if kept {
            if self.tag.len() == MAX_TAG {
                return Err(damaged("a tag of its content is over 1 MB"));
            }
            self.tag.push(b);
        }
        Ok(())
    }

    fn cell_text(&mut self, n: u64) {
        if let Some((text, ..)) = &mut self.in_cell {
            *text = text.saturating_add(n);
        }
    }

    fn end_tag(&mut self) -> Result<(), ReadError> {
        let tag = std::mem::take(&mut self.tag);
        let closed = tag.ends_with(b"/");
        let name_end = tag.iter().skip(1).position(|b| b.is_ascii_whitespace() || *b == b'/').map(|i| i + 1);
        let name = &tag[..name_end.unwrap_or(tag.len())];
        if name.starts_with(b"!DOCTYPE") {
            return Err(ReadError::Unreadable("its content declares a DOCTYPE".into()));
        }
        let in_cell = self.in_cell.is_some();
        match name {
            b"table:table" if !in_cell => self.end_table()?,
            b"/table:table" if !in_cell => self.end_table()?,
            b"table:table-row" if !in_cell => {
                self.end_row()?;
                self.in_row = Some((number(&tag, b"table:number-rows-repeated")?.max(1), 0, 0, 0, 0));
                if closed {
                    self.end_row()?;
                }
            }
            b"/table:table-row" if !in_cell => self.end_row()?,
            b"table:table-cell" | b"table:covered-table-cell" if !in_cell && self.in_row.is_some() => {
                let value = attrs(&tag).any(|(k, _)| k.starts_with(b"office:") || k == b"table:formula");
                self.in_cell = Some((self.tag_len as u64, value, number(&tag, b"table:number-columns-repeated")?));
                if closed {
                    self.end_cell()?;
                }
            }
            b"/table:table-cell" | b"/table:covered-table-cell" => self.end_cell()?,
            b"text:s" if in_cell => {
                let spaces = number(&tag, b"text:c")?;
                self.cell_text(spaces);
            }
            _ => {}
        }
        self.tag = tag;
        Ok(())
    }

    /// calamine's `read_row` for one cell: empty cells are held back until another cell comes
    /// (trailing ones are dropped), and every cell is capped to the row's 16,384.
    fn end_cell(&mut self) -> Result<(), ReadError> {
        let (Some((text, value, repeats)), Some((_, pushed, pending, width, row_text))) =
            (self.in_cell.take(), self.in_row.as_mut())
        else {
            return Ok(());
        };
        *pushed += (*pending).min(ROW_CAP - *pushed);
        *pending = 0;
        let n = repeats.min(ROW_CAP - *pushed);
        if value {
            *pushed += n;
            *width = *pushed;
            *row_text = row_text.saturating_add(n.saturating_mul(text.saturating_add(CELL_BYTES)));
        } else {
            *pending = n;
        }
        Ok(())
    }

    /// Adds the row, `repeats` times over, to its table.
    fn end_row(&mut self) -> Result<(), ReadError> {
        self.end_cell()?;
        let Some((repeats, pushed, _, width, row_text)) = self.in_row.take() else { return Ok(()) };
        self.stored = self.stored.saturating_add(pushed);
        if width > 0 {
            self.first_used.get_or_insert(self.rows);
            self.rows_used = self.rows.saturating_add(repeats);
            self.width = self.width.max(width);
            self.text = self.text.saturating_add(repeats.saturating_mul(row_text));
        }
        self.rows = self.rows.saturating_add(repeats);
        Ok(())
    }

    /// calamine's `get_range`: the rows from the first to the last one with a value, each as
    /// wide as the widest. The limits are checked table by table; the cells and text of all
    /// tables add up, since calamine keeps every table.
    fn end_table(&mut self) -> Result<(), ReadError> {
        self.end_row()?;
        let rows = std::mem::take(&mut self.rows_used) - self.first_used.take().unwrap_or(0);
        let width = std::mem::take(&mut self.width);
        self.rows = 0;
        if width > MAX_COLUMNS as u64 {
            return Err(ReadError::TooManyColumns(width));
        }
        if rows > MAX_ROWS as u64 + 1 {
            return Err(ReadError::TooManyRows(rows - 1));
        }
        self.expanded = self.expanded.saturating_add(rows.saturating_mul(width));
        let cells = self.expanded.max(self.stored);
        if cells > MAX_CELLS {
            return Err(ReadError::TooManyCells(cells));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText);
        }
        Ok(())
    }
}
