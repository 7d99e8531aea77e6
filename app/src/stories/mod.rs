//! User stories, their acceptance criteria, and importing them from spreadsheets.
pub mod api;
pub mod fields;
pub mod import;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
