//! Recording a visit when a case or story page opens, and the list of them on the home page.
use super::api::{recent_visits, record_visit};
use crate::{
    ui::feedback::{ErrorMessage, Loading},
    wire::Numbered,
};
use leptos::prelude::*;

/// Records, once the page is running in the browser, that it shows case or story `number` of
/// project `key`. Best effort: a visit that fails to record costs the person nothing.
pub fn note_visit(kind: Numbered, key: Memo<String>, number: i64) {
    Effect::new(move |_| {
        let key = key.get_untracked();
        leptos::task::spawn_local(async move {
            let _ = record_visit(kind, key, number).await;
        });
    });
}

/// The signed-in person's recently visited cases and stories.
#[component]
pub fn RecentList() -> impl IntoView {
    let recent = Resource::new(|| (), |_| recent_visits());
    view! {
        <Suspense fallback=|| view! { <Loading label="Loading what you visited…"/> }>
            {move || Suspend::new(async move {
                match recent.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(items) if items.is_empty() => view! {
                        <p class=crate::ui::feedback::EMPTY>
                            "Cases and stories you open appear here, so you can get back to them."
                        </p>
                    }.into_any(),
                    Ok(items) => view! {
                        <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="recent-visits">
                            {items.into_iter().map(|i| view! {
                                <li class="flex flex-wrap items-baseline gap-x-3 px-3 py-2 text-sm">
                                    <a href=i.href class="font-medium text-indigo-700 underline dark:text-indigo-300">{i.title}</a>
                                    <span class="font-mono text-xs text-slate-600 dark:text-slate-400">{i.key}</span>
                                    <span class="ml-auto text-xs text-slate-600 dark:text-slate-400">{i.kind.label()}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
