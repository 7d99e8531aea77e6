//! The virtualized grid of the case list: only the rows on screen plus overscan are in the DOM,
//! fed by 100-row windows from the server (keyset after a loaded window, offset on a jump), with
//! keyboard control (`j`/`k`/`Enter`/`x`/`/`). One grid lives as long as the page; a filter change
//! is a new generation of its state, not a new grid.
use super::{
    list::ListState,
    window::{self, PHONE_ROW_HEIGHT, ROW_HEIGHT, WIDE_FROM_PX, WINDOW},
};
use crate::{
    test_cases::{
        api::list_cases,
        model::{CaseFilter, CaseRow},
    },
    ui::{feedback::Loading, form::CHECKBOX},
};
use leptos::{html, prelude::*, task::spawn_local};
use std::collections::BTreeSet;

/// A 100-row window of the list as the page holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Loading,
    Ready { rows: Vec<CaseRow>, next: Option<String> },
    Failed(String),
}

/// How long a window must stay on screen before it is fetched.
const FETCH_DELAY_MS: u64 = 60;

/// Most windows kept in memory; 40 windows are 4,000 rows.
const KEEP_WINDOWS: usize = 40;

/// What one rendered row shows: its index, and the case once its window has arrived.
type Slot = (i64, Option<Result<CaseRow, String>>);

/// Whether a key press belongs to a form control (the list's keys must not steal typing).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "A") || el.is_content_editable()
    })
}

