// Filter results as JS objects: the JSON routeguard renders (src/filter.rs
// calls render::filter), parsed, every key turned from snake_case into
// camelCase and every object and array frozen; the values are the JSON's
// own. The diff and the explanation also carry their text form.
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

/** JSON text → a deep-frozen value with camelCase keys. */
export function camelizeFilterJson(json) {
  return convert(JSON.parse(json));
}

/** JSON text of an object → the same, deep-frozen and camelCase, with `text`. */
export function camelizeWithText(json, text) {
  return convert({ ...JSON.parse(json), text });
}
