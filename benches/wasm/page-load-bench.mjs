// Loading the full VRP snapshot into the routeguard page (bindings-wasm/www)
// in real Chromium: the time from picking the file to an indexed set, and
// the renderer's memory, for three ways of loading, each in a fresh browser:
//   blank   the page without a load (the renderer's own baseline)
//   worker  the page as shipped: file → Web Worker (lean module, streamed
//           into an InputBuffer) → snapshot → VrpSet.fromSnapshot
//   direct  the page's old way: file.arrayBuffer() → VrpSet.fromText on the
//           main thread (full module)
// Memory: VmHWM (peak) and VmRSS of the page's renderer process (the worker
// runs in it), sampled every 50 ms, and the JS heap and wasm memory after.
// "Page memory" is the peak over the blank page's.
//
//   scripts/build-wasm.sh; (cd bindings-wasm && npm ci); (cd benches/wasm && npm ci)
//   node benches/wasm/page-load-bench.mjs [--runs N] [--file PATH]
// Default file: the rpki-client snapshot from $ROUTEGUARD_DATA (bzcat'd).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { serve } from "../../bindings-wasm/tests/serve.mjs";
import { launchChromium, measurePage } from "./chromium-harness.mjs";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "3" }, file: { type: "string" } },
});
const DATA = process.env.ROUTEGUARD_DATA || path.resolve(import.meta.dirname, "../../../shared/data");
const tmp = mkdtempSync(path.join(os.tmpdir(), "routeguard-page-load-"));
let file = args.file;
if (!file) {
  file = path.join(tmp, "rpki-client.json");
  const src = path.join(DATA, "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2");
  writeFileSync(file, execFileSync("bzcat", [src], { maxBuffer: 256 * 1024 * 1024 }));
}
const MiB = (b) => Math.round((b / 1048576) * 10) / 10;

async function scenario(server, name) {
  const browser = await launchChromium();
  try {
    const r = await measurePage(browser, `${server.url}/www/`, async ({ page, mark }) => {
      await page.waitForSelector("body[data-ready=true]");
      await mark("ready");
      if (name === "blank") return {};
      let ms;
      if (name === "worker") {
        await page.getByLabel("Open a file").setInputFiles(file);
        await page.waitForFunction(() => /^Loaded /.test(document.getElementById("vrp-status").textContent),
          null, { timeout: 120000 });
        ms = Number(await page.locator("#vrp-status").getAttribute("data-ms"));
      } else {
        // The pre-worker page: the whole file as an ArrayBuffer, parsed and
        // indexed on the main thread by the full module (a file input of its
        // own, so the page's handler does not load it as well).
        await page.evaluate(() => {
          const input = Object.assign(document.createElement("input"), { type: "file", id: "direct" });
          document.body.append(input);
        });
        await page.setInputFiles("#direct", file);
        ms = await page.evaluate(async () => {
          const m = await import("../pkg/routeguard_wasm.js");
          await m.default();
          const input = document.getElementById("direct");
          const t0 = performance.now();
          const bytes = new Uint8Array(await input.files[0].arrayBuffer());
          const set = m.VrpSet.fromText(bytes);
          window.directSet = set;
          return performance.now() - t0;
        });
      }
      const after = await mark("loaded");
      return { ms, jsHeap: after.jsHeapUsed };
    }, { intervalMs: 50 });
    return { name, ms: r.result.ms, peak: r.peak.hwm, rssAfter: r.marks.at(-1).rss, jsHeap: r.marks.at(-1).jsHeapUsed };
  } finally {
    await browser.close();
  }
}

const server = await serve();
try {
  const rows = [];
  for (let i = 0; i < Number(args.runs); i++) {
    for (const name of ["blank", "worker", "direct"]) rows.push(await scenario(server, name));
  }
  const blank = Math.min(...rows.filter((r) => r.name === "blank").map((r) => r.peak));
  for (const r of rows) {
    console.log(JSON.stringify({
      scenario: r.name,
      loadMs: r.ms === undefined ? null : Math.round(r.ms),
      peakMiB: MiB(r.peak),
      pageMiB: MiB(r.peak - blank),
      rssAfterMiB: MiB(r.rssAfter),
      jsHeapMiB: MiB(r.jsHeap ?? 0),
    }));
  }
} finally {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
