//! The open bugs of a case or a story (not verified, closed, won't fix or duplicate), newest
//! first, on the case's and the story's pages, with a link to the whole filtered list.
use super::{list::href_of, SeverityBadge, StatusBadge};
use crate::{
    bugs::{
        api::list_bugs,
        model::{BugFilter, BugPage},
    },
    ui::feedback::EMPTY,
};
use leptos::prelude::*;

/// Bugs the section lists before "All open bugs of …".
const SHOWN: i64 = 10;

/// Whose open bugs a section lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Case(i64),
    Story(i64),
}

impl Of {
    fn filter(self) -> BugFilter {
        let mut f = BugFilter { open: true, limit: SHOWN, ..BugFilter::default() };
        match self {
            Of::Case(n) => f.case = n.to_string(),
            Of::Story(n) => f.story = n.to_string(),
        }
        f
    }

    fn what(self) -> &'static str {
        match self {
            Of::Case(_) => "this case",
            Of::Story(_) => "this story",
        }
    }
}

/// The open bugs of `of` in project `key`, read after hydration (the page's own data comes
/// first; a resource made inside a page's view would not line up with the server's).
#[component]
pub fn OpenBugs(key: Memo<String>, of: Of) -> impl IntoView {
    let page = RwSignal::new(None::<Result<BugPage, String>>);
    Effect::new(move |_| {
        let k = key.get();
        leptos::task::spawn_local(async move {
            page.set(Some(list_bugs(k, of.filter()).await.map_err(|e| e.to_string())));
        });
    });
    let all = move || {
        let mut f = of.filter();
        f.limit = 0;
        href_of(&key.get(), &f)
    };
    view! {
        <section class="mt-8 max-w-3xl" aria-labelledby="open-bugs-title">
            <h2 id="open-bugs-title" class="text-lg font-semibold">"Open bugs"</h2>
            {move || match page.get() {
                None => view! { <p class="text-sm text-slate-600 dark:text-slate-400" role="status">"Loading the open bugs…"</p> }.into_any(),
                Some(Err(e)) => view! { <p role="alert" class="text-sm text-red-700 dark:text-red-400">{format!("The open bugs could not be loaded: {e}")}</p> }.into_any(),
                Some(Ok(p)) if p.bugs.is_empty() => view! { <p class=EMPTY>{format!("No open bug is linked to {}.", of.what())}</p> }.into_any(),
                Some(Ok(p)) => {
                    let more = p.next.is_some();
                    view! {
                        <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="open-bugs">
                            {p.bugs.into_iter().map(|b| view! {
                                <li class="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                                    <a href=format!("/projects/{}/bugs/{}", key.get_untracked(), b.number) class="min-w-0 flex-1 break-words font-medium text-indigo-700 underline dark:text-indigo-300">{b.title.clone()}</a>
                                    <span class="font-mono text-xs text-slate-600 dark:text-slate-400">{b.key.clone()}</span>
                                    <StatusBadge status=b.status/>
                                    <SeverityBadge severity=b.severity/>
                                </li>
                            }).collect_view()}
                        </ul>
                        <a href=all class="mt-2 inline-block text-sm text-indigo-700 underline dark:text-indigo-300">
                            {if more { format!("All open bugs of {}", of.what()) } else { format!("Open bugs of {} in the bug list", of.what()) }}
                        </a>
                    }.into_any()
                }
            }}
        </section>
    }
}
