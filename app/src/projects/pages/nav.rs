//! Where a page below a project is: its breadcrumbs and the project's navigation (sections with
//! counts, the current one marked), drawn once by the layout above every such page. `place` reads
//! it from the path alone, so every route below `/projects/KEY` gets both without asking.
use crate::{
    auth::permissions::Permission,
    projects::{api::get_project, model::ProjectSummary},
    ui::session::can,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A section of a project's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Stories,
    Cases,
    Coverage,
    Runs,
    Bugs,
    Settings,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Stories,
        Section::Cases,
        Section::Coverage,
        Section::Runs,
        Section::Bugs,
        Section::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Stories => "Stories",
            Section::Cases => "Test cases",
            Section::Coverage => "Coverage",
            Section::Runs => "Test runs",
            Section::Bugs => "Bugs",
            Section::Settings => "Settings",
        }
    }

    /// The section's page: `/projects/KEY` followed by this.
    pub fn path(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Stories => "/stories",
            Section::Cases => "/cases",
            Section::Coverage => "/coverage",
            Section::Runs => "/runs",
            Section::Bugs => "/bugs",
            Section::Settings => "/settings",
        }
    }
}

/// One step of the breadcrumbs; the last has no link (it is the page itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

/// Where a page below a project is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The project's key, upper-cased.
    pub key: String,
    /// The section the page belongs to; `None` for an address no route has.
    pub section: Option<Section>,
    /// Whether the page is the section's own page (not a story, a case or a sub-page).
    pub at_section: bool,
    pub crumbs: Vec<Crumb>,
}

impl Place {
    pub fn project_href(&self) -> String {
        format!("/projects/{}", self.key)
    }
}

/// The place of `path` when it is below a project (`/projects/KEY/…`), else `None`.
pub fn place(path: &str) -> Option<Place> {
    let mut parts = path.trim_end_matches('/').split('/').skip(1);
    if parts.next()? != "projects" {
        return None;
    }
    let key = parts.next().filter(|k| !k.is_empty())?.to_uppercase();
    let rest: Vec<&str> = parts.collect();
    let base = format!("/projects/{key}");
    let link = |label: &str, href: String| Crumb { label: label.to_owned(), href: Some(href) };
    let here = |label: String| Crumb { label, href: None };
    let number = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
    let section_link = |s: Section| link(s.label(), format!("{base}{}", s.path()));
    let (section, at_section, tail): (Option<Section>, bool, Vec<Crumb>) = match rest.as_slice() {
        [] => (Some(Section::Overview), true, vec![]),
        ["stories"] => (Some(Section::Stories), true, vec![here(Section::Stories.label().into())]),
        ["stories", n] if number(n).is_some() => {
            (Some(Section::Stories), false, vec![section_link(Section::Stories), here(format!("{key}-US-{n}"))])
        }
        ["import"] => (Some(Section::Stories), false, vec![section_link(Section::Stories), here("Import".into())]),
        ["cases"] => (Some(Section::Cases), true, vec![here(Section::Cases.label().into())]),
        ["cases", "new"] => {
            (Some(Section::Cases), false, vec![section_link(Section::Cases), here("New test case".into())])
        }
        ["cases", n] if number(n).is_some() => {
            (Some(Section::Cases), false, vec![section_link(Section::Cases), here(format!("{key}-TC-{n}"))])
        }
        ["cases", n, "history"] if number(n).is_some() => (
            Some(Section::Cases),
            false,
            vec![
                section_link(Section::Cases),
                link(&format!("{key}-TC-{n}"), format!("{base}/cases/{n}")),
                here("History".into()),
            ],
        ),
        ["coverage"] => (Some(Section::Coverage), true, vec![here(Section::Coverage.label().into())]),
        ["settings"] => (Some(Section::Settings), true, vec![here(Section::Settings.label().into())]),
        ["runs"] => (Some(Section::Runs), true, vec![here(Section::Runs.label().into())]),
        ["bugs"] => (Some(Section::Bugs), true, vec![here(Section::Bugs.label().into())]),
        ["bugs", "new"] => (Some(Section::Bugs), false, vec![section_link(Section::Bugs), here("Report bug".into())]),
        ["bugs", "board"] => (Some(Section::Bugs), false, vec![section_link(Section::Bugs), here("Board".into())]),
        ["bugs", n] if number(n).is_some() => {
            (Some(Section::Bugs), false, vec![section_link(Section::Bugs), here(format!("{key}-BUG-{n}"))])
        }
        ["runs", "new"] => (Some(Section::Runs), false, vec![section_link(Section::Runs), here("New test run".into())]),
        ["runs", n] if number(n).is_some() => {
            (Some(Section::Runs), false, vec![section_link(Section::Runs), here(format!("{key}-RUN-{n}"))])
        }
        ["runs", n, "cases", c] if number(n).is_some() && number(c).is_some() => (
            Some(Section::Runs),
            false,
            vec![
                section_link(Section::Runs),
                link(&format!("{key}-RUN-{n}"), format!("{base}/runs/{n}")),
                here(format!("{key}-TC-{c}")),
            ],
        ),
        ["generations", n] if number(n).is_some() => (
            Some(Section::Cases),
            false,
            vec![section_link(Section::Cases), here(format!("Generated cases (job {n})"))],
        ),
        _ => (None, false, vec![here("Page not found".into())]),
    };
    let mut crumbs = vec![link("Projects", "/projects".into())];
    if tail.is_empty() {
        crumbs.push(here(key.clone()));
    } else {
        crumbs.push(link(&key, base.clone()));
        crumbs.extend(tail);
    }
    Some(Place { key, section, at_section, crumbs })
}

