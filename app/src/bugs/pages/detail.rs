//! A bug: its fields, links (case, story, run, original), the moves the lifecycle lets the
//! signed-in person make, its assignee, re-test (runs the linked case in a new run; the runner
//! records verified or reopened), its history of moves and its comments (Markdown, rendered
//! sanitized by the server, @mentions named). A lazy route.
use super::{
    form::BugForm,
    moves::{move_label, MoveDialog},
    priority_text, SeverityBadge, StatusBadge,
};
use crate::{
    auth::permissions::Permission,
    bugs::{
        api::{get_bug, AssignBug, CommentBug},
        model::{BugDetail, BugStatus, LinkRef},
    },
    error::AppError,
    runs::{
        api::{create_run, start_run},
        model::RunInput,
    },
    ui::{
        feedback::{ErrorMessage, Loading, EMPTY},
        form::{describe, form_error, FormError, INPUT, PRIMARY, SECONDARY},
        session::{can, Guard},
    },
    users::api::list_members,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_params_map},
    lazy_route, LazyRoute,
};

pub struct BugPage {
    key: Memo<String>,
    version: RwSignal<u64>,
    bug: Resource<Result<BugDetail, AppError>>,
}

#[lazy_route]
impl LazyRoute for BugPage {
    fn data() -> Self {
        let params = use_params_map();
        let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
        let number = Memo::new(move |_| params.read().get("number").and_then(|n| n.parse().ok()).unwrap_or(0));
        let version = RwSignal::new(0u64);
        let bug = Resource::new(move || (key.get(), number.get(), version.get()), |(k, n, _)| get_bug(k, n));
        BugPage { key, version, bug }
    }

