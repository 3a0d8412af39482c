//! The exception hierarchy and the mapping from core errors to it.
//!
//! The classes are defined in Python (multiple inheritance from `ValueError`
//! and an `__init__` taking `line`/`column` are plain there) and created once
//! per interpreter when the module is first imported.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use routeguard::dataset::{InputError, LoadError};
use routeguard::diag::Location;
use routeguard::index::irr::{IrrLoadError, IrrQueryError};
use routeguard::io::IoError;
use routeguard::manrs::ManrsError;
use routeguard::net::rtr::client::ClientError;
use routeguard::net::whois::WhoisError;
use routeguard::parse::mrt::MrtError;
use routeguard::parse::rpsl::RpslError;
use routeguard::{Error, ModelError, ParseError, SlurmError};

const ERRORS_PY: &std::ffi::CStr = cr#"
class RouteguardError(Exception):
    """Base class of every error routeguard raises.

    ``kind`` names the stage that failed (``model``, ``parse``, ``slurm``,
    ``io``, ...), as the ``kind`` field of the JavaScript errors does;
    ``code`` is the stable code of the core error's variant
    (``invalid-prefix``, ``missing-attribute``, ``set-not-found``, ...), as
    the ``code`` field of the JavaScript errors is.
    """
    __module__ = "routeguard"
    kind = "error"
    code = "error"


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


class RpslError(ParseError):
    """RPSL text (an IRR dump, a whois answer) that could not be loaded: a
    ``ParseError`` (``except ParseError`` catches it), with ``line`` and
    ``column``, whose ``code`` names what is wrong with the object
    (``unknown-class``, ``missing-attribute``, ``syntax``, ``limit``, ...).
    """
    __module__ = "routeguard"


class MrtError(ParseError):
    """An MRT route file (RFC 6396) that could not be read: a ``ParseError``
    (``except ParseError`` catches it) whose ``code`` names what is wrong:
    ``truncated`` (the file ends inside a record: cut short),
    ``corrupt-record``, ``record-too-large``, ``missing-peer-table``,
    ``unknown-peer``, ``path-too-long``, a prefix error's code, or
    ``mrt-not-built`` (a build of routeguard without MRT support).
    ``record`` is the 1-based record number and ``offset`` the byte offset
    of its header in the decompressed input (0 when unknown); ``line`` and
    ``column`` are 0.
    """
    __module__ = "routeguard"

    def __init__(self, message: str, record: int = 0, offset: int = 0) -> None:
        super().__init__(message)
        self.record = record
        self.offset = offset


class RpkiObjectError(ParseError):
    """An RPKI object (.roa, .asa, .cer) that could not be decoded: a
    ``ParseError`` (``except ParseError`` catches it) whose ``code`` says
    why: ``malformed`` (not that kind of object: the decoder's reason),
    ``content-type`` (a signed object of another type, such as a manifest),
    ``legacy-aspa`` (an ASPA of the AFI-limited profile, eContent version
    0), ``unrecognised`` (neither a signed object nor a certificate),
    ``too-large``, ``invalid-content`` or ``internal``. ``line`` and
    ``column`` are 0.
    """
    __module__ = "routeguard"


class ManrsError(RouteguardError, ValueError):
    """A MANRS evaluation that cannot run as asked: no operator ASN given
    (``code`` ``manrs-no-operator``)."""
    __module__ = "routeguard"
    kind = "manrs"


class FilterError(RouteguardError):
    """A filter that cannot be built or written (kind ``filter``): the base
    of ``FilterInputError`` and ``FilterResolveError``; ``code`` is the core
    error's code."""
    __module__ = "routeguard"
    kind = "filter"


class FilterInputError(FilterError, ValueError):
    """Input a filter cannot take: an anti-spoofing interface or ACL name
    (``invalid-interface``, ``invalid-name``), a bgpq4 command line bgpq4
    refuses, a prefix or range word the prefix tree rejects
    (``bad-object``, ``too-many-nodes``, ``range-too-large``), a list too
    long for its form (``too-many-entries``)."""
    __module__ = "routeguard"


class FilterResolveError(FilterError):
    """IRR resolution that failed: the IRRd server could not be reached or
    answered wrongly (``resolve-whois``), or an expansion outgrew a limit
    (``resolve-too-large``)."""
    __module__ = "routeguard"


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


class IrrQueryError(RouteguardError, LookupError):
    """An IRR query that cannot be answered: no set of that name (in that
    source), no source of that name, or a name that is not a set name
    (``code``: ``set-not-found``, ``unknown-source``, ``invalid-set-name``)."""
    __module__ = "routeguard"
    kind = "irr"


