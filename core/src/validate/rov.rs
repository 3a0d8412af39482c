//! RFC 6811 route origin validation over a [`RovIndex`].
//!
//! A VRP *covers* a route when the VRP prefix covers the route prefix; it
//! *matches* when it also has the route's origin AS, the origin is not AS0,
//! and the route length is at most the VRP's max length. `valid`: some VRP
//! matches; `invalid`: covered but none matches; `not-found`: no VRP covers.
//!
//! The checks are functions over the index ([`RovIndex`]):
//! [`origin_state`] decides a route without allocating; [`validate_origin`]
//! also rebuilds the deciding VRPs; [`validate_path`] takes the origin from
//! an AS path; [`validate_many`] and [`origin_states`] do batches. An AS path
//! yields its origin per RFC 6811 §2 ([`AsPath::origin`]): a path ending in
//! an AS_SET has none, so a covered route is `invalid` with reason `as`.
//!
//! ```
//! use routeguard::validate::rov::{origin_state, validate_origin, validate_path};
//! use routeguard::{AsPath, Asn, InvalidReason, Prefix, RovIndex, RovState, Vrp};
//! let vrps = [
//!     Vrp::new("192.0.2.0/24".parse().unwrap(), 24, Asn::new(64500)).unwrap(),
//!     Vrp::new("198.51.100.0/24".parse().unwrap(), 24, Asn::ZERO).unwrap(),
//! ];
//! let index = RovIndex::new(&vrps);
//! let p: Prefix = "192.0.2.0/24".parse().unwrap();
//! let r = validate_origin(&index, &p, Some(Asn::new(64500)));
//! assert_eq!((r.state, r.covering.len()), (RovState::Valid, 1));
//! let r = validate_origin(&index, &"192.0.2.128/25".parse().unwrap(), Some(Asn::new(64500)));
//! assert_eq!((r.state, r.reason), (RovState::Invalid, Some(InvalidReason::Length)));
//! let path = AsPath::parse("64496 {64500,64501}").unwrap();
//! assert_eq!(validate_path(&index, &p, &path).reason, Some(InvalidReason::As));
//! let r = validate_origin(&index, &"198.51.100.0/24".parse().unwrap(), Some(Asn::new(64500)));
//! assert_eq!(r.state, RovState::Invalid); // AS0 covers but never matches
//! assert_eq!(origin_state(&index, &"203.0.113.0/24".parse().unwrap(), None).0, RovState::NotFound);
//! ```

use std::fmt;

use crate::index::{Lookup, RovIndex};
use crate::model::{AsPath, Asn, Prefix, Vrp};

/// The RFC 6811 validation state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RovState {
    /// A covering VRP matches the origin and length.
    Valid,
    /// Covered, but no covering VRP matches.
    Invalid,
    /// No VRP covers the prefix.
    NotFound,
}

impl RovState {
    /// `valid`, `invalid` or `not-found`.
    pub fn as_str(self) -> &'static str {
        match self {
            RovState::Valid => "valid",
            RovState::Invalid => "invalid",
            RovState::NotFound => "not-found",
        }
    }
}

impl fmt::Display for RovState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a route is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InvalidReason {
    /// No covering VRP has the route's origin (or the route has no origin).
    As,
    /// A covering VRP has the origin, but the route is longer than its max length.
    Length,
}

impl InvalidReason {
    /// `as` or `length`.
    pub fn as_str(self) -> &'static str {
        match self {
            InvalidReason::As => "as",
            InvalidReason::Length => "length",
        }
    }
}

impl fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A full verdict: state, reason and the VRPs that decided it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RovResult {
    /// The state.
    pub state: RovState,
    /// Set exactly when `state` is `Invalid`.
    pub reason: Option<InvalidReason>,
    /// For `valid`: the matching VRPs; for `invalid`: every covering VRP;
    /// for `not-found`: empty. Sorted.
    pub covering: Vec<Vrp>,
}

