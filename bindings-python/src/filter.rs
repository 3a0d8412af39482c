//! Filters (core `filter` and `render::filter`, `render::antispoof`): the
//! bgpq4 drop-in (`Dataset.bgpq4`, `routeguard.bgpq4` over IRRd), customer
//! prefix filters with RPKI (`Dataset.prefix_list`, `routeguard.prefix_list`
//! over IRRd) and their explanation, the audit of a router's prefix list
//! (`diff_prefix_lists`, `PrefixFilter.diff`), source address validation
//! (`antispoof`, `Dataset.antispoof`) and the uRPF audit of router
//! configurations (`audit_config`).
//!
//! Thin: arguments become the core's values, the core expands, builds and
//! renders without the GIL, and its errors map onto `FilterError` and its
//! subclasses (kind `filter`).

use std::collections::BTreeMap;
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

use routeguard::dataset::Dataset;
use routeguard::filter::antispoof::audit::{audit, AuditFinding};
use routeguard::filter::antispoof::{build_sav, Customer, PrefixSource, SavVendor, SourcePrefix};
use routeguard::filter::bgpq4::args::{parse_args, Bgpq4Error, Command};
use routeguard::filter::bgpq4::{Dialect, Options};
use routeguard::filter::diff::{diff_ranges, FilterDiff};
use routeguard::filter::prefix_filter::{
    build_prefix_filter, FilterEntry, FilterRequest, PrefixFilter, RpkiPolicy,
};
use routeguard::filter::resolve::{
    explain, explain_local, Explanation, LocalResolver, Resolver, WhoisResolver,
};
use routeguard::index::irr::SetLimits;
use routeguard::model::{Family, ModelError, PrefixRange, UnknownWord};
use routeguard::net::whois::WhoisOptions;
use routeguard::parse::device::{parse_device_config, ConfigDialect};
use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
use routeguard::render::antispoof::{render_sav, SavOutput, SavRenderOptions};
use routeguard::render::filter::extra::{render_diff_json, render_diff_text};
use routeguard::render::filter::list::{
    render_explanations_json, render_prefix_filter, FilterFormat, FilterRenderError,
};
use routeguard::render::filter::{run_bgpq4, Bgpq4Output};
use routeguard::{Asn, Error, Prefix, RovIndex, Vrp};

use crate::convert;
use crate::errors;
use crate::vrpset::PyVrpSet;

/// A word parsed by the core's `FromStr`; an unknown word is `ModelError`.
fn word<T: std::str::FromStr<Err = UnknownWord>>(py: Python<'_>, s: &str) -> PyResult<T> {
    s.parse::<T>()
        .map_err(|e| errors::model_error(py, &ModelError::UnknownWord(e)))
}

fn family_arg(family: u8) -> PyResult<Family> {
    match family {
        4 => Ok(Family::V4),
        6 => Ok(Family::V6),
        n => Err(PyValueError::new_err(format!(
            "family must be 4 or 6, not {n}"
        ))),
    }
}

fn dialect_arg(dialect: &str) -> PyResult<Dialect> {
    match dialect {
        "1.9" => Ok(Dialect::V1_9),
        "1.16" => Ok(Dialect::V1_16),
        other => Err(PyValueError::new_err(format!(
            "dialect must be \"1.9\" or \"1.16\", not {other:?}"
        ))),
    }
}

/// Text or bytes (`str`, `bytes`, `bytearray`) as bytes.
fn text_bytes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str, bytes or bytearray"
    )))
}

/// Objects: one `str` (blank-separated words) or an iterable of `str`.
fn objects_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.split_whitespace().map(str::to_owned).collect());
    }
    convert::each(obj, |item| item.extract::<String>())
}

/// `host`, `host:port` (default port 43) or `[v6]:port`, one or a list.
fn hosts_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let list = if obj.is_instance_of::<PyString>() {
        vec![obj.extract::<String>()?]
    } else {
        convert::each(obj, |item| item.extract::<String>())?
    };
    if list.is_empty() {
        return Err(PyValueError::new_err("whois: no IRRd host given"));
    }
    Ok(list
        .into_iter()
        .map(|h| {
            let bare_v6 = h.matches(':').count() > 1 && !h.starts_with('[');
            if bare_v6 {
                format!("[{h}]:43")
            } else if h.contains(':') {
                h
            } else {
                format!("{h}:43")
            }
        })
        .collect())
}

fn whois_options(timeout: f64) -> PyResult<WhoisOptions> {
    if !timeout.is_finite() || timeout <= 0.0 {
        return Err(PyValueError::new_err(format!(
            "timeout must be a positive number of seconds, not {timeout}"
        )));
    }
    let t = Duration::try_from_secs_f64(timeout)
        .map_err(|e| PyValueError::new_err(format!("timeout: {e}")))?;
    Ok(WhoisOptions {
        connect_timeout: t,
        read_timeout: t,
        ..WhoisOptions::default()
    })
}

fn connect(hosts: &[String], timeout: f64) -> PyResult<(Vec<String>, WhoisOptions)> {
    Ok((hosts.to_vec(), whois_options(timeout)?))
}

fn whois_resolver(hosts: &[String], opts: WhoisOptions) -> Result<WhoisResolver, Error> {
    let refs: Vec<&str> = hosts.iter().map(String::as_str).collect();
    WhoisResolver::connect(&refs, opts).map_err(Error::from)
}

