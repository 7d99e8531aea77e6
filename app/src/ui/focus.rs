//! Focus for modal dialogs, in the browser only: where it goes on open, Tab kept inside, and back
//! to where it was on close.
use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What the keyboard can reach; `tabindex="-1"`, hidden and invisible elements are filtered after.
const FOCUSABLE: &str = "a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=\"hidden\"]), \
     select:not([disabled]), textarea:not([disabled]), iframe, summary, [contenteditable=\"\"], \
     [contenteditable=\"true\"], [tabindex]";

/// The elements inside `panel` that Tab stops at, in document order.
fn focusables(panel: &Element) -> Vec<HtmlElement> {
    let Ok(list) = panel.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.tab_index() >= 0 && e.get_client_rects().length() > 0)
        .collect()
}

/// Moves focus into `panel`: to an `autofocus` element, else the first focusable one, else the
/// panel itself (it has `tabindex="-1"`).
fn enter(panel: &HtmlElement) {
    let marked = panel.query_selector("[autofocus]").ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let target = marked.or_else(|| focusables(panel).into_iter().next()).unwrap_or_else(|| panel.clone());
    let _ = target.focus();
}

/// Tab on the last stop goes to the first, Shift+Tab on the first to the last; from the panel
/// itself (or anywhere else inside) to the first or last.
pub fn cycle(panel: &HtmlElement, ev: &KeyboardEvent) {
    let stops = focusables(panel);
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        ev.prevent_default();
        let _ = panel.focus();
        return;
    };
    let active = document().active_element();
    let at = active.and_then(|a| stops.iter().position(|e| **e == a));
    let wrap = if ev.shift_key() {
        at.is_none_or(|i| i == 0).then_some(last)
    } else {
        at.is_none_or(|i| i + 1 == stops.len()).then_some(first)
    };
    if let Some(to) = wrap {
        ev.prevent_default();
        let _ = to.focus();
    }
}

/// While the panel is mounted: takes focus on open, pulls it back when it lands outside every
/// modal dialog (say, tabbing in from the browser's toolbar), and on close gives it back to the
/// element that had it before, if that is still on the page.
pub fn trap(panel: NodeRef<html::Div>) {
    // Owned by the panel's owner, which drops it only after the effect below has cleaned up.
    let before = StoredValue::new_local(None::<Element>);
    Effect::new(move |_| {
        let Some(el) = panel.get() else { return };
        before.set_value(document().active_element());
        enter(&el);
        let handle = window_event_listener(ev::focusin, move |ev| {
            let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
            // Only focus outside every modal: two dialogs never pull focus from each other.
            let outside = target.is_some_and(|t| t.closest("[aria-modal=\"true\"]").ok().flatten().is_none());
            if let (true, Some(el)) = (outside, panel.get_untracked()) {
                enter(&el);
            }
        });
        on_cleanup(move || {
            handle.remove();
            let back = before.try_update_value(Option::take).flatten();
            if let Some(el) = back.filter(|e| e.is_connected()).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    });
}
