//! "Runs assigned to you" on the home page: the runs not yet completed where the signed-in
//! person has cases to execute, soonest due first, each leading to their own cases.
use super::badge::RunBadge;
use crate::{
    runs::api::runs_assigned_to_me,
    ui::feedback::{plural, ErrorMessage, Loading, EMPTY},
};
use leptos::prelude::*;

/// Rendered on the server with the rest of the home page: read after hydration, it was the page's
/// largest paint, so that paint waited for the WASM (docs/benchmarks.md, "Fewer WASM modules,
/// downloads after the first paint").
#[component]
pub fn AssignedRuns() -> impl IntoView {
    let runs = Resource::new(|| (), |_| runs_assigned_to_me());
    view! {
        <section aria-labelledby="my-runs-title">
            <h2 id="my-runs-title" class="text-lg font-semibold">"Runs assigned to you"</h2>
            <Suspense fallback=|| view! { <Loading label="Loading your runs…"/> }>
            {move || Suspend::new(async move { match runs.await {
                Err(error) => view! { <ErrorMessage error/> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class=EMPTY>"No run has cases assigned to you. QA leads hand out a run's cases on its page."</p>
                }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-2 space-y-2" data-testid="my-runs">
                        {list.into_iter().map(|r| {
                            let left = if r.open == 0 { "all done".to_owned() } else { format!("{} to do", r.open) };
                            let due = r.due_date.clone().map(|d| format!(" · due {d}")).unwrap_or_default();
                            view! {
                                <li class="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
                                    <a href=format!("/projects/{}/runs/{}?mine=1", r.project, r.number) class="font-medium text-indigo-700 underline dark:text-indigo-300">{r.name.clone()}</a>
                                    <span class="ml-2 font-mono text-xs text-slate-600 dark:text-slate-400">{r.key.clone()}</span>
                                    <p class="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                                        <RunBadge status=r.status/>
                                        {format!("{} assigned, {left}{due}", plural(r.assigned, "case", "cases"))}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }})}
            </Suspense>
        </section>
    }
}
