//! Identity end to end through the real router: setup, sign-in, sessions, invitations,
//! passwords, roles, rate limits and CSRF.
use crate::support::{enc, Jar, TestApp, ORIGIN, PASSWORD};
use app::users::model::Role;
use axum::{body::Body, http::Request};

const SETUP: &str = "/api/auth/setup";

fn setup_form(email: &str) -> String {
    format!("org_name=Acme+QA&name=Ada+Admin&email={}&password={PASSWORD}", enc(email))
}

#[tokio::test]
async fn setup_creates_the_organization_and_admin_once_and_signs_in() {
    let app = TestApp::new().await;
    let mut jar = Jar::default();
    let r = app.call_with(&mut jar, SETUP, &setup_form("ada@acme.test")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let cookies: Vec<_> = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(cookies.iter().all(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax")), "{cookies:?}");
    let me = app.call_with(&mut jar, "/api/auth/me", "").await.json();
    assert_eq!(
        (me["email"].as_str(), me["role"].as_str(), me["org_name"].as_str()),
        (Some("ada@acme.test"), Some("admin"), Some("Acme QA"))
    );

    let again = app.call_with(&mut Jar::default(), SETUP, &setup_form("eve@evil.test")).await;
    assert_eq!(again.status, 404, "{}", again.body);
    assert_eq!(app.get("/setup").await.status, 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM organizations").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'setup'").await, 1);
}

#[tokio::test]
async fn setup_validates_every_field_and_keeps_nothing_on_error() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/setup").await.status, 200);
    let r = app.call_with(&mut Jar::default(), SETUP, "org_name=&name=&email=nope&password=short").await;
    assert_eq!(r.status, 422);
    let fields: Vec<_> =
        r.json()["detail"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["org_name", "name", "email", "password"]);
    let common =
        app.call_with(&mut Jar::default(), SETUP, &setup_form("ada@acme.test").replace(PASSWORD, "password123")).await;
    assert!(common.body.contains("too common"), "{}", common.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM organizations").await, 0);
}

#[tokio::test]
async fn the_email_step_answers_the_same_for_known_and_unknown_emails() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "known@acme.test").await;
    let known = app.call("/api/auth/check_email", "email=known%40acme.test").await;
    let unknown = app.call("/api/auth/check_email", "email=nobody%40acme.test").await;
    assert_eq!((known.status, known.body.as_str()), (unknown.status, unknown.body.as_str()));
    assert_eq!(app.call("/api/auth/check_email", "email=not-an-email").await.status, 422);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_clear_error() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let wrong = app.call("/api/auth/login", "email=qa%40acme.test&password=not-the-password").await;
    let unknown = app.call("/api/auth/login", "email=who%40acme.test&password=not-the-password").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.body.contains("The email or password is not right."), "{}", wrong.body);
    assert!(wrong.header("set-cookie").is_empty());
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'login_failed'").await, 2);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_with_retry_after() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    for _ in 0..5 {
        assert_eq!(app.call("/api/auth/login", "email=qa%40acme.test&password=wrong-wrong-wrong").await.status, 422);
    }
    // The attempt past the limit is counted before the password is looked at: even the right
    // one is refused while the account is locked.
    let locked = app.call("/api/auth/login", &format!("email=qa%40acme.test&password={PASSWORD}")).await;
    assert_eq!(locked.status, 429, "{}", locked.body);
    let retry: u64 = locked.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert_eq!(locked.json()["detail"]["retry_after"].as_u64(), Some(retry));
    // Another account from the same address is not locked by this one.
    app.user(org, Role::Dev, "dev@acme.test").await;
    app.sign_in("dev@acme.test").await;
    // The lock doubles, even once the window has passed: after a lock ends the account gets
    // one more try, and the attempt after a wrong one locks it for twice as long, up to an hour.
    let mut expected = 60;
    for _ in 0..8 {
        let just_ended = (chrono::Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
        app.sql(&format!(
            "UPDATE rate_limits SET locked_until = '{just_ended}', window_start = '2000-01-01T00:00:00Z' WHERE key LIKE 'login:email:%'"
        ))
        .await;
        assert_eq!(app.call("/api/auth/login", "email=qa%40acme.test&password=wrong-wrong-wrong").await.status, 422);
        let r = app.call("/api/auth/login", "email=qa%40acme.test&password=wrong-wrong-wrong").await;
        assert_eq!(r.status, 429, "{}", r.body);
        let retry: u64 = r.header("retry-after").parse().unwrap();
        assert!((expected - 2..=expected).contains(&retry), "{retry}, expected about {expected}");
        expected = (expected * 2).min(3600);
    }
    // A correct password once the lock ends signs in and starts the account over.
    app.sql("UPDATE rate_limits SET locked_until = NULL WHERE key LIKE 'login:email:%'").await;
    app.sign_in("qa@acme.test").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits WHERE key = 'login:email:qa@acme.test'").await, 0);
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_from_the_refresh_token() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let mut jar = app.sign_in("qa@acme.test").await;
    let first_refresh = jar.get("cb_refresh").unwrap().to_owned();
    jar.0.remove("cb_access");
    let me = app.call_with(&mut jar, "/api/auth/me", "").await;
    assert_eq!(me.json()["email"], "qa@acme.test");
    assert_ne!(jar.get("cb_refresh"), Some(first_refresh.as_str()), "the refresh token rotates");
    assert!(jar.get("cb_access").is_some());
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_session() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let jar = app.sign_in("qa@acme.test").await;
    let stolen = Jar([("cb_refresh".to_owned(), jar.get("cb_refresh").unwrap().to_owned())].into());
    // The owner's browser rotates the token...
    let mut owner = stolen.clone();
    assert_eq!(app.call_with(&mut owner, "/api/auth/me", "").await.json()["email"], "qa@acme.test");
    // ...and after the grace window the thief presents the old one.
    app.sql("UPDATE refresh_tokens SET rotated_at = '2000-01-01T00:00:00Z' WHERE rotated_at IS NOT NULL").await;
    if app.db.backend() == app::db::Backend::Postgres {
        app.sql(
            "UPDATE refresh_tokens SET rotated_at = TIMESTAMPTZ '2000-01-01 00:00:00+00' WHERE rotated_at IS NOT NULL",
        )
        .await;
    }
    let mut thief = stolen;
    assert!(app.call_with(&mut thief, "/api/auth/me", "").await.json().is_null());
    // The whole family is gone: the owner's fresh tokens no longer work either.
    owner.0.remove("cb_access");
    assert!(app.call_with(&mut owner, "/api/auth/me", "").await.json().is_null());
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'refresh_token_reused'").await, 1);
}

