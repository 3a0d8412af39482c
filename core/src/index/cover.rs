//! The laminar prefix-cover index shared by the VRP index (RFC 6811 route
//! origin validation, [`super::family`]) and the bogon checker (RFC 6890
//! special-purpose blocks and operators' lists, `validate::bogon`).
//!
//! IP prefixes are laminar: two prefixes are either nested or disjoint. The
//! boundaries of a set of prefixes therefore cut one address family into
//! elementary intervals, each lying inside one chain of nested prefixes
//! whose innermost member is the interval's *owner*. [`Intervals`] is that
//! flattening: sorted interval starts, the owner of each, and a directory on
//! the top address bits so that finding the owner of an address is one probe
//! plus a short binary search. The prefixes covering a prefix `P` of length
//! `L` are exactly the members of the owner chain of `P`'s first address
//! whose length is at most `L`.
//!
//! [`Intervals`] stores only owner ids; how a caller walks from an entry to
//! its parent is its own business (the VRP index keeps parents in its packed
//! node words, next to the VRPs). [`CoverSet`] adds the plain chain arrays
//! on top and answers "the covering entries, innermost first".

/// "No entry": an interval covered by nothing, or an entry without parent.
pub(crate) const NONE: u32 = u32::MAX;

/// An address left-aligned in the family's width: `u32` for IPv4, `u128`
/// for IPv6.
pub(crate) trait Key: Copy + Ord + Default + std::fmt::Debug {
    /// Address width in bits.
    const BITS: u32;
    /// Bits used for the top-level directory.
    const DIR_BITS: u32;
    /// From the crate's left-aligned `u128` representation.
    fn from_bits(bits: u128) -> Self;
    /// To the crate's left-aligned `u128` representation.
    fn to_bits(self) -> u128;
    /// The directory bucket of an address (its top `DIR_BITS` bits).
    fn bucket(self) -> usize;
    /// The first address after a prefix starting here with length `len`, or
    /// `None` when the prefix reaches the end of the address space.
    fn span_end(self, len: u8) -> Option<Self>;
}

impl Key for u32 {
    const BITS: u32 = 32;
    const DIR_BITS: u32 = 16;
    #[inline]
    fn from_bits(bits: u128) -> Self {
        (bits >> 96) as u32
    }
    #[inline]
    fn to_bits(self) -> u128 {
        u128::from(self) << 96
    }
    #[inline]
    fn bucket(self) -> usize {
        (self >> (<Self as Key>::BITS - Self::DIR_BITS)) as usize
    }
    #[inline]
    fn span_end(self, len: u8) -> Option<Self> {
        let shift = <Self as Key>::BITS.checked_sub(u32::from(len))?;
        let size = 1u32
            .checked_shl(shift)
            .filter(|_| shift < <Self as Key>::BITS)?;
        self.checked_add(size)
    }
}

impl Key for u128 {
    const BITS: u32 = 128;
    const DIR_BITS: u32 = 16;
    #[inline]
    fn from_bits(bits: u128) -> Self {
        bits
    }
    #[inline]
    fn to_bits(self) -> u128 {
        self
    }
    #[inline]
    fn bucket(self) -> usize {
        (self >> (<Self as Key>::BITS - Self::DIR_BITS)) as usize
    }
    #[inline]
    fn span_end(self, len: u8) -> Option<Self> {
        let shift = <Self as Key>::BITS.checked_sub(u32::from(len))?;
        let size = 1u128
            .checked_shl(shift)
            .filter(|_| shift < <Self as Key>::BITS)?;
        self.checked_add(size)
    }
}

/// The elementary intervals of a laminar prefix set and the innermost entry
/// (owner) of each. With `DIR` a directory on the top address bits narrows
/// each search to one bucket (the VRP index: hundreds of thousands of
/// intervals); without, a binary search runs over all starts (bogon lists:
/// small, and `4 << DIR_BITS` bytes per list not worth it). A constant, so
/// that each hot path compiles to its own loop without a branch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Intervals<K, const DIR: bool> {
    /// Start address of each interval, ascending; the first is 0.
    starts: Vec<K>,
    /// The caller's id of each interval's owner, or [`NONE`].
    owners: Vec<u32>,
    /// `dir[b]..dir[b + 1]` are the intervals starting in bucket `b`; empty
    /// without `DIR` or without entries.
    dir: Vec<u32>,
}

