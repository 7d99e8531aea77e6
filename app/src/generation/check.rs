//! Checking what a generator proposed before it becomes a suggestion: the Gherkin must parse and
//! run ([F4]'s parser) in the requested dialect, the case must name the story's criteria it
//! covers (and only those), and it must not repeat a case the story already has or another
//! proposal of the same answer (normalized-text similarity). What fails is reported in plain
//! words, never silently dropped.
use super::model::{Lang, Proposal, StoryBrief};
use crate::test_cases::{gherkin, model::runnable};
use std::collections::BTreeSet;

/// Similarity (0–1) above which two cases count as the same.
pub const SAME: f64 = 0.9;
/// Longest generated Gherkin accepted.
const MAX_GHERKIN: usize = 20_000;

/// Lower-cased words of letters and digits, joined by single spaces.
pub fn normalize(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How alike two texts are once normalized (1 for the same words in the same order).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let a: Vec<&str> = a.split(' ').collect();
    let b: Vec<&str> = b.split(' ').collect();
    f64::from(similar::TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_slices(&a, &b).ratio())
}

/// One proposal's problem, if it has one.
fn problem(story: &StoryBrief, lang: Lang, p: &Proposal, kept: &[Proposal]) -> Option<String> {
    if p.title.trim().is_empty() {
        return Some("it has no title".to_owned());
    }
    if p.title.chars().count() > 300 {
        return Some("its title is longer than 300 characters".to_owned());
    }
    if p.gherkin.len() > MAX_GHERKIN {
        return Some("its Gherkin is longer than 20,000 characters".to_owned());
    }
    let parsed = gherkin::parse(&p.gherkin);
    if let Err(why) = runnable(&p.gherkin, &parsed) {
        return Some(format!("its Gherkin does not parse: {why}"));
    }
    if parsed.language != lang.dialect() {
        return Some(format!("its Gherkin is written in the “{}” dialect, not “{}”", parsed.language, lang.dialect()));
    }
    let known: BTreeSet<_> = story.criteria.iter().map(|(id, _)| *id).collect();
    if let Some(bad) = p.criteria.iter().find(|c| !known.contains(c)) {
        return Some(format!("it names criterion {bad}, which is not one of the story's"));
    }
    if !known.is_empty() && p.criteria.is_empty() {
        return Some("it names no acceptance criterion it covers".to_owned());
    }
    if let Some(t) = story.existing.iter().find(|t| similarity(t, &p.title) >= SAME) {
        return Some(format!("it repeats the existing case “{t}”"));
    }
    if let Some(k) =
        kept.iter().find(|k| similarity(&k.title, &p.title) >= SAME || similarity(&k.gherkin, &p.gherkin) >= SAME)
    {
        return Some(format!("it repeats “{}” of the same answer", k.title));
    }
    None
}

/// The proposals worth keeping, and a problem line for each other one (`“title”: why`).
pub fn check(
    story: &StoryBrief,
    lang: Lang,
    proposals: Vec<Proposal>,
    kept_before: &[Proposal],
) -> (Vec<Proposal>, Vec<String>) {
    let mut kept: Vec<Proposal> = kept_before.to_vec();
    let mut problems = Vec::new();
    let start = kept.len();
    for mut p in proposals {
        p.criteria.sort();
        p.criteria.dedup();
        match problem(story, lang, &p, &kept) {
            None => kept.push(p),
            Some(why) => problems
                .push(format!("“{}”: {why}", if p.title.trim().is_empty() { "untitled" } else { p.title.trim() })),
        }
    }
    (kept.split_off(start), problems)
}

/// The story's criteria none of `kept` covers.
pub fn uncovered<'a>(
    story: &'a StoryBrief,
    kept: &[Proposal],
) -> Vec<&'a (crate::stories::model::CriterionId, String)> {
    story.criteria.iter().filter(|(id, _)| !kept.iter().any(|p| p.criteria.contains(id))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{stories::model::CriterionId, test_cases::model::CaseKind};

    fn story() -> StoryBrief {
        StoryBrief {
            key: "SHOP-US-1".into(),
            title: "Checkout".into(),
            description: String::new(),
            criteria: vec![(CriterionId(1), "Cards".into()), (CriterionId(2), "Vouchers".into())],
            existing: vec!["Pay by card".into()],
        }
    }

    fn proposal(title: &str, criteria: &[i64], gherkin: &str) -> Proposal {
        Proposal {
            title: title.into(),
            kind: CaseKind::Functional,
            criteria: criteria.iter().copied().map(CriterionId).collect(),
            gherkin: gherkin.into(),
        }
    }

    const GOOD: &str = "Feature: Checkout\n  Scenario: voucher\n    Given a cart\n    When I add a voucher\n    Then the total drops\n";

    #[test]
    fn each_kind_of_bad_proposal_is_reported_with_its_reason() {
        let other = GOOD.replace("voucher", "gift card").replace("total drops", "balance shows");
        let (kept, problems) = check(
            &story(),
            Lang::En,
            vec![
                proposal("Voucher lowers the total", &[2], GOOD),
                proposal("Broken", &[1], "Feature: X\n  Scenario: s\n    Given a\n  Examples:\n"),
                proposal("Spanish", &[1], "# language: es\nCaracterística: X\n  Escenario: s\n    Dado a\n"),
                proposal("Unknown criterion", &[9], &other),
                proposal("No criterion", &[], &other),
                proposal("pay by CARD!", &[1], &other),
                proposal("Voucher lowers the total.", &[2], &other),
                proposal("", &[1], &other),
            ],
            &[],
        );
        assert_eq!(kept.len(), 1, "{problems:?}");
        let joined = problems.join("\n");
        for needle in [
            "does not parse",
            "“es” dialect",
            "criterion 9",
            "names no acceptance",
            "existing case “Pay by card”",
            "of the same answer",
            "untitled",
        ] {
            assert!(joined.contains(needle), "{needle} not in {joined}");
        }
        assert_eq!(uncovered(&story(), &kept).len(), 1);
    }

    #[test]
    fn similarity_ignores_case_and_punctuation() {
        assert!(similarity("Pay by card", "pay by CARD!") > 0.99);
        assert!(similarity("Pay by card", "Refund a voucher") < 0.5);
    }
}
