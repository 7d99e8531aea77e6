//! Admin: the audit log with filters, paging and CSV export. A lazy route.
use super::{
    api::list_audit,
    model::{AuditAction, AuditEntry, AuditFilter, PAGE},
};
use crate::{
    auth::permissions::Permission,
    ui::{
        feedback::{ErrorMessage, Loading},
        form::SECONDARY,
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct AuditPage;

#[lazy_route]
impl LazyRoute for AuditPage {
    fn data() -> Self {
        AuditPage
    }

    fn view(this: Self) -> AnyView {
        let AuditPage = this;
        view! {
            <Title text="Audit log"/>
            <Guard permission=Permission::ViewAudit>
                <AuditLog/>
            </Guard>
        }
        .into_any()
    }
}

const INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

fn export_href(f: &AuditFilter) -> String {
    let mut url = String::from("/api/v1/audit.csv?");
    let pairs = [("action", &f.action), ("actor", &f.actor), ("from", &f.from), ("to", &f.to)];
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", crate::wire::query_escape(v))).collect();
    url.push_str(&query.join("&"));
    url
}

#[component]
fn AuditLog() -> impl IntoView {
    let filter = RwSignal::new(AuditFilter::default());
    let pages = RwSignal::new(vec![None::<i64>]);
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"Audit log"</h1>
            <a class=format!("{SECONDARY} ml-auto") href=move || export_href(&filter.get()) download="casebook-audit.csv">"Export CSV"</a>
        </div>
        <form class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4" on:submit=move |ev| ev.prevent_default()>
            <div>
                <label for="audit-action" class="block text-sm font-medium">"Action"</label>
                <select id="audit-action" class=INPUT on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.action = v); pages.set(vec![None]); }>
                    <option value="">"Any action"</option>
                    {AuditAction::ALL.iter().map(|a| view! { <option value=a.as_str()>{a.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="audit-actor" class="block text-sm font-medium">"Actor email contains"</label>
                <input id="audit-actor" type="search" class=INPUT on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.actor = v); pages.set(vec![None]); }/>
            </div>
            <div>
                <label for="audit-from" class="block text-sm font-medium">"From"</label>
                <input id="audit-from" type="date" class=INPUT on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.from = v); pages.set(vec![None]); }/>
            </div>
            <div>
                <label for="audit-to" class="block text-sm font-medium">"To"</label>
                <input id="audit-to" type="date" class=INPUT on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.to = v); pages.set(vec![None]); }/>
            </div>
        </form>
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="min-w-full text-left text-sm">
                <thead class="bg-slate-100 dark:bg-slate-800">
                    <tr><th scope="col" class="px-3 py-2">"Time (UTC)"</th><th scope="col" class="px-3 py-2">"Action"</th><th scope="col" class="px-3 py-2">"Actor"</th><th scope="col" class="px-3 py-2">"Target"</th><th scope="col" class="px-3 py-2">"Detail"</th><th scope="col" class="px-3 py-2">"IP"</th></tr>
                </thead>
                <For each=move || pages.get() key=|p| *p let:before>
                    <AuditRows filter before pages/>
                </For>
            </table>
        </div>
    }
}

#[component]
fn AuditRows(filter: RwSignal<AuditFilter>, before: Option<i64>, pages: RwSignal<Vec<Option<i64>>>) -> impl IntoView {
    let rows = Resource::new(move || filter.get(), move |f| list_audit(f, before));
    view! {
        <Transition fallback=|| view! { <tbody><tr><td colspan="6"><Loading label="Loading events…"/></td></tr></tbody> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(error) => view! { <tbody><tr><td colspan="6"><ErrorMessage error/></td></tr></tbody> }.into_any(),
                    Ok(list) => {
                        let more = (list.len() as i64 == PAGE).then(|| list.last().map(|e| e.id)).flatten();
                        let empty = list.is_empty() && before.is_none();
                        view! {
                            <tbody class="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
                                {list.into_iter().map(|e: AuditEntry| view! {
                                    <tr data-testid="audit-row">
                                        <td class="px-3 py-2 whitespace-nowrap">{e.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                                        <td class="px-3 py-2">{e.action}</td>
                                        <td class="px-3 py-2">{e.actor.unwrap_or_default()}</td>
                                        <td class="px-3 py-2">{e.target.unwrap_or_default()}</td>
                                        <td class="px-3 py-2">{e.detail.unwrap_or_default()}</td>
                                        <td class="px-3 py-2">{e.ip.unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                                {empty.then(|| view! { <tr><td colspan="6" class="px-3 py-6 text-center text-slate-500 dark:text-slate-400">"No events match these filters."</td></tr> })}
                                {more.map(|last| view! {
                                    <tr><td colspan="6" class="px-3 py-2 text-center">
                                        <button type="button" class=SECONDARY on:click=move |_| pages.update(|p| if !p.contains(&Some(last)) { p.push(Some(last)) })>"Load older events"</button>
                                    </td></tr>
                                })}
                            </tbody>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_link_carries_the_filters_encoded() {
        let f = AuditFilter {
            action: "login_failed".into(),
            actor: "a&b@x.com".into(),
            from: "2026-01-01".into(),
            to: String::new(),
        };
        assert_eq!(export_href(&f), "/api/v1/audit.csv?action=login_failed&actor=a%26b%40x.com&from=2026-01-01&to=");
    }
}
