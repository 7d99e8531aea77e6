//! Reads an acceptance criterion's wording: the limits its numbers set, whether it states a rule
//! that can be broken, the options it lists, the role it names, and Given/When/Then parts when it
//! is written that way. Plain string scanning with fixed word lists, bounded in size.
use super::numbers::{bounds, Bound};

/// Most characters of a criterion read; the rest is ignored.
pub(super) const MAX_TEXT: usize = 1_000;
/// Most options of a list made into examples.
const MAX_ITEMS: usize = 10;
/// Most words in one option of a list.
const MAX_ITEM_WORDS: usize = 3;

/// What the rules found in one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Analysis {
    /// The criterion on one line, at most [`MAX_TEXT`] characters.
    pub text: String,
    pub bounds: Vec<Bound>,
    /// Whether it states a rule (must, only, required…) that can be broken.
    pub strict: bool,
    /// The options it lists: none, or two to [`MAX_ITEMS`].
    pub items: Vec<String>,
    /// The first role it names.
    pub role: Option<String>,
    /// Given, When and Then texts when the criterion is written as steps.
    pub steps: Option<[String; 3]>,
}

/// Reads one criterion.
pub(super) fn analyse(raw: &str) -> Analysis {
    // Whitespace collapses when cleaning, so four times the limit is plenty to read.
    let head = match raw.char_indices().nth(4 * MAX_TEXT) {
        Some((at, _)) => &raw[..at],
        None => raw,
    };
    let text = shorten(&one_line(head), MAX_TEXT);
    Analysis {
        bounds: bounds(&text),
        strict: strict(&text),
        items: items(&text),
        role: role(&text),
        steps: written_steps(&text),
        text,
    }
}

/// `s` on one line: control characters and runs of whitespace become one space, ends trimmed.
pub(super) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `s` cut to at most `max` characters (on a character boundary), ending in `…` when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The words of `text`, lower case, split at anything not a letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Words that state a rule.
const STRICT: &[&str] = &[
    "must",
    "mustn",
    "only",
    "required",
    "requires",
    "cannot",
    "mandatory",
    "debe",
    "deben",
    "deberá",
    "solo",
    "sólo",
    "solamente",
    "únicamente",
    "obligatorio",
    "obligatoria",
    "obligatorios",
    "obligatorias",
    "requerido",
    "requerida",
    "requeridos",
    "requeridas",
];

/// Word pairs that state a rule.
const STRICT_PAIRS: &[(&str, &str)] = &[
    ("should", "not"),
    ("shouldn", "t"),
    ("can", "t"),
    ("may", "not"),
    ("not", "allowed"),
    ("no", "puede"),
    ("no", "pueden"),
    ("no", "debería"),
];

