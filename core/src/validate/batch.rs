//! Batch checks over columns laid out as Apache Arrow lays them out: a
//! string column (offsets into one byte buffer, or 16-byte views), an
//! integer column, each with an optional validity bitmap. One pass, one
//! byte written per row and no allocation per row for origin validation
//! (RFC 6811, [`super::rov`]) and the IRR status ([`super::irr`]); the
//! route check ([`super::route`]) parses each AS path.
//!
//! Each output byte is the position of the verdict's word in the check's
//! word table ([`ROV_WORDS`], [`REASON_WORDS`], [`IRR_WORDS`],
//! [`ASPA_WORDS`], [`BOGON_WORDS`], [`LEAK_WORDS`]: the words the CLI
//! prints), or [`NULL`] for a row without a verdict: a null prefix, a
//! prefix that does not parse, an origin outside 0..=4294967295, a
//! malformed AS path, or (reasons) a route that is not invalid. The first
//! malformed row is reported ([`BadRow`]) so that callers can raise on it.
//!
//! ```
//! use routeguard::validate::batch::{validate_origins, Origins, Strings, NULL, ROV_WORDS};
//! use routeguard::{Asn, RovIndex, Vrp};
//! let index = RovIndex::new(&[Vrp::new("192.0.2.0/24".parse().unwrap(), 24, Asn::new(64500)).unwrap()]);
//! let text = b"192.0.2.0/24192.0.2.0/24x";
//! let prefixes = Strings::Offsets32 { offsets: &[0, 12, 24, 25], data: text, validity: None };
//! let origins = Origins::U32(&[64500, 64501, 1]);
//! let mut states = [0u8; 3];
//! let bad = validate_origins(&index, &prefixes, &origins.with(None), false, &mut states, None);
//! let words: Vec<&str> = states.iter().map(|&s| ROV_WORDS.get(usize::from(s)).copied().unwrap_or("null")).collect();
//! assert_eq!(words, ["valid", "invalid", "null"]);
//! assert_eq!(bad.map(|b| b.row), Some(2));
//! assert_eq!(states[2], NULL);
//! ```

use crate::index::irr::IrrDb;
use crate::index::RovIndex;
use crate::model::{AsPath, Asn, Family, Prefix};
use crate::validate::aspa::AspaVerdict;
use crate::validate::bogon::BogonKind;
use crate::validate::irr::IrrStatus;
use crate::validate::leak::LeakState;
use crate::validate::route::RouteChecker;
use crate::validate::rov::{origin_state, InvalidReason, RovState};

/// The output byte of a row without a verdict.
pub const NULL: u8 = u8::MAX;

/// RFC 6811 states, as [`RovState::as_str`] names them.
pub const ROV_WORDS: [&str; 3] = ["valid", "invalid", "not-found"];
/// Why a route is invalid, as [`InvalidReason::as_str`] names it.
pub const REASON_WORDS: [&str; 2] = ["as", "length"];
/// IRR statuses, as [`IrrStatus::name`] names them.
pub const IRR_WORDS: [&str; 4] = ["valid", "covered", "invalid-origin", "not-found"];
/// ASPA verdicts, as [`AspaVerdict::as_str`] names them.
pub const ASPA_WORDS: [&str; 3] = ["valid", "invalid", "unknown"];
/// The bogon column: `ok`, then each [`BogonKind`] in its order.
pub const BOGON_WORDS: [&str; 6] = [
    "ok",
    "bogon-prefix",
    "bogon-asn",
    "too-specific",
    "default-route",
    "long-path",
];
/// Route-leak states, as [`LeakState::as_str`] names them.
pub const LEAK_WORDS: [&str; 3] = ["ok", "leak", "unknown"];

pub(crate) fn rov_code(s: RovState) -> u8 {
    match s {
        RovState::Valid => 0,
        RovState::Invalid => 1,
        RovState::NotFound => 2,
    }
}

pub(crate) fn reason_code(r: Option<InvalidReason>) -> u8 {
    match r {
        Some(InvalidReason::As) => 0,
        Some(InvalidReason::Length) => 1,
        None => NULL,
    }
}

fn irr_code(s: IrrStatus) -> u8 {
    match s {
        IrrStatus::Valid => 0,
        IrrStatus::Covered => 1,
        IrrStatus::InvalidOrigin => 2,
        IrrStatus::NotFound => 3,
    }
}

fn aspa_code(v: AspaVerdict) -> u8 {
    match v {
        AspaVerdict::Valid => 0,
        AspaVerdict::Invalid => 1,
        AspaVerdict::Unknown => 2,
    }
}

fn bogon_code(k: Option<BogonKind>) -> u8 {
    match k {
        None => 0,
        Some(BogonKind::BogonPrefix) => 1,
        Some(BogonKind::BogonAsn) => 2,
        Some(BogonKind::TooSpecific) => 3,
        Some(BogonKind::DefaultRoute) => 4,
        Some(BogonKind::LongPath) => 5,
    }
}

