// The page's VRP loader, run as a module Web Worker so that a large export
// (the full rpki-client JSON is 75 MB) is read and parsed off the main
// thread. It streams the file into the module's memory (InputBuffer: the
// bytes are never whole in JS as well), parses it with the lean module
// (../pkg-lite), and posts back a VRP snapshot, which the page indexes with
// VrpSet.fromSnapshot. The page ends the worker after each load (or to
// cancel one): that frees everything the parse needed.
//
// Messages in:  {file: File} or {text: string}, plus {format, options}.
// Messages out: {type: "progress", phase: "read" | "parse", done, total}
//               {type: "done", bytes, format, warnings, skipped, length,
//                aspaCount, routerKeyCount, parseMs}
//               {type: "error", message, kind, code, line}
import init, { InputBuffer, snapshotVrps } from "../pkg-lite/routeguard_wasm.js";

const ready = init();

/** Reads a File chunk by chunk into an InputBuffer, reporting progress. */
async function readFile(file) {
  const input = new InputBuffer(file.size);
  let done = 0;
  let last = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    input.push(value);
    done += value.length;
    const now = performance.now();
    if (now - last > 50) {
      last = now;
      postMessage({ type: "progress", phase: "read", done, total: file.size });
    }
  }
  postMessage({ type: "progress", phase: "read", done, total: file.size });
  return input;
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const input = data.file ? await readFile(data.file) : data.text;
    postMessage({ type: "progress", phase: "parse" });
    const t0 = performance.now();
    const snap = snapshotVrps(input, data.format ?? null, data.options ?? undefined);
    const bytes = snap.bytes;
    const reply = {
      type: "done",
      bytes,
      format: snap.format,
      warnings: snap.warnings,
      skipped: snap.skipped,
      length: snap.length,
      aspaCount: snap.aspaCount,
      routerKeyCount: snap.routerKeyCount,
      parseMs: performance.now() - t0,
    };
    snap.free();
    postMessage(reply, [bytes.buffer]);
  } catch (e) {
    postMessage({
      type: "error",
      message: e instanceof Error ? e.message : String(e),
      kind: e?.kind,
      code: e?.code,
      line: e?.line,
    });
  }
};
