//! Jobs in the browser: the live stream and the header's badge (`live`), and the page that
//! lists the person's jobs (an admin's: the organization's) with their progress (`list`).
pub mod list;
mod live;
pub use live::{live_jobs, live_runs, provide_live_jobs, what, JobBadge, LiveJobs, LiveRuns, RunEvent};
