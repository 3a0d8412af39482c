//! WebAssembly bindings for routeguard, in the browser and in node: RFC 6811
//! route origin validation, VRP conversion, IRR route checks, and whole-path
//! checks (ASPA verification, bogons, route leaks, all at once with
//! `RouteChecker`), and filters from local data (bgpq4's command line,
//! prefix lists with RPKI, the audit of a router's list, anti-spoofing).
//!
//! The bindings are thin: they convert JS values, call the core crate and map
//! its errors to JS `Error`s whose `message` is the core error's text and
//! whose `kind` is [`routeguard::Error::kind`] (`parse`, `model`, `slurm`,
//! `io`).
//!
//! Inputs given as `Uint8Array` go through the core's compression detection
//! (`routeguard::io`): gzip is decompressed (pure Rust); bzip2, xz and zstd
//! throw an `io` error (`input is xz-compressed; …`). Strings are text.
//! Arguments of the wrong JS type raise a `TypeError` with kind `argument`.
//!
//! ```js
//! import init, { VrpSet } from "./pkg/routeguard_wasm.js";
//! await init();
//! const set = VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n");
//! set.validate("192.0.2.0/24", 64500); // {state: "valid", reason: null, covering: [...]}
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Cargo feature `full` (default): everything beyond route origin
// validation. Without it (`--no-default-features`, the "lite" module of
// `scripts/build-wasm.sh`, `bindings-wasm/pkg-lite/`) the crate exports
// `VrpSet` (loaders, SLURM, snapshots, `validate*`), `snapshotVrps`,
// `VrpSnapshot`, `InputBuffer`, `RovCode`, `ReasonCode` and `version`: the
// route checker of the page, at a fraction of the size.
#[cfg(feature = "full")]
mod dataset;
#[cfg(feature = "full")]
mod filter;
#[cfg(feature = "full")]
mod irr;
mod lines;
#[cfg(feature = "full")]
mod manrs;
#[cfg(feature = "full")]
mod path;
mod snapshot;

#[cfg(feature = "full")]
pub use dataset::JsDataset;
#[cfg(feature = "full")]
pub use filter::{antispoof, audit_config, diff_prefix_lists, PrefixFilter};
#[cfg(feature = "full")]
pub use irr::IrrDb;
pub use lines::{ReasonCode, RovCode};
#[cfg(feature = "full")]
pub use manrs::{ManrsObservatory, ManrsReport};
#[cfg(feature = "full")]
pub use path::{AsPath, AsRelations, AspaSet, Bogons, RouteChecker};

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use js_sys::{Array, Reflect, Uint8Array};
use routeguard::dataset::{Dataset, DatasetBuilder, Input};
use routeguard::diag::Mode;
use routeguard::parse::Format;
use routeguard::validate::rov::{validate_many, validate_origin};
use routeguard::{Asn, InvalidReason, ModelError, Prefix, RovIndex, RovResult, RovState};
#[cfg(feature = "full")]
use routeguard::{AspaSet as CoreAspaSet, OutputFormat};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The RFC 6811 validation state. */
export type RovState = "valid" | "invalid" | "not-found";

/** Why a route is invalid: no covering VRP has its origin (`as`), or one
 * does but the route is longer than its maxLength (`length`). */
export type InvalidReason = "as" | "length";

/** A VRP that decided a verdict. */
export interface CoveringVrp {
  /** The VRP prefix, e.g. `"192.0.2.0/24"`. */
  prefix: string;
  /** The longest route length it authorises. */
  maxLength: number;
  /** The authorised origin AS as a number (0 for AS0). */
  asn: number;
  /** The trust anchor name when the input names it. */
  ta: string | null;
}

/** The verdict for one route. */
export interface RovResult {
  state: RovState;
  /** Set exactly when `state` is `"invalid"`. */
  reason: InvalidReason | null;
  /** `valid`: the matching VRPs; `invalid`: every covering VRP;
   * `not-found`: empty. Sorted. */
  covering: CoveringVrp[];
}

