//! Durable background jobs: one table in the application's database, claimed by workers in the
//! server process (any number of processes share a PostgreSQL queue: `FOR UPDATE SKIP LOCKED`,
//! a lease renewed by a heartbeat, taken up again when it expires), with attempts and
//! exponential backoff, progress, a checkpoint to resume from, cancellation, and a result or an
//! error. Slices add a kind by implementing `queue::Handler`; every change reaches its starter
//! on the live stream (`events`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod events;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
