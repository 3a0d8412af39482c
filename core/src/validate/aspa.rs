//! ASPA-based AS_PATH verification, draft-ietf-sidrops-aspa-verification-28.
//!
//! The received AS_PATH is first reduced to the COMPRESSED_AS_PATH of §5.2
//! (consecutive duplicate ASNs, i.e. prepends, collapsed), written
//! `{AS(N), …, AS(1)}` with AS(1) the origin and AS(N) the neighbour (the
//! leftmost AS). Every hop is judged with the hop function
//! `authorized(x, y)` of §5.3 ([`AspaSet::authorized`]), and §5.4 bounds the
//! up-ramp (customer→provider hops climbing from the origin) and the
//! down-ramp (climbing from the neighbour):
//!
//! - `max_up_ramp` = the smallest `I` with `authorized(AS(I), AS(I+1))` =
//!   *Not Provider+*, else `N`; `min_up_ramp` likewise for *No Attestation*
//!   or *Not Provider+*;
//! - `max_down_ramp` = `N − J + 1` for the largest `J` with
//!   `authorized(AS(J), AS(J−1))` = *Not Provider+*, else `N`;
//!   `min_down_ramp` likewise for *No Attestation* or *Not Provider+*.
//!
//! **Upstream** verification (§5.5: route from a customer or lateral peer,
//! by an RS from an RS-client, by an RS-client from an RS): empty path →
//! invalid; the leftmost AS differs from the neighbour AS (not checked at an
//! RS-client, whose transparent RS does not prepend itself, §5.1) → invalid;
//! an AS_SET → invalid; `max_up_ramp < N` → invalid; `min_up_ramp < N` →
//! unknown; else valid. **Downstream** verification (§5.6: route from a
//! provider) has the same first three steps, then `max_up_ramp +
//! max_down_ramp < N` → invalid, `min_up_ramp + min_down_ramp < N` →
//! unknown, else valid. §6.3 picks the algorithm from the BGP role of the
//! session ([`Direction::for_role`]); §6.4 allows the downstream algorithm on a
//! session with a complex relationship, which is why [`verify`] takes the
//! direction explicitly.
//!
//! Confederation segments (AS_CONFED_SEQUENCE, AS_CONFED_SET) are not part of
//! the inter-AS path and are skipped (§6.2 does not recommend verification on
//! confederation-internal sessions); a path made only of them counts as
//! empty.
//!
//! [`verify_upstream`], [`verify_downstream`], [`verdict`] and
//! [`verify_asns`] stream over the path without allocating; [`verify`] also
//! builds an [`Explanation`] (the compressed path, the ramps and the hop that
//! decided).

use std::fmt;
use std::str::FromStr;

use crate::index::aspa::{hop_in, AspaSet, Hop};
pub use crate::model::Role;
use crate::model::{collapse_prepends, AsPath, Asn, Segment, UnknownWord};

/// Which algorithm to apply (draft §5.5 / §5.6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Route received from a customer, a lateral peer, an RS-client (at the
    /// RS) or an RS (at the RS-client): §5.5.
    #[default]
    Upstream,
    /// Route received from a provider: §5.6.
    Downstream,
}

impl Direction {
    /// `upstream` or `downstream`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Upstream => "upstream",
            Direction::Downstream => "downstream",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Direction {
    /// The algorithm the draft prescribes for a session where the verifying
    /// AS has `role` (§5.5, §5.6, §6.3): downstream when it is the
    /// sender's customer ([`Role::Customer`]: the route comes from a
    /// provider), upstream otherwise.
    pub const fn for_role(role: Role) -> Direction {
        match role {
            Role::Customer => Direction::Downstream,
            _ => Direction::Upstream,
        }
    }
}

impl FromStr for Direction {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "upstream" | "up" => Ok(Direction::Upstream),
            "downstream" | "down" => Ok(Direction::Downstream),
            _ => Err(UnknownWord {
                what: "direction",
                input: s.to_string(),
                expected: "upstream or downstream",
            }),
        }
    }
}

