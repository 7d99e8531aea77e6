//! "Runs assigned to you" on the home page: the runs not yet completed where the signed-in
//! person has cases to execute, soonest due first, each leading to their own cases.
use super::badge::RunBadge;
use crate::{
    runs::{api::runs_assigned_to_me, model::AssignedRun},
    ui::feedback::{plural, EMPTY},
};
use leptos::prelude::*;

/// Read after hydration: the home page's projects come first.
#[component]
pub fn AssignedRuns() -> impl IntoView {
    let runs = RwSignal::new(None::<Result<Vec<AssignedRun>, String>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(
            async move { runs.set(Some(runs_assigned_to_me().await.map_err(|e| e.to_string()))) },
        );
    });
    view! {
        <section aria-labelledby="my-runs-title">
            <h2 id="my-runs-title" class="text-lg font-semibold">"Runs assigned to you"</h2>
            {move || match runs.get() {
                None => view! { <p class="text-sm text-slate-600 dark:text-slate-400" role="status">"Loading your runs…"</p> }.into_any(),
                Some(Err(e)) => view! { <p role="alert" class="text-sm text-red-700 dark:text-red-400">{format!("Your runs could not be loaded: {e}")}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class=EMPTY>"No run has cases assigned to you. QA leads hand out a run's cases on its page."</p>
                }.into_any(),
                Some(Ok(list)) => view! {
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
            }}
        </section>
    }
}
