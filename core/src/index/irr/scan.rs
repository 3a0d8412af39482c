//! The fast path of the IRR loader: splits RPSL text into objects and pulls
//! out, without allocating, the few attributes the indexes need (class,
//! primary key, `origin`, `source`, `member-of`, `nic-hdl`, `delete`).
//!
//! Line rules are the RPSL lexer's ([`crate::parse::rpsl::objects`]), and
//! so are its primitives used here (object ends, blank, comment and
//! continuation lines, attribute names, value cleaning): the database and
//! [`crate::parse::rpsl::parse_all`] agree on object boundaries.

use crate::model::{Asn, Prefix};
use crate::parse::rpsl::lex;
use crate::parse::rpsl::RpslErrorKind;

pub(crate) use crate::parse::rpsl::lex::object_end;

/// Most `member-of` names kept per object.
const MAX_MEMBER_OF: usize = 1024;

/// The class codes stored per object (index into [`crate::model::rpsl::ObjectClass::TYPED`],
/// and [`CLASS_OTHER`] for the rest).
pub(crate) const CLASS_ROUTE: u8 = 0;
pub(crate) const CLASS_ROUTE6: u8 = 1;
pub(crate) const CLASS_AUT_NUM: u8 = 2;
pub(crate) const CLASS_AS_SET: u8 = 3;
pub(crate) const CLASS_ROUTE_SET: u8 = 4;
pub(crate) const CLASS_PERSON: u8 = 6;
pub(crate) const CLASS_ROLE: u8 = 7;
pub(crate) const CLASS_OTHER: u8 = 12;

/// What the indexes need from one object.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    /// Class code.
    pub class: u8,
    /// Hash of the normalised primary key.
    pub key_hash: u64,
    /// Byte range of the first word of `source:` in the object.
    pub source: Option<(usize, usize)>,
    /// For routes: prefix and origin.
    pub route: Option<(Prefix, Asn)>,
    /// For aut-nums: the AS.
    pub asn: Option<Asn>,
    /// Hashes of the `member-of` set names (uppercased, scope removed).
    pub member_of: Vec<u64>,
    /// The object carries a `delete:` attribute.
    pub deleted: bool,
    /// Line offset (in the object) of a second `source:`, if any.
    pub repeated_source: Option<usize>,
}

/// FNV-1a over bytes, uppercased, skipping ASCII whitespace.
#[inline]
pub(crate) fn hash_norm(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        if b.is_ascii_whitespace() {
            continue;
        }
        h ^= u64::from(b.to_ascii_uppercase());
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of a primary key (the class is checked on lookup).
pub(crate) fn key_hash(key: &[u8]) -> u64 {
    hash_norm(FNV_OFFSET, key)
}

/// Hash of a set name (without a `SOURCE::` scope).
pub(crate) fn set_hash(name: &[u8]) -> u64 {
    hash_norm(FNV_OFFSET ^ 0x5e7, name)
}

/// Class code of a class name.
pub(crate) fn class_code(name: &[u8]) -> u8 {
    use crate::model::rpsl::ObjectClass;
    ObjectClass::TYPED
        .iter()
        .position(|c| c.name().as_bytes().eq_ignore_ascii_case(name))
        .and_then(|p| u8::try_from(p).ok())
        .unwrap_or(CLASS_OTHER)
}

/// A value without its `#` comment, trimmed (the lexer's cleaning of one
/// line).
#[inline]
pub(crate) fn clean(value: &[u8]) -> &[u8] {
    lex::clean_line(value)
}

/// The first whitespace-delimited word.
#[inline]
pub(crate) fn first_word(value: &[u8]) -> &[u8] {
    let v = clean(value);
    let end = v
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(v.len());
    v.get(..end).unwrap_or(v)
}

/// One line of an object.
pub(crate) enum LineKind<'a> {
    /// `name: value`.
    Attr(&'a [u8], &'a [u8]),
    /// A continuation line's content (after the marker character).
    Cont(&'a [u8]),
    /// A comment.
    Comment,
    /// Not RPSL.
    Bad,
}

/// Classifies one line (without its newline) of an object, with the
/// lexer's rules.
#[inline]
pub(crate) fn classify(line: &[u8]) -> LineKind<'_> {
    if lex::is_comment_line(line) {
        LineKind::Comment
    } else if lex::is_continuation(line) {
        LineKind::Cont(line.get(1..).unwrap_or(&[]))
    } else {
        match lex::attribute_colon(line, false) {
            Some(n) => LineKind::Attr(
                line.get(..n).unwrap_or(&[]),
                line.get(n + 1..).unwrap_or(&[]),
            ),
            None => LineKind::Bad,
        }
    }
}

