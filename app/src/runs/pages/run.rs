//! A test run: its state, progress and counts (kept live over the stream while testers mark
//! steps), Start / Complete / Reopen, "Re-run the failed and blocked", and its cases, each
//! opening the runner, handed out to testers (`assign`). A lazy route.
use super::{
    assign::{Assigning, RunCases},
    badge::{Progress, RunBadge},
};
use crate::{
    auth::permissions::Permission,
    error::AppError,
    jobs::pages::live_runs,
    runs::{
        api::{get_run, CompleteRun, CreateRun, ReopenRun, StartRun},
        model::{RunCase, RunInput, RunStatus, RunSummary},
    },
    ui::{
        dialog::{ConfirmActions, Dialog},
        feedback::{ErrorMessage, Loading},
        form::{form_error, FormError, CHECKBOX, PRIMARY, SECONDARY},
        session::{can, my_id, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

type RunData = Result<(RunSummary, Vec<RunCase>), AppError>;

pub struct RunPage {
    key: Memo<String>,
    number: Memo<i64>,
    version: RwSignal<u64>,
    run: Resource<RunData>,
}

#[lazy_route]
impl LazyRoute for RunPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let number = Memo::new(move |_| params.read().get("number").and_then(|n| n.parse().ok()).unwrap_or(0));
        let version = RwSignal::new(0);
        let run = Resource::new(move || (key.get(), number.get(), version.get()), |(k, n, _)| get_run(k, n));
        RunPage { key, number, version, run }
    }

    fn view(this: Self) -> AnyView {
        let RunPage { key, number, version, run } = this;
        // Kept across the redraws below (each live mark reads the run again).
        let state = Assigning::new(version, can(Permission::EditTestArtifacts));
        // Someone recorded results in this run: read it again.
        let live = live_runs();
        Effect::new(move |_| {
            if let Some(e) = live.0.get() {
                let mine = format!("{}-RUN-{}", key.get_untracked().to_uppercase(), number.get_untracked());
                if e.run == mine {
                    version.update(|v| *v += 1);
                }
            }
        });
        view! {
            <Guard permission=Permission::ViewProjects>
                <Transition fallback=|| view! { <Loading label="Loading the run…"/> }>
                    {move || Suspend::new(async move {
                        match run.await {
                            Err(error) => view! { <Title text="Test run"/><ErrorMessage error/> }.into_any(),
                            Ok((summary, cases)) => view! { <RunView summary cases version state/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn RunView(summary: RunSummary, cases: Vec<RunCase>, version: RwSignal<u64>, state: Assigning) -> impl IntoView {
    let project = crate::wire::HumanKey::parse(&summary.key).map(|k| k.project).unwrap_or_default();
    let base = format!("/projects/{project}/runs/{}", summary.number);
    let details: Vec<String> = [
        (!summary.environment.is_empty()).then(|| format!("Environment: {}", summary.environment)),
        summary.due_date.clone().map(|d| format!("Due {d}")),
        summary.created_by.clone().map(|b| format!("Planned by {b}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let me = my_id();
    // The first case without a result, the caller's own first.
    let me_now = me.get_untracked();
    let open = |c: &&RunCase| !c.status.is_final();
    let first_open = cases
        .iter()
        .filter(open)
        .find(|c| me_now.is_some() && c.assignee_id == me_now)
        .or_else(|| cases.iter().find(open))
        .or(cases.first())
        .map(|c| c.number);
    let query = use_query_map();
    let mine = Signal::derive(move || query.read().get("mine").as_deref() == Some("1"));
    let editable = can(Permission::EditTestArtifacts);
    let sealed = summary.status == RunStatus::Completed;
    let assigning = Signal::derive(move || editable.get() && !sealed);
    let mine_base = StoredValue::new(base.clone());
    let navigate = use_navigate();
    view! {
        <Title text=format!("{} {}", summary.key, summary.name)/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="min-w-0 break-words text-2xl font-bold tracking-tight">{summary.name.clone()}</h1>
            <RunBadge status=summary.status/>
        </div>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
            <span class="font-mono">{summary.key.clone()}</span>
            {details.into_iter().map(|d| view! { " · " {d} }).collect_view()}
        </p>
        <div class="mt-4 max-w-2xl"><Progress counts=summary.counts.clone() label="Run progress".to_owned()/></div>
        <Actions summary=summary.clone() project=project.clone() version first=first_open.map(|n| format!("{base}/cases/{n}"))/>
        <div class="mt-8 flex flex-wrap items-center gap-3">
            <h2 class="text-lg font-semibold">"Cases"</h2>
            <label for="only-mine" class="ml-auto flex items-center gap-2 text-sm">
                <input id="only-mine" type="checkbox" class=CHECKBOX prop:checked=move || mine.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let to = if on { format!("{}?mine=1", mine_base.get_value()) } else { mine_base.get_value() };
                        navigate(&to, Default::default());
                    }/>
                "Only cases assigned to me"
            </label>
        </div>
        <RunCases cases project=project.clone() number=summary.number base=base.clone() assigning mine me state/>
    }
}

/// What can be done with the run now, for whoever may.
#[component]
fn Actions(summary: RunSummary, project: String, version: RwSignal<u64>, first: Option<String>) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let admin = can(Permission::ManageOrg);
    let (start, complete, reopen) =
        (ServerAction::<StartRun>::new(), ServerAction::<CompleteRun>::new(), ServerAction::<ReopenRun>::new());
    let rerun = ServerAction::<CreateRun>::new();
    let confirming = RwSignal::new(false);
    let number = summary.number;
    let p = StoredValue::new(project);
    Effect::new(move |_| {
        let done = [start.value().get(), complete.value().get(), reopen.value().get()];
        if done.iter().any(|r| matches!(r, Some(Ok(_)))) {
            confirming.set(false);
            version.update(|v| *v += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(n)) = rerun.value().get() {
            use_navigate()(&format!("/projects/{}/runs/{n}", p.get_value()), Default::default());
        }
    });
    // Made once: each is a derived signal of its action's last result.
    let errors = [form_error(start.value()), form_error(complete.value()), form_error(reopen.value())];
    let error = Signal::derive(move || {
        errors
            .iter()
            .find_map(|e| e.get())
            .or_else(|| rerun.value().get().and_then(|r| r.err()).map(|e| crate::ui::form::describe(&e)))
    });
    let status = summary.status;
    let failed = summary.counts.failed + summary.counts.blocked;
    let name = summary.name.clone();
    let environment = summary.environment.clone();
    view! {
        <div class="mt-4 flex flex-wrap items-center gap-2">
            {(status == RunStatus::InProgress).then(|| first.clone().map(|href| view! {
                <a href=href class=PRIMARY>"Execute"</a>
            }))}
            <Show when=move || editable.get()>
                {match status {
                    RunStatus::Planned => view! {
                        <button type="button" class=PRIMARY disabled=move || start.pending().get()
                            on:click=move |_| { start.dispatch(StartRun { project: p.get_value(), number }); }>
                            {move || if start.pending().get() { "Starting…" } else { "Start run" }}
                        </button>
                    }.into_any(),
                    RunStatus::InProgress => view! {
                        <button type="button" class=SECONDARY on:click=move |_| confirming.set(true)>"Complete run"</button>
                    }.into_any(),
                    RunStatus::Completed => ().into_any(),
                }}
                {(failed > 0).then(|| {
                    let (name, environment) = (name.clone(), environment.clone());
                    view! {
                        <button type="button" class=SECONDARY disabled=move || rerun.pending().get()
                            on:click=move |_| {
                                let input = RunInput { name: format!("{name} (re-run)"), environment: environment.clone(), rerun_of: Some(number), ..RunInput::default() };
                                rerun.dispatch(CreateRun { project: p.get_value(), input });
                            }>
                            {format!("Re-run the failed and blocked ({failed})")}
                        </button>
                    }
                })}
            </Show>
            <Show when=move || admin.get() && status == RunStatus::Completed>
                <button type="button" class=SECONDARY disabled=move || reopen.pending().get()
                    on:click=move |_| { reopen.dispatch(ReopenRun { project: p.get_value(), number }); }>"Reopen run"</button>
            </Show>
        </div>
        <FormError error/>
        <Dialog open=confirming title="Complete this run?"
            description="Completing seals the run: no more results can be recorded unless an admin reopens it.">
            <ConfirmActions open=confirming label="Complete run" busy="Completing…" pending=complete.pending()
                on_confirm=move || { complete.dispatch(CompleteRun { project: p.get_value(), number }); }/>
        </Dialog>
    }
}
