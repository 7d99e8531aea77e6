//! Casebook's shared crate: domain slices, server functions and the UI, compiled for the server
//! (`ssr`) and for the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod audit;
pub mod auth;
pub mod error;
pub mod invitations;
pub mod orgs;
pub mod projects;
pub mod routes;
pub mod search;
pub mod stories;
pub mod system;
pub mod test_cases;
pub mod ui;
pub mod users;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod csv_cells;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod maintenance;
#[cfg(feature = "ssr")]
pub mod ratelimit;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod upload;

pub use routes::App;
#[cfg(feature = "ssr")]
pub use ui::shell::shell;
