// The page's VRP set lives here, in a module Web Worker running the lean
// module (../pkg-lite), so that loading a large export (the full
// rpki-client JSON is 75 MB) and checking long route lists never block the
// page. A load streams the file into the module's memory (InputBuffer: the
// bytes are never whole in JS as well), parses and indexes it, and keeps
// the set's VRP snapshot for the page's full module, which asks for it only
// when a section needs the VRPs.
//
// Requests: {id, op, ...}; replies: {id, type: "progress" | "done" | "error"}.
//   load           {file} or {text}, {format, options} → {format, warnings,
//                  skipped, length, aspaCount, routerKeyCount}
//                  (progress: {phase: "read", done, total}, {phase: "parse"})
//   snapshot       → {snapshot} (a Uint8Array, transferred)
//   validate       {prefix, origin} → {result} (VrpSet.validate)
//   validateMany   {routes} → {results} (VrpSet.validateMany)
//   version        → {version}
import init, { InputBuffer, loadVrpsWithSnapshot, version } from "../pkg-lite/routeguard_wasm.js";

// The file:// build inlines the module's bytes (standalone/worker-inline.js).
const ready = init(self.routeguardInline ? { module_or_path: self.routeguardInline.liteWasm } : undefined);
let set = null;
let snapshot = null;

/** Reads a File chunk by chunk into an InputBuffer, reporting progress.
 * A BYOB reader reuses one 1 MiB buffer, so the chunks leave no garbage for
 * the collector (a default reader, where that is missing, makes a new
 * array per chunk). */
async function readFile(id, file) {
  const input = new InputBuffer(file.size);
  let done = 0;
  let last = 0;
  const stream = file.stream();
  let byob = null;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    byob = null;
  }
  const reader = byob ?? stream.getReader();
  let buffer = new ArrayBuffer(1 << 20);
  for (;;) {
    const { done: end, value } = byob ? await byob.read(new Uint8Array(buffer)) : await reader.read();
    if (end) break;
    input.push(value);
    done += value.length;
    if (byob) buffer = value.buffer;
    const now = performance.now();
    if (now - last > 50) {
      last = now;
      postMessage({ id, type: "progress", phase: "read", done, total: file.size });
    }
  }
  postMessage({ id, type: "progress", phase: "read", done, total: file.size });
  return input;
}

async function load(id, { file, text, format, options }) {
  const input = file ? await readFile(id, file) : text;
  postMessage({ id, type: "progress", phase: "parse" });
  const [loaded, snap] = loadVrpsWithSnapshot(input, format ?? null, options ?? undefined);
  set?.free();
  snapshot?.free();
  [set, snapshot] = [loaded, snap];
  return [{
    format: set.format, warnings: set.warnings, skipped: set.skipped,
    length: set.length, aspaCount: set.aspaCount, routerKeyCount: set.routerKeyCount,
  }];
}

const OPS = {
  load,
  validate: (id, { prefix, origin }) => [{ result: set.validate(prefix, origin) }],
  validateMany: (id, { routes }) => [{ results: set.validateMany(routes) }],
  snapshot: () => {
    const bytes = snapshot.bytes;
    return [{ snapshot: bytes }, [bytes.buffer]];
  },
  version: () => [{ version: version() }],
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    await ready;
    const [reply, transfer = []] = await OPS[op](id, data);
    postMessage({ id, type: "done", ...reply }, transfer);
  } catch (e) {
    const error = { message: e instanceof Error ? e.message : String(e) };
    for (const key of ["kind", "code", "line", "index"]) if (e?.[key] !== undefined) error[key] = e[key];
    postMessage({ id, type: "error", error });
  }
};
