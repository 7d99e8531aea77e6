//! Bug pages: the list with its filters (a page at a time), the board by status with drag to
//! move (allowed moves only), reporting one (by hand or pre-filled from a failed step), and a
//! bug with its lifecycle, assignee, comments and re-test.
pub mod board;
pub mod detail;
pub mod form;
pub mod list;
mod moves;
pub mod open;

use super::model::{BugPriority, BugStatus, Severity};
use leptos::prelude::*;

const BADGE: &str = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

pub fn status_tone(s: BugStatus) -> &'static str {
    match s {
        BugStatus::New | BugStatus::Reopened => "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
        BugStatus::Assigned | BugStatus::InProgress => {
            "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200"
        }
        BugStatus::Fixed | BugStatus::Testing => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        BugStatus::Verified | BugStatus::Closed => "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
        BugStatus::WontFix | BugStatus::Duplicate => {
            "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
        }
    }
}

#[component]
pub fn StatusBadge(status: BugStatus) -> impl IntoView {
    view! { <span class=format!("{BADGE} {}", status_tone(status)) data-testid="bug-status">{status.label()}</span> }
}

#[component]
pub fn SeverityBadge(severity: Severity) -> impl IntoView {
    let tone = match severity {
        Severity::Critical => "bg-red-700 text-white",
        Severity::High => "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
        Severity::Medium => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        Severity::Low => "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
    };
    view! { <span class=format!("{BADGE} {tone}")>{severity.label()}</span> }
}

/// "High priority".
pub fn priority_text(p: BugPriority) -> String {
    format!("{} priority", p.label())
}
