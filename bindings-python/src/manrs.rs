//! The MANRS evaluation (core `manrs` and `render::manrs`): `Dataset.manrs_check`
//! → `ManrsReport` (findings, rule outcomes, metrics, action summaries,
//! remedies; JSON, Markdown, HTML, text; remedy files), and
//! `Dataset.manrs_observatory` → `ObservatoryRow`s (CSV, JSON).
//!
//! Thin: route inputs become core `Input`s read by `RouteTable::read`
//! (text, `bgpdump -m`, CAIDA pfx2as, MRT; compressed or not), the
//! operator becomes an `Operator`, and the core runs without the GIL.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyString};

use routeguard::dataset::routes::RouteOptions;
use routeguard::dataset::{Dataset, Input, InputError};
use routeguard::manrs::{
    self, ActionSummary, Finding, Metrics, ObservatoryRow, Operator, Options, Outcome, Remedies,
    Report, RouteFilter, RouteTable, Rule, RuleOutcome, Subject, Thresholds,
};
use routeguard::render::manrs::{
    observatory_to_string, remedy_files, report_to_string, ObservatoryFormat, ReportFormat,
};
use routeguard::{Asn, ModelError};

use crate::convert;
use crate::errors;
use crate::types::PyVrp;

/// Why a MANRS call failed, carried out of the GIL-free section.
enum Fail {
    Input(InputError),
    Manrs(manrs::ManrsError),
}

impl Fail {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Fail::Input(e) => errors::input_error(py, &e),
            Fail::Manrs(e) => errors::manrs_error(py, &e),
        }
    }
}

fn is_path_like(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let fspath = obj.py().import("os")?.getattr("PathLike")?;
    obj.is_instance(&fspath)
}

/// The route inputs of `routes=`: a `str` with a line break (or empty) is
/// route text, any other `str` or an `os.PathLike` a file, `bytes` the
/// contents of a file; a list (any iterable) of `str` is lines, a list of
/// paths or `bytes` several inputs read in order.
fn route_inputs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.is_empty() || s.contains('\n') {
            return Ok(vec![Input::text("routes", s.into_owned())]);
        }
        return Ok(vec![Input::path(s.into_owned())]);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() || is_path_like(obj)?
    {
        return Ok(vec![crate::dataset::input(obj, "routes", false)?]);
    }
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(
            "routes must be a path (str, os.PathLike), route text (str with line breaks), \
             bytes, or a list of lines or of paths",
        )
    })?;
    let mut lines = String::new();
    let mut n_lines = 0usize;
    let mut inputs = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        if let Ok(s) = item.cast::<PyString>() {
            lines.push_str(&s.to_cow()?);
            lines.push('\n');
            n_lines += 1;
        } else {
            inputs.push(crate::dataset::input(
                &item,
                &format!("routes[{i}]"),
                false,
            )?);
        }
        if n_lines > 0 && !inputs.is_empty() {
            return Err(PyTypeError::new_err(
                "routes: a list holds lines (str) or inputs (os.PathLike, bytes), not both",
            ));
        }
    }
    if inputs.is_empty() {
        inputs.push(Input::text("routes", lines));
    }
    Ok(inputs)
}

/// AS numbers: one (`int`, `"AS64500"`) or an iterable of them.
fn asn_list(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Asn>> {
    let Some(obj) = obj else {
        return Ok(Vec::new());
    };
    if obj.is_none() {
        return Ok(Vec::new());
    }
    if obj.is_instance_of::<PyString>()
        || (obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>())
    {
        return Ok(vec![convert::asn(obj, false)?]);
    }
    let items = obj
        .try_iter()
        .map_err(|_| PyTypeError::new_err("ASNs must be an int, a str or an iterable of them"))?;
    items
        .map(|item| convert::asn(&item?, false))
        .collect::<PyResult<Vec<Asn>>>()
}

/// `{"ready": 90, "aspiring": 50}`, either key optional.
fn thresholds(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Thresholds> {
    let mut t = Thresholds::default();
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(t);
    };
    let dict = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err("thresholds must be a dict with 'ready' and/or 'aspiring'")
    })?;
    for (k, v) in dict.iter() {
        let key: String = k.extract()?;
        let value: f64 = v.extract()?;
        match key.as_str() {
            "ready" => t.ready = value,
            "aspiring" => t.aspiring = value,
            other => {
                return Err(PyTypeError::new_err(format!(
                    "unknown threshold {other:?} (expected 'ready' or 'aspiring')"
                )))
            }
        }
    }
    Ok(t)
}

