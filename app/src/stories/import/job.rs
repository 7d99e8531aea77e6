//! An import job as both halves of the import use it: its file read (on the blocking pool) and
//! its column mapping checked. The use cases (`service`) and the runner (`runner`) build on it.
use super::{
    headers::Field,
    read::{read, ReadError, Table},
    repo,
};
use crate::{
    db::Db,
    error::{AppError, Entity, FieldErrors},
    orgs::model::OrgId,
    projects::model::ProjectId,
};

fn unreadable(e: ReadError) -> AppError {
    let mut f = FieldErrors::default();
    f.add("file", e.to_string());
    AppError::Invalid(f)
}

/// Field names ("" = ignore) to a mapping, one per column of `table`.
pub fn parse_mapping(table: &Table, fields: &[String]) -> Result<Vec<Option<Field>>, AppError> {
    if fields.len() != table.headers.len() {
        return Err(AppError::BadRequest(format!(
            "Expected {} column mappings, got {}.",
            table.headers.len(),
            fields.len()
        )));
    }
    let mut seen = vec![];
    let mut mapping = vec![];
    for name in fields {
        let f = if name.is_empty() {
            None
        } else {
            let f = Field::parse(name).ok_or_else(|| AppError::BadRequest(format!("Unknown field {name:?}.")))?;
            if seen.contains(&f) {
                let mut e = FieldErrors::default();
                e.add("mapping", format!("Two columns are mapped to {}; keep one.", f.label()));
                return Err(AppError::Invalid(e));
            }
            seen.push(f);
            Some(f)
        };
        mapping.push(f);
    }
    Ok(mapping)
}

/// Reads a file on the blocking pool; the bytes come back with the table, uncopied.
pub async fn read_off_thread(bytes: Vec<u8>) -> Result<(Table, Vec<u8>), AppError> {
    tokio::task::spawn_blocking(move || read(&bytes).map(|t| (t, bytes)))
        .await
        .map_err(|e| crate::error::internal(&e))?
        .map_err(unreadable)
}

/// An import job with its file read and its stored mapping (empty before it was started).
pub struct Job {
    pub org: OrgId,
    pub project: ProjectId,
    pub name: String,
    pub table: Table,
    pub fields: Vec<String>,
}

pub async fn load(db: &Db, id: i64) -> Result<Job, AppError> {
    let (org, project, name, bytes, mapping) =
        repo::load(&mut db.acquire().await?, id).await?.ok_or(AppError::NotFound(Entity::Import))?;
    let (table, _) = read_off_thread(bytes).await?;
    let fields = mapping.and_then(|m| serde_json::from_str(&m).ok()).unwrap_or_default();
    Ok(Job { org: OrgId(org), project: ProjectId(project), name, table, fields })
}
