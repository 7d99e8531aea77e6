//! [F6] Notifications: an assignment, a mention and a status change each tell exactly the people
//! they concern (never the person who made the change), in the app (a row and an event on their
//! own live stream) and by email (the outbox) as each one's settings say; each person lists,
//! counts and marks only their own, a page of 30 at a time.
use crate::support::{Jar, Reply, TestApp};
use app::{orgs::model::OrgId, users::model::Role, users::model::UserId};
use serde_json::Value;

mod channels;
mod inbox;
mod telling;

struct Setup {
    app: TestApp,
    acme: OrgId,
    other: OrgId,
    jars: Vec<(&'static str, Jar)>,
}

/// Acme (admin, qa, dev, dev2, mgr and a deactivated gone), Other (its own qa); Acme's SHOP.
async fn setup() -> Setup {
    setup_on(TestApp::new().await).await
}

/// `setup` on `app` (one whose mail goes through SMTP, say).
async fn setup_on(app: TestApp) -> Setup {
    let acme = app.org("Acme").await;
    let people = [
        ("admin", Role::Admin),
        ("qa", Role::Qa),
        ("dev", Role::Dev),
        ("dev2", Role::Dev),
        ("mgr", Role::Manager),
        ("gone", Role::Qa),
    ];
    for (name, role) in people {
        app.user(acme, role, &format!("{name}@acme.test")).await;
    }
    let other = app.org("Other").await;
    app.user(other, Role::Qa, "other@other.test").await;
    app.project(acme, "SHOP").await;
    let mut jars = Vec::new();
    for (name, _) in &people[..5] {
        jars.push((*name, app.sign_in(&format!("{name}@acme.test")).await));
    }
    jars.push(("other", app.sign_in("other@other.test").await));
    jars.push(("anonymous", Jar::default()));
    app.sql("UPDATE users SET is_active = FALSE WHERE email = 'gone@acme.test'").await;
    Setup { app, acme, other, jars }
}

impl Setup {
    async fn call(&mut self, who: &str, path: &str, form: &str) -> Reply {
        let jar = &mut self.jars.iter_mut().find(|(n, _)| *n == who).unwrap().1;
        self.app.call_with(jar, path, form).await
    }

    async fn ok(&mut self, who: &str, path: &str, form: &str) -> Value {
        let r = self.call(who, path, form).await;
        assert_eq!(r.status, 200, "{path} {form} as {who}: {}", r.body);
        r.json()
    }

    async fn id(&self, name: &str) -> UserId {
        let domain = if name == "other" { "other.test" } else { "acme.test" };
        UserId(self.app.count(&format!("SELECT id FROM users WHERE email = '{name}@{domain}'")).await)
    }

    /// Every notification as `name|kind|text`, oldest first.
    async fn rows(&self) -> Vec<String> {
        self.texts(
            "SELECT u.name || '|' || n.kind || '|' || n.text FROM notifications n \
             JOIN users u ON u.id = n.user_id ORDER BY n.id",
        )
        .await
    }

    /// Every outbox message as `to|subject`, oldest first.
    async fn outbox(&self) -> Vec<String> {
        self.texts("SELECT to_email || '|' || subject FROM outbox ORDER BY id").await
    }

    async fn texts(&self, sql: &str) -> Vec<String> {
        let mut c = self.app.db.db.acquire().await.unwrap();
        app::db_run!(&mut c, conn => sqlx::query_scalar::<_, String>(sql).fetch_all(conn).await).unwrap()
    }

    /// Seeds `n` notifications for `user` of `org` (the paging tests' volume); returns their ids.
    async fn seed(&self, org: OrgId, user: UserId, n: usize) -> Vec<i64> {
        let mut tx = self.app.db.db.begin().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..n {
            let text = format!("Seeded {i}");
            let new = app::notifications::repo::NewNotification {
                user,
                kind: app::notifications::model::NoticeKind::StatusChanged,
                subject: "SHOP-BUG-1",
                text: &text,
                href: "/projects/SHOP/bugs/1",
                actor: None,
            };
            ids.push(app::notifications::repo::insert(&mut tx, org, &new, chrono::Utc::now()).await.unwrap());
        }
        tx.commit().await.unwrap();
        ids
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}
