//! The one error type of Casebook: what server functions, the REST API and the UI all speak.
//!
//! Policy: a cause that is not the caller's fault (database, I/O, a bug) is logged once, on the
//! server, with a short reference; the client sees only `Internal { reference }`, never the text.

use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use std::fmt;

/// A thing that can be missing, named in `AppError::NotFound`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Organization,
    User,
    Page,
    Invitation,
    Session,
    ResetLink,
    Project,
    Story,
    Criterion,
    Import,
    TestCase,
    Revision,
    Job,
    Run,
    Evidence,
    Bug,
    CaseList,
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Organization => "organization",
            Entity::User => "user",
            Entity::Page => "page",
            Entity::Invitation => "invitation",
            Entity::Session => "session",
            Entity::ResetLink => "reset link",
            Entity::Project => "project",
            Entity::Story => "story",
            Entity::Criterion => "acceptance criterion",
            Entity::Import => "import",
            Entity::TestCase => "test case",
            Entity::Revision => "revision",
            Entity::Job => "job",
            Entity::Run => "test run",
            Entity::Evidence => "evidence file",
            Entity::Bug => "bug",
            Entity::CaseList => "case list",
        })
    }
}

/// One problem with one field of a submitted form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Every problem found with a submitted form, so a form can show each next to its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    /// Every message in one line (for a place that has no fields to show them beside).
    pub fn summary(&self) -> String {
        self.0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// `Ok(())` when nothing was added, otherwise `AppError::Invalid` with every problem.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You are not allowed to do this.")]
    Forbidden,
    #[error("This {0} does not exist or is not visible to you.")]
    NotFound(Entity),
    #[error("Some fields need attention.")]
    Invalid(FieldErrors),
    #[error("The request could not be understood: {0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Try again in {retry_after} seconds.")]
    RateLimited { retry_after: u64 },
    #[error("Something went wrong on our side (reference {reference}).")]
    Internal { reference: String },
    #[error("The server could not be reached: {0}")]
    Unavailable(String),
}

/// The most items one bulk action takes.
pub const MAX_SELECTION: usize = 1000;

impl AppError {
    /// Refuses a bulk action on no items or on more than `MAX_SELECTION` (`what`: "stories").
    pub fn check_selection(count: usize, what: &str) -> Result<(), AppError> {
        if count == 0 || count > MAX_SELECTION {
            return Err(AppError::BadRequest(format!("Select between 1 and 1,000 {what}.")));
        }
        Ok(())
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) => 422,
            AppError::BadRequest(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal { .. } => 500,
            AppError::Unavailable(_) => 503,
        }
    }

    /// The stable snake_case code used by the REST API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::BadRequest(_) => "bad_request",
            AppError::Conflict(_) => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Internal { .. } => "internal",
            AppError::Unavailable(_) => "unavailable",
        }
    }

    /// The HTTP status of an error code (as `code` gives it); 500 for unknown codes.
    pub fn status_of_code(code: &str) -> u16 {
        match code {
            "unauthenticated" => 401,
            "forbidden" => 403,
            "not_found" => 404,
            "invalid" => 422,
            "bad_request" => 400,
            "conflict" => 409,
            "rate_limited" => 429,
            "unavailable" => 503,
            _ => 500,
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict(message.into())
    }

    /// A form with one problem, at `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, message);
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(msg) => AppError::Unavailable(msg),
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::MissingArg(msg) => AppError::BadRequest(msg),
            other => internal(&other),
        }
    }
}

/// Logs `cause` once with a fresh reference and returns the error the client may see.
#[cfg(feature = "ssr")]
pub fn internal(cause: &dyn fmt::Display) -> AppError {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    tracing::error!(%reference, error = %cause, "internal error");
    AppError::Internal { reference }
}

/// In the browser there is no log to write to: the cause is kept as the reference.
#[cfg(not(feature = "ssr"))]
pub fn internal(cause: &dyn fmt::Display) -> AppError {
    AppError::Internal { reference: cause.to_string() }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        internal(&e)
    }
}

#[cfg(feature = "ssr")]
impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        internal(&format!("{e:#}"))
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = serde_json::json!({ "error": self.code(), "message": self.to_string() });
        if let AppError::Invalid(fields) = &self {
            body["fields"] = serde_json::to_value(fields).unwrap_or_default();
        }
        let mut res = (status, axum::Json(body)).into_response();
        if let AppError::RateLimited { retry_after } = self {
            res.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from(retry_after));
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_round_trips_through_the_wire_encoding() {
        let errors = [
            AppError::Unauthenticated,
            AppError::NotFound(Entity::User),
            AppError::Invalid(FieldErrors(vec![FieldError { field: "name".into(), message: "required".into() }])),
            AppError::RateLimited { retry_after: 30 },
            AppError::Internal { reference: "abc".into() },
        ];
        for e in errors {
            assert_eq!(AppError::de(e.ser()), e);
        }
    }

    #[test]
    fn every_code_maps_back_to_its_status() {
        let all = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound(Entity::User),
            AppError::Invalid(FieldErrors::default()),
            AppError::BadRequest(String::new()),
            AppError::Conflict(String::new()),
            AppError::RateLimited { retry_after: 1 },
            AppError::Internal { reference: String::new() },
            AppError::Unavailable(String::new()),
        ];
        for e in all {
            assert_eq!(AppError::status_of_code(e.code()), e.status(), "{e:?}");
        }
    }

    #[test]
    fn statuses_match_the_http_meaning() {
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::Invalid(FieldErrors::default()).status(), 422);
        assert_eq!(AppError::RateLimited { retry_after: 1 }.status(), 429);
    }

    #[test]
    fn field_errors_become_invalid_only_when_there_are_some() {
        assert!(FieldErrors::default().into_result().is_ok());
        let mut f = FieldErrors::default();
        f.add("email", "is required");
        let err = f.into_result().unwrap_err();
        match err {
            AppError::Invalid(fields) => assert_eq!(fields.get("email"), Some("is required")),
            other => panic!("unexpected {other:?}"),
        }
    }
}