/// Builds [`Intervals`] from entries pushed in `(address, length)` order.
#[derive(Debug)]
pub(crate) struct IntervalsBuilder<K> {
    starts: Vec<K>,
    owners: Vec<u32>,
    /// Open entries, innermost last: (id, end address or `None` for the end
    /// of the space).
    stack: Vec<(u32, Option<K>)>,
    entries: usize,
}

impl<K: Key> IntervalsBuilder<K> {
    /// An empty builder with room for about `entries` entries.
    pub(crate) fn with_capacity(entries: usize) -> Self {
        let mut starts = Vec::with_capacity(entries.saturating_mul(2).saturating_add(1));
        let mut owners = Vec::with_capacity(starts.capacity());
        starts.push(K::default());
        owners.push(NONE);
        IntervalsBuilder {
            starts,
            owners,
            stack: Vec::new(),
            entries: 0,
        }
    }

    /// Adds the prefix `(key, len)` under the caller's `id` and returns the
    /// id of its parent (the innermost earlier entry containing it), or
    /// [`NONE`]. Entries must come sorted by `(key, len)` without repeats.
    pub(crate) fn push(&mut self, key: K, len: u8, id: u32) -> u32 {
        self.close_until(Some(key));
        let parent = self.stack.last().map_or(NONE, |(p, _)| *p);
        self.emit(key, id);
        self.stack.push((id, key.span_end(len)));
        self.entries += 1;
        parent
    }

    /// The finished intervals; with a directory when `DIR` and there are
    /// entries (an empty family does not pay 256 KiB for one).
    pub(crate) fn finish<const DIR: bool>(mut self) -> Intervals<K, DIR> {
        self.close_until(None);
        let IntervalsBuilder {
            mut starts,
            mut owners,
            entries,
            ..
        } = self;
        // dir[b] = first interval whose start lies in bucket >= b.
        let mut dir: Vec<u32> = Vec::new();
        if DIR && entries > 0 {
            let buckets = 1usize << K::DIR_BITS;
            dir.reserve_exact(buckets + 1);
            let mut i = 0usize;
            for b in 0..=buckets {
                while starts.get(i).is_some_and(|s| s.bucket() < b) {
                    i += 1;
                }
                dir.push(u32::try_from(i).unwrap_or(NONE));
            }
        }
        starts.shrink_to_fit();
        owners.shrink_to_fit();
        Intervals {
            starts,
            owners,
            dir,
        }
    }

    /// Appends an interval start, replacing the last one when it starts at
    /// the same address and skipping it when the owner does not change.
    fn emit(&mut self, at: K, owner: u32) {
        if self.starts.last() == Some(&at) {
            if let Some(o) = self.owners.last_mut() {
                *o = owner;
            }
            // Merge with the interval before when the owner is now the same.
            let n = self.owners.len();
            if n >= 2 && self.owners.get(n - 2) == Some(&owner) {
                self.starts.pop();
                self.owners.pop();
            }
            return;
        }
        if self.owners.last() == Some(&owner) {
            return;
        }
        self.starts.push(at);
        self.owners.push(owner);
    }

    /// Pops open entries that end at or before `upto` (all of them for
    /// `None`), emitting the interval that returns to each one's parent.
    fn close_until(&mut self, upto: Option<K>) {
        while let Some(&(_, end)) = self.stack.last() {
            let closes = match (end, upto) {
                (None, None) | (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some(e), Some(u)) => e <= u,
            };
            if !closes {
                break;
            }
            self.stack.pop();
            if let Some(e) = end {
                let parent = self.stack.last().map_or(NONE, |(p, _)| *p);
                self.emit(e, parent);
            }
        }
    }
}

impl<K: Key, const DIR: bool> Intervals<K, DIR> {
    /// The id of the innermost entry containing `addr`, or [`NONE`].
    #[inline]
    pub(crate) fn owner_of(&self, addr: K) -> u32 {
        let (lo, within) = if !DIR {
            (0, self.starts.partition_point(|k| *k <= addr))
        } else {
            let b = addr.bucket();
            let lo = self.dir.get(b).copied().unwrap_or(0) as usize;
            let hi = self.dir.get(b + 1).copied().unwrap_or(0) as usize;
            let within = self
                .starts
                .get(lo..hi)
                .map_or(0, |s| s.partition_point(|k| *k <= addr));
            (lo, within)
        };
        // `starts[0] == 0`, so some interval always starts at or before `addr`.
        match (lo + within).checked_sub(1) {
            Some(i) => self.owners.get(i).copied().unwrap_or(NONE),
            None => NONE,
        }
    }