/** An origin AS: `64500`, `"AS64500"`, `"64500"`, asdot `"0.64500"`, or
 * `null` when the AS path yields no origin (a final AS_SET). */
export type Origin = number | string | null;

/** A route to validate: `[prefix, origin]`. */
export type Route = readonly [prefix: string, origin: Origin];

/** Input format names (aliases included); omit to sniff the format. */
export type FormatName =
  | "json" | "jsonext" | "rpki-client-json" | "routinator-json" | "rpki.json" | "stayrtr"
  | "csv" | "csvcompat" | "csvext" | "rpki-client-csv"
  | "openbgpd" | "bird" | "bird1" | "bird2" | "slurm" | "slurm2" | "snapshot";

/** Options for loading a VRP set. */
export interface LoadOptions {
  /** Skip bad records and collect warnings instead of failing on the first. */
  lenient?: boolean;
  /** A SLURM file (RFC 8416, v1 or v2) applied after loading. */
  slurm?: string | Uint8Array;
}

/** The `kind` of an error thrown by this module: the stage that failed
 * (`parse` for VRP exports, RPSL and the other line formats; `irr` for an
 * IRR query such as an unknown set; `io`: a `Uint8Array` input compressed
 * in a way this build cannot undo, or corrupt gzip; `manrs`: a MANRS check
 * that cannot run, such as one without an operator ASN; `filter`: a filter
 * that cannot be built or written, such as a bad interface name or an
 * expansion past the limits), or `argument` for an argument of the wrong
 * JS type. */
export type ErrorKind = "parse" | "model" | "slurm" | "irr" | "io" | "manrs" | "filter" | "argument";

/** What this module throws: an `Error` whose message is routeguard's. */
export interface RouteguardError extends Error {
  kind: ErrorKind;
  /** The stable code of routeguard's error variant, lowercase words joined
   * by hyphens (`invalid-prefix`, `missing-attribute`, `set-not-found`,
   * `limit`, `corrupt`, ...); `argument` for an argument error. */
  code: string;
  /** For batch calls given an array (`validateMany`, `IrrDb.checkRoutes`,
   * `AspaSet.verifyMany`, `RouteChecker.checkMany`): the index of the
   * offending item. */
  index?: number;
  /** For batch calls given a text (`IrrDb.checkRoutes`,
   * `AspaSet.verifyMany`, `RouteChecker.checkLines`, bogon and as-rel
   * lists) and for inputs of a `Dataset` or of `manrsCheck` /
   * `manrsObservatory` routes: the 1-based line of the offending item. */
  line?: number;
  /** For MRT route inputs: the 1-based record number and the byte offset
   * of its header (code `mrt-not-built` in WebAssembly: MRT is read on the
   * host only). */
  record?: number;
  offset?: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `LoadOptions` in TypeScript: `{lenient?, slurm?}`.
    #[wasm_bindgen(typescript_type = "LoadOptions")]
    pub type JsLoadOptions;
    /// `FormatName` in TypeScript: a format name string.
    #[wasm_bindgen(typescript_type = "FormatName")]
    pub type JsFormatName;
    /// `Origin` in TypeScript: a number, an ASN string, or `null`.
    #[wasm_bindgen(typescript_type = "Origin")]
    pub type JsOrigin;
}

