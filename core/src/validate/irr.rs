//! IRR route validation: is a (prefix, origin) pair registered in the IRR?
//!
//! A `route`/`route6` object (RFC 2622 §4, RFC 4012 §3) registers a prefix
//! and its origin AS. For a route seen in BGP, [`check_route`] gives
//! one [`IrrStatus`] over all sources and one per source:
//! - [`IrrStatus::Valid`]: an object for exactly this prefix with this origin;
//! - [`IrrStatus::Covered`]: no such object, but a less-specific object
//!   with this origin covers the prefix;
//! - [`IrrStatus::InvalidOrigin`]: objects cover the prefix (exact or
//!   less-specific), none with this origin;
//! - [`IrrStatus::NotFound`]: no object covers the prefix.
//!
//! A route whose AS path ends in an AS_SET has no origin (RFC 6811 §2, as
//! [`AsPath::origin`](crate::model::AsPath::origin) says): no route object
//! can match it, so it is `invalid-origin` where objects cover its prefix
//! and `not-found` elsewhere ([`check_route_with`] with `None`).
//!
//! [`Advice`] explains a verdict the way IRR Explorer (NLNOG, v2) reports
//! prefixes: whether route objects match the BGP origin, whether they sit in
//! the registry of the RIR expected to hold them (RIPE, ARIN, APNIC,
//! AFRINIC, LACNIC; `*-NONAUTH` and other IRRs are not RIR registries),
//! whether several origins are registered, and, given VRPs
//! ([`check_route_with_rpki`]), whether RFC 6811 origin validation
//! agrees with BGP and with the route objects.
//!
//! ```
//! use routeguard::index::irr::IrrDbBuilder;
//! use routeguard::parse::rpsl::RpslOptions;
//! use routeguard::validate::irr::{check_route, IrrStatus};
//! use routeguard::Asn;
//! // Lenient, as mirrors load dumps (strict mode would want mnt-by too).
//! let mut b = IrrDbBuilder::new(RpslOptions::lenient());
//! b.add_text(b"route: 192.0.2.0/24\norigin: AS64500\nsource: RIPE\n", None).unwrap();
//! let db = b.build();
//! let c = check_route(&db, &"192.0.2.0/25".parse().unwrap(), Asn::new(64500));
//! assert_eq!(c.status, IrrStatus::Covered);
//! assert_eq!(c.status.name(), "covered");
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::index::irr::{IrrDb, RouteRef};
use crate::index::RovIndex;
use crate::model::{Asn, Prefix, UnknownWord};
use crate::validate::rov::{origin_state, validate_origin, RovResult, RovState};

/// The IRR status of a (prefix, origin) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IrrStatus {
    /// A route object for exactly this prefix with this origin.
    Valid,
    /// A less-specific route object with this origin covers the prefix.
    Covered,
    /// Route objects cover the prefix, none with this origin.
    InvalidOrigin,
    /// No route object covers the prefix.
    NotFound,
}

impl IrrStatus {
    /// Every status.
    pub const ALL: [IrrStatus; 4] = [
        IrrStatus::Valid,
        IrrStatus::Covered,
        IrrStatus::InvalidOrigin,
        IrrStatus::NotFound,
    ];

    /// `valid`, `covered`, `invalid-origin`, `not-found`.
    pub fn name(self) -> &'static str {
        match self {
            IrrStatus::Valid => "valid",
            IrrStatus::Covered => "covered",
            IrrStatus::InvalidOrigin => "invalid-origin",
            IrrStatus::NotFound => "not-found",
        }
    }
}

impl fmt::Display for IrrStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for IrrStatus {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        IrrStatus::ALL
            .into_iter()
            .find(|x| {
                x.name().eq_ignore_ascii_case(t)
                    || x.name().replace('-', "_") == t.to_ascii_lowercase()
            })
            .ok_or_else(|| {
                UnknownWord::new(
                    "IRR status",
                    s,
                    "valid, covered, invalid-origin or not-found",
                )
            })
    }
}

/// How serious an [`Advice`] is (IRR Explorer's categories).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AdviceLevel {
    /// Worth knowing.
    Info,
    /// Should be looked at.
    Warning,
    /// Likely filtered or hijack-like.
    Danger,
}

impl AdviceLevel {
    /// `info`, `warning`, `danger`.
    pub fn name(self) -> &'static str {
        match self {
            AdviceLevel::Info => "info",
            AdviceLevel::Warning => "warning",
            AdviceLevel::Danger => "danger",
        }
    }
}