    /// Number of elementary intervals.
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Bytes allocated on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.starts.capacity() * size_of::<K>()
            + self.owners.capacity() * size_of::<u32>()
            + self.dir.capacity() * size_of::<u32>()
    }

    /// The interval starts and owners (unit tests).
    #[cfg(test)]
    pub(crate) fn parts(&self) -> (&[K], &[u32]) {
        (&self.starts, &self.owners)
    }
}

/// A laminar set of prefixes of one family, each with a caller's id,
/// answering which entries cover a prefix, innermost first.
#[derive(Clone, Debug, Default)]
pub(crate) struct CoverSet<K> {
    intervals: Intervals<K, false>,
    /// Per entry (in `(address, length)` order): its length.
    lens: Vec<u8>,
    /// Per entry: the index of its parent entry, or [`NONE`].
    parents: Vec<u32>,
    /// Per entry: the caller's id.
    ids: Vec<u32>,
}

impl<K: Key> CoverSet<K> {
    /// Builds from `(address, length, id)`; of identical prefixes the
    /// smallest id is kept.
    pub(crate) fn build(mut items: Vec<(K, u8, u32)>) -> Self {
        items.sort_unstable();
        items.dedup_by_key(|e| (e.0, e.1));
        let mut b = IntervalsBuilder::with_capacity(items.len());
        let mut set = CoverSet {
            intervals: Intervals::default(),
            lens: Vec::with_capacity(items.len()),
            parents: Vec::with_capacity(items.len()),
            ids: Vec::with_capacity(items.len()),
        };
        for (k, &(key, len, id)) in (0u32..).zip(items.iter()) {
            set.parents.push(b.push(key, len, k));
            set.lens.push(len);
            set.ids.push(id);
        }
        set.intervals = b.finish();
        set
    }

    /// The id of the longest entry covering the prefix `(key, len)`.
    #[inline]
    pub(crate) fn first_covering(&self, key: K, len: u8) -> Option<u32> {
        let mut node = self.intervals.owner_of(key) as usize;
        loop {
            if *self.lens.get(node)? <= len {
                return self.ids.get(node).copied();
            }
            node = *self.parents.get(node)? as usize;
        }
    }

