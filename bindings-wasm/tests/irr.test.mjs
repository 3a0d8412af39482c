// IrrDb through the WebAssembly bindings in node (pkg-node): every IRR status,
// advice, per-source verdicts, errors (message, kind, line), stats, lookup,
// and the dn42 registry (real data; skipped when missing unless CI=true).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { loadPkg, needsData, parsePrefixBits, thrown } from "./helpers.mjs";

const { IrrDb, VrpSet } = loadPkg();

// RIPE and ARIN are RIR registries, RADB is not.
const RPSL = `% comment

route:   192.0.2.0/24
origin:  AS64500
mnt-by:  MAINT-A
source:  RIPE

route:   192.0.2.0/24
origin:  AS64501
mnt-by:  MAINT-B
source:  RADB

route:   198.51.100.0/22
origin:  AS64510
mnt-by:  MAINT-A
source:  RIPE

route6:  2001:db8::/32
origin:  AS64520
mnt-by:  MAINT-C
source:  ARIN

aut-num: AS64500
as-name: EXAMPLE
mnt-by:  MAINT-A
source:  RIPE

as-set:  AS-EXAMPLE
members: AS64500, AS64510
mnt-by:  MAINT-A
source:  RIPE
`;

const db = IrrDb.fromText(RPSL);


const route = (prefix, origin, source) => ({ prefix, origin, source });
const short = (rs) => rs.map((r) => route(r.prefix, r.origin, r.source));
const codes = (c) => c.advice.map((a) => a.code);

describe("IrrDb statuses", () => {
  test("valid, with a non-matching object in another IRR", () => {
    const c = db.checkRoute("192.0.2.0/24", "AS64500");
    assert.equal(c.prefix, "192.0.2.0/24");
    assert.equal(c.origin, "AS64500");
    assert.equal(c.status, "valid");
    assert.deepEqual(c.perSource, { RIPE: "valid", RADB: "invalid-origin", ARIN: "not-found" });
    assert.deepEqual(Object.keys(c.perSource), ["RIPE", "RADB", "ARIN"]);
    assert.deepEqual(short(c.matching), [route("192.0.2.0/24", "AS64500", "RIPE")]);
    assert.equal(c.matching[0].line, 3);
    assert.equal(c.matching[0].text, "route:   192.0.2.0/24\norigin:  AS64500\nmnt-by:  MAINT-A\nsource:  RIPE");
    assert.deepEqual(short(c.covering), [route("192.0.2.0/24", "AS64500", "RIPE"), route("192.0.2.0/24", "AS64501", "RADB")]);
    assert.deepEqual(c.advice, [
      { level: "danger", code: "other-irr-origin-mismatch",
        message: "Expected route object in RIPE matches BGP origin, but non-matching objects exist in other IRRs" },
      { level: "info", code: "expected-in-rir-also-other",
        message: "Expected route object in RIPE, but objects also exist in other IRRs" },
    ]);
    assert.equal(c.rpki, null);
  });

  test("valid in a non-RIR only: RIR origin mismatch", () => {
    const c = db.checkRoute("192.0.2.0/24", 64501);
    assert.equal(c.status, "valid");
    assert.deepEqual(codes(c), ["rir-origin-mismatch", "expected-in-rir-also-other"]);
  });

  test("covered", () => {
    const c = db.checkRoute("198.51.100.0/24", "64510");
    assert.equal(c.status, "covered");
    assert.deepEqual(c.perSource, { RIPE: "covered", RADB: "not-found", ARIN: "not-found" });
    assert.deepEqual(short(c.matching), [route("198.51.100.0/22", "AS64510", "RIPE")]);
    assert.deepEqual(codes(c), ["only-less-specific-matches"]);
    assert.equal(c.advice[0].level, "info");
  });

  test("invalid-origin", () => {
    const c = db.checkRoute("198.51.100.0/23", "AS64999");
    assert.equal(c.status, "invalid-origin");
    assert.deepEqual(c.matching, []);
    assert.equal(c.covering.length, 1);
    assert.deepEqual(c.advice, [{ level: "danger", code: "no-route-object-matches-origin",
      message: "No route objects match DFZ origin" }]);
  });

  test("not-found (IPv6)", () => {
    const c = db.checkRoute("2001:db9::/32", "AS64520");
    assert.equal(c.status, "not-found");
    assert.deepEqual(codes(c), ["no-route-objects"]);
    assert.equal(db.checkRoute("2001:db8:1::/48", "AS64520").status, "covered");
  });

  test("RPKI view with a VrpSet", () => {
    const vrps = VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n");
    const ok = db.checkRoute("192.0.2.0/24", "AS64500", vrps);
    assert.equal(ok.rpki, "valid");
    assert.ok(codes(ok).includes("rpki-invalid-route-objects"));
    const bad = db.checkRoute("192.0.2.0/24", "AS64501", vrps);
    assert.equal(bad.rpki, "invalid");
    assert.ok(codes(bad).includes("rpki-origin-mismatch"));
    const none = db.checkRoute("198.51.100.0/24", "AS64510", vrps);
    assert.equal(none.rpki, "not-found");
    assert.ok(codes(none).includes("no-roa"));
    // the set is still usable afterwards (borrowed, not consumed)
    assert.equal(vrps.validate("192.0.2.0/24", 64500).state, "valid");
    assert.equal(db.checkRoute("192.0.2.0/24", "AS64500", undefined).rpki, null);
    assert.equal(db.checkRoute("192.0.2.0/24", "AS64500", null).rpki, null);
    vrps.free();
    const e = thrown(() => db.checkRoute("192.0.2.0/24", "AS64500", vrps));
    assert.ok(e instanceof TypeError);
    assert.equal(e.kind, "argument");
    assert.equal(e.message, "vrps was freed");
    const e2 = thrown(() => db.checkRoute("192.0.2.0/24", "AS64500", {}));
    assert.equal(e2.message, "vrps must be a VrpSet");
  });

  test("checkRoutes: text and arrays, in order, equal to checkRoute", () => {
    const text = "# routes\n192.0.2.0/24 AS64500\n\n198.51.100.0/24,64510\n198.51.100.0/23\tAS64999\n10.0.0.0/8 AS1\n";
    const fromText = db.checkRoutes(text);
    assert.deepEqual(fromText.map((c) => c.status), ["valid", "covered", "invalid-origin", "not-found"]);
    const fromArray = db.checkRoutes([["192.0.2.0/24", 64500], "198.51.100.0/24 AS64510",
      ["198.51.100.0/23", "AS64999"], ["10.0.0.0/8", "1"]]);
    assert.deepEqual(fromArray, fromText);
    assert.deepEqual(fromText[1], db.checkRoute("198.51.100.0/24", 64510));
    assert.deepEqual(db.checkRoutes(""), []);
    assert.deepEqual(db.checkRoutes([]), []);
  });
});