/// The outcome of AS_PATH verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AspaVerdict {
    /// Every hop the algorithm needs is attested as customer→provider.
    Valid,
    /// Some hop proves the path impossible (a route leak or a forged path),
    /// or the path is empty, has an AS_SET, or does not start with the
    /// neighbour.
    Invalid,
    /// Not enough ASPAs to decide.
    Unknown,
}

impl AspaVerdict {
    /// `valid`, `invalid` or `unknown`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AspaVerdict::Valid => "valid",
            AspaVerdict::Invalid => "invalid",
            AspaVerdict::Unknown => "unknown",
        }
    }
}

impl fmt::Display for AspaVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AspaVerdict {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "valid" => Ok(AspaVerdict::Valid),
            "invalid" => Ok(AspaVerdict::Invalid),
            "unknown" => Ok(AspaVerdict::Unknown),
            _ => Err(UnknownWord {
                what: "verdict",
                input: s.to_string(),
                expected: "valid, invalid or unknown",
            }),
        }
    }
}

/// What the verifier knows about the session, beyond the direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AspaOptions {
    /// The neighbour (sending) AS. When set, the leftmost AS of the path
    /// must equal it (§5.1, §5.5/§5.6 step 2), except at an RS-client.
    pub neighbor: Option<Asn>,
    /// Our role on the session; only [`Role::RsClient`] changes the
    /// procedure (no neighbour check). The direction is given separately.
    pub role: Option<Role>,
    /// The AS of a *non-transparent* route server the route came through.
    /// When the compressed path starts with it, it is removed before
    /// verification, as the IXP route-server discussion (K. Sriram, 2022,
    /// "method B", draft revision 11) does. Draft-28 keeps the RS AS in the
    /// path (RS-clients list the RS in their ASPAs); leave `None` to follow
    /// it.
    pub route_server: Option<Asn>,
}

/// Why the verdict is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The AS_PATH is empty (step 1).
    EmptyPath,
    /// The leftmost AS is not the neighbour AS (step 2).
    NeighborMismatch,
    /// The AS_PATH contains an AS_SET (step 3).
    AsSet,
    /// Upstream: `max_up_ramp < N` (step 4).
    UpRampTooShort,
    /// Downstream: `max_up_ramp + max_down_ramp < N` (step 4).
    RampsTooShort,
    /// The maximum ramps cover the path but the minimum ones do not: some
    /// hop has no attestation (step 5).
    NoAttestation,
    /// The minimum ramps cover the path (step 6).
    Verified,
}

impl Reason {
    /// `empty-path`, `neighbor-mismatch`, `as-set`, `up-ramp-too-short`,
    /// `ramps-too-short`, `no-attestation` or `verified`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::EmptyPath => "empty-path",
            Reason::NeighborMismatch => "neighbor-mismatch",
            Reason::AsSet => "as-set",
            Reason::UpRampTooShort => "up-ramp-too-short",
            Reason::RampsTooShort => "ramps-too-short",
            Reason::NoAttestation => "no-attestation",
            Reason::Verified => "verified",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a verdict came about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Explanation {
    /// The algorithm applied.
    pub direction: Direction,
    /// The COMPRESSED_AS_PATH, leftmost (neighbour) first; after removing
    /// [`AspaOptions::route_server`] when that applied. Empty when the path
    /// has an AS_SET.
    pub path: Vec<Asn>,
    /// The neighbour AS the path was checked against, if any.
    pub neighbor: Option<Asn>,
    /// `max_up_ramp`; `None` when the procedure stopped before the ramps.
    pub max_up_ramp: Option<usize>,
    /// `min_up_ramp`; `None` when the procedure stopped before the ramps.
    pub min_up_ramp: Option<usize>,
    /// `max_down_ramp`; `None` for upstream verification or when the
    /// procedure stopped before the ramps.
    pub max_down_ramp: Option<usize>,
    /// `min_down_ramp`; like `max_down_ramp`.
    pub min_down_ramp: Option<usize>,
    /// The hop that decided, as `(customer, provider, authorized(customer,
    /// provider))`: the up-ramp hop that ends `max_up_ramp` (invalid) or
    /// `min_up_ramp` (unknown). `None` for a valid path and for step 1–3
    /// verdicts.
    pub deciding: Option<(Asn, Asn, Hop)>,
    /// Downstream only: the down-ramp hop that ends `max_down_ramp`
    /// (invalid) or `min_down_ramp` (unknown).
    pub deciding_down: Option<(Asn, Asn, Hop)>,
    /// Why.
    pub reason: Reason,
}

/// A verdict with its explanation, from [`verify`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AspaResult {
    /// The verdict.
    pub verdict: AspaVerdict,
    /// How it came about.
    pub explanation: Explanation,
}

