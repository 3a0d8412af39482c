//! Conversions between [`Prefix`] and the `ipnet` crate's
//! [`IpNet`], [`Ipv4Net`] and [`Ipv6Net`] (feature `ipnet`), the CIDR
//! network types of RFC 4632 (IPv4) and RFC 4291 §2.3 (IPv6) many Rust
//! networking crates use.
//!
//! | conversion | trait | fails when |
//! |---|---|---|
//! | [`Prefix`] → [`IpNet`] | `From` | never |
//! | [`Prefix`] → [`Ipv4Net`] / [`Ipv6Net`] | `TryFrom` | the prefix is of the other family ([`FamilyMismatch`]) |
//! | [`IpNet`] / [`Ipv4Net`] / [`Ipv6Net`] → [`Prefix`] | `TryFrom` | host bits are set ([`ModelError::HostBitsSet`]) |
//!
//! **Host bits.** An `ipnet` network may carry host bits (`"192.0.2.1/24"`
//! parses as an `Ipv4Net` with address 192.0.2.1); a [`Prefix`] may not.
//! The conversion is strict, like [`Prefix::parse`] and like the `rpki`
//! conversions (whose prefixes are strict on both sides): it fails with the
//! very error `Prefix::parse` gives for the same text, naming the network.
//! Call [`IpNet::trunc`] first to drop host bits on purpose.
//!
//! **Entry points.** Every prefix-taking API takes `&Prefix` (or
//! `Prefix` values in batches); an `ipnet` network goes in through one
//! `Prefix::try_from(net)?` at the edge. The checks are not made generic
//! over `TryInto<Prefix>`: the conversion can fail, so a generic parameter
//! would make every infallible `&Prefix` call return a `Result` (or hide the
//! host-bits error), and it would monomorphise the hot lookups per caller
//! type. The conversion itself is a few integer moves.
//!
//! ```
//! # #[cfg(feature = "ipnet")] {
//! use ipnet::{IpNet, Ipv4Net};
//! use routeguard::validate::bogon::Bogons;
//! use routeguard::validate::rov::validate_origin;
//! use routeguard::{parse, Asn, Prefix, RovIndex, RovState};
//! let csv = b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let loaded = parse::load(csv, &parse::LoadOptions::default()).unwrap();
//! let index = RovIndex::new(&loaded.set.vrps);
//!
//! let net: IpNet = "192.0.2.0/24".parse().unwrap();
//! let prefix = Prefix::try_from(net).unwrap();
//! let r = validate_origin(&index, &prefix, Some(Asn::new(64500)));
//! assert_eq!(r.state, RovState::Valid);
//! assert!(Bogons::default().check_prefix(&prefix).is_some()); // TEST-NET-1
//! assert_eq!(IpNet::from(prefix), net);
//!
//! // Host bits: the same error as parsing the text.
//! let host: Ipv4Net = "192.0.2.1/24".parse().unwrap();
//! let err = Prefix::try_from(host).unwrap_err();
//! assert_eq!(err, "192.0.2.1/24".parse::<Prefix>().unwrap_err());
//! assert_eq!(Prefix::try_from(host.trunc()).unwrap(), prefix);
//!
//! // Family mismatch.
//! let v6: Prefix = "2001:db8::/32".parse().unwrap();
//! assert!(Ipv4Net::try_from(v6).is_err());
//! # }
//! ```

use std::fmt;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::{Family, ModelError, Prefix};

/// A [`Prefix`] of one family asked for as a network of the other (an IPv6
/// prefix as an [`Ipv4Net`], or the reverse).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FamilyMismatch {
    /// The prefix given.
    pub prefix: Prefix,
    /// The family asked for.
    pub expected: Family,
}

impl fmt::Display for FamilyMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let want = match self.expected {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        };
        write!(f, "{} is not an {want} prefix", self.prefix)
    }
}

impl std::error::Error for FamilyMismatch {}

impl From<Prefix> for IpNet {
    #[expect(
        clippy::expect_used,
        reason = "a routeguard Prefix has a length within its family"
    )]
    fn from(p: Prefix) -> Self {
        IpNet::new(p.addr(), p.len()).expect("a valid prefix length is valid for ipnet")
    }
}

impl TryFrom<Prefix> for Ipv4Net {
    type Error = FamilyMismatch;

    fn try_from(p: Prefix) -> Result<Self, Self::Error> {
        match IpNet::from(p) {
            IpNet::V4(n) => Ok(n),
            IpNet::V6(_) => Err(FamilyMismatch {
                prefix: p,
                expected: Family::V4,
            }),
        }
    }
}

impl TryFrom<Prefix> for Ipv6Net {
    type Error = FamilyMismatch;

    fn try_from(p: Prefix) -> Result<Self, Self::Error> {
        match IpNet::from(p) {
            IpNet::V6(n) => Ok(n),
            IpNet::V4(_) => Err(FamilyMismatch {
                prefix: p,
                expected: Family::V6,
            }),
        }
    }
}

impl TryFrom<IpNet> for Prefix {
    type Error = ModelError;

    /// Fails with [`ModelError::HostBitsSet`] when host bits are set.
    fn try_from(n: IpNet) -> Result<Self, Self::Error> {
        Prefix::new(n.addr(), n.prefix_len())
    }
}

