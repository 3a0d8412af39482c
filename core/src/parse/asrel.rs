//! CAIDA AS relationship files (`as-rel`), serial-1 and serial-2.
//!
//! The CAIDA AS Relationships Dataset publishes one relationship per line:
//!
//! ```text
//! # inferred clique: 174 209 286 …
//! # IXP ASes: 1200 4635 …
//! <provider-as>|<customer-as>|-1            serial-1, provider to customer
//! <peer-as>|<peer-as>|0                     serial-1, peer to peer
//! <provider-as>|<customer-as>|-1|<source>   serial-2 (source: bgp, mlp, …)
//! <peer-as>|<peer-as>|0|<source>
//! ```
//!
//! Lines starting with `#` are comments; of them the clique list
//! (`# inferred clique:`, or `# input clique:` as later files, with a
//! clique given to the inference, name it) and the `# IXP ASes:` list
//! are kept (their ASNs, in file order; tokens that are not ASNs are
//! skipped). Blank lines, CRLF line ends and surrounding spaces are
//! tolerated. Anything else is an error with its 1-based line (and the
//! column of the bad field): a relationship other than `-1` or `0`, a
//! record relating an AS to itself, a bad ASN, a missing or extra field, a
//! file mixing serial-1 and serial-2 records. Limits: [`MAX_RECORD_LEN`]
//! bytes per line, [`MAX_AS_REL_RECORDS`] records, [`MAX_LIST`] ASes in
//! each header list, [`MAX_SOURCES`] distinct serial-2 source names;
//! exceeding one gives [`ParseErrorKind::Limit`].
//!
//! [`parse_as_rel`] reads text held in memory; [`read_as_rel`] streams any
//! [`BufRead`] (a decompressor, a file) with the same rules and results.
//!
//! ```
//! use routeguard::parse::asrel::{parse_as_rel, RelKind};
//! let d = parse_as_rel("# inferred clique: 174 3356\n174|64500|-1\n174|3356|0\n").unwrap();
//! assert_eq!(d.records.len(), 2);
//! assert_eq!(d.records[0].kind, RelKind::ProviderCustomer);
//! assert_eq!(d.clique.len(), 2);
//! ```

use std::fmt;
use std::io::BufRead;

use super::{ParseError, ParseErrorKind, MAX_RECORD_LEN};
use crate::model::Asn;

/// Most relationship records accepted in one file (the 2018 file has
/// 261,340; recent serial-2 files about 500,000).
pub const MAX_AS_REL_RECORDS: usize = 20_000_000;
/// Most distinct serial-2 source names accepted (CAIDA uses a handful).
pub const MAX_SOURCES: usize = 256;

/// Most ASes kept in the clique list, and in the IXP list.
pub const MAX_LIST: usize = 1_000_000;

/// The relationship type of one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelKind {
    /// `a|b|-1`: `a` is a provider of `b`.
    ProviderCustomer,
    /// `a|b|0`: `a` and `b` are peers.
    PeerPeer,
}

impl RelKind {
    /// `p2c` or `p2p`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelKind::ProviderCustomer => "p2c",
            RelKind::PeerPeer => "p2p",
        }
    }

    /// The number CAIDA writes: `-1` or `0`.
    pub fn caida_code(self) -> i8 {
        match self {
            RelKind::ProviderCustomer => -1,
            RelKind::PeerPeer => 0,
        }
    }
}

impl fmt::Display for RelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One relationship record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AsRel {
    /// The first AS (the provider of a `p2c` record).
    pub a: Asn,
    /// The second AS (the customer of a `p2c` record).
    pub b: Asn,
    /// The relationship.
    pub kind: RelKind,
    /// Serial-2 source: an index into [`AsRelData::sources`]; `None` in
    /// serial-1 files.
    pub source: Option<u16>,
}

impl AsRel {
    /// A provider-to-customer record.
    pub fn p2c(provider: Asn, customer: Asn) -> Self {
        AsRel {
            a: provider,
            b: customer,
            kind: RelKind::ProviderCustomer,
            source: None,
        }
    }