fn write_hop(f: &mut fmt::Formatter<'_>, h: (Asn, Asn, Hop)) -> fmt::Result {
    write!(f, "{} → {}: {}", h.0, h.1, h.2)
}

impl Explanation {
    /// The path length and the ramps that were computed, as `key=value`
    /// words: `N=3 max_up_ramp=2 min_up_ramp=2` (downstream adds
    /// `max_down_ramp` and `min_down_ramp`); just `N=…` when the procedure
    /// stopped before the ramps.
    pub fn ramps(&self) -> String {
        let mut out = format!("N={}", self.path.len());
        for (name, v) in [
            ("max_up_ramp", self.max_up_ramp),
            ("min_up_ramp", self.min_up_ramp),
            ("max_down_ramp", self.max_down_ramp),
            ("min_down_ramp", self.min_down_ramp),
        ] {
            if let Some(v) = v {
                out.push_str(&format!(" {name}={v}"));
            }
        }
        out
    }
}

impl fmt::Display for AspaResult {
    /// One line, e.g. `invalid: max_up_ramp 2 < path length 3 (hop AS65000 →
    /// AS65020: not-provider+)`; the hop is `customer → provider`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.verdict, self.explanation)
    }
}

impl fmt::Display for Explanation {
    /// Why, in one line: `max_up_ramp 2 < path length 3 (hop AS65000 →
    /// AS65020: not-provider+)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self;
        let n = e.path.len();
        let (mu, nu) = (e.max_up_ramp.unwrap_or(0), e.min_up_ramp.unwrap_or(0));
        let (md, nd) = (e.max_down_ramp.unwrap_or(0), e.min_down_ramp.unwrap_or(0));
        match (e.reason, e.direction) {
            (Reason::EmptyPath, _) => return f.write_str("empty AS path"),
            (Reason::AsSet, _) => return f.write_str("AS path contains an AS_SET"),
            (Reason::NeighborMismatch, _) => {
                let left = e.path.first().map_or("none".to_string(), Asn::to_string);
                let nb = e.neighbor.map_or("none".to_string(), |a| a.to_string());
                return write!(f, "leftmost AS {left} is not the neighbor {nb}");
            }
            (Reason::UpRampTooShort, _) => write!(f, "max_up_ramp {mu} < path length {n}")?,
            (Reason::RampsTooShort, _) => {
                write!(f, "max_up_ramp {mu} + max_down_ramp {md} < path length {n}")?
            }
            (Reason::NoAttestation, Direction::Upstream) => write!(
                f,
                "max_up_ramp {mu} = path length {n} but min_up_ramp {nu} < {n}"
            )?,
            (Reason::NoAttestation, Direction::Downstream) => write!(
                f,
                "max_up_ramp {mu} + max_down_ramp {md} >= path length {n} but \
                 min_up_ramp {nu} + min_down_ramp {nd} < {n}"
            )?,
            (Reason::Verified, Direction::Upstream) => {
                write!(f, "min_up_ramp {nu} = path length {n}")?
            }
            (Reason::Verified, Direction::Downstream) => write!(
                f,
                "min_up_ramp {nu} + min_down_ramp {nd} >= path length {n}"
            )?,
        }
        match (e.deciding, e.deciding_down) {
            (Some(u), Some(d)) => {
                f.write_str(" (up-ramp hop ")?;
                write_hop(f, u)?;
                f.write_str("; down-ramp hop ")?;
                write_hop(f, d)?;
                f.write_str(")")
            }
            (Some(h), None) | (None, Some(h)) => {
                f.write_str(" (hop ")?;
                write_hop(f, h)?;
                f.write_str(")")
            }
            (None, None) => Ok(()),
        }
    }
}

