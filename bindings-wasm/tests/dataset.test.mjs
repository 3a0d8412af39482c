// The JS Dataset (pkg-node): one call to the core builder, the same verdicts
// as RouteChecker/VrpSet/IrrDb assembled by hand, errors naming the input,
// lenient warnings, gzip bytes, and shared parts; the RIS table head with
// real VRPs/ASPAs and the 2018 CAIDA as-rel (skipped when missing unless
// CI=true).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";

import { loadPkg, needsData, thrown } from "./helpers.mjs";

const { AsPath, AsRelations, Bogons, Dataset, IrrDb, RouteChecker, VrpSet } = loadPkg();

const VRPS = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.0/24,24,apnic\nAS64500,192.0.2.0/24,24,ripe\n";
const ASREL = "3356|13335|-1\n174|3356|0\n";
const RPSL = "route: 1.1.0.0/16\norigin: AS13335\nsource: RIPE\n";
const SLURM = JSON.stringify({
  slurmVersion: 1,
  validationOutputFilters: { prefixFilters: [{ prefix: "192.0.2.0/24" }], bgpsecFilters: [] },
  locallyAddedAssertions: {
    prefixAssertions: [{ asn: 64501, prefix: "203.0.113.0/24", maxPrefixLength: 24 }],
    bgpsecAssertions: [],
  },
});

describe("Dataset", () => {
  test("check equals RouteChecker over the same parts", () => {
    const ds = new Dataset({ vrps: VRPS, asrel: ASREL });
    const vrps = VrpSet.fromText(VRPS);
    const checker = new RouteChecker({ vrps, aspa: vrps.aspaSet(), relations: AsRelations.fromText(ASREL) });
    for (const [p, path] of [
      ["1.1.1.0/24", "3356 13335"], ["1.1.1.0/25", "174 3356 13335"], ["192.0.2.0/24", "3356 64500"],
      ["3ffe::/16", "3356 3320"], ["1.1.1.0/24", "3356 {13335,64500}"], ["8.8.8.0/24", [3356, 15169]],
    ]) {
      assert.deepEqual(ds.check(p, path), checker.check(p, path), `${p} ${path}`);
    }
    assert.equal(ds.check("1.1.1.0/24", "3356 13335").text, "valid,unknown,ok,ok");
    assert.equal(ds.check("1.1.1.0/24", AsPath.parse("174 13335"), 174).aspa, "unknown");
    assert.deepEqual(ds.validate("1.1.1.0/25", 13335), vrps.validate("1.1.1.0/25", 13335));
    assert.equal(ds.format, "csv");
    // Nothing loaded: bogons only, null for the rest.
    const empty = new Dataset();
    assert.equal(empty.check("1.1.1.0/24", "3356 13335").text, "-,-,ok,-");
    assert.equal(empty.validate("1.1.1.0/24", 13335), null);
    assert.equal(empty.checkIrr("1.1.1.0/24", 13335), null);
    assert.equal(empty.vrps, undefined);
    assert.equal(empty.irr, undefined);
  });

  test("SLURM is applied; the parts share the dataset's data", () => {
    const ds = new Dataset({ vrps: VRPS, slurm: SLURM });
    assert.equal(ds.validate("192.0.2.0/24", 64500).state, "not-found");
    assert.equal(ds.validate("203.0.113.0/24", "AS64501").state, "valid");
    const v = ds.vrps;
    assert.equal(v.length, 2);
    assert.equal(v.validate("203.0.113.0/24", 64501).state, "valid");
    // A VrpSet from the dataset works with the other classes.
    const irr = IrrDb.fromText(RPSL);
    assert.equal(irr.checkRoute("203.0.113.0/24", 64501, v).rpki, "valid");
    assert.equal(ds.aspas.length, 0);
  });

  test("IRR: sources, the RPKI view, routes without an origin", () => {
    const ds = new Dataset({
      vrps: VRPS,
      irr: [["RIPE", RPSL], "route: 203.0.113.0/24\norigin: AS64501\nsource: RADB\n"],
    });
    assert.deepEqual(ds.irr.sources, ["RIPE", "RADB"]);
    const c = ds.checkIrr("1.1.1.0/24", "AS13335");
    assert.equal(c.status, "covered");
    assert.equal(c.rpki, "valid");
    assert.deepEqual(c.perSource, { RIPE: "covered", RADB: "not-found" });
    const none = ds.checkIrr("1.1.1.0/24", null);
    assert.equal(none.origin, null);
    assert.equal(none.status, "invalid-origin");
    assert.equal(none.matching.length, 0);
    assert.equal(ds.checkIrr("8.8.8.0/24").status, "not-found");
    // One dump alone, no source given: the objects' own source.
    assert.deepEqual(new Dataset({ irr: RPSL }).irr.sources, ["RIPE"]);
  });

  test("gzip bytes; bogon lists by name; relations shared", () => {
    const ds = new Dataset({
      vrps: gzipSync(Buffer.from(VRPS)),
      asrel: new TextEncoder().encode(ASREL),
      bogons: [["cymru-v4", "45.0.0.0/8\n"]],
    });
    assert.equal(ds.vrps.length, 2);
    const v = ds.check("45.1.0.0/16", "3356 64496");
    assert.equal(v.bogon.kind, "bogon-prefix");
    assert.equal(v.bogon.list, "cymru-v4");
    assert.equal(ds.relations.relationship(3356, 13335), "customer"); // 13335 is 3356's customer
  });

  test("errors name the input; lenient by default, strict on request", () => {
    const bad = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.1/24,24,apnic\n";
    const lenient = new Dataset({ vrps: bad });
    assert.equal(lenient.vrps.length, 0);
    assert.equal(lenient.warnings.length, 1);
    assert.match(lenient.warnings[0], /^vrps: line 2/);
    assert.equal(lenient.vrps.skipped, 1);
    const e = thrown(() => new Dataset({ vrps: bad, strict: true }));
    assert.equal(e.kind, "parse");
    assert.match(e.message, /^vrps: line 2/);
    const s = thrown(() => new Dataset({ slurm: "{" }));
    assert.equal(s.kind, "slurm");
    assert.match(s.message, /^slurm: /);
    const z = thrown(() => new Dataset({ asrel: new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2]) }));
    assert.equal(z.kind, "io");
    assert.match(z.message, /xz/);
    const t = thrown(() => new Dataset({ vrps: 42 }));
    assert.ok(t instanceof TypeError);
    const i = thrown(() => new Dataset({ irr: "route: 192.0.2.1/24\norigin: AS1\nsource: X\n", strict: true }));
    assert.equal(i.kind, "parse");
    assert.match(i.message, /^irr\[0\]: line 1/);
  });
});

