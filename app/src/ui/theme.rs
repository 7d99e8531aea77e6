//! Light and dark mode: follows the OS until the person picks one; the pick is remembered.
use leptos::prelude::*;

/// Where the choice is kept (also read by `ui::boot::BOOT_SCRIPT` before first paint).
const STORAGE_KEY: &str = "casebook.theme";

/// The person's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn stored(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    fn from_stored(value: Option<&str>) -> Self {
        match value {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn apply(theme: Theme) {
    let dark = match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => {
            window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches())
        }
    };
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("dark", dark);
    }
}

/// A button that cycles System → Light → Dark and remembers the choice.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::System);
    Effect::new(move |_| {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        theme.set(Theme::from_stored(saved.as_deref()));
    });
    let on_click = move |_| {
        let next = theme.get_untracked().next();
        if let Some(s) = storage() {
            let _ = match next.stored() {
                Some(v) => s.set_item(STORAGE_KEY, v),
                None => s.remove_item(STORAGE_KEY),
            };
        }
        apply(next);
        theme.set(next);
    };
    view! {
        <button
            type="button"
            data-testid="theme-toggle"
            class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:hover:bg-slate-800"
            on:click=on_click
        >
            "Theme: " {move || theme.get().label()}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn the_toggle_cycles_through_every_choice_and_back() {
        let mut t = Theme::System;
        let mut seen = vec![];
        for _ in 0..3 {
            t = t.next();
            seen.push(t);
        }
        assert_eq!(seen, [Theme::Light, Theme::Dark, Theme::System]);
    }

    #[test]
    fn stored_values_round_trip_and_unknown_means_system() {
        for t in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_stored(t.stored()), t);
        }
        assert_eq!(Theme::from_stored(Some("purple")), Theme::System);
    }
}
