//! The zero-copy RPSL lexer: objects, attributes and cleaned values over a
//! byte slice. No allocation per line; `memchr` finds line ends.

use std::borrow::Cow;

use crate::model::rpsl::{Attribute, RpslObject};
use crate::parse::{ParseError, ParseErrorKind};

/// Splits a dump into objects (see [`objects`]).
#[derive(Clone, Debug)]
pub struct Objects<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

/// Splits `text` into RPSL objects.
///
/// Blank lines (empty or whitespace only) end an object, except a
/// whitespace-only line that starts with a space or a tab and is followed
/// by a continuation line (an empty continuation line); `%` lines and `#`
/// whole-line comments between objects are skipped. Each object is reported
/// with the 1-based line of its first line. An object whose first line is a
/// continuation line (starts with a space, a tab or `+`) is an error; the
/// iterator then goes on with the next object. Nothing is copied.
pub fn objects(text: &[u8]) -> Objects<'_> {
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    Objects {
        text,
        pos: 0,
        line: 1,
    }
}

/// Whether a line (without its `\n`) holds only whitespace.
#[inline]
pub(crate) fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c))
}

/// Whether a line is whitespace only and starts with a space or a tab (an
/// empty continuation line when a continuation line follows).
#[inline]
pub(crate) fn is_ws_continuation(line: &[u8]) -> bool {
    matches!(line.first(), Some(b' ' | b'\t')) && is_blank(line)
}

/// Whether a line is skipped between objects.
#[inline]
pub(crate) fn is_skipped_between(line: &[u8]) -> bool {
    matches!(line.first(), Some(b'%' | b'#')) || is_blank(line)
}

/// Whether a line continues the previous attribute.
#[inline]
pub(crate) fn is_continuation(line: &[u8]) -> bool {
    matches!(line.first(), Some(b' ' | b'\t' | b'+'))
}

/// Whether a line inside an object is a whole-line comment.
#[inline]
pub(crate) fn is_comment_line(line: &[u8]) -> bool {
    matches!(line.first(), Some(b'%' | b'#'))
}

impl<'a> Objects<'a> {
    /// The end (exclusive, before `\n`) of the line starting at `start`.
    #[inline]
    fn line_end(&self, start: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or_default();
        memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| start + i)
    }

    /// The byte offset of the next line to read (the parser's position).
    pub fn offset(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for Objects<'a> {
    type Item = Result<RawObject<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.text.len();
        // Skip blank and comment lines between objects.
        loop {
            if self.pos >= len {
                return None;
            }
            let end = self.line_end(self.pos);
            let line = self.text.get(self.pos..end).unwrap_or_default();
            if !is_skipped_between(line) {
                break;
            }
            self.pos = end + 1;
            self.line += 1;
        }
        let start = self.pos;
        let start_line = self.line;
        let mut end = start;
        // Consume lines up to a blank line or the end. A whitespace-only
        // line that starts with a space or a tab continues the object when
        // the next line that is not such a line is a continuation line
        // (IRRd's samples use that for empty continuation lines).
        let mut ws_ok_until = 0;
        while self.pos < len {
            let e = self.line_end(self.pos);
            let line = self.text.get(self.pos..e).unwrap_or_default();
            if is_blank(line) {
                if !is_ws_continuation(line) {
                    break;
                }
                if self.pos >= ws_ok_until {
                    // Look past the run of such lines, once per run.
                    let mut p = e + 1;
                    let mut next: &[u8] = &[];
                    while p < len {
                        let e2 = self.line_end(p);
                        let l2 = self.text.get(p..e2).unwrap_or_default();
                        if !is_ws_continuation(l2) {
                            next = l2;
                            break;
                        }
                        p = e2 + 1;
                    }
                    if !is_continuation(next) || is_blank(next) {
                        break;
                    }
                    ws_ok_until = p;
                }
            }
            end = e;
            self.pos = e + 1;
            self.line += 1;
        }
        let text = self.text.get(start..end).unwrap_or_default();
        if is_continuation(text) {
            return Some(Err(ParseError::at(
                start_line,
                1,
                ParseErrorKind::Syntax(
                    "object starts with a continuation line (no attribute to continue)".into(),
                ),
            )));
        }
        Some(Ok(RawObject {
            text,
            line: start_line,
        }))
    }
}

