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
    state: Assigning,
) -> impl IntoView {
    if cases.is_empty() {
        return view! { <p class=EMPTY>"This run has no cases."</p> }.into_any();
    }
    let cases = StoredValue::new(cases);
    let picked = state.picked;
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
            <AssignBar project number state shown=shown_numbers/>
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
                                <a href=format!("{}/cases/{n}", base.get_value()) class="min-w-48 flex-1 break-words font-medium text-indigo-700 underline dark:text-indigo-300">{c.title.clone()}</a>
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

/// What the run's page keeps across its redraws (each live mark and each assignment reads the
/// run again): the picked cases, the chosen member, the last assignment and what it said, and the
/// members who may take cases (read once, after hydration, for those who may assign).
#[derive(Clone, Copy)]
pub struct Assigning {
    picked: RwSignal<BTreeSet<i64>>,
    assignee: RwSignal<String>,
    action: ServerAction<AssignCases>,
    said: RwSignal<Option<String>>,
    members: RwSignal<Vec<Member>>,
}

impl Assigning {
    /// Made once per page; a successful assignment bumps `version` (the run is read again).
    pub fn new(version: RwSignal<u64>, may_assign: Signal<bool>) -> Self {
        let a = Assigning {
            picked: RwSignal::new(BTreeSet::new()),
            assignee: RwSignal::new(String::new()),
            action: ServerAction::new(),
            said: RwSignal::new(None),
            members: RwSignal::new(Vec::new()),
        };
        let loaded = StoredValue::new(false);
        Effect::new(move |_| {
            if !may_assign.get() || loaded.get_value() {
                return;
            }
            loaded.set_value(true);
            leptos::task::spawn_local(async move {
                let all = list_members().await.unwrap_or_default();
                a.members.set(all.into_iter().filter(|m| allows(m.role, Permission::EditTestArtifacts)).collect());
            });
        });
        Effect::new(move |_| match a.action.value().get() {
            Some(Ok(n)) => {
                let to = a.assignee.with_untracked(|v| {
                    a.members.with_untracked(|m| m.iter().find(|m| m.id.0.to_string() == *v).map(|m| m.name.clone()))
                });
                a.said.set(Some(match (n, to) {
                    (0, _) => "Nothing changed: those cases were assigned so already.".to_owned(),
                    (n, Some(name)) => format!("Assigned {} to {name}.", plural(n as i64, "case", "cases")),
                    (n, None) => format!("{} no longer assigned.", plural(n as i64, "case is", "cases are")),
                }));
                a.picked.set(BTreeSet::new());
                version.update(|v| *v += 1);
            }
            Some(Err(_)) => a.said.set(None),
            None => {}
        });
        a
    }
}

/// "Select all", the member to assign to, and "Assign": for the picked cases that are shown.
#[component]
fn AssignBar(project: StoredValue<String>, number: i64, state: Assigning, shown: Signal<Vec<i64>>) -> impl IntoView {
    let Assigning { picked, assignee, action, said, members } = state;
    // Only what is on screen is assigned (cases picked before "Only mine" hid them are not).
    let chosen = move || {
        let s = shown.get();
        picked.with(|p| s.into_iter().filter(|n| p.contains(n)).collect::<Vec<_>>())
    };
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
                            let this = v.clone();
                            view! { <option value=v selected=move || assignee.get() == this>{format!("{} ({})", m.name, m.role.label())}</option> }
                        }
                    </For>
                </select>
            </label>
            <button type="button" class=PRIMARY disabled=move || chosen().is_empty() || action.pending().get()
                on:click=move |_| {
                    let cases = untrack(chosen);
                    action.dispatch(AssignCases { project: project.get_value(), number, cases, assignee: assignee.get_untracked() });
                }>
                {move || match (action.pending().get(), chosen().len()) {
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
