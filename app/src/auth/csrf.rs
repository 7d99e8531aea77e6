//! CSRF defence for cookie-authenticated requests: besides SameSite=Lax cookies, a state-changing
//! request must come from our own origin (its `Origin`, or failing that its `Referer`).
use crate::{error::AppError, state::AppState};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, HeaderMap, Method};

fn origin_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok().map(|u| u.origin().ascii_serialization())
}

/// Whether a request with these headers may change state, given our public origin.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    // The Host the browser addressed: a page on another site cannot make it send our Host with
    // its own Origin, so Origin == Host-derived origin is same-origin even behind a proxy.
    let host_origins = header(header::HOST).map(|h| [format!("http://{h}"), format!("https://{h}")]);
    let ours = |o: &str| o == public_origin || host_origins.as_ref().is_some_and(|hs| hs.iter().any(|h| h == o));
    if let Some(origin) = header(header::ORIGIN) {
        return ours(origin);
    }
    if let Some(referer) = header(header::REFERER) {
        return origin_of(referer).is_some_and(|o| ours(&o));
    }
    // Neither header: not a browser form or fetch. Refuse it only if it carries our cookies.
    super::session::cookie(headers, super::session::ACCESS_COOKIE).is_none()
        && super::session::cookie(headers, super::session::REFRESH_COOKIE).is_none()
}

/// Axum middleware refusing cross-origin state changes with 403.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers(), &state.config.origin()) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-origin request refused");
        AppError::Forbidden.into_response()
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

    const OURS: &str = "https://qa.example.com";

    #[test]
    fn reads_are_always_allowed() {
        assert!(allowed(&Method::GET, &headers(&[(header::ORIGIN, "https://evil.test")]), OURS));
    }

    #[test]
    fn posts_need_our_origin_or_referer() {
        assert!(allowed(&Method::POST, &headers(&[(header::ORIGIN, OURS)]), OURS));
        assert!(!allowed(&Method::POST, &headers(&[(header::ORIGIN, "https://evil.test")]), OURS));
        assert!(allowed(&Method::POST, &headers(&[(header::REFERER, "https://qa.example.com/admin")]), OURS));
        assert!(!allowed(&Method::POST, &headers(&[(header::REFERER, "https://evil.test/x")]), OURS));
        assert!(allowed(
            &Method::POST,
            &headers(&[(header::HOST, "10.0.0.5:3000"), (header::ORIGIN, "http://10.0.0.5:3000")]),
            OURS
        ));
    }

    #[test]
    fn headerless_posts_pass_only_without_our_cookies() {
        assert!(allowed(&Method::POST, &HeaderMap::new(), OURS));
        assert!(!allowed(&Method::POST, &headers(&[(header::COOKIE, "cb_refresh=x")]), OURS));
    }
}
