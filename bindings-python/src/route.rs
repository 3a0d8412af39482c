//! `RouteChecker` and `RouteVerdict`: every check of a route at once — RFC
//! 6811 origin validation, ASPA path verification, bogons and route leaks —
//! over the data given, one route or many.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use routeguard::parse::bgp::route_lines;
use routeguard::parse::ParseError;
use routeguard::validate::aspa::Direction;
use routeguard::validate::route::{RouteChecker, RouteVerdict};
use routeguard::{AsPath, Asn, Prefix};

use crate::aspa::PyAspaSet;
use crate::bogon::{PyBogonFinding, PyBogons};
use crate::convert::{self, Data};
use crate::errors::parse_error;
use crate::files;
use crate::leak::PyAsRelations;
use crate::path::{as_path, opt_asn, opt_num, str_repr, word, PyAsPath};
use crate::vrpset::{GcPause, PyVrpSet};

/// Checks routes by every test whose data it was given: `vrps` (RFC 6811
/// origin validation), `aspa` (ASPA path verification in `direction`),
/// `relations` (route leaks; `receiver` the AS that received the routes, if
/// known) and `bogons` (always; the built-in registries by default).
#[pyclass(module = "routeguard", name = "RouteChecker", frozen)]
pub(crate) struct PyRouteChecker {
    vrps: Option<Py<PyVrpSet>>,
    aspa: Option<Py<PyAspaSet>>,
    relations: Option<Py<PyAsRelations>>,
    bogons: Py<PyBogons>,
    direction: Direction,
    receiver: Option<Asn>,
}

/// One route to check: prefix, path, neighbour.
type Input = (Prefix, AsPath, Option<Asn>);

impl PyRouteChecker {
    /// Runs `f` with a core checker over the data (the bogon lists as they
    /// are now). `f` runs without the GIL.
    fn run<R: Send>(&self, py: Python<'_>, f: impl FnOnce(&RouteChecker<'_>) -> R + Send) -> R {
        let bogons = self.bogons.get().current();
        let rov = self.vrps.as_ref().map(|v| &*v.get().index);
        let aspa = self.aspa.as_ref().map(|a| &*a.get().set);
        let rel = self.relations.as_ref().map(|r| &*r.get().rel);
        let (direction, receiver) = (self.direction, self.receiver);
        py.detach(move || {
            let mut c = RouteChecker::new(&bogons).with_receiver(receiver);
            if let Some(i) = rov {
                c = c.with_rov(i);
            }
            if let Some(s) = aspa {
                c = c.with_aspa(s, direction);
            }
            if let Some(r) = rel {
                c = c.with_relations(r);
            }
            f(&c)
        })
    }

    fn check_all(&self, py: Python<'_>, input: Vec<Input>) -> Vec<PyRouteVerdict> {
        self.run(py, move |c| {
            input
                .into_iter()
                .map(|(prefix, path, neighbor)| {
                    let verdict = c.check_from(&prefix, &path, neighbor);
                    PyRouteVerdict {
                        prefix,
                        path,
                        neighbor,
                        verdict,
                    }
                })
                .collect()
        })
    }
}

/// One `(prefix, path)` or `(prefix, path, neighbor)` item.
fn route_item(item: &Bound<'_, PyAny>, relaxed: bool) -> PyResult<Input> {
    let parts: Vec<Bound<'_, PyAny>> = if let Ok(t) = item.cast::<PyTuple>() {
        t.iter().collect()
    } else if let Ok(l) = item.cast::<PyList>() {
        l.iter().collect()
    } else {
        Vec::new()
    };
    match parts.as_slice() {
        [p, path] => Ok((convert::prefix(p, relaxed)?, as_path(path)?, None)),
        [p, path, n] => Ok((
            convert::prefix(p, relaxed)?,
            as_path(path)?,
            convert::origin(n, false)?,
        )),
        _ => Err(PyTypeError::new_err(
            "each route must be a (prefix, path) or (prefix, path, neighbor) tuple",
        )),
    }
}

