//! Path checks: `AsPath`, `AspaSet` (ASPA path verification,
//! draft-ietf-sidrops-aspa-verification-28), `Bogons` (RFC 6890 registries,
//! bogon ASNs, too-specific prefixes, long paths), `AsRelations` (CAIDA
//! as-rel, RFC 7908 route leaks, RFC 9234 OTC) and `RouteChecker` (all four
//! checks of a route at once, as `routeguard path check` does).
//!
//! Objects passed inside option objects (`new RouteChecker({vrps, aspa,
//! relations, bogons})`) are found through per-class registries keyed by a
//! hidden id getter, as `IrrDb.checkRoute` finds a `VrpSet`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::Arc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use routeguard::index::aspa::Hop;
use routeguard::parse::asrel::parse_as_rel_bytes;
use routeguard::parse::bogons::parse_bogon_list;
use routeguard::parse::ParseError;
use routeguard::validate::aspa::{self as aspa, AspaOptions, AspaResult, Direction};
use routeguard::validate::bogon::{
    special_purpose as core_special_purpose, BogonFinding, BogonOptions,
};
use routeguard::validate::leak::{self, OtcVerdict};
use routeguard::{
    parse_route_line, AsPath as CoreAsPath, AsRelations as CoreRelations, Asn, Aspa,
    AspaSet as CoreAspaSet, Bogons as CoreBogons, Family, Prefix, Role,
    RouteChecker as CoreChecker, RouteVerdict, RovIndex, Segment,
};
use wasm_bindgen::prelude::*;

use crate::{
    core_error, field, file_bytes, format_arg, load_payloads, options_object, parse_origin,
    parse_prefix, type_error, JsFormatName, JsLoadOptions, VrpSet,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_PATH_TYPES: &'static str = r#"
/** An AS path argument: text as `bgpdump -m` prints it (`"64500 64501
 * {64502,64503}"`; leftmost the neighbour, rightmost the origin), an
 * `AsPath`, or an array of ASNs (one AS_SEQUENCE). */
export type PathInput = string | AsPath | ReadonlyArray<number | string>;

/** An AS number argument: `64500`, `"AS64500"`, `"64500"` or asdot `"0.64500"`. */
export type AsnInput = number | string;

/** One segment of an AS path. */
export interface PathSegment {
  type: "sequence" | "set" | "confed-sequence" | "confed-set";
  asns: number[];
}

/** The ASPA verdict (draft-ietf-sidrops-aspa-verification-28). */
export type AspaVerdict = "valid" | "invalid" | "unknown";

/** Which verification algorithm: `upstream` (route from a customer, a
 * lateral peer, an RS or an RS-client) or `downstream` (from a provider). */
export type AspaDirection = "upstream" | "downstream";

/** A BGP role (RFC 9234): what the local AS is to its neighbour. */
export type BgpRole = "provider" | "customer" | "rs" | "rs-client" | "peer";

/** The hop function `authorized(customer, provider)` (draft §5.3). */
export type HopResult = "no-attestation" | "provider+" | "not-provider+";

/** Options of `AspaSet.verify`, `AspaSet.explain` and `AspaSet.verifyMany`. */
export interface AspaVerifyOptions {
  /** Default `upstream`. */
  direction?: AspaDirection;
  /** The sending AS: the path's leftmost AS must be it (except at an RS-client). */
  neighbor?: AsnInput | null;
  /** The local role; only `rs-client` changes the procedure (no neighbour check). */
  role?: BgpRole | null;
  /** A non-transparent route server AS to strip from the path's left end. */
  routeServer?: AsnInput | null;
}

/** A hop that decided a verdict: `customer → provider` and the hop function's value. */
export interface AspaHop {
  customer: number;
  provider: number;
  result: HopResult;
}

/** Why an ASPA verdict is what it is. */
export type AspaReason =
  | "empty-path" | "neighbor-mismatch" | "as-set" | "up-ramp-too-short"
  | "ramps-too-short" | "no-attestation" | "verified";

/** An ASPA verdict with its explanation. */
export interface AspaResult {
  verdict: AspaVerdict;
  reason: AspaReason;
  direction: AspaDirection;
  /** The COMPRESSED_AS_PATH, leftmost (neighbour) first. */
  path: number[];
  neighbor: number | null;
  /** `null` when the procedure stopped before the ramps. */
  maxUpRamp: number | null;
  minUpRamp: number | null;
  /** Downstream only. */
  maxDownRamp: number | null;
  minDownRamp: number | null;
  /** The up-ramp hop that decided an invalid or unknown verdict. */
  deciding: AspaHop | null;
  /** Downstream: the down-ramp hop that decided. */
  decidingDown: AspaHop | null;
  /** One line, e.g. `invalid: max_up_ramp 2 < path length 3 (hop AS65020 → AS65030: not-provider+)`. */
  text: string;
}

/** An ASPA: a customer AS and its provider ASes (`0` = AS0, "no providers"). */
export type AspaInput =
  | { customer: AsnInput; providers: ReadonlyArray<AsnInput> }
  | readonly [customer: AsnInput, providers: ReadonlyArray<AsnInput>];

/** A customer AS and the union of its attested providers. */
export interface AspaEntry {
  customer: number;
  providers: number[];
}

/** Why a route is a bogon, in priority order. */
export type BogonKind = "bogon-prefix" | "bogon-asn" | "too-specific" | "default-route" | "long-path";

/** One bogon finding: what kind, which list, which entry. */
export interface BogonFinding {
  kind: BogonKind;
  /** The list or rule, e.g. `IANA IPv4 Special-Purpose Address Registry`, `RFC 6996`, `max-v4-len 24`. */
  list: string;
  /** The entry, e.g. `10.0.0.0/8 Private-Use (RFC 1918)`. */
  entry: string;
  /** The offending ASN (`bogon-asn`), else null. */
  asn: number | null;
  /** One line, e.g. `bogon-prefix: 10.0.0.0/8 Private-Use (RFC 1918) [IANA IPv4 …]`. */
  text: string;
}

/** Options of `new Bogons`. */
export interface BogonOptions {
  /** Longest IPv4 prefix accepted (default 24). */
  maxV4Len?: number;
  /** Longest IPv6 prefix accepted (default 48). */
  maxV6Len?: number;
  /** Longest AS path accepted (default 64; `null` or 0 turns the check off). */
  maxPathLen?: number | null;
  /** Accept default routes (default false). */
  allowDefault?: boolean;
}

/** One row of an IANA special-purpose registry (`null` flags: N/A). */
export interface SpecialPurposeRow {
  block: string;
  name: string;
  rfc: string;
  registry: string;
  source: boolean | null;
  destination: boolean | null;
  forwardable: boolean | null;
  globallyReachable: boolean | null;
  reservedByProtocol: boolean | null;
}

/** What `b` is to `a` (`relationship(a, b)`). */
export type Relation = "customer" | "provider" | "peer";

/** The route-leak verdict on a path. */
export type LeakState = "ok" | "leak" | "unknown";

/** One AS proved to have leaked a route (RFC 7908 §3). */
export interface Leak {
  leaker: number;
  /** The RFC 7908 type, 1–4. */
  type: 1 | 2 | 3 | 4;
  kind: "hairpin-turn" | "lateral-isp-isp-isp" | "provider-to-peer" | "peer-to-provider";
  learnedFrom: number;
  sentTo: number;
  text: string;
}

/** The full verdict of `detectLeaks`. */
export interface LeakResult {
  state: LeakState;
  /** Every proved leak, leftmost leaker first. */
  leaks: Leak[];
  /** Adjacent AS pairs whose relation was needed and is missing. */
  missing: Array<[number, number]>;
}

/** The outcome of an RFC 9234 OTC procedure. */
export interface OtcVerdict {
  /** Ingress: the route is a leak. Egress: it must not be sent. */
  leak: boolean;
  /** The OTC the route carries afterwards. */
  otc: number | null;
}

/** Options of `new RouteChecker`. */
export interface RouteCheckerOptions {
  /** VRPs for RFC 6811 origin validation. */
  vrps?: VrpSet | null;
  /** ASPAs for path verification (e.g. `vrps.aspaSet()`). */
  aspa?: AspaSet | null;
  /** AS relationships for leak detection. */
  relations?: AsRelations | null;
  /** Default: `new Bogons()`. */
  bogons?: Bogons | null;
  /** ASPA direction, default `upstream`. */
  direction?: AspaDirection;
  /** The AS receiving the routes: the leak check also judges the last hop. */
  receiver?: AsnInput | null;
}

/** Every check of one route; `null` where the data was not given. */
export interface RouteVerdict {
  rov: RovState | null;
  aspa: AspaVerdict | null;
  /** The first bogon finding, or null when the route is no bogon. */
  bogon: BogonFinding | null;
  leak: LeakState | null;
  /** `ok` or the bogon finding's kind (the CLI's bogon column). */
  bogonWord: "ok" | BogonKind;
  /** ROV invalid, ASPA invalid, a bogon, or a leak. */
  rejected: boolean;
  /** The CLI's columns: `rov,aspa,bogon,leak`, `-` for a check that did not run. */
  text: string;
}

/** A verdict of `RouteChecker.checkLines`, with the route it read. */
export interface RouteLineVerdict extends RouteVerdict {
  /** 1-based line of the input. */
  line: number;
  prefix: string;
  path: string;
  /** bgpdump lines: the peer AS (used as the ASPA neighbour). */
  peerAs: number | null;
}

/** A route for `RouteChecker.checkMany`: `[prefix, path, neighbor?]`. */
export type PathRoute = readonly [prefix: string, path: PathInput, neighbor?: AsnInput | null];
"#;

#[wasm_bindgen]
extern "C" {
    /// `PathInput` in TypeScript.
    #[wasm_bindgen(typescript_type = "PathInput")]
    pub type JsPathInput;
    /// `AsnInput` in TypeScript.
    #[wasm_bindgen(typescript_type = "AsnInput")]
    pub type JsAsnInput;
    /// `AspaVerifyOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AspaVerifyOptions")]
    pub type JsAspaVerifyOptions;
    /// `BogonOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "BogonOptions")]
    pub type JsBogonOptions;
    /// `RouteCheckerOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "RouteCheckerOptions")]
    pub type JsRouteCheckerOptions;
    /// `ReadonlyArray<AspaInput>` in TypeScript.
    #[wasm_bindgen(typescript_type = "ReadonlyArray<AspaInput>")]
    pub type JsAspaList;
}

// ---------------------------------------------------------------------------
// Registries: objects passed inside option objects.

/// What a `VrpSet` hands to a `RouteChecker`: its index and its ASPAs.
type VrpEntry = (Arc<RovIndex>, Arc<CoreAspaSet>);

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    static VRPS: RefCell<BTreeMap<u32, VrpEntry>> =
        const { RefCell::new(BTreeMap::new()) };
    static ASPAS: RefCell<BTreeMap<u32, Arc<CoreAspaSet>>> = const { RefCell::new(BTreeMap::new()) };
    static RELATIONS: RefCell<BTreeMap<u32, Arc<CoreRelations>>> =
        const { RefCell::new(BTreeMap::new()) };
    static BOGONS: RefCell<BTreeMap<u32, Arc<CoreBogons>>> = const { RefCell::new(BTreeMap::new()) };
    static PATHS: RefCell<BTreeMap<u32, Arc<CoreAsPath>>> = const { RefCell::new(BTreeMap::new()) };
}

