// Entry of the file:// build (scripts/build-www-standalone.sh): the page's
// scripts bundled into one classic script, with the WebAssembly modules and
// the worker inlined (inline.js), because a page opened from a file may not
// load ES modules, module workers or .wasm files (its origin is null).
import "./inline.js";
import "../app.js";
import "../manrs.js";