/// One object as it appears in the input: its bytes (from its first line to
/// the end of its last line, without the final newline) and its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawObject<'a> {
    /// The object's bytes.
    pub text: &'a [u8],
    /// The 1-based line of its first line.
    pub line: usize,
}

impl<'a> RawObject<'a> {
    /// The class name as written (the first attribute's name, not lowercased;
    /// compare with `eq_ignore_ascii_case`). Empty when the first line has
    /// no colon.
    pub fn class_name(&self) -> &'a [u8] {
        let first = first_line(self.text);
        match memchr::memchr(b':', first) {
            Some(i) => trim_end(first.get(..i).unwrap_or_default()),
            None => &[],
        }
    }

    /// Whether this is a legacy deleted object (`*xxte:`, `*xxset:`: a
    /// class name starting with `*`, an artifact of old RADB/JPIRR dumps).
    pub fn is_deleted(&self) -> bool {
        self.text.first() == Some(&b'*')
    }

    /// The attributes, in order.
    pub fn attributes(&self) -> RawAttributes<'a> {
        RawAttributes {
            text: self.text,
            pos: 0,
            line: self.line,
            first: true,
            cached: (usize::MAX, 0),
            utf8: None,
        }
    }

    /// The attributes, with the object's UTF-8 validity checked once up
    /// front (so [`RawAttribute::text`] needs no per-value check).
    pub(crate) fn attributes_checked(&self) -> RawAttributes<'a> {
        let mut it = self.attributes();
        it.utf8 = std::str::from_utf8(self.text).ok();
        it
    }

    /// The owned object: names lowercased, values cleaned as
    /// [`Attribute::value`] documents.
    pub fn to_object(&self) -> Result<RpslObject, ParseError> {
        let mut attributes = Vec::new();
        for a in self.attributes_checked() {
            let a = a?;
            attributes.push(a.to_attribute());
        }
        if attributes.is_empty() {
            return Err(ParseError::at(
                self.line,
                1,
                ParseErrorKind::Syntax("empty object".into()),
            ));
        }
        Ok(RpslObject {
            attributes,
            line: self.line,
        })
    }
}

#[inline]
fn first_line(text: &[u8]) -> &[u8] {
    match memchr::memchr(b'\n', text) {
        Some(i) => text.get(..i).unwrap_or_default(),
        None => text,
    }
}