class RouteguardIoError(RouteguardError, OSError):
    """An input file that could not be opened, read or decompressed.

    ``code`` is the core error's code: ``open``, ``read``, ``corrupt``
    (damaged or truncated compressed data), ``too-large`` (more than the
    output cap) or ``unsupported``. Open and read failures with an OS error
    number carry ``errno``, ``strerror`` and ``filename`` as ``OSError``
    does, and are also instances of the matching ``OSError`` subclass
    (``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError``, ...).
    """
    __module__ = "routeguard"
    kind = "io"
    code = "io"

    def __str__(self) -> str:
        # Without an OS error number, the core's message (which names the
        # file) rather than OSError's "[Errno None] None: 'file'".
        if self.errno is None and len(self.args) == 1:
            return str(self.args[0])
        return super().__str__()


_IO_CLASSES = {}


def _io_error(message, code, errno, strerror, filename):
    """The RouteguardIoError to raise (see RouteguardIoError)."""
    if errno is None:
        error = RouteguardIoError(message)
        error.filename = filename
    else:
        # OSError(errno, ...) picks the subclass for the number.
        base = type(OSError(errno, strerror))
        cls = _IO_CLASSES.get(base)
        if cls is None:
            if base is OSError:
                cls = RouteguardIoError
            else:
                cls = type(
                    "Routeguard" + base.__name__,
                    (RouteguardIoError, base),
                    {"__module__": "routeguard", "__doc__": RouteguardIoError.__doc__},
                )
            _IO_CLASSES[base] = cls
        error = cls(errno, strerror, filename)
    error.code = code
    return error


class WhoisError(RouteguardError):
    """A failed whois query or connection.

    ``reason`` (and ``code``) is the core error's kind: ``connect``,
    ``timeout``, ``io``, ``closed``, ``protocol``, ``too-large``,
    ``server``, ``invalid-query`` or ``rpsl``.
    """
    __module__ = "routeguard"
    kind = "whois"

    def __init__(self, message: str, reason: str = "error") -> None:
        super().__init__(message)
        self.reason = reason


class WhoisTimeoutError(WhoisError, TimeoutError):
    """No whois answer (or connection) within the timeout."""
    __module__ = "routeguard"


class WhoisConnectionError(WhoisError, ConnectionError):
    """The whois connection could not be made, failed or was closed."""
    __module__ = "routeguard"


class WhoisServerError(WhoisError):
    """The server answered with an error (IRRd ``F <message>``, RIPE
    ``%% ERROR:``)."""
    __module__ = "routeguard"


class RtrError(RouteguardError):
    """An RPKI-to-Router (RFC 8210) connection that failed: a one-shot load
    (``Dataset(rtr=...)``) that could not finish. ``code`` is the core
    error's: ``connect`` (name resolution, connection refused),
    ``timeout``, ``io``, ``closed`` (the cache hung up), a session error's
    (``pdu``, ``unexpected-pdu``, ``version-mismatch``,
    ``session-mismatch``, ``aspa-layout-mismatch``, ``remote``: the cache's
    Error Report) or an update's that did not apply
    (``duplicate-announcement``, ``unknown-withdrawal``).
    """
    __module__ = "routeguard"
    kind = "rtr"
"#;

/// The exception classes of one interpreter.
pub(crate) struct Classes {
    pub(crate) base: Py<PyType>,
    pub(crate) model: Py<PyType>,
    pub(crate) parse: Py<PyType>,
    pub(crate) rpsl: Py<PyType>,
    pub(crate) mrt: Py<PyType>,
    pub(crate) rpki_object: Py<PyType>,
    pub(crate) manrs: Py<PyType>,
    pub(crate) filter: Py<PyType>,
    pub(crate) filter_input: Py<PyType>,
    pub(crate) filter_resolve: Py<PyType>,
    pub(crate) slurm: Py<PyType>,
    pub(crate) irr_query: Py<PyType>,
    pub(crate) io: Py<PyType>,
    io_factory: Py<PyAny>,
    pub(crate) whois: Py<PyType>,
    pub(crate) whois_timeout: Py<PyType>,
    pub(crate) whois_connection: Py<PyType>,
    pub(crate) whois_server: Py<PyType>,
    pub(crate) rtr: Py<PyType>,
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
            rpsl: get("RpslError")?,
            mrt: get("MrtError")?,
            rpki_object: get("RpkiObjectError")?,
            manrs: get("ManrsError")?,
            filter: get("FilterError")?,
            filter_input: get("FilterInputError")?,
            filter_resolve: get("FilterResolveError")?,
            slurm: get("SlurmError")?,
            irr_query: get("IrrQueryError")?,
            io: get("RouteguardIoError")?,
            io_factory: m.getattr("_io_error")?.unbind(),
            whois: get("WhoisError")?,
            whois_timeout: get("WhoisTimeoutError")?,
            whois_connection: get("WhoisConnectionError")?,
            whois_server: get("WhoisServerError")?,
            rtr: get("RtrError")?,
        })
    })
}

