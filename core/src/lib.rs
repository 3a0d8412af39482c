//! # routeguard
//!
//! One library for routing security, as MANRS asks of network operators.
//!
//! ```text
//! bytes ──parse──▶ models ──build──▶ indexes ──validate──▶ verdicts ──render──▶ bytes
//!   └──────────────── one Dataset builder owns the whole walk ────────────────┘
//! ```
//!
//! The stages, in the order a data item walks through them; each module uses
//! only the ones above it in this table (`diag` and `io` are leaves every
//! stage may use), which `scripts/check-layers.py` checks.
//!
//! | module | stage |
//! |---|---|
//! | [`diag`] | leaf: shared diagnostics, [`Location`](diag::Location) (line, column) and [`Mode`] (strict or lenient) |
//! | [`io`] | leaf: opening inputs: gzip, bzip2, xz and zstd recognised by their magic bytes ([`io::Compression`]), size caps, typed errors; the file opener (`io::read`, `io::open`) with feature `io` (host only) |
//! | [`model`] | typed values: [`Asn`], [`Prefix`], [`Vrp`], [`Aspa`], [`RouterKey`], [`AsPath`], BGP [`Role`]s; RPSL objects ([`model::rpsl`]) |
//! | [`parse`] | validator exports (rpki-client, Routinator, StayRTR, …) → [`VrpSet`]; RPSL dumps and objects ([`parse::rpsl`], RFC 2622/4012); route lines, `bgpdump -m` lines and their events (table entries, announcements, withdrawals: [`parse::bgp`]); MRT files, RFC 6396 ([`parse::mrt`]: the reader with feature `mrt`, host only); CAIDA AS relationships ([`parse::asrel`]); bogon lists ([`parse::bogons`]); PeeringDB API pages and dumps, `irr_as_set` references ([`parse::peeringdb`]); the operator's anti-spoofing facts file ([`parse::sav`]); CAIDA Spoofer results ([`parse::spoofer`]); router prefix lists in every form routeguard and bgpq4 write ([`parse::prefix_list`]); router interface configurations, Junos `set` form and IOS-style text ([`parse::device`]); customer interface lists ([`parse::customers`]); RPKI `.roa`/`.asa`/`.cer` objects decoded, not validated (`parse::rpki_object`, feature `rpki-objects`, host only); no I/O |
//! | `net` | host only, feature `net`: the IRRd whois client (`net::whois`), all socket I/O; with feature `rtr` the RPKI-to-Router PDU codec and client session (`net::rtr`, RFC 8210, draft-ietf-sidrops-8210bis); beside `parse`, whose RPSL reader it uses |
//! | [`slurm`] | RFC 8416 local exceptions (v1, v2 with ASPA), read and applied; [`slurm::load`], the one entry that loads any VRP export (SLURM files read as data included) |
//! | [`index`] | [`RovIndex`]: per-family VRP index for origin validation; [`IrrDb`]: the IRR database (routes by prefix and origin, sets, objects by key); [`AspaSet`]: ASPAs by customer; [`AsRelations`]: the AS relationship graph; [`PeeringDb`]: PeeringDB networks by ASN, their contacts, organisations |
//! | [`validate`] | the rules, as functions over the indexes: RFC 6811 origin validation ([`validate::rov`]); IRR route validation ([`validate::irr`]); ASPA path verification ([`validate::aspa`], draft-ietf-sidrops-aspa-verification-28); bogons ([`validate::bogon`], RFC 6890); route leaks ([`validate::leak`], RFC 7908, RFC 9234); every check of a route at once ([`validate::route`]) |
//! | [`dataset`] | the owning [`Dataset`] of everything loaded (payloads after SLURM, IRR database, AS relationships, bogon lists, PeeringDB, anti-spoofing facts, Spoofer results) with shared indexes, built by one [`DatasetBuilder`](dataset::DatasetBuilder) that every front end calls once; route inputs of any kind (text or MRT, compressed or not) read as events by [`dataset::routes::read_routes`]; with feature `rtr`, payloads from an RTR cache (`DatasetBuilder::rtr`, one load) and `dataset::live::LiveDataset`, a dataset that follows the cache, one whole snapshot per End of Data |
//! | [`filter`] | filters (MANRS Actions 1 and 2): one IRR [`Resolver`](filter::resolve::Resolver) over the local database or IRRd whois with IRRd's rules, and why each ASN and prefix is in a result ([`filter::resolve::explain`]); bgpq4 1.9's command line and expansion ([`filter::bgpq4`]) and its prefix tree with `-R`/`-r`/`-A` ([`filter::tree`]); customer filters with origins and RPKI ([`filter::prefix_filter`]); the diff of a router's list ([`filter::diff`]); source address validation sets and interface audits ([`filter::antispoof`]) |
//! | [`manrs`] | MANRS evaluation of an operator: one rule per module ([`manrs::rules`]), findings with evidence and remedy, Observatory metrics (M3–M7, incidents), CAIDA conformance, readiness labels, remedies; [`manrs::observatory`] scores every origin AS of a table |
//! | [`render`] | values → bytes: [`VrpSet`] → rpki-client / Routinator / openbgpd / bird2 exports ([`render::vrps`]); [`Slurm`] → SLURM JSON ([`render::slurm`]); MANRS reports → text, JSON (versioned schema, [`render::manrs::JSON_SCHEMA`]), Markdown, self-contained HTML, observatory rows → CSV / JSON, remedies → RPSL, ROA CSV and SLURM files ([`render::manrs`]); router filters byte for byte as bgpq4 prints them for 15 platforms, plus FRR, VyOS, OpenBGPD `origin-set`, ASPA sets, JSON ([`render::filter`]); strict uRPF and ingress ACLs ([`render::antispoof`]) |
//! | [`error`] | the crate [`Error`] wrapping each stage's error enum |
//!
//! Features: `io` (host only) adds the file opener and every decompression;
//! `gzip` adds gzip decompression of bytes in memory in pure Rust (builds for
//! wasm32); `io-static` is `io` with the bzip2 and xz libraries linked in
//! statically; `net` (host only) adds the IRRd whois client; `rtr` (host
//! only, with `net` and `rpki-rtr`) adds the RTR PDU codec and the I/O-free
//! RTR client session (`net::rtr`); `mrt` (host
//! only) adds the MRT reader (`parse::mrt::MrtReader`, over the
//! bgpkit-parser crate), without which an MRT route input is
//! [`parse::mrt::MrtErrorKind::NotBuilt`]; `rpki` adds conversions to and from the `rpki` crate's types
//! (`Asn`, `Prefix`, `MaxLenPrefix`); `rpki-rtr` (host only) adds its RTR
//! payload types (`RouteOrigin`, `Aspa`); `rpki-objects` (host only: the
//! `rpki` crate's `repository` module needs aws-lc) adds
//! `parse::rpki_object`, which decodes ROAs, ASPAs and resource
//! certificates without validating them; `ipnet` adds `From<Prefix>` for
//! `ipnet::IpNet` and `TryFrom` between [`Prefix`] and `ipnet::{IpNet,
//! Ipv4Net, Ipv6Net}` (strict like [`Prefix::parse`]: host bits are
//! [`ModelError::HostBitsSet`]; the wrong family is `model::FamilyMismatch`),
//! so an `ipnet` network enters any `&Prefix` API as `&Prefix::try_from(net)?`.
//! The crate builds for `wasm32-unknown-unknown` with default features off.
//!
//! ```
//! use routeguard::dataset::{Dataset, Input};
//! use routeguard::{AsPath, Asn, RovState};
//! let csv = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let ds = Dataset::builder().vrps(Input::text("vrps.csv", csv)).build().unwrap();
//! let r = ds.validate(&"192.0.2.0/24".parse().unwrap(), Some(Asn::new(64500))).unwrap();
//! assert_eq!(r.state, RovState::Valid);
//! // Every check of a route: ROV, ASPA, bogons (documentation space is one), leaks.
//! let v = ds.check(&"192.0.2.0/24".parse().unwrap(), &AsPath::parse("64496 64500").unwrap());
//! assert_eq!(v.to_string(), "valid,unknown,bogon-prefix,-");
//! ```
//!
//! The stages are usable one by one too:
//!
//! ```
//! use routeguard::validate::rov;
//! use routeguard::{slurm, Asn, LoadOptions, RovIndex, RovState};
//! let csv = b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let loaded = slurm::load(csv, &LoadOptions::default()).unwrap(); // any export, sniffed
//! let index = RovIndex::new(&loaded.set.vrps);
//! let r = rov::validate_origin(&index, &"192.0.2.0/24".parse().unwrap(), Some(Asn::new(64500)));
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

