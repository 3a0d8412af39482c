//! BGP AS paths (RFC 4271 §5.1.2, RFC 5065 confederation segments) and the
//! route origin as RFC 6811 §2 derives it.
//!
//! The leftmost AS is the neighbour that sent the route, the rightmost the
//! origin. Text form (as `bgpdump -m` prints it): ASNs separated by spaces,
//! `{a,b}` an AS_SET, `(a b)` an AS_CONFED_SEQUENCE, `[a,b]` an
//! AS_CONFED_SET; 4-byte ASNs in asplain (`131072`) or asdot (`2.0`).
//!
//! ```
//! use routeguard::{AsPath, Asn};
//! let p = AsPath::parse("64500 64501 64501 {64502,64503}").unwrap();
//! assert_eq!(p.neighbor(), Some(Asn::new(64500)));
//! assert_eq!(p.origin(), None); // ends in an AS_SET
//! assert_eq!(p.length(), 4); // the set counts 1 (RFC 4271 §9.1.2.2)
//! assert!(p.has_set());
//! assert_eq!(p.compressed_sequence(), None);
//! let q = AsPath::parse("64500 64501 64501 64502").unwrap();
//! assert_eq!(
//!     q.compressed_sequence().unwrap(),
//!     vec![Asn::new(64500), Asn::new(64501), Asn::new(64502)]
//! );
//! assert_eq!(q.dedup_prepends().to_string(), "64500 64501 64502");
//! ```

use std::fmt;

use super::{Asn, ModelError};

/// One segment of an AS path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// AS_SEQUENCE: ordered, leftmost is nearest.
    Sequence(Vec<Asn>),
    /// AS_SET: unordered (aggregation).
    Set(Vec<Asn>),
    /// AS_CONFED_SEQUENCE (RFC 5065).
    ConfedSequence(Vec<Asn>),
    /// AS_CONFED_SET (RFC 5065).
    ConfedSet(Vec<Asn>),
}

impl Segment {
    /// The ASNs of the segment, in wire order.
    #[inline]
    pub fn asns(&self) -> &[Asn] {
        match self {
            Segment::Sequence(v)
            | Segment::Set(v)
            | Segment::ConfedSequence(v)
            | Segment::ConfedSet(v) => v,
        }
    }

    /// Whether this is an AS_CONFED_SEQUENCE or AS_CONFED_SET.
    #[inline]
    pub fn is_confed(&self) -> bool {
        matches!(self, Segment::ConfedSequence(_) | Segment::ConfedSet(_))
    }
}

/// An AS path: segments in wire order; the leftmost AS is the neighbour, the
/// rightmost the origin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AsPath {
    /// The segments, leftmost first.
    pub segments: Vec<Segment>,
}

/// Most segments or ASes accepted when parsing a path from text.
pub const MAX_AS_PATH_LEN: usize = 4096;

impl AsPath {
    /// A path of one AS_SEQUENCE.
    pub fn from_sequence(asns: Vec<Asn>) -> Self {
        AsPath {
            segments: vec![Segment::Sequence(asns)],
        }
    }

