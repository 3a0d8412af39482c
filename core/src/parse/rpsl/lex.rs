//! The zero-copy RPSL lexer: objects, attributes and cleaned values over a
//! byte slice. No allocation per line; line ends are found a word at a time
//! (`memchr` for long lines and long objects).

use std::borrow::Cow;

use crate::model::rpsl::{Attribute, RpslObject};
use crate::parse::rpsl::{RpslError, RpslErrorKind};

/// Splits a dump into objects (see [`objects`]).
#[derive(Clone, Debug)]
pub struct Objects<'a> {
    text: &'a [u8],
    /// `text` as `&str` when the input is known to be UTF-8
    /// ([`objects_str`]): each object's text is then sliced from it, so
    /// [`RawObject::attributes`] needs no UTF-8 check.
    utf8: Option<&'a str>,
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
        utf8: None,
        pos: 0,
        line: 1,
    }
}

/// [`objects`] over text known to be UTF-8: the same objects, lines and
/// errors, but each [`RawObject`] carries its text as `&str`
/// ([`RawObject::known_str`]), so [`RawObject::attributes`] does not
/// validate UTF-8 again for every object. Values are never decoded as
/// Latin-1 here (the input is UTF-8).
pub fn objects_str(text: &str) -> Objects<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Objects {
        text: text.as_bytes(),
        utf8: Some(text),
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

    /// Starts reading the next object in one pass: its attributes are
    /// lexed straight from the dump, and its end is where they end (an
    /// empty line), instead of finding the end first
    /// ([`Iterator::next`]) and lexing the object again. Skips the lines
    /// between objects. `None` at the end of the dump or when the object
    /// starts with a continuation line: then [`Iterator::next`] says what
    /// is there. After the attributes, [`Objects::finish_fused`] gives the
    /// object; when the iterator [`RawAttributes::bailed`] or failed, the
    /// caller drops what it read and calls [`Iterator::next`], which reads
    /// the same object by the full rules.
    pub(crate) fn begin_fused(&mut self) -> Option<RawAttributes<'a>> {
        let (start, skipped) = skip_between(self.text, self.pos);
        self.pos = start;
        self.line += skipped;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        if is_continuation(rest) {
            return None;
        }
        Some(RawAttributes {
            text: self.text,
            pos: start,
            line: self.line,
            first: true,
            utf8: self.utf8,
            fused: true,
            bailed: false,
        })
    }

    /// The object read by a one-pass iterator that ran to its end (no
    /// error, not bailed); moves past it.
    pub(crate) fn finish_fused(&mut self, it: &RawAttributes<'a>) -> RawObject<'a> {
        let start = self.pos;
        let end = it.pos.saturating_sub(1).min(self.text.len()).max(start);
        let line = self.line;
        self.pos = it.pos;
        self.line = it.line;
        RawObject {
            text: self.text.get(start..end).unwrap_or_default(),
            line,
            utf8: self.utf8.and_then(|s| s.get(start..end)),
        }
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

/// Bytes of 0x01 (word-at-a-time byte searches).
const LO: u64 = 0x0101_0101_0101_0101;
/// Bytes of 0x80.
const HI: u64 = 0x8080_8080_8080_8080;

/// A mask whose lowest set bit marks the first byte of `w` (little
/// endian) equal to `b` (higher bits may be false positives).
#[inline(always)]
fn byte_mask(w: u64, b: u8) -> u64 {
    let x = w ^ (LO * u64::from(b));
    x.wrapping_sub(LO) & !x & HI
}

/// The offset of the first `\n` or `b2` in `s`: eight bytes at a time,
/// inline (lines are short: cheaper than a SIMD search's call).
/// The first `WORDS` words only: a longer line goes to a SIMD search.
#[inline(always)]
fn find_nl_or_n<const WORDS: usize>(s: &[u8], b2: u8) -> Option<usize> {
    let mut i = 0;
    while let Some(c) = s.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*c);
        let m = byte_mask(w, b'\n') | byte_mask(w, b2);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
        if i == WORDS * 8 {
            let rest = s.get(i..)?;
            let j = if b2 == b'\n' {
                memchr::memchr(b'\n', rest)
            } else {
                memchr::memchr2(b'\n', b2, rest)
            };
            return j.map(|j| i + j);
        }
    }
    let tail = s.get(i..)?;
    tail.iter()
        .position(|&b| b == b'\n' || b == b2)
        .map(|j| i + j)
}

