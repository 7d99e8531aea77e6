//! The built-in offline generator, the default when no provider is configured: deterministic
//! rules that turn each acceptance criterion into a positive scenario, plus boundary, broken-rule,
//! per-option and unauthorized scenarios where its wording allows (`rules.rs` and `numbers.rs`
//! read the wording, `scenarios.rs` writes the scenarios, `render.rs` the document). No network,
//! no randomness, no clock: the same story and request always give the same cases.
mod numbers;
mod render;
mod rules;
mod scenarios;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use super::model::{GenerateInput, Lang, Proposal, StoryBrief};
use crate::stories::model::CriterionId;
use rules::{one_line, shorten, Analysis};
use scenarios::Scenario;

/// The generator's name as shown to people and stored as provenance.
pub const NAME: &str = super::model::OFFLINE_NAME;
/// The version of the rules, stored as the model that wrote a case.
pub const MODEL: &str = super::model::OFFLINE_MODEL;

/// Longest case title, suffixes for parts aside.
const MAX_TITLE: usize = 120;
/// Longest story title used as the feature's name.
const MAX_FEATURE: usize = 300;

/// `en` in English, `es` in Spanish.
fn pick<T>(lang: Lang, en: T, es: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// The cases for one story. Every criterion asked for (all of the story's, or those of
/// `input.only_criteria`) gets its positive scenario in exactly one case, whatever the caps:
/// at most `input.cases` cases but no more than criteria, criteria split among them in order,
/// then each case's other scenarios up to `input.scenarios`. A story without criteria gets one
/// case from its title and description.
pub fn generate(story: &StoryBrief, input: &GenerateInput) -> Vec<Proposal> {
    let lang = input.language;
    let feature = feature_name(story, lang);
    let kinds = input.kinds_or_default();
    let kind = |i: usize| kinds.get(i % kinds.len().max(1)).copied().unwrap_or_default();
    let mut taken: BTreeSet<String> = story.existing.iter().map(String::as_str).map(title_key).collect();
    let criteria: Vec<&(CriterionId, String)> = story
        .criteria
        .iter()
        .filter(|(id, _)| input.only_criteria.is_empty() || input.only_criteria.contains(id))
        .collect();

    if criteria.is_empty() {
        let scenario = scenarios::from_story(lang, &feature, &story.description);
        return vec![Proposal {
            title: unique(shorten(&feature, MAX_TITLE), lang, &mut taken),
            kind: kind(0),
            criteria: Vec::new(),
            gherkin: render::document(lang, &feature, &[scenario]),
        }];
    }

    let sizes = split(criteria.len(), usize::from(input.cases));
    let parts = sizes.len();
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    for (i, size) in sizes.into_iter().enumerate() {
        let group: Vec<(CriterionId, Analysis)> =
            criteria[start..start + size].iter().map(|(id, text)| (*id, read(*id, text, lang))).collect();
        start += size;
        // Positive scenarios first, so the cap never drops one.
        let mut written: Vec<Scenario> = group.iter().map(|(_, a)| scenarios::positive(lang, &feature, a)).collect();
        written.extend(group.iter().flat_map(|(_, a)| scenarios::extras(lang, &feature, a)));
        written.truncate(usize::from(input.scenarios).max(size));
        let title = match group.as_slice() {
            [(_, a)] => shorten(&format!("{}: {}", shorten(&feature, MAX_TITLE / 2), a.text), MAX_TITLE),
            _ if parts == 1 => shorten(&feature, MAX_TITLE),
            _ => {
                let n = i + 1;
                let suffix = pick(lang, format!(" (part {n} of {parts})"), format!(" (parte {n} de {parts})"));
                format!("{}{suffix}", shorten(&feature, MAX_TITLE - suffix.chars().count()))
            }
        };
        out.push(Proposal {
            title: unique(title, lang, &mut taken),
            kind: kind(i),
            criteria: group.iter().map(|(id, _)| *id).collect(),
            gherkin: render::document(lang, &feature, &written),
        });
    }
    out
}

/// The story's title on one line, or its key, or a plain word when both are blank.
fn feature_name(story: &StoryBrief, lang: Lang) -> String {
    [&story.title, &story.key]
        .into_iter()
        .map(|s| shorten(&one_line(s), MAX_FEATURE))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| pick(lang, "Story", "Historia").to_owned())
}

/// One criterion read by the rules; a blank one is named by its id.
fn read(id: CriterionId, text: &str, lang: Lang) -> Analysis {
    let mut analysis = rules::analyse(text);
    if analysis.text.is_empty() {
        analysis.text = pick(lang, format!("Criterion {id}"), format!("Criterio {id}"));
    }
    analysis
}

/// Sizes of contiguous groups of `n` criteria for `cases` cases: at least one group, never an
/// empty one, sizes as even as possible with the larger ones first.
fn split(n: usize, cases: usize) -> Vec<usize> {
    let count = cases.clamp(1, n.max(1));
    let (base, extra) = (n / count, n % count);
    (0..count).map(|i| base + usize::from(i < extra)).collect()
}

/// How titles are compared: trimmed, whitespace collapsed, lower case.
fn title_key(title: &str) -> String {
    one_line(title).to_lowercase()
}

/// `title`, or its first free "(variant n)", so no two cases of the story share a title.
fn unique(title: String, lang: Lang, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = title.clone();
    let mut n = 2;
    while taken.contains(&title_key(&candidate)) {
        candidate = pick(lang, format!("{title} (variant {n})"), format!("{title} (variante {n})"));
        n += 1;
    }
    taken.insert(title_key(&candidate));
    candidate
}
