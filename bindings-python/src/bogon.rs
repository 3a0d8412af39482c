//! `Bogons`, `BogonFinding`, `special_purpose`, `bogon_asn_ranges`: bogon
//! prefixes (RFC 6890 special-purpose registries and user lists such as
//! Team Cymru's full bogons), bogon ASNs, too-specific prefixes, default
//! routes and long AS paths.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use routeguard::parse::bogons::parse_bogon_list;
use routeguard::parse::ParseError;
use routeguard::validate::bogon::{self, BogonFinding, BogonOptions, Bogons, DEFAULT_MAX_PATH_LEN};
use routeguard::{Asn, Prefix};

use crate::convert::{self, Data};
use crate::errors::parse_error;
use crate::files;
use crate::irr::family as family_of;
use crate::path::{as_path, opt_num, str_repr};
use crate::vrpset::LoadError;

/// The bogon checker: the built-in IANA registries and bogon ASN ranges,
/// user lists added with `add_list`, and the options.
#[pyclass(module = "routeguard", name = "Bogons", frozen)]
pub(crate) struct PyBogons {
    /// Replaced (copy on write) by `add_list`; readers take the current one.
    inner: RwLock<Arc<Bogons>>,
}

impl PyBogons {
    /// The checker as it is now.
    pub(crate) fn current(&self) -> Arc<Bogons> {
        Arc::clone(&self.inner.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// A handle on `bogons` (shared, not copied; `add_list` then copies on
    /// write, so the owner of `bogons` does not see the lists added).
    pub(crate) fn shared(bogons: Arc<Bogons>) -> Self {
        PyBogons {
            inner: RwLock::new(bogons),
        }
    }

    /// A checker with the default options.
    pub(crate) fn default_checker() -> Self {
        PyBogons {
            inner: RwLock::new(Arc::new(Bogons::default())),
        }
    }

    fn add(&self, name: String, prefixes: Vec<Prefix>) {
        let mut guard = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        Arc::make_mut(&mut guard).add_list(name, prefixes);
    }
}

/// Bogon list text (Team Cymru format) to prefixes; bad UTF-8 is a
/// `ParseError` at its line.
fn parse_list(bytes: &[u8]) -> Result<Vec<Prefix>, ParseError> {
    let text = files::utf8(bytes)?;
    parse_bogon_list(text)
}

pub(crate) fn finding(f: Option<BogonFinding>) -> Option<PyBogonFinding> {
    f.map(PyBogonFinding)
}

#[pymethods]
impl PyBogons {
    /// A checker with the built-in registries. `max_v4_len`/`max_v6_len`:
    /// longer prefixes are `too-specific`; `max_path_len`: longer AS paths
    /// are `long-path` (None disables); `allow_default`: accept 0.0.0.0/0
    /// and ::/0.
    #[new]
    #[pyo3(
        signature = (*, max_v4_len = 24, max_v6_len = 48, max_path_len = Some(DEFAULT_MAX_PATH_LEN), allow_default = false),
        text_signature = "(*, max_v4_len=24, max_v6_len=48, max_path_len=64, allow_default=False)"
    )]
    fn new(
        max_v4_len: u8,
        max_v6_len: u8,
        max_path_len: Option<usize>,
        allow_default: bool,
    ) -> Self {
        let opts = BogonOptions {
            max_v4_len,
            max_v6_len,
            max_path_len,
            allow_default,
        };
        PyBogons {
            inner: RwLock::new(Arc::new(Bogons::new(opts))),
        }
    }

