//! The story list of a project: filters, keyset "load more", selection with bulk changes, and a
//! dialog to add a story. A lazy route.
use super::SELECT;
use crate::{
    auth::permissions::Permission,
    stories::{
        api::{list_stories, BulkUpdateStories, CreateStory},
        model::{Priority, StoryFilter, StoryId, StoryRow, StorySort, StoryStatus},
    },
    ui::{
        dialog::{Dialog, DialogSize, FormActions},
        feedback::{ErrorMessage, Loading},
        form::{field_error, filters_class, form_error, go, Field, FiltersButton, FormError, CHECKBOX, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_params_map, use_query_map},
    lazy_route, LazyRoute,
};

pub struct StoriesPage;

#[lazy_route]
impl LazyRoute for StoriesPage {
    fn data() -> Self {
        StoriesPage
    }

    fn view(this: Self) -> AnyView {
        let StoriesPage = this;
        view! { <Guard permission=Permission::ViewProjects><StoryList/></Guard> }.into_any()
    }
}

#[component]
fn StoryList() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
    let filter = RwSignal::new(StoryFilter::default());
    let pages = RwSignal::new(vec![None::<String>]);
    let selected = RwSignal::new(Vec::<StoryId>::new());
    let bulk = ServerAction::<BulkUpdateStories>::new();
    let create = ServerAction::<CreateStory>::new();
    let dialog = RwSignal::new(false);
    let filters_open = RwSignal::new(false);
    // The overview's "New story" comes here with `?new=1`: open the dialog once running.
    let query = use_query_map();
    Effect::new(move |_| {
        if query.with_untracked(|q| q.get("new").is_some()) {
            dialog.set(true);
        }
    });
    let editable = can(Permission::EditTestArtifacts);
    let reset = move || {
        pages.set(vec![None]);
        selected.set(vec![]);
    };
    Effect::new(move |_| {
        if let Some(Ok(number)) = create.value().get() {
            go(&format!("/projects/{}/stories/{number}", key.get_untracked()));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = bulk.value().get() {
            reset();
        }
    });
    let set = move |f: fn(&mut StoryFilter, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            filter.update(|flt| f(flt, v));
            reset();
        }
    };
    view! {
        <Title text="User stories"/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"User stories"</h1>
            <Show when=move || editable.get()>
                <span class="ml-auto flex gap-2">
                    <a href=move || format!("/projects/{}/import", key.get()) class=SECONDARY>"Import"</a>
                    <button type="button" class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
                        on:click=move |_| { create.value().set(None); dialog.set(true); }>"New story"</button>
                </span>
            </Show>
        </div>
        <form class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" on:submit=move |ev| ev.prevent_default()>
            <div class="col-span-2">
                <label for="story-search" class="block text-sm font-medium">"Search"</label>
                <input id="story-search" type="search" placeholder="Title, ID or description" class=format!("{SELECT} mt-1 w-full")
                    on:change=set(|f, v| f.text = v)/>
            </div>
            <FiltersButton open=filters_open active=Signal::derive(move || filter.with(StoryFilter::active)) controls="story-filters"/>
            <div id="story-filters" class=move || filters_class(filters_open.get())>
            <div>
                <label for="story-status" class="block text-sm font-medium">"Status"</label>
                <select id="story-status" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.status = StoryStatus::from_name(&v))>
                    <option value="">"Any status"</option>
                    {StoryStatus::ALL.iter().copied().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="story-priority" class="block text-sm font-medium">"Priority"</label>
                <select id="story-priority" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.priority = Priority::from_name(&v))>
                    <option value="">"Any priority"</option>
                    {Priority::ALL.iter().copied().map(|p| view! { <option value=p.as_str()>{p.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="story-epic" class="block text-sm font-medium">"Epic"</label>
                <input id="story-epic" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.epic = v)/>
            </div>
            <div>
                <label for="story-sprint" class="block text-sm font-medium">"Sprint"</label>
                <input id="story-sprint" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.sprint = v)/>
            </div>
            <div>
                <label for="story-assignee-filter" class="block text-sm font-medium">"Assignee"</label>
                <select id="story-assignee-filter" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.assignee = v)>
                    <option value="">"Anyone"</option>
                    <MemberOptions/>
                </select>
            </div>
            <div>
                <label for="story-sort" class="block text-sm font-medium">"Sort"</label>
                <select id="story-sort" class=format!("{SELECT} mt-1 w-full") on:change=set(|f, v| f.sort = StorySort::from_name(&v))>
                    <option value="number">"Oldest first"</option>
                    <option value="number_desc">"Newest first"</option>
                    <option value="title">"Title"</option>
                </select>
            </div>
            </div>
        </form>
        <Show when=move || !selected.get().is_empty()>
            <BulkBar key selected bulk/>
        </Show>
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="block min-w-full text-left text-sm sm:table">
                <thead class="bg-slate-100 max-sm:sr-only dark:bg-slate-800">
                    <tr>
                        <th scope="col" class="w-8 px-3 py-2"><span class="sr-only">"Select"</span></th>
                        <th scope="col" class="px-3 py-2">"ID"</th><th scope="col" class="px-3 py-2">"Title"</th>
                        <th scope="col" class="px-3 py-2">"Priority"</th><th scope="col" class="px-3 py-2">"Status"</th>
                        <th scope="col" class="px-3 py-2">"Criteria"</th><th scope="col" class="px-3 py-2">"Assignee"</th>
                    </tr>
                </thead>
                <For each=move || pages.get() key=|p| p.clone() let:after>
                    <StoryRows key filter after pages selected/>
                </For>
            </table>
        </div>
        <NewStoryDialog key create open=dialog/>
    }
}

