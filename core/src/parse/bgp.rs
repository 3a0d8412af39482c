//! BGP routes as text lines: `PREFIX PATH...` (the AS path as
//! [`AsPath::parse`] reads it) or one line of `bgpdump -m` / `bgpdump -M`
//! output (RIPE NCC libbgpdump; MRT per RFC 6396). The one route-line
//! grammar of routeguard: the CLI's `validate`, `irr check` and `path check`
//! and the bindings' route strings all read routes here.
//!
//! A plain line is the prefix, then the AS path, separated by spaces, tabs
//! and/or commas; ASNs as `64500`, `AS64500` or asdot `1.10`; text after a
//! `#` is a comment and blank lines are skipped. [`parse_route_line_with`]
//! keeps the whole path; [`parse_origin_line`] reads `PREFIX ORIGIN` lines,
//! where one ASN is the origin and a longer path gives its origin as RFC 6811
//! §2 says (none when the path ends in an AS_SET). Prefixes are strict (no
//! host bits) unless [`RouteLineOptions::relaxed`]. [`route_lines`],
//! [`origin_lines`] and [`RouteReader`] number the lines of a whole input.
//!
//! `bgpdump -m` prints one pipe-separated line per route:
//!
//! ```text
//! TABLE_DUMP2|1277971199|B|202.249.2.169|2497|1.9.0.0/16|2497 2914 4788|IGP|…
//! BGP4MP|1470931200|A|37.49.236.123|198290|192.140.252.0/22|198290 6661 2914|IGP|…
//! BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48
//! BGP4MP|1470931201|STATE|37.49.232.25|60427|6|1
//! ```
//!
//! (type, time, kind, peer IP, peer AS, prefix, AS path, then origin, next
//! hop and the other attributes, which are ignored). `TABLE_DUMP` (MRT
//! TABLE_DUMP, RFC 6396 §4.2), `TABLE_DUMP2` (§4.3) and `BGP4MP`/`BGP4MP_ET`
//! (§4.4, §3 extended timestamp `SECONDS.MICROS`) lines are read; table
//! entries (`B`) and announcements (`A`) give a route; withdrawals (`W`) and
//! `STATE` changes give `Ok(None)` from the route readers. The event readers
//! ([`parse_route_event`], [`route_events`], [`RouteEventReader`]) return a
//! [`RouteEvent`] for withdrawals too ([`RouteEventKind`]: `rib`,
//! `announce`, `withdraw`), so that timestamped updates give how long a
//! route was seen; `STATE` lines are skipped there as well. `bgpdump -M` prints a human-readable
//! time (`07/01/10 07:59:59`), which becomes `timestamp: None`. The path uses
//! bgpdump's notation: `{a,b}` an AS_SET, `(a b)` an AS_CONFED_SEQUENCE,
//! `[a,b]` an AS_CONFED_SET; 4-byte ASNs asplain or asdot.
//!
//! A CAIDA Routeviews prefix2as line (`1.0.0.0<TAB>24<TAB>13335`: address,
//! length and origin, tab-separated; `_` between the origins of a MOAS
//! prefix, `,` between the members of an AS set) is a table entry whose
//! path is its origin (`{a,b}` for a set). A MOAS line gives one route per
//! origin to [`route_events`] and [`RouteEventReader`], and its first
//! origin's route to the one-route functions. Only tab-separated lines of
//! exactly these three fields are read so: `1.0.0.0 24 13335` stays a
//! plain line (and fails: a prefix needs its length).
//!
//! Limits: a line is at most [`MAX_RECORD_LEN`] bytes, a path at most
//! [`crate::model::MAX_AS_PATH_LEN`] ASNs.
//!
//! ```
//! use routeguard::parse::bgp::{parse_route_line, route_lines};
//! let r = parse_route_line("TABLE_DUMP2|1277971199|B|202.249.2.169|2497|1.9.0.0/16|2497 2914 4788|IGP|x|0|0||NAG||")
//!     .unwrap()
//!     .unwrap();
//! assert_eq!(r.prefix.to_string(), "1.9.0.0/16");
//! assert_eq!(r.path.to_string(), "2497 2914 4788");
//! assert_eq!(r.peer_as.map(|a| a.get()), Some(2497));
//! assert_eq!(r.timestamp, Some(1277971199));
//! let text = "# comment\n192.0.2.0/24 64500 64501\n\n2001:db8::/32\n";
//! let routes: Vec<_> = route_lines(text).collect::<Result<_, _>>().unwrap();
//! assert_eq!(routes.len(), 2);
//! assert!(routes[1].path.is_empty());
//! ```

use std::io::BufRead;
use std::net::IpAddr;

use super::{ParseError, ParseErrorKind, MAX_RECORD_LEN};
use crate::model::{AsPath, Asn, Prefix};

/// One route read from a text line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteLine {
    /// The announced prefix.
    pub prefix: Prefix,
    /// The AS path (may be empty: an iBGP or locally originated route).
    pub path: AsPath,
    /// The peer (collector neighbour) address, from bgpdump lines.
    pub peer_ip: Option<IpAddr>,
    /// The peer AS, from bgpdump lines.
    pub peer_as: Option<Asn>,
    /// Seconds since the Unix epoch, from `bgpdump -m` lines (`None` for
    /// plain lines and for `bgpdump -M`'s human-readable time).
    pub timestamp: Option<i64>,
}

/// How route lines are read (the CLI's `--relaxed`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RouteLineOptions {
    relaxed: bool,
}

impl RouteLineOptions {
    /// Strict prefixes: no host bits, a length always given.
    pub const fn new() -> Self {
        RouteLineOptions { relaxed: false }
    }

    /// Relaxed prefixes ([`Prefix::parse_relaxed`]): host bits cleared, a
    /// bare address read as a host route.
    pub const fn relaxed(mut self, relaxed: bool) -> Self {
        self.relaxed = relaxed;
        self
    }

    /// Whether prefixes are read relaxed.
    pub const fn is_relaxed(&self) -> bool {
        self.relaxed
    }

    fn prefix(&self, s: &str) -> Result<Prefix, ParseErrorKind> {
        Ok(if self.relaxed {
            Prefix::parse_relaxed(s)?
        } else {
            Prefix::parse(s)?
        })
    }
}

/// A route and its origin, read from a `PREFIX ORIGIN` line (or a line
/// with an AS path, whose origin it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OriginLine {
    /// The announced prefix.
    pub prefix: Prefix,
    /// The origin AS per RFC 6811 §2; `None` when the AS path ends in an
    /// AS_SET (a covered route is then `invalid`).
    pub origin: Option<Asn>,
}

/// What a [`RouteEvent`] says of its prefix. Shown as [`as_str`](Self::as_str).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RouteEventKind {
    /// The route is in a table: an entry of a RIB dump (MRT TABLE_DUMP or
    /// TABLE_DUMP_V2, RFC 6396 §4.2–4.3; bgpdump `B`), or a plain
    /// `PREFIX PATH` line. Shown as `rib`.
    Rib,
    /// The route was announced in a BGP UPDATE (MRT BGP4MP, RFC 6396 §4.4;
    /// bgpdump `A`). Shown as `announce`.
    Announce,
    /// The route was withdrawn in a BGP UPDATE (withdrawn routes or
    /// MP_UNREACH_NLRI; bgpdump `W`); the event's path is empty. Shown as
    /// `withdraw`.
    Withdraw,
}