/// A render failure as the Python error (the VyOS size limit keeps its
/// code `too-many-entries`).
fn render_py_error(py: Python<'_>, e: FilterRenderError) -> PyErr {
    match e {
        FilterRenderError::TooLarge(m) => {
            errors::filter_error_with(py, m, "too-many-entries", true)
        }
        FilterRenderError::Tree(t) => errors::core_error(py, &Error::Tree(t)),
        other => errors::filter_error_with(py, other.to_string(), other.code(), true),
    }
}

// ---------------------------------------------------------------- bgpq4 --

/// What one bgpq4 run wrote and its exit status, as bgpq4 1.9 would.
#[pyclass(module = "routeguard", name = "Bgpq4Result", frozen)]
pub(crate) struct PyBgpq4Result(Bgpq4Output);

#[pymethods]
impl PyBgpq4Result {
    /// Standard output.
    #[getter]
    fn stdout(&self) -> String {
        self.0.stdout.clone()
    }

    /// Standard error.
    #[getter]
    fn stderr(&self) -> String {
        self.0.stderr.clone()
    }

    /// The exit status (0 on success).
    #[getter]
    fn code(&self) -> i32 {
        self.0.code
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyBgpq4Result>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Bgpq4Result code={} stdout={} lines stderr={} lines>",
            self.0.code,
            self.0.stdout.lines().count(),
            self.0.stderr.lines().count()
        )
    }

    fn __str__(&self) -> String {
        self.0.stdout.clone()
    }
}

/// The command line read: options to run, or the output of a run that
/// stops before it connects (`-v`, bad options).
enum Parsed {
    Run(Options, String),
    Done(Bgpq4Output),
}

fn parse_bgpq4(args: &[String], dialect: Dialect) -> Parsed {
    match parse_args(args, None) {
        Ok(Command::Run {
            mut options,
            stderr,
        }) => {
            options.dialect = dialect;
            Parsed::Run(options, String::from_utf8_lossy(&stderr).into_owned())
        }
        Ok(Command::Version(text)) => Parsed::Done(Bgpq4Output {
            stdout: text,
            stderr: String::new(),
            code: 0,
        }),
        Err(e) => Parsed::Done(refused(&e)),
    }
}

fn refused(e: &Bgpq4Error) -> Bgpq4Output {
    Bgpq4Output {
        stdout: e.stdout(),
        stderr: String::from_utf8_lossy(&e.stderr()).into_owned(),
        code: e.exit_code(),
    }
}

fn limits(opts: &Options) -> SetLimits {
    SetLimits {
        max_depth: opts
            .max_depth
            .map_or(SetLimits::default().max_depth, |d| d as usize),
        ..SetLimits::default()
    }
}

fn run_with(
    opts: &Options,
    early: String,
    resolver: &mut dyn Resolver,
) -> Result<Bgpq4Output, Error> {
    let mut out = run_bgpq4(opts, resolver, &limits(opts))?;
    out.stderr.insert_str(0, &early);
    Ok(out)
}

/// `Dataset.bgpq4`: see its docs in `dataset.rs`.
pub(crate) fn bgpq4_local(
    py: Python<'_>,
    ds: &Dataset,
    args: Vec<String>,
    dialect: &str,
) -> PyResult<PyBgpq4Result> {
    let dialect = dialect_arg(dialect)?;
    let Some(db) = ds.irr() else {
        return Err(PyValueError::new_err(
            "bgpq4: the dataset has no IRR data (give irr= to Dataset)",
        ));
    };
    let out = py
        .detach(|| match parse_bgpq4(&args, dialect) {
            Parsed::Done(o) => Ok(o),
            Parsed::Run(opts, early) => run_with(&opts, early, &mut LocalResolver::new(db)),
        })
        .map_err(|e| errors::core_error(py, &e))?;
    Ok(PyBgpq4Result(out))
}

/// Runs bgpq4's command line `args` against IRRd over whois, as the real
/// bgpq4 1.9 would: the server is bgpq4's `-h host[:port]` (default
/// `rr.ntt.net`), the output byte for byte bgpq4's (`dialect="1.16"`:
/// bgpq4 1.16's). Command lines bgpq4 refuses give its messages and exit
/// status in the result (no exception). `timeout` bounds the connection and
/// every wait for bytes. The GIL is released.
///
/// Raises `FilterResolveError` when the server cannot be reached or an
/// expansion outgrows routeguard's limits.
#[pyfunction]
#[pyo3(signature = (args, *, dialect = "1.9", timeout = 30.0))]
pub(crate) fn bgpq4(
    py: Python<'_>,
    args: Vec<String>,
    dialect: &str,
    timeout: f64,
) -> PyResult<PyBgpq4Result> {
    let dialect = dialect_arg(dialect)?;
    let wopts = whois_options(timeout)?;
    let out = py
        .detach(|| match parse_bgpq4(&args, dialect) {
            Parsed::Done(o) => Ok(o),
            Parsed::Run(opts, early) => {
                let host = format!("{}:{}", opts.host, opts.port);
                let mut r = whois_resolver(&[host], wopts)?;
                run_with(&opts, early, &mut r)
            }
        })
        .map_err(|e| errors::core_error(py, &e))?;
    Ok(PyBgpq4Result(out))
}