    /// Parses text such as `64500 64501 {64502,64503}`: ASNs separated by
    /// ASCII whitespace, `{…}` an AS_SET (members separated by commas and/or
    /// spaces), `(…)` an AS_CONFED_SEQUENCE and `[…]` an AS_CONFED_SET.
    /// ASNs may carry the `AS` prefix and may be asdot (`1.10`). An empty
    /// string is the empty path. At most [`MAX_AS_PATH_LEN`] ASNs.
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        let mut segments: Vec<Segment> = Vec::with_capacity(1);
        let mut seq: Vec<Asn> = Vec::new();
        let mut total = 0usize;
        let b = s.as_bytes();
        let mut i = 0usize;
        loop {
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let Some(&c) = b.get(i) else { break };
            let close = match c {
                b'{' => Some(b'}'),
                b'(' => Some(b')'),
                b'[' => Some(b']'),
                _ => None,
            };
            if let Some(close) = close {
                let rest = b.get(i + 1..).unwrap_or_default();
                let end = memchr::memchr(close, rest).ok_or_else(|| bad(s, "unclosed segment"))?;
                let inner = rest.get(..end).unwrap_or_default();
                let mut members = Vec::new();
                for tok in inner
                    .split(|ch| *ch == b',' || ch.is_ascii_whitespace())
                    .filter(|t| !t.is_empty())
                {
                    members.push(Asn::parse_bytes(tok).map_err(|_| bad(s, "bad ASN in segment"))?);
                    total += 1;
                    if total > MAX_AS_PATH_LEN {
                        return Err(bad(s, "path too long"));
                    }
                }
                if members.is_empty() {
                    return Err(bad(s, "empty segment"));
                }
                if !seq.is_empty() {
                    segments.push(Segment::Sequence(std::mem::take(&mut seq)));
                }
                segments.push(match c {
                    b'{' => Segment::Set(members),
                    b'(' => Segment::ConfedSequence(members),
                    _ => Segment::ConfedSet(members),
                });
                i += end + 2;
            } else {
                let start = i;
                while b.get(i).is_some_and(|ch| {
                    !ch.is_ascii_whitespace() && !matches!(ch, b'{' | b'(' | b'[')
                }) {
                    i += 1;
                }
                let tok = b.get(start..i).unwrap_or_default();
                let asn = match parse_plain(tok) {
                    Some(a) => a,
                    None => Asn::parse_bytes(tok).map_err(|_| bad(s, "bad ASN"))?,
                };
                if seq.capacity() == 0 {
                    seq.reserve(8);
                }
                seq.push(asn);
                total += 1;
                if total > MAX_AS_PATH_LEN {
                    return Err(bad(s, "path too long"));
                }
            }
        }
        if !seq.is_empty() {
            segments.push(Segment::Sequence(seq));
        }
        Ok(AsPath { segments })
    }

    /// The origin AS per RFC 6811 §2: the rightmost AS of the final segment
    /// when it is an AS_SEQUENCE; `None` when the path is empty or ends in an
    /// AS_SET (or a confederation segment), in which case the route has no
    /// origin and any covered route is `invalid`.
    pub fn origin(&self) -> Option<Asn> {
        match self.segments.last()? {
            Segment::Sequence(v) => v.last().copied(),
            _ => None,
        }
    }

    /// The neighbour AS: the leftmost AS when the first segment is an
    /// AS_SEQUENCE, else `None` (empty path, or a path that starts with an
    /// AS_SET or a confederation segment).
    pub fn neighbor(&self) -> Option<Asn> {
        match self.segments.first()? {
            Segment::Sequence(v) => v.first().copied(),
            _ => None,
        }
    }

    /// Whether the path holds no AS at all.
    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(|s| s.asns().is_empty())
    }

    /// Whether an AS_SET or an AS_CONFED_SET is present.
    pub fn has_set(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s, Segment::Set(_) | Segment::ConfedSet(_)))
    }

    /// Every AS of every segment, in wire order (set members in their
    /// stored order).
    pub fn asns(&self) -> impl Iterator<Item = Asn> + '_ {
        self.segments.iter().flat_map(|s| s.asns().iter().copied())
    }

    /// Every AS outside confederation segments, in wire order: the ASes
    /// the route crossed between autonomous systems (a confederation's
    /// member ASes, RFC 5065, are internal to it and usually private).
    pub fn external_asns(&self) -> impl Iterator<Item = Asn> + '_ {
        self.segments
            .iter()
            .filter(|s| !s.is_confed())
            .flat_map(|s| s.asns().iter().copied())
    }

    /// The path length of RFC 4271 §9.1.2.2 (b): each AS of an AS_SEQUENCE
    /// counts one (prepends included), an AS_SET counts one whatever its
    /// size, and confederation segments count zero (RFC 5065 §5.3).
    pub fn length(&self) -> usize {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Sequence(v) => v.len(),
                Segment::Set(v) => usize::from(!v.is_empty()),
                Segment::ConfedSequence(_) | Segment::ConfedSet(_) => 0,
            })
            .sum()
    }

    /// The prepend-compressed AS_SEQUENCE, leftmost first: confederation
    /// segments dropped, consecutive duplicates collapsed (also across
    /// segment boundaries). `None` when the path holds an AS_SET (ASPA and
    /// valley-free checks cannot order its members). An AS_CONFED_SET is a
    /// confederation segment and is dropped, although [`AsPath::has_set`]
    /// reports it.
    pub fn compressed_sequence(&self) -> Option<Vec<Asn>> {
        let mut out = Vec::with_capacity(self.length());
        self.compressed_into(&mut out).then_some(out)
    }

    /// Like [`AsPath::compressed_sequence`] but writes into `out` (cleared
    /// first), so a caller looping over many paths reuses one buffer.
    /// Returns `false` (with `out` empty) when the path holds an AS_SET.
    pub fn compressed_into(&self, out: &mut Vec<Asn>) -> bool {
        out.clear();
        if self.segments.iter().any(|s| matches!(s, Segment::Set(_))) {
            return false;
        }
        out.extend(self.compressed_asns());
        true
    }

    /// The ASNs of the AS_SEQUENCE segments, leftmost first, prepends
    /// collapsed ([`collapse_prepends`], also across segment boundaries);
    /// AS_SETs and confederation segments are skipped. Without an AS_SET
    /// this is [`AsPath::compressed_sequence`], without allocating.
    pub fn compressed_asns(&self) -> CollapsePrepends<impl Iterator<Item = Asn> + '_> {
        collapse_prepends(
            self.segments
                .iter()
                .filter_map(|s| match s {
                    Segment::Sequence(v) => Some(v.iter().copied()),
                    _ => None,
                })
                .flatten(),
        )
    }

    /// The same path with AS-path prepending removed: consecutive duplicate
    /// ASNs inside each AS_SEQUENCE and AS_CONFED_SEQUENCE collapse to one,
    /// as do duplicates across two adjacent segments of the same sequence
    /// kind. Sets are kept as they are; empty segments are dropped.
    pub fn dedup_prepends(&self) -> AsPath {
        let mut segments: Vec<Segment> = Vec::with_capacity(self.segments.len());
        for seg in &self.segments {
            match seg {
                Segment::Sequence(v) | Segment::ConfedSequence(v) => {
                    let confed = seg.is_confed();
                    let mut prev = match segments.last() {
                        Some(Segment::Sequence(p)) if !confed => p.last().copied(),
                        Some(Segment::ConfedSequence(p)) if confed => p.last().copied(),
                        _ => None,
                    };
                    let mut out = Vec::with_capacity(v.len());
                    for &a in v {
                        if prev != Some(a) {
                            out.push(a);
                        }
                        prev = Some(a);
                    }
                    if !out.is_empty() {
                        segments.push(if confed {
                            Segment::ConfedSequence(out)
                        } else {
                            Segment::Sequence(out)
                        });
                    }
                }
                Segment::Set(v) | Segment::ConfedSet(v) => {
                    if !v.is_empty() {
                        segments.push(seg.clone());
                    }
                }
            }
        }
        AsPath { segments }
    }
}

