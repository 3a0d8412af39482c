//! Filters (core `filter`, `render::filter`, `render::antispoof`) in JS,
//! over local data only: `dataset.bgpq4(args)` (bgpq4's command line over
//! the dataset's IRR dumps), `dataset.prefixList(objects, options)` →
//! [`PrefixFilter`] (prefixes with origins and RPKI states, any router
//! form), `dataset.explain(object)`, `diffPrefixLists(router, expected)`,
//! `antispoof(customers, options)` and `auditConfig(text, options)`.
//!
//! Thin: arguments become the core's values, the core builds and renders,
//! and the JS objects are the JSON the core renders, keys in camelCase,
//! frozen (as the MANRS report's).

use std::cell::OnceCell;

use js_sys::{Array, Object, Reflect};
use routeguard::filter::antispoof::audit::audit;
use routeguard::filter::antispoof::{build_sav, Customer, PrefixSource, SavVendor};
use routeguard::filter::bgpq4::args::{parse_args, Command};
use routeguard::filter::bgpq4::Dialect;
use routeguard::filter::diff::{diff_ranges, FilterDiff};
use routeguard::filter::prefix_filter::{
    build_prefix_filter, FilterRequest, PrefixFilter as CoreFilter, RpkiPolicy,
};
use routeguard::filter::resolve::{explain_local, LocalResolver};
use routeguard::index::irr::SetLimits;
use routeguard::model::{Family, PrefixRange};
use routeguard::parse::device::{parse_device_config, ConfigDialect};
use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
use routeguard::render::antispoof::{render_sav, SavOutput, SavRenderOptions};
use routeguard::render::filter::extra::{render_diff_json, render_diff_text};
use routeguard::render::filter::list::{
    render_explanations_json, render_prefix_filter, FilterFormat, FilterRenderError,
};
use routeguard::render::filter::{run_bgpq4, Bgpq4Output};
use wasm_bindgen::prelude::*;

use crate::dataset::JsDataset;
use crate::{core_error, input_bytes, js_error, parse_prefix, type_error};
use crate::{field, options_object};

