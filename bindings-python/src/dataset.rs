//! `Dataset`: everything routeguard loads (VRPs, ASPAs and router keys after
//! RFC 8416 SLURM, IRR dumps, CAIDA AS relationships, bogon lists), built
//! by one call of the core's `Dataset::builder()` and handed out as the
//! existing classes, which share the dataset's data (no copy, no second
//! index). `RtrClient.dataset` hands out the RTR client's snapshots as the
//! same class (`PyDataset::shared`).

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use routeguard::dataset::{Dataset, DatasetBuilder, Input};
use routeguard::diag::Mode;
use routeguard::validate::aspa::Direction;
use routeguard::{AsPath, Asn};

use crate::aspa::PyAspaSet;
use crate::bogon::PyBogons;
use crate::convert;
use crate::errors;
use crate::irr::{PyIrrCheck, PyIrrDb};
use crate::leak::PyAsRelations;
use crate::path::{as_path, opt_asn, PyAsPath};
use crate::route::PyRouteVerdict;
use crate::types::PyValidationResult;
use crate::vrpset::{format_by_name, PyVrpSet};

/// Everything loaded, built in one call: the validated payloads after SLURM
/// (VRPs, ASPAs, router keys), the IRR database, AS relationships and
/// bogon lists, each optional, with their indexes.
#[pyclass(module = "routeguard", name = "Dataset", frozen)]
pub(crate) struct PyDataset {
    /// Shared with an `RtrClient` when it came from one.
    pub(crate) ds: Arc<Dataset>,
    vrps: Option<Py<PyVrpSet>>,
    aspas: Option<Py<PyAspaSet>>,
    irr: Option<Py<PyIrrDb>>,
    relations: Option<Py<PyAsRelations>>,
    bogons: Py<PyBogons>,
}

/// Where an input's bytes come from: a file (`str`, `os.PathLike`) or
/// contents (`bytes`, `bytearray`; with `text`, also `str`).
pub(crate) fn input(obj: &Bound<'_, PyAny>, name: &str, text: bool) -> PyResult<Input> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Input::bytes(name, b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Input::bytes(name, b.to_vec()));
    }
    if text {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Input::text(name, s.to_cow()?.into_owned()));
        }
        return Err(PyTypeError::new_err(format!(
            "{name} must be str, bytes or bytearray"
        )));
    }
    obj.extract::<PathBuf>().map(Input::path).map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be a path (str or os.PathLike) or the contents (bytes)"
        ))
    })
}

/// A single input rather than a list of them.
fn is_single(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return Ok(true);
    }
    let fspath = obj.py().import("os")?.getattr("PathLike")?;
    obj.is_instance(&fspath)
}

/// The items of `irr=` or `bogons=`: one input, or a list of inputs or of
/// `(name, input)` pairs.
fn items<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if is_single(obj)? {
        return Ok(vec![obj.clone()]);
    }
    convert::each(obj, |item| Ok(item.clone()))
}

/// `(label, data)` from a two-item tuple or list, else `(None, item)`.
fn labelled<'py>(item: &Bound<'py, PyAny>) -> PyResult<(Option<String>, Bound<'py, PyAny>)> {
    if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
        if let Some((label, data)) = convert::pair(item)? {
            return Ok((Some(label.extract::<String>()?), data));
        }
        return Err(PyTypeError::new_err(
            "each item must be an input or a (name, input) pair",
        ));
    }
    Ok((None, item.clone()))
}

/// The name of the `i`-th in-memory item of `kind` among `n`.
fn nth(kind: &str, i: usize, n: usize) -> String {
    if n > 1 {
        format!("{kind}[{i}]")
    } else {
        kind.to_owned()
    }
}