fn bad(s: &str, why: &str) -> ModelError {
    let shown: String = s.chars().take(200).collect();
    ModelError::InvalidAsPath(format!("{shown:?}: {why}"))
}

/// Plain decimal digits (1–10, no sign) to an ASN; `None` for anything else
/// (the caller then uses the full parser, which decides).
#[inline]
fn parse_plain(tok: &[u8]) -> Option<Asn> {
    if tok.is_empty() || tok.len() > 10 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in tok {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    u32::try_from(v).ok().map(Asn::new)
}

/// Collapses AS-path prepending in a run of path elements: consecutive
/// repeats of one element become one (`1 2 2 2 3 2` → `1 2 3 2`). The one
/// prepend-compression rule of the crate; ASPA (draft-ietf-sidrops-aspa-
/// verification, the COMPRESSED_AS_PATH) and route-leak detection both walk
/// paths through it. Lazy and allocation-free.
pub fn collapse_prepends<I: IntoIterator>(items: I) -> CollapsePrepends<I::IntoIter>
where
    I::Item: PartialEq + Copy,
{
    CollapsePrepends {
        inner: items.into_iter(),
        last: None,
    }
}

/// The iterator of [`collapse_prepends`].
#[derive(Clone, Debug)]
pub struct CollapsePrepends<I: Iterator> {
    inner: I,
    last: Option<I::Item>,
}

impl<I> Iterator for CollapsePrepends<I>
where
    I: Iterator,
    I::Item: PartialEq + Copy,
{
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        loop {
            let x = self.inner.next()?;
            if self.last != Some(x) {
                self.last = Some(x);
                return Some(x);
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lo, hi) = self.inner.size_hint();
        (lo.min(1), hi)
    }
}

impl std::str::FromStr for AsPath {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AsPath::parse(s)
    }
}

