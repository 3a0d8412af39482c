// Throughput of origin validation through the WebAssembly bindings:
// `validate()` per route, `validateMany`, and the batch calls
// `validateLines` / `validateLinesDetailed`, on the full rpki-client
// snapshot (723,521 VRPs) and 200,000 routes of the Routeviews prefix2as
// file (benches/src/lib.rs `data::VRPS`, `data::PFX2AS`), in node and, with
// --chromium, in real headless Chromium (playwright-core).
//
//   scripts/build-wasm.sh
//   node benches/wasm/lines-bench.mjs [--chromium] [--routes N] [--shuffle]
//
// --shuffle: the routes in a random order (seeded), not in address order.
// --pkg NAME: in Chromium, the web package bindings-wasm/NAME (e.g.
// pkg-lite, the lean module) instead of bindings-wasm/pkg.
//
// Data: $ROUTEGUARD_DATA or ../shared/data beside the repository. Prints one JSON object per
// environment. A measurement, not a test: nothing is asserted but that the
// batch calls agree with validateMany.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { routesText } from "./routes.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const WASM_DIR = path.join(REPO, "bindings-wasm");
const DATA = process.env.ROUTEGUARD_DATA || path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/data");
const VRPS = path.join(DATA, "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");
const PFX2AS = path.join(DATA, "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz");
const args = process.argv.slice(2);
const N = Number(args[args.indexOf("--routes") + 1]) || 200000;
const PKG = args.includes("--pkg") ? args[args.indexOf("--pkg") + 1] : "pkg";

// The benchmark body: runs in node and in the page (serialised), so it
// uses nothing but its arguments.
async function bench(m, vrpBytes, text, reps) {
  const now = () => performance.now();
  let t = now();
  const set = m.VrpSet.fromJson(vrpBytes);
  const load = (now() - t) / 1000;
  const routes = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const i = line.indexOf(" ");
    routes.push([line.slice(0, i), Number(line.slice(i + 1))]);
  }
  const bytes = new TextEncoder().encode(text);
  const best = (f) => {
    let b = Infinity;
    let out;
    for (let r = 0; r < reps; r++) {
      const s = now();
      out = f();
      b = Math.min(b, now() - s);
    }
    return [b / 1000, out];
  };
  const n = routes.length;
  const [single] = best(() => { let k = 0; for (const [p, o] of routes) k += set.validate(p, o).covering.length; return k; });
  const [many, manyOut] = best(() => set.validateMany(routes));
  const [lines, states] = best(() => set.validateLines(text));
  const [linesBytes, states2] = best(() => set.validateLines(bytes));
  const [detailed, d] = best(() => set.validateLinesDetailed(text));
  const code = { valid: 0, invalid: 1, "not-found": 2 };
  let agree = states.length === n && states2.length === n && d.states.length === n;
  for (let i = 0; agree && i < n; i++) {
    agree = states[i] === code[manyOut[i].state] && states2[i] === states[i] && d.states[i] === states[i];
  }
  const rate = (s) => Math.round(n / s);
  const result = {
    vrps: set.length, routes: n, loadSeconds: +load.toFixed(3),
    perSecond: { validate: rate(single), validateMany: rate(many), validateLines: rate(lines),
      validateLinesBytes: rate(linesBytes), validateLinesDetailed: rate(detailed) },
    agree,
  };
  set.free();
  return result;
}

const vrpBytes = execFileSync("bzcat", [VRPS], { maxBuffer: 512 * 1024 * 1024 });
const text = routesText(PFX2AS, N, { shuffle: args.includes("--shuffle") });
const order = args.includes("--shuffle") ? "shuffled" : "address order";
const env = `${order}; node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`;
// BENCH_PKG_WEB=DIR: in node, a web-target build in DIR (initSync) instead
// of pkg-node, to compare builds (e.g. another profile).
let m;
if (process.env.BENCH_PKG_WEB) {
  const dir = process.env.BENCH_PKG_WEB;
  m = await import(pathToFileURL(path.join(dir, "routeguard_wasm.js")).href);
  m.initSync({ module: readFileSync(path.join(dir, "routeguard_wasm_bg.wasm")) });
} else {
  m = createRequire(import.meta.url)(path.join(WASM_DIR, "pkg-node", "routeguard_wasm.js"));
}
console.log(JSON.stringify({ env, ...(await bench(m, new Uint8Array(vrpBytes), text, 3)) }));

if (args.includes("--chromium")) {
  const { chromium } = await import(path.join(WASM_DIR, "node_modules", "playwright-core", "index.mjs"));
  const { serve } = await import(path.join(WASM_DIR, "tests", "serve.mjs"));
  const server = await serve(WASM_DIR, 0);
  const profile = mkdtempSync(path.join(os.tmpdir(), "routeguard-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route("**/bench-data/vrps.json", (r) => r.fulfill({ body: vrpBytes, contentType: "application/json" }));
    await page.route("**/bench-data/routes.txt", (r) => r.fulfill({ body: text, contentType: "text/plain" }));
    await page.goto(`${server.url}/www/`);
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    const out = await page.evaluate(async ([src, url, pkg]) => {
      const m = await import(`${url}/${pkg}/routeguard_wasm.js`);
      await m.default();
      const vrps = new Uint8Array(await (await fetch(`${url}/bench-data/vrps.json`)).arrayBuffer());
      const routes = await (await fetch(`${url}/bench-data/routes.txt`)).text();
      const f = new Function(`return (${src})`)();
      return f(m, vrps, routes, 3);
    }, [bench.toString(), server.url, PKG]);
    console.log(JSON.stringify({ env: `${order}; chromium ${version}; ${PKG}`, ...out }));
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
