//! Invitations: how people join an organization. Tokens are single use, stored only as
//! SHA-256, and expire after 7 days.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
