//! [F6] Evidence: files attached to a step or an execution of a run are checked by their content
//! (an HTML file named .png, an SVG, a program are refused), limited in size before they are
//! stored, kept under generated names whatever the uploader called them, served with headers
//! that run nothing (images inline with a thumbnail, the rest as attachments), only to active
//! members of the organization; a completed run takes none; deleting a run removes its files
//! from the store through a job.
use crate::support::{multipart, Jar, Reply, TestApp, ORIGIN};
use app::{
    evidence::{purge::Purge, store::EvidenceStore},
    jobs::queue::{Queue, Settings},
    users::model::Role,
};
use axum::{body::Body, http::Request};
use std::{path::PathBuf, time::Duration};

const GHERKIN: &str = "Feature: Login\n  Scenario: wrong password\n    Given a user\n    When they sign in with a wrong password\n    Then they see an error\n";
const UPLOAD: &str = "/api/v1/projects/SHOP/runs/1/cases/1/evidence";

struct Setup {
    app: TestApp,
    dir: tempfile::TempDir,
    qa: Jar,
    admin: Jar,
    dev: Jar,
}

/// SHOP with one case, run 1 of it started by the qa; evidence kept in a temp directory with a
/// limit of `max_bytes`.
async fn setup(max_bytes: u64) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let store = EvidenceStore::directory(dir.path(), max_bytes).unwrap();
    let app = TestApp::with_config(|c| c.evidence = store).await;
    let org = app.org("Acme").await;
    for (role, email) in [(Role::Admin, "admin@acme.test"), (Role::Qa, "qa@acme.test"), (Role::Dev, "dev@acme.test")] {
        app.user(org, role, email).await;
    }
    let project = app.project(org, "SHOP").await;
    app.case(org, project, "Wrong password", GHERKIN).await;
    let mut qa = app.sign_in("qa@acme.test").await;
    let r = app.call_with(&mut qa, "/api/runs/create", "project=SHOP&input[name]=Regression&input[cases][0]=1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call_with(&mut qa, "/api/runs/start", "project=SHOP&number=1").await.status, 200);
    Setup { admin: app.sign_in("admin@acme.test").await, dev: app.sign_in("dev@acme.test").await, qa, dir, app }
}

