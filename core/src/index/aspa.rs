//! The ASPA set: per customer AS, the union of the provider sets of all its
//! ASPAs, and the hop function `authorized(x, y)` of
//! draft-ietf-sidrops-aspa-verification-28 §5.3.
//!
//! The draft (§5.3) defines, over the "U-SPAS" (the union of the Sets of
//! Provider ASes of every validated ASPA whose customer is `x`):
//!
//! - `authorized(x, y)` = *No Attestation* when `x` has no ASPA,
//! - *Provider+* when `y` is in the U-SPAS of `x`,
//! - *Not Provider+* otherwise.
//!
//! An AS0 ASPA (the SPAS `{AS0}`) says "`x` has no providers": `x` has an
//! attestation and every hop from it is *Not Provider+*. AS0 beside other
//! providers has no influence (§4), so AS0 is dropped from the stored
//! provider lists; a hop towards AS0 itself is always *Not Provider+* for an
//! attested customer.
//!
//! [`AspaSet`] keeps the customers in an open-addressing hash table (linear
//! probing, multiplicative hash on the 32-bit ASN, load factor ≤ 1/2) whose
//! slots point into one flat sorted provider array, so a hop check is one or
//! two cache-line reads plus a short scan. See [`crate::validate::aspa`] for
//! path verification.

use std::fmt;
use std::str::FromStr;

use crate::model::{Asn, Aspa, UnknownWord, VrpSet};

/// The result of the hop function `authorized(x, y)` (draft §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hop {
    /// `x` has no ASPA: nothing is known about its providers.
    NoAttestation,
    /// `y` is among the attested providers of `x`.
    ProviderPlus,
    /// `x` has an ASPA and `y` is not among its providers.
    NotProviderPlus,
}

impl Hop {
    /// The CLI word: `no-attestation`, `provider+` or `not-provider+`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Hop::NoAttestation => "no-attestation",
            Hop::ProviderPlus => "provider+",
            Hop::NotProviderPlus => "not-provider+",
        }
    }
}

impl fmt::Display for Hop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Hop {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "no-attestation" => Ok(Hop::NoAttestation),
            "provider+" => Ok(Hop::ProviderPlus),
            "not-provider+" => Ok(Hop::NotProviderPlus),
            _ => Err(UnknownWord::new(
                "ASPA hop result",
                s,
                "no-attestation, provider+ or not-provider+",
            )),
        }
    }
}

/// One hash slot: a customer and its provider range in `providers`.
#[derive(Clone, Copy, Debug)]
struct Slot {
    customer: u32,
    start: u32,
    /// Number of providers; [`EMPTY`] marks a free slot.
    len: u32,
}

/// `Slot::len` of a free slot.
const EMPTY: u32 = u32::MAX;

/// Provider lists up to this length are scanned linearly; longer ones are
/// binary-searched.
const LINEAR_MAX: usize = 16;

/// Validated ASPAs indexed by customer AS, each customer holding the union of
/// the providers of all its ASPAs (draft-ietf-sidrops-aspa-verification-28
/// §5.3). Immutable after construction and `Send + Sync`.
///
/// ```
/// use routeguard::{Asn, Aspa};
/// use routeguard::index::aspa::{AspaSet, Hop};
/// let set = AspaSet::new(&[
///     Aspa::new(Asn::new(64500), vec![Asn::new(64510)]),
///     Aspa::new(Asn::new(64500), vec![Asn::new(64511)]),
///     Aspa::new(Asn::new(64501), vec![Asn::ZERO]),
/// ]);
/// assert_eq!(set.len(), 2);
/// assert_eq!(set.providers(Asn::new(64500)), Some(&[Asn::new(64510), Asn::new(64511)][..]));
/// assert_eq!(set.authorized(Asn::new(64500), Asn::new(64511)), Hop::ProviderPlus);
/// assert_eq!(set.authorized(Asn::new(64501), Asn::new(64510)), Hop::NotProviderPlus);
/// assert_eq!(set.authorized(Asn::new(64502), Asn::new(64510)), Hop::NoAttestation);
/// ```
#[derive(Clone, Debug, Default)]
pub struct AspaSet {
    /// Customers, sorted.
    customers: Vec<Asn>,
    /// `offsets[i]..offsets[i + 1]` is the range of customer `i` in `providers`.
    offsets: Vec<u32>,
    /// Provider unions, per customer sorted and unique, AS0 removed.
    providers: Vec<Asn>,
    /// Open-addressing table; length a power of two (or empty).
    slots: Vec<Slot>,
    /// `32 - log2(slots.len())`.
    shift: u32,
}

