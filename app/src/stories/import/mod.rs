//! Importing user stories from CSV and spreadsheets: read the file, match its headers, split
//! acceptance criteria, turn each row into a draft or a list of problems, and write the drafts.
pub mod apply;
pub mod criteria;
pub mod headers;
pub mod http;
pub mod jobs;
pub mod read;
pub mod rows;
pub mod service;