/// [`find_nl_or_n`] for what follows a value's leading spaces (short).
#[inline(always)]
fn find_nl_or(s: &[u8], b2: u8) -> Option<usize> {
    find_nl_or_n::<4>(s, b2)
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
#[inline]
pub(crate) fn object_end(text: &[u8], start: usize) -> usize {
    object_end_counted(text, start).0
}

/// [`object_end`], and the number of `\n` between `start` and the end.
///
/// One pass over the object, counting lines as it goes: each line end is
/// found eight bytes at a time (a SIMD search past 64 bytes) and only the
/// first byte of the next line is looked at, except when that line could
/// be blank (it starts with whitespace): an empty line or a
/// whitespace-only line starting with `\r`, `\x0b` or `\x0c` ends the
/// object; a whitespace-only line starting with a space or a tab (an empty
/// continuation line when a continuation line follows) sends the object
/// to the line-by-line rules of [`object_end_lines`]. After
/// [`WALK_LINES`] lines (a long object, like a large aut-num) the rest is
/// searched a window at a time by [`object_end_long`].
#[inline]
pub(crate) fn object_end_counted(text: &[u8], start: usize) -> (usize, usize) {
    let rest = text.get(start..).unwrap_or_default();
    let mut newlines = 0;
    let mut from = 0;
    while let Some(j) = rest.get(from..).and_then(|r| find_nl_or_n::<8>(r, b'\n')) {
        let i = from + j;
        from = i + 1;
        if newlines == WALK_LINES {
            // A long object: whole-window searches from this line on.
            let end = object_end_long(text, start, start + i);
            let body = text.get(start..end).unwrap_or_default();
            return (end, memchr::memchr_iter(b'\n', body).count());
        }
        let next = rest.get(i + 1..).unwrap_or_default();
        match next.first() {
            None | Some(b'\n') => return (start + i, newlines),
            Some(&b @ (b' ' | b'\t' | b'\r' | 0x0b | 0x0c)) => {
                if starts_blank_line(next) {
                    if matches!(b, b' ' | b'\t') {
                        let end = object_end_lines(text, start);
                        let body = text.get(start..end).unwrap_or_default();
                        return (end, memchr::memchr_iter(b'\n', body).count());
                    }
                    return (start + i, newlines);
                }
            }
            Some(_) => {}
        }
        newlines += 1;
    }
    (text.len(), newlines)
}

/// The lines [`object_end_counted`] walks one by one before it switches
/// to whole-window searches ([`object_end_long`]).
#[cfg(not(test))]
const WALK_LINES: usize = 48;
/// Small in unit tests, so the proptests take both paths.
#[cfg(test)]
const WALK_LINES: usize = 2;

/// [`object_end`] of a long object, from `from` (the start of a line
/// known not to be blank, or the `\n` before one) on: the object usually
/// ends at the next `\n\n`, found by a SIMD search; the bytes before it
/// are only looked at line by line when one could start a blank line (a
/// `\r`, `\x0b` or `\x0c` anywhere, or a line starting with a space or a
/// tab that holds only whitespace). The search goes [`END_WINDOW`] bytes
/// at a time, so the work stays linear in the object's size even when
/// blank lines are not empty (CRLF dumps).
fn object_end_long(text: &[u8], start: usize, mut from: usize) -> usize {
    let f = finders();
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

/// Whether the line at the start of `rest` holds only whitespace (scanned
/// up to its first other byte, without looking for the line end first).
#[inline]
fn starts_blank_line(rest: &[u8]) -> bool {
    for &b in rest {
        match b {
            b'\n' => return true,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {}
            _ => return false,
        }
    }
    true
}

/// The error for an object whose first line is a continuation line.
pub(crate) fn continuation_start(line: usize) -> RpslError {
    RpslError::at(
        line,
        1,
        RpslErrorKind::Syntax(
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
    type Item = Result<RawObject<'a>, RpslError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        // Skip blank and comment lines between objects.
        let (start, skipped) = skip_between(self.text, self.pos);
        self.line += skipped;
        if start >= self.text.len() {
            self.pos = start;
            return None;
        }
        let start_line = self.line;
        let (end, newlines) = object_end_counted(self.text, start);
        let end = end.max(start);
        let text = self.text.get(start..end).unwrap_or_default();
        // The lines of the object, and the blank line after it.
        self.line += newlines + 1;
        self.pos = end + 1;
        if is_continuation(text) {
            return Some(Err(continuation_start(start_line)));
        }
        // Objects start and end at line boundaries (after or before a
        // `\n`, or at the ends of the text): char boundaries, so `get`
        // (an O(1) boundary check) always succeeds on UTF-8 input.
        let utf8 = self.utf8.and_then(|s| s.get(start..end));
        Some(Ok(RawObject {
            text,
            line: start_line,
            utf8,
        }))
    }
}

/// One object as it appears in the input: its bytes (from its first line to
/// the end of its last line, without the final newline) and its line.
///
/// Equality compares `text` and `line` only (not whether the text is
/// known to be UTF-8).
#[derive(Clone, Copy)]
pub struct RawObject<'a> {
    /// The object's bytes.
    pub text: &'a [u8],
    /// The 1-based line of its first line.
    pub line: usize,
    /// `text` as `&str` when known to be UTF-8 without a check (from
    /// [`objects_str`] or [`RawObject::from_str`]). Only used while it is
    /// still the same slice as `text` (the fields are public).
    utf8: Option<&'a str>,
}

impl PartialEq for RawObject<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.line == other.line
    }
}

