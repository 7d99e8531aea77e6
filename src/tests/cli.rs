//! The binary as an operator meets it: bad configuration fails in one line; a good one serves
//! and stops cleanly on SIGTERM.
use crate::support::TestDb;
use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

pub(crate) fn casebook() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook"));
    for var in ["DATABASE_URL", "CASEBOOK_ADDR", "CASEBOOK_DATA_DIR", "CASEBOOK_SECRET", "CASEBOOK_PUBLIC_URL"] {
        cmd.env_remove(var);
    }
    // Not whatever site the last release build left in target/site (built from other sources, it
    // would rightly be refused): tests that need a site make their own (`site.rs`).
    cmd.env("CASEBOOK_LOG", "warn").env("CASEBOOK_SITE_DIR", "/nonexistent/casebook-test-site");
    cmd
}

pub(crate) fn free_addr() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().to_string()
}

/// Runs the binary to completion (it must fail fast) and returns its output.
pub(crate) fn run_failing(cmd: &mut Command) -> (Output, String) {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(!out.status.success(), "expected a failure, got {:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    assert_eq!(stderr.lines().count(), 1, "expected one line, got:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out, stderr)
}

#[test]
fn an_unreachable_postgres_fails_fast_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = run_failing(
        casebook()
            .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/x")
            .env("CASEBOOK_DATA_DIR", dir.path())
            .env("CASEBOOK_ADDR", free_addr()),
    );
    assert!(err.starts_with("casebook: cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/x"), "{err}");
}

#[test]
fn a_malformed_database_url_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = run_failing(casebook().env("DATABASE_URL", "mysql://x").env("CASEBOOK_DATA_DIR", dir.path()));
    assert!(err.contains("DATABASE_URL must start with sqlite:// or postgres://"), "{err}");
}

#[test]
fn a_port_in_use_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let (_, err) = run_failing(casebook().env("CASEBOOK_ADDR", &addr).env("CASEBOOK_DATA_DIR", dir.path()));
    assert!(err.contains(&format!("cannot listen on {addr}")) && err.contains("in use"), "{err}");
}

#[test]
fn an_unwritable_data_dir_is_reported() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let bad = file.path().join("data");
    let (_, err) = run_failing(casebook().env("CASEBOOK_DATA_DIR", &bad));
    assert!(err.contains(&format!("the data directory {} is not writable", bad.display())), "{err}");
}

#[test]
fn a_bad_log_filter_is_reported() {
    let (_, err) = run_failing(casebook().env("CASEBOOK_LOG", "casebook=loud"));
    assert!(err.contains("CASEBOOK_LOG"), "{err}");
}

pub(crate) fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// The default start (SQLite in the data dir) or, when the suite runs on PostgreSQL, the same
/// binary on a fresh PostgreSQL database: it serves, then stops cleanly on SIGTERM.
#[tokio::test(flavor = "multi_thread")]
async fn the_binary_serves_then_stops_cleanly_on_sigterm() {
    let pg = match std::env::var("TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => Some(TestDb::new().await),
        _ => None,
    };
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut cmd = casebook();
    cmd.env("CASEBOOK_ADDR", &addr).env("CASEBOOK_DATA_DIR", dir.path()).env("CASEBOOK_LOG", "info");
    if let Some(t) = &pg {
        cmd.env("DATABASE_URL", &t.url);
    }
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();

    let deadline = Instant::now() + Duration::from_secs(30);
    let health = loop {
        if let Some(r) = http_get(&addr, "/healthz") {
            break r;
        }
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(health.starts_with("HTTP/1.1 200") && health.ends_with("ok"), "{health}");
    let info = http_get(&addr, "/system").unwrap();
    let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };
    assert!(info.contains(backend), "{info}");

    if pg.is_none() {
        assert!(dir.path().join("casebook.db").exists());
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("secret.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}\n{log}", out.status);
    assert!(log.contains("shutting down") && log.contains("stopped"), "{log}");
}

fn run_with_stdin(cmd: &mut Command, stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `casebook admin create` and `casebook org create`, on the suite's backend.
#[tokio::test(flavor = "multi_thread")]
async fn admins_and_organizations_can_be_created_from_the_command_line() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let base = || {
        let mut c = casebook();
        c.env("CASEBOOK_DATA_DIR", dir.path()).env("DATABASE_URL", &t.url);
        c
    };
    let out = run_with_stdin(
        base().args(["admin", "create", "--org", "Acme QA", "--email", "Boss@Acme.test"]),
        "correct-horse-battery-7\n",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Created admin boss@acme.test"));

    let weak =
        run_with_stdin(base().args(["admin", "create", "--org", "Acme QA", "--email", "two@acme.test"]), "short\n");
    assert!(!weak.status.success());
    assert_eq!(String::from_utf8_lossy(&weak.stderr).trim(), "casebook: password: Use at least 10 characters.");

    let out = base().args(["org", "create", "Second Team"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dup = base().args(["org", "create", "Second Team"]).output().unwrap();
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("already exists"));

    let mut c = t.db.acquire().await.unwrap();
    let admin = app::users::repo::find_by_email(&mut c, "boss@acme.test").await.unwrap().unwrap();
    assert_eq!(admin.role, app::users::model::Role::Admin);
    assert_eq!(app::orgs::repo::count(&mut c).await.unwrap(), 2);
    // The password given on stdin works for signing in.
    let (_, hash) = app::users::repo::credentials(&mut c, "boss@acme.test").await.unwrap().unwrap();
    assert!(app::auth::password::verify("correct-horse-battery-7".into(), hash).await.unwrap());
}
