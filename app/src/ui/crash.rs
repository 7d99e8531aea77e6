//! What a person sees if the page's code panics: a banner that says so and offers a reload,
//! instead of a page that silently stops answering. Built with plain DOM calls (the reactive
//! system may be what panicked), styled by classes Tailwind sees here, and its button works
//! through the page's boot script, since Rust code cannot be trusted to run after a panic.
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;

/// Classes of the banner and its button.
pub const BANNER: &str = "fixed inset-x-0 top-0 z-[100] flex flex-wrap items-center justify-center gap-3 border-b border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-100";
pub const BUTTON: &str = "rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700";
/// What the banner says.
pub const MESSAGE: &str =
    "Something went wrong — this page stopped working. Reload to go on; changes not yet saved may be lost.";

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Keeps the panic hook already set (the console message) and then shows the banner, once.
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        show();
    }));
}

fn show() {
    if SHOWN.swap(true, Ordering::Relaxed) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(body), Ok(bar), Ok(text), Ok(button)) =
        (doc.body(), doc.create_element("div"), doc.create_element("p"), doc.create_element("button"))
    else {
        return;
    };
    bar.set_class_name(BANNER);
    let _ = bar.set_attribute("role", "alert");
    let _ = bar.set_attribute("data-testid", "crash-banner");
    text.set_text_content(Some(MESSAGE));
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("data-reload", "");
    button.set_class_name(BUTTON);
    button.set_text_content(Some("Reload"));
    let _ = bar.append_child(&text);
    let _ = bar.append_child(&button);
    let _ = body.prepend_with_node_1(&bar);
    if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
}
