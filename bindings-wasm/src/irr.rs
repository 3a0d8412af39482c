//! `IrrDb`: RPSL dumps (RFC 2622, RFC 4012) in the core's in-memory IRR
//! database, with route checks (IRR status per source, IRR Explorer style
//! advice, optional RPKI view) and lookups. Results are plain JS objects.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use js_sys::{Array, Object, Reflect};
use routeguard::index::irr::{IrrDb as CoreDb, IrrDbBuilder, RouteRef};
use routeguard::parse::bgp::{parse_origin_line, RouteLineOptions};
use routeguard::parse::rpsl::RpslOptions;
use routeguard::parse::ParseErrorKind;
use routeguard::validate::irr::{check_route_with, CheckOptions, IrrCheck};
use routeguard::{Asn, Prefix, RovIndex};
use wasm_bindgen::prelude::*;

use crate::{core_error, file_bytes, parse_origin, parse_prefix, type_error};

#[wasm_bindgen(typescript_custom_section)]
const TS_IRR_TYPES: &'static str = r#"
/** The IRR status of a route: a route object for exactly this prefix and
 * origin (`valid`), only a less-specific one with this origin (`covered`),
 * route objects cover the prefix but none with this origin
 * (`invalid-origin`), or no route object covers it (`not-found`). */
export type IrrStatus = "valid" | "covered" | "invalid-origin" | "not-found";

/** A route object that took part in a verdict. */
export interface IrrRoute {
  prefix: string;
  /** `"AS64500"` */
  origin: string;
  /** The source (IRR database) name, upper case. */
  source: string;
  /** The 1-based line where the object starts in its input. */
  line: number;
  /** The object as loaded. */
  text: string;
}

/** One finding about a route (IRR Explorer's report). */
export interface IrrAdvice {
  level: "info" | "warning" | "danger";
  /** A stable code such as `no-route-object-matches-origin`. */
  code: string;
  message: string;
}

/** The IRR verdict on one route. */
export interface IrrCheck {
  prefix: string;
  /** `"AS64500"`; null for a route without an origin (its AS path ends in an AS_SET). */
  origin: string | null;
  status: IrrStatus;
  /** Status per source, in source preference order. */
  perSource: Record<string, IrrStatus>;
  /** Covering route objects (exact or less specific) with this origin. */
  matching: IrrRoute[];
  /** Every covering route object, least specific first. */
  covering: IrrRoute[];
  /** Findings, most serious first. */
  advice: IrrAdvice[];
  /** The RFC 6811 state when VRPs were given, else null. */
  rpki: RovState | null;
}

/** Options for `IrrDb.fromText`. */
export interface IrrLoadOptions {
  /** Fail on the first bad object (default: skip it, see `warnings`). */
  strict?: boolean;
}

/** Totals of an `IrrDb`. */
export interface IrrStats {
  objects: number;
  classes: Record<string, number>;
  /** Objects skipped as bad. */
  errors: number;
  deleted: number;
  sources: Record<string, { objects: number; classes: Record<string, number> }>;
  routesV4: number;
  routesV6: number;
}

/** An object found by `IrrDb.lookup`. */
export interface IrrObject {
  class: string;
  key: string;
  source: string | null;
  line: number;
  text: string;
}

/** A route to check: `[prefix, origin]` or `"prefix origin"`. */
export type IrrRouteInput = readonly [prefix: string, origin: number | string] | string;
"#;

#[wasm_bindgen]
extern "C" {
    /// `IrrLoadOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "IrrLoadOptions")]
    pub type JsIrrLoadOptions;
    /// A `VrpSet` passed as an optional argument (wasm-bindgen cannot take
    /// `Option<&VrpSet>`): found through its registry id.
    #[wasm_bindgen(typescript_type = "VrpSet")]
    pub type JsVrpSetArg;
    #[wasm_bindgen(method, structural, getter, catch, js_name = __routeguardId)]
    fn routeguard_id(this: &JsVrpSetArg) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The origin-validation index of every live `VrpSet`, by registry id.
    static VRP_REGISTRY: RefCell<(u32, BTreeMap<u32, Arc<RovIndex>>)> =
        const { RefCell::new((0, BTreeMap::new())) };
}

/// Registers a `VrpSet`'s index; returns its id.
pub(crate) fn register(index: &Arc<RovIndex>) -> u32 {
    VRP_REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.0 = r.0.wrapping_add(1);
        let id = r.0;
        r.1.insert(id, Arc::clone(index));
        id
    })
}

/// Forgets a dropped `VrpSet`.
pub(crate) fn unregister(id: u32) {
    VRP_REGISTRY.with(|r| {
        r.borrow_mut().1.remove(&id);
    });
}

