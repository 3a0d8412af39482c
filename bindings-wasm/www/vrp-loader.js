// Runs one VRP load in a fresh Web Worker (vrp-worker.js) and resolves with
// its snapshot: {bytes, format, warnings, skipped, length, aspaCount,
// routerKeyCount, parseMs}. `onProgress({phase, done, total})` sees the
// reading ("read", bytes done of total) and parsing ("parse") phases; an
// aborted `signal` ends the worker at once and rejects with an AbortError.
// The worker is ended after every load, which gives its memory back.

/** Loads `{file}` or `{text}` in a worker. */
export function loadVrpsInWorker({ file, text, format, options, onProgress, signal }) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("Loading cancelled.", "AbortError"));
      return;
    }
    const worker = new Worker(new URL("./vrp-worker.js", import.meta.url), { type: "module" });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener("abort", abort);
    };
    const abort = () => {
      finish();
      reject(new DOMException("Loading cancelled.", "AbortError"));
    };
    signal?.addEventListener("abort", abort);
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        onProgress?.(data);
        return;
      }
      finish();
      if (data.type === "done") {
        resolve(data);
        return;
      }
      const error = new Error(data.message);
      for (const key of ["kind", "code", "line"]) if (data[key] !== undefined) error[key] = data[key];
      reject(error);
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The loader could not start: ${event.message || "worker error"}`));
    };
    worker.postMessage({ file, text, format, options });
  });
}
