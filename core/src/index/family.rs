//! One address family of the VRP index: the distinct VRP prefixes as a
//! forest (each prefix points to the nearest less-specific VRP prefix), a
//! flattened sorted-interval map from addresses to the innermost VRP prefix
//! containing them, and the VRPs themselves in a compact hot array.
//!
//! VRP prefixes are laminar: two prefixes are either nested or disjoint. The
//! boundaries of all prefixes therefore cut the address space into
//! elementary intervals, each lying inside one chain of nested prefixes whose
//! innermost member is the interval's *owner*. A route prefix `P` of length
//! `L` is covered exactly by the members of the owner chain of `P`'s first
//! address whose length is at most `L`: one directory probe, a short binary
//! search inside a bucket, then a walk to less-specific ancestors (RFC 6811
//! needs all of them). The flattening is the shared [`super::cover`]
//! building block; the parent chain lives here, in the packed node words.

use super::cover::{Intervals, IntervalsBuilder};
pub(crate) use super::cover::{Key, NONE};
use super::Lookup;

/// One word of the packed node array. A node (a distinct VRP prefix) is a
/// header word — parent header offset in bits 0..32, prefix length in bits
/// 32..40 — followed by one word per VRP with that prefix — origin AS in
/// bits 0..32, max length in bits 32..40, bit 40 set on the node's last VRP.
/// A node and its VRPs thus share a cache line in the common case.
const LAST: u64 = 1 << 40;

#[inline]
fn parent_of(header: u64) -> u32 {
    header as u32
}

#[inline]
fn len_of(word: u64) -> u8 {
    (word >> 32) as u8
}

/// A VRP as the builder sees it, before sorting.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rec<K> {
    /// Prefix address.
    pub key: K,
    /// Prefix length.
    pub len: u8,
    /// Max length.
    pub max_len: u8,
    /// Origin AS.
    pub asn: u32,
    /// Position in the caller's slice.
    pub idx: u32,
}

/// One VRP read back from the index (cold path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry<K> {
    /// Prefix address.
    pub key: K,
    /// Prefix length.
    pub len: u8,
    /// Max length.
    pub max_len: u8,
    /// Origin AS.
    pub asn: u32,
    /// Position in the family's VRP order (for the cold side arrays).
    pub pos: usize,
}

/// The per-family index.
#[derive(Clone, Debug, Default)]
pub(crate) struct FamilyIndex<K> {
    /// The elementary intervals; each owner is a node's header offset.
    intervals: Intervals<K, true>,
    /// Packed nodes in (address, length) order; see [`LAST`].
    words: Vec<u64>,
    /// Header offset of each node, ascending (cold: maps a header back to
    /// its node number).
    headers: Vec<u32>,
    /// Address of each node (cold).
    node_keys: Vec<K>,
    /// Number of VRPs.
    vrps: usize,
}

impl<K: Key> FamilyIndex<K> {
    /// Builds from records sorted by `(key, len)`; VRP positions follow the
    /// order of `recs`.
    pub(crate) fn build(recs: &[Rec<K>]) -> Self {
        let mut words: Vec<u64> = Vec::with_capacity(recs.len() * 2);
        let mut headers: Vec<u32> = Vec::new();
        let mut node_keys: Vec<K> = Vec::new();
        let mut intervals = IntervalsBuilder::with_capacity(recs.len());

        let mut prev: Option<(K, u8)> = None;
        for r in recs {
            if prev != Some((r.key, r.len)) {
                prev = Some((r.key, r.len));
                if let Some(w) = words.last_mut() {
                    *w |= LAST;
                }
                let h = u32::try_from(words.len()).unwrap_or(NONE);
                let parent = intervals.push(r.key, r.len, h);
                words.push(u64::from(parent) | u64::from(r.len) << 32);
                headers.push(h);
                node_keys.push(r.key);
            }
            words.push(u64::from(r.asn) | u64::from(r.max_len) << 32);
        }
        if let Some(w) = words.last_mut() {
            *w |= LAST;
        }
        // An empty family gets no directory: `owner_of` then finds no owner,
        // and a small index does not pay 256 KiB per family for it.
        let intervals = intervals.finish();

        words.shrink_to_fit();
        headers.shrink_to_fit();
        node_keys.shrink_to_fit();
        FamilyIndex {
            intervals,
            words,
            headers,
            node_keys,
            vrps: recs.len(),
        }
    }

