//! Notifications in the browser: the header's link with the unread count (read after hydration,
//! then kept current by the live stream's `notification` events), and the notifications page:
//! the list, newest first, a page at a time (unread only if asked), marking read (one by opening
//! or its button, or all), and the person's settings per kind. The page is a lazy route.
use super::{
    api::{list_notifications, mark_notifications_read, unread_notifications, SaveNotificationSettings},
    model::{NoticeSetting, Notification, NotificationPage},
};
use crate::{
    error::AppError,
    ui::{
        feedback::{ErrorMessage, Loading, EMPTY},
        form::{describe, form_error, FormError, CHECKBOX, PRIMARY, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, lazy_route, LazyRoute};

/// The tab's unread count (None until read after hydration) and the last notification its live
/// stream brought.
#[derive(Clone, Copy)]
pub struct Notices {
    pub unread: RwSignal<Option<i64>>,
    pub last: RwSignal<Option<Notification>>,
}

impl Notices {
    fn new() -> Self {
        Notices { unread: RwSignal::new(None), last: RwSignal::new(None) }
    }

    /// What the stream said: one more unread (once the count is known) and the newest notice.
    pub fn arrived(&self, n: Notification) {
        self.unread.update(|u| {
            if let Some(u) = u {
                *u += 1;
            }
        });
        self.last.set(Some(n));
    }

    /// The count a server function returned, written only when it differs.
    fn count(&self, unread: i64) {
        if self.unread.get_untracked() != Some(unread) {
            self.unread.set(Some(unread));
        }
    }
}

pub fn provide_notices() {
    provide_context(Notices::new());
}

/// The tab's notices (detached signals outside the app).
pub fn notices() -> Notices {
    use_context::<Notices>().unwrap_or_else(Notices::new)
}

/// The header's link to the notifications page, with the unread count once it is known.
#[component]
pub fn NotificationsLink(class: &'static str) -> impl IntoView {
    let n = notices();
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(unread) = unread_notifications().await {
                n.count(unread);
            }
        });
    });
    view! {
        <A href="/notifications" attr:class=class attr:data-testid="notifications-link">
            // The space keeps the name "Notifications 2 unread", not "Notifications2 unread".
            "Notifications "
            {move || n.unread.get().filter(|c| *c > 0).map(|c| view! {
                <span class="rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white" data-testid="unread-count">
                    {c.to_string()}<span class="sr-only">" unread"</span>
                </span>
            })}
        </A>
    }
}

pub struct NotificationsPage {
    unread_only: RwSignal<bool>,
    first: Resource<Result<NotificationPage, AppError>>,
    settings: Resource<Result<Vec<NoticeSetting>, AppError>>,
}

#[lazy_route]
impl LazyRoute for NotificationsPage {
    fn data() -> Self {
        let unread_only = RwSignal::new(false);
        let n = notices();
        // Read again when the stream brings a new one, so the page is current without a reload.
        let first = Resource::new(
            move || (unread_only.get(), n.last.with(|l| l.as_ref().map(|l| l.id))),
            |(unread_only, _)| list_notifications(None, unread_only),
        );
        let settings = Resource::new(|| (), |_| super::api::notification_settings());
        NotificationsPage { unread_only, first, settings }
    }

    fn view(this: Self) -> AnyView {
        let NotificationsPage { unread_only, first, settings } = this;
        let n = notices();
        Effect::new(move |_| {
            if let Some(Ok(page)) = first.get() {
                n.count(page.unread);
            }
        });
        let status = RwSignal::new(None::<String>);
        let busy = RwSignal::new(false);
        let mark_all = move |_| {
            busy.set(true);
            leptos::task::spawn_local(async move {
                match mark_notifications_read(Vec::new(), true).await {
                    Ok(unread) => {
                        n.count(unread);
                        status.set(Some("Every notification is marked as read.".into()));
                        first.refetch();
                    }
                    Err(e) => status.set(Some(describe(&e))),
                }
                busy.set(false);
            });
        };
        view! {
            <Title text="Notifications"/>
            <Guard>
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <h1 class="text-2xl font-bold tracking-tight">"Notifications"</h1>
                    <div class="flex flex-wrap items-center gap-4">
                        <label class="inline-flex items-center gap-2 text-sm">
                            <input type="checkbox" class=CHECKBOX prop:checked=move || unread_only.get()
                                on:change=move |ev| unread_only.set(event_target_checked(&ev))/>
                            "Unread only"
                        </label>
                        <button type="button" class=SECONDARY disabled=move || busy.get() || n.unread.get() == Some(0) on:click=mark_all>
                            "Mark all as read"
                        </button>
                    </div>
                </div>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    "Bugs assigned to you, mentions of you, and status changes of the bugs you reported or work on."
                </p>
                <p role="status" class="mt-2 text-sm text-slate-700 dark:text-slate-300">{move || status.get()}</p>
                <Transition fallback=|| view! { <Loading label="Loading your notifications…"/> }>
                    {move || Suspend::new(async move {
                        match first.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(page) if page.items.is_empty() => view! {
                                <p class=EMPTY>{if unread_only.get_untracked() {
                                    "No unread notifications: you are up to date."
                                } else {
                                    "No notifications yet. When someone assigns you a bug, mentions you in a comment, or moves a bug you reported or work on, it shows here."
                                }}</p>
                            }.into_any(),
                            Ok(page) => view! { <NoticeList page unread_only=unread_only.get_untracked()/> }.into_any(),
                        }
                    })}
                </Transition>
                <Transition fallback=|| view! { <Loading label="Loading your settings…"/> }>
                    {move || Suspend::new(async move {
                        match settings.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(list) => view! { <Settings list/> }.into_any(),
                        }
                    })}
                </Transition>
            </Guard>
        }
        .into_any()
    }
}

