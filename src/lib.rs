//! The Casebook server: configuration, start-up and the HTTP router around the `app` crate.
pub mod after_paint;
pub mod cli;
pub mod config;
pub mod demo;
pub mod secret;
pub mod serve;
pub mod site;
pub mod startup;
pub mod telemetry;
