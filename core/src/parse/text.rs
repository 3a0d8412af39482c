//! Loaders for the router-configuration exports: OpenBGPD `roa-set` /
//! `aspa-set` blocks (bgpd.conf(5), as rpki-client and Routinator write
//! them) and BIRD `route`/`roa` statements (BIRD 2 and 1, Routinator's
//! `bird1`/`bird2`, rpki-client's BIRD output with its `roa4 table`,
//! `protocol static { … }` wrapping and `route aspa C providers P, …;`).
//!
//! Both share one tokenizer: words, `{`, `}`, `;`, `,`, double-quoted
//! strings; comments `# …`, `// …` and `/* … */` are skipped. In lenient mode
//! a bad entry is skipped up to the end of its line (openbgpd) or statement
//! (bird).

use super::{
    parse_prefix, Ctx, Format, LoadOptions, Loaded, ParseError, ParseErrorKind, MAX_PROVIDERS,
    MAX_RECORD_LEN,
};
use crate::diag::Location;
use crate::model::{parse_u32_digits, Asn, Aspa, Vrp, VrpSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Open,
    Close,
    Semi,
    Comma,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    tok: Tok<'a>,
    at: Location,
}

struct Lexer<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    peeked: Option<Option<Token<'a>>>,
    /// Set once the lexer has failed: its errors are always fatal.
    failed: bool,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Self {
        let pos = if s.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            s,
            b: s.as_bytes(),
            pos,
            line: 1,
            line_start: 0,
            peeked: None,
            failed: false,
        }
    }

    fn loc(&self) -> Location {
        Location {
            line: self.line,
            column: self.pos - self.line_start + 1,
        }
    }

    fn newline(&mut self, at: usize) {
        self.line += 1;
        self.line_start = at + 1;
    }

    fn skip_to_eol(&mut self) {
        let rest = self.b.get(self.pos..).unwrap_or_default();
        self.pos += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    }

    fn lex(&mut self) -> Result<Option<Token<'a>>, ParseError> {
        let r = self.lex_inner();
        if r.is_err() {
            self.failed = true;
        }
        r
    }

    fn lex_inner(&mut self) -> Result<Option<Token<'a>>, ParseError> {
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                return Ok(None);
            };
            match c {
                b'\n' => {
                    self.newline(self.pos);
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | b'\x0c' => self.pos += 1,
                b'#' => self.skip_to_eol(),
                b'/' if self.b.get(self.pos + 1) == Some(&b'/') => self.skip_to_eol(),
                b'/' if self.b.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.loc();
                    let rest = self.b.get(self.pos + 2..).unwrap_or_default();
                    let end = memchr::memmem::find(rest, b"*/").ok_or(ParseError {
                        location: start,
                        kind: ParseErrorKind::Syntax("unterminated /* comment".into()),
                    })?;
                    let body_start = self.pos + 2;
                    for nl in memchr::memchr_iter(b'\n', rest.get(..end).unwrap_or_default()) {
                        self.newline(body_start + nl);
                    }
                    self.pos = body_start + end + 2;
                }
                b'{' | b'}' | b';' | b',' => {
                    let at = self.loc();
                    self.pos += 1;
                    let tok = match c {
                        b'{' => Tok::Open,
                        b'}' => Tok::Close,
                        b';' => Tok::Semi,
                        _ => Tok::Comma,
                    };
                    return Ok(Some(Token { tok, at }));
                }
                b'"' => {
                    let at = self.loc();
                    let rest = self.b.get(self.pos + 1..).unwrap_or_default();
                    let end = memchr::memchr2(b'"', b'\n', rest)
                        .filter(|&e| rest.get(e) == Some(&b'"'))
                        .ok_or(ParseError {
                            location: at,
                            kind: ParseErrorKind::Syntax("unterminated string".into()),
                        })?;
                    let w = self
                        .s
                        .get(self.pos + 1..self.pos + 1 + end)
                        .unwrap_or_default();
                    self.pos += end + 2;
                    return Ok(Some(Token {
                        tok: Tok::Word(w),
                        at,
                    }));
                }
                _ => {
                    let at = self.loc();
                    let start = self.pos;
                    while let Some(&c) = self.b.get(self.pos) {
                        if c.is_ascii_whitespace()
                            || matches!(c, b'{' | b'}' | b';' | b',' | b'#' | b'"')
                        {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos - start > MAX_RECORD_LEN {
                        return Err(ParseError {
                            location: at,
                            kind: ParseErrorKind::Limit("word too long".into()),
                        });
                    }
                    let w = self.s.get(start..self.pos).unwrap_or_default();
                    return Ok(Some(Token {
                        tok: Tok::Word(w),
                        at,
                    }));
                }
            }
        }
    }

    fn next(&mut self) -> Result<Option<Token<'a>>, ParseError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lex(),
        }
    }

    fn peek(&mut self) -> Result<Option<Token<'a>>, ParseError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lex()?);
        }
        Ok(self.peeked.flatten())
    }

    /// The end-of-input location (for "unexpected end" errors).
    fn end(&self) -> Location {
        self.loc()
    }
}