/// Iterates over the lines of an object (newline and a trailing `\r`
/// removed).
pub(crate) fn lines(obj: &[u8]) -> Lines<'_> {
    Lines { rest: Some(obj) }
}

/// The iterator of [`lines`] (memchr-based).
pub(crate) struct Lines<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];
    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(i) => (rest.get(..i).unwrap_or(rest), rest.get(i + 1..)),
            None => (rest, None),
        };
        self.rest = next;
        Some(match line {
            [l @ .., b'\r'] => l,
            l => l,
        })
    }
}

/// Which attribute the previous line started (for continuation lines).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cur {
    Other,
    MemberOf,
}

/// Adds the set names of a `member-of` value to `out`.
fn add_member_of(value: &[u8], out: &mut Vec<u64>) {
    for item in clean(value).split(|b| *b == b',' || b.is_ascii_whitespace()) {
        if item.is_empty() || out.len() >= MAX_MEMBER_OF {
            continue;
        }
        out.push(set_hash(strip_scope(item)));
    }
}

/// `SOURCE::NAME` → `NAME`.
pub(crate) fn strip_scope(name: &[u8]) -> &[u8] {
    match name.windows(2).position(|w| w == b"::") {
        Some(i) => name.get(i + 2..).unwrap_or(name),
        None => name,
    }
}

/// Scans one object (its bytes start at its first attribute line and
/// contain no blank line). Errors carry the 0-based line offset inside the
/// object.
pub(crate) fn scan_object(obj: &[u8]) -> Result<Meta, (usize, RpslErrorKind)> {
    scan_at(obj, 0).0
}

/// The result of scanning one object.
pub(crate) type Scanned = Result<Meta, (usize, RpslErrorKind)>;

/// Scans the object starting at `start` in `text` (a line that is not
/// skipped between objects): what it holds, and where it ends (the lexer's
/// [`object_end`]: the end of its last line, before the newline).
///
/// One pass: the lines are classified as the object's end is looked for
/// (a blank line, by [`lex::is_blank`]); the rare whitespace-only line
/// that starts with a space or a tab, and an early stop (an error, a
/// deleted object), leave the end to [`object_end`].
pub(crate) fn scan_at(text: &[u8], start: usize) -> (Scanned, usize) {
    let obj = text.get(start..).unwrap_or(&[]);
    let mut end = None;
    let res = scan_inner(obj, &mut end);
    let end = match end {
        Some(e) => start + e,
        None => object_end(text, start).max(start),
    };
    (res, end)
}

