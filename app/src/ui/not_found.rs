//! The page for any path that matches no route; the server answers it with 404.
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <section aria-labelledby="nf-title" data-testid="not-found" class="py-12 text-center">
            <p class="text-sm font-semibold text-indigo-600 dark:text-indigo-400">"404"</p>
            <h1 id="nf-title" class="mt-2 text-3xl font-bold tracking-tight">"Page not found"</h1>
            <p class="mt-3 text-slate-600 dark:text-slate-400">"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <a href="/" class="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">"Go to the home page"</a>
        </section>
    }
}
