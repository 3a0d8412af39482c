//! Route-leak detection: valley-free checks of AS paths against inferred AS
//! relationships (RFC 7908 leak types 1–4), and the RFC 9234 BGP Role /
//! Only-to-Customer (OTC) ingress and egress rules (RFC 9234 §5).
//!
//! # Valley-free paths
//!
//! Read from the origin toward the receiver, a route may climb customer →
//! provider links, cross at most one peer link, then only descend provider →
//! customer links (`c2p* p2p? p2c*`). Equivalently: no AS may send a route
//! it learned from a provider or a peer to a provider or a peer. Every such
//! AS is a leaker, and the two relations give the RFC 7908 §3 type:
//!
//! | learned from | sent to  | type |
//! |---|---|---|
//! | provider | provider | 1, hairpin turn ([`LeakType::HairpinTurn`]) |
//! | peer     | peer     | 2, lateral ISP-ISP-ISP ([`LeakType::LateralIspIspIsp`]) |
//! | provider | peer     | 3, transit-provider prefixes to a peer ([`LeakType::ProviderToPeer`]) |
//! | peer     | provider | 4, peer prefixes to a provider ([`LeakType::PeerToProvider`]) |
//!
//! Types 5 (re-origination) and 6 (internal or more-specific prefixes) are
//! not visible in a path and relationships, and are not detected.
//!
//! The check works on the prepend-compressed path (consecutive repeats of an
//! AS collapse to one). Confederation segments (RFC 5065) are dropped: they
//! are internal to the confederation, which appears to its neighbours as one
//! AS. An AS_SET with one member stands for that member. An AS_SET with
//! several members has no order, so the relations across it are unknown: the
//! ASes around it can still be proved leakers or proved innocent (a route
//! sent to a customer is never a leak), otherwise the verdict is `unknown`.
//!
//! With a `receiver` (the AS that received the path from its leftmost AS),
//! the leftmost AS is judged too: it learned the route from its right
//! neighbour and sent it to the receiver. Without one, only ASes with a
//! neighbour on both sides are judged. A receiver equal to the leftmost AS
//! adds nothing (the path already ends at the receiver).
//!
//! Verdicts: [`LeakState::Leak`] when some AS is proved a leaker;
//! [`LeakState::Unknown`] when none is, but some AS could be one because a
//! relation needed to judge it is missing from the data (or crosses an
//! AS_SET); [`LeakState::Ok`] otherwise. An empty path, or a path of one
//! or two ASes without a receiver, is `ok`.
//!
//! ```
//! use routeguard::parse::asrel::parse_as_rel;
//! use routeguard::index::asrel::AsRelations;
//! use routeguard::validate::leak::{detect_leaks, leak_state, LeakState, LeakType};
//! use routeguard::{AsPath, Asn};
//! // 64501 is a customer of both 64500 and 64502.
//! let rel = AsRelations::new(&parse_as_rel("64500|64501|-1\n64502|64501|-1\n").unwrap());
//! let path = AsPath::parse("64500 64501 64501 64502").unwrap();
//! assert_eq!(leak_state(&rel, &path, None), LeakState::Leak);
//! let r = detect_leaks(&rel, &path, None);
//! assert_eq!(r.leaks[0].leaker, Asn::new(64501));
//! assert_eq!(r.leaks[0].kind, LeakType::HairpinTurn);
//! assert_eq!(r.leaks[0].kind.number(), 1);
//! ```

use std::fmt;
use std::str::FromStr;

use crate::index::asrel::{AsRelations, Relation};
pub use crate::model::Role;
use crate::model::{collapse_prepends, AsPath, Asn, CollapsePrepends, Segment, UnknownWord};

/// The RFC 7908 §3 route-leak types that a path and relationships reveal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeakType {
    /// Type 1: learned from a provider, sent to a provider.
    HairpinTurn,
    /// Type 2: learned from a peer, sent to a peer.
    LateralIspIspIsp,
    /// Type 3: learned from a provider, sent to a peer.
    ProviderToPeer,
    /// Type 4: learned from a peer, sent to a provider.
    PeerToProvider,
}

impl LeakType {
    /// Every type, in RFC order.
    pub const ALL: [LeakType; 4] = [
        LeakType::HairpinTurn,
        LeakType::LateralIspIspIsp,
        LeakType::ProviderToPeer,
        LeakType::PeerToProvider,
    ];

