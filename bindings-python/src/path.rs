//! `AsPath` (RFC 4271 AS_PATH with RFC 5065 confederation segments) and the
//! conversions every path-validation call shares: a path from `str`,
//! `AsPath` or a sequence of AS numbers, and the word arguments (direction,
//! role).

use std::str::FromStr;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use routeguard::model::UnknownWord;
use routeguard::{AsPath, Asn, Segment};

use crate::convert;
use crate::errors::model_error;

/// An AS path: segments in wire order; the leftmost AS is the neighbour, the
/// rightmost the origin.
#[pyclass(module = "routeguard", name = "AsPath", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyAsPath(pub(crate) AsPath);

fn asns(v: &[Asn]) -> Vec<u32> {
    v.iter().map(|a| a.get()).collect()
}

fn segment_kind(s: &Segment) -> &'static str {
    match s {
        Segment::Sequence(_) => "sequence",
        Segment::Set(_) => "set",
        Segment::ConfedSequence(_) => "confed-sequence",
        Segment::ConfedSet(_) => "confed-set",
    }
}

/// A plain AS_SEQUENCE from an iterable of AS numbers (int or str).
fn sequence(obj: &Bound<'_, PyAny>) -> PyResult<AsPath> {
    let out = convert::each(obj, |item| convert::asn(item, false))?;
    Ok(AsPath::from_sequence(out))
}

/// An AS path from an `AsPath`, a `str` (`"64500 64501 {64502,64503}"`, the
/// path column of `bgpdump -m`) or a sequence of AS numbers (one
/// AS_SEQUENCE, leftmost first).
pub(crate) fn as_path(obj: &Bound<'_, PyAny>) -> PyResult<AsPath> {
    if let Ok(p) = obj.cast::<PyAsPath>() {
        return Ok(p.get().0.clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return AsPath::parse(&s.to_cow()?).map_err(|e| model_error(obj.py(), &e));
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(path_type_error(obj));
    }
    match obj.try_iter() {
        Ok(_) => sequence(obj),
        Err(_) => Err(path_type_error(obj)),
    }
}

fn path_type_error(obj: &Bound<'_, PyAny>) -> PyErr {
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned());
    PyTypeError::new_err(format!(
        "AS path must be a str, an AsPath or a sequence of AS numbers, not {name}"
    ))
}

/// An optional AS number argument (`None`, int or str).
pub(crate) fn opt_asn(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Asn>> {
    match obj {
        None => Ok(None),
        Some(o) => convert::origin(o, false),
    }
}

/// A word argument parsed by the core's `FromStr` (roles, directions);
/// an unknown word is a `ValueError` with the core's message.
pub(crate) fn word<T: FromStr<Err = UnknownWord>>(s: &str) -> PyResult<T> {
    s.parse::<T>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// An optional word argument.
pub(crate) fn opt_word<T: FromStr<Err = UnknownWord>>(s: Option<&str>) -> PyResult<Option<T>> {
    s.map(word).transpose()
}

/// Python's `repr()` of a string.
pub(crate) fn str_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned())
}

/// `None` or the number.
pub(crate) fn opt_num<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "None".to_owned(), |v| v.to_string())
}

#[pymethods]
impl PyAsPath {
    /// Parses text such as `64500 64501 {64502,64503}`: ASNs separated by
    /// spaces, `{…}` an AS_SET, `(…)` an AS_CONFED_SEQUENCE, `[…]` an
    /// AS_CONFED_SET; `AS` prefixes and asdot accepted. A sequence of AS
    /// numbers (or another `AsPath`) is taken as it is. Raises `ModelError`.
    #[new]
    fn new(path: &Bound<'_, PyAny>) -> PyResult<Self> {
        as_path(path).map(PyAsPath)
    }

    /// A path of one AS_SEQUENCE, leftmost (neighbour) first.
    #[staticmethod]
    fn from_asns(asns: &Bound<'_, PyAny>) -> PyResult<Self> {
        if asns.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "from_asns() takes a sequence of AS numbers, not a str (use AsPath(text))",
            ));
        }
        sequence(asns).map(PyAsPath)
    }

    /// The origin AS (RFC 6811 §2): the rightmost AS when the path ends in
    /// an AS_SEQUENCE; None for an empty path or one ending in an AS_SET.
    #[getter]
    fn origin(&self) -> Option<u32> {
        self.0.origin().map(Asn::get)
    }

    /// The neighbour AS: the leftmost AS when the path starts with an
    /// AS_SEQUENCE, else None.
    #[getter]
    fn neighbor(&self) -> Option<u32> {
        self.0.neighbor().map(Asn::get)
    }

    /// The RFC 4271 §9.1.2.2 path length: prepends count, an AS_SET counts
    /// one, confederation segments count zero.
    #[getter]
    fn length(&self) -> usize {
        self.0.length()
    }

    /// Whether an AS_SET or AS_CONFED_SET is present.
    #[getter]
    fn has_set(&self) -> bool {
        self.0.has_set()
    }

    /// Whether the path holds no AS.
    #[getter]
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every AS of every segment, in wire order.
    #[getter]
    fn asns(&self) -> Vec<u32> {
        self.0.asns().map(Asn::get).collect()
    }

    /// The segments as `(kind, asns)`; kind is `sequence`, `set`,
    /// `confed-sequence` or `confed-set`.
    #[getter]
    fn segments(&self) -> Vec<(&'static str, Vec<u32>)> {
        self.0
            .segments
            .iter()
            .map(|s| (segment_kind(s), asns(s.asns())))
            .collect()
    }

    /// The prepend-compressed AS_SEQUENCE (confederation segments dropped),
    /// as ASPA and leak checks read it; None when the path has an AS_SET.
    fn compressed(&self) -> Option<Vec<u32>> {
        self.0.compressed_sequence().map(|v| asns(&v))
    }

    /// The same path with prepends removed (sets kept).
    fn dedup_prepends(&self) -> PyAsPath {
        PyAsPath(self.0.dedup_prepends())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("AsPath({})", str_repr(py, &self.0.to_string())?))
    }
}
