//! Settings › Generation (admins): the provider that writes test cases, its address, model and
//! API key (shown back as its last four characters), "Test connection", the hourly request
//! limits and the monthly token budget with this month's usage. A lazy route.
use crate::{
    auth::permissions::Permission,
    error::AppError,
    generation::{
        api::{generation_settings, SaveGenerationSettings, TestConnection},
        model::{ProviderInput, ProviderKind, ProviderSettings},
    },
    ui::{
        feedback::{width_tenths, ErrorMessage, Loading},
        form::{field_error, form_error, FormError, CARD, CHECKBOX, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

pub struct GenerationSettingsPage {
    settings: Resource<Result<ProviderSettings, AppError>>,
}

#[lazy_route]
impl LazyRoute for GenerationSettingsPage {
    fn data() -> Self {
        GenerationSettingsPage { settings: Resource::new(|| (), |_| generation_settings()) }
    }

    fn view(this: Self) -> AnyView {
        let GenerationSettingsPage { settings } = this;
        view! {
            <Title text="Generation settings"/>
            <Guard permission=Permission::ManageOrg>
                <h1 class="text-2xl font-bold tracking-tight">"Generation settings"</h1>
                <p class="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
                    "Which provider writes test cases from acceptance criteria. Every suggestion is reviewed before it is saved."
                </p>
                <Suspense fallback=|| view! { <Loading label="Loading the settings…"/> }>
                    {move || Suspend::new(async move {
                        match settings.await {
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            Ok(s) => view! { <SettingsForm s/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Guard>
        }
        .into_any()
    }
}

#[component]
fn SettingsForm(s: ProviderSettings) -> impl IntoView {
    let save = ServerAction::<SaveGenerationSettings>::new();
    let test = ServerAction::<TestConnection>::new();
    let kind = RwSignal::new(s.kind);
    let base_url = RwSignal::new(s.base_url.clone());
    let model = RwSignal::new(s.model.clone());
    let api_key = RwSignal::new(String::new());
    let clear_key = RwSignal::new(false);
    let user_per_hour = RwSignal::new(s.user_per_hour.to_string());
    let org_per_hour = RwSignal::new(s.org_per_hour.to_string());
    let budget = RwSignal::new(s.monthly_token_budget.map(|b| b.to_string()).unwrap_or_default());
    let current = RwSignal::new(s);
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            api_key.set(String::new());
            clear_key.set(false);
            current.set(saved);
        }
    });
    let input = move || ProviderInput {
        kind: kind.get_untracked(),
        base_url: base_url.get_untracked(),
        model: model.get_untracked(),
        api_key: api_key.get_untracked(),
        clear_key: clear_key.get_untracked(),
        user_per_hour: user_per_hour.get_untracked(),
        org_per_hour: org_per_hour.get_untracked(),
        monthly_token_budget: budget.get_untracked(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveGenerationSettings { input: input() });
    };
    let remote = Memo::new(move |_| kind.get() != ProviderKind::Offline);
    let v = save.value();
    let text = move |id: &'static str,
                     label: &'static str,
                     value: RwSignal<String>,
                     field: &'static str,
                     kind: &'static str,
                     hint: &'static str| {
        let error = field_error(v, field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium">{label}</label>
                <input id=id type=kind class=INPUT autocomplete="off" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=format!("{hint_id} {error_id}")/>
                <p id=hint_id class="text-xs text-slate-600 dark:text-slate-400">{hint}</p>
                <p id=error_id role="alert" class="text-sm text-red-700 dark:text-red-400">{move || error.get()}</p>
            </div>
        }
    };
    view! {
        <form class=format!("{CARD} mx-0 mt-6 max-w-2xl space-y-4") novalidate on:submit=on_submit>
            <div class="space-y-1">
                <label for="gen-provider" class="block text-sm font-medium">"Provider"</label>
                <select id="gen-provider" class=INPUT on:change=move |ev| kind.set(ProviderKind::from_name(&event_target_value(&ev)).unwrap_or_default())>
                    {ProviderKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == *k>{k.label()}</option> }).collect_view()}
                </select>
                <p class="text-xs text-slate-600 dark:text-slate-400" data-testid="provider-note">
                    {move || match kind.get() {
                        ProviderKind::Offline => "Deterministic rules inside Casebook: no AI model is called and nothing leaves the server. Each criterion becomes a positive scenario, plus boundary, violation, list and role scenarios where its wording allows.",
                        ProviderKind::Gemini => "Google's Gemini API (generateContent with a response schema). The base URL may stay empty.",
                        ProviderKind::Openai => "Any chat-completions server: OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio… Structured output is used where the server supports it.",
                    }}
                </p>
            </div>
            <Show when=move || remote.get()>
                {text("gen-base-url", "Base URL", base_url, "base_url", "url", "e.g. https://api.openai.com/v1 or http://localhost:11434/v1")}
                {text("gen-model", "Model", model, "model", "text", "e.g. gemini-2.5-flash, gpt-4o-mini, llama3.1")}
                {text("gen-api-key", "API key", api_key, "api_key", "password", "Leave empty to keep the stored key. Stored encrypted; never shown again.")}
                <p class="text-sm" data-testid="key-hint">
                    {move || match current.get().key_hint {
                        Some(h) => format!("A key ending in {h} is stored."),
                        None => "No key is stored.".to_owned(),
                    }}
                </p>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" class=CHECKBOX prop:checked=move || clear_key.get() on:change=move |ev| clear_key.set(event_target_checked(&ev))/>
                    "Remove the stored key"
                </label>
            </Show>
            <div class="grid gap-4 sm:grid-cols-2">
                {text("gen-user-limit", "Requests per person per hour", user_per_hour, "user_per_hour", "number", "Default 10.")}
                {text("gen-org-limit", "Requests per organization per hour", org_per_hour, "org_per_hour", "number", "Default 100.")}
            </div>
            {text("gen-budget", "Monthly token budget (optional)", budget, "monthly_token_budget", "text", "Empty for no budget. Requests stop once it is used up.")}
            <Usage s=current/>
            <FormError error=form_error(v)/>
            <div class="flex flex-wrap items-center gap-2">
                <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
                    disabled=move || save.pending().get()>{move || if save.pending().get() { "Saving…" } else { "Save settings" }}</button>
                <button type="button" class=SECONDARY disabled=move || test.pending().get()
                    on:click=move |_| { test.dispatch(TestConnection { input: input() }); }>
                    {move || if test.pending().get() { "Testing…" } else { "Test connection" }}
                </button>
                <span role="status" class="text-sm" data-testid="saved-note">
                    {move || matches!(save.value().get(), Some(Ok(_))).then_some("Saved.")}
                </span>
            </div>
            <p role="status" class="text-sm" data-testid="connection-result">
                {move || match test.value().get() {
                    None => String::new(),
                    Some(Ok(m)) => m,
                    Some(Err(AppError::Invalid(f))) => f.summary(),
                    Some(Err(e)) => e.to_string(),
                }}
            </p>
        </form>
    }
}

#[component]
fn Usage(s: RwSignal<ProviderSettings>) -> impl IntoView {
    move || {
        let s = s.get();
        match s.monthly_token_budget {
            None => view! { <p class="text-sm">{format!("Tokens used this month: {}.", s.tokens_this_month)}</p> }
                .into_any(),
            Some(b) => {
                let percent = (s.tokens_this_month.saturating_mul(100) / b.max(1)).clamp(0, 100);
                view! {
                    <div>
                        <p class="text-sm">{format!("Tokens used this month: {} of {b} ({percent}%).", s.tokens_this_month)}</p>
                        <div role="progressbar" aria-label="Token budget used" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent
                            class="mt-1 h-2 w-full rounded bg-slate-200 dark:bg-slate-800">
                            <div class=format!("h-2 rounded bg-indigo-600 {}", width_tenths(percent))></div>
                        </div>
                    </div>
                }.into_any()
            }
        }
    }
}