impl fmt::Display for AdviceLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One finding about a checked route, modelled on IRR Explorer's report.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Advice {
    /// No route object for this prefix has the BGP origin.
    NoRouteObjectMatchesOrigin,
    /// No route object for the prefix or a less-specific one exists.
    NoRouteObjects,
    /// Only a less-specific route object registers the origin.
    OnlyLessSpecificMatches,
    /// Route objects exist, but none in the expected RIR's registry.
    ExpectedInRirOnlyOther {
        /// The RIR registry expected.
        rir: String,
    },
    /// Route objects exist in the RIR registry and in other IRRs.
    ExpectedInRirAlsoOther {
        /// The RIR registry expected.
        rir: String,
    },
    /// The RIR registry's route objects have a different origin; other
    /// IRRs match the BGP origin.
    RirOriginMismatch {
        /// The RIR registry expected.
        rir: String,
    },
    /// The RIR registry matches the BGP origin, other IRRs hold route
    /// objects with other origins.
    OtherIrrOriginMismatch {
        /// The RIR registry expected.
        rir: String,
    },
    /// Route objects exist in non-RIR (or `*-NONAUTH`) IRRs only.
    NonRirOnly,
    /// Route objects for the prefix exist with several origins.
    MultipleOrigins,
    /// No RPKI ROA covers the prefix.
    NoRoa,
    /// RPKI origin validation of the BGP route is invalid.
    RpkiOriginMismatch,
    /// Route objects for the prefix are RPKI-invalid.
    RpkiInvalidRouteObjects,
}

impl Advice {
    /// Its level.
    pub fn level(&self) -> AdviceLevel {
        match self {
            Advice::NoRouteObjectMatchesOrigin
            | Advice::NoRouteObjects
            | Advice::RirOriginMismatch { .. }
            | Advice::OtherIrrOriginMismatch { .. }
            | Advice::RpkiOriginMismatch => AdviceLevel::Danger,
            Advice::ExpectedInRirOnlyOther { .. }
            | Advice::NonRirOnly
            | Advice::MultipleOrigins
            | Advice::RpkiInvalidRouteObjects => AdviceLevel::Warning,
            Advice::OnlyLessSpecificMatches
            | Advice::ExpectedInRirAlsoOther { .. }
            | Advice::NoRoa => AdviceLevel::Info,
        }
    }

    /// A short stable code (`no-route-object-matches-origin`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Advice::NoRouteObjectMatchesOrigin => "no-route-object-matches-origin",
            Advice::NoRouteObjects => "no-route-objects",
            Advice::OnlyLessSpecificMatches => "only-less-specific-matches",
            Advice::ExpectedInRirOnlyOther { .. } => "expected-in-rir-only-other",
            Advice::ExpectedInRirAlsoOther { .. } => "expected-in-rir-also-other",
            Advice::RirOriginMismatch { .. } => "rir-origin-mismatch",
            Advice::OtherIrrOriginMismatch { .. } => "other-irr-origin-mismatch",
            Advice::NonRirOnly => "non-rir-only",
            Advice::MultipleOrigins => "multiple-origins",
            Advice::NoRoa => "no-roa",
            Advice::RpkiOriginMismatch => "rpki-origin-mismatch",
            Advice::RpkiInvalidRouteObjects => "rpki-invalid-route-objects",
        }
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Advice::NoRouteObjectMatchesOrigin => f.write_str("No route objects match DFZ origin"),
            Advice::NoRouteObjects => f.write_str("No route objects found for the prefix or a less-specific"),
            Advice::OnlyLessSpecificMatches => {
                f.write_str("Only a less-specific route object matches the origin")
            }
            Advice::ExpectedInRirOnlyOther { rir } => {
                write!(f, "Expected route object in {rir}, but only found in other IRRs")
            }
            Advice::ExpectedInRirAlsoOther { rir } => write!(
                f,
                "Expected route object in {rir}, but objects also exist in other IRRs"
            ),
            Advice::RirOriginMismatch { rir } => write!(
                f,
                "Expected route object in {rir}, but BGP origin does not match. Objects from other IRRs do match BGP origin"
            ),
            Advice::OtherIrrOriginMismatch { rir } => write!(
                f,
                "Expected route object in {rir} matches BGP origin, but non-matching objects exist in other IRRs"
            ),
            Advice::NonRirOnly => {
                f.write_str("Route objects exist in non-authoritative/non-RIR IRR only")
            }
            Advice::MultipleOrigins => f.write_str("Multiple route objects exist with different origins"),
            Advice::NoRoa => f.write_str("No RPKI ROA found for prefix"),
            Advice::RpkiOriginMismatch => f.write_str("RPKI origin does not match BGP origin"),
            Advice::RpkiInvalidRouteObjects => f.write_str("RPKI invalid route objects found"),
        }
    }
}

