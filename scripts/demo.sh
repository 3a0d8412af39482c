#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), builds the CLI, and runs the main job
# on the bundled sample data: RFC 6811 origin validation of examples/routes.txt
# against the rpki-client export examples/vrps.json, then the same routes
# checked against the IRR route objects of examples/irr.rpsl, then the AS paths
# of examples/paths.txt through every path check (ROV, ASPA, bogons, leaks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --quiet -p routeguard-cli
echo "== routeguard vrps stats --input examples/vrps.json"
target/release/routeguard vrps stats --input examples/vrps.json
echo
echo "== routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt"
target/release/routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt
echo
echo "== routeguard irr stats --irr examples/irr.rpsl"
target/release/routeguard irr stats --irr examples/irr.rpsl
echo
echo "== routeguard irr check --irr examples/irr.rpsl --vrps examples/vrps.json --format text < examples/routes.txt"
target/release/routeguard irr check --irr examples/irr.rpsl --vrps examples/vrps.json --format text --header < examples/routes.txt
echo
echo "== routeguard irr check --irr examples/irr.rpsl 198.51.100.0/24 AS64498"
target/release/routeguard irr check --irr examples/irr.rpsl 198.51.100.0/24 AS64498
echo
echo "== routeguard aspa verify --aspa examples/vrps.json --direction upstream --explain 64499 64496"
target/release/routeguard aspa verify --aspa examples/vrps.json --direction upstream --explain 64499 64496
echo
echo "== routeguard path check --vrps examples/vrps.json --aspa examples/vrps.json --asrel examples/asrel.txt --header < examples/paths.txt"
echo "   (documentation prefixes and ASNs are bogons on the Internet: the bogon column says so)"
target/release/routeguard path check --vrps examples/vrps.json --aspa examples/vrps.json --asrel examples/asrel.txt --header < examples/paths.txt