#[wasm_bindgen(typescript_custom_section)]
const TS_FILTER: &'static str = r#"
/** What one bgpq4 run wrote and its exit status, as bgpq4 1.9 would. */
export interface Bgpq4Result {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Options of `Dataset.bgpq4`. */
export interface Bgpq4Options {
  /** Which bgpq4 release's output to reproduce (default `"1.9"`). */
  dialect?: "1.9" | "1.16";
}

/** The router forms of `PrefixFilter.render` (aliases included). */
export type FilterFormat =
  | "ios" | "cisco" | "ios-xr" | "iosxr" | "xr" | "junos" | "juniper" | "bird" | "openbgpd"
  | "eos" | "arista" | "routeros6" | "mikrotik6" | "routeros7" | "mikrotik7" | "sros" | "nokia"
  | "sros-mdcli" | "srlinux" | "huawei" | "huawei-xpl" | "bgpq4-json" | "frr" | "vyos"
  | "origin-set" | "json";

/** The prefix-list syntaxes `diffPrefixLists` reads (sniffed when omitted). */
export type PrefixListFormat =
  | "cisco" | "ios" | "eos" | "arista" | "frr" | "ios-xr" | "iosxr" | "xr" | "junos" | "juniper"
  | "bird" | "bird2" | "openbgpd" | "json" | "sros" | "nokia" | "sros-mdcli" | "nokia-md"
  | "srlinux" | "huawei" | "huawei-xpl" | "routeros" | "mikrotik" | "routeros6" | "routeros7"
  | "vyos";

/** Objects: ASNs (`AS64500`), as-sets (`AS-FOO`, `AS1:AS-FOO`,
 * `RIPE::AS-FOO`), route-sets and prefixes; a string is split at blanks. */
export type FilterObjects = string | ReadonlyArray<string>;

/** Options of `Dataset.prefixList`. */
export interface PrefixListOptions {
  /** 4 (default) or 6. */
  family?: 4 | 6;
  /** IRR sources in order (bgpq4's `-S`). */
  sources?: ReadonlyArray<string>;
  /** With the dataset's VRPs: drop (default) or tag RPKI-invalid
   * (prefix, origin) pairs; `null`: no RPKI check. */
  rpki?: "drop" | "tag" | null;
  /** Add the ROAs of the filter's ASNs as if they were route objects. */
  roaAsRoute?: boolean;
  /** Leave out longer prefixes (bgpq4's `-m`). */
  maxLen?: number;
  /** Defaults of `render()`: form (default `"ios"`), list name (default
   * `"NN"`), bgpq4's `-A` aggregation. */
  format?: FilterFormat;
  name?: string;
  aggregate?: boolean;
}

/** Options of `PrefixFilter.render`. */
export interface RenderOptions {
  name?: string;
  aggregate?: boolean;
}

/** One entry of a filter. */
export interface FilterEntry {
  readonly prefix: string;
  readonly low: number;
  readonly high: number;
  /** The origin AS (`null` for route-set members and given prefixes). */
  readonly origin: number | null;
  readonly source: "route-object" | "route-set" | "given" | "roa";
  /** With VRPs and an origin: the RFC 6811 state. */
  readonly rpki: RovState | null;
}

/** A range `[prefix, low, high]`. */
export interface FilterRange {
  readonly prefix: string;
  readonly low: number;
  readonly high: number;
}

/** Routes accepted by one list only, under one entry. */
export interface RouteGap {
  readonly entry: FilterRange;
  /** How many routes (a float beyond 2^53). */
  readonly routes: number;
  readonly example: string;
}

/** The audit of a router's prefix list against the expected one (the
 * CLI's `--diff … --format json`, camelCase), with its text form. */
export interface FilterDiff {
  readonly list: string;
  readonly routerEntries: number;
  readonly expectedEntries: number;
  readonly sizeChange: number;
  readonly unchanged: number;
  /** The same entries. */
  readonly same: boolean;
  /** The same routes accepted. */
  readonly equivalent: boolean;
  readonly missing: ReadonlyArray<FilterRange>;
  readonly extra: ReadonlyArray<FilterRange>;
  readonly changed: ReadonlyArray<{
    readonly prefix: string;
    readonly router: ReadonlyArray<readonly [number, number]>;
    readonly expected: ReadonlyArray<readonly [number, number]>;
  }>;
  readonly onlyRouter: ReadonlyArray<RouteGap>;
  readonly onlyExpected: ReadonlyArray<RouteGap>;
  /** The CLI's text audit. */
  readonly text: string;
}

/** Options of `diffPrefixLists` and `PrefixFilter.diff`. */
export interface DiffOptions {
  /** The router list's syntax (sniffed when omitted). */
  format?: PrefixListFormat;
  /** The expected list's syntax (`diffPrefixLists`). */
  expectedFormat?: PrefixListFormat;
  /** The list's name in the audit (default `"NN"`, or the filter's). */
  name?: string;
  /** Compare the router's list of this name only (both families), when its
   * text holds several, as a whole configuration does; a name the text lacks
   * throws `kind: "parse"`. */
  list?: string;
  /** The same for the expected text (`diffPrefixLists`). */
  expectedList?: string;
}

/** Why each ASN and prefix is in an object's expansion. */
export interface Explanation {
  readonly object: string;
  readonly asns: ReadonlyArray<{ readonly asn: number; readonly path: ReadonlyArray<string> }>;
  readonly prefixes: ReadonlyArray<{
    readonly prefix: string;
    readonly origin: number | null;
    readonly path: ReadonlyArray<string>;
    readonly sources: ReadonlyArray<string>;
  }>;
  readonly missingSets: ReadonlyArray<string>;
  readonly loops: ReadonlyArray<string>;
  readonly tooDeep: ReadonlyArray<string>;
  /** The CLI's `--explain` text. */
  readonly text: string;
}

/** Options of `Dataset.explain`. */
export interface ExplainOptions {
  family?: 4 | 6;
  /** Deepest set followed (bgpq4's `-L`). */
  maxDepth?: number;
  sources?: ReadonlyArray<string>;
}

/** The platforms of `antispoof`. */
export type SavVendor =
  | "ios" | "cisco" | "ios-xe" | "iosxe" | "iosxr" | "ios-xr" | "xr" | "junos" | "juniper"
  | "eos" | "arista" | "sros" | "sr-os" | "nokia" | "linux" | "nftables";

/** Options of `antispoof`. */
export interface AntispoofOptions {
  /** Default `"ios"`. */
  vendor?: SavVendor;
  /** Strict uRPF (default) or ingress ACLs. */
  output?: "urpf" | "acl";
  /** ACLs of the supernets only. */
  hyperAggregate?: boolean;
  /** The start of ACL names (default `"SAV"`). */
  name?: string;
  /** Nokia SR OS: the first filter number (default 1000). */
  filterId?: number;
}

/** One customer interface without strict uRPF. */
export interface AuditFinding {
  readonly interface: string;
  readonly family: 4 | 6 | null;
  readonly problem: "interface-not-found" | "no-address-family" | "urpf-missing" | "urpf-not-strict";
  readonly line: number | null;
  readonly message: string;
}

/** Options of `auditConfig`. */
export interface AuditOptions {
  /** `junos` (set form) or `ios` (also IOS XR, EOS); guessed when omitted. */
  dialect?: "junos" | "juniper" | "ios" | "cisco" | "ios-xe" | "iosxe" | "iosxr" | "ios-xr" | "xr" | "eos" | "arista";
  /** The interfaces to audit (default: every one with addresses). */
  interfaces?: ReadonlyArray<string>;
}
"#;

#[wasm_bindgen(module = "/src/filter.js")]
extern "C" {
    /// JSON text → a deep-frozen object with camelCase keys, plus `text`.
    #[wasm_bindgen(js_name = camelizeWithText)]
    fn camelize_with_text(json: &str, text: &str) -> JsValue;
    /// JSON text → a deep-frozen object (or array) with camelCase keys.
    #[wasm_bindgen(js_name = camelizeFilterJson)]
    fn camelize(json: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `Bgpq4Options` in TypeScript.
    #[wasm_bindgen(typescript_type = "Bgpq4Options")]
    pub type JsBgpq4Options;
    /// `PrefixListOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "PrefixListOptions")]
    pub type JsPrefixListOptions;
    /// `FilterFormat` in TypeScript.
    #[wasm_bindgen(typescript_type = "FilterFormat")]
    pub type JsFilterFormat;
    /// `RenderOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "RenderOptions")]
    pub type JsRenderOptions;
    /// `DiffOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "DiffOptions")]
    pub type JsDiffOptions;
    /// `ExplainOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "ExplainOptions")]
    pub type JsExplainOptions;
    /// `AntispoofOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AntispoofOptions")]
    pub type JsAntispoofOptions;
    /// `AuditOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AuditOptions")]
    pub type JsAuditOptions;
}

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

fn present(v: &JsValue) -> bool {
    !(v.is_undefined() || v.is_null())
}

/// A string option parsed with the core's `FromStr` (an unknown word is a
/// `TypeError`, kind `argument`, with the core's message).
fn word_opt<T: std::str::FromStr>(o: Option<&JsValue>, key: &str) -> Result<Option<T>, JsValue>
where
    T::Err: std::fmt::Display,
{
    let Some(o) = o else { return Ok(None) };
    let v = field(o, key)?;
    if !present(&v) {
        return Ok(None);
    }
    let s = v
        .as_string()
        .ok_or_else(|| type_error(&format!("{key} must be a string")))?;
    s.parse::<T>()
        .map(Some)
        .map_err(|e| type_error(&e.to_string()))
}

fn string_opt(o: Option<&JsValue>, key: &str) -> Result<Option<String>, JsValue> {
    word_opt::<String>(o, key)
}

fn bool_opt(o: Option<&JsValue>, key: &str) -> Result<bool, JsValue> {
    Ok(match o {
        Some(o) => field(o, key)?.is_truthy(),
        None => false,
    })
}

fn number_opt(o: Option<&JsValue>, key: &str, max: f64) -> Result<Option<f64>, JsValue> {
    let Some(o) = o else { return Ok(None) };
    let v = field(o, key)?;
    if !present(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(Some(n)),
        _ => Err(type_error(&format!(
            "{key} must be an integer from 0 to {max}"
        ))),
    }
}

fn family_opt(o: Option<&JsValue>) -> Result<Family, JsValue> {
    match number_opt(o, "family", 6.0)? {
        None => Ok(Family::V4),
        Some(4.0) => Ok(Family::V4),
        Some(6.0) => Ok(Family::V6),
        Some(_) => Err(type_error("family must be 4 or 6")),
    }
}

fn strings(v: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    if !Array::is_array(v) {
        return Err(type_error(&format!("{what} must be an array of strings")));
    }
    Array::from(v)
        .iter()
        .map(|s| {
            s.as_string()
                .ok_or_else(|| type_error(&format!("{what} must be an array of strings")))
        })
        .collect()
}

fn strings_opt(o: Option<&JsValue>, key: &str) -> Result<Option<Vec<String>>, JsValue> {
    let Some(o) = o else { return Ok(None) };
    let v = field(o, key)?;
    if !present(&v) {
        return Ok(None);
    }
    strings(&v, key).map(Some)
}

/// A string of blank-separated objects, or an array of them.
fn objects_arg(v: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s.split_whitespace().map(str::to_owned).collect());
    }
    strings(v, "objects")
}