    /// A peer-to-peer record.
    pub fn p2p(a: Asn, b: Asn) -> Self {
        AsRel {
            a,
            b,
            kind: RelKind::PeerPeer,
            source: None,
        }
    }
}

/// Which CAIDA layout a file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Serial {
    /// `a|b|rel` (BGP-inferred).
    One,
    /// `a|b|rel|source` (BGP plus traceroute and multilateral peering).
    Two,
}

impl Serial {
    /// `serial-1` or `serial-2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Serial::One => "serial-1",
            Serial::Two => "serial-2",
        }
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed `as-rel` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AsRelData {
    /// The records in file order (duplicates kept).
    pub records: Vec<AsRel>,
    /// The `# inferred clique:` (or `# input clique:`) ASes, in file order.
    pub clique: Vec<Asn>,
    /// The `# IXP ASes:` list, in file order.
    pub ixps: Vec<Asn>,
    /// Distinct serial-2 source names in order of first appearance.
    pub sources: Vec<String>,
    /// The layout of the records; `None` when there are none.
    pub serial: Option<Serial>,
}

impl AsRelData {
    /// The source name of a record (serial-2 only).
    pub fn source_name(&self, rec: &AsRel) -> Option<&str> {
        rec.source
            .and_then(|i| self.sources.get(usize::from(i)))
            .map(String::as_str)
    }

    /// Number of `p2c` and `p2p` records.
    pub fn counts(&self) -> (usize, usize) {
        let p2c = self
            .records
            .iter()
            .filter(|r| r.kind == RelKind::ProviderCustomer)
            .count();
        (p2c, self.records.len() - p2c)
    }
}

/// Parses a whole `as-rel` file held in memory.
pub fn parse_as_rel(text: &str) -> Result<AsRelData, ParseError> {
    parse_as_rel_bytes(text.as_bytes())
}

/// [`parse_as_rel`] on bytes (no UTF-8 check; records are ASCII).
pub fn parse_as_rel_bytes(input: &[u8]) -> Result<AsRelData, ParseError> {
    let mut b = Builder::default();
    let mut lineno = 0usize;
    for line in input.split(|&c| c == b'\n') {
        lineno += 1;
        if line.len() > MAX_RECORD_LEN {
            return Err(too_long(lineno));
        }
        b.line(line, lineno)?;
    }
    Ok(b.finish())
}

/// Streams an `as-rel` file from a reader (for big or compressed files);
/// same rules and results as [`parse_as_rel`]. Memory is bounded by the
/// limits: a line longer than [`MAX_RECORD_LEN`] fails without being read
/// into memory whole. Read errors give [`ParseErrorKind::Io`].
pub fn read_as_rel<R: BufRead>(mut reader: R) -> Result<AsRelData, ParseError> {
    let mut b = Builder::default();
    let mut line: Vec<u8> = Vec::new();
    let mut lineno = 0usize;
    loop {
        line.clear();
        lineno += 1;
        let ended = read_line_capped(&mut reader, &mut line, lineno)?;
        b.line(&line, lineno)?;
        if ended {
            return Ok(b.finish());
        }
    }
}

