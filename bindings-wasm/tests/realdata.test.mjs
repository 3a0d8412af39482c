// Real data through the WebAssembly bindings in node: the npm rpki-validator
// test set (5,000 VRPs) and the full rpki-client snapshot (723,521 VRPs).
// Data: $ROUTEGUARD_DATA or <repo>/../shared/data; skipped when missing,
// except with CI=true, where a missing file fails.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { loadPkg, mapValidator, naiveValidate, needsData, parsePrefixBits, routesAround } from "./helpers.mjs";

const { VrpSet } = loadPkg();

const NPM = needsData("vrps/rpki-validator-npm_test_5000vrps.json");
const SNAPSHOT = needsData("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");

/**
 * Compares validateMany with a JS reference (the naive scan, or for big sets
 * the exact-prefix map) and with validate, on routes around the VRPs.
 */
function differential(set, raw, count, seed, big = false) {
  const vrps = raw.map((v) => ({
    ...parsePrefixBits(v.prefix),
    maxLength: v.maxLength,
    asn: typeof v.asn === "number" ? v.asn : Number(String(v.asn).replace(/^AS/i, "")),
  }));
  const routes = routesAround(vrps, count, seed);
  const reference = big ? mapValidator(vrps) : (p, o) => naiveValidate(vrps, p, o);
  const results = set.validateMany(routes);
  const states = { valid: 0, invalid: 0, "not-found": 0 };
  routes.forEach(([prefix, origin], i) => {
    const r = results[i];
    const naive = reference(prefix, origin);
    assert.deepEqual([r.state, r.reason, r.covering.length], [naive.state, naive.reason, naive.count],
      `${prefix} ${origin}`);
    states[r.state] += 1;
  });
  // spot-check that the batch API equals the single one
  for (let i = 0; i < routes.length; i += 97) {
    assert.deepEqual(results[i], set.validate(...routes[i]));
  }
  return states;
}

test("npm rpki-validator test set: 5,000 VRPs, naive-scan differential", { skip: NPM.skip }, () => {
  const text = readFileSync(NPM.file, "utf8");
  const raw = JSON.parse(text);
  const set = VrpSet.fromJson(text);
  assert.equal(set.length, 5000);
  assert.equal(VrpSet.fromText(text).length, 5000);
  const as0 = raw.filter((v) => Number(v.asn) === 0);
  assert.equal(as0.length, 15);
  for (const v of as0) {
    const r = set.validate(v.prefix, 0);
    assert.equal(r.state, "invalid");
    assert.equal(r.reason, "as");
  }
  for (const v of raw.slice(0, 200)) {
    const r = set.validate(v.prefix, v.asn);
    if (Number(v.asn) !== 0) assert.equal(r.state, "valid", `${v.prefix} ${v.asn}`);
  }
  const states = differential(set, raw, 1500, 42);
  for (const s of ["valid", "invalid", "not-found"]) assert.ok(states[s] > 25, JSON.stringify(states));
  set.free();
});

test("full rpki-client snapshot: 723,521 VRPs, 100 ASPAs, 2 router keys", { skip: SNAPSHOT.skip }, () => {
  const bytes = execFileSync("bzcat", [SNAPSHOT.file], { maxBuffer: 256 * 1024 * 1024 });
  const started = performance.now();
  const set = VrpSet.fromJson(bytes);
  const loadMs = performance.now() - started;
  assert.equal(set.length, 723521);
  assert.equal(set.aspaCount, 100);
  assert.equal(set.routerKeyCount, 2);
  assert.equal(set.format, "json");
  assert.equal(set.generated, Date.parse("2025-07-20T09:31:33Z") / 1000);

  assert.deepEqual(set.validate("1.1.1.0/24", "AS13335"), {
    state: "valid", reason: null, covering: [{ prefix: "1.1.1.0/24", maxLength: 24, asn: 13335, ta: "apnic" }],
  });
  const longer = set.validate("1.1.1.0/25", 13335);
  assert.equal(longer.state, "invalid");
  assert.equal(longer.reason, "length");
  assert.equal(set.validate("1.1.1.0/24", 64500).reason, "as");
  assert.equal(set.validate("10.0.0.0/8", 64500).state, "not-found");

  const raw = JSON.parse(bytes.toString("utf8")).roas;
  assert.equal(raw.length, 723521);
  const states = differential(set, raw, 20000, 2025, true);
  for (const s of ["valid", "invalid", "not-found"]) assert.ok(states[s] > 500, JSON.stringify(states));

  // a batch over every IPv6 VRP prefix with its own origin: all valid unless AS0
  const v6 = raw.filter((v) => v.prefix.includes(":"));
  assert.equal(v6.length, 143155);
  const t0 = performance.now();
  const results = set.validateMany(v6.map((v) => [v.prefix, v.asn]));
  const batchMs = performance.now() - t0;
  v6.forEach((v, i) => assert.equal(results[i].state, v.asn === 0 ? "invalid" : "valid"));
  console.log(`# snapshot: load ${loadMs.toFixed(0)} ms, validateMany of ${v6.length} IPv6 routes ${batchMs.toFixed(0)} ms`);
  set.free();
});
