//! Integration tests: the real router and binary against SQLite, or against PostgreSQL when
//! `TEST_DATABASE_URL` is set (each test then gets a database of its own).
// Test helpers outside #[test] fns are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod abuse;
mod auth;
mod bugs;
mod case_list;
mod cases;
mod cli;
mod db;
mod demo;
mod events;
mod evidence;
mod generation;
mod http;
mod imports;
mod invitations;
mod jobs;
mod matrix;
mod navigation;
mod notifications;
mod projects;
mod restart;
mod runs;
mod secrets;
mod site;
mod smtp;
mod stories;
mod support;
