//! The MANRS evaluation (core `manrs`, `render::manrs`) in JS:
//! `dataset.manrsCheck(asns, routes, options)` → [`ManrsReport`],
//! `dataset.manrsObservatory(routes)` → [`ManrsObservatory`].
//!
//! Thin: the routes are read by core's `RouteTable::read` (text lines,
//! `bgpdump -m`, pfx2as; gzip'd bytes decompressed; MRT is host-only and
//! throws core's `mrt-not-built`), the core judges, and the JS objects are
//! the JSON report core renders (schema `routeguard-manrs/1`), keys in
//! camelCase, frozen.

use std::cell::OnceCell;

use js_sys::{Array, Object, Uint8Array};
use routeguard::dataset::routes::RouteOptions;
use routeguard::dataset::{Input, InputError};
use routeguard::manrs::{
    self, ManrsError, ObservatoryRow, Operator, Options, Report, RouteFilter, RouteTable,
    Thresholds,
};
use routeguard::render::manrs::{
    observatory_to_string, remedy_files, report_to_string, ObservatoryFormat, ReportFormat,
};
use routeguard::Asn;
use wasm_bindgen::prelude::*;

use crate::dataset::JsDataset;
use crate::{field, options_object};
use crate::{input_error, js_error, parse_origin, type_error};

#[wasm_bindgen(typescript_custom_section)]
const TS_MANRS: &'static str = r#"
/** Routes for `manrsCheck` / `manrsObservatory`: text (`PREFIX PATH…`
 * lines, `bgpdump -m` lines, CAIDA pfx2as), its bytes (gzip is
 * decompressed; MRT throws `mrt-not-built`: MRT is read on the host only),
 * or a list of lines. */
export type RouteInput = string | Uint8Array | ReadonlyArray<string>;

/** Options of `manrsCheck`. */
export interface ManrsCheckOptions {
  /** The operator's customer as-set (default: PeeringDB's `irr_as_set`). */
  asSet?: string | null;
  /** Customers beyond the AS relationships. */
  customers?: ReadonlyArray<AsnInput>;
  /** Score cut-offs (0–100) of the readiness labels; defaults 90 and 50. */
  thresholds?: { ready?: number; aspiring?: number };
}

export type ManrsActionName = "filtering" | "anti-spoofing" | "coordination" | "global-validation";
export type ManrsSeverity = "error" | "warning" | "info";

/** One rule firing for one subject (the JSON report's `findings[]`). */
export interface ManrsFinding {
  readonly rule: string;
  readonly action: ManrsActionName;
  readonly severity: ManrsSeverity;
  /** The prefix of a route, prefix or VRP subject. */
  readonly prefix: string | null;
  /** The maxLength of a VRP subject. */
  readonly maxLength: number | null;
  /** `"AS<n>"`: a route's origin, a VRP's ASN, else the AS it is about. */
  readonly asn: string | null;
  readonly subject: string;
  readonly interface: { readonly device: string | null; readonly name: string } | null;
  readonly message: string;
  readonly evidence: ReadonlyArray<string>;
  readonly remedy: string;
  /** When the route was announced (RFC 3339), from timestamped inputs. */
  readonly seen: ReadonlyArray<{ readonly start: string; readonly end: string }> | null;
}

/** A rule and its outcome; `reason` says why it was not evaluated. */
export interface ManrsRuleOutcome {
  readonly rule: string;
  readonly action: ManrsActionName;
  readonly severity: ManrsSeverity;
  readonly evaluated: boolean;
  readonly findings: number | null;
  readonly reason: string | null;
}

/** One action's verdict. */
export interface ManrsActionSummary {
  readonly action: ManrsActionName;
  readonly number: 1 | 2 | 3 | 4;
  readonly title: string;
  readonly required: boolean;
  readonly evaluated: boolean;
  readonly conformant: boolean | null;
  readonly score: number | null;
  readonly readiness: "ready" | "aspiring" | "lagging" | null;
  readonly basis: string;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
}

/** The metrics (the JSON report's `metrics`, camelCase). */
export interface ManrsMetrics {
  readonly m7irr: number | null;
  readonly m7rpki: number | null;
  readonly m3: number;
  readonly m3c: number;
  readonly m4: number;
  readonly m4c: number;
  readonly m5: number | null;
  readonly ownRoutes: number;
  readonly customerRoutes: number;
  readonly rpki: { readonly valid: number; readonly invalid: number; readonly notFound: number } | null;
  readonly irrRegistered: number | null;
  readonly registeredOrValid: number | null;
  readonly caidaAction1: boolean | null;
  readonly caidaAction4: boolean | null;
  readonly incidents: ReadonlyArray<{
    readonly rule: string; readonly month: string; readonly count: number; readonly score: number;
  }>;
}