/// The routes of route-line text (`PREFIX PATH...` or `bgpdump -m`), the
/// peer AS of a bgpdump line as the neighbour. Bad UTF-8 is a `ParseError`
/// at its line.
fn lines(bytes: &[u8]) -> Result<Vec<Input>, ParseError> {
    let text = files::utf8(bytes)?;
    route_lines(text)
        .map(|r| r.map(|r| (r.prefix, r.path, r.peer_as)))
        .collect()
}

fn to_list(py: Python<'_>, verdicts: Vec<PyRouteVerdict>) -> PyResult<Bound<'_, PyList>> {
    // Every verdict is a GC-tracked object: pause the collector meanwhile.
    let _paused = GcPause::new(py)?;
    let mut out = Vec::with_capacity(verdicts.len());
    for v in verdicts {
        out.push(Bound::new(py, v)?);
    }
    PyList::new(py, out)
}

#[pymethods]
impl PyRouteChecker {
    /// A checker over the data given (keyword arguments only). `vrps`: a
    /// `VrpSet` (its origin-validation index is used); `aspa`: an
    /// `AspaSet`; `relations`: `AsRelations`; `bogons`: a `Bogons` (default
    /// `Bogons()`; user lists added to it later are seen); `direction`:
    /// `upstream` or `downstream` for ASPA; `receiver`: the receiving AS for
    /// the leak check.
    #[new]
    #[pyo3(signature = (*, vrps = None, aspa = None, relations = None, bogons = None, direction = "upstream", receiver = None))]
    fn new(
        py: Python<'_>,
        vrps: Option<Py<PyVrpSet>>,
        aspa: Option<Py<PyAspaSet>>,
        relations: Option<Py<PyAsRelations>>,
        bogons: Option<Py<PyBogons>>,
        direction: &str,
        receiver: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let bogons = match bogons {
            Some(b) => b,
            None => Py::new(py, PyBogons::default_checker())?,
        };
        Ok(PyRouteChecker {
            vrps,
            aspa,
            relations,
            bogons,
            direction: word(direction)?,
            receiver: opt_asn(receiver)?,
        })
    }

    /// Checks one route. `path`: str, `AsPath` or a sequence of ASNs;
    /// `neighbor`: the AS the route came from, if known (ASPA then checks
    /// that it is the leftmost AS).
    #[pyo3(signature = (prefix, path, neighbor = None, *, relaxed = false))]
    fn check(
        &self,
        py: Python<'_>,
        prefix: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        neighbor: Option<&Bound<'_, PyAny>>,
        relaxed: bool,
    ) -> PyResult<PyRouteVerdict> {
        let input = vec![(
            convert::prefix(prefix, relaxed)?,
            as_path(path)?,
            opt_asn(neighbor)?,
        )];
        self.check_all(py, input)
            .pop()
            .ok_or_else(|| PyTypeError::new_err("no verdict"))
    }

    /// Checks `(prefix, path)` or `(prefix, path, neighbor)` items; verdicts
    /// in input order. The checks run without the GIL.
    #[pyo3(signature = (routes, *, relaxed = false))]
    fn check_many<'py>(
        &self,
        py: Python<'py>,
        routes: &Bound<'py, PyAny>,
        relaxed: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let input = convert::each(routes, |item| route_item(item, relaxed))?;
        let verdicts = self.check_all(py, input);
        to_list(py, verdicts)
    }

    /// Checks the routes of a text (`str` or `bytes`): `PREFIX PATH...`
    /// lines or `bgpdump -m` lines (the peer AS is the neighbour); blank
    /// lines, `#` comments, withdrawals and state changes are skipped.
    /// Parsing and checking run without the GIL. Raises `ParseError` with
    /// the line of the first bad route.
    fn check_lines<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let data = Data::extract(text)?;
        let bytes = data.as_bytes();
        let input = py
            .detach(|| lines(bytes))
            .map_err(|e| parse_error(py, &e))?;
        let verdicts = self.check_all(py, input);
        to_list(py, verdicts)
    }

    /// The ASPA direction: `upstream` or `downstream`.
    #[getter]
    fn direction(&self) -> &'static str {
        self.direction.as_str()
    }

    /// The receiving AS of the leak check, if given.
    #[getter]
    fn receiver(&self) -> Option<u32> {
        self.receiver.map(Asn::get)
    }

    fn __repr__(&self) -> String {
        let mut checks = vec!["bogons"];
        if self.vrps.is_some() {
            checks.push("rov");
        }
        if self.aspa.is_some() {
            checks.push("aspa");
        }
        if self.relations.is_some() {
            checks.push("leaks");
        }
        format!(
            "<RouteChecker {} direction={} receiver={}>",
            checks.join("+"),
            self.direction.as_str(),
            opt_num(self.receiver.map(Asn::get))
        )
    }
}