    /// The RFC 7908 type number, 1–4.
    pub fn number(self) -> u8 {
        match self {
            LeakType::HairpinTurn => 1,
            LeakType::LateralIspIspIsp => 2,
            LeakType::ProviderToPeer => 3,
            LeakType::PeerToProvider => 4,
        }
    }

    /// `hairpin-turn`, `lateral-isp-isp-isp`, `provider-to-peer`,
    /// `peer-to-provider`.
    pub fn as_str(self) -> &'static str {
        match self {
            LeakType::HairpinTurn => "hairpin-turn",
            LeakType::LateralIspIspIsp => "lateral-isp-isp-isp",
            LeakType::ProviderToPeer => "provider-to-peer",
            LeakType::PeerToProvider => "peer-to-provider",
        }
    }

    /// The type of a leak by what the leaker learned the route from and
    /// sent it to; `None` when that is no leak (either side a customer).
    pub fn classify(learned_from: Relation, sent_to: Relation) -> Option<LeakType> {
        match (learned_from, sent_to) {
            (Relation::Provider, Relation::Provider) => Some(LeakType::HairpinTurn),
            (Relation::Peer, Relation::Peer) => Some(LeakType::LateralIspIspIsp),
            (Relation::Provider, Relation::Peer) => Some(LeakType::ProviderToPeer),
            (Relation::Peer, Relation::Provider) => Some(LeakType::PeerToProvider),
            _ => None,
        }
    }
}

impl fmt::Display for LeakType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LeakType {
    type Err = UnknownWord;
    /// Accepts the [`LeakType::as_str`] words and the numbers `1`–`4`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        LeakType::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t) || k.number().to_string() == t)
            .ok_or_else(|| UnknownWord {
                what: "leak type",
                input: s.to_owned(),
                expected:
                    "hairpin-turn, lateral-isp-isp-isp, provider-to-peer, peer-to-provider or 1-4",
            })
    }
}

/// The verdict on one path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeakState {
    /// No AS on the path leaked the route, as far as the relations show.
    #[default]
    Ok,
    /// Some AS is proved to have leaked it.
    Leak,
    /// No leak proved, but a relation needed to rule one out is missing.
    Unknown,
}

impl LeakState {
    /// Every state.
    pub const ALL: [LeakState; 3] = [LeakState::Ok, LeakState::Leak, LeakState::Unknown];

    /// `ok`, `leak`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            LeakState::Ok => "ok",
            LeakState::Leak => "leak",
            LeakState::Unknown => "unknown",
        }
    }
}

impl fmt::Display for LeakState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LeakState {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        LeakState::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownWord {
                what: "leak state",
                input: s.to_owned(),
                expected: "ok, leak or unknown",
            })
    }
}

/// One AS proved to have leaked the route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Leak {
    /// The AS that leaked.
    pub leaker: Asn,
    /// The RFC 7908 type.
    pub kind: LeakType,
    /// The neighbour it learned the route from (its right neighbour).
    pub learned_from: Asn,
    /// The neighbour it sent the route to (its left neighbour, or the
    /// receiver).
    pub sent_to: Asn,
}

impl fmt::Display for Leak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (from, to) = match self.kind {
            LeakType::HairpinTurn => ("provider", "provider"),
            LeakType::LateralIspIspIsp => ("peer", "peer"),
            LeakType::ProviderToPeer => ("provider", "peer"),
            LeakType::PeerToProvider => ("peer", "provider"),
        };
        write!(
            f,
            "{} sent a route learned from {from} {} to {to} {} (RFC 7908 type {}, {})",
            self.leaker,
            self.learned_from,
            self.sent_to,
            self.kind.number(),
            self.kind
        )
    }
}

/// The full verdict of [`detect_leaks`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeakResult {
    /// The verdict (the same as [`leak_state`]'s).
    pub state: LeakState,
    /// Every proved leak, from the leftmost leaker to the rightmost.
    pub leaks: Vec<Leak>,
    /// The adjacent AS pairs (left AS first) whose relation was needed and
    /// is missing from the data, left to right, each once. Pairs across a
    /// multi-member AS_SET are not listed (there is no pair to look up).
    pub missing: Vec<(Asn, Asn)>,
    /// Whether a multi-member AS_SET left some AS undecided.
    pub set_undecided: bool,
}

