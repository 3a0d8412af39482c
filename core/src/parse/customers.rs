//! The single-homed customers file of `routeguard antispoof`: which router
//! interface each customer sits behind and the prefixes it may send from,
//! for source address validation (BCP 38, RFC 2827; BCP 84, RFC 3704).
//!
//! One line per interface: the interface name, then its prefixes separated
//! by blanks (IPv4 and IPv6 mixed; strict, no host bits). `#` starts a
//! comment; blank lines are skipped; an interface named on several lines
//! collects all their prefixes; an interface with no prefix gets a filter
//! that drops everything it sends.
//!
//! ```text
//! # interface      prefixes
//! xe-0/0/1.100     192.0.2.0/24 2001:db8:100::/48
//! xe-0/0/1.100     198.51.100.0/25
//! ge-0/0/2.0       203.0.113.0/24
//! ```
//!
//! Errors carry the line and column of the bad prefix. Limits: a line of at
//! most [`MAX_LINE_LEN`] bytes, at most [`MAX_PREFIXES`] prefixes in all
//! ([`ParseErrorKind::Limit`]).
//!
//! ```
//! use routeguard::parse::customers::parse_customers;
//! let c = parse_customers(b"eth1 192.0.2.0/24 # Example customer\n").unwrap();
//! assert_eq!(c[0].interface, "eth1");
//! assert_eq!(c[0].prefixes[0].to_string(), "192.0.2.0/24");
//! ```

use super::{ParseError, ParseErrorKind};
use crate::model::Prefix;

/// Longest line accepted, in bytes.
pub const MAX_LINE_LEN: usize = 1 << 20;
/// Most prefixes in one file.
pub const MAX_PREFIXES: usize = 10_000_000;

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerLine {
    /// The interface.
    pub interface: String,
    /// Its prefixes, in line order.
    pub prefixes: Vec<Prefix>,
    /// The 1-based line.
    pub line: usize,
}

/// Reads a customers file.
pub fn parse_customers(input: &[u8]) -> Result<Vec<CustomerLine>, ParseError> {
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let mut out = Vec::new();
    let mut total = 0usize;
    for (i, raw) in input.split(|b| *b == b'\n').enumerate() {
        let line = i + 1;
        if raw.len() > MAX_LINE_LEN {
            return Err(ParseError::at(
                line,
                0,
                ParseErrorKind::Limit(format!("line longer than {MAX_LINE_LEN} bytes")),
            ));
        }
        let text =
            std::str::from_utf8(raw).map_err(|_| ParseError::at(line, 0, ParseErrorKind::Utf8))?;
        let text = text.split('#').next().unwrap_or_default();
        let mut words = text.split_ascii_whitespace().map(|w| {
            (
                w,
                (w.as_ptr() as usize).saturating_sub(raw.as_ptr() as usize) + 1,
            )
        });
        let Some((interface, _)) = words.next() else {
            continue;
        };
        let mut prefixes = Vec::new();
        for (w, col) in words {
            total += 1;
            if total > MAX_PREFIXES {
                return Err(ParseError::at(
                    line,
                    col,
                    ParseErrorKind::Limit(format!("more than {MAX_PREFIXES} prefixes")),
                ));
            }
            prefixes.push(
                Prefix::parse(w)
                    .map_err(|e| ParseError::at(line, col, ParseErrorKind::Model(e)))?,
            );
        }
        out.push(CustomerLine {
            interface: interface.to_owned(),
            prefixes,
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_columns() {
        let c = parse_customers(b"# x\n\nxe-0/0/1.100  192.0.2.0/24 2001:db8::/32\r\nge-0/0/2\n")
            .unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].line, c[0].prefixes.len()), (3, 2));
        assert!(c[1].prefixes.is_empty());
        let e = parse_customers(b"eth1 192.0.2.0/24\neth2  192.0.2.1/24\n").unwrap_err();
        assert_eq!(
            (e.line(), e.location.column, e.code()),
            (2, 7, "host-bits-set")
        );
        let e = parse_customers(b"eth1 \xff\n").unwrap_err();
        assert_eq!(e.code(), "invalid-utf8");
    }
}
