//! Browser entry point: hydrates the server-rendered page and loads lazy routes on demand. A
//! panic is logged to the console and shown as a "Something went wrong — reload" banner. What
//! was typed or pressed before hydration is kept and replayed once it is done
//! (`app::ui::early_input`).

#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::ui::crash::install();
    warn_if_stale();
    let typed = app::ui::early_input::snapshot();
    // What `leptos::mount::hydrate_lazy` does, awaited: lazy routes load, then the page settles.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async move {
        let Some(body) = leptos::prelude::document().body() else { return };
        let owner = leptos::mount::hydrate_from_async(body, app::App).await;
        owner.forget();
        app::ui::early_input::settle(typed);
    });
}

/// The page names the build it was rendered by; this code names its own. They differ only when
/// a server and a site built from different sources are put together (the server refuses to
/// start with such a site, so this is a last line of defence, e.g. behind a cache).
fn warn_if_stale() {
    let served = leptos::prelude::document()
        .query_selector("meta[name=casebook-build]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    if served.as_deref() != Some(app::build_id()) {
        leptos::logging::error!(
            "this page was rendered by build {served:?} but its code is build {:?}: reload",
            app::build_id()
        );
    }
}