#[component]
pub fn Grid(state: ListState, search: NodeRef<html::Input>) -> impl IntoView {
    let ListState { key, filter, blocks, generation, selected, active, count, .. } = state;
    let total = state.total();
    let scroller = NodeRef::<html::Div>::new();
    let before = NodeRef::<html::Div>::new();
    let after_rows = NodeRef::<html::Div>::new();
    let top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(600.0_f64);
    // Rows are cards on a phone, twice as tall; the server renders for the wide layout and the
    // first measurement after hydration corrects it.
    let row = RwSignal::new(ROW_HEIGHT);
    // The rows flow between two spacers as tall as the rows above and below them. Their heights
    // are set through the CSSOM, which the Content Security Policy allows (inline style
    // attributes it refuses).
    Effect::new(move |_| {
        let (first, end) = window::visible(top.get(), height.get(), total.get(), row.get());
        let px = |rows: i64| format!("{}px", rows.max(0) as f64 * row.get());
        if let (Some(b), Some(a)) = (before.get(), after_rows.get()) {
            let _ = web_sys::HtmlElement::style(&b).set_property("height", &px(first));
            let _ = web_sys::HtmlElement::style(&a).set_property("height", &px(total.get() - end));
        }
    });
    // On scroll only the position moves; the row height and the viewport are read again on
    // resize. A value that did not change notifies nobody, so a scroll recomputes once.
    let set = |s: RwSignal<f64>, v: f64| s.maybe_update(|x| std::mem::replace(x, v) != v);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            set(top, el.scroll_top() as f64);
            set(height, el.client_height() as f64);
        }
    };
    let measure_layout = move || {
        let wide = window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w >= WIDE_FROM_PX);
        set(row, if wide { ROW_HEIGHT } else { PHONE_ROW_HEIGHT });
        measure();
    };
    // Bring in the windows the visible rows need: after the previous window's cursor when it
    // is loaded (keyset), else by offset (a jump with the scrollbar).
    Effect::new(move |_| {
        let (first, end) = window::visible(top.get(), height.get(), total.get(), row.get());
        generation.track();
        if end == 0 {
            return;
        }
        for b in window::windows(first, end) {
            if blocks.with_untracked(|m| m.contains_key(&b)) {
                continue;
            }
            let after = blocks.with_untracked(|m| match m.get(&(b - 1)) {
                Some(Block::Ready { next, .. }) => next.clone(),
                _ => None,
            });
            blocks.update(|m| {
                m.insert(b, Block::Loading);
            });
            let (gen, k, f) = (generation.get_untracked(), key.get_untracked(), filter.get_untracked());
            // Ask only for windows still on screen a moment later, so a fast scroll does not
            // queue a request for every window it passes.
            set_timeout(
                move || {
                    // The grid may be gone by now (a filter change re-renders it, leaving the
                    // page): every read here tolerates disposed signals.
                    let (Some(t), Some(h), Some(n), Some(r)) = (
                        top.try_get_untracked(),
                        height.try_get_untracked(),
                        total.try_get_untracked(),
                        row.try_get_untracked(),
                    ) else {
                        return;
                    };
                    let (first, end) = window::visible(t, h, n, r);
                    if generation.try_get_untracked() != Some(gen) {
                        return;
                    }
                    if !window::windows(first, end).contains(&b) {
                        blocks.try_update(|m| {
                            m.remove(&b);
                        });
                        return;
                    }
                    spawn_local(async move {
                        let res = list_cases(k, f, after, b * WINDOW).await;
                        if generation.try_get_untracked() != Some(gen) {
                            return;
                        }
                        let block = match res {
                            Ok(w) => Block::Ready { rows: w.rows, next: w.next },
                            Err(e) => Block::Failed(e.to_string()),
                        };
                        let r = row.try_get_untracked().unwrap_or(ROW_HEIGHT);
                        let here = (top.try_get_untracked().unwrap_or_default() / r) as i64 / WINDOW;
                        blocks.try_update(|m| {
                            m.insert(b, block);
                            // Keep memory flat on long scrolls: forget windows far from the view.
                            if m.len() > KEEP_WINDOWS {
                                m.retain(|k, _| (k - here).abs() <= KEEP_WINDOWS as i64 / 2);
                            }
                        });
                    });
                },
                std::time::Duration::from_millis(FETCH_DELAY_MS),
            );
        }
    });
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure_layout();
        }
        generation.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
    });
    let move_to = move |i: i64| {
        let i = i.clamp(0, (total.get_untracked() - 1).max(0));
        active.set(i);
        if let Some(el) = scroller.get_untracked() {
            if let Some(t) =
                window::scroll_to(i, el.scroll_top() as f64, el.client_height() as f64, row.get_untracked())
            {
                el.set_scroll_top(t as i32);
            }
        }
    };
    let row_at = move |i: i64| -> Option<CaseRow> {
        blocks.with_untracked(|m| match m.get(&(i / WINDOW)) {
            Some(Block::Ready { rows, .. }) => rows.get((i % WINDOW) as usize).cloned(),
            _ => None,
        })
    };
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let navigate = navigate.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
                return;
            }
            match ev.key().as_str() {
                "j" => move_to(active.get_untracked() + 1),
                "k" => move_to(active.get_untracked() - 1),
                "x" => {
                    if let Some(r) = row_at(active.get_untracked()) {
                        toggle(selected, r.number);
                    }
                }
                "Enter" => {
                    if let Some(r) = row_at(active.get_untracked()) {
                        navigate(&format!("/projects/{}/cases/{}", key.get_untracked(), r.number), Default::default());
                    }
                }
                "/" => {
                    ev.prevent_default();
                    if let Some(input) = search.get_untracked() {
                        let _ = input.focus();
                    }
                }
                _ => {}
            }
        });
        let resized = window_event_listener(leptos::ev::resize, move |_| measure_layout());
        on_cleanup(move || {
            handle.remove();
            resized.remove();
        });
    });
    let slots = move || -> Vec<Slot> {
        let (first, end) = window::visible(top.get(), height.get(), total.get(), row.get());
        blocks.with(|m| {
            (first..end)
                .map(|i| {
                    let row = match m.get(&(i / WINDOW)) {
                        Some(Block::Ready { rows, .. }) => rows.get((i % WINDOW) as usize).cloned().map(Ok),
                        Some(Block::Failed(e)) => Some(Err(e.clone())),
                        _ => None,
                    };
                    (i, row)
                })
                .collect()
        })
    };
    let empty = move || count.with(|c| matches!(c, Some(Ok(0))));
    let counting = move || count.with(Option::is_none);
    let failed = move || count.with(|c| c.as_ref().and_then(|r| r.as_ref().err().cloned()));
    view! {
        <div role="grid" aria-label="Test cases" aria-rowcount=move || (total.get() + 1).to_string() aria-busy=move || counting().to_string() data-testid="case-grid"
            class="mt-3 rounded-lg border border-slate-200 text-sm dark:border-slate-800">
            <div role="row" aria-rowindex="1" class=format!("{COLUMNS} bg-slate-100 font-medium max-sm:sr-only dark:bg-slate-800")>
                <span role="columnheader" class="px-2"><span class="sr-only">"Selected"</span></span>
                <span role="columnheader" class="px-2">"ID"</span>
                <span role="columnheader" class="px-2">"Title"</span>
                <span role="columnheader" class="hidden px-2 md:block">"Type"</span>
                <span role="columnheader" class="hidden px-2 md:block">"Priority"</span>
                <span role="columnheader" class="px-2">"Status"</span>
                <span role="columnheader" class="hidden px-2 lg:block">"Tags"</span>
                <span role="columnheader" class="hidden px-2 lg:block">"Story"</span>
                <span role="columnheader" class="hidden px-2 md:block">"Last result"</span>
            </div>
            <div node_ref=scroller on:scroll=move |_| measure() class="relative h-[65vh] overflow-y-auto [overflow-anchor:none]" data-testid="case-scroller">
                <div role="rowgroup">
                    <div node_ref=before aria-hidden="true"></div>
                    <For each=slots key=|(i, r)| (*i, r.as_ref().map(|r| r.as_ref().map(|c| c.id).ok())) let:entry>
                        <CaseLine entry key active selected/>
                    </For>
                    <div node_ref=after_rows aria-hidden="true"></div>
                </div>
                <Show when=counting>
                    <div class="px-3"><Loading label="Loading test cases…"/></div>
                </Show>
                {move || failed().map(|e| view! { <p role="alert" class="px-3 py-8 text-center text-red-700 dark:text-red-400">{e}</p> })}
                <Show when=empty>
                    <p class="px-3 py-8 text-center text-slate-500 dark:text-slate-400">
                        {move || if filter.with(|f| *f == CaseFilter::default()) {
                            "No test cases yet. Write one, or import .feature files."
                        } else {
                            "No test cases match these filters."
                        }}
                    </p>
                </Show>
            </div>
        </div>
    }
}

