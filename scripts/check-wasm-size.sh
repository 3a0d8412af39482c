#!/usr/bin/env bash
# Size budget of the WebAssembly modules (run after scripts/build-wasm.sh;
# CI runs it in the wasm step of scripts/test-all.sh). Sizes are gzip -9 of
# the optimised `_bg.wasm`, what a static server sends compressed:
#   bindings-wasm/pkg-lite  ≤ 300,000 bytes  the page's route checker
#                                            (issue 15: "wasm ≤ 300 KB gzipped")
#   bindings-wasm/pkg       ≤ 880,000 bytes  the full module, loaded lazily; a
#                                            regression guard a little above its
#                                            size when the budget was set
#                                            (2026-12-04, with snapshots: 842,464)
# Raise the full budget on purpose (with a note in benches/RESULTS.md), not
# to make a build pass. Exits 1 when a module is missing or over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
LITE_BUDGET=300000
FULL_BUDGET=880000
NAME=routeguard_wasm_bg.wasm

status=0
check() { # label dir budget
    local f=bindings-wasm/$2/$NAME raw gz
    if [ ! -f "$f" ]; then
        echo "check-wasm-size: $f is missing: run scripts/build-wasm.sh first" >&2
        status=1
        return
    fi
    raw=$(wc -c <"$f")
    gz=$(gzip -9c "$f" | wc -c)
    if [ "$gz" -le "$3" ]; then
        printf '  %-5s %-46s %9d bytes, %8d gzipped (budget %d): ok\n' "$1" "$f" "$raw" "$gz" "$3"
    else
        printf '  %-5s %-46s %9d bytes, %8d gzipped (budget %d): OVER by %d\n' \
            "$1" "$f" "$raw" "$gz" "$3" "$((gz - $3))"
        status=1
    fi
}
echo "wasm sizes (gzip -9):"
check lite pkg-lite "$LITE_BUDGET"
check full pkg "$FULL_BUDGET"
[ "$status" = 0 ] || echo "check-wasm-size: a WebAssembly module is over its size budget (see above)" >&2
exit "$status"
