//! The form of a test case (new or existing): fields, the linked story with the criteria the case
//! covers, and the Gherkin editor. Validation runs here first (the same code as on the server).
use super::editor::GherkinEditor;
use crate::{
    error::AppError,
    stories::{
        api::get_story,
        model::{Priority, StoryDetail},
        pages::SELECT,
    },
    test_cases::{
        api::{create_case, update_case},
        model::{CaseInput, CaseKind, CaseStatus},
    },
    ui::form::{field_error, form_error, FormError, Submit, CHECKBOX},
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{hooks::use_navigate, NavigateOptions};

/// A new case's starting document.
pub fn template(title: &str) -> String {
    let title = if title.trim().is_empty() { "New feature" } else { title.trim() };
    format!("Feature: {title}\n\n  Scenario: \n    Given \n    When \n    Then \n")
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

/// A labelled text input bound to one field of the input.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    input: RwSignal<CaseInput>,
    get: fn(&CaseInput) -> String,
    set: fn(&mut CaseInput, String),
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let described = err_id.clone();
    let on_input = move |ev: leptos::ev::Event| input.update(|i| set(i, event_target_value(&ev)));
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium">{label}</label>
            {if multiline {
                view! { <textarea id=id rows="3" class=INPUT prop:value=move || input.with(get) on:input=on_input
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described.clone()></textarea> }.into_any()
            } else {
                view! { <input id=id class=INPUT prop:value=move || input.with(get) on:input=on_input
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described.clone()/> }.into_any()
            }}
            {hint.map(|h| view! { <p class="text-xs text-slate-500 dark:text-slate-400">{h}</p> })}
            <p id=err_id role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
        </div>
    }
}

