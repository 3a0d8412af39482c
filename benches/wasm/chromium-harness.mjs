// A small harness for browser benchmarks in real headless Chromium (Debian
// /usr/bin/chromium driven by playwright-core from bindings-wasm/): launch a
// fresh browser, open a URL in a page of its own, and sample the memory of
// Chromium's renderer processes while a callback runs.
//
//   import { launchChromium, measurePage } from "./chromium-harness.mjs";
//   const browser = await launchChromium();
//   try {
//     const m = await measurePage(browser, "http://127.0.0.1:8080/www/", async ({ page, mark }) => {
//       await page.waitForSelector("body[data-ready=true]");
//       await mark("ready");               // renderer RSS/HWM + JS heap now
//       await page.setInputFiles("#vrps", "vrps.json");
//       await page.waitForSelector("#result");
//       await mark("checked");
//       return "anything";                 // becomes m.result
//     }, { routes: { "/data/x.json": { body: bytes, contentType: "application/json" } } });
//     console.log(m.peak, m.marks);
//   } finally {
//     await browser.close();
//   }
//
// Memory: VmHWM (peak resident set, for the process's lifetime) and VmRSS of
// every renderer process, read from /proc/<pid>/status; the pids come from
// the DevTools protocol (SystemInfo.getProcessInfo, type "renderer"). The
// VmHWM of a renderer covers everything it ever did, so a measurement that
// wants the peak of one workload needs a browser of its own
// (`launchChromium()` per workload); `measurePage` also samples VmRSS every
// `intervalMs` while the callback runs. JS heap: Performance.getMetrics of the
// page (JSHeapUsedSize, JSHeapTotalSize), after a forced garbage collection
// at each mark unless `gcBeforeMark: false`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WASM_DIR = path.join(REPO, "bindings-wasm");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The flags of bindings-wasm/tests/browser.test.mjs.
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** playwright-core, from bindings-wasm/node_modules (`npm ci` there). */
export async function playwright() {
  try {
    return await import(path.join(WASM_DIR, "node_modules", "playwright-core", "index.mjs"));
  } catch (e) {
    throw new Error(`playwright-core missing: run \`npm ci\` in bindings-wasm/ (${e.message})`);
  }
}

/** A fresh headless Chromium (its own temporary profile). Close it with `browser.close()`. */
export async function launchChromium() {
  const { chromium } = await playwright();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** {hwm, rss} in bytes from /proc/<pid>/status, or null when the process is gone. */
export function procMemory(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const kb = (key) => Number((text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m")) || [])[1] || 0) * 1024;
  return { hwm: kb("VmHWM"), rss: kb("VmRSS") };
}

/** The pids of the browser's renderer processes (DevTools SystemInfo.getProcessInfo). */
export async function rendererPids(browserSession) {
  const { processInfo } = await browserSession.send("SystemInfo.getProcessInfo");
  return processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
}

/**
 * Opens `url` in a new page (a new browser context) of `browser`, runs
 * `callback({page, cdp, mark})` and samples the renderers' memory meanwhile.
 * `mark(label)` records the memory at that point (after a forced GC).
 * Options: `routes` {pathname: {body, contentType}} served by interception
 * on the page's origin (no network); `intervalMs` (100) the sampling period;
 * `setup(page)` runs before the page opens (listeners, init scripts).
 * Resolves to {result, marks, peak: {hwm, rss}, renderers, samples}: peak.hwm
 * is the largest VmHWM of a renderer at the end, peak.rss the largest VmRSS
 * sampled; marks[i] = {label, rss, hwm, jsHeapUsed, jsHeapTotal}.
 */
export async function measurePage(browser, url, callback,
  { routes = {}, intervalMs = 100, gcBeforeMark = true, setup = async () => {} } = {}) {
  const browserSession = await browser.newBrowserCDPSession();
  // Renderers alive before this page (other pages of the browser) are left out.
  const before = new Set(await rendererPids(browserSession));
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const [pathname, { body, contentType }] of Object.entries(routes)) {
    await page.route((u) => u.pathname === pathname, (r) => r.fulfill({ body, contentType }));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const pids = new Set();
  let rssMax = 0;
  let samples = 0;
  const refresh = async () => {
    for (const pid of await rendererPids(browserSession)) if (!before.has(pid)) pids.add(pid);
  };
  const sample = () => {
    for (const pid of pids) {
      const m = procMemory(pid);
      if (m) rssMax = Math.max(rssMax, m.rss);
    }
    samples++;
  };
  const current = () => {
    let hwm = 0;
    let rss = 0;
    for (const pid of pids) {
      const m = procMemory(pid);
      if (m) { hwm = Math.max(hwm, m.hwm); rss = Math.max(rss, m.rss); }
    }
    return { hwm, rss };
  };
  const marks = [];
  const mark = async (label) => {
    await refresh();
    if (gcBeforeMark) await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name) => metrics.find((x) => x.name === name)?.value ?? null;
    const m = { label, ...current(), jsHeapUsed: metric("JSHeapUsedSize"), jsHeapTotal: metric("JSHeapTotalSize") };
    rssMax = Math.max(rssMax, m.rss);
    marks.push(m);
    return m;
  };
  let timer;
  try {
    await setup(page);
    await page.goto(url);
    await refresh();
    timer = setInterval(sample, intervalMs);
    const result = await callback({ page, cdp, mark });
    await refresh();
    sample();
    return { result, marks, peak: { hwm: current().hwm, rss: rssMax }, renderers: [...pids], samples };
  } finally {
    clearInterval(timer);
    await context.close();
    await browserSession.detach().catch(() => {});
  }
}
