//! One test case (edited in place by qa and admin, read by everyone else) and the page that
//! writes a new one. Lazy routes.
use super::{
    form::{template, CaseForm},
    highlight::highlight_html,
};
use crate::{
    auth::permissions::Permission,
    stories::model::CriterionId,
    test_cases::{
        api::{clone_case, delete_cases, get_case},
        model::{CaseDetail, CaseInput},
    },
    ui::{
        dialog::{ConfirmActions, Dialog},
        feedback::{plural, ErrorMessage, Loading},
        form::{describe, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map, use_query_map},
    lazy_route, LazyRoute, NavigateOptions,
};

pub struct CasePage;

#[lazy_route]
impl LazyRoute for CasePage {
    fn data() -> Self {
        CasePage
    }

    fn view(this: Self) -> AnyView {
        let CasePage = this;
        view! { <Guard permission=Permission::ViewProjects><Case/></Guard> }.into_any()
    }
}

pub struct NewCasePage;

#[lazy_route]
impl LazyRoute for NewCasePage {
    fn data() -> Self {
        NewCasePage
    }

    fn view(this: Self) -> AnyView {
        let NewCasePage = this;
        view! { <Guard permission=Permission::EditTestArtifacts><NewCase/></Guard> }.into_any()
    }
}

fn project_key() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("key").unwrap_or_default())
}

#[component]
fn NewCase() -> impl IntoView {
    let key = project_key();
    let query = use_query_map();
    // From a story's page: `?story=SHOP-US-3`, and `&criterion=<id>` for an uncovered criterion.
    let story = query.read_untracked().get("story").unwrap_or_default();
    let criteria =
        query.read_untracked().get("criterion").and_then(|c| c.parse().ok()).map(CriterionId).into_iter().collect();
    let initial = CaseInput { story, criteria, gherkin: template(""), ..Default::default() };
    view! {
        <Title text="New test case"/>
        <h1 class="text-2xl font-bold tracking-tight">"New test case"</h1>
        <CaseForm key initial/>
    }
}

