//! Sign-in in two steps: email, then password.
use crate::{
    auth::api::{CheckEmail, Login},
    ui::form::{field_error, form_error, go, Field, FormError, Submit, CARD},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

#[component]
pub fn LoginPage() -> impl IntoView {
    let check = ServerAction::<CheckEmail>::new();
    let login = ServerAction::<Login>::new();
    // The email whose step 1 succeeded; None while on step 1.
    let email = RwSignal::new(None::<String>);
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = check.value().get() {
            email.set(Some(typed.get_untracked().trim().to_owned()));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            go("/");
        }
    });
    view! {
        <Title text="Sign in"/>
        <section aria-labelledby="login-title" class=CARD>
            <h1 id="login-title" class="text-xl font-semibold">"Sign in to Casebook"</h1>
            <Show
                when=move || email.get().is_some()
                fallback=move || view! {
                    <ActionForm action=check attr:class="mt-6 space-y-4" attr:novalidate="true" on:input=move |ev| typed.set(event_target_value(&ev))>
                        <Field name="email" label="Email" kind="email" autocomplete="email" required=true error=field_error(check.value(), "email")/>
                        <FormError error=form_error(check.value())/>
                        <Submit label="Continue" busy="Checking…" pending=check.pending()/>
                    </ActionForm>
                }
            >
                <ActionForm action=login attr:class="mt-6 space-y-4">
                    <p class="text-sm text-slate-600 dark:text-slate-400">
                        "Signing in as " <strong data-testid="login-email">{move || email.get()}</strong> " · "
                        <button type="button" class="text-indigo-700 underline dark:text-indigo-300" on:click=move |_| { email.set(None); check.value().set(None); login.value().set(None); }>
                            "Use another email"
                        </button>
                    </p>
                    <input type="hidden" name="email" value=move || email.get()/>
                    <Field name="password" label="Password" kind="password" autocomplete="current-password" required=true error=field_error(login.value(), "password")/>
                    <FormError error=form_error(login.value())/>
                    <div class="flex items-center justify-between">
                        <Submit label="Sign in" busy="Signing in…" pending=login.pending()/>
                        <a href="/forgot" class="text-sm text-indigo-700 underline dark:text-indigo-300">"Forgot your password?"</a>
                    </div>
                </ActionForm>
            </Show>
        </section>
    }
}

/// The lazy route of [`LoginPage`]: its code loads on first visit.
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        LoginRoute
    }

    fn view(this: Self) -> AnyView {
        let LoginRoute = this;
        view! { <LoginPage/> }.into_any()
    }
}
