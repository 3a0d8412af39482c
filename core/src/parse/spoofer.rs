//! CAIDA Spoofer test results → typed rows, one per session and address
//! family (MANRS Action 2; the Observatory's metric M5 counts them).
//!
//! What CAIDA publishes, and what this module reads:
//!
//! - **The Spoofer Data API** (`https://api.spoofer.caida.org/sessions`,
//!   documented at `https://www.caida.org/projects/spoofer/data-api/` and
//!   in CAIDA's catalog recipe "How to check if an ASN supports SAV",
//!   github.com/CAIDA/catalog-data,
//!   `sources/recipe/how_to_check_if_an_asn_supports_sav/README.md`). Each
//!   session is a JSON object with `session` (integer id), `timestamp`
//!   (`2020-05-07T14:34:59+00:00`), `asn4`/`asn6` (strings or null),
//!   `client4`/`client6` (the client's anonymised prefix, e.g.
//!   `4.30.179.0/24`), `country`, `nat4`/`nat6` (booleans),
//!   `privatespoof`/`privatespoof6` (spoofing a private source address) and
//!   `routedspoof`/`routedspoof6` (spoofing a routable one), each `blocked`,
//!   `received`, `rewritten`, `unknown` or null. A collection page is
//!   Hydra JSON-LD, `{"hydra:member": [sessions…], "hydra:view": …}`;
//!   CAIDA's example script prints one session per line. All three are read
//!   here: a page, a bare array of sessions, a single session, or several
//!   JSON values one after the other (JSON lines).
//! - **CSV.** CAIDA publishes no CSV layout of its own that was found. The
//!   CSV Shadowserver distributed as its "CAIDA IP Spoofer" report (columns
//!   `timestamp`, `ip`, `asn`, `geo`, …, `network`, `version`,
//!   `routedspoof`, `session`, `nat`; intelmq's test data,
//!   `intelmq/tests/bots/parsers/shadowserver/testdata/caida_ip_spoofer.csv`)
//!   is read, and so is a CSV whose header uses the API's member names.
//!   The minimal CSV this module defines is:
//!
//! ```text
//! timestamp,asn,client,private,routed
//! 2024-03-01T10:00:00Z,64500,192.0.2.0/24,blocked,received
//! ```
//!
//! CSV columns are found by header name (any case, any order; unknown
//! columns ignored; of two with one name the first counts): `session`;
//! `timestamp` (or `time`, `date`); `asn4`, `asn6`, `asn`; `client4`,
//! `client6`, `client` (or `network`, `prefix`); `country` (or `geo`);
//! `nat4`, `nat6`, `nat`; `privatespoof`, `privatespoof6`, `private`;
//! `routedspoof`, `routedspoof6`, `routed`; `version` (or `family`: `ipv4`,
//! `ipv6`, `4`, `6`). A header with any `…4`/`…6` member or
//! `privatespoof6`/`routedspoof6` is read as the API's layout (unsuffixed
//! `privatespoof`/`routedspoof` are IPv4's, as in the API); otherwise each
//! line is one row whose family is its `version`, else its client prefix's.
//! Blank lines and `#` comment lines are skipped.
//!
//! Values: times are RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC, as Shadowserver
//! writes), or Unix seconds; ASNs `3356` or `AS3356`; client prefixes are
//! read leniently (host bits cleared: they label the client's network);
//! booleans `true`/`false` in any case or `1`/`0`; outcomes are the four
//! words above (any case), an empty value or null meaning "not tested". A
//! session yields an IPv4 row when it has any IPv4 member that is not
//! null, and an IPv6 row likewise. Rows are sorted by (time, session,
//! family) for a deterministic order.
//!
//! Errors carry line and column (JSON: serde_json's; CSV: the bad field's):
//! malformed JSON, a value of the wrong type, an unknown outcome word, a CSV
//! line with a bad value or without a family, a CSV without a header naming
//! an outcome column; JSON that is neither a session nor a page is
//! [`ParseErrorKind::WrongDocument`]. Limits: [`MAX_TESTS`] rows,
//! [`MAX_RECORD_LEN`] bytes in one CSV line ([`ParseErrorKind::Limit`]).
//!
//! ```
//! use routeguard::parse::spoofer::{parse_spoofer, SpoofOutcome};
//! use routeguard::Family;
//! let page = br#"{"hydra:member": [{"session": 891176, "timestamp": "2020-05-07T14:34:59+00:00",
//!   "asn4": "3356", "client4": "4.30.179.0/24", "nat4": true, "privatespoof": "blocked",
//!   "routedspoof": "received", "asn6": null, "client6": null, "privatespoof6": null,
//!   "routedspoof6": null}]}"#;
//! let r = parse_spoofer(page).unwrap();
//! assert_eq!(r.tests.len(), 1);
//! let t = &r.tests[0];
//! assert_eq!((t.family, t.routed, t.private), (Family::V4, Some(SpoofOutcome::Received), Some(SpoofOutcome::Blocked)));
//! assert!(t.spoofed());
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::csv::{field_column, split_fields};
use super::peeringdb::{json_error, start_of};
use super::{ParseError, ParseErrorKind, MAX_RECORD_LEN};
use crate::model::{Asn, Family, Prefix, UnknownWord};