/// Adds the classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let c = classes(m.py())?;
    m.add("RouteguardError", c.base.bind(m.py()))?;
    m.add("ModelError", c.model.bind(m.py()))?;
    m.add("ParseError", c.parse.bind(m.py()))?;
    m.add("RpslError", c.rpsl.bind(m.py()))?;
    m.add("MrtError", c.mrt.bind(m.py()))?;
    m.add("RpkiObjectError", c.rpki_object.bind(m.py()))?;
    m.add("ManrsError", c.manrs.bind(m.py()))?;
    m.add("FilterError", c.filter.bind(m.py()))?;
    m.add("FilterInputError", c.filter_input.bind(m.py()))?;
    m.add("FilterResolveError", c.filter_resolve.bind(m.py()))?;
    m.add("SlurmError", c.slurm.bind(m.py()))?;
    m.add("IrrQueryError", c.irr_query.bind(m.py()))?;
    m.add("RouteguardIoError", c.io.bind(m.py()))?;
    m.add("WhoisError", c.whois.bind(m.py()))?;
    m.add("WhoisTimeoutError", c.whois_timeout.bind(m.py()))?;
    m.add("WhoisConnectionError", c.whois_connection.bind(m.py()))?;
    m.add("WhoisServerError", c.whois_server.bind(m.py()))?;
    m.add("RtrError", c.rtr.bind(m.py()))?;
    Ok(())
}

