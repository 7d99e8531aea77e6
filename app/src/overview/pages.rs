//! The project's overview page: counts, cases by status, what changed lately, stories without
//! cases, cases in draft, and quick actions. A lazy route; its data loads in `data()`.
use super::{
    api::project_overview,
    model::{Activity, Linked, Overview},
};
use crate::{
    auth::permissions::Permission,
    projects::pages::percent,
    test_cases::model::CaseStatus,
    ui::{
        feedback::{ErrorMessage, Loading},
        form::SECONDARY,
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct OverviewPage {
    overview: Resource<Result<Overview, crate::error::AppError>>,
}

#[lazy_route]
impl LazyRoute for OverviewPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        OverviewPage { overview: Resource::new(move || key.get(), project_overview) }
    }

    fn view(this: Self) -> AnyView {
        let OverviewPage { overview } = this;
        view! {
            <Guard permission=Permission::ViewProjects>
                <Suspense fallback=|| view! { <Loading label="Loading the overview…"/> }>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(o) => view! { <OverviewView o/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

const PRIMARY: &str = "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500";
const LINK: &str = "font-medium text-indigo-700 underline dark:text-indigo-300";

#[component]
fn OverviewView(o: Overview) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let p = &o.project;
    let base = format!("/projects/{}", p.key);
    let cases_href = format!("{base}/cases");
    let by_status = o.cases_by_status.clone();
    let total_cases = p.test_cases;
    let (new_story, new_case, import) =
        (format!("{base}/stories?new=1"), format!("{base}/cases/new"), format!("{base}/import"));
    let new_case_action = new_case.clone();
    view! {
        <Title text=p.name.clone()/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">{p.name.clone()}</h1>
            <span class="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800">{p.key.clone()}</span>
            <span class="text-sm text-slate-600 dark:text-slate-400">{p.status.label()}</span>
        </div>
        {(!p.description.is_empty()).then(|| view! { <p class="mt-2 max-w-3xl whitespace-pre-line text-slate-700 dark:text-slate-300">{p.description.clone()}</p> })}
        <Show when=move || editable.get()>
            <div class="mt-4 flex flex-wrap gap-2" role="group" aria-label="Quick actions">
                <a href=new_story.clone() class=PRIMARY>"New story"</a>
                <a href=new_case_action.clone() class=SECONDARY>"New test case"</a>
                <a href=import.clone() class=SECONDARY>"Import stories"</a>
            </div>
        </Show>
        <dl class="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat label="Stories" value=p.stories.to_string() href=Some(format!("{base}/stories"))/>
            <Stat label="Acceptance criteria" value=p.criteria.to_string() href=Some(format!("{base}/stories"))/>
            <Stat label="Test cases" value=p.test_cases.to_string() href=Some(cases_href.clone())/>
            <Stat label="Stories with cases" value=percent(p.coverage()) href=Some(format!("{base}/stories"))/>
            <Stat label="Criteria covered" value=percent(o.criteria_coverage()) href=Some(format!("{base}/stories"))/>
            <Stat label="Open bugs" value=p.open_bugs.to_string() href=None/>
        </dl>
        <section aria-labelledby="by-status-title" class="mt-8">
            <h2 id="by-status-title" class="text-lg font-semibold">"Test cases by status"</h2>
            {if total_cases == 0 {
                view! { <Empty text="No test cases yet." action=editable.get_untracked().then(|| ("Write the first one".to_owned(), new_case.clone()))/> }.into_any()
            } else {
                view! { <StatusBar by_status total=total_cases/> }.into_any()
            }}
        </section>
        <div class="mt-8 grid gap-8 lg:grid-cols-2">
            <section aria-labelledby="uncovered-title">
                <h2 id="uncovered-title" class="text-lg font-semibold">"Stories without test cases"
                    <span class="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">{o.uncovered_total}</span></h2>
                {if o.uncovered.is_empty() {
                    let text = if p.stories == 0 { "No stories yet." } else { "Every story has at least one test case." };
                    view! { <Empty text action=(p.stories == 0 && editable.get_untracked()).then(|| ("Add or import stories".to_owned(), format!("{base}/stories"))) /> }.into_any()
                } else {
                    view! { <LinkList items=o.uncovered.clone()/> }.into_any()
                }}
            </section>
            <section aria-labelledby="drafts-title">
                <h2 id="drafts-title" class="text-lg font-semibold">"Test cases in draft"
                    <span class="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">{o.cases(CaseStatus::Draft)}</span></h2>
                {if o.drafts.is_empty() {
                    view! { <Empty text="No drafts: every case is ready or deprecated." action=None/> }.into_any()
                } else {
                    view! { <LinkList items=o.drafts.clone()/> }.into_any()
                }}
            </section>
        </div>
        <section aria-labelledby="activity-title" class="mt-8">
            <h2 id="activity-title" class="text-lg font-semibold">"Recent changes"</h2>
            {if o.activity.is_empty() {
                view! { <Empty text="Nothing has changed yet." action=None/> }.into_any()
            } else {
                view! { <ActivityList items=o.activity.clone()/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Stat(label: &'static str, value: String, href: Option<String>) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <dt class="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold">
                {match href {
                    Some(href) => view! { <a href=href class="hover:underline">{value}</a> }.into_any(),
                    None => value.into_any(),
                }}
            </dd>
        </div>
    }
}

/// The cases of each status as one bar, with the numbers in text beside it.
#[component]
fn StatusBar(by_status: Vec<(CaseStatus, i64)>, total: i64) -> impl IntoView {
    let colour = |s: CaseStatus| match s {
        CaseStatus::Draft => "bg-amber-500",
        CaseStatus::Ready => "bg-green-600",
        CaseStatus::Deprecated => "bg-slate-400",
    };
    let text = by_status.iter().map(|(s, n)| format!("{} {n}", s.label())).collect::<Vec<_>>().join(", ");
    view! {
        <div role="img" aria-label=format!("Test cases by status: {text}") class="mt-3 flex h-3 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
            {by_status.iter().filter(|(_, n)| *n > 0).map(|(s, n)| view! {
                <div class=format!("{} {}", colour(*s), crate::ui::feedback::width_tenths((n * 100 / total.max(1)).max(10)))></div>
            }).collect_view()}
        </div>
        <ul class="mt-2 flex flex-wrap gap-4 text-sm">
            {by_status.into_iter().map(|(s, n)| view! {
                <li class="flex items-center gap-2"><span aria-hidden="true" class=format!("inline-block h-3 w-3 rounded-sm {}", colour(s))></span>{format!("{} {n}", s.label())}</li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn LinkList(items: Vec<Linked>) -> impl IntoView {
    view! {
        <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {items.into_iter().map(|i| view! {
                <li class="px-3 py-2 text-sm">
                    <a href=i.href class=LINK>{i.title}</a>
                    <span class="ml-2 font-mono text-xs text-slate-600 dark:text-slate-400">{i.key}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ActivityList(items: Vec<Activity>) -> impl IntoView {
    view! {
        <ol class="mt-2 space-y-2 text-sm">
            {items.into_iter().map(|a| view! {
                <li class="flex flex-wrap gap-x-2">
                    <time datetime=a.at.to_rfc3339() class="text-slate-600 dark:text-slate-400">{a.at.format("%Y-%m-%d %H:%M").to_string()}</time>
                    <span class="font-medium">{a.who}</span>
                    <span>{a.what.to_lowercase()}</span>
                    {match (a.target, a.href) {
                        (Some(t), Some(href)) => view! { <a href=href class=LINK>{t}</a> }.into_any(),
                        (Some(t), None) => view! { <span class="font-mono">{t}</span> }.into_any(),
                        _ => ().into_any(),
                    }}
                    {a.detail.map(|d| view! { <span class="text-slate-600 dark:text-slate-400">{format!("({d})")}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Empty(text: &'static str, action: Option<(String, String)>) -> impl IntoView {
    view! {
        <p class=crate::ui::feedback::EMPTY>
            {text}
            {action.map(|(label, href)| view! { " " <a href=href class=LINK>{label}</a> })}
        </p>
    }
}
