//! The permission matrix: every server function and REST route, called as an anonymous visitor,
//! as each role of organization A, and as each role of organization B, which has its own project
//! keyed SHOP like A's. Calls carry the real ids and numbers of A's objects (story, criterion,
//! case, revision, import job, invitation, user, session), so from B they reach a project that
//! resolves and must still find nothing of A's. Every answer to someone outside A is searched for
//! A's secrets (titles, Gherkin, criteria, names, emails, file rows), and after each row's calls
//! from outside A a snapshot of all of A's rows must be unchanged. An endpoint without a row, or
//! a table without a snapshot scope, fails the test.
mod csrf;
mod fixture;
mod snapshot;
mod table;

use crate::support::{multipart, Jar, Reply, TestApp, ORIGIN};
use app::users::model::Role;
use axum::{body::Body, http::Request};
use fixture::{email, Fixture, Side, A_SECRETS, B_MARKERS, ROLES};
use std::collections::BTreeSet;
use table::{rows, Call, Row};

struct Caller {
    who: String,
    side: Option<Side>,
    role: Option<Role>,
    jar: Jar,
    /// Each caller comes from its own address, so per-address rate limits stay out of the way.
    peer: std::net::SocketAddr,
}

impl Caller {
    fn outside_a(&self) -> bool {
        self.side != Some(Side::A)
    }
}