impl RouteEventKind {
    /// `rib`, `announce` or `withdraw`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RouteEventKind::Rib => "rib",
            RouteEventKind::Announce => "announce",
            RouteEventKind::Withdraw => "withdraw",
        }
    }

    /// Whether the route is there after the event: a table entry or an
    /// announcement.
    pub const fn is_reachable(self) -> bool {
        matches!(self, RouteEventKind::Rib | RouteEventKind::Announce)
    }
}

impl std::fmt::Display for RouteEventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a route input says about one prefix from one peer at one
/// time: a table entry, an announcement or a withdrawal. Read from text by
/// [`parse_route_event`], [`route_events`] and [`RouteEventReader`], and from
/// MRT files by `parse::mrt` (feature `mrt`). Timestamped announcements and
/// withdrawals of the same (peer, prefix) give how long a route was seen.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RouteEvent {
    /// Table entry, announcement or withdrawal.
    pub kind: RouteEventKind,
    /// The prefix.
    pub prefix: Prefix,
    /// The AS path; empty for a withdrawal (and for an iBGP or locally
    /// originated route).
    pub path: AsPath,
    /// The peer (collector neighbour) address; `None` for plain lines.
    pub peer_ip: Option<IpAddr>,
    /// The peer AS; `None` for plain lines.
    pub peer_as: Option<Asn>,
    /// Seconds since the Unix epoch: the MRT record's time (the dump's time
    /// for RIB entries, the message's for updates), as `bgpdump -m` prints
    /// it; `None` for plain lines and `bgpdump -M`'s readable time.
    pub timestamp: Option<i64>,
}

impl RouteEvent {
    /// The route of a table entry or an announcement (`None` for a
    /// withdrawal).
    pub fn into_route_line(self) -> Option<RouteLine> {
        self.kind.is_reachable().then_some(RouteLine {
            prefix: self.prefix,
            path: self.path,
            peer_ip: self.peer_ip,
            peer_as: self.peer_as,
            timestamp: self.timestamp,
        })
    }
}

impl From<RouteLine> for RouteEvent {
    /// A route read from a line as a table entry ([`RouteEventKind::Rib`]).
    fn from(r: RouteLine) -> Self {
        RouteEvent {
            kind: RouteEventKind::Rib,
            prefix: r.prefix,
            path: r.path,
            peer_ip: r.peer_ip,
            peer_as: r.peer_as,
            timestamp: r.timestamp,
        }
    }
}

/// Parses one line as a [`RouteEvent`]: the grammar of
/// [`parse_route_line_with`], where a `bgpdump -m` withdrawal (`W`, six
/// fields: type, time, `W`, peer IP, peer AS, prefix) is an event too, its
/// fields checked. A plain `PREFIX PATH` line is a [`RouteEventKind::Rib`]
/// event, bgpdump `B` too, `A` an [`RouteEventKind::Announce`].
///
/// `Ok(None)` for a blank line, a `#` comment or a `STATE` change (a BGP
/// session's state; not an event of a prefix).
///
/// ```
/// use routeguard::parse::bgp::{parse_route_event, RouteEventKind, RouteLineOptions};
/// let o = RouteLineOptions::new();
/// let w = parse_route_event("BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48", &o)
///     .unwrap()
///     .unwrap();
/// assert_eq!(w.kind, RouteEventKind::Withdraw);
/// assert_eq!(w.kind.as_str(), "withdraw");
/// assert!(w.path.is_empty());
/// assert_eq!(w.timestamp, Some(1470931200));
/// let r = parse_route_event("192.0.2.0/24 64500", &o).unwrap().unwrap();
/// assert_eq!(r.kind, RouteEventKind::Rib);
/// ```
pub fn parse_route_event(
    line: &str,
    opts: &RouteLineOptions,
) -> Result<Option<RouteEvent>, ParseErrorKind> {
    match split_line(line)? {
        Split::Skip => Ok(None),
        Split::Dump(line) => parse_dump_event(line, opts, true),
        Split::Plain(prefix, rest) => Ok(Some(RouteEvent {
            kind: RouteEventKind::Rib,
            prefix: opts.prefix(prefix)?,
            path: parse_path(rest)?,
            peer_ip: None,
            peer_as: None,
            timestamp: None,
        })),
        Split::Pfx2as(addr, len, origins) => {
            let (prefix, paths) = pfx2as_routes(addr, len, origins, opts)?;
            Ok(paths.into_iter().next().map(|path| RouteEvent {
                kind: RouteEventKind::Rib,
                prefix,
                path,
                peer_ip: None,
                peer_as: None,
                timestamp: None,
            }))
        }
    }
}

/// Parses one line: `PREFIX PATH...` or a `bgpdump -m`/`-M` line, with
/// strict prefixes ([`parse_route_line_with`] with the default options).
///
/// `Ok(None)` for a blank line, a `#` comment, a bgpdump withdrawal (`W`)
/// or state change (`STATE`).
pub fn parse_route_line(line: &str) -> Result<Option<RouteLine>, ParseErrorKind> {
    parse_route_line_with(line, &RouteLineOptions::new())
}

/// Parses one line: `PREFIX PATH...` or a `bgpdump -m`/`-M` line.
///
/// The plain form: the prefix, then the AS path, separated by spaces, tabs
/// and/or commas (`192.0.2.0/24, 64496,64500`; commas inside `{…}` separate
/// set members as usual); ASNs as `64500`, `AS64500` or asdot `1.10`; text
/// after a `#` is a comment. The path may be empty (an iBGP or locally
/// originated route).
///
/// `Ok(None)` for a blank line, a `#` comment, a bgpdump withdrawal (`W`)
/// or state change (`STATE`). Surrounding whitespace (and a trailing `\r`)
/// is ignored.
pub fn parse_route_line_with(
    line: &str,
    opts: &RouteLineOptions,
) -> Result<Option<RouteLine>, ParseErrorKind> {
    let (prefix, rest) = match split_line(line)? {
        Split::Skip => return Ok(None),
        Split::Dump(line) => return parse_bgpdump(line, opts),
        Split::Plain(prefix, rest) => (prefix, rest),
        Split::Pfx2as(..) => {
            return Ok(parse_route_event(line, opts)?.and_then(RouteEvent::into_route_line))
        }
    };
    let prefix = opts.prefix(prefix)?;
    let path = parse_path(rest)?;
    Ok(Some(RouteLine {
        prefix,
        path,
        peer_ip: None,
        peer_as: None,
        timestamp: None,
    }))
}