type Registry<T> = std::thread::LocalKey<RefCell<BTreeMap<u32, T>>>;

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get().wrapping_add(1);
        n.set(id);
        id
    })
}

fn register<T>(reg: &'static Registry<T>, value: T) -> u32 {
    let id = next_id();
    reg.with(|r| r.borrow_mut().insert(id, value));
    id
}

fn unregister<T>(reg: &'static Registry<T>, id: u32) {
    reg.with(|r| {
        r.borrow_mut().remove(&id);
    });
}

/// Registers a `VrpSet`'s index and ASPAs under its id (`VrpSet.__routeguardId`).
pub(crate) fn register_vrps(id: u32, index: &Arc<RovIndex>, aspa: &Arc<CoreAspaSet>) {
    VRPS.with(|r| {
        r.borrow_mut()
            .insert(id, (Arc::clone(index), Arc::clone(aspa)))
    });
}

/// Forgets a dropped `VrpSet`.
pub(crate) fn unregister_vrps(id: u32) {
    unregister(&VRPS, id);
}

/// Finds the object behind `value` through its hidden id getter `key`.
/// `Ok(None)` for `null`/`undefined`.
fn lookup<T: Clone>(
    reg: &'static Registry<T>,
    value: &JsValue,
    key: &str,
    what: &str,
) -> Result<Option<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() {
        return Err(type_error(what));
    }
    // A freed object's getter throws (null pointer).
    let id = Reflect::get(value, &JsValue::from_str(key))
        .map_err(|_| type_error(&format!("{what} (this one was freed)")))?
        .as_f64()
        .ok_or_else(|| type_error(what))?;
    // Ids are integers below 2^32; anything else is no id of ours.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let slot =
        (id.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&id)).then_some(id as u32);
    slot.and_then(|slot| reg.with(|r| r.borrow().get(&slot).cloned()))
        .map(Some)
        .ok_or_else(|| type_error(&format!("{what} (this one was freed)")))
}

// ---------------------------------------------------------------------------
// Conversions.

