//! Test run pages: the project's runs, planning a new one, a run with its progress and cases,
//! and the runner (one case at a time, step by step, keyboard first).
mod assign;
pub mod badge;
pub mod list;
pub mod mine;
pub mod new;
pub mod results;
pub mod run;
pub mod runner;
