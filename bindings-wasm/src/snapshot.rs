//! VRP snapshots (`routeguard::parse::snapshot`, RFC 6811 payloads in
//! routeguard's compact binary form) for handing a loaded set from a Web
//! Worker to the page: the worker parses the export and calls
//! `snapshotVrps`, transfers `bytes` (no copy), and exits, which frees the
//! memory the parse needed; the page reads the bytes with
//! `VrpSet.fromText` or `VrpSet.fromSnapshot` (indexing only, no text
//! parsing). `www/vrp-worker.js` does this.

use routeguard::parse::Format;
use routeguard::render;
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::{format_arg, load_payloads, JsFormatName, JsLoadOptions, VrpSet};

/// Bytes gathered in the module's memory chunk by chunk, so that a large
/// file read from a stream is never whole in JS memory as well: push each
/// chunk of `file.stream()`, then pass the buffer wherever a `Uint8Array`
/// input is taken (`snapshotVrps`, `VrpSet.fromText`, `new Dataset`). The
/// load takes the buffer over: the JS object is unusable afterwards.
///
/// ```js
/// const input = new InputBuffer(file.size);
/// for await (const chunk of file.stream()) input.push(chunk);
/// const snap = snapshotVrps(input);
/// ```
#[wasm_bindgen]
pub struct InputBuffer {
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl InputBuffer {
    /// An empty buffer with room for `capacity` bytes (the file's size), so
    /// that pushing never copies what it already holds.
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: Option<usize>) -> InputBuffer {
        InputBuffer {
            bytes: Vec::with_capacity(capacity.unwrap_or(0)),
        }
    }

    /// Appends a chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        self.bytes.extend_from_slice(chunk);
    }

    /// Bytes held so far.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.bytes.len()
    }
}

impl InputBuffer {
    /// The bytes of `value` when it is an `InputBuffer` (which JS then
    /// gives up); `None` for anything else.
    pub(crate) fn take(value: &JsValue) -> Option<Vec<u8>> {
        InputBuffer::try_from_js_value_ref(value).map(|b| b.bytes)
    }
}

/// A validator export loaded and written as a VRP snapshot, with what the
/// load reported (the snapshot itself carries only the payloads).
#[wasm_bindgen]
pub struct VrpSnapshot {
    bytes: Vec<u8>,
    format: Option<Format>,
    warnings: Vec<String>,
    skipped: usize,
    vrps: usize,
    aspas: usize,
    router_keys: usize,
}

/// Loads a validator export like `VrpSet.fromText` (the given format or the
/// sniffed one; the options' SLURM file applied) without indexing it, and
/// writes the payloads as a snapshot.
///
/// ```js
/// // in a Web Worker
/// const snap = snapshotVrps(new Uint8Array(await file.arrayBuffer()));
/// const bytes = snap.bytes;
/// postMessage({ bytes, format: snap.format, warnings: snap.warnings }, [bytes.buffer]);
/// // in the page
/// const set = VrpSet.fromSnapshot(message.bytes);
/// ```
#[wasm_bindgen(js_name = snapshotVrps)]
pub fn snapshot_vrps(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
    format: Option<JsFormatName>,
    options: Option<JsLoadOptions>,
) -> Result<VrpSnapshot, JsValue> {
    let ds = load_payloads(&input, format_arg(format)?, options, true)?;
    Ok(VrpSnapshot::of(&ds))
}

impl VrpSnapshot {
    /// The snapshot of a dataset's VRP input, with what its load reported.
    fn of(ds: &routeguard::dataset::Dataset) -> VrpSnapshot {
        let name = crate::VRPS_INPUT;
        let empty = routeguard::VrpSet::new();
        let set = ds.vrps().map_or(&empty, |s| &**s);
        VrpSnapshot {
            bytes: render::snapshot::encode(set),
            format: ds.vrp_format(),
            warnings: ds
                .warnings()
                .iter()
                .filter(|w| &*w.input == name)
                .map(|w| w.warning.to_string())
                .collect(),
            skipped: ds.skipped(name),
            vrps: set.vrps.len(),
            aspas: set.aspas.len(),
            router_keys: set.router_keys.len(),
        }
    }
}

#[wasm_bindgen]
impl VrpSnapshot {
    /// The snapshot (a copy out of the module's memory: transfer it).
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> js_sys::Uint8Array {
        js_sys::Uint8Array::from(&self.bytes[..])
    }

    /// The snapshot's size in bytes.
    #[wasm_bindgen(getter, js_name = byteLength)]
    pub fn byte_length(&self) -> usize {
        self.bytes.len()
    }

    /// The format of the export that was read.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "\"json\" | \"csv\" | \"openbgpd\" | \"bird\" | \"slurm\" | \"snapshot\" | null"
    )]
    pub fn format(&self) -> Option<String> {
        self.format.map(|f| f.name().to_owned())
    }

    /// Lenient mode's warnings, one per skipped record (at most the
    /// options' `maxWarnings`).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// How many records lenient mode skipped.
    #[wasm_bindgen(getter)]
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Number of VRPs.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.vrps
    }

    /// Number of ASPAs.
    #[wasm_bindgen(getter, js_name = aspaCount)]
    pub fn aspa_count(&self) -> usize {
        self.aspas
    }

    /// Number of BGPsec router keys.
    #[wasm_bindgen(getter, js_name = routerKeyCount)]
    pub fn router_key_count(&self) -> usize {
        self.router_keys
    }
}

#[wasm_bindgen]
impl VrpSet {
    /// Reads a VRP snapshot (`snapshotVrps(…).bytes`) and indexes it. The
    /// same as `VrpSet.fromText(bytes, "snapshot")`; `fromText` also
    /// recognises a snapshot by its first bytes.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<VrpSet, JsValue> {
        Self::load(&bytes, Some(Format::Snapshot), None)
    }
}

/// Loads a validator export like `VrpSet.fromText` and, from the same
/// parse, writes its payloads as a snapshot: `[set, snapshot]`. A Web
/// Worker that keeps the set can hand `snapshot.bytes` to another module
/// (the page's full module reads them with `VrpSet.fromSnapshot`) without
/// parsing twice; until then the bytes stay in this module's memory, in the
/// room the parse freed.
#[wasm_bindgen(js_name = loadVrpsWithSnapshot, unchecked_return_type = "[VrpSet, VrpSnapshot]")]
pub fn load_vrps_with_snapshot(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | InputBuffer")] input: JsValue,
    format: Option<JsFormatName>,
    options: Option<JsLoadOptions>,
) -> Result<js_sys::Array, JsValue> {
    let ds = load_payloads(&input, format_arg(format)?, options, false)?;
    let set = VrpSet::of_dataset(&ds, crate::VRPS_INPUT)
        .ok_or_else(|| crate::type_error("no VRP input"))?;
    let snapshot = VrpSnapshot::of(&ds);
    drop(ds);
    Ok(js_sys::Array::of2(
        &JsValue::from(set),
        &JsValue::from(snapshot),
    ))
}
