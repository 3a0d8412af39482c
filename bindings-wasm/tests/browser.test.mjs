// The browser prefix checker (www/) in real headless Chromium, driven by
// playwright-core. Serves bindings-wasm/ on 127.0.0.1 (random port).
// Needs /usr/bin/chromium (Debian `chromium`) and `npm ci` in bindings-wasm/;
// skipped with a message when either is missing, unless CI=true.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { openPage, SHOTS, skip } from "./chromium.mjs";
import { loadPkg, needsData, WASM_DIR } from "./helpers.mjs";

const SCREENSHOT = path.join(SHOTS, "www-checker.png");

/**
 * Opens the checker before the current suite's tests and closes it after:
 * `onPage` receives the page; problems are pushed onto `problems`.
 */
function useChecker(problems, onPage) {
  let checker;
  before(async () => {
    checker = await openPage(problems);
    onPage(checker.page);
  });
  after(async () => {
    await checker?.close();
  });
}

const CSV = `ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64500,192.0.2.0/23,23,ripe
AS64501,198.51.100.0/22,24,arin
AS0,203.0.113.0/24,24,apnic
AS64502,2001:db8::/32,48,ripe
`;

describe("www prefix checker in headless Chromium", { skip }, () => {
  let page;
  const problems = [];
  useChecker(problems, (p) => (page = p));

  const status = () => page.locator("#vrp-status").textContent();

  async function check(prefix, origin) {
    await page.getByLabel("Prefix", { exact: true }).fill(prefix);
    await page.getByLabel("Origin AS").fill(origin);
    await page.getByRole("button", { name: "Check", exact: true }).click();
  }

  async function verdict() {
    await page.locator("#result").waitFor({ state: "visible" });
    const rows = await page.locator("#covering tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    return {
      state: await page.locator("#result-state").textContent(),
      reason: await page.locator("#result-reason").textContent(),
      rows,
      tableVisible: await page.locator("#covering-table").isVisible(),
    };
  }

  test("page loads the WebAssembly module", async () => {
    assert.equal(await page.title(), "routeguard — route checker: RPKI, IRR, AS paths");
    assert.match(await page.locator("#version").textContent(), /^\d+\.\d+\.\d+/);
    assert.equal(await status(), "No VRPs loaded yet.");
  });

  test("checking before loading asks for data", async () => {
    await check("192.0.2.0/24", "AS64500");
    assert.equal(await page.locator("#check-error").textContent(), "Load VRP data first (section 1).");
  });

  test("paste a VRP CSV", async () => {
    await page.getByLabel("…or paste its contents").fill(CSV);
    await page.getByRole("button", { name: "Load pasted data" }).click();
    await page.waitForFunction(() => document.getElementById("vrp-status").textContent.startsWith("Loaded"));
    assert.equal(await status(),
      "Loaded 5 VRPs from pasted text (format: csv) · 0 ASPAs · 0 router keys.");
    assert.equal(await page.locator("#vrp-error").isVisible(), false);
  });

  test("valid", async () => {
    await check("192.0.2.0/24", "AS64500");
    assert.deepEqual(await verdict(), {
      state: "valid", reason: "", rows: [["192.0.2.0/24", "24", "AS64500", "ripe"]], tableVisible: true,
    });
    assert.equal(await page.locator("#result-state").getAttribute("class"), "state valid");
    assert.equal(await page.locator("#check-error").isVisible(), false);
  });

  test("invalid, reason length", async () => {
    await check("192.0.2.0/25", "64500");
    assert.deepEqual(await verdict(), {
      state: "invalid", reason: "reason: length",
      rows: [["192.0.2.0/23", "23", "AS64500", "ripe"], ["192.0.2.0/24", "24", "AS64500", "ripe"]],
      tableVisible: true,
    });
    assert.equal(await page.locator("#covering-caption").textContent(), "Covering VRPs (2)");
  });

  test("invalid, reason as (and AS0)", async () => {
    await check("198.51.100.0/24", "AS64999");
    assert.deepEqual(await verdict(), {
      state: "invalid", reason: "reason: as", rows: [["198.51.100.0/22", "24", "AS64501", "arin"]], tableVisible: true,
    });
    await check("203.0.113.0/24", "0");
    assert.deepEqual(await verdict(), {
      state: "invalid", reason: "reason: as", rows: [["203.0.113.0/24", "24", "AS0", "apnic"]], tableVisible: true,
    });
  });

  test("no origin: covered means invalid", async () => {
    await check("192.0.2.0/24", "");
    const v = await verdict();
    assert.equal(v.state, "invalid");
    assert.equal(v.reason, "reason: as");
    assert.equal(await page.locator("#result-route").textContent(), "192.0.2.0/24 (no origin)");
  });

  test("not-found (IPv6)", async () => {
    await check("2001:db9::/32", "AS64502");
    assert.deepEqual(await verdict(), { state: "not-found", reason: "", rows: [], tableVisible: false });
    await check("2001:db8:ab::/48", "AS64502");
    assert.equal((await verdict()).state, "valid");
  });

  test("bad input shows routeguard's error inline", async () => {
    await check("192.0.2.1/24", "AS64500");
    const error = page.locator("#check-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24) (model error)");
    assert.equal(await error.getAttribute("role"), "alert");
    assert.equal(await page.locator("#result").isVisible(), false);
    await check("192.0.2.0/24", "ASX");
    // The check runs in the worker: wait for its answer.
    await page.waitForFunction(() => document.getElementById("check-error").textContent.startsWith("invalid AS"));
    assert.match(await error.textContent(), /^invalid AS number "ASX"/);
  });

  test("a pasted list of routes", async () => {
    await page.getByLabel(/Routes, one per line/).fill(
      "# comment\n192.0.2.0/24 AS64500\n\n192.0.2.0/25\t64500\n198.51.100.0/24,64999\n10.0.0.0/8 AS1\n192.0.2.0/24\n");
    await page.getByRole("button", { name: "Check list" }).click();
    await page.locator("#list-result").waitFor({ state: "visible" });
    assert.equal(await page.locator("#list-summary").textContent(),
      "5 routes: 1 valid, 3 invalid, 1 not-found.");
    const rows = await page.locator("#list-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    assert.deepEqual(rows, [
      ["2", "192.0.2.0/24", "AS64500", "valid", "", "192.0.2.0/24-24 AS64500 (ripe)"],
      ["4", "192.0.2.0/25", "64500", "invalid", "length", "192.0.2.0/23-23 AS64500 (ripe), 192.0.2.0/24-24 AS64500 (ripe)"],
      ["5", "198.51.100.0/24", "64999", "invalid", "as", "198.51.100.0/22-24 AS64501 (arin)"],
      ["6", "10.0.0.0/8", "AS1", "not-found", "", ""],
      ["7", "192.0.2.0/24", "—", "invalid", "as", "192.0.2.0/23-23 AS64500 (ripe), 192.0.2.0/24-24 AS64500 (ripe)"],
    ]);
  });

  test("the list's table sorts, filters and downloads as CSV", async () => {
    const table = page.locator("#list-table");
    await table.getByRole("button", { name: "State" }).click();
    assert.equal(await table.locator("th").nth(3).getAttribute("aria-sort"), "ascending");
    const states = await table.locator("tbody tr td:nth-child(4)").allTextContents();
    assert.deepEqual(states, [...states].sort());
    await table.getByLabel("Filter verdict per route").fill("length");
    assert.deepEqual(await table.locator("tbody tr td:nth-child(1)").allTextContents(), ["4"]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      table.getByRole("button", { name: "Download CSV: Verdict per route" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "route-verdicts.csv");
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(csv, "Line,Prefix,Origin,State,Reason,Deciding VRPs\r\n" +
      '4,192.0.2.0/25,64500,invalid,length,"192.0.2.0/23-23 AS64500 (ripe), 192.0.2.0/24-24 AS64500 (ripe)"\r\n');
    await table.getByLabel("Filter verdict per route").fill("");
  });

  test("a bad line in the list names the line", async () => {
    await page.getByLabel(/Routes, one per line/).fill("192.0.2.0/24 AS64500\n192.0.2.1/24 AS64500\n");
    await page.getByRole("button", { name: "Check list" }).click();
    const error = page.locator("#list-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      "line 2: 192.0.2.1/24 has host bits set (the network is 192.0.2.0/24) (model error)");
  });

  test("upload a file (openbgpd, sniffed)", async () => {
    await page.getByLabel("Open a file").setInputFiles({
      name: "roa-set.conf", mimeType: "text/plain",
      buffer: Buffer.from("roa-set {\n    192.0.2.0/24 source-as 64500\n    2001:db8::/32 maxlen 48 source-as 64502\n}\n"),
    });
    await page.waitForFunction(() => /^Loaded .*roa-set\.conf/.test(document.getElementById("vrp-status").textContent));
    assert.equal(await status(), "Loaded 2 VRPs from roa-set.conf (format: openbgpd) · 0 ASPAs · 0 router keys.");
    await check("192.0.2.0/24", "64500");
    assert.equal((await verdict()).state, "valid");
  });

  const NPM = needsData("vrps/rpki-validator-npm_test_5000vrps.json");
  test("upload the npm rpki-validator test set (5,000 VRPs)", { skip: NPM.skip }, async () => {
    await page.getByLabel("Open a file").setInputFiles(NPM.file);
    await page.waitForFunction(() => /^Loaded .*5000vrps/.test(document.getElementById("vrp-status").textContent));
    assert.equal(await status(),
      "Loaded 5,000 VRPs from rpki-validator-npm_test_5000vrps.json (format: json) · 0 ASPAs · 0 router keys.");
    const first = JSON.parse(readFileSync(NPM.file, "utf8")).find((v) => v.asn !== "0");
    await check(first.prefix, `AS${first.asn}`);
    assert.equal((await verdict()).state, "valid");
  });

  test("garbage input: inline parse error, previous data kept", async () => {
    const prevCount = await page.locator("#vrp-status").getAttribute("data-count");
    await page.getByLabel("…or paste its contents").fill("this is not a VRP file\n");
    await page.getByRole("button", { name: "Load pasted data" }).click();
    const error = page.locator("#vrp-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      "input: unrecognised input format (expected JSON, CSV, openbgpd, bird or SLURM) (parse error)");
    assert.equal(await status(), `Still using the previous ${Number(prevCount).toLocaleString("en-US")} VRPs.`);
    // a broken CSV names the line
    await page.getByLabel("…or paste its contents").fill("ASN,IP Prefix,Max Length,Trust Anchor\nAS1,192.0.2.0/24,24,x\nAS1,192.0.2.0/24,99,x\n");
    await page.getByLabel("Format").selectOption("csv");
    await page.getByRole("button", { name: "Load pasted data" }).click();
    await page.waitForFunction(() => document.getElementById("vrp-error").textContent.startsWith("line 3"));
    assert.match(await error.textContent(), /^line 3\b.*\(parse error\)$/);
    // ...and lenient mode skips it
    await page.getByLabel("skip bad records").check();
    await page.getByRole("button", { name: "Load pasted data" }).click();
    await page.waitForFunction(() => document.getElementById("vrp-status").textContent.startsWith("Loaded 1 VRPs"));
    assert.match(await status(), /Skipped 1 bad records: line 3\b/);
    assert.equal(await error.isVisible(), false);
    await page.getByLabel("skip bad records").uncheck();
    await page.getByLabel("Format").selectOption("");
  });

  test("sample data, then a screenshot", async () => {
    await page.getByRole("button", { name: "Use sample data" }).click();
    await page.waitForFunction(() => /^Loaded .*sample data/.test(document.getElementById("vrp-status").textContent));
    await check("192.0.2.0/25", "AS64500");
    await verdict();
    await page.getByLabel(/Routes, one per line/).fill(
      "192.0.2.0/24 AS64500\n192.0.2.0/25 AS64500\n198.51.100.0/24 64999\n203.0.113.0/24 AS64503\n2001:db8:1::/48 AS64502\n10.0.0.0/8 AS64500");
    await page.getByRole("button", { name: "Check list" }).click();
    await page.locator("#list-result").waitFor({ state: "visible" });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`# screenshot: ${SCREENSHOT}`);
  });

  test("no console errors, page errors or failed requests", () => {
    assert.deepEqual(problems, []);
  });
});

const RPSL = `route:   192.0.2.0/24
descr:   example
origin:  AS64500
mnt-by:  MAINT-A
source:  RIPE

route:   192.0.2.0/24
origin:  AS64501
mnt-by:  MAINT-B
source:  RADB

route6:  2001:db8::/32
origin:  AS64502
mnt-by:  MAINT-A
source:  RIPE
`;

describe("www IRR section in headless Chromium", { skip }, () => {
  let page;
  const problems = [];
  useChecker(problems, (p) => (page = p));

  const irrStatus = () => page.locator("#irr-status").textContent();

  async function loadPasted(text) {
    await page.getByLabel("…or paste RPSL objects").fill(text);
    await page.getByRole("button", { name: "Load RPSL" }).click();
  }

  async function checkIrr(lines) {
    await page.getByLabel(/IRR routes to check/).fill(lines);
    await page.getByRole("button", { name: "Check IRR" }).click();
  }

  /** Every rendered verdict: route, status, per-source rows, advice, matching objects. */
  function results() {
    return page.locator("#irr-results .irr-result").evaluateAll((divs) => divs.map((d) => ({
      route: d.querySelector(".route").textContent,
      status: d.querySelector("h3 .state").textContent,
      statusClass: d.querySelector("h3 .state").className,
      rpki: d.querySelector("h3 .hint")?.textContent ?? null,
      perSource: [...d.querySelectorAll("table.per-source tr")].slice(1)
        .map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
      advice: [...d.querySelectorAll(".advice li")].map((li) => [li.className, li.dataset.code, li.textContent]),
      matching: [...d.querySelectorAll("pre.rpsl")].map((p) => p.textContent),
    })));
  }

  test("checking before loading asks for IRR data", async () => {
    assert.equal(await irrStatus(), "No IRR data loaded yet.");
    await checkIrr("192.0.2.0/24 AS64500");
    assert.equal(await page.locator("#irr-check-error").textContent(), "Load IRR data first (section 4).");
  });

  test("paste objects and check a route", async () => {
    await loadPasted(RPSL);
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.startsWith("Loaded"));
    assert.equal(await irrStatus(), "Loaded 3 objects (2 route, 1 route6) from pasted text · sources: RIPE, RADB.");
    await checkIrr("192.0.2.0/24 AS64500");
    await page.locator("#irr-results .irr-result").first().waitFor();
    assert.deepEqual(await results(), [{
      route: "192.0.2.0/24 AS64500",
      status: "valid",
      statusClass: "state valid",
      rpki: null,
      perSource: [["RIPE", "valid"], ["RADB", "invalid-origin"]],
      advice: [
        ["danger", "other-irr-origin-mismatch",
          "dangerExpected route object in RIPE matches BGP origin, but non-matching objects exist in other IRRs"],
        ["info", "expected-in-rir-also-other", "infoExpected route object in RIPE, but objects also exist in other IRRs"],
      ],
      matching: ["route:   192.0.2.0/24\ndescr:   example\norigin:  AS64500\nmnt-by:  MAINT-A\nsource:  RIPE"],
    }]);
    assert.equal(await page.locator("#irr-check-error").isVisible(), false);
  });

  test("several lines: covered, invalid-origin, not-found", async () => {
    await checkIrr("# comment\n192.0.2.128/25 AS64500\n\n2001:db8:1::/48 AS64999\n10.0.0.0/8 1\n");
    await page.waitForFunction(() => document.querySelectorAll("#irr-results .irr-result").length === 3);
    const r = await results();
    assert.deepEqual(r.map((x) => [x.route, x.status]), [
      ["192.0.2.128/25 AS64500", "covered"], ["2001:db8:1::/48 AS64999", "invalid-origin"], ["10.0.0.0/8 AS1", "not-found"],
    ]);
    assert.deepEqual(r.map((x) => x.advice.map((a) => a[1])), [
      ["only-less-specific-matches"], ["no-route-object-matches-origin"], ["no-route-objects"],
    ]);
    assert.deepEqual(r[2].perSource, [["RIPE", "not-found"], ["RADB", "not-found"]]);
    assert.equal(r[1].statusClass, "state invalid-origin");
  });

  test("a bad route names its line", async () => {
    await checkIrr("192.0.2.0/24 AS64500\n192.0.2.1/24 AS64500\n");
    const error = page.locator("#irr-check-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      "line 2: 192.0.2.1/24 has host bits set (the network is 192.0.2.0/24) (model error)");
    assert.equal(await page.locator("#irr-results .irr-result").count(), 0);
  });

  test("strict load: parse error with its line, previous data kept", async () => {
    await page.getByLabel("strict: stop at the first bad object").check();
    await loadPasted(`${RPSL}\nroute: 198.51.100.0/24\norigin: AS1\nnot an attribute\nsource: RIPE\n`);
    const error = page.locator("#irr-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      'line 19: malformed line: not an attribute, continuation or comment: "not an attribute" (parse error)');
    assert.equal(await irrStatus(), "Still using the previous 3 objects.");
    await page.getByLabel("strict: stop at the first bad object").uncheck();
    await page.getByRole("button", { name: "Load RPSL" }).click();
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.startsWith("Loaded 3"));
    assert.match(await irrStatus(), /Skipped 1 bad objects: line 19: malformed line/);
  });

  test("upload a dump with a forced source name", async () => {
    await page.getByLabel("Source name (optional)").fill("mirror");
    await page.getByLabel("Open an RPSL dump").setInputFiles({
      name: "mirror.db", mimeType: "text/plain",
      buffer: Buffer.from("route: 203.0.113.0/24\norigin: AS64510\nsource: WHATEVER\n"),
    });
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.includes("mirror.db"));
    assert.equal(await irrStatus(), "Loaded 1 objects (1 route, 0 route6) from mirror.db · sources: MIRROR.");
    await checkIrr("203.0.113.0/24 AS64510");
    await page.waitForFunction(() => document.querySelector("#irr-results .route")?.textContent === "203.0.113.0/24 AS64510");
    const [r] = await results();
    assert.equal(r.status, "valid");
    assert.deepEqual(r.perSource, [["MIRROR", "valid"]]);
    assert.deepEqual(r.advice.map((a) => a[1]), ["non-rir-only"]);
    await page.getByLabel("Source name (optional)").fill("");
  });

  test("with VRPs loaded the RPKI view shows", async () => {
    await page.getByRole("button", { name: "Use sample data" }).click();
    await page.waitForFunction(() => /^Loaded .*sample data/.test(document.getElementById("vrp-status").textContent));
    await loadPasted(RPSL);
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.includes("pasted text"));
    await checkIrr("192.0.2.0/24 AS64500\n192.0.2.0/24 AS64501");
    await page.waitForFunction(() => document.querySelectorAll("#irr-results .irr-result").length === 2);
    const r = await results();
    assert.deepEqual(r.map((x) => x.rpki), ["RPKI: valid", "RPKI: invalid"]);
    assert.ok(r[0].advice.some((a) => a[1] === "rpki-invalid-route-objects"));
    assert.ok(r[1].advice.some((a) => a[1] === "rpki-origin-mismatch"));
    await page.locator("#irr-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-irr.png"), fullPage: true });
  });

  test("no console errors, page errors or failed requests (IRR)", () => {
    assert.deepEqual(problems, []);
  });
});

