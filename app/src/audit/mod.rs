//! The append-only audit log: who did what, to what, from where, and when.
pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;

pub use model::AuditAction;
#[cfg(feature = "ssr")]
pub use repo::AuditEvent;
