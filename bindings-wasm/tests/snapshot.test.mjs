// VRP snapshots: snapshotVrps (what the page's Web Worker runs) and
// VrpSet.fromSnapshot / fromText (what the page runs on the bytes).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { execFileSync } from "node:child_process";

import { loadPkg, needsData, REPO } from "./helpers.mjs";

const { InputBuffer, VrpSet, loadVrpsWithSnapshot, snapshotVrps } = loadPkg();
const VRPS = readFileSync(path.join(REPO, "examples", "vrps.json"));
const ROUTES = readFileSync(path.join(REPO, "examples", "routes.txt"), "utf8");

function same(a, b) {
  assert.equal(a.length, b.length);
  assert.equal(a.aspaCount, b.aspaCount);
  assert.equal(a.routerKeyCount, b.routerKeyCount);
  assert.equal(a.generated, b.generated);
  // States, reasons and the deciding VRPs (trust anchors included) of
  // every route of examples/routes.txt.
  const [da, db] = [a, b].map((s) => s.validateLinesDetailed(ROUTES, { relaxed: true }));
  assert.ok(da.states.length > 5);
  assert.deepEqual(da, db);
  assert.deepEqual(a.validate("192.0.2.0/24", 64500), b.validate("192.0.2.0/24", 64500));
}

test("a snapshot loads the same set as the export it came from", () => {
  const direct = VrpSet.fromText(VRPS);
  const snap = snapshotVrps(VRPS);
  assert.equal(snap.format, "json");
  assert.deepEqual([snap.length, snap.aspaCount, snap.routerKeyCount],
    [direct.length, direct.aspaCount, direct.routerKeyCount]);
  const bytes = snap.bytes;
  assert.equal(bytes.length, snap.byteLength);
  assert.ok(bytes.length < VRPS.length / 2, `${bytes.length} of ${VRPS.length}`);
  const fromSnapshot = VrpSet.fromSnapshot(bytes);
  assert.equal(fromSnapshot.format, "snapshot");
  same(fromSnapshot, direct);
  // fromText recognises the magic bytes.
  same(VrpSet.fromText(bytes), direct);
});

test("loadVrpsWithSnapshot: an indexed set and its snapshot from one parse", () => {
  const input = new InputBuffer(VRPS.length);
  for (let i = 0; i < VRPS.length; i += 100) input.push(VRPS.subarray(i, i + 100));
  assert.equal(input.length, VRPS.length);
  const [set, snap] = loadVrpsWithSnapshot(input, null, { lenient: true });
  assert.ok(set instanceof VrpSet);
  assert.deepEqual([snap.format, snap.length, snap.skipped], ["json", set.length, 0]);
  const bytes = snap.bytes;
  assert.equal(set.format, "json");
  const direct = VrpSet.fromText(VRPS);
  same(set, direct);
  assert.deepEqual(bytes, snapshotVrps(VRPS).bytes);
  same(VrpSet.fromSnapshot(bytes), direct);
  // The load took the buffer over.
  assert.throws(() => input.push(Uint8Array.of(1)));
  assert.throws(() => loadVrpsWithSnapshot("nonsense"), (e) => e.kind === "parse");
});

test("lenient loads keep their warnings on the snapshot, not in it", () => {
  const bad = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\nAS1,192.0.2.1/24,24,ripe\n";
  assert.throws(() => snapshotVrps(bad), (e) => e.kind === "parse" && /line 3/.test(e.message));
  const snap = snapshotVrps(bad, "csv", { lenient: true });
  assert.equal(snap.skipped, 1);
  assert.equal(snap.warnings.length, 1);
  assert.match(snap.warnings[0], /line 3/);
  const set = VrpSet.fromSnapshot(snap.bytes);
  assert.deepEqual([set.length, set.skipped], [1, 0]);
});

test("damaged snapshots are parse errors with the byte offset", () => {
  const bytes = snapshotVrps(VRPS).bytes;
  const cases = [
    [bytes.subarray(0, bytes.length - 1), /invalid VRP snapshot at byte \d+: input ends inside/],
    [Uint8Array.of(...bytes, 0), new RegExp(`at byte ${bytes.length}: trailing bytes`)],
    [Uint8Array.of(...bytes.subarray(0, 7), 9, ...bytes.subarray(8)), /at byte 7: unsupported snapshot version/],
    [new TextEncoder().encode("ASN,IP Prefix\n"), /at byte 0: not a routeguard VRP snapshot/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => VrpSet.fromSnapshot(input), (e) => {
      assert.deepEqual([e.kind, e.code], ["parse", "invalid-snapshot"]);
      assert.match(e.message, message);
      return true;
    });
  }
  assert.throws(() => snapshotVrps(VRPS, "bird3"), /unknown format "bird3"/);
});

const JOSEPHINE = needsData("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");

test("the full snapshot: 723,521 VRPs in a quarter of the JSON", { skip: JOSEPHINE.skip }, () => {
  const json = new Uint8Array(execFileSync("bzcat", [JOSEPHINE.file], { maxBuffer: 256 * 1024 * 1024 }));
  const snap = snapshotVrps(json);
  const bytes = snap.bytes;
  snap.free();
  assert.ok(bytes.length * 4 < json.length, `${bytes.length} of ${json.length}`);
  const a = VrpSet.fromSnapshot(bytes);
  const b = VrpSet.fromText(json);
  assert.deepEqual([a.length, a.aspaCount, a.generated], [723521, 100, b.generated]);
  for (const p of ["1.1.1.0/24 13335", "8.8.8.0/24 15169", "2001:db8::/32 1", "193.0.0.0/21 3333"]) {
    const [prefix, origin] = p.split(" ");
    assert.deepEqual(a.validate(prefix, origin), b.validate(prefix, origin), p);
  }
  assert.deepEqual(a.validateLinesDetailed(ROUTES, { relaxed: true }), b.validateLinesDetailed(ROUTES, { relaxed: true }));
});
