//! Plain HTTP endpoints of evidence: the upload (multipart: `file`, optional `scenario` and
//! `step`), and the downloads of a file and of its thumbnail, streamed from the store with
//! headers that keep a browser from running anything in them.
use super::{
    model::{human_size, is_image, too_large, EvidenceId, EvidenceItem},
    service::{self, file_error, Form},
};
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    error::{AppError, FieldErrors},
    rest::require,
    state::{AppState, ServerCtx},
};
use axum::{
    body::Body,
    extract::{FromRequest, Multipart, Path, Request, State},
    response::{IntoResponse, Response},
    Extension, Json,
};
use http::header;

/// What a multipart form may carry besides the file's bytes (boundaries, field headers, the
/// scenario and step): a request with a `Content-Length` over the limit plus this is refused
/// before it is read.
pub const FORM_SLACK: u64 = 64 * 1024;
/// The most fields one upload form has.
const MAX_FIELDS: usize = 8;

/// The context of a REST call.
fn context(
    state: AppState,
    auth: Option<Extension<RequestAuth>>,
    permission: Permission,
) -> Result<ServerCtx, AppError> {
    let client = auth.as_ref().map(|Extension(a)| a.client.clone()).unwrap_or_default();
    let user = require(auth, permission)?;
    Ok(ServerCtx { state, user: Some(user), client })
}

/// `POST /api/v1/projects/{key}/runs/{number}/cases/{case}/evidence`: the stored file as JSON.
/// Session, permission, the size the request declares, and the project, run and execution (the
/// run in progress) are checked before the body is read; the file's size again while it is read.
pub async fn upload(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path((key, number, case)): Path<(String, i64, i64)>,
    req: Request,
) -> Result<Json<EvidenceItem>, AppError> {
    let ctx = context(state, auth, Permission::EditTestArtifacts)?;
    let max = ctx.state.config.evidence.max_bytes;
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if let Some(len) = declared.filter(|len| *len > max + FORM_SLACK) {
        return Err(file_error(too_large(len, max)));
    }
    let target = service::target(&ctx, &key, number, case).await?;
    let form = read_form(req, &ctx.state, max).await?;
    Ok(Json(service::attach(&ctx, &target, form).await?))
}

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(e.to_string())
}

/// Reads the form, refusing a file over `max` bytes as soon as it passes it (nothing more is read).
async fn read_form(req: Request, state: &AppState, max: u64) -> Result<Form, AppError> {
    let mut multipart = Multipart::from_request(req, state).await.map_err(|e| bad(e.body_text()))?;
    let (mut form, mut fields, mut file) = (Form::default(), 0, false);
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(AppError::BadRequest("The form has too many fields.".into()));
        }
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if file => return Err(AppError::BadRequest("Attach one file per upload.".into())),
            "file" => {
                file = true;
                form.name = field.file_name().unwrap_or("evidence").to_owned();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    if (form.bytes.len() + chunk.len()) as u64 > max {
                        let message =
                            format!("This file is over {}, the limit. Attach a smaller file.", human_size(max));
                        return Err(file_error(message));
                    }
                    form.bytes.extend_from_slice(&chunk);
                }
            }
            "scenario" | "step" => {
                let mut text = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    text.extend_from_slice(&chunk);
                    if text.len() > 20 {
                        return Err(number_error(&name));
                    }
                }
                let text = String::from_utf8_lossy(&text);
                let value = match text.trim() {
                    "" => None,
                    n => Some(n.parse::<i64>().map_err(|_| number_error(&name))?),
                };
                if name == "scenario" {
                    form.scenario = value;
                } else {
                    form.step = value;
                }
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "Unexpected field `{}`.",
                    other.chars().take(40).collect::<String>()
                )))
            }
        }
    }
    if !file {
        return Err(file_error("Choose a file to attach."));
    }
    Ok(form)
}

fn number_error(field: &str) -> AppError {
    let mut f = FieldErrors::default();
    f.add(field, format!("The {field} is a number from 0."));
    AppError::Invalid(f)
}

/// `GET /api/v1/evidence/{id}`.
pub async fn download(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    serve(state, auth, id, false).await
}

/// `GET /api/v1/evidence/{id}/thumb`: the JPEG thumbnail of an image.
pub async fn thumb(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    serve(state, auth, id, true).await
}

async fn serve(
    state: AppState,
    auth: Option<Extension<RequestAuth>>,
    id: i64,
    thumbnail: bool,
) -> Result<Response, AppError> {
    let ctx = context(state, auth, Permission::ViewProjects)?;
    let (row, size, stream) = service::open(&ctx, EvidenceId(id), thumbnail).await?;
    let (content_type, name) = if thumbnail {
        let stem = row.display_name.rsplit_once('.').map_or(row.display_name.as_str(), |(s, _)| s);
        ("image/jpeg".to_owned(), format!("{stem}-thumbnail.jpg"))
    } else {
        (row.content_type, row.display_name)
    };
    let kind = if is_image(&content_type) { "inline" } else { "attachment" };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_LENGTH, size.to_string()),
        (header::CONTENT_DISPOSITION, disposition(kind, &name)),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".to_owned()),
        (header::CACHE_CONTROL, "private".to_owned()),
    ];
    Ok((headers, Body::from_stream(stream)).into_response())
}

/// `Content-Disposition` naming `name` (RFC 6266): an ASCII `filename` for old clients and the
/// exact name as `filename*=UTF-8''…` (RFC 8187 percent-encoding).
pub fn disposition(kind: &str, name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn names_are_sent_in_both_forms() {
        assert_eq!(disposition("inline", "shot.png"), "inline; filename=\"shot.png\"; filename*=UTF-8''shot.png");
        assert_eq!(
            disposition("attachment", "résumé \"final\".pdf"),
            "attachment; filename=\"r_sum_ _final_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf"
        );
    }
}