/// Most rows read from one input.
pub const MAX_TESTS: usize = 10_000_000;

/// What became of the spoofed packets of one test (CAIDA's words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpoofOutcome {
    /// `blocked`: the spoofed packet was not received, the unspoofed one
    /// was (source address validation works).
    Blocked,
    /// `received`: the spoofed packet arrived (no source address
    /// validation).
    Received,
    /// `rewritten`: a packet arrived with its source address changed on
    /// the way (a NAT rewrote it).
    Rewritten,
    /// `unknown`: neither packet was received.
    Unknown,
}

impl SpoofOutcome {
    /// Every outcome.
    pub const ALL: [SpoofOutcome; 4] = [
        SpoofOutcome::Blocked,
        SpoofOutcome::Received,
        SpoofOutcome::Rewritten,
        SpoofOutcome::Unknown,
    ];

    /// `blocked`, `received`, `rewritten` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpoofOutcome::Blocked => "blocked",
            SpoofOutcome::Received => "received",
            SpoofOutcome::Rewritten => "rewritten",
            SpoofOutcome::Unknown => "unknown",
        }
    }

    /// Whether a spoofed packet left the network: `received` or
    /// `rewritten` (a packet got out, whatever became of its source).
    pub fn escaped(self) -> bool {
        matches!(self, SpoofOutcome::Received | SpoofOutcome::Rewritten)
    }
}

impl fmt::Display for SpoofOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SpoofOutcome {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        SpoofOutcome::ALL
            .into_iter()
            .find(|o| t.eq_ignore_ascii_case(o.as_str()))
            .ok_or_else(|| {
                UnknownWord::new(
                    "Spoofer outcome",
                    s,
                    "blocked, received, rewritten or unknown",
                )
            })
    }
}

/// One Spoofer test: a session's results for one address family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpooferTest {
    /// CAIDA's session id (`spoofer.caida.org/report.php?sessionid=N`).
    pub session: Option<u64>,
    /// When it ran, Unix seconds (UTC).
    pub time: Option<i64>,
    /// The client's AS.
    pub asn: Option<Asn>,
    /// The client's (anonymised) prefix.
    pub client: Option<Prefix>,
    /// IPv4 or IPv6.
    pub family: Family,
    /// Country code as given (`usa`, `IN`, …).
    pub country: Option<String>,
    /// Whether the client was behind a NAT.
    pub nat: Option<bool>,
    /// Spoofing a private source address; `None`: not tested.
    pub private: Option<SpoofOutcome>,
    /// Spoofing a routable source address; `None`: not tested.
    pub routed: Option<SpoofOutcome>,
}

impl SpooferTest {
    /// Whether a spoofed packet left the client's network in either test
    /// ([`SpoofOutcome::escaped`]).
    pub fn spoofed(&self) -> bool {
        self.private.is_some_and(SpoofOutcome::escaped)
            || self.routed.is_some_and(SpoofOutcome::escaped)
    }

