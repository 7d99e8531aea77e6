//! `.feature` files in and out: one case as a file, many as a zip, and importing files (or zips of
//! them) into a project. A file named `<KEY>-TC-<n>…` updates that case; any other creates one.
use super::{
    gherkin,
    model::{gherkin_message, parse_tags, runnable, CaseStatus, FeatureImport, ValidCase, NO_SCENARIOS},
    repo,
    service::{save, SaveKind},
};
use crate::{audit::AuditAction, error::AppError, state::ServerCtx, upload::MAX_BYTES};
use std::io::{Read, Write};

/// Most files read from one upload (whose bytes, unpacked, stay within `upload::MAX_BYTES`).
pub const MAX_FILES: usize = 5_000;

/// `SHOP-TC-12-log-in-with-a-password.feature`.
pub fn file_name(key: &str, number: i64, title: &str) -> String {
    let mut slug = String::new();
    for ch in title.to_lowercase().chars() {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{}.feature", crate::wire::human_key(key, crate::wire::Numbered::Case, number))
    } else {
        format!("{}-{slug}.feature", crate::wire::human_key(key, crate::wire::Numbered::Case, number))
    }
}

/// A case's file content: its Gherkin, or a bare Feature named after it when it has none.
pub fn content(title: &str, gherkin: &str) -> String {
    if gherkin.trim().is_empty() {
        format!("Feature: {title}\n")
    } else {
        gherkin.to_owned()
    }
}

/// A zip of `(file name, content)` pairs.
pub fn zip(files: &[(String, String)]) -> Result<Vec<u8>, AppError> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        w.start_file(name.as_str(), options).map_err(|e| crate::error::internal(&e))?;
        w.write_all(text.as_bytes()).map_err(|e| crate::error::internal(&e))?;
    }
    Ok(w.finish().map_err(|e| crate::error::internal(&e))?.into_inner())
}

/// The `.feature` files in an upload: the file itself, or the entries of a zip.
pub fn unpack(name: &str, bytes: Vec<u8>) -> Result<Vec<(String, Vec<u8>)>, String> {
    if !name.to_lowercase().ends_with(".zip") {
        return Ok(vec![(name.to_owned(), bytes)]);
    }
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| "This is not a readable zip file.")?;
    let mut out = Vec::new();
    let mut total = 0usize;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| "An entry of this zip cannot be read.")?;
        let entry_name = entry.name().map_err(|_| "An entry of this zip cannot be read.")?.into_owned();
        if entry.is_dir() || entry_name.starts_with("__MACOSX") || !entry_name.to_lowercase().ends_with(".feature") {
            continue;
        }
        if out.len() >= MAX_FILES {
            return Err(format!("This zip holds more than {MAX_FILES} .feature files."));
        }
        // Refuse on the declared size before inflating anything (the zip crate stops an entry
        // that inflates past it), and read at most what is left of the budget anyway.
        if (total as u64).saturating_add(entry.size()) > MAX_BYTES as u64 {
            return Err(format!(
                "“{entry_name}” unpacks to {} MB; the files in this zip may add up to 20 MB.",
                crate::stories::import::read::thousands(entry.size().div_ceil(1024 * 1024))
            ));
        }
        let mut data = Vec::new();
        let budget = (MAX_BYTES - total + 1) as u64;
        (&mut entry).take(budget).read_to_end(&mut data).map_err(|_| "An entry of this zip cannot be read.")?;
        total += data.len();
        if total > MAX_BYTES {
            return Err("The files in this zip add up to more than 20 MB.".to_owned());
        }
        let short = entry_name.rsplit('/').next().unwrap_or(&entry_name).to_owned();
        out.push((short, data));
    }
    Ok(out)
}

/// The case number a file name points at in project `key`, if it follows `<KEY>-TC-<n>`.
pub fn number_in_name(key: &str, name: &str) -> Option<i64> {
    let rest = name
        .strip_prefix(key)?
        .strip_prefix('-')?
        .strip_prefix(crate::wire::Numbered::Case.infix())?
        .strip_prefix('-')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// What one `.feature` file brings to a case.
#[derive(Debug)]
pub struct FeatureFile {
    pub title: String,
    pub tags: Vec<String>,
    pub gherkin: String,
    /// Whether it has a scenario to run, so that its case may be ready.
    pub runnable: bool,
}

/// Reads one file into the fields it brings, or says why it was refused.
pub fn read_feature(name: &str, bytes: &[u8]) -> Result<FeatureFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "This file is not UTF-8 text.".to_owned())?;
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let parsed = gherkin::parse(&text);
    if let Some(e) = parsed.errors.first() {
        return Err(gherkin_message(e, &parsed.language));
    }
    let runnable = runnable(&text, &parsed).is_ok();
    let Some(feature) = parsed.feature else { return Err("This file has no Feature.".to_owned()) };
    let stem = name.trim_end_matches(".feature").trim_end_matches(".FEATURE");
    let title = if feature.name.trim().is_empty() { stem.to_owned() } else { feature.name.trim().to_owned() };
    let tags = parse_tags(&feature.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(" "));
    Ok(FeatureFile { title: title.chars().take(300).collect(), tags, gherkin: text, runnable })
}

/// Files by name: read ones, or refused ones with why.
type Named<T> = Vec<(String, T)>;

