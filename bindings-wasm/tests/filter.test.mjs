// Filters in JS (pkg-node), over local data: dataset.bgpq4 byte for byte
// what bgpq4 1.9 printed for the filter fixtures (core/tests/fixtures/filter,
// served by the IRRd lab), its refusals; dataset.prefixList with RPKI
// drop/tag and ROAs as routes, rendered as bgpq4 renders; dataset.explain;
// diffPrefixLists and PrefixFilter.diff; antispoof; auditConfig; errors with
// kind and code. The Python tests compare the same runs with the real bgpq4
// over IRRd (bindings-python/tests/test_filter.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { loadPkg, REPO, thrown } from "./helpers.mjs";

const { Dataset, PrefixFilter, antispoof, auditConfig, diffPrefixLists } = loadPkg();

const FIX = path.join(REPO, "core", "tests", "fixtures", "filter");
const SOURCES = [["RIPE", "ripe.rpsl"], ["RIPE-NONAUTH", "ripe-nonauth.rpsl"], ["APNIC", "apnic.rpsl"],
  ["AFRINIC", "afrinic.rpsl"], ["FILTERDB", "filterdb.rpsl"]];
const irr = SOURCES.map(([src, name]) => [src, readFileSync(path.join(FIX, name), "utf8")]);
// 20.0.0.0/24 AS3001 invalid (only AS9999 under 20.0.0.0/22), 20.1.0.0/16
// AS3001 valid, a ROA of AS3001 without a route object.
const VRPS = "ASN,IP Prefix,Max Length,Trust Anchor\nAS9999,20.0.0.0/22,24,ripe\n" +
  "AS3001,20.1.0.0/16,16,ripe\nAS3001,30.1.0.0/24,25,ripe\n";
const ds = new Dataset({ irr });
const rpki = new Dataset({ irr, vrps: VRPS });

// bgpq4 1.9 -h <the IRRd lab> -S FILTERDB -A AS-TOP
const AS_TOP_AGGREGATED = `no ip prefix-list NN
ip prefix-list NN permit 20.0.0.0/24 le 25
ip prefix-list NN permit 20.0.1.0/24
ip prefix-list NN permit 20.0.2.0/23
ip prefix-list NN permit 20.0.4.0/22
ip prefix-list NN permit 20.1.0.0/16
ip prefix-list NN permit 21.0.0.0/22 ge 24 le 24
ip prefix-list NN permit 21.0.4.0/24
ip prefix-list NN permit 22.0.0.0/16 le 17
ip prefix-list NN permit 22.1.0.0/16
ip prefix-list NN permit 23.0.0.0/24
ip prefix-list NN permit 24.0.0.0/19 ge 20 le 20
ip prefix-list NN permit 24.0.32.0/19
ip prefix-list NN permit 24.0.64.0/18
ip prefix-list NN permit 24.0.128.0/17
ip prefix-list NN permit 25.0.0.0/23 ge 24 le 24
ip prefix-list NN permit 26.0.0.0/23
ip prefix-list NN permit 26.0.0.0/24
ip prefix-list NN permit 27.0.0.0/24
ip prefix-list NN permit 30.0.0.0/24
ip prefix-list NN permit 31.0.0.0/24
ip prefix-list NN permit 32.0.0.0/24
`;

