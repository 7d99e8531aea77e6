//! Who is asking: resolved once per request from the access cookie (or, when it has expired,
//! by rotating the refresh cookie) and handed to server functions through request extensions.
use super::principal::{ClientInfo, CurrentUser, RequestAuth};
use super::{principal, repo, tokens};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    orgs::model::OrgId,
    state::{AppState, ServerConfig},
    users::model::{Role, UserId},
};
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use chrono::{DateTime, Duration, Utc};
use http::{header, HeaderMap, HeaderValue};
use std::net::SocketAddr;

/// Cookie names on plain-http localhost; with `Secure` cookies they carry the `__Host-`
/// prefix, which browsers only accept from a secure origin for the whole host (no `Domain`).
pub const ACCESS_COOKIE: &str = "cb_access";
pub const REFRESH_COOKIE: &str = "cb_refresh";
const HOST_ACCESS_COOKIE: &str = "__Host-cb_access";
const HOST_REFRESH_COOKIE: &str = "__Host-cb_refresh";

/// The (access, refresh) cookie names this server uses.
pub fn cookie_names(config: &ServerConfig) -> (&'static str, &'static str) {
    if config.secure_cookies {
        (HOST_ACCESS_COOKIE, HOST_REFRESH_COOKIE)
    } else {
        (ACCESS_COOKIE, REFRESH_COOKIE)
    }
}
/// A refresh token lives this long; every use replaces it.
pub const REFRESH_TTL_DAYS: i64 = 30;
/// Parallel requests may present a just-rotated refresh token: within this window that is not
/// treated as theft (the other response carries the new cookies).
pub const ROTATION_GRACE_SECS: i64 = 30;

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether the request carries any of our session cookies, under either naming.
pub fn carries_session_cookie(headers: &HeaderMap) -> bool {
    [ACCESS_COOKIE, REFRESH_COOKIE, HOST_ACCESS_COOKIE, HOST_REFRESH_COOKIE]
        .iter()
        .any(|n| cookie(headers, n).is_some())
}

fn set_cookie(config: &ServerConfig, name: &str, value: &str, max_age: i64) -> String {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The pair of cookies that signs a person in.
pub fn login_cookies(config: &ServerConfig, access: &str, refresh: &str) -> [String; 2] {
    let (a, r) = cookie_names(config);
    [set_cookie(config, a, access, tokens::ACCESS_TTL_SECS), set_cookie(config, r, refresh, REFRESH_TTL_DAYS * 86_400)]
}

/// Cookies that remove both tokens from the browser.
pub fn logout_cookies(config: &ServerConfig) -> [String; 2] {
    let (a, r) = cookie_names(config);
    [set_cookie(config, a, "", 0), set_cookie(config, r, "", 0)]
}

/// A new session for `user`: its id, refresh token (to give out) and access token.
pub struct Issued {
    pub session_id: String,
    pub refresh: String,
    pub access: String,
}

/// Opens a session (one refresh-token family) inside the caller's transaction.
pub async fn open_session(
    tx: &mut crate::db::Tx,
    config: &ServerConfig,
    user: (UserId, OrgId, Role),
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<Issued, crate::error::AppError> {
    let session_id = uuid::Uuid::new_v4().to_string();
    repo::insert_session(
        tx,
        &repo::NewSession {
            id: &session_id,
            org: user.1,
            user: user.0,
            ip: client.ip.as_deref(),
            user_agent: client.user_agent.as_deref(),
            expires_at: now + Duration::days(REFRESH_TTL_DAYS),
        },
        now,
    )
    .await?;
    let refresh = tokens::new_token();
    repo::insert_refresh(tx, &tokens::hash_token(&refresh), &session_id, now).await?;
    let access = access_token(config, user, &session_id, now)?;
    Ok(Issued { session_id, refresh, access })
}

fn access_token(
    config: &ServerConfig,
    (user, org, role): (UserId, OrgId, Role),
    session: &str,
    now: DateTime<Utc>,
) -> Result<String, crate::error::AppError> {
    tokens::sign(&tokens::Claims::new(user.0, org, role, session, now.timestamp()), &config.secret)
        .map_err(|e| crate::error::internal(&e))
}

fn client_info(config: &ServerConfig, req: &Request) -> ClientInfo {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| principal::client_ip(c.0.ip(), req.headers(), &config.trusted_proxies).to_string());
    let user_agent =
        req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|s| s.chars().take(300).collect());
    ClientInfo { ip, user_agent }
}

