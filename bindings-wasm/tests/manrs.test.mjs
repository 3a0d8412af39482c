// The MANRS evaluation in JS (pkg-node): dataset.manrsCheck on a small world
// built here (rules fire, do not fire at their boundary, are not evaluated
// without their data), the report's properties against its JSON, the
// renderers and remedy files, the observatory rows and CSV, the route input
// forms (text, lines, gzip'd bytes; MRT is host-only), and errors with
// kind and code; then the pfx2as table with real VRPs (skipped when the
// data is missing unless CI=true).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";

import { findCli, loadPkg, needsData, REPO, thrown } from "./helpers.mjs";

const { Dataset, ManrsReport, ManrsObservatory } = loadPkg();

// The world of core/tests/manrs.rs: operator AS1000; its provider AS3000,
// peer AS4000, customers AS2000 and AS2200; AS2100 a customer of AS2000.
const ASREL = "3000|1000|-1\n1000|4000|0\n1000|2000|-1\n1000|2200|-1\n2000|2100|-1\n";
const vrps = (...rows) =>
  "ASN,IP Prefix,Max Length,Trust Anchor\n" + rows.map(([p, m, a]) => `AS${a},${p},${m},ripe\n`).join("");
const subjects = (r, rule) => {
  const o = r.rules.find((x) => x.rule === rule);
  assert.ok(o.evaluated, `${rule}: ${o.reason}`);
  return r.findings.filter((f) => f.rule === rule).map((f) => f.subject);
};
const reason = (r, rule) => {
  const o = r.rules.find((x) => x.rule === rule);
  assert.equal(o.evaluated, false, rule);
  assert.equal(o.findings, null);
  return o.reason;
};
const page = (...data) => JSON.stringify({ data, meta: {} });
const NET = { id: 7, asn: 1000, name: "One", org_id: 1, irr_as_set: "RIPE::AS-ONE AS1000", status: "ok" };
const NOC = { id: 1, net_id: 7, role: "NOC", visible: "Public", name: "noc", email: "noc@one.example", phone: "", status: "ok" };

