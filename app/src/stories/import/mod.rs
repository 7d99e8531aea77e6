//! Importing user stories from CSV and spreadsheets: read the file, match its headers, split
//! acceptance criteria, turn each row into a draft with its problems (errors reject a row,
//! warnings only empty a field), resolve assignees, and write the drafts.
pub mod aliases;
pub mod apply;
pub mod criteria;
pub mod headers;
pub mod http;
pub mod jobs;
pub mod preview;
pub mod read;
pub mod rows;
pub mod runner;
pub mod service;