describe("IrrDb errors", () => {
  const BAD = "route: 192.0.2.0/24\norigin: AS1\nmnt-by: M\nsource: TEST\n\nroute: 198.51.100.0/24\norigin: AS1\ngarbage here\nsource: TEST\n";

  test("strict: parse error with the core message and line", () => {
    const e = thrown(() => IrrDb.fromText(BAD, null, { strict: true }));
    assert.ok(e instanceof Error);
    assert.equal(e.kind, "parse");
    assert.equal(e.message, 'line 8: malformed line: not an attribute, continuation or comment: "garbage here"');
  });

  test("lenient (default): skipped with a warning", () => {
    const d = IrrDb.fromText(new TextEncoder().encode(BAD));
    assert.equal(d.length, 1);
    assert.deepEqual(d.warnings, ['line 8: malformed line: not an attribute, continuation or comment: "garbage here"']);
    assert.equal(d.stats().errors, 1);
    d.free();
  });

  test("bad routes", () => {
    let e = thrown(() => db.checkRoute("192.0.2.1/24", "AS1"));
    assert.equal(e.kind, "model");
    assert.equal(e.message, "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24)");
    e = thrown(() => db.checkRoute("192.0.2.0/24", "ASX"));
    assert.equal(e.kind, "model");
    e = thrown(() => db.checkRoute("192.0.2.0/24", null));
    assert.equal(e.kind, "argument");
    e = thrown(() => db.checkRoutes("192.0.2.0/24 AS1\n192.0.2.1/24 AS1\n"));
    assert.equal(e.line, 2);
    assert.equal(e.kind, "model");
    e = thrown(() => db.checkRoutes([["192.0.2.0/24", 1], ["192.0.2.0/24"]]));
    assert.equal(e.index, 1);
    e = thrown(() => db.checkRoutes("192.0.2.0/24\n"));
    assert.equal(e.line, 1);
    assert.match(e.message, /prefix origin/);
    e = thrown(() => IrrDb.fromText(42));
    assert.ok(e instanceof TypeError);
  });
});

