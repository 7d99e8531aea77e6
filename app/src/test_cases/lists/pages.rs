//! Saving the case list's selection as a named list (a dialog opened from the selection bar),
//! and picking (or deleting) a saved list when planning a run.
use super::{api::SaveCaseList, model::ListInput};
use crate::ui::{
    dialog::{ConfirmActions, Dialog, FormActions},
    feedback::plural,
    form::{field_error, form_error, FormError, CHECKBOX, INPUT, SECONDARY},
};
use leptos::prelude::*;

/// "Save as list": a dialog asking the list's name for the cases `numbers()` of project `key`;
/// `on_saved` gets the sentence to show once it is saved.
#[component]
pub fn SaveListDialog(
    open: RwSignal<bool>,
    #[prop(into)] key: Signal<String>,
    numbers: Callback<(), Vec<i64>>,
    on_saved: Callback<String>,
) -> impl IntoView {
    view! {
        <Dialog open title="Save the selection as a list" close_on_backdrop=false
            description="Plan a test run from it later: “New test run”, then “A saved list”.">
            <SaveListForm open key numbers on_saved/>
        </Dialog>
    }
}

/// The dialog's form: made on each opening, so it starts empty.
#[component]
fn SaveListForm(
    open: RwSignal<bool>,
    key: Signal<String>,
    numbers: Callback<(), Vec<i64>>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let action = ServerAction::<SaveCaseList>::new();
    let v = action.value();
    let (name, replace) = (RwSignal::new(String::new()), RwSignal::new(false));
    Effect::new(move |_| {
        if let Some(Ok(list)) = v.get() {
            on_saved.run(format!("Saved “{}” ({}).", list.name, plural(list.cases, "case", "cases")));
            open.set(false);
        }
    });
    let name_error = field_error(v, "name");
    let cases_error = field_error(v, "cases");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ListInput { name: name.get_untracked(), cases: numbers.run(()), replace: replace.get_untracked() };
        action.dispatch(SaveCaseList { project: key.get_untracked(), input });
    };
    view! {
        <form class="mt-4 space-y-4" novalidate on:submit=submit>
            <div class="space-y-1">
                <label for="case-list-name" class="block text-sm font-medium">"List name"</label>
                <input id="case-list-name" type="text" autofocus maxlength="100" class=INPUT prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || name_error.get().is_some().then_some("true") aria-describedby="case-list-name-error"/>
                <p id="case-list-name-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || name_error.get()}</p>
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" class=CHECKBOX prop:checked=move || replace.get()
                    on:change=move |ev| replace.set(event_target_checked(&ev))/>
                "Replace the list of this name if there is one"
            </label>
            <p role="alert" class="text-sm text-red-700 dark:text-red-400">{move || cases_error.get()}</p>
            <FormError error=form_error(v)/>
            <FormActions open label="Save list" busy="Saving…" pending=action.pending()/>
        </form>
    }
}

/// The run form's choice of a saved list of project `key`: a labelled select (`chosen` is the
/// list's id), with "Delete this list" behind a confirmation; read after hydration.
#[component]
pub fn ListPicker(
    key: String,
    chosen: RwSignal<Option<i64>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let lists = RwSignal::new(None::<Result<Vec<super::model::CaseList>, String>>);
    let key = StoredValue::new(key);
    let load = move || {
        leptos::task::spawn_local(async move {
            let got = super::api::list_case_lists(key.get_value()).await.map_err(|e| e.to_string());
            // The first list is the choice until the person picks another (or it is deleted).
            if let Ok(l) = &got {
                if !chosen.get_untracked().is_some_and(|c| l.iter().any(|x| x.id == c)) {
                    chosen.set(l.first().map(|x| x.id));
                }
            }
            lists.set(Some(got));
        });
    };
    Effect::new(move |_| load());
    let delete = ServerAction::<super::api::DeleteCaseList>::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            confirming.set(false);
            load();
        }
    });
    let chosen_name = move || {
        lists.with(|l| match l {
            Some(Ok(l)) => l.iter().find(|x| Some(x.id) == chosen.get()).map(|x| x.name.clone()),
            _ => None,
        })
    };
    view! {
        {move || match lists.get() {
            None => view! { <p role="status" class="text-sm text-slate-600 dark:text-slate-400">"Loading the saved lists…"</p> }.into_any(),
            Some(Err(e)) => view! { <p role="alert" class="text-sm text-red-700 dark:text-red-400">{format!("Could not load the saved lists: {e}")}</p> }.into_any(),
            Some(Ok(l)) if l.is_empty() => view! {
                <p class="text-sm text-slate-600 dark:text-slate-400">
                    "No saved lists yet. In the "
                    <a class="underline" href=format!("/projects/{}/cases", key.get_value())>"test case list"</a>
                    ", select cases and choose “Save as list”."
                </p>
            }.into_any(),
            Some(Ok(l)) => view! {
                <div class="flex flex-wrap items-end gap-2">
                    <div class="min-w-48 flex-1 space-y-1">
                        <label for="run-list" class="block text-sm font-medium">"Saved list"</label>
                        <select id="run-list" class=INPUT aria-describedby="run-cases-error"
                            aria-invalid=move || error.get().is_some().then_some("true")
                            on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                            {l.into_iter().map(|x| {
                                let id = x.id;
                                let label = format!("{} — {}", x.name, plural(x.cases, "case", "cases"));
                                view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class=SECONDARY disabled=move || chosen.get().is_none()
                        on:click=move |_| confirming.set(true)>"Delete this list"</button>
                </div>
            }.into_any(),
        }}
        <Dialog open=confirming title=move || format!("Delete the list “{}”?", chosen_name().unwrap_or_default())
            description="Its cases stay; only the list goes.">
            <FormError error=form_error(delete.value())/>
            <ConfirmActions open=confirming label="Delete list" busy="Deleting…" pending=delete.pending()
                on_confirm=move || if let Some(id) = chosen.get_untracked() {
                    delete.dispatch(super::api::DeleteCaseList { project: key.get_value(), id });
                }/>
        </Dialog>
    }
}
