//! Loading and error states shared by every page.
use crate::error::AppError;
use leptos::prelude::*;

/// A polite loading indicator for a region that is waiting on the server.
#[component]
pub fn Loading(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite" data-testid="loading" class="flex items-center gap-3 py-6 text-slate-500 dark:text-slate-400">
            <span class="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-500" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

/// A page's "a refetch is pending" flag and the setter for `<Transition set_pending>`. The setter
/// skips a page already gone: Transition's effect can run once more after the page's owner has
/// dropped its signals (a server render cut short when the person navigates away), and setting a
/// plain `WriteSignal` there panics ("already disposed").
pub fn pending_flag() -> (ReadSignal<bool>, SignalSetter<bool>) {
    let (pending, set) = signal(false);
    (
        pending,
        SignalSetter::map(move |value| {
            set.try_set(value);
        }),
    )
}

/// A message for one failed request, with what the person can do next.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let hint = match &error {
        AppError::Unavailable(_) => "Check your connection, then try again.",
        AppError::Internal { .. } => "Try again; if it keeps happening, give this reference to your administrator.",
        AppError::Unauthenticated => "Sign in, then try again.",
        _ => "",
    };
    view! {
        <div role="alert" data-testid="error" class="rounded-md border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p class="font-medium">{error.to_string()}</p>
            {(!hint.is_empty()).then(|| view! { <p class="mt-1 text-sm">{hint}</p> })}
        </div>
    }
}

/// What the error boundary shows when a page fails to render.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section aria-labelledby="error-title" data-testid="error-panel" class="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
            <h1 id="error-title" class="text-xl font-semibold text-red-800 dark:text-red-200">"This page could not be shown"</h1>
            <ul class="mt-3 list-disc pl-5 text-red-800 dark:text-red-200">
                {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
            </ul>
            <a href="/" class="mt-4 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-300">"Back to the home page"</a>
        </section>
    }
}

/// The width class of a progress bar filled to `percent`, in steps of 10% (Tailwind needs whole
/// class names in the source).
pub fn width_tenths(percent: i64) -> &'static str {
    const W: [&str; 11] =
        ["w-0", "w-1/10", "w-2/10", "w-3/10", "w-4/10", "w-5/10", "w-6/10", "w-7/10", "w-8/10", "w-9/10", "w-full"];
    W[(percent / 10).clamp(0, 10) as usize]
}

/// "1 story", "3 stories".
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The box of an empty list's message (what to do next).
pub const EMPTY: &str =
    "mt-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400";