// -------------------------------------------------------- prefix filter --

/// One entry of a `PrefixFilter`: a prefix range, the origin whose route
/// object gave it, where it came from and its RPKI state.
#[pyclass(module = "routeguard", name = "FilterEntry", frozen)]
pub(crate) struct PyFilterEntry(FilterEntry);

#[pymethods]
impl PyFilterEntry {
    /// The prefix (`"192.0.2.0/24"`).
    #[getter]
    fn prefix(&self) -> String {
        self.0.range.prefix.to_string()
    }

    /// The shortest length accepted under it.
    #[getter]
    fn low(&self) -> u8 {
        self.0.range.low
    }

    /// The longest length accepted under it.
    #[getter]
    fn high(&self) -> u8 {
        self.0.range.high
    }

    /// The origin AS (None for route-set members and given prefixes).
    #[getter]
    fn origin(&self) -> Option<u32> {
        self.0.origin
    }

    /// `route-object`, `route-set`, `given` or `roa`.
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source.as_str()
    }

    /// `valid`, `invalid` or `not-found` when VRPs were given and the entry
    /// has an origin; else None.
    #[getter]
    fn rpki(&self) -> Option<&'static str> {
        self.0.rpki.map(|s| s.as_str())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyFilterEntry>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let origin = self
            .0
            .origin
            .map_or_else(String::new, |o| format!(" AS{o}"));
        let rpki = self
            .0
            .rpki
            .map_or_else(String::new, |s| format!(" rpki={s}"));
        format!(
            "<FilterEntry {}{origin} {}{rpki}>",
            self.0.range,
            self.0.source.as_str()
        )
    }

    fn __str__(&self) -> String {
        self.0.range.to_string()
    }
}

/// A customer prefix filter: what it accepts (entries with origins and
/// RPKI states), what RPKI dropped, the ASNs and the sets not found.
/// `render()` writes it for a router; `str()` is `render()`.
#[pyclass(module = "routeguard", name = "PrefixFilter", frozen)]
pub(crate) struct PyPrefixFilter {
    filter: PrefixFilter,
    format: FilterFormat,
    name: String,
    aggregate: bool,
}

fn entries(v: &[FilterEntry]) -> Vec<PyFilterEntry> {
    v.iter().cloned().map(PyFilterEntry).collect()
}

fn range_tuple(r: &PrefixRange) -> (String, u8, u8) {
    (r.prefix.to_string(), r.low, r.high)
}

#[pymethods]
impl PyPrefixFilter {
    /// The kept entries, sorted.
    #[getter]
    fn entries(&self) -> Vec<PyFilterEntry> {
        entries(&self.filter.entries)
    }

    /// The entries dropped as RPKI invalid (`rpki="drop"`).
    #[getter]
    fn dropped(&self) -> Vec<PyFilterEntry> {
        entries(&self.filter.dropped)
    }

    /// Every ASN of the objects, sorted.
    #[getter]
    fn asns(&self) -> Vec<u32> {
        self.filter.asns.clone()
    }

    /// Sets no selected source has.
    #[getter]
    fn missing_sets(&self) -> Vec<String> {
        self.filter.missing_sets.clone()
    }

    /// 4 or 6.
    #[getter]
    fn family(&self) -> u8 {
        match self.filter.family {
            Some(Family::V6) => 6,
            _ => 4,
        }
    }

    /// The distinct ranges accepted (what a router's list holds), sorted:
    /// `(prefix, low, high)`.
    #[getter]
    fn ranges(&self) -> Vec<(String, u8, u8)> {
        self.filter.ranges().iter().map(range_tuple).collect()
    }

    /// The list's name used by `render()` by default.
    #[getter]
    fn name(&self) -> String {
        self.name.clone()
    }

    /// The filter as router configuration or JSON: `format` one of `ios`,
    /// `ios-xr`, `junos`, `bird`, `openbgpd`, `eos`, `routeros6`,
    /// `routeros7`, `sros`, `sros-mdcli`, `srlinux`, `huawei`,
    /// `huawei-xpl`, `bgpq4-json` (bgpq4's forms, printed as bgpq4 does),
    /// `frr`, `vyos`, `origin-set` or `json` (origins, sources and RPKI
    /// states); `aggregate` is bgpq4's `-A`. The defaults are those given
    /// when the filter was built.
    #[pyo3(signature = (format = None, *, name = None, aggregate = None))]
    fn render(
        &self,
        py: Python<'_>,
        format: Option<&str>,
        name: Option<&str>,
        aggregate: Option<bool>,
    ) -> PyResult<String> {
        let format = match format {
            Some(f) => word::<FilterFormat>(py, f)?,
            None => self.format,
        };
        let name = name.unwrap_or(&self.name);
        let aggregate = aggregate.unwrap_or(self.aggregate);
        py.detach(|| render_prefix_filter(&self.filter, format, name, aggregate))
            .map_err(|e| render_py_error(py, e))
    }

    /// The JSON form: name, family, ASNs, missing sets, entries and dropped
    /// entries with origin, source and RPKI state.
    #[pyo3(signature = (*, name = None))]
    fn to_json(&self, py: Python<'_>, name: Option<&str>) -> PyResult<String> {
        self.render(py, Some("json"), name, None)
    }

