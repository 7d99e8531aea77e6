//! Project pages: the list, the settings, and the navigation every page below a project shows
//! (the overview is its own slice, `overview`).
mod fields;
pub mod list;
pub mod nav;
pub mod settings;

pub use fields::percent;
pub use list::ProjectsPage;
pub use settings::SettingsPage;
