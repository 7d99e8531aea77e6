//! Validation, ready rules and bulk edits of test cases.
use super::*;

fn input(status: CaseStatus, gherkin: &str) -> CaseInput {
    CaseInput { title: "Log in".into(), status, gherkin: gherkin.into(), ..Default::default() }
}

const GOOD: &str = "Feature: Login\n  Scenario: ok\n    Given a user\n    Then they are in\n";

#[test]
fn wire_names_match_serde() {
    for k in CaseKind::ALL {
        assert_eq!(serde_json::to_string(k).unwrap(), format!("\"{}\"", k.as_str()));
    }
    for s in CaseStatus::ALL {
        assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.as_str()));
    }
    for r in RunResult::ALL {
        assert_eq!(serde_json::to_string(r).unwrap(), format!("\"{}\"", r.as_str()));
    }
}

#[test]
fn invalid_gherkin_is_refused_as_ready_with_its_line() {
    let err =
        input(CaseStatus::Ready, "Feature: x\n  Scenario: y\n    Given ok\n    Gvien a typo\n").validate().unwrap_err();
    let AppError::Invalid(f) = err else { panic!("expected field errors") };
    let msg = f.get("gherkin").unwrap();
    assert_eq!(
        msg,
        "Only valid Gherkin can be ready. Line 4, column 5: “Gvien” is not a keyword. Did you mean “Given”?"
    );
}

#[test]
fn a_feature_with_nothing_to_run_is_refused_as_ready() {
    // A misspelt "Scenario Outline:" makes every line below it the feature's description.
    let described = "Feature: Pay\n\n  Scenario Outlin: card\n    Given a cart\n    When I pay\n";
    let stepless = "Feature: Pay\n\n  Scenario: card\n";
    let hint = "Line 3: “Scenario Outlin” is not a keyword. Did you mean “Scenario Outline:”? ";
    for (text, why) in [(described, hint), (stepless, "")] {
        let AppError::Invalid(f) = input(CaseStatus::Ready, text).validate().unwrap_err() else {
            panic!("expected field errors")
        };
        assert_eq!(f.get("gherkin").unwrap(), format!("{READY_NEEDS_VALID} {why}{NO_SCENARIOS}"));
        assert!(!input(CaseStatus::Draft, text).validate().unwrap().gherkin_valid);
    }
}

#[test]
fn invalid_gherkin_can_be_saved_as_a_draft() {
    let v = input(CaseStatus::Draft, "Feature: x\n  Scenario: y\n    Given ok\n    Gvien a typo\n").validate().unwrap();
    assert!(!v.gherkin_valid);
    let v = input(CaseStatus::Ready, GOOD).validate().unwrap();
    assert!(v.gherkin_valid);
}

#[test]
fn an_empty_document_cannot_be_ready() {
    assert!(input(CaseStatus::Ready, "").validate().is_err());
}

#[test]
fn tags_are_split_deduplicated_and_lower_cased() {
    assert_eq!(parse_tags("@Smoke, login  smoke,,@UI"), vec!["smoke", "login", "ui"]);
}

#[test]
fn story_accepts_a_number_or_a_key() {
    let mut i = input(CaseStatus::Draft, GOOD);
    i.story = "SHOP-US-12".into();
    assert_eq!(i.validate().unwrap().story, Some(12));
    i.story = "twelve".into();
    assert!(i.validate().is_err());
}

#[test]
fn bulk_ready_skips_invalid_gherkin_and_tags_merge() {
    let mut c = input(CaseStatus::Draft, "nonsense").validate().unwrap();
    c.tags = vec!["a".into(), "b".into()];
    let change = CaseBulkChange {
        status: Some(CaseStatus::Ready),
        add_tags: "c".into(),
        remove_tags: "a".into(),
        ..Default::default()
    };
    assert!(!change.apply(&mut c));
    assert_eq!(c.tags, vec!["a", "b"]);
    c.gherkin_valid = true;
    assert!(change.apply(&mut c));
    assert_eq!((c.status, c.tags.clone()), (CaseStatus::Ready, vec!["b".to_owned(), "c".to_owned()]));
}

#[test]
fn changed_fields_name_what_differs() {
    let a = input(CaseStatus::Draft, GOOD).validate().unwrap();
    let mut b = a.clone();
    b.gherkin.push_str("    And more\n");
    b.status = CaseStatus::Ready;
    assert_eq!(b.changed_fields(&a), vec!["status", "gherkin"]);
    assert_eq!(a.to_input().validate().unwrap(), a);
}