const RIS = needsData("bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz");
const AS_REL = needsData("asrel/20180101.as-rel.txt.xz");
const RPKI = needsData("vrps/rpki-client_ripe-prepdev_2023-05-04_legacy-aspa-afi.json.gz");

describe("Dataset on real data", { skip: RIS.skip || AS_REL.skip || RPKI.skip }, () => {
  test("20,000 RIS routes: Dataset.check equals RouteChecker over the parts", () => {
    const all = gunzipSync(readFileSync(RIS.file)).toString("utf8");
    const lines = all.split("\n", 20000).filter((l) => /^TABLE_DUMP2\|\d+\|B\|/.test(l));
    const xz = spawnSync("xz", ["-dc", AS_REL.file], { maxBuffer: 1 << 28 });
    assert.equal(xz.status, 0, "xz -dc failed");
    const rpki = readFileSync(RPKI.file); // gzip bytes: the dataset decompresses them
    const ds = new Dataset({ vrps: rpki, asrel: xz.stdout });
    const vrps = VrpSet.fromText(gunzipSync(rpki));
    const checker = new RouteChecker({
      vrps, aspa: vrps.aspaSet(), relations: AsRelations.fromText(xz.stdout), bogons: new Bogons(),
    });
    for (const line of lines) {
      const f = line.split("|");
      assert.deepEqual(ds.check(f[5], f[6]), checker.check(f[5], f[6]), line);
    }
    assert.ok(lines.length > 15000, `${lines.length} routes`);
  });
});
