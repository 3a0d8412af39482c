//! `IrrDb`, `IrrCheck`, `IrrAdvice` and `parse_rpsl`: RPSL dumps (RFC 2622,
//! RFC 4012) loaded into the core's in-memory IRR database, route checks
//! against it, and lookups. Objects come back as plain dicts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use routeguard::index::irr::{IrrDb, IrrDbBuilder, ObjId, RouteRef, SourceReport};
use routeguard::model::rpsl::{List, Member, RpslObject, SetKind, TypedObject};
use routeguard::parse::bgp::{parse_origin_line, RouteLineOptions};
use routeguard::parse::rpsl::{self, RpslOptions};
use routeguard::parse::ParseErrorKind;
use routeguard::validate::irr::{
    check_route_with, rpki_invalid_routes, Advice, CheckOptions, IrrCheck,
};
use routeguard::{Asn, Family, Prefix, RovIndex};

use crate::convert::{self, Data};
use crate::errors::{irr_query_error, model_error, rpsl_error};
use crate::types::PyValidationResult;
use crate::vrpset::{GcPause, LoadError, PyVrpSet};

fn options(strict: bool) -> RpslOptions {
    if strict {
        RpslOptions::default()
    } else {
        RpslOptions::lenient()
    }
}

/// `4`, `6` or None.
pub(crate) fn family(f: Option<u8>) -> PyResult<Option<Family>> {
    match f {
        None => Ok(None),
        Some(4) => Ok(Some(Family::V4)),
        Some(6) => Ok(Some(Family::V6)),
        Some(n) => Err(PyValueError::new_err(format!(
            "family must be 4, 6 or None, not {n}"
        ))),
    }
}

/// `{"prefix", "origin", "source"}`.
fn route_dict<'py>(py: Python<'py>, r: &RouteRef) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("prefix", r.prefix.to_string())?;
    d.set_item("origin", r.origin.to_string())?;
    d.set_item("source", &*r.source)?;
    Ok(d)
}

fn route_list<'py>(py: Python<'py>, routes: &[RouteRef]) -> PyResult<Bound<'py, PyList>> {
    let mut v = Vec::with_capacity(routes.len());
    for r in routes {
        v.push(route_dict(py, r)?);
    }
    PyList::new(py, v)
}

/// `{"class", "key", "source", "line", "attributes": [(name, value)]}`.
pub(crate) fn object_dict<'py>(py: Python<'py>, o: &RpslObject) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("class", o.class_name())?;
    d.set_item("key", o.key())?;
    d.set_item("source", o.source())?;
    d.set_item("line", o.line)?;
    let attrs: Vec<(&str, &str)> = o
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    d.set_item("attributes", attrs)?;
    Ok(d)
}

/// A list attribute's items, as a Python list of str.
fn items<'l>(l: &'l List<'_>) -> Vec<&'l str> {
    l.iter().collect()
}

fn strings<T: ToString>(v: &[T]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

/// The typed view of an object as a dict; None for classes without one
/// routeguard types here (contacts, maintainers, …).
pub(crate) fn typed_dict<'py>(
    py: Python<'py>,
    t: &TypedObject,
    line: usize,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let d = PyDict::new(py);
    match t {
        TypedObject::Route(r) => {
            d.set_item(
                "class",
                match r.prefix.family() {
                    Family::V4 => "route",
                    Family::V6 => "route6",
                },
            )?;
            d.set_item("prefix", r.prefix.to_string())?;
            d.set_item("origin", r.origin.to_string())?;
            d.set_item("member_of", strings(&r.member_of))?;
            d.set_item("mnt_by", items(&r.mnt_by))?;
            d.set_item("holes", strings(&r.holes))?;
            d.set_item("max_length", r.max_length)?;
            d.set_item("descr", &r.descr)?;
            d.set_item("source", &r.source)?;
        }
        TypedObject::AutNum(a) => {
            d.set_item("class", "aut-num")?;
            d.set_item("aut_num", a.asn.to_string())?;
            d.set_item("as_name", &a.as_name)?;
            d.set_item("descr", &a.descr)?;
            let mut policy = Vec::with_capacity(a.policy.len());
            for p in &a.policy {
                let pd = PyDict::new(py);
                pd.set_item("kind", p.kind.name())?;
                pd.set_item("text", &p.text)?;
                pd.set_item("line", p.line)?;
                policy.push(pd);
            }
            d.set_item("policy", policy)?;
            d.set_item("member_of", strings(&a.member_of))?;
            d.set_item("admin_c", items(&a.admin_c))?;
            d.set_item("tech_c", items(&a.tech_c))?;
            d.set_item("abuse_c", &a.abuse_c)?;
            d.set_item("org", &a.org)?;
            d.set_item("mnt_by", items(&a.mnt_by))?;
            d.set_item("source", &a.source)?;
        }
        TypedObject::Set(s) => {
            d.set_item(
                "class",
                match s.kind {
                    SetKind::AsSet => "as-set",
                    SetKind::RouteSet => "route-set",
                },
            )?;
            d.set_item("name", s.name.to_string())?;
            d.set_item("members", strings::<Member>(&s.members))?;
            d.set_item("mbrs_by_ref", items(&s.mbrs_by_ref))?;
            d.set_item("member_of", strings(&s.member_of))?;
            d.set_item("mnt_by", items(&s.mnt_by))?;
            d.set_item("admin_c", items(&s.admin_c))?;
            d.set_item("tech_c", items(&s.tech_c))?;
            d.set_item("source", &s.source)?;
        }
        _ => return Ok(None),
    }
    d.set_item("line", line)?;
    Ok(Some(d))
}

