//! Checks an OLE2 compound file (xls) the way calamine will read it, before it does. calamine
//! reads every sheet when it opens a workbook and trusts the file: it follows sector chains
//! without noticing a loop (a 3 KB file can make it append to a buffer for ever), reserves
//! room for each sheet's DIMENSIONS record (1,048,576 × 16,384 cells: 687 GB), and lays out each
//! sheet densely over its cells' bounding box (cells in A1 and at row 65,536, column 65,536:
//! 137 GB). So: every chain must end without revisiting a sector, and every sheet's declared
//! and actual extent must be within the limits.
use super::{cells::check_extent, damaged, ReadError};

pub(super) const MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
const MINI_CUTOFF: usize = 4096;

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn ids(sector: &[u8]) -> impl Iterator<Item = u32> + '_ {
    sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Sectors of `size` bytes in `data` (the file after its header, or the mini stream).
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    max_id: usize,
    /// Whether a sector must be whole: calamine fills a mini sector past the end of the mini
    /// stream from wherever the file happens to be.
    whole: bool,
}

impl<'a> Sectors<'a> {
    /// Sector `id` as calamine reads it: cut short at the end of the data.
    fn get(&self, id: u32) -> Result<&'a [u8], ReadError> {
        let id = id as usize;
        if id > self.max_id {
            return Err(damaged("a sector number is past the end"));
        }
        let start = (id * self.size).min(self.data.len());
        let sector = &self.data[start..(start + self.size).min(self.data.len())];
        if self.whole && sector.len() < self.size {
            return Err(damaged("a sector is past the end of its stream"));
        }
        Ok(sector)
    }

    /// The first `len` bytes of the chain starting at `id`; a chain that revisits a sector or
    /// leaves the table is damaged (calamine would loop or panic).
    fn chain(&self, mut id: u32, table: &[u32], len: usize) -> Result<Vec<u8>, ReadError> {
        let mut seen = vec![false; self.max_id + 1];
        let mut out = vec![];
        while id != END_OF_CHAIN {
            let sector = self.get(id)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(damaged("a chain of sectors loops"));
            }
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = *table.get(id as usize).ok_or_else(|| damaged("a sector is missing from the table"))?;
        }
        Ok(out)
    }
}

/// One directory entry: name, first sector, length.
fn entry(e: &[u8], large: bool) -> (String, u32, usize) {
    let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let name: String = String::from_utf16_lossy(&units).chars().take_while(|c| *c != '\0').collect();
    let len =
        if large { u64::from(u32_at(e, 120)) | u64::from(u32_at(e, 124)) << 32 } else { u64::from(u32_at(e, 120)) };
    (name, u32_at(e, 116), usize::try_from(len).unwrap_or(usize::MAX))
}

/// Refuses an xls file calamine could not open within bounded memory.
pub(super) fn check(bytes: &[u8]) -> Result<(), ReadError> {
    let header = bytes.get(..512).ok_or_else(|| damaged("it is too short"))?;
    let size = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err(damaged("unknown sector size")),
    };
    let data = bytes.get(size..).ok_or_else(|| damaged("it is too short"))?;
    let sectors = Sectors { data, size, max_id: bytes.len() / size, whole: false };
    // The master table: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = ids(&header[76..512]).collect();
    let mut next = u32_at(header, 68);
    let mut hops = 0;
    while next < RESERVED {
        hops += 1;
        if hops > sectors.max_id + 1 {
            return Err(damaged("the sector table loops"));
        }
        difat.extend(ids(sectors.get(next)?));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFAT_SECTOR).collect();
    if fat_sectors.len() > sectors.max_id + 1 {
        return Err(damaged("the sector table is larger than the file"));
    }
    let mut fat = vec![];
    for id in fat_sectors {
        fat.extend(ids(sectors.get(id)?));
    }
    let dirs = sectors.chain(u32_at(header, 48), &fat, usize::MAX)?;
    let large = size == 4096;
    let dirs: Vec<_> = dirs.chunks_exact(128).map(|e| entry(e, large)).collect();
    let (_, root_start, root_len) = dirs.first().cloned().ok_or_else(|| damaged("it has no directory"))?;
    let mini_fat_len = u32_at(header, 64) as usize;
    let (mini, mini_fat) = if mini_fat_len > 0 {
        let stream = sectors.chain(root_start, &fat, root_len)?;
        let table = sectors.chain(u32_at(header, 60), &fat, mini_fat_len.saturating_mul(size))?;
        (stream, ids(&table).collect())
    } else {
        (vec![], vec![])
    };
    let find = |name: &str| dirs.iter().find(|(n, ..)| n.eq_ignore_ascii_case(name));
    let Some((_, start, len)) = find("Workbook").or_else(|| find("Book")) else { return Ok(()) };
    let stream = if *len < MINI_CUTOFF {
        let minis = Sectors { data: &mini, size: 64, max_id: mini.len() / 64, whole: true };
        minis.chain(*start, &mini_fat, *len)?
    } else {
        sectors.chain(*start, &fat, *len)?
    };
    check_workbook(&stream)
}

