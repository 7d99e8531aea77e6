//! Saved case lists: a named selection of a project's cases ("Smoke", "Checkout regression"),
//! saved from the case list's selection and picked when planning a test run.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
