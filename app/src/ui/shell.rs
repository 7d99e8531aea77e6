//! The HTML document around the app, rendered on the server only.
use super::boot::BOOT_SCRIPT;
use crate::routes::App;
use leptos::{nonce::use_nonce, prelude::*};
use leptos_meta::{HashedStylesheet, MetaTags};

/// The Content-Security-Policy of a page: scripts only from here or carrying this response's
/// nonce, WebAssembly allowed to compile, no framing.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    leptos::nonce::provide_nonce();
    let nonce = use_nonce();
    if let (Some(res), Some(n)) = (use_context::<leptos_axum::ResponseOptions>(), nonce.as_ref()) {
        if let Ok(v) = http::HeaderValue::from_str(&content_security_policy(n)) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="casebook-build" content=crate::build_id()/>
                <meta name="description" content="Casebook: QA documentation and test management"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <script nonce=nonce>{BOOT_SCRIPT}</script>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
                <App/>
            </body>
        </html>
    }
}