impl Eq for RawObject<'_> {}

impl std::fmt::Debug for RawObject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawObject")
            .field("text", &self.text)
            .field("line", &self.line)
            .finish()
    }
}

impl<'a> RawObject<'a> {
    /// An object from its bytes and the 1-based line of its first line
    /// (as [`objects`] yields it). Its UTF-8 validity is checked by
    /// [`RawObject::attributes`], once per call.
    pub fn new(text: &'a [u8], line: usize) -> RawObject<'a> {
        RawObject {
            text,
            line,
            utf8: None,
        }
    }

    /// An object from text known to be UTF-8 and the 1-based line of its
    /// first line (as [`objects_str`] yields it): no UTF-8 check later.
    pub fn from_str(text: &'a str, line: usize) -> RawObject<'a> {
        RawObject {
            text: text.as_bytes(),
            line,
            utf8: Some(text),
        }
    }

    /// The text as `&str` when it is known to be UTF-8 without a check
    /// (the object came from [`objects_str`] or [`RawObject::from_str`]);
    /// `None` otherwise (even when the bytes happen to be UTF-8).
    #[inline]
    pub fn known_str(&self) -> Option<&'a str> {
        // The same slice as `text` (address and length): `text` may have
        // been replaced since.
        self.utf8.filter(|s| std::ptr::eq(s.as_bytes(), self.text))
    }

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
    /// once here (not at all when it is already known, see
    /// [`RawObject::known_str`]), so [`RawAttribute::text`] needs no
    /// per-value check.
    pub fn attributes(&self) -> RawAttributes<'a> {
        let utf8 = match self.known_str() {
            Some(s) => Some(s),
            None => std::str::from_utf8(self.text).ok(),
        };
        RawAttributes {
            text: self.text,
            pos: 0,
            line: self.line,
            first: true,
            utf8,
            fused: false,
            bailed: false,
        }
    }

