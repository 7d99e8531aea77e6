//! Zipped spreadsheets (xlsx, xlsb, ods): the sizes their parts declare, checked before anything
//! is unpacked, and which kind of spreadsheet the zip holds. The zip crate stops any part that
//! inflates past its declared size, so the declared sizes bound what calamine can unpack.
use super::{ReadError, MAX_PACKING, MAX_UNPACKED_BYTES, MB};
use std::io::Cursor;

/// What a zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Xlsx,
    Xlsb,
    Ods,
}

fn unreadable(e: zip::result::ZipError) -> ReadError {
    ReadError::Unreadable(e.to_string())
}

/// Opens `bytes` as a zip and reads its directory only.
pub(super) fn open(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, ReadError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)
}

/// Refuses a zip whose parts declare more than `MAX_UNPACKED_BYTES` together, or one part over
/// 1 MB that is packed more than `MAX_PACKING` times; otherwise says what kind it is.
pub(super) fn check(bytes: &[u8]) -> Result<Format, ReadError> {
    let mut zip = open(bytes)?;
    let mut total = 0u64;
    let mut packed: Option<(String, u64)> = None;
    let mut format = None;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        let (size, stored) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        let name = part.name().map_err(unreadable)?;
        if size > MB && size / stored.max(1) > MAX_PACKING && packed.is_none() {
            packed = Some((name.to_string(), size / stored.max(1)));
        }
        format = format.or(match name.as_ref() {
            "xl/workbook.xml" => Some(Format::Xlsx),
            "xl/workbook.bin" => Some(Format::Xlsb),
            "content.xml" => Some(Format::Ods),
            _ => None,
        });
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ReadError::Unpacks(total.div_ceil(MB)));
    }
    if let Some((part, times)) = packed {
        return Err(ReadError::Packed { part, times });
    }
    format.ok_or_else(|| ReadError::Unreadable("a zip file, but not a spreadsheet".into()))
}
