// Path checks through the WebAssembly bindings in node (pkg-node): AsPath,
// AspaSet (every worked example of core/tests/fixtures/aspa/examples.txt —
// the NIST examples PDF tables and the RS discussion — with ramps and
// verdicts), Bogons, AsRelations + detectLeaks + OTC, and RouteChecker
// (single, batch, bgpdump -m lines), errors (message, kind, index/line), and
// the RIS table head with real VRPs/ASPAs and the 2018 CAIDA as-rel (skipped
// when missing unless CI=true).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";

import { loadPkg, needsData, REPO, thrown } from "./helpers.mjs";

const {
  AsPath, AspaSet, AsRelations, Bogons, RouteChecker, VrpSet,
  detectLeaks, otcEgress, otcIngress, specialPurpose, verifyDownstream, verifyUpstream,
} = loadPkg();


describe("AsPath", () => {
  test("parse: segments, origin, neighbour, length, compression", () => {
    const p = AsPath.parse("64500 64501 64501 {64502,64503}");
    assert.equal(p.neighbor, 64500);
    assert.equal(p.origin, null); // ends in an AS_SET
    assert.equal(p.length, 4); // the set counts one
    assert.equal(p.hasSet, true);
    assert.equal(p.isEmpty, false);
    assert.deepEqual(p.asns, [64500, 64501, 64501, 64502, 64503]);
    assert.deepEqual(p.segments, [
      { type: "sequence", asns: [64500, 64501, 64501] },
      { type: "set", asns: [64502, 64503] },
    ]);
    assert.equal(p.compressed(), null);
    assert.equal(p.toString(), "64500 64501 64501 {64502,64503}");
    assert.equal(`${p}`, "64500 64501 64501 {64502,64503}");

    const q = AsPath.parse("AS64500 64501 64501 1.10 (65000 65001) [65002,65003]");
    assert.equal(q.origin, null); // a confederation segment ends it
    assert.deepEqual(q.compressed(), [64500, 64501, 65546]);
    assert.equal(q.length, 4); // prepends count one each, confederation segments zero
    assert.deepEqual(q.segments.map((s) => s.type), ["sequence", "confed-sequence", "confed-set"]);
    assert.equal(q.dedupPrepends().toString(), "64500 64501 65546 (65000 65001) [65002,65003]");

    const e = AsPath.parse("");
    assert.equal(e.isEmpty, true);
    assert.equal(e.origin, null);
    assert.equal(e.neighbor, null);
    assert.deepEqual(e.compressed(), []);
    p.free();
  });

  test("fromAsns, equals, and paths as arguments", () => {
    const p = AsPath.fromAsns([64500, "AS64501", "64502"]);
    assert.equal(p.toString(), "64500 64501 64502");
    assert.equal(p.origin, 64502);
    assert.equal(p.equals("64500 64501 64502"), true);
    assert.equal(p.equals([64500, 64501, 64502]), true);
    assert.equal(p.equals(AsPath.parse("64500 64501")), false);
    const set = new AspaSet([[64502, [64501]], [64501, [64500]]]);
    // string, array and AsPath give the same verdict
    assert.deepEqual([set.verify(p), set.verify("64500 64501 64502"), set.verify([64500, 64501, 64502])],
      ["valid", "valid", "valid"]);
    p.free();
    const freed = thrown(() => set.verify(p));
    assert.equal(freed.kind, "argument");
  });

  test("errors carry routeguard's message and a kind", () => {
    const e = thrown(() => AsPath.parse("64500 {64501"));
    assert.ok(e instanceof Error);
    assert.equal(e.kind, "model");
    assert.match(e.message, /^invalid AS path "64500 \{64501"/);
    const bad = thrown(() => AsPath.parse("64500 4294967296"));
    assert.equal(bad.kind, "model");
    assert.equal(thrown(() => AsPath.fromAsns("64500")).kind, "argument");
    assert.equal(thrown(() => AsPath.fromAsns([-1])).kind, "model");
  });
});

// ---------------------------------------------------------------------------
// The worked examples (same fixture as core/tests/aspa.rs).

