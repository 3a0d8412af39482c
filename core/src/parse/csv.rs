//! The CSV loader: Routinator `csv` (`ASN,IP Prefix,Max Length,Trust
//! Anchor`), `csvcompat` (every field quoted), `csvext` (`URI,ASN,IP
//! Prefix,Max Length,Not Before,Not After`) and rpki-client's CSV (`ASN,IP
//! Prefix,Max Length,Trust Anchor,Expires`).
//!
//! Columns are found by their header names, so any order and any subset with
//! `ASN` and `IP Prefix` loads; without a header the Routinator order is
//! assumed. `N/A` means "unknown". Blank lines and `#` comment lines are
//! skipped; CRLF line ends are accepted.

use std::borrow::Cow;
use std::sync::Arc;

use super::{
    parse_prefix, Ctx, Format, LoadOptions, Loaded, ParseError, ParseErrorKind, MAX_RECORD_LEN,
};
use crate::diag::Location;
use crate::model::{parse_u32_digits, Asn, Vrp, VrpSet, VrpSource};

/// Column positions.
#[derive(Debug, Clone, Copy)]
struct Cols {
    asn: usize,
    prefix: usize,
    max_len: Option<usize>,
    ta: Option<usize>,
    expires: Option<usize>,
    uri: Option<usize>,
    not_before: Option<usize>,
    not_after: Option<usize>,
}

const DEFAULT_COLS: Cols = Cols {
    asn: 0,
    prefix: 1,
    max_len: Some(2),
    ta: Some(3),
    expires: Some(4),
    uri: None,
    not_before: None,
    not_after: None,
};

fn header_cols(fields: &[Cow<'_, str>]) -> Option<Cols> {
    let find = |names: &[&str]| {
        fields
            .iter()
            .position(|f| names.iter().any(|n| f.trim().eq_ignore_ascii_case(n)))
    };
    let asn = find(&["ASN", "AS"])?;
    let prefix = find(&["IP Prefix", "Prefix"])?;
    Some(Cols {
        asn,
        prefix,
        max_len: find(&["Max Length", "MaxLength", "Max Len"]),
        ta: find(&["Trust Anchor", "TA"]),
        expires: find(&["Expires"]),
        uri: find(&["URI"]),
        not_before: find(&["Not Before"]),
        not_after: find(&["Not After"]),
    })
}

/// Splits one CSV line (RFC 4180 quoting) into `out`.
pub(crate) fn split_fields<'a>(
    line: &'a str,
    out: &mut Vec<Cow<'a, str>>,
) -> Result<(), &'static str> {
    out.clear();
    let mut rest = line;
    loop {
        if let Some(body) = rest.strip_prefix('"') {
            // Quoted field: up to the closing quote not followed by another.
            let mut owned: Option<String> = None;
            let mut r = body;
            loop {
                let q = r.find('"').ok_or("unterminated quoted field")?;
                let (chunk, after) = r.split_at(q);
                let after = after.get(1..).unwrap_or_default();
                if let Some(after2) = after.strip_prefix('"') {
                    owned.get_or_insert_with(String::new).push_str(chunk);
                    if let Some(o) = owned.as_mut() {
                        o.push('"');
                    }
                    r = after2;
                    continue;
                }
                let field = match owned.take() {
                    Some(mut o) => {
                        o.push_str(chunk);
                        Cow::Owned(o)
                    }
                    None => Cow::Borrowed(body.get(..q).unwrap_or_default()),
                };
                out.push(field);
                rest = after;
                break;
            }
            match rest.strip_prefix(',') {
                Some(r) => rest = r,
                None if rest.is_empty() => return Ok(()),
                None => return Err("text after a closing quote"),
            }
        } else {
            match rest.find(',') {
                Some(i) => {
                    out.push(Cow::Borrowed(rest.get(..i).unwrap_or_default()));
                    rest = rest.get(i + 1..).unwrap_or_default();
                }
                None => {
                    out.push(Cow::Borrowed(rest));
                    return Ok(());
                }
            }
        }
    }
}

/// Loads CSV.
pub fn load_csv(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let mut ctx = Ctx::new(input, opts);
    let s = match std::str::from_utf8(input) {
        Ok(s) => s,
        Err(e) => return Err(ctx.error_at(e.valid_up_to(), ParseErrorKind::Utf8)),
    };
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let mut set = VrpSet::new();
    set.vrps.reserve(s.len() / 48);
    let mut cols: Option<Cols> = None;
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(8);
    for (i, raw) in s.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = Location {
            line: line_no,
            column: 1,
        };
        if line.len() > MAX_RECORD_LEN {
            ctx.bad_record_at(
                at,
                ParseErrorKind::Limit(format!("line longer than {MAX_RECORD_LEN} bytes")),
            )?;
            continue;
        }
        if let Err(why) = split_fields(line, &mut fields) {
            ctx.bad_record_at(at, ParseErrorKind::Syntax(why.into()))?;
            continue;
        }
        let c = match cols {
            Some(c) => c,
            None => {
                if let Some(h) = header_cols(&fields) {
                    cols = Some(h);
                    continue;
                }
                cols = Some(DEFAULT_COLS);
                DEFAULT_COLS
            }
        };
        match record(&fields, c, &mut ctx) {
            Ok(v) => set.vrps.push(v),
            Err((field, e)) => {
                let column = field_column(line, fields.get(field));
                ctx.bad_record_at(
                    Location {
                        line: line_no,
                        column,
                    },
                    e,
                )?;
            }
        }
    }
    Ok(ctx.finish(set, Format::Csv))
}

