//! Indexes over validated payloads: the VRP index used for RFC 6811 route
//! origin validation, one structure per address family.
//!
//! [`RovIndex`] keeps, per family:
//! - the distinct VRP prefixes as a forest, each pointing to its nearest
//!   less-specific VRP prefix, packed into one `u64` array where a prefix's
//!   header word (parent, length) is followed by one word per VRP (origin AS,
//!   max length), so a prefix and its VRPs usually share a cache line;
//! - a flattened sorted-interval map from addresses to the innermost VRP
//!   prefix containing them, with a directory on the first 16 address bits.
//!
//! A lookup is one directory probe, a binary search inside a bucket, and a
//! walk up the (typically one to three) covering prefixes. Trust anchors
//! (interned), expiry times and provenance sit in cold side arrays, read only
//! when [`RovIndex::covering`] or [`RovIndex::matching`] rebuilds full
//! [`Vrp`]s. The index answers raw questions ([`RovIndex::lookup`]: covered?
//! matched?); RFC 6811 validation on top of it, with its AS0 rule, is
//! [`crate::validate::rov`].
//!
//! On the 723,521-VRP rpki-client snapshot the index takes about 32 MiB
//! ([`RovIndex::heap_bytes`]) and builds in about 55 ms on one core.

pub mod aspa;
pub mod asrel;
pub(crate) mod cover;
mod family;
pub mod irr;
pub mod peeringdb;

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Asn, Family, Prefix, Vrp, VrpSource};

use family::{Entry, FamilyIndex, Key, Rec};

/// An origin-validation index over a set of VRPs, both address families.
///
/// Built once from a slice of VRPs; immutable and `Send + Sync` afterwards.
/// RFC 6811 validation over it is [`crate::validate::rov`]
/// ([`validate_origin`](crate::validate::rov::validate_origin),
/// [`origin_state`](crate::validate::rov::origin_state)).
///
/// ```
/// use routeguard::index::Lookup;
/// use routeguard::validate::rov;
/// use routeguard::{Asn, Prefix, RovIndex, RovState, Vrp};
/// let vrp = Vrp::new("192.0.2.0/24".parse().unwrap(), 24, Asn::new(64500)).unwrap();
/// let index = RovIndex::new(&[vrp.clone()]);
/// assert_eq!(index.len(), 1);
/// let p: Prefix = "192.0.2.0/24".parse().unwrap();
/// assert_eq!(index.lookup(&p, Some(Asn::new(64500))), Lookup::Matched);
/// let mut covering = Vec::new();
/// index.covering(&p, &mut covering);
/// assert_eq!(covering, [vrp]);
/// let (state, _) = rov::origin_state(&index, &p, Some(Asn::new(64500)));
/// assert_eq!(state, RovState::Valid);
/// assert!(index.heap_bytes() > 0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct RovIndex {
    v4: FamilyIndex<u32>,
    v6: FamilyIndex<u128>,
    cold4: Cold,
    cold6: Cold,
    /// Interned trust-anchor names; id `k` (k ≥ 1) is `tas[k - 1]`, 0 is none.
    tas: Vec<Arc<str>>,
}

/// Trust-anchor ids per VRP, as narrow as the number of names allows.
#[derive(Clone, Debug, Default)]
enum TaIds {
    /// No VRP has a trust anchor.
    #[default]
    Absent,
    /// Up to 65,535 names.
    Narrow(Vec<u16>),
    /// More names.
    Wide(Vec<u32>),
}

/// What the validation loop never reads, aligned with a family's hot array.
#[derive(Clone, Debug, Default)]
struct Cold {
    ta: TaIds,
    /// Expiry per VRP (unset where absent).
    expires: Expiry,
    /// Bit `i` set when VRP `i` has an expiry.
    has_expires: Vec<u64>,
    /// Provenance of the VRPs that carry it, sorted by position.
    sources: Vec<(u32, Arc<[VrpSource]>)>,
}

