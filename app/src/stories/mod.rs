//! User stories, their acceptance criteria, and importing them from spreadsheets.
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
