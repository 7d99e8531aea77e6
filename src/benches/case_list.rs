//! Test-case list benchmark ([F4]): 100,000 seeded cases in one project, then the server-side
//! time of 100-row list windows with filters and a full-text search, of the count, and of the
//! search palette, on SQLite (and PostgreSQL when `TEST_DATABASE_URL` is set). Target: p99 under
//! 15 ms for a window. Run with `make bench-cases`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    db::{self, Db},
    orgs::{self, model::OrgId},
    projects::model::ProjectId,
    stories::model::Priority,
    test_cases::{
        model::{CaseFilter, CaseKind, CaseSort},
        repo::{self, Cursor, Start, TextPlan},
    },
};
use casebook::demo::{seed, SeedOptions};
use std::time::{Duration, Instant};

const CASES: usize = 100_000;
const RUNS: usize = 300;

fn stats(mut d: Vec<Duration>) -> String {
    d.sort();
    let ms = |x: Duration| x.as_secs_f64() * 1000.0;
    let at = |p: f64| ms(d[((d.len() as f64 * p) as usize).min(d.len() - 1)]);
    format!("p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} runs)", at(0.5), at(0.99), ms(d[d.len() - 1]), d.len())
}

async fn scenarios(db: &Db, org: OrgId, project: ProjectId) {
    let mut c = db.acquire().await.unwrap();
    let filtered = |text: &str, sort: CaseSort| CaseFilter {
        kind: Some(CaseKind::Functional),
        text: text.into(),
        sort,
        ..Default::default()
    };
    let cases: [(&str, CaseFilter); 5] = [
        ("no filter", CaseFilter::default()),
        ("type filter + text 'card' (common word)", filtered("card", CaseSort::Number)),
        ("type filter + text 'passw' (prefix), by title", filtered("passw", CaseSort::Title)),
        (
            "priority + tag + text 'invoice'",
            CaseFilter {
                priority: Some(Priority::High),
                tag: "smoke".into(),
                text: "invoice".into(),
                ..Default::default()
            },
        ),
        (
            "text 'london' (data-table word), recently changed first",
            CaseFilter { text: "london".into(), sort: CaseSort::Updated, ..Default::default() },
        ),
    ];
    for (name, filter) in cases {
        let total = repo::count(&mut c, org, project, &filter, TextPlan::default()).await.unwrap();
        // Scrolling: each window starts after the last row of the one before (from the top
        // again at the end). Jumping: the scrollbar dragged anywhere in the filtered list.
        for keyset in [true, false] {
            let mut times = Vec::with_capacity(RUNS);
            let mut start = Start::Offset(0);
            for i in 0..RUNS {
                if !keyset {
                    start = Start::Offset(((i as i64 * 7919) % total.max(1)).min((total - 100).max(0)));
                }
                let t = Instant::now();
                let rows = repo::list(&mut c, org, project, &filter, &start, 100, TextPlan::default()).await.unwrap();
                times.push(t.elapsed());
                assert!(!rows.is_empty(), "{name}: an empty window at {start:?}");
                if keyset {
                    start = match rows.last() {
                        Some((r, updated)) if rows.len() == 100 => {
                            Start::After(Cursor::of(r, filter.sort, Some(updated.as_str())))
                        }
                        _ => Start::Offset(0),
                    };
                }
            }
            let how = if keyset { "keyset walk" } else { "offset jumps" };
            println!("  window, {name} ({total} matches), {how}: {}", stats(times));
        }
    }
    for (name, filter) in [
        ("count, no filter", CaseFilter::default()),
        ("count, type filter + text 'card'", filtered("card", CaseSort::Number)),
    ] {
        let mut times = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            repo::count(&mut c, org, project, &filter, TextPlan::default()).await.unwrap();
            times.push(t.elapsed());
        }
        println!("  {name}: {}", stats(times));
    }
    let mut times = Vec::new();
    for q in ["pay", "card", "invoice", "london", "passw", "DEMO-TC-4242", "shipment track"].iter().cycle().take(70) {
        let t = Instant::now();
        app::search::repo::search(&mut c, org, q, 8).await.unwrap();
        times.push(t.elapsed());
    }
    println!("  palette search (8 per kind): {}", stats(times));
}

async fn run(db: Db, label: &str) {
    db.migrate().await.unwrap();
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    let org = orgs::repo::insert(&mut tx, "Bench", "bench", now).await.unwrap();
    tx.commit().await.unwrap();
    let t = Instant::now();
    let opts = SeedOptions { org: "Bench".into(), project: "DEMO".into(), cases: CASES, stories: None, seed: 7 };
    seed(&db, &opts).await.unwrap();
    println!("{label}: seeded {CASES} cases in {:.1} s", t.elapsed().as_secs_f64());
    let project =
        app::projects::repo::get_ref(&mut db.acquire().await.unwrap(), org, "DEMO").await.unwrap().unwrap().id;
    scenarios(&db, org, project).await;
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    run(db::connect(&url, 4).await.unwrap(), "SQLite").await;
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        let name = format!("casebook_bench_{}", std::process::id());
        let admin_db = db::connect(&admin, 1).await.unwrap();
        let mut c = admin_db.acquire().await.unwrap();
        app::db_run!(&mut c, conn => sqlx::query(&format!("CREATE DATABASE {name}")).execute(conn).await.map(drop))
            .unwrap();
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        let pg = db::connect(url.as_str(), 4).await.unwrap();
        run(pg.clone(), "PostgreSQL").await;
        pg.close().await;
        app::db_run!(&mut c, conn => sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(conn).await.map(drop))
            .unwrap();
    }
}