function parseExamples(text) {
  const sets = new Map();
  const cases = [];
  let section = null;
  let names = new Map();
  const resolve = (n) => {
    if (names.has(n)) return names.get(n);
    const v = Number(n);
    assert.ok(Number.isInteger(v), `unknown AS ${n}`);
    return v;
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("[")) {
      section = line.slice(1, -1);
      sets.set(section, []);
      names = new Map();
      continue;
    }
    const t = line.split(/\s+/);
    if (t[0] === "as") names.set(t[1], Number(t[2]));
    else if (t[0] === "aspa") sets.get(section).push({ customer: resolve(t[1]), providers: t.slice(2).map(resolve) });
    else if (t[0] === "case") {
      const kv = Object.fromEntries(t.slice(3).map((x) => x.split("=")));
      const num = (k) => (kv[k] === "-" ? null : Number(kv[k]));
      const options = { direction: t[2] };
      if (kv.neighbor) options.neighbor = resolve(kv.neighbor);
      if (kv.role) options.role = kv.role;
      if (kv.rs) options.routeServer = resolve(kv.rs);
      cases.push({
        section, id: t[1], options,
        path: kv.path.split(",").map(resolve),
        ramps: { len: num("len"), maxUpRamp: num("max_up"), maxDownRamp: num("max_down"), minUpRamp: num("min_up"), minDownRamp: num("min_down") },
        result: kv.result, reason: kv.reason ?? null,
      });
    } else assert.fail(`unknown directive ${t[0]}`);
  }
  return { sets, cases };
}

const EXAMPLES = parseExamples(readFileSync(path.join(REPO, "core", "tests", "fixtures", "aspa", "examples.txt"), "utf8"));

describe("AspaSet: the draft's worked examples", () => {
  test("the fixture has the NIST tables (9 + 10 + 6) and 11 RS cases", () => {
    const per = (s) => EXAMPLES.cases.filter((c) => c.section === s).length;
    assert.equal(per("nist-topology"), 19);
    assert.equal(per("nist-complex"), 6);
    assert.equal(EXAMPLES.cases.length, 36);
  });

  for (const c of EXAMPLES.cases) {
    test(`${c.section} ${c.id}: ${c.options.direction} ${c.path.join(" ")} → ${c.result}`, () => {
      const set = new AspaSet(EXAMPLES.sets.get(c.section));
      const r = set.explain(c.path, c.options);
      assert.equal(r.verdict, c.result, r.text);
      const { len, ...ramps } = c.ramps;
      assert.deepEqual({
        len: r.maxUpRamp === null ? null : r.path.length,
        maxUpRamp: r.maxUpRamp, maxDownRamp: r.maxDownRamp, minUpRamp: r.minUpRamp, minDownRamp: r.minDownRamp,
      }, { len, ...ramps }, r.text);
      if (c.reason) assert.equal(r.reason, c.reason);
      assert.equal(r.direction, c.options.direction);
      // the verdict-only entry points agree
      assert.equal(set.verify(c.path, c.options), c.result);
      assert.equal(set.verify(c.path.join(" "), c.options), c.result);
      if (c.section.startsWith("nist")) {
        const plain = c.options.direction === "upstream" ? verifyUpstream(set, c.path) : verifyDownstream(set, c.path);
        assert.equal(plain, c.result);
      }
      set.free();
    });
  }

  test("explanations name the ramps and the deciding hop", () => {
    const set = new AspaSet(EXAMPLES.sets.get("nist-topology"));
    const t12 = EXAMPLES.cases.find((c) => c.id === "t1.2");
    const r = set.explain(t12.path, t12.options);
    assert.equal(r.text, "invalid: max_up_ramp 2 < path length 3 (hop AS65020 → AS65030: not-provider+)");
    assert.equal(r.reason, "up-ramp-too-short");
    assert.deepEqual(r.deciding, { customer: 65020, provider: 65030, result: "not-provider+" });
    assert.equal(r.decidingDown, null);
    assert.deepEqual(r.path, [65030, 65020, 65000]);
    assert.equal(r.neighbor, 65030);
    // neighbour mismatch and AS_SET stop before the ramps
    const m = set.explain("65050 65020 65000", { neighbor: 65030 });
    assert.deepEqual([m.verdict, m.reason, m.maxUpRamp], ["invalid", "neighbor-mismatch", null]);
    assert.equal(m.text, "invalid: leftmost AS AS65050 is not the neighbor AS65030");
    assert.equal(set.explain("65050 {65020,65000}").reason, "as-set");
    assert.equal(set.explain("").reason, "empty-path");
  });
});

