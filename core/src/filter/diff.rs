//! The audit of a router's prefix filter: the list a router holds (read by
//! [`parse::prefix_list`](crate::parse::prefix_list)) against the list
//! routeguard would generate from IRR route objects (RFC 2622 §5) and
//! RPKI, as ranges (RFC 2622 §2 range operators, prefix-list `ge`/`le`).
//!
//! Two views of the difference ([`diff_ranges`]):
//! - entries: per prefix, entries only the router has (extra), only the
//!   generated list has (missing), or both with other lengths (changed),
//!   and the size change;
//! - routes: the routes (prefix and length) one list accepts and the
//!   other does not, summed per entry of the accepting list with one
//!   example route ([`accepted_only`]). Two lists can differ in entries
//!   and accept the same routes (`10.0.0.0/8 le 9` against `10.0.0.0/8`,
//!   `10.0.0.0/9`, `10.128.0.0/9`).
//!
//! ```
//! use routeguard::filter::diff::diff_ranges;
//! use routeguard::model::PrefixRange;
//! let r = |p: &str, lo, hi| PrefixRange::new(p.parse().unwrap(), lo, hi).unwrap();
//! let router = [r("10.0.0.0/8", 8, 24), r("192.0.2.0/24", 24, 24)];
//! let expected = [r("10.0.0.0/8", 8, 16), r("198.51.100.0/24", 24, 24)];
//! let d = diff_ranges(&router, &expected);
//! assert_eq!(d.changed.len(), 1);
//! assert_eq!(d.extra, [r("192.0.2.0/24", 24, 24)]);
//! assert_eq!(d.missing, [r("198.51.100.0/24", 24, 24)]);
//! // 10.0.0.0/8 le 24 accepts 2^17 + … + 2^9 routes of lengths 17 to 24 beyond the expected list.
//! assert_eq!(d.only_router[0].routes, (17..=24).map(|l| 1u128 << (l - 8)).sum::<u128>());
//! assert_eq!(d.only_router[0].example.to_string(), "10.0.0.0/17");
//! ```

use std::collections::{BTreeMap, HashMap};

use crate::model::{Family, Prefix, PrefixRange};

/// One prefix whose entries differ between the two lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedEntry {
    /// The prefix.
    pub prefix: Prefix,
    /// The router's `(low, high)` ranges for it, sorted.
    pub router: Vec<(u8, u8)>,
    /// The generated list's ranges for it, sorted.
    pub expected: Vec<(u8, u8)>,
}

/// Routes one list accepts through one of its entries that the other list
/// does not accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteGap {
    /// The entry of the accepting list.
    pub entry: PrefixRange,
    /// How many routes (prefix and length) it accepts that the other list
    /// does not; saturates at `u128::MAX`.
    pub routes: u128,
    /// The first such route (shortest length, lowest address).
    pub example: Prefix,
}

/// The difference of a router's list and the generated one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterDiff {
    /// Entries of the generated list whose prefix the router's list lacks.
    pub missing: Vec<PrefixRange>,
    /// Entries of the router's list whose prefix the generated list lacks.
    pub extra: Vec<PrefixRange>,
    /// Prefixes in both lists with other lengths.
    pub changed: Vec<ChangedEntry>,
    /// Entries (distinct ranges) the two lists share.
    pub unchanged: usize,
    /// Distinct ranges of the router's list.
    pub router_entries: usize,
    /// Distinct ranges of the generated list.
    pub expected_entries: usize,
    /// Routes the router accepts that the generated list does not, per
    /// router entry (sorted by entry).
    pub only_router: Vec<RouteGap>,
    /// Routes the generated list accepts that the router does not, per
    /// generated entry (sorted by entry).
    pub only_expected: Vec<RouteGap>,
}

impl FilterDiff {
    /// The generated list's size minus the router's, in entries: what
    /// replacing the router's list would change.
    pub fn size_change(&self) -> i64 {
        let e = i64::try_from(self.expected_entries).unwrap_or(i64::MAX);
        let r = i64::try_from(self.router_entries).unwrap_or(i64::MAX);
        e.saturating_sub(r)
    }

