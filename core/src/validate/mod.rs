//! Route validation, one module per check:
//! [`rov`]: RFC 6811 BGP prefix origin validation, with the AS0 semantics of
//! RFC 6483 §4 and RFC 7607; [`irr`]: IRR route-object consistency;
//! [`aspa`]: ASPA AS_PATH verification (draft-ietf-sidrops-aspa-verification-28);
//! [`bogon`]: special-purpose prefixes (RFC 6890 and IANA's registries), bogon
//! ASNs, too-specific prefixes, default routes and long paths; [`leak`]:
//! RFC 7908 route leaks from AS relationships and the RFC 9234 OTC rules;
//! [`route`]: all of them on one route at once; [`batch`]: origin validation,
//! IRR status and the route check over Arrow-style columns.

pub mod aspa;
pub mod batch;
pub mod bogon;
pub mod irr;
pub mod leak;
pub mod lines;
pub mod route;
pub mod rov;