// rpki-client JSON with VRPs and ASPAs: 13335 names 3356 and 174 as
// providers, which have AS0 ASPAs (no providers).
const RPKI_JSON = JSON.stringify({
  roas: [{ prefix: "1.1.1.0/24", maxLength: 24, asn: 13335, ta: "apnic" }],
  aspas: [
    { customer_asid: 13335, expires: 1753453058, providers: [174, 3356] },
    { customer_asid: 3356, expires: 1753453058, providers: [0] },
    { customer_asid: 174, expires: 1753453058, providers: [0] },
  ],
});
const AS_REL = "# inferred clique: 174 3356\n3356|13335|-1\n174|13335|-1\n3356|174|0\n";
const PATH_ROUTES = [
  "# routes",
  "1.1.1.0/24 3356 13335",
  "1.1.1.0/24 3356 13335 174",
  "TABLE_DUMP2|1277971199|B|202.249.2.169|174|1.1.1.0/24|3356 13335|IGP|202.249.2.169|0|0||NAG||",
  "BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48",
  "10.0.0.0/8 3356 64512",
  "",
].join("\n");

describe("www path check section in headless Chromium", { skip }, () => {
  let page;
  const problems = [];
  useChecker(problems, (p) => (page = p));

  async function checkPaths(lines) {
    await page.getByLabel(/Routes to check/).fill(lines);
    await page.getByRole("button", { name: "Check paths" }).click();
  }

  /** The table: line, prefix, path and the four columns; a bogon cell's title. */
  function rows() {
    return page.locator("#path-table tbody tr").evaluateAll((trs) => trs.map((tr) => ({
      cells: [...tr.querySelectorAll("td")].map((td) => td.textContent),
      classes: [...tr.querySelectorAll("td span.state")].map((s) => s.className),
      bogonTitle: tr.querySelector("td:nth-child(6) span")?.title ?? "",
      rejected: tr.classList.contains("rejected"),
    })));
  }

  const summary = () => page.locator("#path-summary").textContent();

  test("without data: bogons only, '-' in the other columns", async () => {
    assert.equal(await page.locator("#asrel-status").textContent(), "No AS relationships loaded yet.");
    await checkPaths(PATH_ROUTES);
    await page.locator("#path-result").waitFor({ state: "visible" });
    const r = await rows();
    assert.deepEqual(r.map((x) => x.cells), [
      ["2", "1.1.1.0/24", "3356 13335", "-", "-", "ok", "-"],
      ["3", "1.1.1.0/24", "3356 13335 174", "-", "-", "ok", "-"],
      ["4", "1.1.1.0/24", "3356 13335", "-", "-", "ok", "-"],
      ["6", "10.0.0.0/8", "3356 64512", "-", "-", "bogon-prefix", "-"],
    ]);
    assert.equal(r[3].bogonTitle,
      "bogon-prefix: 10.0.0.0/8 Private-Use (RFC 1918) [IANA IPv4 Special-Purpose Address Registry]");
    assert.deepEqual(r.map((x) => x.rejected), [false, false, false, true]);
    assert.equal(await summary(), "4 routes, 1 rejected (checked with bogons).");
  });

  test("VRPs with ASPAs and AS relationships: all four columns", async () => {
    await page.getByLabel("…or paste its contents").fill(RPKI_JSON);
    await page.getByRole("button", { name: "Load pasted data" }).click();
    await page.waitForFunction(() => document.getElementById("vrp-status").textContent.startsWith("Loaded"));
    assert.equal(await page.locator("#vrp-status").textContent(),
      "Loaded 1 VRPs from pasted text (format: json) · 3 ASPAs · 0 router keys.");
    await page.getByLabel("…or paste as-rel lines").fill(AS_REL);
    await page.getByRole("button", { name: "Load as-rel" }).click();
    await page.waitForFunction(() => document.getElementById("asrel-status").textContent.startsWith("Loaded"));
    assert.equal(await page.locator("#asrel-status").textContent(),
      "Loaded 3 AS relationships from pasted text · clique: AS174 AS3356.");
    await checkPaths(PATH_ROUTES);
    await page.waitForFunction(() => document.getElementById("path-summary").textContent.includes("AS relationships"));
    const r = await rows();
    assert.deepEqual(r.map((x) => x.cells), [
      // 13335's provider 3356: valid everywhere
      ["2", "1.1.1.0/24", "3356 13335", "valid", "valid", "ok", "ok"],
      // 13335 passes its provider 174's route to its provider 3356: a hairpin
      // leak; the origin is 174 (ROV invalid) and 174 has no providers (ASPA invalid)
      ["3", "1.1.1.0/24", "3356 13335 174", "invalid", "invalid", "ok", "leak"],
      // bgpdump line: the peer AS 174 is not the path's leftmost AS
      ["4", "1.1.1.0/24", "3356 13335", "valid", "invalid", "ok", "ok"],
      // 64512 has no ASPA; 3356 → 64512 is missing from the relations
      ["6", "10.0.0.0/8", "3356 64512", "not-found", "unknown", "bogon-prefix", "ok"],
    ]);
    assert.deepEqual(r[1].classes, ["state invalid", "state invalid", "state ok", "state leak"]);
    assert.deepEqual(r.map((x) => x.rejected), [false, true, true, true]);
    assert.equal(await summary(),
      "4 routes, 3 rejected (checked with VRPs, ASPAs, bogons, AS relationships).");
  });

  test("the path table sorts, filters and downloads as CSV", async () => {
    const table = page.locator("#path-table");
    const before = await rows();
    await table.getByRole("button", { name: "ROV" }).click();
    await table.getByRole("button", { name: "ROV" }).click();
    assert.equal(await table.locator("th").nth(3).getAttribute("aria-sort"), "descending");
    const rov = (await rows()).map((r) => r.cells[3]);
    assert.deepEqual(rov, [...rov].sort().reverse());
    // Rejected rows keep their mark when sorted.
    for (const r of await rows()) {
      assert.equal(r.rejected, before.find((b) => b.cells[0] === r.cells[0]).rejected);
    }
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      table.getByRole("button", { name: "Download CSV: Path verdicts" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
    assert.equal(csv[0], "Line,Prefix,AS path,ROV,ASPA,Bogon,Leak");
    assert.deepEqual(csv.slice(1).map((l) => l.split(",")[0]), (await rows()).map((r) => r.cells[0]));
    await table.getByRole("button", { name: "Line" }).click();
  });

  test("downstream verification", async () => {
    await page.getByLabel("ASPA direction").selectOption("downstream");
    // from provider 174: 174 and 3356 are peers at the top of the path
    await checkPaths("1.1.1.0/24 174 3356 13335\n1.1.1.0/24 3356 13335 174\n");
    await page.waitForFunction(() => document.querySelector("#path-table tbody tr td:nth-child(3)")?.textContent === "174 3356 13335");
    assert.deepEqual((await rows()).map((x) => x.cells.slice(3)), [
      ["valid", "valid", "ok", "ok"],
      ["invalid", "invalid", "ok", "leak"],
    ]);
    await page.getByLabel("ASPA direction").selectOption("upstream");
  });

  test("a bad route names its line; bad as-rel keeps the previous data", async () => {
    await checkPaths("1.1.1.0/24 3356 13335\n\n1.1.1.1/24 3356\n");
    const error = page.locator("#path-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(),
      "line 3: 1.1.1.1/24 has host bits set (the network is 1.1.1.0/24) (parse error)");
    assert.equal(await page.locator("#path-result").isVisible(), false);
    await checkPaths("# nothing\n");
    assert.equal(await error.textContent(), "Enter routes, e.g. 1.1.1.0/24 3356 13335.");

    await page.getByLabel("…or paste as-rel lines").fill("3356|13335|-1\n3356|174|2\n");
    await page.getByRole("button", { name: "Load as-rel" }).click();
    const relError = page.locator("#asrel-error");
    await relError.waitFor({ state: "visible" });
    assert.match(await relError.textContent(), /^line 2\b.*\(parse error\)$/);
    assert.equal(await page.locator("#asrel-status").textContent(), "Still using the previous 3 AS relationships.");
  });

  test("upload an as-rel file, then a screenshot", async () => {
    await page.getByLabel("AS relationships (CAIDA as-rel)").setInputFiles({
      name: "tiny.as-rel.txt", mimeType: "text/plain", buffer: Buffer.from("174|13335|-1\n"),
    });
    await page.waitForFunction(() => document.getElementById("asrel-status").textContent.includes("tiny.as-rel.txt"));
    assert.equal(await page.locator("#asrel-status").textContent(), "Loaded 1 AS relationships from tiny.as-rel.txt.");
    assert.equal(await page.locator("#asrel-error").isVisible(), false);
    await checkPaths(PATH_ROUTES);
    await page.waitForFunction(() => document.querySelectorAll("#path-table tbody tr").length === 4);
    // 3356–13335 is now unknown to the relations: the leak turns unknown
    assert.deepEqual((await rows()).map((x) => x.cells[6]), ["ok", "unknown", "ok", "ok"]);
    await page.locator("#path-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-path.png"), fullPage: true });
  });

  test("no console errors, page errors or failed requests (path check)", () => {
    assert.deepEqual(problems, []);
  });
});