/// Reads every route input into `table` and finishes it.
fn read_table(mut table: RouteTable, inputs: Vec<Input>) -> Result<RouteTable, InputError> {
    let opts = RouteOptions::default();
    for input in inputs {
        table.read(input, &opts)?;
    }
    Ok(table.finish())
}

/// `Dataset.manrs_check`: see its docs in `dataset.rs`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check(
    py: Python<'_>,
    ds: &Dataset,
    asns: &Bound<'_, PyAny>,
    routes: &Bound<'_, PyAny>,
    as_set: Option<String>,
    customers: Option<&Bound<'_, PyAny>>,
    thresholds_obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyManrsReport> {
    let mut op = Operator::new(asn_list(Some(asns))?).with_customers(asn_list(customers)?);
    if let Some(s) = as_set {
        op = op.with_as_set(s);
    }
    let opts = Options {
        thresholds: thresholds(thresholds_obj)?,
    };
    let inputs = route_inputs(routes)?;
    let report = py
        .detach(move || {
            let table = read_table(RouteTable::new(RouteFilter::through(&op.asns)), inputs)
                .map_err(Fail::Input)?;
            manrs::check(ds, &op, &table, &opts).map_err(Fail::Manrs)
        })
        .map_err(|e| e.into_py(py))?;
    Ok(PyManrsReport {
        report: Arc::new(report),
    })
}

/// `Dataset.manrs_observatory`: see its docs in `dataset.rs`.
pub(crate) fn observatory(
    py: Python<'_>,
    ds: &Dataset,
    routes: &Bound<'_, PyAny>,
) -> PyResult<Vec<PyObservatoryRow>> {
    let inputs = route_inputs(routes)?;
    let rows = py
        .detach(move || {
            read_table(RouteTable::new(RouteFilter::All), inputs)
                .map(|table| manrs::observatory(ds, &table))
        })
        .map_err(|e| errors::input_error(py, &e))?;
    Ok(rows.into_iter().map(PyObservatoryRow).collect())
}

fn rule_arg(py: Python<'_>, rule: &str) -> PyResult<Rule> {
    rule.parse::<Rule>()
        .map_err(|e| errors::model_error(py, &ModelError::UnknownWord(e)))
}

fn seen(spans: &[manrs::Span]) -> Vec<(i64, i64)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

fn opt_str(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("{s:?}"),
        None => "None".to_owned(),
    }
}

/// A MANRS report: what `routeguard manrs check` says of an operator.
#[pyclass(module = "routeguard", name = "ManrsReport", frozen)]
pub(crate) struct PyManrsReport {
    report: Arc<Report>,
}

#[pymethods]
impl PyManrsReport {
    /// The operator's ASNs, sorted.
    #[getter]
    fn asns(&self) -> Vec<u32> {
        self.report.operator.asns.iter().map(|a| a.get()).collect()
    }

    /// The customers given (`customers=`), sorted.
    #[getter]
    fn customers(&self) -> Vec<u32> {
        self.report
            .operator
            .customers
            .iter()
            .map(|a| a.get())
            .collect()
    }

    /// The customer as-set used (given, or PeeringDB's `irr_as_set`).
    #[getter]
    fn as_set(&self) -> Option<String> {
        self.report.as_set.clone()
    }

    /// Whether every evaluated action conforms (the CLI's exit 0).
    #[getter]
    fn conformant(&self) -> bool {
        self.report.conformant()
    }