fn render_error(e: FilterRenderError) -> JsValue {
    match e {
        FilterRenderError::Tree(t) => core_error(t),
        other => js_error(
            js_sys::Error::new(&other.to_string()),
            "filter",
            other.code(),
        ),
    }
}

fn no_irr(what: &str) -> JsValue {
    type_error(&format!(
        "{what}: the dataset has no IRR data (give irr to the Dataset)"
    ))
}

fn bgpq4_object(o: &Bgpq4Output) -> JsValue {
    let obj = Object::new();
    set(&obj, "stdout", o.stdout.as_str());
    set(&obj, "stderr", o.stderr.as_str());
    set(&obj, "code", o.code);
    Object::freeze(&obj).into()
}

/// The ranges of every list of a prefix-list text.
/// The ranges of the list named `list` in the text (of every list for
/// `None`).
fn list_ranges(
    text: &JsValue,
    format: Option<PrefixListFormat>,
    list: Option<String>,
    what: &str,
) -> Result<Vec<PrefixRange>, JsValue> {
    let bytes = input_bytes(text, what)?;
    parse_prefix_list(&bytes, format)
        .and_then(|l| l.select(list.as_deref()))
        .map_err(core_error)
}

fn diff_object(name: &str, d: &FilterDiff) -> JsValue {
    camelize_with_text(&render_diff_json(name, d), &render_diff_text(name, d))
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// Runs bgpq4's command line (`["-A", "-l", "CUST", "AS-FOO"]`) over
    /// the dataset's IRR dumps (`-h` is ignored): `{stdout, stderr, code}`
    /// byte for byte what bgpq4 1.9 prints and exits with for these objects
    /// on an IRRd holding the same dumps. Command lines bgpq4 refuses give
    /// its messages and exit status. Throws `kind: "filter"`
    /// (`resolve-too-large`) when an expansion outgrows the limits.
    #[wasm_bindgen(unchecked_return_type = "Bgpq4Result")]
    pub fn bgpq4(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<string>")] args: JsValue,
        options: Option<JsBgpq4Options>,
    ) -> Result<JsValue, JsValue> {
        let args = strings(&args, "args")?;
        let o = options_object(options.as_ref().map(AsRef::as_ref))?;
        let dialect = match string_opt(o, "dialect")?.as_deref() {
            None | Some("1.9") => Dialect::V1_9,
            Some("1.16") => Dialect::V1_16,
            Some(other) => {
                return Err(type_error(&format!(
                    "dialect must be \"1.9\" or \"1.16\", not {other:?}"
                )))
            }
        };
        let db = self.ds.irr().ok_or_else(|| no_irr("bgpq4"))?;
        let out = match parse_args(&args, None) {
            Ok(Command::Run {
                mut options,
                stderr,
            }) => {
                options.dialect = dialect;
                let limits = SetLimits {
                    max_depth: options
                        .max_depth
                        .map_or(SetLimits::default().max_depth, |d| d as usize),
                    ..SetLimits::default()
                };
                let mut out = run_bgpq4(&options, &mut LocalResolver::new(db), &limits)
                    .map_err(core_error)?;
                out.stderr.insert_str(0, &String::from_utf8_lossy(&stderr));
                out
            }
            Ok(Command::Version(text)) => Bgpq4Output {
                stdout: text,
                stderr: String::new(),
                code: 0,
            },
            Err(e) => Bgpq4Output {
                stdout: e.stdout(),
                stderr: String::from_utf8_lossy(&e.stderr()).into_owned(),
                code: e.exit_code(),
            },
        };
        Ok(bgpq4_object(&out))
    }

    /// A customer prefix filter from the dataset's IRR dumps (what
    /// `routeguard filter --irr … --vrps …` builds): with the dataset's
    /// VRPs, RPKI-invalid (prefix, origin) pairs are dropped (`rpki:
    /// "drop"`, the default), tagged (`"tag"`) or not checked (`null`).
    #[wasm_bindgen(js_name = prefixList)]
    pub fn prefix_list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FilterObjects")] objects: JsValue,
        options: Option<JsPrefixListOptions>,
    ) -> Result<PrefixFilter, JsValue> {
        let objects = objects_arg(&objects)?;
        let o = options_object(options.as_ref().map(AsRef::as_ref))?;
        let family = family_opt(o)?;
        let mut req = FilterRequest::new(objects, family);
        req.sources = strings_opt(o, "sources")?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            req.max_len = number_opt(o, "maxLen", 128.0)?.map(|n| n as u8);
        }
        let rpki_field = match o {
            Some(o) => field(o, "rpki")?,
            None => JsValue::UNDEFINED,
        };
        let policy = if rpki_field.is_null() {
            None
        } else {
            Some(word_opt::<RpkiPolicy>(o, "rpki")?.unwrap_or_default())
        };
        if let Some(p) = policy {
            req.rov = self.ds.rov().map(|r| &**r);
            req.policy = p;
        }
        if bool_opt(o, "roaAsRoute")? {
            req.roas_as_routes = self.ds.vrps().map(|v| v.vrps.as_slice());
        }
        let format = word_opt::<FilterFormat>(o, "format")?.unwrap_or(FilterFormat::Bgpq4(
            routeguard::filter::bgpq4::Vendor::Cisco,
        ));
        let name = string_opt(o, "name")?.unwrap_or_else(|| "NN".to_owned());
        let aggregate = bool_opt(o, "aggregate")?;
        let db = self.ds.irr().ok_or_else(|| no_irr("prefixList"))?;
        let filter = build_prefix_filter(&mut LocalResolver::new(db), &req).map_err(core_error)?;
        Ok(PrefixFilter {
            filter,
            format,
            name,
            aggregate,
            data: OnceCell::new(),
        })
    }

    /// Why each ASN and prefix is in `object`'s expansion in the dataset's
    /// IRR dumps: the chain of sets, origin and sources of each; sets
    /// missing, loops, sets cut by `maxDepth`.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        object: &str,
        options: Option<JsExplainOptions>,
    ) -> Result<JsValue, JsValue> {
        let o = options_object(options.as_ref().map(AsRef::as_ref))?;
        let family = family_opt(o)?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let depth = number_opt(o, "maxDepth", f64::from(u32::MAX))?.map(|n| n as u32);
        let sources = strings_opt(o, "sources")?;
        let refs: Option<Vec<&str>> = sources
            .as_ref()
            .map(|v| v.iter().map(String::as_str).collect());
        let db = self.ds.irr().ok_or_else(|| no_irr("explain"))?;
        let e = explain_local(db, object, family, depth, refs.as_deref()).map_err(core_error)?;
        let json = render_explanations_json(std::slice::from_ref(&e));
        let inner = json.trim().trim_start_matches('[').trim_end_matches(']');
        Ok(camelize_with_text(inner, &e.to_string()))
    }
}

