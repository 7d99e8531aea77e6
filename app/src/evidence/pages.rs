//! The runner's evidence of one step (or of the whole execution): its files, thumbnails of
//! images linking to the file, and, for those who may attach, a labelled file input, a drop zone
//! and pasting a screenshot, with progress and errors announced beside the control.
use super::{
    api::{delete_evidence, list_evidence},
    model::{human_size, too_large, EvidenceItem, ACCEPT, DEFAULT_MAX_MB, KINDS, MB},
};
use crate::ui::{feedback::ErrorMessage, form::SECONDARY};
use leptos::prelude::*;

/// Files a browser may say are markup: refused before sending (the server checks the content).
const MARKUP: [&str; 4] = ["image/svg+xml", "text/html", "application/xhtml+xml", "text/xml"];

/// The evidence of step `step` of scenario `scenario` (both from 0; `None` for the whole
/// execution) of execution `case` of run `run` in project `key`.
#[component]
pub fn Evidence(
    key: String,
    run: i64,
    case: i64,
    scenario: Option<i64>,
    step: Option<i64>,
    can_attach: Signal<bool>,
    /// While true (the runner's current step), a screenshot pasted anywhere on the page that
    /// nothing else took is attached here.
    #[prop(optional, into)]
    current: Option<Signal<bool>>,
) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let project = key.clone();
    // Read after hydration, never during it: a resource made here, inside a lazy route's
    // view, would not line up with the server's (docs/architecture.md, hydrating cleanly).
    let list = RwSignal::new(None::<Result<super::model::EvidenceList, crate::error::AppError>>);
    {
        let key = key.clone();
        Effect::new(move |_| {
            refresh.track();
            let key = key.clone();
            leptos::task::spawn_local(async move { list.set(Some(list_evidence(key, run, case).await)) });
        });
    }
    let place = scenario.zip(step);
    let id = match place {
        Some((s, t)) => format!("evidence-{run}-{case}-{s}-{t}"),
        None => format!("evidence-{run}-{case}"),
    };
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    // The limit in force comes with the list (the default until it has come).
    let max_bytes = move || match list.get_untracked() {
        Some(Ok(l)) if l.max_bytes > 0 => l.max_bytes,
        _ => DEFAULT_MAX_MB * MB,
    };
    let url = format!("/api/v1/projects/{key}/runs/{run}/cases/{case}/evidence");
    let attach = move |file: web_sys::File, pasted: bool| {
        error.set(None);
        let size = file.size() as u64;
        let name = match (pasted, file.name()) {
            (true, n) if n.is_empty() || n == "image.png" => "pasted-screenshot.png".to_owned(),
            (_, n) if n.is_empty() => "evidence".to_owned(),
            (_, n) => n,
        };
        if MARKUP.contains(&file.type_().as_str()) {
            error.set(Some(format!("SVG, HTML and XML files cannot be attached. Attach {KINDS}.")));
        } else if size > max_bytes() {
            error.set(Some(too_large(size, max_bytes())));
        } else if size == 0 {
            error.set(Some("This file is empty.".to_owned()));
        } else {
            start(&url, &file, &name, place, status, error, refresh);
        }
    };
    let attach = StoredValue::new(attach);
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some((input, file)) = input.and_then(|i| i.files().and_then(|f| f.get(0)).map(|f| (i, f))) {
            attach.with_value(|a| a(file, false));
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if !can_attach.get_untracked() {
            return;
        }
        if let Some(file) = dropped(ev.data_transfer()) {
            attach.with_value(|a| a(file, false));
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if !can_attach.get_untracked() {
            return;
        }
        if let Some(file) = dropped(ev.clipboard_data()) {
            ev.prevent_default();
            attach.with_value(|a| a(file, true));
        }
    };
    if let Some(current) = current {
        Effect::new(move |_| {
            if !current.get() {
                return;
            }
            let handle = window_event_listener(leptos::ev::paste, move |ev| {
                if ev.default_prevented() || !can_attach.get_untracked() {
                    return;
                }
                if let Some(file) = dropped(ev.clipboard_data()) {
                    ev.prevent_default();
                    attach.with_value(|a| a(file, true));
                }
            });
            on_cleanup(move || handle.remove());
        });
    }
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        if can_attach.get_untracked() {
            ev.prevent_default();
            dragging.set(true);
        }
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="space-y-2" data-testid="evidence" on:paste=on_paste on:dragover=on_dragover
            on:dragleave=move |_| dragging.set(false) on:drop=on_drop>
            {move || list.get().map(|l| match l {
                Ok(l) => {
                    let items: Vec<EvidenceItem> =
                        l.items.into_iter().filter(|i| i.scenario.zip(i.step) == place).collect();
                    view! { <Files items key=project.clone() refresh error/> }.into_any()
                }
                Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
            })}
            <Show when=move || can_attach.get()>
                <div class=move || format!("rounded-md border-2 border-dashed p-3 text-sm {}",
                    if dragging.get() { "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" } else { "border-slate-300 dark:border-slate-700" })>
                    <label for=id.clone() class="block font-medium">"Attach evidence"</label>
                    <input id=id.clone() type="file" accept=ACCEPT class="mt-1 block w-full text-sm"
                        aria-describedby=described.clone() aria-invalid=move || error.get().is_some().then_some("true")
                        on:change=on_change/>
                    <p id=hint_id.clone() class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                        "Or drop a file here, or paste a screenshot. Up to "
                        {move || human_size(match list.get() { Some(Ok(l)) if l.max_bytes > 0 => l.max_bytes, _ => DEFAULT_MAX_MB * MB })}
                        {format!(": {KINDS}.")}
                    </p>
                </div>
                <p role="status" aria-live="polite" class="text-sm text-slate-600 dark:text-slate-400">{move || status.get()}</p>
                <p id=error_id.clone() role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
            </Show>
        </div>
    }
}

