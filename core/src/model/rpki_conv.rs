//! Conversions to and from the `rpki` crate's types (feature `rpki`):
//! [`rpki::resources::Asn`], [`rpki::resources::addr::Prefix`] and
//! [`rpki::resources::addr::MaxLenPrefix`]; with feature `rpki-rtr` also the
//! RTR payloads of RFC 8210 / draft-ietf-sidrops-8210bis,
//! `rpki::rtr::payload::{RouteOrigin, Aspa}`.
//!
//! | conversion | trait |
//! |---|---|
//! | [`Asn`] ⇄ `resources::Asn` | `From` both ways |
//! | [`Prefix`] ⇄ `addr::Prefix` | `From` both ways (both strict: no host bits) |
//! | [`Vrp`] → `addr::MaxLenPrefix` | `From` (the max length is always given) |
//! | `(addr::MaxLenPrefix, resources::Asn)` → [`Vrp`] | `From` (an absent max length is the prefix length) |
//! | [`Vrp`] ⇄ `payload::RouteOrigin` | `From` both ways; `ta`, `expires` and `sources` are not carried |
//! | `payload::Aspa` → [`Aspa`] | `From` (providers sorted, unique) |
//! | [`Aspa`] → `payload::Aspa` | `TryFrom`: fails beyond 16,380 providers (one RTR PDU) |
//!
//! [`Aspa`]: super::Aspa
//!
//! ```
//! # #[cfg(feature = "rpki")] {
//! use routeguard::{Asn, Prefix, Vrp};
//! let p: Prefix = "2001:db8::/32".parse().unwrap();
//! let theirs = rpki::resources::addr::Prefix::from(p);
//! assert_eq!(Prefix::from(theirs), p);
//! let vrp = Vrp::new(p, 48, Asn::new(64496)).unwrap();
//! let mlp = rpki::resources::addr::MaxLenPrefix::from(&vrp);
//! assert_eq!(Vrp::from((mlp, rpki::resources::Asn::from_u32(64496))), vrp);
//! # }
//! ```

use rpki::resources::addr as rpki_addr;
use rpki::resources::Asn as RpkiAsn;

use super::{Asn, Prefix, Vrp};

impl From<RpkiAsn> for Asn {
    fn from(a: RpkiAsn) -> Self {
        Asn::new(a.into_u32())
    }
}

impl From<Asn> for RpkiAsn {
    fn from(a: Asn) -> Self {
        RpkiAsn::from_u32(a.get())
    }
}

impl From<Prefix> for rpki_addr::Prefix {
    #[expect(
        clippy::expect_used,
        reason = "a routeguard Prefix has a length within its family and no host bits"
    )]
    fn from(p: Prefix) -> Self {
        rpki_addr::Prefix::new(p.addr(), p.len()).expect("a valid prefix is valid for rpki")
    }
}

impl From<rpki_addr::Prefix> for Prefix {
    #[expect(
        clippy::expect_used,
        reason = "an rpki Prefix has a length within its family and no host bits"
    )]
    fn from(p: rpki_addr::Prefix) -> Self {
        Prefix::new(p.addr(), p.len()).expect("a valid rpki prefix is valid here")
    }
}

impl From<&Vrp> for rpki_addr::MaxLenPrefix {
    fn from(v: &Vrp) -> Self {
        // A Vrp's max length lies within [prefix length, 32/128]: nothing
        // saturates.
        rpki_addr::MaxLenPrefix::saturating_new(v.prefix.into(), Some(v.max_length))
    }
}

impl From<Vrp> for rpki_addr::MaxLenPrefix {
    fn from(v: Vrp) -> Self {
        (&v).into()
    }
}

