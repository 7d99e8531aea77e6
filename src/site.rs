//! The built site (`target/site`: the WASM, its JS glue, the CSS) as this binary finds it at
//! start-up. Any build of the binary serves it: the hashed file names are read from the
//! `hash.txt` the site build wrote in it, not compiled in, and a site built from other
//! sources than this binary is refused with a message that says so, since its pages would not
//! hydrate.
use anyhow::{bail, Context};
use std::{
    fs,
    path::{Path, PathBuf},
};

/// The pkg directory under the site root.
pub const PKG_DIR: &str = "pkg";
/// The output name of the site build (`output-name` in Cargo.toml).
pub const OUTPUT_NAME: &str = "casebook";
/// Where the site build writes the content hashes (`hash-file-name` in Cargo.toml, relative to
/// the binary's directory: `target/release/../site/hash.txt`).
pub const HASH_FILE: &str = "hash.txt";

/// What the server needs to know of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// Files named with content hashes, listed in this `hash.txt`; the stylesheet's text, which
    /// every page inlines.
    Hashed { hash_file: PathBuf, stylesheet: String },
    /// No site was built: pages render but do not hydrate.
    Missing,
}

impl Site {
    pub fn hash_file(&self) -> Option<&Path> {
        match self {
            Site::Hashed { hash_file, .. } => Some(hash_file),
            Site::Missing => None,
        }
    }

    pub fn stylesheet(&self) -> &str {
        match self {
            Site::Hashed { stylesheet, .. } => stylesheet,
            Site::Missing => "",
        }
    }
}

/// The `name: hash` lines of `hash.txt`.
fn hashes(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim(), v.trim()))
}

/// Finds the site under `root` and checks that its WASM was built from the same sources as this
/// binary (`build_mark`, `app::BUILD_MARK`).
pub fn open(root: &Path, build_mark: &str) -> anyhow::Result<Site> {
    let pkg = root.join(PKG_DIR);
    if !pkg.is_dir() {
        return Ok(Site::Missing);
    }
    let hash_file = root.join(HASH_FILE);
    if !hash_file.is_file() {
        bail!(
            "the site in {} has no {HASH_FILE}, so its file names are unknown: build the site with `make build`",
            root.display()
        );
    }
    let text = fs::read_to_string(&hash_file).with_context(|| format!("cannot read {}", hash_file.display()))?;
    let (mut wasm, mut css) = (None, None);
    for (kind, hash) in hashes(&text) {
        let ext = match kind {
            "js" => "js",
            "wasm" => "wasm",
            "css" => "css",
            _ => continue,
        };
        let file = pkg.join(format!("{OUTPUT_NAME}.{hash}.{ext}"));
        if !file.is_file() {
            bail!(
                "the site in {} is incomplete: {} lists {}, which is not there. Build the site again (make build).",
                root.display(),
                hash_file.display(),
                file.display()
            );
        }
        match ext {
            "wasm" => wasm = Some(file),
            "css" => css = Some(file),
            _ => {}
        }
    }
    let wasm =
        wasm.with_context(|| format!("{} names no WASM file; build the site again (make build)", hash_file.display()))?;
    let css =
        css.with_context(|| format!("{} names no stylesheet; build the site again (make build)", hash_file.display()))?;
    let stylesheet = fs::read_to_string(&css).with_context(|| format!("cannot read {}", css.display()))?;
    let site = Site::Hashed { hash_file: fs::canonicalize(&hash_file)?, stylesheet };
    let bytes = fs::read(&wasm).with_context(|| {
        format!("the site in {} has no {}: build the site again (make build)", root.display(), wasm.display())
    })?;
    let ours = app::build_id_in(build_mark);
    match built_from(&bytes) {
        Some(id) if id == ours => Ok(site),
        found => bail!(
            "the site in {} was built from other sources than this binary (site build {}, binary build {}): \
             its pages would not hydrate. Build both together with `make build`, or point CASEBOOK_SITE_DIR at the site built with this binary.",
            root.display(),
            found.unwrap_or("unknown"),
            ours
        ),
    }
}