/// `IrrAdvice` from a core finding.
fn advice(a: &Advice) -> PyIrrAdvice {
    PyIrrAdvice {
        level: a.level().name(),
        code: a.code(),
        message: a.to_string(),
    }
}

/// One finding about a checked route (IRR Explorer's report):
/// `level` (`info`, `warning`, `danger`), a stable `code`, and a message.
#[pyclass(module = "routeguard", name = "IrrAdvice", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyIrrAdvice {
    level: &'static str,
    code: &'static str,
    message: String,
}

#[pymethods]
impl PyIrrAdvice {
    /// `info`, `warning` or `danger`.
    #[getter]
    fn level(&self) -> &'static str {
        self.level
    }

    /// A short stable code such as `no-route-object-matches-origin`.
    #[getter]
    fn code(&self) -> &'static str {
        self.code
    }

    /// The human-readable message.
    #[getter]
    fn message(&self) -> &str {
        &self.message
    }

    /// `{"level", "code", "message"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("level", self.level)?;
        d.set_item("code", self.code)?;
        d.set_item("message", &self.message)?;
        Ok(d)
    }

    fn __str__(&self) -> &str {
        &self.message
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "IrrAdvice(level='{}', code='{}', message={})",
            self.level,
            self.code,
            PyString::new(py, &self.message).repr()?
        ))
    }
}

/// The IRR verdict on one route: overall and per-source status, the route
/// objects that decided it, findings, and the RPKI state when VRPs were given.
#[pyclass(module = "routeguard", name = "IrrCheck", frozen)]
pub(crate) struct PyIrrCheck(pub(crate) IrrCheck);

#[pymethods]
impl PyIrrCheck {
    /// The prefix checked (canonical text).
    #[getter]
    fn prefix(&self) -> String {
        self.0.prefix.to_string()
    }

    /// The origin checked, e.g. `"AS64500"`; None for a route without one
    /// (its AS path ends in an AS_SET).
    #[getter]
    fn origin(&self) -> Option<String> {
        self.0.origin.map(|a| a.to_string())
    }