/// A JS `Error` with `kind` and `code` properties.
fn js_error(error: js_sys::Error, kind: &str, code: &str) -> JsValue {
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// Maps a core error to a JS `Error` with the same message, its kind and
/// its code.
fn core_error(error: impl Into<routeguard::Error>) -> JsValue {
    let error: routeguard::Error = error.into();
    js_error(
        js_sys::Error::new(&error.to_string()),
        error.kind(),
        error.code(),
    )
}

/// The error of one named input (a `Dataset` input, MANRS routes): the
/// core's message (`NAME: line N: …`), kind and code, with `line` for a
/// parse error and `record`/`offset` for an MRT error.
#[cfg(feature = "full")]
fn input_error(error: &routeguard::dataset::InputError) -> JsValue {
    let e = core_error(error.clone());
    let set = |k: &str, v: f64| {
        let _ = Reflect::set(&e, &JsValue::from_str(k), &JsValue::from(v));
    };
    if error.line() > 0 {
        #[allow(clippy::cast_precision_loss)]
        set("line", error.line() as f64);
    }
    if let Some((record, offset)) = error.mrt_record() {
        #[allow(clippy::cast_precision_loss)]
        {
            set("record", record as f64);
            set("offset", offset as f64);
        }
    }
    e
}

/// Property `key` of an options object (`undefined` when absent).
pub(crate) fn field(options: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(options, &JsValue::from_str(key))
}

/// An options object, or `None` for `undefined`/`null`.
pub(crate) fn options_object(options: Option<&JsValue>) -> Result<Option<&JsValue>, JsValue> {
    match options {
        None => Ok(None),
        Some(o) if o.is_undefined() || o.is_null() => Ok(None),
        Some(o) if o.is_object() => Ok(Some(o)),
        Some(_) => Err(type_error("options must be an object")),
    }
}

/// A `TypeError` for an argument of the wrong JS type.
fn type_error(message: &str) -> JsValue {
    js_error(
        js_sys::TypeError::new(message).into(),
        "argument",
        "argument",
    )
}

/// Text or bytes from JS: a string or a `Uint8Array`.
fn input_bytes(input: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(type_error(&format!(
        "{what} must be a string or a Uint8Array"
    )))
}

/// A file's content from JS: a string (text), or a `Uint8Array` whose
/// compression the core recognises by its first bytes; gzip is undone, the
/// others throw the core's `io` error.
fn file_bytes(input: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    let bytes = input_bytes(input, what)?;
    if input.is_string() {
        return Ok(bytes);
    }
    match routeguard::io::decompress(&bytes, &routeguard::io::Limits::default()) {
        Ok(std::borrow::Cow::Borrowed(_)) => Ok(bytes),
        Ok(std::borrow::Cow::Owned(out)) => Ok(out),
        Err(e) => Err(core_error(e)),
    }
}

/// A dataset input from JS: a string is text (read as it is), a
/// `Uint8Array` bytes (compression recognised by the core's builder), an
/// [`snapshot::InputBuffer`] its bytes (the buffer is taken over).
fn dataset_input(name: &str, input: &JsValue, what: &str) -> Result<Input, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(Input::text(name, text));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return Ok(Input::bytes(name, bytes.to_vec()));
    }
    if let Some(buffer) = snapshot::InputBuffer::take(input) {
        return Ok(Input::bytes(name, buffer));
    }
    Err(type_error(&format!(
        "{what} must be a string, a Uint8Array or an InputBuffer"
    )))
}

/// Adds `{lenient, slurm}` from an options object to a dataset builder.
fn with_load_options(
    mut builder: DatasetBuilder,
    options: Option<JsLoadOptions>,
) -> Result<DatasetBuilder, JsValue> {
    let Some(options) = options else {
        return Ok(builder);
    };
    if !options.is_object() {
        return Err(type_error("options must be an object"));
    }
    let lenient = Reflect::get(&options, &JsValue::from_str("lenient"))?;
    if lenient.is_truthy() {
        builder = builder.mode(Mode::Lenient);
    }
    let slurm = Reflect::get(&options, &JsValue::from_str("slurm"))?;
    if !(slurm.is_undefined() || slurm.is_null()) {
        builder = builder.slurm(dataset_input("options.slurm", &slurm, "options.slurm")?);
    }
    Ok(builder)
}

/// Parses an origin: a non-negative integer below 2^32, an ASN string as
/// core's strict [`Asn::parse`] takes it, or `null`/`undefined` for none.
fn parse_origin(origin: &JsValue) -> Result<Option<Asn>, JsValue> {
    if origin.is_null() || origin.is_undefined() {
        return Ok(None);
    }
    if let Some(n) = origin.as_f64() {
        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
            // In range and integral, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            return Ok(Some(Asn::new(n as u32)));
        }
        // Shown as JS shows the number (`Infinity`, `1e+21`).
        let shown = origin
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .map_or_else(|_| n.to_string(), String::from);
        return Err(core_error(ModelError::InvalidAsn(shown)));
    }
    if let Some(text) = origin.as_string() {
        return Asn::parse(&text).map(Some).map_err(core_error);
    }
    Err(type_error("origin must be a number, a string or null"))
}