/** What to create or change. */
export interface ManrsRemedies {
  readonly routeObjects: ReadonlyArray<{ readonly prefix: string; readonly origin: string }>;
  readonly roas: ReadonlyArray<{
    readonly prefix: string; readonly maxLength: number; readonly asn: string; readonly rule: string;
  }>;
  readonly roasToReplace: ReadonlyArray<{
    readonly prefix: string; readonly maxLength: number; readonly asn: string; readonly ta: string | null;
  }>;
  readonly asSet: string | null;
  readonly asSetMembers: ReadonlyArray<string>;
  readonly autNums: ReadonlyArray<{
    readonly asn: string;
    readonly providers: ReadonlyArray<string>;
    readonly peers: ReadonlyArray<string>;
    readonly customers: ReadonlyArray<string>;
    readonly asSet: string | null;
  }>;
}

/** The operator judged. */
export interface ManrsOperator {
  readonly asns: ReadonlyArray<string>;
  readonly asSet: string | null;
  readonly customers: ReadonlyArray<string>;
}

/** The JSON report (`toJSON()`), snake_case keys, schema `routeguard-manrs/1`. */
export interface ManrsReportJson {
  schema: "routeguard-manrs/1";
  [key: string]: unknown;
}

/** The MANRS Observatory metrics of one origin AS (the observatory JSON's
 * row, camelCase; `asn` is `"AS<n>"`). */
export interface ObservatoryRow {
  readonly asn: string;
  readonly routes: number;
  readonly m7irr: number | null;
  readonly m7rpki: number | null;
  readonly rpkiValid: number | null;
  readonly rpkiInvalid: number | null;
  readonly rpkiNotFound: number | null;
  readonly irrRegistered: number | null;
  readonly m3: number;
  readonly m4: number;
  readonly caidaAction1: boolean | null;
  readonly caidaAction4: boolean | null;
}
"#;

#[wasm_bindgen(module = "/src/manrs.js")]
extern "C" {
    /// JSON text → a deep-frozen object with camelCase keys.
    #[wasm_bindgen(js_name = camelizeJson)]
    fn camelize_json(text: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `RouteInput` in TypeScript.
    #[wasm_bindgen(typescript_type = "RouteInput")]
    pub type JsRouteInput;
    /// `ManrsCheckOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "ManrsCheckOptions")]
    pub type JsManrsCheckOptions;
}

/// The route inputs: a string is text, a `Uint8Array` bytes, an array of
/// strings lines.
fn route_input(routes: &JsValue) -> Result<Input, JsValue> {
    if let Some(text) = routes.as_string() {
        return Ok(Input::text("routes", text));
    }
    if let Some(bytes) = routes.dyn_ref::<Uint8Array>() {
        return Ok(Input::bytes("routes", bytes.to_vec()));
    }
    if Array::is_array(routes) {
        let mut text = String::new();
        for item in Array::from(routes).iter() {
            let line = item
                .as_string()
                .ok_or_else(|| type_error("routes: each line must be a string"))?;
            text.push_str(&line);
            text.push('\n');
        }
        return Ok(Input::text("routes", text));
    }
    Err(type_error(
        "routes must be a string, a Uint8Array or an array of lines",
    ))
}

fn read_table(filter: RouteFilter, routes: &JsValue) -> Result<RouteTable, JsValue> {
    let mut table = RouteTable::new(filter);
    table
        .read(route_input(routes)?, &RouteOptions::default())
        .map_err(|e: InputError| input_error(&e))?;
    Ok(table.finish())
}

fn asn(value: &JsValue, what: &str) -> Result<Asn, JsValue> {
    parse_origin(value)?.ok_or_else(|| type_error(&format!("{what}: an AS number is missing")))
}

/// One AS number or an array of them.
fn asns(value: &JsValue, what: &str) -> Result<Vec<Asn>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if Array::is_array(value) {
        return Array::from(value).iter().map(|v| asn(&v, what)).collect();
    }
    Ok(vec![asn(value, what)?])
}

