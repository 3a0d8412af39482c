//! A small JSON tree for SLURM validation, and a locator that finds where a
//! member or array element sits in the input text.
//!
//! serde_json does the parsing (RFC 8259 syntax, escapes, numbers, its
//! nesting limit of 128). The tree keeps object members in input order and
//! keeps duplicates, so the validator can reject a member given twice — RFC
//! 8416 asks for "one each" of the members, and a generic map would silently
//! keep the last. Semantic errors are found on the tree; their line and
//! column are then recovered by walking the (already valid) input text along
//! the same path.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diag::Location;

/// A JSON value with object members in input order (duplicates kept).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number as serde_json read it.
    Number(serde_json::Number),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in input order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// A short name of the JSON type, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Node::Null, Node::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Node>()? {
            out.push(v);
        }
        Ok(Node::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Node>()? {
            out.push((k, v));
        }
        Ok(Node::Object(out))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// One step of a path into the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    /// The `n`-th (0-based) occurrence of member `name`.
    Key(String, usize),
    /// The element at this index.
    Index(usize),
}

impl Seg {
    /// The first occurrence of a member.
    pub(crate) fn key(name: &str) -> Seg {
        Seg::Key(name.to_owned(), 0)
    }
}

/// The list being read and, once needed, its elements' offsets.
type ListAnchor = Option<(Vec<Seg>, Option<Vec<usize>>)>;

/// Finds where paths sit in the input, cheaply when asked again and again
/// about the entries of one list: the list's element offsets are found
/// once, and line numbers are counted on from the previous answer.
pub(crate) struct Locator<'a> {
    input: &'a [u8],
    list: RefCell<ListAnchor>,
    /// (offset, line, start of that line) of the last answer.
    lines: Cell<(usize, usize, usize)>,
}

impl<'a> Locator<'a> {
    /// A locator over `input`.
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Locator {
            input,
            list: RefCell::new(None),
            lines: Cell::new((0, 1, 0)),
        }
    }

    /// Paths below `path` (an array) are about to be asked for.
    pub(crate) fn enter_list(&self, path: &[Seg]) {
        *self.list.borrow_mut() = Some((path.to_vec(), None));
    }

    /// Done with the list.
    pub(crate) fn leave_list(&self) {
        *self.list.borrow_mut() = None;
    }

    /// The location of `path`: for a member, where its name starts; for an
    /// array element, where the element starts; for the empty path, the
    /// document's first value. When a step is not found, the deepest step
    /// that was found is reported.
    pub(crate) fn locate(&self, path: &[Seg]) -> Location {
        self.location_of(self.offset(path))
    }

    fn offset(&self, path: &[Seg]) -> usize {
        if let Ok(mut list) = self.list.try_borrow_mut() {
            if let Some((lpath, offsets)) = list.as_mut() {
                if let Some((Seg::Index(i), rest)) = path
                    .strip_prefix(lpath.as_slice())
                    .and_then(<[Seg]>::split_first)
                {
                    let offsets = offsets.get_or_insert_with(|| element_offsets(self.input, lpath));
                    if let Some(&at) = offsets.get(*i) {
                        return find_from(self.input, at, rest);
                    }
                }
            }
        }
        find_from(self.input, skip_ws(self.input, 0), path)
    }

    /// Line and column (both 1-based; the column counts characters) of a
    /// byte offset.
    fn location_of(&self, offset: usize) -> Location {
        let offset = offset.min(self.input.len());
        let (mut at, mut line, mut line_start) = self.lines.get();
        if offset < at {
            (at, line, line_start) = (0, 1, 0);
        }
        let chunk = self.input.get(at..offset).unwrap_or_default();
        for i in memchr::memchr_iter(b'\n', chunk) {
            line += 1;
            line_start = at + i + 1;
        }
        self.lines.set((offset, line, line_start));
        let column = 1 + self
            .input
            .get(line_start..offset)
            .map_or(0, |s| s.iter().filter(|&&b| (b & 0xC0) != 0x80).count());
        Location { line, column }
    }
}

/// The location of `path` in `input` (see [`Locator::locate`]).
#[cfg(test)]
pub(crate) fn locate(input: &[u8], path: &[Seg]) -> Location {
    Locator::new(input).locate(path)
}

/// Walks `path` from the value at `pos`; returns where the last step found
/// sits (a member's name, an element's start).
fn find_from(input: &[u8], mut pos: usize, path: &[Seg]) -> usize {
    let mut best = pos;
    for seg in path {
        match seg {
            Seg::Key(name, nth) => {
                let Some((key_at, value_at)) = find_member(input, pos, name, *nth) else {
                    return best;
                };
                best = key_at;
                pos = value_at;
            }
            Seg::Index(i) => {
                let Some(at) = find_element(input, pos, *i) else {
                    return best;
                };
                pos = at;
                best = pos;
            }
        }
    }
    best
}

/// The offsets of the elements of the array at `path` (empty when there is
/// no array there).
fn element_offsets(input: &[u8], path: &[Seg]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = skip_ws(input, 0);
    for seg in path {
        let next = match seg {
            Seg::Key(name, nth) => find_member(input, pos, name, *nth).map(|(_, v)| v),
            Seg::Index(i) => find_element(input, pos, *i),
        };
        let Some(next) = next else { return out };
        pos = next;
    }
    if byte(input, pos) != Some(b'[') {
        return out;
    }
    let mut p = skip_ws(input, pos + 1);
    while let Some(b) = byte(input, p) {
        if b == b']' {
            break;
        }
        out.push(p);
        let Some(end) = skip_value(input, p) else {
            break;
        };
        p = skip_ws(input, end);
        if byte(input, p) != Some(b',') {
            break;
        }
        p = skip_ws(input, p + 1);
    }
    out
}

