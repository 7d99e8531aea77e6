//! Realistic, deterministic demo content: stories with acceptance criteria, and Gherkin test
//! cases (scenarios, outlines with examples, backgrounds, tables), from a seed.
use app::{
    stories::model::{Priority, StoryStatus},
    test_cases::model::{CaseKind, CaseStatus, ValidCase},
};

/// SplitMix64: a tiny generator whose sequence never changes with a dependency update.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ROLES: [&str; 8] = [
    "shopper",
    "guest",
    "administrator",
    "support agent",
    "warehouse clerk",
    "manager",
    "new customer",
    "returning customer",
];
const AREAS: [&str; 12] = [
    "checkout",
    "cart",
    "login",
    "search",
    "profile",
    "orders",
    "payments",
    "shipping",
    "returns",
    "catalog",
    "reviews",
    "notifications",
];
const ACTIONS: [(&str, &str); 12] = [
    ("pay", "by card"),
    ("reset", "my password"),
    ("filter", "products by price"),
    ("save", "a delivery address"),
    ("cancel", "an order"),
    ("download", "an invoice"),
    ("apply", "a discount code"),
    ("track", "a shipment"),
    ("change", "my email address"),
    ("export", "my order history"),
    ("rate", "a product"),
    ("subscribe", "to stock alerts"),
];
const OUTCOMES: [&str; 10] = [
    "a confirmation is shown",
    "an email is sent within a minute",
    "the change is visible on the next page load",
    "the total is recalculated",
    "an audit entry is written",
    "the previous value can no longer be used",
    "an error explains what to fix",
    "the list is sorted as chosen",
    "the receipt lists every item",
    "nothing is charged twice",
];
const TAGS: [&str; 10] =
    ["smoke", "regression", "checkout", "mobile", "a11y", "security", "slow", "api", "happy-path", "edge-case"];
const VARIANTS: [&str; 10] = [
    "with valid data",
    "with an expired session",
    "on a slow connection",
    "twice in a row",
    "as a first-time user",
    "with a long name",
    "with accented characters",
    "after a failed attempt",
    "from a phone",
    "with the maximum quantity",
];

/// A demo story: title, description, criteria, priority, status, epic, sprint.
pub struct DemoStory {
    pub title: String,
    pub description: String,
    pub criteria: Vec<String>,
    pub priority: Priority,
    pub status: StoryStatus,
    pub epic: String,
    pub sprint: String,
}

pub fn story(rng: &mut Rng, i: usize) -> DemoStory {
    let role = rng.pick(&ROLES);
    let (verb, object) = rng.pick(&ACTIONS);
    let area = rng.pick(&AREAS);
    let criteria = (0..3 + rng.below(3)).map(|_| format!("When I {verb} {object}, {}", rng.pick(&OUTCOMES))).collect();
    DemoStory {
        title: format!("As a {role} I can {verb} {object} ({area} #{i})"),
        description: format!("So that the {area} area serves {role}s without help from support."),
        criteria,
        priority: *rng.pick(Priority::ALL),
        status: *rng.pick(StoryStatus::ALL),
        epic: format!("{}{}", area[..1].to_uppercase(), &area[1..]),
        sprint: format!("Sprint {}", 1 + i % 12),
    }
}

/// A demo case for `story` (its number and title). Its Gherkin is always valid.
pub fn case(rng: &mut Rng, i: usize, story: Option<(i64, &str)>) -> ValidCase {
    let (verb, object) = rng.pick(&ACTIONS);
    let variant = rng.pick(&VARIANTS);
    let role = rng.pick(&ROLES);
    let outcome = rng.pick(&OUTCOMES);
    let area = rng.pick(&AREAS);
    let title = format!("{}{} {object} {variant}", verb[..1].to_uppercase(), &verb[1..]);
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let t = rng.pick(&TAGS).to_string();
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let tag_line = tags.iter().map(|t| format!("@{t}")).collect::<Vec<_>>().join(" ");
    let mut g = format!("{tag_line}\nFeature: {title}\n  Case {i} of the {area} area.\n\n");
    if rng.below(3) == 0 {
        g.push_str(&format!("  Background:\n    Given I am signed in as a {role}\n\n"));
    }
    if rng.below(4) == 0 {
        g.push_str(&format!(
            "  Scenario Outline: {verb} {object} with <quantity> items\n    Given my cart holds <quantity> items\n    When I {verb} {object}\n    Then {outcome}\n\n    Examples:\n      | quantity |\n      | 1        |\n      | 5        |\n      | 99       |\n"
        ));
    } else {
        g.push_str(&format!("  Scenario: {verb} {object} {variant}\n    Given I open the {area} page\n"));
        if rng.below(3) == 0 {
            g.push_str("    And these details:\n      | field | value         |\n      | name  | Ada Lovelace  |\n      | city  | London        |\n");
        }
        g.push_str(&format!("    When I {verb} {object}\n    Then {outcome}\n"));
    }
    ValidCase {
        title,
        description: format!("Checks that a {role} can {verb} {object} {variant}."),
        preconditions: if rng.below(2) == 0 { format!("A {role} account exists.") } else { String::new() },
        story: story.map(|(n, _)| n),
        criteria: Vec::new(),
        kind: *rng.pick(CaseKind::ALL),
        priority: *rng.pick(Priority::ALL),
        status: *rng.pick(&[CaseStatus::Ready, CaseStatus::Ready, CaseStatus::Draft, CaseStatus::Deprecated]),
        tags,
        estimated_minutes: Some(5 + rng.below(12) as i32 * 5),
        automated: rng.below(3) == 0,
        gherkin: g,
        gherkin_valid: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_content() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(case(&mut a, 1, None), case(&mut b, 1, None));
        assert_ne!(case(&mut a, 2, None), case(&mut Rng::new(8), 2, None));
    }

    #[test]
    fn every_generated_case_is_valid_gherkin() {
        let mut rng = Rng::new(42);
        for i in 0..500 {
            let c = case(&mut rng, i, Some((1, "x")));
            let parsed = app::test_cases::gherkin::parse(&c.gherkin);
            assert!(parsed.is_valid(), "case {i}: {:?}\n{}", parsed.errors, c.gherkin);
            assert!(!app::test_cases::gherkin::pickles(parsed.feature.as_ref().unwrap(), &parsed.language).is_empty());
        }
    }
}
