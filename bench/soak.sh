#!/bin/sh
# Soak: BENCH_SOAK_SECS (600) seconds of wrk at 256 connections on a mix of
# public pages and API calls and signed-in pages (bench/soak.lua) against
# `r1540 serve` on a demo database. Prints the errors (socket errors and
# answers other than 2xx/3xx), the p99, and the server's RSS at the start and
# the end with their ratio: the baseline is the same server's first minute
# (a 60 s run of the same mix before the soak), so growth over the soak
# shows as an RSS ratio above 1 and a p99 ratio against the first minute.
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/r1540
SECS=${BENCH_SOAK_SECS:-600}
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-soak.XXXXXX")
SPID=
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$PORT
"$BIN" --db "$T/demo.db" init --demo >/dev/null
echo 'correct horse battery staple' | "$BIN" --db "$T/demo.db" user add soak --role expert >/dev/null
# wrk's 256 connections all come from one address
"$BIN" --db "$T/demo.db" serve --listen "127.0.0.1:$PORT" --per-address 0 >"$T/server.log" 2>&1 &
SPID=$!
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/en/"; do sleep 0.1; i=$((i + 1)); done
curl -s -c "$T/jar" -H 'Content-Type: application/json' \
    -d '{"name":"soak","password":"correct horse battery staple"}' "$B/api/v1/login" >/dev/null
R1540_SOAK_COOKIE=$(awk '$6 == "r1540_session" { print $7 }' "$T/jar")
export R1540_SOAK_COOKIE
rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SPID/status"; }
# p99 in ms and errors from wrk's --latency output
p99() { awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                            printf "%.1f", u == "s" ? v * 1000 : u == "us" ? v / 1000 : v }' "$1"; }
errors() { awk '/Socket errors/ { gsub(/,/, ""); s = $4 + $6 + $8 + $10 }
                /Non-2xx or 3xx/ { n = $5 } END { print s + n + 0 }' "$1"; }
reqs() { awk '/requests in/ { print $1 }' "$1"; }

echo "== soak: 256 connections, public and signed-in mix"
wrk -t2 -c256 -d"${BENCH_SOAK_BASE_SECS:-60}s" --timeout 10s --latency -s bench/soak.lua "$B" >"$T/base.txt"
start=$(rss)
wrk -t2 -c256 -d"${SECS}s" --timeout 10s --latency -s bench/soak.lua "$B" >"$T/soak.txt"
end=$(rss)
printf '  %-22s %10s %8s %9s\n' run requests errors "p99 ms"
printf '  %-22s %10s %8s %9s\n' "first minute (base)" "$(reqs "$T/base.txt")" "$(errors "$T/base.txt")" "$(p99 "$T/base.txt")"
printf '  %-22s %10s %8s %9s\n' "soak ${SECS} s" "$(reqs "$T/soak.txt")" "$(errors "$T/soak.txt")" "$(p99 "$T/soak.txt")"
awk -v a="$(p99 "$T/base.txt")" -v b="$(p99 "$T/soak.txt")" -v s="$start" -v e="$end" 'BEGIN {
    printf "  p99 ratio soak / first minute: %.2f\n", (a > 0 ? b / a : 0)
    printf "  server RSS: %.1f MB at start, %.1f MB at the end (ratio %.2f)\n", s, e, (s > 0 ? e / s : 0) }'
