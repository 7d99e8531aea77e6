//! Bugs: numbered per project (`KEY-BUG-n`), reported by hand or from a failed step of a run
//! (linked to the run, its execution, the case and its story), moved through one lifecycle
//! decided by a pure function (`model::lifecycle`), re-tested by the runner, discussed in
//! Markdown comments (rendered and sanitized on the server) whose @mentions name members.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