/// Sets `key` on a fresh object (cannot fail).
fn put(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

fn asn_js(a: Asn) -> JsValue {
    JsValue::from(a.get())
}

fn opt_asn_js(a: Option<Asn>) -> JsValue {
    a.map_or(JsValue::NULL, asn_js)
}

fn asns_js(v: impl IntoIterator<Item = Asn>) -> Array {
    v.into_iter().map(asn_js).collect()
}

fn opt_usize_js(n: Option<usize>) -> JsValue {
    n.map_or(JsValue::NULL, |n| JsValue::from(n as f64))
}

/// A required AS number.
fn asn_arg(value: &JsValue, what: &str) -> Result<Asn, JsValue> {
    parse_origin(value)?.ok_or_else(|| type_error(&format!("{what} must be a number or a string")))
}

/// An optional AS number (`null`/`undefined`: none).
pub(crate) fn opt_asn_arg(value: Option<&JsValue>) -> Result<Option<Asn>, JsValue> {
    match value {
        Some(v) => parse_origin(v),
        None => Ok(None),
    }
}

/// A word parsed with core's `FromStr`; an unknown word is a `TypeError`
/// (kind `argument`) with core's message.
fn word<T: std::str::FromStr>(value: &JsValue, what: &str) -> Result<T, JsValue>
where
    T::Err: std::fmt::Display,
{
    let text = value
        .as_string()
        .ok_or_else(|| type_error(&format!("{what} must be a string")))?;
    text.parse::<T>().map_err(|e| type_error(&e.to_string()))
}

pub(crate) fn opt_word<T: std::str::FromStr>(
    value: &JsValue,
    what: &str,
) -> Result<Option<T>, JsValue>
where
    T::Err: std::fmt::Display,
{
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    word(value, what).map(Some)
}

/// A path argument: text, an `AsPath`, or an array of ASNs.
pub(crate) fn path_arg(value: &JsValue) -> Result<Arc<CoreAsPath>, JsValue> {
    if let Some(text) = value.as_string() {
        return CoreAsPath::parse(&text).map(Arc::new).map_err(core_error);
    }
    if Array::is_array(value) {
        let arr: &Array = value.unchecked_ref();
        let asns = arr
            .iter()
            .map(|a| asn_arg(&a, "each ASN of a path"))
            .collect::<Result<Vec<_>, _>>()?;
        if asns.len() > routeguard::model::MAX_AS_PATH_LEN {
            return Err(type_error(&format!(
                "an AS path holds at most {} ASNs",
                routeguard::model::MAX_AS_PATH_LEN
            )));
        }
        return Ok(Arc::new(CoreAsPath::from_sequence(asns)));
    }
    const WHAT: &str = "path must be a string, an AsPath or an array of ASNs";
    lookup(&PATHS, value, "__routeguardPathId", WHAT)?.ok_or_else(|| type_error(WHAT))
}

fn hop_js(h: Option<(Asn, Asn, Hop)>) -> JsValue {
    let Some((c, p, hop)) = h else {
        return JsValue::NULL;
    };
    let o = Object::new();
    put(&o, "customer", asn_js(c));
    put(&o, "provider", asn_js(p));
    put(&o, "result", hop.as_str());
    o.into()
}

fn aspa_result_js(r: &AspaResult) -> JsValue {
    let e = &r.explanation;
    let o = Object::new();
    put(&o, "verdict", r.verdict.as_str());
    put(&o, "reason", e.reason.as_str());
    put(&o, "direction", e.direction.as_str());
    put(&o, "path", asns_js(e.path.iter().copied()));
    put(&o, "neighbor", opt_asn_js(e.neighbor));
    put(&o, "maxUpRamp", opt_usize_js(e.max_up_ramp));
    put(&o, "minUpRamp", opt_usize_js(e.min_up_ramp));
    put(&o, "maxDownRamp", opt_usize_js(e.max_down_ramp));
    put(&o, "minDownRamp", opt_usize_js(e.min_down_ramp));
    put(&o, "deciding", hop_js(e.deciding));
    put(&o, "decidingDown", hop_js(e.deciding_down));
    put(&o, "text", r.to_string());
    o.into()
}

fn finding_js(f: &BogonFinding) -> JsValue {
    let o = Object::new();
    put(&o, "kind", f.kind.as_str());
    put(&o, "list", f.list.as_str());
    put(&o, "entry", f.entry.as_str());
    put(&o, "asn", opt_asn_js(f.asn));
    put(&o, "text", f.to_string());
    o.into()
}

fn opt_finding_js(f: Option<&BogonFinding>) -> JsValue {
    f.map_or(JsValue::NULL, finding_js)
}

pub(crate) fn verdict_object(v: &RouteVerdict) -> Object {
    let o = Object::new();
    let word = |w: Option<&'static str>| w.map_or(JsValue::NULL, JsValue::from_str);
    put(&o, "rov", word(v.rov.map(|s| s.as_str())));
    put(&o, "aspa", word(v.aspa.map(|s| s.as_str())));
    put(&o, "bogon", opt_finding_js(v.bogon.as_ref()));
    put(&o, "leak", word(v.leak.map(|s| s.as_str())));
    put(&o, "bogonWord", v.bogon_word());
    put(&o, "rejected", v.is_rejected());
    put(&o, "text", v.to_string());
    o
}

/// Sets `index` or `line` on an error thrown for one item of a batch.
fn tag_error(e: &JsValue, key: &str, n: u32) {
    let _ = Reflect::set(e, &JsValue::from_str(key), &JsValue::from(n));
}

/// A core parse error with the line set on the JS error too.
fn parse_error_with_line(e: ParseError) -> JsValue {
    let line = u32::try_from(e.line()).unwrap_or(u32::MAX);
    let err = core_error(e);
    tag_error(&err, "line", line);
    err
}

// ---------------------------------------------------------------------------
// AsPath

/// A BGP AS path (RFC 4271 segments, RFC 5065 confederation segments): the
/// leftmost AS is the neighbour, the rightmost the origin.
#[wasm_bindgen]
pub struct AsPath {
    path: Arc<CoreAsPath>,
    id: u32,
}

impl AsPath {
    fn wrap(path: Arc<CoreAsPath>) -> AsPath {
        let id = register(&PATHS, Arc::clone(&path));
        AsPath { path, id }
    }
}

impl Drop for AsPath {
    fn drop(&mut self) {
        unregister(&PATHS, self.id);
    }
}

#[wasm_bindgen]
impl AsPath {
    /// Parses `64500 64501 {64502,64503}`: ASNs separated by spaces, `{…}`
    /// an AS_SET, `(…)` an AS_CONFED_SEQUENCE, `[…]` an AS_CONFED_SET;
    /// `AS` prefixes and asdot allowed. The empty string is the empty path.
    pub fn parse(text: &str) -> Result<AsPath, JsValue> {
        CoreAsPath::parse(text)
            .map(|p| AsPath::wrap(Arc::new(p)))
            .map_err(core_error)
    }

    /// A path of one AS_SEQUENCE, leftmost (neighbour) first.
    #[wasm_bindgen(js_name = fromAsns)]
    pub fn from_asns(
        #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<AsnInput>")] asns: JsValue,
    ) -> Result<AsPath, JsValue> {
        if !Array::is_array(&asns) {
            return Err(type_error("asns must be an array"));
        }
        path_arg(&asns).map(AsPath::wrap)
    }

    /// The origin AS (RFC 6811 §2): the rightmost AS when the path ends in
    /// an AS_SEQUENCE, else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn origin(&self) -> JsValue {
        opt_asn_js(self.path.origin())
    }

    /// The neighbour AS: the leftmost AS when the path starts with an
    /// AS_SEQUENCE, else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn neighbor(&self) -> JsValue {
        opt_asn_js(self.path.neighbor())
    }

    /// The RFC 4271 §9.1.2.2 length: prepends count, an AS_SET counts one,
    /// confederation segments zero.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.path.length()
    }

    /// Whether an AS_SET or AS_CONFED_SET is present.
    #[wasm_bindgen(getter, js_name = hasSet)]
    pub fn has_set(&self) -> bool {
        self.path.has_set()
    }

    /// Whether the path holds no AS.
    #[wasm_bindgen(getter, js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.path.is_empty()
    }

    /// Every AS of every segment, in wire order.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn asns(&self) -> Array {
        asns_js(self.path.asns())
    }

    /// The segments, leftmost first.
    #[wasm_bindgen(getter, unchecked_return_type = "PathSegment[]")]
    pub fn segments(&self) -> Array {
        self.path
            .segments
            .iter()
            .map(|s| {
                let o = Object::new();
                let t = match s {
                    Segment::Sequence(_) => "sequence",
                    Segment::Set(_) => "set",
                    Segment::ConfedSequence(_) => "confed-sequence",
                    Segment::ConfedSet(_) => "confed-set",
                };
                put(&o, "type", t);
                put(&o, "asns", asns_js(s.asns().iter().copied()));
                o
            })
            .collect()
    }

    /// The prepend-compressed AS sequence (confederation segments dropped),
    /// or `null` when the path holds an AS_SET.
    #[wasm_bindgen(unchecked_return_type = "number[] | null")]
    pub fn compressed(&self) -> JsValue {
        self.path
            .compressed_sequence()
            .map_or(JsValue::NULL, |v| asns_js(v).into())
    }

    /// The same path with prepends removed.
    #[wasm_bindgen(js_name = dedupPrepends)]
    pub fn dedup_prepends(&self) -> AsPath {
        AsPath::wrap(Arc::new(self.path.dedup_prepends()))
    }

    /// The text form (`64500 64501 {64502,64503}`).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.path.to_string()
    }

    /// Whether `other` is the same path (same segments and ASNs).
    pub fn equals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] other: JsValue,
    ) -> Result<bool, JsValue> {
        Ok(*path_arg(&other)? == *self.path)
    }

    /// Internal: the registry key used when a path is passed as an argument.
    #[wasm_bindgen(getter, js_name = __routeguardPathId, skip_typescript)]
    pub fn routeguard_path_id(&self) -> u32 {
        self.id
    }
}