/// The keyword arguments of both constructors.
struct Args<'a, 'py> {
    vrps: Option<&'a Bound<'py, PyAny>>,
    /// `host:port` of an RTR cache (`Dataset(...)` only), and its options.
    rtr: Option<(&'a str, Option<&'a Bound<'py, PyDict>>)>,
    slurm: Option<&'a Bound<'py, PyAny>>,
    irr: Option<&'a Bound<'py, PyAny>>,
    asrel: Option<&'a Bound<'py, PyAny>>,
    bogons: Option<&'a Bound<'py, PyAny>>,
    peeringdb: Option<&'a Bound<'py, PyAny>>,
    sav_facts: Option<&'a Bound<'py, PyAny>>,
    spoofer: Option<&'a Bound<'py, PyAny>>,
    strict: bool,
    vrp_format: Option<&'a str>,
    irr_preference: Option<Vec<String>>,
}

/// The names of the inputs whose warnings the exposed classes list.
#[derive(Default)]
struct Names {
    vrps: Option<String>,
    irr: Vec<String>,
}

/// The builder for `args`; `text` allows `str` contents (and no paths).
fn builder(args: Args<'_, '_>, text: bool) -> PyResult<(DatasetBuilder, Names)> {
    let mut names = Names::default();
    let mode = if args.strict {
        Mode::Strict
    } else {
        Mode::Lenient
    };
    let mut b = Dataset::builder().mode(mode).irr_mode(mode);
    if let Some(f) = format_by_name(args.vrp_format)? {
        b = b.vrp_format(f);
    }
    if let Some(v) = args.vrps {
        let v = input(v, "vrps", text)?;
        names.vrps = Some(v.name().to_owned());
        b = b.vrps(v);
    }
    if let Some((server, options)) = args.rtr {
        if args.vrps.is_some() {
            return Err(PyValueError::new_err(
                "give vrps or rtr, not both (rtr loads the payloads)",
            ));
        }
        names.vrps = Some(crate::rtr::input_name(server));
        b = b.rtr(server, crate::rtr::options_dict(options)?);
    }
    if let Some(s) = args.slurm {
        b = b.slurm(input(s, "slurm", text)?);
    }
    if let Some(a) = args.asrel {
        b = b.asrel(input(a, "asrel", text)?);
    }
    if let Some(irr) = args.irr {
        let list = items(irr)?;
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            let (source, data) = labelled(item)?;
            let name = match &source {
                Some(s) => format!("irr[{s}]"),
                None => nth("irr", i, n),
            };
            let data = input(&data, &name, text)?;
            names.irr.push(data.name().to_owned());
            b = b.irr(source.as_deref(), data);
        }
    }
    if let Some(p) = &args.irr_preference {
        b = b.irr_preference(p);
    }
    if let Some(bogons) = args.bogons {
        let list = items(bogons)?;
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            // A (name, input) pair names the list; else the path (or
            // `bogons`) does.
            let (label, data) = labelled(item)?;
            let name = label.unwrap_or_else(|| nth("bogons", i, n));
            b = b.bogons(input(&data, &name, text)?);
        }
    }
    if let Some(pdb) = args.peeringdb {
        let list = items(pdb)?;
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            b = b.peeringdb(input(item, &nth("peeringdb", i, n), text)?);
        }
    }
    if let Some(f) = args.sav_facts {
        b = b.sav_facts(input(f, "sav_facts", text)?);
    }
    if let Some(sp) = args.spoofer {
        let list = items(sp)?;
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            b = b.spoofer(input(item, &nth("spoofer", i, n), text)?);
        }
    }
    Ok((b, names))
}

/// The AS whose route objects `check_irr` looks for: None, an AS number,
/// or an AS path (`AsPath`, a str with several ASes, a sequence), whose
/// origin is taken (None when it ends in an AS_SET).
fn irr_origin(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Asn>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(p) = obj.cast::<PyAsPath>() {
        return Ok(p.get().0.origin());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.trim().contains(char::is_whitespace) || s.contains('{') {
            return Ok(as_path(obj)?.origin());
        }
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(as_path(obj)?.origin());
    }
    opt_asn(Some(obj))
}

impl PyDataset {
    /// Builds the dataset without the GIL and wraps its parts.
    fn build(py: Python<'_>, (b, names): (DatasetBuilder, Names)) -> PyResult<Self> {
        let ds = py
            .detach(move || b.build())
            .map_err(|e| errors::input_error(py, &e))?;
        Self::wrap(py, Arc::new(ds), &names)
    }

    /// Wraps a dataset shared with its owner (an RTR client's snapshot,
    /// whose payloads are named `vrps`); its indexes are built first,
    /// without the GIL.
    pub(crate) fn shared(py: Python<'_>, ds: Arc<Dataset>, vrps: &str) -> PyResult<Self> {
        let ds = py.detach(move || {
            let _ = (ds.rov(), ds.aspas());
            ds
        });
        let names = Names {
            vrps: Some(vrps.to_owned()),
            irr: Vec::new(),
        };
        Self::wrap(py, ds, &names)
    }

