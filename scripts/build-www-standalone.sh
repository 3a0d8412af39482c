#!/usr/bin/env bash
# Builds bindings-wasm/www-standalone/: the page (bindings-wasm/www/) as one
# classic script with both WebAssembly modules and the VRP worker inlined,
# so that it works opened from a file (file://), where Chromium refuses ES
# modules, module workers and fetching .wasm (the page's origin is null).
# Needs the packages of scripts/build-wasm.sh (pkg/, pkg-lite/) and esbuild
# from `npm ci` in bindings-wasm/.
set -euo pipefail
cd "$(dirname "$0")/../bindings-wasm"
ESBUILD=node_modules/.bin/esbuild
[ -x "$ESBUILD" ] || { echo "build-www-standalone: esbuild missing: run 'npm ci' in bindings-wasm/" >&2; exit 1; }
for f in pkg/routeguard_wasm_bg.wasm pkg-lite/routeguard_wasm_bg.wasm; do
    [ -f "$f" ] || { echo "build-www-standalone: $f missing: run scripts/build-wasm.sh" >&2; exit 1; }
done
OUT=www-standalone
rm -rf "$OUT.tmp" && mkdir -p "$OUT.tmp"
WORKER=www/standalone/vrp-worker.worker-src
trap 'rm -f "$WORKER"; rm -rf "$OUT.tmp"' EXIT
common=(--bundle --format=iife --loader:.wasm=binary --log-level=error --legal-comments=none)
"$ESBUILD" www/standalone/worker.js "${common[@]}" --outfile="$WORKER"
"$ESBUILD" www/standalone/page.js "${common[@]}" --loader:.worker-src=text --outfile="$OUT.tmp/routeguard.js"
cp www/style.css "$OUT.tmp/"
# The page's module script tags become the one classic, deferred script.
node -e '
const fs = require("node:fs");
let html = fs.readFileSync("www/index.html", "utf8");
const tags = html.match(/<script type="module" src="[^"]+"><\/script>\n?/g) || [];
if (tags.length === 0) throw new Error("no module script tags in www/index.html");
for (const t of tags) html = html.replace(t, "");
html = html.replace("</head>", "<script defer src=\"routeguard.js\"></script>\n</head>");
fs.writeFileSync(process.argv[1], html);
' "$OUT.tmp/index.html"
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
printf '  %-44s %8d bytes\n' "bindings-wasm/$OUT/routeguard.js" "$(wc -c <"$OUT/routeguard.js")"