describe("AspaSet", () => {
  test("construction, providers, hop function, entries", () => {
    const set = new AspaSet([
      { customer: 64500, providers: [64510] },
      ["AS64500", ["AS64511", 0]], // merged; AS0 beside providers dropped
      [64501, [0]], // AS0 alone: no providers
    ]);
    assert.equal(set.length, 2);
    assert.deepEqual(set.providers(64500), [64510, 64511]);
    assert.deepEqual(set.providers("AS64501"), []);
    assert.equal(set.providers(64502), null);
    assert.equal(set.has(64501), true);
    assert.equal(set.has(64502), false);
    assert.equal(set.authorized(64500, 64511), "provider+");
    assert.equal(set.authorized(64501, 64510), "not-provider+");
    assert.equal(set.authorized(64502, 64510), "no-attestation");
    assert.deepEqual(set.entries(), [
      { customer: 64500, providers: [64510, 64511] },
      { customer: 64501, providers: [] },
    ]);
    assert.equal(new AspaSet().length, 0);
    assert.equal(new AspaSet(null).length, 0);
  });

  test("verifyUpstream / verifyDownstream (the core's doc examples)", () => {
    const up = new AspaSet([[64500, [64510]], [64510, [64520]]]);
    assert.equal(verifyUpstream(up, "64520 64510 64500"), "valid");
    assert.equal(verifyUpstream(up, "64520 64510 64510 64500"), "valid"); // prepends collapse
    assert.equal(verifyUpstream(up, "64530 64500"), "invalid");
    assert.equal(verifyUpstream(up, "64500 64540"), "unknown");
    assert.equal(verifyUpstream(up, ""), "invalid");
    assert.equal(verifyUpstream(up, "64510 {64500,64501}"), "invalid");
    const down = new AspaSet([[64500, [64510]], [64501, [64510]]]);
    assert.equal(verifyDownstream(down, "64510 64500"), "valid");
    assert.equal(down.verify("64510 64500", { direction: "downstream" }), "valid");
    assert.equal(down.verify("64510 64500", { direction: "downstream", neighbor: 64511 }), "invalid");
  });

  test("verifyMany: arrays and text, errors with index and line", () => {
    const set = new AspaSet([[64500, [64510]], [64510, [64520]]]);
    assert.deepEqual(set.verifyMany(["64520 64510 64500", [64530, 64500], AsPath.parse("64500 64540")]),
      ["valid", "invalid", "unknown"]);
    assert.deepEqual(set.verifyMany("# paths\n64520 64510 64500\n\n64530 64500\r\n64500 64540\n"),
      ["valid", "invalid", "unknown"]);
    assert.deepEqual(set.verifyMany("64510 64500\n", { neighbor: 64520 }), ["invalid"]);
    const e = thrown(() => set.verifyMany("64520 64510 64500\n\n64500 x\n"));
    assert.equal(e.kind, "model");
    assert.equal(e.line, 3);
    const f = thrown(() => set.verifyMany(["64500", 12]));
    assert.equal(f.kind, "argument");
    assert.equal(f.index, 1);
  });

  test("from a validator export, and from a VrpSet", () => {
    const json = JSON.stringify({
      roas: [{ prefix: "192.0.2.0/24", maxLength: 24, asn: 64500, ta: "ripe" }],
      aspas: [{ customer_asid: 64500, expires: 1753453058, providers: [64510, 64511] }],
    });
    const a = AspaSet.fromText(json);
    assert.equal(a.length, 1);
    assert.deepEqual(a.providers(64500), [64510, 64511]);
    const b = AspaSet.fromText("aspa-set {\n    customer-as 64500 provider-as { 64510 64511 }\n}\n", "openbgpd");
    assert.deepEqual(b.entries(), a.entries());
    const vrps = VrpSet.fromJson(json);
    const c = vrps.aspaSet();
    const d = AspaSet.fromVrpSet(vrps);
    vrps.free(); // the AspaSets keep the data
    assert.deepEqual(c.entries(), a.entries());
    assert.equal(d.verify("64510 64500"), "valid");
    const e = thrown(() => AspaSet.fromText("{", "json"));
    assert.equal(e.kind, "parse");
    assert.equal(thrown(() => AspaSet.fromText("", "xml")).kind, "argument");
  });

  test("bad options and arguments", () => {
    const set = new AspaSet([[64500, [64510]]]);
    const d = thrown(() => set.verify("64510 64500", { direction: "sideways" }));
    assert.ok(d instanceof TypeError);
    assert.equal(d.kind, "argument");
    assert.equal(d.message, 'unknown direction "sideways" (expected upstream or downstream)');
    const r = thrown(() => set.verify("64510 64500", { role: "boss" }));
    assert.equal(r.message, 'unknown role "boss" (expected provider, customer, rs, rs-client or peer)');
    assert.equal(thrown(() => set.verify("1", { neighbor: "ASX" })).kind, "model");
    assert.equal(thrown(() => set.verify({})).kind, "argument");
    const e = thrown(() => new AspaSet([[64500, [64510]], { customer: 1 }]));
    assert.equal(e.index, 1);
    assert.equal(e.kind, "argument");
  });
});