fn number(o: &JsValue, key: &str, default: f64) -> Result<f64, JsValue> {
    let v = field(o, key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    v.as_f64()
        .ok_or_else(|| type_error(&format!("thresholds.{key} must be a number")))
}

fn manrs_error(e: &ManrsError) -> JsValue {
    js_error(js_sys::Error::new(&e.to_string()), "manrs", e.code())
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// Judges an operator on the four MANRS actions (what `routeguard manrs
    /// check` says): `asns` one AS number or a list, `routes` the BGP
    /// routes seen from outside. Rules whose data the dataset lacks are
    /// reported not evaluated. Throws `kind: "manrs"` (`manrs-no-operator`)
    /// without an ASN, `model` for a bad ASN, and the input's `parse` / `io`
    /// error (with `line`, or `record`/`offset` for MRT) for bad routes.
    #[wasm_bindgen(js_name = manrsCheck)]
    pub fn manrs_check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput | ReadonlyArray<AsnInput>")]
        asns_arg: JsValue,
        routes: JsRouteInput,
        options: Option<JsManrsCheckOptions>,
    ) -> Result<ManrsReport, JsValue> {
        let mut op = Operator::new(asns(&asns_arg, "asns")?);
        let mut opts = Options::default();
        if let Some(o) = options_object(options.as_ref().map(AsRef::as_ref))? {
            let set = field(o, "asSet")?;
            if !(set.is_undefined() || set.is_null()) {
                let name = set
                    .as_string()
                    .ok_or_else(|| type_error("asSet must be a string"))?;
                op = op.with_as_set(name);
            }
            op = op.with_customers(asns(&field(o, "customers")?, "customers")?);
            let t = field(o, "thresholds")?;
            if !(t.is_undefined() || t.is_null()) {
                if !t.is_object() {
                    return Err(type_error("thresholds must be an object"));
                }
                let d = Thresholds::default();
                opts.thresholds = Thresholds {
                    ready: number(&t, "ready", d.ready)?,
                    aspiring: number(&t, "aspiring", d.aspiring)?,
                };
            }
        }
        let table = read_table(RouteFilter::through(&op.asns), &routes)?;
        let report = manrs::check(&self.ds, &op, &table, &opts).map_err(|e| manrs_error(&e))?;
        Ok(ManrsReport {
            report,
            data: OnceCell::new(),
        })
    }

    /// The MANRS Observatory metrics of every origin AS of a routing table
    /// (what `routeguard manrs observatory` writes), one row per AS, sorted
    /// by ASN.
    #[wasm_bindgen(js_name = manrsObservatory)]
    pub fn manrs_observatory(&self, routes: JsRouteInput) -> Result<ManrsObservatory, JsValue> {
        let table = read_table(RouteFilter::All, &routes)?;
        Ok(ManrsObservatory {
            rows: manrs::observatory(&self.ds, &table),
            data: OnceCell::new(),
        })
    }
}

/// A MANRS report. Its properties are the JSON report's (schema
/// `routeguard-manrs/1`) with camelCase keys, frozen (copy an array to
/// sort it); `toJSON()` is the JSON report itself, so `JSON.stringify(report)`
/// writes it.
#[wasm_bindgen]
pub struct ManrsReport {
    report: Report,
    data: OnceCell<JsValue>,
}

impl ManrsReport {
    fn part(&self, key: &str) -> JsValue {
        let data = self
            .data
            .get_or_init(|| camelize_json(&report_to_string(&self.report, ReportFormat::Json)));
        field(data, key).unwrap_or(JsValue::UNDEFINED)
    }
}

#[wasm_bindgen]
impl ManrsReport {
    /// Whether every evaluated action conforms (the CLI's exit 0).
    #[wasm_bindgen(getter)]
    pub fn conformant(&self) -> bool {
        self.report.conformant()
    }

    /// The operator judged (`asns` as `"AS<n>"`).
    #[wasm_bindgen(getter, unchecked_return_type = "ManrsOperator")]
    pub fn operator(&self) -> JsValue {
        self.part("operator")
    }

    /// The customer as-set used (given, or PeeringDB's), or `null`.
    #[wasm_bindgen(getter, js_name = asSet)]
    pub fn as_set(&self) -> Option<String> {
        self.report.as_set.clone()
    }

