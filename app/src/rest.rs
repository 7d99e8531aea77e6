//! Helpers shared by the plain HTTP endpoints under `/api/v1` (downloads): who is asking, and
//! an attachment response.
use crate::{
    auth::{
        permissions::Permission,
        principal::{CurrentUser, RequestAuth},
    },
    error::AppError,
};
use axum::{
    response::{IntoResponse, Response},
    Extension,
};
use http::header;

/// The signed-in person if they hold `permission`: 401 when nobody is, 403 when they lack it.
pub fn require(auth: Option<Extension<RequestAuth>>, permission: Permission) -> Result<CurrentUser, AppError> {
    let user = auth.and_then(|Extension(a)| a.user);
    crate::auth::principal::require(user.as_ref(), permission).cloned()
}

/// A file download named `file_name`.
pub fn download(content_type: &'static str, file_name: &str, body: Vec<u8>) -> Response {
    let safe: String = file_name.chars().map(|c| if c == '"' || c.is_control() { '_' } else { c }).collect();
    let ascii: String = safe.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response()
}
