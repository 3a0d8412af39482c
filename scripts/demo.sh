#!/usr/bin/env bash
# Sets up only what the CLI needs (scripts/setup.sh --minimal: Rust and a C
# compiler; no browsers, databases or peers), builds the CLI, and runs the main job
# on the bundled sample data: RFC 6811 origin validation of examples/routes.txt
# against the rpki-client export examples/vrps.json, then the same routes
# checked against the IRR route objects of examples/irr.rpsl, then the AS paths
# of examples/paths.txt through every path check (ROV, ASPA, bogons, leaks),
# and last the MANRS report of a sample operator (examples/manrs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --minimal
cargo build --release --quiet -p routeguard-cli
routeguard() { "${CARGO_TARGET_DIR:-target}/release/routeguard" "$@"; }
echo "== routeguard vrps stats --input examples/vrps.json"
routeguard vrps stats --input examples/vrps.json
echo
echo "== routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt"
routeguard validate --vrps examples/vrps.json --format text < examples/routes.txt
echo
echo "== routeguard irr stats --irr examples/irr.rpsl"
routeguard irr stats --irr examples/irr.rpsl
echo
echo "== routeguard irr check --irr examples/irr.rpsl --vrps examples/vrps.json --format text < examples/routes.txt"
routeguard irr check --irr examples/irr.rpsl --vrps examples/vrps.json --format text --header < examples/routes.txt
echo
echo "== routeguard irr check --irr examples/irr.rpsl 198.51.100.0/24 AS64498"
routeguard irr check --irr examples/irr.rpsl 198.51.100.0/24 AS64498
echo
echo "== routeguard aspa verify --aspa examples/vrps.json --direction upstream --explain 64499 64496"
routeguard aspa verify --aspa examples/vrps.json --direction upstream --explain 64499 64496
echo
echo "== routeguard path check --vrps examples/vrps.json --aspa examples/vrps.json --asrel examples/asrel.txt --header < examples/paths.txt"
echo "   (documentation prefixes and ASNs are bogons on the Internet: the bogon column says so)"
routeguard path check --vrps examples/vrps.json --aspa examples/vrps.json --asrel examples/asrel.txt --header < examples/paths.txt
echo
echo "== routeguard bgpq4 --irr examples/manrs/irr.rpsl -A AS-EXAMPLENET   (bgpq4's command line and output, offline)"
routeguard bgpq4 --irr examples/manrs/irr.rpsl -A AS-EXAMPLENET
echo
echo "== routeguard filter --irr examples/manrs/irr.rpsl --vrps examples/manrs/vrps.json --format json AS-EXAMPLENET"
echo "   (each prefix with its origin and RPKI state; RPKI-invalid ones dropped)"
routeguard filter --irr examples/manrs/irr.rpsl --vrps examples/manrs/vrps.json --format json AS-EXAMPLENET
echo
echo "== routeguard manrs check --asn AS1000 … (examples/manrs: ExampleNet, a made-up transit network)"
echo "   (exit status 1: not every MANRS action conforms; remedy files in target/manrs-remedy/)"
w=examples/manrs
status=0
routeguard manrs check --asn AS1000 --routes $w/routes.txt --vrps $w/vrps.json --irr $w/irr.rpsl \
  --asrel $w/asrel.txt --peeringdb $w/peeringdb-net.json $w/peeringdb-poc.json \
  --facts $w/facts.json --spoofer $w/spoofer.csv --remedy target/manrs-remedy || status=$?
[ "$status" -le 1 ] || exit "$status"
