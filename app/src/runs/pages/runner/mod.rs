//! The runner: one case of a run at a time, its scenarios expanded as the snapshot has them,
//! each step marked passed / failed / blocked / skipped with an optional actual result and
//! comment; "Pass the rest of this scenario"; a timer that starts on the first mark; the keys
//! `p f b s` (mark), `j k` (next / previous step), `n` (next case), `?` (the keys). Marks are
//! sent as idempotent operations (`state`); other testers' marks arrive over the live stream.
//! A lazy route.
mod keys;
pub mod state;
mod steps;

use self::{
    keys::KeysDialog,
    state::{clock, Runner, SaveState},
    steps::ScenarioView,
};
use super::{badge::ExecBadge, results::ResultList};
use crate::{
    auth::permissions::Permission,
    error::AppError,
    jobs::pages::live_runs,
    runs::{
        api::get_execution,
        model::{Execution, RunStatus, StepStatus},
    },
    ui::{
        feedback::{ErrorMessage, Loading, EMPTY},
        form::SECONDARY,
        session::{can, my_id, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map},
    lazy_route, LazyRoute,
};

pub struct RunnerPage {
    key: Memo<String>,
    /// `?retest=N`: this execution re-tests bug N.
    retest: Memo<Option<i64>>,
    exec: Resource<Result<Execution, AppError>>,
}

fn param(map: &leptos_router::params::ParamsMap, name: &str) -> i64 {
    map.get(name).and_then(|n| n.parse().ok()).unwrap_or(0)
}

#[lazy_route]
impl LazyRoute for RunnerPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let at = Memo::new(move |_| params.with(|p| (param(p, "number"), param(p, "case"))));
        let query = leptos_router::hooks::use_query_map();
        let retest = Memo::new(move |_| query.read().get("retest").and_then(|n| n.parse().ok()));
        let exec = Resource::new(move || (key.get(), at.get()), |(k, (n, c))| get_execution(k, n, c));
        RunnerPage { key, retest, exec }
    }

    fn view(this: Self) -> AnyView {
        let RunnerPage { key, retest, exec } = this;
        view! {
            <Guard permission=Permission::ViewProjects>
                <Suspense fallback=|| view! { <Loading label="Loading the case…"/> }>
                    {move || Suspend::new(async move {
                        match exec.await {
                            Err(error) => view! { <Title text="Runner"/><ErrorMessage error/> }.into_any(),
                            Ok(x) => view! { <RunnerView exec=x key=key.get_untracked().to_uppercase() retest=retest.get_untracked()/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn RunnerView(exec: Execution, key: String, retest: Option<i64>) -> impl IntoView {
    let runner = Runner::new(key.clone(), &exec);
    let editable = can(Permission::EditTestArtifacts);
    let writable = exec.run.status == RunStatus::InProgress;
    let can_mark = Signal::derive(move || editable.get() && writable);
    let show_keys = RwSignal::new(false);
    let base = format!("/projects/{key}/runs/{}", exec.run.number);
    let here = exec.order.iter().position(|n| *n == exec.case.number);
    let next = here.and_then(|i| exec.order.get(i + 1)).map(|n| format!("{base}/cases/{n}"));
    let previous =
        here.and_then(|i| i.checked_sub(1)).and_then(|i| exec.order.get(i)).map(|n| format!("{base}/cases/{n}"));
    let position = here.map(|i| format!("Case {} of {}", i + 1, exec.order.len())).unwrap_or_default();
    live_updates(runner, exec.run.key.clone(), key.clone());
    keyboard(runner, can_mark, show_keys, next.clone());
    #[cfg(feature = "hydrate")]
    ticking(runner);
    let case_key = format!("{key}-TC-{}", exec.case.number);
    let scenarios = exec.scenarios.clone();
    view! {
        <Title text=format!("{case_key} · {}", exec.run.key)/>
        <div class="flex flex-wrap items-start justify-between gap-3">
            <div class="min-w-0">
                <p class="text-xs text-slate-600 dark:text-slate-400">
                    <a href=base.clone() class="underline">{format!("{} {}", exec.run.key, exec.run.name)}</a>" · "{position}
                </p>
                <h1 class="mt-1 break-words text-2xl font-bold tracking-tight">{exec.case.title.clone()}</h1>
                <p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
                    <a href=format!("/projects/{key}/cases/{}", exec.case.number) class="font-mono underline">{case_key.clone()}</a>
                    {exec.case.revision.map(|r| format!("revision {r} as the run started"))}
                    {move || view! { <ExecBadge status=runner.status()/> }}
                </p>
            </div>
            <div class="flex flex-wrap items-center gap-2">
                <span class="font-mono text-lg tabular-nums" role="timer" aria-label="Time spent on this case">{move || clock(runner.elapsed_now())}</span>
                <Show when=move || can_mark.get()>
                    <button type="button" class=SECONDARY on:click=move |_| {
                        if runner.since.get_untracked().is_some() { runner.pause_timer() } else { runner.start_timer() }
                    }>{move || if runner.running() { "Pause timer" } else { "Start timer" }}</button>
                </Show>
                <button type="button" class=SECONDARY aria-keyshortcuts="?" on:click=move |_| show_keys.set(true)>"Keyboard shortcuts"</button>
            </div>
        </div>
        <SaveNote runner/>
        {retest.map(|bug| view! { <Retest runner bug/> })}
        {(!writable).then(|| view! {
            <p class="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
                {match exec.run.status {
                    RunStatus::Planned => "This run has not started: start it on the run's page to record results.",
                    _ => "This run is completed: its results are sealed.",
                }}
            </p>
        })}
        {if scenarios.is_empty() {
            view! { <p class=EMPTY>"Nothing to execute: this case had no valid scenario when the run started. Fix the case, then plan a new run."</p> }.into_any()
        } else {
            view! {
                <div class="mt-6 space-y-6" data-testid="runner">
                    {scenarios.into_iter().enumerate().map(|(s, scenario)| view! { <ScenarioView runner index=s scenario can_mark/> }).collect_view()}
                </div>
            }.into_any()
        }}
        <section class="mt-6" aria-labelledby="case-evidence">
            <h2 id="case-evidence" class="text-lg font-semibold">"Evidence for the whole case"</h2>
            <crate::evidence::pages::Evidence key=key.clone() run=exec.run.number case=exec.case.number scenario=None step=None can_attach=can_mark/>
        </section>
        <nav aria-label="Cases of the run" class="mt-8 flex flex-wrap gap-2">
            {previous.map(|href| view! { <a href=href class=SECONDARY>"Previous case"</a> })}
            {next.map(|href| view! { <a href=href class=SECONDARY aria-keyshortcuts="n">"Next case"</a> })}
            <a href=base class=SECONDARY>"Back to the run"</a>
        </nav>
        <ResultList list=exec.history/>
        <KeysDialog open=show_keys/>
    }
}

/// Whether the marks reached the server, announced politely.
#[component]
fn SaveNote(runner: Runner) -> impl IntoView {
    view! {
        <p role="status" class="mt-2 min-h-5 text-sm" data-testid="save-state">
            {move || match runner.save.get() {
                SaveState::Saved if runner.pending.with(Vec::is_empty) => view! { <span class="text-slate-600 dark:text-slate-400">"All results saved."</span> }.into_any(),
                SaveState::Saved | SaveState::Saving => view! { <span class="text-slate-600 dark:text-slate-400">"Saving…"</span> }.into_any(),
                SaveState::Retrying(why) => view! { <span class="text-amber-800 dark:text-amber-300">{format!("Not saved yet ({why}); trying again. Your marks are kept.")}</span> }.into_any(),
                SaveState::Refused(why) => view! { <span class="text-red-700 dark:text-red-400">{format!("Not saved: {why}")}</span> }.into_any(),
            }}
        </p>
    }
}

/// A re-test of bug `bug`: once this execution's result is saved, passed moves the bug to
/// verified and failed to reopened (`bugs/retest`), said here with a link to the bug.
#[component]
fn Retest(runner: Runner, bug: i64) -> impl IntoView {
    let recorded = RwSignal::new(None::<Result<crate::bugs::model::BugSummary, String>>);
    let sent = StoredValue::new(false);
    Effect::new(move |_| {
        let saved = runner.save.get() == SaveState::Saved && runner.pending.with(Vec::is_empty);
        let passed = match runner.status() {
            crate::runs::model::ExecStatus::Passed => true,
            crate::runs::model::ExecStatus::Failed => false,
            _ => return,
        };
        if !saved || sent.get_value() {
            return;
        }
        sent.set_value(true);
        leptos::task::spawn_local(async move {
            let out = crate::bugs::api::retest_bug(runner.key.get_value(), bug, passed).await;
            recorded.set(Some(out.map_err(|e| crate::ui::form::describe(&e))));
        });
    });
    let href = format!("/projects/{}/bugs/{bug}", runner.key.get_value());
    view! {
        <p role="status" class="mt-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950" data-testid="retest">
            {move || match recorded.get() {
                None => view! { "Re-testing " <a href=href.clone() class="underline">{format!("bug {bug}")}</a> ": when this case passes the bug is verified; when it fails, reopened." }.into_any(),
                Some(Ok(b)) => view! { <a href=href.clone() class="font-medium underline">{b.key.clone()}</a> {format!(" is now {}.", b.status.label().to_lowercase())} }.into_any(),
                Some(Err(e)) => view! { <span class="text-red-700 dark:text-red-400">{format!("The re-test was not recorded on the bug: {e}")}</span> }.into_any(),
            }}
        </p>
    }
}

/// Someone else recorded results in this run: read the case again and take their marks in.
fn live_updates(runner: Runner, run_key: String, key: String) {
    let live = live_runs();
    let me = my_id();
    Effect::new(move |_| {
        let Some(e) = live.0.get() else { return };
        let mine = me.get_untracked().map(|m| m.0);
        if e.run != run_key || Some(e.by) == mine || !e.statuses.iter().any(|(n, _)| *n == runner.case) {
            return;
        }
        let key = key.clone();
        leptos::task::spawn_local(async move {
            if let Ok(x) = get_execution(key, runner.run, runner.case).await {
                runner.merge(&x);
            }
        });
    });
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable())
}

/// The runner's keys, on the whole page while it shows (not while typing, not with modifiers).
fn keyboard(runner: Runner, can_mark: Signal<bool>, show_keys: RwSignal<bool>, next: Option<String>) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        let (navigate, next) = (navigate.clone(), next.clone());
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || in_text_field(&ev) || show_keys.get_untracked() {
                return;
            }
            let status = match ev.key().as_str() {
                "p" => Some(StepStatus::Passed),
                "f" => Some(StepStatus::Failed),
                "b" => Some(StepStatus::Blocked),
                "s" => Some(StepStatus::Skipped),
                _ => None,
            };
            match (ev.key().as_str(), status) {
                (_, Some(status)) if can_mark.get_untracked() => {
                    ev.prevent_default();
                    runner.mark(&[runner.current.get_untracked()], status);
                    // A failure wants its actual result: stay on the step.
                    if status != StepStatus::Failed {
                        runner.step_by(1);
                    }
                }
                ("j", _) => runner.step_by(1),
                ("k", _) => runner.step_by(-1),
                ("n", _) => {
                    if let Some(href) = &next {
                        navigate(href, Default::default());
                    }
                }
                ("?", _) => show_keys.set(true),
                _ => return,
            }
            steps::reveal(runner.current.get_untracked());
        });
        on_cleanup(move || handle.remove());
    });
}

/// Redraws the timer every second while it runs.
#[cfg(feature = "hydrate")]
fn ticking(runner: Runner) {
    Effect::new(move |_| {
        if runner.since.get().is_none() {
            return;
        }
        if let Ok(h) =
            set_interval_with_handle(move || runner.tick.update(|t| *t += 1), std::time::Duration::from_secs(1))
        {
            on_cleanup(move || h.clear());
        }
    });
}