/// What one pass over a compressed path found. Pairs are numbered `k =
/// 1..N-1` from the left: pair `k` is `(X(k), X(k+1))`, `X(1)` the
/// neighbour. Its up-ramp hop is `authorized(X(k+1), X(k))` (index `I = N −
/// k` of the draft), its down-ramp hop `authorized(X(k), X(k+1))` (index `J
/// = N + 1 − k`).
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    n: usize,
    /// Last pair whose up hop is Not Provider+ (0: none), and the hop.
    up_np: usize,
    up_np_hop: Option<(Asn, Asn)>,
    /// Last pair whose up hop is not Provider+.
    up_na: usize,
    up_na_hop: Option<(Asn, Asn, Hop)>,
    /// First pair whose down hop is Not Provider+.
    down_np: usize,
    down_np_hop: Option<(Asn, Asn)>,
    /// First pair whose down hop is not Provider+.
    down_na: usize,
    down_na_hop: Option<(Asn, Asn, Hop)>,
    /// Upstream early exit taken: an up hop is Not Provider+.
    stopped: bool,
}

impl Scan {
    fn max_up(&self) -> usize {
        if self.up_np == 0 {
            self.n
        } else {
            self.n - self.up_np
        }
    }
    fn min_up(&self) -> usize {
        if self.up_na == 0 {
            self.n
        } else {
            self.n - self.up_na
        }
    }
    fn max_down(&self) -> usize {
        if self.down_np == 0 {
            self.n
        } else {
            self.down_np
        }
    }
    fn min_down(&self) -> usize {
        if self.down_na == 0 {
            self.n
        } else {
            self.down_na
        }
    }

    fn verdict(&self, direction: Direction) -> AspaVerdict {
        if self.stopped {
            return AspaVerdict::Invalid;
        }
        match direction {
            Direction::Upstream => {
                if self.max_up() < self.n {
                    AspaVerdict::Invalid
                } else if self.min_up() < self.n {
                    AspaVerdict::Unknown
                } else {
                    AspaVerdict::Valid
                }
            }
            Direction::Downstream => {
                if self.max_up() + self.max_down() < self.n {
                    AspaVerdict::Invalid
                } else if self.min_up() + self.min_down() < self.n {
                    AspaVerdict::Unknown
                } else {
                    AspaVerdict::Valid
                }
            }
        }
    }
}

/// One streaming pass over a compressed path (consecutive duplicates must
/// already be gone). `early` stops at the first Not Provider+ up hop, which
/// settles an upstream verdict as invalid.
#[inline]
fn scan(set: &AspaSet, path: impl Iterator<Item = Asn>, direction: Direction, early: bool) -> Scan {
    let down = direction == Direction::Downstream;
    let mut s = Scan::default();
    let mut prev: Option<(Asn, Option<&[Asn]>)> = None;
    for cur in path {
        s.n += 1;
        let cur_list = set.providers(cur);
        if let Some((p, p_list)) = prev {
            let k = s.n - 1;
            // Up hop: customer `cur`, provider `p`.
            let up = match cur_list {
                None => Hop::NoAttestation,
                Some(l) => hop_in(l, p),
            };
            if up != Hop::ProviderPlus {
                s.up_na = k;
                s.up_na_hop = Some((cur, p, up));
                if up == Hop::NotProviderPlus {
                    s.up_np = k;
                    s.up_np_hop = Some((cur, p));
                    if early {
                        s.stopped = true;
                        return s;
                    }
                }
            }
            if down && s.down_np == 0 {
                // Down hop: customer `p`, provider `cur`.
                let dh = match p_list {
                    None => Hop::NoAttestation,
                    Some(l) => hop_in(l, cur),
                };
                if dh != Hop::ProviderPlus {
                    if s.down_na == 0 {
                        s.down_na = k;
                        s.down_na_hop = Some((p, cur, dh));
                    }
                    if dh == Hop::NotProviderPlus {
                        s.down_np = k;
                        s.down_np_hop = Some((p, cur));
                    }
                }
            }
        }
        prev = Some((cur, cur_list));
    }
    s
}