describe("IrrDb stats, sources, lookup", () => {
  test("stats", () => {
    assert.equal(db.length, 6);
    assert.deepEqual(db.sources, ["RIPE", "RADB", "ARIN"]);
    assert.deepEqual(db.warnings, []);
    assert.deepEqual(db.stats(), {
      objects: 6,
      classes: { "as-set": 1, "aut-num": 1, route: 3, route6: 1 },
      errors: 0,
      deleted: 0,
      sources: {
        ARIN: { objects: 1, classes: { route6: 1 } },
        RADB: { objects: 1, classes: { route: 1 } },
        RIPE: { objects: 4, classes: { "as-set": 1, "aut-num": 1, route: 2 } },
      },
      routesV4: 3,
      routesV6: 1,
    });
  });

  test("forced source", () => {
    const d = IrrDb.fromText(RPSL, "mirror");
    assert.deepEqual(d.sources, ["MIRROR"]);
    assert.deepEqual(d.checkRoute("192.0.2.0/24", 64501).perSource, { MIRROR: "valid" });
    d.free();
  });

  test("lookup", () => {
    const routes = db.lookup("192.0.2.0/24");
    assert.deepEqual(routes.map((o) => [o.class, o.key, o.source, o.line]),
      [["route", "192.0.2.0/24", "RIPE", 3], ["route", "192.0.2.0/24", "RADB", 8]]);
    assert.match(routes[1].text, /^route:   192\.0\.2\.0\/24\norigin:  AS64501\n/);
    assert.deepEqual(db.lookup("AS64500").map((o) => o.class), ["aut-num"]);
    assert.deepEqual(db.lookup("as-example").map((o) => [o.class, o.key]), [["as-set", "AS-EXAMPLE"]]);
    assert.deepEqual(db.lookup("10.0.0.0/8"), []);
    assert.deepEqual(db.lookup("NOTHING"), []);
  });
});

const DN42 = needsData("irr/dn42/dn42-registry.rpsl");

test("dn42 registry: counts, and statuses against a naive scan", { skip: DN42.skip }, () => {
  const text = readFileSync(DN42.file);
  const d = IrrDb.fromText(text);
  const s = d.stats();
  assert.equal(s.classes.route, 2311);
  assert.equal(s.classes.route6, 2132);
  assert.equal(s.routesV4, 2311);
  assert.equal(s.routesV6, 2132);
  // a malformed inetnum or so may be skipped (lenient), never a route
  assert.ok(s.errors < 5, d.warnings.join("\n"));
  assert.ok(d.sources.includes("DN42"));
  // reference: route objects read with a regex (first origin of each), statuses by a linear scan
  const refs = [];
  for (const block of text.toString("utf8").split(/\n\s*\n/)) {
    const m = /^(route6?):\s*(\S+)/m.exec(block);
    const o = /^origin:\s*AS(\d+)/m.exec(block);
    if (m && o && block.trimStart().startsWith(m[1])) refs.push({ ...parsePrefixBits(m[2]), prefix: m[2], asn: Number(o[1]) });
  }
  assert.equal(refs.length, 2311 + 2132);
  const width = (v6) => (v6 ? 128n : 32n);
  const covers = (r, q) => r.v6 === q.v6 && r.len <= q.len &&
    (r.len === 0 || q.bits >> (width(q.v6) - BigInt(r.len)) === r.bits >> (width(r.v6) - BigInt(r.len)));
  const naive = (prefix, asn) => {
    const q = parsePrefixBits(prefix);
    const cov = refs.filter((r) => covers(r, q));
    if (cov.some((r) => r.asn === asn && r.len === q.len)) return "valid";
    if (cov.some((r) => r.asn === asn)) return "covered";
    return cov.length ? "invalid-origin" : "not-found";
  };
  const routes = [];
  for (let i = 0; i < refs.length; i += 23) {
    const r = refs[i];
    routes.push([r.prefix, r.asn], [r.prefix, refs[(i * 7) % refs.length].asn]);
  }
  routes.push(["10.0.0.0/8", 64500], ["172.20.0.0/14", 4242420000]);
  const checks = d.checkRoutes(routes);
  const seen = new Set();
  routes.forEach(([p, a], i) => {
    assert.equal(checks[i].status, naive(p, a), `${p} AS${a}`);
    seen.add(checks[i].status);
  });
  assert.ok(seen.has("valid") && seen.has("invalid-origin") && seen.has("not-found"), [...seen].join());
  d.free();
});
