//! The home page: for a signed-in person their projects, the runs assigned to them and what they
//! visited lately; for a visitor what Casebook is and where to go next. A lazy route.
use crate::{
    projects::{api::list_projects, model::ProjectSummary},
    ui::{
        feedback::{plural, ErrorMessage, Loading},
        session::session,
    },
    visits::pages::RecentList,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, lazy_route, LazyRoute};

const STEPS: [(&str, &str); 4] = [
    ("Plan", "Projects and user stories with acceptance criteria, typed in or imported from Excel and CSV."),
    ("Write", "Test cases as Gherkin scenarios, by hand or drafted from a story and reviewed before saving."),
    ("Run", "Test runs executed step by step with evidence, online or offline."),
    ("Report", "Bugs raised from failed steps, dashboards, and exported test plans and reports."),
];

pub struct HomePage;

#[lazy_route]
impl LazyRoute for HomePage {
    fn data() -> Self {
        HomePage
    }

    fn view(this: Self) -> AnyView {
        let HomePage = this;
        let me = session().0;
        view! {
            <Suspense fallback=|| view! { <Loading label="Loading…"/> }>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! { <Dashboard name=me.name/> }.into_any(),
                        _ => view! { <Welcome/> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn Dashboard(name: String) -> impl IntoView {
    let projects = Resource::new(|| (), |_| list_projects());
    view! {
        <Title text="Home"/>
        <h1 class="text-2xl font-bold tracking-tight">{format!("Welcome back, {name}")}</h1>
        <div class="mt-6 grid gap-8 lg:grid-cols-3">
            <section aria-labelledby="my-projects-title" class="lg:col-span-2">
                <div class="flex items-center gap-3">
                    <h2 id="my-projects-title" class="text-lg font-semibold">"Your projects"</h2>
                    <a href="/projects" class="ml-auto text-sm text-indigo-700 underline dark:text-indigo-300">"All projects"</a>
                </div>
                <Suspense fallback=|| view! { <Loading label="Loading projects…"/> }>
                    {move || Suspend::new(async move {
                        match projects.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(list) if list.is_empty() => view! {
                                <p class=crate::ui::feedback::EMPTY>
                                    "No projects yet. " <a href="/projects" class="text-indigo-700 underline dark:text-indigo-300">"Go to Projects"</a> " to create the first one."
                                </p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="mt-2 grid gap-3 sm:grid-cols-2">
                                    {list.into_iter().map(|p| view! { <ProjectCard p/> }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <div class="space-y-8">
                <crate::runs::pages::mine::AssignedRuns/>
                <section aria-labelledby="recent-title">
                    <h2 id="recent-title" class="text-lg font-semibold">"Recently visited"</h2>
                    <RecentList/>
                </section>
            </div>
        </div>
    }
}

#[component]
fn ProjectCard(p: ProjectSummary) -> impl IntoView {
    let base = format!("/projects/{}", p.key);
    let link = "text-indigo-700 underline dark:text-indigo-300";
    view! {
        <li class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="home-project">
            <a href=base.clone() class="font-semibold text-indigo-700 underline dark:text-indigo-300">{p.name.clone()}</a>
            <span class="ml-2 font-mono text-xs text-slate-600 dark:text-slate-400">{p.key.clone()}</span>
            <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">{p.status.label()}</p>
            <p class="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <a href=format!("{base}/stories") class=link>{plural(p.stories, "story", "stories")}<span class="sr-only">{format!(" in {}", p.name)}</span></a>
                <a href=format!("{base}/cases") class=link>{plural(p.test_cases, "test case", "test cases")}<span class="sr-only">{format!(" in {}", p.name)}</span></a>
            </p>
        </li>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <Title text=""/>
        <section aria-labelledby="home-title">
            <h1 id="home-title" class="text-3xl font-bold tracking-tight">"Welcome to Casebook"</h1>
            <p class="mt-3 max-w-2xl text-slate-600 dark:text-slate-400">
                "Casebook keeps a team's QA work in one place, from the story to the report."
            </p>
            <ol class="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                {STEPS.into_iter().map(|(title, text)| view! {
                    <li class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
                        <h2 class="font-semibold">{title}</h2>
                        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{text}</p>
                    </li>
                }).collect_view()}
            </ol>
            <p class="mt-8">
                <A href="/system" attr:class="font-medium text-indigo-700 underline dark:text-indigo-300">"Check the system status"</A>
            </p>
        </section>
    }
}
