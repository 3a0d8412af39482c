//! Escaping of untrusted text for each format, and the number formats the
//! human-readable reports share.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `s` with every control character written as `\u{XX}` (an ESC cannot
/// drive the terminal, a NUL cannot cut a line); newlines and tabs too
/// when `keep_lines` is false.
pub(super) fn visible(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && !(keep_lines && (c == '\n' || c == '\t'));
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of terminal text: control characters (newlines included) made
/// visible.
pub(super) fn line(s: &str) -> Cow<'_, str> {
    visible(s, false)
}

/// Inline Markdown text (CommonMark): ASCII punctuation that could start
/// markup or HTML is backslash-escaped, `|` too (table cells), and line
/// breaks become spaces, so one value stays one line, one cell.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "\\\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// HTML text or attribute value: `& < > " '` as entities; control
/// characters other than newline and tab made visible.
pub(super) fn html(s: &str) -> String {
    let s = visible(s, true);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A score 0–100 with one decimal (`66.7`), or `-`.
pub(super) fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

/// A share 0–1 as a percentage with one decimal (`50.0 %`), or `-`.
pub(super) fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{:.1} %", 100.0 * v))
}

/// `yes`, `no`, or `-`.
pub(super) fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

/// `1 error`, `2 warnings`: a count and a noun, plural when not 1
/// (`info` stays `info`).
pub(super) fn count(n: usize, noun: &str) -> String {
    if n == 1 || noun == "info" {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(line("a\x1b[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(visible("a\nb\tc\x07", true), "a\nb\tc\\u{7}");
        assert_eq!(md("a|b\nc <x> *y*"), "a\\|b c \\<x\\> \\*y\\*");
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(score(Some(66.666)), "66.7");
        assert_eq!(percent(Some(0.5)), "50.0 %");
        assert_eq!(percent(None), "-");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(2, "info"), "2 info");
    }
}
