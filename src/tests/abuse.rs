//! Abuse of the anonymous endpoints ([H1] part A): floods, proxies, over-long input, the order
//! of cheap checks and hashing, tenants probing each other through invitations.
use crate::support::{enc, Jar, TestApp, ORIGIN, PASSWORD};
use app::{auth::principal::Cidr, users::model::Role};

const WRONG: &str = "password=wrong-wrong-wrong";

fn login(email: &str) -> String {
    format!("email={}&{WRONG}", enc(email))
}

#[tokio::test]
async fn a_flood_from_one_address_throttles_it_for_seconds_and_locks_no_other_account() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let mut throttled = None;
    for i in 0..60 {
        let r = app.call_from("198.51.100.7", &[], "/api/auth/login", &login(&format!("guess{i}@acme.test"))).await;
        if r.status == 429 {
            throttled = Some(r.header("retry-after").parse::<u64>().unwrap());
            break;
        }
        assert_eq!(r.status, 422, "{}", r.body);
    }
    let retry = throttled.expect("a flood from one address is throttled");
    assert!(retry <= 30, "the address is throttled for seconds, not an hour: {retry}");
    // No account was locked by it: the admin signs in from another address at once...
    let ok = app
        .call_from("203.0.113.5", &[], "/api/auth/login", &format!("email=admin%40acme.test&password={PASSWORD}"))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    // ...and from the flooding address once its short throttle ends.
    app.sql("UPDATE rate_limits SET locked_until = NULL WHERE key LIKE 'login:ip:%'").await;
    let ok = app
        .call_from("198.51.100.7", &[], "/api/auth/login", &format!("email=admin%40acme.test&password={PASSWORD}"))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let app = TestApp::with_config(|c| c.trusted_proxies = Cidr::parse_list("10.0.0.0/8").unwrap()).await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    // Behind the proxy, two clients: one floods, the other is not slowed by it.
    let xff = [("x-forwarded-for", "192.0.2.1")];
    let mut throttled = false;
    for i in 0..40 {
        let r = app.call_from("10.1.2.3", &xff, "/api/auth/login", &login(&format!("g{i}@acme.test"))).await;
        throttled |= r.status == 429;
    }
    assert!(throttled, "the flooding client behind the proxy is throttled");
    let other = [("x-forwarded-for", "192.0.2.2")];
    let ok = app
        .call_from("10.1.2.3", &other, "/api/auth/login", &format!("email=qa%40acme.test&password={PASSWORD}"))
        .await;
    assert_eq!(ok.status, 200, "another client behind the same proxy signs in: {}", ok.body);
    // The audit log names the real client, not the proxy.
    let ip = app.scalar_text("SELECT ip FROM audit_events WHERE action = 'login_succeeded'").await;
    assert_eq!(ip.as_deref(), Some("192.0.2.2"));
    // From an untrusted peer the header is ignored: the peer is the client.
    let forged = [("x-forwarded-for", "192.0.2.99")];
    app.call_from("198.51.100.20", &forged, "/api/auth/login", &login("qa@acme.test")).await;
    let ip =
        app.scalar_text("SELECT ip FROM audit_events WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1").await;
    assert_eq!(ip.as_deref(), Some("198.51.100.20"));
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits WHERE key = 'login:ip:192.0.2.99'").await, 0);
}

#[tokio::test]
async fn concurrent_wrong_guesses_cannot_slip_past_the_account_limit() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let peer = format!("198.51.100.{}", i + 1);
                app.call_from(&peer, &[], "/api/auth/login", &login("qa@acme.test")).await.status
            })
        })
        .collect();
    let mut verified = 0;
    for t in tasks {
        let status = t.await.unwrap();
        assert!(status == 422 || status == 429, "{status}");
        verified += usize::from(status == 422);
    }
    assert_eq!(verified, 5, "exactly the limit's worth of guesses was checked");
}

