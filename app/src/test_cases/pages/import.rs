//! A dialog to import `.feature` files (or zips of them) into the project: files named
//! `<KEY>-TC-<n>…` update that case, others become new drafts; refused files say why.
use crate::{
    test_cases::{api::import_features, model::FeatureImport},
    ui::{
        dialog::{Dialog, DialogSize},
        form::{describe, upload_form, FormError, SECONDARY},
    },
};
use leptos::prelude::*;

/// The dialog; its form (and the last result) starts afresh on every opening.
#[component]
pub fn ImportDialog(
    key: Memo<String>,
    open: RwSignal<bool>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Dialog open title="Import .feature files" size=DialogSize::Large
            description="Files named like an exported case (KEY-TC-12…) update that case; other files become new drafts. Up to 20 MB at once.">
            <ImportForm key open on_done=on_done.clone()/>
        </Dialog>
    }
}

#[component]
fn ImportForm(key: Memo<String>, open: RwSignal<bool>, on_done: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<FeatureImport>);
    let upload = Action::new_local(|data: &web_sys::FormData| import_features(data.clone().into()));
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(r)) => {
            error.set(None);
            result.set(Some(r));
            on_done();
        }
        Some(Err(e)) => error.set(Some(describe(&e))),
        None => {}
    });
    let on_submit =
        move |ev: leptos::ev::SubmitEvent| match upload_form(&ev, "Choose .feature files or a zip of them first.") {
            Ok(data) => {
                result.set(None);
                upload.dispatch_local(data);
            }
            Err(message) => error.set(Some(message)),
        };
    view! {
        <form class="mt-4 space-y-4" on:submit=on_submit>
            <input type="hidden" name="project" value=move || key.get()/>
            <div>
                <label for="feature-files" class="block text-sm font-medium">".feature files or .zip"</label>
                <input id="feature-files" name="file" type="file" multiple accept=".feature,.zip" class="mt-1 block text-sm"/>
            </div>
            <FormError error=error/>
            {move || result.get().map(|r| view! { <Outcome r/> })}
            <div class="flex justify-end gap-2">
                <button type="button" class=SECONDARY on:click=move |_| open.set(false)>"Close"</button>
                <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-60" disabled=move || upload.pending().get()>
                    {move || if upload.pending().get() { "Importing…" } else { "Import" }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Outcome(r: FeatureImport) -> impl IntoView {
    view! {
        <div role="status" data-testid="feature-import-result" class="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
            <p>{format!("{} created, {} updated, {} refused.", r.created.len(), r.updated.len(), r.rejected.len())}</p>
            {(!r.rejected.is_empty()).then(|| view! {
                <ul class="mt-2 list-disc pl-5 text-red-700 dark:text-red-400">
                    {r.rejected.into_iter().map(|(name, why)| view! { <li><span class="font-mono">{name}</span>": "{why}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}
