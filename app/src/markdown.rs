//! Markdown written by people (bug descriptions, comments) as HTML that is safe to show: rendered
//! on the server only, by pulldown-cmark (CommonMark with tables and strikethrough), then cleaned
//! by ammonia's allow-list. Raw HTML in the source goes through the same allow-list: no scripts,
//! styles, frames, forms or event handlers survive; links and images keep only `http`, `https`
//! and `mailto` addresses or a path on this site (`/…`, `#…`); every link gets
//! `rel="noopener noreferrer nofollow"`.
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, Options, Parser};
use std::{borrow::Cow, collections::HashSet, sync::OnceLock};

/// Longest Markdown rendered (bug texts are validated shorter; this bounds the work anyway).
pub const MAX_SOURCE: usize = 100_000;

/// Keeps a relative address only when it is a path on this site (`/projects/…`) or a fragment;
/// a scheme-relative `//host/…` (another site) and anything else is dropped.
fn same_site(url: &str) -> Option<Cow<'_, str>> {
    let site_path = url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\");
    (site_path || url.starts_with('#')).then_some(Cow::Borrowed(url))
}

fn cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::Custom(Box::new(same_site)))
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        b
    })
}

/// `source` (Markdown) as sanitized HTML.
pub fn render(source: &str) -> String {
    let source = match source.char_indices().nth(MAX_SOURCE) {
        Some((end, _)) => &source[..end],
        None => source,
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(source, options));
    cleaner().clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    /// Nothing in `html` can run script or load from a scheme other than http(s).
    fn harmless(html: &str) {
        let lower = html.to_lowercase();
        for bad in ["<script", "<iframe", "<object", "<embed", "<style", "<form", "javascript:", "data:", "vbscript:"] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
        // No attribute starting with `on` (onerror, onclick, …) inside any tag.
        for tag in lower.split('<').skip(1) {
            let inside = tag.split('>').next().unwrap_or_default();
            assert!(
                !inside.split_whitespace().skip(1).any(|attr| attr.starts_with("on")),
                "an event handler survived in <{inside}>"
            );
        }
    }

    #[test]
    fn scripts_handlers_frames_and_foreign_schemes_are_removed() {
        let attacks = [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
            "<a href=\"&#106;avascript:alert(1)\">entity</a>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "![pixel](data:image/png;base64,iVBORw0KGgo=)",
            "[page](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<a href=\"vbscript:msgbox(1)\">vb</a>",
            "<div onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">div</div>",
            "<svg><script>alert(1)</script></svg>",
            "<form action=\"https://evil.example\"><input name=x></form>",
            "<style>body{display:none}</style>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        ];
        for attack in attacks {
            let html = render(attack);
            harmless(&html);
        }
        assert_eq!(render("<script>alert(1)</script>").trim(), "", "a script's text is not shown either");
        let img = render("<img src=x onerror=alert(1)>");
        assert!(!img.contains("src=\"x\""), "a relative image address other than a site path is dropped: {img}");
        let link = render("[x](javascript:alert(1))");
        assert!(!link.contains("href"), "{link}");
        assert!(link.contains('x'), "the link's text stays: {link}");
    }

    #[test]
    fn ordinary_markdown_is_kept_and_links_get_a_safe_rel() {
        let html = render(
            "# Checkout fails\n\nSteps:\n\n1. Add **two** items\n2. Pay with `visa`\n\n- one\n- two\n\n```\nPOST /pay -> 500\n```\n\nSee [the log](https://logs.example/x?a=1&b=2), [case](/projects/SHOP/cases/3) or <mailto:qa@example.com>.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n![shot](https://img.example/s.png)",
        );
        for kept in [
            "<h1>Checkout fails</h1>",
            "<ol>",
            "<li>Add <strong>two</strong> items</li>",
            "<code>visa</code>",
            "<ul>",
            "<pre><code>POST /pay -&gt; 500\n</code></pre>",
            "href=\"https://logs.example/x?a=1&amp;b=2\"",
            "href=\"/projects/SHOP/cases/3\"",
            "href=\"mailto:qa@example.com\"",
            "<table>",
            "<del>old</del>",
            "src=\"https://img.example/s.png\"",
        ] {
            assert!(html.contains(kept), "{kept} missing from {html}");
        }
        assert_eq!(html.matches("rel=\"noopener noreferrer nofollow\"").count(), 3, "{html}");
        assert!(!render("[other site](//evil.example/x)").contains("href"), "a scheme-relative link is dropped");
        assert!(render("<a href=\"https://x.example\" rel=\"opener\">x</a>")
            .contains("rel=\"noopener noreferrer nofollow\""));
    }
}