/// A customer prefix filter. `entries`, `dropped`, `asns` and
/// `missingSets` are the JSON form's (`render("json")`), frozen;
/// `render()` writes it for a router.
#[wasm_bindgen]
pub struct PrefixFilter {
    filter: CoreFilter,
    format: FilterFormat,
    name: String,
    aggregate: bool,
    data: OnceCell<JsValue>,
}

impl PrefixFilter {
    fn part(&self, key: &str) -> JsValue {
        let data = self.data.get_or_init(|| {
            match render_prefix_filter(&self.filter, FilterFormat::Json, &self.name, false) {
                Ok(json) => camelize(&json),
                Err(_) => JsValue::UNDEFINED,
            }
        });
        field(data, key).unwrap_or(JsValue::UNDEFINED)
    }
}

#[wasm_bindgen]
impl PrefixFilter {
    /// The kept entries, sorted.
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<FilterEntry>")]
    pub fn entries(&self) -> JsValue {
        self.part("entries")
    }

    /// The entries dropped as RPKI invalid.
    #[wasm_bindgen(getter, unchecked_return_type = "ReadonlyArray<FilterEntry>")]
    pub fn dropped(&self) -> JsValue {
        self.part("dropped")
    }

    /// Every ASN of the objects, sorted.
    #[wasm_bindgen(getter)]
    pub fn asns(&self) -> Vec<u32> {
        self.filter.asns.clone()
    }