/// The RIR registries (authoritative IRR sources).
pub const RIR_SOURCES: [&str; 5] = ["RIPE", "ARIN", "APNIC", "AFRINIC", "LACNIC"];

/// Whether a source is an RIR registry (`RIPE`, not `RIPE-NONAUTH`).
pub fn is_rir_source(source: &str) -> bool {
    RIR_SOURCES
        .iter()
        .any(|r| r.eq_ignore_ascii_case(source.trim()))
}

/// The result of [`check_route`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IrrCheck {
    /// The prefix checked.
    pub prefix: Prefix,
    /// The origin checked; `None` for a route without one (its AS path
    /// ends in an AS_SET), which no route object matches.
    pub origin: Option<Asn>,
    /// The status over all sources.
    pub status: IrrStatus,
    /// The status per source, in preference order (every loaded source).
    pub per_source: Vec<(Arc<str>, IrrStatus)>,
    /// Covering route objects (exact or less-specific) with this origin.
    pub matching: Vec<RouteRef>,
    /// Every covering route object, least specific first.
    pub covering: Vec<RouteRef>,
    /// The RPKI verdict of the route, when VRPs were given.
    pub rpki: Option<RovState>,
    /// Findings, most serious first.
    pub advice: Vec<Advice>,
}

/// Options of [`check_route_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions<'a> {
    /// The RIR registry expected to hold the prefix (from RIR delegation
    /// data). When `None`, the RIR source of the most specific covering
    /// route object in an RIR registry is assumed.
    pub expected_rir: Option<&'a str>,
    /// VRPs for the RPKI view.
    pub rov: Option<&'a RovIndex>,
}

fn status_of<'a>(
    prefix: &Prefix,
    origin: Option<Asn>,
    refs: impl Iterator<Item = &'a RouteRef>,
) -> IrrStatus {
    let mut any = false;
    let mut covered = false;
    for r in refs {
        any = true;
        if Some(r.origin) == origin {
            if r.prefix == *prefix {
                return IrrStatus::Valid;
            }
            covered = true;
        }
    }
    match (any, covered) {
        (_, true) => IrrStatus::Covered,
        (true, false) => IrrStatus::InvalidOrigin,
        (false, false) => IrrStatus::NotFound,
    }
}

/// Checks one route against every source; see the module docs.
pub fn check_route(db: &IrrDb, prefix: &Prefix, origin: Asn) -> IrrCheck {
    check_route_with(db, prefix, Some(origin), &CheckOptions::default())
}

/// [`check_route`] plus the RPKI view (RFC 6811 validation of the
/// route, and of the route objects for the prefix).
pub fn check_route_with_rpki(db: &IrrDb, prefix: &Prefix, origin: Asn, rov: &RovIndex) -> IrrCheck {
    check_route_with(
        db,
        prefix,
        Some(origin),
        &CheckOptions {
            rov: Some(rov),
            ..CheckOptions::default()
        },
    )
}

/// [`check_route`] with options, for a route with or without an origin
/// (`None`: its AS path ends in an AS_SET; see the module docs).
pub fn check_route_with(
    db: &IrrDb,
    prefix: &Prefix,
    origin: Option<Asn>,
    opts: &CheckOptions<'_>,
) -> IrrCheck {
    let covering = db.routes_covering(prefix);
    let status = status_of(prefix, origin, covering.iter());
    let per_source = db
        .sources()
        .into_iter()
        .map(|s| {
            let st = status_of(prefix, origin, covering.iter().filter(|r| r.source == s));
            (s, st)
        })
        .collect();
    let matching: Vec<RouteRef> = covering
        .iter()
        .filter(|r| Some(r.origin) == origin)
        .cloned()
        .collect();
    let rpki = opts.rov.map(|rov| origin_state(rov, prefix, origin).0);
    let advice = advise(prefix, origin, status, &covering, opts);
    IrrCheck {
        prefix: *prefix,
        origin,
        status,
        per_source,
        matching,
        covering,
        rpki,
        advice,
    }
}

