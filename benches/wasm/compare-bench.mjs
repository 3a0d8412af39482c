// routeguard's WebAssembly bindings beside the npm rpki-validator, both in
// real headless Chromium (Debian /usr/bin/chromium, playwright-core), on the
// full rpki-client snapshot (723,521 VRPs) and 200,000 routes of the
// Routeviews prefix2as file (the route set of lines-bench.mjs).
//
//   scripts/build-wasm.sh                       # bindings-wasm/pkg, pkg-node
//   (cd bindings-wasm && npm ci)                # playwright-core
//   (cd benches/wasm && npm ci)                 # rpki-validator 2.14.7, esbuild (pinned)
//   node benches/wasm/compare-bench.mjs [--routes N] [--shuffle] [--reps N] [--node]
//
// --shuffle: the routes in a seeded random order; --node: also run the npm
// validator's part in node (throughput only, and node's RSS at the end).
//
// The npm validator is bundled for the page with esbuild (an IIFE that sets
// `RpkiValidator`) and fed the same VRPs locally: the snapshot's `roas`
// through its "external" connector (`setVRPs`, then `preCache()` builds its
// prefix trie), with `defaultRpkiApi: null`, so it makes no request. Each
// tool runs in a browser of its own (a fresh Chromium), so that the
// renderer's peak resident memory (VmHWM) is that tool's.
//
// Measured per tool: snapshot load (from the bytes already in the page),
// validations/s (best of --reps, default 3), renderer memory (VmHWM, VmRSS),
// JS heap (Performance.getMetrics, after a GC) and, for routeguard, the size
// of the wasm memory. The verdicts of both tools are compared route by route.
// Prints one JSON object. A measurement, not a test (not run in CI).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { CHROMIUM, WASM_DIR, launchChromium, measurePage } from "./chromium-harness.mjs";
import { routesText } from "./routes.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA = process.env.ROUTEGUARD_DATA || path.resolve(HERE, "../../../shared/data");
const VRPS = path.join(DATA, "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");
const PFX2AS = path.join(DATA, "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const N = opt("--routes", 200000);
const REPS = opt("--reps", 3);

for (const [file, hint] of [
  [path.join(WASM_DIR, "pkg", "routeguard_wasm.js"), "run scripts/build-wasm.sh"],
  [path.join(HERE, "node_modules", "rpki-validator", "package.json"), "run npm ci in benches/wasm/"],
  [CHROMIUM, "apt-get install chromium"], [VRPS, "set ROUTEGUARD_DATA"], [PFX2AS, "set ROUTEGUARD_DATA"],
]) {
  if (!existsSync(file)) throw new Error(`${file} missing: ${hint}`);
}

/**
 * A few routes outside the route set that show where the two tools' rules
 * differ, built from the snapshot: an AS0 VRP's prefix announced by AS0
 * (RFC 6483 section 4: an AS0 VRP matches no route, so invalid), by another
 * AS (invalid for both), and a VRP's prefix one bit longer than its maxLength.
 */
function semanticProbes(roas) {
  const as0 = roas.find((r) => r.asn === 0);
  const ml = roas.find((r) => r.asn !== 0 && !r.prefix.includes(":") && r.maxLength < 32);
  return [
    { prefix: as0.prefix, origin: 0, note: `AS0 VRP ${as0.prefix}-${as0.maxLength}, origin AS0` },
    { prefix: as0.prefix, origin: 64496, note: `AS0 VRP ${as0.prefix}-${as0.maxLength}, origin AS64496` },
    { prefix: `${ml.prefix.split("/")[0]}/${ml.maxLength + 1}`, origin: ml.asn,
      note: `VRP ${ml.prefix}-${ml.maxLength} AS${ml.asn}, announced one bit past maxLength` },
  ];
}

/** The npm rpki-validator bundled for the browser (esbuild, pinned in package.json). */
async function bundleNpmValidator() {
  const esbuild = createRequire(import.meta.url)(path.join(HERE, "node_modules", "esbuild"));
  const out = await esbuild.build({
    stdin: { contents: 'module.exports = require("rpki-validator");', resolveDir: HERE, loader: "js" },
    bundle: true, format: "iife", globalName: "RpkiValidator", platform: "browser", target: "chrome120",
    write: false, logLevel: "warning",
  });
  return out.outputFiles[0].text;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/__bench__/rpki-validator.js"></script><body>bench</body>`;

// --- page bodies (serialised into the page: they use nothing but their arguments)

async function routeguardLoad() {
  const now = () => performance.now();
  const m = await import(new URL("/pkg/routeguard_wasm.js", location.href).href);
  const wasm = await m.default();
  const vrpBytes = new Uint8Array(await (await fetch("/__bench__/vrps.json")).arrayBuffer());
  const t = now();
  const set = m.VrpSet.fromJson(vrpBytes);
  const load = (now() - t) / 1000;
  globalThis.bench = { m, wasm, set };
  return { loadSeconds: load, vrps: set.length, wasmMemoryBytes: wasm.memory.buffer.byteLength };
}

async function routeguardValidate(reps, probes) {
  const { wasm, set } = globalThis.bench;
  const now = () => performance.now();
  const text = await (await fetch("/__bench__/routes.txt")).text();
  const bytes = new TextEncoder().encode(text);
  const routes = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const i = line.indexOf(" ");
    routes.push([line.slice(0, i), Number(line.slice(i + 1))]);
  }
  const n = routes.length;
  const best = (f) => {
    let b = Infinity;
    let out;
    for (let r = 0; r < reps; r++) {
      const s = now();
      out = f();
      b = Math.min(b, now() - s);
    }
    return [Math.round(n / (b / 1000)), out];
  };
  const code = { valid: 0, invalid: 1, "not-found": 2 };
  const [validate, single] = best(() => routes.map(([p, o]) => code[set.validate(p, o).state]));
  const [validateMany, many] = best(() => set.validateMany(routes).map((r) => code[r.state]));
  const [validateLines, states] = best(() => set.validateLines(text));
  const [validateLinesBytes, states2] = best(() => set.validateLines(bytes));
  let agree = states.length === n && states2.length === n && single.length === n && many.length === n;
  for (let i = 0; agree && i < n; i++) agree = states2[i] === states[i] && single[i] === states[i] && many[i] === states[i];
  return {
    routes: n, perSecond: { validate, validateMany, validateLines, validateLinesBytes },
    apisAgree: agree, states: Array.from(states), wasmMemoryBytes: wasm.memory.buffer.byteLength,
    probes: probes.map(({ prefix, origin }) => code[set.validate(prefix, origin).state]),
  };
}

async function npmLoad() {
  const now = () => performance.now();
  const buf = await (await fetch("/__bench__/vrps.json")).arrayBuffer();
  const t0 = now();
  const json = JSON.parse(new TextDecoder().decode(buf));
  const t1 = now();
  const v = new globalThis.RpkiValidator({ connector: "external", defaultRpkiApi: null });
  v.setVRPs(json.roas);
  const t2 = now();
  await v.preCache();
  const t3 = now();
  globalThis.bench = { v };
  return {
    loadSeconds: (t3 - t0) / 1000,
    phases: { jsonParse: (t1 - t0) / 1000, setVRPs: (t2 - t1) / 1000, preCache: (t3 - t2) / 1000 },
    vrpsGiven: json.roas.length, vrps: v.getLength(),
  };
}

async function npmValidate(reps, rgStates, probes) {
  const { v } = globalThis.bench;
  const now = () => performance.now();
  const text = await (await fetch("/__bench__/routes.txt")).text();
  const routes = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const i = line.indexOf(" ");
    routes.push([line.slice(0, i), Number(line.slice(i + 1))]);
  }
  const n = routes.length;
  const best = async (f) => {
    let b = Infinity;
    let out;
    for (let r = 0; r < reps; r++) {
      const s = now();
      out = await f();
      b = Math.min(b, now() - s);
    }
    return [Math.round(n / (b / 1000)), out];
  };
  const code = (valid) => (valid === true ? 0 : valid === false ? 1 : 2);
  // validate(): the public call, a Promise per route, awaited one by one ...
  const [validate, states] = await best(async () => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = code(await v.validate(routes[i][0], routes[i][1]));
    return out;
  });
  // ... and all at once (it has no batch call for the local VRPs).
  const [validatePromiseAll] = await best(async () => (await Promise.all(routes.map(([p, o]) => v.validate(p, o)))).map(code));
  // validateFromCacheSync(): the synchronous lookup behind validate().
  const [validateFromCacheSync, syncStates] = await best(() => routes.map(([p, o]) => code(v.validateFromCacheSync(p, o))));
  let apisAgree = true;
  for (let i = 0; i < n; i++) if (syncStates[i] !== states[i]) apisAgree = false;
  // Verdicts against routeguard's (0 valid, 1 invalid, 2 not-found).
  const counts = { npm: [0, 0, 0], routeguard: [0, 0, 0] };
  const differences = [];
  let differing = 0;
  for (let i = 0; i < n; i++) {
    counts.npm[states[i]]++;
    counts.routeguard[rgStates[i]]++;
    if (states[i] !== rgStates[i]) {
      differing++;
      if (differences.length < 20) {
        const [p, o] = routes[i];
        differences.push({ route: `${p} AS${o}`, npm: states[i], routeguard: rgStates[i],
          npmCovering: v.validateFromCacheSync(p, o, true).covering.map((c) => `${c.prefix}-${c.maxLength} AS${c.asn}`) });
      }
    }
  }
  const probeStates = probes.map(({ prefix, origin }) => code(v.validateFromCacheSync(prefix, origin)));
  v.dispose();
  return { routes: n, perSecond: { validate, validatePromiseAll, validateFromCacheSync }, apisAgree, counts, differing, differences,
    probes: probeStates };
}

