#!/usr/bin/env bash
# Builds every fuzz target, replays the committed reproducers in
# fuzz/regressions/<target>/, then fuzzes each target for N seconds, one
# after the other (single worker each).
#
#   fuzz/smoke.sh            # 20 s per target
#   fuzz/smoke.sh 180        # 3 min per target
#   fuzz/smoke.sh 60 slurm load_json    # only these targets
#
# Environment:
#   FUZZ_BUILD_FLAGS  flags for `cargo fuzz build` (default: no sanitizer —
#                     core is #![forbid(unsafe_code)] — with debug assertions,
#                     so integer overflow panics like in a debug build)
#   FUZZ_RSS_MB       libFuzzer -rss_limit_mb (default 2048)
#   FUZZ_TIMEOUT      libFuzzer -timeout per input, seconds (default 10)
#   FUZZ_NICE         nice level (default 5)
#   FUZZ_REPLAY_ONLY  1: build and replay the regressions, no fuzzing
#
# Logs: fuzz/artifacts/logs/<target>.log; crashes: fuzz/artifacts/<target>/.
# Exit status: non-zero when a build fails, a reproducer still fails, or a
# fuzz run found something.
set -uo pipefail

FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FUZZ"
SECS="${1:-20}"
shift || true
ALL=(load_json load_csv load_openbgpd load_bird load_sniffed slurm prefix_asn rov_index write_roundtrip rpsl rpsl_policy irr_db whois_answer as_path as_rel bogon_list decompress peeringdb sav_facts spoofer mrt bgpq4_args device_config prefix_list bgpq4_prefix decode_roa decode_aspa decode_cer rtr_pdu batch_columns vrp_snapshot)
[ "$#" -gt 0 ] && TARGETS=("$@") || TARGETS=("${ALL[@]}")
BUILD_FLAGS="${FUZZ_BUILD_FLAGS:---sanitizer none --debug-assertions}"
RSS="${FUZZ_RSS_MB:-2048}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
NICE="${FUZZ_NICE:-5}"
LOGS="$FUZZ/artifacts/logs"
mkdir -p "$LOGS"

dict_for() {
    case "$1" in
        load_json) echo dict/json.dict ;;
        slurm) echo dict/slurm.dict ;;
        load_csv) echo dict/csv.dict ;;
        load_openbgpd|load_bird) echo dict/text.dict ;;
        prefix_asn) echo dict/prefix_asn.dict ;;
        rpsl|rpsl_policy) echo dict/rpsl.dict ;;
        load_sniffed|write_roundtrip) echo dict/json.dict ;;
        *) echo "" ;;
    esac
}

echo "== build ($BUILD_FLAGS)"
# shellcheck disable=SC2086
if ! nice -n "$NICE" cargo +nightly fuzz build $BUILD_FLAGS; then
    echo "build failed" >&2
    exit 2
fi
TRIPLE="$(rustc +nightly -vV | sed -n 's/^host: //p')"
BIN="$FUZZ/target/$TRIPLE/release"

[ -d corpus ] || ./seed.sh

status=0
echo "== replay fuzz/regressions"
for t in "${TARGETS[@]}"; do
    dir="regressions/$t"
    [ -d "$dir" ] || continue
    mapfile -t files < <(find "$dir" -type f ! -name '*.md' ! -name '*.txt' | sort)
    [ "${#files[@]}" -gt 0 ] || continue
    for f in "${files[@]}"; do
        if "$BIN/$t" -rss_limit_mb="$RSS" -timeout="$TIMEOUT" "$f" > "$LOGS/replay_$t.log" 2>&1; then
            echo "ok      $f"
        else
            echo "FAILED  $f (see $LOGS/replay_$t.log)"
            status=1
        fi
    done
done
[ "${FUZZ_REPLAY_ONLY:-0}" = 1 ] && exit "$status"

echo "== fuzz ${SECS}s per target"
printf '%-16s %10s %8s %6s %7s %7s  %s\n' target execs exec/s secs cov ft result
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    d="$(dict_for "$t")"
    dictarg=()
    [ -n "$d" ] && dictarg=(-dict="$d")
    log="$LOGS/$t.log"
    start=$(date +%s)
    # shellcheck disable=SC2086
    nice -n "$NICE" cargo +nightly fuzz run $BUILD_FLAGS "$t" "corpus/$t" -- \
        -max_total_time="$SECS" -rss_limit_mb="$RSS" -timeout="$TIMEOUT" \
        -print_final_stats=1 "${dictarg[@]}" > "$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        result="FOUND (rc $rc): $(grep -m1 -E '^(==[0-9]+== ERROR|thread .* panicked|SUMMARY|.*ERROR: libFuzzer)' "$log" | cut -c1-120)"
        status=1
    fi
    printf '%-16s %10s %8s %6s %7s %7s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$secs" "${cov:-?}" "${ft:-?}" "$result"
done
exit "$status"
