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
    /// The byte offset of the next line to read (the parser's position).
    pub fn offset(&self) -> usize {
        self.pos
    }
}

/// Whether a byte may start a line that [`is_skipped_between`] skips
/// (every other first byte starts an object).
#[inline]
fn may_skip(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c | b'\n' | b'%' | b'#')
}

/// The end (exclusive, before its `\n`) of the line starting at `start`.
#[inline]
pub(crate) fn line_end(text: &[u8], start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    memchr::memchr(b'\n', rest).map_or(text.len(), |i| start + i)
}

/// The start of the first line at or after `pos` that is not skipped
/// between objects (blank, `%` or `#` lines), and how many lines were
/// skipped; `text.len()` when none is left.
#[inline]
pub(crate) fn skip_between(text: &[u8], mut pos: usize) -> (usize, usize) {
    let mut skipped = 0;
    while let Some(&b) = text.get(pos) {
        if !may_skip(b) {
            break;
        }
        if b == b'\n' {
            // An empty line (the usual one between objects).
            pos += 1;
            skipped += 1;
            continue;
        }
        let end = line_end(text, pos);
        if !is_skipped_between(text.get(pos..end).unwrap_or_default()) {
            break;
        }
        pos = end + 1;
        skipped += 1;
    }
    (pos.min(text.len()), skipped)
}

/// The end (exclusive, before the final `\n`) of the object whose first
/// line starts at `start` (a line that is not skipped between objects):
/// the end of the last line before a blank line that ends it, or of the
/// text. Follows the rules of [`objects`]; the IRR database uses it too,
/// so both agree on object boundaries.
///
/// Fast path: the object usually ends at the next `\n\n`, found by a SIMD
/// search; the bytes before it are only looked at line by line when one
/// could start a blank line (a `\r`, `\x0b` or `\x0c` anywhere, or a line
/// starting with a space or a tab that holds only whitespace). The search
/// goes [`END_WINDOW`] bytes at a time, so the work stays linear in the
/// object's size even when blank lines are not empty (CRLF dumps).
#[inline]
pub(crate) fn object_end(text: &[u8], start: usize) -> usize {
    let f = finders();
    let mut from = start;
    loop {
        let rest = text.get(from..).unwrap_or_default();
        let last = rest.len() <= END_WINDOW;
        let window = rest.get(..END_WINDOW).unwrap_or(rest);
        if let Some(i) = f.empty_line.find(window) {
            let body = window.get(..i).unwrap_or_default();
            if maybe_blank_inside(f, body) {
                return object_end_lines(text, start);
            }
            return from + i;
        }
        if maybe_blank_inside(f, window) {
            return object_end_lines(text, start);
        }
        if last {
            // The last object: up to the end, without a final newline.
            return from + window.strip_suffix(b"\n").unwrap_or(window).len();
        }
        // The next window starts at this one's last byte, so a `\n\n` or a
        // `\n ` across the boundary is seen.
        from += window.len().saturating_sub(1).max(1);
    }
}

/// The bytes [`object_end`] searches at a time.
#[cfg(not(test))]
const END_WINDOW: usize = 16 * 1024;
/// Small in unit tests, so the proptests cross window boundaries.
#[cfg(test)]
const END_WINDOW: usize = 8;

/// The substring searchers of [`object_end`], built once.
struct Finders {
    /// `\n\n`: an empty line.
    empty_line: memchr::memmem::Finder<'static>,
    /// `\n `: a line starting with a space.
    space_line: memchr::memmem::Finder<'static>,
    /// `\n\t`: a line starting with a tab.
    tab_line: memchr::memmem::Finder<'static>,
}

#[inline]
fn finders() -> &'static Finders {
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| Finders {
        empty_line: memchr::memmem::Finder::new(b"\n\n"),
        space_line: memchr::memmem::Finder::new(b"\n "),
        tab_line: memchr::memmem::Finder::new(b"\n\t"),
    })
}

