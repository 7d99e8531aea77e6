//! What every request handler and server function can reach: the database, settings, the
//! signed-in person and the client's address.
use crate::{
    auth::{
        permissions::Permission,
        principal::{Cidr, ClientInfo, CurrentUser, RequestAuth},
    },
    db::Db,
    error::AppError,
    mail::Mailer,
};
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::{sync::Arc, time::Instant};

/// Settings the request handlers need, fixed at start-up.
#[derive(Clone)]
pub struct ServerConfig {
    /// Signs access tokens. Never logged (no Debug).
    pub secret: Vec<u8>,
    /// Where people reach this server: links in emails, the CSRF origin check.
    pub public_url: url::Url,
    /// `Secure` (and the `__Host-` prefix) on cookies: off only for plain-http localhost.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers name the real client.
    pub trusted_proxies: Vec<Cidr>,
    /// When not empty, the only `Host` values served (DNS-rebinding guard): `host[:port]`.
    pub allowed_hosts: Vec<String>,
    /// When set, first-run setup needs this token (printed in the log at start-up). Never
    /// shown in Debug.
    pub setup_token: Option<String>,
    /// Where evidence files are kept, and their size limit: in memory until `serve` sets the
    /// configured store.
    pub evidence: crate::evidence::store::EvidenceStore,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("public_url", &self.public_url.as_str())
            .field("secure_cookies", &self.secure_cookies)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("allowed_hosts", &self.allowed_hosts)
            .field("setup_token", &self.setup_token.as_ref().map(|_| "…"))
            .field("evidence", &self.evidence)
            .finish_non_exhaustive()
    }
}

impl ServerConfig {
    pub fn new(secret: &[u8], public_url: url::Url) -> Self {
        let local = matches!(public_url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        let secure_cookies = !(public_url.scheme() == "http" && local);
        ServerConfig {
            secret: secret.to_vec(),
            public_url,
            secure_cookies,
            trusted_proxies: vec![],
            allowed_hosts: vec![],
            setup_token: None,
            evidence: crate::evidence::store::EvidenceStore::memory(
                crate::evidence::model::DEFAULT_MAX_MB * crate::evidence::model::MB,
            ),
        }
    }

    /// HSTS is sent when people reach the server over https.
    pub fn hsts(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// Whether `host` (a `Host` header value) may be served.
    pub fn host_allowed(&self, host: &str) -> bool {
        self.allowed_hosts.is_empty() || self.allowed_hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// `scheme://host[:port]` of the public URL, as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        self.public_url.origin().ascii_serialization()
    }
}

/// Shared, cheaply cloned state of one running server.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    pub started: Instant,
    pub config: Arc<ServerConfig>,
    pub mailer: Mailer,
    /// Wakes live-stream subscribers when events are written.
    pub hub: crate::events::hub::Hub,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The context of one server-function call (or one server-rendered page).
pub struct ServerCtx {
    pub state: AppState,
    pub user: Option<CurrentUser>,
    pub client: ClientInfo,
}

impl ServerCtx {
    /// The context of the server function now running. Fails only if the router was built
    /// without the state, which is a wiring bug.
    pub fn current() -> Result<Self, AppError> {
        let state = use_context::<AppState>()
            .ok_or_else(|| crate::error::internal(&"AppState missing from the server-function context"))?;
        let auth = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<RequestAuth>().cloned())
            .unwrap_or_default();
        Ok(ServerCtx { state, user: auth.user, client: auth.client })
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The time to write into rows: always taken here, never from the database's `now()`.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    /// The signed-in person, or `Unauthenticated`.
    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The signed-in person if their role has `permission`; `Unauthenticated` or `Forbidden`.
    pub fn require(&self, permission: Permission) -> Result<&CurrentUser, AppError> {
        crate::auth::principal::require(self.user.as_ref(), permission)
    }

    /// Adds a `Set-Cookie` header to the response.
    pub fn set_cookie(&self, cookie: &str) {
        if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(cookie))
        {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
}

/// Sets the HTTP status of the server-function response to the error's, so clients and
/// proxies see 401/403/404/422/429 instead of a blanket 500.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
            if let AppError::RateLimited { retry_after } = e {
                res.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(*retry_after));
            }
        }
    }
    result
}

/// Runs a server function's body with its context, mapping the error to the HTTP status.
pub async fn serve<T, Fut>(body: impl FnOnce(ServerCtx) -> Fut) -> Result<T, AppError>
where
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    respond(async { body(ServerCtx::current()?).await }.await)
}

/// Like `serve`, for the signed-in holders of `permission` only (401 / 403 otherwise).
pub async fn serve_with<T, Fut>(permission: Permission, body: impl FnOnce(ServerCtx) -> Fut) -> Result<T, AppError>
where
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    respond(
        async {
            let ctx = ServerCtx::current()?;
            ctx.require(permission)?;
            body(ctx).await
        }
        .await,
    )
}