fn leak_code(s: LeakState) -> u8 {
    match s {
        LeakState::Ok => 0,
        LeakState::Leak => 1,
        LeakState::Unknown => 2,
    }
}

/// An Arrow validity bitmap: bit `offset + i` (least significant bit
/// first) is set when row `i` holds a value.
#[derive(Clone, Copy, Debug)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> Validity<'a> {
    /// The bitmap `bits`, row 0 at bit `offset`.
    pub fn new(bits: &'a [u8], offset: usize) -> Self {
        Validity { bits, offset }
    }

    /// Whether row `i` holds a value (a row past the bitmap does not).
    #[inline]
    pub fn is_valid(&self, i: usize) -> bool {
        let j = self.offset + i;
        self.bits
            .get(j >> 3)
            .is_some_and(|b| (b >> (j & 7)) & 1 == 1)
    }
}

#[inline]
fn valid(v: Option<&Validity<'_>>, i: usize) -> bool {
    v.is_none_or(|v| v.is_valid(i))
}

/// A string column: Arrow `utf8` (32-bit offsets), `large_utf8` (64-bit
/// offsets) or `utf8_view` (views).
#[derive(Clone, Copy, Debug)]
pub enum Strings<'a> {
    /// `n + 1` offsets into `data`: row `i` is `data[offsets[i]..offsets[i + 1]]`.
    Offsets32 {
        /// The offsets.
        offsets: &'a [i32],
        /// The bytes of every row.
        data: &'a [u8],
        /// Which rows hold a value.
        validity: Option<Validity<'a>>,
    },
    /// As `Offsets32`, with 64-bit offsets.
    Offsets64 {
        /// The offsets.
        offsets: &'a [i64],
        /// The bytes of every row.
        data: &'a [u8],
        /// Which rows hold a value.
        validity: Option<Validity<'a>>,
    },
    /// Arrow string views: 16 bytes per row, little-endian: the length
    /// (u32), then up to 12 bytes inline, else a 4-byte prefix, the data
    /// buffer's index (u32) and the offset in it (u32).
    Views {
        /// The views' bytes, 16 per row.
        views: &'a [u8],
        /// The data buffers of long strings.
        buffers: &'a [&'a [u8]],
        /// Which rows hold a value.
        validity: Option<Validity<'a>>,
    },
}

impl<'a> Strings<'a> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Strings::Offsets32 { offsets, .. } => offsets.len().saturating_sub(1),
            Strings::Offsets64 { offsets, .. } => offsets.len().saturating_sub(1),
            Strings::Views { views, .. } => views.len() / 16,
        }
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes of row `i`; `None` for a null row, a row past the end, or
    /// offsets or views outside the data.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        match *self {
            Strings::Offsets32 {
                offsets,
                data,
                validity,
            } => valid(validity.as_ref(), i)
                .then(|| between(offsets, data, i))
                .flatten(),
            Strings::Offsets64 {
                offsets,
                data,
                validity,
            } => valid(validity.as_ref(), i)
                .then(|| between(offsets, data, i))
                .flatten(),
            Strings::Views {
                views,
                buffers,
                validity,
            } => {
                if !valid(validity.as_ref(), i) {
                    return None;
                }
                let view = views.get(16 * i..16 * i + 16)?;
                let word = |k: usize| {
                    view.get(k..k + 4)
                        .and_then(|w| <[u8; 4]>::try_from(w).ok())
                        .map(u32::from_le_bytes)
                };
                let len = usize::try_from(word(0)?).ok()?;
                if len <= 12 {
                    view.get(4..4 + len)
                } else {
                    let buffer = usize::try_from(word(8)?).ok()?;
                    let offset = usize::try_from(word(12)?).ok()?;
                    buffers.get(buffer)?.get(offset..offset.checked_add(len)?)
                }
            }
        }
    }
}

/// The bytes of row `i` of an offsets column: `data[offsets[i]..offsets[i +
/// 1]]`, `None` where an offset is missing, negative or outside `data`.
#[inline]
fn between<'a, O: Copy + TryInto<usize>>(
    offsets: &[O],
    data: &'a [u8],
    i: usize,
) -> Option<&'a [u8]> {
    let a = (*offsets.get(i)?).try_into().ok()?;
    let b = (*offsets.get(i + 1)?).try_into().ok()?;
    data.get(a..b)
}