pub mod dataset;
pub mod diag;
pub mod error;
pub mod filter;
pub mod index;
pub mod io;
pub mod manrs;
pub mod model;
#[cfg(feature = "net")]
pub mod net;
pub mod parse;
pub mod render;
pub mod slurm;
pub(crate) mod util;
pub mod validate;

pub use dataset::Dataset;
pub use diag::Mode;
pub use error::Error;
pub use index::aspa::{AspaSet, Hop};
pub use index::asrel::{AsRelations, Relation};
pub use index::irr::{IrrDb, IrrDbBuilder};
pub use index::peeringdb::PeeringDb;
pub use index::{RovIndex, RovIndexStats};
pub use model::{
    AsPath, Asn, Aspa, Family, ModelError, Prefix, Role, RouterKey, Segment, UnknownWord, Vrp,
    VrpSet, VrpSource,
};
pub use parse::bgp::{parse_route_line, RouteLine};
pub use parse::{Format, LoadOptions, Loaded, ParseError};
pub use render::vrps::OutputFormat;
pub use slurm::{Slurm, SlurmError};
pub use validate::aspa::{AspaVerdict, Direction};
pub use validate::bogon::{BogonFinding, BogonKind, BogonOptions, Bogons};
pub use validate::irr::{IrrCheck, IrrStatus};
pub use validate::leak::LeakState;
pub use validate::route::{RouteChecker, RouteVerdict};
pub use validate::rov::{InvalidReason, RovResult, RovState};