impl TryFrom<Ipv4Net> for Prefix {
    type Error = ModelError;

    /// Fails with [`ModelError::HostBitsSet`] when host bits are set.
    fn try_from(n: Ipv4Net) -> Result<Self, Self::Error> {
        Prefix::new(n.addr().into(), n.prefix_len())
    }
}

impl TryFrom<Ipv6Net> for Prefix {
    type Error = ModelError;

    /// Fails with [`ModelError::HostBitsSet`] when host bits are set.
    fn try_from(n: Ipv6Net) -> Result<Self, Self::Error> {
        Prefix::new(n.addr().into(), n.prefix_len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn p(s: &str) -> Prefix {
        s.parse().unwrap()
    }

    #[test]
    fn each_direction() {
        for s in [
            "0.0.0.0/0",
            "192.0.2.0/24",
            "10.0.0.1/32",
            "::/0",
            "2001:db8::/32",
            "::1/128",
        ] {
            let net: IpNet = s.parse().unwrap();
            assert_eq!(IpNet::from(p(s)), net, "{s}");
            assert_eq!(Prefix::try_from(net).unwrap(), p(s), "{s}");
            assert_eq!(net.to_string(), p(s).to_string());
            match net {
                IpNet::V4(n) => {
                    assert_eq!(Ipv4Net::try_from(p(s)).unwrap(), n);
                    assert_eq!(Prefix::try_from(n).unwrap(), p(s));
                    assert_eq!(
                        Ipv6Net::try_from(p(s)).unwrap_err(),
                        FamilyMismatch {
                            prefix: p(s),
                            expected: Family::V6
                        }
                    );
                }
                IpNet::V6(n) => {
                    assert_eq!(Ipv6Net::try_from(p(s)).unwrap(), n);
                    assert_eq!(Prefix::try_from(n).unwrap(), p(s));
                    assert!(Ipv4Net::try_from(p(s)).is_err());
                }
            }
        }
        let e = Ipv4Net::try_from(p("2001:db8::/32")).unwrap_err();
        assert_eq!(e.to_string(), "2001:db8::/32 is not an IPv4 prefix");
        let e = Ipv6Net::try_from(p("192.0.2.0/24")).unwrap_err();
        assert_eq!(e.to_string(), "192.0.2.0/24 is not an IPv6 prefix");
    }

    #[test]
    fn host_bits_are_the_parse_error() {
        for s in ["192.0.2.1/24", "10.1.0.0/8", "2001:db8::1/64", "::1/127"] {
            let net: IpNet = s.parse().unwrap();
            let want = s.parse::<Prefix>().unwrap_err();
            assert!(matches!(want, ModelError::HostBitsSet { .. }), "{s}");
            assert_eq!(Prefix::try_from(net).unwrap_err(), want, "{s}");
            let typed = match net {
                IpNet::V4(n) => Prefix::try_from(n),
                IpNet::V6(n) => Prefix::try_from(n),
            };
            assert_eq!(typed.unwrap_err(), want, "{s}");
            assert_eq!(
                Prefix::try_from(net.trunc()).unwrap(),
                Prefix::parse_relaxed(s).unwrap()
            );
        }
    }

    fn arb_net() -> impl Strategy<Value = IpNet> {
        let v4 = (any::<u32>(), 0u8..=32)
            .prop_map(|(a, l)| IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), l).unwrap()));
        let v6 = (any::<u128>(), 0u8..=128, 0u8..4).prop_map(|(a, l, shape)| {
            // Mostly ordinary addresses; some IPv4-mapped / compatible and
            // all-zero tails, where text forms differ most.
            let a = match shape {
                0 => a,
                1 => 0xffff_0000_0000 | (a & 0xffff_ffff),
                2 => a & 0xffff_ffff,
                _ => a & !0xffff_ffff_ffff_ffff,
            };
            IpNet::V6(Ipv6Net::new(Ipv6Addr::from(a), l).unwrap())
        });
        prop_oneof![v4, v6]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Against ipnet's own parse and display: a network without host
        /// bits round-trips and prints the same; one with host bits fails
        /// exactly as parsing its text fails.
        #[test]
        fn round_trip_against_ipnet(net in arb_net()) {
            let text = net.to_string();
            prop_assert_eq!(text.parse::<IpNet>().unwrap(), net);
            match Prefix::try_from(net) {
                Ok(prefix) => {
                    prop_assert_eq!(net.trunc(), net);
                    prop_assert_eq!(prefix.to_string(), text.clone());
                    prop_assert_eq!(text.parse::<Prefix>().unwrap(), prefix);
                    prop_assert_eq!(IpNet::from(prefix), net);
                    let addr: IpAddr = net.addr();
                    prop_assert_eq!(prefix.addr(), addr);
                    match net {
                        IpNet::V4(n) => prop_assert_eq!(Ipv4Net::try_from(prefix).unwrap(), n),
                        IpNet::V6(n) => prop_assert_eq!(Ipv6Net::try_from(prefix).unwrap(), n),
                    }
                }
                Err(e) => {
                    prop_assert_ne!(net.trunc(), net);
                    prop_assert_eq!(e, text.parse::<Prefix>().unwrap_err());
                    let t = Prefix::try_from(net.trunc()).unwrap();
                    prop_assert_eq!(IpNet::from(t), net.trunc());
                }
            }
        }
    }
}