    /// `valid`, `covered`, `invalid-origin` or `not-found`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.name()
    }

    /// Status per source, in source preference order.
    #[getter]
    fn per_source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (s, st) in &self.0.per_source {
            d.set_item(&**s, st.name())?;
        }
        Ok(d)
    }

    /// Covering route objects (exact or less specific) with this origin.
    #[getter]
    fn matching<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        route_list(py, &self.0.matching)
    }

    /// Every covering route object, least specific first.
    #[getter]
    fn covering<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        route_list(py, &self.0.covering)
    }

    /// Findings, most serious first.
    #[getter]
    fn advice(&self) -> Vec<PyIrrAdvice> {
        self.0.advice.iter().map(advice).collect()
    }

    /// The RFC 6811 state of the route when VRPs were given, else None.
    #[getter]
    fn rpki(&self) -> Option<crate::types::PyRovState> {
        self.0.rpki.map(Into::into)
    }

    /// Everything as plain values (the RPKI state as its string).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("prefix", self.prefix())?;
        d.set_item("origin", self.origin())?;
        d.set_item("status", self.status())?;
        d.set_item("per_source", self.per_source(py)?)?;
        d.set_item("matching", self.matching(py)?)?;
        d.set_item("covering", self.covering(py)?)?;
        d.set_item("rpki", self.0.rpki.map(|s| s.as_str()))?;
        let mut adv = Vec::with_capacity(self.0.advice.len());
        for a in &self.0.advice {
            adv.push(advice(a).to_dict(py)?);
        }
        d.set_item("advice", adv)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let codes: Vec<String> = self
            .0
            .advice
            .iter()
            .map(|a| format!("'{}'", a.code()))
            .collect();
        format!(
            "IrrCheck(prefix='{}', origin={}, status='{}', matching={}, advice=[{}])",
            self.0.prefix,
            self.0
                .origin
                .map_or_else(|| "None".to_owned(), |a| format!("'{a}'")),
            self.0.status.name(),
            self.0.matching.len(),
            codes.join(", ")
        )
    }
}

/// One input of `IrrDb.from_files`: a path, or `(source, path)`.
fn file_item(item: &Bound<'_, PyAny>) -> PyResult<(Option<String>, PathBuf)> {
    if let Ok(t) = item.cast::<PyTuple>() {
        if t.len() != 2 {
            return Err(PyTypeError::new_err(
                "each item must be a path or a (source, path) tuple",
            ));
        }
        let source: String = t.get_item(0)?.extract()?;
        let path: PathBuf = t.get_item(1)?.extract()?;
        return Ok((Some(source), path));
    }
    let path: PathBuf = item
        .extract()
        .map_err(|_| PyTypeError::new_err("each item must be a path or a (source, path) tuple"))?;
    Ok((None, path))
}

fn warnings_of(report: &SourceReport, label: Option<&Path>, out: &mut Vec<String>) {
    for w in &report.warnings {
        out.push(match label {
            Some(p) => format!("{}: {w}", p.display()),
            None => w.to_string(),
        });
    }
}

/// A route given as `(prefix, origin)`, `[prefix, origin]` or a
/// `"prefix origin"` line in the core's one route-line grammar (whose
/// origin may be an AS path's: none for a final AS_SET).
fn route_item(item: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<(Prefix, Option<Asn>)> {
    let py = item.py();
    if let Ok(s) = item.cast::<PyString>() {
        let opts = RouteLineOptions::new().relaxed(relaxed);
        return match parse_origin_line(&s.to_cow()?, &opts) {
            Ok(Some(r)) => Ok((r.prefix, r.origin)),
            Ok(None) => Err(PyValueError::new_err(format!(
                "a route string must be \"prefix origin\", not {s:?}"
            ))),
            Err(ParseErrorKind::Model(e)) => Err(model_error(py, &e)),
            Err(e) => Err(PyValueError::new_err(e.to_string())),
        };
    }
    let pair = convert::pair(item)?;
    let (p, o) = pair.ok_or_else(|| {
        PyTypeError::new_err(
            "each route must be a (prefix, origin) pair or a \"prefix origin\" str",
        )
    })?;
    Ok((
        convert::prefix(&p, relaxed)?,
        Some(convert::asn(&o, relaxed)?),
    ))
}

/// An in-memory IRR database: RPSL dumps of one or more sources, indexed for
/// route checks, lookups and set expansion.
#[pyclass(module = "routeguard", name = "IrrDb", frozen)]
pub(crate) struct PyIrrDb {
    /// Shared with a `Dataset` when it came from one.
    pub(crate) db: Arc<IrrDb>,
    pub(crate) warnings: Vec<String>,
}

impl PyIrrDb {
    fn object_dicts<'py>(&self, py: Python<'py>, ids: &[ObjId]) -> PyResult<Bound<'py, PyList>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(o) = self.db.object(*id) else {
                continue;
            };
            let d = object_dict(py, &o)?;
            d.set_item("source", self.db.source_of(*id).map(|s| &**s))?;
            d.set_item("text", self.db.object_text(*id))?;
            out.push(d);
        }
        PyList::new(py, out)
    }

    fn typed_of<'py>(
        &self,
        py: Python<'py>,
        id: Option<ObjId>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(id) = id else { return Ok(None) };
        let line = self.db.line_of(id).unwrap_or(0);
        match self.db.typed(id) {
            None => Ok(None),
            Some(Err(e)) => Err(rpsl_error(py, &e)),
            Some(Ok(t)) => typed_dict(py, &t, line),
        }
    }

    fn check(&self, prefix: &Prefix, origin: Option<Asn>, rov: Option<&RovIndex>) -> IrrCheck {
        let opts = CheckOptions {
            rov,
            ..CheckOptions::default()
        };
        check_route_with(&self.db, prefix, origin, &opts)
    }
}