fn byte(input: &[u8], pos: usize) -> Option<u8> {
    input.get(pos).copied()
}

fn skip_ws(input: &[u8], mut pos: usize) -> usize {
    while matches!(byte(input, pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// `pos` at an opening quote; returns the offset just past the closing one.
fn skip_string(input: &[u8], pos: usize) -> Option<usize> {
    let mut p = pos + 1;
    loop {
        match byte(input, p)? {
            b'"' => return Some(p + 1),
            b'\\' => p += 2,
            _ => p += 1,
        }
    }
}

/// `pos` at the start of a value; returns the offset just past it.
fn skip_value(input: &[u8], pos: usize) -> Option<usize> {
    match byte(input, pos)? {
        b'"' => skip_string(input, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut p = pos;
            loop {
                match byte(input, p)? {
                    b'"' => {
                        p = skip_string(input, p)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(p + 1);
                        }
                    }
                    _ => {}
                }
                p += 1;
            }
        }
        _ => {
            let mut p = pos;
            while let Some(b) = byte(input, p) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                p += 1;
            }
            Some(p)
        }
    }
}

fn key_equals(raw: &[u8], name: &str) -> bool {
    // `raw` includes the quotes.
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    if memchr::memchr(b'\\', inner).is_none() {
        return inner == name.as_bytes();
    }
    serde_json::from_slice::<String>(raw)
        .map(|s| s == name)
        .unwrap_or(false)
}

/// `pos` at an object; returns (key offset, value offset) of the `nth`
/// occurrence of member `name`.
fn find_member(input: &[u8], pos: usize, name: &str, nth: usize) -> Option<(usize, usize)> {
    if byte(input, pos)? != b'{' {
        return None;
    }
    let mut seen = 0usize;
    let mut p = skip_ws(input, pos + 1);
    loop {
        match byte(input, p)? {
            b'}' => return None,
            b'"' => {}
            _ => return None,
        }
        let key_at = p;
        let key_end = skip_string(input, p)?;
        p = skip_ws(input, key_end);
        if byte(input, p)? != b':' {
            return None;
        }
        let value_at = skip_ws(input, p + 1);
        if key_equals(input.get(key_at..key_end)?, name) {
            if seen == nth {
                return Some((key_at, value_at));
            }
            seen += 1;
        }
        p = skip_ws(input, skip_value(input, value_at)?);
        match byte(input, p)? {
            b',' => p = skip_ws(input, p + 1),
            _ => return None,
        }
    }
}

/// `pos` at an array; returns the offset of element `index`.
fn find_element(input: &[u8], pos: usize, index: usize) -> Option<usize> {
    if byte(input, pos)? != b'[' {
        return None;
    }
    let mut p = skip_ws(input, pos + 1);
    let mut i = 0usize;
    loop {
        if byte(input, p)? == b']' {
            return None;
        }
        if i == index {
            return Some(p);
        }
        p = skip_ws(input, skip_value(input, p)?);
        match byte(input, p)? {
            b',' => p = skip_ws(input, p + 1),
            _ => return None,
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": [1, {\"b\": \"x\\\"]\"}, \n   {\"c\": 2, \"c\": 3}],\n  \"\\u0064\": {}\n}";

    #[test]
    fn tree_keeps_duplicates() {
        let n: Node = serde_json::from_str(DOC).unwrap();
        let Node::Object(m) = n else { panic!() };
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].0, "d");
    }

    #[test]
    fn locates() {
        let b = DOC.as_bytes();
        assert_eq!(locate(b, &[]), Location { line: 1, column: 1 });
        assert_eq!(locate(b, &[Seg::key("a")]), Location { line: 2, column: 3 });
        assert_eq!(
            locate(b, &[Seg::key("a"), Seg::Index(1)]),
            Location {
                line: 2,
                column: 12
            }
        );
        assert_eq!(
            locate(b, &[Seg::key("a"), Seg::Index(2), Seg::Key("c".into(), 1)]),
            Location {
                line: 3,
                column: 13
            }
        );
        assert_eq!(locate(b, &[Seg::key("d")]), Location { line: 4, column: 3 });
        assert_eq!(
            locate(b, &[Seg::key("zz")]),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            locate(b, &[Seg::key("a"), Seg::Index(9)]),
            Location { line: 2, column: 3 }
        );
        assert_eq!(
            locate(b"", &[Seg::key("a")]),
            Location { line: 1, column: 1 }
        );
    }

    #[test]
    fn list_anchor_agrees_with_full_walk() {
        let b = DOC.as_bytes();
        let loc = Locator::new(b);
        let list = [Seg::key("a")];
        loc.enter_list(&list);
        for path in [
            vec![Seg::key("a"), Seg::Index(2), Seg::Key("c".into(), 1)],
            vec![Seg::key("a"), Seg::Index(1)],
            vec![Seg::key("a"), Seg::Index(1), Seg::key("b")],
            vec![Seg::key("a"), Seg::Index(7)],
            vec![Seg::key("d")],
        ] {
            assert_eq!(loc.locate(&path), locate(b, &path), "{path:?}");
        }
        loc.leave_list();
        assert_eq!(element_offsets(b, &list).len(), 3);
        assert!(element_offsets(b, &[Seg::key("d")]).is_empty());
    }

    #[test]
    fn columns_count_characters() {
        let s = "{\"é\": 1, \"x\": 2}";
        assert_eq!(
            locate(s.as_bytes(), &[Seg::key("x")]),
            Location {
                line: 1,
                column: 10
            }
        );
    }
}