/// The index of an optional `VrpSet` argument.
fn vrps_index(vrps: Option<JsVrpSetArg>) -> Result<Option<Arc<RovIndex>>, JsValue> {
    let Some(v) = vrps else { return Ok(None) };
    let value: &JsValue = v.as_ref();
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() {
        return Err(type_error("vrps must be a VrpSet"));
    }
    // A freed VrpSet's getter throws (null pointer).
    let id = v
        .routeguard_id()
        .map_err(|_| type_error("vrps was freed"))?
        .as_f64()
        .ok_or_else(|| type_error("vrps must be a VrpSet"))?;
    VRP_REGISTRY
        .with(|r| {
            r.borrow()
                .1
                .iter()
                .find(|(k, _)| f64::from(**k) == id)
                .map(|(_, v)| Arc::clone(v))
        })
        .map(Some)
        .ok_or_else(|| type_error("vrps was freed"))
}

/// Sets `key` on a fresh object (cannot fail).
fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

/// A `BTreeMap<String, usize>` as a JS object.
fn counts<'a>(map: impl IntoIterator<Item = (&'a String, &'a usize)>) -> Object {
    let o = Object::new();
    for (k, v) in map {
        set(&o, k, *v as f64);
    }
    o
}

/// An origin that must be present (IRR checks need one).
fn required_origin(origin: &JsValue) -> Result<Asn, JsValue> {
    parse_origin(origin)?.ok_or_else(|| type_error("origin must be a number or a string"))
}

/// A route as `[prefix, origin]` or a `"prefix origin"` line (whose origin
/// may be an AS path's, none for a final AS_SET).
fn route_input(item: &JsValue) -> Result<(Prefix, Option<Asn>), JsValue> {
    if let Some(s) = item.as_string() {
        return route_line(&s)?
            .ok_or_else(|| type_error("a route string must be \"prefix origin\""));
    }
    if !Array::is_array(item) {
        return Err(type_error(
            "each route must be a [prefix, origin] pair or a \"prefix origin\" string",
        ));
    }
    let pair: &Array = item.unchecked_ref();
    Ok((
        parse_prefix(&pair.get(0))?,
        Some(required_origin(&pair.get(1))?),
    ))
}

/// A `prefix origin` line in the core's one route-line grammar
/// ([`parse_origin_line`]); `None` for a blank or `#` comment line. A bad
/// prefix or ASN is a `model` error, a malformed line an `argument` one.
fn route_line(line: &str) -> Result<Option<(Prefix, Option<Asn>)>, JsValue> {
    match parse_origin_line(line, &RouteLineOptions::new()) {
        Ok(r) => Ok(r.map(|r| (r.prefix, r.origin))),
        Err(ParseErrorKind::Model(e)) => Err(core_error(e)),
        Err(e) => Err(type_error(&e.to_string())),
    }
}

/// An in-memory IRR database built from RPSL text.
#[wasm_bindgen]
pub struct IrrDb {
    db: Arc<CoreDb>,
    warnings: Vec<String>,
}

impl IrrDb {
    /// A wrapper sharing `db` (a dataset's), with its load warnings.
    pub(crate) fn shared(db: Arc<CoreDb>, warnings: Vec<String>) -> IrrDb {
        IrrDb { db, warnings }
    }

    fn route(&self, r: &RouteRef) -> Object {
        let o = Object::new();
        set(&o, "prefix", r.prefix.to_string());
        set(&o, "origin", r.origin.to_string());
        set(&o, "source", &*r.source);
        set(&o, "line", self.db.line_of(r.id).unwrap_or(0) as f64);
        set(&o, "text", self.db.object_text(r.id).unwrap_or_default());
        o
    }

    fn routes(&self, routes: &[RouteRef]) -> Array {
        routes.iter().map(|r| self.route(r)).collect()
    }

    pub(crate) fn check_object(&self, c: &IrrCheck) -> JsValue {
        let o = Object::new();
        set(&o, "prefix", c.prefix.to_string());
        set(
            &o,
            "origin",
            c.origin
                .map_or(JsValue::NULL, |a| JsValue::from(a.to_string())),
        );
        set(&o, "status", c.status.name());
        let per = Object::new();
        for (s, st) in &c.per_source {
            set(&per, s, st.name());
        }
        set(&o, "perSource", per);
        set(&o, "matching", self.routes(&c.matching));
        set(&o, "covering", self.routes(&c.covering));
        let advice: Array = c
            .advice
            .iter()
            .map(|a| {
                let x = Object::new();
                set(&x, "level", a.level().name());
                set(&x, "code", a.code());
                set(&x, "message", a.to_string());
                x
            })
            .collect();
        set(&o, "advice", advice);
        set(
            &o,
            "rpki",
            c.rpki
                .map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str())),
        );
        o.into()
    }

    fn check(&self, prefix: &Prefix, origin: Option<Asn>, vrps: Option<&RovIndex>) -> IrrCheck {
        let opts = CheckOptions {
            rov: vrps,
            ..CheckOptions::default()
        };
        check_route_with(&self.db, prefix, origin, &opts)
    }
}