#[tokio::test]
async fn the_email_step_counts_only_malformed_addresses() {
    let app = TestApp::new().await;
    for i in 0..40 {
        let r = app.call("/api/auth/check_email", &format!("email=person{i}%40acme.test")).await;
        assert_eq!(r.status, 200, "well-formed address {i}: {}", r.body);
    }
    let mut statuses = vec![];
    for _ in 0..32 {
        statuses.push(app.call("/api/auth/check_email", "email=not-an-address").await.status);
    }
    // 30 may fail within the window; the 31st locks the address (and is still answered).
    assert_eq!(statuses.iter().filter(|s| **s == 422).count(), 31, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&429));
}

#[tokio::test]
async fn over_long_input_is_refused_before_it_becomes_a_key_or_a_hash() {
    let app = TestApp::new().await;
    let long_email = format!("{}@acme.test", "a".repeat(10_000));
    let r = app.call("/api/auth/login", &format!("email={long_email}&password=x")).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("email"), "{}", r.body);
    let r = app.call("/api/auth/login", &format!("email=qa%40acme.test&password={}", "p".repeat(5_000))).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("The email or password is not right."), "{}", r.body);
    let r = app.call("/api/auth/check_email", &format!("email={long_email}")).await;
    assert_eq!(r.status, 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits WHERE length(key) > 300").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits WHERE key LIKE 'login:email:%'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE length(actor_email) > 300").await, 0);
    // A token of any length is refused like a wrong one.
    let r = app
        .call("/api/auth/reset_password", &format!("token={}&password=brand-new-password-9", "t".repeat(50_000)))
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
}

#[tokio::test]
async fn cheap_checks_come_before_the_password_rules_and_the_hash() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    // Setup already happened: the answer is 404 whatever the fields, even a common password
    // (which would be refused with 422 only if the fields were looked at first).
    let r = app.call("/api/auth/setup", "org_name=X&name=Y&email=y%40x.test&password=password123").await;
    assert_eq!(r.status, 404, "{}", r.body);
    // A bad reset token is refused before the new password's rules (and hash).
    let r = app.call("/api/auth/reset_password", "token=made-up&password=short").await;
    assert_eq!(r.status, 409, "{}", r.body);
    // A bad invitation token likewise.
    let r = app.call("/api/invitations/accept", "token=made-up&name=Eve&password=short").await;
    assert_eq!(r.status, 404, "{}", r.body);
}

#[tokio::test]
async fn changing_a_password_has_an_attempt_limit() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let mut jar = app.sign_in("qa@acme.test").await;
    let form = "current_password=not-my-password-1&new_password=brand-new-password-9";
    for _ in 0..5 {
        assert_eq!(app.call_with(&mut jar, "/api/auth/change_password", form).await.status, 422);
    }
    let r = app
        .call_with(
            &mut jar,
            "/api/auth/change_password",
            &format!("current_password={PASSWORD}&new_password=brand-new-password-9"),
        )
        .await;
    assert_eq!(r.status, 429, "{}", r.body);
}