impl From<(rpki_addr::MaxLenPrefix, RpkiAsn)> for Vrp {
    fn from((p, asn): (rpki_addr::MaxLenPrefix, RpkiAsn)) -> Self {
        // `resolved_max_len` lies within [prefix length, 32/128] by
        // MaxLenPrefix's own invariant; clamp anyway so the Vrp invariant
        // holds whatever the input.
        let prefix = Prefix::from(p.prefix());
        let max_length = p
            .resolved_max_len()
            .clamp(prefix.len(), prefix.family().max_len());
        Vrp {
            prefix,
            max_length,
            asn: asn.into(),
            ta: None,
            expires: None,
            sources: None,
        }
    }
}

#[cfg(feature = "rpki-rtr")]
mod rtr {
    use rpki::rtr::payload::{Aspa as RtrAspa, RouteOrigin};
    use rpki::rtr::pdu::{ProviderAsns, ProviderAsnsError};

    use super::super::{Aspa, Vrp};

    impl From<&Vrp> for RouteOrigin {
        fn from(v: &Vrp) -> Self {
            RouteOrigin::new(v.into(), v.asn.into())
        }
    }

    impl From<Vrp> for RouteOrigin {
        fn from(v: Vrp) -> Self {
            (&v).into()
        }
    }

    impl From<RouteOrigin> for Vrp {
        fn from(o: RouteOrigin) -> Self {
            Vrp::from((o.prefix, o.asn))
        }
    }

    impl From<&RtrAspa> for Aspa {
        fn from(a: &RtrAspa) -> Self {
            Aspa::new(
                a.customer.into(),
                a.providers.iter().map(Into::into).collect(),
            )
        }
    }

    impl From<RtrAspa> for Aspa {
        fn from(a: RtrAspa) -> Self {
            (&a).into()
        }
    }

    impl TryFrom<&Aspa> for RtrAspa {
        type Error = ProviderAsnsError;

        /// Fails when there are more providers than one RTR ASPA PDU
        /// carries ([`ProviderAsns::MAX_COUNT`]).
        fn try_from(a: &Aspa) -> Result<Self, Self::Error> {
            let providers = ProviderAsns::try_from_iter(a.providers.iter().map(|&p| p.into()))?;
            Ok(RtrAspa::new(a.customer.into(), providers))
        }
    }

    impl TryFrom<Aspa> for RtrAspa {
        type Error = ProviderAsnsError;

