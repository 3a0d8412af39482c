//! The AS relationship graph built from CAIDA `as-rel` data
//! ([`crate::parse::asrel`]): who is whose provider, customer or peer.
//!
//! Lookups of one AS pair go through an open-addressing hash table keyed by
//! the ordered pair (multiplicative hashing, linear probing, load factor at
//! most one half, 16-byte slots): one or two cache lines per lookup, no
//! allocation. Neighbour lists (`providers_of`, `customers_of`, `peers_of`)
//! come from a compressed sparse-row copy of the graph, sorted by ASN, built
//! on first use.
//!
//! When the input relates the same pair more than once, the first record
//! wins; later ones are counted ([`AsRelations::duplicates`], and
//! [`AsRelations::conflicts`] for those that disagree with the first).
//!
//! ```
//! use routeguard::parse::asrel::parse_as_rel;
//! use routeguard::index::asrel::{AsRelations, Relation};
//! use routeguard::Asn;
//! let rel = AsRelations::new(&parse_as_rel("174|64500|-1\n174|3356|0\n").unwrap());
//! assert_eq!(rel.relationship(Asn::new(174), Asn::new(64500)), Some(Relation::Customer));
//! assert_eq!(rel.relationship(Asn::new(64500), Asn::new(174)), Some(Relation::Provider));
//! assert_eq!(rel.relationship(Asn::new(3356), Asn::new(174)), Some(Relation::Peer));
//! assert_eq!(rel.relationship(Asn::new(3356), Asn::new(64500)), None);
//! assert_eq!(rel.providers_of(Asn::new(64500)), &[Asn::new(174)]);
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::model::{Asn, UnknownWord};
use crate::parse::asrel::{AsRel, AsRelData, RelKind};

/// What the second AS of a pair is to the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// `b` is a customer of `a`.
    Customer,
    /// `b` is a provider of `a`.
    Provider,
    /// `a` and `b` are peers.
    Peer,
}

impl Relation {
    /// Every relation.
    pub const ALL: [Relation; 3] = [Relation::Customer, Relation::Provider, Relation::Peer];

    /// `customer`, `provider`, `peer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Customer => "customer",
            Relation::Provider => "provider",
            Relation::Peer => "peer",
        }
    }

    /// The same link seen from the other end.
    #[inline]
    pub fn reverse(self) -> Relation {
        match self {
            Relation::Customer => Relation::Provider,
            Relation::Provider => Relation::Customer,
            Relation::Peer => Relation::Peer,
        }
    }

    #[inline]
    fn code(self) -> u8 {
        match self {
            Relation::Customer => 1,
            Relation::Provider => 2,
            Relation::Peer => 3,
        }
    }

    #[inline]
    fn from_code(c: u8) -> Option<Relation> {
        match c {
            1 => Some(Relation::Customer),
            2 => Some(Relation::Provider),
            3 => Some(Relation::Peer),
            _ => None,
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownWord::new("relation", s, "customer, provider or peer"))
    }
}

/// One hash slot: the ordered pair (`lo << 32 | hi`, `lo < hi`) and what
/// `hi` is to `lo` (0 = empty). 16 bytes: a slot never straddles a cache
/// line.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    rel: u8,
}