fn utf8<'a>(ctx: &mut Ctx<'_>, input: &'a [u8]) -> Result<&'a str, ParseError> {
    std::str::from_utf8(input).map_err(|e| ctx.error_at(e.valid_up_to(), ParseErrorKind::Utf8))
}

fn syntax(at: Location, msg: impl Into<String>) -> ParseError {
    ParseError {
        location: at,
        kind: ParseErrorKind::Syntax(msg.into()),
    }
}

fn describe(t: Option<Token<'_>>) -> String {
    match t.map(|t| t.tok) {
        None => "end of input".into(),
        Some(Tok::Word(w)) => format!("{w:?}"),
        Some(Tok::Open) => "'{'".into(),
        Some(Tok::Close) => "'}'".into(),
        Some(Tok::Semi) => "';'".into(),
        Some(Tok::Comma) => "','".into(),
    }
}

fn asn_word(w: &str) -> Result<Asn, ParseErrorKind> {
    Ok(Asn::parse(w)?)
}

fn num_word(field: &'static str, w: &str) -> Result<u32, ParseErrorKind> {
    parse_u32_digits(w.as_bytes()).ok_or_else(|| ParseErrorKind::InvalidField {
        field,
        message: format!("{w:?} is not a number"),
    })
}

fn time_word(w: &str) -> Result<i64, ParseErrorKind> {
    w.parse::<i64>().map_err(|_| ParseErrorKind::InvalidField {
        field: "expires",
        message: format!("{w:?} is not a number"),
    })
}

/// Loads OpenBGPD `roa-set { … }` and `aspa-set { … }` blocks.
///
/// Entries: `PREFIX [maxlen N] source-as ASN [expires T]` and
/// `customer-as ASN [expires T] provider-as { ASN [allow inet|inet6], … }`
/// (the AFI restriction of early ASPA drafts is dropped), separated by
/// newlines or commas.
pub fn load_openbgpd(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let mut ctx = Ctx::new(input, opts);
    let s = utf8(&mut ctx, input)?;
    let mut lx = Lexer::new(s);
    let mut set = VrpSet::new();
    while let Some(t) = lx.next()? {
        let kind = match t.tok {
            Tok::Word("roa-set") => true,
            Tok::Word("aspa-set") => false,
            _ => {
                return Err(syntax(
                    t.at,
                    format!("expected roa-set or aspa-set, found {}", describe(Some(t))),
                ))
            }
        };
        // An optional set name (older bgpd versions).
        if let Some(Token {
            tok: Tok::Word(_), ..
        }) = lx.peek()?
        {
            lx.next()?;
        }
        match lx.next()? {
            Some(Token { tok: Tok::Open, .. }) => {}
            other => {
                return Err(syntax(
                    other.map_or(lx.end(), |t| t.at),
                    format!("expected '{{', found {}", describe(other)),
                ))
            }
        }
        loop {
            let Some(first) = lx.peek()? else {
                return Err(syntax(
                    lx.end(),
                    "unexpected end of input inside a set (missing '}')",
                ));
            };
            match first.tok {
                Tok::Close => {
                    lx.next()?;
                    break;
                }
                Tok::Comma => {
                    lx.next()?;
                    continue;
                }
                _ => {}
            }
            let r = if kind {
                bgpd_roa(&mut lx, &mut set.vrps, &mut ctx)
            } else {
                bgpd_aspa(&mut lx, &mut set.aspas)
            };
            if let Err(e) = r {
                if lx.failed {
                    return Err(e);
                }
                ctx.bad_record_at(e.location, e.kind)?;
                // Skip the rest of the entry's line.
                while let Some(t) = lx.peek()? {
                    if t.at.line != first.at.line || t.tok == Tok::Close {
                        break;
                    }
                    lx.next()?;
                }
            }
        }
    }
    Ok(ctx.finish(set, Format::OpenBgpd))
}