    /// Whether the two lists have the same entries.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.changed.is_empty()
    }

    /// Whether the two lists accept the same routes (possibly through
    /// other entries).
    pub fn is_equivalent(&self) -> bool {
        self.only_router.is_empty() && self.only_expected.is_empty()
    }

    /// Routes the router accepts beyond the generated list, summed over its
    /// entries (saturating).
    pub fn routes_only_router(&self) -> u128 {
        self.only_router
            .iter()
            .fold(0u128, |a, g| a.saturating_add(g.routes))
    }

    /// Routes the generated list accepts that the router does not, summed
    /// over its entries (saturating).
    pub fn routes_only_expected(&self) -> u128 {
        self.only_expected
            .iter()
            .fold(0u128, |a, g| a.saturating_add(g.routes))
    }
}

/// Compares the router's ranges with the generated ones (each taken as a
/// set: order and duplicates do not matter).
pub fn diff_ranges(router: &[PrefixRange], expected: &[PrefixRange]) -> FilterDiff {
    let by_prefix = |v: &[PrefixRange]| {
        let mut m: BTreeMap<Prefix, Vec<(u8, u8)>> = BTreeMap::new();
        for r in v {
            m.entry(r.prefix).or_default().push((r.low, r.high));
        }
        for l in m.values_mut() {
            l.sort_unstable();
            l.dedup();
        }
        m
    };
    let (rm, em) = (by_prefix(router), by_prefix(expected));
    let mut d = FilterDiff {
        router_entries: rm.values().map(Vec::len).sum(),
        expected_entries: em.values().map(Vec::len).sum(),
        ..FilterDiff::default()
    };
    let ranges = |p: &Prefix, l: &[(u8, u8)]| -> Vec<PrefixRange> {
        l.iter()
            .filter_map(|(lo, hi)| PrefixRange::new(*p, *lo, *hi))
            .collect()
    };
    for (p, rl) in &rm {
        match em.get(p) {
            None => d.extra.extend(ranges(p, rl)),
            Some(el) if el == rl => d.unchanged += rl.len(),
            Some(el) => {
                d.unchanged += rl.iter().filter(|x| el.contains(x)).count();
                d.changed.push(ChangedEntry {
                    prefix: *p,
                    router: rl.clone(),
                    expected: el.clone(),
                });
            }
        }
    }
    for (p, el) in &em {
        if !rm.contains_key(p) {
            d.missing.extend(ranges(p, el));
        }
    }
    d.only_router = accepted_only(router, expected);
    d.only_expected = accepted_only(expected, router);
    d
}

/// Per entry of `a`, the routes it accepts that no entry of `b` accepts
/// (entries of `a` with none are left out), sorted by entry. A route that
/// two entries of `a` accept counts in each.
pub fn accepted_only(a: &[PrefixRange], b: &[PrefixRange]) -> Vec<RouteGap> {
    let index = Index::new(b);
    let mut entries: Vec<PrefixRange> = a.to_vec();
    entries.sort_unstable();
    entries.dedup();
    entries.into_iter().filter_map(|e| index.gap(&e)).collect()
}

/// The ranges of `b` by prefix, and sorted per family for the walk under a
/// prefix.
struct Index {
    by_prefix: HashMap<Prefix, Vec<(u8, u8)>>,
    /// (family, bits, len, low, high), sorted.
    sorted: Vec<(Family, u128, u8, u8, u8)>,
}

/// `2^shift`, saturating.
fn pow2(shift: u32) -> u128 {
    1u128.checked_shl(shift).unwrap_or(u128::MAX)
}

/// The host bits of a prefix of length `len` (left-aligned in 128 bits).
fn host_mask(len: u8) -> u128 {
    match len {
        0 => u128::MAX,
        l if l >= 128 => 0,
        l => (1u128 << (128 - u32::from(l))) - 1,
    }
}

