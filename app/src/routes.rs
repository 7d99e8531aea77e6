//! The route table: the root component with every page's route, inside the layout and behind
//! one error boundary. Each slice's pages are lazy routes, loaded on first visit.
use crate::ui::{
    feedback::ErrorPanel, help::HelpPage, home::HomePage, layout::Layout, not_found::NotFound, session::provide_session,
};
use crate::{
    audit::pages::AuditPage,
    auth::pages::{
        invite::InviteRoute,
        login::LoginRoute,
        profile::ProfileRoute,
        reset::{ForgotRoute, ResetRoute},
        setup::SetupRoute,
    },
    bugs::pages::{board::BoardPage, detail::BugPage, form::NewBugPage, list::BugsPage},
    coverage::pages::CoveragePage,
    generation::pages::{review::GenerationPage, settings::GenerationSettingsPage},
    jobs::pages::list::JobsPage,
    notifications::pages::NotificationsPage,
    overview::pages::OverviewPage,
    projects::pages::{ProjectsPage, SettingsPage},
    runs::pages::{list::RunsPage, new::NewRunPage, run::RunPage, runner::RunnerPage},
    stories::{
        import::pages::ImportPage,
        pages::{detail::StoryPage, list::StoriesPage},
    },
    system::pages::SystemPage,
    test_cases::pages::{
        detail::{CasePage, NewCasePage},
        history::CaseHistoryPage,
        list::CasesPage,
    },
    users::pages::AdminUsersPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session();
    crate::jobs::pages::provide_live_jobs();
    crate::notifications::pages::provide_notices();
    let (routing, set_routing) = signal(false);
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Casebook".to_owned() } else { format!("{page} · Casebook") }/>
        <Router set_is_routing=set_routing>
            <Layout routing=routing>
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    // Pages stream in order (`InOrder`): the HTML waits at each `Suspense` for its
                    // data instead of sending a fallback to be swapped later, so the first paint
                    // holds the content and nothing shifts. `Async` (the whole page before the
                    // first byte) where a page decides its HTTP status (404, 403) after loading.
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view={Lazy::<HomePage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/setup") view={Lazy::<SetupRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/invite") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/forgot") view={Lazy::<ForgotRoute>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/reset") view={Lazy::<ResetRoute>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/admin/users") view={Lazy::<AdminUsersPage>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin/audit") view={Lazy::<AuditPage>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin/generation") view={Lazy::<GenerationSettingsPage>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/projects") view={Lazy::<ProjectsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key") view={Lazy::<OverviewPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/coverage") view={Lazy::<CoveragePage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/settings") view={Lazy::<SettingsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/stories") view={Lazy::<StoriesPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/stories/:number") view={Lazy::<StoryPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/import") view={Lazy::<ImportPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/cases") view={Lazy::<CasesPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/cases/new") view={Lazy::<NewCasePage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/cases/:number") view={Lazy::<CasePage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/cases/:number/history") view={Lazy::<CaseHistoryPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/runs") view={Lazy::<RunsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/runs/new") view={Lazy::<NewRunPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/runs/:number") view={Lazy::<RunPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/runs/:number/cases/:case") view={Lazy::<RunnerPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/bugs") view={Lazy::<BugsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/bugs/new") view={Lazy::<NewBugPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/bugs/board") view={Lazy::<BoardPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/bugs/:number") view={Lazy::<BugPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/projects/:key/generations/:job") view={Lazy::<GenerationPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/jobs") view={Lazy::<JobsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/notifications") view={Lazy::<NotificationsPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/system") view={Lazy::<SystemPage>::new()} ssr=SsrMode::InOrder/>
                        <Route path=path!("/help") view={Lazy::<HelpPage>::new()} ssr=SsrMode::InOrder/>
                    </Routes>
                </ErrorBoundary>
            </Layout>
        </Router>
    }
}
