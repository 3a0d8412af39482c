//! Route input lines for `routeguard validate`.
//!
//! A line is `PREFIX ORIGIN`, the two separated by spaces, tabs and/or a
//! comma. ORIGIN is an ASN (`64500`, `AS64500`, asdot `1.10`). When more than
//! one field follows the prefix, the rest of the line is an AS path
//! (`64496 64497 64500`, AS_SET as `{64501,64502}`, separated like the
//! fields) and the origin is taken from it as RFC 6811 says: the last AS of a
//! final AS_SEQUENCE, none when the path ends in an AS_SET (a covered route
//! is then `invalid`). Blank lines and lines starting with `#` are skipped;
//! text after a `#` is a comment.

use routeguard::{AsPath, Asn, Prefix};

/// A route to validate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The announced prefix.
    pub prefix: Prefix,
    /// The origin; `None` when the AS path yields none.
    pub origin: Option<Asn>,
}

fn is_sep(c: char) -> bool {
    c == ' ' || c == '\t' || c == ','
}

/// Parses one input line. `Ok(None)` for blank and comment lines. The error
/// is a message without location (the caller adds the line number).
pub fn parse_line(line: &str, relaxed: bool) -> Result<Option<Route>, String> {
    let line = match line.find('#') {
        Some(i) => line.get(..i).unwrap_or(""),
        None => line,
    };
    let line = line.trim_matches(|c: char| is_sep(c) || c == '\r' || c == '\n');
    if line.is_empty() {
        return Ok(None);
    }
    let (prefix_text, rest) = match line.find(is_sep) {
        Some(i) => (line.get(..i).unwrap_or(""), line.get(i..).unwrap_or("")),
        None => (line, ""),
    };
    let rest = rest.trim_start_matches(is_sep);
    let prefix = if relaxed {
        Prefix::parse_relaxed(prefix_text)
    } else {
        Prefix::parse(prefix_text)
    }
    .map_err(|e| e.to_string())?;
    if rest.is_empty() {
        return Err(format!(
            "missing origin AS after {prefix_text:?} (expected PREFIX ORIGIN)"
        ));
    }
    let origin = parse_origin(rest)?;
    Ok(Some(Route { prefix, origin }))
}

/// Parses what follows the prefix: one ASN, or an AS path.
pub fn parse_origin(rest: &str) -> Result<Option<Asn>, String> {
    let single =
        !rest.contains(|c: char| is_sep(c) || matches!(c, '{' | '}' | '(' | ')' | '[' | ']'));
    if single {
        return Asn::parse(rest).map(Some).map_err(|e| e.to_string());
    }
    // An AS path: commas outside brackets separate ASes like spaces do.
    let mut depth = 0u32;
    let text: String = rest
        .chars()
        .map(|c| {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if c == ',' && depth == 0 {
                ' '
            } else {
                c
            }
        })
        .collect();
    AsPath::parse(&text)
        .map(|p| p.origin())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(line: &str) -> Option<Route> {
        parse_line(line, false).ok().flatten()
    }

    fn origin(line: &str) -> Option<u32> {
        route(line).and_then(|r| r.origin).map(Asn::get)
    }

    #[test]
    fn separators_and_forms() {
        for line in [
            "192.0.2.0/24 64500",
            "192.0.2.0/24\t64500",
            "192.0.2.0/24,64500",
            "192.0.2.0/24, AS64500",
            "  192.0.2.0/24   as64500  \r\n",
            "192.0.2.0/24 AS64500 # comment",
            "192.0.2.0/24 0.64500",
        ] {
            assert_eq!(origin(line), Some(64500), "{line:?}");
        }
        assert_eq!(
            route("192.0.2.0/24 64500").map(|r| r.prefix.len()),
            Some(24)
        );
    }

    #[test]
    fn skips_blank_and_comments() {
        assert_eq!(parse_line("", false), Ok(None));
        assert_eq!(parse_line("   \t", false), Ok(None));
        assert_eq!(parse_line("# 192.0.2.0/24 1", false), Ok(None));
        assert_eq!(parse_line("  # x", false), Ok(None));
    }

    #[test]
    fn as_paths() {
        assert_eq!(origin("192.0.2.0/24 64496 64497 64500"), Some(64500));
        assert_eq!(origin("192.0.2.0/24,64496,64497,64500"), Some(64500));
        assert_eq!(origin("192.0.2.0/24\t64496 AS64500"), Some(64500));
        let r = route("192.0.2.0/24 64496 {64500,64501}");
        assert!(r.is_some());
        assert_eq!(r.and_then(|r| r.origin), None);
        assert_eq!(
            origin("192.0.2.0/24,64496,{64500,64501},64502"),
            Some(64502)
        );
    }

    #[test]
    fn errors() {
        assert!(parse_line("192.0.2.1/24 64500", false).is_err());
        assert!(parse_line("192.0.2.0/24", false)
            .unwrap_err()
            .contains("missing origin"));
        assert!(parse_line("192.0.2.0/24 ASx", false).is_err());
        assert!(parse_line("192.0.2.0/24 4294967296", false).is_err());
        assert!(parse_line("192.0.2.0/24 64500 x", false).is_err());
        assert!(parse_line("nonsense 1", false).is_err());
    }

    #[test]
    fn relaxed() {
        let r = parse_line("192.0.2.1/24 64500", true).ok().flatten();
        assert_eq!(
            r.map(|r| r.prefix.to_string()),
            Some("192.0.2.0/24".to_owned())
        );
        let r = parse_line("192.0.2.1 64500", true).ok().flatten();
        assert_eq!(r.map(|r| r.prefix.len()), Some(32));
    }
}
