//! Casebook's shared crate: domain slices, server functions and the UI, compiled for the server
//! (`ssr`) and for the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod audit;
pub mod auth;
pub mod bugs;
pub mod coverage;
pub mod error;
pub mod events;
pub mod evidence;
pub mod generation;
pub mod invitations;
pub mod jobs;
pub mod notifications;
pub mod orgs;
pub mod overview;
pub mod projects;
pub mod routes;
pub mod runs;
pub mod search;
pub mod stories;
pub mod system;
pub mod test_cases;
pub mod ui;
pub mod users;
pub mod visits;
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
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod ratelimit;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod sealed;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod upload;

pub use routes::App;

/// The id of the sources this build was made from (`app/build.rs`), as it appears in the WASM,
/// where the server looks for it at start-up: the site and the binary must agree.
pub const BUILD_MARK: &str = concat!("casebook-build:", env!("CASEBOOK_BUILD_ID"), ";");
/// The prefix of [`BUILD_MARK`].
pub const BUILD_MARK_PREFIX: &str = "casebook-build:";

/// The id in [`BUILD_MARK`] (the server renders it in a `<meta>`; the WASM compares).
pub fn build_id() -> &'static str {
    // Opaque to the optimizer: the whole mark, prefix included, must stay one string in the
    // WASM's data for the server to find it (constant-folded, only the id's bytes were left).
    build_id_in(std::hint::black_box(BUILD_MARK))
}

/// The id in a build mark (this build's, or one found in a site's WASM).
pub fn build_id_in(mark: &str) -> &str {
    mark.trim_start_matches(BUILD_MARK_PREFIX).trim_end_matches(';')
}
#[cfg(feature = "ssr")]
pub use ui::shell::shell;