describe("bgpq4", () => {
  test("bgpq4's output for the fixtures", () => {
    const r = ds.bgpq4(["-S", "FILTERDB", "-A", "AS-TOP"]);
    assert.deepEqual({ ...r }, { stdout: AS_TOP_AGGREGATED, stderr: "", code: 0 });
    assert.ok(Object.isFrozen(r));
    // bgpq4 1.9 -h <lab> -S FILTERDB -6 AS3001 and -f 3001 AS-MID
    assert.equal(ds.bgpq4(["-h", "ignored", "-S", "FILTERDB", "-6", "AS3001"]).stdout,
      "no ipv6 prefix-list NN\nipv6 prefix-list NN permit 2001:db8:3001::/48\n" +
      "ipv6 prefix-list NN permit 2001:db8:3001:1::/64\n");
    assert.equal(ds.bgpq4(["-S", "FILTERDB", "-f", "3001", "AS-MID"]).stdout,
      "no ip as-path access-list NN\nip as-path access-list NN permit ^3001(_[0-9]+)*_(3003|3004|3005|3006)$\n");
    assert.equal(ds.bgpq4(["-S", "FILTERDB", "AS-TOP"], { dialect: "1.16" }).code, 0);
  });

  test("refusals are bgpq4's messages and exit status", () => {
    const r = ds.bgpq4(["-J", "-A", "AS-TOP"]);
    assert.equal(r.code, 255);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "FATAL ERROR:Sorry, aggregation (-A) does not work in Juniper prefix-lists\n" +
      "You can try route-filters (-E) or route-filter-lists (-z) instead of prefix-lists\n.");
    assert.match(ds.bgpq4(["-v"]).stdout, /version: 1\.9/);
    assert.equal(ds.bgpq4(["-Q", "AS1"]).code, 1);
  });

  test("argument errors", () => {
    assert.equal(thrown(() => ds.bgpq4("AS1")).kind, "argument");
    assert.equal(thrown(() => ds.bgpq4(["AS1"], { dialect: "2" })).kind, "argument");
    assert.match(thrown(() => new Dataset().bgpq4(["AS1"])).message, /no IRR data/);
  });
});

describe("prefixList", () => {
  test("rendered as bgpq4 renders it", () => {
    const f = ds.prefixList("AS-TOP", { sources: ["FILTERDB"] });
    assert.ok(f instanceof PrefixFilter);
    assert.equal(f.render(null, { aggregate: true }), AS_TOP_AGGREGATED);
    assert.equal(ds.prefixList(["AS-TOP"], { sources: ["FILTERDB"], aggregate: true }).render(), AS_TOP_AGGREGATED);
    for (const [fmt, flags] of [["junos", ["-J"]], ["bird", ["-b"]], ["ios-xr", ["-X"]], ["ios", []]]) {
      const want = ds.bgpq4([...flags, "-S", "FILTERDB", "-l", "CUST", "AS3001", "AS3004"]).stdout;
      assert.equal(ds.prefixList("AS3001 AS3004", { sources: ["FILTERDB"] }).render(fmt, { name: "CUST" }), want, fmt);
    }
    const six = ds.prefixList("AS3001", { family: 6, sources: ["FILTERDB"] });
    assert.equal(six.family, 6);
    assert.equal(six.render(), ds.bgpq4(["-6", "-S", "FILTERDB", "AS3001"]).stdout);
  });

  test("entries, ASNs, missing sets, JSON", () => {
    const f = ds.prefixList("AS-TOP AS-NOSUCH", { sources: ["FILTERDB"], name: "CUST" });
    assert.deepEqual([...f.missingSets], ["AS-NOSUCH"]);
    assert.ok(f.asns.includes(3005));
    assert.equal(f.length, f.entries.length);
    assert.equal(f.name, "CUST");
    const e = f.entries.find((x) => x.prefix === "20.0.0.0/24");
    assert.deepEqual({ ...e }, { prefix: "20.0.0.0/24", low: 24, high: 24, origin: 3001, source: "route-object", rpki: null });
    assert.ok(Object.isFrozen(f.entries) && Object.isFrozen(e));
    const json = JSON.parse(JSON.stringify(f));
    assert.equal(json.name, "CUST");
    assert.deepEqual(json.missing_sets, ["AS-NOSUCH"]);
    assert.equal(f.toJsonString(), f.render("json"));
    const rs = ds.prefixList("RS-SUB", { sources: ["FILTERDB"] });
    assert.deepEqual(rs.entries.map((x) => [x.prefix, x.low, x.high, x.origin, x.source]),
      [["10.40.0.0/24", 25, 26, null, "route-set"], ["10.50.0.0/16", 16, 32, null, "route-set"]]);
  });

  test("RPKI: drop, tag, off, ROAs as routes", () => {
    const dropped = rpki.prefixList("AS3001", { sources: ["FILTERDB"] });
    assert.deepEqual(dropped.dropped.map((e) => [e.prefix, e.rpki]),
      [["20.0.0.0/24", "invalid"], ["20.0.1.0/24", "invalid"], ["20.0.2.0/23", "invalid"]]);
    assert.deepEqual(dropped.entries.map((e) => [e.prefix, e.rpki]),
      [["20.0.4.0/22", "not-found"], ["20.1.0.0/16", "valid"]]);
    const tagged = rpki.prefixList("AS3001", { sources: ["FILTERDB"], rpki: "tag" });
    assert.equal(tagged.dropped.length, 0);
    assert.equal(tagged.entries.filter((e) => e.rpki === "invalid").length, 3);
    const off = rpki.prefixList("AS3001", { sources: ["FILTERDB"], rpki: null });
    assert.ok(off.entries.every((e) => e.rpki === null));
    const roas = rpki.prefixList("AS3001", { sources: ["FILTERDB"], roaAsRoute: true });
    assert.deepEqual(roas.entries.filter((e) => e.source === "roa").map((e) => [e.prefix, e.low, e.high]),
      [["30.1.0.0/24", 24, 25]]);
    assert.match(roas.render("ios", { aggregate: true }), /permit 30\.1\.0\.0\/24 le 25\n/);
  });

  test("other forms and errors", () => {
    const f = ds.prefixList("AS3001", { sources: ["FILTERDB"] });
    assert.match(f.render("frr", { name: "C" }), /^no ip prefix-list C\nip prefix-list C seq 5 permit 20\.0\.0\.0\/24\n/);
    assert.match(f.render("vyos", { name: "C" }), /set policy prefix-list C /);
    const bad = thrown(() => f.render("cisco-9000"));
    assert.equal(bad.kind, "argument");
    assert.match(bad.message, /filter format/);
    assert.equal(thrown(() => ds.prefixList("AS1", { family: 5 })).kind, "argument");
    assert.equal(thrown(() => ds.prefixList("AS1", { rpki: "keep" })).kind, "argument");
    assert.equal(thrown(() => ds.prefixList(42)).kind, "argument");
  });
});

