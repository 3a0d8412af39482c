//! Python classes wrapping core values: `Vrp`, `Aspa`, `RouterKey`,
//! `RovState`, `InvalidReason`, `ValidationResult`, `LoadWarning`.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyString;

use routeguard::parse::Warning;
use routeguard::{Asn, Prefix};

use crate::convert;
use crate::errors::model_error;

fn opt_repr<T: std::fmt::Display>(v: &Option<T>) -> String {
    match v {
        None => "None".to_owned(),
        Some(v) => v.to_string(),
    }
}

/// Python's `repr()` of an optional string.
fn str_repr(py: Python<'_>, v: Option<&str>) -> PyResult<String> {
    match v {
        None => Ok("None".to_owned()),
        Some(s) => Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned()),
    }
}

/// A Validated ROA Payload.
#[pyclass(module = "routeguard", name = "Vrp", frozen, eq, hash, ord)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PyVrp(pub(crate) routeguard::Vrp);

#[pymethods]
impl PyVrp {
    #[new]
    #[pyo3(signature = (prefix, max_length, asn, ta = None, expires = None, *, relaxed = false))]
    fn new(
        prefix: &Bound<'_, PyAny>,
        max_length: u32,
        asn: &Bound<'_, PyAny>,
        ta: Option<&str>,
        expires: Option<i64>,
        relaxed: bool,
    ) -> PyResult<Self> {
        let py = prefix.py();
        let p = convert::prefix(prefix, relaxed)?;
        let a = convert::asn(asn, relaxed)?;
        let vrp =
            routeguard::Vrp::with_max_length(p, max_length, a).map_err(|e| model_error(py, &e))?;
        Ok(PyVrp(vrp.with_ta(ta.map(Arc::from)).with_expires(expires)))
    }

    /// The ROA prefix, e.g. `"192.0.2.0/24"`.
    #[getter]
    fn prefix(&self) -> String {
        self.0.prefix.to_string()
    }

    /// The longest prefix length this VRP authorises.
    #[getter]
    fn max_length(&self) -> u8 {
        self.0.max_length
    }

    /// The authorised origin AS as an int (0 authorises nobody).
    #[getter]
    fn asn(&self) -> u32 {
        self.0.asn.get()
    }

    /// The trust anchor name, when the export carries it.
    #[getter]
    fn ta(&self) -> Option<&str> {
        self.0.ta.as_deref()
    }

    /// Expiry as Unix seconds, when the export carries it.
    #[getter]
    fn expires(&self) -> Option<i64> {
        self.0.expires
    }

    pub(crate) fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let v = &self.0;
        Ok(format!(
            "Vrp(prefix='{}', max_length={}, asn={}, ta={}, expires={})",
            v.prefix,
            v.max_length,
            v.asn.get(),
            str_repr(py, v.ta.as_deref())?,
            opt_repr(&v.expires)
        ))
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// A validated ASPA payload: a customer AS and its providers.
#[pyclass(module = "routeguard", name = "Aspa", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyAspa(pub(crate) routeguard::Aspa);

#[pymethods]
impl PyAspa {
    /// The customer AS.
    #[getter]
    fn customer(&self) -> u32 {
        self.0.customer.get()
    }

    /// The provider ASes, sorted and unique.
    #[getter]
    fn providers(&self) -> Vec<u32> {
        self.0.providers.iter().map(|a| a.get()).collect()
    }

    /// The trust anchor name, when known.
    #[getter]
    fn ta(&self) -> Option<&str> {
        self.0.ta.as_deref()
    }

    /// Expiry as Unix seconds, when known.
    #[getter]
    fn expires(&self) -> Option<i64> {
        self.0.expires
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let providers: Vec<String> = self
            .0
            .providers
            .iter()
            .map(|a| a.get().to_string())
            .collect();
        Ok(format!(
            "Aspa(customer={}, providers=[{}], ta={}, expires={})",
            self.0.customer.get(),
            providers.join(", "),
            str_repr(py, self.0.ta.as_deref())?,
            opt_repr(&self.0.expires)
        ))
    }
}

/// A BGPsec router key (RFC 8635).
#[pyclass(module = "routeguard", name = "RouterKey", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyRouterKey(pub(crate) routeguard::RouterKey);

#[pymethods]
impl PyRouterKey {
    /// The AS the router speaks for.
    #[getter]
    fn asn(&self) -> u32 {
        self.0.asn.get()
    }

    /// The Subject Key Identifier.
    #[getter]
    fn ski(&self) -> &str {
        &self.0.ski
    }

    /// The SubjectPublicKeyInfo, base64 as exported.
    #[getter]
    fn public_key(&self) -> &str {
        &self.0.public_key
    }

    /// The trust anchor name, when known.
    #[getter]
    fn ta(&self) -> Option<&str> {
        self.0.ta.as_deref()
    }

    /// Expiry as Unix seconds, when known.
    #[getter]
    fn expires(&self) -> Option<i64> {
        self.0.expires
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RouterKey(asn={}, ski={}, ta={})",
            self.0.asn.get(),
            str_repr(py, Some(&self.0.ski))?,
            str_repr(py, self.0.ta.as_deref())?
        ))
    }
}

/// The RFC 6811 validation state; `str()` gives `valid`, `invalid` or `not-found`.
#[pyclass(module = "routeguard", name = "RovState", frozen, eq, eq_int, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PyRovState {
    #[pyo3(name = "VALID")]
    Valid,
    #[pyo3(name = "INVALID")]
    Invalid,
    #[pyo3(name = "NOT_FOUND")]
    NotFound,
}

