//! Full-text search over stories and test cases (SQLite FTS5 or PostgreSQL tsvector behind one
//! function) and the Ctrl/Cmd+K palette that jumps to any project, story or case.
pub mod api;
pub mod model;
pub mod palette;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use query::{fts_clause, fts_query};

#[cfg(feature = "ssr")]
mod query;
