//! The server's signing secret: given in the environment, or generated once and kept in the
//! data directory with owner-only permissions.
use anyhow::{bail, Context};
use rand::RngCore;
use std::{fmt, fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

/// A secret that never shows itself in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

const FILE: &str = "secret.key";

/// `given` if set; otherwise the secret stored in `data_dir`, created (0600) on first start.
pub fn load_or_create(given: Option<&str>, data_dir: &Path) -> anyhow::Result<Secret> {
    if let Some(s) = given {
        return Ok(Secret(s.to_owned()));
    }
    let path = data_dir.join(FILE);
    match fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(Secret(s.trim().to_owned())),
        Ok(_) => bail!("the secret in {} is too short; delete it to generate a new one", path.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(secret.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Secret(secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_generated_secret_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(None, dir.path()).unwrap();
        let mode = fs::metadata(dir.path().join(FILE)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(first.expose().len(), 64);
        let second = load_or_create(None, dir.path()).unwrap();
        assert_eq!(first.expose(), second.expose());
    }

    #[test]
    fn a_given_secret_wins_and_is_never_printed() {
        let dir = tempfile::tempdir().unwrap();
        let s = load_or_create(Some("x".repeat(40).as_str()), dir.path()).unwrap();
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert!(!dir.path().join(FILE).exists());
    }
}
