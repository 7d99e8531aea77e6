//! Turns what people type into each backend's full-text query, safely: only letters and digits
//! reach the query language, and every word is a prefix match (type-ahead).
use crate::db::Backend;

/// Most words one query uses.
const MAX_WORDS: usize = 8;

/// The words of `text`, lower-cased, letters and digits only.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect()
}

/// The full-text query for `text` in `backend`'s syntax; empty when `text` has no words.
/// Every word must match, as a prefix.
pub fn fts_query(backend: Backend, text: &str) -> String {
    let w = words(text);
    match backend {
        Backend::Sqlite => w.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
        Backend::Postgres => w.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
    }
}

/// A condition that `alias` (a row of `table`, which has a `<table>_fts` index on SQLite and a
/// `search` tsvector on PostgreSQL) matches the query bound at `param`.
pub fn fts_clause(backend: Backend, table: &str, alias: &str, param: &str) -> String {
    match backend {
        Backend::Sqlite => format!("{alias}.id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH {param})"),
        Backend::Postgres => format!("{alias}.search @@ to_tsquery('simple', {param})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_quotes_never_reach_the_query_language() {
        assert_eq!(
            fts_query(Backend::Sqlite, "log\"in OR -x* NEAR(a"),
            "\"log\"* \"in\"* \"or\"* \"x\"* \"near\"* \"a\"*"
        );
        assert_eq!(fts_query(Backend::Postgres, "Café & !(x)"), "café:* & x:*");
        assert_eq!(fts_query(Backend::Postgres, "  ...  "), "");
    }
}
