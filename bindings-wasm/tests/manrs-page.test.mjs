// Section 7 of www/ (the MANRS self-check, www/manrs.js and www/table.js) in
// real headless Chromium, driven by playwright-core, like browser.test.mjs:
// the examples/manrs/ files uploaded, the report shown against what the
// WebAssembly API (pkg-node) says for the same files, the downloads against
// the CLI's `routeguard manrs check` output (binary from ROUTEGUARD_CLI,
// $CARGO_TARGET_DIR/release or target/release, else PATH; that comparison is
// skipped without one unless CI=true), the table's sort, filter and CSV, the
// sample-data button, errors, and a screenshot of the section and of the
// whole page into $ROUTEGUARD_SCREENSHOT_DIR (default
// os.tmpdir()/routeguard-screenshots). Needs /usr/bin/chromium and `npm ci`
// in bindings-wasm/; skipped with a message when either is missing, unless
// CI=true.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { openPage, SHOTS, skip } from "./chromium.mjs";
import { findCli, loadPkg, REPO } from "./helpers.mjs";

const CI = process.env.CI === "true";
const EX = path.join(REPO, "examples", "manrs");
const ex = (name) => path.join(EX, name);

const CLI = findCli();
const noCli = !CLI && !CI && "no routeguard CLI binary (set ROUTEGUARD_CLI; CI=true makes this a failure)";

/** The CLI's MANRS arguments for the example world (examples/manrs/README.md). */
const CLI_ARGS = ["-q", "manrs", "check", "--asn", "AS1000", "--routes", ex("routes.txt"), "--vrps", ex("vrps.json"),
  "--irr", ex("irr.rpsl"), "--asrel", ex("asrel.txt"), "--peeringdb", ex("peeringdb-net.json"),
  ex("peeringdb-poc.json"), "--facts", ex("facts.json"), "--spoofer", ex("spoofer.csv")];

