//! The fields of the project form (creation and settings), and how counts read.
use crate::{
    projects::model::{ProjectStatus, ProjectSummary},
    ui::form::{field_error, form_error, Field, FormError},
};
use leptos::prelude::*;

/// A share as a whole percent, or a dash when unknown.
pub fn percent(v: Option<f64>) -> String {
    v.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "—".into())
}

/// The fields of a project form, named for `ProjectInput` (`input[key]` …).
#[component]
pub fn ProjectFields<T, V>(value: V, current: Option<ProjectSummary>) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: Get<Value = Option<Result<T, crate::error::AppError>>> + Copy + Send + Sync + 'static,
{
    let c = current.clone();
    let text = move |f: fn(&ProjectSummary) -> String| c.as_ref().map(f).unwrap_or_default();
    let status = current.as_ref().map(|p| p.status).unwrap_or_default();
    view! {
        <Field name="input[name]" label="Name" required=true value=text(|p| p.name.clone()) error=field_error(value, "name")/>
        <Field name="input[key]" label="Key" required=true value=text(|p| p.key.clone()) hint="2 to 10 letters or digits, used in ids like SHOP-US-12." error=field_error(value, "key")/>
        <Field name="input[client]" label="Client" value=text(|p| p.client.clone().unwrap_or_default()) error=field_error(value, "client")/>
        <div class="space-y-1">
            <label for="project-description" class="block text-sm font-medium">"Description"</label>
            <textarea id="project-description" name="input[description]" rows="3" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                {text(|p| p.description.clone())}
            </textarea>
        </div>
        <div class="grid gap-4 sm:grid-cols-3">
            <div class="space-y-1">
                <label for="project-status" class="block text-sm font-medium">"Status"</label>
                <select id="project-status" name="input[status]" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                    {ProjectStatus::ALL.iter().copied().map(|s| view! {
                        <option value=s.as_str() selected=s == status>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field name="input[start_date]" label="Start date" kind="date" value=text(|p| p.start_date.map(|d| d.to_string()).unwrap_or_default()) error=field_error(value, "start_date")/>
            <Field name="input[end_date]" label="End date" kind="date" value=text(|p| p.end_date.map(|d| d.to_string()).unwrap_or_default()) error=field_error(value, "end_date")/>
        </div>
        <FormError error=form_error(value)/>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percents_round_and_dash_when_unknown() {
        assert_eq!(super::percent(Some(66.6)), "67%");
        assert_eq!(super::percent(None), "—");
    }
}