#[pymethods]
impl PyIrrDb {
    /// Loads RPSL dumps. Each item is a path or a `(source, path)` tuple
    /// (every object of that file then belongs to `source`, whatever its
    /// `source:` says). Compressed files are decompressed. Sources rank in order
    /// of first appearance unless `preference` lists them. `strict=False`
    /// (default) skips bad objects and lists them in `warnings`.
    #[staticmethod]
    #[pyo3(signature = (paths, strict = false, *, preference = None))]
    fn from_files(
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        strict: bool,
        preference: Option<Vec<String>>,
    ) -> PyResult<Self> {
        if paths.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "paths must be a list of paths or (source, path) tuples, not a str",
            ));
        }
        let mut items = Vec::new();
        for item in paths.try_iter()? {
            items.push(file_item(&item?)?);
        }
        let opts = options(strict);
        py.detach(move || -> Result<PyIrrDb, LoadError> {
            let mut b = IrrDbBuilder::new(opts);
            if let Some(p) = &preference {
                let p: Vec<&str> = p.iter().map(String::as_str).collect();
                b.preference(&p);
            }
            let mut warnings = Vec::new();
            let several = items.len() > 1;
            for (source, path) in &items {
                let mut input = crate::files::open(path)?;
                let report = b
                    .add_reader(&mut input, source.as_deref())
                    .map_err(|e| crate::files::input_error(&input, e))?;
                warnings_of(&report, several.then_some(path.as_path()), &mut warnings);
            }
            Ok(PyIrrDb {
                db: Arc::new(b.build()),
                warnings,
            })
        })
        .map_err(|e| e.into_py(py))
    }

    /// Loads RPSL text (`str` or `bytes`). With `source`, every object
    /// belongs to it; otherwise each object's `source:` decides.
    #[staticmethod]
    #[pyo3(signature = (text, source = None, strict = false))]
    fn from_text(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        source: Option<String>,
        strict: bool,
    ) -> PyResult<Self> {
        let data = Data::extract(text)?;
        let bytes = data.as_bytes();
        let opts = options(strict);
        py.detach(move || {
            let mut b = IrrDbBuilder::new(opts);
            let report = b.add_text(bytes, source.as_deref())?;
            let mut warnings = Vec::new();
            warnings_of(&report, None, &mut warnings);
            Ok(PyIrrDb {
                db: Arc::new(b.build()),
                warnings,
            })
        })
        .map_err(|e| rpsl_error(py, &e))
    }

    /// Totals: `objects`, `classes` (per class name), `errors` (objects
    /// skipped as bad), `deleted`, `sources` (per source: `objects`,
    /// `classes`), `routes_v4`, `routes_v6`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.db.stats();
        let d = PyDict::new(py);
        d.set_item("objects", s.objects)?;
        d.set_item("classes", s.classes.clone())?;
        d.set_item("errors", s.errors)?;
        d.set_item("deleted", s.deleted)?;
        let sources = PyDict::new(py);
        for (name, st) in &s.sources {
            let sd = PyDict::new(py);
            sd.set_item("objects", st.objects)?;
            sd.set_item("classes", st.classes.clone())?;
            sources.set_item(name, sd)?;
        }
        d.set_item("sources", sources)?;
        d.set_item("routes_v4", s.routes_v4)?;
        d.set_item("routes_v6", s.routes_v6)?;
        Ok(d)
    }

    /// The source names, most preferred first.
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.db.sources().iter().map(|s| s.to_string()).collect()
    }

    /// Lenient loads: the objects skipped (and unknown attributes), as
    /// messages with their line (prefixed by the path when several files
    /// were loaded). At most 1000 per input.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Checks one route: is there a route object for this prefix and
    /// origin? `vrps` adds the RPKI view (`rpki` and RPKI advice).
    #[pyo3(signature = (prefix, origin, vrps = None, *, relaxed = false))]
    fn check_route(
        &self,
        prefix: &Bound<'_, PyAny>,
        origin: &Bound<'_, PyAny>,
        vrps: Option<&Bound<'_, PyVrpSet>>,
        relaxed: bool,
    ) -> PyResult<PyIrrCheck> {
        let prefix = convert::prefix(prefix, relaxed)?;
        let origin = convert::asn(origin, relaxed)?;
        let rov = vrps.map(|v| &*v.get().index);
        Ok(PyIrrCheck(self.check(&prefix, Some(origin), rov)))
    }

    /// Checks many routes, each a `(prefix, origin)` pair or a
    /// `"prefix origin"` string; results in input order. The checks run
    /// without the GIL.
    #[pyo3(signature = (routes, vrps = None, *, relaxed = false))]
    fn check_routes<'py>(
        &self,
        py: Python<'py>,
        routes: &Bound<'py, PyAny>,
        vrps: Option<&Bound<'py, PyVrpSet>>,
        relaxed: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let input = convert::each(routes, |item| route_item(item, relaxed))?;
        let rov = vrps.map(|v| &*v.get().index);
        let checks: Vec<IrrCheck> =
            py.detach(|| input.iter().map(|(p, o)| self.check(p, *o, rov)).collect());
        let _paused = GcPause::new(py)?;
        let mut out = Vec::with_capacity(checks.len());
        for c in checks {
            out.push(Bound::new(py, PyIrrCheck(c))?);
        }
        PyList::new(py, out)
    }

    /// Objects for a key: a prefix (its exact route objects), an AS (its
    /// aut-nums), a set name (every source's set), or any other primary key.
    /// Each is a dict: `class`, `key`, `source`, `line`, `attributes`
    /// (list of `(name, value)`) and `text` (as stored).
    fn lookup<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyList>> {
        let (_, ids) = self.db.lookup(key);
        self.object_dicts(py, &ids)
    }

    /// The typed aut-num of an AS (most preferred source), or None.
    fn aut_num<'py>(
        &self,
        py: Python<'py>,
        asn: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let asn = convert::asn(asn, false)?;
        self.typed_of(py, self.db.aut_num(asn))
    }

    /// The typed as-set of a name (`AS-FOO`, `AS65000:AS-BAR`, `RIPE::AS-FOO`),
    /// members as strings; None when there is none.
    fn as_set<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let id = self.db.object_by_key("as-set", name).into_iter().next();
        self.typed_of(py, id)
    }

    /// The typed route-set of a name; None when there is none.
    fn route_set<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let id = self.db.object_by_key("route-set", name).into_iter().next();
        self.typed_of(py, id)
    }

    /// Route objects for a prefix: `match="exact"`, `"covering"` (exact or
    /// less specific, least specific first) or `"more-specific"`. Each is
    /// `{"prefix", "origin", "source"}`.
    #[pyo3(signature = (prefix, r#match = "exact"))]
    fn routes<'py>(
        &self,
        py: Python<'py>,
        prefix: &Bound<'py, PyAny>,
        r#match: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let prefix = convert::prefix(prefix, false)?;
        let routes = match r#match {
            "exact" => self.db.routes_exact(&prefix),
            "covering" => self.db.routes_covering(&prefix),
            "more-specific" => self.db.routes_more_specific(&prefix),
            other => {
                return Err(PyValueError::new_err(format!(
                    "match must be \"exact\", \"covering\" or \"more-specific\", not {other:?}"
                )))
            }
        };
        route_list(py, &routes)
    }

    /// Route objects originated by an AS (both families).
    fn routes_by_origin<'py>(
        &self,
        py: Python<'py>,
        asn: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let asn = convert::asn(asn, false)?;
        route_list(py, &self.db.routes_by_origin(asn))
    }

    /// The ASes of an as-set, recursively (IRRd `!iAS-X,1`): sorted
    /// `"AS…"` strings. Raises `IrrQueryError` when the set does not exist;
    /// `expand_as_set_details` also lists missing member sets.
    fn expand_as_set(&self, py: Python<'_>, name: &str) -> PyResult<Vec<String>> {
        let e = py
            .detach(|| self.db.expand_as_set(name))
            .map_err(|e| irr_query_error(py, &e))?;
        Ok(strings(&e.asns))
    }

    /// `expand_as_set` with its bookkeeping: `name`, `asns`,
    /// `missing_sets` (member sets not found), `depth_exceeded`,
    /// `limit_exceeded`, `sets_visited`.
    fn expand_as_set_details<'py>(
        &self,
        py: Python<'py>,
        name: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let e = py
            .detach(|| self.db.expand_as_set(name))
            .map_err(|e| irr_query_error(py, &e))?;
        let d = PyDict::new(py);
        d.set_item("name", &e.name)?;
        d.set_item("asns", strings(&e.asns))?;
        d.set_item("missing_sets", &e.missing_sets)?;
        d.set_item("depth_exceeded", e.depth_exceeded)?;
        d.set_item("limit_exceeded", e.limit_exceeded)?;
        d.set_item("sets_visited", e.sets_visited)?;
        Ok(d)
    }

    /// The direct members of an as-set or route-set (IRRd `!iNAME`), as
    /// strings, including objects that joined by `mbrs-by-ref`.
    fn set_members(&self, py: Python<'_>, name: &str) -> PyResult<Vec<String>> {
        let m = self
            .db
            .set_members(name)
            .map_err(|e| irr_query_error(py, &e))?;
        Ok(strings(&m))
    }

    /// Prefixes originated by the ASes of an as-set (IRRd `!a`/`!a4`/`!a6`);
    /// `family` 4, 6 or None for both. A bare AS is a set of one.
    #[pyo3(signature = (name, family = None))]
    fn set_prefixes(
        &self,
        py: Python<'_>,
        name: &str,
        family: Option<u8>,
    ) -> PyResult<Vec<String>> {
        let f = self::family(family)?;
        let v = py
            .detach(|| self.db.set_prefixes(name, f))
            .map_err(|e| irr_query_error(py, &e))?;
        Ok(strings(&v))
    }

    /// A route-set expanded recursively: prefixes with range operators
    /// (`"192.0.2.0/24^+"`).
    fn expand_route_set(&self, py: Python<'_>, name: &str) -> PyResult<Vec<String>> {
        let e = py
            .detach(|| self.db.expand_route_set(name))
            .map_err(|e| irr_query_error(py, &e))?;
        Ok(e.strings())
    }

    /// Route objects that RFC 6811 origin validation finds invalid against
    /// `vrps`: `(route dict, ValidationResult)` pairs.
    fn rpki_invalid_routes<'py>(
        &self,
        py: Python<'py>,
        vrps: &Bound<'py, PyVrpSet>,
    ) -> PyResult<Bound<'py, PyList>> {
        let rov = &vrps.get().index;
        let found = py.detach(|| rpki_invalid_routes(&self.db, rov));
        let mut out = Vec::with_capacity(found.len());
        for (r, result) in found {
            let v = PyValidationResult {
                prefix: r.prefix,
                origin: Some(r.origin),
                result,
            };
            out.push((route_dict(py, &r)?, Bound::new(py, v)?).into_pyobject(py)?);
        }
        PyList::new(py, out)
    }

    fn __len__(&self) -> usize {
        self.db.len()
    }

    fn __repr__(&self) -> String {
        let s = self.db.stats();
        format!(
            "<IrrDb {} objects, {} routes, sources: {}>",
            s.objects,
            s.routes_v4 + s.routes_v6,
            self.sources().join(", ")
        )
    }
}

/// Parses RPSL text into objects (dicts: `class`, `key`, `source`, `line`,
/// `attributes`; with `typed=True` also `typed`, the typed view or None).
/// `strict=True` raises `ParseError` on the first bad object.
#[pyfunction]
#[pyo3(signature = (text, strict = true, *, typed = false))]
pub(crate) fn parse_rpsl<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    strict: bool,
    typed: bool,
) -> PyResult<Bound<'py, PyList>> {
    let data = Data::extract(text)?;
    let bytes = data.as_bytes();
    let opts = options(strict);
    let parsed = py
        .detach(|| rpsl::parse_all(bytes, &opts))
        .map_err(|e| rpsl_error(py, &e))?;
    let mut out = Vec::with_capacity(parsed.objects.len());
    for o in &parsed.objects {
        let d = object_dict(py, o)?;
        if typed {
            let t = match rpsl::typed(o) {
                Ok(t) => typed_dict(py, &t, o.line)?,
                Err(_) => None,
            };
            d.set_item("typed", t)?;
        }
        out.push(d);
    }
    PyList::new(py, out)
}