/// Values of an integer column, as Arrow stores them.
#[derive(Clone, Copy, Debug)]
pub enum Origins<'a> {
    /// `uint32`.
    U32(&'a [u32]),
    /// `uint64`.
    U64(&'a [u64]),
    /// `int64`.
    I64(&'a [i64]),
    /// `int32`.
    I32(&'a [i32]),
    /// `uint16`.
    U16(&'a [u16]),
    /// `int16`.
    I16(&'a [i16]),
    /// `uint8`.
    U8(&'a [u8]),
    /// `int8`.
    I8(&'a [i8]),
}

/// An origin column: values and which rows hold one.
#[derive(Clone, Copy, Debug)]
pub struct OriginColumn<'a> {
    values: Origins<'a>,
    validity: Option<Validity<'a>>,
}

impl<'a> Origins<'a> {
    /// The column with `validity` (`None`: every row holds a value).
    pub fn with(self, validity: Option<Validity<'a>>) -> OriginColumn<'a> {
        OriginColumn {
            values: self,
            validity,
        }
    }
}

impl OriginColumn<'_> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self.values {
            Origins::U32(v) => v.len(),
            Origins::U64(v) => v.len(),
            Origins::I64(v) => v.len(),
            Origins::I32(v) => v.len(),
            Origins::U16(v) => v.len(),
            Origins::I16(v) => v.len(),
            Origins::U8(v) => v.len(),
            Origins::I8(v) => v.len(),
        }
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`: `Ok(None)` for a null row (no origin: its AS path ends in
    /// an AS_SET), `Err(())` for a value that is no AS number (negative,
    /// or past 4294967295) or a row past the end.
    #[inline]
    #[allow(clippy::result_unit_err)]
    pub fn get(&self, i: usize) -> Result<Option<Asn>, ()> {
        if !valid(self.validity.as_ref(), i) {
            return Ok(None);
        }
        let v: Option<u32> = match self.values {
            Origins::U32(v) => v.get(i).copied(),
            Origins::U64(v) => v.get(i).and_then(|x| u32::try_from(*x).ok()),
            Origins::I64(v) => v.get(i).and_then(|x| u32::try_from(*x).ok()),
            Origins::I32(v) => v.get(i).and_then(|x| u32::try_from(*x).ok()),
            Origins::U16(v) => v.get(i).map(|x| u32::from(*x)),
            Origins::I16(v) => v.get(i).and_then(|x| u32::try_from(*x).ok()),
            Origins::U8(v) => v.get(i).map(|x| u32::from(*x)),
            Origins::I8(v) => v.get(i).and_then(|x| u32::try_from(*x).ok()),
        };
        v.map(|a| Some(Asn::new(a))).ok_or(())
    }
}

/// What was wrong with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadKind {
    /// The prefix does not parse ([`Prefix::parse`], or
    /// [`Prefix::parse_relaxed`] when relaxed).
    Prefix,
    /// The origin is no AS number.
    Origin,
    /// The AS path does not parse ([`AsPath::parse`]).
    Path,
}

/// The first malformed row of a batch (null rows are not malformed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// Its position.
    pub row: usize,
    /// What was wrong.
    pub kind: BadKind,
}

/// The prefix of row `i`: `Ok(None)` for a null row.
#[inline]
fn prefix_at(prefixes: &Strings<'_>, i: usize, relaxed: bool) -> Result<Option<Prefix>, BadKind> {
    let Some(b) = prefixes.get(i) else {
        return Ok(None);
    };
    let p = if relaxed {
        Prefix::parse_bytes_relaxed(b)
    } else {
        Prefix::parse_bytes(b)
    };
    p.map(Some).ok_or(BadKind::Prefix)
}

/// The route of row `i`: `Ok(None)` for a null prefix (whatever the
/// origin).
#[inline]
fn route_at(
    prefixes: &Strings<'_>,
    origins: &OriginColumn<'_>,
    i: usize,
    relaxed: bool,
) -> Result<Option<(Prefix, Option<Asn>)>, BadKind> {
    let Some(p) = prefix_at(prefixes, i, relaxed)? else {
        return Ok(None);
    };
    let o = origins.get(i).map_err(|()| BadKind::Origin)?;
    Ok(Some((p, o)))
}

/// Origin validation (RFC 6811, [`origin_state`]) of every row: `states[i]`
/// the position of row `i`'s state in [`ROV_WORDS`], and with `reasons`,
/// `reasons[i]` the position of its reason in [`REASON_WORDS`] ([`NULL`]
/// unless invalid). A null origin is a route without one (covered:
/// invalid, reason `as`). Rows past either column or `states` are not
/// read; rows of `states` past the columns are [`NULL`]. Returns the first
/// malformed row (its bytes are [`NULL`] too).
///
/// Rows in address order (a table dump) are judged in one pass. Blocks of
/// rows that come unsorted (more than one in 32 out of order, judged on a
/// sample) are grouped by their top 16 address bits first (one
/// counting-sort pass over a block of at most [`BLOCK`] rows, the prefixes
/// parsed twice), so that neighbouring lookups share cache lines.
pub fn validate_origins(
    index: &RovIndex,
    prefixes: &Strings<'_>,
    origins: &OriginColumn<'_>,
    relaxed: bool,
    states: &mut [u8],
    mut reasons: Option<&mut [u8]>,
) -> Option<BadRow> {
    let mut bad = None;
    let mut start = 0;
    let mut scratch = Vec::new();
    for block in states.chunks_mut(BLOCK) {
        let n = block.len();
        let reasons = reasons
            .as_deref_mut()
            .and_then(|r| r.get_mut(start..(start + n).min(r.len())));
        let b = if unsorted(prefixes, start, n, relaxed) {
            validate_grouped(
                index,
                prefixes,
                origins,
                relaxed,
                start,
                block,
                reasons,
                &mut scratch,
            )
        } else {
            validate_in_order(index, prefixes, origins, relaxed, start, block, reasons)
        };
        bad = bad.or(b);
        start += n;
    }
    bad
}

/// The most rows [`validate_origins`] groups at once (a scratch of 48
/// bytes per row).
pub const BLOCK: usize = 1 << 18;

/// Below this many rows a block is judged in order.
const MIN_GROUP: usize = 4096;

/// The top 16 address bits of a prefix.
#[inline]
fn top(p: &Prefix) -> usize {
    (p.bits() >> 112) as usize
}

/// Whether more than one sampled row in 32 of `start..start + n` comes
/// before its predecessor (every 16th pair sampled).
fn unsorted(prefixes: &Strings<'_>, start: usize, n: usize, relaxed: bool) -> bool {
    if n < MIN_GROUP {
        return false;
    }
    let (mut pairs, mut descents) = (0usize, 0usize);
    for i in (start + 1..start + n).step_by(16) {
        if let (Ok(Some(a)), Ok(Some(b))) = (
            prefix_at(prefixes, i - 1, relaxed),
            prefix_at(prefixes, i, relaxed),
        ) {
            pairs += 1;
            descents += usize::from(top(&b) < top(&a));
        }
    }
    descents > pairs / 32
}

/// Rows `start..start + states.len()` in order.
fn validate_in_order(
    index: &RovIndex,
    prefixes: &Strings<'_>,
    origins: &OriginColumn<'_>,
    relaxed: bool,
    start: usize,
    states: &mut [u8],
    mut reasons: Option<&mut [u8]>,
) -> Option<BadRow> {
    let mut bad = None;
    for (k, state) in states.iter_mut().enumerate() {
        let i = start + k;
        let (s, r) = match route_at(prefixes, origins, i, relaxed) {
            Ok(Some((p, o))) => {
                let (s, r) = origin_state(index, &p, o);
                (rov_code(s), reason_code(r))
            }
            Ok(None) => (NULL, NULL),
            Err(kind) => {
                bad = bad.or(Some(BadRow { row: i, kind }));
                (NULL, NULL)
            }
        };
        *state = s;
        if let Some(slot) = reasons.as_deref_mut().and_then(|rs| rs.get_mut(k)) {
            *slot = r;
        }
    }
    bad
}

/// Rows `start..start + states.len()` grouped by their top 16 address
/// bits: a counting pass, a placing pass (null and malformed rows written
/// at once), then the lookups in address order.
#[allow(clippy::too_many_arguments)]
fn validate_grouped(
    index: &RovIndex,
    prefixes: &Strings<'_>,
    origins: &OriginColumn<'_>,
    relaxed: bool,
    start: usize,
    states: &mut [u8],
    mut reasons: Option<&mut [u8]>,
    scratch: &mut Vec<(Prefix, Option<Asn>, u32)>,
) -> Option<BadRow> {
    let n = states.len();
    let mut counts = vec![0u32; (1 << 16) + 1];
    for k in 0..n {
        if let Ok(Some((p, _))) = route_at(prefixes, origins, start + k, relaxed) {
            if let Some(c) = counts.get_mut(top(&p) + 1) {
                *c += 1;
            }
        }
    }
    for b in 1..counts.len() {
        let before = counts.get(b - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(b) {
            *c += before;
        }
    }
    let good = counts.last().copied().unwrap_or(0) as usize;
    scratch.clear();
    scratch.resize(good, (Prefix::from_bits_clamped(Family::V4, 0, 0), None, 0));
    let mut bad = None;
    for (k, state) in states.iter_mut().enumerate() {
        let i = start + k;
        match route_at(prefixes, origins, i, relaxed) {
            Ok(Some((p, o))) => {
                if let Some(c) = counts.get_mut(top(&p)) {
                    if let Some(slot) = scratch.get_mut(*c as usize) {
                        *slot = (p, o, k as u32);
                    }
                    *c += 1;
                }
            }
            Ok(None) | Err(_) => {
                if let Err(kind) = route_at(prefixes, origins, i, relaxed) {
                    bad = bad.or(Some(BadRow { row: i, kind }));
                }
                *state = NULL;
                if let Some(slot) = reasons.as_deref_mut().and_then(|rs| rs.get_mut(k)) {
                    *slot = NULL;
                }
            }
        }
    }
    for (p, o, k) in scratch.iter() {
        let (s, r) = origin_state(index, p, *o);
        let k = *k as usize;
        if let Some(slot) = states.get_mut(k) {
            *slot = rov_code(s);
        }
        if let Some(slot) = reasons.as_deref_mut().and_then(|rs| rs.get_mut(k)) {
            *slot = reason_code(r);
        }
    }
    bad
}

/// The IRR status ([`IrrStatus`], what [`super::irr::check_route_with`]
/// gives as `status`) of every row: `out[i]` the position of row `i`'s
/// status in [`IRR_WORDS`]. A null origin matches no route object. Rows
/// and malformed rows as in [`validate_origins`].
pub fn irr_statuses(
    db: &IrrDb,
    prefixes: &Strings<'_>,
    origins: &OriginColumn<'_>,
    relaxed: bool,
    out: &mut [u8],
) -> Option<BadRow> {
    let mut bad = None;
    for (i, slot) in out.iter_mut().enumerate() {
        let route = route_at(prefixes, origins, i, relaxed);
        *slot = match route {
            Ok(Some((p, o))) => irr_code(super::irr::origin_status(db, &p, o)),
            Ok(None) => NULL,
            Err(kind) => {
                bad = bad.or(Some(BadRow { row: i, kind }));
                NULL
            }
        };
    }
    bad
}

/// The columns [`check_routes`] writes, one byte per row each: positions
/// in [`ROV_WORDS`], [`ASPA_WORDS`], [`BOGON_WORDS`] and [`LEAK_WORDS`];
/// [`NULL`] where the check's data was not given (the CLI's `-`) or the
/// row is null or malformed.
#[derive(Debug)]
pub struct RouteColumns<'o> {
    /// Origin validation.
    pub rov: &'o mut [u8],
    /// ASPA verification.
    pub aspa: &'o mut [u8],
    /// The first bogon finding, or `ok`.
    pub bogon: &'o mut [u8],
    /// Route leaks.
    pub leak: &'o mut [u8],
}

/// Every check of each route ([`RouteChecker::check_from`], what
/// `routeguard path check` prints): `paths` AS paths as [`AsPath::parse`]
/// reads them (leftmost the neighbour), `neighbors` the AS each route was
/// learned from (null: unknown). A null prefix or path gives a null row.
/// Rows: those of `out.rov` (the other outputs at least as long).
pub fn check_routes(
    checker: &RouteChecker<'_>,
    prefixes: &Strings<'_>,
    paths: &Strings<'_>,
    neighbors: Option<&OriginColumn<'_>>,
    relaxed: bool,
    out: RouteColumns<'_>,
) -> Option<BadRow> {
    let mut bad = None;
    let RouteColumns {
        rov,
        aspa,
        bogon,
        leak,
    } = out;
    let rows = rov
        .iter_mut()
        .zip(aspa.iter_mut())
        .zip(bogon.iter_mut().zip(leak.iter_mut()));
    for (i, ((rov, aspa), (bogon, leak))) in rows.enumerate() {
        let route = (|| {
            let Some(p) = prefix_at(prefixes, i, relaxed)? else {
                return Ok(None);
            };
            let Some(text) = paths.get(i) else {
                return Ok(None);
            };
            let path = std::str::from_utf8(text)
                .ok()
                .and_then(|t| AsPath::parse(t).ok())
                .ok_or(BadKind::Path)?;
            let neighbor = match neighbors {
                Some(n) => n.get(i).map_err(|()| BadKind::Origin)?,
                None => None,
            };
            Ok(Some((p, path, neighbor)))
        })();
        let codes = match route {
            Ok(Some((p, path, neighbor))) => {
                let v = checker.check_from(&p, &path, neighbor);
                [
                    v.rov.map_or(NULL, rov_code),
                    v.aspa.map_or(NULL, aspa_code),
                    bogon_code(v.bogon.map(|f| f.kind)),
                    v.leak.map_or(NULL, leak_code),
                ]
            }
            Ok(None) => [NULL; 4],
            Err(kind) => {
                bad = bad.or(Some(BadRow { row: i, kind }));
                [NULL; 4]
            }
        };
        [*rov, *aspa, *bogon, *leak] = codes;
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vrp;
    use crate::validate::rov::validate_origin;
    use proptest::prelude::*;

    #[test]
    fn words_are_the_enums_words() {
        for s in [RovState::Valid, RovState::Invalid, RovState::NotFound] {
            assert_eq!(ROV_WORDS[usize::from(rov_code(s))], s.as_str());
        }
        for r in [InvalidReason::As, InvalidReason::Length] {
            assert_eq!(REASON_WORDS[usize::from(reason_code(Some(r)))], r.as_str());
        }
        for s in IrrStatus::ALL {
            assert_eq!(IRR_WORDS[usize::from(irr_code(s))], s.name());
        }
        for v in [
            AspaVerdict::Valid,
            AspaVerdict::Invalid,
            AspaVerdict::Unknown,
        ] {
            assert_eq!(ASPA_WORDS[usize::from(aspa_code(v))], v.as_str());
        }
        assert_eq!(BOGON_WORDS[0], "ok");
        for k in BogonKind::ALL {
            assert_eq!(BOGON_WORDS[usize::from(bogon_code(Some(k)))], k.as_str());
        }
        for s in LeakState::ALL {
            assert_eq!(LEAK_WORDS[usize::from(leak_code(s))], s.as_str());
        }
    }

    /// Offsets and bytes of `rows` (None: null), as Arrow lays them out.
    fn column(rows: &[Option<&str>]) -> (Vec<i32>, Vec<u8>, Vec<u8>) {
        let mut offsets = vec![0i32];
        let mut data = Vec::new();
        let mut bits = vec![0u8; rows.len().div_ceil(8) + 1];
        for (i, r) in rows.iter().enumerate() {
            if let Some(s) = r {
                data.extend_from_slice(s.as_bytes());
                bits[(i + 3) / 8] |= 1 << ((i + 3) % 8);
            }
            offsets.push(data.len() as i32);
        }
        (offsets, data, bits)
    }

    /// String views of `rows`: inline up to 12 bytes, else in buffer 1.
    fn views(rows: &[&str]) -> (Vec<u8>, Vec<u8>) {
        let mut views = Vec::new();
        let mut data = Vec::new();
        for r in rows {
            let b = r.as_bytes();
            views.extend_from_slice(&(b.len() as u32).to_le_bytes());
            if b.len() <= 12 {
                let mut inline = [0u8; 12];
                inline[..b.len()].copy_from_slice(b);
                views.extend_from_slice(&inline);
            } else {
                views.extend_from_slice(&b[..4]);
                views.extend_from_slice(&1u32.to_le_bytes());
                views.extend_from_slice(&(data.len() as u32).to_le_bytes());
                data.extend_from_slice(b);
            }
        }
        (views, data)
    }

    fn vrps() -> Vec<Vrp> {
        [
            ("192.0.2.0/24", 24, 64500),
            ("10.0.0.0/8", 16, 64501),
            ("2001:db8::/32", 48, 64502),
            ("198.51.100.0/24", 24, 0),
        ]
        .iter()
        .map(|(p, m, a)| Vrp::new(p.parse().unwrap(), *m, Asn::new(*a)).unwrap())
        .collect()
    }

    #[test]
    fn views_offsets_and_validity() {
        let rows = ["192.0.2.0/24", "2001:db8:1::/48", "10.1.0.0/16", "bad"];
        let (v, data) = views(&rows);
        let buffers: [&[u8]; 2] = [b"", &data];
        let s = Strings::Views {
            views: &v,
            buffers: &buffers,
            validity: None,
        };
        assert_eq!(s.len(), 4);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(s.get(i), Some(r.as_bytes()));
        }
        assert_eq!(s.get(4), None);
        let (offsets, data, bits) = column(&[Some("a"), None, Some("bc")]);
        let s = Strings::Offsets32 {
            offsets: &offsets,
            data: &data,
            validity: Some(Validity::new(&bits, 3)),
        };
        assert_eq!(
            (s.get(0), s.get(1), s.get(2)),
            (Some(&b"a"[..]), None, Some(&b"bc"[..]))
        );
        let o = Origins::I64(&[-1, 0, 4294967295, 4294967296]).with(None);
        assert_eq!(o.get(0), Err(()));
        assert_eq!(o.get(1), Ok(Some(Asn::new(0))));
        assert_eq!(o.get(2), Ok(Some(Asn::new(u32::MAX))));
        assert_eq!(o.get(3), Err(()));
        assert_eq!(o.get(4), Err(()));
    }

    #[test]
    fn states_reasons_and_bad_rows() {
        let index = RovIndex::new(&vrps());
        let rows = [
            Some("192.0.2.0/24"),
            Some("192.0.2.0/25"),
            None,
            Some("10.1.0.0/16"),
            Some("192.0.2.1/24"),
            Some("2001:db8::/48"),
        ];
        let (offsets, data, bits) = column(&rows);
        let prefixes = Strings::Offsets32 {
            offsets: &offsets,
            data: &data,
            validity: Some(Validity::new(&bits, 3)),
        };
        let origins = Origins::U32(&[64500, 64500, 1, 64500, 64500, 64502]).with(None);
        let mut states = [0u8; 6];
        let mut reasons = [0u8; 6];
        let bad = validate_origins(
            &index,
            &prefixes,
            &origins,
            false,
            &mut states,
            Some(&mut reasons),
        );
        assert_eq!(states, [0, 1, NULL, 1, NULL, 0]);
        assert_eq!(reasons, [NULL, 1, NULL, 0, NULL, NULL]);
        assert_eq!(
            bad,
            Some(BadRow {
                row: 4,
                kind: BadKind::Prefix
            })
        );
        // Relaxed: host bits are cleared.
        let bad = validate_origins(&index, &prefixes, &origins, true, &mut states, None);
        assert_eq!((states[4], bad), (0, None));
    }

    #[test]
    fn route_columns_match_the_checker() {
        let index = RovIndex::new(&vrps());
        let bogons = crate::validate::bogon::Bogons::new(Default::default());
        let checker = RouteChecker::new(&bogons).with_rov(&index);
        let (po, pd, _) = column(&[
            Some("192.0.2.0/24"),
            Some("10.0.0.0/8"),
            Some("192.0.2.0/24"),
        ]);
        let (ao, ad, _) = column(&[
            Some("64496 64500"),
            Some("64496 23456 64501"),
            Some("64496 x"),
        ]);
        let prefixes = Strings::Offsets32 {
            offsets: &po,
            data: &pd,
            validity: None,
        };
        let paths = Strings::Offsets32 {
            offsets: &ao,
            data: &ad,
            validity: None,
        };
        let (mut r, mut a, mut b, mut l) = ([0u8; 3], [0u8; 3], [0u8; 3], [0u8; 3]);
        let out = RouteColumns {
            rov: &mut r,
            aspa: &mut a,
            bogon: &mut b,
            leak: &mut l,
        };
        let bad = check_routes(&checker, &prefixes, &paths, None, false, out);
        assert_eq!(
            bad,
            Some(BadRow {
                row: 2,
                kind: BadKind::Path
            })
        );
        for i in 0..2 {
            let p: Prefix = std::str::from_utf8(prefixes.get(i).unwrap())
                .unwrap()
                .parse()
                .unwrap();
            let path = AsPath::parse(std::str::from_utf8(paths.get(i).unwrap()).unwrap()).unwrap();
            let v = checker.check(&p, &path);
            assert_eq!(
                v.to_string(),
                format!(
                    "{},-,{},-",
                    ROV_WORDS[usize::from(r[i])],
                    BOGON_WORDS[usize::from(b[i])]
                )
            );
            assert_eq!((a[i], l[i]), (NULL, NULL));
        }
        assert_eq!([r[2], a[2], b[2], l[2]], [NULL; 4]);
    }

    #[test]
    fn grouped_blocks_equal_rows_in_order() {
        // 10,000 rows in a scrambled order (the grouping path), with nulls,
        // malformed prefixes and bad origins among them.
        let index = RovIndex::new(&vrps());
        let mut texts = Vec::new();
        let mut origins = Vec::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..10_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let t = match x % 11 {
                0 => None,
                1 => Some("192.0.2.1/24".to_owned()),
                2 => Some(format!("2001:db8:{:x}::/48", x >> 40 & 0xffff)),
                3 => Some("198.51.100.0/24".to_owned()),
                _ => Some(format!(
                    "{}.{}.{}.0/24",
                    [10, 192, 198, 11, 1, 223][(x >> 20) as usize % 6],
                    x >> 30 & 255,
                    i & 255
                )),
            };
            texts.push(t);
            origins.push([64500i64, 64501, 64502, 0, -1][(x >> 50) as usize % 5]);
        }
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        let (offsets, data, bits) = column(&refs);
        let prefixes = Strings::Offsets32 {
            offsets: &offsets,
            data: &data,
            validity: Some(Validity::new(&bits, 3)),
        };
        let origin_col = Origins::I64(&origins).with(None);
        assert!(unsorted(&prefixes, 0, texts.len(), false));
        let (mut s1, mut r1) = (vec![9u8; texts.len()], vec![9u8; texts.len()]);
        let b1 = validate_origins(
            &index,
            &prefixes,
            &origin_col,
            false,
            &mut s1,
            Some(&mut r1),
        );
        let (mut s2, mut r2) = (vec![9u8; texts.len()], vec![9u8; texts.len()]);
        let b2 = validate_in_order(
            &index,
            &prefixes,
            &origin_col,
            false,
            0,
            &mut s2,
            Some(&mut r2),
        );
        assert_eq!((s1, r1, b1), (s2, r2, b2));
        assert!(b1.is_some());
    }

    /// Prefix-like text: mostly well-formed, often with host bits, stray
    /// spaces, bad lengths, bare addresses or junk.
    fn prefix_text() -> impl Strategy<Value = Option<String>> {
        let v4 = (0u8..=3, any::<u8>(), 0u8..=2, 0u8..=34).prop_map(|(a, b, c, l)| {
            format!("{}.{}.{}.0/{}", [10, 192, 198, 11][usize::from(a)], b, c, l)
        });
        let v6 = (any::<u16>(), 0u8..=130).prop_map(|(g, l)| format!("2001:db8:{g:x}::/{l}"));
        prop_oneof![
            4 => v4.prop_map(Some),
            2 => v6.prop_map(Some),
            1 => "[ 0-9a-f:./x]{0,20}".prop_map(Some),
            1 => Just(None),
        ]
    }

    proptest! {
        #[test]
        fn batch_equals_one_by_one(
            rows in proptest::collection::vec((prefix_text(), prop_oneof![Just(-1i64), 0i64..5, 64499i64..64503, Just(1i64 << 32)], any::<bool>()), 0..60),
            relaxed: bool,
        ) {
            let vrps = vrps();
            let index = RovIndex::new(&vrps);
            let texts: Vec<Option<&str>> = rows.iter().map(|(p, _, _)| p.as_deref()).collect();
            let (offsets, data, bits) = column(&texts);
            let origins: Vec<i64> = rows.iter().map(|(_, o, _)| *o).collect();
            let mut obits = vec![0u8; rows.len().div_ceil(8)];
            for (i, (_, _, present)) in rows.iter().enumerate() {
                if *present { obits[i / 8] |= 1 << (i % 8); }
            }
            let prefixes = Strings::Offsets32 { offsets: &offsets, data: &data, validity: Some(Validity::new(&bits, 3)) };
            let large: Vec<i64> = offsets.iter().map(|o| i64::from(*o)).collect();
            let prefixes64 = Strings::Offsets64 { offsets: &large, data: &data, validity: Some(Validity::new(&bits, 3)) };
            let origin_col = Origins::I64(&origins).with(Some(Validity::new(&obits, 0)));
            let mut states = vec![7u8; rows.len()];
            let mut reasons = vec![7u8; rows.len()];
            let bad = validate_origins(&index, &prefixes, &origin_col, relaxed, &mut states, Some(&mut reasons));
            let mut states64 = vec![7u8; rows.len()];
            validate_origins(&index, &prefixes64, &origin_col, relaxed, &mut states64, None);
            prop_assert_eq!(&states, &states64);
            let mut first_bad = None;
            for (i, (text, origin, present)) in rows.iter().enumerate() {
                // The slow obvious reference: the allocating str parsers and
                // the full validation with its deciding VRPs.
                let expect = match text {
                    None => None,
                    Some(t) => {
                        let p = if relaxed { Prefix::parse_relaxed(t) } else { Prefix::parse(t) };
                        let o = if *present { u32::try_from(*origin).map(|a| Some(Asn::new(a))).map_err(|_| ()) } else { Ok(None) };
                        match (p, o) {
                            (Ok(p), Ok(o)) => Some(Ok(validate_origin(&index, &p, o))),
                            (Err(_), _) => Some(Err(BadKind::Prefix)),
                            (Ok(_), Err(())) => Some(Err(BadKind::Origin)),
                        }
                    }
                };
                match expect {
                    None => prop_assert_eq!((states[i], reasons[i]), (NULL, NULL)),
                    Some(Err(kind)) => {
                        prop_assert_eq!((states[i], reasons[i]), (NULL, NULL));
                        first_bad = first_bad.or(Some(BadRow { row: i, kind }));
                    }
                    Some(Ok(r)) => {
                        prop_assert_eq!(ROV_WORDS[usize::from(states[i])], r.state.as_str());
                        prop_assert_eq!(REASON_WORDS.get(usize::from(reasons[i])).copied(), r.reason.map(InvalidReason::as_str));
                    }
                }
            }
            prop_assert_eq!(bad, first_bad);
        }

        #[test]
        fn irr_batch_equals_check_route(
            rows in proptest::collection::vec((prefix_text(), prop_oneof![Just(None), (64499u32..64503).prop_map(Some)]), 0..40),
        ) {
            let mut b = crate::index::irr::IrrDbBuilder::new(crate::parse::rpsl::RpslOptions::lenient());
            b.add_text(
                b"route: 192.0.2.0/24\norigin: AS64500\nsource: RIPE\n\n\
                  route: 10.0.0.0/8\norigin: AS64501\nsource: RADB\n\n\
                  route: 10.1.0.0/16\norigin: AS64502\nsource: RADB\n\n\
                  route6: 2001:db8::/32\norigin: AS64502\nsource: RIPE\n",
                None,
            ).unwrap();
            let db = b.build();
            let texts: Vec<Option<&str>> = rows.iter().map(|(p, _)| p.as_deref()).collect();
            let (offsets, data, bits) = column(&texts);
            let prefixes = Strings::Offsets32 { offsets: &offsets, data: &data, validity: Some(Validity::new(&bits, 3)) };
            let values: Vec<u32> = rows.iter().map(|(_, o)| o.unwrap_or(7)).collect();
            let mut obits = vec![0u8; rows.len().div_ceil(8)];
            for (i, (_, o)) in rows.iter().enumerate() {
                if o.is_some() { obits[i / 8] |= 1 << (i % 8); }
            }
            let origins = Origins::U32(&values).with(Some(Validity::new(&obits, 0)));
            let mut out = vec![7u8; rows.len()];
            irr_statuses(&db, &prefixes, &origins, false, &mut out);
            for (i, (text, origin)) in rows.iter().enumerate() {
                let want = text.as_deref().and_then(|t| Prefix::parse(t).ok()).map(|p| {
                    let opts = crate::validate::irr::CheckOptions::default();
                    crate::validate::irr::check_route_with(&db, &p, origin.map(Asn::new), &opts).status.name()
                });
                prop_assert_eq!(IRR_WORDS.get(usize::from(out[i])).copied(), want);
            }
        }

        #[test]
        fn parse_bytes_equals_parse(s in "[ 0-9a-f:./]{0,24}", relaxed: bool) {
            let (fast, slow) = if relaxed {
                (Prefix::parse_bytes_relaxed(s.as_bytes()), Prefix::parse_relaxed(&s).ok())
            } else {
                (Prefix::parse_bytes(s.as_bytes()), Prefix::parse(&s).ok())
            };
            prop_assert_eq!(fast, slow);
        }
    }
}