    fn view(this: Self) -> AnyView {
        let BugPage { key, version, bug } = this;
        view! {
            <Guard permission=Permission::ViewProjects>
                <Transition fallback=|| view! { <Loading label="Loading the bug…"/> }>
                    {move || Suspend::new(async move {
                        match bug.await {
                            Err(error) => view! { <Title text="Bug"/><ErrorMessage error/> }.into_any(),
                            Ok(b) => view! { <BugView b key=key.get_untracked().to_uppercase() version/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

fn link(key: &str, what: &str, l: &LinkRef) -> impl IntoView {
    let href = crate::wire::HumanKey::parse(&l.key).map(|k| k.href()).unwrap_or_else(|| format!("/projects/{key}"));
    view! {
        <div><dt class="font-medium">{what.to_owned()}</dt>
            <dd><a href=href class="break-words text-indigo-700 underline dark:text-indigo-300">{format!("{} {}", l.key, l.title)}</a></dd></div>
    }
}

#[component]
fn BugView(b: BugDetail, key: String, version: RwSignal<u64>) -> impl IntoView {
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    let s = b.summary.clone();
    let number = s.number;
    let moving = RwSignal::new(None::<BugStatus>);
    let editing = RwSignal::new(false);
    let retestable = matches!(s.status, BugStatus::Fixed | BugStatus::Testing) && b.case.is_some();
    let facts = [
        ("Reporter", s.reporter.clone().unwrap_or_else(|| "—".into())),
        ("Environment", if b.environment.is_empty() { "—".into() } else { b.environment.clone() }),
        ("Type", s.bug_type.label().to_owned()),
        ("Reported", s.created_at.format("%Y-%m-%d %H:%M").to_string()),
    ];
    let links: Vec<(&str, LinkRef)> = [
        ("Test case", b.case.clone()),
        ("Story", b.story.clone()),
        ("Found in run", b.run.clone()),
        ("Duplicate of", b.duplicate_of.clone()),
    ]
    .into_iter()
    .filter_map(|(w, l)| l.map(|l| (w, l)))
    .collect();
    let initial = crate::bugs::model::BugInput {
        title: s.title.clone(),
        description: b.description.clone(),
        severity: s.severity,
        priority: s.priority,
        bug_type: s.bug_type,
        environment: b.environment.clone(),
        steps_to_reproduce: b.steps_to_reproduce.clone(),
        expected: b.expected.clone(),
        actual: b.actual.clone(),
        ..Default::default()
    };
    let k = StoredValue::new(key.clone());
    view! {
        <Title text=format!("{} {}", s.key, s.title)/>
        <div class="flex flex-wrap items-center gap-3">
            <span class="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800">{s.key.clone()}</span>
            <h1 class="min-w-0 break-words text-2xl font-bold tracking-tight">{s.title.clone()}</h1>
            <StatusBadge status=s.status/>
            <SeverityBadge severity=s.severity/>
            <span class="text-xs text-slate-700 dark:text-slate-300">{priority_text(s.priority)}</span>
        </div>
        <div class="mt-4 flex flex-wrap gap-2" role="group" aria-label="Move this bug">
            {b.next.iter().copied().filter(|to| *to != BugStatus::Assigned || s.assignee_id.is_some()).map(|to| view! {
                <button type="button" class=SECONDARY on:click=move |_| moving.set(Some(to))>{move_label(to)}</button>
            }).collect_view()}
            {retestable.then(|| view! { <Retest key=key.clone() bug=number case=b.case.clone().map(|c| c.number).unwrap_or(0) bug_key=s.key.clone()/> })}
            {b.can_edit.then(|| view! {
                <button type="button" class=SECONDARY aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { "Stop editing" } else { "Edit" }}
                </button>
            })}
        </div>
        <MoveDialog to=moving key=key.clone() number done=reload/>
        <dl class="mt-4 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {facts.into_iter().map(|(k, v)| view! { <div><dt class="font-medium">{k}</dt><dd class="break-words">{v}</dd></div> }).collect_view()}
            <Assignee key=key.clone() number current=s.assignee_id.map(|u| u.0) name=s.assignee.clone() can_assign=b.can_assign done=reload/>
            {links.iter().map(|(w, l)| link(&key, w, l)).collect_view()}
        </dl>
        <Show when=move || editing.get()>
            <BugForm key=k.get_value() initial=initial.clone() number=Some(number) saved=Callback::new(move |_| { editing.set(false); reload.run(()); })/>
        </Show>
        <Section title="Steps to reproduce" text=b.steps_to_reproduce.clone()/>
        <div class="grid gap-4 sm:grid-cols-2">
            <Section title="Expected result" text=b.expected.clone()/>
            <Section title="Actual result" text=b.actual.clone()/>
        </div>
        <section class="mt-6" aria-labelledby="bug-description">
            <h2 id="bug-description" class="text-lg font-semibold">"Description"</h2>
            {if b.description_html.trim().is_empty() {
                view! { <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"No description."</p> }.into_any()
            } else {
                // Rendered from Markdown and sanitized by the server (`markdown::render`).
                view! { <div class="prose-sm mt-2 max-w-none break-words text-sm [&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300" inner_html=b.description_html.clone()></div> }.into_any()
            }}
        </section>
        <History b=b.clone()/>
        <Comments b key=key.clone() done=reload/>
    }
}

#[component]
fn Section(title: &'static str, text: String) -> impl IntoView {
    view! {
        <section class="mt-6">
            <h2 class="text-lg font-semibold">{title}</h2>
            <p class="mt-1 whitespace-pre-wrap break-words text-sm">{if text.trim().is_empty() { "—".to_owned() } else { text }}</p>
        </section>
    }
}

/// Who the bug is assigned to; QA and admins change it (a new or reopened bug becomes assigned).
#[component]
fn Assignee(
    key: String,
    number: i64,
    current: Option<i64>,
    name: Option<String>,
    can_assign: bool,
    done: Callback<()>,
) -> impl IntoView {
    let shown = name.unwrap_or_else(|| "Unassigned".into());
    if !can_assign {
        return view! { <div><dt class="font-medium">"Assignee"</dt><dd>{shown}</dd></div> }.into_any();
    }
    // Read after hydration: a resource made inside the bug page's view would not line up with
    // the server's.
    let members = RwSignal::new(None::<Vec<crate::users::model::Member>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move { members.set(Some(list_members().await.unwrap_or_default())) });
    });
    let assign = ServerAction::<AssignBug>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = assign.value().get() {
            done.run(());
        }
    });
    let key = StoredValue::new(key);
    let shown = StoredValue::new(shown);
    // The members load beside the select, never inside it (the parser restricts a select's
    // children, so nothing async goes in there).
    view! {
        <div>
            <dt><label for="bug-assignee-pick" class="block font-medium">"Assignee"</label></dt>
            <dd>
            {move || match members.get() {
                None => view! { <p>{shown.get_value()}</p> }.into_any(),
                Some(list) => view! {
                    <select id="bug-assignee-pick" class=INPUT disabled=move || assign.pending().get() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.is_empty() { assign.dispatch(AssignBug { project: key.get_value(), number, assignee: v }); }
                    }>
                        <option value="" selected=current.is_none()>"Unassigned"</option>
                        {list.into_iter().map(|m| {
                            let id = m.id.0;
                            view! { <option value=id.to_string() selected=current == Some(id)>{m.name}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <FormError error=form_error(assign.value())/>
            </dd>
        </div>
    }
    .into_any()
}

/// Re-test: a new run of the linked case, started, opened in the runner; the runner moves the
/// bug to verified or reopened when the case passes or fails.
#[component]
fn Retest(key: String, bug: i64, case: i64, bug_key: String) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let start = move |_| {
        let (key, bug_key, navigate) = (key.clone(), bug_key.clone(), navigate.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let input = RunInput { name: format!("Re-test {bug_key}"), cases: vec![case], ..RunInput::default() };
            let started = async {
                let run = create_run(key.clone(), input).await?;
                start_run(key.clone(), run).await?;
                Ok::<i64, AppError>(run)
            };
            match started.await {
                Ok(run) => {
                    navigate(&format!("/projects/{key}/runs/{run}/cases/{case}?retest={bug}"), Default::default())
                }
                Err(e) => error.set(Some(describe(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=move || editable.get()>
            <button type="button" class=PRIMARY disabled=move || busy.get() on:click=start.clone()>
                {move || if busy.get() { "Starting the re-test…" } else { "Re-test" }}
            </button>
        </Show>
        <p role="alert" class="w-full text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
    }
}

#[component]
fn History(b: BugDetail) -> impl IntoView {
    view! {
        <section class="mt-8" aria-labelledby="bug-history">
            <h2 id="bug-history" class="text-lg font-semibold">"History"</h2>
            {if b.transitions.is_empty() {
                view! { <p class=EMPTY>"Not moved yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="mt-2 space-y-2 text-sm" data-testid="bug-history">
                        {b.transitions.into_iter().map(|t| view! {
                            <li class="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
                                <p>{format!("{} → {}", t.from.label(), t.to.label())}
                                    <span class="text-xs text-slate-600 dark:text-slate-400">{format!(" · {} · {}", t.by.unwrap_or_else(|| "a former member".into()), t.at.format("%Y-%m-%d %H:%M"))}</span></p>
                                {(!t.note.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-wrap break-words">{t.note.clone()}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Comments(b: BugDetail, key: String, done: Callback<()>) -> impl IntoView {
    let report = can(Permission::ReportBugs);
    let action = ServerAction::<CommentBug>::new();
    let body = RwSignal::new(String::new());
    let number = b.summary.number;
    let note = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(out)) = action.value().get() {
            body.set(String::new());
            note.set(Some(if out.mentioned.is_empty() {
                "Comment added.".to_owned()
            } else {
                format!("Comment added; mentioned {}.", out.mentioned.join(", "))
            }));
            done.run(());
        }
    });
    let key = StoredValue::new(key);
    view! {
        <section class="mt-8" aria-labelledby="bug-comments">
            <h2 id="bug-comments" class="text-lg font-semibold">"Comments"</h2>
            {if b.comments.is_empty() {
                view! { <p class=EMPTY>"No comments yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-3" data-testid="bug-comments">
                        {b.comments.into_iter().map(|c| view! {
                            <li class="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
                                <p class="text-xs text-slate-600 dark:text-slate-400">{format!("{} · {}", c.author.unwrap_or_else(|| "a former member".into()), c.created_at.format("%Y-%m-%d %H:%M"))}</p>
                                <div class="mt-1 break-words [&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300" inner_html=c.html></div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Show when=move || report.get()>
                <form class="mt-4 space-y-2" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    action.dispatch(CommentBug { project: key.get_value(), number, body: body.get_untracked() });
                }>
                    <label for="bug-comment" class="block text-sm font-medium">"Add a comment (Markdown; mention someone with @ and their email)"</label>
                    <textarea id="bug-comment" rows="3" class=INPUT prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))
                        aria-describedby="bug-comment-error"></textarea>
                    <p id="bug-comment-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || crate::ui::form::field_error(action.value(), "body").get()}</p>
                    <FormError error=form_error(action.value())/>
                    <p role="status" class="text-sm text-slate-700 dark:text-slate-300">{move || note.get()}</p>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>{move || if action.pending().get() { "Posting…" } else { "Comment" }}</button>
                </form>
            </Show>
        </section>
    }
}