/// Parses one `PREFIX ORIGIN` line: the grammar of
/// [`parse_route_line_with`], where what follows the prefix must not be
/// empty; one ASN is the origin, an AS path gives its origin as RFC 6811
/// says (the last AS of a final AS_SEQUENCE, none when the path ends in an
/// AS_SET). A `bgpdump -m` line gives the origin of its path.
///
/// `Ok(None)` for the lines [`parse_route_line_with`] skips.
pub fn parse_origin_line(
    line: &str,
    opts: &RouteLineOptions,
) -> Result<Option<OriginLine>, ParseErrorKind> {
    let (prefix_text, rest) = match split_line(line)? {
        Split::Skip => return Ok(None),
        Split::Dump(line) => {
            return Ok(parse_bgpdump(line, opts)?.map(|r| OriginLine {
                prefix: r.prefix,
                origin: r.path.origin(),
            }))
        }
        Split::Plain(prefix, rest) => (prefix, rest),
        Split::Pfx2as(..) => {
            return Ok(parse_route_event(line, opts)?.map(|e| OriginLine {
                prefix: e.prefix,
                origin: e.path.origin(),
            }))
        }
    };
    let prefix = opts.prefix(prefix_text)?;
    if rest.is_empty() {
        return Err(syntax(format!(
            "missing origin AS after {:?} (expected \"prefix origin\")",
            clip(prefix_text)
        )));
    }
    let single = !rest
        .bytes()
        .any(|b| is_sep(b) || matches!(b, b'{' | b'}' | b'(' | b')' | b'[' | b']'));
    let origin = if single {
        Some(Asn::parse(rest)?)
    } else {
        parse_path(rest)?.origin()
    };
    Ok(Some(OriginLine { prefix, origin }))
}

/// A separator between the fields of a plain route line.
#[inline]
fn is_sep(b: u8) -> bool {
    b == b',' || b.is_ascii_whitespace()
}

/// A line split into its kind and, for plain lines, prefix and path text.
enum Split<'a> {
    /// Blank or comment.
    Skip,
    /// A `bgpdump -m` line (trimmed).
    Dump(&'a str),
    /// The prefix and what follows it, trimmed of separators and comments.
    Plain(&'a str, &'a str),
    /// A CAIDA prefix2as line: address, length, origins.
    Pfx2as(IpAddr, u8, &'a str),
}

fn split_line(line: &str) -> Result<Split<'_>, ParseErrorKind> {
    if line.len() > MAX_RECORD_LEN {
        return Err(too_long());
    }
    let line = line.trim_ascii();
    let b = line.as_bytes();
    let word_end = b
        .iter()
        .position(|&c| c == b'|' || c == b'#' || is_sep(c))
        .unwrap_or(b.len());
    if b.get(word_end) == Some(&b'|') {
        let word = line.get(..word_end).unwrap_or_default();
        return if is_dump_type(word.as_bytes()) {
            Ok(Split::Dump(line))
        } else {
            Err(syntax(format!(
                "unknown bgpdump entry type {:?} (expected TABLE_DUMP, TABLE_DUMP2, BGP4MP or BGP4MP_ET)",
                clip(word)
            )))
        };
    }
    // Text after a `#` is a comment.
    let line = match memchr::memchr(b'#', b) {
        Some(i) => line.get(..i).unwrap_or_default(),
        None => line,
    };
    let line = line.trim_matches(|c: char| c.is_ascii() && is_sep(c as u8));
    if line.is_empty() {
        return Ok(Split::Skip);
    }
    if let Some(p) = pfx2as_fields(line) {
        return Ok(p);
    }
    let end = line.bytes().position(is_sep).unwrap_or(line.len());
    let prefix = line.get(..end).unwrap_or_default();
    let rest = line
        .get(end..)
        .unwrap_or_default()
        .trim_start_matches(|c: char| c.is_ascii() && is_sep(c as u8));
    Ok(Split::Plain(prefix, rest))
}

/// A CAIDA Routeviews prefix2as line: three tab-separated fields, an
/// address without a length, the length, and the origins (`_` between the
/// origins of a MOAS prefix, `,` between the members of an AS set).
fn pfx2as_fields(line: &str) -> Option<Split<'_>> {
    let mut it = line.split('\t');
    let (addr, len, origins) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some()
        || len.is_empty()
        || len.len() > 3
        || !len.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(Split::Pfx2as(
        addr.parse().ok()?,
        len.parse().ok()?,
        origins.trim(),
    ))
}

/// The prefix and one path per origin of a prefix2as line.
fn pfx2as_routes(
    ip: IpAddr,
    len: u8,
    origins: &str,
    opts: &RouteLineOptions,
) -> Result<(Prefix, Vec<AsPath>), ParseErrorKind> {
    let prefix = if opts.is_relaxed() {
        Prefix::new_relaxed(ip, len)?
    } else {
        Prefix::new(ip, len)?
    };
    let mut paths = Vec::new();
    for o in origins.split('_') {
        let path = if o.contains(',') {
            AsPath::parse(&format!("{{{o}}}"))?
        } else {
            AsPath::parse(o)?
        };
        if path.is_empty() {
            return Err(syntax(format!(
                "empty origin in prefix2as line {:?}",
                clip(origins)
            )));
        }
        paths.push(path);
        if paths.len() > MAX_MOAS {
            return Err(syntax(format!(
                "more than {MAX_MOAS} origins in one prefix2as line"
            )));
        }
    }
    Ok((prefix, paths))
}

/// Most origins of one prefix2as line.
pub const MAX_MOAS: usize = 1024;

/// The events of one line, the first and the others: a prefix2as line of
/// a MOAS prefix gives one table entry per origin; other lines at most one
/// event.
fn parse_line_events(
    line: &str,
    opts: &RouteLineOptions,
) -> Result<Option<(RouteEvent, Vec<RouteEvent>)>, ParseErrorKind> {
    if let Split::Pfx2as(addr, len, origins) = split_line(line)? {
        let (prefix, paths) = pfx2as_routes(addr, len, origins, opts)?;
        let mut events = paths.into_iter().map(|path| RouteEvent {
            kind: RouteEventKind::Rib,
            prefix,
            path,
            peer_ip: None,
            peer_as: None,
            timestamp: None,
        });
        return Ok(events.next().map(|first| (first, events.collect())));
    }
    Ok(parse_route_event(line, opts)?.map(|e| (e, Vec::new())))
}

/// An AS path whose ASes (and segments) may also be separated by commas
/// outside brackets (`64496,{64500,64501},64502`).
fn parse_path(text: &str) -> Result<AsPath, ParseErrorKind> {
    if memchr::memchr(b',', text.as_bytes()).is_none() {
        return Ok(AsPath::parse(text)?);
    }
    let mut depth = 0u32;
    let spaced: String = text
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
    Ok(AsPath::parse(&spaced)?)
}

/// `TABLE_DUMP`, `TABLE_DUMP2`, `BGP4MP` or `BGP4MP_ET`, compared byte by
/// byte (cheaper than `memcmp` calls for words this short).
#[inline]
fn is_dump_type(w: &[u8]) -> bool {
    matches!(
        w,
        [b'T', b'A', b'B', b'L', b'E', b'_', b'D', b'U', b'M', b'P']
            | [b'T', b'A', b'B', b'L', b'E', b'_', b'D', b'U', b'M', b'P', b'2']
            | [b'B', b'G', b'P', b'4', b'M', b'P']
            | [b'B', b'G', b'P', b'4', b'M', b'P', b'_', b'E', b'T']
    )
}

/// The first seven `|`-separated fields (type, time, kind, peer IP, peer
/// AS, prefix, path); fields past the seventh are not looked at. `n` is the
/// number found (fewer than seven when the line is short).
#[inline]
fn dump_fields(line: &str) -> ([&str; 7], usize) {
    let mut out = [""; 7];
    let mut n = 0usize;
    let mut start = 0usize;
    for (i, b) in line.bytes().enumerate() {
        if b == b'|' {
            if let Some(slot) = out.get_mut(n) {
                *slot = line.get(start..i).unwrap_or_default();
            }
            n += 1;
            start = i + 1;
            if n == 7 {
                return (out, n);
            }
        }
    }
    if let Some(slot) = out.get_mut(n) {
        *slot = line.get(start..).unwrap_or_default();
        n += 1;
    }
    (out, n)
}