/// Instantiates `pick(classes)` with `args` and sets its `code`; an error
/// while doing so is returned instead.
fn raise<'py, A>(py: Python<'py>, pick: fn(&Classes) -> &Py<PyType>, args: A, code: &str) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py>,
{
    let made = classes(py).and_then(|c| {
        let obj = pick(c).bind(py).call1(args)?;
        obj.setattr("code", code)?;
        Ok(obj)
    });
    match made {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}

fn with_location(
    py: Python<'_>,
    pick: fn(&Classes) -> &Py<PyType>,
    msg: String,
    loc: Location,
    code: &str,
) -> PyErr {
    raise(py, pick, (msg, loc.line, loc.column), code)
}

/// `ModelError` with the core message.
pub(crate) fn model_error(py: Python<'_>, e: &ModelError) -> PyErr {
    raise(py, |c| &c.model, (e.to_string(),), e.code())
}

/// `ModelError` with the core message after `context: ` (a batch call's
/// `prefixes[12]`).
pub(crate) fn model_error_at(py: Python<'_>, e: &ModelError, context: &str) -> PyErr {
    raise(py, |c| &c.model, (format!("{context}: {e}"),), e.code())
}

/// `ParseError` with the core message, line and column.
pub(crate) fn parse_error(py: Python<'_>, e: &ParseError) -> PyErr {
    with_location(py, |c| &c.parse, e.to_string(), e.location, e.code())
}

/// `RpslError` (a `ParseError`) with the core message, line and column.
pub(crate) fn rpsl_error(py: Python<'_>, e: &RpslError) -> PyErr {
    with_location(py, |c| &c.rpsl, e.to_string(), e.location, e.code())
}

/// `SlurmError` with the core message, line and column.
pub(crate) fn slurm_error(py: Python<'_>, e: &SlurmError) -> PyErr {
    with_location(py, |c| &c.slurm, e.to_string(), e.location(), e.code())
}

/// Any core error, mapped to its class.
pub(crate) fn core_error(py: Python<'_>, e: &Error) -> PyErr {
    match e {
        Error::Model(e) => model_error(py, e),
        Error::Parse(e) => parse_error(py, e),
        Error::Rpsl(e) => rpsl_error(py, e),
        Error::Slurm(e) => slurm_error(py, e),
        Error::IrrQuery(e) => irr_query_error(py, e),
        Error::IrrLoad(IrrLoadError::Rpsl(e)) => rpsl_error(py, e),
        Error::IrrLoad(IrrLoadError::Io(e)) => io_error(py, e),
        Error::Io(e) => io_error(py, e),
        Error::Mrt(e) => mrt_error(py, e, e.to_string()),
        Error::Whois(e) => whois_error(py, e),
        Error::Rtr(e) => rtr_error(py, e),
        Error::Object(routeguard::parse::rpki_object::ObjectError::Io(e)) => io_error(py, e),
        Error::Object(e) => rpki_object_error(py, e.to_string(), e.code()),
        Error::Input(e) => input_error(py, e),
        Error::Resolve(_) | Error::Expand(_) => {
            filter_error_with(py, e.to_string(), e.code(), false)
        }
        Error::Bgpq4(_) | Error::Tree(_) | Error::Antispoof(_) => {
            filter_error_with(py, e.to_string(), e.code(), true)
        }
        other => raise(py, |c| &c.base, (other.to_string(),), other.code()),
    }
}

/// The error of one input of a `Dataset`: the class of the inner error,
/// with the input's message (`NAME: ERROR`, or the I/O error's own when it
/// names the file).
pub(crate) fn input_error(py: Python<'_>, e: &InputError) -> PyErr {
    let msg = e.to_string();
    match &e.error {
        LoadError::Io(io) => io_error_with(py, io, msg),
        LoadError::Parse(p) => with_location(py, |c| &c.parse, msg, p.location, p.code()),
        LoadError::Rpsl(r) => with_location(py, |c| &c.rpsl, msg, r.location, r.code()),
        LoadError::Slurm(s) => with_location(py, |c| &c.slurm, msg, s.location(), s.code()),
        LoadError::Mrt(m) => mrt_error(py, m, msg),
        LoadError::Rtr(r) => raise(py, |c| &c.rtr, (msg,), r.code()),
        other => raise(py, |c| &c.base, (msg,), other.code()),
    }
}

/// `MrtError` (a `ParseError`) with `message`, the record number, the byte
/// offset and the code of the variant.
pub(crate) fn mrt_error(py: Python<'_>, e: &MrtError, message: String) -> PyErr {
    raise(py, |c| &c.mrt, (message, e.record, e.offset), e.code())
}

/// `RpkiObjectError` (a `ParseError`) with `message` and `code`.
pub(crate) fn rpki_object_error(py: Python<'_>, message: String, code: &str) -> PyErr {
    raise(py, |c| &c.rpki_object, (message,), code)
}

/// `FilterInputError` (`input`, a `ValueError`) or `FilterResolveError`
/// with `message` and `code`.
pub(crate) fn filter_error_with(py: Python<'_>, message: String, code: &str, input: bool) -> PyErr {
    if input {
        raise(py, |c| &c.filter_input, (message,), code)
    } else {
        raise(py, |c| &c.filter_resolve, (message,), code)
    }
}

/// `ManrsError` (a `ValueError`) with the core message and code.
pub(crate) fn manrs_error(py: Python<'_>, e: &ManrsError) -> PyErr {
    raise(py, |c| &c.manrs, (e.to_string(),), e.code())
}

/// `RouteguardIoError` (or its subclass for the OS error number) with the
/// core message, code, path and, for open and read failures, the OS error.
pub(crate) fn io_error(py: Python<'_>, e: &IoError) -> PyErr {
    io_error_with(py, e, e.to_string())
}

fn io_error_with(py: Python<'_>, e: &IoError, message: String) -> PyErr {
    let filename = e.path().to_string_lossy().into_owned();
    let filename = (!filename.is_empty()).then_some(filename);
    let errno = e.os_code();
    // Python's own text for the number, as OSError shows it.
    let strerror = errno.map(|code| {
        py.import("os")
            .and_then(|os| os.getattr("strerror")?.call1((code,))?.extract::<String>())
            .unwrap_or_else(|_| e.to_string())
    });
    let made = classes(py).and_then(|c| {
        c.io_factory
            .bind(py)
            .call1((message, e.code(), errno, strerror, filename))
    });
    match made {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// `IrrQueryError` with the core message.
pub(crate) fn irr_query_error(py: Python<'_>, e: &IrrQueryError) -> PyErr {
    raise(py, |c| &c.irr_query, (e.to_string(),), e.code())
}

/// A `WhoisError` subclass by the core error's variant, with the core
/// message and the code as `reason` and `code`.
pub(crate) fn whois_error(py: Python<'_>, e: &WhoisError) -> PyErr {
    let pick: fn(&Classes) -> &Py<PyType> = match e {
        WhoisError::Timeout { .. } => |c| &c.whois_timeout,
        WhoisError::Connect { .. } | WhoisError::Closed { .. } | WhoisError::Io { .. } => {
            |c| &c.whois_connection
        }
        WhoisError::Server(_) => |c| &c.whois_server,
        _ => |c| &c.whois,
    };
    raise(py, pick, (e.to_string(), e.code()), e.code())
}

/// `RtrError` with the core message and code.
pub(crate) fn rtr_error(py: Python<'_>, e: &ClientError) -> PyErr {
    raise(py, |c| &c.rtr, (e.to_string(),), e.code())
}