describe("Bogons", () => {
  const b = new Bogons();

  test("bogon prefixes name the registry and the entry", () => {
    const f = b.checkPrefix("10.1.0.0/16");
    assert.deepEqual(f, {
      kind: "bogon-prefix", list: "IANA IPv4 Special-Purpose Address Registry",
      entry: "10.0.0.0/8 Private-Use (RFC 1918)", asn: null,
      text: "bogon-prefix: 10.0.0.0/8 Private-Use (RFC 1918) [IANA IPv4 Special-Purpose Address Registry]",
    });
    assert.equal(b.checkPrefix("192.0.0.9/32")?.kind, "too-specific"); // globally reachable, but a /32
    assert.equal(b.checkPrefix("193.0.0.0/21"), null);
    assert.equal(b.checkPrefix("2001:db8:1::/48").list, "IANA IPv6 Special-Purpose Address Registry");
    assert.equal(b.checkPrefix("0.0.0.0/0").kind, "default-route");
    assert.equal(b.checkPrefix("193.0.0.0/25").kind, "too-specific");
  });

  test("every finding of a route, in priority order", () => {
    const all = b.checkRoute("192.0.2.0/25", "3356 23456 64500");
    assert.deepEqual(all.map((f) => f.kind), ["bogon-prefix", "bogon-asn", "bogon-asn", "too-specific"]);
    assert.deepEqual(all.slice(1, 3).map((f) => [f.asn, f.list]), [[23456, "RFC 6793"], [64500, "RFC 5398"]]);
    assert.equal(all[1].entry, "AS23456 AS_TRANS (RFC 6793)");
    assert.deepEqual(b.checkRoute("193.0.0.0/21", "3333"), []);
    assert.equal(b.first("193.0.0.0/21", [3333, 4200000001]).kind, "bogon-asn");
    assert.equal(b.first("193.0.0.0/21", "3333"), null);
    assert.equal(b.checkAsn(65535).entry.includes("65535"), true);
    assert.equal(b.checkAsn("AS3333"), null);
  });

  test("options: lengths, long paths, default routes", () => {
    const o = new Bogons({ maxV4Len: 22, maxV6Len: 32, maxPathLen: 3, allowDefault: true });
    assert.deepEqual(o.options, { maxV4Len: 22, maxV6Len: 32, maxPathLen: 3, allowDefault: true });
    assert.equal(o.first("193.0.0.0/23", "3333").kind, "too-specific");
    assert.equal(o.first("193.0.0.0/21", "3333 3333 3333 3333").kind, "long-path");
    assert.equal(o.first("193.0.0.0/21", "3333 {1,2,3,4}"), null); // a set counts one
    assert.equal(o.first("0.0.0.0/0", "3333"), null);
    assert.equal(new Bogons({ maxPathLen: null }).options.maxPathLen, null);
    assert.equal(new Bogons({ maxPathLen: 0 }).first("193.0.0.0/21", Array(100).fill(3333)), null);
    assert.equal(b.first("193.0.0.0/21", Array(65).fill(3333)).kind, "long-path");
    assert.equal(thrown(() => new Bogons({ maxV4Len: 33 })).kind, "argument");
  });

  test("user lists (Team Cymru format) add to the built-in data", () => {
    const u = new Bogons();
    assert.equal(u.addList("fullbogons-ipv4.txt", "# last updated 1700000000\n0.0.0.0/8\n193.0.0.0/16  # test\n"), 2);
    assert.equal(u.addList("extra", ["198.18.0.0/15", "2a10::/12"]), 2);
    assert.deepEqual(u.lists, [{ name: "fullbogons-ipv4.txt", size: 2 }, { name: "extra", size: 2 }]);
    assert.deepEqual(u.checkPrefix("193.0.0.0/21"), {
      kind: "bogon-prefix", list: "fullbogons-ipv4.txt", entry: "193.0.0.0/16", asn: null,
      text: "bogon-prefix: 193.0.0.0/16 [fullbogons-ipv4.txt]",
    });
    assert.equal(u.checkPrefix("2a10:1::/32").list, "extra");
    assert.equal(b.checkPrefix("193.0.0.0/21"), null); // the other checker is unchanged
    const e = thrown(() => u.addList("bad", "0.0.0.0/8\n10.0.0.1/8\n"));
    assert.equal(e.kind, "parse");
    assert.equal(e.line, 2);
    assert.match(e.message, /^line 2\b/);
    assert.equal(thrown(() => u.addList("bad", ["10.0.0.0/8", "10.0.0.1/8"])).index, 1);
  });

  test("specialPurpose: the IANA rows with their flags", () => {
    const v4 = specialPurpose(4);
    const private10 = v4.find((r) => r.block === "10.0.0.0/8");
    assert.deepEqual(private10, {
      block: "10.0.0.0/8", name: "Private-Use", rfc: "RFC 1918", registry: "IANA IPv4 Special-Purpose Address Registry",
      source: true, destination: true, forwardable: true, globallyReachable: false, reservedByProtocol: false,
    });
    assert.ok(specialPurpose(6).some((r) => r.block === "2001:db8::/32"));
    assert.equal(thrown(() => specialPurpose(5)).kind, "argument");
  });
});