#[inline]
fn trim_end(mut s: &[u8]) -> &[u8] {
    while let [rest @ .., last] = s {
        if last.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

#[inline]
fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// Whether an attribute name is well formed: `[A-Za-z0-9_-]+`, optionally
/// after a `*` (legacy deleted objects; the caller decides about those).
pub(crate) fn valid_attribute_name(name: &[u8]) -> bool {
    let body = name.strip_prefix(b"*").unwrap_or(name);
    !body.is_empty()
        && body
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
}

/// The attributes of a [`RawObject`] (see [`RawObject::attributes`]).
#[derive(Clone, Debug)]
pub struct RawAttributes<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    first: bool,
    /// The last (line start, line end) found.
    cached: (usize, usize),
    /// The whole object as `&str` when it is valid UTF-8 (checked once per
    /// object by [`RawObject::to_object`], so values need no check).
    utf8: Option<&'a str>,
}

impl<'a> RawAttributes<'a> {
    /// The end of the line at `start`; the look-ahead's last answer is
    /// reused so each line is scanned once.
    #[inline]
    fn line_end(&mut self, start: usize) -> usize {
        if self.cached.0 == start && self.cached.1 >= start {
            return self.cached.1;
        }
        let rest = self.text.get(start..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| start + i);
        self.cached = (start, end);
        end
    }
}

impl<'a> Iterator for RawAttributes<'a> {
    type Item = Result<RawAttribute<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.text.len();
        // Skip whole-line comments before an attribute.
        let (start, end, line) = loop {
            if self.pos >= len {
                return None;
            }
            let end = self.line_end(self.pos);
            let line = self.text.get(self.pos..end).unwrap_or_default();
            let here = (self.pos, end, self.line);
            self.pos = end + 1;
            self.line += 1;
            if is_comment_line(line) {
                continue;
            }
            break here;
        };
        let first = std::mem::replace(&mut self.first, false);
        let line_bytes = self.text.get(start..end).unwrap_or_default();
        if is_continuation(line_bytes) {
            // Only reachable when a comment line precedes it at the start.
            return Some(Err(ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax("continuation line without an attribute".into()),
            )));
        }
        let Some(colon) = memchr::memchr(b':', line_bytes) else {
            self.pos = len;
            return Some(Err(ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax(format!(
                    "line is neither an attribute nor a continuation: {:?}",
                    lossy_prefix(line_bytes)
                )),
            )));
        };
        let name = line_bytes.get(..colon).unwrap_or_default();
        if !valid_attribute_name(name) || (!first && name.first() == Some(&b'*')) {
            self.pos = len;
            return Some(Err(ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax(format!(
                    "invalid attribute name {:?} (expected letters, digits, '-' and '_')",
                    lossy_prefix(name)
                )),
            )));
        }
        // Take the continuation (and interleaved comment) lines.
        let mut value_end = end;
        while self.pos < len {
            let e = self.line_end(self.pos);
            let next = self.text.get(self.pos..e).unwrap_or_default();
            if is_continuation(next) || is_comment_line(next) {
                value_end = e;
                self.pos = e + 1;
                self.line += 1;
            } else {
                break;
            }
        }
        let value = self
            .text
            .get(start + colon + 1..value_end)
            .unwrap_or_default();
        let start = start + colon + 1;
        Some(Ok(RawAttribute {
            name,
            value,
            line,
            src: self.utf8.map(|s| (s, start)),
            multiline: value_end != end,
        }))
    }
}

fn lossy_prefix(b: &[u8]) -> String {
    let b = b.get(..b.len().min(64)).unwrap_or(b);
    String::from_utf8_lossy(b).into_owned()
}

/// One attribute as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawAttribute<'a> {
    /// The name as written (not lowercased).
    pub name: &'a [u8],
    /// The raw bytes after the colon through the end of its last
    /// continuation line (comments, `\r` and continuation markers included).
    pub value: &'a [u8],
    /// The 1-based line of the attribute name.
    pub line: usize,
    /// The object as `&str` (when known to be UTF-8) and the offset of
    /// `value` in it.
    src: Option<(&'a str, usize)>,
    /// Whether continuation (or comment) lines follow the first line.
    multiline: bool,
}

impl<'a> RawAttribute<'a> {
    /// A value sub-slice as `&str`: from the checked object text when
    /// known, else checked here (Latin-1 when not UTF-8).
    #[inline]
    fn decode_part(&self, part: &'a [u8]) -> Cow<'a, str> {
        if let Some((s, off)) = self.src {
            let rel = (part.as_ptr() as usize).wrapping_sub(self.value.as_ptr() as usize);
            if let Some(t) = s.get(off + rel..off + rel + part.len()) {
                return Cow::Borrowed(t);
            }
        }
        decode(part)
    }

    /// Whether the name equals `name`, ignoring ASCII case.
    #[inline]
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The first token of the first line, with any `#` comment removed
    /// (empty when none). Cheap: no allocation, one line scanned.
    #[inline]
    pub fn first_word(&self) -> &'a [u8] {
        let line = trim_start(first_line(self.value));
        let end = line
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'#')
            .unwrap_or(line.len());
        line.get(..end).unwrap_or_default()
    }

    /// The cleaned value, as [`Attribute::value`] documents: each line
    /// trimmed, `#` comments removed, continuation markers dropped, empty
    /// lines dropped, lines joined by `\n`. Invalid UTF-8 is decoded as
    /// Latin-1 (per value). Borrowed when the value is one clean line.
    pub fn text(&self) -> Cow<'a, str> {
        // Fast path: a single line.
        if !self.multiline {
            return self.decode_part(clean_line(self.value));
        }
        let Some(nl) = memchr::memchr(b'\n', self.value) else {
            return self.decode_part(clean_line(self.value));
        };
        let first = clean_line(self.value.get(..nl).unwrap_or_default());
        let lines = self
            .value
            .get(nl + 1..)
            .unwrap_or_default()
            .split(|b| *b == b'\n');
        let mut out: Vec<u8> = Vec::with_capacity(self.value.len());
        if !first.is_empty() {
            out.extend_from_slice(first);
        }
        for l in lines {
            if is_comment_line(l) {
                continue;
            }
            let body = match l.first() {
                Some(b' ' | b'\t' | b'+') => l.get(1..).unwrap_or_default(),
                _ => l,
            };
            let c = clean_line(body);
            if c.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(b'\n');
            }
            out.extend_from_slice(c);
        }
        match String::from_utf8(out) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(latin1(e.as_bytes())),
        }
    }

    /// The owned attribute (name lowercased, value cleaned).
    pub fn to_attribute(&self) -> Attribute {
        Attribute {
            name: lower_name(self.name),
            value: self.text().into_owned(),
            line: self.line,
        }
    }
}