test("explain", () => {
  const e = ds.explain("AS-TOP", { sources: ["FILTERDB"] });
  const paths = Object.fromEntries(e.asns.map((a) => [a.asn, [...a.path]]));
  assert.deepEqual(paths[3005], ["AS-TOP", "AS-MID", "AS-LEAF"]);
  assert.deepEqual(paths[3009], ["AS-TOP", "AS3002:AS-HIER"]);
  assert.ok(e.missingSets.includes("AS-MISSING"));
  assert.ok(e.loops.some((l) => l.endsWith("-> AS-LOOP1")), e.loops.join());
  const p = e.prefixes.find((x) => x.prefix === "20.0.0.0/25");
  assert.deepEqual([p.origin, [...p.path], [...p.sources]], [3003, ["AS-TOP", "AS-MID"], ["FILTERDB"]]);
  assert.match(e.text, /AS3005 {2}via AS-TOP > AS-MID > AS-LEAF/);
  assert.ok(ds.explain("AS-TOP", { sources: ["FILTERDB"], maxDepth: 1 }).tooDeep.includes("AS-MID"));
});

describe("diff", () => {
  const f = ds.prefixList("AS3001", { sources: ["FILTERDB"], name: "CUST" });
  const router = f.render("ios");
  test("the same list", () => {
    const d = f.diff(router);
    assert.equal(d.equivalent, true);
    assert.equal(d.same, true);
    assert.deepEqual([d.unchanged, d.routerEntries, d.expectedEntries, d.sizeChange], [5, 5, 5, 0]);
  });
  test("missing, extra, routes accepted by one list only", () => {
    const edited = router.split("\n").filter((l) => l && !l.includes("20.1.0.0/16"))
      .concat(["ip prefix-list CUST permit 99.0.0.0/16 le 24"]).join("\n");
    const d = f.diff(edited);
    assert.deepEqual(d.missing.map((r) => ({ ...r })), [{ prefix: "20.1.0.0/16", low: 16, high: 16 }]);
    assert.deepEqual(d.extra.map((r) => ({ ...r })), [{ prefix: "99.0.0.0/16", low: 16, high: 24 }]);
    assert.equal(d.equivalent, false);
    assert.equal(d.onlyRouter[0].routes, 511);
    assert.match(d.text, /^prefix list CUST: router 5 entries, expected 5/);
    assert.match(d.text, /missing \(1\):\n {2}20\.1\.0\.0\/16\n/);
    const same = diffPrefixLists(edited, router, { name: "CUST" });
    assert.equal(same.text, d.text);
    assert.equal(diffPrefixLists(new TextEncoder().encode(f.render("junos")), router, { format: "junos" }).equivalent, true);
    const bad = thrown(() => diffPrefixLists("ip prefix-list X permit 300.0.0.0/8\n", router, { format: "cisco" }));
    assert.equal(bad.kind, "parse");
  });
  test("one list of a whole configuration", () => {
    const other = ds.prefixList("AS3005", { sources: ["FILTERDB"], name: "OTHER" });
    const config = other.render("ios") + router;
    assert.equal(f.diff(config).equivalent, false);
    assert.equal(f.diff(config, { list: "CUST" }).equivalent, true);
    assert.equal(diffPrefixLists(config, config, { list: "OTHER", expectedList: "OTHER" }).equivalent, true);
    assert.equal(diffPrefixLists(config, config, { list: "OTHER", expectedList: "CUST" }).equivalent, false);
    const none = thrown(() => f.diff(config, { list: "NOPE" }));
    assert.equal(none.kind, "parse");
    assert.match(none.message, /no prefix list named "NOPE" \(the input has OTHER, CUST\)/);
  });
});

