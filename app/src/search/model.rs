//! Wire types of search results.
use serde::{Deserialize, Serialize};

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    Project,
    Story,
    Case,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Project => "Project",
            HitKind::Story => "Story",
            HitKind::Case => "Test case",
        }
    }
}

/// One search result: where it lives, and a snippet with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// `SHOP`, `SHOP-US-3` or `SHOP-TC-12`.
    pub key: String,
    pub title: String,
    /// Text pieces; `true` marks a matched word.
    pub snippet: Vec<(String, bool)>,
    /// Where the hit's page is.
    pub href: String,
}

/// Start and end of a matched word in snippets as the database returns them.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// Splits a snippet with `MARK_START`/`MARK_END` around matches into marked pieces.
pub fn split_snippet(s: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut marked = false;
    let mut cur = String::new();
    for ch in s.chars() {
        if ch == MARK_START || ch == MARK_END {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), marked));
            }
            marked = ch == MARK_START;
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        out.push((cur, marked));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_into_marked_pieces() {
        assert_eq!(
            split_snippet("a \u{2}login\u{3} page"),
            vec![("a ".into(), false), ("login".into(), true), (" page".into(), false)]
        );
    }
}