fn advise(
    prefix: &Prefix,
    origin: Option<Asn>,
    status: IrrStatus,
    covering: &[RouteRef],
    opts: &CheckOptions<'_>,
) -> Vec<Advice> {
    let mut out = Vec::new();
    let exact: Vec<&RouteRef> = covering.iter().filter(|r| r.prefix == *prefix).collect();
    let expected: Option<String> = opts
        .expected_rir
        .map(|s| s.trim().to_ascii_uppercase())
        .or_else(|| {
            covering
                .iter()
                .rev()
                .find(|r| is_rir_source(&r.source))
                .map(|r| r.source.to_string())
        });
    let in_rir = |r: &RouteRef| {
        expected
            .as_deref()
            .is_some_and(|e| r.source.eq_ignore_ascii_case(e))
    };
    let origins: BTreeSet<Asn> = exact.iter().map(|r| r.origin).collect();
    let rir_origins: BTreeSet<Asn> = exact
        .iter()
        .filter(|r| in_rir(r))
        .map(|r| r.origin)
        .collect();
    let other_origins: BTreeSet<Asn> = exact
        .iter()
        .filter(|r| !in_rir(r))
        .map(|r| r.origin)
        .collect();
    let has_rir_routes = exact.iter().any(|r| in_rir(r));

    match status {
        IrrStatus::NotFound => out.push(Advice::NoRouteObjects),
        IrrStatus::InvalidOrigin => out.push(Advice::NoRouteObjectMatchesOrigin),
        IrrStatus::Covered => out.push(Advice::OnlyLessSpecificMatches),
        IrrStatus::Valid => {}
    }
    if !exact.is_empty() {
        if let Some(rir) = &expected {
            if !has_rir_routes {
                out.push(Advice::ExpectedInRirOnlyOther { rir: rir.clone() });
            } else if !other_origins.is_empty() {
                out.push(Advice::ExpectedInRirAlsoOther { rir: rir.clone() });
            }
        }
        if let Some(origin) = origin.filter(|o| origins.contains(o)) {
            if has_rir_routes && !rir_origins.contains(&origin) {
                out.push(Advice::RirOriginMismatch {
                    rir: expected.clone().unwrap_or_default(),
                });
            } else if !other_origins.is_empty() && !other_origins.contains(&origin) {
                out.push(Advice::OtherIrrOriginMismatch {
                    rir: expected.clone().unwrap_or_default(),
                });
            } else if origins.len() > 1 {
                out.push(Advice::MultipleOrigins);
            }
        }
    }
    if !covering.is_empty() && !covering.iter().any(|r| is_rir_source(&r.source)) {
        out.push(Advice::NonRirOnly);
    }
    if let Some(rov) = opts.rov {
        let r = validate_origin(rov, prefix, origin);
        if r.state == RovState::NotFound {
            out.push(Advice::NoRoa);
        } else if r.state == RovState::Invalid {
            out.push(Advice::RpkiOriginMismatch);
        } else if exact
            .iter()
            .any(|e| origin_state(rov, &e.prefix, Some(e.origin)).0 == RovState::Invalid)
        {
            out.push(Advice::RpkiInvalidRouteObjects);
        }
    }
    out.sort_by_key(|a| std::cmp::Reverse(a.level()));
    out
}

/// Checks many routes (in order).
pub fn check_routes(db: &IrrDb, routes: &[(Prefix, Asn)]) -> Vec<IrrCheck> {
    routes.iter().map(|(p, a)| check_route(db, p, *a)).collect()
}

/// Only the overall status of a route (no allocation beyond the lookup).
#[inline]
pub fn route_status(db: &IrrDb, prefix: &Prefix, origin: Asn) -> IrrStatus {
    origin_status(db, prefix, Some(origin))
}

/// [`route_status`] of a route with or without an origin (`None`: its AS
/// path ends in an AS_SET, and no route object matches it): the `status`
/// of [`check_route_with`], without its allocations.
#[inline]
pub fn origin_status(db: &IrrDb, prefix: &Prefix, origin: Option<Asn>) -> IrrStatus {
    let origin = origin.map(Asn::get);
    let mut any = false;
    let mut covered = false;
    let mut valid = false;
    db.for_covering_entries(prefix, |p_len, o| {
        any = true;
        if Some(o) == origin {
            if p_len == prefix.len() {
                valid = true;
            } else {
                covered = true;
            }
        }
    });
    if valid {
        IrrStatus::Valid
    } else if covered {
        IrrStatus::Covered
    } else if any {
        IrrStatus::InvalidOrigin
    } else {
        IrrStatus::NotFound
    }
}

/// Route objects that RFC 6811 origin validation finds invalid against
/// these VRPs, with the verdict.
pub fn rpki_invalid_routes(db: &IrrDb, rov: &RovIndex) -> Vec<(RouteRef, RovResult)> {
    let mut out = Vec::new();
    for r in db.all_routes() {
        if origin_state(rov, &r.prefix, Some(r.origin)).0 == RovState::Invalid {
            let res = validate_origin(rov, &r.prefix, Some(r.origin));
            out.push((r, res));
        }
    }
    out
}
