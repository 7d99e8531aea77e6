//! Where evidence files live: an `object_store` — a directory under the data dir by default, any
//! S3-compatible store by `CASEBOOK_EVIDENCE_URL` (`s3://bucket/prefix?endpoint=…`, with the `s3`
//! cargo feature), memory in tests. Objects are named `<org>/<128-bit random hex>`, never after
//! anything the uploader sent.
use crate::orgs::model::OrgId;
use axum::body::Bytes;
use futures_util::stream::BoxStream;
use object_store::{memory::InMemory, path::Path, ObjectStore, ObjectStoreExt, PutPayload};
use std::sync::Arc;

/// The evidence store and the size limit of one file.
#[derive(Clone)]
pub struct EvidenceStore {
    store: Arc<dyn ObjectStore>,
    prefix: Path,
    /// The most bytes one file may have.
    pub max_bytes: u64,
    /// What it is, for the log (never a credential).
    pub label: String,
}

impl std::fmt::Debug for EvidenceStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvidenceStore").field("label", &self.label).field("max_bytes", &self.max_bytes).finish()
    }
}

/// A store's error, as the log gets it.
pub type StoreError = object_store::Error;

impl EvidenceStore {
    /// A store in memory (tests; a server is always given `open`'s).
    pub fn memory(max_bytes: u64) -> Self {
        EvidenceStore { store: Arc::new(InMemory::new()), prefix: Path::default(), max_bytes, label: "memory".into() }
    }

    /// A store in directory `dir` (created if missing); directories left empty by a delete go.
    pub fn directory(dir: &std::path::Path, max_bytes: u64) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let local = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| format!("cannot use {}: {e}", dir.display()))?
            .with_automatic_cleanup(true);
        Ok(EvidenceStore {
            store: Arc::new(local),
            prefix: Path::default(),
            max_bytes,
            label: format!("directory {}", dir.display()),
        })
    }

    /// The configured store: `url` (`file:///dir`, `s3://bucket/prefix?endpoint=…&region=…`,
    /// credentials from the usual `AWS_*` variables), or `<data_dir>/evidence` without one.
    pub fn open(url: Option<&str>, data_dir: &std::path::Path, max_bytes: u64) -> Result<Self, String> {
        let Some(raw) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Self::directory(&data_dir.join("evidence"), max_bytes);
        };
        let url = url::Url::parse(raw).map_err(|e| format!("CASEBOOK_EVIDENCE_URL is not a URL ({e})"))?;
        match url.scheme() {
            "file" => {
                let dir = url.to_file_path().map_err(|_| "CASEBOOK_EVIDENCE_URL file:// needs an absolute path")?;
                Self::directory(&dir, max_bytes)
            }
            "s3" | "s3a" => s3(&url, max_bytes),
            other => Err(format!("CASEBOOK_EVIDENCE_URL: `{other}://` is not supported (a file:// or s3:// URL)")),
        }
    }

    /// A fresh key for a file of `org`: `<org>/<32 hex digits>`.
    pub fn new_key(org: OrgId) -> String {
        format!("{}/{:032x}", org.0, rand::random::<u128>())
    }

    /// The thumbnail's key beside a file's.
    pub fn thumb_key(key: &str) -> String {
        format!("{key}-thumb")
    }

    fn path(&self, key: &str) -> Result<Path, StoreError> {
        let key = Path::parse(key)?;
        Ok(self.prefix.parts().chain(key.parts()).collect())
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StoreError> {
        self.store.put(&self.path(key)?, PutPayload::from(bytes)).await.map(drop)
    }

    /// The object's size and its bytes as a stream.
    pub async fn get(&self, key: &str) -> Result<(u64, BoxStream<'static, Result<Bytes, StoreError>>), StoreError> {
        let got = self.store.get(&self.path(key)?).await?;
        Ok((got.meta.size, got.into_stream()))
    }

    /// Deletes the object; one already gone is fine.
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self.store.delete(&self.path(key)?).await {
            Ok(()) | Err(StoreError::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Whether the object is there.
    pub async fn exists(&self, key: &str) -> Result<bool, StoreError> {
        match self.store.head(&self.path(key)?).await {
            Ok(_) => Ok(true),
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// An S3-compatible store: the URL's query (`endpoint`, `region`, `allow_http`, …) and the
/// `AWS_*` variables configure it.
#[cfg(feature = "s3")]
fn s3(url: &url::Url, max_bytes: u64) -> Result<EvidenceStore, String> {
    let mut options: Vec<(String, String)> =
        std::env::vars().filter(|(k, _)| k.starts_with("AWS_")).map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
    options.extend(url.query_pairs().map(|(k, v)| (k.to_ascii_lowercase(), v.into_owned())));
    let mut bare = url.clone();
    bare.set_query(None);
    let (store, prefix) = object_store::parse_url_opts(&bare, options)
        .map_err(|e| format!("CASEBOOK_EVIDENCE_URL: the S3 store cannot be set up ({e})"))?;
    Ok(EvidenceStore { store: Arc::from(store), prefix, max_bytes, label: bare.to_string() })
}

#[cfg(not(feature = "s3"))]
fn s3(_: &url::Url, _: u64) -> Result<EvidenceStore, String> {
    Err("CASEBOOK_EVIDENCE_URL names an S3 store, but this build has no S3 support: build with `--features s3`".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn objects_go_in_and_out_and_a_second_delete_is_fine() {
        let dir = std::env::temp_dir().join(format!("casebook-store-{:x}", rand::random::<u64>()));
        let store = EvidenceStore::directory(&dir, 1024).unwrap();
        let key = EvidenceStore::new_key(OrgId(7));
        assert!(key.starts_with("7/") && key.len() == 2 + 32, "{key}");
        store.put(&key, Bytes::from_static(b"hello")).await.unwrap();
        let (size, _) = store.get(&key).await.unwrap();
        assert_eq!(size, 5);
        assert!(store.exists(&key).await.unwrap());
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert!(!store.exists(&key).await.unwrap());
        assert!(store.path("../etc/passwd").is_err(), "no way out of the store");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "the emptied org directory went too");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_known_schemes_open() {
        let dir = std::env::temp_dir();
        assert!(EvidenceStore::open(Some("ftp://x/y"), &dir, 1).unwrap_err().contains("not supported"));
        assert!(EvidenceStore::open(Some("not a url"), &dir, 1).is_err());
        #[cfg(not(feature = "s3"))]
        assert!(EvidenceStore::open(Some("s3://bucket/p"), &dir, 1).unwrap_err().contains("--features s3"));
    }
}