#[tokio::test]
async fn invitation_answers_do_not_depend_on_other_tenants() {
    // The same invitations, sent by an admin of org B, against two worlds that differ only in
    // what org A holds.
    async fn answers(a_holds_the_addresses: bool) -> Vec<(u16, String)> {
        let app = TestApp::new().await;
        let a = app.org("Alpha").await;
        let b = app.org("Beta").await;
        app.user(a, Role::Admin, "admin@alpha.test").await;
        app.user(b, Role::Admin, "admin@beta.test").await;
        if a_holds_the_addresses {
            app.user(a, Role::Qa, "member@elsewhere.test").await;
            let mut admin_a = app.sign_in("admin@alpha.test").await;
            let r = app
                .call_with(&mut admin_a, "/api/invitations/create", "email=pending%40elsewhere.test&name=P&role=qa")
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        let mut admin_b = app.sign_in("admin@beta.test").await;
        let mut out = vec![];
        for email in ["member@elsewhere.test", "pending@elsewhere.test", "fresh@elsewhere.test"] {
            let r = app
                .call_with(&mut admin_b, "/api/invitations/create", &format!("email={}&name=N&role=dev", enc(email)))
                .await;
            let mut v = r.json();
            // Ids and links differ by nature; the shape and status must not.
            v["id"] = 0.into();
            v["link"] = v["link"].as_str().map(|l| l.split("token=").next().unwrap_or("").to_owned()).into();
            out.push((r.status, v.to_string()));
        }
        let list = app.call_with(&mut admin_b, "/api/invitations/list", "").await;
        out.push((list.status, list.json().as_array().map_or(0, Vec::len).to_string()));
        out
    }
    let empty = answers(false).await;
    let busy = answers(true).await;
    assert_eq!(empty, busy);
    assert!(empty[..3].iter().all(|(s, _)| *s == 200), "{empty:?}");
}

#[tokio::test]
async fn an_address_with_an_account_elsewhere_is_decided_by_its_mailbox() {
    let app = TestApp::new().await;
    let a = app.org("Alpha").await;
    let b = app.org("Beta").await;
    app.user(a, Role::Qa, "member@elsewhere.test").await;
    app.user(b, Role::Admin, "admin@beta.test").await;
    let mut admin_b = app.sign_in("admin@beta.test").await;
    let sent = app
        .call_with(&mut admin_b, "/api/invitations/create", "email=member%40elsewhere.test&name=N&role=dev")
        .await
        .json();
    let token = crate::support::token_of(sent["link"].as_str().unwrap());
    let r = app.call("/api/invitations/accept", &format!("token={token}&name=Mallory&password={PASSWORD}")).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("already has a Casebook account"), "{}", r.body);
    // The account in Alpha is untouched.
    let mut jar = Jar::default();
    let me =
        app.call_with(&mut jar, "/api/auth/login", &format!("email=member%40elsewhere.test&password={PASSWORD}")).await;
    assert_eq!(me.status, 200);
    let me = app.call_with(&mut jar, "/api/auth/me", "").await.json();
    assert_eq!(me["org_name"], "Alpha");
}

#[tokio::test]
async fn setup_can_need_a_one_time_token() {
    let app = TestApp::with_config(|c| c.setup_token = Some("tok-123-abc".into())).await;
    let info = app.call("/api/system/info", "").await.json();
    assert_eq!(info["setup_token_required"], true);
    let form = format!("org_name=Acme&name=Ada&email=ada%40acme.test&password={PASSWORD}");
    let r = app.call("/api/auth/setup", &form).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("setup_token"), "{}", r.body);
    let r = app.call("/api/auth/setup", &format!("{form}&setup_token=wrong")).await;
    assert_eq!(r.status, 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM organizations").await, 0);
    let r = app.call("/api/auth/setup", &format!("{form}&setup_token=tok-123-abc")).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn an_allow_list_refuses_other_hosts_but_not_health_checks() {
    let app = TestApp::with_config(|c| c.allowed_hosts = vec!["127.0.0.1:3000".into()]).await;
    let get = |host: &'static str, path: &'static str| {
        axum::http::Request::get(path).header("host", host).body(axum::body::Body::empty()).unwrap()
    };
    assert_eq!(app.send(get("127.0.0.1:3000", "/login")).await.status, 200);
    assert_eq!(app.send(get("rebound.evil.test:3000", "/login")).await.status, 421);
    assert_eq!(app.send(get("rebound.evil.test:3000", "/healthz")).await.status, 200);
    // A rebound host's own origin is not ours.
    let req = axum::http::Request::post("/api/auth/check_email")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://rebound.evil.test:3000")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("email=a%40b.test"))
        .unwrap();
    assert_eq!(app.send(req).await.status, 403);
    let req = axum::http::Request::post("/api/auth/check_email")
        .header("host", "127.0.0.1:3000")
        .header("origin", ORIGIN)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("email=a%40b.test"))
        .unwrap();
    let ok = app.send(req).await;
    assert_eq!(ok.status, 200, "{ORIGIN} is ours: {}", ok.body);
    // A request naming no host at all is refused too.
    assert_eq!(app.call("/api/auth/check_email", "email=a%40b.test").await.status, 421);
}

