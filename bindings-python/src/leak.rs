//! `AsRelations`, `LeakResult`, `Leak`, `OtcVerdict`, `detect_leaks`,
//! `leak_state`, `otc_ingress`, `otc_egress`: CAIDA AS relationships,
//! valley-free route-leak detection (RFC 7908 types 1–4) and the RFC 9234
//! Only-to-Customer rules.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyList;

use routeguard::parse::asrel::{parse_as_rel_bytes, read_as_rel};
use routeguard::validate::leak::{self, Leak, LeakResult, LeakState, OtcVerdict, Role};
use routeguard::{AsPath, Asn};

use crate::convert::{self, Data};
use crate::errors::parse_error;
use crate::files;
use crate::path::{as_path, opt_asn, opt_num, word};
use crate::vrpset::LoadError;

/// The AS relationship graph from a CAIDA `as-rel` file (serial-1 or
/// serial-2).
#[pyclass(module = "routeguard", name = "AsRelations", frozen)]
pub(crate) struct PyAsRelations {
    /// Shared with a `Dataset` when it came from one.
    pub(crate) rel: Arc<routeguard::AsRelations>,
}

fn asn_list(v: &[Asn]) -> Vec<u32> {
    v.iter().map(|a| a.get()).collect()
}

#[pymethods]
impl PyAsRelations {
    /// Loads an `as-rel` file, streaming (gzip, bzip2, xz as CAIDA publishes
    /// them, and zstd are decompressed). Raises `ParseError` (with the line)
    /// or `RouteguardIoError` (an `OSError`).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        py.detach(|| -> Result<PyAsRelations, LoadError> {
            let mut input = files::open(&path)?;
            let data = read_as_rel(&mut input).map_err(|e| files::input_error(&input, e))?;
            Ok(PyAsRelations {
                rel: Arc::new(routeguard::AsRelations::new(&data)),
            })
        })
        .map_err(|e| e.into_py(py))
    }

    /// Parses `as-rel` text (`str` or `bytes`). Raises `ParseError`.
    #[staticmethod]
    fn from_text(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = Data::extract(text)?;
        let bytes = data.as_bytes();
        py.detach(|| {
            parse_as_rel_bytes(bytes).map(|d| PyAsRelations {
                rel: Arc::new(routeguard::AsRelations::new(&d)),
            })
        })
        .map_err(|e| parse_error(py, &e))
    }

    /// What `b` is to `a`: `customer`, `provider` or `peer`; None when the
    /// data does not relate them.
    fn relationship(
        &self,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
    ) -> PyResult<Option<&'static str>> {
        let a = convert::asn(a, false)?;
        let b = convert::asn(b, false)?;
        Ok(self.rel.relationship(a, b).map(|r| r.as_str()))
    }

    /// The providers of `asn`, sorted.
    fn providers_of(&self, asn: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        Ok(asn_list(self.rel.providers_of(convert::asn(asn, false)?)))
    }

    /// The customers of `asn`, sorted.
    fn customers_of(&self, asn: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        Ok(asn_list(self.rel.customers_of(convert::asn(asn, false)?)))
    }

    /// The peers of `asn`, sorted.
    fn peers_of(&self, asn: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        Ok(asn_list(self.rel.peers_of(convert::asn(asn, false)?)))
    }

    /// Every AS that appears in a relationship, sorted.
    fn ases(&self) -> Vec<u32> {
        asn_list(self.rel.ases())
    }

    /// The clique of the file's `# inferred clique:` (or `# input clique:`)
    /// header, in file order.
    #[getter]
    fn clique(&self) -> Vec<u32> {
        asn_list(self.rel.clique())
    }

    /// The IXP ASes of the file's `# IXP ASes:` header, in file order.
    #[getter]
    fn ixps(&self) -> Vec<u32> {
        asn_list(self.rel.ixps())
    }

    /// Records that repeated a pair with the same relationship.
    #[getter]
    fn duplicates(&self) -> usize {
        self.rel.duplicates()
    }

    /// Records that contradicted an earlier record of the same pair.
    #[getter]
    fn conflicts(&self) -> usize {
        self.rel.conflicts()
    }

    /// The verdict words (`ok`, `leak`, `unknown`) of many paths, in input
    /// order; the checks run without the GIL. `receiver`: the AS that
    /// received every path from its leftmost AS, if known.
    #[pyo3(signature = (paths, receiver = None))]
    fn leak_states<'py>(
        &self,
        py: Python<'py>,
        paths: &Bound<'py, PyAny>,
        receiver: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let receiver = opt_asn(receiver)?;
        let input: Vec<AsPath> = convert::each(paths, as_path)?;
        let rel = &self.rel;
        let states: Vec<LeakState> = py.detach(|| {
            input
                .iter()
                .map(|p| leak::leak_state(rel, p, receiver))
                .collect()
        });
        PyList::new(py, states.into_iter().map(LeakState::as_str))
    }

    /// Number of related AS pairs.
    fn __len__(&self) -> usize {
        self.rel.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<AsRelations {} links, {} clique ASes, {} IXP ASes>",
            self.rel.len(),
            self.rel.clique().len(),
            self.rel.ixps().len()
        )
    }
}

/// One AS proved to have leaked a route (RFC 7908).
#[pyclass(module = "routeguard", name = "Leak", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyLeak(Leak);

#[pymethods]
impl PyLeak {
    /// The AS that leaked.
    #[getter]
    fn leaker(&self) -> u32 {
        self.0.leaker.get()
    }