/// Whether a line of `body` after the first may be blank: one starts with
/// `\r`, `\x0b` or `\x0c` (checked coarsely: the byte anywhere), or with a
/// space or a tab and holds only whitespace. SIMD searches: no per-line
/// work but for lines starting with a space or a tab.
#[inline]
fn maybe_blank_inside(f: &Finders, body: &[u8]) -> bool {
    if memchr::memchr3(b'\r', 0x0b, 0x0c, body).is_some() {
        return true;
    }
    for finder in [&f.space_line, &f.tab_line] {
        for i in finder.find_iter(body) {
            let line = body.get(i + 1..).unwrap_or_default();
            let line = match memchr::memchr(b'\n', line) {
                Some(e) => line.get(..e).unwrap_or_default(),
                None => line,
            };
            if is_blank(line) {
                return true;
            }
        }
    }
    false
}

/// The error for an object whose first line is a continuation line.
pub(crate) fn continuation_start(line: usize) -> ParseError {
    ParseError::at(
        line,
        1,
        ParseErrorKind::Syntax(
            "object starts with a continuation line (no attribute to continue)".into(),
        ),
    )
}

/// [`object_end`], line by line.
fn object_end_lines(text: &[u8], start: usize) -> usize {
    let len = text.len();
    let mut pos = start;
    let mut end = start;
    // Consume lines up to a blank line or the end. A whitespace-only line
    // that starts with a space or a tab continues the object when the next
    // line that is not such a line is a continuation line (IRRd's samples
    // use that for empty continuation lines).
    let mut ws_ok_until = 0;
    while pos < len {
        let e = line_end(text, pos);
        let line = text.get(pos..e).unwrap_or_default();
        if is_blank(line) {
            if !is_ws_continuation(line) {
                break;
            }
            if pos >= ws_ok_until {
                // Look past the run of such lines, once per run.
                let mut p = e + 1;
                let mut next: &[u8] = &[];
                while p < len {
                    let e2 = line_end(text, p);
                    let l2 = text.get(p..e2).unwrap_or_default();
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
        pos = e + 1;
    }
    end
}

impl<'a> Iterator for Objects<'a> {
    type Item = Result<RawObject<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Skip blank and comment lines between objects.
        let (start, skipped) = skip_between(self.text, self.pos);
        self.line += skipped;
        if start >= self.text.len() {
            self.pos = start;
            return None;
        }
        let start_line = self.line;
        let end = object_end(self.text, start).max(start);
        let text = self.text.get(start..end).unwrap_or_default();
        // The lines of the object, and the blank line after it.
        self.line += memchr::memchr_iter(b'\n', text).count() + 1;
        self.pos = end + 1;
        if is_continuation(text) {
            return Some(Err(continuation_start(start_line)));
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

    /// The attributes, in order. The object's UTF-8 validity is checked
    /// once here, so [`RawAttribute::text`] needs no per-value check.
    pub fn attributes(&self) -> RawAttributes<'a> {
        RawAttributes {
            text: self.text,
            pos: 0,
            line: self.line,
            first: true,
            utf8: std::str::from_utf8(self.text).ok(),
        }
    }

    /// The attributes (the same as [`RawObject::attributes`]).
    #[inline]
    pub(crate) fn attributes_checked(&self) -> RawAttributes<'a> {
        self.attributes()
    }

    /// The owned object: names lowercased, values cleaned as
    /// [`Attribute::value`] documents.
    pub fn to_object(&self) -> Result<RpslObject, ParseError> {
        // At most one attribute per line.
        let lines = memchr::memchr_iter(b'\n', self.text).count() + 1;
        let mut attributes = Vec::with_capacity(lines.min(64));
        for a in self.attributes() {
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
    // Values are often aligned with runs of spaces: skip 8 at a time.
    while let Some((chunk, rest)) = s.split_first_chunk::<8>() {
        if *chunk != [b' '; 8] {
            break;
        }
        s = rest;
    }
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// The attributes of a [`RawObject`] (see [`RawObject::attributes`]).
#[derive(Clone, Debug)]
pub struct RawAttributes<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    first: bool,
    /// The whole object as `&str` when it is valid UTF-8 (checked once per
    /// object, so values need no check).
    utf8: Option<&'a str>,
}

/// Whether a byte may appear in an attribute name.
#[inline]
fn name_byte(b: u8) -> bool {
    matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_')
}

/// The offset of the colon ending a well-formed attribute name at the start
/// of `line` (`[A-Za-z0-9_-]+`, after an optional `*` when `star_ok`), or
/// `None` (then the caller looks at the line the slow way).
#[inline]
pub(crate) fn attribute_colon(line: &[u8], star_ok: bool) -> Option<usize> {
    let skip = usize::from(star_ok && line.first() == Some(&b'*'));
    let body = line.get(skip..)?;
    let n = body.iter().position(|b| !name_byte(*b))?;
    (n > 0 && body.get(n) == Some(&b':')).then_some(skip + n)
}

impl<'a> RawAttributes<'a> {
    /// The error for the line at `start` when it is not `name: value`.
    #[cold]
    fn bad_line(&mut self, start: usize, line: usize) -> ParseError {
        let end = line_end(self.text, start);
        let line_bytes = self.text.get(start..end).unwrap_or_default();
        self.pos = self.text.len();
        match memchr::memchr(b':', line_bytes) {
            None => ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax(format!(
                    "line is neither an attribute nor a continuation: {:?}",
                    lossy_prefix(line_bytes)
                )),
            ),
            Some(colon) => ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax(format!(
                    "invalid attribute name {:?} (expected letters, digits, '-' and '_')",
                    lossy_prefix(line_bytes.get(..colon).unwrap_or_default())
                )),
            ),
        }
    }
}

impl<'a> Iterator for RawAttributes<'a> {
    type Item = Result<RawAttribute<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let len = text.len();
        // Skip whole-line comments before an attribute.
        let (start, line) = loop {
            let first = *text.get(self.pos)?;
            let here = (self.pos, self.line);
            if matches!(first, b'%' | b'#') {
                self.pos = line_end(text, self.pos) + 1;
                self.line += 1;
                continue;
            }
            break here;
        };
        let first = std::mem::replace(&mut self.first, false);
        let rest = text.get(start..).unwrap_or_default();
        if is_continuation(rest) {
            // Only reachable when a comment line precedes it at the start.
            self.pos = line_end(text, start) + 1;
            self.line += 1;
            return Some(Err(ParseError::at(
                line,
                1,
                ParseErrorKind::Syntax("continuation line without an attribute".into()),
            )));
        }
        let Some(colon) = attribute_colon(rest, first) else {
            return Some(Err(self.bad_line(start, line)));
        };
        let name = rest.get(..colon).unwrap_or_default();
        let vstart = start + colon + 1;
        // The first line's end, and whether it holds a `#`.
        let after = text.get(vstart..).unwrap_or_default();
        let (end, hash) = match memchr::memchr2(b'\n', b'#', after) {
            Some(i) if after.get(i) == Some(&b'#') => (line_end(text, vstart + i), true),
            Some(i) => (vstart + i, false),
            None => (len, false),
        };
        self.pos = end + 1;
        self.line += 1;
        // Take the continuation (and interleaved comment) lines.
        let mut value_end = end;
        while let Some(&b) = text.get(self.pos) {
            if !matches!(b, b' ' | b'\t' | b'+' | b'%' | b'#') {
                break;
            }
            value_end = line_end(text, self.pos);
            self.pos = value_end + 1;
            self.line += 1;
        }
        let value = text.get(vstart..value_end).unwrap_or_default();
        Some(Ok(RawAttribute {
            name,
            value,
            line,
            src: self.utf8.and_then(|s| s.get(vstart..value_end)),
            multiline: value_end != end,
            hash,
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
    /// `value` as `&str`, when the object is known to be UTF-8.
    src: Option<&'a str>,
    /// Whether continuation (or comment) lines follow the first line.
    multiline: bool,
    /// Whether the first line holds a `#`.
    hash: bool,
}

impl<'a> RawAttribute<'a> {
    /// A value sub-slice as `&str`: from the checked object text when
    /// known, else checked here (Latin-1 when not UTF-8).
    #[inline]
    fn decode_part(&self, part: &'a [u8]) -> Cow<'a, str> {
        if let Some(s) = self.src {
            let rel = (part.as_ptr() as usize).wrapping_sub(self.value.as_ptr() as usize);
            if let Some(t) = s.get(rel..rel + part.len()) {
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
        let line = if self.multiline {
            first_line(self.value)
        } else {
            self.value
        };
        let line = trim_start(line);
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
    #[inline]
    pub fn text(&self) -> Cow<'a, str> {
        // Fast path: a single line.
        if !self.multiline {
            if !self.hash {
                return self.decode_part(trim_end(trim_start(self.value)));
            }
            return self.decode_part(clean_line(self.value));
        }
        self.text_lines()
    }

    /// [`RawAttribute::text`] of a value with continuation lines.
    #[inline(never)]
    fn text_lines(&self) -> Cow<'a, str> {
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
pub(crate) fn clean_line(line: &[u8]) -> &[u8] {
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
    /// The lexer before its fast paths, line by line: the reference the
    /// proptest compares with.
    mod reference {
        use super::super::{is_blank, is_comment_line, is_continuation, is_ws_continuation};

        fn lines(text: &[u8]) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut pos = 0;
            while pos < text.len() {
                let e = memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |i| pos + i);
                out.push((pos, e));
                pos = e + 1;
            }
            out
        }

        /// (line, object text) per object, or the line of a
        /// continuation-start error.
        pub fn objects(text: &[u8]) -> Vec<Result<(usize, Vec<u8>), usize>> {
            let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
            let ls = lines(text);
            let mut out = Vec::new();
            let mut i = 0;
            while i < ls.len() {
                let (s, e) = ls[i];
                let l = &text[s..e];
                if matches!(l.first(), Some(b'%' | b'#')) || is_blank(l) {
                    i += 1;
                    continue;
                }
                let first = i;
                let mut last = i;
                while i < ls.len() {
                    let (s, e) = ls[i];
                    let l = &text[s..e];
                    if is_blank(l) {
                        if !is_ws_continuation(l) {
                            break;
                        }
                        let mut j = i + 1;
                        while j < ls.len() && is_ws_continuation(&text[ls[j].0..ls[j].1]) {
                            j += 1;
                        }
                        let next: &[u8] = ls.get(j).map_or(&[], |&(s, e)| &text[s..e]);
                        if !is_continuation(next) || is_blank(next) {
                            break;
                        }
                    }
                    last = i;
                    i += 1;
                }
                let body = text[ls[first].0..ls[last].1].to_vec();
                if is_continuation(&body) {
                    out.push(Err(first + 1));
                } else {
                    out.push(Ok((first + 1, body)));
                }
            }
            out
        }

        /// (name, value, line) of an attribute.
        pub type Attr = (Vec<u8>, Vec<u8>, usize);

        /// (name, value, line) per attribute, or an error line.
        pub fn attributes(text: &[u8], line0: usize) -> Vec<Result<Attr, usize>> {
            let ls = lines(text);
            let mut out = Vec::new();
            let mut i = 0;
            let mut first = true;
            while i < ls.len() {
                let (s, e) = ls[i];
                let l = &text[s..e];
                let at = line0 + i;
                i += 1;
                if is_comment_line(l) {
                    continue;
                }
                let was_first = std::mem::replace(&mut first, false);
                if is_continuation(l) {
                    out.push(Err(at));
                    continue;
                }
                let Some(colon) = memchr::memchr(b':', l) else {
                    out.push(Err(at));
                    return out;
                };
                let name = &l[..colon];
                let body = name.strip_prefix(b"*").unwrap_or(name);
                let valid = !body.is_empty()
                    && body
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
                if !valid || (!was_first && name.first() == Some(&b'*')) {
                    out.push(Err(at));
                    return out;
                }
                let mut value_end = e;
                while i < ls.len() {
                    let n = &text[ls[i].0..ls[i].1];
                    if is_continuation(n) || is_comment_line(n) {
                        value_end = ls[i].1;
                        i += 1;
                    } else {
                        break;
                    }
                }
                out.push(Ok((
                    name.to_vec(),
                    text[s + colon + 1..value_end].to_vec(),
                    at,
                )));
            }
            out
        }

        /// The cleaned value, the slow way.
        pub fn clean(value: &[u8]) -> Vec<u8> {
            let mut out: Vec<u8> = Vec::new();
            for (k, l) in value.split(|b| *b == b'\n').enumerate() {
                if k > 0 && is_comment_line(l) {
                    continue;
                }
                let body = match (k, l.first()) {
                    (0, _) => l,
                    (_, Some(b' ' | b'\t' | b'+')) => &l[1..],
                    _ => l,
                };
                let body = match body.iter().position(|b| *b == b'#') {
                    Some(h) => &body[..h],
                    None => body,
                };
                let c = body.trim_ascii();
                if c.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(b'\n');
                }
                out.extend_from_slice(c);
            }
            out
        }
    }

    fn fast(text: &[u8]) -> Vec<Result<(usize, Vec<u8>), usize>> {
        objects(text)
            .map(|o| o.map(|o| (o.line, o.text.to_vec())).map_err(|e| e.line()))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The fast lexer splits and reads exactly like the line-by-line
        /// reference (objects, lines, attributes, cleaned values, errors).
        #[test]
        fn matches_reference(bytes in proptest::collection::vec(
            proptest::sample::select(vec![
                b'\n', b'\n', b'\n', b' ', b' ', b'\t', b'\r', 0x0b, 0x0c, b'#', b'%', b'+',
                b':', b':', b'a', b'a', b'B', b'-', b'*', 0xe9, 0xef, 0xbb, 0xbf,
            ]),
            0..120,
        )) {
            let want = reference::objects(&bytes);
            proptest::prop_assert_eq!(fast(&bytes), want.clone());
            for o in objects(&bytes).flatten() {
                let got: Vec<_> = o
                    .attributes()
                    .map(|a| a.map(|a| (a.name.to_vec(), a.value.to_vec(), a.line)).map_err(|e| e.line()))
                    .collect();
                let want = reference::attributes(o.text, o.line);
                proptest::prop_assert_eq!(&got, &want);
                for a in o.attributes().flatten() {
                    let clean = reference::clean(a.value);
                    let want = match std::str::from_utf8(&clean) {
                        Ok(s) => s.to_owned(),
                        Err(_) => latin1(&clean),
                    };
                    // Latin-1 is decided per object here, per value there:
                    // compare only where the object is UTF-8.
                    if std::str::from_utf8(o.text).is_ok() {
                        proptest::prop_assert_eq!(a.text().into_owned(), want);
                    }
                    let fw = {
                        let l = a.value.split(|b| *b == b'\n').next().unwrap_or_default();
                        let l = l.trim_ascii_start();
                        let e = l.iter().position(|b| b.is_ascii_whitespace() || *b == b'#').unwrap_or(l.len());
                        l[..e].to_vec()
                    };
                    proptest::prop_assert_eq!(a.first_word().to_vec(), fw);
                }
            }
        }
    }
}
