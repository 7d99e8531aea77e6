//! Reporting a bug (by hand, or pre-filled from a failed step: `?run=&case=&scenario=&step=`)
//! and editing one: the same form. A lazy route for the new report.
use crate::{
    auth::permissions::Permission,
    bugs::{
        api::{prefill_bug, CreateBug, UpdateBug},
        model::{BugInput, BugPriority, BugType, Severity},
    },
    error::AppError,
    ui::{
        feedback::{ErrorMessage, Loading},
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

pub struct NewBugPage {
    key: Memo<String>,
    initial: Resource<Result<BugInput, AppError>>,
}

#[lazy_route]
impl LazyRoute for NewBugPage {
    fn data() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let from = Memo::new(move |_| {
            query.with(|q| {
                let n = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
                Some((n("run")?, n("case")?, n("scenario")?, n("step")?))
            })
        });
        let initial = Resource::new(
            move || (key.get(), from.get()),
            |(key, from)| async move {
                match from {
                    Some((run, case, scenario, step)) => prefill_bug(key, run, case, scenario, step).await,
                    None => Ok(BugInput::default()),
                }
            },
        );
        NewBugPage { key, initial }
    }

    fn view(this: Self) -> AnyView {
        let NewBugPage { key, initial } = this;
        view! {
            <Title text="Report bug"/>
            <Guard permission=Permission::ReportBugs>
                <h1 class="text-2xl font-bold tracking-tight">"Report bug"</h1>
                <Suspense fallback=|| view! { <Loading label="Preparing the report…"/> }>
                    {move || Suspend::new(async move {
                        match initial.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(input) => view! { <BugForm key=key.get_untracked() initial=input number=None/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

fn pick<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    all: &'static [T],
    value: RwSignal<T>,
    name: fn(T) -> (&'static str, &'static str),
    from: fn(&str) -> Option<T>,
) -> impl IntoView {
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium">{label}</label>
            <select id=id class=INPUT on:change=move |ev| { if let Some(v) = from(&event_target_value(&ev)) { value.set(v) } }>
                {all.iter().map(|t| {
                    let (v, l) = name(*t);
                    let t = *t;
                    view! { <option value=v selected=move || value.get() == t>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The report's fields. With `number`, it edits that bug; without, it reports a new one.
#[component]
pub fn BugForm(
    key: String,
    initial: BugInput,
    number: Option<i64>,
    #[prop(optional, into)] saved: Option<Callback<()>>,
) -> impl IntoView {
    let create = ServerAction::<CreateBug>::new();
    let update = ServerAction::<UpdateBug>::new();
    let text = |v: &str| RwSignal::new(v.to_owned());
    let (title, description, environment) =
        (text(&initial.title), text(&initial.description), text(&initial.environment));
    let (steps, expected, actual) = (text(&initial.steps_to_reproduce), text(&initial.expected), text(&initial.actual));
    let (story, case, run) = (text(&initial.story), text(&initial.case), text(&initial.run));
    let (severity, priority, kind) =
        (RwSignal::new(initial.severity), RwSignal::new(initial.priority), RwSignal::new(initial.bug_type));
    let key = StoredValue::new(key);
    let input = move || BugInput {
        title: title.get_untracked(),
        description: description.get_untracked(),
        severity: severity.get_untracked(),
        priority: priority.get_untracked(),
        bug_type: kind.get_untracked(),
        environment: environment.get_untracked(),
        steps_to_reproduce: steps.get_untracked(),
        expected: expected.get_untracked(),
        actual: actual.get_untracked(),
        story: story.get_untracked(),
        case: case.get_untracked(),
        run: run.get_untracked(),
    };
    Effect::new(move |_| {
        if let Some(Ok(n)) = create.value().get() {
            use_navigate()(&format!("/projects/{}/bugs/{n}", key.get_value()), Default::default());
        }
    });
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(saved)) = (update.value().get(), saved) {
            saved.run(());
        }
    });
    // Field errors come from whichever action ran.
    let err = move |field: &'static str| {
        let (a, b) = (field_error(create.value(), field), field_error(update.value(), field));
        Signal::derive(move || a.get().or_else(|| b.get()))
    };
    let field = move |id: &'static str, label: &'static str, value: RwSignal<String>, name: &'static str, rows: u8| {
        let error = err(name);
        let control = if rows == 0 {
            view! { <input id=id class=INPUT prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=format!("{id}-error")/> }.into_any()
        } else {
            view! { <textarea id=id rows=rows class=INPUT prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=format!("{id}-error")></textarea> }.into_any()
        };
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium">{label}</label>
                {control}
                <p id=format!("{id}-error") role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
            </div>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match number {
            None => {
                create.dispatch(CreateBug { project: key.get_value(), input: input() });
            }
            Some(number) => {
                update.dispatch(UpdateBug { project: key.get_value(), number, input: input() });
            }
        }
    };
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());
    let general = Signal::derive(move || form_error(create.value()).get().or_else(|| form_error(update.value()).get()));
    view! {
        <form class="mt-6 max-w-3xl space-y-4" novalidate on:submit=submit>
            {field("bug-title", "Title", title, "title", 0)}
            <div class="grid gap-4 sm:grid-cols-3">
                {pick("bug-severity-input", "Severity", Severity::ALL, severity, |s| (s.as_str(), s.label()), Severity::from_name)}
                {pick("bug-priority-input", "Priority", BugPriority::ALL, priority, |s| (s.as_str(), s.label()), BugPriority::from_name)}
                {pick("bug-type-input", "Type", BugType::ALL, kind, |s| (s.as_str(), s.label()), BugType::from_name)}
            </div>
            {field("bug-environment", "Environment or build", environment, "environment", 0)}
            {field("bug-steps", "Steps to reproduce", steps, "steps_to_reproduce", 5)}
            <div class="grid gap-4 sm:grid-cols-2">
                {field("bug-expected", "Expected result", expected, "expected", 3)}
                {field("bug-actual", "Actual result", actual, "actual", 3)}
            </div>
            {field("bug-description", "Description (Markdown)", description, "description", 5)}
            {number.is_none().then(|| view! {
                <div class="grid gap-4 sm:grid-cols-3">
                    {field("bug-story", "Story (key or number, optional)", story, "story", 0)}
                    {field("bug-case", "Test case (key or number, optional)", case, "case", 0)}
                    {field("bug-run", "Test run (key or number, optional)", run, "run", 0)}
                </div>
            })}
            <FormError error=general/>
            <Submit label=if number.is_some() { "Save bug" } else { "Report bug" } busy="Saving…" pending/>
        </form>
    }
}
