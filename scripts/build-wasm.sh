#!/usr/bin/env bash
# Builds the routeguard WebAssembly packages:
#   bindings-wasm/pkg/       --target web     (ES module; `await init()`; used by bindings-wasm/www/)
#   bindings-wasm/pkg-node/  --target nodejs  (CommonJS; `require()` or `import` from node)
#   bindings-wasm/pkg-lite/  --target web     the lean module: the crate without its
#                            `full` feature (VrpSet, RovCode, ReasonCode, version; the
#                            page's route checker), profile `wasm-lite` (size first)
# Steps: cargo build (release, and wasm-lite without default features;
# wasm32-unknown-unknown) → wasm-bindgen → wasm-opt -Oz (binaryen from
# bindings-wasm/node_modules, when installed) → a smoke test of the three
# packages in node → sizes (scripts/check-wasm-size.sh checks them). If the optimised module fails the smoke test,
# the unoptimised one is kept and the script says so.
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli of the exact
# version in Cargo.lock, node (scripts/setup.sh installs all of them).
# Honours CARGO_TARGET_DIR. Set WASM_OPT=0 to skip wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WASM_DIR=$ROOT/bindings-wasm
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
NAME=routeguard_wasm

die() { echo "build-wasm: $*" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    die "missing Rust target: run 'rustup target add wasm32-unknown-unknown'"
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || die "wasm-bindgen not found in Cargo.lock"
if ! command -v wasm-bindgen >/dev/null; then
    die "wasm-bindgen not found: run 'cargo install wasm-bindgen-cli --version $WB_VERSION'"
fi
HAVE=$(wasm-bindgen --version | awk '{print $2}')
[ "$HAVE" = "$WB_VERSION" ] ||
    die "wasm-bindgen $HAVE installed but Cargo.lock has $WB_VERSION: run 'cargo install wasm-bindgen-cli --version $WB_VERSION'"
command -v node >/dev/null || die "node not found"

log "cargo build --release -p routeguard-wasm --target wasm32-unknown-unknown"
cargo build --release --quiet -p routeguard-wasm --target wasm32-unknown-unknown
WASM=$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm
[ -f "$WASM" ] || die "no $WASM after cargo build"
log "cargo build --profile wasm-lite --no-default-features -p routeguard-wasm --target wasm32-unknown-unknown"
cargo build --profile wasm-lite --no-default-features --quiet -p routeguard-wasm --target wasm32-unknown-unknown
WASM_LITE=$TARGET_DIR/wasm32-unknown-unknown/wasm-lite/$NAME.wasm
[ -f "$WASM_LITE" ] || die "no $WASM_LITE after cargo build"

VERSION=$(awk -F'"' '/^\[workspace.package\]/{p=1} p && /^version/{print $2; exit}' Cargo.toml)

bindgen() { # target out-dir [module]
    local tmp="$2.tmp"
    rm -rf "$tmp"
    wasm-bindgen --target "$1" --out-dir "$tmp" --out-name "$NAME" "${3:-$WASM}"
    rm -rf "$2"
    mv "$tmp" "$2"
}
log "wasm-bindgen $WB_VERSION → bindings-wasm/pkg (web), bindings-wasm/pkg-node (nodejs), bindings-wasm/pkg-lite (web)"
bindgen web "$WASM_DIR/pkg"
bindgen nodejs "$WASM_DIR/pkg-node"
bindgen web "$WASM_DIR/pkg-lite" "$WASM_LITE"

# wasm-bindgen's nodejs target require()s the JS snippets (bindings-wasm/src/*.js,
# written as ES modules for the web target): turn pkg-node's copies into CommonJS.
if [ -d "$WASM_DIR/pkg-node/snippets" ]; then
    find "$WASM_DIR/pkg-node/snippets" -name '*.js' -print0 | xargs -0 -r node -e '
        const fs = require("node:fs");
        for (const file of process.argv.slice(1)) {
            const src = fs.readFileSync(file, "utf8");
            const names = [...src.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
            if (/^export (?!function )/m.test(src)) throw new Error(`${file}: only "export function" is supported`);
            fs.writeFileSync(file, src.replace(/^export function /gm, "function ") +
                `\nmodule.exports = { ${names.join(", ")} };\n`);
        }'
fi

# package.json files so both directories are usable packages (and so node
# reads pkg-node as CommonJS whatever the surrounding package says).
cat >"$WASM_DIR/pkg/package.json" <<EOF
{
  "name": "routeguard-wasm",
  "version": "$VERSION",
  "description": "Routing security in the browser: RFC 6811 origin validation, IRR, ASPA, bogon and leak checks (routeguard compiled to WebAssembly)",
  "license": "BSD-3-Clause",
  "type": "module",
  "main": "$NAME.js",
  "types": "$NAME.d.ts",
  "files": ["$NAME.js", "$NAME.d.ts", "${NAME}_bg.wasm", "${NAME}_bg.wasm.d.ts", "snippets/"],
  "sideEffects": false
}
EOF
cat >"$WASM_DIR/pkg-node/package.json" <<EOF
{
  "name": "routeguard-wasm-node",
  "version": "$VERSION",
  "description": "Routing security in node: RFC 6811 origin validation, IRR, ASPA, bogon and leak checks (routeguard compiled to WebAssembly)",
  "license": "BSD-3-Clause",
  "type": "commonjs",
  "main": "$NAME.js",
  "types": "$NAME.d.ts",
  "files": ["$NAME.js", "$NAME.d.ts", "${NAME}_bg.wasm", "${NAME}_bg.wasm.d.ts", "snippets/"]
}
EOF
cat >"$WASM_DIR/pkg-lite/package.json" <<EOF
{
  "name": "routeguard-wasm-lite",
  "version": "$VERSION",
  "description": "RFC 6811 route origin validation in the browser: routeguard's VrpSet alone, compiled to a small WebAssembly module",
  "license": "BSD-3-Clause",
  "type": "module",
  "main": "$NAME.js",
  "types": "$NAME.d.ts",
  "files": ["$NAME.js", "$NAME.d.ts", "${NAME}_bg.wasm", "${NAME}_bg.wasm.d.ts", "snippets/"],
  "sideEffects": false
}
EOF

# A quick check that a package loads and validates (web: initSync in node);
# kind lite: a web package without the `full` classes.
smoke() { # dir kind
    node --input-type=module - "$1" "$2" <<'EOF'
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const [dir, kind] = process.argv.slice(2);
let m;
if (kind === "web" || kind === "lite") {
  m = await import(pathToFileURL(`${dir}/routeguard_wasm.js`).href);
  m.initSync({ module: readFileSync(`${dir}/routeguard_wasm_bg.wasm`) });
} else {
  m = createRequire(import.meta.url)(`${dir}/routeguard_wasm.js`);
}
const set = m.VrpSet.fromCsv("ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n");
const r = set.validate("192.0.2.0/24", "AS64500");
const bad = set.validate("192.0.2.0/25", 64500);
if (set.length !== 1 || r.state !== "valid" || r.covering[0].asn !== 64500 ||
    bad.state !== "invalid" || bad.reason !== "length") {
  console.error("smoke test failed:", JSON.stringify([set.length, r, bad]));
  process.exit(1);
}
let kindSeen = null;
try { m.VrpSet.fromJson("{"); } catch (e) { kindSeen = e.kind; }
if (kindSeen !== "parse") { console.error("smoke test: no parse error kind"); process.exit(1); }
if ((kind === "lite") !== (m.IrrDb === undefined && m.Dataset === undefined)) {
  console.error(`smoke test: ${kind} package ${m.IrrDb ? "has" : "lacks"} IrrDb`);
  process.exit(1);
}
set.free();
EOF
}

kind() { case $1 in pkg) echo web ;; pkg-node) echo node ;; pkg-lite) echo lite ;; esac; }