/// The records of a BIFF stream from its start: (type, data), as calamine splits them.
fn records(mut s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let len = u16_at(s, 2) as usize;
        let record = s.get(..4 + len)?;
        s = &s[4 + len..];
        Some((u16_at(record, 0), &record[4..]))
    })
}

/// The sheets the workbook's globals list (BoundSheet8 records, up to the first EOF), each
/// checked where it starts. The sheets may not overlap: one stream read once per sheet listed
/// would be a way to make calamine read a 20 MB stream a million times.
fn check_workbook(stream: &[u8]) -> Result<(), ReadError> {
    let starts: Vec<usize> = records(stream)
        .take_while(|(typ, _)| *typ != 0x000A)
        .filter(|(typ, data)| *typ == 0x0085 && data.len() >= 4)
        .map(|(_, data)| u32_at(data, 0) as usize)
        .collect();
    let mut read = 0usize;
    for start in starts {
        let sheet = stream.get(start..).ok_or_else(|| damaged("a sheet starts past the end"))?;
        read += check_sheet(sheet)?;
        if read > stream.len() {
            return Err(damaged("its sheets overlap"));
        }
    }
    Ok(())
}

/// Checks one sheet's DIMENSIONS and the bounding box of its cells; returns its length.
fn check_sheet(sheet: &[u8]) -> Result<usize, ReadError> {
    let (mut depth, mut seen_bof, mut length) = (0usize, false, 0usize);
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut formula_at = (0u32, 0u32);
    let mut cell = |row: u32, col: u32| {
        let (r0, r1, c0, c1) = bounds.unwrap_or((row, row, col, col));
        bounds = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
    };
    for (typ, data) in records(sheet) {
        length += 4 + data.len();
        let at = (u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => check_dimensions(data)?,
            0x0006 => {
                formula_at = at;
                cell(at.0, at.1);
            }
            0x0207 => cell(formula_at.0, formula_at.1),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => cell(at.0, at.1),
            0x00BD if data.len() >= 6 => {
                cell(at.0, at.1);
                cell(at.0, u32::from(u16_at(data, data.len() - 2)));
            }
            0x000A => break,
            _ => {}
        }
    }
    if let Some((r0, r1, c0, c1)) = bounds {
        check_extent(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1)?;
    }
    Ok(length)
}

/// DIMENSIONS as calamine reads it (which then reserves rows × columns cells).
fn check_dimensions(d: &[u8]) -> Result<(), ReadError> {
    let (first_row, last_row, mut first_col, last_col) = match d.len() {
        10 => (u32::from(u16_at(d, 0)), u32::from(u16_at(d, 2)), u32::from(u16_at(d, 4)), u32::from(u16_at(d, 6))),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u32::from(u16_at(d, 8)), u32::from(u16_at(d, 10))),
        _ => return Ok(()),
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return Ok(());
    }
    if last_row - 1 < first_row {
        return Err(damaged("a sheet's dimensions end before they start"));
    }
    check_extent(u64::from(last_row - first_row), u64::from(last_col - first_col))
}
