//! Recently visited cases and stories: recorded when their page opens, listed on the home page
//! of the person who visited them.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