/// The lowercased name as a `String` (names are ASCII by construction).
pub(crate) fn lower_name(name: &[u8]) -> String {
    if !name.iter().any(u8::is_ascii_uppercase) {
        if let Ok(s) = std::str::from_utf8(name) {
            return s.to_owned();
        }
    }
    name.iter()
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Removes a `#` comment and surrounding whitespace from one line.
#[inline]
fn clean_line(line: &[u8]) -> &[u8] {
    let line = match memchr::memchr(b'#', line) {
        Some(i) => line.get(..i).unwrap_or_default(),
        None => line,
    };
    trim_end(trim_start(line))
}

/// UTF-8 if valid, otherwise Latin-1.
#[inline]
fn decode(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(latin1(b)),
    }
}

/// Decodes bytes as ISO-8859-1.
pub(crate) fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| char::from(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_objects_and_lines() {
        let t = b"% comment\n# c\n\nroute: 192.0.2.0/24\norigin: AS1\n\n \t\n\naut-num: AS1\r\nas-name: X";
        let objs: Vec<_> = objects(t).collect::<Result<_, _>>().unwrap();
        assert_eq!(objs.len(), 2);
        assert_eq!(objs[0].line, 4);
        assert_eq!(objs[0].class_name(), b"route");
        assert_eq!(objs[1].line, 9);
        assert_eq!(objs[1].text, b"aut-num: AS1\r\nas-name: X");
        let attrs: Vec<_> = objs[1].attributes().collect::<Result<_, _>>().unwrap();
        assert_eq!(attrs[0].text(), "AS1");
        assert_eq!(attrs[1].line, 10);
    }

    #[test]
    fn continuation_and_comments() {
        let t = b"descr: a  # c\n b\n+\n\tc # x\n# whole\n+ d\nsource: X";
        let o = objects(t).next().unwrap().unwrap();
        let a: Vec<_> = o.attributes().collect::<Result<_, _>>().unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].text(), "a\nb\nc\nd");
        assert_eq!(a[0].first_word(), b"a");
        assert_eq!(a[1].line, 7);
    }

    #[test]
    fn latin1_values() {
        let t = b"person: Jos\xe9\nsource: X\n";
        let o = objects(t).next().unwrap().unwrap().to_object().unwrap();
        assert_eq!(o.key(), "Jos\u{e9}");
    }

    #[test]
    fn syntax_errors() {
        let o = objects(b"route: x\nor\nsource: X").next().unwrap().unwrap();
        let e = o.to_object().unwrap_err();
        assert_eq!(e.line(), 2);
        let o = objects(b"route: x\n$$-by: y").next().unwrap().unwrap();
        assert_eq!(o.to_object().unwrap_err().line(), 2);
        assert!(objects(b"\n  x: y\n").next().unwrap().is_err());
    }
}
