//! Shared UI: the app and its shell, layout, theme, feedback states and generic pages.
pub mod app;
pub mod feedback;
pub mod help;
pub mod home;
pub mod layout;
pub mod not_found;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod theme;
