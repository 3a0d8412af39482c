//! `WhoisClient`: the core's IRRd whois client (`net::whois`). Every call
//! that touches the network releases the GIL; a connection is used by one
//! call at a time (others wait for it without holding the GIL).

use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use routeguard::net::whois::{
    Answer, AnswerKind, RouteSearch, WhoisClient, WhoisError, WhoisOptions, DEFAULT_IDLE_TIMEOUT,
    DEFAULT_MAX_ANSWER_BYTES,
};
use routeguard::Family;

use crate::convert;
use crate::errors::whois_error;
use crate::irr::{family, object_dict};

/// Seconds from Python to a `Duration`: finite and positive.
pub(crate) fn seconds(what: &str, s: f64) -> PyResult<Duration> {
    if !s.is_finite() || s <= 0.0 {
        return Err(PyValueError::new_err(format!(
            "{what} must be a positive number of seconds, not {s}"
        )));
    }
    Duration::try_from_secs_f64(s).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

/// The text of an answer: data as text, `C` (success, no data) as `""`,
/// `D` (not found) as None; `E` and `F` raise.
fn answer_text(a: Answer) -> Result<Option<String>, WhoisError> {
    match a.kind {
        AnswerKind::Data => Ok(Some(a.text().into_owned())),
        AnswerKind::Empty => Ok(Some(String::new())),
        AnswerKind::NotFound => Ok(None),
        AnswerKind::Error(m) => Err(WhoisError::Server(m)),
        _ => Err(WhoisError::Server("multiple copies of the key (E)".into())),
    }
}

fn route_search_mode(mode: &str) -> PyResult<RouteSearch> {
    Ok(match mode {
        "exact" => RouteSearch::Exact,
        "origins" => RouteSearch::ExactOrigins,
        "one-less" => RouteSearch::OneLess,
        "all-less" => RouteSearch::AllLess,
        "all-more" => RouteSearch::AllMore,
        other => {
            return Err(PyValueError::new_err(format!(
                "mode must be \"exact\", \"origins\", \"one-less\", \"all-less\" or \"all-more\", not {other:?}"
            )))
        }
    })
}

/// `host:port`, bracketing an IPv6 literal.
pub(crate) fn address(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

fn strings<T: ToString>(v: &[T]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

/// A connection to an IRRd whois server (port 43, or the lab's 8043), in
/// IRRd multiple-command mode. A context manager: `with WhoisClient(...) as c:`.
#[pyclass(module = "routeguard", name = "WhoisClient", frozen)]
pub(crate) struct PyWhoisClient {
    inner: Mutex<Option<WhoisClient>>,
    addr: String,
}

impl PyWhoisClient {
    /// Runs `f` on the connection without the GIL.
    fn call<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut WhoisClient) -> Result<T, WhoisError> + Send,
    ) -> PyResult<T> {
        py.detach(|| {
            let mut guard = self.inner.lock().map_err(|_| WhoisError::Closed {
                message: "the connection's lock is poisoned".into(),
            })?;
            let c = guard.as_mut().ok_or_else(|| WhoisError::Closed {
                message: "the client was closed".into(),
            })?;
            f(c)
        })
        .map_err(|e| whois_error(py, &e))
    }
}

#[pymethods]
impl PyWhoisClient {
    /// Connects (raising `WhoisConnectionError` or `WhoisTimeoutError`).
    /// `timeout` bounds the connect and every wait for bytes;
    /// `answer_timeout` one whole answer (None: no limit);
    /// `max_answer_bytes` caps an answer; `client_name` is sent as `!n`;
    /// `idle_timeout` (seconds, rounded up; None: not sent) as `!t`, how
    /// long the server keeps the connection open between queries (IRRd
    /// accepts 1 to 1000; a refusal raises `WhoisServerError`).
    #[new]
    #[pyo3(signature = (host, port = 43, timeout = 10.0, *, answer_timeout = Some(600.0), max_answer_bytes = DEFAULT_MAX_ANSWER_BYTES, client_name = Some(concat!("routeguard-python-", env!("CARGO_PKG_VERSION")).to_owned()), idle_timeout = Some(DEFAULT_IDLE_TIMEOUT.as_secs_f64())))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        host: &str,
        port: u16,
        timeout: f64,
        answer_timeout: Option<f64>,
        max_answer_bytes: usize,
        client_name: Option<String>,
        idle_timeout: Option<f64>,
    ) -> PyResult<Self> {
        let t = seconds("timeout", timeout)?;
        let opts = WhoisOptions {
            connect_timeout: t,
            read_timeout: t,
            answer_timeout: answer_timeout
                .map(|s| seconds("answer_timeout", s))
                .transpose()?,
            max_answer_bytes,
            client_name,
            idle_timeout: idle_timeout
                .map(|s| seconds("idle_timeout", s))
                .transpose()?,
        };
        let addr = address(host, port);
        let client = py
            .detach(|| WhoisClient::connect(&addr, opts))
            .map_err(|e| whois_error(py, &e))?;
        Ok(PyWhoisClient {
            inner: Mutex::new(Some(client)),
            addr,
        })
    }

    /// One raw query (IRRd `!…` or RIPE style). Returns the answer's text;
    /// `""` for a success without data (IRRd `C`), None for not found
    /// (IRRd `D`, RIPE `%  No entries found`). A server error (`F`, `%%
    /// ERROR:`) raises `WhoisServerError`.
    fn query(&self, py: Python<'_>, q: &str) -> PyResult<Option<String>> {
        self.call(py, |c| answer_text(c.query(q)?))
    }

    /// Several raw queries written at once; their answers in order, as
    /// `query` returns them (a server error in any raises).
    fn pipeline(&self, py: Python<'_>, queries: Vec<String>) -> PyResult<Vec<Option<String>>> {
        self.call(py, |c| {
            let qs: Vec<&str> = queries.iter().map(String::as_str).collect();
            c.pipeline(&qs)?.into_iter().map(answer_text).collect()
        })
    }

    /// `!g` (`family=4`) or `!6` (`family=6`): prefixes of route objects
    /// originated by the AS, sorted.
    #[pyo3(signature = (asn, family = 4))]
    fn prefixes(
        &self,
        py: Python<'_>,
        asn: &Bound<'_, PyAny>,
        family: u8,
    ) -> PyResult<Vec<String>> {
        let asn = convert::asn(asn, false)?;
        let f = self::family(Some(family))?.unwrap_or(Family::V4);
        self.call(py, |c| Ok(strings(&c.prefixes_of(asn, f)?)))
    }

    /// `!i<set>` or, `recursive=True`, `!i<set>,1`: members as the server
    /// prints them, sorted; a missing set gives `[]`.
    #[pyo3(signature = (name, recursive = false))]
    fn set_members(&self, py: Python<'_>, name: &str, recursive: bool) -> PyResult<Vec<String>> {
        self.call(py, |c| c.set_members(name, recursive))
    }

    /// `!a`, `!a4` or `!a6`: prefixes originated by the ASes of an as-set.
    #[pyo3(signature = (name, family = None))]
    fn set_prefixes(
        &self,
        py: Python<'_>,
        name: &str,
        family: Option<u8>,
    ) -> PyResult<Vec<String>> {
        let f = self::family(family)?;
        self.call(py, |c| Ok(strings(&c.set_prefixes(name, f)?)))
    }

    /// `!r<prefix>[,o|,l|,L|,M]` for `mode` `exact`, `origins`, `one-less`,
    /// `all-less`, `all-more`: the answer text (RPSL objects, or origins),
    /// None when nothing matches.
    #[pyo3(signature = (prefix, mode = "exact"))]
    fn route_search(
        &self,
        py: Python<'_>,
        prefix: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<Option<String>> {
        let prefix = convert::prefix(prefix, false)?;
        let how = route_search_mode(mode)?;
        self.call(py, |c| answer_text(c.route_search(&prefix, how)?))
    }

    /// `!r<prefix>,o`: origins of route objects for exactly this prefix
    /// (`"AS…"`, sorted).
    fn route_origins(&self, py: Python<'_>, prefix: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let prefix = convert::prefix(prefix, false)?;
        self.call(py, |c| Ok(strings(&c.route_origins(&prefix)?)))
    }

    /// `route_search` parsed as RPSL: object dicts (`mode` not `origins`).
    #[pyo3(signature = (prefix, mode = "exact"))]
    fn route_objects<'py>(
        &self,
        py: Python<'py>,
        prefix: &Bound<'py, PyAny>,
        mode: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let prefix = convert::prefix(prefix, false)?;
        let how = route_search_mode(mode)?;
        let objects = self.call(py, |c| c.route_objects(&prefix, how))?;
        let mut out = Vec::with_capacity(objects.len());
        for o in &objects {
            out.push(object_dict(py, o)?);
        }
        PyList::new(py, out)
    }

    /// `!s…`: restricts the following queries to these sources, in order.
    fn sources(&self, py: Python<'_>, sources: Vec<String>) -> PyResult<()> {
        self.call(py, |c| {
            let s: Vec<&str> = sources.iter().map(String::as_str).collect();
            c.sources(&s)
        })
    }

    /// `!s-lc`: the sources currently queried.
    fn source_list(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.call(py, WhoisClient::source_list)
    }

    /// `!j…` (every source when `sources` is empty): per source a dict
    /// `source`, `mirrorable` (bool, None when unknown to the server),
    /// `range` (`(oldest, newest)` or None), `last_export`.
    #[pyo3(signature = (sources = Vec::new()))]
    fn serials<'py>(&self, py: Python<'py>, sources: Vec<String>) -> PyResult<Bound<'py, PyList>> {
        let serials = self.call(py, |c| {
            let s: Vec<&str> = sources.iter().map(String::as_str).collect();
            c.serials(&s)
        })?;
        let mut out = Vec::with_capacity(serials.len());
        for s in serials {
            let d = PyDict::new(py);
            d.set_item("source", s.source)?;
            d.set_item("mirrorable", s.mirrorable)?;
            d.set_item("range", s.range)?;
            d.set_item("last_export", s.last_export)?;
            out.push(d);
        }
        PyList::new(py, out)
    }

    /// `!v`: the server's version line.
    fn version(&self, py: Python<'_>) -> PyResult<String> {
        self.call(py, WhoisClient::version)
    }

    /// `!m<class>,<key>`: one object as a dict, None when not found (a
    /// route's key is prefix and origin, `192.0.2.0/24AS65001`).
    fn object<'py>(
        &self,
        py: Python<'py>,
        cls: &str,
        key: &str,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let o = self.call(py, |c| c.object_parsed(cls, key))?;
        o.map(|o| object_dict(py, &o)).transpose()
    }

    /// A RIPE-style query (`-s RADB -K -T route -i origin AS64500`): the
    /// answer text, None when nothing was found.
    fn ripe(&self, py: Python<'_>, query: &str) -> PyResult<Option<String>> {
        self.call(py, |c| answer_text(c.ripe(query)?))
    }

    /// Sends `!q` and closes the connection (idempotent).
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let r = py.detach(|| {
            let client = match self.inner.lock() {
                Ok(mut g) => g.take(),
                Err(_) => None,
            };
            client.map_or(Ok(()), WhoisClient::quit)
        });
        r.map_err(|e| whois_error(py, &e))
    }

    /// Whether `close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner.lock().map_or(true, |g| g.is_none())
    }

    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    #[pyo3(signature = (exc_type = None, exc_value = None, traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<&Bound<'_, PyType>>,
        exc_value: Option<&Bound<'_, PyAny>>,
        traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let _ = (exc_type, exc_value, traceback);
        self.close(py)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!(
            "<WhoisClient {}{}>",
            self.addr,
            if self.closed() { " closed" } else { "" }
        )
    }
}
