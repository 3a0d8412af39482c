// The lean module (bindings-wasm/pkg-lite: the crate without its `full`
// feature, profile wasm-lite; scripts/build-wasm.sh) against the full one
// (bindings-wasm/pkg): the same answers for everything the lite module
// exports, and none of the gated classes.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { REPO, WASM_DIR } from "./helpers.mjs";

/** A web-target package, instantiated in node from its bytes (initSync). */
async function loadWeb(dir) {
  const js = path.join(WASM_DIR, dir, "routeguard_wasm.js");
  if (!existsSync(js)) throw new Error(`${js} is missing: run scripts/build-wasm.sh first`);
  const m = await import(pathToFileURL(js).href);
  m.initSync({ module: readFileSync(path.join(WASM_DIR, dir, "routeguard_wasm_bg.wasm")) });
  return m;
}

const lite = await loadWeb("pkg-lite");
const full = await loadWeb("pkg");

const VRPS = readFileSync(path.join(REPO, "examples", "vrps.json"), "utf8");
const ROUTES = readFileSync(path.join(REPO, "examples", "routes.txt"), "utf8");
/** routes.txt as [prefix, origin] pairs (its lines are `PREFIX ORIGIN`). */
const PAIRS = ROUTES.split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.trim().split(/[\s,]+/));

/** What a VrpSet says about itself. */
const summary = (s) => ({
  length: s.length, aspaCount: s.aspaCount, routerKeyCount: s.routerKeyCount,
  format: s.format, generated: s.generated, warnings: s.warnings, skipped: s.skipped,
});

/** An error as plain data (message, kind, code, index, line). */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return { name: e.name, message: e.message, kind: e.kind, code: e.code, index: e.index, line: e.line };
  }
  assert.fail("no error thrown");
}

/** Both modules' sets, loaded by the same call. */
function both(load) {
  return [load(lite), load(full)];
}

test("the lite module is the smaller one", () => {
  const size = (dir) => readFileSync(path.join(WASM_DIR, dir, "routeguard_wasm_bg.wasm")).length;
  assert.ok(size("pkg-lite") < size("pkg") / 2, `pkg-lite ${size("pkg-lite")} bytes, pkg ${size("pkg")}`);
});

test("the gated classes and functions are absent; the rest is exported by both", () => {
  for (const name of ["Dataset", "IrrDb", "AsPath", "AsRelations", "AspaSet", "Bogons", "RouteChecker",
    "PrefixFilter", "ManrsReport", "ManrsObservatory", "convertVrps", "antispoof", "auditConfig",
    "diffPrefixLists", "verifyUpstream", "detectLeaks"]) {
    assert.equal(typeof full[name], "function", `full ${name}`);
    assert.equal(lite[name], undefined, `lite ${name}`);
  }
  assert.equal(typeof full.VrpSet.prototype.aspaSet, "function");
  assert.equal(lite.VrpSet.prototype.aspaSet, undefined);
  for (const name of Object.keys(lite)) {
    assert.equal(typeof full[name], typeof lite[name], `lite export ${name} is in full`);
  }
  for (const name of ["fromJson", "fromCsv", "fromText"]) assert.equal(typeof lite.VrpSet[name], "function");
  for (const name of ["validate", "validateMany", "validateLines", "validateLinesDetailed"]) {
    assert.equal(typeof lite.VrpSet.prototype[name], "function", name);
  }
  assert.deepEqual({ ...lite.RovCode }, { ...full.RovCode });
  assert.deepEqual({ ...lite.ReasonCode }, { ...full.ReasonCode });
  assert.equal(lite.version(), full.version());
});

test("examples/vrps.json loads alike: text, bytes, gzip, every loader", () => {
  const bytes = new TextEncoder().encode(VRPS);
  const loads = [
    (m) => m.VrpSet.fromJson(VRPS),
    (m) => m.VrpSet.fromJson(bytes),
    (m) => m.VrpSet.fromText(new Uint8Array(gzipSync(bytes))),
    (m) => m.VrpSet.fromText(VRPS, "json", { lenient: true }),
  ];
  for (const load of loads) {
    const [a, b] = both(load);
    assert.deepEqual(summary(a), summary(b));
    assert.equal(a.length, 7);
    a.free();
    b.free();
  }
});

