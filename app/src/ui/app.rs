//! The root component: routes inside the layout, behind one error boundary.
use super::{
    feedback::ErrorPanel, help::HelpPage, home::HomePage, layout::Layout, not_found::NotFound,
};
use crate::system::pages::SystemPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: this attribute appears once the page is interactive,
    // which is what end-to-end tests (and curious people) can wait for.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let (routing, set_routing) = signal(false);
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Casebook".to_owned() } else { format!("{page} · Casebook") }/>
        <Router set_is_routing=set_routing>
            <Layout routing=routing>
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/system") view={Lazy::<SystemPage>::new()}/>
                        <Route path=path!("/help") view={Lazy::<HelpPage>::new()}/>
                    </Routes>
                </ErrorBoundary>
            </Layout>
        </Router>
    }
}
