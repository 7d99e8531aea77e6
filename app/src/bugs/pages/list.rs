//! The project's bugs, newest first, a page at a time ("Show more" reads the next page by its
//! key), with filters (status, severity, priority, assignee — "me" for "my bugs" — story, run,
//! case, open only, words) kept in the address so a filtered list can be shared, folding behind "Filters (n)" on
//! a phone. A lazy route.
use super::{priority_text, SeverityBadge, StatusBadge};
use crate::{
    auth::permissions::Permission,
    bugs::{
        api::list_bugs,
        model::{BugFilter, BugPage, BugPriority, BugStatus, BugSummary, Severity},
    },
    error::AppError,
    stories::pages::SELECT,
    ui::{
        feedback::{ErrorMessage, Loading, EMPTY},
        form::{filters_class, FiltersButton, CHECKBOX, PRIMARY, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

pub struct BugsPage {
    key: Memo<String>,
    filter: Memo<BugFilter>,
    first: Resource<Result<BugPage, AppError>>,
}

/// The filter the address says (`?status=new&assignee=me…`).
pub fn filter_of(q: &leptos_router::params::ParamsMap) -> BugFilter {
    let get = |k: &str| q.get(k).unwrap_or_default();
    BugFilter {
        status: BugStatus::from_name(&get("status")),
        severity: Severity::from_name(&get("severity")),
        priority: BugPriority::from_name(&get("priority")),
        assignee: get("assignee"),
        story: get("story"),
        run: get("run"),
        case: get("case"),
        open: get("open") == "1",
        text: get("q"),
        ..BugFilter::default()
    }
}

/// The address of the list filtered by `f`.
pub fn href_of(key: &str, f: &BugFilter) -> String {
    let pairs = [
        ("status", f.status.map(|s| s.as_str().to_owned()).unwrap_or_default()),
        ("severity", f.severity.map(|s| s.as_str().to_owned()).unwrap_or_default()),
        ("priority", f.priority.map(|s| s.as_str().to_owned()).unwrap_or_default()),
        ("assignee", f.assignee.clone()),
        ("story", f.story.clone()),
        ("run", f.run.clone()),
        ("case", f.case.clone()),
        ("open", if f.open { "1".to_owned() } else { String::new() }),
        ("q", f.text.clone()),
    ];
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::wire::query_escape(v.trim())))
        .collect();
    let base = format!("/projects/{key}/bugs");
    if query.is_empty() {
        base
    } else {
        format!("{base}?{}", query.join("&"))
    }
}

#[lazy_route]
impl LazyRoute for BugsPage {
    fn data() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let filter = Memo::new(move |_| query.with(filter_of));
        let first = Resource::new(move || (key.get(), filter.get()), |(k, f)| list_bugs(k, f));
        BugsPage { key, filter, first }
    }

    fn view(this: Self) -> AnyView {
        let BugsPage { key, filter, first } = this;
        let report = can(Permission::ReportBugs);
        view! {
            <Title text="Bugs"/>
            <Guard permission=Permission::ViewProjects>
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <h1 class="text-2xl font-bold tracking-tight">"Bugs"</h1>
                    <div class="flex flex-wrap gap-2">
                        <a href=move || format!("/projects/{}/bugs/board", key.get()) class=SECONDARY>"Board"</a>
                        <Show when=move || report.get()>
                            <a href=move || format!("/projects/{}/bugs/new", key.get()) class=PRIMARY>"Report bug"</a>
                        </Show>
                    </div>
                </div>
                <Filters key filter/>
                <Transition fallback=|| view! { <Loading label="Loading the bugs…"/> }>
                    {move || Suspend::new(async move {
                        match first.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(page) => view! { <BugList page key=key.get_untracked() filter=filter.get_untracked()/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn Filters(key: Memo<String>, filter: Memo<BugFilter>) -> impl IntoView {
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    // Every change is a new address: the list follows it, and Back undoes it.
    let go = move |apply: &dyn Fn(&mut BugFilter)| {
        let mut f = filter.get_untracked();
        apply(&mut f);
        navigate(&href_of(&key.get_untracked(), &f), Default::default());
    };
    let choice = {
        let go = go.clone();
        move |id: &'static str,
              label: &'static str,
              options: Vec<(&'static str, &'static str)>,
              current: Signal<String>,
              apply: fn(&mut BugFilter, &str)| {
            let go = go.clone();
            view! {
                <label for=id class="flex flex-col text-sm">{label}
                    <select id=id class=SELECT on:change=move |ev| {
                        let v = event_target_value(&ev);
                        go(&|f| apply(f, &v));
                    }>
                        <option value="" selected=move || current.get().is_empty()>"Any"</option>
                        {options.into_iter().map(|(v, l)| view! { <option value=v selected=move || current.get() == v>{l}</option> }).collect_view()}
                    </select>
                </label>
            }
        }
    };
    let start = filter.get_untracked();
    let (text, story, run, case) =
        (RwSignal::new(start.text), RwSignal::new(start.story), RwSignal::new(start.run), RwSignal::new(start.case));
    // The boxes follow the address ("Clear filters", Back, a link with filters).
    Effect::new(move |_| {
        filter.with(|f| {
            text.set(f.text.clone());
            story.set(f.story.clone());
            run.set(f.run.clone());
            case.set(f.case.clone());
        })
    });
    let open_go = go.clone();
    let link = |id: &'static str, label: &'static str, hint: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id class="flex flex-col text-sm sm:w-32">{label}
                <input id=id type="text" class=SELECT placeholder=hint prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <form role="search" class="mt-4 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" on:submit=move |ev| {
            ev.prevent_default();
            let (t, s, r, c) = (text.get_untracked(), story.get_untracked(), run.get_untracked(), case.get_untracked());
            go(&|f| {
                f.text = t.clone();
                f.story = s.clone();
                f.run = r.clone();
                f.case = c.clone();
            });
        }>
            <label for="bug-search" class="col-span-2 flex flex-col text-sm sm:w-64">"Search bugs"
                <input id="bug-search" type="search" class=SELECT prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <FiltersButton open active=Signal::derive(move || filter.with(BugFilter::active)) controls="bug-filters"/>
            <div id="bug-filters" class=move || filters_class(open.get())>
                {choice("bug-status", "Status", BugStatus::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
                    Signal::derive(move || filter.with(|f| f.status.map(|s| s.as_str().to_owned()).unwrap_or_default())),
                    |f, v| f.status = BugStatus::from_name(v))}
                {choice("bug-severity", "Severity", Severity::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
                    Signal::derive(move || filter.with(|f| f.severity.map(|s| s.as_str().to_owned()).unwrap_or_default())),
                    |f, v| f.severity = Severity::from_name(v))}
                {choice("bug-priority", "Priority", BugPriority::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
                    Signal::derive(move || filter.with(|f| f.priority.map(|s| s.as_str().to_owned()).unwrap_or_default())),
                    |f, v| f.priority = BugPriority::from_name(v))}
                {choice("bug-assignee", "Assignee", vec![("me", "Me"), ("none", "Unassigned")],
                    Signal::derive(move || filter.with(|f| f.assignee.clone())),
                    |f, v| f.assignee = v.to_owned())}
                {link("bug-story", "Story", "US-4", story)}
                {link("bug-run", "Run", "RUN-2", run)}
                {link("bug-case", "Test case", "TC-7", case)}
                <label for="bug-open" class="col-span-2 flex items-center gap-2 self-end py-1.5 text-sm">
                    <input id="bug-open" type="checkbox" class=CHECKBOX prop:checked=move || filter.with(|f| f.open)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            open_go(&|f| f.open = on);
                        }/>
                    "Open bugs only"
                </label>
            </div>
            <button type="submit" class=SECONDARY>"Search"</button>
            <Show when=move || filter.with(|f| f.active() > 0 || !f.text.is_empty())>
                <a href=move || format!("/projects/{}/bugs", key.get()) class="self-center text-sm underline">"Clear filters"</a>
            </Show>
        </form>
    }
}

#[component]
fn BugList(page: BugPage, key: String, filter: BugFilter) -> impl IntoView {
    if page.bugs.is_empty() {
        let filtered = filter.active() > 0 || !filter.text.is_empty();
        return view! {
            <p class=EMPTY>{if filtered {
                "No bug matches these filters. Clear them to see every bug."
            } else {
                "No bugs yet. Report one with “Report bug”, or from a failed step in the runner."
            }}</p>
        }
        .into_any();
    }
    let rows = RwSignal::new(page.bugs);
    let next = RwSignal::new(page.next);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (k, f) = (StoredValue::new(key.clone()), StoredValue::new(filter));
    let more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let mut filter = f.get_value();
            filter.after = Some(after);
            match list_bugs(k.get_value(), filter).await {
                Ok(p) => {
                    rows.update(|r| r.extend(p.bugs));
                    next.set(p.next);
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            loading.set(false);
        });
    };
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="bugs">
            <For each=move || rows.get() key=|b| b.number let:b>
                <BugRow b key=key.clone()/>
            </For>
        </ul>
        <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
        <Show when=move || next.get().is_some()>
            <button type="button" class=format!("{SECONDARY} mt-3") disabled=move || loading.get() on:click=more>
                {move || if loading.get() { "Loading…" } else { "Show more" }}
            </button>
        </Show>
    }
    .into_any()
}

#[component]
fn BugRow(b: BugSummary, key: String) -> impl IntoView {
    let meta = [
        Some(priority_text(b.priority)),
        Some(b.bug_type.label().to_owned()),
        Some(b.assignee.clone().map(|a| format!("assigned to {a}")).unwrap_or_else(|| "unassigned".into())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-center sm:gap-3">
            <a href=format!("/projects/{key}/bugs/{}", b.number) class="min-w-0 flex-1 break-words font-medium text-indigo-700 underline dark:text-indigo-300">{b.title.clone()}</a>
            <span class="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <span class="font-mono">{b.key.clone()}</span>
                <StatusBadge status=b.status/>
                <SeverityBadge severity=b.severity/>
                <span>{meta}</span>
            </span>
        </li>
    }
}
