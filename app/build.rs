//! Stamps the build with an id of the sources that decide what a page looks like: this crate's
//! and the browser entry point's, and the locked dependency versions. The server and the WASM
//! are both built from `app`, so they carry the same id exactly when they can hydrate each other;
//! the server checks the built site's id at start-up (`src/site.rs`).
use std::{
    fs,
    hash::{DefaultHasher, Hasher},
    path::{Path, PathBuf},
};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let roots = [here.join("src"), here.join("Cargo.toml"), here.join("../frontend/src"), here.join("../Cargo.lock")];
    let mut all = Vec::new();
    for root in &roots {
        println!("cargo:rerun-if-changed={}", root.display());
        if root.is_dir() {
            files(root, &mut all);
        } else {
            all.push(root.clone());
        }
    }
    all.sort();
    let mut h = DefaultHasher::new();
    for path in &all {
        let rel = path.strip_prefix(&here).unwrap_or(path);
        h.write(rel.to_string_lossy().as_bytes());
        h.write(&fs::read(path).unwrap_or_default());
    }
    println!("cargo:rustc-env=CASEBOOK_BUILD_ID={:016x}", h.finish());
}
