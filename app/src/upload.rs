//! Reading an upload form (multipart: a `project` field and one or more `file` fields) with a cap
//! on the bytes read, shared by every importer.
use crate::error::{AppError, FieldErrors};

/// The most bytes one upload may carry, all files together (the pages check it first).
pub use crate::ui::form::MAX_UPLOAD_BYTES as MAX_BYTES;

/// What an upload form carried.
#[derive(Debug, Default)]
pub struct Upload {
    pub project: String,
    /// (file name, bytes) in the order they came.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads the whole form, refusing it as soon as the files pass `MAX_BYTES` (nothing more is
/// read) and when it holds no file. `missing` is the message for the latter.
pub async fn read_multipart(data: server_fn::codec::MultipartData, missing: &str) -> Result<Upload, AppError> {
    let mut form = data.into_inner().ok_or_else(|| AppError::BadRequest("Expected a multipart form.".into()))?;
    let (mut upload, mut total) = (Upload::default(), 0usize);
    while let Some(mut field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("project") => upload.project = field.text().await.map_err(bad)?,
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_owned();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    total += chunk.len();
                    if total > MAX_BYTES {
                        return Err(file_error(
                            "The upload is over 20 MB; the limit is 20 MB. Split it into smaller files.",
                        ));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload.files.push((name, bytes));
            }
            _ => {}
        }
    }
    if upload.files.is_empty() {
        return Err(file_error(missing));
    }
    Ok(upload)
}

/// An error shown next to the form's file field.
fn file_error(message: &str) -> AppError {
    let mut f = FieldErrors::default();
    f.add("file", message);
    AppError::Invalid(f)
}

/// A malformed upload, as a 400 that says what the parser saw.
fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(e.to_string())
}
