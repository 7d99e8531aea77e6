//! Projects: the containers of stories, test cases, runs and bugs, keyed per organization.
pub mod api;
#[cfg(feature = "ssr")]
pub mod counters;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
