//! What a file is, from its content: binary kinds by their magic bytes (`infer`) against an
//! allow-list; text kinds (which have none) only as valid UTF-8 without NUL bytes and without
//! markup, JSON and HAR only when they parse. The name's extension picks among the text kinds
//! and must not claim a binary kind the content is not; the client's Content-Type is never read.
use super::model::{extension, KINDS};

/// A checked file's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// The `Content-Type` it is stored and served with.
    pub content_type: &'static str,
}

impl Checked {
    pub fn is_image(self) -> bool {
        super::model::is_image(self.content_type)
    }
}

/// Binary kinds accepted, by the type `infer` names.
const BINARY: [&str; 7] =
    ["image/png", "image/jpeg", "image/gif", "image/webp", "video/mp4", "video/webm", "application/pdf"];

/// Extensions that claim a binary kind: a text file may not wear them.
const BINARY_EXTENSIONS: [&str; 10] = ["png", "jpg", "jpeg", "gif", "webp", "mp4", "m4v", "webm", "pdf", "jfif"];

fn refused(what: &str) -> String {
    format!("{what} cannot be attached. Attach {KINDS}.")
}

/// The type of `bytes`, uploaded as `name` (a display name); the message says why not.
pub fn check(bytes: &[u8], name: &str) -> Result<Checked, String> {
    if bytes.is_empty() {
        return Err("This file is empty.".to_owned());
    }
    let ext = extension(name);
    if let Some(kind) = infer::get(bytes) {
        let mime = kind.mime_type();
        if let Some(ok) = BINARY.iter().find(|m| **m == mime) {
            return Ok(Checked { content_type: ok });
        }
        return Err(match mime {
            "text/html" => refused("An HTML file"),
            "text/xml" => refused("An XML or SVG file"),
            "application/vnd.microsoft.portable-executable"
            | "application/x-executable"
            | "application/x-mach-binary" => refused("A program"),
            // A text file that happens to start like a script: checked as text below.
            "text/x-shellscript" => return text(bytes, &ext),
            other => refused(&format!("A file of type {other}")),
        });
    }
    text(bytes, &ext)
}

/// A text kind: UTF-8 without NUL bytes and not markup, typed by its extension.
fn text(bytes: &[u8], ext: &str) -> Result<Checked, String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(s) = std::str::from_utf8(body) else {
        return Err(refused("A file of this type"));
    };
    if s.contains('\0') {
        return Err(refused("A binary file"));
    }
    if looks_like_markup(s) {
        return Err(refused("An HTML, SVG or XML file"));
    }
    if BINARY_EXTENSIONS.contains(&ext) {
        return Err(format!("This file is named .{ext} but its content is text, not a .{ext} file."));
    }
    let content_type = match ext {
        "json" | "har" => {
            serde_json::from_str::<serde::de::IgnoredAny>(s)
                .map_err(|e| format!("This .{ext} file is not valid JSON ({e})."))?;
            "application/json"
        }
        "csv" => "text/csv; charset=utf-8",
        "" | "txt" | "log" | "text" | "out" => "text/plain; charset=utf-8",
        other => return Err(refused(&format!("A .{other} file"))),
    };
    Ok(Checked { content_type })
}

/// Whether text starts like HTML, SVG or XML (`<` and a letter, `!` or `?`), or holds an
/// `<svg`, `<html` or `<script` tag near its start.
fn looks_like_markup(s: &str) -> bool {
    let start = s.trim_start();
    let mut chars = start.chars();
    if chars.next() == Some('<') && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '!' || c == '?') {
        return true;
    }
    let head: String = start.chars().take(1024).collect::<String>().to_ascii_lowercase();
    ["<svg", "<html", "<script", "<!doctype"].iter().any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn ty(bytes: &[u8], name: &str) -> Result<&'static str, String> {
        check(bytes, name).map(|c| c.content_type)
    }

    #[test]
    fn binary_kinds_are_known_by_their_bytes_whatever_the_name() {
        assert_eq!(ty(PNG, "shot.png"), Ok("image/png"));
        assert_eq!(ty(PNG, "shot.txt"), Ok("image/png"), "the content decides");
        assert_eq!(ty(b"\xFF\xD8\xFF\xE0\0\x10JFIF", "a.jpg"), Ok("image/jpeg"));
        assert_eq!(ty(b"GIF89a\x01\0", "a.gif"), Ok("image/gif"));
        assert_eq!(ty(b"%PDF-1.7\n", "report.pdf"), Ok("application/pdf"));
        let mut webm = b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\xF7\x81\x01\x42\x82\x84webm".to_vec();
        webm.resize(300, 0);
        assert_eq!(ty(&webm, "v.webm"), Ok("video/webm"));
        let mut mp4 = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
        mp4.resize(64, 0);
        assert_eq!(ty(&mp4, "clip.mp4"), Ok("video/mp4"));
    }

    #[test]
    fn markup_programs_and_strangers_are_refused() {
        let html = ty(b"<!DOCTYPE html><html><script>alert(1)</script>", "shot.png").unwrap_err();
        assert!(html.contains("HTML"), "{html}");
        let svg = ty(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>", "a.svg").unwrap_err();
        assert!(svg.contains("SVG"), "{svg}");
        let xml_svg = ty(b"<?xml version=\"1.0\"?><svg/>", "a.txt").unwrap_err();
        assert!(xml_svg.contains("SVG"), "{xml_svg}");
        let exe =
            ty(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0\xb8\0\0\0\0\0\0\0@\0\0\0\0\0\0\0", "setup.exe").unwrap_err();
        assert!(exe.contains("cannot be attached"), "{exe}");
        assert!(ty(b"PK\x03\x04\x14\0\0\0", "a.zip").is_err());
        assert!(ty(b"", "a.txt").unwrap_err().contains("empty"));
        assert!(ty(b"\xC3\x28 not utf-8", "a.log").is_err());
        assert!(ty(b"nul \0 inside", "a.log").unwrap_err().contains("binary"));
        assert!(ty(b"just text", "shot.png").unwrap_err().contains("named .png"));
        assert!(ty(b"just text", "tool.exe").is_err());
        assert!(ty(b"hello\n<script>x</script>", "a.txt").is_err(), "a tag near the start");
    }

    #[test]
    fn text_kinds_follow_the_extension_and_json_must_parse() {
        assert_eq!(ty(b"2026-01-01 ERROR boom\n", "server.log"), Ok("text/plain; charset=utf-8"));
        assert_eq!(ty("\u{FEFF}déjà vu".as_bytes(), "notes.txt"), Ok("text/plain; charset=utf-8"));
        assert_eq!(ty(b"a,b\n1,2\n", "data.csv"), Ok("text/csv; charset=utf-8"));
        assert_eq!(ty(b"{\"log\":{\"entries\":[]}}", "session.har"), Ok("application/json"));
        assert_eq!(ty(b"[1,2]", "a.json"), Ok("application/json"));
        assert!(ty(b"{\"broken\":", "a.json").unwrap_err().contains("not valid JSON"));
        assert!(ty(b"{nope", "a.har").is_err());
        assert_eq!(ty(b"#!/bin/sh\necho hi\n", "trace.log"), Ok("text/plain; charset=utf-8"));
        assert_eq!(ty(b"<2026-01-01> 5 < 7", "a.log"), Ok("text/plain; charset=utf-8"));
    }
}
