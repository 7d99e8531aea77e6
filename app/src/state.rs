//! What every request handler and server function can reach: the database, options, clock.
use crate::{db::Db, error::AppError};
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Instant;

/// Shared, cheaply cloned state of one running server.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    pub started: Instant,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The context of one server-function call.
pub struct ServerCtx {
    pub state: AppState,
}

impl ServerCtx {
    /// The context of the server function now running. Fails only if the router was built
    /// without the state, which is a wiring bug.
    pub fn current() -> Result<Self, AppError> {
        use_context::<AppState>()
            .map(|state| ServerCtx { state })
            .ok_or_else(|| {
                crate::error::internal(&"AppState missing from the server-function context")
            })
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The time to write into rows: always taken here, never from the database's `now()`.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Sets the HTTP status of the server-function response to the error's, so clients and
/// proxies see 401/403/404/422/429 instead of a blanket 500.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                http::StatusCode::from_u16(e.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let AppError::RateLimited { retry_after } = e {
                res.insert_header(
                    http::header::RETRY_AFTER,
                    http::HeaderValue::from(*retry_after),
                );
            }
        }
    }
    result
}
