//! First-run setup: the organization and its first admin. Gone once done.
use crate::{
    auth::api::RunSetup,
    system::api::get_system_info,
    ui::{
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, CARD},
        not_found::NotFound,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

#[component]
pub fn SetupPage() -> impl IntoView {
    let info = Resource::new(|| (), |_| get_system_info());
    view! {
        <Suspense fallback=|| view! { <Loading label="Loading…"/> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(i) if i.setup_required => view! { <SetupForm needs_token=i.setup_token_required/> }.into_any(),
                    Ok(_) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SetupForm(needs_token: bool) -> impl IntoView {
    let setup = ServerAction::<RunSetup>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = setup.value().get() {
            go("/admin/users");
        }
    });
    let v = setup.value();
    view! {
        <Title text="Set up Casebook"/>
        <section aria-labelledby="setup-title" class=CARD>
            <h1 id="setup-title" class="text-xl font-semibold">"Set up Casebook"</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"Create your organization and its first administrator. This page disappears once it is done."</p>
            <ActionForm action=setup attr:class="mt-6 space-y-4" attr:novalidate="true">
                {needs_token.then(|| view! {
                    <Field name="setup_token" label="Setup token" autocomplete="off" required=true hint="This server is reachable from other machines, so setup needs the one-time token it printed in its log at start-up." error=field_error(v, "setup_token")/>
                })}
                <Field name="org_name" label="Organization name" autocomplete="organization" required=true error=field_error(v, "org_name")/>
                <Field name="name" label="Your name" autocomplete="name" required=true error=field_error(v, "name")/>
                <Field name="email" label="Your email" kind="email" autocomplete="email" required=true error=field_error(v, "email")/>
                <Field name="password" label="Password" kind="password" autocomplete="new-password" required=true hint="At least 10 characters, not a common password." error=field_error(v, "password")/>
                <FormError error=form_error(v)/>
                <Submit label="Create organization" busy="Creating…" pending=setup.pending()/>
            </ActionForm>
        </section>
    }
}

/// The lazy route of [`SetupPage`]: its code loads on first visit.
pub struct SetupRoute;

#[lazy_route]
impl LazyRoute for SetupRoute {
    fn data() -> Self {
        SetupRoute
    }

    fn view(this: Self) -> AnyView {
        let SetupRoute = this;
        view! { <SetupPage/> }.into_any()
    }
}