fn expect_word<'a>(lx: &mut Lexer<'a>, what: &str) -> Result<(&'a str, Location), ParseError> {
    match lx.next()? {
        Some(Token {
            tok: Tok::Word(w),
            at,
        }) => Ok((w, at)),
        other => Err(syntax(
            other.map_or(lx.end(), |t| t.at),
            format!("expected {what}, found {}", describe(other)),
        )),
    }
}

fn at_err(at: Location) -> impl Fn(ParseErrorKind) -> ParseError {
    move |kind| ParseError { location: at, kind }
}

fn bgpd_roa(lx: &mut Lexer<'_>, out: &mut Vec<Vrp>, ctx: &mut Ctx<'_>) -> Result<(), ParseError> {
    let (p, at) = expect_word(lx, "a prefix")?;
    let prefix = parse_prefix(p).map_err(|e| ParseError {
        location: at,
        kind: e.into(),
    })?;
    let mut max_len = None;
    let mut asn = None;
    let mut expires = None;
    while let Some(Token {
        tok: Tok::Word(w),
        at: wat,
    }) = lx.peek()?
    {
        match w {
            "maxlen" => {
                lx.next()?;
                let (v, vat) = expect_word(lx, "a max length")?;
                max_len = Some(num_word("maxlen", v).map_err(at_err(vat))?);
            }
            "source-as" => {
                lx.next()?;
                let (v, vat) = expect_word(lx, "an AS number")?;
                asn = Some(asn_word(v).map_err(at_err(vat))?);
            }
            "expires" => {
                lx.next()?;
                let (v, vat) = expect_word(lx, "a time")?;
                expires = Some(time_word(v).map_err(at_err(vat))?);
            }
            _ if wat.line == at.line => {
                return Err(syntax(wat, format!("unexpected {w:?} in a roa-set entry")));
            }
            _ => break,
        }
    }
    let asn = asn.ok_or(ParseError {
        location: at,
        kind: ParseErrorKind::MissingField("source-as"),
    })?;
    let max_len = max_len.unwrap_or(u32::from(prefix.len()));
    let mut vrp = Vrp::with_max_length(prefix, max_len, asn).map_err(|e| ParseError {
        location: at,
        kind: e.into(),
    })?;
    vrp.expires = expires;
    let _ = ctx;
    out.push(vrp);
    Ok(())
}

fn bgpd_aspa(lx: &mut Lexer<'_>, out: &mut Vec<Aspa>) -> Result<(), ParseError> {
    let (w, at) = expect_word(lx, "customer-as")?;
    if w != "customer-as" {
        return Err(syntax(at, format!("expected customer-as, found {w:?}")));
    }
    let (c, cat) = expect_word(lx, "an AS number")?;
    let customer = asn_word(c).map_err(at_err(cat))?;
    let mut expires = None;
    let mut providers = None;
    while let Some(Token {
        tok: Tok::Word(w),
        at: wat,
    }) = lx.peek()?
    {
        match w {
            "expires" => {
                lx.next()?;
                let (v, vat) = expect_word(lx, "a time")?;
                expires = Some(time_word(v).map_err(at_err(vat))?);
            }
            "provider-as" => {
                lx.next()?;
                providers = Some(provider_block(lx)?);
            }
            _ if wat.line == at.line => {
                return Err(syntax(
                    wat,
                    format!("unexpected {w:?} in an aspa-set entry"),
                ))
            }
            _ => break,
        }
    }
    let providers = providers.ok_or(ParseError {
        location: at,
        kind: ParseErrorKind::MissingField("provider-as"),
    })?;
    let mut a = Aspa::new(customer, providers);
    a.expires = expires;
    out.push(a);
    Ok(())
}