/// Scans the object at the start of `obj`; sets `end` (relative to `obj`)
/// when it found the object's end.
fn scan_inner(obj: &[u8], end: &mut Option<usize>) -> Scanned {
    let mut meta = Meta::default();
    let mut class: &[u8] = &[];
    let mut key: &[u8] = &[];
    let mut nic_hdl: Option<&[u8]> = None;
    let mut origin: Option<(&[u8], usize)> = None;
    let mut cur = Cur::Other;
    let mut first = true;
    let mut key_line = 0;
    let base = obj.as_ptr() as usize;
    if obj.first() == Some(&b'*') {
        // Legacy IRRd dumps mark deleted objects with `*xx:` attribute names.
        meta.deleted = true;
        return Ok(meta);
    }
    // The end found by the lexer after a whitespace-only continuation.
    let mut limit: Option<usize> = None;
    for (i, line) in lines(obj).enumerate() {
        let off = line.as_ptr() as usize - base;
        if let Some(lim) = limit {
            if off > lim {
                *end = Some(lim);
                break;
            }
        } else if lex::is_blank(line) {
            if !lex::is_ws_continuation(line) {
                // Before the newline that ends the previous line.
                *end = Some(off.saturating_sub(1));
                break;
            }
            let lim = object_end(obj, 0);
            limit = Some(lim);
            if off > lim {
                *end = Some(lim);
                break;
            }
        }
        match classify(line) {
            LineKind::Comment => {}
            LineKind::Bad => {
                return Err((
                    i,
                    RpslErrorKind::Syntax(format!(
                        "not an attribute, continuation or comment: {:?}",
                        String::from_utf8_lossy(line.get(..line.len().min(60)).unwrap_or(line))
                    )),
                ));
            }
            LineKind::Cont(rest) => {
                if first {
                    return Err((
                        i,
                        RpslErrorKind::Syntax(
                            "continuation line before the first attribute".into(),
                        ),
                    ));
                }
                if cur == Cur::MemberOf {
                    add_member_of(rest, &mut meta.member_of);
                }
            }
            LineKind::Attr(name, value) => {
                cur = Cur::Other;
                if first {
                    first = false;
                    class = name;
                    key = clean(value);
                    key_line = i;
                    meta.class = class_code(name);
                    continue;
                }
                match name.len() {
                    6 if meta.source.is_some() && name.eq_ignore_ascii_case(b"source") => {
                        meta.repeated_source.get_or_insert(i);
                    }
                    6 if meta.source.is_none() && name.eq_ignore_ascii_case(b"source") => {
                        let w = first_word(value);
                        if !w.is_empty() {
                            let start = w.as_ptr() as usize - base;
                            meta.source = Some((start, w.len()));
                        }
                    }
                    6 if origin.is_none() && name.eq_ignore_ascii_case(b"origin") => {
                        origin = Some((first_word(value), i));
                    }
                    6 if name.eq_ignore_ascii_case(b"delete") => meta.deleted = true,
                    7 if nic_hdl.is_none() && name.eq_ignore_ascii_case(b"nic-hdl") => {
                        nic_hdl = Some(first_word(value));
                    }
                    9 if name.eq_ignore_ascii_case(b"member-of") => {
                        cur = Cur::MemberOf;
                        add_member_of(value, &mut meta.member_of);
                    }
                    _ => {}
                }
            }
        }
    }
    if first {
        return Err((0, RpslErrorKind::Syntax("object without attributes".into())));
    }
    match meta.class {
        CLASS_ROUTE | CLASS_ROUTE6 => {
            let text = std::str::from_utf8(first_word(key))
                .map_err(|_| (key_line, RpslErrorKind::Utf8))?;
            // The parser's rule: strict, but IPv4 octets may carry leading zeros.
            let prefix = crate::parse::rpsl::typed::parse_route_prefix(text)
                .map_err(|e| (key_line, RpslErrorKind::Model(e)))?;
            let want_v6 = meta.class == CLASS_ROUTE6;
            if prefix.is_ipv6() != want_v6 {
                return Err((
                    key_line,
                    RpslErrorKind::InvalidField {
                        field: "route",
                        message: format!("{prefix} in a {} object", String::from_utf8_lossy(class)),
                    },
                ));
            }
            let (o, oline) = origin.ok_or((key_line, RpslErrorKind::MissingField("origin")))?;
            let asn = Asn::parse_bytes(o).map_err(|e| (oline, RpslErrorKind::Model(e)))?;
            meta.route = Some((prefix, asn));
            meta.key_hash = 0;
        }
        CLASS_AUT_NUM => {
            let asn = Asn::parse_bytes(first_word(key))
                .map_err(|e| (key_line, RpslErrorKind::Model(e)))?;
            meta.asn = Some(asn);
        }
        CLASS_AS_SET | CLASS_ROUTE_SET => {
            meta.key_hash = set_hash(first_word(key));
        }
        CLASS_PERSON | CLASS_ROLE => {
            let k = nic_hdl.unwrap_or(key);
            meta.key_hash = key_hash(k);
        }
        _ => meta.key_hash = key_hash(key),
    }
    Ok(meta)
}

/// The normalised primary key of an object as stored: for persons and roles
/// the `nic-hdl`, for routes `PREFIXASN`, otherwise the first value without
/// whitespace; uppercased.
pub(crate) fn primary_key(obj: &[u8]) -> (u8, String, String) {
    let mut class: &[u8] = &[];
    let mut key: &[u8] = &[];
    let mut nic: Option<&[u8]> = None;
    let mut origin: Option<&[u8]> = None;
    let mut first = true;
    for line in lines(obj) {
        if let LineKind::Attr(name, value) = classify(line) {
            if first {
                first = false;
                class = name;
                key = clean(value);
                // Only persons, roles and routes take their key from a
                // later attribute; the rest need not be read further (sets
                // can be tens of thousands of lines).
                if !matches!(
                    class_code(class),
                    CLASS_PERSON | CLASS_ROLE | CLASS_ROUTE | CLASS_ROUTE6
                ) {
                    break;
                }
            } else if nic.is_none() && name.eq_ignore_ascii_case(b"nic-hdl") {
                nic = Some(first_word(value));
            } else if origin.is_none() && name.eq_ignore_ascii_case(b"origin") {
                origin = Some(first_word(value));
            }
        }
    }
    let code = class_code(class);
    let k: Vec<u8> = match code {
        CLASS_PERSON | CLASS_ROLE => nic.unwrap_or(key).to_vec(),
        CLASS_ROUTE | CLASS_ROUTE6 => {
            let mut v = first_word(key).to_vec();
            v.extend_from_slice(origin.unwrap_or(&[]));
            v
        }
        CLASS_AS_SET | CLASS_ROUTE_SET | CLASS_AUT_NUM => first_word(key).to_vec(),
        _ => key.to_vec(),
    };
    let norm: String = String::from_utf8_lossy(&k)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    (
        code,
        String::from_utf8_lossy(class).to_ascii_lowercase(),
        norm,
    )
}