const AS_REL = `# inferred clique: 1 2
# IXP ASes: 9999
1|2|0
1|10|-1
2|20|-1
10|100|-1
20|100|-1
10|30|0
20|30|0
`;

describe("AsRelations and route leaks", () => {
  const rel = AsRelations.fromText(AS_REL);

  test("relationships, neighbour lists, header lists", () => {
    assert.equal(rel.length, 7);
    assert.equal(rel.relationship(1, 10), "customer");
    assert.equal(rel.relationship("AS10", "AS1"), "provider");
    assert.equal(rel.relationship(1, 2), "peer");
    assert.equal(rel.relationship(1, 100), null);
    assert.deepEqual(rel.providersOf(100), [10, 20]);
    assert.deepEqual(rel.customersOf(1), [10]);
    assert.deepEqual(rel.peersOf(30), [10, 20]);
    assert.deepEqual(rel.clique, [1, 2]);
    assert.deepEqual(rel.ixps, [9999]);
    assert.equal(AsRelations.fromText(new TextEncoder().encode("1|2|0\n1|2|-1\n")).conflicts, 1);
  });

  test("valley-free paths are ok; each leak type is found with its leaker", () => {
    // 100 → 10 → 1 → 2 → 20: up, up, across, down
    assert.deepEqual(detectLeaks(rel, "20 2 1 10 100"), { state: "ok", leaks: [], missing: [] });
    // 100 sends what it learned from provider 20 to provider 10: type 1
    const hairpin = detectLeaks(rel, "10 100 20");
    assert.equal(hairpin.state, "leak");
    assert.deepEqual(hairpin.leaks, [{
      leaker: 100, type: 1, kind: "hairpin-turn", learnedFrom: 20, sentTo: 10,
      text: "AS100 sent a route learned from provider AS20 to provider AS10 (RFC 7908 type 1, hairpin-turn)",
    }]);
    // 30 sends what it learned from peer 20 to peer 10: type 2
    assert.deepEqual(detectLeaks(rel, "10 30 20").leaks.map((l) => [l.leaker, l.type, l.kind]),
      [[30, 2, "lateral-isp-isp-isp"]]);
    // 10 sends what it learned from provider 1 to peer 30: type 3
    assert.deepEqual(detectLeaks(rel, "30 10 1").leaks.map((l) => [l.leaker, l.type]), [[10, 3]]);
    // 10 sends what it learned from peer 30 to provider 1: type 4
    assert.deepEqual(detectLeaks(rel, "1 10 30").leaks.map((l) => [l.leaker, l.type]), [[10, 4]]);
  });

  test("missing relations give unknown; the receiver judges the last hop", () => {
    const u = detectLeaks(rel, "10 100 777");
    assert.equal(u.state, "unknown");
    assert.deepEqual(u.missing, [[100, 777]]);
    // without a receiver a two-AS path is ok; received by provider 10 from 100,
    // which learned it from its provider 20, it is a leak
    assert.equal(detectLeaks(rel, "100 20").state, "ok");
    const r = detectLeaks(rel, "100 20", 10);
    assert.equal(r.state, "leak");
    assert.deepEqual([r.leaks[0].leaker, r.leaks[0].sentTo], [100, 10]);
    assert.equal(detectLeaks(rel, "100 20", "AS10").state, "leak");
  });

  test("parse errors name the line", () => {
    const e = thrown(() => AsRelations.fromText("1|2|0\n1|3|7\n"));
    assert.equal(e.kind, "parse");
    assert.equal(e.line, 2);
    assert.match(e.message, /^line 2\b/);
    assert.equal(thrown(() => AsRelations.fromText(12)).kind, "argument");
  });

  test("RFC 9234 OTC ingress and egress", () => {
    // from a customer with OTC: leak
    assert.deepEqual(otcIngress("provider", 64500, 64499), { leak: true, otc: 64499 });
    // from a peer: OTC must be the peer's AS
    assert.deepEqual(otcIngress("peer", 64500, 64500), { leak: false, otc: 64500 });
    assert.deepEqual(otcIngress("peer", "AS64500", "AS64501"), { leak: true, otc: 64501 });
    // from a provider without OTC: OTC set to the provider's AS
    assert.deepEqual(otcIngress("customer", 64500), { leak: false, otc: 64500 });
    assert.deepEqual(otcIngress("rs-client", 64500, null), { leak: false, otc: 64500 });
    // egress: to a customer, OTC added; with OTC to a provider: not sent
    assert.deepEqual(otcEgress("provider", 64510), { leak: false, otc: 64510 });
    assert.deepEqual(otcEgress("customer", 64510, 64500), { leak: true, otc: 64500 });
    assert.deepEqual(otcEgress("customer", 64510), { leak: false, otc: null });
    assert.equal(thrown(() => otcIngress("boss", 1)).kind, "argument");
  });
});

