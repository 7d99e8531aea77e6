//! Story pages: the filterable list with bulk changes and a story with its criteria (import's page is in `import/pages.rs`).
pub mod detail;
pub mod list;

pub const SELECT: &str =
    "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
