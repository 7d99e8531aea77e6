//! The jobs page: the person's background jobs (an admin's: every job of the organization),
//! newest first, with their progress kept live by the stream, a link to each result and Cancel
//! for those still queued or running. A lazy route.
use super::{live_jobs, what};
use crate::{
    error::AppError,
    jobs::{
        api::{list_jobs, CancelJob},
        model::{JobInfo, JobStatus},
    },
    ui::{
        feedback::{width_tenths, ErrorMessage, Loading, EMPTY},
        form::{form_error, FormError, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct JobsPage {
    jobs: Resource<Result<Vec<JobInfo>, AppError>>,
    cancel: ServerAction<CancelJob>,
}

#[lazy_route]
impl LazyRoute for JobsPage {
    fn data() -> Self {
        let cancel = ServerAction::<CancelJob>::new();
        JobsPage { jobs: Resource::new(move || cancel.version().get(), |_| list_jobs()), cancel }
    }

    fn view(this: Self) -> AnyView {
        let JobsPage { jobs, cancel } = this;
        view! {
            <Title text="Background jobs"/>
            <Guard>
                <h1 class="text-2xl font-bold tracking-tight">"Background jobs"</h1>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Test-case generation and other work that runs on the server; it goes on when you leave or reload."</p>
                <FormError error=form_error(cancel.value())/>
                <Transition fallback=|| view! { <Loading label="Loading the jobs…"/> }>
                    {move || Suspend::new(async move {
                        match jobs.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(list) if list.is_empty() => view! {
                                <p class=EMPTY>"No background jobs yet. Generate test cases from a story's page and they show here."</p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="jobs">
                                    {list.into_iter().map(|j| view! { <JobRow first=j cancel/> }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn JobRow(first: JobInfo, cancel: ServerAction<CancelJob>) -> impl IntoView {
    let live = live_jobs();
    let id = first.id;
    let job = Memo::new(move |_| {
        live.job(id)
            .filter(|j| j.progress.done >= first.progress.done || j.status != first.status)
            .unwrap_or_else(|| first.clone())
    });
    move || {
        let j = job.get();
        let percent = j.progress.percent();
        let name = format!("{} (job {})", what(&j.kind), j.id.0);
        view! {
            <li class="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm">
                <div class="min-w-0 flex-1">
                    {match j.link.clone() {
                        Some(href) => view! { <a href=href class="font-medium text-indigo-700 underline dark:text-indigo-300">{name.clone()}</a> }.into_any(),
                        None => view! { <span class="font-medium">{name.clone()}</span> }.into_any(),
                    }}
                    <p class="text-xs text-slate-600 dark:text-slate-400">
                        {format!("{} · started {}{}", j.status.label(), j.created_at.format("%Y-%m-%d %H:%M UTC"), j.started_by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default())}
                    </p>
                    {j.error.clone().filter(|_| j.status == JobStatus::Failed).map(|e| view! { <p class="text-xs text-red-700 dark:text-red-400">{e}</p> })}
                    {(!j.status.is_final() && !j.progress.message.is_empty()).then(|| view! { <p class="text-xs">{j.progress.message.clone()}</p> })}
                </div>
                {(!j.status.is_final()).then(|| view! {
                    <span role="progressbar" aria-label=format!("Progress of {name}") aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.unwrap_or(0)
                        class="block h-2 w-32 rounded bg-slate-200 dark:bg-slate-800">
                        <span class=format!("block h-2 rounded bg-indigo-600 {}", width_tenths(percent.unwrap_or(0)))></span>
                    </span>
                    <button type="button" class=SECONDARY disabled=move || cancel.pending().get() on:click=move |_| { cancel.dispatch(CancelJob { id }); }>
                        "Cancel"<span class="sr-only">{format!(" {name}")}</span>
                    </button>
                })}
            </li>
        }
    }
}
