//! The Gherkin editor: a textarea over a highlighted copy of its text, a gutter marking lines with
//! errors, the errors listed with line and column (announced), keyword completion, and a
//! structured view of the scenarios the runner will execute.
use super::highlight::highlight_html;
use crate::test_cases::{
    gherkin::{self, Parsed},
    model::{nothing_to_run, runnable, scenarios_to_run, READY_NEEDS_VALID},
};
use leptos::{html, prelude::*};
use std::collections::BTreeSet;

/// Byte offset in `s` of the UTF-16 offset `u16_at` (what the browser's selection gives).
fn byte_at(s: &str, u16_at: u32) -> usize {
    let mut n = 0u32;
    for (i, ch) in s.char_indices() {
        if n >= u16_at {
            return i;
        }
        n += ch.len_utf16() as u32;
    }
    s.len()
}

/// UTF-16 length of `s`.
fn u16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// What was typed on the caret's line before the caret, when it is a keyword in progress.
fn typed_keyword(s: &str, caret: usize) -> Option<(usize, &str)> {
    let line_start = s[..caret].rfind('\n').map_or(0, |i| i + 1);
    let before = &s[line_start..caret];
    let word_start = line_start + (before.len() - before.trim_start().len());
    let word = &s[word_start..caret];
    let plausible = !word.is_empty() && !word.contains(':') && word.chars().count() <= 20;
    plausible.then_some((word_start, word))
}

/// The server's message about `source`, as the editor shows it. The refusal to make a document ready
/// names its first problem, which the live error list or the scenario view below already shows:
/// then the refusal points there instead of saying it twice.
fn server_error(message: String, source: &str, parsed: &Parsed) -> String {
    if !message.starts_with(READY_NEEDS_VALID) {
        return message;
    }
    let next = if !parsed.errors.is_empty() {
        "Fix the errors listed below, or save it as a draft."
    } else if parsed.feature.is_some() && runnable(source, parsed).is_err() {
        "Add a scenario with steps (see “Scenarios to run” below), or save it as a draft."
    } else {
        return message;
    };
    format!("{READY_NEEDS_VALID} {next}")
}