/// The shape of a path before the ramps: whether it has an AS_SET and its
/// leftmost AS (skipping confederation segments).
fn shape(path: &AsPath) -> (bool, Option<Asn>) {
    let mut has_set = false;
    let mut first: Option<Option<Asn>> = None;
    for seg in &path.segments {
        match seg {
            Segment::Sequence(v) => {
                if first.is_none() && !v.is_empty() {
                    first = Some(v.first().copied());
                }
            }
            Segment::Set(v) => {
                has_set = true;
                if first.is_none() && !v.is_empty() {
                    // No single most recently added AS.
                    first = Some(None);
                }
            }
            Segment::ConfedSequence(_) | Segment::ConfedSet(_) => {}
        }
    }
    (has_set, first.flatten())
}

/// Steps 1–3 of §5.5/§5.6 on a path whose leftmost AS, emptiness and AS_SET
/// presence are known. `Some(reason)` when the procedure halts there.
fn precheck(
    empty: bool,
    has_set: bool,
    leftmost: Option<Asn>,
    opts: &AspaOptions,
) -> Option<Reason> {
    if empty {
        return Some(Reason::EmptyPath);
    }
    if let Some(nb) = opts.neighbor {
        if opts.role != Some(Role::RsClient) && leftmost.is_some_and(|l| l != nb) {
            return Some(Reason::NeighborMismatch);
        }
    }
    if has_set {
        return Some(Reason::AsSet);
    }
    None
}

/// Upstream verification (§5.5) of a path received from a customer or a
/// lateral peer, without a neighbour check. Allocation-free.
///
/// ```
/// use routeguard::{AsPath, Asn, Aspa};
/// use routeguard::index::aspa::AspaSet;
/// use routeguard::validate::aspa::{verify_upstream, AspaVerdict};
/// // 64500's provider is 64510, whose provider is 64520.
/// let set = AspaSet::new(&[
///     Aspa::new(Asn::new(64500), vec![Asn::new(64510)]),
///     Aspa::new(Asn::new(64510), vec![Asn::new(64520)]),
/// ]);
/// let up = |p: &str| verify_upstream(&set, &AsPath::parse(p).unwrap());
/// assert_eq!(up("64520 64510 64500"), AspaVerdict::Valid);
/// assert_eq!(up("64520 64510 64510 64500"), AspaVerdict::Valid); // prepends collapse
/// assert_eq!(up("64530 64500"), AspaVerdict::Invalid); // 64530 is no provider of 64500
/// assert_eq!(up("64500 64540"), AspaVerdict::Unknown); // 64540 has no ASPA
/// assert_eq!(up(""), AspaVerdict::Invalid);
/// assert_eq!(up("64510 {64500,64501}"), AspaVerdict::Invalid);
/// ```
pub fn verify_upstream(set: &AspaSet, path: &AsPath) -> AspaVerdict {
    verdict(set, path, Direction::Upstream, &AspaOptions::default())
}

/// Downstream verification (§5.6) of a path received from a provider,
/// without a neighbour check. Allocation-free.
///
/// ```
/// use routeguard::{AsPath, Asn, Aspa};
/// use routeguard::index::aspa::AspaSet;
/// use routeguard::validate::aspa::{verify_downstream, AspaVerdict};
/// // 64500 → 64510 (up), then down from 64510 to its customer 64501.
/// let set = AspaSet::new(&[
///     Aspa::new(Asn::new(64500), vec![Asn::new(64510)]),
///     Aspa::new(Asn::new(64501), vec![Asn::new(64510)]),
/// ]);
/// let path = AsPath::parse("64510 64500").unwrap();
/// assert_eq!(verify_downstream(&set, &path), AspaVerdict::Valid);
/// ```
pub fn verify_downstream(set: &AspaSet, path: &AsPath) -> AspaVerdict {
    verdict(set, path, Direction::Downstream, &AspaOptions::default())
}