#[component]
fn StoryRows(
    key: Memo<String>,
    filter: RwSignal<StoryFilter>,
    after: Option<String>,
    pages: RwSignal<Vec<Option<String>>>,
    selected: RwSignal<Vec<StoryId>>,
) -> impl IntoView {
    let first = after.is_none();
    let rows = Resource::new(move || (key.get(), filter.get()), move |(k, f)| list_stories(k, f, after.clone()));
    view! {
        <Transition fallback=|| view! { <tbody><tr><td colspan="7"><Loading label="Loading stories…"/></td></tr></tbody> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(error) => view! { <tbody><tr><td colspan="7"><ErrorMessage error/></td></tr></tbody> }.into_any(),
                    Ok(page) => {
                        let next = page.next.clone();
                        let empty = page.rows.is_empty() && first;
                        view! {
                            <tbody class="block divide-y divide-slate-200 bg-white sm:table-row-group dark:divide-slate-800 dark:bg-slate-900">
                                {first.then(|| view! { <tr class="sr-only"><td colspan="7" role="status">{format!("{} stories", page.total)}</td></tr> })}
                                {page.rows.into_iter().map(|r| view! { <StoryLine r key selected/> }).collect_view()}
                                {empty.then(|| view! { <tr class="block sm:table-row"><td colspan="7" class="block px-3 py-8 text-center text-slate-600 sm:table-cell dark:text-slate-400">
                                    {move || if filter.with(|f| f.active() == 0 && f.text.is_empty()) {
                                        "No stories yet. Add one with “New story”, or import a spreadsheet."
                                    } else {
                                        "No stories match these filters."
                                    }}
                                </td></tr> })}
                                {next.map(|n| view! {
                                    <tr><td colspan="7" class="px-3 py-2 text-center">
                                        <button type="button" class=SECONDARY on:click=move |_| pages.update(|p| if !p.contains(&Some(n.clone())) { p.push(Some(n.clone())) })>"Load more"</button>
                                    </td></tr>
                                })}
                            </tbody>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn StoryLine(r: StoryRow, key: Memo<String>, selected: RwSignal<Vec<StoryId>>) -> impl IntoView {
    let id = r.id;
    let checked = move || selected.read().contains(&id);
    let progress = r
        .completion()
        .map(|p| format!("{}/{} ({p}%)", r.criteria_done, r.criteria_total))
        .unwrap_or_else(|| "—".into());
    view! {
        // On a phone a row is a card: title first, then key, status and criteria beneath.
        <tr data-testid="story-row" class="flex flex-wrap items-center gap-x-3 gap-y-1 px-2 py-3 sm:table-row sm:p-0">
            <td class="order-1 sm:px-3 sm:py-2">
                <input type="checkbox" class=CHECKBOX aria-label=format!("Select {}", r.key) prop:checked=checked
                    on:change=move |_| selected.update(|s| if let Some(i) = s.iter().position(|x| *x == id) { s.remove(i); } else { s.push(id); })/>
            </td>
            <td class="order-3 pl-12 font-mono text-xs whitespace-nowrap sm:pl-3 sm:px-3 sm:py-2">{r.key.clone()}</td>
            <td class="order-2 min-w-0 grow basis-[calc(100%-3rem)] sm:basis-auto sm:px-3 sm:py-2">
                <a href=move || format!("/projects/{}/stories/{}", key.get(), r.number) class="font-medium text-indigo-700 underline dark:text-indigo-300">{r.title.clone()}</a>
                {r.external_id.map(|e| view! { <span class="ml-2 text-xs text-slate-500 dark:text-slate-400">{e}</span> })}
            </td>
            <td class="order-4 max-sm:hidden sm:px-3 sm:py-2">{r.priority.label()}</td>
            <td class="order-4 text-xs sm:px-3 sm:py-2 sm:text-sm">{r.status.label()}</td>
            <td class="order-4 whitespace-nowrap text-xs sm:px-3 sm:py-2 sm:text-sm"><span class="sm:hidden">"Criteria "</span>{progress}</td>
            <td class="order-4 max-sm:hidden sm:px-3 sm:py-2">{r.assignee.unwrap_or_default()}</td>
        </tr>
    }
}

#[component]
fn BulkBar(
    key: Memo<String>,
    selected: RwSignal<Vec<StoryId>>,
    bulk: ServerAction<BulkUpdateStories>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let priority = RwSignal::new(String::new());
    // "keep" leaves assignees as they are; "" unassigns; an id assigns.
    let assignee = RwSignal::new("keep".to_owned());
    let apply = move |_| {
        let who = assignee.get_untracked();
        bulk.dispatch(BulkUpdateStories {
            project: key.get_untracked(),
            ids: selected.get_untracked(),
            status: StoryStatus::from_name(&status.get_untracked()),
            priority: Priority::from_name(&priority.get_untracked()),
            assignee: (who != "keep").then_some(who),
        });
    };
    view! {
        <div role="region" aria-label="Change selected stories" class="mt-4 flex flex-wrap items-end gap-3 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950">
            <span class="font-medium">{move || format!("{} selected", selected.read().len())}</span>
            <label class="flex flex-col">"Set status"
                <select class=SELECT on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">"Keep"</option>
                    {StoryStatus::ALL.iter().copied().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="flex flex-col">"Set priority"
                <select class=SELECT on:change=move |ev| priority.set(event_target_value(&ev))>
                    <option value="">"Keep"</option>
                    {Priority::ALL.iter().copied().map(|p| view! { <option value=p.as_str()>{p.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="flex flex-col">"Set assignee"
                <select class=SELECT on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="keep">"Keep"</option>
                    <option value="">"Nobody"</option>
                    <MemberOptions/>
                </select>
            </label>
            <button type="button" class="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white" on:click=apply disabled=move || bulk.pending().get()>"Apply"</button>
            <button type="button" class=SECONDARY on:click=move |_| selected.set(vec![])>"Clear selection"</button>
            <FormError error=form_error(bulk.value())/>
        </div>
    }
}

#[component]
fn NewStoryDialog(key: Memo<String>, create: ServerAction<CreateStory>, open: RwSignal<bool>) -> impl IntoView {
    let v = create.value();
    view! {
        <Dialog open title="New story" size=DialogSize::Large close_on_backdrop=false>
            <ActionForm action=create attr:class="mt-4 space-y-4" attr:novalidate="true">
                <input type="hidden" name="project" value=key.get_untracked()/>
                <Field name="input[title]" label="Title" required=true error=field_error(v, "title")/>
                <div class="space-y-1">
                    <label for="new-story-criteria" class="block text-sm font-medium">"Acceptance criteria (one per line)"</label>
                    <textarea id="new-story-criteria" name="input[criteria]" rows="4" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"></textarea>
                </div>
                <FormError error=form_error(v)/>
                <FormActions open label="Create story" busy="Creating…" pending=create.pending()/>
            </ActionForm>
        </Dialog>
    }
}

/// `<option>`s for the organization's active members, loaded once per list.
#[component]
fn MemberOptions() -> impl IntoView {
    let members = Resource::new(|| (), |_| crate::users::api::list_members());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                members.await.unwrap_or_default().into_iter().map(|m| view! { <option value=m.id.0.to_string()>{m.name}</option> }).collect_view()
            })}
        </Suspense>
    }
}
