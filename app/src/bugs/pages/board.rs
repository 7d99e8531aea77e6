//! The bug board: a column per status, each bug a card that can be dragged to a column the
//! lifecycle allows for the signed-in person (other columns refuse the drop), or moved with its
//! "Move" list from the keyboard; both open the move's dialog. The newest 100 bugs. A lazy route.
use super::{
    moves::{move_label, MoveDialog},
    SeverityBadge,
};
use crate::{
    auth::permissions::Permission,
    bugs::{
        api::list_bugs,
        model::{lifecycle::next_for, BugFilter, BugPage, BugStatus, BugSummary, MAX_PAGE},
    },
    error::AppError,
    stories::pages::SELECT,
    ui::{
        feedback::{ErrorMessage, Loading},
        form::SECONDARY,
        session::{session, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct BoardPage {
    key: Memo<String>,
    version: RwSignal<u64>,
    bugs: Resource<Result<BugPage, AppError>>,
}

#[lazy_route]
impl LazyRoute for BoardPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let version = RwSignal::new(0u64);
        let bugs = Resource::new(
            move || (key.get(), version.get()),
            |(k, _)| list_bugs(k, BugFilter { limit: MAX_PAGE, ..BugFilter::default() }),
        );
        BoardPage { key, version, bugs }
    }

    fn view(this: Self) -> AnyView {
        let BoardPage { key, version, bugs } = this;
        view! {
            <Title text="Bug board"/>
            <Guard permission=Permission::ViewProjects>
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <h1 class="text-2xl font-bold tracking-tight">"Bug board"</h1>
                    <a href=move || format!("/projects/{}/bugs", key.get()) class=SECONDARY>"List"</a>
                </div>
                <Transition fallback=|| view! { <Loading label="Loading the board…"/> }>
                    {move || Suspend::new(async move {
                        match bugs.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(page) => view! { <Board page key=key.get_untracked() version/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn Board(page: BugPage, key: String, version: RwSignal<u64>) -> impl IntoView {
    let me = session().0;
    // What the signed-in person may move `b` to (the server decides again).
    let next = move |b: &BugSummary| -> Vec<BugStatus> {
        match me.get_untracked().and_then(|r| r.ok()).flatten() {
            Some(m) => next_for(m.role, b.assignee_id == Some(m.id), b.status),
            None => Vec::new(),
        }
    };
    let dragging = RwSignal::new(None::<BugSummary>);
    let moving = RwSignal::new(None::<BugStatus>);
    let target = RwSignal::new(0i64);
    let more = page.next.is_some();
    let bugs = StoredValue::new(page.bugs);
    let k = StoredValue::new(key.clone());
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    let start_move = move |b: &BugSummary, to: BugStatus| {
        target.set(b.number);
        moving.set(Some(to));
    };
    view! {
        {more.then(|| view! { <p class="mt-2 text-sm text-slate-700 dark:text-slate-300">"The newest 100 bugs; the list shows them all."</p> })}
        <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"Drag a card to another column, or use its “Move” list. Only the moves you may make are offered."</p>
        <div class="mt-4 flex gap-3 overflow-x-auto pb-4" data-testid="bug-board">
            {BugStatus::ALL.iter().copied().map(|column| {
                let cards: Vec<BugSummary> = bugs.with_value(|b| b.iter().filter(|x| x.status == column).cloned().collect());
                let allowed = move || dragging.with(|d| d.as_ref().is_some_and(|b| next(b).contains(&column)));
                let heading = format!("{} ({})", column.label(), cards.len());
                view! {
                    <section aria-label=column.label() class=move || format!("w-64 shrink-0 rounded-lg border p-2 {}",
                        if allowed() { "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" } else { "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900" })
                        on:dragover=move |ev| { if allowed() { ev.prevent_default(); } }
                        on:drop=move |ev| {
                            ev.prevent_default();
                            if let Some(b) = dragging.get_untracked() {
                                if next(&b).contains(&column) { start_move(&b, column); }
                            }
                            dragging.set(None);
                        }>
                        <h2 class="px-1 text-sm font-semibold">{heading}</h2>
                        <ul class="mt-2 space-y-2">
                            {cards.into_iter().map(|b| {
                                let options = next(&b);
                                let card = b.clone();
                                let href = format!("/projects/{}/bugs/{}", k.get_value(), b.number);
                                let (select_id, label_for) = (format!("move-{}", b.number), format!("move-{}", b.number));
                                let pick = b.clone();
                                view! {
                                    <li draggable=(!options.is_empty()).then_some("true") data-testid="bug-card"
                                        class="rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-800"
                                        on:dragstart=move |_| dragging.set(Some(card.clone()))
                                        on:dragend=move |_| dragging.set(None)>
                                        <a href=href class="break-words font-medium text-indigo-700 underline dark:text-indigo-300">{b.title.clone()}</a>
                                        <p class="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
                                            <span class="font-mono">{b.key.clone()}</span>
                                            <SeverityBadge severity=b.severity/>
                                            {b.assignee.clone()}
                                        </p>
                                        {(!options.is_empty()).then(|| view! {
                                            <label for=label_for.clone() class="mt-2 flex flex-col text-xs">{format!("Move {}", b.key)}
                                                <select id=select_id class=SELECT on:change=move |ev| {
                                                    if let Some(to) = BugStatus::from_name(&event_target_value(&ev)) { start_move(&pick, to); }
                                                }>
                                                    <option value="" selected>"Choose…"</option>
                                                    {options.iter().map(|to| view! { <option value=to.as_str()>{move_label(*to)}</option> }).collect_view()}
                                                </select>
                                            </label>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </div>
        {move || view! { <MoveDialog to=moving key=k.get_value() number=target.get() done=reload/> }}
    }
}
