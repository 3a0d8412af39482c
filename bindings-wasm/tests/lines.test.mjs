// validateLines / validateLinesDetailed: route text in, typed arrays out.
// Compared with the CLI's `routeguard validate` on examples/ (when the
// binary is found: ROUTEGUARD_CLI, PATH, $CARGO_TARGET_DIR or target/
// release) and with `validate()` per route.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

import { findCli, loadPkg, REPO } from "./helpers.mjs";

const { VrpSet, Dataset, RovCode, ReasonCode } = loadPkg();

const VRPS = readFileSync(path.join(REPO, "examples", "vrps.json"), "utf8");
const ROUTES = readFileSync(path.join(REPO, "examples", "routes.txt"), "utf8");
const WORDS = { [RovCode.Valid]: "valid", [RovCode.Invalid]: "invalid", [RovCode.NotFound]: "not-found" };
const REASONS = { [ReasonCode.As]: "as", [ReasonCode.Length]: "length", [ReasonCode.None]: "" };

const CLI = findCli();
const CI = process.env.CI === "true";

/** The prefix and origin of each route line, as the detailed result's line numbers give them. */
function routeAt(text, line) {
  const fields = text.split("\n")[line - 1].split("#")[0].trim().split(/[\s,]+/);
  return [fields[0], fields.length > 1 ? fields[fields.length - 1] : null];
}

test("the codes are exported constants", () => {
  assert.deepEqual([RovCode.Valid, RovCode.Invalid, RovCode.NotFound, RovCode.Unparsable], [0, 1, 2, 255]);
  assert.deepEqual([ReasonCode.As, ReasonCode.Length, ReasonCode.None], [0, 1, 255]);
});

test("examples/routes.txt: the CLI's states and reasons", { skip: !CLI && !CI && "no routeguard CLI binary (set ROUTEGUARD_CLI)" }, () => {
  const set = VrpSet.fromJson(VRPS);
  const csv = execFileSync(CLI, ["-q", "validate", "--vrps", path.join(REPO, "examples", "vrps.json"), "--format", "csv"],
    { input: ROUTES, encoding: "utf8" }).trim().split("\n").map((l) => l.split(","));
  const states = set.validateLines(ROUTES);
  assert.ok(states instanceof Uint8Array);
  assert.equal(states.length, csv.length);
  assert.ok(csv.length >= 10);
  const d = set.validateLinesDetailed(ROUTES);
  assert.deepEqual(d.states, states);
  csv.forEach(([, , state, reason = ""], i) => {
    assert.equal(WORDS[states[i]], state, `route ${i}`);
    assert.equal(REASONS[d.reasons[i]], reason, `route ${i}`);
  });
  // A Uint8Array, plain or gzipped, reads as the string does.
  const bytes = new TextEncoder().encode(ROUTES);
  assert.deepEqual(set.validateLines(bytes), states);
  assert.deepEqual(set.validateLines(new Uint8Array(gzipSync(bytes))), states);
});

test("detailed: states, reasons and deciding VRPs equal validate() per route", () => {
  const set = VrpSet.fromJson(VRPS);
  const text = ROUTES + "\nnot a route\n192.0.2.0/24 {64496,64511}\n" +
    "TABLE_DUMP2|1277971199|B|202.249.2.169|2497|192.0.2.0/24|2497 64496|IGP|x|0|0||NAG||\n" +
    "BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:db8:1::/48\n192.0.2.0/24\n";
  const d = set.validateLinesDetailed(text);
  const n = d.states.length;
  assert.equal(d.lines.length, n);
  assert.equal(d.vrpStart.length, n + 1);
  assert.equal(d.unparsable, 2);
  assert.equal(d.firstError.kind, "parse");
  assert.equal(d.firstError.line, text.split("\n").indexOf("not a route") + 1);
  let bgpdump = 0;
  for (let i = 0; i < n; i++) {
    const line = text.split("\n")[d.lines[i] - 1];
    if (d.states[i] === RovCode.Unparsable) {
      assert.equal(d.reasons[i], ReasonCode.None);
      assert.equal(d.vrpStart[i + 1], d.vrpStart[i]);
      continue;
    }
    let r;
    if (line.startsWith("TABLE_DUMP2")) {
      bgpdump += 1;
      r = set.validate(line.split("|")[5], 64496);
    } else if (line.includes("{")) {
      r = set.validate(line.split(" ")[0], null);
    } else {
      r = set.validate(...routeAt(text, d.lines[i]));
    }
    assert.equal(WORDS[d.states[i]], r.state, line);
    assert.equal(REASONS[d.reasons[i]] || null, r.reason, line);
    const got = [];
    for (let k = d.vrpStart[i]; k < d.vrpStart[i + 1]; k++) {
      got.push({ asn: d.vrpAsn[k], len: d.vrpLength[k], maxLength: d.vrpMaxLength[k],
        ta: d.vrpTa[k] ? d.trustAnchors[d.vrpTa[k] - 1] : null });
    }
    assert.deepEqual(got, r.covering.map((v) => ({ asn: v.asn, len: Number(v.prefix.split("/")[1]),
      maxLength: v.maxLength, ta: v.ta })), line);
  }
  assert.equal(bgpdump, 1);
  // The withdrawal gives no entry; the bare prefix does not parse (strict).
  assert.equal(d.states[n - 1], RovCode.Unparsable);
  assert.equal(set.validateLines("192.0.2.1/24 64496", { relaxed: true })[0], RovCode.Valid);
  assert.equal(set.validateLines("192.0.2.1/24 64496")[0], RovCode.Unparsable);
});

test("edge cases: empty text, comments only, bad arguments", () => {
  const set = VrpSet.fromJson(VRPS);
  assert.equal(set.validateLines("").length, 0);
  assert.equal(set.validateLines("# nothing\n\n").length, 0);
  const d = set.validateLinesDetailed("");
  assert.deepEqual([...d.vrpStart], [0]);
  assert.equal(d.firstError, null);
  assert.throws(() => set.validateLines(42), (e) => e instanceof TypeError && e.kind === "argument");
  assert.throws(() => set.validateLines("", 1), (e) => e.kind === "argument");
});

test("Dataset.validateLines: the dataset's VRPs; null without them", () => {
  const ds = new Dataset({ vrps: VRPS });
  const set = VrpSet.fromJson(VRPS);
  assert.deepEqual(ds.validateLines(ROUTES), set.validateLines(ROUTES));
  assert.deepEqual(ds.validateLinesDetailed(ROUTES).reasons, set.validateLinesDetailed(ROUTES).reasons);
  const none = new Dataset({});
  assert.equal(none.validateLines(ROUTES), null);
  assert.equal(none.validateLinesDetailed(ROUTES), null);
});
