// The route set of the browser benches (lines-bench.mjs, compare-bench.mjs):
// the first `count` single-origin routes of the RouteViews prefix2as file
// as `PREFIX ORIGIN` lines, in the file's (address) order or, with
// `shuffle`, in a seeded random order.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** Route lines from the gzipped prefix2as file `file`, newline-terminated. */
export function routesText(file, count, { shuffle = false } = {}) {
  const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
  const out = [];
  for (const l of lines) {
    const [addr, len, origin] = l.split("\t");
    if (!origin || /[_,]/.test(origin)) continue; // MOAS and AS sets: one plain origin only
    out.push(`${addr}/${len} ${origin}`);
    if (out.length === count) break;
  }
  if (shuffle) {
    let seed = 15;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out.join("\n") + "\n";
}
