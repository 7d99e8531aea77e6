//! The project's coverage page: each story's acceptance criteria with the cases that cover them,
//! "Not covered" highlighted, a filter to the uncovered ones, and "Generate for every uncovered
//! criterion" (one job for the stories concerned). A lazy route.
use super::{api::project_coverage, model::Coverage};
use crate::{
    auth::permissions::Permission,
    error::AppError,
    generation::{model::MAX_STORIES, pages::request::GenerateButtons},
    stories::model::CriterionId,
    ui::{
        feedback::{plural, width_tenths, ErrorMessage, Loading, EMPTY},
        form::CHECKBOX,
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct CoveragePage {
    key: Memo<String>,
    coverage: Resource<Result<Coverage, AppError>>,
}

#[lazy_route]
impl LazyRoute for CoveragePage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        CoveragePage { key, coverage: Resource::new(move || key.get(), project_coverage) }
    }

    fn view(this: Self) -> AnyView {
        let CoveragePage { key, coverage } = this;
        view! {
            <Title text="Coverage"/>
            <Guard permission=Permission::ViewProjects>
                <Suspense fallback=|| view! { <Loading label="Loading the coverage…"/> }>
                    {move || Suspend::new(async move {
                        match coverage.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(c) => view! { <CoverageView c key=key.get_untracked()/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

const LINK: &str = "font-medium text-indigo-700 underline dark:text-indigo-300";

#[component]
fn CoverageView(c: Coverage, key: String) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let only_uncovered = RwSignal::new(false);
    let percent = c.percent();
    let uncovered_total = c.criteria - c.covered;
    let any_uncovered = uncovered_total > 0;
    // One job takes at most MAX_STORIES stories: the first ones with uncovered criteria.
    let concerned: Vec<_> = c.stories.iter().filter(|s| !s.uncovered().is_empty()).take(MAX_STORIES).collect();
    let stories: Vec<i64> = concerned.iter().map(|s| s.number).collect();
    let criteria: Vec<(CriterionId, String)> = concerned
        .iter()
        .flat_map(|s| {
            s.criteria.iter().filter(|k| k.cases.is_empty()).map(|k| (k.id, format!("{}: {}", s.key, k.text)))
        })
        .collect();
    let uncovered: Vec<CriterionId> = criteria.iter().map(|(id, _)| *id).collect();
    let more = c.stories.iter().filter(|s| !s.uncovered().is_empty()).count() > MAX_STORIES;
    let generate = StoredValue::new((key.clone(), stories, criteria, uncovered));
    let base = format!("/projects/{key}");
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Coverage"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" role="status">
            {match percent {
                None => "No acceptance criteria yet: add them to the project's stories.".to_owned(),
                Some(p) => format!("{} of {} covered by a test case ({p}%); {} not covered.", c.covered, plural(c.criteria, "criterion", "criteria"), uncovered_total),
            }}
        </p>
        {percent.map(|p| view! {
            <div role="progressbar" aria-label="Criteria covered" aria-valuemin="0" aria-valuemax="100" aria-valuenow=p
                class="mt-2 h-2 w-full max-w-xl rounded bg-slate-200 dark:bg-slate-800">
                <div class=format!("h-2 rounded bg-green-600 {}", width_tenths(p))></div>
            </div>
        })}
        <div class="mt-4 flex flex-wrap items-center gap-4">
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" class=CHECKBOX prop:checked=move || only_uncovered.get()
                    on:change=move |ev| only_uncovered.set(event_target_checked(&ev))/>
                "Only uncovered criteria"
            </label>
            <Show when=move || editable.get() && any_uncovered>
                {move || {
                    let (key, stories, criteria, uncovered) = generate.get_value();
                    view! { <GenerateButtons key stories criteria uncovered all_label="Generate for every uncovered criterion"/> }
                }}
            </Show>
        </div>
        {more.then(|| view! {
            <p class="mt-2 text-xs text-slate-600 dark:text-slate-400">{format!("One generation takes the first {MAX_STORIES} stories with uncovered criteria; run it again for the rest.")}</p>
        })}
        {c.truncated.then(|| view! {
            <p class="mt-2 text-sm text-amber-800 dark:text-amber-300">"This project is large: the first 5,000 rows are shown; the counts above are whole."</p>
        })}
        {if c.stories.is_empty() {
            view! { <p class=EMPTY>"No story has acceptance criteria yet. Add criteria on a story's page, then come back to see what covers them."</p> }.into_any()
        } else {
            view! {
                <ul class="mt-6 space-y-6" data-testid="coverage">
                    {c.stories.into_iter().map(|s| {
                        let open = s.uncovered().len();
                        let hidden = move || only_uncovered.get() && open == 0;
                        let story_href = format!("{base}/stories/{}", s.number);
                        let heading = format!("{} {}", s.key, s.title);
                        view! {
                            <li class:hidden=hidden>
                                <h2 class="text-base font-semibold"><a href=story_href class=LINK>{heading}</a>
                                    <span class="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">
                                        {if open == 0 { "all covered".to_owned() } else { format!("{open} not covered") }}
                                    </span>
                                </h2>
                                <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                                    {s.criteria.into_iter().map(|k| {
                                        let covered = !k.cases.is_empty();
                                        view! {
                                            <li class="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2" class:hidden=move || only_uncovered.get() && covered
                                                data-testid="coverage-criterion">
                                                <span class="min-w-0 flex-1">{k.text.clone()}</span>
                                                {if covered {
                                                    k.cases.into_iter().enumerate().map(|(i, (ck, n))| view! {
                                                        {(i > 0).then_some(" ")}
                                                        <a href=format!("{base}/cases/{n}") class="font-mono text-xs text-indigo-700 underline dark:text-indigo-300">{ck}</a>
                                                    }).collect_view().into_any()
                                                } else {
                                                    view! { <span class="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">"Not covered"</span> }.into_any()
                                                }}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