impl Cold {
    fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let ta = match &self.ta {
            TaIds::Absent => 0,
            TaIds::Narrow(v) => v.capacity() * size_of::<u16>(),
            TaIds::Wide(v) => v.capacity() * size_of::<u32>(),
        };
        let sources: usize = self
            .sources
            .iter()
            .map(|(_, s)| s.len() * size_of::<VrpSource>() + 2 * size_of::<usize>())
            .sum();
        let expires = match &self.expires {
            Expiry::Absent => 0,
            Expiry::Offset(_, v) => v.capacity() * size_of::<u32>(),
            Expiry::Full(v) => v.capacity() * size_of::<i64>(),
        };
        ta + expires
            + self.has_expires.capacity() * size_of::<u64>()
            + self.sources.capacity() * size_of::<(u32, Arc<[VrpSource]>)>()
            + sources
    }

    fn ta_id(&self, pos: usize) -> u32 {
        match &self.ta {
            TaIds::Absent => 0,
            TaIds::Narrow(v) => v.get(pos).copied().map_or(0, u32::from),
            TaIds::Wide(v) => v.get(pos).copied().unwrap_or(0),
        }
    }

    fn expires(&self, pos: usize) -> Option<i64> {
        let set = self
            .has_expires
            .get(pos / 64)
            .is_some_and(|w| w >> (pos % 64) & 1 == 1);
        if !set {
            return None;
        }
        match &self.expires {
            Expiry::Absent => None,
            Expiry::Offset(base, v) => v.get(pos).map(|d| base.wrapping_add(i64::from(*d))),
            Expiry::Full(v) => v.get(pos).copied(),
        }
    }

    fn sources(&self, pos: usize) -> Option<Arc<[VrpSource]>> {
        let pos = u32::try_from(pos).ok()?;
        let i = self.sources.binary_search_by_key(&pos, |(p, _)| *p).ok()?;
        self.sources.get(i).map(|(_, s)| Arc::clone(s))
    }

    /// Builds the cold arrays from records already in index order.
    fn build<K>(
        recs: &[Rec<K>],
        extra: &[Extra],
        ntas: usize,
        v6: bool,
        sources: &[(u32, Arc<[VrpSource]>)],
        inv: &[u32],
    ) -> Self {
        if extra.is_empty() && sources.is_empty() {
            return Cold::default();
        }
        let any_ta = recs
            .iter()
            .any(|r| extra.get(r.idx as usize).is_some_and(|e| e.ta != 0));
        let ta = if !any_ta {
            TaIds::Absent
        } else if ntas <= usize::from(u16::MAX) {
            TaIds::Narrow(
                recs.iter()
                    .map(|r| {
                        extra
                            .get(r.idx as usize)
                            .map_or(0, |e| u16::try_from(e.ta).unwrap_or(0))
                    })
                    .collect(),
            )
        } else {
            TaIds::Wide(
                recs.iter()
                    .map(|r| extra.get(r.idx as usize).map_or(0, |e| e.ta))
                    .collect(),
            )
        };
        let any_exp = recs.iter().any(|r| {
            extra
                .get(r.idx as usize)
                .is_some_and(|e| e.expires.is_some())
        });
        let (expires, has_expires) = if any_exp {
            let mut bits = vec![0u64; recs.len().div_ceil(64)];
            let mut exp = Vec::with_capacity(recs.len());
            for (pos, r) in recs.iter().enumerate() {
                let e = extra.get(r.idx as usize).and_then(|e| e.expires);
                if e.is_some() {
                    if let Some(w) = bits.get_mut(pos / 64) {
                        *w |= 1 << (pos % 64);
                    }
                }
                exp.push(e);
            }
            (Expiry::pack(exp), bits)
        } else {
            (Expiry::Absent, Vec::new())
        };
        let mut src: Vec<(u32, Arc<[VrpSource]>)> = Vec::new();
        for (idx, s) in sources {
            // `inv` maps a caller position to (family tag, position).
            if let Some(&p) = inv.get(*idx as usize) {
                let pos = p & !FAMILY_TAG;
                let is_v6 = p & FAMILY_TAG != 0;
                if is_v6 == v6 {
                    src.push((pos, Arc::clone(s)));
                }
            }
        }
        src.sort_by_key(|(p, _)| *p);
        src.shrink_to_fit();
        Cold {
            ta,
            expires,
            has_expires,
            sources: src,
        }
    }
}

