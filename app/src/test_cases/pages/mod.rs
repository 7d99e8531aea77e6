//! Test-case pages: the virtualized list, a case with its Gherkin editor, its history, and new.
pub mod bulk_bar;
pub mod detail;
pub mod editor;
pub mod form;
pub mod grid;
pub mod highlight;
pub mod history;
pub mod import;
pub mod list;
pub mod window;
