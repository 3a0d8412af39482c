//! Origin validation (RFC 6811) of a whole text of route lines in one
//! call, the results written as one byte per route: the batch path of the
//! browser's `validateLines`, where crossing into JavaScript once per route
//! costs more than the validation.
//!
//! The lines are those the CLI's `routeguard validate` reads on stdin, in
//! the one route-line grammar ([`parse_origin_line`]): `PREFIX ORIGIN`
//! (spaces, tabs and/or a comma between), `PREFIX PATH...` (the path's
//! origin per RFC 6811), `bgpdump -m` lines and CAIDA prefix2as lines.
//! Lines the grammar skips (blank, `#` comments, bgpdump withdrawals and
//! `STATE` lines) give no route; every other line gives one, in input
//! order. A line that does not parse gives a route whose state is
//! [`UNPARSABLE`] (where the CLI stops, or skips it with `--lenient`), and
//! the first such line is kept as a [`ParseError`] with its line number.
//!
//! Codes: states are positions in [`ROV_WORDS`] (0 `valid`, 1 `invalid`,
//! 2 `not-found`), reasons positions in [`REASON_WORDS`] (0 `as`, 1
//! `length`), [`NULL`] for no verdict, as in the Arrow batch path
//! ([`super::batch`]).
//!
//! Lines are split on `\n` (a trailing `\r` is ignored) and parsed in place:
//! no allocation per line for `PREFIX ORIGIN` lines (a longer AS path, a
//! bgpdump line or a bad line's message allocates). Routes are judged in
//! chunks with [`origin_states`], which groups unsorted routes by address.
//!
//! ```
//! use routeguard::parse::bgp::RouteLineOptions;
//! use routeguard::validate::lines::{validate_lines, UNPARSABLE};
//! use routeguard::{Asn, RovIndex, Vrp};
//! let index = RovIndex::new(&[Vrp::new("192.0.2.0/24".parse().unwrap(), 24, Asn::new(64500)).unwrap()]);
//! let text = b"# routes\n192.0.2.0/24 AS64500\n192.0.2.0/24,64501\n\n198.51.100.0/24 64500\nnonsense\n";
//! let v = validate_lines(&index, text, &RouteLineOptions::new());
//! assert_eq!(v.states, [0, 1, 2, UNPARSABLE]);
//! assert_eq!(v.unparsable, 1);
//! assert_eq!(v.first_error.unwrap().location.line, 6);
//! ```

use std::sync::Arc;

use crate::index::RovIndex;
use crate::model::{Asn, Prefix, Vrp};
use crate::parse::bgp::{parse_origin_line, RouteLineOptions};
use crate::parse::{ParseError, ParseErrorKind};
use crate::validate::batch::{reason_code, rov_code, NULL};
use crate::validate::rov::{deciding_vrps, origin_states, RovState};

pub use crate::validate::batch::{REASON_WORDS, ROV_WORDS};

/// The state byte of a line that does not parse (and its reason byte).
pub const UNPARSABLE: u8 = NULL;

/// Routes judged per chunk (bounds the scratch memory: about 48 bytes per
/// route).
const CHUNK: usize = 1 << 16;

/// The verdicts of the route lines of a text, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineVerdicts {
    /// One byte per route line: its state's position in [`ROV_WORDS`], or
    /// [`UNPARSABLE`].
    pub states: Vec<u8>,
    /// With [`validate_lines_detailed`], one byte per route line: the
    /// position of its reason in [`REASON_WORDS`], [`NULL`] unless
    /// invalid (and for unparsable lines); empty otherwise.
    pub reasons: Vec<u8>,
    /// With [`validate_lines_detailed`], the 1-based line number of each
    /// route; empty otherwise.
    pub lines: Vec<u32>,
    /// How many route lines did not parse.
    pub unparsable: usize,
    /// The first line that did not parse: its number and what was wrong.
    pub first_error: Option<ParseError>,
}

