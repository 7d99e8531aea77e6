//! The WASM downloads of a page wait for its first paint.
//!
//! A page's `<head>` asks for its code early: Leptos's hydration script (a module script), a
//! preload of the main JS and WASM, and one preload per module of the page's lazy routes (up to
//! ten since the wasm-split patch; 388 before it on the case page). None of them blocks the
//! paint, but on a slow connection they share the line with it, and Lighthouse's simulation
//! counts every download that finished before the largest paint as work the paint waited for
//! (docs/benchmarks.md, "Fewer WASM modules, downloads after the first paint").
//! So the head's preloads and module scripts are sent inert — `rel` and `type="module"` renamed to
//! `data-after-paint` — and the boot script (`app::ui::boot`) turns them back on once the page
//! has painted. The server-rendered page is complete and readable without them; presses made
//! before the code has arrived are held and replayed as before.
use app::ui::boot::AFTER_PAINT;
use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::header,
    middleware::Next,
    response::Response,
};
use futures_util::StreamExt;
use std::borrow::Cow;

/// Makes the head of every HTML page wait as the module says; other responses pass untouched.
pub async fn defer_downloads(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (parts, body) = res.into_parts();
    // The head comes first; once a chunk has closed it, the rest streams through unread.
    let mut in_head = true;
    let body = body.into_data_stream().map(move |chunk| {
        chunk.map(|bytes| {
            if !in_head {
                return bytes;
            }
            let Ok(text) = std::str::from_utf8(&bytes) else { return bytes };
            let (head, rest) = text.find("</head>").map_or((text, ""), |end| text.split_at(end));
            in_head = rest.is_empty();
            match defer_head(head) {
                Cow::Borrowed(_) => bytes,
                Cow::Owned(head) => Bytes::from(head + rest),
            }
        })
    });
    Response::from_parts(parts, Body::from_stream(body))
}

/// `head` (HTML from the page's start, or part of its head) with each preload, module preload and
/// module script tag made inert. Only inside `<link …>` and `<script …>` start tags: text (the
/// title) cannot hold a `<`, and attribute values escape their quotes, so nothing a person wrote
/// is touched.
pub fn defer_head(head: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    let mut at = 0;
    while let Some(open) = head[at..].find('<').map(|i| at + i) {
        let Some(close) = head[open..].find('>').map(|i| open + i + 1) else { break };
        let tag = &head[open..close];
        let deferred = if tag.starts_with("<link ") {
            [r#"rel="preload""#, r#"rel="modulepreload""#]
                .into_iter()
                .find(|rel| tag.contains(rel))
                .map(|rel| tag.replacen(rel, &format!("{AFTER_PAINT}={}", &rel[4..]), 1))
        } else if tag.starts_with("<script ") && tag.contains(r#"type="module""#) {
            Some(tag.replacen(r#"type="module""#, &format!(r#"type="text/plain" {AFTER_PAINT}="module""#), 1))
        } else {
            None
        };
        if let Some(tag) = deferred {
            out.push_str(&head[done..open]);
            out.push_str(&tag);
            done = close;
        }
        at = close;
    }
    if done == 0 {
        return Cow::Borrowed(head);
    }
    out.push_str(&head[done..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preloads_and_module_scripts_wait_and_nothing_else_changes() {
        // The tags as Leptos writes them (HydrationScripts, then leptos_meta's `Link`s).
        let head = concat!(
            r#"<head><title>rel="preload" &lt;script type="module"&gt;</title>"#,
            r#"<link rel="modulepreload" href="/pkg/casebook.J1.js" crossorigin="n">"#,
            r#"<link rel="preload" href="/pkg/casebook.W2.wasm" as="fetch" type="application/wasm" crossorigin="n">"#,
            r#"<script type="module" nonce="n">(function (root) { import(root) })("")</script>"#,
            r#"<script nonce="n">boot()</script>"#,
            r#"<link as="fetch" crossorigin="n" href="/pkg/c1.wasm" rel="preload" type="application/wasm">"#,
            r#"<link crossorigin="n" href="/pkg/__wasm_split.S3.js" rel="modulepreload">"#,
            r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#,
        );
        let want = concat!(
            r#"<head><title>rel="preload" &lt;script type="module"&gt;</title>"#,
            r#"<link data-after-paint="modulepreload" href="/pkg/casebook.J1.js" crossorigin="n">"#,
            r#"<link data-after-paint="preload" href="/pkg/casebook.W2.wasm" as="fetch" type="application/wasm" crossorigin="n">"#,
            r#"<script type="text/plain" data-after-paint="module" nonce="n">(function (root) { import(root) })("")</script>"#,
            r#"<script nonce="n">boot()</script>"#,
            r#"<link as="fetch" crossorigin="n" href="/pkg/c1.wasm" data-after-paint="preload" type="application/wasm">"#,
            r#"<link crossorigin="n" href="/pkg/__wasm_split.S3.js" data-after-paint="modulepreload">"#,
            r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#,
        );
        assert_eq!(defer_head(head), want);
    }

    #[test]
    fn a_head_without_downloads_is_passed_on_as_it_is() {
        let head = r#"<head><meta charset="utf-8"><title>a < b</title><link rel="icon" href="/i.svg">"#;
        assert!(matches!(defer_head(head), Cow::Borrowed(h) if h == head));
    }
}