/// The case form. `number`/`revision` are set when editing an existing case.
#[component]
pub fn CaseForm(
    key: Memo<String>,
    initial: CaseInput,
    #[prop(optional)] number: Option<i64>,
    #[prop(optional)] revision: Option<RwSignal<i64>>,
) -> impl IntoView {
    let input = RwSignal::new(initial.clone());
    let gherkin = RwSignal::new(initial.gherkin);
    let local = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(None::<String>);
    let save = Action::new(move |i: &CaseInput| {
        let (k, i, rev) = (key.get_untracked(), i.clone(), revision.map(|r| r.get_untracked()));
        async move {
            match (number, rev) {
                (Some(n), Some(r)) => update_case(k, n, i, r).await.map(|r| (n, r)),
                _ => create_case(k, i).await.map(|n| (n, 1)),
            }
        }
    });
    let outcome = Signal::derive(move || match local.get() {
        Some(e) => Some(Err(e)),
        None => save.value().get(),
    });
    // Disabled once a new case is saved: the form stays on screen while the case page loads, and
    // must take no second submit or keystroke after the router disposes it. (Before hydration it
    // is live: `ui::early_input` keeps what is typed and replays the press of "Create".)
    let leaving = RwSignal::new(false);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok((n, r))) = save.value().get() {
            match revision {
                Some(rev) => {
                    rev.set(r);
                    saved.set(Some(format!("Saved as revision {r}.")));
                }
                None => {
                    leaving.set(true);
                    let to = format!("/projects/{}/cases/{n}", key.get_untracked());
                    navigate(&to, NavigateOptions { replace: true, ..Default::default() });
                }
            }
        }
    });
    let pending = save.pending();
    let busy = Signal::derive(move || pending.get() || leaving.get());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(mut i), Some(g)) = (input.try_get_untracked(), gherkin.try_get_untracked()) else { return };
        if leaving.try_get_untracked() != Some(false) {
            return;
        }
        saved.set(None);
        i.gherkin = g;
        match i.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(i);
            }
        }
    };
    let story_no = Memo::new(move |_| input.with(|i| crate::wire::HumanKey::number_of(&i.story)));
    // Loaded by an effect, so only in the browser and after hydration: a resource created inside
    // the page's own resolved Suspense broke hydration on a direct load (the server and the client
    // saw the criteria at different times). They are form controls, useless before hydration.
    let story = RwSignal::new(None::<Result<StoryDetail, AppError>>);
    Effect::new(move |_| {
        let (k, n) = (key.get(), story_no.get());
        let Some(n) = n else {
            story.set(None);
            return;
        };
        spawn_local(async move {
            let found = get_story(k, n).await;
            // A slower answer for a number typed over since is dropped, and so is one arriving
            // after the form is gone.
            if story_no.try_get_untracked() == Some(Some(n)) {
                story.try_set(Some(found));
            }
        });
    });
    view! {
        <form class="mt-4" on:submit=on_submit novalidate aria-busy=move || busy.get().to_string()>
          <fieldset class="grid gap-4 lg:grid-cols-3" disabled=move || leaving.get()>
            <legend class="sr-only">{if number.is_some() { "Edit the test case" } else { "New test case" }}</legend>
            <div class="space-y-4 lg:col-span-1">
                <TextField id="case-title" label="Title" input get=|i| i.title.clone() set=|i, v| i.title = v error=field_error(outcome, "title")/>
                <div class="grid grid-cols-2 gap-3">
                    <Choice id="case-kind" label="Type" options=CaseKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
                        current=Signal::derive(move || input.with(|i| i.kind.as_str()))
                        on_pick=move |v| input.update(|i| i.kind = CaseKind::from_name(&v).unwrap_or_default())/>
                    <Choice id="case-priority-field" label="Priority" options=Priority::ALL.iter().map(|p| (p.as_str(), p.label())).collect()
                        current=Signal::derive(move || input.with(|i| i.priority.as_str()))
                        on_pick=move |v| input.update(|i| i.priority = Priority::from_name(&v).unwrap_or_default())/>
                    <Choice id="case-status-field" label="Status" options=CaseStatus::ALL.iter().map(|s| (s.as_str(), s.label())).collect()
                        current=Signal::derive(move || input.with(|i| i.status.as_str()))
                        on_pick=move |v| input.update(|i| i.status = CaseStatus::from_name(&v).unwrap_or_default())/>
                    <TextField id="case-estimate" label="Estimate (minutes)" input get=|i| i.estimated_minutes.clone()
                        set=|i, v| i.estimated_minutes = v error=field_error(outcome, "estimated_minutes")/>
                </div>
                <TextField id="case-tags" label="Tags" hint="Separated by commas or spaces, e.g. smoke, checkout" input
                    get=|i| i.tags.clone() set=|i, v| i.tags = v error=field_error(outcome, "tags")/>
                <div class="flex items-center gap-2">
                    <input id="case-automated" type="checkbox" class=CHECKBOX prop:checked=move || input.with(|i| i.automated)
                        on:change=move |ev| input.update(|i| i.automated = event_target_checked(&ev))/>
                    <label for="case-automated" class="text-sm font-medium">"Automated"</label>
                </div>
                <TextField id="case-story" label="Linked story" hint="Its number or key, e.g. 12 or SHOP-US-12" input
                    get=|i| i.story.clone() set=|i, v| i.story = v error=field_error(outcome, "story")/>
                {move || {
                        match story.get() {
                            Some(Ok(s)) => view! {
                                <fieldset class="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
                                    <legend class="px-1 font-medium">{format!("Covers criteria of {}", s.row.key)}</legend>
                                    {s.criteria.is_empty().then(|| view! { <p class="text-slate-500 dark:text-slate-400">"This story has no acceptance criteria."</p> })}
                                    {s.criteria.into_iter().map(|c| {
                                        let id = c.id;
                                        let box_id = format!("criterion-{id}");
                                        view! {
                                            <div class="flex items-start gap-2">
                                                <input id=box_id.clone() type="checkbox" class=CHECKBOX prop:checked=move || input.with(|i| i.criteria.contains(&id))
                                                    on:change=move |ev| input.update(|i| {
                                                        i.criteria.retain(|x| *x != id);
                                                        if event_target_checked(&ev) { i.criteria.push(id); }
                                                    })/>
                                                <label for=box_id>{c.text}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }.into_any(),
                            None => ().into_any(),
                            Some(Err(e)) => view! { <p role="alert" class="text-sm text-red-700 dark:text-red-400">{e.to_string()}</p> }.into_any(),
                        }
                    }}
                <TextField id="case-description" label="Description" multiline=true input get=|i| i.description.clone()
                    set=|i, v| i.description = v error=field_error(outcome, "description")/>
                <TextField id="case-preconditions" label="Preconditions" multiline=true input get=|i| i.preconditions.clone()
                    set=|i, v| i.preconditions = v error=field_error(outcome, "preconditions")/>
            </div>
            <div class="space-y-3 lg:col-span-2">
                <GherkinEditor value=gherkin error=field_error(outcome, "gherkin")/>
                <FormError error=form_error(outcome)/>
                <p role="status" class="text-sm text-emerald-700 dark:text-emerald-400">{move || saved.get()}</p>
                <Submit label=if number.is_some() { "Save" } else { "Create test case" } busy="Saving…" pending=busy/>
            </div>
          </fieldset>
        </form>
    }
}

/// A labelled select showing `current`.
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    current: Signal<&'static str>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium">{label}</label>
            <select id=id class=format!("{SELECT} w-full") on:change=move |ev| on_pick(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| view! { <option value=v selected=move || current.get() == v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}
