//! Moving a bug: the dialog that asks what the move needs (fix notes for "fixed", the original
//! for "duplicate", an optional note otherwise) and sends it; the page and the board use it.
use crate::{
    bugs::{
        api::TransitionBug,
        model::{lifecycle::needs, BugStatus},
    },
    ui::{
        dialog::{Dialog, FormActions},
        form::{field_error, form_error, FormError, INPUT},
    },
};
use leptos::prelude::*;

/// "Move to Fixed", and so on.
pub fn move_label(to: BugStatus) -> String {
    match to {
        BugStatus::Reopened => "Reopen".to_owned(),
        BugStatus::Duplicate => "Mark as duplicate".to_owned(),
        BugStatus::WontFix => "Won't fix".to_owned(),
        other => format!("Move to {}", other.label()),
    }
}

/// The dialog of a move to `to` (open while it is `Some`); `done` runs after the server took it.
#[component]
pub fn MoveDialog(
    to: RwSignal<Option<BugStatus>>,
    key: String,
    number: i64,
    #[prop(into)] done: Callback<()>,
) -> impl IntoView {
    // The dialog is open while there is a target; closing it clears the target. Each side is
    // written only when it differs: a signal's `set` notifies even when equal, so two effects
    // writing each other unconditionally would run each other forever.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        let wanted = to.with(Option::is_some);
        if open.get_untracked() != wanted {
            open.set(wanted);
        }
    });
    Effect::new(move |_| {
        if !open.get() && to.with_untracked(Option::is_some) {
            to.set(None);
        }
    });
    let key = StoredValue::new(key);
    let title = move || to.get().map(move_label).unwrap_or_default();
    view! {
        <Dialog open title=title close_on_backdrop=false>
            {move || to.get().map(|target| view! { <MoveForm to=target key=key.get_value() number open done/> })}
        </Dialog>
    }
}

#[component]
fn MoveForm(to: BugStatus, key: String, number: i64, open: RwSignal<bool>, done: Callback<()>) -> impl IntoView {
    let action = ServerAction::<TransitionBug>::new();
    let v = action.value();
    let need = needs(to);
    let (note, original) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = v.get() {
            open.set(false);
            done.run(());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(TransitionBug {
            project: key.clone(),
            number,
            to,
            note: note.get_untracked(),
            duplicate_of: original.get_untracked(),
        });
    };
    let note_label = if need.note { "Fix notes (what was changed, and where)" } else { "Note (optional)" };
    let note_error = field_error(v, "note");
    let original_error = field_error(v, "duplicate_of");
    view! {
        <form class="mt-3 space-y-4" novalidate on:submit=submit>
            {need.duplicate_of.then(|| view! {
                <div class="space-y-1">
                    <label for="move-original" class="block text-sm font-medium">"Duplicate of (bug key or number)"</label>
                    <input id="move-original" class=INPUT required prop:value=move || original.get()
                        on:input=move |ev| original.set(event_target_value(&ev))
                        aria-invalid=move || original_error.get().is_some().then_some("true") aria-describedby="move-original-error"/>
                    <p id="move-original-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || original_error.get()}</p>
                </div>
            })}
            <div class="space-y-1">
                <label for="move-note" class="block text-sm font-medium">{note_label}</label>
                <textarea id="move-note" rows="3" class=INPUT required=need.note prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                    aria-invalid=move || note_error.get().is_some().then_some("true") aria-describedby="move-note-error"></textarea>
                <p id="move-note-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || note_error.get()}</p>
            </div>
            <FormError error=form_error(v)/>
            <FormActions open label="Move" busy="Moving…" pending=action.pending()/>
        </form>
    }
}
