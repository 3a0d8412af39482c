#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), builds the CLI, and runs the main job
# on the bundled sample data: RFC 6811 origin validation of examples/routes.txt
# against the rpki-client export examples/vrps.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --quiet -p routeguard-cli
echo "== routeguard vrps stats --input examples/vrps.json"
target/release/routeguard vrps stats --input examples/vrps.json
echo
echo "== routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt"
target/release/routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt
