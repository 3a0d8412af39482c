//! The JSON loader: every JSON layout of the validator exports, read by one
//! hand-written pull scanner over the input slice (no document tree, no
//! second copy of the input; strings are borrowed unless they hold escapes).
//!
//! Top-level keys are recognised one by one, so mixed and partial layouts
//! load too:
//! - `roas`: `{asn, prefix, maxLength, ta?, expires?, source?}` with `asn` a
//!   number (rpki-client, StayRTR) or `"AS64500"`/`"64500"` (Routinator,
//!   GoRTR, OctoRPKI); `source` is Routinator's `jsonext` provenance.
//! - `aspas`: rpki-client `{customer_asid, expires, providers: [numbers]}` or
//!   Routinator `{customer: "AS…", providers: ["AS…"], ta}`; provider entries
//!   may also be objects `{provider_asid, afi_limit}` (early drafts).
//! - `provider_authorizations: {ipv4: […], ipv6: […]}`: rpki-client's 2023
//!   per-AFI layout; the two lists are merged per customer (union of
//!   providers, earliest expiry).
//! - `bgpsec_keys` (`asn`, `ski`, `pubkey`) and `routerKeys` (`asn`, `SKI`,
//!   `routerPublicKey`).
//! - `metadata`: `generated` (Routinator, Unix seconds) or `buildtime`
//!   (rpki-client, RFC 3339) becomes [`VrpSet::generated`]; values may be
//!   numbers or strings (the 2021 layout).
//! - anything else (`nonfunc_cas`, `signedprefixlists`, …) is skipped.
//!
//! A bare top-level array is read as a list of `roas` elements (the npm
//! `rpki-validator` format). A SLURM file (a top-level `slurmVersion`,
//! `validationOutputFilters` or `locallyAddedAssertions` member) gives
//! [`ParseErrorKind::SlurmInput`]: [`crate::slurm::load`] reads it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use memchr::memchr2;

use super::{
    parse_prefix, time, Ctx, Format, Interner, LoadOptions, Loaded, ParseError, ParseErrorKind,
    MAX_DEPTH, MAX_PROVIDERS, MAX_RECORD_LEN,
};
use crate::model::{parse_u32_digits, Asn, Aspa, RouterKey, Vrp, VrpSet, VrpSource};

/// Why scanning stopped: a fatal error at a byte offset, or a finished error.
enum Stop {
    At(usize, ParseErrorKind),
    Done(ParseError),
}

impl From<ParseError> for Stop {
    fn from(e: ParseError) -> Self {
        Stop::Done(e)
    }
}

type R<T> = Result<T, Stop>;

/// A scalar JSON value, or the kind of a skipped compound one.
enum Val<'a> {
    Str(Cow<'a, str>),
    Num(&'a str),
    Null,
    Other(&'static str),
}

impl Val<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Num(_) => "a number",
            Val::Null => "null",
            Val::Other(k) => k,
        }
    }
}

/// The pull scanner.
struct Scan<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl<'a> Scan<'a> {
    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.pos).copied()
    }

    fn syntax(&self, msg: impl Into<String>) -> Stop {
        Stop::At(self.pos, ParseErrorKind::Json(msg.into()))
    }

    fn unexpected(&self, expected: &str) -> Stop {
        match self.b.get(self.pos) {
            None => self.syntax(format!("unexpected end of input, expected {expected}")),
            Some(&c) if c.is_ascii_graphic() => {
                self.syntax(format!("expected {expected}, found '{}'", c as char))
            }
            Some(&c) => self.syntax(format!("expected {expected}, found byte 0x{c:02x}")),
        }
    }

    #[inline]
    fn expect(&mut self, c: u8, what: &str) -> R<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    /// A string; the scanner stands on its opening quote (after `peek`).
    #[inline]
    fn string(&mut self) -> R<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        let start = self.pos + 1;
        let rest = self.b.get(start..).unwrap_or_default();
        match memchr2(b'"', b'\\', rest) {
            Some(k) if rest.get(k) == Some(&b'"') => {
                let body = rest.get(..k).unwrap_or_default();
                if k > MAX_RECORD_LEN {
                    return Err(Stop::At(
                        start,
                        ParseErrorKind::Limit(format!("string longer than {MAX_RECORD_LEN} bytes")),
                    ));
                }
                if let Some(i) = body.iter().position(|&c| c < 0x20) {
                    return Err(Stop::At(
                        start + i,
                        ParseErrorKind::Json("control character in string".into()),
                    ));
                }
                let s = self
                    .s
                    .get(start..start + k)
                    .ok_or_else(|| self.syntax("invalid string"))?;
                self.pos = start + k + 1;
                Ok(Cow::Borrowed(s))
            }
            Some(_) => self.string_escaped(start),
            None => Err(Stop::At(
                self.pos,
                ParseErrorKind::Json("unterminated string".into()),
            )),
        }
    }

    fn string_escaped(&mut self, start: usize) -> R<Cow<'a, str>> {
        let mut out = String::new();
        let mut i = start;
        let unterminated = || {
            Stop::At(
                start - 1,
                ParseErrorKind::Json("unterminated string".into()),
            )
        };
        loop {
            let rest = self.b.get(i..).unwrap_or_default();
            let k = memchr2(b'"', b'\\', rest).ok_or_else(unterminated)?;
            let chunk = rest.get(..k).unwrap_or_default();
            if let Some(j) = chunk.iter().position(|&c| c < 0x20) {
                return Err(Stop::At(
                    i + j,
                    ParseErrorKind::Json("control character in string".into()),
                ));
            }
            out.push_str(self.s.get(i..i + k).ok_or_else(unterminated)?);
            i += k;
            if out.len() > MAX_RECORD_LEN {
                return Err(Stop::At(
                    start,
                    ParseErrorKind::Limit(format!("string longer than {MAX_RECORD_LEN} bytes")),
                ));
            }
            if self.b.get(i) == Some(&b'"') {
                self.pos = i + 1;
                return Ok(Cow::Owned(out));
            }
            let e = self.b.get(i + 1).copied().ok_or_else(unterminated)?;
            let bad =
                |at: usize| Stop::At(at, ParseErrorKind::Json("invalid escape in string".into()));
            let esc_at = i;
            i += 2;
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let hi = self.hex4(i).ok_or_else(|| bad(esc_at))?;
                    i += 4;
                    let cp = if (0xD800..0xDC00).contains(&hi) {
                        if self.b.get(i) != Some(&b'\\') || self.b.get(i + 1) != Some(&b'u') {
                            return Err(bad(esc_at));
                        }
                        let lo = self.hex4(i + 2).ok_or_else(|| bad(esc_at))?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(bad(esc_at));
                        }
                        i += 6;
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        hi
                    };
                    char::from_u32(cp).ok_or_else(|| bad(esc_at))?
                }
                _ => return Err(bad(esc_at)),
            };
            out.push(c);
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.b.get(at..at + 4)?;
        h.iter().try_fold(0u32, |acc, &c| {
            Some(acc << 4 | u32::from(crate::util::hex::digit(c)?))
        })
    }

    /// A number per the JSON grammar, returned as its text.
    #[inline]
    fn number(&mut self) -> R<&'a str> {
        let start = self.pos;
        let b = self.b;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - s
        };
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(c) if c.is_ascii_digit() => {
                digits(&mut i);
            }
            _ => return Err(Stop::At(i, ParseErrorKind::Json("invalid number".into()))),
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(Stop::At(i, ParseErrorKind::Json("invalid number".into())));
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(Stop::At(i, ParseErrorKind::Json("invalid number".into())));
            }
        }
        if i - start > 64 {
            return Err(Stop::At(
                start,
                ParseErrorKind::Limit("number longer than 64 characters".into()),
            ));
        }
        self.pos = i;
        self.s
            .get(start..i)
            .ok_or_else(|| self.syntax("invalid number"))
    }

    fn literal(&mut self, word: &'static [u8]) -> R<()> {
        if self.b.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    /// A value: scalars are returned, arrays and objects skipped.
    #[inline]
    fn value(&mut self, depth: usize) -> R<Val<'a>> {
        match self.peek() {
            Some(b'"') => Ok(Val::Str(self.string()?)),
            Some(b'-' | b'0'..=b'9') => Ok(Val::Num(self.number()?)),
            Some(b'n') => self.literal(b"null").map(|_| Val::Null),
            Some(b't') => self.literal(b"true").map(|_| Val::Other("a boolean")),
            Some(b'f') => self.literal(b"false").map(|_| Val::Other("a boolean")),
            Some(b'[') => self.skip_value(depth).map(|_| Val::Other("an array")),
            Some(b'{') => self.skip_value(depth).map(|_| Val::Other("an object")),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    /// Skips any value, checking its syntax.
    fn skip_value(&mut self, depth: usize) -> R<()> {
        match self.peek() {
            Some(b'[') => self.array(depth, |sc, d| sc.skip_value(d)),
            Some(b'{') => self.object(depth, |sc, _, d| sc.skip_value(d)),
            _ => self.value(depth).map(|_| ()),
        }
    }

    fn check_depth(&self, depth: usize) -> R<()> {
        if depth >= MAX_DEPTH {
            return Err(Stop::At(
                self.pos,
                ParseErrorKind::Limit(format!("JSON nested deeper than {MAX_DEPTH} levels")),
            ));
        }
        Ok(())
    }

    /// Walks an object; `f` gets each key and must consume its value.
    #[inline]
    fn object(
        &mut self,
        depth: usize,
        mut f: impl FnMut(&mut Self, Cow<'a, str>, usize) -> R<()>,
    ) -> R<()> {
        self.check_depth(depth)?;
        self.expect(b'{', "'{'")?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':', "':'")?;
            f(self, key, depth + 1)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    /// Walks an array; `f` must consume each element.
    #[inline]
    fn array(&mut self, depth: usize, mut f: impl FnMut(&mut Self, usize) -> R<()>) -> R<()> {
        self.check_depth(depth)?;
        self.expect(b'[', "'['")?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            f(self, depth + 1)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }
}

/// Loader state beyond the context.
#[derive(Default)]
struct State {
    set: VrpSet,
    generated: Option<i64>,
    buildtime: Option<i64>,
    vrp_hint: Option<usize>,
    slurm: bool,
}

/// Loads any JSON layout (see the module documentation of [`crate::parse`]).
pub fn load_json(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let mut ctx = Ctx::new(input, opts);
    let s = match std::str::from_utf8(input) {
        Ok(s) => s,
        Err(e) => return Err(ctx.error_at(e.valid_up_to(), ParseErrorKind::Utf8)),
    };
    let bom = if s.starts_with('\u{feff}') { 3 } else { 0 };
    let mut sc = Scan {
        s,
        b: input,
        pos: bom,
    };
    let mut st = State::default();
    match run(&mut sc, &mut ctx, &mut st) {
        Ok(()) => {}
        Err(Stop::At(offset, kind)) => return Err(ctx.error_at(offset, kind)),
        Err(Stop::Done(e)) => return Err(e),
    }
    if st.slurm {
        // SLURM is the next stage's to read (crate::slurm::load).
        return Err(ParseError::at(0, 0, ParseErrorKind::SlurmInput));
    }
    st.set.generated = st.generated.or(st.buildtime);
    let v = &mut st.set.vrps;
    if v.capacity() > v.len() + v.len() / 4 + 1024 {
        v.shrink_to_fit();
    }
    Ok(ctx.finish(st.set, Format::Json))
}

fn run(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, st: &mut State) -> R<()> {
    match sc.peek() {
        Some(b'[') => roa_array(sc, ctx, st, 0)?,
        Some(b'{') => sc.object(0, |sc, key, d| match &*key {
            "metadata" => metadata(sc, st, d),
            "roas" => roa_array(sc, ctx, st, d),
            "aspas" => {
                let mut out = std::mem::take(&mut st.set.aspas);
                let r = aspa_array(sc, ctx, &mut out, "aspas", d);
                st.set.aspas = out;
                r
            }
            "provider_authorizations" => legacy_aspas(sc, ctx, st, d),
            "bgpsec_keys" | "routerKeys" => key_array(sc, ctx, st, d),
            "slurmVersion" | "validationOutputFilters" | "locallyAddedAssertions" => {
                st.slurm = true;
                sc.skip_value(d)
            }
            _ => sc.skip_value(d),
        })?,
        _ => return Err(sc.unexpected("a JSON object or array")),
    }
    if sc.peek().is_some() {
        return Err(sc.syntax("trailing characters after the JSON value"));
    }
    Ok(())
}

fn metadata(sc: &mut Scan<'_>, st: &mut State, depth: usize) -> R<()> {
    if sc.peek() != Some(b'{') {
        return sc.skip_value(depth);
    }
    sc.object(depth, |sc, key, d| {
        let v = sc.value(d)?;
        match (&*key, v) {
            ("generated", Val::Num(n)) => st.generated = n.parse::<i64>().ok(),
            ("generated", Val::Str(n)) => st.generated = n.parse::<i64>().ok(),
            ("buildtime", Val::Str(t)) => st.buildtime = time::parse_rfc3339(&t),
            ("generatedTime", Val::Str(t)) if st.generated.is_none() => {
                st.generated = time::parse_rfc3339(&t)
            }
            ("uniquevrps" | "vrps", Val::Num(n)) => {
                if let Ok(n) = n.parse::<usize>() {
                    st.vrp_hint = Some(st.vrp_hint.map_or(n, |h| h.min(n)));
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// The provenance fields every payload record may carry: `ta`, `expires`,
/// and Routinator `jsonext`'s `source` list, whose first `tal` stands in for
/// a missing `ta` (an explicit `ta` wins whatever the key order).
#[derive(Default)]
struct Provenance {
    ta: Option<Arc<str>>,
    source_tal: Option<Arc<str>>,
    expires: Option<i64>,
}

impl Provenance {
    /// Takes `ta` or `expires`; returns `false` for any other key.
    fn take(
        &mut self,
        key: &str,
        v: &Val<'_>,
        tas: &mut Interner,
        err: &mut Option<ParseErrorKind>,
    ) -> bool {
        match key {
            "ta" => match v {
                Val::Str(t) => self.ta = tas.get(t),
                Val::Null => {}
                other => set_err(err, wrong_type("ta", "a string", other)),
            },
            "expires" => match time_of("expires", v) {
                Ok(t) => self.expires = t,
                Err(e) => set_err(err, e),
            },
            _ => return false,
        }
        true
    }

    /// Notes the trust anchor named by a `source` list.
    fn sources(&mut self, src: &[VrpSource], tas: &mut Interner) {
        if self.source_tal.is_none() {
            self.source_tal = src
                .iter()
                .find_map(|s| s.tal.as_deref())
                .and_then(|t| tas.get(t));
        }
    }

    /// The trust anchor: `ta` if given, else the `source` list's.
    fn ta(&self) -> Option<Arc<str>> {
        self.ta.clone().or_else(|| self.source_tal.clone())
    }
}

fn set_err(err: &mut Option<ParseErrorKind>, e: ParseErrorKind) {
    if err.is_none() {
        *err = Some(e);
    }
}

fn wrong_type(field: &'static str, expected: &str, v: &Val<'_>) -> ParseErrorKind {
    ParseErrorKind::InvalidField {
        field,
        message: format!("expected {expected}, found {}", v.kind()),
    }
}

/// An ASN from a number or a string (`AS64500`, `64500`, asdot in strings).
#[inline]
fn asn_of(field: &'static str, v: &Val<'_>) -> Result<Asn, ParseErrorKind> {
    match v {
        Val::Num(n) => parse_u32_digits(n.as_bytes()).map(Asn::new).ok_or_else(|| {
            ParseErrorKind::InvalidField {
                field,
                message: format!("{n} is not a 32-bit AS number"),
            }
        }),
        Val::Str(s) => Asn::parse(s).map_err(ParseErrorKind::Model),
        other => Err(wrong_type(field, "an AS number", other)),
    }
}

fn u32_of(field: &'static str, v: &Val<'_>) -> Result<u32, ParseErrorKind> {
    match v {
        Val::Num(n) => parse_u32_digits(n.as_bytes()).ok_or_else(|| ParseErrorKind::InvalidField {
            field,
            message: format!("{n} is not a non-negative integer"),
        }),
        other => Err(wrong_type(field, "a number", other)),
    }
}

fn time_of(field: &'static str, v: &Val<'_>) -> Result<Option<i64>, ParseErrorKind> {
    match v {
        Val::Num(n) => parse_i64(n)
            .map(Some)
            .map_err(|_| ParseErrorKind::InvalidField {
                field,
                message: format!("{n} is not an integer"),
            }),
        Val::Null => Ok(None),
        other => Err(wrong_type(field, "a number", other)),
    }
}

/// An integer with an optional minus sign (no fraction, no exponent).
fn parse_i64(n: &str) -> Result<i64, ()> {
    let (neg, digits) = match n.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, n),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return n.parse::<i64>().map_err(|_| ());
    }
    let v = digits
        .bytes()
        .fold(0i64, |acc, c| acc * 10 + i64::from(c - b'0'));
    Ok(if neg { -v } else { v })
}

fn opt_str(field: &'static str, v: Val<'_>) -> Result<Option<String>, ParseErrorKind> {
    match v {
        Val::Str(s) => Ok(Some(s.into_owned())),
        Val::Null => Ok(None),
        other => Err(wrong_type(field, "a string", &other)),
    }
}

fn reserve_for(st: &mut State, ctx: &Ctx<'_>) {
    if st.set.vrps.is_empty() {
        let cap = ctx.input.len() / 40;
        let want = st.vrp_hint.unwrap_or(ctx.input.len() / 256).min(cap);
        st.set.vrps.reserve(want);
    }
}

fn roa_array(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, st: &mut State, depth: usize) -> R<()> {
    if sc.peek() != Some(b'[') {
        let at = sc.pos;
        sc.skip_value(depth)?;
        return Ok(ctx.bad_record(
            at,
            ParseErrorKind::InvalidField {
                field: "roas",
                message: "expected an array".into(),
            },
        )?);
    }
    reserve_for(st, ctx);
    sc.array(depth, |sc, d| roa(sc, ctx, &mut st.set.vrps, d))
}

fn roa(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, out: &mut Vec<Vrp>, depth: usize) -> R<()> {
    sc.ws();
    let start = sc.pos;
    if sc.peek() != Some(b'{') {
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(start, wrong_type("roas", "an object", &v))?);
    }
    if let Some((fast, end)) = roa_fast(sc.s, start) {
        sc.pos = end;
        return match fast {
            Ok((mut vrp, ta)) => {
                vrp.ta = ta.and_then(|t| ctx.tas.get(t));
                out.push(vrp);
                Ok(())
            }
            Err(e) => Ok(ctx.bad_record(start, e)?),
        };
    }
    let mut err = None;
    let mut asn = None;
    let mut prefix: Option<Cow<'_, str>> = None;
    let mut max_len = None;
    let mut prov = Provenance::default();
    let mut sources: Option<Vec<VrpSource>> = None;
    let tas = &mut ctx.tas;
    sc.object(depth, |sc, key, d| {
        if key == "source" {
            let src = parse_sources(sc, d, &mut err)?;
            prov.sources(&src, tas);
            sources = Some(src);
            return Ok(());
        }
        let v = sc.value(d)?;
        if prov.take(&key, &v, tas, &mut err) {
            return Ok(());
        }
        match &*key {
            "asn" => match asn_of("asn", &v) {
                Ok(a) => asn = Some(a),
                Err(e) => set_err(&mut err, e),
            },
            "prefix" => match v {
                Val::Str(p) => prefix = Some(p),
                other => set_err(&mut err, wrong_type("prefix", "a string", &other)),
            },
            "maxLength" => match u32_of("maxLength", &v) {
                Ok(m) => max_len = Some(m),
                Err(e) => set_err(&mut err, e),
            },
            _ => {}
        }
        Ok(())
    })?;
    let built = match err {
        Some(e) => Err(e),
        None => build_vrp(prefix.as_deref(), max_len, asn),
    };
    match built {
        Ok(mut vrp) => {
            vrp.sources = sources.map(Arc::from);
            vrp.ta = prov.ta();
            vrp.expires = prov.expires;
            out.push(vrp);
            Ok(())
        }
        Err(e) => Ok(ctx.bad_record(start, e)?),
    }
}

/// A byte cursor for the fast path.
struct Cur<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    #[inline(always)]
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn byte(&mut self, c: u8) -> Option<()> {
        self.ws();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }

    /// `"key":`
    #[inline(always)]
    fn key(&mut self, k: &[u8]) -> Option<()> {
        self.ws();
        let end = self.i + k.len() + 2;
        let got = self.b.get(self.i..end)?;
        if got.first() != Some(&b'"')
            || got.last() != Some(&b'"')
            || got.get(1..k.len() + 1) != Some(k)
        {
            return None;
        }
        self.i = end;
        self.byte(b':')
    }

    /// A plain string: no escapes, no control characters.
    #[inline(always)]
    fn plain_str(&mut self) -> Option<&'a str> {
        self.ws();
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        loop {
            match *self.b.get(j)? {
                b'"' => break,
                b'\\' => return None,
                c if c < 0x20 => return None,
                _ => j += 1,
            }
            if j - start > 256 {
                return None;
            }
        }
        self.i = j + 1;
        self.s.get(start..j)
    }

    /// A non-negative JSON integer (no fraction or exponent).
    #[inline(always)]
    fn uint(&mut self) -> Option<u64> {
        self.ws();
        let start = self.i;
        let mut v: u64 = 0;
        while let Some(&c) = self.b.get(self.i) {
            if !c.is_ascii_digit() {
                break;
            }
            v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.i += 1;
        }
        let n = self.i - start;
        if n == 0
            || (n > 1 && self.b.get(start) == Some(&b'0'))
            || matches!(self.b.get(self.i), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        Some(v)
    }
}

type Fast<'a> = Result<(Vrp, Option<&'a str>), ParseErrorKind>;

/// Plain records, `{"asn": N|"ASN", "prefix": "P", "maxLength": M, "ta": "T",
/// "expires": E}` with keys in any order (`ta`, `expires` optional), read
/// without the general machinery. `None` means "not this shape" (another
/// key, an escape, a null, a fraction, a repeated key…): the caller rereads
/// the record with the general path, which then decides.
#[inline]
fn roa_fast(s: &str, start: usize) -> Option<(Fast<'_>, usize)> {
    roa_fast_ordered(s, start).or_else(|| roa_fast_any(s, start))
}

/// rpki-client's (and Routinator's) key order, checked key by key.
#[inline]
fn roa_fast_ordered(s: &str, start: usize) -> Option<(Fast<'_>, usize)> {
    let mut c = Cur {
        s,
        b: s.as_bytes(),
        i: start,
    };
    c.byte(b'{')?;
    c.key(b"asn")?;
    c.ws();
    let asn = if c.b.get(c.i) == Some(&b'"') {
        Asn::parse(c.plain_str()?).ok()?
    } else {
        Asn::new(u32::try_from(c.uint()?).ok()?)
    };
    c.byte(b',')?;
    c.key(b"prefix")?;
    let prefix = c.plain_str()?;
    c.byte(b',')?;
    c.key(b"maxLength")?;
    let max_len = u32::try_from(c.uint()?).ok()?;
    let mut ta = None;
    let mut expires = None;
    c.ws();
    if c.b.get(c.i) == Some(&b',') {
        c.i += 1;
        c.key(b"ta")?;
        ta = Some(c.plain_str()?);
        c.ws();
        if c.b.get(c.i) == Some(&b',') {
            c.i += 1;
            c.key(b"expires")?;
            expires = Some(i64::try_from(c.uint()?).ok()?);
        }
    }
    c.byte(b'}')?;
    Some((finish_fast(prefix, max_len, asn, ta, expires), c.i))
}

fn finish_fast<'a>(
    prefix: &str,
    max_len: u32,
    asn: Asn,
    ta: Option<&'a str>,
    expires: Option<i64>,
) -> Fast<'a> {
    parse_prefix(prefix)
        .and_then(|p| Vrp::with_max_length(p, max_len, asn))
        .map(|v| (v.with_expires(expires), ta))
        .map_err(ParseErrorKind::Model)
}

/// The same fields in any order.
fn roa_fast_any(s: &str, start: usize) -> Option<(Fast<'_>, usize)> {
    let mut c = Cur {
        s,
        b: s.as_bytes(),
        i: start,
    };
    c.byte(b'{')?;
    let (mut asn, mut prefix, mut max_len, mut ta, mut expires) = (None, None, None, None, None);
    loop {
        let key = c.plain_str()?;
        c.byte(b':')?;
        c.ws();
        match key.as_bytes() {
            b"asn" if asn.is_none() => {
                asn = Some(if c.b.get(c.i) == Some(&b'"') {
                    Asn::parse(c.plain_str()?).ok()?
                } else {
                    Asn::new(u32::try_from(c.uint()?).ok()?)
                });
            }
            b"prefix" if prefix.is_none() => prefix = Some(c.plain_str()?),
            b"maxLength" if max_len.is_none() => max_len = Some(u32::try_from(c.uint()?).ok()?),
            b"ta" if ta.is_none() => ta = Some(c.plain_str()?),
            b"expires" if expires.is_none() => expires = Some(i64::try_from(c.uint()?).ok()?),
            _ => return None,
        }
        c.ws();
        match c.b.get(c.i) {
            Some(b',') => c.i += 1,
            Some(b'}') => {
                c.i += 1;
                break;
            }
            _ => return None,
        }
    }
    Some((finish_fast(prefix?, max_len?, asn?, ta, expires), c.i))
}

#[inline]
fn build_vrp(
    prefix: Option<&str>,
    max_len: Option<u32>,
    asn: Option<Asn>,
) -> Result<Vrp, ParseErrorKind> {
    let prefix = prefix.ok_or(ParseErrorKind::MissingField("prefix"))?;
    let asn = asn.ok_or(ParseErrorKind::MissingField("asn"))?;
    let max_len = max_len.ok_or(ParseErrorKind::MissingField("maxLength"))?;
    let prefix = parse_prefix(prefix)?;
    Ok(Vrp::with_max_length(prefix, max_len, asn)?)
}

/// Routinator `jsonext` `source` lists.
fn parse_sources(
    sc: &mut Scan<'_>,
    depth: usize,
    err: &mut Option<ParseErrorKind>,
) -> R<Vec<VrpSource>> {
    let mut out = Vec::new();
    if sc.peek() != Some(b'[') {
        let v = sc.value(depth)?;
        set_err(err, wrong_type("source", "an array", &v));
        return Ok(out);
    }
    sc.array(depth, |sc, d| {
        if sc.peek() != Some(b'{') {
            let v = sc.value(d)?;
            set_err(err, wrong_type("source", "an object", &v));
            return Ok(());
        }
        let mut src = VrpSource::default();
        sc.object(d, |sc, key, d| {
            let key = &*key;
            if key == "validity" || key == "chainValidity" {
                if sc.peek() != Some(b'{') {
                    return sc.skip_value(d);
                }
                let chain = key == "chainValidity";
                return sc.object(d, |sc, k, d| {
                    let v = sc.value(d)?;
                    let slot = match (&*k, chain) {
                        ("notBefore", false) => &mut src.not_before,
                        ("notAfter", false) => &mut src.not_after,
                        ("notBefore", true) => &mut src.chain_not_before,
                        ("notAfter", true) => &mut src.chain_not_after,
                        _ => return Ok(()),
                    };
                    match opt_str("validity", v) {
                        Ok(s) => *slot = s,
                        Err(e) => set_err(err, e),
                    }
                    Ok(())
                });
            }
            let v = sc.value(d)?;
            let r = match key {
                "type" => opt_str("type", v).map(|s| src.kind = s.unwrap_or_default()),
                "uri" => opt_str("uri", v).map(|s| src.uri = s),
                "tal" => opt_str("tal", v).map(|s| src.tal = s),
                "stale" => opt_str("stale", v).map(|s| src.stale = s),
                "path" => opt_str("path", v).map(|s| src.path = s),
                _ => Ok(()),
            };
            if let Err(e) = r {
                set_err(err, e);
            }
            Ok(())
        })?;
        out.push(src);
        Ok(())
    })?;
    Ok(out)
}

fn aspa_array(
    sc: &mut Scan<'_>,
    ctx: &mut Ctx<'_>,
    out: &mut Vec<Aspa>,
    field: &'static str,
    depth: usize,
) -> R<()> {
    if sc.peek() != Some(b'[') {
        let at = sc.pos;
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(at, wrong_type(field, "an array", &v))?);
    }
    sc.array(depth, |sc, d| aspa(sc, ctx, out, d))
}

fn aspa(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, out: &mut Vec<Aspa>, depth: usize) -> R<()> {
    sc.ws();
    let start = sc.pos;
    if sc.peek() != Some(b'{') {
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(start, wrong_type("aspas", "an object", &v))?);
    }
    let mut err = None;
    let mut customer = None;
    let mut providers: Option<Vec<Asn>> = None;
    let mut prov = Provenance::default();
    let tas = &mut ctx.tas;
    sc.object(depth, |sc, key, d| {
        match &*key {
            "providers" => {
                providers = Some(provider_list(sc, d, &mut err)?);
                return Ok(());
            }
            "source" => {
                let src = parse_sources(sc, d, &mut err)?;
                prov.sources(&src, tas);
                return Ok(());
            }
            _ => {}
        }
        let v = sc.value(d)?;
        if prov.take(&key, &v, tas, &mut err) {
            return Ok(());
        }
        match &*key {
            "customer_asid" | "customer" | "customerAsid" | "customerAsn" => {
                match asn_of("customer_asid", &v) {
                    Ok(a) => customer = Some(a),
                    Err(e) => set_err(&mut err, e),
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    let built = match (err, customer, providers) {
        (Some(e), _, _) => Err(e),
        (None, None, _) => Err(ParseErrorKind::MissingField("customer_asid")),
        (None, _, None) => Err(ParseErrorKind::MissingField("providers")),
        (None, Some(c), Some(p)) => Ok(Aspa::new(c, p)),
    };
    match built {
        Ok(mut a) => {
            a.ta = prov.ta();
            a.expires = prov.expires;
            out.push(a);
            Ok(())
        }
        Err(e) => Ok(ctx.bad_record(start, e)?),
    }
}

/// A provider list: numbers, `"AS…"` strings, or `{provider_asid, afi_limit}`
/// objects (whose AFI limit is dropped).
fn provider_list(sc: &mut Scan<'_>, depth: usize, err: &mut Option<ParseErrorKind>) -> R<Vec<Asn>> {
    let mut out = Vec::new();
    if sc.peek() != Some(b'[') {
        let v = sc.value(depth)?;
        set_err(err, wrong_type("providers", "an array", &v));
        return Ok(out);
    }
    sc.array(depth, |sc, d| {
        if out.len() >= MAX_PROVIDERS {
            set_err(
                err,
                ParseErrorKind::Limit(format!("more than {MAX_PROVIDERS} providers")),
            );
            return sc.skip_value(d);
        }
        if sc.peek() == Some(b'{') {
            let mut found = None;
            sc.object(d, |sc, k, d| {
                let v = sc.value(d)?;
                if matches!(&*k, "provider_asid" | "providerAsid" | "asn" | "provider") {
                    match asn_of("providers", &v) {
                        Ok(a) => found = Some(a),
                        Err(e) => set_err(err, e),
                    }
                }
                Ok(())
            })?;
            match found {
                Some(a) => out.push(a),
                None => set_err(err, ParseErrorKind::MissingField("provider_asid")),
            }
            return Ok(());
        }
        let v = sc.value(d)?;
        match asn_of("providers", &v) {
            Ok(a) => out.push(a),
            Err(e) => set_err(err, e),
        }
        Ok(())
    })?;
    Ok(out)
}

/// rpki-client 2023: `provider_authorizations: {ipv4: [...], ipv6: [...]}`,
/// merged per customer.
fn legacy_aspas(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, st: &mut State, depth: usize) -> R<()> {
    if sc.peek() != Some(b'{') {
        let at = sc.pos;
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(at, wrong_type("provider_authorizations", "an object", &v))?);
    }
    let mut all = Vec::new();
    sc.object(depth, |sc, key, d| match &*key {
        "ipv4" | "ipv6" => aspa_array(sc, ctx, &mut all, "provider_authorizations", d),
        _ => sc.skip_value(d),
    })?;
    let mut index: HashMap<Asn, usize> = st
        .set
        .aspas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.customer, i))
        .collect();
    for a in all {
        match index
            .get(&a.customer)
            .and_then(|&i| st.set.aspas.get_mut(i))
        {
            Some(have) => {
                have.providers.extend_from_slice(&a.providers);
                have.providers.sort_unstable();
                have.providers.dedup();
                have.expires = match (have.expires, a.expires) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                if have.ta.is_none() {
                    have.ta = a.ta;
                }
            }
            None => {
                index.insert(a.customer, st.set.aspas.len());
                st.set.aspas.push(a);
            }
        }
    }
    Ok(())
}

fn key_array(sc: &mut Scan<'_>, ctx: &mut Ctx<'_>, st: &mut State, depth: usize) -> R<()> {
    if sc.peek() != Some(b'[') {
        let at = sc.pos;
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(at, wrong_type("bgpsec_keys", "an array", &v))?);
    }
    sc.array(depth, |sc, d| {
        router_key(sc, ctx, &mut st.set.router_keys, d)
    })
}

