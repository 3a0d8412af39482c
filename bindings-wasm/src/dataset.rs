//! `Dataset`: everything a page loaded (payloads after SLURM, an IRR
//! database, AS relationships, bogon lists), built by the core's one
//! builder; its parts are the other classes, sharing its data.

use std::sync::Arc;

use js_sys::{Array, Uint8Array};
use routeguard::dataset::{Dataset, DatasetBuilder};
use routeguard::diag::Mode;
use routeguard::validate::aspa::Direction;
use wasm_bindgen::prelude::*;

use crate::irr::IrrDb;
use crate::path::{opt_asn_arg, path_arg, verdict_object, AsRelations, AspaSet};
use crate::{
    dataset_input, field, input_error, options_object, parse_origin, parse_prefix, type_error,
    JsOrigin, VrpSet,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_DATASET: &'static str = r#"
/** Text, or the bytes of a file (gzip is decompressed; bzip2, xz and zstd
 * throw an `io` error), as a `Uint8Array` or gathered in an `InputBuffer`
 * (which the load takes over). */
export type DataInput = string | Uint8Array | InputBuffer;

/** The inputs of a `Dataset`; every one optional. */
export interface DatasetOptions {
  /** A validator export (any format, sniffed unless `vrpFormat`); its ASPAs
   * are the dataset's. */
  vrps?: DataInput;
  /** Read `vrps` as this format. */
  vrpFormat?: FormatName;
  /** An RFC 8416 SLURM file applied to the payloads. */
  slurm?: DataInput;
  /** RPSL dumps: one, or a list of dumps or `[source, dump]` pairs (every
   * object of such a dump belongs to `source`). */
  irr?: DataInput | ReadonlyArray<DataInput | readonly [source: string, dump: DataInput]>;
  /** A CAIDA `as-rel` file. */
  asrel?: DataInput;
  /** Bogon lists (Team Cymru format): lists or `[name, list]` pairs. */
  bogons?: ReadonlyArray<DataInput | readonly [name: string, list: DataInput]>;
  /** PeeringDB API pages (`{"data": [...]}` of `net`, `poc` or `org`
   * objects, as the API returns them), one or a list, merged (for
   * `manrsCheck`). */
  peeringdb?: DataInput | ReadonlyArray<DataInput>;
  /** The operator's anti-spoofing facts file (for `manrsCheck`). */
  savFacts?: DataInput;
  /** CAIDA Spoofer results (API JSON or CSV), one or a list (for
   * `manrsCheck`). */
  spoofer?: DataInput | ReadonlyArray<DataInput>;
  /** Fail on the first bad record or object (default: skip it with a
   * warning, payloads and IRR dumps alike). */
  strict?: boolean;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `DatasetOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "DatasetOptions")]
    pub type JsDatasetOptions;
}

/// Everything loaded, with shared indexes: `check` judges a route as
/// `routeguard path check --vrps V --aspa V --asrel R` does.
#[wasm_bindgen(js_name = Dataset)]
pub struct JsDataset {
    pub(crate) ds: Dataset,
    /// The VRP set's wrapper, kept for `validate` (its result buffers).
    vrps: Option<VrpSet>,
}

/// `[name, data]` or a bare input named `default`.
fn named(item: &JsValue, default: &str, what: &str) -> Result<(String, JsValue), JsValue> {
    if Array::is_array(item) {
        let pair: Array = item.clone().unchecked_into();
        let name = pair
            .get(0)
            .as_string()
            .filter(|_| pair.length() == 2)
            .ok_or_else(|| type_error(&format!("{what}: a pair must be [name, data]")))?;
        return Ok((name, pair.get(1)));
    }
    Ok((default.to_owned(), item.clone()))
}

/// The items of an option that takes one input or a list of them.
fn items(value: &JsValue) -> Vec<JsValue> {
    if Array::is_array(value) {
        Array::from(value).iter().collect()
    } else {
        vec![value.clone()]
    }
}

fn present(v: &JsValue) -> bool {
    !(v.is_undefined() || v.is_null())
}

fn builder(o: &JsValue) -> Result<DatasetBuilder, JsValue> {
    let mut b = Dataset::builder();
    let strict = field(o, "strict")?.is_truthy();
    let mode = if strict { Mode::Strict } else { Mode::Lenient };
    b = b.mode(mode).irr_mode(mode);
    let vrps = field(o, "vrps")?;
    if present(&vrps) {
        b = b.vrps(dataset_input("vrps", &vrps, "vrps")?);
    }
    let format = field(o, "vrpFormat")?;
    if present(&format) {
        let name = format
            .as_string()
            .ok_or_else(|| type_error("vrpFormat must be a string"))?;
        let f = routeguard::Format::from_name(&name)
            .ok_or_else(|| type_error(&format!("unknown format {name:?}")))?;
        b = b.vrp_format(f);
    }
    let slurm = field(o, "slurm")?;
    if present(&slurm) {
        b = b.slurm(dataset_input("slurm", &slurm, "slurm")?);
    }
    let irr = field(o, "irr")?;
    if present(&irr) {
        for (i, item) in items(&irr).iter().enumerate() {
            let sourced = Array::is_array(item);
            let (source, data) = named(item, &format!("irr[{i}]"), "irr")?;
            let input = dataset_input(&source, &data, "irr")?;
            b = b.irr(sourced.then_some(source.as_str()), input);
        }
    }
    let asrel = field(o, "asrel")?;
    if present(&asrel) {
        b = b.asrel(dataset_input("asrel", &asrel, "asrel")?);
    }
    let bogons = field(o, "bogons")?;
    if present(&bogons) {
        if !Array::is_array(&bogons) {
            return Err(type_error("bogons must be an array"));
        }
        for (i, item) in Array::from(&bogons).iter().enumerate() {
            let (name, data) = named(&item, &format!("bogons[{i}]"), "bogons")?;
            b = b.bogons(dataset_input(&name, &data, "bogons")?);
        }
    }
    let pdb = field(o, "peeringdb")?;
    if present(&pdb) {
        let list = items(&pdb);
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            let name = if n > 1 {
                format!("peeringdb[{i}]")
            } else {
                "peeringdb".to_owned()
            };
            b = b.peeringdb(dataset_input(&name, item, "peeringdb")?);
        }
    }
    let facts = field(o, "savFacts")?;
    if present(&facts) {
        b = b.sav_facts(dataset_input("savFacts", &facts, "savFacts")?);
    }
    let spoofer = field(o, "spoofer")?;
    if present(&spoofer) {
        let list = items(&spoofer);
        let n = list.len();
        for (i, item) in list.iter().enumerate() {
            let name = if n > 1 {
                format!("spoofer[{i}]")
            } else {
                "spoofer".to_owned()
            };
            b = b.spoofer(dataset_input(&name, item, "spoofer")?);
        }
    }
    Ok(b)
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// Loads every input given, in one call to the core builder. Lenient
    /// unless `strict`: bad records and objects are skipped (`warnings`).
    /// A bad input throws the core's error (`kind`, `code`, `line`) with
    /// the input named in the message (`vrps: line 2: …`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<JsDatasetOptions>) -> Result<JsDataset, JsValue> {
        let b = match options_object(options.as_ref().map(AsRef::as_ref))? {
            Some(o) => builder(o)?,
            None => Dataset::builder(),
        };
        let ds = b.build().map_err(|e| input_error(&e))?;
        let vrps = VrpSet::of_dataset(&ds, "vrps");
        Ok(JsDataset { ds, vrps })
    }

    /// Every check of one route received from a customer or lateral peer
    /// (ASPA upstream): `{rov, aspa, bogon, leak, text, …}` as
    /// `RouteChecker.check` gives it, `null` for a check without data.
    #[wasm_bindgen(unchecked_return_type = "RouteVerdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PathInput")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Origin")] neighbor: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let p = parse_prefix(&prefix)?;
        let path = path_arg(&path)?;
        let neighbor = opt_asn_arg(neighbor.as_ref())?;
        let v = self
            .ds
            .checker(Direction::Upstream)
            .check_from(&p, &path, neighbor);
        Ok(verdict_object(&v).into())
    }

    /// The IRR check of a route (`IrrDb.checkRoute`'s result, with the RPKI
    /// view when VRPs were loaded); `origin` `null` for a route without
    /// one. `null` when no IRR dump was loaded.
    #[wasm_bindgen(js_name = checkIrr, unchecked_return_type = "IrrCheck | null")]
    pub fn check_irr(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        origin: Option<JsOrigin>,
    ) -> Result<JsValue, JsValue> {
        let p = parse_prefix(&prefix)?;
        let origin = match origin {
            Some(o) => parse_origin(&o)?,
            None => None,
        };
        let (Some(db), Some(c)) = (self.ds.irr(), self.ds.check_irr(&p, origin)) else {
            return Ok(JsValue::NULL);
        };
        Ok(IrrDb::shared(Arc::clone(db), Vec::new()).check_object(&c))
    }

    /// RFC 6811 origin validation of one route (`VrpSet.validate`'s
    /// result); `null` when no VRP file was loaded.
    #[wasm_bindgen(unchecked_return_type = "RovResult | null")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        origin: Option<JsOrigin>,
    ) -> Result<JsValue, JsValue> {
        match &self.vrps {
            Some(v) => v.validate(prefix, origin),
            None => Ok(JsValue::NULL),
        }
    }

    /// `VrpSet.validateLines` on the dataset's VRPs (a `RovCode` per route
    /// line); `null` when no VRP file was loaded.
    #[wasm_bindgen(js_name = validateLines, unchecked_return_type = "Uint8Array | null")]
    pub fn validate_lines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<crate::lines::JsLinesOptions>,
    ) -> Result<JsValue, JsValue> {
        match &self.vrps {
            Some(v) => Ok(Uint8Array::from(
                crate::lines::states(v.index(), &text, options.as_ref().map(AsRef::as_ref))?
                    .as_slice(),
            )
            .into()),
            None => Ok(JsValue::NULL),
        }
    }

    /// `VrpSet.validateLinesDetailed` on the dataset's VRPs; `null` when no
    /// VRP file was loaded.
    #[wasm_bindgen(js_name = validateLinesDetailed, unchecked_return_type = "LinesResult | null")]
    pub fn validate_lines_detailed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<crate::lines::JsLinesOptions>,
    ) -> Result<JsValue, JsValue> {
        match &self.vrps {
            Some(v) => {
                crate::lines::detailed(v.index(), &text, options.as_ref().map(AsRef::as_ref))
            }
            None => Ok(JsValue::NULL),
        }
    }

    /// The payloads after SLURM as a `VrpSet` sharing the dataset's index.
    #[wasm_bindgen(getter)]
    pub fn vrps(&self) -> Option<VrpSet> {
        VrpSet::of_dataset(&self.ds, "vrps")
    }

    /// The VRP file's ASPAs as an `AspaSet` (shared).
    #[wasm_bindgen(getter)]
    pub fn aspas(&self) -> Option<AspaSet> {
        self.ds.aspas().map(|a| AspaSet::wrap(Arc::clone(a)))
    }

    /// The IRR database as an `IrrDb` (shared), with the dumps' warnings.
    #[wasm_bindgen(getter)]
    pub fn irr(&self) -> Option<IrrDb> {
        let db = self.ds.irr()?;
        let warnings = self
            .ds
            .warnings()
            .iter()
            .filter(|w| matches!(w.warning, routeguard::dataset::Diagnostic::Rpsl(_)))
            .map(ToString::to_string)
            .collect();
        Some(IrrDb::shared(Arc::clone(db), warnings))
    }

    /// The AS relationships as `AsRelations` (shared).
    #[wasm_bindgen(getter)]
    pub fn relations(&self) -> Option<AsRelations> {
        self.ds
            .relations()
            .map(|r| AsRelations::shared(Arc::clone(r)))
    }

    /// Every input's warnings (lenient mode), `INPUT: message`.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.ds.warnings().iter().map(ToString::to_string).collect()
    }

    /// The format the VRP file was read as, or `null`.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "\"json\" | \"csv\" | \"openbgpd\" | \"bird\" | \"slurm\" | \"snapshot\" | null"
    )]
    pub fn format(&self) -> Option<String> {
        self.ds.vrp_format().map(|f| f.name().to_owned())
    }
}