    /// Every finding, sorted by rule, then subject.
    #[getter]
    fn findings(&self) -> Vec<PyManrsFinding> {
        self.report
            .findings
            .iter()
            .cloned()
            .map(PyManrsFinding)
            .collect()
    }

    /// Every rule, in report order, with its outcome (evaluated, or not
    /// evaluated and why).
    #[getter]
    fn rules(&self) -> Vec<PyManrsRuleOutcome> {
        self.report
            .rules
            .iter()
            .cloned()
            .map(PyManrsRuleOutcome)
            .collect()
    }

    /// The metrics (the JSON report's `metrics`).
    #[getter]
    fn metrics(&self) -> PyManrsMetrics {
        PyManrsMetrics(self.report.metrics.clone())
    }

    /// One summary per action, in MANRS order.
    #[getter]
    fn actions(&self) -> Vec<PyManrsAction> {
        self.report
            .actions
            .iter()
            .cloned()
            .map(PyManrsAction)
            .collect()
    }

    /// What to create or change.
    #[getter]
    fn remedies(&self) -> PyManrsRemedies {
        PyManrsRemedies(self.report.remedies.clone())
    }

    /// Routes judged: `{"own": n, "customer": n, "seen": n}`.
    #[getter]
    fn routes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let [own, customer, seen] = self.report.routes;
        let d = PyDict::new(py);
        d.set_item("own", own)?;
        d.set_item("customer", customer)?;
        d.set_item("seen", seen)?;
        Ok(d)
    }

    /// The findings of one rule (`"filtering/own-rpki-invalid"`).
    fn findings_of(&self, py: Python<'_>, rule: &str) -> PyResult<Vec<PyManrsFinding>> {
        let rule = rule_arg(py, rule)?;
        Ok(self
            .report
            .findings_of(rule)
            .cloned()
            .map(PyManrsFinding)
            .collect())
    }

    /// The outcome of one rule.
    fn outcome(&self, py: Python<'_>, rule: &str) -> PyResult<Option<PyManrsRuleOutcome>> {
        let rule = rule_arg(py, rule)?;
        Ok(self
            .report
            .rules
            .iter()
            .find(|r| r.rule == rule)
            .cloned()
            .map(PyManrsRuleOutcome))
    }

    /// The summary of one action (`"filtering"`, `"anti-spoofing"`,
    /// `"coordination"`, `"global-validation"`).
    fn action(&self, py: Python<'_>, action: &str) -> PyResult<Option<PyManrsAction>> {
        let action = action
            .parse::<manrs::Action>()
            .map_err(|e| errors::model_error(py, &ModelError::UnknownWord(e)))?;
        Ok(self.report.action(action).cloned().map(PyManrsAction))
    }

    /// The report in `format`: `text`, `json`, `markdown` or `html`.
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        let format = format
            .parse::<ReportFormat>()
            .map_err(|e| errors::model_error(py, &ModelError::UnknownWord(e)))?;
        Ok(self.rendered(py, format))
    }

    /// The JSON report (schema `routeguard-manrs/1`, `routeguard.manrs.JSON_SCHEMA`).
    fn to_json(&self, py: Python<'_>) -> String {
        self.rendered(py, ReportFormat::Json)
    }

    /// The report as Markdown, for tickets.
    fn to_markdown(&self, py: Python<'_>) -> String {
        self.rendered(py, ReportFormat::Markdown)
    }

    /// The report as one self-contained HTML file (no network access).
    fn to_html(&self, py: Python<'_>) -> String {
        self.rendered(py, ReportFormat::Html)
    }

    /// The report as compact text for a terminal.
    fn to_text(&self, py: Python<'_>) -> String {
        self.rendered(py, ReportFormat::Text)
    }

    /// The remedy artifacts as files: name → contents (`route-objects.rpsl`,
    /// `roas.csv`, `roas.slurm.json`, `roas-to-replace.csv`,
    /// `as-set-members.txt`, `as-set-members.rpsl`, `aut-num.rpsl`,
    /// `README.txt`); empty when there is nothing to do.
    fn remedy_files<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        files_dict(py, &self.report.remedies)
    }

    fn __repr__(&self) -> String {
        let asns: Vec<String> = self
            .report
            .operator
            .asns
            .iter()
            .map(ToString::to_string)
            .collect();
        format!(
            "<ManrsReport {}: {}, {} findings>",
            asns.join(" "),
            if self.report.conformant() {
                "conformant"
            } else {
                "not conformant"
            },
            self.report.findings.len()
        )
    }

    fn __str__(&self, py: Python<'_>) -> String {
        self.rendered(py, ReportFormat::Text)
    }
}

