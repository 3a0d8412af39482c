#!/usr/bin/env bash
# Starts or stops the IRRd 4.5.4 lab peer that core/tests/whois.rs queries.
#
#   scripts/irrd.sh start    # install if missing, (re)start, load testdb/otherdb, wait until ready
#   scripts/irrd.sh stop     # stop IRRd, Redis and PostgreSQL of the lab
#   scripts/irrd.sh status   # exit 0 when the whois port answers !v
#
# Wraps ../shared/peers/irrd/{start,stop}-irrd.sh (or $ROUTEGUARD_PEERS/irrd/).
# Sources, in this order: TESTDB and OTHERDB (the lab's own files), then the
# filter fixtures of core/tests/fixtures/filter (RIPE, RIPE-NONAUTH, APNIC,
# AFRINIC with AS112's objects; FILTERDB) that the bgpq4 tests compare over.
# start prints the address to use:  export ROUTEGUARD_IRRD=127.0.0.1:8043
# Cold start (apt + pip install + initdb) takes about a minute, warm about 10 s.
# The full start log goes to $IRRD_LOG (default /tmp/irrd-lab-start.log).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS=${ROUTEGUARD_PEERS:-$ROOT/../shared/peers}
DIR=$PEERS/irrd
PORT=${WHOIS_PORT:-8043}
LOG=${IRRD_LOG:-/tmp/irrd-lab-start.log}

[ -x "$DIR/start-irrd.sh" ] || { echo "irrd.sh: $DIR/start-irrd.sh not found (set ROUTEGUARD_PEERS)" >&2; exit 1; }

answers() {
    command -v whois >/dev/null 2>&1 \
        && timeout 5 whois -h 127.0.0.1 -p "$PORT" '!v' 2>/dev/null | grep -q '^IRRd'
}

case "${1:-}" in
    start)
        t0=$(date +%s)
        FIX=$ROOT/core/tests/fixtures/filter
        if ! "$DIR/start-irrd.sh" "TESTDB=$DIR/testdb.rpsl" "OTHERDB=$DIR/otherdb.rpsl" \
            "RIPE=$FIX/ripe.rpsl" "RIPE-NONAUTH=$FIX/ripe-nonauth.rpsl" \
            "APNIC=$FIX/apnic.rpsl" "AFRINIC=$FIX/afrinic.rpsl" \
            "FILTERDB=$FIX/filterdb.rpsl" >"$LOG" 2>&1; then
            tail -40 "$LOG" >&2
            echo "irrd.sh: start-irrd.sh failed (full log: $LOG)" >&2
            exit 1
        fi
        answers || { tail -20 "$LOG" >&2; echo "irrd.sh: IRRd does not answer on 127.0.0.1:$PORT" >&2; exit 1; }
        echo "irrd.sh: IRRd ready on 127.0.0.1:$PORT after $(( $(date +%s) - t0 )) s (log: $LOG)" >&2
        echo "ROUTEGUARD_IRRD=127.0.0.1:$PORT"
        ;;
    stop)
        "$DIR/stop-irrd.sh" >&2
        ;;
    status)
        if answers; then echo "IRRd answers on 127.0.0.1:$PORT"; else echo "IRRd not answering on 127.0.0.1:$PORT"; exit 1; fi
        ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
