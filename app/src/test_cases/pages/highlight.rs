//! Syntax highlighting of Gherkin as escaped HTML, one `<span>` per line, for the layer under the
//! editor's textarea. Everything from the document is HTML-escaped here, so the result is safe to
//! set as inner HTML.
use crate::test_cases::gherkin::{classify, LineKind};
use std::collections::BTreeSet;

fn escape(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn span(out: &mut String, class: &str, s: &str) {
    if s.is_empty() {
        return;
    }
    if class.is_empty() {
        escape(out, s);
        return;
    }
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape(out, s);
    out.push_str("</span>");
}

const KEYWORD: &str = "font-semibold text-indigo-700 dark:text-indigo-300";
const STEP: &str = "font-semibold text-sky-700 dark:text-sky-300";
const TAG: &str = "text-amber-700 dark:text-amber-300";
const COMMENT: &str = "italic text-slate-500 dark:text-slate-400";
const DOC: &str = "text-emerald-700 dark:text-emerald-300";
const PIPE: &str = "text-slate-500 dark:text-slate-400";
const PLACEHOLDER: &str = "text-fuchsia-700 dark:text-fuchsia-300";
const WRONG: &str = "bg-red-100 underline decoration-wavy decoration-red-600 dark:bg-red-950";

/// Step text and table cells: `<placeholders>` and `"strings"` stand out.
fn text(out: &mut String, s: &str, pipes: bool) {
    let mut rest = s;
    while !rest.is_empty() {
        let next = rest.find(|c: char| c == '<' || c == '"' || (pipes && c == '|'));
        let Some(at) = next else {
            escape(out, rest);
            return;
        };
        escape(out, &rest[..at]);
        let tail = &rest[at..];
        let (class, len) = match tail.chars().next() {
            Some('|') => (PIPE, 1),
            Some('<') => match tail.find('>') {
                Some(end) if !tail[1..end].contains(' ') && end > 1 => (PLACEHOLDER, end + 1),
                _ => ("", 1),
            },
            Some('"') => match tail[1..].find('"') {
                Some(end) => (DOC, end + 2),
                None => ("", 1),
            },
            _ => ("", tail.chars().next().map_or(1, char::len_utf8)),
        };
        span(out, class, &tail[..len]);
        rest = &tail[len..];
    }
}

/// The highlighted HTML of `source`; lines in `wrong` (1-based) are marked as errors.
pub fn highlight_html(source: &str, wrong: &BTreeSet<u32>) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    for (i, (line, info)) in source.split('\n').zip(classify(source)).enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let bad = wrong.contains(&(i as u32 + 1));
        if bad {
            out.push_str("<span class=\"");
            out.push_str(WRONG);
            out.push_str("\">");
        }
        let cut = if line.is_char_boundary(info.keyword_end) { info.keyword_end.min(line.len()) } else { 0 };
        let (head, tail) = line.split_at(cut);
        match info.kind {
            LineKind::Feature
            | LineKind::Rule
            | LineKind::Background
            | LineKind::Scenario
            | LineKind::Outline
            | LineKind::Examples => {
                span(&mut out, KEYWORD, head);
                escape(&mut out, tail);
            }
            LineKind::Step => {
                span(&mut out, STEP, head);
                text(&mut out, tail, false);
            }
            LineKind::Tags => span(&mut out, TAG, line),
            LineKind::Comment | LineKind::Language => span(&mut out, COMMENT, line),
            LineKind::DocStringDelimiter | LineKind::DocStringContent => span(&mut out, DOC, line),
            LineKind::TableRow => text(&mut out, line, true),
            LineKind::Empty | LineKind::Description | LineKind::Other => escape(&mut out, line),
        }
        if bad {
            out.push_str("</span>");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped() {
        let html = highlight_html("Feature: <script>alert('x')</script>\n", &BTreeSet::new());
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn keywords_placeholders_and_wrong_lines_get_classes() {
        let src = "Feature: f\n  Scenario Outline: o\n    Given I have <n> \"apples\"\n    Gvien x\n";
        let html = highlight_html(src, &BTreeSet::from([4]));
        assert!(html.contains(&format!("<span class=\"{KEYWORD}\">Feature:</span>")), "{html}");
        assert!(html.contains(&format!("<span class=\"{PLACEHOLDER}\">&lt;n&gt;</span>")), "{html}");
        assert!(html.contains(&format!("<span class=\"{DOC}\">&quot;apples&quot;</span>")), "{html}");
        assert!(html.contains(&format!("<span class=\"{WRONG}\">    Gvien x</span>")), "{html}");
        assert_eq!(html.matches('\n').count(), src.split('\n').count());
    }
}
