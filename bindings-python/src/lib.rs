//! Python bindings for routeguard: the `routeguard._routeguard` extension
//! module behind the `routeguard` pip package.
//!
//! Thin by design: convert Python values, call the core crate, map its
//! errors onto the `RouteguardError` hierarchy. Long calls (loading,
//! building the index, batch validation, IRR loads and checks, every whois
//! query, filter expansion and rendering, every wait of the RTR client)
//! release the GIL.

mod arrow;
mod aspa;
mod bogon;
mod convert;
mod dataset;
mod decode;
mod errors;
mod files;
mod filter;
mod irr;
mod leak;
mod manrs;
mod path;
mod route;
mod rtr;
mod types;
mod vrpset;
mod whois;

use pyo3::prelude::*;

/// Parses a prefix (str or ipaddress network) and returns its canonical text.
/// Strict unless `relaxed=True` (then host bits are truncated).
#[pyfunction]
#[pyo3(signature = (prefix, *, relaxed = false))]
fn parse_prefix(prefix: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<String> {
    convert::prefix(prefix, relaxed).map(|p| p.to_string())
}

/// Parses an AS number (`64500`, `"AS64500"`, `"64500"`, asdot `"1.10"`).
#[pyfunction]
#[pyo3(signature = (asn, *, relaxed = false))]
fn parse_asn(asn: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<u32> {
    convert::asn(asn, relaxed).map(|a| a.get())
}

#[pymodule]
fn _routeguard(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<types::PyVrp>()?;
    m.add_class::<types::PyAspa>()?;
    m.add_class::<types::PyRouterKey>()?;
    m.add_class::<types::PyRovState>()?;
    m.add_class::<types::PyInvalidReason>()?;
    m.add_class::<types::PyValidationResult>()?;
    m.add_class::<types::PyLoadWarning>()?;
    m.add_class::<vrpset::PyVrpSet>()?;
    m.add_class::<vrpset::VrpIterator>()?;
    m.add_class::<irr::PyIrrDb>()?;
    m.add_class::<irr::PyIrrCheck>()?;
    m.add_class::<irr::PyIrrAdvice>()?;
    m.add_class::<whois::PyWhoisClient>()?;
    m.add_function(wrap_pyfunction!(irr::parse_rpsl, m)?)?;
    // Path validation (issue 4): AS paths, ASPA, bogons, leaks, route checks.
    m.add_class::<path::PyAsPath>()?;
    m.add_class::<aspa::PyAspaSet>()?;
    m.add_class::<aspa::PyAspaResult>()?;
    m.add_class::<bogon::PyBogons>()?;
    m.add_class::<bogon::PyBogonFinding>()?;
    m.add_class::<leak::PyAsRelations>()?;
    m.add_class::<leak::PyLeak>()?;
    m.add_class::<leak::PyLeakResult>()?;
    m.add_class::<leak::PyOtcVerdict>()?;
    m.add_class::<route::PyRouteChecker>()?;
    m.add_class::<route::PyRouteVerdict>()?;
    // Everything loaded in one call (issue 10).
    m.add_class::<dataset::PyDataset>()?;
    // The MANRS evaluation (issue 11).
    manrs::register(m)?;
    // Filters: bgpq4, prefix lists with RPKI, diffs, anti-spoofing (issue 12).
    filter::register(m)?;
    m.add_function(wrap_pyfunction!(aspa::verify_upstream, m)?)?;
    m.add_function(wrap_pyfunction!(aspa::verify_downstream, m)?)?;
    m.add_function(wrap_pyfunction!(bogon::special_purpose, m)?)?;
    m.add_function(wrap_pyfunction!(bogon::bogon_asn_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(leak::detect_leaks, m)?)?;
    m.add_function(wrap_pyfunction!(leak::leak_state, m)?)?;
    m.add_function(wrap_pyfunction!(leak::otc_ingress, m)?)?;
    m.add_function(wrap_pyfunction!(leak::otc_egress, m)?)?;
    // RPKI objects decoded, not validated (issue 13).
    m.add_class::<decode::PyDecodedObject>()?;
    m.add_class::<decode::PyResourceCert>()?;
    m.add_function(wrap_pyfunction!(decode::decode, m)?)?;
    // Live RPKI over RTR (issue 13).
    m.add_class::<rtr::PyRtrClient>()?;
    m.add_class::<rtr::PyRtrStatus>()?;
    m.add_function(wrap_pyfunction!(parse_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(parse_asn, m)?)?;
    Ok(())
}