fn strict(text: &str) -> bool {
    let words = words(text);
    words.iter().any(|w| STRICT.contains(&w.as_str()))
        || words.windows(2).any(|pair| STRICT_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Role words and the name a scenario gives them.
const ROLES: &[(&str, &str)] = &[
    ("admin", "admin"),
    ("admins", "admin"),
    ("administrator", "administrator"),
    ("administrators", "administrator"),
    ("manager", "manager"),
    ("managers", "manager"),
    ("qa", "QA"),
    ("tester", "tester"),
    ("testers", "tester"),
    ("dev", "dev"),
    ("devs", "dev"),
    ("developer", "developer"),
    ("developers", "developer"),
    ("guest", "guest"),
    ("guests", "guest"),
    ("anonymous", "anonymous"),
    ("owner", "owner"),
    ("owners", "owner"),
    ("member", "member"),
    ("members", "member"),
    ("viewer", "viewer"),
    ("viewers", "viewer"),
    ("administrador", "administrador"),
    ("administradores", "administrador"),
    ("administradora", "administrador"),
    ("gerente", "gerente"),
    ("gerentes", "gerente"),
    ("invitado", "invitado"),
    ("invitados", "invitado"),
    ("invitada", "invitado"),
    ("usuario", "usuario"),
    ("usuarios", "usuario"),
    ("propietario", "propietario"),
    ("miembro", "miembro"),
    ("miembros", "miembro"),
    ("desarrollador", "desarrollador"),
    ("desarrolladores", "desarrollador"),
];

fn role(text: &str) -> Option<String> {
    let words = words(text);
    words.iter().enumerate().find_map(|(at, w)| {
        // "nombre de usuario", "cuenta de usuario" name a field, not a role.
        if w.starts_with("usuario") && at > 0 && words[at - 1] == "de" {
            return None;
        }
        ROLES.iter().find(|(word, _)| *word == w.as_str()).map(|(_, name)| (*name).to_owned())
    })
}

/// Words joining the last option of a list; the second list only joins alternatives, which make a
/// list of two without commas (`card or PayPal`).
const CONJUNCTIONS: &[&str] = &["and", "or", "and/or", "y", "e", "o", "u", "ni", "y/o"];
const ALTERNATIVES: &[&str] = &["or", "and/or", "o", "u", "y/o"];

/// The options of the first list in the text: `PDF, PNG and JPG`, `English, Spanish or French`.
fn items(text: &str) -> Vec<String> {
    for clause in clauses(text) {
        let words: Vec<&str> = clause.split_whitespace().collect();
        for (at, word) in words.iter().enumerate().skip(1) {
            let word = word.to_lowercase();
            if at + 1 >= words.len() || !CONJUNCTIONS.contains(&word.as_str()) {
                continue;
            }
            let found = list_at(&words, at).or_else(|| {
                ALTERNATIVES.contains(&word.as_str()).then(|| vec![words[at - 1].to_owned(), words[at + 1].to_owned()])
            });
            if let Some(found) = found.and_then(tidy) {
                return found;
            }
        }
    }
    Vec::new()
}

/// The sentences of the text (split at `.`, `;`, `:`, `!`, `?` followed by a space).
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | ';' | ':' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace()) {
            out.push(&text[start..at]);
            start = at + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out
}

/// A comma-separated list ending at the conjunction `words[at]`: the options are as long as the
/// one just before it, which is how the first option is told from the words before the list.
fn list_at(words: &[&str], at: usize) -> Option<Vec<String>> {
    let before = words[..at].join(" ");
    let mut segments: Vec<&str> = before.split(',').map(str::trim).collect();
    if segments.last().is_some_and(|s| s.is_empty()) {
        segments.pop(); // "A, B, and C"
    }
    if segments.len() < 2 {
        return None;
    }
    let width = segments.last().map_or(0, |s| s.split_whitespace().count());
    if width == 0 || width > MAX_ITEM_WORDS {
        return None;
    }
    let mut items = Vec::new();
    for segment in segments.iter().rev() {
        let seg: Vec<&str> = segment.split_whitespace().collect();
        if seg.is_empty() {
            return None;
        }
        if seg.len() <= width {
            items.push(seg.join(" "));
        } else {
            items.push(seg[seg.len() - width..].join(" "));
            break;
        }
    }
    items.reverse();
    let mut tail = Vec::new();
    for word in words[at + 1..].iter().take(width) {
        tail.push(*word);
        if word.ends_with(',') {
            break;
        }
    }
    items.push(tail.join(" "));
    Some(items)
}

/// Options without surrounding punctuation, each once, at most [`MAX_ITEMS`]; `None` unless two
/// or more are left.
fn tidy(items: Vec<String>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = item
            .trim_start_matches(['"', '\'', '(', '[', '“', '«', '¿', '¡'])
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '”' | '»' | '…'))
            .trim();
        if item.is_empty() {
            return None;
        }
        if !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item.to_owned());
        }
    }
    out.truncate(MAX_ITEMS);
    (out.len() >= 2).then_some(out)
}

/// Given, When and Then parts of a criterion written `Given …, when …, then …` (or in Spanish).
fn written_steps(text: &str) -> Option<[String; 3]> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` slice `text`.
    let lower = text.to_ascii_lowercase();
    let given = ["given ", "dado ", "dada ", "dados ", "dadas "].into_iter().find(|k| lower.starts_with(k))?;
    let (when, when_len) = find_any(&lower, given.len(), &[" when ", " cuando "])?;
    let (then, then_len) = find_any(&lower, when + when_len, &[" then ", " entonces "])?;
    let part = |s: &str| s.trim().trim_end_matches(',').trim().to_owned();
    let parts = [part(&text[given.len()..when]), part(&text[when + when_len..then]), part(&text[then + then_len..])];
    parts.iter().all(|p| !p.is_empty()).then_some(parts)
}

/// The first of `needles` in `s` from byte `from` on (the longest at the same place), with its length.
pub(super) fn find_any(s: &str, from: usize, needles: &[&str]) -> Option<(usize, usize)> {
    let rest = s.get(from..)?;
    needles
        .iter()
        .filter_map(|n| rest.find(n).map(|at| (from + at, n.len())))
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
}