    /// Wraps the parts of a built dataset as the existing classes.
    fn wrap(py: Python<'_>, ds: Arc<Dataset>, names: &Names) -> PyResult<Self> {
        let vrps = names
            .vrps
            .as_deref()
            .and_then(|n| PyVrpSet::of_dataset(&ds, n))
            .map(|v| Py::new(py, v))
            .transpose()?;
        let aspas = ds
            .aspas()
            .map(|set| {
                Py::new(
                    py,
                    PyAspaSet {
                        set: Arc::clone(set),
                    },
                )
            })
            .transpose()?;
        let irr = ds
            .irr()
            .map(|db| {
                Py::new(
                    py,
                    PyIrrDb {
                        db: Arc::clone(db),
                        // As `IrrDb.from_files` lists them: the input named
                        // when there are several.
                        warnings: ds
                            .warnings()
                            .iter()
                            .filter(|w| names.irr.iter().any(|n| **n == *w.input))
                            .map(|w| {
                                if names.irr.len() > 1 {
                                    w.to_string()
                                } else {
                                    w.warning.to_string()
                                }
                            })
                            .collect(),
                    },
                )
            })
            .transpose()?;
        let relations = ds
            .relations()
            .map(|rel| {
                Py::new(
                    py,
                    PyAsRelations {
                        rel: Arc::clone(rel),
                    },
                )
            })
            .transpose()?;
        let bogons = Py::new(py, PyBogons::shared(Arc::clone(ds.bogons())))?;
        Ok(PyDataset {
            ds,
            vrps,
            aspas,
            irr,
            relations,
            bogons,
        })
    }
}

