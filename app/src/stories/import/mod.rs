//! Importing user stories from CSV and spreadsheets: read the file, match its headers, split
//! acceptance criteria, turn each row into a draft with its problems (errors reject a row,
//! warnings only empty a field), resolve assignees, and write the drafts. A sub-slice with the
//! files of a slice: `model`, `api`, `pages`, `service` (+ `preview`, `runner`), `repo`, `http`.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod apply;
#[cfg(feature = "ssr")]
pub mod criteria;
#[cfg(feature = "ssr")]
pub mod headers;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod job;
#[cfg(feature = "ssr")]
pub mod preview;
#[cfg(feature = "ssr")]
pub mod read;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod rows;
#[cfg(feature = "ssr")]
pub mod runner;
#[cfg(feature = "ssr")]
pub mod service;