test("examples/routes.txt: validate, validateMany, validateLines, validateLinesDetailed agree", () => {
  const [a, b] = both((m) => m.VrpSet.fromJson(VRPS));
  assert.ok(PAIRS.length >= 10);
  for (const [prefix, origin] of PAIRS) {
    assert.deepEqual(a.validate(prefix, origin), b.validate(prefix, origin), `${prefix} ${origin}`);
  }
  const many = a.validateMany(PAIRS);
  assert.deepEqual(many, b.validateMany(PAIRS));
  assert.deepEqual(new Set(many.map((r) => r.state)), new Set(["valid", "invalid", "not-found"]));

  const states = a.validateLines(ROUTES);
  assert.deepEqual(states, b.validateLines(ROUTES));
  assert.deepEqual([...states], many.map((r) => lite.RovCode[r.state === "not-found" ? "NotFound"
    : r.state === "valid" ? "Valid" : "Invalid"]));
  assert.deepEqual(a.validateLines(new Uint8Array(gzipSync(ROUTES))), states);

  const text = `${ROUTES}not a route\n10.0.0.1/8 64500\n`;
  const da = a.validateLinesDetailed(text, { relaxed: false });
  const db = b.validateLinesDetailed(text, { relaxed: false });
  const plain = (d) => ({ ...d, firstError: d.firstError && { message: d.firstError.message,
    kind: d.firstError.kind, code: d.firstError.code, line: d.firstError.line } });
  assert.deepEqual(plain(da), plain(db));
  assert.equal(da.unparsable, 2);
  assert.deepEqual(a.validateLines(text, { relaxed: true }), b.validateLines(text, { relaxed: true }));
  a.free();
  b.free();
});

test("SLURM and lenient loads agree", () => {
  const slurm = JSON.stringify({
    slurmVersion: 1,
    validationOutputFilters: { prefixFilters: [{ prefix: "198.51.100.0/24", comment: "drop" }], bgpsecFilters: [] },
    locallyAddedAssertions: { prefixAssertions: [{ asn: 64511, prefix: "192.0.2.0/24", maxPrefixLength: 24 }],
      bgpsecAssertions: [] },
  });
  const [a, b] = both((m) => m.VrpSet.fromJson(VRPS, { slurm }));
  assert.deepEqual(summary(a), summary(b));
  assert.deepEqual(a.validateMany(PAIRS), b.validateMany(PAIRS));
  assert.equal(a.validate("192.0.2.0/24", 64511).state, "valid");
  const csv = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\nASx,bad,1,ripe\n";
  const [c, d] = both((m) => m.VrpSet.fromCsv(csv, { lenient: true }));
  assert.deepEqual(summary(c), summary(d));
  assert.equal(c.skipped, 1);
  for (const s of [a, b, c, d]) s.free();
});

test("errors map alike: kind, code, message, index", () => {
  const [a, b] = both((m) => m.VrpSet.fromJson(VRPS));
  const cases = [
    (m) => m.VrpSet.fromJson("{"),
    (m) => m.VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nASx,bad,1,ripe\n"),
    (m) => m.VrpSet.fromText(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])),
    (m) => m.VrpSet.fromText("", "nope"),
    (m) => m.VrpSet.fromJson(VRPS, { slurm: "{" }),
    (m, s) => s.validate("192.0.2.1/24", 64500),
    (m, s) => s.validate("192.0.2.0/24", "ASx"),
    (m, s) => s.validate(42, 64500),
    (m, s) => s.validateMany([["192.0.2.0/24", 1], ["bad", 2]]),
    (m, s) => s.validateLines(new Uint8Array([0x1f, 0x8b, 0x08, 0x00])),
  ];
  for (const f of cases) {
    const ea = thrown(() => f(lite, a));
    assert.deepEqual(ea, thrown(() => f(full, b)), String(f));
    assert.ok(ea.kind && ea.code, String(f));
  }
  a.free();
  b.free();
});

test("snapshots: the same bytes from both, read back alike across modules", () => {
  const [a, b] = both((m) => m.snapshotVrps(VRPS, "json"));
  assert.deepEqual(a.bytes, b.bytes);
  assert.ok(a.byteLength > 0);
  // A snapshot made by the full module (say, in a worker) read by the lite one, and back.
  const [c, d] = [lite.VrpSet.fromSnapshot(b.bytes), full.VrpSet.fromSnapshot(a.bytes)];
  const [e, f] = both((m) => m.VrpSet.fromJson(VRPS));
  assert.deepEqual(c.validateLines(ROUTES), f.validateLines(ROUTES));
  assert.deepEqual(c.validateMany(PAIRS), d.validateMany(PAIRS));
  assert.deepEqual(c.validateMany(PAIRS), e.validateMany(PAIRS));
  const input = new lite.InputBuffer(VRPS.length);
  input.push(new TextEncoder().encode(VRPS));
  const g = lite.VrpSet.fromText(input);
  assert.deepEqual(summary(g), summary(f));
  for (const s of [a, b, c, d, e, f, g]) s.free();
});
