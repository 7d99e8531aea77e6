//! The frame around every page: skip link, header with navigation, main region, footer.
use super::{theme::ThemeToggle, user_menu::UserMenu};
use crate::{jobs::pages::JobBadge, projects::pages::nav::ProjectFrame, search::palette::PaletteButton};
use leptos::prelude::*;
use leptos_router::components::A;

const NAV: [(&str, &str); 4] =
    [("/", "Home"), ("/projects", "Projects"), ("/system", "System status"), ("/help", "Help")];

const NAV_LINK: &str = "block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 \
    aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700 dark:text-slate-300 \
    dark:hover:bg-slate-800 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-300";

#[component]
pub fn Layout(routing: ReadSignal<bool>, children: Children) -> impl IntoView {
    let menu_open = RwSignal::new(false);
    // A click on any link of the header (navigation or account) closes the phone menu.
    let close_on_link = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a").ok().flatten())
            .is_some();
        if on_link {
            menu_open.set(false);
        }
    };
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-indigo-700">
            "Skip to content"
        </a>
        <div
            role="progressbar"
            aria-label="Loading page"
            data-testid="route-progress"
            class="fixed inset-x-0 top-0 z-40 h-0.5 bg-indigo-500 transition-opacity"
            class:opacity-0=move || !routing.get()
            aria-hidden=move || (!routing.get()).to_string()
        ></div>
        <header class="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3" on:click=close_on_link>
                <A href="/" attr:class="order-1 text-lg font-semibold tracking-tight text-indigo-700 dark:text-indigo-300">"Casebook"</A>
                <div class="order-2 ml-auto flex items-center gap-2 sm:order-3">
                    <JobBadge/>
                    <PaletteButton/>
                    <button
                        type="button"
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:hidden dark:border-slate-700"
                        aria-controls="main-nav account"
                        aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        "Menu"
                    </button>
                </div>
                <nav
                    id="main-nav"
                    aria-label="Main"
                    class="order-3 w-full sm:order-2 sm:ml-4 sm:block sm:w-auto"
                    class:hidden=move || !menu_open.get()
                >
                    <ul class="flex flex-col gap-1 sm:flex-row">
                        {NAV
                            .into_iter()
                            .map(|(href, label)| view! {
                                <li><A href=href attr:class=NAV_LINK>{label}</A></li>
                            })
                            .collect_view()}
                    </ul>
                </nav>
                // On a phone the account links and the theme live in the menu with the navigation.
                <div
                    id="account"
                    class="order-4 w-full flex-wrap items-center gap-2 sm:flex sm:w-auto"
                    class:hidden=move || !menu_open.get()
                    class:flex=move || menu_open.get()
                >
                    <UserMenu/>
                    <ThemeToggle/>
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl px-4 py-8 focus:outline-none">
            <ProjectFrame/>
            {children()}
        </main>
        <footer class="mx-auto max-w-6xl px-4 pb-8 text-xs text-slate-500 dark:text-slate-400">
            "Casebook — QA documentation and test management"
        </footer>
    }
}
