//! Planning a test run: its name, environment or build, due date, and which cases — every case
//! of the project, the cases of some stories, the keys listed (the case list's "Run selected"
//! fills them in through `?cases=`) or a saved list. Saving opens the run. A lazy route.
use crate::{
    auth::permissions::Permission,
    runs::{
        api::CreateRun,
        model::{parse_numbers, RunInput},
    },
    test_cases::lists::pages::ListPicker,
    ui::{
        form::{field_error, form_error, FormError, Submit, INPUT},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    All,
    Cases,
    Stories,
    List,
}

pub struct NewRunPage {
    key: Memo<String>,
    /// Case numbers from `?cases=1,2,3`.
    preset: Memo<String>,
}

#[lazy_route]
impl LazyRoute for NewRunPage {
    fn data() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let preset = Memo::new(move |_| query.read().get("cases").unwrap_or_default().replace(',', ", "));
        NewRunPage { key, preset }
    }

    fn view(this: Self) -> AnyView {
        let NewRunPage { key, preset } = this;
        view! {
            <Title text="New test run"/>
            <Guard permission=Permission::EditTestArtifacts>
                <h1 class="text-2xl font-bold tracking-tight">"New test run"</h1>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    "Starting the run later freezes each case's steps as they are then: edits made afterwards do not change what this run executes."
                </p>
                {move || view! { <RunForm key=key.get() preset=preset.get()/> }}
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn RunForm(key: String, preset: String) -> impl IntoView {
    let action = ServerAction::<CreateRun>::new();
    let v = action.value();
    let pick = RwSignal::new(if preset.is_empty() { Pick::All } else { Pick::Cases });
    let (name, environment, due) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (cases, stories) = (RwSignal::new(preset), RwSignal::new(String::new()));
    let list = RwSignal::new(None::<i64>);
    let list_error = RwSignal::new(None::<String>);
    let key = StoredValue::new(key);
    Effect::new(move |_| {
        if let Some(Ok(number)) = v.get() {
            use_navigate()(&format!("/projects/{}/runs/{number}", key.get_value()), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = RunInput {
            name: name.get_untracked(),
            environment: environment.get_untracked(),
            due_date: due.get_untracked(),
            ..RunInput::default()
        };
        let listed = match pick.get_untracked() {
            Pick::All => {
                input.all = true;
                Ok(())
            }
            Pick::Cases => parse_numbers(&cases.get_untracked()).map(|n| input.cases = n),
            Pick::Stories => parse_numbers(&stories.get_untracked()).map(|n| input.stories = n),
            Pick::List => match list.get_untracked() {
                Some(id) => {
                    input.list = Some(id);
                    Ok(())
                }
                None => Err("Pick a saved list, or choose the cases another way.".to_owned()),
            },
        };
        match listed {
            Err(e) => list_error.set(Some(e)),
            Ok(()) => {
                list_error.set(None);
                action.dispatch(CreateRun { project: key.get_value(), input });
            }
        }
    };
    let cases_error = Signal::derive(move || {
        list_error.get().or_else(|| field_error(v, "cases").get()).or_else(|| field_error(v, "list").get())
    });
    let text = move |id: &'static str,
                     label: &'static str,
                     value: RwSignal<String>,
                     field: &'static str,
                     kind: &'static str| {
        let error = field_error(v, field);
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium">{label}</label>
                <input id=id name=id type=kind class=INPUT prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=format!("{id}-error")/>
                <p id=format!("{id}-error") role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
            </div>
        }
    };
    let choice = move |value: Pick, label: &'static str| {
        view! {
            <label class="flex items-center gap-2 text-sm">
                <input type="radio" name="run-pick" class="h-5 w-5 accent-indigo-600" prop:checked=move || pick.get() == value
                    on:change=move |_| pick.set(value)/>
                {label}
            </label>
        }
    };
    let list_field =
        move |id: &'static str, label: &'static str, hint: &'static str, value: RwSignal<String>, when: Pick| {
            view! {
                <div class="space-y-1" class:hidden=move || pick.get() != when>
                    <label for=id class="block text-sm font-medium">{label}</label>
                    <textarea id=id name=id rows="2" class=INPUT prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                        aria-invalid=move || cases_error.get().is_some().then_some("true")
                        aria-describedby=format!("{id}-hint run-cases-error")></textarea>
                    <p id=format!("{id}-hint") class="text-xs text-slate-600 dark:text-slate-400">{hint}</p>
                </div>
            }
        };
    view! {
        <form class="mt-6 max-w-2xl space-y-5" novalidate on:submit=submit>
            {text("run-name", "Name", name, "name", "text")}
            <div class="grid gap-4 sm:grid-cols-2">
                {text("run-environment", "Environment or build (optional)", environment, "environment", "text")}
                {text("run-due", "Due date (optional)", due, "due_date", "date")}
            </div>
            <fieldset class="space-y-3">
                <legend class="text-sm font-medium">"Cases to run"</legend>
                <div class="flex flex-wrap gap-4">
                    {choice(Pick::All, "Every case of the project")}
                    {choice(Pick::Stories, "The cases of some stories")}
                    {choice(Pick::Cases, "The cases I list")}
                    {choice(Pick::List, "A saved list")}
                </div>
                {list_field("run-cases", "Case keys", "Keys or numbers, with ranges: TC-4, 7, 10-14.", cases, Pick::Cases)}
                {list_field("run-stories", "Story keys", "Keys or numbers: US-2, 5.", stories, Pick::Stories)}
                <Show when=move || pick.get() == Pick::List>
                    <ListPicker key=key.get_value() chosen=list error=cases_error/>
                </Show>
                <p id="run-cases-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || cases_error.get()}</p>
            </fieldset>
            <FormError error=form_error(v)/>
            <div class="flex gap-2">
                <Submit label="Create run" busy="Creating…" pending=action.pending()/>
                <a href=move || format!("/projects/{}/runs", key.get_value())
                    class="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-700 underline dark:text-slate-300">"Cancel"</a>
            </div>
        </form>
    }
}