    /// Compares the prefix list a router holds (`router`: its text in any
    /// form routeguard renders, sniffed unless `format` names it) with this
    /// filter; `list` picks the list of that name (both families) out of a
    /// text that holds several (else all are read together; a name the text
    /// lacks raises `ParseError`).
    #[pyo3(signature = (router, *, format = None, name = None, list = None))]
    fn diff(
        &self,
        py: Python<'_>,
        router: &Bound<'_, PyAny>,
        format: Option<&str>,
        name: Option<String>,
        list: Option<&str>,
    ) -> PyResult<PyFilterDiff> {
        let router = router_ranges(py, router, format, list)?;
        let name = name.unwrap_or_else(|| self.name.clone());
        let expected = self.filter.ranges();
        let diff = py.detach(|| diff_ranges(&router, &expected));
        Ok(PyFilterDiff { diff, name })
    }

    fn __len__(&self) -> usize {
        self.filter.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<PrefixFilter IPv{} {} entries, {} dropped, {} ASNs, {} missing sets>",
            self.family(),
            self.filter.entries.len(),
            self.filter.dropped.len(),
            self.filter.asns.len(),
            self.filter.missing_sets.len()
        )
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        self.render(py, None, None, None)
    }
}

/// The RPKI inputs of a filter request.
struct Rpki<'a> {
    rov: Option<&'a RovIndex>,
    vrps: Option<&'a [Vrp]>,
}

/// The arguments shared by both `prefix_list`s (`Dataset.prefix_list`
/// and the whois form), converted once by [`FilterArgs::new`].
pub(crate) struct FilterArgs {
    objects: Vec<String>,
    family: Family,
    sources: Option<Vec<String>>,
    policy: Option<RpkiPolicy>,
    roa_as_route: bool,
    max_len: Option<u8>,
    format: FilterFormat,
    name: String,
    aggregate: bool,
}

impl FilterArgs {
    /// Converts the Python arguments (words to types; errors raise).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        py: Python<'_>,
        objects: &Bound<'_, PyAny>,
        family: u8,
        sources: Option<Vec<String>>,
        rpki: Option<&str>,
        roa_as_route: bool,
        max_len: Option<u8>,
        format: &str,
        name: &str,
        aggregate: bool,
    ) -> PyResult<Self> {
        Ok(FilterArgs {
            objects: objects_arg(objects)?,
            family: family_arg(family)?,
            sources,
            policy: rpki.map(|p| word::<RpkiPolicy>(py, p)).transpose()?,
            roa_as_route,
            max_len,
            format: word::<FilterFormat>(py, format)?,
            name: name.to_owned(),
            aggregate,
        })
    }

    fn build(&self, resolver: &mut dyn Resolver, rpki: &Rpki<'_>) -> Result<PrefixFilter, Error> {
        let mut req = FilterRequest::new(self.objects.clone(), self.family);
        req.sources.clone_from(&self.sources);
        req.max_len = self.max_len;
        if let Some(policy) = self.policy {
            req.rov = rpki.rov;
            req.policy = policy;
        }
        if self.roa_as_route {
            req.roas_as_routes = rpki.vrps;
        }
        Ok(build_prefix_filter(resolver, &req)?)
    }

    fn wrap(self, filter: PrefixFilter) -> PyPrefixFilter {
        PyPrefixFilter {
            filter,
            format: self.format,
            name: self.name,
            aggregate: self.aggregate,
        }
    }
}

/// `Dataset.prefix_list`: see its docs in `dataset.rs` (which converts
/// the arguments with [`FilterArgs::new`]).
pub(crate) fn prefix_list_local(
    py: Python<'_>,
    ds: &Dataset,
    args: FilterArgs,
) -> PyResult<PyPrefixFilter> {
    let Some(db) = ds.irr() else {
        return Err(PyValueError::new_err(
            "prefix_list: the dataset has no IRR data (give irr= to Dataset)",
        ));
    };
    let rpki = Rpki {
        rov: ds.rov().map(|r| &**r),
        vrps: ds.vrps().map(|v| v.vrps.as_slice()),
    };
    let filter = py
        .detach(|| args.build(&mut LocalResolver::new(db), &rpki))
        .map_err(|e| errors::core_error(py, &e))?;
    Ok(args.wrap(filter))
}