impl PyManrsReport {
    fn rendered(&self, py: Python<'_>, format: ReportFormat) -> String {
        let report = Arc::clone(&self.report);
        py.detach(move || report_to_string(&report, format))
    }
}

fn files_dict<'py>(py: Python<'py>, remedies: &Remedies) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, bytes) in remedy_files(remedies) {
        d.set_item(name, PyBytes::new(py, &bytes))?;
    }
    Ok(d)
}

/// One MANRS finding: a rule firing for one subject, with its evidence and
/// remedy.
#[pyclass(module = "routeguard", name = "ManrsFinding", frozen)]
pub(crate) struct PyManrsFinding(Finding);

#[pymethods]
impl PyManrsFinding {
    /// The rule's stable ID (`filtering/own-rpki-invalid`).
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule.as_str()
    }

    /// The rule's action (`filtering`, `anti-spoofing`, `coordination`,
    /// `global-validation`).
    #[getter]
    fn action(&self) -> &'static str {
        self.0.action().as_str()
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity().as_str()
    }

    /// What the finding is about, as text (`192.0.2.0/24 AS64500`, `AS64500`,
    /// `edge1 xe-0/0/1`, `192.0.2.0/16-24 AS64500`).
    #[getter]
    fn subject(&self) -> String {
        self.0.subject.to_string()
    }

    /// The prefix of a route, prefix or VRP subject.
    #[getter]
    fn prefix(&self) -> Option<String> {
        self.0.prefix().map(|p| p.to_string())
    }

    /// The maxLength of a VRP subject.
    #[getter]
    fn max_length(&self) -> Option<u8> {
        match self.0.subject {
            Subject::Vrp { max_length, .. } => Some(max_length),
            _ => None,
        }
    }

    /// The AS the finding concerns: a route's origin, a VRP's ASN, else the
    /// AS it is about.
    #[getter]
    fn asn(&self) -> Option<u32> {
        self.0.asn.map(|a| a.get())
    }

    /// `(device, name)` of an interface subject.
    #[getter]
    fn interface(&self) -> Option<(Option<String>, String)> {
        match &self.0.subject {
            Subject::Interface { device, name } => Some((device.clone(), name.clone())),
            _ => None,
        }
    }

    /// One sentence saying what is wrong.
    #[getter]
    fn message(&self) -> String {
        self.0.message.clone()
    }

    /// The facts that made the rule fire.
    #[getter]
    fn evidence(&self) -> Vec<String> {
        self.0.evidence.clone()
    }

    /// What to do about it.
    #[getter]
    fn remedy(&self) -> String {
        self.0.remedy.clone()
    }

    /// When the subject was seen: `(start, end)` in Unix seconds (routes of
    /// timestamped inputs; empty otherwise).
    #[getter]
    fn seen(&self) -> Vec<(i64, i64)> {
        seen(&self.0.spans)
    }

    fn __repr__(&self) -> String {
        format!(
            "<ManrsFinding {} {} {}>",
            self.0.severity(),
            self.0.rule,
            self.0.subject
        )
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// What became of one rule: evaluated (with its number of findings), or
/// not evaluated and why (its data was not given).
#[pyclass(module = "routeguard", name = "ManrsRuleOutcome", frozen)]
pub(crate) struct PyManrsRuleOutcome(RuleOutcome);

#[pymethods]
impl PyManrsRuleOutcome {
    /// The rule's stable ID.
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule.as_str()
    }

    /// The rule's action.
    #[getter]
    fn action(&self) -> &'static str {
        self.0.rule.action().as_str()
    }

    /// The rule's severity.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.rule.severity().as_str()
    }

    /// Whether the rule ran.
    #[getter]
    fn evaluated(&self) -> bool {
        self.0.evaluated()
    }

    /// Its findings when evaluated, else None.
    #[getter]
    fn findings(&self) -> Option<usize> {
        match self.0.outcome {
            Outcome::Evaluated { findings } => Some(findings),
            Outcome::NotEvaluated { .. } => None,
        }
    }

    /// Why it was not evaluated (what is missing), else None.
    #[getter]
    fn reason(&self) -> Option<String> {
        match &self.0.outcome {
            Outcome::Evaluated { .. } => None,
            Outcome::NotEvaluated { reason } => Some(reason.clone()),
        }
    }

    /// The rule's documentation (Markdown: What, Why, Evidence, Remedy).
    #[getter]
    fn doc(&self) -> &'static str {
        self.0.rule.doc()
    }

    fn __repr__(&self) -> String {
        match &self.0.outcome {
            Outcome::Evaluated { findings } => {
                format!("<ManrsRuleOutcome {}: {findings} findings>", self.0.rule)
            }
            Outcome::NotEvaluated { reason } => format!(
                "<ManrsRuleOutcome {}: not evaluated ({reason})>",
                self.0.rule
            ),
        }
    }
}

