//! Browser entry point: hydrates the server-rendered page and loads lazy routes on demand. A
//! panic is logged to the console and shown as a "Something went wrong — reload" banner.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::ui::crash::install();
    leptos::mount::hydrate_lazy(app::App);
}
