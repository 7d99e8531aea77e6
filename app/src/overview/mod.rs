//! A project's overview: its counts, what changed lately, and what needs doing next (stories
//! without cases, cases in draft). It reads the other slices' tables; it writes nothing.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