describe("manrsCheck", () => {
  test("own-rpki-invalid: fires beyond maxLength only; not evaluated without VRPs", () => {
    const routes = "11.0.0.0/24 3000 1000\n11.0.0.0/16 3000 1000\n";
    const r = new Dataset({ vrps: vrps(["11.0.0.0/16", 16, 1000]) }).manrsCheck(1000, routes);
    assert.ok(r instanceof ManrsReport);
    assert.deepEqual(subjects(r, "filtering/own-rpki-invalid"), ["11.0.0.0/24 AS1000"]);
    const f = r.findings[0];
    assert.equal(f.rule, "filtering/own-rpki-invalid");
    assert.equal(f.action, "filtering");
    assert.equal(f.severity, "error");
    assert.equal(f.prefix, "11.0.0.0/24");
    assert.equal(f.asn, "AS1000");
    assert.equal(f.maxLength, null);
    assert.equal(f.interface, null);
    assert.ok(f.evidence.includes("RPKI: invalid (length)"), f.evidence.join("; "));
    assert.match(f.remedy, /maxLength 24/);
    assert.equal(r.conformant, false);
    assert.deepEqual({ ...r.routes }, { own: 2, customer: 0, seen: 2 });
    assert.deepEqual([...r.operator.asns], ["AS1000"]);
    assert.deepEqual({ ...r.metrics.rpki }, { valid: 1, invalid: 1, notFound: 0 });
    assert.equal(r.metrics.m7rpki, 0);
    // maxLength 24: both valid.
    const ok = new Dataset({ vrps: vrps(["11.0.0.0/16", 24, 1000]) }).manrsCheck("AS1000", routes);
    assert.deepEqual(subjects(ok, "filtering/own-rpki-invalid"), []);
    // No VRPs: not evaluated, never passed.
    const none = new Dataset().manrsCheck([1000], routes);
    assert.match(reason(none, "filtering/own-rpki-invalid"), /--vrps/);
    const gv = none.actions.find((a) => a.action === "global-validation");
    assert.equal(gv.conformant, null);
    assert.equal(gv.score, null);
    assert.equal(none.metrics.m7rpki, null);
  });

  test("customer rules, customers option, route leaks, bogons", () => {
    const ds = new Dataset({ vrps: vrps(["12.0.0.0/24", 24, 2100]), asrel: ASREL });
    const routes = [
      "12.0.0.0/24 3000 1000 2000",
      "12.0.0.0/24 3000 1000 4000",
      "12.0.0.0/24 1000 3000 5000",
      "12.0.0.0/24 3000 1000 2000 2100",
    ];
    let r = ds.manrsCheck(1000, routes);
    assert.deepEqual(subjects(r, "filtering/customer-rpki-invalid"), ["12.0.0.0/24 AS2000"]);
    assert.equal(r.metrics.customerRoutes, 2);
    assert.equal(r.metrics.caidaAction1, false);
    r = ds.manrsCheck(1000, routes, { customers: ["AS4000"] });
    assert.deepEqual([...r.operator.customers], ["AS4000"]);
    assert.deepEqual(subjects(r, "filtering/customer-rpki-invalid"), ["12.0.0.0/24 AS2000", "12.0.0.0/24 AS4000"]);
    r = new Dataset({ asrel: ASREL }).manrsCheck(1000, [
      "10.1.0.0/16 3000 1000 2000",
      "16.0.0.0/24 3000 1000 2000 64512",
      "20.0.0.0/24 3000 1000 4000",
      "23.0.0.0/24 2000 1000 3000",
    ]);
    assert.deepEqual(subjects(r, "filtering/customer-bogon"), ["10.1.0.0/16 AS2000", "16.0.0.0/24 AS64512"]);
    assert.deepEqual(subjects(r, "filtering/route-leak"), ["20.0.0.0/24 AS4000"]);
  });

  test("global validation: metrics, remedies, remedy files, thresholds", () => {
    const ds = new Dataset({
      vrps: vrps(["24.0.0.0/24", 24, 1000], ["25.0.0.0/24", 24, 9999]),
      irr: "route: 24.0.0.0/16\norigin: AS1000\nsource: RIPE\n",
    });
    const routes = ["24.0.0.0/24 3000 1000", "24.0.1.0/24 3000 1000", "25.0.0.0/24 3000 1000", "26.0.0.0/24 3000 1000"];
    const r = ds.manrsCheck(1000, routes);
    assert.deepEqual(subjects(r, "global-validation/irr-missing"), ["25.0.0.0/24 AS1000", "26.0.0.0/24 AS1000"]);
    assert.deepEqual(subjects(r, "global-validation/roa-missing"), ["24.0.1.0/24 AS1000", "26.0.0.0/24 AS1000"]);
    const m = r.metrics;
    assert.deepEqual([m.ownRoutes, m.m7irr, m.m7rpki, m.registeredOrValid, m.caidaAction4, m.irrRegistered],
      [4, 0.5, 0, 0.5, false, 2]);
    assert.deepEqual(r.remedies.routeObjects.map((o) => `${o.prefix} ${o.origin}`), ["25.0.0.0/24 AS1000", "26.0.0.0/24 AS1000"]);
    assert.deepEqual(r.remedies.roas.map((o) => `${o.prefix}-${o.maxLength}`), ["24.0.1.0/24-24", "25.0.0.0/24-24", "26.0.0.0/24-24"]);
    const files = r.remedyFiles();
    assert.ok(["route-objects.rpsl", "roas.csv", "roas.slurm.json", "README.txt"].every((n) => n in files), Object.keys(files).join());
    assert.ok(files["roas.csv"] instanceof Uint8Array);
    assert.match(new TextDecoder().decode(files["roas.csv"]), /AS1000,26\.0\.0\.0\/24,24,/);
    assert.equal(JSON.parse(new TextDecoder().decode(files["roas.slurm.json"])).locallyAddedAssertions.prefixAssertions.length, 3);
    assert.equal(r.actions.find((a) => a.action === "global-validation").readiness, "lagging");
    const lax = ds.manrsCheck(1000, routes.slice(0, 1), { thresholds: { ready: 0, aspiring: 0 } });
    assert.equal(lax.actions.find((a) => a.action === "global-validation").readiness, "ready");
    // Nothing to do: no files.
    assert.deepEqual(Object.keys(new Dataset().manrsCheck(1000, "37.0.0.0/24 3000 1000\n").remedyFiles()), []);
  });

  test("PeeringDB pages, anti-spoofing facts and Spoofer results", () => {
    const rpsl = "as-set: AS-ONE\nmembers: AS2000\nsource: RIPE\n\naut-num: AS1000\nas-name: ONE\nsource: RIPE\n";
    const routes = ["39.0.0.0/24 3000 1000 2200"];
    let r = new Dataset({ peeringdb: [page(NET), page(NOC)], irr: rpsl, asrel: ASREL }).manrsCheck(1000, routes);
    assert.deepEqual(subjects(r, "coordination/no-peeringdb-contact"), []);
    assert.equal(r.asSet, "RIPE::AS-ONE");
    assert.deepEqual(subjects(r, "global-validation/as-set-missing-customer"), ["AS2200"]);
    assert.deepEqual([...r.remedies.asSetMembers], ["AS2200"]);
    r = new Dataset({ peeringdb: [page(NET), page({ ...NOC, visible: "Private" })] }).manrsCheck(1000, routes);
    assert.deepEqual(subjects(r, "coordination/no-peeringdb-contact"), ["AS1000"]);
    r = new Dataset({ peeringdb: page({ ...NET, asn: 1001 }) }).manrsCheck(1000, routes, { asSet: "AS-X" });
    assert.deepEqual(subjects(r, "coordination/no-peeringdb"), ["AS1000"]);
    assert.equal(r.asSet, "AS-X");
    const facts = JSON.stringify({ interfaces: [
      { name: "xe-0/0/1", device: "edge1", customer_asn: 2000, single_homed: true, urpf: "strict" },
      { name: "xe-0/0/3", device: "edge1", customer_asn: 2200, single_homed: true, urpf: "loose",
        acl: ["40.0.0.0/25"], prefixes: ["40.0.0.0/24"] },
    ] });
    const spoofer = "timestamp,asn,client,private,routed\n2024-03-01T10:00:00Z,1000,42.0.0.0/24,blocked,received\n";
    r = new Dataset({ savFacts: facts, spoofer: [spoofer] }).manrsCheck(1000, ["42.0.0.0/24 3000 1000"]);
    const sav = r.findings.find((f) => f.rule === "anti-spoofing/no-sav");
    assert.deepEqual([sav.subject, sav.asn, sav.interface.device, sav.interface.name], ["edge1 xe-0/0/3", "AS2200", "edge1", "xe-0/0/3"]);
    assert.deepEqual(subjects(r, "anti-spoofing/spoofer-leak"), ["42.0.0.0/24"]);
    assert.ok(Math.abs(r.metrics.m5 - 48.6) < 0.1);
  });

  test("timestamped bgpdump -m lines give incidents and seen spans", () => {
    const jan1 = 1704067200;
    const lines = [];
    for (const [start, len] of [[0, 29 * 60], [86400, 13 * 3600], [3 * 86400, 25 * 3600]]) {
      lines.push(`BGP4MP|${jan1 + start}|A|192.0.2.1|3000|36.0.1.0/24|3000 1000|IGP`);
      lines.push(`BGP4MP|${jan1 + start + len}|W|192.0.2.1|3000|36.0.1.0/24`);
    }
    const r = new Dataset({ vrps: vrps(["36.0.0.0/16", 16, 1000]) }).manrsCheck(1000, lines);
    const inc = r.metrics.incidents.filter((i) => i.rule === "filtering/own-rpki-invalid");
    assert.deepEqual(inc.map((i) => ({ ...i })), [{ rule: "filtering/own-rpki-invalid", month: "2024-01", count: 3, score: 3.5 }]);
    const f = r.findings.find((x) => x.rule === "filtering/own-rpki-invalid");
    assert.deepEqual({ ...f.seen[0] }, { start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:29:00Z" });
  });

  test("the properties are the JSON report's, camelCase and frozen; renderers", () => {
    const ds = new Dataset({ vrps: vrps(["11.0.0.0/16", 16, 1000]), asrel: ASREL });
    const r = ds.manrsCheck([1000, "AS1001"], ["11.0.0.0/24 3000 1000", "12.0.0.0/24 3000 1000 2000"]);
    const json = r.toJSON();
    assert.equal(json.schema, "routeguard-manrs/1");
    assert.deepEqual(JSON.parse(JSON.stringify(r)), json);
    assert.deepEqual(JSON.parse(r.toJsonString()), json);
    assert.equal(r.render("json"), r.toJsonString());
    const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    const same = (snake, cc, where) => {
      if (Array.isArray(snake)) {
        assert.equal(snake.length, cc.length, where);
        snake.forEach((v, i) => same(v, cc[i], `${where}[${i}]`));
      } else if (snake !== null && typeof snake === "object") {
        assert.deepEqual(Object.keys(cc), Object.keys(snake).map(camel), where);
        for (const k of Object.keys(snake)) same(snake[k], cc[camel(k)], `${where}.${k}`);
      } else {
        assert.equal(cc, snake, where);
      }
    };
    for (const key of ["operator", "routes", "actions", "findings", "rules", "metrics", "remedies"]) {
      same(json[key], r[key], key);
    }
    assert.equal(r.conformant, json.conformant);
    assert.ok(Object.isFrozen(r.findings) && Object.isFrozen(r.findings[0]));
    assert.throws(() => { "use strict"; r.findings.push(1); }, TypeError);
    assert.match(r.toText(), /^MANRS check AS1000 AS1001: NOT CONFORMANT/);
    assert.match(r.toMarkdown(), /^# MANRS report/);
    assert.match(r.toHtml(), /^<!DOCTYPE html>/i);
    const e = thrown(() => r.render("pdf"));
    assert.equal(e.kind, "argument");
  });

  test("route inputs: text, lines, gzip'd bytes; MRT is host-only", () => {
    const ds = new Dataset({ vrps: vrps(["11.0.0.0/16", 16, 1000]) });
    const text = "11.0.0.0/24 3000 1000\n11.0.0.0/16 3000 1000\n13.0.0.0/8 5000\n";
    const want = ds.manrsCheck(1000, text).toJsonString();
    assert.equal(ds.manrsCheck(1000, text.trim().split("\n")).toJsonString(), want);
    assert.equal(ds.manrsCheck(1000, new TextEncoder().encode(text)).toJsonString(), want);
    assert.equal(ds.manrsCheck(1000, gzipSync(Buffer.from(text))).toJsonString(), want);
    // A TABLE_DUMP_V2 record header: MRT, which this build cannot read.
    const mrt = new Uint8Array([0x65, 0x53, 0xf1, 0x00, 0, 13, 0, 1, 0, 0, 0, 100, ...new Array(100).fill(0)]);
    for (const input of [mrt, gzipSync(mrt)]) {
      const e = thrown(() => ds.manrsObservatory(input));
      assert.equal(e.kind, "parse");
      assert.equal(e.code, "mrt-not-built");
      assert.match(e.message, /^routes: the input is an MRT file/);
      assert.match(e.message, /bgpdump -m/);
    }
  });

  test("errors carry kind and code", () => {
    const ds = new Dataset();
    let e = thrown(() => ds.manrsCheck([], "1.0.0.0/8 1\n"));
    assert.ok(e instanceof Error);
    assert.deepEqual([e.kind, e.code], ["manrs", "manrs-no-operator"]);
    e = thrown(() => ds.manrsCheck("ASX", "1.0.0.0/8 1\n"));
    assert.deepEqual([e.kind, e.code], ["model", "invalid-asn"]);
    e = thrown(() => ds.manrsCheck(1000, ["11.0.0.0/24 3000 1000", "11.0.0.1/24 3000 1000"]));
    assert.equal(e.kind, "parse");
    assert.equal(e.line, 2);
    assert.match(e.message, /^routes: line 2/);
    e = thrown(() => ds.manrsCheck(1000, 42));
    assert.ok(e instanceof TypeError);
    assert.equal(e.kind, "argument");
    e = thrown(() => ds.manrsCheck(1000, "", { thresholds: { ready: "high" } }));
    assert.ok(e instanceof TypeError);
    // A PeeringDB page that is not JSON names the input and the line.
    e = thrown(() => new Dataset({ peeringdb: [page(NET), '{"data": [\n  {"id": 1,,}]}'] }));
    assert.equal(e.kind, "parse");
    assert.equal(e.line, 2);
    assert.match(e.message, /^peeringdb\[1\]: line 2/);
    e = thrown(() => new Dataset({ peeringdb: "<html>rate limited</html>" }));
    assert.match(e.message, /^peeringdb: line 1/);
    e = thrown(() => new Dataset({ savFacts: 42 }));
    assert.ok(e instanceof TypeError);
  });
});

describe("manrsObservatory", () => {
  test("rows, CSV and JSON", () => {
    const ds = new Dataset({
      vrps: vrps(["11.0.0.0/16", 16, 1000], ["14.0.0.0/8", 8, 5000]),
      irr: "route: 14.0.0.0/8\norigin: AS5000\nsource: RIPE\n",
    });
    const obs = ds.manrsObservatory([
      "11.0.0.0/24 3000 1000", "11.0.0.0/16 3000 1000", "14.0.0.0/8 3000 5000", "10.0.0.0/8 3000 5000",
      "15.0.0.0/8 3000 5000 64512",
    ]);
    assert.ok(obs instanceof ManrsObservatory);
    assert.equal(obs.length, 3);
    assert.deepEqual(obs.rows.map((r) => r.asn), ["AS1000", "AS5000", "AS64512"]);
    const one = obs.rows[0];
    assert.deepEqual([one.routes, one.rpkiValid, one.rpkiInvalid, one.rpkiNotFound, one.m7rpki, one.irrRegistered, one.m7irr],
      [2, 1, 1, 0, 0, 0, 0]);
    const five = obs.rows[1];
    assert.deepEqual([five.routes, five.m3, five.m4, five.irrRegistered, five.caidaAction4], [2, 1, 1, 1, false]);
    assert.equal(five.caidaAction1, null, "no as-rel");
    const csv = obs.toCsv().split("\n");
    assert.equal(csv[0], "asn,routes,m7irr,m7rpki,rpki_valid,rpki_invalid,rpki_not_found,irr_registered,m3,m4,caida_action1,caida_action4");
    assert.match(csv[1], /^1000,2,0,0,1,1,0,0,0,0,,false$/);
    assert.equal(obs.toJSON()[2].rpki_not_found, 1);
    assert.deepEqual(JSON.parse(obs.toJsonString()), obs.toJSON());
    assert.equal(obs.rows, obs.rows, "the same frozen array each time");
  });
});

const PFX2AS = needsData("bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz");
const RPKI = needsData("vrps/rpki-client_ripe-prepdev_2023-05-04_legacy-aspa-afi.json.gz");
const PDB = ["net-page-1", "net-page-2", "poc-page-1", "poc-page-2"].map((n) =>
  needsData(`peeringdb/peeringdb-plus/prod-anon/${n}.json`));

describe("MANRS on real data", () => {
  test("pfx2as observatory (gzip bytes) with real VRPs", { skip: PFX2AS.skip || RPKI.skip }, () => {
    const ds = new Dataset({ vrps: readFileSync(RPKI.file) });
    const gz = readFileSync(PFX2AS.file);
    const obs = ds.manrsObservatory(gz);
    const origins = new Map();
    for (const line of gunzipSync(gz).toString("utf8").split("\n")) {
      if (!line) continue;
      const [addr, len, asns] = line.split("\t");
      for (const o of asns.split("_")) {
        if (o.includes(",")) continue;
        if (!origins.has(o)) origins.set(o, new Set());
        origins.get(o).add(`${addr}/${len}`);
      }
    }
    assert.equal(obs.length, origins.size);
    const rows = obs.rows;
    let total = 0;
    for (const r of rows) total += r.routes;
    assert.equal(total, [...origins.values()].reduce((n, s) => n + s.size, 0));
    for (let i = 0; i < rows.length; i += 4999) {
      const r = rows[i];
      const prefixes = [...origins.get(r.asn.slice(2))];
      const states = prefixes.map((p) => ds.validate(p, r.asn).state);
      assert.equal(r.rpkiValid, states.filter((s) => s === "valid").length, r.asn);
      assert.equal(r.rpkiInvalid, states.filter((s) => s === "invalid").length, r.asn);
    }
    assert.equal(obs.toCsv().split("\n").length, rows.length + 2);
  });

  test("PeeringDB pages: contacts", { skip: PDB.some((p) => p.skip) && PDB.find((p) => p.skip).skip }, () => {
    const pages = PDB.map((p) => readFileSync(p.file));
    const ds = new Dataset({ peeringdb: pages });
    const nets = new Map();
    for (const b of pages.slice(0, 2)) for (const n of JSON.parse(b).data) nets.set(n.id, n.asn);
    const r = ds.manrsCheck([...nets.values()], []);
    const fired = new Set(r.findings.filter((f) => f.rule === "coordination/no-peeringdb-contact").map((f) => f.asn));
    assert.equal(nets.size - fired.size, 20, "SOURCES: 20 nets have an operational contact");
  });
});

// The CLI binary: ROUTEGUARD_CLI, $CARGO_TARGET_DIR/release, target/release, PATH.
const CLI = findCli();
const noCli = !CLI && process.env.CI !== "true" && "no routeguard CLI binary (set ROUTEGUARD_CLI; CI=true makes this a failure)";

describe("toJson() is the CLI's JSON", () => {
  test("examples/manrs/: byte for byte `routeguard manrs check --format json`", { skip: noCli }, () => {
    const ex = (name) => path.join(REPO, "examples", "manrs", name);
    const run = spawnSync(CLI, ["-q", "manrs", "check", "--asn", "AS1000", "--routes", ex("routes.txt"),
      "--vrps", ex("vrps.json"), "--irr", ex("irr.rpsl"), "--asrel", ex("asrel.txt"),
      "--peeringdb", ex("peeringdb-net.json"), ex("peeringdb-poc.json"), "--facts", ex("facts.json"),
      "--spoofer", ex("spoofer.csv"), "--format", "json"], { encoding: "utf8" });
    assert.equal(run.status, 1, `not conformant is exit 1: ${run.stderr}`);
    const r = new Dataset({
      vrps: readFileSync(ex("vrps.json")), irr: [readFileSync(ex("irr.rpsl"))], asrel: readFileSync(ex("asrel.txt")),
      peeringdb: [readFileSync(ex("peeringdb-net.json")), readFileSync(ex("peeringdb-poc.json"))],
      savFacts: readFileSync(ex("facts.json")), spoofer: [readFileSync(ex("spoofer.csv"))],
    }).manrsCheck("AS1000", readFileSync(ex("routes.txt")));
    assert.equal(typeof r.toJson(), "string");
    assert.equal(r.toJson(), run.stdout);
    assert.equal(r.toJson(), r.toJsonString());
    assert.deepEqual(JSON.parse(r.toJson()), r.toJSON());
    assert.ok(r.findings.length >= 10);
  });
});
