//! Batch origin validation of route text: `validateLines` and
//! `validateLinesDetailed` on `VrpSet` and `Dataset`. One call crosses the
//! JS boundary: text or bytes in, typed arrays out, no JS object per route.
//! The work is core's `validate::lines`; this module only converts.

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use routeguard::parse::bgp::RouteLineOptions;
use routeguard::validate::lines::{validate_lines, validate_lines_detailed, UNPARSABLE};
use routeguard::RovIndex;
use wasm_bindgen::prelude::*;

use crate::{core_error, file_bytes};
use crate::{field, options_object};

#[wasm_bindgen(typescript_custom_section)]
const TS_LINES: &'static str = r#"
/** Options of `validateLines` and `validateLinesDetailed`. */
export interface LinesOptions {
  /** Read prefixes relaxed (the CLI's `--relaxed`): host bits cleared, a
   * bare address read as a host route. Default: strict. */
  relaxed?: boolean;
}

/** What `validateLinesDetailed` returns: typed arrays, one entry per route
 * line (every line but blank ones, `#` comments and bgpdump withdrawals and
 * `STATE` lines), in input order, and the deciding VRPs as flat columns.
 *
 * ```js
 * const r = set.validateLinesDetailed("192.0.2.0/24 64500\n192.0.2.0/25 64500\n");
 * r.states;       // Uint8Array [RovCode.Valid, RovCode.Invalid]
 * r.reasons;      // Uint8Array [ReasonCode.None, ReasonCode.Length]
 * r.lines;        // Uint32Array [1, 2]
 * // the VRPs of route i are positions vrpStart[i] .. vrpStart[i + 1] - 1:
 * for (let k = r.vrpStart[1]; k < r.vrpStart[2]; k++)
 *   console.log(r.vrpAsn[k], r.vrpLength[k], r.vrpMaxLength[k],
 *               r.vrpTa[k] ? r.trustAnchors[r.vrpTa[k] - 1] : null);
 * ```
 */
export interface LinesResult {
  /** A `RovCode` per route: 0 valid, 1 invalid, 2 not-found, 255 a line that
   * does not parse. */
  states: Uint8Array;
  /** A `ReasonCode` per route: 0 as, 1 length, 255 none (not invalid, or
   * unparsable). */
  reasons: Uint8Array;
  /** The 1-based line number of each route. */
  lines: Uint32Array;
  /** Offsets into the `vrp*` columns: route `i`'s deciding VRPs (as
   * `RovResult.covering`: the matching VRPs when valid, every covering VRP
   * when invalid, sorted) are positions `vrpStart[i]` to `vrpStart[i + 1]`
   * (exclusive); one entry per route and the total last. */
  vrpStart: Uint32Array;
  /** Each deciding VRP's origin AS (0 for AS0). */
  vrpAsn: Uint32Array;
  /** Each deciding VRP's prefix length. A deciding VRP covers its route, so
   * its prefix is the route's prefix cut to this length. */
  vrpLength: Uint8Array;
  /** Each deciding VRP's max length. */
  vrpMaxLength: Uint8Array;
  /** Each deciding VRP's trust anchor: 0 for none, `k` for
   * `trustAnchors[k - 1]`. */
  vrpTa: Uint32Array;
  /** The trust anchor names `vrpTa` refers to. */
  trustAnchors: string[];
  /** How many route lines did not parse (state 255). */
  unparsable: number;
  /** The first line that did not parse, as the error `validate` would
   * throw for it (`kind` `parse`, `line` set), or `null`. Not thrown. */
  firstError: RouteguardError | null;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `LinesOptions` in TypeScript: `{relaxed?}`.
    #[wasm_bindgen(typescript_type = "LinesOptions")]
    pub type JsLinesOptions;
}

/// The RFC 6811 state codes of `validateLines` (the positions of the
/// state words `valid`, `invalid`, `not-found`).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub enum RovCode {
    /// A covering VRP has the route's origin and allows its length.
    Valid = 0,
    /// Covered, but no covering VRP matches.
    Invalid = 1,
    /// No VRP covers the prefix.
    NotFound = 2,
    /// The line does not parse (no verdict).
    Unparsable = 255,
}

/// The invalid-reason codes of `validateLinesDetailed` (the positions of
/// the reason words `as`, `length`).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub enum ReasonCode {
    /// No covering VRP has the route's origin.
    As = 0,
    /// One has it, but the route is longer than its max length.
    Length = 1,
    /// Not invalid (or the line does not parse).
    None = 255,
}

// The enums above are core's codes: checked at compile time.
const _: () = assert!(RovCode::Unparsable as u8 == UNPARSABLE);
const _: () = assert!(ReasonCode::None as u8 == UNPARSABLE);

/// The route-line options of an options object.
fn line_options(options: Option<&JsValue>) -> Result<RouteLineOptions, JsValue> {
    let relaxed = match options_object(options)? {
        Some(o) => field(o, "relaxed")?.is_truthy(),
        None => false,
    };
    Ok(RouteLineOptions::new().relaxed(relaxed))
}

/// `validateLines`: one state byte per route line.
pub(crate) fn states(
    index: &RovIndex,
    text: &JsValue,
    options: Option<&JsValue>,
) -> Result<Vec<u8>, JsValue> {
    let opts = line_options(options)?;
    let bytes = file_bytes(text, "text")?;
    Ok(validate_lines(index, &bytes, &opts).states)
}

/// `validateLinesDetailed`: the `LinesResult` object.
pub(crate) fn detailed(
    index: &RovIndex,
    text: &JsValue,
    options: Option<&JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = line_options(options)?;
    let bytes = file_bytes(text, "text")?;
    let (v, vrps) = validate_lines_detailed(index, &bytes, &opts);
    drop(bytes);
    let out = Object::new();
    let set = |k: &str, value: JsValue| Reflect::set(&out, &JsValue::from_str(k), &value);
    set("states", Uint8Array::from(v.states.as_slice()).into())?;
    set("reasons", Uint8Array::from(v.reasons.as_slice()).into())?;
    set("lines", Uint32Array::from(v.lines.as_slice()).into())?;
    set("vrpStart", Uint32Array::from(vrps.start.as_slice()).into())?;
    set("vrpAsn", Uint32Array::from(vrps.asn.as_slice()).into())?;
    set("vrpLength", Uint8Array::from(vrps.len.as_slice()).into())?;
    set(
        "vrpMaxLength",
        Uint8Array::from(vrps.max_len.as_slice()).into(),
    )?;
    set("vrpTa", Uint32Array::from(vrps.ta.as_slice()).into())?;
    let tas: Array = vrps
        .trust_anchors
        .iter()
        .map(|t| JsValue::from_str(t))
        .collect();
    set("trustAnchors", tas.into())?;
    #[allow(clippy::cast_precision_loss)]
    set("unparsable", JsValue::from(v.unparsable as f64))?;
    let first = match v.first_error {
        Some(e) => {
            let line = e.location.line;
            let err = core_error(e);
            #[allow(clippy::cast_precision_loss)]
            Reflect::set(
                &err,
                &JsValue::from_str("line"),
                &JsValue::from(line as f64),
            )?;
            err
        }
        None => JsValue::NULL,
    };
    set("firstError", first)?;
    Ok(out.into())
}
