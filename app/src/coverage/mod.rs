//! A project's coverage: every story's acceptance criteria with the cases that cover them, the
//! uncovered ones highlighted, and one click to generate cases for all of them.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