    /// Routes judged: `{own, customer, seen}`.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "{ readonly own: number; readonly customer: number; readonly seen: number }"
    )]
    pub fn routes(&self) -> JsValue {
        self.part("routes")
    }

    /// Every finding, sorted by rule, then subject.
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<ManrsFinding>")]
    pub fn findings(&self) -> JsValue {
        self.part("findings")
    }

    /// Every rule with its outcome (not evaluated: `reason`).
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<ManrsRuleOutcome>")]
    pub fn rules(&self) -> JsValue {
        self.part("rules")
    }

    /// One summary per action, in MANRS order.
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<ManrsActionSummary>")]
    pub fn actions(&self) -> JsValue {
        self.part("actions")
    }

    /// The metrics.
    #[wasm_bindgen(getter, unchecked_return_type = "ManrsMetrics")]
    pub fn metrics(&self) -> JsValue {
        self.part("metrics")
    }

    /// What to create or change.
    #[wasm_bindgen(getter, unchecked_return_type = "ManrsRemedies")]
    pub fn remedies(&self) -> JsValue {
        self.part("remedies")
    }

    /// The JSON report as an object (snake_case keys, as the schema): what
    /// `JSON.stringify(report)` writes.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ManrsReportJson")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.render_to(ReportFormat::Json))
    }

    /// The JSON report as text, byte for byte what the CLI's `--format
    /// json` writes.
    #[wasm_bindgen(js_name = toJsonString)]
    pub fn to_json_string(&self) -> String {
        self.render_to(ReportFormat::Json)
    }

    /// The JSON report as text, byte for byte what `routeguard manrs check
    /// --format json` writes (the same string as `toJsonString()`; `toJSON()`
    /// is that text parsed into an object, for `JSON.stringify`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json_text(&self) -> String {
        self.to_json_string()
    }

    /// The report as Markdown, for tickets.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self) -> String {
        self.render_to(ReportFormat::Markdown)
    }

    /// The report as one self-contained HTML file (no network access).
    #[wasm_bindgen(js_name = toHtml)]
    pub fn to_html(&self) -> String {
        self.render_to(ReportFormat::Html)
    }

    /// The report as compact text.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self) -> String {
        self.render_to(ReportFormat::Text)
    }

    /// The report in `format`: `text`, `json`, `markdown` or `html`.
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"text\" | \"json\" | \"markdown\" | \"html\"")]
        format: JsValue,
    ) -> Result<String, JsValue> {
        let name = format
            .as_string()
            .ok_or_else(|| type_error("format must be a string"))?;
        let f = name
            .parse::<ReportFormat>()
            .map_err(|e| type_error(&e.to_string()))?;
        Ok(self.render_to(f))
    }

    /// The remedy artifacts as files: name → contents (`route-objects.rpsl`,
    /// `roas.csv`, `roas.slurm.json`, …, `README.txt`); `{}` when there is
    /// nothing to do.
    #[wasm_bindgen(js_name = remedyFiles, unchecked_return_type = "Record<string, Uint8Array>")]
    pub fn remedy_files(&self) -> JsValue {
        let out = Object::new();
        for (name, bytes) in remedy_files(&self.report.remedies) {
            let _ = js_sys::Reflect::set(
                &out,
                &JsValue::from_str(name),
                &Uint8Array::from(bytes.as_slice()),
            );
        }
        out.into()
    }
}

impl ManrsReport {
    fn render_to(&self, format: ReportFormat) -> String {
        report_to_string(&self.report, format)
    }
}

/// The MANRS Observatory rows of a routing table.
#[wasm_bindgen]
pub struct ManrsObservatory {
    rows: Vec<ObservatoryRow>,
    data: OnceCell<JsValue>,
}

#[wasm_bindgen]
impl ManrsObservatory {
    /// One row per origin AS, sorted by ASN: the observatory JSON's rows
    /// with camelCase keys (`asn` as `"AS<n>"`), frozen.
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<ObservatoryRow>")]
    pub fn rows(&self) -> JsValue {
        self.data
            .get_or_init(|| camelize_json(&self.to_json_string()))
            .clone()
    }

    /// The number of rows (origin ASes).
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.rows.len()
    }

    /// The rows as CSV (header `asn,routes,m7irr,…`; ASNs as numbers, empty
    /// cells for absent values), as the CLI's `--format csv`.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        observatory_to_string(&self.rows, ObservatoryFormat::Csv)
    }

    /// The rows as JSON text, as the CLI's `--format json`.
    #[wasm_bindgen(js_name = toJsonString)]
    pub fn to_json_string(&self) -> String {
        observatory_to_string(&self.rows, ObservatoryFormat::Json)
    }

    /// The rows as plain objects with the JSON's snake_case keys.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Array<Record<string, unknown>>")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.to_json_string())
    }
}
