//! Form building blocks: labelled fields with their error announced beside them, a form-level
//! error, and a submit button that shows progress.
use crate::error::AppError;
use leptos::prelude::*;

/// The message for `field` in the last result of an action, if it failed on that field.
pub fn field_error<T, V>(value: V, field: &'static str) -> Signal<Option<String>>
where
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Invalid(f))) => f.get(field).map(str::to_owned),
        _ => None,
    })
}

/// The last result's error when it is not about one field (rate limits, conflicts, …).
pub fn form_error<T, V>(value: V) -> Signal<Option<String>>
where
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e.to_string()),
    })
}

/// The message of an error, with field errors spelled out (for forms that show one message).
pub fn describe(e: &AppError) -> String {
    match e {
        AppError::Invalid(f) => f.0.iter().map(|x| x.message.clone()).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// A labelled input. Its error, when there is one, is linked with `aria-describedby` and
/// announced.
#[component]
pub fn Field(
    /// The input's `name` (the server function's argument).
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = vec![];
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium">{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900"
            />
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500 dark:text-slate-400">{h}</p> })}
            <p id=err_id role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
        </div>
    }
}

/// A form-level error (not tied to one field), announced when it appears.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="alert" data-testid="form-error">
            {move || error.get().map(|e| view! {
                <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{e}</p>
            })}
        </div>
    }
}

/// The primary button of a form; says `busy` and is disabled while the action runs.
#[component]
pub fn Submit(label: &'static str, busy: &'static str, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button
            type="submit"
            disabled=move || pending.get()
            aria-busy=move || pending.get().to_string()
            class="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60"
        >
            {move || if pending.get() { busy } else { label }}
        </button>
    }
}

/// Sends the browser to `href` with a full load, so the new session cookies take effect
/// everywhere (header, guards, resources).
pub fn go(href: &str) {
    let _ = window().location().set_href(href);
}

/// The main action of a page or form, as a link or a button.
pub const PRIMARY: &str = "inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60";

/// A text input's classes.
pub const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

/// Classes of a checkbox: 24 px, the smallest target WCAG 2.2 (and axe's `target-size`) accepts.
pub const CHECKBOX: &str = "h-6 w-6 shrink-0 accent-indigo-600";

/// Classes of a secondary (outline) button.
pub const SECONDARY: &str = "inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

/// Classes of a page-width card holding a form.
pub const CARD: &str = "mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/// The most bytes one upload may carry, all files together: checked here before sending and by
/// the server (`upload::read_multipart`).
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// Handles the submit of an upload form: stops the browser's own submit and returns the form's
/// data, or the message to show when it holds no file (`missing`) or more than 20 MB.
pub fn upload_form(ev: &leptos::ev::SubmitEvent, missing: &str) -> Result<web_sys::FormData, String> {
    use wasm_bindgen::JsCast;
    const UNREADABLE: &str = "This form cannot be read; reload the page.";
    ev.prevent_default();
    let form =
        ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()).ok_or_else(|| UNREADABLE.to_owned())?;
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| UNREADABLE.to_owned())?;
    let files = form
        .query_selector("input[type=file]")
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files());
    let (count, size) = files
        .map_or((0, 0.0), |f| (f.length(), (0..f.length()).filter_map(|i| f.get(i)).map(|f| f.size()).sum::<f64>()));
    if count == 0 {
        Err(missing.to_owned())
    } else if size > MAX_UPLOAD_BYTES as f64 {
        Err(format!(
            "The upload is {:.0} MB; the limit is 20 MB. Split it into smaller files.",
            (size / 1048576.0).ceil()
        ))
    } else {
        Ok(data)
    }
}

/// On a phone, the button that shows or hides a list's filters, with how many are set; from
/// `sm` up the filters always show and it is hidden. `controls` is the id of the filters.
#[component]
pub fn FiltersButton(open: RwSignal<bool>, active: Signal<usize>, controls: &'static str) -> impl IntoView {
    view! {
        <button type="button" class=format!("{SECONDARY} col-span-2 justify-center sm:hidden") aria-controls=controls
            aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {move || match active.get() { 0 => "Filters".to_owned(), n => format!("Filters ({n})") }}
        </button>
    }
}

/// The class of a list's folding filters: shown from `sm` up, on a phone only when `open`.
pub fn filters_class(open: bool) -> &'static str {
    if open {
        "contents"
    } else {
        "hidden sm:contents"
    }
}
