//! Where a request may come from. CSRF: besides SameSite=Lax cookies, a state-changing request
//! must come from our own origin (its `Origin`, or failing that its `Referer`). DNS rebinding:
//! with an allow-list of hosts (`CASEBOOK_ALLOWED_HOSTS`), a request naming another `Host` is
//! refused before anything runs, and only an allowed `Host` counts as our origin.
use crate::{
    error::AppError,
    state::{AppState, ServerConfig},
};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, HeaderMap, Method};

fn origin_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok().map(|u| u.origin().ascii_serialization())
}

/// Whether a request with these headers may change state, given our settings.
pub fn allowed(method: &Method, headers: &HeaderMap, config: &ServerConfig) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let public_origin = config.origin();
    let public_origin = public_origin.as_str();
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    // The Host the browser addressed: a page on another site cannot make it send our Host with
    // its own Origin, so Origin == Host-derived origin is same-origin even behind a proxy. A
    // rebound DNS name can, so with an allow-list only allowed hosts count.
    let host_origins = header(header::HOST)
        .filter(|h| config.host_allowed(h))
        .map(|h| [format!("http://{h}"), format!("https://{h}")]);
    let ours = |o: &str| o == public_origin || host_origins.as_ref().is_some_and(|hs| hs.iter().any(|h| h == o));
    if let Some(origin) = header(header::ORIGIN) {
        return ours(origin);
    }
    if let Some(referer) = header(header::REFERER) {
        return origin_of(referer).is_some_and(|o| ours(&o));
    }
    // Neither header: not a browser form or fetch. Refuse it only if it carries our cookies.
    !super::session::carries_session_cookie(headers)
}

/// Axum middleware refusing cross-origin state changes with 403.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers(), &state.config) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-origin request refused");
        AppError::Forbidden.into_response()
    }
}

/// Axum middleware answering 421 to a request for a host not on the allow-list (when there is
/// one). The health checks answer whatever the `Host`, for load balancers that use addresses.
pub async fn host_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    // HTTP/2 carries the host in the request line's authority rather than a Host header.
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if state.config.host_allowed(host) || path == "/healthz" || path == "/readyz" {
        next.run(req).await
    } else {
        tracing::warn!(host = %host.chars().take(100).collect::<String>(), "request for a host not on the allow-list refused");
        (http::StatusCode::MISDIRECTED_REQUEST, "This server does not answer for that host name.").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_static(v));
        }
        h
    }

    fn ours() -> ServerConfig {
        ServerConfig::new(b"k", url::Url::parse("https://qa.example.com").unwrap())
    }

    #[test]
    fn an_allow_list_stops_a_rebound_host_from_counting_as_ours() {
        let open = ours();
        let rebound = headers(&[(header::HOST, "evil.test:3000"), (header::ORIGIN, "http://evil.test:3000")]);
        assert!(allowed(&Method::POST, &rebound, &open), "without a list the Host is trusted");
        let mut listed = ours();
        listed.allowed_hosts = vec!["qa.example.com".into()];
        assert!(!allowed(&Method::POST, &rebound, &listed));
        let same = headers(&[(header::HOST, "qa.example.com"), (header::ORIGIN, "https://qa.example.com")]);
        assert!(allowed(&Method::POST, &same, &listed));
        assert!(listed.host_allowed("QA.example.com") && !listed.host_allowed("evil.test:3000"));
    }

    #[test]
    fn reads_are_always_allowed() {
        assert!(allowed(&Method::GET, &headers(&[(header::ORIGIN, "https://evil.test")]), &ours()));
    }

    #[test]
    fn posts_need_our_origin_or_referer() {
        assert!(allowed(&Method::POST, &headers(&[(header::ORIGIN, "https://qa.example.com")]), &ours()));
        assert!(!allowed(&Method::POST, &headers(&[(header::ORIGIN, "https://evil.test")]), &ours()));
        assert!(allowed(&Method::POST, &headers(&[(header::REFERER, "https://qa.example.com/admin")]), &ours()));
        assert!(!allowed(&Method::POST, &headers(&[(header::REFERER, "https://evil.test/x")]), &ours()));
        assert!(allowed(
            &Method::POST,
            &headers(&[(header::HOST, "10.0.0.5:3000"), (header::ORIGIN, "http://10.0.0.5:3000")]),
            &ours()
        ));
    }

    #[test]
    fn headerless_posts_pass_only_without_our_cookies() {
        assert!(allowed(&Method::POST, &HeaderMap::new(), &ours()));
        assert!(!allowed(&Method::POST, &headers(&[(header::COOKIE, "cb_refresh=x")]), &ours()));
    }
}
