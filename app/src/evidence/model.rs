//! Wire types of evidence: the files attached to a step or a whole execution of a run, and the
//! rules both sides apply to them (the size limit's default, the kinds accepted, display names).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::id_newtype!(
    /// An evidence file's id (its download is `/api/v1/evidence/{id}`).
    EvidenceId
);

/// The size limit of one file when `CASEBOOK_EVIDENCE_MAX_MB` is not set, in MB (MiB).
pub const DEFAULT_MAX_MB: u64 = 25;
/// Bytes in the MB of the limit.
pub const MB: u64 = 1024 * 1024;
/// Longest display name kept, in characters.
pub const MAX_NAME: usize = 120;

/// What the file input offers (the server checks the content whatever the name says).
pub const ACCEPT: &str =
    "image/png,image/jpeg,image/gif,image/webp,video/mp4,video/webm,.txt,.log,.json,.har,.csv,.pdf";

/// What can be attached, in words (for help and error messages).
pub const KINDS: &str =
    "images (PNG, JPEG, GIF, WebP), videos (MP4, WebM), text logs (.txt, .log), JSON, CSV, HAR or PDF";

/// One attached file as the runner lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: EvidenceId,
    /// The scenario and step it belongs to (from 0, as the runner walks them); `None` for the
    /// whole execution.
    pub scenario: Option<i64>,
    pub step: Option<i64>,
    /// The uploader's file name, sanitized (only ever shown, never used to store the file).
    pub name: String,
    /// The type its content was checked to be.
    pub content_type: String,
    pub size_bytes: i64,
    /// Whether a thumbnail was made (images only).
    pub has_thumb: bool,
    pub uploaded_by: Option<String>,
    /// Whether the caller may delete it (its uploader while the run is in progress, or an admin).
    pub can_delete: bool,
    pub created_at: DateTime<Utc>,
}

impl EvidenceItem {
    /// Where the file is downloaded (images open inline).
    pub fn url(&self) -> String {
        format!("/api/v1/evidence/{}", self.id)
    }

    /// Where its thumbnail is, if it has one.
    pub fn thumb_url(&self) -> Option<String> {
        self.has_thumb.then(|| format!("/api/v1/evidence/{}/thumb", self.id))
    }

    pub fn is_image(&self) -> bool {
        is_image(&self.content_type)
    }
}

/// The evidence of one execution, and the size limit in force (the page checks it before
/// sending).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceList {
    pub items: Vec<EvidenceItem>,
    pub max_bytes: u64,
}

/// Whether a checked type is an image (shown inline, with a thumbnail).
pub fn is_image(content_type: &str) -> bool {
    content_type.starts_with("image/")
}

/// `1.5 MB`, `820 KB`, `12 bytes`.
pub fn human_size(bytes: u64) -> String {
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// The message for a file over the limit.
pub fn too_large(size: u64, max: u64) -> String {
    format!("This file is {}; the limit is {}. Attach a smaller file.", human_size(size), human_size(max))
}

/// The uploader's file name as it may be shown and sent back in `Content-Disposition`: the last
/// path segment only, without control characters, `..` or leading dots, at most [`MAX_NAME`]
/// characters (the extension kept); `evidence` when nothing is left.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.replace("..", ".");
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "evidence".to_owned();
    }
    if cleaned.chars().count() <= MAX_NAME {
        return cleaned.to_owned();
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.chars().count() <= 10 => (s, Some(e)),
        _ => (cleaned, None),
    };
    let room = MAX_NAME - ext.map_or(0, |e| e.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    match ext {
        Some(e) => format!("{}.{e}", stem.trim_end()),
        None => stem,
    }
}

/// The extension of a (display) name, lower-cased; empty when it has none.
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_lose_paths_controls_and_dot_dot() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\ann\\shot 1.png"), "shot 1.png");
        assert_eq!(display_name("..\u{0}..\u{7}"), "evidence");
        assert_eq!(display_name(".hidden"), "hidden");
        assert_eq!(display_name("a..b.txt"), "a.b.txt");
        assert_eq!(display_name("line\nbreak.log"), "linebreak.log");
        assert_eq!(display_name(""), "evidence");
        let long = format!("{}.json", "x".repeat(300));
        let short = display_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME);
        assert!(short.ends_with(".json"));
        assert_eq!(display_name(&"é".repeat(500)).chars().count(), MAX_NAME);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(25 * MB), "25.0 MB");
        assert_eq!(too_large(30 * MB, 25 * MB), "This file is 30.0 MB; the limit is 25.0 MB. Attach a smaller file.");
        assert_eq!(extension("Shot.PNG"), "png");
        assert_eq!(extension("README"), "");
        assert_eq!(extension(".bashrc"), "");
    }
}