#[inline]
fn hash(asn: u32, shift: u32) -> usize {
    // Fibonacci hashing: the top bits of the product.
    (asn.wrapping_mul(0x9E37_79B1) >> shift) as usize
}

impl AspaSet {
    /// Builds the set: groups the ASPAs by customer and takes the union of
    /// their providers (AS0 dropped). `O(n log n)` in the total number of
    /// providers.
    pub fn new(aspas: &[Aspa]) -> Self {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut custs: Vec<u32> = Vec::with_capacity(aspas.len());
        for a in aspas {
            custs.push(a.customer.get());
            for p in &a.providers {
                if !p.is_zero() {
                    pairs.push((a.customer.get(), p.get()));
                }
            }
        }
        custs.sort_unstable();
        custs.dedup();
        pairs.sort_unstable();
        pairs.dedup();

        let mut offsets = Vec::with_capacity(custs.len() + 1);
        let mut providers = Vec::with_capacity(pairs.len());
        let mut it = pairs.iter().peekable();
        for &c in &custs {
            offsets.push(u32::try_from(providers.len()).unwrap_or(u32::MAX));
            while let Some(&&(pc, pp)) = it.peek() {
                if pc != c {
                    break;
                }
                providers.push(Asn::new(pp));
                it.next();
            }
        }
        offsets.push(u32::try_from(providers.len()).unwrap_or(u32::MAX));

        let (slots, shift) = if custs.is_empty() {
            (Vec::new(), 32)
        } else {
            let size = (custs.len() * 2).next_power_of_two().max(2);
            let bits = size.trailing_zeros();
            let shift = 32 - bits;
            let mut slots = vec![
                Slot {
                    customer: 0,
                    start: 0,
                    len: EMPTY,
                };
                size
            ];
            let mask = size - 1;
            for (i, &c) in custs.iter().enumerate() {
                let start = offsets.get(i).copied().unwrap_or(0);
                let end = offsets.get(i + 1).copied().unwrap_or(start);
                let mut h = hash(c, shift);
                loop {
                    match slots.get_mut(h) {
                        Some(s) if s.len == EMPTY => {
                            *s = Slot {
                                customer: c,
                                start,
                                len: end - start,
                            };
                            break;
                        }
                        Some(_) => h = (h + 1) & mask,
                        None => break,
                    }
                }
            }
            (slots, shift)
        };
        AspaSet {
            customers: custs.into_iter().map(Asn::new).collect(),
            offsets,
            providers,
            slots,
            shift,
        }
    }

    /// Number of customer ASes with at least one ASPA.
    pub fn len(&self) -> usize {
        self.customers.len()
    }

    /// Whether no AS has an ASPA.
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    /// The slot of `customer`, if it has an ASPA.
    #[inline]
    fn slot(&self, customer: u32) -> Option<Slot> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut h = hash(customer, self.shift);
        loop {
            let s = *self.slots.get(h)?;
            if s.len == EMPTY {
                return None;
            }
            if s.customer == customer {
                return Some(s);
            }
            h = (h + 1) & mask;
        }
    }

    /// The provider union of `customer` (sorted, unique, without AS0), or
    /// `None` when it has no ASPA. `Some(&[])` is an AS0 ASPA: no providers.
    #[inline]
    pub fn providers(&self, customer: Asn) -> Option<&[Asn]> {
        let s = self.slot(customer.get())?;
        let start = s.start as usize;
        self.providers.get(start..start + s.len as usize)
    }

    /// The hop function `authorized(customer, provider)` of draft §5.3.
    #[inline]
    pub fn authorized(&self, customer: Asn, provider: Asn) -> Hop {
        match self.providers(customer) {
            None => Hop::NoAttestation,
            Some(list) => hop_in(list, provider),
        }
    }

    /// The customers and their provider unions, in customer order.
    pub fn iter(&self) -> impl Iterator<Item = (Asn, &[Asn])> + '_ {
        self.customers.iter().enumerate().map(move |(i, &c)| {
            let start = self.offsets.get(i).copied().unwrap_or(0) as usize;
            let end = self.offsets.get(i + 1).copied().unwrap_or(0) as usize;
            (c, self.providers.get(start..end).unwrap_or(&[]))
        })
    }

    /// Bytes held on the heap (capacities of the arrays).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.customers.capacity() * size_of::<Asn>()
            + self.offsets.capacity() * size_of::<u32>()
            + self.providers.capacity() * size_of::<Asn>()
            + self.slots.capacity() * size_of::<Slot>()
    }
}