fn parse_bgpdump(line: &str, opts: &RouteLineOptions) -> Result<Option<RouteLine>, ParseErrorKind> {
    Ok(parse_dump_event(line, opts, false)?.and_then(RouteEvent::into_route_line))
}

/// One `bgpdump -m` line as an event. Withdrawals are read (and checked)
/// only with `withdrawals`; without, a `W` line is `Ok(None)` as
/// [`parse_route_line`] has always answered, whatever follows its kind.
fn parse_dump_event(
    line: &str,
    opts: &RouteLineOptions,
    withdrawals: bool,
) -> Result<Option<RouteEvent>, ParseErrorKind> {
    let ([_typ, time, kind, peer_ip, peer_as, prefix, path], n) = dump_fields(line);
    let kind = match kind.as_bytes() {
        [b'B'] => RouteEventKind::Rib,
        [b'A'] => RouteEventKind::Announce,
        [b'W'] if withdrawals => RouteEventKind::Withdraw,
        [b'W'] | [b'S', b'T', b'A', b'T', b'E'] => return Ok(None),
        _ if n < 3 => return Err(missing("entry kind (field 3)")),
        _ => {
            return Err(syntax(format!(
                "unknown bgpdump entry kind {:?} (expected B, A, W or STATE)",
                clip(kind)
            )))
        }
    };
    let need = if kind == RouteEventKind::Withdraw {
        6
    } else {
        7
    };
    if n < need {
        return Err(missing(match n {
            3 => "peer IP (field 4)",
            4 => "peer AS (field 5)",
            5 => "prefix (field 6)",
            _ => "AS path (field 7)",
        }));
    }
    let peer_ip: IpAddr = peer_ip.parse().map_err(|_| ParseErrorKind::InvalidField {
        field: "peer IP",
        message: format!("{:?} is not an IP address", clip(peer_ip)),
    })?;
    let peer_as = Asn::parse(peer_as)?;
    let prefix = opts.prefix(prefix)?;
    let path = if kind == RouteEventKind::Withdraw {
        AsPath::default()
    } else {
        AsPath::parse(path)?
    };
    Ok(Some(RouteEvent {
        kind,
        prefix,
        path,
        peer_ip: Some(peer_ip),
        peer_as: Some(peer_as),
        timestamp: parse_time(time),
    }))
}

/// `1277971199` or the extended form `1470931200.123456` (seconds kept);
/// `None` for anything else (e.g. `-M`'s `07/01/10 07:59:59`).
#[inline]
fn parse_time(t: &str) -> Option<i64> {
    let mut v: i64 = 0;
    let mut digits = 0usize;
    let b = t.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'.' {
            let frac = b.get(i + 1..).unwrap_or_default();
            if frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) {
                return None;
            }
            break;
        }
        let d = c.wrapping_sub(b'0');
        if d > 9 || digits == 18 {
            return None;
        }
        v = v * 10 + i64::from(d);
        digits += 1;
    }
    (digits > 0).then_some(v)
}

fn too_long() -> ParseErrorKind {
    ParseErrorKind::Limit(format!("line longer than {MAX_RECORD_LEN} bytes"))
}

fn syntax(msg: String) -> ParseErrorKind {
    ParseErrorKind::Syntax(msg)
}

fn missing(what: &'static str) -> ParseErrorKind {
    ParseErrorKind::MissingField(what)
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Routes of a whole text, one per non-empty, non-comment, non-withdrawal
/// line; errors carry the 1-based line number. Stops after the first error.
pub fn route_lines(text: &str) -> RouteLines<'_> {
    route_lines_with(text, &RouteLineOptions::new())
}

/// [`route_lines`] with options (relaxed prefixes).
pub fn route_lines_with<'a>(text: &'a str, opts: &RouteLineOptions) -> RouteLines<'a> {
    RouteLines {
        lines: NumberedLines::new(text),
        opts: *opts,
    }
}

/// The routes of a whole text of `PREFIX ORIGIN` lines
/// ([`parse_origin_line`]), one per non-empty, non-comment line; errors
/// carry the 1-based line number. Stops after the first error.
pub fn origin_lines<'a>(text: &'a str, opts: &RouteLineOptions) -> OriginLines<'a> {
    OriginLines {
        lines: NumberedLines::new(text),
        opts: *opts,
    }
}

/// The events of a whole text ([`parse_route_event`]): one per non-empty,
/// non-comment, non-`STATE` line, withdrawals included; errors carry the
/// 1-based line number. Stops after the first error.
pub fn route_events<'a>(text: &'a str, opts: &RouteLineOptions) -> RouteEvents<'a> {
    RouteEvents {
        lines: NumberedLines::new(text),
        opts: *opts,
        pending: Vec::new(),
    }
}

/// The iterator of [`route_events`].
#[derive(Clone, Debug)]
pub struct RouteEvents<'a> {
    lines: NumberedLines<'a>,
    opts: RouteLineOptions,
    pending: Vec<RouteEvent>,
}

impl RouteEvents<'_> {
    /// The number of lines read so far (that of an error just returned).
    pub fn lines_read(&self) -> usize {
        self.lines.line
    }
}

impl Iterator for RouteEvents<'_> {
    type Item = Result<RouteEvent, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.pop() {
            return Some(Ok(e));
        }
        let opts = self.opts;
        let events = self.lines.next_with(|l| parse_line_events(l, &opts))?;
        Some(events.map(|v| first_of(v, &mut self.pending)))
    }
}

/// The first event of a line; the others wait, last first, in `pending`.
fn first_of(
    (first, mut rest): (RouteEvent, Vec<RouteEvent>),
    pending: &mut Vec<RouteEvent>,
) -> RouteEvent {
    rest.reverse();
    pending.extend(rest);
    first
}

/// Lines with their 1-based numbers, until a line fails.
#[derive(Clone, Debug)]
struct NumberedLines<'a> {
    lines: std::str::Split<'a, char>,
    line: usize,
    failed: bool,
}

impl<'a> NumberedLines<'a> {
    fn new(text: &'a str) -> Self {
        NumberedLines {
            lines: text.split('\n'),
            line: 0,
            failed: false,
        }
    }

    /// The next item `parse` makes of a line (lines it skips skipped).
    fn next_with<T>(
        &mut self,
        mut parse: impl FnMut(&str) -> Result<Option<T>, ParseErrorKind>,
    ) -> Option<Result<T, ParseError>> {
        if self.failed {
            return None;
        }
        for l in self.lines.by_ref() {
            self.line += 1;
            match parse(l) {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => {}
                Err(kind) => {
                    self.failed = true;
                    return Some(Err(ParseError::at(self.line, 0, kind)));
                }
            }
        }
        None
    }
}

/// The iterator of [`route_lines`].
#[derive(Clone, Debug)]
pub struct RouteLines<'a> {
    lines: NumberedLines<'a>,
    opts: RouteLineOptions,
}

impl Iterator for RouteLines<'_> {
    type Item = Result<RouteLine, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let opts = self.opts;
        self.lines.next_with(|l| parse_route_line_with(l, &opts))
    }
}

