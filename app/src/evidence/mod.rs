//! Evidence of test runs: files (screenshots, videos, logs, JSON, CSV, HAR, PDF) attached to a
//! step or a whole execution, checked by their content, stored under generated names in an
//! object store, with thumbnails of images; removed from the store by a job when their run goes.
pub mod api;
#[cfg(feature = "ssr")]
pub mod check;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod purge;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod thumb;
#[cfg(feature = "hydrate")]
mod upload;