#[tokio::test]
async fn https_servers_send_hsts_and_host_prefixed_cookies() {
    let app = TestApp::with_config(|c| {
        *c = app::state::ServerConfig::new(&c.secret, url::Url::parse("https://qa.example.com").unwrap());
    })
    .await;
    assert!(app.get("/healthz").await.header("strict-transport-security").starts_with("max-age="));
    let plain = TestApp::new().await;
    assert_eq!(plain.get("/healthz").await.header("strict-transport-security"), "");
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let req = axum::http::Request::post("/api/auth/login")
        .header("origin", "https://qa.example.com")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("email=qa%40acme.test&password={PASSWORD}")))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let cookies: Vec<&str> = r.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).collect();
    assert!(cookies.iter().all(|c| c.starts_with("__Host-cb_") && c.contains("; Secure")), "{cookies:?}");
}

#[tokio::test]
async fn housekeeping_purges_forgotten_keys_old_import_files_old_events_and_old_notifications() {
    let app = TestApp::new().await;
    app.call("/api/auth/check_email", "email=bad").await;
    app.sql("INSERT INTO rate_limits (key, failures, window_start, locked_until, strikes) VALUES ('old', 1, '2000-01-01T00:00:00Z', NULL, 0)").await;
    let org = app.org("Acme").await;
    let project = app.project(org, "SHOP").await;
    let by = app.user(org, Role::Qa, "qa@acme.test").await;
    let mut tx = app.db.db.begin().await.unwrap();
    for name in ["abandoned.csv", "finished.csv", "recent.csv"] {
        let job = app::stories::import::repo::NewJob {
            org,
            project,
            by: by.0,
            file_name: name,
            bytes: b"Title\nA\n",
            total_rows: 1,
        };
        app::stories::import::repo::insert(&mut tx, &job, chrono::Utc::now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    app.sql("UPDATE import_jobs SET updated_at = '2000-01-01T00:00:00Z' WHERE file_name = 'abandoned.csv'").await;
    app.sql("UPDATE import_jobs SET updated_at = '2000-01-01T00:00:00Z', status = 'done', rejects = 'x' WHERE file_name = 'finished.csv'").await;
    // Live-stream events older than a day go; a recent one stays for resuming clients.
    let now = chrono::Utc::now();
    let mut c = app.db.db.acquire().await.unwrap();
    app::events::repo::insert(&mut c, org, None, "job.progress", "{}", now - chrono::Duration::hours(25))
        .await
        .unwrap();
    app::events::repo::insert(&mut c, org, None, "job.progress", "{}", now).await.unwrap();
    drop(c);
    // Notifications: read ones 90 days after reading, unread ones a year after they were made.
    for (text, made_days_ago, read_days_ago) in [
        ("read long ago", 101, Some(100)),
        ("read yesterday", 400, Some(1)),
        ("unread for 100 days", 100, None),
        ("unread for ages", 400, None),
    ] {
        let at = |days: i64| format!("'{}'", (now - chrono::Duration::days(days)).to_rfc3339());
        let read = read_days_ago.map(at).unwrap_or_else(|| "NULL".into());
        app.sql(&format!(
            "INSERT INTO notifications (organization_id, user_id, kind, subject, text, href, created_at, read_at) \
             VALUES ({}, {}, 'assigned', 'SHOP-BUG-1', '{text}', '/', {}, {read})",
            org.0,
            by.0,
            at(made_days_ago)
        ))
        .await;
    }
    let purged = app::maintenance::purge(&app.db.db, chrono::Utc::now()).await.unwrap();
    assert_eq!(purged, app::maintenance::Purged { rate_limits: 1, import_files: 2, events: 1, notifications: 2 });
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE text IN ('read yesterday', 'unread for 100 days')").await,
        2,
        "read lately, or unread for less than a year, stays"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 1, "the recent event stays");
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits").await, 1, "the recent key stays");
    assert_eq!(app.count("SELECT COUNT(*) FROM import_jobs").await, 2, "the unstarted upload went");
    assert_eq!(app.count("SELECT COUNT(*) FROM import_jobs WHERE length(file_bytes) = 0 AND rejects IS NULL").await, 1);
    // A second pass finds nothing more.
    assert_eq!(app::maintenance::purge(&app.db.db, chrono::Utc::now()).await.unwrap(), Default::default());
}
