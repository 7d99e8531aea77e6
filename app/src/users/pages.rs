//! Admin: people of the organization, their roles and status, and invitations. A lazy route.
use super::{
    api::{list_users, ChangeRole, RevokeUserSessions, SetUserActive},
    model::{Role, UserRow},
};
use crate::{
    auth::permissions::Permission,
    invitations::{
        api::{list_invitations, InviteUser, ResendInvitation, RevokeInvitation},
        model::InvitationSent,
    },
    ui::{
        dialog::{Dialog, FormActions},
        feedback::{ErrorMessage, Loading},
        form::{field_error, form_error, Field, FormError, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct AdminUsersPage;

#[lazy_route]
impl LazyRoute for AdminUsersPage {
    fn data() -> Self {
        AdminUsersPage
    }

    fn view(this: Self) -> AnyView {
        let AdminUsersPage = this;
        view! {
            <Title text="People"/>
            <Guard permission=Permission::ManageUsers>
                <AdminUsers/>
            </Guard>
        }
        .into_any()
    }
}

fn fmt_time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "never".into())
}

#[component]
fn AdminUsers() -> impl IntoView {
    let search = RwSignal::new(String::new());
    let role = ServerAction::<ChangeRole>::new();
    let active = ServerAction::<SetUserActive>::new();
    let revoke = ServerAction::<RevokeUserSessions>::new();
    let invite = ServerAction::<InviteUser>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let withdraw = ServerAction::<RevokeInvitation>::new();
    let users =
        Resource::new(move || (search.get(), role.version().get(), active.version().get()), |(q, _, _)| list_users(q));
    let pending = Resource::new(
        move || (invite.version().get(), resend.version().get(), withdraw.version().get()),
        |_| list_invitations(),
    );
    let dialog_open = RwSignal::new(false);
    // The latest link an admin can copy: from an invitation just sent or resent.
    let last_link = Signal::derive(move || {
        let pick = |v: Option<Result<InvitationSent, _>>| v.and_then(Result::ok);
        pick(resend.value().get()).or_else(|| pick(invite.value().get()))
    });
    let problem = Signal::derive(move || {
        [
            form_error(role.value()).get(),
            form_error(active.value()).get(),
            form_error(revoke.value()).get(),
            form_error(resend.value()).get(),
            form_error(withdraw.value()).get(),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"People"</h1>
            <button type="button" class="ml-auto rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500" on:click=move |_| { invite.value().set(None); dialog_open.set(true); }>
                "Invite someone"
            </button>
        </div>
        <div class="mt-4 max-w-sm">
            <label for="user-search" class="block text-sm font-medium">"Search people"</label>
            <input id="user-search" type="search" placeholder="Name or email"
                class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                on:input=move |ev| search.set(event_target_value(&ev))/>
        </div>
        <FormError error=problem/>
        {move || last_link.get().map(|sent| view! { <LinkNotice sent/> })}
        <Transition fallback=|| view! { <Loading label="Loading people…"/> }>
            {move || Suspend::new(async move {
                match users.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="mt-6 text-sm text-slate-500 dark:text-slate-400">"Nobody matches this search."</p> }.into_any(),
                    Ok(list) => view! { <UserTable list role active revoke/> }.into_any(),
                }
            })}
        </Transition>
        <h2 class="mt-10 text-lg font-semibold">"Pending invitations"</h2>
        <Transition fallback=|| view! { <Loading label="Loading invitations…"/> }>
            {move || Suspend::new(async move {
                match pending.await {
                    Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="mt-2 text-sm text-slate-500 dark:text-slate-400">"No pending invitations."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                            {list.into_iter().map(|i| view! {
                                <li class="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                                    <span class="font-medium">{i.name}</span>
                                    <span>{i.email.clone()}</span>
                                    <span class="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">{i.role.label()}</span>
                                    <span class="text-slate-500 dark:text-slate-400">"expires " {i.expires_at.format("%Y-%m-%d").to_string()}</span>
                                    <span class="ml-auto flex gap-2">
                                        <button type="button" class=SECONDARY aria-label=format!("Resend invitation to {}", i.email) on:click=move |_| { resend.dispatch(ResendInvitation { id: i.id }); }>"Resend"</button>
                                        <button type="button" class=SECONDARY aria-label=format!("Revoke invitation to {}", i.email) on:click=move |_| { withdraw.dispatch(RevokeInvitation { id: i.id }); }>"Revoke"</button>
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
        <InviteDialog invite open=dialog_open/>
    }
}

#[component]
fn UserTable(
    list: Vec<UserRow>,
    role: ServerAction<ChangeRole>,
    active: ServerAction<SetUserActive>,
    revoke: ServerAction<RevokeUserSessions>,
) -> impl IntoView {
    view! {
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="min-w-full text-left text-sm">
                <thead class="bg-slate-100 dark:bg-slate-800">
                    <tr><th scope="col" class="px-4 py-2">"Name"</th><th scope="col" class="px-4 py-2">"Email"</th><th scope="col" class="px-4 py-2">"Role"</th><th scope="col" class="px-4 py-2">"Status"</th><th scope="col" class="px-4 py-2">"Last sign-in"</th><th scope="col" class="px-4 py-2">"Actions"</th></tr>
                </thead>
                <tbody class="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
                    {list.into_iter().map(|u| {
                        let id = u.id.0;
                        let current = u.role;
                        let label = format!("Role of {}", u.name);
                        view! {
                            <tr data-testid="user-row">
                                <td class="px-4 py-2 font-medium">{u.name.clone()}</td>
                                <td class="px-4 py-2">{u.email.clone()}</td>
                                <td class="px-4 py-2">
                                    <select aria-label=label class="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                                        on:change=move |ev| {
                                            if let Some(r) = Role::from_name(&event_target_value(&ev)) {
                                                role.dispatch(ChangeRole { id, role: r });
                                            }
                                        }>
                                        {Role::ALL.iter().copied().map(|r| view! { <option value=r.as_str() selected=r == current>{r.label()}</option> }).collect_view()}
                                    </select>
                                </td>
                                <td class="px-4 py-2">{if !u.is_active { "Deactivated" } else if u.registered { "Active" } else { "Invited" }}</td>
                                <td class="px-4 py-2">{fmt_time(u.last_login_at)}</td>
                                <td class="space-x-2 px-4 py-2 whitespace-nowrap">
                                    <button type="button" class=SECONDARY aria-label=format!("{} {}", if u.is_active { "Deactivate" } else { "Reactivate" }, u.name)
                                        on:click=move |_| { active.dispatch(SetUserActive { id, active: !u.is_active }); }>
                                        {if u.is_active { "Deactivate" } else { "Reactivate" }}
                                    </button>
                                    // The name is read after the visible words, so the button's name starts with
                                    // what is on screen (speech control users say what they see).
                                    <button type="button" class=SECONDARY on:click=move |_| { revoke.dispatch(RevokeUserSessions { id }); }>
                                        "Sign out everywhere"<span class="sr-only">" (" {u.name.clone()} ")"</span>
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Says how the invitation just sent travels: emailed, or (without SMTP) a link to copy.
#[component]
fn LinkNotice(sent: InvitationSent) -> impl IntoView {
    let copied = RwSignal::new(false);
    let box_class =
        "mt-4 rounded-md border border-indigo-200 bg-indigo-50 p-4 text-sm dark:border-indigo-900 dark:bg-indigo-950";
    let Some(link) = sent.link else {
        let text = if sent.emailed {
            "Invitation emailed. The link in it works once, for the invited person."
        } else {
            "The invitation email could not be sent yet: resend it from the list below."
        };
        return view! { <div role="status" class=box_class><p>{text}</p></div> }.into_any();
    };
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    view! {
        <div role="status" class=box_class>
            <p>"No email server is configured: share this link with the person yourself."</p>
            <div class="mt-2 flex flex-wrap items-center gap-2">
                <label for="invite-link" class="sr-only">"Invitation link"</label>
                <input id="invite-link" readonly value=link class="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"/>
                <button type="button" class=SECONDARY on:click=copy>{move || if copied.get() { "Copied" } else { "Copy link" }}</button>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn InviteDialog(invite: ServerAction<InviteUser>, open: RwSignal<bool>) -> impl IntoView {
    let v = invite.value();
    Effect::new(move |_| {
        if let Some(Ok(_)) = v.get() {
            open.set(false);
        }
    });
    view! {
        <Dialog open title="Invite someone" close_on_backdrop=false>
            <ActionForm action=invite attr:class="mt-4 space-y-4" attr:novalidate="true">
                <Field name="email" label="Email" kind="email" required=true error=field_error(v, "email")/>
                <Field name="name" label="Name" required=true error=field_error(v, "name")/>
                <div class="space-y-1">
                    <label for="invite-role" class="block text-sm font-medium">"Role"</label>
                    <select id="invite-role" name="role" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                        {Role::ALL.iter().copied().map(|r| view! { <option value=r.as_str() selected=r == Role::Qa>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <FormError error=form_error(v)/>
                <FormActions open label="Send invitation" busy="Sending…" pending=invite.pending()/>
            </ActionForm>
        </Dialog>
    }
}