    /// Sets no selected source has.
    #[wasm_bindgen(getter, js_name = missingSets)]
    pub fn missing_sets(&self) -> Vec<String> {
        self.filter.missing_sets.clone()
    }

    /// 4 or 6.
    #[wasm_bindgen(getter, unchecked_return_type = "4 | 6")]
    pub fn family(&self) -> u8 {
        match self.filter.family {
            Some(Family::V6) => 6,
            _ => 4,
        }
    }

    /// The list name `render()` uses by default.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// The number of entries.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.filter.entries.len()
    }

    /// The filter in `format` (default: the one given to `prefixList`):
    /// bgpq4's forms printed as bgpq4 does, `frr`, `vyos`, `origin-set`, or
    /// `json` (origins, sources, RPKI states).
    pub fn render(
        &self,
        format: Option<JsFilterFormat>,
        options: Option<JsRenderOptions>,
    ) -> Result<String, JsValue> {
        let format: Option<JsValue> = format.map(Into::into);
        let format = match format.filter(present) {
            Some(f) => {
                let s = f
                    .as_string()
                    .ok_or_else(|| type_error("format must be a string"))?;
                s.parse::<FilterFormat>()
                    .map_err(|e| type_error(&e.to_string()))?
            }
            None => self.format,
        };
        let o = options_object(options.as_ref().map(AsRef::as_ref))?;
        let name = string_opt(o, "name")?.unwrap_or_else(|| self.name.clone());
        let aggregate = match o {
            Some(o) if present(&field(o, "aggregate")?) => field(o, "aggregate")?.is_truthy(),
            _ => self.aggregate,
        };
        render_prefix_filter(&self.filter, format, &name, aggregate).map_err(render_error)
    }

    /// The JSON form as an object (snake_case keys): what
    /// `JSON.stringify(filter)` writes.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.to_json_string()?)
    }

    /// The JSON form as text (the CLI's `--format json`).
    #[wasm_bindgen(js_name = toJsonString)]
    pub fn to_json_string(&self) -> Result<String, JsValue> {
        render_prefix_filter(&self.filter, FilterFormat::Json, &self.name, false)
            .map_err(render_error)
    }

    /// Compares the list a router holds (its text in any form routeguard
    /// renders, sniffed unless `format`) with this filter.
    #[wasm_bindgen(unchecked_return_type = "FilterDiff")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] router: JsValue,
        options: Option<JsDiffOptions>,
    ) -> Result<JsValue, JsValue> {
        let o = options_object(options.as_ref().map(AsRef::as_ref))?;
        let router = list_ranges(
            &router,
            word_opt(o, "format")?,
            string_opt(o, "list")?,
            "router",
        )?;
        let name = string_opt(o, "name")?.unwrap_or_else(|| self.name.clone());
        Ok(diff_object(
            &name,
            &diff_ranges(&router, &self.filter.ranges()),
        ))
    }
}