/// The build id stamped in a WASM file, if any: the prefix followed by hex digits and `;`. The
/// prefix also appears alone (the code that trims it), so every occurrence is tried.
fn built_from(wasm: &[u8]) -> Option<&str> {
    let prefix = app::BUILD_MARK_PREFIX.as_bytes();
    wasm.windows(prefix.len()).enumerate().filter(|(_, w)| *w == prefix).find_map(|(at, _)| {
        let id = &wasm[at + prefix.len()..];
        let len = id.iter().take(64).position(|&b| b == b';')?;
        let id = std::str::from_utf8(&id[..len]).ok()?;
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "casebook-build:00aa11bb22cc33dd;";

    fn site(hashed: bool, wasm: &[u8]) -> tempfile::TempDir {
        // `hashed: false` is a site as a build without content hashes would leave it.
        let dir = tempfile::tempdir().expect("temp dir");
        let pkg = dir.path().join(PKG_DIR);
        fs::create_dir_all(&pkg).expect("pkg");
        if hashed {
            fs::write(dir.path().join(HASH_FILE), "js: Jh1\nwasm: Wh2\ncss: Ch3\nmanifest: Mh4\n").expect("hash.txt");
            for f in ["casebook.Jh1.js", "casebook.Ch3.css"] {
                fs::write(pkg.join(f), "x").expect("file");
            }
            fs::write(pkg.join("casebook.Wh2.wasm"), wasm).expect("wasm");
        } else {
            fs::write(pkg.join("casebook.wasm"), wasm).expect("wasm");
        }
        dir
    }

    fn wasm_with(mark: &str) -> Vec<u8> {
        // The bare prefix first, as the trimming code leaves it in a real build.
        [b"\0asm\x01\0\0\0 casebook-build:\x07\x00 data ".as_slice(), mark.as_bytes(), b" more data"].concat()
    }

    #[test]
    fn a_hashed_site_built_from_the_same_sources_is_served_under_its_hashed_names() {
        let dir = site(true, &wasm_with(MARK));
        let found = open(dir.path(), MARK).expect("opens");
        let hash_file = found.hash_file().expect("hashed");
        assert!(hash_file.is_absolute() && hash_file.ends_with(HASH_FILE), "{hash_file:?}");
        let plain = site(false, &wasm_with(MARK));
        let err = open(plain.path(), MARK).expect_err("refused").to_string();
        assert!(err.contains("has no hash.txt"), "{err}");
    }

    #[test]
    fn a_site_built_from_other_sources_is_refused_loudly() {
        let dir = site(true, &wasm_with("casebook-build:ffffffffffffffff;"));
        let err = open(dir.path(), MARK).expect_err("refused").to_string();
        assert!(
            err.contains("built from other sources")
                && err.contains("ffffffffffffffff")
                && err.contains("00aa11bb22cc33dd"),
            "{err}"
        );
        let unstamped = site(true, b"\0asm\x01\0\0\0");
        let err = open(unstamped.path(), MARK).expect_err("refused").to_string();
        assert!(err.contains("site build unknown"), "{err}");
    }

    #[test]
    fn a_site_missing_a_file_its_hash_list_names_is_refused() {
        let dir = site(true, &wasm_with(MARK));
        fs::remove_file(dir.path().join(PKG_DIR).join("casebook.Jh1.js")).expect("rm");
        let err = open(dir.path(), MARK).expect_err("refused").to_string();
        assert!(err.contains("incomplete") && err.contains("casebook.Jh1.js"), "{err}");
    }

    #[test]
    fn no_site_at_all_is_not_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(open(dir.path(), MARK).expect("opens"), Site::Missing);
    }

    #[test]
    fn this_builds_mark_is_well_formed() {
        assert_eq!(app::build_id_in(app::BUILD_MARK).len(), 16);
        assert_eq!(app::build_id_in(app::BUILD_MARK), app::build_id());
        assert_eq!(built_from(&wasm_with(app::BUILD_MARK)), Some(app::build_id()));
    }
}