    /// The RFC 7908 type number, 1–4.
    #[getter]
    fn r#type(&self) -> u8 {
        self.0.kind.number()
    }

    /// The type as a word: `hairpin-turn`, `lateral-isp-isp-isp`,
    /// `provider-to-peer` or `peer-to-provider`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The neighbour it learned the route from (its right neighbour).
    #[getter]
    fn learned_from(&self) -> u32 {
        self.0.learned_from.get()
    }

    /// The neighbour it sent the route to (its left neighbour or the
    /// receiver).
    #[getter]
    fn sent_to(&self) -> u32 {
        self.0.sent_to.get()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Leak(leaker={}, type={}, kind='{}', learned_from={}, sent_to={})",
            self.0.leaker.get(),
            self.0.kind.number(),
            self.0.kind.as_str(),
            self.0.learned_from.get(),
            self.0.sent_to.get()
        )
    }
}

/// The leak verdict on one path: the state, every proved leak, and the
/// relations that were missing.
#[pyclass(module = "routeguard", name = "LeakResult", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PyLeakResult(LeakResult);

#[pymethods]
impl PyLeakResult {
    /// `ok`, `leak` or `unknown`.
    #[getter]
    fn state(&self) -> &'static str {
        self.0.state.as_str()
    }

    /// Every proved leak, leftmost leaker first.
    #[getter]
    fn leaks(&self) -> Vec<PyLeak> {
        self.0.leaks.iter().copied().map(PyLeak).collect()
    }

    /// The adjacent AS pairs (left AS first) whose relation was needed and
    /// is missing from the data.
    #[getter]
    fn missing(&self) -> Vec<(u32, u32)> {
        self.0
            .missing
            .iter()
            .map(|(a, b)| (a.get(), b.get()))
            .collect()
    }

    /// Whether a multi-member AS_SET left some AS undecided.
    #[getter]
    fn set_undecided(&self) -> bool {
        self.0.set_undecided
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        let leaks: Vec<String> = self.0.leaks.iter().map(|l| PyLeak(*l).__repr__()).collect();
        let missing: Vec<String> = self
            .0
            .missing
            .iter()
            .map(|(a, b)| format!("({}, {})", a.get(), b.get()))
            .collect();
        format!(
            "LeakResult(state='{}', leaks=[{}], missing=[{}], set_undecided={})",
            self.0.state.as_str(),
            leaks.join(", "),
            missing.join(", "),
            if self.0.set_undecided {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// The outcome of an RFC 9234 §5 OTC procedure.
#[pyclass(module = "routeguard", name = "OtcVerdict", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyOtcVerdict(OtcVerdict);

#[pymethods]
impl PyOtcVerdict {
    /// Ingress: the route is a leak (ineligible). Egress: it must not be
    /// sent.
    #[getter]
    fn leak(&self) -> bool {
        self.0.leak
    }

    /// The OTC value the route carries afterwards, or None.
    #[getter]
    fn otc(&self) -> Option<u32> {
        self.0.otc.map(Asn::get)
    }

    fn __repr__(&self) -> String {
        format!(
            "OtcVerdict(leak={}, otc={})",
            if self.0.leak { "True" } else { "False" },
            opt_num(self.0.otc.map(Asn::get))
        )
    }
}

/// Every leak on a path (RFC 7908 types 1–4), with the missing relations.
/// `receiver`: the AS that received the path from its leftmost AS, if
/// known (the leftmost AS is then judged too).
#[pyfunction]
#[pyo3(signature = (relations, path, receiver = None))]
pub(crate) fn detect_leaks(
    relations: &Bound<'_, PyAsRelations>,
    path: &Bound<'_, PyAny>,
    receiver: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyLeakResult> {
    let path = as_path(path)?;
    let receiver = opt_asn(receiver)?;
    Ok(PyLeakResult(leak::detect_leaks(
        &relations.get().rel,
        &path,
        receiver,
    )))
}

/// The verdict word of `detect_leaks` alone: `ok`, `leak` or `unknown`.
#[pyfunction]
#[pyo3(signature = (relations, path, receiver = None))]
pub(crate) fn leak_state(
    relations: &Bound<'_, PyAsRelations>,
    path: &Bound<'_, PyAny>,
    receiver: Option<&Bound<'_, PyAny>>,
) -> PyResult<&'static str> {
    let path = as_path(path)?;
    let receiver = opt_asn(receiver)?;
    Ok(leak::leak_state(&relations.get().rel, &path, receiver).as_str())
}

/// RFC 9234 §5 ingress: a route received from `remote_as` on a session
/// where our role is `role` (`provider`, `customer`, `rs`, `rs-client`,
/// `peer`), carrying OTC `otc` (None: no OTC attribute).
#[pyfunction]
#[pyo3(signature = (role, remote_as, otc = None))]
pub(crate) fn otc_ingress(
    role: &str,
    remote_as: &Bound<'_, PyAny>,
    otc: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyOtcVerdict> {
    let role: Role = word(role)?;
    let remote = convert::asn(remote_as, false)?;
    Ok(PyOtcVerdict(leak::otc_ingress(role, remote, opt_asn(otc)?)))
}

/// RFC 9234 §5 egress: a route about to be sent by `local_as` on a session
/// where its role is `role`, carrying OTC `otc`.
#[pyfunction]
#[pyo3(signature = (role, local_as, otc = None))]
pub(crate) fn otc_egress(
    role: &str,
    local_as: &Bound<'_, PyAny>,
    otc: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyOtcVerdict> {
    let role: Role = word(role)?;
    let local = convert::asn(local_as, false)?;
    Ok(PyOtcVerdict(leak::otc_egress(role, local, opt_asn(otc)?)))
}
