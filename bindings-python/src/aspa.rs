//! `AspaSet`, `AspaResult`, `verify_upstream`/`verify_downstream`: ASPA
//! path verification, draft-ietf-sidrops-aspa-verification-28.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use routeguard::index::aspa::Hop;
use routeguard::validate::aspa::{self, AspaOptions, AspaResult, AspaVerdict, Direction, Role};
use routeguard::{AsPath, Asn, Aspa};

use crate::convert::{self, Data};
use crate::errors::core_error;
use crate::files;
use crate::path::{as_path, opt_asn, opt_num, opt_word, str_repr, word};
use crate::types::PyAspa;
use crate::vrpset::{self, format_by_name, LoadError, PyVrpSet};

/// Validated ASPAs by customer AS (the union of each customer's provider
/// sets, AS0 dropped), for ASPA path verification.
#[pyclass(module = "routeguard", name = "AspaSet", frozen)]
pub(crate) struct PyAspaSet {
    /// Shared with a `Dataset` when it came from one.
    pub(crate) set: Arc<routeguard::AspaSet>,
}

/// One ASPA from an `Aspa` or a `(customer, providers)` pair.
fn aspa_item(item: &Bound<'_, PyAny>) -> PyResult<Aspa> {
    if let Ok(a) = item.cast::<PyAspa>() {
        return Ok(a.get().0.clone());
    }
    let (c, p) = convert::pair(item)?.ok_or_else(|| {
        PyTypeError::new_err("each ASPA must be an Aspa or a (customer, providers) pair")
    })?;
    if p.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "ASPA providers must be a sequence of AS numbers, not a str",
        ));
    }
    let customer = convert::asn(&c, false)?;
    let mut providers = Vec::new();
    for a in p.try_iter()? {
        providers.push(convert::asn(&a?, false)?);
    }
    Ok(Aspa::new(customer, providers))
}

/// The direction argument: a word, or (None) the one the draft prescribes
/// for `role` (§6.3), upstream without a role.
pub(crate) fn direction(d: Option<&str>, role: Option<Role>) -> PyResult<Direction> {
    match (d, role) {
        (Some(d), _) => word(d),
        (None, Some(r)) => Ok(Direction::for_role(r)),
        (None, None) => Ok(Direction::Upstream),
    }
}