impl Index {
    fn new(b: &[PrefixRange]) -> Self {
        let mut by_prefix: HashMap<Prefix, Vec<(u8, u8)>> = HashMap::new();
        let mut sorted = Vec::with_capacity(b.len());
        for r in b {
            by_prefix.entry(r.prefix).or_default().push((r.low, r.high));
            sorted.push((
                r.prefix.family(),
                r.prefix.bits(),
                r.prefix.len(),
                r.low,
                r.high,
            ));
        }
        sorted.sort_unstable();
        sorted.dedup();
        Index { by_prefix, sorted }
    }

    /// The ranges of `b` on prefixes covering `e.prefix` (itself included).
    fn ancestor_ranges(&self, e: &PrefixRange) -> Vec<(u8, u8)> {
        (0..=e.prefix.len())
            .filter_map(|len| e.prefix.truncate(len).and_then(|q| self.by_prefix.get(&q)))
            .flatten()
            .copied()
            .collect()
    }

    fn gap(&self, e: &PrefixRange) -> Option<RouteGap> {
        let fam = e.prefix.family();
        let (start, end) = (e.prefix.bits(), e.prefix.bits() | host_mask(e.prefix.len()));
        // Ranges on prefixes strictly inside e.prefix.
        let from = self.sorted.partition_point(|x| (x.0, x.1) < (fam, start));
        let inner: Vec<(u128, u8, u8, u8)> = self
            .sorted
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|x| x.0 == fam && x.1 <= end)
            .filter(|x| x.2 > e.prefix.len())
            .map(|x| (x.1, x.2, x.3, x.4))
            .collect();
        let mut total = 0u128;
        let mut example: Option<Prefix> = None;
        let mut kept: Vec<(u128, u128, u8)> = Vec::new();
        let ancestors = self.ancestor_ranges(e);
        for l in e.low..=e.high {
            if ancestors.iter().any(|(lo, hi)| (*lo..=*hi).contains(&l)) {
                continue;
            }
            // Disjoint address blocks of inner ranges accepting length l
            // (a nested one inside a kept one adds nothing).
            kept.clear();
            for (bits, len, lo, hi) in &inner {
                if *len > l || !(*lo..=*hi).contains(&l) {
                    continue;
                }
                if kept.last().is_some_and(|(_, ke, _)| *bits <= *ke) {
                    continue;
                }
                kept.push((*bits, bits | host_mask(*len), *len));
            }
            let shift = |len: u8| u32::from(l.saturating_sub(len));
            let all = pow2(shift(e.prefix.len()));
            let covered = kept
                .iter()
                .fold(0u128, |a, (_, _, len)| a.saturating_add(pow2(shift(*len))));
            let missing = all.saturating_sub(covered);
            if missing == 0 {
                continue;
            }
            total = total.saturating_add(missing);
            if example.is_none() {
                let mut cursor = start;
                for (s, en, _) in &kept {
                    if *s > cursor {
                        break;
                    }
                    cursor = en.wrapping_add(1);
                }
                example = Prefix::from_bits(fam, cursor, l).ok();
            }
        }
        Some(RouteGap {
            entry: *e,
            routes: total,
            example: example?,
        })
        .filter(|g| g.routes > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(p: &str, lo: u8, hi: u8) -> PrefixRange {
        PrefixRange::new(p.parse().unwrap(), lo, hi).unwrap()
    }

    #[test]
    fn entries_view() {
        let router = [
            r("10.0.0.0/8", 8, 24),
            r("10.0.0.0/8", 30, 32),
            r("192.0.2.0/24", 24, 24),
            r("203.0.113.0/24", 24, 24),
        ];
        let expected = [
            r("10.0.0.0/8", 8, 24),
            r("198.51.100.0/24", 24, 24),
            r("203.0.113.0/24", 24, 24),
        ];
        let d = diff_ranges(&router, &expected);
        assert_eq!(d.extra, [r("192.0.2.0/24", 24, 24)]);
        assert_eq!(d.missing, [r("198.51.100.0/24", 24, 24)]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].router, [(8, 24), (30, 32)]);
        assert_eq!(d.changed[0].expected, [(8, 24)]);
        assert_eq!(d.unchanged, 2);
        assert_eq!(d.size_change(), -1);
        assert!(!d.is_empty());
        let same = diff_ranges(&expected, &expected);
        assert!(same.is_empty() && same.is_equivalent());
        assert_eq!(same.unchanged, 3);
    }