/// A customer prefix filter built over IRRd (`whois`: `host[:port]`, one
/// or a list tried in order; port 43 by default), as `Dataset.prefix_list`
/// builds it from local dumps (same arguments, same result for the same
/// data). `vrps` (a `VrpSet`) enables RPKI: invalid (prefix, origin) pairs
/// are dropped (`rpki="drop"`) or tagged (`rpki="tag"`), and with
/// `roa_as_route=True` the ROAs of the filter's ASNs stand in for missing
/// route objects. The GIL is released.
///
/// Raises `FilterResolveError` when no server can be reached.
#[pyfunction]
#[pyo3(signature = (objects, *, whois, family = 4, sources = None, vrps = None, rpki = Some("drop"), roa_as_route = false, max_len = None, format = "ios", name = "NN", aggregate = false, timeout = 30.0))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn prefix_list(
    py: Python<'_>,
    objects: &Bound<'_, PyAny>,
    whois: &Bound<'_, PyAny>,
    family: u8,
    sources: Option<Vec<String>>,
    vrps: Option<PyRef<'_, PyVrpSet>>,
    rpki: Option<&str>,
    roa_as_route: bool,
    max_len: Option<u8>,
    format: &str,
    name: &str,
    aggregate: bool,
    timeout: f64,
) -> PyResult<PyPrefixFilter> {
    let args = FilterArgs::new(
        py,
        objects,
        family,
        sources,
        rpki,
        roa_as_route,
        max_len,
        format,
        name,
        aggregate,
    )?;
    let (hosts, wopts) = connect(&hosts_arg(whois)?, timeout)?;
    let rpki = Rpki {
        rov: vrps.as_ref().map(|v| &*v.index),
        vrps: vrps.as_ref().map(|v| v.set.vrps.as_slice()),
    };
    let filter = py
        .detach(|| {
            let mut r = whois_resolver(&hosts, wopts)?;
            args.build(&mut r, &rpki)
        })
        .map_err(|e| errors::core_error(py, &e))?;
    Ok(args.wrap(filter))
}

// ------------------------------------------------------------- explain --

/// Why one ASN is in an expansion.
#[pyclass(module = "routeguard", name = "AsnReason", frozen)]
pub(crate) struct PyAsnReason {
    #[pyo3(get)]
    asn: u32,
    #[pyo3(get)]
    path: Vec<String>,
}

#[pymethods]
impl PyAsnReason {
    fn __repr__(&self) -> String {
        format!("<AsnReason AS{} via {}>", self.asn, via(&self.path))
    }
}

/// Why one prefix is in an expansion.
#[pyclass(module = "routeguard", name = "PrefixReason", frozen)]
pub(crate) struct PyPrefixReason {
    #[pyo3(get)]
    prefix: String,
    #[pyo3(get)]
    origin: Option<u32>,
    #[pyo3(get)]
    path: Vec<String>,
    #[pyo3(get)]
    sources: Vec<String>,
}

#[pymethods]
impl PyPrefixReason {
    fn __repr__(&self) -> String {
        let origin = self.origin.map_or_else(String::new, |o| format!(" AS{o}"));
        format!(
            "<PrefixReason {}{origin} via {}>",
            self.prefix,
            via(&self.path)
        )
    }
}

fn via(path: &[String]) -> String {
    if path.is_empty() {
        "(the object)".to_owned()
    } else {
        path.join(" > ")
    }
}

/// Why each ASN and prefix is in an object's expansion: `asns` and
/// `prefixes` with the chain of sets (`path`) that brought each in, the
/// origin and the IRR sources of each prefix; sets not found, loops, and
/// sets cut by the depth limit. `str()` is the CLI's `--explain` text,
/// `to_json()` its JSON.
#[pyclass(module = "routeguard", name = "Explanation", frozen)]
pub(crate) struct PyExplanation(Explanation);

#[pymethods]
impl PyExplanation {
    /// The object explained.
    #[getter]
    fn object(&self) -> String {
        self.0.object.clone()
    }

    /// The ASNs reached (sorted), each with its shortest set path.
    #[getter]
    fn asns(&self) -> Vec<PyAsnReason> {
        self.0
            .asns
            .iter()
            .map(|a| PyAsnReason {
                asn: a.asn,
                path: a.path.clone(),
            })
            .collect()
    }

    /// The prefixes (sorted by text), each with origin, path and sources.
    #[getter]
    fn prefixes(&self) -> Vec<PyPrefixReason> {
        self.0
            .prefixes
            .iter()
            .map(|p| PyPrefixReason {
                prefix: p.prefix.clone(),
                origin: p.origin,
                path: p.path.clone(),
                sources: p.sources.clone(),
            })
            .collect()
    }

    /// Sets named somewhere but in no selected source.
    #[getter]
    fn missing_sets(&self) -> Vec<String> {
        self.0.missing_sets.clone()
    }

    /// Loops, as `A -> B` edges.
    #[getter]
    fn loops(&self) -> Vec<String> {
        self.0.loops.clone()
    }

    /// Sets not followed because of the depth limit.
    #[getter]
    fn too_deep(&self) -> Vec<String> {
        self.0.too_deep.clone()
    }

    /// The explanation as JSON (one object, as an item of the CLI's
    /// `--explain --format json` array).
    fn to_json(&self) -> String {
        let all = render_explanations_json(std::slice::from_ref(&self.0));
        // The array's one item, re-indented by nothing: keep the array form
        // minimal by stripping the brackets.
        let inner = all.trim().trim_start_matches('[').trim_end_matches(']');
        format!("{}\n", inner.trim())
    }

