//! One story: its fields, and its acceptance criteria checked, edited, added and removed in
//! place. A lazy route.
use super::SELECT;
use crate::generation::pages::request::GenerateButtons;
use crate::{
    auth::permissions::Permission,
    stories::{
        api::{get_story, AddCriterion, DeleteCriterion, DeleteStory, EditCriterion, UpdateStory},
        model::{Criterion, Priority, StoryDetail, StoryStatus},
    },
    test_cases::{api::cases_of_story, model::StoryCases},
    ui::{
        feedback::{plural, width_tenths, ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, CHECKBOX, SECONDARY},
        session::{can, Guard},
    },
    users::{api::list_members, model::Member},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct StoryPage;

#[lazy_route]
impl LazyRoute for StoryPage {
    fn data() -> Self {
        StoryPage
    }

    fn view(this: Self) -> AnyView {
        let StoryPage = this;
        view! { <Guard permission=Permission::ViewProjects><Story/></Guard> }.into_any()
    }
}

#[component]
fn Story() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
    let number =
        Memo::new(move |_| params.read().get("number").and_then(|n| n.parse::<i64>().ok()).unwrap_or_default());
    let add = ServerAction::<AddCriterion>::new();
    let edit = ServerAction::<EditCriterion>::new();
    let remove = ServerAction::<DeleteCriterion>::new();
    let story = Resource::new(
        move || (key.get(), number.get(), add.version().get(), edit.version().get(), remove.version().get()),
        |(k, n, ..)| get_story(k, n),
    );
    // Loaded beside the story, not inside the assignee `<select>`: an HTML parser drops what a
    // `<Suspense>` would write there, and the page would not hydrate.
    let members = Resource::new(|| (), |_| list_members());
    let cases = Resource::new(move || (key.get(), number.get()), |(k, n)| cases_of_story(k, n));
    let waiting =
        Resource::new(move || (key.get(), number.get()), |(k, n)| crate::generation::api::pending_reviews(k, n));
    // While a refetch is pending the old view stays on screen, disposed: it takes no input.
    let (pending, set_pending) = crate::ui::feedback::pending_flag();
    view! {
        <div inert=move || pending.get() aria-busy=move || pending.get().to_string()>
            <Transition set_pending fallback=|| view! { <Loading label="Loading the story…"/> }>
                {move || Suspend::new(async move {
                    let people = members.await.unwrap_or_default();
                    let cases = cases.await;
                    let waiting = waiting.await.unwrap_or_default();
                    match story.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(s) => view! { <StoryView s people cases waiting key add edit remove/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn StoryView(
    s: StoryDetail,
    people: Vec<Member>,
    cases: Result<StoryCases, crate::error::AppError>,
    waiting: Vec<crate::generation::model::PendingReview>,
    key: Memo<String>,
    add: ServerAction<AddCriterion>,
    edit: ServerAction<EditCriterion>,
    remove: ServerAction<DeleteCriterion>,
) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let number = s.row.number;
    let total = s.criteria.len();
    let done = s.criteria.iter().filter(|c| c.done).count();
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    let stored = StoredValue::new(s.clone());
    let base = format!("/projects/{}", key.get_untracked());
    let new_case = format!("{base}/cases/new?story={}", s.row.key);
    let covering = StoredValue::new(cases.as_ref().ok().cloned());
    let brief: Vec<(crate::stories::model::CriterionId, String)> =
        s.criteria.iter().map(|c| (c.id, c.text.clone())).collect();
    let uncovered: Vec<crate::stories::model::CriterionId> = s
        .criteria
        .iter()
        .filter(|c| covering.with_value(|k| k.as_ref().is_some_and(|k| k.covering(c.id).is_empty())))
        .map(|c| c.id)
        .collect();
    let generate = StoredValue::new((brief, uncovered));
    crate::visits::pages::note_visit(crate::wire::Numbered::Story, key, number);
    view! {
        <Title text=s.row.key.clone()/>
        <div class="flex flex-wrap items-center gap-3">
            <span class="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800">{s.row.key.clone()}</span>
            <h1 class="text-2xl font-bold tracking-tight">{s.row.title.clone()}</h1>
        </div>
        <section aria-labelledby="criteria-title" class="mt-6 max-w-3xl">
            <h2 id="criteria-title" class="text-lg font-semibold">"Acceptance criteria"</h2>
            <p class="text-sm text-slate-500 dark:text-slate-400" role="status">
                {if total == 0 { "No criteria yet.".to_owned() } else { format!("{done} of {total} done ({percent}%)") }}
            </p>
            <div role="progressbar" aria-label="Criteria done" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent
                class="mt-2 h-2 w-full rounded bg-slate-200 dark:bg-slate-800">
                <div class=format!("h-2 rounded bg-green-600 {}", width_tenths(percent as i64))></div>
            </div>
            <ul class="mt-4 space-y-2">
                {s.criteria.into_iter().map(|c| {
                    let covered = covering.with_value(|k| k.as_ref().map(|k| k.covering(c.id)));
                    let new_for = format!("{new_case}&criterion={}", c.id);
                    view! { <CriterionItem c covered base=base.clone() new_for editable edit remove/> }
                }).collect_view()}
            </ul>
            <FormError error=form_error(edit.value())/>
            <Show when=move || editable.get()>
                {move || {
                    let (criteria, uncovered) = generate.get_value();
                    view! { <GenerateButtons key=key.get_untracked() stories=vec![number] criteria uncovered/> }
                }}
            </Show>
            {(!waiting.is_empty()).then(|| view! {
                <p class="mt-2 text-sm" data-testid="waiting-suggestions">
                    "Suggested cases waiting for review: "
                    {waiting.into_iter().enumerate().map(|(i, w)| view! {
                        {(i > 0).then_some(" · ")}
                        <a href=w.href class="font-medium text-indigo-700 underline dark:text-indigo-300">{format!("job {} ({})", w.job.0, w.count)}</a>
                    }).collect_view()}
                </p>
            })}
            <Show when=move || editable.get()>
                <ActionForm action=add attr:class="mt-4 flex flex-wrap items-end gap-2" attr:novalidate="true">
                    <input type="hidden" name="project" value=key.get_untracked()/>
                    <input type="hidden" name="number" value=number/>
                    <div class="min-w-0 flex-1"><Field name="text" label="New criterion" error=field_error(add.value(), "text")/></div>
                    <Submit label="Add" busy="Adding…" pending=add.pending()/>
                </ActionForm>
            </Show>
        </section>
        <StoryCaseList cases base=base.clone() new_case editable/>
        <crate::bugs::pages::open::OpenBugs key of=crate::bugs::pages::open::Of::Story(number)/>
        <Show when=move || editable.get()>
            <StoryForm s=stored.get_value() people=people.clone() key/>
        </Show>
    }
}

/// The cases linked to the story, with their status and last result.
#[component]
fn StoryCaseList(
    cases: Result<StoryCases, crate::error::AppError>,
    base: String,
    new_case: String,
    editable: Signal<bool>,
) -> impl IntoView {
    let link = "font-medium text-indigo-700 underline dark:text-indigo-300";
    let new_link = new_case.clone();
    view! {
        <section aria-labelledby="story-cases-title" class="mt-8 max-w-3xl">
            <div class="flex flex-wrap items-center gap-3">
                <h2 id="story-cases-title" class="text-lg font-semibold">"Test cases"</h2>
                <Show when=move || editable.get()>
                    <a href=new_link.clone() class="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">"New test case for this story"</a>
                </Show>
            </div>
            {match cases {
                Err(error) => view! { <ErrorMessage error/> }.into_any(),
                Ok(c) if c.cases.is_empty() => view! {
                    <p class=crate::ui::feedback::EMPTY>
                        "No test case covers this story yet."
                        {move || editable.get().then_some(" Write one with “New test case for this story”.")}
                    </p>
                }.into_any(),
                Ok(c) => {
                    let shown = c.cases.len() as i64;
                    view! {
                        <p class="text-sm text-slate-600 dark:text-slate-400">
                            {if c.total > shown { format!("The first {shown} of {} test cases", c.total) } else { plural(c.total, "test case", "test cases") }}
                        </p>
                        <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="story-cases">
                            {c.cases.into_iter().map(|r| {
                                let href = format!("{base}/cases/{}", r.number);
                                view! {
                                    <li class="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm">
                                        <a href=href class=link>{r.title.clone()}</a>
                                        <span class="font-mono text-xs text-slate-600 dark:text-slate-400">{r.key.clone()}</span>
                                        <span class="ml-auto rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">{r.status.label()}</span>
                                        <span class="text-xs text-slate-600 dark:text-slate-400">{r.last_result.map(|x| x.label()).unwrap_or("Not run")}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CriterionItem(
    c: Criterion,
    /// The cases covering it, (key, number); `None` when they could not be loaded.
    covered: Option<Vec<(String, i64)>>,
    /// `/projects/KEY`.
    base: String,
    /// The new-case page for it.
    new_for: String,
    editable: Signal<bool>,
    edit: ServerAction<EditCriterion>,
    remove: ServerAction<DeleteCriterion>,
) -> impl IntoView {
    let id = c.id;
    let editing = RwSignal::new(false);
    let text = RwSignal::new(c.text.clone());
    let label = c.text.clone();
    let label_for_new = c.text.clone();
    view! {
        <li class="flex flex-wrap items-start gap-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="criterion">
            <input type="checkbox" class=CHECKBOX aria-label=format!("Done: {label}") prop:checked=c.done disabled=move || !editable.get()
                on:change=move |ev| { edit.dispatch(EditCriterion { id, text: None, done: Some(event_target_checked(&ev)) }); }/>
            <Show when=move || editing.get() fallback=move || view! { <span class="flex-1 whitespace-pre-line">{text.get()}</span> }>
                <label class="sr-only" for=format!("criterion-{id}")>"Criterion text"</label>
                <textarea id=format!("criterion-{id}") class="flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900" prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="button" class=SECONDARY on:click=move |_| { edit.dispatch(EditCriterion { id, text: Some(text.get_untracked()), done: None }); editing.set(false); }>"Save"</button>
            </Show>
            <Show when=move || editable.get() && !editing.get()>
                <button type="button" class=SECONDARY aria-label=format!("Edit criterion {id}") on:click=move |_| editing.set(true)>"Edit"</button>
                <button type="button" class=SECONDARY aria-label=format!("Delete criterion {id}") on:click=move |_| { remove.dispatch(DeleteCriterion { id }); }>"Delete"</button>
            </Show>
            <Coverage covered base new_for editable label=label_for_new/>
        </li>
    }
}

#[component]
fn StoryForm(s: StoryDetail, people: Vec<Member>, key: Memo<String>) -> impl IntoView {
    let update = ServerAction::<UpdateStory>::new();
    let delete = ServerAction::<DeleteStory>::new();
    let v = update.value();
    let number = s.row.number;
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            go(&format!("/projects/{}/stories", key.get_untracked()));
        }
    });
    let (priority, status, assignee) = (s.row.priority, s.row.status, s.assignee_id);
    view! {
        <section aria-labelledby="details-title" class="mt-10 max-w-3xl">
            <h2 id="details-title" class="text-lg font-semibold">"Details"</h2>
            <ActionForm action=update attr:class="mt-4 space-y-4" attr:novalidate="true">
                <input type="hidden" name="project" value=key.get_untracked()/>
                <input type="hidden" name="number" value=number/>
                <Field name="input[title]" label="Title" required=true value=s.row.title.clone() error=field_error(v, "title")/>
                <div class="space-y-1">
                    <label for="story-description" class="block text-sm font-medium">"Description"</label>
                    <textarea id="story-description" name="input[description]" rows="4" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">{s.description.clone()}</textarea>
                </div>
                <div class="grid gap-4 sm:grid-cols-3">
                    <div class="space-y-1">
                        <label for="story-priority-edit" class="block text-sm font-medium">"Priority"</label>
                        <select id="story-priority-edit" name="input[priority]" class=format!("{SELECT} w-full")>
                            {Priority::ALL.iter().copied().map(|p| view! { <option value=p.as_str() selected=p == priority>{p.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="space-y-1">
                        <label for="story-status-edit" class="block text-sm font-medium">"Status"</label>
                        <select id="story-status-edit" name="input[status]" class=format!("{SELECT} w-full")>
                            {StoryStatus::ALL.iter().copied().map(|st| view! { <option value=st.as_str() selected=st == status>{st.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="space-y-1">
                        <label for="story-assignee" class="block text-sm font-medium">"Assignee"</label>
                        <select id="story-assignee" name="input[assignee]" class=format!("{SELECT} w-full")>
                            <option value="">"Nobody"</option>
                            {people.into_iter().map(|m| view! {
                                <option value=m.id.0.to_string() selected=Some(m.id.0) == assignee>{m.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Field name="input[epic]" label="Epic" value=s.row.epic.clone().unwrap_or_default() error=field_error(v, "epic")/>
                    <Field name="input[sprint]" label="Sprint" value=s.row.sprint.clone().unwrap_or_default() error=field_error(v, "sprint")/>
                    <Field name="input[story_points]" label="Story points" kind="number" value=s.row.story_points.map(|p| p.to_string()).unwrap_or_default() error=field_error(v, "story_points")/>
                </div>
                <Field name="input[external_id]" label="External ID" value=s.row.external_id.clone().unwrap_or_default() hint="The ID in the source system; imports update the story with this ID." error=field_error(v, "external_id")/>
                <FormError error=form_error(v)/>
                <div class="flex flex-wrap items-center gap-3">
                    <Submit label="Save story" busy="Saving…" pending=update.pending()/>
                    {move || matches!(v.get(), Some(Ok(()))).then(|| view! { <span role="status" class="text-sm text-green-700 dark:text-green-400">"Saved."</span> })}
                    <button type="button" class="ml-auto rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 dark:border-red-800 dark:text-red-300"
                        on:click=move |_| {
                            if window().confirm_with_message("Delete this story and its acceptance criteria?").unwrap_or(false) {
                                delete.dispatch(DeleteStory { project: key.get_untracked(), number });
                            }
                        }>"Delete story"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Under a criterion: the cases that cover it, or "Not covered" with a link to write one.
#[component]
fn Coverage(
    covered: Option<Vec<(String, i64)>>,
    base: String,
    new_for: String,
    editable: Signal<bool>,
    label: String,
) -> impl IntoView {
    let Some(covered) = covered else { return ().into_any() };
    view! {
        <p class="w-full pl-9 text-xs text-slate-600 dark:text-slate-400" data-testid="criterion-coverage">
            {if covered.is_empty() {
                view! {
                    <span class="font-medium text-amber-800 dark:text-amber-300">"Not covered"</span>
                    <Show when=move || editable.get()>
                        " · " <a href=new_for.clone() class="text-indigo-700 underline dark:text-indigo-300">"New test case"<span class="sr-only">{format!(" for “{label}”")}</span></a>
                    </Show>
                }.into_any()
            } else {
                view! {
                    "Covered by "
                    {covered.into_iter().enumerate().map(|(i, (k, n))| view! {
                        {(i > 0).then_some(", ")}
                        <a href=format!("{base}/cases/{n}") class="font-mono text-indigo-700 underline dark:text-indigo-300">{k}</a>
                    }).collect_view()}
                }.into_any()
            }}
        </p>
    }
    .into_any()
}
