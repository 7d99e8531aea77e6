//! Import benchmark: a 10,000-row xlsx built here, read and imported into a fresh SQLite database
//! (and PostgreSQL when `TEST_DATABASE_URL` is set). Run with `make bench-import`.
//! Target ([F3]): under 5 s on the 2-core machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    auth::principal::ClientInfo,
    db::{self, Db},
    orgs,
    projects::{self, model::ProjectInput},
    stories::import::{read, repo as jobs, service},
};
use std::time::{Duration, Instant};

const ROWS: u32 = 10_000;
const RUNS: usize = 3;

fn workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let headers =
        ["ID", "Title", "Description", "Acceptance Criteria", "Priority", "Status", "Epic", "Sprint", "Story Points"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=ROWS {
        let row = [
            format!("SHOP-{r}"),
            format!("As a shopper I can do thing number {r}"),
            format!("Longer description of story {r}, with enough words to look like a real one from a tracker."),
            format!("1. Given case {r} works\n2. The error for {r} is clear\n3. It is logged"),
            ["High", "Medium", "Low", "Critical"][r as usize % 4].to_owned(),
            ["Backlog", "To Do", "In Progress", "Done"][r as usize % 4].to_owned(),
            format!("Epic {}", r % 20),
            format!("Sprint {}", r % 8),
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r, c as u16, v).unwrap();
        }
        ws.write_number(r, 8, f64::from(r % 13)).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

async fn import_once(db: &Db, bytes: &[u8]) -> (Duration, Duration) {
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    let slug = uuid_like();
    let org = orgs::repo::insert(&mut tx, &slug, &slug, now).await.unwrap();
    let input = ProjectInput { key: "SHOP".into(), name: "Shop".into(), ..Default::default() };
    let project = projects::repo::insert(&mut tx, org, &input.validate().unwrap(), now).await.unwrap();
    let email = format!("{slug}@bench.test");
    let new = app::users::model::NewUser {
        org,
        email: &email,
        name: "Bench",
        role: app::users::model::Role::Qa,
        password_hash: None,
    };
    let by = app::users::repo::insert(&mut tx, &new, now).await.unwrap();
    tx.commit().await.unwrap();

    let started = Instant::now();
    let table = read::read(bytes).unwrap();
    let read_time = started.elapsed();
    assert_eq!(table.rows.len(), ROWS as usize);

    let started = Instant::now();
    let mut c = db.acquire().await.unwrap();
    let job = jobs::NewJob { org, project, by: by.0, file_name: "bench.xlsx", bytes, total_rows: i64::from(ROWS) };
    let id = jobs::insert(&mut c, &job, now).await.unwrap();
    let fields: Vec<String> = [
        "external_id",
        "title",
        "description",
        "acceptance_criteria",
        "priority",
        "status",
        "epic",
        "sprint",
        "story_points",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    jobs::queue(&mut c, id, &serde_json::to_string(&fields).unwrap(), now).await.unwrap();
    jobs::claim(&mut c, id, now).await.unwrap();
    drop(c);
    service::run(db, id, &ClientInfo::default()).await.unwrap();
    let total = started.elapsed();
    let status = jobs::status(&mut db.acquire().await.unwrap(), org, id).await.unwrap().unwrap();
    assert_eq!((status.created, status.rejected), (i64::from(ROWS), 0), "{status:?}");
    (read_time, total)
}

fn uuid_like() -> String {
    format!("bench-{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

async fn bench(label: &str, db: Db, bytes: &[u8]) {
    db.migrate().await.unwrap();
    let mut totals = vec![];
    for run in 1..=RUNS {
        let (read_time, total) = import_once(&db, bytes).await;
        println!(
            "{label} run {run}: read {:.2} s, read + import {:.2} s",
            read_time.as_secs_f64(),
            total.as_secs_f64()
        );
        totals.push(total);
    }
    totals.sort();
    println!(
        "{label}: median {:.2} s for {ROWS} rows ({:.0} rows/s)",
        totals[RUNS / 2].as_secs_f64(),
        f64::from(ROWS) / totals[RUNS / 2].as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let bytes = workbook();
    println!("workbook: {ROWS} rows, {} bytes", bytes.len());
    // The import reads the file again from its job row, as the server does.
    let dir = tempfile::tempdir().unwrap();
    let sqlite = db::connect(&format!("sqlite://{}/bench.db", dir.path().display()), 8).await.unwrap();
    bench("SQLite", sqlite, &bytes).await;
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        use sqlx::{Connection, Executor};
        let name = "casebook_bench_import";
        let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
        admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.unwrap();
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
        let mut u = url::Url::parse(&url).unwrap();
        u.set_path(name);
        let pg = db::connect(u.as_str(), 8).await.unwrap();
        bench("PostgreSQL", pg.clone(), &bytes).await;
        pg.close().await;
        admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.unwrap();
    }
}