/// `(customer, provider, hop)` with the hop as its word.
type PyHop = (u32, u32, &'static str);

fn hop(h: Option<(Asn, Asn, Hop)>) -> Option<PyHop> {
    h.map(|(c, p, h)| (c.get(), p.get(), h.as_str()))
}

fn hop_repr(h: Option<PyHop>) -> String {
    match h {
        None => "None".to_owned(),
        Some((c, p, w)) => format!("({c}, {p}, '{w}')"),
    }
}

#[pymethods]
impl PyAspaSet {
    /// A set from `Aspa` objects and/or `(customer, [providers])` pairs;
    /// several ASPAs of one customer are merged (their union).
    #[new]
    #[pyo3(signature = (aspas = None))]
    fn new(py: Python<'_>, aspas: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut v = Vec::new();
        if let Some(aspas) = aspas {
            for item in aspas.try_iter()? {
                v.push(aspa_item(&item?)?);
            }
        }
        let set = py.detach(|| routeguard::AspaSet::new(&v));
        Ok(PyAspaSet { set: Arc::new(set) })
    }

    /// The ASPAs of a loaded `VrpSet`.
    #[staticmethod]
    fn from_vrpset(py: Python<'_>, vrps: &Bound<'_, PyVrpSet>) -> PyResult<Self> {
        let vrps = vrps.get();
        let set = py.detach(|| routeguard::AspaSet::from(&*vrps.set));
        Ok(PyAspaSet { set: Arc::new(set) })
    }

    /// Loads the ASPAs of a validator export file in any format the
    /// `VrpSet` loaders read (rpki-client/Routinator JSON `aspas`, openbgpd
    /// `aspa-set`, SLURM v2 `aspaAssertions`, …), sniffed unless `format`
    /// names one. gzip, bzip2, xz and zstd are decompressed. Raises
    /// `ParseError`, `SlurmError` or `RouteguardIoError` (an `OSError`).
    #[staticmethod]
    #[pyo3(signature = (path, format = None, *, strict = true))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        format: Option<&str>,
        strict: bool,
    ) -> PyResult<Self> {
        let format = format_by_name(format)?;
        let opts = vrpset::options(strict);
        py.detach(|| -> Result<PyAspaSet, LoadError> {
            let data = files::read(&path)?;
            let loaded = vrpset::load(&data, format, &opts).map_err(LoadError::Core)?;
            Ok(PyAspaSet {
                set: Arc::new(routeguard::AspaSet::from(&loaded.set)),
            })
        })
        .map_err(|e| e.into_py(py))
    }

    /// Loads the ASPAs of a validator export given as text or bytes.
    #[staticmethod]
    #[pyo3(signature = (data, format = None, *, strict = true))]
    fn from_text(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        format: Option<&str>,
        strict: bool,
    ) -> PyResult<Self> {
        let format = format_by_name(format)?;
        let opts = vrpset::options(strict);
        let data = Data::extract(data)?;
        let bytes = data.as_bytes();
        py.detach(|| vrpset::load(bytes, format, &opts))
            .map(|loaded| PyAspaSet {
                set: Arc::new(routeguard::AspaSet::from(&loaded.set)),
            })
            .map_err(|e| core_error(py, &e))
    }

    /// The providers of `customer` (sorted, AS0 dropped), `[]` for an AS0
    /// ASPA, None when it has no ASPA.
    fn providers(&self, customer: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u32>>> {
        let c = convert::asn(customer, false)?;
        Ok(self
            .set
            .providers(c)
            .map(|v| v.iter().map(|a| a.get()).collect()))
    }

    /// The hop function of draft §5.3: `no-attestation`, `provider+` or
    /// `not-provider+`.
    fn authorized(
        &self,
        customer: &Bound<'_, PyAny>,
        provider: &Bound<'_, PyAny>,
    ) -> PyResult<&'static str> {
        let c = convert::asn(customer, false)?;
        let p = convert::asn(provider, false)?;
        Ok(self.set.authorized(c, p).as_str())
    }

    /// The customers and their provider unions, in customer order.
    fn items(&self) -> Vec<(u32, Vec<u32>)> {
        self.set
            .iter()
            .map(|(c, p)| (c.get(), p.iter().map(|a| a.get()).collect()))
            .collect()
    }

    /// Verifies one AS path and explains the verdict. `direction` is
    /// `upstream` (route from a customer, lateral peer, RS or RS-client) or
    /// `downstream` (from a provider); None picks it from `role` (downstream
    /// when `role="customer"`), else upstream. `neighbor`: the sending AS,
    /// checked against the leftmost AS (not at an RS-client). `role`: our
    /// RFC 9234 role on the session. `route_server`: a non-transparent RS
    /// AS to strip from the front of the path.
    #[pyo3(signature = (path, direction = None, *, neighbor = None, role = None, route_server = None))]
    fn verify(
        &self,
        path: &Bound<'_, PyAny>,
        direction: Option<&str>,
        neighbor: Option<&Bound<'_, PyAny>>,
        role: Option<&str>,
        route_server: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyAspaResult> {
        let path = as_path(path)?;
        let (dir, opts) = options(direction, neighbor, role, route_server)?;
        Ok(PyAspaResult(aspa::verify(&self.set, &path, dir, &opts)))
    }

    /// Verifies many AS paths with the same options; the verdict words
    /// (`valid`, `invalid`, `unknown`) in input order. The verification runs
    /// without the GIL.
    #[pyo3(signature = (paths, direction = None, *, neighbor = None, role = None, route_server = None))]
    fn verify_many<'py>(
        &self,
        py: Python<'py>,
        paths: &Bound<'py, PyAny>,
        direction: Option<&str>,
        neighbor: Option<&Bound<'py, PyAny>>,
        role: Option<&str>,
        route_server: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (dir, opts) = options(direction, neighbor, role, route_server)?;
        let input: Vec<AsPath> = convert::each(paths, as_path)?;
        let set = &self.set;
        let verdicts: Vec<AspaVerdict> = py.detach(|| {
            input
                .iter()
                .map(|p| aspa::verdict(set, p, dir, &opts))
                .collect()
        });
        PyList::new(py, verdicts.into_iter().map(AspaVerdict::as_str))
    }

    fn __len__(&self) -> usize {
        self.set.len()
    }

    fn __contains__(&self, customer: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.set.providers(convert::asn(customer, false)?).is_some())
    }

    fn __repr__(&self) -> String {
        format!("<AspaSet {} customers>", self.set.len())
    }
}

