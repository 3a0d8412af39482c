//! The exception hierarchy and the mapping from core errors to it.
//!
//! The classes are defined in Python (multiple inheritance from `ValueError`
//! and an `__init__` taking `line`/`column` are plain there) and created once
//! per interpreter when the module is first imported.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use routeguard::parse::Location;
use routeguard::{Error, ModelError, ParseError, SlurmError};

const ERRORS_PY: &std::ffi::CStr = cr#"
class RouteguardError(Exception):
    """Base class of every error routeguard raises.

    ``kind`` names the stage that failed (``model``, ``parse``, ``slurm``),
    as the ``kind`` field of the JavaScript errors does.
    """
    __module__ = "routeguard"
    kind = "error"


class ModelError(RouteguardError, ValueError):
    """An invalid prefix, AS number or max length given as input."""
    __module__ = "routeguard"
    kind = "model"


class ParseError(RouteguardError, ValueError):
    """An input file or text that could not be loaded.

    ``line`` and ``column`` are 1-based; 0 when unknown.
    """
    __module__ = "routeguard"
    kind = "parse"

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class SlurmError(RouteguardError, ValueError):
    """An invalid SLURM file (RFC 8416).

    ``line`` and ``column`` are 1-based; 0 when unknown.
    """
    __module__ = "routeguard"
    kind = "slurm"

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
"#;

/// The exception classes of one interpreter.
pub(crate) struct Classes {
    pub(crate) base: Py<PyType>,
    pub(crate) model: Py<PyType>,
    pub(crate) parse: Py<PyType>,
    pub(crate) slurm: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

pub(crate) fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let m = PyModule::from_code(
            py,
            ERRORS_PY,
            c"routeguard/_errors.py",
            c"routeguard._errors",
        )?;
        let get = |name: &str| -> PyResult<Py<PyType>> {
            Ok(m.getattr(name)?.cast_into::<PyType>()?.unbind())
        };
        Ok(Classes {
            base: get("RouteguardError")?,
            model: get("ModelError")?,
            parse: get("ParseError")?,
            slurm: get("SlurmError")?,
        })
    })
}

/// Adds the classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let c = classes(m.py())?;
    m.add("RouteguardError", c.base.bind(m.py()))?;
    m.add("ModelError", c.model.bind(m.py()))?;
    m.add("ParseError", c.parse.bind(m.py()))?;
    m.add("SlurmError", c.slurm.bind(m.py()))?;
    Ok(())
}

/// Instantiates `pick(classes)` with `args`; an error while doing so is
/// returned instead.
fn raise<'py, A>(py: Python<'py>, pick: fn(&Classes) -> &Py<PyType>, args: A) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py>,
{
    match classes(py).and_then(|c| pick(c).bind(py).call1(args)) {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}

fn with_location(
    py: Python<'_>,
    pick: fn(&Classes) -> &Py<PyType>,
    msg: String,
    loc: Location,
) -> PyErr {
    raise(py, pick, (msg, loc.line, loc.column))
}

/// `ModelError` with the core message.
pub(crate) fn model_error(py: Python<'_>, e: &ModelError) -> PyErr {
    raise(py, |c| &c.model, (e.to_string(),))
}

/// `ParseError` with the core message, line and column.
pub(crate) fn parse_error(py: Python<'_>, e: &ParseError) -> PyErr {
    with_location(py, |c| &c.parse, e.to_string(), e.location)
}

/// `SlurmError` with the core message, line and column.
pub(crate) fn slurm_error(py: Python<'_>, e: &SlurmError) -> PyErr {
    let loc = match e {
        SlurmError::Json { location, .. } | SlurmError::Invalid { location, .. } => *location,
        _ => Location::default(),
    };
    with_location(py, |c| &c.slurm, e.to_string(), loc)
}

/// Any core error, mapped to its class.
pub(crate) fn core_error(py: Python<'_>, e: &Error) -> PyErr {
    match e {
        Error::Model(e) => model_error(py, e),
        Error::Parse(e) => parse_error(py, e),
        Error::Slurm(e) => slurm_error(py, e),
        other => raise(py, |c| &c.base, (other.to_string(),)),
    }
}
