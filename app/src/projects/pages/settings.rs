//! A project's settings (qa and admin): its fields, archiving and deletion with typed
//! confirmation. A lazy route below the project's navigation.
use super::fields::ProjectFields;
use crate::{
    auth::permissions::Permission,
    projects::{
        api::{get_project, DeleteProject, SetProjectStatus, UpdateProject},
        model::{ProjectStatus, ProjectSummary},
    },
    ui::{
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct SettingsPage;

#[lazy_route]
impl LazyRoute for SettingsPage {
    fn data() -> Self {
        SettingsPage
    }

    fn view(this: Self) -> AnyView {
        let SettingsPage = this;
        view! { <Guard permission=Permission::EditTestArtifacts><ProjectSettings/></Guard> }.into_any()
    }
}

#[component]
fn ProjectSettings() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let status = ServerAction::<SetProjectStatus>::new();
    let project = Resource::new(move || (key(), status.version().get()), |(k, _)| get_project(k));
    // While a refetch is pending the old view stays on screen, disposed: it takes no input.
    let (pending, set_pending) = crate::ui::feedback::pending_flag();
    view! {
        <Title text="Project settings"/>
        <div inert=move || pending.get() aria-busy=move || pending.get().to_string()>
            <Transition set_pending fallback=|| view! { <Loading label="Loading the project…"/> }>
                {move || Suspend::new(async move {
                    match project.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(p) => view! { <Settings p status/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Settings(p: ProjectSummary, status: ServerAction<SetProjectStatus>) -> impl IntoView {
    let update = ServerAction::<UpdateProject>::new();
    Effect::new(move |_| {
        if let Some(Ok(new_key)) = update.value().get() {
            go(&format!("/projects/{new_key}/settings"));
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
        <section aria-labelledby="settings-title" class="max-w-2xl">
            <h1 id="settings-title" class="text-2xl font-bold tracking-tight">"Settings"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{format!("{} · {}", p.name, p.status.label())}</p>
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
fn DeleteProjectForm(p: ProjectSummary) -> impl IntoView {
    let delete = ServerAction::<DeleteProject>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            go("/projects");
        }
    });
    view! {
        <section aria-labelledby="delete-title" class="mt-10 rounded-lg border border-red-300 p-4 dark:border-red-800">
            <h2 id="delete-title" class="font-semibold text-red-800 dark:text-red-300">"Delete this project"</h2>
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