    /// The ids of the entries covering the prefix `(key, len)`, longest
    /// (innermost) first. (Only the tests walk the whole chain today; the
    /// VRP index walks its own, packed beside the VRPs.)
    #[cfg(test)]
    pub(crate) fn covering(&self, key: K, len: u8) -> impl Iterator<Item = u32> + '_ {
        let mut node = self.intervals.owner_of(key);
        // Skip the owner chain's members longer than the prefix.
        while let Some(&l) = self.lens.get(node as usize) {
            if l <= len {
                break;
            }
            node = self.parents.get(node as usize).copied().unwrap_or(NONE);
        }
        std::iter::from_fn(move || {
            let k = node as usize;
            let id = *self.ids.get(k)?;
            node = self.parents.get(k).copied().unwrap_or(NONE);
            Some(id)
        })
    }

    /// Number of distinct prefixes.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Bytes allocated on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.intervals.heap_bytes()
            + self.lens.capacity()
            + self.parents.capacity() * 4
            + self.ids.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    /// Whether `(ek, el)` covers `(k, l)`, for `u32` keys.
    fn covers(ek: u32, el: u8, k: u32, l: u8) -> bool {
        let mask = |len: u8| u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
        el <= l && k & mask(el) == ek
    }

    /// The obvious reference: every entry covering the prefix, longest
    /// first, ties (identical prefixes) to the smallest id.
    fn linear(items: &[(u32, u8, u32)], k: u32, l: u8) -> Vec<u32> {
        let mut hits: Vec<(u8, u32)> = items
            .iter()
            .filter(|e| covers(e.0, e.1, k, l))
            .map(|e| (e.1, e.2))
            .collect();
        hits.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.dedup_by_key(|e| e.0);
        hits.into_iter().map(|e| e.1).collect()
    }

    fn canonical(k: u32, l: u8) -> u32 {
        k & u32::MAX.checked_shl(32 - u32::from(l)).unwrap_or(0)
    }

    fn arb_prefix() -> impl Strategy<Value = (u32, u8)> {
        // Few distinct high bits, so that entries nest and collide often.
        (0u32..8, any::<u32>(), 0u8..=32).prop_map(|(hi, lo, l)| {
            let k = (hi << 29) | (lo >> 3 & if l > 10 { u32::MAX } else { 0x1fc0_0000 });
            (canonical(k, l), l)
        })
    }

    #[test]
    fn nested_adjacent_and_edges() {
        // 10/8, 10.0/16, 10.1/16, 11/8, 255.255.255.255/32, and 0/0.
        let items: Vec<(u32, u8, u32)> = vec![
            (0x0a00_0000, 8, 10),
            (0x0a00_0000, 16, 11),
            (0x0a01_0000, 16, 12),
            (0x0b00_0000, 8, 13),
            (0xffff_ffff, 32, 14),
            (0, 0, 15),
        ];
        let s = CoverSet::build(items);
        assert_eq!(s.len(), 6);
        let got = |k, l| s.covering(k, l).collect::<Vec<_>>();
        assert_eq!(got(0x0a00_0001, 32), vec![11, 10, 15]);
        assert_eq!(got(0x0a01_0000, 16), vec![12, 10, 15]);
        assert_eq!(got(0x0a02_0000, 16), vec![10, 15]);
        assert_eq!(got(0x0a00_0000, 7), vec![15]);
        assert_eq!(got(0xffff_ffff, 32), vec![14, 15]);
        assert_eq!(got(0xffff_fffe, 31), vec![15]);
        assert_eq!(s.first_covering(0x0bff_0000, 16), Some(13));
        assert_eq!(
            CoverSet::<u128>::build(Vec::new()).first_covering(0, 0),
            None
        );
    }

    #[test]
    fn owner_intervals_are_minimal() {
        let mut b = IntervalsBuilder::<u32>::with_capacity(3);
        assert_eq!(b.push(0x0a00_0000, 8, 0), NONE);
        assert_eq!(b.push(0x0a00_0000, 16, 1), 0);
        assert_eq!(b.push(0x0a01_0000, 16, 2), 0);
        let i: Intervals<u32, false> = b.finish();
        let (starts, owners) = i.parts();
        assert_eq!(
            starts,
            [0, 0x0a00_0000, 0x0a01_0000, 0x0a02_0000, 0x0b00_0000]
        );
        assert_eq!(owners, [NONE, 1, 2, 0, NONE]);
        assert_eq!(i.heap_bytes(), 5 * 4 + 5 * 4, "no directory");
    }

    proptest! {
        #[test]
        fn cover_set_matches_linear_scan(
            entries in proptest::collection::vec(arb_prefix(), 0..60),
            queries in proptest::collection::vec(arb_prefix(), 1..40),
        ) {
            let items: Vec<(u32, u8, u32)> =
                entries.iter().zip(0u32..).map(|(&(k, l), id)| (k, l, id)).collect();
            let set = CoverSet::build(items.clone());
            // The same set with a directory, and in u128 keys.
            let mut b = IntervalsBuilder::<u32>::with_capacity(items.len());
            let mut sorted = items.clone();
            sorted.sort_unstable();
            sorted.dedup_by_key(|e| (e.0, e.1));
            for &(k, l, id) in &sorted {
                b.push(k, l, id);
            }
            let with_dir: Intervals<u32, true> = b.finish();
            let wide = CoverSet::<u128>::build(
                items.iter().map(|&(k, l, id)| (u128::from_bits(k.to_bits()), l, id)).collect(),
            );
            for &(k, l) in queries.iter().chain(entries.iter()) {
                let want = linear(&items, k, l);
                prop_assert_eq!(set.covering(k, l).collect::<Vec<_>>(), want.clone());
                prop_assert_eq!(set.first_covering(k, l), want.first().copied());
                prop_assert_eq!(
                    wide.covering(u32::to_bits(k), l).collect::<Vec<_>>(),
                    want.clone()
                );
                // The directory answers the same owner as the plain search.
                prop_assert_eq!(with_dir.owner_of(k), {
                    let inner = linear(&sorted, k, 32);
                    inner.first().copied().unwrap_or(NONE)
                });
            }
        }
    }
}
