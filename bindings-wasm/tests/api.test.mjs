// The JS API of the WebAssembly bindings, in node, against bindings-wasm/pkg-node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { loadPkg, naiveValidate, parsePrefixBits, routesAround, WASM_DIR, thrown } from "./helpers.mjs";

const { VrpSet, convertVrps, version } = loadPkg();

const CSV = `ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64500,192.0.2.0/23,23,ripe
AS64501,198.51.100.0/22,24,arin
AS0,203.0.113.0/24,24,apnic
AS64502,2001:db8::/32,48,ripe
AS64503,2001:db8::/32,32,ripe
`;
const VRPS = [
  ["192.0.2.0/24", 24, 64500, "ripe"],
  ["192.0.2.0/23", 23, 64500, "ripe"],
  ["198.51.100.0/22", 24, 64501, "arin"],
  ["203.0.113.0/24", 24, 0, "apnic"],
  ["2001:db8::/32", 48, 64502, "ripe"],
  ["2001:db8::/32", 32, 64503, "ripe"],
].map(([prefix, maxLength, asn, ta]) => ({ prefix, maxLength, asn, ta }));

const set = VrpSet.fromCsv(CSV);
const vrp = (prefix, maxLength, asn, ta = "ripe") => ({ prefix, maxLength, asn, ta });


function assertError(e, kind, message) {
  assert.ok(e instanceof Error, `not an Error: ${e}`);
  assert.equal(e.kind, kind);
  if (message instanceof RegExp) assert.match(e.message, message);
  else assert.equal(e.message, message);
}

