//! The router as a browser and a load balancer see it.
use crate::support::TestApp;
use app::{db::Backend, orgs};
use axum::{body::Body, http::Request};

#[tokio::test]
async fn healthz_answers_while_the_process_is_up() {
    let app = TestApp::new().await;
    let r = app.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));
}

#[tokio::test]
async fn readyz_follows_the_database() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/readyz").await.status, 200);
    app.db.db.close().await;
    let r = app.get("/readyz").await;
    assert_eq!((r.status, r.body.as_str()), (503, "database unavailable"));
}

#[tokio::test]
async fn the_home_page_is_rendered_on_the_server_with_security_headers() {
    let app = TestApp::new().await;
    let r = app.get("/").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Welcome to Casebook"), "{}", r.body);
    assert!(r.body.contains(r#"aria-label="Main""#));
    let csp = r.header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
    // The inline scripts carry the nonce the policy names, and nothing else is allowed inline.
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap();
    assert!(nonce.len() >= 16);
    assert!(r.body.contains(&format!(r#"nonce="{nonce}""#)));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("referrer-policy"), "strict-origin-when-cross-origin");
    assert_eq!(r.header("x-frame-options"), "DENY");
    assert_eq!(r.header("x-request-id").len(), 36);
}

#[tokio::test]
async fn a_page_asks_for_its_code_only_after_it_has_painted() {
    let app = TestApp::new().await;
    let r = app.get("/").await;
    let head = &r.body[..r.body.find("</head>").expect("a head")];
    // Leptos's hydration script and its preloads are there, inert, for the boot script to start.
    assert!(head.contains(r#"<script type="text/plain" data-after-paint="module" nonce=""#), "{head}");
    assert!(head.contains(r#"data-after-paint="modulepreload""#), "{head}");
    assert!(head.contains(r#"data-after-paint="preload""#), "{head}");
    assert!(!head.contains(r#"type="module""#), "{head}");
    assert!(!head.contains(r#"rel="preload""#) && !head.contains(r#"rel="modulepreload""#), "{head}");
    // Other responses are not rewritten.
    let api = app.get("/healthz").await;
    assert_eq!(api.body, "ok");
}

#[tokio::test]
async fn every_page_gets_a_fresh_nonce() {
    let app = TestApp::new().await;
    let a = app.get("/").await;
    let b = app.get("/").await;
    assert_ne!(a.header("content-security-policy"), b.header("content-security-policy"));
}

#[tokio::test]
async fn an_unknown_path_gets_the_not_found_page_with_404() {
    let app = TestApp::new().await;
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Page not found"), "{}", r.body);
}

#[tokio::test]
async fn the_system_page_renders_version_and_backend_on_the_server() {
    let app = TestApp::new().await;
    let r = app.get("/system").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("System status"));
    assert!(r.body.contains(env!("CARGO_PKG_VERSION")), "{}", r.body);
    assert!(r.body.contains(app.db.backend().label()), "{}", r.body);
}

#[tokio::test]
async fn the_system_info_server_function_reports_the_real_state() {
    let app = TestApp::new().await;
    let r = app.call("/api/system/info", "").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let info = r.json();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    let expected = match app.db.backend() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    assert_eq!(info["backend"], expected);
    assert_eq!(info["schema_version"], crate::db::migration_files("sqlite").len());
    assert_eq!(info["setup_required"], true);

    let mut tx = app.db.db.begin().await.unwrap();
    orgs::repo::insert(&mut tx, "Acme", "acme", chrono::Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(app.call("/api/system/info", "").await.json()["setup_required"], false);
}

#[tokio::test]
async fn a_failing_server_function_answers_with_a_reference_not_the_cause() {
    let app = TestApp::new().await;
    app.db.db.close().await;
    let r = app.call("/api/system/info", "").await;
    assert_eq!(r.status, 500, "{}", r.body);
    let e = r.json();
    assert_eq!(e["error"], "internal");
    assert_eq!(e["detail"]["reference"].as_str().unwrap().len(), 12);
    assert!(!r.body.to_lowercase().contains("pool"), "database text leaked: {}", r.body);
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_ask() {
    let app = TestApp::new().await;
    let r = app.send(Request::get("/").header("accept-encoding", "br").body(Body::empty()).unwrap()).await;
    assert_eq!(r.header("content-encoding"), "br");
    let r = app.send(Request::get("/").header("accept-encoding", "gzip").body(Body::empty()).unwrap()).await;
    assert_eq!(r.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_unhashed_ones_revalidate() {
    for (hashed, expected) in [(true, "public, max-age=31536000, immutable"), (false, "no-cache")] {
        let app = TestApp::with_options(hashed, 1024).await;
        std::fs::write(app.site.path().join("pkg/casebook.0123abcd.js"), "export {}").unwrap();
        let r = app.get("/pkg/casebook.0123abcd.js").await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("cache-control"), expected);
    }
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_a_page() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/pkg/nope.wasm").await.status, 404);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let app = TestApp::with_options(false, 1024).await;
    let body = "x=1&".repeat(1000);
    let req = Request::post("/api/system/info")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", body.len())
        .body(Body::from(body))
        .unwrap();
    assert_eq!(app.send(req).await.status, 413);
    // Under the limit the same call goes through.
    assert_eq!(app.call("/api/system/info", "").await.status, 200);
}

#[tokio::test]
async fn arguments_that_do_not_decode_are_a_400_not_a_500() {
    let app = TestApp::new().await;
    let r = app.call("/api/auth/login", "email=only-the-email%40x.test").await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["error"], "bad_request");
}

/// Building a router lists the app's routes by rendering the app with resource loading switched
/// off process-wide (leptos-rs/leptos#4773): a page that another router rendered meanwhile never
/// finished, which once held CI until its time limit. Routes are now listed once per process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_other_routers_are_being_built() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    };
    /// Stops the builder however the test ends, so a failure cannot leave it looping.
    struct Stop(Arc<AtomicBool>);
    impl Drop for Stop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let app = TestApp::new().await;
    let stop = Stop(Arc::new(AtomicBool::new(false)));
    let builder = tokio::task::spawn_blocking({
        let (state, stop) = (app.state.clone(), stop.0.clone());
        move || {
            let mut built = 0u32;
            while !stop.load(Ordering::Relaxed) {
                drop(casebook::startup::router(state.clone(), 1024 * 1024));
                built += 1;
            }
            built
        }
    });
    for round in 0..40 {
        let page = tokio::time::timeout(std::time::Duration::from_secs(10), app.get("/setup")).await;
        let page = page.unwrap_or_else(|_| panic!("render {round} of /setup never finished"));
        assert!(page.body.contains("Set up Casebook"), "{}", page.body);
    }
    drop(stop);
    assert!(builder.await.unwrap() > 0, "no router was built while the pages rendered");
}