/// One action's verdict: conformance, score, readiness label.
#[pyclass(module = "routeguard", name = "ManrsAction", frozen)]
pub(crate) struct PyManrsAction(ActionSummary);

#[pymethods]
impl PyManrsAction {
    /// `filtering`, `anti-spoofing`, `coordination`, `global-validation`.
    #[getter]
    fn action(&self) -> &'static str {
        self.0.action.as_str()
    }

    /// The action's number (1–4).
    #[getter]
    fn number(&self) -> u8 {
        self.0.action.number()
    }

    /// The action's name as MANRS writes it.
    #[getter]
    fn title(&self) -> &'static str {
        self.0.action.title()
    }

    /// Whether MANRS participation requires it (1, 3, 4).
    #[getter]
    fn required(&self) -> bool {
        self.0.action.required()
    }

    /// Whether any of its rules ran.
    #[getter]
    fn evaluated(&self) -> bool {
        self.0.evaluated
    }

    /// Whether the operator conforms; None when not evaluated.
    #[getter]
    fn conformant(&self) -> Option<bool> {
        self.0.conformant
    }

    /// A score, 0–100; None when not evaluated.
    #[getter]
    fn score(&self) -> Option<f64> {
        self.0.score
    }

    /// `ready`, `aspiring` or `lagging`; None without a score.
    #[getter]
    fn readiness(&self) -> Option<&'static str> {
        self.0.readiness.map(|r| r.as_str())
    }

    /// How the score was computed.
    #[getter]
    fn basis(&self) -> String {
        self.0.basis.clone()
    }

    /// Its findings by severity: `{"error": n, "warning": n, "info": n}`.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let [error, warning, info] = self.0.counts;
        let d = PyDict::new(py);
        d.set_item("error", error)?;
        d.set_item("warning", warning)?;
        d.set_item("info", info)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let verdict = match self.0.conformant {
            Some(true) => "conformant",
            Some(false) => "not conformant",
            None => "not evaluated",
        };
        format!(
            "<ManrsAction {} {}: {verdict}>",
            self.0.action.number(),
            self.0.action
        )
    }
}

/// The metrics of a report; the attributes are the JSON report's
/// `metrics` keys.
#[pyclass(module = "routeguard", name = "ManrsMetrics", frozen)]
pub(crate) struct PyManrsMetrics(Metrics);