/// Reads up to and excluding `\n` into `out`; `Ok(true)` at end of input.
fn read_line_capped<R: BufRead>(
    reader: &mut R,
    out: &mut Vec<u8>,
    lineno: usize,
) -> Result<bool, ParseError> {
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ParseError::at(lineno, 0, ParseErrorKind::Io(e.to_string()))),
        };
        if buf.is_empty() {
            return Ok(true);
        }
        let (chunk, found) = match memchr::memchr(b'\n', buf) {
            Some(i) => (buf.get(..i).unwrap_or_default(), Some(i)),
            None => (buf, None),
        };
        if out.len() + chunk.len() > MAX_RECORD_LEN {
            return Err(too_long(lineno));
        }
        out.extend_from_slice(chunk);
        match found {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(false);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

fn too_long(line: usize) -> ParseError {
    ParseError::at(
        line,
        0,
        ParseErrorKind::Limit(format!("line longer than {MAX_RECORD_LEN} bytes")),
    )
}

/// Accumulates lines into an [`AsRelData`].
#[derive(Default)]
struct Builder {
    data: AsRelData,
}

impl Builder {
    fn line(&mut self, raw: &[u8], lineno: usize) -> Result<(), ParseError> {
        let line = raw.trim_ascii();
        let Some(&first) = line.first() else {
            return Ok(());
        };
        if first == b'#' {
            return self.comment(line, lineno);
        }
        // Column of the trimmed line's start within the raw line (1-based).
        let lead = raw.len() - raw.trim_ascii_start().len();
        let syntax = |col: usize, msg: String| {
            ParseError::at(lineno, lead + col + 1, ParseErrorKind::Syntax(msg))
        };
        let mut fields = [&[][..]; 4];
        let mut starts = [0usize; 4];
        let mut n = 0usize;
        let mut pos = 0usize;
        for f in line.split(|&c| c == b'|') {
            match (fields.get_mut(n), starts.get_mut(n)) {
                (Some(slot), Some(start)) => {
                    *slot = f;
                    *start = pos;
                }
                _ => {
                    return Err(syntax(
                        pos,
                        "too many fields (expected a|b|rel or a|b|rel|source)".into(),
                    ))
                }
            }
            n += 1;
            pos += f.len() + 1;
        }
        if n < 3 {
            return Err(syntax(
                0,
                "too few fields (expected a|b|rel or a|b|rel|source)".into(),
            ));
        }
        let [fa, fb, fr, fs] = fields;
        let [sa, sb, sr, ss] = starts;
        let asn = |f: &[u8], col: usize| {
            Asn::parse_bytes(f.trim_ascii())
                .map_err(|e| ParseError::at(lineno, lead + col + 1, ParseErrorKind::Model(e)))
        };
        let a = asn(fa, sa)?;
        let b = asn(fb, sb)?;
        let kind = match fr.trim_ascii() {
            b"-1" => RelKind::ProviderCustomer,
            b"0" => RelKind::PeerPeer,
            other => {
                return Err(syntax(
                    sr,
                    format!(
                        "unknown relationship {:?} (expected -1 or 0)",
                        String::from_utf8_lossy(other)
                    ),
                ))
            }
        };
        if a == b {
            return Err(syntax(0, format!("{a} related to itself")));
        }
        let serial = if n == 4 { Serial::Two } else { Serial::One };
        match self.data.serial {
            None => self.data.serial = Some(serial),
            Some(s) if s != serial => {
                return Err(syntax(0, format!("a {serial} record in a {s} file")))
            }
            Some(_) => {}
        }
        let source = if n == 4 {
            let name = fs.trim_ascii();
            if name.is_empty() || !name.iter().all(|c| c.is_ascii_graphic()) {
                return Err(syntax(ss, "empty or non-printable source".into()));
            }
            Some(self.source_id(name, lineno)?)
        } else {
            None
        };
        if self.data.records.len() >= MAX_AS_REL_RECORDS {
            return Err(ParseError::at(
                lineno,
                0,
                ParseErrorKind::Limit(format!("more than {MAX_AS_REL_RECORDS} records")),
            ));
        }
        self.data.records.push(AsRel { a, b, kind, source });
        Ok(())
    }

    fn source_id(&mut self, name: &[u8], lineno: usize) -> Result<u16, ParseError> {
        let pos = match self.data.sources.iter().position(|s| s.as_bytes() == name) {
            Some(p) => p,
            None => {
                if self.data.sources.len() >= MAX_SOURCES {
                    return Err(ParseError::at(
                        lineno,
                        0,
                        ParseErrorKind::Limit(format!("more than {MAX_SOURCES} source names")),
                    ));
                }
                self.data
                    .sources
                    .push(String::from_utf8_lossy(name).into_owned());
                self.data.sources.len() - 1
            }
        };
        u16::try_from(pos)
            .map_err(|_| ParseError::at(lineno, 0, ParseErrorKind::Limit("source index".into())))
    }

    /// Keeps the clique and IXP lists; other comments are ignored. A list
    /// token that is not an ASN is skipped (comments are free text).
    fn comment(&mut self, line: &[u8], lineno: usize) -> Result<(), ParseError> {
        let body = line.get(1..).unwrap_or_default().trim_ascii();
        let clique = strip_prefix_ci(body, b"inferred clique:")
            .or_else(|| strip_prefix_ci(body, b"input clique:"));
        let (list, rest) = if let Some(rest) = clique {
            (&mut self.data.clique, rest)
        } else if let Some(rest) = strip_prefix_ci(body, b"IXP ASes:") {
            (&mut self.data.ixps, rest)
        } else {
            return Ok(());
        };
        for t in rest.split(|c| c.is_ascii_whitespace()) {
            if let Ok(a) = Asn::parse_bytes(t) {
                if list.len() >= MAX_LIST {
                    return Err(ParseError::at(
                        lineno,
                        0,
                        ParseErrorKind::Limit(format!("more than {MAX_LIST} listed ASes")),
                    ));
                }
                list.push(a);
            }
        }
        Ok(())
    }

    fn finish(self) -> AsRelData {
        self.data
    }
}

fn strip_prefix_ci<'a>(s: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    const SERIAL1: &str = "# source:topology|BGP|20180101|ripe|rrc00\n\
# inferred clique: 174 209\n\
# IXP ASes: 1200 4635\n\
1|11537|0\n\
1|134008|-1\r\n\
  2|47149|-1  \n\
\n";

    #[test]
    fn serial1() {
        let d = parse_as_rel(SERIAL1).unwrap();
        assert_eq!(d.serial, Some(Serial::One));
        assert_eq!(d.clique, vec![Asn::new(174), Asn::new(209)]);
        assert_eq!(d.ixps, vec![Asn::new(1200), Asn::new(4635)]);
        assert_eq!(
            d.records,
            vec![
                AsRel::p2p(Asn::new(1), Asn::new(11537)),
                AsRel::p2c(Asn::new(1), Asn::new(134008)),
                AsRel::p2c(Asn::new(2), Asn::new(47149)),
            ]
        );
        assert_eq!(d.counts(), (2, 1));
        assert_eq!(
            read_as_rel(BufReader::with_capacity(3, SERIAL1.as_bytes())).unwrap(),
            d
        );
    }

    #[test]
    fn serial2_sources() {
        let t = "# input clique: 1 3 x\n1|2|-1|bgp\n3|4|0|mlp\n5|6|0|bgp\n";
        let d = parse_as_rel(t).unwrap();
        assert_eq!(d.serial, Some(Serial::Two));
        assert_eq!(d.clique, vec![Asn::new(1), Asn::new(3)]);
        assert_eq!(d.sources, vec!["bgp".to_string(), "mlp".to_string()]);
        assert_eq!(d.source_name(&d.records[1]), Some("mlp"));
        assert_eq!(d.source_name(&d.records[2]), Some("bgp"));
        assert_eq!(d.records[0].kind.caida_code(), -1);
    }

    #[test]
    fn errors_carry_lines() {
        let cases: &[(&str, usize, usize)] = &[
            ("1|2|-1\n1|2|1\n", 2, 5),
            ("1|2|-1\n\n1|x|0\n", 3, 3),
            ("1|2\n", 1, 1),
            ("1|2|0|bgp|x\n", 1, 11),
            ("7|7|0\n", 1, 1),
            ("1|2|0\n3|4|0|bgp\n", 2, 1),
            ("1|2|0|\n", 1, 7),
            ("  1|2|2\n", 1, 7),
        ];
        for (t, line, col) in cases {
            let e = parse_as_rel(t).unwrap_err();
            assert_eq!((e.line(), e.location.column), (*line, *col), "{t:?}: {e}");
            let r = read_as_rel(BufReader::with_capacity(2, t.as_bytes())).unwrap_err();
            assert_eq!(r, e);
        }
    }

    #[test]
    fn long_line_limit() {
        let mut t = String::from("1|2|0\n# ");
        t.push_str(&"x".repeat(MAX_RECORD_LEN + 1));
        let e = parse_as_rel(&t).unwrap_err();
        assert_eq!(e.line(), 2);
        assert!(matches!(e.kind, ParseErrorKind::Limit(_)));
        let r = read_as_rel(BufReader::new(t.as_bytes())).unwrap_err();
        assert_eq!(r, e);
    }
}
