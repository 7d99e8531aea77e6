//! The bar shown while cases are selected: export, run them, save them as a list, bulk edit
//! (type, priority, status, tags) and bulk delete with a confirmation dialog.
use super::list::{case_count, ListState};
use crate::{
    stories::{model::Priority, pages::SELECT},
    test_cases::{
        api::{BulkUpdateCases, DeleteCases},
        lists::pages::SaveListDialog,
        model::{CaseBulkChange, CaseKind, CaseStatus},
    },
    ui::{
        dialog::{ConfirmActions, Dialog},
        form::{form_error, FormError, SECONDARY},
    },
};
use leptos::prelude::*;

#[component]
pub fn BulkBar(state: ListState, editable: Signal<bool>) -> impl IntoView {
    let bulk = ServerAction::<BulkUpdateCases>::new();
    let delete = ServerAction::<DeleteCases>::new();
    let change = RwSignal::new(CaseBulkChange::default());
    let confirming = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let numbers = move || state.selected.with(|s| s.iter().copied().collect::<Vec<_>>());
    Effect::new(move |_| {
        if let Some(Ok(out)) = bulk.value().get() {
            let mut m = format!("Changed {}.", case_count(out.changed as i64));
            if !out.skipped.is_empty() {
                m.push_str(&format!(
                    " Left {} as they were: their Gherkin is invalid, so they cannot be ready ({}).",
                    out.skipped.len(),
                    out.skipped.join(", ")
                ));
            }
            message.set(Some(m));
            change.set(CaseBulkChange::default());
            state.reload();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(n)) = delete.value().get() {
            message.set(Some(format!("Deleted {}.", case_count(n as i64))));
            confirming.set(false);
            state.reload();
        }
    });
    // Selecting again starts a new task: the result of the last one is cleared.
    Effect::new(move |was_empty: Option<bool>| {
        let empty = state.selected.with(|s| s.is_empty());
        if was_empty == Some(true) && !empty {
            message.set(None);
        }
        empty
    });
    let export = move || {
        let list: Vec<String> = numbers().iter().map(i64::to_string).collect();
        format!("/api/v1/projects/{}/cases.zip?numbers={}", state.key.get(), list.join(","))
    };
    view! {
        // The bar stays mounted so its result survives the reload (which clears the selection).
        <p role="status" class="mt-3 text-sm text-emerald-700 dark:text-emerald-400">{move || message.get()}</p>
        <Show when=move || !state.selected.read().is_empty()>
            <div role="region" aria-label="Change selected test cases" class="mt-2 flex flex-wrap items-end gap-3 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950">
                <span class="font-medium">{move || format!("{} selected", state.selected.read().len())}</span>
                <a href=export class=SECONDARY download="">"Export selected"</a>
                <Show when=move || editable.get()>
                    <a href=move || {
                        let list: Vec<String> = numbers().iter().map(i64::to_string).collect();
                        format!("/projects/{}/runs/new?cases={}", state.key.get(), list.join(","))
                    } class=SECONDARY>"Run selected"</a>
                    <button type="button" class=SECONDARY on:click=move |_| saving.set(true)>"Save as list"</button>
                    <SetSelect label="Set type" options=CaseKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
                        on_change=move |v| change.update(|c| c.kind = CaseKind::from_name(&v))/>
                    <SetSelect label="Set priority" options=Priority::ALL.iter().map(|p| (p.as_str(), p.label())).collect()
                        on_change=move |v| change.update(|c| c.priority = Priority::from_name(&v))/>
                    <SetSelect label="Set status" options=CaseStatus::ALL.iter().map(|s| (s.as_str(), s.label())).collect()
                        on_change=move |v| change.update(|c| c.status = CaseStatus::from_name(&v))/>
                    <label class="flex flex-col">"Add tags"
                        <input class=SELECT prop:value=move || change.read().add_tags.clone() on:change=move |ev| change.update(|c| c.add_tags = event_target_value(&ev))/>
                    </label>
                    <label class="flex flex-col">"Remove tags"
                        <input class=SELECT prop:value=move || change.read().remove_tags.clone() on:change=move |ev| change.update(|c| c.remove_tags = event_target_value(&ev))/>
                    </label>
                    <button type="button" class="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white disabled:opacity-60" disabled=move || bulk.pending().get()
                        on:click=move |_| { bulk.dispatch(BulkUpdateCases { project: state.key.get_untracked(), numbers: numbers(), change: change.get_untracked() }); }>
                        {move || if bulk.pending().get() { "Applying…" } else { "Apply" }}
                    </button>
                    <button type="button" class="rounded-md border border-red-300 px-3 py-1.5 font-medium text-red-700 dark:border-red-800 dark:text-red-300" on:click=move |_| confirming.set(true)>"Delete selected"</button>
                </Show>
                <button type="button" class=SECONDARY on:click=move |_| state.selected.set(Default::default())>"Clear selection"</button>
                <FormError error=form_error(bulk.value())/>
            </div>
        </Show>
        <SaveListDialog open=saving key=state.key numbers=Callback::new(move |()| numbers())
            on_saved=Callback::new(move |m| message.set(Some(m)))/>
        <Dialog open=confirming title=move || format!("Delete {}?", case_count(state.selected.read().len() as i64))
            description="Their history goes with them. This cannot be undone.">
            <FormError error=form_error(delete.value())/>
            <ConfirmActions open=confirming label="Delete" busy="Deleting…" pending=delete.pending()
                on_confirm=move || { delete.dispatch(DeleteCases { project: state.key.get_untracked(), numbers: numbers() }); }/>
        </Dialog>
    }
}

/// A bulk-edit choice: "Keep" (leave the field as it is) or one of `options` (value, label).
#[component]
fn SetSelect(
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="flex flex-col">{label}
            <select class=SELECT on:change=move |ev| on_change(event_target_value(&ev))>
                <option value="">"Keep"</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </label>
    }
}
