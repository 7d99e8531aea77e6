//! The project list with live counts, and creating a project. A lazy route.
use super::fields::{percent, ProjectFields};
use crate::projects::{
    api::{list_projects, CreateProject},
    model::ProjectSummary,
};
use crate::{
    auth::permissions::Permission,
    ui::{
        dialog::{Dialog, DialogSize, FormActions},
        feedback::{ErrorMessage, Loading},
        form::go,
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct ProjectsPage;

#[lazy_route]
impl LazyRoute for ProjectsPage {
    fn data() -> Self {
        ProjectsPage
    }

    fn view(this: Self) -> AnyView {
        let ProjectsPage = this;
        view! {
            <Title text="Projects"/>
            <Guard permission=Permission::ViewProjects><ProjectList/></Guard>
        }
        .into_any()
    }
}

#[component]
fn ProjectList() -> impl IntoView {
    let create = ServerAction::<CreateProject>::new();
    let projects = Resource::new(move || create.version().get(), |_| list_projects());
    let open = RwSignal::new(false);
    let editable = can(Permission::EditTestArtifacts);
    Effect::new(move |_| {
        if let Some(Ok(key)) = create.value().get() {
            go(&format!("/projects/{key}"));
        }
    });
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"Projects"</h1>
            <Show when=move || editable.get()>
                <button type="button" class="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
                    on:click=move |_| { create.value().set(None); open.set(true); }>"New project"</button>
            </Show>
        </div>
        <Transition fallback=|| view! { <Loading label="Loading projects…"/> }>
            {move || Suspend::new(async move {
                match projects.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="mt-8 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
                            "No projects yet. " {move || editable.get().then_some("Create the first one with “New project”.")}
                        </p>
                    }.into_any(),
                    Ok(list) => view! { <ProjectTable list/> }.into_any(),
                }
            })}
        </Transition>
        <Dialog open title="New project" size=DialogSize::Large close_on_backdrop=false>
            <ActionForm action=create attr:class="mt-4 space-y-4" attr:novalidate="true">
                <ProjectFields value=create.value() current=None/>
                <FormActions open label="Create project" busy="Creating…" pending=create.pending()/>
            </ActionForm>
        </Dialog>
    }
}

#[component]
fn ProjectTable(list: Vec<ProjectSummary>) -> impl IntoView {
    view! {
        <div class="mt-6 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="min-w-full text-left text-sm">
                <thead class="bg-slate-100 dark:bg-slate-800">
                    <tr>
                        <th scope="col" class="px-4 py-2">"Project"</th><th scope="col" class="px-4 py-2">"Status"</th>
                        <th scope="col" class="px-4 py-2 text-right">"Stories"</th><th scope="col" class="px-4 py-2 text-right">"Test cases"</th>
                        <th scope="col" class="px-4 py-2 text-right">"Coverage"</th><th scope="col" class="px-4 py-2 text-right">"Pass rate"</th>
                        <th scope="col" class="px-4 py-2 text-right">"Open bugs"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
                    {list.into_iter().map(|p| {
                        let coverage = percent(p.coverage());
                        view! {
                            <tr data-testid="project-row">
                                <td class="px-4 py-2">
                                    <a href=format!("/projects/{}", p.key) class="font-medium text-indigo-700 underline dark:text-indigo-300">{p.name}</a>
                                    <span class="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{p.key}</span>
                                </td>
                                <td class="px-4 py-2">{p.status.label()}</td>
                                <td class="px-4 py-2 text-right">{p.stories}</td>
                                <td class="px-4 py-2 text-right">{p.test_cases}</td>
                                <td class="px-4 py-2 text-right">{coverage}</td>
                                <td class="px-4 py-2 text-right">{percent(p.pass_rate)}</td>
                                <td class="px-4 py-2 text-right">{p.open_bugs}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
