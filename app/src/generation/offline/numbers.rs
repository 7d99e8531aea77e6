//! Reads the numbers of a criterion and the words around them (`at least 8 characters`,
//! `entre 3 y 20`) as the limits its boundary scenarios try.

/// Most numbers read in one criterion.
const MAX_NUMBERS: usize = 3;

/// Which values a number in a criterion lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    /// This value and above.
    AtLeast(i64),
    /// This value and below.
    AtMost(i64),
    /// This value only.
    Exactly(i64),
    /// Both ends included.
    Between(i64, i64),
    /// A number with no wording around it saying which side is accepted.
    Bare(i64),
}

/// A limit with the words that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bound {
    pub limit: Limit,
    /// How the criterion puts it, e.g. `at least 8 characters`.
    pub label: String,
    /// The word after the number (`characters`), or empty.
    pub unit: String,
}

/// How the words before a number read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Exactly,
    Range,
}

/// Words written just before a number, lower case.
const PHRASES: &[(&str, Kind)] = &[
    ("at least", Kind::AtLeast),
    ("minimum", Kind::AtLeast),
    ("minimum of", Kind::AtLeast),
    ("min", Kind::AtLeast),
    ("min.", Kind::AtLeast),
    ("no less than", Kind::AtLeast),
    ("not less than", Kind::AtLeast),
    ("no fewer than", Kind::AtLeast),
    ("greater than or equal to", Kind::AtLeast),
    ("more than", Kind::MoreThan),
    ("greater than", Kind::MoreThan),
    ("over", Kind::MoreThan),
    ("above", Kind::MoreThan),
    ("at most", Kind::AtMost),
    ("up to", Kind::AtMost),
    ("max", Kind::AtMost),
    ("max.", Kind::AtMost),
    ("maximum", Kind::AtMost),
    ("maximum of", Kind::AtMost),
    ("no more than", Kind::AtMost),
    ("not more than", Kind::AtMost),
    ("within", Kind::AtMost),
    ("limit of", Kind::AtMost),
    ("limited to", Kind::AtMost),
    ("not exceed", Kind::AtMost),
    ("cannot exceed", Kind::AtMost),
    ("less than or equal to", Kind::AtMost),
    ("less than", Kind::LessThan),
    ("fewer than", Kind::LessThan),
    ("under", Kind::LessThan),
    ("below", Kind::LessThan),
    ("exactly", Kind::Exactly),
    ("equal to", Kind::Exactly),
    ("between", Kind::Range),
    ("from", Kind::Range),
    ("al menos", Kind::AtLeast),
    ("como mínimo", Kind::AtLeast),
    ("mínimo", Kind::AtLeast),
    ("mínimo de", Kind::AtLeast),
    ("no menos de", Kind::AtLeast),
    ("más de", Kind::MoreThan),
    ("mayor que", Kind::MoreThan),
    ("mayor a", Kind::MoreThan),
    ("superior a", Kind::MoreThan),
    ("como máximo", Kind::AtMost),
    ("máximo", Kind::AtMost),
    ("máximo de", Kind::AtMost),
    ("hasta", Kind::AtMost),
    ("no más de", Kind::AtMost),
    ("a lo sumo", Kind::AtMost),
    ("no superar", Kind::AtMost),
    ("no exceder", Kind::AtMost),
    ("menos de", Kind::LessThan),
    ("menor que", Kind::LessThan),
    ("menor a", Kind::LessThan),
    ("inferior a", Kind::LessThan),
    ("exactamente", Kind::Exactly),
    ("entre", Kind::Range),
    ("de", Kind::Range),
    ("desde", Kind::Range),
];

/// What may stand between the two numbers of a range after `between`/`entre`, and (the second
/// list) with nothing before the first number: `8 to 64`, `8-64`.
const RANGE_GAPS: &[&str] = &["and", "to", "-", "–", "y", "a", "hasta"];
const BARE_RANGE_GAPS: &[&str] = &["to", "-", "–", "a"];