/// Parses a prefix strictly (no host bits, length required).
fn parse_prefix(prefix: &JsValue) -> Result<Prefix, JsValue> {
    let text = prefix
        .as_string()
        .ok_or_else(|| type_error("prefix must be a string"))?;
    Prefix::parse(&text).map_err(core_error)
}

#[wasm_bindgen(module = "/src/results.js")]
extern "C" {
    /// Appends verdict objects built from flat arrays (see `src/results.js`).
    #[wasm_bindgen(js_name = buildResults)]
    #[allow(clippy::too_many_arguments)]
    fn build_results(
        out: &Array,
        codes: &[u8],
        counts: &[u32],
        prefixes: &str,
        max_lengths: &[u8],
        asns: &[u32],
        tas: &[u32],
        ta_names: &Array,
    );
}

/// Batches are validated and handed to JS in chunks of this many routes, so
/// memory stays bounded however long the batch.
const RESULT_CHUNK: usize = 4096;

/// `tas` entry for a VRP without a trust anchor.
const NO_TA: u32 = u32::MAX;

/// Verdicts flattened into arrays for `buildResults`; reused across chunks.
#[derive(Default)]
struct ResultBuffer {
    codes: Vec<u8>,
    counts: Vec<u32>,
    prefixes: String,
    max_lengths: Vec<u8>,
    asns: Vec<u32>,
    tas: Vec<u32>,
    /// Trust anchor names seen so far, and their positions in `ta_array`.
    ta_index: BTreeMap<Arc<str>, u32>,
    ta_array: Array,
}

impl ResultBuffer {
    fn push(&mut self, result: &RovResult) {
        use std::fmt::Write as _;
        self.codes.push(match (result.state, result.reason) {
            (RovState::Valid, _) => 0,
            (RovState::Invalid, Some(InvalidReason::Length)) => 2,
            (RovState::Invalid, _) => 1,
            (RovState::NotFound, _) => 3,
        });
        self.counts
            .push(u32::try_from(result.covering.len()).unwrap_or(u32::MAX));
        for vrp in &result.covering {
            if !self.max_lengths.is_empty() {
                self.prefixes.push('\n');
            }
            // Writing to a String cannot fail.
            let _ = write!(self.prefixes, "{}", vrp.prefix);
            self.max_lengths.push(vrp.max_length);
            self.asns.push(vrp.asn.get());
            let ta = match &vrp.ta {
                None => NO_TA,
                Some(ta) => match self.ta_index.get(ta) {
                    Some(&i) => i,
                    None => {
                        let i = self.ta_array.push(&JsValue::from_str(ta)).saturating_sub(1);
                        self.ta_index.insert(ta.clone(), i);
                        i
                    }
                },
            };
            self.tas.push(ta);
        }
    }

    /// Appends the buffered verdicts to `out` and empties the buffers.
    fn flush(&mut self, out: &Array) {
        build_results(
            out,
            &self.codes,
            &self.counts,
            &self.prefixes,
            &self.max_lengths,
            &self.asns,
            &self.tas,
            &self.ta_array,
        );
        self.codes.clear();
        self.counts.clear();
        self.prefixes.clear();
        self.max_lengths.clear();
        self.asns.clear();
        self.tas.clear();
    }
}