#[component]
fn Case() -> impl IntoView {
    let key = project_key();
    let params = use_params_map();
    let number =
        Memo::new(move |_| params.read().get("number").and_then(|n| n.parse::<i64>().ok()).unwrap_or_default());
    let case = Resource::new(move || (key.get(), number.get()), |(k, n)| get_case(k, n));
    // The actions and their state live here, outside the Transition: its content is rebuilt on
    // every refetch (a clone lands on the same route) and must not own what a click still uses.
    let actions = CaseActions::new(key);
    // While a refetch is pending the old view stays on screen, disposed: it takes no input.
    let (pending, set_pending) = crate::ui::feedback::pending_flag();
    view! {
        <div inert=move || pending.get() aria-busy=move || pending.get().to_string()>
            <Transition set_pending fallback=|| view! { <Loading label="Loading the test case…"/> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(c) => view! { <CaseView c key actions/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// Clone and delete of the case on screen, with their confirmation and error.
#[derive(Clone, Copy)]
struct CaseActions {
    copy: Action<i64, Result<i64, crate::error::AppError>>,
    remove: Action<i64, Result<u64, crate::error::AppError>>,
    confirming: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

impl CaseActions {
    fn new(key: Memo<String>) -> Self {
        let confirming = RwSignal::new(false);
        let error = RwSignal::new(None::<String>);
        let copy = Action::new(move |n: &i64| clone_case(key.get_untracked(), *n));
        let remove = Action::new(move |n: &i64| delete_cases(key.get_untracked(), vec![*n]));
        let navigate = use_navigate();
        let nav = navigate.clone();
        Effect::new(move |_| match copy.value().get() {
            Some(Ok(n)) => {
                error.set(None);
                nav(&format!("/projects/{}/cases/{n}", key.get_untracked()), Default::default());
            }
            Some(Err(e)) => error.set(Some(describe(&e))),
            None => {}
        });
        Effect::new(move |_| match remove.value().get() {
            Some(Ok(_)) => {
                confirming.set(false);
                let to = format!("/projects/{}/cases", key.get_untracked());
                navigate(&to, NavigateOptions { replace: true, ..Default::default() });
            }
            Some(Err(e)) => error.set(Some(describe(&e))),
            None => {}
        });
        CaseActions { copy, remove, confirming, error }
    }
}

#[component]
fn CaseView(c: CaseDetail, key: Memo<String>, actions: CaseActions) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let number = c.row.number;
    let revision = RwSignal::new(c.revision);
    let CaseActions { copy, remove, confirming, error } = actions;
    let read_only = StoredValue::new(c.clone());
    crate::visits::pages::note_visit(crate::wire::Numbered::Case, key, number);
    view! {
        <Title text=c.row.key.clone()/>
        <div class="flex flex-wrap items-center gap-3">
            <span class="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800">{c.row.key.clone()}</span>
            <h1 class="text-2xl font-bold tracking-tight">{c.row.title.clone()}</h1>
            <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700" data-testid="case-status">{c.row.status.label()}</span>
            <span class="text-xs text-slate-500 dark:text-slate-400" data-testid="case-revision">{move || format!("Revision {}", revision.get())}</span>
            <span class="ml-auto flex flex-wrap gap-2">
                <a href=move || format!("/projects/{}/cases/{number}/history", key.get()) class=SECONDARY>"History"</a>
                <a href=move || format!("/api/v1/projects/{}/cases/{number}.feature", key.get()) class=SECONDARY download="">"Export .feature"</a>
                <Show when=move || editable.get()>
                    <button type="button" class=SECONDARY on:click=move |_| { copy.dispatch(number); } disabled=move || copy.pending().get()>"Clone"</button>
                    <button type="button" class="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 dark:border-red-800 dark:text-red-300"
                        on:click=move |_| confirming.set(true)>"Delete"</button>
                </Show>
            </span>
        </div>
        <StoryLink c=read_only.get_value()/>
        <ProvenanceNote c=read_only.get_value()/>
        <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
        <Show when=move || editable.get() fallback=move || view! { <ReadOnly c=read_only.get_value()/> }>
            <CaseForm key initial=read_only.with_value(|c| c.case.to_input()) number revision/>
        </Show>
        <crate::runs::pages::results::CaseResults key number/>
        <crate::bugs::pages::open::OpenBugs key of=crate::bugs::pages::open::Of::Case(number)/>
        <Dialog open=confirming title="Delete this test case?" description="Its history goes with it. This cannot be undone.">
            <ConfirmActions open=confirming label="Delete" busy="Deleting…" pending=remove.pending() on_confirm=move || { remove.dispatch(number); }/>
        </Dialog>
    }
}

/// The story the case belongs to, linked, with the criteria it covers.
#[component]
fn StoryLink(c: CaseDetail) -> impl IntoView {
    let Some(story) = c.row.story.as_deref().and_then(crate::wire::HumanKey::parse) else {
        return view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"Not linked to a story."</p> }
            .into_any();
    };
    let covers = c.case.criteria.len();
    view! {
        <p class="mt-2 text-sm" data-testid="case-story">
            "Story "
            <a href=story.href() class="font-medium text-indigo-700 underline dark:text-indigo-300">
                {format!("{story} {}", c.story_title.clone().unwrap_or_default())}
            </a>
            <span class="text-slate-600 dark:text-slate-400">
                {match covers { 0 => " · covers none of its criteria".to_owned(), n => format!(" · covers {}", plural(n as i64, "criterion", "criteria")) }}
            </span>
        </p>
    }
    .into_any()
}

/// Where a generated case came from: provider, model, prompt version, job, who accepted it.
#[component]
fn ProvenanceNote(c: CaseDetail) -> impl IntoView {
    c.provenance.map(|p| {
        let who = p.accepted_by.unwrap_or_else(|| "a former member".to_owned());
        view! {
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="case-provenance">
                {format!(
                    "Generated by {} ({}), prompt {}, job {}; accepted by {who} on {}.",
                    p.provider, p.model, p.prompt_version, p.job, p.accepted_at.format("%Y-%m-%d")
                )}
            </p>
        }
    })
}

/// The case for people who read but do not edit.
#[component]
fn ReadOnly(c: CaseDetail) -> impl IntoView {
    let html = highlight_html(&c.case.gherkin, &Default::default());
    let facts = [
        ("Type", c.row.kind.label().to_owned()),
        ("Priority", c.row.priority.label().to_owned()),
        ("Tags", c.row.tags.join(", ")),
        (
            "Story",
            c.row
                .story
                .clone()
                .map(|s| format!("{s} {}", c.story_title.clone().unwrap_or_default()))
                .unwrap_or_default(),
        ),
        ("Estimate", c.case.estimated_minutes.map(|m| format!("{m} min")).unwrap_or_default()),
        ("Automated", if c.case.automated { "Yes" } else { "No" }.to_owned()),
    ];
    view! {
        <dl class="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
            {facts.into_iter().map(|(k, v)| view! { <div><dt class="font-medium">{k}</dt><dd>{if v.is_empty() { "—".to_owned() } else { v }}</dd></div> }).collect_view()}
        </dl>
        {(!c.case.description.is_empty()).then(|| view! { <h2 class="mt-4 font-semibold">"Description"</h2><p class="whitespace-pre-wrap text-sm">{c.case.description.clone()}</p> })}
        {(!c.case.preconditions.is_empty()).then(|| view! { <h2 class="mt-4 font-semibold">"Preconditions"</h2><p class="whitespace-pre-wrap text-sm">{c.case.preconditions.clone()}</p> })}
        <h2 class="mt-4 font-semibold">"Gherkin"</h2>
        <pre class="mt-2 overflow-x-auto rounded-md border border-slate-200 p-3 font-mono text-sm leading-6 dark:border-slate-800" inner_html=html></pre>
    }
}