    /// Adds a user bogon list named `name`: the text of a Team Cymru style
    /// list (`str`/`bytes`, one prefix per line, `#` comments) or an
    /// iterable of prefixes. It adds to the built-in blocks; findings name
    /// the list. Raises `ParseError` (text) or `ModelError` (prefixes).
    fn add_list(&self, py: Python<'_>, name: String, prefixes: &Bound<'_, PyAny>) -> PyResult<()> {
        let list = if let Ok(data) = Data::extract(prefixes) {
            let bytes = data.as_bytes();
            py.detach(|| parse_list(bytes))
                .map_err(|e| parse_error(py, &e))?
        } else {
            let mut v = Vec::new();
            for p in prefixes.try_iter()? {
                v.push(convert::prefix(&p?, false)?);
            }
            v
        };
        py.detach(|| self.add(name, list));
        Ok(())
    }

    /// Adds a user bogon list from a file (gzip, bzip2, xz, zstd
    /// decompressed), named `name` or else the file name. Raises
    /// `ParseError` or `RouteguardIoError` (an `OSError`).
    #[pyo3(signature = (path, name = None))]
    fn add_list_file(&self, py: Python<'_>, path: PathBuf, name: Option<String>) -> PyResult<()> {
        let name = name.unwrap_or_else(|| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        });
        py.detach(|| -> Result<(), LoadError> {
            let data = files::read(&path)?;
            let list = parse_list(&data).map_err(|e| LoadError::Core(e.into()))?;
            self.add(name, list);
            Ok(())
        })
        .map_err(|e| e.into_py(py))
    }

    /// The first finding about the prefix alone (bogon prefix, then too
    /// specific, then default route), or None.
    #[pyo3(signature = (prefix, *, relaxed = false))]
    fn check_prefix(
        &self,
        prefix: &Bound<'_, PyAny>,
        relaxed: bool,
    ) -> PyResult<Option<PyBogonFinding>> {
        let p = convert::prefix(prefix, relaxed)?;
        Ok(finding(self.current().check_prefix(&p)))
    }

    /// The finding for a bogon ASN (naming its range and document), or None.
    fn check_asn(&self, asn: &Bound<'_, PyAny>) -> PyResult<Option<PyBogonFinding>> {
        let a = convert::asn(asn, false)?;
        Ok(finding(self.current().check_asn(a)))
    }

    /// Whether the prefix is a bogon prefix (built-in blocks or a user list).
    #[pyo3(signature = (prefix, *, relaxed = false))]
    fn is_bogon_prefix(&self, prefix: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<bool> {
        let p = convert::prefix(prefix, relaxed)?;
        Ok(self.current().is_bogon_prefix(&p))
    }

    /// Every finding for a route, in priority order: bogon prefix (one per
    /// matching list), bogon ASN (one per distinct ASN, path order), too
    /// specific, default route, long path.
    #[pyo3(signature = (prefix, path, *, relaxed = false))]
    fn check_route(
        &self,
        prefix: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        relaxed: bool,
    ) -> PyResult<Vec<PyBogonFinding>> {
        let p = convert::prefix(prefix, relaxed)?;
        let path = as_path(path)?;
        Ok(self
            .current()
            .check_route(&p, &path)
            .into_iter()
            .map(PyBogonFinding)
            .collect())
    }

    /// The first finding of `check_route`, or None (what the route check's
    /// bogon column reports).
    #[pyo3(signature = (prefix, path, *, relaxed = false))]
    fn first(
        &self,
        prefix: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        relaxed: bool,
    ) -> PyResult<Option<PyBogonFinding>> {
        let p = convert::prefix(prefix, relaxed)?;
        let path = as_path(path)?;
        Ok(finding(self.current().first(&p, &path)))
    }

    /// Longest IPv4 prefix accepted.
    #[getter]
    fn max_v4_len(&self) -> u8 {
        self.current().options().max_v4_len
    }

    /// Longest IPv6 prefix accepted.
    #[getter]
    fn max_v6_len(&self) -> u8 {
        self.current().options().max_v6_len
    }

    /// Longest AS path accepted; None when the check is off.
    #[getter]
    fn max_path_len(&self) -> Option<usize> {
        self.current().options().max_path_len
    }

    /// Whether default routes are accepted.
    #[getter]
    fn allow_default(&self) -> bool {
        self.current().options().allow_default
    }

    /// The user lists as `(name, number of prefixes)`, in the order added.
    #[getter]
    fn lists(&self) -> Vec<(String, usize)> {
        self.current()
            .lists()
            .map(|(n, c)| (n.to_owned(), c))
            .collect()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let b = self.current();
        let o = b.options();
        let mut lists = Vec::new();
        for (n, c) in b.lists() {
            lists.push(format!("({}, {c})", str_repr(py, n)?));
        }
        Ok(format!(
            "<Bogons max_v4_len={} max_v6_len={} max_path_len={} allow_default={} lists=[{}]>",
            o.max_v4_len,
            o.max_v6_len,
            opt_num(o.max_path_len),
            if o.allow_default { "True" } else { "False" },
            lists.join(", ")
        ))
    }
}

