// The full WebAssembly module (../pkg: IRR, paths, prefix lists, MANRS),
// fetched and initialised once, the first time a section needs it. The
// route checker (sections 1–3) runs on the lean module (../pkg-lite) alone,
// so the page starts with that one. One shared promise: two sections asking
// at once get the same instance.
let pending = null;

/** Resolves with the initialised full module. */
export function fullModule() {
  pending ??= import("../pkg/routeguard_wasm.js").then(async (m) => {
    // The file:// build inlines the module's bytes (standalone/inline.js).
    const inline = globalThis.routeguardInline;
    await m.default(inline ? { module_or_path: inline.fullWasm } : undefined);
    return m;
  });
  return pending;
}