// ---------------------------------------------------------------------------
// AspaSet

/// Validated ASPAs by customer AS, for AS_PATH verification
/// (draft-ietf-sidrops-aspa-verification-28).
#[wasm_bindgen]
pub struct AspaSet {
    set: Arc<CoreAspaSet>,
    id: u32,
}

impl AspaSet {
    pub(crate) fn wrap(set: Arc<CoreAspaSet>) -> AspaSet {
        let id = register(&ASPAS, Arc::clone(&set));
        AspaSet { set, id }
    }
}

impl Drop for AspaSet {
    fn drop(&mut self) {
        unregister(&ASPAS, self.id);
    }
}

/// Reads `{direction, neighbor, role, routeServer}`.
fn aspa_options(options: Option<&JsValue>) -> Result<(Direction, AspaOptions), JsValue> {
    let mut direction = Direction::Upstream;
    let mut opts = AspaOptions::default();
    if let Some(o) = options_object(options)? {
        if let Some(d) = opt_word(&field(o, "direction")?, "direction")? {
            direction = d;
        }
        opts.neighbor = opt_asn_arg(Some(&field(o, "neighbor")?))?;
        opts.role = opt_word::<Role>(&field(o, "role")?, "role")?;
        opts.route_server = opt_asn_arg(Some(&field(o, "routeServer")?))?;
    }
    Ok((direction, opts))
}

fn aspa_input(item: &JsValue) -> Result<Aspa, JsValue> {
    let (customer, providers) = if Array::is_array(item) {
        let pair: &Array = item.unchecked_ref();
        (pair.get(0), pair.get(1))
    } else if item.is_object() {
        (field(item, "customer")?, field(item, "providers")?)
    } else {
        return Err(type_error(
            "each ASPA must be {customer, providers} or [customer, providers]",
        ));
    };
    let customer = asn_arg(&customer, "customer")?;
    if !Array::is_array(&providers) {
        return Err(type_error("providers must be an array of ASNs"));
    }
    let providers: &Array = providers.unchecked_ref();
    let providers = providers
        .iter()
        .map(|p| asn_arg(&p, "each provider"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Aspa::new(customer, providers))
}

#[wasm_bindgen]
impl AspaSet {
    /// A set from ASPAs: `{customer, providers}` objects or `[customer,
    /// providers]` pairs (ASPAs of the same customer are merged; AS0 alone
    /// means "no providers"). A bad entry throws with its `index`.
    #[wasm_bindgen(constructor)]
    pub fn new(aspas: Option<JsAspaList>) -> Result<AspaSet, JsValue> {
        let mut list = Vec::new();
        let aspas: Option<JsValue> = aspas.map(Into::into);
        if let Some(aspas) = aspas.filter(|a| !a.is_undefined() && !a.is_null()) {
            if !Array::is_array(&aspas) {
                return Err(type_error("aspas must be an array"));
            }
            let arr: Array = aspas.unchecked_into();
            for (i, item) in (0u32..).zip(arr.iter()) {
                list.push(aspa_input(&item).inspect_err(|e| tag_error(e, "index", i))?);
            }
        }
        Ok(AspaSet::wrap(Arc::new(CoreAspaSet::new(&list))))
    }

    /// The ASPAs of a validator export (rpki-client or Routinator JSON
    /// `aspas`, openbgpd `aspa-set`, SLURM v2 `aspaAssertions`): the given
    /// format, or sniffed. Options as for `VrpSet.fromText`.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
        format: Option<JsFormatName>,
        options: Option<JsLoadOptions>,
    ) -> Result<AspaSet, JsValue> {
        let format = format_arg(format)?;
        let ds = load_payloads(&input, format, options, true)?;
        let set = ds
            .vrps()
            .map(|v| CoreAspaSet::from(&**v))
            .unwrap_or_default();
        Ok(AspaSet::wrap(Arc::new(set)))
    }

    /// The ASPAs a `VrpSet` was loaded with (shares its data).
    #[wasm_bindgen(js_name = fromVrpSet)]
    pub fn from_vrp_set(set: &VrpSet) -> AspaSet {
        AspaSet::wrap(Arc::clone(&set.aspa))
    }

    /// Number of customer ASes with an ASPA.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.set.len()
    }

    /// Whether `customer` has an ASPA.
    pub fn has(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] customer: JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self
            .set
            .providers(asn_arg(&customer, "customer")?)
            .is_some())
    }

    /// The provider union of `customer` (sorted, AS0 dropped; `[]` for an
    /// AS0 ASPA), or `null` when it has no ASPA.
    #[wasm_bindgen(unchecked_return_type = "number[] | null")]
    pub fn providers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] customer: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = asn_arg(&customer, "customer")?;
        Ok(self
            .set
            .providers(c)
            .map_or(JsValue::NULL, |p| asns_js(p.iter().copied()).into()))
    }

    /// The hop function `authorized(customer, provider)` (draft §5.3).
    #[wasm_bindgen(unchecked_return_type = "HopResult")]
    pub fn authorized(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] customer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] provider: JsValue,
    ) -> Result<String, JsValue> {
        let c = asn_arg(&customer, "customer")?;
        let p = asn_arg(&provider, "provider")?;
        Ok(self.set.authorized(c, p).as_str().to_owned())
    }

    /// Every customer and its providers, in customer order.
    #[wasm_bindgen(unchecked_return_type = "AspaEntry[]")]
    pub fn entries(&self) -> Array {
        self.set
            .iter()
            .map(|(c, p)| {
                let o = Object::new();
                put(&o, "customer", asn_js(c));
                put(&o, "providers", asns_js(p.iter().copied()));
                o
            })
            .collect()
    }

    /// Verifies one path; the verdict word.
    #[wasm_bindgen(unchecked_return_type = "AspaVerdict")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
        options: Option<JsAspaVerifyOptions>,
    ) -> Result<String, JsValue> {
        let (direction, opts) = aspa_options(options.as_ref().map(AsRef::as_ref))?;
        let path = path_arg(&path)?;
        Ok(aspa::verdict(&self.set, &path, direction, &opts)
            .as_str()
            .to_owned())
    }

    /// Verifies one path and explains the verdict (ramps, deciding hop).
    #[wasm_bindgen(unchecked_return_type = "AspaResult")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
        options: Option<JsAspaVerifyOptions>,
    ) -> Result<JsValue, JsValue> {
        let (direction, opts) = aspa_options(options.as_ref().map(AsRef::as_ref))?;
        let path = path_arg(&path)?;
        Ok(aspa_result_js(&aspa::verify(
            &self.set, &path, direction, &opts,
        )))
    }

    /// Verifies many paths with the same options: an array of paths, or a
    /// text with one path per line (as `routeguard aspa verify` reads stdin;
    /// blank lines and `#` comments skipped). A bad path throws before any
    /// work, with its `index` (array) or `line` (text).
    #[wasm_bindgen(js_name = verifyMany, unchecked_return_type = "AspaVerdict[]")]
    pub fn verify_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | ReadonlyArray<PathInput>")] paths: JsValue,
        options: Option<JsAspaVerifyOptions>,
    ) -> Result<Array, JsValue> {
        let (direction, opts) = aspa_options(options.as_ref().map(AsRef::as_ref))?;
        let mut parsed = Vec::new();
        if let Some(text) = paths.as_string() {
            for (n, line) in (1u32..).zip(text.split('\n')) {
                let t = line.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                parsed.push(Arc::new(CoreAsPath::parse(t).map_err(|e| {
                    let err = core_error(e);
                    tag_error(&err, "line", n);
                    err
                })?));
            }
        } else if Array::is_array(&paths) {
            let arr: Array = paths.unchecked_into();
            for (i, item) in (0u32..).zip(arr.iter()) {
                parsed.push(path_arg(&item).inspect_err(|e| tag_error(e, "index", i))?);
            }
        } else {
            return Err(type_error("paths must be a string or an array of paths"));
        }
        Ok(parsed
            .iter()
            .map(|p| JsValue::from_str(aspa::verdict(&self.set, p, direction, &opts).as_str()))
            .collect())
    }

    /// Internal: the registry key used when the set is passed in options.
    #[wasm_bindgen(getter, js_name = __routeguardAspaId, skip_typescript)]
    pub fn routeguard_aspa_id(&self) -> u32 {
        self.id
    }
}

