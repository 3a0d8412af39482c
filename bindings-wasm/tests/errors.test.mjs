// Every error thrown carries routeguard's message, a `kind` (the stage) and
// a `code` (the core error variant's stable code).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { loadPkg, thrown } from "./helpers.mjs";

const { IrrDb, VrpSet } = loadPkg();

describe("error codes", () => {
  test("parse, model, slurm and argument errors have a code", () => {
    let e = thrown(() => VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS1,192.0.2.0/33,24,x\n"));
    assert.deepEqual([e.kind, e.code], ["parse", "invalid-prefix"]);
    e = thrown(() => VrpSet.fromJson("{"));
    assert.deepEqual([e.kind, e.code], ["parse", "invalid-json"]);
    e = thrown(() => VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\n", { slurm: "{" }));
    assert.deepEqual([e.kind, e.code], ["slurm", "invalid-json"]);
    e = thrown(() => VrpSet.fromCsv(42));
    assert.deepEqual([e.kind, e.code], ["argument", "argument"]);
  });

  test("RPSL errors: kind parse, the RPSL code, same message", () => {
    const e = thrown(() => IrrDb.fromText("route: 192.0.2.0/24\nsource: TEST\n", null, { strict: true }));
    assert.ok(e instanceof Error);
    assert.deepEqual([e.kind, e.code], ["parse", "missing-field"]);
    assert.equal(e.message, 'line 1: missing field "origin"');
    const u = thrown(() => IrrDb.fromText("blah: x\nsource: TEST\n", null, { strict: true }));
    assert.deepEqual([u.kind, u.code], ["parse", "unknown-class"]);
  });
});
