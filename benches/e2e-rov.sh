#!/usr/bin/env bash
# End-to-end origin validation: `routeguard validate --format csv` against the
# RTRlib 0.8 pfx_table harness (benches/rtrlib/rtrlib-rov) on the same routes.
#
#   benches/e2e-rov.sh           identity check, then timings (hyperfine if
#                                present, else a few timed runs of each)
#   benches/e2e-rov.sh --check   identity check only (one run of each; for CI)
#
# Options: --runs N (timed runs, default 5), --workdir DIR (keep the inputs and
# outputs there instead of a temporary directory), --min-ratio R (exit 1 when
# routeguard is not at least R times faster by mean wall time; off by default,
# since shared machines make timings noisy).
#
# Inputs (written by the `rov-prep` helper of benches/): the rpki-client
# snapshot decompressed to vrps.json (routeguard reads it), the same VRPs as
# Routinator CSV (RTRlib has no JSON reader; the harness reads the CSV), and
# routes.txt: the 998,014 usable pfx2as routes plus one route per non-AS0 IPv6
# VRP, `PREFIX ASN` per line. Shared data: $ROUTEGUARD_DATA or ../shared/data;
# when missing the script skips (exit 0), except under CI=true (exit 1).
#
# The identity check compares every output line's prefix, origin and state
# (routeguard's optional reason column is ignored) and exits 1 on any
# difference, printing the count and the first mismatches.
#
# Needs: cargo, gcc, make, Debian's librtr-dev; hyperfine is optional.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
check_only=0
runs=5
workdir=""
min_ratio=""
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check_only=1 ;;
        --runs) runs="$2"; shift ;;
        --workdir) workdir="$2"; shift ;;
        --min-ratio) min_ratio="$2"; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "e2e-rov: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

data="${ROUTEGUARD_DATA:-$root/../shared/data}"
if [ ! -f "$data/vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2" ] ||
   [ ! -f "$data/bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz" ]; then
    echo "e2e-rov: SKIP: shared data not found under $data (set ROUTEGUARD_DATA)" >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
fi
export ROUTEGUARD_DATA="$(cd "$data" && pwd)"

if [ ! -f /usr/include/rtrlib/rtrlib.h ]; then
    echo "e2e-rov: RTRlib headers missing: apt-get install -y librtr-dev" >&2
    exit 1
fi

echo "e2e-rov: building routeguard (release), rov-prep and the RTRlib harness" >&2
(cd "$root" && cargo build --release --quiet -p routeguard-cli --bin routeguard &&
    cargo build --release --quiet -p routeguard-benches --no-default-features --bin rov-prep)
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
rg="$target/release/routeguard"
prep="$target/release/rov-prep"
make -s -C "$here/rtrlib" rtrlib-rov
rt="$here/rtrlib/rtrlib-rov"

if [ -z "$workdir" ]; then
    workdir="$(mktemp -d)"
    trap 'rm -rf "$workdir"' EXIT
fi
mkdir -p "$workdir"
"$prep" "$workdir"
cd "$workdir"

echo "e2e-rov: routeguard validate" >&2
"$rg" validate --quiet --vrps vrps.json --format csv < routes.txt > routeguard.csv
echo "e2e-rov: RTRlib pfx_table harness" >&2
"$rt" vrps.csv < routes.txt > rtrlib.csv

n_routes=$(grep -c . routes.txt)
n_rg=$(wc -l < routeguard.csv)
n_rt=$(wc -l < rtrlib.csv)
cut -d, -f1-3 routeguard.csv | paste -d, - rtrlib.csv | awk -F, -v want="$n_routes" '
    { n++; c[$3]++ }
    $1 != $4 || $2 != $5 { misaligned++; if (shown++ < 10) printf "line %d: routeguard %s %s, rtrlib %s %s\n", NR, $1, $2, $4, $5; next }
    $3 != $6 { mismatches++; if (shown++ < 10) printf "line %d: %s %s routeguard=%s rtrlib=%s\n", NR, $1, $2, $3, $6 }
    END {
        printf "e2e-rov: %d routes compared (of %d input); states (routeguard): valid %d, invalid %d, not-found %d\n",
            n, want, c["valid"], c["invalid"], c["not-found"]
        printf "e2e-rov: %d state mismatches, %d misaligned lines\n", mismatches, misaligned
        exit (mismatches + misaligned > 0 || n != want) ? 1 : 0
    }' || { echo "e2e-rov: FAIL: routeguard and RTRlib disagree" >&2; exit 1; }
if [ "$n_rg" != "$n_routes" ] || [ "$n_rt" != "$n_routes" ]; then
    echo "e2e-rov: FAIL: line counts differ (routes $n_routes, routeguard $n_rg, rtrlib $n_rt)" >&2
    exit 1
fi
echo "e2e-rov: identical states for all $n_routes routes"

[ "$check_only" = 1 ] && exit 0

echo "e2e-rov: timing ($runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg))"
rg_cmd="$rg validate --quiet --vrps vrps.json --format csv < routes.txt > routeguard.csv"
rt_cmd="$rt vrps.csv < routes.txt > rtrlib.csv 2>/dev/null"
if command -v hyperfine > /dev/null; then
    hyperfine --warmup 1 --runs "$runs" --export-json timings.json \
        -n routeguard "$rg_cmd" -n rtrlib "$rt_cmd" >&2
    read -r rg_mean rt_mean < <(python3 -c '
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open("timings.json"))["results"]}
print(r["routeguard"], r["rtrlib"])')
else
    best() {
        local cmd="$1" t best=""
        for _ in $(seq "$runs"); do
            t=$( { TIMEFORMAT=%R; time bash -c "$cmd" ; } 2>&1 | tail -1 )
            if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
        done
        echo "$best"
    }
    rg_mean=$(best "$rg_cmd")
    rt_mean=$(best "$rt_cmd")
    echo "(no hyperfine: best of $runs wall times)" >&2
fi
ratio=$(awk -v a="$rt_mean" -v b="$rg_mean" 'BEGIN{printf "%.2f", a/b}')
printf 'e2e-rov: routeguard %.3f s, RTRlib harness %.3f s: routeguard %s x faster (target >= 5x)\n' \
    "$rg_mean" "$rt_mean" "$ratio"
"$rt" vrps.csv < routes.txt 2>&1 > /dev/null | sed 's/^/e2e-rov: (harness) /'
if [ -n "$min_ratio" ] && awk -v r="$ratio" -v m="$min_ratio" 'BEGIN{exit !(r<m)}'; then
    echo "e2e-rov: FAIL: speed-up $ratio below --min-ratio $min_ratio" >&2
    exit 1
fi
