// The page tests' browser: Debian's Chromium (or $CHROMIUM) through
// playwright-core, headless, with the flags a closed network needs, on
// bindings-wasm/ served at 127.0.0.1 (random port). `skip` says why the
// page tests cannot run here (nothing under CI=true, where they must).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { WASM_DIR } from "./helpers.mjs";
import { serve } from "./serve.mjs";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** Screenshots go here (CI keeps the directory as an artifact). */
export const SHOTS = process.env.ROUTEGUARD_SCREENSHOT_DIR || path.join(os.tmpdir(), "routeguard-screenshots");
mkdirSync(SHOTS, { recursive: true });

let chromium = null;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  chromium = null;
}

/** Why the page tests are skipped, or false. */
export let skip = false;
if (process.env.CI !== "true") {
  if (!existsSync(CHROMIUM)) skip = `${CHROMIUM} missing (apt-get install chromium)`;
  else if (!chromium) skip = "playwright-core missing (npm ci in bindings-wasm/)";
  else if (!existsSync(path.join(WASM_DIR, "pkg", "routeguard_wasm.js"))) skip = "pkg/ missing (scripts/build-wasm.sh)";
}

/**
 * Serves bindings-wasm/, opens www/ (or, with `file`, that HTML file as a
 * file:// URL, without a server) in a fresh headless Chromium profile and
 * waits until the page, and each selector of `ready`, is ready. Page
 * errors, console errors, failed requests and HTTP errors are pushed onto
 * `problems`. Resolves to {page, close}.
 */
export async function openPage(problems, { ready = [], file = null } = {}) {
  const server = file ? null : await serve(WASM_DIR, 0);
  const profile = mkdtempSync(path.join(os.tmpdir(), "routeguard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const close = async () => {
    await context.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  };
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(file ? pathToFileURL(file).href : `${server.url}/www/`);
  for (const selector of ["body[data-ready=true]", ...ready]) await page.waitForSelector(selector, { timeout: 30000 });
  return { page, close };
}