    #[test]
    fn same_routes_other_entries() {
        let a = [r("10.0.0.0/8", 8, 9)];
        let b = [
            r("10.0.0.0/8", 8, 8),
            r("10.0.0.0/9", 9, 9),
            r("10.128.0.0/9", 9, 9),
        ];
        let d = diff_ranges(&a, &b);
        assert!(!d.is_empty());
        assert!(d.is_equivalent(), "{d:?}");
    }

    #[test]
    fn whole_space_saturates() {
        let d = accepted_only(&[r("::/0", 0, 128)], &[]);
        assert_eq!(d[0].routes, u128::MAX);
        assert_eq!(d[0].example.to_string(), "::/0");
    }

    /// Every route (prefix, length) inside 10.0.0.0/20: lengths 20..=32.
    fn space() -> Vec<Prefix> {
        let base: Prefix = "10.0.0.0/20".parse().unwrap();
        let mut v = Vec::new();
        for len in 20..=32u8 {
            let n = 1u128 << (len - 20);
            for i in 0..n {
                let bits = base.bits() + (i << (128 - u32::from(len)));
                v.push(Prefix::from_bits(Family::V4, bits, len).unwrap());
            }
        }
        v
    }

    fn slow(
        a: &[PrefixRange],
        b: &[PrefixRange],
        space: &[Prefix],
    ) -> Vec<(PrefixRange, u128, Prefix)> {
        let mut entries = a.to_vec();
        entries.sort_unstable();
        entries.dedup();
        let mut out = Vec::new();
        for e in entries {
            let mut n = 0u128;
            let mut ex: Option<Prefix> = None;
            let mut by_len: Vec<&Prefix> = space
                .iter()
                .filter(|p| e.accepts(p) && !b.iter().any(|x| x.accepts(p)))
                .collect();
            by_len.sort_by_key(|p| (p.len(), p.bits()));
            for p in by_len {
                n += 1;
                ex.get_or_insert(*p);
            }
            if let Some(ex) = ex {
                out.push((e, n, ex));
            }
        }
        out
    }

    fn range_in_space() -> impl Strategy<Value = PrefixRange> {
        (20u8..=32, any::<u32>(), 0u8..=12, 0u8..=12).prop_map(|(len, bits, a, b)| {
            let base = 0x0a00_0000u32 | (bits & 0x0fff);
            let p = Prefix::from_bits_relaxed(Family::V4, u128::from(base) << 96, len).unwrap();
            let lo = (len + a.min(b)).min(32);
            let hi = (len + a.max(b)).min(32);
            PrefixRange::new(p, lo, hi).unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn semantic_matches_enumeration(
            a in proptest::collection::vec(range_in_space(), 0..8),
            b in proptest::collection::vec(range_in_space(), 0..8),
        ) {
            let space = space();
            let want = slow(&a, &b, &space);
            let got: Vec<_> = accepted_only(&a, &b).into_iter().map(|g| (g.entry, g.routes, g.example)).collect();
            prop_assert_eq!(got, want);
            let d = diff_ranges(&a, &b);
            let sa: std::collections::BTreeSet<_> = space.iter().filter(|p| a.iter().any(|x| x.accepts(p))).collect();
            let sb: std::collections::BTreeSet<_> = space.iter().filter(|p| b.iter().any(|x| x.accepts(p))).collect();
            prop_assert_eq!(d.is_equivalent(), sa == sb);
        }
    }
}
