// The file:// build's inlined parts, set before the page's scripts run: the
// full module's bytes and the VRP worker as a blob: URL (its script, with
// the lean module inlined, is bundled from worker.js first).
import fullWasm from "../../pkg/routeguard_wasm_bg.wasm";
import workerSource from "./vrp-worker.worker-src";

globalThis.routeguardInline = {
  fullWasm,
  workerUrl: URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })),
};