/// A set of validated payloads loaded from a validator export, indexed for
/// RFC 6811 route origin validation.
#[wasm_bindgen]
pub struct VrpSet {
    index: Arc<RovIndex>,
    /// The ASPAs of the input (`vrpSet.aspaSet()`, `RouteChecker`).
    #[cfg(feature = "full")]
    aspa: Arc<CoreAspaSet>,
    /// Key of this set in [`irr::VRP_REGISTRY`] (how `IrrDb.checkRoute`
    /// finds the index of a `VrpSet` passed as an optional argument).
    #[cfg(feature = "full")]
    registry_id: u32,
    vrps: usize,
    aspas: usize,
    router_keys: usize,
    format: Option<Format>,
    generated: Option<i64>,
    warnings: Vec<String>,
    skipped: usize,
    /// Reused by every query: its buffers and the trust anchor names already
    /// handed to JS.
    buffer: RefCell<ResultBuffer>,
}

/// The dataset of one validator export (the given format, or sniffed) with
/// the options' SLURM file applied: the core builder, as every front end
/// loads. Errors are the core's, without the input's name (the JS caller
/// named no file).
fn load_payloads(
    input: &JsValue,
    format: Option<Format>,
    options: Option<JsLoadOptions>,
    defer_indexes: bool,
) -> Result<Dataset, JsValue> {
    let mut builder = Dataset::builder().vrps(dataset_input(VRPS_INPUT, input, "input")?);
    if let Some(format) = format {
        builder = builder.vrp_format(format);
    }
    if defer_indexes {
        builder = builder.defer_indexes();
    }
    // Payload inputs only: the other parsers stay out of the lite module.
    with_load_options(builder, options)?
        .build_payloads()
        .map_err(|e| core_error(e.error))
}

/// The name of the VRP input of a dataset built from one export.
const VRPS_INPUT: &str = "vrps";

/// Converts a validator export (any format routeguard reads, sniffed) into
/// `csv` (Routinator CSV), `json` (Routinator JSON), `rpki-client-json`,
/// `openbgpd` or `bird2`. The options' `slurm` is applied first.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = convertVrps)]
pub fn convert_vrps(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "\"csv\" | \"json\" | \"rpki-client-json\" | \"openbgpd\" | \"bird2\""
    )]
    to: JsValue,
    options: Option<JsLoadOptions>,
) -> Result<String, JsValue> {
    let name = to
        .as_string()
        .ok_or_else(|| type_error("to must be a string"))?;
    let out = OutputFormat::from_name(&name).ok_or_else(|| {
        type_error(&format!(
            "unknown output format {name:?} (expected csv, json, rpki-client-json, openbgpd or bird2)"
        ))
    })?;
    let ds = load_payloads(&input, None, options, true)?;
    let set = ds.vrps().map(|v| &**v).cloned().unwrap_or_default();
    Ok(routeguard::render::vrps::vrps_to_string(&set, out))
}

/// A VRP format given by name (`format` arguments), `None` to sniff.
pub(crate) fn format_arg(format: Option<JsFormatName>) -> Result<Option<Format>, JsValue> {
    let Some(name) = format else { return Ok(None) };
    if name.is_undefined() || name.is_null() {
        return Ok(None);
    }
    let name = name
        .as_string()
        .ok_or_else(|| type_error("format must be a string"))?;
    Format::from_name(&name).map(Some).ok_or_else(|| {
        type_error(&format!(
            "unknown format {name:?} (expected json, csv, openbgpd, bird, slurm or snapshot)"
        ))
    })
}

impl VrpSet {
    fn load(
        input: &JsValue,
        format: Option<Format>,
        options: Option<JsLoadOptions>,
    ) -> Result<VrpSet, JsValue> {
        let ds = load_payloads(input, format, options, false)?;
        VrpSet::of_dataset(&ds, VRPS_INPUT).ok_or_else(|| type_error("no VRP input"))
    }