describe("loading", () => {
  test("fromCsv counts", () => {
    assert.equal(set.length, 6);
    assert.equal(set.aspaCount, 0);
    assert.equal(set.routerKeyCount, 0);
    assert.equal(set.format, "csv");
    assert.equal(set.skipped, 0);
    assert.deepEqual(set.warnings, []);
  });

  test("fromJson: rpki-client layout with ASPAs, router keys and metadata", () => {
    const json = JSON.stringify({
      metadata: { buildtime: "2025-07-20T09:31:33Z" },
      roas: [
        { asn: 64500, prefix: "192.0.2.0/24", maxLength: 24, ta: "ripe", expires: 1753453058 },
        { asn: 64501, prefix: "2001:db8::/32", maxLength: 48, ta: "arin", expires: 1753453058 },
      ],
      aspas: [{ customer_asid: 64500, expires: 1753453058, providers: [64501, 64502] }],
      bgpsec_keys: [{
        asn: 64500, ski: "0000000000000000000000000000000000000000",
        pubkey: "AAAA", ta: "ripe", expires: 1753453058,
      }],
    });
    const s = VrpSet.fromJson(json);
    assert.equal(s.length, 2);
    assert.equal(s.aspaCount, 1);
    assert.equal(s.routerKeyCount, 1);
    assert.equal(s.format, "json");
    assert.equal(s.generated, Date.parse("2025-07-20T09:31:33Z") / 1000);
    assert.deepEqual(s.validate("2001:db8:ff00::/40", "AS64501"),
      { state: "valid", reason: null, covering: [vrp("2001:db8::/32", 48, 64501, "arin")] });
  });

  test("fromJson: Routinator layout (asn strings, ASPAs, router keys)", () => {
    const json = `{"metadata":{"generated":1700000000,"generatedTime":"2023-11-14T22:13:20Z"},
      "roas":[{"asn":"AS1234","prefix":"12.34.56.0/24","maxLength":24,"ta":"N/A"}],
      "routerKeys":[{"asn":"AS1234","SKI":"0000000000000000000000000000000000000000","routerPublicKey":"AAAA","ta":"N/A"}],
      "aspas":[{"customer":"AS1234","providers":["AS1","AS2"],"ta":"N/A"}]}`;
    const s = VrpSet.fromJson(json);
    assert.deepEqual([s.length, s.aspaCount, s.routerKeyCount, s.generated], [1, 1, 1, 1700000000]);
    assert.equal(s.validate("12.34.56.0/24", 1234).state, "valid");
  });

  test("fromJson: bare array (npm rpki-validator) and StayRTR rpki.json", () => {
    const bare = VrpSet.fromJson('[{"prefix":"192.0.2.0/24","maxLength":24,"asn":"64500"}]');
    assert.equal(bare.length, 1);
    assert.equal(bare.validate("192.0.2.0/24", 64500).covering[0].ta, null);
    const stay = VrpSet.fromJson('{"roas":[{"prefix":"192.0.2.0/24","maxLength":24,"asn":"AS64500"}]}');
    assert.equal(stay.validate("192.0.2.0/24", "AS64500").state, "valid");
  });

  test("fromJson and fromCsv accept a Uint8Array", () => {
    const bytes = new TextEncoder().encode(CSV);
    assert.equal(VrpSet.fromCsv(bytes).length, 6);
    assert.equal(VrpSet.fromText(bytes).length, 6);
    const json = new TextEncoder().encode('[{"prefix":"192.0.2.0/24","maxLength":24,"asn":64500}]');
    assert.equal(VrpSet.fromJson(json).length, 1);
  });

  test("fromText sniffs every format", () => {
    const cases = {
      json: '{"roas":[{"asn":"AS64500","prefix":"192.0.2.0/24","maxLength":24,"ta":"ripe"}]}',
      csv: "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n",
      openbgpd: "roa-set {\n    192.0.2.0/24 source-as 64500\n}\n",
      bird: "route 192.0.2.0/24 max 24 as 64500;\n",
      slurm: JSON.stringify({
        slurmVersion: 1,
        validationOutputFilters: { prefixFilters: [], bgpsecFilters: [] },
        locallyAddedAssertions: { prefixAssertions: [{ asn: 64500, prefix: "192.0.2.0/24" }], bgpsecAssertions: [] },
      }),
    };
    for (const [format, text] of Object.entries(cases)) {
      const sniffed = VrpSet.fromText(text);
      assert.equal(sniffed.format, format, `sniffed ${format}`);
      assert.equal(sniffed.length, 1, format);
      assert.equal(sniffed.validate("192.0.2.0/24", 64500).state, "valid", format);
      const explicit = VrpSet.fromText(text, format);
      assert.equal(explicit.format, format);
      assert.equal(explicit.length, 1);
      // null and undefined mean "sniff"
      assert.equal(VrpSet.fromText(text, null).format, format);
      assert.equal(VrpSet.fromText(text, undefined, {}).format, format);
    }
    assert.equal(VrpSet.fromText("roa 192.0.2.0/24 max 24 as 64500;\n", "bird1").length, 1);
  });

  test("the shared golden files load through fromText", () => {
    // A small in-repo sanity check; the full golden suite runs in core.
    const s = VrpSet.fromText("ASN,IP Prefix,Max Length,Trust Anchor\nAS1234,12.34.56.0/24,24,N/A\nAS1234,12.34.56.0/24,24,N/A\n");
    assert.equal(s.length, 2);
  });

  test("lenient mode skips bad records and reports them", () => {
    const bad = `${CSV}AS64500,192.0.2.1/24,24,ripe\nAS64504,192.0.2.0/24,40,ripe\n`;
    const strict = thrown(() => VrpSet.fromCsv(bad));
    assertError(strict, "parse", /^line 8\b/);
    const lenient = VrpSet.fromCsv(bad, { lenient: true });
    assert.equal(lenient.length, 6);
    assert.equal(lenient.skipped, 2);
    assert.equal(lenient.warnings.length, 2);
    assert.equal(lenient.warnings[0], strict.message);
    assert.match(lenient.warnings[1], /^line 9\b/);
    // lenient: false is strict
    assertError(thrown(() => VrpSet.fromCsv(bad, { lenient: false })), "parse", strict.message);
  });

  test("a SLURM file is applied after loading (filters, then assertions)", () => {
    const slurm = JSON.stringify({
      slurmVersion: 1,
      validationOutputFilters: { prefixFilters: [{ prefix: "192.0.2.0/23" }], bgpsecFilters: [] },
      locallyAddedAssertions: {
        prefixAssertions: [{ asn: 64510, prefix: "10.0.0.0/8", maxPrefixLength: 16 }],
        bgpsecAssertions: [],
      },
    });
    const s = VrpSet.fromCsv(CSV, { slurm });
    assert.equal(s.length, 5); // two filtered, one added
    assert.equal(s.validate("192.0.2.0/24", 64500).state, "not-found");
    assert.equal(s.validate("10.1.0.0/16", 64510).state, "valid");
    assert.equal(s.validate("10.1.1.0/24", 64510).reason, "length");
    const fromBytes = VrpSet.fromCsv(CSV, { slurm: new TextEncoder().encode(slurm) });
    assert.equal(fromBytes.length, 5);
  });

  test("load errors: parse kind, message with the location", () => {
    assertError(thrown(() => VrpSet.fromJson("{")), "parse", /^line 1\b.*JSON/);
    assertError(thrown(() => VrpSet.fromJson("not json")), "parse", /JSON/);
    assertError(thrown(() => VrpSet.fromText("\u0000\u0001 garbage")), "parse",
      "input: unrecognised input format (expected JSON, CSV, openbgpd, bird or SLURM)");
    const e = thrown(() => VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/33,24,ripe\n"));
    assertError(e, "parse", /^line 2\b.*192\.0\.2\.0\/33/);
    assertError(thrown(() => VrpSet.fromJson('[{"prefix":"192.0.2.0/24","maxLength":16,"asn":1}]')),
      "parse", /max length 16 out of range for 192\.0\.2\.0\/24/);
  });

  test("SLURM errors have kind slurm", () => {
    assertError(thrown(() => VrpSet.fromCsv(CSV, { slurm: "{" })), "slurm", /invalid SLURM JSON/);
    const v9 = JSON.stringify({ slurmVersion: 9, validationOutputFilters: {}, locallyAddedAssertions: {} });
    assertError(thrown(() => VrpSet.fromCsv(CSV, { slurm: v9 })), "slurm", /invalid SLURM/);
  });

  test("argument errors: TypeError with kind argument", () => {
    for (const input of [42, null, undefined, {}, ["x"]]) {
      const e = thrown(() => VrpSet.fromText(input));
      assert.ok(e instanceof TypeError);
      assert.equal(e.kind, "argument");
      assert.equal(e.message, "input must be a string, a Uint8Array or an InputBuffer");
    }
    const f = thrown(() => VrpSet.fromText(CSV, "xml"));
    assert.ok(f instanceof TypeError);
    assert.equal(f.kind, "argument");
    assert.match(f.message, /unknown format "xml"/);
    assert.equal(thrown(() => VrpSet.fromCsv(CSV, { slurm: 5 })).message,
      "options.slurm must be a string, a Uint8Array or an InputBuffer");
  });

  test("an empty input loads as an empty set", () => {
    const s = VrpSet.fromJson("[]");
    assert.equal(s.length, 0);
    assert.deepEqual(s.validate("192.0.2.0/24", 64500), { state: "not-found", reason: null, covering: [] });
  });
});

describe("validate", () => {
  test("valid: covering holds the matching VRPs only", () => {
    assert.deepEqual(set.validate("192.0.2.0/24", 64500), {
      state: "valid", reason: null, covering: [vrp("192.0.2.0/24", 24, 64500)],
    });
    assert.deepEqual(set.validate("198.51.100.0/24", 64501), {
      state: "valid", reason: null, covering: [vrp("198.51.100.0/22", 24, 64501, "arin")],
    });
  });

  test("invalid, reason length: every covering VRP, sorted", () => {
    assert.deepEqual(set.validate("192.0.2.0/25", 64500), {
      state: "invalid", reason: "length",
      covering: [vrp("192.0.2.0/23", 23, 64500), vrp("192.0.2.0/24", 24, 64500)],
    });
  });

  test("invalid, reason as", () => {
    assert.deepEqual(set.validate("198.51.100.0/24", 64999), {
      state: "invalid", reason: "as", covering: [vrp("198.51.100.0/22", 24, 64501, "arin")],
    });
  });

  test("not-found", () => {
    for (const p of ["10.0.0.0/8", "192.0.0.0/16", "0.0.0.0/0", "2001:db9::/32", "::/0"]) {
      assert.deepEqual(set.validate(p, 64500), { state: "not-found", reason: null, covering: [] }, p);
    }
  });

  test("AS0 VRPs cover but never match (RFC 6483, RFC 7607)", () => {
    const as0 = [vrp("203.0.113.0/24", 24, 0, "apnic")];
    assert.deepEqual(set.validate("203.0.113.0/24", 0), { state: "invalid", reason: "as", covering: as0 });
    assert.deepEqual(set.validate("203.0.113.0/24", 64500), { state: "invalid", reason: "as", covering: as0 });
    assert.deepEqual(set.validate("203.0.113.128/25", "AS0"), { state: "invalid", reason: "as", covering: as0 });
  });

  test("no origin (null or undefined): covered routes are invalid", () => {
    const expected = {
      state: "invalid", reason: "as",
      covering: [vrp("192.0.2.0/23", 23, 64500), vrp("192.0.2.0/24", 24, 64500)],
    };
    assert.deepEqual(set.validate("192.0.2.0/24", null), expected);
    assert.deepEqual(set.validate("192.0.2.0/24", undefined), expected);
    assert.deepEqual(set.validate("192.0.2.0/24"), expected);
    assert.equal(set.validate("10.0.0.0/8", null).state, "not-found");
  });

  test("IPv6", () => {
    assert.deepEqual(set.validate("2001:db8:1::/48", "AS64502"), {
      state: "valid", reason: null, covering: [vrp("2001:db8::/32", 48, 64502)],
    });
    assert.deepEqual(set.validate("2001:db8::/32", 64503), {
      state: "valid", reason: null, covering: [vrp("2001:db8::/32", 32, 64503)],
    });
    const longer = set.validate("2001:db8:1:2::/64", 64502);
    assert.equal(longer.state, "invalid");
    assert.equal(longer.reason, "length");
    assert.equal(longer.covering.length, 2);
    assert.equal(set.validate("2001:db8:1::/48", 64503).reason, "length");
    assert.equal(set.validate("2001:db8:1::/48", 1).reason, "as");
  });

  test("origin forms: number, AS-string, plain string, asdot", () => {
    const expected = set.validate("192.0.2.0/24", 64500);
    for (const origin of [64500, "AS64500", "as64500", "64500", "0.64500"]) {
      assert.deepEqual(set.validate("192.0.2.0/24", origin), expected, String(origin));
    }
    const big = VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS4294967295,192.0.2.0/24,24,x\nAS65546,192.0.2.0/24,24,x\n");
    assert.equal(big.validate("192.0.2.0/24", 4294967295).state, "valid");
    assert.equal(big.validate("192.0.2.0/24", "1.10").covering[0].asn, 65546);
    assert.equal(big.validate("192.0.2.0/24", 4294967295).covering[0].asn, 4294967295);
  });

  test("model errors: message equals routeguard's, kind model", () => {
    assertError(thrown(() => set.validate("192.0.2.1/24", 64500)), "model",
      "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24)");
    assertError(thrown(() => set.validate("bogus", 64500)), "model", /^invalid prefix "bogus": /);
    assertError(thrown(() => set.validate("192.0.2.0", 64500)), "model",
      'invalid prefix "192.0.2.0": missing /length');
    assertError(thrown(() => set.validate("192.0.2.0/33", 64500)), "model", /^invalid prefix "192\.0\.2\.0\/33": /);
    assertError(thrown(() => set.validate(" 192.0.2.0/24", 64500)), "model", /^invalid prefix/);
    for (const [origin, shown] of [["ASX", "ASX"], ["", ""], ["AS 1", "AS 1"], ["4294967296", "4294967296"],
      [-1, "-1"], [1.5, "1.5"], [4294967296, "4294967296"], [NaN, "NaN"], [Infinity, "Infinity"],
      [1e21, "1e+21"]]) {
      assertError(thrown(() => set.validate("192.0.2.0/24", origin)), "model",
        `invalid AS number "${shown}" (expected 64500, AS64500 or asdot 1.10)`);
    }
  });

  test("argument errors", () => {
    for (const [prefix, origin, message] of [
      [42, 1, "prefix must be a string"],
      [null, 1, "prefix must be a string"],
      ["192.0.2.0/24", true, "origin must be a number, a string or null"],
      ["192.0.2.0/24", {}, "origin must be a number, a string or null"],
      ["192.0.2.0/24", [64500], "origin must be a number, a string or null"],
    ]) {
      const e = thrown(() => set.validate(prefix, origin));
      assert.ok(e instanceof TypeError, message);
      assert.equal(e.kind, "argument");
      assert.equal(e.message, message);
    }
  });

  test("results are plain objects with exactly the documented fields", () => {
    const r = set.validate("192.0.2.0/25", 64500);
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.deepEqual(Object.keys(r), ["state", "reason", "covering"]);
    assert.ok(Array.isArray(r.covering));
    assert.deepEqual(Object.keys(r.covering[0]), ["prefix", "maxLength", "asn", "ta"]);
    assert.equal(typeof r.covering[0].asn, "number");
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });
});

describe("validateMany", () => {
  test("equals validate, in input order", () => {
    const vrps = VRPS.map((v) => ({ ...parsePrefixBits(v.prefix), maxLength: v.maxLength, asn: v.asn }));
    // more than one chunk of 4096 (the bindings hand results over in chunks)
    const routes = routesAround(vrps, 9000, 7);
    routes.push(["10.0.0.0/8", 1], ["192.0.2.0/24", "AS64500"], ["2001:db8::/33", "64502"], ["192.0.2.0/24", null]);
    const many = set.validateMany(routes);
    assert.equal(many.length, routes.length);
    const seen = new Set();
    routes.forEach(([p, o], i) => {
      assert.deepEqual(many[i], set.validate(p, o), `${p} ${o}`);
      const naive = naiveValidate(vrps, p, o);
      assert.deepEqual([many[i].state, many[i].reason, many[i].covering.length],
        [naive.state, naive.reason, naive.count], `naive ${p} ${o}`);
      seen.add(`${many[i].state}/${many[i].reason}`);
    });
    assert.deepEqual([...seen].sort(), ["invalid/as", "invalid/length", "not-found/null", "valid/null"]);
  });

  test("trust anchor names and VRPs without one survive the trip to JS", () => {
    const odd = 'we"ird\\ta\n\u00e9\u{1F600}';
    const s = VrpSet.fromJson(JSON.stringify({ roas: [
      { asn: 64500, prefix: "192.0.2.0/24", maxLength: 24, ta: odd },
      { asn: 64501, prefix: "192.0.2.0/24", maxLength: 24, ta: "ripe" },
      { asn: 64502, prefix: "192.0.2.0/24", maxLength: 24 },
    ] }));
    const r = s.validate("192.0.2.0/24", 1);
    assert.deepEqual(r.covering.map((v) => v.ta), [odd, "ripe", null]);
    const bare = VrpSet.fromJson('[{"prefix":"192.0.2.0/24","maxLength":24,"asn":64500}]');
    const routes = Array.from({ length: 5000 }, (_, i) => ["192.0.2.0/24", i % 2 ? 64500 : 1]);
    const many = bare.validateMany(routes);
    assert.equal(many.length, 5000);
    assert.deepEqual(many[4999], { state: "valid", reason: null,
      covering: [{ prefix: "192.0.2.0/24", maxLength: 24, asn: 64500, ta: null }] });
    assert.equal(many[4998].reason, "as");
  });

  test("empty list", () => {
    assert.deepEqual(set.validateMany([]), []);
  });

  test("a bad route throws with its index, the message as validate's", () => {
    const e = thrown(() => set.validateMany([["192.0.2.0/24", 1], ["192.0.2.0/24", 2], ["192.0.2.1/24", 3]]));
    assertError(e, "model", "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24)");
    assert.equal(e.index, 2);
    const o = thrown(() => set.validateMany([["192.0.2.0/24", "ASX"]]));
    assertError(o, "model", /invalid AS number "ASX"/);
    assert.equal(o.index, 0);
  });

  test("argument errors", () => {
    for (const routes of ["192.0.2.0/24", 5, null, { length: 1 }]) {
      const e = thrown(() => set.validateMany(routes));
      assert.ok(e instanceof TypeError);
      assert.equal(e.message, "routes must be an array of [prefix, origin] pairs");
    }
    const e = thrown(() => set.validateMany([["192.0.2.0/24", 1], "192.0.2.0/24 1"]));
    assert.ok(e instanceof TypeError);
    assert.equal(e.kind, "argument");
    assert.equal(e.index, 1);
    // a one-element pair has no origin
    assert.equal(set.validateMany([["192.0.2.0/24"]])[0].reason, "as");
  });
});

describe("module", () => {
  test("version", () => {
    assert.match(version(), /^\d+\.\d+\.\d+/);
  });

  test("free() releases the set; using it afterwards throws", () => {
    const s = VrpSet.fromCsv(CSV);
    s.free();
    assert.throws(() => s.validate("192.0.2.0/24", 64500));
  });

  test("TypeScript declarations are precise (no any)", () => {
    const dts = readFileSync(path.join(WASM_DIR, "pkg-node", "routeguard_wasm.d.ts"), "utf8");
    // the public part (the web target appends the raw wasm exports' InitOutput)
    const api = dts.split("export type InitInput")[0];
    assert.doesNotMatch(api, /:\s*any\b|<any>|\bany\[\]|\| any\b/);
    for (const line of [
      "static fromJson(input: string | Uint8Array | InputBuffer, options?: LoadOptions | null): VrpSet;",
      "static fromCsv(input: string | Uint8Array | InputBuffer, options?: LoadOptions | null): VrpSet;",
      "static fromText(input: string | Uint8Array | InputBuffer, format?: FormatName | null, options?: LoadOptions | null): VrpSet;",
      "validate(prefix: string, origin?: Origin | null): RovResult;",
      "readonly generated: number | null;",
      "readonly warnings: string[];",
      "validateMany(routes: ReadonlyArray<Route>): RovResult[];",
      "readonly length: number;",
      "readonly aspaCount: number;",
      "readonly routerKeyCount: number;",
      'export type RovState = "valid" | "invalid" | "not-found";',
      'export type InvalidReason = "as" | "length";',
      "export type Origin = number | string | null;",
    ]) {
      assert.ok(dts.includes(line), `d.ts lacks: ${line}`);
    }
  });
});

describe("convertVrps", () => {
  const key = (s) =>
    JSON.stringify(
      s.validateMany(VRPS.map((v) => [v.prefix, v.asn])).map((r) => [r.state, r.covering]),
    );
  for (const to of ["csv", "json", "rpki-client-json", "openbgpd", "bird2"]) {
    test(`round-trips through ${to}`, () => {
      const text = convertVrps(CSV, to);
      assert.equal(typeof text, "string");
      const again = VrpSet.fromText(text);
      assert.equal(again.length, set.length);
      // Trust anchors survive only where the format carries them.
      if (to === "csv" || to === "json" || to === "rpki-client-json") {
        assert.equal(key(again), key(set));
      }
    });
  }
  test("writes Routinator CSV with its header", () => {
    const text = convertVrps(CSV, "csv");
    assert.ok(text.startsWith("ASN,IP Prefix,Max Length,Trust Anchor\n"), text);
    assert.ok(text.includes("AS64501,198.51.100.0/22,24,arin\n"), text);
  });
  test("rejects an unknown output format and bad input", () => {
    assert.throws(() => convertVrps(CSV, "yaml"), (e) => e instanceof TypeError && /unknown output format "yaml"/.test(e.message));
    assert.throws(() => convertVrps("ASN,IP Prefix,Max Length,Trust Anchor\nAS1,not-a-prefix,24,x\n", "csv"), (e) => e.kind === "parse" && /^line 2/.test(e.message));
  });
});

describe("SLURM leniency", () => {
  const partial = `{
  "slurmVersion": 1,
  "validationOutputFilters": { "prefixFilters": [ { "asn": 64501 } ] },
  "locallyAddedAssertions": {
    "prefixAssertions": [ { "asn": 64599, "prefix": "100.64.1.0/24" } ]
  }
}`;
  test("strict rejects a SLURM file missing RFC 8416 members; lenient applies it", () => {
    assert.throws(() => VrpSet.fromCsv(CSV, { slurm: partial }), (e) => e.kind === "slurm" && /^line 3/.test(e.message));
    const s = VrpSet.fromCsv(CSV, { slurm: partial, lenient: true });
    assert.equal(s.length, set.length);
    assert.equal(s.validate("100.64.1.0/24", 64599).state, "valid");
    assert.equal(s.validate("198.51.100.0/24", 64501).state, "not-found");
  });
});