/// The iterator of [`origin_lines`].
#[derive(Clone, Debug)]
pub struct OriginLines<'a> {
    lines: NumberedLines<'a>,
    opts: RouteLineOptions,
}

impl OriginLines<'_> {
    /// The number of the line read last (that of an error just returned).
    pub fn line(&self) -> usize {
        self.lines.line
    }
}

impl Iterator for OriginLines<'_> {
    type Item = Result<OriginLine, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let opts = self.opts;
        self.lines.next_with(|l| parse_origin_line(l, &opts))
    }
}

/// Lines of a reader with their numbers, each at most [`MAX_RECORD_LEN`]
/// bytes, until one fails (to read, to be UTF-8, to parse).
#[derive(Debug)]
struct LineReader<R: BufRead> {
    inner: R,
    buf: Vec<u8>,
    line: usize,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    fn new(inner: R) -> Self {
        LineReader {
            inner,
            buf: Vec::new(),
            line: 0,
            done: false,
        }
    }

    fn fail<T>(&mut self, column: usize, kind: ParseErrorKind) -> Option<Result<T, ParseError>> {
        self.done = true;
        Some(Err(ParseError::at(self.line, column, kind)))
    }

    /// The next item `parse` makes of a line (lines it skips skipped).
    fn next_with<T>(
        &mut self,
        mut parse: impl FnMut(&str) -> Result<Option<T>, ParseErrorKind>,
    ) -> Option<Result<T, ParseError>> {
        use std::io::Read;
        while !self.done {
            self.buf.clear();
            let limit = (MAX_RECORD_LEN + 2) as u64;
            let n = match (&mut self.inner)
                .take(limit)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(n) => n,
                Err(e) => {
                    self.line += 1;
                    return self.fail(0, ParseErrorKind::Io(e.to_string()));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            if self.buf.last() != Some(&b'\n') && self.buf.len() as u64 >= limit {
                return self.fail(0, too_long());
            }
            let Ok(text) = std::str::from_utf8(&self.buf) else {
                return self.fail(0, ParseErrorKind::Utf8);
            };
            let text = text.strip_suffix('\n').unwrap_or(text);
            match parse(text) {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => {}
                Err(kind) => return self.fail(0, kind),
            }
        }
        None
    }
}

/// Streams routes from a reader, line by line, with bounded memory: a line
/// longer than [`MAX_RECORD_LEN`] is an error, not a buffer that grows.
/// Yields the same items as [`route_lines`] and stops after the first error.
#[derive(Debug)]
pub struct RouteReader<R: BufRead> {
    lines: LineReader<R>,
    opts: RouteLineOptions,
}

impl<R: BufRead> RouteReader<R> {
    /// Wraps a reader.
    pub fn new(inner: R) -> Self {
        Self::with_options(inner, &RouteLineOptions::new())
    }

    /// Wraps a reader; lines are read with these options.
    pub fn with_options(inner: R, opts: &RouteLineOptions) -> Self {
        RouteReader {
            lines: LineReader::new(inner),
            opts: *opts,
        }
    }

    /// The number of lines read so far.
    pub fn lines_read(&self) -> usize {
        self.lines.line
    }
}

impl<R: BufRead> Iterator for RouteReader<R> {
    type Item = Result<RouteLine, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let opts = self.opts;
        self.lines.next_with(|l| parse_route_line_with(l, &opts))
    }
}

/// Streams [`RouteEvent`]s from a reader, line by line, with bounded memory
/// (as [`RouteReader`]): the items of [`route_events`], withdrawals
/// included. Stops after the first error, which carries its line.
#[derive(Debug)]
pub struct RouteEventReader<R: BufRead> {
    lines: LineReader<R>,
    opts: RouteLineOptions,
    pending: Vec<RouteEvent>,
}

impl<R: BufRead> RouteEventReader<R> {
    /// Wraps a reader; lines are read with these options.
    pub fn new(inner: R, opts: &RouteLineOptions) -> Self {
        RouteEventReader {
            lines: LineReader::new(inner),
            opts: *opts,
            pending: Vec::new(),
        }
    }

    /// The number of lines read so far (that of an error just returned).
    pub fn lines_read(&self) -> usize {
        self.lines.line
    }
}