/// The verdict of [`verify`] without the explanation. Allocation-free.
pub fn verdict(
    set: &AspaSet,
    path: &AsPath,
    direction: Direction,
    opts: &AspaOptions,
) -> AspaVerdict {
    let (has_set, leftmost) = shape(path);
    let rs = opts.route_server;
    let strip = rs.is_some() && leftmost == rs;
    let mut it = path.compressed_asns().peekable();
    if strip {
        // `leftmost` is the first compressed AS; drop it for the ramps. The
        // neighbour check still looks at the path as received.
        it.next();
    }
    let empty = it.peek().is_none() && !has_set;
    if precheck(empty, has_set, leftmost, opts).is_some() {
        return AspaVerdict::Invalid;
    }
    let early = direction == Direction::Upstream;
    scan(set, it, direction, early).verdict(direction)
}

/// Verifies a plain AS sequence (leftmost = neighbour first, no AS_SET),
/// collapsing prepends, without a neighbour check. Allocation-free; an empty
/// slice is invalid.
///
/// ```
/// use routeguard::{Asn, Aspa};
/// use routeguard::index::aspa::AspaSet;
/// use routeguard::validate::aspa::{verify_asns, AspaVerdict, Direction};
/// let set = AspaSet::new(&[Aspa::new(Asn::new(64500), vec![Asn::new(64510)])]);
/// let path = [Asn::new(64510), Asn::new(64500), Asn::new(64500)];
/// assert_eq!(verify_asns(&set, &path, Direction::Upstream), AspaVerdict::Valid);
/// ```
pub fn verify_asns(set: &AspaSet, asns: &[Asn], direction: Direction) -> AspaVerdict {
    if asns.is_empty() {
        return AspaVerdict::Invalid;
    }
    let early = direction == Direction::Upstream;
    scan(
        set,
        collapse_prepends(asns.iter().copied()),
        direction,
        early,
    )
    .verdict(direction)
}

