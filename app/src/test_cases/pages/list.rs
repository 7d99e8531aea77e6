//! The test-case list of a project: filters, a count, search as you type, selection and bulk
//! actions around the virtualized grid (`grid.rs`). A lazy route.
use super::{
    bulk_bar::BulkBar,
    grid::{Block, Grid},
    import::ImportDialog,
};
use crate::{
    auth::permissions::Permission,
    stories::{model::Priority, pages::SELECT},
    test_cases::{
        api::{count_cases, list_cases},
        model::{CaseFilter, CaseKind, CaseSort, CaseStatus, CaseWindow, RunResult},
    },
    ui::{
        feedback::Loading,
        form::{filters_class, FiltersButton, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::{html, prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};
use std::{
    collections::{BTreeSet, HashMap},
    time::Duration,
};

/// The route's data, created when the route matches (in the main bundle, before its chunk
/// loads): the project key and the first window, so both load while the code arrives, and the
/// resource is created at the same point on the server and in the browser.
pub struct CasesPage {
    key: Memo<String>,
    first: Resource<FirstWindow>,
}

#[lazy_route]
impl LazyRoute for CasesPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        CasesPage { key, first: Resource::new(move || key.get(), first_window) }
    }

    fn view(this: Self) -> AnyView {
        let CasesPage { key, first } = this;
        view! { <Guard permission=Permission::ViewProjects><CaseList key first/></Guard> }.into_any()
    }
}

/// How long after the last keystroke the search applies (Enter or leaving the field applies it
/// at once).
const SEARCH_DELAY_MS: u64 = 250;

/// The list's state, shared by its parts. It lives as long as the page: a filter change starts a
/// new generation (count and windows) in the same grid rather than building a new one.
#[derive(Clone, Copy)]
pub struct ListState {
    pub key: Memo<String>,
    pub filter: RwSignal<CaseFilter>,
    pub(super) blocks: RwSignal<HashMap<i64, Block>>,
    /// Bumped by every reload; answers for an older generation are dropped.
    pub(super) generation: RwSignal<u64>,
    pub selected: RwSignal<BTreeSet<i64>>,
    pub(super) active: RwSignal<i64>,
    /// The current generation's count, `None` while it is being counted.
    pub(super) count: RwSignal<Option<Result<i64, String>>>,
}

impl ListState {
    /// Forgets the count, loaded windows and the selection: after a filter change or a bulk
    /// action. The count effect then counts again, and the grid fetches what is on screen.
    pub fn reload(&self) {
        self.count.set(None);
        self.blocks.set(HashMap::new());
        self.selected.set(BTreeSet::new());
        self.active.set(0);
        self.generation.update(|g| *g += 1);
    }

    /// The number of cases the filters match; 0 until counted.
    pub(super) fn total(&self) -> Signal<i64> {
        let count = self.count;
        Signal::derive(move || count.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).copied().unwrap_or(0)))
    }
}

/// What the server renders the list with: the count and the first window of the unfiltered
/// list. Loaded in one resource, so the first paint shows rows and hydration reuses them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FirstWindow {
    count: Result<i64, String>,
    window: Result<CaseWindow, String>,
}

async fn first_window(key: String) -> FirstWindow {
    let count = count_cases(key.clone(), CaseFilter::default()).await.map_err(|e| e.to_string());
    let window = list_cases(key, CaseFilter::default(), None, 0).await.map_err(|e| e.to_string());
    FirstWindow { count, window }
}

#[component]
fn CaseList(key: Memo<String>, first: Resource<FirstWindow>) -> impl IntoView {
    view! {
        <Title text="Test cases"/>
        <Suspense fallback=|| view! { <Loading label="Loading test cases…"/> }>
            {move || Suspend::new(async move {
                let start = first.await;
                view! { <CaseListBody key start/> }
            })}
        </Suspense>
    }
}

