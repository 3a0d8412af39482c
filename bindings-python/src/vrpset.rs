//! `VrpSet`: a loaded validator export with its origin-validation index.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyModule};

use routeguard::dataset::{Dataset, Diagnostic, Input};
use routeguard::diag::Mode;
use routeguard::parse::{Format, LoadOptions, Warning};
use routeguard::{Asn, OutputFormat, Prefix, RovIndex};

use crate::convert;
use crate::errors::core_error;
use crate::types::{PyAspa, PyLoadWarning, PyRouterKey, PyValidationResult, PyVrp};
use routeguard::validate::rov::{validate_many, validate_origin};

/// A set of validated payloads (VRPs, ASPAs, router keys) with an RFC 6811
/// origin-validation index built once at load time.
#[pyclass(module = "routeguard", name = "VrpSet", frozen)]
pub(crate) struct PyVrpSet {
    /// Shared with a `Dataset` when it came from one (no copy).
    pub(crate) set: Arc<routeguard::VrpSet>,
    /// Shared with a `Dataset` when it came from one (no second index).
    pub(crate) index: Arc<RovIndex>,
    pub(crate) format: Option<Format>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) skipped: usize,
}

/// Why a load failed, carried out of the GIL-free section.
pub(crate) enum LoadError {
    Core(routeguard::Error),
}

impl From<routeguard::Error> for LoadError {
    fn from(e: routeguard::Error) -> Self {
        LoadError::Core(e)
    }
}

impl LoadError {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            LoadError::Core(e) => core_error(py, &e),
        }
    }
}

/// The `format=` argument: a format name, or `None` to sniff.
pub(crate) fn format_by_name(name: Option<&str>) -> PyResult<Option<Format>> {
    match name {
        None => Ok(None),
        Some(n) => Format::from_name(n).map(Some).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            PyValueError::new_err(format!(
                "unknown format {n:?} (expected one of {})",
                known.join(", ")
            ))
        }),
    }
}

/// The `strict=` argument as load options.
pub(crate) fn options(strict: bool) -> LoadOptions {
    if strict {
        LoadOptions::default()
    } else {
        LoadOptions {
            mode: Mode::Lenient,
            ..LoadOptions::default()
        }
    }
}

/// Loads a validator export in `format`, or sniffed.
pub(crate) fn load(
    data: &[u8],
    format: Option<Format>,
    opts: &LoadOptions,
) -> Result<routeguard::Loaded, routeguard::Error> {
    Ok(match format {
        Some(f) => routeguard::slurm::load_as(data, f, opts)?,
        None => routeguard::slurm::load(data, opts)?,
    })
}

/// The name of the VRP input of a `VrpSet` loaded alone.
const VRPS_INPUT: &str = "vrps";

impl PyVrpSet {
    /// The VRP set of a core dataset (sharing its payloads and index), with
    /// the warnings and skipped count of its input `name`; `None` without a
    /// VRP file.
    pub(crate) fn of_dataset(ds: &Dataset, name: &str) -> Option<PyVrpSet> {
        Some(PyVrpSet {
            set: Arc::clone(ds.vrps()?),
            index: Arc::clone(ds.rov()?),
            format: ds.vrp_format(),
            warnings: ds
                .warnings()
                .iter()
                .filter(|w| &*w.input == name)
                .filter_map(|w| match &w.warning {
                    Diagnostic::Parse(e) => Some(e.clone()),
                    _ => None,
                })
                .collect(),
            skipped: ds.skipped(name),
        })
    }
}

/// Loads an export (and a SLURM file) through the core's one builder and
/// wraps its payloads and index. Errors are the core's, without the input
/// name (the caller named the file). Runs without the GIL.
fn build(
    data: Input,
    format: Option<Format>,
    strict: bool,
    slurm: Option<Input>,
) -> Result<PyVrpSet, routeguard::Error> {
    let mut b =
        Dataset::builder()
            .vrps(data)
            .mode(if strict { Mode::Strict } else { Mode::Lenient });
    if let Some(f) = format {
        b = b.vrp_format(f);
    }
    // `strict=False` also tolerates what real SLURM files do (RFC 8416
    // members missing, other base64 forms): the builder reads SLURM in the
    // same mode.
    if let Some(s) = slurm {
        b = b.slurm(s);
    }
    let ds = b.build().map_err(|e| routeguard::Error::from(e.error))?;
    PyVrpSet::of_dataset(&ds, VRPS_INPUT).ok_or_else(|| {
        routeguard::Error::from(routeguard::ParseError::at(
            0,
            0,
            routeguard::parse::ParseErrorKind::UnknownFormat,
        ))
    })
}