describe("anti-spoofing", () => {
  test("uRPF and ACLs", () => {
    const cust = { "GigabitEthernet0/1": ["192.0.2.0/24", "2001:db8::/48"], "Gi0/2": ["198.51.100.0/25"] };
    const urpf = antispoof(cust);
    assert.ok(urpf.includes("interface GigabitEthernet0/1\n ip verify unicast source reachable-via rx\n"), urpf);
    assert.ok(antispoof(cust, { output: "acl" }).includes(" permit ip 192.0.2.0 0.0.0.255 any\n deny ip any any\n"));
    const halves = { "xe-0/0/1.100": ["192.0.2.0/25", "192.0.2.128/25"] };
    const hyper = antispoof(halves, { vendor: "junos", output: "acl", hyperAggregate: true });
    assert.ok(hyper.includes("192.0.2.0/24") && !hyper.includes("192.0.2.128/25"));
    assert.match(antispoof(halves, { vendor: "junos" }), /rpf-check/);
    const e = thrown(() => antispoof({ "eth1; reboot": ["192.0.2.0/24"] }));
    assert.deepEqual([e.kind, e.code], ["filter", "invalid-interface"]);
    assert.equal(thrown(() => antispoof({ eth1: ["192.0.2.1/24"] })).kind, "model");
    assert.equal(thrown(() => antispoof({ eth1: [] }, { vendor: "cisco-9000" })).kind, "argument");
    assert.equal(thrown(() => antispoof({ eth1: "192.0.2.0/24" })).kind, "argument");
  });

  test("auditConfig", () => {
    const ios = "hostname edge1\ninterface Gi0/1\n ip address 192.0.2.1 255.255.255.252\n" +
      " ip verify unicast source reachable-via any\ninterface Gi0/2\n ip address 192.0.2.5 255.255.255.252\n" +
      " ip verify unicast source reachable-via rx\n";
    const found = auditConfig(ios);
    assert.deepEqual(found.map((f) => ({ ...f })), [{
      interface: "Gi0/1", family: 4, problem: "urpf-not-strict", line: 4,
      message: "Gi0/1: IPv4 uRPF is loose, not strict (line 4)",
    }]);
    assert.deepEqual(auditConfig(ios, { interfaces: ["Gi0/9"] }).map((f) => [f.problem, f.line]),
      [["interface-not-found", null]]);
    const junos = "set interfaces xe-0/0/1 unit 0 family inet address 192.0.2.1/30\n";
    assert.deepEqual(auditConfig(junos).map((f) => [f.interface, f.problem]), [["xe-0/0/1.0", "urpf-missing"]]);
    assert.deepEqual(auditConfig(junos + "set interfaces xe-0/0/1 unit 0 family inet rpf-check\n",
      { dialect: "junos", interfaces: ["xe-0/0/1"] }), []);
    assert.equal(thrown(() => auditConfig(ios, { dialect: "vms" })).kind, "argument");
  });
});
