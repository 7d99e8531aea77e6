//! Repo functions and schema rules, on whichever backend the suite runs against.
use crate::support::TestDb;
use app::{
    db::{is_unique_violation, AsConn, Backend},
    db_run,
    orgs::{self, model::OrgId},
    users::{
        self,
        model::{NewUser, Role},
    },
};
use chrono::Utc;

fn user<'a>(org: OrgId, email: &'a str) -> NewUser<'a> {
    NewUser { org, email, name: "Ada", role: Role::Qa, password_hash: None }
}

async fn exec(c: &mut impl AsConn, sql: &str) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query(sql).execute(conn).await.map(|r| r.rows_affected()))
}

/// The migration file names of one backend, sorted.
pub fn migration_files(backend: &str) -> Vec<String> {
    let dir = format!("{}/migrations/{backend}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn both_backends_have_the_same_migrations() {
    assert_eq!(migration_files("sqlite"), migration_files("postgres"));
}

#[tokio::test]
async fn migrations_are_idempotent_and_report_their_version() {
    let t = TestDb::new().await;
    t.db.migrate().await.unwrap();
    assert_eq!(t.db.schema_version().await.unwrap(), migration_files("sqlite").len() as i64);
}

#[tokio::test]
async fn organizations_round_trip_and_count() {
    let t = TestDb::new().await;
    let mut tx = t.db.begin().await.unwrap();
    assert_eq!(orgs::repo::count(&mut tx).await.unwrap(), 0);
    let id = orgs::repo::insert(&mut tx, "Acme QA", "acme-qa", Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let mut c = t.db.acquire().await.unwrap();
    let org = orgs::repo::get(&mut c, id).await.unwrap().unwrap();
    assert_eq!((org.name.as_str(), org.slug.as_str(), org.is_active), ("Acme QA", "acme-qa", true));
    assert_eq!(orgs::repo::count(&mut c).await.unwrap(), 1);
    assert!(orgs::repo::get(&mut c, OrgId(id.0 + 1)).await.unwrap().is_none());
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_nothing() {
    let t = TestDb::new().await;
    let mut tx = t.db.begin().await.unwrap();
    orgs::repo::insert(&mut tx, "Gone", "gone", Utc::now()).await.unwrap();
    drop(tx);
    assert_eq!(orgs::repo::count(&mut t.db.acquire().await.unwrap()).await.unwrap(), 0);
}

#[tokio::test]
async fn a_taken_slug_is_a_unique_violation() {
    let t = TestDb::new().await;
    let mut c = t.db.acquire().await.unwrap();
    orgs::repo::insert(&mut c, "Acme", "acme", Utc::now()).await.unwrap();
    let e = orgs::repo::insert(&mut c, "Acme 2", "acme", Utc::now()).await.unwrap_err();
    assert!(is_unique_violation(&e), "{e}");
}

#[tokio::test]
async fn emails_are_unique_whatever_their_case_and_found_case_insensitively() {
    let t = TestDb::new().await;
    let mut c = t.db.acquire().await.unwrap();
    let org = orgs::repo::insert(&mut c, "Acme", "acme", Utc::now()).await.unwrap();
    let other = orgs::repo::insert(&mut c, "Other", "other", Utc::now()).await.unwrap();
    let id = users::repo::insert(&mut c, &user(org, "  Ada@Example.COM "), Utc::now()).await.unwrap();
    let e = users::repo::insert(&mut c, &user(other, "ada@example.com"), Utc::now()).await.unwrap_err();
    assert!(is_unique_violation(&e), "{e}");
    let found = users::repo::find_by_email(&mut c, "ADA@example.com").await.unwrap().unwrap();
    assert_eq!((found.id, found.org, found.email.as_str(), found.role), (id, org, "ada@example.com", Role::Qa));
    assert!(users::repo::find_by_email(&mut c, "nobody@example.com").await.unwrap().is_none());
}

#[tokio::test]
async fn roles_outside_the_four_are_refused_by_the_schema() {
    let t = TestDb::new().await;
    let mut c = t.db.acquire().await.unwrap();
    let org = orgs::repo::insert(&mut c, "Acme", "acme", Utc::now()).await.unwrap();
    let sql = format!(
        "INSERT INTO users (organization_id, email, name, role, created_at, updated_at) \
         VALUES ({}, 'x@example.com', 'X', 'root', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        org.0
    );
    assert!(exec(&mut c, &sql).await.is_err());
}

#[tokio::test]
async fn users_need_an_existing_organization_and_go_with_it() {
    let t = TestDb::new().await;
    let mut c = t.db.acquire().await.unwrap();
    assert!(users::repo::insert(&mut c, &user(OrgId(999), "a@example.com"), Utc::now()).await.is_err());
    let org = orgs::repo::insert(&mut c, "Acme", "acme", Utc::now()).await.unwrap();
    users::repo::insert(&mut c, &user(org, "a@example.com"), Utc::now()).await.unwrap();
    exec(&mut c, &format!("DELETE FROM organizations WHERE id = {}", org.0)).await.unwrap();
    assert!(users::repo::find_by_email(&mut c, "a@example.com").await.unwrap().is_none());
}

#[tokio::test]
async fn ids_are_never_reused_after_a_delete() {
    let t = TestDb::new().await;
    let mut c = t.db.acquire().await.unwrap();
    orgs::repo::insert(&mut c, "A", "a", Utc::now()).await.unwrap();
    let b = orgs::repo::insert(&mut c, "B", "b", Utc::now()).await.unwrap();
    exec(&mut c, &format!("DELETE FROM organizations WHERE id = {}", b.0)).await.unwrap();
    let c2 = orgs::repo::insert(&mut c, "C", "c", Utc::now()).await.unwrap();
    assert!(c2.0 > b.0, "{c2:?} reused {b:?}");
}

#[tokio::test]
async fn concurrent_write_transactions_all_succeed() {
    let t = TestDb::new().await;
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let db = t.db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                let n = orgs::repo::count(&mut tx).await?;
                orgs::repo::insert(&mut tx, &format!("Org {i} after {n}"), &format!("org-{i}"), Utc::now()).await?;
                tx.commit().await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(orgs::repo::count(&mut t.db.acquire().await.unwrap()).await.unwrap(), 24);
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
    let t = TestDb::new().await;
    if t.backend() != Backend::Sqlite {
        eprintln!("skipped: SQLite pragmas do not apply to {}", t.backend().label());
        return;
    }
    let app::db::Db::Sqlite(pool, _) = &t.db else { unreachable!() };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await.unwrap();
    let fks: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(pool).await.unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(pool).await.unwrap();
    assert_eq!((mode.as_str(), fks, busy), ("wal", 1, 5000));
}
