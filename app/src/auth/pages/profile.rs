//! Your profile: name, password, and the places you are signed in.
use crate::{
    auth::api::{list_my_sessions, ChangePassword, LogoutEverywhere, RevokeMySession, UpdateProfile},
    ui::{
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, go, Field, FormError, Submit, SECONDARY},
        session::{session, Guard},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

const SECTION: &str = "rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900";

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <Title text="Your profile"/>
        <Guard>
            <h1 class="text-2xl font-bold tracking-tight">"Your profile"</h1>
            <div class="mt-6 grid gap-6 lg:grid-cols-2">
                <NameForm/>
                <PasswordForm/>
                <Sessions/>
            </div>
        </Guard>
    }
}

#[component]
fn NameForm() -> impl IntoView {
    let update = ServerAction::<UpdateProfile>::new();
    let me = session().0;
    Effect::new(move |_| {
        if let Some(Ok(())) = update.value().get() {
            me.refetch();
        }
    });
    let name = move || me.get().and_then(Result::ok).flatten().map(|m| m.name).unwrap_or_default();
    view! {
        <section aria-labelledby="name-title" class=SECTION>
            <h2 id="name-title" class="font-semibold">"Name"</h2>
            <ActionForm action=update attr:class="mt-4 space-y-4" attr:novalidate="true">
                <Field name="name" label="Display name" autocomplete="name" value=name() required=true error=field_error(update.value(), "name")/>
                <FormError error=form_error(update.value())/>
                <Submit label="Save name" busy="Saving…" pending=update.pending()/>
                {move || matches!(update.value().get(), Some(Ok(()))).then(|| view! { <p role="status" class="text-sm text-green-700 dark:text-green-400">"Saved."</p> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let v = change.value();
    view! {
        <section aria-labelledby="pw-title" class=SECTION>
            <h2 id="pw-title" class="font-semibold">"Password"</h2>
            <ActionForm action=change attr:class="mt-4 space-y-4" attr:novalidate="true">
                <Field name="current_password" label="Current password" kind="password" autocomplete="current-password" required=true error=field_error(v, "current_password")/>
                <Field name="new_password" label="New password" kind="password" autocomplete="new-password" required=true hint="At least 10 characters, not a common password." error=field_error(v, "new_password")/>
                <FormError error=form_error(v)/>
                <Submit label="Change password" busy="Saving…" pending=change.pending()/>
                {move || matches!(v.get(), Some(Ok(()))).then(|| view! { <p role="status" class="text-sm text-green-700 dark:text-green-400">"Password changed. Your other sessions were signed out."</p> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let revoke = ServerAction::<RevokeMySession>::new();
    let everywhere = ServerAction::<LogoutEverywhere>::new();
    let sessions = Resource::new(move || revoke.version().get(), |_| list_my_sessions());
    Effect::new(move |_| {
        if let Some(Ok(())) = everywhere.value().get() {
            go("/login");
        }
    });
    view! {
        <section aria-labelledby="sessions-title" class=format!("{SECTION} lg:col-span-2")>
            <div class="flex flex-wrap items-center gap-3">
                <h2 id="sessions-title" class="font-semibold">"Where you are signed in"</h2>
                <button type="button" class=format!("{SECONDARY} ml-auto") on:click=move |_| { everywhere.dispatch(LogoutEverywhere {}); }>
                    "Sign out everywhere"
                </button>
            </div>
            <FormError error=form_error(revoke.value())/>
            <Transition fallback=|| view! { <Loading label="Loading sessions…"/> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        Ok(list) => view! {
                            <ul class="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
                                {list.into_iter().map(|s| {
                                    let id = s.id.clone();
                                    view! {
                                        <li class="flex flex-wrap items-center gap-3 py-3 text-sm">
                                            <span class="font-medium">{s.user_agent.unwrap_or_else(|| "Unknown browser".into())}</span>
                                            {s.current.then(|| view! { <span class="rounded bg-green-100 px-2 py-0.5 text-xs text-green-800 dark:bg-green-950 dark:text-green-300">"This session"</span> })}
                                            <span class="text-slate-500 dark:text-slate-400">{s.ip.unwrap_or_default()} " · last active " {s.last_seen_at.format("%Y-%m-%d %H:%M UTC").to_string()}</span>
                                            <button type="button" class=format!("{SECONDARY} ml-auto") on:click=move |_| { revoke.dispatch(RevokeMySession { id: id.clone() }); }>
                                                "Sign out this session"
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The lazy route of [`ProfilePage`]: its code loads on first visit.
pub struct ProfileRoute;

#[lazy_route]
impl LazyRoute for ProfileRoute {
    fn data() -> Self {
        ProfileRoute
    }

    fn view(this: Self) -> AnyView {
        let ProfileRoute = this;
        view! { <ProfilePage/> }.into_any()
    }
}
