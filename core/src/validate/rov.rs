//! RFC 6811 route origin validation over a [`RovIndex`].
//!
//! A VRP *covers* a route when the VRP prefix covers the route prefix; it
//! *matches* when it also has the route's origin AS, the origin is not AS0,
//! and the route length is at most the VRP's max length. `valid`: some VRP
//! matches; `invalid`: covered but none matches; `not-found`: no VRP covers.
// TODO(helper): implement; signatures are fixed.

use std::fmt;

use crate::index::RovIndex;
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

impl RovIndex {
    /// Validates a route. `origin` is `None` when the AS path yields no origin
    /// (RFC 6811 §2: a final AS_SET), which makes a covered route invalid.
    pub fn validate(&self, prefix: &Prefix, origin: Option<Asn>) -> RovResult {
        let _ = (prefix, origin);
        todo!()
    }

    /// State and reason only; allocation-free fast path.
    pub fn state(&self, prefix: &Prefix, origin: Option<Asn>) -> (RovState, Option<InvalidReason>) {
        let _ = (prefix, origin);
        todo!()
    }

    /// Validates a route given its AS path (origin per [`AsPath::origin`]).
    pub fn validate_path(&self, prefix: &Prefix, path: &AsPath) -> RovResult {
        self.validate(prefix, path.origin())
    }

    /// Validates many routes; results in input order.
    pub fn validate_many(&self, routes: &[(Prefix, Option<Asn>)]) -> Vec<RovResult> {
        routes.iter().map(|(p, o)| self.validate(p, *o)).collect()
    }

    /// States of many routes; results in input order.
    pub fn states_many(&self, routes: &[(Prefix, Option<Asn>)]) -> Vec<(RovState, Option<InvalidReason>)> {
        routes.iter().map(|(p, o)| self.state(p, *o)).collect()
    }
}

/// Validates one route against a slice of VRPs by scanning them all: the
/// obvious reference the index is tested against.
pub fn validate_naive(vrps: &[Vrp], prefix: &Prefix, origin: Option<Asn>) -> RovResult {
    let mut covering: Vec<Vrp> = vrps.iter().filter(|v| v.prefix.covers(prefix)).cloned().collect();
    if covering.is_empty() {
        return RovResult { state: RovState::NotFound, reason: None, covering };
    }
    let matches = |v: &Vrp| Some(v.asn) == origin && !v.asn.is_zero() && prefix.len() <= v.max_length;
    if covering.iter().any(matches) {
        covering.retain(matches);
        covering.sort();
        return RovResult { state: RovState::Valid, reason: None, covering };
    }
    let length = covering.iter().any(|v| Some(v.asn) == origin && !v.asn.is_zero());
    covering.sort();
    RovResult {
        state: RovState::Invalid,
        reason: Some(if length { InvalidReason::Length } else { InvalidReason::As }),
        covering,
    }
}
