//! The test-case list over seeded cases: whichever plan a backend uses for a filtered full-text
//! window (SQLite reads the matches, or walks the list index, per `TextPlan`), keyset walks, offset
//! jumps and the count give exactly what a plain scan gives, in order.
use crate::support::TestApp;
use app::test_cases::{
    model::{CaseFilter, CaseKind, CaseSort, CaseStatus},
    repo::{self, Cursor, Start, TextPlan},
};
use casebook::demo::{seed, SeedOptions};

const CASES: usize = 2_000;

/// Numbers of the cases whose title, description or Gherkin contain `word`, with `extra`
/// conditions, in `order`: a plain scan, no index or full-text machinery.
async fn scan(app: &TestApp, project: i64, word: &str, extra: &str, order: &str) -> Vec<i64> {
    let sql = format!(
        "SELECT t.number FROM test_cases t WHERE t.project_id = {project} \
         AND LOWER(t.title || ' ' || t.description || ' ' || t.gherkin) LIKE '%{word}%' {extra} ORDER BY {order}"
    );
    let mut c = app.db.db.acquire().await.unwrap();
    app::db_run!(&mut c, conn => sqlx::query_scalar::<_, i64>(&sql).fetch_all(conn).await).unwrap()
}

#[tokio::test]
async fn filtered_full_text_windows_match_a_plain_scan_whichever_way_they_are_planned() {
    let app = TestApp::new().await;
    let org = app.org("Demo org").await;
    let opts = SeedOptions { org: "Demo org".into(), project: "DEMO".into(), cases: CASES, stories: None, seed: 3 };
    seed(&app.db.db, &opts).await.unwrap();
    let mut c = app.db.db.acquire().await.unwrap();
    let project = app::projects::repo::get_ref(&mut c, org, "DEMO").await.unwrap().unwrap().id;
    let all = |text: &str| CaseFilter { text: text.into(), ..Default::default() };
    let cases: [(CaseFilter, &str, &str, &str); 4] = [
        (
            CaseFilter { kind: Some(CaseKind::Functional), ..all("case") },
            "case",
            "AND t.kind = 'functional'",
            "t.number",
        ),
        (
            CaseFilter { tag: "smoke".into(), sort: CaseSort::Title, ..all("case") },
            "case",
            "AND (' ' || t.tags || ' ') LIKE '% smoke %'",
            "t.title, t.id",
        ),
        (CaseFilter { sort: CaseSort::Updated, ..all("london") }, "london", "", "t.updated_at DESC, t.id DESC"),
        (
            CaseFilter { status: Some(CaseStatus::Ready), ..all("london") },
            "london",
            "AND t.status = 'ready'",
            "t.number",
        ),
    ];
    for (filter, word, extra, order) in cases {
        let want = scan(&app, project.0, word, extra, order).await;
        assert!(want.len() > 150, "{filter:?}: too few rows ({}) to cross windows", want.len());
        // SQLite reading the matches, then walking the index; PostgreSQL ignores the plan.
        for plan in [TextPlan { read_matches_up_to: i64::MAX }, TextPlan { read_matches_up_to: 0 }] {
            let n = repo::count(&mut c, org, project, &filter, plan).await.unwrap();
            assert_eq!(n, want.len() as i64, "{filter:?} {plan:?}");
            let (mut got, mut start) = (Vec::new(), Start::Offset(0));
            loop {
                let rows = repo::list(&mut c, org, project, &filter, &start, 100, plan).await.unwrap();
                got.extend(rows.iter().map(|(r, _)| r.number));
                match rows.last() {
                    Some((r, updated)) if rows.len() == 100 => {
                        start = Start::After(Cursor::of(r, filter.sort, Some(updated.as_str())))
                    }
                    _ => break,
                }
            }
            assert_eq!(got, want, "{filter:?} {plan:?}: the keyset walk differs from the scan");
            let middle = want.len() / 2;
            let jump =
                repo::list(&mut c, org, project, &filter, &Start::Offset(middle as i64), 100, plan).await.unwrap();
            let jumped: Vec<i64> = jump.iter().map(|(r, _)| r.number).collect();
            assert_eq!(
                jumped,
                want[middle..(middle + 100).min(want.len())],
                "{filter:?} {plan:?}: the offset jump differs"
            );
        }
    }
}
