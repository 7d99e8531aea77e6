//! The one modal dialog: a titled panel over a backdrop that takes focus, keeps Tab inside,
//! closes on Escape or a backdrop click, and gives focus back when it closes.
#[cfg(feature = "hydrate")]
use super::focus;
use super::form::{Submit, SECONDARY};
use leptos::{ev::KeyboardEvent, html, prelude::*, text_prop::TextProp};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How wide the panel is and where it sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DialogSize {
    /// A confirmation or a short form, centred.
    #[default]
    Small,
    /// A longer form, centred; it scrolls when taller than the window.
    Large,
    /// The search palette, near the top so its results have room to grow.
    Palette,
}

impl DialogSize {
    fn layer(self) -> &'static str {
        match self {
            Self::Palette => "fixed inset-0 z-50 flex items-start justify-center p-4 pt-24",
            _ => "fixed inset-0 z-50 flex items-center justify-center p-4",
        }
    }

    fn panel(self) -> &'static str {
        match self {
            Self::Small => "relative max-h-full w-full max-w-md overflow-y-auto rounded-lg bg-white p-6 shadow-xl outline-none dark:bg-slate-900",
            Self::Large => "relative max-h-full w-full max-w-lg overflow-y-auto rounded-lg bg-white p-6 shadow-xl outline-none dark:bg-slate-900",
            Self::Palette => "relative max-h-full w-full max-w-xl overflow-y-auto rounded-lg bg-white p-4 shadow-xl outline-none dark:bg-slate-900",
        }
    }
}

/// Numbers the dialogs so each title and description has its own id.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// What a dialog's panel is built from, each time it opens.
#[derive(Clone)]
struct Spec {
    open: RwSignal<bool>,
    title: TextProp,
    description: Option<TextProp>,
    size: DialogSize,
    hide_title: bool,
    close_on_backdrop: bool,
    id: usize,
}

/// A modal dialog, shown while `open` is true. It is named by `title` (an `<h2>`) and described
/// by `description`; focus moves to its `autofocus` element, else its first focusable one, stays
/// inside on Tab and Shift+Tab, and returns to where it was on close. Escape closes it, and so
/// does a click on the backdrop unless `close_on_backdrop` is false. Keys pressed inside do not
/// reach the page's own shortcuts. The children are built afresh on every opening.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    /// The dialog's name, shown as its heading.
    #[prop(into)]
    title: TextProp,
    /// A sentence under the title, read out with the name.
    #[prop(optional, into)]
    description: Option<TextProp>,
    /// Width and placement; `Small` unless said.
    #[prop(optional)]
    size: DialogSize,
    /// Keeps the title for screen readers only.
    #[prop(optional)]
    hide_title: bool,
    /// Whether a click on the backdrop closes the dialog; forms that hold typed input say false.
    #[prop(default = true)]
    close_on_backdrop: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let spec = Spec { open, title, description, size, hide_title, close_on_backdrop, id };
    view! {
        <Show when=move || open.get()>
            {panel(spec.clone(), children.clone())}
        </Show>
    }
}

fn panel(spec: Spec, children: ChildrenFn) -> impl IntoView {
    let Spec { open, title, description, size, hide_title, close_on_backdrop, id } = spec;
    let panel = NodeRef::<html::Div>::new();
    #[cfg(feature = "hydrate")]
    focus::trap(panel);
    let on_keydown = move |ev: KeyboardEvent| {
        // The page's shortcuts (the case grid's j/k/x/Enter, Ctrl+K) must not act behind the modal.
        ev.stop_propagation();
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                open.set(false);
            }
            #[cfg(feature = "hydrate")]
            "Tab" => {
                if let Some(el) = panel.get_untracked() {
                    focus::cycle(&el, &ev);
                }
            }
            _ => {}
        }
    };
    let title_id = format!("dialog-{id}-title");
    let labelled_by = title_id.clone();
    let description_id = description.is_some().then(|| format!("dialog-{id}-description"));
    let described_by = description_id.clone();
    view! {
        <div class=size.layer()>
            // A press on the backdrop keeps focus inside (no blur to the page behind).
            <div class="absolute inset-0 bg-slate-900/50" aria-hidden="true" on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| if close_on_backdrop { open.set(false) }></div>
            <div node_ref=panel role="dialog" aria-modal="true" aria-labelledby=labelled_by aria-describedby=described_by
                tabindex="-1" class=size.panel() on:keydown=on_keydown>
                <h2 id=title_id class=if hide_title { "sr-only" } else { "text-lg font-semibold" }>{move || title.get()}</h2>
                {description.map(|d| view! {
                    <p id=description_id class="mt-2 text-sm text-slate-600 dark:text-slate-400">{move || d.get()}</p>
                })}
                {children()}
            </div>
        </div>
    }
}

/// The foot of a form in a dialog: Cancel, which closes it, and the form's submit button.
#[component]
pub fn FormActions(
    open: RwSignal<bool>,
    label: &'static str,
    busy: &'static str,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="flex justify-end gap-2">
            <button type="button" class=SECONDARY on:click=move |_| open.set(false)>"Cancel"</button>
            <Submit label busy pending/>
        </div>
    }
}

/// The foot of a confirmation: Cancel, which closes it, and the red button that does the deed;
/// that one takes focus and is disabled while the deed runs.
#[component]
pub fn ConfirmActions(
    open: RwSignal<bool>,
    label: &'static str,
    busy: &'static str,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="mt-4 flex justify-end gap-2">
            <button type="button" class=SECONDARY on:click=move |_| open.set(false)>"Cancel"</button>
            <button type="button" autofocus class="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
                disabled=move || pending.get() on:click=move |_| on_confirm()>
                {move || if pending.get() { busy } else { label }}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Dialog;
    use leptos::prelude::*;

    fn render(open: bool) -> String {
        Owner::new()
            .with(|| {
                let open = RwSignal::new(open);
                view! {
                    <Dialog open title="Delete 2 test cases?" description="This cannot be undone.">
                        <button type="button">"Delete"</button>
                    </Dialog>
                }
                .to_html()
            })
            // Hydration markers are not part of the markup.
            .replace("<!>", "")
    }

    /// The text of `attr="…"` in `html`.
    fn attr<'a>(html: &'a str, attr: &str) -> &'a str {
        let start = html.find(&format!("{attr}=\"")).map(|i| i + attr.len() + 2).unwrap_or_default();
        html[start..].split('"').next().unwrap_or_default()
    }

    #[test]
    fn an_open_dialog_is_a_modal_named_by_its_heading_and_described_by_its_sentence() {
        let html = render(true);
        assert!(html.contains(r#"role="dialog" aria-modal="true""#), "{html}");
        let (name, description) = (attr(&html, "aria-labelledby"), attr(&html, "aria-describedby"));
        assert!(name.ends_with("-title") && description.ends_with("-description"), "{html}");
        assert!(
            html.contains(&format!(r#"<h2 id="{name}" class="text-lg font-semibold">Delete 2 test cases?</h2>"#)),
            "{html}"
        );
        assert!(html.contains(&format!(r#"id="{description}""#)) && html.contains("This cannot be undone."), "{html}");
        assert!(html.contains("<button type=\"button\">Delete</button>"), "{html}");
    }

    #[test]
    fn a_closed_dialog_renders_nothing() {
        assert!(!render(false).contains("dialog"));
    }
}
