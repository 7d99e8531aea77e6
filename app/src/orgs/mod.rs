//! Organizations: the tenants. Every tenant-owned row carries an `organization_id`.
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