        fn try_from(a: Aspa) -> Result<Self, Self::Error> {
            RtrAspa::try_from(&a)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    use proptest::prelude::*;

    use super::*;

    fn prefix() -> impl Strategy<Value = Prefix> {
        prop_oneof![
            (any::<u32>(), 0u8..=32).prop_map(|(a, l)| Prefix::new_relaxed(
                IpAddr::V4(Ipv4Addr::from(a)),
                l
            )
            .unwrap()),
            (any::<u128>(), 0u8..=128).prop_map(|(a, l)| Prefix::new_relaxed(
                IpAddr::V6(Ipv6Addr::from(a)),
                l
            )
            .unwrap()),
        ]
    }

    fn vrp() -> impl Strategy<Value = Vrp> {
        (prefix(), any::<u8>(), any::<u32>()).prop_map(|(p, m, a)| {
            let span = p.family().max_len() - p.len();
            let ml = p.len() + m % (span + 1);
            Vrp::new(p, ml, Asn::new(a)).unwrap()
        })
    }

    proptest! {
        #[test]
        fn asn_roundtrip(n: u32) {
            let ours = Asn::new(n);
            let theirs = RpkiAsn::from(ours);
            prop_assert_eq!(theirs.into_u32(), n);
            prop_assert_eq!(Asn::from(theirs), ours);
        }

        #[test]
        fn prefix_roundtrip(p in prefix()) {
            let theirs = rpki_addr::Prefix::from(p);
            prop_assert_eq!(theirs.addr(), p.addr());
            prop_assert_eq!(theirs.len(), p.len());
            prop_assert_eq!(theirs.to_string(), p.to_string());
            prop_assert_eq!(Prefix::from(theirs), p);
        }

        #[test]
        fn prefix_covers_agrees(a in prefix(), b in prefix()) {
            let (ra, rb) = (rpki_addr::Prefix::from(a), rpki_addr::Prefix::from(b));
            prop_assert_eq!(ra.covers(rb), a.covers(&b));
        }

        #[test]
        fn max_len_prefix_roundtrip(v in vrp()) {
            let mlp = rpki_addr::MaxLenPrefix::from(&v);
            prop_assert_eq!(mlp.prefix_len(), v.prefix.len());
            prop_assert_eq!(mlp.resolved_max_len(), v.max_length);
            prop_assert_eq!(Vrp::from((mlp, RpkiAsn::from(v.asn))), v);
        }

        #[test]
        fn max_len_absent_is_prefix_len(p in prefix(), a: u32) {
            let mlp = rpki_addr::MaxLenPrefix::from(rpki_addr::Prefix::from(p));
            let v = Vrp::from((mlp, RpkiAsn::from_u32(a)));
            prop_assert_eq!(v, Vrp::new(p, p.len(), Asn::new(a)).unwrap());
        }
    }

    #[cfg(feature = "rpki-rtr")]
    mod rtr {
        use proptest::prelude::*;
        use rpki::rtr::payload::{Aspa as RtrAspa, RouteOrigin};
        use rpki::rtr::pdu::ProviderAsns;

        use super::vrp;
        use crate::model::{Asn, Aspa, Vrp};

        proptest! {
            #[test]
            fn route_origin_roundtrip(v in vrp()) {
                let o = RouteOrigin::from(&v);
                prop_assert_eq!(o.asn.into_u32(), v.asn.get());
                prop_assert_eq!(o.prefix.resolved_max_len(), v.max_length);
                prop_assert_eq!(Vrp::from(o), v.clone());
                // Trust anchor and expiry are not carried.
                let with_ta = v.clone().with_ta(Some("ripe".into())).with_expires(Some(1));
                prop_assert_eq!(Vrp::from(RouteOrigin::from(with_ta)), v);
            }

            #[test]
            fn aspa_roundtrip(customer: u32, providers in proptest::collection::vec(any::<u32>(), 0..40)) {
                let ours = Aspa::new(Asn::new(customer), providers.iter().map(|&p| Asn::new(p)).collect());
                let theirs = RtrAspa::try_from(&ours).unwrap();
                prop_assert_eq!(theirs.customer.into_u32(), customer);
                let listed: Vec<u32> = theirs.providers.iter().map(|p| p.into_u32()).collect();
                let expect: Vec<u32> = ours.providers.iter().map(|p| p.get()).collect();
                prop_assert_eq!(listed, expect);
                prop_assert_eq!(Aspa::from(theirs), ours);
            }

            #[test]
            fn aspa_from_unsorted_rtr(customer: u32, providers in proptest::collection::vec(any::<u32>(), 0..40)) {
                let theirs = RtrAspa::new(
                    customer.into(),
                    ProviderAsns::try_from_iter(providers.iter().map(|&p| p.into())).unwrap(),
                );
                let ours = Aspa::from(&theirs);
                let mut expect = providers.clone();
                expect.sort_unstable();
                expect.dedup();
                prop_assert_eq!(ours.providers.iter().map(|p| p.get()).collect::<Vec<_>>(), expect);
            }
        }

        #[test]
        fn aspa_too_many_providers() {
            let n = u32::try_from(ProviderAsns::MAX_COUNT).unwrap() + 1;
            let big = Aspa::new(Asn::new(1), (2..2 + n).map(Asn::new).collect());
            assert!(RtrAspa::try_from(&big).is_err());
            let ok = Aspa::new(Asn::new(1), (2..n + 1).map(Asn::new).collect());
            assert_eq!(Aspa::from(RtrAspa::try_from(ok.clone()).unwrap()), ok);
        }
    }
}