// The filter fixtures of FILTERDB, pasted into the page.
const PL_RPSL = readFileSync(path.join(WASM_DIR, "..", "core", "tests", "fixtures", "filter", "filterdb.rpsl"), "utf8");

describe("www prefix-list section in headless Chromium", { skip }, () => {
  let page;
  const problems = [];
  useChecker(problems, (p) => (page = p));

  test("paste a dump, name an as-set, pick a router: the prefix list", async () => {
    await page.getByLabel("RPSL dump", { exact: true }).fill(PL_RPSL);
    await page.getByLabel("AS-set, ASN or route-set").fill("AS-LEAF");
    await page.getByLabel("Router").selectOption("junos");
    await page.getByLabel("List name").fill("CUST");
    await page.getByRole("button", { name: "Build prefix list" }).click();
    const out = page.locator("#pl-output");
    await out.waitFor({ state: "visible" });
    // What the WebAssembly module's own bgpq4 prints for the same dump
    // (node tests compare that with bgpq4 1.9's output).
    const want = await page.evaluate(async (rpsl) => {
      const m = await import("../pkg/routeguard_wasm.js");
      const ds = new m.Dataset({ irr: rpsl });
      return ds.bgpq4(["-J", "-l", "CUST", "AS-LEAF"]).stdout;
    }, PL_RPSL);
    assert.equal(await out.textContent(), want);
    assert.match(want, /^policy-options {\nreplace:\n prefix-list CUST {\n/);
    assert.match(await page.locator("#pl-status").textContent(), /^\d+ prefixes from 2 ASNs\.$/);
    await page.getByLabel("aggregate (bgpq4 -A)").check();
    await page.getByLabel("Router").selectOption("ios");
    await page.getByRole("button", { name: "Build prefix list" }).click();
    await page.waitForFunction(() => document.getElementById("pl-output").textContent.startsWith("no ip prefix-list CUST"));
    await page.locator("#pl-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-prefix-list.png"), fullPage: true });
  });

  test("a set no object defines is reported", async () => {
    await page.getByLabel("AS-set, ASN or route-set").fill("AS-NOSUCH");
    await page.getByRole("button", { name: "Build prefix list" }).click();
    await page.waitForFunction(() => document.getElementById("pl-status").textContent.includes("Not found"));
    assert.equal(await page.locator("#pl-status").textContent(), "0 prefixes from 0 ASNs. Not found: AS-NOSUCH.");
    assert.equal(await page.locator("#pl-error").isVisible(), false);
  });

  test("no console errors, page errors or failed requests (prefix list)", () => {
    assert.deepEqual(problems, []);
  });
});

