// Entry of the file:// build's VRP worker: vrp-worker.js with the lean
// module's bytes inlined (worker-inline.js runs first).
import "./worker-inline.js";
import "../vrp-worker.js";