/// A PNG of `w` × `h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90])));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn upload(app: &TestApp, jar: &Jar, fields: &[(&str, &str)], name: &str, bytes: &[u8]) -> Reply {
    let (content_type, body) = multipart(fields, (name, bytes));
    let mut req = Request::post(UPLOAD)
        .header("content-type", content_type)
        .header("content-length", body.len())
        .header("accept", "application/json")
        .header("origin", ORIGIN);
    if !jar.0.is_empty() {
        req = req.header("cookie", jar.header());
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

/// Every file under `dir`.
fn files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn field_message(r: &Reply) -> String {
    r.json()["fields"][0]["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_screenshot_is_stored_under_a_generated_name_and_served_inline_with_a_thumbnail() {
    let mut s = setup(25 * 1024 * 1024).await;
    let shot = png(640, 480);
    let r = upload(&s.app, &s.qa, &[("scenario", "0"), ("step", "1")], "login failed.png", &shot).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let item = r.json();
    assert_eq!((item["name"].as_str(), item["content_type"].as_str()), (Some("login failed.png"), Some("image/png")));
    assert_eq!((item["scenario"].as_i64(), item["step"].as_i64()), (Some(0), Some(1)));
    assert_eq!(item["size_bytes"].as_u64(), Some(shot.len() as u64));
    assert_eq!(item["has_thumb"], true);
    let id = item["id"].as_i64().unwrap();
    let key = s.app.scalar_text(&format!("SELECT store_key FROM evidence WHERE id = {id}")).await.unwrap();
    let (org, name) = key.split_once('/').unwrap();
    assert!(org.parse::<i64>().is_ok() && name.len() == 32 && name.chars().all(|c| c.is_ascii_hexdigit()), "{key}");
    assert_eq!(std::fs::read(s.dir.path().join(&key)).unwrap(), shot, "stored as uploaded, under the generated key");
    assert_eq!(files(s.dir.path()).len(), 2, "the file and its thumbnail");

    let got = s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, shot);
    assert_eq!(got.header("content-type"), "image/png");
    assert_eq!(
        got.header("content-disposition"),
        "inline; filename=\"login failed.png\"; filename*=UTF-8''login%20failed.png"
    );
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(got.header("content-security-policy"), "default-src 'none'; sandbox");
    assert_eq!(got.header("cache-control"), "private");
    let thumb = s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{id}/thumb")).await;
    assert_eq!((thumb.status, thumb.header("content-type")), (200, "image/jpeg"));
    let small = image::load_from_memory(&thumb.bytes).unwrap();
    assert_eq!((small.width(), small.height()), (320, 240));

    let list = s.app.call_with(&mut s.dev, "/api/evidence/list", "project=SHOP&number=1&case=1").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.json()["items"][0]["id"].as_i64(), Some(id));
    assert_eq!(list.json()["items"][0]["can_delete"], false, "a developer deletes nothing");
    assert_eq!(list.json()["max_bytes"].as_u64(), Some(25 * 1024 * 1024));
    let mine = s.app.call_with(&mut s.qa, "/api/evidence/list", "project=SHOP&number=1&case=1").await;
    assert_eq!(mine.json()["items"][0]["can_delete"], true);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'evidence_attached'").await, 1);

    // A whole-execution log, and a step that the case does not have.
    let log = upload(&s.app, &s.qa, &[], "server.log", b"12:00 ERROR login\n").await;
    assert_eq!((log.status, log.json()["content_type"].as_str()), (200, Some("text/plain; charset=utf-8")));
    let got = s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{}", log.json()["id"])).await;
    assert!(got.header("content-disposition").starts_with("attachment; "), "{}", got.header("content-disposition"));
    assert_eq!(s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{}/thumb", log.json()["id"])).await.status, 404);
    let nowhere = upload(&s.app, &s.qa, &[("scenario", "0"), ("step", "3")], "a.log", b"x").await;
    assert_eq!(nowhere.status, 422, "{}", nowhere.body);
    assert!(nowhere.json()["fields"][0]["field"] == "step");
    // Another site cannot make a signed-in browser upload.
    let (content_type, body) = multipart(&[], ("x.log", b"x"));
    let req = Request::post(UPLOAD)
        .header("content-type", content_type)
        .header("origin", "https://evil.test")
        .header("cookie", s.qa.header())
        .body(Body::from(body))
        .unwrap();
    assert_eq!(s.app.send(req).await.status, 403);
    // Nobody without the right to edit uploads.
    assert_eq!(upload(&s.app, &s.dev, &[], "a.log", b"x").await.status, 403);
    assert_eq!(upload(&s.app, &Jar::default(), &[], "a.log", b"x").await.status, 401);
}

#[tokio::test]
async fn files_of_the_wrong_kind_are_refused_with_a_clear_message_and_nothing_is_stored() {
    let s = setup(25 * 1024 * 1024).await;
    let cases: [(&str, &[u8], &str); 5] = [
        ("screenshot.png", b"<!DOCTYPE html><html><body><script>alert(1)</script>", "An HTML file cannot be attached"),
        ("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "SVG"),
        (
            "setup.exe",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0\xb8\0\0\0\0\0\0\0@\0\0\0\0\0\0\0",
            "A program cannot be attached",
        ),
        ("shot.png", b"plain text pretending", "its content is text"),
        ("data.json", b"{\"unterminated\": ", "not valid JSON"),
    ];
    for (name, bytes, expected) in cases {
        let r = upload(&s.app, &s.qa, &[], name, bytes).await;
        assert_eq!(r.status, 422, "{name}: {}", r.body);
        let message = field_message(&r);
        assert!(message.contains(expected), "{name}: {message}");
        if expected.contains("cannot be attached") {
            assert!(message.contains("Attach images (PNG, JPEG, GIF, WebP)"), "says what would do: {message}");
        }
    }
    assert!(files(s.dir.path()).is_empty());
    assert_eq!(s.app.count("SELECT COUNT(*) FROM evidence").await, 0);
}

#[tokio::test]
async fn an_oversize_file_is_refused_before_it_is_stored() {
    let mut s = setup(1024).await;
    let list = s.app.call_with(&mut s.qa, "/api/evidence/list", "project=SHOP&number=1&case=1").await;
    assert_eq!(list.json()["max_bytes"].as_u64(), Some(1024), "the page checks the same limit");
    // While it is read: a small request whose file passes the limit.
    let r = upload(&s.app, &s.qa, &[], "big.log", &vec![b'x'; 4096]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(field_message(&r).contains("the limit"), "{}", r.body);
    // From its declared length, before it is read.
    let r = upload(&s.app, &s.qa, &[], "huge.log", &vec![b'x'; 200 * 1024]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(field_message(&r).contains("the limit is 1 KB"), "{}", r.body);
    assert!(files(s.dir.path()).is_empty());
    // At the limit it goes through.
    assert_eq!(upload(&s.app, &s.qa, &[], "fits.log", &vec![b'x'; 1024]).await.status, 200);
}

#[tokio::test]
async fn a_path_in_the_name_is_dropped_and_the_file_kept_under_a_generated_key() {
    let mut s = setup(1024 * 1024).await;
    let r = upload(&s.app, &s.qa, &[], "../../etc/passwd", b"root:x:0:0\n").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["name"], "passwd");
    let stored = files(s.dir.path());
    assert_eq!(stored.len(), 1);
    let relative = stored[0].strip_prefix(s.dir.path()).unwrap().to_string_lossy().into_owned();
    assert!(!relative.contains("passwd") && !relative.contains(".."), "{relative}");
    let got = s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{}", r.json()["id"])).await;
    assert_eq!(got.header("content-disposition"), "attachment; filename=\"passwd\"; filename*=UTF-8''passwd");
    let r = upload(&s.app, &s.qa, &[], "C:\\logs\\rés\tumé.log", b"ok\n").await;
    assert_eq!((r.status, r.json()["name"].as_str()), (200, Some("résumé.log")), "{}", r.body);
    let got = s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{}", r.json()["id"])).await;
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename=\"r_sum_.log\"; filename*=UTF-8''r%C3%A9sum%C3%A9.log"
    );
}

#[tokio::test]
async fn another_organization_gets_404_and_a_deactivated_member_is_refused() {
    let mut s = setup(1024 * 1024).await;
    let id =
        upload(&s.app, &s.qa, &[("scenario", "0"), ("step", "0")], "a.png", &png(40, 30)).await.json()["id"].clone();
    let other = s.app.org("Other").await;
    s.app.user(other, Role::Admin, "admin@other.test").await;
    s.app.project(other, "SHOP").await;
    let mut outsider = s.app.sign_in("admin@other.test").await;
    for path in [format!("/api/v1/evidence/{id}"), format!("/api/v1/evidence/{id}/thumb")] {
        assert_eq!(s.app.get_with(&mut outsider, &path).await.status, 404, "{path}");
        assert_eq!(s.app.get(&path).await.status, 401, "{path}");
    }
    let r = s.app.call_with(&mut outsider, "/api/evidence/list", "project=SHOP&number=1&case=1").await;
    assert_eq!(r.status, 404);
    let r = s.app.call_with(&mut outsider, "/api/evidence/delete", &format!("project=SHOP&id={id}")).await;
    assert_eq!(r.status, 404);
    assert_eq!(upload(&s.app, &outsider, &[], "x.log", b"x").await.status, 404);

    let dev = s.app.count("SELECT id FROM users WHERE email = 'dev@acme.test'").await;
    assert_eq!(s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{id}")).await.status, 200);
    let r = s.app.call_with(&mut s.admin, "/api/users/set_active", &format!("id={dev}&active=false")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{id}")).await.status, 401);
    assert_eq!(s.app.get_with(&mut s.dev, &format!("/api/v1/evidence/{id}/thumb")).await.status, 401);
}

#[tokio::test]
async fn a_completed_run_takes_no_evidence_and_only_the_uploader_or_an_admin_deletes() {
    let mut s = setup(1024 * 1024).await;
    let first = upload(&s.app, &s.qa, &[], "one.log", b"1\n").await.json()["id"].clone();
    let second = upload(&s.app, &s.qa, &[], "two.png", &png(20, 20)).await.json()["id"].clone();
    assert_eq!(files(s.dir.path()).len(), 3);
    let r = s.app.call_with(&mut s.dev, "/api/evidence/delete", &format!("project=SHOP&id={first}")).await;
    assert_eq!(r.status, 403);
    let org = s.app.count("SELECT id FROM organizations WHERE name = 'Acme'").await;
    s.app.user(app::orgs::model::OrgId(org), Role::Qa, "qa2@acme.test").await;
    let mut qa2 = s.app.sign_in("qa2@acme.test").await;
    let r = s.app.call_with(&mut qa2, "/api/evidence/delete", &format!("project=SHOP&id={first}")).await;
    assert_eq!(r.status, 403, "not theirs: {}", r.body);
    let r = s.app.call_with(&mut s.qa, "/api/evidence/delete", &format!("project=SHOP&id={first}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(files(s.dir.path()).len(), 2, "its object went at once");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'evidence_deleted'").await, 1);

    assert_eq!(s.app.call_with(&mut s.qa, "/api/runs/complete", "project=SHOP&number=1").await.status, 200);
    let r = upload(&s.app, &s.qa, &[], "late.log", b"late\n").await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.json()["message"].as_str().unwrap().contains("completed"), "{}", r.body);
    let r = s.app.call_with(&mut s.qa, "/api/evidence/delete", &format!("project=SHOP&id={second}")).await;
    assert_eq!(r.status, 409, "sealed with the run: {}", r.body);
    let r = s.app.call_with(&mut s.admin, "/api/evidence/delete", &format!("project=SHOP&id={second}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(files(s.dir.path()).is_empty(), "the image and its thumbnail");
    // A planned run takes none either.
    s.app.call_with(&mut s.qa, "/api/runs/create", "project=SHOP&input[name]=Next&input[cases][0]=1").await;
    let (content_type, body) = multipart(&[], ("a.log", b"x"));
    let req = Request::post("/api/v1/projects/SHOP/runs/2/cases/1/evidence")
        .header("content-type", content_type)
        .header("origin", ORIGIN)
        .header("cookie", s.qa.header())
        .body(Body::from(body))
        .unwrap();
    let r = s.app.send(req).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("Start the run"), "{}", r.body);
}

#[tokio::test]
async fn deleting_a_run_removes_its_files_from_the_store_through_a_job() {
    let mut s = setup(1024 * 1024).await;
    upload(&s.app, &s.qa, &[("scenario", "0"), ("step", "2")], "error.png", &png(50, 50)).await;
    upload(&s.app, &s.qa, &[], "console.log", b"TypeError: x is undefined\n").await;
    assert_eq!(files(s.dir.path()).len(), 3);
    let r = s.app.call_with(&mut s.qa, "/api/runs/delete", "project=SHOP&number=1").await;
    assert_eq!(r.status, 403, "admins only");
    let r = s.app.call_with(&mut s.admin, "/api/runs/delete", "project=SHOP&number=1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM test_runs").await, 0);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM run_cases").await, 0);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM evidence").await, 0);
    let audit = s.app.scalar_text("SELECT detail FROM audit_events WHERE action = 'run_deleted'").await.unwrap();
    assert!(audit.contains("Regression") && audit.contains("3 evidence objects"), "{audit}");
    assert_eq!(files(s.dir.path()).len(), 3, "the store is cleaned by the job, after the commit");
    assert_eq!(s.app.call_with(&mut s.admin, "/api/runs/get", "project=SHOP&number=1").await.status, 404);

    let settings = Settings { lease: Duration::from_secs(5), poll: Duration::from_millis(20) };
    let queue = Queue::new(s.app.db.db.clone(), s.app.state.hub.clone(), settings)
        .register(Purge::new(s.app.state.config.evidence.clone()));
    assert!(queue.run_once().await.unwrap());
    let status = s.app.scalar_text("SELECT status FROM jobs WHERE kind = 'evidence_purge'").await.unwrap();
    assert_eq!(status, "succeeded");
    assert!(files(s.dir.path()).is_empty());
    assert_eq!(std::fs::read_dir(s.dir.path()).unwrap().count(), 0, "the store's directory is empty");
    assert!(!queue.run_once().await.unwrap(), "nothing left to do");
}