const JOSEPHINE = needsData("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");

describe("www VRP loading in a Web Worker, in headless Chromium", { skip }, () => {
  let page;
  const problems = [];
  useChecker(problems, (p) => (page = p));
  let big = null;
  let dir = null;
  before(() => {
    if (JOSEPHINE.skip) return;
    dir = mkdtempSync(path.join(os.tmpdir(), "routeguard-vrps-"));
    big = path.join(dir, "rpki-client.json");
    writeFileSync(big, execFileSync("bzcat", [JOSEPHINE.file], { maxBuffer: 256 * 1024 * 1024 }));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const status = () => page.locator("#vrp-status").textContent();
  const loaded = (name) => page.waitForFunction(
    (n) => /^Loaded /.test(document.getElementById("vrp-status").textContent) &&
      document.getElementById("vrp-status").textContent.includes(n), name, { timeout: 60000 });
  const resources = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));

  test("the page starts without WebAssembly of its own; the worker runs the lean module", async () => {
    const names = await resources();
    assert.ok(!names.some((n) => n.endsWith(".wasm")), names.join(" "));
    // The version shown comes from the lean module, in a worker.
    const lite = await page.evaluate(async () => {
      const m = await import("../pkg-lite/routeguard_wasm.js");
      await m.default();
      return m.version();
    });
    assert.equal(await page.locator("#version").textContent(), lite);
  });

  test("the full snapshot loads in the worker, with progress, and validates", { skip: JOSEPHINE.skip }, async () => {
    await page.getByLabel("Open a file").setInputFiles(big);
    await page.locator("#vrp-loading").waitFor({ state: "visible" });
    assert.equal(await page.getByRole("button", { name: "Cancel loading" }).isEnabled(), true);
    assert.match(await page.locator("#vrp-phase").textContent(), /^(Reading [\d.]+ of 75 MB|Parsing|Indexing)…$/);
    await page.locator("#vrps-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "www-loading.png") });
    await loaded("rpki-client.json");
    assert.equal(await status(),
      "Loaded 723,521 VRPs from rpki-client.json (format: json) · 100 ASPAs · 2 router keys.");
    assert.equal(await page.locator("#vrp-loading").isVisible(), false);
    console.log(`# full snapshot loaded in ${await page.locator("#vrp-status").getAttribute("data-ms")} ms (file picked → indexed)`);
    // The page's set answers as the full module does on the same JSON here.
    const routes = "1.1.1.0/24 13335\n8.8.8.0/24 15169\n1.1.1.0/24 64500\n193.0.14.0/24 25152\n";
    await page.getByLabel(/Routes, one per line/).fill(routes);
    await page.getByRole("button", { name: "Check list" }).click();
    await page.locator("#list-result").waitFor({ state: "visible" });
    const states = await page.locator("#list-table tbody tr td:nth-child(4)").allTextContents();
    const { VrpSet } = loadPkg();
    const want = VrpSet.fromText(readFileSync(big)).validateMany(
      routes.trim().split("\n").map((l) => l.split(" ")));
    assert.deepEqual(states, want.map((r) => r.state));
  });

  test("cancel stops a load and keeps the previous set", { skip: JOSEPHINE.skip }, async () => {
    // The same file again fires no change event: clear the input first.
    await page.getByLabel("Open a file").setInputFiles([]);
    await page.getByLabel("Open a file").setInputFiles(big);
    await page.locator("#vrp-loading").waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Cancel loading" }).click();
    await page.waitForFunction(() => document.getElementById("vrp-status").textContent.startsWith("Loading cancelled"));
    assert.equal(await status(), "Loading cancelled. Still using the previous 723,521 VRPs.");
    assert.equal(await page.locator("#vrp-loading").isVisible(), false);
    assert.equal(await page.getByRole("button", { name: "Load pasted data" }).isEnabled(), true);
  });

  test("a broken file shows the worker's parse error with its kind", async () => {
    const csv = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.1/24,24,ripe\n";
    await page.getByLabel("Open a file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const error = page.locator("#vrp-error");
    await error.waitFor({ state: "visible" });
    // What a load of the same bytes on this thread throws, shown as the page shows errors.
    const { VrpSet } = loadPkg();
    let want = null;
    try {
      VrpSet.fromText(new TextEncoder().encode(csv));
    } catch (e) {
      want = `${e.message} (${e.kind} error)`;
    }
    assert.equal(await error.textContent(), want);
    assert.match(want, /^line 2, column 9: 192\.0\.2\.1\/24 has host bits set/);
  });

  test("the IRR section reads the worker's VRPs through the full module", async () => {
    await page.getByRole("button", { name: "Use sample data" }).first().click();
    await loaded("sample data");
    const names = await resources();
    assert.ok(!names.some((n) => n.endsWith("/pkg/routeguard_wasm_bg.wasm")));
    await page.getByLabel("…or paste RPSL objects").fill(
      "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n");
    await page.getByRole("button", { name: "Load RPSL" }).click();
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.startsWith("Loaded"));
    assert.ok((await resources()).some((n) => n.endsWith("/pkg/routeguard_wasm_bg.wasm")));
  });

  test("no console errors, page errors or failed requests (loading)", () => {
    assert.deepEqual(problems, []);
  });
});