/// The AS relationship graph.
#[derive(Clone, Debug, Default)]
pub struct AsRelations {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`.
    shift: u32,
    len: usize,
    duplicates: usize,
    conflicts: usize,
    clique: Vec<Asn>,
    ixps: Vec<Asn>,
    /// Neighbour lists, built on first use (pair lookups never need them).
    adj: OnceLock<Adjacency>,
}

/// The graph in compressed sparse-row form.
#[derive(Clone, Debug, Default)]
struct Adjacency {
    /// Distinct ASes, sorted.
    ases: Vec<Asn>,
    /// Per AS `i`: providers `neigh[off[3i]..off[3i+1]]`, customers up to
    /// `off[3i+2]`, peers up to `off[3i+3]`, each sorted.
    off: Vec<u32>,
    neigh: Vec<Asn>,
}

impl Adjacency {
    fn build(slots: &[Slot]) -> Self {
        // (as, class, neighbour) with class 0 provider, 1 customer, 2 peer.
        let class = |r: Relation| match r {
            Relation::Provider => 0u8,
            Relation::Customer => 1,
            Relation::Peer => 2,
        };
        let mut adj: Vec<(u32, u8, u32)> = Vec::new();
        for s in slots {
            let Some(r) = Relation::from_code(s.rel) else {
                continue;
            };
            let (lo, hi) = ((s.key >> 32) as u32, s.key as u32);
            adj.push((lo, class(r), hi));
            adj.push((hi, class(r.reverse()), lo));
        }
        adj.sort_unstable();
        let mut ases: Vec<Asn> = Vec::new();
        let mut off: Vec<u32> = Vec::new();
        let mut neigh: Vec<Asn> = Vec::with_capacity(adj.len());
        let mut cur: Option<(u32, u8)> = None;
        for &(a, class, n) in &adj {
            let pos = u32::try_from(neigh.len()).unwrap_or(u32::MAX);
            match cur {
                Some((ca, cc)) if ca == a => {
                    for _ in cc..class {
                        off.push(pos);
                    }
                }
                prev => {
                    if let Some((_, cc)) = prev {
                        for _ in cc + 1..3 {
                            off.push(pos);
                        }
                    }
                    ases.push(Asn::new(a));
                    for _ in 0..=class {
                        off.push(pos);
                    }
                }
            }
            cur = Some((a, class));
            neigh.push(Asn::new(n));
        }
        let end = u32::try_from(neigh.len()).unwrap_or(u32::MAX);
        match cur {
            Some((_, cc)) => {
                for _ in cc..3 {
                    off.push(end);
                }
            }
            None => off.push(0),
        }
        Adjacency { ases, off, neigh }
    }

    fn heap_bytes(&self) -> usize {
        (self.ases.capacity() + self.neigh.capacity()) * std::mem::size_of::<Asn>()
            + self.off.capacity() * 4
    }
}

#[inline]
fn key(lo: u32, hi: u32) -> u64 {
    (u64::from(lo) << 32) | u64::from(hi)
}

#[inline]
fn hash(k: u64, shift: u32) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

impl AsRelations {
    /// Builds the graph from parsed data (records, clique and IXP list).
    pub fn new(data: &AsRelData) -> Self {
        let mut r = Self::from_records(&data.records);
        r.clique = data.clique.clone();
        r.ixps = data.ixps.clone();
        r
    }

    /// Builds the graph from records alone (no clique, no IXP list).
    pub fn from_records(records: &[AsRel]) -> Self {
        let cap = (records.len().saturating_mul(2))
            .max(16)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX / 2 + 1);
        let bits = cap.trailing_zeros();
        let mut this = AsRelations {
            slots: vec![Slot::default(); cap],
            shift: 64 - bits,
            ..Default::default()
        };
        for r in records {
            let (a, b) = (r.a.get(), r.b.get());
            if a == b {
                continue;
            }
            // What b is to a.
            let rel_ab = match r.kind {
                RelKind::ProviderCustomer => Relation::Customer,
                RelKind::PeerPeer => Relation::Peer,
            };
            let (lo, hi, rel) = if a < b {
                (a, b, rel_ab)
            } else {
                (b, a, rel_ab.reverse())
            };
            match this.insert(lo, hi, rel) {
                Insert::New => this.len += 1,
                Insert::Same => this.duplicates += 1,
                Insert::Conflict => {
                    this.duplicates += 1;
                    this.conflicts += 1;
                }
            }
        }
        this
    }

    fn insert(&mut self, lo: u32, hi: u32, rel: Relation) -> Insert {
        let mask = self.slots.len() - 1;
        let k = key(lo, hi);
        let mut i = hash(k, self.shift);
        loop {
            let Some(s) = self.slots.get_mut(i) else {
                return Insert::Conflict;
            };
            if s.rel == 0 {
                *s = Slot {
                    key: k,
                    rel: rel.code(),
                };
                return Insert::New;
            }
            if s.key == k {
                return if s.rel == rel.code() {
                    Insert::Same
                } else {
                    Insert::Conflict
                };
            }
            i = (i + 1) & mask;
        }
    }

    /// What `b` is to `a`: [`Relation::Customer`] when `b` is a customer
    /// of `a`, and so on; `None` when the data does not relate them (or
    /// `a == b`).
    #[inline]
    pub fn relationship(&self, a: Asn, b: Asn) -> Option<Relation> {
        let (a, b) = (a.get(), b.get());
        let (lo, hi, flip) = match a.cmp(&b) {
            std::cmp::Ordering::Less => (a, b, false),
            std::cmp::Ordering::Greater => (b, a, true),
            std::cmp::Ordering::Equal => return None,
        };
        let mask = self.slots.len().wrapping_sub(1);
        let k = key(lo, hi);
        let mut i = hash(k, self.shift);
        loop {
            let s = self.slots.get(i)?;
            if s.key == k && s.rel != 0 {
                let r = Relation::from_code(s.rel)?;
                return Some(if flip { r.reverse() } else { r });
            }
            if s.rel == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of related AS pairs (distinct links).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no pair is related.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Records that related an already related pair again (ignored: the
    /// first record wins).
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// Of [`AsRelations::duplicates`], those that gave a different relation.
    pub fn conflicts(&self) -> usize {
        self.conflicts
    }

    /// The inferred clique (Tier-1 ASes) from the file header.
    pub fn clique(&self) -> &[Asn] {
        &self.clique
    }

    /// The IXP route-server ASes from the file header.
    pub fn ixps(&self) -> &[Asn] {
        &self.ixps
    }

    fn adjacency(&self) -> &Adjacency {
        self.adj.get_or_init(|| Adjacency::build(&self.slots))
    }

    /// Every AS that appears in some relation, sorted. (This and the
    /// neighbour lists build a second, list-shaped copy of the graph on
    /// first use.)
    pub fn ases(&self) -> &[Asn] {
        &self.adjacency().ases
    }

    fn class(&self, a: Asn, class: usize) -> &[Asn] {
        let adj = self.adjacency();
        let Ok(i) = adj.ases.binary_search(&a) else {
            return &[];
        };
        let start = adj.off.get(3 * i + class).copied().unwrap_or(0) as usize;
        let end = adj.off.get(3 * i + class + 1).copied().unwrap_or(0) as usize;
        adj.neigh.get(start..end).unwrap_or_default()
    }

    /// The providers of `a`, sorted.
    pub fn providers_of(&self, a: Asn) -> &[Asn] {
        self.class(a, 0)
    }

    /// The customers of `a`, sorted.
    pub fn customers_of(&self, a: Asn) -> &[Asn] {
        self.class(a, 1)
    }

    /// The peers of `a`, sorted.
    pub fn peers_of(&self, a: Asn) -> &[Asn] {
        self.class(a, 2)
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + (self.clique.capacity() + self.ixps.capacity()) * std::mem::size_of::<Asn>()
            + self.adj.get().map_or(0, Adjacency::heap_bytes)
    }
}

impl From<&AsRelData> for AsRelations {
    fn from(d: &AsRelData) -> Self {
        AsRelations::new(d)
    }
}

enum Insert {
    New,
    Same,
    Conflict,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    #[test]
    fn lookups_and_lists() {
        let recs = vec![
            AsRel::p2c(a(1), a(2)),
            AsRel::p2c(a(1), a(3)),
            AsRel::p2p(a(1), a(4)),
            AsRel::p2c(a(5), a(1)),
            AsRel::p2p(a(2), a(1)), // conflict, ignored
            AsRel::p2c(a(1), a(2)), // duplicate
            AsRel::p2c(a(9), a(9)), // self, ignored
        ];
        let r = AsRelations::from_records(&recs);
        assert_eq!(r.len(), 4);
        assert_eq!((r.duplicates(), r.conflicts()), (2, 1));
        assert_eq!(r.relationship(a(1), a(2)), Some(Relation::Customer));
        assert_eq!(r.relationship(a(2), a(1)), Some(Relation::Provider));
        assert_eq!(r.relationship(a(4), a(1)), Some(Relation::Peer));
        assert_eq!(r.relationship(a(1), a(5)), Some(Relation::Provider));
        assert_eq!(r.relationship(a(2), a(3)), None);
        assert_eq!(r.relationship(a(9), a(9)), None);
        assert_eq!(r.providers_of(a(1)), &[a(5)]);
        assert_eq!(r.customers_of(a(1)), &[a(2), a(3)]);
        assert_eq!(r.peers_of(a(1)), &[a(4)]);
        assert_eq!(r.providers_of(a(2)), &[a(1)]);
        assert!(r.customers_of(a(2)).is_empty());
        assert!(r.peers_of(a(77)).is_empty());
        assert_eq!(r.ases(), &[a(1), a(2), a(3), a(4), a(5)]);
        let e = AsRelations::from_records(&[]);
        assert!(e.is_empty());
        assert_eq!(e.relationship(a(1), a(2)), None);
        assert!(e.providers_of(a(1)).is_empty());
    }

    #[test]
    fn names() {
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>().unwrap(), r);
            assert_eq!(r.reverse().reverse(), r);
        }
        assert!("sibling".parse::<Relation>().is_err());
    }

    fn linear(recs: &[AsRel], x: Asn, y: Asn) -> Option<Relation> {
        recs.iter().find_map(|r| {
            if r.a == r.b {
                return None;
            }
            match r.kind {
                RelKind::PeerPeer if (r.a, r.b) == (x, y) || (r.a, r.b) == (y, x) => {
                    Some(Relation::Peer)
                }
                RelKind::ProviderCustomer if (r.a, r.b) == (x, y) => Some(Relation::Customer),
                RelKind::ProviderCustomer if (r.a, r.b) == (y, x) => Some(Relation::Provider),
                _ => None,
            }
        })
    }

    proptest! {
        /// The hash index and the neighbour lists agree with a linear scan
        /// of the records (first record wins).
        #[test]
        fn index_matches_linear_scan(
            raw in proptest::collection::vec((0u32..40, 0u32..40, any::<bool>()), 0..120),
            probes in proptest::collection::vec((0u32..42, 0u32..42), 0..60),
        ) {
            let recs: Vec<AsRel> = raw
                .iter()
                .map(|&(x, y, p)| if p { AsRel::p2p(a(x), a(y)) } else { AsRel::p2c(a(x), a(y)) })
                .collect();
            let r = AsRelations::from_records(&recs);
            for &(x, y) in &probes {
                prop_assert_eq!(r.relationship(a(x), a(y)), linear(&recs, a(x), a(y)));
            }
            for x in 0..42u32 {
                for (class, want) in [
                    (r.providers_of(a(x)), Relation::Provider),
                    (r.customers_of(a(x)), Relation::Customer),
                    (r.peers_of(a(x)), Relation::Peer),
                ] {
                    let expect: Vec<Asn> = (0..42u32)
                        .map(a)
                        .filter(|&y| linear(&recs, a(x), y) == Some(want))
                        .collect();
                    prop_assert_eq!(class.to_vec(), expect);
                }
            }
        }
    }
}
