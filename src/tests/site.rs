//! [P1] Any build of the binary serves the built site: the hashed names come from the site's
//! `hash.txt` at start-up, and a site built from other sources is refused with a clear message.
use super::cli::{casebook, free_addr, http_get, run_failing};
use std::{fs, path::Path, process::Stdio, time::Duration};

/// A site as `make build` leaves it, whose main WASM carries `mark`.
fn site(dir: &Path, mark: &str) {
    let pkg = dir.join("pkg");
    fs::create_dir_all(&pkg).unwrap();
    fs::write(dir.join("hash.txt"), "js: JsH4sh\nwasm: W4smH4sh\ncss: CssH4sh\n").unwrap();
    fs::write(pkg.join("casebook.JsH4sh.js"), "export default function(){}").unwrap();
    fs::write(pkg.join("casebook.CssH4sh.css"), "body{color:rebeccapurple}").unwrap();
    fs::write(pkg.join("casebook.W4smH4sh.wasm"), [b"\0asm\x01\0\0\0".as_slice(), mark.as_bytes()].concat()).unwrap();
}

#[test]
fn a_site_built_from_other_sources_stops_the_server_with_both_build_ids() {
    let (data, web) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(web.path(), "casebook-build:0123456789abcdef;");
    let (_, err) = run_failing(
        casebook()
            .env("CASEBOOK_DATA_DIR", data.path())
            .env("CASEBOOK_SITE_DIR", web.path())
            .env("CASEBOOK_ADDR", free_addr()),
    );
    assert!(err.contains("built from other sources") && err.contains("0123456789abcdef"), "{err}");
    assert!(err.contains(app::build_id()), "{err}");
}

#[test]
fn pages_name_the_hashed_files_the_site_build_wrote_and_inline_its_stylesheet() {
    let (data, web) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(web.path(), app::BUILD_MARK);
    let addr = free_addr();
    let mut child = casebook()
        .env("CASEBOOK_DATA_DIR", data.path())
        .env("CASEBOOK_SITE_DIR", web.path())
        .env("CASEBOOK_ADDR", &addr)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut page = None;
    for _ in 0..300 {
        page = http_get(&addr, "/login");
        if page.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let page = page.expect("the server answered");
    assert!(page.contains(r#"href="/pkg/casebook.JsH4sh.js""#), "{page}");
    assert!(page.contains(r#"href="/pkg/casebook.W4smH4sh.wasm""#), "{page}");
    assert!(page.contains("body{color:rebeccapurple}"), "the stylesheet is inlined: {page}");
    assert!(page.contains(&format!(r#"<meta name="casebook-build" content="{}">"#, app::build_id())), "{page}");
}
