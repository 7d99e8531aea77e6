//! The runner's keyboard shortcuts and the dialog that lists them (`?`).
use crate::ui::dialog::Dialog;
use leptos::prelude::*;

/// Each key and what it does, as the dialog lists them.
pub const KEYS: [(&str, &str); 8] = [
    ("p", "Pass the step and go to the next"),
    ("f", "Fail the step (stays, for the actual result)"),
    ("b", "Mark the step blocked and go to the next"),
    ("s", "Skip the step and go to the next"),
    ("j", "Next step"),
    ("k", "Previous step"),
    ("n", "Next case of the run"),
    ("?", "Show these keys"),
];

#[component]
pub fn KeysDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Dialog open title="Keyboard shortcuts" description="They work anywhere on the runner except while typing in a field.">
            <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                {KEYS.iter().map(|(k, what)| view! {
                    <dt><kbd class="rounded border border-slate-300 px-2 py-0.5 font-mono dark:border-slate-600">{*k}</kbd></dt>
                    <dd>{*what}</dd>
                }).collect_view()}
            </dl>
            <div class="mt-4 flex justify-end">
                <button type="button" autofocus class=crate::ui::form::SECONDARY on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Dialog>
    }
}
