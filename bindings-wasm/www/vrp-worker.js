// The page's VRP set lives here, in a module Web Worker running the lean
// module (../pkg-lite), so that loading a large export (the full
// rpki-client JSON is 75 MB) and checking long route lists never block the
// page. A load streams the file into the module's memory (InputBuffer: the
// bytes are never whole in JS as well), parses and indexes it, and also
// posts back the set as a VRP snapshot for the page's full module.
//
// Requests: {id, op, ...}; replies: {id, type: "progress" | "done" | "error"}.
//   load           {file} or {text}, {format, options} → {format, warnings,
//                  skipped, length, aspaCount, routerKeyCount, snapshot}
//                  (progress: {phase: "read", done, total}, {phase: "parse"})
//   validate       {prefix, origin} → {result} (VrpSet.validate)
//   validateMany   {routes} → {results} (VrpSet.validateMany)
//   version        → {version}
import init, { InputBuffer, loadVrpsWithSnapshot, version } from "../pkg-lite/routeguard_wasm.js";

const ready = init();
let set = null;

/** Reads a File chunk by chunk into an InputBuffer, reporting progress. */
async function readFile(id, file) {
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
      postMessage({ id, type: "progress", phase: "read", done, total: file.size });
    }
  }
  postMessage({ id, type: "progress", phase: "read", done, total: file.size });
  return input;
}

async function load(id, { file, text, format, options }) {
  const input = file ? await readFile(id, file) : text;
  postMessage({ id, type: "progress", phase: "parse" });
  const [loaded, snapshot] = loadVrpsWithSnapshot(input, format ?? null, options ?? undefined);
  set?.free();
  set = loaded;
  const reply = {
    format: set.format, warnings: set.warnings, skipped: set.skipped,
    length: set.length, aspaCount: set.aspaCount, routerKeyCount: set.routerKeyCount, snapshot,
  };
  return [reply, [snapshot.buffer]];
}

const OPS = {
  load,
  validate: (id, { prefix, origin }) => [{ result: set.validate(prefix, origin) }],
  validateMany: (id, { routes }) => [{ results: set.validateMany(routes) }],
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