fn from_data(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    format: Option<Format>,
    strict: bool,
    slurm: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyVrpSet> {
    let data = crate::dataset::input(data, VRPS_INPUT, true)?;
    let slurm = slurm
        .map(|s| crate::dataset::input(s, "slurm", true))
        .transpose()?;
    py.detach(|| build(data, format, strict, slurm))
        .map_err(|e| core_error(py, &e))
}

/// Pauses Python's cyclic garbage collector while alive (when it was
/// enabled): the objects built meanwhile cannot form cycles.
pub(crate) struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            return Ok(GcPause { gc: Some(gc) });
        }
        Ok(GcPause { gc: None })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            if let Err(e) = gc.call_method0("enable") {
                e.write_unraisable(gc.py(), None);
            }
        }
    }
}

/// One `(prefix, origin)` pair from a tuple or list of two.
fn route(item: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<(Prefix, Option<Asn>)> {
    let pair = convert::pair(item)?;
    let (p, o) =
        pair.ok_or_else(|| PyTypeError::new_err("each route must be a (prefix, origin) pair"))?;
    Ok((convert::prefix(&p, relaxed)?, convert::origin(&o, relaxed)?))
}

#[pymethods]
impl PyVrpSet {
    /// A set built from `Vrp` objects (no ASPAs, no router keys).
    #[new]
    #[pyo3(signature = (vrps = None))]
    fn new(py: Python<'_>, vrps: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut set = routeguard::VrpSet::new();
        if let Some(vrps) = vrps {
            for item in vrps.try_iter()? {
                let item = item?;
                let vrp = item
                    .cast::<PyVrp>()
                    .map_err(|_| PyTypeError::new_err("VrpSet() takes an iterable of Vrp"))?;
                set.vrps.push(vrp.get().0.clone());
            }
        }
        let index = py.detach(|| RovIndex::new(&set.vrps));
        Ok(PyVrpSet {
            set: Arc::new(set),
            index: Arc::new(index),
            format: None,
            warnings: Vec::new(),
            skipped: 0,
        })
    }

    /// Loads a file in any supported format (sniffed unless `format` names
    /// one). gzip, bzip2, xz and zstd files are decompressed, whatever they
    /// are called. `slurm` is the path of
    /// a SLURM file (RFC 8416) applied after loading. `strict=False` skips
    /// bad records and lists them in `warnings`.
    #[staticmethod]
    #[pyo3(signature = (path, format = None, slurm = None, *, strict = true))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        format: Option<&str>,
        slurm: Option<PathBuf>,
        strict: bool,
    ) -> PyResult<Self> {
        let format = format_by_name(format)?;
        let (data, slurm) = (Input::path(path), slurm.map(Input::path));
        py.detach(|| build(data, format, strict, slurm))
            .map_err(|e| core_error(py, &e))
    }

    /// Loads any JSON layout (rpki-client, Routinator, StayRTR, bare array).
    #[staticmethod]
    #[pyo3(signature = (data, *, strict = true, slurm = None))]
    fn from_json(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        strict: bool,
        slurm: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        from_data(py, data, Some(Format::Json), strict, slurm)
    }

    /// Loads CSV (Routinator csv/csvcompat/csvext, rpki-client csv).
    #[staticmethod]
    #[pyo3(signature = (data, *, strict = true, slurm = None))]
    fn from_csv(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        strict: bool,
        slurm: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        from_data(py, data, Some(Format::Csv), strict, slurm)
    }

    /// Loads text in any supported format, sniffed unless `format` names one.
    #[staticmethod]
    #[pyo3(signature = (data, format = None, *, strict = true, slurm = None))]
    fn from_text(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        format: Option<&str>,
        strict: bool,
        slurm: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let format = format_by_name(format)?;
        from_data(py, data, format, strict, slurm)
    }

    /// Validates one route (RFC 6811). `origin` is an int, a str such as
    /// `"AS64500"`, or None when the AS path gives no origin (a final AS_SET).
    #[pyo3(signature = (prefix, origin, *, relaxed = false))]
    fn validate(
        &self,
        prefix: &Bound<'_, PyAny>,
        origin: &Bound<'_, PyAny>,
        relaxed: bool,
    ) -> PyResult<PyValidationResult> {
        let prefix = convert::prefix(prefix, relaxed)?;
        let origin = convert::origin(origin, relaxed)?;
        let result = validate_origin(&self.index, &prefix, origin);
        Ok(PyValidationResult {
            prefix,
            origin,
            result,
        })
    }

    /// Validates many `(prefix, origin)` pairs; results in input order. The
    /// validation itself runs without the GIL.
    #[pyo3(signature = (routes, *, relaxed = false))]
    fn validate_many<'py>(
        &self,
        py: Python<'py>,
        routes: &Bound<'py, PyAny>,
        relaxed: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let input = convert::each(routes, |item| route(item, relaxed))?;
        let index = &self.index;
        let results = py.detach(|| validate_many(index, &input));
        // Every result is a GC-tracked object; creating a million of them
        // with the collector running costs several times the validation.
        let _paused = GcPause::new(py)?;
        let objects = input
            .into_iter()
            .zip(results)
            .map(|((prefix, origin), result)| {
                Bound::new(
                    py,
                    PyValidationResult {
                        prefix,
                        origin,
                        result,
                    },
                )
            });
        let mut list = Vec::with_capacity(objects.len());
        for o in objects {
            list.push(o?);
        }
        PyList::new(py, list)
    }

    /// The ASPAs.
    #[getter]
    fn aspas(&self) -> Vec<PyAspa> {
        self.set.aspas.iter().cloned().map(PyAspa).collect()
    }

    /// The BGPsec router keys.
    #[getter]
    fn router_keys(&self) -> Vec<PyRouterKey> {
        self.set
            .router_keys
            .iter()
            .cloned()
            .map(PyRouterKey)
            .collect()
    }

    /// When the export was generated (Unix seconds), if it says.
    #[getter]
    fn generated(&self) -> Option<i64> {
        self.set.generated
    }

    /// The detected (or requested) format name, None for an empty result.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.format.map(Format::name)
    }

    /// Records skipped by a lenient load (at most 1000 kept).
    #[getter]
    fn warnings(&self) -> Vec<PyLoadWarning> {
        self.warnings.iter().cloned().map(PyLoadWarning).collect()
    }

    /// How many records a lenient load skipped in all.
    #[getter]
    fn skipped(&self) -> usize {
        self.skipped
    }

    /// The set written in a validator export format: `csv` (Routinator
    /// CSV), `json` (Routinator JSON), `rpki-client-json`, `openbgpd` or
    /// `bird2`.
    fn write(&self, format: &str) -> PyResult<String> {
        let out = OutputFormat::from_name(format).ok_or_else(|| {
            let known: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
            PyValueError::new_err(format!(
                "unknown output format {format:?} (expected one of {})",
                known.join(", ")
            ))
        })?;
        Ok(routeguard::render::vrps::vrps_to_string(&self.set, out))
    }

    /// The set as a VRP snapshot (`bytes`): routeguard's lossless binary
    /// form, about a fifth of the JSON, read back by `from_snapshot`,
    /// `from_text` and every VRP input (the format is recognised).
    fn to_snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &routeguard::render::snapshot::encode(&self.set))
    }

    /// Loads a VRP snapshot (`VrpSet.to_snapshot()`, `routeguard vrps
    /// convert --to snapshot`). Raises `ParseError` (code
    /// `invalid-snapshot`) for damaged input.
    #[staticmethod]
    fn from_snapshot(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_data(py, data, Some(Format::Snapshot), true, None)
    }

    /// Pickles as a snapshot (for multiprocessing and Spark workers); the
    /// load's warnings and format are not kept.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let load = py.get_type::<Self>().getattr("from_snapshot")?;
        Ok((load, (slf.borrow().to_snapshot(py),)))
    }

    fn __len__(&self) -> usize {
        self.set.vrps.len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<PyVrp> {
        let len = self.set.vrps.len();
        let i = if index < 0 {
            len.checked_sub(index.unsigned_abs())
        } else {
            Some(index.unsigned_abs())
        };
        i.and_then(|i| self.set.vrps.get(i))
            .map(|v| PyVrp(v.clone()))
            .ok_or_else(|| PyIndexError::new_err("VrpSet index out of range"))
    }

    fn __iter__(slf: &Bound<'_, Self>) -> VrpIterator {
        VrpIterator {
            set: slf.clone().unbind(),
            pos: 0,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "<VrpSet {} VRPs, {} ASPAs, {} router keys>",
            self.set.vrps.len(),
            self.set.aspas.len(),
            self.set.router_keys.len()
        )
    }
}

/// Iterator over the VRPs of a `VrpSet`, in load order.
#[pyclass(module = "routeguard", name = "VrpIterator")]
pub(crate) struct VrpIterator {
    set: Py<PyVrpSet>,
    pos: usize,
}

#[pymethods]
impl VrpIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<PyVrp> {
        let v = self.set.get().set.vrps.get(self.pos)?;
        self.pos += 1;
        Some(PyVrp(v.clone()))
    }

    fn __length_hint__(&self) -> usize {
        self.set.get().set.vrps.len().saturating_sub(self.pos)
    }
}