/// Expiry times, as narrow as their spread allows.
#[derive(Clone, Debug, Default)]
enum Expiry {
    /// No VRP has one.
    #[default]
    Absent,
    /// A base and 32-bit offsets (spread under 136 years).
    Offset(i64, Vec<u32>),
    /// Full values.
    Full(Vec<i64>),
}

impl Expiry {
    /// Packs the values; absent ones read back as anything (the caller
    /// keeps a presence bitmap).
    fn pack(values: Vec<Option<i64>>) -> Self {
        let (Some(min), Some(max)) = (
            values.iter().flatten().min().copied(),
            values.iter().flatten().max().copied(),
        ) else {
            return Expiry::Absent;
        };
        if max
            .checked_sub(min)
            .is_some_and(|spread| u32::try_from(spread).is_ok())
        {
            let offsets = values
                .iter()
                .map(|v| {
                    v.and_then(|v| u32::try_from(v.wrapping_sub(min)).ok())
                        .unwrap_or(0)
                })
                .collect();
            Expiry::Offset(min, offsets)
        } else {
            Expiry::Full(values.iter().map(|v| v.unwrap_or(0)).collect())
        }
    }
}

/// Marks an IPv6 position in the inverse permutation.
const FAMILY_TAG: u32 = 1 << 31;

/// Per-VRP data the sort does not need, indexed by caller position.
#[derive(Clone, Copy, Debug, Default)]
struct Extra {
    ta: u32,
    expires: Option<i64>,
}

/// Interns trust-anchor names; most consecutive VRPs share one `Arc`.
#[derive(Default)]
struct TaTable {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
    last: Option<(Arc<str>, u32)>,
}

impl TaTable {
    fn id(&mut self, ta: &Option<Arc<str>>) -> u32 {
        let Some(ta) = ta else { return 0 };
        if let Some((a, id)) = &self.last {
            if Arc::ptr_eq(a, ta) || **a == **ta {
                return *id;
            }
        }
        let id = match self.ids.get(ta) {
            Some(id) => *id,
            None => {
                self.names.push(Arc::clone(ta));
                let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.ids.insert(Arc::clone(ta), id);
                id
            }
        };
        self.last = Some((Arc::clone(ta), id));
        id
    }
}

impl RovIndex {
    /// Builds the index.
    ///
    /// Sorts compact copies of the VRPs by prefix (`O(n log n)`, close to
    /// linear when they come nearly sorted, as validators export them), then
    /// builds each family in one pass. VRPs that differ only in trust anchor,
    /// expiry or provenance, and exact duplicates, are all kept.
    pub fn new(vrps: &[Vrp]) -> Self {
        let n6 = vrps.iter().filter(|v| v.prefix.is_ipv6()).count();
        Self::build(
            vrps.len(),
            n6,
            vrps.iter()
                .map(|v| (v.prefix, v.max_length, v.asn, Some(v))),
        )
    }

    /// Builds the index of VRPs that are bare `(prefix, max length, ASN)`
    /// keys (no trust anchor, expiry or provenance, as RTR carries them):
    /// the same index [`RovIndex::new`] builds of those VRPs in this order,
    /// without making them first.
    pub fn from_keys(keys: impl IntoIterator<Item = (Prefix, u8, Asn)>) -> Self {
        let keys = keys.into_iter();
        let n = keys.size_hint().0;
        Self::build(n, 0, keys.map(|(p, m, a)| (p, m, a, None)))
    }

