//! AI test-case generation: a person asks for cases from a story's acceptance criteria, a job
//! asks the organization's provider (Gemini, an OpenAI-compatible server, or the built-in
//! offline rules), checks every proposal and writes suggestions; a reviewer edits, accepts or
//! rejects each, and the accepted ones become cases with their provenance.
pub mod api;
#[cfg(feature = "ssr")]
pub mod check;
pub mod model;
#[cfg(feature = "ssr")]
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prompt;
#[cfg(feature = "ssr")]
pub mod providers;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod runner;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod settings;