fn na<'b>(f: Option<&'b Cow<'_, str>>) -> Option<&'b str> {
    f.map(|f| &**f).filter(|f| !f.is_empty() && *f != "N/A")
}

/// The 1-based column of a field borrowed from `line` (1 otherwise).
pub(crate) fn field_column(line: &str, field: Option<&Cow<'_, str>>) -> usize {
    match field {
        Some(Cow::Borrowed(f)) => {
            let off = (f.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
            if off <= line.len() {
                off + 1
            } else {
                1
            }
        }
        _ => 1,
    }
}

/// A VRP from one record, or the index of the bad field and what is wrong.
fn record(
    fields: &[Cow<'_, str>],
    c: Cols,
    ctx: &mut Ctx<'_>,
) -> Result<Vrp, (usize, ParseErrorKind)> {
    let asn = fields
        .get(c.asn)
        .ok_or((0, ParseErrorKind::MissingField("ASN")))?;
    let asn = Asn::parse(asn).map_err(|e| (c.asn, e.into()))?;
    let prefix = fields
        .get(c.prefix)
        .ok_or((0, ParseErrorKind::MissingField("IP Prefix")))?;
    let prefix = parse_prefix(prefix).map_err(|e| (c.prefix, e.into()))?;
    let max_len = match c.max_len {
        Some(i) => {
            let m = fields
                .get(i)
                .ok_or((0, ParseErrorKind::MissingField("Max Length")))?;
            parse_u32_digits(m.as_bytes()).ok_or_else(|| {
                (
                    i,
                    ParseErrorKind::InvalidField {
                        field: "Max Length",
                        message: format!("{m:?} is not a number"),
                    },
                )
            })?
        }
        None => u32::from(prefix.len()),
    };
    let mut vrp = Vrp::with_max_length(prefix, max_len, asn)
        .map_err(|e| (c.max_len.unwrap_or(c.prefix), e.into()))?;
    if let Some(ta) = c.ta.and_then(|i| na(fields.get(i))) {
        vrp.ta = ctx.tas.get(ta);
    }
    if let Some(i) = c.expires {
        if let Some(e) = na(fields.get(i)) {
            vrp.expires = Some(e.parse::<i64>().map_err(|_| {
                (
                    i,
                    ParseErrorKind::InvalidField {
                        field: "Expires",
                        message: format!("{e:?} is not a number"),
                    },
                )
            })?);
        }
    }
    if let Some(uri) = c.uri.and_then(|i| na(fields.get(i))) {
        let src = VrpSource {
            kind: "roa".into(),
            uri: Some(uri.to_owned()),
            not_before: c
                .not_before
                .and_then(|i| na(fields.get(i)))
                .map(str::to_owned),
            not_after: c
                .not_after
                .and_then(|i| na(fields.get(i)))
                .map(str::to_owned),
            ..VrpSource::default()
        };
        vrp.sources = Some(Arc::from(vec![src]));
    }
    Ok(vrp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let mut v = Vec::new();
        split_fields(r#""a","b""c",d,,"e,f""#, &mut v).unwrap();
        assert_eq!(v, vec!["a", "b\"c", "d", "", "e,f"]);
        assert!(split_fields(r#""a"#, &mut v).is_err());
        assert!(split_fields(r#""a"x,b"#, &mut v).is_err());
    }

    #[test]
    fn layouts() {
        let o = LoadOptions::default();
        let l = load_csv(
            b"ASN,IP Prefix,Max Length,Trust Anchor,Expires\r\nAS1,10.0.0.0/8,16,ripe,99\r\n",
            &o,
        )
        .unwrap();
        assert_eq!(l.set.vrps[0].max_length, 16);
        assert_eq!(l.set.vrps[0].expires, Some(99));
        assert_eq!(l.set.vrps[0].ta.as_deref(), Some("ripe"));
        let l = load_csv(b"\"ASN\",\"IP Prefix\",\"Max Length\",\"Trust Anchor\"\n\"AS1\",\"10.0.0.0/8\",\"8\",\"N/A\"\n", &o).unwrap();
        assert_eq!(l.set.vrps[0].ta, None);
        let l = load_csv(
            b"URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://x/y.roa,AS1,10.0.0.0/8,8,2020-01-01 00:00:00,2021-01-01 00:00:00\nN/A,AS2,10.0.0.0/8,8,N/A,N/A\n",
            &o,
        )
        .unwrap();
        let src = &l.set.vrps[0].sources.as_ref().unwrap()[0];
        assert_eq!(src.uri.as_deref(), Some("rsync://x/y.roa"));
        assert_eq!(src.not_after.as_deref(), Some("2021-01-01 00:00:00"));
        assert!(l.set.vrps[1].sources.is_none());
        let l = load_csv(b"AS1,10.0.0.0/8,8\n64500,2001:db8::/32,48,arin\n", &o).unwrap();
        assert_eq!(l.set.vrps.len(), 2);
    }

    #[test]
    fn errors() {
        let text = b"ASN,IP Prefix,Max Length\nAS1,10.0.0.0/8,8\n\nAS1,10.0.0.1/8,8\nASx,10.0.0.0/8,8\nAS1,10.0.0.0/8\nAS1,10.0.0.0/8,7\n";
        let e = load_csv(text, &LoadOptions::default()).unwrap_err();
        assert_eq!(e.line(), 4);
        let l = load_csv(text, &LoadOptions::lenient()).unwrap();
        assert_eq!(l.set.vrps.len(), 1);
        assert_eq!(
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(),
            vec![4, 5, 6, 7]
        );
        assert_eq!(l.skipped, 4);
    }
}