    /// Whether every test that ran was `blocked` (and one ran).
    pub fn blocked(&self) -> bool {
        let ran: Vec<SpoofOutcome> = self.private.into_iter().chain(self.routed).collect();
        !ran.is_empty() && ran.iter().all(|o| *o == SpoofOutcome::Blocked)
    }
}

/// Parsed Spoofer results.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpooferResults {
    /// The rows, by (time, session, family); rows without a time first.
    pub tests: Vec<SpooferTest>,
}

impl SpooferResults {
    /// The rows of one AS.
    pub fn of_asn(&self, asn: Asn) -> impl Iterator<Item = &SpooferTest> + '_ {
        self.tests.iter().filter(move |t| t.asn == Some(asn))
    }

    /// Adds the rows of other results, keeping the order.
    pub fn merge(&mut self, other: SpooferResults) {
        self.tests.extend(other.tests);
        sort(&mut self.tests);
    }
}

fn sort(tests: &mut [SpooferTest]) {
    tests.sort_by(|a, b| {
        (a.time, a.session, a.family, a.client, a.asn)
            .cmp(&(b.time, b.session, b.family, b.client, b.asn))
    });
}

/// Reads Spoofer results: API JSON (a page, an array, sessions one after
/// the other) or CSV with a header, told apart by the first character.
pub fn parse_spoofer(input: &[u8]) -> Result<SpooferResults, ParseError> {
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let first = input.iter().find(|b| !b.is_ascii_whitespace());
    let mut tests = match first {
        None => Vec::new(),
        Some(b'{' | b'[') => read_json(input)?,
        Some(_) => read_csv(input)?,
    };
    sort(&mut tests);
    Ok(SpooferResults { tests })
}

// ---- JSON ----

/// One session as the API writes it.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSession {
    #[serde(deserialize_with = "de_session")]
    session: Option<u64>,
    timestamp: Option<String>,
    #[serde(deserialize_with = "de_asn")]
    asn4: Option<Asn>,
    #[serde(deserialize_with = "de_asn")]
    asn6: Option<Asn>,
    client4: Option<String>,
    client6: Option<String>,
    country: Option<String>,
    #[serde(deserialize_with = "de_bool")]
    nat4: Option<bool>,
    #[serde(deserialize_with = "de_bool")]
    nat6: Option<bool>,
    #[serde(deserialize_with = "de_outcome")]
    privatespoof: Option<SpoofOutcome>,
    #[serde(deserialize_with = "de_outcome")]
    privatespoof6: Option<SpoofOutcome>,
    #[serde(deserialize_with = "de_outcome")]
    routedspoof: Option<SpoofOutcome>,
    #[serde(deserialize_with = "de_outcome")]
    routedspoof6: Option<SpoofOutcome>,
}