fn router_key(
    sc: &mut Scan<'_>,
    ctx: &mut Ctx<'_>,
    out: &mut Vec<RouterKey>,
    depth: usize,
) -> R<()> {
    sc.ws();
    let start = sc.pos;
    if sc.peek() != Some(b'{') {
        let v = sc.value(depth)?;
        return Ok(ctx.bad_record(start, wrong_type("bgpsec_keys", "an object", &v))?);
    }
    let mut err = None;
    let mut asn = None;
    let mut ski = None;
    let mut key = None;
    let mut prov = Provenance::default();
    let tas = &mut ctx.tas;
    sc.object(depth, |sc, k, d| {
        if k == "source" {
            let src = parse_sources(sc, d, &mut err)?;
            prov.sources(&src, tas);
            return Ok(());
        }
        let v = sc.value(d)?;
        if prov.take(&k, &v, tas, &mut err) {
            return Ok(());
        }
        match &*k {
            "asn" => match asn_of("asn", &v) {
                Ok(a) => asn = Some(a),
                Err(e) => set_err(&mut err, e),
            },
            "ski" | "SKI" => match opt_str("ski", v) {
                Ok(s) => ski = s,
                Err(e) => set_err(&mut err, e),
            },
            "pubkey" | "routerPublicKey" => match opt_str("pubkey", v) {
                Ok(s) => key = s,
                Err(e) => set_err(&mut err, e),
            },
            _ => {}
        }
        Ok(())
    })?;
    let built = match (err, asn, ski, key) {
        (Some(e), ..) => Err(e),
        (None, None, ..) => Err(ParseErrorKind::MissingField("asn")),
        (None, _, None, _) => Err(ParseErrorKind::MissingField("ski")),
        (None, _, _, None) => Err(ParseErrorKind::MissingField("pubkey")),
        (None, Some(asn), Some(ski), Some(public_key)) => Ok(RouterKey {
            asn,
            ski,
            public_key,
            ta: prov.ta(),
            expires: prov.expires,
        }),
    };
    match built {
        Ok(k) => {
            out.push(k);
            Ok(())
        }
        Err(e) => Ok(ctx.bad_record(start, e)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Mode;

    #[test]
    fn provenance_ta_from_source_or_explicit_in_every_record_kind() {
        let src = r#"[{"type": "roa", "uri": "rsync://x/a.roa", "tal": "ripe"}]"#;
        let doc = format!(
            r#"{{"roas": [
  {{"asn": "AS1", "prefix": "192.0.2.0/24", "maxLength": 24, "source": {src}}},
  {{"source": {src}, "ta": "arin", "asn": "AS1", "prefix": "192.0.2.0/24", "maxLength": 24}}
], "aspas": [
  {{"customer": "AS1", "providers": ["AS2"], "source": {src}}},
  {{"customer": "AS3", "source": {src}, "ta": "arin", "providers": ["AS2"], "expires": 7}}
], "routerKeys": [
  {{"asn": "AS1", "SKI": "00", "routerPublicKey": "AA", "source": {src}}},
  {{"ta": "arin", "asn": "AS1", "SKI": "00", "routerPublicKey": "AA", "source": {src}}}
]}}"#
        );
        let set = load_json(doc.as_bytes(), &LoadOptions::default())
            .unwrap()
            .set;
        let tas = |v: Vec<Option<Arc<str>>>| -> Vec<Option<String>> {
            v.into_iter().map(|t| t.map(|t| t.to_string())).collect()
        };
        let want = vec![Some("ripe".to_string()), Some("arin".to_string())];
        assert_eq!(tas(set.vrps.iter().map(|v| v.ta.clone()).collect()), want);
        assert_eq!(tas(set.aspas.iter().map(|a| a.ta.clone()).collect()), want);
        assert_eq!(
            tas(set.router_keys.iter().map(|k| k.ta.clone()).collect()),
            want
        );
        assert_eq!(set.aspas[1].expires, Some(7));
        assert!(set.vrps[0].sources.is_some());
    }

    fn load(s: &str) -> Result<Loaded, ParseError> {
        load_json(s.as_bytes(), &LoadOptions::default())
    }

    #[test]
    fn rpki_client_current() {
        let l = load(
            r#"{"metadata":{"buildtime":"2025-07-20T09:31:33Z","vrps":2},
"roas":[{ "asn": 13335, "prefix": "1.0.0.0/24", "maxLength": 24, "ta": "apnic", "expires": 1753453058 },
{ "asn": 0, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "ripe", "expires": 1 }],
"bgpsec_keys":[{"asn":15562,"ski":"AB","pubkey":"MFk","ta":"ripe","expires":5}],
"nonfunc_cas":[{"location":"x","ta":"ripe"}],
"aspas":[{ "customer_asid": 945, "expires": 1753070425, "providers": [ 150369, 13213 ] }],
"signedprefixlists":[]}"#,
        )
        .unwrap();
        assert_eq!(l.set.vrps.len(), 2);
        assert_eq!(l.set.vrps[0].ta.as_deref(), Some("apnic"));
        assert_eq!(l.set.vrps[0].expires, Some(1_753_453_058));
        assert_eq!(l.set.vrps[1].max_length, 48);
        assert_eq!(l.set.generated, Some(1_753_003_893));
        assert_eq!(
            l.set.aspas[0].providers,
            vec![Asn::new(13213), Asn::new(150369)]
        );
        assert_eq!(l.set.router_keys[0].ski, "AB");
        assert_eq!(l.format, Some(Format::Json));
    }

    #[test]
    fn routinator_and_stayrtr_forms() {
        let l = load(
            r#"{"metadata":{"generated":7},"roas":[{"asn":"AS1","prefix":"10.0.0.0/8","maxLength":8,"ta":"N/A"},
{"asn":"AS9367","prefix":"2001:200:136::/48","maxLength":48}],
"routerKeys":[{"asn":"AS1","SKI":"00","routerPublicKey":"AA","ta":"t"}],
"aspas":[{"customer":"AS1234","providers":["AS4","AS1","AS1"],"ta":"N/A"},
{"customer_asid":5,"providers":[{"provider_asid":7,"afi_limit":"ipv4"},{"provider_asid":6}]}]}"#,
        )
        .unwrap();
        assert_eq!(l.set.generated, Some(7));
        assert_eq!(l.set.vrps[0].ta, None);
        assert_eq!(l.set.vrps[1].asn, Asn::new(9367));
        assert_eq!(l.set.aspas[0].providers, vec![Asn::new(1), Asn::new(4)]);
        assert_eq!(l.set.aspas[1].providers, vec![Asn::new(6), Asn::new(7)]);
        assert_eq!(l.set.router_keys[0].public_key, "AA");
    }

    #[test]
    fn bare_array_and_escapes() {
        let l = load(r#" [{"prefix":"103.10.112.0\/22","maxLength":32,"asn":"0"}] "#).unwrap();
        assert_eq!(l.set.vrps[0].prefix.to_string(), "103.10.112.0/22");
        assert!(l.set.vrps[0].asn.is_zero());
    }

    #[test]
    fn legacy_provider_authorizations() {
        let l = load(
            r#"{"provider_authorizations":{"ipv4":[{"customer_asid":28,"expires":10,"providers":[3,1]}],
"ipv6":[{"customer_asid":28,"expires":9,"providers":[2,3]},{"customer_asid":29,"expires":9,"providers":[0]}]}}"#,
        )
        .unwrap();
        assert_eq!(l.set.aspas.len(), 2);
        assert_eq!(
            l.set.aspas[0].providers,
            vec![Asn::new(1), Asn::new(2), Asn::new(3)]
        );
        assert_eq!(l.set.aspas[0].expires, Some(9));
    }

    #[test]
    fn jsonext_sources() {
        let l = load(
            r#"{"roas":[{ "asn": "AS13335", "prefix": "1.0.0.0/24", "maxLength": 24, "source": [ { "type": "roa", "uri": "rsync://x/a.roa", "tal": "apnic", "validity": { "notBefore": "2021-02-11T14:20:11Z", "notAfter": "2031-03-31T00:00:00Z" }, "chainValidity": { "notBefore": "a", "notAfter": "b" }, "stale": "c" }] },
{ "asn": "AS1", "prefix": "1.0.1.0/24", "maxLength": 24, "source": [ { "type": "exception", "path": null }] }]}"#,
        )
        .unwrap();
        let v = &l.set.vrps[0];
        assert_eq!(v.ta.as_deref(), Some("apnic"));
        let s = &v.sources.as_ref().unwrap()[0];
        assert_eq!(s.kind, "roa");
        assert_eq!(s.uri.as_deref(), Some("rsync://x/a.roa"));
        assert_eq!(s.not_after.as_deref(), Some("2031-03-31T00:00:00Z"));
        assert_eq!(s.chain_not_before.as_deref(), Some("a"));
        assert_eq!(s.stale.as_deref(), Some("c"));
        assert_eq!(l.set.vrps[1].sources.as_ref().unwrap()[0].kind, "exception");
        assert_eq!(l.set.vrps[1].ta, None);
    }

    #[test]
    fn strict_errors_have_lines() {
        let text = "{\n\"roas\": [\n{\"asn\": 1, \"prefix\": \"10.0.0.0/8\", \"maxLength\": 8},\n{\"asn\": 1, \"prefix\": \"10.0.0.1/8\", \"maxLength\": 8},\n{\"asn\": \"x\", \"prefix\": \"10.0.0.0/8\", \"maxLength\": 8}\n]}";
        let e = load(text).unwrap_err();
        assert_eq!(e.location.line, 4);
        assert_eq!(e.location.column, 1);
        assert!(matches!(
            e.kind,
            ParseErrorKind::Model(crate::ModelError::HostBitsSet { .. })
        ));
        let l = load_json(text.as_bytes(), &LoadOptions::lenient()).unwrap();
        assert_eq!(l.set.vrps.len(), 1);
        assert_eq!(l.skipped, 2);
        assert_eq!(
            l.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(),
            vec![4, 5]
        );
        let capped = LoadOptions {
            mode: Mode::Lenient,
            max_warnings: 1,
        };
        let l = load_json(text.as_bytes(), &capped).unwrap();
        assert_eq!((l.warnings.len(), l.skipped), (1, 2));
    }

    #[test]
    fn syntax_and_limits() {
        for (text, line) in [
            ("{\"roas\": [\n{\"asn\": 1,,}]}", 2),
            ("{\"roas\": [}", 1),
            ("{\n\"a\": tru}", 2),
            ("[1] x", 1),
            ("", 1),
        ] {
            let e = load_json(text.as_bytes(), &LoadOptions::lenient()).unwrap_err();
            assert_eq!(e.location.line, line, "{text:?}: {e}");
        }
        let deep = "[".repeat(10_000);
        let e = load(&deep).unwrap_err();
        assert!(matches!(e.kind, ParseErrorKind::Limit(_)), "{e}");
        let many: Vec<String> = (0..=MAX_PROVIDERS).map(|i| i.to_string()).collect();
        let text = format!(
            "{{\"aspas\":[{{\"customer_asid\":1,\"providers\":[{}]}}]}}",
            many.join(",")
        );
        assert!(matches!(
            load(&text).unwrap_err().kind,
            ParseErrorKind::Limit(_)
        ));
        assert!(matches!(
            load_json(b"\xff", &LoadOptions::default())
                .unwrap_err()
                .kind,
            ParseErrorKind::Utf8
        ));
        assert!(
            load("{\"roas\":[{\"asn\":1.5,\"prefix\":\"10.0.0.0/8\",\"maxLength\":8}]}").is_err()
        );
        assert!(load("{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\"}]}").is_err());
        assert!(
            load("{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxLength\":7}]}").is_err()
        );
        assert!(load(
            "{\"roas\":[{\"asn\":4294967296,\"prefix\":\"10.0.0.0/8\",\"maxLength\":8}]}"
        )
        .is_err());
        assert!(load("{\"roas\":[\"x\"]}").is_err());
        assert!(load("{\"a\":\"\\ud800\"}").is_err());
        assert_eq!(load("{\"a\":\"\\ud83d\\ude00\\n\"}").unwrap().set.len(), 0);
    }
}
