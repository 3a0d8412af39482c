//! `RtrClient`: the core's live dataset (`dataset::live::LiveDataset`),
//! which follows an RPKI-to-Router cache (RFC 8210; 8210bis version 2 with
//! ASPA) on a background thread; `RtrStatus`, its state; and the client
//! options `Dataset(rtr=..., rtr_options=...)` shares.
//!
//! Every wait and lock happens without the GIL. A wait runs in slices so
//! that Ctrl-C (signals) and `close()` from another thread get through.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use routeguard::dataset::live::{LiveDataset, LiveStatus};
use routeguard::dataset::Dataset;
use routeguard::net::rtr::client::ClientOptions;
use routeguard::net::rtr::pdu::{AspaLayout, MAX_VERSION};

use crate::dataset::PyDataset;
use crate::errors;
use crate::whois::{address, seconds};

/// The longest a wait stays away from the interpreter: signals are
/// checked and `close()` can take the client in between.
const SLICE: Duration = Duration::from_millis(100);

/// The name of the payloads loaded from `server`, as the core's builder
/// names that input (`rtr://host:port`).
pub(crate) fn input_name(server: &str) -> String {
    format!("rtr://{server}")
}

fn version(v: Option<u8>) -> PyResult<Option<u8>> {
    match v {
        Some(n) if n > MAX_VERSION => Err(PyValueError::new_err(format!(
            "version must be 0 to {MAX_VERSION} or None, not {n}"
        ))),
        v => Ok(v),
    }
}

fn aspa_layout(word: &str) -> PyResult<AspaLayout> {
    match word {
        "auto" => Ok(AspaLayout::Auto),
        "bis10" => Ok(AspaLayout::Bis10),
        "bis14" => Ok(AspaLayout::Bis14),
        other => Err(PyValueError::new_err(format!(
            "aspa_layout must be \"auto\", \"bis10\" or \"bis14\", not {other:?}"
        ))),
    }
}

/// The core's default client options, for the Python defaults.
fn defaults() -> ClientOptions {
    ClientOptions::default()
}

/// The options of a one-shot load: `Dataset(rtr_options={...})`, keys
/// `version`, `connect_timeout`, `response_timeout`, `aspa_layout`.
pub(crate) fn options_dict(obj: Option<&Bound<'_, PyDict>>) -> PyResult<ClientOptions> {
    let mut o = defaults();
    let Some(dict) = obj else { return Ok(o) };
    for (k, v) in dict.iter() {
        let key: String = k.extract()?;
        match key.as_str() {
            "version" => o = o.version(version(v.extract()?)?),
            "connect_timeout" => o = o.connect_timeout(seconds("connect_timeout", v.extract()?)?),
            "response_timeout" => {
                o = o.response_timeout(seconds("response_timeout", v.extract()?)?);
            }
            "aspa_layout" => o.session.aspa_layout = aspa_layout(&v.extract::<String>()?)?,
            other => {
                return Err(PyTypeError::new_err(format!(
                    "unknown RTR option {other:?} (expected 'version', 'connect_timeout', 'response_timeout' or 'aspa_layout')"
                )))
            }
        }
    }
    Ok(o)
}

/// What an `RtrClient` knows of its cache at one moment.
#[pyclass(module = "routeguard", name = "RtrStatus", frozen)]
pub(crate) struct PyRtrStatus(LiveStatus);

#[pymethods]
impl PyRtrStatus {
    /// Datasets published so far (an update applied, or the data expired);
    /// 0 before the first.
    #[getter]
    fn generation(&self) -> u64 {
        self.0.generation
    }

    /// Whether a connection is up.
    #[getter]
    fn connected(&self) -> bool {
        self.0.connected
    }

    /// The address (`ip:port`) of the cache connected to last; None before.
    #[getter]
    fn peer(&self) -> Option<String> {
        self.0.peer.map(|p| p.to_string())
    }

    /// The protocol version of the last update (of the connection before
    /// the first).
    #[getter]
    fn version(&self) -> Option<u8> {
        self.0.version
    }

    /// The session id of the data held.
    #[getter]
    fn session(&self) -> Option<u16> {
        self.0.session
    }

    /// The serial number of the data held.
    #[getter]
    fn serial(&self) -> Option<u32> {
        self.0.serial
    }

    /// Whether the last update was a full reset (else a serial update).
    #[getter]
    fn reset(&self) -> bool {
        self.0.reset
    }

    /// Records announced by the last update.
    #[getter]
    fn announced(&self) -> usize {
        self.0.announced
    }