/// One bogon verdict: the kind, the list (or rule) and the entry that
/// matched, and for `bogon-asn` the ASN.
#[pyclass(module = "routeguard", name = "BogonFinding", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyBogonFinding(pub(crate) BogonFinding);

#[pymethods]
impl PyBogonFinding {
    /// `bogon-prefix`, `bogon-asn`, `too-specific`, `default-route` or
    /// `long-path`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The list or rule that matched, e.g. `IANA IPv4 Special-Purpose
    /// Address Registry`, `RFC 6996`, a user list's name, `max-v4-len 24`.
    #[getter]
    fn list(&self) -> &str {
        &self.0.list
    }

    /// The matching entry, e.g. `10.0.0.0/8 Private-Use (RFC 1918)`.
    #[getter]
    fn entry(&self) -> &str {
        &self.0.entry
    }

    /// The offending ASN of a `bogon-asn` finding, else None.
    #[getter]
    fn asn(&self) -> Option<u32> {
        self.0.asn.map(Asn::get)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "BogonFinding(kind={}, list={}, entry={}, asn={})",
            str_repr(py, self.0.kind.as_str())?,
            str_repr(py, &self.0.list)?,
            str_repr(py, &self.0.entry)?,
            opt_num(self.0.asn.map(Asn::get))
        ))
    }
}

/// The rows of the IANA special-purpose registry of `family` (4 or 6), then
/// the address-space reservations routeguard treats as bogons (multicast,
/// IPv6 outside 2000::/3, …) and the blocks from operators' bogon lists
/// (3ffe::/16), as dicts with the registry's flags (None where
/// it says N/A) and `bogon` (whether a route inside is a bogon).
#[pyfunction]
pub(crate) fn special_purpose(py: Python<'_>, family: u8) -> PyResult<Bound<'_, PyList>> {
    let f =
        family_of(Some(family))?.ok_or_else(|| PyValueError::new_err("family must be 4 or 6"))?;
    let mut out = Vec::new();
    for r in bogon::builtin_blocks(f) {
        let d = PyDict::new(py);
        d.set_item("block", r.block)?;
        d.set_item("name", r.name)?;
        d.set_item("rfc", r.rfc)?;
        d.set_item("registry", r.registry)?;
        d.set_item("source", r.source)?;
        d.set_item("destination", r.destination)?;
        d.set_item("forwardable", r.forwardable)?;
        d.set_item("globally_reachable", r.globally_reachable)?;
        d.set_item("reserved_by_protocol", r.reserved_by_protocol)?;
        d.set_item("bogon", r.is_bogon())?;
        out.push(d);
    }
    PyList::new(py, out)
}

/// The bogon ASN ranges as dicts: `first`, `last`, `name`, `source`.
#[pyfunction]
pub(crate) fn bogon_asn_ranges(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let mut out = Vec::new();
    for r in bogon::bogon_asn_ranges() {
        let d = PyDict::new(py);
        d.set_item("first", r.first)?;
        d.set_item("last", r.last)?;
        d.set_item("name", r.name)?;
        d.set_item("source", r.source)?;
        out.push(d);
    }
    PyList::new(py, out)
}
