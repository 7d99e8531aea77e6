//! A generation job's page: its progress while it runs (live, and the same after a reload), then
//! each suggested case with its scenarios in the Gherkin editor and the criteria it covers, to
//! edit and accept or reject; the accepted ones are saved as draft cases in one go. What the
//! generator proposed but could not be used is listed, never hidden. A lazy route.
use crate::{
    auth::permissions::Permission,
    error::AppError,
    generation::{
        api::{generation_review, DismissSuggestions, SaveSuggestions},
        model::{Review, Suggestion, SuggestionId, SuggestionStatus, Verdict, OFFLINE_NAME},
    },
    jobs::{
        api::CancelJob,
        model::{JobId, JobStatus},
        pages::live_jobs,
    },
    stories::model::CriterionId,
    test_cases::pages::editor::GherkinEditor,
    ui::{
        feedback::{plural, width_tenths, ErrorMessage, Loading},
        form::{form_error, FormError, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct GenerationPage {
    review: Resource<Result<Review, AppError>>,
    refresh: RwSignal<u32>,
}

#[lazy_route]
impl LazyRoute for GenerationPage {
    fn data() -> Self {
        let params = use_params_map();
        let job = Memo::new(move |_| JobId(params.read().get("job").and_then(|n| n.parse().ok()).unwrap_or_default()));
        let refresh = RwSignal::new(0u32);
        let review = Resource::new(move || (job.get(), refresh.get()), |(job, _)| generation_review(job));
        GenerationPage { review, refresh }
    }

    fn view(this: Self) -> AnyView {
        let GenerationPage { review, refresh } = this;
        view! {
            <Title text="Generated test cases"/>
            <Guard permission=Permission::EditTestArtifacts>
                <Transition fallback=|| view! { <Loading label="Loading the suggestions…"/> }>
                    {move || Suspend::new(async move {
                        match review.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(r) => view! { <ReviewView r refresh/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn ReviewView(r: Review, refresh: RwSignal<u32>) -> impl IntoView {
    let live = live_jobs();
    let id = r.job.id;
    let first = r.job.clone();
    let loaded_final = first.status.is_final();
    let job = Memo::new(move |_| {
        live.job(id)
            .filter(|j| j.progress.done >= first.progress.done || j.status != first.status)
            .unwrap_or_else(|| first.clone())
    });
    // The suggestions were read before the job ended: read them again once the stream says it
    // has (whenever that news arrived, even before this view first ran).
    Effect::new(move |_| {
        if !loaded_final && job.with(|j| j.status.is_final()) {
            refresh.update(|n| *n += 1);
        }
    });
    // Someone else's job is not on this person's stream: look again every few seconds.
    Effect::new(move |_| {
        if !loaded_final && live.job(id).is_none() {
            set_timeout(move || refresh.update(|n| *n += 1), std::time::Duration::from_secs(3));
        }
    });
    let offline = r.provider == OFFLINE_NAME;
    let source = if offline {
        format!("{} — deterministic rules, not an AI model", r.provider)
    } else {
        format!("{} · model {}", r.provider, r.model)
    };
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Generated test cases"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="generation-source">
            {format!("Written by {source} · prompt {} · job {}", r.prompt_version, id.0)}
        </p>
        {move || {
            let j = job.get();
            (!j.status.is_final()).then(|| view! { <Progress j=j.clone()/> })
        }}
        {move || {
            let j = job.get();
            match j.status {
                JobStatus::Failed => Some(view! {
                    <p role="alert" class="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                        {format!("The generation failed: {}", j.error.clone().unwrap_or_default())}
                    </p>
                }.into_any()),
                JobStatus::Cancelled => Some(view! { <p class="mt-4 text-sm">"The generation was cancelled."</p> }.into_any()),
                _ => None,
            }
        }}
        {(!r.problems.is_empty()).then(|| view! {
            <section aria-labelledby="problems-title" class="mt-6 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
                <h2 id="problems-title" class="text-sm font-semibold">{format!("What could not be used ({})", r.problems.len())}</h2>
                <ul class="mt-2 list-disc space-y-1 pl-5 text-sm">
                    {r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                </ul>
            </section>
        })}
        <Suggestions r refresh/>
    }
}

#[component]
fn Progress(j: crate::jobs::model::JobInfo) -> impl IntoView {
    let cancel = ServerAction::<CancelJob>::new();
    let percent = j.progress.percent().unwrap_or(0);
    let label = match j.status {
        JobStatus::Queued => "Waiting for a worker…".to_owned(),
        _ if j.progress.message.is_empty() => "Starting…".to_owned(),
        _ => j.progress.message.clone(),
    };
    let id = j.id;
    view! {
        <section aria-labelledby="progress-title" class="mt-6 max-w-xl">
            <h2 id="progress-title" class="text-sm font-semibold">"Progress"</h2>
            <p role="status" class="mt-1 text-sm" data-testid="generation-progress">
                {format!("{label} — {} of {} stories", j.progress.done, j.progress.total.max(j.progress.done))}
            </p>
            <div role="progressbar" aria-label="Generation progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent
                class="mt-2 h-2 w-full rounded bg-slate-200 dark:bg-slate-800">
                <div class=format!("h-2 rounded bg-indigo-600 {}", width_tenths(percent))></div>
            </div>
            <p class="mt-2 text-xs text-slate-600 dark:text-slate-400">"You can leave this page: the badge in the header follows the job, and the suggestions wait here."</p>
            <button type="button" class=format!("{SECONDARY} mt-2") disabled=move || cancel.pending().get()
                on:click=move |_| { cancel.dispatch(CancelJob { id }); }>"Cancel generation"</button>
        </section>
    }
}

/// One suggestion's state on the page.
#[derive(Clone, Copy)]
struct Draft {
    id: SuggestionId,
    accept: RwSignal<bool>,
    title: RwSignal<String>,
    gherkin: RwSignal<String>,
}

#[component]
fn Suggestions(r: Review, refresh: RwSignal<u32>) -> impl IntoView {
    let save = ServerAction::<SaveSuggestions>::new();
    let dismiss = ServerAction::<DismissSuggestions>::new();
    let job = r.job.id;
    let pending: Vec<&Suggestion> = r.suggestions.iter().filter(|s| s.status == SuggestionStatus::Pending).collect();
    let drafts: Vec<Draft> = pending
        .iter()
        .map(|s| Draft {
            id: s.id,
            accept: RwSignal::new(true),
            title: RwSignal::new(s.title.clone()),
            gherkin: RwSignal::new(s.gherkin.clone()),
        })
        .collect();
    let drafts = StoredValue::new(drafts);
    let accepted = Memo::new(move |_| drafts.with_value(|d| d.iter().filter(|d| d.accept.get()).count()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) || matches!(dismiss.value().get(), Some(Ok(_))) {
            refresh.update(|n| *n += 1);
        }
    });
    let do_save = move |_| {
        let verdicts = drafts.with_value(|d| {
            d.iter()
                .map(|d| Verdict {
                    id: d.id,
                    accept: d.accept.get_untracked(),
                    title: d.title.get_untracked(),
                    gherkin: d.gherkin.get_untracked(),
                })
                .collect()
        });
        save.dispatch(SaveSuggestions { job, verdicts });
    };
    let set_all = move |on: bool| drafts.with_value(|d| d.iter().for_each(|d| d.accept.set(on)));
    let criteria = StoredValue::new(r.criteria.clone());
    let done: Vec<Suggestion> =
        r.suggestions.iter().filter(|s| s.status != SuggestionStatus::Pending).cloned().collect();
    let key = r.project_key.clone();
    let finished = r.job.status == JobStatus::Succeeded;
    view! {
        {(finished && r.suggestions.is_empty()).then(|| view! {
            <p class=crate::ui::feedback::EMPTY>"The generator proposed no usable test case. See what could not be used above, adjust the story's criteria, and try again."</p>
        })}
        {(!pending.is_empty()).then(|| view! {
            <section aria-labelledby="review-title" class="mt-6">
                <div class="flex flex-wrap items-center gap-2">
                    <h2 id="review-title" class="text-lg font-semibold">{format!("Waiting for review ({})", pending.len())}</h2>
                    <button type="button" class=format!("{SECONDARY} ml-auto") on:click=move |_| set_all(true)>"Accept all"</button>
                    <button type="button" class=SECONDARY on:click=move |_| set_all(false)>"Reject all"</button>
                </div>
                <ol class="mt-4 space-y-6">
                    {pending.iter().zip(drafts.get_value()).map(|(s, d)| view! { <SuggestionCard s=(*s).clone() d criteria=criteria.get_value()/> }).collect_view()}
                </ol>
                <FormError error=form_error(save.value())/>
                <div class="sticky bottom-0 mt-4 flex flex-wrap items-center gap-2 border-t border-slate-200 bg-white py-3 dark:border-slate-800 dark:bg-slate-950">
                    <button type="button" class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
                        disabled=move || save.pending().get() on:click=do_save>
                        {move || if save.pending().get() { "Saving…".to_owned() } else { format!("Save {}", plural(accepted.get() as i64, "accepted case", "accepted cases")) }}
                    </button>
                    <button type="button" class=SECONDARY disabled=move || dismiss.pending().get()
                        on:click=move |_| { dismiss.dispatch(DismissSuggestions { job }); }>"Dismiss all"</button>
                    <span class="text-xs text-slate-600 dark:text-slate-400">"Rejected suggestions are not saved. Unreviewed ones stay here until dismissed."</span>
                </div>
            </section>
        })}
        {(!done.is_empty()).then(|| view! {
            <section aria-labelledby="reviewed-title" class="mt-8">
                <h2 id="reviewed-title" class="text-lg font-semibold">"Reviewed"</h2>
                <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="reviewed">
                    {done.into_iter().map(|s| {
                        let case = s.case_key.clone().map(|k| {
                            let n = k.rsplit('-').next().unwrap_or_default().to_owned();
                            view! { <a class="font-mono text-indigo-700 underline dark:text-indigo-300" href=format!("/projects/{key}/cases/{n}")>{k}</a> }
                        });
                        view! {
                            <li class="flex flex-wrap items-baseline gap-x-3 px-3 py-2 text-sm">
                                <span class="font-medium">{s.title.clone()}</span>
                                <span class="text-xs text-slate-600 dark:text-slate-400">{s.status.label()}</span>
                                {case}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn SuggestionCard(s: Suggestion, d: Draft, criteria: Vec<(CriterionId, String)>) -> impl IntoView {
    let group = format!("suggestion-{}", s.id.0);
    let title_id = format!("{group}-title");
    let covered: Vec<String> =
        s.criteria.iter().filter_map(|id| criteria.iter().find(|(c, _)| c == id).map(|(_, t)| t.clone())).collect();
    let heading = s.title.clone();
    view! {
        <li class="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="suggestion">
            <fieldset>
                <legend class="font-semibold">{heading}</legend>
                <p class="text-xs text-slate-600 dark:text-slate-400">{format!("{} · {} · {}", s.story_key, s.kind.label(), s.story_title)}</p>
                <div class="mt-2 flex gap-4 text-sm">
                    <label class="flex items-center gap-2"><input type="radio" name=group.clone() class="h-6 w-6 accent-indigo-600"
                        prop:checked=move || d.accept.get() on:change=move |_| d.accept.set(true)/>"Accept"</label>
                    <label class="flex items-center gap-2"><input type="radio" name=group.clone() class="h-6 w-6 accent-indigo-600"
                        prop:checked=move || !d.accept.get() on:change=move |_| d.accept.set(false)/>"Reject"</label>
                </div>
            </fieldset>
            <div class="mt-3 space-y-1" class:opacity-50=move || !d.accept.get()>
                <label for=title_id.clone() class="block text-sm font-medium">"Title"</label>
                <input id=title_id type="text" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                    prop:value=move || d.title.get() on:input=move |ev| d.title.set(event_target_value(&ev))/>
            </div>
            <div class="mt-3" class:opacity-50=move || !d.accept.get()>
                <GherkinEditor value=d.gherkin error=Signal::derive(|| None::<String>) name=format!("suggestion-{}", s.id.0) label=format!("Gherkin of “{}”", s.title)/>
            </div>
            <div class="mt-3 text-sm">
                <h3 class="font-medium">"Covers"</h3>
                {if covered.is_empty() {
                    view! { <p class="text-slate-600 dark:text-slate-400">"No acceptance criterion named."</p> }.into_any()
                } else {
                    view! { <ul class="list-disc pl-5">{covered.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
                }}
            </div>
        </li>
    }
}
