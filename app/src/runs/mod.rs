//! Test runs: a named run of a project built from a selection of cases, whose start snapshots
//! each case's Gherkin revision (later edits do not change what is executed); executions marked
//! step by step as small idempotent operations (a client-generated id and time each) sent in
//! batches, so a runner that lost its connection can replay them; the execution's status derived
//! from its steps; progress and counts per status.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod snapshot;