const TAB: &str = "inline-flex w-full items-center gap-2 rounded-md px-3 py-2 text-sm font-medium sm:w-auto sm:rounded-none sm:border-b-2 sm:px-3";
const TAB_CURRENT: &str = "bg-indigo-50 text-indigo-800 sm:border-indigo-600 sm:bg-transparent dark:bg-indigo-950 dark:text-indigo-200 sm:dark:border-indigo-400 sm:dark:bg-transparent";
const TAB_OTHER: &str = "text-slate-700 hover:bg-slate-100 sm:border-transparent sm:hover:border-slate-300 sm:hover:bg-transparent dark:text-slate-300 dark:hover:bg-slate-800 sm:dark:hover:bg-transparent";

/// Breadcrumbs and the project's navigation, above every page below a project the signed-in
/// person may read; nothing elsewhere (the page itself explains a sign-in or a missing project).
#[component]
pub fn ProjectFrame() -> impl IntoView {
    let location = use_location();
    let here = Memo::new(move |_| place(&location.pathname.get()));
    // Fetched again on every move inside the project, so the counts follow what was just added.
    let project = Resource::new(
        move || location.pathname.get(),
        |path| async move {
            match place(&path) {
                Some(p) => get_project(p.key).await.ok(),
                None => None,
            }
        },
    );
    let menu = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        menu.set(false);
    });
    let settings = can(Permission::EditTestArtifacts);
    view! {
        <Transition fallback=|| ()>
            {move || {
                let here = here.get();
                Suspend::new(async move {
                    let p = project.await;
                    here.zip(p).map(|(place, p)| view! { <Frame place p menu settings/> })
                })
            }}
        </Transition>
    }
}

