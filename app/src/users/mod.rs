//! People and their roles within one organization.
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