#[wasm_bindgen]
impl VrpSet {
    /// The ASPAs this set was loaded with, as an `AspaSet` (shares the data).
    #[wasm_bindgen(js_name = aspaSet)]
    pub fn aspa_set(&self) -> AspaSet {
        AspaSet::from_vrp_set(self)
    }
}

/// Upstream verification (draft §5.5) without a neighbour check.
#[wasm_bindgen(js_name = verifyUpstream, unchecked_return_type = "AspaVerdict")]
pub fn verify_upstream(
    set: &AspaSet,
    #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
) -> Result<String, JsValue> {
    let path = path_arg(&path)?;
    Ok(aspa::verify_upstream(&set.set, &path).as_str().to_owned())
}

/// Downstream verification (draft §5.6) without a neighbour check.
#[wasm_bindgen(js_name = verifyDownstream, unchecked_return_type = "AspaVerdict")]
pub fn verify_downstream(
    set: &AspaSet,
    #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
) -> Result<String, JsValue> {
    let path = path_arg(&path)?;
    Ok(aspa::verify_downstream(&set.set, &path).as_str().to_owned())
}

// ---------------------------------------------------------------------------
// Bogons

/// The bogon checker: the IANA special-purpose registries, bogon ASNs,
/// too-specific prefixes, default routes, long paths, and user lists.
#[wasm_bindgen]
pub struct Bogons {
    bogons: Arc<CoreBogons>,
    id: u32,
}

impl Drop for Bogons {
    fn drop(&mut self) {
        unregister(&BOGONS, self.id);
    }
}

fn len_option(o: &JsValue, key: &str, default: u8, max: u8) -> Result<u8, JsValue> {
    let v = field(o, key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n) => {
            // Integral and in 0..=max, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u8)
        }
        _ => Err(type_error(&format!(
            "options.{key} must be an integer from 0 to {max}"
        ))),
    }
}

