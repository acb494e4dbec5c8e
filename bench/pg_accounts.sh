#!/bin/sh
# Signed-in requests on PostgreSQL against the same on SQLite (issue 14: signed-in
# uncached answers on PostgreSQL at least 0.7x SQLite's). Every signed-in
# request reads its session (and its user) from the store, so this is what the
# accounts area of the PostgreSQL backend costs per request:
#
#   session : GET /api/v1/tokens with a session cookie (the caller's tokens)
#   bearer  : GET /api/v1/users with an API token (Authorization: Bearer)
#
# Each backend gets a fresh database with two users and one token, and its own
# server; PostgreSQL runs in a throwaway cluster (tests/pg_cluster.sh, Unix
# socket). Load: wrk, 2 threads, 32 connections, BENCH_PG_SECS (5) seconds per
# answer, sharing the machine's cores with the server and PostgreSQL.
# Figures: requests per second and p99 latency of each, PostgreSQL/SQLite, and
# how many statements PostgreSQL runs for one request of each (its log).
set -eu
cd "$(dirname "$0")/.."
BIN=${R1540_BIN:-$PWD/r1540}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
SECS=${BENCH_PG_SECS:-5}
PW='correct horse battery staple'
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
for t in wrk curl; do
    command -v "$t" >/dev/null 2>&1 || { echo "pg_accounts bench: '$t' is missing (make deps)"; exit 1; }
done
. tests/pg_cluster.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-pgacc.XXXXXX")
cleanup() {
    # the servers are started in $(bench ...) subshells: their pids are in a file
    for p in $(cat "$T/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    pg_cluster_stop
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pg_cluster_start >"$T/pg.log" 2>&1 || { cat "$T/pg.log"; exit 1; }

# serve DB NAME: starts a server on DB, its base URL in $B
serve() {
    log=$T/serve.$2.log
    "$BIN" --db "$1" serve --listen 127.0.0.1:0 --notify-interval 0 --per-address 0 >"$log" 2>&1 &
    echo $! >>"$T/pids"
    i=0
    B=
    while [ $i -lt 100 ] && [ -z "$B" ]; do
        sleep 0.1
        port=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log")
        [ -n "$port" ] && B=http://127.0.0.1:$port
        i=$((i + 1))
    done
    [ -n "$B" ] || { echo "pg_accounts bench: no server on $2"; cat "$log"; exit 1; }
}

# run HEADER URL: "RPS P99" from wrk; errors are said
run() {
    wrk -t2 -c32 -d"${SECS}s" --latency -H "$1" "$2" >"$T/wrk.out" 2>&1
    if grep -q -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out"; then
        echo "pg_accounts bench: errors under load at $2:" >&2
        grep -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out" >&2
    fi
    awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" {
            v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v
        }
        END { if (rps == "" || p99 == "") exit 1; printf "%.0f %.2f\n", rps, p99 }
    ' "$T/wrk.out"
}

# per_request HEADER URL: how many statements PostgreSQL runs for one request
# (log_statement = all for the time of one request, counted in the cluster's
# log; r1540's statements are prepared, so each shows as "execute r1540_sN")
per_request() {
    curl -s -o /dev/null -H "$1" "$2"
    pg_psql r1540test -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 0.3
    n0=$(wc -l <"$PG_DIR/server.log")
    curl -s -o /dev/null -H "$1" "$2"
    sleep 0.3
    pg_psql r1540test -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
    tail -n +$((n0 + 1)) "$PG_DIR/server.log" | grep -c 'LOG:  execute r1540_s' || true
}

# bench DB NAME: sets up DB, serves it, prints "NAME session RPS P99 bearer RPS P99"
# (and, on the prepared PostgreSQL run, the statements per request of each)
bench() {
    "$BIN" --db "$1" init >/dev/null
    echo "$PW" | "$BIN" --db "$1" user add admin --role admin >/dev/null
    echo "$PW" | "$BIN" --db "$1" user add exp --role expert >/dev/null
    tok=$("$BIN" --db "$1" token add admin 2>/dev/null | head -1)
    serve "$1" "$2"
    curl -s -c "$T/jar" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"name\":\"exp\",\"password\":\"$PW\"}" "$B/api/v1/login"
    cookie=$(awk '$6 == "r1540_session" { print $7 }' "$T/jar")
    [ -n "$cookie" ] || { echo "pg_accounts bench: sign-in failed on $2"; exit 1; }
    for check in "Cookie: r1540_session=$cookie $B/api/v1/tokens" "Authorization: Bearer $tok $B/api/v1/users"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "${check% *}" "${check##* }")
        [ "$code" = 200 ] || { echo "pg_accounts bench: ${check##* } is $code on $2"; exit 1; }
    done
    line="$2 $(run "Cookie: r1540_session=$cookie" "$B/api/v1/tokens") $(run "Authorization: Bearer $tok" "$B/api/v1/users")"
    if [ "$2" = postgres ]; then
        line="$line $(per_request "Cookie: r1540_session=$cookie" "$B/api/v1/tokens")"
        line="$line $(per_request "Authorization: Bearer $tok" "$B/api/v1/users")"
    fi
    echo "$line"
}

sq=$(bench "$T/bench.db" sqlite)
pg=$(bench "$PG_URL" postgres)
# the same without the prepared statements (postgres_stmt.c), on a second database
pg_createdb unprepared
unp=$(export R1540_PG_PREPARE=0; bench "$(pg_url unprepared)" postgres-unprepared)
echo "signed-in API answers, wrk -t2 -c32, $SECS s each: requests/s, p99 ms"
echo "$sq $pg $unp" | awk '{
    printf "  session cookie  sqlite %6d/s p99 %6.2f   postgres %6d/s p99 %6.2f   ratio %.2f   unprepared %6d/s (%.2f)   %d statements/request\n", $2, $3, $7, $8, $7 / $2, $14, $14 / $2, $11
    printf "  bearer token    sqlite %6d/s p99 %6.2f   postgres %6d/s p99 %6.2f   ratio %.2f   unprepared %6d/s (%.2f)   %d statements/request\n", $4, $5, $9, $10, $9 / $4, $16, $16 / $4, $12
}'