/** Runs the CLI (exit 1 = not conformant is a normal outcome). */
function cli(args) {
  const run = spawnSync(CLI, args, { encoding: "buffer" });
  assert.ok(run.status === 0 || run.status === 1, `routeguard ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

// What the WebAssembly API says for the same files: the expectation.
const { Dataset } = loadPkg();
const bytes = (name) => new Uint8Array(readFileSync(ex(name)));
const EXPECTED = new Dataset({
  vrps: bytes("vrps.json"), irr: [bytes("irr.rpsl")], asrel: bytes("asrel.txt"),
  peeringdb: [bytes("peeringdb-net.json"), bytes("peeringdb-poc.json")],
  savFacts: bytes("facts.json"), spoofer: [bytes("spoofer.csv")],
}).manrsCheck(["AS1000"], bytes("routes.txt"));

/** The order table.js sorts text columns in. */
const COLLATOR = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** The text the page shows for an action's status (conformant / not / not evaluated). */
const statusWord = (a) => (!a.evaluated ? "not evaluated" : a.conformant ? "conformant" : "not conformant");

/** A strict RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c; i += 1; continue;
    }
    if (c === '"' && field === "") { quoted = true; i += 1; continue; }
    if (c === ",") { row.push(field); field = ""; i += 1; continue; }
    if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i += 2; continue; }
    assert.notEqual(c, "\n", "bare LF in CSV");
    assert.notEqual(c, '"', "a quote inside an unquoted field");
    field += c; i += 1;
  }
  assert.equal(field, "", "CSV ends with CRLF");
  assert.equal(row.length, 0);
  return rows;
}


/** The cell texts of a results table (rows of td textContent). */
const tableRows = (page, container) => page.locator(`${container} tbody tr`).evaluateAll((trs) =>
  trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));

/** A finding as the findings table shows it. */
const findingRow = (f) => [f.rule, f.severity, f.subject, f.message, f.evidence.join(""), f.remedy];

async function download(page, locator) {
  const [d] = await Promise.all([page.waitForEvent("download"), locator.click()]);
  return { name: d.suggestedFilename(), data: readFileSync(await d.path()) };
}

describe("www MANRS self-check in headless Chromium", { skip }, () => {
  let page;
  let closePage;
  const problems = [];
  before(async () => {
    ({ page, close: closePage } = await openPage(problems, { ready: ["#manrs[data-ready=true]"] }));
  });
  after(async () => {
    await closePage?.();
  });

  const status = () => page.locator("#manrs-status").textContent();
  const runCheck = async () => {
    await page.getByRole("button", { name: "Run MANRS check" }).click();
    await page.waitForFunction(() => {
      const s = document.getElementById("manrs-status").textContent;
      return s !== "Checking…" && s !== "No MANRS check run yet.";
    });
  };

  test("the section is there, labelled, before any check", async () => {
    assert.equal(await page.getByRole("heading", { name: "7. MANRS self-check" }).count(), 1);
    assert.equal(await status(), "No MANRS check run yet.");
    for (const label of ["Routes file", "VRPs (validator export)", "IRR dumps (RPSL)", "CAIDA as-rel file",
      "PeeringDB pages (JSON)", "Anti-spoofing facts (JSON)", "CAIDA Spoofer results", "Your ASNs"]) {
      assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
    }
    assert.equal(await page.locator("#manrs-result").isVisible(), false);
  });

  test("no ASN: routeguard's error inline, as an alert", async () => {
    await runCheck();
    let want;
    try {
      new Dataset().manrsCheck([], "");
    } catch (e) {
      want = `${e.message} (${e.kind} error)`;
    }
    assert.equal(await page.locator("#manrs-error").textContent(), want);
    assert.equal(await page.locator("#manrs-error").getAttribute("role"), "alert");
    assert.equal(await page.locator("#manrs-result").isVisible(), false);
  });

  test("upload the examples/manrs files, enter the ASN, check: the API's report", async () => {
    await page.getByLabel("Routes file", { exact: true }).setInputFiles(ex("routes.txt"));
    await page.getByLabel("VRPs (validator export)").setInputFiles(ex("vrps.json"));
    await page.getByLabel("IRR dumps (RPSL)").setInputFiles(ex("irr.rpsl"));
    await page.getByLabel("CAIDA as-rel file").setInputFiles(ex("asrel.txt"));
    await page.getByLabel("PeeringDB pages (JSON)").setInputFiles([ex("peeringdb-net.json"), ex("peeringdb-poc.json")]);
    await page.getByLabel("Anti-spoofing facts (JSON)").setInputFiles(ex("facts.json"));
    await page.getByLabel("CAIDA Spoofer results").setInputFiles(ex("spoofer.csv"));
    await page.getByLabel("Your ASNs").fill("AS1000");
    await runCheck();
    assert.equal(await page.locator("#manrs-error").isVisible(), false, await page.locator("#manrs-error").textContent());
    assert.ok(await page.locator("#manrs-result").isVisible());
    const s = await status();
    assert.ok(s.startsWith(`AS1000: ${EXPECTED.conformant ? "CONFORMANT" : "NOT CONFORMANT"} · `), s);
    assert.match(s, new RegExp(`${EXPECTED.routes.own} own and ${EXPECTED.routes.customer} customer routes` +
      ` of ${EXPECTED.routes.seen} seen · ${EXPECTED.findings.length} findings`));
    assert.equal(EXPECTED.conformant, false, "the example operator does not conform");

    // Per action: number, title, status, counts.
    const actions = (await tableRows(page, "#manrs-actions")).map((r) => [r[0], r[1], r[3], r[6], r[7], r[8]]);
    assert.deepEqual(actions, EXPECTED.actions.map((a) => [String(a.number), a.title, statusWord(a),
      String(a.counts.error), String(a.counts.warning), String(a.counts.info)]));
    assert.equal(actions.length, 4);

    // Every finding with its evidence and remedy, in the report's order.
    assert.deepEqual(await tableRows(page, "#manrs-findings"), EXPECTED.findings.map(findingRow));
    assert.ok(EXPECTED.findings.length >= 10);
    const evidence = await page.locator("#manrs-findings tbody tr").first().locator("ul.evidence li").allTextContents();
    assert.deepEqual(evidence, [...EXPECTED.findings[0].evidence]);

    // Metrics, rules not evaluated, remedies.
    for (const key of ["ownRoutes", "customerRoutes", "m3c", "irrRegistered"]) {
      assert.equal(await page.locator(`[data-metric=${key}] dd`).textContent(), String(EXPECTED.metrics[key]), key);
    }
    assert.equal(await page.locator("[data-metric=rpki] dd").textContent(),
      `${EXPECTED.metrics.rpki.valid} valid, ${EXPECTED.metrics.rpki.invalid} invalid, ${EXPECTED.metrics.rpki.notFound} not-found`);
    const skipped = EXPECTED.rules.filter((o) => !o.evaluated);
    assert.deepEqual(await page.locator("#manrs-skipped li").allTextContents(), skipped.map((o) => `${o.rule}: ${o.reason}`));
    assert.deepEqual(await tableRows(page, "#manrs-route-objects"),
      EXPECTED.remedies.routeObjects.map((o) => [o.prefix, o.origin]));
    assert.deepEqual(await tableRows(page, "#manrs-roas"),
      EXPECTED.remedies.roas.map((o) => [o.prefix, String(o.maxLength), o.asn, o.rule]));
    assert.deepEqual(await tableRows(page, "#manrs-incidents"),
      EXPECTED.metrics.incidents.map((i) => [i.month, i.rule, String(i.count), String(i.score)]));

    // The chart: one bar per action and severity with findings, and a text alternative.
    const chart = page.locator("#manrs-chart svg");
    assert.equal(await chart.getAttribute("role"), "img");
    for (const a of EXPECTED.actions) {
      for (const sev of ["error", "warning", "info"]) {
        const bar = page.locator(`#manrs-chart g[data-action="${a.action}"] rect.${sev}`);
        assert.equal(await bar.count(), a.counts[sev] > 0 ? 1 : 0, `${a.action} ${sev}`);
        if (a.counts[sev] > 0) assert.equal(await bar.getAttribute("data-count"), String(a.counts[sev]));
      }
    }
    const desc = await page.locator("#manrs-chart-desc").textContent();
    for (const a of EXPECTED.actions) assert.ok(desc.includes(`${a.title}: ${a.counts.error} errors`), desc);
    assert.match(await page.locator("#manrs-chart figcaption").textContent(), /^Findings per action: /);
  });

  test("downloads: the JSON is the CLI's byte for byte; Markdown, HTML and remedy files too", async () => {
    const dl = (name) => download(page, page.locator("#manrs-downloads a", { hasText: name }));
    const json = await dl("Report (JSON");
    assert.equal(json.name, "manrs-report.json");
    assert.equal(json.data.toString("utf8"), EXPECTED.toJson());
    assert.equal(EXPECTED.toJson(), EXPECTED.toJsonString());
    const md = await dl("Report (Markdown)");
    assert.equal(md.data.toString("utf8"), EXPECTED.toMarkdown());
    const html = await dl("Report (HTML)");
    assert.equal(html.data.toString("utf8"), EXPECTED.toHtml());
    const files = EXPECTED.remedyFiles();
    const names = Object.keys(files);
    assert.ok(names.includes("route-objects.rpsl") && names.includes("roas.csv"), names.join(" "));
    // Chromium lets a page start only so many downloads in a row (the 11th
    // waits for a permission prompt), so two remedy files are downloaded by
    // a click and the others read from their links' Blob URLs.
    const got = {};
    for (const name of names) {
      const link = page.locator("#manrs-downloads a", { hasText: `Remedy: ${name}` });
      assert.equal(await link.getAttribute("download"), name);
      if (name === "route-objects.rpsl" || name === "roas.csv") {
        const f = await dl(`Remedy: ${name}`);
        assert.equal(f.name, name);
        got[name] = f.data;
      } else {
        got[name] = Buffer.from(await link.evaluate(async (a) => [...new Uint8Array(await (await fetch(a.href)).arrayBuffer())]));
      }
      assert.deepEqual(new Uint8Array(got[name]), files[name], name);
    }
    assert.equal(await page.locator("#manrs-downloads a").count(), 3 + names.length);

    if (noCli) {
      console.log(`# skipped the CLI comparison: ${noCli}`);
      return;
    }
    assert.ok(CLI, "CI=true needs the routeguard CLI (ROUTEGUARD_CLI or target/release/routeguard)");
    assert.equal(json.data.toString("utf8"), cli([...CLI_ARGS, "--format", "json"]).toString("utf8"));
    assert.equal(md.data.toString("utf8"), cli([...CLI_ARGS, "--format", "markdown"]).toString("utf8"));
    assert.equal(html.data.toString("utf8"), cli([...CLI_ARGS, "--format", "html"]).toString("utf8"));
    const dir = mkdtempSync(path.join(os.tmpdir(), "routeguard-remedy-"));
    try {
      cli([...CLI_ARGS, "--remedy", dir]);
      assert.deepEqual(readdirSync(dir).sort(), [...names].sort());
      for (const name of names) assert.ok(readFileSync(path.join(dir, name)).equals(got[name]), name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the findings table sorts, filters and downloads as CSV", async () => {
    const box = "#manrs-findings";
    const rows = () => tableRows(page, box);
    const header = (name) => page.locator(`${box} th`, { has: page.getByRole("button", { name, exact: true }) });
    const all = EXPECTED.findings.map(findingRow);

    await header("Severity").getByRole("button").click();
    assert.equal(await header("Severity").getAttribute("aria-sort"), "ascending");
    assert.equal(await header("Rule").getAttribute("aria-sort"), "none");
    const bySeverity = (dir) => all.map((r, i) => [r, i]).sort((a, b) =>
      dir * COLLATOR.compare(a[0][1], b[0][1]) || a[1] - b[1]).map(([r]) => r);
    assert.deepEqual(await rows(), bySeverity(1));
    await header("Severity").getByRole("button").click();
    assert.equal(await header("Severity").getAttribute("aria-sort"), "descending");
    assert.deepEqual(await rows(), bySeverity(-1));
    await header("Rule").getByRole("button").click();
    assert.equal(await header("Severity").getAttribute("aria-sort"), "none");
    assert.deepEqual((await rows()).map((r) => r[0]), all.map((r) => r[0]).sort(COLLATOR.compare));

    const filter = page.getByLabel("Filter findings");
    await filter.fill("CUSTOMER");
    const want = EXPECTED.findings.filter((f) => findingRow(f).join("\n").toLowerCase().includes("customer"));
    assert.ok(want.length > 0 && want.length < all.length);
    const shown = await rows();
    assert.equal(shown.length, want.length);
    assert.equal(await page.locator(`${box} .rg-table-count`).textContent(), `${want.length} of ${all.length} rows`);

    // CSV of the rows shown, quoted where needed: the report's own values.
    const csv = await download(page, page.getByRole("button", { name: "Download CSV: Findings" }));
    assert.equal(csv.name, "manrs-findings.csv");
    const parsed = parseCsv(csv.data.toString("utf8"));
    assert.deepEqual(parsed[0], ["Rule", "Severity", "Subject", "Finding", "Evidence", "Remedy"]);
    const sorted = [...want].sort((a, b) => COLLATOR.compare(a.rule, b.rule));
    assert.deepEqual(parsed.slice(1), sorted.map((f) =>
      [f.rule, f.severity, f.subject, f.message, f.evidence.join("; "), f.remedy]));
    assert.ok(csv.data.toString("utf8").includes('"'), "some field needed quoting");

    await filter.fill("");
    assert.equal(await page.locator(`${box} .rg-table-count`).textContent(), `${all.length} rows`);
    await filter.fill("no such text anywhere");
    assert.equal((await rows()).length, 0);
    assert.equal(await page.locator(`${box} .rg-table-count`).textContent(), `0 of ${all.length} rows`);
    await filter.fill("");
  });

  test("screenshots: the MANRS section and the whole page", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const section = path.join(SHOTS, "www-manrs-section.png");
    const full = path.join(SHOTS, "www-full-page.png");
    await page.locator("#manrs").screenshot({ path: section });
    await page.screenshot({ path: full, fullPage: true });
    for (const f of [section, full]) {
      assert.ok(readFileSync(f).subarray(1, 4).toString() === "PNG", f);
      console.log(`# screenshot: ${f}`);
    }
  });

  test("an MRT routes file: routeguard's error inline, the old report hidden", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "routeguard-mrt-"));
    const mrt = new Uint8Array([0x65, 0x53, 0xf1, 0x00, 0, 13, 0, 1, 0, 0, 0, 100, ...new Array(100).fill(0)]);
    const file = path.join(dir, "rib.mrt");
    writeFileSync(file, mrt);
    try {
      await page.getByLabel("Routes file", { exact: true }).setInputFiles(file);
      await runCheck();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    let want;
    try {
      new Dataset().manrsCheck(["AS1000"], mrt);
    } catch (e) {
      want = `${e.message} (${e.kind} error)`;
    }
    assert.match(want, /^routes: the input is an MRT file/);
    assert.equal(await page.locator("#manrs-error").textContent(), want);
    assert.equal(await page.locator("#manrs-error").getAttribute("role"), "alert");
    assert.equal(await page.locator("#manrs-result").isVisible(), false);
  });

  test("Use MANRS sample data fetches examples/manrs/ and checks AS1000", async () => {
    await page.getByRole("button", { name: "Use MANRS sample data" }).click();
    await page.waitForFunction(() => document.getElementById("manrs-status").textContent.startsWith("AS1000:"));
    assert.equal(await page.locator("#manrs-error").isVisible(), false);
    assert.equal(await page.getByLabel("Your ASNs").inputValue(), "AS1000");
    assert.match(await page.locator("#manrs-inputs").textContent(), /^Sample data: routes\.txt, vrps\.json, irr\.rpsl/);
    assert.deepEqual(await tableRows(page, "#manrs-findings"), EXPECTED.findings.map(findingRow));
    const json = await download(page, page.locator("#manrs-downloads a", { hasText: "Report (JSON" }));
    assert.equal(json.data.toString("utf8"), EXPECTED.toJson());
  });

  test("keyboard: the check runs from the ASN field with Enter", async () => {
    await page.getByLabel("Your ASNs").fill("AS2000");
    await page.getByLabel("Your ASNs").press("Enter");
    await page.waitForFunction(() => document.getElementById("manrs-status").textContent.startsWith("AS2000:"));
    const want = new Dataset({
      vrps: bytes("vrps.json"), irr: [bytes("irr.rpsl")], asrel: bytes("asrel.txt"),
      peeringdb: [bytes("peeringdb-net.json"), bytes("peeringdb-poc.json")],
      savFacts: bytes("facts.json"), spoofer: [bytes("spoofer.csv")],
    }).manrsCheck(["AS2000"], bytes("routes.txt"));
    assert.deepEqual(await tableRows(page, "#manrs-findings"), want.findings.map(findingRow));
    // Sort buttons are buttons: reachable by Tab, pressed with Enter.
    const sortButton = page.locator("#manrs-actions th button").first();
    await sortButton.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#manrs-actions th").first().getAttribute("aria-sort"), "ascending");
  });

  test("no console errors, page errors or failed requests", () => {
    assert.deepEqual(problems, []);
  });
});