/// The grid's columns (the header and every row use the same template). On a phone a row is a
/// card two lines tall: the title first (up to two lines), the key, status and last result
/// beneath; from `sm` up one line of columns. Heights match `window::{PHONE_ROW_HEIGHT, ROW_HEIGHT}`.
const COLUMNS: &str = "grid h-20 items-center grid-cols-[2.5rem_auto_auto_minmax(0,1fr)] grid-rows-[3rem_2rem] \
    sm:h-10 sm:grid-rows-1 sm:grid-cols-[2rem_8rem_minmax(0,1fr)_6rem] md:grid-cols-[2rem_8rem_minmax(0,1fr)_7rem_5rem_6rem_6rem] \
    lg:grid-cols-[2rem_8rem_minmax(0,1fr)_7rem_5rem_6rem_9rem_7rem_6rem]";

/// Where a cell sits on a phone (explicit), and from `sm` up (in order).
const AT_CHECK: &str = "row-span-2 sm:row-span-1";
const AT_KEY: &str = "col-start-2 row-start-2 sm:col-start-auto sm:row-start-auto";
const AT_TITLE: &str = "col-span-3 col-start-2 row-start-1 line-clamp-2 sm:col-span-1 sm:col-start-auto sm:row-start-auto sm:line-clamp-none sm:truncate";
const AT_STATUS: &str = "col-start-3 row-start-2 sm:col-start-auto sm:row-start-auto";
const AT_RESULT: &str = "col-start-4 row-start-2 sm:hidden md:block md:col-start-auto md:row-start-auto";

fn toggle(selected: RwSignal<BTreeSet<i64>>, number: i64) {
    selected.update(|s| {
        if !s.remove(&number) {
            s.insert(number);
        }
    });
}

#[component]
fn CaseLine(entry: Slot, key: Memo<String>, active: RwSignal<i64>, selected: RwSignal<BTreeSet<i64>>) -> impl IntoView {
    let (i, row) = entry;
    let is_active = move || active.get() == i;
    let class = move || {
        format!(
            "{COLUMNS} border-b border-slate-100 dark:border-slate-800 {}",
            if is_active() {
                "bg-indigo-50 outline outline-2 -outline-offset-2 outline-indigo-400 dark:bg-indigo-950"
            } else {
                ""
            }
        )
    };
    let cells = match row {
        None => {
            view! { <span role="gridcell" class="col-span-3 px-2 text-slate-500 dark:text-slate-400">"Loading…"</span> }
                .into_any()
        }
        Some(Err(e)) => {
            view! { <span role="alert" class="col-span-3 px-2 text-red-700 dark:text-red-400">{e}</span> }.into_any()
        }
        Some(Ok(r)) => {
            let number = r.number;
            let checked = move || selected.read().contains(&number);
            let href = format!("/projects/{}/cases/{}", key.get_untracked(), r.number);
            view! {
                <span role="gridcell" class=format!("px-2 {AT_CHECK}")>
                    <input type="checkbox" class=CHECKBOX aria-label=format!("Select {}", r.key) prop:checked=checked on:change=move |_| toggle(selected, number)/>
                </span>
                <span role="gridcell" class=format!("truncate px-2 font-mono text-xs {AT_KEY}")>{r.key.clone()}</span>
                <span role="gridcell" class=format!("px-2 {AT_TITLE}")>
                    <a href=href class="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{r.title.clone()}</a>
                    {r.automated.then(|| view! { <span class="ml-2 rounded bg-slate-200 px-1 text-xs dark:bg-slate-700">"auto"</span> })}
                </span>
                <span role="gridcell" class="hidden truncate px-2 md:block">{r.kind.label()}</span>
                <span role="gridcell" class="hidden px-2 md:block">{r.priority.label()}</span>
                <span role="gridcell" class=format!("px-2 text-xs sm:text-sm {AT_STATUS}")>{r.status.label()}</span>
                <span role="gridcell" class="hidden truncate px-2 text-xs lg:block">{r.tags.iter().map(|t| format!("@{t}")).collect::<Vec<_>>().join(" ")}</span>
                <span role="gridcell" class="hidden truncate px-2 font-mono text-xs lg:block">{r.story.clone().unwrap_or_default()}</span>
                <span role="gridcell" class=format!("truncate px-2 text-xs text-slate-600 md:text-sm dark:text-slate-400 {AT_RESULT}")>{r.last_result.map(|x| x.label()).unwrap_or("Not run")}</span>
            }
            .into_any()
        }
    };
    view! {
        <div role="row" aria-rowindex=(i + 2).to_string() data-testid="case-row" class=class on:click=move |_| active.set(i)>
            {cells}
        </div>
    }
}