/// `{ 1, 2 allow inet, 3 allow inet6 }` or a single ASN.
fn provider_block(lx: &mut Lexer<'_>) -> Result<Vec<Asn>, ParseError> {
    let mut out = Vec::new();
    match lx.next()? {
        Some(Token {
            tok: Tok::Word(w),
            at,
        }) => {
            out.push(asn_word(w).map_err(at_err(at))?);
            return Ok(out);
        }
        Some(Token { tok: Tok::Open, .. }) => {}
        other => {
            return Err(syntax(
                other.map_or(lx.end(), |t| t.at),
                format!("expected '{{' or an AS number, found {}", describe(other)),
            ))
        }
    }
    loop {
        let t = lx.next()?;
        match t.map(|t| t.tok) {
            Some(Tok::Close) => return Ok(out),
            Some(Tok::Comma) => {}
            Some(Tok::Word("allow")) => {
                let (fam, fat) = expect_word(lx, "inet or inet6")?;
                if fam != "inet" && fam != "inet6" {
                    return Err(syntax(
                        fat,
                        format!("expected inet or inet6, found {fam:?}"),
                    ));
                }
            }
            Some(Tok::Word(w)) => {
                let at = t.map_or(lx.end(), |t| t.at);
                if out.len() >= MAX_PROVIDERS {
                    return Err(ParseError {
                        location: at,
                        kind: ParseErrorKind::Limit(format!("more than {MAX_PROVIDERS} providers")),
                    });
                }
                out.push(asn_word(w).map_err(at_err(at))?);
            }
            _ => {
                return Err(syntax(
                    t.map_or(lx.end(), |t| t.at),
                    format!("expected an AS number or '}}', found {}", describe(t)),
                ))
            }
        }
    }
}

/// Loads BIRD statements: `route P max N as A;` (BIRD 2), `roa P max N as
/// A;` (BIRD 1) and `route aspa C providers P1, P2;` (BIRD 2.16, as
/// rpki-client writes it; `transit` for none). Table definitions, `define`
/// lines and `protocol static { roa4 { table T; }; … }` / `roa table T { … }`
/// wrappers are accepted and ignored.
pub fn load_bird(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let mut ctx = Ctx::new(input, opts);
    let s = utf8(&mut ctx, input)?;
    let mut lx = Lexer::new(s);
    let mut set = VrpSet::new();
    set.vrps.reserve(s.len() / 48);
    let mut words: Vec<Token<'_>> = Vec::with_capacity(16);
    let mut depth = 0usize;
    while let Some(t) = lx.next()? {
        match t.tok {
            Tok::Semi => continue,
            Tok::Close => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| syntax(t.at, "unbalanced '}'"))?;
                continue;
            }
            Tok::Open => return Err(syntax(t.at, "unexpected '{'")),
            Tok::Comma => return Err(syntax(t.at, "unexpected ','")),
            Tok::Word(_) => {}
        }
        words.clear();
        words.push(t);
        let end = loop {
            match lx.next()? {
                Some(
                    n @ Token {
                        tok: Tok::Word(_) | Tok::Comma,
                        ..
                    },
                ) => {
                    if words.len() > MAX_PROVIDERS * 2 + 8 {
                        return Err(ParseError {
                            location: t.at,
                            kind: ParseErrorKind::Limit("statement too long".into()),
                        });
                    }
                    words.push(n);
                }
                other => break other,
            }
        };
        match end.map(|e| e.tok) {
            Some(Tok::Open) => {
                // A block header: `protocol static`, `roa table T`, `roa4`…
                depth += 1;
                if depth > super::MAX_DEPTH {
                    return Err(ParseError {
                        location: t.at,
                        kind: ParseErrorKind::Limit("blocks nested too deeply".into()),
                    });
                }
                continue;
            }
            Some(Tok::Semi) => {}
            _ => {
                let at = end.map_or(lx.end(), |e| e.at);
                ctx.bad_record_at(
                    at,
                    ParseErrorKind::Syntax("missing ';' at the end of a statement".into()),
                )?;
                if let Some(Token {
                    tok: Tok::Close, ..
                }) = end
                {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
        }
        if let Err(e) = bird_statement(&words, &mut set, &mut ctx) {
            ctx.bad_record_at(e.location, e.kind)?;
        }
    }
    if depth != 0 {
        return Err(syntax(lx.end(), "unexpected end of input (missing '}')"));
    }
    Ok(ctx.finish(set, Format::Bird))
}

