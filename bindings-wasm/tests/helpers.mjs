// Shared helpers for the node and browser tests of the WebAssembly bindings.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** bindings-wasm/ */
export const WASM_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The repository root. */
export const REPO = path.resolve(WASM_DIR, "..");

/** Loads the nodejs build of the bindings (bindings-wasm/pkg-node). */
export function loadPkg() {
  const entry = path.join(WASM_DIR, "pkg-node", "routeguard_wasm.js");
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run scripts/build-wasm.sh first`);
  }
  return createRequire(import.meta.url)(entry);
}

/** The shared data directory: $ROUTEGUARD_DATA, else <repo>/../shared/data. */
export const DATA_DIR = process.env.ROUTEGUARD_DATA || path.resolve(REPO, "..", "shared", "data");

const CI = process.env.CI === "true";

/**
 * `{skip}` options for a test that needs a data file: skipped with a message
 * when the file is missing, except with CI=true, where the test runs (and
 * fails on the missing file).
 */
export function needsData(relPath) {
  const file = path.join(DATA_DIR, relPath);
  if (existsSync(file) || CI) return { file, skip: false };
  return { file, skip: `missing ${file} (set ROUTEGUARD_DATA; CI=true makes this a failure)` };
}

/** The RFC 6811 decision over the VRPs that cover a route. */
function decide(covering, route, originIn) {
  const origin = originIn == null ? null
    : typeof originIn === "number" ? originIn : Number(String(originIn).replace(/^as/i, ""));
  if (covering.length === 0) return { state: "not-found", reason: null, count: 0 };
  const matches = covering.filter((v) => v.asn === origin && v.asn !== 0 && route.len <= v.maxLength);
  if (matches.length > 0) return { state: "valid", reason: null, count: matches.length };
  const sameAs = covering.some((v) => v.asn === origin && v.asn !== 0);
  return { state: "invalid", reason: sameAs ? "length" : "as", count: covering.length };
}

const width = (v6) => (v6 ? 128n : 32n);

/** The obvious RFC 6811 reference: scan every VRP ({bits, len, v6, maxLength, asn}). */
export function naiveValidate(vrps, prefix, origin) {
  const route = parsePrefixBits(prefix);
  const covering = vrps.filter((v) => v.v6 === route.v6 && v.len <= route.len &&
    route.bits >> (width(v.v6) - BigInt(v.len)) === v.bits >> (width(v.v6) - BigInt(v.len)));
  return decide(covering, route, origin);
}

/**
 * The same reference for big sets: VRPs in a map by exact prefix, a route's
 * covering VRPs found by looking up each of its truncations (0..len).
 */
export function mapValidator(vrps) {
  const key = (v6, bits, len) => `${v6 ? 6 : 4}/${len}/${bits >> (width(v6) - BigInt(len))}`;
  const byPrefix = new Map();
  for (const v of vrps) {
    const k = key(v.v6, v.bits, v.len);
    if (!byPrefix.has(k)) byPrefix.set(k, []);
    byPrefix.get(k).push(v);
  }
  return (prefix, origin) => {
    const route = parsePrefixBits(prefix);
    const covering = [];
    for (let len = 0; len <= route.len; len++) covering.push(...(byPrefix.get(key(route.v6, route.bits, len)) ?? []));
    return decide(covering, route, origin);
  };
}

/** `192.0.2.0/24` → {bits: BigInt, len, v6}. Handles `::` compression. */
export function parsePrefixBits(prefix) {
  const [addr, lenText] = prefix.split("/");
  const len = Number(lenText);
  if (!addr.includes(":")) {
    const bits = addr.split(".").reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
    return { bits, len, v6: false };
  }
  let groups;
  if (addr.includes("::")) {
    const [head, tail] = addr.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  } else {
    groups = addr.split(":");
  }
  const bits = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  return { bits, len, v6: true };
}

/** A deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The inverse of parsePrefixBits (IPv6 written as eight groups, no `::`). */
export function formatPrefix({ bits, len, v6 }) {
  if (!v6) {
    const o = [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 255n));
    return `${o.join(".")}/${len}`;
  }
  const g = [];
  for (let s = 112n; s >= 0n; s -= 16n) g.push(((bits >> s) & 0xffffn).toString(16));
  return `${g.join(":")}/${len}`;
}

/** Routes around a VRP list for differential tests: exact, more specific, shorter, unrelated. */
export function routesAround(vrps, count, seed) {
  const rand = rng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const routes = [];
  for (let i = 0; i < count; i++) {
    const v = pick(vrps);
    const width = v.v6 ? 128 : 32;
    const kind = rand();
    let len;
    if (kind < 0.5) len = v.len;
    else if (kind < 0.85) len = Math.min(width, v.len + Math.floor(rand() * (v.maxLength - v.len + 3)));
    else len = Math.max(0, v.len - 1 - Math.floor(rand() * 4));
    let bits = v.bits;
    // random host bits below the VRP length, then clear everything past `len`
    for (let b = v.len; b < len; b++) if (rand() < 0.5) bits |= 1n << BigInt(width - 1 - b);
    const mask = len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(width - len);
    bits &= mask;
    const r = rand();
    const origin = r < 0.55 ? v.asn : r < 0.8 ? pick(vrps).asn : r < 0.9 ? 0 : r < 0.95 ? null : 64496 + Math.floor(rand() * 16);
    routes.push([formatPrefix({ bits, len, v6: v.v6 }), origin]);
  }
  return routes;
}

/** Calls `fn`, expects it to throw, and returns what it threw. */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an exception");
}

/**
 * The routeguard CLI binary the tests compare with: $ROUTEGUARD_CLI, else
 * the release (then debug) build in $CARGO_TARGET_DIR or target/, else
 * `routeguard` on PATH; null when there is none.
 */
export function findCli() {
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, "target");
  const candidates = [process.env.ROUTEGUARD_CLI, path.join(target, "release", "routeguard"),
    path.join(REPO, "target", "release", "routeguard"), path.join(target, "debug", "routeguard")];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    return execFileSync("sh", ["-c", "command -v routeguard"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}