/// State and reason of a route; the allocation-free fast path. `origin` is
/// `None` when the AS path yields no origin (RFC 6811 §2: a final AS_SET),
/// which makes a covered route invalid. AS0 never matches (RFC 6483 §4,
/// RFC 7607), and an AS0 origin never earns reason `length`.
#[inline]
pub fn origin_state(
    index: &RovIndex,
    prefix: &Prefix,
    origin: Option<Asn>,
) -> (RovState, Option<InvalidReason>) {
    verdict(index.lookup(prefix, origin.filter(|a| !a.is_zero())))
}

/// RFC 6811's names for what the index found.
#[inline]
fn verdict(lookup: Lookup) -> (RovState, Option<InvalidReason>) {
    match lookup {
        Lookup::Uncovered => (RovState::NotFound, None),
        Lookup::Matched => (RovState::Valid, None),
        Lookup::Unmatched { has_origin: false } => (RovState::Invalid, Some(InvalidReason::As)),
        Lookup::Unmatched { has_origin: true } => (RovState::Invalid, Some(InvalidReason::Length)),
    }
}

/// Validates a route: state, reason and the deciding VRPs. `origin` is
/// `None` when the AS path yields no origin (RFC 6811 §2: a final AS_SET),
/// which makes a covered route invalid.
pub fn validate_origin(index: &RovIndex, prefix: &Prefix, origin: Option<Asn>) -> RovResult {
    let (state, reason) = origin_state(index, prefix, origin);
    let mut covering = Vec::new();
    deciding_vrps(index, prefix, origin, state, &mut covering);
    RovResult {
        state,
        reason,
        covering,
    }
}

/// Appends the VRPs that decided `state` (the route's [`origin_state`])
/// to `out`, sorted: for `valid` the matching VRPs, for `invalid` every
/// covering VRP, for `not-found` none ([`RovResult::covering`]). `out` is
/// cleared first, so that a batch can reuse one buffer.
pub fn deciding_vrps(
    index: &RovIndex,
    prefix: &Prefix,
    origin: Option<Asn>,
    state: RovState,
    out: &mut Vec<Vrp>,
) {
    out.clear();
    match (state, origin) {
        (RovState::NotFound, _) | (RovState::Valid, None) => {}
        (RovState::Valid, Some(o)) => index.matching(prefix, o, out),
        (RovState::Invalid, _) => index.covering(prefix, out),
    }
    out.sort();
}

/// Validates a route given its AS path (origin per [`AsPath::origin`]).
pub fn validate_path(index: &RovIndex, prefix: &Prefix, path: &AsPath) -> RovResult {
    validate_origin(index, prefix, path.origin())
}

/// Validates many routes; results in input order.
///
/// Like [`origin_states`], visits the routes in address order when they
/// come unsorted.
pub fn validate_many(index: &RovIndex, routes: &[(Prefix, Option<Asn>)]) -> Vec<RovResult> {
    match address_order(routes) {
        None => routes
            .iter()
            .map(|(p, o)| validate_origin(index, p, *o))
            .collect(),
        Some(order) => {
            let mut out: Vec<RovResult> = (0..routes.len())
                .map(|_| RovResult {
                    state: RovState::NotFound,
                    reason: None,
                    covering: Vec::new(),
                })
                .collect();
            for it in order {
                let i = it.idx as usize;
                if let (Some((p, o)), Some(slot)) = (routes.get(i), out.get_mut(i)) {
                    *slot = validate_origin(index, p, *o);
                }
            }
            out
        }
    }
}