#[pymethods]
impl PyManrsMetrics {
    /// M7IRR: registered own routes / own routes, 0–1 (with IRR data).
    #[getter]
    fn m7irr(&self) -> Option<f64> {
        self.0.m7irr
    }

    /// M7RPKI: max(0, valid share − 10 × invalid share), 0–1 (with VRPs).
    #[getter]
    fn m7rpki(&self) -> Option<f64> {
        self.0.m7rpki
    }

    /// M3: own routes with a bogon prefix.
    #[getter]
    fn m3(&self) -> usize {
        self.0.m3
    }

    /// M3C: customer routes with a bogon prefix.
    #[getter]
    fn m3c(&self) -> usize {
        self.0.m3c
    }

    /// M4: routes whose AS right of the operator is a bogon ASN.
    #[getter]
    fn m4(&self) -> usize {
        self.0.m4
    }

    /// M4C: customer routes with a bogon ASN right of the customer.
    #[getter]
    fn m4c(&self) -> usize {
        self.0.m4c
    }

    /// M5, 0–100 (with Spoofer results).
    #[getter]
    fn m5(&self) -> Option<f64> {
        self.0.m5
    }

    /// Distinct own routes.
    #[getter]
    fn own_routes(&self) -> usize {
        self.0.own_routes
    }

    /// Distinct customer routes.
    #[getter]
    fn customer_routes(&self) -> usize {
        self.0.customer_routes
    }

    /// Own routes `{"valid": n, "invalid": n, "not_found": n}` (with VRPs).
    #[getter]
    fn rpki<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some([valid, invalid, not_found]) = self.0.rpki else {
            return Ok(None);
        };
        let d = PyDict::new(py);
        d.set_item("valid", valid)?;
        d.set_item("invalid", invalid)?;
        d.set_item("not_found", not_found)?;
        Ok(Some(d))
    }

    /// Own routes registered in the IRR (with IRR data).
    #[getter]
    fn irr_registered(&self) -> Option<usize> {
        self.0.irr_registered
    }

    /// Share of own routes IRR-registered or RPKI valid, 0–1.
    #[getter]
    fn registered_or_valid(&self) -> Option<f64> {
        self.0.registered_or_valid
    }

    /// CAIDA's Action 1 test.
    #[getter]
    fn caida_action1(&self) -> Option<bool> {
        self.0.caida_action1
    }

    /// CAIDA's Action 4 test.
    #[getter]
    fn caida_action4(&self) -> Option<bool> {
        self.0.caida_action4
    }

    /// Incidents per rule and month (timestamped routes): dicts with
    /// `rule`, `month` (`YYYY-MM`), `count`, `score`.
    #[getter]
    fn incidents<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .incidents
            .iter()
            .map(|i| {
                let d = PyDict::new(py);
                d.set_item("rule", i.rule.as_str())?;
                d.set_item("month", &i.month)?;
                d.set_item("count", i.count)?;
                d.set_item("score", i.score)?;
                Ok(d)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        let f = |v: Option<f64>| v.map_or_else(|| "None".to_owned(), |v| format!("{v:.3}"));
        format!(
            "<ManrsMetrics own_routes={} m7irr={} m7rpki={} m3={} m4={}>",
            self.0.own_routes,
            f(self.0.m7irr),
            f(self.0.m7rpki),
            self.0.m3,
            self.0.m4
        )
    }
}

/// The remedies of a report: what to create or change.
#[pyclass(module = "routeguard", name = "ManrsRemedies", frozen)]
pub(crate) struct PyManrsRemedies(Remedies);

#[pymethods]
impl PyManrsRemedies {
    /// route/route6 objects to create: `(prefix, origin)`.
    #[getter]
    fn route_objects(&self) -> Vec<(String, u32)> {
        self.0
            .route_objects
            .iter()
            .map(|(p, a)| (p.to_string(), a.get()))
            .collect()
    }

