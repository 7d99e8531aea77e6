//! User stories, their acceptance criteria, and importing them from spreadsheets.
pub mod api;
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