    /// The one builder: about `n` records, `n6` of them IPv6 (capacity
    /// hints only), each with the VRP it came from when there is one (its
    /// trust anchor, expiry and provenance are kept).
    fn build<'a>(
        n: usize,
        n6: usize,
        items: impl Iterator<Item = (Prefix, u8, Asn, Option<&'a Vrp>)>,
    ) -> Self {
        let mut r4: Vec<Rec<u32>> = Vec::with_capacity(n.saturating_sub(n6));
        let mut r6: Vec<Rec<u128>> = Vec::with_capacity(n6);
        // Filled up to the last VRP that has a trust anchor or expiry (none
        // at all for RTR keys); shorter positions read as none.
        let mut extra: Vec<Extra> = Vec::new();
        let mut tas = TaTable::default();
        let mut sources: Vec<(u32, Arc<[VrpSource]>)> = Vec::new();
        let mut count = 0;
        for (i, (prefix, max_len, asn, v)) in items.enumerate() {
            count = i + 1;
            let idx = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some(v) = v.filter(|v| v.ta.is_some() || v.expires.is_some()) {
                if extra.capacity() == 0 {
                    extra.reserve_exact(n.max(i + 1));
                }
                extra.resize(i, Extra::default());
                extra.push(Extra {
                    ta: tas.id(&v.ta),
                    expires: v.expires,
                });
            }
            if let Some(s) = v.and_then(|v| v.sources.as_ref()) {
                sources.push((idx, Arc::clone(s)));
            }
            let (len, asn) = (prefix.len(), asn.get());
            match prefix.family() {
                Family::V4 => r4.push(Rec {
                    key: u32::from_bits(prefix.bits()),
                    len,
                    max_len,
                    asn,
                    idx,
                }),
                Family::V6 => r6.push(Rec {
                    key: u128::from_bits(prefix.bits()),
                    len,
                    max_len,
                    asn,
                    idx,
                }),
            }
        }
        // Order within a prefix does not matter: verdicts sort their VRPs.
        r4.sort_unstable_by_key(|r| (r.key, r.len));
        r6.sort_unstable_by_key(|r| (r.key, r.len));

        let mut inv: Vec<u32> = Vec::new();
        if !sources.is_empty() {
            inv = vec![0; count];
            for (pos, r) in r4.iter().enumerate() {
                if let Some(slot) = inv.get_mut(r.idx as usize) {
                    *slot = u32::try_from(pos).unwrap_or(0);
                }
            }
            for (pos, r) in r6.iter().enumerate() {
                if let Some(slot) = inv.get_mut(r.idx as usize) {
                    *slot = u32::try_from(pos).unwrap_or(0) | FAMILY_TAG;
                }
            }
        }
        let ntas = tas.names.len();
        let cold4 = Cold::build(&r4, &extra, ntas, false, &sources, &inv);
        let cold6 = Cold::build(&r6, &extra, ntas, true, &sources, &inv);
        let mut names = tas.names;
        names.shrink_to_fit();
        RovIndex {
            v4: FamilyIndex::build(&r4),
            v6: FamilyIndex::build(&r6),
            cold4,
            cold6,
            tas: names,
        }
    }

    /// Number of VRPs indexed (duplicates included).
    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    /// Whether the index holds no VRP.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the index holds on the heap: the sum of the capacities of its
    /// allocations (trust-anchor names and provenance included, even though
    /// they are shared with the input VRPs).
    pub fn heap_bytes(&self) -> usize {
        let names: usize = self
            .tas
            .iter()
            .map(|t| t.len() + 2 * std::mem::size_of::<usize>())
            .sum();
        self.v4.heap_bytes()
            + self.v6.heap_bytes()
            + self.cold4.heap_bytes()
            + self.cold6.heap_bytes()
            + self.tas.capacity() * std::mem::size_of::<Arc<str>>()
            + names
    }

    /// Shape of the index: VRPs, distinct VRP prefixes and elementary
    /// address intervals, per family.
    pub fn stats(&self) -> RovIndexStats {
        RovIndexStats {
            vrps_v4: self.v4.len(),
            vrps_v6: self.v6.len(),
            prefixes_v4: self.v4.prefixes(),
            prefixes_v6: self.v6.prefixes(),
            intervals_v4: self.v4.intervals(),
            intervals_v6: self.v6.intervals(),
            trust_anchors: self.tas.len(),
            heap_bytes: self.heap_bytes(),
        }
    }

