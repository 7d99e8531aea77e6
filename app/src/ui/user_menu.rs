//! The header's account area: sign-in link for visitors; name, profile, admin links and sign-out
//! for members.
use super::{form::go, session::session};
use crate::auth::{
    api::Logout,
    permissions::{allows, Permission},
};
use crate::notifications::pages::NotificationsLink;
use leptos::prelude::*;
use leptos_router::components::A;

const LINK: &str = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800";

#[component]
pub fn UserMenu() -> impl IntoView {
    let me = session().0;
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if logout.value().get().is_some() {
            go("/login");
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    None => view! { <A href="/login" attr:class=LINK>"Sign in"</A> }.into_any(),
                    Some(me) => {
                        let admin = allows(me.role, Permission::ManageUsers);
                        view! {
                            <span class="flex flex-wrap items-center gap-1" data-testid="user-menu">
                                {admin.then(|| view! {
                                    <A href="/admin/users" attr:class=LINK>"People"</A>
                                    <A href="/admin/audit" attr:class=LINK>"Audit log"</A>
                                    <A href="/admin/generation" attr:class=LINK>"Generation"</A>
                                })}
                                <A href="/jobs" attr:class=LINK>"Jobs"</A>
                                <NotificationsLink class=LINK/>
                                <A href="/profile" attr:class=LINK>
                                    <span data-testid="user-name">{me.name}</span>
                                    <span class="ml-1 text-xs text-slate-600 dark:text-slate-400">"(" {me.role.label()} ")"</span>
                                </A>
                                <button type="button" class=LINK on:click=move |_| { logout.dispatch(Logout {}); }>"Sign out"</button>
                            </span>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
