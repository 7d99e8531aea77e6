//! CSRF: a signed-in browser's state-changing call from another site is refused, whatever the
//! server function, when its Origin is foreign or `null`, when it has no Origin and a foreign
//! Referer, when it has neither, and as a cross-site `text/plain` "simple request".
use crate::support::{Reply, TestApp, ORIGIN};
use app::users::model::Role;
use axum::{body::Body, http::Request};

const FORM: &str = "application/x-www-form-urlencoded";

async fn post(app: &TestApp, path: &str, cookie: Option<&str>, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut req = Request::post(path);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap()).await
}

#[tokio::test]
async fn cross_site_calls_with_our_cookies_are_refused_for_every_server_function() {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    let jar = app.sign_in("admin@acme.test").await;
    let cookie = jar.header();
    let attacks: [(&str, &[(&str, &str)]); 5] = [
        ("no Origin and no Referer", &[("content-type", FORM)]),
        ("Origin: null", &[("content-type", FORM), ("origin", "null")]),
        ("a foreign Referer and no Origin", &[("content-type", FORM), ("referer", "https://evil.test/page")]),
        ("text/plain from a foreign Origin", &[("content-type", "text/plain"), ("origin", "https://evil.test")]),
        (
            "a foreign Origin with our Referer",
            &[("content-type", FORM), ("origin", "https://evil.test"), ("referer", ORIGIN)],
        ),
    ];
    let audit_before = app.count("SELECT COUNT(*) FROM audit_events").await;
    let mut paths: Vec<&str> = server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    paths.sort_unstable();
    for path in paths {
        for (what, headers) in attacks {
            let r = post(&app, path, Some(&cookie), headers, "name=Hijacked&input[key]=EVIL&input[name]=Evil").await;
            assert_eq!(r.status, 403, "{path} with our cookies and {what}: {}", r.body);
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events").await, audit_before, "a refused call ran");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE name = 'Hijacked'").await, 0);

    // Only one of our cookies, or the `__Host-` names of a Secure deployment, count as ours too.
    for c in ["cb_refresh=x", "cb_access=x", "__Host-cb_refresh=x", "__Host-cb_access=x"] {
        let r = post(&app, "/api/auth/update_profile", Some(c), &[("content-type", FORM)], "name=Hijacked").await;
        assert_eq!(r.status, 403, "headerless call with {c}");
    }
    // Without our cookies a headerless call is not a browser acting for someone: it passes the
    // CSRF check and meets the sign-in check.
    for c in [None, Some("theme=dark")] {
        let r = post(&app, "/api/auth/update_profile", c, &[("content-type", FORM)], "name=Hijacked").await;
        assert_eq!(r.status, 401, "headerless call with {c:?}: {}", r.body);
    }

    // Our own page: by Origin, or by Referer when a browser sends no Origin.
    let own: [&[(&str, &str)]; 2] = [
        &[("content-type", FORM), ("origin", ORIGIN)],
        &[("content-type", FORM), ("referer", "http://127.0.0.1:3000/profile")],
    ];
    for (i, headers) in own.into_iter().enumerate() {
        let name = format!("Own page {i}");
        let r =
            post(&app, "/api/auth/update_profile", Some(&cookie), headers, &format!("name={}", name.replace(' ', "+")))
                .await;
        assert_eq!(r.status, 200, "{headers:?}: {}", r.body);
        assert_eq!(app.scalar_text("SELECT name FROM users").await.as_deref(), Some(name.as_str()));
    }
}