/// States of many routes ([`origin_state`] of each); results in input
/// order.
///
/// Large batches that come unsorted (more than one route in 32 out of
/// address order, judged on a sample) are first grouped by their top 16
/// address bits in one linear counting-sort pass, so that neighbouring
/// lookups share cache lines; sorted input (a BGP table dump) is walked as
/// it is.
pub fn origin_states(
    index: &RovIndex,
    routes: &[(Prefix, Option<Asn>)],
) -> Vec<(RovState, Option<InvalidReason>)> {
    match address_order(routes) {
        None => routes
            .iter()
            .map(|(p, o)| origin_state(index, p, *o))
            .collect(),
        Some(order) => {
            let mut out = vec![(RovState::NotFound, None); routes.len()];
            for it in order {
                if let Some(slot) = out.get_mut(it.idx as usize) {
                    let origin = it.origin().filter(|a| !a.is_zero());
                    *slot = verdict(index.lookup_bits(it.v6, it.bits, it.len, origin));
                }
            }
            out
        }
    }
}

/// The batch APIs reorder their input when more than one route in this many
/// is out of address order.
const UNSORTED_RATIO: usize = 32;

/// Below this many routes the batch APIs never reorder.
const MIN_SORT: usize = 4096;

/// The batch APIs group unsorted routes by this many top address bits.
const GROUP_BITS: u32 = 16;

/// A route as the reordering batch path carries it (32 bytes, copied once
/// instead of gathered from the input afterwards).
#[derive(Clone, Copy, Debug, Default)]
struct Item {
    bits: u128,
    idx: u32,
    origin: u32,
    len: u8,
    v6: bool,
    has_origin: bool,
}

impl Item {
    #[inline]
    fn origin(&self) -> Option<Asn> {
        self.has_origin.then_some(Asn::new(self.origin))
    }
}

