//! `casebook demo seed`: deterministic, valid content in the amounts asked for.
use crate::support::TestApp;
use casebook::demo::{seed, SeedOptions};

#[tokio::test]
async fn seeding_twice_with_one_seed_gives_the_same_cases() {
    let app = TestApp::new().await;
    app.org("Demo org").await;
    let opts = |project: &str| SeedOptions {
        org: "Demo org".into(),
        project: project.into(),
        cases: 2_050,
        stories: None,
        seed: 9,
    };
    seed(&app.db.db, &opts("ONE")).await.unwrap();
    seed(&app.db.db, &opts("TWO")).await.unwrap();
    let titles = |key: &'static str| {
        let app = &app;
        async move {
            app.scalar_text(&format!(
                "SELECT MAX(t.title) || '|' || MIN(t.gherkin) || '|' || COUNT(*) FROM test_cases t JOIN projects p ON p.id = t.project_id WHERE p.key = '{key}'"
            ))
            .await
        }
    };
    assert_eq!(titles("ONE").await, titles("TWO").await);
    assert!(titles("ONE").await.unwrap().ends_with("|2050"));
    assert_eq!(app.count("SELECT COUNT(*) FROM test_cases WHERE NOT gherkin_valid").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM stories").await, 2 * 41);
    assert_eq!(app.count("SELECT COUNT(*) FROM test_case_revisions").await, 2 * 2_050);
    let again = seed(&app.db.db, &opts("ONE")).await.unwrap_err().to_string();
    assert!(again.contains("already exists"), "{again}");
    let nobody = seed(&app.db.db, &SeedOptions { org: "Nope".into(), ..opts("X") }).await.unwrap_err().to_string();
    assert!(nobody.contains("no organization named"), "{nobody}");
}
