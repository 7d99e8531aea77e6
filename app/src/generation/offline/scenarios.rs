//! The scenarios the rules write, in English or Spanish: a positive one for every criterion, and
//! the boundary, broken-rule, per-option and unauthorized ones its wording allows.
use super::{
    numbers::{Bound, Limit},
    pick,
    rules::{find_any, one_line, shorten, Analysis},
};
use crate::generation::model::Lang;

/// Longest scenario name taken from a criterion.
const MAX_NAME: usize = 100;
/// Longest part of a criterion repeated in the names of its other scenarios.
const MAX_SHORT: usize = 60;
/// Most characters of a story's description read.
const MAX_DESCRIPTION: usize = 300;

/// A step's keyword, written in the document's dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyword {
    Given,
    When,
    Then,
    And,
}

/// The table of a Scenario Outline: column names and one row per example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Examples {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One scenario before it is written out; every text is one non-empty line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scenario {
    pub name: String,
    pub steps: Vec<(Keyword, String)>,
    /// Present for a Scenario Outline.
    pub examples: Option<Examples>,
}

fn access(lang: Lang, feature: &str) -> (Keyword, String) {
    let text =
        pick(lang, format!("the user has access to “{feature}”"), format!("que el usuario tiene acceso a «{feature}»"));
    (Keyword::Given, text)
}

fn applies(lang: Lang, criterion: &str) -> (Keyword, String) {
    let text = pick(lang, format!("the criterion applies: {criterion}"), format!("se aplica el criterio: {criterion}"));
    (Keyword::And, text)
}

fn step(keyword: Keyword, lang: Lang, en: &str, es: &str) -> (Keyword, String) {
    (keyword, pick(lang, en, es).to_owned())
}

/// The scenario showing the criterion met: its own steps when it is written as steps.
pub(super) fn positive(lang: Lang, feature: &str, a: &Analysis) -> Scenario {
    let steps = match &a.steps {
        Some([given, when, then]) => {
            vec![(Keyword::Given, given.clone()), (Keyword::When, when.clone()), (Keyword::Then, then.clone())]
        }
        None => vec![
            access(lang, feature),
            step(
                Keyword::When,
                lang,
                "they act as the criterion describes, with valid data",
                "actúa como describe el criterio, con datos válidos",
            ),
            (
                Keyword::Then,
                pick(lang, format!("the outcome matches: {}", a.text), format!("el resultado cumple: {}", a.text)),
            ),
        ],
    };
    Scenario { name: shorten(&a.text, MAX_NAME), steps, examples: None }
}

/// The other scenarios its wording allows, in this order: boundaries, the broken rule, each
/// option, the unauthorized person.
pub(super) fn extras(lang: Lang, feature: &str, a: &Analysis) -> Vec<Scenario> {
    let mut out: Vec<Scenario> = a.bounds.iter().map(|b| boundary(lang, feature, a, b)).collect();
    if a.strict {
        out.push(violation(lang, feature, a));
    }
    if a.items.len() >= 2 {
        out.push(each_option(lang, feature, a));
    }
    if let Some(role) = &a.role {
        out.push(unauthorized(lang, a, role));
    }
    out
}

fn name(a: &Analysis, what: &str) -> String {
    format!("{} ({what})", shorten(&a.text, MAX_SHORT))
}

/// A Scenario Outline trying the values at and just past a limit.
fn boundary(lang: Lang, feature: &str, a: &Analysis, b: &Bound) -> Scenario {
    let unit = if b.unit.is_empty() { String::new() } else { format!(" {}", b.unit) };
    let value = pick(lang, "value", "valor");
    let (yes, no) = pick(lang, ("accepted", "refused"), ("aceptado", "rechazado"));
    let row = |n: i64, outcome: &str| vec![n.to_string(), outcome.to_owned()];
    let (column, then, rows) = match b.limit {
        Limit::Bare(n) => {
            let (column, below, at, above) = pick(
                lang,
                ("position", "just below", "equal to", "just above"),
                ("posición", "justo por debajo de", "igual a", "justo por encima de"),
            );
            let then = pick(
                lang,
                format!("the result matches the criterion for a value <{column}> {n}"),
                format!("el resultado cumple el criterio para un valor <{column}> {n}"),
            );
            (column, then, vec![row(n.saturating_sub(1), below), row(n, at), row(n.saturating_add(1), above)])
        }
        limit => {
            let column = pick(lang, "outcome", "resultado");
            let then = pick(lang, format!("the value is <{column}>"), format!("el valor es <{column}>"));
            let rows = match limit {
                Limit::AtLeast(n) => vec![row(n, yes), row(n.saturating_sub(1), no)],
                Limit::AtMost(n) => vec![row(n, yes), row(n.saturating_add(1), no)],
                Limit::Exactly(n) | Limit::Bare(n) => {
                    vec![row(n.saturating_sub(1), no), row(n, yes), row(n.saturating_add(1), no)]
                }
                Limit::Between(low, high) => {
                    vec![row(low.saturating_sub(1), no), row(low, yes), row(high, yes), row(high.saturating_add(1), no)]
                }
            };
            (column, then, rows)
        }
    };
    let what = format!("{}: {}", pick(lang, "boundary", "límite"), b.label);
    Scenario {
        name: name(a, &what),
        steps: vec![
            access(lang, feature),
            applies(lang, &a.text),
            (
                Keyword::When,
                pick(lang, format!("the value is <{value}>{unit}"), format!("el valor es <{value}>{unit}")),
            ),
            (Keyword::Then, then),
        ],
        examples: Some(Examples { header: vec![value.to_owned(), column.to_owned()], rows }),
    }
}

