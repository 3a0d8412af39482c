//! BGP AS paths (RFC 4271 §5.1.2, RFC 5065 confederation segments) and the
//! route origin as RFC 6811 §2 derives it.

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
    /// whitespace, `{…}` an AS_SET (members separated by commas and/or
    /// spaces), `(…)` an AS_CONFED_SEQUENCE and `[…]` an AS_CONFED_SET.
    /// ASNs may carry the `AS` prefix. An empty string is the empty path.
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        let bad = |why: &str| ModelError::InvalidAsPath(format!("{s:?}: {why}"));
        let mut segments: Vec<Segment> = Vec::new();
        let mut seq: Vec<Asn> = Vec::new();
        let mut total = 0usize;
        let mut rest = s.trim();
        while !rest.is_empty() {
            let c = rest.as_bytes().first().copied().unwrap_or(b' ');
            let close = match c {
                b'{' => Some(b'}'),
                b'(' => Some(b')'),
                b'[' => Some(b']'),
                _ => None,
            };
            if let Some(close) = close {
                let end = rest
                    .bytes()
                    .position(|b| b == close)
                    .ok_or_else(|| bad("unclosed segment"))?;
                let inner = rest.get(1..end).ok_or_else(|| bad("bad segment"))?;
                let mut members = Vec::new();
                for tok in inner
                    .split(|ch: char| ch == ',' || ch.is_whitespace())
                    .filter(|t| !t.is_empty())
                {
                    members.push(Asn::parse(tok).map_err(|_| bad("bad ASN in segment"))?);
                }
                if members.is_empty() {
                    return Err(bad("empty segment"));
                }
                total += members.len();
                if !seq.is_empty() {
                    segments.push(Segment::Sequence(std::mem::take(&mut seq)));
                }
                segments.push(match c {
                    b'{' => Segment::Set(members),
                    b'(' => Segment::ConfedSequence(members),
                    _ => Segment::ConfedSet(members),
                });
                rest = rest.get(end + 1..).unwrap_or("").trim_start();
            } else {
                let end = rest
                    .find(|ch: char| ch.is_whitespace() || matches!(ch, '{' | '(' | '['))
                    .unwrap_or(rest.len());
                let tok = rest.get(..end).unwrap_or("");
                seq.push(Asn::parse(tok).map_err(|_| bad("bad ASN"))?);
                total += 1;
                rest = rest.get(end..).unwrap_or("").trim_start();
            }
            if total > MAX_AS_PATH_LEN {
                return Err(bad("path too long"));
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
}