/// The files of the step: thumbnails for images, links with name and size for the rest.
#[component]
fn Files(
    items: Vec<EvidenceItem>,
    key: String,
    refresh: RwSignal<u32>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No evidence attached yet."</p> }
            .into_any();
    }
    let remove = Action::new(move |(key, id): &(String, super::model::EvidenceId)| {
        let (key, id) = (key.clone(), *id);
        async move { delete_evidence(key, id).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => refresh.update(|n| *n += 1),
        Some(Err(e)) => error.set(Some(crate::ui::form::describe(&e))),
        None => {}
    });
    view! {
        <ul class="flex flex-wrap gap-3" aria-label="Evidence">
            {items.into_iter().map(|item| {
                let (url, name, size) = (item.url(), item.name.clone(), human_size(item.size_bytes as u64));
                let preview = match item.thumb_url() {
                    Some(thumb) => view! {
                        <a href=url.clone() target="_blank" rel="noopener" class="block">
                            <img src=thumb alt=format!("Screenshot {name}") loading="lazy"
                                class="h-24 w-auto rounded border border-slate-200 dark:border-slate-700"/>
                        </a>
                    }.into_any(),
                    None => ().into_any(),
                };
                let target = item.is_image().then_some("_blank");
                let delete = item.can_delete.then(|| {
                    let (id, label) = (item.id, format!("Remove {}", item.name));
                    let key = key.clone();
                    view! {
                        <button type="button" class=SECONDARY aria-label=label disabled=move || remove.pending().get()
                            on:click=move |_| {
                                if window().confirm_with_message("Remove this file from the evidence?").unwrap_or(false) {
                                    remove.dispatch((key.clone(), id));
                                }
                            }>"Remove"</button>
                    }
                });
                view! {
                    <li class="max-w-xs space-y-1 text-sm">
                        {preview}
                        <p><a href=url target=target rel="noopener" class="break-all text-indigo-700 underline dark:text-indigo-300">{name}</a>
                            " " <span class="text-slate-600 dark:text-slate-400">{format!("({size})")}</span></p>
                        {delete}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The first file of a drop or a paste.
#[cfg(feature = "hydrate")]
fn dropped(data: Option<web_sys::DataTransfer>) -> Option<web_sys::File> {
    super::upload::first_file(data)
}

#[cfg(not(feature = "hydrate"))]
fn dropped(_: Option<web_sys::DataTransfer>) -> Option<web_sys::File> {
    None
}

/// Sends the file, saying how far it got, then reads the list again.
#[cfg(feature = "hydrate")]
fn start(
    url: &str,
    file: &web_sys::File,
    name: &str,
    place: Option<(i64, i64)>,
    status: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    refresh: RwSignal<u32>,
) {
    use super::upload::{send, Heard};
    status.set(Some(format!("Uploading {name}…")));
    let shown = name.to_owned();
    let sent = send(url, file, name, place, move |heard| match heard {
        Heard::Progress(f) => {
            let _ = status.try_set(Some(format!("Uploading {shown}… {:.0}%", f * 100.0)));
        }
        Heard::Done => {
            let _ = status.try_set(Some(format!("{shown} attached.")));
            let _ = refresh.try_update(|n| *n += 1);
        }
        Heard::Failed(message) => {
            let _ = status.try_set(None);
            let _ = error.try_set(Some(message));
        }
    });
    if let Err(message) = sent {
        status.set(None);
        error.set(Some(message));
    }
}

#[cfg(not(feature = "hydrate"))]
fn start(
    _: &str,
    _: &web_sys::File,
    _: &str,
    _: Option<(i64, i64)>,
    _: RwSignal<Option<String>>,
    _: RwSignal<Option<String>>,
    _: RwSignal<u32>,
) {
}
