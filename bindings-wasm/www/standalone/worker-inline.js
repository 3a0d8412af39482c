// The lean module's bytes for the file:// build's worker.
import liteWasm from "../../pkg-lite/routeguard_wasm_bg.wasm";

self.routeguardInline = { liteWasm };
