//! Python values → core values: prefixes, origins, input texts.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyString, PyType};

use routeguard::{Asn, Prefix};

use crate::errors::model_error;

static IPV4_NETWORK: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static IPV6_NETWORK: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Converts every item of a Python iterable with `f`, in order (the
/// input side of the batch calls).
pub(crate) fn each<'py, T>(
    items: &Bound<'py, PyAny>,
    mut f: impl FnMut(&Bound<'py, PyAny>) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    let mut out = Vec::with_capacity(items.len().unwrap_or(0));
    for item in items.try_iter()? {
        out.push(f(&item?)?);
    }
    Ok(out)
}

/// A prefix from a `str` or an `ipaddress.IPv4Network`/`IPv6Network`.
/// Strict unless `relaxed` (then host bits are truncated, whitespace trimmed
/// and a bare address is a host route).
pub(crate) fn prefix(obj: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<Prefix> {
    let py = obj.py();
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.clone()
    } else if obj.is_instance(IPV4_NETWORK.import(py, "ipaddress", "IPv4Network")?)?
        || obj.is_instance(IPV6_NETWORK.import(py, "ipaddress", "IPv6Network")?)?
    {
        obj.str()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "prefix must be a str or an ipaddress.IPv4Network/IPv6Network, not {}",
            type_name(obj)
        )));
    };
    let text = text.to_cow()?;
    let parsed = if relaxed {
        Prefix::parse_relaxed(&text)
    } else {
        Prefix::parse(&text)
    };
    parsed.map_err(|e| model_error(py, &e))
}

/// An origin AS from `None` (no origin: a final AS_SET), an `int`, or a
/// `str` such as `"AS64500"`, `"64500"` or asdot `"1.10"`.
pub(crate) fn origin(obj: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<Option<Asn>> {
    if obj.is_none() {
        return Ok(None);
    }
    asn(obj, relaxed).map(Some)
}

/// An AS number from an `int` or a `str`.
pub(crate) fn asn(obj: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<Asn> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        let parsed = if relaxed {
            Asn::parse_relaxed(&s)
        } else {
            Asn::parse(&s)
        };
        return parsed.map_err(|e| model_error(py, &e));
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        if let Ok(n) = obj.extract::<u32>() {
            return Ok(Asn::new(n));
        }
        // Out of range: let the core say so, in its words.
        let text = obj.str()?;
        return Asn::parse(&text.to_cow()?).map_err(|e| model_error(py, &e));
    }
    Err(PyTypeError::new_err(format!(
        "AS number must be an int or a str, not {}",
        type_name(obj)
    )))
}

/// Input text given as `str`, `bytes` or `bytearray`. `bytes` is borrowed;
/// the others are encoded/copied once.
pub(crate) enum Data<'py> {
    Bytes(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
}

impl<'py> Data<'py> {
    pub(crate) fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Data::Bytes(b.clone()));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Data::Owned(s.to_cow()?.into_owned().into_bytes()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Data::Owned(b.to_vec()));
        }
        Err(PyTypeError::new_err(format!(
            "data must be str or bytes, not {}",
            type_name(obj)
        )))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Data::Bytes(b) => b.as_bytes(),
            Data::Owned(v) => v,
        }
    }
}

/// The two items of a `(prefix, origin)` tuple or list of two; `None` for
/// anything else.
pub(crate) fn pair<'py>(
    item: &Bound<'py, PyAny>,
) -> PyResult<Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    use pyo3::types::{PyList, PyTuple};
    if let Ok(t) = item.cast::<PyTuple>() {
        return (t.len() == 2)
            .then(|| Ok((t.get_item(0)?, t.get_item(1)?)))
            .transpose();
    }
    if let Ok(l) = item.cast::<PyList>() {
        return (l.len() == 2)
            .then(|| Ok((l.get_item(0)?, l.get_item(1)?)))
            .transpose();
    }
    Ok(None)
}