const VRPS = `ASN,IP Prefix,Max Length,Trust Anchor
AS13335,1.1.1.0/24,24,apnic
AS3333,193.0.0.0/21,21,ripe
`;

describe("RouteChecker", () => {
  const vrps = VrpSet.fromCsv(VRPS);
  const aspa = new AspaSet([[13335, [3356, 174]], [3356, [0]], [174, [0]], [3333, [1299]]]);
  const relations = AsRelations.fromText("3356|13335|-1\n174|13335|-1\n3356|174|0\n1299|3333|-1\n3356|1299|0\n");

  test("bogons only by default; '-' for checks without data", () => {
    const c = new RouteChecker();
    assert.deepEqual([c.hasRov, c.hasAspa, c.hasRelations, c.direction], [false, false, false, "upstream"]);
    const v = c.check("1.1.1.0/24", "3356 13335");
    assert.deepEqual(v, {
      rov: null, aspa: null, bogon: null, leak: null, bogonWord: "ok", rejected: false, text: "-,-,ok,-",
    });
    const b = c.check("10.0.0.0/8", "3356 13335");
    assert.equal(b.bogon.kind, "bogon-prefix");
    assert.equal(b.text, "-,-,bogon-prefix,-");
    assert.equal(b.rejected, true);
  });

  test("all four checks", () => {
    const c = new RouteChecker({ vrps, aspa, relations });
    assert.deepEqual(c.check("1.1.1.0/24", "3356 13335"), {
      rov: "valid", aspa: "valid", bogon: null, leak: "ok", bogonWord: "ok", rejected: false, text: "valid,valid,ok,ok",
    });
    // 13335 sends what it learned from provider 174 to provider 3356 (a
    // hairpin leak; ASPA: 174 has no providers); the origin is 174, not 13335
    assert.equal(c.check("1.1.1.0/24", "3356 13335 174").text, "invalid,invalid,ok,leak");
    assert.equal(c.check("1.1.1.0/24", "3356 13335 174").rejected, true);
    // origin 64999 is a bogon ASN; no VRP covers 8.8.8.0/24; a two-AS path
    // without a receiver has no AS to judge for leaks
    assert.equal(c.check("8.8.8.0/24", "3356 64999").text, "not-found,unknown,bogon-asn,ok");
    // ...with a third AS missing from the relations it is unknown
    assert.equal(c.check("8.8.8.0/24", "3356 13335 15169").leak, "unknown");
    // the neighbour must be the leftmost AS
    assert.equal(c.check("1.1.1.0/24", "3356 13335", 174).aspa, "invalid");
    assert.equal(c.check("1.1.1.0/24", "3356 13335", "AS3356").aspa, "valid");
    const down = new RouteChecker({ vrps, aspa, relations, direction: "downstream", receiver: 174 });
    assert.equal(down.direction, "downstream");
    // 3356 sends what it learned from its peer 1299 to its peer 174 (type 2)
    assert.equal(down.check("193.0.0.0/21", "3356 1299 3333").leak, "leak");
    assert.equal(new RouteChecker({ relations }).check("193.0.0.0/21", "3356 1299 3333").leak, "ok");
    // ...but what it learned from its customer 13335 it may send to 174
    assert.equal(down.check("1.1.1.0/24", "3356 13335").leak, "ok");
    // downstream: from provider 3356, down to 13335
    assert.equal(down.check("1.1.1.0/24", "3356 13335").aspa, "valid");
    // 3356 and 174 are peers at the top of the path: valid downstream
    assert.equal(down.check("1.1.1.0/24", "174 3356 13335").aspa, "valid");
    // a valley: 13335 passes its provider 174's route up to 3356
    assert.equal(down.check("1.1.1.0/24", "3356 13335 174").aspa, "invalid");
  });

  test("checkMany: results in order; a bad route throws with its index", () => {
    const c = new RouteChecker({ vrps, aspa, relations });
    const out = c.checkMany([
      ["1.1.1.0/24", "3356 13335"],
      ["193.0.0.0/21", [1299, 3333], 1299],
      ["193.0.0.0/21", AsPath.parse("174 3333"), null],
    ]);
    assert.deepEqual(out.map((v) => v.text), ["valid,valid,ok,ok", "valid,valid,ok,ok", "valid,invalid,ok,ok"]);
    const e = thrown(() => c.checkMany([["1.1.1.0/24", "3356 13335"], ["1.1.1.1/24", "3356"]]));
    assert.equal(e.index, 1);
    assert.equal(e.kind, "model");
    assert.equal(e.message, "1.1.1.1/24 has host bits set (the network is 1.1.1.0/24)");
    assert.equal(thrown(() => c.checkMany("x")).kind, "argument");
  });

  test("checkLines: PREFIX PATH lines and bgpdump -m lines", () => {
    const c = new RouteChecker({ vrps, aspa, relations });
    const text = [
      "# routes",
      "1.1.1.0/24 3356 13335",
      "",
      "TABLE_DUMP2|1277971199|B|202.249.2.169|174|1.1.1.0/24|3356 13335|IGP|202.249.2.169|0|0||NAG||",
      "BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48",
      "BGP4MP|1470931200|A|37.49.236.123|1299|193.0.0.0/21|1299 3333|IGP|x|0|0||NAG||",
      "BGP4MP|1470931201|STATE|37.49.232.25|60427|6|1",
      "10.0.0.0/8 3356 {13335,174}\r",
    ].join("\n");
    const out = c.checkLines(text);
    assert.deepEqual(out.map((v) => [v.line, v.prefix, v.path, v.peerAs, v.text]), [
      [2, "1.1.1.0/24", "3356 13335", null, "valid,valid,ok,ok"],
      // peer AS 174 is not the leftmost AS 3356
      [4, "1.1.1.0/24", "3356 13335", 174, "valid,invalid,ok,ok"],
      [6, "193.0.0.0/21", "1299 3333", 1299, "valid,valid,ok,ok"],
      [8, "10.0.0.0/8", "3356 {13335,174}", null, "not-found,invalid,bogon-prefix,ok"],
    ]);
    assert.equal(out[3].bogon.entry, "10.0.0.0/8 Private-Use (RFC 1918)");
    // the same as check() route by route
    assert.deepEqual(c.checkLines(new TextEncoder().encode("1.1.1.0/24 3356 13335\n"))[0].text,
      c.check("1.1.1.0/24", "3356 13335").text);
    const e = thrown(() => c.checkLines("1.1.1.0/24 3356\n\nTABLE_DUMP2|1|B|x|1|1.1.1.0/24|1|IGP\n"));
    assert.equal(e.kind, "parse");
    assert.equal(e.line, 3);
    assert.match(e.message, /^line 3: .*peer IP/);
    assert.deepEqual(c.checkLines(""), []);
  });

  test("options are checked; the checker keeps freed data alive", () => {
    assert.equal(thrown(() => new RouteChecker({ vrps: aspa })).message, "vrps must be a VrpSet");
    assert.equal(thrown(() => new RouteChecker({ aspa: vrps })).kind, "argument");
    assert.equal(thrown(() => new RouteChecker({ relations: 3 })).kind, "argument");
    assert.equal(thrown(() => new RouteChecker({ direction: "up-ish" })).kind, "argument");
    assert.equal(thrown(() => new RouteChecker({ receiver: "ASX" })).kind, "model");
    assert.equal(thrown(() => new RouteChecker("x")).kind, "argument");
    const v2 = VrpSet.fromCsv(VRPS);
    const a2 = v2.aspaSet();
    const b2 = new Bogons({ maxV4Len: 20 });
    const c = new RouteChecker({ vrps: v2, aspa: a2, bogons: b2 });
    v2.free();
    a2.free();
    b2.free();
    assert.equal(c.check("193.0.0.0/21", "1299 3333").text, "valid,unknown,too-specific,-");
    const freed = VrpSet.fromCsv(VRPS);
    freed.free();
    assert.equal(thrown(() => new RouteChecker({ vrps: freed })).kind, "argument");
  });
});

