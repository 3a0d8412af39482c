// Builds the verdict objects for VrpSet.validateMany from flat typed arrays
// filled by the Rust side: one pass of object literals in JS is far cheaper
// than setting every property across the wasm boundary.
const STATE = ["valid", "invalid", "invalid", "not-found"];
const REASON = [null, "as", "length", null];
const NO_TA = 0xffffffff;

/**
 * Appends one result per entry of `codes` to `out`.
 * codes[i]: 0 valid, 1 invalid/as, 2 invalid/length, 3 not-found;
 * counts[i]: how many covering VRPs route i has; the covering VRPs follow
 * one another in prefixes (joined by "\n"), maxLengths, asns and tas
 * (an index into taNames, or NO_TA).
 */
export function buildResults(out, codes, counts, prefixes, maxLengths, asns, tas, taNames) {
  const pfx = prefixes.length === 0 ? [] : prefixes.split("\n");
  let k = 0;
  for (let i = 0; i < codes.length; i++) {
    const covering = [];
    for (let end = k + counts[i]; k < end; k++) {
      const t = tas[k];
      covering.push({ prefix: pfx[k], maxLength: maxLengths[k], asn: asns[k], ta: t === NO_TA ? null : taNames[t] });
    }
    const code = codes[i];
    out.push({ state: STATE[code], reason: REASON[code], covering });
  }
}
