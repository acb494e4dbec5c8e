#!/bin/sh
# Hostile clients (bench/hostile.py): slow readers of the largest export,
# stalled uploads and cache-busting URLs at once for BENCH_HOSTILE_SECS (30)
# seconds against `r1540 serve` on a demo database, with normal requests made
# throughout. Prints the server's peak RSS (target < 200 MB) and the p99 of
# the normal requests, with its ratio to the same requests on the quiet
# server just before (the baseline, in the same run).
set -eu
cd "$(dirname "$0")/.."
BIN=${R1540_BIN:-$PWD/r1540}
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-hostile.XXXXXX")
SPID=
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" --db "$T/demo.db" init --demo >/dev/null
"$BIN" --db "$T/demo.db" serve --listen "127.0.0.1:$PORT" >"$T/server.log" 2>&1 &
SPID=$!
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "http://127.0.0.1:$PORT/en/"; do sleep 0.1; i=$((i + 1)); done
echo "== hostile clients"
python3 bench/hostile.py "$PORT" "$SPID" "${BENCH_HOSTILE_SECS:-30}" "${BENCH_HOSTILE_QUIET:-10}"