#[wasm_bindgen]
impl Bogons {
    /// A checker with the built-in data and the given options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<JsBogonOptions>) -> Result<Bogons, JsValue> {
        let mut opts = BogonOptions::default();
        if let Some(o) = options_object(options.as_ref().map(AsRef::as_ref))? {
            opts.max_v4_len = len_option(o, "maxV4Len", opts.max_v4_len, 32)?;
            opts.max_v6_len = len_option(o, "maxV6Len", opts.max_v6_len, 128)?;
            let m = field(o, "maxPathLen")?;
            if m.is_null() {
                opts.max_path_len = None;
            } else if !m.is_undefined() {
                match m.as_f64() {
                    Some(n) if n.fract() == 0.0 && (0.0..=1e9).contains(&n) => {
                        // Integral and in range.
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let n = n as usize;
                        opts.max_path_len = (n > 0).then_some(n);
                    }
                    _ => {
                        return Err(type_error(
                            "options.maxPathLen must be a non-negative integer or null",
                        ))
                    }
                }
            }
            opts.allow_default = field(o, "allowDefault")?.is_truthy();
        }
        let bogons = Arc::new(CoreBogons::new(opts));
        let id = register(&BOGONS, Arc::clone(&bogons));
        Ok(Bogons { bogons, id })
    }

    /// Adds a user bogon list (Team Cymru's text format, or an array of
    /// prefix strings); findings name it `name`. Returns its size. A bad
    /// entry throws a `parse` error naming the line (text) or a `model`
    /// error with its `index` (array).
    #[wasm_bindgen(js_name = addList)]
    pub fn add_list(
        &mut self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ReadonlyArray<string>")]
        list: JsValue,
    ) -> Result<usize, JsValue> {
        let prefixes: Vec<Prefix> = if Array::is_array(&list) {
            let arr: Array = list.unchecked_into();
            let mut v = Vec::new();
            for (i, p) in (0u32..).zip(arr.iter()) {
                v.push(parse_prefix(&p).inspect_err(|e| tag_error(e, "index", i))?);
            }
            v
        } else {
            let bytes = file_bytes(&list, "list")?;
            let text = String::from_utf8_lossy(&bytes);
            parse_bogon_list(&text).map_err(parse_error_with_line)?
        };
        let n = prefixes.len();
        let updated = Arc::new((*self.bogons).clone().with_list(name, prefixes));
        BOGONS.with(|r| r.borrow_mut().insert(self.id, Arc::clone(&updated)));
        self.bogons = updated;
        Ok(n)
    }

    /// The user lists, in the order added.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "Array<{ name: string; size: number }>"
    )]
    pub fn lists(&self) -> Array {
        self.bogons
            .lists()
            .map(|(name, size)| {
                let o = Object::new();
                put(&o, "name", name);
                put(&o, "size", size as f64);
                o
            })
            .collect()
    }

    /// The options in effect.
    #[wasm_bindgen(getter, unchecked_return_type = "Required<BogonOptions>")]
    pub fn options(&self) -> JsValue {
        let b = self.bogons.options();
        let o = Object::new();
        put(&o, "maxV4Len", b.max_v4_len);
        put(&o, "maxV6Len", b.max_v6_len);
        put(&o, "maxPathLen", opt_usize_js(b.max_path_len));
        put(&o, "allowDefault", b.allow_default);
        o.into()
    }

    /// The first finding about a prefix alone (bogon prefix, too specific,
    /// default route), or `null`.
    #[wasm_bindgen(js_name = checkPrefix, unchecked_return_type = "BogonFinding | null")]
    pub fn check_prefix(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
    ) -> Result<JsValue, JsValue> {
        let p = parse_prefix(&prefix)?;
        Ok(opt_finding_js(self.bogons.check_prefix(&p).as_ref()))
    }

    /// The finding for a bogon ASN (its range and defining document), or `null`.
    #[wasm_bindgen(js_name = checkAsn, unchecked_return_type = "BogonFinding | null")]
    pub fn check_asn(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] asn: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a = asn_arg(&asn, "asn")?;
        Ok(opt_finding_js(self.bogons.check_asn(a).as_ref()))
    }

    /// Every finding for a route, in priority order.
    #[wasm_bindgen(js_name = checkRoute, unchecked_return_type = "BogonFinding[]")]
    pub fn check_route(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
    ) -> Result<Array, JsValue> {
        let p = parse_prefix(&prefix)?;
        let path = path_arg(&path)?;
        Ok(self
            .bogons
            .check_route(&p, &path)
            .iter()
            .map(finding_js)
            .collect())
    }

    /// The first finding for a route (the CLI's bogon column), or `null`.
    #[wasm_bindgen(unchecked_return_type = "BogonFinding | null")]
    pub fn first(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        let p = parse_prefix(&prefix)?;
        let path = path_arg(&path)?;
        Ok(opt_finding_js(self.bogons.first(&p, &path).as_ref()))
    }

    /// Internal: the registry key used when the checker is passed in options.
    #[wasm_bindgen(getter, js_name = __routeguardBogonsId, skip_typescript)]
    pub fn routeguard_bogons_id(&self) -> u32 {
        self.id
    }
}

/// The rows of the IANA special-purpose registry of a family (4 or 6),
/// with their flags.
#[wasm_bindgen(js_name = specialPurpose, unchecked_return_type = "SpecialPurposeRow[]")]
pub fn special_purpose(
    #[wasm_bindgen(unchecked_param_type = "4 | 6")] family: JsValue,
) -> Result<Array, JsValue> {
    let family = match family.as_f64() {
        Some(4.0) => Family::V4,
        Some(6.0) => Family::V6,
        _ => return Err(type_error("family must be 4 or 6")),
    };
    let flag = |f: Option<bool>| f.map_or(JsValue::NULL, JsValue::from_bool);
    Ok(core_special_purpose(family)
        .iter()
        .map(|r| {
            let o = Object::new();
            put(&o, "block", r.block);
            put(&o, "name", r.name);
            put(&o, "rfc", r.rfc);
            put(&o, "registry", r.registry);
            put(&o, "source", flag(r.source));
            put(&o, "destination", flag(r.destination));
            put(&o, "forwardable", flag(r.forwardable));
            put(&o, "globallyReachable", flag(r.globally_reachable));
            put(&o, "reservedByProtocol", flag(r.reserved_by_protocol));
            o
        })
        .collect())
}

// ---------------------------------------------------------------------------
// AsRelations and leaks

/// The AS relationship graph from a CAIDA `as-rel` file (serial-1 or serial-2).
#[wasm_bindgen]
pub struct AsRelations {
    rel: Arc<CoreRelations>,
    id: u32,
}

impl Drop for AsRelations {
    fn drop(&mut self) {
        unregister(&RELATIONS, self.id);
    }
}

impl AsRelations {
    /// A wrapper sharing `rel` (a dataset's).
    pub(crate) fn shared(rel: Arc<CoreRelations>) -> AsRelations {
        let id = register(&RELATIONS, Arc::clone(&rel));
        AsRelations { rel, id }
    }
}

#[wasm_bindgen]
impl AsRelations {
    /// Parses an `as-rel` text (`a|b|-1` provider to customer, `a|b|0`
    /// peers, optional serial-2 source; `#` comments, of which the clique
    /// and IXP lists are kept). Errors are `parse` errors with the `line`.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    ) -> Result<AsRelations, JsValue> {
        let bytes = file_bytes(&input, "input")?;
        let data = parse_as_rel_bytes(&bytes).map_err(parse_error_with_line)?;
        Ok(AsRelations::shared(Arc::new(CoreRelations::new(&data))))
    }

    /// Number of related AS pairs.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.rel.len()
    }

    /// Records that related an already related pair again (the first wins).
    #[wasm_bindgen(getter)]
    pub fn duplicates(&self) -> usize {
        self.rel.duplicates()
    }

    /// Duplicates that disagreed with the first record.
    #[wasm_bindgen(getter)]
    pub fn conflicts(&self) -> usize {
        self.rel.conflicts()
    }

    /// What `b` is to `a`, or `null` when the data does not relate them.
    #[wasm_bindgen(unchecked_return_type = "Relation | null")]
    pub fn relationship(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] b: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a = asn_arg(&a, "a")?;
        let b = asn_arg(&b, "b")?;
        Ok(self
            .rel
            .relationship(a, b)
            .map_or(JsValue::NULL, |r| JsValue::from_str(r.as_str())))
    }

    /// The providers of `a`, sorted.
    #[wasm_bindgen(js_name = providersOf, unchecked_return_type = "number[]")]
    pub fn providers_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] a: JsValue,
    ) -> Result<Array, JsValue> {
        Ok(asns_js(
            self.rel.providers_of(asn_arg(&a, "a")?).iter().copied(),
        ))
    }

    /// The customers of `a`, sorted.
    #[wasm_bindgen(js_name = customersOf, unchecked_return_type = "number[]")]
    pub fn customers_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] a: JsValue,
    ) -> Result<Array, JsValue> {
        Ok(asns_js(
            self.rel.customers_of(asn_arg(&a, "a")?).iter().copied(),
        ))
    }

    /// The peers of `a`, sorted.
    #[wasm_bindgen(js_name = peersOf, unchecked_return_type = "number[]")]
    pub fn peers_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsnInput")] a: JsValue,
    ) -> Result<Array, JsValue> {
        Ok(asns_js(
            self.rel.peers_of(asn_arg(&a, "a")?).iter().copied(),
        ))
    }

    /// The clique (tier-1) ASes from the file's header, in file order.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn clique(&self) -> Array {
        asns_js(self.rel.clique().iter().copied())
    }

    /// The IXP ASes from the file's header, in file order.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn ixps(&self) -> Array {
        asns_js(self.rel.ixps().iter().copied())
    }

    /// Internal: the registry key used when the graph is passed in options.
    #[wasm_bindgen(getter, js_name = __routeguardRelationsId, skip_typescript)]
    pub fn routeguard_relations_id(&self) -> u32 {
        self.id
    }
}

