#!/usr/bin/env bash
# Runs every test of routeguard: Rust (unit, integration, proptest, doctests,
# real-data), clippy, the core's wasm32 build, Python (pytest + stubtest),
# WASM (node + headless Chromium), and the RTRlib end-to-end identity check.
# Real-data tests read ../shared/data (or $ROUTEGUARD_DATA); with CI=true they
# fail when it is missing, otherwise they skip with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TERM_COLOR=never
# Tests need optimised code, not the release profile's thin LTO: without it
# each of the ~45 test binaries and ~70 doctests links in a fraction of the
# time. Shipped builds (scripts/demo.sh, the wheel users build) keep LTO.
export CARGO_PROFILE_RELEASE_LTO=false
step() { printf '\n==== %s (%ss)\n' "$*" "$SECONDS" >&2; }

step "setup"
scripts/setup.sh

step "rustfmt"
cargo fmt --all --check

step "layers: each stage in core/src uses only earlier stages (scripts/check-layers.py)"
python3 scripts/check-layers.py --self-test
python3 scripts/check-layers.py

step "clippy (every crate and target, the bgpkit-commons bench peer, the rpki and ipnet conversions, the whois client and the RTR codec included)"
cargo clippy --workspace --all-targets --features routeguard/rpki-rtr,routeguard/rpki-objects,routeguard/net,routeguard/rtr,routeguard/ipnet --quiet -- -D warnings

step "rustdoc: the core's docs build without warnings (broken or ambiguous links)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet -p routeguard --no-deps --features net,rpki,rpki-objects,rtr,ipnet,io,mrt

step "core builds for wasm32 (no default features; and with gzip, as the WASM bindings use it)"
cargo build --quiet -p routeguard --no-default-features --target wasm32-unknown-unknown
cargo build --quiet -p routeguard --no-default-features --features gzip --target wasm32-unknown-unknown

step "IRRd peer for the whois client tests (scripts/irrd.sh; stopped on exit)"
stop_irrd() { scripts/irrd.sh stop >/dev/null 2>&1 || true; }
trap stop_irrd EXIT
scripts/irrd.sh start
export ROUTEGUARD_IRRD=127.0.0.1:8043

step "cargo test (release: the real-data tests load full snapshots)"
cargo test --release --workspace --exclude routeguard-benches --features routeguard/rpki-rtr,routeguard/rpki-objects,routeguard/net,routeguard/rtr,routeguard/ipnet
cargo test --release -p routeguard-benches --no-default-features

step "python: sdist, the abi3 wheel built from it, both checked; pytest (includes mypy.stubtest and mypy --strict)"
rm -rf target/dist
(cd bindings-python && "$ROOT/.venv/bin/maturin" sdist -o "$ROOT/target/dist")
CARGO_TARGET_DIR="$ROOT/target" .venv/bin/python -m pip wheel -q --no-deps -w target/dist target/dist/routeguard-*.tar.gz
.venv/bin/python scripts/check-dist.py target/dist
.venv/bin/python -m pip install -q --force-reinstall --no-deps target/dist/routeguard-*.whl
(cd bindings-python && "$ROOT/.venv/bin/python" -m pytest -q tests)

step "ansible collection routeguard.routing: ansible-test sanity (its build, playbook and ansible-doc tests are tests/test_ansible.py in the pytest step above)"
scripts/ansible-sanity.sh

step "wasm: build, node tests, browser tests"
scripts/build-wasm.sh
scripts/check-wasm-size.sh
scripts/build-www-standalone.sh
# Screenshots of every page section: kept as the CI run's artifact.
export ROUTEGUARD_SCREENSHOT_DIR="${ROUTEGUARD_SCREENSHOT_DIR:-$ROOT/target/artifacts/screenshots}"
mkdir -p "$ROUTEGUARD_SCREENSHOT_DIR"
(cd bindings-wasm && node --test tests/)
ls -1 "$ROUTEGUARD_SCREENSHOT_DIR"

step "RTRlib peer: identical RFC 6811 states for the full table"
benches/e2e-rov.sh --check

step "fuzz smoke: replay every regression input, then 10 s per target"
if cargo +nightly fuzz --version >/dev/null 2>&1; then
    FUZZ_NICE=0 fuzz/smoke.sh 10
elif [ "${CI:-}" = "true" ]; then
    echo "cargo-fuzz (nightly) missing under CI" >&2
    exit 1
else
    echo "SKIP: cargo +nightly fuzz not available" >&2
fi

step "all tests passed"