/// Paths that never need to know who is asking.
fn is_anonymous_path(path: &str) -> bool {
    let static_file = !path.starts_with("/api/") && path.rsplit('/').next().is_some_and(|s| s.contains('.'));
    path.starts_with("/pkg/") || path == "/healthz" || path == "/readyz" || static_file
}

/// Axum middleware: resolves the person behind the request's cookies.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if is_anonymous_path(req.uri().path()) {
        return next.run(req).await;
    }
    let client = client_info(&state.config, &req);
    let (user, set_cookies) = match identify(&state, req.headers(), &client).await {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "could not resolve the session; treating the request as anonymous");
            (None, vec![])
        }
    };
    req.extensions_mut().insert(RequestAuth { user, client });
    let mut res = next.run(req).await;
    for c in set_cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

type Identified = (Option<CurrentUser>, Vec<String>);

async fn identify(
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
) -> Result<Identified, crate::error::AppError> {
    let now = Utc::now();
    let config = &state.config;
    let (access_name, refresh_name) = cookie_names(config);
    if let Some(claims) = cookie(headers, access_name).and_then(|t| tokens::verify(t, &config.secret)) {
        let user = repo::principal(&mut state.db.acquire().await?, &claims.sid, now).await?;
        return Ok(match user {
            Some(u) => (Some(u), vec![]),
            None => (None, logout_cookies(config).to_vec()),
        });
    }
    let Some(refresh) = cookie(headers, refresh_name).filter(|t| !t.is_empty()) else {
        return Ok((None, vec![]));
    };
    rotate(state, refresh, client, now).await
}

/// Trades a refresh token for a new pair. A token that was already rotated, presented after the
/// grace window, means it was copied: the whole session is revoked.
async fn rotate(
    state: &AppState,
    refresh: &str,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<Identified, crate::error::AppError> {
    let config = &state.config;
    let hash = tokens::hash_token(refresh);
    let mut tx = state.db.begin().await?;
    let Some((session_id, rotated_at)) = repo::find_refresh(&mut tx, &hash).await? else {
        return Ok((None, logout_cookies(config).to_vec()));
    };
    let principal = repo::principal(&mut tx, &session_id, now).await?;
    let Some(user) = principal else {
        return Ok((None, logout_cookies(config).to_vec()));
    };
    if let Some(rotated) = rotated_at {
        if now - rotated <= Duration::seconds(ROTATION_GRACE_SECS) {
            return Ok((Some(user), vec![]));
        }
        repo::revoke_session(&mut tx, &session_id, "refresh token reuse", now).await?;
        let event = AuditEvent::new(AuditAction::RefreshTokenReused, Some(user.org), client)
            .actor(&user)
            .target(format!("session {session_id}"));
        audit::repo::record(&mut tx, &event, now).await?;
        tx.commit().await?;
        tracing::warn!(user = user.id.0, "refresh token reuse: session revoked");
        return Ok((None, logout_cookies(config).to_vec()));
    }
    if !repo::mark_rotated(&mut tx, &hash, now).await? {
        return Ok((Some(user), vec![]));
    }
    let next = tokens::new_token();
    repo::insert_refresh(&mut tx, &tokens::hash_token(&next), &session_id, now).await?;
    repo::touch_session(&mut tx, &session_id, now).await?;
    let access = access_token(config, (user.id, user.org, user.role), &session_id, now)?;
    tx.commit().await?;
    Ok((Some(user), login_cookies(config, &access, &next).to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_several_headers() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; cb_access=xyz"));
        h.append(header::COOKIE, HeaderValue::from_static("cb_refresh=r.t"));
        assert_eq!(cookie(&h, ACCESS_COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, REFRESH_COOKIE), Some("r.t"));
        assert_eq!(cookie(&h, "nope"), None);
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_except_on_plain_localhost() {
        let local = ServerConfig::new(b"k", url::Url::parse("http://127.0.0.1:3000").unwrap());
        let public = ServerConfig::new(b"k", url::Url::parse("https://qa.example.com").unwrap());
        let [a, _] = login_cookies(&local, "A", "R");
        assert_eq!(a, "cb_access=A; Path=/; HttpOnly; SameSite=Lax; Max-Age=900");
        let [_, r] = login_cookies(&public, "A", "R");
        assert_eq!(r, "__Host-cb_refresh=R; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure");
        let remote_http = ServerConfig::new(b"k", url::Url::parse("http://qa.example.com").unwrap());
        assert!(remote_http.secure_cookies);
    }
}
