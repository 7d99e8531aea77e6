//! Use cases of downloading test cases: one case as a `.feature` file, a selection or a whole
//! project as a zip of them (the zip is built on the blocking pool).
use super::{features, repo, service::check_selection};
use crate::{
    auth::principal::CurrentUser,
    db::Db,
    error::{AppError, Entity},
    projects::service as projects,
};

/// A file to download: its name and bytes.
pub type File = (String, Vec<u8>);

/// Case `number` of project `key` as a `.feature` file.
pub async fn feature_file(db: &Db, user: &CurrentUser, key: &str, number: i64) -> Result<File, AppError> {
    let mut c = db.acquire().await?;
    let p = projects::by_key(&mut c, user.org, key).await?;
    let (_, case, ..) = repo::get(&mut c, user.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::TestCase))?;
    Ok((features::file_name(&p.key, number, &case.title), features::content(&case.title, &case.gherkin).into_bytes()))
}

/// The cases `numbers` (all when `None`) of project `key` as a zip of `.feature` files.
pub async fn feature_zip(db: &Db, user: &CurrentUser, key: &str, numbers: Option<Vec<i64>>) -> Result<File, AppError> {
    if let Some(n) = &numbers {
        check_selection(n)?;
    }
    let mut c = db.acquire().await?;
    let p = projects::by_key(&mut c, user.org, key).await?;
    let files: Vec<(String, String)> = repo::feature_sources(&mut c, user.org, p.id, numbers.as_deref())
        .await?
        .into_iter()
        .map(|(number, title, gherkin)| {
            (features::file_name(&p.key, number, &title), features::content(&title, &gherkin))
        })
        .collect();
    let body =
        tokio::task::spawn_blocking(move || features::zip(&files)).await.map_err(|e| crate::error::internal(&e))??;
    Ok((format!("{}-test-cases.zip", p.key), body))
}