    /// Records withdrawn by the last update.
    #[getter]
    fn withdrawn(&self) -> usize {
        self.0.withdrawn
    }

    /// Whether the data expired (no update for the expire interval): the
    /// dataset is the base one until the next update.
    #[getter]
    fn expired(&self) -> bool {
        self.0.expired
    }

    /// The cache's text when it had no data (Error Report code 2).
    #[getter]
    fn no_data(&self) -> Option<String> {
        self.0.no_data.clone()
    }

    /// The last failure's message, until the next update.
    #[getter]
    fn last_error(&self) -> Option<String> {
        self.0.last_error.as_ref().map(ToString::to_string)
    }

    /// The last failure's code, as `RtrError.code` (`connect`, `timeout`,
    /// `closed`, ...), until the next update.
    #[getter]
    fn last_error_code(&self) -> Option<&'static str> {
        self.0.last_error.as_ref().map(|e| e.code())
    }

    /// Whether the client stopped (`close()`).
    #[getter]
    fn stopped(&self) -> bool {
        self.0.stopped
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyRtrStatus>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        let s = &self.0;
        let mut parts = vec![format!("generation={}", s.generation)];
        if let (Some(session), Some(serial)) = (s.session, s.serial) {
            parts.push(format!("session={session} serial={serial}"));
        }
        if s.generation > 0 {
            parts.push(format!(
                "{} +{} -{}",
                if s.reset { "reset" } else { "serial update" },
                s.announced,
                s.withdrawn
            ));
        }
        for (on, word) in [
            (s.connected, "connected"),
            (s.expired, "expired"),
            (s.stopped, "stopped"),
        ] {
            if on {
                parts.push(word.to_owned());
            }
        }
        if let Some(e) = &s.last_error {
            parts.push(format!("last_error={:?}", e.to_string()));
        }
        format!("<RtrStatus {}>", parts.join(" "))
    }
}

/// A dataset that follows an RPKI-to-Router cache on a background thread:
/// each update applied swaps in a new `Dataset` whole, so `dataset` is
/// always a consistent snapshot. A context manager: `with RtrClient(...)
/// as c:`.
#[pyclass(module = "routeguard", name = "RtrClient", frozen)]
pub(crate) struct PyRtrClient {
    /// Read for every call; written by `close()` alone.
    live: RwLock<LiveDataset>,
    server: String,
    /// The generation of the last status `wait_update` returned: the
    /// default `after` of the next.
    seen: AtomicU64,
    /// The Python object of the last snapshot handed out (the same object
    /// until the next update).
    snapshot: Mutex<Option<(Arc<Dataset>, Py<PyDataset>)>>,
}

impl PyRtrClient {
    fn live(&self) -> RwLockReadGuard<'_, LiveDataset> {
        self.live.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn status_now(&self, py: Python<'_>) -> LiveStatus {
        py.detach(|| self.live().status())
    }
}

