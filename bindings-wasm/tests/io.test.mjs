// Compressed inputs in WebAssembly: every Uint8Array that loads a file goes
// through the core's detection (routeguard::io); gzip is decompressed, the
// other compressions throw the core's `io` error; strings are text.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { describe, test } from "node:test";

import { loadPkg, thrown } from "./helpers.mjs";

const { VrpSet, AspaSet, IrrDb, AsRelations, Bogons } = loadPkg();

const enc = (s) => new TextEncoder().encode(s);
const gz = (s) => new Uint8Array(gzipSync(typeof s === "string" ? enc(s) : s));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const CSV = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\nAS64501,198.51.100.0/24,24,ripe\n";
const JSON_VRPS = JSON.stringify({
  roas: [{ asn: "AS64500", prefix: "192.0.2.0/24", maxLength: 24, ta: "ripe" }],
  aspas: [{ customer_asid: 64500, providers: [64510] }],
});
const SLURM = JSON.stringify({
  slurmVersion: 1,
  validationOutputFilters: { prefixFilters: [{ prefix: "198.51.100.0/24" }], bgpsecFilters: [] },
  locallyAddedAssertions: { prefixAssertions: [], bgpsecAssertions: [] },
});
const RPSL = "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n\n";
const AS_REL = "1|2|-1\n2|3|0\n";
const BOGONS = "192.0.2.0/24\n";

// The first bytes of each compression this build cannot undo.
const HEADS = {
  bzip2: concat(enc("BZh91AY&SY"), new Uint8Array(40)),
  xz: concat(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), new Uint8Array(40)),
  zstd: concat(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]), new Uint8Array(40)),
};
const TOOL = { bzip2: "bzip2 -d", xz: "xz -d", zstd: "zstd -d" };

// Every entry point that loads a file's content, fed `bytes`.
const LOADERS = {
  "VrpSet.fromText": (b) => VrpSet.fromText(b),
  "VrpSet.fromCsv": (b) => VrpSet.fromCsv(b),
  "VrpSet options.slurm": (b) => VrpSet.fromCsv(CSV, { slurm: b }),
  "AspaSet.fromText": (b) => AspaSet.fromText(b),
  "IrrDb.fromText": (b) => IrrDb.fromText(b),
  "AsRelations.fromText": (b) => AsRelations.fromText(b),
  "Bogons.addList": (b) => new Bogons().addList("mine", b),
};

describe("gzip Uint8Arrays are decompressed", () => {
  test("VRPs, one member or several", () => {
    const plain = VrpSet.fromCsv(CSV);
    for (const input of [gz(CSV), concat(gz(CSV.slice(0, 50)), gz(CSV.slice(50)))]) {
      const s = VrpSet.fromCsv(input);
      assert.equal(s.length, plain.length);
      assert.equal(s.validate("192.0.2.0/24", 64500).state, "valid");
    }
    const sniffed = VrpSet.fromText(gz(JSON_VRPS));
    assert.equal(sniffed.length, 1);
    assert.equal(sniffed.aspaCount, 1);
    assert.equal(AspaSet.fromText(gz(JSON_VRPS)).length, 1);
  });

  test("SLURM, IRR, as-rel and bogon lists", () => {
    const s = VrpSet.fromCsv(CSV, { slurm: gz(SLURM) });
    assert.equal(s.length, 1);
    assert.equal(IrrDb.fromText(gz(RPSL)).checkRoute("192.0.2.0/24", 64500).status, "valid");
    assert.equal(AsRelations.fromText(gz(AS_REL)).length, 2);
    assert.equal(new Bogons().addList("mine", gz(BOGONS)), 1);
  });

  test("plain Uint8Arrays load as they are", () => {
    assert.equal(VrpSet.fromCsv(enc(CSV)).length, 2);
    assert.equal(AsRelations.fromText(enc(AS_REL)).length, 2);
  });
});

describe("other compressions throw the core's io error", () => {
  for (const [name, bytes] of Object.entries(HEADS)) {
    for (const [where, load] of Object.entries(LOADERS)) {
      test(`${name} to ${where}`, () => {
        const e = thrown(() => load(bytes));
        assert.ok(e instanceof Error);
        assert.equal(e.kind, "io");
        assert.equal(
          e.message,
          `input is ${name}-compressed; this build cannot decompress ${name}: decompress it first (${TOOL[name]})`,
        );
      });
    }
  }
});

describe("corrupt gzip and strings", () => {
  test("truncated gzip is an io error naming the compression", () => {
    const full = gz(CSV);
    for (const load of Object.values(LOADERS)) {
      const e = thrown(() => load(full.slice(0, full.length - 9)));
      assert.equal(e.kind, "io");
      assert.match(e.message, /^invalid gzip data: /);
    }
  });

  test("strings are text, never sniffed", () => {
    // A text that starts like bzip2 is text: a parse error, not an io one.
    const e = thrown(() => VrpSet.fromCsv("BZh9 not a header\n"));
    assert.equal(e.kind, "parse");
  });
});