#[tokio::test]
async fn a_deactivated_user_is_refused_on_the_next_request() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let qa = app.user(org, Role::Qa, "qa@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let mut user = app.sign_in("qa@acme.test").await;
    let r = app.call_with(&mut admin, "/api/users/set_active", &format!("id={}&active=false", qa.0)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(app.call_with(&mut user, "/api/auth/me", "").await.json().is_null());
    assert_eq!(app.call_with(&mut user, "/api/auth/update_profile", "name=Back").await.status, 401);
    let again = app.call("/api/auth/login", &format!("email=qa%40acme.test&password={PASSWORD}")).await;
    assert_eq!(again.status, 403);
    let r = app.call_with(&mut admin, "/api/users/set_active", &format!("id={}&active=true", qa.0)).await;
    assert_eq!(r.status, 200);
    app.sign_in("qa@acme.test").await;
}

#[tokio::test]
async fn a_role_change_applies_on_the_next_request() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let dev = app.user(org, Role::Dev, "dev@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let mut devj = app.sign_in("dev@acme.test").await;
    assert_eq!(app.call_with(&mut devj, "/api/users/list", "search=").await.status, 403);
    let r = app.call_with(&mut admin, "/api/users/change_role", &format!("id={}&role=admin", dev.0)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call_with(&mut devj, "/api/users/list", "search=").await.status, 200);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'role_changed'").await, 1);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_deactivated() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    let me = app.user(org, Role::Admin, "admin@acme.test").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    for form in [format!("id={}&role=qa", me.0)] {
        let r = app.call_with(&mut admin, "/api/users/change_role", &form).await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(r.body.contains("last active admin"));
    }
    let r = app.call_with(&mut admin, "/api/users/set_active", &format!("id={}&active=false", me.0)).await;
    assert_eq!(r.status, 409);
    // With a second admin, the first may step down.
    app.user(org, Role::Admin, "second@acme.test").await;
    assert_eq!(app.call_with(&mut admin, "/api/users/change_role", &format!("id={}&role=qa", me.0)).await.status, 200);
}