/// Valley-free check of a path (RFC 7908 leak types 1–4). `receiver`: the
/// AS that received the path from its leftmost AS, when known.
#[wasm_bindgen(js_name = detectLeaks, unchecked_return_type = "LeakResult")]
pub fn detect_leaks(
    relations: &AsRelations,
    #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
    receiver: Option<JsAsnInput>,
) -> Result<JsValue, JsValue> {
    let path = path_arg(&path)?;
    let receiver = opt_asn_arg(receiver.as_ref().map(AsRef::as_ref))?;
    let r = leak::detect_leaks(&relations.rel, &path, receiver);
    let o = Object::new();
    put(&o, "state", r.state.as_str());
    let leaks: Array = r
        .leaks
        .iter()
        .map(|l| {
            let x = Object::new();
            put(&x, "leaker", asn_js(l.leaker));
            put(&x, "type", l.kind.number());
            put(&x, "kind", l.kind.as_str());
            put(&x, "learnedFrom", asn_js(l.learned_from));
            put(&x, "sentTo", asn_js(l.sent_to));
            put(&x, "text", l.to_string());
            x
        })
        .collect();
    put(&o, "leaks", leaks);
    let missing: Array = r
        .missing
        .iter()
        .map(|(a, b)| Array::of2(&asn_js(*a), &asn_js(*b)))
        .collect();
    put(&o, "missing", missing);
    Ok(o.into())
}

fn otc_js(v: OtcVerdict) -> JsValue {
    let o = Object::new();
    put(&o, "leak", v.leak);
    put(&o, "otc", opt_asn_js(v.otc));
    o.into()
}

/// RFC 9234 §5 ingress: a route received over a session where the local
/// role is `role` from `remoteAs`, carrying OTC `otc`.
#[wasm_bindgen(js_name = otcIngress, unchecked_return_type = "OtcVerdict")]
pub fn otc_ingress(
    #[wasm_bindgen(unchecked_param_type = "BgpRole")] role: JsValue,
    #[wasm_bindgen(js_name = remoteAs, unchecked_param_type = "AsnInput")] remote_as: JsValue,
    otc: Option<JsAsnInput>,
) -> Result<JsValue, JsValue> {
    let role: Role = word(&role, "role")?;
    let remote = asn_arg(&remote_as, "remoteAs")?;
    let otc = opt_asn_arg(otc.as_ref().map(AsRef::as_ref))?;
    Ok(otc_js(leak::otc_ingress(role, remote, otc)))
}

/// RFC 9234 §5 egress: a route about to be sent by `localAs` over a session
/// where its role is `role`.
#[wasm_bindgen(js_name = otcEgress, unchecked_return_type = "OtcVerdict")]
pub fn otc_egress(
    #[wasm_bindgen(unchecked_param_type = "BgpRole")] role: JsValue,
    #[wasm_bindgen(js_name = localAs, unchecked_param_type = "AsnInput")] local_as: JsValue,
    otc: Option<JsAsnInput>,
) -> Result<JsValue, JsValue> {
    let role: Role = word(&role, "role")?;
    let local = asn_arg(&local_as, "localAs")?;
    let otc = opt_asn_arg(otc.as_ref().map(AsRef::as_ref))?;
    Ok(otc_js(leak::otc_egress(role, local, otc)))
}

// ---------------------------------------------------------------------------
// RouteChecker

#[wasm_bindgen(module = "/src/path_results.js")]
extern "C" {
    /// Appends verdict objects built from flat arrays (see `src/path_results.js`).
    #[wasm_bindgen(js_name = buildRouteVerdicts)]
    fn build_route_verdicts(
        out: &Array,
        with_route: bool,
        codes: &[u8],
        lines: &[u32],
        peers: &[u32],
        strings: &str,
        findings: &Array,
    );
}

/// The words `src/path_results.js` indexes by code; `NONE`: not run.
const ROV_WORDS: [&str; 3] = ["valid", "invalid", "not-found"];
const ASPA_WORDS: [&str; 3] = ["valid", "invalid", "unknown"];
const LEAK_WORDS: [&str; 3] = ["ok", "leak", "unknown"];
const NONE: u8 = 255;

/// Routes are checked and handed to JS in chunks of this many, so memory
/// stays bounded however long the batch.
const VERDICT_CHUNK: usize = 4096;

fn code(words: &[&str; 3], word: Option<&str>) -> u8 {
    word.and_then(|w| words.iter().position(|x| *x == w))
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(NONE)
}

/// Verdicts flattened for `buildRouteVerdicts`.
struct VerdictBuffer {
    codes: Vec<u8>,
    lines: Vec<u32>,
    peers: Vec<u32>,
    strings: String,
    findings: Array,
}

impl VerdictBuffer {
    fn new() -> Self {
        VerdictBuffer {
            codes: Vec::new(),
            lines: Vec::new(),
            peers: Vec::new(),
            strings: String::new(),
            findings: Array::new(),
        }
    }

    fn len(&self) -> usize {
        self.codes.len() / 6
    }

    /// Adds a verdict; `route` (line, prefix, path, peer AS) for `checkLines`.
    fn push(
        &mut self,
        v: &RouteVerdict,
        route: Option<(usize, &Prefix, &CoreAsPath, Option<Asn>)>,
    ) {
        use std::fmt::Write as _;
        self.codes.extend_from_slice(&[
            code(&ROV_WORDS, v.rov.map(|s| s.as_str())),
            code(&ASPA_WORDS, v.aspa.map(|s| s.as_str())),
            code(&LEAK_WORDS, v.leak.map(|s| s.as_str())),
            u8::from(v.is_rejected()),
            u8::from(v.bogon.is_some()),
            u8::from(route.is_some_and(|r| r.3.is_some())),
        ]);
        if let Some(f) = &v.bogon {
            self.findings.push(&finding_js(f));
        }
        // Writing to a String cannot fail; no part holds a newline.
        let _ = writeln!(self.strings, "{v}");
        if let Some((line, prefix, path, peer)) = route {
            self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
            self.peers.push(peer.map_or(0, Asn::get));
            let _ = writeln!(self.strings, "{prefix}");
            let _ = writeln!(self.strings, "{path}");
        }
    }

