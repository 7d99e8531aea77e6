//! Generation's pages: the request dialog on a story, the review of a job's suggestions, and
//! the admins' provider settings.
pub mod request;
pub mod review;
pub mod settings;