    /// The VRP set of a dataset (sharing its payloads and indexes), with the
    /// warnings of its input `name`; `None` when it has no VRP file.
    pub(crate) fn of_dataset(ds: &Dataset, name: &str) -> Option<VrpSet> {
        let set = ds.vrps()?;
        let index = Arc::clone(ds.rov()?);
        #[cfg(feature = "full")]
        let aspa = ds
            .aspas()
            .map_or_else(|| Arc::new(CoreAspaSet::from(&**set)), Arc::clone);
        #[cfg(feature = "full")]
        let registry_id = irr::register(&index);
        #[cfg(feature = "full")]
        path::register_vrps(registry_id, &index, &aspa);
        Some(VrpSet {
            #[cfg(feature = "full")]
            registry_id,
            index,
            #[cfg(feature = "full")]
            aspa,
            vrps: set.vrps.len(),
            aspas: set.aspas.len(),
            router_keys: set.router_keys.len(),
            format: ds.vrp_format(),
            generated: set.generated,
            warnings: ds
                .warnings()
                .iter()
                .filter(|w| &*w.input == name)
                .map(|w| w.warning.to_string())
                .collect(),
            skipped: ds.skipped(name),
            buffer: RefCell::new(ResultBuffer::default()),
        })
    }

    /// Runs `f` with the shared result buffer (a fresh one if it is in use).
    fn with_buffer<R>(&self, f: impl FnOnce(&mut ResultBuffer) -> R) -> R {
        match self.buffer.try_borrow_mut() {
            Ok(mut buffer) => f(&mut buffer),
            Err(_) => f(&mut ResultBuffer::default()),
        }
    }
}

#[cfg(feature = "full")]
impl Drop for VrpSet {
    fn drop(&mut self) {
        irr::unregister(self.registry_id);
        path::unregister_vrps(self.registry_id);
    }
}

#[wasm_bindgen]
impl VrpSet {
    /// Loads any JSON layout routeguard reads: rpki-client (every
    /// generation), Routinator `json`/`jsonext`, StayRTR/GoRTR/OctoRPKI
    /// `rpki.json`, or a bare array of `{prefix, maxLength, asn}`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
        options: Option<JsLoadOptions>,
    ) -> Result<VrpSet, JsValue> {
        Self::load(&input, Some(Format::Json), options)
    }

    /// Loads CSV: Routinator `csv`/`csvcompat`/`csvext` or rpki-client CSV.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
        options: Option<JsLoadOptions>,
    ) -> Result<VrpSet, JsValue> {
        Self::load(&input, Some(Format::Csv), options)
    }

    /// Loads any supported format (JSON, CSV, openbgpd, bird, SLURM): the
    /// given one, or the sniffed one when `format` is omitted or `null`.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
        format: Option<JsFormatName>,
        options: Option<JsLoadOptions>,
    ) -> Result<VrpSet, JsValue> {
        Self::load(&input, format_arg(format)?, options)
    }

    /// Number of VRPs.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.vrps
    }

    /// Number of ASPAs the input held.
    #[wasm_bindgen(getter, js_name = aspaCount)]
    pub fn aspa_count(&self) -> usize {
        self.aspas
    }

    /// Number of BGPsec router keys the input held.
    #[wasm_bindgen(getter, js_name = routerKeyCount)]
    pub fn router_key_count(&self) -> usize {
        self.router_keys
    }

    /// The format that was read (`json`, `csv`, `openbgpd`, `bird`, `slurm`,
    /// `snapshot`).
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "\"json\" | \"csv\" | \"openbgpd\" | \"bird\" | \"slurm\" | \"snapshot\" | null"
    )]
    pub fn format(&self) -> Option<String> {
        self.format.map(|f| f.name().to_owned())
    }

    /// When the export was generated (Unix seconds), or `null` when it does
    /// not say.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn generated(&self) -> JsValue {
        // Unix seconds fit a JS number exactly.
        #[allow(clippy::cast_precision_loss)]
        self.generated
            .map_or(JsValue::NULL, |g| JsValue::from(g as f64))
    }

    /// Lenient loads: the records skipped, as error messages (at most the
    /// warning cap; `skipped` counts them all).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Lenient loads: how many records were skipped.
    #[wasm_bindgen(getter)]
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Internal: the key `IrrDb.checkRoute` uses to find this set's index.
    #[cfg(feature = "full")]
    #[wasm_bindgen(getter, js_name = __routeguardId, skip_typescript)]
    pub fn routeguard_id(&self) -> u32 {
        self.registry_id
    }

    /// Validates one route (RFC 6811). `prefix` is parsed strictly (no host
    /// bits); `origin` is a number, an ASN string, or `null` for none.
    #[wasm_bindgen(unchecked_return_type = "RovResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        origin: Option<JsOrigin>,
    ) -> Result<JsValue, JsValue> {
        let prefix = parse_prefix(&prefix)?;
        let origin = match origin {
            Some(origin) => parse_origin(&origin)?,
            None => None,
        };
        let result = validate_origin(&self.index, &prefix, origin);
        let out = Array::new();
        self.with_buffer(|buffer| {
            buffer.push(&result);
            buffer.flush(&out);
        });
        Ok(out.get(0))
    }

    /// Validates many `[prefix, origin]` pairs; results in input order. A bad
    /// route throws (its position in the error's `index`) before any work.
    #[wasm_bindgen(js_name = validateMany, unchecked_return_type = "RovResult[]")]
    pub fn validate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Route>")] routes: JsValue,
    ) -> Result<Array, JsValue> {
        if !Array::is_array(&routes) {
            return Err(type_error(
                "routes must be an array of [prefix, origin] pairs",
            ));
        }
        let routes: Array = routes.unchecked_into();
        let mut parsed = Vec::with_capacity(usize::try_from(routes.length()).unwrap_or(0));
        for (i, route) in (0u32..).zip(routes.iter()) {
            parsed.push(parse_route(&route).inspect_err(|e| {
                let _ = Reflect::set(e, &JsValue::from_str("index"), &JsValue::from(i));
            })?);
        }
        let out = Array::new();
        self.with_buffer(|buffer| {
            for chunk in parsed.chunks(RESULT_CHUNK) {
                for result in validate_many(&self.index, chunk) {
                    buffer.push(&result);
                }
                buffer.flush(&out);
            }
        });
        Ok(out)
    }
}