/// The VRPs that decided each route's verdict ([`deciding_vrps`]: for
/// `valid` the matching VRPs, for `invalid` every covering VRP, sorted),
/// flat: route `i`'s are positions `start[i]..start[i + 1]` of the other
/// columns. A deciding VRP covers its route, so its prefix is the route's
/// prefix cut to the VRP's length (`len`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecidingVrps {
    /// Offsets: one per route, then the total.
    pub start: Vec<u32>,
    /// Each VRP's origin AS.
    pub asn: Vec<u32>,
    /// Each VRP's prefix length.
    pub len: Vec<u8>,
    /// Each VRP's max length.
    pub max_len: Vec<u8>,
    /// Each VRP's trust anchor: 0 for none, `k` for `trust_anchors[k - 1]`.
    pub ta: Vec<u32>,
    /// The trust anchor names met, in order of first use.
    pub trust_anchors: Vec<Arc<str>>,
}

impl DecidingVrps {
    fn ta_id(&mut self, ta: Option<&Arc<str>>) -> u32 {
        let Some(ta) = ta else { return 0 };
        let at = self
            .trust_anchors
            .iter()
            .position(|t| Arc::ptr_eq(t, ta) || **t == **ta);
        let k = at.unwrap_or_else(|| {
            self.trust_anchors.push(Arc::clone(ta));
            self.trust_anchors.len() - 1
        });
        u32::try_from(k + 1).unwrap_or(u32::MAX)
    }
}

/// The states of the route lines of `text` (one byte each, input order);
/// `reasons` and `lines` are left empty.
pub fn validate_lines(index: &RovIndex, text: &[u8], opts: &RouteLineOptions) -> LineVerdicts {
    run(index, text, opts, None)
}

/// [`validate_lines`] with reasons, line numbers and the deciding VRPs.
pub fn validate_lines_detailed(
    index: &RovIndex,
    text: &[u8],
    opts: &RouteLineOptions,
) -> (LineVerdicts, DecidingVrps) {
    let mut vrps = DecidingVrps::default();
    let v = run(index, text, opts, Some(&mut vrps));
    (v, vrps)
}

/// One route line: `None` when it does not parse.
type Slot = Option<(Prefix, Option<Asn>)>;

fn run(
    index: &RovIndex,
    text: &[u8],
    opts: &RouteLineOptions,
    mut detail: Option<&mut DecidingVrps>,
) -> LineVerdicts {
    let detailed = detail.is_some();
    let mut out = LineVerdicts {
        states: Vec::with_capacity(text.len() / 24),
        ..LineVerdicts::default()
    };
    let mut chunk: Vec<Slot> = Vec::with_capacity(CHUNK.min(text.len() / 16 + 1));
    let mut parsed: Vec<(Prefix, Option<Asn>)> = Vec::new();
    let mut scratch: Vec<Vrp> = Vec::new();
    if let Some(d) = detail.as_deref_mut() {
        d.start.push(0);
    }
    for (number, line) in (1usize..).zip(text.split(|&b| b == b'\n')) {
        let result = match std::str::from_utf8(line) {
            Ok(line) => parse_origin_line(line, opts),
            Err(_) => Err(ParseErrorKind::Utf8),
        };
        let slot = match result {
            Ok(None) => continue,
            Ok(Some(r)) => Some((r.prefix, r.origin)),
            Err(kind) => {
                out.unparsable += 1;
                if out.first_error.is_none() {
                    out.first_error = Some(ParseError::at(number, 0, kind));
                }
                None
            }
        };
        chunk.push(slot);
        if detailed {
            out.lines.push(u32::try_from(number).unwrap_or(u32::MAX));
        }
        if chunk.len() == CHUNK {
            flush(
                index,
                &mut chunk,
                &mut parsed,
                &mut out,
                detail.as_deref_mut(),
                &mut scratch,
            );
        }
    }
    flush(
        index,
        &mut chunk,
        &mut parsed,
        &mut out,
        detail,
        &mut scratch,
    );
    out
}