/// Compares the prefix list a router holds with the expected one (both
/// texts in any form routeguard renders, sniffed unless `format` /
/// `expectedFormat` name them): missing, extra and changed entries, the
/// size change and the routes accepted by one list only. Throws `kind:
/// "parse"` (with the line in the message) for text that is no prefix list.
#[wasm_bindgen(js_name = diffPrefixLists, unchecked_return_type = "FilterDiff")]
pub fn diff_prefix_lists(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] router: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] expected: JsValue,
    options: Option<JsDiffOptions>,
) -> Result<JsValue, JsValue> {
    let o = options_object(options.as_ref().map(AsRef::as_ref))?;
    let router = list_ranges(
        &router,
        word_opt(o, "format")?,
        string_opt(o, "list")?,
        "router",
    )?;
    let expected = list_ranges(
        &expected,
        word_opt(o, "expectedFormat")?,
        string_opt(o, "expectedList")?,
        "expected",
    )?;
    let name = string_opt(o, "name")?.unwrap_or_else(|| "NN".to_owned());
    Ok(diff_object(&name, &diff_ranges(&router, &expected)))
}

/// Source address validation (BCP 38, BCP 84) for single-homed customers:
/// `customers` maps each customer-facing interface to its prefixes; strict
/// uRPF (`output: "urpf"`, the default) or ingress ACLs (`"acl"`) for
/// `vendor` (`ios`, `iosxr`, `junos`, `eos`, `sros`, `linux`). Throws
/// `kind: "filter"` (`invalid-interface`, `invalid-name`) and `model` for
/// a bad prefix.
#[wasm_bindgen]
pub fn antispoof(
    #[wasm_bindgen(unchecked_param_type = "Readonly<Record<string, ReadonlyArray<string>>>")]
    customers: JsValue,
    options: Option<JsAntispoofOptions>,
) -> Result<String, JsValue> {
    if !customers.is_object() || Array::is_array(&customers) {
        return Err(type_error(
            "customers must be an object: interface → array of prefixes",
        ));
    }
    let o = options_object(options.as_ref().map(AsRef::as_ref))?;
    let vendor = word_opt::<SavVendor>(o, "vendor")?.unwrap_or(SavVendor::Ios);
    let output = match string_opt(o, "output")?.as_deref() {
        None | Some("urpf") => SavOutput::Urpf,
        Some("acl") => SavOutput::Acl,
        Some(other) => {
            return Err(type_error(&format!(
                "output must be \"urpf\" or \"acl\", not {other:?}"
            )))
        }
    };
    let mut opts = SavRenderOptions::new(vendor, output);
    opts.hyper_aggregate = bool_opt(o, "hyperAggregate")?;
    if let Some(name) = string_opt(o, "name")? {
        opts.name = name;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    if let Some(id) = number_opt(o, "filterId", f64::from(u32::MAX))? {
        opts.first_filter_id = id as u32;
    }
    let mut list = Vec::new();
    for entry in Object::entries(customers.unchecked_ref::<Object>()).iter() {
        let pair: Array = entry.unchecked_into();
        let interface = pair.get(0).as_string().unwrap_or_default();
        let prefixes = Array::from(&pair.get(1));
        if !Array::is_array(&pair.get(1)) {
            return Err(type_error(&format!(
                "customers[{interface:?}] must be an array of prefixes"
            )));
        }
        let prefixes = prefixes
            .iter()
            .map(|p| parse_prefix(&p))
            .collect::<Result<Vec<_>, _>>()?;
        list.push(Customer::new(interface, PrefixSource::Manual, prefixes));
    }
    let sets = build_sav(&list).map_err(core_error)?;
    render_sav(&sets, &opts).map_err(core_error)
}

/// Audits a router configuration (Junos `set` form, or IOS-style text of
/// IOS, IOS XE, IOS XR, EOS) for customer interfaces without strict uRPF:
/// one finding per interface family without it, per interface not found,
/// per interface without addresses; `[]` when all is well. Throws `kind:
/// "parse"` for a configuration it cannot read.
#[wasm_bindgen(js_name = auditConfig, unchecked_return_type = "AuditFinding[]")]
pub fn audit_config(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] config: JsValue,
    options: Option<JsAuditOptions>,
) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&config, "config")?;
    let o = options_object(options.as_ref().map(AsRef::as_ref))?;
    let dialect = word_opt::<ConfigDialect>(o, "dialect")?
        .or_else(|| ConfigDialect::detect(&bytes))
        .unwrap_or(ConfigDialect::Ios);
    let interfaces = strings_opt(o, "interfaces")?.unwrap_or_default();
    let cfg = parse_device_config(&bytes, dialect).map_err(core_error)?;
    let out = Array::new();
    for f in audit(&cfg, &interfaces) {
        let obj = Object::new();
        set(&obj, "interface", f.interface.as_str());
        set(
            &obj,
            "family",
            match f.family {
                Some(Family::V6) => JsValue::from(6),
                Some(_) => JsValue::from(4),
                None => JsValue::NULL,
            },
        );
        set(&obj, "problem", f.problem.code());
        #[allow(clippy::cast_precision_loss)]
        set(
            &obj,
            "line",
            f.line.map_or(JsValue::NULL, |l| JsValue::from(l as f64)),
        );
        set(&obj, "message", f.to_string());
        out.push(&Object::freeze(&obj));
    }
    Ok(out.into())
}