    /// ROAs to create (maxLength = prefix length): dicts with `prefix`,
    /// `max_length`, `asn`, `rule`.
    #[getter]
    fn roas<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .roas
            .iter()
            .map(|r| {
                let d = PyDict::new(py);
                d.set_item("prefix", r.prefix.to_string())?;
                d.set_item("max_length", r.max_length)?;
                d.set_item("asn", r.asn.get())?;
                d.set_item("rule", r.rule.as_str())?;
                Ok(d)
            })
            .collect()
    }

    /// VRPs with a loose maxLength that the suggested ROAs replace.
    #[getter]
    fn roas_to_replace(&self) -> Vec<PyVrp> {
        self.0.roas_to_replace.iter().cloned().map(PyVrp).collect()
    }

    /// The customer as-set, when known.
    #[getter]
    fn as_set(&self) -> Option<String> {
        self.0.as_set.clone()
    }

    /// ASNs to add to it.
    #[getter]
    fn as_set_members(&self) -> Vec<u32> {
        self.0.as_set_members.iter().map(|a| a.get()).collect()
    }

    /// aut-nums to create or complete: dicts with `asn`, `providers`,
    /// `peers`, `customers`, `as_set`.
    #[getter]
    fn aut_nums<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let nums = |v: &[Asn]| v.iter().map(|a| a.get()).collect::<Vec<u32>>();
        self.0
            .aut_nums
            .iter()
            .map(|a| {
                let d = PyDict::new(py);
                d.set_item("asn", a.asn.get())?;
                d.set_item("providers", nums(&a.providers))?;
                d.set_item("peers", nums(&a.peers))?;
                d.set_item("customers", nums(&a.customers))?;
                d.set_item("as_set", a.as_set.clone())?;
                Ok(d)
            })
            .collect()
    }

    /// The artifacts as files: name → contents (see
    /// `ManrsReport.remedy_files`).
    fn files<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        files_dict(py, &self.0)
    }

    fn __bool__(&self) -> bool {
        !self.0.is_empty()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ManrsRemedies {} route objects, {} ROAs, {} as-set members, {} aut-nums, as_set={}>",
            self.0.route_objects.len(),
            self.0.roas.len(),
            self.0.as_set_members.len(),
            self.0.aut_nums.len(),
            opt_str(&self.0.as_set)
        )
    }
}

/// The MANRS Observatory metrics of one origin AS of a routing table; the
/// attributes are the observatory CSV's columns.
#[pyclass(module = "routeguard", name = "ObservatoryRow", frozen)]
#[derive(Clone)]
pub(crate) struct PyObservatoryRow(ObservatoryRow);

#[pymethods]
impl PyObservatoryRow {
    /// The origin AS.
    #[getter]
    fn asn(&self) -> u32 {
        self.0.asn.get()
    }

    /// Distinct prefixes it originates.
    #[getter]
    fn routes(&self) -> usize {
        self.0.routes
    }

    /// M7IRR, 0–1 (with IRR data).
    #[getter]
    fn m7irr(&self) -> Option<f64> {
        self.0.m7irr
    }

    /// M7RPKI, 0–1 (with VRPs).
    #[getter]
    fn m7rpki(&self) -> Option<f64> {
        self.0.m7rpki
    }

    /// Its routes RPKI valid (with VRPs).
    #[getter]
    fn rpki_valid(&self) -> Option<usize> {
        self.0.rpki.map(|[v, _, _]| v)
    }

    /// Its routes RPKI invalid (with VRPs).
    #[getter]
    fn rpki_invalid(&self) -> Option<usize> {
        self.0.rpki.map(|[_, i, _]| i)
    }

    /// Its routes RPKI not-found (with VRPs).
    #[getter]
    fn rpki_not_found(&self) -> Option<usize> {
        self.0.rpki.map(|[_, _, n]| n)
    }

    /// Its routes registered in the IRR (with IRR data).
    #[getter]
    fn irr_registered(&self) -> Option<usize> {
        self.0.irr_registered
    }