#[wasm_bindgen]
impl IrrDb {
    /// Loads RPSL text. With `source`, every object belongs to that source;
    /// otherwise each object's `source:` decides. Bad objects are skipped
    /// (see `warnings`) unless `{strict: true}`, which throws a `parse` error
    /// naming the line.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
        source: Option<String>,
        options: Option<JsIrrLoadOptions>,
    ) -> Result<IrrDb, JsValue> {
        let bytes = file_bytes(&input, "input")?;
        let mut strict = false;
        if let Some(options) = options {
            if !options.is_object() {
                return Err(type_error("options must be an object"));
            }
            strict = Reflect::get(&options, &JsValue::from_str("strict"))?.is_truthy();
        }
        let opts = if strict {
            RpslOptions::default()
        } else {
            RpslOptions::lenient()
        };
        let source = source.filter(|s| !s.trim().is_empty());
        let mut b = IrrDbBuilder::new(opts);
        let report = b.add_text(&bytes, source.as_deref()).map_err(core_error)?;
        Ok(IrrDb {
            db: Arc::new(b.build()),
            warnings: report.warnings.iter().map(ToString::to_string).collect(),
        })
    }

    /// Number of objects.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.db.len()
    }

    /// The source names, most preferred first (order of first appearance).
    #[wasm_bindgen(getter)]
    pub fn sources(&self) -> Vec<String> {
        self.db.sources().iter().map(|s| s.to_string()).collect()
    }

    /// Bad objects skipped (and unknown attributes), as messages with their
    /// line (at most 1000).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Totals per class and per source.
    #[wasm_bindgen(unchecked_return_type = "IrrStats")]
    pub fn stats(&self) -> JsValue {
        let s = self.db.stats();
        let o = Object::new();
        set(&o, "objects", s.objects as f64);
        set(&o, "classes", counts(&s.classes));
        set(&o, "errors", s.errors as f64);
        set(&o, "deleted", s.deleted as f64);
        let sources = Object::new();
        for (name, st) in &s.sources {
            let x = Object::new();
            set(&x, "objects", st.objects as f64);
            set(&x, "classes", counts(&st.classes));
            set(&sources, name, x);
        }
        set(&o, "sources", sources);
        set(&o, "routesV4", s.routes_v4 as f64);
        set(&o, "routesV6", s.routes_v6 as f64);
        o.into()
    }

    /// Checks one route against the route objects of every source; `vrps`
    /// adds the RPKI view.
    #[wasm_bindgen(js_name = checkRoute, unchecked_return_type = "IrrCheck")]
    pub fn check_route(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string")] origin: JsValue,
        vrps: Option<JsVrpSetArg>,
    ) -> Result<JsValue, JsValue> {
        let prefix = parse_prefix(&prefix)?;
        let origin = required_origin(&origin)?;
        let index = vrps_index(vrps)?;
        let c = self.check(&prefix, Some(origin), index.as_deref());
        Ok(self.check_object(&c))
    }

    /// Checks many routes: an array of `[prefix, origin]` pairs or
    /// `"prefix origin"` strings, or a text with one route per line (blank
    /// and `#` lines skipped). A bad route throws before any work: its
    /// position in the error's `index` (arrays) or `line` (text).
    #[wasm_bindgen(js_name = checkRoutes, unchecked_return_type = "IrrCheck[]")]
    pub fn check_routes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | ReadonlyArray<IrrRouteInput>")]
        routes: JsValue,
        vrps: Option<JsVrpSetArg>,
    ) -> Result<Array, JsValue> {
        let mut parsed = Vec::new();
        if let Some(text) = routes.as_string() {
            for (n, line) in (1u32..).zip(text.lines()) {
                let r = route_line(line).inspect_err(|e| {
                    let _ = Reflect::set(e, &JsValue::from_str("line"), &JsValue::from(n));
                })?;
                parsed.extend(r);
            }
        } else if Array::is_array(&routes) {
            let routes: Array = routes.unchecked_into();
            for (i, item) in (0u32..).zip(routes.iter()) {
                parsed.push(route_input(&item).inspect_err(|e| {
                    let _ = Reflect::set(e, &JsValue::from_str("index"), &JsValue::from(i));
                })?);
            }
        } else {
            return Err(type_error("routes must be a string or an array of routes"));
        }
        let index = vrps_index(vrps)?;
        let checks: Vec<IrrCheck> = parsed
            .iter()
            .map(|(p, o)| self.check(p, *o, index.as_deref()))
            .collect();
        Ok(checks.iter().map(|c| self.check_object(c)).collect())
    }

    /// Objects for a key: a prefix (its exact route objects), an AS (its
    /// aut-nums), a set name, or any other primary key.
    #[wasm_bindgen(unchecked_return_type = "IrrObject[]")]
    pub fn lookup(&self, key: &str) -> Array {
        let (_, ids) = self.db.lookup(key);
        ids.iter()
            .filter_map(|id| {
                let obj = self.db.object(*id)?;
                let o = Object::new();
                set(&o, "class", obj.class_name());
                set(&o, "key", obj.key());
                set(
                    &o,
                    "source",
                    self.db
                        .source_of(*id)
                        .map_or(JsValue::NULL, |s| JsValue::from_str(s)),
                );
                set(&o, "line", self.db.line_of(*id).unwrap_or(0) as f64);
                set(&o, "text", self.db.object_text(*id).unwrap_or_default());
                Some(o)
            })
            .collect()
    }
}