impl fmt::Display for LeakResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.state.as_str())?;
        if !self.leaks.is_empty() {
            f.write_str(":")?;
            for (i, l) in self.leaks.iter().enumerate() {
                f.write_str(if i == 0 { " " } else { "; " })?;
                write!(f, "{l}")?;
            }
        } else if self.state == LeakState::Unknown {
            f.write_str(": no relation for")?;
            for (i, (a, b)) in self.missing.iter().enumerate() {
                f.write_str(if i == 0 { " " } else { ", " })?;
                write!(f, "{a}-{b}")?;
            }
            if self.set_undecided {
                f.write_str(if self.missing.is_empty() {
                    " links across an AS_SET"
                } else {
                    " and links across an AS_SET"
                })?;
            }
        }
        Ok(())
    }
}

/// One element of the compressed path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    As(Asn),
    /// A multi-member AS_SET.
    Set,
}

/// What the next element is to the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Known(Relation),
    /// Two ASes the data does not relate.
    Missing,
    /// A link to or from a multi-member AS_SET.
    Set,
}

impl Link {
    #[inline]
    fn reverse(self) -> Link {
        match self {
            Link::Known(r) => Link::Known(r.reverse()),
            other => other,
        }
    }

    /// Whether the far end may be a provider or peer (known or not).
    #[inline]
    fn may_be_upward(self) -> bool {
        !matches!(self, Link::Known(Relation::Customer))
    }
}

/// The elements of a path, leftmost first, before prepend compression
/// (see [`tokens`]), without allocating.
struct RawTokens<'a> {
    segs: std::slice::Iter<'a, Segment>,
    cur: std::slice::Iter<'a, Asn>,
}

/// The elements of a path, leftmost first, prepends collapsed.
fn tokens(path: &AsPath) -> CollapsePrepends<RawTokens<'_>> {
    collapse_prepends(RawTokens {
        segs: path.segments.iter(),
        cur: [].iter(),
    })
}

impl Iterator for RawTokens<'_> {
    type Item = Tok;
    fn next(&mut self) -> Option<Tok> {
        loop {
            if let Some(a) = self.cur.next() {
                return Some(Tok::As(*a));
            }
            match self.segs.next()? {
                Segment::Sequence(v) => self.cur = v.iter(),
                Segment::Set(v) => match v.as_slice() {
                    [] => {}
                    [one] => return Some(Tok::As(*one)),
                    _ => return Some(Tok::Set),
                },
                Segment::ConfedSequence(_) | Segment::ConfedSet(_) => {}
            }
        }
    }
}

/// Prepend-compressed plain ASNs.
fn seq_tokens(asns: &[Asn]) -> impl Iterator<Item = Tok> + '_ {
    collapse_prepends(asns.iter().map(|&a| Tok::As(a)))
}

#[inline]
fn link(rel: &AsRelations, a: Tok, b: Tok) -> Link {
    match (a, b) {
        (Tok::As(a), Tok::As(b)) => rel.relationship(a, b).map_or(Link::Missing, Link::Known),
        _ => Link::Set,
    }
}

/// One judged AS: its neighbours and the links to them as seen from it.
#[derive(Clone, Copy, Debug)]
struct Triple {
    left: Tok,
    mid: Tok,
    right: Tok,
    /// What `left` (the AS it sent to) is to `mid`.
    sent: Link,
    /// What `right` (the AS it learned from) is to `mid`.
    learned: Link,
}

enum Judged {
    Fine,
    Leak(LeakType),
    Undecided,
}

impl Triple {
    #[inline]
    fn judge(&self) -> Judged {
        match (self.learned, self.sent) {
            (Link::Known(l), Link::Known(s)) => match LeakType::classify(l, s) {
                Some(k) => Judged::Leak(k),
                None => Judged::Fine,
            },
            (l, s) if l.may_be_upward() && s.may_be_upward() => Judged::Undecided,
            _ => Judged::Fine,
        }
    }
}

/// Walks the judged ASes left to right; `visit` returns `false` to stop.
#[inline]
fn walk(
    rel: &AsRelations,
    tokens: impl Iterator<Item = Tok>,
    receiver: Option<Asn>,
    mut visit: impl FnMut(&Triple) -> bool,
) {
    let mut tokens = tokens.peekable();
    let first = tokens.peek().copied();
    let mut prev: Option<Tok> = match (receiver, first) {
        (Some(r), Some(f)) if f != Tok::As(r) => Some(Tok::As(r)),
        _ => None,
    };
    let mut prev2: Option<(Tok, Link)> = None;
    for t in tokens {
        if let Some(p) = prev {
            let l = link(rel, p, t);
            if let Some((pp, pl)) = prev2 {
                let tr = Triple {
                    left: pp,
                    mid: p,
                    right: t,
                    sent: pl.reverse(),
                    learned: l,
                };
                if !visit(&tr) {
                    return;
                }
            }
            prev2 = Some((p, l));
        }
        prev = Some(t);
    }
}

