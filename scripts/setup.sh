#!/usr/bin/env bash
# Installs everything routeguard's build and tests need on a fresh Debian
# machine (run as root, or with sudo available). Idempotent: a second run only
# checks. Usage: scripts/setup.sh [--minimal]
#   --minimal   only what building and running the CLI needs (scripts/demo.sh): Rust
#               (checked, not installed) and a C compiler with libc headers (the
#               linker, and the bzip2/xz decoders' C sources); no Python, WASM,
#               browser, database or routing peers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
minimal=0
[ "${1:-}" = "--minimal" ] && minimal=1

log() { printf '==> %s\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "apt-get install ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup) first" >&2; exit 1; }
# Linking, and the C parts of the decoders the CLI links (bzip2-sys, lzma-sys).
command -v cc >/dev/null || apt_install gcc libc6-dev
if [ $minimal = 1 ]; then
    log "minimal setup done (Rust, a C compiler)"
    exit 0
fi

# Debian packages: C toolchain bits, the RTRlib peer, the browser for the page tests.
apt_install build-essential pkg-config bzip2 librtr-dev chromium chromium-driver
# The IRRd peer for the whois client tests (scripts/irrd.sh; start-irrd.sh pip-installs IRRd itself).
apt_install postgresql redis-server whois bgpq4 python3-venv python3-dev gcc bc util-linux ca-certificates
# nftables checks the Linux anti-spoofing output (nft -c).
apt_install nftables
# StayRTR 0.5.1, the RTR peer (the tests start their own on loopback ports);
# the package's own service would listen on :8282 and fetch from the
# internet, so it is stopped where systemd runs it.
apt_install stayrtr
if command -v systemctl >/dev/null && systemctl is-active -q stayrtr 2>/dev/null; then
    $SUDO systemctl disable --now stayrtr >/dev/null 2>&1 || true
fi

log "rust targets"
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
    log "cargo install wasm-bindgen-cli $WB_VERSION"
    cargo install -q wasm-bindgen-cli --version "$WB_VERSION"
fi

# cargo-fuzz runs on the nightly toolchain the machine image carries.
if rustup toolchain list | grep -q '^nightly'; then
    if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
        log "cargo +nightly install cargo-fuzz"
        cargo +nightly install -q cargo-fuzz
    fi
else
    log "no nightly toolchain: fuzz smoke tests will be skipped"
fi

log "python venv (.venv): maturin, pytest, mypy"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
# requirements-dev.txt also pins nornir (tests/test_nornir.py runs in the pytest step).
.venv/bin/python -m pip install -q -r bindings-python/requirements-dev.txt
# ansible-core for the Ansible collection (bindings-python/ansible): the
# newest release that runs on Debian 12's Python 3.11 (2.20 needs 3.12).
log "ansible-core 2.19.14 into .venv (the routeguard.routing collection tests)"
.venv/bin/python -m pip install -q 'ansible-core==2.19.14'

# routeguard.spark's tests (bindings-python/tests/test_spark.py, in the pytest
# step): a Java runtime from Debian (17 on bookworm) and pinned PySpark wheels.
log "Java and PySpark (routeguard.spark tests)"
command -v java >/dev/null || apt_install default-jre-headless
.venv/bin/python -m pip install -q -r bindings-python/requirements-spark.txt

# The Arrow batch calls' tests (bindings-python/tests/test_arrow.py, in the
# pytest step): pyarrow and pandas as requirements-spark.txt pins them, and
# Polars, pinned here.
.venv/bin/python -m pip install -q 'polars==2.1.0'

log "node packages (bindings-wasm)"
(cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error)
log "setup done"