/// What happens when the rule is broken: refused with a clear message, nothing saved.
fn violation(lang: Lang, feature: &str, a: &Analysis) -> Scenario {
    Scenario {
        name: name(a, pick(lang, "rule broken", "regla incumplida")),
        steps: vec![
            access(lang, feature),
            applies(lang, &a.text),
            step(Keyword::When, lang, "they do something that breaks the rule", "hace algo que incumple la regla"),
            step(
                Keyword::Then,
                lang,
                "the system refuses it with a clear message",
                "el sistema lo rechaza con un mensaje claro",
            ),
            step(Keyword::And, lang, "nothing is saved", "no se guarda nada"),
        ],
        examples: None,
    }
}

/// A Scenario Outline with one example per listed option.
fn each_option(lang: Lang, feature: &str, a: &Analysis) -> Scenario {
    let column = pick(lang, "option", "opción");
    Scenario {
        name: name(a, pick(lang, "each option", "cada opción")),
        steps: vec![
            access(lang, feature),
            applies(lang, &a.text),
            (Keyword::When, pick(lang, format!("they choose <{column}>"), format!("elige <{column}>"))),
            (
                Keyword::Then,
                pick(
                    lang,
                    format!("<{column}> is handled as the criterion states"),
                    format!("<{column}> se trata como indica el criterio"),
                ),
            ),
        ],
        examples: Some(Examples {
            header: vec![column.to_owned()],
            rows: a.items.iter().map(|item| vec![item.clone()]).collect(),
        }),
    }
}

/// A person without the role the criterion names is refused.
fn unauthorized(lang: Lang, a: &Analysis, role: &str) -> Scenario {
    let what = pick(lang, format!("without the {role} role"), format!("sin el rol {role}"));
    Scenario {
        name: name(a, &what),
        steps: vec![
            (
                Keyword::Given,
                pick(
                    lang,
                    format!("a person without the {role} role is signed in"),
                    format!("que una persona sin el rol {role} ha iniciado sesión"),
                ),
            ),
            applies(lang, &a.text),
            step(
                Keyword::When,
                lang,
                "they try to do what the criterion allows",
                "intenta hacer lo que permite el criterio",
            ),
            step(Keyword::Then, lang, "the system refuses them access", "el sistema le deniega el acceso"),
            step(Keyword::And, lang, "nothing changes", "nada cambia"),
        ],
        examples: None,
    }
}

/// The scenario of a story without criteria, from its title and description: "As a X, I want Y
/// so that Z" gives Given X, When Y, Then Z.
pub(super) fn from_story(lang: Lang, feature: &str, description: &str) -> Scenario {
    let first = description.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let head = match first.char_indices().nth(4 * MAX_DESCRIPTION) {
        Some((at, _)) => &first[..at],
        None => first,
    };
    let description = shorten(&one_line(head), MAX_DESCRIPTION);
    let steps = match user_story(&description) {
        Some((who, what, why)) => {
            let then = match why {
                Some(why) => {
                    let es = format!("logra su objetivo: {why}");
                    pick(lang, why, es)
                }
                None => pick(lang, format!("they can {what}"), format!("puede {what}")),
            };
            vec![
                (
                    Keyword::Given,
                    pick(lang, format!("the user acts as {who}"), format!("que el usuario actúa como {who}")),
                ),
                (Keyword::When, pick(lang, format!("they try to {what}"), format!("intenta {what}"))),
                (Keyword::Then, then),
            ]
        }
        None => {
            let then = if description.is_empty() {
                pick(lang, format!("“{feature}” works as described"), format!("«{feature}» funciona como se describe"))
            } else {
                pick(lang, format!("the outcome matches: {description}"), format!("el resultado cumple: {description}"))
            };
            vec![
                access(lang, feature),
                step(Keyword::When, lang, "they use it as the story describes", "lo usa como describe la historia"),
                (Keyword::Then, then),
            ]
        }
    };
    Scenario { name: shorten(feature, MAX_NAME), steps, examples: None }
}

const EN_WANTS: &[&str] = &[" i want to ", " i want ", " i would like to ", " i need to ", " i need "];
const EN_WHYS: &[&str] = &[" so that ", " in order to "];
const ES_WANTS: &[&str] = &[" quiero ", " deseo ", " necesito "];
const ES_WHYS: &[&str] = &[" para que ", " para "];

/// Who, what and (if given) why of "As a X, I want Y so that Z" or "Como X, quiero Y para Z".
fn user_story(text: &str) -> Option<(String, String, Option<String>)> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` slice `text`.
    let lower = text.to_ascii_lowercase();
    let (from, wants, whys) = if lower.starts_with("as ") {
        (3, EN_WANTS, EN_WHYS)
    } else if lower.starts_with("como ") {
        (5, ES_WANTS, ES_WHYS)
    } else {
        return None;
    };
    let (want, want_len) = find_any(&lower, from, wants)?;
    let rest = want + want_len;
    let (what, why) = match find_any(&lower, rest, whys) {
        Some((at, len)) => (&text[rest..at], Some(&text[at + len..])),
        None => (&text[rest..], None),
    };
    let clean = |s: &str| s.trim().trim_matches([',', '.', ';', '!']).trim().to_owned();
    let (who, what, why) = (clean(&text[from..want]), clean(what), why.map(clean).filter(|w| !w.is_empty()));
    (!who.is_empty() && !what.is_empty()).then_some((who, what, why))
}
