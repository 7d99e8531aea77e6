//! Project pages: the list with live counts, creation, settings, archiving and deletion.
use super::{
    api::{get_project, list_projects, CreateProject, DeleteProject, SetProjectStatus, UpdateProject},
    model::{ProjectStatus, ProjectSummary},
};
use crate::{
    auth::permissions::Permission,
    ui::{
        dialog::{Dialog, DialogSize, FormActions},
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, SECONDARY},
        session::{can, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

fn percent(v: Option<f64>) -> String {
    v.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "—".into())
}

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

/// The fields of a project form, named for `ProjectInput` (`input[key]` …).
#[component]
fn ProjectFields<T, V>(value: V, current: Option<ProjectSummary>) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: Get<Value = Option<Result<T, crate::error::AppError>>> + Copy + Send + Sync + 'static,
{
    let c = current.clone();
    let text = move |f: fn(&ProjectSummary) -> String| c.as_ref().map(f).unwrap_or_default();
    let status = current.as_ref().map(|p| p.status).unwrap_or_default();
    view! {
        <Field name="input[name]" label="Name" required=true value=text(|p| p.name.clone()) error=field_error(value, "name")/>
        <Field name="input[key]" label="Key" required=true value=text(|p| p.key.clone()) hint="2 to 10 letters or digits, used in ids like SHOP-US-12." error=field_error(value, "key")/>
        <Field name="input[client]" label="Client" value=text(|p| p.client.clone().unwrap_or_default()) error=field_error(value, "client")/>
        <div class="space-y-1">
            <label for="project-description" class="block text-sm font-medium">"Description"</label>
            <textarea id="project-description" name="input[description]" rows="3" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                {text(|p| p.description.clone())}
            </textarea>
        </div>
        <div class="grid gap-4 sm:grid-cols-3">
            <div class="space-y-1">
                <label for="project-status" class="block text-sm font-medium">"Status"</label>
                <select id="project-status" name="input[status]" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                    {ProjectStatus::ALL.iter().copied().map(|s| view! {
                        <option value=s.as_str() selected=s == status>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field name="input[start_date]" label="Start date" kind="date" value=text(|p| p.start_date.map(|d| d.to_string()).unwrap_or_default()) error=field_error(value, "start_date")/>
            <Field name="input[end_date]" label="End date" kind="date" value=text(|p| p.end_date.map(|d| d.to_string()).unwrap_or_default()) error=field_error(value, "end_date")/>
        </div>
        <FormError error=form_error(value)/>
    }
}

pub struct ProjectPage;

#[lazy_route]
impl LazyRoute for ProjectPage {
    fn data() -> Self {
        ProjectPage
    }

    fn view(this: Self) -> AnyView {
        let ProjectPage = this;
        view! { <Guard permission=Permission::ViewProjects><ProjectDetail/></Guard> }.into_any()
    }
}

#[component]
fn ProjectDetail() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let status = ServerAction::<SetProjectStatus>::new();
    let project = Resource::new(move || (key(), status.version().get()), |(k, _)| get_project(k));
    // While a refetch is pending the old view stays on screen, disposed: it takes no input.
    let (pending, set_pending) = signal(false);
    view! {
        <div inert=move || pending.get() aria-busy=move || pending.get().to_string()>
            <Transition set_pending fallback=|| view! { <Loading label="Loading the project…"/> }>
                {move || Suspend::new(async move {
                    match project.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(p) => view! { <ProjectView p status/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ProjectView(p: ProjectSummary, status: ServerAction<SetProjectStatus>) -> impl IntoView {
    let editable = can(Permission::EditTestArtifacts);
    let stored = StoredValue::new(p.clone());
    view! {
        <Title text=p.name.clone()/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">{p.name.clone()}</h1>
            <span class="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800">{p.key.clone()}</span>
            <span class="text-sm text-slate-500 dark:text-slate-400">{p.status.label()}</span>
            <a href=format!("/projects/{}/stories", p.key) class="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">"User stories"</a>
        </div>
        <dl class="mt-6 grid max-w-3xl grid-cols-2 gap-4 sm:grid-cols-4">
            <Stat label="Stories" value=p.stories.to_string()/>
            <Stat label="Acceptance criteria" value=p.criteria.to_string()/>
            <Stat label="Coverage" value=percent(p.coverage())/>
            <Stat label="Open bugs" value=p.open_bugs.to_string()/>
        </dl>
        <Show when=move || editable.get()>
            <Settings p=stored.get_value() status/>
        </Show>
    }
}

#[component]
fn Settings(p: ProjectSummary, status: ServerAction<SetProjectStatus>) -> impl IntoView {
    let update = ServerAction::<UpdateProject>::new();
    Effect::new(move |_| {
        if let Some(Ok(new_key)) = update.value().get() {
            go(&format!("/projects/{new_key}"));
        }
    });
    let archived = p.status == ProjectStatus::Archived;
    let key = p.key.clone();
    let (form_key, form_p) = (p.key.clone(), p.clone());
    let toggle = move |_| {
        let status_to = if archived { ProjectStatus::Active } else { ProjectStatus::Archived };
        status.dispatch(SetProjectStatus { key: key.clone(), status: status_to });
    };
    view! {
        <section aria-labelledby="settings-title" class="mt-10 max-w-2xl">
            <h2 id="settings-title" class="text-lg font-semibold">"Settings"</h2>
            <ActionForm action=update attr:class="mt-4 space-y-4" attr:novalidate="true">
                <input type="hidden" name="key" value=form_key/>
                <ProjectFields value=update.value() current=Some(form_p)/>
                <Submit label="Save changes" busy="Saving…" pending=update.pending()/>
            </ActionForm>
            <div class="mt-8 flex flex-wrap gap-3">
                <button type="button" class=SECONDARY on:click=toggle>
                    {if archived { "Unarchive project" } else { "Archive project" }}
                </button>
            </div>
            <FormError error=form_error(status.value())/>
            <DeleteProjectForm p/>
        </section>
    }
}

#[component]
fn Stat(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <dt class="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold">{value}</dd>
        </div>
    }
}

#[component]
fn DeleteProjectForm(p: ProjectSummary) -> impl IntoView {
    let delete = ServerAction::<DeleteProject>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            go("/projects");
        }
    });
    view! {
        <section aria-labelledby="delete-title" class="mt-10 rounded-lg border border-red-300 p-4 dark:border-red-800">
            <h3 id="delete-title" class="font-semibold text-red-800 dark:text-red-300">"Delete this project"</h3>
            <p class="mt-1 text-sm">
                "This deletes " <strong>{p.stories}" stories"</strong> " and " <strong>{p.criteria}" acceptance criteria"</strong>
                " for good. Type " <code class="font-mono">{p.key.clone()}</code> " to confirm."
            </p>
            <ActionForm action=delete attr:class="mt-3 space-y-3" attr:novalidate="true">
                <input type="hidden" name="key" value=p.key.clone()/>
                <Field name="confirmation" label="Project key" autocomplete="off" error=field_error(delete.value(), "confirmation")/>
                <FormError error=form_error(delete.value())/>
                <button type="submit" class="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60" disabled=move || delete.pending().get()>
                    "Delete project"
                </button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percents_round_and_dash_when_unknown() {
        assert_eq!(super::percent(Some(66.6)), "67%");
        assert_eq!(super::percent(None), "—");
    }
}
