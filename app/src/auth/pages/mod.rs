//! Pages of identity: setup, sign-in, invitation, password reset and profile.
pub mod invite;
pub mod login;
pub mod profile;
pub mod reset;
pub mod setup;
