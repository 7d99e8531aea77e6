//! Several writes sent to the database as one round trip.
//!
//! A request that writes four rows in four statements pays four round trips: on SQLite each is
//! a hand-off to the connection's worker thread and back, on PostgreSQL a network exchange.
//! `Chain` collects the statements (each built like `Sql`, with `?` placeholders numbered across
//! the whole chain) and sends them at once: on SQLite as one multi-statement query (run in
//! order), on PostgreSQL as one statement whose writes are data-modifying `WITH` parts (each runs
//! exactly once, to completion, on the same snapshot: so two parts must not write the same row).
//! At most one part returns a value (an `i64`, e.g. a new row's id), which `run` gives back.
use super::{AsConn, Backend, Sql};
use crate::{bind_args, db_run};

/// Writes to send together; see the module's notes.
#[derive(Debug)]
pub struct Chain {
    backend: Backend,
    /// The placeholders' values of every part, in order.
    sql: Sql,
    parts: Vec<String>,
    /// PostgreSQL's final query when a part's value is read through it (`SELECT … FROM wN …`);
    /// without it the last part is the statement's own.
    primary: Option<String>,
}

impl Chain {
    pub fn new(backend: Backend) -> Self {
        Chain { backend, sql: Sql::default(), parts: Vec::new(), primary: None }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Adds one write statement, built by `build` on an `Sql` (`push`, `and`, …); returns the name
    /// PostgreSQL knows it by (`w0`, `w1`, …) for `primary`.
    pub fn write(&mut self, build: impl FnOnce(&mut Sql)) -> String {
        let start = self.sql.text.len();
        build(&mut self.sql);
        let text = self.sql.text.split_off(start);
        self.parts.push(text);
        part_name(self.parts.len() - 1)
    }

    /// PostgreSQL only: the query that ends the statement, reading a part by its name (e.g.
    /// `SELECT w3.seq FROM w3, pg_notify(?, w3.seq::text)`). One per chain.
    pub fn primary(&mut self, build: impl FnOnce(&mut Sql)) {
        debug_assert!(self.primary.is_none(), "a chain ends in one query");
        debug_assert_eq!(self.backend, Backend::Postgres, "SQLite runs its parts as they are");
        let start = self.sql.text.len();
        build(&mut self.sql);
        self.primary = Some(self.sql.text.split_off(start));
    }

    /// The SQL sent.
    pub fn text(&self) -> String {
        match (self.backend, &self.primary) {
            (Backend::Sqlite, _) => self.parts.join(";\n"),
            (Backend::Postgres, Some(primary)) => format!("WITH {} {primary}", self.ctes(self.parts.len())),
            (Backend::Postgres, None) => match self.parts.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, _)) => format!("WITH {} {last}", self.ctes(self.parts.len() - 1)),
                None => String::new(),
            },
        }
    }

    fn ctes(&self, n: usize) -> String {
        self.parts[..n]
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} AS ({p})", part_name(i)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Sends every part in one round trip; the value a part returned, if one did. Nothing is sent
    /// for an empty chain.
    pub async fn run(self, c: &mut impl AsConn) -> Result<Option<i64>, sqlx::Error> {
        if self.parts.is_empty() {
            return Ok(None);
        }
        let text = self.text();
        // `fetch_all` drives every statement of SQLite's multi-statement query to its end.
        let values: Vec<i64> =
            db_run!(c, conn => bind_args!(sqlx::query_scalar(&text), &self.sql.args).fetch_all(conn).await)?;
        Ok(values.last().copied())
    }
}

/// The name PostgreSQL knows part `i` by.
fn part_name(i: usize) -> String {
    format!("w{i}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(backend: Backend) -> Chain {
        let mut c = Chain::new(backend);
        c.write(|q| {
            q.push("INSERT INTO a (x) VALUES (?)", [1.into()]);
        });
        let w = c.write(|q| {
            q.push("INSERT INTO b (y) VALUES (?) RETURNING id", ["t".into()]);
        });
        if backend == Backend::Postgres {
            c.primary(|q| {
                q.push(&format!("SELECT {w}.id FROM {w}, pg_notify(?, {w}.id::text)"), ["ch".into()]);
            });
        }
        c
    }

    #[test]
    fn placeholders_run_on_across_the_parts() {
        let s = sample(Backend::Sqlite);
        assert_eq!(s.text(), "INSERT INTO a (x) VALUES ($1);\nINSERT INTO b (y) VALUES ($2) RETURNING id");
        let p = sample(Backend::Postgres);
        assert_eq!(
            p.text(),
            "WITH w0 AS (INSERT INTO a (x) VALUES ($1)), w1 AS (INSERT INTO b (y) VALUES ($2) RETURNING id) \
             SELECT w1.id FROM w1, pg_notify($3, w1.id::text)"
        );
        assert_eq!(p.sql.args.len(), 3);
    }

    #[test]
    fn without_a_primary_the_last_part_ends_the_statement() {
        let mut c = Chain::new(Backend::Postgres);
        assert_eq!(c.text(), "");
        c.write(|q| {
            q.push("UPDATE a SET x = ?", [1.into()]);
        });
        assert_eq!(c.text(), "UPDATE a SET x = $1");
        c.write(|q| {
            q.push("DELETE FROM b WHERE y = ?", [2.into()]);
        });
        assert_eq!(c.text(), "WITH w0 AS (UPDATE a SET x = $1) DELETE FROM b WHERE y = $2");
    }
}
