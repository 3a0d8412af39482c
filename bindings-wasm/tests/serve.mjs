// A tiny static file server for the prefix checker: serves bindings-wasm/ so
// that www/index.html can import ../pkg/routeguard_wasm.js, and the
// repository's examples/ at /examples/. Loopback only.
//   node tests/serve.mjs [PORT]   → http://127.0.0.1:PORT/www/
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { REPO, WASM_DIR } from "./helpers.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Starts the server on 127.0.0.1 (port 0 = any free one); resolves to {url, close}. */
export function serve(root = WASM_DIR, port = 0) {
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.endsWith("/")) pathname += "index.html";
    // The repository's examples/ appear at /examples/ when bindings-wasm/ is
    // served (www/manrs.js fetches ../../examples/manrs/ for its sample data).
    let base = root;
    if (root === WASM_DIR && pathname.startsWith("/examples/")) base = path.join(REPO, "examples");
    const file = path.resolve(base, `.${base === root ? pathname : pathname.slice("/examples".length)}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (stat.isDirectory()) {
      res.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-length": stat.size,
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.argv[2] ?? 8080);
  const { url } = await serve(WASM_DIR, port);
  console.log(`routeguard prefix checker: ${url}/www/  (serving ${WASM_DIR}; Ctrl-C stops)`);
}