// ---------------------------------------------------------------------------
// Real data: the RIS rrc06 table head, real VRPs + ASPAs, CAIDA 2018 as-rel.

const RIS = needsData("bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz");
const ASREL = needsData("asrel/20180101.as-rel.txt.xz");
const RPKI = needsData("vrps/rpki-client_ripe-prepdev_2023-05-04_legacy-aspa-afi.json.gz");
const realSkip = RIS.skip || ASREL.skip || RPKI.skip;

describe("real data", { skip: realSkip }, () => {
  test("checkLines over 20,000 RIS lines equals the parts checked one by one", () => {
    const all = gunzipSync(readFileSync(RIS.file)).toString("utf8");
    let end = 0;
    for (let i = 0; i < 20000 && end >= 0; i++) end = all.indexOf("\n", end + 1);
    const text = all.slice(0, end + 1);
    const xz = spawnSync("xz", ["-dc", ASREL.file], { maxBuffer: 1 << 28 });
    assert.equal(xz.status, 0, "xz -dc failed");
    const relations = AsRelations.fromText(xz.stdout);
    assert.ok(relations.length > 200000, `${relations.length} relations`);
    const vrps = VrpSet.fromText(gunzipSync(readFileSync(RPKI.file)));
    assert.ok(vrps.aspaCount > 0, "the export has ASPAs");
    const aspa = vrps.aspaSet();
    const bogons = new Bogons();
    const checker = new RouteChecker({ vrps, aspa, relations, bogons });
    const out = checker.checkLines(text);
    const lines = text.split("\n").filter((l) => /^TABLE_DUMP2\|\d+\|B\|/.test(l));
    assert.equal(out.length, lines.length);
    const counts = {};
    out.forEach((v, i) => {
      const f = lines[i].split("|");
      assert.equal(v.prefix, f[5]);
      assert.equal(v.peerAs, Number(f[4]));
      const p = AsPath.parse(f[6]);
      const rov = vrps.validate(f[5], p.origin).state;
      const asp = aspa.verify(p, { neighbor: v.peerAs });
      const bogon = bogons.first(f[5], p);
      const leak = detectLeaks(relations, p).state;
      assert.deepEqual([v.rov, v.aspa, v.bogon, v.leak], [rov, asp, bogon, leak], `line ${v.line}: ${lines[i]}`);
      p.free();
      counts[v.text] = (counts[v.text] ?? 0) + 1;
    });
    // every column takes more than one value on real data
    const col = (k) => new Set(out.map((v) => v[k]));
    assert.ok(col("rov").size >= 2 && col("aspa").size >= 2 && col("leak").size >= 2, JSON.stringify(counts));
    console.log(`# ${out.length} routes: ${JSON.stringify(Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 6))}`);
  });
});
