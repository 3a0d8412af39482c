// The MANRS report and observatory rows as JS objects: the JSON routeguard
// renders (src/manrs.rs calls render::manrs), parsed, with every key turned
// from snake_case into camelCase and every object and array frozen. The
// values are the JSON's own; this only renames keys.
const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

function convert(value) {
  if (Array.isArray(value)) return Object.freeze(value.map(convert));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [key, v] of Object.entries(value)) out[camel(key)] = convert(v);
    return Object.freeze(out);
  }
  return value;
}

/** JSON text → a deep-frozen object with camelCase keys. */
export function camelizeJson(text) {
  return convert(JSON.parse(text));
}