    /// What the index knows of a route: whether VRPs cover `prefix` and
    /// whether one of them matches `origin` (same AS, max length at least the
    /// prefix length). Allocation-free: the fast path under
    /// [`crate::validate::rov::origin_state`].
    ///
    /// ASNs are compared as numbers, AS0 included; RFC 6811's rules on top
    /// (AS0 never matches, RFC 6483 §4 and RFC 7607) are the validate
    /// stage's. `origin: None` matches nothing.
    #[inline]
    pub fn lookup(&self, prefix: &Prefix, origin: Option<Asn>) -> Lookup {
        let origin = origin.map(Asn::get);
        match prefix.family() {
            Family::V4 => self
                .v4
                .scan(u32::from_bits(prefix.bits()), prefix.len(), origin),
            Family::V6 => self
                .v6
                .scan(u128::from_bits(prefix.bits()), prefix.len(), origin),
        }
    }

    /// [`RovIndex::lookup`] on a prefix given as family, left-aligned bits
    /// (host bits clear) and length.
    #[inline]
    pub(crate) fn lookup_bits(&self, v6: bool, bits: u128, len: u8, origin: Option<Asn>) -> Lookup {
        let origin = origin.map(Asn::get);
        if v6 {
            self.v6.scan(u128::from_bits(bits), len, origin)
        } else {
            self.v4.scan(u32::from_bits(bits), len, origin)
        }
    }

    /// Appends every VRP whose prefix covers `prefix` (equal or less
    /// specific) to `out`, unsorted, with trust anchor, expiry and provenance
    /// rebuilt from the cold arrays.
    pub fn covering(&self, prefix: &Prefix, out: &mut Vec<Vrp>) {
        self.collect(prefix, None, out);
    }

    /// Appends the VRPs covering `prefix` that have origin AS `origin` and a
    /// max length of at least the prefix length (the ones
    /// [`RovIndex::lookup`] calls matching) to `out`, unsorted.
    pub fn matching(&self, prefix: &Prefix, origin: Asn, out: &mut Vec<Vrp>) {
        self.collect(prefix, Some(origin.get()), out);
    }