    /// The owned object: names lowercased, values cleaned as
    /// [`Attribute::value`] documents.
    pub fn to_object(&self) -> Result<RpslObject, RpslError> {
        // At most one attribute per line.
        let lines = memchr::memchr_iter(b'\n', self.text).count() + 1;
        let mut attributes = Vec::with_capacity(lines.min(64));
        let mut it = self.attributes();
        let mut err = None;
        while let Some(a) = it.next_attr(&mut err) {
            attributes.push(a.to_attribute());
        }
        if let Some(e) = err {
            return Err(e);
        }
        if attributes.is_empty() {
            return Err(RpslError::at(
                self.line,
                1,
                RpslErrorKind::Syntax("empty object".into()),
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
    /// One-pass mode ([`Objects::begin_fused`]): `text` is the rest of the
    /// dump and the object ends at an empty line; anything the object
    /// rules decide line by line makes the iterator give up (`bailed`).
    fused: bool,
    /// The one-pass iterator met what it leaves to [`Objects::next`].
    bailed: bool,
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
    // Eight bytes at a time: the first byte that is not a name byte.
    let mut i = 0;
    let n = loop {
        match body.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            Some(c) => {
                let bad = not_name_bytes(u64::from_le_bytes(*c));
                if bad != 0 {
                    break i + (bad.trailing_zeros() / 8) as usize;
                }
                i += 8;
            }
            None => {
                let tail = body.get(i..)?;
                break i + tail.iter().position(|b| !name_byte(*b))?;
            }
        }
    };
    (n > 0 && body.get(n) == Some(&b':')).then_some(skip + n)
}

/// 0x80 in each byte of `w` that is not a name byte (`[A-Za-z0-9_-]`),
/// exactly (no carries between bytes).
#[inline(always)]
fn not_name_bytes(w: u64) -> u64 {
    const L7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let a = w & L7;
    // 0x80 in bytes of `x` (each < 0x80) that are >= `lo`.
    let ge = |x: u64, lo: u8| x.wrapping_add(LO * u64::from(0x80 - lo)) & HI;
    let l = a | (LO * 0x20);
    let digit = ge(a, b'0') & !ge(a, b'9' + 1);
    let alpha = ge(l, b'a') & !ge(l, b'z' + 1);
    let dash = ge(a, b'-') & !ge(a, b'-' + 1);
    let under = ge(a, b'_') & !ge(a, b'_' + 1);
    let ok = (digit | alpha | dash | under) & !(w & HI);
    !ok & HI
}

impl<'a> RawAttributes<'a> {
    /// The error for the line at `start` when it is not `name: value`.
    #[cold]
    fn bad_line(&mut self, start: usize, line: usize) -> RpslError {
        let end = line_end(self.text, start);
        let line_bytes = self.text.get(start..end).unwrap_or_default();
        self.pos = self.text.len();
        match memchr::memchr(b':', line_bytes) {
            None => RpslError::at(
                line,
                1,
                RpslErrorKind::Syntax(format!(
                    "line is neither an attribute nor a continuation: {:?}",
                    lossy_prefix(line_bytes)
                )),
            ),
            Some(colon) => RpslError::at(
                line,
                1,
                RpslErrorKind::Syntax(format!(
                    "invalid attribute name {:?} (expected letters, digits, '-' and '_')",
                    lossy_prefix(line_bytes.get(..colon).unwrap_or_default())
                )),
            ),
        }
    }
}

impl<'a> Iterator for RawAttributes<'a> {
    type Item = Result<RawAttribute<'a>, RpslError>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let mut err = None;
        match self.next_attr(&mut err) {
            Some(a) => Some(Ok(a)),
            None => err.map(Err),
        }
    }
}

impl<'a> RawAttributes<'a> {
    /// The next attribute; `None` at the end or on an error, which is then
    /// put in `err` (the iterator goes on after it as [`Iterator::next`]
    /// does). For the crate's own loops: a plain `Option` stays in
    /// registers where the `Result` with its large error is moved through
    /// memory.
    #[inline(always)]
    pub(crate) fn next_attr(&mut self, err: &mut Option<RpslError>) -> Option<RawAttribute<'a>> {
        let text = self.text;
        let len = text.len();
        if matches!(text.get(self.pos), Some(b'%' | b'#')) {
            self.skip_comment_lines();
        }
        let (start, line) = (self.pos, self.line);
        if start >= len {
            return None;
        }
        if self.fused && self.fused_stop(start) {
            return None;
        }
        let rest = text.get(start..)?;
        let first = std::mem::replace(&mut self.first, false);
        let Some(colon) = attribute_colon(rest, first) else {
            *err = Some(self.not_an_attribute(start, line));
            return None;
        };
        let name = rest.get(..colon).unwrap_or_default();
        let vstart = start + colon + 1;
        // The first line: leading whitespace skipped, then its end and
        // whether it holds a `#` (one search).
        let after = text.get(vstart..).unwrap_or_default();
        let fstart = vstart + (after.len() - skip_line_space(after).len());
        let tail = text.get(fstart..).unwrap_or_default();
        let (fend, end) = match find_nl_or(tail, b'#') {
            Some(i) if tail.get(i) == Some(&b'#') => (fstart + i, line_end(text, fstart + i)),
            Some(i) => (fstart + i, fstart + i),
            None => (len, len),
        };
        let first_clean = trim_end(text.get(fstart..fend).unwrap_or_default());
        self.pos = end + 1;
        self.line += 1;
        // Take the continuation (and interleaved comment) lines.
        let mut value_end = end;
        if matches!(text.get(self.pos), Some(b' ' | b'\t' | b'+' | b'%' | b'#')) {
            value_end = self.continuation_lines();
        }
        let value = text.get(vstart..value_end).unwrap_or_default();
        let first_str = self
            .utf8
            .and_then(|s| s.get(fstart..fstart + first_clean.len()));
        Some(RawAttribute {
            name,
            value,
            line,
            first: match first_str {
                Some(s) => Ok(s),
                None => Err(first_clean),
            },
            multiline: value_end != end,
        })
    }

    /// One-pass mode, at the start of a line that is not a comment:
    /// whether the attributes end here: at an empty line or a blank line
    /// starting with `\r`, `\x0b` or `\x0c` (the object's end, as
    /// [`objects`] decides: a CRLF dump's separator), or where the object
    /// rules need a closer look (a blank line starting with a space or a
    /// tab, a continuation line after comment lines, a line starting with
    /// `\r`, `\x0b` or `\x0c` that is not blank), or after giving up.
    #[inline]
    fn fused_stop(&mut self, start: usize) -> bool {
        match self.text.get(start) {
            _ if self.bailed => true,
            Some(b'\n') => true,
            Some(b'\r' | 0x0b | 0x0c)
                if starts_blank_line(self.text.get(start..).unwrap_or_default()) =>
            {
                true
            }
            Some(b' ' | b'\t' | b'\r' | 0x0b | 0x0c) => {
                self.bailed = true;
                true
            }
            _ => false,
        }
    }

    /// Whether the one-pass iterator gave up (see [`Objects::begin_fused`]).
    pub(crate) fn bailed(&self) -> bool {
        self.bailed
    }

    /// Skips whole-line comments before an attribute.
    #[inline(never)]
    fn skip_comment_lines(&mut self) {
        while matches!(self.text.get(self.pos), Some(b'%' | b'#')) {
            self.pos = line_end(self.text, self.pos) + 1;
            self.line += 1;
        }
    }

    /// Takes the continuation (and interleaved comment) lines from the
    /// current position; the end of the last one.
    #[inline(never)]
    fn continuation_lines(&mut self) -> usize {
        let text = self.text;
        let mut value_end = self.pos.saturating_sub(1);
        while let Some(&b) = text.get(self.pos) {
            if !matches!(b, b' ' | b'\t' | b'+' | b'%' | b'#') {
                break;
            }
            // One pass: a whitespace-only line may end the object (the
            // rules look further ahead): left to `Objects::next`.
            if self.fused
                && matches!(b, b' ' | b'\t')
                && starts_blank_line(text.get(self.pos..).unwrap_or_default())
            {
                self.bailed = true;
                break;
            }
            value_end = line_end(text, self.pos);
            self.pos = value_end + 1;
            self.line += 1;
        }
        value_end
    }

    /// The error for a line at `start` that does not start an attribute:
    /// a continuation line (only after comment lines at the start of the
    /// object; the iterator goes on after it) or a malformed line (the
    /// iterator stops).
    #[cold]
    #[inline(never)]
    fn not_an_attribute(&mut self, start: usize, line: usize) -> RpslError {
        let rest = self.text.get(start..).unwrap_or_default();
        if is_continuation(rest) {
            self.pos = line_end(self.text, start) + 1;
            self.line += 1;
            return RpslError::at(
                line,
                1,
                RpslErrorKind::Syntax("continuation line without an attribute".into()),
            );
        }
        self.bad_line(start, line)
    }
}

/// `line` without its leading whitespace, within its first line (the
/// bytes [`trim_start`] skips, but not `\n`).
#[inline]
fn skip_line_space(mut s: &[u8]) -> &[u8] {
    // Values are often aligned with runs of spaces: skip 8 at a time.
    while let Some((chunk, rest)) = s.split_first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk) ^ (LO * u64::from(b' '));
        if x != 0 {
            // Skip the leading spaces of this word at once.
            let n = (x.trailing_zeros() / 8) as usize;
            s = s.get(n..).unwrap_or_default();
            break;
        }
        s = rest;
    }
    while let [first, rest @ ..] = s {
        if matches!(first, b' ' | b'\t' | b'\r' | 0x0c) {
            s = rest;
        } else {
            break;
        }
    }
    s
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
    /// The first line of the value cleaned (leading and trailing
    /// whitespace and any `#` comment removed): as `&str` when the object
    /// is known to be UTF-8, else as bytes.
    first: Result<&'a str, &'a [u8]>,
    /// Whether continuation (or comment) lines follow the first line.
    multiline: bool,
}

