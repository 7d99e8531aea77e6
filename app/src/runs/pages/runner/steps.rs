//! A scenario of the runner and its steps: the step's words (and its doc string or table), four
//! buttons that mark it (pressed state for the current mark), the actual result and comment, and
//! who marked it when it was someone else.
use super::state::{At, Runner};
use crate::evidence::pages::Evidence;
use crate::{
    runs::model::{RunScenario, RunStep, StepStatus},
    ui::form::{INPUT, SECONDARY},
};
use leptos::prelude::*;

const MARKS: [(StepStatus, &str, &str); 4] = [
    (StepStatus::Passed, "Pass", "aria-pressed:bg-green-700 aria-pressed:text-white aria-pressed:border-green-700"),
    (StepStatus::Failed, "Fail", "aria-pressed:bg-red-700 aria-pressed:text-white aria-pressed:border-red-700"),
    (StepStatus::Blocked, "Blocked", "aria-pressed:bg-amber-700 aria-pressed:text-white aria-pressed:border-amber-700"),
    (StepStatus::Skipped, "Skip", "aria-pressed:bg-slate-700 aria-pressed:text-white aria-pressed:border-slate-700"),
];

fn step_id(at: At) -> String {
    format!("step-{}-{}", at.0, at.1)
}

/// Brings step `at` into view and gives it focus (after a key moved there).
pub fn reveal(at: At) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) =
            document().get_element_by_id(&step_id(at)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.scroll_into_view_with_bool(false);
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = at;
}

#[component]
pub fn ScenarioView(runner: Runner, index: usize, scenario: RunScenario, can_mark: Signal<bool>) -> impl IntoView {
    let title_id = format!("scenario-{index}");
    let open = move || !runner.unmarked_of(index).is_empty();
    view! {
        <section aria-labelledby=title_id.clone() class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id=title_id.clone() class="text-base font-semibold break-words">{format!("Scenario: {}", scenario.name)}</h2>
                <Show when=move || can_mark.get() && { runner.marks.track(); open() }>
                    <button type="button" class=SECONDARY on:click=move |_| runner.mark(&runner.unmarked_of(index), StepStatus::Passed)>
                        "Pass the rest of this scenario"
                    </button>
                </Show>
            </div>
            <ol class="mt-3 space-y-2">
                {scenario.steps.into_iter().enumerate().map(|(t, step)| view! { <StepRow runner at=(index, t) step can_mark/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn StepRow(runner: Runner, at: At, step: RunStep, can_mark: Signal<bool>) -> impl IntoView {
    let is_current = move || runner.current.get() == at;
    let report = crate::ui::session::can(crate::auth::permissions::Permission::ReportBugs);
    let mark = Memo::new(move |_| runner.mark_of(at));
    let label = format!("Step {}: {}{}", at.1 + 1, step.keyword, step.text);
    let (actual_id, comment_id) = (format!("actual-{}-{}", at.0, at.1), format!("comment-{}-{}", at.0, at.1));
    let needs_notes = move || {
        is_current()
            || matches!(mark.get().status, Some(StepStatus::Failed | StepStatus::Blocked))
            || !mark.get().actual.is_empty()
    };
    view! {
        <li id=step_id(at) tabindex="-1" data-testid="run-step"
            aria-current=move || is_current().then_some("step")
            class=move || format!("rounded-md border p-3 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 {}",
                if is_current() { "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950" } else { "border-slate-200 dark:border-slate-800" })
            on:click=move |_| runner.current.set(at)>
            <div class="flex flex-wrap items-start justify-between gap-2">
                <p class="min-w-0 flex-1 break-words text-sm">
                    {step.background.then(|| view! { <span class="mr-2 rounded bg-slate-100 px-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">"Background"</span> })}
                    <strong class="font-semibold">{step.keyword.trim().to_owned()}</strong>" "{step.text.clone()}
                </p>
                <div role="group" aria-label=label class="flex flex-wrap gap-1">
                    {MARKS.iter().map(|(status, word, tone)| {
                        let status = *status;
                        view! {
                            <button type="button" disabled=move || !can_mark.get()
                                aria-pressed=move || (mark.get().status == Some(status)).to_string()
                                class=format!("{SECONDARY} {tone}")
                                on:click=move |ev| {
                                    ev.stop_propagation();
                                    runner.current.set(at);
                                    runner.mark(&[at], status);
                                    if status != StepStatus::Failed { runner.step_by(1); }
                                }>{*word}</button>
                        }
                    }).collect_view()}
                    <Show when=move || can_mark.get() && mark.get().status.is_some()>
                        <button type="button" class="px-2 text-xs text-slate-700 underline dark:text-slate-300"
                            on:click=move |ev| { ev.stop_propagation(); runner.clear(at); }>"Clear"</button>
                    </Show>
                </div>
            </div>
            {step.argument.clone().map(|a| view! { <pre class="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">{a}</pre> })}
            <p class="mt-1 flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
                {move || mark.get().by.map(|b| format!("Marked by {b}"))}
                <Show when=move || report.get() && mark.get().status == Some(StepStatus::Failed)>
                    <a href=move || format!("/projects/{}/bugs/new?run={}&case={}&scenario={}&step={}", runner.key.get_value(), runner.run, runner.case, at.0, at.1)
                        class="font-medium text-red-800 underline dark:text-red-300">{format!("Report bug for step {}", at.1 + 1)}</a>
                </Show>
            </p>
            <Show when=needs_notes>
                <div class="mt-2 grid gap-2 sm:grid-cols-2">
                    <div class="space-y-1">
                        <label for=actual_id.clone() class="block text-xs font-medium">"Actual result"</label>
                        <textarea id=actual_id.clone() rows="2" class=INPUT disabled=move || !can_mark.get()
                            prop:value=move || mark.get().actual
                            on:change=move |ev| runner.note(at, Some(event_target_value(&ev)), None)></textarea>
                    </div>
                    <div class="space-y-1">
                        <label for=comment_id.clone() class="block text-xs font-medium">"Comment"</label>
                        <textarea id=comment_id.clone() rows="2" class=INPUT disabled=move || !can_mark.get()
                            prop:value=move || mark.get().comment
                            on:change=move |ev| runner.note(at, None, Some(event_target_value(&ev)))></textarea>
                    </div>
                </div>
                <div class="mt-2">
                    <Evidence key=runner.key.get_value() run=runner.run case=runner.case scenario=Some(at.0 as i64) step=Some(at.1 as i64)
                        can_attach=can_mark current=Signal::derive(is_current)/>
                </div>
            </Show>
        </li>
    }
}
