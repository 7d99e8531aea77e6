//! The Ctrl/Cmd+K palette: search projects, stories and test cases by key or words, move with the
//! arrow keys, Enter to open.
use super::{api::search, model::SearchHit};
use crate::{
    auth::permissions::{allows, Permission},
    ui::{
        dialog::{Dialog, DialogSize},
        form::SECONDARY,
        session::{can, session},
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The header button that opens the palette, and the global shortcut.
#[component]
pub fn PaletteButton() -> impl IntoView {
    let me = session().0;
    let allowed = can(Permission::ViewProjects);
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") && allowed.get_untracked() {
                ev.prevent_default();
                open.set(true);
            }
        });
        on_cleanup(move || handle.remove());
    });
    // The button waits for the session like the user menu, so the server and the browser render
    // the same header.
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let shown = me.await.ok().flatten().is_some_and(|m| allows(m.role, Permission::ViewProjects));
                shown.then(|| view! {
                    <button type="button" class=SECONDARY aria-keyshortcuts="Control+K Meta+K" on:click=move |_| open.set(true)>
                        "Search" <kbd class="ml-2 hidden text-xs text-slate-500 sm:inline dark:text-slate-400">"Ctrl K"</kbd>
                    </button>
                })
            })}
        </Transition>
        <Dialog open title="Search" hide_title=true size=DialogSize::Palette>
            <Palette open/>
        </Dialog>
    }
    // Erased: the header's view type would otherwise nest the palette's whole tree.
    .into_any()
}

#[component]
fn Palette(open: RwSignal<bool>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let hits = RwSignal::new(Vec::<SearchHit>::new());
    let results = Resource::new(
        move || query.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                search(q).await
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(list)) = results.get() {
            hits.set(list);
            active.set(0);
        }
    });
    let navigate = use_navigate();
    let go = move |i: usize| {
        if let Some(h) = hits.with_untracked(|h| h.get(i).cloned()) {
            open.set(false);
            navigate(&h.href, Default::default());
        }
    };
    let go2 = go.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = hits.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" => {
                ev.prevent_default();
                go(active.get_untracked());
            }
            _ => {}
        }
    };
    view! {
        // The dialog around it focuses the input (its first stop) and closes on Escape.
        <div on:keydown=on_keydown>
            <label for="palette-input" class="block text-sm font-medium">"Search projects, stories and test cases"</label>
            <input id="palette-input" type="search" autocomplete="off" role="combobox" aria-expanded="true"
                aria-controls="palette-results" aria-activedescendant=move || format!("palette-hit-{}", active.get())
                class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <p role="status" class="mt-2 text-xs text-slate-500 dark:text-slate-400">
                {move || {
                    let q = query.get();
                    if q.trim().chars().count() < 2 { "Type at least two characters.".to_owned() }
                    else {
                        match results.get() {
                            None => "Searching…".to_owned(),
                            Some(Err(e)) => e.to_string(),
                            Some(Ok(_)) => format!("{} results", hits.read().len()),
                        }
                    }
                }}
            </p>
            <ul id="palette-results" role="listbox" aria-label="Results" class="mt-2 max-h-96 overflow-y-auto">
                {move || {
                    let go = go2.clone();
                    hits.get().into_iter().enumerate().map(move |(i, h)| {
                        let go = go.clone();
                        view! {
                            <li id=format!("palette-hit-{i}") role="option" aria-selected=move || (active.get() == i).to_string()
                                class=move || if active.get() == i { "cursor-pointer rounded bg-indigo-50 p-2 dark:bg-indigo-950" } else { "cursor-pointer rounded p-2" }
                                on:mouseenter=move |_| active.set(i) on:click=move |_| go(i)>
                                <p class="text-sm"><span class="mr-2 text-xs uppercase text-slate-500 dark:text-slate-400">{h.kind.label()}</span>
                                    <span class="font-mono text-xs">{h.key.clone()}</span>" "<span class="font-medium">{h.title.clone()}</span></p>
                                <p class="truncate text-xs text-slate-600 dark:text-slate-400">
                                    {h.snippet.into_iter().map(|(t, m)| if m { view! { <mark>{t}</mark> }.into_any() } else { t.into_any() }).collect_view()}
                                </p>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </div>
    }
}