/// The `.feature` files of `uploads`, unpacked and parsed, and the refused ones with why.
fn read_uploads(uploads: Named<Vec<u8>>) -> (Named<FeatureFile>, Named<String>) {
    let (mut files, mut rejected) = (vec![], vec![]);
    for (name, bytes) in uploads {
        match unpack(&name, bytes) {
            Ok(unpacked) => {
                for (name, bytes) in unpacked {
                    match read_feature(&name, &bytes) {
                        Ok(file) => files.push((name, file)),
                        Err(why) => rejected.push((name, why)),
                    }
                }
            }
            Err(why) => rejected.push((name, why)),
        }
    }
    (files, rejected)
}

/// Imports uploaded files (`.feature` or `.zip`) into project `key`. The project is checked
/// first; the files are unpacked and parsed on the blocking pool (up to 20 MB of inflating and
/// parsing would otherwise hold an async worker thread).
pub async fn import(ctx: &ServerCtx, key: &str, uploads: Vec<(String, Vec<u8>)>) -> Result<FeatureImport, AppError> {
    let by = ctx.user()?;
    crate::projects::service::by_key(&mut ctx.db().acquire().await?, by.org, key).await?;
    let (files, rejected) =
        tokio::task::spawn_blocking(move || read_uploads(uploads)).await.map_err(|e| crate::error::internal(&e))?;
    let mut out = FeatureImport { rejected, ..Default::default() };
    let mut tx = ctx.db().begin().await?;
    let p = crate::projects::service::by_key(&mut tx, by.org, key).await?;
    for (name, file) in files {
        let FeatureFile { title, tags, gherkin: text, runnable } = file;
        let existing = match number_in_name(&p.key, &name) {
            Some(n) => repo::get(&mut tx, by.org, p.id, n).await?,
            None => None,
        };
        let kind = SaveKind { action: AuditAction::CasesImported, summary: Some(format!("imported from {name}")) };
        match existing {
            Some((row, before, ..)) if before.status == CaseStatus::Ready && !runnable => {
                out.rejected
                    .push((name, format!("{} is ready, so it needs a scenario to run. {NO_SCENARIOS}", row.key)));
            }
            Some((row, before, ..)) => {
                let after = ValidCase { title, tags, gherkin: text, gherkin_valid: runnable, ..before.clone() };
                save(ctx, &mut tx, &p, Some((row.id, row.number, &before)), &after, kind).await?;
                out.updated.push(row.key);
            }
            None => {
                let case = ValidCase {
                    title,
                    tags,
                    gherkin: text,
                    gherkin_valid: runnable,
                    status: CaseStatus::Draft,
                    ..Default::default()
                };
                let (number, _) = save(ctx, &mut tx, &p, None, &case, kind).await?;
                out.created.push(crate::wire::human_key(&p.key, crate::wire::Numbered::Case, number));
            }
        }
    }
    tx.commit().await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_key_and_a_slug() {
        assert_eq!(file_name("SHOP", 12, "Log in — with a password!"), "SHOP-TC-12-log-in-with-a-password.feature");
        assert_eq!(file_name("SHOP", 3, "¿?"), "SHOP-TC-3.feature");
        assert_eq!(number_in_name("SHOP", "SHOP-TC-12-log-in.feature"), Some(12));
        assert_eq!(number_in_name("SHOP", "SHOPX-TC-12.feature"), None);
    }

    #[test]
    fn a_zip_round_trips_and_skips_other_files() {
        let z = zip(&[("a.feature".into(), "Feature: a\n".into()), ("notes.txt".into(), "x".into())]).unwrap();
        let files = unpack("export.zip", z).unwrap();
        assert_eq!(files, vec![("a.feature".to_owned(), b"Feature: a\n".to_vec())]);
        assert!(unpack("broken.zip", b"PK nope".to_vec()).is_err());
    }

    #[test]
    fn a_zip_entry_declaring_more_than_the_budget_is_refused_before_it_is_inflated() {
        let bomb = crate::stories::import::read::bombs::zero_zip("a.feature", 4_000_000_000);
        assert!(bomb.len() < 5 * 1024 * 1024);
        let started = std::time::Instant::now();
        let err = unpack("bomb.zip", bomb).unwrap_err();
        assert_eq!(err, "“a.feature” unpacks to 3,815 MB; the files in this zip may add up to 20 MB.");
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
    }

    #[test]
    fn invalid_files_are_refused_with_their_line() {
        let err = read_feature("x.feature", b"Feature: a\n  Scenario: b\n    Given a\n    Gvien c\n").unwrap_err();
        assert!(err.starts_with("Line 4"), "{err}");
        assert_eq!(read_feature("x.feature", &[0xff, 0xfe]).unwrap_err(), "This file is not UTF-8 text.");
        let f =
            read_feature("x.feature", "\u{feff}@Smoke\nFeature: Cart\n  Scenario: add\n    Given a cart\n".as_bytes())
                .unwrap();
        assert_eq!((f.title.as_str(), f.tags, f.runnable), ("Cart", vec!["smoke".to_owned()], true));
        // Nothing to run: read, but its case cannot be ready.
        assert!(!read_feature("x.feature", b"Feature: Cart\n  Just a description.\n").unwrap().runnable);
    }
}
