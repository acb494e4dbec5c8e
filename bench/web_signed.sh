#!/bin/sh
# Signed-in pages under load: what an expert and a state's point of contact
# see, against the anonymous public page the answer cache serves.
#
#   signed in : an expert's largest draft version page (~180 KB), the expert's
#               workspace, the requests list, and the point of contact's
#               workspace, each with its session cookie. These are never
#               answered from the answer cache (it serves anonymous GETs
#               only): the script checks that each answer carries the user's
#               own CSRF token and says Cache-Control: no-store.
#   baseline  : the anonymous public state page (/en/states/FRA), served from
#               the answer cache after its first hit, in the same run.
#
# Load: wrk, 2 threads, 64 connections, BENCH_WEB_SECS (10) seconds per page,
# on the demo data (`r1540 init --demo`) with the server's default threads,
# sharing the machine's 2 cores with wrk. Figures: requests per second and the
# 99th percentile latency, their ratios to the targets (>= 1500 requests/s,
# p99 <= 100 ms) and to the baseline, and the time of one request alone
# (curl's time_total, the median of BENCH_WEB_ONE (21) requests in a row).
# R1540_BIN runs another binary (a build of an earlier commit, to compare).
set -eu
cd "$(dirname "$0")/.."
BIN=${R1540_BIN:-$PWD/r1540}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
SECS=${BENCH_WEB_SECS:-10}
ONE=${BENCH_WEB_ONE:-21}
PW='correct horse battery staple'
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
for t in wrk curl python3 sqlite3; do
    command -v "$t" >/dev/null 2>&1 || { echo "web_signed bench: '$t' is missing (make deps)"; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-websigned.XXXXXX")
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
# the draft with the most entries: the largest page an expert edits
DRAFT=$(sqlite3 "$T/demo.db" "SELECT v.state || '/versions/' || v.number FROM matrix_version v
    JOIN matrix_entry e ON e.version_id = v.id WHERE v.status = 'draft'
    GROUP BY v.id ORDER BY count(*) DESC, v.id LIMIT 1")
POC_STATE=${DRAFT%%/*}
echo "$PW" | "$BIN" --db "$T/demo.db" user add exp --role expert >/dev/null
echo "$PW" | "$BIN" --db "$T/demo.db" user add poc --role poc --state "$POC_STATE" >/dev/null
# wrk's 64 connections all come from one address
"$BIN" --db "$T/demo.db" serve --listen "127.0.0.1:$PORT" --per-address 0 >"$T/server.log" 2>&1 &
SPID=$!
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/en/"; do sleep 0.1; i=$((i + 1)); done

# sign_in USER: the session cookie's value on stdout, the CSRF token in $T/csrf.USER
sign_in() {
    curl -s -c "$T/jar.$1" -o "$T/login.$1" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"password\":\"$PW\"}" "$B/api/v1/login"
    sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/login.$1" >"$T/csrf.$1"
    awk '$6 == "r1540_session" { print $7 }' "$T/jar.$1"
}
EXP=$(sign_in exp)
POC=$(sign_in poc)
[ -n "$EXP" ] && [ -n "$POC" ] || { echo "web_signed bench: sign-in failed"; exit 1; }

# check USER COOKIE PATH: the signed-in answer is the user's own (their CSRF
# token in the page) and not cacheable; prints its size in KiB.
check() {
    curl -s -D "$T/hdr" -o "$T/page" -H "Cookie: r1540_session=$2" "$B$3"
    grep -q "^HTTP/1.1 200" "$T/hdr" || { echo "web_signed bench: $3 as $1 is not 200"; exit 1; }
    grep -qF "$(cat "$T/csrf.$1")" "$T/page" ||
        { echo "web_signed bench: $3 as $1 lacks the user's CSRF token"; exit 1; }
    tr -d '\r' <"$T/hdr" | grep -qi '^cache-control: no-store$' ||
        { echo "web_signed bench: $3 as $1 may be cached"; exit 1; }
    echo $(($(wc -c <"$T/page") / 1024))
}

# one COOKIE PATH: the median time_total of ONE requests in a row, in ms.
one() {
    for i in $(seq "$ONE"); do
        curl -s -o /dev/null -w '%{time_total}\n' ${1:+-H "Cookie: r1540_session=$1"} "$B$2"
    done | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }'
}

# run COOKIE PATH: wrk's requests/s and p99 in ms, as "RPS P99"; errors are said.
run() {
    wrk -t2 -c64 -d"${SECS}s" --latency ${1:+-H "Cookie: r1540_session=$1"} "$B$2" >"$T/wrk.out" 2>&1
    if grep -q -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out"; then
        echo "web_signed bench: errors under load at $2:" >&2
        grep -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out" >&2
    fi
    awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" {
            v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v
        }
        END { if (rps == "" || p99 == "") exit 1; printf "%.0f %.2f\n", rps, p99 }
    ' "$T/wrk.out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# the baseline: the anonymous public page, cached after its first hit
curl -s -o /dev/null "$B/en/states/FRA"
base_one=$(one "" /en/states/FRA)
set -- $(run "" /en/states/FRA)
base_rps=$1 base_p99=$2

echo "demo data; wrk -t2 -c64, ${SECS} s per page;" \
    "$(sed -n 's/.*(\([0-9]*\) threads).*/\1/p' "$T/server.log") server threads;" \
    "one request: median of $ONE"
printf '%-28s %5s %8s %9s %9s %9s %9s %9s\n' "page" "KiB" "one ms" "r/s" "r/s/1500" \
    "r/s/base" "p99 ms" "p99/100"
printf '%-28s %5s %8s %9s %9s %9s %9s %9s\n' "anonymous state (baseline)" \
    "$(($(curl -s "$B/en/states/FRA" | wc -c) / 1024))" "$base_one" "$base_rps" \
    "$(ratio "$base_rps" 1500)" "1.00" "$base_p99" "$(ratio "$base_p99" 100)"
miss=0
for spec in "expert draft $DRAFT|exp|/en/states/$DRAFT" "expert workspace|exp|/en/workspace" \
    "expert requests list|exp|/en/assistance/requests" "poc workspace|poc|/en/workspace" \
    "poc requests list|poc|/en/assistance/requests"; do
    name=${spec%%|*} rest=${spec#*|}
    user=${rest%%|*} path=${rest#*|}
    [ "$user" = exp ] && cookie=$EXP || cookie=$POC
    kib=$(check "$user" "$cookie" "$path")
    t1=$(one "$cookie" "$path")
    set -- $(run "$cookie" "$path")
    printf '%-28s %5s %8s %9s %9s %9s %9s %9s\n' "$name" "$kib" "$t1" "$1" "$(ratio "$1" 1500)" \
        "$(ratio "$1" "$base_rps")" "$2" "$(ratio "$2" 100)"
    awk -v r="$1" -v p="$2" 'BEGIN { exit !(r >= 1500 && p <= 100) }' || miss=$((miss + 1))
done
echo "targets: >= 1500 requests/s and p99 <= 100 ms ($miss of 5 signed-in pages miss them)"