fn state_of(
    rel: &AsRelations,
    tokens: impl Iterator<Item = Tok>,
    receiver: Option<Asn>,
) -> LeakState {
    let mut state = LeakState::Ok;
    walk(rel, tokens, receiver, |t| match t.judge() {
        Judged::Leak(_) => {
            state = LeakState::Leak;
            false
        }
        Judged::Undecided => {
            state = LeakState::Unknown;
            true
        }
        Judged::Fine => true,
    });
    state
}

/// The verdict on a path, fast and without allocating (the same verdict
/// as [`detect_leaks`]). `receiver`: the AS that received the path from its
/// leftmost AS, if known (see the module documentation).
#[inline]
pub fn leak_state(rel: &AsRelations, path: &AsPath, receiver: Option<Asn>) -> LeakState {
    match path.segments.as_slice() {
        [Segment::Sequence(v)] => state_of(rel, seq_tokens(v), receiver),
        _ => state_of(rel, tokens(path), receiver),
    }
}

/// [`leak_state`] on a plain AS_SEQUENCE given as ASNs, leftmost first
/// (prepends are compressed here), for callers that parse paths into a
/// reused buffer.
#[inline]
pub fn leak_state_sequence(rel: &AsRelations, asns: &[Asn], receiver: Option<Asn>) -> LeakState {
    state_of(rel, seq_tokens(asns), receiver)
}

/// Every leak on a path, with the missing relations (see the module
/// documentation for the rules).
pub fn detect_leaks(rel: &AsRelations, path: &AsPath, receiver: Option<Asn>) -> LeakResult {
    let mut out = LeakResult::default();
    let note = |out: &mut LeakResult, a: Tok, b: Tok, l: Link| match (a, b, l) {
        (Tok::As(a), Tok::As(b), Link::Missing) if !out.missing.contains(&(a, b)) => {
            out.missing.push((a, b));
        }
        (_, _, Link::Set) => out.set_undecided = true,
        _ => {}
    };
    walk(rel, tokens(path), receiver, |t| {
        match t.judge() {
            Judged::Leak(kind) => {
                if let (Tok::As(leaker), Tok::As(sent_to), Tok::As(learned_from)) =
                    (t.mid, t.left, t.right)
                {
                    out.leaks.push(Leak {
                        leaker,
                        kind,
                        learned_from,
                        sent_to,
                    });
                }
            }
            Judged::Undecided => {
                note(&mut out, t.left, t.mid, t.sent);
                note(&mut out, t.mid, t.right, t.learned);
            }
            Judged::Fine => {}
        }
        true
    });
    out.state = if !out.leaks.is_empty() {
        LeakState::Leak
    } else if !out.missing.is_empty() || out.set_undecided {
        LeakState::Unknown
    } else {
        LeakState::Ok
    };
    out
}

/// The outcome of an RFC 9234 §5 OTC procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OtcVerdict {
    /// Ingress: the route is a leak and ineligible for selection. Egress:
    /// the route must not be sent.
    pub leak: bool,
    /// The OTC the route carries afterwards (ingress: as stored; egress:
    /// as advertised). Set once, it is never changed.
    pub otc: Option<Asn>,
}

/// RFC 9234 §5 ingress procedure, on a route received over a session where
/// the local role is `local_role` from neighbour `remote_as`, carrying OTC
/// `otc`:
/// 1. with OTC, from a Customer or an RS-Client (local role provider or
///    rs): a leak;
/// 2. with OTC, from a Peer, and the OTC is not the peer's AS: a leak;
/// 3. without OTC, from a Provider, a Peer or an RS (local role customer,
///    peer or rs-client): OTC is added with the value `remote_as`.
pub fn otc_ingress(local_role: Role, remote_as: Asn, otc: Option<Asn>) -> OtcVerdict {
    match (local_role, otc) {
        (Role::Provider | Role::RouteServer, Some(o)) => OtcVerdict {
            leak: true,
            otc: Some(o),
        },
        (Role::Peer, Some(o)) => OtcVerdict {
            leak: o != remote_as,
            otc: Some(o),
        },
        (Role::Customer | Role::Peer | Role::RsClient, None) => OtcVerdict {
            leak: false,
            otc: Some(remote_as),
        },
        (_, otc) => OtcVerdict { leak: false, otc },
    }
}

