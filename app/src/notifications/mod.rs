//! Notifications: telling a person about a change that concerns them (a bug assigned to them, a
//! mention, a status change of a bug they reported or work on), in the app (a row, and an event on
//! their live stream) and by email (the outbox), each as their settings say. Written by
//! `service::notify` in the change's own transaction; each person reads and marks only their own.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
