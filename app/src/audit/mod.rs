//! The append-only audit log: who did what, to what, from where, and when.
pub mod api;
#[cfg(feature = "ssr")]
pub mod event;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use event::AuditEvent;
pub use model::AuditAction;
