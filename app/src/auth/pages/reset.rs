//! Forgotten password: ask for a link, then choose a new password with it.
use crate::{
    auth::api::{RequestPasswordReset, ResetPassword},
    ui::form::{field_error, form_error, Field, FormError, Submit, CARD},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, lazy_route, LazyRoute};

#[component]
pub fn ForgotPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let v = request.value();
    view! {
        <Title text="Reset your password"/>
        <section aria-labelledby="forgot-title" class=CARD>
            <h1 id="forgot-title" class="text-xl font-semibold">"Reset your password"</h1>
            <Show
                when=move || matches!(v.get(), Some(Ok(())))
                fallback=move || view! {
                    <ActionForm action=request attr:class="mt-6 space-y-4" attr:novalidate="true">
                        <Field name="email" label="Email" kind="email" autocomplete="email" required=true error=field_error(v, "email")/>
                        <FormError error=form_error(v)/>
                        <Submit label="Send me a link" busy="Sending…" pending=request.pending()/>
                    </ActionForm>
                }
            >
                <p role="status" class="mt-4 text-sm">"If an account exists for that email, a link to reset its password is on its way. It works once, for 60 minutes."</p>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let query = use_query_map();
    let reset = ServerAction::<ResetPassword>::new();
    let v = reset.value();
    view! {
        <Title text="Choose a new password"/>
        <section aria-labelledby="reset-title" class=CARD>
            <h1 id="reset-title" class="text-xl font-semibold">"Choose a new password"</h1>
            <Show
                when=move || matches!(v.get(), Some(Ok(())))
                fallback=move || view! {
                    <ActionForm action=reset attr:class="mt-6 space-y-4" attr:novalidate="true">
                        <input type="hidden" name="token" value=move || query.read().get("token").unwrap_or_default()/>
                        <Field name="password" label="New password" kind="password" autocomplete="new-password" required=true hint="At least 10 characters, not a common password." error=field_error(v, "password")/>
                        <FormError error=form_error(v)/>
                        <Submit label="Set password" busy="Saving…" pending=reset.pending()/>
                    </ActionForm>
                }
            >
                <p role="status" class="mt-4 text-sm">"Your password is changed and every other session was signed out. " <a href="/login" class="text-indigo-700 underline dark:text-indigo-300">"Sign in"</a></p>
            </Show>
        </section>
    }
}

/// The lazy route of [`ForgotPage`]: its code loads on first visit.
pub struct ForgotRoute;

#[lazy_route]
impl LazyRoute for ForgotRoute {
    fn data() -> Self {
        ForgotRoute
    }

    fn view(this: Self) -> AnyView {
        let ForgotRoute = this;
        view! { <ForgotPage/> }.into_any()
    }
}

/// The lazy route of [`ResetPage`]: its code loads on first visit.
pub struct ResetRoute;

#[lazy_route]
impl LazyRoute for ResetRoute {
    fn data() -> Self {
        ResetRoute
    }

    fn view(this: Self) -> AnyView {
        let ResetRoute = this;
        view! { <ResetPage/> }.into_any()
    }
}
