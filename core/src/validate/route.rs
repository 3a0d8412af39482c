//! The combined route check: one route (prefix and AS path) judged by every
//! check at once, as MANRS Filtering asks — RFC 6811 origin validation
//! ([`super::rov`]), ASPA path verification
//! (draft-ietf-sidrops-aspa-verification-28, [`super::aspa`]), bogons
//! (RFC 6890 special-purpose registries and bogon ASNs, [`super::bogon`]) and
//! RFC 7908 route leaks over AS relationships ([`super::leak`]).
//!
//! A [`RouteChecker`] borrows whatever data the caller has; a check whose
//! data was not given yields `None` (shown as `-` by the CLI). The bogon
//! check needs no data beyond the built-in registries, so it always runs.
//! [`RouteChecker::check`] allocates nothing.
//!
//! ```
//! use routeguard::validate::route::RouteChecker;
//! use routeguard::validate::bogon::{BogonKind, Bogons, BogonOptions};
//! use routeguard::{AsPath, Asn, Aspa, AspaSet, RovIndex, RovState, Vrp};
//! use routeguard::validate::aspa::{AspaVerdict, Direction};
//!
//! // Illustrative data: a ROA and an ASPA for AS13335 with AS3356 as its
//! // only provider.
//! let vrps = [Vrp::new("1.1.1.0/24".parse().unwrap(), 24, Asn::new(13335)).unwrap()];
//! let rov = RovIndex::new(&vrps);
//! let aspas = AspaSet::new(&[Aspa::new(Asn::new(13335), vec![Asn::new(3356)])]);
//! let bogons = Bogons::new(BogonOptions::default());
//! let checker = RouteChecker::new(&bogons)
//!     .with_rov(&rov)
//!     .with_aspa(&aspas, Direction::Upstream);
//!
//! let v = checker.check(&"1.1.1.0/24".parse().unwrap(), &AsPath::parse("3356 13335").unwrap());
//! assert_eq!(v.rov, Some(RovState::Valid));
//! assert_eq!(v.aspa, Some(AspaVerdict::Valid));
//! assert!(v.bogon.is_none());
//! assert_eq!(v.leak, None); // no AS relationships given
//! assert_eq!(v.to_string(), "valid,valid,ok,-");
//!
//! // AS13335 does not list AS174 as a provider: a route leak or a forged path.
//! let v = checker.check(&"1.1.1.0/24".parse().unwrap(), &AsPath::parse("174 13335").unwrap());
//! assert_eq!(v.aspa, Some(AspaVerdict::Invalid));
//! assert!(v.is_rejected());
//!
//! // Documentation space is a bogon on the Internet.
//! let v = checker.check(&"192.0.2.0/24".parse().unwrap(), &AsPath::parse("3356 13335").unwrap());
//! assert_eq!(v.bogon.map(|f| f.kind), Some(BogonKind::BogonPrefix));
//! //! ```

use std::fmt;

use crate::index::aspa::AspaSet;
use crate::index::asrel::AsRelations;
use crate::index::RovIndex;
use crate::model::{AsPath, Asn, Prefix};
use crate::validate::aspa::{self, AspaOptions, AspaVerdict, Direction};
use crate::validate::bogon::{BogonFinding, Bogons};
use crate::validate::leak::{self, LeakState};
use crate::validate::rov::{self, RovState};

/// Every check of one route, over borrowed data.
#[derive(Clone, Copy, Debug)]
pub struct RouteChecker<'a> {
    bogons: &'a Bogons,
    rov: Option<&'a RovIndex>,
    aspa: Option<(&'a AspaSet, Direction)>,
    relations: Option<&'a AsRelations>,
    receiver: Option<Asn>,
}

/// The verdicts of one route; `None` where the check's data was not given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteVerdict {
    /// RFC 6811 origin validation, when VRPs were given.
    pub rov: Option<RovState>,
    /// ASPA path verification, when ASPAs were given.
    pub aspa: Option<AspaVerdict>,
    /// The first bogon finding in [`BogonKind`](super::bogon::BogonKind)
    /// priority order; `None` when the route is not a bogon.
    pub bogon: Option<BogonFinding>,
    /// Route leak detection, when AS relationships were given.
    pub leak: Option<LeakState>,
}

impl RouteVerdict {
    /// The bogon column word: `ok` or the first reason (`bogon-prefix`,
    /// `bogon-asn`, `too-specific`, `default-route`, `long-path`).
    pub fn bogon_word(&self) -> &'static str {
        self.bogon.as_ref().map_or("ok", |f| f.kind.as_str())
    }

    /// Whether any check failed: ROV `invalid`, ASPA `invalid`, a bogon, or a
    /// leak. `not-found` and `unknown` are not failures.
    pub fn is_rejected(&self) -> bool {
        self.rov == Some(RovState::Invalid)
            || self.aspa == Some(AspaVerdict::Invalid)
            || self.bogon.is_some()
            || self.leak == Some(LeakState::Leak)
    }
}

impl fmt::Display for RouteVerdict {
    /// `rov aspa bogon leak`, words separated by commas, `-` for a check
    /// that did not run: `valid,unknown,ok,-`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},{},{},{}",
            self.rov.map_or("-", RovState::as_str),
            self.aspa.map_or("-", AspaVerdict::as_str),
            self.bogon_word(),
            self.leak.map_or("-", LeakState::as_str)
        )
    }
}

impl<'a> RouteChecker<'a> {
    /// A checker that runs the bogon check only.
    pub fn new(bogons: &'a Bogons) -> Self {
        RouteChecker {
            bogons,
            rov: None,
            aspa: None,
            relations: None,
            receiver: None,
        }
    }

    /// Adds origin validation against `index`.
    pub fn with_rov(mut self, index: &'a RovIndex) -> Self {
        self.rov = Some(index);
        self
    }

    /// Adds ASPA verification against `set`, for routes received in
    /// `direction` (upstream: from a customer or lateral peer; downstream:
    /// from a provider).
    pub fn with_aspa(mut self, set: &'a AspaSet, direction: Direction) -> Self {
        self.aspa = Some((set, direction));
        self
    }

    /// Adds route-leak detection over `relations`.
    pub fn with_relations(mut self, relations: &'a AsRelations) -> Self {
        self.relations = Some(relations);
        self
    }

    /// The AS that received the routes, when known: the leak check then
    /// also judges the last hop (neighbour → receiver).
    pub fn with_receiver(mut self, receiver: Option<Asn>) -> Self {
        self.receiver = receiver;
        self
    }

    /// Checks one route. `neighbor` is the AS the route was learned from,
    /// when known (for example a `bgpdump` line's peer AS); ASPA then also
    /// checks that it is the path's leftmost AS.
    pub fn check_from(
        &self,
        prefix: &Prefix,
        path: &AsPath,
        neighbor: Option<Asn>,
    ) -> RouteVerdict {
        let rov = self
            .rov
            .map(|index| rov::origin_state(index, prefix, path.origin()).0);
        let aspa = self.aspa.map(|(set, direction)| {
            let options = AspaOptions {
                neighbor,
                ..AspaOptions::default()
            };
            aspa::verdict(set, path, direction, &options)
        });
        let leak = self
            .relations
            .map(|rel| leak::leak_state(rel, path, self.receiver));
        RouteVerdict {
            rov,
            aspa,
            bogon: self.bogons.first(prefix, path),
            leak,
        }
    }

    /// Checks one route whose neighbour is not known.
    pub fn check(&self, prefix: &Prefix, path: &AsPath) -> RouteVerdict {
        self.check_from(prefix, path, None)
    }
}