/// The first page and any pages loaded after it ("Show older").
#[component]
fn NoticeList(page: NotificationPage, unread_only: bool) -> impl IntoView {
    let n = notices();
    let items = RwSignal::new(page.items);
    let next = RwSignal::new(page.next);
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let read = Callback::new(move |id: i64| {
        items.update(|list| {
            if let Some(item) = list.iter_mut().find(|i| i.id == id) {
                item.read = true;
            }
        });
        leptos::task::spawn_local(async move {
            match mark_notifications_read(vec![id], false).await {
                Ok(unread) => n.count(unread),
                Err(e) => error.set(Some(describe(&e))),
            }
        });
    });
    let older = move |_| {
        let Some(before) = next.get_untracked() else { return };
        loading.set(true);
        leptos::task::spawn_local(async move {
            match list_notifications(Some(before), unread_only).await {
                Ok(more) => {
                    items.update(|list| list.extend(more.items));
                    next.set(more.next);
                }
                Err(e) => error.set(Some(describe(&e))),
            }
            loading.set(false);
        });
    };
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="notifications">
            <For each=move || items.get() key=|i| (i.id, i.read) let:item>
                <NoticeRow item read/>
            </For>
        </ul>
        <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
        <Show when=move || next.get().is_some()>
            <button type="button" class=format!("mt-3 {SECONDARY}") disabled=move || loading.get() on:click=older>
                {move || if loading.get() { "Loading…" } else { "Show older" }}
            </button>
        </Show>
    }
}

#[component]
fn NoticeRow(item: Notification, read: Callback<i64>) -> impl IntoView {
    let id = item.id;
    let unread = !item.read;
    let when = item.created_at.format("%Y-%m-%d %H:%M UTC").to_string();
    view! {
        <li class=format!("flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3 text-sm {}", if unread { "bg-indigo-50 dark:bg-indigo-950" } else { "" })>
            <div class="min-w-0 flex-1">
                <a href=item.href.clone() class="break-words text-indigo-700 underline dark:text-indigo-300" class:font-semibold=unread
                    on:click=move |_| { if unread { read.run(id) } }>
                    {item.text.clone()}
                </a>
                <p class="mt-0.5 text-xs text-slate-700 dark:text-slate-300">
                    {format!("{} · {when}", item.kind.label())}
                    {unread.then(|| view! { <span class="ml-2 font-semibold">"Unread"</span> })}
                </p>
            </div>
            {unread.then(|| view! {
                <button type="button" class=SECONDARY on:click=move |_| read.run(id)>
                    "Mark read"<span class="sr-only">{format!(": {}", item.subject)}</span>
                </button>
            })}
        </li>
    }
}

/// How the person wants to be told, per kind: in the app, by email.
#[component]
fn Settings(list: Vec<NoticeSetting>) -> impl IntoView {
    let save = ServerAction::<SaveNotificationSettings>::new();
    let rows: Vec<(NoticeSetting, RwSignal<bool>, RwSignal<bool>)> =
        list.into_iter().map(|s| (s, RwSignal::new(s.in_app), RwSignal::new(s.email))).collect();
    let rows = StoredValue::new(rows);
    let saved = move || matches!(save.value().get(), Some(Ok(_))).then_some("Settings saved.");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = rows.with_value(|rows| {
            rows.iter()
                .map(|(s, app, email)| NoticeSetting {
                    kind: s.kind,
                    in_app: app.get_untracked(),
                    email: email.get_untracked(),
                })
                .collect()
        });
        save.dispatch(SaveNotificationSettings { settings });
    };
    // Each box is named with its kind for screen readers ("Mentioned: By email").
    let check = |id: String, kind: &'static str, how: &'static str, value: RwSignal<bool>| {
        let target = id.clone();
        view! {
            <label for=target class="inline-flex items-center gap-2">
                <input id=id type="checkbox" class=CHECKBOX prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))/>
                <span class="sr-only">{format!("{kind}: ")}</span>{how}
            </label>
        }
    };
    view! {
        <section class="mt-10" aria-labelledby="notice-settings">
            <h2 id="notice-settings" class="text-lg font-semibold">"How you are told"</h2>
            <form class="mt-3 space-y-3" on:submit=submit>
                <ul class="space-y-3 text-sm">
                    {rows.with_value(|rows| rows.iter().map(|(s, app, email)| {
                        let name = s.kind.as_str();
                        view! {
                            <li class="flex flex-wrap items-center gap-x-6 gap-y-2">
                                <span class="w-40 font-medium">{s.kind.label()}</span>
                                {check(format!("notice-{name}-app"), s.kind.label(), "In the app", *app)}
                                {check(format!("notice-{name}-email"), s.kind.label(), "By email", *email)}
                            </li>
                        }
                    }).collect_view())}
                </ul>
                <FormError error=form_error(save.value())/>
                <div class="flex items-center gap-3">
                    <button type="submit" class=PRIMARY disabled=move || save.pending().get()>
                        {move || if save.pending().get() { "Saving…" } else { "Save settings" }}
                    </button>
                    <p role="status" class="text-sm text-slate-700 dark:text-slate-300">{saved}</p>
                </div>
            </form>
        </section>
    }
}