WASM_OPT_BIN=$WASM_DIR/node_modules/.bin/wasm-opt
if [ "${WASM_OPT:-1}" != 0 ] && [ -x "$WASM_OPT_BIN" ]; then
    # The features rustc enables by default for wasm32-unknown-unknown.
    FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
              --enable-mutable-globals --enable-reference-types --enable-multivalue)
    # Optimised modules are cached by the hash of their input (both targets
    # usually share one), so an unchanged build skips the slow wasm-opt run.
    CACHE=$TARGET_DIR/wasm-opt-cache
    mkdir -p "$CACHE"
    for dir in pkg pkg-node pkg-lite; do
        f=$WASM_DIR/$dir/${NAME}_bg.wasm
        key=$(sha256sum "$f" | cut -c1-64)
        if [ ! -s "$CACHE/$key.wasm" ]; then
            log "wasm-opt -Oz $dir/${NAME}_bg.wasm ($("$WASM_OPT_BIN" --version))"
            "$WASM_OPT_BIN" -Oz --strip-debug --strip-producers "${FEATURES[@]}" -o "$CACHE/$key.tmp" "$f" &&
                mv "$CACHE/$key.tmp" "$CACHE/$key.wasm"
        else
            log "wasm-opt -Oz $dir/${NAME}_bg.wasm (cached)"
        fi
        cp "$f" "$f.orig"
        if [ -s "$CACHE/$key.wasm" ] && cp "$CACHE/$key.wasm" "$f" &&
            smoke "$WASM_DIR/$dir" "$(kind $dir)"; then
            rm -f "$f.orig"
        else
            echo "build-wasm: WARNING: wasm-opt output failed; keeping the unoptimised $dir module" >&2
            mv -f "$f.orig" "$f"
            rm -f "$CACHE/$key.wasm"
        fi
    done
    # keep the newest few cache entries
    ls -1t "$CACHE"/*.wasm 2>/dev/null | tail -n +7 | while read -r old; do rm -f "$old"; done
else
    log "wasm-opt skipped (run 'npm ci' in bindings-wasm/ for binaryen, or WASM_OPT=0 was set)"
fi

log "smoke test (node): pkg, pkg-node and pkg-lite"
smoke "$WASM_DIR/pkg" web
smoke "$WASM_DIR/pkg-node" node
smoke "$WASM_DIR/pkg-lite" lite

size() { # file
    local raw gz
    raw=$(wc -c <"$1")
    gz=$(gzip -9c "$1" | wc -c)
    printf '  %-44s %8d bytes  (%d gzipped)\n' "${1#"$ROOT"/}" "$raw" "$gz"
}
echo "sizes:"
for f in "$WASM_DIR/pkg/${NAME}_bg.wasm" "$WASM_DIR/pkg/$NAME.js" \
         "$WASM_DIR/pkg-node/${NAME}_bg.wasm" "$WASM_DIR/pkg-node/$NAME.js" \
         "$WASM_DIR/pkg-lite/${NAME}_bg.wasm" "$WASM_DIR/pkg-lite/$NAME.js"; do
    size "$f"
done