    /// M3: its routes with a bogon prefix.
    #[getter]
    fn m3(&self) -> usize {
        self.0.m3
    }

    /// M4: routes in whose path it passed on a bogon ASN.
    #[getter]
    fn m4(&self) -> usize {
        self.0.m4
    }

    /// CAIDA Action 1 (needs VRPs, AS relationships and paths).
    #[getter]
    fn caida_action1(&self) -> Option<bool> {
        self.0.caida_action1
    }

    /// CAIDA Action 4 (needs VRPs or IRR data).
    #[getter]
    fn caida_action4(&self) -> Option<bool> {
        self.0.caida_action4
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyObservatoryRow>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        let f = |v: Option<f64>| v.map_or_else(|| "None".to_owned(), |v| format!("{v}"));
        format!(
            "<ObservatoryRow AS{} routes={} m7irr={} m7rpki={} m3={} m4={}>",
            self.0.asn.get(),
            self.0.routes,
            f(self.0.m7irr),
            f(self.0.m7rpki),
            self.0.m3,
            self.0.m4
        )
    }
}

fn rows_of(rows: &Bound<'_, PyAny>) -> PyResult<Vec<ObservatoryRow>> {
    convert::each(rows, |item| {
        item.cast::<PyObservatoryRow>()
            .map(|r| r.get().0.clone())
            .map_err(|_| PyTypeError::new_err("rows must be ObservatoryRow objects"))
    })
}

/// Observatory rows as CSV (header `asn,routes,m7irr,m7rpki,rpki_valid,…`;
/// ASNs as plain numbers, empty cells for absent values), in the order given.
#[pyfunction]
pub(crate) fn observatory_csv(rows: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(observatory_to_string(
        &rows_of(rows)?,
        ObservatoryFormat::Csv,
    ))
}

/// Observatory rows as JSON (an array of objects with the CSV's keys; ASNs
/// as `"AS<n>"`, `null` for absent values), in the order given.
#[pyfunction]
pub(crate) fn observatory_json(rows: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(observatory_to_string(
        &rows_of(rows)?,
        ObservatoryFormat::Json,
    ))
}

/// Every MANRS rule: dicts with `rule`, `action`, `severity`, `subject`
/// (`route`, `prefix`, `asn`, `interface`, `vrp`) and `doc` (Markdown).
#[pyfunction]
pub(crate) fn manrs_rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    Rule::ALL
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("rule", r.as_str())?;
            d.set_item("action", r.action().as_str())?;
            d.set_item("severity", r.severity().as_str())?;
            d.set_item(
                "subject",
                match r.subject_kind() {
                    manrs::SubjectKind::Route => "route",
                    manrs::SubjectKind::Prefix => "prefix",
                    manrs::SubjectKind::Asn => "asn",
                    manrs::SubjectKind::Interface => "interface",
                    manrs::SubjectKind::Vrp => "vrp",
                    _ => "other",
                },
            )?;
            d.set_item("doc", r.doc())?;
            Ok(d)
        })
        .collect()
}

/// Adds the classes, functions and constants to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyManrsReport>()?;
    m.add_class::<PyManrsFinding>()?;
    m.add_class::<PyManrsRuleOutcome>()?;
    m.add_class::<PyManrsAction>()?;
    m.add_class::<PyManrsMetrics>()?;
    m.add_class::<PyManrsRemedies>()?;
    m.add_class::<PyObservatoryRow>()?;
    m.add_function(wrap_pyfunction!(observatory_csv, m)?)?;
    m.add_function(wrap_pyfunction!(observatory_json, m)?)?;
    m.add_function(wrap_pyfunction!(manrs_rules, m)?)?;
    m.add("MANRS_SCHEMA", manrs::SCHEMA)?;
    m.add("MANRS_JSON_SCHEMA", routeguard::render::manrs::JSON_SCHEMA)?;
    Ok(())
}
