//! Hostile files for the reader's tests, built byte by byte: spreadsheets that declare, or unpack
//! to, far more than they hold. Test code only.
use std::io::{Read, Write};

/// A CSV whose second row has a cell in column 1,000,000, then 10,000 short rows.
pub fn wide_csv() -> Vec<u8> {
    let mut s = String::from("Title\n");
    s.push_str(&",".repeat(999_999));
    s.push_str("x\n");
    for i in 0..10_000 {
        s.push_str(&format!("Story {i}\n"));
    }
    s.into_bytes()
}

pub fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    build(wb.add_worksheet());
    wb.save_to_buffer().unwrap()
}

fn title_sheet() -> Vec<u8> {
    xlsx(|ws| {
        ws.write_string(0, 0, "Title").unwrap();
        ws.write_string(1, 0, "Checkout").unwrap();
    })
}

/// The entries of a zip, unpacked.
pub fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = vec![];
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// The same zip with each entry's content passed through `edit`, written by the zip crate.
pub fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries(bytes) {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(&edit(&name, data)).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A two-cell xlsx whose sheet declares `dimension` (rust_xlsxwriter wrote `A1:A2`).
pub fn xlsx_declaring(dimension: &str) -> Vec<u8> {
    rezip(&title_sheet(), |name, data| {
        if name != "xl/worksheets/sheet1.xml" {
            return data;
        }
        let xml = String::from_utf8(data).unwrap();
        assert!(xml.contains(r#"<dimension ref="A1:A2"/>"#), "{xml}");
        xml.replace(r#"<dimension ref="A1:A2"/>"#, &format!(r#"<dimension ref="{dimension}"/>"#)).into_bytes()
    })
}

/// An xlsx with cells in A1, A2 and the last cell of a sheet, XFD1048576.
pub fn xlsx_far_cell() -> Vec<u8> {
    xlsx(|ws| {
        ws.write_string(0, 0, "Title").unwrap();
        ws.write_string(1, 0, "Checkout").unwrap();
        ws.write_string(1_048_575, 16_383, "far").unwrap();
    })
}

/// The same, with the dimension rewritten to `A1`: the far cell is found only by reading.
pub fn xlsx_far_cell_undeclared() -> Vec<u8> {
    rezip(&xlsx_far_cell(), |name, data| {
        if name != "xl/worksheets/sheet1.xml" {
            return data;
        }
        let xml = String::from_utf8(data).unwrap();
        assert!(xml.contains(r#"<dimension ref="A1:XFD1048576"/>"#), "{xml}");
        xml.replace(r#"<dimension ref="A1:XFD1048576"/>"#, r#"<dimension ref="A1"/>"#).into_bytes()
    })
}

/// An xlsx whose sharedStrings.xml holds one string of `zeros` zeros: a few hundred KB
/// deflated for 200 MB, 4 MB for 4 GB (and the sizes and checksum in the zip are right).
pub fn xlsx_zero_strings(zeros: u64) -> Vec<u8> {
    let prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\"><si><t>";
    let suffix = "</t></si><si><t>Checkout</t></si></sst>";
    let raw: Vec<Raw> = entries(&title_sheet())
        .into_iter()
        .map(|(name, data)| {
            if name == "xl/sharedStrings.xml" {
                zero_run(name, prefix.as_bytes(), b'0', zeros, suffix.as_bytes())
            } else {
                Raw::stored(name, data)
            }
        })
        .collect();
    raw_zip(&raw)
}

/// An xlsx whose one shared string (`len` bytes) fills `rows` × `cols` cells.
pub fn xlsx_repeated_string(len: usize, rows: u32, cols: u16) -> Vec<u8> {
    let text = "y".repeat(len);
    xlsx(|ws| {
        ws.write_string(0, 0, "Title").unwrap();
        for r in 1..=rows {
            for c in 0..cols {
                ws.write_string(r, c, &text).unwrap();
            }
        }
    })
}

/// One zip entry as it is stored: `data` already compressed with `method`.
pub struct Raw {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

impl Raw {
    pub fn stored(name: impl Into<String>, data: Vec<u8>) -> Raw {
        Raw { name: name.into(), method: 0, crc: crc32(&data), size: data.len() as u32, data }
    }
}

/// A zip of `entries` written by hand, so sizes and data can be anything.
pub fn raw_zip(entries: &[Raw]) -> Vec<u8> {
    let (mut out, mut central) = (vec![], vec![]);
    for e in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            for x in [20u16, 0, e.method, 0, 0x21] {
                v.extend(x.to_le_bytes());
            }
            v.extend(e.crc.to_le_bytes());
            v.extend((e.data.len() as u32).to_le_bytes());
            v.extend(e.size.to_le_bytes());
            v.extend((e.name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(e.name.as_bytes());
        out.extend(&e.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        central.extend([0u8; 10]); // comment length, disk, internal and external attributes
        central.extend(offset.to_le_bytes());
        central.extend(e.name.as_bytes());
    }
    let (cd_offset, cd_len, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(n.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend([0u8; 2]);
    out
}

const CRC_POLY: u32 = 0xEDB8_8320;

fn crc_byte(mut c: u32, b: u8) -> u32 {
    c ^= u32::from(b);
    for _ in 0..8 {
        c = if c & 1 == 1 { (c >> 1) ^ CRC_POLY } else { c >> 1 };
    }
    c
}

pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0, |c, b| crc_byte(c, *b))
}

/// The CRC register after `n` more bytes `b`: one byte is an affine map over GF(2)^32, so `n`
/// of them are that map raised to the `n`th power by squaring (zlib's crc32_combine idea).
fn crc_run(c: u32, b: u8, mut n: u64) -> u32 {
    type Affine = ([u32; 32], u32);
    let apply = |(m, k): &Affine, v: u32| (0..32).filter(|i| v >> i & 1 == 1).fold(*k, |acc, i| acc ^ m[i]);
    let compose = |a: &Affine, b: &Affine| -> Affine {
        // a after b
        let mut m = [0u32; 32];
        for (i, col) in m.iter_mut().enumerate() {
            *col = apply(a, b.0[i]) ^ a.1;
        }
        (m, apply(a, b.1))
    };
    let k = crc_byte(0, b);
    let mut step: Affine = ([0; 32], k);
    for (i, col) in step.0.iter_mut().enumerate() {
        *col = crc_byte(1 << i, b) ^ k;
    }
    let mut acc: Affine = (std::array::from_fn(|i| 1 << i), 0);
    while n > 0 {
        if n & 1 == 1 {
            acc = compose(&step, &acc);
        }
        step = compose(&step, &step);
        n >>= 1;
    }
    apply(&acc, c)
}

/// Deflate output, least significant bit first.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, which deflate writes most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    /// A fixed-Huffman block of ASCII literals.
    fn fixed_block(&mut self, last: bool, literals: &[u8]) {
        self.put(u32::from(last), 1);
        self.put(1, 2);
        for b in literals {
            self.code(0x30 + u32::from(*b), 8);
        }
        self.code(0, 7);
    }
}

/// An entry of `prefix`, `n` bytes `b` and `suffix`, deflated to about 2 bits per 258 bytes:
/// a dynamic-Huffman block whose only codes are "copy 258 bytes from 1 back" and its end.
fn zero_run(name: String, prefix: &[u8], b: u8, n: u64, suffix: &[u8]) -> Raw {
    let mut bits = Bits { out: vec![], acc: 0, n: 0 };
    bits.fixed_block(false, &[prefix, &[b]].concat());
    let (matches, rest) = ((n - 1) / 258, (n - 1) % 258);
    bits.put(0, 1);
    bits.put(2, 2);
    bits.put(29, 5); // 286 literal/length codes
    bits.put(0, 5); // 1 distance code
    bits.put(14, 4); // 18 code-length codes, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    for i in 0..18 {
        bits.put(u32::from(i == 2 || i == 17), 3); // lengths 1 for symbols 18 and 1
    }
    // Code lengths (symbol 1 = code 0, symbol 18 = code 1 with 7 extra bits: zeros - 11).
    for (zeros, one) in [(138, false), (118, true), (28, true)] {
        bits.code(1, 1);
        bits.put(zeros - 11, 7);
        if one {
            bits.code(0, 1);
        }
    }
    bits.code(0, 1); // the one distance code has length 1
    for _ in 0..matches {
        bits.code(1, 1); // length 258 (symbol 285)
        bits.code(0, 1); // distance 1
    }
    bits.code(0, 1); // end of block (symbol 256)
    bits.fixed_block(true, &[vec![b; rest as usize], suffix.to_vec()].concat());
    if bits.n > 0 {
        bits.out.push(bits.acc as u8);
    }
    let size = prefix.len() as u64 + n + suffix.len() as u64;
    let mut c = prefix.iter().fold(!0, |c, x| crc_byte(c, *x));
    c = crc_run(c, b, n);
    let crc = !suffix.iter().fold(c, |c, x| crc_byte(c, *x));
    Raw { name, method: 8, data: bits.out, crc, size: u32::try_from(size).unwrap() }
}

/// A zip with one entry `name` of `n` zeros between two short texts.
pub fn zero_zip(name: &str, n: u64) -> Vec<u8> {
    raw_zip(&[zero_run(name.into(), b"<a>", b'0', n, b"</a>")])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hand_made_deflate_stream_unpacks_to_what_it_declares() {
        for n in [1, 258, 259, 100_000] {
            let files = super::entries(&super::zero_zip("z.txt", n));
            let expected = format!("<a>{}</a>", "0".repeat(n as usize));
            assert_eq!(files[0].1, expected.as_bytes(), "{n}");
        }
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