/// The verdicts on one route; None where the check's data was not given.
#[pyclass(module = "routeguard", name = "RouteVerdict", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PyRouteVerdict {
    pub(crate) prefix: Prefix,
    pub(crate) path: AsPath,
    pub(crate) neighbor: Option<Asn>,
    pub(crate) verdict: RouteVerdict,
}

#[pymethods]
impl PyRouteVerdict {
    /// The route's prefix (canonical text).
    #[getter]
    fn prefix(&self) -> String {
        self.prefix.to_string()
    }

    /// The route's AS path.
    #[getter]
    fn path(&self) -> PyAsPath {
        PyAsPath(self.path.clone())
    }

    /// The neighbour AS given (or a bgpdump line's peer AS), if any.
    #[getter]
    fn neighbor(&self) -> Option<u32> {
        self.neighbor.map(Asn::get)
    }

    /// Origin validation: `valid`, `invalid`, `not-found`; None without VRPs.
    #[getter]
    fn rov(&self) -> Option<&'static str> {
        self.verdict.rov.map(|s| s.as_str())
    }

    /// ASPA: `valid`, `invalid`, `unknown`; None without ASPAs.
    #[getter]
    fn aspa(&self) -> Option<&'static str> {
        self.verdict.aspa.map(|v| v.as_str())
    }

    /// The first bogon finding, or None when the route is no bogon.
    #[getter]
    fn bogon(&self) -> Option<PyBogonFinding> {
        self.verdict.bogon.clone().map(PyBogonFinding)
    }

    /// The bogon column word: `ok` or the first finding's kind.
    #[getter]
    fn bogon_word(&self) -> &'static str {
        self.verdict.bogon_word()
    }

    /// Route leaks: `ok`, `leak`, `unknown`; None without relations.
    #[getter]
    fn leak(&self) -> Option<&'static str> {
        self.verdict.leak.map(|l| l.as_str())
    }

    /// Whether any check failed: ROV or ASPA `invalid`, a bogon, or a leak.
    #[getter]
    fn rejected(&self) -> bool {
        self.verdict.is_rejected()
    }

    /// `rov,aspa,bogon,leak` as the CLI's columns print them, `-` for a
    /// check that did not run: `valid,unknown,ok,-`.
    fn __str__(&self) -> String {
        self.verdict.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let word = |w: Option<&'static str>| -> PyResult<String> {
            match w {
                None => Ok("None".to_owned()),
                Some(w) => str_repr(py, w),
            }
        };
        Ok(format!(
            "RouteVerdict(prefix={}, path={}, neighbor={}, rov={}, aspa={}, bogon={}, leak={})",
            str_repr(py, &self.prefix.to_string())?,
            str_repr(py, &self.path.to_string())?,
            opt_num(self.neighbor.map(Asn::get)),
            word(self.rov())?,
            word(self.aspa())?,
            str_repr(py, self.verdict.bogon_word())?,
            word(self.leak())?,
        ))
    }
}
