//! Registration through an invitation link: choose a name and password, then you are in.
use crate::{
    invitations::api::{get_invitation, AcceptInvitation},
    ui::{
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, CARD},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, lazy_route, LazyRoute};

#[component]
pub fn InvitePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let preview = Resource::new(token, get_invitation);
    view! {
        <Title text="Join Casebook"/>
        <Suspense fallback=|| view! { <Loading label="Opening your invitation…"/> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) => view! { <RegisterForm token=token() email=p.email name=p.name org_name=p.org_name/> }.into_any(),
                    Err(error) => view! {
                        <section aria-labelledby="inv-title" class=CARD>
                            <h1 id="inv-title" class="mb-4 text-xl font-semibold">"This invitation cannot be used"</h1>
                            <ErrorMessage error/>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterForm(token: String, email: String, name: String, org_name: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = accept.value().get() {
            go("/");
        }
    });
    let v = accept.value();
    view! {
        <section aria-labelledby="inv-title" class=CARD>
            <h1 id="inv-title" class="text-xl font-semibold">"Join " {org_name.clone()}</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"You are joining as " <strong>{email}</strong> "."</p>
            <ActionForm action=accept attr:class="mt-6 space-y-4" attr:novalidate="true">
                <input type="hidden" name="token" value=token/>
                <Field name="name" label="Your name" autocomplete="name" value=name required=true error=field_error(v, "name")/>
                <Field name="password" label="Choose a password" kind="password" autocomplete="new-password" required=true hint="At least 10 characters, not a common password." error=field_error(v, "password")/>
                <FormError error=form_error(v)/>
                <Submit label="Create my account" busy="Creating…" pending=accept.pending()/>
            </ActionForm>
        </section>
    }
}

/// The lazy route of [`InvitePage`]: its code loads on first visit.
pub struct InviteRoute;

#[lazy_route]
impl LazyRoute for InviteRoute {
    fn data() -> Self {
        InviteRoute
    }

    fn view(this: Self) -> AnyView {
        let InviteRoute = this;
        view! { <InvitePage/> }.into_any()
    }
}