fn bird_statement(
    words: &[Token<'_>],
    set: &mut VrpSet,
    ctx: &mut Ctx<'_>,
) -> Result<(), ParseError> {
    let w = |i: usize| match words.get(i).map(|t| t.tok) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    };
    let at = |i: usize| words.get(i).map_or(Location::default(), |t| t.at);
    let start = at(0);
    match (w(0), w(1)) {
        (Some("route"), Some("aspa")) => {
            let customer = asn_word(w(2).ok_or_else(|| syntax(start, "expected a customer AS"))?)
                .map_err(at_err(at(2)))?;
            let mut providers = Vec::new();
            match w(3) {
                Some("transit") if words.len() == 4 => {}
                Some("providers") => {
                    let mut expect_asn = true;
                    for (i, t) in words.iter().enumerate().skip(4) {
                        match (t.tok, expect_asn) {
                            (Tok::Word(a), true) => {
                                providers.push(asn_word(a).map_err(at_err(at(i)))?);
                                expect_asn = false;
                            }
                            (Tok::Comma, false) => expect_asn = true,
                            _ => return Err(syntax(t.at, "malformed provider list")),
                        }
                    }
                    if expect_asn {
                        return Err(syntax(start, "empty or unterminated provider list"));
                    }
                }
                _ => return Err(syntax(at(3), "expected providers or transit")),
            }
            set.aspas.push(Aspa::new(customer, providers));
            Ok(())
        }
        (Some("route" | "roa"), Some(p)) => {
            let ok_shape = words.len() == 6 && w(2) == Some("max") && w(4) == Some("as");
            if !ok_shape {
                return Err(syntax(start, "expected `route PREFIX max N as ASN;`"));
            }
            let prefix = parse_prefix(p).map_err(|e| ParseError {
                location: at(1),
                kind: e.into(),
            })?;
            let max_len = num_word("max", w(3).unwrap_or_default()).map_err(at_err(at(3)))?;
            let asn = asn_word(w(5).unwrap_or_default()).map_err(at_err(at(5)))?;
            let vrp = Vrp::with_max_length(prefix, max_len, asn).map_err(|e| ParseError {
                location: at(3),
                kind: e.into(),
            })?;
            let _ = ctx;
            set.vrps.push(vrp);
            Ok(())
        }
        (Some("define" | "roa4" | "roa6" | "aspa" | "table" | "ipv4" | "ipv6" | "include"), _) => {
            Ok(())
        }
        (Some(other), _) => Err(syntax(start, format!("unexpected statement {other:?}"))),
        (None, _) => Err(syntax(start, "empty statement")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openbgpd_forms() {
        let text = "# Generated on host x\n# Route Origin Authorizations: 2\n\nroa-set {\n\t1.0.0.0/24 source-as 13335 expires 1753453058\n\t1.6.0.0/22 maxlen 24 source-as 9583 expires 1753530481\n    2001:db8::/32 maxlen 48 source-as 0, 10.0.0.0/8 source-as 1\n}\n\naspa-set {\n\tcustomer-as 945 expires 1753070425 provider-as { 13213, 150369 }\n\tcustomer-as 39002 expires 1 provider-as { 0 }\n\tcustomer-as 5 provider-as { 2 allow inet, 1 allow inet6, 3 }\n}\n";
        let l = load_openbgpd(text.as_bytes(), &LoadOptions::default()).unwrap();
        assert_eq!(l.set.vrps.len(), 4);
        assert_eq!(l.set.vrps[1].max_length, 24);
        assert_eq!(l.set.vrps[1].expires, Some(1_753_530_481));
        assert_eq!(l.set.vrps[2].max_length, 48);
        assert_eq!(l.set.aspas.len(), 3);
        assert_eq!(l.set.aspas[0].expires, Some(1_753_070_425));
        assert_eq!(
            l.set.aspas[2].providers,
            vec![Asn::new(1), Asn::new(2), Asn::new(3)]
        );
    }

    #[test]
    fn openbgpd_errors() {
        let text = "roa-set {\n\t1.0.0.0/24 source-as 1\n\t1.0.0.1/24 source-as 1\n\t1.0.0.0/24 maxlen 99 source-as 1\n\t1.0.0.0/24 maxlen 24\n\t1.0.0.0/24 source-as x\n\t2.0.0.0/8 source-as 2\n}\n";
        let e = load_openbgpd(text.as_bytes(), &LoadOptions::default()).unwrap_err();
        assert_eq!((e.location.line, e.location.column), (3, 2));
        let l = load_openbgpd(text.as_bytes(), &LoadOptions::lenient()).unwrap();
        assert_eq!(l.set.vrps.len(), 2);
        assert_eq!(
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(),
            vec![3, 4, 5, 6]
        );
        assert!(load_openbgpd(b"roa-set {\n", &LoadOptions::lenient()).is_err());
        assert!(load_openbgpd(b"prefix-set {\n}", &LoadOptions::lenient()).is_err());
    }

    #[test]
    fn bird_forms() {
        let text = "# For BIRD 2.16+\n#\n# Generated\n\ndefine force_roa_table_update = 1753003893;\n\nroa4 table ROAS4;\nroa6 table ROAS6;\naspa table ASPAS;\n\nprotocol static {\n\troa4 { table ROAS4; };\n\n\troute 1.0.0.0/24 max 24 as 13335;\n}\n\nprotocol static {\n\troa6 { table ROAS6; };\n\n\troute 2001:db8::/32 max 48 as 0;\n}\n\nprotocol static {\n\taspa { table ASPAS; };\n\n\troute aspa 945 providers 13213, 150369;\n\troute aspa 1 transit;\n}\n";
        let l = load_bird(text.as_bytes(), &LoadOptions::default()).unwrap();
        assert_eq!(l.set.vrps.len(), 2);
        assert_eq!(l.set.aspas.len(), 2);
        assert_eq!(l.set.aspas[0].providers.len(), 2);
        assert!(l.set.aspas[1].providers.is_empty());
        let bird1 = "/* c */\nroa table ROAS {\n\troa 1.0.0.0/24 max 24 as 13335;\n}\nroa 10.0.0.0/8 max 8 as AS1; // x\n";
        let l = load_bird(bird1.as_bytes(), &LoadOptions::default()).unwrap();
        assert_eq!(l.set.vrps.len(), 2);
    }

    #[test]
    fn bird_errors() {
        let text = "route 1.0.0.0/24 max 24 as 1;\nroute 1.0.0.1/24 max 24 as 1;\nroute 1.0.0.0/24 max 23 as 1;\nroute 1.0.0.0/24 as 1;\nroute aspa 1 providers 2,;\nhello;\nroute 1.0.0.0/24 max 24 as 1\n";
        let e = load_bird(text.as_bytes(), &LoadOptions::default()).unwrap_err();
        assert_eq!(e.line(), 2);
        let l = load_bird(text.as_bytes(), &LoadOptions::lenient()).unwrap();
        assert_eq!(l.set.vrps.len(), 1);
        assert_eq!(
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(),
            vec![2, 3, 4, 5, 6, 8]
        );
        assert!(load_bird(b"protocol static {\n", &LoadOptions::lenient()).is_err());
        assert!(load_bird(b"}", &LoadOptions::lenient()).is_err());
        assert!(load_bird(b"/* x", &LoadOptions::lenient()).is_err());
    }
}