// --- driver

const vrpBytes = execFileSync("bzcat", [VRPS], { maxBuffer: 512 * 1024 * 1024 });
const text = routesText(PFX2AS, N, { shuffle: args.includes("--shuffle") });
const probes = semanticProbes(JSON.parse(vrpBytes.toString("utf8")).roas);
const bundle = await bundleNpmValidator();
const { serve } = await import(path.join(WASM_DIR, "tests", "serve.mjs"));
const server = await serve(WASM_DIR, 0);
const routes = {
  "/__bench__/page.html": { body: PAGE, contentType: "text/html; charset=utf-8" },
  "/__bench__/rpki-validator.js": { body: bundle, contentType: "text/javascript; charset=utf-8" },
  "/__bench__/vrps.json": { body: vrpBytes, contentType: "application/json" },
  "/__bench__/routes.txt": { body: text, contentType: "text/plain; charset=utf-8" },
};
const url = `${server.url}/__bench__/page.html`;
const MB = (b) => +(b / 2 ** 20).toFixed(1);
const memory = (m) => ({
  peakHwmMB: MB(m.peak.hwm), peakRssSampledMB: MB(m.peak.rss), renderers: m.renderers.length,
  marks: m.marks.map((k) => ({ at: k.label, rssMB: MB(k.rss), hwmMB: MB(k.hwm), jsHeapUsedMB: MB(k.jsHeapUsed), jsHeapTotalMB: MB(k.jsHeapTotal) })),
});
const evaluate = (page, f, ...a) => page.evaluate(`(${f.toString()})(...${JSON.stringify(a)})`);