    /// Appends the buffered verdicts to `out` and empties the buffers.
    fn flush(&mut self, out: &Array, with_route: bool) {
        build_route_verdicts(
            out,
            with_route,
            &self.codes,
            &self.lines,
            &self.peers,
            &self.strings,
            &self.findings,
        );
        self.codes.clear();
        self.lines.clear();
        self.peers.clear();
        self.strings.clear();
        self.findings = Array::new();
    }
}

/// Every check of a route at once: RFC 6811 origin validation, ASPA path
/// verification, bogons and route leaks — the columns of `routeguard path
/// check`. Keeps the data it was given alive (freeing the `VrpSet` etc.
/// afterwards is fine).
#[wasm_bindgen]
pub struct RouteChecker {
    bogons: Arc<CoreBogons>,
    rov: Option<Arc<RovIndex>>,
    aspa: Option<Arc<CoreAspaSet>>,
    direction: Direction,
    relations: Option<Arc<CoreRelations>>,
    receiver: Option<Asn>,
}

impl RouteChecker {
    fn checker(&self) -> CoreChecker<'_> {
        let mut c = CoreChecker::new(&self.bogons).with_receiver(self.receiver);
        if let Some(rov) = &self.rov {
            c = c.with_rov(rov);
        }
        if let Some(set) = &self.aspa {
            c = c.with_aspa(set, self.direction);
        }
        if let Some(rel) = &self.relations {
            c = c.with_relations(rel);
        }
        c
    }
}

#[wasm_bindgen]
impl RouteChecker {
    /// A checker over the given data; a check whose data is missing gives
    /// `null`. Bogons always run (default `new Bogons()`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<JsRouteCheckerOptions>) -> Result<RouteChecker, JsValue> {
        let mut c = RouteChecker {
            bogons: Arc::new(CoreBogons::default()),
            rov: None,
            aspa: None,
            direction: Direction::Upstream,
            relations: None,
            receiver: None,
        };
        let Some(o) = options_object(options.as_ref().map(AsRef::as_ref))? else {
            return Ok(c);
        };
        c.rov = lookup(
            &VRPS,
            &field(o, "vrps")?,
            "__routeguardId",
            "vrps must be a VrpSet",
        )?
        .map(|(index, _)| index);
        c.aspa = lookup(
            &ASPAS,
            &field(o, "aspa")?,
            "__routeguardAspaId",
            "aspa must be an AspaSet",
        )?;
        c.relations = lookup(
            &RELATIONS,
            &field(o, "relations")?,
            "__routeguardRelationsId",
            "relations must be an AsRelations",
        )?;
        if let Some(b) = lookup(
            &BOGONS,
            &field(o, "bogons")?,
            "__routeguardBogonsId",
            "bogons must be a Bogons",
        )? {
            c.bogons = b;
        }
        if let Some(d) = opt_word(&field(o, "direction")?, "direction")? {
            c.direction = d;
        }
        c.receiver = parse_origin(&field(o, "receiver")?)?;
        Ok(c)
    }

    /// Whether origin validation runs (VRPs given).
    #[wasm_bindgen(getter, js_name = hasRov)]
    pub fn has_rov(&self) -> bool {
        self.rov.is_some()
    }

    /// Whether ASPA verification runs.
    #[wasm_bindgen(getter, js_name = hasAspa)]
    pub fn has_aspa(&self) -> bool {
        self.aspa.is_some()
    }

    /// Whether leak detection runs.
    #[wasm_bindgen(getter, js_name = hasRelations)]
    pub fn has_relations(&self) -> bool {
        self.relations.is_some()
    }

    /// The ASPA direction.
    #[wasm_bindgen(getter, unchecked_return_type = "AspaDirection")]
    pub fn direction(&self) -> String {
        self.direction.as_str().to_owned()
    }

    /// Checks one route. `neighbor`: the AS it was learned from, when known
    /// (ASPA then checks it is the path's leftmost AS).
    #[wasm_bindgen(unchecked_return_type = "RouteVerdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
        neighbor: Option<JsAsnInput>,
    ) -> Result<JsValue, JsValue> {
        let p = parse_prefix(&prefix)?;
        let path = path_arg(&path)?;
        let neighbor = opt_asn_arg(neighbor.as_ref().map(AsRef::as_ref))?;
        Ok(verdict_object(&self.checker().check_from(&p, &path, neighbor)).into())
    }

    /// Checks many `[prefix, path, neighbor?]` routes; results in input
    /// order. A bad route throws before any work, with its `index`.
    #[wasm_bindgen(js_name = checkMany, unchecked_return_type = "RouteVerdict[]")]
    pub fn check_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<PathRoute>")] routes: JsValue,
    ) -> Result<Array, JsValue> {
        if !Array::is_array(&routes) {
            return Err(type_error(
                "routes must be an array of [prefix, path, neighbor?] arrays",
            ));
        }
        let arr: Array = routes.unchecked_into();
        let mut parsed = Vec::new();
        for (i, item) in (0u32..).zip(arr.iter()) {
            let route = (|| {
                if !Array::is_array(&item) {
                    return Err(type_error("each route must be [prefix, path, neighbor?]"));
                }
                let r: &Array = item.unchecked_ref();
                Ok((
                    parse_prefix(&r.get(0))?,
                    path_arg(&r.get(1))?,
                    parse_origin(&r.get(2))?,
                ))
            })()
            .inspect_err(|e| tag_error(e, "index", i))?;
            parsed.push(route);
        }
        let checker = self.checker();
        let out = Array::new();
        let mut buffer = VerdictBuffer::new();
        for chunk in parsed.chunks(VERDICT_CHUNK) {
            for (p, path, n) in chunk {
                buffer.push(&checker.check_from(p, path, *n), None);
            }
            buffer.flush(&out, false);
        }
        Ok(out)
    }

    /// Checks a text of routes, one per line: `PREFIX PATH...` or `bgpdump
    /// -m` lines (the peer AS is the ASPA neighbour); blank lines, `#`
    /// comments, withdrawals and state lines are skipped. A bad line throws
    /// a `parse` error with its `line` before any result is returned.
    #[wasm_bindgen(js_name = checkLines, unchecked_return_type = "RouteLineVerdict[]")]
    pub fn check_lines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    ) -> Result<Array, JsValue> {
        let owned;
        let text: &str = if let Some(s) = text.as_string() {
            owned = s;
            &owned
        } else if let Some(bytes) = text.dyn_ref::<Uint8Array>() {
            owned =
                String::from_utf8(bytes.to_vec()).map_err(|_| type_error("text is not UTF-8"))?;
            &owned
        } else {
            return Err(type_error("text must be a string or a Uint8Array"));
        };
        let checker = self.checker();
        let out = Array::new();
        let mut buffer = VerdictBuffer::new();
        // As `route_lines` reads, but keeping the line number of each route.
        for (n, l) in (1usize..).zip(text.split('\n')) {
            let route = match parse_route_line(l) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(kind) => return Err(parse_error_with_line(ParseError::at(n, 0, kind))),
            };
            let v = checker.check_from(&route.prefix, &route.path, route.peer_as);
            buffer.push(&v, Some((n, &route.prefix, &route.path, route.peer_as)));
            if buffer.len() >= VERDICT_CHUNK {
                buffer.flush(&out, true);
            }
        }
        buffer.flush(&out, true);
        Ok(out)
    }
}