#[component]
fn Frame(place: Place, p: ProjectSummary, menu: RwSignal<bool>, settings: Signal<bool>) -> impl IntoView {
    let current = place.section;
    let current_label = current.map(Section::label).unwrap_or("Sections");
    let (base, at_section) = (place.project_href(), place.at_section);
    let (stories, cases) = (p.stories, p.test_cases);
    let tab = move |s: Section| {
        let is_current = current == Some(s);
        let aria = is_current.then_some(if at_section { "page" } else { "true" });
        let count = match s {
            Section::Stories => Some(stories),
            Section::Cases => Some(cases),
            Section::Overview | Section::Coverage | Section::Runs | Section::Bugs | Section::Settings => None,
        };
        view! {
            <li>
                <a href=format!("{base}{}", s.path()) aria-current=aria class=format!("{TAB} {}", if is_current { TAB_CURRENT } else { TAB_OTHER })>
                    {s.label()}
                    {count.map(|n| view! { <span class="rounded-full bg-slate-100 px-2 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">{n}</span> })}
                </a>
            </li>
        }
    };
    let settings_tab = tab.clone();
    view! {
        <div class="mb-6" data-testid="project-frame">
            <nav aria-label="Breadcrumb" class="text-sm">
                <ol class="flex flex-wrap items-center gap-x-1 text-slate-600 dark:text-slate-400">
                    {place.crumbs.into_iter().enumerate().map(|(i, c)| view! {
                        <li class="flex items-center gap-1">
                            {(i > 0).then(|| view! { <span aria-hidden="true">"›"</span> })}
                            {match c.href {
                                Some(href) => view! { <a href=href class="text-indigo-700 underline dark:text-indigo-300">{c.label}</a> }.into_any(),
                                None => view! { <span aria-current="page" class="font-medium text-slate-900 dark:text-slate-100">{c.label}</span> }.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ol>
            </nav>
            <nav aria-label="Project" class="mt-3 sm:border-b sm:border-slate-200 sm:dark:border-slate-800">
                <p class="text-xs font-medium text-slate-600 sm:hidden dark:text-slate-400">{p.name.clone()}</p>
                <button type="button" class="mt-1 inline-flex w-full items-center justify-between rounded-md border border-slate-300 px-3 py-2 text-sm font-medium sm:hidden dark:border-slate-700"
                    aria-controls="project-sections" aria-expanded=move || menu.get().to_string()
                    on:click=move |_| menu.update(|m| *m = !*m)>
                    <span>"Sections: " {current_label}</span>
                    <span aria-hidden="true">{move || if menu.get() { "▴" } else { "▾" }}</span>
                </button>
                <ul id="project-sections" class=move || format!("mt-1 flex-col gap-1 sm:mt-0 sm:flex sm:flex-row sm:gap-2 {}", if menu.get() { "flex" } else { "hidden" })>
                    {Section::ALL.into_iter().filter(|s| *s != Section::Settings).map(tab).collect_view()}
                    <Show when=move || settings.get()>{settings_tab(Section::Settings)}</Show>
                </ul>
            </nav>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crumbs(path: &str) -> Vec<(String, Option<String>)> {
        place(path).unwrap().crumbs.into_iter().map(|c| (c.label, c.href)).collect()
    }

    #[test]
    fn every_page_below_a_project_has_its_section_and_crumbs() {
        let cases = [
            ("/projects/shop", Some(Section::Overview), true, "SHOP"),
            ("/projects/SHOP/", Some(Section::Overview), true, "SHOP"),
            ("/projects/SHOP/stories", Some(Section::Stories), true, "Stories"),
            ("/projects/SHOP/stories/3", Some(Section::Stories), false, "SHOP-US-3"),
            ("/projects/SHOP/import", Some(Section::Stories), false, "Import"),
            ("/projects/SHOP/cases", Some(Section::Cases), true, "Test cases"),
            ("/projects/SHOP/cases/new", Some(Section::Cases), false, "New test case"),
            ("/projects/SHOP/cases/12", Some(Section::Cases), false, "SHOP-TC-12"),
            ("/projects/SHOP/cases/12/history", Some(Section::Cases), false, "History"),
            ("/projects/SHOP/generations/7", Some(Section::Cases), false, "Generated cases (job 7)"),
            ("/projects/SHOP/coverage", Some(Section::Coverage), true, "Coverage"),
            ("/projects/SHOP/settings", Some(Section::Settings), true, "Settings"),
            ("/projects/SHOP/runs", Some(Section::Runs), true, "Test runs"),
            ("/projects/SHOP/runs/new", Some(Section::Runs), false, "New test run"),
            ("/projects/SHOP/runs/2", Some(Section::Runs), false, "SHOP-RUN-2"),
            ("/projects/SHOP/runs/2/cases/5", Some(Section::Runs), false, "SHOP-TC-5"),
            ("/projects/SHOP/bugs", Some(Section::Bugs), true, "Bugs"),
            ("/projects/SHOP/bugs/new", Some(Section::Bugs), false, "Report bug"),
            ("/projects/SHOP/bugs/board", Some(Section::Bugs), false, "Board"),
            ("/projects/SHOP/bugs/4", Some(Section::Bugs), false, "SHOP-BUG-4"),
            ("/projects/SHOP/nothing/here", None, false, "Page not found"),
            ("/projects/SHOP/cases/0", None, false, "Page not found"),
        ];
        for (path, section, at_section, last) in cases {
            let p = place(path).unwrap();
            assert_eq!((p.section, p.at_section), (section, at_section), "{path}");
            assert_eq!(p.key, "SHOP");
            let c = crumbs(path);
            assert_eq!(c[0], ("Projects".to_owned(), Some("/projects".to_owned())), "{path}");
            assert_eq!(c.last().unwrap(), &(last.to_owned(), None), "{path}: the page itself is not a link");
            assert!(c[..c.len() - 1].iter().all(|(_, href)| href.is_some()), "{path}");
        }
        assert_eq!(
            crumbs("/projects/SHOP/cases/12/history"),
            vec![
                ("Projects".to_owned(), Some("/projects".to_owned())),
                ("SHOP".to_owned(), Some("/projects/SHOP".to_owned())),
                ("Test cases".to_owned(), Some("/projects/SHOP/cases".to_owned())),
                ("SHOP-TC-12".to_owned(), Some("/projects/SHOP/cases/12".to_owned())),
                ("History".to_owned(), None),
            ]
        );
    }

    #[test]
    fn pages_outside_projects_have_no_place() {
        for path in ["/", "/projects", "/projects/", "/login", "/admin/users", "/projectsX/SHOP"] {
            assert_eq!(place(path), None, "{path}");
        }
    }
}
