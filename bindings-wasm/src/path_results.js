// Builds the verdict objects of RouteChecker.checkMany / checkLines from flat
// arrays filled by the Rust side (src/path.rs): one pass of object literals
// in JS is far cheaper than setting every property across the wasm boundary.
// Every word and text comes from routeguard; this only assembles objects.
const ROV = ["valid", "invalid", "not-found"];
const ASPA = ["valid", "invalid", "unknown"];
const LEAK = ["ok", "leak", "unknown"];
const NONE = 255;

/**
 * Appends one verdict per route to `out`. Per route, `codes` holds 6 bytes:
 * rov, aspa, leak (an index into the word lists above, or NONE when the
 * check did not run), rejected (0/1), bogon (1: the next entry of `findings`),
 * has a peer AS (1: `peers[i]`). `strings` joins with "\n", per route, the
 * verdict text and, when `withRoute`, the prefix and the path.
 */
export function buildRouteVerdicts(out, withRoute, codes, lines, peers, strings, findings) {
  const s = strings.length === 0 ? [] : strings.split("\n");
  const per = withRoute ? 3 : 1;
  let f = 0;
  for (let i = 0, k = 0; k < codes.length; i++, k += 6) {
    const bogon = codes[k + 4] === 1 ? findings[f++] : null;
    const v = {
      rov: codes[k] === NONE ? null : ROV[codes[k]],
      aspa: codes[k + 1] === NONE ? null : ASPA[codes[k + 1]],
      bogon,
      leak: codes[k + 2] === NONE ? null : LEAK[codes[k + 2]],
      bogonWord: bogon === null ? "ok" : bogon.kind,
      rejected: codes[k + 3] === 1,
      text: s[i * per],
    };
    if (withRoute) {
      v.line = lines[i];
      v.prefix = s[i * per + 1];
      v.path = s[i * per + 2];
      v.peerAs = codes[k + 5] === 1 ? peers[i] : null;
    }
    out.push(v);
  }
}