impl fmt::Display for AsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.segments {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            let (open, close, v) = match seg {
                Segment::Sequence(v) => ("", "", v),
                Segment::Set(v) => ("{", "}", v),
                Segment::ConfedSequence(v) => ("(", ")", v),
                Segment::ConfedSet(v) => ("[", "]", v),
            };
            let sep = if open == "{" || open == "[" { "," } else { " " };
            f.write_str(open)?;
            for (i, a) in v.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{}", a.get())?;
            }
            f.write_str(close)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    #[test]
    fn origin_rules() {
        let p = AsPath::parse("64500 64501 64502").unwrap();
        assert_eq!(p.origin(), Some(Asn::new(64502)));
        let p = AsPath::parse("64500 64501 {64502,64503}").unwrap();
        assert_eq!(p.origin(), None);
        assert_eq!(p.to_string(), "64500 64501 {64502,64503}");
        let p = AsPath::parse("64500 {64502 64503} 64504").unwrap();
        assert_eq!(p.origin(), Some(Asn::new(64504)));
        assert_eq!(AsPath::parse("").unwrap().origin(), None);
        assert_eq!(
            AsPath::parse("(65001 65002) 64500").unwrap().origin(),
            Some(Asn::new(64500))
        );
        assert!(AsPath::parse("64500 {").is_err());
        assert!(AsPath::parse("64500 {}").is_err());
        assert!(AsPath::parse("64500 x").is_err());
    }

    #[test]
    fn parse_forms() {
        let p =
            AsPath::parse("  AS64500\t1.10 {1,2 3}(65001 65002)[65003,65004] 4200000000 ").unwrap();
        assert_eq!(
            p.segments,
            vec![
                Segment::Sequence(vec![a(64500), a(65546)]),
                Segment::Set(vec![a(1), a(2), a(3)]),
                Segment::ConfedSequence(vec![a(65001), a(65002)]),
                Segment::ConfedSet(vec![a(65003), a(65004)]),
                Segment::Sequence(vec![a(4_200_000_000)]),
            ]
        );
        assert_eq!(
            p.to_string(),
            "64500 65546 {1,2,3} (65001 65002) [65003,65004] 4200000000"
        );
        for bad in [
            "1 2}",
            "4294967296",
            "1 -2",
            "{1,}x",
            "(",
            "[]",
            "1 2 {3",
            "1.65536",
        ] {
            assert!(AsPath::parse(bad).is_err(), "{bad:?}");
        }
        let long = vec!["1"; MAX_AS_PATH_LEN + 1].join(" ");
        assert!(AsPath::parse(&long).is_err());
        let ok = vec!["1"; MAX_AS_PATH_LEN].join(" ");
        assert_eq!(AsPath::parse(&ok).unwrap().length(), MAX_AS_PATH_LEN);
        let long_set = format!("{{{}}}", vec!["1"; MAX_AS_PATH_LEN + 1].join(","));
        assert!(AsPath::parse(&long_set).is_err());
    }

    #[test]
    fn neighbor_length_sets() {
        let p = AsPath::parse("64500 64500 64501 {64502,64503,64504}").unwrap();
        assert_eq!(p.neighbor(), Some(a(64500)));
        assert_eq!(p.length(), 4);
        assert!(p.has_set());
        assert!(!p.is_empty());
        assert_eq!(
            p.asns().collect::<Vec<_>>(),
            vec![a(64500), a(64500), a(64501), a(64502), a(64503), a(64504)]
        );
        let c = AsPath::parse("(65001 65002) 64500 64501").unwrap();
        assert_eq!(c.neighbor(), None);
        assert_eq!(c.length(), 2);
        assert!(!c.has_set());
        assert_eq!(c.compressed_sequence(), Some(vec![a(64500), a(64501)]));
        let cs = AsPath::parse("64500 [65001,65002] 64501").unwrap();
        assert!(cs.has_set());
        assert_eq!(cs.length(), 2);
        assert_eq!(cs.compressed_sequence(), Some(vec![a(64500), a(64501)]));
        let s = AsPath::parse("{64500} 64501").unwrap();
        assert_eq!(s.neighbor(), None);
        assert_eq!(s.compressed_sequence(), None);
        let e = AsPath::parse("").unwrap();
        assert!(e.is_empty());
        assert_eq!(e.neighbor(), None);
        assert_eq!(e.length(), 0);
        assert_eq!(e.compressed_sequence(), Some(vec![]));
        let hollow = AsPath {
            segments: vec![Segment::Sequence(vec![]), Segment::Set(vec![])],
        };
        assert!(hollow.is_empty());
        assert_eq!(hollow.length(), 0);
        assert_eq!(hollow.neighbor(), None);
    }

    #[test]
    fn prepends() {
        let p = AsPath::parse("1 1 1 2 (65000 65000) 2 2 3 {4,4} 5 5").unwrap();
        assert_eq!(p.dedup_prepends().to_string(), "1 2 (65000) 2 3 {4,4} 5");
        assert_eq!(p.compressed_sequence(), None);
        let q = AsPath::parse("1 1 (65000) 1 2 2").unwrap();
        assert_eq!(q.compressed_sequence(), Some(vec![a(1), a(2)]));
        let r = AsPath {
            segments: vec![
                Segment::Sequence(vec![a(1), a(2)]),
                Segment::Sequence(vec![a(2), a(3)]),
            ],
        };
        assert_eq!(r.dedup_prepends().to_string(), "1 2 3");
        assert_eq!(r.dedup_prepends().length(), 3);
        let mut buf = vec![a(9)];
        assert!(r.compressed_into(&mut buf));
        assert_eq!(buf, vec![a(1), a(2), a(3)]);
    }

    fn arb_segment() -> impl Strategy<Value = Segment> {
        let asns = || proptest::collection::vec((0u32..6).prop_map(Asn::new), 1..5);
        let big = || proptest::collection::vec(any::<u32>().prop_map(Asn::new), 1..4);
        prop_oneof![
            4 => asns().prop_map(Segment::Sequence),
            1 => big().prop_map(Segment::Sequence),
            1 => asns().prop_map(Segment::Set),
            1 => asns().prop_map(Segment::ConfedSequence),
            1 => asns().prop_map(Segment::ConfedSet),
        ]
    }

    /// Text parsing cannot produce two adjacent AS_SEQUENCE segments: merge
    /// them so that generated paths are in parse's canonical form.
    fn canonical(segments: Vec<Segment>) -> AsPath {
        let mut out: Vec<Segment> = Vec::new();
        for s in segments {
            match (out.last_mut(), s) {
                (Some(Segment::Sequence(p)), Segment::Sequence(v)) => p.extend(v),
                (_, s) => out.push(s),
            }
        }
        AsPath { segments: out }
    }

    /// The obvious reference: flatten the sequences, then drop repeats.
    fn reference_compressed(p: &AsPath) -> Option<Vec<Asn>> {
        let mut flat = Vec::new();
        for s in &p.segments {
            match s {
                Segment::Set(_) => return None,
                Segment::Sequence(v) => flat.extend(v.iter().copied()),
                _ => {}
            }
        }
        let mut out: Vec<Asn> = Vec::new();
        for x in flat {
            if out.last() != Some(&x) {
                out.push(x);
            }
        }
        Some(out)
    }

    proptest! {
        #[test]
        fn collapse_prepends_is_dedup(v in proptest::collection::vec(0u32..4, 0..40)) {
            let mut want = v.clone();
            want.dedup();
            prop_assert_eq!(collapse_prepends(v.iter().copied()).collect::<Vec<_>>(), want);
        }

        #[test]
        fn display_parse_roundtrip(segs in proptest::collection::vec(arb_segment(), 0..6)) {
            let p = canonical(segs);
            let text = p.to_string();
            prop_assert_eq!(AsPath::parse(&text).unwrap(), p.clone());
            prop_assert_eq!(text.parse::<AsPath>().unwrap(), p);
        }

        #[test]
        fn compressed_matches_reference(segs in proptest::collection::vec(arb_segment(), 0..6)) {
            let p = AsPath { segments: segs };
            let got = p.compressed_sequence();
            prop_assert_eq!(&got, &reference_compressed(&p));
            // Prepend removal never changes the compressed sequence, the
            // neighbour or the origin, and never lengthens the path.
            let d = p.dedup_prepends();
            prop_assert_eq!(d.compressed_sequence(), got);
            prop_assert!(d.length() <= p.length());
            prop_assert_eq!(d.has_set(), p.has_set());
            prop_assert_eq!(d.asns().count() <= p.asns().count(), true);
        }

        #[test]
        fn length_counts(segs in proptest::collection::vec(arb_segment(), 0..6)) {
            let p = AsPath { segments: segs };
            let mut n = 0;
            for s in &p.segments {
                n += match s {
                    Segment::Sequence(v) => v.len(),
                    Segment::Set(_) => 1,
                    _ => 0,
                };
            }
            prop_assert_eq!(p.length(), n);
        }

        #[test]
        fn parse_never_panics(s in "[0-9 ,{}()\\[\\]ASas.]{0,40}") {
            let _ = AsPath::parse(&s);
        }
    }
}
