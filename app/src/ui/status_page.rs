//! A whole-page answer with an HTTP status: 404, 403 and the like.
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status (on the server) and shows a title, an explanation and a way home.
#[component]
pub fn StatusPage(status: u16, title: &'static str, message: &'static str, testid: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status)) {
        res.set_status(code);
    }
    view! {
        <Title text=title/>
        <section aria-labelledby="status-title" data-testid=testid class="py-12 text-center">
            <p class="text-sm font-semibold text-indigo-600 dark:text-indigo-400">{status}</p>
            <h1 id="status-title" class="mt-2 text-3xl font-bold tracking-tight">{title}</h1>
            <p class="mt-3 text-slate-600 dark:text-slate-400">{message}</p>
            <a href="/" class="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">"Go to the home page"</a>
        </section>
    }
}