impl<R: BufRead> Iterator for RouteEventReader<R> {
    type Item = Result<RouteEvent, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.pop() {
            return Some(Ok(e));
        }
        let opts = self.opts;
        let events = self.lines.next_with(|l| parse_line_events(l, &opts))?;
        Some(events.map(|v| first_of(v, &mut self.pending)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Segment;
    use proptest::prelude::*;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    #[test]
    fn pfx2as_lines() {
        let o = RouteLineOptions::new();
        let text = "1.0.0.0\t24\t13335\n1.0.4.0\t22\t38803_56203\n2.0.0.0\t16\t64500,64501\n";
        let ev: Vec<RouteEvent> = route_events(text, &o).collect::<Result<_, _>>().unwrap();
        let got: Vec<String> = ev
            .iter()
            .map(|e| format!("{} {}", e.prefix, e.path))
            .collect();
        assert_eq!(
            got,
            [
                "1.0.0.0/24 13335",
                "1.0.4.0/22 38803",
                "1.0.4.0/22 56203",
                "2.0.0.0/16 {64500,64501}"
            ]
        );
        assert!(ev.iter().all(|e| e.kind == RouteEventKind::Rib));
        // The reader gives the same; line numbers count lines, not origins.
        let mut r = RouteEventReader::new(text.as_bytes(), &o);
        assert_eq!(r.by_ref().count(), 4);
        assert_eq!(r.lines_read(), 3);
        let l = parse_origin_line("1.0.4.0\t22\t38803_56203", &o)
            .unwrap()
            .unwrap();
        assert_eq!(l.origin, Some(a(38803)));
        assert_eq!(
            parse_origin_line("2.0.0.0\t16\t64500,64501", &o)
                .unwrap()
                .unwrap()
                .origin,
            None
        );
        // Host bits are an error unless relaxed; spaces are no prefix2as.
        assert!(parse_route_line("1.0.0.1\t24\t13335").is_err());
        assert!(parse_route_line("1.0.0.0 24 13335").is_err());
        assert!(parse_route_line("1.0.0.0\t24\t13335__1").is_err());
    }

    #[test]
    fn plain_lines() {
        let r = parse_route_line("192.0.2.0/24 64500 {64501,64502}\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(r.prefix.to_string(), "192.0.2.0/24");
        assert_eq!(r.path.to_string(), "64500 {64501,64502}");
        assert_eq!((r.peer_ip, r.peer_as, r.timestamp), (None, None, None));
        let r = parse_route_line("  2001:db8::/32\t64500   64501 ")
            .unwrap()
            .unwrap();
        assert_eq!(r.path.length(), 2);
        let r = parse_route_line("10.0.0.0/8").unwrap().unwrap();
        assert!(r.path.is_empty());
        for skip in ["", "   ", "\r", "# x", "  # comment 1.2.3.0/24 1"] {
            assert_eq!(parse_route_line(skip).unwrap(), None, "{skip:?}");
        }
        for bad in [
            "192.0.2.1/24 64500",
            "192.0.2.0 64500",
            "192.0.2.0/24 64500 x",
            "foo 1",
            "192.0.2.0/24 {1",
        ] {
            assert!(parse_route_line(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bgpdump_lines() {
        let r = parse_route_line(
            "TABLE_DUMP|1027381055|B|193.203.0.1|1853|3.0.0.0/8|1853 1239 80|IGP|193.203.0.1|0|0||NAG||",
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.peer_ip, Some("193.203.0.1".parse().unwrap()));
        assert_eq!(r.peer_as, Some(a(1853)));
        assert_eq!(r.timestamp, Some(1_027_381_055));
        assert_eq!(r.path.origin(), Some(a(80)));
        let r = parse_route_line(
            "BGP4MP|1470931200|A|2001:7f8:54::188|59689|2804:14d::/40|59689 6939 (65000 65001) [65002,65003] 3356 {4230,28573}|IGP|2001:7f8:54::10|0|0|59689:200|NAG||",
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.prefix.to_string(), "2804:14d::/40");
        assert_eq!(
            r.path.segments,
            vec![
                Segment::Sequence(vec![a(59689), a(6939)]),
                Segment::ConfedSequence(vec![a(65000), a(65001)]),
                Segment::ConfedSet(vec![a(65002), a(65003)]),
                Segment::Sequence(vec![a(3356)]),
                Segment::Set(vec![a(4230), a(28573)]),
            ]
        );
        // Extended timestamps, -M's readable time, asdot, an empty path.
        let r = parse_route_line(
            "BGP4MP_ET|1470931200.123456|A|10.0.0.1|1.10|192.0.2.0/24|1.10 3356|IGP",
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.timestamp, Some(1_470_931_200));
        assert_eq!(r.peer_as, Some(a(65546)));
        let r =
            parse_route_line("TABLE_DUMP2|07/01/10 07:59:59|B|10.0.0.1|65520|84.205.86.0/24||IGP")
                .unwrap()
                .unwrap();
        assert_eq!(r.timestamp, None);
        assert!(r.path.is_empty());
        // Withdrawals and state changes are not routes.
        assert_eq!(
            parse_route_line("BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48").unwrap(),
            None
        );
        assert_eq!(
            parse_route_line("BGP4MP|1470931201|STATE|37.49.232.25|60427|6|1").unwrap(),
            None
        );
        for bad in [
            "BGP4MP|1|X|10.0.0.1|1|192.0.2.0/24|1",
            "BGP4MP|1|A|10.0.0.1|1|192.0.2.0/24",
            "BGP4MP|1|A|10.0.0.x|1|192.0.2.0/24|1",
            "BGP4MP|1|A|10.0.0.1|AS|192.0.2.0/24|1",
            "BGP4MP|1|A|10.0.0.1|1|192.0.2.1/24|1",
            "BGP4MP|1|A|10.0.0.1|1|192.0.2.0/24|1 {2",
            "FOO|1|A|10.0.0.1|1|192.0.2.0/24|1",
            "BGP4MP",
            "BGP4MP|1",
        ] {
            assert!(parse_route_line(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(
            parse_route_line(&"1".repeat(MAX_RECORD_LEN + 1)),
            Err(ParseErrorKind::Limit(_))
        ));
    }

    #[test]
    fn events_read_withdrawals() {
        let o = RouteLineOptions::new();
        let ev = |l: &str| parse_route_event(l, &o);
        let w = ev("BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48")
            .unwrap()
            .unwrap();
        assert_eq!(w.kind, RouteEventKind::Withdraw);
        assert_eq!(w.prefix.to_string(), "2001:df0:bd::/48");
        assert_eq!(w.peer_as, Some(a(8218)));
        assert_eq!(w.peer_ip, Some("2001:7f8:54::1".parse().unwrap()));
        assert_eq!(w.timestamp, Some(1_470_931_200));
        assert!(w.path.is_empty());
        assert_eq!(w.clone().into_route_line(), None);
        // A seventh field after a withdrawal is ignored.
        assert_eq!(
            ev("BGP4MP|1470931200|W|10.0.0.1|1|192.0.2.0/24|").unwrap(),
            Some(RouteEvent {
                prefix: "192.0.2.0/24".parse().unwrap(),
                peer_ip: Some("10.0.0.1".parse().unwrap()),
                peer_as: Some(a(1)),
                ..w.clone()
            })
        );
        let a_ = ev("BGP4MP_ET|1470931200.5|A|10.0.0.1|1|192.0.2.0/24|1 2|IGP")
            .unwrap()
            .unwrap();
        assert_eq!(a_.kind, RouteEventKind::Announce);
        assert_eq!(a_.path.to_string(), "1 2");
        let b = ev("TABLE_DUMP2|1|B|10.0.0.1|1|192.0.2.0/24|1 2|IGP")
            .unwrap()
            .unwrap();
        assert_eq!(b.kind, RouteEventKind::Rib);
        // The route readers give the same route for B and A lines.
        let r = parse_route_line("TABLE_DUMP2|1|B|10.0.0.1|1|192.0.2.0/24|1 2|IGP")
            .unwrap()
            .unwrap();
        assert_eq!(RouteEvent::from(r.clone()), b);
        assert_eq!(b.into_route_line(), Some(r));
        let p = ev("192.0.2.0/24, 1 {2,3}").unwrap().unwrap();
        assert_eq!(p.kind, RouteEventKind::Rib);
        assert_eq!((p.peer_ip, p.peer_as, p.timestamp), (None, None, None));
        for skip in ["", "# x", "BGP4MP|1470931201|STATE|37.49.232.25|60427|6|1"] {
            assert_eq!(ev(skip), Ok(None), "{skip:?}");
        }
        // Withdrawals are checked here (the route readers skip them unread).
        for bad in [
            "BGP4MP|1|W|10.0.0.1|1",
            "BGP4MP|1|W|10.0.0.x|1|192.0.2.0/24",
            "BGP4MP|1|W|10.0.0.1|x|192.0.2.0/24",
            "BGP4MP|1|W|10.0.0.1|1|192.0.2.1/24",
            "BGP4MP|1|X|10.0.0.1|1|192.0.2.0/24",
        ] {
            assert!(ev(bad).is_err(), "{bad:?}");
            if bad.contains("|W|") {
                assert_eq!(parse_route_line(bad), Ok(None), "{bad:?}");
            }
        }
        for (kind, word) in [
            (RouteEventKind::Rib, "rib"),
            (RouteEventKind::Announce, "announce"),
            (RouteEventKind::Withdraw, "withdraw"),
        ] {
            assert_eq!(kind.as_str(), word);
            assert_eq!(kind.to_string(), word);
            assert_eq!(kind.is_reachable(), kind != RouteEventKind::Withdraw);
        }
    }

    #[test]
    fn event_iterators_number_lines() {
        let o = RouteLineOptions::new();
        let text = "# head\n192.0.2.0/24 1 2\nBGP4MP|1|W|10.0.0.1|1|192.0.2.0/24\nBGP4MP|2|STATE|10.0.0.1|1|6|1\n\n198.51.100.0/24 3\nBGP4MP|3|W|10.0.0.1|1|203.0.113.1/24\n192.0.2.0/24 5\n";
        let mut it = route_events(text, &o);
        let items: Vec<_> = it.by_ref().collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[1].as_ref().unwrap().kind, RouteEventKind::Withdraw);
        assert_eq!(items[3].as_ref().unwrap_err().line(), 7);
        assert_eq!(it.lines_read(), 7);
        let mut reader =
            RouteEventReader::new(std::io::BufReader::with_capacity(3, text.as_bytes()), &o);
        let read: Vec<_> = reader.by_ref().collect();
        assert_eq!(read, items);
        assert_eq!(reader.lines_read(), 7);
        let bad_utf8: &[u8] = b"192.0.2.0/24 1\n\xff\n";
        let r: Vec<_> = RouteEventReader::new(bad_utf8, &o).collect();
        assert_eq!(r[1].as_ref().unwrap_err().kind, ParseErrorKind::Utf8);
    }

    proptest! {
        #[test]
        fn events_agree_with_route_lines(line in arb_line()) {
            let o = RouteLineOptions::new();
            let ev = parse_route_event(&line, &o).unwrap();
            let route = parse_route_line(&line).unwrap();
            prop_assert_eq!(ev.clone().and_then(RouteEvent::into_route_line), route);
            if line.contains("|W|") {
                prop_assert_eq!(ev.map(|e| e.kind), Some(RouteEventKind::Withdraw));
            }
        }

        #[test]
        fn events_never_panic(line in "[0-9a-fA-F:./| {}()\\[\\],ABWTSLEDUMP_#\r\t]{0,80}") {
            let o = RouteLineOptions::new();
            let _ = parse_route_event(&line, &o);
            let _ = parse_route_event(&line, &o.relaxed(true));
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1277971199"), Some(1_277_971_199));
        assert_eq!(parse_time("1470931200.123456"), Some(1_470_931_200));
        assert_eq!(parse_time("0"), Some(0));
        for bad in [
            "",
            "07/01/10 07:59:59",
            "12a",
            "1.",
            "1.x",
            ".5",
            "-1",
            "1234567890123456789",
        ] {
            assert_eq!(parse_time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn iterators_number_lines() {
        let text = "# head\n192.0.2.0/24 1 2\nBGP4MP|1|W|10.0.0.1|1|192.0.2.0/24\n\n198.51.100.0/24 3\n203.0.113.1/24 4\n192.0.2.0/24 5\n";
        let items: Vec<_> = route_lines(text).collect();
        assert_eq!(items.len(), 3);
        assert!(items[0].is_ok() && items[1].is_ok());
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(e.line(), 6);
        let read: Vec<_> =
            RouteReader::new(std::io::BufReader::with_capacity(3, text.as_bytes())).collect();
        assert_eq!(read, items);
        let crlf = "192.0.2.0/24 1\r\n198.51.100.0/24 2\r\n";
        let r: Vec<_> = RouteReader::new(crlf.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(r.len(), 2);
        let bad_utf8: &[u8] = b"192.0.2.0/24 1\n\xff\xfe\n";
        let r: Vec<_> = RouteReader::new(bad_utf8).collect();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].as_ref().unwrap_err().kind, ParseErrorKind::Utf8);
        assert_eq!(r[1].as_ref().unwrap_err().line(), 2);
    }

    #[test]
    fn reader_limits_line_length() {
        let mut big = "192.0.2.0/24".to_string();
        while big.len() <= MAX_RECORD_LEN + 10 {
            big.push_str(" 1");
        }
        big.push('\n');
        let r: Vec<_> = RouteReader::new(big.as_bytes()).collect();
        assert_eq!(r.len(), 1);
        assert!(matches!(
            r[0].as_ref().unwrap_err().kind,
            ParseErrorKind::Limit(_)
        ));
    }

    /// The slow obvious reading: split on `|`, then on whitespace.
    fn reference(line: &str) -> Option<(Prefix, Vec<Asn>, Option<Asn>)> {
        let line = line.trim();
        if line.contains('|') {
            let f: Vec<&str> = line.split('|').collect();
            if !matches!(f[2], "A" | "B") {
                return None;
            }
            let asns = f[6]
                .split_whitespace()
                .map(|t| t.parse().unwrap())
                .collect();
            return Some((f[5].parse().unwrap(), asns, Some(f[4].parse().unwrap())));
        }
        let mut w = line.split_whitespace();
        let p = w.next()?.parse().unwrap();
        Some((p, w.map(|t| t.parse().unwrap()).collect(), None))
    }

    fn arb_line() -> impl Strategy<Value = String> {
        let v4 = (any::<u32>(), 0u8..=32).prop_map(|(a, l)| {
            Prefix::new_relaxed(IpAddr::V4(a.into()), l)
                .unwrap()
                .to_string()
        });
        let v6 = (any::<u128>(), 0u8..=128).prop_map(|(a, l)| {
            Prefix::new_relaxed(IpAddr::V6(a.into()), l)
                .unwrap()
                .to_string()
        });
        let prefix = prop_oneof![v4, v6];
        let path = proptest::collection::vec(any::<u32>(), 0..8)
            .prop_map(|v| v.iter().map(u32::to_string).collect::<Vec<_>>().join(" "));
        let kind = prop_oneof![Just("A"), Just("B"), Just("W")];
        (
            prefix,
            path,
            kind,
            any::<bool>(),
            any::<u32>(),
            any::<u32>(),
        )
            .prop_map(|(p, path, kind, dump, peer, ts)| {
                if dump {
                    let peer_ip = std::net::Ipv4Addr::from(peer);
                    format!(
                        "BGP4MP|{ts}|{kind}|{peer_ip}|{peer}|{p}|{path}|IGP|{peer_ip}|0|0||NAG||"
                    )
                } else {
                    format!("{p} {path}")
                }
            })
    }

    proptest! {
        #[test]
        fn parser_matches_split_reference(line in arb_line()) {
            let got = parse_route_line(&line).unwrap();
            let want = reference(&line);
            match (got, want) {
                (None, None) => {}
                (Some(r), Some((p, asns, peer))) => {
                    prop_assert_eq!(r.prefix, p);
                    prop_assert_eq!(r.path.asns().collect::<Vec<_>>(), asns.clone());
                    prop_assert_eq!(r.path.length(), asns.len());
                    prop_assert_eq!(r.peer_as, peer);
                }
                (g, w) => prop_assert!(false, "{:?} vs {:?}", g, w),
            }
        }

        #[test]
        fn never_panics(line in "[0-9a-fA-F:./| {}()\\[\\],ABWTSLEDUMP_#\r\t]{0,80}") {
            let _ = parse_route_line(&line);
        }
    }

    fn origin_of(line: &str) -> Option<u32> {
        parse_origin_line(line, &RouteLineOptions::new())
            .ok()
            .flatten()
            .and_then(|r| r.origin)
            .map(Asn::get)
    }

    #[test]
    fn origin_lines_separators_and_forms() {
        for line in [
            "192.0.2.0/24 64500",
            "192.0.2.0/24\t64500",
            "192.0.2.0/24,64500",
            "192.0.2.0/24, AS64500",
            "  192.0.2.0/24   as64500  \r\n",
            "192.0.2.0/24 AS64500 # comment",
            "192.0.2.0/24 0.64500",
            "192.0.2.0/24 64496 64497 64500",
            "192.0.2.0/24,64496,64497,64500",
            "192.0.2.0/24\t64496 AS64500",
            "192.0.2.0/24,64496,{64501,64502},64500",
            "BGP4MP|1|A|10.0.0.1|64496|192.0.2.0/24|64496 64500|IGP",
        ] {
            assert_eq!(origin_of(line), Some(64500), "{line:?}");
        }
        let o = RouteLineOptions::new();
        let r = parse_origin_line("192.0.2.0/24 64496 {64500,64501}", &o)
            .unwrap()
            .unwrap();
        assert_eq!(r.origin, None);
        for skip in ["", "   \t", "# 192.0.2.0/24 1", "  # x", ",,"] {
            assert_eq!(parse_origin_line(skip, &o), Ok(None), "{skip:?}");
        }
        let missing = parse_origin_line("192.0.2.0/24", &o).unwrap_err();
        assert!(missing.to_string().contains("missing origin"), "{missing}");
        for bad in [
            "192.0.2.1/24 64500",
            "192.0.2.0/24 ASx",
            "192.0.2.0/24 4294967296",
            "192.0.2.0/24 64500 x",
            "nonsense 1",
            "192.0.2.0/24 1 {2",
        ] {
            assert!(parse_origin_line(bad, &o).is_err(), "{bad:?}");
        }
        // The same text as a path line keeps every AS.
        let r = parse_route_line("192.0.2.0/24, 64496,{64501,64502} ,64500 # x")
            .unwrap()
            .unwrap();
        assert_eq!(r.path.to_string(), "64496 {64501,64502} 64500");
    }

    #[test]
    fn relaxed_prefixes() {
        let o = RouteLineOptions::new().relaxed(true);
        assert!(o.is_relaxed());
        let r = parse_origin_line("192.0.2.1/24 64500", &o)
            .unwrap()
            .unwrap();
        assert_eq!(r.prefix.to_string(), "192.0.2.0/24");
        let r = parse_origin_line("192.0.2.1 64500", &o).unwrap().unwrap();
        assert_eq!(r.prefix.len(), 32);
        let r = parse_route_line_with("192.0.2.1/24 1 2", &o)
            .unwrap()
            .unwrap();
        assert_eq!(r.prefix.to_string(), "192.0.2.0/24");
        let r = parse_route_line_with("BGP4MP|1|A|10.0.0.1|1|192.0.2.1/24|1", &o)
            .unwrap()
            .unwrap();
        assert_eq!(r.prefix.to_string(), "192.0.2.0/24");
    }

    #[test]
    fn origin_lines_number_lines() {
        let o = RouteLineOptions::new();
        let text =
            "# head\n192.0.2.0/24 1\n\n198.51.100.0/24 2 3\n203.0.113.1/24 4\n10.0.0.0/8 5\n";
        let mut it = origin_lines(text, &o);
        let got: Vec<_> = it.by_ref().collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].as_ref().unwrap().origin, Some(Asn::new(3)));
        assert_eq!(got[2].as_ref().unwrap_err().line(), 5);
        assert_eq!(it.line(), 5);
        let r: Vec<_> = route_lines_with("192.0.2.1/24 1\n", &o.relaxed(true))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(r.len(), 1);
        let r: Vec<_> = RouteReader::with_options("192.0.2.1 1\n".as_bytes(), &o.relaxed(true))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(r[0].prefix.len(), 32);
    }

    /// The slow obvious reading of a plain line: cut the comment, split on
    /// whitespace and commas, parse each field; an AS_SET (written without
    /// inner spaces) is the last field.
    fn plain_reference(line: &str) -> Option<(Prefix, Vec<Asn>, Vec<Asn>)> {
        let body = line.split('#').next().unwrap_or("");
        let (seq, set) = match body.find('{') {
            Some(i) => (&body[..i], Some(&body[i..])),
            None => (body, None),
        };
        let mut fields = seq
            .split(|c: char| c == ',' || c.is_ascii_whitespace())
            .filter(|f| !f.is_empty());
        let prefix = Prefix::parse(fields.next()?).unwrap();
        let asns = fields.map(|f| Asn::parse(f).unwrap()).collect();
        let members = set
            .map(|s| {
                s.trim_matches(|c: char| c == ',' || c.is_ascii_whitespace())
                    .trim_start_matches('{')
                    .trim_end_matches('}')
                    .split(',')
                    .map(|f| Asn::parse(f).unwrap())
                    .collect()
            })
            .unwrap_or_default();
        Some((prefix, asns, members))
    }

    fn arb_plain_line() -> impl Strategy<Value = String> {
        let prefix = prop_oneof![
            (any::<u32>(), 0u8..=32).prop_map(|(a, l)| Prefix::new_relaxed(
                IpAddr::V4(a.into()),
                l
            )
            .unwrap()
            .to_string()),
            (any::<u128>(), 0u8..=128).prop_map(|(a, l)| Prefix::new_relaxed(
                IpAddr::V6(a.into()),
                l
            )
            .unwrap()
            .to_string()),
        ];
        let asn = (any::<u32>(), 0u8..3).prop_map(|(n, form)| match form {
            0 => n.to_string(),
            1 => format!("AS{n}"),
            _ => format!("{}.{}", n >> 16, n & 0xffff),
        });
        let sep = prop_oneof![
            Just(" "),
            Just("\t"),
            Just(","),
            Just(", "),
            Just(" ,\t"),
            Just("  ")
        ];
        let set = proptest::option::of(proptest::collection::vec(any::<u32>(), 1..4));
        (
            prefix,
            proptest::collection::vec((sep.clone(), asn), 0..6),
            set,
            sep,
            proptest::option::of("[ a-z0-9#]{0,10}"),
            prop_oneof![Just(""), Just(" "), Just("\r"), Just(" \t")],
        )
            .prop_map(|(p, asns, set, set_sep, comment, tail)| {
                let mut line = p;
                for (sep, a) in asns {
                    line.push_str(sep);
                    line.push_str(&a);
                }
                if let Some(members) = set {
                    line.push_str(set_sep);
                    let m: Vec<String> = members.iter().map(u32::to_string).collect();
                    line.push_str(&format!("{{{}}}", m.join(",")));
                }
                if let Some(c) = comment {
                    line.push_str(" #");
                    line.push_str(&c);
                }
                line.push_str(tail);
                line
            })
    }

    proptest! {
        #[test]
        fn grammar_matches_split_reference(line in arb_plain_line()) {
            let (prefix, asns, set) = plain_reference(&line).unwrap();
            let o = RouteLineOptions::new();
            let r = parse_route_line_with(&line, &o).unwrap().unwrap();
            prop_assert_eq!(r.prefix, prefix);
            let mut want = Vec::new();
            if !asns.is_empty() {
                want.push(Segment::Sequence(asns.clone()));
            }
            if !set.is_empty() {
                want.push(Segment::Set(set.clone()));
            }
            prop_assert_eq!(&r.path.segments, &want);
            let got = parse_origin_line(&line, &o);
            if asns.is_empty() && set.is_empty() {
                prop_assert!(got.is_err());
            } else {
                let want_origin = if set.is_empty() { asns.last().copied() } else { None };
                prop_assert_eq!(got, Ok(Some(OriginLine { prefix, origin: want_origin })));
            }
        }

        #[test]
        fn origin_lines_never_panic(line in "[0-9a-fA-F:./| {}()\\[\\],ABWTSLEDUMP_#\r\t]{0,80}") {
            let o = RouteLineOptions::new();
            let _ = parse_origin_line(&line, &o);
            let _ = parse_origin_line(&line, &o.relaxed(true));
            let _ = parse_route_line_with(&line, &o.relaxed(true));
        }
    }
}