/// The editor. `value` is the document; `error` a message from the server about it.
#[component]
pub fn GherkinEditor(
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Distinguishes the ids of several editors on one page (`gherkin` for the case form's).
    #[prop(into, default = "gherkin".to_owned())]
    name: String,
    /// The label, when not the case form's "Gherkin".
    #[prop(into, default = "Gherkin".to_owned())]
    label: String,
) -> impl IntoView {
    let area_id = format!("case-{name}");
    let problems_id = format!("{name}-problems");
    let list_id = format!("{name}-completions");
    let option_prefix = format!("{name}-completion-");
    // Several editors on a page: each outline is named for its editor.
    let outline_of = (label != "Gherkin").then(|| label.clone());
    let option_prefix_li = option_prefix.clone();
    let parsed: Memo<Parsed> = Memo::new(move |_| gherkin::parse(&value.get()));
    let wrong = Memo::new(move |_| parsed.with(|p| p.errors.iter().map(|e| e.line.max(1)).collect::<BTreeSet<u32>>()));
    let lines = Memo::new(move |_| value.with(|v| v.split('\n').count()));
    let area = NodeRef::<html::Textarea>::new();
    let layer = NodeRef::<html::Pre>::new();
    let gutter = NodeRef::<html::Div>::new();
    let suggestions = RwSignal::new(Vec::<String>::new());
    let chosen = RwSignal::new(0usize);
    let sync_scroll = move || {
        // try_: an event may still arrive on a form the router has just disposed.
        if let (Some(Some(a)), Some(Some(l)), Some(Some(g))) =
            (area.try_get_untracked(), layer.try_get_untracked(), gutter.try_get_untracked())
        {
            l.set_scroll_top(a.scroll_top());
            l.set_scroll_left(a.scroll_left());
            g.set_scroll_top(a.scroll_top());
        }
    };
    let suggest = move || {
        let Some(Some(a)) = area.try_get_untracked() else { return };
        let text = a.value();
        let caret = byte_at(&text, a.selection_start().ok().flatten().unwrap_or(0));
        let Some(lang) = parsed.try_with_untracked(|p| p.language.clone()) else { return };
        let list = typed_keyword(&text, caret)
            .map(|(_, word)| gherkin::completions(&lang, word))
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.trim() != text[..caret].rsplit('\n').next().unwrap_or("").trim())
            .take(8)
            .collect();
        suggestions.set(list);
        chosen.set(0);
    };
    let accept = move |i: usize| {
        let Some(Some(a)) = area.try_get_untracked() else { return };
        let Some(Some(choice)) = suggestions.try_with_untracked(|s| s.get(i).cloned()) else { return };
        let text = a.value();
        let caret = byte_at(&text, a.selection_start().ok().flatten().unwrap_or(0));
        if let Some((start, _)) = typed_keyword(&text, caret) {
            let mut choice = choice;
            if choice.ends_with(':') {
                choice.push(' ');
            }
            let new = format!("{}{}{}", &text[..start], choice, &text[caret..]);
            let at = u16_len(&new[..start + choice.len()]);
            a.set_value(&new);
            let _ = a.set_selection_range(at, at);
            value.set(new);
        }
        suggestions.set(Vec::new());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if suggestions.try_with_untracked(|s| !s.is_empty()) != Some(true) {
            return;
        }
        let n = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                chosen.update(|c| *c = (*c + 1) % n);
            }
            "ArrowUp" => {
                ev.prevent_default();
                chosen.update(|c| *c = (*c + n - 1) % n);
            }
            "Tab" | "Enter" => {
                ev.prevent_default();
                accept(chosen.get_untracked());
            }
            "Escape" => {
                ev.prevent_default();
                suggestions.set(Vec::new());
            }
            _ => {}
        }
    };
    let go_to_line = move |line: u32| {
        let Some(Some(a)) = area.try_get_untracked() else { return };
        let text = a.value();
        let start: usize = text.split('\n').take(line.saturating_sub(1) as usize).map(|l| l.len() + 1).sum();
        let at = u16_len(&text[..start.min(text.len())]);
        let _ = a.focus();
        let _ = a.set_selection_range(at, at);
    };
    let mono = "m-0 whitespace-pre p-3 font-mono text-sm leading-6";
    view! {
        <div class="space-y-2">
            <div class="flex items-baseline justify-between">
                <label for=area_id.clone() class="block text-sm font-medium">{label}</label>
                <span class="text-xs text-slate-500 dark:text-slate-400">
                    {move || format!("Language: {}", parsed.with(|p| p.language.clone()))}
                </span>
            </div>
            <div class="flex h-96 overflow-hidden rounded-md border border-slate-300 bg-white focus-within:ring-2 focus-within:ring-indigo-500 dark:border-slate-700 dark:bg-slate-950">
                <div node_ref=gutter aria-hidden="true" class="w-12 shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 py-3 text-right font-mono text-sm leading-6 text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                    {move || (1..=lines.get() as u32).map(|n| {
                        let bad = wrong.with(|w| w.contains(&n));
                        view! {
                            <div class=if bad { "bg-red-100 pr-2 font-bold text-red-700 dark:bg-red-950 dark:text-red-300" } else { "pr-2" }
                                data-testid=bad.then_some("gherkin-error-marker") title=bad.then(|| format!("Line {n} has an error"))>
                                {if bad { format!("! {n}") } else { n.to_string() }}
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="relative min-w-0 flex-1">
                    <pre node_ref=layer aria-hidden="true" class=format!("{mono} pointer-events-none absolute inset-0 overflow-hidden text-slate-900 dark:text-slate-100")
                        inner_html=move || { let w = wrong.get(); value.with(|v| highlight_html(v, &w)) + " " }></pre>
                    <textarea id=area_id node_ref=area spellcheck="false" autocomplete="off" wrap="off"
                        aria-invalid=move || (!parsed.with(Parsed::is_valid)).then_some("true")
                        aria-describedby=problems_id.clone()
                        aria-autocomplete="list" aria-controls=list_id.clone()
                        aria-activedescendant=move || (!suggestions.read().is_empty()).then(|| format!("{option_prefix}{}", chosen.get()))
                        class=format!("{mono} absolute inset-0 h-full w-full resize-none overflow-auto bg-transparent text-transparent caret-slate-900 outline-none selection:bg-indigo-200/60 dark:caret-slate-100")
                        prop:value=move || value.get()
                        on:input=move |ev| { value.set(event_target_value(&ev)); suggest(); }
                        on:keydown=on_keydown
                        on:scroll=move |_| sync_scroll()
                        on:blur=move |_| suggestions.set(Vec::new())></textarea>
                </div>
            </div>
            <ul id=list_id role="listbox" aria-label="Keyword suggestions"
                class=move || if suggestions.read().is_empty() { "hidden" } else { "flex flex-wrap gap-1 text-sm" }>
                {move || suggestions.get().into_iter().enumerate().map(|(i, s)| view! {
                    <li id=format!("{option_prefix_li}{i}") role="option" aria-selected=move || (chosen.get() == i).to_string()
                        class=move || if chosen.get() == i { "rounded bg-indigo-600 px-2 py-0.5 text-white" } else { "rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700" }
                        on:mousedown=move |ev| { ev.prevent_default(); accept(i); }>{s}</li>
                }).collect_view()}
            </ul>
            <div id=problems_id role="alert" aria-live="polite" data-testid="gherkin-errors" class="text-sm text-red-700 dark:text-red-400">
                {move || error.get().map(|e| view! { <p>{value.with(|v| parsed.with(|p| server_error(e, v, p)))}</p> })}
                <ul>
                    {move || parsed.with(|p| p.errors.iter().map(|e| (e.clone(), gherkin::explain(e, &p.language))).collect::<Vec<_>>())
                        .into_iter().map(|(e, explained)| {
                        let line = e.line;
                        view! {
                            // The parser's own wording (Cucumber's) stays at hand for people who know it.
                            <li title=e.message()>
                                <button type="button" class="underline" on:click=move |_| go_to_line(line)>
                                    {format!("Line {}, column {}", e.line, e.column)}
                                </button>
                                {format!(": {explained}")}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
            <Outline parsed value name label=outline_of/>
        </div>
    }
}

/// The scenarios the runner will execute: outlines expanded, Background steps included.
#[component]
fn Outline(parsed: Memo<Parsed>, value: RwSignal<String>, name: String, label: Option<String>) -> impl IntoView {
    let title_id = format!("{name}-outline-title");
    let labelled_by = title_id.clone();
    let scenarios = Memo::new(move |_| {
        parsed.with(|p| p.feature.as_ref().filter(|_| p.is_valid()).map(|f| scenarios_to_run(f, &p.language)))
    });
    view! {
        <section aria-labelledby=labelled_by class="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <h2 id=title_id class="text-sm font-semibold">
                {move || match scenarios.get() {
                    Some(s) => format!("Scenarios to run ({})", s.len()),
                    None => "Scenarios to run".to_owned(),
                }}
                {label.map(|l| view! { <span class="sr-only">{format!(" — {l}")}</span> })}
            </h2>
            {move || match scenarios.get() {
                None => view! { <p class="mt-1 text-sm text-slate-500 dark:text-slate-400">"Fix the errors above to see the scenarios."</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="mt-1 text-sm text-slate-500 dark:text-slate-400">{move || format!("No scenarios to run yet. {}", value.with(|v| nothing_to_run(v, &parsed.with(|p| p.language.clone()))))}</p> }.into_any(),
                Some(list) => view! {
                    <ol class="mt-2 space-y-2 text-sm" data-testid="scenario-outline">
                        {list.into_iter().map(|s| view! {
                            <li>
                                <p class="font-medium">{s.name.clone()}
                                    {(!s.tags.is_empty()).then(|| view! { <span class="ml-2 text-xs text-amber-700 dark:text-amber-300">{s.tags.join(" ")}</span> })}
                                </p>
                                <ol class="ml-4 list-decimal pl-4 text-slate-700 dark:text-slate-300">
                                    {s.steps.into_iter().map(|st| view! { <li><span class="font-semibold">{st.keyword.clone()}</span>{st.text.clone()}</li> }).collect_view()}
                                </ol>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_refusal_points_at_what_the_editor_already_shows() {
        let refused = |source: &str| {
            let why = crate::test_cases::model::runnable(source, &gherkin::parse(source)).unwrap_err();
            server_error(format!("{READY_NEEDS_VALID} {why}"), source, &gherkin::parse(source))
        };
        let typo = "Feature: Pay\n  Scenario: card\n    Given a cart\n    Whne I pay\n";
        assert_eq!(refused(typo), format!("{READY_NEEDS_VALID} Fix the errors listed below, or save it as a draft."));
        let described = "Feature: Pay\n  Scenaro: card\n    Given a cart\n";
        assert_eq!(
            refused(described),
            format!(
                "{READY_NEEDS_VALID} Add a scenario with steps (see “Scenarios to run” below), or save it as a draft."
            )
        );
        // Nothing below explains an empty document, and other messages pass through.
        assert_eq!(refused(""), format!("{READY_NEEDS_VALID} Write a Feature with at least one scenario."));
        let other = "Keep the Gherkin under 100,000 characters.".to_owned();
        assert_eq!(server_error(other.clone(), typo, &gherkin::parse(typo)), other);
    }

    #[test]
    fn utf16_offsets_map_to_bytes() {
        let s = "añ😀b";
        assert_eq!(byte_at(s, 0), 0);
        assert_eq!(byte_at(s, 2), 3);
        assert_eq!(byte_at(s, 4), 7);
        assert_eq!(byte_at(s, 99), s.len());
        assert_eq!(u16_len(s), 5);
    }

    #[test]
    fn the_keyword_being_typed_is_the_line_start_up_to_the_caret() {
        let s = "Feature: x\n    Gi";
        assert_eq!(typed_keyword(s, s.len()), Some((15, "Gi")));
        assert_eq!(typed_keyword("Feature: x", 10), None);
        assert_eq!(typed_keyword("x\n   ", 5), None);
    }
}