#[pymethods]
impl PyRtrClient {
    /// Starts following the cache at `host`:`port` on a new thread and
    /// returns at once; connection failures are retried with backoff and
    /// show in `status` (`last_error`), never raised. `version` pins the
    /// protocol version (0, 1 or 2: no downgrade; None starts at 2 and
    /// negotiates down); `connect_timeout` bounds each connect and
    /// `response_timeout` each silence while a response is due (seconds);
    /// after a failure the client waits from `backoff_min` doubling up to
    /// `backoff_max` seconds (capped by the cache's retry interval);
    /// `max_age` (seconds) drops the data after that long without an update
    /// when sooner than the cache's expire interval;
    /// `aspa_layout` reads ASPA PDUs as `"auto"` (detected), `"bis10"` or
    /// `"bis14"` (8210bis drafts -10, -14 and later).
    ///
    /// `base`: a `Dataset` whose other inputs (SLURM, IRR, AS
    /// relationships, bogons, PeeringDB, ...) each update keeps, its SLURM
    /// applied to the cache's payloads; its own VRPs are replaced. Until
    /// the first update (and after the data expired), `dataset` is the
    /// base itself (or, without `base`, a dataset with no payloads:
    /// `validate` gives None).
    #[new]
    #[pyo3(signature = (host, port = 323, *, version = None, connect_timeout = defaults().connect_timeout.as_secs_f64(), response_timeout = defaults().response_timeout.as_secs_f64(), backoff_min = defaults().backoff_min.as_secs_f64(), backoff_max = defaults().backoff_max.as_secs_f64(), max_age = None, aspa_layout = "auto", base = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        host: &str,
        port: u16,
        version: Option<u8>,
        connect_timeout: f64,
        response_timeout: f64,
        backoff_min: f64,
        backoff_max: f64,
        max_age: Option<f64>,
        aspa_layout: &str,
        base: Option<Bound<'_, PyDataset>>,
    ) -> PyResult<Self> {
        let mut options = defaults()
            .version(self::version(version)?)
            .connect_timeout(seconds("connect_timeout", connect_timeout)?)
            .response_timeout(seconds("response_timeout", response_timeout)?)
            .backoff(
                seconds("backoff_min", backoff_min)?,
                seconds("backoff_max", backoff_max)?,
            )
            .max_age(max_age.map(|a| seconds("max_age", a)).transpose()?);
        options.session.aspa_layout = self::aspa_layout(aspa_layout)?;
        let server = address(host, port);
        let base = base.map(|b| Arc::clone(&b.get().ds));
        let live = py.detach(|| {
            let base = match base {
                Some(b) => b,
                None => Arc::new(
                    Dataset::builder()
                        .build()
                        .map_err(routeguard::Error::from)?,
                ),
            };
            LiveDataset::start(&server, options, base).map_err(routeguard::Error::from)
        });
        let live = live.map_err(|e| errors::core_error(py, &e))?;
        Ok(PyRtrClient {
            live: RwLock::new(live),
            server,
            seen: AtomicU64::new(0),
            snapshot: Mutex::new(None),
        })
    }

    /// Waits, without the GIL, until a dataset newer than generation
    /// `after` is published (default: the generation of the last status
    /// this method returned, 0 at first: the first call waits for the
    /// first update), or the client is closed; returns the status then.
    /// None when `timeout` seconds passed first (None: no limit; 0: just
    /// look).
    #[pyo3(signature = (timeout = None, *, after = None))]
    fn wait_update(
        &self,
        py: Python<'_>,
        timeout: Option<f64>,
        after: Option<u64>,
    ) -> PyResult<Option<PyRtrStatus>> {
        let end = match timeout {
            Some(0.0) => Some(Instant::now()),
            // Past what an Instant holds: no limit.
            Some(t) => Instant::now().checked_add(seconds("timeout", t)?),
            None => None,
        };
        let after = after.unwrap_or_else(|| self.seen.load(Ordering::Relaxed));
        loop {
            let slice = end.map_or(SLICE, |e| {
                e.saturating_duration_since(Instant::now()).min(SLICE)
            });
            if let Some(st) = py.detach(|| self.live().wait_update(after, Some(slice))) {
                self.seen.fetch_max(st.generation, Ordering::Relaxed);
                return Ok(Some(PyRtrStatus(st)));
            }
            py.check_signals()?;
            if end.is_some_and(|e| Instant::now() >= e) {
                return Ok(None);
            }
        }
    }

    /// The current dataset: a `Dataset` snapshot sharing the client's data
    /// (the same object until the next update; later updates do not
    /// change it). Its indexes are built, without the GIL, on first access.
    #[getter]
    fn dataset(&self, py: Python<'_>) -> PyResult<Py<PyDataset>> {
        let ds = py.detach(|| self.live().dataset());
        let lock = || self.snapshot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((held, obj)) = &*lock() {
            if Arc::ptr_eq(held, &ds) {
                return Ok(obj.clone_ref(py));
            }
        }
        let obj = Py::new(
            py,
            PyDataset::shared(py, Arc::clone(&ds), &input_name(&self.server))?,
        )?;
        let old = lock().replace((ds, obj.clone_ref(py)));
        drop(old);
        Ok(obj)
    }

    /// The client's state now.
    #[getter]
    fn status(&self, py: Python<'_>) -> PyRtrStatus {
        PyRtrStatus(self.status_now(py))
    }

    /// The cache's `host:port`.
    #[getter]
    fn server(&self) -> &str {
        &self.server
    }

    /// Stops the client and waits for its thread, without the GIL
    /// (idempotent). `dataset` and `status` stay readable; `wait_update`
    /// returns the final status at once.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            self.live
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .stop();
        });
    }

    /// Whether `close` was called.
    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        self.status_now(py).stopped
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
    ) -> bool {
        let _ = (exc_type, exc_value, traceback);
        self.close(py);
        false
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let s = self.status_now(py);
        let mut out = format!("<RtrClient {} generation={}", self.server, s.generation);
        if let Some(serial) = s.serial {
            out.push_str(&format!(" serial={serial}"));
        }
        out.push_str(if s.stopped {
            " closed>"
        } else if s.connected {
            " connected>"
        } else {
            ">"
        });
        out
    }
}
