//! The landing page: what Casebook is and where to go next.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

const STEPS: [(&str, &str); 4] = [
    ("Plan", "Projects and user stories with acceptance criteria, typed in or imported from Excel and CSV."),
    ("Write", "Test cases as Gherkin scenarios, by hand or drafted from a story and reviewed before saving."),
    ("Run", "Test runs executed step by step with evidence, online or offline."),
    ("Report", "Bugs raised from failed steps, dashboards, and exported test plans and reports."),
];

#[component]
pub fn HomePage() -> impl IntoView {
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
