//! The history of a test case: every revision (who, when, what changed), the line diff of a
//! revision against the one before it, and restoring an old revision. A lazy route.
use crate::{
    auth::permissions::Permission,
    test_cases::{
        api::{case_revisions, diff_revisions, RestoreRevision},
        model::{LineChange, RevisionDiff, RevisionInfo},
    },
    ui::{
        feedback::{ErrorMessage, Loading},
        form::{form_error, FormError, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct CaseHistoryPage;

#[lazy_route]
impl LazyRoute for CaseHistoryPage {
    fn data() -> Self {
        CaseHistoryPage
    }

    fn view(this: Self) -> AnyView {
        let CaseHistoryPage = this;
        view! { <Guard permission=Permission::ViewProjects><History/></Guard> }.into_any()
    }
}

#[component]
fn History() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
    let number =
        Memo::new(move |_| params.read().get("number").and_then(|n| n.parse::<i64>().ok()).unwrap_or_default());
    let restore = ServerAction::<RestoreRevision>::new();
    let revisions =
        Resource::new(move || (key.get(), number.get(), restore.version().get()), |(k, n, _)| case_revisions(k, n));
    let shown = RwSignal::new(None::<i64>);
    view! {
        <Title text="History"/>
        <p class="text-sm">
            <a href=move || format!("/projects/{}/cases/{}", key.get(), number.get()) class="text-indigo-700 underline dark:text-indigo-300">
                {move || format!("Back to {}", crate::wire::human_key(&key.get(), crate::wire::Numbered::Case, number.get()))}
            </a>
        </p>
        <h1 class="mt-2 text-2xl font-bold tracking-tight">"History"</h1>
        <p role="status" class="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
            {move || restore.value().get().and_then(Result::ok).map(|r| format!("Restored as revision {r}."))}
        </p>
        <FormError error=form_error(restore.value())/>
        <Transition fallback=|| view! { <Loading label="Loading the history…"/> }>
            {move || Suspend::new(async move {
                match revisions.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(list) => view! {
                        <ol class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
                            {list.into_iter().map(|r| view! { <RevisionLine r key number shown restore/> }).collect_view()}
                        </ol>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RevisionLine(
    r: RevisionInfo,
    key: Memo<String>,
    number: Memo<i64>,
    shown: RwSignal<Option<i64>>,
    restore: ServerAction<RestoreRevision>,
) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let rev = r.revision;
    let open = move || shown.get() == Some(rev);
    let when = r.created_at.get(..16).unwrap_or(&r.created_at).replace('T', " ");
    view! {
        <li class="p-3" data-testid="revision">
            <div class="flex flex-wrap items-center gap-3 text-sm">
                <span class="font-mono font-semibold">{format!("Revision {rev}")}</span>
                <span>{r.summary.clone()}</span>
                <span class="text-slate-500 dark:text-slate-400">{format!("{} · {when} UTC", r.author.clone().unwrap_or_else(|| "someone removed".into()))}</span>
                <span class="ml-auto flex gap-2">
                    {(rev > 1).then(|| view! {
                        <button type="button" class=SECONDARY aria-expanded=move || open().to_string()
                            on:click=move |_| shown.update(|s| *s = if *s == Some(rev) { None } else { Some(rev) })>
                            {move || if open() { "Hide changes" } else { "View changes" }}
                        </button>
                    })}
                    <Show when=move || editable.get()>
                        <button type="button" class=SECONDARY disabled=move || restore.pending().get()
                            on:click=move |_| { restore.dispatch(RestoreRevision { project: key.get_untracked(), number: number.get_untracked(), revision: rev }); }>
                            {format!("Restore revision {rev}")}
                        </button>
                    </Show>
                </span>
            </div>
            <Show when=open>
                <Diff key number rev/>
            </Show>
        </li>
    }
}

#[component]
fn Diff(key: Memo<String>, number: Memo<i64>, rev: i64) -> impl IntoView {
    let diff = Resource::new(move || (key.get(), number.get()), move |(k, n)| diff_revisions(k, n, rev - 1, rev));
    view! {
        <Suspense fallback=|| view! { <Loading label="Comparing…"/> }>
            {move || Suspend::new(async move {
                match diff.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(d) => view! { <DiffView d/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DiffView(d: RevisionDiff) -> impl IntoView {
    view! {
        <div class="mt-3 space-y-3" data-testid="diff">
            <h3 class="text-sm font-semibold">{format!("Changes from revision {} to {}", d.from, d.to)}</h3>
            {(!d.fields.is_empty()).then(|| view! {
                <table class="text-sm">
                    <thead><tr><th scope="col" class="pr-4 text-left">"Field"</th><th scope="col" class="pr-4 text-left">"Before"</th><th scope="col" class="text-left">"After"</th></tr></thead>
                    <tbody>
                        {d.fields.into_iter().map(|f| view! { <tr><td class="pr-4">{f.field}</td><td class="pr-4"><del>{f.before}</del></td><td><ins>{f.after}</ins></td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <pre class="overflow-x-auto rounded-md border border-slate-200 font-mono text-sm leading-6 dark:border-slate-800" aria-label="Gherkin changes">
                {d.gherkin.into_iter().map(|l| {
                    let (sign, class, label) = match l.change {
                        LineChange::Same => (" ", "block px-2", ""),
                        LineChange::Added => ("+", "block bg-emerald-100 px-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", "added: "),
                        LineChange::Removed => ("-", "block bg-red-100 px-2 text-red-900 dark:bg-red-950 dark:text-red-200", "removed: "),
                    };
                    view! { <span class=class data-change=format!("{:?}", l.change).to_lowercase()><span class="sr-only">{label}</span><span aria-hidden="true">{sign}" "</span>{l.text}</span> }
                }).collect_view()}
            </pre>
        </div>
    }
}
