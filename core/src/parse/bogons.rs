//! Bogon prefix lists in Team Cymru's text format (`bogon-bn-agg.txt`,
//! `fullbogons-ipv4.txt`, `fullbogons-ipv6.txt`): one prefix per line, `#`
//! comment lines (the files open with `# last updated …`), blank lines.
//! CRLF line ends, surrounding whitespace and a trailing `# comment` after
//! the prefix are tolerated. Prefixes must be networks (no host bits).
//!
//! Limits: at most [`MAX_BOGON_ENTRIES`] prefixes and lines of at most
//! [`MAX_RECORD_LEN`] bytes; exceeding either is
//! [`ParseErrorKind::Limit`]. No input panics.
//!
//! ```
//! use routeguard::parse::bogons::parse_bogon_list;
//! let list = parse_bogon_list("# last updated 1700000000\n0.0.0.0/8\r\n10.0.0.0/8  \n\n").unwrap();
//! assert_eq!(list.len(), 2);
//! let err = parse_bogon_list("0.0.0.0/8\n10.0.0.1/8\n").unwrap_err();
//! assert_eq!(err.line(), 2);
//! ```

use super::{ParseError, ParseErrorKind, MAX_RECORD_LEN};
use crate::model::Prefix;

/// Most prefixes accepted in one list (Team Cymru's IPv6 full-bogon list
/// holds on the order of 10^5).
pub const MAX_BOGON_ENTRIES: usize = 10_000_000;

/// Parses a bogon list, in file order (duplicates kept).
pub fn parse_bogon_list(text: &str) -> Result<Vec<Prefix>, ParseError> {
    parse_bogon_list_limited(text, MAX_BOGON_ENTRIES)
}

/// Like [`parse_bogon_list`] with a caller-chosen entry limit.
pub fn parse_bogon_list_limited(text: &str, max_entries: usize) -> Result<Vec<Prefix>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        if raw.len() > MAX_RECORD_LEN {
            return Err(ParseError::at(
                line,
                0,
                ParseErrorKind::Limit(format!("line longer than {MAX_RECORD_LEN} bytes")),
            ));
        }
        let lead = raw.len() - raw.trim_ascii_start().len();
        let t = raw.trim_ascii();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let end = t
            .bytes()
            .position(|b| b.is_ascii_whitespace() || b == b'#')
            .unwrap_or(t.len());
        let (word, rest) = t.split_at(end);
        let rest = rest.trim_ascii_start();
        if !rest.is_empty() && !rest.starts_with('#') {
            let col = lead + 1 + (t.len() - rest.len());
            return Err(ParseError::at(
                line,
                col,
                ParseErrorKind::Syntax(format!(
                    "unexpected text after the prefix: {:?}",
                    rest.chars().take(40).collect::<String>()
                )),
            ));
        }
        let p = Prefix::parse(word).map_err(|e| ParseError::at(line, lead + 1, e.into()))?;
        if out.len() >= max_entries {
            return Err(ParseError::at(
                line,
                lead + 1,
                ParseErrorKind::Limit(format!("more than {max_entries} bogon prefixes")),
            ));
        }
        out.push(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_cymru_format() {
        let text = "# last updated 1719993600 (Wed Jul  3 08:00:00 2024 GMT)\r\n0.0.0.0/8\r\n10.0.0.0/8\r\n100.64.0.0/10 \r\n\r\n  2001:db8::/32\t# documentation\n::/8\n";
        let l = parse_bogon_list(text).unwrap();
        let s: Vec<String> = l.iter().map(Prefix::to_string).collect();
        assert_eq!(
            s,
            [
                "0.0.0.0/8",
                "10.0.0.0/8",
                "100.64.0.0/10",
                "2001:db8::/32",
                "::/8"
            ]
        );
        assert!(parse_bogon_list("").unwrap().is_empty());
        assert!(parse_bogon_list("# only\n\n").unwrap().is_empty());
    }

    #[test]
    fn errors_have_lines_and_columns() {
        let e = parse_bogon_list("0.0.0.0/8\n  10.0.0.1/8\n").unwrap_err();
        assert_eq!((e.location.line, e.location.column), (2, 3));
        let e = parse_bogon_list("0.0.0.0/8\n\n10.0.0.0/8 junk\n").unwrap_err();
        assert_eq!((e.location.line, e.location.column), (3, 12));
        assert!(matches!(e.kind, ParseErrorKind::Syntax(_)));
        let e = parse_bogon_list("10.0.0.0\n").unwrap_err();
        assert_eq!(e.line(), 1);
        let e = parse_bogon_list_limited("1.0.0.0/8\n2.0.0.0/8\n3.0.0.0/8\n", 2).unwrap_err();
        assert_eq!(e.line(), 3);
        assert!(matches!(e.kind, ParseErrorKind::Limit(_)));
        let long = "1".repeat(MAX_RECORD_LEN + 1);
        assert!(matches!(
            parse_bogon_list(&long).unwrap_err().kind,
            ParseErrorKind::Limit(_)
        ));
    }
}