/// Verifies a path in the given direction with the session's options and
/// explains the verdict (draft §5.4–§5.6).
///
/// ```
/// use routeguard::{AsPath, Asn, Aspa};
/// use routeguard::index::aspa::{AspaSet, Hop};
/// use routeguard::validate::aspa::{verify, AspaOptions, AspaVerdict, Direction, Reason};
/// // Table 1 #2 of the NIST examples: G receives D C A from its customer D.
/// let (a, c, d, f, g) = (Asn::new(65000), Asn::new(65020), Asn::new(65030), Asn::new(65050), Asn::new(65060));
/// let set = AspaSet::new(&[
///     Aspa::new(a, vec![c, d]),
///     Aspa::new(c, vec![f]),
///     Aspa::new(d, vec![f, g]),
///     Aspa::new(g, vec![Asn::ZERO]),
/// ]);
/// let opts = AspaOptions { neighbor: Some(d), ..Default::default() };
/// let r = verify(&set, &AsPath::from_sequence(vec![d, c, a]), Direction::Upstream, &opts);
/// assert_eq!(r.verdict, AspaVerdict::Invalid);
/// assert_eq!(r.explanation.reason, Reason::UpRampTooShort);
/// assert_eq!((r.explanation.max_up_ramp, r.explanation.min_up_ramp), (Some(2), Some(2)));
/// assert_eq!(r.explanation.deciding, Some((c, d, Hop::NotProviderPlus)));
/// assert_eq!(
///     r.to_string(),
///     "invalid: max_up_ramp 2 < path length 3 (hop AS65020 → AS65030: not-provider+)"
/// );
/// ```
pub fn verify(
    set: &AspaSet,
    path: &AsPath,
    direction: Direction,
    opts: &AspaOptions,
) -> AspaResult {
    let (has_set, leftmost) = shape(path);
    let mut asns: Vec<Asn> = if has_set {
        Vec::new()
    } else {
        path.compressed_asns().collect()
    };
    // A non-transparent route server's AS is removed for the ramps only;
    // the neighbour check looks at the path as received (§5.1).
    let stripped =
        (opts.route_server.is_some() && leftmost == opts.route_server && !asns.is_empty())
            .then(|| asns.remove(0));
    let empty = asns.is_empty() && !has_set;
    let mut e = Explanation {
        direction,
        path: Vec::new(),
        neighbor: opts.neighbor,
        max_up_ramp: None,
        min_up_ramp: None,
        max_down_ramp: None,
        min_down_ramp: None,
        deciding: None,
        deciding_down: None,
        reason: Reason::Verified,
    };
    if let Some(reason) = precheck(empty, has_set, leftmost, opts) {
        if let (Reason::NeighborMismatch, Some(rs)) = (reason, stripped) {
            asns.insert(0, rs);
        }
        e.reason = reason;
        e.path = asns;
        return AspaResult {
            verdict: AspaVerdict::Invalid,
            explanation: e,
        };
    }
    let s = scan(set, asns.iter().copied(), direction, false);
    let verdict = s.verdict(direction);
    e.max_up_ramp = Some(s.max_up());
    e.min_up_ramp = Some(s.min_up());
    if direction == Direction::Downstream {
        e.max_down_ramp = Some(s.max_down());
        e.min_down_ramp = Some(s.min_down());
    }
    let np = |h: Option<(Asn, Asn)>| h.map(|(c, p)| (c, p, Hop::NotProviderPlus));
    match (verdict, direction) {
        (AspaVerdict::Invalid, Direction::Upstream) => {
            e.reason = Reason::UpRampTooShort;
            e.deciding = np(s.up_np_hop);
        }
        (AspaVerdict::Invalid, Direction::Downstream) => {
            e.reason = Reason::RampsTooShort;
            e.deciding = np(s.up_np_hop);
            e.deciding_down = np(s.down_np_hop);
        }
        (AspaVerdict::Unknown, Direction::Upstream) => {
            e.reason = Reason::NoAttestation;
            e.deciding = s.up_na_hop;
        }
        (AspaVerdict::Unknown, Direction::Downstream) => {
            e.reason = Reason::NoAttestation;
            e.deciding = s.up_na_hop;
            e.deciding_down = s.down_na_hop;
        }
        (AspaVerdict::Valid, _) => e.reason = Reason::Verified,
    }
    e.path = asns;
    AspaResult {
        verdict,
        explanation: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Aspa;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    fn set() -> AspaSet {
        AspaSet::new(&[
            Aspa::new(a(1), vec![a(2)]),
            Aspa::new(a(2), vec![a(3)]),
            Aspa::new(a(9), vec![a(0)]),
        ])
    }

    #[test]
    fn words() {
        for d in [Direction::Upstream, Direction::Downstream] {
            assert_eq!(d.as_str().parse::<Direction>(), Ok(d));
        }
        for v in [
            AspaVerdict::Valid,
            AspaVerdict::Invalid,
            AspaVerdict::Unknown,
        ] {
            assert_eq!(v.to_string().parse::<AspaVerdict>(), Ok(v));
        }
        for r in [
            Role::Provider,
            Role::Customer,
            Role::Peer,
            Role::RouteServer,
            Role::RsClient,
        ] {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert_eq!(Direction::for_role(Role::Customer), Direction::Downstream);
        assert_eq!(Direction::for_role(Role::RsClient), Direction::Upstream);
        assert!("sideways".parse::<Direction>().is_err());
        assert!("sibling".parse::<Role>().is_err());
    }

    #[test]
    fn steps_one_to_three() {
        let s = set();
        let opts = AspaOptions {
            neighbor: Some(a(3)),
            ..Default::default()
        };
        let r = verify(&s, &AsPath::default(), Direction::Upstream, &opts);
        assert_eq!(
            (r.verdict, r.explanation.reason),
            (AspaVerdict::Invalid, Reason::EmptyPath)
        );
        assert_eq!(r.to_string(), "invalid: empty AS path");
        let p = AsPath::parse("5 3 2 1").unwrap();
        let r = verify(&s, &p, Direction::Upstream, &opts);
        assert_eq!(r.explanation.reason, Reason::NeighborMismatch);
        assert_eq!(
            r.to_string(),
            "invalid: leftmost AS AS5 is not the neighbor AS3"
        );
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &opts),
            AspaVerdict::Invalid
        );
        // RS-client: no neighbour check.
        let rs = AspaOptions {
            role: Some(Role::RsClient),
            ..opts
        };
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &rs),
            AspaVerdict::Unknown
        );
        let p = AsPath::parse("3 {2,1}").unwrap();
        let r = verify(&s, &p, Direction::Downstream, &opts);
        assert_eq!(r.explanation.reason, Reason::AsSet);
        assert_eq!(
            verdict(&s, &p, Direction::Downstream, &opts),
            AspaVerdict::Invalid
        );
        // Only confederation segments: empty.
        let p = AsPath::parse("(65001 65002)").unwrap();
        assert_eq!(verify_upstream(&s, &p), AspaVerdict::Invalid);
        // Confederation segments are skipped.
        let p = AsPath::parse("(65001) 3 2 1").unwrap();
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &opts),
            AspaVerdict::Valid
        );
    }

    #[test]
    fn route_server_strip() {
        let s = set();
        let p = AsPath::parse("7 3 2 1").unwrap();
        assert_eq!(verify_upstream(&s, &p), AspaVerdict::Unknown);
        let opts = AspaOptions {
            neighbor: Some(a(7)),
            role: Some(Role::RsClient),
            route_server: Some(a(7)),
        };
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &opts),
            AspaVerdict::Valid
        );
        let r = verify(&s, &p, Direction::Upstream, &opts);
        assert_eq!(r.verdict, AspaVerdict::Valid);
        assert_eq!(r.explanation.path, vec![a(3), a(2), a(1)]);
        assert_eq!(r.to_string(), "valid: min_up_ramp 3 = path length 3");
        // Only the RS: empty after stripping.
        let p = AsPath::parse("7 7").unwrap();
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &opts),
            AspaVerdict::Invalid
        );
        assert_eq!(
            verify(&s, &p, Direction::Upstream, &opts)
                .explanation
                .reason,
            Reason::EmptyPath
        );
        // Not at an RS-client: the neighbour check sees the path as
        // received, so the route server itself is the neighbour.
        let p = AsPath::parse("7 3 2 1").unwrap();
        let at_peer = AspaOptions {
            neighbor: Some(a(7)),
            role: None,
            route_server: Some(a(7)),
        };
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &at_peer),
            AspaVerdict::Valid
        );
        assert_eq!(
            verify(&s, &p, Direction::Upstream, &at_peer).verdict,
            AspaVerdict::Valid
        );
        let other = AspaOptions {
            neighbor: Some(a(3)),
            ..at_peer
        };
        assert_eq!(
            verdict(&s, &p, Direction::Upstream, &other),
            AspaVerdict::Invalid
        );
        let r = verify(&s, &p, Direction::Upstream, &other);
        assert_eq!(r.explanation.reason, Reason::NeighborMismatch);
        assert_eq!(r.explanation.path, vec![a(7), a(3), a(2), a(1)]);
        assert_eq!(
            r.to_string(),
            "invalid: leftmost AS AS7 is not the neighbor AS3"
        );
    }

    #[test]
    fn explanations() {
        let s = set();
        let r = verify(
            &s,
            &AsPath::parse("8 2 1").unwrap(),
            Direction::Upstream,
            &AspaOptions::default(),
        );
        assert_eq!(r.verdict, AspaVerdict::Invalid);
        assert_eq!(
            r.explanation.deciding,
            Some((a(2), a(8), Hop::NotProviderPlus))
        );
        let r = verify(
            &s,
            &AsPath::parse("5 3 2 1").unwrap(),
            Direction::Upstream,
            &AspaOptions::default(),
        );
        assert_eq!(r.verdict, AspaVerdict::Unknown);
        assert_eq!(
            r.explanation.deciding,
            Some((a(3), a(5), Hop::NoAttestation))
        );
        assert_eq!(
            r.to_string(),
            "unknown: max_up_ramp 4 = path length 4 but min_up_ramp 3 < 4 (hop AS3 → AS5: no-attestation)"
        );
        // Downstream, 9 (AS0 ASPA) in the middle with both sides attested.
        let r = verify(
            &s,
            &AsPath::parse("1 9 1").unwrap(),
            Direction::Downstream,
            &AspaOptions::default(),
        );
        assert_eq!(r.verdict, AspaVerdict::Invalid);
        assert_eq!(r.explanation.reason, Reason::RampsTooShort);
        assert!(r.to_string().starts_with(
            "invalid: max_up_ramp 1 + max_down_ramp 1 < path length 3 (up-ramp hop AS1 → AS9"
        ));
    }
}
