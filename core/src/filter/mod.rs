//! Filter generation: what an operator's routers should accept from a
//! customer, built from IRR data (RFC 2622 §5 sets, resolved by IRRd's
//! rules) and RPKI, and source address validation (BCP 38, RFC 2827;
//! BCP 84, RFC 3704) for single-homed customers.
//!
//! - [`resolve`]: one [`Resolver`](resolve::Resolver) interface over the
//!   local IRR database and IRRd whois, with the same semantics; why an ASN
//!   or prefix is in a result ([`resolve::Explanation`]).
//! - [`tree`]: bgpq4's radix tree of prefixes and its exact aggregation
//!   (`-m`, `-R`, `-r`, `-A`).
//! - [`bgpq4`]: bgpq4 1.9's command line and expansion, so that
//!   `routeguard bgpq4` is a drop-in.
//! - [`prefix_filter`]: customer prefix filters with the origin of every
//!   prefix, RPKI-invalid pairs dropped or tagged, ROAs as route objects.
//! - [`diff`]: the audit of a router's prefix list against the generated
//!   one: entries missing, extra and changed, and the routes accepted by
//!   one list only.
//! - [`antispoof`]: source address validation prefix sets and interface
//!   audits.

pub mod antispoof;
pub mod bgpq4;
pub mod diff;
pub mod prefix_filter;
pub mod resolve;
pub mod tree;
