//! A case's results in the project's runs, newest first: on the runner and on the case page.
use super::badge::ExecBadge;
use crate::{
    runs::{api::case_results, model::PastResult},
    ui::feedback::EMPTY,
};
use leptos::prelude::*;

#[component]
pub fn ResultList(list: Vec<PastResult>) -> impl IntoView {
    view! {
        <section class="mt-8" aria-labelledby="results-title">
            <h2 id="results-title" class="text-lg font-semibold">"Results of this case"</h2>
            {if list.is_empty() {
                view! { <p class=EMPTY>"No results yet: this case has not been part of a started run."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800" data-testid="case-results">
                        {list.into_iter().map(|r| {
                            let href = crate::wire::HumanKey::parse(&r.run_key).map(|k| k.href());
                            view! {
                                <li class="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                                    <ExecBadge status=r.status/>
                                    <a href=href class="min-w-48 flex-1 break-words text-indigo-700 underline dark:text-indigo-300">{format!("{} {}", r.run_key, r.run_name)}</a>
                                    <span class="text-xs text-slate-600 dark:text-slate-400">
                                        {r.executed_by.clone().unwrap_or_else(|| "not run yet".into())}" · "{r.at.format("%Y-%m-%d %H:%M").to_string()}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The latest results of case `number`, read after hydration (a resource made inside the case
/// page's view would not line up with the server's).
#[component]
pub fn CaseResults(key: Memo<String>, number: i64) -> impl IntoView {
    let results = RwSignal::new(None::<Vec<PastResult>>);
    Effect::new(move |_| {
        let k = key.get();
        leptos::task::spawn_local(async move {
            if let Ok(list) = case_results(k, number).await {
                results.set(Some(list));
            }
        });
    });
    move || results.get().map(|list| view! { <ResultList list/> })
}
