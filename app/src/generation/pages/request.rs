//! "Generate test cases" on a story: how many cases and scenarios, which test types, the
//! language, which criteria (all, or the uncovered ones), extra instructions. Starting it opens
//! the job's review page, which follows its progress.
use crate::{
    generation::{
        api::RequestGeneration,
        model::{GenerateInput, Lang},
    },
    stories::model::CriterionId,
    test_cases::model::CaseKind,
    ui::{
        dialog::{Dialog, DialogSize, FormActions},
        form::{field_error, form_error, FormError, CHECKBOX, SECONDARY},
    },
};
use leptos::prelude::*;

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/// The buttons that open the dialog for `stories`: for every criterion, and for the uncovered
/// ones only; with `all_label`, one button of that name for the uncovered ones.
#[component]
pub fn GenerateButtons(
    key: String,
    stories: Vec<i64>,
    criteria: Vec<(CriterionId, String)>,
    uncovered: Vec<CriterionId>,
    #[prop(optional)] all_label: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<CriterionId>::new());
    let all: Vec<CriterionId> = criteria.iter().map(|(id, _)| *id).collect();
    let some = uncovered.len();
    if let Some(label) = all_label {
        return view! {
            <button type="button" class=SECONDARY on:click=move |_| { chosen.set(uncovered.clone()); open.set(true); }>
                {format!("{label} ({some})")}
            </button>
            <GenerateDialog open key stories criteria chosen/>
        }
        .into_any();
    }
    view! {
        <div class="mt-3 flex flex-wrap gap-2">
            <button type="button" class=SECONDARY on:click=move |_| { chosen.set(all.clone()); open.set(true); }>
                "Generate test cases"
            </button>
            {(some > 0).then(|| {
                let uncovered = uncovered.clone();
                view! {
                    <button type="button" class=SECONDARY on:click=move |_| { chosen.set(uncovered.clone()); open.set(true); }>
                        {format!("Generate for uncovered criteria ({some})")}
                    </button>
                }
            })}
        </div>
        <GenerateDialog open key stories criteria chosen/>
    }
    .into_any()
}

#[component]
fn GenerateDialog(
    open: RwSignal<bool>,
    key: String,
    stories: Vec<i64>,
    criteria: Vec<(CriterionId, String)>,
    chosen: RwSignal<Vec<CriterionId>>,
) -> impl IntoView {
    let stories = StoredValue::new(stories);
    let action = ServerAction::<RequestGeneration>::new();
    let key = StoredValue::new(key);
    let criteria = StoredValue::new(criteria);
    Effect::new(move |_| {
        if let Some(Ok(job)) = action.value().get() {
            open.set(false);
            let href = format!("/projects/{}/generations/{}", key.get_value(), job.0);
            leptos_router::hooks::use_navigate()(&href, Default::default());
        }
    });
    view! {
        <Dialog open title="Generate test cases" size=DialogSize::Large close_on_backdrop=false
            description="Cases are written as suggestions: you review, edit and accept them before anything is saved.">
            <GenerateForm action key=key.get_value() stories=stories.get_value() criteria=criteria.get_value() chosen open/>
        </Dialog>
    }
}

/// The form inside the dialog, built afresh on each opening.
#[component]
fn GenerateForm(
    action: ServerAction<RequestGeneration>,
    key: String,
    stories: Vec<i64>,
    criteria: Vec<(CriterionId, String)>,
    chosen: RwSignal<Vec<CriterionId>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let defaults = GenerateInput::default();
    let cases = RwSignal::new(defaults.cases.to_string());
    let scenarios = RwSignal::new(defaults.scenarios.to_string());
    let kinds = RwSignal::new(vec![CaseKind::Functional]);
    let language = RwSignal::new(Lang::En);
    let instructions = RwSignal::new(String::new());
    let v = action.value();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = GenerateInput {
            stories: stories.clone(),
            cases: cases.get_untracked().trim().parse().unwrap_or(0),
            scenarios: scenarios.get_untracked().trim().parse().unwrap_or(0),
            kinds: kinds.get_untracked(),
            language: language.get_untracked(),
            only_criteria: chosen.get_untracked(),
            instructions: instructions.get_untracked(),
        };
        action.dispatch(RequestGeneration { project: key.clone(), input });
    };
    let number_field = move |id: &'static str, label: &'static str, value: RwSignal<String>, field: &'static str| {
        let error = field_error(v, field);
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium">{label}</label>
                <input id=id type="number" min="1" max="10" class=INPUT prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=format!("{id}-error")/>
                <p id=format!("{id}-error") role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
            </div>
        }
    };
    view! {
        <form class="mt-4 space-y-4" novalidate on:submit=submit>
            <div class="grid gap-4 sm:grid-cols-3">
                {number_field("gen-cases", "Test cases (1–10)", cases, "cases")}
                {number_field("gen-scenarios", "Scenarios per case (1–10)", scenarios, "scenarios")}
                <div class="space-y-1">
                    <label for="gen-language" class="block text-sm font-medium">"Language"</label>
                    <select id="gen-language" class=INPUT on:change=move |ev| {
                        language.set(Lang::from_name(&event_target_value(&ev)).unwrap_or(Lang::En));
                    }>
                        {Lang::ALL.iter().map(|l| view! {
                            <option value=l.as_str() selected=move || language.get() == *l>{l.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <fieldset>
                <legend class="text-sm font-medium">"Test types"</legend>
                <div class="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
                    {CaseKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! {
                            <label class="flex items-center gap-2 text-sm">
                                <input type="checkbox" class=CHECKBOX prop:checked=move || kinds.with(|ks| ks.contains(&k))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        kinds.update(|ks| { ks.retain(|x| *x != k); if on { ks.push(k); } });
                                    }/>
                                {k.label()}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {(!criteria.is_empty()).then(|| view! {
                <fieldset>
                    <legend class="text-sm font-medium">"Acceptance criteria to cover"</legend>
                    <ul class="mt-2 max-h-48 space-y-1 overflow-y-auto">
                        {criteria.iter().map(|(id, text)| {
                            let id = *id;
                            view! {
                                <li><label class="flex items-start gap-2 text-sm">
                                    <input type="checkbox" class=CHECKBOX prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                        }/>
                                    <span>{text.clone()}</span>
                                </label></li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">"None ticked means every criterion."</p>
                </fieldset>
            })}
            <div class="space-y-1">
                <label for="gen-instructions" class="block text-sm font-medium">"Extra instructions (optional)"</label>
                <textarea id="gen-instructions" rows="3" class=INPUT prop:value=move || instructions.get()
                    on:input=move |ev| instructions.set(event_target_value(&ev))
                    aria-describedby="gen-instructions-error"></textarea>
                <p id="gen-instructions-error" role="alert" class="text-sm text-red-700 dark:text-red-400">{move || field_error(v, "instructions").get()}</p>
            </div>
            <FormError error=form_error(v)/>
            <FormActions open label="Generate" busy="Starting…" pending=action.pending()/>
        </form>
    }
}
