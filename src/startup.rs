//! The HTTP router: health checks, static assets, server functions and pages, wrapped in the
//! cross-cutting layers (request ids, tracing, compression, security headers, body limit).
use app::{shell, state::AppState, App};
use axum::{
    body::Body,
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderName, HeaderValue, Request, StatusCode},
    middleware,
    response::IntoResponse,
    routing::{get, post, MethodRouter},
    Router,
};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{path::Path, sync::OnceLock, time::Duration};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    sensitive_headers::SetSensitiveRequestHeadersLayer,
    services::ServeDir,
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
    trace::TraceLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Cache policy of `/pkg`: with hashed file names a file's content never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Browsers keep to https for a year once they have seen the server over it.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The policy of responses that are not pages (JSON, files): nothing may run or frame them.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Builds the whole application; tests drive the same router.
pub fn router(state: AppState, max_body_bytes: usize) -> Router {
    let routes = routes();
    let options = state.leptos.clone();
    // HSTS only when people reach the server over https (a plain-http install must stay reachable).
    let hsts = state.config.hsts().then(|| HeaderValue::from_static(HSTS));
    let (uploads, rest): (Vec<_>, Vec<_>) = rest_routes().into_iter().partition(|(path, _)| bounds_own_body(path));
    let fold = |routes: Vec<(&'static str, MethodRouter<AppState>)>| {
        routes.into_iter().fold(Router::new(), |r, (path, route)| r.route(path, route))
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(fold(rest))
        .nest_service("/pkg", pkg_service(&options))
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Every body is limited, but for the uploads that bound their own (merged after this).
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(RequestBodyLimitLayer::new(max_body_bytes))
        .merge(fold(uploads).layer(DefaultBodyLimit::disable()))
        // Inner to outer: who is asking (per request, from the cookies), then the CSRF check,
        // which refuses cross-origin state changes before anything else runs.
        .layer(middleware::from_fn_with_state(state.clone(), app::auth::session::resolve))
        .layer(middleware::from_fn_with_state(state.clone(), app::auth::csrf::guard))
        .layer(middleware::from_fn_with_state(state.clone(), app::auth::csrf::host_guard))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(crate::after_paint::defer_downloads))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, header::COOKIE]))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CatchPanicLayer::new())
                .layer(CompressionLayer::new())
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(API_CSP),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
                .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts))
                .layer(SetResponseHeaderLayer::overriding(
                    HeaderName::from_static("permissions-policy"),
                    HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
                )),
        )
        .with_state(state)
}

/// The REST API under `/api/v1`: the router is built from this list, and the permission matrix
/// (`src/tests/matrix`) fails for a path in it without a row there.
pub fn rest_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/v1/audit.csv", get(app::audit::http::csv)),
        ("/api/v1/events", get(app::events::http::stream)),
        ("/api/v1/imports/{id}/rejects.csv", get(app::stories::import::http::rejects)),
        ("/api/v1/import-template.csv", get(app::stories::import::http::template_csv)),
        ("/api/v1/import-template.xlsx", get(app::stories::import::http::template_xlsx)),
        ("/api/v1/projects/{key}/cases.zip", get(app::test_cases::http::zip)),
        ("/api/v1/projects/{key}/cases/{file}", get(app::test_cases::http::feature)),
        ("/api/v1/projects/{key}/runs/{number}/cases/{case}/evidence", post(app::evidence::http::upload)),
        ("/api/v1/evidence/{id}", get(app::evidence::http::download)),
        ("/api/v1/evidence/{id}/thumb", get(app::evidence::http::thumb)),
    ]
}

/// Whether the route at `path` takes uploads larger than the global body limit and bounds its
/// own body (evidence: `CASEBOOK_EVIDENCE_MAX_MB`, checked from `Content-Length` and while read).
fn bounds_own_body(path: &str) -> bool {
    path.ends_with("/evidence")
}

/// The app's routes, listed once per process.
///
/// Listing them renders the app with resource loading switched off through a process-wide flag
/// (leptos_server's `SuppressResourceLoad`). A resource first polled on another thread while that
/// flag is up waits forever (leptos-rs/leptos#4773): a page rendered by one router while another
/// router is being built never finishes. Listing once, before any router exists, closes that window.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Hashed build output, served precompressed when cargo-leptos wrote `.br`/`.gz` beside it.
fn pkg_service(options: &LeptosOptions) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let cache = if options.hash_files { IMMUTABLE } else { REVALIDATE };
    SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache),
    )
}

/// The span of one request: method, path (never the query, which may hold tokens) and id.
fn request_span(req: &Request<Body>) -> tracing::Span {
    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
}

/// Server functions that fail before their body runs (arguments that do not decode) answer 500
/// with an `AppError` body; this gives such responses the status their error code means.
async fn server_fn_status(req: Request<Body>, next: middleware::Next) -> axum::response::Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let code = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(app::error::AppError::status_of_code));
    if let Some(status) = code.and_then(|c| StatusCode::from_u16(c).ok()) {
        parts.status = status;
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: its database answers within two seconds.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timed out"),
    }
}
