//! The page for any path that matches no route; the server answers it with 404. Below a project
//! it links back to the project.
use super::status_page::StatusPage;
use crate::projects::pages::nav::place;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFound() -> impl IntoView {
    let project = place(&use_location().pathname.get_untracked());
    view! {
        <StatusPage status=404 title="Page not found" testid="not-found"
            message="There is nothing at this address. It may have moved, or the link may be mistyped."/>
        {project.map(|p| view! {
            <p class="-mt-6 pb-12 text-center">
                <a href=p.project_href() class="font-medium text-indigo-700 underline dark:text-indigo-300">{format!("Back to project {}", p.key)}</a>
            </p>
        })}
    }
}
