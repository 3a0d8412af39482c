//! # routeguard
//!
//! One library for routing security, as MANRS asks of network operators.
//!
//! ```text
//! bytes ──parse──▶ models ──build──▶ indexes ──validate──▶ verdicts
//! ```
//!
//! | module | stage |
//! |---|---|
//! | [`model`] | typed values: [`Asn`], [`Prefix`], [`Vrp`], [`Aspa`], [`RouterKey`], [`AsPath`], BGP [`Role`]s; RPSL objects ([`model::rpsl`]) |
//! | [`parse`] | validator exports (rpki-client, Routinator, StayRTR, …) → [`VrpSet`]; RPSL dumps and objects ([`parse::rpsl`], RFC 2622/4012); route lines and `bgpdump -m` ([`parse::bgp`]); CAIDA AS relationships ([`parse::asrel`]); bogon lists ([`parse::bogons`]); no I/O |
//! | [`slurm`] | RFC 8416 local exceptions (v1, v2 with ASPA), parsed and applied |
//! | [`index`] | [`RovIndex`]: per-family VRP index for origin validation; [`IrrDb`]: the IRR database (routes by prefix and origin, sets, objects by key); [`AspaSet`]: ASPAs by customer; [`AsRelations`]: the AS relationship graph |
//! | [`validate`] | RFC 6811 origin validation ([`validate::rov`]); IRR route validation ([`validate::irr`]); ASPA path verification ([`validate::aspa`], draft-ietf-sidrops-aspa-verification-28); bogons ([`validate::bogon`], RFC 6890); route leaks ([`validate::leak`], RFC 7908, RFC 9234); every check of a route at once ([`validate::route`]) |
//! | `net` | host only, feature `net`: the IRRd whois client (`net::whois`), all socket I/O |
//! | [`write`](mod@write) | [`VrpSet`] → rpki-client / Routinator / openbgpd / bird2 exports |
//! | [`error`] | the crate [`Error`] wrapping each stage's error enum |
//!
//! Features: `net` (host only) adds the IRRd whois client; `rpki` adds conversions to and from the `rpki` crate's types
//! (`Asn`, `Prefix`, `MaxLenPrefix`); `rpki-rtr` (host only) adds its RTR
//! payload types (`RouteOrigin`, `Aspa`); `ipnet` adds `From<Prefix>` for
//! `ipnet::IpNet` and `TryFrom` between [`Prefix`] and `ipnet::{IpNet,
//! Ipv4Net, Ipv6Net}` (strict like [`Prefix::parse`]: host bits are
//! [`ModelError::HostBitsSet`]; the wrong family is `model::FamilyMismatch`),
//! so an `ipnet` network enters any `&Prefix` API as `&Prefix::try_from(net)?`.
//! The crate builds for `wasm32-unknown-unknown` with default features off.
//!
//! ```
//! use routeguard::{parse, RovIndex, RovState, Prefix, Asn};
//! let csv = b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let loaded = parse::load(csv, &parse::LoadOptions::default()).unwrap();
//! let index = RovIndex::new(&loaded.set.vrps);
//! let r = index.validate(&"192.0.2.0/24".parse().unwrap(), Some(Asn::new(64500)));
//! assert_eq!(r.state, RovState::Valid);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod error;
pub mod index;
pub mod model;
#[cfg(feature = "net")]
pub mod net;
pub mod parse;
pub mod slurm;
pub mod validate;
pub mod write;

pub use error::Error;
pub use index::aspa::{AspaSet, Hop};
pub use index::asrel::{AsRelations, Relation};
pub use index::irr::{IrrDb, IrrDbBuilder};
pub use index::{RovIndex, RovIndexStats};
pub use model::{
    AsPath, Asn, Aspa, Family, ModelError, Prefix, Role, RouterKey, Segment, UnknownWord, Vrp,
    VrpSet, VrpSource,
};
pub use parse::bgp::{parse_route_line, RouteLine};
pub use parse::{Format, LoadOptions, Loaded, Mode, ParseError};
pub use slurm::{Slurm, SlurmError};
pub use validate::aspa::{AspaVerdict, Direction};
pub use validate::bogon::{BogonFinding, BogonKind, BogonOptions, Bogons};
pub use validate::irr::{IrrCheck, IrrStatus};
pub use validate::leak::LeakState;
pub use validate::route::{RouteChecker, RouteVerdict};
pub use validate::rov::{InvalidReason, RovResult, RovState};
pub use write::OutputFormat;