#[wasm_bindgen]
impl VrpSet {
    /// Validates every route line of `text` (RFC 6811) in one call: a
    /// `Uint8Array` with a `RovCode` per route line, in input order (0
    /// valid, 1 invalid, 2 not-found, 255 a line that does not parse).
    /// The lines are those `routeguard validate` reads: `PREFIX ORIGIN`
    /// (spaces, tabs and/or a comma between), `PREFIX PATH...` (the
    /// path's origin), `bgpdump -m` lines, CAIDA prefix2as lines; blank
    /// lines, `#` comments, bgpdump withdrawals and `STATE` lines give no
    /// entry. A `Uint8Array` may be gzip-compressed.
    #[wasm_bindgen(js_name = validateLines)]
    pub fn validate_lines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<crate::lines::JsLinesOptions>,
    ) -> Result<Vec<u8>, JsValue> {
        lines::states(&self.index, &text, options.as_ref().map(AsRef::as_ref))
    }

    /// `validateLines` with reasons, line numbers and the deciding VRPs,
    /// all as typed arrays (`LinesResult`).
    #[wasm_bindgen(js_name = validateLinesDetailed, unchecked_return_type = "LinesResult")]
    pub fn validate_lines_detailed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<crate::lines::JsLinesOptions>,
    ) -> Result<JsValue, JsValue> {
        lines::detailed(&self.index, &text, options.as_ref().map(AsRef::as_ref))
    }
}

#[cfg(feature = "full")]
impl VrpSet {
    /// The index (for `Dataset`'s batch calls).
    pub(crate) fn index(&self) -> &RovIndex {
        &self.index
    }
}

fn parse_route(route: &JsValue) -> Result<(Prefix, Option<Asn>), JsValue> {
    if !Array::is_array(route) {
        return Err(type_error("each route must be a [prefix, origin] pair"));
    }
    let pair: &Array = route.unchecked_ref();
    Ok((parse_prefix(&pair.get(0))?, parse_origin(&pair.get(1))?))
}

/// The version of the routeguard bindings.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
