// The page's side of vrp-worker.js: one worker per loaded VRP set.
//
//   const w = new VrpWorker();
//   const loaded = await w.request("load", { file }, { onProgress, signal });
//   const { result } = await w.request("validate", { prefix, origin });
//   w.terminate();
//
// A load goes to a fresh worker so that the previous set keeps answering
// until the new one is ready (the page then ends the old worker); an aborted
// `signal` ends the worker at once and rejects with an AbortError. Errors
// come back as Error objects with routeguard's `kind`, `code`, `line` and
// `index`.
export class VrpWorker {
  // The file:// build runs the worker from a blob: URL (standalone/inline.js).
  #worker = globalThis.routeguardInline
    ? new Worker(globalThis.routeguardInline.workerUrl)
    : new Worker(new URL("./vrp-worker.js", import.meta.url), { type: "module" });
  #pending = new Map();
  #next = 1;
  #dead = null;

  constructor() {
    this.#worker.onmessage = ({ data }) => {
      const call = this.#pending.get(data.id);
      if (!call) return;
      if (data.type === "progress") {
        call.onProgress?.(data);
        return;
      }
      this.#pending.delete(data.id);
      if (data.type === "done") {
        call.resolve(data);
        return;
      }
      call.reject(Object.assign(new Error(data.error.message), data.error));
    };
    this.#worker.onerror = (event) => {
      this.#fail(new Error(`The VRP worker failed: ${event.message || "worker error"}`));
    };
  }

  /** Sends `op` with `args`; resolves with the worker's reply. */
  request(op, args = {}, { onProgress, signal } = {}) {
    if (this.#dead) return Promise.reject(this.#dead);
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      const abort = () => this.#fail(cancelled());
      signal?.addEventListener("abort", abort, { once: true });
      const done = (f) => (value) => {
        signal?.removeEventListener("abort", abort);
        f(value);
      };
      this.#pending.set(id, { resolve: done(resolve), reject: done(reject), onProgress });
      this.#worker.postMessage({ id, op, ...args });
    });
  }

  /** Ends the worker; pending requests reject. */
  terminate() {
    this.#fail(new Error("The VRP worker was ended."));
  }

  #fail(error) {
    this.#worker.terminate();
    this.#dead ??= error;
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
  }
}

function cancelled() {
  return new DOMException("Loading cancelled.", "AbortError");
}