    fn __repr__(&self) -> String {
        format!(
            "<Explanation {}: {} ASNs, {} prefixes, {} missing sets, {} loops>",
            self.0.object,
            self.0.asns.len(),
            self.0.prefixes.len(),
            self.0.missing_sets.len(),
            self.0.loops.len()
        )
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

fn source_refs(sources: Option<&Vec<String>>) -> Option<Vec<&str>> {
    sources.map(|v| v.iter().map(String::as_str).collect())
}

/// `Dataset.explain`: see its docs in `dataset.rs`.
pub(crate) fn explain_in(
    py: Python<'_>,
    ds: &Dataset,
    object: &str,
    family: u8,
    max_depth: Option<u32>,
    sources: Option<Vec<String>>,
) -> PyResult<PyExplanation> {
    let family = family_arg(family)?;
    let Some(db) = ds.irr() else {
        return Err(PyValueError::new_err(
            "explain: the dataset has no IRR data (give irr= to Dataset)",
        ));
    };
    let e = py
        .detach(|| {
            let refs = source_refs(sources.as_ref());
            explain_local(db, object, family, max_depth, refs.as_deref())
        })
        .map_err(|e| errors::core_error(py, &Error::from(e)))?;
    Ok(PyExplanation(e))
}

/// Why each ASN and prefix is in `object`'s expansion, asked of IRRd
/// (`whois` as for `prefix_list`); the sources of route objects are not
/// known over whois (empty). The GIL is released.
#[pyfunction(name = "explain")]
#[pyo3(signature = (object, *, whois, family = 4, max_depth = None, sources = None, timeout = 30.0))]
pub(crate) fn explain_whois(
    py: Python<'_>,
    object: &str,
    whois: &Bound<'_, PyAny>,
    family: u8,
    max_depth: Option<u32>,
    sources: Option<Vec<String>>,
    timeout: f64,
) -> PyResult<PyExplanation> {
    let family = family_arg(family)?;
    let (hosts, wopts) = connect(&hosts_arg(whois)?, timeout)?;
    let e = py
        .detach(|| {
            let mut r = whois_resolver(&hosts, wopts)?;
            let refs = source_refs(sources.as_ref());
            explain(
                &mut r,
                object,
                family,
                max_depth,
                SetLimits::default().max_sets,
                refs.as_deref(),
            )
            .map_err(Error::from)
        })
        .map_err(|e| errors::core_error(py, &e))?;
    Ok(PyExplanation(e))
}

// ---------------------------------------------------------------- diff --

fn list_format(py: Python<'_>, format: Option<&str>) -> PyResult<Option<PrefixListFormat>> {
    format.map(|f| word::<PrefixListFormat>(py, f)).transpose()
}

/// The ranges of every list in a router's text.
/// The ranges of the list `list` of the text (of every list for `None`).
fn router_ranges(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    format: Option<&str>,
    list: Option<&str>,
) -> PyResult<Vec<PrefixRange>> {
    let bytes = text_bytes(text, "router")?;
    let format = list_format(py, format)?;
    py.detach(|| parse_prefix_list(&bytes, format).and_then(|l| l.select(list)))
        .map_err(|e| errors::parse_error(py, &e))
}

/// The audit of a router's prefix list against the expected one: entries
/// missing (expected, not on the router), extra (on the router only) and
/// changed (same prefix, other lengths), the size change, and the routes
/// accepted by one list only. `equivalent` is True when both accept the
/// same routes.
#[pyclass(module = "routeguard", name = "FilterDiff", frozen)]
pub(crate) struct PyFilterDiff {
    diff: FilterDiff,
    name: String,
}

type Gap = (String, u8, u8, u128, String);

fn gaps(v: &[routeguard::filter::diff::RouteGap]) -> Vec<Gap> {
    v.iter()
        .map(|g| {
            let (p, l, h) = range_tuple(&g.entry);
            (p, l, h, g.routes, g.example.to_string())
        })
        .collect()
}

#[pymethods]
impl PyFilterDiff {
    /// Expected entries the router lacks: `(prefix, low, high)`.
    #[getter]
    fn missing(&self) -> Vec<(String, u8, u8)> {
        self.diff.missing.iter().map(range_tuple).collect()
    }

    /// Router entries not expected: `(prefix, low, high)`.
    #[getter]
    fn extra(&self) -> Vec<(String, u8, u8)> {
        self.diff.extra.iter().map(range_tuple).collect()
    }

    /// Prefixes in both with other lengths: `(prefix, router, expected)`,
    /// each a list of `(low, high)`.
    #[getter]
    #[allow(clippy::type_complexity)]
    fn changed(&self) -> Vec<(String, Vec<(u8, u8)>, Vec<(u8, u8)>)> {
        self.diff
            .changed
            .iter()
            .map(|c| (c.prefix.to_string(), c.router.clone(), c.expected.clone()))
            .collect()
    }

    /// Entries the same in both.
    #[getter]
    fn unchanged(&self) -> usize {
        self.diff.unchanged
    }

    /// Entries on the router.
    #[getter]
    fn router_entries(&self) -> usize {
        self.diff.router_entries
    }

    /// Entries expected.
    #[getter]
    fn expected_entries(&self) -> usize {
        self.diff.expected_entries
    }

    /// Expected entries minus router entries.
    #[getter]
    fn size_change(&self) -> i64 {
        self.diff.size_change()
    }

    /// Whether the lists hold the same entries.
    #[getter]
    fn same(&self) -> bool {
        self.diff.is_empty()
    }

    /// Whether the lists accept the same routes.
    #[getter]
    fn equivalent(&self) -> bool {
        self.diff.is_equivalent()
    }

    /// Routes the router accepts that the expected list does not, per
    /// router entry: `(prefix, low, high, routes, example)`.
    #[getter]
    fn only_router(&self) -> Vec<Gap> {
        gaps(&self.diff.only_router)
    }

    /// Routes the expected list accepts that the router does not, per
    /// expected entry: `(prefix, low, high, routes, example)`.
    #[getter]
    fn only_expected(&self) -> Vec<Gap> {
        gaps(&self.diff.only_expected)
    }

    /// The number of routes only the router accepts.
    #[getter]
    fn routes_only_router(&self) -> u128 {
        self.diff.routes_only_router()
    }

    /// The number of routes only the expected list accepts.
    #[getter]
    fn routes_only_expected(&self) -> u128 {
        self.diff.routes_only_expected()
    }

    /// The audit as text (the CLI's `routeguard filter --diff`).
    fn to_text(&self) -> String {
        render_diff_text(&self.name, &self.diff)
    }

    /// The audit as JSON (the CLI's `--diff … --format json`).
    fn to_json(&self) -> String {
        render_diff_json(&self.name, &self.diff)
    }

    fn __bool__(&self) -> bool {
        !self.diff.is_empty()
    }

    fn __repr__(&self) -> String {
        format!(
            "<FilterDiff {}: {} missing, {} extra, {} changed, {}>",
            self.name,
            self.diff.missing.len(),
            self.diff.extra.len(),
            self.diff.changed.len(),
            if self.diff.is_equivalent() {
                "equivalent"
            } else {
                "not equivalent"
            }
        )
    }

    fn __str__(&self) -> String {
        self.to_text()
    }
}

/// Compares the prefix list a router holds (`router`: its text in any form
/// routeguard renders, sniffed unless `format` names it) with the expected
/// one: a `PrefixFilter`, or another list's text (sniffed unless
/// `expected_format` names it). `name` names the list in `to_text()` and
/// `to_json()`; `list` picks the router's list of that name (both
/// families) out of a text that holds several, such as a whole
/// configuration, and `expected_list` likewise for expected text.
///
/// Raises `ParseError` (with `line`) for text that is no prefix list, or
/// that has no list of the name asked for.
#[pyfunction]
#[pyo3(signature = (router, expected, *, format = None, expected_format = None, name = "NN", list = None, expected_list = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn diff_prefix_lists(
    py: Python<'_>,
    router: &Bound<'_, PyAny>,
    expected: &Bound<'_, PyAny>,
    format: Option<&str>,
    expected_format: Option<&str>,
    name: &str,
    list: Option<&str>,
    expected_list: Option<&str>,
) -> PyResult<PyFilterDiff> {
    let router = router_ranges(py, router, format, list)?;
    let expected = match expected.cast::<PyPrefixFilter>() {
        Ok(f) => f.get().filter.ranges(),
        Err(_) => router_ranges(py, expected, expected_format, expected_list)?,
    };
    let diff = py.detach(|| diff_ranges(&router, &expected));
    Ok(PyFilterDiff {
        diff,
        name: name.to_owned(),
    })
}

// ---------------------------------------------------------- antispoof --

fn sav_options(
    py: Python<'_>,
    vendor: &str,
    output: &str,
    hyper_aggregate: bool,
    name: &str,
    filter_id: u32,
) -> PyResult<SavRenderOptions> {
    let vendor = word::<SavVendor>(py, vendor)?;
    let output = match output {
        "urpf" => SavOutput::Urpf,
        "acl" => SavOutput::Acl,
        other => {
            return Err(PyValueError::new_err(format!(
                "output must be \"urpf\" or \"acl\", not {other:?}"
            )))
        }
    };
    let mut opts = SavRenderOptions::new(vendor, output);
    opts.hyper_aggregate = hyper_aggregate;
    opts.name = name.to_owned();
    opts.first_filter_id = filter_id;
    Ok(opts)
}

fn render_customers(
    py: Python<'_>,
    customers: &[Customer],
    opts: &SavRenderOptions,
) -> PyResult<String> {
    py.detach(|| build_sav(customers).and_then(|sets| render_sav(&sets, opts)))
        .map_err(|e| errors::core_error(py, &Error::from(e)))
}

/// Source address validation (BCP 38, BCP 84) for single-homed customers,
/// as router configuration: `customers` maps each customer-facing
/// interface to its prefixes (`str` or `ipaddress` networks; no host
/// bits). `vendor`: `ios`, `iosxr`, `junos`, `eos`, `sros` or `linux`;
/// `output`: `urpf` (strict uRPF) or `acl` (ingress ACLs of the prefixes,
/// of their supernets only with `hyper_aggregate=True`). `name` starts the
/// ACL names; `filter_id` is the first Nokia filter number.
///
/// Raises `FilterInputError` (codes `invalid-interface`, `invalid-name`)
/// and `ModelError` for a bad prefix or vendor.
#[pyfunction]
#[pyo3(signature = (customers, *, vendor = "ios", output = "urpf", hyper_aggregate = false, name = "SAV", filter_id = 1000))]
pub(crate) fn antispoof(
    py: Python<'_>,
    customers: &Bound<'_, PyDict>,
    vendor: &str,
    output: &str,
    hyper_aggregate: bool,
    name: &str,
    filter_id: u32,
) -> PyResult<String> {
    let opts = sav_options(py, vendor, output, hyper_aggregate, name, filter_id)?;
    let mut list = Vec::new();
    for (k, v) in customers.iter() {
        let interface: String = k.extract()?;
        let prefixes: Vec<Prefix> = if v.is_instance_of::<PyString>() {
            vec![convert::prefix(&v, false)?]
        } else {
            convert::each(&v, |p| convert::prefix(p, false))?
        };
        list.push(Customer::new(interface, PrefixSource::Manual, prefixes));
    }
    render_customers(py, &list, &opts)
}

/// `Dataset.antispoof`: see its docs in `dataset.rs`.
pub(crate) fn antispoof_local(
    py: Python<'_>,
    ds: &Dataset,
    customers: &Bound<'_, PyDict>,
    opts: (&str, &str, bool, &str, u32),
) -> PyResult<String> {
    let (vendor, output, hyper, name, filter_id) = opts;
    let opts = sav_options(py, vendor, output, hyper, name, filter_id)?;
    let mut asns: BTreeMap<String, Asn> = BTreeMap::new();
    for (k, v) in customers.iter() {
        asns.insert(k.extract()?, convert::asn(&v, false)?);
    }
    let mut list = Vec::new();
    for (interface, asn) in asns {
        let mut prefixes = Vec::new();
        if let Some(db) = ds.irr() {
            for f in [Family::V4, Family::V6] {
                prefixes.extend(db.origin_prefixes(asn, f).into_iter().map(|prefix| {
                    SourcePrefix {
                        prefix,
                        source: PrefixSource::Irr,
                    }
                }));
            }
        }
        if let Some(v) = ds.vrps() {
            prefixes.extend(
                v.vrps
                    .iter()
                    .filter(|r| r.asn == asn)
                    .map(|r| SourcePrefix {
                        prefix: r.prefix,
                        source: PrefixSource::Rpki,
                    }),
            );
        }
        list.push(Customer {
            interface,
            prefixes,
        });
    }
    render_customers(py, &list, &opts)
}

// --------------------------------------------------------------- audit --

/// One interface without strict uRPF (or missing, or without addresses).
#[pyclass(module = "routeguard", name = "AuditFinding", frozen)]
pub(crate) struct PyAuditFinding(AuditFinding);

#[pymethods]
impl PyAuditFinding {
    /// The interface as the configuration names it (as asked when it is
    /// not in it).
    #[getter]
    fn interface(&self) -> String {
        self.0.interface.clone()
    }