/// Parses an object's bytes into the generic model, as
/// [`crate::parse::rpsl::RawObject::to_object`] does (lines that are not
/// attributes are dropped; stored objects have none).
pub(crate) fn to_object(obj: &[u8], line: usize) -> crate::model::rpsl::RpslObject {
    let raw = crate::parse::rpsl::RawObject::new(obj, line);
    let attributes = raw
        .attributes()
        .filter_map(Result::ok)
        .map(|a| a.to_attribute())
        .collect();
    crate::model::rpsl::RpslObject { attributes, line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_route() {
        let m = scan_object(
            b"route: 192.0.2.0/24\norigin: AS65001 # c\nmember-of: RS-A,\n  TESTDB::RS-B\nsource: TESTDB\n",
        )
        .unwrap();
        assert_eq!(m.class, CLASS_ROUTE);
        assert_eq!(m.route.unwrap().1, Asn::new(65001));
        assert_eq!(m.member_of, vec![set_hash(b"rs-a"), set_hash(b"RS-B")]);
        assert!(m.source.is_some());
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(scan_object(b"route: 192.0.2.0/24\nno colon here\n").is_err());
        assert!(scan_object(b"route: 192.0.2.1/24\norigin: AS1\n").is_err());
        assert!(scan_object(b"route6: 192.0.2.0/24\norigin: AS1\n").is_err());
        assert!(scan_object(b"route: 192.0.2.0/24\n").is_err());
        assert!(scan_object(b" cont\n").is_err());
    }

    #[test]
    fn object_bounds() {
        let t = b"a: 1\nb: 2\n\n \nc: 3";
        assert_eq!(object_end(t, 0), 9);
        assert_eq!(object_end(t, 13), t.len());
        // An empty continuation line (whitespace only, then a continuation).
        let t = b"a: 1\n \n b\n\nc: 2\n";
        assert_eq!(object_end(t, 0), 9);
        assert_eq!(scan_at(t, 0).1, 9);
        assert_eq!(object_end(t, 12), t.len() - 1);
    }

    #[test]
    fn to_object_joins() {
        let o = to_object(b"as-set: AS-X\nmembers: AS1, # c\n  AS2\n+\nsource: X\n", 5);
        assert_eq!(o.attributes.len(), 3);
        assert_eq!(o.attributes[1].value, "AS1,\nAS2");
        assert_eq!(o.attributes[2].line, 9);
    }

    proptest::proptest! {
        /// The one-pass scan ends objects where the lexer does.
        #[test]
        fn ends_where_the_lexer_does(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                &b"route: 10.0.0.0/8\n"[..], b"origin: AS1\n", b"source: X\n", b"\n", b" \n",
                b"\t\n", b" cont\n", b"+\n", b"\r\n", b"#c\n", b"%c\n", b"*xx: y\n", b"bad\n",
                b" ", b"x: 1",
            ]),
            0..30,
        )) {
            let text = parts.concat();
            let mut pos = 0;
            while pos < text.len() {
                let (start, _) = lex::skip_between(&text, pos);
                if start >= text.len() {
                    break;
                }
                let (_, end) = scan_at(&text, start);
                proptest::prop_assert_eq!(end, object_end(&text, start));
                pos = end + 1;
            }
        }
    }

    proptest::proptest! {
        /// A dump read from a reader and from memory give the same report
        /// and the same database (the reader follows the lexer's rule for
        /// whitespace-only continuation lines too).
        #[test]
        fn reader_and_text_agree(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                &b"route: 10.0.0.0/8\n"[..], b"origin: AS1\n", b"source: X\n", b"\n", b" \n",
                b"\t \n", b" cont\n", b"+\n", b"\r\n", b"#c\n", b"member-of: AS-X\n",
                b"as-set: AS-X\n", b"bad\n",
            ]),
            0..40,
        ), cap in 1usize..9) {
            use crate::index::irr::IrrDbBuilder;
            use crate::parse::rpsl::RpslOptions;
            let text = parts.concat();
            let mut a = IrrDbBuilder::new(RpslOptions::lenient());
            let ra = a.add_text(&text, None).ok();
            let mut b = IrrDbBuilder::new(RpslOptions::lenient());
            let rb = b
                .add_reader(std::io::BufReader::with_capacity(cap, &text[..]), None)
                .ok();
            proptest::prop_assert_eq!(ra, rb);
            let (da, db) = (a.build(), b.build());
            proptest::prop_assert_eq!(da.stats(), db.stats());
        }
    }
}
