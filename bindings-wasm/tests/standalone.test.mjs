// The file:// build (bindings-wasm/www-standalone/, scripts/build-www-standalone.sh)
// opened from a file in real headless Chromium, with no server: the VRP
// worker (a blob: URL with the lean module inlined), the route checks, the
// IRR section on the full module (inlined) with the worker's VRPs, and the
// MANRS self-check on uploaded files, compared with the served page's
// module in node. Skipped with a message when the build is missing, unless
// CI=true.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { openPage, SHOTS, skip as noBrowser } from "./chromium.mjs";
import { loadPkg, REPO, WASM_DIR } from "./helpers.mjs";

const HTML = path.join(WASM_DIR, "www-standalone", "index.html");
const skip = noBrowser || (!existsSync(HTML) && process.env.CI !== "true" &&
  `${HTML} missing (scripts/build-www-standalone.sh)`);
const EX = (name) => path.join(REPO, "examples", "manrs", name);

describe("the page from file://, in headless Chromium", { skip }, () => {
  let page;
  let close;
  const problems = [];
  before(async () => {
    ({ page, close } = await openPage(problems, { file: HTML, ready: ["#manrs[data-ready=true]"] }));
  });
  after(async () => close?.());

  test("it is a file:// page with no module scripts", async () => {
    assert.ok(page.url().startsWith("file:///"));
    const modules = await page.evaluate(() => document.querySelectorAll('script[type="module"]').length);
    assert.equal(modules, 0);
    assert.match(await page.locator("#version").textContent(), /^\d+\.\d+\.\d+/);
  });

  test("VRPs load in the worker and the list is checked as the module checks it", async () => {
    const vrps = readFileSync(path.join(REPO, "examples", "vrps.json"));
    const routes = readFileSync(path.join(REPO, "examples", "routes.txt"), "utf8");
    await page.getByLabel("Open a file").setInputFiles(path.join(REPO, "examples", "vrps.json"));
    await page.waitForFunction(() => /^Loaded /.test(document.getElementById("vrp-status").textContent));
    const { VrpSet } = loadPkg();
    const set = VrpSet.fromText(vrps);
    assert.equal(await page.locator("#vrp-status").getAttribute("data-count"), String(set.length));
    await page.getByLabel(/Routes, one per line/).fill(routes);
    await page.getByRole("button", { name: "Check list" }).click();
    await page.locator("#list-result").waitFor({ state: "visible" });
    const shown = await page.locator("#list-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.children[1].textContent, tr.children[3].textContent]));
    const want = [];
    for (const line of routes.split("\n")) {
      const t = line.trim();
      if (t === "" || t.startsWith("#")) continue;
      const [prefix, origin = ""] = t.split(/[\s,]+/);
      want.push([prefix, set.validate(prefix, origin === "" ? null : origin).state]);
    }
    assert.deepEqual(shown, want);
  });

  test("the IRR section runs on the inlined full module with the worker's VRPs", async () => {
    await page.getByLabel("…or paste RPSL objects").fill("route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n");
    await page.getByRole("button", { name: "Load RPSL" }).click();
    await page.waitForFunction(() => document.getElementById("irr-status").textContent.startsWith("Loaded"));
    const routes = "192.0.2.0/24 AS64500\n198.51.100.0/24 AS64500\n";
    await page.getByLabel(/IRR routes to check/).fill(routes);
    await page.getByRole("button", { name: "Check IRR" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#irr-results .irr-result").length === 2);
    const shown = await page.locator("#irr-results .irr-result").evaluateAll((divs) => divs.map((d) =>
      [d.querySelector("h3 .state").textContent, d.querySelector("h3 .hint")?.textContent ?? null]));
    // The module's answer for the same objects and the same VRPs file.
    const { IrrDb, VrpSet } = loadPkg();
    const db = IrrDb.fromText("route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n");
    const vrps = VrpSet.fromText(readFileSync(path.join(REPO, "examples", "vrps.json")));
    const want = db.checkRoutes(routes, vrps).map((r) => [r.status, r.rpki ? `RPKI: ${r.rpki}` : null]);
    assert.deepEqual(shown, want);
    assert.ok(want.every(([, rpki]) => rpki !== null), "the RPKI view shows: the worker's VRPs reached the full module");
  });

  test("the MANRS self-check runs on uploaded files", async () => {
    await page.getByLabel("Routes file", { exact: true }).setInputFiles(EX("routes.txt"));
    await page.getByLabel("VRPs (validator export)").setInputFiles(EX("vrps.json"));
    await page.getByLabel("IRR dumps (RPSL)").setInputFiles(EX("irr.rpsl"));
    await page.getByLabel("Your ASNs").fill("AS1000");
    await page.getByRole("button", { name: "Run MANRS check" }).click();
    await page.waitForFunction(() => document.getElementById("manrs-status").textContent.startsWith("AS1000:"));
    const { Dataset } = loadPkg();
    const report = new Dataset({ vrps: readFileSync(EX("vrps.json")), irr: readFileSync(EX("irr.rpsl")) })
      .manrsCheck(["AS1000"], readFileSync(EX("routes.txt")));
    const s = await page.locator("#manrs-status").textContent();
    assert.ok(s.startsWith(`AS1000: ${report.conformant ? "CONFORMANT" : "NOT CONFORMANT"} · `), s);
    assert.match(s, new RegExp(`· ${report.findings.length} findings`));
    await page.screenshot({ path: path.join(SHOTS, "www-file-url.png"), fullPage: true });
  });

  test("no console errors, page errors or failed requests (file://)", () => {
    assert.deepEqual(problems, []);
  });
});
