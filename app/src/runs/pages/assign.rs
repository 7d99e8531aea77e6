//! A run's cases as a list to pick from and hand out: a checkbox per case, "Select all", the
//! member to assign the picked ones to (only those whose role records results), and "Only cases
//! assigned to me" (`?mine=1`, where an assignment's notification leads).
use super::badge::ExecBadge;
use crate::{
    auth::permissions::{allows, Permission},
    runs::{api::AssignCases, model::RunCase},
    stories::pages::SELECT,
    ui::{
        feedback::{plural, EMPTY},
        form::{describe, CHECKBOX, PRIMARY},
    },
    users::{
        api::list_members,
        model::{Member, UserId},
    },
};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The run's cases, each opening the runner; with `assigning`, pickable and handed out.
#[component]
pub fn RunCases(
    cases: Vec<RunCase>,
    project: String,
    number: i64,
    base: String,
    /// Whether the caller may assign (QA, admins) and the run is not completed.
    assigning: Signal<bool>,
    /// Only the caller's cases.
    mine: Signal<bool>,
    me: Signal<Option<UserId>>,
    version: RwSignal<u64>,
) -> impl IntoView {
    if cases.is_empty() {
        return view! { <p class=EMPTY>"This run has no cases."</p> }.into_any();
    }
    let cases = StoredValue::new(cases);
    let picked = RwSignal::new(BTreeSet::<i64>::new());
    let shown = move || {
        let (mine, me) = (mine.get(), me.get());
        cases.with_value(|all| {
            all.iter().filter(|c| !mine || (me.is_some() && c.assignee_id == me)).cloned().collect::<Vec<_>>()
        })
    };
    let shown_numbers = Signal::derive(move || shown().iter().map(|c| c.number).collect::<Vec<_>>());
    let (project, base) = (StoredValue::new(project), StoredValue::new(base));
    view! {
        <Show when=move || assigning.get()>
            <AssignBar project number picked shown=shown_numbers version/>
        </Show>
        {move || {
            let rows = shown();
            if rows.is_empty() {
                return view! { <p class=EMPTY>"No case of this run is assigned to you. Untick “Only cases assigned to me” to see them all."</p> }.into_any();
            }
            view! {
                <ol class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="run-cases">
                    {rows.into_iter().map(|c| {
                        let key = format!("{}-TC-{}", project.get_value(), c.number);
                        let who = [
                            c.assignee.clone().map(|a| format!("assigned to {a}")),
                            c.executed_by.clone().map(|b| format!("by {b}")),
                        ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                        let n = c.number;
                        let id = format!("pick-{n}");
                        let pick_label = format!("Select {key}");
                        view! {
                            <li class="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                                <Show when=move || assigning.get()>
                                    <input type="checkbox" id=id.clone() class=CHECKBOX prop:checked=move || picked.with(|p| p.contains(&n))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            picked.update(|p| { if on { p.insert(n); } else { p.remove(&n); } });
                                        }/>
                                    <label for=id.clone() class="sr-only">{pick_label.clone()}</label>
                                </Show>
                                <span class="font-mono text-xs text-slate-600 dark:text-slate-400">{key}</span>
                                <a href=format!("{}/cases/{n}", base.get_value()) class="min-w-0 flex-1 break-words font-medium text-indigo-700 underline dark:text-indigo-300">{c.title.clone()}</a>
                                <span class="text-xs text-slate-600 dark:text-slate-400" data-testid="run-case-people">{who}</span>
                                <ExecBadge status=c.status/>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
    .into_any()
}

/// "Select all", the member to assign to, and "Assign": for the picked cases.
#[component]
fn AssignBar(
    project: StoredValue<String>,
    number: i64,
    picked: RwSignal<BTreeSet<i64>>,
    shown: Signal<Vec<i64>>,
    version: RwSignal<u64>,
) -> impl IntoView {
    // Read after hydration: the options are not part of the server's page.
    let members = RwSignal::new(Vec::<Member>::new());
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let all = list_members().await.unwrap_or_default();
            members.set(all.into_iter().filter(|m| allows(m.role, Permission::EditTestArtifacts)).collect());
        });
    });
    let assignee = RwSignal::new(String::new());
    let action = ServerAction::<AssignCases>::new();
    let said = RwSignal::new(None::<String>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(n)) => {
            let to = assignee.with_untracked(|a| {
                members.with_untracked(|m| m.iter().find(|m| m.id.0.to_string() == *a).map(|m| m.name.clone()))
            });
            said.set(Some(match (n, to) {
                (0, _) => "Nothing changed: those cases were assigned so already.".to_owned(),
                (n, Some(name)) => format!("Assigned {} to {name}.", plural(n as i64, "case", "cases")),
                (n, None) => format!("{} no longer assigned.", plural(n as i64, "case is", "cases are")),
            }));
            picked.set(BTreeSet::new());
            version.update(|v| *v += 1);
        }
        _ => said.set(None),
    });
    let all_picked = move || {
        let s = shown.get();
        !s.is_empty() && picked.with(|p| s.iter().all(|n| p.contains(n)))
    };
    view! {
        <div class="mt-2 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" role="group" aria-label="Assign cases">
            <label for="pick-all" class="flex items-center gap-2 self-center">
                <input id="pick-all" type="checkbox" class=CHECKBOX prop:checked=all_picked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let s = shown.get_untracked();
                        picked.update(|p| for n in s { if on { p.insert(n); } else { p.remove(&n); } });
                    }/>
                "Select all"
            </label>
            <label for="assign-to" class="flex flex-col">"Assign selected cases to"
                <select id="assign-to" class=SELECT on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="" selected=move || assignee.get().is_empty()>"Nobody (unassign)"</option>
                    <For each=move || members.get() key=|m| m.id.0 let:m>
                        {
                            let v = m.id.0.to_string();
                            let chosen = v.clone();
                            view! { <option value=v selected=move || assignee.get() == chosen>{format!("{} ({})", m.name, m.role.label())}</option> }
                        }
                    </For>
                </select>
            </label>
            <button type="button" class=PRIMARY disabled=move || picked.with(BTreeSet::is_empty) || action.pending().get()
                on:click=move |_| {
                    let cases: Vec<i64> = picked.get_untracked().into_iter().collect();
                    action.dispatch(AssignCases { project: project.get_value(), number, cases, assignee: assignee.get_untracked() });
                }>
                {move || match (action.pending().get(), picked.with(BTreeSet::len)) {
                    (true, _) => "Assigning…".to_owned(),
                    (false, 0) => "Assign".to_owned(),
                    (false, n) => format!("Assign {}", plural(n as i64, "case", "cases")),
                }}
            </button>
            <p role="status" class="basis-full text-sm text-slate-700 dark:text-slate-300" data-testid="assign-said">{move || said.get()}</p>
            <p role="alert" class="basis-full text-sm text-red-700 dark:text-red-400">
                {move || action.value().get().and_then(Result::err).map(|e| describe(&e))}
            </p>
        </div>
    }
}