/** One tool in a browser of its own. */
async function run(label, load, validate, extra = []) {
  const browser = await launchChromium();
  try {
    const version = browser.version();
    const problems = [];
    const setup = (page) => {
      page.on("pageerror", (e) => problems.push(e.message));
      // Nothing may leave the page's own origin (the npm validator's API included).
      page.on("request", (r) => { if (!r.url().startsWith(server.url)) problems.push(`request to ${r.url()}`); });
    };
    const m = await measurePage(browser, url, async ({ page, mark }) => {
      await mark("opened");
      const loaded = await evaluate(page, load);
      await mark("loaded");
      const validated = await evaluate(page, validate, REPS, ...extra);
      await mark("validated");
      if (problems.length) throw new Error(`${label}: ${problems.join("; ")}`);
      return { loaded, validated };
    }, { routes, setup });
    return { version, ...m.result, memory: memory(m) };
  } finally {
    await browser.close();
  }
}

try {
  const rg = await run("routeguard", routeguardLoad, routeguardValidate, [probes]);
  const rgStates = rg.validated.states;
  delete rg.validated.states;
  const npm = await run("rpki-validator", npmLoad, npmValidate, [rgStates, probes]);
  const names = ["valid", "invalid", "not-found"];
  const probeResults = probes.map((p, i) => ({ route: `${p.prefix} AS${p.origin}`, note: p.note,
    routeguard: names[rg.validated.probes[i]], rpkiValidator: names[npm.validated.probes[i]] }));
  delete rg.validated.probes;
  delete npm.validated.probes;
  const { version: pwVersion } = JSON.parse(readFileSync(path.join(WASM_DIR, "node_modules", "playwright-core", "package.json"), "utf8"));
  const npmVersion = JSON.parse(readFileSync(path.join(HERE, "node_modules", "rpki-validator", "package.json"), "utf8")).version;
  const ratio = (a, b) => +(a / b).toFixed(2);
  const bestNpm = npm.validated.perSecond.validateFromCacheSync;
  // --node: the npm validator's page bodies once more in node itself (the
  // issue's first figures were node's), fed the same bytes through a stub fetch.
  let npmNode;
  if (args.includes("--node")) {
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (u) => {
      const body = routes[new URL(u, "http://x").pathname].body;
      return { arrayBuffer: async () => new Uint8Array(body).buffer, text: async () => String(body) };
    };
    globalThis.RpkiValidator = createRequire(import.meta.url)(path.join(HERE, "node_modules", "rpki-validator"));
    try {
      const loaded = await npmLoad();
      const validated = await npmValidate(REPS, rgStates, probes);
      delete validated.probes;
      npmNode = { loaded, validated, rssMB: MB(process.memoryUsage().rss) };
    } finally {
      globalThis.fetch = realFetch;
      delete globalThis.bench;
    }
  }
  console.log(JSON.stringify({
    env: {
      date: new Date().toISOString(), chromium: rg.version, node: process.version, playwrightCore: pwVersion,
      rpkiValidator: npmVersion, cpu: os.cpus()[0].model, nproc: os.cpus().length,
      loadavg: os.loadavg().map((x) => +x.toFixed(2)), order: args.includes("--shuffle") ? "shuffled" : "address order",
      reps: REPS,
    },
    routeguard: rg,
    rpkiValidator: npm,
    probes: probeResults,
    ...(npmNode ? { rpkiValidatorNode: npmNode } : {}),
    ratios: {
      load: ratio(npm.loaded.loadSeconds, rg.loaded.loadSeconds),
      validateLinesVsNpmValidate: ratio(rg.validated.perSecond.validateLines, npm.validated.perSecond.validate),
      validateLinesVsNpmSync: ratio(rg.validated.perSecond.validateLines, bestNpm),
      validateLinesBytesVsNpmSync: ratio(rg.validated.perSecond.validateLinesBytes, bestNpm),
      validateVsNpmValidate: ratio(rg.validated.perSecond.validate, npm.validated.perSecond.validate),
      validateManyVsNpmSync: ratio(rg.validated.perSecond.validateMany, bestNpm),
      peakHwm: ratio(rg.memory.peakHwmMB, npm.memory.peakHwmMB),
    },
  }, null, 1));
} finally {
  await server.close();
}
