//! How a run's or an execution's state looks: a badge with its words (never colour alone), and
//! the progress bar with counts per status.
use crate::{
    runs::model::{Counts, ExecStatus, RunStatus},
    ui::feedback::width_tenths,
};
use leptos::prelude::*;

const BADGE: &str = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

pub fn exec_tone(s: ExecStatus) -> &'static str {
    match s {
        ExecStatus::Untested => "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
        ExecStatus::InProgress => "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
        ExecStatus::Passed => "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
        ExecStatus::Failed => "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
        ExecStatus::Blocked => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        ExecStatus::Skipped => "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
    }
}

#[component]
pub fn ExecBadge(status: ExecStatus) -> impl IntoView {
    view! { <span class=format!("{BADGE} {}", exec_tone(status)) data-testid="exec-status">{status.label()}</span> }
}

#[component]
pub fn RunBadge(status: RunStatus) -> impl IntoView {
    let tone = match status {
        RunStatus::Planned => "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
        RunStatus::InProgress => "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
        RunStatus::Completed => "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
    };
    view! { <span class=format!("{BADGE} {tone}") data-testid="run-status">{status.label()}</span> }
}

/// "3 passed · 1 failed · 6 not run": the counts that are not zero.
pub fn counts_text(c: &Counts) -> String {
    let parts = [
        (c.passed, "passed"),
        (c.failed, "failed"),
        (c.blocked, "blocked"),
        (c.skipped, "skipped"),
        (c.in_progress, "in progress"),
        (c.untested, "not run"),
    ];
    let text: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, w)| format!("{n} {w}")).collect();
    if text.is_empty() {
        "No cases".to_owned()
    } else {
        text.join(" · ")
    }
}

/// The run's progress bar (cases with a final result) and its counts in words.
#[component]
pub fn Progress(#[prop(into)] counts: Signal<Counts>, label: String) -> impl IntoView {
    let percent = move || counts.with(|c| c.percent().unwrap_or(0));
    view! {
        <div class="space-y-1">
            <div role="progressbar" aria-label=label aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent
                aria-valuetext=move || format!("{}% done: {}", percent(), counts.with(counts_text))
                class="h-2 w-full rounded bg-slate-200 dark:bg-slate-800">
                <div class=move || format!("h-2 rounded bg-green-600 {}", width_tenths(percent()))></div>
            </div>
            <p class="text-xs text-slate-700 dark:text-slate-300" data-testid="run-counts">
                {move || format!("{}% done · {}", percent(), counts.with(counts_text))}
            </p>
        </div>
    }
}