    /// 4 or 6, None for the whole interface.
    #[getter]
    fn family(&self) -> Option<u8> {
        self.0.family.map(|f| match f {
            Family::V6 => 6,
            _ => 4,
        })
    }

    /// `interface-not-found`, `no-address-family`, `urpf-missing` or
    /// `urpf-not-strict`.
    #[getter]
    fn problem(&self) -> &'static str {
        self.0.problem.code()
    }

    /// The configuration line that shows it (None when not found).
    #[getter]
    fn line(&self) -> Option<usize> {
        self.0.line
    }

    /// One sentence (the CLI's text line).
    #[getter]
    fn message(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<AuditFinding {} {}>", self.0.problem.code(), self.0)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// Audits a router configuration (`config`: text or bytes; Junos `set`
/// form, or IOS-style text of IOS, IOS XE, IOS XR, EOS; `dialect` `junos`
/// or `ios`, guessed from the first statement when None) for
/// customer-facing interfaces without strict uRPF: one finding per
/// interface family without it, per interface not in the configuration,
/// per interface without addresses. `interfaces`: the ones to audit
/// (default: every interface with IPv4 or IPv6). Empty when all is well.
///
/// Raises `ParseError` (with `line`) for a configuration it cannot read.
#[pyfunction]
#[pyo3(signature = (config, *, dialect = None, interfaces = None))]
pub(crate) fn audit_config(
    py: Python<'_>,
    config: &Bound<'_, PyAny>,
    dialect: Option<&str>,
    interfaces: Option<Vec<String>>,
) -> PyResult<Vec<PyAuditFinding>> {
    let bytes = text_bytes(config, "config")?;
    let dialect = dialect.map(|d| word::<ConfigDialect>(py, d)).transpose()?;
    let interfaces = interfaces.unwrap_or_default();
    let found = py
        .detach(|| {
            let d = dialect
                .or_else(|| ConfigDialect::detect(&bytes))
                .unwrap_or(ConfigDialect::Ios);
            parse_device_config(&bytes, d).map(|cfg| audit(&cfg, &interfaces))
        })
        .map_err(|e| errors::parse_error(py, &e))?;
    Ok(found.into_iter().map(PyAuditFinding).collect())
}

/// Adds the classes and functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBgpq4Result>()?;
    m.add_class::<PyFilterEntry>()?;
    m.add_class::<PyPrefixFilter>()?;
    m.add_class::<PyAsnReason>()?;
    m.add_class::<PyPrefixReason>()?;
    m.add_class::<PyExplanation>()?;
    m.add_class::<PyFilterDiff>()?;
    m.add_class::<PyAuditFinding>()?;
    m.add_function(wrap_pyfunction!(bgpq4, m)?)?;
    m.add_function(wrap_pyfunction!(prefix_list, m)?)?;
    m.add_function(wrap_pyfunction!(explain_whois, m)?)?;
    m.add_function(wrap_pyfunction!(diff_prefix_lists, m)?)?;
    m.add_function(wrap_pyfunction!(antispoof, m)?)?;
    m.add_function(wrap_pyfunction!(audit_config, m)?)?;
    Ok(())
}
