//! Importing user stories from CSV and spreadsheets: read the file, match its headers, split
//! acceptance criteria, and turn each row into a draft or a list of problems.
pub mod criteria;
pub mod headers;
pub mod read;
pub mod rows;