/// Sends `row` as `caller` with `fx`'s ids filled in.
async fn call(app: &TestApp, fx: &Fixture, caller: &mut Caller, row: &Row, n: usize) -> Reply {
    let mut req = match row.call {
        Call::Form(form) => Request::post(row.path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", ORIGIN)
            .body(Body::from(fx.fill(form, n))),
        Call::Upload(name, content) => {
            let (content_type, body) =
                multipart(&[("project", "SHOP")], (&fx.fill(name, n), fx.fill(content, n).as_bytes()));
            Request::post(row.path).header("content-type", content_type).header("origin", ORIGIN).body(Body::from(body))
        }
        Call::Get(path) => Request::get(fx.fill(path, n)).body(Body::empty()),
        Call::Post(path, (name, content)) => {
            let (content_type, body) = multipart(&[], (&fx.fill(name, n), fx.fill(content, n).as_bytes()));
            Request::post(fx.fill(path, n))
                .header("content-type", content_type)
                .header("origin", ORIGIN)
                .body(Body::from(body))
        }
        Call::Json(body) => Request::post(row.path)
            .header("content-type", "application/json")
            .header("origin", ORIGIN)
            .body(Body::from(fx.fill(body, n))),
    }
    .unwrap();
    req.headers_mut().insert("accept", "application/json".parse().unwrap());
    if !caller.jar.0.is_empty() {
        req.headers_mut().insert("cookie", caller.jar.header().parse().unwrap());
    }
    req.extensions_mut().insert(axum::extract::ConnectInfo(caller.peer));
    let reply = app.send(req).await;
    caller.jar.absorb(&reply.headers);
    reply
}

/// The answer as text, lower-cased; a zip is read entry by entry.
fn text_of(reply: &Reply) -> String {
    let text = if reply.header("content-type") == "application/zip" {
        app::test_cases::features::unpack("export.zip", reply.bytes.clone())
            .unwrap()
            .into_iter()
            .map(|(name, bytes)| format!("{name}\n{}", String::from_utf8_lossy(&bytes)))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        reply.body.clone()
    };
    text.to_lowercase()
}

/// Checks one answer against the row; `first` is whether the caller is the first allowed one of
/// its organization for this row.
fn check(row: &Row, caller: &Caller, reply: &Reply, first: bool) {
    let what = format!("{} {:?} as {}", row.path, row.call, caller.who);
    let text = text_of(reply);
    if caller.outside_a() {
        for secret in A_SECRETS {
            assert!(!text.contains(secret), "{what} leaked organization A ({secret}): {}", reply.body);
        }
    }
    if !row.access.admits(caller.role) {
        let refused = if caller.role.is_none() { 401 } else { 403 };
        assert_eq!(reply.status, refused, "{what} must be refused: {}", reply.body);
        return;
    }
    let expected = if caller.side == Some(Side::A) { row.own } else { row.other };
    if first || !row.once {
        assert_eq!(reply.status, expected, "{what}: {}", reply.body);
    } else {
        assert!(!matches!(reply.status, 401 | 403 | 500..), "{what}: {} {}", reply.status, reply.body);
    }
    let markers: &[&str] = match caller.side {
        Some(Side::A) if row.shows => &A_SECRETS,
        Some(Side::B) if row.shows_b => &B_MARKERS,
        _ => &[],
    };
    if first && !markers.is_empty() {
        assert!(markers.iter().any(|m| text.contains(m)), "{what} should show its organization's data: {}", reply.body);
    }
}

/// Whether `caller` is the first allowed caller of its organization (or the first anonymous
/// one) for this row; records it.
fn caller_is_first(row: &Row, caller: &Caller, seen: &mut BTreeSet<Option<bool>>) -> bool {
    row.access.admits(caller.role) && seen.insert(caller.side.map(|s| s == Side::A))
}

fn unchanged(row: &Row, what: &str, before: &snapshot::Snapshot, after: &snapshot::Snapshot) {
    assert!(before.rows() > 0, "{}: the snapshot is empty", row.path);
    assert!(after == before, "{} {:?} {what}:{}", row.path, row.call, after.changes_since(before));
}

async fn sign_in_everyone(app: &TestApp) -> Vec<Caller> {
    let mut callers = vec![Caller {
        who: "anonymous".into(),
        side: None,
        role: None,
        jar: Jar::default(),
        peer: "10.9.0.1:40000".parse().unwrap(),
    }];
    for (side, name) in [(Side::A, "A"), (Side::B, "B")] {
        for role in ROLES {
            callers.push(Caller {
                who: format!("{} of {name}", role.as_str()),
                side: Some(side),
                role: Some(role),
                jar: app.sign_in(&email(side, role)).await,
                peer: format!("10.9.{}.{}:40000", callers.len(), callers.len()).parse().unwrap(),
            });
        }
    }
    callers
}

#[tokio::test]
async fn every_endpoint_admits_exactly_the_callers_the_table_says_and_no_other_tenant() {
    let started = std::time::Instant::now();
    let app = TestApp::new().await;
    let fx = Fixture::build(&app).await;
    let scope_a = snapshot::Scope::of(&app, fx.a).await;
    let scope_b = snapshot::Scope::of(&app, fx.b).await;
    let mut callers = sign_in_everyone(&app).await;
    let setup = started.elapsed();
    let mut n = 0;
    for row in rows() {
        let mut first = BTreeSet::new();
        let outside = |c: &Caller| c.outside_a() || !row.access.admits(c.role);
        // Anonymous, B, and A's roles the row refuses: none may change anything of A's.
        let a_before = scope_a.take(&app).await;
        for caller in callers.iter_mut().filter(|c| outside(c)) {
            n += 1;
            let reply = call(&app, &fx, caller, &row, n).await;
            check(&row, caller, &reply, caller_is_first(&row, caller, &mut first));
        }
        unchanged(&row, "from outside organization A changed A's data", &a_before, &scope_a.take(&app).await);
        // A's allowed roles, on their own objects: nothing of B's may change.
        let b_before = scope_b.take(&app).await;
        for caller in callers.iter_mut().filter(|c| !outside(c)) {
            n += 1;
            let reply = call(&app, &fx, caller, &row, n).await;
            check(&row, caller, &reply, caller_is_first(&row, caller, &mut first));
        }
        unchanged(&row, "as organization A changed B's data", &b_before, &scope_b.take(&app).await);
    }
    eprintln!("permission matrix: {n} calls; set-up {setup:?}, total {:?}", started.elapsed());
}

#[test]
fn every_server_function_has_a_row_in_the_matrix() {
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths().map(|(p, _)| p.to_owned()).collect();
    let listed: BTreeSet<String> =
        rows().iter().filter(|r| !matches!(r.call, Call::Get(_) | Call::Post(..))).map(|r| r.path.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "server functions without a row in the permission matrix: {missing:?}");
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(stale.is_empty(), "matrix rows for server functions that do not exist: {stale:?}");
}

#[test]
fn every_rest_route_has_a_row_in_the_matrix() {
    let routes: BTreeSet<String> = casebook::startup::rest_routes().into_iter().map(|(p, _)| p.to_owned()).collect();
    let listed: BTreeSet<String> =
        rows().iter().filter(|r| matches!(r.call, Call::Get(_) | Call::Post(..))).map(|r| r.path.to_owned()).collect();
    let missing: Vec<_> = routes.difference(&listed).collect();
    assert!(missing.is_empty(), "REST routes without a row in the permission matrix: {missing:?}");
    let stale: Vec<_> = listed.difference(&routes).collect();
    assert!(stale.is_empty(), "matrix rows for REST routes the router does not have: {stale:?}");
    // The router takes its /api/v1 routes from that list only: no literal elsewhere in startup.rs.
    let source = include_str!("../../startup.rs");
    assert_eq!(
        source.matches("\"/api/v1").count(),
        routes.len(),
        "a /api/v1 route in src/startup.rs outside rest_routes(), which the matrix cannot see"
    );
}