#[pymethods]
impl PyDataset {
    /// Loads everything given, in one call (without the GIL): `vrps` a
    /// validator export in any format the `VrpSet` loaders read (its ASPAs
    /// are the dataset's ASPAs); `slurm` an RFC 8416 SLURM file applied to
    /// it; `irr` an RPSL dump or a list of dumps, each a path or a
    /// `(source, path)` pair; `asrel` a CAIDA as-rel file; `bogons` a list
    /// of bogon prefix lists (beside the built-in registries). Each input
    /// is a path (`str`, `os.PathLike`; gzip, bzip2, xz and zstd are
    /// recognised by content, whatever the file is called) or the contents
    /// (`bytes`, `bytearray`). `strict=False` (the default) makes the
    /// payloads AND the IRR dumps lenient (bad records and objects skipped,
    /// listed in `warnings`); `strict=True` makes both strict (the first
    /// bad record raises). `vrp_format` names the VRP file's format instead
    /// of sniffing it; `irr_preference` orders the IRR sources. For the
    /// MANRS evaluation (`manrs_check`): `peeringdb` PeeringDB API pages
    /// (`{"data": [...]}` of `net`, `poc` or `org` objects), one or a list,
    /// merged; `sav_facts` the operator's anti-spoofing facts file;
    /// `spoofer` CAIDA Spoofer results (API JSON or CSV), one or a list.
    ///
    /// `rtr` (`"host:port"`, instead of `vrps`) loads the payloads (VRPs,
    /// router keys, ASPAs) from an RPKI-to-Router cache (RFC 8210; 8210bis
    /// version 2 with ASPA): one connection, one full reset, then it
    /// disconnects; SLURM applies as to a file. `rtr_options` is a dict of
    /// `version` (0, 1 or 2: pinned, no downgrade; default: from 2 down),
    /// `connect_timeout` and `response_timeout` (seconds; 10 and 60),
    /// `aspa_layout` (`"auto"`, `"bis10"`, `"bis14"`). To keep following
    /// the cache, see `RtrClient`.
    ///
    /// Raises `ParseError` (with `line`), `SlurmError` or
    /// `RouteguardIoError` (an `OSError`; `FileNotFoundError` for a missing
    /// file), the message naming the input; `RtrError` (code `connect`,
    /// `timeout`, `closed`, ...) when the RTR load fails, the message
    /// naming `rtr://host:port`.
    #[new]
    #[pyo3(signature = (*, vrps = None, slurm = None, irr = None, asrel = None, bogons = None, peeringdb = None, sav_facts = None, spoofer = None, strict = false, vrp_format = None, irr_preference = None, rtr = None, rtr_options = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        vrps: Option<&Bound<'_, PyAny>>,
        slurm: Option<&Bound<'_, PyAny>>,
        irr: Option<&Bound<'_, PyAny>>,
        asrel: Option<&Bound<'_, PyAny>>,
        bogons: Option<&Bound<'_, PyAny>>,
        peeringdb: Option<&Bound<'_, PyAny>>,
        sav_facts: Option<&Bound<'_, PyAny>>,
        spoofer: Option<&Bound<'_, PyAny>>,
        strict: bool,
        vrp_format: Option<&str>,
        irr_preference: Option<Vec<String>>,
        rtr: Option<&str>,
        rtr_options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        if rtr.is_none() && rtr_options.is_some() {
            return Err(PyValueError::new_err("rtr_options without rtr"));
        }
        let args = Args {
            vrps,
            rtr: rtr.map(|server| (server, rtr_options)),
            slurm,
            irr,
            asrel,
            bogons,
            peeringdb,
            sav_facts,
            spoofer,
            strict,
            vrp_format,
            irr_preference,
        };
        Self::build(py, builder(args, false)?)
    }

    /// As `Dataset(...)`, from contents (`str`, `bytes` or `bytearray`)
    /// instead of paths: `irr` items are texts or `(source, text)` pairs,
    /// `bogons` items texts or `(name, text)` pairs, `peeringdb` and
    /// `spoofer` a text or a list of texts.
    #[staticmethod]
    #[pyo3(signature = (*, vrps = None, slurm = None, irr = None, asrel = None, bogons = None, peeringdb = None, sav_facts = None, spoofer = None, strict = false, vrp_format = None, irr_preference = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_text(
        py: Python<'_>,
        vrps: Option<&Bound<'_, PyAny>>,
        slurm: Option<&Bound<'_, PyAny>>,
        irr: Option<&Bound<'_, PyAny>>,
        asrel: Option<&Bound<'_, PyAny>>,
        bogons: Option<&Bound<'_, PyAny>>,
        peeringdb: Option<&Bound<'_, PyAny>>,
        sav_facts: Option<&Bound<'_, PyAny>>,
        spoofer: Option<&Bound<'_, PyAny>>,
        strict: bool,
        vrp_format: Option<&str>,
        irr_preference: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let args = Args {
            vrps,
            rtr: None,
            slurm,
            irr,
            asrel,
            bogons,
            peeringdb,
            sav_facts,
            spoofer,
            strict,
            vrp_format,
            irr_preference,
        };
        Self::build(py, builder(args, true)?)
    }

    /// Every check of one route received from a customer or lateral peer:
    /// what `routeguard path check --vrps V --aspa V --asrel R` says of it
    /// (`rov`, `aspa`, `bogon`/`bogon_word`, `leak`; None where the data
    /// was not given). `path`: str, `AsPath` or a sequence of ASNs;
    /// `neighbor`: the AS the route came from, if known.
    #[pyo3(signature = (prefix, path, neighbor = None, *, relaxed = false))]
    fn check(
        &self,
        prefix: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        neighbor: Option<&Bound<'_, PyAny>>,
        relaxed: bool,
    ) -> PyResult<PyRouteVerdict> {
        let prefix = convert::prefix(prefix, relaxed)?;
        let path: AsPath = as_path(path)?;
        let neighbor = opt_asn(neighbor)?;
        let verdict = self
            .ds
            .checker(Direction::Upstream)
            .check_from(&prefix, &path, neighbor);
        Ok(PyRouteVerdict {
            prefix,
            path,
            neighbor,
            verdict,
        })
    }

    /// The IRR check of one route (status per source, advice, and the RPKI
    /// state when VRPs were given); None when no IRR dump was given.
    /// `origin`: an AS number, None, or an AS path whose origin is taken (a
    /// path ending in an AS_SET has none, and matches no route object).
    #[pyo3(signature = (prefix, origin, *, relaxed = false))]
    fn check_irr(
        &self,
        prefix: &Bound<'_, PyAny>,
        origin: Option<&Bound<'_, PyAny>>,
        relaxed: bool,
    ) -> PyResult<Option<PyIrrCheck>> {
        let prefix = convert::prefix(prefix, relaxed)?;
        let origin = irr_origin(origin)?;
        Ok(self.ds.check_irr(&prefix, origin).map(PyIrrCheck))
    }

    /// RFC 6811 origin validation of one route; None when no VRP file was
    /// given. `origin`: int, str such as `"AS64500"`, or None.
    #[pyo3(signature = (prefix, origin, *, relaxed = false))]
    fn validate(
        &self,
        prefix: &Bound<'_, PyAny>,
        origin: &Bound<'_, PyAny>,
        relaxed: bool,
    ) -> PyResult<Option<PyValidationResult>> {
        let prefix = convert::prefix(prefix, relaxed)?;
        let origin = convert::origin(origin, relaxed)?;
        Ok(self
            .ds
            .validate(&prefix, origin)
            .map(|result| PyValidationResult {
                prefix,
                origin,
                result,
            }))
    }

    /// Judges an operator on the four MANRS actions (what `routeguard manrs
    /// check` says), without the GIL. `asns`: the operator's AS numbers, one
    /// or a list (`64500`, `"AS64500"`). `routes`: the BGP routes seen from
    /// outside: a path (`str` without a line break, or `os.PathLike`) of
    /// any route input routeguard reads (`PREFIX PATH` lines, `bgpdump -m`
    /// lines, CAIDA pfx2as, MRT RIB dumps and BGP4MP updates; gzip, bzip2,
    /// xz or zstd), its contents (`bytes`), route text (a `str` with line
    /// breaks), a list of lines, or a list of paths. `as_set`: the
    /// customer as-set (default: PeeringDB's `irr_as_set` of the net);
    /// `customers`: customers beyond the AS relationships; `thresholds`:
    /// `{"ready": 90, "aspiring": 50}` score cut-offs of the readiness
    /// labels. Rules whose data the dataset lacks are not evaluated.
    ///
    /// Raises `ManrsError` (code `manrs-no-operator`) without an ASN,
    /// `ModelError` for a bad ASN, and the input errors of `Dataset(...)`
    /// for a bad route input (`ParseError` with `line`; `MrtError` with
    /// `record` and `offset`, e.g. code `truncated` for a file cut short).
    #[pyo3(signature = (asns, routes, *, as_set = None, customers = None, thresholds = None))]
    fn manrs_check(
        &self,
        py: Python<'_>,
        asns: &Bound<'_, PyAny>,
        routes: &Bound<'_, PyAny>,
        as_set: Option<String>,
        customers: Option<&Bound<'_, PyAny>>,
        thresholds: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::manrs::PyManrsReport> {
        crate::manrs::check(py, &self.ds, asns, routes, as_set, customers, thresholds)
    }

    /// The MANRS Observatory metrics of every origin AS of a routing table
    /// (what `routeguard manrs observatory` writes), without the GIL:
    /// one `ObservatoryRow` per origin AS, sorted by ASN. `routes` as for
    /// `manrs_check`. `routeguard.manrs.observatory_csv(rows)` and
    /// `observatory_json(rows)` write them.
    fn manrs_observatory(
        &self,
        py: Python<'_>,
        routes: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<crate::manrs::PyObservatoryRow>> {
        crate::manrs::observatory(py, &self.ds, routes)
    }

    /// Runs bgpq4's command line `args` (`["-A", "-l", "CUST", "AS-FOO"]`)
    /// over the dataset's IRR dumps instead of IRRd (`-h` is ignored),
    /// without the GIL: `stdout`, `stderr` and `code` are byte for byte what
    /// bgpq4 1.9 prints and exits with for the same objects on an IRRd
    /// holding these dumps (`dialect="1.16"`: bgpq4 1.16's). Command lines
    /// bgpq4 refuses give its messages and exit status (no exception).
    /// `IRRD_SOURCES` is not read: give `-S`.
    ///
    /// Raises `ValueError` without IRR dumps, `FilterResolveError` (code
    /// `resolve-too-large`) when an expansion outgrows the limits.
    #[pyo3(signature = (args, *, dialect = "1.9"))]
    fn bgpq4(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        dialect: &str,
    ) -> PyResult<crate::filter::PyBgpq4Result> {
        crate::filter::bgpq4_local(py, &self.ds, args, dialect)
    }

    /// A customer prefix filter from the dataset's IRR dumps (what
    /// `routeguard filter --irr … --vrps …` builds), without the GIL.
    /// `objects`: ASNs (`AS64500`), as-sets (`AS-FOO`, `AS1:AS-FOO`,
    /// `RIPE::AS-FOO`), route-sets and prefixes, a list or one
    /// blank-separated `str`; `family` 4 or 6; `sources` the IRR sources in
    /// order (as bgpq4's `-S`); `max_len` drops longer prefixes. With the
    /// dataset's VRPs, RPKI-invalid (prefix, origin) pairs are dropped
    /// (`rpki="drop"`), kept and marked (`"tag"`), or not checked (None);
    /// `roa_as_route=True` adds the ROAs of the filter's ASNs as if they
    /// were route objects. `format`, `name` and `aggregate` are the
    /// defaults of `PrefixFilter.render()`.
    ///
    /// Raises `ValueError` without IRR dumps, `ModelError` for an unknown
    /// `rpki` or `format` word.
    #[pyo3(signature = (objects, *, family = 4, sources = None, rpki = Some("drop"), roa_as_route = false, max_len = None, format = "ios", name = "NN", aggregate = false))]
    #[allow(clippy::too_many_arguments)]
    fn prefix_list(
        &self,
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
    ) -> PyResult<crate::filter::PyPrefixFilter> {
        let args = crate::filter::FilterArgs::new(
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
        crate::filter::prefix_list_local(py, &self.ds, args)
    }

    /// Why each ASN and prefix is in `object`'s expansion (an as-set,
    /// route-set or ASN) in the dataset's IRR dumps: the chain of sets, the
    /// origin and the sources of each; sets missing, loops, sets beyond
    /// `max_depth` (bgpq4's `-L`). Without the GIL.
    ///
    /// Raises `ValueError` without IRR dumps.
    #[pyo3(signature = (object, *, family = 4, max_depth = None, sources = None))]
    fn explain(
        &self,
        py: Python<'_>,
        object: &str,
        family: u8,
        max_depth: Option<u32>,
        sources: Option<Vec<String>>,
    ) -> PyResult<crate::filter::PyExplanation> {
        crate::filter::explain_in(py, &self.ds, object, family, max_depth, sources)
    }

    /// Source address validation for single-homed customers whose prefixes
    /// are the dataset's: `customers` maps each customer-facing interface
    /// to the customer's AS number, whose IRR route(6) objects and ROAs
    /// give the prefixes (what `routeguard antispoof render --asn` does).
    /// Other arguments as for `routeguard.antispoof`. An interface whose
    /// customer has neither gets ACLs that drop everything.
    #[pyo3(signature = (customers, *, vendor = "ios", output = "urpf", hyper_aggregate = false, name = "SAV", filter_id = 1000))]
    #[allow(clippy::too_many_arguments)]
    fn antispoof(
        &self,
        py: Python<'_>,
        customers: &Bound<'_, pyo3::types::PyDict>,
        vendor: &str,
        output: &str,
        hyper_aggregate: bool,
        name: &str,
        filter_id: u32,
    ) -> PyResult<String> {
        crate::filter::antispoof_local(
            py,
            &self.ds,
            customers,
            (vendor, output, hyper_aggregate, name, filter_id),
        )
    }

    /// RFC 6811 origin validation of Arrow columns, without the GIL and
    /// without a Python object per row: `prefixes` a string array (utf8,
    /// large_utf8 or string_view), `origins` an integer array (any width;
    /// null: the route has no origin, as `validate(p, None)`), each a
    /// pyarrow Array or ChunkedArray, a Polars or pandas Series, or any
    /// object with `__arrow_c_array__`/`__arrow_c_stream__` (read without a
    /// copy); with `table` (a pyarrow Table or RecordBatch, a Polars or
    /// pandas DataFrame), they are column names in it. Returns a pyarrow
    /// `DictionaryArray` (int8 keys) of the state words `valid`, `invalid`,
    /// `not-found`, one per row; a null prefix gives null. With
    /// `reasons=True`, a `RecordBatch` of `state` and `reason` (`as`,
    /// `length`; null unless invalid). A malformed row (a prefix that
    /// `validate` would refuse, an origin outside 0..4294967295) raises
    /// `ModelError` naming the row (`errors="raise"`) or gives null
    /// (`errors="null"`). Raises `ValueError` without VRPs, `TypeError`
    /// for other column types.
    #[pyo3(signature = (prefixes, origins, *, table = None, relaxed = false, errors = "raise", reasons = false))]
    #[allow(clippy::too_many_arguments)]
    fn validate_arrow<'py>(
        &self,
        py: Python<'py>,
        prefixes: &Bound<'py, PyAny>,
        origins: &Bound<'py, PyAny>,
        table: Option<&Bound<'py, PyAny>>,
        relaxed: bool,
        errors: &str,
        reasons: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::validate_arrow(
            py, &self.ds, prefixes, origins, table, relaxed, errors, reasons,
        )
    }

    /// The IRR status of each route of Arrow columns (`check_irr(p,
    /// o).status`: `valid`, `covered`, `invalid-origin`, `not-found`),
    /// without the GIL; columns, `table`, `relaxed` and `errors` as for
    /// `validate_arrow`. A null origin matches no route object. Raises
    /// `ValueError` without IRR dumps.
    #[pyo3(signature = (prefixes, origins, *, table = None, relaxed = false, errors = "raise"))]
    fn check_irr_arrow<'py>(
        &self,
        py: Python<'py>,
        prefixes: &Bound<'py, PyAny>,
        origins: &Bound<'py, PyAny>,
        table: Option<&Bound<'py, PyAny>>,
        relaxed: bool,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::check_irr_arrow(py, &self.ds, prefixes, origins, table, relaxed, errors)
    }

    /// Every check of each route of Arrow columns (`check(p, path,
    /// neighbor)`, what `routeguard path check` prints), without the GIL:
    /// `paths` a string array of AS paths (`"64500 64501"`), `neighbors` an
    /// optional integer array (null: not known). Returns a pyarrow
    /// `RecordBatch` of dictionary columns `rov`, `aspa`, `bogon`, `leak`
    /// holding the CLI's words; a check whose data the dataset lacks (the
    /// CLI's `-`) and a null row are null. `table`, `relaxed` and `errors`
    /// as for `validate_arrow` (a malformed path is a malformed row).
    #[pyo3(signature = (prefixes, paths, neighbors = None, *, table = None, relaxed = false, errors = "raise"))]
    #[allow(clippy::too_many_arguments)]
    fn check_arrow<'py>(
        &self,
        py: Python<'py>,
        prefixes: &Bound<'py, PyAny>,
        paths: &Bound<'py, PyAny>,
        neighbors: Option<&Bound<'py, PyAny>>,
        table: Option<&Bound<'py, PyAny>>,
        relaxed: bool,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::check_arrow(
            py, &self.ds, prefixes, paths, neighbors, table, relaxed, errors,
        )
    }

    /// The payloads after SLURM, with their index (the same object each
    /// time, sharing the dataset's data); None without a VRP file.
    #[getter]
    fn vrps(&self, py: Python<'_>) -> Option<Py<PyVrpSet>> {
        self.vrps.as_ref().map(|v| v.clone_ref(py))
    }

    /// The VRP file's ASPAs by customer; None without a VRP file.
    #[getter]
    fn aspas(&self, py: Python<'_>) -> Option<Py<PyAspaSet>> {
        self.aspas.as_ref().map(|v| v.clone_ref(py))
    }

    /// The IRR database; None without IRR dumps.
    #[getter]
    fn irr(&self, py: Python<'_>) -> Option<Py<PyIrrDb>> {
        self.irr.as_ref().map(|v| v.clone_ref(py))
    }

    /// The AS relationships; None without an as-rel file.
    #[getter]
    fn relations(&self, py: Python<'_>) -> Option<Py<PyAsRelations>> {
        self.relations.as_ref().map(|v| v.clone_ref(py))
    }

    /// The bogon checker: the built-in registries plus the lists given.
    /// Lists added to it later with `add_list` are its own (copy on write):
    /// `check` keeps the dataset's.
    #[getter]
    fn bogons(&self, py: Python<'_>) -> Py<PyBogons> {
        self.bogons.clone_ref(py)
    }

    /// Lenient loading's warnings, each `INPUT: line N: message`.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.ds.warnings().iter().map(ToString::to_string).collect()
    }

    /// The format the VRP file was read as; None without a VRP file.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.ds.vrp_format().map(|f| f.name())
    }

    fn __repr__(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = self.ds.vrps() {
            parts.push(format!("{} VRPs, {} ASPAs", v.vrps.len(), v.aspas.len()));
        }
        if let Some(db) = self.ds.irr() {
            parts.push(format!("{} IRR objects", db.len()));
        }
        if let Some(rel) = self.ds.relations() {
            parts.push(format!("{} AS relationships", rel.len()));
        }
        if !self.ds.warnings().is_empty() {
            parts.push(format!("{} warnings", self.ds.warnings().len()));
        }
        if parts.is_empty() {
            "<Dataset bogons only>".to_owned()
        } else {
            format!("<Dataset {}>", parts.join(", "))
        }
    }
}