/// Words after a number that are not its unit.
const NOT_UNITS: &[&str] = &[
    "and", "or", "to", "the", "in", "of", "per", "for", "is", "are", "y", "o", "u", "e", "a", "de", "del", "el", "la",
    "los", "las", "en", "por", "para", "es", "son",
];

/// A whole number in the text and where it sits (byte offsets).
struct Number {
    value: i64,
    start: usize,
    end: usize,
}

/// The first [`MAX_NUMBERS`] whole numbers, thousands separators allowed; decimals and numbers
/// glued to a word before them (`MP3`, `v2`) are skipped.
fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() && out.len() < MAX_NUMBERS {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        let mut decimal = false;
        loop {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                digits.push(char::from(bytes[i]));
                i += 1;
            }
            if i >= bytes.len() || !matches!(bytes[i], b',' | b'.') {
                break;
            }
            let run = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if run == 3 {
                i += 1;
                continue;
            }
            if run > 0 {
                decimal = true;
                i += 1 + run;
            }
            break;
        }
        let glued = text[..start].chars().next_back().is_some_and(char::is_alphabetic);
        if decimal || glued || digits.len() > 15 {
            continue;
        }
        if let Ok(value) = digits.parse::<i64>() {
            out.push(Number { value, start, end: i });
        }
    }
    out
}

/// The longest phrase of [`PHRASES`] that `before` ends with, as a whole word.
fn phrase_before(before: &str) -> Option<(&'static str, Kind)> {
    let lower = before.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '=').to_lowercase();
    PHRASES
        .iter()
        .copied()
        .filter(|(phrase, _)| {
            lower.strip_suffix(phrase).is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric))
        })
        .max_by_key(|(phrase, _)| phrase.len())
}

/// The unit after a number (`characters`, `%`) and the byte length it takes, spaces included.
fn unit_after(rest: &str) -> (String, usize) {
    if rest.starts_with('%') {
        return ("%".to_owned(), 1);
    }
    let trimmed = rest.trim_start();
    let word: String = trimmed.chars().take_while(|c| c.is_alphabetic()).collect();
    let taken = word.chars().count();
    if word.is_empty() || taken > 30 || NOT_UNITS.contains(&word.to_lowercase().as_str()) {
        return (String::new(), 0);
    }
    let len = rest.len() - trimmed.len() + word.len();
    (word, len)
}

/// The limits the criterion's numbers set.
pub(super) fn bounds(text: &str) -> Vec<Bound> {
    let nums = numbers(text);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = nums.get(i) {
        let phrase = phrase_before(&text[..first.start]);
        let kind = phrase.map(|(_, kind)| kind);
        let mut last = first;
        let mut limit = match kind {
            Some(Kind::AtLeast) => Limit::AtLeast(first.value),
            Some(Kind::MoreThan) => Limit::AtLeast(first.value.saturating_add(1)),
            Some(Kind::AtMost) => Limit::AtMost(first.value),
            Some(Kind::LessThan) => Limit::AtMost(first.value.saturating_sub(1)),
            Some(Kind::Exactly) => Limit::Exactly(first.value),
            Some(Kind::Range) | None => Limit::Bare(first.value),
        };
        if let (Some(next), Some(Kind::Range) | None) = (nums.get(i + 1), kind) {
            let gap = text[first.end..next.start].trim().to_lowercase();
            let gaps = if kind.is_some() { RANGE_GAPS } else { BARE_RANGE_GAPS };
            if gaps.contains(&gap.as_str()) && first.value <= next.value {
                limit = Limit::Between(first.value, next.value);
                last = next;
                i += 1;
            }
        }
        let (unit, unit_len) = unit_after(&text[last.end..]);
        let written = &text[first.start..last.end + unit_len];
        let label = match phrase {
            Some((phrase, _)) => format!("{phrase} {written}"),
            None => written.to_owned(),
        };
        out.push(Bound { limit, label, unit });
        i += 1;
    }
    out
}