#[component]
fn CaseListBody(key: Memo<String>, start: FirstWindow) -> impl IntoView {
    let filter = RwSignal::new(CaseFilter::default());
    let mut blocks = HashMap::new();
    match start.window {
        Ok(w) => blocks.insert(0, Block::Ready { rows: w.rows, next: w.next }),
        Err(e) => blocks.insert(0, Block::Failed(e)),
    };
    let state = ListState {
        key,
        filter,
        blocks: RwSignal::new(blocks),
        generation: RwSignal::new(0),
        selected: RwSignal::new(BTreeSet::new()),
        active: RwSignal::new(0),
        count: RwSignal::new(Some(start.count)),
    };
    let count = state.count;
    // Count again after a reload (a filter change or a bulk action): the first generation's
    // count came with the page.
    Effect::new(move |_| {
        let gen = state.generation.get();
        if gen == 0 {
            return;
        }
        let (k, f) = (key.get_untracked(), filter.get_untracked());
        spawn_local(async move {
            let res = count_cases(k, f).await.map_err(|e| e.to_string());
            if state.generation.try_get_untracked() == Some(gen) {
                count.try_set(Some(res));
            }
        });
    });
    let editable = can(Permission::EditTestArtifacts);
    let importing = RwSignal::new(false);
    let filters_open = RwSignal::new(false);
    let search = NodeRef::<html::Input>::new();
    let set = move |f: fn(&mut CaseFilter, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            filter.update(|flt| f(flt, v));
            state.reload();
        }
    };
    // Search as you type: the text applies a moment after the last keystroke, at once on Enter.
    let apply_text = move |v: String| {
        if filter.try_with_untracked(|f| f.text != v) == Some(true) {
            filter.update(|f| f.text = v);
            state.reload();
        }
    };
    let typed = StoredValue::new(0u64);
    let on_type = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let n = typed.get_value() + 1;
        typed.set_value(n);
        set_timeout(
            move || {
                // The page may have been left in the meantime.
                if typed.try_get_value() == Some(n) {
                    apply_text(v);
                }
            },
            Duration::from_millis(SEARCH_DELAY_MS),
        );
    };
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"Test cases"</h1>
            <p role="status" aria-live="polite" data-testid="case-count" class="text-sm text-slate-600 dark:text-slate-400">
                {move || match count.get() {
                    None => "Counting…".to_owned(),
                    Some(Ok(n)) => case_count(n),
                    Some(Err(_)) => "Could not count the test cases.".to_owned(),
                }}
            </p>
            <span class="ml-auto flex flex-wrap gap-2">
                <a href=move || format!("/api/v1/projects/{}/cases.zip", key.get()) class=SECONDARY download="">"Export all"</a>
                <Show when=move || editable.get()>
                    <button type="button" class=SECONDARY on:click=move |_| importing.set(true)>"Import .feature"</button>
                    <a href=move || format!("/projects/{}/cases/new", key.get()) class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">"New test case"</a>
                </Show>
            </span>
        </div>
        <form class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" on:submit=move |ev| ev.prevent_default()>
            <div class="col-span-2">
                <label for="case-search" class="block text-sm font-medium">"Search"<kbd class="ml-2 rounded border px-1 text-xs text-slate-500 dark:text-slate-400">"/"</kbd></label>
                <input id="case-search" node_ref=search type="search" placeholder="Title, description or steps" class=format!("{SELECT} mt-1 w-full")
                    on:input=on_type on:change=move |ev| apply_text(event_target_value(&ev))/>
            </div>
            <FiltersButton open=filters_open active=Signal::derive(move || filter.with(CaseFilter::active)) controls="case-filters"/>
            <div id="case-filters" class=move || filters_class(filters_open.get())>
            <div>
                <label for="case-story" class="block text-sm font-medium">"Story number"</label>
                <input id="case-story" inputmode="numeric" class=format!("{SELECT} mt-1 w-full")
                    on:change=set(|f, v| f.story = crate::wire::HumanKey::number_of(&v))/>
            </div>
            <FilterSelect id="case-type" label="Type" any="Any type" options=CaseKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
                on_change=set(|f, v| f.kind = CaseKind::from_name(&v))/>
            <FilterSelect id="case-priority" label="Priority" any="Any priority" options=Priority::ALL.iter().map(|p| (p.as_str(), p.label())).collect()
                on_change=set(|f, v| f.priority = Priority::from_name(&v))/>
            <FilterSelect id="case-status" label="Status" any="Any status" options=CaseStatus::ALL.iter().map(|s| (s.as_str(), s.label())).collect()
                on_change=set(|f, v| f.status = CaseStatus::from_name(&v))/>
            <div>
                <label for="case-tag" class="block text-sm font-medium">"Tag"</label>
                <input id="case-tag" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.tag = v.trim().trim_start_matches('@').to_owned())/>
            </div>
            <FilterSelect id="case-result" label="Last result" any="Any result"
                options=std::iter::once(("not_run", "Not run")).chain(RunResult::ALL.iter().map(|r| (r.as_str(), r.label()))).collect()
                on_change=set(|f, v| f.last_result = v)/>
            <div>
                <label for="case-sort" class="block text-sm font-medium">"Sort"</label>
                <select id="case-sort" class=format!("{SELECT} mt-1 w-full")
                    on:change=set(|f, v| f.sort = match v.as_str() { "title" => CaseSort::Title, "updated" => CaseSort::Updated, _ => CaseSort::Number })>
                    <option value="number">"ID"</option>
                    <option value="title">"Title A–Z"</option>
                    <option value="updated">"Recently changed"</option>
                </select>
            </div>
            </div>
        </form>
        <p class="mt-2 hidden text-xs text-slate-500 sm:block dark:text-slate-400">"Keys: j / k move, Enter opens, x selects, / searches."</p>
        <BulkBar state editable/>
        <Grid state search/>
        <ImportDialog key open=importing on_done=move || state.reload()/>
    }
}

/// "1 test case", "12,345 test cases".
pub(super) fn case_count(n: i64) -> String {
    match n {
        1 => "1 test case".to_owned(),
        n => format!("{} test cases", thousands(n)),
    }
}

/// `12345` as `12,345`.
fn thousands(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) && ch != '-' {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(&'static str, &'static str)>,
    on_change: impl FnMut(leptos::ev::Event) + 'static,
) -> impl IntoView {
    view! {
        <div>
            <label for=id class="block text-sm font-medium">{label}</label>
            <select id=id class=format!("{SELECT} mt-1 w-full") on:change=on_change>
                <option value="">{any}</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}