/// Whether `provider` is in the sorted list, as a [`Hop`] of an attested
/// customer.
#[inline]
pub(crate) fn hop_in(list: &[Asn], provider: Asn) -> Hop {
    let found = if list.len() <= LINEAR_MAX {
        list.contains(&provider)
    } else {
        list.binary_search(&provider).is_ok()
    };
    if found && !provider.is_zero() {
        Hop::ProviderPlus
    } else {
        Hop::NotProviderPlus
    }
}

impl From<&VrpSet> for AspaSet {
    fn from(set: &VrpSet) -> Self {
        AspaSet::new(&set.aspas)
    }
}

impl From<&[Aspa]> for AspaSet {
    fn from(aspas: &[Aspa]) -> Self {
        AspaSet::new(aspas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    #[test]
    fn hop_words_round_trip() {
        for h in [Hop::NoAttestation, Hop::ProviderPlus, Hop::NotProviderPlus] {
            assert_eq!(h.as_str().parse::<Hop>(), Ok(h));
            assert_eq!(h.to_string(), h.as_str());
        }
        assert!("provider".parse::<Hop>().is_err());
    }

    #[test]
    fn union_and_as0() {
        let set = AspaSet::new(&[
            Aspa::new(a(1), vec![a(3), a(2)]),
            Aspa::new(a(1), vec![a(4), a(0)]),
            Aspa::new(a(5), vec![a(0)]),
            Aspa::new(a(0), vec![a(7)]),
        ]);
        assert_eq!(set.len(), 3);
        assert_eq!(set.providers(a(1)), Some(&[a(2), a(3), a(4)][..]));
        assert_eq!(set.providers(a(5)), Some(&[][..]));
        assert_eq!(set.providers(a(9)), None);
        assert_eq!(set.authorized(a(1), a(4)), Hop::ProviderPlus);
        assert_eq!(set.authorized(a(1), a(0)), Hop::NotProviderPlus);
        assert_eq!(set.authorized(a(5), a(0)), Hop::NotProviderPlus);
        assert_eq!(set.authorized(a(5), a(1)), Hop::NotProviderPlus);
        assert_eq!(set.authorized(a(0), a(7)), Hop::ProviderPlus);
        assert_eq!(set.authorized(a(9), a(1)), Hop::NoAttestation);
        let listed: Vec<Asn> = set.iter().map(|(c, _)| c).collect();
        assert_eq!(listed, vec![a(0), a(1), a(5)]);
        assert!(AspaSet::new(&[]).is_empty());
        assert_eq!(AspaSet::new(&[]).authorized(a(1), a(2)), Hop::NoAttestation);
    }

    #[test]
    fn long_provider_list_binary_search() {
        let provs: Vec<Asn> = (100..200).map(a).collect();
        let set = AspaSet::new(&[Aspa::new(a(1), provs)]);
        assert_eq!(set.authorized(a(1), a(150)), Hop::ProviderPlus);
        assert_eq!(set.authorized(a(1), a(99)), Hop::NotProviderPlus);
        assert!(set.heap_bytes() > 0);
    }

    proptest! {
        #[test]
        fn matches_map_reference(
            aspas in prop::collection::vec(
                (0u32..40, prop::collection::vec(0u32..40, 0..25)), 0..60),
            probes in prop::collection::vec((0u32..45, 0u32..45), 0..100),
        ) {
            let list: Vec<Aspa> = aspas
                .iter()
                .map(|(c, p)| Aspa::new(a(*c), p.iter().map(|&x| a(x)).collect()))
                .collect();
            let set = AspaSet::new(&list);
            let mut reference: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
            for (c, p) in &aspas {
                reference.entry(*c).or_default().extend(p.iter().copied().filter(|&x| x != 0));
            }
            prop_assert_eq!(set.len(), reference.len());
            for (c, provs) in &reference {
                let want: Vec<Asn> = provs.iter().map(|&x| a(x)).collect();
                prop_assert_eq!(set.providers(a(*c)), Some(&want[..]));
            }
            for (x, y) in probes {
                let want = match reference.get(&x) {
                    None => Hop::NoAttestation,
                    Some(s) if s.contains(&y) => Hop::ProviderPlus,
                    Some(_) => Hop::NotProviderPlus,
                };
                prop_assert_eq!(set.authorized(a(x), a(y)), want);
            }
        }
    }
}