impl From<routeguard::RovState> for PyRovState {
    fn from(s: routeguard::RovState) -> Self {
        match s {
            routeguard::RovState::Valid => PyRovState::Valid,
            routeguard::RovState::Invalid => PyRovState::Invalid,
            routeguard::RovState::NotFound => PyRovState::NotFound,
        }
    }
}

impl PyRovState {
    fn name(self) -> &'static str {
        match self {
            PyRovState::Valid => "VALID",
            PyRovState::Invalid => "INVALID",
            PyRovState::NotFound => "NOT_FOUND",
        }
    }

    fn core(self) -> routeguard::RovState {
        match self {
            PyRovState::Valid => routeguard::RovState::Valid,
            PyRovState::Invalid => routeguard::RovState::Invalid,
            PyRovState::NotFound => routeguard::RovState::NotFound,
        }
    }
}

#[pymethods]
impl PyRovState {
    /// `valid`, `invalid` or `not-found`.
    #[getter]
    fn value(&self) -> &'static str {
        self.core().as_str()
    }

    fn __str__(&self) -> &'static str {
        self.core().as_str()
    }
}

/// Why a route is invalid; `str()` gives `as` or `length`.
#[pyclass(
    module = "routeguard",
    name = "InvalidReason",
    frozen,
    eq,
    eq_int,
    hash
)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PyInvalidReason {
    /// No covering VRP has the route's origin (or the route has no origin).
    #[pyo3(name = "AS")]
    As,
    /// A covering VRP has the origin, but the route is longer than its max length.
    #[pyo3(name = "LENGTH")]
    Length,
}

impl From<routeguard::InvalidReason> for PyInvalidReason {
    fn from(r: routeguard::InvalidReason) -> Self {
        match r {
            routeguard::InvalidReason::As => PyInvalidReason::As,
            routeguard::InvalidReason::Length => PyInvalidReason::Length,
        }
    }
}

impl PyInvalidReason {
    fn name(self) -> &'static str {
        match self {
            PyInvalidReason::As => "AS",
            PyInvalidReason::Length => "LENGTH",
        }
    }

    fn core(self) -> routeguard::InvalidReason {
        match self {
            PyInvalidReason::As => routeguard::InvalidReason::As,
            PyInvalidReason::Length => routeguard::InvalidReason::Length,
        }
    }
}

#[pymethods]
impl PyInvalidReason {
    /// `as` or `length`.
    #[getter]
    fn value(&self) -> &'static str {
        self.core().as_str()
    }

    fn __str__(&self) -> &'static str {
        self.core().as_str()
    }
}

/// The verdict on one route: state, reason and the VRPs that decided it.
#[pyclass(module = "routeguard", name = "ValidationResult", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PyValidationResult {
    pub(crate) prefix: Prefix,
    pub(crate) origin: Option<Asn>,
    pub(crate) result: routeguard::RovResult,
}

#[pymethods]
impl PyValidationResult {
    /// The route's prefix as validated (canonical text).
    #[getter]
    fn prefix(&self) -> String {
        self.prefix.to_string()
    }

    /// The route's origin AS, or None when it had none.
    #[getter]
    fn origin(&self) -> Option<u32> {
        self.origin.map(Asn::get)
    }

    /// `RovState.VALID`, `RovState.INVALID` or `RovState.NOT_FOUND`.
    #[getter]
    fn state(&self) -> PyRovState {
        self.result.state.into()
    }

    /// For an invalid route, `InvalidReason.AS` or `InvalidReason.LENGTH`; else None.
    #[getter]
    fn reason(&self) -> Option<PyInvalidReason> {
        self.result.reason.map(Into::into)
    }

    /// For valid: the matching VRPs; for invalid: every covering VRP; for
    /// not-found: empty. Sorted.
    #[getter]
    fn covering(&self) -> Vec<PyVrp> {
        self.result.covering.iter().cloned().map(PyVrp).collect()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let reason = match self.result.reason {
            Some(r) => format!("InvalidReason.{}", PyInvalidReason::from(r).name()),
            None => "None".to_owned(),
        };
        let mut covering = Vec::new();
        for v in self.result.covering.iter().take(MAX_REPR_COVERING) {
            covering.push(PyVrp(v.clone()).__repr__(py)?);
        }
        if self.result.covering.len() > MAX_REPR_COVERING {
            covering.push(format!(
                "... {} more",
                self.result.covering.len() - MAX_REPR_COVERING
            ));
        }
        Ok(format!(
            "ValidationResult(prefix='{}', origin={}, state=RovState.{}, reason={}, covering=[{}])",
            self.prefix,
            opt_repr(&self.origin.map(Asn::get)),
            PyRovState::from(self.result.state).name(),
            reason,
            covering.join(", ")
        ))
    }
}

/// Most covering VRPs a `ValidationResult` repr lists.
const MAX_REPR_COVERING: usize = 4;

/// A record skipped by a lenient load.
#[pyclass(module = "routeguard", name = "LoadWarning", frozen)]
pub(crate) struct PyLoadWarning(pub(crate) Warning);

#[pymethods]
impl PyLoadWarning {
    /// 1-based line of the skipped record, 0 when unknown.
    #[getter]
    fn line(&self) -> usize {
        self.0.location.line
    }

    /// 1-based column, 0 when unknown.
    #[getter]
    fn column(&self) -> usize {
        self.0.location.column
    }

    /// The message, as a strict load would have raised it.
    #[getter]
    fn message(&self) -> String {
        self.0.to_string()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "LoadWarning(line={}, column={}, message={})",
            self.0.location.line,
            self.0.location.column,
            str_repr(py, Some(&self.0.to_string()))?
        ))
    }
}
