//! SQL assembled from only the conditions that apply, with numbered parameters.
//!
//! A generic statement with `($n IS NULL OR col = $n)` for every optional filter looks tidy but
//! defeats both planners: PostgreSQL caches a generic plan for the prepared statement and SQLite
//! cannot pick an index for a condition that may be switched off. `Sql` writes each condition
//! only when its filter is set, numbers the parameters as it goes (`$1`, `$2`, … work on both
//! backends) and `bind_args!` binds them in order on whichever backend runs the statement.
use chrono::{DateTime, Utc};

/// One parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
    /// A value that may be NULL, typed so PostgreSQL knows the column's type.
    OptInt(Option<i64>),
    OptText(Option<String>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::OptInt(v)
    }
}

impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        Arg::OptText(v.map(str::to_owned))
    }
}

impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Self {
        Arg::Time(v)
    }
}

/// A statement under construction and its parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_owned(), args: Vec::new() }
    }

    /// Appends `fragment`, each `?` in it becoming the placeholder of the next of `args`.
    /// Fragments are our own SQL: values never go into the text.
    pub fn push<const N: usize>(&mut self, fragment: &str, args: [Arg; N]) -> &mut Self {
        debug_assert_eq!(fragment.matches('?').count(), N, "one argument for each ? in {fragment:?}");
        let mut args = args.into_iter();
        let mut parts = fragment.split('?');
        self.text.push_str(parts.next().unwrap_or_default());
        for part in parts {
            match args.next() {
                Some(arg) => {
                    self.args.push(arg);
                    self.text.push_str(&format!("${}", self.args.len()));
                }
                // Unreachable with the assertion above; a bare `?` would be refused by the database.
                None => self.text.push('?'),
            }
            self.text.push_str(part);
        }
        self
    }

    /// Appends ` AND <condition>`.
    pub fn and<const N: usize>(&mut self, condition: &str, args: [Arg; N]) -> &mut Self {
        self.text.push_str(" AND ");
        self.push(condition, args)
    }

    /// Appends ` AND <column> IN (…)` with one placeholder per value (at least one value).
    pub fn and_in(&mut self, column: &str, values: impl IntoIterator<Item = Arg>) -> &mut Self {
        self.text.push_str(&format!(" AND {column} IN ("));
        for (i, v) in values.into_iter().enumerate() {
            self.push(if i == 0 { "?" } else { ", ?" }, [v]);
        }
        self.text.push(')');
        self
    }
}

/// Binds every `Arg` of `$args` (a slice) to the query `$q`, in order; use inside `db_run!` so it
/// expands once per backend.
#[macro_export]
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::db::Arg::Int(v) => q.bind(*v),
                $crate::db::Arg::Text(s) => q.bind(s.as_str()),
                $crate::db::Arg::Time(t) => q.bind(*t),
                $crate::db::Arg::OptInt(v) => q.bind(*v),
                $crate::db::Arg::OptText(s) => q.bind(s.as_deref()),
            };
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_the_order_arguments_are_added() {
        let mut s = Sql::new("SELECT 1 FROM t WHERE a = 1");
        s.and("b = ?", [5.into()])
            .and("c = 'x'", [])
            .and("(d > ? OR (d = ? AND e > ?))", ["k".into(), "k".into(), 9.into()]);
        assert_eq!(s.text, "SELECT 1 FROM t WHERE a = 1 AND b = $1 AND c = 'x' AND (d > $2 OR (d = $3 AND e > $4))");
        assert_eq!(s.args, vec![Arg::Int(5), Arg::Text("k".into()), Arg::Text("k".into()), Arg::Int(9)]);
        s.and_in("n", [1.into(), 2.into()]);
        assert!(s.text.ends_with(" AND n IN ($5, $6)"), "{}", s.text);
    }
}