/// Judges the routes of `chunk`, appends their bytes to `out` (and their
/// deciding VRPs to `detail`), and empties it.
fn flush(
    index: &RovIndex,
    chunk: &mut Vec<Slot>,
    parsed: &mut Vec<(Prefix, Option<Asn>)>,
    out: &mut LineVerdicts,
    detail: Option<&mut DecidingVrps>,
    scratch: &mut Vec<Vrp>,
) {
    parsed.clear();
    parsed.extend(chunk.iter().flatten().copied());
    let verdicts = origin_states(index, parsed);
    let mut verdicts = verdicts.iter();
    let detailed = detail.is_some();
    let mut states: Vec<Option<RovState>> = Vec::new();
    for slot in chunk.iter() {
        let v = slot.and_then(|_| verdicts.next().copied());
        match v {
            Some((s, r)) => {
                out.states.push(rov_code(s));
                if detailed {
                    out.reasons.push(reason_code(r));
                    states.push(Some(s));
                }
            }
            None => {
                out.states.push(UNPARSABLE);
                if detailed {
                    out.reasons.push(NULL);
                    states.push(None);
                }
            }
        }
    }
    if let Some(d) = detail {
        for (slot, state) in chunk.iter().zip(&states) {
            if let (Some((prefix, origin)), Some(state)) = (slot, state) {
                deciding_vrps(index, prefix, *origin, *state, scratch);
                for v in scratch.iter() {
                    let ta = d.ta_id(v.ta.as_ref());
                    d.asn.push(v.asn.get());
                    d.len.push(v.prefix.len());
                    d.max_len.push(v.max_length);
                    d.ta.push(ta);
                }
            }
            d.start.push(u32::try_from(d.asn.len()).unwrap_or(u32::MAX));
        }
    }
    chunk.clear();
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::parse::bgp::origin_lines;
    use crate::validate::rov::validate_origin;

    fn vrp(prefix: &str, max: u8, asn: u32) -> Vrp {
        Vrp::new(prefix.parse().unwrap(), max, Asn::new(asn)).unwrap()
    }

    fn index() -> RovIndex {
        let mut a = vrp("192.0.2.0/24", 24, 64500);
        a.ta = Some(Arc::from("ripe"));
        let mut b = vrp("192.0.0.0/16", 20, 64501);
        b.ta = Some(Arc::from("arin"));
        RovIndex::new(&[
            a,
            b,
            vrp("2001:db8::/32", 48, 64500),
            vrp("10.0.0.0/8", 8, 0),
        ])
    }

    const TEXT: &str = "# header\n\
        192.0.2.0/24 AS64500\n\
        192.0.2.0/24,64501\r\n\
        \n\
        192.0.2.128/25\t64500\n\
        2001:db8::/48 64496 64500 # comment\n\
        198.51.100.0/24 64500\n\
        192.0.2.0/24 {64500,64501}\n\
        10.1.0.0/16 0\n\
        nonsense here\n\
        TABLE_DUMP2|1277971199|B|202.249.2.169|2497|192.0.2.0/24|2497 64500|IGP|x|0|0||NAG||\n\
        BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48\n\
        192.0.2.1/24 64500";

    #[test]
    fn states_match_per_route_validation() {
        let index = index();
        let v = validate_lines(&index, TEXT.as_bytes(), &RouteLineOptions::new());
        assert_eq!(v.states, [0, 1, 1, 0, 2, 1, 1, UNPARSABLE, 0, UNPARSABLE]);
        assert!(v.reasons.is_empty() && v.lines.is_empty());
        assert_eq!(v.unparsable, 2);
        assert_eq!(v.first_error.as_ref().unwrap().location.line, 10);
        // The same routes, line by line, with the relaxed grammar that
        // accepts the last line too.
        let relaxed = RouteLineOptions::new().relaxed(true);
        let (d, vrps) = validate_lines_detailed(&index, TEXT.as_bytes(), &relaxed);
        assert_eq!(d.lines, [2, 3, 5, 6, 7, 8, 9, 10, 11, 13]);
        assert_eq!(d.states.len(), 10);
        assert_eq!(d.unparsable, 1);
        let good: Vec<(usize, &str)> = TEXT
            .split('\n')
            .enumerate()
            .filter(|(i, _)| *i != 9)
            .map(|(i, l)| (i + 1, l))
            .collect();
        let text: String = good.iter().map(|(_, l)| format!("{l}\n")).collect();
        let routes: Vec<_> = origin_lines(&text, &relaxed).map(Result::unwrap).collect();
        let routes_at = d
            .states
            .iter()
            .enumerate()
            .filter(|(_, s)| **s != UNPARSABLE);
        for ((i, _), r) in routes_at.zip(&routes) {
            let want = validate_origin(&index, &r.prefix, r.origin);
            assert_eq!(d.states[i], rov_code(want.state), "route {i}");
            assert_eq!(d.reasons[i], reason_code(want.reason), "route {i}");
            let (a, b) = (vrps.start[i] as usize, vrps.start[i + 1] as usize);
            let got: Vec<(u32, u8, u8, Option<&str>)> = (a..b)
                .map(|k| {
                    let ta = vrps.ta[k] as usize;
                    let ta = (ta > 0).then(|| &*vrps.trust_anchors[ta - 1]);
                    (vrps.asn[k], vrps.len[k], vrps.max_len[k], ta)
                })
                .collect();
            let expected: Vec<(u32, u8, u8, Option<&str>)> = want
                .covering
                .iter()
                .map(|v| (v.asn.get(), v.prefix.len(), v.max_length, v.ta.as_deref()))
                .collect();
            assert_eq!(got, expected, "route {i}");
        }
        assert_eq!(routes.len(), 9);
        assert_eq!(d.reasons[7], NULL);
        assert_eq!(vrps.start.len(), 11);
        assert_eq!(vrps.start[8], vrps.start[7]);
    }

    #[test]
    fn empty_and_bad_bytes() {
        let index = index();
        let o = RouteLineOptions::new();
        assert_eq!(validate_lines(&index, b"", &o), LineVerdicts::default());
        let v = validate_lines(&index, b"\n\n# x\n", &o);
        assert!(v.states.is_empty() && v.first_error.is_none());
        let v = validate_lines(&index, b"192.0.2.0/24 \xff\n192.0.2.0/24 64500", &o);
        assert_eq!(v.states, [UNPARSABLE, 0]);
        let v = validate_lines(&index, b"\xc3\x28 64500\n", &o);
        assert_eq!(v.first_error.unwrap().kind, ParseErrorKind::Utf8);
        let (d, vrps) = validate_lines_detailed(&index, b"", &o);
        assert!(d.states.is_empty());
        assert_eq!(vrps.start, [0]);
    }

    #[test]
    fn chunks_keep_order() {
        // More routes than a chunk, unsorted, so that they are grouped.
        let index = index();
        let mut text = String::new();
        let n = CHUNK + 1000;
        for i in 0..n {
            let a = (i * 7919) % 256;
            text.push_str(&format!("192.{a}.{}.0/24 {}\n", i % 256, 64500 + (i % 2)));
        }
        let v = validate_lines(&index, text.as_bytes(), &RouteLineOptions::new());
        assert_eq!(v.states.len(), n);
        let routes = origin_lines(&text, &RouteLineOptions::new());
        for (i, r) in routes.enumerate() {
            let r = r.unwrap();
            let want = validate_origin(&index, &r.prefix, r.origin);
            assert_eq!(v.states[i], rov_code(want.state), "route {i}");
        }
    }
}
