//! `decode()`: RPKI signed objects (.roa, .asa) and resource certificates
//! (.cer) decoded, not validated, by `routeguard::parse::rpki_object`;
//! `DecodedObject` and `ResourceCert` wrap its values.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString};

use routeguard::parse::rpki_object::{
    self, CertInfo, DecodedObject, ObjectContent, ObjectError, ObjectKind, Resources,
};
use routeguard::render::rpki_object as render;

use crate::errors;
use crate::types::{PyAspa, PyVrp};

/// An RPKI object decoded, not validated: no signature, chain, CRL or
/// manifest was checked.
#[pyclass(module = "routeguard", name = "DecodedObject", frozen)]
pub(crate) struct PyDecodedObject(DecodedObject);

#[pymethods]
impl PyDecodedObject {
    /// `"roa"`, `"aspa"` or `"cer"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }

    /// A ROA's origin AS; `None` for other kinds.
    #[getter]
    fn asn(&self) -> Option<u32> {
        self.0.roa().map(|r| r.asn.get())
    }

    /// A ROA's prefixes with their maxLength as written (`None` when absent).
    #[getter]
    fn prefixes(&self) -> Vec<(String, Option<u8>)> {
        self.0
            .roa()
            .map(|r| {
                r.prefixes
                    .iter()
                    .map(|p| (p.prefix.to_string(), p.max_length))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A ROA's VRPs (an absent maxLength is the prefix length); empty for
    /// other kinds.
    #[getter]
    fn vrps(&self) -> Vec<PyVrp> {
        self.0.vrps().into_iter().map(PyVrp).collect()
    }

    /// An ASPA's payload; `None` for other kinds.
    #[getter]
    fn aspa(&self) -> Option<PyAspa> {
        self.0.aspa().cloned().map(PyAspa)
    }

    /// The CMS signing time, Unix seconds; `None` for a certificate.
    #[getter]
    fn signing_time(&self) -> Option<i64> {
        self.0.signing_time
    }

    /// The signer's certificate (a ROA's or ASPA's EE certificate), or the
    /// certificate itself.
    #[getter]
    fn cert(&self) -> PyResourceCert {
        PyResourceCert(self.0.cert.clone())
    }

    /// The object as JSON (the `objects` item of `routeguard decode
    /// --format json`), with `"file": name` when a name is given.
    #[pyo3(signature = (name = None))]
    fn to_json(&self, name: Option<&str>) -> String {
        render::to_json(name, &self.0)
    }

    /// The object as `label: value` lines, after the "decoded, not
    /// validated" banner.
    #[pyo3(signature = (name = ""))]
    fn to_text(&self, name: &str) -> String {
        format!("# {}\n{}", render::BANNER, render::to_text(name, &self.0))
    }

    fn __repr__(&self) -> String {
        match &self.0.content {
            ObjectContent::Roa(r) => format!(
                "DecodedObject(kind='roa', asn={}, prefixes={}, not_after={})",
                r.asn.get(),
                r.prefixes.len(),
                self.0.cert.not_after
            ),
            ObjectContent::Aspa(a) => format!(
                "DecodedObject(kind='aspa', customer={}, providers={}, not_after={})",
                a.customer.get(),
                a.providers.len(),
                self.0.cert.not_after
            ),
            _ => format!(
                "DecodedObject(kind='{}', serial='{}', not_after={})",
                self.0.kind(),
                self.0.cert.serial,
                self.0.cert.not_after
            ),
        }
    }
}

/// The fields of a resource certificate (RFC 6487), as read: not checked.
#[pyclass(module = "routeguard", name = "ResourceCert", frozen)]
pub(crate) struct PyResourceCert(CertInfo);

fn resources<B: ToString>(py: Python<'_>, r: &Resources<B>) -> PyResult<Py<PyAny>> {
    Ok(match r {
        Resources::Missing => py.None(),
        Resources::Inherit => PyString::new(py, "inherit").into_any().unbind(),
        Resources::Blocks(bs) => PyList::new(py, bs.iter().map(ToString::to_string))?
            .into_any()
            .unbind(),
    })
}

#[pymethods]
impl PyResourceCert {
    /// The serial number, in decimal.
    #[getter]
    fn serial(&self) -> &str {
        &self.0.serial
    }
    /// The Subject Key Identifier, upper-case hex.
    #[getter]
    fn ski(&self) -> &str {
        &self.0.subject_key_id
    }
    /// The Authority Key Identifier, upper-case hex.
    #[getter]
    fn aki(&self) -> Option<&str> {
        self.0.authority_key_id.as_deref()
    }
    /// `notBefore`, Unix seconds.
    #[getter]
    fn not_before(&self) -> i64 {
        self.0.not_before
    }
    /// `notAfter`, Unix seconds.
    #[getter]
    fn not_after(&self) -> i64 {
        self.0.not_after
    }
    /// Whether the certificate says it is a CA.
    #[getter]
    fn is_ca(&self) -> bool {
        self.0.is_ca
    }
    /// IPv4 resources: `None` (absent), `"inherit"`, or the blocks.
    #[getter]
    fn ipv4(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        resources(py, &self.0.ipv4)
    }
    /// IPv6 resources: `None` (absent), `"inherit"`, or the blocks.
    #[getter]
    fn ipv6(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        resources(py, &self.0.ipv6)
    }
    /// AS resources: `None` (absent), `"inherit"`, or the blocks (`AS1`,
    /// `AS10-AS20`).
    #[getter]
    fn asns(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        resources(py, &self.0.asns)
    }
    /// SIA signedObject URI.
    #[getter]
    fn signed_object(&self) -> Option<&str> {
        self.0.signed_object.as_deref()
    }
    /// SIA caRepository URI.
    #[getter]
    fn ca_repository(&self) -> Option<&str> {
        self.0.ca_repository.as_deref()
    }
    /// SIA rpkiManifest URI.
    #[getter]
    fn manifest(&self) -> Option<&str> {
        self.0.manifest.as_deref()
    }
    /// SIA rpkiNotify URI (RRDP).
    #[getter]
    fn rpki_notify(&self) -> Option<&str> {
        self.0.rpki_notify.as_deref()
    }
    /// AIA caIssuers URI.
    #[getter]
    fn ca_issuer(&self) -> Option<&str> {
        self.0.ca_issuer.as_deref()
    }
    /// CRL distribution point URI.
    #[getter]
    fn crl(&self) -> Option<&str> {
        self.0.crl.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "ResourceCert(serial='{}', ski='{}', not_before={}, not_after={}, is_ca={})",
            self.0.serial,
            self.0.subject_key_id,
            self.0.not_before,
            self.0.not_after,
            if self.0.is_ca { "True" } else { "False" }
        )
    }
}

/// `RpkiObjectError` (a `ParseError`), or the I/O error of a file.
fn object_error(py: Python<'_>, e: &ObjectError, name: Option<&str>) -> PyErr {
    match e {
        ObjectError::Io(io) => errors::io_error(py, io),
        other => {
            let msg = match name {
                Some(n) => format!("{n}: {other}"),
                None => other.to_string(),
            };
            errors::rpki_object_error(py, msg, other.code())
        }
    }
}

/// Decodes a ROA, an ASPA or a resource certificate: `source` is the
/// object's bytes or a file path. Decoded, not validated.
#[pyfunction]
#[pyo3(signature = (source, kind = None))]
pub(crate) fn decode(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    kind: Option<&str>,
) -> PyResult<PyDecodedObject> {
    let kind: Option<ObjectKind> = kind
        .map(str::parse)
        .transpose()
        .map_err(|e| errors::model_error(py, &routeguard::ModelError::UnknownWord(e)))?;
    let bytes: Option<Vec<u8>> = if let Ok(b) = source.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = source.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    if let Some(bytes) = bytes {
        let r = py.detach(|| rpki_object::decode(&bytes, kind));
        return r
            .map(PyDecodedObject)
            .map_err(|e| object_error(py, &e, None));
    }
    let path: PathBuf = source.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(
            "decode() takes bytes, bytearray, str or os.PathLike",
        )
    })?;
    let name = path.display().to_string();
    py.detach(|| rpki_object::decode_file(&path, kind))
        .map(PyDecodedObject)
        .map_err(|e| object_error(py, &e, Some(&name)))
}
