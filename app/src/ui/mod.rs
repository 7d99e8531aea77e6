//! Shared UI: the app and its shell, layout, theme, forms, the modal dialog, session guards,
//! feedback states and generic pages.
pub mod boot;
#[cfg(feature = "hydrate")]
pub mod crash;
pub mod dialog;
#[cfg(feature = "hydrate")]
pub mod early_input;
pub mod feedback;
#[cfg(feature = "hydrate")]
mod focus;
pub mod form;
pub mod help;
pub mod home;
pub mod layout;
pub mod not_found;
pub mod session;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod status_page;
pub mod theme;
pub mod user_menu;