#[tokio::test]
async fn a_password_reset_is_single_use_and_revokes_every_session() {
    let (app, inbox) = TestApp::with_inbox().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let mut old_session = app.sign_in("qa@acme.test").await;
    let known = app.call("/api/auth/request_reset", "email=qa%40acme.test").await;
    let unknown = app.call("/api/auth/request_reset", "email=nobody%40acme.test").await;
    assert_eq!((known.status, known.body.as_str()), (unknown.status, unknown.body.as_str()));
    let token = inbox.lock().unwrap().last().unwrap().token();
    // Sent: the stored body (which held the link) is cleared; the record stays.
    let body = app.scalar_text("SELECT body FROM outbox WHERE to_email = 'qa@acme.test'").await.unwrap();
    assert_eq!(body, "");
    let r = app.call("/api/auth/reset_password", &format!("token={token}&password=brand-new-password-9")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(app.call_with(&mut old_session, "/api/auth/me", "").await.json().is_null());
    let again = app.call("/api/auth/reset_password", &format!("token={token}&password=another-password-10")).await;
    assert_eq!(again.status, 409);
    assert_eq!(app.call("/api/auth/login", "email=qa%40acme.test&password=brand-new-password-9").await.status, 200);
}

#[tokio::test]
async fn changing_a_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let mut here = app.sign_in("qa@acme.test").await;
    let mut elsewhere = app.sign_in("qa@acme.test").await;
    let r = app
        .call_with(
            &mut here,
            "/api/auth/change_password",
            "current_password=wrong-password-1&new_password=brand-new-password-9",
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("current_password"));
    let r = app
        .call_with(
            &mut here,
            "/api/auth/change_password",
            &format!("current_password={PASSWORD}&new_password=brand-new-password-9"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call_with(&mut here, "/api/auth/me", "").await.json()["email"], "qa@acme.test");
    assert!(app.call_with(&mut elsewhere, "/api/auth/me", "").await.json().is_null());
}

#[tokio::test]
async fn logout_and_logout_everywhere_end_sessions() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let mut a = app.sign_in("qa@acme.test").await;
    let mut b = app.sign_in("qa@acme.test").await;
    let stale = a.clone();
    assert_eq!(app.call_with(&mut a, "/api/auth/logout", "").await.status, 200);
    assert!(a.0.is_empty(), "cookies cleared: {a:?}");
    let mut stale = stale;
    assert!(app.call_with(&mut stale, "/api/auth/me", "").await.json().is_null(), "a logged-out token is dead");
    assert_eq!(app.call_with(&mut b, "/api/auth/me", "").await.json()["email"], "qa@acme.test");
    let mut c = app.sign_in("qa@acme.test").await;
    let sessions = app.call_with(&mut c, "/api/auth/sessions", "").await.json();
    let current: Vec<_> = sessions.as_array().unwrap().iter().map(|s| s["current"].as_bool().unwrap()).collect();
    assert_eq!(current.iter().filter(|c| **c).count(), 1, "exactly one session is marked current: {sessions}");
    assert_eq!(current.len(), 2, "the logged-out session is not listed: {sessions}");
    assert_eq!(app.call_with(&mut c, "/api/auth/logout_everywhere", "").await.status, 200);
    assert!(app.call_with(&mut b, "/api/auth/me", "").await.json().is_null());
}

#[tokio::test]
async fn a_cross_origin_post_to_a_server_function_is_refused() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let jar = app.sign_in("admin@acme.test").await;
    let post = |origin: Option<&str>| {
        let mut b = Request::post("/api/invitations/create")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", jar.header());
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(Body::from("email=victim%40evil.test&name=V&role=admin")).unwrap()
    };
    assert_eq!(app.send(post(Some("https://evil.test"))).await.status, 403);
    assert_eq!(app.send(post(None)).await.status, 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM invitations").await, 0);
    assert_eq!(app.send(post(Some(ORIGIN))).await.status, 200);
}

#[tokio::test]
async fn the_audit_log_filters_and_exports_csv() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    app.call("/api/auth/login", "email=admin%40acme.test&password=wrong-wrong-wrong").await;
    let mut admin = app.sign_in("admin@acme.test").await;
    let all =
        app.call_with(&mut admin, "/api/audit/list", "filter[action]=&filter[actor]=&filter[from]=&filter[to]=").await;
    assert_eq!(all.status, 200, "{}", all.body);
    let actions: Vec<_> =
        all.json().as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
    assert_eq!(actions, ["login_succeeded", "login_failed"]);
    let failed = app
        .call_with(
            &mut admin,
            "/api/audit/list",
            "filter[action]=login_failed&filter[actor]=&filter[from]=&filter[to]=",
        )
        .await;
    assert_eq!(failed.json().as_array().unwrap().len(), 1);
    let bad = app
        .call_with(&mut admin, "/api/audit/list", "filter[action]=&filter[actor]=&filter[from]=yesterday&filter[to]=")
        .await;
    assert_eq!(bad.status, 422);
    let csv = app.get_with(&mut admin, "/api/v1/audit.csv?action=login_failed").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let lines: Vec<_> = csv.body.lines().collect();
    assert_eq!(lines[0], "time,action,actor,target,detail,ip,user_agent");
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains(",login_failed,admin@acme.test,"));
    // Audit rows are append-only in the database itself.
    let mut c = app.db.db.acquire().await.unwrap();
    let changed =
        app::db_run!(&mut c, conn => sqlx::query("UPDATE audit_events SET action = 'x'").execute(conn).await.map(drop));
    assert!(changed.is_err());
}