/// RFC 9234 §5 egress procedure, on a route about to be advertised by
/// `local_as` over a session where its role is `local_role`:
/// 1. to a Customer, a Peer or an RS-Client (local role provider, peer or
///    rs) without OTC: OTC is added with the value `local_as`;
/// 2. with OTC, to a Provider, a Peer or an RS (local role customer, peer
///    or rs-client): it must not be sent (`leak: true`).
pub fn otc_egress(local_role: Role, local_as: Asn, otc: Option<Asn>) -> OtcVerdict {
    match (local_role, otc) {
        (Role::Customer | Role::Peer | Role::RsClient, Some(o)) => OtcVerdict {
            leak: true,
            otc: Some(o),
        },
        (Role::Provider | Role::Peer | Role::RouteServer, None) => OtcVerdict {
            leak: false,
            otc: Some(local_as),
        },
        (_, otc) => OtcVerdict { leak: false, otc },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::asrel::AsRel;
    use proptest::prelude::*;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    /// 1 and 2 are peers (tier 1); 10 is a customer of 1, 20 of 2;
    /// 100 a customer of 10 and of 20; 30 a peer of 10.
    fn topo() -> AsRelations {
        AsRelations::from_records(&[
            AsRel::p2p(a(1), a(2)),
            AsRel::p2c(a(1), a(10)),
            AsRel::p2c(a(2), a(20)),
            AsRel::p2c(a(10), a(100)),
            AsRel::p2c(a(20), a(100)),
            AsRel::p2p(a(10), a(30)),
            AsRel::p2p(a(20), a(30)),
        ])
    }

    fn check(path: &str, recv: Option<u32>) -> LeakResult {
        let rel = topo();
        let p = AsPath::parse(path).unwrap();
        let r = detect_leaks(&rel, &p, recv.map(a));
        assert_eq!(leak_state(&rel, &p, recv.map(a)), r.state, "{path}");
        if p.segments.iter().all(|s| matches!(s, Segment::Sequence(_))) {
            let flat: Vec<Asn> = p
                .segments
                .iter()
                .flat_map(|s| match s {
                    Segment::Sequence(v) => v.clone(),
                    _ => vec![],
                })
                .collect();
            assert_eq!(leak_state_sequence(&rel, &flat, recv.map(a)), r.state);
        }
        r
    }

    #[test]
    fn valley_free_paths_are_ok() {
        for p in [
            "10 100",
            "1 10 100",
            "2 1 10 100",
            "20 2 1 10 100",
            "30 10 100",
            "",
            "100",
        ] {
            let r = check(p, None);
            assert_eq!(r.state, LeakState::Ok, "{p}: {r}");
            assert!(r.leaks.is_empty() && r.missing.is_empty());
        }
        assert_eq!(check("10 100", Some(1)).state, LeakState::Ok);
        assert_eq!(check("10 100", Some(10)).state, LeakState::Ok);
    }

    #[test]
    fn the_four_types() {
        // 100 learned from provider 10, sent to provider 20.
        let r = check("20 100 10 1", None);
        assert_eq!(r.state, LeakState::Leak);
        assert_eq!(
            r.leaks,
            vec![Leak {
                leaker: a(100),
                kind: LeakType::HairpinTurn,
                learned_from: a(10),
                sent_to: a(20)
            }]
        );
        assert!(r.to_string().contains("type 1"), "{r}");
        // 30 learned from peer 10, sent to peer 20.
        let r = check("20 30 10 100", None);
        assert_eq!(r.leaks[0].leaker, a(30));
        assert_eq!(r.leaks[0].kind, LeakType::LateralIspIspIsp);
        let r = check("30 10 1 2", None);
        assert_eq!(r.leaks[0].kind, LeakType::ProviderToPeer);
        assert_eq!(r.leaks[0].leaker, a(10));
        let r = check("1 10 30", None);
        assert_eq!(r.leaks[0].kind, LeakType::PeerToProvider);
        // The receiver makes the leftmost AS judged: 10 learned from its
        // customer 100 (fine) — but 100 sending to its provider 20 after
        // learning from provider 10 is caught only with the receiver.
        assert_eq!(check("100 10", None).state, LeakState::Ok);
        let r = check("100 10", Some(20));
        assert_eq!(r.leaks[0].kind, LeakType::HairpinTurn);
        assert_eq!(r.leaks[0].sent_to, a(20));
    }

    #[test]
    fn several_leaks_in_order() {
        let r = check("1 10 30 20 100", None);
        let kinds: Vec<(u32, u8)> = r
            .leaks
            .iter()
            .map(|l| (l.leaker.get(), l.kind.number()))
            .collect();
        assert_eq!(kinds, vec![(10, 4), (30, 2)]);
    }

    #[test]
    fn prepends_and_confeds() {
        assert_eq!(check("20 20 100 100 100 10", None).leaks.len(), 1);
        assert_eq!(check("20 (65000 65001) 100 10", None).leaks.len(), 1);
        assert_eq!(check("20 [65000,65001] 100 10", None).leaks.len(), 1);
    }

    #[test]
    fn unknown_and_missing() {
        // 555 is unknown: 10 learned from 555, sent to its provider 1.
        let r = check("1 10 555", None);
        assert_eq!(r.state, LeakState::Unknown);
        assert_eq!(r.missing, vec![(a(10), a(555))]);
        assert!(r.to_string().contains("AS10-AS555"), "{r}");
        // Sent to a customer: no leak whatever it learned from.
        assert_eq!(check("100 10 555", None).state, LeakState::Ok);
        // A leak elsewhere wins over a missing relation.
        let r = check("30 777 20 100 10", None);
        assert_eq!(r.state, LeakState::Leak);
        assert_eq!(r.leaks.len(), 1);
        assert_eq!(r.missing, vec![(a(30), a(777)), (a(777), a(20))]);
        // A missing relation that is not needed is not listed.
        assert!(check("20 100 10 555", None).missing.is_empty());
        // Two unknown neighbours.
        let r = check("777 555 666", None);
        assert_eq!(r.missing, vec![(a(777), a(555)), (a(555), a(666))]);
    }

    #[test]
    fn as_sets() {
        // A singleton set stands for its member.
        assert_eq!(check("20 100 {10}", None).state, LeakState::Leak);
        // A multi-member set: 10 sent to a customer: fine; 1 learned from 10
        // (a customer): fine.
        let r = check("100 10 {555,666}", None);
        assert_eq!(r.state, LeakState::Ok, "{r}");
        let r = check("1 10 {555,666}", None);
        assert_eq!(r.state, LeakState::Unknown);
        assert!(r.set_undecided && r.missing.is_empty());
        assert!(r.to_string().contains("AS_SET"), "{r}");
        assert_eq!(check("20 100 10 {1,2}", None).state, LeakState::Leak);
        assert_eq!(check("{1,2}", Some(10)).state, LeakState::Ok);
    }

    #[test]
    fn names_round_trip() {
        for k in LeakType::ALL {
            assert_eq!(k.as_str().parse::<LeakType>().unwrap(), k);
            assert_eq!(k.number().to_string().parse::<LeakType>().unwrap(), k);
        }
        for s in LeakState::ALL {
            assert_eq!(s.to_string().parse::<LeakState>().unwrap(), s);
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
            assert_eq!(r.remote().remote(), r);
        }
        assert_eq!("route-server".parse::<Role>().unwrap(), Role::RouteServer);
        assert!("sibling".parse::<Role>().is_err());
        assert!("5".parse::<LeakType>().is_err());
    }

    /// RFC 9234 §5, every role with and without OTC.
    #[test]
    fn otc_rules() {
        let (local, remote, other) = (a(64500), a(64501), a(64999));
        let v = |leak, otc| OtcVerdict { leak, otc };
        // Ingress.
        let table = [
            (Role::Provider, None, v(false, None)),
            (Role::Provider, Some(other), v(true, Some(other))),
            (Role::RouteServer, None, v(false, None)),
            (Role::RouteServer, Some(remote), v(true, Some(remote))),
            (Role::Customer, None, v(false, Some(remote))),
            (Role::Customer, Some(other), v(false, Some(other))),
            (Role::RsClient, None, v(false, Some(remote))),
            (Role::RsClient, Some(other), v(false, Some(other))),
            (Role::Peer, None, v(false, Some(remote))),
            (Role::Peer, Some(remote), v(false, Some(remote))),
            (Role::Peer, Some(other), v(true, Some(other))),
        ];
        for (role, otc, want) in table {
            assert_eq!(
                otc_ingress(role, remote, otc),
                want,
                "ingress {role} {otc:?}"
            );
        }
        // Egress.
        let table = [
            (Role::Provider, None, v(false, Some(local))),
            (Role::Provider, Some(other), v(false, Some(other))),
            (Role::RouteServer, None, v(false, Some(local))),
            (Role::RouteServer, Some(other), v(false, Some(other))),
            (Role::Peer, None, v(false, Some(local))),
            (Role::Peer, Some(other), v(true, Some(other))),
            (Role::Customer, None, v(false, None)),
            (Role::Customer, Some(other), v(true, Some(other))),
            (Role::RsClient, None, v(false, None)),
            (Role::RsClient, Some(other), v(true, Some(other))),
        ];
        for (role, otc, want) in table {
            assert_eq!(otc_egress(role, local, otc), want, "egress {role} {otc:?}");
        }
    }

    /// The slow reference: the path in propagation order (origin first) as
    /// a list of link directions must match `up* flat? down*`; a missing
    /// relation may be anything, so the verdict is `leak` when the known
    /// links already break the pattern between two ASes, and `unknown` when
    /// some assignment of the missing links breaks it.
    fn reference(rel: &AsRelations, asns: &[Asn], receiver: Option<Asn>) -> LeakState {
        let mut p: Vec<Asn> = Vec::new();
        if let Some(r) = receiver {
            p.push(r);
        }
        for &x in asns {
            if p.last() != Some(&x) {
                p.push(x);
            }
        }
        p.reverse(); // origin first
                     // dir of each hop x -> y: what y is to x: Provider = up, Peer = flat,
                     // Customer = down, None = missing.
        let dirs: Vec<Option<Relation>> =
            p.windows(2).map(|w| rel.relationship(w[0], w[1])).collect();
        let options = |d: Option<Relation>| -> Vec<Relation> {
            match d {
                Some(r) => vec![r],
                None => Relation::ALL.to_vec(),
            }
        };
        // The pattern breaks iff some hop that is flat/down is followed by a
        // hop that is up/flat. Check every pair of consecutive hops under
        // every completion of just those two hops.
        let mut unknown = false;
        for w in dirs.windows(2) {
            let mut any_bad = false;
            let mut all_bad = true;
            for x in options(w[0]) {
                for y in options(w[1]) {
                    let bad = matches!(x, Relation::Peer | Relation::Customer)
                        && matches!(y, Relation::Provider | Relation::Peer);
                    any_bad |= bad;
                    all_bad &= bad;
                }
            }
            if all_bad {
                return LeakState::Leak;
            }
            unknown |= any_bad;
        }
        if unknown {
            LeakState::Unknown
        } else {
            LeakState::Ok
        }
    }

    proptest! {
        #[test]
        fn leak_state_matches_reference(
            raw in proptest::collection::vec((0u32..8, 0u32..8, any::<bool>()), 0..30),
            path in proptest::collection::vec(0u32..9, 0..8),
            recv in proptest::option::of(0u32..9),
        ) {
            let recs: Vec<AsRel> = raw
                .iter()
                .map(|&(x, y, p)| if p { AsRel::p2p(a(x), a(y)) } else { AsRel::p2c(a(x), a(y)) })
                .collect();
            let rel = AsRelations::from_records(&recs);
            let asns: Vec<Asn> = path.iter().map(|&n| a(n)).collect();
            let recv = recv.map(a);
            let want = reference(&rel, &asns, recv);
            let ap = AsPath::from_sequence(asns.clone());
            prop_assert_eq!(leak_state(&rel, &ap, recv), want);
            prop_assert_eq!(leak_state_sequence(&rel, &asns, recv), want);
            let full = detect_leaks(&rel, &ap, recv);
            prop_assert_eq!(full.state, want);
            // Every reported leak is a real valley at that AS.
            for l in &full.leaks {
                let learned = rel.relationship(l.leaker, l.learned_from);
                let sent = rel.relationship(l.leaker, l.sent_to);
                prop_assert_eq!(LeakType::classify(learned.unwrap(), sent.unwrap()), Some(l.kind));
            }
        }
    }
}
