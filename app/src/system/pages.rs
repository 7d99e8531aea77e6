//! The system status page: a server round trip showing version, backend and schema.
use super::{
    api::get_system_info,
    model::{format_uptime, SystemInfo},
};
use crate::{
    error::AppError,
    ui::feedback::{ErrorMessage, Loading},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

/// Route data: the status resource starts loading while the page's code is fetched.
pub struct SystemPage {
    info: Resource<Result<SystemInfo, AppError>>,
    refresh: RwSignal<u32>,
}

#[lazy_route]
impl LazyRoute for SystemPage {
    fn data() -> Self {
        let refresh = RwSignal::new(0);
        Self { info: Resource::new(move || refresh.get(), |_| get_system_info()), refresh }
    }

    fn view(this: Self) -> AnyView {
        let SystemPage { info, refresh } = this;
        view! {
            <Title text="System status"/>
            <section aria-labelledby="system-title">
                <div class="flex flex-wrap items-center gap-3">
                    <h1 id="system-title" class="text-2xl font-bold tracking-tight">"System status"</h1>
                    <button
                        type="button"
                        data-testid="refresh-status"
                        class="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
                        on:click=move |_| refresh.update(|n| *n += 1)
                    >
                        "Refresh"
                    </button>
                </div>
                <Transition fallback=|| view! { <Loading label="Asking the server…"/> }>
                    {move || Suspend::new(async move {
                        match info.await {
                            Ok(info) => view! { <InfoList info/> }.into_any(),
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        }
        .into_any()
    }
}

#[component]
fn InfoList(info: SystemInfo) -> impl IntoView {
    let rows = [
        ("Version", info.version, "version"),
        ("Database", info.backend, "backend"),
        ("Schema version", info.schema_version.to_string(), "schema"),
        ("Setup", if info.setup_required { "Waiting for the first organization" } else { "Done" }.to_owned(), "setup"),
        ("Uptime", format_uptime(info.uptime_seconds), "uptime"),
    ];
    view! {
        <dl class="mt-6 grid max-w-xl grid-cols-[max-content_1fr] gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
            {rows.into_iter().map(|(label, value, id)| view! {
                <dt class="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
                <dd data-testid=format!("system-{id}")>{value}</dd>
            }).collect_view()}
        </dl>
    }
}
