//! Who is signed in, as the UI knows it: one resource at the root, and guards for pages that
//! need a sign-in or a permission. The server checks every call regardless.
use crate::{
    auth::{
        api::get_me,
        model::Me,
        permissions::{allows, Permission},
    },
    error::AppError,
    ui::{feedback::Loading, status_page::StatusPage},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<Option<Me>, AppError>>);

pub fn provide_session() {
    provide_context(Session(Resource::new(|| (), |_| get_me())));
}

pub fn session() -> Session {
    expect_context::<Session>()
}

/// Whether the signed-in person's role has `permission`: for hiding what they cannot do (the
/// server checks every call regardless).
pub fn can(permission: Permission) -> Signal<bool> {
    let me = session().0;
    Signal::derive(move || me.get().and_then(Result::ok).flatten().is_some_and(|m| allows(m.role, permission)))
}

/// The signed-in person's id (None while the session loads or for a visitor).
pub fn my_id() -> Signal<Option<crate::users::model::UserId>> {
    let me = session().0;
    Signal::derive(move || me.get().and_then(Result::ok).flatten().map(|m| m.id))
}

/// Shows `children` to signed-in holders of `permission` (or to anyone signed in when `None`);
/// a sign-in prompt or a clear "not allowed" page otherwise.
#[component]
pub fn Guard(#[prop(optional)] permission: Option<Permission>, children: ChildrenFn) -> impl IntoView {
    let Session(me) = session();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <Loading label="Checking your access…"/> }>
            {move || {
                // Taken before the await: the stored value may be gone by the time it resolves.
                let children = children.get_value();
                Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if permission.is_none_or(|p| allows(me.role, p)) => children().into_any(),
                    Ok(Some(_)) => view! { <NotAllowed/> }.into_any(),
                    Ok(None) => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::ui::feedback::ErrorMessage error=e/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
pub fn NotAllowed() -> impl IntoView {
    view! {
        <StatusPage status=403 title="Not allowed" testid="not-allowed"
            message="Your role does not give access to this page. Ask an administrator if you need it."/>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    view! {
        <Title text="Sign in needed"/>
        <section aria-labelledby="si-title" class="py-12 text-center">
            <h1 id="si-title" class="text-2xl font-bold tracking-tight">"Please sign in"</h1>
            <p class="mt-3 text-slate-600 dark:text-slate-400">"This page is for signed-in members of an organization."</p>
            <a href="/login" class="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">"Sign in"</a>
        </section>
    }
}