/// `None` when the routes are (nearly) in address order already; otherwise
/// the routes grouped by their top 16 address bits, ascending (one
/// counting-sort pass: linear time). IPv4 and IPv6 are mixed: they use
/// separate structures, so mixing costs no locality.
fn address_order(routes: &[(Prefix, Option<Asn>)]) -> Option<Vec<Item>> {
    if routes.len() < MIN_SORT || u32::try_from(routes.len()).is_err() {
        return None;
    }
    let top = |p: &Prefix| (p.bits() >> (128 - GROUP_BITS)) as usize;
    // Sample every 16th adjacent pair: cheap next to the lookups.
    let (mut pairs, mut descents) = (0usize, 0usize);
    for i in (1..routes.len()).step_by(16) {
        if let (Some(a), Some(b)) = (routes.get(i - 1), routes.get(i)) {
            pairs += 1;
            descents += usize::from(top(&b.0) < top(&a.0));
        }
    }
    if descents <= pairs / UNSORTED_RATIO {
        return None;
    }
    let mut counts = vec![0u32; (1 << GROUP_BITS) + 1];
    for (p, _) in routes {
        if let Some(c) = counts.get_mut(top(p) + 1) {
            *c += 1;
        }
    }
    for b in 1..counts.len() {
        let before = counts.get(b - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(b) {
            *c += before;
        }
    }
    let mut items = vec![Item::default(); routes.len()];
    for ((p, o), idx) in routes.iter().zip(0u32..) {
        if let Some(c) = counts.get_mut(top(p)) {
            if let Some(slot) = items.get_mut(*c as usize) {
                *slot = Item {
                    bits: p.bits(),
                    idx,
                    origin: o.map_or(0, Asn::get),
                    len: p.len(),
                    v6: p.is_ipv6(),
                    has_origin: o.is_some(),
                };
            }
            *c += 1;
        }
    }
    Some(items)
}

/// Validates one route against a slice of VRPs by scanning them all: the
/// obvious reference the index is tested against.
///
/// Not part of the API: only with the crate's internal `__testing` feature
/// (which routeguard's own tests, benches and fuzz targets enable).
#[cfg(any(test, feature = "__testing"))]
#[doc(hidden)]
pub fn validate_naive(vrps: &[Vrp], prefix: &Prefix, origin: Option<Asn>) -> RovResult {
    let mut covering: Vec<Vrp> = vrps
        .iter()
        .filter(|v| v.prefix.covers(prefix))
        .cloned()
        .collect();
    if covering.is_empty() {
        return RovResult {
            state: RovState::NotFound,
            reason: None,
            covering,
        };
    }
    let matches =
        |v: &Vrp| Some(v.asn) == origin && !v.asn.is_zero() && prefix.len() <= v.max_length;
    if covering.iter().any(matches) {
        covering.retain(matches);
        covering.sort();
        return RovResult {
            state: RovState::Valid,
            reason: None,
            covering,
        };
    }
    let length = covering
        .iter()
        .any(|v| Some(v.asn) == origin && !v.asn.is_zero());
    covering.sort();
    RovResult {
        state: RovState::Invalid,
        reason: Some(if length {
            InvalidReason::Length
        } else {
            InvalidReason::As
        }),
        covering,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Prefix {
        s.parse().unwrap()
    }

    #[test]
    fn names() {
        assert_eq!(RovState::Valid.to_string(), "valid");
        assert_eq!(RovState::Invalid.to_string(), "invalid");
        assert_eq!(RovState::NotFound.to_string(), "not-found");
        assert_eq!(InvalidReason::As.to_string(), "as");
        assert_eq!(InvalidReason::Length.to_string(), "length");
    }

    #[test]
    fn naive_reference() {
        let vrps = [
            Vrp::new(p("10.0.0.0/8"), 16, Asn::new(1)).unwrap(),
            Vrp::new(p("10.0.0.0/8"), 24, Asn::ZERO).unwrap(),
        ];
        let r = validate_naive(&vrps, &p("10.1.0.0/16"), Some(Asn::new(1)));
        assert_eq!(
            (r.state, r.reason, r.covering.len()),
            (RovState::Valid, None, 1)
        );
        let r = validate_naive(&vrps, &p("10.1.1.0/24"), Some(Asn::new(1)));
        assert_eq!(
            (r.state, r.reason, r.covering.len()),
            (RovState::Invalid, Some(InvalidReason::Length), 2)
        );
        let r = validate_naive(&vrps, &p("10.1.1.0/24"), Some(Asn::ZERO));
        assert_eq!(
            (r.state, r.reason),
            (RovState::Invalid, Some(InvalidReason::As))
        );
        let r = validate_naive(&vrps, &p("11.0.0.0/8"), None);
        assert_eq!(
            (r.state, r.reason, r.covering.len()),
            (RovState::NotFound, None, 0)
        );
    }

    fn routes(n: u32, step: u32) -> Vec<(Prefix, Option<Asn>)> {
        (0..n)
            .map(|i| {
                let a = i.wrapping_mul(step);
                let v6 = i % 5 == 0;
                let prefix = if v6 {
                    Prefix::from_bits_relaxed(crate::Family::V6, u128::from(a) << 96 | 1 << 80, 48)
                        .unwrap()
                } else {
                    Prefix::from_bits_relaxed(crate::Family::V4, u128::from(a) << 96, 24).unwrap()
                };
                (prefix, (i % 7 != 0).then_some(Asn::new(i)))
            })
            .collect()
    }

    #[test]
    fn address_order_skips_small_and_sorted_batches() {
        assert!(address_order(&routes(100, 0x9e37_79b9)).is_none());
        let mut sorted = routes(10_000, 0x9e37_79b9);
        sorted.sort();
        assert!(address_order(&sorted).is_none());
    }

    #[test]
    fn address_order_groups_by_top_bits() {
        let input = routes(10_000, 0x9e37_79b9);
        let order = address_order(&input).unwrap();
        assert_eq!(order.len(), input.len());
        let mut seen = vec![false; input.len()];
        for w in order.windows(2) {
            assert!(w[0].bits >> 112 <= w[1].bits >> 112);
        }
        for it in &order {
            let (prefix, origin) = input[it.idx as usize];
            assert!(!std::mem::replace(&mut seen[it.idx as usize], true));
            assert_eq!(
                (it.bits, it.len, it.v6, it.origin()),
                (prefix.bits(), prefix.len(), prefix.is_ipv6(), origin)
            );
        }
    }
}
