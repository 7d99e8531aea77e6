//! The page for any path that matches no route; the server answers it with 404.
use super::status_page::StatusPage;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <StatusPage status=404 title="Page not found" testid="not-found"
            message="There is nothing at this address. It may have moved, or the link may be mistyped."/>
    }
}