fn options(
    direction: Option<&str>,
    neighbor: Option<&Bound<'_, PyAny>>,
    role: Option<&str>,
    route_server: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Direction, AspaOptions)> {
    let role: Option<Role> = opt_word(role)?;
    let dir = self::direction(direction, role)?;
    Ok((
        dir,
        AspaOptions {
            neighbor: opt_asn(neighbor)?,
            role,
            route_server: opt_asn(route_server)?,
        },
    ))
}

/// An ASPA verdict with its explanation: the compressed path, the ramps of
/// draft §5.4 and the hop that decided.
#[pyclass(module = "routeguard", name = "AspaResult", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyAspaResult(AspaResult);

#[pymethods]
impl PyAspaResult {
    /// `valid`, `invalid` or `unknown`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// The algorithm applied: `upstream` or `downstream`.
    #[getter]
    fn direction(&self) -> &'static str {
        self.0.explanation.direction.as_str()
    }

    /// The COMPRESSED_AS_PATH, neighbour first (empty for a path with an
    /// AS_SET).
    #[getter]
    fn path(&self) -> Vec<u32> {
        self.0.explanation.path.iter().map(|a| a.get()).collect()
    }

    /// The neighbour AS the path was checked against, if any.
    #[getter]
    fn neighbor(&self) -> Option<u32> {
        self.0.explanation.neighbor.map(Asn::get)
    }

    /// `max_up_ramp`; None when the procedure stopped before the ramps.
    #[getter]
    fn max_up_ramp(&self) -> Option<usize> {
        self.0.explanation.max_up_ramp
    }

    /// `min_up_ramp`; None when the procedure stopped before the ramps.
    #[getter]
    fn min_up_ramp(&self) -> Option<usize> {
        self.0.explanation.min_up_ramp
    }

    /// `max_down_ramp`; None for upstream verification.
    #[getter]
    fn max_down_ramp(&self) -> Option<usize> {
        self.0.explanation.max_down_ramp
    }

    /// `min_down_ramp`; None for upstream verification.
    #[getter]
    fn min_down_ramp(&self) -> Option<usize> {
        self.0.explanation.min_down_ramp
    }

    /// The up-ramp hop that decided, `(customer, provider, hop)`; None for
    /// a valid path and for the empty-path, neighbour and AS_SET checks.
    #[getter]
    fn deciding(&self) -> Option<PyHop> {
        hop(self.0.explanation.deciding)
    }

    /// Downstream only: the down-ramp hop that decided.
    #[getter]
    fn deciding_down(&self) -> Option<PyHop> {
        hop(self.0.explanation.deciding_down)
    }

    /// Why: `empty-path`, `neighbor-mismatch`, `as-set`,
    /// `up-ramp-too-short`, `ramps-too-short`, `no-attestation` or
    /// `verified`.
    #[getter]
    fn reason(&self) -> &'static str {
        self.0.explanation.reason.as_str()
    }

    /// One line, e.g. `invalid: max_up_ramp 2 < path length 3 (hop AS65020
    /// → AS65030: not-provider+)`.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = &self.0.explanation;
        let path: Vec<String> = e.path.iter().map(|a| a.get().to_string()).collect();
        Ok(format!(
            "AspaResult(verdict={}, direction={}, path=[{}], max_up_ramp={}, min_up_ramp={}, \
             max_down_ramp={}, min_down_ramp={}, deciding={}, deciding_down={}, reason={})",
            str_repr(py, self.0.verdict.as_str())?,
            str_repr(py, e.direction.as_str())?,
            path.join(", "),
            opt_num(e.max_up_ramp),
            opt_num(e.min_up_ramp),
            opt_num(e.max_down_ramp),
            opt_num(e.min_down_ramp),
            hop_repr(hop(e.deciding)),
            hop_repr(hop(e.deciding_down)),
            str_repr(py, e.reason.as_str())?,
        ))
    }
}

/// Upstream verification (draft §5.5) of one path, without a neighbour
/// check: `valid`, `invalid` or `unknown`.
#[pyfunction]
pub(crate) fn verify_upstream(
    aspa_set: &Bound<'_, PyAspaSet>,
    path: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    let path = as_path(path)?;
    Ok(aspa::verify_upstream(&aspa_set.get().set, &path).as_str())
}

/// Downstream verification (draft §5.6) of one path, without a neighbour
/// check: `valid`, `invalid` or `unknown`.
#[pyfunction]
pub(crate) fn verify_downstream(
    aspa_set: &Bound<'_, PyAspaSet>,
    path: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    let path = as_path(path)?;
    Ok(aspa::verify_downstream(&aspa_set.get().set, &path).as_str())
}
