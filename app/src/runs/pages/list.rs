//! The project's test runs, newest first, each with its state and progress; "New test run" for
//! those who plan them. A lazy route.
use super::badge::{Progress, RunBadge};
use crate::{
    auth::permissions::Permission,
    error::AppError,
    runs::{api::list_runs, model::RunSummary},
    ui::{
        feedback::{ErrorMessage, Loading, EMPTY},
        form::PRIMARY,
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct RunsPage {
    key: Memo<String>,
    runs: Resource<Result<Vec<RunSummary>, AppError>>,
}

#[lazy_route]
impl LazyRoute for RunsPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        RunsPage { key, runs: Resource::new(move || key.get(), list_runs) }
    }

    fn view(this: Self) -> AnyView {
        let RunsPage { key, runs } = this;
        let editable = can(Permission::EditTestArtifacts);
        view! {
            <Title text="Test runs"/>
            <Guard permission=Permission::ViewProjects>
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <h1 class="text-2xl font-bold tracking-tight">"Test runs"</h1>
                    <Show when=move || editable.get()>
                        <a href=move || format!("/projects/{}/runs/new", key.get()) class=PRIMARY>"New test run"</a>
                    </Show>
                </div>
                <Suspense fallback=|| view! { <Loading label="Loading the runs…"/> }>
                    {move || Suspend::new(async move {
                        match runs.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(list) if list.is_empty() => view! {
                                <p class=EMPTY>"No test runs yet. Plan one with “New test run” (every case, some stories, or the keys you list), or select cases in the test case list and choose “Run selected”."</p>
                            }.into_any(),
                            Ok(list) => view! { <RunList list key=key.get_untracked()/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn RunList(list: Vec<RunSummary>, key: String) -> impl IntoView {
    view! {
        <ul class="mt-4 grid gap-3" data-testid="runs">
            {list.into_iter().map(|r| {
                let href = format!("/projects/{key}/runs/{}", r.number);
                let label = format!("Progress of {}", r.key);
                let details: Vec<String> = [
                    (!r.environment.is_empty()).then(|| r.environment.clone()),
                    r.due_date.clone().map(|d| format!("due {d}")),
                    Some(format!("{} cases", r.counts.total())),
                ].into_iter().flatten().collect();
                view! {
                    <li class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
                        <div class="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                            <a href=href class="min-w-0 flex-1 break-words font-medium text-indigo-700 underline dark:text-indigo-300">{r.name.clone()}</a>
                            <RunBadge status=r.status/>
                        </div>
                        <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                            <span class="font-mono">{r.key.clone()}</span>" · "{details.join(" · ")}
                        </p>
                        <div class="mt-2"><Progress counts=r.counts.clone() label/></div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