impl<'a> RawAttribute<'a> {
    /// The cleaned first line as bytes.
    #[inline]
    fn first_bytes(&self) -> &'a [u8] {
        match self.first {
            Ok(s) => s.as_bytes(),
            Err(b) => b,
        }
    }

    /// Whether the name equals `name`, ignoring ASCII case.
    #[inline]
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The first token of the first line, with any `#` comment removed
    /// (empty when none). Cheap: no allocation, nothing scanned again.
    #[inline]
    pub fn first_word(&self) -> &'a [u8] {
        let line = self.first_bytes();
        let end = line
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(line.len());
        line.get(..end).unwrap_or_default()
    }

    /// The cleaned value, as [`Attribute::value`] documents: each line
    /// trimmed, `#` comments removed, continuation markers dropped, empty
    /// lines dropped, lines joined by `\n`. Invalid UTF-8 is decoded as
    /// Latin-1 (per value). Borrowed when the value is one line.
    #[inline]
    pub fn text(&self) -> Cow<'a, str> {
        if self.multiline {
            return self.text_lines();
        }
        match self.first {
            Ok(s) => Cow::Borrowed(s),
            Err(b) => decode(b),
        }
    }

    /// [`RawAttribute::text`] of a value with continuation lines.
    #[inline(never)]
    fn text_lines(&self) -> Cow<'a, str> {
        let first = self.first_bytes();
        let nl = memchr::memchr(b'\n', self.value).unwrap_or(self.value.len());
        let lines = self
            .value
            .get(nl + 1..)
            .unwrap_or_default()
            .split(|b| *b == b'\n');
        let mut out: Vec<u8> = Vec::with_capacity(self.value.len());
        out.extend_from_slice(first);
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
    if name.is_ascii() {
        // Always so for lexed names: no UTF-8 check needed.
        let mut s = String::with_capacity(name.len());
        s.extend(name.iter().map(|b| char::from(b.to_ascii_lowercase())));
        return s;
    }
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
    fn word_at_a_time_helpers() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = [b'a'; 8];
                w[pos] = b;
                let m = not_name_bytes(u64::from_le_bytes(w));
                let want = if name_byte(b) {
                    0
                } else {
                    0x80u64 << (8 * pos)
                };
                assert_eq!(m, want, "byte {b:#x} at {pos}");
                let found = find_nl_or(&w, b'#');
                let want = (b == b'\n' || b == b'#').then_some(pos);
                assert_eq!(found, want, "byte {b:#x} at {pos}");
            }
        }
        let long = [b"x".repeat(40), b"#\n".to_vec()].concat();
        assert_eq!(find_nl_or(&long, b'#'), Some(40));
        assert_eq!(find_nl_or(&long, b'\n'), Some(41));
        assert_eq!(skip_line_space(b"         \t x"), b"x");
        assert_eq!(skip_line_space(b"  \n x"), b"\n x");
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

    #[test]
    fn str_objects_carry_their_str() {
        let t = "\u{feff}% c\n\nperson: Jos\u{e9} \u{65e5}\r\n+ x # c\nsource: X\n\nroute: 192.0.2.0/24\n";
        let from_str: Vec<_> = objects_str(t).collect::<Result<_, _>>().unwrap();
        let from_bytes: Vec<_> = objects(t.as_bytes()).collect::<Result<_, _>>().unwrap();
        assert_eq!(from_str, from_bytes);
        assert_eq!(from_str.len(), 2);
        for (s, b) in from_str.iter().zip(&from_bytes) {
            // The str path knows the text; the bytes path checks it later.
            assert_eq!(s.known_str().map(str::as_bytes), Some(s.text));
            assert_eq!(b.known_str(), None);
            assert_eq!(s.to_object(), b.to_object());
        }
        assert_eq!(from_str[0].line, 3);
        assert_eq!(
            from_str[0].known_str(),
            Some("person: Jos\u{e9} \u{65e5}\r\n+ x # c\nsource: X")
        );
        assert_eq!(from_str[1].known_str(), Some("route: 192.0.2.0/24"));
        let a: Vec<_> = from_str[0].attributes().collect::<Result<_, _>>().unwrap();
        assert_eq!(a[0].text(), "Jos\u{e9} \u{65e5}\nx");
        assert_eq!(a[1].line, 5);
    }

    #[test]
    fn raw_object_constructors() {
        let text = "route: 192.0.2.0/24\norigin: AS1";
        let lexed = objects(text.as_bytes()).next().unwrap().unwrap();
        let new = RawObject::new(text.as_bytes(), 1);
        assert_eq!(new, lexed);
        assert_eq!((new.text, new.line), (text.as_bytes(), 1));
        assert_eq!(new.known_str(), None);
        let known = RawObject::from_str(text, 1);
        assert_eq!(known, new);
        assert_eq!(known.known_str(), Some(text));
        assert_eq!(known.to_object(), new.to_object());
        assert_eq!(format!("{known:?}"), format!("{new:?}"));
        assert_ne!(RawObject::new(text.as_bytes(), 2), new);
        // Replacing the public text drops the known str: nothing stale is
        // used for the new bytes.
        let mut changed = known;
        changed.text = b"person: Jos\xe9";
        assert_eq!(changed.known_str(), None);
        let o = changed.to_object().unwrap();
        assert_eq!(o.key(), "Jos\u{e9}");
        changed.text = &text.as_bytes()[..12];
        assert_eq!(changed.known_str(), None);
        assert_eq!(changed.to_object().unwrap().key(), "192.0");
        // A non-UTF-8 object from `new` still decodes as Latin-1.
        let latin = RawObject::new(b"person: Jos\xe9\nsource: X", 7);
        assert_eq!(latin.to_object().unwrap().key(), "Jos\u{e9}");
    }

    /// Everything the lexer reports about an object, for comparisons.
    fn describe(o: &RawObject<'_>) -> Vec<String> {
        let mut out = vec![format!("{:?}", o.to_object())];
        for a in o.attributes() {
            out.push(match a {
                Ok(a) => format!(
                    "{:?} {:?} {} {:?} {:?}",
                    a.name,
                    a.value,
                    a.line,
                    a.text(),
                    a.first_word()
                ),
                Err(e) => format!("{e:?}"),
            });
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// `objects_str` reads exactly as `objects` on the same bytes:
        /// objects, lines, errors, attributes, cleaned values, owned
        /// objects; and each object knows its text as `&str`.
        #[test]
        fn str_matches_bytes(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "\n", "\n", "\n", "\r\n", " ", " ", "\t", "\u{b}", "\u{c}", "#", "%", "+",
                ":", ":", "a", "B", "-", "*", "\u{e9}", "\u{fc}", "\u{65e5}", "\u{1f600}",
                "\u{feff}", "route: ", "descr:", "source: X", "\u{a0}",
            ]),
            0..60,
        )) {
            let s: String = parts.concat();
            let by_str: Vec<_> = objects_str(&s).collect();
            let by_bytes: Vec<_> = objects(s.as_bytes()).collect();
            proptest::prop_assert_eq!(&by_str, &by_bytes);
            for o in by_str.iter().flatten() {
                proptest::prop_assert_eq!(o.known_str().map(str::as_bytes), Some(o.text));
                let plain = RawObject::new(o.text, o.line);
                proptest::prop_assert_eq!(describe(o), describe(&plain));
            }
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
                    // Latin-1 is decided per object or per value here, per value there:
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