/// Values of one top-level JSON value: its sessions, or what it was
/// instead.
enum Top {
    Sessions(Vec<RawSession>),
    Not(&'static str),
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Top, D::Error> {
        d.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Spoofer sessions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top, A::Error> {
        Vec::<RawSession>::deserialize(SeqAccessDeserializer::new(seq)).map(Top::Sessions)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        let page = RawPage::deserialize(MapAccessDeserializer::new(map))?;
        Ok(match page.member {
            Some(m) => Top::Sessions(m),
            None if page.session.is_any() => Top::Sessions(vec![page.session]),
            None => Top::Not("an object that is neither a session nor a page"),
        })
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Top, E> {
        Ok(Top::Not("a boolean"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Top, E> {
        Ok(Top::Not("a number"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Top, E> {
        Ok(Top::Not("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Top, E> {
        Ok(Top::Not("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Top, E> {
        Ok(Top::Not("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Not("null"))
    }
}

/// A page (`hydra:member`) or a session: the session's members read
/// alongside.
#[derive(Deserialize)]
struct RawPage {
    #[serde(rename = "hydra:member", default)]
    member: Option<Vec<RawSession>>,
    #[serde(flatten)]
    session: RawSession,
}

impl RawSession {
    fn is_any(&self) -> bool {
        self.session.is_some() || self.has(Family::V4) || self.has(Family::V6)
    }

    fn has(&self, family: Family) -> bool {
        match family {
            Family::V4 => {
                self.asn4.is_some()
                    || self
                        .client4
                        .as_deref()
                        .is_some_and(|c| !c.trim().is_empty())
                    || self.nat4.is_some()
                    || self.privatespoof.is_some()
                    || self.routedspoof.is_some()
            }
            Family::V6 => {
                self.asn6.is_some()
                    || self
                        .client6
                        .as_deref()
                        .is_some_and(|c| !c.trim().is_empty())
                    || self.nat6.is_some()
                    || self.privatespoof6.is_some()
                    || self.routedspoof6.is_some()
            }
        }
    }

    /// Its rows, or the message of a bad value.
    fn rows(self, out: &mut Vec<SpooferTest>) -> Result<(), String> {
        let time = match self.timestamp.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => Some(parse_time(t).ok_or_else(|| format!("invalid timestamp {t:?}"))?),
        };
        let country = self.country.clone().filter(|c| !c.trim().is_empty());
        for family in [Family::V4, Family::V6] {
            if !self.has(family) {
                continue;
            }
            let (asn, client, nat, private, routed) = match family {
                Family::V4 => (
                    self.asn4,
                    &self.client4,
                    self.nat4,
                    self.privatespoof,
                    self.routedspoof,
                ),
                Family::V6 => (
                    self.asn6,
                    &self.client6,
                    self.nat6,
                    self.privatespoof6,
                    self.routedspoof6,
                ),
            };
            let client = parse_client(client.as_deref().unwrap_or(""), Some(family))?;
            out.push(SpooferTest {
                session: self.session,
                time,
                asn,
                client,
                family,
                country: country.clone(),
                nat,
                private,
                routed,
            });
        }
        Ok(())
    }
}

fn read_json(input: &[u8]) -> Result<Vec<SpooferTest>, ParseError> {
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_slice(input).into_iter::<Top>();
    let mut stream = stream;
    loop {
        let at = stream.byte_offset();
        let Some(next) = stream.next() else { break };
        let top = next.map_err(|e| json_error(e, None, "session"))?;
        let location = {
            let rest = input.get(at..).unwrap_or_default();
            let skipped = input.get(..at).unwrap_or_default();
            let mut loc = start_of(rest);
            let lines_before = memchr::memchr_iter(b'\n', skipped).count();
            if loc.line == 1 {
                let col_before =
                    skipped.len() - memchr::memrchr(b'\n', skipped).map_or(0, |i| i + 1);
                loc.column += col_before;
            }
            loc.line += lines_before;
            loc
        };
        match top {
            Top::Not(found) => {
                return Err(ParseError {
                    location,
                    kind: ParseErrorKind::WrongDocument {
                        expected: "CAIDA Spoofer results (API sessions or CSV)",
                        found: found.into(),
                    },
                })
            }
            Top::Sessions(sessions) => {
                for s in sessions {
                    s.rows(&mut out).map_err(|message| ParseError {
                        location,
                        kind: ParseErrorKind::InvalidField {
                            field: "session",
                            message,
                        },
                    })?;
                    if out.len() > MAX_TESTS {
                        return Err(ParseError {
                            location,
                            kind: ParseErrorKind::Limit(format!(
                                "more than {MAX_TESTS} Spoofer tests"
                            )),
                        });
                    }
                }
            }
        }
    }
    Ok(out)
}

fn de_session<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Num(u64),
        Text(String),
    }
    match Option::<N>::deserialize(d)? {
        None => Ok(None),
        Some(N::Num(n)) => Ok(Some(n)),
        Some(N::Text(s)) if s.trim().is_empty() => Ok(None),
        Some(N::Text(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("invalid session id {s:?}"))),
    }
}

fn de_asn<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Asn>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Num(u64),
        Text(String),
    }
    match Option::<N>::deserialize(d)? {
        None => Ok(None),
        Some(N::Num(n)) => u32::try_from(n)
            .map(|n| Some(Asn::new(n)))
            .map_err(|_| de::Error::custom(format!("ASN {n} out of range"))),
        Some(N::Text(s)) => parse_asn(&s).map_err(de::Error::custom),
    }
}

fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Num(u64),
        Text(String),
    }
    match Option::<B>::deserialize(d)? {
        None => Ok(None),
        Some(B::Bool(b)) => Ok(Some(b)),
        Some(B::Num(n)) => parse_bool(&n.to_string()).map_err(de::Error::custom),
        Some(B::Text(s)) => parse_bool(&s).map_err(de::Error::custom),
    }
}

fn de_outcome<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SpoofOutcome>, D::Error> {
    match Option::<Cow<'de, str>>::deserialize(d)? {
        None => Ok(None),
        Some(s) => parse_outcome(&s).map_err(de::Error::custom),
    }
}

// ---- values shared by JSON and CSV ----

fn parse_asn(s: &str) -> Result<Option<Asn>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    Asn::parse(s).map(Some).map_err(|e| e.to_string())
}

fn parse_bool(s: &str) -> Result<Option<bool>, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "yes" => Ok(Some(true)),
        "false" | "0" | "no" => Ok(Some(false)),
        _ => Err(format!("invalid boolean {s:?}")),
    }
}

fn parse_outcome(s: &str) -> Result<Option<SpoofOutcome>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    s.parse().map(Some).map_err(|e: UnknownWord| e.to_string())
}

fn parse_time(t: &str) -> Option<i64> {
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    super::time::parse_rfc3339(t).or_else(|| {
        if t.len() == 19 {
            super::time::parse_rfc3339(&format!("{t}Z"))
        } else {
            None
        }
    })
}

/// A client prefix, host bits cleared; a bare address is a host route. The
/// family, when given, must match.
fn parse_client(s: &str, family: Option<Family>) -> Result<Option<Prefix>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let p = Prefix::parse_relaxed(s).map_err(|e| e.to_string())?;
    match family {
        Some(f) if f != p.family() => Err(format!("client {s} is not {}", family_word(f))),
        _ => Ok(Some(p)),
    }
}

fn family_word(f: Family) -> &'static str {
    match f {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    }
}

// ---- CSV ----

/// Column positions of a CSV header.
#[derive(Default, Debug)]
struct Cols {
    session: Option<usize>,
    time: Option<usize>,
    country: Option<usize>,
    family: Option<usize>,
    /// Generic or IPv4 (API layout) members.
    asn: Option<usize>,
    client: Option<usize>,
    nat: Option<usize>,
    private: Option<usize>,
    routed: Option<usize>,
    /// API layout: the IPv4 and IPv6 members.
    asn4: Option<usize>,
    client4: Option<usize>,
    nat4: Option<usize>,
    asn6: Option<usize>,
    client6: Option<usize>,
    nat6: Option<usize>,
    private6: Option<usize>,
    routed6: Option<usize>,
}

impl Cols {
    fn new(header: &[Cow<'_, str>]) -> Cols {
        let mut c = Cols::default();
        for (i, name) in header.iter().enumerate() {
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "session" => &mut c.session,
                "timestamp" | "time" | "date" => &mut c.time,
                "country" | "geo" => &mut c.country,
                "version" | "family" => &mut c.family,
                "asn" => &mut c.asn,
                "client" | "network" | "prefix" => &mut c.client,
                "nat" => &mut c.nat,
                "privatespoof" | "private" => &mut c.private,
                "routedspoof" | "routed" => &mut c.routed,
                "asn4" => &mut c.asn4,
                "client4" => &mut c.client4,
                "nat4" => &mut c.nat4,
                "asn6" => &mut c.asn6,
                "client6" => &mut c.client6,
                "nat6" => &mut c.nat6,
                "privatespoof6" => &mut c.private6,
                "routedspoof6" => &mut c.routed6,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        c
    }

    fn api_layout(&self) -> bool {
        [
            self.asn4,
            self.client4,
            self.nat4,
            self.asn6,
            self.client6,
            self.nat6,
            self.private6,
            self.routed6,
        ]
        .iter()
        .any(Option::is_some)
    }
}

fn read_csv(input: &[u8]) -> Result<Vec<SpooferTest>, ParseError> {
    let text = super::utf8_text(input)?;
    let mut out = Vec::new();
    let mut fields: Vec<Cow<'_, str>> = Vec::new();
    let mut cols: Option<Cols> = None;
    for (i, line) in text.split('\n').enumerate() {
        let lineno = i + 1;
        if line.len() > MAX_RECORD_LEN {
            return Err(ParseError::at(
                lineno,
                0,
                ParseErrorKind::Limit(format!("line longer than {MAX_RECORD_LEN} bytes")),
            ));
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        split_fields(line, &mut fields)
            .map_err(|m| ParseError::at(lineno, 0, ParseErrorKind::Syntax(m.into())))?;
        let Some(c) = &cols else {
            let c = Cols::new(&fields);
            let outcomes = [c.private, c.routed, c.private6, c.routed6];
            if outcomes.iter().all(Option::is_none) {
                return Err(ParseError::at(
                    lineno,
                    1,
                    ParseErrorKind::WrongDocument {
                        expected: "CAIDA Spoofer results (a CSV header naming privatespoof or routedspoof, or API JSON)",
                        found: "a first line without such a column".into(),
                    },
                ));
            }
            cols = Some(c);
            continue;
        };
        csv_rows(c, line, &fields, lineno, &mut out)?;
        if out.len() > MAX_TESTS {
            return Err(ParseError::at(
                lineno,
                0,
                ParseErrorKind::Limit(format!("more than {MAX_TESTS} Spoofer tests")),
            ));
        }
    }
    Ok(out)
}

fn csv_rows(
    c: &Cols,
    line: &str,
    fields: &[Cow<'_, str>],
    lineno: usize,
    out: &mut Vec<SpooferTest>,
) -> Result<(), ParseError> {
    let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).map_or("", |f| &**f);
    let bad = |i: Option<usize>, field: &'static str, message: String| {
        let col = field_column(line, i.and_then(|i| fields.get(i)));
        ParseError::at(lineno, col, ParseErrorKind::InvalidField { field, message })
    };
    let session = match get(c.session).trim() {
        "" => None,
        s => Some(
            s.parse::<u64>()
                .map_err(|_| bad(c.session, "session", format!("invalid session id {s:?}")))?,
        ),
    };
    let time = match get(c.time).trim() {
        "" => None,
        t => Some(
            parse_time(t).ok_or_else(|| bad(c.time, "timestamp", format!("invalid time {t:?}")))?,
        ),
    };
    let country = Some(get(c.country).trim().to_owned()).filter(|s| !s.is_empty());
    let row = |family: Family,
               asn: Option<usize>,
               client: Option<usize>,
               nat: Option<usize>,
               private: Option<usize>,
               routed: Option<usize>|
     -> Result<Option<SpooferTest>, ParseError> {
        let any = [asn, client, nat, private, routed]
            .iter()
            .any(|i| !get(*i).trim().is_empty());
        if !any {
            return Ok(None);
        }
        Ok(Some(SpooferTest {
            session,
            time,
            asn: parse_asn(get(asn)).map_err(|m| bad(asn, "asn", m))?,
            client: parse_client(get(client), Some(family))
                .map_err(|m| bad(client, "client", m))?,
            family,
            country: country.clone(),
            nat: parse_bool(get(nat)).map_err(|m| bad(nat, "nat", m))?,
            private: parse_outcome(get(private)).map_err(|m| bad(private, "privatespoof", m))?,
            routed: parse_outcome(get(routed)).map_err(|m| bad(routed, "routedspoof", m))?,
        }))
    };
    if c.api_layout() {
        let v4 = row(
            Family::V4,
            c.asn4.or(c.asn),
            c.client4.or(c.client),
            c.nat4.or(c.nat),
            c.private,
            c.routed,
        )?;
        let v6 = row(Family::V6, c.asn6, c.client6, c.nat6, c.private6, c.routed6)?;
        out.extend(v4.into_iter().chain(v6));
        return Ok(());
    }
    let family = match get(c.family).trim().to_ascii_lowercase().as_str() {
        "ipv4" | "4" | "v4" => Family::V4,
        "ipv6" | "6" | "v6" => Family::V6,
        "" => match Prefix::parse_relaxed(get(c.client)) {
            Ok(p) => p.family(),
            Err(_) => {
                return Err(bad(
                    c.client.or(c.family),
                    "version",
                    "cannot tell IPv4 from IPv6: no version and no client prefix".into(),
                ))
            }
        },
        other => {
            return Err(bad(
                c.family,
                "version",
                format!("invalid version {other:?} (ipv4 or ipv6)"),
            ))
        }
    };
    if let Some(t) = row(family, c.asn, c.client, c.nat, c.private, c.routed)? {
        out.push(t);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const API_LINES: &str = r#"{"@id":"/sessions/891176","@type":"Session","asn4":"3356","asn6":null,"client4":"4.30.179.0/24","client6":null,"country":"usa","nat4":true,"nat6":null,"privatespoof":"blocked","privatespoof6":null,"routedspoof":"blocked","routedspoof6":null,"session":891176,"timestamp":"2020-05-07T14:34:59+00:00"}
{"@id":"/sessions/2","@type":"Session","asn4":"64500","asn6":"64500","client4":"192.0.2.0/24","client6":"2001:db8::/40","country":"nld","nat4":false,"nat6":false,"privatespoof":"received","privatespoof6":"blocked","routedspoof":"rewritten","routedspoof6":"unknown","session":2,"timestamp":"2020-05-01T00:00:00+00:00"}
"#;

    #[test]
    fn api_json_lines_pages_arrays() {
        let r = parse_spoofer(API_LINES.as_bytes()).unwrap();
        assert_eq!(r.tests.len(), 3);
        // Sorted by time: session 2 (both families) first.
        assert_eq!(r.tests[0].session, Some(2));
        assert_eq!(r.tests[0].family, Family::V4);
        assert_eq!(r.tests[1].family, Family::V6);
        assert_eq!(r.tests[1].client, Some("2001:db8::/40".parse().unwrap()));
        assert_eq!(r.tests[1].routed, Some(SpoofOutcome::Unknown));
        assert!(r.tests[0].spoofed() && !r.tests[1].spoofed() && !r.tests[1].blocked());
        let t = &r.tests[2];
        assert_eq!(t.asn, Some(Asn::new(3356)));
        assert_eq!(t.time, Some(1_588_862_099));
        assert_eq!(t.nat, Some(true));
        assert_eq!(t.country.as_deref(), Some("usa"));
        assert!(t.blocked() && !t.spoofed());
        assert_eq!(r.of_asn(Asn::new(64500)).count(), 2);

        let lines: Vec<&str> = API_LINES.lines().collect();
        let page = format!(
            r#"{{"@context": "/contexts/Session", "hydra:member": [{}], "hydra:totalItems": 2, "hydra:view": {{"@id": "/sessions?page=1"}}}}"#,
            lines.join(",")
        );
        assert_eq!(parse_spoofer(page.as_bytes()).unwrap(), r);
        let array = format!("[{}]", lines.join(",\n"));
        assert_eq!(parse_spoofer(array.as_bytes()).unwrap(), r);
        let mut merged = parse_spoofer(lines[0].as_bytes()).unwrap();
        merged.merge(parse_spoofer(lines[1].as_bytes()).unwrap());
        assert_eq!(merged, r);
    }

    #[test]
    fn shadowserver_csv() {
        // The layout of intelmq's test data (two rows of it, abridged names).
        let csv = "\"timestamp\",\"ip\",\"asn\",\"geo\",\"region\",\"city\",\"hostname\",\"type\",\"infection\",\"naics\",\"sic\",\"sector\",\"family\",\"tag\",\"public_source\",\"network\",\"version\",\"type\",\"routedspoof\",\"session\",\"nat\"\n\
\"2019-08-27 00:06:24\",\"137.97.71.0\",55836,\"IN\",\"KERALA\",\"THRISSUR\",,\"Session\",\"ip-spoofer\",517312,0,\"Information Technology\",,,\"caida\",\"137.97.71.0/24\",\"ipv4\",\"Session\",\"received\",739969,\"True\"\n\
\"2019-08-27 02:32:12\",\"115.78.9.0\",7552,\"VN\",\"HO CHI MINH\",\"THANH PHO HO CHI MINH\",,\"Session\",\"ip-spoofer\",517312,0,\"Communications\",,,\"caida\",\"115.78.9.0/24\",\"ipv4\",\"Session\",\"rewritten\",740024,\"True\"\n";
        let r = parse_spoofer(csv.as_bytes()).unwrap();
        assert_eq!(r.tests.len(), 2);
        let t = &r.tests[0];
        assert_eq!(t.session, Some(739_969));
        assert_eq!(t.asn, Some(Asn::new(55836)));
        assert_eq!(t.client, Some("137.97.71.0/24".parse().unwrap()));
        assert_eq!(t.time, Some(1_566_864_384));
        assert_eq!(
            (t.routed, t.private, t.nat),
            (Some(SpoofOutcome::Received), None, Some(true))
        );
        assert_eq!(t.country.as_deref(), Some("IN"));
        assert_eq!(r.tests[1].routed, Some(SpoofOutcome::Rewritten));
    }

    #[test]
    fn minimal_and_api_csv() {
        let r = parse_spoofer(
            b"# mine\ntimestamp,asn,client,private,routed\n2024-03-01T10:00:00Z,AS64500,192.0.2.0/24,blocked,received\r\n1709287200,64501,2001:db8::/32,,blocked\n",
        )
        .unwrap();
        assert_eq!(r.tests.len(), 2);
        assert_eq!(r.tests[0].time, r.tests[1].time);
        assert_eq!(r.tests[1].family, Family::V6);
        assert_eq!(r.tests[1].private, None);
        let r = parse_spoofer(
            b"session,timestamp,asn4,client4,privatespoof,routedspoof,asn6,client6,privatespoof6,routedspoof6\n7,,1,192.0.2.0/24,blocked,blocked,,,,\n8,,,,,,1,2001:db8::/48,received,blocked\n",
        )
        .unwrap();
        let fams: Vec<(Option<u64>, Family)> =
            r.tests.iter().map(|t| (t.session, t.family)).collect();
        assert_eq!(fams, [(Some(7), Family::V4), (Some(8), Family::V6)]);
    }

    #[test]
    fn errors() {
        let e =
            parse_spoofer(b"timestamp,asn,client,routed\nx,1,192.0.2.0/24,blocked\n").unwrap_err();
        assert_eq!(
            (e.line(), e.location.column, e.code()),
            (2, 1, "invalid-field")
        );
        let e = parse_spoofer(b"timestamp,asn,client,routed\n,1,192.0.2.0/24,sent\n").unwrap_err();
        assert_eq!((e.line(), e.location.column), (2, 17));
        assert!(e.to_string().contains("blocked, received"), "{e}");
        let e = parse_spoofer(b"timestamp,asn,routed\n,1,blocked\n").unwrap_err();
        assert!(e.to_string().contains("IPv4 from IPv6"), "{e}");
        let e = parse_spoofer(b"ASN,IP Prefix\n1,2\n").unwrap_err();
        assert_eq!(e.code(), "wrong-document");
        let e = parse_spoofer(b"version,client,routed\nipv6,192.0.2.0/24,blocked\n").unwrap_err();
        assert!(e.to_string().contains("not IPv6"), "{e}");
        let e = parse_spoofer(b"[{\"session\": 1,\n \"routedspoof\": \"sent\"}]").unwrap_err();
        assert_eq!((e.line(), e.code()), (2, "invalid-field"));
        let e = parse_spoofer(b"{\"session\": 1, \"routedspoof\": \"blocked\"").unwrap_err();
        assert!(e.to_string().contains("cut short"), "{e}");
        let e = parse_spoofer(b"{\"session\": 1}\n\n  {\"roas\": []}").unwrap_err();
        assert_eq!(e.code(), "wrong-document");
        assert_eq!((e.location.line, e.location.column), (3, 3));
        let e = parse_spoofer(b"[1]").unwrap_err();
        assert_eq!(e.code(), "invalid-field");
        let e = parse_spoofer(b"{\"timestamp\": \"yesterday\", \"asn4\": 1}").unwrap_err();
        assert!(e.to_string().contains("yesterday"), "{e}");
        assert!(parse_spoofer(b"").unwrap().tests.is_empty());
        assert!(parse_spoofer(b"[]").unwrap().tests.is_empty());
    }
}
