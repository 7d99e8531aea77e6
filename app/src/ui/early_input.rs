//! Nothing typed or pressed before hydration is lost. The server-rendered form is live from
//! the first paint; until the WASM has hydrated the page, the boot script (`ui::boot`) holds any
//! press of a button. Hydration then binds fields to empty signals (and `prop:value` may even
//! clear them), so the values typed meanwhile are read before it starts ([`snapshot`]) and put
//! back after it ends ([`settle`]) with the `input` and `change` events the page listens to;
//! then the held press is replayed.
use super::boot::{HELD, READY};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// What the person changed in one form control before hydration.
enum Typed {
    Text(String),
    Checked(bool),
    Selected(Vec<bool>),
}

/// The controls whose value differs from the one the server rendered.
pub struct Snapshot(Vec<(Element, Typed)>);

fn controls() -> Vec<Element> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return vec![] };
    let Ok(list) = doc.query_selector_all("input, textarea, select") else { return vec![] };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn read(el: &Element) -> Option<Typed> {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        return match i.type_().as_str() {
            "checkbox" | "radio" => (i.checked() != i.default_checked()).then(|| Typed::Checked(i.checked())),
            "file" | "hidden" | "submit" | "button" | "reset" | "image" => None,
            _ => (i.value() != i.default_value()).then(|| Typed::Text(i.value())),
        };
    }
    if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        return (Ok(t.value()) != t.default_value()).then(|| Typed::Text(t.value()));
    }
    let s = el.dyn_ref::<HtmlSelectElement>()?;
    let options = s.options();
    let opts: Vec<web_sys::HtmlOptionElement> =
        (0..options.length()).filter_map(|i| options.item(i)?.dyn_into().ok()).collect();
    opts.iter()
        .any(|o| o.selected() != o.default_selected())
        .then(|| Typed::Selected(opts.iter().map(|o| o.selected()).collect()))
}

/// Reads what was typed into the server-rendered page; call before hydrating.
pub fn snapshot() -> Snapshot {
    Snapshot(controls().into_iter().filter_map(|el| read(&el).map(|t| (el, t))).collect())
}

fn write(el: &Element, typed: &Typed) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        match typed {
            Typed::Checked(c) => i.set_checked(*c),
            Typed::Text(v) => i.set_value(v),
            Typed::Selected(_) => {}
        }
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        if let Typed::Text(v) = typed {
            t.set_value(v);
        }
    } else if let (Some(s), Typed::Selected(sel)) = (el.dyn_ref::<HtmlSelectElement>(), typed) {
        let options = s.options();
        for (i, on) in sel.iter().enumerate() {
            if let Some(o) = options.item(i as u32).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok()) {
                o.set_selected(*on);
            }
        }
    }
    for name in ["input", "change"] {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict(name, &init) {
            let _ = el.dispatch_event(&ev);
        }
    }
}

/// After hydration: puts the typed values back (telling the page through its own events), marks
/// the page ready, and replays the press the boot script held. Runs after the effects that
/// hydration queued, so none of them overwrites what the person typed.
pub fn settle(snapshot: Snapshot) {
    leptos::prelude::set_timeout(
        move || {
            for (el, typed) in &snapshot.0 {
                // Even a value hydration left alone is news to the signals bound to it.
                if el.is_connected() {
                    write(el, typed);
                }
            }
            let Some(w) = web_sys::window() else { return };
            let _ = js_sys::Reflect::set(&w, &JsValue::from_str(READY), &JsValue::TRUE);
            let held = js_sys::Reflect::get(&w, &JsValue::from_str(HELD)).unwrap_or(JsValue::NULL);
            let _ = js_sys::Reflect::set(&w, &JsValue::from_str(HELD), &JsValue::NULL);
            if let Some(el) = held.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.remove_attribute("aria-busy");
                if !el.is_connected() {
                    return;
                }
                match el.dyn_ref::<web_sys::HtmlFormElement>() {
                    Some(form) => {
                        let _ = form.request_submit();
                    }
                    None => el.click(),
                }
            }
            if let Some(body) = w.document().and_then(|d| d.body()) {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
