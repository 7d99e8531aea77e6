//! [F5] Events for the live stream: kept in the table for resuming, each reader sees only its
//! organization's events and its own, and an event written in one process wakes the subscribers
//! of another (PostgreSQL `LISTEN`/`NOTIFY`).
use crate::support::TestApp;
use app::{
    db::{Backend, Db},
    events::{hub::Hub, repo},
    users::model::Role,
};
use std::time::Duration;

/// Writes an event for everyone of `org` the way a change does: in its transaction, announced.
async fn publish(
    db: &Db,
    hub: &Hub,
    org: app::orgs::model::OrgId,
    to: Option<app::users::model::UserId>,
    data: &str,
) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let seq = Hub::publish_in(&mut tx, org, to, "job.progress", data, chrono::Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    hub.announce(seq);
    seq
}

#[tokio::test]
async fn a_reader_sees_its_organizations_events_and_its_own_after_the_last_one_it_saw() {
    let app = TestApp::new().await;
    let (a, b) = (app.org("A").await, app.org("B").await);
    let (me, other) = (app.user(a, Role::Qa, "me@a.test").await, app.user(a, Role::Qa, "other@a.test").await);
    let db = app.db.db.clone();
    let hub = Hub::start(&db);
    let mut wake = hub.subscribe();
    let start = repo::latest(&mut db.acquire().await.unwrap()).await.unwrap();
    let everyone = publish(&db, &hub, a, None, r#"{"n":1}"#).await;
    let mine = publish(&db, &hub, a, Some(me), r#"{"n":2}"#).await;
    publish(&db, &hub, a, Some(other), r#"{"n":3}"#).await;
    publish(&db, &hub, b, None, r#"{"n":4}"#).await;
    tokio::time::timeout(Duration::from_secs(2), wake.recv()).await.expect("woken").unwrap();

    let mut c = db.acquire().await.unwrap();
    let seen: Vec<i64> = repo::after(&mut c, a, me, start).await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seen, [everyone, mine], "A's and mine, not another person's or B's");
    let resumed: Vec<i64> = repo::after(&mut c, a, me, everyone).await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(resumed, [mine], "a reconnect after `everyone` resumes with what followed");
    assert_eq!(repo::purge(&mut c, chrono::Utc::now() + chrono::Duration::seconds(1)).await.unwrap(), 4);
}

#[tokio::test]
async fn an_event_written_in_one_process_wakes_the_subscribers_of_another() {
    let app = TestApp::new().await;
    if app.db.backend() != Backend::Postgres {
        eprintln!("skipped: across processes is PostgreSQL's LISTEN/NOTIFY (set TEST_DATABASE_URL)");
        return;
    }
    let org = app.org("A").await;
    // Two pools on one database, as two server processes have.
    let (one, two) = (app.db.db.clone(), app::db::connect(&app.db.url, 4).await.unwrap());
    let (hub_one, hub_two) = (Hub::start(&one), Hub::start(&two));
    let mut woken = hub_two.subscribe();
    // The second listener connects in the background: publish until it hears one.
    for _ in 0..20 {
        let seq = publish(&one, &hub_one, org, None, r#"{"n":1}"#).await;
        let heard = tokio::time::timeout(Duration::from_millis(300), async {
            loop {
                match woken.recv().await {
                    Ok(n) if n == seq => return true,
                    Ok(_) => continue,
                    Err(_) => return false,
                }
            }
        })
        .await;
        if heard == Ok(true) {
            return;
        }
    }
    panic!("the other process's hub never heard the event");
}