    /// Bytes allocated on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.intervals.heap_bytes()
            + self.words.capacity() * size_of::<u64>()
            + self.headers.capacity() * size_of::<u32>()
            + self.node_keys.capacity() * size_of::<K>()
    }

    /// Number of VRPs.
    pub(crate) fn len(&self) -> usize {
        self.vrps
    }

    /// Number of elementary intervals (for statistics).
    pub(crate) fn intervals(&self) -> usize {
        self.intervals.len()
    }

    /// Number of distinct VRP prefixes.
    pub(crate) fn prefixes(&self) -> usize {
        self.node_keys.len()
    }

    /// Header offset of the longest VRP prefix covering the route
    /// `(addr, len)`, or [`NONE`].
    #[inline]
    pub(crate) fn first_covering(&self, addr: K, len: u8) -> u32 {
        let mut h = self.intervals.owner_of(addr);
        while let Some(&header) = self.words.get(h as usize) {
            if len_of(header) <= len {
                return h;
            }
            h = parent_of(header);
        }
        NONE
    }

    /// Scans the VRPs covering the route `(addr, len)` for `origin`
    /// (`None`: nothing can match).
    #[inline]
    pub(crate) fn scan(&self, addr: K, len: u8, origin: Option<u32>) -> Lookup {
        let mut h = self.first_covering(addr, len);
        if h == NONE {
            return Lookup::Uncovered;
        }
        let Some(o) = origin else {
            return Lookup::Unmatched { has_origin: false };
        };
        let mut length = false;
        while let Some(&header) = self.words.get(h as usize) {
            let mut i = h as usize + 1;
            while let Some(&w) = self.words.get(i) {
                if w as u32 == o {
                    if len <= len_of(w) {
                        return Lookup::Matched;
                    }
                    length = true;
                }
                if w & LAST != 0 {
                    break;
                }
                i += 1;
            }
            h = parent_of(header);
        }
        Lookup::Unmatched { has_origin: length }
    }

    /// Calls `f` on every VRP covering the route `(addr, len)`, longest
    /// prefix first.
    pub(crate) fn for_each_covering(&self, addr: K, len: u8, mut f: impl FnMut(Entry<K>)) {
        let mut h = self.first_covering(addr, len);
        while let Some(&header) = self.words.get(h as usize) {
            let Ok(node) = self.headers.binary_search(&h) else {
                return;
            };
            let key = self.node_keys.get(node).copied().unwrap_or_default();
            // VRP positions skip the `node + 1` headers up to this one.
            let mut i = h as usize + 1;
            while let Some(&w) = self.words.get(i) {
                f(Entry {
                    key,
                    len: len_of(header),
                    max_len: len_of(w),
                    asn: w as u32,
                    pos: i.saturating_sub(node + 1),
                });
                if w & LAST != 0 {
                    break;
                }
                i += 1;
            }
            h = parent_of(header);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(key: u32, len: u8) -> Rec<u32> {
        Rec {
            key,
            len,
            max_len: len,
            asn: 1,
            idx: 0,
        }
    }

    #[test]
    fn intervals_nested_and_adjacent() {
        // 10.0.0.0/8, 10.0.0.0/16, 10.1.0.0/16, 11.0.0.0/8
        let recs = [
            rec(0x0a00_0000, 8),
            rec(0x0a00_0000, 16),
            rec(0x0a01_0000, 16),
            rec(0x0b00_0000, 8),
        ];
        let f = FamilyIndex::build(&recs);
        assert_eq!(
            f.intervals.parts().0,
            vec![
                0,
                0x0a00_0000,
                0x0a01_0000,
                0x0a02_0000,
                0x0b00_0000,
                0x0c00_0000
            ]
        );
        // Headers at word offsets 0, 2, 4, 6.
        assert_eq!(f.headers, vec![0, 2, 4, 6]);
        assert_eq!(f.intervals.parts().1, [NONE, 2, 4, 0, 6, NONE]);
        let parents: Vec<u32> = f
            .headers
            .iter()
            .map(|h| parent_of(f.words[*h as usize]))
            .collect();
        assert_eq!(parents, vec![NONE, 0, 0, NONE]);
        assert_eq!(f.first_covering(0x0a00_0000, 24), 2);
        assert_eq!(f.first_covering(0x0a00_0000, 8), 0);
        assert_eq!(f.first_covering(0x0a00_0000, 7), NONE);
        assert_eq!(f.first_covering(0x0a05_0000, 16), 0);
        assert_eq!(f.first_covering(0x0bff_ff00, 24), 6);
        assert_eq!(f.scan(0x0a00_0000, 16, Some(1)), Lookup::Matched);
        assert_eq!(
            f.scan(0x0a00_0000, 17, Some(1)),
            Lookup::Unmatched { has_origin: true }
        );
        assert_eq!(
            f.scan(0x0a00_0000, 16, Some(2)),
            Lookup::Unmatched { has_origin: false }
        );
        assert_eq!(
            f.scan(0x0a00_0000, 16, None),
            Lookup::Unmatched { has_origin: false }
        );
        assert_eq!(f.scan(0x0c00_0000, 16, Some(1)), Lookup::Uncovered);
        let mut seen = Vec::new();
        f.for_each_covering(0x0a01_0000, 24, |e| seen.push((e.key, e.len, e.pos)));
        assert_eq!(seen, vec![(0x0a01_0000, 16, 2), (0x0a00_0000, 8, 0)]);
        assert_eq!(f.first_covering(0x0c00_0000, 24), NONE);
        assert_eq!(f.first_covering(0x0900_0000, 24), NONE);
    }

    #[test]
    fn whole_space_and_top_edge() {
        let recs = [rec(0, 0), rec(0xffff_ff00, 24), rec(0xffff_ffff, 32)];
        let f = FamilyIndex::build(&recs);
        assert_eq!(f.intervals.parts().0, vec![0, 0xffff_ff00, 0xffff_ffff]);
        assert_eq!(f.intervals.parts().1, [0, 2, 4]);
        assert_eq!(f.first_covering(0xffff_ffff, 32), 4);
        assert_eq!(f.first_covering(0xffff_fffe, 31), 2);
        assert_eq!(f.first_covering(0xffff_fe00, 23), 0);
        assert_eq!(f.first_covering(0, 0), 0);
        assert_eq!(u32::span_end(0, 0), None);
        assert_eq!(u32::span_end(0xffff_ffff, 32), None);
        assert_eq!(u32::span_end(0xffff_fffe, 32), Some(0xffff_ffff));
        assert_eq!(u128::span_end(0, 0), None);
        assert_eq!(u128::span_end(0, 1), Some(1u128 << 127));
    }

    #[test]
    fn empty() {
        let f = FamilyIndex::<u128>::build(&[]);
        assert_eq!(f.first_covering(0, 0), NONE);
        assert_eq!(f.len(), 0);
        assert_eq!(f.scan(0, 0, None), Lookup::Uncovered);
        assert_eq!(f.first_covering(u128::MAX, 128), NONE);
        assert_eq!(
            f.heap_bytes(),
            std::mem::size_of::<u128>() + 4,
            "no directory"
        );
    }
}