    fn collect(&self, prefix: &Prefix, only: Option<u32>, out: &mut Vec<Vrp>) {
        let fam = prefix.family();
        match fam {
            Family::V4 => {
                let k = u32::from_bits(prefix.bits());
                self.collect_in(&self.v4, &self.cold4, fam, k, prefix.len(), only, out);
            }
            Family::V6 => {
                let k = u128::from_bits(prefix.bits());
                self.collect_in(&self.v6, &self.cold6, fam, k, prefix.len(), only, out);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn collect_in<K: Key>(
        &self,
        f: &FamilyIndex<K>,
        cold: &Cold,
        family: Family,
        addr: K,
        len: u8,
        only: Option<u32>,
        out: &mut Vec<Vrp>,
    ) {
        f.for_each_covering(addr, len, |e: Entry<K>| {
            if only.is_some_and(|o| e.asn != o || len > e.max_len) {
                return;
            }
            if let Ok(prefix) = Prefix::from_bits_relaxed(family, e.key.to_bits(), e.len) {
                out.push(self.rebuild(cold, prefix, e.max_len, e.asn, e.pos));
            }
        });
    }

    fn rebuild(&self, cold: &Cold, prefix: Prefix, max_length: u8, asn: u32, pos: usize) -> Vrp {
        let ta = match cold.ta_id(pos) {
            0 => None,
            id => self.tas.get(id as usize - 1).cloned(),
        };
        Vrp {
            prefix,
            max_length,
            asn: Asn::new(asn),
            ta,
            expires: cold.expires(pos),
            sources: cold.sources(pos),
        }
    }
}

/// What [`RovIndex::lookup`] finds for a prefix and an origin AS: the raw
/// facts RFC 6811 validation ([`crate::validate::rov`]) names `not-found`,
/// `valid` and `invalid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// No VRP covers the prefix.
    Uncovered,
    /// A covering VRP has the origin AS and a max length of at least the
    /// prefix length.
    Matched,
    /// VRPs cover the prefix, none matches.
    Unmatched {
        /// Some covering VRP has the origin AS, but a max length shorter
        /// than the prefix.
        has_origin: bool,
    },
}

/// The shape of a [`RovIndex`], from [`RovIndex::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RovIndexStats {
    /// IPv4 VRPs.
    pub vrps_v4: usize,
    /// IPv6 VRPs.
    pub vrps_v6: usize,
    /// Distinct IPv4 VRP prefixes.
    pub prefixes_v4: usize,
    /// Distinct IPv6 VRP prefixes.
    pub prefixes_v6: usize,
    /// Elementary IPv4 address intervals.
    pub intervals_v4: usize,
    /// Elementary IPv6 address intervals.
    pub intervals_v6: usize,
    /// Distinct trust-anchor names.
    pub trust_anchors: usize,
    /// [`RovIndex::heap_bytes`].
    pub heap_bytes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_packing() {
        let e = Expiry::pack(vec![Some(-5), None, Some(1_753_453_058)]);
        assert!(matches!(&e, Expiry::Offset(-5, v) if v == &vec![0, 0, 1_753_453_063]));
        let e = Expiry::pack(vec![Some(i64::MIN), Some(i64::MAX), None]);
        assert!(matches!(&e, Expiry::Full(v) if v == &vec![i64::MIN, i64::MAX, 0]));
        assert!(matches!(Expiry::pack(vec![None, None]), Expiry::Absent));
    }

    #[test]
    fn raw_lookups() {
        let p = |s: &str| s.parse::<Prefix>().unwrap();
        let vrps = [
            Vrp::new(p("10.0.0.0/8"), 16, Asn::new(1)).unwrap(),
            Vrp::new(p("10.0.0.0/8"), 24, Asn::ZERO).unwrap(),
            Vrp::new(p("10.1.0.0/16"), 16, Asn::new(2)).unwrap(),
            Vrp::new(p("2001:db8::/32"), 48, Asn::new(3)).unwrap(),
        ];
        let index = RovIndex::new(&vrps);
        let lookup = |s: &str, o: Option<u32>| index.lookup(&p(s), o.map(Asn::new));
        assert_eq!(lookup("10.1.0.0/16", Some(1)), Lookup::Matched);
        assert_eq!(lookup("10.1.0.0/16", Some(2)), Lookup::Matched);
        assert_eq!(
            lookup("10.1.1.0/24", Some(1)),
            Lookup::Unmatched { has_origin: true }
        );
        assert_eq!(
            lookup("10.1.1.0/24", Some(9)),
            Lookup::Unmatched { has_origin: false }
        );
        assert_eq!(
            lookup("10.1.1.0/24", None),
            Lookup::Unmatched { has_origin: false }
        );
        // Raw: AS0 compares as a number here; RFC 6811's AS0 rule is
        // validate::rov's.
        assert_eq!(lookup("10.1.1.0/24", Some(0)), Lookup::Matched);
        assert_eq!(lookup("11.0.0.0/8", Some(1)), Lookup::Uncovered);
        assert_eq!(lookup("2001:db8:1::/48", Some(3)), Lookup::Matched);
        let mut out = Vec::new();
        index.covering(&p("10.1.1.0/24"), &mut out);
        out.sort();
        let mut want = vrps[..3].to_vec();
        want.sort();
        assert_eq!(out, want);
        out.clear();
        index.matching(&p("10.1.0.0/16"), Asn::new(1), &mut out);
        assert_eq!(out, [vrps[0].clone()]);
        out.clear();
        index.matching(&p("10.1.1.0/24"), Asn::new(1), &mut out);
        assert!(out.is_empty());
        index.covering(&p("192.0.2.0/24"), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn metadata_round_trips() {
        let ta: Arc<str> = Arc::from("ripe");
        let vrps: Vec<Vrp> = (0..200u32)
            .map(|i| {
                let prefix =
                    Prefix::from_bits(Family::V4, u128::from(0x0a00_0000 + (i << 8)) << 96, 24)
                        .unwrap();
                Vrp::new(prefix, 24, Asn::new(i))
                    .unwrap()
                    .with_ta((i % 3 != 0).then(|| Arc::clone(&ta)))
                    .with_expires((i % 5 != 0).then_some(i64::from(i) * 1000 - 7))
            })
            .rev()
            .collect();
        let index = RovIndex::new(&vrps);
        assert_eq!(index.stats().trust_anchors, 1);
        for v in &vrps {
            let r = crate::validate::rov::validate_origin(&index, &v.prefix, Some(v.asn));
            assert_eq!(r.covering, vec![v.clone()]);
        }
    }
}
